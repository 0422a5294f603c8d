//! L012 basis-without-penalty-provision: the 处罚依据 cites only provisions known not to be 罚则
//! (法律责任 provisions that sanction a party): procedural articles of the 行政处罚法 (28 责令改正,
//! 32 减轻处罚…), duty articles of the 消防法 or the 河南省消防条例 (16, 28: what was violated,
//! not what punishes it), a provision that is no sanction (60¶3 强制执行, 65¶3 通报), or a
//! discretion guideline. The decision then states no legal basis for its penalty (行政处罚法
//! 2021 art. 59¶1(三); old art. 39¶1(三)).
//!
//! Unknown is not missing: a citation of a law the tables do not know (a 部门规章 such as
//! 高层民用建筑消防安全管理规定, another province's 条例), a provision that does not exist (L003's),
//! a law named without article or an unreadable fragment leaves the basis unknown — no finding.
//!
//! Example: 处罚依据 "《中华人民共和国消防法》第二十八条、《中华人民共和国行政处罚法》第二十八条"
//! names the duty breached and the order to correct, but no penalty provision.

use super::basis::{read, Read};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::laws::LawKind;
use crate::law::statutes::ProvisionKind;
use crate::model::Case;

pub static INFO: Info = Info {
    code: "L012",
    name: "basis-without-penalty-provision",
    severity: Severity::Error,
    category: Category::Law,
    title: Tr {
        zh: "处罚依据未引用罚则",
        en: "Basis cites no penalty provision",
    },
    basis: Tr {
        zh: "《行政处罚法》第五十九条第一款第（三）项（旧法第三十九条第一款第（三）项）、第三十八条第一款",
        en: "Administrative Penalty Law art. 59 ¶1 (3) (old art. 39 ¶1 (3)), art. 38 ¶1",
    },
    what: Tr {
        zh: "处罚依据只引用了不是罚则的条款：《行政处罚法》的程序性条款（如第二十八条责令改正、第三十二条减轻处罚）、《消防法》或《河南省消防条例》规定义务的条款（如《消防法》第十六条、第二十八条，属违反条款）、不属于处罚的条款（如《消防法》第六十条第三款强制执行），或裁量基准，而没有引用据以处罚的法律责任条款。引用了本工具不掌握的法律、法规、规章（如《高层民用建筑消防安全管理规定》、其他省份的条例）的，无法判断，不报告。",
        en: "The basis cites only provisions that are not penalty provisions: procedural articles of the Administrative Penalty Law (art. 28 order to correct, art. 32 mitigation), duty articles of the Fire Law or the Henan Fire Regulations (Fire Law arts 16, 28: the provision violated), provisions that are no sanction (Fire Law art. 60 ¶3 enforcement), or a discretion guideline — and no provision that sanctions the act. A basis citing a law, regulation or rule the tool does not hold (高层民用建筑消防安全管理规定, another province's regulations) cannot be judged and is not reported.",
    },
    why: Tr {
        zh: "决定书必须载明处罚的依据；只有违反条款或程序条款而无罚则，处罚缺乏法定依据，属适用法律错误。",
        en: "A decision must state the legal basis of its penalty; citing only the duty violated or procedural articles leaves the penalty without a legal basis.",
    },
    example: Tr {
        zh: "处罚依据：“《中华人民共和国消防法》第二十八条、《中华人民共和国行政处罚法》第二十八条”，没有引用第六十条第一款第（三）项。",
        en: "Basis: Fire Law art. 28 and Administrative Penalty Law art. 28, without Fire Law art. 60 ¶1 (3).",
    },
    fix: Tr {
        zh: "在处罚依据中写明据以处罚的罚则（如《消防法》第六十条第一款第（三）项），违反条款写入定性依据。",
        en: "Cite the penalty provision (e.g. Fire Law art. 60 ¶1 (3)) in the basis and put the duty article in the violated provision.",
    },
    settings: &[],
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
        // Anything the tables cannot place leaves the basis unknown; a discretion guideline
        // named whole (《河南省消防行政处罚裁量标准》) is known not to be a penalty provision.
        if !r.unparsed.is_empty() {
            return;
        }
        let mut guidelines: Vec<String> = Vec::new();
        for (name, _) in r.laws_without_article.iter() {
            match ctx.kb.laws.resolve(name) {
                Some(l) if l.kind == LawKind::Standard => {
                    guidelines.push(format!("《{}》", l.name))
                }
                _ => return,
            }
        }
        if r.citations.is_empty() && guidelines.is_empty() {
            return;
        }
        let st = &ctx.kb.statutes;
        let mut standards = Vec::new();
        for (c, _) in r.citations.iter() {
            let Some(id) = c.law_id.as_deref() else {
                return;
            };
            if st.versions(id).is_empty() {
                match ctx.kb.laws.get(id) {
                    // A discretion guideline is never a penalty provision.
                    Some(l) if l.kind == LawKind::Standard => standards.push(c),
                    _ => return,
                }
            }
        }
        let Some(cited) = super::basis::judge(case, &r, ctx) else {
            return out.not_checkable(&INFO, "违法日期");
        };
        // Every citation of a law with tables must be judged and known not to sanction.
        let tabled = r.citations.len() - standards.len();
        if cited.len() != tabled {
            return;
        }
        for c in cited.iter() {
            if !c.exists {
                return;
            }
            if !c.penalties(ctx).is_empty() {
                return;
            }
            let known_not = st.is_procedural(&c.law)
                || c.provision
                    .is_some_and(|p| p.kind != ProvisionKind::Penalty)
                || st
                    .provisions_under(&c.law, &c.version.id, c.cite.article, None)
                    .iter()
                    .all(|p| p.kind != ProvisionKind::Penalty);
            if !known_not {
                return;
            }
        }
        let mut labels: Vec<String> = cited.iter().map(|c| c.label(ctx)).collect();
        labels.extend(guidelines);
        labels.extend(standards.iter().map(|c| match ctx.lang {
            crate::finding::Lang::Zh => c.display_zh_in(&ctx.kb.laws),
            crate::finding::Lang::En => c.display_en_in(&ctx.kb.laws),
        }));
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
                "处罚依据只引用了{}，均不是罚则（程序条款、义务条款或裁量基准），未引用据以处罚的法律责任条款",
                "the basis cites only {}, none of them a penalty provision (procedural or duty articles, a discretion guideline)",
                labels.join(ctx.lang.pick("、", ", "))
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;
    use crate::rules::testutil::*;

    fn c(basis: &str) -> Case {
        CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .violation("2022-03-07", None, None)
            .decision("decision", "2022-03-22", &[("fine", Some(10000))])
            .basis(basis)
            .build()
    }

    #[test]
    fn basis_table() {
        expect_table(
            &CHECK,
            vec![
                (
                    "duty and procedural articles only",
                    c("《中华人民共和国消防法》第二十八条、《中华人民共和国行政处罚法》第二十八条"),
                    1,
                    0,
                ),
                ("行政处罚法 only", c("《中华人民共和国行政处罚法》第三十二条第（一）项"), 1, 0),
                (
                    "discretion guideline only",
                    c("《河南省消防行政处罚裁量标准》、《中华人民共和国消防法》第十六条第一款第二项"),
                    1,
                    0,
                ),
                ("enforcement paragraph", c("《中华人民共和国消防法》第六十条第三款"), 1, 0),
                (
                    "penalty provision cited",
                    c("《中华人民共和国消防法》第二十八条、第六十条第一款第三项"),
                    0,
                    0,
                ),
                ("article with penalty rows", c("《中华人民共和国消防法》第六十条"), 0, 0),
                (
                    "unknown departmental rule",
                    c("《高层民用建筑消防安全管理规定》第四十七条、《中华人民共和国行政处罚法》第二十八条"),
                    0,
                    0,
                ),
                (
                    "another province's regulations",
                    c("《江苏省消防条例》第六十二条"),
                    0,
                    0,
                ),
                ("provision that does not exist", c("《中华人民共和国消防法》第九十条"), 0, 0),
            ],
        );
    }

    #[test]
    fn message_names_what_was_cited() {
        let e = run(
            &CHECK,
            &c("《中华人民共和国消防法》第二十八条、《中华人民共和国行政处罚法》第二十八条"),
        );
        let m = &messages(&e)[0];
        assert!(m.contains("《消防法》(2021) 第二十八条"), "{m}");
        assert!(m.contains("《行政处罚法》(2021) 第二十八条"), "{m}");
    }
}
