//! The run-level part of what an export carries (formats §4): declared coverage, decision-only records, coverage
//! inferred per export, and a case seen both as a file and as a ledger row.
//!
//! The scan checks each case once, as it is read, and keeps only a small summary. Whether an
//! element a file lacks is *missing* (its export writes it for other cases) or *unknown* (the
//! export never writes it) is known only once the whole export has been read, so the scan
//! counts per export which fields its cases write ([`ExportTable`]), and afterwards [`recheck`]
//! reads again the few files that lack a field their export writes, checks their cases with that
//! field missing, and replaces those cases' findings. Memory stays flat: the counts are per
//! export and cohort, and the cases are visited from the (spillable) records.
//! The per-case part (cohort, facts, export key, preparing and checking a case) is
//! `crate::rules::coverage`.

use super::Options;
use crate::finding::{Evidence, Finding, Place};
use crate::knowledge::Knowledge;
use crate::model::coverage::{ExportStats, Merged, RunCoverage};
use crate::model::run::{CaseSummary, ScanResult};
use crate::model::{Case, ExportField, SourceKind};
use crate::rules::coverage::{mark, run_checks};
use crate::rules::{Check, Ctx};
use crate::spill::Spill;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// What the per-export counts need of a case (kept beside its encoded record, see
/// [`crate::model::run::EncodedCase`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportCounts {
    applies: u16,
    written: u16,
    cohort: u8,
    decision_only: bool,
    not_fully_checked: bool,
}

impl ExportCounts {
    pub fn of(c: &CaseSummary) -> ExportCounts {
        let cov = &c.coverage;
        ExportCounts {
            applies: cov.applies,
            written: cov.written,
            cohort: cov.cohort,
            decision_only: cov.decision_only,
            not_fully_checked: !cov.unchecked.is_empty(),
        }
    }
}

/// Collects per-export counts during the scan (in walk order, so ids are deterministic).
#[derive(Default)]
pub struct ExportTable {
    /// Looked up once per case: hashed with foldhash (ids follow walk order, not the hash).
    ids: crate::fastmap::FastMap<String, u32>,
    /// Per export, per [`ExportField`]: (cases writing it, cases it applies to). Counted here
    /// and written into the exports' `fields` maps at [`ExportTable::finish`]: a map look-up
    /// per field and case was half the fold of a 100,000-row ledger.
    fields: Vec<[(usize, usize); ExportField::ALL.len()]>,
}

impl ExportTable {
    pub fn add(&mut self, c: &mut CaseSummary, key: String, run: &mut RunCoverage) {
        c.coverage.export = self.add_counts(&ExportCounts::of(c), key, run);
    }

    /// Counts a case by what [`ExportCounts`] keeps of it; gives its export id.
    pub fn add_counts(&mut self, cov: &ExportCounts, key: String, run: &mut RunCoverage) -> u32 {
        let next = run.exports.len() as u32;
        // Most cases' export is known already: looked up without a copy of its key.
        let id = match self.ids.get(&key) {
            Some(id) => *id,
            None => self.new_export(key, next, run),
        };
        self.count(id, cov, run);
        id
    }

    fn new_export(&mut self, key: String, next: u32, run: &mut RunCoverage) -> u32 {
        *self.ids.entry(key.clone()).or_insert_with(|| {
            // Its field counts, beside it: ids are the exports' positions.
            self.fields.push(Default::default());
            let (format, name) = key.split_once(':').unwrap_or(("xml", key.as_str()));
            run.exports.push(ExportStats {
                name: name.to_string(),
                // A folder's decision documents are their own export, named as such.
                format: match format {
                    "ledger" => "ledger",
                    "document" => "document",
                    _ => "xml",
                },
                ..Default::default()
            });
            next
        })
    }

    fn count(&mut self, id: u32, cov: &ExportCounts, run: &mut RunCoverage) {
        let e = &mut run.exports[id as usize];
        e.cases += 1;
        for (f, n) in ExportField::ALL.iter().zip(&mut self.fields[id as usize]) {
            if cov.applies & f.bit() != 0 {
                n.1 += 1;
                if cov.written & f.bit() != 0 {
                    n.0 += 1;
                }
            }
        }
        *e.by_cohort.entry(cov.cohort).or_default() |= cov.written;
        if cov.decision_only {
            run.decision_only += 1;
        }
        if cov.not_fully_checked {
            run.not_fully_checked += 1;
        }
    }

    /// Per export, per cohort: the fields carried.
    pub fn finish(self, run: &mut RunCoverage) -> Vec<BTreeMap<u8, u16>> {
        // A field is listed for an export once it applies to one of its cases.
        for (e, counts) in run.exports.iter_mut().zip(&self.fields) {
            for (f, n) in ExportField::ALL.iter().zip(counts) {
                if n.1 > 0 {
                    e.fields.insert(f.id(), *n);
                }
            }
        }
        run.exports.iter().map(|e| e.by_cohort.clone()).collect()
    }
}

/// What the inferred-coverage phase changed on one case.
#[derive(Debug, Default)]
pub struct Update {
    pub inferred: u16,
    pub unchecked: Vec<(crate::model::intern::Text, crate::model::intern::Text)>,
}

/// The inferred-coverage phase: cases lacking a field their export (same cohort) writes are
/// checked again with the field missing; their findings and not-checkable counts are replaced.
/// Only XML exports can lack an element for one case (a ledger column is there for every row).
pub fn recheck(
    result: &mut ScanResult,
    carried: &[BTreeMap<u8, u16>],
    kb: &Knowledge,
    checks: &[&dyn Check],
    opts: &Options,
) -> BTreeMap<usize, Update> {
    // Nothing to do when every export writes each field on all its cases or on none.
    let partial = result
        .coverage
        .exports
        .iter()
        .any(|e| e.fields.values().any(|(w, a)| *w > 0 && w < a));
    if !partial {
        return BTreeMap::new();
    }
    let harm_input = ExportField::Harm.label_zh();
    // (case index, file, place, fields)
    let mut todo: Vec<(usize, String, Place, u16)> = Vec::new();
    for (i, c) in result.cases.iter().enumerate() {
        let cov = &c.coverage;
        if c.source != SourceKind::Xml {
            continue;
        }
        let writes = carried
            .get(cov.export as usize)
            .and_then(|m| m.get(&cov.cohort))
            .copied()
            .unwrap_or(0);
        let mut mask = cov.applies & !cov.written & writes & !cov.no_infer;
        // Harm is optional by nature: only where a rule was left unsure for lack of it.
        if mask & ExportField::Harm.bit() != 0
            && !cov.unchecked.iter().any(|(_, i)| i == harm_input)
        {
            mask &= !ExportField::Harm.bit();
        }
        if mask != 0 {
            todo.push((i, c.file, c.at, mask));
        }
    }
    let mut updates = BTreeMap::new();
    if todo.is_empty() {
        return updates;
    }
    // Each file is read and re-checked on its own (in parallel); the outcomes are folded in
    // case order, so the result does not depend on the thread count.
    let groups: Vec<&[(usize, String, Place, u16)]> = todo.chunk_by(|a, b| a.1 == b.1).collect();
    use rayon::prelude::*;
    let outcomes: Vec<Rechecked> = groups
        .par_iter()
        .map(|group| recheck_file(group, kb, checks, opts))
        .collect();
    let mut removed: HashSet<FindingKey> = HashSet::new();
    let mut added: Vec<Finding> = Vec::new();
    let files: HashSet<String> = groups.iter().map(|g| g[0].1.clone()).collect();
    for o in outcomes {
        removed.extend(o.removed);
        added.extend(o.added);
        for (code, input) in &o.before {
            dec(&mut result.not_checkable, code);
            dec(&mut result.missing_inputs, input);
        }
        for (code, input) in o.after {
            *result.not_checkable.entry(code.to_string()).or_default() += 1;
            *result.missing_inputs.entry(input).or_default() += 1;
        }
        updates.extend(o.updates);
    }
    if !removed.is_empty() {
        result
            .findings
            .retain(|f| !files.contains(&f.file) || !removed.contains(&key_of(f)));
    }
    result.coverage.inferred_findings += added
        .iter()
        .filter(|f| f.evidence == Evidence::Inferred)
        .count();
    result.findings.extend(added);
    updates
}

/// What identifies a finding of a re-checked case.
type FindingKey = (String, Place, String, String, String);

fn key_of(f: &Finding) -> FindingKey {
    (
        f.file.clone(),
        f.place.clone(),
        f.code.clone(),
        f.subject.clone(),
        f.message.clone(),
    )
}

/// One re-read file's outcome.
#[derive(Default)]
struct Rechecked {
    removed: Vec<FindingKey>,
    added: Vec<Finding>,
    /// Not-checkable evaluations before and after.
    before: Vec<(&'static str, String)>,
    after: Vec<(&'static str, String)>,
    updates: Vec<(usize, Update)>,
}

/// Reads one file again and checks its listed cases with the fields (bits) missing.
fn recheck_file(
    group: &[(usize, String, Place, u16)],
    kb: &Knowledge,
    checks: &[&dyn Check],
    opts: &Options,
) -> Rechecked {
    let mut out = Rechecked::default();
    let mut each = |case: Case, ctx: &Ctx| {
        let Some((i, _, _, mask)) = group.iter().find(|t| t.2 == case.at) else {
            return;
        };
        let base = run_checks(&case, ctx, checks);
        let mut missing = case.clone();
        for f in ExportField::ALL {
            if mask & f.bit() != 0 {
                missing.infer_missing(f);
            }
        }
        let new = run_checks(&missing, ctx, checks);
        let recorded: HashSet<(&str, &str)> = base
            .findings
            .iter()
            .map(|f| (f.code.as_str(), f.subject.as_str()))
            .collect();
        for f in &base.findings {
            if !new.findings.contains(f) {
                out.removed.push(key_of(f));
            }
        }
        for f in &new.findings {
            if !base.findings.contains(f) {
                let mut f = f.clone();
                if !recorded.contains(&(f.code.as_str(), f.subject.as_str())) {
                    mark(&mut f, Evidence::Inferred, ctx.lang);
                }
                out.added.push(f);
            }
        }
        let unchecked = crate::model::coverage::unchecked_list(&new.not_checkable);
        out.before.extend(base.not_checkable);
        out.after.extend(new.not_checkable);
        out.updates.push((
            *i,
            Update {
                inferred: *mask,
                unchecked,
            },
        ));
    };
    super::reread(&group[0].1, kb, opts, &mut each);
    out
}

fn dec(m: &mut BTreeMap<String, usize>, k: &str) {
    if let Some(n) = m.get_mut(k) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            m.remove(k);
        }
    }
}

/// Writes the phase's changes into the case records, and folds each ledger row or decision
/// document that is the same case as an XML file (or row) into that case (`twins`: (folded,
/// kept) indices), so the case is scored once. One pass over the records.
pub fn settle_cases(
    result: &mut ScanResult,
    updates: BTreeMap<usize, Update>,
    twins: &[(usize, usize)],
    spill_after: usize,
) {
    if updates.is_empty() && twins.is_empty() {
        return;
    }
    let mut gone: Vec<usize> = twins.iter().map(|t| t.0).collect();
    gone.sort_unstable();
    gone.dedup();
    let gone_set: BTreeSet<usize> = gone.iter().copied().collect();
    let new_index = |i: usize| i - gone.partition_point(|g| *g < i);
    let twin_records = result.cases.select(&gone);
    // A copy folded into its case is no case of its own: what it could not check is not
    // counted again beside the case's own list (the summary matches the per-case lists).
    for (i, r) in gone.iter().zip(&twin_records) {
        let unchecked = updates
            .get(i)
            .map_or(&r.coverage.unchecked, |u| &u.unchecked);
        for (code, input) in unchecked {
            dec(&mut result.not_checkable, code);
            dec(&mut result.missing_inputs, input);
        }
    }
    let record_of = |i: usize| gone.binary_search(&i).ok().map(|k| &twin_records[k]);
    // primary → the places of its twins
    let mut also: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut merged = Vec::new();
    for (t, p) in twins {
        if gone_set.contains(p) {
            continue;
        }
        if let Some(r) = record_of(*t) {
            let at = r.at.display();
            also.entry(*p).or_default().push(if at.is_empty() {
                r.file.clone()
            } else {
                format!("{}:{at}", r.file)
            });
            merged.push(Merged {
                file: r.file.clone(),
                case_no: r.case_no.clone(),
                at: r.at.clone(),
                into: new_index(*p),
            });
        }
    }
    let mut cases: Spill<CaseSummary> = Spill::new(spill_after);
    let mut not_fully = 0;
    let mut decision_only = 0;
    for (i, mut c) in result.cases.iter().enumerate() {
        if gone_set.contains(&i) {
            continue;
        }
        if let Some(u) = updates.get(&i) {
            c.coverage.inferred = u.inferred;
            c.coverage.unchecked = u.unchecked.clone();
        }
        if let Some(a) = also.remove(&i) {
            c.coverage.also = a;
        }
        if !c.coverage.unchecked.is_empty() {
            not_fully += 1;
        }
        if c.coverage.decision_only {
            decision_only += 1;
        }
        cases.push(c);
    }
    result.cases = cases;
    result.coverage.not_fully_checked = not_fully;
    result.coverage.decision_only = decision_only;
    merged.sort_by(|a, b| (&a.file, &a.at).cmp(&(&b.file, &b.at)));
    result.coverage.merged = merged;
}
