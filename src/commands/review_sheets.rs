//! `caselint review-sheets`: one review workbook per reviewer of a draw (the sheets themselves
//! are [`crate::review::sheets`]).

use super::scanned::scan;
use super::session::SessionOptions;
use super::Outcome;
use crate::finding::Lang;
use crate::review::sample::read_assignments;
use crate::review::sheets::{plan, workbook, SheetData};
use crate::ui::io_reason;
use std::path::PathBuf;

/// What `review-sheets` is asked to do.
#[derive(Debug, Clone)]
pub struct ReviewSheetsOptions {
    /// The assignment table written by `sample` (.xlsx or .csv).
    pub assignments: PathBuf,
    /// The exports the draw was made from.
    pub paths: Vec<PathBuf>,
    /// Folder for the workbooks (one per reviewer).
    pub output: PathBuf,
    /// Keep personal names and ID numbers (the sheets are masked otherwise).
    pub no_mask: bool,
    /// Blank rows per case for findings the machine cannot see.
    pub blank_rows: usize,
}

/// `caselint review-sheets`.
pub fn run(opts: &SessionOptions, args: &ReviewSheetsOptions) -> anyhow::Result<Outcome> {
    let draw = read_assignments(&args.assignments)?;
    let mask = !args.no_mask;
    let mut scanned = scan(opts, &args.paths, mask)?;
    if let Some(p) = &scanned.personal {
        crate::review::mask::apply(&mut scanned.result, p);
    }
    let lang = scanned.session.lang;
    let plan = plan(&draw.rows, draw.seed, &scanned.result, lang, mask).map_err(|e| {
        anyhow::anyhow!(
            "{}\n  {}",
            match crate::ui::lang() {
                Lang::Zh => format!("{} 处问题：", e.len()),
                Lang::En => format!("{} problem(s):", e.len()),
            },
            e.join("\n  ")
        )
    })?;
    let paths: Vec<(PathBuf, &SheetData)> = plan
        .iter()
        .map(|(name, d)| (args.output.join(format!("{name}.xlsx")), d))
        .collect();
    let existing: Vec<String> = paths
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        anyhow::bail!(
            "{}\n  {}",
            crate::ui::t(
                "以下审查表已存在，可能已有填写内容，未覆盖：",
                "these review sheets exist and may hold a reviewer's work; not overwritten:"
            ),
            existing.join("\n  ")
        );
    }
    std::fs::create_dir_all(&args.output).map_err(|e| {
        anyhow::anyhow!(
            "{}{}: {}",
            crate::ui::t("无法创建文件夹 ", "cannot create "),
            args.output.display(),
            io_reason(&e)
        )
    })?;
    for (p, d) in &paths {
        let bytes = workbook(d, args.blank_rows)?;
        std::fs::write(p, bytes).map_err(|e| {
            anyhow::anyhow!(
                "{}{}: {}",
                crate::ui::t("无法写入 ", "cannot write "),
                p.display(),
                io_reason(&e)
            )
        })?;
        println!(
            "{}\t{} {}\t{} {}",
            p.display(),
            d.cases.len(),
            lang.pick("件", "cases"),
            d.findings.len(),
            lang.pick("条机器发现的问题", "machine findings")
        );
    }
    Ok(Outcome::Clean)
}
