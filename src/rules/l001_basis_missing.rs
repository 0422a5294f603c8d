//! L001 basis-missing: a decision with no penalty basis (处罚依据), a basis that names a law
//! but no article (`《消防法》相关规定`), or one that stops above the item level where the
//! provision has items (消防法第六十条第一款 without 第几项).

use super::basis::{judge, read, Read};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::citation::to_cn_numeral;
use crate::model::Case;

pub static INFO: Info = Info {
    code: "L001",
    name: "basis-missing",
    severity: Severity::Error,
    category: Category::Law,
    title: Tr { zh: "处罚依据缺失或未具体到项", en: "Penalty basis missing or not specific" },
    basis: Tr {
        zh: "《行政处罚法》第五十九条第一款第（三）项（旧法第三十九条）、第三十八条第一款",
        en: "Administrative Penalty Law art. 59 ¶1 (3) (old art. 39), art. 38 ¶1",
    },
    what: Tr {
        zh: "决定书没有处罚依据；或只写了法律名称而没有条款（如“依据《消防法》相关规定”）；或条文分项而依据只写到条或款（如“《消防法》第六十条第一款”，该款有七项）。没有依据的为错误；依据未具体到项的（引用条款不具体）为警告。比对的是违法行为发生时施行的法律版本。",
        en: "The decision has no penalty basis; or it names a law but no article (\"under the relevant provisions of the Fire Law\"); or the provision has items (项) and the basis stops at the article or paragraph (Fire Law art. 60 ¶1, which has seven items). No basis is an error; a basis short of the item level is a warning. The law version in force on the violation date is used.",
    },
    why: Tr {
        zh: "决定书必须载明处罚依据；依据不具体到项，无法确认适用的违法情形和罚款幅度，评查中属适用依据错误。",
        en: "A decision must state its legal basis; a basis short of the item leaves open which offence and which range applied, which reviews count as a misapplication of law.",
    },
    example: Tr {
        zh: "依据“《中华人民共和国消防法》第六十条第一款”对单位罚款 10,000 元。",
        en: "A unit fined 10,000 yuan \"under Fire Law art. 60 ¶1\".",
    },
    fix: Tr {
        zh: "写明法律名称和条、款、项，如“《中华人民共和国消防法》第六十条第一款第三项”。",
        en: "Cite the law with article, paragraph and item, e.g. 《中华人民共和国消防法》第六十条第一款第三项.",
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
            Read::NoDecision => return,
            Read::Unknown => return out.not_checkable(&INFO, "处罚依据"),
            Read::Empty(_, at) => {
                return out.push(
                    &INFO,
                    ctx,
                    case,
                    at,
                    "basis",
                    crate::msg!(
                        ctx,
                        "决定书未写处罚依据",
                        "the decision states no penalty basis"
                    ),
                );
            }
            Read::Read(r) => r,
        };
        if r.citations.is_empty() {
            if let Some((law, at)) = r.laws_without_article.first() {
                out.push(
                    &INFO,
                    ctx,
                    case,
                    at.clone(),
                    "basis",
                    crate::msg!(
                        ctx,
                        "处罚依据只写了《{}》，没有写明条款",
                        "the basis names {} but no article",
                        law
                    ),
                );
            } else if r.unparsed.is_empty() {
                let at = r
                    .decision
                    .basis
                    .at()
                    .cloned()
                    .unwrap_or_else(|| r.decision.at.clone());
                out.push(
                    &INFO,
                    ctx,
                    case,
                    at,
                    "basis",
                    crate::msg!(
                        ctx,
                        "处罚依据没有引用任何法律条款",
                        "the basis cites no provision of any law"
                    ),
                );
            }
            // Fragments that look like provisions but cannot be read are L002's.
            return;
        }
        let Some(cited) = judge(case, &r, ctx) else {
            return out.not_checkable(&INFO, "违法日期");
        };
        for c in &cited {
            let (Some(shape), true, None) = (&c.shape, c.exists, c.cite.item) else {
                continue;
            };
            let items = match c.cite.paragraph {
                Some(p) => shape.items_in(p),
                None if shape.single_paragraph() => shape.items_in(1),
                None => shape.items.iter().sum(),
            };
            if items == 0 || c.penalties(ctx).is_empty() {
                continue;
            }
            // The same basis naming an item of this place too is specific enough.
            let itemised = cited.iter().any(|o| {
                o.law == c.law
                    && o.cite.article == c.cite.article
                    && o.cite.item.is_some()
                    && (c.cite.paragraph.is_none() || o.cite.paragraph == c.cite.paragraph)
            });
            if itemised {
                continue;
            }
            let written = match c.cite.paragraph {
                Some(p) => format!("第{}款", to_cn_numeral(p)),
                None => format!("第{}条", to_cn_numeral(c.cite.article)),
            };
            // 引用条款不具体: a deduction, not a missing basis (warning).
            out.push_at(
                &INFO,
                Severity::Warning,
                ctx,
                case,
                c.at.clone(),
                "basis",
                crate::msg!(
                    ctx,
                    "{} 下分 {} 项，处罚依据只写到“{}”，未写明适用哪一项（引用条款不具体）",
                    "{} has {} items; the basis stops at {} and does not say which item applies",
                    c.label(ctx),
                    items,
                    written
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, PartyKind};
    use crate::rules::testutil::*;

    fn c(basis: Option<&str>) -> Case {
        let b = CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .violation("2022-03-07", None, None)
            .decision("decision", "2022-03-22", &[("fine", Some(10000))]);
        match basis {
            Some(t) => b.basis(t).build(),
            None => b.build(),
        }
    }

    #[test]
    fn severity_by_depth() {
        let e = run(&CHECK, &c(Some("《中华人民共和国消防法》第六十条第一款")));
        assert_eq!(e.findings[0].severity, Severity::Warning);
        let e = run(&CHECK, &c(Some("依法")));
        assert_eq!(e.findings[0].severity, Severity::Error);
    }

    #[test]
    fn basis_table() {
        let empty = c(None);
        let mut empty_basis = empty.clone();
        empty_basis.documents[0].basis = Field::Empty {
            at: crate::finding::Place::line(3, 1),
        };
        expect_table(
            &CHECK,
            vec![
                ("unknown basis", empty, 0, 1),
                ("empty basis", empty_basis, 1, 0),
                ("60¶1 without item", c(Some("《中华人民共和国消防法》第六十条第一款")), 1, 0),
                ("60 without paragraph", c(Some("《中华人民共和国消防法》第六十条")), 1, 0),
                ("64 (single paragraph) without item", c(Some("《中华人民共和国消防法》第六十四条")), 1, 0),
                ("law without article", c(Some("《中华人民共和国消防法》相关规定")), 1, 0),
                ("no law at all", c(Some("依法")), 1, 0),
                ("60¶1(三)", c(Some("《中华人民共和国消防法》第六十条第一款第三项")), 0, 0),
                ("60¶1 itemised by range", c(Some("《中华人民共和国消防法》第六十条第一款第三项至第五项")), 0, 0),
                ("60¶2 has no items", c(Some("《中华人民共和国消防法》第六十条第二款")), 0, 0),
                ("61¶1 has no items", c(Some("消防法第61条第1款")), 0, 0),
                ("procedural article with items", c(Some("《中华人民共和国消防法》第六十条第一款第三项、《中华人民共和国行政处罚法》第三十二条")), 0, 0),
                ("unparseable fragment is L002's", c(Some("《中华人民共和国消防法》第X条")), 0, 0),
            ],
        );
    }

    #[test]
    fn message_names_provision_and_version() {
        let e = run(&CHECK, &c(Some("《中华人民共和国消防法》第六十条第一款")));
        assert_eq!(messages(&e), vec!["《消防法》(2021) 第六十条第一款 下分 7 项，处罚依据只写到“第一款”，未写明适用哪一项（引用条款不具体）"]);
    }
}
