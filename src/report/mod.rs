//! Output formats, one file each behind one trait. The scan and the checks know nothing about
//! output; a reporter gets the finished, sorted run and writes it.

use crate::finding::{Finding, Lang, Severity};
use crate::rules::Info;
use crate::scan::ScanResult;
use score::{CaseScore, Scoring};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::time::Duration;

pub mod html;
pub mod json;
pub mod score;
pub mod table;
pub mod xlsx;

/// A finished run, as the reporters see it.
pub struct Run<'a> {
    pub result: &'a ScanResult,
    pub lang: Lang,
    /// Every rule in force, by code.
    pub rules: &'a BTreeMap<&'static str, &'static Info>,
    /// Wall-clock time: shown on the terminal only, never in machine-readable output.
    pub elapsed: Option<Duration>,
}

impl Run<'_> {
    /// Findings counted per severity (waived ones excluded).
    pub fn counts(&self) -> BTreeMap<Severity, usize> {
        let mut m = BTreeMap::new();
        for f in self.result.findings.iter().filter(|f| f.waived.is_none()) {
            *m.entry(f.severity).or_default() += 1;
        }
        m
    }

    /// The rule's kebab-case name.
    pub fn name_of(&self, f: &Finding) -> &'static str {
        self.rules
            .get(f.code.as_str())
            .map(|i| i.name)
            .unwrap_or("")
    }

    /// The scoring standard the reports apply: the shipped default (`checks/scoring.toml`).
    pub fn scoring(&self) -> &'static Scoring {
        Scoring::shipped()
    }

    /// Every case's score, in case order (computed on each call: reporters call it once).
    pub fn scores(&self) -> Vec<CaseScore> {
        score::score_cases(self.result, self.scoring())
    }

    /// Total rule × case evaluations not checkable for lack of input.
    pub fn not_checkable_total(&self) -> usize {
        self.result.not_checkable.values().sum()
    }

    /// The missing inputs, most frequent first (ties by name).
    pub fn top_missing(&self, n: usize) -> Vec<(&str, usize)> {
        let mut v: Vec<(&str, usize)> = self
            .result
            .missing_inputs
            .iter()
            .map(|(k, c)| (k.as_str(), *c))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

/// One output format.
pub trait Reporter {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()>;
}

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    /// Workbook for the review meeting; binary, so it needs `-o FILE`.
    Xlsx,
    /// One self-contained page with charts and a sortable table.
    Html,
}

impl Format {
    pub fn reporter(self) -> Box<dyn Reporter> {
        match self {
            Format::Table => Box::new(table::Table { width: None }),
            Format::Json => Box::new(json::Json),
            Format::Xlsx => Box::new(xlsx::Xlsx),
            Format::Html => Box::new(html::Html),
        }
    }
}
