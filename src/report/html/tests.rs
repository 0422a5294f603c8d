//! Tests of the review-meeting page: escaping, structure, column widths and print, title block,
//! masking, the lead section, English and determinism.

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
        view: Default::default(),
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
    // One chart of grades and one of findings per 100 cases, every brigade on each.
    assert_eq!(p.matches("<svg class=\"chart grades\"").count(), 1);
    assert_eq!(p.matches("<svg class=\"chart per100\"").count(), 1);
    // 一大队: 97 (优秀) and 84 (不合格, a veto): half green, half red — coloured by grade.
    assert!(
        p.contains(r##"fill="#2e7d32" data-value="1"><title>一大队：优秀 1 件（50.0%）</title>"##),
        "{p}"
    );
    assert!(p.contains(
        r##"fill="#c62828" data-value="1"><title>一大队：不合格 1 件（50.0%）</title>"##
    ));
    assert!(p.contains("合格率 50.0% · 不合格率 50.0%"));
    // One row per finding, each code linked to its explanation.
    let body = p.split("id=\"finding-table\"").nth(1).unwrap();
    let body = body.split("</table>").next().unwrap();
    assert_eq!(body.matches("<tr class=\"sev-").count(), 8);
    assert!(body.contains("<a href=\"#rule-F005\" title=\"未识别的字段\">F005</a>"));
    assert!(body.contains("<tr class=\"sev-error waived\" data-sev=\"error\">"));
    assert!(body.contains("错误<br>（已豁免：已批准）"));
    for code in ["F001", "F005", "P004", "D005"] {
        assert!(p.contains(&format!("id=\"rule-{code}\"")), "{code}");
    }
    // Case scores with deductions line by line, worst first.
    assert!(p.contains("D005 ×3 −6（已达上限）<br>P004 ×1 −10"));
    let cases = p.split("id=\"case-table\"").nth(1).unwrap();
    let first = cases
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .trim_start()
        .lines()
        .next()
        .unwrap();
    assert!(first.contains("B-2") && first.contains("不合格"), "{first}");
    // Lines sort numerically.
    assert!(p.contains("data-sort=\"0000000012:000003\">第12行</td>"));
    // Brigades table with a 合计 row.
    assert!(p.contains("<tr class=\"total\">"));
    assert!(p.contains("不是已公布的评查标准"));
}

/// Readable at 1024 px and on paper: no column can be squeezed to one character, file paths
/// are shortened with the full path on hover, and a print stylesheet prints A4 landscape
/// with the summary on its own first page, headers repeated and nothing sticky.
#[test]
fn columns_keep_their_width_and_the_page_prints() {
    let p = page_of(Lang::Zh);
    let css = CSS;
    for class in [
        "c-brigade",
        "c-file",
        "c-place",
        "c-case",
        "c-code",
        "c-sev",
        "c-cat",
        "c-msg",
        "c-basis",
        "c-help",
    ] {
        let rule = css
            .split(&format!("th.{class}"))
            .nth(1)
            .unwrap_or_else(|| panic!("no width for {class}"));
        let rule = &rule[..rule.find('}').unwrap()];
        let em: f64 = rule
            .split("min-width:")
            .nth(1)
            .and_then(|v| v.trim_end_matches("em").parse().ok())
            .unwrap_or_else(|| panic!("{class}: {rule}"));
        assert!(
            em >= 3.0,
            "{class} min-width {em}em: at least two characters"
        );
        assert!(p.contains(&format!("class=\"{class}\"")), "{class} used");
    }
    // Every finding-table header has a width class.
    let head = p.split("id=\"finding-table\"").nth(1).unwrap();
    let head = &head[..head.find("</thead>").unwrap()];
    assert_eq!(
        head.matches("<th ").count(),
        head.matches("class=\"c-").count()
    );
    // Short path, full path on hover.
    assert!(p.contains("title=\"一大队/a.xml\">一大队/a.xml</td>"));
    assert_eq!(short_path("2023/一大队/案卷/b.xml"), "…/案卷/b.xml");
    // Print stylesheet.
    let print = css.split("@media print{").nth(1).expect("print stylesheet");
    assert!(css.contains("@page{size:A4 landscape"));
    for want in [
        "#summary{break-after:page",
        "thead{display:table-header-group}",
        "th{position:static}",
        "nav,.controls",
    ] {
        assert!(print.contains(want), "print: {want}");
    }
    // Sticky headers only on the screen.
    assert!(css.contains("@media screen{th{position:sticky"));
    assert!(!css
        .split("@media screen")
        .next()
        .unwrap()
        .contains("sticky"));
}

#[test]
fn title_block_masking_and_a_lead_section() {
    let result = sample::result();
    let infos = crate::rules::builtin_infos();
    let index = crate::rules::index(&infos);
    let mut result = result;
    result.findings[0].message = "身份证号 110105194912310029 有误".into();
    let mut run = Run {
        result: &result,
        lang: Lang::Zh,
        rules: &index,
        elapsed: None,
        scoring: None,
        view: crate::report::View {
            title: None,
            unit: Some("某市消防救援支队法制科".into()),
            year: Some("2023".into()),
            scope: Some("全市一般程序案卷".into()),
            date: chrono::NaiveDate::from_ymd_opt(2024, 3, 1),
            mask_ids: true,
            terminal: false,
        },
    };
    let p = page(&run);
    assert!(
        p.contains("<h1>某市消防救援支队法制科 2023 年度 消防行政处罚案卷评查报告</h1>"),
        "{}",
        &p[..2000]
    );
    assert!(p.contains("<span>评查范围：全市一般程序案卷</span>"));
    assert!(p.contains("<span>报告日期：2024年03月01日</span>"));
    assert!(p.contains("1101**********0029"));
    assert!(!p.contains("110105194912310029"));
    run.view.mask_ids = false;
    run.view.title = Some("2023 年度案卷评查".into());
    let p = page(&run);
    assert!(p.contains("110105194912310029"));
    assert!(p.contains("<h1>2023 年度案卷评查</h1>"));
    // A merged report's 互查结果 comes first, in the page and in the navigation.
    let lead = Lead {
        id: "review",
        nav: "互查结果",
        html: "<section id=\"review\"><h2>互查结果</h2></section>\n".into(),
    };
    let p = page_with(&run, Some(&lead));
    let nav = p.split("<nav>").nth(1).unwrap();
    assert!(nav.starts_with("<a href=\"#review\">互查结果</a>"), "{nav}");
    assert!(p.find("id=\"review\"").unwrap() < p.find("id=\"summary\"").unwrap());
}

#[test]
fn english_and_deterministic() {
    let a = page_of(Lang::En);
    assert_eq!(a, page_of(Lang::En));
    assert!(a.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(a.contains("<th data-col=\"code\" data-type=\"text\" class=\"c-code\">rule</th>"));
    assert!(a.contains("Grades per brigade"));
    assert!(!a.contains("问题清单"));
}

/// A chart's labels make room for a full agency name, within bounds.
#[test]
fn chart_labels_fit_a_full_agency_name() {
    let w = |names: &[&str]| label_width(names.iter().map(|n| n.to_string()));
    assert_eq!(w(&["一大队", "二大队"]), 150.0);
    // 12 Chinese characters at 12 px and the margin: no longer cut off at 150.
    assert_eq!(w(&["喀左县公安局官大海派出所"]), 160.0);
    assert_eq!(w(&["Brigade 1"]), 150.0);
    assert_eq!(w(&[&"很长的名称".repeat(10)]), 360.0);
}
