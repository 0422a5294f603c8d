//! L009 violated-provision-missing: the decision names no violated provision (违反条款 /
//! 定性依据), or names one that does not pair with the penalty provision (消防法 60¶1(三) pairs
//! with 28 or 16¶1(四), not 16¶1(二)). The pairings are the DERIVED `duty_articles` of the
//! statute tables (legal.md §2.1).

use super::basis::{judge, place_label, provision_label, read, Read};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::statutes::ArticleRef;
use crate::model::{Case, Field};

pub static INFO: Info = Info {
    code: "L009",
    name: "violated-provision-missing",
    severity: Severity::Warning,
    category: Category::Law,
    title: Tr { zh: "违反条款缺失或与处罚依据不配套", en: "Violated provision missing or not paired" },
    basis: Tr {
        zh: "《行政处罚法》第五十九条第一款第（二）项；违反条款与处罚条款的配套关系（本工具默认配套表，未经核实）",
        en: "Administrative Penalty Law art. 59 ¶1 (2); the pairing of duty and penalty articles (the tool's default table, not verified)",
    },
    what: Tr {
        zh: "决定未写明违反的条款（违反条款、定性依据为空），或写明的违反条款与处罚依据不配套，例如依据《消防法》第六十条第一款第三项（占用疏散通道）处罚，违反条款却写第十六条第一款第二项（消防设施检测），而该项通常与第二十八条或第十六条第一款第四项配套。配套表见 checks/statutes 的 duty_articles，是本工具默认值，未经核实，可在配置中按本地规定修改。只比较同一部法律内的条款。",
        en: "The decision names no violated provision, or names one that does not pair with the penalty provision: a penalty under Fire Law art. 60 ¶1 (3) (blocked exits) with art. 16 ¶1 (2) (facility testing) as the violated duty, where art. 28 or art. 16 ¶1 (4) pairs with it. The pairings are `duty_articles` in checks/statutes: the tool's default, not verified; set them to your local rule in the configuration. Only provisions of the same law are compared.",
    },
    why: Tr {
        zh: "定性依据与处罚依据应当分别引用且相互对应；不对应说明定性有误或引用错误。",
        en: "The violated duty and the penalty provision are cited separately and must match; a mismatch means the offence was characterised wrongly or cited wrongly.",
    },
    example: Tr {
        zh: "违反条款“《消防法》第十六条第一款第二项”，处罚依据“《消防法》第六十条第一款第三项”。",
        en: "Violated: Fire Law art. 16 ¶1 (2); penalty: Fire Law art. 60 ¶1 (3).",
    },
    fix: Tr {
        zh: "写明违反的具体条款，并与处罚依据对应（如第二十八条 ↔ 第六十条第一款第三项）。",
        en: "State the violated provision and match it to the penalty provision (art. 28 ↔ art. 60 ¶1 (3)).",
    },
    settings: &["law.xzcf_2021_from"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

/// Whether a cited (article, paragraph, item) is the duty article or inside it; a citation
/// less specific than the duty (第十六条 for 16¶1(四)) is not held against the pairing.
fn pairs(duty: &ArticleRef, article: u32, paragraph: Option<u32>, item: Option<u32>) -> bool {
    let eq = |d: Option<u32>, c: Option<u32>| d.is_none() || c.is_none() || d == c;
    duty.article == article && eq(duty.paragraph, paragraph) && eq(duty.item, item)
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
        let Some(decision) = case.decision() else {
            return;
        };
        let violated = match &case.violation.violated {
            Field::Absent => return out.not_checkable(&INFO, "违反条款"),
            Field::Invalid { .. } => return out.not_checkable(&INFO, "违反条款"),
            Field::Empty { at } => {
                return out.push(
                    &INFO,
                    ctx,
                    case,
                    at.clone(),
                    "violated",
                    crate::msg!(
                        ctx,
                        "决定未写明违反的条款（违反条款为空）",
                        "the decision names no violated provision (违反条款 is empty)"
                    ),
                );
            }
            Field::Value { value, at } => (value, at),
        };
        let parsed = ctx.citations(violated.0);
        if parsed.citations.is_empty() {
            if parsed.unparsed.is_empty() {
                out.push(
                    &INFO,
                    ctx,
                    case,
                    violated.1.clone(),
                    "violated",
                    crate::msg!(
                        ctx,
                        "违反条款“{}”没有写明具体条款",
                        "the violated provision `{}` names no article",
                        violated.0
                    ),
                );
            } else {
                out.not_checkable(&INFO, "违反条款");
            }
            return;
        }
        let _ = decision;
        let r = match read(case, ctx) {
            Read::Read(r) => r,
            Read::Unknown => return out.not_checkable(&INFO, "处罚依据"),
            _ => return,
        };
        let Some(cited) = judge(case, &r, ctx) else {
            return out.not_checkable(&INFO, "违法日期");
        };
        for c in &cited {
            let Some(p) = c.provision.filter(|p| !p.duty_articles.is_empty()) else {
                continue;
            };
            let same_law: Vec<_> = parsed
                .citations
                .iter()
                .filter(|v| v.law_id.as_deref() == Some(p.law.as_str()))
                .collect();
            if same_law.is_empty()
                || same_law.iter().any(|v| {
                    p.duty_articles
                        .iter()
                        .any(|d| pairs(d, v.article, v.paragraph, v.item))
                })
            {
                continue;
            }
            // The citation read in another version's numbering pairs (58¶1(四) of 2019 for a 2018
            // act, (五) in the 2008 text): a numbering error, which is L007's to report.
            let st = &ctx.kb.statutes;
            let renumbered = st.versions(&p.law).iter().any(|v| {
                v.id != c.version.id
                    && st
                        .provision(&p.law, &v.id, c.cite.article, c.cite.paragraph, c.cite.item)
                        .is_some_and(|q| {
                            same_law.iter().any(|w| {
                                q.duty_articles
                                    .iter()
                                    .any(|d| pairs(d, w.article, w.paragraph, w.item))
                            })
                        })
            });
            if renumbered {
                continue;
            }
            let duties: Vec<String> = p
                .duty_articles
                .iter()
                .map(|d| place_label(ctx, &p.law, &c.version.id, d.article, d.paragraph, d.item))
                .collect();
            let written: Vec<&str> = same_law.iter().map(|v| v.text.as_str()).collect();
            // The pairing table is the tool's own reading of the law (never a quoted rule).
            let mark = ctx.lang.pick(
                "本工具默认配套表，未经核实，可在配置中按本地规定修改",
                "the tool's default pairing, not verified; set it to your local rule in the configuration",
            );
            out.push(
                &INFO,
                ctx,
                case,
                violated.1.clone(),
                "violated",
                crate::msg!(ctx, "违反条款“{}”与处罚依据 {} 不配套：该条款通常与 {} 配套（{}）", "the violated provision `{}` does not pair with the penalty provision {}: it pairs with {} ({})", written.join("、"), provision_label(ctx, p, &c.version.id), duties.join(ctx.lang.pick("、", ", ")), mark),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;
    use crate::rules::testutil::*;

    /// The 2008 rows of 58 pair with their duty articles (arts 10–13 of the 2008 text).
    #[test]
    fn pre_2019_rows_have_duty_articles() {
        let old = |violated: &str, basis: &str| {
            let mut case = c(Some(violated), basis);
            case.violation.date = Field::Value {
                value: d("2018-03-07"),
                at: crate::finding::Place::line(7, 1),
            };
            for doc in case.documents.iter_mut() {
                doc.date = Field::Value {
                    value: d("2018-04-07"),
                    at: crate::finding::Place::line(9, 1),
                };
            }
            case
        };
        let p = "《中华人民共和国消防法》第五十八条第一款第三项";
        assert!(
            run(&CHECK, &old("《中华人民共和国消防法》第十三条第二款", p))
                .findings
                .is_empty()
        );
        assert_eq!(
            run(&CHECK, &old("《中华人民共和国消防法》第二十八条", p))
                .findings
                .len(),
            1
        );
    }

    /// A 2018 act whose basis uses the 2019 numbering (58¶1(四), (五) in the 2008 text) with
    /// violated art. 15 (公众聚集场所): the numbering is L007's finding, not a pairing one.
    #[test]
    fn renumbered_citation_is_left_to_l007() {
        let mut case = c(
            Some("《中华人民共和国消防法》第十五条"),
            "《中华人民共和国消防法》第五十八条第一款第四项",
        );
        case.violation.date = Field::Value {
            value: d("2018-10-08"),
            at: crate::finding::Place::line(7, 1),
        };
        for doc in case.documents.iter_mut() {
            doc.date = Field::Value {
                value: d("2019-06-14"),
                at: crate::finding::Place::line(9, 1),
            };
        }
        assert!(run(&CHECK, &case).findings.is_empty());
    }

    fn c(violated: Option<&str>, basis: &str) -> Case {
        CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .violation("2022-03-07", None, None)
            .with(|c| {
                c.violation.violated = match violated {
                    None => Field::Absent,
                    Some("") => Field::Empty {
                        at: crate::finding::Place::line(15, 5),
                    },
                    Some(v) => Field::Value {
                        value: v.into(),
                        at: crate::finding::Place::line(15, 5),
                    },
                }
            })
            .decision("decision", "2022-03-22", &[("fine", Some(10000))])
            .basis(basis)
            .build()
    }

    #[test]
    fn pairing_table() {
        let p60 = "《中华人民共和国消防法》第六十条第一款第三项";
        expect_table(
            &CHECK,
            vec![
                ("empty", c(Some(""), p60), 1, 0),
                ("not carried", c(None, p60), 0, 1),
                (
                    "28 ↔ 60¶1(三)",
                    c(Some("《中华人民共和国消防法》第二十八条"), p60),
                    0,
                    0,
                ),
                (
                    "16¶1(四) ↔ 60¶1(三)",
                    c(Some("《中华人民共和国消防法》第十六条第一款第四项"), p60),
                    0,
                    0,
                ),
                (
                    "16¶1(二) with 60¶1(三)",
                    c(Some("《中华人民共和国消防法》第十六条第一款第二项"), p60),
                    1,
                    0,
                ),
                (
                    "16 (less specific) with 60¶1(三)",
                    c(Some("《中华人民共和国消防法》第十六条"), p60),
                    0,
                    0,
                ),
                (
                    "no article named",
                    c(Some("《中华人民共和国消防法》"), p60),
                    1,
                    0,
                ),
                (
                    "other law only: not compared",
                    c(
                        Some("《机关、团体、企业、事业单位消防安全管理规定》第二十一条"),
                        p60,
                    ),
                    0,
                    0,
                ),
                (
                    "Henan 13(五) ↔ 70¶2",
                    c(
                        Some("《河南省消防条例》第十三条第五项"),
                        "《河南省消防条例》第七十条第二款",
                    ),
                    0,
                    0,
                ),
                (
                    "19¶1 ↔ 61¶1",
                    c(
                        Some("《中华人民共和国消防法》第十九条第一款"),
                        "《中华人民共和国消防法》第六十一条第一款",
                    ),
                    0,
                    0,
                ),
            ],
        );
    }

    #[test]
    fn message() {
        let e = run(
            &CHECK,
            &c(
                Some("《中华人民共和国消防法》第十六条第一款第二项"),
                "《中华人民共和国消防法》第六十条第一款第三项",
            ),
        );
        assert_eq!(messages(&e), vec!["违反条款“《中华人民共和国消防法》第十六条第一款第二项”与处罚依据 《消防法》(2021) 第六十条第一款第三项 不配套：该条款通常与 《消防法》(2021) 第二十八条、《消防法》(2021) 第十六条第一款第四项 配套（本工具默认配套表，未经核实，可在配置中按本地规定修改）"]);
    }
}
