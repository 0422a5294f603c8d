//! The commands: `check`, `cite`, `rules`/`explain`, `config`/`init`, `checks export`, and the
//! peer cross-check's `sample`, `review-sheets` and `merge`. Each takes its own plain options type
//! (no argument parser: `cli` builds them) and may use every layer below; none knows the CLI.

pub mod check;
pub mod checks;
pub mod cite;
pub mod config;
pub mod merge;
pub mod review_sheets;
pub mod rules;
pub mod sample;
pub mod scanned;
pub mod session;
pub mod util;

pub use session::{session, Session, SessionOptions};

/// How a command ended, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the fail level.
    Clean,
    /// Findings at or above the fail level.
    Findings,
    /// caselint failed (panicked) on at least one file: an E000 finding, exit code 3.
    InternalError,
}
