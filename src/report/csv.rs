//! CSV (review.md, "Outputs"): a header row and one row per finding, for spreadsheets and
//! scripts. The columns are the JSON finding's fields, in this order:
//! `code,name,severity,category,case_no,file,line,column,sheet,cell,message,basis,help,fingerprint,waived,paragraph`.
//!
//! - Header names and the `severity`/`category` values are the stable machine names (as in the
//!   JSON), not translated; the texts (`message`, `basis`, `help`) are in the run's language.
//! - Empty cell for an absent value (`case_no` of a file-level finding; `line`/`column` of an
//!   Excel finding; `sheet`/`cell` of an XML one; `paragraph`, 1-based, only for a decision
//!   document's finding). `waived` is `true` or `false`.
//! - RFC 4180: fields with commas, quotes or line breaks are quoted (the `csv` crate), records end
//!   with CRLF.
//! - UTF-8 with a byte-order mark: without it Excel and WPS on Chinese Windows read the file as
//!   GBK and show mojibake. Scripts reading the file should strip the BOM (Python: `utf-8-sig`).
//! - Spreadsheet formula injection: case files are untrusted input, and a text cell that starts
//!   with `=`, `+`, `-`, `@`, tab or CR would run as a formula when the file is opened in Excel.
//!   Such text cells get a leading `'` (Excel's own "this is text" mark; OWASP's advice).

use super::{Reporter, Run};
use crate::finding::Place;
use std::io::{self, Write};

pub struct Csv;

/// The header row (the column order is part of the format).
pub const HEADER: [&str; 16] = [
    "code",
    "name",
    "severity",
    "category",
    "case_no",
    "file",
    "line",
    "column",
    "sheet",
    "cell",
    "message",
    "basis",
    "help",
    "fingerprint",
    "waived",
    "paragraph",
];

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

impl Reporter for Csv {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(BOM)?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut *out);
        w.write_record(HEADER)?;
        for f in &run.result.findings {
            let (line, column, sheet, cell) = match &f.place {
                Place::File => (String::new(), String::new(), String::new(), String::new()),
                Place::Line { line, column } => (
                    line.to_string(),
                    column.to_string(),
                    String::new(),
                    String::new(),
                ),
                Place::Cell { sheet, row, col } => (
                    String::new(),
                    String::new(),
                    text_cell(sheet),
                    Place::a1(*row, *col),
                ),
                Place::Paragraph(_) => (String::new(), String::new(), String::new(), String::new()),
            };
            let paragraph = match f.place {
                Place::Paragraph(n) => n.to_string(),
                _ => String::new(),
            };
            w.write_record([
                f.code.clone(),
                run.name_of(f).to_string(),
                f.severity.as_str().to_string(),
                f.category.as_str().to_string(),
                f.case_no.as_deref().map(text_cell).unwrap_or_default(),
                text_cell(&f.file),
                line,
                column,
                sheet,
                cell,
                text_cell(&f.message),
                text_cell(&f.basis),
                text_cell(&f.help),
                f.fingerprint(),
                f.waived.is_some().to_string(),
                paragraph,
            ])?;
        }
        w.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Finding, Lang, Severity};
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
    fn bom_then_header_then_one_record_per_finding() {
        let bytes = fixture::render_bytes(&Csv, Lang::Zh);
        assert!(bytes.starts_with(BOM));
        assert!(bytes.ends_with(b"\r\n"));
        let mut r = csv::ReaderBuilder::new().from_reader(&bytes[BOM.len()..]);
        assert_eq!(
            r.headers().unwrap(),
            &csv::StringRecord::from(HEADER.to_vec())
        );
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        let result = fixture::result(Lang::Zh);
        assert_eq!(rows.len(), result.findings.len());
        for (row, f) in rows.iter().zip(&result.findings) {
            assert_eq!(&row[0], f.code);
            assert_eq!(
                &row[10], f.message,
                "message round-trips, commas and newlines included"
            );
            assert_eq!(&row[13], f.fingerprint());
            assert_eq!(&row[14], if f.waived.is_some() { "true" } else { "false" });
        }
        let by_code = |code: &str, file: &str| {
            rows.iter()
                .find(|r| &r[0] == code && &r[5] == file)
                .unwrap()
                .clone()
        };
        // XML line finding: line/column set, sheet/cell empty.
        let xml = by_code("P901", fixture::XML_1);
        assert_eq!((&xml[6], &xml[7], &xml[8], &xml[9]), ("12", "5", "", ""));
        assert_eq!(&xml[4], "甲消行罚决字〔2023〕12号");
        // Excel finding: sheet/cell set, line/column empty.
        let cell = by_code("D901", fixture::LEDGER);
        assert_eq!(
            (&cell[6], &cell[7], &cell[8], &cell[9]),
            ("", "", "2022年", "H5")
        );
        // File-level finding: no case, no place.
        let file = by_code("F901", fixture::EMPTY);
        assert_eq!((&file[4], &file[6], &file[8]), ("", "", ""));
        // A file name with a comma is one field.
        assert_eq!(&by_code("F902", fixture::BROKEN)[5], fixture::BROKEN);
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
        let result = crate::scan::ScanResult {
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
        };
        let mut out = Vec::new();
        Csv.write(&run, &mut out).unwrap();
        let mut r = csv::Reader::from_reader(&out[BOM.len()..]);
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[4], "'=1+1");
        assert_eq!(&row[8], "'-");
        assert_eq!(&row[10], "'=cmd|' /C calc'!A0");
    }
}
