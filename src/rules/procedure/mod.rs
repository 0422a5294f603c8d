//! The generic procedure engine: reads the required steps, ordering constraints and deadlines
//! of `checks/procedures.toml` ([`spec`]) and applies them to a case, so a new procedural
//! requirement is a data change. The P rules whose logic is fully data-driven (P001, P002, P003,
//! P005, P006, P007, P010, P013) delegate here; their explanations stay in their own files.
//!
//! Unknown is not missing: a step the source cannot speak about makes the entry "not
//! checkable" for the case (reported once per rule and case), never a finding; an undated or
//! unreadable date does the same; a year the calendar lacks too.

/// The schema of the procedure data (moved to the knowledge layer; named `spec` here for the engine).
use crate::knowledge::procedures as spec;

use crate::finding::{Lang, Place};
use crate::knowledge::settings::Settings;
use crate::law::calendar::Period;
use crate::model::{Case, Document, Field, Money, PartyKind, Step};
use crate::rules::{Ctx, Emitter, Info};
use chrono::NaiveDate;
use spec::{Head, Must, ProcKind, When};

/// Which section of the data a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Required,
    Order,
    Deadline,
}

/// The rule that also runs the data's own codes of a section (see [`run`]).
fn host(section: Section) -> &'static str {
    match section {
        Section::Required => "P001",
        Section::Order => "P002",
        Section::Deadline => "P003",
    }
}

/// A step's date as far as the source tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepDate<'a> {
    /// The earliest readable date and its record.
    Dated(NaiveDate, &'a Document),
    /// Present, but no record has a readable date.
    Undated,
    /// The source covers the step and it has no record.
    Missing,
    /// The source cannot tell.
    Unknown,
}

/// The first step of `kinds` (in preference order) that has a record, with its earliest date.
pub fn step_date<'a>(case: &'a Case, kinds: &[String]) -> StepDate<'a> {
    let mut unknown = false;
    for k in kinds {
        // [`Case::step`] without collecting the records: the earliest date (the first record
        // of several on the same day), else undated.
        let mut present = false;
        let mut first: Option<(NaiveDate, &Document)> = None;
        for d in case.documents.iter().filter(|d| d.is_kind(k)) {
            present = true;
            if let Some(v) = d.date.value() {
                if first.is_none_or(|(f, _)| *v < f) {
                    first = Some((*v, d));
                }
            }
        }
        if present {
            return first.map_or(StepDate::Undated, |(v, d)| StepDate::Dated(v, d));
        }
        if !case.covers(k) {
            unknown = true;
        }
    }
    if unknown {
        StepDate::Unknown
    } else {
        StepDate::Missing
    }
}

/// Whether a step has a record, as [`Case::step`] says, without collecting the records.
fn status(case: &Case, kind: &str) -> Step<'static> {
    if case.docs(kind).next().is_some() {
        Step::Present(Vec::new())
    } else if case.covers(kind) {
        Step::Missing
    } else {
        Step::Unknown
    }
}

/// Short name of a step for messages: `决定` / `decision`.
pub fn label(ctx: &Ctx, kind: &str) -> String {
    match ctx.kb.procedures.labels.get(kind) {
        Some(t) => t.get(ctx.lang).to_string(),
        None => ctx.kb.aliases.documents.name(kind).to_string(),
    }
}

/// The input a rule lacks, as the ledger names it: `告知日期`.
pub fn date_input(ctx: &Ctx, kind: &str) -> String {
    // Built by hand: a ledger run names a missing date for most cases and rules.
    let zh: &str = match ctx.kb.procedures.labels.get(kind) {
        Some(t) => &t.zh,
        None => ctx.kb.aliases.documents.name(kind),
    };
    let mut s = String::with_capacity(zh.len() + "日期".len());
    s.push_str(zh);
    s.push_str("日期");
    s
}

/// Where a finding about a record goes: its date's place, else the record.
pub fn place_of(doc: &Document) -> Place {
    doc.date.at().cloned().unwrap_or_else(|| doc.at.clone())
}

/// Collects "not checkable" per rule so each rule × case counts once.
#[derive(Default)]
pub struct Unchecked(Vec<(&'static Info, String)>);

impl Unchecked {
    pub fn add(&mut self, info: &'static Info, input: impl Into<String>) {
        self.add_with(info, || input.into());
    }
    /// [`Unchecked::add`] that names the input only when the rule is not yet recorded.
    pub fn add_with(&mut self, info: &'static Info, input: impl FnOnce() -> String) {
        if !self.0.iter().any(|(i, _)| i.code == info.code) {
            self.0.push((info, input()));
        }
    }
    pub fn flush(self, out: &mut Emitter) {
        for (info, input) in self.0 {
            out.not_checkable(info, input);
        }
    }
}

/// Pushes a finding under an entry's rule, with the entry's own severity, basis and fix.
fn push(
    h: &Head,
    ctx: &Ctx,
    case: &Case,
    out: &mut Emitter,
    place: Place,
    subject: String,
    message: String,
) {
    out.push(h.info, ctx, case, place, subject, message);
    if let Some(f) = out.findings.last_mut() {
        f.severity = h.severity;
        f.basis = h.basis.get(ctx.lang).to_string();
        f.help = h.fix.get(ctx.lang).to_string();
    }
}

/// Runs the entries of `section` reported under `code`; the section's host rule (P001 for
/// required steps, P002 for order, P003 for deadlines) also runs the entries whose code is not
/// a built-in rule, so a brigade's own rule files need no code.
pub fn run(section: Section, code: &str, case: &Case, ctx: &Ctx, out: &mut Emitter) {
    let p = &ctx.kb.procedures;
    let builtin = crate::rules::is_builtin;
    let mine = |c: &str| c == code || (code == host(section) && !builtin(c));
    let mut nc = Unchecked::default();
    match section {
        Section::Required => {
            for r in p.required.iter().filter(|r| mine(&r.head.code)) {
                required(r, case, ctx, out, &mut nc);
            }
        }
        Section::Order => {
            for o in p.order.iter().filter(|o| mine(&o.head.code)) {
                order(o, case, ctx, out, &mut nc);
            }
        }
        Section::Deadline => {
            for d in p.deadlines.iter().filter(|d| mine(&d.head.code)) {
                deadline(d, case, ctx, out, &mut nc);
            }
        }
    }
    nc.flush(out);
}

fn required(r: &spec::Required, case: &Case, ctx: &Ctx, out: &mut Emitter, nc: &mut Unchecked) {
    let applies = match r.procedure {
        ProcKind::General => case.is_general(),
        ProcKind::Summary => case.is_summary(),
        ProcKind::Any => true,
    };
    if !applies {
        return;
    }
    if !r.when_present.is_empty()
        && !r
            .when_present
            .iter()
            .any(|k| matches!(status(case, k), Step::Present(_)))
    {
        return;
    }
    let mut unknown = None;
    for k in &r.any_of {
        match status(case, k) {
            Step::Present(_) => return,
            Step::Unknown => unknown = unknown.or(Some(k)),
            Step::Missing => {}
        }
    }
    // Before the 2021 law a 受案 or other discovery record stands in (no 立案 then); with no
    // date to place the case in an era, a stand-in on file leaves the question open.
    if r.old_law_any_of
        .iter()
        .any(|k| matches!(status(case, k), Step::Present(_)))
    {
        match old_law_case(case, &ctx.kb.settings) {
            Some(true) => return,
            Some(false) => {}
            None => return nc.add(r.head.info, "受案日期"),
        }
    }
    if let Some(k) = unknown {
        nc.add_with(r.head.info, || match &r.label {
            Some(l) => l.zh.clone(),
            None => date_input(ctx, k),
        });
        return;
    }
    let name = match &r.label {
        Some(l) => l.get(ctx.lang).to_string(),
        None => r
            .any_of
            .iter()
            .map(|k| label(ctx, k))
            .collect::<Vec<_>>()
            .join(" / "),
    };
    let message = crate::msg!(ctx, "案卷缺少{}", "the file has no {} record", name);
    push(
        &r.head,
        ctx,
        case,
        out,
        case.at.clone(),
        r.step.clone(),
        message,
    );
}

/// Whether the case was first recorded before the 2021 行政处罚法 (its earliest dated record);
/// `None` when no record is dated.
pub fn old_law_case(case: &Case, settings: &Settings) -> Option<bool> {
    // The case is first recorded by its discovery records (受案, 立案, inspection, 发现日期); an
    // earlier order to correct from another matter does not make it an old-law case.
    let discovery = ["acceptance", "filing", "inspection"]
        .iter()
        .filter_map(|k| case.first_date(k))
        .chain(case.violation.found_date.value().copied())
        .min();
    let first = match discovery {
        Some(d) => d,
        None => case
            .documents
            .iter()
            .filter_map(|d| d.date.value().copied())
            .min()?,
    };
    let cut = settings.date("law.xzcf_2021_from")?;
    Some(first < cut)
}

fn order(o: &spec::Order, case: &Case, ctx: &Ctx, out: &mut Emitter, nc: &mut Unchecked) {
    let mut first = step_date(case, std::slice::from_ref(&o.first));
    if matches!(first, StepDate::Missing | StepDate::Unknown)
        && !o.old_law_first.is_empty()
        && old_law_case(case, &ctx.kb.settings) == Some(true)
    {
        first = step_date(case, &o.old_law_first);
    }
    if o.new_law_only {
        match (&first, ctx.kb.settings.date("law.xzcf_2021_from")) {
            (StepDate::Dated(d, _), Some(cut)) if *d >= cut => {}
            (StepDate::Dated(..), _) => return,
            _ => {}
        }
    }
    let then = step_date(case, std::slice::from_ref(&o.then));
    let (a, first_kind, b, doc) = match (&first, &then) {
        (StepDate::Missing, _) | (_, StepDate::Missing) => return,
        (StepDate::Dated(a, fd), StepDate::Dated(b, d)) => {
            (*a, fd.kind.as_deref().unwrap_or_default(), *b, *d)
        }
        (StepDate::Dated(..), _) => return nc.add_with(o.head.info, || date_input(ctx, &o.then)),
        _ => return nc.add_with(o.head.info, || date_input(ctx, &o.first)),
    };
    let bad = if o.strict { b <= a } else { b < a };
    if !bad {
        return;
    }
    let (lf, lt) = (label(ctx, first_kind), label(ctx, &o.then));
    let message = if b == a {
        match ctx.lang {
            Lang::Zh => format!("{lt}日期 {b} 与{lf}日期同日，{lt}应晚于{lf}"),
            Lang::En => format!("{lt} on {b}, the same day as the {lf}; it must come later"),
        }
    } else {
        crate::msg!(
            ctx,
            "{}日期 {} 早于{}日期 {}（程序倒置）",
            "{} on {} is before the {} on {} (steps out of order)",
            lt,
            b,
            lf,
            a
        )
    };
    push(
        &o.head,
        ctx,
        case,
        out,
        place_of(doc),
        format!("{}<{}", o.first, o.then),
        message,
    );
}

/// A yes/no answer that may be unknown for lack of an input (named as the ledger names it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    Yes,
    No,
    Unknown(&'static str),
}

/// The decision's penalty kinds, or why they are unknown.
fn kinds_of(case: &Case) -> Result<Vec<&str>, &'static str> {
    let d = case.decision().ok_or("决定")?;
    match &d.penalties {
        Field::Value { .. } => Ok(case.penalty_kinds()),
        Field::Empty { .. } => Ok(Vec::new()),
        _ => Err("处罚种类"),
    }
}

/// The date that picks the hearing era: the notice's (hearing-right notice, else 告知), else
/// the decision's.
pub fn hearing_era_date(case: &Case) -> Option<NaiveDate> {
    case.first_date("hearing_right_notice")
        .or_else(|| case.first_date("notice"))
        .or_else(|| case.decision().and_then(|d| d.date.value().copied()))
}

/// The hearing thresholds (个人, 单位) in force on `date` as ranges `(low, high)`: a fine at or
/// above `high` reaches it, below `low` does not, in between the sources disagree (not
/// checkable). Before the fire era the 公安 rule art. 123 binds (2,000 / 10,000); from it the
/// unit value is 10,000 or 30,000 until a jurisdiction configures it.
fn thresholds(settings: &Settings, date: NaiveDate) -> Option<[(Money, Money); 2]> {
    let fire_from = settings.date("hearing.fire_era_from")?;
    if date < fire_from {
        let i = settings.money("hearing.fine_threshold.individual.police_era", Some(date))?;
        let u = settings.money("hearing.fine_threshold.unit.police_era", Some(date))?;
        return Some([(i, i), (u, u)]);
    }
    let i = settings.money("hearing.fine_threshold.individual", Some(date))?;
    let u = settings.money("hearing.fine_threshold.unit", Some(date))?;
    if settings.configured("hearing.fine_threshold.unit") {
        return Some([(i, i), (u, u)]);
    }
    let alt = settings
        .money("hearing.fine_threshold.unit.alternative", Some(date))
        .unwrap_or(u);
    Some([(i, i), (u.min(alt), u.max(alt))])
}

/// Whether the fine rests on a local regulation (setting `hearing.local_laws`): its hearing
/// threshold is then the local one (公安 rule art. 123 ¶2), never the national default.
fn fine_under_local_law(case: &Case, ctx: &Ctx) -> bool {
    let local = ctx.kb.settings.list("hearing.local_laws");
    if local.is_empty() {
        return false;
    }
    match crate::rules::basis::read(case, ctx) {
        crate::rules::basis::Read::Read(r) => r.citations.iter().any(|(c, _)| {
            c.law_id
                .as_deref()
                .is_some_and(|l| local.iter().any(|x| x == l))
        }),
        _ => false,
    }
}

/// Whether the decision's fine reaches the hearing threshold for the party's kind, in the era
/// of the notice date.
fn fine_reaches_threshold(case: &Case, ctx: &Ctx) -> Need {
    let settings = &ctx.kb.settings;
    let Some(d) = case.decision() else {
        return Need::Unknown("决定");
    };
    let has_fine = d
        .penalties
        .value()
        .is_some_and(|ps| ps.iter().any(|p| p.kind == "fine"));
    if !has_fine {
        return Need::No;
    }
    let Some(fine) = case.fine() else {
        return Need::Unknown("罚款金额");
    };
    let Some(date) = hearing_era_date(case) else {
        return Need::Unknown("告知日期");
    };
    let local = fine_under_local_law(case, ctx);
    let configured = settings.configured("hearing.local_fine_threshold.individual")
        && settings.configured("hearing.local_fine_threshold.unit");
    let local_th = |n: &str| settings.money(n, Some(date)).map(|m| (m, m));
    let [ti, tu] = match (local, configured) {
        // No local threshold was found for any province: configured, or not checkable.
        (true, false) => return Need::Unknown("地方听证标准"),
        (true, true) => match (
            local_th("hearing.local_fine_threshold.individual"),
            local_th("hearing.local_fine_threshold.unit"),
        ) {
            (Some(i), Some(u)) => [i, u],
            _ => return Need::Unknown("地方听证标准"),
        },
        (false, _) => match thresholds(settings, date) {
            Some(t) => t,
            None => return Need::Unknown("听证标准"),
        },
    };
    let reach = |(lo, hi): (Money, Money)| {
        if fine >= hi {
            Need::Yes
        } else if fine < lo {
            Need::No
        } else {
            Need::Unknown("单位听证标准")
        }
    };
    match case.party.kind.value() {
        Some(PartyKind::Individual) => reach(ti),
        Some(PartyKind::Unit) => reach(tu),
        None if fine >= ti.1.max(tu.1) => Need::Yes,
        None if fine < ti.0.min(tu.0) => Need::No,
        None => Need::Unknown("当事人类型"),
    }
}

/// Whether the penalty required telling of the hearing right (行政处罚法 art. 63): a listed
/// penalty kind, or a fine at or above the threshold (settings).
pub fn hearing_required(case: &Case, ctx: &Ctx) -> Need {
    let settings = &ctx.kb.settings;
    let kinds = match kinds_of(case) {
        Ok(k) => k,
        Err(input) => return Need::Unknown(input),
    };
    let listed = settings.list("hearing.penalty_kinds");
    if kinds.iter().any(|k| listed.iter().any(|l| l == k)) {
        return Need::Yes;
    }
    match fine_reaches_threshold(case, ctx) {
        // 没收较大数额违法所得 (2021 art. 63(二)): no source gives the amount.
        Need::No if kinds.contains(&"confiscate_gains") => Need::Unknown("没收违法所得数额标准"),
        n => n,
    }
}

/// Whether the decision is "major" (settings `major.*`): 责令停产停业/停止使用 etc., or a fine at or
/// above the hearing threshold.
pub fn is_major(case: &Case, ctx: &Ctx) -> Need {
    let settings = &ctx.kb.settings;
    let kinds = match kinds_of(case) {
        Ok(k) => k,
        Err(input) => return Need::Unknown(input),
    };
    let listed = settings.list("major.penalty_kinds");
    if kinds.iter().any(|k| listed.iter().any(|l| l == k)) {
        return Need::Yes;
    }
    if settings.flag("major.fine_at_hearing_threshold") == Some(true) {
        fine_reaches_threshold(case, ctx)
    } else {
        Need::No
    }
}

/// Whether the file shows the party was told of the hearing right: a 听证告知书, a notice whose
/// rights include 听证, or a later hearing step. `No` needs evidence: a notice whose rights are
/// read and lack 听证 (or no notice at all) and no 听证告知书 where the source covers it.
pub fn hearing_told(case: &Case) -> Need {
    let later = [
        "hearing_right_notice",
        "hearing_request",
        "hearing_notice",
        "hearing",
        "hearing_waiver",
    ];
    if later
        .iter()
        .any(|k| matches!(status(case, k), Step::Present(_)))
    {
        return Need::Yes;
    }
    let notices: Vec<&Document> = case.docs("notice").collect();
    if notices.iter().any(|n| {
        n.rights
            .value()
            .is_some_and(|r| r.iter().any(|x| x.contains("听证")))
    }) {
        return Need::Yes;
    }
    let notice_silent = match case.step("notice") {
        Step::Missing => true,
        Step::Present(ns) => ns.iter().all(|n| n.rights.value().is_some()),
        Step::Unknown => false,
    };
    match (notice_silent, status(case, "hearing_right_notice")) {
        (true, Step::Missing) => Need::No,
        (false, _) => Need::Unknown("告知权利"),
        _ => Need::Unknown("听证告知日期"),
    }
}

/// Holidays (days off named in the calendar) strictly after `from` up to `to`, for messages.
fn holidays_between(ctx: &Ctx, from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut d = from;
    for _ in 0..400 {
        let Some(n) = d.succ_opt() else { break };
        d = n;
        if d > to {
            break;
        }
        if let Some(s) = ctx.kb.calendar.special_day(d) {
            if s.off && !names.contains(&s.name) {
                names.push(s.name.clone());
            }
        }
    }
    names
}

/// The count of days between two dates in the period's unit, for messages.
pub fn count(ctx: &Ctx, period: Period, from: NaiveDate, to: NaiveDate) -> Option<(i64, String)> {
    match period {
        Period::WorkingDays(_) => ctx
            .kb
            .calendar
            .working_days_between(from, to)
            .map(|n| (n, ctx.lang.pick(" 个工作日", " working days").to_string())),
        _ => Some((
            (to - from).num_days(),
            ctx.lang.pick(" 日", " days").to_string(),
        )),
    }
}

fn deadline(d: &spec::Deadline, case: &Case, ctx: &Ctx, out: &mut Emitter, nc: &mut Unchecked) {
    let info = d.head.info;
    // A deadline of one procedure says nothing of a case known to follow the other; a case
    // whose procedure is unknown is judged when its dates are there.
    let other = match d.procedure {
        ProcKind::General => case.is_summary(),
        ProcKind::Summary => case.is_general(),
        ProcKind::Any => false,
    };
    if other {
        return;
    }
    if let Some(When::HearingApplies) = d.when {
        let told = hearing_told(case);
        if told != Need::Yes {
            match hearing_required(case, ctx) {
                Need::Yes => {}
                Need::No => return,
                Need::Unknown(input) => return nc.add(info, input),
            }
        }
    }
    let (from, to, to_doc) = match (step_date(case, &d.from), step_date(case, &d.to)) {
        (StepDate::Missing, _) | (_, StepDate::Missing) => return,
        (StepDate::Dated(a, _), StepDate::Dated(b, doc)) => (a, b, doc),
        (StepDate::Dated(..), _) => return nc.add_with(info, || date_input(ctx, &d.to[0])),
        _ => return nc.add_with(info, || date_input(ctx, &d.from[0])),
    };
    let Some(mut period) = d.period_on(from, &ctx.kb.settings) else {
        return;
    };
    // Excusing records: any present excuses; an unknown one leaves the question open.
    let mut open: Option<String> = None;
    for k in &d.unless {
        match status(case, k) {
            // A step counts where it stands: one dated after the decision is P002's business.
            Step::Present(_) if d.unless_dated.contains(k) => {
                let mut undated = false;
                for doc in case.docs(k) {
                    match doc.date.value() {
                        Some(v) if *v <= to => return,
                        Some(_) => {}
                        None => undated = true,
                    }
                }
                if undated {
                    open = open.or_else(|| Some(date_input(ctx, k)));
                }
            }
            Step::Present(_) => return,
            Step::Unknown => open = open.or_else(|| Some(date_input(ctx, k))),
            Step::Missing => {}
        }
    }
    for k in &d.extend_by {
        match case.step(k) {
            Step::Present(docs) => {
                let mut extra = 0u32;
                for doc in docs {
                    match doc.days.value() {
                        Some(n) => extra += n,
                        None => open = open.or_else(|| Some(format!("{}天数", label(ctx, k)))),
                    }
                }
                if let Period::CalendarDays(n) = period {
                    period = Period::CalendarDays(n + extra);
                }
            }
            Step::Unknown => open = open.or_else(|| Some(date_input(ctx, k))),
            Step::Missing => {}
        }
    }
    let end = match period.end_after(&ctx.kb.calendar, from) {
        Some(e) => e,
        None => {
            // A calendar-day limit already met needs no holiday data.
            if let (Period::CalendarDays(n), Must::ByEnd) = (period, d.must) {
                if from
                    .checked_add_days(chrono::Days::new(u64::from(n)))
                    .is_some_and(|p| to <= p)
                {
                    return;
                }
            }
            return nc.add(info, "工作日历");
        }
    };
    let bad = match d.must {
        Must::ByEnd => to > end,
        Must::AfterEnd => to <= end,
        Must::OnOrAfterEnd => to < end,
    };
    if !bad {
        return;
    }
    if let Some(input) = open {
        return nc.add(info, input);
    }
    let (lf, lt) = (
        label(ctx, &d.used_from_kind(case)),
        label(ctx, &d.used_to_kind(case)),
    );
    let plabel = period.label(ctx.lang);
    let n = count(ctx, period, from, to).map(|(n, unit)| format!("{n}{unit}"));
    let n = n.unwrap_or_else(|| {
        ctx.lang
            .pick("若干日", "an unknown number of days")
            .to_string()
    });
    let note = if matches!(period, Period::WorkingDays(_)) {
        let h = holidays_between(ctx, from, to.min(end));
        if h.is_empty() {
            String::new()
        } else {
            crate::msg!(ctx, "，期间含{}", "; the period includes {}", h.join("、"))
        }
    } else {
        String::new()
    };
    let message = match (d.must, ctx.lang) {
        (Must::ByEnd, Lang::Zh) => {
            format!("{lt}日期 {to} 距{lf}日期 {from} 已 {n}，超过 {plabel}（期限至 {end}{note}）")
        }
        (Must::ByEnd, Lang::En) => format!(
            "{lt} on {to}, {n} after the {lf} on {from}; the limit is {plabel} (it ended on {end}{note})"
        ),
        (Must::AfterEnd, Lang::Zh) => {
            format!("{lt}日期 {to} 距{lf}日期 {from} 仅 {n}，{plabel}期间（至 {end}{note}）尚未届满")
        }
        (Must::AfterEnd, Lang::En) => format!(
            "{lt} on {to}, only {n} after the {lf} on {from}; the {plabel} period ran until {end}{note}"
        ),
        (Must::OnOrAfterEnd, Lang::Zh) => {
            format!("{lt}日期 {to} 距{lf}日期 {from} 仅 {n}，不足 {plabel}（最早应为 {end}{note}）")
        }
        (Must::OnOrAfterEnd, Lang::En) => format!(
            "{lt} on {to}, only {n} after the {lf} on {from}; at least {plabel} are required (the earliest day is {end}{note})"
        ),
    };
    push(
        &d.head,
        ctx,
        case,
        out,
        place_of(to_doc),
        format!("{}->{}", d.used_from_kind(case), d.used_to_kind(case)),
        message,
    );
}

impl spec::Deadline {
    /// The `from` kind actually used for this case (the first with a record).
    fn used_from_kind(&self, case: &Case) -> String {
        first_present(case, &self.from)
    }
    fn used_to_kind(&self, case: &Case) -> String {
        first_present(case, &self.to)
    }
}

fn first_present(case: &Case, kinds: &[String]) -> String {
    kinds
        .iter()
        .find(|k| case.docs(k).next().is_some())
        .or(kinds.first())
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Coverage;
    use crate::rules::testutil::*;

    /// `step_date` and `status`, which do not collect the records, say what [`Case::step`] says:
    /// the first present kind, its earliest date (the first record of a day), else undated;
    /// missing only when the source covers every kind.
    #[test]
    fn step_date_and_status_follow_case_step() {
        let reference = |case: &Case, kinds: &[String]| -> (String, Option<Place>) {
            let mut unknown = false;
            for k in kinds {
                match case.step(k) {
                    Step::Present(docs) => {
                        let first = docs
                            .iter()
                            .filter_map(|d| d.date.value().map(|v| (*v, *d)))
                            .min_by_key(|(v, _)| *v);
                        return match first {
                            Some((v, d)) => (format!("dated {v}"), Some(d.at.clone())),
                            None => ("undated".into(), None),
                        };
                    }
                    Step::Unknown => unknown = true,
                    Step::Missing => {}
                }
            }
            (if unknown { "unknown" } else { "missing" }.into(), None)
        };
        let mine = |case: &Case, kinds: &[String]| match step_date(case, kinds) {
            StepDate::Dated(v, d) => (format!("dated {v}"), Some(d.at.clone())),
            StepDate::Undated => ("undated".into(), None),
            StepDate::Missing => ("missing".into(), None),
            StepDate::Unknown => ("unknown".into(), None),
        };
        let cases = [
            CaseBuilder::general("A")
                .doc("notice", "2022-03-05")
                .doc("notice", "2022-03-01")
                .doc("notice", "2022-03-01")
                .doc("notice", "")
                .doc("hearing", "")
                .doc("hearing", "?")
                .build(),
            CaseBuilder::ledger("B", &["notice", "hearing"])
                .doc("decision", "2022-04-01")
                .build(),
            CaseBuilder::general("C").coverage(Coverage::None).build(),
        ];
        let kinds: Vec<Vec<String>> = [
            &["notice"][..],
            &["hearing"],
            &["hearing", "notice"],
            &["decision"],
            &["inquiry", "notice"],
            &["inquiry"],
            &["inquiry", "hearing"],
            &[],
        ]
        .iter()
        .map(|ks| ks.iter().map(|k| k.to_string()).collect())
        .collect();
        for (i, case) in cases.iter().enumerate() {
            for ks in &kinds {
                assert_eq!(mine(case, ks), reference(case, ks), "case {i} {ks:?}");
                for k in ks {
                    let want = format!("{:?}", case.step(k))
                        .split('(')
                        .next()
                        .map(String::from);
                    let got = format!("{:?}", status(case, k))
                        .split('(')
                        .next()
                        .map(String::from);
                    assert_eq!(got, want, "case {i} {k}");
                }
            }
        }
        // The first of two records on the earliest day is the one reported.
        let (_, at) = mine(&cases[0], &kinds[0]);
        assert_eq!(at, Some(cases[0].documents[1].at.clone()));
    }

    // The procedure data's loader (crate::knowledge::procedures) with the built-in rules.
    #[test]
    fn shipped_procedures_load() {
        let p = &kb().procedures;
        assert_eq!(p.required.len(), 5);
        assert!(p.deadlines.iter().any(|d| d.head.code == "P003"));
        assert!(p.extra_infos().is_empty());
        let p005 = p.deadlines.iter().find(|d| d.head.code == "P005").unwrap();
        let s = crate::knowledge::settings::Settings::shipped();
        let d = |x: &str| NaiveDate::parse_from_str(x, "%Y-%m-%d").unwrap();
        assert_eq!(
            p005.period_on(d("2021-07-14"), &s),
            Some(Period::CalendarDays(3))
        );
        assert_eq!(
            p005.period_on(d("2021-07-15"), &s),
            Some(Period::WorkingDays(5))
        );
        let p003 = p.deadlines.iter().find(|d| d.head.code == "P003").unwrap();
        assert_eq!(
            p003.period_on(d("2021-07-14"), &s),
            None,
            "no 90-day limit in the old law"
        );
        let p007 = p.deadlines.iter().find(|d| d.head.code == "P007").unwrap();
        assert_eq!(
            p007.period_on(d("2022-01-01"), &s),
            Some(Period::WorkingDays(3))
        );
    }

    #[test]
    fn bad_file_reports_every_error_with_lines() {
        let text = r#"
[[required]]
code = "P001"
procedure = "general"
any_of = ["filing", "seizur"]
severity = "error"
basis = { zh = "x", en = "x" }
fix = { zh = "x", en = "x" }

[[deadline]]
code = "P010"
from = ["decision"]
to = ["service"]
must = "by_end"
severity = "error"
basis = { zh = "x", en = "x" }
fix = { zh = "x", en = "x" }
periods = [ { period = "7 days" } ]
"#;
        let aliases = crate::knowledge::aliases::Aliases::shipped();
        let errs = crate::knowledge::procedures::Procedures::load(
            &[("p.toml".into(), text.into())],
            &aliases.documents,
            Some(&crate::knowledge::settings::Settings::shipped()),
            &crate::rules::builtin_infos(),
        )
        .unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].starts_with("p.toml:5:21:") && msgs[0].contains("seizur"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].starts_with("p.toml:18:") && msgs[1].contains("bad period"),
            "{msgs:?}"
        );
    }

    #[test]
    fn unknown_key_and_new_code_need_a_name() {
        let aliases = crate::knowledge::aliases::Aliases::shipped();
        let text = "[[order]]\ncode = \"P002\"\nfirst = \"filing\"\nthen = \"notice\"\nseverity = \"error\"\nbasis = { zh = \"x\", en = \"x\" }\nfix = { zh = \"x\", en = \"x\" }\nsoon = true\n";
        let errs = crate::knowledge::procedures::Procedures::load(
            &[("o.toml".into(), text.into())],
            &aliases.documents,
            None,
            &crate::rules::builtin_infos(),
        )
        .unwrap_err();
        assert_eq!((errs[0].line, errs[0].col), (8, 1), "{errs:?}");
        let text = "[[required]]\ncode = \"X001\"\nany_of = [\"collective_discussion\"]\nseverity = \"warning\"\nbasis = { zh = \"x\", en = \"x\" }\nfix = { zh = \"x\", en = \"x\" }\n";
        let errs = crate::knowledge::procedures::Procedures::load(
            &[("n.toml".into(), text.into())],
            &aliases.documents,
            None,
            &crate::rules::builtin_infos(),
        )
        .unwrap_err();
        assert!(errs[0].message.contains("name"), "{errs:?}");
    }
}
