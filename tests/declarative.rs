//! End-to-end tests of declarative rules: the example rule file loaded through `--checks`
//! fires exactly its rule on each `fixtures/declarative/<CODE>/hit/` folder and nothing on each
//! `clean/` folder; a broken rule file stops the run with exit code 2 and every error's
//! file:line:col on stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn caselint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(args)
        .current_dir(cwd)
        .env("CASELINT_TODAY", "2026-11-29")
        .output()
        .expect("run caselint")
}

/// The codes of a JSON run's findings, sorted.
fn codes(out: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bad JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut c: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    c.sort();
    c
}

#[test]
fn example_rules_hit_and_stay_clean_on_their_fixtures() {
    let table: &[(&str, &str, &[&str], i32)] = &[
        ("X101", "hit", &["X101"], 1),
        ("X101", "clean", &[], 0),
        ("X102", "hit", &["X102"], 1),
        ("X102", "clean", &[], 0),
        ("X103", "hit", &["X103"], 1),
        ("X103", "clean", &[], 0),
        // X104 is an info rule: below the default fail level.
        ("X104", "hit", &["X104"], 0),
        ("X104", "clean", &[], 0),
    ];
    for (code, sub, want, exit) in table {
        let dir = format!("fixtures/declarative/{code}/{sub}");
        let out = caselint(
            &[
                "--checks",
                "checks/examples",
                "check",
                &dir,
                "--format",
                "json",
            ],
            &root(),
        );
        assert_eq!(codes(&out), *want, "{dir}");
        assert_eq!(out.status.code(), Some(*exit), "{dir}");
        // Without the overlay the examples do not run: the fixtures are clean for built-ins.
        let plain = caselint(&["check", &dir, "--format", "json"], &root());
        assert!(codes(&plain).is_empty(), "{dir}: {:?}", codes(&plain));
    }
}

#[test]
fn declared_rules_are_listed_and_explained() {
    let out = caselint(
        &["--checks", "checks/examples", "rules", "--format", "json"],
        &root(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let x101 = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "X101")
        .expect("X101 listed");
    assert_eq!(x101["name"], "public-venue-commitment-missing");
    assert!(x101["source"]
        .as_str()
        .unwrap()
        .ends_with("brigade-examples.toml:12"));
    let out = caselint(
        &[
            "--checks",
            "checks/examples",
            "--lang",
            "en",
            "explain",
            "x103",
        ],
        &root(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("X103 decision-number-not-own-prefix"),
        "{text}"
    );
    // The rule's mark, in plain words.
    assert!(
        text.contains("(from secondary sources, not checked against the law text)"),
        "{text}"
    );
}

#[test]
fn a_broken_rule_file_is_exit_2_with_every_error_placed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    let bad = r#"[[rule]]
code = "X201"
name = "bad-rule"
severity = "warning"
category = "procedure"
title = { zh = "标题", en = "title" }
basis = { zh = "依据", en = "basis" }
what = { zh = "内容", en = "what" }
why = { zh = "原因" }
example = { zh = "示例", en = "example" }
fix = { zh = "整改", en = "fix" }
source = "legal.md"
mark = "VERIFIED"
colour = "red"
[rule.when]
step = "seizur"
field_matches = { field = "decision.no", regex = "[解" }
[rule.require]
gap = { from = "decision", to = "publication", at_most = "7 weeks" }
"#;
    let path = dir.path().join("rules/bad.toml");
    std::fs::write(&path, bad).unwrap();
    let out = caselint(
        &[
            "--checks",
            dir.path().to_str().unwrap(),
            "check",
            root()
                .join("fixtures/declarative/X101/hit")
                .to_str()
                .unwrap(),
        ],
        &root(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no report is written");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let file = path.display().to_string();
    for (line, col, needle) in [
        (9, 7, "`why` needs `en` text"),
        (14, 1, "unknown key `colour`"),
        (16, 8, "unknown step kind `seizur`"),
        (17, 50, "bad regex `[解`"),
        (19, 58, "bad period `7 weeks`"),
    ] {
        let place = format!("{file}:{line}:{col}: ");
        assert!(
            err.lines()
                .any(|l| l.contains(&place) && l.contains(needle)),
            "missing {place}{needle} in\n{err}"
        );
    }
    assert!(
        err.contains("5 处错误") || err.contains("5 error(s)"),
        "{err}"
    );
}

#[test]
fn configuration_may_select_declared_codes_and_still_rejects_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("checks/examples");
    std::fs::write(
        dir.path().join("caselint.toml"),
        format!(
            "[check]\nchecks = [{:?}]\nignore = [\"X101\"]\n",
            examples.display().to_string()
        ),
    )
    .unwrap();
    let run = |dir: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_caselint"))
            .args(["config"])
            .current_dir(dir)
            .output()
            .unwrap()
    };
    let out = run(dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("X101"));
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[check]\nignore = [\"X101\"]\n",
    )
    .unwrap();
    let out = run(dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("caselint.toml:2:11"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
