//! Evaluating declared conditions and message templates on a case: Kleene logic over
//! three-valued atoms that read the case's fields, steps and dates. Uses the model, the rules'
//! context (`Ctx`) and the procedure engine's step helpers.

use crate::finding::{Lang, Place};
use crate::knowledge::declared::{
    Cond, DocField, FieldRef, Piece, ProcKind, Rel, Template, CASE_FIELDS, DOC_FIELDS,
};
use crate::law::calendar::Period;
use crate::model::{Case, Document, Field, Money, Procedure, Step};
use crate::rules::procedure::{count, date_input, label, place_of, step_date, StepDate};
use crate::rules::Ctx;
use chrono::NaiveDate;

impl FieldRef {
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

impl Template {
    pub(super) fn render(&self, case: &Case, ctx: &Ctx, reason: &str) -> String {
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
