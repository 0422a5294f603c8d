//! Determinism under load: the same tree scanned with 1, 2 and 8 threads gives byte-identical
//! JSON; and the findings — every one, of every rule — match the defects the corpus generator
//! injected, one for one.

use caselint_corpus::{self as corpus, Defect, Spec};
use std::process::Command;

fn spec() -> Spec {
    Spec {
        cases: 300,
        brigades: 7,
        ledgers: 2,
        ledger_rows: 30,
        defect_rate: 0.25,
        seed: 20220301,
    }
}

fn check_json(dir: &std::path::Path, threads: &str) -> Vec<u8> {
    check(dir, &["--format", "json", "-j", threads])
}

fn check(dir: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_caselint"))
        .arg("check")
        .args(args)
        .arg(dir)
        .env("CASELINT_TODAY", "2024-01-01")
        .current_dir(dir)
        .output()
        .expect("run caselint");
    assert!(
        out.status.code() == Some(1),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn one_two_and_eight_threads_give_identical_json() {
    let dir = tempfile::tempdir().unwrap();
    let w = corpus::write(dir.path(), &spec()).unwrap();
    assert_eq!(w.files, 302);
    let one = check_json(dir.path(), "1");
    let two = check_json(dir.path(), "2");
    let eight = check_json(dir.path(), "8");
    assert!(one == two, "-j 1 and -j 2 differ");
    assert!(one == eight, "-j 1 and -j 8 differ");
    let doc: serde_json::Value = serde_json::from_slice(&one).unwrap();
    assert_eq!(doc["summary"]["files"], 302);
    assert!(doc["findings"].as_array().unwrap().len() > 50);
}

/// A ledger's rows are read and checked in parallel batches (512 rows); the order of its cases
/// and findings must not depend on the threads.
#[test]
fn a_long_ledger_gives_identical_json_with_one_and_eight_threads() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        cases: 0,
        brigades: 1,
        ledgers: 1,
        ledger_rows: 1_700,
        ..spec()
    };
    corpus::write(dir.path(), &spec).unwrap();
    let one = check_json(dir.path(), "1");
    let eight = check_json(dir.path(), "8");
    assert!(one == eight, "-j 1 and -j 8 differ on a long ledger");
    let doc: serde_json::Value = serde_json::from_slice(&one).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 1_600, "{} cases", cases.len());
    // Rows in sheet order.
    let rows: Vec<u64> = cases
        .iter()
        .map(|c| {
            // `Sheet!A12`
            let at = c["at"].as_str().unwrap();
            let cell = at.rsplit('!').next().unwrap();
            cell.trim_start_matches(|ch: char| ch.is_ascii_alphabetic())
                .parse()
                .unwrap_or_else(|e| panic!("{at}: {e}"))
        })
        .collect();
    assert!(rows.windows(2).all(|w| w[0] < w[1]), "rows out of order");
}

/// Past `--spill-after` records the case and file records live in a temporary file; every
/// output built from them (scores, brigade tables, cross-case rules, provenance) must not change.
#[test]
fn records_on_disk_give_the_same_outputs_as_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let w = corpus::write(dir.path(), &spec()).unwrap();
    assert!(
        w.defects[&Defect::DuplicateNo] >= 2,
        "F007 must cross the spill: {w:?}"
    );
    let runs: [&[&str]; 5] = [
        &["--format", "json"],
        &["--format", "json", "--statistics"],
        &["--format", "html"],
        &["--format", "junit"],
        &["--format", "csv"],
    ];
    for args in runs {
        let memory = check(dir.path(), &[args, &["-j", "2"]].concat());
        let disk = check(
            dir.path(),
            &[args, &["-j", "2", "--spill-after", "7"]].concat(),
        );
        assert!(
            memory == disk,
            "{args:?}: spilled records change the output"
        );
    }
    let doc: serde_json::Value = serde_json::from_slice(&check(
        dir.path(),
        &["--format", "json", "--spill-after", "0"],
    ))
    .unwrap();
    assert_eq!(doc["provenance"]["inputs"].as_array().unwrap().len(), 302);
    assert_eq!(
        doc["cases"].as_array().unwrap().len(),
        doc["summary"]["cases"].as_u64().unwrap() as usize
    );
    let f007 = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "F007")
        .count();
    assert_eq!(f007, 2 * w.defects[&Defect::DuplicateNo]);
}

/// Without a usable temporary folder the records stay in memory: same output, and a note.
#[test]
fn no_temporary_folder_means_records_in_memory_and_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        cases: 40,
        ledgers: 0,
        ..spec()
    };
    corpus::write(dir.path(), &spec).unwrap();
    let memory = check(dir.path(), &["--format", "json"]);
    let out = Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(["check", "--format", "json", "--spill-after", "3"])
        .arg(dir.path())
        .env("CASELINT_TODAY", "2024-01-01")
        .env("TMPDIR", dir.path().join("no-such-folder"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout == memory,
        "output differs without a temporary folder"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no temporary file could be made"),
        "{stderr}"
    );
}

#[test]
fn every_injected_defect_is_found_once() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        ledgers: 0,
        ..spec()
    };
    let w = corpus::write(dir.path(), &spec).unwrap();
    // The seed gives every kind of defect at least twice, so the table below bites.
    for d in Defect::ALL {
        assert!(w.defects.get(&d).copied().unwrap_or(0) >= 2, "{d:?}: {w:?}");
    }
    let kb = caselint::knowledge::Knowledge::shipped();
    let checks = caselint::rules::builtin_checks();
    let result = caselint::scan::scan(
        &[dir.path().to_path_buf()],
        &kb,
        &checks,
        &caselint::scan::Options::default(),
    );
    // Every finding, whatever its rule, against the generator's list: the injected defect's
    // code on its file (both files of a duplicate number), and nothing on a clean file.
    let mut found: Vec<(String, String)> = result
        .findings
        .iter()
        .map(|f| {
            let rel = std::path::Path::new(&f.file)
                .strip_prefix(dir.path())
                .unwrap_or_else(|_| panic!("{} outside the corpus", f.file))
                .to_string_lossy()
                .replace('\\', "/");
            (rel, f.code.clone())
        })
        .collect();
    let mut expected: Vec<(String, String)> = w
        .expected
        .iter()
        .map(|(file, code)| (file.clone(), code.to_string()))
        .collect();
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
    let unreadable = w.defects[&Defect::Truncated]
        + w.defects[&Defect::BadBytes]
        + w.defects[&Defect::Empty]
        + w.defects[&Defect::WrongContent];
    assert_eq!(result.files, 300);
    assert_eq!(result.cases.len(), 300 - unreadable);
}
