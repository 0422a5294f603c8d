#!/usr/bin/env bash
# Measures caselint against its floors on the same files, in one run (bench/README.md):
#   read   — examples/read_only: the same walk + parallel read of the bytes, nothing else
#   parse  — examples/parse_only: + quick-xml events / calamine ranges, no model, no checks
#   full   — caselint check --format json > /dev/null
#   lxml   — bench/lxml_parse.py: a Python lxml loop that only parses (small folders; optional,
#            skipped when python3 cannot import lxml)
# on a generated corpus (crates/corpus/examples/gen_corpus; nothing large is kept in git), plus the
# pathological shapes of issue 16 (a case copied COPIES times, one party on one day in ONEPARTY
# ledger rows, SMALLF cases in FOLDERS small brigade folders), whose cost must stay linear.
# Settings (environment): CASES ROWS BRIGADES SEED REPEAT DIR OUT COPIES ONEPARTY SMALLF
# FOLDERS LIMIT ONLY (ONLY=shapes runs the shapes alone, ONLY=main the corpora alone)
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-100000}       # XML case files
ROWS=${ROWS:-100000}         # rows in the one ledger
BRIGADES=${BRIGADES:-20}
SEED=${SEED:-1}
REPEAT=${REPEAT:-3}          # runs per measurement; the fastest wall time, the largest RSS
DIR=${DIR:-/tmp/caselint-bench}
SMALL=${SMALL:-10000}        # the smaller clean corpus for the memory comparison
OUT=${OUT:-$DIR/results.txt}
COPIES=${COPIES:-3000}       # one case, copied
ONEPARTY=${ONEPARTY:-20000}  # ledger rows: one party, one day, one provision
SMALLF=${SMALLF:-17600}      # cases in…
FOLDERS=${FOLDERS:-110}      # …this many brigade folders (~160 files each)
LIMIT=${LIMIT:-300}          # seconds before a run is stopped and reported as "timeout"
ONLY=${ONLY:-all}

if [ ! -x /usr/bin/time ]; then
  echo "bench/run.sh needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2
  exit 2
fi

cargo build --release --bin caselint --example gen_corpus --example parse_only --example read_only >&2
T=${CARGO_TARGET_DIR:-target}/release
CASELINT=$T/caselint
mkdir -p "$DIR"

# gen NAME ARGS… — writes the corpus once; a stamp file records the arguments it was made with.
gen() {
  local name=$1; shift
  local want="$*"
  if [ "$(cat "$DIR/$name.stamp" 2>/dev/null)" != "$want" ]; then
    rm -rf "${DIR:?}/$name"
    echo "generating $name: $want" >&2
    "$T/examples/gen_corpus" "$DIR/$name" "$@" > "$DIR/$name.gen.txt"
    echo "$want" > "$DIR/$name.stamp"
  fi
}
# The year's ledger is an issue-16 shape too (≤ 1.5× calamine's read), so both sets use it.
gen ledger --cases 0 --ledgers 1 --rows "$ROWS" --brigades 1 --seed "$SEED" --defect-rate 0.05
if [ "$ONLY" != shapes ]; then
  gen xml --cases "$CASES" --brigades "$BRIGADES" --seed "$SEED" --defect-rate 0.05
  gen clean-small --cases "$SMALL" --brigades "$BRIGADES" --seed "$SEED" --defect-rate 0
  gen clean-large --cases "$CASES" --brigades "$BRIGADES" --seed "$SEED" --defect-rate 0
fi
if [ "$ONLY" != main ]; then
  gen copies --copies "$COPIES" --seed "$SEED"
  gen one-party --one-party-rows "$ONEPARTY" --seed "$SEED"
  gen small-folders --cases "$SMALLF" --brigades "$FOLDERS" --seed "$SEED" --defect-rate 0
fi

now() { date +%s.%N; }

# measure LABEL DATASET THREADS CMD… — prints "LABEL DATASET THREADS wall_s rss_kb cpu_s out_bytes"
# (cpu_s = user + system seconds of the fastest run: unlike wall time, it hardly moves when
# other processes share the cores).
measure() {
  local label=$1 data=$2 threads=$3; shift 3
  local best="" rss=0 cpu=0 t0 t1 wall r code bytes=0
  for _ in $(seq "$REPEAT"); do
    t0=$(now)
    code=0
    /usr/bin/time -f "%M %U %S" -o "$DIR/time.txt" timeout "$LIMIT" "$@" 2> "$DIR/stderr.txt" \
      | wc -c > "$DIR/bytes.txt" || code=$?
    t1=$(now)
    bytes=$(cat "$DIR/bytes.txt")
    if grep -q "Command exited with non-zero status 124" "$DIR/time.txt"; then
      echo "$label $data $threads timeout 0 0 $bytes"; return
    fi
    # caselint exits 1 when it has findings; 2 or a signal is a failed run.
    if [ "$code" -ne 0 ] && ! grep -qx "Command exited with non-zero status 1" "$DIR/time.txt"; then
      echo "failed: $*" >&2; cat "$DIR/time.txt" "$DIR/stderr.txt" >&2; exit 1
    fi
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    read -r r u sy < <(tail -1 "$DIR/time.txt")
    if [ -z "$best" ] || awk -v w="$wall" -v b="$best" 'BEGIN { exit !(w < b) }'; then
      best=$wall
      cpu=$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%.2f", u + s }')
    fi
    if [ "$r" -gt "$rss" ]; then rss=$r; fi
  done
  echo "$label $data $threads $best $rss $cpu $bytes"
}

run_set() {
  local data=$1
  # Warm the page cache so every mode reads from memory.
  "$T/examples/read_only" "$DIR/$data" > /dev/null
  for j in 1 2; do
    measure read "$data" "$j" "$T/examples/read_only" -j "$j" "$DIR/$data"
    measure parse "$data" "$j" "$T/examples/parse_only" -j "$j" "$DIR/$data"
    measure full "$data" "$j" "$CASELINT" check --format json -j "$j" "$DIR/$data"
  done
}

# The pathological shapes: full check (JSON; junit and the table too on the copies).
run_shapes() {
  "$T/examples/read_only" "$DIR/small-folders" > /dev/null
  for j in 1 2; do
    measure read small-folders "$j" "$T/examples/read_only" -j "$j" "$DIR/small-folders"
    measure parse small-folders "$j" "$T/examples/parse_only" -j "$j" "$DIR/small-folders"
    measure full small-folders "$j" "$CASELINT" check --format json -j "$j" "$DIR/small-folders"
  done
  measure junit small-folders 2 "$CASELINT" check --format junit -j 2 "$DIR/small-folders"
  # The issue-16 yardstick: a Python lxml loop that only parses (one process, one thread).
  if python3 -c 'import lxml' 2> /dev/null; then
    measure lxml small-folders 1 python3 bench/lxml_parse.py "$DIR/small-folders"
  else
    echo "note: lxml small-folders skipped (python3 -c 'import lxml' failed)" >&2
  fi
  measure full copies 2 "$CASELINT" check --format json -j 2 "$DIR/copies"
  measure junit copies 2 "$CASELINT" check --format junit -j 2 "$DIR/copies"
  measure table copies 2 "$CASELINT" check -j 2 "$DIR/copies"
  measure parse one-party 1 "$T/examples/parse_only" -j 1 "$DIR/one-party"
  measure full one-party 1 "$CASELINT" check --format json -j 1 "$DIR/one-party"
  # As a user runs it (every core): the goal's measure; one thread for comparison.
  measure full one-party 2 "$CASELINT" check --format json -j 2 "$DIR/one-party"
  # The year's ledger beside calamine's read of it (the main set measures both already).
  if [ "$ONLY" = shapes ]; then
    "$T/examples/read_only" "$DIR/ledger" > /dev/null
    measure parse ledger 1 "$T/examples/parse_only" -j 1 "$DIR/ledger"
    measure full ledger 2 "$CASELINT" check --format json -j 2 "$DIR/ledger"
  fi
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
{
  if [ "$ONLY" != shapes ]; then
    run_set xml
    measure junit xml 2 "$CASELINT" check --format junit -j 2 "$DIR/xml"
    run_set ledger
    # Memory against corpus size: clean files only (no findings to keep).
    measure full clean-small 2 "$CASELINT" check --format json -j 2 "$DIR/clean-small"
    measure full clean-large 2 "$CASELINT" check --format json -j 2 "$DIR/clean-large"
  fi
  if [ "$ONLY" != main ]; then run_shapes; fi
} > "$DIR/raw.txt"

bytes_of() { du -sb "$DIR/$1" | cut -f1; }
files_of() { find "$DIR/$1" -type f | wc -l; }

{
  echo "# caselint benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "# rustc: $(rustc --version)"
  echo "# corpus: CASES=$CASES ROWS=$ROWS BRIGADES=$BRIGADES SEED=$SEED; REPEAT=$REPEAT (fastest wall, largest RSS)"
  echo "# load average before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
  printf "%-6s %-13s %2s %9s %8s %11s %9s %11s %9s %10s\n" mode dataset j wall_s cpu_s files/s MB/s rows/s rss_MiB out_MB
  while read -r label data j wall rss cpu out; do
    b=$(bytes_of "$data"); f=$(files_of "$data")
    rows=0; [ "$data" = ledger ] && rows=$ROWS; [ "$data" = one-party ] && rows=$ONEPARTY
    if [ "$wall" = timeout ]; then
      printf "%-6s %-13s %2s %9s   (stopped after %s s; %s bytes written)\n" "$label" "$data" "$j" timeout "$LIMIT" "$out"
      continue
    fi
    awk -v l="$label" -v d="$data" -v j="$j" -v w="$wall" -v r="$rss" -v b="$b" -v f="$f" -v n="$rows" -v c="$cpu" -v o="$out" \
      'BEGIN { printf "%-6s %-13s %2s %9.3f %8.2f %11.0f %9.1f %11.0f %9.1f %10.2f\n", l, d, j, w, c, f/w, b/w/1048576, n/w, r/1024, o/1048576 }'
  done < "$DIR/raw.txt"
  echo
  awk -v only="$ONLY" '
    { w[$1" "$2" "$3] = $4; m[$1" "$2" "$3] = $5; c[$1" "$2" "$3] = $6 }
    function r(a, b) { return (w[a] == "timeout" || w[b] == "timeout" || w[b] == 0) ? "n/a" : sprintf("%.2f", w[a] / w[b]) }
    function rc(a, b) { return (w[a] == "timeout" || c[b] == 0) ? "n/a" : sprintf("%.2f", c[a] / c[b]) }
    END {
      if (only != "main") {
        printf "small folders full ÷ parse-only (2 threads): %s   CPU: %s\n", r("full small-folders 2", "parse small-folders 2"), rc("full small-folders 2", "parse small-folders 2")
        printf "small folders scaling 1→2 threads, full:     %s×\n", r("full small-folders 1", "full small-folders 2")
        printf "small folders full CPU ÷ wall (2 threads):   %s  (2.0 = both cores busy)\n", (w["full small-folders 2"] > 0 ? sprintf("%.2f", c["full small-folders 2"] / w["full small-folders 2"]) : "n/a")
        printf "small folders junit ÷ json (2 threads):      %s\n", r("junit small-folders 2", "full small-folders 2")
        if (("lxml small-folders 1") in w)
          printf "small folders lxml parse ÷ full (2 threads): %s   CPU: %s  (goal ≥ 2)\n", r("lxml small-folders 1", "full small-folders 2"), rc("lxml small-folders 1", "full small-folders 2")
        else
          printf "small folders lxml parse ÷ full (2 threads): n/a (python3 lxml not installed)\n"
        printf "copies of one case: json %s s, junit %s s, table %s s\n", w["full copies 2"], w["junit copies 2"], w["table copies 2"]
        printf "one party in %s rows: full ÷ calamine %s (2 threads; goal ≤ 3), %s (1 thread)\n", "'"$ONEPARTY"'", r("full one-party 2", "parse one-party 1"), r("full one-party 1", "parse one-party 1")
        printf "%s-row ledger: full (2 threads) ÷ calamine %s   CPU: %s  (goal ≤ 1.5)\n", "'"$ROWS"'", r("full ledger 2", "parse ledger 1"), rc("full ledger 2", "parse ledger 1")
      }
      if (only == "shapes") exit

      printf "xml    full ÷ parse-only (2 threads): %.2f   (goal ≤ 1.5)\n", w["full xml 2"] / w["parse xml 2"]
      printf "xml    full ÷ parse-only, CPU time:   %.2f\n", c["full xml 1"] / c["parse xml 1"]
      printf "xml    full ÷ read       (2 threads): %.2f\n", w["full xml 2"] / w["read xml 2"]
      printf "xml    scaling 1→2 threads, full:     %.2f×  (goal ≥ 1.7×)\n", w["full xml 1"] / w["full xml 2"]
      printf "xml    scaling 1→2 threads, parse:    %.2f×\n", w["parse xml 1"] / w["parse xml 2"]
      printf "xml    scaling 1→2 threads, read:     %.2f×\n", w["read xml 1"] / w["read xml 2"]
      printf "ledger full ÷ calamine (1 thread):    %.2f   (goal ≤ 1.3)\n", w["full ledger 1"] / w["parse ledger 1"]
      printf "ledger full ÷ calamine, CPU time:     %.2f\n", c["full ledger 1"] / c["parse ledger 1"]
      printf "ledger full ÷ read     (1 thread):    %.2f\n", w["full ledger 1"] / w["read ledger 1"]
      printf "peak RSS, clean corpus: %.1f MiB (small) vs %.1f MiB (large)\n", m["full clean-small 2"] / 1024, m["full clean-large 2"] / 1024
    }' "$DIR/raw.txt"
} | tee "$OUT"
