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
    serde_json::to_value(FindingOut::new(run, f)).unwrap_or(Value::Null)
}

/// One finding as the JSON document writes it: borrowed from the finding, serialized directly
/// (no intermediate `Value`); the field order is the schema's key order.
#[derive(serde::Serialize)]
pub(crate) struct FindingOut<'f> {
    code: &'f str,
    name: &'static str,
    severity: &'static str,
    category: &'static str,
    case_no: &'f Option<String>,
    file: &'f str,
    line: Option<u32>,
    column: Option<u32>,
    sheet: Option<&'f str>,
    cell: Option<String>,
    /// Only a decision document's findings have a paragraph (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<u32>,
    message: &'f str,
    basis: &'f str,
    help: &'f str,
    subject: &'f str,
    fingerprint: String,
    waived: bool,
    waiver_reason: &'f Option<String>,
    evidence: &'static str,
}

impl<'f> FindingOut<'f> {
    pub(crate) fn new(run: &Run, f: &'f Finding) -> FindingOut<'f> {
        let (line, column, sheet, cell) = match &f.place {
            Place::File => (None, None, None, None),
            Place::Line { line, column } => (Some(*line), Some(*column), None, None),
            Place::Cell { sheet, row, col } => (
                None,
                None,
                Some(sheet.as_str()),
                Some(Place::a1(*row, *col)),
            ),
            Place::Paragraph(_) => (None, None, None, None),
        };
        FindingOut {
            code: &f.code,
            name: run.name_of(f),
            severity: f.severity.as_str(),
            category: f.category.as_str(),
            case_no: &f.case_no,
            file: &f.file,
            line,
            column,
            sheet,
            cell,
            paragraph: match f.place {
                Place::Paragraph(n) => Some(n),
                _ => None,
            },
            message: &f.message,
            basis: &f.basis,
            help: &f.help,
            subject: &f.subject,
            fingerprint: f.fingerprint(),
            waived: f.waived.is_some(),
            waiver_reason: &f.waived,
            evidence: f.evidence.as_str(),
        }
    }
}

mod piece;
use piece::Piece;

/// A list serialized one element at a time: the long lists of the document (findings, cases,
/// inputs) are never held as JSON values all at once, so memory stays with the run's own data.
/// The cases and inputs may come from a temporary file: `values` starts a new pass each time.
/// `out` turns each element into what is written; the JSON writer calls it on the worker
/// threads, a batch at a time, so the elements are serialized in parallel and written in order.
struct Lazy<F, G> {
    values: F,
    out: G,
}

/// One case of the `cases` list (serialized directly: there may be a million). The JSON
/// document writes it with [`Piece::write_at`], which gives serde_json's bytes without its
/// per-byte formatter calls; `Serialize` is for [`document`].
#[derive(serde::Serialize)]
struct CaseOut<'s> {
    case_no: Option<String>,
    file: String,
    at: String,
    brigade: String,
    findings: usize,
    score: Value,
    grade: &'s str,
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

#[derive(Clone, PartialEq, serde::Serialize)]
struct NotChecked {
    rule: crate::model::intern::Text,
    input: crate::model::intern::Text,
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

/// A [`Lazy`] list (the element type known to both closures).
fn lazy<T, U, I: Iterator<Item = T>, F: Fn() -> I, G: Fn(T) -> U>(values: F, out: G) -> Lazy<F, G> {
    Lazy { values, out }
}

impl<T, U: serde::Serialize, I: Iterator<Item = T>, F: Fn() -> I, G: Fn(T) -> U> serde::Serialize
    for Lazy<F, G>
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.values)().map(&self.out))
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
    // Looked up for every case of the list.
    let mut per_case: crate::fastmap::FastMap<(&str, &str), usize> = Default::default();
    for f in &r.findings {
        if let Some(no) = &f.case_no {
            *per_case.entry((f.file.as_str(), no.as_str())).or_default() += 1;
        }
    }
    let scorer = super::score::Scorer::new(r, run.scoring());
    let case_value = |i: usize, c: crate::model::brief::CaseBrief| {
        let findings = c
            .case_no
            .as_deref()
            .and_then(|no| per_case.get(&(c.file.as_str(), no)))
            .copied()
            .unwrap_or(0);
        let s = scorer.marks(i);
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
            grade: &s.grade.id,
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
        findings: lazy(|| r.findings.iter(), |f| FindingOut::new(run, f)),
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
        // Only the fields the list shows are decoded from the spill.
        cases: Lazy {
            values: || {
                r.cases
                    .iter_head(crate::model::brief::CaseBrief::of)
                    .enumerate()
            },
            out: |(i, c): (usize, crate::model::brief::CaseBrief)| case_value(i, c),
        },
        provenance: Provenance {
            caselint_version: env!("CARGO_PKG_VERSION"),
            rules_hash: r.provenance.rules_hash.clone(),
            settings: json!(r.provenance.settings),
            inputs: Lazy {
                values: || r.inputs.iter(),
                out: |i: crate::model::run::InputRecord| InputOut {
                    file: i.file,
                    bytes: i.bytes,
                    sha256: i.sha256,
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
        fn to_writer(&self, out: &mut dyn std::io::Write) -> std::io::Result<()>;
        fn to_value(&self) -> serde_json::Result<serde_json::Value>;
    }
}

impl<T1, U1, I1, F1, G1, T2, U2, I2, F2, G2, T3, U3, I3, F3, G3> erased::Doc
    for Doc<Lazy<F1, G1>, Lazy<F2, G2>, Lazy<F3, G3>>
where
    T1: Send,
    U1: Piece,
    I1: Iterator<Item = T1>,
    F1: Fn() -> I1,
    G1: Fn(T1) -> U1 + Sync,
    T2: Send,
    U2: Piece,
    I2: Iterator<Item = T2>,
    F2: Fn() -> I2,
    G2: Fn(T2) -> U2 + Sync,
    T3: Send,
    U3: Piece,
    I3: Iterator<Item = T3>,
    F3: Fn() -> I3,
    G3: Fn(T3) -> U3 + Sync,
{
    /// The same bytes as `serde_json::to_writer_pretty` of the document, written a piece at a
    /// time: the long lists' elements are serialized on the worker threads, in batches, and
    /// written in order through one large buffer.
    fn to_writer(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut w = Pretty::new(out);
        w.raw(b"{");
        w.key(1, "schema", true);
        w.value(1, &self.schema)?;
        w.key(1, "tool", false);
        w.value(1, &self.tool)?;
        w.key(1, "findings", false);
        w.list(1, &self.findings)?;
        w.key(1, "summary", false);
        w.value(1, &self.summary)?;
        w.key(1, "cases", false);
        w.list(1, &self.cases)?;
        w.key(1, "provenance", false);
        let p = &self.provenance;
        w.raw(b"{");
        w.key(2, "caselint_version", true);
        w.value(2, &p.caselint_version)?;
        w.key(2, "rules_hash", false);
        w.value(2, &p.rules_hash)?;
        w.key(2, "settings", false);
        w.value(2, &p.settings)?;
        w.key(2, "inputs", false);
        w.list(2, &p.inputs)?;
        w.close(1, b"}");
        w.close(0, b"}");
        w.flush()
    }
    fn to_value(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::to_value(self)
    }
}

/// serde_json's `PrettyFormatter` (two spaces per level) for a value nested `level` deep: its
/// lines are indented from there, as if the whole document had been written at once.
struct AtLevel {
    level: usize,
    has_value: bool,
}

impl AtLevel {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        (0..self.level).try_for_each(|_| w.write_all(b"  "))
    }

    /// `[` or `{`: its members one level deeper.
    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b)
    }

    /// `]` or `}`: on a line of its own when there were members.
    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(b)
    }

    /// Before a member: a comma after the first, then a new line.
    fn member<W: ?Sized + std::io::Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for AtLevel {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes pretty JSON (serde_json's `PrettyFormatter`: two spaces per level) piece by piece.
/// A value nested `level` deep is serialized on its own and indented by inserting the level's
/// indent after each of its newlines: JSON text holds no raw newline inside a string.
struct Pretty<'o> {
    out: &'o mut dyn std::io::Write,
    buf: Vec<u8>,
}

/// Elements serialized in parallel between two writes.
const BATCH: usize = 1024;
/// Neighbouring elements a worker serializes into one buffer (a sixteenth of a batch).
const RUN: usize = 64;
/// Bytes buffered before they go to the destination.
const FLUSH_AT: usize = 1 << 20;

impl<'o> Pretty<'o> {
    fn new(out: &'o mut dyn std::io::Write) -> Self {
        Pretty {
            out,
            buf: Vec::with_capacity(FLUSH_AT + FLUSH_AT / 4),
        }
    }

    fn raw(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    /// A new line, indented to `level`.
    fn newline(buf: &mut Vec<u8>, level: usize) {
        buf.push(b'\n');
        for _ in 0..level {
            buf.extend_from_slice(b"  ");
        }
    }

    /// An object's key at `level` (its object's members' indent), after a comma unless it is
    /// the first. Also the key of the list elements written straight to bytes (`piece`).
    fn key_into(buf: &mut Vec<u8>, level: usize, key: &str, first: bool) {
        if !first {
            buf.push(b',');
        }
        Self::newline(buf, level);
        buf.push(b'"');
        buf.extend_from_slice(key.as_bytes());
        buf.extend_from_slice(b"\": ");
    }

    fn key(&mut self, level: usize, key: &str, first: bool) {
        Self::key_into(&mut self.buf, level, key, first);
    }

    /// Closes an object or list whose members were at `level + 1`.
    fn close(&mut self, level: usize, bracket: &[u8]) {
        Self::newline(&mut self.buf, level);
        self.raw(bracket);
    }

    /// `v` pretty-printed as a value whose first line is already placed at `level`.
    fn encode(v: &impl serde::Serialize, level: usize, into: &mut Vec<u8>) -> std::io::Result<()> {
        let mut ser = serde_json::Serializer::with_formatter(
            into,
            AtLevel {
                level,
                has_value: false,
            },
        );
        serde::Serialize::serialize(v, &mut ser).map_err(std::io::Error::other)
    }

    fn value(&mut self, level: usize, v: &impl serde::Serialize) -> std::io::Result<()> {
        Self::encode(v, level, &mut self.buf)?;
        self.maybe_write()
    }

    /// A lazy list at `level`: `[]` when empty, else one element per line at `level + 1`.
    /// A pipeline: while the workers serialize one batch, this thread writes the batch before
    /// and reads the next, so neither waits on the other. The workers write runs of
    /// neighbouring elements with their separators into one buffer each, which goes to the
    /// destination as it is: this thread copies none of a long list's bytes.
    fn list<T: Send, U: Piece, I: Iterator<Item = T>>(
        &mut self,
        level: usize,
        l: &Lazy<impl Fn() -> I, impl Fn(T) -> U + Sync>,
    ) -> std::io::Result<()> {
        use rayon::prelude::*;
        let mut items = (l.values)();
        let out = &l.out;
        // `first`: the batch opens the list (its first element follows `[`, not `,`).
        let encode = |batch: Vec<T>, first: bool| -> Vec<std::io::Result<Vec<u8>>> {
            batch
                .into_par_iter()
                .chunks(RUN)
                .enumerate()
                .map(|(r, run)| {
                    let mut b = Vec::with_capacity(RUN * 1024);
                    for (k, t) in run.into_iter().enumerate() {
                        b.push(if first && r == 0 && k == 0 {
                            b'['
                        } else {
                            b','
                        });
                        Self::newline(&mut b, level + 1);
                        out(t).write_at(level + 1, &mut b)?;
                    }
                    Ok(b)
                })
                .collect()
        };
        let mut first = true;
        let mut batch: Vec<T> = items.by_ref().take(BATCH).collect();
        let mut pending: Vec<std::io::Result<Vec<u8>>> = Vec::new();
        while !batch.is_empty() || !pending.is_empty() {
            let last = batch.len() < BATCH;
            let mut runs = Vec::new();
            let mut next = Vec::new();
            let wrote = rayon::in_place_scope(|s| {
                let current = std::mem::take(&mut batch);
                if !current.is_empty() {
                    let runs = &mut runs;
                    let opens = first;
                    s.spawn(move |_| *runs = encode(current, opens));
                    first = false;
                }
                if !last {
                    next = items.by_ref().take(BATCH).collect();
                }
                self.runs(std::mem::take(&mut pending))
            });
            wrote?;
            pending = runs;
            batch = next;
        }
        if first {
            self.raw(b"[]");
        } else {
            self.close(level, b"]");
        }
        Ok(())
    }

    /// Writes a list's serialized runs in order (see [`Pretty::list`]): what is buffered
    /// first, then each run straight to the destination.
    fn runs(&mut self, runs: Vec<std::io::Result<Vec<u8>>>) -> std::io::Result<()> {
        for r in runs {
            let r = r?;
            if !self.buf.is_empty() {
                self.out.write_all(&self.buf)?;
                self.buf.clear();
            }
            self.out.write_all(&r)?;
        }
        Ok(())
    }

    /// Writes the buffer out once it is large.
    fn maybe_write(&mut self) -> std::io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::{lazy, InputOut, Pretty, BATCH, RUN};
    use serde_json::json;

    /// A lazy list gives serde_json's pretty text at every length around its batch and run
    /// boundaries: the separators and the opening bracket are written by the workers' runs.
    #[test]
    fn a_lazy_list_is_serde_jsons_pretty_text_across_runs_and_batches() {
        let input = |i: usize| InputOut {
            file: format!("卷宗/{i}.xml"),
            bytes: i as u64,
            sha256: i.is_multiple_of(3).then(|| format!("{i:x}")),
        };
        for n in [
            0,
            1,
            2,
            RUN - 1,
            RUN,
            RUN + 1,
            BATCH,
            BATCH + 1,
            2 * BATCH + RUN + 5,
        ] {
            let l = lazy(|| 0..n, input);
            let mut got = Vec::new();
            let mut p = Pretty::new(&mut got);
            p.list(1, &l).unwrap();
            p.flush().unwrap();
            let want: Vec<InputOut> = (0..n).map(input).collect();
            let want = serde_json::to_string_pretty(&want)
                .unwrap()
                .replace('\n', "\n  ");
            assert_eq!(String::from_utf8(got).unwrap(), want, "{n} elements");
        }
    }

    /// The pretty printer a level deep gives what serde_json's pretty printer gives, re-indented
    /// after every newline (a JSON text holds no raw newline inside a string).
    #[test]
    fn a_value_at_a_level_is_serde_jsons_pretty_text_indented() {
        let values = [
            json!(null),
            json!("文书\n\"引号\""),
            json!([]),
            json!({}),
            json!([1, [], {}, [2, [3]], {"a": {"b": []}}]),
            json!({"case_no": "顺消行罚决字〔2022〕第0219号", "deductions": [{"code": "P001", "points": 2.5}], "empty": {}, "list": [[], [null]]}),
        ];
        for v in &values {
            let plain = serde_json::to_string_pretty(v).unwrap();
            for level in 0..4 {
                let mut want = String::new();
                for (i, line) in plain.split('\n').enumerate() {
                    if i > 0 {
                        want.push('\n');
                        want.push_str(&"  ".repeat(level));
                    }
                    want.push_str(line);
                }
                let mut got = Vec::new();
                Pretty::encode(v, level, &mut got).unwrap();
                assert_eq!(String::from_utf8(got).unwrap(), want, "level {level}: {v}");
            }
        }
    }
}
