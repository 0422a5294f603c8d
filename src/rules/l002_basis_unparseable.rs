//! L002 basis-unparseable: the 处罚依据 has text that looks like a provision but cannot be read
//! into law/article/paragraph/item (`第X条`, `第十六条之一`, a 第N款 with no article or law
//! before it), so the statute checks cannot judge that part.

use super::basis::{read, Read};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "L002",
    name: "basis-unparseable",
    severity: Severity::Warning,
    category: Category::Law,
    title: Tr { zh: "处罚依据无法解析", en: "Penalty basis cannot be parsed" },
    basis: Tr {
        zh: "《行政处罚法》第五十九条第一款第（三）项（旧法第三十九条）",
        en: "Administrative Penalty Law art. 59 ¶1 (3) (old art. 39)",
    },
    what: Tr {
        zh: "处罚依据中有看似条文、但无法读成“法律—条—款—项”的片段，例如“第X条”“第十六条之一”、前面没有条号的“第二款”、前面没有法律名称的条文。",
        en: "The basis has fragments that look like provisions but cannot be read as law/article/paragraph/item: `第X条`, `第十六条之一`, a paragraph with no article before it, an article with no law named before it.",
    },
    why: Tr {
        zh: "依据写法不规范，既不便当事人理解，也使适用法律的检查无法进行。",
        en: "A basis written this way is hard for the party to follow, and the law checks cannot judge it.",
    },
    example: Tr { zh: "处罚依据写作“《中华人民共和国消防法》第X条”。", en: "The basis reads 《中华人民共和国消防法》第X条." },
    fix: Tr {
        zh: "按“《法律全称》第N条第N款第N项”的格式写明依据；可用 `caselint cite` 预先检查写法。",
        en: "Write the basis as 《full law name》第N条第N款第N项; `caselint cite` checks the wording beforehand.",
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
        let r = match read(case, ctx) {
            Read::Unknown => return out.not_checkable(&INFO, "处罚依据"),
            Read::Read(r) => r,
            _ => return,
        };
        let Some((_, at)) = r.unparsed.first() else {
            return;
        };
        let frags: Vec<&str> = r.unparsed.iter().map(|(s, _)| s.as_str()).collect();
        out.push(
            &INFO,
            ctx,
            case,
            at.clone(),
            "basis",
            crate::msg!(
                ctx,
                "处罚依据中“{}”无法解析为法律条、款、项",
                "the basis text `{}` cannot be read as law, article, paragraph and item",
                frags.join(ctx.lang.pick("”“", "`, `"))
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
    fn unparseable_table() {
        let no_basis = CaseBuilder::general("X")
            .decision("decision", "2022-03-22", &[("fine", Some(10000))])
            .build();
        expect_table(
            &CHECK,
            vec![
                ("第X条", c("《中华人民共和国消防法》第X条"), 1, 0),
                ("之一", c("《中华人民共和国消防法》第十六条之一"), 1, 0),
                ("arabic numerals read", c("消防法第60条第1款第(3)项"), 0, 0),
                (
                    "full width brackets read",
                    c("《消防法》第六十条第一款第（三）项、第二款"),
                    0,
                    0,
                ),
                (
                    "law without article is L001's",
                    c("《中华人民共和国消防法》相关规定"),
                    0,
                    0,
                ),
                ("basis not carried", no_basis, 0, 1),
            ],
        );
    }
}
