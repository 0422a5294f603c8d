//! Hostile and broken inputs (issue 7): each is generated in a scratch folder beside one normal
//! case file, run through the binary, and must give its specific finding — never a panic, a hang
//! or unbounded memory — while the normal file is still checked.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch folder holding `ok.xml`, a clean case.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.xml"), caselint_corpus::clean_case(42)).unwrap();
    dir
}

fn caselint(dir: &Path, args: &[&str], paths: &[PathBuf]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caselint"));
    c.args(["--lang", "en", "check", "--format", "json"])
        .args(args)
        .args(paths)
        .current_dir(dir);
    c
}

/// Runs `check` on the folder (plus `args`); returns the JSON document.
fn run(dir: &Path, args: &[&str]) -> Value {
    run_paths(dir, args, &[dir.to_path_buf()])
}

fn run_paths(dir: &Path, args: &[&str], paths: &[PathBuf]) -> Value {
    let out = caselint(dir, args, paths).output().unwrap();
    parse(out)
}

fn parse(out: std::process::Output) -> Value {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "exit {:?}; stderr: {stderr}",
        out.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The findings on files whose name ends with `name`, as (code, message).
fn findings_on(doc: &Value, name: &str) -> Vec<(String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"].as_str().unwrap().ends_with(name))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The findings of rule `code`.
fn with_code<'d>(doc: &'d Value, code: &str) -> Vec<&'d Value> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

/// The normal case beside the hostile input was read and checked.
fn ok_was_checked(doc: &Value) {
    let cases = doc["cases"].as_array().unwrap();
    assert!(
        cases
            .iter()
            .any(|c| c["file"].as_str().unwrap().ends_with("ok.xml")),
        "ok.xml not checked: {doc:#}"
    );
    assert!(findings_on(doc, "ok.xml").is_empty(), "{doc:#}");
}

fn one(doc: &Value, name: &str, code: &str, contains: &str) {
    let got = findings_on(doc, name);
    assert!(
        got.iter().any(|(c, m)| c == code && m.contains(contains)),
        "{name}: expected {code} containing {contains:?}, got {got:?}"
    );
}

#[test]
fn zip_bomb_disguised_as_xlsx_is_refused_by_its_unpacked_size() {
    let dir = folder();
    // 64 MiB of blanks in ~64 KiB: refused against a 16 MiB setting…
    let bomb = caselint_corpus::zip_bomb(64 << 20).unwrap();
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    std::fs::write(dir.path().join("ledger.xlsx"), &bomb).unwrap();
    let doc = run(dir.path(), &["--max-unzipped-size", "16777216"]);
    // The sheet plus the package's small parts.
    let total = caselint::scan::unzipped_size(&bomb).unwrap();
    assert!((64 << 20..(64 << 20) + 8192).contains(&total), "{total}");
    one(
        &doc,
        "ledger.xlsx",
        "F001",
        &format!(
            "the workbook unpacks to {total} bytes, over the 16777216-byte limit (a zip bomb?)"
        ),
    );
    ok_was_checked(&doc);
    const { assert!(caselint::scan::DEFAULT_MAX_UNZIPPED_BYTES < 1 << 30) };
}

#[test]
fn a_bomb_that_claims_a_small_size_cannot_unpack_past_it() {
    // A forged central directory that understates the size: the zip reader stops the entry at
    // its declared size, so the declared total still bounds what is unpacked.
    let bomb = caselint_corpus::zip_bomb(8 << 20).unwrap();
    let mut forged = bomb.clone();
    let declared = (8u32 << 20).to_le_bytes();
    let small = 1000u32.to_le_bytes();
    let mut patched = 0;
    for i in 0..forged.len().saturating_sub(4) {
        if forged[i..i + 4] == declared {
            forged[i..i + 4].copy_from_slice(&small);
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "local and central headers");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&forged)).unwrap();
    let mut sheet = z.by_name("xl/worksheets/sheet1.xml").unwrap();
    let mut sink = Vec::new();
    let r = std::io::copy(&mut sheet, &mut sink);
    assert!(
        sink.len() <= 1000 + 64 * 1024,
        "unpacked {} bytes",
        sink.len()
    );
    assert!(r.is_err(), "stopped with an error, not silently");
}

#[test]
fn entity_expansion_is_never_performed() {
    let dir = folder();
    let mut dtd =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE Case [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd += &format!(" <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10));
    }
    dtd += "]>\n<Case>\n  <CaseNo>X001</CaseNo>\n  <Violation><Date>&lol9;</Date></Violation>\n</Case>\n";
    std::fs::write(dir.path().join("laughs.xml"), dtd).unwrap();
    let doc = run(dir.path(), &[]);
    // The reference is kept as written (3 bytes of name, not 3 billion "lol"s), then reported
    // as the unreadable date it is.
    one(&doc, "laughs.xml", "F006", "&lol9;");
    ok_was_checked(&doc);
}

#[test]
fn ten_thousand_deep_nesting_is_cut_off() {
    let dir = folder();
    let mut x = String::from("<Case>");
    x += &"<a>".repeat(10_000);
    x += &"</a>".repeat(10_000);
    x += "</Case>";
    std::fs::write(dir.path().join("deep.xml"), x).unwrap();
    let doc = run(dir.path(), &[]);
    one(&doc, "deep.xml", "F002", "deeper than 256");
    ok_was_checked(&doc);
}

#[test]
fn a_file_over_the_size_limit_is_not_read() {
    let dir = folder();
    let big = caselint_corpus::clean_case(7).repeat(20);
    std::fs::write(dir.path().join("big.xml"), &big).unwrap();
    let doc = run(dir.path(), &["--max-file-size", "20000"]);
    one(
        &doc,
        "big.xml",
        "F001",
        &format!("file is {} bytes, over the 20000-byte limit", big.len()),
    );
    ok_was_checked(&doc);
}

#[test]
fn an_empty_file() {
    let dir = folder();
    std::fs::write(dir.path().join("empty.xml"), "").unwrap();
    std::fs::write(dir.path().join("empty.xlsx"), "").unwrap();
    let doc = run(dir.path(), &[]);
    one(&doc, "empty.xml", "F001", "the file is empty");
    one(&doc, "empty.xlsx", "F001", "the file is empty");
    ok_was_checked(&doc);
}

#[test]
fn files_whose_content_is_not_what_the_extension_says() {
    let dir = folder();
    let d = dir.path();
    std::fs::write(d.join("scan.xml"), b"%PDF-1.7\n1 0 obj\n").unwrap();
    std::fs::write(d.join("photo.xlsx"), b"\x89PNG\r\n\x1a\n....").unwrap();
    std::fs::write(d.join("case.xlsx"), caselint_corpus::clean_case(3)).unwrap();
    let wb = caselint_corpus::xlsx(&[("s", vec![])], 0).unwrap();
    std::fs::write(d.join("ledger.xml"), wb).unwrap();
    let doc = run(d, &[]);
    one(&doc, "scan.xml", "F001", "the content is PDF");
    one(&doc, "photo.xlsx", "F001", "the content is PNG");
    one(&doc, "case.xlsx", "F001", "not an Excel workbook");
    one(&doc, "ledger.xml", "F001", "the extension is .xml");
    ok_was_checked(&doc);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop() {
    let dir = folder();
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
    // Not followed by default: counted as skipped.
    let doc = run(d, &[]);
    assert_eq!(doc["summary"]["skipped"]["symlinks"], 1);
    ok_was_checked(&doc);
    // Followed on request: the loop is found and reported, not walked forever.
    let doc = run(d, &["--follow-symlinks"]);
    one(&doc, "loop", "F001", "symbolic link loop");
    ok_was_checked(&doc);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_case_file_does_not_block() {
    let dir = folder();
    let fifo = dir.path().join("pipe.xml");
    // mkfifo is part of coreutils on every machine this runs on: its absence fails the test
    // rather than skipping it silently.
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(
        matches!(made, Ok(s) if s.success()),
        "mkfifo failed: {made:?}"
    );
    // Named on the command line, so the walk hands it to the scan.
    let doc = run_paths(dir.path(), &[], &[dir.path().join("ok.xml"), fifo]);
    one(&doc, "pipe.xml", "F001", "not a regular file");
    ok_was_checked(&doc);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = folder();
    let d = dir.path();
    let locked = d.join("locked.xml");
    std::fs::write(&locked, caselint_corpus::clean_case(5)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(d.join("ok.xml"), std::fs::Permissions::from_mode(0o644)).unwrap();
    // Root reads anything, so as root the check runs as `nobody` for the permission to bite.
    // `nobody` may not reach the built binary (a checkout under /root, mode 0700), so it runs a
    // copy in a temporary folder of its own that everyone may enter.
    let bin_dir = tempfile::tempdir().unwrap();
    let mut cmd = if std::fs::read(&locked).is_ok() {
        let bin = bin_dir.path().join("caselint");
        std::fs::copy(env!("CARGO_BIN_EXE_caselint"), &bin).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut c = Command::new(&bin);
        c.args(["--lang", "en", "check", "--format", "json"])
            .arg(d)
            .current_dir(d)
            .uid(65534)
            .gid(65534);
        c
    } else {
        caselint(d, &[], &[d.to_path_buf()])
    };
    let out = cmd.output().unwrap_or_else(|e| {
        panic!(
            "cannot run caselint as nobody from {:?}: {e}",
            bin_dir.path()
        )
    });
    let doc = parse(out);
    one(&doc, "locked.xml", "F001", "Permission denied");
    ok_was_checked(&doc);
}

#[cfg(target_os = "linux")]
#[test]
fn a_non_utf8_file_name() {
    use std::os::unix::ffi::OsStrExt;
    let dir = folder();
    let name = std::ffi::OsStr::from_bytes(b"\xB0\xB8\xBE\xED-gbk-name.xml"); // 案卷 in GBK
    let mut x = caselint_corpus::clean_case(9);
    x = x.replacen("<Violation>", "<Violation><Remark2>x</Remark2>", 1);
    std::fs::write(dir.path().join(name), x).unwrap();
    let doc = run(dir.path(), &[]);
    // Read and checked like any other; the name is shown with replacement characters.
    one(&doc, "\u{FFFD}-gbk-name.xml", "F005", "Remark2");
    ok_was_checked(&doc);
}

#[test]
fn a_workbook_with_a_million_empty_formatted_rows() {
    use caselint_corpus::Cell;
    let dir = folder();
    let t = |s: &str| Cell::Text(s.to_string());
    let rows = vec![
        vec![
            t("案件编号"),
            t("当事人"),
            t("决定日期"),
            t("罚款金额（元）"),
        ],
        vec![t("A1"), t("张某"), t("2022-03-15"), Cell::Number(5000.0)],
        vec![t("A2"), t("李某"), t("2022-03-16"), Cell::Number(8000.0)],
    ];
    let wb = caselint_corpus::xlsx(&[("2022", rows)], 1_000_000).unwrap();
    std::fs::write(dir.path().join("formatted.xlsx"), wb).unwrap();
    let doc = run(dir.path(), &[]);
    ok_was_checked(&doc);
    let on_wb = findings_on(&doc, "formatted.xlsx");
    let wb_cases = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["file"].as_str().unwrap().ends_with("formatted.xlsx"))
        .count();
    // Its two rows are read as two cases; the million styled blank rows are no data, so they
    // make neither cases nor findings about the file (no F001: it is a readable workbook).
    assert_eq!(wb_cases, 2, "{on_wb:?}");
    assert!(on_wb.iter().all(|(c, _)| !c.starts_with('F')), "{on_wb:?}");
}

/// Runs `check` on `dir` with `args`; returns (stdout, seconds). Exit 0 or 1, no panic.
fn timed(dir: &Path, args: &[&str]) -> (Vec<u8>, f64) {
    let t = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(["--lang", "en", "check"])
        .args(args)
        .arg(dir)
        .current_dir(dir)
        .output()
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "exit {:?}; stderr: {stderr}",
        out.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.stdout, secs)
}

/// Issue 16: one case copied 1,000 times. Every copy gets its F007, and the output grows with
/// the copies, not their square (each finding names three others and counts the rest: a list
/// of every other copy would be 1,000 × 1,000 file names, over 20 MB). The time limit is
/// generous (a shared machine, a debug build); the size bound is what bites.
#[test]
fn a_case_copied_a_thousand_times_gives_output_linear_in_the_copies() {
    let dir = tempfile::tempdir().unwrap();
    let n = 1000;
    caselint_corpus::shapes::copies(dir.path(), n, 3).unwrap();
    let (json, secs) = timed(dir.path(), &["--format", "json"]);
    let doc: Value = serde_json::from_slice(&json).unwrap();
    let f007 = with_code(&doc, "F007");
    assert_eq!(f007.len(), n);
    assert!(
        f007[0]["message"]
            .as_str()
            .unwrap()
            .contains("also appears in 999 other places"),
        "{}",
        f007[0]["message"]
    );
    // About 1.5 KB per case (its finding, its case record and its input record) — never n².
    assert!(json.len() < n * 3_000, "{} bytes of JSON", json.len());
    assert!(secs < 120.0, "{secs:.1} s");
    for format in ["junit", "table", "csv"] {
        let (out, secs) = timed(dir.path(), &["--format", format]);
        assert!(out.len() < n * 3_000, "{format}: {} bytes", out.len());
        assert!(secs < 120.0, "{format}: {secs:.1} s");
    }
}

/// Issue 16: one chain company fined under one provision for an act on one day in 3,000 ledger
/// rows (distinct case numbers): each row reports the double fine, naming a few others and
/// counting the rest — output and time linear in the rows. The rows are folded at once when
/// the file ends, records and cross-case keys on two threads: every row's key must still point
/// at its own row.
#[test]
fn one_party_on_one_day_in_thousands_of_ledger_rows_stays_linear() {
    let dir = tempfile::tempdir().unwrap();
    let rows = 3000;
    caselint_corpus::shapes::one_party_ledger(dir.path(), rows, 5).unwrap();
    let (json, secs) = timed(dir.path(), &["--format", "json"]);
    let doc: Value = serde_json::from_slice(&json).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(cases.len(), rows);
    let l011 = with_code(&doc, "L011");
    assert_eq!(l011.len(), rows, "one double fine per row");
    let mut on: Vec<(&str, String)> = l011
        .iter()
        .map(|f| {
            let at = format!(
                "{}!{}",
                f["sheet"].as_str().unwrap(),
                f["cell"].as_str().unwrap()
            );
            (f["case_no"].as_str().unwrap(), at)
        })
        .collect();
    let mut rows_at: Vec<(&str, String)> = cases
        .iter()
        .map(|c| {
            (
                c["case_no"].as_str().unwrap(),
                c["at"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    on.sort_unstable();
    rows_at.sort_unstable();
    assert_eq!(on, rows_at, "each row's finding sits on that row");
    assert!(json.len() < rows * 4_000, "{} bytes of JSON", json.len());
    assert!(secs < 120.0, "{secs:.1} s");
}

/// Issue 16: many small brigade folders (the shape of a detachment's year): every file is read
/// once and checked; nothing is lost between the chunks of the pipeline.
#[test]
fn many_small_folders() {
    let dir = tempfile::tempdir().unwrap();
    let spec = caselint_corpus::Spec {
        cases: 1500,
        brigades: 300,
        defect_rate: 0.0,
        seed: 8,
        ..Default::default()
    };
    caselint_corpus::write(dir.path(), &spec).unwrap();
    let (json, secs) = timed(dir.path(), &["--format", "json", "-j", "2"]);
    let doc: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(doc["summary"]["files"], 1500);
    assert_eq!(doc["cases"].as_array().unwrap().len(), 1500);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 0);
    assert!(secs < 120.0, "{secs:.1} s");
}
