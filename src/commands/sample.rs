//! `caselint sample`: draws a reproducible sample of cases for a peer cross-check and assigns
//! each to a reviewer from another brigade (the draw itself is [`crate::review::sample`]).

use super::scanned::scan;
use super::session::SessionOptions;
use super::util::{did_you_mean, read_text};
use super::Outcome;
use crate::finding::Lang;
use crate::review::sample::{
    draw, has_ext, parse_reviewers, terminal_table, to_csv, to_xlsx, Size,
};
use crate::ui::io_reason;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// What `sample` is asked to do.
#[derive(Debug, Clone)]
pub struct SampleOptions {
    /// Files or folders to draw from (a folder per brigade).
    pub paths: Vec<PathBuf>,
    /// The reviewers file (TOML).
    pub reviewers: PathBuf,
    /// The published seed of the draw.
    pub seed: u64,
    /// Number of cases to draw.
    pub count: Option<usize>,
    /// Fraction of cases to draw, in parts per million.
    pub fraction: Option<u32>,
    /// Apply the count or fraction to every brigade instead of to all cases together.
    pub per_brigade: bool,
    /// Write the assignment table to this file (.xlsx or .csv).
    pub output: Option<PathBuf>,
}

/// `caselint sample`.
pub fn run(opts: &SessionOptions, args: &SampleOptions) -> anyhow::Result<Outcome> {
    let size = match (args.count, args.fraction) {
        (Some(k), _) => Size::Count(k),
        (None, Some(f)) => Size::Fraction(f),
        (None, None) => anyhow::bail!(
            "{}",
            crate::ui::t(
                "须给出样本量：--count 件数 或 --fraction 比例（二者选一）",
                "give the sample size: --count N or --fraction F (one of the two)"
            )
        ),
    };
    if let Some(out) = &args.output {
        if !has_ext(out, "xlsx") && !has_ext(out, "csv") {
            anyhow::bail!(
                "{}{}",
                crate::ui::t(
                    "-o 的文件名须以 .xlsx 或 .csv 结尾：",
                    "-o must end in .xlsx or .csv: "
                ),
                out.display()
            );
        }
    }
    let text = read_text(&args.reviewers)?;
    let file = args.reviewers.display().to_string();
    let reviewers = parse_reviewers(&file, &text).map_err(|errs| {
        let list: Vec<String> = errs.iter().map(|e| format!("  {e}")).collect();
        anyhow::anyhow!(
            "{}\n{}",
            crate::ui::t("审查人文件有误：", "errors in the reviewers file:"),
            list.join("\n")
        )
    })?;
    let scanned = scan(opts, &args.paths, false)?;
    let lang = scanned.session.lang;
    let brigades: BTreeSet<String> = scanned.result.cases.iter().map(|c| c.brigade).collect();
    // A brigade name with a typo would make its reviewer an outsider who may review their own
    // brigade's cases: only a reviewer marked `outside = true` may name another brigade.
    let unknown: Vec<String> = reviewers
        .iter()
        .filter(|r| !r.outside && !brigades.contains(&r.brigade))
        .map(|r| match crate::ui::lang() {
            Lang::Zh => {
                let near = did_you_mean(&r.brigade, brigades.iter().map(String::as_str))
                    .map(|n| format!("（是否是“{n}”？）"))
                    .unwrap_or_default();
                format!(
                    "  {file}:{}: 审查人“{}”的大队“{}”不在案卷中{near}",
                    r.line, r.name, r.brigade
                )
            }
            Lang::En => {
                let near = did_you_mean(&r.brigade, brigades.iter().map(String::as_str))
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                format!(
                    "  {file}:{}: reviewer {}'s brigade `{}` is not among the exports{near}",
                    r.line, r.name, r.brigade
                )
            }
        })
        .collect();
    if !unknown.is_empty() {
        let found: Vec<&str> = brigades.iter().map(String::as_str).collect();
        anyhow::bail!(
            "{}\n{}\n{}",
            crate::ui::t("审查人文件中的大队与案卷不符：", "brigades in the reviewers file that the exports do not have:"),
            unknown.join("\n"),
            match crate::ui::lang() {
                Lang::Zh => format!("  案卷中的大队：{}。不属于任何被抽查大队的审查人（如支队法制科）请加 outside = true", found.join("、")),
                Lang::En => format!("  brigades in the exports: {}. A reviewer from none of them (the detachment's legal office) adds outside = true", found.join(", ")),
            }
        );
    }
    if let Size::Count(k) = size {
        let all = scanned.result.cases.len();
        let mut per: BTreeMap<String, usize> = BTreeMap::new();
        for c in scanned.result.cases.iter() {
            *per.entry(c.brigade).or_default() += 1;
        }
        let short: Vec<String> = if args.per_brigade {
            per.iter()
                .filter(|(_, n)| **n < k)
                .map(|(b, n)| format!("{b} {n}"))
                .collect()
        } else if all < k {
            vec![all.to_string()]
        } else {
            Vec::new()
        };
        if !short.is_empty() {
            eprintln!(
                "{}",
                match (crate::ui::lang(), args.per_brigade) {
                    (Lang::Zh, true) => format!("注意：--count {k} 超过以下大队的案件数，这些大队全部抽取：{}", short.join("、")),
                    (Lang::Zh, false) => format!("注意：--count {k} 超过案件总数 {all}，全部 {all} 件都被抽取"),
                    (Lang::En, true) => format!("note: --count {k} exceeds the cases of these brigades; all of theirs are drawn: {}", short.join(", ")),
                    (Lang::En, false) => format!("note: --count {k} exceeds the {all} cases; all {all} are drawn"),
                }
            );
        }
    }
    let d = draw(
        &scanned.result,
        &reviewers,
        args.seed,
        size,
        args.per_brigade,
    )
    .map_err(|e| anyhow::anyhow!(e))?;
    print!("{}", terminal_table(&d, &reviewers, lang));
    if let Some(out) = &args.output {
        let bytes = if has_ext(out, "csv") {
            to_csv(&d, lang)
        } else {
            to_xlsx(&d, size, args.per_brigade, lang)?
        };
        std::fs::write(out, bytes).map_err(|e| {
            anyhow::anyhow!(
                "{}{}: {}",
                crate::ui::t("无法写入 ", "cannot write "),
                out.display(),
                io_reason(&e)
            )
        })?;
    }
    Ok(Outcome::Clean)
}
