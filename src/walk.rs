//! Finds the input files: every `.xml`, `.xlsx`, `.xlsm` and `.xls` under the given paths,
//! as a sorted, de-duplicated list. Problems (a path that does not exist, a folder that cannot
//! be read, a symlink loop) are kept as items so the scan reports them as findings; nothing a
//! user named is silently skipped.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The kinds of input caselint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputKind {
    Xml,
    Workbook,
}

impl InputKind {
    /// By extension (case-insensitive).
    pub fn of(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xml" => Some(InputKind::Xml),
            "xlsx" | "xlsm" | "xls" => Some(InputKind::Workbook),
            _ => None,
        }
    }
}

/// One thing the walk found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Item {
    /// A file to read. `root` is the path given on the command line it was found under.
    File {
        path: PathBuf,
        root: PathBuf,
        kind: InputKind,
    },
    /// A path that could not be walked or read as input, with the reason.
    Problem { path: PathBuf, reason: String },
}

impl Item {
    pub fn path(&self) -> &Path {
        match self {
            Item::File { path, .. } | Item::Problem { path, .. } => path,
        }
    }
}

/// What the walk found, plus counts of what it passed over on purpose.
#[derive(Debug, Default)]
pub struct Walk {
    pub items: Vec<Item>,
    /// Files inside folders whose extension caselint does not read.
    pub other_files: usize,
    /// Symbolic links not followed.
    pub symlinks_skipped: usize,
}

/// Walks `paths`. A file named directly is read whatever its extension says it is only when the
/// extension is one caselint reads; otherwise it is a [`Item::Problem`], never ignored.
pub fn walk(paths: &[PathBuf], follow_symlinks: bool) -> Walk {
    let mut out = Walk::default();
    let mut seen = BTreeSet::new();
    for root in paths {
        if let Err(e) = std::fs::symlink_metadata(root) {
            {
                out.items.push(Item::Problem {
                    path: root.clone(),
                    reason: e.to_string(),
                });
                continue;
            }
        }
        // A folder, or a link to one named on the command line, is walked; anything else is a file.
        if !root.is_dir() {
            match InputKind::of(root) {
                Some(kind) => {
                    if seen.insert(root.clone()) {
                        out.items.push(Item::File {
                            path: root.clone(),
                            root: root.clone(),
                            kind,
                        });
                    }
                }
                None => out.items.push(Item::Problem {
                    path: root.clone(),
                    reason: "not a .xml, .xlsx, .xlsm or .xls file".into(),
                }),
            }
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(follow_symlinks)
            .follow_root_links(true)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) => {
                    let ft = e.file_type();
                    if ft.is_symlink() {
                        out.symlinks_skipped += 1;
                        continue;
                    }
                    if !ft.is_file() {
                        continue;
                    }
                    match InputKind::of(e.path()) {
                        Some(kind) => {
                            if seen.insert(e.path().to_path_buf()) {
                                out.items.push(Item::File {
                                    path: e.path().to_path_buf(),
                                    root: root.clone(),
                                    kind,
                                });
                            }
                        }
                        None => out.other_files += 1,
                    }
                }
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = if e.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        e.io_error()
                            .map(|io| io.to_string())
                            .unwrap_or_else(|| e.to_string())
                    };
                    out.items.push(Item::Problem { path, reason });
                }
            }
        }
    }
    out.items.sort();
    out.items.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inputs_sorted_and_reports_problems() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("b")).unwrap();
        std::fs::write(d.join("b/2.xml"), "<Case/>").unwrap();
        std::fs::write(d.join("a.XLSX"), "x").unwrap();
        std::fs::write(d.join("notes.txt"), "x").unwrap();
        let w = walk(&[d.to_path_buf(), d.join("missing")], false);
        let names: Vec<String> = w
            .items
            .iter()
            .map(|i| i.path().strip_prefix(d).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.XLSX", "b/2.xml", "missing"]);
        assert!(matches!(w.items[2], Item::Problem { .. }));
        assert_eq!(w.other_files, 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_do_not_hang() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("x")).unwrap();
        std::os::unix::fs::symlink(d, d.join("x/loop")).unwrap();
        std::fs::write(d.join("x/c.xml"), "<Case/>").unwrap();
        let w = walk(&[d.to_path_buf()], false);
        assert_eq!(w.items.len(), 1);
        assert_eq!(w.symlinks_skipped, 1);
        let w = walk(&[d.to_path_buf()], true);
        assert!(w
            .items
            .iter()
            .any(|i| matches!(i, Item::Problem { reason, .. } if reason.contains("loop"))));
    }

    #[test]
    fn a_named_file_of_another_kind_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("case.pdf");
        std::fs::write(&f, "x").unwrap();
        let w = walk(&[f], false);
        assert!(matches!(w.items[0], Item::Problem { .. }));
    }
}
