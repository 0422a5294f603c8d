#!/usr/bin/env python3
"""Compare caselint's findings on the fixtures with fixtures/expected.toml (developer aid;
the same comparison runs as a Rust test in tests/fixtures.rs)."""
import json, subprocess, sys, tomllib, os
from collections import Counter
root = os.path.join(os.path.dirname(__file__), "..")
exp = tomllib.load(open(os.path.join(root, "fixtures/expected.toml"), "rb"))["expect"]
codes = set(sys.argv[1:])  # optional filter by code prefix
def run(path):
    out = subprocess.run([os.path.join(root, "target/debug/caselint"), "check", path, "--format", "json", "--exit-zero"], cwd=os.path.join(root, "fixtures"), capture_output=True)
    return json.loads(out.stdout)["findings"]
def key(f):
    return (f["file"], f["code"], f["case_no"] or "")
want = Counter((e["file"], e["code"], e["case_no"]) for e in exp if e["file"].startswith("detachment/"))
got = Counter(key(f) for f in run("detachment"))
def show(title, c):
    items = sorted(c.elements())
    if codes: items = [i for i in items if any(i[1].startswith(p) for p in codes)]
    print(f"== {title}: {len(items)}")
    for i in items: print("  ", i)
show("missing (expected, not reported)", want - got)
show("extra (reported, not expected)", got - want)
# per-rule folders
import glob
for d in sorted(glob.glob(os.path.join(root, "fixtures/rules/*/*"))):
    rel = os.path.relpath(d, os.path.join(root, "fixtures"))
    code = rel.split("/")[1]
    if codes and not any(code.startswith(p) for p in codes): continue
    got = Counter(key(f) for f in run(rel))
    want = Counter((e["file"], e["code"], e["case_no"]) for e in exp if e["file"].startswith(rel + "/"))
    if got != want:
        print(f"-- {rel}: missing {sorted((want-got).elements())} extra {sorted((got-want).elements())}")
