//! The scan the cross-check commands (`sample`, `review-sheets`) start from: as `check` runs it,
//! with the configured rules and severities, files named relative to the folders given.

use super::session::{session, Session, SessionOptions};
use super::util::check_inputs;
use crate::model::run::ScanResult;
use crate::rules::Check;
use std::path::PathBuf;

/// A scan as `check` runs it (configured rules, configured severities), for the review steps.
pub struct Scanned {
    pub session: Session,
    pub result: ScanResult,
    /// Personal data of the scanned cases, when masking.
    pub personal: Option<crate::review::mask::Personal>,
}

/// Scans `paths` with the built-in checks the configuration enables; with `mask`, also collects
/// the personal data to mask (see [`crate::review::mask`]).
pub fn scan(opts: &SessionOptions, paths: &[PathBuf], mask: bool) -> anyhow::Result<Scanned> {
    let session = session(opts)?;
    let collector = crate::review::mask::Collector::default();
    let mut checks: Vec<&dyn Check> = crate::rules::builtin_checks()
        .into_iter()
        .filter(|c| session.config.enabled(c.info().code))
        .collect();
    if mask {
        checks.push(&collector);
    }
    let opts = crate::scan::Options {
        threads: session
            .config
            .threads
            .as_ref()
            .map(|t| t.value)
            .unwrap_or(0),
        lang: session.lang,
        ..Default::default()
    };
    check_inputs(paths, false, false)?;
    let mut result = crate::scan::scan(paths, &session.kb, &checks, &opts).storage_checked()?;
    let mut personal = mask.then(|| collector.personal());
    crate::review::relativize(&mut result, personal.as_mut(), paths);
    session.config.apply(&mut result.findings);
    result
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    result.provenance.rules_hash = session.rules_hash.clone();
    Ok(Scanned {
        personal,
        session,
        result,
    })
}
