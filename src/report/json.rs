//! The JSON document (review.md, "Outputs"): `findings`, `summary`, `cases` and the run's
//! provenance, with a stable schema. Contains no wall-clock time, so it is byte-identical
//! across runs and thread counts.

use super::{Reporter, Run};
use crate::finding::{Finding, Place, Severity};
use serde_json::{json, Map, Value};
use std::io::{self, Write};

/// Schema version of the JSON document; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

pub struct Json;

/// One finding as a JSON object (shared with the line-oriented formats).
pub fn finding_value(run: &Run, f: &Finding) -> Value {
    let mut m = Map::new();
    m.insert("code".into(), json!(f.code));
    m.insert("name".into(), json!(run.name_of(f)));
    m.insert("severity".into(), json!(f.severity.as_str()));
    m.insert("category".into(), json!(f.category.as_str()));
    m.insert("case_no".into(), json!(f.case_no));
    m.insert("file".into(), json!(f.file));
    let (line, column, sheet, cell) = match &f.place {
        Place::File => (None, None, None, None),
        Place::Line { line, column } => (Some(*line), Some(*column), None, None),
        Place::Cell { sheet, row, col } => {
            (None, None, Some(sheet.clone()), Some(Place::a1(*row, *col)))
        }
        Place::Paragraph(_) => (None, None, None, None),
    };
    m.insert("line".into(), json!(line));
    m.insert("column".into(), json!(column));
    m.insert("sheet".into(), json!(sheet));
    m.insert("cell".into(), json!(cell));
    // Only a decision document's findings have a paragraph (1-based).
    if let Place::Paragraph(n) = f.place {
        m.insert("paragraph".into(), json!(n));
    }
    m.insert("message".into(), json!(f.message));
    m.insert("basis".into(), json!(f.basis));
    m.insert("help".into(), json!(f.help));
    m.insert("subject".into(), json!(f.subject));
    m.insert("fingerprint".into(), json!(f.fingerprint()));
    m.insert("waived".into(), json!(f.waived.is_some()));
    m.insert("waiver_reason".into(), json!(f.waived));
    m.insert("evidence".into(), json!(f.evidence.as_str()));
    Value::Object(m)
}

/// A list serialized one element at a time: the long lists of the document (findings, cases,
/// inputs) are never held as JSON values all at once, so memory stays with the run's own data.
/// The cases and inputs may come from a temporary file: `values` starts a new pass each time.
struct Lazy<F> {
    values: F,
}

/// One case of the `cases` list (serialized directly: there may be a million).
#[derive(serde::Serialize)]
struct CaseOut {
    case_no: Option<String>,
    file: String,
    at: String,
    brigade: String,
    findings: usize,
    score: Value,
    grade: String,
    veto: Vec<String>,
    deductions: Vec<DeductionOut>,
    /// Holds only the decision: the steps before and after it were not checked.
    decision_only: bool,
    /// Rules that could not be checked on the case, and the input each lacked.
    not_checked: Vec<NotChecked>,
    /// Fields found missing because the case's export writes them on other cases.
    inferred_missing: Vec<&'static str>,
    /// Other records of the same case (a ledger row beside the case file), scored here.
    also_at: Vec<String>,
}

#[derive(serde::Serialize)]
struct NotChecked {
    rule: String,
    input: String,
}

#[derive(serde::Serialize)]
struct DeductionOut {
    code: String,
    count: usize,
    points: Value,
    capped: bool,
}

/// One input of `provenance.inputs`.
#[derive(serde::Serialize)]
struct InputOut {
    file: String,
    bytes: u64,
    sha256: Option<String>,
}

impl<T: serde::Serialize, I: Iterator<Item = T>, F: Fn() -> I> serde::Serialize for Lazy<F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.values)())
    }
}

/// The document's shape; field order is the schema's key order.
#[derive(serde::Serialize)]
struct Doc<L1, L2, L3> {
    schema: u32,
    tool: Value,
    findings: L1,
    summary: Value,
    cases: L2,
    provenance: Provenance<L3>,
}

#[derive(serde::Serialize)]
struct Provenance<L3> {
    caselint_version: &'static str,
    rules_hash: String,
    settings: Value,
    inputs: L3,
}

/// Writes the document (streaming its lists) with `write`.
fn with_document<R>(run: &Run, write: impl FnOnce(&dyn erased::Doc) -> R) -> R {
    let r = run.result;
    let counts = run.counts();
    let n = |s| counts.get(&s).copied().unwrap_or(0);
    let mut per_case: std::collections::HashMap<(&str, &str), usize> = Default::default();
    for f in &r.findings {
        if let Some(no) = &f.case_no {
            *per_case.entry((f.file.as_str(), no.as_str())).or_default() += 1;
        }
    }
    let scorer = super::score::Scorer::new(r, run.scoring());
    let case_value = |(c, s): (crate::model::run::CaseSummary, super::score::CaseScore)| {
        let findings = c
            .case_no
            .as_deref()
            .and_then(|no| per_case.get(&(c.file.as_str(), no)))
            .copied()
            .unwrap_or(0);
        let cov = c.coverage;
        CaseOut {
            decision_only: cov.decision_only,
            not_checked: cov
                .unchecked
                .into_iter()
                .map(|(rule, input)| NotChecked { rule, input })
                .collect(),
            inferred_missing: crate::model::ExportField::ALL
                .into_iter()
                .filter(|f| cov.inferred & f.bit() != 0)
                .map(|f| f.id())
                .collect(),
            also_at: cov.also,
            at: c.at.display(),
            case_no: c.case_no,
            file: c.file,
            brigade: c.brigade,
            findings,
            score: s.score.json(),
            grade: s.grade.id,
            veto: s.veto,
            deductions: s
                .deductions
                .into_iter()
                .map(|d| DeductionOut {
                    code: d.code,
                    count: d.count,
                    points: d.points.json(),
                    capped: d.capped,
                })
                .collect(),
        }
    };
    let doc = Doc {
        schema: SCHEMA_VERSION,
        tool: json!({ "name": "caselint", "version": env!("CARGO_PKG_VERSION") }),
        findings: Lazy {
            values: || r.findings.iter().map(|f| finding_value(run, f)),
        },
        summary: json!({
            "files": r.files,
            "bytes": r.bytes,
            "cases": r.cases.len(),
            "findings": {
                "error": n(Severity::Error),
                "warning": n(Severity::Warning),
                "info": n(Severity::Info),
                "waived": r.findings.iter().filter(|f| f.waived.is_some()).count(),
            },
            "not_checkable": {
                "total": run.not_checkable_total(),
                "by_rule": r.not_checkable,
                "missing_inputs": r.missing_inputs,
            },
            "skipped": { "other_files": r.other_files, "symlinks": r.symlinks_skipped },
            "coverage": coverage_value(&r.coverage),
            "baseline": r.baseline.map(|b| json!({ "suppressed": b.suppressed, "stale": b.stale })),
        }),
        cases: Lazy {
            values: || scorer.iter().map(case_value),
        },
        provenance: Provenance {
            caselint_version: env!("CARGO_PKG_VERSION"),
            rules_hash: r.provenance.rules_hash.clone(),
            settings: json!(r.provenance.settings),
            inputs: Lazy {
                values: || {
                    r.inputs.iter().map(|i| InputOut {
                        file: i.file,
                        bytes: i.bytes,
                        sha256: i.sha256,
                    })
                },
            },
        },
    };
    write(&doc)
}

/// What the exports carry (formats §4): per export, the fields it writes and on how many of
/// the cases they apply to; decision-only records; cases not fully checked; records folded
/// into their case; unreadable files per brigade.
pub fn coverage_value(c: &crate::model::coverage::RunCoverage) -> Value {
    let exports: Vec<Value> = c
        .exports
        .iter()
        .map(|e| {
            let fields: Map<String, Value> = e
                .fields
                .iter()
                .map(|(k, (w, a))| (k.to_string(), json!({ "cases": w, "of": a })))
                .collect();
            json!({
                "export": e.name,
                "format": e.format,
                "cases": e.cases,
                "carries": e.carried().map(|(k, _, _)| k).collect::<Vec<_>>(),
                "fields": fields,
            })
        })
        .collect();
    json!({
        "decision_only": c.decision_only,
        "cases_not_fully_checked": c.not_fully_checked,
        "inferred_findings": c.inferred_findings,
        "merged_records": c.merged.len(),
        "unreviewed_files_by_brigade": c.unreviewed,
        "exports": exports,
    })
}

/// Object-safe serialization of the document, so the writer and `document` share one shape.
mod erased {
    pub trait Doc {
        fn to_writer(&self, out: &mut dyn std::io::Write) -> serde_json::Result<()>;
        fn to_value(&self) -> serde_json::Result<serde_json::Value>;
    }
    impl<T: serde::Serialize> Doc for T {
        fn to_writer(&self, out: &mut dyn std::io::Write) -> serde_json::Result<()> {
            serde_json::to_writer_pretty(out, self)
        }
        fn to_value(&self) -> serde_json::Result<serde_json::Value> {
            serde_json::to_value(self)
        }
    }
}

/// The whole document as a value (for callers that edit it before writing).
pub fn document(run: &Run) -> Value {
    with_document(run, |d| d.to_value().unwrap_or(Value::Null))
}

impl Reporter for Json {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        with_document(run, |d| d.to_writer(&mut *out))?;
        writeln!(out)
    }
}
