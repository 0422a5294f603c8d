//! L010 discretion-band-mismatch: the fine lies outside the discretion band (裁量基准) for the
//! circumstance level recorded on the case (较轻/一般/较重/严重). The bands are data in
//! `checks/discretion/`; the shipped ones are the tool's own arithmetic, not a published
//! standard, so with them the finding is info and says the band is the tool's default; a loaded
//! standard (a band not marked DERIVED) keeps the warning. Where a paragraph has tiers for
//! different conduct (消防法 2021 69¶1) the band applies only to the tier the facts pick.

use super::basis::{
    facts_of, fine_ranges_by_facts, judge, party_kind, party_label, provision_label, range_text,
    read, Read,
};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::statutes::FineRange;
use crate::model::{Case, Field};

pub static INFO: Info = Info {
    code: "L010",
    name: "discretion-band-mismatch",
    severity: Severity::Warning,
    category: Category::Law,
    title: Tr { zh: "罚款不在裁量区间内", en: "Fine outside the discretion band" },
    basis: Tr {
        zh: "《行政处罚法》第三十四条（裁量基准）；checks/discretion 中的裁量区间（默认区间为本工具默认值，未经核实，可在配置中按本地规定修改）",
        en: "Administrative Penalty Law art. 34 (discretion standards); the bands in checks/discretion (the shipped bands are the tool's default, not verified; set them to your local rule in the configuration)",
    },
    what: Tr {
        zh: "罚款在法定幅度内，但不在案卷记载的违法情节（较轻/一般/较重/严重）对应的裁量区间内。默认区间按“最低额 + 比例 ×（最高额 − 最低额）”推算：较轻 0–30%、一般 30–70%、较重/严重 70–100%，是本工具默认值，未经核实，并非已公布的裁量基准，使用默认区间时只作提示（info）；各地在 checks/discretion 中载入本地公布的基准后，按警告报告。同一款对不同行为规定不同幅度的（《消防法》2021 年第六十九条第一款），区间只适用于违法事实对应的幅度。罚款超出法定幅度的由 L005 报告。",
        en: "The fine is inside the statutory range but outside the band for the circumstance level on the file (minor/ordinary/serious/grave). The shipped bands are min + p × (max − min) with minor 0–30 %, ordinary 30–70 %, serious/grave 70–100 %: the tool's default, not verified and not a published standard, so with them the finding is info; once a jurisdiction loads its published standard in checks/discretion it is a warning. Where one paragraph has tiers for different conduct (Fire Law 2021 art. 69 ¶1) a band applies only to the tier the facts pick. A fine outside the statutory range is L005's.",
    },
    why: Tr {
        zh: "裁量与情节不符是评查中的常见扣分项（“裁量不当”），同类案件应当同类处罚。",
        en: "A fine that does not match the stated circumstances is a common review deduction; like cases should get like penalties.",
    },
    example: Tr {
        zh: "情节“一般”，依据《消防法》第六十条第一款对单位罚款 6,000 元，一般档为 18,500–36,500 元（本工具默认值）。",
        en: "Circumstance \"ordinary\", a unit fined 6,000 yuan under Fire Law art. 60 ¶1; the ordinary band is 18,500–36,500 (the tool's default).",
    },
    fix: Tr {
        zh: "按认定的情节在相应区间内裁量，或在审批表中写明偏离的理由并相应调整情节认定。",
        en: "Set the fine inside the band of the stated circumstance, or record why it departs and correct the circumstance.",
    },
    settings: &["裁量区间 discretion bands (checks/discretion; caselint checks export)"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        super::basis::every_version(case, ctx, &INFO, out, |out| {
            self.check_dated(case, ctx, out)
        });
    }
}

impl Rule {
    fn check_dated(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let r = match read(case, ctx) {
            Read::Unknown => return out.not_checkable(&INFO, "处罚依据"),
            Read::Read(r) => r,
            _ => return,
        };
        let fine = match super::l005_fine_out_of_range::decision_fine(case) {
            Ok(Some(f)) => f,
            Ok(None) => return,
            Err(()) => return out.not_checkable(&INFO, "罚款金额"),
        };
        let level = match &case.violation.circumstance {
            Field::Value { value, .. } => *value,
            _ => return out.not_checkable(&INFO, "违法情节"),
        };
        let Some(cited) = judge(case, &r, ctx) else {
            return out.not_checkable(&INFO, "违法日期");
        };
        let rows: Vec<_> = cited
            .iter()
            .filter_map(|c| c.provision.filter(|p| !p.limbs.is_empty()).map(|p| (c, p)))
            .filter(|(_, p)| p.kind == crate::law::statutes::ProvisionKind::Penalty)
            .collect();
        // One fine under several provisions cannot be apportioned to a band.
        let [(c, p)] = rows.as_slice() else {
            return;
        };
        let Some(pk) = party_kind(case) else {
            return out.not_checkable(&INFO, "当事人类型");
        };
        let inside =
            |r: &FineRange| fine.0 >= r.min_yuan as i64 * 100 && fine.0 <= r.max_yuan as i64 * 100;
        // Outside the statutory range is L005's.
        let ranges = fine_ranges_by_facts(p, Some(pk), facts_of(case));
        if !ranges.iter().any(inside) {
            return;
        }
        let Some(band) =
            ctx.kb
                .discretion
                .band(&p.law, p.article, p.paragraph, p.item, pk, level.as_str())
        else {
            return;
        };
        if fine.0 >= band.min_yuan as i64 * 100 && fine.0 <= band.max_yuan as i64 * 100 {
            return;
        }
        // A band cut from another tier's range (69¶1's upper tier for a lower-tier act, or a
        // fine that only the other tier's range holds) says nothing about this fine.
        let tier = FineRange {
            min_yuan: band.range.0,
            max_yuan: band.range.1,
        };
        if !ranges.contains(&tier) || !inside(&tier) {
            return;
        }
        let default = band.mark == crate::law::statutes::Mark::Derived;
        let range = range_text(
            FineRange {
                min_yuan: band.min_yuan,
                max_yuan: band.max_yuan,
            },
            ctx.lang,
        );
        let place = case
            .violation
            .circumstance
            .at()
            .cloned()
            .unwrap_or_else(|| r.decision.at.clone());
        let level_text = match ctx.lang {
            crate::finding::Lang::Zh => level.label_zh().to_string(),
            crate::finding::Lang::En => level.as_str().to_string(),
        };
        let whose = if default {
            ctx.lang
                .pick(
                    "本工具默认值，未经核实，可在配置中按本地规定修改",
                    "the tool's default, not verified; set it to your local rule in the configuration",
                )
                .to_string()
        } else {
            band.source.clone()
        };
        out.push_at(
            &INFO,
            if default {
                Severity::Info
            } else {
                INFO.severity
            },
            ctx,
            case,
            place,
            "discretion",
            crate::msg!(
                ctx,
                "{}：{}、情节“{}”的裁量区间为 {}（{}），本案 {} 元",
                "{}: the band for a {} with circumstance \"{}\" is {} ({}); this case {} yuan",
                provision_label(ctx, p, &c.version.id),
                party_label(Some(pk), ctx.lang),
                level_text,
                range,
                whose,
                fine
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Circumstance, PartyKind};
    use crate::rules::testutil::*;

    fn c(party: PartyKind, level: Option<Circumstance>, basis: &str, fine: i64) -> Case {
        CaseBuilder::general("X")
            .party(Some(party))
            .violation("2022-03-07", None, None)
            .with(|c| {
                c.violation.circumstance = match level {
                    Some(l) => Field::Value {
                        value: l,
                        at: crate::finding::Place::line(16, 5),
                    },
                    None => Field::Empty {
                        at: crate::finding::Place::line(16, 5),
                    },
                }
            })
            .decision("decision", "2022-03-22", &[("fine", Some(fine))])
            .basis(basis)
            .build()
    }

    #[test]
    fn band_table() {
        use Circumstance::*;
        use PartyKind::*;
        let p60 = "《中华人民共和国消防法》第六十条第一款第三项";
        expect_table(
            &CHECK,
            vec![
                ("一般 6,000", c(Unit, Some(Ordinary), p60, 6000), 1, 0),
                ("较轻 6,000", c(Unit, Some(Minor), p60, 6000), 0, 0),
                (
                    "一般 18,500 (band edge)",
                    c(Unit, Some(Ordinary), p60, 18500),
                    0,
                    0,
                ),
                ("一般 36,500", c(Unit, Some(Ordinary), p60, 36500), 0, 0),
                ("一般 36,501", c(Unit, Some(Ordinary), p60, 36501), 1, 0),
                ("较轻 20,000", c(Unit, Some(Minor), p60, 20000), 1, 0),
                (
                    "outside the statutory range is L005's",
                    c(Unit, Some(Minor), p60, 3000),
                    0,
                    0,
                ),
                ("no level", c(Unit, None, p60, 6000), 0, 1),
                (
                    "individual 60¶2 一般 300",
                    c(
                        Individual,
                        Some(Ordinary),
                        "《中华人民共和国消防法》第六十条第二款",
                        300,
                    ),
                    0,
                    0,
                ),
                (
                    "individual 60¶2 一般 100",
                    c(
                        Individual,
                        Some(Ordinary),
                        "《中华人民共和国消防法》第六十条第二款",
                        100,
                    ),
                    1,
                    0,
                ),
            ],
        );
    }

    #[test]
    fn message_says_the_band_is_the_tools_default() {
        let e = run(
            &CHECK,
            &c(
                PartyKind::Unit,
                Some(Circumstance::Ordinary),
                "《中华人民共和国消防法》第六十条第一款第三项",
                6000,
            ),
        );
        let m = &messages(&e)[0];
        assert_eq!(m, "《消防法》(2021) 第六十条第一款第三项：单位、情节“一般”的裁量区间为 18,500–36,500 元（本工具默认值，未经核实，可在配置中按本地规定修改），本案 6,000 元");
        assert_eq!(e.findings[0].severity, Severity::Info);
        for bad in ["DERIVED", "legal.md", "§"] {
            assert!(!m.contains(bad), "{m}");
        }
    }

    /// 2021 69¶1: a lower-tier act fined 20,000 is not measured against the upper tier's band.
    #[test]
    fn tiers_keep_their_bands() {
        let mut case = c(
            PartyKind::Unit,
            Some(Circumstance::Minor),
            "《中华人民共和国消防法》第六十九条第一款",
            20000,
        );
        case.violation.facts = Field::Value {
            value: "该公司不按照国家标准、行业标准开展消防技术服务活动".into(),
            at: crate::finding::Place::line(20, 1),
        };
        assert!(run(&CHECK, &case).findings.is_empty());
        case.violation.facts = Field::Absent;
        assert!(run(&CHECK, &case).findings.is_empty());
    }
}
