//! `caselint merge`: reads the returned review workbooks, merges them into the final findings and
//! writes the report (the checks and the merge themselves are [`crate::review::merge`]).

use super::session::{all_infos, session, SessionOptions};
use super::util::merge_view;
use super::Outcome;
use crate::finding::Lang;
use crate::report::Run;
use crate::review::guarded_workbook;
use crate::review::merge::{
    merge, output_format, pct, read_workbook, render, validate, MergeFormat, SheetError, R001,
};
use crate::review::sample::{has_ext, read_assignments};
use crate::review::sheets::META;
use calamine::Reader;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// What `merge` is asked to do.
#[derive(Debug, Clone)]
pub struct MergeOptions {
    /// Returned review workbooks, or folders holding them.
    pub inputs: Vec<PathBuf>,
    /// The draw's assignment table: checks that every reviewer's workbook is back.
    pub assignments: Option<PathBuf>,
    /// Output format (default: from the extension of `output`, else JSON).
    pub format: Option<MergeFormat>,
    /// Write the report to this file (needed for xlsx).
    pub output: Option<PathBuf>,
}

/// The workbooks named on the command line: files as given, folders' `.xlsx` files (sorted;
/// Office lock files `~$…` and workbooks without review metadata left out, the latter noted).
fn collect_inputs(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    has_ext(f, "xlsx")
                        && !f
                            .file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with("~$"))
                })
                .collect();
            v.sort();
            for f in v {
                let is_sheet =
                    guarded_workbook(&f, |wb| Ok(wb.sheet_names().iter().any(|n| n == META)))
                        .unwrap_or(true);
                if is_sheet {
                    out.push(f);
                } else {
                    eprintln!(
                        "{}{}",
                        f.display(),
                        crate::ui::t(" 不是审查表，已跳过", " is not a review sheet; skipped")
                    );
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// `caselint merge`.
pub fn run(opts: &SessionOptions, args: &MergeOptions) -> anyhow::Result<Outcome> {
    let format = output_format(args.format, args.output.as_deref())?;
    if format == MergeFormat::Xlsx && args.output.is_none() {
        anyhow::bail!(
            "{}",
            crate::ui::t(
                "--format xlsx 需要 -o 文件（工作簿是二进制文件）",
                "--format xlsx needs -o FILE (a workbook is binary)"
            )
        );
    }
    let s = session(opts)?;
    let lang = s.lang;
    let mut infos = all_infos(&s.kb);
    infos.push(&R001);
    let index = crate::rules::index(&infos);
    let known = |code: &str| index.contains_key(code);
    let files = collect_inputs(&args.inputs)?;
    let mut errors: Vec<SheetError> = Vec::new();
    let mut returned = Vec::new();
    for f in &files {
        let name = f.display().to_string();
        match read_workbook(f) {
            Err(message) => errors.push(SheetError {
                file: name,
                at: String::new(),
                message,
            }),
            Ok((meta, grids)) => match validate(&name, &meta, &grids, &known) {
                Ok(r) => returned.push(r),
                Err(mut e) => errors.append(&mut e),
            },
        }
    }
    let draw = match &args.assignments {
        Some(p) => Some(read_assignments(p)?),
        None => None,
    };
    let merged = if errors.is_empty() {
        merge(
            &returned,
            draw.as_ref().map(|d| (d.seed, d.rows.as_slice())),
            &index,
            lang,
        )
    } else {
        Err(errors)
    };
    let mut merged = merged.map_err(|errs| {
        let list: Vec<String> = errs.iter().map(|e| format!("  {e}")).collect();
        anyhow::anyhow!(
            "{}\n{}",
            match crate::ui::lang() {
                Lang::Zh => format!("审查表有 {} 处问题，未合并（审查表未被改动）：", errs.len()),
                Lang::En => format!(
                    "{} problem(s) in the review sheets; nothing merged (the sheets are unchanged):",
                    errs.len()
                ),
            },
            list.join("\n")
        )
    })?;
    merged.result.provenance = crate::model::run::Provenance {
        rules_hash: s.rules_hash.clone(),
        settings: BTreeMap::from([
            ("review.seed".to_string(), merged.seed.to_string()),
            ("review.draw-id".to_string(), merged.draw_id.clone()),
            ("review.sheets".to_string(), merged.sheets.len().to_string()),
            ("review.masked".to_string(), merged.masked.to_string()),
        ]),
    };
    let run = Run {
        result: &merged.result,
        lang,
        rules: &index,
        elapsed: None,
        scoring: Some(&s.kb.scoring),
        view: merge_view(&s.config.report),
    };
    let bytes = render(&merged, &run, format)?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, &bytes)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            let mut t = comfy_table::Table::new();
            t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
            t.set_header(match lang {
                Lang::Zh => vec!["规则", "确认", "驳回", "驳回率"],
                Lang::En => vec!["rule", "confirmed", "rejected", "rejection rate"],
            });
            for r in &merged.rates {
                t.add_row(vec![
                    r.code.clone(),
                    r.confirmed.to_string(),
                    r.rejected.to_string(),
                    pct(r),
                ]);
            }
            let added: usize = merged.sheets.iter().map(|s| s.added).sum();
            println!(
                "{t}\n{}: {}    {}: {}    {}: {}    {}: {}",
                lang.pick("审查表", "sheets"),
                merged.sheets.len(),
                lang.pick("最终问题", "final findings"),
                merged.result.findings.len(),
                lang.pick("其中补充", "of which added"),
                added,
                lang.pick("驳回", "rejected"),
                merged.rejected.len()
            );
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    if !merged.unreviewed.is_empty() {
        let list: Vec<String> = merged
            .unreviewed
            .iter()
            .map(|u| {
                format!(
                    "  {} {}（{}）",
                    u.case_no.as_deref().unwrap_or("?"),
                    u.file,
                    u.reviewer
                )
            })
            .collect();
        eprintln!(
            "{}\n{}",
            match crate::ui::lang() {
                Lang::Zh => format!(
                    "注意：{} 件抽样案件没有在“案件结论”表签署审查结论（未审查）：",
                    merged.unreviewed.len()
                ),
                Lang::En => format!(
                    "note: {} drawn case(s) were not signed off on the Cases sheet (unreviewed):",
                    merged.unreviewed.len()
                ),
            },
            list.join("\n")
        );
    }
    Ok(Outcome::Clean)
}
