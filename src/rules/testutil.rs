//! Test-only builders for [`Case`] values, so rule tests read as tables of cases:
//! `CaseBuilder::general("X").doc("filing", "2022-02-10").doc("decision", "2022-05-20")`.

use crate::finding::{Lang, Place};
use crate::knowledge::Knowledge;
use crate::model::*;
use crate::rules::{Check, Ctx, Emitter};
use chrono::NaiveDate;
use std::sync::OnceLock;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn kb() -> &'static Knowledge {
    static KB: OnceLock<Knowledge> = OnceLock::new();
    KB.get_or_init(Knowledge::shipped)
}

fn at(line: u32) -> Place {
    Place::line(line, 1)
}

pub struct CaseBuilder {
    case: Case,
    line: u32,
}

impl CaseBuilder {
    /// A general-procedure XML case listing every document (coverage All).
    pub fn general(no: &str) -> CaseBuilder {
        let mut case = Case::new("t.xml", SourceKind::Xml, at(1));
        case.case_no = Field::Value {
            value: no.into(),
            at: at(2),
        };
        case.procedure = Field::Value {
            value: Procedure::General,
            at: at(3),
        };
        case.coverage = Coverage::All;
        CaseBuilder { case, line: 10 }
    }

    pub fn summary(no: &str) -> CaseBuilder {
        let mut b = CaseBuilder::general(no);
        b.case.procedure = Field::Value {
            value: Procedure::Summary,
            at: at(3),
        };
        b
    }

    /// A ledger row that has columns for exactly these steps.
    pub fn ledger(no: &str, covered: &[&str]) -> CaseBuilder {
        let mut b = CaseBuilder::general(no);
        b.case.source = SourceKind::Ledger;
        b.case.coverage = Coverage::kinds(covered.iter().copied());
        b
    }

    pub fn coverage(mut self, c: Coverage) -> Self {
        self.case.coverage = c;
        self
    }

    pub fn no_procedure(mut self) -> Self {
        self.case.procedure = Field::Absent;
        self
    }

    fn next(&mut self) -> Place {
        self.line += 1;
        at(self.line)
    }

    /// A document of `kind` dated `date` (`""`: no date; `"?"`: unreadable date).
    pub fn doc(self, kind: &str, date: &str) -> Self {
        self.doc_with(kind, date, |_| {})
    }

    pub fn doc_with(mut self, kind: &str, date: &str, f: impl FnOnce(&mut Document)) -> Self {
        let place = self.next();
        let date = match date {
            "" => Field::Absent,
            "?" => Field::Invalid {
                raw: "2022年13月5日".into(),
                at: place.clone(),
            },
            s => Field::Value {
                value: d(s),
                at: place.clone(),
            },
        };
        let mut doc = Document {
            kind: Some(kind.into()),
            raw_kind: kind.into(),
            at: place,
            date,
            ..Default::default()
        };
        f(&mut doc);
        self.case.documents.push(doc);
        self
    }

    /// A decision (or summary decision) with penalties `(kind, yuan)`.
    pub fn decision(self, kind: &str, date: &str, penalties: &[(&str, Option<i64>)]) -> Self {
        let ps: Vec<Penalty> = penalties
            .iter()
            .map(|(k, y)| Penalty {
                kind: k.to_string(),
                raw_kind: k.to_string(),
                amount: y.map_or(Field::Absent, |y| Field::Value {
                    value: Money::yuan(y),
                    at: at(99),
                }),
                days: Field::Absent,
                at: at(99),
            })
            .collect();
        self.doc_with(kind, date, |doc| {
            doc.penalties = Field::Value {
                value: ps,
                at: at(98),
            }
        })
    }

    pub fn basis(mut self, text: &str) -> Self {
        let doc = self
            .case
            .documents
            .iter_mut()
            .find(|d| matches!(d.kind.as_deref(), Some("decision" | "summary_decision")))
            .expect("add the decision first");
        doc.basis = Field::Value {
            value: vec![Located {
                value: text.into(),
                at: at(97),
            }],
            at: at(97),
        };
        self
    }

    pub fn party(mut self, kind: Option<PartyKind>) -> Self {
        self.case.party.kind = kind.map_or(Field::Absent, |k| Field::Value {
            value: k,
            at: at(4),
        });
        self
    }

    pub fn officers(mut self, list: &[(&str, Option<&str>)]) -> Self {
        self.case.officers = Field::Value {
            value: officers(list),
            at: at(5),
        };
        self
    }

    pub fn agency(mut self, name: &str) -> Self {
        self.case.agency = Field::Value {
            value: name.into(),
            at: at(6),
        };
        self
    }

    pub fn violation(mut self, date: &str, end: Option<&str>, harm: Option<&str>) -> Self {
        self.case.violation.date = Field::Value {
            value: d(date),
            at: at(7),
        };
        if let Some(e) = end {
            self.case.violation.end_date = Field::Value {
                value: d(e),
                at: at(8),
            };
        }
        if let Some(h) = harm {
            self.case.violation.harm = Field::Value {
                value: h.into(),
                at: at(9),
            };
        }
        self
    }

    pub fn with(mut self, f: impl FnOnce(&mut Case)) -> Self {
        f(&mut self.case);
        self
    }

    pub fn build(self) -> Case {
        self.case
    }
}

pub fn officers(list: &[(&str, Option<&str>)]) -> Vec<Officer> {
    list.iter()
        .map(|(n, c)| Officer {
            name: n.to_string(),
            cert: c.map(str::to_string),
            at: at(50),
        })
        .collect()
}

/// Runs one check on a case in `lang`.
pub fn run_lang(check: &dyn Check, case: &Case, lang: Lang) -> Emitter {
    let ctx = Ctx::new(lang, kb());
    let mut out = Emitter::default();
    check.check(case, &ctx, &mut out);
    out
}

/// Runs one check in Chinese.
pub fn run(check: &dyn Check, case: &Case) -> Emitter {
    run_lang(check, case, Lang::Zh)
}

/// The findings' messages, for assertions.
pub fn messages(e: &Emitter) -> Vec<String> {
    e.findings.iter().map(|f| f.message.clone()).collect()
}

/// A clean general case on the 2022 calendar: every step in order and in time.
pub fn clean_general() -> CaseBuilder {
    CaseBuilder::general("解消立字〔2022〕第001号")
        .party(Some(PartyKind::Unit))
        .officers(&[("李某", Some("41020001")), ("王某", Some("41020002"))])
        .agency("开封市解放区消防救援大队")
        .violation("2022-03-01", None, Some("无"))
        .doc("inspection", "2022-03-01")
        .doc("filing", "2022-03-02")
        .doc("inquiry", "2022-03-03")
        .doc_with("notice", "2022-03-07", |d| {
            d.rights = Field::Value {
                value: vec!["陈述".into(), "申辩".into()],
                at: Place::line(30, 1),
            }
        })
        .doc("statement", "2022-03-08")
        .doc("legal_review", "2022-03-14")
        .decision("decision", "2022-03-15", &[("fine", Some(5000))])
        .basis("《中华人民共和国消防法》第六十条第一款第三项")
        .doc("service", "2022-03-16")
        .doc("payment", "2022-03-25")
        .doc("closing", "2022-04-01")
}

/// Runs a table of `(name, case, findings, not_checkable)` through one check.
pub fn expect_table(check: &dyn Check, cases: Vec<(&str, Case, usize, usize)>) {
    for (name, case, hits, nc) in cases {
        let e = run(check, &case);
        assert_eq!(
            e.findings.len(),
            hits,
            "{name}: findings {:?}",
            messages(&e)
        );
        assert_eq!(
            e.not_checkable.len(),
            nc,
            "{name}: not checkable {:?}",
            e.not_checkable
        );
    }
}

/// A bare general case with steps `(kind, date)`.
pub fn steps(list: &[(&str, &str)]) -> CaseBuilder {
    list.iter().fold(
        CaseBuilder::general("X").party(Some(PartyKind::Unit)),
        |b, (k, dt)| b.doc(k, dt),
    )
}
