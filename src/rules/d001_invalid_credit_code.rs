//! D001 invalid-credit-code: the party's 统一社会信用代码 fails the GB 32100-2015 structure or
//! check character (legal.md §7.1; the algorithm is in `law::ids`).

use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::ids::check_credit_code;
use crate::model::{Case, Field, PartyKind};

pub static INFO: Info = Info {
    code: "D001",
    name: "invalid-credit-code",
    severity: Severity::Error,
    category: Category::Document,
    title: Tr { zh: "统一社会信用代码无效", en: "Invalid unified social credit code" },
    basis: Tr {
        zh: "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》",
        en: "GB 32100-2015 (unified social credit code for legal persons and other organizations)",
    },
    what: Tr {
        zh: "当事人的统一社会信用代码不是 18 位、含有不允许的字符（I、O、S、V、Z 及小写字母），第 3–8 位不是数字，或第 18 位校验码与前 17 位算出的不符。校验码算法按 GB 32100-2015（本工具依据二手资料实现，与多个独立实现的结果一致）。",
        en: "The party's credit code is not 18 characters, has a character outside the code set (I, O, S, V, Z, lower case), non-digits in positions 3–8, or a check character that does not follow from the first 17. The check character follows GB 32100-2015 (implemented from secondary sources; it agrees with several independent implementations).",
    },
    why: Tr {
        zh: "不存在的代码说明当事人身份认定或录入有误，处罚对象可能错误。",
        en: "A code that cannot exist means the party was identified or typed wrongly; the decision may name the wrong party.",
    },
    example: Tr { zh: "统一社会信用代码 91410203MA49405650，校验码应为另一字符。", en: "Credit code 91410203MA49405650 has the wrong check character." },
    fix: Tr {
        zh: "对照营业执照核对代码并更正案卷和决定书。",
        en: "Check the code against the business licence and correct the file and the decision.",
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
        match &case.party.credit_code {
            // A published record masks the number: unknown, not invalid.
            Field::Value { value, .. } if crate::law::ids::is_masked(value) => {
                out.not_checkable(&INFO, "统一社会信用代码")
            }
            Field::Value { value, at } => {
                if let Err(problem) = check_credit_code(value) {
                    out.push(
                        &INFO,
                        ctx,
                        case,
                        at.clone(),
                        "credit_code",
                        crate::msg!(
                            ctx,
                            "统一社会信用代码“{}”无效：{}",
                            "credit code `{}` is invalid: {}",
                            value.trim(),
                            problem.message(ctx.lang)
                        ),
                    );
                }
            }
            Field::Absent if case.party.kind.value() == Some(&PartyKind::Unit) => {
                out.not_checkable(&INFO, "统一社会信用代码")
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    fn c(code: Option<&str>) -> Case {
        CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .with(|c| {
                c.party.credit_code = code.map_or(Field::Absent, |v| Field::Value {
                    value: v.into(),
                    at: crate::finding::Place::line(8, 5),
                })
            })
            .build()
    }

    #[test]
    fn credit_code_table() {
        expect_table(
            &CHECK,
            vec![
                ("valid", c(Some("91350100M000100Y43")), 0, 0),
                ("valid, letter check", c(Some("91410203MA4098945A")), 0, 0),
                (
                    "full width folded",
                    c(Some("９１３５０１００Ｍ０００１００Ｙ４３")),
                    0,
                    0,
                ),
                ("wrong check", c(Some("91410203MA49405650")), 1, 0),
                ("letter I", c(Some("91410203MAI01975XK")), 1, 0),
                ("17 characters", c(Some("91350100M000100Y4")), 1, 0),
                ("not carried", c(None), 0, 1),
                // A published record masks the number: unknown, not invalid.
                ("masked", c(Some("91330203MA2A******")), 0, 1),
            ],
        );
        let e = run(&CHECK, &c(Some("91350100M000100Y4")));
        assert_eq!(
            messages(&e),
            vec!["统一社会信用代码“91350100M000100Y4”无效：长度应为18位，实为17位"]
        );
    }
}
