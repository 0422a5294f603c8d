//! A panic in a reader or a rule is caselint's bug, not the brigade's: it becomes an E000
//! finding on that file (内部错误，请报告, with the file and the panic text), the other files are
//! checked as usual, and the run ends with exit code 3. The panic is forced through the
//! test-only `CASELINT_TEST_PANIC` hook (src/scan/file.rs), once in an XML case and once in a ledger
//! row (checked on the worker threads).

use std::path::Path;
use std::process::{Command, Output};

const XML_CASE: &str = "解消立字〔2022〕第050号";
const XML_FILE: &str = "解消立2022-050.xml";
const LEDGER_CASE: &str = "解消立字〔2022〕第201号";
const LEDGER_FILE: &str = "解放区消防救援大队行政处罚案件台账.xlsx";

fn caselint(args: &[&str], panic_in: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caselint"));
    c.args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
        .env("CASELINT_TODAY", "2026-11-29")
        .env_remove("CASELINT_TEST_PANIC");
    if let Some(case) = panic_in {
        c.env("CASELINT_TEST_PANIC", case);
    }
    c.output().expect("run caselint")
}

/// (file, code, message) of every finding.
fn findings(out: &Output) -> Vec<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_panic_is_an_internal_error_on_that_file_and_the_run_goes_on() {
    let normal = caselint(&["check", "detachment", "--format", "json"], None);
    assert_eq!(normal.status.code(), Some(1));
    for (case, file) in [(XML_CASE, XML_FILE), (LEDGER_CASE, LEDGER_FILE)] {
        let out = caselint(&["check", "detachment", "--format", "json"], Some(case));
        assert_eq!(
            out.status.code(),
            Some(3),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = findings(&out);
        let on_file: Vec<_> = got.iter().filter(|f| f.0.ends_with(file)).collect();
        assert_eq!(on_file.len(), 1, "{on_file:?}");
        let (path, code, message) = on_file[0];
        assert_eq!(code, "E000");
        assert!(message.starts_with("内部错误，请报告"), "{message}");
        assert!(message.contains(path.as_str()), "{message}");
        assert!(message.contains("deliberate panic"), "{message}");
        // Every other file is checked as without the panic.
        let others = |v: Vec<(String, String, String)>| -> Vec<_> {
            v.into_iter().filter(|f| !f.0.ends_with(file)).collect()
        };
        assert_eq!(others(got), others(findings(&normal)));
    }
}

#[test]
fn an_internal_error_exits_3_even_with_exit_zero_and_reads_in_english() {
    let out = caselint(
        &[
            "--lang",
            "en",
            "check",
            "detachment",
            "--format",
            "json",
            "--exit-zero",
        ],
        Some(XML_CASE),
    );
    assert_eq!(out.status.code(), Some(3));
    let got = findings(&out);
    let e000: Vec<_> = got.iter().filter(|f| f.1 == "E000").collect();
    assert_eq!(e000.len(), 1, "{e000:?}");
    assert!(e000[0].0.ends_with(XML_FILE));
    assert!(
        e000[0].2.starts_with("internal error, please report"),
        "{}",
        e000[0].2
    );
    // Not an unreadable-file finding: the file is fine, caselint is not.
    assert!(!got.iter().any(|f| f.0.ends_with(XML_FILE) && f.1 == "F001"));
}

#[test]
fn without_the_hook_there_is_no_internal_error() {
    let out = caselint(&["check", "detachment", "--format", "json"], None);
    assert!(!findings(&out).iter().any(|f| f.1 == "E000"));
}
