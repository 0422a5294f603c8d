//! What an export carries, as the run records it (formats §4): per case, the fields its export
//! writes and what could not be checked; per run, each export's counts, decision-only records
//! and the cases seen twice. Computed in `rules::coverage` (per case) and `scan::coverage` (per run); read by the reports.

use crate::finding::Place;
use std::collections::BTreeMap;

/// One fact of a case that F009 compares between a file and a ledger row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    /// Stable key: a step kind (`filing`), or `fine`, `party`, `party_id`, `basis`,
    /// `decision_no`.
    pub key: String,
    /// The value, normalized for comparison.
    pub value: String,
    pub at: Place,
}

/// Per case: the export it belongs to and what it writes, what could not be checked, and the
/// facts F009 compares.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CaseCoverage {
    /// Index into [`RunCoverage::exports`].
    pub export: u32,
    /// Procedure kind × law era (see [`cohort`]).
    pub cohort: u8,
    /// [`ExportField`] bits the case's source writes.
    pub written: u16,
    /// [`ExportField`] bits that apply to the case (decision fields need a decision).
    pub applies: u16,
    /// Bits a declaration makes unknown whatever the export writes.
    pub no_infer: u16,
    /// Bits found missing by inference (the export writes them for other cases).
    pub inferred: u16,
    pub decision_only: bool,
    /// (rule code, missing input) for every rule that could not be checked, sorted.
    pub unchecked: Vec<(String, String)>,
    pub facts: Vec<Fact>,
    /// Other places the same case was read from (a ledger row beside its XML file).
    pub also: Vec<String>,
}

/// What one export carries, as the report shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportStats {
    /// The folder (XML files) or `file!sheet` (a ledger sheet).
    pub name: String,
    /// `xml`, `ledger` or `document` (.docx/.txt decisions).
    pub format: &'static str,
    pub cases: usize,
    /// Per field id: (cases writing it, cases it applies to).
    pub fields: BTreeMap<&'static str, (usize, usize)>,
    /// Cohort → field bits written by some case of the cohort.
    pub(crate) by_cohort: BTreeMap<u8, u16>,
}

impl ExportStats {
    /// Fields the export writes on at least one case.
    pub fn carried(&self) -> impl Iterator<Item = (&'static str, usize, usize)> + '_ {
        self.fields
            .iter()
            .filter(|(_, (w, _))| *w > 0)
            .map(|(k, (w, a))| (*k, *w, *a))
    }
}

/// What the run learned about coverage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunCoverage {
    /// Every export, in the order first seen.
    pub exports: Vec<ExportStats>,
    /// Cases that hold only the decision.
    pub decision_only: usize,
    /// Cases with at least one rule not checkable for lack of input.
    pub not_fully_checked: usize,
    /// Findings that rest on an absence inferred from the export (导出未记载).
    pub inferred_findings: usize,
    /// Brigade → files that could not be read (未评查).
    pub unreviewed: BTreeMap<String, usize>,
    /// Ledger rows and decision documents that are the same case as an XML file (or a document
    /// as a ledger row): scored once, on that case.
    pub merged: Vec<Merged>,
}

/// A case record folded into another (its findings score on `into`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub file: String,
    pub case_no: Option<String>,
    pub at: Place,
    /// Index into `ScanResult::cases` of the case it is.
    pub into: usize,
}
