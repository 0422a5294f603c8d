//! S001 too-few-officers: fewer than two enforcement officers on the case, or on an inquiry /
//! inspection record that lists its own officers (行政处罚法 42, 55; 河南省行政执法条例 24).

use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::{Case, Field, Officer};

pub static INFO: Info = Info {
    code: "S001",
    name: "too-few-officers",
    severity: Severity::Error,
    category: Category::Subject,
    title: Tr { zh: "执法人员少于两人", en: "Fewer than two officers" },
    basis: Tr {
        zh: "《行政处罚法》第四十二条、第五十五条（旧法第三十七条）；《河南省行政执法条例》第二十四条",
        en: "Administrative Penalty Law arts 42, 55 (old art. 37); Henan Administrative Enforcement Regulation art. 24",
    },
    what: Tr {
        zh: "案件登记的执法人员少于两人，或询问笔录、现场检查（勘验）笔录上列明的执法人员少于两人。2021年7月15日前的当场处罚决定可由一名执法人员作出（旧法第三十三条、第三十四条未规定两人），但河南省的执法机关自2016年6月1日起仍须两人（《河南省行政执法条例》第二十四条）。",
        en: "The case records fewer than two enforcement officers, or an inquiry or inspection record lists fewer than two of its own. An on-the-spot decision before 2021-07-15 could be made by one officer (old arts 33–34 set no two-officer rule), except by Henan agencies from 2016-06-01 (Henan Administrative Enforcement Regulation art. 24).",
    },
    why: Tr {
        zh: "执法人员不得少于两人是法定要求；一人调查、检查取得的证据合法性存疑，案卷评查按主体不合格处理。",
        en: "Two officers is a statutory minimum; evidence taken by one officer is of doubtful legality and the file fails the subject review.",
    },
    example: Tr {
        zh: "询问笔录只有“李某（执法证号41020001）”一名询问人。",
        en: "An inquiry record names only one questioner, 李某 (certificate 41020001).",
    },
    fix: Tr {
        zh: "核实实际参与的执法人员并在笔录上如实记载两名以上执法人员；确系一人执法的，该笔录不能作为定案证据，应重新调查取证。",
        en: "Record the two or more officers who actually took part; if one officer acted alone, the record cannot ground the decision and the evidence must be taken again.",
    },
    settings: &["law.xzcf_2021_from", "law.henan_enforcement_from", "jurisdiction.province"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

fn distinct(list: &[Officer]) -> usize {
    let mut names: Vec<&str> = list
        .iter()
        .map(|o| o.name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names.len()
}

/// Whether one officer could make this decision: a 当场 (summary) decision before 2021-07-15
/// (old 行政处罚法 33–34 set no two-officer rule for it; 公安 rule art. 39), except for a Henan
/// agency from 2016-06-01 (河南省行政执法条例 24). `Err` names the missing input.
fn one_officer_allowed(case: &Case, ctx: &Ctx) -> Result<bool, &'static str> {
    if !case.is_summary() {
        return Ok(false);
    }
    let Some(date) = case.decision().and_then(|d| d.date.value().copied()) else {
        return Err("决定日期");
    };
    let s = &ctx.kb.settings;
    let (Some(new_law), Some(henan_from)) = (
        s.date("law.xzcf_2021_from"),
        s.date("law.henan_enforcement_from"),
    ) else {
        return Ok(false);
    };
    if date >= new_law {
        return Ok(false);
    }
    if date < henan_from {
        return Ok(true);
    }
    match crate::knowledge::jurisdiction::case_is_henan(case, ctx.kb) {
        Some(henan) => Ok(!henan),
        None => Err("执法机关所在省份"),
    }
}

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let before = out.findings.len();
        self.officers(case, ctx, out);
        // The basis cites the Henan regulation only for a Henan agency.
        if crate::knowledge::jurisdiction::case_is_henan(case, ctx.kb) != Some(true) {
            for f in &mut out.findings[before..] {
                f.basis = NATIONAL.get(ctx.lang).to_string();
            }
        }
    }
}

const NATIONAL: Tr = Tr {
    zh: "《行政处罚法》第四十二条、第五十二条、第五十五条（旧法第三十七条）",
    en: "Administrative Penalty Law arts 42, 52, 55 (old art. 37)",
};

impl Rule {
    fn officers(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        match &case.officers {
            Field::Absent | Field::Invalid { .. } => out.not_checkable(&INFO, "执法人员"),
            Field::Empty { at } => out.push(
                &INFO,
                ctx,
                case,
                at.clone(),
                "case",
                crate::msg!(
                    ctx,
                    "案件未登记执法人员（0 人），执法人员不得少于两人",
                    "no officer is recorded on the case (0); at least two are required"
                ),
            ),
            Field::Value { value, at } => {
                let n = distinct(value);
                if n == 1 {
                    match one_officer_allowed(case, ctx) {
                        Ok(true) => return,
                        Ok(false) => {}
                        Err(input) => return out.not_checkable(&INFO, input),
                    }
                }
                if n < 2 {
                    let names: Vec<&str> = value.iter().map(|o| o.name.as_str()).collect();
                    out.push(
                        &INFO,
                        ctx,
                        case,
                        at.clone(),
                        "case",
                        crate::msg!(ctx, "案件登记的执法人员仅 {} 人（{}），不得少于两人", "only {} officer(s) recorded on the case ({}); at least two are required", n, names.join("、")),
                    );
                }
            }
        }
        for doc in &case.documents {
            let kind = doc.kind.as_deref().unwrap_or("");
            if !matches!(kind, "inquiry" | "inspection") {
                continue;
            }
            if let Some(list) = &doc.officers {
                let n = distinct(list);
                if n < 2 {
                    let names: Vec<&str> = list.iter().map(|o| o.name.as_str()).collect();
                    out.push(
                        &INFO,
                        ctx,
                        case,
                        doc.at.clone(),
                        format!(
                            "{kind}@{}",
                            doc.date.value().map(|d| d.to_string()).unwrap_or_default()
                        ),
                        crate::msg!(
                            ctx,
                            "{}列明的执法人员仅 {} 人（{}），不得少于两人",
                            "the {} lists only {} officer(s) ({}); at least two are required",
                            super::procedure::label(ctx, kind),
                            n,
                            names.join("、")
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    #[test]
    fn officers_table() {
        let two = [("李某", Some("1")), ("王某", Some("2"))];
        let one = [("李某", Some("1"))];
        let same_twice = [("李某", Some("1")), ("李某", Some("1"))];
        let cases: Vec<(&str, crate::model::Case, usize, usize)> = vec![
            ("two on case", clean_general().officers(&two).build(), 0, 0),
            ("one on case", clean_general().officers(&one).build(), 1, 0),
            (
                "same name twice",
                clean_general().officers(&same_twice).build(),
                1,
                0,
            ),
            (
                "empty officers",
                clean_general()
                    .with(|c| {
                        c.officers = Field::Empty {
                            at: crate::finding::Place::line(5, 1),
                        }
                    })
                    .build(),
                1,
                0,
            ),
            (
                "absent: not checkable",
                clean_general().with(|c| c.officers = Field::Absent).build(),
                0,
                1,
            ),
            (
                "inquiry lists one",
                clean_general()
                    .doc_with("inquiry", "2022-03-04", |d| {
                        d.officers = Some(officers(&one))
                    })
                    .build(),
                1,
                0,
            ),
            (
                "inquiry lists two",
                clean_general()
                    .doc_with("inquiry", "2022-03-04", |d| {
                        d.officers = Some(officers(&two))
                    })
                    .build(),
                0,
                0,
            ),
            (
                "notice lists one: not a record of investigation",
                clean_general()
                    .doc_with("notice", "2022-03-04", |d| {
                        d.officers = Some(officers(&one))
                    })
                    .build(),
                0,
                0,
            ),
        ];
        for (name, case, hits, nc) in cases {
            let e = run(&CHECK, &case);
            assert_eq!(e.findings.len(), hits, "{name}: {:?}", messages(&e));
            assert_eq!(e.not_checkable.len(), nc, "{name}");
        }
    }

    #[test]
    fn message_names_the_officer() {
        let e = run(
            &CHECK,
            &clean_general().officers(&[("李某", Some("1"))]).build(),
        );
        assert!(
            e.findings[0].message.contains("仅 1 人（李某）"),
            "{:?}",
            messages(&e)
        );
    }
}
