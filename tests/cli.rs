//! End-to-end tests of the binary: exit codes, languages, output files, thread-count
//! determinism, and a run over broken files that still reports everything else.

use std::path::Path;
use std::process::{Command, Output};

fn caselint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(args)
        .current_dir(cwd)
        .env("CASELINT_TODAY", "2026-11-29")
        .env_remove("COLUMNS")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run caselint")
}

const CLEAN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Case>
  <CaseNo>测试立字〔2022〕第001号</CaseNo>
  <Agency>开封市测试区消防救援大队</Agency>
</Case>
"#;

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("甲大队")).unwrap();
    std::fs::write(d.join("甲大队/clean.xml"), CLEAN).unwrap();
    std::fs::write(
        d.join("甲大队/broken.xml"),
        "<Case>\n<CaseNo>x</CaseNo>\n<Agency>\n",
    )
    .unwrap();
    std::fs::write(d.join("甲大队/not-a-workbook.xlsx"), "hello").unwrap();
    std::fs::write(
        d.join("甲大队/dup.xml"),
        CLEAN.replace("<Agency>", "<Extra>1</Extra><Agency>"),
    )
    .unwrap();
    dir
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bad JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn broken_files_are_findings_and_the_scan_goes_on() {
    let dir = tree();
    let out = caselint(&["check", ".", "--format", "json"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let codes: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert!(
        codes.contains(&("F002", "./甲大队/broken.xml")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("F001", "./甲大队/not-a-workbook.xlsx")),
        "{codes:?}"
    );
    assert!(codes.contains(&("F005", "./甲大队/dup.xml")), "{codes:?}");
    // Both copies of the duplicated case number are reported.
    assert_eq!(
        codes.iter().filter(|(c, _)| *c == "F007").count(),
        2,
        "{codes:?}"
    );
    assert_eq!(v["summary"]["files"], 4);
    assert_eq!(v["summary"]["cases"], 2);
    assert_eq!(v["cases"][0]["brigade"], "甲大队");
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clean.xml"), CLEAN).unwrap();
    // Only an info finding at most: clean at the default fail level.
    let out = caselint(&["check", "clean.xml"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(dir.path().join("bad.xml"), "<Case>").unwrap();
    assert_eq!(caselint(&["check", "."], dir.path()).status.code(), Some(1));
    assert_eq!(
        caselint(&["check", ".", "--exit-zero"], dir.path())
            .status
            .code(),
        Some(0)
    );
    // Usage errors are 2.
    assert_eq!(caselint(&["check"], dir.path()).status.code(), Some(2));
    assert_eq!(
        caselint(&["check", ".", "--format", "nope"], dir.path())
            .status
            .code(),
        Some(2)
    );
    // A broken configuration is 2, with its place.
    std::fs::write(dir.path().join("caselint.toml"), "[check]\nbogus = 1\n").unwrap();
    let out = caselint(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("caselint.toml:2:1"), "{err}");
}

#[test]
fn one_thread_and_many_threads_give_the_same_bytes() {
    let dir = tree();
    for i in 0..40 {
        std::fs::write(
            dir.path().join(format!("甲大队/c{i:02}.xml")),
            CLEAN.replace("001", &format!("{:03}", i + 2)),
        )
        .unwrap();
    }
    let one = caselint(&["check", ".", "--format", "json", "-j", "1"], dir.path());
    let many = caselint(&["check", ".", "--format", "json", "-j", "8"], dir.path());
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, many.stdout);
}

#[test]
fn english_messages_and_output_file() {
    let dir = tree();
    let out = caselint(&["check", ".", "--lang", "en", "-o", "out.txt"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(text.contains("Malformed XML"), "{text}");
    assert!(text.contains(" files ("), "{text}");
    let zh = caselint(&["check", "."], dir.path());
    let zh = String::from_utf8_lossy(&zh.stdout);
    assert!(zh.contains("文件意外结束") && zh.contains("案件 "), "{zh}");
    // Not a terminal, no COLUMNS: 100 columns wide, no colour.
    for line in zh.lines() {
        assert!(caselint::report::table::line_width(line) <= 100, "{line}");
    }
    assert!(!zh.contains('\u{1b}'));
}

#[test]
fn cite_reads_citations() {
    let dir = tempfile::tempdir().unwrap();
    let out = caselint(
        &[
            "cite",
            "《中华人民共和国消防法》第六十条第一款第（三）项",
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let c = &v["parsed"]["citations"][0];
    assert_eq!(c["law_id"], "fire_law");
    assert_eq!(
        (
            c["article"].as_u64(),
            c["paragraph"].as_u64(),
            c["item"].as_u64()
        ),
        (Some(60), Some(1), Some(3))
    );
}

#[test]
fn baseline_keeps_only_new_findings() {
    let dir = tree();
    let out = caselint(&["check", ".", "--write-baseline", "base.json"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let out = caselint(
        &["check", ".", "--baseline", "base.json", "--format", "json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    std::fs::write(dir.path().join("甲大队/new.xml"), "<Case>").unwrap();
    let out = caselint(
        &["check", ".", "--baseline", "base.json", "--format", "json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["summary"]["baseline"]["stale"], 0);
}

#[test]
fn waivers_mark_findings_and_expire() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.xml"), CLEAN).unwrap();
    std::fs::write(dir.path().join("b.xml"), CLEAN).unwrap();
    let waiver = "[[waiver]]\ncase = \"测试立字〔2022〕第001号\"\nrule = \"F007\"\nreason = \"同一案件的两份导出，已确认\"\napprover = \"王某\"\nexpires = EXP\n";
    std::fs::write(
        dir.path().join("w.toml"),
        waiver.replace("EXP", "2027-01-01"),
    )
    .unwrap();
    let out = caselint(
        &["check", ".", "--waivers", "w.toml", "--format", "json"],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v = json(&out);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["waived"] == true));
    std::fs::write(
        dir.path().join("w.toml"),
        waiver.replace("EXP", "2026-01-01"),
    )
    .unwrap();
    let out = caselint(
        &["check", ".", "--waivers", "w.toml", "--format", "json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["F007", "F007", "F008"]);
    // A waiver without a reason is a configuration error.
    std::fs::write(
        dir.path().join("w.toml"),
        "[[waiver]]\ncase = \"x\"\nrule = \"F007\"\napprover = \"a\"\nexpires = 2027-01-01\n",
    )
    .unwrap();
    assert_eq!(
        caselint(&["check", ".", "--waivers", "w.toml"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn rules_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let out = caselint(&["rules", "--format", "json"], dir.path());
    let v = json(&out);
    assert!(v.as_array().unwrap().iter().any(|r| r["code"] == "F002"));
    let out = caselint(&["explain", "f002"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("F002 malformed-xml") && text.contains("如何整改"),
        "{text}"
    );
    assert_eq!(
        caselint(&["explain", "Z999"], dir.path()).status.code(),
        Some(2)
    );
}

#[test]
fn statistics_count_per_rule_category_and_brigade() {
    let dir = tree();
    let out = caselint(
        &["check", ".", "--statistics", "--format", "json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let f007 = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "F007")
        .unwrap();
    assert_eq!(
        (f007["findings"].as_u64(), f007["cases"].as_u64()),
        (Some(2), Some(2))
    );
    let b = &v["brigades"][0];
    assert_eq!(b["brigade"], "甲大队");
    assert_eq!(b["cases"], 2);
}

#[test]
fn provenance_records_inputs_and_rule_data() {
    let dir = tree();
    let out = caselint(&["check", ".", "--format", "json"], dir.path());
    let v = json(&out);
    let p = &v["provenance"];
    assert_eq!(p["rules_hash"].as_str().unwrap().len(), 64);
    let inputs = p["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 4);
    let clean = inputs
        .iter()
        .find(|i| i["file"] == "./甲大队/clean.xml")
        .unwrap();
    // sha256 of CLEAN, computed independently.
    use sha2::Digest;
    let want: String = sha2::Sha256::digest(CLEAN.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(clean["sha256"], want.as_str());
    // A different rule-data set gives a different hash.
    std::fs::create_dir_all(dir.path().join("mine")).unwrap();
    std::fs::write(dir.path().join("mine/extra.txt"), "x").unwrap();
    let out = caselint(
        &["check", ".", "--format", "json", "--checks", "mine"],
        dir.path(),
    );
    assert_ne!(json(&out)["provenance"]["rules_hash"], p["rules_hash"]);
}

#[test]
fn configured_settings_override_the_shipped_ones_and_show_where_from() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[check]\nfail-on = \"error\"\n\n[settings]\n\"hearing.fine_threshold.unit\" = 10000\n",
    )
    .unwrap();
    let out = caselint(&["explain", "P004"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("hearing.fine_threshold.unit = 10000") && text.contains("CONFIGURED"),
        "{text}"
    );
    assert!(text.contains("caselint.toml:5"), "{text}");
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[settings]\n\"statement.period\" = 3\n\"no.such\" = 1\n",
    )
    .unwrap();
    let out = caselint(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("caselint.toml:2:1") && err.contains("caselint.toml:3:1"),
        "{err}"
    );
}

/// The meeting reports: a title from `--title` or the configuration's `[report]`, the run's date,
/// and `--statistics` as CSV in the user's language and as a workbook.
#[test]
fn report_title_date_and_statistics_formats() {
    let dir = tree();
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[report]\nunit = \"某市消防救援支队法制科\"\nyear = 2022\nscope = \"全市案卷\"\n",
    )
    .unwrap();
    let out = caselint(
        &["check", ".", "--format", "html", "-o", "r.html"],
        dir.path(),
    );
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
    let page = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(page.contains("<h1>某市消防救援支队法制科 2022 年度 消防行政处罚案卷评查报告</h1>"));
    assert!(page.contains("报告日期：2026年11月29日"), "the run's date");
    let out = caselint(
        &[
            "check",
            ".",
            "--format",
            "html",
            "-o",
            "t.html",
            "--title",
            "年度评查 & 互查",
        ],
        dir.path(),
    );
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
    let page = std::fs::read_to_string(dir.path().join("t.html")).unwrap();
    assert!(page.contains("<h1>年度评查 &amp; 互查</h1>"));
    let out = caselint(
        &["check", ".", "--statistics", "--format", "csv"],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("\u{feff}统计,代码,名称,问题数"), "{text}");
    let out = caselint(
        &[
            "check",
            ".",
            "--statistics",
            "--format",
            "xlsx",
            "-o",
            "s.xlsx",
        ],
        dir.path(),
    );
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{out:?}"
    );
    assert!(std::fs::read(dir.path().join("s.xlsx"))
        .unwrap()
        .starts_with(b"PK"));
    let out = caselint(
        &["check", ".", "--statistics", "--format", "sarif"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let out = caselint(&["check", ".", "--mask", "--no-mask"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}
