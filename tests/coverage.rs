//! What an export carries (formats §4), end to end on the binary: decision-only records,
//! coverage inferred per export, a case both as a file and as a ledger row (F009, scored once),
//! declared coverage and brigades in `caselint.toml`, and the cases that could not be fully
//! checked in `--format json`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn caselint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(args)
        .current_dir(cwd)
        .env("CASELINT_TODAY", "2026-11-29")
        .output()
        .expect("run caselint")
}

fn json(path: &str, cwd: &Path) -> Value {
    let out = caselint(&["check", path, "--format", "json"], cwd);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn codes(doc: &Value) -> Vec<String> {
    let mut v: Vec<String> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

/// Copies a fixture folder into a temporary tree (under `sub`), for runs with a configuration.
fn copy_into(from: &str, dir: &Path, sub: &str) {
    let src = fixtures().join(from);
    let dst = dir.join(sub);
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn decision_only_records_report_no_step_and_are_counted() {
    let d = json("rules/P001/clean/双公示决定书", &fixtures());
    assert_eq!(codes(&d), Vec::<String>::new());
    let cov = &d["summary"]["coverage"];
    // Three records, two of them with the party's number masked as published.
    assert_eq!(cov["decision_only"], 5);
    assert_eq!(cov["cases_not_fully_checked"], 5);
    for c in d["cases"].as_array().unwrap() {
        assert_eq!(c["decision_only"], true);
        let rules: Vec<&str> = c["not_checked"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["rule"].as_str().unwrap())
            .collect();
        assert!(rules.iter().any(|r| r.starts_with('P')), "{c}");
        for n in c["not_checked"].as_array().unwrap() {
            assert!(!n["input"].as_str().unwrap().is_empty());
        }
    }
    // The decision's own law is still checked.
    let d = json("rules/L001/hit/仅有决定书", &fixtures());
    assert_eq!(codes(&d), ["L001"]);
}

#[test]
fn an_element_the_export_writes_elsewhere_is_missing_and_does_not_veto() {
    let d = json("rules/D003/hit/导出写有救济途径", &fixtures());
    let f = &d["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["code"], "D003");
    assert_eq!(f[0]["evidence"], "inferred");
    assert!(f[0]["message"].as_str().unwrap().contains("导出未记载"));
    let case = d["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["file"] == f[0]["file"])
        .unwrap();
    assert_eq!(case["inferred_missing"], serde_json::json!(["remedy"]));
    assert_eq!(case["veto"], serde_json::json!([]), "{case}");
    assert!(case["deductions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["code"] == "D003"));
    let e = &d["summary"]["coverage"]["exports"][0];
    assert_eq!(e["format"], "xml");
    assert_eq!(e["cases"], 3);
    assert_eq!(
        e["fields"]["remedy"],
        serde_json::json!({ "cases": 2, "of": 3 })
    );
    assert!(e["carries"].as_array().unwrap().contains(&"remedy".into()));
    assert_eq!(d["summary"]["coverage"]["inferred_findings"], 1);
    // The same absence where the export never writes the element: unknown.
    let d = json("rules/D003/clean/导出从不写救济途径", &fixtures());
    assert_eq!(codes(&d), Vec::<String>::new());
    let e = &d["summary"]["coverage"]["exports"][0];
    assert_eq!(
        e["fields"]["remedy"],
        serde_json::json!({ "cases": 0, "of": 2 })
    );
    assert!(!e["carries"].as_array().unwrap().contains(&"remedy".into()));
}

#[test]
fn basis_violated_provision_and_harm_follow_the_export() {
    for (hit, clean, code) in [
        (
            "rules/L001/hit/导出写有处罚依据",
            "rules/L001/clean/导出从不写处罚依据",
            "L001",
        ),
        (
            "rules/L009/hit/导出写有违反条款",
            "rules/L009/clean/导出从不写违反条款",
            "L009",
        ),
        (
            "rules/P012/hit/导出记载危害后果",
            "rules/P012/clean/导出从不写危害后果",
            "P012",
        ),
    ] {
        let d = json(hit, &fixtures());
        assert_eq!(codes(&d), [code], "{hit}");
        // An inferred absence deducts but is never a basic item (veto).
        for c in d["cases"].as_array().unwrap() {
            assert_eq!(c["veto"], serde_json::json!([]), "{c}");
        }
        assert_eq!(
            codes(&json(clean, &fixtures())),
            Vec::<String>::new(),
            "{clean}"
        );
    }
}

#[test]
fn a_finding_on_a_blank_ledger_cell_says_so() {
    let d = json("rules/P001/hit/台账空白", &fixtures());
    let f = d["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["code"], "P001");
    assert_eq!(f[0]["evidence"], "ledger-blank");
    assert!(f[0]["message"].as_str().unwrap().contains("台账未记载"));
}

#[test]
fn a_case_as_file_and_ledger_row_is_one_case() {
    // The file and its ledger row only (the folder's subfolder is the decision-document pair).
    let dir = tempfile::tempdir().unwrap();
    copy_into("rules/F009/hit", dir.path(), "hit");
    copy_into("rules/F009/clean", dir.path(), "clean");
    let d = json("hit", dir.path());
    assert_eq!(codes(&d), ["F009"]);
    let msg = d["findings"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("案卷.xml") && msg.contains("台账.xls"),
        "{msg}"
    );
    assert!(
        msg.contains("决定日期") && msg.contains("罚款金额"),
        "{msg}"
    );
    assert_eq!(d["summary"]["cases"], 1);
    let cases = d["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1);
    assert!(cases[0]["file"].as_str().unwrap().ends_with("案卷.xml"));
    assert!(cases[0]["also_at"][0]
        .as_str()
        .unwrap()
        .contains("台账.xls"));
    assert_eq!(d["summary"]["coverage"]["merged_records"], 1);
    let d = json("clean", dir.path());
    assert_eq!(codes(&d), Vec::<String>::new());
    assert_eq!(d["summary"]["cases"], 1);
}

/// A case file and its decision document (same decision number and party) are one case
/// (formats §5): F009 names the differing fact with both places, the case is scored once and
/// the document's own findings score on it; never D006 or L011.
#[test]
fn a_case_file_and_its_decision_document_are_one_case() {
    let d = json("rules/F009/hit/决定书与案卷", &fixtures());
    assert_eq!(codes(&d), ["F009"]);
    let msg = d["findings"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("案卷.xml") && msg.contains("决定书.txt") && msg.contains("罚款金额"),
        "{msg}"
    );
    assert_eq!(d["summary"]["cases"], 1);
    let cases = d["cases"].as_array().unwrap();
    assert!(cases[0]["file"].as_str().unwrap().ends_with("案卷.xml"));
    assert!(cases[0]["also_at"][0]
        .as_str()
        .unwrap()
        .contains("决定书.txt"));
    assert_eq!(d["summary"]["coverage"]["merged_records"], 1);
    let d = json("rules/F009/clean/决定书与案卷", &fixtures());
    assert_eq!(codes(&d), Vec::<String>::new());
    assert_eq!(d["summary"]["cases"], 1);
}

#[test]
fn declared_coverage_makes_fields_and_documents_unknown() {
    let dir = tempfile::tempdir().unwrap();
    copy_into("rules/D003/hit/导出写有救济途径", dir.path(), "甲/导出");
    copy_into("rules/P001/hit", dir.path(), "乙/台账导出");
    let before = json(".", dir.path());
    assert!(codes(&before).contains(&"D003".to_string()));
    assert!(codes(&before).contains(&"P001".to_string()));
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[[export]]\npath = \"**/导出/**\"\nnever = [\"remedy\"]\n\n[[export]]\npath = \"**/台账导出/**\"\ndocuments = [\"decision\", \"行政处罚决定书\"]\n",
    )
    .unwrap();
    let after = json(".", dir.path());
    assert!(
        !codes(&after).contains(&"D003".to_string()),
        "{:?}",
        codes(&after)
    );
    assert!(
        !codes(&after).contains(&"P001".to_string()),
        "{:?}",
        codes(&after)
    );
}

#[test]
fn unknown_kinds_and_fields_are_errors_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[[export]]\npath = \"**\"\ndocuments = [\"decision\", \"no-such-kind\"]\nnever = [\"remedy\", \"colour\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.xml"), "<Case/>").unwrap();
    let out = caselint(&["check", "a.xml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("caselint.toml:3:") && err.contains("no-such-kind"),
        "{err}"
    );
    assert!(
        err.contains("caselint.toml:4:") && err.contains("colour"),
        "{err}"
    );
}

#[test]
fn brigades_by_folder_agency_or_code_and_unreadable_files_count_against_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Year and month folders are skipped; the first other folder is the brigade.
    copy_into("rules/F009/clean", d, "2022/03/鼓楼区大队");
    std::fs::write(d.join("2022/03/鼓楼区大队/损坏.xml"), "<Case><CaseNo>x").unwrap();
    let doc = json(".", d);
    let brigades: Vec<&str> = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["brigade"].as_str().unwrap())
        .collect();
    assert_eq!(brigades, ["鼓楼区大队"]);
    assert_eq!(
        doc["summary"]["coverage"]["unreviewed_files_by_brigade"],
        serde_json::json!({ "鼓楼区大队": 1 })
    );
    // A declared brigade by 代字: the fixture's numbers start with 顺消.
    std::fs::write(
        d.join("caselint.toml"),
        "[[brigade]]\nname = \"顺河回族区大队\"\ncodes = [\"顺消\"]\n",
    )
    .unwrap();
    let doc = json(".", d);
    assert_eq!(doc["cases"][0]["brigade"], "顺河回族区大队");
    // A declared folder wins over the 代字.
    std::fs::write(
        d.join("caselint.toml"),
        "[[brigade]]\nname = \"顺河回族区大队\"\ncodes = [\"顺消\"]\n\n[[brigade]]\nname = \"鼓楼区大队\"\nfolders = [\"鼓楼\"]\n",
    )
    .unwrap();
    std::fs::rename(d.join("2022/03/鼓楼区大队"), d.join("2022/03/鼓楼")).unwrap();
    let doc = json(".", d);
    assert_eq!(doc["cases"][0]["brigade"], "鼓楼区大队");
    assert_eq!(
        doc["summary"]["coverage"]["unreviewed_files_by_brigade"],
        serde_json::json!({ "鼓楼区大队": 1 })
    );
}

/// The table's summary says, for an export whose findings rest on inferred absences, which
/// fields it writes on how many of its cases; an export that never writes them says nothing.
#[test]
fn the_table_names_what_an_inferring_export_carries() {
    let out = caselint(&["check", "rules/D003/hit/导出写有救济途径"], &fixtures());
    // The summary wraps at the table's width.
    let text = String::from_utf8_lossy(&out.stdout).replace('\n', "");
    assert!(
        text.contains("按导出推断为未记载的问题 1 项") && text.contains("救济途径 2/3"),
        "{text}"
    );
    let out = caselint(
        &["check", "rules/D003/clean/导出从不写救济途径"],
        &fixtures(),
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("按导出推断"));
}

/// The summary's not-checkable counts are the sum of the per-case lists: a ledger row or a
/// decision document folded into its case file is not counted beside it.
#[test]
fn not_checkable_counts_match_the_per_case_lists() {
    for folder in [
        "rules/F009/hit",
        "rules/F009/clean",
        "rules/P001/clean/双公示决定书",
    ] {
        let d = json(folder, &fixtures());
        let cases = d["cases"].as_array().unwrap();
        let listed: usize = cases
            .iter()
            .map(|c| c["not_checked"].as_array().unwrap().len())
            .sum();
        assert_eq!(
            d["summary"]["not_checkable"]["total"].as_u64(),
            Some(listed as u64),
            "{folder}"
        );
        let not_fully = cases
            .iter()
            .filter(|c| !c["not_checked"].as_array().unwrap().is_empty())
            .count();
        assert_eq!(
            d["summary"]["coverage"]["cases_not_fully_checked"].as_u64(),
            Some(not_fully as u64),
            "{folder}"
        );
    }
}
