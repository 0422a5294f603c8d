//! Thin entry point: parse arguments, run, map the outcome to an exit code
//! (0 clean, 1 findings at or above the fail level, 2 usage/configuration/rule-data error,
//! 3 internal error: caselint failed on a file, reported as E000).

use caselint::finding::Lang;
use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

// The scan allocates many small, short-lived strings per case on every worker thread; mimalloc's
// thread-local free lists make that markedly cheaper than glibc malloc (bench/RESULTS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Prints a clap error in the command line's language; the exit code it stands for.
fn clap_exit(e: clap::Error, lang: Lang) -> ExitCode {
    let code = if e.use_stderr() { 2 } else { 0 };
    match (lang, caselint::cli_zh::render_error(&e)) {
        (Lang::Zh, Some(text)) => eprint!("{text}"),
        _ => {
            let _ = e.print();
        }
    }
    ExitCode::from(code)
}

fn main() -> ExitCode {
    let args = caselint::cli_zh::normalize_args(std::env::args_os().collect());
    let lang = caselint::ui::detect(&args);
    caselint::ui::set(lang);
    let command = caselint::cli_zh::localize(caselint::cli::Cli::command(), lang);
    let cli = match command
        .try_get_matches_from(&args)
        .and_then(|m| caselint::cli::Cli::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => return clap_exit(e, lang),
    };
    // Without --lang, the configuration's `lang` takes over once read (see `commands::session`).
    match caselint::cli::run(cli) {
        Ok(caselint::commands::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(caselint::commands::Outcome::Findings) => ExitCode::from(1),
        Ok(caselint::commands::Outcome::InternalError) => ExitCode::from(3),
        Err(e) => {
            let prefix = caselint::ui::t("caselint：", "caselint: ");
            // One language per line, whatever a message deeper down was written in.
            let text: Vec<String> = format!("{e:#}")
                .lines()
                .map(caselint::ui::one_language)
                .collect();
            eprintln!("{prefix}{}", text.join("\n"));
            ExitCode::from(2)
        }
    }
}
