//! Decision documents on their own (.docx, .txt): the binary run on every file of
//! `fixtures/decisions/` gives exactly the findings listed here, each at its paragraph; clean
//! decisions give none; step rules stay silent (a decision-only record); a folder mixing XML,
//! ledgers, decisions and other documents reads each and counts the skipped ones.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn run(dir: &Path, args: &[&str]) -> (Vec<u8>, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(args)
        .current_dir(dir)
        .env("CASELINT_TODAY", "2026-11-29")
        .output()
        .expect("run caselint");
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.stdout, code)
}

/// (code, paragraph) of every finding on one file.
fn findings(file: &str) -> Vec<(String, Option<u64>)> {
    let (out, _) = run(
        &root().join("decisions"),
        &["check", file, "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let mut got: Vec<(String, Option<u64>)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert_eq!(f["file"].as_str(), Some(file));
            (
                f["code"].as_str().unwrap().to_string(),
                f["paragraph"].as_u64(),
            )
        })
        .collect();
    got.sort();
    got
}

fn files(folder: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("decisions").join(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt") || n.ends_with(".docx"))
        .map(|n| format!("{folder}/{n}"))
        .collect();
    v.sort();
    v
}

#[test]
fn clean_decisions_give_no_finding() {
    let clean = files("clean");
    assert!(clean.len() >= 8, "{clean:?}");
    assert!(clean.iter().any(|f| f.ends_with(".docx")));
    for f in clean {
        assert_eq!(findings(&f), [], "{f}");
    }
}

/// What each `hit/` file gives: (file stem, [(code, paragraph)]). A .txt and the .docx made
/// from it give the same. The paragraph is named wherever the defect sits in one.
/// Expected (code, paragraph) pairs of one file.
type Want = &'static [(&'static str, Option<u64>)];

const HITS: &[(&str, Want)] = &[
    ("罚款低于法定幅度", &[("L005", Some(9))]),
    ("复议期限写成三个月", &[("D004", Some(11))]),
    ("处罚依据未写到项", &[("L001", Some(9))]),
    // A section the decision lacks has no paragraph: the finding is on the document.
    ("缺少救济途径", &[("D003", None)]),
    ("文号括号错误", &[("D005", Some(3))]),
    ("信用代码校验位错误", &[("D001", Some(5))]),
    // The procedure shows on the decision itself: a 当场 decision over the summary limit.
    ("当场处罚超过限额", &[("P011", Some(12))]),
    ("不是决定书", &[("F001", None)]),
    ("损坏的决定书", &[("F001", None)]),
    // 消防法 art. 66 fines only beside 责令停止使用: an accessory fine alone.
    ("第六十六条单处罚款", &[("L008", Some(9))]),
    // An individual fined 800 yuan on the spot: over 消防法 60 ¶2 (500) and the summary limit.
    (
        "当场个人罚款超过幅度",
        &[("L005", Some(6)), ("P011", Some(10))],
    ),
    // "可以依法申请行政复议或者提起行政诉讼" names no period.
    ("救济途径缺期限", &[("D004", Some(8))]),
    // A 当场 decision of 2024 must go to 行政复议 first (行政复议法 2023 art. 23).
    ("当场决定告知直接起诉", &[("D004", Some(8))]),
    // "违反了消防法律法规" names no provision (art. 59 (二)).
    ("违反条款未写明", &[("L009", Some(10))]),
    // A published record, one `label：value` a line: the basis line is its own paragraph.
    ("双公示记录依据未到项", &[("L001", Some(11))]),
    // A 责令限期改正通知书 is not a decision.
    ("责令限期改正通知书", &[("F001", None)]),
];

#[test]
fn hit_decisions_give_their_findings_at_their_paragraphs() {
    let hit = files("hit");
    for f in &hit {
        let stem = Path::new(f)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let got = findings(f);
        let (_, want) = HITS
            .iter()
            .find(|(s, _)| *s == stem)
            .unwrap_or_else(|| panic!("{f} has no expectation"));
        let want: Vec<(String, Option<u64>)> =
            want.iter().map(|(c, p)| (c.to_string(), *p)).collect();
        assert_eq!(got, want, "{f}");
    }
    // Every expectation has its file.
    for (stem, _) in HITS {
        assert!(hit.iter().any(|f| f.contains(stem)), "{stem}");
    }
}

#[test]
fn a_decision_is_a_decision_only_case_and_step_rules_are_silent() {
    let (out, code) = run(
        &root().join("decisions"),
        &["check", "clean/开封_占用疏散通道.docx", "--format", "json"],
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["summary"]["cases"], 1);
    // Steps before and after the decision are not checkable, never missing.
    let by_rule = v["summary"]["not_checkable"]["by_rule"]
        .as_object()
        .unwrap();
    assert!(by_rule.contains_key("P001") || by_rule.contains_key("P002"));
    for f in v["findings"].as_array().unwrap() {
        // P011 (a summary decision over the limit) is the only procedure rule a decision shows.
        let code = f["code"].as_str().unwrap();
        assert!(!code.starts_with('P') || code == "P011", "{f}");
    }
}

#[test]
fn paragraphs_are_named_in_every_output() {
    let dir = root().join("decisions");
    let file = "hit/罚款低于法定幅度.txt";
    let (table, _) = run(&dir, &["check", file]);
    assert!(String::from_utf8_lossy(&table).contains("第9段"));
    let (table, _) = run(&dir, &["check", file, "--lang", "en"]);
    assert!(String::from_utf8_lossy(&table).contains("paragraph 9"));
    let (csv, _) = run(&dir, &["check", file, "--format", "csv"]);
    let csv = String::from_utf8_lossy(&csv);
    assert!(csv.lines().next().unwrap().contains(",位置,"), "{csv}");
    assert!(csv.lines().nth(1).unwrap().contains(",第9段,"), "{csv}");
    let (sarif, _) = run(&dir, &["check", file, "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif).unwrap();
    let loc = &sarif["runs"][0]["results"][0]["locations"][0];
    assert_eq!(loc["logicalLocations"][0]["kind"], "paragraph");
    assert_eq!(loc["logicalLocations"][0]["name"], "paragraph 9");
}

#[test]
fn a_folder_mixes_xml_ledgers_decisions_and_other_documents() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let copy = |from: &str, to: &str| {
        std::fs::copy(root().join(from), d.join(to)).unwrap();
    };
    copy("rules/P001/clean/告知笔录与勘验笔录.xml", "案卷.xml");
    copy(
        "detachment/解放区大队/解放区消防救援大队行政处罚案件台账.xlsx",
        "台账.xlsx",
    );
    copy("decisions/clean/开封_占用疏散通道.docx", "决定书.docx");
    copy("decisions/clean/大兴_多项违法合并处罚.txt", "公示.txt");
    std::fs::write(d.join("扫描件.pdf"), b"%PDF-1.4\n").unwrap();
    std::fs::write(d.join("导出.csv"), "a,b\n").unwrap();
    std::fs::write(d.join("旧版.doc"), b"\xD0\xCF\x11\xE0").unwrap();
    let (out, _) = run(d, &["check", ".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["summary"]["files"], 4);
    assert_eq!(v["summary"]["skipped"]["other_files"], 3);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(
        !files
            .iter()
            .any(|f| f.ends_with(".docx") || f.ends_with(".txt")),
        "{files:?}"
    );
    let (table, _) = run(d, &["check", "."]);
    // The summary wraps at the table's width: read it unwrapped.
    let table = String::from_utf8_lossy(&table).replace('\n', "");
    assert!(table.contains("跳过 3 个非案卷格式文件"), "{table}");
    let (table, _) = run(d, &["check", ".", "--lang", "en"]);
    let table = String::from_utf8_lossy(&table).replace('\n', " ");
    assert!(table.contains("3 files of other types skipped"), "{table}");
}

/// A decision document and the case file of the same decision (same number, same party) are
/// one case seen twice: no duplicate number (D006), no double fine (L011). Another party under
/// the same number is still a duplicate.
#[test]
fn a_decision_and_its_case_file_are_one_case_seen_twice() {
    let decision = |party: &str, code: &str| {
        format!(
            "开封市顺河回族区消防救援大队\n行政处罚决定书\n顺消行罚决字〔2022〕第0131号\n当事人：{party}\n统一社会信用代码：{code}\n住所：开封市顺河回族区某路\n法定代表人：某某\n　　经查，2022年3月7日，你单位疏散通道被堵塞。以上事实有现场检查记录等证据证实。\n　　你单位的上述行为违反了《中华人民共和国消防法》第二十八条的规定，根据《中华人民共和国消防法》第六十条第一款第三项的规定，决定给予你单位罚款人民币壹万元整的行政处罚。\n　　罚款自收到本决定书之日起十五日内缴至指定银行或者通过电子支付系统缴纳。\n　　如不服本决定，可以在收到本决定书之日起六十日内向开封市顺河回族区人民政府申请行政复议，或者在六个月内依法向开封市顺河回族区人民法院提起行政诉讼。\n开封市顺河回族区消防救援大队\n（印章）\n二〇二二年三月二十二日\n"
        )
    };
    let codes = |text: String| -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            root().join("rules/P001/clean/告知笔录与勘验笔录.xml"),
            dir.path().join("案卷.xml"),
        )
        .unwrap();
        std::fs::write(dir.path().join("决定书.txt"), text).unwrap();
        let (out, _) = run(dir.path(), &["check", ".", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    let same = codes(decision(
        "开封市顺发五金2号店有限责任公司",
        "91410203MA48724004",
    ));
    assert!(same.is_empty(), "{same:?}");
    let other = codes(decision("开封市某某商贸有限公司", "91410204MA44A1B2C7"));
    assert_eq!(other, ["D006", "D006"]);
}
