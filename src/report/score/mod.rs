//! Scores and grades per case (评查, review.md "Scoring") from the standard in
//! `checks/scoring.toml`, and the per-brigade summaries the meeting reports show.
//!
//! The standard is data because provinces differ and Henan's point values are unverified
//! (legal.md §5.1); the shipped file says it is caselint's default. Scoring reads only the finished
//! findings, so it is the same for every output format.
//!
//! The standard itself (`Scoring`, `Points`, grades) is loaded data in `knowledge::scoring`;
//! here it is applied to a run's findings. `brigades` holds the per-brigade summaries.

mod brigades;
#[cfg(test)]
pub(crate) mod sample;
#[cfg(test)]
mod tests;

pub use crate::knowledge::scoring::{note_in, Grade, Points, Rate, Scoring, VetoWhen};
pub use brigades::{brigade_label, brigades, ranks, rule_counts, BrigadeSummary, CATEGORIES};

use crate::finding::{Category, Finding, Lang, Place, Severity};
use crate::model::run::{CaseSummary, ScanResult};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One rule's deduction on one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deduction {
    pub code: String,
    /// Findings of the rule on the case.
    pub count: usize,
    /// Points deducted (after the cap).
    pub points: Points,
    /// Whether the cap cut the deduction.
    pub capped: bool,
}

/// A case's score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseScore {
    /// Index into `ScanResult::cases`.
    pub case: usize,
    pub file: String,
    pub case_no: Option<String>,
    pub brigade: String,
    pub score: Points,
    pub grade: Grade,
    /// Rules that failed a basic item (sorted); non-empty means the veto grade.
    pub veto: Vec<String>,
    /// By code; rules that cost no points are left out.
    pub deductions: Vec<Deduction>,
    /// Unwaived findings on the case.
    pub findings: usize,
}

/// The case each finding belongs to (index into `result.cases`), or `None` for a file-level
/// finding. A finding belongs to the case with its file and case number; where a file holds
/// several such cases (a ledger with a repeated or missing number), to the one on its row.
/// A finding without a case number that is not about the file (a case without a number) belongs
/// to that file's numberless case. One pass over the cases; what it keeps is per finding.
pub fn case_of_findings(result: &ScanResult) -> Vec<Option<usize>> {
    // file → case number → the cases with that file and number (index, place)
    // Every case's file and number are looked up here (10⁵ on a year's ledger).
    type Cands = crate::fastmap::FastMap<Option<String>, Vec<(usize, Place)>>;
    let mut wanted: crate::fastmap::FastMap<&str, Cands> = Default::default();
    for f in &result.findings {
        if !(f.case_no.is_none() && f.category == Category::File) {
            let by_no = wanted.entry(f.file.as_str()).or_default();
            if !by_no.contains_key(&f.case_no) {
                by_no.insert(f.case_no.clone(), Vec::new());
            }
        }
    }
    if !wanted.is_empty() {
        let heads = result.cases.iter_head(crate::model::run::CaseHead::of);
        for (i, c) in heads.enumerate() {
            let Some(by_no) = wanted.get_mut(c.file.as_str()) else {
                continue;
            };
            if let Some(cands) = by_no.get_mut(&c.case_no) {
                cands.push((i, c.at));
            }
        }
    }
    let merged: HashMap<(&str, &Option<String>), usize> = result
        .coverage
        .merged
        .iter()
        .map(|m| ((m.file.as_str(), &m.case_no), m.into))
        .collect();
    result
        .findings
        .iter()
        .map(|f| {
            if f.case_no.is_none() && f.category == Category::File {
                return None;
            }
            let Some(cands) = wanted
                .get(f.file.as_str())
                .and_then(|m| m.get(&f.case_no))
                .filter(|c| !c.is_empty())
            else {
                // A ledger row folded into its case file's case (F009): scored there.
                return merged.get(&(f.file.as_str(), &f.case_no)).copied();
            };
            let same_row = |(_, at): &&(usize, Place)| match (at, &f.place) {
                (
                    Place::Cell { sheet, row, .. },
                    Place::Cell {
                        sheet: s2, row: r2, ..
                    },
                ) => sheet == s2 && row == r2,
                _ => false,
            };
            cands
                .iter()
                .find(same_row)
                .or(cands.first())
                .map(|(i, _)| *i)
        })
        .collect()
}

/// Scores cases one at a time, so a report can stream them: it keeps only the findings of the
/// cases that have some. Waived findings and file-level findings do not score.
pub struct Scorer<'a> {
    result: &'a ScanResult,
    standard: &'a Scoring,
    mine: HashMap<usize, Vec<&'a Finding>>,
}

impl<'a> Scorer<'a> {
    pub fn new(result: &'a ScanResult, standard: &'a Scoring) -> Self {
        Self::with_owners(result, standard, &case_of_findings(result))
    }

    /// With the findings' owners already known (see [`case_of_findings`]).
    pub fn with_owners(
        result: &'a ScanResult,
        standard: &'a Scoring,
        owner: &[Option<usize>],
    ) -> Self {
        let mut mine: HashMap<usize, Vec<&Finding>> = HashMap::new();
        for (f, o) in result.findings.iter().zip(owner) {
            if let (Some(i), None) = (o, &f.waived) {
                mine.entry(*i).or_default().push(f);
            }
        }
        // A ledger row folded into its case file's case (F009) scores there once: what the
        // row shows again (same rule and subject) does not deduct twice.
        if !result.coverage.merged.is_empty() {
            let from_row: HashSet<(&str, &Option<String>)> = result
                .coverage
                .merged
                .iter()
                .map(|m| (m.file.as_str(), &m.case_no))
                .collect();
            for fs in mine.values_mut() {
                let row = |f: &Finding| from_row.contains(&(f.file.as_str(), &f.case_no));
                let own: HashSet<(String, String)> = fs
                    .iter()
                    .filter(|f| !row(f))
                    .map(|f| (f.code.clone(), f.subject.clone()))
                    .collect();
                fs.retain(|f| !row(f) || !own.contains(&(f.code.clone(), f.subject.clone())));
            }
        }
        Scorer {
            result,
            standard,
            mine,
        }
    }

    /// Every case with its score, in case order.
    pub fn iter(&self) -> impl Iterator<Item = (CaseSummary, CaseScore)> + '_ {
        self.result.cases.iter().enumerate().map(|(i, c)| {
            let s = self.score(i, &c);
            (c, s)
        })
    }

    /// The score of case `i`.
    pub fn score(&self, i: usize, c: &CaseSummary) -> CaseScore {
        let m = self.marks(i);
        CaseScore {
            case: i,
            file: c.file.clone(),
            case_no: c.case_no.clone(),
            brigade: c.brigade.clone(),
            score: m.score,
            grade: m.grade.clone(),
            veto: m.veto,
            deductions: m.deductions,
            findings: m.findings,
        }
    }

    /// The score of case `i` without the case's identity: the JSON case list writes it beside
    /// the record it has, so nothing is copied.
    pub fn marks(&self, i: usize) -> Marks<'a> {
        let standard = self.standard;
        let fs: &[&Finding] = self.mine.get(&i).map(Vec::as_slice).unwrap_or(&[]);
        // code → (count, category, worst severity)
        let mut per_rule: BTreeMap<&str, (usize, Category, Severity)> = BTreeMap::new();
        let mut veto = BTreeSet::new();
        for f in fs {
            let e = per_rule
                .entry(f.code.as_str())
                .or_insert((0, f.category, f.severity));
            e.0 += 1;
            e.2 = e.2.max(f.severity);
            if standard.is_veto(f) {
                veto.insert(f.code.clone());
            }
        }
        let mut deductions = Vec::new();
        let mut total = Points(0);
        for (code, (count, cat, sev)) in per_rule {
            let rate = standard.rate(code, cat, sev);
            let full = Points(rate.points.0 * count as i64);
            let points = full.min(rate.cap);
            if points == Points(0) {
                continue;
            }
            total.0 += points.0;
            deductions.push(Deduction {
                code: code.to_string(),
                count,
                points,
                capped: full > rate.cap,
            });
        }
        let score = Points((standard.start.0 - total.0).max(0));
        let grade = if veto.is_empty() {
            standard.grade_for(score)
        } else {
            &standard.grades[standard.veto_grade]
        };
        Marks {
            score,
            grade,
            veto: veto.into_iter().collect(),
            deductions,
            findings: fs.len(),
        }
    }
}

/// A case's score, grade, vetoes and deductions ([`Scorer::marks`]).
pub struct Marks<'s> {
    pub score: Points,
    pub grade: &'s Grade,
    pub veto: Vec<String>,
    pub deductions: Vec<Deduction>,
    pub findings: usize,
}

/// Scores every case, in case order (for the formats that need them all at once).
pub fn score_cases(result: &ScanResult, standard: &Scoring) -> Vec<CaseScore> {
    Scorer::new(result, standard)
        .iter()
        .map(|(_, s)| s)
        .collect()
}

/// One deduction as a reviewer reads it: `P003 ×2 −20（已封顶）`.
pub fn deduction_line(d: &Deduction, lang: Lang) -> String {
    let capped = if d.capped {
        lang.pick("（已达上限）", " (capped)")
    } else {
        ""
    };
    format!("{} ×{} −{}{capped}", d.code, d.count, d.points)
}

/// Number of score bins in the distribution charts: 0–9, 10–19, …, 90–100.
pub const SCORE_BINS: usize = 10;

/// The bin of a score on a 100-point scale (100 falls in the last bin).
pub fn score_bin(score: Points, start: Points) -> usize {
    if start.0 <= 0 {
        return 0;
    }
    let pct = score.0 * 100 / start.0;
    ((pct / 10).max(0) as usize).min(SCORE_BINS - 1)
}
