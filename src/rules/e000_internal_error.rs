//! E000 internal-error: caselint itself failed (a panic) while reading or checking a file. The
//! scan catches the panic, reports it on that file with the panic text, checks the other files,
//! and the run ends with exit code 3. It is our bug, not the brigade's: it has no legal basis and
//! is never filtered out by `select`/`ignore`.

use super::{Info, Tr};
use crate::finding::{Category, Severity};

pub static INFO: Info = Info {
    code: "E000",
    name: "internal-error",
    severity: Severity::Error,
    category: Category::File,
    title: Tr { zh: "caselint 内部错误", en: "caselint internal error" },
    basis: Tr {
        zh: "无（caselint 自身的错误，不是案卷的问题）",
        en: "none: a fault in caselint, not in the case file",
    },
    what: Tr {
        zh: "caselint 在读取或检查这个文件时发生内部错误（程序缺陷），该文件没有检查完；其他文件照常检查，运行以退出码 3 结束。",
        en: "caselint failed (a program fault) while reading or checking this file, so the file was not fully checked; the other files were checked as usual and the run ends with exit code 3.",
    },
    why: Tr {
        zh: "这是工具的缺陷，不是案卷的缺陷：这个文件的检查结果不完整，不能据此判断案卷合格与否。",
        en: "This is a defect of the tool, not of the case file: the file's results are incomplete and say nothing about whether its cases pass.",
    },
    example: Tr {
        zh: "内部错误，请报告：检查“案卷.xml”时出错（index out of bounds）。",
        en: "internal error, please report: checking `case.xml` failed (index out of bounds).",
    },
    fix: Tr {
        zh: "请把这条消息、caselint 版本（caselint --version）和该文件（如可提供）报告给 caselint 的维护人员；修复之前请人工评查这个文件。",
        en: "Report this message, the caselint version (caselint --version) and, if you may, the file to caselint's maintainers; review the file by hand until it is fixed.",
    },
    settings: &[],
    source: "built-in",
};
