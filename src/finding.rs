//! A finding: one thing wrong, at one place, with its basis and fix. Checks push these;
//! reports (in `report/`) are the only code that formats them. Also a rule's identity
//! ([`Info`], with its texts in both languages, [`Tr`]), which the data in `checks/` may define too.

use serde::Serialize;
use std::fmt;

/// How bad a finding is (rules.md, "Severity").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Info, Lang::Zh) => "提示",
            (s, Lang::En) => s.as_str(),
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The case-file evaluation standard's categories (rules.md).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// 文件 — the file itself
    File,
    /// 主体 — subject and authority
    Subject,
    /// 程序 — procedure
    Procedure,
    /// 适用法律 — application of law
    Law,
    /// 文书 — documents
    Document,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::File => "file",
            Category::Subject => "subject",
            Category::Procedure => "procedure",
            Category::Law => "law",
            Category::Document => "document",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Category::File, Lang::Zh) => "文件",
            (Category::Subject, Lang::Zh) => "主体",
            (Category::Procedure, Lang::Zh) => "程序",
            (Category::Law, Lang::Zh) => "适用法律",
            (Category::Document, Lang::Zh) => "文书",
            (c, Lang::En) => c.as_str(),
        }
    }
    pub fn from_code(code: &str) -> Category {
        match code.as_bytes().first() {
            // E000, caselint's own internal error, is about the file it failed on.
            Some(b'F' | b'E') => Category::File,
            Some(b'S') => Category::Subject,
            Some(b'P') => Category::Procedure,
            Some(b'L') => Category::Law,
            _ => Category::Document,
        }
    }
}

/// Output language. Chinese is the default: the users are legal officers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Where in a source file a value or finding sits.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, serde::Deserialize,
)]
pub enum Place {
    /// The file as a whole.
    #[default]
    File,
    /// XML: 1-based line and column.
    Line { line: u32, column: u32 },
    /// Excel: sheet name and absolute A1 cell (`H14`); row kept for sorting.
    Cell { sheet: String, row: u32, col: u32 },
    /// A decision document (.docx, .txt): the 1-based paragraph (a table row counts as one).
    Paragraph(u32),
}

impl Place {
    pub fn line(line: u32, column: u32) -> Place {
        Place::Line { line, column }
    }
    pub fn cell(sheet: &str, row: u32, col: u32) -> Place {
        Place::Cell {
            sheet: sheet.to_string(),
            row,
            col,
        }
    }
    /// `H14` for a cell (0-based row/col inside).
    pub fn a1(row: u32, col: u32) -> String {
        let mut c = col + 1;
        let mut letters = Vec::new();
        while c > 0 {
            let r = (c - 1) % 26;
            letters.push((b'A' + r as u8) as char);
            c = (c - 1) / 26;
        }
        letters.iter().rev().collect::<String>() + &(row + 1).to_string()
    }
    /// Human form: `12:5`, `2022!H14`, `第3段` (a paragraph), or empty for the whole file.
    pub fn display(&self) -> String {
        self.display_in(Lang::Zh)
    }
    /// [`Place::display`] in a language: a paragraph is `第3段` or `paragraph 3`.
    pub fn display_in(&self, lang: Lang) -> String {
        match self {
            Place::File => String::new(),
            Place::Line { line, column } => format!("{line}:{column}"),
            Place::Cell { sheet, row, col } => format!("{sheet}!{}", Place::a1(*row, *col)),
            Place::Paragraph(n) => match lang {
                Lang::Zh => format!("第{n}段"),
                Lang::En => format!("paragraph {n}"),
            },
        }
    }
}

/// What a finding rests on (formats §4): a finding that rests only on a ledger's blank cell or
/// on an absence inferred from the rest of the export is reported as such and is not a basic
/// item of the score (review.md, "Scoring").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// What the source says.
    #[default]
    Recorded,
    /// Only a blank cell in a column the ledger has (台账未记载).
    LedgerBlank,
    /// Only an element this file lacks while its export writes it elsewhere (导出未记载).
    Inferred,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Recorded => "recorded",
            Evidence::LedgerBlank => "ledger-blank",
            Evidence::Inferred => "inferred",
        }
    }
    /// The mark a message carries: `台账未记载` / `导出未记载`; empty when recorded.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Evidence::Recorded => "",
            Evidence::LedgerBlank => lang.pick("台账未记载", "a blank cell in the ledger"),
            Evidence::Inferred => lang.pick(
                "导出未记载",
                "not recorded here, though the export records it for other cases",
            ),
        }
    }
}

/// One defect found. Text fields are already in the run's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub category: Category,
    /// Case number as written in the source; `None` for a file-level finding.
    pub case_no: Option<String>,
    /// The input path as given on the command line (relative stays relative).
    pub file: String,
    pub place: Place,
    /// What is wrong, with the values compared.
    pub message: String,
    /// Legal basis.
    pub basis: String,
    /// How to fix it.
    pub help: String,
    /// What the finding is about (a document kind, field or provision); the stable part of the
    /// fingerprint, so re-exporting a file does not change it.
    pub subject: String,
    /// Why it is waived, when a waiver covers it.
    pub waived: Option<String>,
    /// What the finding rests on.
    pub evidence: Evidence,
}

impl Finding {
    /// Stable identity for baselines: case number + rule + subject (never a line number). File
    /// level findings (no case number) use the file path instead.
    pub fn fingerprint(&self) -> String {
        // Paths relative to the scan root: the same however the root was typed, on any computer.
        let owner = match &self.case_no {
            Some(no) => no.clone(),
            None => crate::roots::relative(&self.file),
        };
        let subject = crate::roots::relative(&self.subject);
        let key = format!("{owner}\u{1f}{}\u{1f}{subject}", self.code);
        format!("{:016x}", fnv1a64(key.as_bytes()))
    }

    /// The sort key that makes output deterministic: path, sheet, row/line, code, then text.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.file,
            &self.place,
            &self.code,
            &self.case_no,
            &self.subject,
            &self.message,
        )
    }
}

/// FNV-1a, 64 bit: tiny, stable across platforms and versions (unlike `DefaultHasher`).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Tr {
    pub fn get(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// A rule's identity and explanation: what `caselint explain CODE` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Info {
    /// Stable code; never reused for another meaning.
    pub code: &'static str,
    /// kebab-case name.
    pub name: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// Short title.
    pub title: Tr,
    /// Legal basis (law and article).
    pub basis: Tr,
    /// What it checks.
    pub what: Tr,
    /// Why it matters.
    pub why: Tr,
    /// An example of the defect.
    pub example: Tr,
    /// How to fix it.
    pub fix: Tr,
    /// Settings in `checks/` the rule reads (shown by `explain` with their certainty).
    pub settings: &'static [&'static str],
    /// `built-in`, or the rule file it came from.
    pub source: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(Place::a1(0, 0), "A1");
        assert_eq!(Place::a1(13, 7), "H14");
        assert_eq!(Place::a1(0, 25), "Z1");
        assert_eq!(Place::a1(0, 26), "AA1");
        assert_eq!(Place::a1(9, 27), "AB10");
    }

    #[test]
    fn paragraphs_display_in_both_languages() {
        assert_eq!(Place::Paragraph(3).display(), "第3段");
        assert_eq!(Place::Paragraph(3).display_in(Lang::En), "paragraph 3");
        assert!(Place::line(9, 1) < Place::Paragraph(1));
    }

    #[test]
    fn fingerprint_ignores_place() {
        let mut f = Finding {
            code: "P001".into(),
            severity: Severity::Error,
            category: Category::Procedure,
            case_no: Some("X".into()),
            file: "a.xml".into(),
            place: Place::line(3, 1),
            message: "m".into(),
            basis: String::new(),
            help: String::new(),
            subject: "notice".into(),
            waived: None,
            evidence: Default::default(),
        };
        let a = f.fingerprint();
        f.place = Place::line(99, 4);
        f.message = "other".into();
        assert_eq!(a, f.fingerprint());
        f.subject = "decision".into();
        assert_ne!(a, f.fingerprint());
    }
}
