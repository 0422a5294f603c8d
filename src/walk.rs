//! Finds the input files: every `.xml`, `.xlsx`, `.xlsm`, `.xls`, and decision documents
//! (`.docx`, `.txt`) under the given paths,
//! as a sorted, de-duplicated list. Problems (a path that does not exist, a folder that cannot
//! be read, a symlink loop) are kept as items so the scan reports them as findings; nothing a
//! user named is silently skipped.

use std::path::{Path, PathBuf};

/// The kinds of input caselint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputKind {
    Xml,
    Workbook,
    /// A decision document on its own: a Word file or plain text (formats.md §5).
    Decision,
}

impl InputKind {
    /// By extension (case-insensitive).
    pub fn of(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xml" => Some(InputKind::Xml),
            "xlsx" | "xlsm" | "xls" => Some(InputKind::Workbook),
            "docx" | "txt" => Some(InputKind::Decision),
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

/// Walks `paths` into one list (see [`Walker`] for the order).
pub fn walk(paths: &[PathBuf], follow_symlinks: bool) -> Walk {
    let mut walker = Walker::new(paths, follow_symlinks);
    let items = walker.by_ref().collect();
    Walk {
        items,
        other_files: walker.other_files(),
        symlinks_skipped: walker.symlinks_skipped(),
    }
}

/// The walk as a stream: input files in path order (component by component; a path found
/// under two given roots once, under the first), then the problems, sorted. Only the folders
/// on the current path are held, so a walk of a million files takes no more memory than one of
/// a hundred. A file named directly is read whatever its extension says it is only when the
/// extension is one caselint reads; otherwise it is a [`Item::Problem`], never ignored.
pub struct Walker {
    roots: Vec<RootWalk>,
    /// Problems wait for the files to be done (they sort after every file).
    problems: Vec<Item>,
    problems_sorted: bool,
    last: Option<PathBuf>,
}

/// One given path's files, in order, each found once.
struct RootWalk {
    root: PathBuf,
    /// `None` for a given path that is not a folder (it is its own only item).
    entries: Option<walkdir::IntoIter>,
    single: Option<Item>,
    peeked: Option<Item>,
    other_files: usize,
    symlinks_skipped: usize,
}

impl RootWalk {
    fn new(root: &Path, follow_symlinks: bool, problems: &mut Vec<Item>) -> RootWalk {
        let mut w = RootWalk {
            root: root.to_path_buf(),
            entries: None,
            single: None,
            peeked: None,
            other_files: 0,
            symlinks_skipped: 0,
        };
        if let Err(e) = std::fs::symlink_metadata(root) {
            problems.push(Item::Problem {
                path: root.to_path_buf(),
                reason: e.to_string(),
            });
            return w;
        }
        // A folder, or a link to one named on the command line, is walked; anything else is a file.
        if !root.is_dir() {
            match InputKind::of(root) {
                Some(kind) => {
                    w.single = Some(Item::File {
                        path: root.to_path_buf(),
                        root: root.to_path_buf(),
                        kind,
                    })
                }
                None => problems.push(Item::Problem {
                    path: root.to_path_buf(),
                    reason: "not a .xml, .xlsx, .xlsm, .xls, .docx or .txt file".into(),
                }),
            }
            return w;
        }
        w.entries = Some(
            walkdir::WalkDir::new(root)
                .follow_links(follow_symlinks)
                .follow_root_links(true)
                // `sort_by_file_name`'s order: siblings' paths share their parent's, so they
                // compare as their names do, without parsing each name out of its path at every
                // comparison (that was a fifth of the walk's time).
                .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
                .into_iter(),
        );
        w
    }

    /// The next file of this root; problems met on the way go to `problems`.
    fn next_file(&mut self, problems: &mut Vec<Item>) -> Option<Item> {
        if let Some(item) = self.single.take() {
            return Some(item);
        }
        let entries = self.entries.as_mut()?;
        for entry in entries {
            match entry {
                Ok(e) => {
                    let ft = e.file_type();
                    if ft.is_symlink() {
                        self.symlinks_skipped += 1;
                        continue;
                    }
                    if !ft.is_file() {
                        continue;
                    }
                    match InputKind::of(e.path()) {
                        Some(kind) => {
                            return Some(Item::File {
                                path: e.into_path(),
                                root: self.root.clone(),
                                kind,
                            })
                        }
                        None => self.other_files += 1,
                    }
                }
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| self.root.clone());
                    let reason = if e.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        e.io_error()
                            .map(|io| io.to_string())
                            .unwrap_or_else(|| e.to_string())
                    };
                    problems.push(Item::Problem { path, reason });
                }
            }
        }
        None
    }

    fn peek(&mut self, problems: &mut Vec<Item>) -> Option<&Item> {
        if self.peeked.is_none() {
            self.peeked = self.next_file(problems);
        }
        self.peeked.as_ref()
    }
}

impl Walker {
    pub fn new(paths: &[PathBuf], follow_symlinks: bool) -> Walker {
        let mut problems = Vec::new();
        let roots = paths
            .iter()
            .map(|p| RootWalk::new(p, follow_symlinks, &mut problems))
            .collect();
        Walker {
            roots,
            problems,
            problems_sorted: false,
            last: None,
        }
    }

    /// Files inside folders whose extension caselint does not read (so far).
    pub fn other_files(&self) -> usize {
        self.roots.iter().map(|r| r.other_files).sum()
    }

    /// Symbolic links not followed (so far).
    pub fn symlinks_skipped(&self) -> usize {
        self.roots.iter().map(|r| r.symlinks_skipped).sum()
    }
}

impl Iterator for Walker {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            // The smallest next path over the roots (the first root on a tie): a merge of
            // sorted streams is sorted.
            for r in &mut self.roots {
                r.peek(&mut self.problems);
            }
            let mut best: Option<(usize, &Path)> = None;
            for (i, r) in self.roots.iter().enumerate() {
                if let Some(p) = r.peeked.as_ref().map(Item::path) {
                    if best.is_none_or(|(_, q)| p < q) {
                        best = Some((i, p));
                    }
                }
            }
            let Some((b, _)) = best else { break };
            let item = self.roots[b].peeked.take()?;
            if self.last.as_deref() == Some(item.path()) {
                continue; // the same file under an earlier root
            }
            self.last = Some(item.path().to_path_buf());
            return Some(item);
        }
        if !self.problems_sorted {
            self.problems.sort();
            self.problems.dedup();
            self.problems.reverse();
            self.problems_sorted = true;
        }
        self.problems.pop()
    }
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
        std::fs::write(d.join("notes.pdf"), "x").unwrap();
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

    /// The walk's order is walkdir's `sort_by_file_name` order, also for names where a path
    /// prefix could mislead a comparison (`a` beside `a b`, `a-`, `a.xml`, `a/…`), upper case,
    /// and Chinese names.
    #[test]
    fn order_is_sort_by_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "a/1.xml",
            "a b.xml",
            "a-.xml",
            "a.xml",
            "a0/2.xml",
            "A.xml",
            "中队/3.xml",
            "中.xml",
            "z/y/4.xml",
            "z/y.xml",
            "z/Y/5.xml",
        ] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), "<Case/>").unwrap();
        }
        let expected: Vec<PathBuf> = walkdir::WalkDir::new(d)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().to_path_buf())
            .collect();
        let got: Vec<PathBuf> = walk(&[d.to_path_buf()], false)
            .items
            .iter()
            .map(|i| i.path().to_path_buf())
            .collect();
        assert_eq!(got, expected);
        assert_eq!(got.len(), 11);
    }

    #[test]
    fn several_roots_merge_in_path_order_each_file_once_under_its_first_root() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "a/1.xml",
            "a/b/2.xml",
            "a/b/3.xlsx",
            "a/c.xml",
            "a.xml",
            "z/9.xml",
        ] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), "<Case/>").unwrap();
        }
        // a/b is given first, then the whole tree, a file named twice and a missing path.
        let roots = [
            d.join("a/b"),
            d.join("missing"),
            d.to_path_buf(),
            d.join("a.xml"),
        ];
        let got: Vec<(String, String)> = Walker::new(&roots, false)
            .map(|i| match i {
                Item::File { path, root, .. } => (
                    path.strip_prefix(d).unwrap().display().to_string(),
                    root.strip_prefix(d).unwrap().display().to_string(),
                ),
                Item::Problem { path, .. } => (
                    path.strip_prefix(d).unwrap().display().to_string(),
                    "problem".into(),
                ),
            })
            .collect();
        let want = [
            ("a/1.xml", ""),
            ("a/b/2.xml", "a/b"),
            ("a/b/3.xlsx", "a/b"),
            ("a/c.xml", ""),
            ("a.xml", ""),
            ("z/9.xml", ""),
            ("missing", "problem"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(p, r)| (p.to_string(), r.to_string()))
            .collect();
        assert_eq!(got, want);
        // The same order as sorting the whole list.
        let mut sorted = walk(&roots, false).items;
        let walked = sorted.clone();
        sorted.sort();
        assert_eq!(walked, sorted);
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
