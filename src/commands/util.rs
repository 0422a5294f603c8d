//! Small pieces the commands share: reading a named file, the nearest name for a typo, the run's
//! date, the title block of the reports, and the refusal of input that cannot be meant.

use crate::finding::Lang;
use crate::ui::io_reason;
use std::path::PathBuf;

/// Reads a text file the user named; the error says which file and why, in the command line's
/// language.
pub fn read_text(path: &std::path::Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        anyhow::anyhow!(
            "{}{}: {}",
            crate::ui::t("无法读取 ", "cannot read "),
            path.display(),
            io_reason(&e)
        )
    })
}

/// The candidate closest to `word` (edit distance at most a third of its length), if any.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Today's date for waiver expiry; `CASELINT_TODAY=YYYY-MM-DD` fixes it (tests, re-runs).
pub fn today() -> chrono::NaiveDate {
    std::env::var("CASELINT_TODAY")
        .ok()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The run's date for the reports: `SOURCE_DATE_EPOCH` (reproducible builds' convention), else
/// today (`CASELINT_TODAY` fixes it).
pub fn report_date() -> chrono::NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(today)
}

/// Title block, date and masking of the meeting reports.
/// The title block of a merged cross-check report: the configured unit, year and scope and
/// the date, as for `check` (the merged page and workbook go on the meeting's screen).
pub fn merge_view(cfg: &crate::config::ReportTitle) -> crate::report::View {
    crate::report::View {
        title: cfg.title.clone(),
        unit: cfg.unit.clone(),
        year: cfg.year_text(),
        scope: cfg.scope.clone(),
        date: Some(report_date()),
        ..Default::default()
    }
}

/// Refuses input that cannot be what the user meant: a path that does not exist, or (unless
/// `allow_empty`) paths holding no case file or ledger at all. A typo in a CI job must not pass.
pub fn check_inputs(
    paths: &[PathBuf],
    follow_symlinks: bool,
    allow_empty: bool,
) -> anyhow::Result<()> {
    let missing: Vec<String> = paths
        .iter()
        .filter(|p| std::fs::symlink_metadata(p).is_err())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "{}{}",
            crate::ui::t("路径不存在：", "no such file or folder: "),
            missing.join(crate::ui::t("、", ", "))
        );
    }
    if !allow_empty
        && crate::walk::Walker::new(paths, follow_symlinks)
            .next()
            .is_none()
    {
        let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        anyhow::bail!(
            "{}",
            match crate::ui::lang() {
                Lang::Zh => format!(
                    "{} 中没有案卷文件（.xml）或台账（.xlsx、.xlsm、.xls）；如确属正常，请加 --allow-empty",
                    list.join("、")
                ),
                Lang::En => format!(
                    "no case files (.xml) or ledgers (.xlsx, .xlsm, .xls) in {}; add --allow-empty if that is expected",
                    list.join(", ")
                ),
            }
        );
    }
    Ok(())
}
