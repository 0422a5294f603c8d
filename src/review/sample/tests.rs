//! The draw's tests: fractions, allocation, reviewers, assignment, and the assignment table.

use super::*;
use crate::finding::Place;
use crate::model::SourceKind;

/// Reference outputs of SplitMix64 for seed 1234567 (Vigna's splitmix64.c; the same numbers
/// Java's SplittableRandom and many ports test against).
#[test]
fn splitmix64_reference_stream() {
    let mut r = SplitMix64::new(1234567);
    let got: Vec<u64> = (0..5).map(|_| r.next_u64()).collect();
    assert_eq!(
        got,
        [
            6457827717110365317,
            3203168211198807973,
            9817491932198370423,
            4593380528125082431,
            16408922859458223821,
        ]
    );
}

#[test]
fn below_is_in_range_and_covers() {
    let mut r = SplitMix64::new(7);
    let mut seen = [0usize; 5];
    for _ in 0..500 {
        seen[r.below(5) as usize] += 1;
    }
    assert!(seen.iter().all(|&n| n > 50), "{seen:?}");
    assert_eq!(SplitMix64::new(1).below(1), 0);
}

#[test]
fn largest_remainder() {
    for (k, sizes, want) in [
        (3, vec![10, 10, 10], vec![1, 1, 1]),
        (2, vec![10, 10, 10], vec![1, 1, 0]),
        (5, vec![7, 2, 1], vec![4, 1, 0]),
        (4, vec![1, 1], vec![1, 1]),
        (0, vec![5, 5], vec![0, 0]),
        (3, vec![0, 4], vec![0, 3]),
        (1, vec![], vec![]),
        (10, vec![33, 1, 1], vec![10, 0, 0]),
    ] {
        assert_eq!(allocate(k, &sizes), want, "{k} of {sizes:?}");
    }
}

#[test]
fn fractions() {
    for (s, want) in [
        ("0.1", Ok(100_000)),
        (".25", Ok(250_000)),
        ("1", Ok(1_000_000)),
        ("1.0", Ok(1_000_000)),
        ("0.000001", Ok(1)),
        ("0", Err(())),
        ("1.5", Err(())),
        ("0.0000001", Err(())),
        ("-0.1", Err(())),
        ("1e-1", Err(())),
        ("", Err(())),
    ] {
        assert_eq!(parse_fraction(s).map_err(|_| ()), want, "{s}");
    }
    // 10% of 30 is exactly 3 (floating point would make it 3.0000000000000004 → 4).
    assert_eq!(ceil_fraction(100_000, 30), 3);
    assert_eq!(ceil_fraction(100_000, 35), 4);
    assert_eq!(ceil_fraction(1, 1), 1);
}

#[test]
fn reviewers_file_errors_have_places() {
    let text = "[[reviewer]]\nname = \"张某\"\nbrigade = \"鼓楼区大队\"\n\n[[reviewer]]\nname = \"张某\"\nbrigade = \"龙亭区大队\"\n\n[[reviewer]]\nname = \"a/b\"\nbrigade = \" \"\n";
    let errs = parse_reviewers("r.toml", text).unwrap_err();
    let places: Vec<(usize, usize)> = errs.iter().map(|e| (e.line, e.col)).collect();
    assert_eq!(places, [(6, 8), (10, 8), (11, 11)], "{errs:?}");
    let e = parse_reviewers(
        "r.toml",
        "[[reviewer]]\nname = \"x\"\nbrigade = \"y\"\nphone = 1\n",
    )
    .unwrap_err();
    assert_eq!((e[0].line, e[0].col), (4, 1), "{e:?}");
    let ok = parse_reviewers(
        "r.toml",
        "[[reviewer]]\nname = \" 李某 \"\nbrigade = \"甲\"\n",
    )
    .unwrap();
    assert_eq!(
        ok,
        [Reviewer {
            name: "李某".into(),
            brigade: "甲".into(),
            outside: false,
            line: 3,
        }]
    );
}

fn summary(brigade: &str, i: usize, summary: bool) -> CaseSummary {
    CaseSummary {
        file: format!("{brigade}/{i:03}.xml"),
        at: Place::line(2, 1),
        source: SourceKind::Xml,
        case_no: Some(format!("{brigade}-{i}")),
        brigade: brigade.into(),
        agency: None,
        decision_no: None,
        decided_on: None,
        party: None,
        violation_date: None,
        bases: vec![],
        fine: None,
        procedure_summary: summary,
        coverage: Default::default(),
    }
}

/// 甲 20 cases (4 summary), 乙 10 (all general), 丙 7 (2 summary).
fn population() -> ScanResult {
    let mut r = ScanResult::default();
    for i in 0..20 {
        r.cases.push(summary("甲", i, i % 5 == 0));
    }
    for i in 0..10 {
        r.cases.push(summary("乙", i, false));
    }
    for i in 0..7 {
        r.cases.push(summary("丙", i, i < 2));
    }
    r
}

fn reviewers(list: &[(&str, &str)]) -> Vec<Reviewer> {
    list.iter()
        .map(|(n, b)| Reviewer {
            name: n.to_string(),
            brigade: b.to_string(),
            outside: false,
            line: 0,
        })
        .collect()
}

fn loads(d: &Draw, rs: &[Reviewer]) -> Vec<usize> {
    rs.iter()
        .map(|r| d.rows.iter().filter(|a| a.reviewer == r.name).count())
        .collect()
}

/// A small draw, fixed: changing the PRNG, the ordering or the allocation changes it.
#[test]
fn golden_draw() {
    let rs = reviewers(&[("赵", "甲"), ("钱", "乙"), ("孙", "丙"), ("李", "乙")]);
    let d = draw(&population(), &rs, 20240601, Size::Count(3), true).unwrap();
    let got: Vec<String> = d
        .rows
        .iter()
        .map(|a| {
            format!(
                "{} {} {}",
                a.case_no.as_deref().unwrap(),
                procedure_label(a.summary, Lang::Zh),
                a.reviewer
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "丙-4 一般程序 赵",
            "丙-5 一般程序 李",
            "丙-1 简易程序 钱",
            "乙-3 一般程序 孙",
            "乙-7 一般程序 赵",
            "乙-9 一般程序 孙",
            "甲-9 一般程序 李",
            "甲-17 一般程序 钱",
            "甲-0 简易程序 李",
        ]
    );
    let strata: Vec<(String, bool, usize, usize)> = d
        .strata
        .iter()
        .map(|s| (s.brigade.clone(), s.summary, s.population, s.drawn))
        .collect();
    assert_eq!(
        strata,
        [
            ("丙".to_string(), false, 5, 2),
            ("丙".to_string(), true, 2, 1),
            ("乙".to_string(), false, 10, 3),
            ("甲".to_string(), false, 16, 2),
            ("甲".to_string(), true, 4, 1),
        ]
    );
}

#[test]
fn same_seed_same_draw_other_seed_other_draw() {
    let rs = reviewers(&[("赵", "甲"), ("钱", "乙"), ("孙", "丙")]);
    let p = population();
    let a = draw(&p, &rs, 42, Size::Fraction(300_000), false).unwrap();
    let b = draw(&p, &rs, 42, Size::Fraction(300_000), false).unwrap();
    assert_eq!(a, b);
    assert_eq!(to_csv(&a, Lang::Zh), to_csv(&b, Lang::Zh));
    assert_eq!(
        to_xlsx(&a, Size::Count(1), false, Lang::Zh).unwrap(),
        to_xlsx(&b, Size::Count(1), false, Lang::Zh).unwrap()
    );
    // ⌈0.3 × 37⌉ = 12 in all.
    assert_eq!(a.rows.len(), 12);
    let c = draw(&p, &rs, 43, Size::Fraction(300_000), false).unwrap();
    assert_ne!(a.rows, c.rows);
}

#[test]
fn never_own_brigade_and_balanced() {
    let p = population();
    for (list, seeds) in [
        (vec![("赵", "甲"), ("钱", "乙"), ("孙", "丙")], 0..40u64),
        (
            vec![
                ("赵", "甲"),
                ("钱", "甲"),
                ("孙", "乙"),
                ("周", "丙"),
                ("吴", "丁"),
            ],
            0..40,
        ),
        (vec![("赵", "丁"), ("钱", "戊")], 0..10),
    ] {
        let rs = reviewers(&list);
        for seed in seeds {
            for size in [
                Size::Count(5),
                Size::Fraction(1_000_000),
                Size::Fraction(100_000),
            ] {
                let d = draw(&p, &rs, seed, size, true).unwrap();
                for a in &d.rows {
                    assert_ne!(a.brigade, a.reviewer_brigade, "{a:?}");
                }
                let l = loads(&d, &rs);
                let (max, min) = (l.iter().max().unwrap(), l.iter().min().unwrap());
                assert!(max - min <= 1, "seed {seed} {size:?} {list:?}: loads {l:?}");
            }
        }
    }
}

#[test]
fn imbalance_only_where_forced() {
    // Only 甲's reviewer can review 乙's 10 cases: the loads cannot be balanced, and the
    // other reviewer gets all of 甲's cases that were drawn.
    let mut p = ScanResult::default();
    for i in 0..10 {
        p.cases.push(summary("乙", i, false));
    }
    for i in 0..2 {
        p.cases.push(summary("甲", i, false));
    }
    let rs = reviewers(&[("赵", "甲"), ("钱", "乙")]);
    let d = draw(&p, &rs, 1, Size::Fraction(1_000_000), true).unwrap();
    assert_eq!(loads(&d, &rs), [10, 2]);
}

#[test]
fn brigade_without_eligible_reviewer_is_an_error() {
    let rs = reviewers(&[("赵", "甲"), ("钱", "甲")]);
    let e = draw(&population(), &rs, 1, Size::Count(2), true).unwrap_err();
    assert!(e.contains("甲") && !e.contains("乙"), "{e}");
}

#[test]
fn sizes() {
    let rs = reviewers(&[("赵", "丁")]);
    let p = population();
    let n = |size, per| draw(&p, &rs, 9, size, per).unwrap().rows.len();
    assert_eq!(n(Size::Count(5), true), 15);
    assert_eq!(n(Size::Count(100), true), 37);
    assert_eq!(n(Size::Count(5), false), 5);
    // ⌈0.1×20⌉ + ⌈0.1×10⌉ + ⌈0.1×7⌉ = 2 + 1 + 1.
    assert_eq!(n(Size::Fraction(100_000), true), 4);
    assert_eq!(n(Size::Fraction(100_000), false), 4);
}

#[test]
fn csv_round_trip() {
    let rs = reviewers(&[("赵", "甲"), ("钱", "乙"), ("孙", "丙")]);
    let d = draw(&population(), &rs, 5, Size::Count(2), true).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let csv = dir.path().join("a.csv");
        std::fs::write(&csv, to_csv(&d, lang)).unwrap();
        let back = read_assignments(&csv).unwrap();
        assert_eq!((back.seed, &back.rows), (d.seed, &d.rows));
        let x = dir.path().join("a.xlsx");
        std::fs::write(&x, to_xlsx(&d, Size::Count(2), true, lang).unwrap()).unwrap();
        let back = read_assignments(&x).unwrap();
        assert_eq!((back.seed, &back.rows), (d.seed, &d.rows));
    }
}
