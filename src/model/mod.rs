//! The normalized case: the one type both readers produce and every check reads.
//!
//! Every value keeps where it came from ([`Place`]) so a finding can point at the exact line
//! or cell. A value the source does not carry at all is [`Field::Absent`] ("unknown"), which
//! checks must keep apart from [`Field::Empty`] ("present but empty", i.e. missing): a ledger
//! without a `告知日期` column cannot prove that a notice is missing.

pub mod brief;
pub mod coverage;
pub mod intern;
pub mod run;

use crate::finding::Place;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::fmt;

/// Bytes `fill` encodes, made in this thread's reused buffer and copied out at their exact
/// size: case records are kept until their file is folded (a ledger's 10⁵ rows), so spare
/// capacity would be memory held, and growing a fresh buffer per record is an allocation each.
pub(crate) fn exact_bytes<R>(fill: impl FnOnce(&mut Vec<u8>) -> R) -> (Vec<u8>, R) {
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    // Taken, not borrowed: a `fill` that itself encodes gets a buffer of its own.
    let mut buf = BUF.with(|b| b.take());
    buf.clear();
    let r = fill(&mut buf);
    let bytes = buf.to_vec();
    BUF.with(|b| b.replace(buf));
    (bytes, r)
}

/// Appends `v`'s postcard encoding to `buf`; `what` names it if it cannot be encoded (a bug:
/// every type written here encodes).
pub(crate) fn encode_into(buf: &mut Vec<u8>, v: &impl serde::Serialize, what: &str) {
    *buf = postcard::to_extend(v, std::mem::take(buf))
        .unwrap_or_else(|e| panic!("{what} does not encode: {e}"));
}

/// One value as read from the source, with its certainty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Field<T> {
    /// The source has no such element or column: unknown, never evidence of a defect.
    #[default]
    Absent,
    /// The element or column exists but holds nothing: missing.
    Empty { at: Place },
    /// Present but unreadable (reported as F006); treated as present with an unknown value.
    Invalid { raw: String, at: Place },
    /// Present and read.
    Value { value: T, at: Place },
}

impl<T> Field<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value { value, .. } => Some(value),
            _ => None,
        }
    }
    pub fn at(&self) -> Option<&Place> {
        match self {
            Field::Absent => None,
            Field::Empty { at } | Field::Invalid { at, .. } | Field::Value { at, .. } => Some(at),
        }
    }
    /// The source carries this field (even if empty or unreadable).
    pub fn is_known(&self) -> bool {
        !matches!(self, Field::Absent)
    }
    /// The source carries the field and it is empty: positive evidence of absence.
    pub fn is_empty(&self) -> bool {
        matches!(self, Field::Empty { .. })
    }
    /// Something is written there (readable or not).
    pub fn is_filled(&self) -> bool {
        matches!(self, Field::Value { .. } | Field::Invalid { .. })
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Absent => Field::Absent,
            Field::Empty { at } => Field::Empty { at },
            Field::Invalid { raw, at } => Field::Invalid { raw, at },
            Field::Value { value, at } => Field::Value {
                value: f(value),
                at,
            },
        }
    }
}

/// A value with its place, for repeated values (several bases, officers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub at: Place,
}

/// An amount of money in fen (分), exact.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Money(pub i64);

impl Money {
    pub fn yuan(y: i64) -> Money {
        Money(y * 100)
    }
}

impl fmt::Display for Money {
    /// `5,000` or `12.50` (yuan, thousands separated).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let (yuan, fen) = (abs / 100, abs % 100);
        let digits = yuan.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if neg {
            f.write_str("-")?;
        }
        f.write_str(&out)?;
        if fen != 0 {
            write!(f, ".{fen:02}")?;
        }
        Ok(())
    }
}

/// 一般程序 or 简易程序.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Procedure {
    General,
    Summary,
    Other(String),
}

/// 单位 or 个人.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartyKind {
    Unit,
    Individual,
}

impl PartyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::Unit => "unit",
            PartyKind::Individual => "individual",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            PartyKind::Unit => "单位",
            PartyKind::Individual => "个人",
        }
    }
}

/// 违法情节: the circumstance level the discretion bands key on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Circumstance {
    /// 较轻
    Minor,
    /// 一般
    Ordinary,
    /// 较重
    Serious,
    /// 严重
    Grave,
}

impl Circumstance {
    pub fn parse(s: &str) -> Option<Circumstance> {
        Some(match s.trim() {
            "较轻" | "轻微" | "轻" => Circumstance::Minor,
            "一般" => Circumstance::Ordinary,
            "较重" => Circumstance::Serious,
            "严重" | "情节严重" => Circumstance::Grave,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Circumstance::Minor => "minor",
            Circumstance::Ordinary => "ordinary",
            Circumstance::Serious => "serious",
            Circumstance::Grave => "grave",
        }
    }
    pub fn label_zh(self) -> &'static str {
        match self {
            Circumstance::Minor => "较轻",
            Circumstance::Ordinary => "一般",
            Circumstance::Serious => "较重",
            Circumstance::Grave => "严重",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Party {
    pub kind: Field<PartyKind>,
    pub name: Field<String>,
    /// 统一社会信用代码
    pub credit_code: Field<String>,
    /// 公民身份号码
    pub id_number: Field<String>,
    pub address: Field<String>,
    pub representative: Field<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Violation {
    /// When the act happened (or began): 发生日期 / 违法日期. Never the discovery date.
    pub date: Field<NaiveDate>,
    /// When the act was found (发现日期); else the earliest inspection, 受案 or 立案 record.
    pub found_date: Field<NaiveDate>,
    /// A continuing act's end (连续或者继续状态).
    pub end_date: Field<NaiveDate>,
    pub facts: Field<String>,
    /// 违反条款 (定性依据), as written.
    pub violated: Field<String>,
    pub circumstance: Field<Circumstance>,
    /// 危害后果, as written (`无` means none).
    pub harm: Field<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    pub name: String,
    /// 执法证号; `None` when the officer has none recorded.
    pub cert: Option<String>,
    pub at: Place,
}

/// One penalty imposed by a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Penalty {
    /// Canonical penalty kind id from `checks/aliases.toml` (`fine`, `warning`, …), or the raw
    /// text when no alias matched.
    pub kind: String,
    pub raw_kind: String,
    pub amount: Field<Money>,
    pub days: Field<u32>,
    pub at: Place,
}

/// The kind id of 责令改正 / 责令限期改正 (`checks/aliases.toml`): it accompanies a penalty
/// (行政处罚法 art. 28; old art. 23) and is not a kind of penalty (art. 9), so no rule counts it
/// as one.
pub const ORDER_CORRECTION: &str = "order_correction";

impl Penalty {
    /// Whether this is a 行政处罚 at all (责令改正 is not).
    pub fn is_sanction(&self) -> bool {
        self.kind != ORDER_CORRECTION
    }
}

/// One document (XML) or one procedural step (ledger column) of the case file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Canonical document kind id from `checks/documents.toml` (`filing`, `notice`, …);
    /// `None` when no alias matched `raw_kind`.
    pub kind: Option<String>,
    /// The kind as written in the source.
    pub raw_kind: String,
    pub at: Place,
    pub date: Field<NaiveDate>,
    /// 文号
    pub no: Field<String>,
    pub amount: Field<Money>,
    /// 天数 (an extension's length).
    pub days: Field<u32>,
    /// Officers listed on this record itself (overriding the case's for this record).
    pub officers: Option<Vec<Officer>>,
    /// 告知权利: the rights a notice told of (`陈述`, `申辩`, `听证`).
    pub rights: Field<Vec<String>>,
    /// 处罚依据 (may repeat).
    pub basis: Field<Vec<Located<String>>>,
    pub penalties: Field<Vec<Penalty>>,
    pub payment: Field<String>,
    pub remedy: Field<String>,
    pub seal: Field<bool>,
}

impl Document {
    /// Whether the document is of `kind` (its length and first byte before the bytes: the
    /// checks ask this of every document many times per case, mostly with another kind).
    #[inline]
    pub fn is_kind(&self, kind: &str) -> bool {
        match self.kind.as_deref() {
            Some(k) => {
                k.len() == kind.len()
                    && k.as_bytes().first() == kind.as_bytes().first()
                    && k == kind
            }
            None => false,
        }
    }
}

/// Which document kinds the source can speak about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Coverage {
    /// Nothing is known about the file's documents (an XML without `<Documents>`).
    #[default]
    None,
    /// Every document of the file is listed (an XML with `<Documents>`): a kind not listed is
    /// missing.
    All,
    /// Only these kinds are known (a ledger: the step columns it has; a declared export).
    /// Shared: every row of a ledger carries its sheet's set.
    Kinds(std::sync::Arc<BTreeSet<String>>),
    /// The record holds nothing but the decision (a published 行政处罚决定书, a 双公示 record):
    /// the steps before and after it are unknown; the decision itself is known.
    DecisionOnly,
}

impl Coverage {
    /// [`Coverage::Kinds`] of these kinds.
    pub fn kinds<S: Into<String>>(kinds: impl IntoIterator<Item = S>) -> Coverage {
        Coverage::Kinds(std::sync::Arc::new(
            kinds.into_iter().map(Into::into).collect(),
        ))
    }
}

/// The decision document kinds: what a decision-only record carries.
pub const DECISION_KINDS: [&str; 2] = ["decision", "summary_decision"];

/// A field or sub-element whose presence is judged per export (formats §4, "inferred"): written
/// by some of an export's cases and not by this one, it is missing here; never written by the
/// export, it stays unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExportField {
    /// 救济途径 on the decision.
    Remedy,
    /// 处罚依据 on the decision.
    Basis,
    /// 违反条款.
    Violated,
    /// 危害后果.
    Harm,
    /// 履行方式 on the decision.
    Payment,
    /// 印章 on the decision.
    Seal,
}

impl ExportField {
    pub const ALL: [ExportField; 6] = [
        ExportField::Remedy,
        ExportField::Basis,
        ExportField::Violated,
        ExportField::Harm,
        ExportField::Payment,
        ExportField::Seal,
    ];
    /// The name used in `caselint.toml` and in the JSON report.
    pub fn id(self) -> &'static str {
        match self {
            ExportField::Remedy => "remedy",
            ExportField::Basis => "basis",
            ExportField::Violated => "violated",
            ExportField::Harm => "harm",
            ExportField::Payment => "payment",
            ExportField::Seal => "seal",
        }
    }
    /// The Chinese name: the input a rule lacks when the field is unknown.
    pub fn label_zh(self) -> &'static str {
        match self {
            ExportField::Remedy => "救济途径",
            ExportField::Basis => "处罚依据",
            ExportField::Violated => "违反条款",
            ExportField::Harm => "危害后果",
            ExportField::Payment => "履行方式",
            ExportField::Seal => "印章",
        }
    }
    /// Reads a name as written in `caselint.toml`: the id or the Chinese name.
    pub fn parse(s: &str) -> Option<ExportField> {
        let s = s.trim();
        ExportField::ALL
            .into_iter()
            .find(|f| f.id() == s || f.label_zh() == s)
    }
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }
    /// Whether the field is about the decision (judged only on cases that have one).
    pub fn on_decision(self) -> bool {
        !matches!(self, ExportField::Violated | ExportField::Harm)
    }
}

/// Where the case came from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum SourceKind {
    Xml,
    Ledger,
    /// A decision document on its own (.docx, .txt): a decision-only record.
    Document,
}

/// A step's status in a case: present (with its records), missing, or unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<'a> {
    Present(Vec<&'a Document>),
    Missing,
    Unknown,
}

/// The normalized case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The input path as given on the command line.
    pub file: String,
    pub source: SourceKind,
    /// Where the case starts (`<Case>` line, ledger row's first cell).
    pub at: Place,
    pub case_no: Field<String>,
    pub agency: Field<String>,
    pub procedure: Field<Procedure>,
    pub party: Party,
    pub violation: Violation,
    pub officers: Field<Vec<Officer>>,
    pub documents: Vec<Document>,
    pub coverage: Coverage,
}

impl Case {
    pub fn new(file: &str, source: SourceKind, at: Place) -> Case {
        Case {
            file: file.to_string(),
            source,
            at,
            case_no: Field::Absent,
            agency: Field::Absent,
            procedure: Field::Absent,
            party: Party::default(),
            violation: Violation::default(),
            officers: Field::Absent,
            documents: Vec::new(),
            coverage: Coverage::None,
        }
    }

    /// The case number as written, if any.
    pub fn case_no(&self) -> Option<&str> {
        self.case_no.value().map(String::as_str)
    }

    /// Whether the source can tell if a document of `kind` exists.
    pub fn covers(&self, kind: &str) -> bool {
        match &self.coverage {
            Coverage::None => false,
            Coverage::All => true,
            Coverage::Kinds(k) => k.contains(kind),
            Coverage::DecisionOnly => DECISION_KINDS.contains(&kind),
        }
    }

    /// Whether the record is the decision alone (see [`Coverage::DecisionOnly`]); a ledger
    /// whose only step column is the decision's (a 双公示 sheet) is one too, and so is a
    /// decision document read on its own (.docx, .txt; formats §5).
    pub fn is_decision_only(&self) -> bool {
        match &self.coverage {
            Coverage::DecisionOnly => true,
            Coverage::Kinds(k) => {
                matches!(self.source, SourceKind::Ledger | SourceKind::Document)
                    && !k.is_empty()
                    && k.iter().all(|k| DECISION_KINDS.contains(&k.as_str()))
            }
            _ => false,
        }
    }

    /// A complete file whose documents are nothing but the decision becomes decision-only
    /// (formats §4): it never carried the steps before and after it.
    pub fn settle_coverage(&mut self) {
        if self.coverage == Coverage::All
            && !self.documents.is_empty()
            && self.documents.iter().all(|d| {
                d.kind
                    .as_deref()
                    .is_some_and(|k| DECISION_KINDS.contains(&k))
            })
        {
            self.coverage = Coverage::DecisionOnly;
        }
    }

    /// Limits the document kinds the source speaks about to `kinds` (a declaration).
    pub fn restrict_kinds(&mut self, kinds: &BTreeSet<String>) {
        self.coverage = match std::mem::take(&mut self.coverage) {
            Coverage::None => Coverage::None,
            Coverage::All | Coverage::DecisionOnly => Coverage::kinds(kinds.iter().cloned()),
            Coverage::Kinds(k) => Coverage::kinds(k.intersection(kinds).cloned()),
        };
    }

    /// Which [`ExportField`]s the case's source writes (bits), and which apply to it.
    pub fn export_fields(&self) -> (u16, u16) {
        let mut written = 0;
        let mut applies = 0;
        let d = self.decision();
        for f in ExportField::ALL {
            if f.on_decision() && d.is_none() {
                continue;
            }
            // How to pay is written on fines; other penalties' templates differ.
            if f == ExportField::Payment && !self.penalty_kinds().contains(&"fine") {
                continue;
            }
            applies |= f.bit();
            let known = match f {
                ExportField::Violated => self.violation.violated.is_known(),
                ExportField::Harm => self.violation.harm.is_known(),
                ExportField::Remedy => d.is_some_and(|d| d.remedy.is_known()),
                ExportField::Basis => d.is_some_and(|d| d.basis.is_known()),
                ExportField::Payment => d.is_some_and(|d| d.payment.is_known()),
                ExportField::Seal => d.is_some_and(|d| d.seal.is_known()),
            };
            if known {
                written |= f.bit();
            }
        }
        (written, applies)
    }

    /// Makes `field` unknown (a declaration says the export never writes it, or fills it only
    /// sometimes).
    pub fn forget(&mut self, field: ExportField) {
        let d = self.decision_index().map(|i| &mut self.documents[i]);
        match field {
            ExportField::Violated => self.violation.violated = Field::Absent,
            ExportField::Harm => self.violation.harm = Field::Absent,
            ExportField::Remedy => d.into_iter().for_each(|d| d.remedy = Field::Absent),
            ExportField::Basis => d.into_iter().for_each(|d| d.basis = Field::Absent),
            ExportField::Payment => d.into_iter().for_each(|d| d.payment = Field::Absent),
            ExportField::Seal => d.into_iter().for_each(|d| d.seal = Field::Absent),
        }
    }

    /// Makes `field` unknown where it is blank (a declaration says it is filled only sometimes).
    pub fn forget_blank(&mut self, field: ExportField) {
        fn u<T>(f: &mut Field<T>) {
            if f.is_empty() {
                *f = Field::Absent;
            }
        }
        let d = self.decision_index().map(|i| &mut self.documents[i]);
        match field {
            ExportField::Violated => u(&mut self.violation.violated),
            ExportField::Harm => u(&mut self.violation.harm),
            ExportField::Remedy => d.into_iter().for_each(|d| u(&mut d.remedy)),
            ExportField::Basis => d.into_iter().for_each(|d| u(&mut d.basis)),
            ExportField::Payment => d.into_iter().for_each(|d| u(&mut d.payment)),
            ExportField::Seal => d.into_iter().for_each(|d| u(&mut d.seal)),
        }
    }

    /// Marks `field` as missing where it is unknown: the export writes it for other cases of
    /// the same kind (formats §4, inferred). The place is the decision's (or the case's).
    pub fn infer_missing(&mut self, field: ExportField) {
        let at = self
            .decision()
            .map(|d| d.at.clone())
            .unwrap_or_else(|| self.at.clone());
        fn set<T>(f: &mut Field<T>, at: &Place) {
            if matches!(f, Field::Absent) {
                *f = Field::Empty { at: at.clone() };
            }
        }
        let i = self.decision_index();
        match field {
            ExportField::Violated => set(&mut self.violation.violated, &at),
            ExportField::Harm => set(&mut self.violation.harm, &at),
            _ => {
                let Some(d) = i.map(|i| &mut self.documents[i]) else {
                    return;
                };
                match field {
                    ExportField::Remedy => set(&mut d.remedy, &at),
                    ExportField::Basis => set(&mut d.basis, &at),
                    ExportField::Payment => set(&mut d.payment, &at),
                    ExportField::Seal => set(&mut d.seal, &at),
                    _ => {}
                }
            }
        }
    }

    /// Reads every blank as unknown: what the findings would be without the ledger's blank
    /// cells (to tell which findings rest only on them).
    pub fn blanks_unknown(&mut self) {
        fn u<T>(f: &mut Field<T>) {
            if f.is_empty() {
                *f = Field::Absent;
            }
        }
        u(&mut self.case_no);
        u(&mut self.agency);
        u(&mut self.procedure);
        let p = &mut self.party;
        u(&mut p.kind);
        u(&mut p.name);
        u(&mut p.credit_code);
        u(&mut p.id_number);
        u(&mut p.address);
        u(&mut p.representative);
        let v = &mut self.violation;
        u(&mut v.date);
        u(&mut v.end_date);
        u(&mut v.facts);
        u(&mut v.violated);
        u(&mut v.circumstance);
        u(&mut v.harm);
        u(&mut self.officers);
        for d in &mut self.documents {
            u(&mut d.date);
            u(&mut d.no);
            u(&mut d.amount);
            u(&mut d.days);
            u(&mut d.rights);
            u(&mut d.basis);
            u(&mut d.penalties);
            u(&mut d.payment);
            u(&mut d.remedy);
            u(&mut d.seal);
        }
        if let Coverage::Kinds(k) = &mut self.coverage {
            // An empty 延期天数 cell says "no extension": a finding it supports (overdue) rests on
            // the recorded dates, not on the blank.
            let docs = &self.documents;
            std::sync::Arc::make_mut(k).retain(|kind| {
                kind == "extension"
                    || docs
                        .iter()
                        .any(|d| d.kind.as_deref() == Some(kind.as_str()))
            });
        }
    }

    /// Index of [`Case::decision`] in `documents`.
    fn decision_index(&self) -> Option<usize> {
        DECISION_KINDS.iter().find_map(|k| {
            self.documents
                .iter()
                .position(|d| d.kind.as_deref() == Some(*k))
        })
    }

    /// All documents of a canonical kind, in file order.
    pub fn docs<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Document> + 'a {
        self.documents.iter().filter(move |d| d.is_kind(kind))
    }

    /// The step's status: present, missing (the source covers it and has none), or unknown.
    pub fn step(&self, kind: &str) -> Step<'_> {
        let found: Vec<&Document> = self.documents.iter().filter(|d| d.is_kind(kind)).collect();
        if !found.is_empty() {
            Step::Present(found)
        } else if self.covers(kind) {
            Step::Missing
        } else {
            Step::Unknown
        }
    }

    /// The earliest known date of a step of `kind`.
    pub fn first_date(&self, kind: &str) -> Option<NaiveDate> {
        self.docs(kind)
            .filter_map(|d| d.date.value().copied())
            .min()
    }

    /// The penalty decision: a 行政处罚决定书, else a 当场行政处罚决定书.
    pub fn decision(&self) -> Option<&Document> {
        self.docs("decision")
            .next()
            .or_else(|| self.docs("summary_decision").next())
    }

    /// General procedure: recorded as such, or unrecorded with a 立案 or 受案 step or a 告知书
    /// (a 受案 marks a general-procedure case under the pre-2021 law too).
    pub fn is_general(&self) -> bool {
        match self.procedure.value() {
            Some(Procedure::General) => true,
            Some(_) => false,
            None => self.has_general_step(),
        }
    }

    fn has_general_step(&self) -> bool {
        ["filing", "acceptance", "notice"]
            .iter()
            .any(|k| self.docs(k).next().is_some())
    }

    pub fn is_summary(&self) -> bool {
        matches!(self.procedure.value(), Some(Procedure::Summary))
            || (self.procedure.value().is_none()
                && self.docs("summary_decision").next().is_some()
                && !self.has_general_step())
    }

    /// Total fine imposed by the decision, if the decision records one.
    pub fn fine(&self) -> Option<Money> {
        let d = self.decision()?;
        let ps = d.penalties.value()?;
        let mut total = None;
        for p in ps.iter().filter(|p| p.kind == "fine") {
            if let Some(m) = p.amount.value() {
                total = Some(Money(total.map_or(0, |t: Money| t.0) + m.0));
            }
        }
        total
    }

    /// Canonical penalty kinds imposed by the decision.
    pub fn penalty_kinds(&self) -> Vec<&str> {
        self.decision()
            .and_then(|d| d.penalties.value())
            .map(|ps| ps.iter().map(|p| p.kind.as_str()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_display() {
        assert_eq!(Money::yuan(5000).to_string(), "5,000");
        assert_eq!(Money::yuan(300000).to_string(), "300,000");
        assert_eq!(Money(1250).to_string(), "12.50");
        assert_eq!(Money::yuan(500).to_string(), "500");
    }

    #[test]
    fn a_file_of_only_the_decision_is_decision_only() {
        let doc = |k: &str| Document {
            kind: Some(k.into()),
            ..Default::default()
        };
        let mut c = Case::new("a.xml", SourceKind::Xml, Place::File);
        c.coverage = Coverage::All;
        c.documents = vec![doc("decision")];
        c.settle_coverage();
        assert!(c.is_decision_only());
        assert_eq!(c.step("notice"), Step::Unknown);
        assert!(matches!(c.step("decision"), Step::Present(_)));
        c.coverage = Coverage::All;
        c.documents.push(doc("service"));
        c.settle_coverage();
        assert_eq!(c.coverage, Coverage::All);
        assert_eq!(c.step("notice"), Step::Missing);
    }

    #[test]
    fn inferred_fields_become_missing_and_declared_ones_unknown() {
        let mut c = Case::new("a.xml", SourceKind::Xml, Place::File);
        c.documents.push(Document {
            kind: Some("decision".into()),
            at: Place::line(9, 5),
            ..Default::default()
        });
        let (written, applies) = c.export_fields();
        assert_eq!(written, 0);
        assert!(applies & ExportField::Remedy.bit() != 0);
        assert!(
            applies & ExportField::Payment.bit() == 0,
            "no fine, no payment"
        );
        c.infer_missing(ExportField::Remedy);
        assert_eq!(
            c.decision().unwrap().remedy,
            Field::Empty {
                at: Place::line(9, 5)
            }
        );
        c.forget_blank(ExportField::Remedy);
        assert_eq!(c.decision().unwrap().remedy, Field::Absent);
    }

    #[test]
    fn unknown_is_not_missing() {
        let mut c = Case::new("a.xlsx", SourceKind::Ledger, Place::File);
        assert_eq!(c.step("notice"), Step::Unknown);
        c.coverage = Coverage::kinds(["notice"]);
        assert_eq!(c.step("notice"), Step::Missing);
        c.documents.push(Document {
            kind: Some("notice".into()),
            ..Default::default()
        });
        assert!(matches!(c.step("notice"), Step::Present(_)));
    }
}
