//! CSV (review.md, "Outputs"): a header row and one row per finding, for spreadsheets and
//! scripts, in the user's language: header names and the severity, category and waived words
//! follow `--lang`. The columns, in this order:
//!
//! | zh | en | |
//! |----|----|--|
//! | 规则 | code | rule code |
//! | 规则名称 | title | the rule's title |
//! | 级别 | severity | 错误/警告/提示 · error/warning/info |
//! | 类别 | category | 文件/主体/程序/适用法律/文书 · file/subject/procedure/law/document |
//! | 大队 | brigade | the case's brigade (a file finding: its folder's) |
//! | 案件编号 | case number | empty for a file-level finding |
//! | 文件 | file | as given on the command line |
//! | 位置 | place | `12:5` (XML line:column), `2022年!H5` (sheet!cell), empty for the whole file |
//! | 问题 | message | |
//! | 依据 | basis | |
//! | 整改 | how to fix | |
//! | 指纹 | fingerprint | the baseline fingerprint |
//! | 已豁免 | waived | 是/否 · yes/no |
//!
//! - RFC 4180: fields with commas, quotes or line breaks are quoted (the `csv` crate), records end
//!   with CRLF.
//! - UTF-8 with a byte-order mark: without it Excel and WPS on Chinese Windows read the file as
//!   GBK and show mojibake. Scripts reading the file should strip the BOM (Python: `utf-8-sig`).
//! - Spreadsheet formula injection: case files are untrusted input, and a text cell that starts
//!   with `=`, `+`, `-`, `@`, tab or CR would run as a formula when the file is opened in Excel.
//!   Such text cells get a leading `'` (Excel's own "this is text" mark; OWASP's advice).
//! - Machine-readable names and every field of a finding are in `--format json`.

use super::{Reporter, Run};
use crate::finding::Lang;
use std::io::{self, Write};

pub struct Csv;

/// The header row in `lang` (the column order is part of the format).
pub fn header(lang: Lang) -> [&'static str; 13] {
    match lang {
        Lang::Zh => [
            "规则",
            "规则名称",
            "级别",
            "类别",
            "大队",
            "案件编号",
            "文件",
            "位置",
            "问题",
            "依据",
            "整改",
            "指纹",
            "已豁免",
        ],
        Lang::En => [
            "code",
            "title",
            "severity",
            "category",
            "brigade",
            "case number",
            "file",
            "place",
            "message",
            "basis",
            "how to fix",
            "fingerprint",
            "waived",
        ],
    }
}

/// UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text cell made safe to open in a spreadsheet: one starting with a formula trigger gets a
/// leading `'`.
pub fn text_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Writes `rows` under `head` as CSV with a BOM and CRLFs.
pub fn write_rows<I>(out: &mut dyn Write, head: &[&str], rows: I) -> io::Result<()>
where
    I: IntoIterator<Item = Vec<String>>,
{
    out.write_all(BOM)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut *out);
    w.write_record(head)?;
    for r in rows {
        w.write_record(r)?;
    }
    w.flush()?;
    Ok(())
}

impl Reporter for Csv {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let lang = run.lang;
        let brigades = run.brigade_of_findings();
        let rows = run.result.findings.iter().zip(brigades).map(|(f, b)| {
            let title = run
                .rules
                .get(f.code.as_str())
                .map(|i| i.title.get(lang))
                .unwrap_or("");
            vec![
                f.code.clone(),
                text_cell(title),
                f.severity.label(lang).to_string(),
                f.category.label(lang).to_string(),
                text_cell(
                    &b.map(|b| super::score::brigade_label(&b, lang))
                        .unwrap_or_default(),
                ),
                f.case_no.as_deref().map(text_cell).unwrap_or_default(),
                text_cell(&f.file),
                text_cell(&f.place.display_in(lang)),
                text_cell(&f.message),
                text_cell(&f.basis),
                text_cell(&f.help),
                f.fingerprint(),
                match (f.waived.is_some(), lang) {
                    (true, Lang::Zh) => "是",
                    (false, Lang::Zh) => "否",
                    (true, Lang::En) => "yes",
                    (false, Lang::En) => "no",
                }
                .to_string(),
            ]
        });
        write_rows(out, &header(lang), rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Finding, Lang, Place, Severity};
    use crate::report::fixture;

    /// Shows the BOM and the CRLFs, which a plain snapshot would hide.
    fn visible(bytes: &[u8]) -> String {
        let text = std::str::from_utf8(bytes).unwrap();
        text.replace('\u{feff}', "<BOM>")
            .replace("\r\n", "<CRLF>\n")
    }

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(visible(&fixture::render_bytes(&Csv, Lang::Zh)));
    }

    #[test]
    fn english_snapshot() {
        insta::assert_snapshot!(visible(&fixture::render_bytes(&Csv, Lang::En)));
    }

    #[test]
    fn bom_then_header_then_one_record_per_finding() {
        let bytes = fixture::render_bytes(&Csv, Lang::Zh);
        assert!(bytes.starts_with(BOM));
        assert!(bytes.ends_with(b"\r\n"));
        let mut r = csv::ReaderBuilder::new().from_reader(&bytes[BOM.len()..]);
        assert_eq!(
            r.headers().unwrap(),
            &csv::StringRecord::from(header(Lang::Zh).to_vec())
        );
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        let result = fixture::result(Lang::Zh);
        assert_eq!(rows.len(), result.findings.len());
        for (row, f) in rows.iter().zip(&result.findings) {
            assert_eq!(&row[0], f.code);
            assert_eq!(
                &row[8], f.message,
                "message round-trips, commas and newlines included"
            );
            assert_eq!(&row[11], f.fingerprint());
            assert_eq!(&row[12], if f.waived.is_some() { "是" } else { "否" });
        }
        let by_code = |code: &str, file: &str| {
            rows.iter()
                .find(|r| &r[0] == code && &r[6] == file)
                .unwrap()
                .clone()
        };
        // XML line finding: line:column; Chinese title, severity and category words; brigade.
        let xml = by_code("P901", fixture::XML_1);
        assert_eq!(
            (&xml[1], &xml[2], &xml[3], &xml[4], &xml[7]),
            ("送达超期", "错误", "程序", "一大队", "12:5")
        );
        assert_eq!(&xml[5], "甲消行罚决字〔2023〕12号");
        // Excel finding: sheet!cell.
        let cell = by_code("D901", fixture::LEDGER);
        assert_eq!((&cell[4], &cell[7]), ("乙", "2022年!H5"));
        // File-level finding: no case, no place.
        let file = by_code("F901", fixture::EMPTY);
        assert_eq!((&file[5], &file[7]), ("", ""));
        // A file name with a comma is one field.
        assert_eq!(&by_code("F902", fixture::BROKEN)[6], fixture::BROKEN);
    }

    /// Headers and words follow the language.
    #[test]
    fn headers_follow_the_language() {
        for (lang, head, words) in [
            (Lang::Zh, "规则,规则名称,级别,类别,大队,案件编号,文件,位置,问题,依据,整改,指纹,已豁免", ["错误", "程序", "否"]),
            (Lang::En, "code,title,severity,category,brigade,case number,file,place,message,basis,how to fix,fingerprint,waived", ["error", "procedure", "no"]),
        ] {
            let bytes = fixture::render_bytes(&Csv, lang);
            let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
            assert_eq!(text.lines().next().unwrap().trim_end(), head, "{lang:?}");
            let mut r = csv::Reader::from_reader(text.as_bytes());
            let p901 = r.records().next().unwrap().unwrap();
            assert_eq!([&p901[2], &p901[3], &p901[12]], words, "{lang:?}");
        }
    }

    #[test]
    fn formula_triggers_are_neutralized() {
        for (input, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("送达=晚", "送达=晚"),
            ("", ""),
            ("'already", "'already"),
        ] {
            assert_eq!(text_cell(input), want, "{input:?}");
        }
        let result = crate::model::run::ScanResult {
            findings: vec![Finding {
                code: "P901".into(),
                severity: Severity::Error,
                category: Category::Procedure,
                case_no: Some("=1+1".into()),
                file: "a.xml".into(),
                place: Place::cell("-", 0, 0),
                message: "=cmd|' /C calc'!A0".into(),
                basis: String::new(),
                help: String::new(),
                subject: "s".into(),
                waived: None,
                evidence: Default::default(),
            }],
            ..Default::default()
        };
        let rules = fixture::rules();
        let run = Run {
            result: &result,
            lang: Lang::Zh,
            rules: &rules,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let mut out = Vec::new();
        Csv.write(&run, &mut out).unwrap();
        let mut r = csv::Reader::from_reader(&out[BOM.len()..]);
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[5], "'=1+1");
        assert_eq!(&row[7], "'-!A1");
        assert_eq!(&row[8], "'=cmd|' /C calc'!A0");
    }
}
