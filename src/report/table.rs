//! The terminal issue table (comfy-table), grouped by case, then a summary line. The default
//! output: what reviewers read together in a meeting.

use super::{Reporter, Run};
use crate::finding::{Finding, Lang, Severity};
use comfy_table::{presets, Cell, ContentArrangement, Table as Grid};
use std::io::{self, Write};

/// Findings of one (file, case) group, in output order.
type Group<'a> = ((&'a str, Option<&'a str>), Vec<&'a Finding>);

/// Table output. `width` fixes the table width (tests); `None` uses the terminal's, or 160.
pub struct Table {
    pub width: Option<u16>,
}

impl Reporter for Table {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let lang = run.lang;
        let findings = &run.result.findings;
        // Group by (file, case), in the order the sorted findings first name them.
        let mut groups: Vec<Group> = Vec::new();
        for f in findings {
            let key = (f.file.as_str(), f.case_no.as_deref());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, v)) => v.push(f),
                None => groups.push((key, vec![f])),
            }
        }
        let width = self
            .width
            .unwrap_or_else(|| terminal_width().unwrap_or(160));
        for ((file, case_no), fs) in &groups {
            let title = match (case_no, lang) {
                (Some(no), Lang::Zh) => format!("案件 {no}（{file}）"),
                (Some(no), Lang::En) => format!("Case {no} ({file})"),
                (None, Lang::Zh) => format!("文件 {file}"),
                (None, Lang::En) => format!("File {file}"),
            };
            writeln!(out, "{title}")?;
            let mut t = Grid::new();
            t.load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
            let head = match lang {
                Lang::Zh => ["位置", "规则", "级别", "问题", "依据", "整改"],
                Lang::En => [
                    "location",
                    "rule",
                    "severity",
                    "what is wrong",
                    "basis",
                    "how to fix",
                ],
            };
            t.set_header(head.iter().map(Cell::new));
            for f in fs {
                let loc = f.place.display_in(lang);
                let loc = if loc.is_empty() {
                    lang.pick("（整个文件）", "(whole file)").to_string()
                } else {
                    loc
                };
                t.add_row(vec![
                    Cell::new(loc),
                    Cell::new(format!("{} {}", f.code, run.name_of(f))),
                    Cell::new(severity_cell(f.severity, f.waived.is_some(), lang)),
                    Cell::new(&f.message),
                    Cell::new(&f.basis),
                    Cell::new(&f.help),
                ]);
            }
            writeln!(out, "{t}")?;
        }
        writeln!(out, "{}", summary_line(run))
    }
}

fn severity_cell(s: Severity, waived: bool, lang: Lang) -> String {
    if waived {
        format!("{}（{}）", s.label(lang), lang.pick("已豁免", "waived"))
    } else {
        s.label(lang).to_string()
    }
}

fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS").ok()?.parse().ok()
}

/// `共 3 个文件、12 个案件；错误 4，警告 2，提示 1；…`
pub fn summary_line(run: &Run) -> String {
    let r = run.result;
    let c = run.counts();
    let n = |s| c.get(&s).copied().unwrap_or(0);
    let nc = run.not_checkable_total();
    let missing: Vec<String> = run
        .top_missing(3)
        .iter()
        .map(|(k, v)| format!("{k} ×{v}"))
        .collect();
    let mut s = match run.lang {
        Lang::Zh => format!(
            "共 {} 个文件、{} 个案件；错误 {}，警告 {}，提示 {}",
            r.files,
            r.cases.len(),
            n(Severity::Error),
            n(Severity::Warning),
            n(Severity::Info)
        ),
        Lang::En => format!(
            "{} files, {} cases; {} errors, {} warnings, {} info",
            r.files,
            r.cases.len(),
            n(Severity::Error),
            n(Severity::Warning),
            n(Severity::Info)
        ),
    };
    // Files in the scanned folders caselint does not read (.pdf, .doc, .csv, images): never
    // passed over silently.
    if r.other_files > 0 {
        s += &match run.lang {
            Lang::Zh => format!("；跳过 {} 个非案卷格式文件", r.other_files),
            Lang::En => format!("; {} files of other types skipped", r.other_files),
        };
    }
    if nc > 0 {
        s += &match run.lang {
            Lang::Zh => format!("；因缺少输入无法检查 {nc} 项（{}）", missing.join("，")),
            Lang::En => format!(
                "; {nc} checks not checkable for lack of input ({})",
                missing.join(", ")
            ),
        };
    }
    if let Some(b) = r.baseline {
        s += &match run.lang {
            Lang::Zh => format!(
                "；基线已接受 {} 项，基线中 {} 项已不再出现",
                b.suppressed, b.stale
            ),
            Lang::En => format!(
                "; baseline accepted {}, {} baseline entries no longer occur",
                b.suppressed, b.stale
            ),
        };
    }
    if let Some(t) = run.elapsed {
        s += &match run.lang {
            Lang::Zh => format!("；用时 {:.2} 秒", t.as_secs_f64()),
            Lang::En => format!("; {:.2} s", t.as_secs_f64()),
        };
    }
    s
}
