//! Peer cross-checks (互查, review.md "Peer cross-checks" and "Privacy").
//!
//! The legal office draws a reproducible random sample and assigns each sampled case to a
//! reviewer from another brigade ([`sample`], `caselint sample`); each reviewer gets a workbook
//! with the machine's findings on their cases to confirm or reject, and room for findings the
//! machine cannot see ([`sheets`], `caselint review-sheets`); the returned workbooks are merged
//! into the final findings, the rejections with their reasons and the rejection rate per rule,
//! and the usual scored reports ([`merge`], `caselint merge`). [`mask`] hides personal data in
//! whatever goes to another brigade.
//!
//! A case is identified across these steps by its file, its place in the file and its case
//! number. The file is named relative to the folder given on the command line (`鼓楼区大队/1.xml`,
//! whether the folder was typed `exports`, `./exports` or as an absolute path, on this computer
//! or another), and `review-sheets` finds a drawn case first by the SHA-256 the draw recorded
//! for its file, so a copy of the exports anywhere else serves as well.

pub mod mask;
pub mod merge;
pub mod sample;
pub mod sheets;

use crate::finding::{Lang, Place};
use crate::model::run::{CaseSummary, ScanResult};
use std::path::PathBuf;

/// Names every file of a result relative to the scan root it was found under (see
/// [`crate::roots::relative_to`]), so the draw, the sheets and the merge do not depend on how
/// or where the paths were typed.
pub fn relativize(
    result: &mut ScanResult,
    personal: Option<&mut mask::Personal>,
    paths: &[PathBuf],
) {
    crate::roots::set_roots(paths);
    let rel = crate::roots::relative;
    let cases: Vec<CaseSummary> = result
        .cases
        .iter()
        .map(|mut c| {
            c.file = rel(&c.file);
            c
        })
        .collect();
    result.cases = cases.into_iter().collect();
    let inputs: Vec<crate::model::run::InputRecord> = result
        .inputs
        .iter()
        .map(|mut i| {
            i.file = rel(&i.file);
            i
        })
        .collect();
    result.inputs = inputs.into_iter().collect();
    for f in &mut result.findings {
        f.file = rel(&f.file);
        f.subject = rel(&f.subject);
    }
    if let Some(p) = personal {
        for map in [&mut p.names, &mut p.ids] {
            *map = std::mem::take(map)
                .into_iter()
                .map(|(k, v)| (rel(&k), v))
                .collect();
        }
    }
    // Relative names need no root: fingerprints of the review steps use them as they are.
    crate::roots::set_roots(&[]);
}

/// Opens a workbook a user hands in (an assignment table, a returned review sheet) with the same
/// guards `check` uses: the file size and unpacked-size limits (a zip bomb is refused before it
/// is unpacked), and a panic in the workbook reader is an error about that file, not a crash.
pub fn guarded_workbook<T>(
    path: &std::path::Path,
    read: impl FnOnce(calamine::Sheets<std::io::Cursor<Vec<u8>>>) -> Result<T, String>,
) -> Result<T, String> {
    let lang = crate::ui::lang();
    let max = crate::scan::DEFAULT_MAX_FILE_BYTES;
    let meta = std::fs::metadata(path).map_err(|e| crate::ui::io_reason(&e))?;
    if meta.len() > max {
        return Err(match lang {
            Lang::Zh => format!("文件过大（{} 字节，上限 {max} 字节）", meta.len()),
            Lang::En => format!("too large ({} bytes; the limit is {max})", meta.len()),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| crate::ui::io_reason(&e))?;
    let limit = crate::scan::DEFAULT_MAX_UNZIPPED_BYTES;
    if let Some(total) = crate::scan::unzipped_size(&bytes) {
        if total > limit {
            return Err(match lang {
                Lang::Zh => {
                    format!("解压后过大（{total} 字节，上限 {limit} 字节），疑为压缩炸弹，未读取")
                }
                Lang::En => {
                    format!("unpacks to {total} bytes (limit {limit}); a zip bomb? not read")
                }
            });
        }
    }
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let wb =
            calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
                match lang {
                    Lang::Zh => format!("无法作为工作簿打开（文件损坏或不是 Excel 文件：{e}）"),
                    Lang::En => format!("cannot be opened as a workbook: {e}"),
                }
            })?;
        read(wb)
    }));
    outcome.unwrap_or_else(|_| {
        Err(lang
            .pick(
                "读取工作簿时发生内部错误，文件未能读取",
                "internal error while reading the workbook; not read",
            )
            .to_string())
    })
}

/// A case's identity across the review steps: (file, place, case number).
pub fn case_key(c: &CaseSummary) -> (String, String, String) {
    (
        c.file.clone(),
        c.at.display(),
        c.case_no.clone().unwrap_or_default(),
    )
}

/// 一般程序 / 简易程序 (the strata of the draw).
pub fn procedure_label(summary: bool, lang: Lang) -> &'static str {
    match (summary, lang) {
        (false, Lang::Zh) => "一般程序",
        (true, Lang::Zh) => "简易程序",
        (false, Lang::En) => "general",
        (true, Lang::En) => "summary",
    }
}

/// Reads a procedure label back in either language.
pub fn parse_procedure(s: &str) -> Option<bool> {
    match s.trim() {
        "一般程序" | "general" => Some(false),
        "简易程序" | "summary" => Some(true),
        _ => None,
    }
}

/// Reads [`Place::display`] back: `` → file, `12:5` → line, `Sheet!H14` → cell.
pub fn parse_place(s: &str) -> Option<Place> {
    let s = s.trim();
    if s.is_empty() {
        return Some(Place::File);
    }
    // A decision document's paragraph: `第3段` or `paragraph 3`.
    if let Some(n) = s
        .strip_prefix('第')
        .and_then(|r| r.strip_suffix('段'))
        .or_else(|| s.strip_prefix("paragraph "))
    {
        return n.parse().ok().filter(|n| *n > 0).map(Place::Paragraph);
    }
    if let Some((sheet, cell)) = s.rsplit_once('!') {
        let split = cell.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = cell.split_at(split);
        if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let col = letters.bytes().try_fold(0u32, |acc, b| {
            acc.checked_mul(26)?.checked_add((b - b'A' + 1) as u32)
        })?;
        let row: u32 = digits.parse().ok()?;
        if row == 0 {
            return None;
        }
        return Some(Place::cell(sheet, row - 1, col - 1));
    }
    let (line, column) = s.split_once(':')?;
    Some(Place::line(line.parse().ok()?, column.parse().ok()?))
}

/// A file name is made from a reviewer's name: refuse the characters no file system allows.
pub fn file_safe(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.chars().any(|c| {
            matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_round_trip() {
        for p in [
            Place::File,
            Place::line(12, 5),
            Place::cell("2022年", 13, 7),
            Place::cell("a!b", 0, 27),
            Place::Paragraph(7),
        ] {
            assert_eq!(parse_place(&p.display()), Some(p.clone()), "{p:?}");
        }
        for bad in ["x", "S!", "S!h1", "S!A0", "1:", ":2"] {
            assert_eq!(parse_place(bad), None, "{bad}");
        }
    }

    #[test]
    fn file_names() {
        for (name, ok) in [
            ("张某", true),
            ("李 四", true),
            ("a/b", false),
            (".hidden", false),
            ("", false),
            ("x:y", false),
        ] {
            assert_eq!(file_safe(name), ok, "{name}");
        }
    }
}
