//! Declarative rules: a brigade's own checks written as data in `rules/*.toml` under a checks
//! folder and loaded without recompiling (rules.md "Declarative rules"). A rule is a `when`
//! (which cases it applies to) and a `require` (what must then be true), each a table of
//! conditions combined with `all` / `any` / `not`; `checks/README.md` documents the format.
//!
//! Unknown is not missing: every condition is three-valued. A field the source does not carry,
//! a step it cannot speak about, an unreadable date or a year the calendar lacks make the
//! condition unknown, and a rule whose answer hinges on an unknown is "not checkable" for the
//! case, never a finding.
//!
//! Rule files are validated like code (style.md habit 7): the file is parsed into a spanned
//! tree and walked by hand rather than through serde, so that one pass reports every unknown
//! key, unknown step or penalty kind, unknown field, bad regex, bad period, duplicate or
//! colliding code and missing text, each with file:line:col — not just the first.

use crate::data::DataError;
use crate::finding::{Category, Lang, Place, Severity};
use crate::knowledge::aliases::KindTable;
use crate::law::calendar::Period;
use crate::model::{Case, Document, Field, Money, PartyKind, Procedure, Step};
use crate::rules::procedure::{count, date_input, label, place_of, step_date, StepDate};
use crate::rules::{Check, Ctx, Emitter, Info, Tr};
use chrono::NaiveDate;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The certainty of the legal fact behind a rule (legal.md's marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Verified,
    Secondary,
    Unverified,
    Derived,
}

impl Mark {
    fn parse(s: &str) -> Option<Mark> {
        Some(match s {
            "VERIFIED" => Mark::Verified,
            "SECONDARY" => Mark::Secondary,
            "UNVERIFIED" => Mark::Unverified,
            "DERIVED" => Mark::Derived,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Verified => "VERIFIED",
            Mark::Secondary => "SECONDARY",
            Mark::Unverified => "UNVERIFIED",
            Mark::Derived => "DERIVED",
        }
    }
}

/// A field of the case a condition or a message template can name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldRef {
    CaseNo,
    Agency,
    Procedure,
    PartyKind,
    PartyName,
    PartyAddress,
    PartyCreditCode,
    PartyIdNumber,
    PartyRepresentative,
    ViolationDate,
    ViolationEndDate,
    ViolationFacts,
    ViolationViolated,
    ViolationCircumstance,
    ViolationHarm,
    /// Total fine of the decision, in yuan.
    Fine,
    /// A field of the first record of a document kind; `decision` means the penalty decision
    /// (a 行政处罚决定书, else a 当场行政处罚决定书).
    Doc {
        kind: String,
        field: DocField,
    },
}

/// The per-record fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocField {
    /// The earliest readable date among the kind's records.
    Date,
    No,
    Amount,
    Basis,
    Remedy,
    Payment,
    Penalties,
}

/// The case-level field names, with their labels (zh, en).
const CASE_FIELDS: &[(&str, FieldRef, &str, &str)] = &[
    ("case_no", FieldRef::CaseNo, "案件编号", "case number"),
    ("agency", FieldRef::Agency, "办案机构", "agency"),
    ("procedure", FieldRef::Procedure, "程序类型", "procedure"),
    (
        "party.kind",
        FieldRef::PartyKind,
        "当事人类型",
        "party kind",
    ),
    (
        "party.name",
        FieldRef::PartyName,
        "当事人名称",
        "party name",
    ),
    (
        "party.address",
        FieldRef::PartyAddress,
        "当事人地址",
        "party address",
    ),
    (
        "party.credit_code",
        FieldRef::PartyCreditCode,
        "统一社会信用代码",
        "credit code",
    ),
    (
        "party.id_number",
        FieldRef::PartyIdNumber,
        "公民身份号码",
        "ID number",
    ),
    (
        "party.representative",
        FieldRef::PartyRepresentative,
        "法定代表人",
        "representative",
    ),
    (
        "violation.date",
        FieldRef::ViolationDate,
        "违法日期",
        "violation date",
    ),
    (
        "violation.end_date",
        FieldRef::ViolationEndDate,
        "违法终了日期",
        "violation end date",
    ),
    (
        "violation.facts",
        FieldRef::ViolationFacts,
        "违法事实",
        "facts",
    ),
    (
        "violation.violated",
        FieldRef::ViolationViolated,
        "违反条款",
        "violated provision",
    ),
    (
        "violation.circumstance",
        FieldRef::ViolationCircumstance,
        "违法情节",
        "circumstance",
    ),
    (
        "violation.harm",
        FieldRef::ViolationHarm,
        "危害后果",
        "harm",
    ),
    ("fine", FieldRef::Fine, "罚款金额", "fine"),
];

/// The per-record field names, with their labels (zh, en) after the record's name.
const DOC_FIELDS: &[(&str, DocField, &str, &str)] = &[
    ("date", DocField::Date, "日期", "date"),
    ("no", DocField::No, "文号", "number"),
    ("amount", DocField::Amount, "金额", "amount"),
    ("basis", DocField::Basis, "处罚依据", "basis"),
    ("remedy", DocField::Remedy, "救济途径", "remedy"),
    ("payment", DocField::Payment, "履行方式", "payment"),
    ("penalties", DocField::Penalties, "处罚种类", "penalties"),
];

impl FieldRef {
    /// Reads a field name; `documents` knows the kind ids of `<kind>.<field>`.
    pub fn parse(s: &str, documents: &KindTable) -> Result<FieldRef, String> {
        if let Some((_, f, _, _)) = CASE_FIELDS.iter().find(|(n, ..)| *n == s) {
            return Ok(f.clone());
        }
        let known = || {
            let case: Vec<&str> = CASE_FIELDS.iter().map(|(n, ..)| *n).collect();
            let doc: Vec<&str> = DOC_FIELDS.iter().map(|(n, ..)| *n).collect();
            format!(
                "known: {}, or <kind>.{} with a kind from documents.toml",
                case.join(", "),
                doc.join("|")
            )
        };
        let Some((kind, field)) = s.split_once('.') else {
            return Err(format!("unknown field `{s}` ({})", known()));
        };
        let Some((_, f, _, _)) = DOC_FIELDS.iter().find(|(n, ..)| *n == field) else {
            return Err(format!("unknown field `{s}` ({})", known()));
        };
        if !documents.contains_id(kind) {
            return Err(format!(
                "unknown field `{s}`: `{kind}` is not a kind in documents.toml"
            ));
        }
        Ok(FieldRef::Doc {
            kind: kind.to_string(),
            field: *f,
        })
    }

    fn is_date(&self) -> bool {
        matches!(
            self,
            FieldRef::ViolationDate
                | FieldRef::ViolationEndDate
                | FieldRef::Doc {
                    field: DocField::Date,
                    ..
                }
        )
    }

    /// The field's name for messages and "not checkable" inputs (Chinese, as ledgers name it).
    fn label(&self, ctx: &Ctx, lang: Lang) -> String {
        match self {
            FieldRef::Doc { kind, field } => {
                let (_, _, zh, en) = DOC_FIELDS.iter().find(|(_, f, ..)| f == field).unwrap();
                if *field == DocField::Date && lang == Lang::Zh {
                    return date_input(ctx, kind);
                }
                let name = match lang {
                    Lang::Zh => ctx.kb.aliases.documents.name(kind).to_string(),
                    Lang::En => label(&Ctx::new(lang, ctx.kb), kind),
                };
                match lang {
                    Lang::Zh => format!("{name}{zh}"),
                    Lang::En => format!("{name} {en}"),
                }
            }
            f => {
                let (_, _, zh, en) = CASE_FIELDS.iter().find(|(_, g, ..)| g == f).unwrap();
                lang.pick(zh, en).to_string()
            }
        }
    }
}

/// What a field holds in one case.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Got {
    /// Something is written (an unreadable date keeps its raw text and no `date`).
    Text {
        text: String,
        date: Option<NaiveDate>,
        at: Option<Place>,
    },
    /// Present but empty, or its record is missing: evidence of absence.
    Empty { at: Option<Place> },
    /// The source cannot tell (the input named, in Chinese).
    Unknown(String),
}

fn got<T>(
    f: &Field<T>,
    show: impl Fn(&T) -> String,
    date: impl Fn(&T) -> Option<NaiveDate>,
    unknown: String,
) -> Got {
    match f {
        Field::Absent => Got::Unknown(unknown),
        Field::Empty { at } => Got::Empty {
            at: Some(at.clone()),
        },
        Field::Invalid { raw, at } => Got::Text {
            text: raw.clone(),
            date: None,
            at: Some(at.clone()),
        },
        Field::Value { value, at } => Got::Text {
            text: show(value),
            date: date(value),
            at: Some(at.clone()),
        },
    }
}

fn text(f: &Field<String>, unknown: String) -> Got {
    got(f, String::clone, |_| None, unknown)
}

fn date_got(f: &Field<NaiveDate>, unknown: String) -> Got {
    got(
        f,
        |d| d.format("%Y-%m-%d").to_string(),
        |d| Some(*d),
        unknown,
    )
}

/// The kinds a `<kind>` names: `decision` is the penalty decision of either procedure.
fn kinds_for(kind: &str) -> Vec<String> {
    if kind == "decision" {
        vec!["decision".into(), "summary_decision".into()]
    } else {
        vec![kind.to_string()]
    }
}

/// The first record of a kind: `Ok(Some)`, `Ok(None)` when missing, `Err` when unknown.
fn record<'a>(case: &'a Case, kind: &str) -> Result<Option<&'a Document>, ()> {
    let kinds = kinds_for(kind);
    // In preference order: a 行政处罚决定书 before a 当场行政处罚决定书.
    for k in &kinds {
        if let Some(d) = case.documents.iter().find(|d| d.kind.as_deref() == Some(k)) {
            return Ok(Some(d));
        }
    }
    if kinds.iter().any(|k| case.covers(k)) {
        Ok(None)
    } else {
        Err(())
    }
}

/// The decision's total fine (zero when it imposes none), or the input that is unknown.
fn fine_of(case: &Case) -> Result<Money, String> {
    let Some(d) = record(case, "decision").map_err(|_| "处罚决定".to_string())? else {
        return Ok(Money(0));
    };
    match &d.penalties {
        Field::Value { value, .. } => {
            let mut total = 0;
            for p in value.iter().filter(|p| p.kind == "fine") {
                match p.amount.value() {
                    Some(m) => total += m.0,
                    None => return Err("罚款金额".into()),
                }
            }
            Ok(Money(total))
        }
        Field::Empty { .. } => Ok(Money(0)),
        _ => Err("处罚种类".into()),
    }
}

/// The decision's penalty kinds (none without a decision), or the input that is unknown.
fn kinds_of(case: &Case) -> Result<Vec<&str>, String> {
    let Some(d) = record(case, "decision").map_err(|_| "处罚决定".to_string())? else {
        return Ok(Vec::new());
    };
    match &d.penalties {
        Field::Value { value, .. } => Ok(value.iter().map(|p| p.kind.as_str()).collect()),
        Field::Empty { .. } => Ok(Vec::new()),
        _ => Err("处罚种类".into()),
    }
}

fn resolve(case: &Case, ctx: &Ctx, f: &FieldRef) -> Got {
    let unknown = || f.label(ctx, Lang::Zh);
    let p = &case.party;
    let v = &case.violation;
    match f {
        FieldRef::CaseNo => text(&case.case_no, unknown()),
        FieldRef::Agency => text(&case.agency, unknown()),
        FieldRef::Procedure => got(
            &case.procedure,
            |p| match p {
                Procedure::General => "一般程序".into(),
                Procedure::Summary => "简易程序".into(),
                Procedure::Other(s) => s.clone(),
            },
            |_| None,
            unknown(),
        ),
        FieldRef::PartyKind => got(&p.kind, |k| k.label_zh().into(), |_| None, unknown()),
        FieldRef::PartyName => text(&p.name, unknown()),
        FieldRef::PartyAddress => text(&p.address, unknown()),
        FieldRef::PartyCreditCode => text(&p.credit_code, unknown()),
        FieldRef::PartyIdNumber => text(&p.id_number, unknown()),
        FieldRef::PartyRepresentative => text(&p.representative, unknown()),
        FieldRef::ViolationDate => date_got(&v.date, unknown()),
        FieldRef::ViolationEndDate => date_got(&v.end_date, unknown()),
        FieldRef::ViolationFacts => text(&v.facts, unknown()),
        FieldRef::ViolationViolated => text(&v.violated, unknown()),
        FieldRef::ViolationCircumstance => got(
            &v.circumstance,
            |c| c.label_zh().into(),
            |_| None,
            unknown(),
        ),
        FieldRef::ViolationHarm => text(&v.harm, unknown()),
        FieldRef::Fine => match fine_of(case) {
            Ok(m) => Got::Text {
                text: m.to_string(),
                date: None,
                at: None,
            },
            Err(input) => Got::Unknown(input),
        },
        FieldRef::Doc { kind, field } => {
            if *field == DocField::Date {
                return match step_date(case, &kinds_for(kind)) {
                    StepDate::Dated(d, doc) => Got::Text {
                        text: d.format("%Y-%m-%d").to_string(),
                        date: Some(d),
                        at: Some(place_of(doc)),
                    },
                    StepDate::Missing => Got::Empty { at: None },
                    StepDate::Undated | StepDate::Unknown => Got::Unknown(unknown()),
                };
            }
            let doc = match record(case, kind) {
                Ok(Some(d)) => d,
                Ok(None) => return Got::Empty { at: None },
                Err(()) => return Got::Unknown(unknown()),
            };
            match field {
                DocField::No => text(&doc.no, unknown()),
                DocField::Amount => got(&doc.amount, Money::to_string, |_| None, unknown()),
                DocField::Basis => got(
                    &doc.basis,
                    |b| {
                        b.iter()
                            .map(|l| l.value.as_str())
                            .collect::<Vec<_>>()
                            .join("；")
                    },
                    |_| None,
                    unknown(),
                ),
                DocField::Remedy => text(&doc.remedy, unknown()),
                DocField::Payment => text(&doc.payment, unknown()),
                DocField::Penalties => got(
                    &doc.penalties,
                    |ps| {
                        ps.iter()
                            .map(|p| p.raw_kind.as_str())
                            .collect::<Vec<_>>()
                            .join("、")
                    },
                    |_| None,
                    unknown(),
                ),
                DocField::Date => unreachable!("handled above"),
            }
        }
    }
}

/// 一般程序 or 简易程序.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcKind {
    General,
    Summary,
}

/// How a step's date must relate to another step's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    /// strictly earlier
    Before,
    /// earlier or the same day
    NotAfter,
}

/// A condition. Atoms hold only on evidence: a record they name must be present (missing →
/// false), and an input the source does not carry makes them unknown.
#[derive(Debug, Clone)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Procedure(ProcKind),
    PartyKind(PartyKind),
    PenaltyAny(Vec<String>),
    PenaltyAll(Vec<String>),
    FineAtLeast(Money),
    FineAtMost(Money),
    /// A record of one of these kinds is present (and, with `order`, dated before another).
    Step {
        kinds: Vec<String>,
        order: Option<(Rel, String)>,
    },
    Filled(Vec<FieldRef>),
    Matches {
        field: FieldRef,
        regex: Regex,
    },
    /// The date field is on or after (`on_or_after`) or strictly before `date`.
    DateCmp {
        field: FieldRef,
        on_or_after: bool,
        date: NaiveDate,
    },
    /// `to` lies within (`at_most`) or beyond (`at_least`) a period after `from`.
    Gap {
        from: FieldRef,
        to: FieldRef,
        at_most: Option<Period>,
        at_least: Option<Period>,
    },
}

/// A factual account of a condition's outcome, in both languages, with where to point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    pub zh: String,
    pub en: String,
    pub at: Option<Place>,
}

fn why(zh: String, en: String, at: Option<Place>) -> Why {
    Why { zh, en, at }
}

/// A three-valued answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tri {
    Yes(Why),
    No(Why),
    /// Not checkable for lack of this input (Chinese name).
    Unknown(String),
}

fn yes_no(b: bool, w: Why) -> Tri {
    if b {
        Tri::Yes(w)
    } else {
        Tri::No(w)
    }
}

fn join(ws: &[Why]) -> Why {
    Why {
        zh: ws
            .iter()
            .map(|w| w.zh.as_str())
            .collect::<Vec<_>>()
            .join("；"),
        en: ws
            .iter()
            .map(|w| w.en.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        at: ws.iter().find_map(|w| w.at.clone()),
    }
}

fn pen_names(ctx: &Ctx, kinds: &[String]) -> String {
    kinds
        .iter()
        .map(|k| ctx.kb.aliases.penalties.name(k))
        .collect::<Vec<_>>()
        .join("、")
}

/// Kleene negation.
fn negate(t: Tri) -> Tri {
    match t {
        Tri::Yes(w) => Tri::No(w),
        Tri::No(w) => Tri::Yes(w),
        u => u,
    }
}

/// Kleene conjunction: the first No, else the first Unknown, else Yes with every reason.
fn all_of(rs: impl Iterator<Item = Tri>) -> Tri {
    let rs: Vec<Tri> = rs.collect();
    if let Some(no) = rs.iter().find(|r| matches!(r, Tri::No(_))) {
        return no.clone();
    }
    if let Some(u) = rs.iter().find(|r| matches!(r, Tri::Unknown(_))) {
        return u.clone();
    }
    let ws: Vec<Why> = rs
        .into_iter()
        .filter_map(|r| match r {
            Tri::Yes(w) => Some(w),
            _ => None,
        })
        .collect();
    Tri::Yes(join(&ws))
}

impl Cond {
    /// Evaluates the condition on a case (Kleene logic for `all`, `any`, `not`).
    pub fn eval(&self, case: &Case, ctx: &Ctx) -> Tri {
        match self {
            Cond::All(cs) => all_of(cs.iter().map(|c| c.eval(case, ctx))),
            // any(c…) = not all(not c…): the first Yes, else the first Unknown, else No.
            Cond::Any(cs) => negate(all_of(cs.iter().map(|c| negate(c.eval(case, ctx))))),
            Cond::Not(c) => negate(c.eval(case, ctx)),
            Cond::Procedure(want) => {
                let have = match case.procedure.value() {
                    Some(Procedure::General) => Some(ProcKind::General),
                    Some(Procedure::Summary) => Some(ProcKind::Summary),
                    Some(Procedure::Other(_)) => None,
                    None if case.is_general() => Some(ProcKind::General),
                    None if case.is_summary() => Some(ProcKind::Summary),
                    None => return Tri::Unknown("程序类型".into()),
                };
                let name = |p: Option<ProcKind>| match p {
                    Some(ProcKind::General) => ("一般程序", "general procedure"),
                    Some(ProcKind::Summary) => ("简易程序", "summary procedure"),
                    None => ("其他程序", "another procedure"),
                };
                let (zh, en) = name(have);
                yes_no(
                    have == Some(*want),
                    why(
                        format!("案件适用{zh}"),
                        format!("the case is in {en}"),
                        case.procedure.at().cloned(),
                    ),
                )
            }
            Cond::PartyKind(want) => match case.party.kind.value() {
                Some(k) => yes_no(
                    k == want,
                    why(
                        format!("当事人为{}", k.label_zh()),
                        format!("the party is an {}", k.as_str()),
                        case.party.kind.at().cloned(),
                    ),
                ),
                None => Tri::Unknown("当事人类型".into()),
            },
            Cond::PenaltyAny(want) | Cond::PenaltyAll(want) => {
                let have = match kinds_of(case) {
                    Ok(k) => k,
                    Err(input) => return Tri::Unknown(input),
                };
                let hit = |k: &String| have.iter().any(|h| h == k);
                let ok = match self {
                    Cond::PenaltyAny(_) => want.iter().any(hit),
                    _ => want.iter().all(hit),
                };
                let at = record(case, "decision").ok().flatten().map(place_of);
                let names = pen_names(ctx, want);
                if ok {
                    Tri::Yes(why(
                        format!("决定处以{names}"),
                        format!("the decision imposes {}", want.join(", ")),
                        at,
                    ))
                } else {
                    Tri::No(why(
                        format!("决定未处以{names}"),
                        format!("the decision does not impose {}", want.join(", ")),
                        at,
                    ))
                }
            }
            Cond::FineAtLeast(t) | Cond::FineAtMost(t) => {
                let fine = match fine_of(case) {
                    Ok(m) => m,
                    Err(input) => return Tri::Unknown(input),
                };
                let at = record(case, "decision").ok().flatten().map(place_of);
                let w = why(
                    format!("罚款 {fine} 元"),
                    format!("the fine is {fine} yuan"),
                    at,
                );
                match self {
                    Cond::FineAtLeast(_) => yes_no(fine >= *t, w),
                    _ => yes_no(fine <= *t, w),
                }
            }
            Cond::Step { kinds, order } => step(case, ctx, kinds, order.as_ref()),
            Cond::Filled(fields) => {
                let mut ws = Vec::new();
                for f in fields {
                    let name_zh = f.label(ctx, Lang::Zh);
                    let name_en = f.label(ctx, Lang::En);
                    match resolve(case, ctx, f) {
                        Got::Unknown(input) => return Tri::Unknown(input),
                        Got::Empty { at } => {
                            return Tri::No(why(
                                format!("{name_zh}为空"),
                                format!("the {name_en} is empty"),
                                at,
                            ))
                        }
                        Got::Text { at, .. } => ws.push(why(
                            format!("已填写{name_zh}"),
                            format!("the {name_en} is filled in"),
                            at,
                        )),
                    }
                }
                Tri::Yes(join(&ws))
            }
            Cond::Matches { field, regex } => {
                let (zh, en) = (field.label(ctx, Lang::Zh), field.label(ctx, Lang::En));
                match resolve(case, ctx, field) {
                    Got::Unknown(input) => Tri::Unknown(input),
                    Got::Empty { at } => {
                        Tri::No(why(format!("{zh}为空"), format!("the {en} is empty"), at))
                    }
                    Got::Text { text, at, .. } => {
                        let ok = regex.is_match(&text);
                        let (nzh, nen) = if ok { ("", "") } else { ("不", " does not") };
                        let verb = if ok { " matches" } else { " match" };
                        yes_no(
                            ok,
                            why(
                                format!("{zh}「{text}」{nzh}符合 {}", regex.as_str()),
                                format!("the {en} “{text}”{nen}{verb} {}", regex.as_str()),
                                at,
                            ),
                        )
                    }
                }
            }
            Cond::DateCmp {
                field,
                on_or_after,
                date,
            } => {
                let (zh, en) = (field.label(ctx, Lang::Zh), field.label(ctx, Lang::En));
                match resolve(case, ctx, field) {
                    Got::Text {
                        date: Some(d),
                        text,
                        at,
                    } => {
                        let ok = if *on_or_after { d >= *date } else { d < *date };
                        let (rel_zh, rel_en) = if d >= *date {
                            ("不早于", "on or after")
                        } else {
                            ("早于", "before")
                        };
                        yes_no(
                            ok,
                            why(
                                format!("{zh} {text} {rel_zh} {date}"),
                                format!("the {en} {text} is {rel_en} {date}"),
                                at,
                            ),
                        )
                    }
                    Got::Text { .. } => Tri::Unknown(field.label(ctx, Lang::Zh)),
                    Got::Unknown(input) => Tri::Unknown(input),
                    Got::Empty { at } => {
                        Tri::No(why(format!("没有{zh}"), format!("there is no {en}"), at))
                    }
                }
            }
            Cond::Gap {
                from,
                to,
                at_most,
                at_least,
            } => gap(case, ctx, from, to, *at_most, *at_least),
        }
    }
}

fn step(case: &Case, ctx: &Ctx, kinds: &[String], order: Option<&(Rel, String)>) -> Tri {
    let names = |lang: Lang| {
        let c = Ctx::new(lang, ctx.kb);
        kinds
            .iter()
            .map(|k| label(&c, k))
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let mut unknown = None;
    let mut present = false;
    for k in kinds {
        match case.step(k) {
            Step::Present(_) => present = true,
            Step::Unknown => unknown = unknown.or(Some(k)),
            Step::Missing => {}
        }
    }
    if !present {
        return match unknown {
            Some(k) => Tri::Unknown(date_input(ctx, k)),
            None => Tri::No(why(
                format!("案卷没有{}", names(Lang::Zh)),
                format!("the file has no {}", names(Lang::En)),
                None,
            )),
        };
    }
    let Some((rel, other)) = order else {
        let at = kinds.iter().find_map(|k| case.docs(k).next()).map(place_of);
        return Tri::Yes(why(
            format!("案卷有{}", names(Lang::Zh)),
            format!("the file has a {}", names(Lang::En)),
            at,
        ));
    };
    let (a, doc) = match step_date(case, kinds) {
        StepDate::Dated(a, doc) => (a, doc),
        _ => return Tri::Unknown(date_input(ctx, &kinds[0])),
    };
    let en_ctx = Ctx::new(Lang::En, ctx.kb);
    let zh_ctx = Ctx::new(Lang::Zh, ctx.kb);
    let b = match step_date(case, &kinds_for(other)) {
        StepDate::Dated(b, _) => b,
        StepDate::Missing => {
            return Tri::No(why(
                format!("案卷没有{}", label(&zh_ctx, other)),
                format!("the file has no {}", label(&en_ctx, other)),
                None,
            ))
        }
        _ => return Tri::Unknown(date_input(ctx, other)),
    };
    let ok = match rel {
        Rel::Before => a < b,
        Rel::NotAfter => a <= b,
    };
    let (lz, le) = (names(Lang::Zh), names(Lang::En));
    let (oz, oe) = (label(&zh_ctx, other), label(&en_ctx, other));
    let (rz, re) = if a < b {
        ("早于", "before")
    } else if a == b {
        ("与", "on the same day as")
    } else {
        ("晚于", "after")
    };
    let tail = if a == b { "同日" } else { "" };
    yes_no(
        ok,
        why(
            format!("{lz}日期 {a} {rz}{oz}日期 {b}{tail}"),
            format!("the {le} on {a} is {re} the {oe} on {b}"),
            Some(place_of(doc)),
        ),
    )
}

fn gap(
    case: &Case,
    ctx: &Ctx,
    from: &FieldRef,
    to: &FieldRef,
    at_most: Option<Period>,
    at_least: Option<Period>,
) -> Tri {
    let date = |f: &FieldRef| -> Result<(NaiveDate, Option<Place>), Tri> {
        match resolve(case, ctx, f) {
            Got::Text {
                date: Some(d), at, ..
            } => Ok((d, at)),
            Got::Text { .. } | Got::Unknown(_) => Err(Tri::Unknown(f.label(ctx, Lang::Zh))),
            Got::Empty { at } => Err(Tri::No(why(
                format!("没有{}", f.label(ctx, Lang::Zh)),
                format!("there is no {}", f.label(ctx, Lang::En)),
                at,
            ))),
        }
    };
    let (a, _) = match date(from) {
        Ok(x) => x,
        Err(t) => return t,
    };
    let (b, at) = match date(to) {
        Ok(x) => x,
        Err(t) => return t,
    };
    let (fz, fe) = (from.label(ctx, Lang::Zh), from.label(ctx, Lang::En));
    let (tz, te) = (to.label(ctx, Lang::Zh), to.label(ctx, Lang::En));
    let mut ws = Vec::new();
    for (period, most) in [(at_most, true), (at_least, false)] {
        let Some(p) = period else { continue };
        let Some(end) = p.end_after(&ctx.kb.calendar, a) else {
            return Tri::Unknown("工作日历".into());
        };
        let n = |lang: Lang| {
            count(&Ctx::new(lang, ctx.kb), p, a, b)
                .map(|(n, unit)| format!("{n}{unit}"))
                .unwrap_or_else(|| "?".into())
        };
        let (pz, pe) = (p.label(Lang::Zh), p.label(Lang::En));
        let head_zh = format!("{tz} {b} 距{fz} {a} 为 {}", n(Lang::Zh));
        let head_en = format!("the {te} {b} is {} after the {fe} {a}", n(Lang::En));
        let (ok, w) = if most {
            let ok = b <= end;
            let (zh, en) = if ok {
                (
                    format!("{head_zh}，未超过 {pz}"),
                    format!("{head_en}, within {pe}"),
                )
            } else {
                (
                    format!("{head_zh}，超过 {pz}（期限至 {end}）"),
                    format!("{head_en}, beyond {pe} (the limit ended on {end})"),
                )
            };
            (ok, why(zh, en, at.clone()))
        } else {
            let ok = b >= end;
            let (zh, en) = if ok {
                (
                    format!("{head_zh}，不少于 {pz}"),
                    format!("{head_en}, at least {pe}"),
                )
            } else {
                (
                    format!("{head_zh}，不足 {pz}（最早应为 {end}）"),
                    format!("{head_en}, less than {pe} (the earliest day is {end})"),
                )
            };
            (ok, why(zh, en, at.clone()))
        };
        if !ok {
            return Tri::No(w);
        }
        ws.push(w);
    }
    Tri::Yes(join(&ws))
}

/// A message template: text with `{field}` placeholders and `{reason}` (the failing
/// requirement's account); `{{` and `}}` are literal braces.
#[derive(Debug, Clone)]
pub struct Template(Vec<Piece>);

#[derive(Debug, Clone)]
enum Piece {
    Lit(String),
    Field(FieldRef),
    Reason,
}

impl Template {
    fn parse(s: &str, documents: &KindTable) -> Result<Template, String> {
        let mut out = Vec::new();
        let mut lit = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    lit.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    lit.push('}');
                }
                '{' => {
                    let name: String = chars.by_ref().take_while(|c| *c != '}').collect();
                    let name = name.trim();
                    if !lit.is_empty() {
                        out.push(Piece::Lit(std::mem::take(&mut lit)));
                    }
                    if name == "reason" {
                        out.push(Piece::Reason);
                    } else {
                        out.push(Piece::Field(FieldRef::parse(name, documents)?));
                    }
                }
                '}' => return Err("a lone `}` (write `}}` for a brace)".into()),
                c => lit.push(c),
            }
        }
        if !lit.is_empty() {
            out.push(Piece::Lit(lit));
        }
        Ok(Template(out))
    }

    fn render(&self, case: &Case, ctx: &Ctx, reason: &str) -> String {
        let mut s = String::new();
        for p in &self.0 {
            match p {
                Piece::Lit(l) => s += l,
                Piece::Reason => s += reason,
                Piece::Field(f) => match resolve(case, ctx, f) {
                    Got::Text { text, .. } => s += &text,
                    Got::Empty { .. } => s += ctx.lang.pick("（空）", "(empty)"),
                    Got::Unknown(_) => s += ctx.lang.pick("（未知）", "(unknown)"),
                },
            }
        }
        s
    }
}

/// One rule loaded from a rule file.
#[derive(Debug, Clone)]
pub struct DeclaredRule {
    pub info: &'static Info,
    pub mark: Mark,
    /// Where the legal fact behind the rule comes from.
    pub legal_source: String,
    pub when: Option<Cond>,
    pub require: Cond,
    message: Option<(Template, Template)>,
    subject: String,
}

impl Check for DeclaredRule {
    fn info(&self) -> &Info {
        self.info
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        if let Some(w) = &self.when {
            match w.eval(case, ctx) {
                Tri::Yes(_) => {}
                Tri::No(_) => return,
                Tri::Unknown(input) => return out.not_checkable(self.info, input),
            }
        }
        let w = match self.require.eval(case, ctx) {
            Tri::Yes(_) => return,
            Tri::Unknown(input) => return out.not_checkable(self.info, input),
            Tri::No(w) => w,
        };
        let reason = ctx.lang.pick(&w.zh, &w.en);
        let message = match &self.message {
            Some((zh, en)) => match ctx.lang {
                Lang::Zh => zh.render(case, ctx, reason),
                Lang::En => en.render(case, ctx, reason),
            },
            None => match ctx.lang {
                Lang::Zh => format!("{}：{reason}", self.info.title.zh),
                Lang::En => format!("{}: {reason}", self.info.title.en),
            },
        };
        let place = w.at.unwrap_or_else(|| case.at.clone());
        out.push(self.info, ctx, case, place, self.subject.clone(), message);
    }
}

/// Every declared rule in force, sorted by code.
#[derive(Debug, Clone, Default)]
pub struct DeclaredRules {
    pub rules: Vec<DeclaredRule>,
}

impl DeclaredRules {
    /// Loads and validates rule files `(origin, text)`. `taken` holds the rules already in
    /// force (built-in and procedure-data codes), which a declared code must not reuse. Every
    /// error of every file is returned at once.
    pub fn load(
        files: &[(String, String)],
        documents: &KindTable,
        penalties: &KindTable,
        taken: &[&'static Info],
    ) -> Result<DeclaredRules, Vec<DataError>> {
        let mut errors = Vec::new();
        let mut rules: Vec<DeclaredRule> = Vec::new();
        // code → where it was first declared
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for (file, text) in files {
            let mut p = Parser {
                file,
                text,
                errors: Vec::new(),
                documents,
                penalties,
            };
            let parsed = p.file();
            for (rule, code_span, name_span) in parsed {
                let code = rule.info.code;
                if let Some(t) = taken.iter().find(|i| i.code == code) {
                    p.err(
                        code_span.clone(),
                        format!(
                            "rule code `{code}` is already used by {} rule `{}`",
                            t.source, t.name
                        ),
                    );
                } else if let Some(at) = seen.get(code) {
                    p.err(
                        code_span.clone(),
                        format!("rule code `{code}` is declared twice (first at {at})"),
                    );
                }
                let name = rule.info.name;
                if let Some(t) = taken.iter().find(|i| i.name == name) {
                    p.err(
                        name_span.clone(),
                        format!("rule name `{name}` is already used by rule {}", t.code),
                    );
                } else if let Some(at) = names.get(name) {
                    p.err(
                        name_span.clone(),
                        format!("rule name `{name}` is declared twice (first at {at})"),
                    );
                }
                let (l, c) = crate::data::line_col(text, code_span.start);
                seen.entry(code.to_string())
                    .or_insert_with(|| format!("{file}:{l}:{c}"));
                names
                    .entry(name.to_string())
                    .or_insert_with(|| format!("{file}:{l}:{c}"));
                rules.push(rule);
            }
            errors.extend(p.errors);
        }
        if errors.is_empty() {
            rules.sort_by_key(|r| r.info.code);
            Ok(DeclaredRules { rules })
        } else {
            errors.sort();
            errors.dedup();
            Err(errors)
        }
    }

    /// The rules as checks, sorted by code.
    pub fn checks(&self) -> Vec<&dyn Check> {
        self.rules.iter().map(|r| r as &dyn Check).collect()
    }

    /// The rules' infos (for `rules` and `explain`), sorted by code.
    pub fn infos(&self) -> Vec<&'static Info> {
        self.rules.iter().map(|r| r.info).collect()
    }
}

type V<'i> = Spanned<DeValue<'i>>;

/// Walks a rule file's spanned tree, collecting every error.
struct Parser<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<DataError>,
    documents: &'a KindTable,
    penalties: &'a KindTable,
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
    fn err(&mut self, span: Range<usize>, m: impl Into<String>) {
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

    fn file(&mut self) -> Vec<(DeclaredRule, Range<usize>, Range<usize>)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Coverage, Located};
    use crate::rules::testutil::{clean_general, kb, CaseBuilder};

    /// The head every test rule shares: a complete, valid header.
    const HEAD: &str = r#"code = "X900"
name = "test-rule"
severity = "warning"
category = "procedure"
title = { zh = "测试规则", en = "Test rule" }
basis = { zh = "依据", en = "basis" }
what = { zh = "内容", en = "what" }
why = { zh = "原因", en = "why" }
example = { zh = "示例", en = "example" }
fix = { zh = "整改", en = "fix" }
source = "legal.md §0"
mark = "SECONDARY"
"#;

    fn load(text: &str) -> Result<DeclaredRules, Vec<DataError>> {
        let a = &kb().aliases;
        DeclaredRules::load(
            &[("r.toml".into(), text.into())],
            &a.documents,
            &a.penalties,
            &crate::rules::builtin_infos(),
        )
    }

    /// One rule with a `when` and a `require` written as TOML table bodies.
    fn rule(when: &str, require: &str) -> DeclaredRule {
        let mut text = format!("[[rule]]\n{HEAD}");
        if !when.is_empty() {
            text += &format!("[rule.when]\n{when}\n");
        }
        text += &format!("[rule.require]\n{require}\n");
        let mut r = load(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        r.rules.pop().unwrap()
    }

    fn run_rule(r: &DeclaredRule, case: &Case, lang: Lang) -> Emitter {
        let ctx = Ctx::new(lang, kb());
        let mut out = Emitter::default();
        r.check(case, &ctx, &mut out);
        out
    }

    /// (findings, not checkable) of a rule on a case.
    fn outcome(r: &DeclaredRule, case: &Case) -> (usize, usize) {
        let e = run_rule(r, case, Lang::Zh);
        (e.findings.len(), e.not_checkable.len())
    }

    fn eval(cond: &str, case: &Case) -> Tri {
        let r = rule("", cond);
        r.require.eval(case, &Ctx::new(Lang::Zh, kb()))
    }

    fn tri(t: &Tri) -> &'static str {
        match t {
            Tri::Yes(_) => "yes",
            Tri::No(_) => "no",
            Tri::Unknown(_) => "unknown",
        }
    }

    fn text_field(v: &str, line: u32) -> Field<String> {
        Field::Value {
            value: v.into(),
            at: Place::line(line, 1),
        }
    }

    #[test]
    fn shipped_examples_load_and_default_checks_have_none() {
        assert!(
            Knowledge::shipped().rules.rules.is_empty(),
            "examples are not loaded by default"
        );
        let text = crate::data::shipped_text("examples/rules/brigade-examples.toml");
        let r = load(text).unwrap();
        let codes: Vec<&str> = r.rules.iter().map(|r| r.info.code).collect();
        assert_eq!(codes, ["X101", "X102", "X103", "X104"]);
        for rule in &r.rules {
            assert!(
                rule.info.source.starts_with("r.toml:"),
                "{}",
                rule.info.source
            );
            assert!(rule
                .info
                .basis
                .zh
                .contains(crate::plain::certainty(rule.mark.as_str(), Lang::Zh)));
            assert!(!rule.legal_source.is_empty());
        }
        assert_eq!(r.rules[0].mark, Mark::Derived);
        assert_eq!(r.rules[2].info.category, Category::Document);
        assert_eq!(r.rules[3].info.severity, Severity::Info);
    }

    use crate::knowledge::Knowledge;

    /// A broken file reports every problem, each at its line and column.
    #[test]
    fn broken_file_lists_every_error_with_its_place() {
        let text = r#"sauce = "x"

[[rule]]
code = "P016"
name = "Bad Name"
severity = "fatal"
category = "procedure"
title = { zh = "标题" }
basis = { zh = "依据", en = "basis" }
what = { zh = "内容", en = "what" }
why = { zh = "原因", en = "why" }
example = { zh = "示例", en = "" }
fix = { zh = "整改", en = "fix" }
source = "x"
mark = "SURE"
colour = "red"

[rule.when]
penalty_any = ["fine", "flogging"]
step = "seizur"
field_matches = { field = "violation.fact", regex = "(" }
decided_on_or_after = "2021-01-01"
before = "decision"

[rule.require]
gap = { from = "decision", to = "publication", at_most = "7 days" }
not = { filled = "publication.colour" }
when = 1

[[rule]]
code = "X101"
name = "ok-rule"
severity = "info"
category = "proc"
title = { zh = "标题", en = "t" }
basis = { zh = "依据", en = "basis" }
what = { zh = "内容", en = "what" }
why = { zh = "原因", en = "why" }
example = { zh = "示例", en = "e" }
fix = { zh = "整改", en = "fix" }
mark = "VERIFIED"
message = { zh = "{decision.nope}", en = "x } y" }

[rule.require]
any = []
"#;
        let errs = load(text).unwrap_err();
        let got: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        let want: &[(usize, usize, &str)] = &[
            (1, 1, "unknown key `sauce`"),
            (4, 8, "reserved for built-in"),
            (5, 8, "kebab-case"),
            (6, 12, "severity must be"),
            (8, 9, "`title` needs `en`"),
            (12, 11, "`example.en` is empty"),
            (15, 8, "mark must be"),
            (16, 1, "unknown key `colour`"),
            (19, 24, "unknown penalty kind `flogging`"),
            (20, 8, "unknown step kind `seizur`"),
            (21, 27, "unknown field `violation.fact`"),
            (21, 53, "bad regex `(`: unclosed group"),
            (22, 23, "plain TOML date"),
            (26, 58, "bad period `7 days`"),
            (27, 18, "unknown field `publication.colour`"),
            (28, 1, "unknown key `when` in `require`"),
            (34, 12, "category must be"),
            (30, 1, "[[rule]] needs `source`"),
            (42, 11, "message template: unknown field `decision.nope`"),
            (45, 7, "`any` must not be empty"),
        ];
        for (line, col, needle) in want {
            assert!(
                errs.iter().any(|e| e.file == "r.toml"
                    && e.message.contains(needle)
                    && (e.line, e.col) == (*line, *col)),
                "missing {line}:{col} {needle}\n{}",
                got.join("\n")
            );
        }
        // The `before` here has a `step` beside it, so it is not an error; the missing source
        // is on the second rule (its header, line 30) only.
        assert!(
            errs.iter()
                .filter(|e| e.message.contains("needs `source`"))
                .all(|e| e.line == 30),
            "{}",
            got.join("\n")
        );
        assert!(
            got.iter().any(|m| m.contains("lone `}`")),
            "{}",
            got.join("\n")
        );
        assert!(errs.len() >= want.len(), "{}", got.join("\n"));
    }

    #[test]
    fn codes_and_names_must_be_new() {
        let two = format!("[[rule]]\n{HEAD}[rule.require]\nstep = \"filing\"\n");
        let text = format!("{two}\n{two}");
        let errs = load(&text).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.iter().any(|m| m.starts_with("r.toml:18:8:")
                && m.contains("`X900` is declared twice (first at r.toml:2:8)")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("name `test-rule` is declared twice")),
            "{msgs:?}"
        );
        // A code the procedure data (or a built-in rule) already uses.
        let a = &kb().aliases;
        let mut taken = crate::rules::builtin_infos();
        let one = load(&format!(
            "[[rule]]\n{HEAD}[rule.require]\nstep = \"filing\"\n"
        ))
        .unwrap();
        taken.push(one.rules[0].info);
        let errs = DeclaredRules::load(
            &[("s.toml".into(), two.clone())],
            &a.documents,
            &a.penalties,
            &taken,
        )
        .unwrap_err();
        assert!(
            errs[0]
                .message
                .contains("already used by r.toml:1 rule `test-rule`"),
            "{errs:?}"
        );
        let named = two
            .replace("name = \"test-rule\"", "name = \"missing-step\"")
            .replace("X900", "X901");
        let errs = DeclaredRules::load(
            &[("s.toml".into(), named)],
            &a.documents,
            &a.penalties,
            &crate::rules::builtin_infos(),
        )
        .unwrap_err();
        assert!(
            errs[0].message.contains("already used by rule P001"),
            "{errs:?}"
        );
        for (code, ok) in [
            ("X101", true),
            ("KF001", true),
            ("ABCD123", true),
            ("P101", false),
            ("D001", false),
            ("X10", false),
            ("x101", false),
            ("ABCDE123", false),
        ] {
            let r = load(&format!(
                "[[rule]]\n{}[rule.require]\nstep = \"filing\"\n",
                HEAD.replace("X900", code)
            ));
            assert_eq!(r.is_ok(), ok, "{code}: {r:?}");
        }
    }

    #[test]
    fn syntax_errors_and_empty_files_are_errors_not_panics() {
        for (text, needle) in [
            ("[[rule]\ncode = 1\n", ""),
            ("", "at least one [[rule]]"),
            ("rule = 3\n", "array of tables"),
            ("[rule]\ncode = \"X1\"\n", "array of tables"),
            ("[[rule]]\n", "needs `code`"),
        ] {
            let errs = load(text).unwrap_err();
            assert!(
                errs.iter().any(|e| e.message.contains(needle)),
                "{text:?}: {errs:?}"
            );
        }
    }

    #[test]
    fn atoms_table() {
        let base = || clean_general(); // unit, fine 5,000 on 2022-03-15, no collective discussion
        let cases: Vec<(&str, Case, &str, &str)> = vec![
            ("general", base().build(), "procedure = \"general\"", "yes"),
            (
                "not summary",
                base().build(),
                "procedure = \"summary\"",
                "no",
            ),
            (
                "procedure unrecorded, no filing",
                CaseBuilder::general("X").no_procedure().build(),
                "procedure = \"general\"",
                "unknown",
            ),
            ("unit", base().build(), "party_kind = \"unit\"", "yes"),
            (
                "individual",
                base().build(),
                "party_kind = \"individual\"",
                "no",
            ),
            (
                "kind absent",
                base().party(None).build(),
                "party_kind = \"unit\"",
                "unknown",
            ),
            (
                "fine imposed",
                base().build(),
                "penalty_any = [\"fine\", \"warning\"]",
                "yes",
            ),
            (
                "not all",
                base().build(),
                "penalty_all = [\"fine\", \"warning\"]",
                "no",
            ),
            (
                "no decision, covered",
                CaseBuilder::general("X").build(),
                "penalty_any = \"fine\"",
                "no",
            ),
            (
                "no decision, unknown",
                CaseBuilder::general("X").coverage(Coverage::None).build(),
                "penalty_any = \"fine\"",
                "unknown",
            ),
            (
                "fine 5,000 ≥ 5,000",
                base().build(),
                "fine_at_least = 5000",
                "yes",
            ),
            (
                "fine 5,000 ≥ 5,000.01",
                base().build(),
                "fine_at_least = 5000.01",
                "no",
            ),
            ("fine ≤ 200", base().build(), "fine_at_most = 200", "no"),
            (
                "no fine ≤ 200",
                CaseBuilder::general("X")
                    .decision("decision", "2022-03-15", &[("warning", None)])
                    .build(),
                "fine_at_most = 200",
                "yes",
            ),
            (
                "fine amount unread",
                CaseBuilder::general("X")
                    .decision("decision", "2022-03-15", &[("fine", None)])
                    .build(),
                "fine_at_least = 1",
                "unknown",
            ),
            (
                "step present",
                base().build(),
                "step = \"legal_review\"",
                "yes",
            ),
            (
                "step missing",
                base().build(),
                "step = \"collective_discussion\"",
                "no",
            ),
            (
                "one of two present",
                base().build(),
                "step = [\"collective_discussion\", \"legal_review\"]",
                "yes",
            ),
            (
                "step unknown on a ledger",
                CaseBuilder::ledger("X", &["filing"]).build(),
                "step = \"collective_discussion\"",
                "unknown",
            ),
            (
                "review before decision",
                base().build(),
                "step = \"legal_review\"\nbefore = \"decision\"",
                "yes",
            ),
            (
                "same day, strictly before",
                base().doc("collective_discussion", "2022-03-15").build(),
                "step = \"collective_discussion\"\nbefore = \"decision\"",
                "no",
            ),
            (
                "same day, not after",
                base().doc("collective_discussion", "2022-03-15").build(),
                "step = \"collective_discussion\"\nnot_after = \"decision\"",
                "yes",
            ),
            (
                "undated step",
                base().doc("collective_discussion", "").build(),
                "step = \"collective_discussion\"\nnot_after = \"decision\"",
                "unknown",
            ),
            (
                "reference step missing",
                base().build(),
                "step = \"legal_review\"\nnot_after = \"hearing\"",
                "no",
            ),
            (
                "decision no filled",
                base().build(),
                "filled = \"case_no\"",
                "yes",
            ),
            (
                "facts absent",
                base().build(),
                "filled = \"violation.facts\"",
                "unknown",
            ),
            (
                "facts empty",
                base()
                    .with(|c| {
                        c.violation.facts = Field::Empty {
                            at: Place::line(9, 1),
                        }
                    })
                    .build(),
                "filled = \"violation.facts\"",
                "no",
            ),
            (
                "regex on facts",
                base()
                    .with(|c| c.violation.facts = text_field("某宾馆未经许可营业", 9))
                    .build(),
                "field_matches = { field = \"violation.facts\", regex = \"宾馆|商场\" }",
                "yes",
            ),
            (
                "regex misses",
                base()
                    .with(|c| c.violation.facts = text_field("仓库堵塞通道", 9))
                    .build(),
                "field_matches = { field = \"violation.facts\", regex = \"宾馆|商场\" }",
                "no",
            ),
            (
                "regex on absent field",
                base().build(),
                "field_matches = { field = \"violation.facts\", regex = \".\" }",
                "unknown",
            ),
            (
                "regex on basis",
                base().build(),
                "field_matches = { field = \"decision.basis\", regex = \"第六十条\" }",
                "yes",
            ),
            (
                "regex on a step's date",
                base().build(),
                "field_matches = { field = \"filing.date\", regex = \"^2022-03\" }",
                "yes",
            ),
            (
                "regex on a missing record",
                base().build(),
                "field_matches = { field = \"hearing.no\", regex = \".\" }",
                "no",
            ),
            (
                "decided on or after",
                base().build(),
                "decided_on_or_after = 2022-03-15",
                "yes",
            ),
            (
                "decided before",
                base().build(),
                "decided_before = 2022-03-15",
                "no",
            ),
            (
                "violation date",
                base().build(),
                "date_on_or_after = { field = \"violation.date\", date = 2021-04-29 }",
                "yes",
            ),
            (
                "step date by kind",
                base().build(),
                "date_before = { field = \"filing\", date = 2022-03-02 }",
                "no",
            ),
            (
                "unreadable date",
                base().doc("commitment", "?").build(),
                "date_before = { field = \"commitment\", date = 2030-01-01 }",
                "unknown",
            ),
        ];
        let mut bad = Vec::new();
        for (name, case, cond, want) in &cases {
            let got = eval(cond, case);
            if tri(&got) != *want {
                bad.push(format!("{name}: {cond} → {got:?}, want {want}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn gaps_count_working_days_and_calendar_days() {
        // 2021-09-30 (Thu) + 7 working days: the National Day break (10-01..10-07) is off and
        // Saturday 10-09 is a make-up working day, so the 7th is Friday 10-15.
        let case = |publ: &str| {
            CaseBuilder::general("X")
                .decision("decision", "2021-09-30", &[("warning", None)])
                .doc("publication", publ)
                .build()
        };
        let at_most = "gap = { from = \"decision\", to = \"publication\", at_most = \"7wd\" }";
        let at_least =
            "gap = { from = \"decision\", to = \"publication\", at_least = \"7个工作日\" }";
        let calendar =
            "gap = { from = \"decision\", to = \"publication.date\", at_most = \"10d\" }";
        for (publ, cond, want) in [
            ("2021-10-15", at_most, "yes"),
            ("2021-10-18", at_most, "no"),
            ("2021-10-14", at_least, "no"),
            ("2021-10-15", at_least, "yes"),
            // 09-30 + 10 days = 10-10, a Sunday → extended to Monday 10-11.
            ("2021-10-11", calendar, "yes"),
            ("2021-10-12", calendar, "no"),
            ("", at_most, "unknown"),
        ] {
            let got = eval(cond, &case(publ));
            assert_eq!(tri(&got), want, "{publ} {cond}: {got:?}");
        }
        let Tri::No(w) = eval(at_most, &case("2021-10-18")) else {
            unreachable!()
        };
        assert!(
            w.zh.contains("为 8 个工作日") && w.zh.contains("至 2021-10-15"),
            "{}",
            w.zh
        );
        // No publication record: the gap cannot hold.
        let none = CaseBuilder::general("X")
            .decision("decision", "2021-09-30", &[])
            .build();
        assert_eq!(tri(&eval(at_most, &none)), "no");
        // A year the calendar lacks is not a guess.
        let far = CaseBuilder::general("X")
            .decision("decision", "2031-03-03", &[])
            .doc("publication", "2031-03-20")
            .build();
        assert_eq!(eval(at_most, &far), Tri::Unknown("工作日历".into()));
    }

    #[test]
    fn all_any_not_are_three_valued() {
        let c = clean_general().build(); // facts absent → unknown
        let u = "{ filled = \"violation.facts\" }";
        let y = "{ procedure = \"general\" }";
        let n = "{ procedure = \"summary\" }";
        for (cond, want) in [
            (format!("all = [{y}, {u}]"), "unknown"),
            (format!("all = [{n}, {u}]"), "no"),
            (format!("any = [{y}, {u}]"), "yes"),
            (format!("any = [{n}, {u}]"), "unknown"),
            (format!("any = [{n}, {n}]"), "no"),
            (format!("not = {u}"), "unknown"),
            (format!("not = {n}"), "yes"),
            (format!("not = {{ any = [{n}, {y}] }}"), "no"),
            // Several keys in one table: all must hold.
            (
                "procedure = \"general\"\nparty_kind = \"individual\"".to_string(),
                "no",
            ),
        ] {
            assert_eq!(tri(&eval(&cond, &c)), want, "{cond}");
        }
    }

    #[test]
    fn unknown_is_not_checkable_never_a_finding() {
        let r = rule(
            "field_matches = { field = \"violation.facts\", regex = \"宾馆\" }",
            "step = \"commitment\"",
        );
        // Facts absent → the rule cannot tell whether it applies.
        assert_eq!(outcome(&r, &clean_general().build()), (0, 1));
        let e = run_rule(&r, &clean_general().build(), Lang::Zh);
        assert_eq!(e.not_checkable[0], ("X900", "违法事实".to_string()));
        let hotel = |b: CaseBuilder| b.with(|c| c.violation.facts = text_field("某宾馆", 9));
        assert_eq!(outcome(&r, &hotel(clean_general()).build()), (1, 0));
        assert_eq!(
            outcome(
                &r,
                &hotel(clean_general())
                    .doc("commitment", "2022-01-01")
                    .build()
            ),
            (0, 0)
        );
        // Not a hotel: the rule does not apply; nothing counted.
        let shop = clean_general()
            .with(|c| c.violation.facts = text_field("仓库", 9))
            .build();
        assert_eq!(outcome(&r, &shop), (0, 0));
        // A ledger that has no commitment column cannot show the record missing.
        let ledger = CaseBuilder::ledger("X", &["filing", "decision"])
            .with(|c| c.violation.facts = text_field("某宾馆", 9))
            .build();
        let e = run_rule(&r, &ledger, Lang::Zh);
        assert_eq!((e.findings.len(), e.not_checkable.len()), (0, 1));
        assert_eq!(e.not_checkable[0].1, "告知承诺书日期");
    }

    #[test]
    fn findings_carry_the_rule_and_a_message_in_each_language() {
        let r = rule(
            "",
            "step = \"collective_discussion\"\nnot_after = \"decision\"",
        );
        let case = clean_general()
            .doc("collective_discussion", "2022-03-16")
            .build();
        let zh = run_rule(&r, &case, Lang::Zh);
        let f = &zh.findings[0];
        assert_eq!(
            (f.code.as_str(), f.severity, f.category),
            ("X900", Severity::Warning, Category::Procedure)
        );
        assert_eq!(
            f.message,
            "测试规则：集体讨论日期 2022-03-16 晚于决定日期 2022-03-15"
        );
        assert_eq!(f.basis, "依据（依据二手资料，未核对法律原文）");
        assert_eq!(f.help, "整改");
        assert_eq!(f.subject, "test-rule");
        assert!(
            matches!(f.place, Place::Line { .. }),
            "points at the record: {:?}",
            f.place
        );
        let en = run_rule(&r, &case, Lang::En);
        assert!(
            en.findings[0].message.starts_with("Test rule: the "),
            "{}",
            en.findings[0].message
        );
        assert!(
            en.findings[0].message.contains("is after the"),
            "{}",
            en.findings[0].message
        );
    }

    #[test]
    fn message_templates_fill_fields() {
        let text = format!(
            "[[rule]]\n{HEAD}subject = \"number\"\nmessage = {{ zh = \"文号{{decision.no}}，当事人{{party.name}}，罚款{{fine}}元：{{reason}} {{{{x}}}}\", en = \"{{reason}}\" }}\n[rule.require]\nfield_matches = {{ field = \"decision.no\", regex = \"^解消\" }}\n"
        );
        let r = load(&text).unwrap().rules.pop().unwrap();
        let case = clean_general()
            .with(|c| {
                let d = c
                    .documents
                    .iter_mut()
                    .find(|d| d.kind.as_deref() == Some("decision"))
                    .unwrap();
                d.no = text_field("鼓消行罚决字〔2022〕第0001号", 40);
                d.basis = Field::Value {
                    value: vec![Located {
                        value: "x".into(),
                        at: Place::line(41, 1),
                    }],
                    at: Place::line(41, 1),
                };
            })
            .build();
        let e = run_rule(&r, &case, Lang::Zh);
        assert_eq!(
            e.findings[0].message,
            "文号鼓消行罚决字〔2022〕第0001号，当事人（未知），罚款5,000元：行政处罚决定书文号「鼓消行罚决字〔2022〕第0001号」不符合 ^解消 {x}"
        );
        assert_eq!(e.findings[0].subject, "number");
        assert_eq!(e.findings[0].place, Place::line(40, 1));
        let own = clean_general()
            .with(|c| {
                let d = c
                    .documents
                    .iter_mut()
                    .find(|d| d.kind.as_deref() == Some("decision"))
                    .unwrap();
                d.no = text_field("解消行罚决字〔2022〕第0001号", 40);
            })
            .build();
        assert_eq!(outcome(&r, &own), (0, 0));
    }

    /// The example rules on their fixtures: each hit folder fires exactly its rule; each clean
    /// folder fires nothing.
    #[test]
    fn example_rules_on_their_fixtures() {
        let text = std::fs::read_to_string("checks/examples/rules/brigade-examples.toml").unwrap();
        let rules = load(&text).unwrap();
        let ctx = Ctx::new(Lang::Zh, kb());
        let root = std::path::Path::new("fixtures/declarative");
        let mut seen = 0;
        for rule in &rules.rules {
            for (sub, want) in [("hit", 1), ("clean", 0)] {
                let dir = root.join(rule.info.code).join(sub);
                for f in std::fs::read_dir(&dir).unwrap() {
                    let path = f.unwrap().path();
                    let bytes = std::fs::read(&path).unwrap();
                    let mut cases = Vec::new();
                    crate::read::xml::XmlReader {
                        file: "f.xml",
                        aliases: &kb().aliases,
                        lang: Lang::Zh,
                    }
                    .read(&bytes, &mut |c, _| cases.push(c));
                    for case in &cases {
                        let mut out = Emitter::default();
                        for r in rules.checks() {
                            r.check(case, &ctx, &mut out);
                        }
                        let codes: Vec<&str> =
                            out.findings.iter().map(|f| f.code.as_str()).collect();
                        let expect: Vec<&str> = if want == 1 {
                            vec![rule.info.code]
                        } else {
                            vec![]
                        };
                        assert_eq!(codes, expect, "{}", path.display());
                        assert!(
                            out.not_checkable.is_empty(),
                            "{}: {:?}",
                            path.display(),
                            out.not_checkable
                        );
                        seen += 1;
                    }
                }
            }
        }
        assert_eq!(seen, 8);
    }
}
