//! The fixture contract: caselint reports exactly the findings `fixtures/expected.toml` lists
//! for the sample tree and for every `fixtures/rules/<CODE>/hit` folder, and nothing (at
//! warning or error level, nor info) for any `fixtures/rules/<CODE>/clean` folder. Snapshot
//! tests of the table and JSON outputs on the sample tree.
//!
//! The registry itself is pinned: `caselint rules` must list exactly [`REGISTRY`], and an
//! expectation or a `fixtures/rules/<CODE>` folder for a code it does not list fails, so a rule
//! that disappears from the registry cannot take its fixtures with it unnoticed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(args)
        .current_dir(fixtures())
        .env("CASELINT_TODAY", "2026-11-29")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .output()
        .expect("run caselint");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn findings(path: &str) -> Vec<(String, String, String)> {
    // A folder with a waiver file (rules/F008/) is checked with it.
    let waivers = format!("{path}/waivers.toml");
    let mut args = vec!["check", path, "--format", "json"];
    if fixtures().join(&waivers).is_file() {
        args.extend(["--waivers", &waivers]);
    }
    let v: serde_json::Value = serde_json::from_slice(&run(&args)).unwrap();
    let mut out: Vec<(String, String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
                f["case_no"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[derive(serde::Deserialize)]
struct Expected {
    expect: Vec<Entry>,
}

#[derive(serde::Deserialize)]
struct Entry {
    file: String,
    code: String,
    case_no: String,
}

/// Every rule code `caselint rules` lists: the built-in rules and the shipped declarative rules
/// (`checks/rules/`). Adding a rule means adding its code here; removing one means removing it
/// here and its fixtures and expectations.
const REGISTRY: &[&str] = &[
    "D001", "D002", "D003", "D004", "D005", "D006", "D007", //
    "E000", //
    "F001", "F002", "F003", "F004", "F005", "F006", "F007", "F008", "F009", //
    "L001", "L002", "L003", "L004", "L005", "L006", "L007", "L008", "L009", "L010", "L011", "L012",
    "L013", //
    "P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008", "P009", "P010", "P011", "P012",
    "P013", "P014", "P015", "P016", //
    "R001", //
    "S001", "S002", "S003", "S004",
];

#[test]
fn the_rule_registry_is_pinned() {
    let listed: Vec<String> = implemented().into_iter().collect();
    assert_eq!(
        listed, REGISTRY,
        "`caselint rules` no longer lists the pinned codes (tests/fixtures.rs REGISTRY)"
    );
}

fn implemented() -> BTreeSet<String> {
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["rules", "--format", "json"])).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

fn expected(prefix: &str) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(fixtures().join("expected.toml")).unwrap();
    let e: Expected = toml::from_str(&text).unwrap();
    let mut v: Vec<(String, String, String)> = e
        .expect
        .into_iter()
        .filter(|e| e.file.starts_with(prefix))
        .map(|e| (e.file, e.code, e.case_no))
        .collect();
    v.sort();
    v
}

#[test]
fn every_expected_code_is_in_the_registry() {
    let codes = implemented();
    let orphans: BTreeSet<String> = expected("")
        .into_iter()
        .map(|e| e.1)
        .filter(|c| !codes.contains(c))
        .collect();
    assert!(
        orphans.is_empty(),
        "fixtures/expected.toml expects codes `caselint rules` does not list: {orphans:?}"
    );
}

#[test]
fn the_sample_tree_reports_exactly_the_seeded_defects() {
    assert_eq!(findings("detachment"), expected("detachment/"));
}

/// Published decisions kept as test data (`fixtures/real/SOURCES.md`): the correct ones come
/// out clean, the defects a court or the record shows are found, and nothing else.
#[test]
fn real_decisions_come_out_as_the_law_says() {
    assert_eq!(findings("real"), expected("real/"));
}

#[test]
fn every_rule_folder_hits_and_stays_clean() {
    let codes = implemented();
    let mut problems = BTreeMap::new();
    // Every code has its folders (the declarative examples X… have theirs in declarative/;
    // R001 is made only by `merge` from returned review workbooks, whose hit and clean are
    // tests/review.rs `sample_sheets_fill_merge`; E000 reports caselint's own failure, which no
    // input should cause: tests/internal_error.rs forces one with a test-only hook).
    for code in codes
        .iter()
        .filter(|c| !c.starts_with('X') && !["R001", "E000"].contains(&c.as_str()))
    {
        if !fixtures().join("rules").join(code).is_dir() {
            problems.insert(format!("rules/{code}"), "folder missing".to_string());
        }
    }
    for entry in std::fs::read_dir(fixtures().join("rules")).unwrap() {
        let code = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !codes.contains(&code) {
            problems.insert(
                format!("rules/{code}"),
                "a fixture folder for a code `caselint rules` does not list".to_string(),
            );
            continue;
        }
        for side in ["hit", "clean"] {
            let rel = format!("rules/{code}/{side}");
            if !fixtures().join(&rel).is_dir() {
                problems.insert(rel, "folder missing".to_string());
                continue;
            }
            let got = findings(&rel);
            let want = expected(&format!("{rel}/"));
            if side == "hit" && want.iter().all(|w| w.1 != code) {
                problems.insert(rel.clone(), format!("expected.toml lists no {code} here"));
            }
            if got != want {
                problems.insert(rel, format!("got {got:?}\nwant {want:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The README's promise: case numbers, decision numbers and (party, act) pairs are unique
/// across the whole tree except where a folder seeds them, so scanning everything at once
/// reports exactly the union of the per-folder expectations — no extra cross-case finding.
#[test]
fn the_whole_tree_at_once_adds_nothing() {
    let got: Vec<_> = findings(".")
        .into_iter()
        // Each decision is there as .txt and .docx: one decision exported twice, checked file by
        // file in tests/decisions.rs (fixtures/README.md).
        .filter(|f| !f.0.trim_start_matches("./").starts_with("decisions/"))
        .map(|(file, code, case_no)| {
            (
                file.strip_prefix("./").unwrap_or(&file).to_string(),
                code,
                case_no,
            )
        })
        .collect();
    // The waiver file is not part of a whole-tree run, so F008 is not expected there.
    let want: Vec<_> = expected("").into_iter().filter(|e| e.1 != "F008").collect();
    assert_eq!(got, want);
}

/// The 鼓楼 legacy ledger has no 告知日期 or 是否告知听证 column: its major row (第203号, a unit
/// fined 35,000) needs them for P004 and P005, which must say "not checkable", not a finding.
#[test]
fn the_gulou_ledger_reaches_not_checkable() {
    let v: serde_json::Value = serde_json::from_slice(&run(&[
        "check",
        "detachment/鼓楼区大队/鼓楼区2021-2022年案件台账.xls",
        "--format",
        "json",
    ]))
    .unwrap();
    let nc = &v["summary"]["not_checkable"];
    for code in ["P001", "P004", "P005", "P007", "P009"] {
        assert!(
            nc["by_rule"][code].as_u64().unwrap_or(0) >= 1,
            "{code} not reached: {nc}"
        );
    }
    assert!(
        nc["missing_inputs"]["告知日期"].as_u64().unwrap_or(0) >= 1,
        "{nc}"
    );
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["P010"]);
}

fn snapshot_json(path: &str) -> serde_json::Value {
    let mut v: serde_json::Value =
        serde_json::from_slice(&run(&["check", path, "--format", "json"])).unwrap();
    // The rule-data hash changes with any edit in checks/; it has its own test.
    v["provenance"]["rules_hash"] = serde_json::json!("[hash of checks/]");
    v
}

#[test]
fn json_output_snapshot() {
    insta::assert_json_snapshot!("detachment_json", snapshot_json("detachment"));
}

#[test]
fn table_output_snapshot() {
    // Terminal width is fixed when stdout is not a terminal; the time is cut from the summary.
    let text = String::from_utf8(run(&["check", "detachment/龙亭区大队"])).unwrap();
    let text = text
        .rsplit_once("；用时")
        .map(|(a, _)| a.to_string())
        .unwrap_or(text);
    insta::assert_snapshot!("longting_table", text);
    let en = String::from_utf8(run(&["check", "detachment/鼓楼区大队", "--lang", "en"])).unwrap();
    let en = en
        .rsplit_once("; ")
        .map(|(a, _)| a.to_string())
        .unwrap_or(en);
    insta::assert_snapshot!("gulou_table_en", en);
}
