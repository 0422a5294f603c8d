//! Scores and grades per case (评查, review.md "Scoring") from the standard in
//! `checks/scoring.toml`, and the per-brigade summaries the meeting reports show.
//!
//! The standard is data because provinces differ and Henan's point values are unverified
//! (legal.md §5.1); the shipped file says it is caselint's default. Scoring reads only the finished
//! findings, so it is the same for every output format.

use crate::data::{parse_toml, DataError};
use crate::finding::{Category, Finding, Lang, Place, Severity};
use crate::model::run::{CaseSummary, ScanResult};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use toml::Spanned;

/// Marks a scoring value may carry: legal.md's four, plus `DEFAULT` for the tool's own choice.
const MARKS: [&str; 5] = ["VERIFIED", "SECONDARY", "UNVERIFIED", "DERIVED", "DEFAULT"];

/// Points, in tenths, so half points (common in score sheets) add up exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(pub i64);

impl Points {
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 10.0
    }
    /// A JSON number: an integer when whole (`100`, not `100.0`).
    pub fn json(self) -> serde_json::Value {
        if self.0 % 10 == 0 {
            serde_json::json!(self.0 / 10)
        } else {
            serde_json::json!(self.as_f64())
        }
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.abs();
        if a % 10 == 0 {
            write!(f, "{sign}{}", a / 10)
        } else {
            write!(f, "{sign}{}.{}", a / 10, a % 10)
        }
    }
}

/// What one finding deducts, and the most one rule may deduct from one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub points: Points,
    pub cap: Points,
}

/// A rule that vetoes only under a condition: at or above `severity`, and (when `subjects` is
/// not empty) only for findings about one of `subjects` (P001's missing notice or decision).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VetoWhen {
    pub code: String,
    pub severity: Option<Severity>,
    pub subjects: BTreeSet<String>,
}

impl VetoWhen {
    fn matches(&self, f: &Finding) -> bool {
        f.code == self.code
            && self.severity.is_none_or(|s| f.severity >= s)
            && (self.subjects.is_empty() || self.subjects.contains(&f.subject))
    }
}

/// A grade band.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    /// Stable identifier (`excellent`, `pass`, `fail`), used in JSON.
    pub id: String,
    pub zh: String,
    pub en: String,
    /// Lowest score in the band.
    pub min: Points,
}

impl Grade {
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// The scoring standard in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    /// Where it came from (`checks/scoring.toml` or the user's file).
    pub origin: String,
    /// The file's own statement of what it is (default, not a published standard).
    pub note: String,
    pub veto_categories: BTreeSet<Category>,
    /// Findings in `veto_categories` at or above this severity veto.
    pub veto_severity: Severity,
    /// Rules that veto whatever their category.
    pub veto_codes: BTreeSet<String>,
    /// Rules that veto only at a severity or for some subjects (`[[veto.when]]`).
    pub veto_when: Vec<VetoWhen>,
    pub start: Points,
    pub by_severity: BTreeMap<Severity, Rate>,
    pub by_category: BTreeMap<(Category, Severity), Rate>,
    pub by_rule: BTreeMap<String, Rate>,
    /// Highest `min` first; the last starts at 0.
    pub grades: Vec<Grade>,
    /// Index into `grades` of a vetoed case's grade.
    pub veto_grade: usize,
}

// ---- the file as written ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoringFile {
    mark: Spanned<String>,
    note: Spanned<String>,
    source: Spanned<String>,
    veto: VetoSpec,
    points: PointsSpec,
    deductions: DeductionSpec,
    grades: GradeSpec,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VetoSpec {
    mark: Spanned<String>,
    note: Spanned<String>,
    source: Spanned<String>,
    categories: Vec<Category>,
    severity: Severity,
    codes: Vec<Spanned<String>>,
    #[serde(default)]
    when: Vec<WhenSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WhenSpec {
    code: Spanned<String>,
    severity: Option<Severity>,
    #[serde(default)]
    subjects: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PointsSpec {
    mark: Spanned<String>,
    note: Spanned<String>,
    source: Spanned<String>,
    start: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeductionSpec {
    mark: Spanned<String>,
    note: Spanned<String>,
    source: Spanned<String>,
    severity: BySeverity,
    #[serde(default)]
    categories: BTreeMap<Category, PartialBySeverity>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, RateSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BySeverity {
    error: RateSpec,
    warning: RateSpec,
    info: RateSpec,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialBySeverity {
    error: Option<RateSpec>,
    warning: Option<RateSpec>,
    info: Option<RateSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateSpec {
    points: Spanned<f64>,
    cap: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GradeSpec {
    mark: Spanned<String>,
    note: Spanned<String>,
    source: Spanned<String>,
    veto: Spanned<String>,
    bands: Vec<BandSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BandSpec {
    id: Spanned<String>,
    zh: String,
    en: String,
    min: Spanned<f64>,
}

/// Collects validation errors of one file.
struct Check<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<DataError>,
}

impl Check<'_> {
    fn err<T>(&mut self, at: &Spanned<T>, msg: String) {
        self.errors.push(DataError::at_offset(
            self.file,
            self.text,
            at.span().start,
            msg,
        ));
    }

    /// mark, note and source of one section: the mark is a known one, the others not empty.
    fn provenance(
        &mut self,
        mark: &Spanned<String>,
        note: &Spanned<String>,
        source: &Spanned<String>,
    ) {
        if !MARKS.contains(&mark.get_ref().as_str()) {
            self.err(
                mark,
                format!(
                    "mark `{}` is not one of {}",
                    mark.get_ref(),
                    MARKS.join(", ")
                ),
            );
        }
        if note.get_ref().trim().is_empty() {
            self.err(note, "note is empty: say what kind of value this is".into());
        }
        if source.get_ref().trim().is_empty() {
            self.err(
                source,
                "source is empty: say where the structure comes from".into(),
            );
        }
    }

    /// A point value: finite, 0 ≤ v ≤ 1000, at most one decimal.
    fn points(&mut self, v: &Spanned<f64>, what: &str) -> Points {
        let x = *v.get_ref();
        let tenths = (x * 10.0).round();
        if !x.is_finite() || !(0.0..=1000.0).contains(&x) {
            self.err(v, format!("{what} = {x}: must be between 0 and 1000"));
            return Points(0);
        }
        if (tenths - x * 10.0).abs() > 1e-6 {
            self.err(
                v,
                format!("{what} = {x}: at most one decimal place (e.g. 0.5)"),
            );
        }
        Points(tenths as i64)
    }

    fn rate(&mut self, r: &RateSpec) -> Rate {
        Rate {
            points: self.points(&r.points, "points"),
            cap: self.points(&r.cap, "cap"),
        }
    }
}

/// A rule code: a category letter and three digits (rules.md).
fn code_ok(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 4 && b"FSPLD".contains(&b[0]) && b[1..].iter().all(u8::is_ascii_digit)
}

impl Scoring {
    /// Parses and validates `scoring.toml`, reporting every problem with its place.
    pub fn from_toml(file: &str, text: &str) -> Result<Scoring, Vec<DataError>> {
        let f: ScoringFile = parse_toml(file, text).map_err(|e| vec![e])?;
        let mut c = Check {
            file,
            text,
            errors: Vec::new(),
        };
        c.provenance(&f.mark, &f.note, &f.source);
        c.provenance(&f.veto.mark, &f.veto.note, &f.veto.source);
        c.provenance(&f.points.mark, &f.points.note, &f.points.source);
        c.provenance(&f.deductions.mark, &f.deductions.note, &f.deductions.source);
        c.provenance(&f.grades.mark, &f.grades.note, &f.grades.source);

        let mut veto_codes = BTreeSet::new();
        for code in &f.veto.codes {
            if !code_ok(code.get_ref()) {
                c.err(
                    code,
                    format!("`{}` is not a rule code (like P003)", code.get_ref()),
                );
            } else if !veto_codes.insert(code.get_ref().clone()) {
                c.err(code, format!("{} is listed twice", code.get_ref()));
            }
        }
        let mut veto_when = Vec::new();
        for w in &f.veto.when {
            let code = w.code.get_ref();
            if !code_ok(code) {
                c.err(&w.code, format!("`{code}` is not a rule code (like P003)"));
            } else if veto_codes.contains(code) {
                c.err(
                    &w.code,
                    format!("{code} is in `codes` already (it vetoes without condition)"),
                );
            } else if w.severity.is_none() && w.subjects.is_empty() {
                c.err(
                    &w.code,
                    format!("{code}: a condition needs `severity` or `subjects` (else list it in `codes`)"),
                );
            }
            veto_when.push(VetoWhen {
                code: code.clone(),
                severity: w.severity,
                subjects: w.subjects.iter().map(|s| s.trim().to_string()).collect(),
            });
        }
        let start = c.points(&f.points.start, "start");
        if start == Points(0) {
            c.err(&f.points.start, "start must be above 0".into());
        }

        let d = &f.deductions;
        let by_severity = BTreeMap::from([
            (Severity::Error, c.rate(&d.severity.error)),
            (Severity::Warning, c.rate(&d.severity.warning)),
            (Severity::Info, c.rate(&d.severity.info)),
        ]);
        let mut by_category = BTreeMap::new();
        for (cat, p) in &d.categories {
            for (sev, r) in [
                (Severity::Error, &p.error),
                (Severity::Warning, &p.warning),
                (Severity::Info, &p.info),
            ] {
                if let Some(r) = r {
                    by_category.insert((*cat, sev), c.rate(r));
                }
            }
        }
        let mut by_rule = BTreeMap::new();
        for (code, r) in &d.rules {
            if !code_ok(code.get_ref()) {
                c.err(
                    code,
                    format!("`{}` is not a rule code (like P003)", code.get_ref()),
                );
            }
            by_rule.insert(code.get_ref().clone(), c.rate(r));
        }

        let g = &f.grades;
        let mut grades: Vec<Grade> = Vec::new();
        for (i, b) in g.bands.iter().enumerate() {
            let min = c.points(&b.min, "min");
            if grades.iter().any(|x| &x.id == b.id.get_ref()) {
                c.err(
                    &b.id,
                    format!("grade `{}` is defined twice", b.id.get_ref()),
                );
            }
            if let Some(prev) = grades.last() {
                if min >= prev.min {
                    c.err(&b.min, "bands go from the highest min down".into());
                }
            }
            if min > start {
                c.err(
                    &b.min,
                    format!("min {min} is above the start of {start} points"),
                );
            }
            if i + 1 == g.bands.len() && min != Points(0) {
                c.err(
                    &b.min,
                    "the last band must start at 0, so every score has a grade".into(),
                );
            }
            if b.zh.trim().is_empty() || b.en.trim().is_empty() {
                c.err(&b.id, "a grade needs both zh and en labels".into());
            }
            grades.push(Grade {
                id: b.id.get_ref().clone(),
                zh: b.zh.clone(),
                en: b.en.clone(),
                min,
            });
        }
        if grades.is_empty() {
            c.err(&g.veto, "no grade bands ([[grades.bands]])".into());
        }
        let veto_grade = grades.iter().position(|x| &x.id == g.veto.get_ref());
        if veto_grade.is_none() && !grades.is_empty() {
            c.err(
                &g.veto,
                format!("grade `{}` is not one of the bands", g.veto.get_ref()),
            );
        }
        if !c.errors.is_empty() {
            return Err(c.errors);
        }
        Ok(Scoring {
            origin: file.to_string(),
            note: f.note.into_inner(),
            veto_categories: f.veto.categories.into_iter().collect(),
            veto_severity: f.veto.severity,
            veto_codes,
            veto_when,
            start,
            by_severity,
            by_category,
            by_rule,
            grades,
            veto_grade: veto_grade.unwrap_or(0),
        })
    }

    /// The shipped default standard (parsed once; tests and reports without a knowledge base).
    pub fn shipped() -> &'static Scoring {
        static SHIPPED: std::sync::OnceLock<Scoring> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(|| {
            let text = crate::data::shipped_text("scoring.toml");
            Scoring::from_toml("checks/scoring.toml", text).expect("shipped scoring.toml is valid")
        })
    }

    /// The deduction for a finding of `code`: per rule, else per category and severity, else
    /// per severity.
    pub fn rate(&self, code: &str, category: Category, severity: Severity) -> Rate {
        self.by_rule
            .get(code)
            .or_else(|| self.by_category.get(&(category, severity)))
            .or_else(|| self.by_severity.get(&severity))
            .copied()
            .unwrap_or(Rate {
                points: Points(0),
                cap: Points(0),
            })
    }

    /// Whether a finding is a basic-item (基础标准) failure. A finding that rests only on a
    /// ledger's blank cell or on an absence inferred from the export deducts but never vetoes.
    pub fn is_veto(&self, f: &Finding) -> bool {
        f.evidence == crate::finding::Evidence::Recorded
            && (self.veto_codes.contains(&f.code)
                || self.veto_when.iter().any(|w| w.matches(f))
                || (self.veto_categories.contains(&f.category) && f.severity >= self.veto_severity))
    }

    /// The grade of a score without veto.
    pub fn grade_for(&self, score: Points) -> &Grade {
        self.grades
            .iter()
            .find(|g| score >= g.min)
            .unwrap_or_else(|| self.grades.last().expect("validated: at least one band"))
    }
}

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
    type Cands = HashMap<Option<String>, Vec<(usize, Place)>>;
    let mut wanted: HashMap<&str, Cands> = HashMap::new();
    for f in &result.findings {
        if !(f.case_no.is_none() && f.category == Category::File) {
            let by_no = wanted.entry(f.file.as_str()).or_default();
            if !by_no.contains_key(&f.case_no) {
                by_no.insert(f.case_no.clone(), Vec::new());
            }
        }
    }
    if !wanted.is_empty() {
        for (i, c) in result.cases.iter().enumerate() {
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
            standard.grade_for(score).clone()
        } else {
            standard.grades[standard.veto_grade].clone()
        };
        CaseScore {
            case: i,
            file: c.file.clone(),
            case_no: c.case_no.clone(),
            brigade: c.brigade.clone(),
            score,
            grade,
            veto: veto.into_iter().collect(),
            deductions,
            findings: fs.len(),
        }
    }
}

/// Scores every case, in case order (for the formats that need them all at once).
pub fn score_cases(result: &ScanResult, standard: &Scoring) -> Vec<CaseScore> {
    Scorer::new(result, standard)
        .iter()
        .map(|(_, s)| s)
        .collect()
}

/// One deduction as a reviewer reads it: `P003 ×2 −20（已封顶）`.
/// The part of a data note in `lang`: shipped notes read `中文 / English`; a note in one
/// language (a jurisdiction's own scoring.toml) is shown as it is.
pub fn note_in(note: &str, lang: Lang) -> &str {
    // The English half starts after a `/ ` that follows Chinese text (`…。/ caselint's …`).
    let split = note.match_indices("/ ").map(|(i, _)| i).find(|&i| {
        !note[..i].is_ascii()
            && note[i + 2..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
    });
    match split.map(|i| (&note[..i], &note[i + 2..])) {
        Some((zh, en)) => match lang {
            Lang::Zh => zh.trim(),
            Lang::En => en.trim(),
        },
        None => note,
    }
}

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

/// A small fixed run for the report tests: two brigades, a vetoed case, a capped rule, a
/// file-level finding, a waived one, and text that needs escaping.
#[cfg(test)]
pub(crate) mod sample {
    use crate::finding::{Category, Finding, Place, Severity};
    use crate::model::run::{CaseSummary, ScanResult};
    use crate::model::SourceKind;

    pub fn case(file: &str, no: Option<&str>, brigade: &str) -> CaseSummary {
        CaseSummary {
            file: file.into(),
            at: Place::line(2, 1),
            source: SourceKind::Xml,
            case_no: no.map(str::to_string),
            brigade: brigade.into(),
            agency: None,
            decision_no: None,
            decided_on: None,
            party: None,
            violation_date: None,
            bases: vec![],
            fine: None,
            procedure_summary: false,
            coverage: Default::default(),
        }
    }

    pub fn finding(code: &str, sev: Severity, file: &str, no: Option<&str>, line: u32) -> Finding {
        Finding {
            code: code.into(),
            severity: sev,
            category: Category::from_code(code),
            case_no: no.map(str::to_string),
            file: file.into(),
            place: Place::line(line, 3),
            message: format!("{code} 问题描述"),
            basis: "《中华人民共和国行政处罚法》第六十条".into(),
            help: "补正".into(),
            subject: format!("s{line}"),
            waived: None,
            evidence: Default::default(),
        }
    }

    pub fn result() -> ScanResult {
        use Severity::*;
        let mut findings = vec![
            // a.xml: clean except one warning → 97
            finding(
                "P007",
                Warning,
                "一大队/a.xml",
                Some("甲消行罚决字〔2022〕1号"),
                10,
            ),
            // b.xml: P004 veto; D005 three times (capped at 6)
            finding("P004", Error, "一大队/b.xml", Some("B-2"), 5),
            finding("D005", Warning, "一大队/b.xml", Some("B-2"), 6),
            finding("D005", Warning, "一大队/b.xml", Some("B-2"), 7),
            finding("D005", Warning, "一大队/b.xml", Some("B-2"), 8),
            // c.xml: a file-level finding, and an escaped message on the case
            finding("F005", Info, "二大队/c.xml", None, 1),
            finding("D003", Error, "二大队/c.xml", Some("C-3"), 9),
            // waived: does not score
            finding("P010", Error, "二大队/c.xml", Some("C-3"), 12),
        ];
        findings[6].message = "当事人<script>alert(1)</script>&\"x\"".into();
        findings[7].waived = Some("已批准".into());
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        ScanResult {
            findings,
            cases: vec![
                case("一大队/a.xml", Some("甲消行罚决字〔2022〕1号"), "一大队"),
                case("一大队/b.xml", Some("B-2"), "一大队"),
                case("二大队/c.xml", Some("C-3"), "二大队"),
            ]
            .into(),
            files: 3,
            bytes: 300,
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity::*;
    use sample::{case, finding};

    fn standard() -> Scoring {
        Scoring::shipped().clone()
    }

    fn run(cases: Vec<crate::model::run::CaseSummary>, findings: Vec<Finding>) -> Vec<CaseScore> {
        let r = ScanResult {
            findings,
            cases: cases.into(),
            ..Default::default()
        };
        score_cases(&r, &standard())
    }

    #[test]
    fn shipped_standard_is_the_documented_default() {
        let s = Scoring::shipped();
        assert_eq!(s.start, Points(1000));
        assert_eq!(
            s.veto_codes.iter().cloned().collect::<Vec<_>>(),
            ["P002", "P004", "P005", "P008", "P011", "P012", "P016"]
        );
        let when: Vec<&str> = s.veto_when.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(when, ["P001", "P009"]);
        assert_eq!(
            s.veto_categories,
            BTreeSet::from([Category::Subject, Category::Law])
        );
        let ids: Vec<&str> = s.grades.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["excellent", "pass", "fail"]);
        assert_eq!(s.grades[s.veto_grade].zh, "不合格");
        assert!(s.note.contains("不是已公布的评查标准"), "{}", s.note);
        // Each language reads its own half of the note.
        let zh = note_in(&s.note, Lang::Zh);
        assert!(
            zh.contains("不是已公布的评查标准") && !zh.contains("caselint's"),
            "{zh}"
        );
        let en = note_in(&s.note, Lang::En);
        assert!(
            en.starts_with("caselint's default scoring") && !en.contains("评查"),
            "{en}"
        );
        assert_eq!(note_in("本省标准", Lang::En), "本省标准");
        let text = crate::data::shipped_text("scoring.toml");
        // Every section carries the DEFAULT mark.
        assert_eq!(text.matches("mark = \"DEFAULT\"").count(), 5);
    }

    #[test]
    fn points_display_and_json() {
        for (p, s, j) in [
            (Points(1000), "100", "100"),
            (Points(975), "97.5", "97.5"),
            (Points(5), "0.5", "0.5"),
            (Points(0), "0", "0"),
            (Points(-15), "-1.5", "-1.5"),
        ] {
            assert_eq!(p.to_string(), s);
            assert_eq!(p.json().to_string(), j);
        }
    }

    fn subject(mut f: Finding, s: &str) -> Finding {
        f.subject = s.into();
        f
    }

    #[test]
    fn veto_cases() {
        let c = || vec![case("a.xml", Some("A"), "b")];
        // (finding, vetoes?)
        let table = [
            (finding("S001", Error, "a.xml", Some("A"), 1), true),
            (finding("L005", Error, "a.xml", Some("A"), 1), true),
            (finding("L010", Warning, "a.xml", Some("A"), 1), false),
            (finding("L001", Warning, "a.xml", Some("A"), 1), false), // item level: warning
            (finding("P003", Error, "a.xml", Some("A"), 1), false),   // 超期: a deduction
            (finding("P002", Error, "a.xml", Some("A"), 1), true),
            (finding("P004", Error, "a.xml", Some("A"), 1), true),
            (finding("P005", Error, "a.xml", Some("A"), 1), true),
            (finding("P008", Error, "a.xml", Some("A"), 1), true),
            (finding("P011", Error, "a.xml", Some("A"), 1), true),
            (finding("P012", Warning, "a.xml", Some("A"), 1), true), // listed code, any severity
            (finding("P016", Error, "a.xml", Some("A"), 1), true),
            (finding("P009", Error, "a.xml", Some("A"), 1), true),
            (finding("P009", Warning, "a.xml", Some("A"), 1), false),
            (
                subject(finding("P001", Error, "a.xml", Some("A"), 1), "notice"),
                true,
            ),
            (
                subject(finding("P001", Error, "a.xml", Some("A"), 1), "decision"),
                true,
            ),
            (
                subject(finding("P001", Error, "a.xml", Some("A"), 1), "filing"),
                false,
            ),
            (finding("D001", Error, "a.xml", Some("A"), 1), false),
            (finding("F005", Error, "a.xml", Some("A"), 1), false),
        ];
        for (f, vetoes) in table {
            let code = f.code.clone();
            let s = &run(c(), vec![f])[0];
            assert_eq!(!s.veto.is_empty(), vetoes, "{code}: {s:?}");
            if vetoes {
                // 90 or 97 points, still 不合格
                assert_eq!(s.grade.id, "fail", "{code}");
                assert!(s.score >= Points(900), "{code}: {}", s.score);
                assert_eq!(s.veto, [code]);
            } else {
                assert_ne!(s.grade.id, "fail", "{code}");
            }
        }
        // A waived veto finding does not veto.
        let mut f = finding("P004", Error, "a.xml", Some("A"), 1);
        f.waived = Some("ok".into());
        let s = &run(c(), vec![f])[0];
        assert!(s.veto.is_empty());
        assert_eq!((s.score, s.grade.id.as_str()), (Points(1000), "excellent"));
    }

    #[test]
    fn inferred_or_blank_evidence_deducts_without_veto() {
        for e in [
            crate::finding::Evidence::Inferred,
            crate::finding::Evidence::LedgerBlank,
        ] {
            let mut f = finding("L005", Error, "a.xml", Some("A"), 1);
            f.evidence = e;
            let s = &run(vec![case("a.xml", Some("A"), "b")], vec![f])[0];
            assert!(s.veto.is_empty(), "{e:?}");
            assert!(s.score < Points(1000));
        }
    }

    #[test]
    fn a_ledger_row_folded_into_its_file_scores_there_once() {
        let mut r = ScanResult {
            findings: vec![
                finding("P003", Warning, "a.xml", Some("A"), 1),
                finding("P003", Warning, "t.xlsx", Some("A"), 1),
                finding("D005", Warning, "t.xlsx", Some("A"), 2),
            ],
            cases: vec![case("a.xml", Some("A"), "b")].into(),
            ..Default::default()
        };
        r.coverage.merged.push(crate::model::coverage::Merged {
            file: "t.xlsx".into(),
            case_no: Some("A".into()),
            at: Place::File,
            into: 0,
        });
        let s = &score_cases(&r, &standard())[0];
        let codes: Vec<(&str, usize)> = s
            .deductions
            .iter()
            .map(|d| (d.code.as_str(), d.count))
            .collect();
        assert_eq!(codes, [("D005", 1), ("P003", 1)]);
    }

    #[test]
    fn cap_per_rule_per_case() {
        // (warnings of one rule, expected deduction, capped?) with warning 3 per finding, cap 6
        for (n, points, capped) in [(1, 30, false), (2, 60, false), (3, 60, true), (9, 60, true)] {
            let fs = (0..n)
                .map(|i| finding("D005", Warning, "a.xml", Some("A"), i + 1))
                .collect();
            let s = &run(vec![case("a.xml", Some("A"), "b")], fs)[0];
            assert_eq!(
                s.deductions,
                [Deduction {
                    code: "D005".into(),
                    count: n as usize,
                    points: Points(points),
                    capped
                }],
                "{n}"
            );
            assert_eq!(s.score, Points(1000 - points));
        }
    }

    #[test]
    fn floor_at_zero() {
        // 11 error rules × 10 points (cap 20 each, one finding each) = 110 > 100
        let fs: Vec<Finding> = (1..=11)
            .map(|i| finding(&format!("D{i:03}"), Error, "a.xml", Some("A"), i))
            .collect();
        let s = &run(vec![case("a.xml", Some("A"), "b")], fs)[0];
        assert_eq!(s.score, Points(0));
        assert_eq!(s.deductions.len(), 11);
        assert_eq!(s.grade.id, "fail");
    }

    #[test]
    fn grades_at_band_edges() {
        let s = standard();
        for (tenths, id) in [
            (1000, "excellent"),
            (900, "excellent"),
            (899, "pass"),
            (700, "pass"),
            (699, "fail"),
            (0, "fail"),
        ] {
            assert_eq!(s.grade_for(Points(tenths)).id, id, "{tenths}");
        }
        // Through scoring: 10 warnings of distinct rules = 70 → 合格; 11 → 67 → 不合格;
        // 1 error = 90 → 优秀.
        let warn = |n: u32| -> Vec<Finding> {
            (1..=n)
                .map(|i| finding(&format!("D{i:03}"), Warning, "a.xml", Some("A"), i))
                .collect()
        };
        let c = || vec![case("a.xml", Some("A"), "b")];
        let s10 = &run(c(), warn(10))[0];
        assert_eq!((s10.score, s10.grade.id.as_str()), (Points(700), "pass"));
        let s11 = &run(c(), warn(11))[0];
        assert_eq!((s11.score, s11.grade.id.as_str()), (Points(670), "fail"));
        let e = &run(c(), vec![finding("D001", Error, "a.xml", Some("A"), 1)])[0];
        assert_eq!((e.score, e.grade.id.as_str()), (Points(900), "excellent"));
    }

    #[test]
    fn file_level_findings_do_not_score_and_attribution() {
        let mut ledger_a = case("l.xlsx", Some("X"), "b");
        ledger_a.at = Place::cell("2022", 4, 0);
        let mut ledger_b = case("l.xlsx", Some("X"), "b"); // repeated number, another row
        ledger_b.at = Place::cell("2022", 5, 0);
        let nameless = case("n.xml", None, "b");
        let mut on_b = finding("D001", Error, "l.xlsx", Some("X"), 1);
        on_b.place = Place::cell("2022", 5, 7);
        let r = ScanResult {
            findings: vec![
                finding("F002", Error, "a.xml", None, 1), // file-level: nobody's
                finding("F006", Warning, "a.xml", Some("A"), 2), // reader finding in a case
                on_b,
                finding("D002", Error, "n.xml", None, 3), // case without a number
                finding("F005", Info, "n.xml", None, 1),  // file-level in that file
                finding("D001", Error, "gone.xml", Some("Z"), 1), // no such case
            ],
            cases: vec![case("a.xml", Some("A"), "b"), ledger_a, ledger_b, nameless].into(),
            ..Default::default()
        };
        assert_eq!(
            case_of_findings(&r),
            [None, Some(0), Some(2), Some(3), None, None]
        );
        let s = score_cases(&r, &standard());
        let scores: Vec<Points> = s.iter().map(|c| c.score).collect();
        // The F006 on case A is data quality: no points.
        assert_eq!(
            scores,
            [Points(1000), Points(1000), Points(900), Points(900)]
        );
    }

    /// review.md, Scoring: a case with P004, P005 or P016 fails whatever its points; export
    /// problems (F-rules) never cost enforcement points; an unreadable file is 未评查 for the
    /// brigade of its folder.
    #[test]
    fn default_scoring_fails_hearing_cases_and_ignores_export_quality() {
        for code in ["P004", "P005", "P016"] {
            let s = &run(
                vec![case("a.xml", Some("A"), "b")],
                vec![finding(code, Error, "a.xml", Some("A"), 1)],
            )[0];
            assert_eq!(
                (s.score, s.grade.id.as_str()),
                (Points(900), "fail"),
                "{code}"
            );
        }
        let fs: Vec<Finding> = ["F001", "F002", "F004", "F005", "F006", "F007", "F009"]
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                [Error, Warning, Info].map(|sev| finding(c, sev, "a.xml", Some("A"), i as u32 + 1))
            })
            .collect();
        let s = &run(vec![case("a.xml", Some("A"), "b")], fs)[0];
        assert_eq!((s.score, s.grade.id.as_str()), (Points(1000), "excellent"));
        assert!(s.deductions.is_empty() && s.veto.is_empty(), "{s:?}");

        let r = ScanResult {
            findings: vec![
                finding("F001", Error, "乙/bad.xml", None, 1),
                finding("D001", Error, "乙/ok.xml", Some("A"), 1),
                finding("F005", Warning, "乙/ok.xml", None, 1),
            ],
            cases: vec![case("乙/ok.xml", Some("A"), "乙")].into(),
            inputs: vec![
                crate::model::run::InputRecord {
                    file: "乙/bad.xml".into(),
                    bytes: 0,
                    sha256: None,
                    brigade: Some("乙".into()),
                },
                crate::model::run::InputRecord {
                    file: "乙/ok.xml".into(),
                    bytes: 10,
                    sha256: Some("ab".into()),
                    brigade: Some("乙".into()),
                },
            ]
            .into(),
            ..Default::default()
        };
        let scores = score_cases(&r, &standard());
        let b = brigades(&r, &scores, &case_of_findings(&r), &standard(), 3);
        assert_eq!(b.len(), 1);
        assert_eq!((b[0].cases, b[0].unchecked, b[0].data_quality()), (1, 1, 2));
        assert_eq!(b[0].pass_rate(), Some(1.0));
    }

    #[test]
    fn deductions_per_category_and_rule_override() {
        let text = SHIPPED_TEXT.replace(
            "[deductions.categories]\n",
            "[deductions.categories.document]\nwarning = { points = 1.5, cap = 2 }\n",
        );
        let text = text.replace(
            "[deductions.rules]\n",
            "[deductions.rules]\nD005 = { points = 4, cap = 4 }\n",
        );
        let s = Scoring::from_toml("s.toml", &text).unwrap();
        assert_eq!(
            s.rate("D005", Category::Document, Warning).points,
            Points(40)
        );
        assert_eq!(
            s.rate("D007", Category::Document, Warning).points,
            Points(15)
        );
        assert_eq!(
            s.rate("D007", Category::Document, Error).points,
            Points(100)
        );
        assert_eq!(
            s.rate("P007", Category::Procedure, Warning).points,
            Points(30)
        );
        let r = ScanResult {
            findings: vec![
                finding("D007", Warning, "a.xml", Some("A"), 1),
                finding("D007", Warning, "a.xml", Some("A"), 2),
            ],
            cases: vec![case("a.xml", Some("A"), "b")].into(),
            ..Default::default()
        };
        let c = &score_cases(&r, &s)[0];
        assert_eq!(c.deductions[0].points, Points(20)); // 2 × 1.5 = 3, cap 2
        assert!(c.deductions[0].capped);
        assert_eq!(c.score, Points(980));
        assert_eq!(
            deduction_line(&c.deductions[0], Lang::Zh),
            "D007 ×2 −2（已达上限）"
        );
        assert_eq!(
            deduction_line(&c.deductions[0], Lang::En),
            "D007 ×2 −2 (capped)"
        );
    }

    const SHIPPED_TEXT: &str = include_str!("../../checks/scoring.toml");

    /// Bad files: each edit → (line, message fragment).
    #[test]
    fn validation_errors_have_places() {
        let line_of = |needle: &str| {
            SHIPPED_TEXT
                .lines()
                .position(|l| l.starts_with(needle))
                .unwrap()
                + 1
        };
        let cases: Vec<(String, usize, &str)> = vec![
            (
                SHIPPED_TEXT.replace("start = 100", "start = 100\nbonus = 5"),
                line_of("start = 100") + 1,
                "bonus",
            ),
            (
                SHIPPED_TEXT.replace("codes = [\"P002\"", "codes = [\"X002\""),
                line_of("codes = "),
                "not a rule code",
            ),
            (
                SHIPPED_TEXT.replace(
                    "[deductions.rules]\n",
                    "[deductions.rules]\nP14 = { points = 1, cap = 1 }\n",
                ),
                line_of("[deductions.rules]") + 1,
                "not a rule code",
            ),
            (
                SHIPPED_TEXT.replace(
                    "categories = [\"subject\", \"law\"]",
                    "categories = [\"subject\", \"laws\"]",
                ),
                line_of("categories = "),
                "laws",
            ),
            (
                SHIPPED_TEXT.replacen("mark = \"DEFAULT\"", "mark = \"OFFICIAL\"", 1),
                line_of("mark = "),
                "OFFICIAL",
            ),
            (
                SHIPPED_TEXT.replace("veto = \"fail\"", "veto = \"bad\""),
                line_of("veto = \"fail\""),
                "not one of the bands",
            ),
            (
                SHIPPED_TEXT.replace("min = 70", "min = 95"),
                line_of("min = 70"),
                "highest min down",
            ),
            (
                SHIPPED_TEXT.replace("min = 0\n", "min = 10\n"),
                line_of("min = 0"),
                "last band must start at 0",
            ),
            (
                SHIPPED_TEXT.replace("warning = { points = 3,", "warning = { points = 3.25,"),
                line_of("warning = { points = 3,"),
                "one decimal",
            ),
            (
                SHIPPED_TEXT.replace("error = { points = 10,", "error = { points = -1,"),
                line_of("error = { points = 10,"),
                "between 0 and 1000",
            ),
        ];
        for (text, line, frag) in cases {
            let errs = Scoring::from_toml("scoring.toml", &text).unwrap_err();
            assert!(
                errs.iter()
                    .any(|e| e.line == line && e.message.contains(frag)),
                "want line {line} `{frag}`, got {errs:?}"
            );
            assert!(errs.iter().all(|e| e.file == "scoring.toml"));
        }
    }

    #[test]
    fn brigade_summaries() {
        let r = sample::result();
        let s = standard();
        let scores = score_cases(&r, &s);
        // a: P007 warning → 97 优秀; b: P004 veto + D005 ×3 capped at 6 → 84 不合格;
        // c: D003 error → 90 优秀 (the waived P010 costs nothing).
        let got: Vec<(String, &str)> = scores
            .iter()
            .map(|c| (c.score.to_string(), c.grade.id.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("97".to_string(), "excellent"),
                ("84".to_string(), "fail"),
                ("90".to_string(), "excellent")
            ]
        );
        let b = brigades(&r, &scores, &case_of_findings(&r), &s, 3);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].name, "一大队");
        assert_eq!(b[0].cases, 2);
        assert_eq!(b[0].mean, Some(90.5));
        assert_eq!(b[0].grades, [1, 0, 1]);
        assert_eq!(b[0].findings, 5);
        assert_eq!(
            b[0].top_rules,
            [
                ("D005".to_string(), 3),
                ("P004".to_string(), 1),
                ("P007".to_string(), 1)
            ]
        );
        assert_eq!(b[0].per_100(Category::Document), Some(150.0));
        assert_eq!(b[0].per_100(Category::Law), Some(0.0));
        assert_eq!(b[0].bins[8], 1);
        assert_eq!(b[0].bins[9], 1);
        // 二大队: the file-level F005 counts for the brigade of its file; the waived one not.
        assert_eq!(b[1].findings, 2);
        assert_eq!(b[1].by_category.get(&Category::File), Some(&1));
        assert_eq!(b[1].mean, Some(90.0));
        let rc = rule_counts(&r, &case_of_findings(&r));
        assert_eq!(rc["D005"], (3, 1));
        assert_eq!(rc["F005"], (1, 0));
        assert!(!rc.contains_key("P010"));
    }

    #[test]
    fn json_cases_carry_score_grade_and_deductions() {
        let r = sample::result();
        let infos = crate::rules::builtin_infos();
        let index = crate::rules::index(&infos);
        let run = crate::report::Run {
            result: &r,
            lang: Lang::Zh,
            rules: &index,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let doc = crate::report::json::document(&run);
        let b = &doc["cases"][1];
        assert_eq!(b["case_no"], "B-2");
        assert_eq!(b["score"], serde_json::json!(84));
        assert_eq!(b["grade"], "fail");
        assert_eq!(b["veto"], serde_json::json!(["P004"]));
        assert_eq!(
            b["deductions"],
            serde_json::json!([
                {"code": "D005", "count": 3, "points": 6, "capped": true},
                {"code": "P004", "count": 1, "points": 10, "capped": false}
            ])
        );
        assert_eq!(doc["cases"][0]["grade"], "excellent");
        assert_eq!(doc["cases"][2]["deductions"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn score_bins() {
        let start = Points(1000);
        for (p, bin) in [(0, 0), (99, 0), (100, 1), (899, 8), (900, 9), (1000, 9)] {
            assert_eq!(score_bin(Points(p), start), bin, "{p}");
        }
    }
}
