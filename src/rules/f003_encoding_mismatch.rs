//! F003 encoding-mismatch: bytes that are invalid in the encoding the XML prolog declares (or
//! in UTF-8 when none is declared). Checked before parsing, so mis-decoded text never reaches
//! the checks.

use super::{Info, Tr};
use crate::finding::{Category, Severity};

pub static INFO: Info = Info {
    code: "F003",
    name: "encoding-mismatch",
    severity: Severity::Error,
    category: Category::File,
    title: Tr { zh: "文件编码与声明不符", en: "Bytes do not match the declared encoding" },
    basis: Tr {
        zh: "导出文件格式说明（docs/输入格式.md：UTF-8，或 XML 声明中写明的 GB18030/GBK/GB2312）",
        en: "The export format (docs/输入格式.md: UTF-8, or GB18030/GBK/GB2312 as declared)",
    },
    what: Tr {
        zh: "文件中的字节在声明的编码（未声明时为 UTF-8）下无效，或声明了无法识别的编码。",
        en: "The file's bytes are invalid in the declared encoding (UTF-8 when none is declared), or the declared encoding is unknown.",
    },
    why: Tr {
        zh: "编码错误会使当事人名称、违法事实、处罚依据等文字变成乱码，评查时可能误判。",
        en: "Wrong encoding garbles names, facts and legal bases, so checks and reviewers could misread them.",
    },
    example: Tr {
        zh: "文件声明 `encoding=\"UTF-8\"`，实际以 GBK 保存。",
        en: "The file declares `encoding=\"UTF-8\"` but was saved as GBK.",
    },
    fix: Tr {
        zh: "以声明的编码重新导出，或把 XML 声明改为文件实际使用的编码（如 GB18030）。",
        en: "Re-export in the declared encoding, or change the XML declaration to the encoding actually used (e.g. GB18030).",
    },
    settings: &[],
    source: "built-in",
};
