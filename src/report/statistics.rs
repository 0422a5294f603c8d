//! `--statistics`: counts per rule, per category and per brigade instead of the findings, as
//! a table, JSON, CSV or a workbook. Rules are listed by findings, most first (ties by code).
//! Waived findings are counted apart.

use super::Run;
use crate::finding::{Category, Lang, Severity};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{self, Write};

/// The counts.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Statistics {
    /// code → (findings, distinct cases, waived)
    pub rules: BTreeMap<String, (usize, usize, usize)>,
    /// category → findings (unwaived)
    pub categories: BTreeMap<Category, usize>,
    /// brigade → (cases, errors, warnings, infos)
    pub brigades: BTreeMap<String, (usize, usize, usize, usize)>,
}

/// Counts a finished run.
pub fn count(run: &Run) -> Statistics {
    let r = run.result;
    let mut s = Statistics::default();
    // Which brigade each (file, case) and each file belongs to.
    // Kept only for the files and cases that have findings (one pass over each list).
    let with_findings: HashSet<&str> = r.findings.iter().map(|f| f.file.as_str()).collect();
    // file → case number → brigade
    let mut case_brigade: HashMap<String, HashMap<Option<String>, String>> = HashMap::new();
    for c in r.cases.iter() {
        s.brigades.entry(c.brigade.clone()).or_default().0 += 1;
        if with_findings.contains(c.file.as_str()) {
            case_brigade
                .entry(c.file)
                .or_default()
                .insert(c.case_no, c.brigade);
        }
    }
    let file_brigade: HashMap<String, String> = r
        .inputs
        .iter()
        .filter(|i| with_findings.contains(i.file.as_str()))
        .filter_map(|i| Some((i.file, i.brigade?)))
        .collect();
    let mut cases_hit: BTreeMap<&str, BTreeSet<(&str, Option<&str>)>> = BTreeMap::new();
    for f in &r.findings {
        let entry = s.rules.entry(f.code.clone()).or_default();
        if f.waived.is_some() {
            entry.2 += 1;
            continue;
        }
        entry.0 += 1;
        cases_hit
            .entry(f.code.as_str())
            .or_default()
            .insert((f.file.as_str(), f.case_no.as_deref()));
        *s.categories.entry(f.category).or_default() += 1;
        let brigade = case_brigade
            .get(f.file.as_str())
            .and_then(|by_no| by_no.get(&f.case_no))
            .or_else(|| file_brigade.get(f.file.as_str()))
            .map(String::as_str)
            .unwrap_or("");
        let b = s.brigades.entry(brigade.to_string()).or_default();
        match f.severity {
            Severity::Error => b.1 += 1,
            Severity::Warning => b.2 += 1,
            Severity::Info => b.3 += 1,
        }
    }
    for (code, set) in cases_hit {
        if let Some(e) = s.rules.get_mut(code) {
            e.1 = set.len();
        }
    }
    s
}

impl Statistics {
    /// The rules, most findings first (then most waived, then by code).
    pub fn rules_by_count(&self) -> Vec<(&str, (usize, usize, usize))> {
        let mut v: Vec<(&str, (usize, usize, usize))> =
            self.rules.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        v.sort_by(|a, b| {
            b.1 .0
                .cmp(&a.1 .0)
                .then(b.1 .2.cmp(&a.1 .2))
                .then(a.0.cmp(b.0))
        });
        v
    }
}

/// The formats `--statistics` writes.
pub fn supports(format: super::Format) -> bool {
    use super::Format::*;
    matches!(format, Table | Json | Csv | Xlsx)
}

/// Writes the statistics in `format` (one of [`supports`]).
pub fn write(run: &Run, format: super::Format, out: &mut dyn Write) -> io::Result<()> {
    use super::Format::*;
    match format {
        Json => write_json(run, out),
        Csv => write_csv(run, out),
        Xlsx => write_xlsx(run, out),
        _ => write_table(run, out),
    }
}

/// The rule's title in the run's language.
fn title<'a>(run: &'a Run, code: &str) -> &'a str {
    run.rules
        .get(code)
        .map(|i| i.title.get(run.lang))
        .unwrap_or("")
}

/// Writes the statistics as JSON.
pub fn write_json(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let s = count(run);
    let v = json!({
        "rules": s.rules_by_count().into_iter().map(|(code, (n, cases, waived))| json!({
            "code": code, "name": run.rules.get(code).map(|i| i.name).unwrap_or(""),
            "title": title(run, code),
            "findings": n, "cases": cases, "waived": waived,
        })).collect::<Vec<_>>(),
        "categories": s.categories.iter().map(|(c, n)| json!({ "category": c.as_str(), "findings": n })).collect::<Vec<_>>(),
        "brigades": s.brigades.iter().map(|(b, (cases, e, w, i))| json!({
            "brigade": b, "cases": cases, "error": e, "warning": w, "info": i,
        })).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

/// Writes the statistics as three tables.
pub fn write_table(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let s = count(run);
    let lang = run.lang;
    let table = |head: Vec<&str>| {
        let mut t = comfy_table::Table::new();
        t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
        t.set_header(head);
        t
    };
    let mut t = table(match lang {
        Lang::Zh => vec!["规则", "名称", "问题数", "涉及案件", "已豁免"],
        Lang::En => vec!["rule", "title", "findings", "cases", "waived"],
    });
    for (code, (n, cases, waived)) in s.rules_by_count() {
        t.add_row(vec![
            code.to_string(),
            title(run, code).to_string(),
            n.to_string(),
            cases.to_string(),
            waived.to_string(),
        ]);
    }
    writeln!(out, "{t}")?;
    let mut t = table(match lang {
        Lang::Zh => vec!["类别", "问题数"],
        Lang::En => vec!["category", "findings"],
    });
    for (c, n) in &s.categories {
        t.add_row(vec![c.label(lang).to_string(), n.to_string()]);
    }
    writeln!(out, "{t}")?;
    let mut t = table(match lang {
        Lang::Zh => vec!["大队", "案件数", "错误", "警告", "提示"],
        Lang::En => vec!["brigade", "cases", "errors", "warnings", "info"],
    });
    for (b, (cases, e, w, i)) in &s.brigades {
        let name = if b.is_empty() {
            lang.pick("（未知）", "(unknown)").to_string()
        } else {
            b.clone()
        };
        t.add_row(vec![
            name,
            cases.to_string(),
            e.to_string(),
            w.to_string(),
            i.to_string(),
        ]);
    }
    writeln!(out, "{t}")
}

/// The three lists as rows of one table: (list, key, name, findings, cases, waived, errors,
/// warnings, info), blank where a list has no such count.
fn rows(run: &Run) -> Vec<[String; 9]> {
    let s = count(run);
    let lang = run.lang;
    let n = |v: usize| v.to_string();
    let mut out = Vec::new();
    for (code, (f, cases, waived)) in s.rules_by_count() {
        out.push([
            lang.pick("规则", "rule").into(),
            code.to_string(),
            title(run, code).to_string(),
            n(f),
            n(cases),
            n(waived),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    for (c, f) in &s.categories {
        out.push([
            lang.pick("类别", "category").into(),
            c.as_str().to_string(),
            c.label(lang).to_string(),
            n(*f),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    for (b, (cases, e, w, i)) in &s.brigades {
        out.push([
            lang.pick("大队", "brigade").into(),
            b.clone(),
            super::score::brigade_label(b, lang),
            n(e + w + i),
            n(*cases),
            String::new(),
            n(*e),
            n(*w),
            n(*i),
        ]);
    }
    out
}

fn row_header(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::Zh => [
            "统计",
            "代码",
            "名称",
            "问题数",
            "案件数",
            "已豁免",
            "错误",
            "警告",
            "提示",
        ],
        Lang::En => [
            "list", "key", "name", "findings", "cases", "waived", "errors", "warnings", "info",
        ],
    }
}

/// Writes the statistics as one CSV table (see `rows`), in the run's language.
pub fn write_csv(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let rows = rows(run)
        .into_iter()
        .map(|r| r.iter().map(|c| super::csv::text_cell(c)).collect());
    super::csv::write_rows(out, &row_header(run.lang), rows)
}

/// Writes the statistics as a workbook: a sheet per list, counts as numbers.
pub fn write_xlsx(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    use super::xlsx::{Cell, Sheet};
    let lang = run.lang;
    let s = count(run);
    let num = |v: usize| Cell::Int(v as i64);
    let mut rules = Sheet::new(
        lang.pick("规则统计", "Rules"),
        &match lang {
            Lang::Zh => ["规则", "规则名称", "问题数", "涉及案件", "已豁免"],
            Lang::En => ["rule", "title", "findings", "cases", "waived"],
        },
    );
    for (code, (f, cases, waived)) in s.rules_by_count() {
        rules.push(vec![
            code.into(),
            title(run, code).into(),
            num(f),
            num(cases),
            num(waived),
        ]);
    }
    let mut cats = Sheet::new(
        lang.pick("类别统计", "Categories"),
        &match lang {
            Lang::Zh => ["类别", "问题数"],
            Lang::En => ["category", "findings"],
        },
    );
    for (c, f) in &s.categories {
        cats.push(vec![c.label(lang).into(), num(*f)]);
    }
    let mut brigades = Sheet::new(
        lang.pick("大队统计", "Brigades"),
        &match lang {
            Lang::Zh => ["大队", "案件数", "错误", "警告", "提示"],
            Lang::En => ["brigade", "cases", "errors", "warnings", "info"],
        },
    );
    for (b, (cases, e, w, i)) in &s.brigades {
        brigades.push(vec![
            super::score::brigade_label(b, lang).into(),
            num(*cases),
            num(*e),
            num(*w),
            num(*i),
        ]);
    }
    let bytes = super::xlsx::workbook_for(&[rules, cats, brigades], run)
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_rules_categories_and_brigades() {
        let result = crate::report::fixture::result(Lang::Zh);
        let infos = crate::rules::builtin_infos();
        let index = crate::rules::index(&infos);
        let run = Run {
            result: &result,
            lang: Lang::Zh,
            rules: &index,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let s = count(&run);
        let total: usize = s.rules.values().map(|r| r.0 + r.2).sum();
        assert_eq!(total, result.findings.len());
        let unwaived = result
            .findings
            .iter()
            .filter(|f| f.waived.is_none())
            .count();
        assert_eq!(s.categories.values().sum::<usize>(), unwaived);
        assert_eq!(
            s.brigades.values().map(|b| b.0).sum::<usize>(),
            result.cases.len()
        );
        let mut buf = Vec::new();
        write_table(&run, &mut buf).unwrap();
        assert!(String::from_utf8(buf).unwrap().contains("涉及案件"));
    }

    /// Rules by count, most first; CSV in the run's language; a workbook.
    #[test]
    fn sorted_by_count_in_every_format() {
        let result = crate::report::score::sample::result();
        let infos = crate::rules::builtin_infos();
        let index = crate::rules::index(&infos);
        for lang in [Lang::Zh, Lang::En] {
            let run = Run {
                result: &result,
                lang,
                rules: &index,
                elapsed: None,
                scoring: None,
                view: Default::default(),
            };
            let counted = count(&run);
            let by = counted.rules_by_count();
            assert_eq!(by[0].0, "D005"); // 3 findings, before the codes with 1
            assert!(by.windows(2).all(|w| w[0].1 .0 >= w[1].1 .0), "{by:?}");
            let mut csv = Vec::new();
            write(&run, crate::report::Format::Csv, &mut csv).unwrap();
            let text = String::from_utf8(csv[3..].to_vec()).unwrap();
            let head = text.lines().next().unwrap();
            assert_eq!(
                head,
                lang.pick(
                    "统计,代码,名称,问题数,案件数,已豁免,错误,警告,提示",
                    "list,key,name,findings,cases,waived,errors,warnings,info"
                )
            );
            assert!(text.lines().nth(1).unwrap().contains("D005"));
            let mut json = Vec::new();
            write(&run, crate::report::Format::Json, &mut json).unwrap();
            let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
            assert_eq!(v["rules"][0]["code"], "D005");
            let mut xlsx = Vec::new();
            write(&run, crate::report::Format::Xlsx, &mut xlsx).unwrap();
            assert!(xlsx.starts_with(b"PK"));
        }
        assert!(supports(crate::report::Format::Xlsx) && !supports(crate::report::Format::Sarif));
    }
}
