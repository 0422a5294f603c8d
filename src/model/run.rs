//! What a run produces, apart from the findings' own type: the per-case summaries the cross-case
//! checks and the reports work on, the input records, and the scan result that carries them.
//! The scanner fills these in; the rules, reports and commands read them and know no scanner.

use super::coverage::{CaseCoverage, RunCoverage};
use super::{Case, Money, SourceKind};
use crate::finding::{Finding, Place};
use crate::spill::Spill;
use std::collections::BTreeMap;

/// What the cross-case phase and the reports need of one case.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CaseSummary {
    pub file: String,
    pub at: Place,
    pub source: SourceKind,
    pub case_no: Option<String>,
    /// The top folder under the scanned path, else the agency.
    pub brigade: String,
    pub agency: Option<String>,
    pub decision_no: Option<(String, Place)>,
    pub decided_on: Option<chrono::NaiveDate>,
    /// Credit code, ID number, or name: who was punished.
    pub party: Option<String>,
    pub violation_date: Option<chrono::NaiveDate>,
    /// Penalty bases as written.
    pub bases: Vec<String>,
    pub fine: Option<Money>,
    pub procedure_summary: bool,
    /// What the case's export carries, what could not be checked, the facts F009 compares.
    #[serde(default)]
    pub coverage: CaseCoverage,
}

/// The leading fields of a [`CaseSummary`], in its order and of its types: where a case's
/// findings belong is found from these alone, without decoding the rest of each record
/// ([`Spill::iter_head`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct CaseHead {
    pub file: String,
    pub at: Place,
    pub source: SourceKind,
    pub case_no: Option<String>,
}

impl CaseHead {
    pub fn of(c: &CaseSummary) -> CaseHead {
        CaseHead {
            file: c.file.clone(),
            at: c.at.clone(),
            source: c.source,
            case_no: c.case_no.clone(),
        }
    }
}

/// A [`CaseSummary`] encoded as the spill writes it (postcard), but for its export id, which is
/// known only when the run folds the case in walk order: the worker that checks a case encodes
/// it, and the fold only puts the id between the two parts ([`EncodedCase::parts`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EncodedCase {
    /// The fields before `coverage`, then `coverage` after its leading `export`.
    pub bytes: Vec<u8>,
    /// Where `coverage.export` goes in `bytes`.
    pub split: usize,
}

impl EncodedCase {
    /// Encodes a case; its `coverage.export` is left out (whatever it holds).
    pub fn of(c: &CaseSummary) -> EncodedCase {
        let head = (
            &c.file,
            &c.at,
            &c.source,
            &c.case_no,
            &c.brigade,
            &c.agency,
            &c.decision_no,
            &c.decided_on,
            &c.party,
            &c.violation_date,
            &c.bases,
            &c.fine,
            &c.procedure_summary,
        );
        // `export` is the coverage's first field; the rest, in order (a test holds the order).
        let cov = &c.coverage;
        let unchecked = crate::model::intern::Pairs(&cov.unchecked);
        let rest = (
            &cov.cohort,
            &cov.written,
            &cov.applies,
            &cov.no_infer,
            &cov.inferred,
            &cov.decision_only,
            &unchecked,
            &cov.facts,
            &cov.also,
        );
        let (bytes, split) = crate::model::exact_bytes(|buf| {
            crate::model::encode_into(buf, &head, "a case summary");
            let split = buf.len();
            crate::model::encode_into(buf, &rest, "a case summary");
            split
        });
        EncodedCase { bytes, split }
    }

    /// The record's bytes with `export` as its export id, in three parts.
    pub fn parts<'a>(&'a self, export: u32, varint: &'a mut [u8; 5]) -> [&'a [u8]; 3] {
        let mut n = 0;
        let mut v = export;
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                varint[n] = byte;
                n += 1;
                break;
            }
            varint[n] = byte | 0x80;
            n += 1;
        }
        [
            &self.bytes[..self.split],
            &varint[..n],
            &self.bytes[self.split..],
        ]
    }
}

impl CaseSummary {
    pub fn of(case: &Case, brigade: String) -> CaseSummary {
        let decision = case.decision();
        CaseSummary {
            file: case.file.clone(),
            at: case.at.clone(),
            source: case.source,
            case_no: case.case_no().map(str::to_string),
            brigade,
            agency: case.agency.value().cloned(),
            decision_no: decision.and_then(|d| {
                d.no.value()
                    .map(|n| (n.clone(), d.no.at().cloned().unwrap_or_default()))
            }),
            decided_on: decision.and_then(|d| d.date.value().copied()),
            party: case
                .party
                .credit_code
                .value()
                .or(case.party.id_number.value())
                .or(case.party.name.value())
                .cloned(),
            violation_date: case.violation.date.value().copied(),
            bases: decision
                .and_then(|d| d.basis.value())
                .map(|b| b.iter().map(|l| l.value.clone()).collect())
                .unwrap_or_default(),
            fine: case.fine(),
            procedure_summary: case.is_summary(),
            coverage: Default::default(),
        }
    }
}

/// Each case's identity within one cross-case group: `id` (its case number), except that a
/// decision document (.docx/.txt) takes the identity of the case file or ledger row in the group
/// with the same decision number and party: one case seen twice, never a duplicate number
/// (D006) or a double fine (L011) (formats.md §5; comparing their facts is F009's). One hash
/// map per group: O(n).
pub fn case_identities<'a>(
    group: impl Iterator<Item = &'a CaseSummary> + Clone,
    id: &dyn Fn(&CaseSummary) -> String,
) -> Vec<String> {
    // Only a decision document takes another's identity; most groups have none.
    if !group.clone().any(|c| c.source == SourceKind::Document) {
        return group.map(id).collect();
    }
    let mut files: std::collections::HashMap<(String, String), String> = Default::default();
    for c in group.clone() {
        if c.source != SourceKind::Document {
            if let Some(k) = twin_key(c) {
                files.entry(k).or_insert_with(|| id(c));
            }
        }
    }
    group
        .map(|c| {
            (c.source == SourceKind::Document)
                .then(|| twin_key(c).and_then(|k| files.get(&k).cloned()))
                .flatten()
                .unwrap_or_else(|| id(c))
        })
        .collect()
}

/// What makes a decision document the same case as a case file or ledger row: its decision
/// number and party, normalized (full-width folded, no spaces, upper case).
pub fn twin_key(c: &CaseSummary) -> Option<(String, String)> {
    let key = |s: &str| crate::text::compact(s).to_uppercase();
    Some((key(&c.decision_no.as_ref()?.0), key(c.party.as_deref()?)))
}

/// Everything a run found.
#[derive(Debug, Default)]
pub struct ScanResult {
    /// Sorted by (file, place, code, …).
    pub findings: Vec<Finding>,
    /// In file order; on disk when there are many.
    pub cases: Spill<CaseSummary>,
    pub files: usize,
    pub bytes: u64,
    /// Rule code → evaluations not checkable for lack of input.
    pub not_checkable: BTreeMap<String, usize>,
    /// Missing input → how often it made a rule not checkable.
    pub missing_inputs: BTreeMap<String, usize>,
    pub other_files: usize,
    pub symlinks_skipped: usize,
    /// What a baseline suppressed, when one was used.
    pub baseline: Option<Applied>,
    /// Every input file read, in walk order, with its SHA-256: an inspection result can be
    /// checked against the files later, and two brigades can see they reviewed the same exports.
    pub inputs: Spill<InputRecord>,
    /// The rule data and settings in force (filled in by the caller).
    pub provenance: Provenance,
    /// Why the cross-case keys could not all be written to their temporary files, if so.
    pub storage_error: Option<String>,
    /// Files whose reading or checking panicked (each has an E000 finding): the run's exit
    /// code is then 3, whatever `select`, waivers or a baseline do to the finding.
    pub internal_errors: usize,
    /// What each export carries, decision-only records, cases seen twice, unreadable files
    /// per brigade (formats §4).
    pub coverage: RunCoverage,
}

impl ScanResult {
    /// Refuses a result whose records could not all be written to their temporary file (a full
    /// disk): reports built on it would silently miss cases. Notes on stderr when the records
    /// stayed in memory because no temporary file could be made.
    pub fn storage_checked(self) -> anyhow::Result<Self> {
        // The last records may still sit in a write buffer: a full disk shows on this flush.
        self.cases.flush();
        self.inputs.flush();
        let error = self.cases.error().or(self.inputs.error());
        if let Some(e) = error.or(self.storage_error.as_deref()) {
            anyhow::bail!(
                "临时文件写入失败，结果不完整 / the temporary file of case records could not be written ({e}); set TMPDIR to a folder with free space, or raise --spill-after"
            );
        }
        if let Some(e) = self.cases.fallback().or(self.inputs.fallback()) {
            eprintln!("caselint: 无法创建临时文件，案件记录保留在内存中 / no temporary file could be made ({e}); case records stay in memory");
        }
        Ok(self)
    }
}

/// One input file and its content hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputRecord {
    pub file: String,
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the bytes read; `None` when the file could not be read.
    pub sha256: Option<String>,
    /// The file's brigade by its folders (see [`crate::config::Layout::brigade_of_folders`]).
    pub brigade: Option<String>,
}

/// What a result depends on besides its inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// SHA-256 over every data file in force (`checks/` plus overlays) and the configuration.
    pub rules_hash: String,
    /// The run's settings that change findings (name → value), sorted.
    pub settings: BTreeMap<String, String>,
}

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings dropped because the baseline accepts them.
    pub suppressed: usize,
    /// Baseline entries that no longer occur (fixed, or the case is gone).
    pub stale: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_summaries_read_back_exactly() {
        use super::CaseSummary;
        use crate::finding::Place;
        use crate::model::{Money, SourceKind};
        let full = CaseSummary {
            file: "一大队/台账.xlsx".into(),
            at: Place::cell("台账", 7, 2),
            source: SourceKind::Ledger,
            case_no: Some("解消立字〔2022〕第012号".into()),
            brigade: "一大队".into(),
            agency: Some("开封市解放区消防救援大队".into()),
            decision_no: Some(("解消行罚决字〔2022〕12号".into(), Place::line(40, 9))),
            decided_on: chrono::NaiveDate::from_ymd_opt(2022, 3, 7),
            party: Some("91410200MA0000000X".into()),
            violation_date: chrono::NaiveDate::from_ymd_opt(2022, 2, 28),
            bases: vec![
                "《中华人民共和国消防法》第六十条第一款第三项".into(),
                String::new(),
            ],
            fine: Some(Money(500_000)),
            procedure_summary: true,
            coverage: Default::default(),
        };
        let empty = CaseSummary {
            file: "b.xml".into(),
            at: Place::File,
            source: SourceKind::Xml,
            case_no: None,
            brigade: String::new(),
            agency: None,
            decision_no: None,
            decided_on: None,
            party: None,
            violation_date: None,
            bases: Vec::new(),
            fine: None,
            procedure_summary: false,
            coverage: Default::default(),
        };
        let mut s = Spill::new(0);
        s.push(full.clone());
        s.push(empty.clone());
        assert!(s.on_disk());
        assert_eq!(s.to_vec(), [full.clone(), empty.clone()]);
        assert_eq!(s.select(&[0]), std::slice::from_ref(&full));
        // The leading fields decode alone from the records on disk, as from those in memory.
        let heads = [CaseHead::of(&full), CaseHead::of(&empty)];
        assert_eq!(s.iter_head(CaseHead::of).collect::<Vec<_>>(), heads);
        let mem: Spill<CaseSummary> = vec![full.clone(), empty.clone()].into();
        assert!(!mem.on_disk());
        assert_eq!(mem.iter_head(CaseHead::of).collect::<Vec<_>>(), heads);
        // Encoded by the worker, the export id put in by the fold: the same bytes as the
        // whole record's encoding, whatever the id (one to five varint bytes).
        let mut covered = full.clone();
        covered.coverage = crate::model::coverage::CaseCoverage {
            export: 9,
            cohort: 3,
            written: 0x1234,
            applies: 0xffff,
            no_infer: 1,
            inferred: 2,
            decision_only: true,
            unchecked: vec![("P010".into(), "决定日期".into())],
            facts: crate::model::coverage::Facts::new(&[crate::model::coverage::Fact {
                key: "fine".into(),
                value: "5000".into(),
                at: Place::cell("台账", 7, 9),
            }]),
            also: vec!["一大队/a.xml".into()],
        };
        for c in [full, empty, covered] {
            let enc = EncodedCase::of(&c);
            for id in [0, 1, 127, 128, 300, 70_000, u32::MAX] {
                let mut want = c.clone();
                want.coverage.export = id;
                let mut v = [0; 5];
                assert_eq!(
                    enc.parts(id, &mut v).concat(),
                    postcard::to_allocvec(&want).unwrap()
                );
            }
            // Through the list: in memory (decoded) and on disk (written as they are).
            for limit in [0, 8] {
                let mut s = Spill::new(limit);
                s.push(c.clone());
                let mut v = [0; 5];
                s.push_parts(&enc.parts(c.coverage.export, &mut v));
                assert_eq!(s.on_disk(), limit == 0);
                assert_eq!(s.to_vec(), [c.clone(), c.clone()]);
            }
        }
    }

    /// The disk fills while the last records are still in the write buffer: the check that
    /// ends the run reports it (exit 2), not a result missing records.
    #[test]
    fn a_full_disk_is_a_storage_error_of_the_result() {
        // Through the scan's result: the check that ends the run reports it.
        let mut s = Spill::new(4);
        for n in 0..10 {
            s.push(InputRecord {
                file: format!("{n}.xml"),
                bytes: n,
                sha256: None,
                brigade: None,
            });
        }
        s.fill_disk_after(0);
        s.push(InputRecord {
            file: "last.xml".into(),
            bytes: 1,
            sha256: None,
            brigade: None,
        });
        let result = ScanResult {
            inputs: s,
            ..Default::default()
        };
        let err = result.storage_checked().unwrap_err().to_string();
        assert!(err.contains("临时文件写入失败"), "{err}");
        assert!(err.contains("No space"), "{err}");
    }
}
