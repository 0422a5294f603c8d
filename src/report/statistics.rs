//! `--statistics`: counts per rule, per category and per brigade instead of the findings, as
//! a table or JSON. Waived findings are counted apart.

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

/// Writes the statistics as JSON.
pub fn write_json(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let s = count(run);
    let v = json!({
        "rules": s.rules.iter().map(|(code, (n, cases, waived))| json!({
            "code": code, "name": run.rules.get(code.as_str()).map(|i| i.name).unwrap_or(""),
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
        Lang::En => vec!["rule", "name", "findings", "cases", "waived"],
    });
    for (code, (n, cases, waived)) in &s.rules {
        let name = run.rules.get(code.as_str()).map(|i| i.name).unwrap_or("");
        t.add_row(vec![
            code.clone(),
            name.to_string(),
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
}
