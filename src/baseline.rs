//! Baselines: the accepted existing findings, recorded by fingerprint (case number + rule +
//! subject, never a line number, so re-exporting a file does not invalidate it). With a baseline
//! only new findings are reported, and the run says how many baseline entries no longer occur.
//!
//! A file's path enters a fingerprint only relative to the scan root it was found under (see
//! [`set_roots`]), with `/` separators: `check e2`, `check ./e2` and `check /ci/work/e2` give the
//! same fingerprints, on any computer.

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

/// The scan roots of this process's run, longest first (a file given directly counts by its
/// folder).
static ROOTS: RwLock<Vec<PathBuf>> = RwLock::new(Vec::new());

/// Records the paths a run scans, so fingerprints name files relative to them.
pub fn set_roots(paths: &[PathBuf]) {
    let mut roots: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        })
        .collect();
    roots.sort_by_key(|r| std::cmp::Reverse(r.components().count()));
    if let Ok(mut r) = ROOTS.write() {
        *r = roots;
    }
}

/// `text` (a path, or a text that starts with one) relative to the scan root it starts with,
/// with `/` separators; unchanged when it starts with none.
pub fn relative(text: &str) -> String {
    match ROOTS.read() {
        Ok(roots) => relative_to(text, &roots),
        Err(_) => text.to_string(),
    }
}

/// [`relative`] against the given roots (longest first).
pub fn relative_to(text: &str, roots: &[PathBuf]) -> String {
    let path = Path::new(text);
    for root in roots {
        if root.as_os_str().is_empty() {
            continue;
        }
        if let Ok(rest) = path.strip_prefix(root) {
            return slashes(rest);
        }
    }
    if roots.iter().any(|r| r.as_os_str().is_empty()) {
        // A file given by its bare name: it sits in the current folder.
        if let Ok(rest) = path.strip_prefix(".") {
            return slashes(rest);
        }
    }
    text.to_string()
}

fn slashes(p: &Path) -> String {
    p.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

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

/// What applying a baseline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings dropped because the baseline accepts them.
    pub suppressed: usize,
    /// Baseline entries that no longer occur (fixed, or the case is gone).
    pub stale: usize,
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
    fn paths_are_relative_to_their_root_however_typed() {
        let roots = |v: &[&str]| v.iter().map(PathBuf::from).collect::<Vec<_>>();
        for (root, file) in [
            ("e2", "e2/甲/a.xml"),
            ("./e2", "./e2/甲/a.xml"),
            ("/ci/work/e2", "/ci/work/e2/甲/a.xml"),
            ("e2/", "e2/甲/a.xml"),
        ] {
            assert_eq!(relative_to(file, &roots(&[root])), "甲/a.xml", "{root}");
        }
        // Text after the path (a duplicate's subject) stays.
        assert_eq!(relative_to("e2/甲/a.xml#1", &roots(&["e2"])), "甲/a.xml#1");
        assert_eq!(relative_to("notice", &roots(&["e2"])), "notice");
        assert_eq!(relative_to("./a.xml", &roots(&[""])), "a.xml");
    }

    #[test]
    fn bad_baseline_is_an_error() {
        assert!(Baseline::from_json("{\"version\": 1}").is_err());
        assert!(Baseline::from_json("{\"version\": 9, \"entries\": []}").is_err());
    }
}
