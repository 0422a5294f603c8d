//! S004 outdated-agency-name: a decision dated on or after the 2019-04-23 消防法 amendment still
//! names the deciding agency "公安消防…" / "公安机关消防机构".

use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::{Case, Field};

pub static INFO: Info = Info {
    code: "S004",
    name: "outdated-agency-name",
    severity: Severity::Warning,
    category: Category::Subject,
    title: Tr { zh: "执法主体名称已过时", en: "Outdated agency name" },
    basis: Tr {
        zh: "《消防法》（2019年4月23日修正）：公安机关消防机构改为消防救援机构",
        en: "Fire Protection Law (2019-04-23 amendment): 公安机关消防机构 became 消防救援机构",
    },
    what: Tr {
        zh: "2019年4月23日及以后作出的决定仍以“公安消防…”“公安机关消防机构”的名义作出。",
        en: "A decision dated on or after 2019-04-23 names the agency as 公安消防… or 公安机关消防机构.",
    },
    why: Tr {
        zh: "消防体制改革后，执法主体是消防救援机构；以已不存在的机构名义作出决定，主体资格存疑。",
        en: "After the reform the enforcing body is the fire rescue agency; deciding in the name of a body that no longer exists puts the decision's subject in doubt.",
    },
    example: Tr {
        zh: "2020年的决定书落款为“开封市公安消防支队”。",
        en: "A 2020 decision signed by 开封市公安消防支队.",
    },
    fix: Tr {
        zh: "以现行的消防救援机构名称作出和用印；已送达的决定应评估是否需要更正。",
        en: "Decide and seal in the current fire rescue agency's name; assess whether decisions already served need correcting.",
    },
    settings: &["law.fire_2019_from", "agency.outdated_names"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let s = &ctx.kb.settings;
        let name = match &case.agency {
            Field::Value { value, at } => (value, at),
            _ => return out.not_checkable(&INFO, "执法主体"),
        };
        let Some(decision) = case.decision() else {
            return;
        };
        let Some(date) = decision.date.value().copied() else {
            return out.not_checkable(&INFO, "决定日期");
        };
        let Some(cut) = s.date("law.fire_2019_from") else {
            return;
        };
        if date < cut {
            return;
        }
        let text = crate::text::normalize(name.0);
        if let Some(old) = s
            .list("agency.outdated_names")
            .iter()
            .find(|w| text.contains(w.as_str()))
        {
            out.push(
                &INFO,
                ctx,
                case,
                name.1.clone(),
                "agency",
                crate::msg!(
                    ctx,
                    "决定日期 {} 在 {} 之后，执法主体仍称“{}”（含“{}”）",
                    "decided {} (after {}) in the name of `{}` (contains `{}`)",
                    date,
                    cut,
                    name.0,
                    old
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    #[test]
    fn agency_names() {
        let case = |agency: &str, date: &str| {
            CaseBuilder::general("X")
                .agency(agency)
                .decision("decision", date, &[("fine", Some(1000))])
                .build()
        };
        for (agency, date, hits) in [
            ("开封市公安消防支队", "2019-04-23", 1),
            ("开封市公安消防支队", "2019-04-22", 0),
            ("开封市公安局消防大队", "2020-01-01", 1),
            ("开封市解放区消防救援大队", "2022-01-01", 0),
            ("开封市公安機關消防機構", "2022-01-01", 1),
        ] {
            let e = run(&CHECK, &case(agency, date));
            assert_eq!(
                e.findings.len(),
                hits,
                "{agency} {date}: {:?}",
                messages(&e)
            );
        }
        let e = run(
            &CHECK,
            &CaseBuilder::general("X")
                .decision("decision", "2022-01-01", &[])
                .build(),
        );
        assert_eq!(e.not_checkable, vec![("S004", "执法主体".to_string())]);
    }
}
