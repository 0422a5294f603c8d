//! What a scan tells its progress display (the `Progress` sink of `caselint::scan`), seen from
//! outside on a generated corpus.

use caselint::scan::{Phase, Progress};
use std::sync::Mutex;

/// Records what a scan tells its progress.
#[derive(Default)]
struct Log(Mutex<Vec<String>>);

impl Progress for Log {
    fn wants_total(&self) -> bool {
        true
    }
    fn start(&self, total: u64) {
        self.0.lock().unwrap().push(format!("start {total}"));
    }
    fn total(&self, total: u64) {
        self.0.lock().unwrap().push(format!("total {total}"));
    }
    fn file_done(&self) {
        self.0.lock().unwrap().push("file".into());
    }
    fn phase(&self, phase: Phase) {
        self.0.lock().unwrap().push(format!("{phase:?}"));
    }
    fn finish(&self) {
        self.0.lock().unwrap().push("finish".into());
    }
}

/// The scan starts at once (the files are counted beside it), reports each file, then
/// announces the cross-case phase (the CLI announces the report and finishes); it never
/// finishes the bar itself, so the later phases show.
#[test]
fn the_scan_reports_files_then_the_cross_case_phase() {
    let dir = tempfile::tempdir().unwrap();
    caselint_corpus::write(
        dir.path(),
        &caselint_corpus::Spec {
            cases: 5,
            brigades: 2,
            ..Default::default()
        },
    )
    .unwrap();
    let log = Log::default();
    let kb = caselint::knowledge::Knowledge::shipped();
    let checks = caselint::rules::builtin_checks();
    caselint::scan::scan_with_progress(
        &[dir.path().to_path_buf()],
        &kb,
        &checks,
        &caselint::scan::Options::default(),
        &log,
    );
    let mut got = log.0.into_inner().unwrap();
    // The count comes from its own walk beside the scan, at any moment before the end.
    let at = got.iter().position(|e| e == "total 5").expect("counted");
    got.remove(at);
    let mut want = vec!["start 0".to_string()];
    want.extend(std::iter::repeat_n("file".to_string(), 5));
    want.push("CrossCase".into());
    assert_eq!(got, want);
}
