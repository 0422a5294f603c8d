//! The terminal issue table (comfy-table), grouped by case, then a summary. The default output:
//! what reviewers read together in a meeting.
//!
//! The table fits the width it is given (the terminal's, `COLUMNS`, or 100 columns when the
//! output is not a terminal, so piped output and snapshots do not depend on the window). Cells
//! are wrapped here, not by comfy-table: a line may break between Chinese characters and at
//! spaces, never inside a run of Latin letters and digits (a date, a number, a file name), and
//! never before closing punctuation; only a run wider than its column is cut. Severities are
//! coloured on a terminal unless `NO_COLOR` is set.

use super::{Reporter, Run};
use crate::finding::{Finding, Lang, Place, Severity};
use comfy_table::{
    presets, Cell, Color, ColumnConstraint, ContentArrangement, Table as Grid, Width,
};
use std::collections::HashMap;
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// Findings of one (file, case) group, in output order.
type Group<'a> = ((&'a str, Option<&'a str>), Vec<&'a Finding>);

/// Width when the output is not a terminal and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: u16 = 100;
/// The narrowest table laid out; below it the table is as wide as this.
pub const MIN_WIDTH: u16 = 80;

/// Table output. `width` fixes the table width (tests); `None` uses the terminal's, `COLUMNS`,
/// or [`DEFAULT_WIDTH`].
pub struct Table {
    pub width: Option<u16>,
}

/// Display width of one line (CJK and full-width characters count two).
pub fn line_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Display width of the widest line.
fn text_width(s: &str) -> usize {
    s.lines().map(line_width).max().unwrap_or(0)
}

/// Characters a line must not start with (closing punctuation, in Chinese and Latin text).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』】〕〉’”…,.;:?!)]}%".contains(c)
}

/// Characters a line must not end with (opening punctuation, and `×` of a count: `×87`).
fn no_line_end(c: char) -> bool {
    "（《「『【〔〈‘“([{×".contains(c)
}

/// A character that joins a Latin word: letters, digits and the punctuation inside dates,
/// numbers, paths and codes.
fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._-/:#@+%&=~'\"\\|<>*$".contains(c)
}

/// Wraps `text` to lines no wider than `width` (see the module comment for where it breaks).
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(2);
    let mut out: Vec<String> = Vec::new();
    for para in text.split('\n') {
        // Units that may not be split: a Latin word, or one other character, with closing
        // punctuation glued to what precedes it and opening punctuation to what follows.
        let mut units: Vec<String> = Vec::new();
        let mut glue_next = false;
        let chars: Vec<char> = para.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let mut unit = String::new();
            if word_char(c) {
                // A comma between digits is a thousands separator: `5,000` is one word.
                let joins = |i: usize| {
                    word_char(chars[i])
                        || (chars[i] == ','
                            && i > 0
                            && chars[i - 1].is_ascii_digit()
                            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
                };
                while i < chars.len() && joins(i) {
                    unit.push(chars[i]);
                    i += 1;
                }
            } else {
                unit.push(c);
                i += 1;
            }
            let first = unit.chars().next().unwrap_or(' ');
            match units.last_mut() {
                Some(last) if glue_next || (no_line_start(first) && first != ' ') => {
                    last.push_str(&unit)
                }
                _ => units.push(unit),
            }
            glue_next = units
                .last()
                .and_then(|u| u.chars().last())
                .is_some_and(no_line_end);
        }
        // A word wider than the column breaks after a path or code separator before it is cut.
        let units: Vec<String> = units
            .into_iter()
            .flat_map(|u| {
                if line_width(&u) > width {
                    split_at_separators(&u)
                } else {
                    vec![u]
                }
            })
            .collect();
        let mut line = String::new();
        let mut w = 0;
        for u in units {
            let uw = line_width(&u);
            if u == " " {
                if w > 0 && w < width {
                    line.push(' ');
                    w += 1;
                }
                continue;
            }
            if w + uw > width && w > 0 {
                out.push(line.trim_end().to_string());
                line = String::new();
                w = 0;
            }
            if uw > width {
                // Wider than the column: cut where it must be cut.
                for c in u.chars() {
                    let cw = c.width().unwrap_or(0);
                    if w + cw > width && w > 0 {
                        // Closing punctuation takes the character before it along.
                        let carry = if no_line_start(c) { line.pop() } else { None };
                        out.push(std::mem::take(&mut line));
                        w = 0;
                        if let Some(p) = carry {
                            line.push(p);
                            w = p.width().unwrap_or(0);
                        }
                    }
                    line.push(c);
                    w += cw;
                }
            } else {
                line.push_str(&u);
                w += uw;
            }
        }
        out.push(line.trim_end().to_string());
    }
    out.join("\n")
}

/// `word` split after each `/`, `\\`, `_` or `-`, and after a `.` not between digits
/// (`fixtures/` `detachment/` …, `aliases.` `toml`), so a long path or code breaks where a reader
/// expects it; the pieces are joined again where they fit.
fn split_at_separators(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    let mut piece = String::new();
    for (i, &c) in chars.iter().enumerate() {
        piece.push(c);
        let next = chars.get(i + 1).copied();
        let sep = match c {
            '/' | '\\' | '_' | '-' => true,
            '.' => {
                !(i > 0
                    && chars[i - 1].is_ascii_digit()
                    && next.is_some_and(|n| n.is_ascii_digit()))
            }
            _ => false,
        };
        // Closing punctuation stays with what precedes it.
        if sep && next.is_some_and(|n| !no_line_start(n)) {
            out.push(std::mem::take(&mut piece));
        }
    }
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// A summary line wrapped to `width`: whole statements (ending in `；` / `; `) where they fit, so a
/// count is not parted from its label; a statement wider than the line is wrapped inside.
pub fn wrap_statements(text: &str, width: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut part = String::new();
    let mut chars = text.chars().peekable();
    // Inside brackets a `；` parts clauses of one statement, not statements.
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        part.push(c);
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && (c == '；' || (c == ';' && chars.peek() == Some(&' '))) {
            if c == ';' {
                chars.next();
                part.push(' ');
            }
            parts.push(std::mem::take(&mut part));
        }
    }
    if !part.is_empty() {
        parts.push(part);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for p in parts {
        if !line.is_empty() && line_width(&line) + line_width(p.trim_end()) > width {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
        }
        if line.is_empty() && line_width(p.trim_end()) > width {
            let wrapped = wrap(&p, width);
            let mut ls: Vec<&str> = wrapped.lines().collect();
            let last = ls.pop().unwrap_or("");
            lines.extend(ls.into_iter().map(str::to_string));
            line = last.to_string();
            if p.ends_with(' ') {
                line.push(' ');
            }
        } else {
            line.push_str(&p);
        }
    }
    if !line.trim_end().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines.join("\n")
}

/// Document names by kind (`checks/documents.toml`), for the location column.
fn document_names() -> &'static HashMap<String, String> {
    static NAMES: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let text = crate::data::shipped_text("documents.toml");
        let table: toml::Table = toml::from_str(text).unwrap_or_default();
        table
            .get("kinds")
            .and_then(|k| k.as_table())
            .map(|kinds| {
                kinds
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.get("name")?.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The document a finding is about, when its subject starts with a document kind
/// (`decision`, `decision-service`, `notice`).
pub fn document_of(f: &Finding, lang: Lang) -> Option<String> {
    let s = f.subject.as_str();
    let names = document_names();
    let kind = names
        .keys()
        .filter(|k| {
            s.strip_prefix(k.as_str()).is_some_and(|rest| {
                rest.chars()
                    .next()
                    .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'))
            })
        })
        .max_by_key(|k| k.len())?;
    Some(match lang {
        Lang::Zh => names[kind].clone(),
        Lang::En => kind.replace('_', " "),
    })
}

/// Where a finding is, as a reviewer looks for it: the document, then the line or the cell.
pub fn location(f: &Finding, lang: Lang) -> String {
    let at = match (&f.place, lang) {
        (Place::File, _) => lang.pick("（整个文件）", "(whole file)").to_string(),
        (Place::Line { line, .. }, Lang::Zh) => format!("第{line}行"),
        (Place::Line { line, .. }, Lang::En) => format!("line {line}"),
        (Place::Cell { .. } | Place::Paragraph(_), _) => f.place.display_in(lang),
    };
    match document_of(f, lang) {
        Some(doc) if f.place != Place::File => format!("{doc}\n{at}"),
        _ => at,
    }
}

/// Whether to colour: a terminal, and no `NO_COLOR` (set and not empty).
fn colour_wanted(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The width to lay out for: the terminal's, else `COLUMNS`, else [`DEFAULT_WIDTH`].
fn layout_width(terminal: bool) -> u16 {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|c| *c > 0);
    let tty = if terminal { Grid::new().width() } else { None };
    tty.or(columns).unwrap_or(DEFAULT_WIDTH).max(MIN_WIDTH)
}

/// Column widths (content, without padding) for `natural` widths in `total` columns: location,
/// rule and severity get what they need up to a cap; the three text columns share the rest,
/// what is wrong weighted above basis and fix.
fn widths(natural: [usize; 6], total: usize) -> [usize; 6] {
    // 7 borders and one space each side of 6 cells.
    let content = total.saturating_sub(19);
    let (loc_cap, rule_cap) = match total {
        0..=99 => (12, 12),
        100..=119 => (14, 14),
        _ => (18, 22),
    };
    let loc = natural[0].clamp(4, loc_cap);
    let rule = natural[1].clamp(4, rule_cap);
    let sev = natural[2].clamp(4, 10);
    let mut rest = content.saturating_sub(loc + rule + sev);
    const WEIGHT: [usize; 3] = [4, 3, 3];
    // Weighted water-filling: a column that needs less than its share gets what it needs.
    let mut out = [0usize; 3];
    let mut open: Vec<usize> = (0..3).collect();
    while !open.is_empty() {
        let weights: usize = open.iter().map(|&i| WEIGHT[i]).sum();
        let share = |i: usize| rest * WEIGHT[i] / weights;
        let small: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&i| natural[3 + i] <= share(i))
            .collect();
        if small.is_empty() {
            let mut left = rest;
            for (k, &i) in open.iter().enumerate() {
                out[i] = if k + 1 == open.len() { left } else { share(i) };
                left -= out[i];
            }
            break;
        }
        for i in small {
            out[i] = natural[3 + i].max(1);
            rest -= out[i];
            open.retain(|&j| j != i);
        }
    }
    [loc, rule, sev, out[0].max(6), out[1].max(6), out[2].max(6)]
}

impl Reporter for Table {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let lang = run.lang;
        let findings = &run.result.findings;
        let terminal = run.view.terminal;
        let colour = colour_wanted(terminal);
        // Group by (file, case), in the order the sorted findings first name them.
        let mut groups: Vec<Group> = Vec::new();
        let mut at: HashMap<(&str, Option<&str>), usize> = HashMap::new();
        for f in findings {
            let key = (f.file.as_str(), f.case_no.as_deref());
            match at.get(&key) {
                Some(&i) => groups[i].1.push(f),
                None => {
                    at.insert(key, groups.len());
                    groups.push((key, vec![f]));
                }
            }
        }
        let width = self.width.unwrap_or_else(|| layout_width(terminal)) as usize;
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
        // One layout for every group, so the columns line up down the page.
        let rows: Vec<[String; 6]> = findings
            .iter()
            .map(|f| {
                let title = run
                    .rules
                    .get(f.code.as_str())
                    .map(|i| i.title.get(lang))
                    .unwrap_or("");
                [
                    location(f, lang),
                    format!("{} {title}", f.code).trim_end().to_string(),
                    severity_cell(f.severity, f.waived.is_some(), lang),
                    f.message.clone(),
                    f.basis.clone(),
                    f.help.clone(),
                ]
            })
            .collect();
        let mut natural = [0usize; 6];
        for (i, h) in head.iter().enumerate() {
            natural[i] = line_width(h);
        }
        for r in &rows {
            for (i, c) in r.iter().enumerate() {
                natural[i] = natural[i].max(text_width(c));
            }
        }
        let w = widths(natural, width);
        let row_of: HashMap<*const Finding, usize> = findings
            .iter()
            .enumerate()
            .map(|(i, f)| (f as *const Finding, i))
            .collect();
        for ((file, case_no), fs) in &groups {
            writeln!(out, "{}", group_title(file, *case_no, lang, width))?;
            let mut t = Grid::new();
            t.load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width as u16);
            if colour {
                t.enforce_styling();
            } else {
                t.force_no_tty();
            }
            t.set_header(head.iter().zip(w).map(|(h, w)| Cell::new(wrap(h, w))));
            for f in fs {
                let r = &rows[row_of[&(*f as *const Finding)]];
                let mut cells: Vec<Cell> = r
                    .iter()
                    .zip(w)
                    .enumerate()
                    .map(|(i, (text, w))| {
                        // The rule's title goes under its code rather than split after it.
                        if i == 1 && line_width(text) > w {
                            Cell::new(wrap(&text.replacen(' ', "\n", 1), w))
                        } else {
                            Cell::new(wrap(text, w))
                        }
                    })
                    .collect();
                if colour && f.waived.is_none() {
                    let c = match f.severity {
                        Severity::Error => Color::Red,
                        Severity::Warning => Color::Yellow,
                        Severity::Info => Color::Cyan,
                    };
                    cells[2] = std::mem::replace(&mut cells[2], Cell::new("")).fg(c);
                }
                t.add_row(cells);
            }
            for (i, w) in w.iter().enumerate() {
                if let Some(col) = t.column_mut(i) {
                    col.set_constraint(ColumnConstraint::Absolute(Width::Fixed(*w as u16 + 2)));
                }
            }
            writeln!(out, "{t}")?;
        }
        for line in summary_lines(run) {
            writeln!(out, "{}", wrap_statements(&line, width))?;
        }
        Ok(())
    }
}

/// `案件 甲消行罚决字〔2023〕12号（2023/一大队/案卷 1.xml）`, the file on a line of its own
/// when the whole does not fit.
fn group_title(file: &str, case_no: Option<&str>, lang: Lang, width: usize) -> String {
    let one = match (case_no, lang) {
        (Some(no), Lang::Zh) => format!("案件 {no}（{file}）"),
        (Some(no), Lang::En) => format!("Case {no} ({file})"),
        (None, Lang::Zh) => format!("文件 {file}"),
        (None, Lang::En) => format!("File {file}"),
    };
    if line_width(&one) <= width {
        return one;
    }
    let two = match (case_no, lang) {
        (Some(no), Lang::Zh) => format!("案件 {no}\n  文件 {file}"),
        (Some(no), Lang::En) => format!("Case {no}\n  file {file}"),
        (None, _) => one,
    };
    two.lines()
        .map(|l| wrap(l, width))
        .collect::<Vec<_>>()
        .join("\n")
}

fn severity_cell(s: Severity, waived: bool, lang: Lang) -> String {
    if waived {
        format!("{}\n{}", s.label(lang), lang.pick("已豁免", "waived"))
    } else {
        s.label(lang).to_string()
    }
}

/// A list shown with at most `n` items, and `等 N 项` / `and N more` when cut.
fn cut_list(items: &[String], total: usize, lang: Lang) -> String {
    let mut s = items.join(lang.pick("、", ", "));
    if total > items.len() {
        s += &match lang {
            Lang::Zh => format!(" 等 {total} 项"),
            Lang::En => format!(", and {} more", total - items.len()),
        };
    }
    s
}

/// Files that could not be read: a file-level error finding (F001–F004) on a file that gave
/// no case.
fn unreadable_files(run: &Run) -> usize {
    let r = run.result;
    let mut files: std::collections::BTreeSet<&str> = r
        .findings
        .iter()
        .filter(|f| {
            f.case_no.is_none()
                && f.category == crate::finding::Category::File
                && f.severity == Severity::Error
        })
        .map(|f| f.file.as_str())
        .collect();
    if !files.is_empty() {
        for c in r.cases.iter() {
            files.remove(c.file.as_str());
            if files.is_empty() {
                break;
            }
        }
    }
    files.len()
}

/// Cases with at least one unwaived finding.
fn cases_with_findings(run: &Run) -> usize {
    let owner = super::score::case_of_findings(run.result);
    let hit: std::collections::BTreeSet<usize> = run
        .result
        .findings
        .iter()
        .zip(&owner)
        .filter(|(f, _)| f.waived.is_none())
        .filter_map(|(_, o)| *o)
        .collect();
    hit.len()
}

/// `1 file`, `2 files`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary under the table, one statement a line: files, cases, findings by severity,
/// what could not be checked (and where to see it), the baseline, the time (last).
pub fn summary_lines(run: &Run) -> Vec<String> {
    let r = run.result;
    let lang = run.lang;
    let c = run.counts();
    let n = |s| c.get(&s).copied().unwrap_or(0);
    let waived = r.findings.iter().filter(|f| f.waived.is_some()).count();
    let unreadable = unreadable_files(run);
    let hit = cases_with_findings(run);
    let mut lines = Vec::new();
    let mut first = match lang {
        Lang::Zh => format!(
            "文件 {} 个（无法读取 {unreadable} 个）；案件 {} 件（有问题 {hit} 件）；问题：错误 {}，警告 {}，提示 {}",
            r.files,
            r.cases.len(),
            n(Severity::Error),
            n(Severity::Warning),
            n(Severity::Info)
        ),
        Lang::En => format!(
            "{} ({unreadable} unreadable); {} ({hit} with findings); findings: {}, {}, {} info",
            plural(r.files, "file", "files"),
            plural(r.cases.len(), "case", "cases"),
            plural(n(Severity::Error), "error", "errors"),
            plural(n(Severity::Warning), "warning", "warnings"),
            n(Severity::Info)
        ),
    };
    if waived > 0 {
        first += &match lang {
            Lang::Zh => format!("（另有已豁免 {waived}）"),
            Lang::En => format!(" (and {waived} waived)"),
        };
    }
    // Files in the scanned folders caselint does not read (.pdf, .doc, .csv, images): never
    // passed over silently.
    if r.other_files > 0 {
        first += &match lang {
            Lang::Zh => format!("；跳过 {} 个非案卷格式文件", r.other_files),
            Lang::En => format!("; {} files of other types skipped", r.other_files),
        };
    }
    lines.push(first);
    let nc = run.not_checkable_total();
    if nc > 0 {
        const SHOWN: usize = 3;
        let all = run.top_missing(usize::MAX);
        let shown: Vec<String> = all
            .iter()
            .take(SHOWN)
            .map(|(k, v)| format!("{k} ×{v}"))
            .collect();
        let missing = cut_list(&shown, all.len(), lang);
        let cases = r.coverage.not_fully_checked;
        let only = r.coverage.decision_only;
        lines.push(match lang {
            Lang::Zh => format!(
                "未能完全检查的案件 {cases} 件（其中仅有决定书 {only} 件；缺少输入，共 {nc} 项检查未做）：缺少 {missing}；逐案明细见 --format json"
            ),
            Lang::En => format!(
                "{cases} cases not fully checkable ({only} hold only the decision; {nc} checks lacked input): missing {missing}; per case in --format json"
            ),
        });
    }
    // Findings on an absence inferred from the export (导出未记载): say what each such export
    // carries and on how many cases (formats §4), so the reader can weigh them.
    if r.coverage.inferred_findings > 0 {
        let mut parts = Vec::new();
        for e in &r.coverage.exports {
            let partial: Vec<String> = e
                .carried()
                .filter(|(_, w, a)| w < a)
                .filter_map(|(id, w, a)| {
                    let f = crate::model::ExportField::ALL
                        .into_iter()
                        .find(|f| f.id() == id)?;
                    let name = match lang {
                        Lang::Zh => f.label_zh(),
                        Lang::En => id,
                    };
                    Some(format!("{name} {w}/{a}"))
                })
                .collect();
            if !partial.is_empty() {
                parts.push(format!(
                    "{}{}{}{}",
                    if e.name.is_empty() { "." } else { &e.name },
                    lang.pick("（", " ("),
                    partial.join(lang.pick("、", ", ")),
                    lang.pick("）", ")")
                ));
            }
        }
        if !parts.is_empty() {
            lines.push(match lang {
                Lang::Zh => format!(
                    "按导出推断为未记载的问题 {} 项（标“导出未记载”）；各导出记载的字段（记载件数/适用件数）：{}",
                    r.coverage.inferred_findings,
                    parts.join("；")
                ),
                Lang::En => format!(
                    "{} findings rest on a field the export writes elsewhere (marked as such); fields per export (cases writing it/cases it applies to): {}",
                    r.coverage.inferred_findings,
                    parts.join("; ")
                ),
            });
        }
    }
    let mut last = String::new();
    if let Some(b) = r.baseline {
        last = match lang {
            Lang::Zh => format!(
                "基线已接受 {} 项，基线中 {} 项已不再出现",
                b.suppressed, b.stale
            ),
            Lang::En => format!(
                "baseline accepted {}, {} baseline entries no longer occur",
                b.suppressed, b.stale
            ),
        };
    }
    if let Some(t) = run.elapsed {
        let sep = if last.is_empty() {
            ""
        } else {
            lang.pick("；", "; ")
        };
        last += &match lang {
            Lang::Zh => format!("{sep}用时 {:.2} 秒", t.as_secs_f64()),
            Lang::En => format!("{sep}{:.2} s", t.as_secs_f64()),
        };
    }
    if !last.is_empty() {
        let l = lines.last_mut().expect("the first line is there");
        *l += lang.pick("；", "; ");
        *l += &last;
    }
    lines
}

/// The summary as one line (HTML header, other formats).
pub fn summary_line(run: &Run) -> String {
    summary_lines(run).join(run.lang.pick("；", "; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    fn render(width: u16, lang: Lang) -> String {
        fixture::render(&Table { width: Some(width) }, lang)
    }

    #[test]
    fn wraps_between_chinese_characters_not_inside_words() {
        let s = wrap("送达日期 2023-03-10 晚于期限，超过 2 日", 12);
        for l in s.lines() {
            assert!(line_width(l) <= 12, "{l:?}");
        }
        assert!(s.contains("2023-03-10"), "{s}");
        // Closing punctuation never starts a line.
        for l in wrap("甲乙丙丁戊己庚辛，壬癸。", 8).lines() {
            assert!(!l.starts_with('，') && !l.starts_with('。'), "{l}");
        }
        // A file name stays whole when it fits.
        let s = wrap("文件 解消立2022-012.xml 无法读取", 20);
        assert!(
            s.lines()
                .any(|l| l.contains("解消立2022-012.xml") || l.contains("2022-012.xml")),
            "{s}"
        );
        assert!(!s.contains("2022-\n"), "{s}");
        // Wider than the column: cut, but not before closing punctuation.
        assert_eq!(wrap("abcdefgh", 4), "abcd\nefgh");
        assert_eq!(wrap("（2022-03-22）", 10), "（2022-03-\n22）");
    }

    #[test]
    fn numbers_stay_whole_and_long_paths_break_at_separators() {
        // A thousands separator does not part a number (it did: `3,` / `000 元`).
        let s = wrap("适用的限额 3,000 元", 13);
        assert!(s.contains("3,000"), "{s}");
        let s = wrap("区间为 18,500–36,500 元（本工具默认值）", 12);
        assert!(s.contains("18,500") && s.contains("36,500"), "{s}");
        // A list after a comma still breaks: only digit,digit joins.
        assert!(wrap("甲,乙,丙,丁,戊,己,庚", 6).lines().count() > 1);
        // A path or code wider than the column breaks after `/` or `.`, not inside a name.
        assert_eq!(wrap("GB18030/GBK/GB2312）", 9), "GB18030/\nGBK/\nGB2312）");
        assert_eq!(wrap("的 aliases.toml 中", 11), "的 aliases.\ntoml 中");
        let s = wrap("另见：fixtures/detachment/a.xml", 13);
        assert!(
            s.contains("fixtures/\n") && s.contains("detachment/"),
            "{s}"
        );
        // A count keeps its sign: `×87`, not `×` / `87`.
        let s = wrap("缺少 单位听证标准 ×87、终了日期", 19);
        assert!(s.contains("×87"), "{s}");
        // A decimal point is not a separator.
        assert_eq!(split_at_separators("0.52s"), vec!["0.52s"]);
    }

    #[test]
    fn the_summary_breaks_between_statements() {
        let line = "文件 52 个（无法读取 4 个）；案件 69 件（有问题 32 件）；问题：错误 32，警告 12，提示 2";
        let s = wrap_statements(line, 80);
        assert_eq!(
            s,
            "文件 52 个（无法读取 4 个）；案件 69 件（有问题 32 件）；\n问题：错误 32，警告 12，提示 2"
        );
        // A `；` inside brackets does not end a statement; what fits stays one line.
        let s = wrap_statements("甲（乙；丙）；丁", 80);
        assert_eq!(s, "甲（乙；丙）；丁");
        let s = wrap_statements("5 files (2 unreadable); 5 cases; findings: 3 errors", 30);
        assert_eq!(s, "5 files (2 unreadable);\n5 cases; findings: 3 errors");
        // A statement wider than the line is wrapped inside, every line within the width.
        for l in wrap_statements(&"很长的一句话".repeat(20), 40).lines() {
            assert!(line_width(l) <= 40, "{l}");
        }
    }

    /// Every line fits the width asked for, at 80, 100 and 160 columns, in both languages.
    #[test]
    fn fits_the_width() {
        for lang in [Lang::Zh, Lang::En] {
            for w in [80u16, 100, 120, 160] {
                let text = render(w, lang);
                for l in text.lines() {
                    assert!(
                        line_width(l) <= w as usize,
                        "{lang:?} {w}: {} > {w}: {l}",
                        line_width(l)
                    );
                }
            }
        }
    }

    #[test]
    fn chinese_titles_documents_and_summary() {
        let text = render(100, Lang::Zh);
        insta::assert_snapshot!(text);
        assert!(text.contains("送达超期"), "zh rule title");
        assert!(!text.contains("late-service"));
        assert!(text.contains("第12行"));
        assert!(text.contains("文件 5 个（无法读取 2 个）"), "{text}");
        assert!(text.contains("有问题 2 件"), "{text}");
        assert!(text.contains("--format json"));
        let en = render(100, Lang::En);
        insta::assert_snapshot!("en", en);
        assert!(
            en.contains("Decision") && !en.contains("late-service"),
            "{en}"
        );
    }

    /// Colour only on a terminal, and not when NO_COLOR is set.
    #[test]
    fn colours_only_on_a_terminal() {
        let result = fixture::result(Lang::Zh);
        let rules = fixture::rules();
        let mut run = Run {
            result: &result,
            lang: Lang::Zh,
            rules: &rules,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let render = |run: &Run| {
            let mut out = Vec::new();
            Table { width: Some(100) }.write(run, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert!(!render(&run).contains('\u{1b}'));
        run.view.terminal = true;
        let coloured = render(&run);
        if std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
            assert!(coloured.contains("\u{1b}["), "{coloured}");
            // Still within the width once the escapes are left out.
            for l in coloured.lines() {
                let plain: String = strip_ansi(l);
                assert!(line_width(&plain) <= 100, "{plain}");
            }
        } else {
            assert!(!coloured.contains('\u{1b}'));
        }
    }

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut esc = false;
        for c in s.chars() {
            match (esc, c) {
                (false, '\u{1b}') => esc = true,
                (true, 'm') => esc = false,
                (true, _) => {}
                (false, c) => out.push(c),
            }
        }
        out
    }

    #[test]
    fn cut_lists_say_so() {
        let items = vec!["a".to_string(), "b".to_string()];
        assert_eq!(cut_list(&items, 2, Lang::Zh), "a、b");
        assert_eq!(cut_list(&items, 8, Lang::Zh), "a、b 等 8 项");
        assert_eq!(cut_list(&items, 8, Lang::En), "a, b, and 6 more");
    }

    #[test]
    fn widths_share_the_rest() {
        let w = widths([10, 20, 4, 200, 40, 60], 100);
        assert_eq!(w.iter().sum::<usize>() + 19, 100, "{w:?}");
        let w = widths([10, 20, 4, 10, 10, 10], 160);
        assert_eq!(&w[3..], [10, 10, 10]);
    }
}
