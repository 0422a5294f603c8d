//! The scan: walk to a sorted list, then a rayon parallel map read → normalize → check →
//! findings, one file at a time. A file's failure (or panic) becomes a finding for that file and
//! the scan goes on. Only findings and small per-case summaries are kept; the cross-case phase
//! (duplicate numbers, double fines) works on those summaries after the parallel phase.
//!
//! Here: the run (walk, chunks, the fold, the cross-case keys); `file` reads and checks one
//! file; `coverage` the per-export counts and the inferred-coverage recheck. The scan uses the
//! layers below (walk, read, rules, knowledge, config, model, spill) and knows no report.

pub mod coverage;
mod file;

pub use file::unzipped_size;
use file::{reread, scan_item};

use crate::finding::{Finding, Lang};
use crate::knowledge::Knowledge;
use crate::model::run::{CaseSummary, EncodedCase, InputRecord, ScanResult};
use crate::rules::{self, Check};
use crate::spill::Spill;
use crate::walk::{self, Item};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Largest input file read by default (a case file is kilobytes; a ledger a few megabytes).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Largest total a workbook may unpack to by default: a real ledger of 100,000 rows unpacks to
/// well under 100 MiB; a zip bomb unpacks to gigabytes from a few kilobytes.
pub const DEFAULT_MAX_UNZIPPED_BYTES: u64 = 512 * 1024 * 1024;

/// How to run a scan.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub follow_symlinks: bool,
    pub max_file_bytes: u64,
    /// Largest total uncompressed size of a workbook's parts (zip bomb guard).
    pub max_unzipped_bytes: u64,
    pub lang: Lang,
    /// Case and input records kept in memory before they move to a temporary file.
    pub spill_after: usize,
    /// Declared exports and brigades (`caselint.toml`).
    pub layout: std::sync::Arc<crate::config::Layout>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: 0,
            follow_symlinks: false,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_unzipped_bytes: DEFAULT_MAX_UNZIPPED_BYTES,
            lang: Lang::Zh,
            spill_after: crate::spill::DEFAULT_LIMIT,
            layout: Default::default(),
        }
    }
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

#[derive(Default)]
struct FileOutcome {
    file: String,
    findings: Vec<Finding>,
    cases: Vec<CaseSummary>,
    /// A ledger's cases instead, encoded by the workers that checked them (a file has one
    /// kind or the other: its cases are `cases`, then `encoded`).
    encoded: Vec<(EncodedCase, coverage::ExportCounts)>,
    /// Each case's cross-case keys.
    keys: Vec<Vec<u64>>,
    /// Per file, counted at once: (rule code, missing input) → evaluations.
    not_checkable: BTreeMap<(&'static str, String), usize>,
    bytes: u64,
    sha256: Option<String>,
    brigade: Option<String>,
    /// Reading or checking the file panicked (reported as E000).
    internal_error: bool,
    /// Each case's export key (see [`crate::rules::coverage::export_key`]).
    exports: Vec<String>,
}

/// A case as a file's outcome keeps it until the fold: its summary, or (a ledger row) its
/// record already encoded by the worker that checked it, so the fold only appends bytes.
/// Only ever one case in passing (the lists keep the two kinds apart), so its size is no matter.
#[allow(clippy::large_enum_variant)]
enum Kept {
    Summary(CaseSummary),
    Encoded(EncodedCase, coverage::ExportCounts),
}

/// Told how far a scan has got (a progress bar); called from worker threads.
pub trait Progress: Sync {
    /// Whether [`Progress::total`] is wanted (it costs a walk of its own, made beside the scan).
    fn wants_total(&self) -> bool {
        false
    }
    /// The scan begins.
    fn start(&self, _total: u64) {}
    /// The number of inputs, once a walk of its own has counted them (from another thread,
    /// while the scan is already running: counting first would leave the cores idle).
    fn total(&self, _total: u64) {}
    /// One input done.
    fn file_done(&self) {}
    /// The files are all read and a later phase begins (no count: it says the run is alive).
    fn phase(&self, _phase: Phase) {}
    /// The run is over (the report is written).
    fn finish(&self) {}
}

/// The phases after the parallel scan, so a long run never sits silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Cross-case checks (F007, D006, L011) over the cases that share a key.
    CrossCase,
    /// Writing the report.
    Report,
}

/// No progress reporting.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Runs the whole scan.
pub fn scan(
    paths: &[PathBuf],
    kb: &Knowledge,
    checks: &[&dyn Check],
    opts: &Options,
) -> ScanResult {
    scan_with_progress(paths, kb, checks, opts, &NoProgress)
}

/// Runs the whole scan, reporting progress.
pub fn scan_with_progress(
    paths: &[PathBuf],
    kb: &Knowledge,
    checks: &[&dyn Check],
    opts: &Options,
    progress: &dyn Progress,
) -> ScanResult {
    progress.start(0);
    let mut walker = walk::Walker::new(paths, opts.follow_symlinks);
    let mut result = ScanResult {
        cases: Spill::new(opts.spill_after),
        inputs: Spill::new(opts.spill_after),
        ..Default::default()
    };
    let mut keys = CrossKeys::new(opts.spill_after);
    let mut exports = coverage::ExportTable::default();
    let pairing = Pairing::default();
    let mut seen = Seen::default();
    let mut next_chunk = |walker: &mut walk::Walker| {
        let chunk: Vec<Item> = walker.by_ref().take(CHUNK).collect();
        seen.note(&chunk, chunk.len() < CHUNK, &pairing);
        chunk
    };
    // Files are checked in parallel a chunk at a time and folded in walk order, so what is kept
    // between chunks is only findings, counts and the (spillable) records: memory stays flat.
    // A pipeline: while the workers check chunk k, one of them folds chunk k − 1 and walks to
    // chunk k + 1, so the in-order work does not leave the other cores idle.
    let mut run = || {
        let mut chunk: Vec<Item> = next_chunk(&mut walker);
        let mut pending: Vec<FileOutcome> = Vec::new();
        loop {
            let last = chunk.is_empty();
            let (next, outcomes) = rayon::join(
                || {
                    for o in pending.drain(..) {
                        fold(&mut result, &mut keys, &mut exports, o);
                    }
                    if last {
                        Vec::new()
                    } else {
                        next_chunk(&mut walker)
                    }
                },
                || {
                    // Small pieces: rayon would otherwise cut a chunk into four quarters, and
                    // a core that finishes its quarter waits while the other ends its own.
                    chunk
                        .par_iter()
                        .with_max_len(16)
                        .map(|item| {
                            let o = scan_item(item, kb, checks, opts, &pairing);
                            progress.file_done();
                            o
                        })
                        .collect::<Vec<FileOutcome>>()
                },
            );
            if last {
                break;
            }
            pending = outcomes;
            chunk = next;
        }
    };
    std::thread::scope(|s| {
        if progress.wants_total() {
            s.spawn(|| {
                progress.total(walk::Walker::new(paths, opts.follow_symlinks).count() as u64)
            });
        }
        if opts.threads > 0 {
            match rayon::ThreadPoolBuilder::new()
                .num_threads(opts.threads)
                .build()
            {
                Ok(pool) => pool.install(run),
                Err(_) => run(),
            }
        } else {
            run()
        }
    });
    progress.phase(Phase::CrossCase);
    result.other_files = walker.other_files();
    result.symlinks_skipped = walker.symlinks_skipped();
    // What each export carries is known only now: cases lacking a field their export writes
    // are checked again with the field missing (formats §4, inferred).
    let carried = exports.finish(&mut result.coverage);
    let updates = coverage::recheck(&mut result, &carried, kb, checks, opts);
    // The cross-case rules see every case that shares a key with another, in case order; their
    // findings are the same as over all cases, since they only ever relate cases with one key.
    result.storage_error = keys.error().map(str::to_string);
    let shared = keys.shared_cases();
    let mut together = result.cases.select(&shared);
    // A case both in a file and in a ledger row (or a decision document) is one case (F009):
    // the row or document is neither a duplicate nor a second fine, and it is scored with the
    // file's case.
    let (f009, twins) = rules::f009_ledger_file_mismatch::check(&together, opts.lang);
    result.findings.extend(f009);
    let rows: std::collections::BTreeSet<usize> = twins.iter().map(|t| t.0).collect();
    let twins: Vec<(usize, usize)> = twins
        .into_iter()
        .map(|(a, b)| (shared[a], shared[b]))
        .collect();
    let mut i = 0;
    together.retain(|_| {
        i += 1;
        !rows.contains(&(i - 1))
    });
    // The three rules are independent: they run side by side, their findings kept in this order.
    let (f007, (d006, l011)) = rayon::join(
        || rules::f007_duplicate_case::check(&together, opts.lang),
        || {
            rayon::join(
                || rules::d006_duplicate_document_number::check(&together, opts.lang),
                || rules::l011_double_fine::check(&together, kb, opts.lang),
            )
        },
    );
    result.findings.extend(f007);
    result.findings.extend(d006);
    result.findings.extend(l011);
    drop(together);
    coverage::settle_cases(&mut result, updates, &twins, opts.spill_after);
    result
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    result
}

/// Files checked in parallel between two folds: large enough to keep every core busy, small
/// enough that their outcomes are a few megabytes.
const CHUNK: usize = 2048;

/// Whether F009 may pair cases in this run (a case file with a ledger row, or a decision
/// document with either). It may until the walk has seen every input; a run that turns out to
/// hold ledgers alone, or case files alone, keeps no facts for F009 from then on (F009 stops
/// at once on such a run, so the findings are the same; each case costs less).
pub(crate) struct Pairing(std::sync::atomic::AtomicBool);

impl Default for Pairing {
    fn default() -> Self {
        Pairing(std::sync::atomic::AtomicBool::new(true))
    }
}

impl Pairing {
    pub(crate) fn possible(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The sources of the cases the walk's inputs so far can give.
#[derive(Default)]
struct Seen(Vec<crate::model::SourceKind>);

impl Seen {
    /// Notes a chunk of the walk; after the last (`done`), tells `pairing` whether the run's
    /// inputs can pair at all (F009's own condition, asked of the inputs).
    fn note(&mut self, chunk: &[Item], done: bool, pairing: &Pairing) {
        use crate::model::SourceKind;
        for item in chunk {
            if let Item::File { kind, .. } = item {
                let source = match kind {
                    walk::InputKind::Xml => SourceKind::Xml,
                    walk::InputKind::Workbook => SourceKind::Ledger,
                    walk::InputKind::Decision => SourceKind::Document,
                };
                if !self.0.contains(&source) {
                    self.0.push(source);
                }
            }
        }
        if done && !rules::f009_ledger_file_mismatch::can_pair(|k| self.0.contains(&k)) {
            pairing.0.store(false, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

/// Records from one file above which its fold writes them and their keys on two threads.
const PARALLEL_FOLD: usize = 1024;

/// Adds one file's outcome to the result, in walk order.
fn fold(
    result: &mut ScanResult,
    keys: &mut CrossKeys,
    exports: &mut coverage::ExportTable,
    o: FileOutcome,
) {
    result.files += 1;
    result.bytes += o.bytes;
    result.internal_errors += usize::from(o.internal_error);
    if o.cases.is_empty()
        && o.encoded.is_empty()
        && o.findings.iter().any(|f| {
            f.case_no.is_none() && matches!(f.code.as_str(), "F001" | "F002" | "F003" | "F004")
        })
    {
        // Unreadable: counted against its folder's brigade as not reviewed (未评查).
        *result
            .coverage
            .unreviewed
            .entry(o.brigade.clone().unwrap_or_default())
            .or_default() += 1;
    }
    result.inputs.push(InputRecord {
        file: o.file,
        bytes: o.bytes,
        sha256: o.sha256,
        brigade: o.brigade,
    });
    result.findings.extend(o.findings);
    // The records and their cross-case keys are written side by side: a ledger's 10⁵ rows
    // are folded at once when its file ends (the cases of a file count only if all of it
    // was read), and both cores are otherwise idle then.
    let first = result.cases.len();
    let (cases, coverage) = (&mut result.cases, &mut result.coverage);
    let records = || {
        let mut varint = [0; 5];
        let kept = o.cases.into_iter().map(Kept::Summary);
        let encoded = o.encoded.into_iter().map(|(e, n)| Kept::Encoded(e, n));
        for (c, export) in kept.chain(encoded).zip(o.exports) {
            match c {
                Kept::Summary(mut c) => {
                    exports.add(&mut c, export, coverage);
                    cases.push(c);
                }
                Kept::Encoded(enc, counts) => {
                    let id = exports.add_counts(&counts, export, coverage);
                    cases.push_parts(&enc.parts(id, &mut varint));
                }
            }
        }
    };
    let hashes = o.keys;
    let parallel = hashes.len() >= PARALLEL_FOLD;
    let add_keys = move || {
        for (k, h) in hashes.into_iter().enumerate() {
            keys.add(first + k, &h);
        }
    };
    if parallel {
        rayon::join(records, add_keys);
    } else {
        records();
        add_keys();
    }
    for ((code, input), count) in o.not_checkable {
        *result.not_checkable.entry(code.to_string()).or_default() += count;
        *result.missing_inputs.entry(input).or_default() += count;
    }
}

/// The cross-case keys of every case, hashed: the case number (F007), the decision number
/// (D006), party + date + provision (L011) — a hash and a case index a key instead of the cases
/// themselves; a case whose keys were all seen once needs no cross-case look. The keys are
/// split by hash into buckets that spill to disk like the case records, and are matched a
/// bucket at a time (two side by side), so at most an eighth of them is ever in memory.
struct CrossKeys {
    /// (key hash, case index), by the hash's top four bits.
    buckets: Vec<Spill<(u64, u32)>>,
}

impl CrossKeys {
    fn new(spill_after: usize) -> CrossKeys {
        CrossKeys {
            buckets: (0..16).map(|_| Spill::new(spill_after)).collect(),
        }
    }

    /// A case's keys (computed by the worker that read the case).
    fn of(c: &CaseSummary, kb: &crate::knowledge::Knowledge) -> Vec<u64> {
        // The rule's tag keeps equal texts of different rules apart.
        fn hash(tag: u8, key: &impl std::hash::Hash) -> u64 {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            tag.hash(&mut h);
            key.hash(&mut h);
            h.finish()
        }
        let mut out = Vec::new();
        if let Some(k) = rules::f007_duplicate_case::key(c) {
            out.push(hash(0, &k));
        }
        if let Some(k) = rules::d006_duplicate_document_number::key(c) {
            out.push(hash(1, &k));
        }
        for k in rules::l011_double_fine::keys(c, kb) {
            out.push(hash(2, &k));
        }
        out
    }

    fn add(&mut self, case: usize, hashes: &[u64]) {
        let case = u32::try_from(case).unwrap_or(u32::MAX);
        for h in hashes {
            self.buckets[(h >> 60) as usize].push((*h, case));
        }
    }

    /// The cases (indices, ascending) with a key some other case has too. A hash collision only
    /// brings in a case that the rules then find unrelated. Two buckets at a time, on two
    /// threads: sorting them is the longest step between the scan and the report.
    fn shared_cases(self) -> Vec<usize> {
        fn shared(bucket: &Spill<(u64, u32)>) -> Vec<usize> {
            let mut seen = bucket.to_vec();
            seen.sort_unstable();
            let mut cases = Vec::new();
            for group in seen.chunk_by(|a, b| a.0 == b.0) {
                if group.len() > 1 {
                    cases.extend(group.iter().map(|(_, c)| *c as usize));
                }
            }
            cases
        }
        let mut cases: Vec<usize> = Vec::new();
        for pair in self.buckets.chunks(2) {
            let (a, b) = rayon::join(
                || shared(&pair[0]),
                || pair.get(1).map(shared).unwrap_or_default(),
            );
            cases.extend(a);
            cases.extend(b);
        }
        cases.sort_unstable();
        cases.dedup();
        cases
    }

    /// Why a key bucket could not be written to its temporary file, if one could not.
    fn error(&self) -> Option<&str> {
        self.buckets.iter().find_map(|b| b.error())
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The brigade of a file by its folders under the scanned root: a declared brigade's folder,
/// else the first folder that is not a year or month folder.
fn brigade_of(path: &Path, root: &Path, layout: &crate::config::Layout) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let comps: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    // The file itself is not a brigade folder.
    let folders = comps.split_last().map(|(_, f)| f)?;
    layout.brigade_of_folders(folders)
}
#[cfg(test)]
mod tests {
    /// The facts F009 compares are kept while the run can pair cases, and not once the walk has
    /// found ledgers alone: F009's own findings are the same either way (tests/coverage.rs).
    #[test]
    fn facts_are_kept_only_where_f009_can_pair() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let hit = fixtures.join("rules/F009/hit");
        let ledgers: Vec<std::path::PathBuf> = std::fs::read_dir(&hit)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "xls"))
            .collect();
        assert!(!ledgers.is_empty());
        let kb = crate::knowledge::Knowledge::shipped();
        let checks = crate::rules::builtin_checks();
        let with_facts = |paths: &[std::path::PathBuf]| {
            let r = super::scan(paths, &kb, &checks, &Default::default());
            let all: Vec<bool> = r
                .cases
                .iter()
                .map(|c| !c.coverage.facts.decode().is_empty())
                .collect();
            assert!(!all.is_empty());
            all
        };
        // A case file and its ledger row: every case keeps its facts.
        assert!(with_facts(std::slice::from_ref(&hit)).iter().all(|f| *f));
        // The ledger alone: nothing can pair, no case keeps them.
        assert!(with_facts(&ledgers).iter().all(|f| !f));
    }

    #[test]
    fn sha256_is_lower_case_hex_of_the_digest() {
        // FIPS 180-2 test vectors.
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            super::sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
