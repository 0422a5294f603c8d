//! The rule registry: every rule's code, name, severity, category and explanation in one
//! place, sorted by code, and the [`Check`] trait built-in and declarative checks implement.
//!
//! Checks never print and never fail: they push [`Finding`]s into an [`Emitter`], and say
//! "not checkable" when the case lacks the inputs they need (unknown is not missing).

use crate::finding::{Finding, Lang, Place, Severity};
use crate::law::citation::ParsedBasis;
use crate::model::Case;
use crate::read::diagnostic::{Diagnostic, DiagnosticKind};
use std::collections::BTreeMap;

pub mod basis;
pub mod coverage;
pub mod d001_invalid_credit_code;
pub mod d002_invalid_id_number;
pub mod d003_decision_contents_incomplete;
pub mod d004_remedy_periods_wrong;
pub mod d005_document_number_malformed;
pub mod d006_duplicate_document_number;
pub mod d007_receipt_amount_mismatch;
pub mod declarative;
pub mod e000_internal_error;
pub mod f001_unreadable_file;
pub mod f002_malformed_xml;
pub mod f003_encoding_mismatch;
pub mod f004_no_header_row;
pub mod f005_unknown_field;
pub mod f006_unparseable_value;
pub mod f007_duplicate_case;
pub mod f008_waiver_expired;
pub mod f009_ledger_file_mismatch;
pub mod l001_basis_missing;
pub mod l002_basis_unparseable;
pub mod l003_provision_not_found;
pub mod l004_penalty_kind_not_allowed;
pub mod l005_fine_out_of_range;
pub mod l006_party_kind_mismatch;
pub mod l007_version_not_in_force;
pub mod l008_mandatory_penalty_missing;
pub mod l009_violated_provision_missing;
pub mod l010_discretion_band_mismatch;
pub mod l011_double_fine;
pub mod l012_basis_without_penalty_provision;
pub mod l013_local_rule_superseded;
pub mod p001_missing_step;
pub mod p002_steps_out_of_order;
pub mod p003_decision_overdue;
pub mod p004_hearing_right_not_told;
pub mod p005_decided_inside_hearing_window;
pub mod p006_hearing_notice_too_late;
pub mod p007_decided_before_defence_heard;
pub mod p008_legal_review_missing;
pub mod p009_collective_discussion_missing;
pub mod p010_service_late;
pub mod p011_summary_procedure_misused;
pub mod p012_limitation_expired;
pub mod p013_payment_late_without_surcharge;
pub mod p014_closed_before_executed;
pub mod p015_prior_order_missing;
pub mod p016_hearing_requested_not_held;
pub mod procedure;
pub mod s001_too_few_officers;
pub mod s002_officer_without_certificate;
pub mod s003_outside_competence;
pub mod s004_outdated_agency_name;
#[cfg(test)]
pub mod testutil;

/// A rule's identity and its texts live in the foundation (`finding`), so the loaded data
/// (declared rules, procedure steps) can name them without importing the rules.
pub use crate::finding::{Info, Tr};

/// Run-wide inputs every check may read.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub kb: &'a crate::knowledge::Knowledge,
    /// The statute rules' shared reading of the current case's basis (see [`basis::Memo`]).
    memo: std::cell::RefCell<basis::Memo<'a>>,
    /// While a statute rule judges an undated case in every version ([`basis::every_version`]):
    /// the date standing in for the violation and decision dates.
    pub(crate) assume: std::cell::Cell<Option<chrono::NaiveDate>>,
    /// Whether a case keeps the facts F009 compares: false once the scan has seen every input
    /// and none can pair (ledgers alone, or case files alone; no decision document), where
    /// F009 never looks at them.
    pub keep_facts: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(lang: Lang, kb: &'a crate::knowledge::Knowledge) -> Ctx<'a> {
        Ctx {
            lang,
            kb,
            memo: Default::default(),
            assume: Default::default(),
            keep_facts: true,
        }
    }

    /// `text` parsed as citations with the laws in force: several rules read the same
    /// 处罚依据, and the same texts recur across files, so each is parsed once (cached).
    pub fn citations(&self, text: &str) -> std::rc::Rc<ParsedBasis> {
        crate::law::citation::parse_basis_cached(text, &self.kb.laws)
    }
}

/// A rule's basis for one case: provincial law (河南省…) is cited only for a case whose agency is
/// known to be in that province's jurisdiction; for another province's case those parts of the
/// basis are left out (rules.md "Jurisdiction": a basis never cites a Henan regulation for a case
/// from another province).
fn basis_for(info: &Info, ctx: &Ctx, case: &Case) -> String {
    let b = info.basis.get(ctx.lang);
    if !(b.contains("河南") || b.contains("Henan")) {
        return b.to_string();
    }
    if crate::knowledge::jurisdiction::case_is_henan(case, ctx.kb) != Some(false) {
        return b.to_string();
    }
    let sep = if b.contains('；') { '；' } else { ';' };
    let kept: Vec<&str> = b
        .split(sep)
        .filter(|part| !(part.contains("河南") || part.contains("Henan")))
        .collect();
    if kept.is_empty() {
        return b.to_string();
    }
    kept.join(&sep.to_string())
}

/// Collects a case's findings and the rule evaluations it could not make.
#[derive(Debug, Default)]
pub struct Emitter {
    pub findings: Vec<Finding>,
    /// (rule code, missing input) for every evaluation not checkable for lack of input.
    pub not_checkable: Vec<(&'static str, String)>,
}

impl Emitter {
    /// Records a finding of `info` on `case` at `place`.
    pub fn push(
        &mut self,
        info: &Info,
        ctx: &Ctx,
        case: &Case,
        place: Place,
        subject: impl Into<String>,
        message: String,
    ) {
        self.findings.push(Finding {
            code: info.code.to_string(),
            severity: info.severity,
            category: info.category,
            case_no: case.case_no().map(str::to_string),
            file: case.file.clone(),
            place,
            message,
            basis: basis_for(info, ctx, case),
            help: info.fix.get(ctx.lang).to_string(),
            subject: subject.into(),
            waived: None,
            evidence: Default::default(),
        });
    }

    /// Records a finding at a severity other than the rule's default (a rule whose lesser
    /// form is a warning: L001 item depth, L007 stated version, L010 with the tool's bands).
    #[allow(clippy::too_many_arguments)]
    pub fn push_at(
        &mut self,
        info: &Info,
        severity: Severity,
        ctx: &Ctx,
        case: &Case,
        place: Place,
        subject: impl Into<String>,
        message: String,
    ) {
        self.push(info, ctx, case, place, subject, message);
        if let Some(f) = self.findings.last_mut() {
            f.severity = severity;
        }
    }

    /// Says that `info` could not be evaluated on this case for lack of `input`.
    pub fn not_checkable(&mut self, info: &Info, input: impl Into<String>) {
        self.not_checkable.push((info.code, input.into()));
    }
}

/// F001–F006: the findings of a reader's diagnostics on `file`, in the readers' order.
pub fn read_findings(diags: Vec<Diagnostic>, lang: Lang, file: &str) -> Vec<Finding> {
    diags
        .into_iter()
        .map(|d| read_finding(d, lang, file))
        .collect()
}

/// The finding (F001–F006) of one reader diagnostic on `file`.
pub fn read_finding(d: Diagnostic, lang: Lang, file: &str) -> Finding {
    let info = match d.kind {
        DiagnosticKind::Unreadable => &f001_unreadable_file::INFO,
        DiagnosticKind::MalformedXml => &f002_malformed_xml::INFO,
        DiagnosticKind::Encoding => &f003_encoding_mismatch::INFO,
        DiagnosticKind::NoHeaderRow => &f004_no_header_row::INFO,
        DiagnosticKind::UnknownField => &f005_unknown_field::INFO,
        DiagnosticKind::UnparseableValue => &f006_unparseable_value::INFO,
    };
    file_finding(info, lang, file, d.place, d.subject, d.message)
}

/// A file-level finding (no case): F001–F006 from the readers.
pub fn file_finding(
    info: &Info,
    lang: Lang,
    file: &str,
    place: Place,
    subject: impl Into<String>,
    message: String,
) -> Finding {
    Finding {
        code: info.code.to_string(),
        severity: info.severity,
        category: info.category,
        case_no: None,
        file: file.to_string(),
        place,
        message,
        basis: info.basis.get(lang).to_string(),
        help: info.fix.get(lang).to_string(),
        subject: subject.into(),
        waived: None,
        evidence: Default::default(),
    }
}

/// A check on one case.
pub trait Check: Sync + Send {
    fn info(&self) -> &Info;
    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter);
}

/// Formats a message in the run's language: `msg!(ctx, "中文 {x}", "English {x}")`.
#[macro_export]
macro_rules! msg {
    ($ctx:expr, $zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $ctx.lang {
            $crate::finding::Lang::Zh => format!($zh $(, $arg)*),
            $crate::finding::Lang::En => format!($en $(, $arg)*),
        }
    };
}

/// Every built-in rule's info, sorted by code. F rules (detected by the readers) and the
/// cross-case D006, L011 have an info but no per-case [`Check`].
/// F007 and F009 are cross-case too.
pub fn builtin_infos() -> Vec<&'static Info> {
    static INFOS: std::sync::OnceLock<Vec<&'static Info>> = std::sync::OnceLock::new();
    INFOS.get_or_init(collect_infos).clone()
}

/// The knowledge with the built-in rules in force. Its loader sits below the rules and takes the
/// built-in infos as a parameter ([`crate::knowledge::Knowledge::load_with`]); these two entry
/// points, which every caller uses, are assembled here where the built-in rules are listed.
impl crate::knowledge::Knowledge {
    /// Loads and validates every data file, collecting all errors.
    pub fn load(
        files: &crate::knowledge::DataFiles,
    ) -> Result<crate::knowledge::Knowledge, Vec<crate::data::DataError>> {
        crate::knowledge::Knowledge::load_with(files, &builtin_infos())
    }

    /// The shipped knowledge (tests and defaults).
    pub fn shipped() -> crate::knowledge::Knowledge {
        Self::load(&crate::knowledge::DataFiles::shipped())
            .expect("shipped checks/ data is valid (tested)")
    }
}

/// Whether `code` is a built-in rule's code.
pub fn is_builtin(code: &str) -> bool {
    static CODES: std::sync::OnceLock<std::collections::BTreeSet<&'static str>> =
        std::sync::OnceLock::new();
    CODES
        .get_or_init(|| builtin_infos().iter().map(|i| i.code).collect())
        .contains(code)
}

fn collect_infos() -> Vec<&'static Info> {
    let mut v: Vec<&'static Info> = vec![
        &e000_internal_error::INFO,
        &f001_unreadable_file::INFO,
        &f002_malformed_xml::INFO,
        &f003_encoding_mismatch::INFO,
        &f004_no_header_row::INFO,
        &f005_unknown_field::INFO,
        &f006_unparseable_value::INFO,
        &f007_duplicate_case::INFO,
        &f008_waiver_expired::INFO,
        &f009_ledger_file_mismatch::INFO,
        &d006_duplicate_document_number::INFO,
        &l011_double_fine::INFO,
    ];
    v.extend(builtin_checks().iter().map(|c| c.info()));
    v.sort_by_key(|i| i.code);
    v
}

/// The built-in per-case checks, sorted by code.
pub fn builtin_checks() -> Vec<&'static dyn Check> {
    static CHECKS: std::sync::OnceLock<Vec<&'static dyn Check>> = std::sync::OnceLock::new();
    CHECKS.get_or_init(collect_checks).clone()
}

fn collect_checks() -> Vec<&'static dyn Check> {
    let mut v: Vec<&'static dyn Check> = vec![
        &s001_too_few_officers::CHECK,
        &s002_officer_without_certificate::CHECK,
        &s003_outside_competence::CHECK,
        &s004_outdated_agency_name::CHECK,
        &p001_missing_step::CHECK,
        &p002_steps_out_of_order::CHECK,
        &p003_decision_overdue::CHECK,
        &p004_hearing_right_not_told::CHECK,
        &p005_decided_inside_hearing_window::CHECK,
        &p006_hearing_notice_too_late::CHECK,
        &p007_decided_before_defence_heard::CHECK,
        &p008_legal_review_missing::CHECK,
        &p009_collective_discussion_missing::CHECK,
        &p010_service_late::CHECK,
        &p011_summary_procedure_misused::CHECK,
        &p012_limitation_expired::CHECK,
        &p013_payment_late_without_surcharge::CHECK,
        &p014_closed_before_executed::CHECK,
        &p015_prior_order_missing::CHECK,
        &p016_hearing_requested_not_held::CHECK,
        &l001_basis_missing::CHECK,
        &l002_basis_unparseable::CHECK,
        &l003_provision_not_found::CHECK,
        &l004_penalty_kind_not_allowed::CHECK,
        &l005_fine_out_of_range::CHECK,
        &l006_party_kind_mismatch::CHECK,
        &l007_version_not_in_force::CHECK,
        &l008_mandatory_penalty_missing::CHECK,
        &l009_violated_provision_missing::CHECK,
        &l010_discretion_band_mismatch::CHECK,
        &l012_basis_without_penalty_provision::CHECK,
        &l013_local_rule_superseded::CHECK,
        &d001_invalid_credit_code::CHECK,
        &d002_invalid_id_number::CHECK,
        &d003_decision_contents_incomplete::CHECK,
        &d004_remedy_periods_wrong::CHECK,
        &d005_document_number_malformed::CHECK,
        &d007_receipt_amount_mismatch::CHECK,
    ];
    v.sort_by_key(|c| c.info().code);
    v
}

/// All rules (built-in and declarative) by code.
pub fn index(infos: &[&'static Info]) -> BTreeMap<&'static str, &'static Info> {
    infos.iter().map(|i| (i.code, *i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// A Henan regulation is not cited in the basis of another province's finding.
    #[test]
    fn provincial_law_leaves_other_provinces_bases() {
        use crate::rules::testutil::*;
        let info = &d003_decision_contents_incomplete::INFO;
        let ctx = Ctx::new(Lang::Zh, kb());
        let mut out = Emitter::default();
        for agency in ["南京市秦淮区消防救援大队", "开封市顺河回族区消防救援大队"]
        {
            let case = CaseBuilder::general("X").agency(agency).build();
            out.push(info, &ctx, &case, Place::line(1, 1), "x", "m".into());
        }
        assert!(
            !out.findings[0].basis.contains("河南"),
            "{}",
            out.findings[0].basis
        );
        assert!(!out.findings[0].basis.is_empty());
        assert!(
            out.findings[1].basis.contains("河南"),
            "{}",
            out.findings[1].basis
        );
    }

    #[test]
    fn codes_are_unique_sorted_and_well_formed() {
        let infos = builtin_infos();
        let codes: Vec<&str> = infos.iter().map(|i| i.code).collect();
        let set: BTreeSet<&str> = codes.iter().copied().collect();
        assert_eq!(set.len(), codes.len(), "duplicate rule code in {codes:?}");
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
        let names: BTreeSet<&str> = infos.iter().map(|i| i.name).collect();
        assert_eq!(names.len(), infos.len(), "duplicate rule name");
        let code_re = regex::Regex::new(r"^[EFSPLD]\d{3}$").unwrap();
        let name_re = regex::Regex::new(r"^[a-z]+(-[a-z]+)*$").unwrap();
        for i in &infos {
            assert!(code_re.is_match(i.code), "{}", i.code);
            assert!(name_re.is_match(i.name), "{}: {}", i.code, i.name);
            assert_eq!(
                i.category,
                crate::finding::Category::from_code(i.code),
                "{}",
                i.code
            );
        }
    }

    /// Every explanation section is written in both languages (style.md habit 1).
    #[test]
    fn explanations_are_complete() {
        for i in builtin_infos() {
            for (section, t) in [
                ("title", i.title),
                ("basis", i.basis),
                ("what", i.what),
                ("why", i.why),
                ("example", i.example),
                ("fix", i.fix),
            ] {
                assert!(!t.zh.trim().is_empty(), "{} {section} zh empty", i.code);
                assert!(!t.en.trim().is_empty(), "{} {section} en empty", i.code);
                assert!(
                    t.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{} {section} zh has no Chinese",
                    i.code
                );
            }
        }
    }

    /// A decision-only case is judged on the decision's content, law and numbers: every
    /// built-in rule about steps before or after it (procedure, officers, receipts) stays silent,
    /// whatever the decision says.
    #[test]
    fn step_rules_are_silent_on_decision_only_cases() {
        let kb = testutil::kb();
        let checks = builtin_checks();
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/decisions");
        let mut read = 0;
        for folder in ["clean", "hit"] {
            for e in std::fs::read_dir(base.join(folder)).unwrap() {
                let path = e.unwrap().path();
                let bytes = std::fs::read(&path).unwrap();
                let name = path.display().to_string();
                let Ok((case, _)) = crate::read::read_decision(
                    &path,
                    &bytes,
                    &name,
                    &kb.aliases,
                    Lang::Zh,
                    1 << 26,
                ) else {
                    continue;
                };
                read += 1;
                let ctx = Ctx::new(Lang::Zh, kb);
                let mut em = Emitter::default();
                for c in &checks {
                    c.check(&case, &ctx, &mut em);
                }
                for f in &em.findings {
                    // P011: the decision itself shows its summary procedure and its fine.
                    let content = f.code.starts_with('L')
                        || [
                            "D001", "D002", "D003", "D004", "D005", "S003", "S004", "P011",
                        ]
                        .contains(&f.code.as_str());
                    assert!(content, "{name}: {} {}", f.code, f.message);
                }
                // The steps are unknown, not missing.
                for kind in [
                    "filing",
                    "notice",
                    "service",
                    "legal_review",
                    "payment",
                    "closing",
                ] {
                    assert_eq!(
                        case.step(kind),
                        crate::model::Step::Unknown,
                        "{name}: {kind}"
                    );
                }
            }
        }
        assert!(read >= 12, "{read}");
    }
}
