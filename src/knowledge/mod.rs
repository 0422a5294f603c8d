//! Everything caselint knows, loaded once per run from `checks/`: the shipped data built into
//! the binary, overlaid by the user's own check folders (a file with the same relative path
//! replaces the shipped one; new files add to it). All errors are collected and reported at once.
//!
//! Here: the data files and the loader ([`Knowledge::load_with`], which takes the built-in rules'
//! infos; `Knowledge::load`/`shipped` pass them from `crate::rules`); `aliases` and `canon` (how
//! exports spell names), `settings`, `procedures` (the procedure data's schema), `continuing`
//! (P012's table), `jurisdiction` (a case's province). Uses data, finding, text, model and law;
//! never the readers, rules or reports (the declared rules and the scoring table still come from
//! `rules::declarative` and `report::score` until they move here).

pub mod aliases;
pub mod canon;
pub mod continuing;
pub mod jurisdiction;
pub mod procedures;
pub mod settings;

pub mod declared;
pub mod scoring;

use crate::data::{DataError, SHIPPED};
use crate::finding::Info;
use crate::law::calendar::Calendar;
use crate::law::discretion::Discretion;
use crate::law::jurisdiction::Places;
use crate::law::laws::Laws;
use crate::law::statutes::Statutes;
use aliases::Aliases;
use declared::DeclaredRules;
use procedures::Procedures;
use scoring::Scoring;
use settings::Settings;
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
    /// Law names (full, short, English) by id.
    pub laws: Laws,
    /// Versioned statute tables (`statutes/*.toml`).
    pub statutes: Statutes,
    /// Discretion bands (`discretion/*.toml`).
    pub discretion: Discretion,
    /// Thresholds, periods and cut-over dates with their certainty (`settings.toml`).
    pub settings: Settings,
    /// Required steps, order and deadlines (`procedures.toml`, `procedures/*.toml`).
    pub procedures: Procedures,
    /// The scoring standard (评查): veto items, deductions, grade bands.
    pub scoring: Scoring,
    /// A brigade's own rules (`rules/**/*.toml`), run after the built-in checks.
    pub rules: DeclaredRules,
    /// Place names → province, for provincial law (`jurisdictions.toml`).
    pub places: Places,
    /// Which penalty provisions describe a continuing state (`continuing_acts.toml`, P012).
    pub continuing: continuing::ContinuingActs,
}

/// Keeps a loader's value, or records its errors.
fn keep<T>(r: Result<T, Vec<DataError>>, errors: &mut Vec<DataError>) -> Option<T> {
    r.map_err(|e| errors.extend(e)).ok()
}

impl Knowledge {
    /// Loads and validates every data file, collecting all errors. `builtin` gives the built-in
    /// rules' infos (a procedure entry may be one; a declared rule must not reuse their codes);
    /// `Knowledge::load` and `Knowledge::shipped`, defined where the checks are assembled
    /// (`crate::rules`), pass them.
    pub fn load_with(
        files: &DataFiles,
        builtin: &[&'static Info],
    ) -> Result<Knowledge, Vec<DataError>> {
        // The statute tables are half of the loading: they are read on a thread of their own
        // beside the rest (every run waits for this before its first file).
        std::thread::scope(|scope| {
            let statutes = scope.spawn(|| Statutes::from_files(&files.toml_under("statutes")));
            Self::load_beside(files, builtin, || {
                statutes
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
        })
    }

    /// [`Knowledge::load_with`], with the statute tables from `statutes` (called where their
    /// errors are listed, so the order of the errors does not depend on the thread).
    fn load_beside(
        files: &DataFiles,
        builtin: &[&'static Info],
        statutes: impl FnOnce() -> Result<Statutes, Vec<DataError>>,
    ) -> Result<Knowledge, Vec<DataError>> {
        let mut errors = Vec::new();
        let required = |rel: &str, errors: &mut Vec<DataError>| match files.required(rel) {
            Ok(f) => Some(f),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let aliases_file = required("aliases.toml", &mut errors);
        let documents_file = required("documents.toml", &mut errors);
        let laws_file = required("laws.toml", &mut errors);
        let settings_file = required("settings.toml", &mut errors);
        let procedures_file = required("procedures.toml", &mut errors);
        let scoring_file = required("scoring.toml", &mut errors);
        let continuing = required("continuing_acts.toml", &mut errors)
            .and_then(|(o, t)| keep(continuing::ContinuingActs::from_toml(o, t), &mut errors));
        let places = required("jurisdictions.toml", &mut errors)
            .and_then(|(o, t)| keep(Places::from_toml(o, t), &mut errors));
        let aliases = match (aliases_file, documents_file) {
            (Some(a), Some(d)) => keep(Aliases::from_toml(a, d), &mut errors),
            _ => None,
        };
        let calendar = keep(
            Calendar::from_files(&files.toml_under("calendar")),
            &mut errors,
        );
        let laws = laws_file.and_then(|(o, t)| keep(Laws::from_toml_all(o, t), &mut errors));
        let statutes = keep(statutes(), &mut errors);
        let discretion = keep(
            Discretion::from_files(&files.toml_under("discretion")),
            &mut errors,
        );
        // A provincial pack's statute table names a law the registry must know.
        if let (Some(st), Some(l)) = (&statutes, &laws) {
            for id in st.law_ids() {
                if l.get(id).is_none() {
                    errors.push(DataError {
                        file: "statutes".into(),
                        line: 0,
                        col: 0,
                        message: format!(
                            "statute table for law `{id}`, which laws.toml does not register"
                        ),
                    });
                }
            }
        }
        let settings =
            settings_file.and_then(|(o, t)| keep(Settings::from_toml(o, t), &mut errors));
        if let (Some(s), Some(a), Some((file, _))) = (&settings, &aliases, settings_file) {
            errors.extend(s.validate_kinds(file, &a.penalties));
        }
        let procedures = match (procedures_file, &aliases) {
            (Some((file, text)), Some(a)) => {
                let mut all = vec![(file.to_string(), text.to_string())];
                all.extend(files.toml_under("procedures"));
                keep(
                    Procedures::load(&all, &a.documents, settings.as_ref(), builtin),
                    &mut errors,
                )
            }
            _ => None,
        };
        let scoring = scoring_file.and_then(|(o, t)| keep(Scoring::from_toml(o, t), &mut errors));
        let rules = match (&aliases, &procedures) {
            (Some(a), Some(p)) => {
                let mut taken = builtin.to_vec();
                taken.extend(p.extra_infos());
                keep(
                    DeclaredRules::load(
                        &files.toml_under("rules"),
                        &a.documents,
                        &a.penalties,
                        &taken,
                    ),
                    &mut errors,
                )
            }
            _ => None,
        };
        match (
            aliases, calendar, laws, statutes, discretion, settings, procedures, scoring, rules,
        ) {
            (
                Some(aliases),
                Some(calendar),
                Some(laws),
                Some(statutes),
                Some(discretion),
                Some(settings),
                Some(procedures),
                Some(scoring),
                Some(rules),
            ) if errors.is_empty() => Ok(Knowledge {
                places: places.unwrap_or_default(),
                continuing: continuing.unwrap_or_default(),
                aliases,
                calendar,
                laws,
                statutes,
                discretion,
                settings,
                procedures,
                scoring,
                rules,
            }),
            _ => {
                errors.sort();
                errors.dedup();
                Err(errors)
            }
        }
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
        let text = crate::data::shipped_text("scoring.toml");
        std::fs::write(
            dir.path().join("scoring.toml"),
            text.replace("min = 90", "min = 85"),
        )
        .unwrap();
        let mut files = DataFiles::shipped();
        files.overlay(dir.path()).unwrap();
        let kb = Knowledge::load(&files).unwrap();
        assert_eq!(kb.scoring.grades[0].min, scoring::Points(850));
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
