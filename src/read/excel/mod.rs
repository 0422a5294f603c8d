//! The Excel ledger reader (执法案件台账): `.xlsx`, `.xlsm` and legacy `.xls` workbooks where
//! one row is one case (formats.md §2).
//!
//! A ledger gives dates for procedural steps rather than the documents themselves, so each row
//! becomes a [`Case`] whose documents are synthesized from the step columns, and whose
//! [`Coverage`] lists exactly the steps the sheet has columns for: a date means present, an empty
//! cell means missing, no column means unknown ("unknown is not missing", rules.md).
//!
//! Every problem is a diagnostic (the rules report it as a finding), never a failure: an
//! unreadable workbook or sheet is F001, a sheet without a header F004, an unknown column F005, an
//! unreadable cell F006; the next sheet and the next row are read regardless. Every value keeps
//! its absolute cell (`2022!H14`).
//!
//! Here: the cell values and the row reader (one row → one case); `sheet` finds each sheet's
//! header and walks its rows; `tests` holds the tests.

use super::diagnostic::{Diagnostic, DiagnosticKind};
use crate::finding::{Lang, Place};
use crate::knowledge::aliases::Aliases;
use crate::model::*;
use crate::read::values::{self, ValueError};
use crate::read::values::{parse_party_kind, parse_procedure};
use calamine::{Data, Range, Reader, SheetType, Sheets};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// How many rows from the top of the used range may hold the header (title and blank rows
/// above it included).
pub const HEADER_SEARCH_ROWS: usize = 10;

/// A header row names at least this many known columns: one match could be a title or a note.
pub const MIN_HEADER_MATCHES: usize = 2;

/// `raw_kind` of the decision a ledger row implies.
pub const LEDGER_DECISION: &str = "行政处罚决定书(台账)";

/// Separators between several officers, certificates or penalty kinds in one cell.
const LIST_SEPARATORS: &[char] = &['、', '，', ',', ';', '；'];

/// What a workbook's reader hands on, in order.
pub enum LedgerRows<T> {
    /// A sheet begins.
    SheetStart,
    /// The next data rows' results, in row order.
    Batch(Vec<T>),
    /// The results the current sheet has given are void: it is read again from its start.
    SheetVoid,
}

/// Per-file reading context.
pub struct ExcelReader<'a> {
    pub file: &'a str,
    pub aliases: &'a Aliases,
    pub lang: Lang,
}

/// A cell value that cannot be read: the raw text and the reason in both languages.
struct Bad {
    raw: String,
    zh: String,
    en: String,
}

impl From<ValueError> for Bad {
    fn from(e: ValueError) -> Bad {
        Bad {
            raw: e.raw().to_string(),
            zh: e.message(Lang::Zh),
            en: e.message(Lang::En),
        }
    }
}

impl Bad {
    fn new(raw: String, zh: String, en: String) -> Bad {
        Bad { raw, zh, en }
    }
    /// A `Data::Error` cell (`#DIV/0!`): data, but no value.
    fn error_cell(e: &calamine::CellErrorType) -> Bad {
        let raw = e.to_string();
        Bad::new(
            raw.clone(),
            format!("单元格是错误值 {raw}"),
            format!("the cell holds the error value {raw}"),
        )
    }
}

/// A known column of the sheet's header.
struct Col {
    /// Position relative to the sheet's origin.
    rel: usize,
    /// The header as written (for messages).
    header: String,
    /// Unit in yuan the header names (`罚款金额（万元）`).
    unit: Option<i64>,
}

/// One sheet being read: its name, origin and the columns its header names.
struct SheetCtx<'s> {
    name: &'s str,
    /// Absolute (row, col) that row and column positions count from: the range's top-left
    /// cell, or A1 for a streamed sheet.
    origin: (u32, u32),
    /// Absolute column of a row's own place: the range's first column (the leftmost cell with
    /// a value anywhere in the sheet).
    first_col: u32,
    date1904: bool,
    /// Canonical field → first column naming it.
    cols: Cols,
    /// Step kinds the sheet has columns for (the rows' coverage).
    steps: std::sync::Arc<BTreeSet<String>>,
    /// Every step column, in header order.
    step_fields: Vec<StepCol>,
}

/// Looked up for every known column of every row: a fast hash (the keys are our own names).
type Cols = crate::fastmap::FastMap<String, Col>;

/// A step column: its step kind, its field, and the `raw_kind` of the document it implies
/// (written once per sheet, not per row).
struct StepCol {
    step: String,
    field: String,
    raw_kind: String,
}

/// A cell of a known column in one row.
struct Slot<'d> {
    data: &'d Data,
    at: Place,
    header: &'d str,
    unit: Option<i64>,
}

impl SheetCtx<'_> {
    /// The place of a row as a whole (its case's place).
    fn row_place(&self, rel_row: usize) -> Place {
        Place::cell(
            self.name,
            self.origin.0.saturating_add(rel_row as u32),
            self.first_col,
        )
    }

    fn place(&self, rel_row: usize, rel_col: usize) -> Place {
        Place::cell(
            self.name,
            self.origin.0.saturating_add(rel_row as u32),
            self.origin.1.saturating_add(rel_col as u32),
        )
    }

    /// The cell of `field` in this row; `None` when the sheet has no such column.
    fn slot<'d>(&'d self, row: &'d [Data], rel_row: usize, field: &str) -> Option<Slot<'d>> {
        const EMPTY: &Data = &Data::Empty;
        let col = self.cols.get(field)?;
        Some(Slot {
            data: row.get(col.rel).unwrap_or(EMPTY),
            at: self.place(rel_row, col.rel),
            header: &col.header,
            unit: col.unit,
        })
    }
}

/// The text a cell shows, trimmed; `None` when blank. Error cells are not text (handled apart).
fn cell_text(d: &Data) -> Option<String> {
    cell_str(d).map(Cow::into_owned)
}

/// [`cell_text`], borrowed from a text cell (most cells: no copy to look at them).
fn cell_str(d: &Data) -> Option<Cow<'_, str>> {
    let s: Cow<str> = match d {
        Data::Empty | Data::Error(_) => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            Cow::Borrowed(crate::text::trim(s))
        }
        Data::Int(i) => i.to_string().into(),
        // `Display` of f64 never uses an exponent and drops a zero fraction (12.0 → "12").
        Data::Float(f) => f.to_string().into(),
        Data::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}").into()
        }
    };
    (!s.is_empty()).then_some(s)
}

/// No data: no text and not an error cell. (Numbers, booleans and dates always show text.)
fn is_blank(d: &Data) -> bool {
    match d {
        Data::Empty => true,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            crate::text::trim(s).is_empty()
        }
        _ => false,
    }
}

/// Splits a list cell (`李某、王某`, `41020001 41020002`).
fn split_list(s: &str) -> Vec<&str> {
    s.split(|c: char| LIST_SEPARATORS.contains(&c) || c.is_whitespace())
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A 公民身份号码: 17 digits and a digit or `X` (or the old 15 digits), with a real birth date.
/// Unified social credit codes are also 18 characters, so the birth date is what tells them
/// apart when the party kind is not given.
pub fn looks_like_citizen_id(s: &str) -> bool {
    let s = crate::text::fold_width(s).to_ascii_uppercase();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let (birth, century) = match b.len() {
        18 if digits(0..17) && (b[17].is_ascii_digit() || b[17] == b'X') => (&s[6..14], ""),
        15 if digits(0..15) => (&s[6..12], "19"),
        _ => return false,
    };
    NaiveDate::parse_from_str(&format!("{century}{birth}"), "%Y%m%d")
        .is_ok_and(|d| (1900..=2100).contains(&chrono::Datelike::year(&d)))
}

/// A date cell: an Excel date, an Excel serial number, an 8-digit number (`20220301`) or text.
fn date_of(d: &Data, date1904: bool) -> Result<NaiveDate, Bad> {
    let serial = |f: f64| {
        values::excel_serial_to_date(f, date1904).ok_or_else(|| {
            Bad::new(
                f.to_string(),
                format!("数字 {f} 不是有效的 Excel 日期"),
                format!("the number {f} is not a valid Excel date"),
            )
        })
    };
    let eight_digits = |f: f64| f.fract() == 0.0 && (19_000_101.0..=21_001_231.0).contains(&f);
    match d {
        Data::DateTime(dt) if dt.is_datetime() => serial(dt.as_f64()),
        Data::DateTime(dt) => Err(Bad::new(
            dt.as_f64().to_string(),
            "单元格是时长而不是日期".into(),
            "the cell holds a duration, not a date".into(),
        )),
        Data::Int(i) if eight_digits(*i as f64) => Ok(values::parse_date(&i.to_string())?),
        Data::Int(i) => serial(*i as f64),
        Data::Float(f) if eight_digits(*f) => Ok(values::parse_date(&f.to_string())?),
        Data::Float(f) => serial(*f),
        Data::String(s) | Data::DateTimeIso(s) => Ok(values::parse_date(s)?),
        Data::Error(e) => Err(Bad::error_cell(e)),
        other => Err(ValueError::Date(cell_text(other).unwrap_or_default()).into()),
    }
}

/// An amount cell; a bare number is in the header's unit (`罚款金额（万元）`: 0.5 → 5,000 元).
fn amount_of(d: &Data, unit: Option<i64>) -> Result<Money, Bad> {
    let unit = unit.unwrap_or(1);
    match d {
        // Through the decimal text, so 0.1 × 10000 is exact and fractions of a fen are refused.
        Data::Int(_) | Data::Float(_) | Data::String(_) => {
            let t = cell_str(d).unwrap_or_default();
            Ok(values::parse_amount_scaled(&t, unit)?)
        }
        Data::Error(e) => Err(Bad::error_cell(e)),
        other => Err(ValueError::Amount(cell_text(other).unwrap_or_default()).into()),
    }
}

fn bool_of(d: &Data) -> Result<bool, Bad> {
    match d {
        Data::Bool(b) => Ok(*b),
        Data::Error(e) => Err(Bad::error_cell(e)),
        other => Ok(values::parse_bool(&cell_str(other).unwrap_or_default())?),
    }
}

fn days_of(d: &Data) -> Result<u32, Bad> {
    match d {
        Data::Int(i) => u32::try_from(*i).map_err(|_| ValueError::Days(i.to_string()).into()),
        Data::Float(f) if f.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(f) => Ok(*f as u32),
        Data::Error(e) => Err(Bad::error_cell(e)),
        other => Ok(values::parse_days(&cell_str(other).unwrap_or_default())?),
    }
}

/// Reads one data row into a case; its F006 diagnostics go to `out`.
struct RowReader<'r, 'a> {
    reader: &'r ExcelReader<'a>,
    sheet: &'r SheetCtx<'r>,
    row: &'r [Data],
    rel_row: usize,
    out: Vec<Diagnostic>,
}

impl<'r> RowReader<'r, '_> {
    fn slot(&self, field: &str) -> Option<Slot<'r>> {
        self.sheet.slot(self.row, self.rel_row, field)
    }

    fn report(&mut self, field: &str, slot: &Slot, bad: Bad) {
        let f = Diagnostic::new(
            DiagnosticKind::UnparseableValue,
            slot.at.clone(),
            field,
            match self.reader.lang {
                Lang::Zh => format!("“{}”列：{}", slot.header, bad.zh),
                Lang::En => format!("column `{}`: {}", slot.header, bad.en),
            },
        );
        self.out.push(f);
    }

    /// Text of a cell as `Value`, `Empty` or (for an error cell) `Invalid`; the field takes the
    /// slot's place (a ledger reads a dozen texts a row, each place a copy of the sheet name).
    fn text(&mut self, field: &str) -> Field<String> {
        let Some(slot) = self.slot(field) else {
            return Field::Absent;
        };
        if let Data::Error(e) = slot.data {
            let b = Bad::error_cell(e);
            let raw = b.raw.clone();
            self.report(field, &slot, b);
            return Field::Invalid { raw, at: slot.at };
        }
        match cell_text(slot.data) {
            None => Field::Empty { at: slot.at },
            Some(value) => Field::Value { value, at: slot.at },
        }
    }

    /// A cell read with `parse`; unreadable → `Invalid` plus F006.
    fn parsed<T>(&mut self, field: &str, parse: impl Fn(&Slot) -> Result<T, Bad>) -> Field<T> {
        let Some(slot) = self.slot(field) else {
            return Field::Absent;
        };
        if is_blank(slot.data) {
            return Field::Empty { at: slot.at };
        }
        match parse(&slot) {
            Ok(value) => Field::Value { value, at: slot.at },
            Err(bad) => {
                let raw = if bad.raw.is_empty() {
                    cell_text(slot.data).unwrap_or_default()
                } else {
                    bad.raw.clone()
                };
                self.report(field, &slot, bad);
                Field::Invalid { raw, at: slot.at }
            }
        }
    }

    fn date(&mut self, field: &str) -> Field<NaiveDate> {
        let date1904 = self.sheet.date1904;
        self.parsed(field, |s| date_of(s.data, date1904))
    }

    fn case(mut self) -> (Case, Vec<Diagnostic>) {
        let at = self.sheet.row_place(self.rel_row);
        let mut case = Case::new(self.reader.file, SourceKind::Ledger, at.clone());
        case.case_no = self.text("case_no");
        case.agency = self.text("agency");
        case.procedure = self.text("procedure").map(|p| parse_procedure(&p));
        self.party(&mut case);
        case.violation.date = self.date("violation_date");
        case.violation.found_date = self.date("found_date");
        case.violation.facts = self.text("facts");
        case.violation.violated = self.text("violated");
        case.violation.circumstance = self.parsed("circumstance", |s| {
            let t = cell_str(s.data).unwrap_or_default();
            Circumstance::parse(&t).ok_or_else(|| {
                Bad::new(
                    t.to_string(),
                    format!("无法识别的违法情节（应为较轻、一般、较重或严重）：{t}"),
                    format!("unrecognised circumstance (较轻, 一般, 较重 or 严重): {t}"),
                )
            })
        });
        case.officers = self.officers();
        case.coverage = Coverage::Kinds(self.sheet.steps.clone());
        // Every step column, a notice, an extension and the decision: a document is large, so
        // the list is sized once instead of growing (and copying) as documents are added.
        case.documents
            .reserve_exact(self.sheet.step_fields.len() + 3);

        // Step columns: a date (or unreadable text) means the step is present.
        let mut decision_date = Field::Absent;
        for col in &self.sheet.step_fields {
            let date = self.date(&col.field);
            if col.step == "decision" {
                decision_date = date;
                continue;
            }
            if date.is_filled() {
                case.documents.push(Document {
                    kind: Some(col.step.clone()),
                    raw_kind: col.raw_kind.clone(),
                    at: date.at().cloned().unwrap_or_default(),
                    date,
                    ..Default::default()
                });
            }
        }
        self.hearing_told(&mut case);
        self.extension(&mut case);
        if let Some(d) = self.decision(decision_date, &at) {
            case.documents.push(d);
        }

        // Row diagnostics belong to the row's case (stable fingerprints across re-exports): the
        // scan gives their findings the case's number.
        (case, self.out)
    }

    fn party(&mut self, case: &mut Case) {
        case.party.name = self.text("party_name");
        case.party.kind = self.parsed("party_kind", |s| {
            let t = cell_str(s.data).unwrap_or_default();
            parse_party_kind(&t).map_err(|_| {
                Bad::new(
                    t.to_string(),
                    format!("无法识别的当事人类型（应为单位或个人）：{t}"),
                    format!("unrecognised party kind (单位 or 个人): {t}"),
                )
            })
        });
        let Some(slot) = self.slot("party_id") else {
            return;
        };
        let id = self.text("party_id");
        let kind = case.party.kind.value().copied();
        let individual = match (&id, kind) {
            (_, Some(k)) => Some(k == PartyKind::Individual),
            (Field::Value { value, .. }, None) => Some(looks_like_citizen_id(value)),
            // An empty combined column: which number is missing depends on the party, so a
            // header naming one kind of number decides, else both count as missing.
            _ => {
                let h = crate::text::normalize(slot.header);
                match (h.contains("身份证"), h.contains("信用代码")) {
                    (true, false) => Some(true),
                    (false, true) => Some(false),
                    _ => None,
                }
            }
        };
        match individual {
            Some(true) => case.party.id_number = id,
            Some(false) => case.party.credit_code = id,
            None => {
                case.party.id_number = id.clone();
                case.party.credit_code = id;
            }
        }
    }

    /// Officers paired with certificates in order; `Absent` without an officers column.
    fn officers(&mut self) -> Field<Vec<Officer>> {
        let names = self.text("officers");
        let certs = self.text("officer_certs");
        let Field::Value { value: names, at } = names else {
            return names.map(|_| Vec::new());
        };
        let certs: Vec<String> = certs
            .value()
            .map(|c| split_list(c).into_iter().map(str::to_string).collect())
            .unwrap_or_default();
        let officers = split_list(&names)
            .into_iter()
            .enumerate()
            .map(|(i, name)| Officer {
                name: name.to_string(),
                cert: certs.get(i).cloned(),
                at: at.clone(),
            })
            .collect();
        Field::Value {
            value: officers,
            at,
        }
    }

    /// 是否告知听证 → the notice's rights (a notice is implied when the sheet has no notice
    /// column; with an empty notice cell the notice stays missing).
    fn hearing_told(&mut self, case: &mut Case) {
        let told = self.parsed("hearing_told", |s| bool_of(s.data));
        if !told.is_known() {
            return;
        }
        let rights = told.map(|t| {
            if t {
                vec!["听证".to_string()]
            } else {
                Vec::new()
            }
        });
        if let Some(notice) = case
            .documents
            .iter_mut()
            .find(|d| d.kind.as_deref() == Some("notice"))
        {
            notice.rights = rights;
        } else if !self.sheet.steps.contains("notice") && rights.is_filled() {
            case.documents.push(Document {
                kind: Some("notice".into()),
                raw_kind: format!("{}(台账)", self.reader.aliases.documents.name("notice")),
                at: rights.at().cloned().unwrap_or_default(),
                rights,
                ..Default::default()
            });
        }
    }

    /// 延长期限（日） > 0 → an extension record with its days.
    fn extension(&mut self, case: &mut Case) {
        let days = self.parsed("extension_days", |s| days_of(s.data));
        let keep = match &days {
            Field::Value { value, .. } => *value > 0,
            Field::Invalid { .. } => true,
            _ => false,
        };
        if keep {
            case.documents.push(Document {
                kind: Some("extension".into()),
                raw_kind: format!("{}(台账)", self.reader.aliases.documents.name("extension")),
                at: days.at().cloned().unwrap_or_default(),
                days,
                ..Default::default()
            });
        }
    }

    /// The decision the row implies, when any of its cells is filled.
    fn decision(&mut self, date: Field<NaiveDate>, row_at: &Place) -> Option<Document> {
        let no = self.text("decision_no");
        // One Located per cell, at that cell.
        let basis = match self.text("basis") {
            Field::Value { value, at } => Field::Value {
                value: vec![Located {
                    value,
                    at: at.clone(),
                }],
                at,
            },
            other => other.map(|_| Vec::new()),
        };
        let remedy = self.text("remedy");
        let penalties = self.penalties();
        let filled = date.is_filled()
            || no.is_filled()
            || basis.is_filled()
            || remedy.is_filled()
            || penalties.is_filled();
        if !filled {
            return None;
        }
        let at = [date.at(), no.at(), penalties.at()]
            .into_iter()
            .flatten()
            .next()
            .cloned()
            .unwrap_or_else(|| row_at.clone());
        Some(Document {
            kind: Some("decision".into()),
            raw_kind: LEDGER_DECISION.into(),
            at,
            date,
            no,
            basis,
            remedy,
            penalties,
            ..Default::default()
        })
    }

    /// 处罚种类 split into penalties; the 罚款金额 column gives the fine's amount.
    fn penalties(&mut self) -> Field<Vec<Penalty>> {
        let kinds = self.text("penalty_kinds");
        let fine = self.parsed("fine", |s| amount_of(s.data, s.unit));
        let parts = kinds.value().map(|v| split_list(v)).unwrap_or_default();
        // The kinds, and a fine the kinds do not name.
        let mut list = Vec::with_capacity(parts.len() + 1);
        if let Field::Value { at, .. } = &kinds {
            for part in parts {
                let kind = self.reader.aliases.penalties.lookup(part);
                // `罚款 5000元`: a bare amount next to the kind is not a penalty of its own.
                if kind.is_none() && values::parse_amount(part).is_ok() {
                    continue;
                }
                list.push(Penalty {
                    kind: kind.unwrap_or(part).to_string(),
                    raw_kind: part.to_string(),
                    amount: if kind == Some("fine") {
                        fine.clone()
                    } else {
                        Field::Absent
                    },
                    days: Field::Absent,
                    at: at.clone(),
                });
            }
        }
        let has_fine = list.iter().any(|p| p.kind == "fine");
        let positive = |m: &Money| m.0 > 0;
        // A fine amount without 罚款 among the kinds (or without a kinds column) is still a fine;
        // an unreadable amount is kept as a fine of unknown amount.
        if !has_fine
            && (fine.value().is_some_and(positive) || matches!(fine, Field::Invalid { .. }))
        {
            list.push(Penalty {
                kind: "fine".into(),
                raw_kind: self.reader.aliases.penalties.name("fine").to_string(),
                amount: fine.clone(),
                days: Field::Absent,
                at: fine.at().cloned().unwrap_or_default(),
            });
        }
        if let Some(first) = list.first() {
            let at = first.at.clone();
            return Field::Value { value: list, at };
        }
        match (&kinds, &fine) {
            (Field::Invalid { raw, at }, _) => Field::Invalid {
                raw: raw.clone(),
                at: at.clone(),
            },
            (Field::Empty { at }, _) | (Field::Absent, Field::Empty { at }) => {
                Field::Empty { at: at.clone() }
            }
            _ => Field::Absent,
        }
    }
}

mod sheet;
mod stream;
#[cfg(test)]
mod tests;
