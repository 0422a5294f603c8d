//! Output formats, one file each behind one trait. The scan and the checks know nothing about
//! output; a reporter gets the finished, sorted run and writes it.

use crate::finding::{Finding, Lang, Severity};
use crate::model::run::ScanResult;
use crate::rules::Info;
use score::{CaseScore, Scoring};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::time::Duration;

pub mod csv;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;
pub mod score;
pub mod statistics;
pub mod table;
pub mod xlsx;

/// A finished run, as the reporters see it.
pub struct Run<'a> {
    pub result: &'a ScanResult,
    pub lang: Lang,
    /// Every rule in force, by code.
    pub rules: &'a BTreeMap<&'static str, &'static Info>,
    /// Wall-clock time: shown on the terminal only, never in machine-readable output.
    pub elapsed: Option<Duration>,
    /// The scoring standard in force; `None` means the shipped default.
    pub scoring: Option<&'a Scoring>,
    /// How the meeting reports (HTML, workbook) present the run: title block, date, masking.
    pub view: View,
}

/// What the meeting reports show besides the findings: a title block (from `--title` or the
/// configuration's `[report]`), the run's date, and whether citizens' ID numbers are masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The report's title (`--title`, or `[report] title`); `None`: a generic one.
    pub title: Option<String>,
    /// The unit that ran the review (`[report] unit`), e.g. `某市消防救援支队法制科`.
    pub unit: Option<String>,
    /// The year under review (`[report] year`).
    pub year: Option<String>,
    /// What was reviewed (`[report] scope`), e.g. `全市 2023 年一般程序案卷`.
    pub scope: Option<String>,
    /// The run's date: in the title block and the workbook's properties. `None` (tests) shows
    /// no date and gives the workbook a fixed one, so the bytes stay the same.
    pub date: Option<chrono::NaiveDate>,
    /// Mask citizens' ID numbers in the HTML page and the workbook (on unless `--no-mask`):
    /// they go on a screen and leave the office. Names stay; the JSON keeps everything.
    pub mask_ids: bool,
    /// The output goes to a terminal: the table takes its width and colours severities.
    pub terminal: bool,
}

impl Default for View {
    fn default() -> View {
        View {
            title: None,
            unit: None,
            year: None,
            scope: None,
            date: None,
            mask_ids: true,
            terminal: false,
        }
    }
}

impl View {
    /// The title as shown: `--title`, else the unit and year, else the generic title.
    pub fn heading(&self, lang: Lang) -> String {
        if let Some(t) = self.title.as_deref().filter(|t| !t.trim().is_empty()) {
            return t.trim().to_string();
        }
        let generic = lang.pick(
            "消防行政处罚案卷评查报告",
            "Fire penalty case-file review report",
        );
        let mut parts: Vec<&str> = Vec::new();
        if let Some(u) = self.unit.as_deref() {
            parts.push(u);
        }
        let year = self.year.as_deref().map(|y| match lang {
            Lang::Zh if y.chars().all(|c| c.is_ascii_digit()) => format!("{y} 年度"),
            _ => y.to_string(),
        });
        let mut s = parts.join(" ");
        if let Some(y) = year {
            if !s.is_empty() {
                s.push(' ');
            }
            s += &y;
        }
        if s.is_empty() {
            generic.to_string()
        } else {
            format!("{s} {generic}")
        }
    }

    /// The lines under the title: (label, value) for unit, year, scope and date, as set.
    pub fn details(&self, lang: Lang) -> Vec<(&'static str, String)> {
        let mut v = Vec::new();
        let mut add = |zh: &'static str, en: &'static str, x: Option<&str>| {
            if let Some(x) = x.filter(|x| !x.trim().is_empty()) {
                v.push((lang.pick(zh, en), x.trim().to_string()));
            }
        };
        add("评查单位", "Reviewing unit", self.unit.as_deref());
        add("评查年度", "Year", self.year.as_deref());
        add("评查范围", "Scope", self.scope.as_deref());
        let date = self.date.map(|d| match lang {
            Lang::Zh => d.format("%Y年%m月%d日").to_string(),
            Lang::En => d.format("%Y-%m-%d").to_string(),
        });
        add("报告日期", "Date", date.as_deref());
        v
    }

    /// `text` as the meeting reports show it: citizens' ID numbers masked unless `--no-mask`.
    pub fn shown<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        if self.mask_ids && text.bytes().filter(u8::is_ascii_digit).nth(13).is_some() {
            std::borrow::Cow::Owned(crate::law::ids::mask_id_numbers(text))
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }
}

impl Run<'_> {
    /// Findings counted per severity (waived ones excluded).
    pub fn counts(&self) -> BTreeMap<Severity, usize> {
        let mut m = BTreeMap::new();
        for f in self.result.findings.iter().filter(|f| f.waived.is_none()) {
            *m.entry(f.severity).or_default() += 1;
        }
        m
    }

    /// The rule's kebab-case name.
    pub fn name_of(&self, f: &Finding) -> &'static str {
        self.rules
            .get(f.code.as_str())
            .map(|i| i.name)
            .unwrap_or("")
    }

    /// The scoring standard the reports apply (`checks/scoring.toml` or the user's own).
    pub fn scoring(&self) -> &Scoring {
        self.scoring.unwrap_or_else(|| Scoring::shipped())
    }

    /// The owner of every finding and every case with its score, from one pass over the cases
    /// (computed on each call: the formats that show every case call it once).
    pub fn scored(&self) -> Scored {
        let owner = score::case_of_findings(self.result);
        let (cases, scores) = score::Scorer::with_owners(self.result, self.scoring(), &owner)
            .iter()
            .unzip();
        Scored {
            owner,
            cases,
            scores,
        }
    }

    /// The brigade of each finding (beside `result.findings`): its case's, or for a file-level
    /// finding the brigade of the file's cases, else of its folder. One pass over the cases.
    pub fn brigade_of_findings(&self) -> Vec<Option<String>> {
        let r = self.result;
        let owner = score::case_of_findings(r);
        let wanted: std::collections::HashSet<usize> = owner.iter().flatten().copied().collect();
        let files: std::collections::HashSet<&str> = r
            .findings
            .iter()
            .zip(&owner)
            .filter(|(_, o)| o.is_none())
            .map(|(f, _)| f.file.as_str())
            .collect();
        let mut by_case: std::collections::HashMap<usize, String> = Default::default();
        let mut by_file: std::collections::HashMap<String, String> = Default::default();
        if !wanted.is_empty() || !files.is_empty() {
            for (i, c) in r.cases.iter().enumerate() {
                if files.contains(c.file.as_str()) && !by_file.contains_key(&c.file) {
                    by_file.insert(c.file.clone(), c.brigade.clone());
                }
                if wanted.contains(&i) {
                    by_case.insert(i, c.brigade);
                }
            }
        }
        if files.iter().any(|f| !by_file.contains_key(*f)) {
            for i in r.inputs.iter() {
                if files.contains(i.file.as_str()) && !by_file.contains_key(&i.file) {
                    if let Some(b) = i.brigade {
                        by_file.insert(i.file, b);
                    }
                }
            }
        }
        r.findings
            .iter()
            .zip(&owner)
            .map(|(f, o)| match o {
                Some(i) => by_case.get(i).cloned(),
                None => by_file.get(&f.file).cloned(),
            })
            .collect()
    }

    /// Total rule × case evaluations not checkable for lack of input.
    pub fn not_checkable_total(&self) -> usize {
        self.result.not_checkable.values().sum()
    }

    /// The missing inputs, most frequent first (ties by name).
    pub fn top_missing(&self, n: usize) -> Vec<(&str, usize)> {
        let mut v: Vec<(&str, usize)> = self
            .result
            .missing_inputs
            .iter()
            .map(|(k, c)| (k.as_str(), *c))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

/// Every case with its score, and which case each finding belongs to.
pub struct Scored {
    /// Per finding (see [`score::case_of_findings`]).
    pub owner: Vec<Option<usize>>,
    /// In case order.
    pub cases: Vec<crate::model::run::CaseSummary>,
    /// In case order, beside `cases`.
    pub scores: Vec<CaseScore>,
}

/// One output format.
pub trait Reporter {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()>;
}

/// The formats `--format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    /// One finding a line (for streaming into other tools).
    Jsonl,
    /// One finding a row, UTF-8 with BOM (opens in Excel/WPS).
    Csv,
    /// SARIF 2.1.0 (code-scanning viewers).
    Sarif,
    /// JUnit XML: one test case per case (CI test reports).
    Junit,
    /// GitHub Actions workflow annotations.
    Github,
    /// Workbook for the review meeting; binary, so it needs `-o FILE`.
    Xlsx,
    /// One self-contained page with charts and a sortable table.
    Html,
}

impl Format {
    pub fn reporter(self) -> Box<dyn Reporter> {
        match self {
            Format::Table => Box::new(table::Table { width: None }),
            Format::Json => Box::new(json::Json),
            Format::Jsonl => Box::new(jsonl::Jsonl),
            Format::Csv => Box::new(csv::Csv),
            Format::Sarif => Box::new(sarif::Sarif),
            Format::Junit => Box::new(junit::Junit),
            Format::Github => Box::new(github::Github),
            Format::Xlsx => Box::new(xlsx::Xlsx),
            Format::Html => Box::new(html::Html),
        }
    }
}

/// A small fixed run that every format's snapshot test renders: an XML line finding, an Excel
/// cell finding, file-level findings, a waived finding, an info finding, a clean case, Chinese
/// text, and a message with a comma, a newline and markup characters. Its rules are local to the
/// tests, so editing a real rule's text does not churn every snapshot.
#[cfg(test)]
pub(crate) mod fixture {
    use super::{Reporter, Run};
    use crate::finding::{Category, Finding, Lang, Place, Severity};
    use crate::model::run::{CaseSummary, ScanResult};
    use crate::model::SourceKind;
    use crate::rules::{Info, Tr};
    use std::collections::BTreeMap;

    const fn tr(zh: &'static str, en: &'static str) -> Tr {
        Tr { zh, en }
    }

    pub static F901: Info = Info {
        code: "F901",
        name: "unreadable-file",
        severity: Severity::Error,
        category: Category::File,
        title: tr("文件无法读取", "File cannot be read"),
        basis: tr("导出格式约定", "Export format contract"),
        what: tr(
            "文件打不开、为空或不是所称格式。",
            "The file cannot be opened, is empty, or is not what its extension says.",
        ),
        why: tr(
            "读不了的案卷无法检查。",
            "A file that cannot be read cannot be checked.",
        ),
        example: tr("0 字节的 .xml 文件。", "A 0-byte .xml file."),
        fix: tr("重新导出该文件。", "Export the file again."),
        settings: &[],
        source: "built-in",
    };

    pub static F902: Info = Info {
        code: "F902",
        name: "malformed-xml",
        severity: Severity::Error,
        category: Category::File,
        title: tr("XML 格式错误", "Malformed XML"),
        basis: tr("XML 1.0 规范", "XML 1.0"),
        what: tr(
            "XML 不合语法，读取在出错处停止。",
            "The XML is not well-formed; reading stops at the error.",
        ),
        why: tr(
            "出错处之后的内容不会被检查。",
            "Nothing after the error is checked.",
        ),
        example: tr("`<决定书>` 没有结束标签。", "`<决定书>` is never closed."),
        fix: tr(
            "修复导出程序后重新导出。",
            "Fix the exporter and export again.",
        ),
        settings: &[],
        source: "built-in",
    };

    pub static P901: Info = Info {
        code: "P901",
        name: "late-service",
        severity: Severity::Error,
        category: Category::Procedure,
        title: tr("送达超期", "Decision served late"),
        basis: tr(
            "《中华人民共和国行政处罚法》（2021）第六十一条",
            "Administrative Penalty Law of the PRC (2021), art. 61",
        ),
        what: tr(
            "决定书送达日期晚于决定日期后 7 日。",
            "The decision was served more than 7 days after it was made.",
        ),
        why: tr(
            "超期送达属程序违法。",
            "Late service is a procedural defect.",
        ),
        example: tr(
            "3 月 1 日决定，3 月 10 日送达。",
            "Decided 1 March, served 10 March.",
        ),
        fix: tr(
            "核对送达回证；确属超期的，在案卷中说明原因。",
            "Check the proof of service; if late, record why in the file.",
        ),
        settings: &[],
        source: "built-in",
    };

    pub static D901: Info = Info {
        code: "D901",
        name: "missing-seal",
        severity: Severity::Warning,
        category: Category::Document,
        title: tr("文书未盖章", "Document not sealed"),
        basis: tr(
            "《消防行政处罚文书式样》",
            "Fire administrative penalty document templates",
        ),
        what: tr(
            "台账记录的文书没有盖章。",
            "A document in the ledger is recorded as unsealed.",
        ),
        why: tr(
            "未盖章的文书不生效。",
            "An unsealed document has no effect.",
        ),
        example: tr("“盖章”列为“否”。", "The seal column says 否 (no)."),
        fix: tr(
            "补盖印章并更新台账。",
            "Seal the document and update the ledger.",
        ),
        settings: &[],
        source: "built-in",
    };

    pub static S901: Info = Info {
        code: "S901",
        name: "party-name-differs",
        severity: Severity::Info,
        category: Category::Subject,
        title: tr("当事人名称不一致", "Party name differs"),
        basis: tr(
            "《行政处罚法》第四十四条",
            "Administrative Penalty Law, art. 44",
        ),
        what: tr(
            "各文书中的当事人名称不一致。",
            "The party's name differs between documents.",
        ),
        why: tr(
            "名称不一致可能导致处罚对象错误。",
            "A differing name may mean the wrong party was punished.",
        ),
        example: tr("“A&B 公司”与“A＆B 公司”。", "“A&B Co.” and “A＆B Co.”."),
        fix: tr(
            "核对营业执照，统一名称。",
            "Check the business licence and use one name.",
        ),
        settings: &[],
        source: "built-in",
    };

    /// The fixture's rules, by code (as `Run::rules` holds them).
    pub fn rules() -> BTreeMap<&'static str, &'static Info> {
        [&F901, &F902, &P901, &D901, &S901]
            .into_iter()
            .map(|i| (i.code, i))
            .collect()
    }

    pub const XML_1: &str = "2023/一大队/案卷 1.xml";
    pub const XML_2: &str = "2023/一大队/案卷 2.xml";
    pub const BROKEN: &str = "2023/二大队/坏文件,v2.xml";
    pub const EMPTY: &str = "2023/二大队/空文件.xml";
    pub const LEDGER: &str = "台账.xlsx";

    fn finding(
        info: &Info,
        lang: Lang,
        file: &str,
        case_no: Option<&str>,
        place: Place,
        subject: &str,
        message: (&str, &str),
    ) -> Finding {
        Finding {
            code: info.code.into(),
            severity: info.severity,
            category: info.category,
            case_no: case_no.map(Into::into),
            file: file.into(),
            place,
            message: lang.pick(message.0, message.1).into(),
            basis: info.basis.get(lang).into(),
            help: info.fix.get(lang).into(),
            subject: subject.into(),
            waived: None,
            evidence: Default::default(),
        }
    }

    fn case(file: &str, source: SourceKind, at: Place, no: &str, brigade: &str) -> CaseSummary {
        CaseSummary {
            file: file.into(),
            at,
            source,
            case_no: Some(no.into()),
            brigade: brigade.into(),
            agency: None,
            decision_no: None,
            decided_on: None,
            party: None,
            violation_date: None,
            bases: vec![],
            fine: None,
            procedure_summary: false,
            coverage: Default::default(),
        }
    }

    /// The run's result, with finding texts in `lang`, sorted as the scan sorts them.
    pub fn result(lang: Lang) -> ScanResult {
        let c12 = "甲消行罚决字〔2023〕12号";
        let mut findings = vec![
            finding(
                &P901,
                lang,
                XML_1,
                Some(c12),
                Place::line(12, 5),
                "decision-service",
                (
                    "送达日期 2023-03-10 晚于期限, 超过 2 日\n（决定日期 2023-03-01）",
                    "served on 2023-03-10, 2 days late\n(decided on 2023-03-01)",
                ),
            ),
            finding(
                &S901,
                lang,
                XML_1,
                Some(c12),
                Place::line(20, 3),
                "party-name",
                (
                    "决定书写“A&B <有限公司>”，告知书写“A＆B 公司”: 相似度 90%",
                    "the decision says \"A&B <Ltd>\", the notice \"A＆B Co.\": 90% similar",
                ),
            ),
            finding(
                &F902,
                lang,
                BROKEN,
                None,
                Place::line(7, 14),
                "file",
                ("结束标签 </决定书> 缺失", "closing tag </决定书> missing"),
            ),
            finding(
                &F901,
                lang,
                EMPTY,
                None,
                Place::File,
                "file",
                ("文件为空", "the file is empty"),
            ),
            finding(
                &D901,
                lang,
                LEDGER,
                Some("乙消行罚决字〔2022〕3号"),
                Place::cell("2022年", 4, 7),
                "decision-seal",
                (
                    "处罚决定书“盖章”栏为“否”",
                    "the decision's seal column says 否",
                ),
            ),
            finding(
                &D901,
                lang,
                LEDGER,
                Some("乙消行罚决字〔2022〕5号"),
                Place::cell("2022年", 6, 7),
                "decision-seal",
                (
                    "处罚决定书“盖章”栏为空",
                    "the decision's seal column is empty",
                ),
            ),
        ];
        findings[5].waived = Some(
            lang.pick(
                "电子签章，经法制科批准（2024-12-31 前有效）",
                "electronic seal, approved by the legal office (valid until 2024-12-31)",
            )
            .into(),
        );
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let cases = vec![
            case(XML_1, SourceKind::Xml, Place::line(2, 1), c12, "一大队"),
            case(
                XML_2,
                SourceKind::Xml,
                Place::line(2, 1),
                "甲消行罚决字〔2023〕13号",
                "一大队",
            ),
            case(
                LEDGER,
                SourceKind::Ledger,
                Place::cell("2022年", 4, 0),
                "乙消行罚决字〔2022〕3号",
                "乙",
            ),
            case(
                LEDGER,
                SourceKind::Ledger,
                Place::cell("2022年", 5, 0),
                "乙消行罚决字〔2022〕4号",
                "乙",
            ),
            case(
                LEDGER,
                SourceKind::Ledger,
                Place::cell("2022年", 6, 0),
                "乙消行罚决字〔2022〕5号",
                "乙",
            ),
        ];
        ScanResult {
            findings,
            cases: cases.into(),
            files: 5,
            bytes: 12_345,
            not_checkable: BTreeMap::from([("P901".to_string(), 1)]),
            missing_inputs: BTreeMap::from([("送达日期".to_string(), 1)]),
            other_files: 0,
            symlinks_skipped: 0,
            ..Default::default()
        }
    }

    /// Renders the fixture run with `reporter` in `lang`.
    pub fn render_bytes(reporter: &dyn Reporter, lang: Lang) -> Vec<u8> {
        let result = result(lang);
        let rules = rules();
        let run = Run {
            result: &result,
            lang,
            rules: &rules,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let mut out = Vec::new();
        reporter
            .write(&run, &mut out)
            .expect("writing to a Vec cannot fail");
        out
    }

    /// As [`render_bytes`], as text.
    pub fn render(reporter: &dyn Reporter, lang: Lang) -> String {
        String::from_utf8(render_bytes(reporter, lang)).expect("output is UTF-8")
    }
}
