//! F005 unknown-field: an element, attribute or column that no alias maps. Informational: it
//! tells users which names to add to the alias table so their data is read.

use super::{Info, Tr};
use crate::finding::{Category, Severity};

pub static INFO: Info = Info {
    code: "F005",
    name: "unknown-field",
    severity: Severity::Info,
    category: Category::File,
    title: Tr { zh: "未识别的字段", en: "Unknown field" },
    basis: Tr {
        zh: "导出文件格式说明（docs/输入格式.md 的元素名、列名及其别名）",
        en: "The export format (docs/输入格式.md: element names, column names and their aliases)",
    },
    what: Tr {
        zh: "XML 元素、属性或台账列名不在别名表中，其内容不会被检查。",
        en: "An XML element, attribute or ledger column that no alias maps; its content is not checked.",
    },
    why: Tr {
        zh: "各地系统的字段名不同；未识别的字段中可能正是检查所需的信息。",
        en: "Systems name fields differently; an unknown field may hold exactly what a check needs.",
    },
    example: Tr {
        zh: "台账有一列“备注说明”，或 XML 中有 `<承办人意见>`。",
        en: "A ledger column `备注说明`, or an XML element `<承办人意见>`.",
    },
    fix: Tr {
        zh: "如该字段对应已知字段，在自定义检查目录的 aliases.toml 中增加别名；否则可忽略本提示。",
        en: "If the field means a known one, add it as an alias in an aliases.toml of your own checks folder; otherwise ignore this note.",
    },
    settings: &[],
    source: "built-in",
};
