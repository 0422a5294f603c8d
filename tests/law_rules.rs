//! The statute and document rules (L001–L011, D001–D007, S003) on their fixtures: each `hit/`
//! folder gives exactly the (file, code, case) of `fixtures/expected.toml`, each `clean/` folder
//! nothing; and the messages, in both languages, are snapshots, so a change in what a finding
//! says about the provision, version and range it compared is seen in review.

use std::collections::BTreeSet;
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

fn ours(code: &str) -> bool {
    code.starts_with('L') || code.starts_with('D') || code == "S003"
}

#[test]
fn law_and_document_rules_on_their_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let expected: toml::Value =
        toml::from_str(&std::fs::read_to_string(root.join("expected.toml")).unwrap()).unwrap();
    let expect = expected["expect"].as_array().unwrap();
    let mut codes: Vec<String> = std::fs::read_dir(root.join("rules"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|c| ours(c))
        .collect();
    codes.sort();
    assert_eq!(codes.len(), 19, "{codes:?}");
    let mut snapshot = String::new();
    for code in &codes {
        for kind in ["hit", "clean"] {
            let folder = format!("rules/{code}/{kind}");
            let got = findings(&folder, "zh");
            let key = |f: &serde_json::Value| {
                (
                    f["file"].as_str().unwrap_or_default().to_string(),
                    f["code"].as_str().unwrap_or_default().to_string(),
                    f["case_no"].as_str().unwrap_or_default().to_string(),
                )
            };
            let got_keys: BTreeSet<_> = got.iter().map(key).collect();
            let want: BTreeSet<_> = expect
                .iter()
                .filter(|e| {
                    e["file"]
                        .as_str()
                        .unwrap()
                        .starts_with(&format!("{folder}/"))
                })
                .map(|e| {
                    (
                        e["file"].as_str().unwrap().to_string(),
                        e["code"].as_str().unwrap().to_string(),
                        e["case_no"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            assert_eq!(got_keys, want, "{folder}");
            if kind == "hit" {
                let en = findings(&folder, "en");
                for (zh, en) in got.iter().zip(&en) {
                    snapshot.push_str(&format!(
                        "{} {}\n  zh: {}\n  en: {}\n",
                        zh["code"].as_str().unwrap(),
                        zh["file"].as_str().unwrap(),
                        zh["message"].as_str().unwrap(),
                        en["message"].as_str().unwrap(),
                    ));
                }
            }
        }
    }
    insta::assert_snapshot!(snapshot);
}
