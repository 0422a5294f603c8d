//! F002 malformed-xml: XML that is not well-formed. The finding gives the line and column the
//! XML parser stopped at; cases completed before that point are still checked.

use super::{Info, Tr};
use crate::finding::{Category, Severity};

pub static INFO: Info = Info {
    code: "F002",
    name: "malformed-xml",
    severity: Severity::Error,
    category: Category::File,
    title: Tr { zh: "XML 格式错误", en: "Malformed XML" },
    basis: Tr {
        zh: "导出文件格式说明（docs/输入格式.md，XML 案卷）",
        en: "The export format (docs/输入格式.md, XML case files)",
    },
    what: Tr {
        zh: "XML 文件不符合格式规范（标签未闭合、标签不匹配、非法字符、嵌套过深等），在出错的行、列报告。",
        en: "The XML is not well-formed (unclosed or mismatched tag, illegal character, nesting too deep); reported at the line and column where parsing stopped.",
    },
    why: Tr {
        zh: "格式错误之后的内容无法可靠读取，案卷内容可能缺失，评查结论不可靠。",
        en: "Nothing after the error can be read reliably; parts of the case may be missing and any verdict on it is unreliable.",
    },
    example: Tr {
        zh: "第 12 行 `<Facts>三楼疏散通道被堵塞` 缺少 `</Facts>`。",
        en: "Line 12 `<Facts>…` has no `</Facts>`.",
    },
    fix: Tr {
        zh: "从办案系统重新导出该案卷；如系手工编辑造成，按提示的行列修正标签。",
        en: "Re-export the case from the case system; if it was edited by hand, fix the tag at the reported line and column.",
    },
    settings: &["limits.max_xml_depth"],
    source: "built-in",
};
