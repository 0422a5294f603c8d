//! Baselines: the accepted existing findings, recorded by fingerprint (case number + rule +
//! subject, never a line number, so re-exporting a file does not invalidate it). With a baseline
//! only new findings are reported, and the run says how many baseline entries no longer occur.
//!
//! A file's path enters a fingerprint only relative to the scan root it was found under (see
//! [`crate::roots`]).

use crate::finding::Finding;
use crate::model::run::Applied;
use crate::roots::relative;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Format version of the baseline file.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub case_no: Option<String>,
    pub file: String,
    pub subject: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

impl Baseline {
    /// A baseline of these findings (sorted, de-duplicated by fingerprint).
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut seen = BTreeSet::new();
        let mut entries: Vec<Entry> = findings
            .iter()
            .filter(|f| seen.insert(f.fingerprint()))
            .map(|f| Entry {
                fingerprint: f.fingerprint(),
                code: f.code.clone(),
                case_no: f.case_no.clone(),
                file: relative(&f.file),
                subject: relative(&f.subject),
            })
            .collect();
        entries.sort_by(|a, b| (&a.fingerprint, &a.code).cmp(&(&b.fingerprint, &b.code)));
        Baseline {
            version: VERSION,
            entries,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn from_json(text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text)
            .map_err(|e| format!("{e} (line {}, column {})", e.line(), e.column()))?;
        if b.version != VERSION {
            return Err(format!("unsupported baseline version {}", b.version));
        }
        Ok(b)
    }

    /// Drops the findings the baseline accepts.
    pub fn apply(&self, findings: &mut Vec<Finding>) -> Applied {
        let known: BTreeSet<&str> = self
            .entries
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let present: BTreeSet<String> = findings.iter().map(Finding::fingerprint).collect();
        let before = findings.len();
        findings.retain(|f| !known.contains(f.fingerprint().as_str()));
        Applied {
            suppressed: before - findings.len(),
            stale: known.iter().filter(|k| !present.contains(**k)).count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Place, Severity};

    fn f(code: &str, case: &str, line: u32) -> Finding {
        Finding {
            code: code.into(),
            severity: Severity::Error,
            category: Category::from_code(code),
            case_no: Some(case.into()),
            file: "x.xml".into(),
            place: Place::line(line, 1),
            message: format!("line {line}"),
            basis: String::new(),
            help: String::new(),
            subject: "decision".into(),
            waived: None,
            evidence: Default::default(),
        }
    }

    #[test]
    fn only_new_findings_remain_and_stale_entries_are_counted() {
        let b = Baseline::of(&[f("P003", "A", 10), f("P010", "A", 12)]);
        let b = Baseline::from_json(&b.to_json()).unwrap();
        // Re-exported: lines moved. P010 fixed, a new D005 appears.
        let mut now = vec![f("P003", "A", 40), f("D005", "A", 41)];
        let applied = b.apply(&mut now);
        assert_eq!(
            applied,
            Applied {
                suppressed: 1,
                stale: 1
            }
        );
        assert_eq!(now.len(), 1);
        assert_eq!(now[0].code, "D005");
    }

    #[test]
    fn bad_baseline_is_an_error() {
        assert!(Baseline::from_json("{\"version\": 1}").is_err());
        assert!(Baseline::from_json("{\"version\": 9, \"entries\": []}").is_err());
    }
}
