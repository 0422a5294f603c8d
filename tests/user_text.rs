//! What users read names only what they have: over the fixtures, no output of `check` (every
//! format, both languages, with the example declarative rules too), `explain` (every rule, both
//! languages), `rules` (table, json, csv, xlsx), `--statistics` (table, json, csv, xlsx),
//! `config`, `cite`, the `init` starter file, the help texts, the HTML page
//! and the workbook's XML parts may name the specification's files (legal.md, formats.md, rules.md, review.md, style.md), its
//! source ids (S1–S15) or the English certainty marks (VERIFIED, UNVERIFIED, SECONDARY,
//! DERIVED). Rule codes such as S001 are not source ids and pass.

use regex::Regex;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn caselint(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(args)
        .current_dir(root().join("fixtures"))
        .env("CASELINT_TODAY", "2026-11-29")
        .env_remove("CASELINT_TEST_PANIC")
        .output()
        .expect("run caselint");
    assert!(
        matches!(out.status.code(), Some(0..=1)),
        "{args:?}: exit {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// The spec's names and marks. A source id is S1–S15 not inside a word or a longer number, so
/// the rule codes S001–S004 do not match.
fn forbidden() -> Regex {
    Regex::new(
        r"(legal|formats|rules|review|style)\.md|(^|[^A-Za-z0-9_])S(1[0-5]|[1-9])([^0-9]|$)|VERIFIED|SECONDARY|DERIVED",
    )
    .unwrap()
}

/// Every offending line of `text`, labelled with where it came from.
fn offences(what: &str, text: &str, re: &Regex, out: &mut Vec<String>) {
    for line in text.lines() {
        if re.is_match(line) {
            let line: String = line.chars().take(300).collect();
            out.push(format!("{what}: {line}"));
        }
    }
}

/// The text of every XML part of a workbook.
fn xlsx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().unwrap().ends_with(".xml") {
            part.read_to_string(&mut all).unwrap();
            all.push('\n');
        }
    }
    all
}

fn codes() -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&caselint(&[
        "--checks",
        "../checks/examples",
        "rules",
        "--format",
        "json",
    ]))
    .unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn no_output_names_the_specification_or_its_marks() {
    let re = forbidden();
    let mut bad = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let examples = "../checks/examples";
    for lang in ["zh", "en"] {
        for format in ["table", "json", "jsonl", "csv", "sarif", "junit", "github"] {
            for (extra, paths) in [
                (None, vec!["detachment", "rules"]),
                (Some(examples), vec!["declarative"]),
            ] {
                let mut args = vec!["--lang", lang];
                if let Some(e) = extra {
                    args.extend(["--checks", e]);
                }
                args.extend(["check", "--format", format]);
                args.extend(paths.iter().copied());
                offences(&format!("{args:?}"), &caselint(&args), &re, &mut bad);
            }
        }
        for format in ["table", "json", "csv"] {
            let s = caselint(&[
                "--lang",
                lang,
                "check",
                "--statistics",
                "--format",
                format,
                "detachment",
            ]);
            offences(&format!("{lang} --statistics {format}"), &s, &re, &mut bad);
        }
        let stats = dir.path().join(format!("{lang}-statistics.xlsx"));
        caselint(&[
            "--lang",
            lang,
            "check",
            "--statistics",
            "-o",
            stats.to_str().unwrap(),
            "detachment",
        ]);
        offences(
            &format!("{lang} --statistics xlsx"),
            &xlsx_text(&stats),
            &re,
            &mut bad,
        );
        for (format, name) in [("html", "page.html"), ("xlsx", "book.xlsx")] {
            let out = dir.path().join(format!("{lang}-{name}"));
            let out_s = out.to_str().unwrap();
            caselint(&[
                "--lang",
                lang,
                "check",
                "--format",
                format,
                "-o",
                out_s,
                "detachment",
                "rules",
            ]);
            let text = if format == "xlsx" {
                xlsx_text(&out)
            } else {
                std::fs::read_to_string(&out).unwrap()
            };
            offences(&format!("{lang} {format}"), &text, &re, &mut bad);
        }
        for code in codes() {
            let t = caselint(&["--lang", lang, "--checks", examples, "explain", &code]);
            offences(&format!("{lang} explain {code}"), &t, &re, &mut bad);
        }
        for format in ["table", "json", "csv"] {
            let t = caselint(&[
                "--lang", lang, "--checks", examples, "rules", "--format", format,
            ]);
            offences(
                &format!("{lang} rules --format {format}"),
                &t,
                &re,
                &mut bad,
            );
        }
        // The rule list a legal office attaches to the 评查方案.
        let list = dir.path().join(format!("{lang}-rules.xlsx"));
        caselint(&[
            "--lang",
            lang,
            "--checks",
            examples,
            "rules",
            "-o",
            list.to_str().unwrap(),
        ]);
        offences(
            &format!("{lang} rules xlsx"),
            &xlsx_text(&list),
            &re,
            &mut bad,
        );
        offences(
            &format!("{lang} config"),
            &caselint(&["--lang", lang, "config"]),
            &re,
            &mut bad,
        );
    }
    for cmd in [
        "check",
        "cite",
        "rules",
        "explain",
        "init",
        "config",
        "sample",
        "review-sheets",
        "merge",
    ] {
        offences(
            &format!("{cmd} --help"),
            &caselint(&[cmd, "--help"]),
            &re,
            &mut bad,
        );
    }
    offences("--help", &caselint(&["--help"]), &re, &mut bad);
    for lang in ["zh", "en"] {
        let t = caselint(&[
            "--lang",
            lang,
            "cite",
            "《中华人民共和国消防法》第六十条第一款第（三）项",
        ]);
        offences(&format!("{lang} cite"), &t, &re, &mut bad);
    }
    // What `caselint init` writes.
    offences("init", caselint::config::STARTER, &re, &mut bad);
    bad.dedup();
    assert!(
        bad.is_empty(),
        "{} lines users read name the specification or its marks:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
