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

    #[test]
    fn phases_have_names_in_both_languages() {
        for p in [Phase::CrossCase, Phase::Report] {
            assert!(!phase_label(p, Lang::Zh).is_ascii());
            assert!(phase_label(p, Lang::En).is_ascii());
        }
    }
}
