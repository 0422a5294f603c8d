//! P001 missing-step: a general-procedure case lacks a required step. The required steps per
//! procedure kind are data (`checks/procedures.toml`, `[[required]]`); this rule runs them
//! through the procedure engine, together with a brigade's own requirement rules.

use super::procedure::{run as engine, Section};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P001",
    name: "missing-step",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "缺少必经程序", en: "Missing procedural step" },
    basis: Tr {
        zh: "《行政处罚法》第四十四条、第五十四条、第五十五条、第五十九条、第六十一条",
        en: "Administrative Penalty Law arts 44, 54, 55, 59, 61",
    },
    what: Tr {
        zh: "一般程序案件缺少必经步骤：立案、调查笔录（询问笔录或现场检查/勘验笔录）、处罚告知、处罚决定、决定书送达。2021年7月15日前的案件（以案卷最早的记录日期为准），旧法没有立案程序，受案登记表或其他发现案件的记录即可；案卷没有任何日期的，不予判断。必经步骤清单在 checks/procedures.toml 中，可按程序种类增删。台账中没有对应列的步骤视为未知，不报缺失。",
        en: "A general-procedure case lacks a required step: filing, an investigation record (inquiry or inspection), the penalty notice, the decision, service of the decision. For a case first recorded before 2021-07-15 the old law had no filing step: an acceptance or other discovery record stands in; with no date at all, not checkable. The list lives in checks/procedures.toml per procedure kind. A step the ledger has no column for is unknown, not missing.",
    },
    why: Tr {
        zh: "缺少告知即作出的决定不能成立（第六十二条）；缺少立案、调查记录或送达，程序违法，案卷评查不合格。",
        en: "A decision without notice cannot stand (art. 62); without filing, investigation records or service the procedure is unlawful and the file fails review.",
    },
    example: Tr {
        zh: "台账“告知日期”一栏为空，而“决定日期”为 2022-05-20。",
        en: "The ledger's 告知日期 cell is empty while 决定日期 is 2022-05-20.",
    },
    fix: Tr {
        zh: "查找并补入缺失的文书；确未履行的程序，应依法补正或撤销决定后重新作出。",
        en: "Find and file the missing record; a step never taken must be remedied, or the decision withdrawn and made again.",
    },
    settings: &["law.xzcf_2021_from"],
    source: "built-in; checks/procedures.toml [[required]]",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }
    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        engine(Section::Required, INFO.code, case, ctx, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Coverage;
    use crate::rules::testutil::*;

    #[test]
    fn clean_case_has_every_step() {
        let e = run_test(&clean_general().build());
        assert!(e.findings.is_empty(), "{:?}", messages(&e));
        assert!(e.not_checkable.is_empty());
    }

    fn run_test(c: &Case) -> Emitter {
        crate::rules::testutil::run(&CHECK, c)
    }

    fn without(kinds: &[&str]) -> Case {
        let mut c = clean_general().build();
        c.documents
            .retain(|d| !kinds.contains(&d.kind.as_deref().unwrap_or("")));
        c
    }

    /// Before 2021-07-15 the law had no 立案: a 受案 or inspection record stands in; from then on
    /// it does not; with no date at all the era is unknown.
    #[test]
    fn filing_by_era() {
        let c = |acc: &str, dec: &str| {
            steps(&[
                ("acceptance", acc),
                ("inquiry", acc),
                ("notice", dec),
                ("decision", dec),
                ("service", dec),
            ])
            .build()
        };
        let subjects = |case: &Case| -> (Vec<String>, usize) {
            let e = run_test(case);
            (
                e.findings.iter().map(|f| f.subject.clone()).collect(),
                e.not_checkable.len(),
            )
        };
        assert_eq!(subjects(&c("2019-05-06", "2019-06-03")), (vec![], 0));
        assert_eq!(
            subjects(&c("2022-05-06", "2022-06-03")),
            (vec!["filing".to_string()], 0)
        );
        assert_eq!(subjects(&c("", "")), (vec![], 1));
    }

    #[test]
    fn missing_steps_table() {
        for (drop, subject) in [
            (&["filing"][..], Some("filing")),
            (&["notice"][..], Some("notice")),
            (&["inquiry"][..], None), // the inspection record still investigates
            (&["inquiry", "inspection"][..], Some("investigation")),
            (&["service"][..], Some("service")),
        ] {
            let mut c = without(drop);
            c.procedure = crate::model::Field::Value {
                value: crate::model::Procedure::General,
                at: c.at.clone(),
            };
            let e = run_test(&c);
            let subjects: Vec<&str> = e.findings.iter().map(|f| f.subject.as_str()).collect();
            assert_eq!(
                subjects,
                subject.into_iter().collect::<Vec<_>>(),
                "{drop:?}"
            );
        }
        let e = run_test(&without(&["notice"]));
        assert_eq!(e.findings[0].message, "案卷缺少告知");
    }

    #[test]
    fn unknown_is_not_missing() {
        // A ledger without a 告知日期 column: nothing about the notice, but "not checkable".
        let ledger = CaseBuilder::ledger("L", &["filing", "inquiry", "decision", "service"])
            .doc("filing", "2022-03-02")
            .doc("inquiry", "2022-03-03")
            .doc("decision", "2022-03-15")
            .doc("service", "2022-03-16")
            .build();
        let e = run_test(&ledger);
        assert!(e.findings.is_empty(), "{:?}", messages(&e));
        assert_eq!(e.not_checkable, vec![("P001", "告知日期".to_string())]);
        // The column exists and the cell is empty: a finding.
        let mut covered = ledger.clone();
        covered.coverage = Coverage::kinds(["filing", "inquiry", "notice", "decision", "service"]);
        let e = run_test(&covered);
        assert_eq!(e.findings.len(), 1);
        assert_eq!(e.findings[0].subject, "notice");
        // An XML without <Documents>: every step unknown, one not-checkable count.
        let none = clean_general().coverage(Coverage::None).build();
        let mut bare = none.clone();
        bare.documents.clear();
        bare.procedure = crate::model::Field::Value {
            value: crate::model::Procedure::General,
            at: bare.at.clone(),
        };
        let e = run_test(&bare);
        assert!(e.findings.is_empty());
        assert_eq!(e.not_checkable.len(), 1);
    }

    #[test]
    fn summary_cases_are_not_general() {
        let c = CaseBuilder::summary("S")
            .decision("summary_decision", "2022-03-01", &[("warning", None)])
            .build();
        assert!(run_test(&c).findings.is_empty());
    }

    #[test]
    fn a_brigade_rule_is_a_data_change() {
        // "A 临时查封 case needs a 集体议案": a new file, no code.
        let mut files = crate::knowledge::DataFiles::shipped();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("procedures")).unwrap();
        std::fs::write(
            dir.path().join("procedures/seizure.toml"),
            r#"[[required]]
code = "X001"
name = "seizure-without-discussion"
title = { zh = "临时查封未集体议案", en = "Seizure without collective discussion" }
when_present = ["seizure"]
any_of = ["collective_discussion"]
severity = "warning"
basis = { zh = "集体议案", en = "collective discussion" }
fix = { zh = "补集体议案", en = "hold one" }
"#,
        )
        .unwrap();
        files.overlay(dir.path()).unwrap();
        let kb = crate::knowledge::Knowledge::load(&files).unwrap();
        let ctx = Ctx::new(crate::finding::Lang::Zh, &kb);
        let case = clean_general().doc("seizure", "2022-03-05").build();
        let mut out = Emitter::default();
        CHECK.check(&case, &ctx, &mut out);
        let codes: Vec<&str> = out.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["X001"]);
        assert_eq!(out.findings[0].severity, Severity::Warning);
        assert_eq!(
            kb.procedures.extra_infos()[0].name,
            "seizure-without-discussion"
        );
        let mut out = Emitter::default();
        CHECK.check(&clean_general().build(), &ctx, &mut out);
        assert!(out.findings.is_empty());
    }
}
