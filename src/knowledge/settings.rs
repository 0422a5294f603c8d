//! The thresholds, periods and cut-over dates the S and P rules read, from
//! `checks/settings.toml`.
//!
//! They are data, not constants, because several are not settled law (legal.md §3.2: the fire
//! hearing threshold, the statement period, what counts as "major"): each entry carries the
//! VERIFIED/SECONDARY/UNVERIFIED/DERIVED mark of legal.md, its source and, when UNVERIFIED, the
//! reason, so a reviewer sees how firm a number is and a jurisdiction can set its own.
//! A value may differ by law version (`versions` with `from`/`until` dates), chosen by the date
//! of the act the rule looks at.

use crate::data::{parse_toml, DataError};
use crate::law::calendar::Period;
use crate::model::Money;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use toml::Spanned;

/// The verification marks of legal.md.
pub const MARKS: [&str; 4] = ["VERIFIED", "SECONDARY", "UNVERIFIED", "DERIVED"];

/// What type each setting the built-in rules read must have; checked on load so the typed
/// getters never meet a surprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Date,
    Yuan,
    Period,
    Kinds,
    Words,
    Bool,
    Text,
}

const REQUIRED: &[(&str, Ty)] = &[
    ("law.xzcf_2021_from", Ty::Date),
    ("law.fire_2019_from", Ty::Date),
    ("law.review_2018_from", Ty::Date),
    ("law.henan_enforcement_from", Ty::Date),
    ("major.facts_words", Ty::Words),
    ("hearing.fire_era_from", Ty::Date),
    ("hearing.fine_threshold.individual.police_era", Ty::Yuan),
    ("hearing.fine_threshold.unit.police_era", Ty::Yuan),
    ("hearing.fine_threshold.individual", Ty::Yuan),
    ("hearing.fine_threshold.unit", Ty::Yuan),
    ("hearing.fine_threshold.unit.alternative", Ty::Yuan),
    ("hearing.penalty_kinds", Ty::Kinds),
    ("hearing.request_window", Ty::Period),
    ("hearing.local_laws", Ty::Words),
    ("hearing.local_fine_threshold.individual", Ty::Yuan),
    ("hearing.local_fine_threshold.unit", Ty::Yuan),
    ("major.penalty_kinds", Ty::Kinds),
    ("major.fine_at_hearing_threshold", Ty::Bool),
    ("statement.period", Ty::Period),
    ("summary.limit.individual", Ty::Yuan),
    ("summary.limit.unit", Ty::Yuan),
    ("limitation.period", Ty::Period),
    ("limitation.period_with_harm", Ty::Period),
    ("limitation.no_harm_words", Ty::Words),
    ("agency.outdated_names", Ty::Words),
    ("jurisdiction.province", Ty::Text),
    ("mitigation.words", Ty::Words),
    ("remedy.lawsuit_period", Ty::Period),
    ("remedy.review_period", Ty::Period),
    ("remedy.after_review_period", Ty::Period),
];

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)] // for people reading the file
    source: String,
    #[serde(default)]
    settings: BTreeMap<String, Spanned<RawEntry>>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    value: Option<Spanned<toml::Value>>,
    #[serde(default)]
    versions: Vec<Spanned<RawVersion>>,
    mark: Spanned<String>,
    source: String,
    basis: Option<String>,
    reason: Option<String>,
    reason_zh: Option<String>,
    unit: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVersion {
    from: Option<toml::value::Datetime>,
    until: Option<toml::value::Datetime>,
    value: Spanned<toml::Value>,
}

/// A setting's value, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Date(NaiveDate),
    Int(i64),
    Bool(bool),
    Period(Period),
    Text(String),
    List(Vec<String>),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Date(d) => write!(f, "{d}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Period(p) => write!(f, "{p}"),
            Value::Text(t) => f.write_str(t),
            Value::List(l) => write!(f, "[{}]", l.join(", ")),
        }
    }
}

/// One version of a setting: in force from `from` to `until` (inclusive, either open).
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub value: Value,
}

/// One setting with its certainty.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub name: String,
    /// One version (open on both sides) or several by date.
    pub versions: Vec<Version>,
    pub mark: String,
    /// The research note behind the value (English, with the law's words in Chinese).
    pub source: String,
    /// The law and article in plain Chinese, for Chinese output (falls back to `source`).
    pub basis: Option<String>,
    pub reason: Option<String>,
    /// Why it is not verified, in Chinese (falls back to `reason`).
    pub reason_zh: Option<String>,
    pub unit: Option<String>,
}

impl Setting {
    /// The value in force on `date` (the undated value when there is only one).
    pub fn at(&self, date: Option<NaiveDate>) -> Option<&Value> {
        if let [only] = self.versions.as_slice() {
            if only.from.is_none() && only.until.is_none() {
                return Some(&only.value);
            }
        }
        let d = date?;
        self.versions
            .iter()
            .find(|v| v.from.is_none_or(|f| f <= d) && v.until.is_none_or(|u| d <= u))
            .map(|v| &v.value)
    }

    /// One line for `caselint explain`: value(s), how firm they are in plain words, the basis
    /// (Chinese: the law and article; English: the research note) and why a value is not
    /// verified (without the research notes' document references, see [`crate::plain`]).
    pub fn describe(&self, lang: crate::finding::Lang) -> String {
        use crate::finding::Lang;
        let unit = match (self.unit.as_deref(), lang) {
            (None, _) => String::new(),
            (Some("yuan"), Lang::Zh) => " 元".into(),
            (Some(u), _) => format!(" {u}"),
        };
        let value = |v: &Value| match (v, lang) {
            // Chinese shows a period as the configuration may also write it: `5个工作日`.
            (Value::Period(p), Lang::Zh) => p.label(lang),
            _ => format!("{v}{unit}"),
        };
        let vals: Vec<String> = self
            .versions
            .iter()
            .map(|v| match (v.from, v.until, lang) {
                (None, None, _) => value(&v.value),
                (f, u, _) => {
                    let (f, u) = (
                        f.map(|d| d.to_string()).unwrap_or_default(),
                        u.map(|d| d.to_string()).unwrap_or_default(),
                    );
                    match lang {
                        Lang::Zh => format!("{}（{f}–{u}）", value(&v.value)),
                        Lang::En => format!("{} ({f}–{u})", value(&v.value)),
                    }
                }
            })
            .collect();
        let certainty = crate::plain::certainty(&self.mark, lang);
        let (basis, reason) = match lang {
            Lang::Zh => (
                self.basis.clone().unwrap_or_else(|| self.source.clone()),
                self.reason_zh.as_ref().or(self.reason.as_ref()),
            ),
            Lang::En => (self.source.clone(), self.reason.as_ref()),
        };
        let basis = crate::plain::scrub(&basis);
        let mut s = format!(
            "{} = {}{}",
            self.name,
            vals.join(lang.pick("；", "; ")),
            match (lang, basis.is_empty()) {
                (Lang::Zh, true) => format!("（{certainty}）"),
                (Lang::Zh, false) => format!("（{certainty}）依据：{basis}"),
                (Lang::En, true) => format!(" ({certainty})"),
                (Lang::En, false) => format!(" ({certainty}) source: {basis}"),
            }
        );
        if let Some(r) = reason {
            s += &format!(" — {}", crate::plain::scrub(r));
        }
        s
    }
}

/// All settings, by name.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// By name; hashed (foldhash), as the checks look settings up by name for every case.
    entries: crate::fastmap::FastMap<String, Setting>,
}

fn to_date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    let date = d.date?;
    if d.time.is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
}

impl Settings {
    /// Parses and validates a settings file: unknown keys, bad marks, missing reasons for
    /// UNVERIFIED values, wrong types and bad periods or regexes are all reported at once.
    pub fn from_toml(file: &str, text: &str) -> Result<Settings, Vec<DataError>> {
        let parsed: File = parse_toml(file, text).map_err(|e| vec![e])?;
        let mut errors = Vec::new();
        let err = |span: std::ops::Range<usize>, m: String| {
            DataError::at_offset(file, text, span.start, m)
        };
        let mut out = Settings::default();
        for (name, entry) in parsed.settings {
            let span = entry.span();
            let raw = entry.into_inner();
            if !MARKS.contains(&raw.mark.get_ref().as_str()) {
                errors.push(err(
                    raw.mark.span(),
                    format!("mark must be one of {}", MARKS.join(", ")),
                ));
            }
            if raw.mark.get_ref() == "UNVERIFIED"
                && raw.reason.as_deref().is_none_or(|r| r.trim().is_empty())
            {
                errors.push(err(
                    span.clone(),
                    format!("setting `{name}` is UNVERIFIED and needs a `reason`"),
                ));
            }
            let ty = REQUIRED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
            let mut versions = Vec::new();
            let convert =
                |v: &Spanned<toml::Value>, errors: &mut Vec<DataError>| -> Option<Value> {
                    match convert_value(v.get_ref(), ty) {
                        Ok(val) => Some(val),
                        Err(m) => {
                            errors.push(err(v.span(), format!("setting `{name}`: {m}")));
                            None
                        }
                    }
                };
            match (&raw.value, raw.versions.is_empty()) {
                (Some(v), true) => {
                    if let Some(value) = convert(v, &mut errors) {
                        versions.push(Version {
                            from: None,
                            until: None,
                            value,
                        });
                    }
                }
                (None, false) => {
                    for v in &raw.versions {
                        let r = v.get_ref();
                        let from = r.from.as_ref().map(to_date);
                        let until = r.until.as_ref().map(to_date);
                        if from == Some(None) || until == Some(None) {
                            errors.push(err(
                                v.span(),
                                "`from`/`until` must be plain dates (YYYY-MM-DD)".into(),
                            ));
                            continue;
                        }
                        if let Some(value) = convert(&r.value, &mut errors) {
                            versions.push(Version {
                                from: from.flatten(),
                                until: until.flatten(),
                                value,
                            });
                        }
                    }
                }
                _ => errors.push(err(
                    span.clone(),
                    format!("setting `{name}` needs exactly one of `value` or `versions`"),
                )),
            }
            out.entries.insert(
                name.clone(),
                Setting {
                    name,
                    versions,
                    mark: raw.mark.into_inner(),
                    source: raw.source,
                    basis: raw.basis,
                    reason: raw.reason,
                    reason_zh: raw.reason_zh,
                    unit: raw.unit,
                },
            );
        }
        for (name, _) in REQUIRED {
            if !out.entries.contains_key(*name) {
                errors.push(DataError {
                    file: file.to_string(),
                    line: 0,
                    col: 0,
                    message: format!("required setting `{name}` is missing"),
                });
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            errors.sort();
            Err(errors)
        }
    }

    /// The shipped settings (tests).
    pub fn shipped() -> Settings {
        let text = crate::data::shipped_text("settings.toml");
        Settings::from_toml("checks/settings.toml", text)
            .expect("shipped settings are valid (tested)")
    }

    pub fn get(&self, name: &str) -> Option<&Setting> {
        self.entries.get(name)
    }

    /// Every setting, by name.
    pub fn iter(&self) -> impl Iterator<Item = &Setting> {
        let mut all: Vec<(&String, &Setting)> = self.entries.iter().collect();
        all.sort_unstable_by(|a, b| a.0.cmp(b.0));
        all.into_iter().map(|(_, s)| s)
    }

    fn at(&self, name: &str, date: Option<NaiveDate>) -> Option<&Value> {
        self.entries.get(name)?.at(date)
    }

    /// A date setting (law cut-overs).
    pub fn date(&self, name: &str) -> Option<NaiveDate> {
        match self.at(name, None)? {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    /// An amount in yuan, in force on `date`.
    pub fn money(&self, name: &str, date: Option<NaiveDate>) -> Option<Money> {
        match self.at(name, date)? {
            Value::Int(y) => Some(Money::yuan(*y)),
            _ => None,
        }
    }

    /// A period, in force on `date`.
    pub fn period(&self, name: &str, date: Option<NaiveDate>) -> Option<Period> {
        match self.at(name, date)? {
            Value::Period(p) => Some(*p),
            _ => None,
        }
    }

    /// Whether a user configured this setting (caselint.toml `[settings]`).
    pub fn configured(&self, name: &str) -> bool {
        self.entries
            .get(name)
            .is_some_and(|s| s.mark == "CONFIGURED")
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.at(name, None)? {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A list of strings (penalty kinds, words).
    pub fn list(&self, name: &str) -> &[String] {
        match self.at(name, None) {
            Some(Value::List(l)) => l,
            _ => &[],
        }
    }

    /// Checks that the penalty-kind lists name known kinds.
    pub fn validate_kinds(
        &self,
        file: &str,
        penalties: &crate::knowledge::aliases::KindTable,
    ) -> Vec<DataError> {
        let mut errors = Vec::new();
        for (name, ty) in REQUIRED {
            if *ty == Ty::Kinds {
                for k in self.list(name) {
                    if !penalties.contains_id(k) {
                        errors.push(DataError {
                            file: file.to_string(),
                            line: 0,
                            col: 0,
                            message: format!("setting `{name}`: unknown penalty kind `{k}`"),
                        });
                    }
                }
            }
        }
        errors
    }
}

impl Settings {
    /// Replaces a setting's value with one a user configured (`[settings]` in caselint.toml):
    /// the value takes the setting's type, applies on every date, and is marked `CONFIGURED`
    /// with where it came from, keeping the shipped value visible in its source line.
    pub fn configure(
        &mut self,
        name: &str,
        value: &toml::Value,
        origin: &str,
    ) -> Result<(), String> {
        let Some(setting) = self.entries.get_mut(name) else {
            return Err(format!(
                "unknown setting `{name}` (caselint explain RULE lists the settings a rule reads; docs/数据与本地化.md)"
            ));
        };
        let ty = REQUIRED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
        let value = convert_value(value, ty)?;
        let shipped: Vec<String> = setting
            .versions
            .iter()
            .map(|v| v.value.to_string())
            .collect();
        use crate::finding::Lang;
        let shipped = shipped.join("; ");
        setting.source = format!(
            "{origin} (shipped: {shipped}, {}; {})",
            crate::plain::certainty(&setting.mark, Lang::En),
            setting.source
        );
        setting.basis = Some(format!(
            "{origin}（随附值 {shipped}，{}；{}）",
            crate::plain::certainty(&setting.mark, Lang::Zh),
            setting.basis.as_deref().unwrap_or(&setting.source)
        ));
        setting.mark = "CONFIGURED".into();
        setting.reason = None;
        setting.reason_zh = None;
        setting.versions = vec![Version {
            from: None,
            until: None,
            value,
        }];
        Ok(())
    }
}

fn convert_value(v: &toml::Value, ty: Option<Ty>) -> Result<Value, String> {
    let strings = |v: &toml::Value| -> Result<Vec<String>, String> {
        v.as_array()
            .ok_or("expected a list of strings")?
            .iter()
            .map(|s| {
                s.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| "expected a list of strings".to_string())
            })
            .collect()
    };
    Ok(match ty {
        Some(Ty::Date) => Value::Date(
            v.as_datetime()
                .and_then(to_date)
                .ok_or("expected a date such as 2021-07-15")?,
        ),
        Some(Ty::Yuan) => {
            let n = v.as_integer().ok_or("expected a whole number of yuan")?;
            if n < 0 {
                return Err("an amount cannot be negative".into());
            }
            Value::Int(n)
        }
        Some(Ty::Period) => Value::Period(
            v.as_str()
                .ok_or("expected a period such as \"3wd\"")?
                .parse::<Period>()
                .map_err(|e| e.to_string())?,
        ),
        Some(Ty::Bool) => Value::Bool(v.as_bool().ok_or("expected true or false")?),
        Some(Ty::Text) => Value::Text(v.as_str().ok_or("expected a text")?.to_string()),
        Some(Ty::Kinds | Ty::Words) => Value::List(strings(v)?),
        None => match v {
            toml::Value::Integer(i) => Value::Int(*i),
            toml::Value::Boolean(b) => Value::Bool(*b),
            toml::Value::Datetime(d) => Value::Date(to_date(d).ok_or("expected a plain date")?),
            toml::Value::String(s) => match s.parse::<Period>() {
                Ok(p) => Value::Period(p),
                Err(_) => Value::Text(s.clone()),
            },
            toml::Value::Array(_) => Value::List(strings(v)?),
            _ => return Err("unsupported value type".into()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn shipped_settings_load_with_versions() {
        let s = Settings::shipped();
        assert_eq!(s.date("law.xzcf_2021_from"), Some(d("2021-07-15")));
        let lim = |date| s.money("summary.limit.individual", Some(d(date)));
        assert_eq!(lim("2021-07-14"), Some(Money::yuan(50)));
        assert_eq!(lim("2021-07-15"), Some(Money::yuan(200)));
        assert_eq!(
            s.money("summary.limit.unit", Some(d("2020-01-01"))),
            Some(Money::yuan(1000))
        );
        assert_eq!(
            s.money("hearing.fine_threshold.unit", None),
            Some(Money::yuan(30000))
        );
        assert_eq!(
            s.period("statement.period", None),
            Some(Period::WorkingDays(3))
        );
        assert_eq!(
            s.period("limitation.period_with_harm", Some(d("2022-01-01"))),
            Some(Period::Years(5))
        );
        assert_eq!(
            s.period("limitation.period_with_harm", Some(d("2020-01-01"))),
            Some(Period::Years(2))
        );
        let h = s.get("hearing.fine_threshold.unit").unwrap();
        assert_eq!(h.mark, "UNVERIFIED");
        let line = h.describe(crate::finding::Lang::En);
        assert!(line.contains("10,000"), "{line}");
        assert!(line.contains("the tool's default, not verified"), "{line}");
        crate::knowledge::aliases::Aliases::shipped();
        assert!(s
            .validate_kinds(
                "x",
                &crate::knowledge::aliases::Aliases::shipped().penalties
            )
            .is_empty());
    }

    #[test]
    fn a_configured_value_replaces_the_shipped_one_and_says_so() {
        let mut s = Settings::shipped();
        s.configure(
            "hearing.fine_threshold.unit",
            &toml::Value::Integer(10_000),
            "caselint.toml:7",
        )
        .unwrap();
        let d = NaiveDate::from_ymd_opt(2022, 1, 1);
        assert_eq!(
            s.money("hearing.fine_threshold.unit", d),
            Some(Money::yuan(10_000))
        );
        let line = s
            .get("hearing.fine_threshold.unit")
            .unwrap()
            .describe(crate::finding::Lang::En);
        assert!(
            line.contains("configured locally")
                && line.contains("caselint.toml:7")
                && line.contains("30000"),
            "{line}"
        );
        // In Chinese: the configured value, the shipped one and its basis, no English mark.
        let zh = s
            .get("hearing.fine_threshold.unit")
            .unwrap()
            .describe(crate::finding::Lang::Zh);
        assert!(
            zh.contains("10000 元（本地配置）依据：caselint.toml:7（随附值 30000，本工具默认值")
                && !zh.contains("UNVERIFIED")
                && !zh.contains("shipped"),
            "{zh}"
        );
        assert!(s
            .configure("statement.period", &toml::Value::Integer(3), "x")
            .is_err());
        assert!(s
            .configure("no.such.setting", &toml::Value::Integer(3), "x")
            .is_err());
        s.configure("statement.period", &toml::Value::String("5wd".into()), "x")
            .unwrap();
    }

    #[test]
    fn bad_settings_report_every_problem() {
        let text = r#"source = "t"
[settings."statement.period"]
value = "3weeks"
mark = "UNVERIFIED"
source = "x"

[settings."hearing.fine_threshold.unit"]
value = 1
mark = "MAYBE"
source = "x"
bogus = 1
"#;
        let errs = Settings::from_toml("s.toml", text).unwrap_err();
        assert_eq!(errs.len(), 1, "unknown key stops the parse: {errs:?}");
        assert_eq!(errs[0].line, 11);
        let text = text.replace("bogus = 1\n", "");
        let errs = Settings::from_toml("s.toml", &text).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("s.toml:3:") && m.contains("bad period")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("needs a `reason`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("s.toml:9:") && m.contains("mark")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("`law.xzcf_2021_from` is missing")),
            "{msgs:?}"
        );
    }

    /// Chinese output names the law and article in Chinese: every shipped setting has a basis,
    /// and a reason in Chinese when it has one in English; neither holds an English word
    /// (a setting's own name, written with dots or underscores, may appear).
    #[test]
    fn every_shipped_setting_has_a_chinese_basis() {
        let english = regex::Regex::new(r"[A-Za-z][A-Za-z._]{2,}").unwrap();
        for setting in Settings::shipped().iter() {
            let basis = setting.basis.as_deref().unwrap_or_else(|| {
                panic!("{} has no basis", setting.name);
            });
            assert_eq!(
                setting.reason.is_some(),
                setting.reason_zh.is_some(),
                "{}: reason and reason_zh go together",
                setting.name
            );
            for text in [Some(basis), setting.reason_zh.as_deref()]
                .into_iter()
                .flatten()
            {
                for word in english.find_iter(text) {
                    assert!(
                        word.as_str().contains(['.', '_']),
                        "{}: English in the Chinese text: {text}",
                        setting.name
                    );
                }
            }
            let line = setting.describe(crate::finding::Lang::Zh);
            assert!(
                line.contains("依据：") && !line.contains("source"),
                "{line}"
            );
        }
    }
}
