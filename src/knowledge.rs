//! Everything caselint knows, loaded once per run from `checks/`: the shipped data built into
//! the binary, overlaid by the user's own check folders (a file with the same relative path
//! replaces the shipped one; new files add to it). All errors are collected and reported at once.

use crate::data::{DataError, SHIPPED};
use crate::law::calendar::Calendar;
use crate::read::aliases::Aliases;
use crate::report::score::Scoring;
use std::collections::BTreeMap;
use std::path::Path;

/// The data files in force: relative path → (where it came from, text).
#[derive(Debug, Clone, Default)]
pub struct DataFiles {
    files: BTreeMap<String, (String, String)>,
}

impl DataFiles {
    /// The shipped `checks/` folder.
    pub fn shipped() -> DataFiles {
        let mut out = DataFiles::default();
        fn walk(dir: &include_dir::Dir<'static>, out: &mut DataFiles) {
            for f in dir.files() {
                if let Some(text) = f.contents_utf8() {
                    let rel = f.path().to_string_lossy().replace('\\', "/");
                    out.files
                        .insert(rel.clone(), (format!("checks/{rel}"), text.to_string()));
                }
            }
            for d in dir.dirs() {
                walk(d, out);
            }
        }
        walk(&SHIPPED, &mut out);
        out
    }

    /// Overlays a user folder: its files replace shipped files with the same relative path.
    pub fn overlay(&mut self, dir: &Path) -> Result<(), DataError> {
        let err = |m: String| DataError {
            file: dir.display().to_string(),
            line: 0,
            col: 0,
            message: m,
        };
        if !dir.is_dir() {
            return Err(err("not a folder".into()));
        }
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| err(e.to_string()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(entry.path()).map_err(|e| DataError {
                file: entry.path().display().to_string(),
                line: 0,
                col: 0,
                message: e.to_string(),
            })?;
            self.files
                .insert(rel, (entry.path().display().to_string(), text));
        }
        Ok(())
    }

    /// (origin, text) of one file.
    pub fn get(&self, rel: &str) -> Option<(&str, &str)> {
        self.files.get(rel).map(|(o, t)| (o.as_str(), t.as_str()))
    }

    /// All `.toml` files under a folder, sorted by path, as (origin, text).
    pub fn toml_under(&self, folder: &str) -> Vec<(String, String)> {
        let prefix = format!("{folder}/");
        self.files
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix) && k.ends_with(".toml"))
            .map(|(_, (o, t))| (o.clone(), t.clone()))
            .collect()
    }

    /// Every file, for hashing the rule data in force.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .map(|(k, (_, t))| (k.as_str(), t.as_str()))
    }

    fn required(&self, rel: &str) -> Result<(&str, &str), DataError> {
        self.get(rel).ok_or_else(|| DataError {
            file: format!("checks/{rel}"),
            line: 0,
            col: 0,
            message: "required data file is missing".into(),
        })
    }
}

/// The loaded knowledge every check reads.
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub aliases: Aliases,
    /// Working days: statutory holidays and make-up days (调休), per year covered.
    pub calendar: Calendar,
    /// The scoring standard (评查): veto items, deductions, grade bands.
    pub scoring: Scoring,
}

impl Knowledge {
    /// Loads and validates every data file, collecting all errors.
    pub fn load(files: &DataFiles) -> Result<Knowledge, Vec<DataError>> {
        let mut errors = Vec::new();
        let aliases = match (
            files.required("aliases.toml"),
            files.required("documents.toml"),
        ) {
            (Ok(a), Ok(d)) => Aliases::from_toml(a, d).map_err(|e| errors.extend(e)).ok(),
            (a, d) => {
                errors.extend(a.err());
                errors.extend(d.err());
                None
            }
        };
        let calendar = Calendar::from_files(&files.toml_under("calendar"))
            .map_err(|e| errors.extend(e))
            .ok();
        let scoring = match files.required("scoring.toml") {
            Ok((origin, text)) => Scoring::from_toml(origin, text)
                .map_err(|e| errors.extend(e))
                .ok(),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        match (aliases, calendar, scoring) {
            (Some(aliases), Some(calendar), Some(scoring)) if errors.is_empty() => Ok(Knowledge {
                aliases,
                calendar,
                scoring,
            }),
            _ => {
                errors.sort();
                Err(errors)
            }
        }
    }

    /// The shipped knowledge (tests and defaults).
    pub fn shipped() -> Knowledge {
        Knowledge::load(&DataFiles::shipped()).expect("shipped checks/ data is valid (tested)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_loads() {
        let files = DataFiles::shipped();
        assert!(files.get("aliases.toml").is_some());
        Knowledge::load(&files).unwrap();
    }

    #[test]
    fn overlay_replaces_by_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("aliases.toml"), "source = 1\n").unwrap();
        let mut files = DataFiles::shipped();
        files.overlay(dir.path()).unwrap();
        let errs = Knowledge::load(&files).unwrap_err();
        assert!(errs[0].file.ends_with("aliases.toml"), "{errs:?}");
        assert_eq!(errs[0].line, 1);
    }

    #[test]
    fn scoring_overlay_is_validated_and_used() {
        let shipped = Knowledge::shipped();
        assert_eq!(shipped.scoring.grades[0].zh, "优秀");
        let dir = tempfile::tempdir().unwrap();
        let text = crate::data::SHIPPED
            .get_file("scoring.toml")
            .unwrap()
            .contents_utf8()
            .unwrap();
        std::fs::write(
            dir.path().join("scoring.toml"),
            text.replace("min = 90", "min = 85"),
        )
        .unwrap();
        let mut files = DataFiles::shipped();
        files.overlay(dir.path()).unwrap();
        let kb = Knowledge::load(&files).unwrap();
        assert_eq!(kb.scoring.grades[0].min, crate::report::score::Points(850));
        std::fs::write(
            dir.path().join("scoring.toml"),
            text.replace("[veto]", "[vetos]"),
        )
        .unwrap();
        let mut files = DataFiles::shipped();
        files.overlay(dir.path()).unwrap();
        let errs = Knowledge::load(&files).unwrap_err();
        assert!(errs[0].file.ends_with("scoring.toml"), "{errs:?}");
        assert!(errs[0].line > 0, "{errs:?}");
    }
}
