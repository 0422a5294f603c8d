//! Benchmark baseline: the same walk, parallel map and readers as `caselint check` — quick-xml
//! events over the decoded text for XML, calamine ranges for workbooks — but no case model, no
//! checks, no report. Prints counts so the work cannot be skipped.
//! `cargo run --release --example parse_only -- -j 2 DIR`.

use calamine::Reader;
use caselint::finding::Lang;
use caselint::walk::{InputKind, Item};
use clap::Parser;
use quick_xml::events::Event;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

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

#[derive(Default, Clone, Copy)]
struct Counts {
    files: usize,
    bytes: u64,
    elements: u64,
    text_bytes: u64,
    rows: u64,
    cells: u64,
    failed: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            files: self.files + o.files,
            bytes: self.bytes + o.bytes,
            elements: self.elements + o.elements,
            text_bytes: self.text_bytes + o.text_bytes,
            rows: self.rows + o.rows,
            cells: self.cells + o.cells,
            failed: self.failed + o.failed,
        }
    }
}

fn xml(path: &Path, aliases: &caselint::knowledge::aliases::Aliases) -> Counts {
    let mut c = Counts {
        files: 1,
        ..Default::default()
    };
    let Ok(bytes) = std::fs::read(path) else {
        c.failed = 1;
        return c;
    };
    c.bytes = bytes.len() as u64;
    // The same decoding step caselint uses (BOM, prolog, GB18030).
    let reader = caselint::read::xml::XmlReader {
        file: "",
        aliases,
        lang: Lang::En,
    };
    let Ok(text) = reader.decode(&bytes) else {
        c.failed = 1;
        return c;
    };
    let mut r = quick_xml::Reader::from_str(&text);
    r.config_mut().check_end_names = true;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                c.elements += 1;
                c.text_bytes += e
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .map(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map(|v| v.len())
                            .unwrap_or(0) as u64
                    })
                    .sum::<u64>();
            }
            Ok(Event::Text(t)) => c.text_bytes += t.xml10_content().len() as u64,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(_) => {
                c.failed = 1;
                break;
            }
        }
    }
    c
}

fn workbook(path: &Path) -> Counts {
    let mut c = Counts {
        files: 1,
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        ..Default::default()
    };
    let Ok(mut wb) = calamine::open_workbook_auto(path) else {
        c.failed = 1;
        return c;
    };
    for name in wb.sheet_names() {
        match wb.worksheet_range(&name) {
            Ok(range) => {
                c.rows += range.height() as u64;
                c.cells += range.used_cells().count() as u64;
            }
            Err(_) => c.failed = 1,
        }
    }
    c
}

fn main() {
    let a = Args::parse();
    let kb = caselint::knowledge::Knowledge::shipped();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads)
        .build()
        .expect("thread pool");
    let walked = caselint::walk::walk(&a.paths, false);
    let total = pool.install(|| {
        walked
            .items
            .par_iter()
            .map(|item| match item {
                Item::File {
                    path,
                    kind: InputKind::Xml,
                    ..
                } => xml(path, &kb.aliases),
                Item::File {
                    path,
                    kind: InputKind::Workbook,
                    ..
                } => workbook(path),
                // Decision documents are not what this benchmark measures.
                Item::File {
                    kind: InputKind::Decision,
                    ..
                }
                | Item::Problem { .. } => Counts::default(),
            })
            .reduce(Counts::default, |a, b| a + b)
    });
    println!(
        "files {} bytes {} elements {} text_bytes {} rows {} cells {} failed {}",
        total.files,
        total.bytes,
        total.elements,
        total.text_bytes,
        total.rows,
        total.cells,
        total.failed
    );
}
