//! F006 unparseable-value: a date, amount, boolean or day count that cannot be read. The value
//! then counts as present but unknown, so no other rule treats it as missing.

use super::{Info, Tr};
use crate::finding::{Category, Severity};

pub static INFO: Info = Info {
    code: "F006",
    name: "unparseable-value",
    severity: Severity::Warning,
    category: Category::File,
    title: Tr { zh: "无法识别的数值或日期", en: "Unparseable value" },
    basis: Tr {
        zh: "导出文件格式说明（docs/输入格式.md：日期、金额、是否的写法）",
        en: "The export format (docs/输入格式.md: date, amount and yes/no forms)",
    },
    what: Tr {
        zh: "日期、金额、是否或天数的写法无法识别，例如“2022年13月5日”“五千多元”。",
        en: "A date, amount, yes/no or day count that cannot be read, such as `2022年13月5日` or `五千多元`.",
    },
    why: Tr {
        zh: "期限、金额的检查依赖这些数值；写错的日期或金额本身也是文书错误。",
        en: "Deadline and amount checks depend on these values, and a wrong date or amount is itself a document error.",
    },
    example: Tr {
        zh: "“决定日期”单元格为“2022年13月5日”。",
        en: "A 决定日期 cell reads `2022年13月5日`.",
    },
    fix: Tr {
        zh: "按原始文书更正该日期或金额，写成“2022-03-05”“5000元”等规范形式。",
        en: "Correct the date or amount from the original document, in a standard form such as `2022-03-05` or `5000元`.",
    },
    settings: &[],
    source: "built-in",
};
