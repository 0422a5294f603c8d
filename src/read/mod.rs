//! Readers: turn exported files (XML case files, Excel ledgers, decision documents) into [`crate::model::Case`]s,
//! and the value parsers (dates, amounts, booleans) both readers share. A reader returns the
//! case and typed [`diagnostic::Diagnostic`]s (F001–F006 in the rules turn them into findings);
//! it knows no rules. Uses finding, model, text and knowledge (the alias tables).

pub mod decision;
pub mod diagnostic;
pub mod docx;
pub mod excel;
pub mod values;
pub mod xml;

use crate::knowledge::aliases;

/// Reads a workbook (`.xlsx`, `.xlsm`, `.xls`): each row's case, with that row's diagnostics,
/// becomes a `T` through `check` (on the worker threads), and `absorb` gets them in row order,
/// in batches (see [`excel::LedgerRows`]); file-level diagnostics are returned.
pub fn read_workbook<T: Send>(
    path: &std::path::Path,
    file: &str,
    aliases: &aliases::Aliases,
    lang: crate::finding::Lang,
    check: &(dyn Fn(crate::model::Case, Vec<diagnostic::Diagnostic>) -> T + Sync),
    absorb: &mut dyn FnMut(excel::LedgerRows<T>),
) -> Vec<diagnostic::Diagnostic> {
    excel::ExcelReader {
        file,
        aliases,
        lang,
    }
    .read(path, check, absorb)
}

/// Reads a decision document (`.docx` or `.txt`, by `path`'s extension) into its decision-only
/// case and that case's diagnostics; `Err` gives the reason (Chinese, English) the file cannot be
/// read as a decision (reported as F001 on the file).
pub fn read_decision(
    path: &std::path::Path,
    bytes: &[u8],
    file: &str,
    aliases: &aliases::Aliases,
    lang: crate::finding::Lang,
    max_unzipped: u64,
) -> Result<(crate::model::Case, Vec<diagnostic::Diagnostic>), (String, String)> {
    let docx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    let paragraphs = if docx {
        // Paragraphs broken inside a sentence (text pasted with its line ends) are joined as
        // a text's lines are.
        decision::text_paragraphs(&docx::paragraphs(bytes, max_unzipped)?.join("\n"))
    } else {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            return Err((
                "文件内容是 Word/zip 文档，扩展名却是 .txt".into(),
                "the content is a Word/zip document, but the extension is .txt".into(),
            ));
        }
        let text = decision::decode_text(bytes)?;
        decision::text_paragraphs(&text)
    };
    decision::DecisionReader {
        file,
        aliases,
        lang,
    }
    .read(&paragraphs)
}
