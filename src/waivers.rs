//! Waivers: approved exceptions with reason, approver and expiry date (review.md, "CI-style
//! checks"). A waived finding stays in every output, marked `waived` with its reason, and drops
//! out of the exit code. An expired waiver no longer applies and is itself a finding (F008). A
//! waiver without a reason, approver or expiry date is rejected, and so is one naming a rule
//! that does not exist or a case that is not in the scan (a typo would otherwise waive nothing,
//! silently). A waiver that matched no finding is reported as stale, like baseline entries.

use crate::data::{line_col, DataError};
use crate::finding::{Finding, Lang, Place};
use crate::rules::{f008_waiver_expired, file_finding};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeSet;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    waiver: Vec<Spanned<RawWaiver>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWaiver {
    case: String,
    rule: String,
    /// Optional: only findings with this subject (a document kind, field or provision).
    subject: Option<String>,
    reason: Option<String>,
    approver: Option<String>,
    expires: Option<toml::value::Datetime>,
}

/// One approved exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    pub case: String,
    pub rule: String,
    pub subject: Option<String>,
    pub reason: String,
    pub approver: String,
    pub expires: NaiveDate,
    pub line: usize,
}

/// A loaded waiver file.
#[derive(Debug, Clone, Default)]
pub struct Waivers {
    pub file: String,
    pub entries: Vec<Waiver>,
}

impl Waivers {
    /// Parses a waiver file; every incomplete entry is an error with its line.
    pub fn parse(file: &str, text: &str) -> Result<Waivers, Vec<DataError>> {
        let raw: RawFile =
            toml::from_str(text).map_err(|e| vec![DataError::from_toml(file, text, &e)])?;
        let mut errors = Vec::new();
        let mut entries = Vec::new();
        for w in raw.waiver {
            let span = w.span();
            let line = line_col(text, span.start).0;
            let w = w.into_inner();
            let mut missing = Vec::new();
            let reason = w.reason.filter(|r| !r.trim().is_empty());
            let approver = w.approver.filter(|a| !a.trim().is_empty());
            if reason.is_none() {
                missing.push("reason");
            }
            if approver.is_none() {
                missing.push("approver");
            }
            let expires = match &w.expires {
                None => {
                    missing.push("expires");
                    None
                }
                Some(d) => match d.date {
                    Some(date) if d.time.is_none() => NaiveDate::from_ymd_opt(
                        date.year as i32,
                        date.month as u32,
                        date.day as u32,
                    ),
                    _ => {
                        errors.push(DataError::at_offset(
                            file,
                            text,
                            span.start,
                            "expires must be a date like 2027-06-30",
                        ));
                        None
                    }
                },
            };
            if !missing.is_empty() {
                errors.push(DataError::at_offset(
                    file,
                    text,
                    span.start,
                    format!("waiver for {} {} lacks {} (every waiver needs a reason, an approver and an expiry date)", w.case, w.rule, missing.join(", ")),
                ));
                continue;
            }
            if let (Some(reason), Some(approver), Some(expires)) = (reason, approver, expires) {
                entries.push(Waiver {
                    case: w.case.trim().to_string(),
                    rule: w.rule.trim().to_ascii_uppercase(),
                    subject: w.subject,
                    reason,
                    approver,
                    expires,
                    line,
                });
            }
        }
        if errors.is_empty() {
            Ok(Waivers {
                file: file.to_string(),
                entries,
            })
        } else {
            Err(errors)
        }
    }

    fn error(&self, w: &Waiver, message: String) -> DataError {
        DataError {
            file: self.file.clone(),
            line: w.line,
            col: 1,
            message,
        }
    }

    /// Every waiver naming a rule not in `known` (the codes in force), with its place.
    pub fn unknown_rules(&self, known: &BTreeSet<&str>) -> Vec<DataError> {
        self.entries
            .iter()
            .filter(|w| !known.contains(w.rule.as_str()))
            .map(|w| {
                self.error(
                    w,
                    match crate::ui::lang() {
                        Lang::Zh => format!("豁免的规则“{}”不存在", w.rule),
                        Lang::En => {
                            format!("the waiver names rule `{}`, which does not exist", w.rule)
                        }
                    },
                )
            })
            .collect()
    }

    /// Every waiver naming a case number not among `cases` (the scan's), with its place.
    pub fn unknown_cases(&self, cases: &BTreeSet<String>) -> Vec<DataError> {
        self.entries
            .iter()
            .filter(|w| !cases.contains(&w.case))
            .map(|w| {
                self.error(
                    w,
                    match crate::ui::lang() {
                        Lang::Zh => format!("豁免的案件“{}”不在本次检查的案卷中", w.case),
                        Lang::En => format!(
                            "the waiver names case `{}`, which is not in the files checked",
                            w.case
                        ),
                    },
                )
            })
            .collect()
    }

    /// Whether the waiver covers the finding (expiry aside).
    fn covers(w: &Waiver, f: &Finding) -> bool {
        f.code == w.rule
            && f.case_no.as_deref().map(str::trim) == Some(w.case.as_str())
            && w.subject.as_ref().is_none_or(|s| *s == f.subject)
    }

    /// The unexpired waivers that cover no finding (stale: the finding was fixed, or the waiver
    /// is wrong), in file order.
    pub fn stale(&self, findings: &[Finding], today: NaiveDate) -> Vec<&Waiver> {
        self.entries
            .iter()
            .filter(|w| w.expires >= today && !findings.iter().any(|f| Self::covers(w, f)))
            .collect()
    }

    /// Marks the findings each unexpired waiver covers; returns an F008 finding per expired one.
    pub fn apply(&self, findings: &mut [Finding], today: NaiveDate, lang: Lang) -> Vec<Finding> {
        let mut expired = Vec::new();
        for w in &self.entries {
            if w.expires < today {
                expired.push(file_finding(
                    &f008_waiver_expired::INFO,
                    lang,
                    &self.file,
                    Place::line(w.line as u32, 1),
                    format!("{}#{}", w.case, w.rule),
                    match lang {
                        Lang::Zh => format!("案件“{}”规则 {} 的豁免已于 {} 到期（审批人：{}），不再生效", w.case, w.rule, w.expires, w.approver),
                        Lang::En => format!("the waiver of {} for case `{}` expired on {} (approved by {}); it no longer applies", w.rule, w.case, w.expires, w.approver),
                    },
                ));
                continue;
            }
            for f in findings.iter_mut() {
                if Self::covers(w, f) && f.waived.is_none() {
                    f.waived = Some(match lang {
                        Lang::Zh => format!(
                            "{}（审批人：{}，有效期至 {}）",
                            w.reason, w.approver, w.expires
                        ),
                        Lang::En => format!(
                            "{} (approved by {}, until {})",
                            w.reason, w.approver, w.expires
                        ),
                    });
                }
            }
        }
        expired
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Severity};

    fn f(code: &str, case: &str) -> Finding {
        Finding {
            code: code.into(),
            severity: Severity::Error,
            category: Category::from_code(code),
            case_no: Some(case.into()),
            file: "x.xml".into(),
            place: Place::File,
            message: String::new(),
            basis: String::new(),
            help: String::new(),
            subject: "notice".into(),
            waived: None,
            evidence: Default::default(),
        }
    }

    #[test]
    fn waives_until_expiry_then_reports() {
        let text = "[[waiver]]\ncase = \"A1\"\nrule = \"P007\"\nreason = \"当事人书面放弃\"\napprover = \"张某\"\nexpires = 2027-01-31\n";
        let w = Waivers::parse("w.toml", text).unwrap();
        let mut fs = vec![f("P007", "A1"), f("P007", "B2"), f("P003", "A1")];
        let today = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
        assert!(w.apply(&mut fs, today, Lang::Zh).is_empty());
        assert!(fs[0].waived.as_deref().unwrap().contains("当事人书面放弃"));
        assert!(fs[1].waived.is_none() && fs[2].waived.is_none());
        let mut fs = vec![f("P007", "A1")];
        let expired = w.apply(&mut fs, today.succ_opt().unwrap(), Lang::Zh);
        assert_eq!(expired.len(), 1);
        assert_eq!(expired[0].code, "F008");
        assert_eq!(expired[0].place, Place::line(1, 1));
        assert!(fs[0].waived.is_none());
    }

    #[test]
    fn unknown_rules_and_cases_are_errors_and_unused_waivers_are_stale() {
        let text = "[[waiver]]\ncase = \"A1\"\nrule = \"P033\"\nreason = \"r\"\napprover = \"a\"\nexpires = 2027-01-31\n\n[[waiver]]\ncase = \"Z9\"\nrule = \"P007\"\nreason = \"r\"\napprover = \"a\"\nexpires = 2027-01-31\n";
        let w = Waivers::parse("w.toml", text).unwrap();
        let known: BTreeSet<&str> = ["P007"].into_iter().collect();
        let e = w.unknown_rules(&known);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 1);
        let cases: BTreeSet<String> = ["A1".to_string()].into_iter().collect();
        let e = w.unknown_cases(&cases);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 8);
        let today = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let fs = vec![f("P007", "Z9")];
        let stale: Vec<usize> = w.stale(&fs, today).iter().map(|w| w.line).collect();
        assert_eq!(stale, [1]);
    }

    #[test]
    fn a_waiver_without_reason_is_rejected() {
        let text = "[[waiver]]\ncase = \"A1\"\nrule = \"P007\"\napprover = \"张某\"\nexpires = 2027-01-31\n\n[[waiver]]\ncase = \"A2\"\nrule = \"P003\"\nreason = \"x\"\napprover = \"李某\"\nexpires = 2027-01-31\n";
        let e = Waivers::parse("w.toml", text).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 1);
        assert!(e[0].message.contains("reason"));
        let e = Waivers::parse("w.toml", "[[waiver]]\ncase = \"A\"\nrule = \"P007\"\nreason = \"r\"\napprover = \"a\"\nexpires = 2027-01-31\nowner = \"x\"\n").unwrap_err();
        assert_eq!(e[0].line, 7);
    }
}
