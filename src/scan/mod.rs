//! The scan: walk to a sorted list, then a rayon parallel map read → normalize → check →
//! findings, one file at a time. A file's failure (or panic) becomes a finding for that file and
//! the scan goes on. Only findings and small per-case summaries are kept; the cross-case phase
//! (duplicate numbers, double fines) works on those summaries after the parallel phase.

pub mod coverage;

use crate::finding::{Finding, Lang, Place};
use crate::knowledge::Knowledge;
use crate::model::run::{CaseSummary, InputRecord, ScanResult};
use crate::model::Case;
use crate::read::diagnostic::Diagnostic;
use crate::read::xml::XmlReader;
use crate::rules::{self, file_finding, read_findings, Check, Ctx};
use crate::spill::Spill;
use crate::walk::{self, InputKind, Item};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest input file read by default (a case file is kilobytes; a ledger a few megabytes).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Largest total a workbook may unpack to by default: a real ledger of 100,000 rows unpacks to
/// well under 100 MiB; a zip bomb unpacks to gigabytes from a few kilobytes.
pub const DEFAULT_MAX_UNZIPPED_BYTES: u64 = 512 * 1024 * 1024;

/// How to run a scan.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub follow_symlinks: bool,
    pub max_file_bytes: u64,
    /// Largest total uncompressed size of a workbook's parts (zip bomb guard).
    pub max_unzipped_bytes: u64,
    pub lang: Lang,
    /// Case and input records kept in memory before they move to a temporary file.
    pub spill_after: usize,
    /// Declared exports and brigades (`caselint.toml`).
    pub layout: std::sync::Arc<crate::config::Layout>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: 0,
            follow_symlinks: false,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_unzipped_bytes: DEFAULT_MAX_UNZIPPED_BYTES,
            lang: Lang::Zh,
            spill_after: crate::spill::DEFAULT_LIMIT,
            layout: Default::default(),
        }
    }
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

#[derive(Default)]
struct FileOutcome {
    file: String,
    findings: Vec<Finding>,
    cases: Vec<CaseSummary>,
    /// Each case's cross-case keys.
    keys: Vec<Vec<u64>>,
    /// Per file, counted at once: (rule code, missing input) → evaluations.
    not_checkable: BTreeMap<(&'static str, String), usize>,
    bytes: u64,
    sha256: Option<String>,
    brigade: Option<String>,
    /// Reading or checking the file panicked (reported as E000).
    internal_error: bool,
    /// Each case's export key (see [`crate::rules::coverage::export_key`]).
    exports: Vec<String>,
}

/// Told how far a scan has got (a progress bar); called from worker threads.
pub trait Progress: Sync {
    /// Whether [`Progress::total`] is wanted (it costs a walk of its own, made beside the scan).
    fn wants_total(&self) -> bool {
        false
    }
    /// The scan begins.
    fn start(&self, _total: u64) {}
    /// The number of inputs, once a walk of its own has counted them (from another thread,
    /// while the scan is already running: counting first would leave the cores idle).
    fn total(&self, _total: u64) {}
    /// One input done.
    fn file_done(&self) {}
    /// The files are all read and a later phase begins (no count: it says the run is alive).
    fn phase(&self, _phase: Phase) {}
    /// The run is over (the report is written).
    fn finish(&self) {}
}

/// The phases after the parallel scan, so a long run never sits silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Cross-case checks (F007, D006, L011) over the cases that share a key.
    CrossCase,
    /// Writing the report.
    Report,
}

/// No progress reporting.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Runs the whole scan.
pub fn scan(
    paths: &[PathBuf],
    kb: &Knowledge,
    checks: &[&dyn Check],
    opts: &Options,
) -> ScanResult {
    scan_with_progress(paths, kb, checks, opts, &NoProgress)
}

/// Runs the whole scan, reporting progress.
pub fn scan_with_progress(
    paths: &[PathBuf],
    kb: &Knowledge,
    checks: &[&dyn Check],
    opts: &Options,
    progress: &dyn Progress,
) -> ScanResult {
    progress.start(0);
    let mut walker = walk::Walker::new(paths, opts.follow_symlinks);
    let mut result = ScanResult {
        cases: Spill::new(opts.spill_after),
        inputs: Spill::new(opts.spill_after),
        ..Default::default()
    };
    let mut keys = CrossKeys::new(opts.spill_after);
    let mut exports = coverage::ExportTable::default();
    // Files are checked in parallel a chunk at a time and folded in walk order, so what is kept
    // between chunks is only findings, counts and the (spillable) records: memory stays flat.
    // A pipeline: while the workers check chunk k, one of them folds chunk k − 1 and walks to
    // chunk k + 1, so the in-order work does not leave the other cores idle.
    let mut run = || {
        let mut chunk: Vec<Item> = walker.by_ref().take(CHUNK).collect();
        let mut pending: Vec<FileOutcome> = Vec::new();
        loop {
            let last = chunk.is_empty();
            let (next, outcomes) = rayon::join(
                || {
                    for o in pending.drain(..) {
                        fold(&mut result, &mut keys, &mut exports, o);
                    }
                    if last {
                        Vec::new()
                    } else {
                        walker.by_ref().take(CHUNK).collect::<Vec<Item>>()
                    }
                },
                || {
                    chunk
                        .par_iter()
                        .map(|item| {
                            let o = scan_item(item, kb, checks, opts);
                            progress.file_done();
                            o
                        })
                        .collect::<Vec<FileOutcome>>()
                },
            );
            if last {
                break;
            }
            pending = outcomes;
            chunk = next;
        }
    };
    std::thread::scope(|s| {
        if progress.wants_total() {
            s.spawn(|| {
                progress.total(walk::Walker::new(paths, opts.follow_symlinks).count() as u64)
            });
        }
        if opts.threads > 0 {
            match rayon::ThreadPoolBuilder::new()
                .num_threads(opts.threads)
                .build()
            {
                Ok(pool) => pool.install(run),
                Err(_) => run(),
            }
        } else {
            run()
        }
    });
    progress.phase(Phase::CrossCase);
    result.other_files = walker.other_files();
    result.symlinks_skipped = walker.symlinks_skipped();
    // What each export carries is known only now: cases lacking a field their export writes
    // are checked again with the field missing (formats §4, inferred).
    let carried = exports.finish(&mut result.coverage);
    let updates = coverage::recheck(&mut result, &carried, kb, checks, opts);
    // The cross-case rules see every case that shares a key with another, in case order; their
    // findings are the same as over all cases, since they only ever relate cases with one key.
    result.storage_error = keys.error().map(str::to_string);
    let shared = keys.shared_cases();
    let mut together = result.cases.select(&shared);
    // A case both in a file and in a ledger row (or a decision document) is one case (F009):
    // the row or document is neither a duplicate nor a second fine, and it is scored with the
    // file's case.
    let (f009, twins) = rules::f009_ledger_file_mismatch::check(&together, opts.lang);
    result.findings.extend(f009);
    let rows: std::collections::BTreeSet<usize> = twins.iter().map(|t| t.0).collect();
    let twins: Vec<(usize, usize)> = twins
        .into_iter()
        .map(|(a, b)| (shared[a], shared[b]))
        .collect();
    let mut i = 0;
    together.retain(|_| {
        i += 1;
        !rows.contains(&(i - 1))
    });
    result
        .findings
        .extend(rules::f007_duplicate_case::check(&together, opts.lang));
    result
        .findings
        .extend(rules::d006_duplicate_document_number::check(
            &together, opts.lang,
        ));
    result
        .findings
        .extend(rules::l011_double_fine::check(&together, kb, opts.lang));
    drop(together);
    coverage::settle_cases(&mut result, updates, &twins, opts.spill_after);
    result
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    result
}

/// Files checked in parallel between two folds: large enough to keep every core busy, small
/// enough that their outcomes are a few megabytes.
const CHUNK: usize = 2048;

/// Adds one file's outcome to the result, in walk order.
fn fold(
    result: &mut ScanResult,
    keys: &mut CrossKeys,
    exports: &mut coverage::ExportTable,
    o: FileOutcome,
) {
    result.files += 1;
    result.bytes += o.bytes;
    result.internal_errors += usize::from(o.internal_error);
    if o.cases.is_empty()
        && o.findings.iter().any(|f| {
            f.case_no.is_none() && matches!(f.code.as_str(), "F001" | "F002" | "F003" | "F004")
        })
    {
        // Unreadable: counted against its folder's brigade as not reviewed (未评查).
        *result
            .coverage
            .unreviewed
            .entry(o.brigade.clone().unwrap_or_default())
            .or_default() += 1;
    }
    result.inputs.push(InputRecord {
        file: o.file,
        bytes: o.bytes,
        sha256: o.sha256,
        brigade: o.brigade,
    });
    result.findings.extend(o.findings);
    for ((mut c, hashes), export) in o.cases.into_iter().zip(o.keys).zip(o.exports) {
        keys.add(result.cases.len(), &hashes);
        exports.add(&mut c, export, &mut result.coverage);
        result.cases.push(c);
    }
    for ((code, input), count) in o.not_checkable {
        *result.not_checkable.entry(code.to_string()).or_default() += count;
        *result.missing_inputs.entry(input).or_default() += count;
    }
}

/// The cross-case keys of every case, hashed: the case number (F007), the decision number
/// (D006), party + date + provision (L011) — a hash and a case index a key instead of the cases
/// themselves; a case whose keys were all seen once needs no cross-case look. The keys are
/// split by hash into buckets that spill to disk like the case records, and are matched a
/// bucket at a time, so at most a sixteenth of them is ever in memory.
struct CrossKeys {
    /// (key hash, case index), by the hash's top four bits.
    buckets: Vec<Spill<(u64, u32)>>,
}

impl CrossKeys {
    fn new(spill_after: usize) -> CrossKeys {
        CrossKeys {
            buckets: (0..16).map(|_| Spill::new(spill_after)).collect(),
        }
    }

    /// A case's keys (computed by the worker that read the case).
    fn of(c: &CaseSummary, kb: &crate::knowledge::Knowledge) -> Vec<u64> {
        // The rule's tag keeps equal texts of different rules apart.
        fn hash(tag: u8, key: &impl std::hash::Hash) -> u64 {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            tag.hash(&mut h);
            key.hash(&mut h);
            h.finish()
        }
        let mut out = Vec::new();
        if let Some(k) = rules::f007_duplicate_case::key(c) {
            out.push(hash(0, &k));
        }
        if let Some(k) = rules::d006_duplicate_document_number::key(c) {
            out.push(hash(1, &k));
        }
        for k in rules::l011_double_fine::keys(c, kb) {
            out.push(hash(2, &k));
        }
        out
    }

    fn add(&mut self, case: usize, hashes: &[u64]) {
        let case = u32::try_from(case).unwrap_or(u32::MAX);
        for h in hashes {
            self.buckets[(h >> 60) as usize].push((*h, case));
        }
    }

    /// The cases (indices, ascending) with a key some other case has too. A hash collision only
    /// brings in a case that the rules then find unrelated.
    fn shared_cases(self) -> Vec<usize> {
        let mut cases: Vec<usize> = Vec::new();
        for bucket in &self.buckets {
            let mut seen = bucket.to_vec();
            seen.sort_unstable();
            for group in seen.chunk_by(|a, b| a.0 == b.0) {
                if group.len() > 1 {
                    cases.extend(group.iter().map(|(_, c)| *c as usize));
                }
            }
        }
        cases.sort_unstable();
        cases.dedup();
        cases
    }

    /// Why a key bucket could not be written to its temporary file, if one could not.
    fn error(&self) -> Option<&str> {
        self.buckets.iter().find_map(|b| b.error())
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The brigade of a file by its folders under the scanned root: a declared brigade's folder,
/// else the first folder that is not a year or month folder.
fn brigade_of(path: &Path, root: &Path, layout: &crate::config::Layout) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let comps: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    // The file itself is not a brigade folder.
    let folders = comps.split_last().map(|(_, f)| f)?;
    layout.brigade_of_folders(folders)
}

fn scan_item(item: &Item, kb: &Knowledge, checks: &[&dyn Check], opts: &Options) -> FileOutcome {
    let f001 = &rules::f001_unreadable_file::INFO;
    match item {
        Item::Problem { path, reason } => FileOutcome {
            file: display(path),
            findings: vec![file_finding(
                f001,
                opts.lang,
                &display(path),
                Place::File,
                "file",
                match opts.lang {
                    Lang::Zh => format!("无法读取：{reason}"),
                    Lang::En => format!("cannot be read: {reason}"),
                },
            )],
            ..Default::default()
        },
        Item::File { path, root, kind } => {
            let file = display(path);
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read_and_check(path, root, *kind, &file, kb, checks, opts)
            }));
            let brigade = brigade_of(path, root, &opts.layout);
            let mut outcome = outcome.unwrap_or_else(|panic| {
                let why = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                // Our bug, not the brigade's: E000 on this file, and the other files go on.
                FileOutcome {
                    file: file.clone(),
                    findings: vec![file_finding(
                        &rules::e000_internal_error::INFO,
                        opts.lang,
                        &file,
                        Place::File,
                        "file",
                        match opts.lang {
                            Lang::Zh => format!(
                                "内部错误，请报告：检查“{file}”时 caselint 出错（{why}）；此文件未检查完，其他文件照常检查"
                            ),
                            Lang::En => format!(
                                "internal error, please report: caselint failed while checking `{file}` ({why}); this file was not fully checked, the other files were"
                            ),
                        },
                    )],
                    internal_error: true,
                    ..Default::default()
                }
            });
            outcome.brigade = brigade;
            outcome
        }
    }
}

/// What the first bytes say a file is, when that is not what caselint reads.
fn sniff_foreign(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"%PDF", "PDF"),
        (b"GIF8", "GIF"),
        (b"Rar!", "RAR"),
        (b"7z\xBC\xAF", "7z"),
        (b"\x1F\x8B", "gzip"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, n)| *n)
}

/// Why a file is not what its extension says, if it is not.
fn foreign_content(kind: InputKind, bytes: &[u8]) -> Option<(String, String)> {
    if let Some(what) = sniff_foreign(bytes) {
        return Some((
            format!("文件内容是 {what}，与扩展名不符"),
            format!("the content is {what}, not what the extension says"),
        ));
    }
    let workbook = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0");
    match kind {
        InputKind::Xml if workbook => Some((
            "文件内容是 Excel/zip 工作簿，扩展名却是 .xml".into(),
            "the content is a workbook (zip/OLE), but the extension is .xml".into(),
        )),
        InputKind::Workbook if !workbook => {
            let (zh, en) = if bytes.trim_ascii_start().starts_with(b"<") {
                ("内容为 XML/HTML", "XML/HTML")
            } else {
                ("内容为文本或无法识别的数据", "text or unknown data")
            };
            Some((
                format!("文件不是 Excel 工作簿（{zh}），与扩展名不符"),
                format!("not an Excel workbook (the content is {en}), not what the extension says"),
            ))
        }
        _ => None,
    }
}

/// Reads a file read-only, refusing empty and over-limit files before reading them.
/// Errors are (size, Chinese reason, English reason).
fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, (u64, String, String)> {
    // A FIFO or device named like a case file would block on open or never end: it is looked
    // at (without opening) and refused unread.
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() {
            return Err((
                0,
                "不是普通文件（管道、设备或目录），未读取".into(),
                "not a regular file (a pipe, device or folder); not read".into(),
            ));
        }
    }
    let handle = std::fs::File::open(path)
        .map_err(|e| (0, format!("无法打开：{e}"), format!("cannot open: {e}")))?;
    let size = handle.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Err((
            size,
            format!("文件大小 {size} 字节，超过上限 {limit} 字节，未读取"),
            format!("file is {size} bytes, over the {limit}-byte limit; not read"),
        ));
    }
    if size == 0 {
        return Err((0, "文件为空".into(), "the file is empty".into()));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    handle
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| (size, format!("读取失败：{e}"), format!("read failed: {e}")))?;
    Ok(bytes)
}

/// The total uncompressed size a zip's central directory declares, when it can be read (a zip
/// that cannot is left to the workbook reader to report). The zip reader stops any entry at its
/// declared size, so bounding the declared total bounds what unpacking can produce.
pub fn unzipped_size(bytes: &[u8]) -> Option<u64> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let size = archive.by_index_raw(i).ok()?.size();
        total = total.saturating_add(size);
    }
    Some(total)
}

fn read_and_check(
    path: &Path,
    root: &Path,
    kind: InputKind,
    file: &str,
    kb: &Knowledge,
    checks: &[&dyn Check],
    opts: &Options,
) -> FileOutcome {
    let lang = opts.lang;
    let unreadable = |zh: String, en: String| {
        file_finding(
            &rules::f001_unreadable_file::INFO,
            lang,
            file,
            Place::File,
            "file",
            lang.pick(&zh, &en).to_string(),
        )
    };
    let mut out = FileOutcome {
        file: file.to_string(),
        ..Default::default()
    };
    let bytes = match read_input(path, opts.max_file_bytes) {
        Ok(b) => b,
        Err((size, zh, en)) => {
            out.bytes = size;
            out.findings.push(unreadable(zh, en));
            return out;
        }
    };
    out.bytes = bytes.len() as u64;
    out.sha256 = Some(sha256_hex(&bytes));
    if let Some((zh, en)) = foreign_content(kind, &bytes) {
        out.findings.push(unreadable(zh, en));
        return out;
    }
    let brigade_dir = brigade_of(path, root, &opts.layout);
    let brigade_dir = brigade_dir.as_deref();
    let layout = &*opts.layout;
    let mut got = Collected::default();
    let file_findings = match kind {
        InputKind::Xml => {
            let ctx = Ctx::new(lang, kb);
            let mut sink = |case: Case, diags: Vec<Diagnostic>| {
                got.absorb(check_case(
                    case,
                    read_findings(diags, lang, file),
                    &ctx,
                    checks,
                    brigade_dir,
                    layout,
                ));
            };
            let diags = XmlReader {
                file,
                aliases: &kb.aliases,
                lang,
            }
            .read(&bytes, &mut sink);
            read_findings(diags, lang, file)
        }
        InputKind::Workbook => {
            if let Some(total) = unzipped_size(&bytes) {
                let limit = opts.max_unzipped_bytes;
                if total > limit {
                    out.findings.push(unreadable(
                        format!("工作簿解压后共 {total} 字节，超过上限 {limit} 字节（疑似压缩炸弹），未读取"),
                        format!("the workbook unpacks to {total} bytes, over the {limit}-byte limit (a zip bomb?); not read"),
                    ));
                    return out;
                }
            }
            drop(bytes);
            // A ledger is one file of many rows: the reader hands them over in batches, which
            // are checked in parallel and kept in row order.
            let mut sink = |batch: Vec<(Case, Vec<Diagnostic>)>| {
                let done: Vec<Checked> = batch
                    .into_par_iter()
                    .map_init(
                        || Ctx::new(lang, kb),
                        |ctx, (case, diags)| {
                            let findings = read_findings(diags, lang, file);
                            check_case(case, findings, ctx, checks, brigade_dir, layout)
                        },
                    )
                    .collect();
                for c in done {
                    got.absorb(c);
                }
            };
            let diags = crate::read::read_workbook(path, file, &kb.aliases, lang, &mut sink);
            read_findings(diags, lang, file)
        }
        // A decision document is one decision-only case, or a finding on the file.
        InputKind::Decision => {
            match crate::read::read_decision(
                path,
                &bytes,
                file,
                &kb.aliases,
                lang,
                opts.max_unzipped_bytes,
            ) {
                Ok((case, diags)) => {
                    let ctx = Ctx::new(lang, kb);
                    got.absorb(check_case(
                        case,
                        read_findings(diags, lang, file),
                        &ctx,
                        checks,
                        brigade_dir,
                        layout,
                    ));
                    Vec::new()
                }
                Err((zh, en)) => vec![unreadable(zh, en)],
            }
        }
    };
    out.findings = got.findings;
    out.findings.extend(file_findings);
    out.cases = got.cases;
    out.keys = got.keys;
    out.exports = got.exports;
    out.not_checkable = got.not_checkable;
    out
}

/// What checking one case gives.
struct Checked {
    findings: Vec<Finding>,
    not_checkable: Vec<(&'static str, String)>,
    summary: CaseSummary,
    keys: Vec<u64>,
    export: String,
}

/// A file's cases, as they are checked.
#[derive(Default)]
struct Collected {
    findings: Vec<Finding>,
    cases: Vec<CaseSummary>,
    keys: Vec<Vec<u64>>,
    exports: Vec<String>,
    not_checkable: BTreeMap<(&'static str, String), usize>,
}

impl Collected {
    fn absorb(&mut self, c: Checked) {
        self.findings.extend(c.findings);
        for key in c.not_checkable {
            *self.not_checkable.entry(key).or_default() += 1;
        }
        self.cases.push(c.summary);
        self.keys.push(c.keys);
        self.exports.push(c.export);
    }
}

/// Runs every check on one case; the reader's findings inside the case (F005, F006) come first
/// and belong to it.
fn check_case(
    mut case: Case,
    reader_findings: Vec<Finding>,
    ctx: &Ctx,
    checks: &[&dyn Check],
    brigade_dir: Option<&str>,
    layout: &crate::config::Layout,
) -> Checked {
    let no_infer = crate::rules::coverage::prepare(&mut case, layout);
    let mut findings: Vec<Finding> = reader_findings
        .into_iter()
        .map(|mut f| {
            if f.case_no.is_none() {
                f.case_no = case.case_no().map(str::to_string);
            }
            f
        })
        .collect();
    test_panic(&case);
    let em = crate::rules::coverage::run_checks(&case, ctx, checks);
    findings.extend(em.findings);
    let brigade = crate::rules::coverage::brigade_of_case(&case, brigade_dir, layout);
    let mut summary = CaseSummary::of(&case, brigade);
    summary.coverage =
        crate::model::coverage::CaseCoverage::of(&case, ctx, no_infer, &em.not_checkable);
    let keys = CrossKeys::of(&summary, ctx.kb);
    Checked {
        findings,
        not_checkable: em.not_checkable,
        summary,
        keys,
        export: crate::rules::coverage::export_key(&case),
    }
}

/// Test-only hook, not a feature: with `CASELINT_TEST_PANIC` set to a case number, checking that
/// case panics, so the tests can see a panic become an E000 finding (tests/cli.rs). Unset, it
/// costs one look-up per run.
fn test_panic(case: &Case) {
    static WANTED: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let wanted = WANTED.get_or_init(|| std::env::var("CASELINT_TEST_PANIC").ok());
    if let Some(no) = wanted {
        if case.case_no() == Some(no.as_str()) {
            panic!("CASELINT_TEST_PANIC: deliberate panic while checking case {no}");
        }
    }
}

/// Reads one file again and hands each of its cases (prepared as the scan prepared them) to
/// `each` with the context: the inferred-coverage phase re-checks a few cases this way.
pub(crate) fn reread(
    file: &str,
    kb: &Knowledge,
    opts: &Options,
    each: &mut dyn FnMut(Case, &Ctx),
) -> bool {
    let path = Path::new(file);
    let Ok(bytes) = read_input(path, opts.max_file_bytes) else {
        return false;
    };
    if foreign_content(InputKind::Xml, &bytes).is_some() {
        return false;
    }
    let ctx = Ctx::new(opts.lang, kb);
    let mut sink = |mut case: Case, _: Vec<Diagnostic>| {
        crate::rules::coverage::prepare(&mut case, &opts.layout);
        each(case, &ctx);
    };
    XmlReader {
        file,
        aliases: &kb.aliases,
        lang: opts.lang,
    }
    .read(&bytes, &mut sink);
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_is_lower_case_hex_of_the_digest() {
        // FIPS 180-2 test vectors.
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            super::sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
