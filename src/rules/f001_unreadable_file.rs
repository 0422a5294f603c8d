//! F001 unreadable-file: a file that cannot be opened or read. Detected by the scan and the
//! readers (permission, I/O, encrypted or corrupt workbook, not the format its extension says).

use super::{Info, Tr};
use crate::finding::{Category, Severity};

pub static INFO: Info = Info {
    code: "F001",
    name: "unreadable-file",
    severity: Severity::Error,
    category: Category::File,
    title: Tr { zh: "文件无法读取", en: "File cannot be read" },
    basis: Tr {
        zh: "《河南省行政执法条例》第三十三条（立卷归档）；案卷评查规则",
        en: "Henan Administrative Enforcement Regulation art. 33 (filing); case-file evaluation practice",
    },
    what: Tr {
        zh: "文件无法打开或读取：没有读取权限、读写错误、工作簿加密或损坏、文件内容与扩展名不符，或者 .docx/.txt 文档不能识别为行政处罚决定书（没有标题和处罚决定语句）。",
        en: "The file cannot be opened or read: no permission, an I/O error, an encrypted or corrupt workbook, content that is not what the extension says, or a .docx/.txt document that cannot be read as a penalty decision (no title and no decision sentence).",
    },
    why: Tr {
        zh: "读不出的案卷无法评查，其中的案件既不能判合格也不能判不合格；必须有人看到并补交可读的导出文件。",
        en: "A file that cannot be read cannot be reviewed; its cases are neither passed nor failed, so someone must see it and supply a readable export.",
    },
    example: Tr {
        zh: "“损坏的台账.xlsx”不是有效的 xlsx（zip）文件；“案卷.xml”实际是一张图片。",
        en: "`ledger.xlsx` is not a valid xlsx (zip) file; `case.xml` is really an image.",
    },
    fix: Tr {
        zh: "从办案系统重新导出该文件（不加密、使用正确的扩展名），或检查文件权限后重新运行。",
        en: "Re-export the file from the case system (unencrypted, with the right extension) or fix its permissions, then run again.",
    },
    settings: &["limits.max_file_bytes"],
    source: "built-in",
};
