//! L003 provision-not-found: the cited article, paragraph or item does not exist in the law
//! version that applies (消防法第六十条第一款第八项; 第六十四条第二款 where art. 64 has items, not
//! paragraphs). A place that exists in another version of the law is L007's (wrong version).

use super::basis::{judge, law_label, num, place_label, read, Read};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::citation::to_cn_numeral;
use crate::model::Case;

pub static INFO: Info = Info {
    code: "L003",
    name: "provision-not-found",
    severity: Severity::Error,
    category: Category::Law,
    title: Tr { zh: "引用的条款不存在", en: "Cited provision does not exist" },
    basis: Tr {
        zh: "《行政处罚法》第三十八条第一款（没有依据的行政处罚无效）、第五十九条；所引法律的文本",
        en: "Administrative Penalty Law art. 38 ¶1 (a penalty without legal basis is void), art. 59; the text of the cited law",
    },
    what: Tr {
        zh: "处罚依据引用的条、款、项在适用的法律版本中不存在，例如《消防法》第六十条第一款第八项（该款只有七项），或把项写成款（第六十四条只有一款，分六项）。只检查本工具法条数据（checks/statutes，可用 caselint checks export 导出查看）中有条文结构的法律。",
        en: "The article, paragraph or item cited does not exist in the applicable version of the law: Fire Law art. 60 ¶1 (8) (the paragraph has seven items), or an item written as a paragraph (art. 64 is one paragraph with six items). Only laws whose structure is in the tool's statute data (checks/statutes; `caselint checks export` writes it out) are checked.",
    },
    why: Tr {
        zh: "引用不存在的条款等于没有法律依据，评查中属“适用依据错误”的否决项。",
        en: "Citing a provision that does not exist amounts to no legal basis; reviews treat it as a veto-level misapplication.",
    },
    example: Tr { zh: "处罚依据写作“《中华人民共和国消防法》第六十条第一款第八项”。", en: "The basis reads Fire Law art. 60 ¶1 (8)." },
    fix: Tr {
        zh: "对照违法行为发生时的法律文本改正条、款、项。",
        en: "Correct the article, paragraph and item against the text in force when the act was done.",
    },
    settings: &["law.xzcf_2021_from"],
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
        if r.citations.is_empty() {
            return;
        }
        let Some(cited) = judge(case, &r, ctx) else {
            return out.not_checkable(&INFO, "违法日期");
        };
        for c in cited.iter().filter(|c| !c.exists) {
            if !c.elsewhere(ctx).is_empty() {
                continue;
            }
            let n = |x: u32| num(ctx, x);
            let article = place_label(ctx, &c.law, &c.version.id, c.cite.article, None, None);
            let why = match (&c.shape, c.cite.paragraph, c.cite.item) {
                (None, _, _) => crate::msg!(
                    ctx,
                    "{} 共 {} 条，没有第{}条",
                    "{} has {} articles; there is no art. {}",
                    law_label(ctx, &c.law, &c.version.id),
                    c.version.last_article,
                    n(c.cite.article)
                ),
                (Some(s), Some(p), item) if !s.has_paragraph(p) => {
                    let hint = match item {
                        None if s.single_paragraph() && p <= s.items_in(1) => crate::msg!(
                            ctx,
                            "（第{}条只有一款、分{}项，是否应为“第{}条第{}项”？）",
                            " (art. {} is one paragraph with {} items; did you mean 第{}条第{}项?)",
                            n(c.cite.article),
                            s.items_in(1),
                            to_cn_numeral(c.cite.article),
                            to_cn_numeral(p)
                        ),
                        _ => String::new(),
                    };
                    crate::msg!(
                        ctx,
                        "{} 只有 {} 款，没有第{}款{}",
                        "{} has {} paragraph(s); there is no ¶{}{}",
                        article,
                        s.paragraphs(),
                        n(p),
                        hint
                    )
                }
                (Some(s), p, Some(i)) => {
                    let items = s.items_in(p.unwrap_or(1));
                    let place = place_label(ctx, &c.law, &c.version.id, c.cite.article, p, None);
                    if items == 0 {
                        crate::msg!(
                            ctx,
                            "{} 不分项，没有第{}项",
                            "{} has no items; there is no item ({})",
                            place,
                            n(i)
                        )
                    } else {
                        crate::msg!(
                            ctx,
                            "{} 只有 {} 项，没有第{}项",
                            "{} has {} items; there is no item ({})",
                            place,
                            items,
                            n(i)
                        )
                    }
                }
                _ => crate::msg!(
                    ctx,
                    "{} 中没有所引的款项",
                    "{} has no such paragraph or item",
                    article
                ),
            };
            out.push(
                &INFO,
                ctx,
                case,
                c.at.clone(),
                "basis",
                crate::msg!(
                    ctx,
                    "处罚依据“{}”不存在：{}",
                    "the cited provision `{}` does not exist: {}",
                    c.cite.text,
                    why
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;
    use crate::rules::testutil::*;

    fn c(act: &str, basis: &str) -> Case {
        CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .violation(act, None, None)
            .decision("decision", "2022-03-22", &[("fine", Some(10000))])
            .basis(basis)
            .build()
    }

    #[test]
    fn not_found_table() {
        expect_table(
            &CHECK,
            vec![
                (
                    "60¶1(八)",
                    c("2022-03-07", "《中华人民共和国消防法》第六十条第一款第八项"),
                    1,
                    0,
                ),
                (
                    "60¶1(七)",
                    c("2022-03-07", "《中华人民共和国消防法》第六十条第一款第七项"),
                    0,
                    0,
                ),
                (
                    "art. 80",
                    c("2022-03-07", "《中华人民共和国消防法》第八十条"),
                    1,
                    0,
                ),
                (
                    "60¶4",
                    c("2022-03-07", "《中华人民共和国消防法》第六十条第四款"),
                    1,
                    0,
                ),
                (
                    "64¶2 for 64(二)",
                    c("2022-03-07", "《中华人民共和国消防法》第六十四条第二款"),
                    1,
                    0,
                ),
                (
                    "61¶1(一): 61 has no items",
                    c(
                        "2022-03-07",
                        "《中华人民共和国消防法》第六十一条第一款第一项",
                    ),
                    1,
                    0,
                ),
                (
                    "Henan 70¶2",
                    c("2022-03-07", "《河南省消防条例》第七十条第二款"),
                    0,
                    0,
                ),
                // 58¶3 is the 2021 numbering: for a 2020 act it is L007's, not L003's.
                (
                    "58¶3 for a 2020 act",
                    c("2020-03-07", "《中华人民共和国消防法》第五十八条第三款"),
                    0,
                    0,
                ),
                (
                    "unknown law",
                    c("2022-03-07", "《某某管理办法》第九十九条"),
                    0,
                    0,
                ),
            ],
        );
    }

    #[test]
    fn item_for_paragraph_hint() {
        let e = run(
            &CHECK,
            &c("2022-03-07", "《中华人民共和国消防法》第六十四条第二款"),
        );
        let m = &messages(&e)[0];
        assert!(m.contains("是否应为“第六十四条第二项”"), "{m}");
        assert!(m.contains("《消防法》(2021) 第六十四条"), "{m}");
        let e = run(
            &CHECK,
            &c("2022-03-07", "《中华人民共和国消防法》第六十条第一款第八项"),
        );
        assert_eq!(messages(&e), vec!["处罚依据“《中华人民共和国消防法》第六十条第一款第八项”不存在：《消防法》(2021) 第六十条第一款 只有 7 项，没有第八项"]);
    }
}
