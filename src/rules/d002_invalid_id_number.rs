//! D002 invalid-id-number: the party's 公民身份号码 fails GB 11643-1999 — length, province
//! prefix, birth date or check character (legal.md §7.2). A valid 15-digit legacy number is
//! accepted as legacy.

use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::ids::check_id_number;
use crate::model::{Case, Field, PartyKind};

pub static INFO: Info = Info {
    code: "D002",
    name: "invalid-id-number",
    severity: Severity::Error,
    category: Category::Document,
    title: Tr { zh: "公民身份号码无效", en: "Invalid citizen ID number" },
    basis: Tr {
        zh: "GB 11643-1999《公民身份号码》",
        en: "GB 11643-1999 (citizen identification number)",
    },
    what: Tr {
        zh: "当事人的身份证号不是 18 位（或 15 位旧号），含非数字字符（末位 X 除外），前两位不是省级行政区划代码，出生日期不存在，或第 18 位校验码不符。15 位旧号按旧号检查地址码和出生日期，予以接受。",
        en: "The party's ID number is not 18 digits (or a 15-digit legacy number), has a non-digit (other than a final X), a prefix that is no province code, a birth date that does not exist, or a wrong check character. A valid 15-digit legacy number is accepted.",
    },
    why: Tr {
        zh: "不存在的身份证号说明当事人身份核实或录入有误，处罚对象可能错误。",
        en: "A number that cannot exist means the person was identified or typed wrongly; the decision may name the wrong person.",
    },
    example: Tr { zh: "身份证号 410203199013321231：出生日期 1990-13-32 不存在。", en: "ID 410203199013321231: birth date 1990-13-32 does not exist." },
    fix: Tr {
        zh: "对照身份证件核对号码并更正案卷和决定书。",
        en: "Check the number against the identity card and correct the file and the decision.",
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
        match &case.party.id_number {
            // A published record masks the number: unknown, not invalid.
            Field::Value { value, .. } if crate::law::ids::is_masked(value) => {
                out.not_checkable(&INFO, "身份证号")
            }
            Field::Value { value, at } => {
                if let Err(problem) = check_id_number(value) {
                    out.push(
                        &INFO,
                        ctx,
                        case,
                        at.clone(),
                        "id_number",
                        crate::msg!(
                            ctx,
                            "身份证号“{}”无效：{}",
                            "ID number `{}` is invalid: {}",
                            value.trim(),
                            problem.message(ctx.lang)
                        ),
                    );
                }
            }
            Field::Absent if case.party.kind.value() == Some(&PartyKind::Individual) => {
                out.not_checkable(&INFO, "身份证号")
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    fn c(id: Option<&str>) -> Case {
        CaseBuilder::general("X")
            .party(Some(PartyKind::Individual))
            .with(|c| {
                c.party.id_number = id.map_or(Field::Absent, |v| Field::Value {
                    value: v.into(),
                    at: crate::finding::Place::line(8, 5),
                })
            })
            .build()
    }

    #[test]
    fn id_table() {
        expect_table(
            &CHECK,
            vec![
                ("valid X", c(Some("11010519491231002X")), 0, 0),
                ("valid lower x", c(Some("11010519491231002x")), 0, 0),
                ("valid 1880", c(Some("440524188001010014")), 0, 0),
                ("legacy 15", c(Some("410203650302988")), 0, 0),
                ("wrong check", c(Some("410203198503156920")), 1, 0),
                ("bad birth date", c(Some("410203199013321231")), 1, 0),
                ("16 digits", c(Some("4102031985031569")), 1, 0),
                ("not carried", c(None), 0, 1),
                // A published record masks the number: unknown, not invalid.
                ("masked", c(Some("4102**********2011")), 0, 1),
                (
                    "one stray star is a typo",
                    c(Some("41020319850315692*")),
                    1,
                    0,
                ),
            ],
        );
        let e = run(&CHECK, &c(Some("410203199013321231")));
        assert_eq!(
            messages(&e),
            vec!["身份证号“410203199013321231”无效：出生日期码“19901332”不是有效日期"]
        );
    }
}
