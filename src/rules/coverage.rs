//! The per-case part of what an export carries (formats §4): a case's cohort, the facts it
//! carries ([`fact_label`] names them for F009), its coverage record, its export key, the
//! preparation a layout's declarations make and the run of the checks on it (ledger blanks marked
//! 台账未记载). The run-level part (per-export counts and the inferred-coverage recheck) is
//! the scan's coverage submodule. Uses config, knowledge, law, model and the rules.

use crate::config::Layout;
use crate::finding::{Evidence, Finding, Lang, Place};
use crate::model::coverage::{CaseCoverage, Facts};
use crate::model::{Case, Field, SourceKind};
use crate::rules::{Check, Ctx, Emitter};
use std::collections::HashSet;

/// Procedure kind (general, summary, unknown) × law era (before, from the 2021 行政处罚法, or
/// unknown): a 当场 decision before 2021-07-15 did not have to state the remedy, so a field one
/// cohort writes says nothing about another.
pub fn cohort(case: &Case, ctx: &Ctx) -> u8 {
    let kind = if case.is_summary() {
        1
    } else if case.is_general() {
        0
    } else {
        2
    };
    let era = match (
        case.decision().and_then(|d| d.date.value().copied()),
        ctx.kb.settings.date("law.xzcf_2021_from"),
    ) {
        (Some(d), Some(cut)) if d < cut => 0,
        (Some(_), Some(_)) => 1,
        _ => 2,
    };
    kind * 3 + era
}

impl CaseCoverage {
    pub fn of(
        case: &Case,
        ctx: &Ctx,
        no_infer: u16,
        not_checkable: &[(&'static str, String)],
    ) -> CaseCoverage {
        let (written, applies) = case.export_fields();
        let unchecked = crate::model::coverage::unchecked_list(not_checkable);
        CaseCoverage {
            export: 0,
            cohort: cohort(case, ctx),
            written,
            applies,
            no_infer,
            inferred: 0,
            decision_only: case.is_decision_only(),
            unchecked,
            facts: if ctx.keep_facts {
                facts(case, &ctx.kb.laws)
            } else {
                Facts::default()
            },
            also: Vec::new(),
        }
    }
}

/// The steps whose dates F009 compares, with their labels (as a ledger names the column).
/// Sorted by key: a case's facts list the steps in this order (a test holds it).
const FACT_STEPS: [(&str, &str, &str); 11] = [
    ("closing", "结案日期", "closing date"),
    (
        "collective_discussion",
        "集体讨论日期",
        "collective discussion date",
    ),
    ("decision", "决定日期", "decision date"),
    ("filing", "立案日期", "filing date"),
    ("hearing", "听证日期", "hearing date"),
    ("hearing_notice", "听证通知日期", "hearing notice date"),
    ("legal_review", "法制审核日期", "legal review date"),
    ("notice", "告知日期", "notice date"),
    ("payment", "缴款日期", "payment date"),
    ("service", "送达日期", "service date"),
    ("summary_decision", "决定日期", "decision date"),
];

/// A fact's name for F009's message.
pub fn fact_label(key: &str, lang: Lang) -> &'static str {
    let (zh, en) = match key {
        "fine" => ("罚款金额", "fine"),
        "basis" => ("处罚依据", "basis"),
        "decision_no" => ("决定书文号", "decision number"),
        "party" => ("当事人", "party"),
        "party_id" => ("当事人证件号码", "party's code or ID"),
        k => FACT_STEPS
            .iter()
            .find(|(s, _, _)| *s == k)
            .map_or(("日期", "date"), |(_, zh, en)| (*zh, *en)),
    };
    lang.pick(zh, en)
}

/// The facts F009 compares: the first date of each step, the fine, the party, the basis and
/// the decision number, each with its place. Encoded as they are found: most runs never
/// compare them (only a case in both a file and a ledger, or with a decision document, is).
fn facts(case: &Case, laws: &crate::law::laws::Laws) -> Facts {
    let norm = crate::text::compact;
    // The earliest date of each step (the first record of several on that day).
    let mut first: [Option<(chrono::NaiveDate, &Place)>; FACT_STEPS.len()] =
        [None; FACT_STEPS.len()];
    for d in &case.documents {
        let (Some(kind), Some(date)) = (d.kind.as_deref(), d.date.value()) else {
            continue;
        };
        let Some(i) = FACT_STEPS.iter().position(|(k, _, _)| *k == kind) else {
            continue;
        };
        if first[i].is_none_or(|(f, _)| *date < f) {
            first[i] = Some((*date, d.date.at().unwrap_or(&d.at)));
        }
    }
    Facts::build(|out| {
        for ((kind, _, _), step) in FACT_STEPS.iter().zip(first) {
            if let Some((date, at)) = step {
                out.push(kind, &date_text(date), at);
            }
        }
        if let Some(d) = case.decision() {
            if let Some(fine) = case.fine() {
                let at = d
                    .penalties
                    .value()
                    .and_then(|ps| ps.iter().find(|p| p.kind == "fine"))
                    .map(|p| p.amount.at().unwrap_or(&p.at))
                    .unwrap_or(&d.at);
                out.push("fine", &fine.to_string(), at);
            }
            if let Some(b) = d.basis.value().filter(|b| !b.is_empty()) {
                let value = match b.as_slice() {
                    [one] => basis_fact(&one.value, laws),
                    _ => {
                        let text: Vec<&str> = b.iter().map(|l| l.value.as_str()).collect();
                        basis_fact(&text.join("；"), laws)
                    }
                };
                out.push("basis", &value, &b[0].at);
            }
            if let Field::Value { value, at } = &d.no {
                out.push("decision_no", &norm(value), at);
            }
        }
        if let Field::Value { value, at } = &case.party.name {
            out.push("party", &norm(value), at);
        }
        let id = match (&case.party.credit_code, &case.party.id_number) {
            (Field::Value { value, at }, _) | (_, Field::Value { value, at }) => Some((value, at)),
            _ => None,
        }
        // A masked number (a published record) says nothing against the full one.
        .filter(|(v, _)| !crate::law::ids::is_masked(v));
        if let Some((value, at)) = id {
            out.push("party_id", &norm(value).to_uppercase(), at);
        }
    })
}

/// `date.to_string()` (`2022-03-01`) without the formatting machinery, for the years 0–9999.
fn date_text(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let y = date.year();
    if !(0..=9999).contains(&y) {
        return date.to_string();
    }
    let (y, m, d) = (y as u32, date.month(), date.day());
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let mut s = String::with_capacity(10);
    for c in [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(d / 10),
        digit(d),
    ] {
        s.push(c);
    }
    s
}

/// The basis fact of a decision's (joined) basis text: the provisions, not their wording
/// (《消防法》第六十条第一款第（三）项 and 《中华人民共和国消防法》第六十条第一款第三项 are one
/// basis). The same texts recur across a year of cases, so the answer is kept per thread
/// ([`crate::law::citation::TextMemo`]: bounded, and keyed by the law registry too).
fn basis_fact(text: &str, laws: &crate::law::laws::Laws) -> String {
    use crate::law::citation::TextMemo;
    thread_local! {
        static CACHE: std::cell::RefCell<TextMemo<String>> = Default::default();
    }
    CACHE.with(|c| {
        TextMemo::get_or(c, laws, text, || {
            let parsed = crate::law::citation::parse_basis_cached(text, laws);
            if parsed.citations.is_empty() || !parsed.unparsed.is_empty() {
                return crate::text::compact(text);
            }
            let mut cites: Vec<String> = parsed
                .citations
                .iter()
                .map(|c| c.display_zh_in(laws))
                .collect();
            cites.sort();
            cites.dedup();
            cites.join("；")
        })
    })
}

/// The export a case belongs to: its folder and format, or its ledger file and sheet.
pub fn export_key(case: &Case) -> String {
    match (case.source, &case.at) {
        (SourceKind::Ledger, Place::Cell { sheet, .. }) => format!("ledger:{}!{sheet}", case.file),
        (SourceKind::Ledger, _) => format!("ledger:{}", case.file),
        (SourceKind::Xml | SourceKind::Document, _) => {
            let dir = std::path::Path::new(&case.file)
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            let kind = if case.source == SourceKind::Xml {
                "xml"
            } else {
                "document"
            };
            format!("{kind}:{}", if dir.is_empty() { "." } else { &dir })
        }
    }
}

/// Applies the declarations and settles a decision-only record, before any check runs.
/// Returns the field bits declared unknown.
pub fn prepare(case: &mut Case, layout: &Layout) -> u16 {
    let mut declared_docs = false;
    let mut no_infer = 0;
    if layout.exports.is_empty() {
        case.settle_coverage();
        return 0;
    }
    let file = case.file.clone();
    for d in layout.exports_for(&file) {
        if let Some(kinds) = &d.kinds {
            declared_docs = true;
            if let Some(k) = kinds {
                case.restrict_kinds(k);
            }
        }
        for f in &d.never {
            case.forget(*f);
            no_infer |= f.bit();
        }
        for f in &d.sometimes {
            case.forget_blank(*f);
            no_infer |= f.bit();
        }
    }
    if !declared_docs {
        case.settle_coverage();
    }
    no_infer
}

/// Runs the checks on a case. On a ledger row, a finding that would not be there if the row's
/// blank cells were unknown rests only on them: it is marked 台账未记载.
///
/// Only the checks that found something are asked again: a check reads the case alone (never
/// another check's findings), and every code is one check's, so the others cannot change what
/// is kept. A ledger row with a finding or two used to cost every check twice.
pub fn run_checks(case: &Case, ctx: &Ctx, checks: &[&dyn Check]) -> Emitter {
    let mut em = Emitter::default();
    let mut found: Vec<&dyn Check> = Vec::new();
    for check in checks {
        let before = em.findings.len();
        check.check(case, ctx, &mut em);
        if em.findings.len() > before {
            found.push(*check);
        }
    }
    if case.source == SourceKind::Ledger && !found.is_empty() {
        let mut unblank = case.clone();
        unblank.blanks_unknown();
        if unblank != *case {
            let mut other = Emitter::default();
            for check in &found {
                check.check(&unblank, ctx, &mut other);
            }
            let kept: HashSet<(&str, &str)> = other
                .findings
                .iter()
                .map(|f| (f.code.as_str(), f.subject.as_str()))
                .collect();
            for f in &mut em.findings {
                if !kept.contains(&(f.code.as_str(), f.subject.as_str())) {
                    mark(f, Evidence::LedgerBlank, ctx.lang);
                }
            }
        }
    }
    em
}

/// Marks a finding with what it rests on, and says so in its message.
pub(crate) fn mark(f: &mut Finding, e: Evidence, lang: Lang) {
    f.evidence = e;
    let label = e.label(lang);
    if !label.is_empty() {
        f.message = match lang {
            Lang::Zh => format!("{}（{label}）", f.message),
            Lang::En => format!("{} ({label})", f.message),
        };
    }
}

/// The brigade of a case: a declared brigade by folder, else by agency name or 代字, else the
/// first folder, else the agency.
pub fn brigade_of_case(case: &Case, folder: Option<&str>, layout: &Layout) -> String {
    if let Some(f) = folder {
        if layout.brigades.iter().any(|b| b.name == f) {
            return f.to_string();
        }
    }
    let mut numbers: Vec<&str> = Vec::new();
    if let Some(n) = case.case_no() {
        numbers.push(n);
    }
    if let Some(n) = case.decision().and_then(|d| d.no.value()) {
        numbers.push(n);
    }
    let agency = case.agency.value().map(String::as_str);
    layout
        .brigade_of_case(agency, &numbers)
        .or_else(|| folder.map(str::to_string))
        .or_else(|| agency.map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    /// Asking again only the checks that found something marks the same findings 台账未记载
    /// as asking every check again, on ledger rows where some findings rest on blank cells and
    /// others do not.
    #[test]
    fn second_pass_on_the_finding_checks_marks_as_every_check_would() {
        use crate::model::*;
        use crate::rules::testutil::*;
        use crate::rules::{Check, Ctx, Emitter};
        use std::collections::HashSet;
        let kb = kb();
        let checks: Vec<&dyn Check> = crate::rules::builtin_checks()
            .into_iter()
            .chain(kb.rules.checks())
            .collect();
        let every_check_again = |case: &Case, ctx: &Ctx| {
            let mut em = Emitter::default();
            let mut other = Emitter::default();
            let mut unblank = case.clone();
            unblank.blanks_unknown();
            for c in &checks {
                c.check(case, ctx, &mut em);
                c.check(&unblank, ctx, &mut other);
            }
            let kept: HashSet<(String, String)> = other
                .findings
                .iter()
                .map(|f| (f.code.clone(), f.subject.clone()))
                .collect();
            em.findings
                .iter()
                .map(|f| {
                    let blank = !kept.contains(&(f.code.clone(), f.subject.clone()));
                    (f.code.clone(), f.subject.clone(), blank)
                })
                .collect::<Vec<_>>()
        };
        let empty = |at: u32| crate::finding::Place::line(at, 1);
        let steps = [
            "filing", "notice", "decision", "service", "payment", "closing",
        ];
        let row = |edit: &dyn Fn(&mut Case)| {
            let mut b = CaseBuilder::ledger("解消立字〔2022〕第009号", &steps)
                .party(Some(PartyKind::Unit))
                .agency("开封市解放区消防救援大队")
                .violation("2022-03-01", None, Some("无"))
                .doc("filing", "2022-03-02")
                .doc("notice", "2022-03-07")
                .decision("decision", "2022-03-15", &[("fine", Some(100_000))])
                .basis("《中华人民共和国消防法》第六十条第一款第三项")
                .doc("service", "2022-03-16")
                .build();
            edit(&mut b);
            b
        };
        let blank_date = |kind: &'static str| {
            move |c: &mut Case| {
                for d in c.documents.iter_mut().filter(|d| d.is_kind(kind)) {
                    d.date = Field::Empty { at: empty(90) };
                }
            }
        };
        let cases = [
            row(&|_| {}),
            row(&blank_date("notice")),
            row(&blank_date("decision")),
            row(&|c| {
                blank_date("service")(c);
                c.party.name = Field::Empty { at: empty(91) };
                c.violation.date = Field::Empty { at: empty(92) };
                c.officers = Field::Empty { at: empty(93) };
            }),
            row(&|c| c.party.kind = Field::Empty { at: empty(94) }),
        ];
        let ctx = Ctx::new(crate::finding::Lang::Zh, kb);
        let mut blanks = 0;
        for (i, case) in cases.iter().enumerate() {
            let em = super::run_checks(case, &ctx, &checks);
            let got: Vec<_> = em
                .findings
                .iter()
                .map(|f| {
                    let blank = f.evidence == crate::finding::Evidence::LedgerBlank;
                    (f.code.clone(), f.subject.clone(), blank)
                })
                .collect();
            assert_eq!(got, every_check_again(case, &ctx), "row {i}");
            blanks += got.iter().filter(|g| g.2).count();
            assert!(
                got.iter().any(|g| !g.2),
                "row {i}: a finding not on a blank"
            );
        }
        assert!(blanks > 0, "no finding rested on a blank cell");
    }

    #[test]
    fn fact_steps_are_sorted_by_key() {
        // A case's facts list its steps in this order, as F009's message does.
        let keys: Vec<&str> = super::FACT_STEPS.iter().map(|s| s.0).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn date_text_is_to_string() {
        for (y, m, d) in [
            (2022, 3, 1),
            (1950, 12, 31),
            (9999, 1, 9),
            (0, 1, 1),
            (999, 10, 10),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(super::date_text(date), date.to_string());
        }
        for y in [-1, 10000, 262_000] {
            let date = chrono::NaiveDate::from_ymd_opt(y, 5, 6).unwrap();
            assert_eq!(super::date_text(date), date.to_string());
        }
    }
}
