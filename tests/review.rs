//! End-to-end tests of the peer cross-check workflow on `fixtures/detachment`: the draw is
//! reproducible to the byte, reviewers never get their own brigade's cases, review sheets go
//! through a reviewer's hands (read back and re-written with verdicts, as a spreadsheet program
//! would) and merge into the final findings, rejection rates and scores; a tampered sheet is
//! refused with the exact cell and left untouched.

use calamine::{open_workbook_auto, Data, Reader};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn caselint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(args)
        .current_dir(fixtures())
        .env("CASELINT_TODAY", "2026-11-29")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run caselint")
}

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const REVIEWERS: &str = r#"
[[reviewer]]
name = "张某"
brigade = "鼓楼区大队"

[[reviewer]]
name = "李某"
brigade = "龙亭区大队"

[[reviewer]]
name = "王某"
brigade = "解放区大队"

[[reviewer]]
name = "赵某"
brigade = "支队法制科"
outside = true
"#;

fn setup() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("reviewers.toml");
    std::fs::write(&r, REVIEWERS).unwrap();
    let r = r.to_str().unwrap().to_string();
    (dir, r)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The assignment CSV as (brigade, reviewer brigade, reviewer) rows.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_draw_is_reproducible_and_never_own_brigade() {
    let (dir, reviewers) = setup();
    let d = dir.path();
    let draw = |seed: &str, out: &Path| {
        ok(&caselint(&[
            "sample",
            "detachment",
            "--reviewers",
            &reviewers,
            "--seed",
            seed,
            "--fraction",
            "0.25",
            "--per-brigade",
            "-o",
            s(out),
        ]))
    };
    let printed = draw("20240601", &d.join("a.csv"));
    draw("20240601", &d.join("b.csv"));
    draw("20240601", &d.join("a.xlsx"));
    draw("20240601", &d.join("b.xlsx"));
    draw("7", &d.join("c.csv"));
    let read = |n: &str| std::fs::read(d.join(n)).unwrap();
    assert_eq!(read("a.csv"), read("b.csv"));
    assert_eq!(read("a.xlsx"), read("b.xlsx"));
    assert_ne!(read("a.csv"), read("c.csv"));
    assert!(printed.contains("种子: 20240601"), "{printed}");

    let rows = csv_rows(&d.join("a.csv"));
    // ⌈0.25 × 35⌉ + ⌈0.25 × 18⌉ + ⌈0.25 × 16⌉ = 9 + 5 + 4.
    assert_eq!(rows.len(), 18);
    let mut load: BTreeMap<String, usize> = BTreeMap::new();
    for r in &rows {
        // 序号,大队,程序,案号,文件,位置,审查人,审查人大队,种子,文件SHA-256
        assert_ne!(r[1], r[7], "own brigade: {r:?}");
        // Named relative to the folder given, however it was typed.
        assert!(r[4].starts_with(&format!("{}/", r[1])), "{r:?}");
        assert_eq!(r[8], "20240601");
        assert_eq!(r[9].len(), 64, "{r:?}");
        *load.entry(r[6].clone()).or_default() += 1;
    }
    assert_eq!(load.len(), 4, "{load:?}");
    let (max, min) = (load.values().max().unwrap(), load.values().min().unwrap());
    assert!(max - min <= 1, "{load:?}");
}

#[test]
fn a_brigade_only_its_own_people_could_review_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("r.toml");
    std::fs::write(
        &r,
        "[[reviewer]]\nname = \"张某\"\nbrigade = \"鼓楼区大队\"\n",
    )
    .unwrap();
    let out = caselint(&[
        "sample",
        "detachment",
        "--reviewers",
        s(&r),
        "--seed",
        "1",
        "--count",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("鼓楼区大队") && !err.contains("龙亭区大队"),
        "{err}"
    );
    // A reviewers file error has its line and column.
    std::fs::write(
        &r,
        "[[reviewer]]\nname = \"张某\"\nbrigade = \"鼓楼区大队\"\nrank = 3\n",
    )
    .unwrap();
    let out = caselint(&[
        "sample",
        "detachment",
        "--reviewers",
        s(&r),
        "--seed",
        "1",
        "--count",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("r.toml:4:1"), "{err}");
}

/// Every sheet of a workbook as text cells.
fn read_all(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb = open_workbook_auto(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|n| {
            let range = wb.worksheet_range(&n).unwrap();
            let (h, w) = range.end().map(|(r, c)| (r + 1, c + 1)).unwrap_or((0, 0));
            let grid = (0..h)
                .map(|r| {
                    (0..w)
                        .map(|c| match range.get_value((r, c)) {
                            Some(Data::String(s)) => s.clone(),
                            Some(Data::Float(f)) => format!("{f}"),
                            Some(Data::Empty) | None => String::new(),
                            Some(other) => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (n, grid)
        })
        .collect()
}

/// Writes the sheets back, as a spreadsheet program saving the reviewer's work would.
fn write_all(path: &Path, sheets: &[(String, Vec<Vec<String>>)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, grid) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in grid.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, v).unwrap();
                }
            }
        }
    }
    wb.save(path).unwrap();
}

fn set(grid: &mut Vec<Vec<String>>, r: usize, c: usize, v: &str) {
    while grid.len() <= r {
        grid.push(Vec::new());
    }
    while grid[r].len() <= c {
        grid[r].push(String::new());
    }
    grid[r][c] = v.to_string();
}

#[test]
fn sample_sheets_fill_merge() {
    let (dir, reviewers) = setup();
    let d = dir.path();
    let assignments = d.join("assignments.xlsx");
    ok(&caselint(&[
        "sample",
        "detachment",
        "--reviewers",
        &reviewers,
        "--seed",
        "2024",
        "--fraction",
        "1",
        "--per-brigade",
        "-o",
        s(&assignments),
    ]));
    let sheets_dir = d.join("sheets");
    let out = ok(&caselint(&[
        "review-sheets",
        "--assignments",
        s(&assignments),
        "detachment",
        "-o",
        s(&sheets_dir),
        "--mask",
    ]));
    assert_eq!(out.lines().count(), 4, "{out}");
    // Never overwritten: a reviewer may have started.
    let again = caselint(&[
        "review-sheets",
        "--assignments",
        s(&assignments),
        "detachment",
        "-o",
        s(&sheets_dir),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("未覆盖"));

    // Every case was drawn, so every machine finding on a case is on some sheet.
    let mut machine = 0;
    let mut texts = String::new();
    let filled_dir = d.join("filled");
    std::fs::create_dir(&filled_dir).unwrap();
    let mut rejected_code = None;
    let mut added_case = None;
    for name in ["张某", "李某", "王某", "赵某"] {
        let mut book = read_all(&sheets_dir.join(format!("{name}.xlsx")));
        let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["审查", "补充问题", "案件结论", "说明", "_caselint"]);
        let main = &mut book[0].1;
        for r in 1..main.len() {
            machine += 1;
            texts += &main[r].join("|");
            texts.push('\n');
            // The first finding of 王某's sheet is rejected, the rest confirmed.
            if name == "王某" && r == 1 {
                rejected_code = Some(main[r][4].clone());
                set(main, r, 9, "驳回");
                set(main, r, 10, "案卷附件中有送达回证");
            } else {
                set(main, r, 9, "确认");
            }
        }
        if name == "李某" {
            let added = &mut book[1].1;
            added_case = Some(added[1][0].clone());
            set(added, 1, 3, "警告");
            set(added, 1, 5, "询问笔录未记录询问地点");
        }
        write_all(&filled_dir.join(format!("{name}.xlsx")), &book);
    }
    // The fixtures' case findings (F rules on files are not on a case, except F006/F007).
    assert!(machine >= 20, "{machine} machine findings on the sheets");
    // Masked: the officer names of S001/S002 are not in any sheet.
    assert!(texts.contains("李*") && texts.contains("王*"), "{texts}");
    assert!(
        !texts.contains("“王某”") && !texts.contains("（李某）"),
        "{texts}"
    );
    let rejected_code = rejected_code.expect("王某 has findings to review");

    let report = d.join("merged.json");
    let printed = ok(&caselint(&[
        "merge",
        s(&filled_dir),
        "--assignments",
        s(&assignments),
        "--format",
        "json",
        "-o",
        s(&report),
    ]));
    assert!(printed.contains("驳回率"), "{printed}");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), machine - 1 + 1, "confirmed + added");
    let added: Vec<&serde_json::Value> = findings.iter().filter(|f| f["code"] == "R001").collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["message"], "询问笔录未记录询问地点");
    assert_eq!(added[0]["severity"], "warning");
    assert_eq!(added[0]["case_no"].as_str(), added_case.as_deref());
    assert_eq!(v["cases"].as_array().unwrap().len(), 69);
    let review = &v["review"];
    assert_eq!(review["seed"], "2024");
    assert_eq!(review["rejected"].as_array().unwrap().len(), 1);
    assert_eq!(review["rejected"][0]["reason"], "案卷附件中有送达回证");
    assert_eq!(review["rejected"][0]["reviewer"], "王某");
    let rates = review["rejection_rates"].as_array().unwrap();
    // The rejected rule leads the table (the highest rate), with its counts.
    assert_eq!(rates[0]["code"].as_str(), Some(rejected_code.as_str()));
    let reviewed: u64 = rates
        .iter()
        .map(|r| r["confirmed"].as_u64().unwrap() + r["rejected"].as_u64().unwrap())
        .sum();
    assert_eq!(reviewed as usize, machine);
    let r0 = &rates[0];
    let n = r0["confirmed"].as_u64().unwrap() + 1;
    assert_eq!(r0["rejected"], 1);
    assert_eq!(
        r0["rate"].as_f64().unwrap(),
        ((1000.0 / n as f64).round()) / 1000.0
    );
    // The added case's score has the R001 deduction.
    let case = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case_no"].as_str() == added_case.as_deref())
        .unwrap();
    assert!(
        case["deductions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "R001"),
        "{case}"
    );

    // The same merge as the meeting workbook and page.
    let x = d.join("merged.xlsx");
    ok(&caselint(&[
        "merge",
        s(&filled_dir),
        "--format",
        "xlsx",
        "-o",
        s(&x),
    ]));
    let names = open_workbook_auto(&x).unwrap().sheet_names();
    assert!(
        names.iter().any(|n| n == "驳回记录") && names.iter().any(|n| n == "驳回率"),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n == "案件评分"), "{names:?}");
    // `-o x.html` alone gives the page (the format follows the extension, as for `check`).
    let h = d.join("merged.html");
    ok(&caselint(&["merge", s(&filled_dir), "-o", s(&h)]));
    let page = std::fs::read_to_string(&h).unwrap();
    assert!(page.contains("<section id=\"review\">") && page.contains("案卷附件中有送达回证"));
    // The merged page carries the date in its title block, as the check report does.
    assert!(page.contains("报告日期"), "{:.2000}", page);

    // A tampered sheet: refused with the exact cell, and not modified.
    let path = filled_dir.join("王某.xlsx");
    let good = read_all(&path);
    let mut book = good.clone();
    let original = book[0].1[1][6].clone();
    set(&mut book[0].1, 1, 6, "改写的问题");
    set(&mut book[0].1, 2, 9, "");
    write_all(&path, &book);
    let before = std::fs::read(&path).unwrap();
    let out = caselint(&["merge", s(&filled_dir), "-o", s(&d.join("x.json"))]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let path_s = path.display().to_string();
    assert!(
        err.contains(&format!(
            "{path_s}: 审查!G2: 固定列“问题”被修改：应为“{}",
            original.chars().take(40).collect::<String>()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{path_s}: 审查!J3: 缺少结论")),
        "{err}"
    );
    assert!(err.contains("2 处问题"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!d.join("x.json").exists());

    // A sheet missing from the draw.
    std::fs::remove_file(filled_dir.join("赵某.xlsx")).unwrap();
    write_all(&path, &good);
    let out = caselint(&["merge", s(&filled_dir), "--assignments", s(&assignments)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("赵某"));
}

/// Runs caselint in another folder (another "computer").
fn caselint_in(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caselint"))
        .args(args)
        .current_dir(cwd)
        .env("CASELINT_TODAY", "2026-11-29")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run caselint")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_tree(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

#[test]
fn sheets_build_from_any_path_and_cases_are_signed_off() {
    let (dir, reviewers) = setup();
    let d = dir.path();
    let assignments = d.join("a.csv");
    ok(&caselint(&[
        "sample",
        "./detachment",
        "--reviewers",
        &reviewers,
        "--seed",
        "11",
        "--count",
        "8",
        "-o",
        s(&assignments),
    ]));
    // The same exports copied to another computer's folder, named by an absolute path.
    let elsewhere = d.join("另一台电脑/exports");
    copy_tree(&fixtures().join("detachment"), &elsewhere);
    let sheets = d.join("sheets");
    let out = caselint_in(
        &[
            "review-sheets",
            "--assignments",
            s(&assignments),
            s(&elsewhere),
            "-o",
            s(&sheets),
        ],
        d,
    );
    let printed = ok(&out);
    assert_eq!(printed.lines().count(), 4, "{printed}");
    // Typed another way on the first computer too.
    let abs = fixtures().join("detachment");
    ok(&caselint(&[
        "review-sheets",
        "--assignments",
        s(&assignments),
        s(&abs),
        "-o",
        s(&d.join("sheets2")),
    ]));

    // 张某 confirms everything and signs off his first case only.
    let mut book = read_all(&sheets.join("张某.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["审查", "补充问题", "案件结论", "说明", "_caselint"]);
    for r in 1..book[0].1.len() {
        set(&mut book[0].1, r, 9, "确认");
    }
    let cases = &mut book[2].1;
    assert_eq!(
        cases[0][..6],
        [
            "案号",
            "文件",
            "位置",
            "结论（已审查无问题/有补充问题）",
            "审查人",
            "审查日期"
        ]
    );
    let drawn = cases.len() - 1;
    assert!(drawn >= 2, "{cases:?}");
    let signed_case = cases[1][0].clone();
    set(cases, 1, 3, "已审查无问题");
    set(cases, 1, 4, "张某");
    set(cases, 1, 5, "2026-11-28");
    let filled = d.join("filled");
    std::fs::create_dir(&filled).unwrap();
    write_all(&filled.join("张某.xlsx"), &book);
    let report = d.join("m.json");
    let out = caselint(&["merge", s(&filled), "-o", s(&report)]);
    ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("未审查"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let unreviewed = v["review"]["unreviewed"].as_array().unwrap();
    assert_eq!(unreviewed.len(), drawn - 1, "{unreviewed:?}");
    assert!(unreviewed
        .iter()
        .all(|u| u["case_no"] != signed_case.as_str()));
    // The meeting's page lists them too, not only the terminal.
    let page = d.join("m.html");
    ok(&caselint(&["merge", s(&filled), "-o", s(&page)]));
    let html = std::fs::read_to_string(&page).unwrap();
    let section = &html[html.find("未审查的案件").expect("an unreviewed section")..];
    for u in unreviewed {
        let file = u["file"].as_str().unwrap();
        assert!(section.contains(file), "{file} not listed");
    }
    assert!(!section[..section.find("</table>").unwrap()].contains(signed_case.as_str()));
    let by = v["review"]["confirmed_by"].as_array().unwrap();
    assert_eq!(by.len(), v["findings"].as_array().unwrap().len());
    assert!(by.iter().all(|c| c["reviewer"] == "张某"));
    for (f, c) in v["findings"].as_array().unwrap().iter().zip(by) {
        assert_eq!(f["fingerprint"], c["fingerprint"]);
        if f["case_no"] == signed_case.as_str() {
            assert_eq!(c["signed_by"], "张某");
            assert_eq!(c["signed_on"], "2026-11-28");
        }
    }

    // 有补充问题 without an added row is refused with its cell.
    set(&mut book[2].1, 1, 3, "有补充问题");
    write_all(&filled.join("张某.xlsx"), &book);
    let out = caselint(&["merge", s(&filled), "-o", s(&report)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("案件结论!D2"), "{err}");
}

#[test]
fn sample_says_what_it_needs_and_what_it_did() {
    let (dir, reviewers) = setup();
    // Neither --count nor --fraction: both are named, in Chinese.
    let out = caselint(&[
        "sample",
        "detachment",
        "--reviewers",
        &reviewers,
        "--seed",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--count") && err.contains("--fraction") && err.contains("样本量"),
        "{err}"
    );
    assert!(!err.contains("needs"), "one language: {err}");
    // More than there are: said, not silent.
    let out = caselint(&[
        "sample",
        "detachment",
        "--reviewers",
        &reviewers,
        "--seed",
        "1",
        "--count",
        "500",
    ]);
    ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("超过案件总数 69"), "{err}");
    // A one-character typo in a brigade is an error that lists the brigades found.
    let r = dir.path().join("typo.toml");
    std::fs::write(
        &r,
        REVIEWERS.replace("brigade = \"鼓楼区大队\"", "brigade = \"鼓楼大队\""),
    )
    .unwrap();
    let out = caselint(&[
        "sample",
        "detachment",
        "--reviewers",
        s(&r),
        "--seed",
        "1",
        "--count",
        "5",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("鼓楼大队") && err.contains("鼓楼区大队") && err.contains("龙亭区大队"),
        "{err}"
    );
    assert!(err.contains("typo.toml:4"), "{err}");
    // The draw's notes are in Chinese.
    let x = dir.path().join("a.xlsx");
    ok(&caselint(&[
        "sample",
        "detachment",
        "--reviewers",
        &reviewers,
        "--seed",
        "1",
        "--count",
        "5",
        "-o",
        s(&x),
    ]));
    let book = read_all(&x);
    let about = book.iter().find(|(n, _)| n == "抽样说明").unwrap();
    let text: String = about.1.iter().flatten().cloned().collect();
    assert!(
        text.contains("分层") && !text.contains("Fisher–Yates per"),
        "{text}"
    );
}

#[test]
fn a_workbook_that_is_not_one_is_an_error_not_a_crash() {
    let (dir, _) = setup();
    let bad = dir.path().join("坏表.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 not really a zip").unwrap();
    let out = caselint(&["merge", s(&bad)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("坏表.xlsx") && err.contains("无法作为工作簿打开"),
        "{err}"
    );
    let out = caselint(&[
        "review-sheets",
        "--assignments",
        s(&bad),
        "detachment",
        "-o",
        s(&dir.path().join("o")),
    ]);
    assert_eq!(out.status.code(), Some(2));
}
