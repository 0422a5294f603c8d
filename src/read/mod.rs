//! Readers: turn exported files (XML case files, Excel ledgers) into [`crate::model::Case`]s,
//! and the value parsers (dates, amounts, booleans) both readers share.

pub mod aliases;
pub mod excel;
pub mod values;
pub mod xml;

/// Reads a workbook (`.xlsx`, `.xlsm`, `.xls`): each row's case goes to `sink` with that row's
/// findings; file-level findings are returned.
pub fn read_workbook(
    path: &std::path::Path,
    file: &str,
    aliases: &aliases::Aliases,
    lang: crate::finding::Lang,
    sink: &mut dyn FnMut(Vec<(crate::model::Case, Vec<crate::finding::Finding>)>),
) -> Vec<crate::finding::Finding> {
    excel::ExcelReader {
        file,
        aliases,
        lang,
    }
    .read(path, sink)
}
