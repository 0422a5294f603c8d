//! Loading the statute tables: the shipped `checks/statutes/` files or a user's, one law per
//! file, every problem of every file collected (see `validate`). Uses only the foundation.

use super::lookup::LawIndex;
use super::validate::{convert_file, RawFile};
use super::{Law, Statutes};
use crate::data::{DataError, SHIPPED};

impl Statutes {
    /// The tables shipped in `checks/statutes/`. The shipped data is tested, so a failure here
    /// is a build defect.
    pub fn shipped() -> Statutes {
        let files = shipped_files();
        match Statutes::from_files(&files) {
            Ok(s) => s,
            Err(errs) => {
                let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
                panic!("shipped statute tables are invalid:\n{}", msgs.join("\n"))
            }
        }
    }

    /// Loads `(file name, text)` pairs, one law per file. Every problem in every file is
    /// reported, each with file:line:col.
    pub fn from_files(files: &[(String, String)]) -> Result<Statutes, Vec<DataError>> {
        let mut errors = Vec::new();
        let mut laws: Vec<Law> = Vec::new();
        for (name, text) in files {
            match crate::data::parse_toml::<RawFile>(name, text) {
                Ok(raw) => {
                    if let Some(law) = convert_file(name, text, raw, &mut errors) {
                        if laws.iter().any(|l| l.id == law.id) {
                            errors.push(DataError {
                                file: name.clone(),
                                line: 0,
                                col: 0,
                                message: format!("law `{}` is defined in two files", law.id),
                            });
                        } else {
                            laws.push(law);
                        }
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            errors.sort();
            return Err(errors);
        }
        laws.sort_by(|a, b| a.id.cmp(&b.id));
        let index = laws.iter().map(LawIndex::of).collect();
        Ok(Statutes { laws, index })
    }
}

/// Files under `checks/statutes/` in the binary.
pub(crate) fn shipped_files() -> Vec<(String, String)> {
    dir_files("statutes")
}

pub(crate) fn dir_files(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(d) = SHIPPED.get_dir(dir) {
        for f in d.files() {
            let path = f.path().to_string_lossy().to_string();
            if path.ends_with(".toml") {
                if let Some(text) = f.contents_utf8() {
                    out.push((format!("checks/{path}"), text.to_string()));
                }
            }
        }
    }
    out.sort();
    out
}
