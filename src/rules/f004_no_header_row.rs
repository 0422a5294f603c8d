//! F004 no-header-row: a worksheet that has data but no recognisable header row among its first
//! rows, so none of its rows can be read as cases.

use super::{Info, Tr};
use crate::finding::{Category, Severity};

pub static INFO: Info = Info {
    code: "F004",
    name: "no-header-row",
    severity: Severity::Warning,
    category: Category::File,
    title: Tr { zh: "工作表没有可识别的表头", en: "Worksheet has no recognisable header row" },
    basis: Tr {
        zh: "台账格式说明（docs/输入格式.md，执法案件台账）",
        en: "The ledger format (docs/输入格式.md, case ledgers)",
    },
    what: Tr {
        zh: "工作表前 10 行中没有一行包含至少两个已知列名（如“案件编号”“决定日期”），表中的数据无法按案件读取。",
        en: "None of the worksheet's first 10 rows holds at least two known column names (such as 案件编号, 决定日期), so its data cannot be read as cases.",
    },
    why: Tr {
        zh: "台账中的案件如果读不出来，就会被悄悄漏检。",
        en: "Cases in a sheet that cannot be read would silently escape review.",
    },
    example: Tr {
        zh: "工作表“汇总”第一行是“序号、单位、金额”，没有案件编号等列。",
        en: "Sheet `汇总` starts with columns no alias knows.",
    },
    fix: Tr {
        zh: "在表头使用标准列名，或在自定义检查目录的 aliases.toml 中为本系统的列名增加别名。",
        en: "Use standard column names in the header, or add your system's names as aliases in an aliases.toml of your own checks folder.",
    },
    settings: &[],
    source: "built-in",
};
