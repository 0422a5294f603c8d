//! Tests of declarative rules end to end: rule files loaded and validated (errors with their
//! places), then run on cases (three-valued outcomes, messages, the shipped examples).

use super::*;
use crate::data::DataError;
use crate::finding::{Category, Place, Severity};
use crate::model::Field;
use crate::model::{Coverage, Located};
use crate::rules::testutil::{clean_general, kb, CaseBuilder};

/// The head every test rule shares: a complete, valid header.
const HEAD: &str = r#"code = "X900"
name = "test-rule"
severity = "warning"
category = "procedure"
title = { zh = "测试规则", en = "Test rule" }
basis = { zh = "依据", en = "basis" }
what = { zh = "内容", en = "what" }
why = { zh = "原因", en = "why" }
example = { zh = "示例", en = "example" }
fix = { zh = "整改", en = "fix" }
source = "legal.md §0"
mark = "SECONDARY"
"#;

fn load(text: &str) -> Result<DeclaredRules, Vec<DataError>> {
    let a = &kb().aliases;
    DeclaredRules::load(
        &[("r.toml".into(), text.into())],
        &a.documents,
        &a.penalties,
        &crate::rules::builtin_infos(),
    )
}

/// One rule with a `when` and a `require` written as TOML table bodies.
fn rule(when: &str, require: &str) -> DeclaredRule {
    let mut text = format!("[[rule]]\n{HEAD}");
    if !when.is_empty() {
        text += &format!("[rule.when]\n{when}\n");
    }
    text += &format!("[rule.require]\n{require}\n");
    let mut r = load(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    r.rules.pop().unwrap()
}

fn run_rule(r: &DeclaredRule, case: &Case, lang: Lang) -> Emitter {
    let ctx = Ctx::new(lang, kb());
    let mut out = Emitter::default();
    r.check(case, &ctx, &mut out);
    out
}

/// (findings, not checkable) of a rule on a case.
fn outcome(r: &DeclaredRule, case: &Case) -> (usize, usize) {
    let e = run_rule(r, case, Lang::Zh);
    (e.findings.len(), e.not_checkable.len())
}

fn eval(cond: &str, case: &Case) -> Tri {
    let r = rule("", cond);
    r.require.eval(case, &Ctx::new(Lang::Zh, kb()))
}

fn tri(t: &Tri) -> &'static str {
    match t {
        Tri::Yes(_) => "yes",
        Tri::No(_) => "no",
        Tri::Unknown(_) => "unknown",
    }
}

fn text_field(v: &str, line: u32) -> Field<String> {
    Field::Value {
        value: v.into(),
        at: Place::line(line, 1),
    }
}

#[test]
fn shipped_examples_load_and_default_checks_have_none() {
    assert!(
        Knowledge::shipped().rules.rules.is_empty(),
        "examples are not loaded by default"
    );
    let text = crate::data::shipped_text("examples/rules/brigade-examples.toml");
    let r = load(text).unwrap();
    let codes: Vec<&str> = r.rules.iter().map(|r| r.info.code).collect();
    assert_eq!(codes, ["X101", "X102", "X103", "X104"]);
    for rule in &r.rules {
        assert!(
            rule.info.source.starts_with("r.toml:"),
            "{}",
            rule.info.source
        );
        assert!(rule
            .info
            .basis
            .zh
            .contains(crate::plain::certainty(rule.mark.as_str(), Lang::Zh)));
        assert!(!rule.legal_source.is_empty());
    }
    assert_eq!(r.rules[0].mark, Mark::Derived);
    assert_eq!(r.rules[2].info.category, Category::Document);
    assert_eq!(r.rules[3].info.severity, Severity::Info);
}

use crate::knowledge::Knowledge;

/// A broken file reports every problem, each at its line and column.
#[test]
fn broken_file_lists_every_error_with_its_place() {
    let text = r#"sauce = "x"

[[rule]]
code = "P016"
name = "Bad Name"
severity = "fatal"
category = "procedure"
title = { zh = "标题" }
basis = { zh = "依据", en = "basis" }
what = { zh = "内容", en = "what" }
why = { zh = "原因", en = "why" }
example = { zh = "示例", en = "" }
fix = { zh = "整改", en = "fix" }
source = "x"
mark = "SURE"
colour = "red"

[rule.when]
penalty_any = ["fine", "flogging"]
step = "seizur"
field_matches = { field = "violation.fact", regex = "(" }
decided_on_or_after = "2021-01-01"
before = "decision"

[rule.require]
gap = { from = "decision", to = "publication", at_most = "7 days" }
not = { filled = "publication.colour" }
when = 1

[[rule]]
code = "X101"
name = "ok-rule"
severity = "info"
category = "proc"
title = { zh = "标题", en = "t" }
basis = { zh = "依据", en = "basis" }
what = { zh = "内容", en = "what" }
why = { zh = "原因", en = "why" }
example = { zh = "示例", en = "e" }
fix = { zh = "整改", en = "fix" }
mark = "VERIFIED"
message = { zh = "{decision.nope}", en = "x } y" }

[rule.require]
any = []
"#;
    let errs = load(text).unwrap_err();
    let got: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    let want: &[(usize, usize, &str)] = &[
        (1, 1, "unknown key `sauce`"),
        (4, 8, "reserved for built-in"),
        (5, 8, "kebab-case"),
        (6, 12, "severity must be"),
        (8, 9, "`title` needs `en`"),
        (12, 11, "`example.en` is empty"),
        (15, 8, "mark must be"),
        (16, 1, "unknown key `colour`"),
        (19, 24, "unknown penalty kind `flogging`"),
        (20, 8, "unknown step kind `seizur`"),
        (21, 27, "unknown field `violation.fact`"),
        (21, 53, "bad regex `(`: unclosed group"),
        (22, 23, "plain TOML date"),
        (26, 58, "bad period `7 days`"),
        (27, 18, "unknown field `publication.colour`"),
        (28, 1, "unknown key `when` in `require`"),
        (34, 12, "category must be"),
        (30, 1, "[[rule]] needs `source`"),
        (42, 11, "message template: unknown field `decision.nope`"),
        (45, 7, "`any` must not be empty"),
    ];
    for (line, col, needle) in want {
        assert!(
            errs.iter().any(|e| e.file == "r.toml"
                && e.message.contains(needle)
                && (e.line, e.col) == (*line, *col)),
            "missing {line}:{col} {needle}\n{}",
            got.join("\n")
        );
    }
    // The `before` here has a `step` beside it, so it is not an error; the missing source
    // is on the second rule (its header, line 30) only.
    assert!(
        errs.iter()
            .filter(|e| e.message.contains("needs `source`"))
            .all(|e| e.line == 30),
        "{}",
        got.join("\n")
    );
    assert!(
        got.iter().any(|m| m.contains("lone `}`")),
        "{}",
        got.join("\n")
    );
    assert!(errs.len() >= want.len(), "{}", got.join("\n"));
}

#[test]
fn codes_and_names_must_be_new() {
    let two = format!("[[rule]]\n{HEAD}[rule.require]\nstep = \"filing\"\n");
    let text = format!("{two}\n{two}");
    let errs = load(&text).unwrap_err();
    let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert!(
        msgs.iter().any(|m| m.starts_with("r.toml:18:8:")
            && m.contains("`X900` is declared twice (first at r.toml:2:8)")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("name `test-rule` is declared twice")),
        "{msgs:?}"
    );
    // A code the procedure data (or a built-in rule) already uses.
    let a = &kb().aliases;
    let mut taken = crate::rules::builtin_infos();
    let one = load(&format!(
        "[[rule]]\n{HEAD}[rule.require]\nstep = \"filing\"\n"
    ))
    .unwrap();
    taken.push(one.rules[0].info);
    let errs = DeclaredRules::load(
        &[("s.toml".into(), two.clone())],
        &a.documents,
        &a.penalties,
        &taken,
    )
    .unwrap_err();
    assert!(
        errs[0]
            .message
            .contains("already used by r.toml:1 rule `test-rule`"),
        "{errs:?}"
    );
    let named = two
        .replace("name = \"test-rule\"", "name = \"missing-step\"")
        .replace("X900", "X901");
    let errs = DeclaredRules::load(
        &[("s.toml".into(), named)],
        &a.documents,
        &a.penalties,
        &crate::rules::builtin_infos(),
    )
    .unwrap_err();
    assert!(
        errs[0].message.contains("already used by rule P001"),
        "{errs:?}"
    );
    for (code, ok) in [
        ("X101", true),
        ("KF001", true),
        ("ABCD123", true),
        ("P101", false),
        ("D001", false),
        ("X10", false),
        ("x101", false),
        ("ABCDE123", false),
    ] {
        let r = load(&format!(
            "[[rule]]\n{}[rule.require]\nstep = \"filing\"\n",
            HEAD.replace("X900", code)
        ));
        assert_eq!(r.is_ok(), ok, "{code}: {r:?}");
    }
}

#[test]
fn syntax_errors_and_empty_files_are_errors_not_panics() {
    for (text, needle) in [
        ("[[rule]\ncode = 1\n", ""),
        ("", "at least one [[rule]]"),
        ("rule = 3\n", "array of tables"),
        ("[rule]\ncode = \"X1\"\n", "array of tables"),
        ("[[rule]]\n", "needs `code`"),
    ] {
        let errs = load(text).unwrap_err();
        assert!(
            errs.iter().any(|e| e.message.contains(needle)),
            "{text:?}: {errs:?}"
        );
    }
}

#[test]
fn atoms_table() {
    let base = || clean_general(); // unit, fine 5,000 on 2022-03-15, no collective discussion
    let cases: Vec<(&str, Case, &str, &str)> = vec![
        ("general", base().build(), "procedure = \"general\"", "yes"),
        (
            "not summary",
            base().build(),
            "procedure = \"summary\"",
            "no",
        ),
        (
            "procedure unrecorded, no filing",
            CaseBuilder::general("X").no_procedure().build(),
            "procedure = \"general\"",
            "unknown",
        ),
        ("unit", base().build(), "party_kind = \"unit\"", "yes"),
        (
            "individual",
            base().build(),
            "party_kind = \"individual\"",
            "no",
        ),
        (
            "kind absent",
            base().party(None).build(),
            "party_kind = \"unit\"",
            "unknown",
        ),
        (
            "fine imposed",
            base().build(),
            "penalty_any = [\"fine\", \"warning\"]",
            "yes",
        ),
        (
            "not all",
            base().build(),
            "penalty_all = [\"fine\", \"warning\"]",
            "no",
        ),
        (
            "no decision, covered",
            CaseBuilder::general("X").build(),
            "penalty_any = \"fine\"",
            "no",
        ),
        (
            "no decision, unknown",
            CaseBuilder::general("X").coverage(Coverage::None).build(),
            "penalty_any = \"fine\"",
            "unknown",
        ),
        (
            "fine 5,000 ≥ 5,000",
            base().build(),
            "fine_at_least = 5000",
            "yes",
        ),
        (
            "fine 5,000 ≥ 5,000.01",
            base().build(),
            "fine_at_least = 5000.01",
            "no",
        ),
        ("fine ≤ 200", base().build(), "fine_at_most = 200", "no"),
        (
            "no fine ≤ 200",
            CaseBuilder::general("X")
                .decision("decision", "2022-03-15", &[("warning", None)])
                .build(),
            "fine_at_most = 200",
            "yes",
        ),
        (
            "fine amount unread",
            CaseBuilder::general("X")
                .decision("decision", "2022-03-15", &[("fine", None)])
                .build(),
            "fine_at_least = 1",
            "unknown",
        ),
        (
            "step present",
            base().build(),
            "step = \"legal_review\"",
            "yes",
        ),
        (
            "step missing",
            base().build(),
            "step = \"collective_discussion\"",
            "no",
        ),
        (
            "one of two present",
            base().build(),
            "step = [\"collective_discussion\", \"legal_review\"]",
            "yes",
        ),
        (
            "step unknown on a ledger",
            CaseBuilder::ledger("X", &["filing"]).build(),
            "step = \"collective_discussion\"",
            "unknown",
        ),
        (
            "review before decision",
            base().build(),
            "step = \"legal_review\"\nbefore = \"decision\"",
            "yes",
        ),
        (
            "same day, strictly before",
            base().doc("collective_discussion", "2022-03-15").build(),
            "step = \"collective_discussion\"\nbefore = \"decision\"",
            "no",
        ),
        (
            "same day, not after",
            base().doc("collective_discussion", "2022-03-15").build(),
            "step = \"collective_discussion\"\nnot_after = \"decision\"",
            "yes",
        ),
        (
            "undated step",
            base().doc("collective_discussion", "").build(),
            "step = \"collective_discussion\"\nnot_after = \"decision\"",
            "unknown",
        ),
        (
            "reference step missing",
            base().build(),
            "step = \"legal_review\"\nnot_after = \"hearing\"",
            "no",
        ),
        (
            "decision no filled",
            base().build(),
            "filled = \"case_no\"",
            "yes",
        ),
        (
            "facts absent",
            base().build(),
            "filled = \"violation.facts\"",
            "unknown",
        ),
        (
            "facts empty",
            base()
                .with(|c| {
                    c.violation.facts = Field::Empty {
                        at: Place::line(9, 1),
                    }
                })
                .build(),
            "filled = \"violation.facts\"",
            "no",
        ),
        (
            "regex on facts",
            base()
                .with(|c| c.violation.facts = text_field("某宾馆未经许可营业", 9))
                .build(),
            "field_matches = { field = \"violation.facts\", regex = \"宾馆|商场\" }",
            "yes",
        ),
        (
            "regex misses",
            base()
                .with(|c| c.violation.facts = text_field("仓库堵塞通道", 9))
                .build(),
            "field_matches = { field = \"violation.facts\", regex = \"宾馆|商场\" }",
            "no",
        ),
        (
            "regex on absent field",
            base().build(),
            "field_matches = { field = \"violation.facts\", regex = \".\" }",
            "unknown",
        ),
        (
            "regex on basis",
            base().build(),
            "field_matches = { field = \"decision.basis\", regex = \"第六十条\" }",
            "yes",
        ),
        (
            "regex on a step's date",
            base().build(),
            "field_matches = { field = \"filing.date\", regex = \"^2022-03\" }",
            "yes",
        ),
        (
            "regex on a missing record",
            base().build(),
            "field_matches = { field = \"hearing.no\", regex = \".\" }",
            "no",
        ),
        (
            "decided on or after",
            base().build(),
            "decided_on_or_after = 2022-03-15",
            "yes",
        ),
        (
            "decided before",
            base().build(),
            "decided_before = 2022-03-15",
            "no",
        ),
        (
            "violation date",
            base().build(),
            "date_on_or_after = { field = \"violation.date\", date = 2021-04-29 }",
            "yes",
        ),
        (
            "step date by kind",
            base().build(),
            "date_before = { field = \"filing\", date = 2022-03-02 }",
            "no",
        ),
        (
            "unreadable date",
            base().doc("commitment", "?").build(),
            "date_before = { field = \"commitment\", date = 2030-01-01 }",
            "unknown",
        ),
    ];
    let mut bad = Vec::new();
    for (name, case, cond, want) in &cases {
        let got = eval(cond, case);
        if tri(&got) != *want {
            bad.push(format!("{name}: {cond} → {got:?}, want {want}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn gaps_count_working_days_and_calendar_days() {
    // 2021-09-30 (Thu) + 7 working days: the National Day break (10-01..10-07) is off and
    // Saturday 10-09 is a make-up working day, so the 7th is Friday 10-15.
    let case = |publ: &str| {
        CaseBuilder::general("X")
            .decision("decision", "2021-09-30", &[("warning", None)])
            .doc("publication", publ)
            .build()
    };
    let at_most = "gap = { from = \"decision\", to = \"publication\", at_most = \"7wd\" }";
    let at_least = "gap = { from = \"decision\", to = \"publication\", at_least = \"7个工作日\" }";
    let calendar = "gap = { from = \"decision\", to = \"publication.date\", at_most = \"10d\" }";
    for (publ, cond, want) in [
        ("2021-10-15", at_most, "yes"),
        ("2021-10-18", at_most, "no"),
        ("2021-10-14", at_least, "no"),
        ("2021-10-15", at_least, "yes"),
        // 09-30 + 10 days = 10-10, a Sunday → extended to Monday 10-11.
        ("2021-10-11", calendar, "yes"),
        ("2021-10-12", calendar, "no"),
        ("", at_most, "unknown"),
    ] {
        let got = eval(cond, &case(publ));
        assert_eq!(tri(&got), want, "{publ} {cond}: {got:?}");
    }
    let Tri::No(w) = eval(at_most, &case("2021-10-18")) else {
        unreachable!()
    };
    assert!(
        w.zh.contains("为 8 个工作日") && w.zh.contains("至 2021-10-15"),
        "{}",
        w.zh
    );
    // No publication record: the gap cannot hold.
    let none = CaseBuilder::general("X")
        .decision("decision", "2021-09-30", &[])
        .build();
    assert_eq!(tri(&eval(at_most, &none)), "no");
    // A year the calendar lacks is not a guess.
    let far = CaseBuilder::general("X")
        .decision("decision", "2031-03-03", &[])
        .doc("publication", "2031-03-20")
        .build();
    assert_eq!(eval(at_most, &far), Tri::Unknown("工作日历".into()));
}

#[test]
fn all_any_not_are_three_valued() {
    let c = clean_general().build(); // facts absent → unknown
    let u = "{ filled = \"violation.facts\" }";
    let y = "{ procedure = \"general\" }";
    let n = "{ procedure = \"summary\" }";
    for (cond, want) in [
        (format!("all = [{y}, {u}]"), "unknown"),
        (format!("all = [{n}, {u}]"), "no"),
        (format!("any = [{y}, {u}]"), "yes"),
        (format!("any = [{n}, {u}]"), "unknown"),
        (format!("any = [{n}, {n}]"), "no"),
        (format!("not = {u}"), "unknown"),
        (format!("not = {n}"), "yes"),
        (format!("not = {{ any = [{n}, {y}] }}"), "no"),
        // Several keys in one table: all must hold.
        (
            "procedure = \"general\"\nparty_kind = \"individual\"".to_string(),
            "no",
        ),
    ] {
        assert_eq!(tri(&eval(&cond, &c)), want, "{cond}");
    }
}

#[test]
fn unknown_is_not_checkable_never_a_finding() {
    let r = rule(
        "field_matches = { field = \"violation.facts\", regex = \"宾馆\" }",
        "step = \"commitment\"",
    );
    // Facts absent → the rule cannot tell whether it applies.
    assert_eq!(outcome(&r, &clean_general().build()), (0, 1));
    let e = run_rule(&r, &clean_general().build(), Lang::Zh);
    assert_eq!(e.not_checkable[0], ("X900", "违法事实".to_string()));
    let hotel = |b: CaseBuilder| b.with(|c| c.violation.facts = text_field("某宾馆", 9));
    assert_eq!(outcome(&r, &hotel(clean_general()).build()), (1, 0));
    assert_eq!(
        outcome(
            &r,
            &hotel(clean_general())
                .doc("commitment", "2022-01-01")
                .build()
        ),
        (0, 0)
    );
    // Not a hotel: the rule does not apply; nothing counted.
    let shop = clean_general()
        .with(|c| c.violation.facts = text_field("仓库", 9))
        .build();
    assert_eq!(outcome(&r, &shop), (0, 0));
    // A ledger that has no commitment column cannot show the record missing.
    let ledger = CaseBuilder::ledger("X", &["filing", "decision"])
        .with(|c| c.violation.facts = text_field("某宾馆", 9))
        .build();
    let e = run_rule(&r, &ledger, Lang::Zh);
    assert_eq!((e.findings.len(), e.not_checkable.len()), (0, 1));
    assert_eq!(e.not_checkable[0].1, "告知承诺书日期");
}

#[test]
fn findings_carry_the_rule_and_a_message_in_each_language() {
    let r = rule(
        "",
        "step = \"collective_discussion\"\nnot_after = \"decision\"",
    );
    let case = clean_general()
        .doc("collective_discussion", "2022-03-16")
        .build();
    let zh = run_rule(&r, &case, Lang::Zh);
    let f = &zh.findings[0];
    assert_eq!(
        (f.code.as_str(), f.severity, f.category),
        ("X900", Severity::Warning, Category::Procedure)
    );
    assert_eq!(
        f.message,
        "测试规则：集体讨论日期 2022-03-16 晚于决定日期 2022-03-15"
    );
    assert_eq!(f.basis, "依据（依据二手资料，未核对法律原文）");
    assert_eq!(f.help, "整改");
    assert_eq!(f.subject, "test-rule");
    assert!(
        matches!(f.place, Place::Line { .. }),
        "points at the record: {:?}",
        f.place
    );
    let en = run_rule(&r, &case, Lang::En);
    assert!(
        en.findings[0].message.starts_with("Test rule: the "),
        "{}",
        en.findings[0].message
    );
    assert!(
        en.findings[0].message.contains("is after the"),
        "{}",
        en.findings[0].message
    );
}

#[test]
fn message_templates_fill_fields() {
    let text = format!(
        "[[rule]]\n{HEAD}subject = \"number\"\nmessage = {{ zh = \"文号{{decision.no}}，当事人{{party.name}}，罚款{{fine}}元：{{reason}} {{{{x}}}}\", en = \"{{reason}}\" }}\n[rule.require]\nfield_matches = {{ field = \"decision.no\", regex = \"^解消\" }}\n"
    );
    let r = load(&text).unwrap().rules.pop().unwrap();
    let case = clean_general()
        .with(|c| {
            let d = c
                .documents
                .iter_mut()
                .find(|d| d.kind.as_deref() == Some("decision"))
                .unwrap();
            d.no = text_field("鼓消行罚决字〔2022〕第0001号", 40);
            d.basis = Field::Value {
                value: vec![Located {
                    value: "x".into(),
                    at: Place::line(41, 1),
                }],
                at: Place::line(41, 1),
            };
        })
        .build();
    let e = run_rule(&r, &case, Lang::Zh);
    assert_eq!(
        e.findings[0].message,
        "文号鼓消行罚决字〔2022〕第0001号，当事人（未知），罚款5,000元：行政处罚决定书文号「鼓消行罚决字〔2022〕第0001号」不符合 ^解消 {x}"
    );
    assert_eq!(e.findings[0].subject, "number");
    assert_eq!(e.findings[0].place, Place::line(40, 1));
    let own = clean_general()
        .with(|c| {
            let d = c
                .documents
                .iter_mut()
                .find(|d| d.kind.as_deref() == Some("decision"))
                .unwrap();
            d.no = text_field("解消行罚决字〔2022〕第0001号", 40);
        })
        .build();
    assert_eq!(outcome(&r, &own), (0, 0));
}

/// The example rules on their fixtures: each hit folder fires exactly its rule; each clean
/// folder fires nothing.
#[test]
fn example_rules_on_their_fixtures() {
    let text = std::fs::read_to_string("checks/examples/rules/brigade-examples.toml").unwrap();
    let rules = load(&text).unwrap();
    let ctx = Ctx::new(Lang::Zh, kb());
    let root = std::path::Path::new("fixtures/declarative");
    let mut seen = 0;
    for rule in &rules.rules {
        for (sub, want) in [("hit", 1), ("clean", 0)] {
            let dir = root.join(rule.info.code).join(sub);
            for f in std::fs::read_dir(&dir).unwrap() {
                let path = f.unwrap().path();
                let bytes = std::fs::read(&path).unwrap();
                let mut cases = Vec::new();
                crate::read::xml::XmlReader {
                    file: "f.xml",
                    aliases: &kb().aliases,
                    lang: Lang::Zh,
                }
                .read(&bytes, &mut |c, _| cases.push(c));
                for case in &cases {
                    let mut out = Emitter::default();
                    for r in rules.checks() {
                        r.check(case, &ctx, &mut out);
                    }
                    let codes: Vec<&str> = out.findings.iter().map(|f| f.code.as_str()).collect();
                    let expect: Vec<&str> = if want == 1 {
                        vec![rule.info.code]
                    } else {
                        vec![]
                    };
                    assert_eq!(codes, expect, "{}", path.display());
                    assert!(
                        out.not_checkable.is_empty(),
                        "{}: {:?}",
                        path.display(),
                        out.not_checkable
                    );
                    seen += 1;
                }
            }
        }
    }
    assert_eq!(seen, 8);
}
