//! P002 steps-out-of-order (程序倒置): recorded dates contradict 立案 ≤ 告知 < 决定 ≤ 送达 ≤ 执行 ≤
//! 结案, or an inquiry predates 立案. The constraints are data (`[[order]]` in
//! `checks/procedures.toml`), run by the procedure engine.

use super::procedure::{run as engine, Section};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P002",
    name: "steps-out-of-order",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "程序倒置", en: "Steps out of order" },
    basis: Tr { zh: "《行政处罚法》第四十四条、第五十四条、第六十二条", en: "Administrative Penalty Law arts 44, 54, 62" },
    what: Tr {
        zh: "各步骤日期违反“立案 ≤ 告知 < 决定 ≤ 送达 ≤ 缴款（执行）≤ 结案”的顺序（2021年7月15日前的案件以受案代替立案）；听证、放弃听证、陈述申辩、放弃陈述申辩、法制审核或集体讨论的日期晚于决定日期；或2021年7月15日以后立案的案件，询问笔录早于立案（发现违法行为的现场检查笔录可以早于立案）。",
        en: "The dates break the order filing ≤ notice < decision ≤ service ≤ payment (execution) ≤ closing (acceptance stands for filing before 2021-07-15); a hearing, hearing waiver, statement, statement waiver, legal review or collective discussion is dated after the decision; or, for a filing from 2021-07-15, an inquiry predates it (an inspection that found the act may predate filing).",
    },
    why: Tr {
        zh: "先决定后告知、先询问后立案等程序倒置，说明程序未依法履行或事后补做文书，是评查中的否决项。",
        en: "Deciding before notice or questioning before filing shows the procedure was not followed, or records were made up afterwards; reviewers fail such files.",
    },
    example: Tr { zh: "告知日期 2022-03-16 晚于决定日期 2022-03-15。", en: "Notice dated 2022-03-16, decision 2022-03-15." },
    fix: Tr {
        zh: "核对原始文书日期；确属程序倒置的，应撤销决定，依法重新履行程序后再作决定。",
        en: "Check the original records' dates; a real reversal means withdrawing the decision and redoing the steps in order.",
    },
    settings: &["law.xzcf_2021_from"],
    source: "built-in; checks/procedures.toml [[order]]",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }
    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        engine(Section::Order, INFO.code, case, ctx, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    fn set(kind: &str, date: &str) -> Case {
        let mut c = clean_general().build();
        for doc in c
            .documents
            .iter_mut()
            .filter(|x| x.kind.as_deref() == Some(kind))
        {
            doc.date = crate::model::Field::Value {
                value: d(date),
                at: doc.at.clone(),
            };
        }
        c
    }

    #[test]
    fn order_table() {
        for (kind, date, subjects) in [
            ("notice", "2022-03-01", vec!["filing<notice"]),
            ("notice", "2022-03-15", vec!["notice<decision"]),
            ("notice", "2022-03-16", vec!["notice<decision"]),
            ("notice", "2022-03-14", vec![]),
            ("inquiry", "2022-03-01", vec!["filing<inquiry"]),
            ("inquiry", "2022-03-02", vec![]),
            ("inspection", "2022-02-20", vec![]), // an inspection may predate filing
            ("service", "2022-03-14", vec!["decision<service"]),
            ("service", "2022-03-15", vec![]),
            ("closing", "2022-03-24", vec!["payment<closing"]),
            ("payment", "2022-03-15", vec!["service<payment"]),
            (
                "filing",
                "2022-03-20",
                vec!["filing<notice", "filing<decision", "filing<inquiry"],
            ),
        ] {
            let e = crate::rules::testutil::run(&CHECK, &set(kind, date));
            let got: Vec<&str> = e.findings.iter().map(|f| f.subject.as_str()).collect();
            assert_eq!(got, subjects, "{kind} {date}: {:?}", messages(&e));
        }
        let e = crate::rules::testutil::run(&CHECK, &set("notice", "2022-03-16"));
        assert_eq!(
            e.findings[0].message,
            "决定日期 2022-03-15 早于告知日期 2022-03-16（程序倒置）"
        );
    }

    #[test]
    fn unreadable_date_is_not_checkable() {
        let c = clean_general().build();
        let mut c2 = c.clone();
        for doc in c2
            .documents
            .iter_mut()
            .filter(|x| x.kind.as_deref() == Some("notice"))
        {
            doc.date = crate::model::Field::Invalid {
                raw: "2022年13月5日".into(),
                at: doc.at.clone(),
            };
        }
        let e = crate::rules::testutil::run(&CHECK, &c2);
        assert!(e.findings.is_empty());
        assert_eq!(e.not_checkable, vec![("P002", "告知日期".to_string())]);
    }
}
