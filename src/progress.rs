//! The progress bar: on stderr when stderr is a terminal (a province's year takes a while),
//! silent otherwise so piped and machine-readable output stays clean.

use crate::finding::Lang;
use crate::scan::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A terminal progress bar over the files of a scan.
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

impl Progress for Bar {
    fn wants_total(&self) -> bool {
        self.bar.is_some()
    }
    fn start(&self, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
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
    fn file_done(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
