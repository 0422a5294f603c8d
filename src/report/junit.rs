//! JUnit XML (review.md, "CI-style checks"): the test-report format every CI server reads
//! (Jenkins, GitLab, Azure DevOps, GitHub test-report actions), so a nightly job shows how many
//! cases were checked and which failed.
//!
//! Shape:
//! - one `<testsuite>` per input file (`name` = the path as given), sorted by path, inside one
//!   `<testsuites name="caselint">`;
//! - one `<testcase>` per case (`classname` = file, `name` = case number), in file order, so a
//!   clean case is a passing test; plus a `<testcase name="file">` first when the file has
//!   file-level findings, cases without a case number, or no case at all (an unreadable file);
//! - one `<failure>` per unwaived error or warning finding (`message` = what is wrong, `type` =
//!   rule code; the text lists location, rule, what, basis and fix in the run's language). The
//!   Ant/Jenkins schema allows several failures in a test case;
//! - info findings and waived findings are not failures: they are listed in `<system-out>`, so
//!   nothing is dropped;
//! - `tests`/`failures` count test cases; `errors` and `skipped` are always 0 (caselint's own
//!   trouble with a file is a finding, F001–F003, hence a failure).
//!
//! No `timestamp`, `time` or `hostname`: the output is byte-identical across runs.
//! Text is escaped for XML, and characters XML 1.0 cannot carry at all (control characters
//! from a hostile file) become U+FFFD, so the report always parses.

use super::{Reporter, Run};
use crate::finding::{Finding, Lang, Place, Severity};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

pub struct Junit;

/// The test case that holds a file's file-level findings.
pub const FILE_CASE: &str = "file";

struct TestCase<'a> {
    name: &'a str,
    findings: Vec<&'a Finding>,
}

impl TestCase<'_> {
    fn fails(&self) -> bool {
        self.findings.iter().any(|f| is_failure(f))
    }
}

fn is_failure(f: &Finding) -> bool {
    f.waived.is_none() && f.severity >= Severity::Warning
}

/// Per file (sorted), its test cases in order. Linear in cases + findings: every lookup (a
/// file's flags, a test case by name) goes through a map, never a scan of all findings or of a
/// file's other test cases (a batch file or a ledger holds thousands).
fn suites<'a>(
    run: &'a Run,
    all_cases: &'a [crate::model::run::CaseSummary],
) -> BTreeMap<&'a str, Vec<TestCase<'a>>> {
    let r = run.result;
    // file → its case numbers, in case order (`None`: a case without a number).
    let mut numbers: HashMap<&str, Vec<Option<&str>>> = HashMap::new();
    for c in all_cases {
        numbers
            .entry(c.file.as_str())
            .or_default()
            .push(c.case_no.as_deref());
    }
    // file → (has a file-level finding, has a finding naming a case).
    let mut flags: HashMap<&str, (bool, bool)> = HashMap::new();
    for f in &r.findings {
        let e = flags.entry(f.file.as_str()).or_default();
        if f.case_no.is_none() {
            e.0 = true;
        } else {
            e.1 = true;
        }
    }
    let needs_file_case = |file: &str| {
        let (file_level, named) = flags.get(file).copied().unwrap_or_default();
        file_level
            || numbers.get(file).is_some_and(|n| n.contains(&None))
            || !(numbers.contains_key(file) || named)
    };
    let files = all_cases
        .iter()
        .map(|c| c.file.as_str())
        .chain(r.findings.iter().map(|f| f.file.as_str()));
    // file → its test cases and their index by name.
    let mut built: HashMap<&str, (Vec<TestCase>, HashMap<&str, usize>)> = HashMap::new();
    for file in files {
        if built.contains_key(file) {
            continue;
        }
        let mut cases = Vec::new();
        let mut index = HashMap::new();
        if needs_file_case(file) {
            index.insert(FILE_CASE, 0);
            cases.push(TestCase {
                name: FILE_CASE,
                findings: vec![],
            });
        }
        for no in numbers.get(file).into_iter().flatten().flatten() {
            // A case number twice in one file (F007) is one test case.
            if let std::collections::hash_map::Entry::Vacant(e) = index.entry(*no) {
                e.insert(cases.len());
                cases.push(TestCase {
                    name: no,
                    findings: vec![],
                });
            }
        }
        built.insert(file, (cases, index));
    }
    for f in &r.findings {
        let (cases, index) = built
            .get_mut(f.file.as_str())
            .expect("every finding's file has a suite");
        let name = f.case_no.as_deref().unwrap_or(FILE_CASE);
        match index.get(name) {
            Some(&i) => cases[i].findings.push(f),
            // A finding naming a case the summaries do not list: give it its own test case.
            None => {
                index.insert(name, cases.len());
                cases.push(TestCase {
                    name,
                    findings: vec![f],
                });
            }
        }
    }
    built
        .into_iter()
        .map(|(file, (cases, _))| (file, cases))
        .collect()
}

/// Replaces characters XML 1.0 forbids (even as references) with U+FFFD.
fn xml_chars(s: &str) -> Cow<'_, str> {
    let ok = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if s.chars().all(ok) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if ok(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

/// Element text.
fn text(s: &str) -> String {
    quick_xml::escape::escape(xml_chars(s).as_ref()).into_owned()
}

/// Attribute value: line breaks and tabs as references, or a parser would fold them to spaces.
fn attr(s: &str) -> String {
    text(s)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

/// `file:12:5`, `file 2022!H14`, `file 第3段`, or the file alone.
fn location(f: &Finding, lang: Lang) -> String {
    match &f.place {
        Place::File => f.file.clone(),
        Place::Line { .. } => format!("{}:{}", f.file, f.place.display()),
        Place::Cell { .. } => format!("{} {}", f.file, f.place.display()),
        Place::Paragraph(_) => format!("{} {}", f.file, f.place.display_in(lang)),
    }
}

fn failure_text(run: &Run, f: &Finding) -> String {
    let lang = run.lang;
    let labels = match lang {
        Lang::Zh => ["位置", "规则", "问题", "依据", "整改"],
        Lang::En => ["location", "rule", "what is wrong", "basis", "how to fix"],
    };
    let sep = lang.pick("：", ": ");
    let rule = match lang {
        Lang::Zh => format!(
            "{} {}（{}）",
            f.code,
            run.name_of(f),
            f.severity.label(lang)
        ),
        Lang::En => format!("{} {} ({})", f.code, run.name_of(f), f.severity.label(lang)),
    };
    [
        (labels[0], location(f, lang)),
        (labels[1], rule),
        (labels[2], f.message.clone()),
        (labels[3], f.basis.clone()),
        (labels[4], f.help.clone()),
    ]
    .iter()
    .map(|(k, v)| format!("{k}{sep}{v}"))
    .collect::<Vec<_>>()
    .join("\n")
}

/// One `<system-out>` line for an info or waived finding.
fn note_line(run: &Run, f: &Finding) -> String {
    let lang = run.lang;
    let tag = match (&f.waived, lang) {
        (Some(why), Lang::Zh) => format!("[{}，已豁免：{why}]", f.severity.label(lang)),
        (Some(why), Lang::En) => format!("[{}, waived: {why}]", f.severity.label(lang)),
        (None, _) => format!("[{}]", f.severity.label(lang)),
    };
    format!(
        "{tag} {} {} {} — {}",
        f.code,
        run.name_of(f),
        location(f, lang),
        f.message
    )
}

impl Reporter for Junit {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let cases = run.result.cases.to_vec();
        let suites = suites(run, &cases);
        let tests: usize = suites.values().map(Vec::len).sum();
        let failures: usize = suites.values().flatten().filter(|t| t.fails()).count();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="caselint" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#
        )?;
        for (file, cases) in &suites {
            let failed = cases.iter().filter(|t| t.fails()).count();
            writeln!(
                out,
                r#"  <testsuite name="{}" tests="{}" failures="{failed}" errors="0" skipped="0">"#,
                attr(file),
                cases.len()
            )?;
            for t in cases {
                let head = format!(
                    r#"    <testcase classname="{}" name="{}""#,
                    attr(file),
                    attr(t.name)
                );
                if t.findings.is_empty() {
                    writeln!(out, "{head}/>")?;
                    continue;
                }
                writeln!(out, "{head}>")?;
                for f in t.findings.iter().filter(|f| is_failure(f)) {
                    writeln!(
                        out,
                        r#"      <failure message="{}" type="{}">{}</failure>"#,
                        attr(&f.message),
                        attr(&f.code),
                        text(&failure_text(run, f))
                    )?;
                }
                let notes: Vec<String> = t
                    .findings
                    .iter()
                    .filter(|f| !is_failure(f))
                    .map(|f| note_line(run, f))
                    .collect();
                if !notes.is_empty() {
                    writeln!(
                        out,
                        "      <system-out>{}</system-out>",
                        text(&notes.join("\n"))
                    )?;
                }
                writeln!(out, "    </testcase>")?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Category;
    use crate::report::fixture;
    use quick_xml::events::Event;

    #[test]
    fn snapshot_zh() {
        insta::assert_snapshot!(fixture::render(&Junit, Lang::Zh));
    }

    #[test]
    fn snapshot_en() {
        insta::assert_snapshot!(fixture::render(&Junit, Lang::En));
    }

    /// (suite name, testcase name, failure messages, system-out) as a parser reads them back.
    type Parsed = Vec<(String, String, Vec<String>, Option<String>)>;

    /// Parses the report with quick-xml, so escaping is checked by a real parser.
    fn parse(xml: &str) -> (BTreeMap<String, String>, Parsed) {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut root = BTreeMap::new();
        let mut out: Parsed = Vec::new();
        let mut suite = String::new();
        let mut in_out = false;
        let attrs = |e: &quick_xml::events::BytesStart| -> BTreeMap<String, String> {
            e.attributes()
                .map(|a| {
                    let a = a.unwrap();
                    let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0);
                    (a.key.as_ref().to_string(), value.unwrap().into_owned())
                })
                .collect()
        };
        let push_out = |out: &mut Parsed, s: &str| {
            let slot = &mut out.last_mut().unwrap().3;
            *slot = Some(slot.take().unwrap_or_default() + s);
        };
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) => {
                    let a = attrs(&e);
                    match e.name().as_ref() {
                        "testsuites" => root = a,
                        "testsuite" => suite = a["name"].clone(),
                        "testcase" => {
                            assert_eq!(a["classname"], suite);
                            out.push((suite.clone(), a["name"].clone(), vec![], None));
                        }
                        "failure" => out.last_mut().unwrap().2.push(a["message"].clone()),
                        "system-out" => in_out = true,
                        _ => {}
                    }
                }
                Event::Text(t) if in_out => push_out(&mut out, &t.xml10_content()),
                Event::GeneralRef(r) if in_out => {
                    let s = match r.resolve_char_ref().unwrap() {
                        Some(c) => c.to_string(),
                        None => quick_xml::escape::resolve_predefined_entity(&r)
                            .expect("only predefined entities")
                            .to_string(),
                    };
                    push_out(&mut out, &s);
                }
                Event::End(e) if e.name().as_ref() == "system-out" => in_out = false,
                Event::Eof => break,
                _ => {}
            }
        }
        (root, out)
    }

    #[test]
    fn one_test_case_per_case_failures_for_errors_and_warnings() {
        let xml = fixture::render(&Junit, Lang::Zh);
        let (root, cases) = parse(&xml);
        let names: Vec<(&str, &str, usize)> = cases
            .iter()
            .map(|(s, n, f, _)| (s.as_str(), n.as_str(), f.len()))
            .collect();
        assert_eq!(
            names,
            [
                (fixture::XML_1, "甲消行罚决字〔2023〕12号", 1),
                (fixture::XML_2, "甲消行罚决字〔2023〕13号", 0),
                (fixture::BROKEN, FILE_CASE, 1),
                (fixture::EMPTY, FILE_CASE, 1),
                (fixture::LEDGER, "乙消行罚决字〔2022〕3号", 1),
                (fixture::LEDGER, "乙消行罚决字〔2022〕4号", 0),
                (fixture::LEDGER, "乙消行罚决字〔2022〕5号", 0),
            ]
        );
        assert_eq!(root["tests"], "7");
        assert_eq!(root["failures"], "4");
        // The failure message survives escaping, newline included.
        assert_eq!(
            cases[0].2[0],
            "送达日期 2023-03-10 晚于期限, 超过 2 日\n（决定日期 2023-03-01）"
        );
        // Info finding → system-out, markup characters intact.
        let out = cases[0].3.as_deref().unwrap();
        assert!(out.contains("[提示] S901"), "{out}");
        assert!(out.contains("“A&B <有限公司>”"), "{out}");
        // Waived warning → system-out with its reason, not a failure.
        let waived = cases[6].3.as_deref().unwrap();
        assert!(waived.contains("已豁免：电子签章"), "{waived}");
        assert!(!xml.contains("time=") && !xml.contains("timestamp"));
    }

    #[test]
    fn hostile_text_still_parses() {
        let result = crate::model::run::ScanResult {
            findings: vec![Finding {
                code: "P901".into(),
                severity: Severity::Error,
                category: Category::Procedure,
                case_no: Some("1\"2'<3>&".into()),
                file: "a&b\".xml".into(),
                place: Place::line(1, 1),
                message: "bell\u{7} nul\u{0} ]]> \u{FFFE}\ttab".into(),
                basis: String::new(),
                help: String::new(),
                subject: "s".into(),
                waived: None,
                evidence: Default::default(),
            }],
            ..Default::default()
        };
        let rules = fixture::rules();
        let run = Run {
            result: &result,
            lang: Lang::En,
            rules: &rules,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let mut buf = Vec::new();
        Junit.write(&run, &mut buf).unwrap();
        let xml = String::from_utf8(buf).unwrap();
        let (_, cases) = parse(&xml);
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0].0, "a&b\".xml");
        assert_eq!(cases[0].1, "1\"2'<3>&");
        assert_eq!(cases[0].2, ["bell\u{FFFD} nul\u{FFFD} ]]> \u{FFFD}\ttab"]);
    }

    #[test]
    fn empty_run_is_an_empty_suite_list() {
        let result = crate::model::run::ScanResult::default();
        let rules = fixture::rules();
        let run = Run {
            result: &result,
            lang: Lang::Zh,
            rules: &rules,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let mut buf = Vec::new();
        Junit.write(&run, &mut buf).unwrap();
        let (root, cases) = parse(std::str::from_utf8(&buf).unwrap());
        assert_eq!(root["tests"], "0");
        assert!(cases.is_empty());
    }
}
