//! The review-meeting page (review.md, "Outputs: html"): one self-contained file — inline CSS,
//! inline SVG charts, a little vanilla script, nothing fetched from a network — with a summary,
//! per-brigade charts (score distribution, findings by category), the case scores, a sortable
//! and filterable finding table whose rule codes link to the rules' explanations.
//!
//! The page is deterministic (no timestamps). Its script marks `<body data-ok="1">` once it has
//! initialised, records script errors in `#errors` and `data-errors`, and with the URL fragment
//! `#selftest` sorts and filters the finding table and writes what it saw into `#selftest`, so a
//! headless browser test can check it through `--dump-dom`.

mod assets;
#[cfg(test)]
mod tests;

use super::score::{self, brigade_label, deduction_line, BrigadeSummary, CATEGORIES};
use super::{Reporter, Run};
use crate::finding::{Category, Lang, Place, Severity};
use assets::{CSS, SCRIPT};
use std::fmt::Write as _;
use std::io::{self, Write};

pub struct Html;

/// Rows shown per table; a province's year would make a page no browser can sort. The JSON and
/// xlsx outputs hold everything.
pub const MAX_ROWS: usize = 20_000;

/// Escapes text for HTML content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A sort key for a place that orders lines and rows numerically.
fn place_key(p: &Place) -> String {
    match p {
        Place::File => String::new(),
        Place::Line { line, column } => format!("{line:010}:{column:06}"),
        Place::Cell { sheet, row, col } => format!("{sheet}!{row:010}:{col:06}"),
        Place::Paragraph(n) => format!("¶{n:010}"),
    }
}

fn sev_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 2,
        Severity::Warning => 1,
        Severity::Info => 0,
    }
}

/// Colours per grade band (best first); further bands reuse the last (the failing red).
const GRADE_COLOURS: [&str; 4] = ["#2e7d32", "#1565c0", "#c62828", "#6a1b9a"];
/// Colours of the enforcement categories in the per-100 chart (subject, procedure, law, document).
const CATEGORY_COLOURS: [&str; 4] = ["#6a1b9a", "#ef6c00", "#00838f", "#5d4037"];

/// The colour of grade band `i`; the standard's failing grade is always red.
fn grade_colour(std: &score::Scoring, i: usize) -> &'static str {
    if i == std.veto_grade {
        return GRADE_COLOURS[2];
    }
    match i {
        0 => GRADE_COLOURS[0],
        1 => GRADE_COLOURS[1],
        _ => GRADE_COLOURS[3],
    }
}

/// The enforcement categories (the file category is data quality, shown apart).
fn enforcement_categories() -> impl Iterator<Item = Category> {
    CATEGORIES.into_iter().filter(|c| *c != Category::File)
}

/// The width of a chart's brigade labels: at least 150 px, wide enough for the longest name at
/// 12 px (a Chinese character is 12 px, other characters about 7), at most 360 px — a full agency
/// name (喀左县公安局官大海派出所) must not be cut off at the page's edge.
fn label_width(labels: impl Iterator<Item = String>) -> f64 {
    let px = |text: &str| -> f64 {
        let wide = crate::report::xlsx::display_width(text) as f64;
        let chars = text.chars().count() as f64;
        // display_width counts a wide character twice: wide characters are (wide − chars).
        (wide - chars) * 12.0 + (2.0 * chars - wide) * 7.0
    };
    let longest = labels.map(|l| px(&l)).fold(0.0_f64, f64::max);
    (longest + 16.0).clamp(150.0, 360.0).ceil()
}

/// One horizontal chart comparing brigades on a shared 0–100 % scale: each brigade's cases split
/// by grade, coloured by grade, with 合格率 and 不合格率 written beside the bar.
fn grade_chart(run: &Run, b: &[BrigadeSummary]) -> String {
    let lang = run.lang;
    let std = run.scoring();
    let label_w = label_width(b.iter().map(|br| br.label(lang)));
    let (bar_w, right_w, row_h, top) = (560.0_f64, 210.0_f64, 26.0_f64, 44.0);
    let w = label_w + bar_w + right_w;
    let h = top + row_h * b.len().max(1) as f64 + 26.0;
    let title = lang.pick(
        "各大队案件等次构成（占本大队案件数 %，同一标尺）",
        "Grades per brigade (% of its cases, one scale)",
    );
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart grades" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}"><title>{t}</title><text x="0" y="16" class="ct">{t}</text>"#,
        t = esc(title),
    );
    // Legend
    let mut lx = label_w;
    for (i, g) in std.grades.iter().enumerate() {
        let _ = write!(
            s,
            r#"<rect x="{lx}" y="24" width="12" height="12" fill="{}" class="key"/><text x="{}" y="34" class="lg">{}</text>"#,
            grade_colour(std, i),
            lx + 16.0,
            esc(g.label(lang))
        );
        lx += 24.0 + 14.0 * g.label(lang).chars().count() as f64 + 20.0;
    }
    // Scale: 0, 25, 50, 75, 100 %
    let base = top + row_h * b.len().max(1) as f64;
    for k in 0..=4 {
        let x = label_w + bar_w * k as f64 / 4.0;
        let _ = write!(
            s,
            r#"<line x1="{x}" y1="{top}" x2="{x}" y2="{base}" class="grid"/><text x="{x}" y="{}" class="xl">{}%</text>"#,
            base + 14.0,
            k * 25
        );
    }
    for (r, br) in b.iter().enumerate() {
        let y = top + row_h * r as f64 + 4.0;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" class="yl">{}</text>"#,
            label_w - 8.0,
            y + 13.0,
            esc(&br.label(lang))
        );
        let mut x = label_w;
        for (i, n) in br.grades.iter().enumerate() {
            if br.cases == 0 {
                break;
            }
            let part = *n as f64 / br.cases as f64;
            let bw = (bar_w * part * 10.0).round() / 10.0;
            let tip = match lang {
                Lang::Zh => format!(
                    "{}：{} {n} 件（{:.1}%）",
                    br.label(lang),
                    std.grades[i].label(lang),
                    part * 100.0
                ),
                Lang::En => format!(
                    "{}: {} {n} cases ({:.1}%)",
                    br.label(lang),
                    std.grades[i].label(lang),
                    part * 100.0
                ),
            };
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bw}" height="{}" fill="{}" data-value="{n}"><title>{}</title></rect>"#,
                row_h - 8.0,
                grade_colour(std, i),
                esc(&tip)
            );
            x += bw;
        }
        let text = match (br.pass_rate(), br.fail_rate()) {
            (Some(p), Some(f)) => match lang {
                Lang::Zh => format!("合格率 {:.1}% · 不合格率 {:.1}%", p * 100.0, f * 100.0),
                Lang::En => format!("pass {:.1}% · fail {:.1}%", p * 100.0, f * 100.0),
            },
            _ => lang.pick("无案件", "no cases").to_string(),
        };
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" class="rl">{}</text>"#,
            label_w + bar_w + 8.0,
            y + 13.0,
            esc(&text)
        );
    }
    s.push_str("</svg>");
    s
}

/// One horizontal chart of findings per 100 cases by category, every brigade on one scale.
fn per100_chart(run: &Run, b: &[BrigadeSummary]) -> String {
    let lang = run.lang;
    let cats: Vec<Category> = enforcement_categories().collect();
    let label_w = label_width(b.iter().map(|br| br.label(lang)));
    let (bar_w, right_w, top) = (600.0_f64, 170.0_f64, 44.0);
    let bar_h = 9.0;
    let row_h = bar_h * cats.len() as f64 + 10.0;
    let w = label_w + bar_w + right_w;
    let h = top + row_h * b.len().max(1) as f64 + 26.0;
    let max = b
        .iter()
        .flat_map(|x| cats.iter().map(|c| x.per_100(*c).unwrap_or(0.0)))
        .fold(0.0_f64, f64::max);
    // A round scale maximum: 1, 2, 5 × 10^k.
    let scale = nice_max(max);
    let title = lang.pick(
        "每百案问题数（按类别，同一标尺）",
        "Findings per 100 cases by category (one scale)",
    );
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart per100" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}"><title>{t}</title><text x="0" y="16" class="ct">{t}</text>"#,
        t = esc(title),
    );
    let mut lx = label_w;
    for (i, c) in cats.iter().enumerate() {
        let _ = write!(
            s,
            r#"<rect x="{lx}" y="24" width="12" height="12" fill="{}" class="key"/><text x="{}" y="34" class="lg">{}</text>"#,
            CATEGORY_COLOURS[i],
            lx + 16.0,
            esc(c.label(lang))
        );
        lx += 24.0 + 14.0 * c.label(lang).chars().count() as f64 + 20.0;
    }
    let base = top + row_h * b.len().max(1) as f64;
    // Ticks at round values: 5 steps for 1 and 5 × 10^k, 4 for 2 × 10^k.
    let lead = scale / 10f64.powf(scale.log10().floor());
    let steps = if (lead - 2.0).abs() < 1e-9 { 4 } else { 5 };
    for k in 0..=steps {
        let x = label_w + bar_w * k as f64 / steps as f64;
        let v = scale * k as f64 / steps as f64;
        let _ = write!(
            s,
            r#"<line x1="{x}" y1="{top}" x2="{x}" y2="{base}" class="grid"/><text x="{x}" y="{}" class="xl">{}</text>"#,
            base + 14.0,
            trim_num(v)
        );
    }
    for (r, br) in b.iter().enumerate() {
        let y0 = top + row_h * r as f64 + 5.0;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" class="yl">{}</text>"#,
            label_w - 8.0,
            y0 + row_h / 2.0,
            esc(&br.label(lang))
        );
        for (i, c) in cats.iter().enumerate() {
            let v = br.per_100(*c).unwrap_or(0.0);
            let bw = (bar_w * v / scale * 10.0).round() / 10.0;
            let y = y0 + bar_h * i as f64;
            let tip = match lang {
                Lang::Zh => format!("{}：{} 每百案 {v:.1} 个问题", br.label(lang), c.label(lang)),
                Lang::En => format!("{}: {} {v:.1} per 100 cases", br.label(lang), c.label(lang)),
            };
            let _ = write!(
                s,
                r#"<rect x="{label_w}" y="{y:.1}" width="{bw}" height="{}" fill="{}" data-value="{v}"><title>{}</title></rect>"#,
                bar_h - 1.0,
                CATEGORY_COLOURS[i],
                esc(&tip)
            );
            if v > 0.0 {
                let _ = write!(
                    s,
                    r#"<text x="{:.1}" y="{:.1}" class="vl">{v:.1}</text>"#,
                    label_w + bw + 3.0,
                    y + bar_h - 1.5
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

/// The smallest of 1, 2, 5 × 10^k at or above `v` (at least 1).
fn nice_max(v: f64) -> f64 {
    let v = v.max(1.0);
    let mut p = 1.0;
    while p * 10.0 < v {
        p *= 10.0;
    }
    for m in [1.0, 2.0, 5.0, 10.0] {
        if p * m >= v {
            return p * m;
        }
    }
    p * 10.0
}

fn trim_num(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// A path as the table shows it: the last two parts, with `…/` when cut (the full path is in
/// the cell's title).
fn short_path(p: &str) -> String {
    let parts: Vec<&str> = p.split(['/', '\\']).filter(|s| !s.is_empty()).collect();
    if parts.len() <= 2 {
        p.to_string()
    } else {
        format!("…/{}", parts[parts.len() - 2..].join("/"))
    }
}

impl Reporter for Html {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(page(run).as_bytes())
    }
}

/// A section shown before everything else and first in the navigation (the 互查结果 of a
/// merged report).
pub struct Lead<'a> {
    /// The section's element id.
    pub id: &'a str,
    /// Its name in the navigation.
    pub nav: &'a str,
    /// The section, as HTML.
    pub html: String,
}

/// The whole page.
pub fn page(run: &Run) -> String {
    page_with(run, None)
}

/// The whole page, with `lead` first when given.
pub fn page_with(run: &Run, lead: Option<&Lead>) -> String {
    let lang = run.lang;
    let r = run.result;
    let std = run.scoring();
    let view = &run.view;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let super::Scored { owner, scores, .. } = run.scored();
    let summaries = score::brigades(r, &scores, &owner, std, 3);
    let ranks = score::ranks(&summaries);
    let all = super::xlsx::total(&summaries, std);
    let brigade_of = run.brigade_of_findings();
    let mut h = String::with_capacity(64 * 1024 + r.findings.len() * 600);
    let title = view.heading(lang);
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"caselint {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body data-ok=\"0\">",
        lang.pick("zh-CN", "en"),
        env!("CARGO_PKG_VERSION"),
        esc(&title),
    );
    h.push_str("<div id=\"errors\" hidden></div>\n<pre id=\"selftest\" hidden></pre>\n");
    // Title block
    let _ = writeln!(h, "<header><h1>{}</h1>", esc(&title));
    let details = view.details(lang);
    if !details.is_empty() {
        h.push_str("<p class=\"details\">");
        for (k, v) in &details {
            let _ = write!(h, "<span>{}：{}</span>", esc(k), esc(v));
        }
        h.push_str("</p>\n");
    }
    h.push_str("</header>\n");
    // Navigation: the lead section first.
    h.push_str("<nav>");
    if let Some(l) = lead {
        let _ = write!(h, "<a href=\"#{}\">{}</a>", esc(l.id), esc(l.nav));
    }
    for (id, zh, en) in [
        ("summary", "总览", "Summary"),
        ("cases", "案件评分", "Case scores"),
        ("findings", "问题清单", "Findings"),
        ("rules", "规则说明", "Rules"),
    ] {
        let _ = write!(h, "<a href=\"#{id}\">{}</a>", t(zh, en));
    }
    h.push_str("</nav>\n");
    if let Some(l) = lead {
        h.push_str(&l.html);
    }

    // Summary: the first printed page.
    let _ = writeln!(
        h,
        "<section id=\"summary\"><h2>{}</h2>",
        t("总览与大队对比", "Summary and brigades compared")
    );
    let pct = |v: Option<f64>| {
        v.map(|v| format!("{:.1}%", v * 100.0))
            .unwrap_or_else(|| "—".into())
    };
    h.push_str("<div class=\"kpis\">");
    let failed_class = if all.failed > 0 { " bad" } else { " good" };
    for (class, value, zh, en) in [
        ("", all.cases.to_string(), "案件数", "cases"),
        (" good", pct(all.pass_rate()), "合格率", "pass rate"),
        (failed_class, pct(all.fail_rate()), "不合格率", "fail rate"),
        (
            "",
            (all.findings - all.data_quality()).to_string(),
            "执法问题数",
            "enforcement findings",
        ),
        (
            if all.unchecked > 0 { " bad" } else { "" },
            all.unchecked.to_string(),
            "未评查文件（无法读取）",
            "files not reviewed (unreadable)",
        ),
        (
            "",
            all.data_quality().to_string(),
            "数据质量问题（不扣分）",
            "data-quality findings (no points)",
        ),
    ] {
        let _ = write!(
            h,
            "<div class=\"kpi{class}\"><b>{}</b><span>{}</span></div>",
            esc(&value),
            t(zh, en)
        );
    }
    h.push_str("</div>\n");
    for line in super::table::summary_lines(run) {
        let _ = writeln!(h, "<p class=\"summary\">{}</p>", esc(&line));
    }
    let _ = writeln!(
        h,
        "<div class=\"charts\">{}{}</div>",
        grade_chart(run, &summaries),
        per100_chart(run, &summaries)
    );
    // The brigades' table, best first.
    let _ = write!(
        h,
        "<table class=\"sortable\" id=\"brigade-table\"><thead><tr>"
    );
    let mut heads: Vec<(String, &str)> = vec![
        (t("排名", "rank").into(), "num"),
        (t("大队", "brigade").into(), "text"),
        (t("案件", "cases").into(), "num"),
        (t("未评查", "unreadable").into(), "num"),
    ];
    for g in &std.grades {
        heads.push((g.label(lang).into(), "num"));
    }
    heads.push((t("合格率", "pass rate").into(), "num"));
    heads.push((t("不合格率", "fail rate").into(), "num"));
    heads.push((t("平均分", "mean").into(), "num"));
    for c in enforcement_categories() {
        heads.push((
            match lang {
                Lang::Zh => format!("每百案{}", c.label(lang)),
                Lang::En => format!("{} /100", c.label(lang)),
            },
            "num",
        ));
    }
    heads.push((t("数据质量", "data quality").into(), "num"));
    heads.push((t("最常见规则", "top rules").into(), "text"));
    for (i, (name, ty)) in heads.iter().enumerate() {
        let class = match (i, *ty) {
            (1, _) => " class=\"c-brigade\"",
            (_, "num") => " class=\"num\"",
            _ => " class=\"c-top\"",
        };
        let _ = write!(h, "<th data-type=\"{ty}\"{class}>{}</th>", esc(name));
    }
    h.push_str("</tr></thead><tbody>\n");
    let mut order: Vec<usize> = (0..summaries.len()).collect();
    order.sort_by_key(|&i| (ranks[i].unwrap_or(usize::MAX), i));
    let row = |b: &BrigadeSummary, rank: Option<usize>, label: String, top: String| {
        let mut cells = vec![
            (rank.map(|r| r.to_string()).unwrap_or_default(), true),
            (
                format!("<span class=\"nowrap\">{}</span>", esc(&label)),
                false,
            ),
            (b.cases.to_string(), true),
            (b.unchecked.to_string(), true),
        ];
        cells.extend(b.grades.iter().map(|n| (n.to_string(), true)));
        cells.push((pct(b.pass_rate()), true));
        cells.push((pct(b.fail_rate()), true));
        cells.push((
            b.mean
                .map(|m| format!("{m:.1}"))
                .unwrap_or_else(|| "—".into()),
            true,
        ));
        for c in enforcement_categories() {
            cells.push((
                b.per_100(c)
                    .map(|v| format!("{v:.1}"))
                    .unwrap_or_else(|| "—".into()),
                true,
            ));
        }
        cells.push((b.data_quality().to_string(), true));
        cells.push((top, false));
        let mut s = String::from("<tr>");
        for (text, num) in cells {
            if num {
                let _ = write!(s, "<td class=\"num\">{text}</td>");
            } else {
                let _ = write!(s, "<td>{text}</td>");
            }
        }
        s + "</tr>\n"
    };
    for i in order {
        let b = &summaries[i];
        let top: Vec<String> = b
            .top_rules
            .iter()
            .map(|(c, n)| format!("<a href=\"#rule-{0}\">{0}</a> ×{n}", esc(c)))
            .collect();
        h.push_str(&row(
            b,
            ranks[i],
            b.label(lang),
            top.join(lang.pick("；", "; ")),
        ));
    }
    h.push_str("</tbody><tfoot>");
    h.push_str(
        &row(&all, None, t("合计", "Total").into(), String::new()).replacen(
            "<tr>",
            "<tr class=\"total\">",
            1,
        ),
    );
    h.push_str("</tfoot></table>\n");
    let _ = writeln!(
        h,
        "<p class=\"note\">{}{}</p>\n</section>",
        t(
            "排名按合格率、不合格率、平均分；未评查：无法读取的文件，按所在文件夹的大队计；数据质量问题（导出问题）不扣执法案卷分。评分标准：",
            "Ranked by pass rate, fail rate, mean score. Unreadable files count for their folder's brigade; data-quality findings (export problems) deduct no points. Scoring standard: "
        ),
        esc(super::score::note_in(&std.note, lang))
    );

    // Case scores, worst first: the failing grade, then lower grades, then lower scores.
    let _ = write!(
        h,
        "<section id=\"cases\"><h2>{}</h2>\n<table class=\"sortable\" id=\"case-table\"><thead><tr>",
        t("案件评分（由差到好）", "Case scores (worst first)")
    );
    for (col, ty, zh, en) in [
        ("brigade", "text", "大队", "brigade"),
        ("case", "text", "案件编号", "case number"),
        ("file", "text", "文件", "file"),
        ("score", "num", "得分", "score"),
        ("grade", "text", "等级", "grade"),
        ("veto", "text", "否决项", "veto items"),
        ("ded", "text", "扣分明细", "deductions"),
        ("findings", "num", "问题数", "findings"),
    ] {
        let _ = write!(
            h,
            "<th data-col=\"{}\" data-type=\"{ty}\" class=\"c-{col}\">{}</th>",
            if col == "ded" { "deductions" } else { col },
            t(zh, en)
        );
    }
    h.push_str("</tr></thead><tbody>\n");
    let grade_index = |id: &str| std.grades.iter().position(|g| g.id == id).unwrap_or(0);
    let mut worst: Vec<&score::CaseScore> = scores.iter().collect();
    worst.sort_by(|a, b| {
        let fa = grade_index(&a.grade.id) == std.veto_grade;
        let fb = grade_index(&b.grade.id) == std.veto_grade;
        fb.cmp(&fa)
            .then(grade_index(&b.grade.id).cmp(&grade_index(&a.grade.id)))
            .then(a.score.cmp(&b.score))
            .then(a.case.cmp(&b.case))
    });
    for s in worst.iter().take(MAX_ROWS) {
        let ded: Vec<String> = s
            .deductions
            .iter()
            .map(|d| esc(&deduction_line(d, lang)))
            .collect();
        let veto: Vec<String> = s
            .veto
            .iter()
            .map(|c| format!("<a href=\"#rule-{0}\">{0}</a>", esc(c)))
            .collect();
        let gi = grade_index(&s.grade.id);
        let _ = writeln!(
            h,
            "<tr><td class=\"c-brigade\">{}</td><td>{}</td><td title=\"{}\">{}</td><td class=\"num c-score\" data-sort=\"{}\">{}</td><td class=\"c-grade\" data-sort=\"{gi}\"><span class=\"grade\" style=\"background:{}\">{}</span></td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(&brigade_label(&s.brigade, lang)),
            esc(s.case_no.as_deref().unwrap_or("")),
            esc(&s.file),
            esc(&short_path(&s.file)),
            s.score.as_f64(),
            s.score,
            grade_colour(std, gi),
            esc(s.grade.label(lang)),
            veto.join(" "),
            ded.join("<br>"),
            s.findings,
        );
    }
    h.push_str("</tbody></table>\n");
    if scores.len() > MAX_ROWS {
        let _ = writeln!(
            h,
            "<p class=\"note\">{}</p>",
            truncated_note(lang, MAX_ROWS, scores.len())
        );
    }
    h.push_str("</section>\n");

    // Findings
    let total = r.findings.len().min(MAX_ROWS);
    let _ = write!(
        h,
        "<section id=\"findings\"><h2>{}</h2>\n<div class=\"controls\"><input id=\"filter\" type=\"search\" placeholder=\"{}\" aria-label=\"{}\"> <select id=\"sev\" aria-label=\"{}\"><option value=\"\">{}</option>",
        t("问题清单", "Findings"),
        t("筛选：文件、案件、规则、内容…", "Filter: file, case, rule, text…"),
        t("筛选", "filter"),
        t("级别", "severity"),
        t("全部级别", "all severities"),
    );
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        let _ = write!(
            h,
            "<option value=\"{}\">{}</option>",
            s.as_str(),
            s.label(lang)
        );
    }
    let _ = write!(
        h,
        "</select> {} <span id=\"shown\">{total}</span> / {total}</div>\n<table class=\"sortable\" id=\"finding-table\"><thead><tr>",
        t("显示", "showing"),
    );
    for (col, ty, class, zh, en) in [
        ("brigade", "text", "c-brigade", "大队", "brigade"),
        ("case", "text", "c-case", "案件编号", "case number"),
        ("file", "text", "c-file", "文件", "file"),
        ("place", "text", "c-place", "位置", "location"),
        ("code", "text", "c-code", "规则", "rule"),
        ("severity", "num", "c-sev", "级别", "severity"),
        ("category", "text", "c-cat", "类别", "category"),
        ("message", "text", "c-msg", "问题", "what is wrong"),
        ("basis", "text", "c-basis", "依据", "basis"),
        ("help", "text", "c-help", "整改", "how to fix"),
    ] {
        let _ = write!(
            h,
            "<th data-col=\"{col}\" data-type=\"{ty}\" class=\"{class}\">{}</th>",
            t(zh, en)
        );
    }
    h.push_str("</tr></thead><tbody>\n");
    for (f, brigade) in r.findings.iter().zip(&brigade_of).take(MAX_ROWS) {
        let sev = match &f.waived {
            Some(why) => format!(
                "{}<br>（{}：{}）",
                f.severity.label(lang),
                t("已豁免", "waived"),
                esc(&view.shown(why))
            ),
            None => f.severity.label(lang).to_string(),
        };
        let rule_title = run
            .rules
            .get(f.code.as_str())
            .map(|i| i.title.get(lang))
            .unwrap_or("");
        let place = super::table::location(f, lang).replace('\n', " ");
        let _ = writeln!(
            h,
            "<tr class=\"sev-{s}{w}\" data-sev=\"{s}\"><td class=\"c-brigade\">{}</td><td>{}</td><td title=\"{}\">{}</td><td data-sort=\"{}\">{}</td><td class=\"c-code\"><a href=\"#rule-{code}\" title=\"{}\">{code}</a></td><td class=\"c-sev\" data-sort=\"{}\">{sev}</td><td class=\"c-cat\">{}</td><td><span class=\"rtitle\">{}</span><br>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&brigade.as_deref().map(|b| brigade_label(b, lang)).unwrap_or_default()),
            esc(f.case_no.as_deref().unwrap_or("")),
            esc(&f.file),
            esc(&short_path(&f.file)),
            esc(&place_key(&f.place)),
            esc(&place),
            esc(rule_title),
            sev_rank(f.severity),
            esc(f.category.label(lang)),
            esc(rule_title),
            esc(&view.shown(&f.message)),
            esc(&f.basis),
            esc(&f.help),
            s = f.severity.as_str(),
            w = if f.waived.is_some() { " waived" } else { "" },
            code = esc(&f.code),
        );
    }
    h.push_str("</tbody></table>\n");
    if r.findings.len() > MAX_ROWS {
        let _ = writeln!(
            h,
            "<p class=\"note\">{}</p>",
            truncated_note(lang, MAX_ROWS, r.findings.len())
        );
    }
    h.push_str("</section>\n");

    // Rule explanations: every rule in force, and any code found without one. Rules that did
    // not fire are left out of print.
    let _ = writeln!(
        h,
        "<section id=\"rules\"><h2>{}</h2>",
        t("规则说明", "Rules")
    );
    let fired: std::collections::BTreeSet<&str> =
        r.findings.iter().map(|f| f.code.as_str()).collect();
    let mut codes: std::collections::BTreeSet<&str> = run.rules.keys().copied().collect();
    codes.extend(fired.iter().copied());
    for code in codes {
        let unused = if fired.contains(code) { "" } else { " unused" };
        match run.rules.get(code) {
            Some(i) => {
                let _ = write!(
                    h,
                    "<article class=\"rule{unused}\" id=\"rule-{}\"><h3>{} {} — {}</h3><p>{} {}；{} {}</p><dl>",
                    esc(code),
                    esc(code),
                    esc(i.title.get(lang)),
                    esc(i.name),
                    t("级别", "severity"),
                    i.severity.label(lang),
                    t("类别", "category"),
                    i.category.label(lang),
                );
                for (zh, en, tr) in [
                    ("检查内容", "What it checks", i.what),
                    ("为什么重要", "Why it matters", i.why),
                    ("法律依据", "Legal basis", i.basis),
                    ("示例", "Example", i.example),
                    ("如何整改", "How to fix", i.fix),
                ] {
                    let _ = write!(h, "<dt>{}</dt><dd>{}</dd>", t(zh, en), esc(tr.get(lang)));
                }
                h.push_str("</dl></article>\n");
            }
            None => {
                let cat = Category::from_code(code);
                let _ = writeln!(
                    h,
                    "<article class=\"rule{unused}\" id=\"rule-{0}\"><h3>{0}</h3><p>{1} {2}；{3}</p></article>",
                    esc(code),
                    t("类别", "category"),
                    cat.label(lang),
                    t("本次运行未载入该规则的说明。", "This run has no explanation for the rule."),
                );
            }
        }
    }
    h.push_str("</section>\n");
    let _ = writeln!(h, "<script>{SCRIPT}</script>\n</body>\n</html>");
    h
}

fn truncated_note(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("仅显示前 {shown} 行（共 {total} 行）；完整内容见 xlsx 或 JSON 输出。"),
        Lang::En => format!(
            "Only the first {shown} of {total} rows are shown; the xlsx and JSON outputs hold all."
        ),
    }
}
