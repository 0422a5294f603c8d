//! The scoring standard (评查, review.md "Scoring") as loaded from `checks/scoring.toml`: veto
//! items, deductions, grade bands, each value with its certainty mark, validated with places.
//! The standard is data because provinces differ and Henan's point values are unverified
//! (legal.md §5.1); the shipped file says it is caselint's default. Scoring a case with it is
//! `report::score`. Uses only the foundation.

use crate::data::{parse_toml, DataError};
use crate::finding::{Category, Finding, Lang, Severity};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
