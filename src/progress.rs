//! The progress bar: on stderr when stderr is a terminal (a province's year takes a while),
//! silent otherwise so piped and machine-readable output stays clean. It counts the files, then
//! names each later phase (cross-case checks, writing the report) with a ticking spinner, so a
//! long run never sits silent; it is cleared when the run ends or fails.

use crate::finding::Lang;
use crate::scan::{Phase, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// A terminal progress bar over the files of a scan and the phases after it.
pub struct Bar {
    bar: Option<ProgressBar>,
    lang: Lang,
}

impl Bar {
    /// A bar when stderr is a terminal, else a silent one.
    pub fn for_stderr(lang: Lang) -> Bar {
        Bar {
            bar: std::io::stderr().is_terminal().then(ProgressBar::hidden),
            lang,
        }
    }
}

/// What a phase is called on the bar.
pub fn phase_label(phase: Phase, lang: Lang) -> &'static str {
    match phase {
        Phase::CrossCase => lang.pick("跨案件检查（重复编号、重复处罚）", "cross-case checks"),
        Phase::Report => lang.pick("写出报告", "writing the report"),
    }
}

impl Progress for Bar {
    fn wants_total(&self) -> bool {
        self.bar.is_some()
    }
    fn start(&self, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
            // Until the count arrives the bar shows the files done and a spinner.
            bar.enable_steady_tick(Duration::from_millis(120));
            let template = match self.lang {
                Lang::Zh => "{spinner} 检查文件 {pos}/{len} [{bar:30}] {per_sec} 预计剩余 {eta}",
                Lang::En => "{spinner} checking {pos}/{len} [{bar:30}] {per_sec} eta {eta}",
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
    fn total(&self, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
        }
    }
    fn file_done(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
    fn phase(&self, phase: Phase) {
        if let Some(bar) = &self.bar {
            let files = bar.position();
            let template = match self.lang {
                Lang::Zh => "{spinner} 已检查 {pos} 个文件；{msg}… {elapsed}",
                Lang::En => "{spinner} {pos} files checked; {msg}… {elapsed}",
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar.set_position(files);
            bar.set_message(phase_label(phase, self.lang));
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }
    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Bar {
    /// A run that fails midway leaves no half-drawn bar behind.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            if !bar.is_finished() {
                bar.finish_and_clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        crate::corpus::write(
            dir.path(),
            &crate::corpus::Spec {
                cases: 5,
                brigades: 2,
                ..Default::default()
            },
        )
        .unwrap();
        let log = Log::default();
        let kb = crate::knowledge::Knowledge::shipped();
        let checks = crate::rules::builtin_checks();
        crate::scan::scan_with_progress(
            &[dir.path().to_path_buf()],
            &kb,
            &checks,
            &crate::scan::Options::default(),
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

    #[test]
    fn phases_have_names_in_both_languages() {
        for p in [Phase::CrossCase, Phase::Report] {
            assert!(!phase_label(p, Lang::Zh).is_ascii());
            assert!(phase_label(p, Lang::En).is_ascii());
        }
    }
}
