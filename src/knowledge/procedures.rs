//! The schema of `checks/procedures.toml` (and `procedures/*.toml`): required steps, ordering
//! constraints and deadlines, validated on load like code — unknown keys, unknown step kinds,
//! unknown settings and bad periods are [`DataError`]s with file:line:col, all at once.

use crate::data::{parse_toml, DataError};
use crate::finding::Severity;
use crate::finding::{Info, Tr};
use crate::knowledge::aliases::KindTable;
use crate::knowledge::settings::Settings;
use crate::law::calendar::Period;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(serde::Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: crate::finding::Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[allow(dead_code)] // for people
    source: Option<String>,
    #[serde(default)]
    labels: BTreeMap<Spanned<String>, Text>,
    #[serde(default)]
    required: Vec<Spanned<RawRequired>>,
    #[serde(default)]
    order: Vec<Spanned<RawOrder>>,
    #[serde(default)]
    deadline: Vec<Spanned<RawDeadline>>,
}

/// What every entry carries: its rule, severity, basis and fix (and, for a new code, its name
/// and title).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequired {
    code: String,
    name: Option<String>,
    title: Option<Text>,
    severity: Spanned<String>,
    basis: Text,
    fix: Text,
    /// `general`, `summary` or `any`.
    #[serde(default = "any")]
    procedure: Spanned<String>,
    /// The entry applies only when one of these steps is present.
    #[serde(default)]
    when_present: Vec<Spanned<String>>,
    /// An id for the requirement (subject of the finding); defaults to the first kind.
    step: Option<String>,
    label: Option<Text>,
    any_of: Vec<Spanned<String>>,
    /// Steps that also satisfy the requirement for a case first recorded before the 2021
    /// 行政处罚法 (setting `law.xzcf_2021_from`): the old law had no 立案, and a 受案 or other
    /// discovery record stood in for it.
    #[serde(default)]
    old_law_any_of: Vec<Spanned<String>>,
}

fn any() -> Spanned<String> {
    Spanned::new(0..0, "any".to_string())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrder {
    code: String,
    name: Option<String>,
    title: Option<Text>,
    severity: Spanned<String>,
    basis: Text,
    fix: Text,
    first: Spanned<String>,
    then: Spanned<String>,
    #[serde(default)]
    strict: bool,
    /// For a case first recorded before the 2021 law, these steps stand in for `first` when it
    /// has no record (受案 for 立案).
    #[serde(default)]
    old_law_first: Vec<Spanned<String>>,
    /// The entry applies only when `first` is dated on or after the 2021 law's in-force date.
    #[serde(default)]
    new_law_only: bool,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeadline {
    code: String,
    name: Option<String>,
    title: Option<Text>,
    severity: Spanned<String>,
    basis: Text,
    fix: Text,
    from: Vec<Spanned<String>>,
    to: Vec<Spanned<String>>,
    must: Spanned<String>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    /// Kinds of `unless` that excuse only when dated on or before the `to` event: a step
    /// counts where it stands (a hearing after the decision cures nothing).
    #[serde(default)]
    unless_dated: Vec<Spanned<String>>,
    when: Option<Spanned<String>>,
    #[serde(default)]
    extend_by: Vec<Spanned<String>>,
    periods: Vec<Spanned<RawPeriod>>,
    /// `general`, `summary` or `any`: a deadline of one procedure is silent on a case known to
    /// follow the other (a 当场 decision is handed over on the spot, not served within 7 days).
    #[serde(default = "any")]
    procedure: Spanned<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    from: Option<toml::value::Datetime>,
    until: Option<toml::value::Datetime>,
    period: Option<Spanned<String>>,
    setting: Option<Spanned<String>>,
    /// The period's certainty and source (a `setting` carries its own): checked for form
    /// by serde, read by people.
    #[allow(dead_code)]
    mark: Option<crate::law::statutes::Mark>,
    #[allow(dead_code)]
    source: Option<String>,
}

/// Which cases a requirement applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcKind {
    General,
    Summary,
    Any,
}

/// The identity of an entry: the rule it reports under.
#[derive(Debug, Clone)]
pub struct Head {
    pub code: String,
    pub info: &'static Info,
    pub severity: Severity,
    pub basis: Text,
    pub fix: Text,
}

#[derive(Debug, Clone)]
pub struct Required {
    pub head: Head,
    pub procedure: ProcKind,
    pub when_present: Vec<String>,
    pub step: String,
    pub label: Option<Text>,
    pub any_of: Vec<String>,
    pub old_law_any_of: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Order {
    pub head: Head,
    pub first: String,
    pub then: String,
    pub strict: bool,
    pub old_law_first: Vec<String>,
    pub new_law_only: bool,
}

/// How the later event must relate to the period's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Must {
    /// on or before the end (a time limit)
    ByEnd,
    /// strictly after the end (a window left to the party)
    AfterEnd,
    /// on or after the end (notice given n days before)
    OnOrAfterEnd,
}

/// A named condition implemented in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    HearingApplies,
}

/// Where a period's length comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodSrc {
    Fixed(Period),
    Setting(String),
}

#[derive(Debug, Clone)]
pub struct PeriodVersion {
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub period: PeriodSrc,
}

#[derive(Debug, Clone)]
pub struct Deadline {
    pub head: Head,
    pub procedure: ProcKind,
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub must: Must,
    pub unless: Vec<String>,
    pub unless_dated: Vec<String>,
    pub when: Option<When>,
    pub extend_by: Vec<String>,
    pub periods: Vec<PeriodVersion>,
}

impl Deadline {
    /// The period in force for an act on `date`; `None` when no version covers it (the rule did
    /// not exist then, e.g. the 90-day limit before 2021-07-15).
    pub fn period_on(&self, date: NaiveDate, settings: &Settings) -> Option<Period> {
        let v = self
            .periods
            .iter()
            .find(|v| v.from.is_none_or(|f| f <= date) && v.until.is_none_or(|u| date <= u))?;
        match &v.period {
            PeriodSrc::Fixed(p) => Some(*p),
            PeriodSrc::Setting(s) => settings.period(s, Some(date)),
        }
    }
}

/// Everything the procedure engine knows.
#[derive(Debug, Clone, Default)]
pub struct Procedures {
    pub labels: BTreeMap<String, Text>,
    pub required: Vec<Required>,
    pub order: Vec<Order>,
    pub deadlines: Vec<Deadline>,
    /// Rules the data defines beyond the built-in ones, found at load time.
    extra: Vec<&'static Info>,
}

fn proc_kind(p: &Spanned<String>, err: &mut dyn FnMut(std::ops::Range<usize>, String)) -> ProcKind {
    match p.get_ref().as_str() {
        "general" => ProcKind::General,
        "summary" => ProcKind::Summary,
        "any" => ProcKind::Any,
        _ => {
            err(p.span(), "procedure must be general, summary or any".into());
            ProcKind::Any
        }
    }
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

/// Builds the `&'static Info` an entry reports under: the built-in rule of that code, or — for
/// a code of the data's own — one made from the entry (leaked once per load: a handful).
#[allow(clippy::too_many_arguments)] // one call per entry kind; a struct would only rename them
fn head(
    code: &str,
    name: Option<String>,
    title: Option<Text>,
    severity: &Spanned<String>,
    basis: Text,
    fix: Text,
    builtin: &[&'static Info],
    err: &mut dyn FnMut(std::ops::Range<usize>, String),
    span: std::ops::Range<usize>,
    origin: &str,
) -> Option<Head> {
    let sev = Severity::parse(severity.get_ref());
    if sev.is_none() {
        err(
            severity.span(),
            "severity must be error, warning or info".into(),
        );
    }
    let info = match builtin.iter().find(|i| i.code == code) {
        Some(i) => *i,
        None => {
            let code_ok = regex::Regex::new(r"^[A-Z]\d{3}$").unwrap().is_match(code);
            let (Some(name), Some(title)) = (name, title) else {
                err(
                    span,
                    format!("rule `{code}` is not built in: give it a `name` and a `title`"),
                );
                return None;
            };
            if !code_ok {
                err(
                    span,
                    format!("rule code `{code}` must be a letter and three digits"),
                );
                return None;
            }
            let s = |t: &str| -> &'static str { Box::leak(t.to_string().into_boxed_str()) };
            let tr = |t: &Text| Tr {
                zh: s(&t.zh),
                en: s(&t.en),
            };
            Box::leak(Box::new(Info {
                code: s(code),
                name: s(&name),
                severity: sev.unwrap_or(Severity::Warning),
                category: crate::finding::Category::from_code(code),
                title: tr(&title),
                basis: tr(&basis),
                what: tr(&title),
                why: tr(&basis),
                example: tr(&title),
                fix: tr(&fix),
                settings: &[],
                source: s(origin),
            }))
        }
    };
    Some(Head {
        code: code.to_string(),
        info,
        severity: sev?,
        basis,
        fix,
    })
}

impl Procedures {
    /// Parses and validates one procedures file, appending to `self`. `documents` checks step
    /// kinds, `settings` the settings named; `builtin` gives the infos of built-in codes.
    pub fn add_toml(
        &mut self,
        file: &str,
        text: &str,
        documents: &KindTable,
        settings: Option<&Settings>,
        builtin: &[&'static Info],
    ) -> Result<(), Vec<DataError>> {
        let raw: RawFile = parse_toml(file, text).map_err(|e| vec![e])?;
        let mut errors: Vec<DataError> = Vec::new();
        let mut err = |span: std::ops::Range<usize>, m: String| {
            errors.push(DataError::at_offset(file, text, span.start, m));
        };
        let kind =
            |k: &Spanned<String>, err: &mut dyn FnMut(std::ops::Range<usize>, String)| -> String {
                if !documents.contains_id(k.get_ref()) {
                    err(
                        k.span(),
                        format!(
                            "unknown step kind `{}` (not a kind in documents.toml)",
                            k.get_ref()
                        ),
                    );
                }
                k.get_ref().clone()
            };
        for (k, t) in raw.labels {
            kind(&k, &mut err);
            self.labels.insert(k.into_inner(), t);
        }
        for r in raw.required {
            let span = r.span();
            let r = r.into_inner();
            let procedure = proc_kind(&r.procedure, &mut err);
            if r.any_of.is_empty() {
                err(span.clone(), "`any_of` needs at least one step kind".into());
            }
            let any_of: Vec<String> = r.any_of.iter().map(|k| kind(k, &mut err)).collect();
            let when_present = r.when_present.iter().map(|k| kind(k, &mut err)).collect();
            let old_law_any_of = r.old_law_any_of.iter().map(|k| kind(k, &mut err)).collect();
            let h = head(
                &r.code,
                r.name,
                r.title,
                &r.severity,
                r.basis,
                r.fix,
                builtin,
                &mut err,
                span,
                file,
            );
            if let Some(head) = h {
                self.required.push(Required {
                    head,
                    procedure,
                    when_present,
                    step: r
                        .step
                        .or_else(|| any_of.first().cloned())
                        .unwrap_or_default(),
                    label: r.label,
                    any_of,
                    old_law_any_of,
                });
            }
        }
        for o in raw.order {
            let span = o.span();
            let o = o.into_inner();
            let first = kind(&o.first, &mut err);
            let then = kind(&o.then, &mut err);
            let old_law_first = o.old_law_first.iter().map(|k| kind(k, &mut err)).collect();
            if let Some(head) = head(
                &o.code,
                o.name,
                o.title,
                &o.severity,
                o.basis,
                o.fix,
                builtin,
                &mut err,
                span,
                file,
            ) {
                self.order.push(Order {
                    head,
                    first,
                    then,
                    strict: o.strict,
                    old_law_first,
                    new_law_only: o.new_law_only,
                });
            }
        }
        for d in raw.deadline {
            let span = d.span();
            let d = d.into_inner();
            let procedure = proc_kind(&d.procedure, &mut err);
            if d.from.is_empty() || d.to.is_empty() {
                err(
                    span.clone(),
                    "`from` and `to` need at least one step kind".into(),
                );
            }
            let from = d.from.iter().map(|k| kind(k, &mut err)).collect();
            let to = d.to.iter().map(|k| kind(k, &mut err)).collect();
            let unless = d.unless.iter().map(|k| kind(k, &mut err)).collect();
            let unless_dated = d.unless_dated.iter().map(|k| kind(k, &mut err)).collect();
            let extend_by = d.extend_by.iter().map(|k| kind(k, &mut err)).collect();
            let must = match d.must.get_ref().as_str() {
                "by_end" => Must::ByEnd,
                "after_end" => Must::AfterEnd,
                "on_or_after_end" => Must::OnOrAfterEnd,
                _ => {
                    err(
                        d.must.span(),
                        "must is by_end, after_end or on_or_after_end".into(),
                    );
                    Must::ByEnd
                }
            };
            let when = d.when.as_ref().and_then(|w| match w.get_ref().as_str() {
                "hearing_applies" => Some(When::HearingApplies),
                _ => {
                    err(
                        w.span(),
                        "unknown condition (known: hearing_applies)".into(),
                    );
                    None
                }
            });
            let mut periods = Vec::new();
            if d.periods.is_empty() {
                err(span.clone(), "`periods` needs at least one entry".into());
            }
            for p in &d.periods {
                let r = p.get_ref();
                let from = r.from.as_ref().map(to_date);
                let until = r.until.as_ref().map(to_date);
                if from == Some(None) || until == Some(None) {
                    err(
                        p.span(),
                        "`from`/`until` must be plain dates (YYYY-MM-DD)".into(),
                    );
                    continue;
                }
                let src = match (&r.period, &r.setting) {
                    (Some(s), None) => match s.get_ref().parse::<Period>() {
                        Ok(p) => PeriodSrc::Fixed(p),
                        Err(e) => {
                            err(s.span(), e.to_string());
                            continue;
                        }
                    },
                    (None, Some(s)) => {
                        if let Some(set) = settings {
                            if set
                                .period(s.get_ref(), from.flatten().or(until.flatten()))
                                .is_none()
                                && set.get(s.get_ref()).is_none_or(|x| {
                                    x.versions.iter().all(|v| {
                                        !matches!(
                                            v.value,
                                            crate::knowledge::settings::Value::Period(_)
                                        )
                                    })
                                })
                            {
                                err(
                                    s.span(),
                                    format!("no period setting `{}` in settings.toml", s.get_ref()),
                                );
                            }
                        }
                        PeriodSrc::Setting(s.get_ref().clone())
                    }
                    _ => {
                        err(p.span(), "give exactly one of `period` or `setting`".into());
                        continue;
                    }
                };
                periods.push(PeriodVersion {
                    from: from.flatten(),
                    until: until.flatten(),
                    period: src,
                });
            }
            if let Some(head) = head(
                &d.code,
                d.name,
                d.title,
                &d.severity,
                d.basis,
                d.fix,
                builtin,
                &mut err,
                span,
                file,
            ) {
                self.deadlines.push(Deadline {
                    head,
                    procedure,
                    from,
                    to,
                    must,
                    unless,
                    unless_dated,
                    when,
                    extend_by,
                    periods,
                });
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            errors.sort();
            Err(errors)
        }
    }

    /// Loads `procedures.toml` and every `procedures/*.toml` in force; `builtin` gives the infos
    /// of the built-in rules (a procedure entry with a built-in code is that rule).
    pub fn load(
        files: &[(String, String)],
        documents: &KindTable,
        settings: Option<&Settings>,
        builtin: &[&'static Info],
    ) -> Result<Procedures, Vec<DataError>> {
        let mut out = Procedures::default();
        let mut errors = Vec::new();
        for (file, text) in files {
            if let Err(e) = out.add_toml(file, text, documents, settings, builtin) {
                errors.extend(e);
            }
        }
        out.extra = out.beyond(builtin);
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// Rules the data defines beyond the built-in ones (for `rules` and `explain`).
    pub fn extra_infos(&self) -> Vec<&'static Info> {
        self.extra.clone()
    }

    fn beyond(&self, builtin: &[&'static Info]) -> Vec<&'static Info> {
        let mut v: Vec<&'static Info> = self
            .required
            .iter()
            .map(|r| &r.head)
            .chain(self.order.iter().map(|o| &o.head))
            .chain(self.deadlines.iter().map(|d| &d.head))
            .map(|h| h.info)
            .filter(|i| !builtin.iter().any(|b| b.code == i.code))
            .collect();
        v.sort_by_key(|i| i.code);
        v.dedup_by_key(|i| i.code);
        v
    }
}
