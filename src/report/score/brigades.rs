//! The per-brigade summaries the meeting reports show (合格率, 不合格率, per-100 rates,
//! ranking) and per-rule counts, from scored cases. Uses the run's results (`model::run`) and
//! the scoring standard.

use super::{score_bin, CaseScore, Scoring, SCORE_BINS};
use crate::finding::{Category, Lang, Severity};
use crate::model::run::ScanResult;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Categories in report order.
pub const CATEGORIES: [Category; 5] = [
    Category::File,
    Category::Subject,
    Category::Procedure,
    Category::Law,
    Category::Document,
];

/// What the reports show per brigade.
#[derive(Debug, Clone, PartialEq)]
pub struct BrigadeSummary {
    /// As the scan found it; may be empty (no folder and no agency).
    pub name: String,
    pub cases: usize,
    /// Mean score, rounded to one decimal; `None` without cases.
    pub mean: Option<f64>,
    /// Cases per grade, in the standard's band order.
    pub grades: Vec<usize>,
    /// Cases graded as the standard's failing grade (不合格).
    pub failed: usize,
    /// Unwaived findings on the brigade's cases, and file-level findings in its files.
    pub findings: usize,
    pub by_category: BTreeMap<Category, usize>,
    /// Most frequent rules, most first (ties by code).
    pub top_rules: Vec<(String, usize)>,
    /// Cases per score bin (see [`score_bin`]).
    pub bins: [usize; SCORE_BINS],
    /// Files that could not be read at all (未评查): a file-level error and no case read.
    pub unchecked: usize,
}

impl BrigadeSummary {
    /// Findings of a category per 100 cases, one decimal; `None` without cases.
    pub fn per_100(&self, cat: Category) -> Option<f64> {
        (self.cases > 0).then(|| {
            let n = self.by_category.get(&cat).copied().unwrap_or(0) as f64;
            (n * 1000.0 / self.cases as f64).round() / 10.0
        })
    }

    /// Share of cases not failed (合格率), 0–1; `None` without cases.
    pub fn pass_rate(&self) -> Option<f64> {
        (self.cases > 0).then(|| (self.cases - self.failed) as f64 / self.cases as f64)
    }

    /// Share of cases failed (不合格率), 0–1; `None` without cases.
    pub fn fail_rate(&self) -> Option<f64> {
        (self.cases > 0).then(|| self.failed as f64 / self.cases as f64)
    }

    /// Data-quality findings (export problems: the file category), which deduct no points.
    pub fn data_quality(&self) -> usize {
        self.by_category.get(&Category::File).copied().unwrap_or(0)
    }

    /// Display name: the brigade, or a placeholder when the scan could not tell.
    pub fn label(&self, lang: Lang) -> String {
        brigade_label(&self.name, lang)
    }
}

/// A brigade's display name; empty becomes `（未分组）`.
pub fn brigade_label(name: &str, lang: Lang) -> String {
    if name.is_empty() {
        lang.pick("（未分组）", "(ungrouped)").to_string()
    } else {
        name.to_string()
    }
}

/// The brigades' ranking (1 = best): by 合格率 (higher first), then 不合格率 (lower first), then
/// mean score; brigades without cases are not ranked. Ties share a rank. Parallel to `b`.
pub fn ranks(b: &[BrigadeSummary]) -> Vec<Option<usize>> {
    let key = |x: &BrigadeSummary| {
        (
            std::cmp::Reverse((x.pass_rate().unwrap_or(0.0) * 1e6).round() as i64),
            (x.fail_rate().unwrap_or(0.0) * 1e6).round() as i64,
            std::cmp::Reverse((x.mean.unwrap_or(0.0) * 10.0).round() as i64),
        )
    };
    b.iter()
        .map(|x| {
            (x.cases > 0).then(|| 1 + b.iter().filter(|y| y.cases > 0 && key(y) < key(x)).count())
        })
        .collect()
}

/// Per-brigade summaries, sorted by brigade name. `scores` are every case's, in case order;
/// `owner` is [`case_of_findings`]. `top` is how many rules to keep. A file that yielded no case
/// counts for the brigade of its folder: its file findings as data quality and, when it could
/// not be read (a file-level error), as 未评查.
pub fn brigades(
    result: &ScanResult,
    scores: &[CaseScore],
    owner: &[Option<usize>],
    standard: &Scoring,
    top: usize,
) -> Vec<BrigadeSummary> {
    // A file's brigade, for file-level findings (all cases of a file share its folder).
    let mut file_brigade: HashMap<&str, &str> = HashMap::new();
    for s in scores {
        file_brigade
            .entry(s.file.as_str())
            .or_insert(s.brigade.as_str());
    }
    // Files without cases that have file-level findings: their folder's brigade.
    let orphans: BTreeSet<&str> = result
        .findings
        .iter()
        .zip(owner)
        .filter(|(f, o)| o.is_none() && !file_brigade.contains_key(f.file.as_str()))
        .map(|(f, _)| f.file.as_str())
        .collect();
    let mut folder: HashMap<String, String> = HashMap::new();
    if !orphans.is_empty() {
        for i in result.inputs.iter() {
            if orphans.contains(i.file.as_str()) {
                folder.insert(i.file, i.brigade.unwrap_or_default());
            }
        }
    }
    // brigade → (its cases, findings per rule, findings per category, unreadable files)
    type Acc<'a> = (
        Vec<&'a CaseScore>,
        BTreeMap<&'a str, usize>,
        BTreeMap<Category, usize>,
        BTreeSet<&'a str>,
    );
    let mut acc: BTreeMap<&str, Acc> = BTreeMap::new();
    for s in scores {
        acc.entry(s.brigade.as_str()).or_default().0.push(s);
    }
    for (f, o) in result.findings.iter().zip(owner) {
        if f.waived.is_some() {
            continue;
        }
        let b = match o {
            Some(i) => scores.get(*i).map(|s| s.brigade.as_str()),
            None => file_brigade
                .get(f.file.as_str())
                .copied()
                .or_else(|| folder.get(f.file.as_str()).map(String::as_str)),
        };
        if let Some(b) = b {
            let e = acc.entry(b).or_default();
            *e.1.entry(f.code.as_str()).or_default() += 1;
            *e.2.entry(f.category).or_default() += 1;
            if o.is_none()
                && f.case_no.is_none()
                && f.category == Category::File
                && f.severity == Severity::Error
                && !file_brigade.contains_key(f.file.as_str())
            {
                e.3.insert(f.file.as_str());
            }
        }
    }
    let failing = &standard.grades[standard.veto_grade].id;
    acc.into_iter()
        .map(|(name, (cs, rules, by_category, unreadable))| {
            let mut grades = vec![0; standard.grades.len()];
            let mut bins = [0; SCORE_BINS];
            let mut failed = 0;
            for s in &cs {
                if let Some(g) = standard.grades.iter().position(|g| g.id == s.grade.id) {
                    grades[g] += 1;
                }
                if &s.grade.id == failing {
                    failed += 1;
                }
                bins[score_bin(s.score, standard.start)] += 1;
            }
            let mean = (!cs.is_empty()).then(|| {
                let sum: i64 = cs.iter().map(|s| s.score.0).sum();
                // tenths → points, rounded to one decimal
                (sum as f64 / cs.len() as f64).round() / 10.0
            });
            let mut top_rules: Vec<(String, usize)> =
                rules.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            top_rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            top_rules.truncate(top);
            BrigadeSummary {
                name: name.to_string(),
                cases: cs.len(),
                mean,
                grades,
                failed,
                findings: by_category.values().sum(),
                by_category,
                top_rules,
                bins,
                unchecked: unreadable.len(),
            }
        })
        .collect()
}

/// Per rule: unwaived findings and distinct cases hit, by code. `owner` is [`case_of_findings`].
pub fn rule_counts(
    result: &ScanResult,
    owner: &[Option<usize>],
) -> BTreeMap<String, (usize, usize)> {
    let mut m: BTreeMap<String, (usize, BTreeSet<usize>)> = BTreeMap::new();
    for (f, o) in result.findings.iter().zip(owner) {
        if f.waived.is_some() {
            continue;
        }
        let e = m.entry(f.code.clone()).or_default();
        e.0 += 1;
        if let Some(i) = o {
            e.1.insert(*i);
        }
    }
    m.into_iter()
        .map(|(k, (n, cs))| (k, (n, cs.len())))
        .collect()
}
