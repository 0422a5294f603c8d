//! D007 receipt-amount-mismatch: the amount on the payment receipt(s) (罚没款收据 / 缴款凭证)
//! differs from the fine the decision imposes. Several receipts (instalments) are added up;
//! more than the fine is accepted where the file records a 加处罚款.

use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::{Case, Field, Money};

pub static INFO: Info = Info {
    code: "D007",
    name: "receipt-amount-mismatch",
    severity: Severity::Warning,
    category: Category::Document,
    title: Tr { zh: "收据金额与罚款不符", en: "Receipt amount differs from the fine" },
    basis: Tr {
        zh: "《行政处罚法》第六十七条、第七十条（旧法第四十六条、第四十九条）",
        en: "Administrative Penalty Law arts 67, 70 (old arts 46, 49)",
    },
    what: Tr {
        zh: "罚没款收据或缴款凭证上的金额（多张的合计）与决定书的罚款金额不同。案卷有加处罚款决定书的，收据多于罚款不报告。",
        en: "The amount on the payment receipt (all receipts together) differs from the fine in the decision. More than the fine is not reported where the file has a late-payment surcharge decision.",
    },
    why: Tr {
        zh: "缴款金额与决定不一致，说明决定未被完全执行、多收，或金额录入有误，影响结案。",
        en: "A payment that does not match the decision means it was not fully executed, over-collected, or typed wrongly; the case cannot be closed on it.",
    },
    example: Tr { zh: "决定罚款 5,000 元，罚没款收据 4,000 元。", en: "Fined 5,000 yuan; the receipt says 4,000." },
    fix: Tr {
        zh: "核对缴款凭证；少缴的催缴或依法强制执行，多收的退还，录入错误的更正。",
        en: "Check the receipts; collect what is missing (or enforce), refund an over-payment, correct a typing error.",
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
        let receipts: Vec<_> = case.docs("payment").collect();
        if receipts.is_empty() {
            return;
        }
        let Some(fine) = case.fine() else {
            return;
        };
        let mut total = 0i64;
        for r in &receipts {
            match &r.amount {
                Field::Value { value, .. } => total += value.0,
                _ => return out.not_checkable(&INFO, "缴款金额"),
            }
        }
        let paid = Money(total);
        if paid == fine || (paid > fine && case.docs("surcharge").next().is_some()) {
            return;
        }
        let at = receipts[0]
            .amount
            .at()
            .cloned()
            .unwrap_or_else(|| receipts[0].at.clone());
        out.push(
            &INFO,
            ctx,
            case,
            at,
            "receipt",
            crate::msg!(
                ctx,
                "罚没款收据金额 {} 元，决定书罚款 {} 元",
                "the receipt says {} yuan; the decision fines {} yuan",
                paid,
                fine
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Place;
    use crate::rules::testutil::*;

    fn c(receipts: &[Option<i64>], surcharge: bool) -> Case {
        let mut b =
            CaseBuilder::general("X").decision("decision", "2022-03-22", &[("fine", Some(5000))]);
        for r in receipts {
            b = b.doc_with("payment", "2022-03-28", |d| {
                d.amount = r.map_or(Field::Absent, |y| Field::Value {
                    value: Money::yuan(y),
                    at: Place::line(40, 5),
                })
            });
        }
        if surcharge {
            b = b.doc("surcharge", "2022-04-20");
        }
        b.build()
    }

    #[test]
    fn receipt_table() {
        expect_table(
            &CHECK,
            vec![
                ("equal", c(&[Some(5000)], false), 0, 0),
                ("less", c(&[Some(4000)], false), 1, 0),
                ("more", c(&[Some(6000)], false), 1, 0),
                ("more with surcharge", c(&[Some(6000)], true), 0, 0),
                (
                    "instalments add up",
                    c(&[Some(2000), Some(3000)], false),
                    0,
                    0,
                ),
                ("amount not carried", c(&[None], false), 0, 1),
                ("no receipt", c(&[], false), 0, 0),
            ],
        );
        assert_eq!(
            messages(&run(&CHECK, &c(&[Some(4000)], false))),
            vec!["罚没款收据金额 4,000 元，决定书罚款 5,000 元"]
        );
    }
}
