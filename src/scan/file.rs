//! One input file: read it (size limit, foreign content, zip bombs), hand it to its reader, turn
//! the reader's diagnostics into findings (F001–F006) and check each case it yields. Also the
//! re-read the inferred-coverage phase uses.

use super::{brigade_of, display, sha256_hex, CrossKeys, FileOutcome, Kept, Options, Pairing};
use crate::finding::{Finding, Lang, Place};
use crate::knowledge::Knowledge;
use crate::model::run::{CaseSummary, EncodedCase};
use crate::model::Case;
use crate::read::diagnostic::Diagnostic;
use crate::read::excel::LedgerRows;
use crate::read::xml::XmlReader;
use crate::rules::{self, file_finding, read_findings, Check, Ctx};
use crate::walk::{InputKind, Item};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

pub(super) fn scan_item(
    item: &Item,
    kb: &Knowledge,
    checks: &[&dyn Check],
    opts: &Options,
    pairing: &Pairing,
) -> FileOutcome {
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
            let brigade = brigade_of(path, root, &opts.layout);
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read_and_check(
                    path,
                    brigade.as_deref(),
                    *kind,
                    &file,
                    kb,
                    checks,
                    opts,
                    pairing,
                )
            }));
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
    // A FIFO or device named like a case file would block on open or never end: it is opened
    // without waiting (O_NONBLOCK) and refused unread when the open handle is not a regular
    // file. One open and one fstat, no stat of the path before (a third of the syscalls).
    let handle = open_no_wait(path)
        .map_err(|e| (0, format!("无法打开：{e}"), format!("cannot open: {e}")))?;
    let meta = handle
        .metadata()
        .map_err(|e| (0, format!("无法打开：{e}"), format!("cannot open: {e}")))?;
    if !meta.is_file() {
        return Err((
            0,
            "不是普通文件（管道、设备或目录），未读取".into(),
            "not a regular file (a pipe, device or folder); not read".into(),
        ));
    }
    let size = meta.len();
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
    // The size fstat gave is read, and no more: `read_to_end` would ask once more to see the
    // end (a second read call per file). A file that shrank meanwhile is read to its end.
    let mut bytes = vec![0; size as usize];
    let mut filled = 0;
    let mut handle = handle;
    while filled < bytes.len() {
        match handle.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err((size, format!("读取失败：{e}"), format!("read failed: {e}"))),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Opens read-only; on Unix without blocking on a FIFO or device (reads of a regular file are
/// never affected by O_NONBLOCK).
#[cfg(unix)]
fn open_no_wait(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

/// Elsewhere (Windows) a pipe cannot sit in a folder like a case file.
#[cfg(not(unix))]
fn open_no_wait(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
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

// The file's four, and the run's four (what it checks with, and whether F009 may pair).
#[allow(clippy::too_many_arguments)]
fn read_and_check(
    path: &Path,
    brigade_dir: Option<&str>,
    kind: InputKind,
    file: &str,
    kb: &Knowledge,
    checks: &[&dyn Check],
    opts: &Options,
    pairing: &Pairing,
) -> FileOutcome {
    let lang = opts.lang;
    let ctx_of = || {
        let mut ctx = Ctx::new(lang, kb);
        ctx.keep_facts = pairing.possible();
        ctx
    };
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
    let layout = &*opts.layout;
    let mut got = Collected::default();
    let file_findings = match kind {
        InputKind::Xml => {
            let ctx = ctx_of();
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
            // A ledger is one file of many rows: each row's case is checked (and its record
            // encoded) by the worker that read the row; the results come back in row order.
            let check = |case: Case, diags: Vec<Diagnostic>| {
                let ctx = ctx_of();
                let findings = read_findings(diags, lang, file);
                let mut c = check_case(case, findings, &ctx, checks, brigade_dir, layout);
                c.encode();
                c
            };
            // A sheet read again another way first takes back what it gave.
            let mut mark = got.mark();
            let mut absorb = |rows: LedgerRows<Checked>| match rows {
                LedgerRows::SheetStart => mark = got.mark(),
                LedgerRows::Batch(batch) => batch.into_iter().for_each(|c| got.absorb(c)),
                LedgerRows::SheetVoid => got.undo(&mark),
            };
            let diags =
                crate::read::read_workbook(path, file, &kb.aliases, lang, &check, &mut absorb);
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
                    let ctx = ctx_of();
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
    out.not_checkable = got.not_checkable();
    out.findings = got.findings;
    out.findings.extend(file_findings);
    out.cases = got.cases;
    out.encoded = got.encoded;
    out.keys = got.keys;
    out.exports = got.exports;
    out
}

/// What checking one case gives.
struct Checked {
    findings: Vec<Finding>,
    not_checkable: Vec<(&'static str, String)>,
    summary: Kept,
    keys: Vec<u64>,
    export: String,
}

impl Checked {
    /// Encodes the case's record here, on the worker (the fold then only appends its bytes).
    fn encode(&mut self) {
        if let Kept::Summary(s) = &self.summary {
            self.summary = Kept::Encoded(EncodedCase::of(s), super::coverage::ExportCounts::of(s));
        }
    }
}

/// A file's cases, as they are checked.
#[derive(Default)]
struct Collected {
    findings: Vec<Finding>,
    cases: Vec<CaseSummary>,
    encoded: Vec<(EncodedCase, super::coverage::ExportCounts)>,
    keys: Vec<Vec<u64>>,
    exports: Vec<String>,
    not_checkable: BTreeMap<(&'static str, String), usize>,
    /// The last case's unchecked (rule, input) pairs and how many cases in a row had the same:
    /// a ledger's rows mostly lack the same inputs, so they are counted a run at a time.
    run: (Vec<(&'static str, String)>, usize),
}

/// How far a [`Collected`] had got (to go back to).
struct Mark {
    lens: [usize; 5],
    not_checkable: BTreeMap<(&'static str, String), usize>,
}

impl Collected {
    fn mark(&mut self) -> Mark {
        self.end_run();
        Mark {
            lens: self.lens(),
            not_checkable: self.not_checkable.clone(),
        }
    }

    fn lens(&self) -> [usize; 5] {
        [
            self.findings.len(),
            self.cases.len(),
            self.encoded.len(),
            self.keys.len(),
            self.exports.len(),
        ]
    }

    /// Back to `mark`: what was absorbed since is dropped.
    fn undo(&mut self, mark: &Mark) {
        let [findings, cases, encoded, keys, exports] = mark.lens;
        self.findings.truncate(findings);
        self.cases.truncate(cases);
        self.encoded.truncate(encoded);
        self.keys.truncate(keys);
        self.exports.truncate(exports);
        self.not_checkable.clone_from(&mark.not_checkable);
        self.run = Default::default();
    }

    fn end_run(&mut self) {
        let (keys, n) = std::mem::take(&mut self.run);
        for key in keys {
            *self.not_checkable.entry(key).or_default() += n;
        }
    }

    /// (rule, input) → cases the rule could not be checked on for want of the input.
    fn not_checkable(&mut self) -> BTreeMap<(&'static str, String), usize> {
        self.end_run();
        std::mem::take(&mut self.not_checkable)
    }

    fn absorb(&mut self, c: Checked) {
        self.findings.extend(c.findings);
        if c.not_checkable == self.run.0 {
            self.run.1 += 1;
        } else {
            self.end_run();
            self.run = (c.not_checkable, 1);
        }
        match c.summary {
            Kept::Summary(s) => self.cases.push(s),
            Kept::Encoded(e, n) => self.encoded.push((e, n)),
        }
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
        summary: Kept::Summary(summary),
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
