//! L006 party-kind-mismatch: the cited provision does not sanction the party's kind — an
//! individual under 消防法 60¶1 (units only), a unit under 60¶2 (individuals only), an
//! individual under 60¶2 for items (一)(六)(七) of ¶1, which ¶2 does not cover.

use super::basis::{limbs, num, party_label, provision_label, read_judged, Cited};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::statutes::Liable;
use crate::model::Case;

pub static INFO: Info = Info {
    code: "L006",
    name: "party-kind-mismatch",
    severity: Severity::Error,
    category: Category::Law,
    title: Tr { zh: "适用条款与当事人类型不符", en: "Provision does not apply to the party's kind" },
    basis: Tr {
        zh: "《消防法》第六十条第一款、第二款、第六十五条第二款；所引条款",
        en: "Fire Law art. 60 ¶1, ¶2, 65 ¶2; the cited provision",
    },
    what: Tr {
        zh: "所引条款不处罚这一类当事人：对个人适用《消防法》第六十条第一款（只罚单位），对单位适用第六十条第二款（只罚个人），或对个人适用第六十条第二款处罚第一款第一、六、七项行为（第二款只涵盖第二至五项）。只引用到条（如“第六十条”）的，只有该条各款项都不适用于这类当事人时才报告，每个引用报告一次。第六十五条第二款处罚的是人员密集场所的经营者，单位或个人均可。当事人类型来自案卷；不明的不判断。",
        en: "The cited provision does not sanction this kind of party: an individual under Fire Law art. 60 ¶1 (units only), a unit under art. 60 ¶2 (individuals only), an individual under ¶2 for items (1), (6) or (7) of ¶1, which ¶2 does not cover. An article cited without its paragraph (\"第六十条\") is reported only when none of its paragraphs or items applies to the party, once per citation. Art. 65 ¶2 sanctions the venue's operator, a unit or an individual. The party's kind comes from the file; unknown is not judged.",
    },
    why: Tr {
        zh: "当事人类型决定适用的款项和罚款幅度；用错款项即适用法律错误，罚款幅度也随之错误。",
        en: "The party's kind decides the paragraph and the range; the wrong paragraph is a misapplication of law and usually a wrong range too.",
    },
    example: Tr { zh: "对某公司依据《消防法》第六十条第二款罚款 500 元。", en: "A company fined 500 yuan under Fire Law art. 60 ¶2." },
    fix: Tr {
        zh: "单位适用第六十条第一款相应项，个人适用第六十条第二款；并按相应幅度重新裁量。",
        en: "Cite art. 60 ¶1 with its item for a unit and art. 60 ¶2 for an individual, and fix the fine within that range.",
    },
    settings: &["law.xzcf_2021_from"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

fn liable_label(l: Option<Liable>, ctx: &Ctx) -> &'static str {
    match l {
        Some(Liable::Unit) => ctx.lang.pick("单位", "units"),
        Some(Liable::Individual) => ctx.lang.pick("个人", "individuals"),
        Some(Liable::Persons) => ctx.lang.pick(
            "直接负责的主管人员和其他直接责任人员",
            "the responsible persons",
        ),
        _ => ctx.lang.pick("特定当事人", "particular parties"),
    }
}

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
        let Some((_, cited)) = read_judged(case, ctx, &INFO, out) else {
            return;
        };
        if cited.iter().all(|c| c.penalties(ctx).is_empty()) {
            return;
        }
        let Some(pk) = super::basis::party_kind(case) else {
            return out.not_checkable(&INFO, "当事人类型");
        };
        let who = party_label(Some(pk), ctx.lang);
        // A paragraph covering items of another paragraph (60¶2 → ¶1 (二)–(五)) cited beside
        // one of those items: the item names the act, the paragraph the sanction.
        // Whether the covering paragraph covers the item is judged below, on the paragraph.
        let covering = |c: &Cited| {
            cited.iter().any(|o| {
                o.law == c.law
                    && o.cite.article == c.cite.article
                    && o.penalties(ctx)
                        .iter()
                        .any(|p| !p.refers_to_items.is_empty() && !limbs(p, Some(pk)).is_empty())
            })
        };
        for c in &cited {
            // An article or paragraph cited without the row below it (第六十条): the party fits
            // when any of its paragraphs or items applies to it; one finding per citation.
            if c.provision.is_none() {
                let rows: Vec<_> = c
                    .penalties(ctx)
                    .into_iter()
                    .filter(|p| !p.limbs.is_empty())
                    .collect();
                if rows.is_empty() || rows.iter().any(|p| !limbs(p, Some(pk)).is_empty()) {
                    continue;
                }
                out.push(
                    &INFO,
                    ctx,
                    case,
                    c.at.clone(),
                    "party",
                    crate::msg!(
                        ctx,
                        "{} 的各款项均不处罚{}，本案当事人为{}",
                        "no paragraph or item of {} sanctions this kind of party ({}); this party: {}",
                        c.label(ctx),
                        who,
                        who
                    ),
                );
                continue;
            }
            for p in c.penalties(ctx) {
                if p.limbs.is_empty() {
                    continue;
                }
                if limbs(p, Some(pk)).is_empty() {
                    if c.cite.item.is_some() && covering(c) {
                        continue;
                    }
                    out.push(
                        &INFO,
                        ctx,
                        case,
                        c.at.clone(),
                        "party",
                        crate::msg!(
                            ctx,
                            "{} 处罚的对象是{}，本案当事人为{}",
                            "{} sanctions {}; this party: {}",
                            provision_label(ctx, p, &c.version.id),
                            liable_label(p.liable, ctx),
                            who
                        ),
                    );
                    continue;
                }
                // 60¶2 for an individual: the ¶1 items cited beside it must be ones it covers.
                if p.refers_to_items.is_empty() {
                    continue;
                }
                for o in &cited {
                    let Some(item) = o.cite.item else { continue };
                    if o.law != c.law
                        || o.cite.article != c.cite.article
                        || o.cite.paragraph == p.paragraph
                        || p.refers_to_items.contains(&item)
                    {
                        continue;
                    }
                    let covered: Vec<String> = p
                        .refers_to_items
                        .iter()
                        .map(|i| format!("（{}）", num(ctx, *i)))
                        .collect();
                    out.push(&INFO, ctx, case, o.at.clone(), "party", crate::msg!(ctx, "{} 只适用于个人有第一款{}行为，本案引用的第{}项不在其内", "{} covers individuals only for the acts of ¶1 items {}; the cited item ({}) is not one of them", provision_label(ctx, p, &c.version.id), covered.join(""), num(ctx, item)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;
    use crate::rules::testutil::*;

    fn c(party: Option<PartyKind>, basis: &str) -> Case {
        CaseBuilder::general("X")
            .party(party)
            .violation("2022-03-07", None, None)
            .decision("decision", "2022-03-22", &[("fine", Some(500))])
            .basis(basis)
            .build()
    }

    /// An article cited whole fires only when no paragraph or item fits, once per citation;
    /// 65¶2 punishes the 场所's operator, unit or individual.
    #[test]
    fn whole_articles_and_venue_operators() {
        let (u, i) = (Some(PartyKind::Unit), Some(PartyKind::Individual));
        expect_table(
            &CHECK,
            vec![
                (
                    "individual under 第六十条",
                    c(i, "《中华人民共和国消防法》第六十条"),
                    0,
                    0,
                ),
                (
                    "unit under 第六十条",
                    c(u, "《中华人民共和国消防法》第六十条"),
                    0,
                    0,
                ),
                (
                    "individual under 60¶1 without item",
                    c(i, "《中华人民共和国消防法》第六十条第一款"),
                    1,
                    0,
                ),
                (
                    "individual operator under 65¶2",
                    c(i, "《中华人民共和国消防法》第六十五条第二款"),
                    0,
                    0,
                ),
            ],
        );
    }

    #[test]
    fn party_table() {
        let (u, i) = (Some(PartyKind::Unit), Some(PartyKind::Individual));
        expect_table(
            &CHECK,
            vec![
                (
                    "unit under 60¶2",
                    c(u, "《中华人民共和国消防法》第六十条第二款"),
                    1,
                    0,
                ),
                (
                    "individual under 60¶2",
                    c(i, "《中华人民共和国消防法》第六十条第二款"),
                    0,
                    0,
                ),
                (
                    "individual under 60¶1(三)",
                    c(i, "《中华人民共和国消防法》第六十条第一款第三项"),
                    1,
                    0,
                ),
                (
                    "unit under 60¶1(三)",
                    c(u, "《中华人民共和国消防法》第六十条第一款第三项"),
                    0,
                    0,
                ),
                (
                    "individual, 60¶1(三) named with ¶2",
                    c(i, "《中华人民共和国消防法》第六十条第一款第三项、第二款"),
                    0,
                    0,
                ),
                (
                    "individual, 60¶1(一) named with ¶2",
                    c(i, "《中华人民共和国消防法》第六十条第一款第一项、第二款"),
                    1,
                    0,
                ),
                (
                    "unit under 67 (sanctions persons)",
                    c(u, "《中华人民共和国消防法》第六十七条"),
                    1,
                    0,
                ),
                (
                    "individual under 67",
                    c(i, "《中华人民共和国消防法》第六十七条"),
                    0,
                    0,
                ),
                (
                    "61¶1 any party",
                    c(i, "《中华人民共和国消防法》第六十一条第一款"),
                    0,
                    0,
                ),
                (
                    "party kind unknown",
                    c(None, "《中华人民共和国消防法》第六十条第二款"),
                    0,
                    1,
                ),
            ],
        );
    }

    #[test]
    fn message() {
        let e = run(
            &CHECK,
            &c(
                Some(PartyKind::Unit),
                "《中华人民共和国消防法》第六十条第二款",
            ),
        );
        assert_eq!(
            messages(&e),
            vec!["《消防法》(2021) 第六十条第二款 处罚的对象是个人，本案当事人为单位"]
        );
    }
}
