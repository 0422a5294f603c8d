//! Parsing a rule file: the spanned TOML tree walked by hand, so that one pass reports every
//! unknown key, step or penalty kind, field, bad regex, bad period and missing text with its
//! file:line:col. Uses only `law`, `model` and the foundation.

use super::KindTable;
use super::{Cond, DeclaredRule, DocField, FieldRef, Mark, ProcKind, Rel, Template};
use crate::data::DataError;
use crate::finding::{Category, Info, Lang, Severity, Tr};
use crate::law::calendar::Period;
use crate::model::{Money, PartyKind};
use chrono::NaiveDate;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

type V<'i> = Spanned<DeValue<'i>>;

/// Walks a rule file's spanned tree, collecting every error.
pub(super) struct Parser<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
    pub(super) errors: Vec<DataError>,
    pub(super) documents: &'a KindTable,
    pub(super) penalties: &'a KindTable,
}

const RULE_KEYS: &[&str] = &[
    "code", "name", "severity", "category", "title", "basis", "what", "why", "example", "fix",
    "source", "mark", "subject", "when", "require", "message",
];

const CONDITIONS: &[&str] = &[
    "all",
    "any",
    "not",
    "procedure",
    "party_kind",
    "penalty_any",
    "penalty_all",
    "fine_at_least",
    "fine_at_most",
    "step",
    "before",
    "not_after",
    "filled",
    "field_matches",
    "decided_on_or_after",
    "decided_before",
    "date_on_or_after",
    "date_before",
    "gap",
];

fn get<'t, 'i>(t: &'t DeTable<'i>, key: &str) -> Option<&'t V<'i>> {
    t.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
}

/// A static string for an [`Info`]: rule files are loaded once per process.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

impl Parser<'_> {
    pub(super) fn err(&mut self, span: Range<usize>, m: impl Into<String>) {
        self.errors
            .push(DataError::at_offset(self.file, self.text, span.start, m));
    }

    fn keys(&mut self, t: &DeTable, allowed: &[&str], what: &str) {
        for (k, _) in t.iter() {
            if !allowed.contains(&k.get_ref().as_ref()) {
                self.err(
                    k.span(),
                    format!(
                        "unknown key `{}` in {what} (expected one of: {})",
                        k.get_ref(),
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    fn table<'t, 'i>(&mut self, v: &'t V<'i>, what: &str) -> Option<&'t DeTable<'i>> {
        let t = v.get_ref().as_table();
        if t.is_none() {
            self.err(
                v.span(),
                format!("{what} must be a table, not {}", v.get_ref().type_str()),
            );
        }
        t
    }

    fn string(&mut self, v: &V, what: &str) -> Option<String> {
        match v.get_ref().as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.err(
                    v.span(),
                    format!("{what} must be a string, not {}", v.get_ref().type_str()),
                );
                None
            }
        }
    }

    /// A string or an array of strings, each with its span.
    fn strings(&mut self, v: &V, what: &str) -> Option<Vec<(String, Range<usize>)>> {
        if let Some(s) = v.get_ref().as_str() {
            return Some(vec![(s.to_string(), v.span())]);
        }
        let Some(a) = v.get_ref().as_array() else {
            self.err(
                v.span(),
                format!("{what} must be a string or an array of strings"),
            );
            return None;
        };
        let mut out = Vec::new();
        for e in a.iter() {
            out.push((self.string(e, what)?, e.span()));
        }
        if out.is_empty() {
            self.err(v.span(), format!("{what} must not be empty"));
            return None;
        }
        Some(out)
    }

    fn required<'t, 'i>(
        &mut self,
        t: &'t DeTable<'i>,
        key: &str,
        span: &Range<usize>,
        what: &str,
    ) -> Option<&'t V<'i>> {
        let v = get(t, key);
        if v.is_none() {
            self.err(span.clone(), format!("{what} needs `{key}`"));
        }
        v
    }

    /// `{ zh = "…", en = "…" }`, both non-empty.
    fn text(&mut self, v: &V, key: &str) -> Option<Tr> {
        let t = self.table(v, &format!("`{key}`"))?;
        self.keys(t, &["zh", "en"], &format!("`{key}`"));
        let mut one = |lang: &str| -> Option<&'static str> {
            match get(t, lang) {
                None => {
                    self.err(v.span(), format!("`{key}` needs `{lang}` text"));
                    None
                }
                Some(s) => {
                    let s = self.string(s, &format!("`{key}.{lang}`"))?;
                    if s.trim().is_empty() {
                        self.err(v.span(), format!("`{key}.{lang}` is empty"));
                        return None;
                    }
                    Some(leak(&s))
                }
            }
        };
        let zh = one("zh");
        let en = one("en");
        Some(Tr { zh: zh?, en: en? })
    }

    fn date(&mut self, v: &V, what: &str) -> Option<NaiveDate> {
        let d = v
            .get_ref()
            .as_datetime()
            .and_then(|d| match (d.date, d.time) {
                (Some(x), None) => {
                    NaiveDate::from_ymd_opt(i32::from(x.year), u32::from(x.month), u32::from(x.day))
                }
                _ => None,
            });
        if d.is_none() {
            self.err(
                v.span(),
                format!("{what} must be a plain TOML date such as 2021-07-15 (no quotes, no time)"),
            );
        }
        d
    }

    /// Yuan as an integer or a decimal with at most two places.
    fn money(&mut self, v: &V, what: &str) -> Option<Money> {
        let m = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .and_then(|y| y.checked_mul(100))
                .map(Money),
            DeValue::Float(f) => f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .and_then(|y| {
                    let fen = (y * 100.0).round();
                    ((y * 100.0 - fen).abs() < 1e-6 && fen.is_finite()).then_some(Money(fen as i64))
                }),
            _ => None,
        };
        match m {
            Some(m) if m.0 >= 0 => Some(m),
            _ => {
                self.err(
                    v.span(),
                    format!("{what} must be an amount in yuan (e.g. 30000 or 200.50)"),
                );
                None
            }
        }
    }

    fn period(&mut self, v: &V, what: &str) -> Option<Period> {
        let s = self.string(v, what)?;
        match s.parse::<Period>() {
            Ok(p) => Some(p),
            Err(e) => {
                self.err(v.span(), e.to_string());
                None
            }
        }
    }

    fn field(&mut self, s: &str, span: Range<usize>) -> Option<FieldRef> {
        match FieldRef::parse(s, self.documents) {
            Ok(f) => Some(f),
            Err(e) => {
                self.err(span, e);
                None
            }
        }
    }

    /// A date reference: a date field, or a step kind id meaning `<kind>.date`.
    fn date_ref(&mut self, v: &V, what: &str) -> Option<FieldRef> {
        let s = self.string(v, what)?;
        if !s.contains('.') {
            if !self.documents.contains_id(&s) {
                self.err(
                    v.span(),
                    format!("unknown step kind `{s}` in {what} (not a kind in documents.toml; or name a date field such as violation.date)"),
                );
                return None;
            }
            return Some(FieldRef::Doc {
                kind: s,
                field: DocField::Date,
            });
        }
        let f = self.field(&s, v.span())?;
        if !f.is_date() {
            self.err(v.span(), format!("{what}: `{s}` is not a date field"));
            return None;
        }
        Some(f)
    }

    fn kind(&mut self, s: &str, span: Range<usize>) -> Option<String> {
        if self.documents.contains_id(s) {
            Some(s.to_string())
        } else {
            self.err(
                span,
                format!("unknown step kind `{s}` (not a kind in documents.toml)"),
            );
            None
        }
    }

    pub(super) fn file(&mut self) -> Vec<(DeclaredRule, Range<usize>, Range<usize>)> {
        let (root, syntax) = DeTable::parse_recoverable(self.text);
        if !syntax.is_empty() {
            for e in &syntax {
                self.errors
                    .push(DataError::from_toml(self.file, self.text, e));
            }
            return Vec::new();
        }
        let root = root.get_ref();
        self.keys(root, &["source", "rule"], "a rule file");
        if let Some(s) = get(root, "source") {
            self.string(s, "`source`");
        }
        let Some(rules) = get(root, "rule") else {
            self.err(0..0, "a rule file needs at least one [[rule]]");
            return Vec::new();
        };
        let Some(arr) = rules.get_ref().as_array() else {
            self.err(
                rules.span(),
                "`rule` must be an array of tables: write [[rule]]",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for r in arr.iter() {
            if let Some(x) = self.rule(r) {
                out.push(x);
            }
        }
        out
    }

    fn rule(&mut self, v: &V) -> Option<(DeclaredRule, Range<usize>, Range<usize>)> {
        let t = self.table(v, "[[rule]]")?;
        let span = v.span();
        let before = self.errors.len();
        self.keys(t, RULE_KEYS, "[[rule]]");
        let code_v = self.required(t, "code", &span, "[[rule]]");
        let code = code_v.and_then(|c| {
            let s = self.string(c, "`code`")?;
            let ok = Regex::new(r"^[A-Z]{1,4}\d{3}$").unwrap().is_match(&s)
                && !Regex::new(r"^[EFSPLD]\d{3}$").unwrap().is_match(&s);
            if !ok {
                self.err(
                    c.span(),
                    format!("rule code `{s}` must be one to four capital letters and three digits, e.g. X101 or KF001; E/F/S/P/L/D + three digits are reserved for built-in rules"),
                );
            }
            Some(s)
        });
        let name_v = self.required(t, "name", &span, "[[rule]]");
        let name = name_v.and_then(|n| {
            let s = self.string(n, "`name`")?;
            if !Regex::new(r"^[a-z0-9]+(-[a-z0-9]+)*$")
                .unwrap()
                .is_match(&s)
            {
                self.err(
                    n.span(),
                    format!("rule name `{s}` must be kebab-case (a-z, 0-9, -)"),
                );
            }
            Some(s)
        });
        let severity = self
            .required(t, "severity", &span, "[[rule]]")
            .and_then(|s| {
                let x = self.string(s, "`severity`")?;
                let sev = Severity::parse(&x);
                if sev.is_none() {
                    self.err(s.span(), "severity must be error, warning or info");
                }
                sev
            });
        let category = self
            .required(t, "category", &span, "[[rule]]")
            .and_then(|c| {
                let x = self.string(c, "`category`")?;
                let cat = match x.as_str() {
                    "subject" => Some(Category::Subject),
                    "procedure" => Some(Category::Procedure),
                    "law" => Some(Category::Law),
                    "document" => Some(Category::Document),
                    "file" => Some(Category::File),
                    _ => None,
                };
                if cat.is_none() {
                    self.err(
                        c.span(),
                        "category must be subject, procedure, law, document or file",
                    );
                }
                cat
            });
        let mut texts = BTreeMap::new();
        for key in ["title", "basis", "what", "why", "example", "fix"] {
            if let Some(x) = self.required(t, key, &span, "[[rule]]") {
                if let Some(tr) = self.text(x, key) {
                    texts.insert(key, tr);
                }
            }
        }
        let legal_source = self
            .required(t, "source", &span, "[[rule]]")
            .and_then(|s| self.string(s, "`source`"));
        if legal_source.as_deref().is_some_and(|s| s.trim().is_empty()) {
            self.err(get(t, "source").unwrap().span(), "`source` is empty");
        }
        let mark = self.required(t, "mark", &span, "[[rule]]").and_then(|m| {
            let x = self.string(m, "`mark`")?;
            let mark = Mark::parse(&x);
            if mark.is_none() {
                self.err(
                    m.span(),
                    "mark must be VERIFIED, SECONDARY, UNVERIFIED or DERIVED",
                );
            }
            mark
        });
        let subject = get(t, "subject").and_then(|s| self.string(s, "`subject`"));
        let when = get(t, "when").and_then(|w| self.cond(w, "`when`"));
        let require = self
            .required(t, "require", &span, "[[rule]]")
            .and_then(|r| self.cond(r, "`require`"));
        let message = get(t, "message").and_then(|m| {
            let tr = self.text(m, "message")?;
            let mut one = |s: &str| match Template::parse(s, self.documents) {
                Ok(x) => Some(x),
                Err(e) => {
                    self.err(m.span(), format!("message template: {e}"));
                    None
                }
            };
            let zh = one(tr.zh);
            let en = one(tr.en);
            Some((zh?, en?))
        });
        if self.errors.len() > before {
            return None;
        }
        let (code, name) = (code?, name?);
        let (l, _) = crate::data::line_col(self.text, span.start);
        let mark = mark?;
        let legal_source = legal_source?;
        let basis = texts["basis"];
        let whyt = texts["why"];
        let info = Info {
            code: leak(&code),
            name: leak(&name),
            severity: severity?,
            category: category?,
            title: texts["title"],
            // The mark in plain words and the source without research-note references: users
            // read these (crate::plain).
            basis: Tr {
                zh: leak(&format!(
                    "{}（{}）",
                    basis.zh,
                    crate::plain::certainty(mark.as_str(), Lang::Zh)
                )),
                en: leak(&format!(
                    "{} ({})",
                    basis.en,
                    crate::plain::certainty(mark.as_str(), Lang::En)
                )),
            },
            what: texts["what"],
            why: Tr {
                zh: leak(&format!(
                    "{}（来源：{}）",
                    whyt.zh,
                    crate::plain::scrub(&legal_source)
                )),
                en: leak(&format!(
                    "{} (source: {})",
                    whyt.en,
                    crate::plain::scrub(&legal_source)
                )),
            },
            example: texts["example"],
            fix: texts["fix"],
            settings: &[],
            source: leak(&format!("{}:{l}", self.file)),
        };
        Some((
            DeclaredRule {
                info: Box::leak(Box::new(info)),
                mark,
                legal_source,
                when,
                require: require?,
                message,
                subject: subject.unwrap_or(name),
            },
            code_v.map(|c| c.span()).unwrap_or(span.clone()),
            name_v.map(|c| c.span()).unwrap_or(span),
        ))
    }

    /// A table of conditions, all of which must hold.
    fn cond(&mut self, v: &V, what: &str) -> Option<Cond> {
        let t = self.table(v, what)?;
        let before = self.errors.len();
        self.keys(t, CONDITIONS, &format!("{what} (a condition)"));
        let mut parts = Vec::new();
        for (k, val) in t.iter() {
            let key = k.get_ref().as_ref();
            let c = match key {
                "all" | "any" => {
                    let Some(a) = val.get_ref().as_array() else {
                        self.err(
                            val.span(),
                            format!("`{key}` must be an array of condition tables"),
                        );
                        continue;
                    };
                    if a.is_empty() {
                        self.err(val.span(), format!("`{key}` must not be empty"));
                        continue;
                    }
                    let cs: Vec<Option<Cond>> = a
                        .iter()
                        .map(|e| self.cond(e, &format!("`{key}` entry")))
                        .collect();
                    let cs: Option<Vec<Cond>> = cs.into_iter().collect();
                    cs.map(|cs| {
                        if key == "all" {
                            Cond::All(cs)
                        } else {
                            Cond::Any(cs)
                        }
                    })
                }
                "not" => self.cond(val, "`not`").map(|c| Cond::Not(Box::new(c))),
                "procedure" => self
                    .string(val, "`procedure`")
                    .and_then(|s| match s.as_str() {
                        "general" => Some(Cond::Procedure(ProcKind::General)),
                        "summary" => Some(Cond::Procedure(ProcKind::Summary)),
                        _ => {
                            self.err(val.span(), "procedure must be general or summary");
                            None
                        }
                    }),
                "party_kind" => self
                    .string(val, "`party_kind`")
                    .and_then(|s| match s.as_str() {
                        "unit" => Some(Cond::PartyKind(PartyKind::Unit)),
                        "individual" => Some(Cond::PartyKind(PartyKind::Individual)),
                        _ => {
                            self.err(val.span(), "party_kind must be unit or individual");
                            None
                        }
                    }),
                "penalty_any" | "penalty_all" => {
                    let list = self.strings(val, &format!("`{key}`"));
                    list.map(|l| {
                        let mut ks = Vec::new();
                        for (s, sp) in l {
                            if self.penalties.contains_id(&s) {
                                ks.push(s);
                            } else {
                                let known: Vec<&str> = self.penalties.ids().collect();
                                self.err(
                                    sp,
                                    format!(
                                        "unknown penalty kind `{s}` (known: {})",
                                        known.join(", ")
                                    ),
                                );
                            }
                        }
                        if key == "penalty_any" {
                            Cond::PenaltyAny(ks)
                        } else {
                            Cond::PenaltyAll(ks)
                        }
                    })
                }
                "fine_at_least" => self.money(val, "`fine_at_least`").map(Cond::FineAtLeast),
                "fine_at_most" => self.money(val, "`fine_at_most`").map(Cond::FineAtMost),
                "step" => {
                    let kinds = self.strings(val, "`step`").map(|l| {
                        l.into_iter()
                            .filter_map(|(s, sp)| self.kind(&s, sp))
                            .collect::<Vec<_>>()
                    });
                    let rel = match (get(t, "before"), get(t, "not_after")) {
                        (Some(b), Some(_)) => {
                            self.err(b.span(), "give `before` or `not_after`, not both");
                            None
                        }
                        (Some(b), None) => Some((Rel::Before, b)),
                        (None, Some(n)) => Some((Rel::NotAfter, n)),
                        (None, None) => None,
                    };
                    let order = rel.and_then(|(r, v)| {
                        let s = self.string(v, "the step it must precede")?;
                        Some((r, self.kind(&s, v.span())?))
                    });
                    kinds.map(|kinds| Cond::Step { kinds, order })
                }
                "before" | "not_after" => {
                    if get(t, "step").is_none() {
                        self.err(
                            k.span(),
                            format!("`{key}` goes with a `step` in the same table"),
                        );
                    }
                    continue;
                }
                "filled" => self.strings(val, "`filled`").map(|l| {
                    Cond::Filled(
                        l.into_iter()
                            .filter_map(|(s, sp)| self.field(&s, sp))
                            .collect(),
                    )
                }),
                "field_matches" => {
                    let items: Vec<&V> = match val.get_ref().as_array() {
                        Some(a) => a.iter().collect(),
                        None => vec![val],
                    };
                    let mut cs = Vec::new();
                    for it in items {
                        if let Some(c) = self.matches(it) {
                            cs.push(c);
                        }
                    }
                    Some(if cs.len() == 1 {
                        cs.pop().unwrap()
                    } else {
                        Cond::All(cs)
                    })
                }
                "decided_on_or_after" | "decided_before" => self
                    .date(val, &format!("`{key}`"))
                    .map(|date| Cond::DateCmp {
                        field: FieldRef::Doc {
                            kind: "decision".into(),
                            field: DocField::Date,
                        },
                        on_or_after: key == "decided_on_or_after",
                        date,
                    }),
                "date_on_or_after" | "date_before" => {
                    let Some(tt) = self.table(val, &format!("`{key}`")) else {
                        continue;
                    };
                    self.keys(tt, &["field", "date"], &format!("`{key}`"));
                    let field = self
                        .required(tt, "field", &val.span(), &format!("`{key}`"))
                        .and_then(|f| self.date_ref(f, &format!("`{key}.field`")));
                    let date = self
                        .required(tt, "date", &val.span(), &format!("`{key}`"))
                        .and_then(|d| self.date(d, &format!("`{key}.date`")));
                    match (field, date) {
                        (Some(field), Some(date)) => Some(Cond::DateCmp {
                            field,
                            on_or_after: key == "date_on_or_after",
                            date,
                        }),
                        _ => None,
                    }
                }
                "gap" => {
                    let Some(tt) = self.table(val, "`gap`") else {
                        continue;
                    };
                    self.keys(tt, &["from", "to", "at_most", "at_least"], "`gap`");
                    let from = self
                        .required(tt, "from", &val.span(), "`gap`")
                        .and_then(|f| self.date_ref(f, "`gap.from`"));
                    let to = self
                        .required(tt, "to", &val.span(), "`gap`")
                        .and_then(|f| self.date_ref(f, "`gap.to`"));
                    let at_most = get(tt, "at_most").and_then(|p| self.period(p, "`gap.at_most`"));
                    let at_least =
                        get(tt, "at_least").and_then(|p| self.period(p, "`gap.at_least`"));
                    if get(tt, "at_most").is_none() && get(tt, "at_least").is_none() {
                        self.err(
                            val.span(),
                            "`gap` needs `at_most` or `at_least` (a period such as 7wd)",
                        );
                    }
                    match (from, to) {
                        (Some(from), Some(to)) => Some(Cond::Gap {
                            from,
                            to,
                            at_most,
                            at_least,
                        }),
                        _ => None,
                    }
                }
                _ => continue, // reported by `keys`
            };
            if let Some(c) = c {
                parts.push(c);
            }
        }
        if t.is_empty() {
            self.err(v.span(), format!("{what} holds no condition"));
        }
        if self.errors.len() > before {
            return None;
        }
        Some(if parts.len() == 1 {
            parts.pop().unwrap()
        } else {
            Cond::All(parts)
        })
    }

    fn matches(&mut self, v: &V) -> Option<Cond> {
        let t = self.table(v, "`field_matches`")?;
        self.keys(t, &["field", "regex"], "`field_matches`");
        let field = self
            .required(t, "field", &v.span(), "`field_matches`")
            .and_then(|f| {
                let s = self.string(f, "`field_matches.field`")?;
                self.field(&s, f.span())
            });
        let regex = self
            .required(t, "regex", &v.span(), "`field_matches`")
            .and_then(|r| {
                let s = self.string(r, "`field_matches.regex`")?;
                match Regex::new(&s) {
                    Ok(re) => Some(re),
                    Err(e) => {
                        // The regex crate's message draws a caret diagram; keep its last line.
                        let msg = e.to_string();
                        let last = msg
                            .lines()
                            .rev()
                            .find(|l| !l.trim().is_empty())
                            .unwrap_or("")
                            .trim()
                            .trim_start_matches("error: ")
                            .to_string();
                        self.err(r.span(), format!("bad regex `{s}`: {last}"));
                        None
                    }
                }
            });
        Some(Cond::Matches {
            field: field?,
            regex: regex?,
        })
    }
}
