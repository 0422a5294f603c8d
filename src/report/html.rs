//! The review-meeting page (review.md, "Outputs: html"): one self-contained file — inline CSS,
//! inline SVG charts, a little vanilla script, nothing fetched from a network — with a summary,
//! per-brigade charts (score distribution, findings by category), the case scores, a sortable
//! and filterable finding table whose rule codes link to the rules' explanations.
//!
//! The page is deterministic (no timestamps). Its script marks `<body data-ok="1">` once it has
//! initialised, records script errors in `#errors` and `data-errors`, and with the URL fragment
//! `#selftest` sorts and filters the finding table and writes what it saw into `#selftest`, so a
//! headless browser test can check it through `--dump-dom`.

use super::score::{self, brigade_label, deduction_line, BrigadeSummary, CATEGORIES, SCORE_BINS};
use super::{Reporter, Run};
use crate::finding::{Category, Lang, Place, Severity};
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

/// Bar colours per grade band (best first); further bands reuse the last.
const GRADE_COLOURS: [&str; 4] = ["#2e7d32", "#1565c0", "#c62828", "#6a1b9a"];
const CATEGORY_COLOUR: &str = "#ef6c00";

fn grade_colour(i: usize) -> &'static str {
    GRADE_COLOURS[i.min(GRADE_COLOURS.len() - 1)]
}

/// A vertical bar chart as inline SVG: (label, value, colour, tooltip) per bar.
fn bar_chart(title: &str, bars: &[(String, usize, &str, String)], class: &str) -> String {
    let (w, h, left, bottom, top) = (380.0_f64, 200.0_f64, 34.0, 34.0, 36.0);
    let plot_h = h - bottom - top;
    let n = bars.len().max(1) as f64;
    let slot = (w - left - 8.0) / n;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart {class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}"><title>{t}</title><text x="{x}" y="16" class="ct">{t}</text>"#,
        t = esc(title),
        x = w / 2.0,
    );
    // y axis: 0 and the maximum
    let base = h - bottom;
    let _ = write!(
        s,
        r#"<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" class="ax"/><line x1="{left}" y1="{base}" x2="{r}" y2="{base}" class="ax"/><text x="{lx}" y="{base}" class="yl">0</text><text x="{lx}" y="{ty}" class="yl">{m}</text>"#,
        r = w - 4.0,
        lx = left - 4.0,
        ty = top + 4.0,
        m = max as usize,
    );
    for (i, (label, v, colour, tip)) in bars.iter().enumerate() {
        let bh = (*v as f64 / max * plot_h * 10.0).round() / 10.0;
        let x = left + slot * i as f64 + slot * 0.15;
        let bw = (slot * 0.7 * 10.0).round() / 10.0;
        let y = base - bh;
        let cx = left + slot * (i as f64 + 0.5);
        let _ = write!(
            s,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{bw}" height="{bh}" fill="{colour}" data-value="{v}"><title>{tip}</title></rect>"#,
            tip = esc(tip),
        );
        if *v > 0 {
            let _ = write!(
                s,
                r#"<text x="{cx:.1}" y="{ty:.1}" class="vl">{v}</text>"#,
                ty = y - 3.0
            );
        }
        let _ = write!(
            s,
            r#"<text x="{cx:.1}" y="{ly:.1}" class="xl">{l}</text>"#,
            ly = base + 14.0,
            l = esc(label),
        );
    }
    s.push_str("</svg>");
    s
}

fn score_chart(run: &Run, b: &BrigadeSummary) -> String {
    let lang = run.lang;
    let std = run.scoring();
    let step = std.start.0 / SCORE_BINS as i64; // tenths per bin
    let bars: Vec<(String, usize, &str, String)> = (0..SCORE_BINS)
        .map(|i| {
            let lo = score::Points(step * i as i64);
            let hi = if i + 1 == SCORE_BINS {
                std.start
            } else {
                score::Points(step * (i as i64 + 1) - 1)
            };
            let grade = std
                .grades
                .iter()
                .position(|g| lo >= g.min)
                .unwrap_or(std.grades.len().saturating_sub(1));
            let tip = match lang {
                Lang::Zh => format!("{lo}–{hi} 分：{} 件", b.bins[i]),
                Lang::En => format!("{lo}–{hi} points: {} cases", b.bins[i]),
            };
            (lo.to_string(), b.bins[i], grade_colour(grade), tip)
        })
        .collect();
    bar_chart(
        lang.pick("得分分布（案件数）", "Score distribution (cases)"),
        &bars,
        "scores",
    )
}

fn category_chart(run: &Run, b: &BrigadeSummary) -> String {
    let lang = run.lang;
    let bars: Vec<(String, usize, &str, String)> = CATEGORIES
        .iter()
        .map(|c| {
            let n = b.by_category.get(c).copied().unwrap_or(0);
            let tip = match lang {
                Lang::Zh => format!("{}：{n} 个问题", c.label(lang)),
                Lang::En => format!("{}: {n} findings", c.label(lang)),
            };
            (c.label(lang).to_string(), n, CATEGORY_COLOUR, tip)
        })
        .collect();
    bar_chart(
        lang.pick("问题类别（问题数）", "Findings by category"),
        &bars,
        "categories",
    )
}

const CSS: &str = r#"
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei","Source Han Sans SC",sans-serif;margin:0 auto;max-width:1400px;padding:0 16px 48px;color:#222;background:#fff;font-size:14px}
h1{font-size:24px;margin:20px 0 8px}h2{font-size:19px;border-bottom:2px solid #1565c0;padding-bottom:4px;margin-top:32px}h3{font-size:16px;margin:16px 0 6px}
nav a{margin-right:14px}
.summary{font-size:15px}.note{color:#666;font-size:12px}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#ddebf7;position:sticky;top:0}
table.sortable th{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right}
tr.sev-error td.sev{color:#c62828;font-weight:bold}tr.sev-warning td.sev{color:#ef6c00}tr.sev-info td.sev{color:#555}
tr.waived{color:#888}
.brigade{border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:12px 0}
.charts{display:flex;flex-wrap:wrap;gap:16px}
svg.chart{background:#fafafa;border:1px solid #eee}
svg .ct{font-size:13px;text-anchor:middle;font-weight:bold}
svg .xl{font-size:11px;text-anchor:middle}svg .yl{font-size:10px;text-anchor:end}svg .vl{font-size:10px;text-anchor:middle}
svg .ax{stroke:#888;stroke-width:1}
.controls{margin:8px 0}.controls input{width:280px;padding:4px}
#errors{background:#fdd;color:#900;padding:8px;white-space:pre-wrap}
article.rule{border-top:1px solid #ddd;padding:4px 0}
article.rule:target{background:#fff8e1}
dl{margin:4px 0 8px}dt{font-weight:bold;margin-top:4px}dd{margin-left:16px}
"#;

const SCRIPT: &str = r#"
(function () {
  'use strict';
  var nerr = 0;
  window.onerror = function (msg, src, line) {
    nerr += 1;
    var e = document.getElementById('errors');
    e.hidden = false;
    e.textContent += msg + ' (' + line + ')\n';
    document.body.setAttribute('data-errors', String(nerr));
  };
  var coll = (window.Intl && Intl.Collator) ? new Intl.Collator(document.documentElement.lang, {numeric: true}) : null;
  function key(td, type) {
    var v = td.getAttribute('data-sort');
    if (v === null) { v = td.textContent; }
    if (type === 'num') { return v === '' ? -Infinity : parseFloat(v); }
    return v;
  }
  function cmp(x, y, type) {
    if (type === 'num') { return x - y; }
    return coll ? coll.compare(x, y) : (x < y ? -1 : (x > y ? 1 : 0));
  }
  function sortTable(table, col, dir) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var heads = table.tHead.rows[0].cells;
    var type = heads[col].getAttribute('data-type') || 'text';
    var keyed = rows.map(function (r, i) { return {r: r, k: key(r.cells[col], type), i: i}; });
    keyed.sort(function (a, b) { return cmp(a.k, b.k, type) * dir || a.i - b.i; });
    keyed.forEach(function (x) { body.appendChild(x.r); });
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute('aria-sort'); }
    heads[col].setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
  }
  function onHeadClick(ev) {
    var th = ev.currentTarget;
    var table = th.closest('table');
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    sortTable(table, th.cellIndex, dir);
  }
  var tables = document.querySelectorAll('table.sortable');
  for (var t = 0; t < tables.length; t++) {
    var ths = tables[t].tHead.rows[0].cells;
    for (var c = 0; c < ths.length; c++) { ths[c].addEventListener('click', onHeadClick); }
  }
  var ftable = document.getElementById('finding-table');
  var filter = document.getElementById('filter');
  var sev = document.getElementById('sev');
  var shown = document.getElementById('shown');
  function applyFilter() {
    var q = filter.value.trim().toLowerCase();
    var s = sev.value;
    var rows = ftable.tBodies[0].rows;
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!s || r.getAttribute('data-sev') === s) &&
        (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) { n += 1; }
    }
    shown.textContent = String(n);
    return n;
  }
  filter.addEventListener('input', applyFilter);
  sev.addEventListener('change', applyFilter);
  applyFilter();

  function column(table, name) {
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getAttribute('data-col') === name) { return i; }
    }
    return -1;
  }
  function values(table, col) {
    var rows = table.tBodies[0].rows, out = [];
    for (var i = 0; i < rows.length; i++) { out.push(rows[i].cells[col].textContent); }
    return out.join(',');
  }
  function selftest() {
    var out = [];
    var code = column(ftable, 'code');
    var th = ftable.tHead.rows[0].cells[code];
    th.click();
    out.push('asc=' + values(ftable, code) + ';sort=' + th.getAttribute('aria-sort'));
    th.click();
    out.push('desc=' + values(ftable, code) + ';sort=' + th.getAttribute('aria-sort'));
    var ctable = document.getElementById('case-table');
    var sc = column(ctable, 'score');
    ctable.tHead.rows[0].cells[sc].click();
    out.push('scores=' + values(ctable, sc));
    sev.value = 'error';
    out.push('errors=' + applyFilter());
    sev.value = '';
    filter.value = '\x3cscript>';
    out.push('text=' + applyFilter());
    filter.value = '';
    out.push('all=' + applyFilter());
    var rects = document.querySelectorAll('svg.chart rect');
    var drawn = 0;
    for (var i = 0; i < rects.length; i++) {
      var b = rects[i].getBBox();
      if (b.width > 0 && b.height > 0) { drawn += 1; }
    }
    var svg = document.querySelector('svg.chart');
    out.push('rects=' + rects.length + ';drawn=' + drawn + ';svgwidth=' +
      (svg ? Math.round(svg.getBoundingClientRect().width) : 0));
    var st = document.getElementById('selftest');
    st.hidden = false;
    st.textContent = out.join('\n');
    document.body.setAttribute('data-selftest', 'done');
  }
  if (location.hash === '#selftest') { selftest(); }
  document.body.setAttribute('data-ok', '1');
})();
"#;

impl Reporter for Html {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(page(run).as_bytes())
    }
}

/// The whole page.
pub fn page(run: &Run) -> String {
    let lang = run.lang;
    let r = run.result;
    let std = run.scoring();
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let super::Scored { owner, scores, .. } = run.scored();
    let summaries = score::brigades(r, &scores, &owner, std, 3);
    let mut h = String::with_capacity(64 * 1024 + r.findings.len() * 600);
    let title = t(
        "消防行政处罚案卷评查报告",
        "Fire penalty case-file review report",
    );
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"caselint {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body data-ok=\"0\">",
        lang.pick("zh-CN", "en"),
        env!("CARGO_PKG_VERSION"),
        esc(title),
    );
    h.push_str("<div id=\"errors\" hidden></div>\n<pre id=\"selftest\" hidden></pre>\n");
    let _ = writeln!(h, "<header><h1>{}</h1>", esc(title));
    let _ = writeln!(
        h,
        "<p class=\"summary\">{}</p>",
        esc(&super::table::summary_line(run))
    );
    // Grades over all cases.
    let mut grade_n = vec![0usize; std.grades.len()];
    for s in &scores {
        if let Some(i) = std.grades.iter().position(|g| g.id == s.grade.id) {
            grade_n[i] += 1;
        }
    }
    let mean = (!scores.is_empty()).then(|| {
        let sum: i64 = scores.iter().map(|s| s.score.0).sum();
        (sum as f64 / scores.len() as f64).round() / 10.0
    });
    let grades: Vec<String> = std
        .grades
        .iter()
        .zip(&grade_n)
        .map(|(g, n)| format!("{} {n}", g.label(lang)))
        .collect();
    let _ = writeln!(
        h,
        "<p class=\"summary\">{}：{}；{}：{}</p>",
        t("平均分", "Mean score"),
        mean.map(|m| format!("{m:.1}"))
            .unwrap_or_else(|| "—".into()),
        t("等级", "Grades"),
        esc(&grades.join(lang.pick("，", ", "))),
    );
    let _ = writeln!(
        h,
        "<p class=\"note\">{}：{}</p>\n</header>",
        t("评分标准", "Scoring standard"),
        esc(&std.note)
    );
    let _ = writeln!(
        h,
        "<nav><a href=\"#brigades\">{}</a><a href=\"#cases\">{}</a><a href=\"#findings\">{}</a><a href=\"#rules\">{}</a></nav>",
        t("大队汇总", "Brigades"),
        t("案件评分", "Case scores"),
        t("问题清单", "Findings"),
        t("规则说明", "Rules"),
    );

    // Brigades
    let _ = writeln!(
        h,
        "<section id=\"brigades\"><h2>{}</h2>",
        t("大队汇总", "Brigades")
    );
    for (i, b) in summaries.iter().enumerate() {
        let grades: Vec<String> = std
            .grades
            .iter()
            .zip(&b.grades)
            .map(|(g, n)| format!("{} {n}", g.label(lang)))
            .collect();
        let per100: Vec<String> = CATEGORIES
            .iter()
            .map(|c| format!("{} {:.1}", c.label(lang), b.per_100(*c).unwrap_or(0.0)))
            .collect();
        let top: Vec<String> = b
            .top_rules
            .iter()
            .map(|(c, n)| format!("<a href=\"#rule-{0}\">{0}</a> ×{n}", esc(c)))
            .collect();
        let _ = writeln!(
            h,
            "<div class=\"brigade\" id=\"brigade-{i}\"><h3>{}</h3>\n<p>{} {}；{} {}；{}；{} {}</p>\n<p>{}：{}</p>\n<p>{}：{}</p>\n<div class=\"charts\">{}{}</div></div>",
            esc(&b.label(lang)),
            t("案件", "cases"),
            b.cases,
            t("平均分", "mean score"),
            b.mean.map(|m| format!("{m:.1}")).unwrap_or_else(|| "—".into()),
            esc(&grades.join(lang.pick("，", ", "))),
            t("问题", "findings"),
            b.findings,
            t("每百案问题数", "Findings per 100 cases"),
            esc(&per100.join(lang.pick("，", ", "))),
            t("最常见规则", "Top rules"),
            if top.is_empty() { "—".to_string() } else { top.join(lang.pick("；", "; ")) },
            score_chart(run, b),
            category_chart(run, b),
        );
    }
    h.push_str("</section>\n");

    // Case scores
    let _ = write!(
        h,
        "<section id=\"cases\"><h2>{}</h2>\n<table class=\"sortable\" id=\"case-table\"><thead><tr>",
        t("案件评分", "Case scores")
    );
    for (col, ty, zh, en) in [
        ("brigade", "text", "大队", "brigade"),
        ("case", "text", "案件编号", "case number"),
        ("file", "text", "文件", "file"),
        ("score", "num", "得分", "score"),
        ("grade", "text", "等级", "grade"),
        ("veto", "text", "否决项", "veto items"),
        ("deductions", "text", "扣分明细", "deductions"),
        ("findings", "num", "问题数", "findings"),
    ] {
        let _ = write!(
            h,
            "<th data-col=\"{col}\" data-type=\"{ty}\">{}</th>",
            t(zh, en)
        );
    }
    h.push_str("</tr></thead><tbody>\n");
    for s in scores.iter().take(MAX_ROWS) {
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
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\" data-sort=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(&brigade_label(&s.brigade, lang)),
            esc(s.case_no.as_deref().unwrap_or("")),
            esc(&s.file),
            s.score.as_f64(),
            s.score,
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
    for (col, ty, zh, en) in [
        ("brigade", "text", "大队", "brigade"),
        ("file", "text", "文件", "file"),
        ("place", "text", "位置", "location"),
        ("case", "text", "案件编号", "case number"),
        ("code", "text", "规则", "rule"),
        ("severity", "num", "级别", "severity"),
        ("category", "text", "类别", "category"),
        ("message", "text", "问题", "what is wrong"),
        ("basis", "text", "依据", "basis"),
        ("help", "text", "整改", "how to fix"),
    ] {
        let _ = write!(
            h,
            "<th data-col=\"{col}\" data-type=\"{ty}\">{}</th>",
            t(zh, en)
        );
    }
    h.push_str("</tr></thead><tbody>\n");
    let mut file_brigade = std::collections::HashMap::new();
    for s in &scores {
        file_brigade
            .entry(s.file.as_str())
            .or_insert(s.brigade.as_str());
    }
    for (f, o) in r.findings.iter().zip(&owner).take(MAX_ROWS) {
        let brigade = match o {
            Some(i) => scores.get(*i).map(|s| s.brigade.as_str()),
            None => file_brigade.get(f.file.as_str()).copied(),
        };
        let sev = match &f.waived {
            Some(why) => format!(
                "{}（{}：{}）",
                f.severity.label(lang),
                t("已豁免", "waived"),
                esc(why)
            ),
            None => f.severity.label(lang).to_string(),
        };
        let _ = writeln!(
            h,
            "<tr class=\"sev-{s}{w}\" data-sev=\"{s}\"><td>{}</td><td>{}</td><td data-sort=\"{}\">{}</td><td>{}</td><td><a href=\"#rule-{code}\" title=\"{}\">{code}</a></td><td class=\"sev\" data-sort=\"{}\">{sev}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&brigade.map(|b| brigade_label(b, lang)).unwrap_or_default()),
            esc(&f.file),
            esc(&place_key(&f.place)),
            esc(&f.place.display_in(lang)),
            esc(f.case_no.as_deref().unwrap_or("")),
            esc(run.rules.get(f.code.as_str()).map(|i| i.title.get(lang)).unwrap_or("")),
            sev_rank(f.severity),
            esc(f.category.label(lang)),
            esc(&f.message),
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

    // Rule explanations: every rule in force, and any code found without one.
    let _ = writeln!(
        h,
        "<section id=\"rules\"><h2>{}</h2>",
        t("规则说明", "Rules")
    );
    let mut codes: std::collections::BTreeSet<&str> = run.rules.keys().copied().collect();
    codes.extend(r.findings.iter().map(|f| f.code.as_str()));
    for code in codes {
        match run.rules.get(code) {
            Some(i) => {
                let _ = write!(
                    h,
                    "<article class=\"rule\" id=\"rule-{}\"><h3>{} {} — {}</h3><p>{} {}；{} {}</p><dl>",
                    esc(code),
                    esc(code),
                    esc(i.name),
                    esc(i.title.get(lang)),
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
                    "<article class=\"rule\" id=\"rule-{0}\"><h3>{0}</h3><p>{1} {2}；{3}</p></article>",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::score::sample;

    fn page_of(lang: Lang) -> String {
        let result = sample::result();
        let infos = crate::rules::builtin_infos();
        let index = crate::rules::index(&infos);
        let run = Run {
            result: &result,
            lang,
            rules: &index,
            elapsed: None,
            scoring: None,
        };
        let mut buf = Vec::new();
        Html.write(&run, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn escapes_text() {
        for (raw, want) in [
            ("<script>", "&lt;script&gt;"),
            ("a&b", "a&amp;b"),
            ("\"x\" 'y'", "&quot;x&quot; &#39;y&#39;"),
            ("甲消行罚决字〔2022〕1号", "甲消行罚决字〔2022〕1号"),
        ] {
            assert_eq!(esc(raw), want);
        }
    }

    #[test]
    fn page_structure() {
        let p = page_of(Lang::Zh);
        assert!(p.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        // Self-contained: nothing fetched.
        for bad in [
            "src=\"http",
            "href=\"http",
            "@import",
            "url(",
            "<link",
            "fetch(",
        ] {
            assert!(!p.contains(bad), "{bad}");
        }
        // Exactly one script element: ours. The message's <script> is escaped.
        assert_eq!(p.matches("<script>").count(), 1);
        assert!(p.contains("当事人&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;x&quot;"));
        // Two brigades × two charts, ten score bins and five categories each.
        assert_eq!(p.matches("<svg class=\"chart scores\"").count(), 2);
        assert_eq!(p.matches("<svg class=\"chart categories\"").count(), 2);
        assert_eq!(
            p.matches("<rect ").count(),
            2 * (SCORE_BINS + CATEGORIES.len())
        );
        // 一大队: scores 97 and 84 → one case in bin 90 (green), one in bin 80 (blue).
        assert!(p.contains(r##"fill="#2e7d32" data-value="1"><title>90–100 分：1 件</title>"##));
        assert!(p.contains(r##"fill="#1565c0" data-value="1"><title>80–89.9 分：1 件</title>"##));
        // One row per finding, each code linked to its explanation.
        let body = p.split("id=\"finding-table\"").nth(1).unwrap();
        let body = body.split("</table>").next().unwrap();
        assert_eq!(body.matches("<tr class=\"sev-").count(), 8);
        assert!(body.contains("<a href=\"#rule-F005\" title=\"未识别的字段\">F005</a>"));
        assert!(body.contains("<tr class=\"sev-error waived\" data-sev=\"error\">"));
        assert!(body.contains("错误（已豁免：已批准）"));
        for code in ["F001", "F005", "P003", "D005"] {
            assert!(p.contains(&format!("id=\"rule-{code}\"")), "{code}");
        }
        // Case scores with deductions line by line.
        assert!(p.contains("D005 ×3 −6（已达上限）<br>P003 ×1 −10"));
        assert!(p.contains("<td class=\"num\" data-sort=\"84\">84</td><td>不合格</td>"));
        // Lines sort numerically.
        assert!(p.contains("data-sort=\"0000000012:000003\">12:3</td>"));
        assert!(p.contains("不是已公布的评查标准"));
    }

    #[test]
    fn english_and_deterministic() {
        let a = page_of(Lang::En);
        assert_eq!(a, page_of(Lang::En));
        assert!(a.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(a.contains("<th data-col=\"code\" data-type=\"text\">rule</th>"));
        assert!(a.contains("Score distribution (cases)"));
        assert!(!a.contains("问题清单"));
    }
}
