//! F007 duplicate-case: the same case number in two files or two rows. A cross-case check: it
//! runs after the parallel scan on the small per-case summaries, never on whole documents.

use super::{Info, Tr};
use crate::finding::{Category, Severity};

pub static INFO: Info = Info {
    code: "F007",
    name: "duplicate-case",
    severity: Severity::Error,
    category: Category::File,
    title: Tr { zh: "案件编号重复", en: "Duplicate case number" },
    basis: Tr {
        zh: "一案一卷（《公安机关办理行政案件程序规定》第二百六十条，类推适用）；案件编号唯一",
        en: "One case, one file (Public Security procedure rule art. 260, by analogy); case numbers are unique",
    },
    what: Tr {
        zh: "同一个案件编号出现在两个文件或台账的两行中。",
        en: "The same case number appears in two files or in two ledger rows.",
    },
    why: Tr {
        zh: "重复的编号说明同一案件被重复导出、重复登记，或者两个案件用了同一个编号，统计和评分都会出错。",
        en: "A repeated number means a case was exported or registered twice, or two cases share a number; statistics and scores go wrong.",
    },
    example: Tr {
        zh: "“解消立字〔2022〕第012号”既在 case-012.xml 中，又在批量文件 batch.xml 中。",
        en: "`解消立字〔2022〕第012号` appears in case-012.xml and again in batch.xml.",
    },
    fix: Tr {
        zh: "删除重复导出的文件或行；如确为两个案件，更正其中一个的编号。",
        en: "Remove the duplicate export or row; if they really are two cases, correct one number.",
    },
    settings: &[],
    source: "built-in",
};
