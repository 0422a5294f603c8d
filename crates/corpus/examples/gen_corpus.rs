//! Writes a synthetic province-year for the benchmark and for trying caselint at scale:
//! `cargo run --release --example gen_corpus -- OUT --cases 100000 --brigades 20`.
//! Deterministic from `--seed` (SplitMix64; see `caselint_corpus`).

use clap::Parser;
use std::path::PathBuf;

#[derive(Parser)]
struct Args {
    /// Folder to write into (created if missing).
    out: PathBuf,
    /// XML case files (one case each).
    #[arg(long, default_value_t = 1000)]
    cases: usize,
    /// Brigade folders.
    #[arg(long, default_value_t = 10)]
    brigades: usize,
    /// Ledger workbooks.
    #[arg(long, default_value_t = 0)]
    ledgers: usize,
    /// Data rows per ledger.
    #[arg(long, default_value_t = 0)]
    rows: usize,
    /// Share of cases and rows with one injected defect.
    #[arg(long, default_value_t = 0.05)]
    defect_rate: f64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Instead: one clean case copied this many times into OUT.
    #[arg(long)]
    copies: Option<usize>,
    /// Instead: one ledger in which one party is fined for one act on one day in every row.
    #[arg(long)]
    one_party_rows: Option<usize>,
}

fn main() -> std::io::Result<()> {
    let a = Args::parse();
    let spec = caselint_corpus::Spec {
        cases: a.cases,
        brigades: a.brigades,
        ledgers: a.ledgers,
        ledger_rows: a.rows,
        defect_rate: a.defect_rate,
        seed: a.seed,
    };
    let w = match (a.copies, a.one_party_rows) {
        (Some(n), _) => caselint_corpus::shapes::copies(&a.out, n, a.seed)?,
        (_, Some(n)) => caselint_corpus::shapes::one_party_ledger(&a.out, n, a.seed)?,
        _ => caselint_corpus::write(&a.out, &spec)?,
    };
    println!(
        "files {} bytes {} cases {} ledger_rows {}",
        w.files, w.bytes, w.cases, w.ledger_rows
    );
    for (d, n) in &w.defects {
        println!("defect {d:?} {n} -> {}", d.code().unwrap_or("-"));
    }
    Ok(())
}
