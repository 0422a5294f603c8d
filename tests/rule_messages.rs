//! What every rule says on its `fixtures/rules/<CODE>/hit` folder, in Chinese and English, as
//! one snapshot: a change in the dates, periods, provisions, versions or ranges a finding names
//! shows up in review. (Which findings each folder gives is asserted in `tests/fixtures.rs`.)

use std::path::Path;
use std::process::Command;

fn findings(folder: &str, lang: &str) -> Vec<serde_json::Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let out = Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args([
            "check",
            folder,
            "--format",
            "json",
            "--exit-zero",
            "--lang",
            lang,
        ])
        .current_dir(&root)
        .env("CASELINT_TODAY", "2026-11-29")
        .output()
        .expect("run caselint");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    v["findings"].as_array().cloned().unwrap_or_default()
}

#[test]
fn every_rule_message_on_its_hit_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut codes: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    codes.sort();
    let mut snapshot = String::new();
    for code in &codes {
        let folder = format!("rules/{code}/hit");
        let zh = findings(&folder, "zh");
        let en = findings(&folder, "en");
        assert_eq!(zh.len(), en.len(), "{folder}");
        for (zh, en) in zh.iter().zip(&en) {
            let at = match (
                zh["line"].as_u64(),
                zh["sheet"].as_str(),
                zh["cell"].as_str(),
            ) {
                (Some(l), _, _) => format!(":{l}"),
                (None, Some(s), Some(c)) => format!(" {s}!{c}"),
                _ => String::new(),
            };
            snapshot.push_str(&format!(
                "{} {}{at}\n  zh: {}\n  en: {}\n",
                zh["code"].as_str().unwrap(),
                zh["file"].as_str().unwrap(),
                zh["message"].as_str().unwrap(),
                en["message"].as_str().unwrap(),
            ));
        }
    }
    insta::assert_snapshot!(snapshot);
}
