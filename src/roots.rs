//! Scan roots: a file's path enters a fingerprint only relative to the scan root it was found
//! under (see [`set_roots`]), with `/` separators: `check e2`, `check ./e2` and
//! `check /ci/work/e2` give the same fingerprints, on any computer. A process-wide setting, set
//! once per run, read by the finding fingerprints, the baseline and the cross-check records.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
