//! Thin entry point: parse arguments, run, map the outcome to an exit code
//! (0 clean, 1 findings at or above the fail level, 2 usage/configuration/rule-data error,
//! 3 internal error: caselint failed on a file, reported as E000).

use clap::Parser;
use std::process::ExitCode;

// The scan allocates many small, short-lived strings per case on every worker thread; mimalloc's
// thread-local free lists make that markedly cheaper than glibc malloc (bench/RESULTS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match caselint::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match caselint::cli::run(cli) {
        Ok(caselint::cli::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(caselint::cli::Outcome::Findings) => ExitCode::from(1),
        Ok(caselint::cli::Outcome::InternalError) => ExitCode::from(3),
        Err(e) => {
            eprintln!("caselint: {e:#}");
            ExitCode::from(2)
        }
    }
}
