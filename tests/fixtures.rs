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
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["check", path, "--format", "json"])).unwrap();
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
