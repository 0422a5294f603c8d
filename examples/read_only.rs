//! Benchmark floor: the same walk and the same parallel map as `caselint check`, but each file is
//! only read into memory (no parsing). `cargo run --release --example read_only -- -j 2 DIR`.

use clap::Parser;
use rayon::prelude::*;
use std::path::PathBuf;

// The same allocator as the caselint binary, so the comparison is of the work alone.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
struct Args {
    paths: Vec<PathBuf>,
    /// Worker threads (0 = one per core).
    #[arg(short = 'j', default_value_t = 0)]
    threads: usize,
}

fn main() {
    let a = Args::parse();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads)
        .build()
        .expect("thread pool");
    let walked = caselint::walk::walk(&a.paths, false);
    let (files, bytes, sum) = pool.install(|| {
        walked
            .items
            .par_iter()
            .map(|item| match std::fs::read(item.path()) {
                // A byte sum, so the read data is used.
                Ok(b) => (
                    1usize,
                    b.len() as u64,
                    b.iter().map(|&x| x as u64).sum::<u64>(),
                ),
                Err(_) => (1, 0, 0),
            })
            .reduce(
                || (0, 0, 0),
                |a, b| (a.0 + b.0, a.1 + b.1, a.2.wrapping_add(b.2)),
            )
    });
    println!("files {files} bytes {bytes} bytesum {sum}");
}
