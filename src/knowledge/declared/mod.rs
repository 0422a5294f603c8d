//! Declarative rules as data: a brigade's own checks written in `rules/*.toml` under a checks
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
//!
//! This module holds what loading produces — the parsed and validated rules (conditions,
//! templates, the rule's [`Info`]) — and may use only `law`, `model` and the foundation;
//! `parse` walks a rule file, `validate` checks codes and names across files. Evaluating a
//! rule on a case is `rules::declarative`.

mod parse;
mod validate;

use crate::finding::Info;
pub(crate) use crate::knowledge::aliases::KindTable;
use crate::law::calendar::Period;
use crate::model::{Money, PartyKind};
use chrono::NaiveDate;
use regex::Regex;

/// The certainty of the legal fact behind a rule (legal.md's marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Verified,
    Secondary,
    Unverified,
    Derived,
}

impl Mark {
    pub(crate) fn parse(s: &str) -> Option<Mark> {
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
pub(crate) const CASE_FIELDS: &[(&str, FieldRef, &str, &str)] = &[
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
pub(crate) const DOC_FIELDS: &[(&str, DocField, &str, &str)] = &[
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

    pub(crate) fn is_date(&self) -> bool {
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

/// A message template: text with `{field}` placeholders and `{reason}` (the failing
/// requirement's account); `{{` and `}}` are literal braces.
#[derive(Debug, Clone)]
pub struct Template(pub(crate) Vec<Piece>);

#[derive(Debug, Clone)]
pub(crate) enum Piece {
    Lit(String),
    Field(FieldRef),
    Reason,
}

impl Template {
    pub(crate) fn parse(s: &str, documents: &KindTable) -> Result<Template, String> {
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
    pub(crate) message: Option<(Template, Template)>,
    pub(crate) subject: String,
}

/// Every declared rule in force, sorted by code.
#[derive(Debug, Clone, Default)]
pub struct DeclaredRules {
    pub rules: Vec<DeclaredRule>,
}

impl DeclaredRules {
    /// The rules' infos (for `rules` and `explain`), sorted by code.
    pub fn infos(&self) -> Vec<&'static Info> {
        self.rules.iter().map(|r| r.info).collect()
    }
}
