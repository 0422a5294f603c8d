//! End-to-end tests of the binary: exit codes, languages, output files, thread-count
//! determinism, and a run over broken files that still reports everything else.

use std::path::Path;
use std::process::{Command, Output};

fn caselint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(args)
        .current_dir(cwd)
        .env("CASELINT_TODAY", "2026-11-29")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
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
        text.contains("hearing.fine_threshold.unit = 10000") && text.contains("本地配置"),
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

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_missing_path_and_an_empty_input_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = caselint(&["check", "没有这个目录"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("路径不存在：没有这个目录"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "no report for a typo");
    std::fs::create_dir(dir.path().join("空")).unwrap();
    std::fs::write(dir.path().join("空/说明.pdf"), "x").unwrap();
    let out = caselint(&["check", "空"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--allow-empty"), "{}", stderr(&out));
    let out = caselint(&["check", "空", "--allow-empty"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // In English on request, one language per line.
    let out = caselint(&["check", "nope", "--lang", "en"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no such file or folder: nope"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("不存在"), "{}", stderr(&out));
}

#[test]
fn unreadable_files_survive_select_and_ignore() {
    let dir = tree();
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[check]\nselect = [\"P\"]\nignore = [\"F001\"]\n[severity]\nF001 = \"info\"\n",
    )
    .unwrap();
    let out = caselint(&["check", ".", "--format", "json"], dir.path());
    let v = json(&out);
    let f: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    // Downgraded, not hidden; the malformed XML too.
    assert!(f.contains(&("F001", "info")), "{f:?}");
    assert!(f.iter().any(|(c, _)| *c == "F002"), "{f:?}");
    assert!(!f.iter().any(|(c, _)| *c == "F005"), "{f:?}");
}

#[test]
fn a_baseline_holds_however_the_path_is_typed() {
    let dir = tree();
    let d = dir.path();
    std::fs::rename(d.join("甲大队"), d.join("e2")).unwrap();
    std::fs::create_dir(d.join("e2/甲大队")).unwrap();
    for f in ["clean.xml", "broken.xml", "not-a-workbook.xlsx", "dup.xml"] {
        std::fs::rename(d.join("e2").join(f), d.join("e2/甲大队").join(f)).unwrap();
    }
    let out = caselint(&["check", "e2", "--write-baseline", "b.json"], d);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let abs = d.join("e2");
    for p in ["e2", "./e2", "e2/", abs.to_str().unwrap()] {
        let out = caselint(&["check", p, "--baseline", "b.json", "--format", "json"], d);
        let v = json(&out);
        assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{p}: {v}");
        assert_eq!(v["summary"]["baseline"]["stale"], 0, "{p}");
        assert_eq!(out.status.code(), Some(0), "{p}");
    }
    // The baseline names files relative to the root, so it moves to another computer.
    let b = std::fs::read_to_string(d.join("b.json")).unwrap();
    assert!(b.contains("\"甲大队/broken.xml\""), "{b}");
    assert!(!b.contains("e2/"), "{b}");
}

#[test]
fn waivers_are_checked_when_loaded_and_stale_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.xml"), CLEAN).unwrap();
    std::fs::write(dir.path().join("b.xml"), CLEAN).unwrap();
    let w = |case: &str, rule: &str| {
        format!("[[waiver]]\ncase = \"{case}\"\nrule = \"{rule}\"\nreason = \"r\"\napprover = \"王某\"\nexpires = 2027-01-01\n")
    };
    std::fs::write(
        dir.path().join("w.toml"),
        w("测试立字〔2022〕第001号", "P033"),
    )
    .unwrap();
    let out = caselint(&["check", ".", "--waivers", "w.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("w.toml:1:1") && stderr(&out).contains("P033"),
        "{}",
        stderr(&out)
    );
    std::fs::write(
        dir.path().join("w.toml"),
        w("测试立字〔2099〕第9号", "F007"),
    )
    .unwrap();
    let out = caselint(&["check", ".", "--waivers", "w.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("测试立字〔2099〕第9号"),
        "{}",
        stderr(&out)
    );
    // A waiver that matches nothing is said to be stale.
    std::fs::write(
        dir.path().join("w.toml"),
        w("测试立字〔2022〕第001号", "P001"),
    )
    .unwrap();
    let out = caselint(&["check", ".", "--waivers", "w.toml"], dir.path());
    assert!(stderr(&out).contains("没有对应的问题"), "{}", stderr(&out));
}

#[test]
fn output_format_follows_the_file_extension() {
    let dir = tree();
    let d = dir.path();
    let out = caselint(&["check", ".", "-o", "评查.xlsx"], d);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(&std::fs::read(d.join("评查.xlsx")).unwrap()[..2], b"PK");
    caselint(&["check", ".", "-o", "r.json"], d);
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("r.json")).unwrap()).unwrap();
    assert!(v["findings"].is_array());
    caselint(&["check", ".", "-o", "r.html"], d);
    assert!(std::fs::read_to_string(d.join("r.html"))
        .unwrap()
        .contains("<html"));
    caselint(&["check", ".", "-o", "r.xml"], d);
    assert!(std::fs::read_to_string(d.join("r.xml"))
        .unwrap()
        .contains("<testsuite"));
    caselint(&["check", ".", "-o", "r.sarif"], d);
    assert!(std::fs::read_to_string(d.join("r.sarif"))
        .unwrap()
        .contains("\"runs\""));
    caselint(&["check", ".", "-o", "r.txt"], d);
    assert!(!std::fs::read_to_string(d.join("r.txt"))
        .unwrap()
        .starts_with('{'));
    let out = caselint(&["check", ".", "-o", "r.xlsx", "--format", "json"], d);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format json"), "{}", stderr(&out));
    // results.sarif.json is the usual SARIF name.
    let out = caselint(
        &["check", ".", "-o", "r.sarif.json", "--format", "sarif"],
        d,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn help_and_usage_errors_are_chinese_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let out = caselint(&["--help"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("用法") && text.contains("检查案卷文件和台账"),
        "{text}"
    );
    assert!(
        !text.contains("Print help") && !text.contains("Usage"),
        "{text}"
    );
    let text = stdout(&caselint(&["help", "check"], dir.path()));
    assert!(
        text.contains("输出格式") && text.contains("--allow-empty"),
        "{text}"
    );
    let out = caselint(&["check", ".", "--bogus"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("不认识的参数"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("unexpected"), "{}", stderr(&out));
    // English with --lang en or an English locale.
    let text = stdout(&caselint(&["--lang", "en", "check", "--help"], dir.path()));
    assert!(
        text.contains("Usage") && text.contains("Files or folders"),
        "{text}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(["--help"])
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("Usage"), "{}", stdout(&out));
}

#[test]
fn cite_says_whether_a_provision_exists() {
    let dir = tempfile::tempdir().unwrap();
    let out = caselint(
        &[
            "cite",
            "消防法第60条第1款第3项、《消防法》第九十九条",
            "--date",
            "2024-05-01",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("规范写法：《中华人民共和国消防法》第六十条第一款第（三）项"),
        "{text}"
    );
    assert!(
        text.contains("条款：存在") && text.contains("罚款幅度：5000 元以上 50000 元以下"),
        "{text}"
    );
    assert!(
        text.contains("处罚对象：单位") && text.contains("处罚种类：罚款"),
        "{text}"
    );
    assert!(text.contains("不存在：该版本没有第九十九条"), "{text}");
    let v = json(&caselint(
        &["cite", "《消防法》第七十条第五款", "--format", "json"],
        dir.path(),
    ));
    assert_eq!(v["provisions"][0]["exists"], "no");
    // Only the formats it has.
    let out = caselint(&["cite", "x", "--format", "csv"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("table、json"), "{}", stderr(&out));
}

/// A citation that names its version (（2008年修订）) is read in that version, and says so; when
/// another text was in force on the date asked about, a note says which (the 2008 revision came
/// into force on 2009-05-01, the 2019 amendment on 2019-04-23: 消防法 as published).
#[test]
fn cite_reads_a_stated_version_in_that_version() {
    let dir = tempfile::tempdir().unwrap();
    let cite = |text: &str, date: &str, lang: &str| {
        let out = caselint(&["cite", text, "--date", date, "--lang", lang], dir.path());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let stated = "《中华人民共和国消防法》（2008年修订）第六十条第一款第（三）项";
    let text = cite(stated, "2020-01-01", "zh");
    assert!(
        text.contains("版本：2009-05-01 起施行的文本（按引文所注版本查）"),
        "{text}"
    );
    assert!(
        text.contains("提示：2020-01-01 施行的是 2019-04-23 起施行的文本，与引文所注版本不同"),
        "{text}"
    );
    let text = cite(stated, "2015-01-01", "zh");
    assert!(
        text.contains("按引文所注版本查") && !text.contains("提示"),
        "{text}"
    );
    let text = cite(stated, "2020-01-01", "en");
    assert!(
        text.contains(
            "version: the text in force from 2009-05-01 (the version the citation names)"
        ),
        "{text}"
    );
    // Without a stated version: the text in force on the date.
    let text = cite("《消防法》第六十条第一款第三项", "2020-01-01", "zh");
    assert!(
        text.contains("版本：2019-04-23 起施行的文本（按 2020-01-01 查）")
            && !text.contains("提示"),
        "{text}"
    );
}

#[test]
fn rules_list_as_csv_and_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let out = caselint(&["rules", "-o", "规则.csv"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = std::fs::read_to_string(dir.path().join("规则.csv")).unwrap();
    assert!(
        csv.starts_with("\u{feff}代码,名称") && csv.contains("P003"),
        "{csv}"
    );
    let out = caselint(
        &["rules", "--format", "xlsx", "-o", "规则.xlsx"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        &std::fs::read(dir.path().join("规则.xlsx")).unwrap()[..2],
        b"PK"
    );
    assert_eq!(
        caselint(&["rules", "--format", "sarif"], dir.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        caselint(&["rules", "--format", "xlsx"], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn init_writes_only_keys_that_load_and_config_shows_what_is_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(caselint(&["init"], d).status.code(), Some(0));
    // Uncomment every example key (lines `# key = …` and the per-path table).
    let text = std::fs::read_to_string(d.join("caselint.toml")).unwrap();
    let key = regex::Regex::new(r#"^# (\[\[per-path\]\]|"?[a-zA-Z0-9_.-]+"? = .*)$"#).unwrap();
    let uncommented: Vec<String> = text
        .lines()
        .map(|l| match key.is_match(l) {
            true => l[2..].to_string(),
            false => l.to_string(),
        })
        .collect();
    let n = uncommented
        .iter()
        .zip(text.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert!(n >= 12, "{n} keys uncommented");
    std::fs::write(d.join("caselint.toml"), uncommented.join("\n")).unwrap();
    for line in &uncommented {
        if let Some(dir) = line
            .strip_prefix("checks = [\"")
            .and_then(|r| r.strip_suffix("\"]"))
        {
            std::fs::create_dir_all(d.join(dir)).unwrap();
        }
    }
    let out = caselint(&["config"], d);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\"hearing.fine_threshold.unit\" = 10000"),
        "{text}"
    );
    assert!(text.contains("caselint.toml:2"), "{text}");
    assert!(!text.contains(":0"), "{text}");
    assert!(
        text.contains("检查数据哈希") && text.contains("checks = "),
        "{text}"
    );
    assert!(text.contains("可信度：本工具默认值，未经核实"), "{text}");
    for mark in ["VERIFIED", "SECONDARY", "DERIVED", "legal.md"] {
        assert!(!text.contains(mark), "{mark}: {text}");
    }
    // A misspelt setting names the setting and the nearest valid one, not a data file.
    std::fs::write(
        d.join("caselint.toml"),
        "[settings]\n\"hearing.threshold.unit\" = 1\n",
    )
    .unwrap();
    let out = caselint(&["config"], d);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("hearing.threshold.unit") && err.contains("hearing.fine_threshold.unit"),
        "{err}"
    );
    assert!(!err.contains("checks/settings.toml"), "{err}");
}

#[test]
fn the_shipped_checks_can_be_exported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = caselint(&["checks", "export", "本地数据"], d);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let settings = std::fs::read_to_string(d.join("本地数据/settings.toml")).unwrap();
    assert!(settings.starts_with('#'), "comments kept");
    assert!(d.join("本地数据/statutes/fire_law.toml").is_file());
    assert!(d.join("本地数据/aliases.toml").is_file());
    // An adapted copy is never overwritten by accident.
    std::fs::write(d.join("本地数据/aliases.toml"), "# 本地修改\n").unwrap();
    let out = caselint(&["checks", "export", "本地数据"], d);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(d.join("本地数据/aliases.toml")).unwrap(),
        "# 本地修改\n"
    );
    assert_eq!(
        caselint(&["checks", "export", "本地数据", "--force"], d)
            .status
            .code(),
        Some(0)
    );
    // The export loads as a check folder.
    std::fs::write(d.join("a.xml"), CLEAN).unwrap();
    let out = caselint(&["check", "a.xml", "--checks", "本地数据"], d);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
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
