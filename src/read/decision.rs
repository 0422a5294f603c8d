//! The decision-document reader (formats.md §5): a 行政处罚决定书 or 当场行政处罚决定书 on its
//! own, as a Word file ([`super::docx`]) or as text (UTF-8 with or without BOM, GB18030), read
//! into a decision-only [`Case`].
//!
//! The document is split into paragraphs (numbered from 1, empty ones skipped; a table row is
//! one paragraph) and each paragraph is normalized: full-width digits, letters and brackets
//! folded, whitespace removed, so `第 100066 号`, `２０２３年` and a line broken inside a
//! sentence read the same as clean text. Fields are then found by the standard wording of the
//! 文书式样: the title and 文号, the party lines, 违法事实, "违反了……的规定", "根据（依据）……的
//! 规定", "决定给予……的处罚", payment, "如不服本决定……", the date, the seal mark. Every value keeps
//! its paragraph ([`Place::Paragraph`]).
//!
//! What the document shows is judged; what a text cannot show stays unknown: a seal mark is read
//! where the text prints one (`（印章）`), otherwise it is unknown, and a masked ID
//! (`4101**********1234`) is unknown, not a defect. A section the decision must have (art. 59:
//! party, facts, penalty, payment, remedy, agency, date) that the document lacks is empty, i.e.
//! missing. The case covers the decision only: every rule about steps before or after it is not
//! checkable (coverage).

use super::diagnostic::{Diagnostic, DiagnosticKind};
use crate::finding::{Lang, Place};
use crate::knowledge::aliases::Aliases;
use crate::model::*;
use crate::read::values;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Why a document is not a decision: (Chinese, English).
pub type Why = (String, String);

/// Decodes a text decision: UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030.
pub fn decode_text(bytes: &[u8]) -> Result<String, Why> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(str::to_string).map_err(|_| {
            (
                "文件以 UTF-8 标记开头，但内容不是有效的 UTF-8".into(),
                "the file starts with a UTF-8 byte-order mark but is not valid UTF-8".into(),
            )
        });
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err((
                "UTF-16 文本含无效字符".into(),
                "the UTF-16 text has invalid characters".into(),
            ));
        }
        return Ok(text.into_owned());
    }
    if bytes.contains(&0) {
        return Err((
            "不是文本文件（含二进制数据）".into(),
            "not a text file (it holds binary data)".into(),
        ));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
        .ok_or_else(|| {
            (
                "文本既不是 UTF-8 也不是 GB18030 编码".into(),
                "the text is neither UTF-8 nor GB18030".into(),
            )
        })
}

/// Lines of a text decision joined into paragraphs. A line continues the paragraph before it
/// when that one does not end a sentence and the line does not begin a new part (an indent, a
/// label such as `统一社会信用代码`, a list number, a date, the seal mark): text wrapped at a fixed
/// width reads as the paragraphs it was written in.
pub fn text_paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false; // the last paragraph may take a continuation line
    for raw in text.lines() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        let indented =
            line.starts_with("  ") || line.starts_with('\u{3000}') || line.starts_with('\t');
        let body = normalize(line);
        // A published record (双公示) writes one `label：value` per line: a label line after
        // another is a field of its own, whatever its label.
        let field_after_field =
            is_label_line(&body) && out.last().is_some_and(|p| is_label_line(p));
        let continues = open
            && !indented
            && !starts_part(&body)
            && !field_after_field
            && out.last().is_some_and(|p| !ends_part(p));
        if continues {
            if let Some(p) = out.last_mut() {
                p.push_str(&body);
            }
        } else {
            out.push(body);
        }
        open = true;
    }
    out
}

/// Whether a line is `label：value` with a short label (`行政相对人名称：…`, `罚款金额（万元）：…`).
fn is_label_line(p: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[\p{Han}()]{2,14}:").expect("valid regex"))
        .is_match(head(p, 64))
}

/// A paragraph's text for matching: width folded, traditional characters simplified, every
/// kind of whitespace removed.
pub fn normalize(s: &str) -> String {
    crate::text::normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}' && *c != '\u{feff}')
        .map(|c| match c {
            '○' | 'О' | '◯' => '〇',
            _ => c,
        })
        .collect()
}

/// Labels and markers that begin a part of a decision.
const STARTS: &[&str] = &[
    "当事人",
    "被处罚",
    "名称",
    "姓名",
    "单位名称",
    "统一社会信用代码",
    "社会信用代码",
    "公民身份号码",
    "身份证",
    "证件",
    "性别",
    "出生",
    "民族",
    "住所",
    "住址",
    "地址",
    "经营场所",
    "法定代表人",
    "负责人",
    "经营者",
    "联系电话",
    "现查明",
    "经查",
    "查明",
    "违法事实",
    "以上事实",
    "上述事实",
    "证据",
    "根据",
    "依据",
    "依照",
    "本机关",
    "本大队",
    "本支队",
    "我大队",
    "我支队",
    "决定",
    "处罚",
    "执行方式",
    "履行方式",
    "罚款",
    "缴",
    "如不服",
    "不服",
    "逾期",
    "附",
    "(印章)",
    "(盖章)",
    "(公章)",
    "备注",
    "注:",
    "违反条款",
    "你单位",
    "你(单位)",
    "你于",
    "你在",
    "该单位",
    "执法人员",
];

fn starts_part(p: &str) -> bool {
    STARTS.iter().any(|s| p.starts_with(s))
        || list_number().is_match(p)
        || date_re().find(p).is_some_and(|m| m.start() == 0)
        || doc_no_re().find(p).is_some_and(|m| m.start() == 0)
        || (p.contains("决定书") && p.chars().count() <= 40)
}

/// Whether a paragraph is complete: it ends a sentence, or it is a heading (title, agency,
/// number) that never runs on.
fn ends_part(p: &str) -> bool {
    // Only the tail is looked at: a paragraph grows line by line, and a long one must not be
    // searched again for every line it takes.
    let tail = tail(p, 24);
    p.ends_with(['。', ';', '!', '?', ':', '；', '：'])
        || p.ends_with("决定书")
        || p.ends_with('号')
        || ORG_ENDS.iter().any(|e| p.ends_with(e))
        || date_re().find(tail).is_some_and(|m| m.end() == tail.len())
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

/// The first `n` bytes of `s`, cut back to a character boundary.
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

const ORG_ENDS: &[&str] = &[
    "大队",
    "支队",
    "总队",
    "救援站",
    "消防救援局",
    "委员会",
    "政府",
];

fn list_number() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(\d{1,2}[.、]|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十\d]{1,3}\))",
        )
        .expect("valid regex")
    })
}

fn date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日")
            .expect("valid regex")
    })
}

/// A document number: `开消行罚决字〔2023〕第0012号` (after width folding; any bracket, for
/// D005 to judge).
fn doc_no_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"[\p{Han}()A-Za-z0-9]{1,20}?字?[〔\[【(〈{「]\d{4}[〕\]】)〉}」]第?\d{1,10}号")
            .expect("valid regex")
    })
}

/// An amount right at the start of a text: `人民币叁万元整`, `5,000元`, `0.5万元`, `¥5000`.
fn amount_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"^(人民币|RMB)?[:]?[¥￥]?(",
            r"\d[\d,]*(\.\d+)?万?(元|圆)?整?",
            r"|[零〇壹贰叁肆伍陆柒捌玖拾佰仟万一二两三四五六七八九十百千]+(元|圆)([零壹贰叁肆伍陆柒捌玖一二三四五六七八九]角)?([零壹贰叁肆伍陆柒捌玖一二三四五六七八九]分)?整?",
            r")"
        ))
        .expect("valid regex")
    })
}

/// An amount right before a text's end (`处5000元罚款`, `处人民币伍仟元的罚款`).
fn amount_before_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(人民币)?[¥￥]?(",
            r"\d[\d,]*(\.\d+)?万?(元|圆)整?",
            r"|[零〇壹贰叁肆伍陆柒捌玖拾佰仟万一二两三四五六七八九十百千]+(元|圆)整?",
            r")(\([^()]{0,24}\))?的?$"
        ))
        .expect("valid regex")
    })
}

/// Per-file reading context.
pub struct DecisionReader<'a> {
    pub file: &'a str,
    pub aliases: &'a Aliases,
    pub lang: Lang,
}

/// One paragraph: its number and normalized text.
struct Para {
    n: u32,
    text: String,
}

impl Para {
    fn at(&self) -> Place {
        Place::Paragraph(self.n)
    }
}

fn value<T>(value: T, at: Place) -> Field<T> {
    Field::Value { value, at }
}

/// The whole document (a section it must have is missing, not unknown).
fn missing<T>() -> Field<T> {
    Field::Empty { at: Place::File }
}

impl<'a> DecisionReader<'a> {
    /// Reads the paragraphs of one document into a decision-only case with the reader's
    /// findings; a document that is not a decision gives the reason (the caller reports F001).
    pub fn read(&self, paragraphs: &[String]) -> Result<(Case, Vec<Diagnostic>), Why> {
        let mut n = 0;
        let ps: Vec<Para> = paragraphs
            .iter()
            .filter_map(|p| {
                let text = normalize(p);
                if text.is_empty() {
                    return None;
                }
                n += 1;
                Some(Para { n, text })
            })
            .collect();
        if ps.is_empty() {
            return Err((
                "无法识别为行政处罚决定书：文件没有文字".into(),
                "cannot be read as a penalty decision: the document has no text".into(),
            ));
        }
        let mut out = Vec::new();
        let title = self.title(&ps);
        let penalties = self.penalties(&ps, &mut out);
        let Some((title_i, raw_kind, kind)) = title.or_else(|| {
            // No title, but a decision sentence: a decision without its heading.
            (!penalties.is_empty()).then(|| (usize::MAX, String::new(), Some("decision".into())))
        }) else {
            return Err((
                "无法识别为行政处罚决定书：未找到标题（行政处罚决定书）或处罚决定语句（决定给予……处罚）".into(),
                "cannot be read as a penalty decision: no title (行政处罚决定书) and no decision sentence (决定给予……处罚)".into(),
            ));
        };
        let head_end = if title_i == usize::MAX {
            0
        } else {
            title_i + 1
        };
        let no = self.doc_no(&ps, head_end);
        let mut case = Case::new(
            self.file,
            SourceKind::Document,
            ps.get(title_i).map(Para::at).unwrap_or(Place::Paragraph(1)),
        );
        case.case_no = no.clone();
        let (date, date_i) = self.date(&ps, &mut out);
        case.agency = self.agency(&ps, title_i, date_i);
        // A published record (双公示) labels what the decision says in sentences.
        let labelled = |labels: &[&str]| {
            ps.iter().find_map(|p| {
                labels.iter().find_map(|l| {
                    p.text.strip_prefix(l).map(|v| {
                        (
                            v.trim_start_matches(':')
                                .trim_end_matches(['。', ';'])
                                .to_string(),
                            p,
                        )
                    })
                })
            })
        };
        let date = match (
            date,
            labelled(&["处罚决定日期", "作出处罚决定的日期", "决定日期", "处罚日期"]),
        ) {
            (d @ Field::Value { .. }, _) => d,
            (_, Some((v, p))) => match values::parse_date(&v) {
                Ok(d) => value(d, p.at()),
                Err(_) => {
                    out.push(self.unparseable(p, "日期", "date", &v));
                    Field::Invalid { raw: v, at: p.at() }
                }
            },
            (d, None) => d,
        };
        if !case.agency.is_filled() {
            if let Some((v, p)) = labelled(&[
                "处罚机关",
                "作出处罚决定的机关名称",
                "处罚决定机关",
                "执法机关",
                "实施机关",
            ]) {
                case.agency = value(v, p.at());
            }
        }
        case.procedure = value(
            if kind.as_deref() == Some("summary_decision") {
                Procedure::Summary
            } else {
                Procedure::General
            },
            ps.get(title_i).map(Para::at).unwrap_or(Place::File),
        );
        let party_end = self.party(&ps, &mut case);
        let (violated_i, violated) = self.violated(&ps);
        case.violation.violated = violated;
        case.violation.facts = self.facts(&ps, party_end, violated_i);
        if let Some(at) = case.violation.facts.at().cloned() {
            // The first date the facts give: when the act was found (or happened).
            if let Some(Field::Value { value: v, .. }) = case.violation.facts.value().map(|f| {
                date_re()
                    .find(f)
                    .and_then(|m| parse_cn_date(m.as_str()))
                    .map_or(Field::Absent, |d| Field::Value {
                        value: d,
                        at: at.clone(),
                    })
            }) {
                case.violation.date = Field::Value { value: v, at };
            }
        }
        let basis = self.basis(&ps);
        let mut doc = Document {
            kind: kind.clone(),
            raw_kind: if raw_kind.is_empty() {
                "行政处罚决定书".into()
            } else {
                raw_kind
            },
            at: case.at.clone(),
            date,
            no,
            ..Default::default()
        };
        doc.basis = if basis.is_empty() {
            missing()
        } else {
            let at = basis[0].at.clone();
            value(basis, at)
        };
        doc.penalties = if penalties.is_empty() {
            missing()
        } else {
            let at = penalties[0].at.clone();
            value(penalties, at)
        };
        doc.payment = self.payment(&ps);
        doc.remedy = self.remedy(&ps);
        doc.seal = ps
            .iter()
            .find(|p| {
                // (印章), (盖章), (公章), (消防救援机构印章), (单位公章)…
                p.text.contains("(印章)")
                    || p.text.contains("印章)")
                    || p.text.contains("盖章)")
                    || p.text.contains("公章)")
                    || p.text.contains("(章)")
            })
            .map_or(Field::Absent, |p| value(true, p.at()));
        let covered: BTreeSet<String> = kind.iter().cloned().collect();
        case.coverage = Coverage::Kinds(covered);
        case.documents.push(doc);
        if title_i == usize::MAX {
            // Not a full decision (no heading): a record or extract of one. What it leaves out
            // is unknown, not missing.
            unknown_if_missing(&mut case);
        }
        Ok((case, out))
    }

    /// (paragraph index, title as written, document kind) of the first title among the first
    /// paragraphs.
    fn title(&self, ps: &[Para]) -> Option<(usize, String, Option<String>)> {
        ps.iter().take(8).enumerate().find_map(|(i, p)| {
            let t = &p.text;
            let end = t.find("决定书")? + "决定书".len();
            let head = &t[..end];
            // `行政处罚决定书文号：…` is a record's label, not a heading.
            if head.chars().count() > 40
                || t[end..].starts_with("文号")
                || t[end..].starts_with(':')
            {
                return None;
            }
            let kind = self.aliases.documents.lookup(head)?;
            matches!(
                kind,
                "decision" | "summary_decision" | "no_penalty_decision"
            )
            .then(|| (i, head.to_string(), Some(kind.to_string())))
        })
    }

    fn doc_no(&self, ps: &[Para], head_end: usize) -> Field<String> {
        for p in ps.iter().take(head_end.max(1) + 3) {
            let t = match p.text.find("决定书") {
                Some(i) => &p.text[i + "决定书".len()..],
                None => &p.text[..],
            };
            if let Some(m) = doc_no_re().find(t) {
                return value(m.as_str().to_string(), p.at());
            }
        }
        missing()
    }

    /// The decision date: the last date among the closing paragraphs.
    fn date(
        &self,
        ps: &[Para],
        out: &mut Vec<Diagnostic>,
    ) -> (Field<chrono::NaiveDate>, Option<usize>) {
        let start = ps.len().saturating_sub(6);
        // The party's or an officer's signature date (当场 forms) is not the decision's.
        let signed = |t: &str| {
            ["签名", "签收", "签字", "送达", "当事人"]
                .iter()
                .any(|k| t.contains(k))
        };
        let last = ps
            .iter()
            .enumerate()
            .skip(start)
            .rev()
            .filter(|(_, p)| !is_remedy(&p.text) && date_re().is_match(&p.text));
        let pick = last
            .clone()
            .find(|(_, p)| !signed(&p.text))
            .or_else(|| last.clone().next());
        if let Some((i, p)) = pick {
            if let Some(m) = date_re().find_iter(&p.text).last() {
                return match parse_cn_date(m.as_str()) {
                    Some(d) => (value(d, p.at()), Some(i)),
                    None => {
                        out.push(self.unparseable(p, "日期", "date", m.as_str()));
                        (
                            Field::Invalid {
                                raw: m.as_str().to_string(),
                                at: p.at(),
                            },
                            Some(i),
                        )
                    }
                };
            }
        }
        (missing(), None)
    }

    fn unparseable(&self, p: &Para, zh: &str, en: &str, raw: &str) -> Diagnostic {
        Diagnostic::new(
            DiagnosticKind::UnparseableValue,
            p.at(),
            format!("decision:{en}"),
            match self.lang {
                Lang::Zh => format!("决定书第{}段的{zh}“{raw}”无法识别", p.n),
                Lang::En => format!("the {en} `{raw}` in paragraph {} cannot be read", p.n),
            },
        )
    }

    /// The agency: the heading (before the title, or the title's own prefix), else the
    /// signature above or beside the date.
    fn agency(&self, ps: &[Para], title_i: usize, date_i: Option<usize>) -> Field<String> {
        let org = |s: &str| -> Option<String> {
            let s = s
                .trim_end_matches("(印章)")
                .trim_end_matches("(盖章)")
                .trim_end_matches("(公章)");
            let end = ORG_ENDS
                .iter()
                .filter_map(|e| s.rfind(e).map(|i| i + e.len()))
                .max()?;
            let s = &s[..end];
            (s.chars().count() >= 4 && s.chars().count() <= 40 && !s.contains(['。', ',']))
                .then(|| s.to_string())
        };
        if let Some(t) = ps.get(title_i) {
            for kind in ["当场行政处罚决定书", "行政处罚决定书", "处罚决定书"]
            {
                if let Some(i) = t.text.find(kind) {
                    if let Some(a) = org(&t.text[..i]) {
                        return value(a, t.at());
                    }
                }
            }
            if title_i > 0 {
                let h = &ps[title_i - 1];
                if let Some(a) = org(&h.text) {
                    return value(a, h.at());
                }
            }
        }
        if let Some(d) = date_i {
            let p = &ps[d];
            if let Some(m) = date_re().find(&p.text) {
                if let Some(a) = org(&p.text[..m.start()]) {
                    return value(a, p.at());
                }
            }
            for p in ps[..d].iter().rev().take(2) {
                if let Some(a) = org(&p.text) {
                    return value(a, p.at());
                }
            }
        }
        missing()
    }

    /// The party block: the paragraph that names the party and the label lines after it.
    /// Returns the index after the block (0 when none was found).
    fn party(&self, ps: &[Para], case: &mut Case) -> usize {
        const NAME: &[&str] = &[
            "行政相对人名称",
            "相对人名称",
            "当事人名称",
            "当事人姓名",
            "被处罚单位名称",
            "被处罚单位",
            "被处罚人姓名",
            "被处罚人",
            "当事人",
            "单位名称",
            "名称",
            "姓名",
        ];
        let Some(start) = ps.iter().take(14).position(|p| {
            NAME.iter().any(|l| p.text.starts_with(l)) && !p.text.starts_with("当事人应")
        }) else {
            case.party.name = missing();
            return 0;
        };
        let mut end = start + 1;
        while end < ps.len() && end < start + 10 && is_party_line(&ps[end].text) {
            end += 1;
        }
        let hits = label_values(&ps[start..end]);
        let get = |labels: &[&str]| -> Option<&(String, Place)> {
            labels
                .iter()
                .find_map(|l| hits.iter().find(|(k, _)| k == l).map(|(_, v)| v))
        };
        let p = &mut case.party;
        p.name = get(NAME).map_or(missing(), |(v, at)| value(v.clone(), at.clone()));
        let code = get(&["统一社会信用代码", "社会信用代码", "信用代码"]);
        let id = get(&[
            "身份证件种类及号码",
            "公民身份号码",
            "身份证号码",
            "身份证号",
            "身份证件号码",
            "证件号码",
        ]);
        // The number in the value (`居民身份证 4102…` names the document first).
        let token = |v: &str| -> String {
            let from = v
                .find(|c: char| c.is_ascii_alphanumeric())
                .unwrap_or(v.len());
            v[from..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || is_mask(*c))
                .collect()
        };
        // A masked number is unknown, not a defect.
        let known = |(v, at): &(String, Place)| -> Field<String> {
            let t = token(v);
            if t.is_empty() || t.chars().any(is_mask) || t.contains("xxxx") || t.contains("XXXX") {
                Field::Absent
            } else {
                value(t, at.clone())
            }
        };
        p.credit_code = code.map_or(Field::Absent, known);
        p.id_number = id.map_or(Field::Absent, known);
        let masked = hits.iter().any(|(_, (v, _))| v.chars().any(is_mask));
        p.address = match get(&[
            "住所地",
            "住所",
            "单位地址",
            "地址",
            "现住址",
            "住址",
            "经营场所",
        ]) {
            Some((v, at)) => value(v.clone(), at.clone()),
            None if masked => Field::Absent,
            None => missing(),
        };
        p.representative = get(&["法定代表人", "负责人", "经营者"])
            .map_or(Field::Absent, |(v, at)| value(v.clone(), at.clone()));
        let declared = get(&["当事人类型", "类型"]).and_then(|(v, at)| {
            crate::read::xml::parse_party_kind(v)
                .ok()
                .map(|k| (k, at.clone()))
        });
        let at0 = ps[start].at();
        let name = p.name.value().cloned().unwrap_or_default();
        p.kind = if let Some((k, at)) = declared {
            value(k, at)
        } else if let Some((_, at)) = code {
            value(PartyKind::Unit, at.clone())
        } else if let Some((_, at)) = id {
            value(PartyKind::Individual, at.clone())
        } else if get(&["法定代表人"]).is_some()
            || [
                "公司",
                "有限",
                "集团",
                "厂",
                "医院",
                "学校",
                "幼儿园",
                "协会",
                "合作社",
            ]
            .iter()
            .any(|s| name.contains(s))
        {
            value(PartyKind::Unit, at0)
        } else if get(&["性别", "出生日期", "出生", "民族"]).is_some() {
            value(PartyKind::Individual, at0)
        } else {
            Field::Absent
        };
        end
    }

    /// "违反了……的规定": (paragraph index, provisions), several joined with `；`.
    fn violated(&self, ps: &[Para]) -> (Option<usize>, Field<String>) {
        let mut found: Vec<String> = Vec::new();
        let mut first: Option<usize> = None;
        for (i, p) in ps.iter().enumerate() {
            if is_remedy(&p.text) {
                continue;
            }
            let t = &p.text;
            if let Some(v) = t
                .strip_prefix("违反条款:")
                .or_else(|| t.strip_prefix("违反的法律条款:"))
            {
                found.push(v.trim_end_matches('。').to_string());
                first.get_or_insert(i);
                continue;
            }
            let mut rest = &t[..];
            while let Some(j) = rest.find("违反") {
                let after = &rest[j + "违反".len()..];
                let after = after.strip_prefix('了').unwrap_or(after);
                if starts_citation(after) {
                    let (cite, tail) = cite_span(after);
                    if is_citation(cite) && found.len() < MAX_CITES {
                        found.push(cite.to_string());
                        first.get_or_insert(i);
                    }
                    rest = tail;
                } else {
                    rest = after;
                }
            }
        }
        match first {
            Some(i) => (Some(i), value(found.join("；"), ps[i].at())),
            // A decision states the provision violated (art. 59 (二)); "违反了消防法律法规"
            // names none. The sentence that should is the place, else the document.
            None => (
                None,
                ps.iter()
                    .find(|p| !is_remedy(&p.text) && p.text.contains("违反"))
                    .map_or(missing(), |p| Field::Empty { at: p.at() }),
            ),
        }
    }

    /// 违法事实 (with its evidence): from the first paragraph that states them to the one that
    /// names the violated provision.
    fn facts(&self, ps: &[Para], party_end: usize, violated_i: Option<usize>) -> Field<String> {
        const MARKS: &[&str] = &[
            "经查",
            "现查明",
            "查明",
            "经调查",
            "违法事实",
            "你单位",
            "你(单位)",
            "你于",
            "你在",
            "该单位",
        ];
        let start = ps
            .iter()
            .enumerate()
            .skip(party_end)
            .find(|(_, p)| {
                MARKS
                    .iter()
                    .any(|m| p.text.starts_with(m) || p.text.contains(&format!("{m}:")))
            })
            .map(|(i, _)| i)
            .or_else(|| {
                // The paragraph after the party lines, if it is not the decision itself.
                ps.get(party_end)
                    .filter(|p| {
                        party_end > 0 && !p.text.starts_with("根据") && !p.text.contains("决定给予")
                    })
                    .map(|_| party_end)
            });
        let Some(start) = start else {
            return missing();
        };
        let end = violated_i
            .filter(|v| *v >= start)
            .map_or(start + 1, |v| v + 1);
        let text: String = ps[start..end.min(ps.len()).max(start + 1)]
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("");
        value(capped(text), ps[start].at())
    }

    /// "根据（依据、依照）《…》第…条…的规定": one basis per citation sentence, or a
    /// `处罚依据：` line.
    fn basis(&self, ps: &[Para]) -> Vec<Located<String>> {
        let mut out = Vec::new();
        for p in ps {
            if is_remedy(&p.text) {
                continue;
            }
            if let Some(v) = p
                .text
                .strip_prefix("处罚依据:")
                .or_else(|| p.text.strip_prefix("法律依据:"))
            {
                out.push(Located {
                    value: v.trim_end_matches('。').to_string(),
                    at: p.at(),
                });
                continue;
            }
            let mut rest = &p.text[..];
            loop {
                let next = ["根据", "依据", "依照", "按照"]
                    .iter()
                    .filter_map(|k| rest.find(k).map(|i| (i, k.len())))
                    .min();
                let Some((i, len)) = next else { break };
                let after = &rest[i + len..];
                if starts_citation(after) {
                    let (cite, tail) = cite_span(after);
                    if is_citation(cite) && out.len() < MAX_CITES {
                        out.push(Located {
                            value: cite.to_string(),
                            at: p.at(),
                        });
                    }
                    rest = tail;
                } else {
                    rest = after;
                }
            }
        }
        out
    }

    /// The penalties decided: every kind named in the decision sentences (and the list items
    /// under a "决定如下：" line), each fine with its amount.
    fn penalties(&self, ps: &[Para], out: &mut Vec<Diagnostic>) -> Vec<Penalty> {
        let mut clauses: Vec<(&Para, String)> = Vec::new();
        let mut list_open = false;
        for p in ps {
            let t = &p.text;
            if is_remedy(t) {
                list_open = false;
                continue;
            }
            // Under "决定给予如下处罚：": numbered items, or unnumbered penalty lines.
            let penalty_line = [
                "罚款",
                "警告",
                "停止使用",
                "停产停业",
                "停止施工",
                "没收",
                "吊销",
                "拘留",
            ]
            .iter()
            .any(|k| t.contains(k))
                && !["逾期", "缴"].iter().any(|k| t.contains(k));
            let is_list_item = list_open && (list_number().is_match(t) || penalty_line);
            if !is_list_item {
                list_open = false;
            }
            let labelled = [
                "处罚决定:",
                "处罚内容:",
                "处罚种类和幅度:",
                "处罚种类:",
                "处罚结果:",
            ]
            .iter()
            .find_map(|l| t.strip_prefix(l));
            for sentence in t.split('。') {
                let decides = sentence.contains("决定") || labelled.is_some() || is_list_item;
                if !decides || sentence.contains("决定书之日") && !sentence.contains("决定给予")
                {
                    continue;
                }
                // The facts may retell the notice (告知…拟作出罚款…的处罚决定): that is not the
                // decision ("经听证，决定给予…" is).
                if sentence.contains('拟') {
                    continue;
                }
                // The decision part only: from 决定 on (not the basis or the facts before it).
                let from = sentence.find("决定").unwrap_or(0);
                let part = &sentence[from..];
                for clause in part.split([';', '；']) {
                    if ["逾期", "加处", "每日", "缴纳", "缴至", "缴款"]
                        .iter()
                        .any(|k| clause.contains(k))
                    {
                        continue;
                    }
                    clauses.push((p, clause.to_string()));
                }
            }
            if (t.contains("决定") || labelled.is_some()) && t.ends_with(':') {
                list_open = true;
            } else if !is_list_item {
                list_open = false;
            }
        }
        // A merged fine (合并处罚款…) stands for the separate fines listed with it.
        let merged = clauses.iter().any(|(_, c)| {
            (c.contains("合并") || c.contains("合计") || c.contains("共计")) && c.contains("罚款")
        });
        let mut pens: Vec<Penalty> = Vec::new();
        for (p, clause) in &clauses {
            if merged
                && !(clause.contains("合并") || clause.contains("合计") || clause.contains("共计"))
            {
                // Other kinds still count; fines come from the merged clause.
                self.kinds_in(p, clause, false, &mut pens, out);
            } else {
                self.kinds_in(p, clause, true, &mut pens, out);
            }
        }
        pens
    }

    /// The penalty kinds in one clause (fines with their amounts when `fines`).
    fn kinds_in(
        &self,
        p: &Para,
        clause: &str,
        fines: bool,
        pens: &mut Vec<Penalty>,
        out: &mut Vec<Diagnostic>,
    ) {
        const KINDS: &[&str] = &[
            "警告",
            "罚款",
            "没收违法所得",
            "没收非法财物",
            "停产停业",
            "停止使用",
            "停止施工",
            "停止执业",
            "吊销",
            "撤销",
            "拘留",
        ];
        let mut hits: Vec<(usize, &str)> = Vec::new();
        for k in KINDS {
            for (i, _) in clause.match_indices(k) {
                hits.push((i, k));
            }
        }
        hits.sort();
        for (i, k) in hits {
            let Some(kind) = self.aliases.penalties.lookup(k) else {
                continue;
            };
            if kind == "fine" {
                if !fines || clause[..i].ends_with("加处") {
                    continue;
                }
                let after = &clause[i + k.len()..];
                let after = after.trim_start_matches([':', '：']);
                let after = after
                    .strip_prefix("金额")
                    .or_else(|| after.strip_prefix("数额"))
                    .map_or(after, |a| a.trim_start_matches([':', '为']));
                let amount = amount_re()
                    .find(after)
                    .filter(|m| {
                        !m.as_str().is_empty()
                            && m.as_str()
                                .chars()
                                .any(|c| c != '人' && c != '民' && c != '币')
                    })
                    .map(|m| m.as_str().to_string())
                    .or_else(|| {
                        amount_before_re()
                            .find(&clause[..i])
                            .map(|m| m.as_str().trim_end_matches('的').to_string())
                    });
                let amount = match amount {
                    Some(a) => match values::parse_amount(&a) {
                        Ok(m) => value(m, p.at()),
                        Err(_) => {
                            out.push(self.unparseable(p, "罚款金额", "fine amount", &a));
                            Field::Invalid { raw: a, at: p.at() }
                        }
                    },
                    None => Field::Empty { at: p.at() },
                };
                pens.push(Penalty {
                    kind: kind.to_string(),
                    raw_kind: "罚款".into(),
                    amount,
                    days: Field::Absent,
                    at: p.at(),
                });
            } else if !pens.iter().any(|q| q.kind == kind) {
                let raw_kind =
                    if k == "停止使用" || k == "停产停业" || k == "停止施工" || k == "停止执业"
                    {
                        format!("责令{k}")
                    } else {
                        k.to_string()
                    };
                pens.push(Penalty {
                    kind: kind.to_string(),
                    raw_kind,
                    amount: Field::Absent,
                    days: Field::Absent,
                    at: p.at(),
                });
            }
        }
    }

    /// How to pay (or carry out) the decision.
    fn payment(&self, ps: &[Para]) -> Field<String> {
        const KEYS: &[&str] = &[
            "缴纳",
            "缴至",
            "缴款",
            "履行方式",
            "当场收缴",
            "执行方式",
            "交至",
            // A penalty other than a fine is carried out too (责令…于…前停止使用，履行…).
            "履行",
            "之日起停止",
            "前停止",
        ];
        let found: Vec<&Para> = ps
            .iter()
            .filter(|p| !is_remedy(&p.text) && KEYS.iter().any(|k| p.text.contains(k)))
            .collect();
        match found.first() {
            Some(first) => {
                let text: Vec<&str> = found
                    .iter()
                    .flat_map(|p| p.text.split('。'))
                    .filter(|s| KEYS.iter().any(|k| s.contains(k)))
                    .collect();
                value(capped(text.join("。")), first.at())
            }
            None => missing(),
        }
    }

    /// The remedy sentence: "如不服本决定，可以在……申请行政复议或者……提起行政诉讼".
    fn remedy(&self, ps: &[Para]) -> Field<String> {
        ps.iter()
            .find(|p| is_remedy(&p.text))
            .map_or(missing(), |p| value(capped(p.text.clone()), p.at()))
    }
}

/// A free-text value (facts, payment, remedy) as kept: at most this many characters.
const MAX_TEXT: usize = 4000;

fn capped(s: String) -> String {
    if s.chars().count() <= MAX_TEXT {
        s
    } else {
        s.chars().take(MAX_TEXT).collect()
    }
}

/// Turns every section the reader marked missing into unknown (for records that are not the
/// whole decision).
fn unknown_if_missing(case: &mut Case) {
    fn f<T>(x: &mut Field<T>) {
        if matches!(x, Field::Empty { at: Place::File }) {
            *x = Field::Absent;
        }
    }
    f(&mut case.case_no);
    f(&mut case.agency);
    f(&mut case.party.name);
    f(&mut case.party.address);
    f(&mut case.violation.facts);
    f(&mut case.violation.violated);
    for d in &mut case.documents {
        f(&mut d.no);
        f(&mut d.date);
        f(&mut d.basis);
        f(&mut d.penalties);
        f(&mut d.payment);
        f(&mut d.remedy);
    }
}

/// A character that masks a digit in a published number.
fn is_mask(c: char) -> bool {
    matches!(c, '*' | '×' | '＊' | '·' | '●')
}

/// Whether a paragraph is the remedy notice.
fn is_remedy(t: &str) -> bool {
    (t.contains("不服") && (t.contains("复议") || t.contains("诉讼")))
        || t.contains("申请行政复议")
        || t.contains("提起行政诉讼")
}

/// A party line: a label of the party block at its start.
fn is_party_line(t: &str) -> bool {
    PARTY_LABELS.iter().any(|l| t.starts_with(l))
}

const PARTY_LABELS: &[&str] = &[
    "行政相对人名称",
    "相对人名称",
    "行政相对人代码",
    "当事人名称",
    "当事人姓名",
    "当事人类型",
    "被处罚单位名称",
    "被处罚单位",
    "被处罚人姓名",
    "被处罚人",
    "当事人",
    "单位名称",
    "名称",
    "姓名",
    "类型",
    "统一社会信用代码",
    "社会信用代码",
    "信用代码",
    "公民身份号码",
    "身份证件种类及号码",
    "身份证号码",
    "身份证件号码",
    "身份证号",
    "证件号码",
    "性别",
    "出生日期",
    "出生",
    "民族",
    "住所地",
    "住所",
    "单位地址",
    "地址",
    "现住址",
    "住址",
    "经营场所",
    "法定代表人",
    "负责人",
    "经营者",
    "联系电话",
    "工作单位",
    "职务",
];

/// Every `label[:]value` in the party paragraphs: the value runs to the next label or a `,`/`;`/
/// `。`, brackets and colons trimmed. The longest label wins at a position.
fn label_values(ps: &[Para]) -> Vec<(String, (String, Place))> {
    let mut out = Vec::new();
    for p in ps {
        let t = &p.text;
        // (start, end, label) of every label occurrence, longest first at a start.
        let mut hits: Vec<(usize, usize, &str)> = Vec::new();
        for l in PARTY_LABELS {
            for (i, _) in t.match_indices(l) {
                hits.push((i, i + l.len(), l));
            }
        }
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut kept: Vec<(usize, usize, &str)> = Vec::new();
        for h in hits {
            if kept.last().is_none_or(|k| h.0 >= k.1) {
                // A label is one at a start, after a separator or bracket, or with its colon
                // (`王某  性别：男` reads `王某性别:男` once spaces are gone).
                let before = t[..h.0].chars().last();
                if before.is_none_or(|c| ",;。、(:".contains(c)) || t[h.1..].starts_with(':') {
                    kept.push(h);
                }
            }
        }
        for (j, (_, end, label)) in kept.iter().enumerate() {
            let stop = kept.get(j + 1).map_or(t.len(), |n| n.0);
            let mut raw = &t[*end..stop];
            // `当事人（单位）：`, `被处罚人(个人):`: a short bracket after the label is part of it.
            if let Some(close) = raw.strip_prefix('(').and_then(|r| r.find(')')) {
                if close <= 12 {
                    raw = &raw[close + 2..];
                }
            }
            // `法定代表人（负责人）：` reads as its inner label `负责人` followed by `）：`.
            let raw = raw.trim_start_matches([':', '：', '为', '是', ')']);
            let cut = raw.find([',', ';', '。', '；']).unwrap_or(raw.len());
            let mut v = raw[..cut].trim_end_matches(['(', ':', '、']).trim();
            // A closing bracket stays when it closes one in the value (某某公司（分公司）).
            while v.ends_with(')') && v.matches('(').count() < v.matches(')').count() {
                v = v[..v.len() - 1].trim_end_matches(['(', ':', '、']);
            }
            if !v.is_empty() && !out.iter().any(|(k, _): &(String, _)| k == label) {
                out.push((label.to_string(), (v.to_string(), p.at())));
            }
        }
    }
    out
}

/// Whether a text starts with a citation: a title in 《》, or a law's name written without them
/// (`中华人民共和国消防法第六十条…`, `消防法第二十八条`), which the citation parser reads too.
fn starts_citation(t: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    t.starts_with('《')
        || RE
            .get_or_init(|| {
                Regex::new(
                    r"^[\p{Han}]{1,30}?(法|条例|规定|办法|规则)第[一二三四五六七八九十百零〇\d]+条",
                )
                .expect("valid regex")
            })
            .is_match(head(t, 160))
}

/// Most citation sentences kept per field (a real decision has a handful).
const MAX_CITES: usize = 32;

/// Whether a span read as citations can be one: a citation list is short (hostile or garbled
/// text is not quoted back in findings).
fn is_citation(s: &str) -> bool {
    s.chars().count() <= 300
}

/// The citations after 违反/根据 (which start at `《`): up to "的规定"/"之规定"/"规定", or the
/// clause's end. Returns (citations, the rest of the text).
fn cite_span(full: &str) -> (&str, &str) {
    // A citation is never longer than this: hostile text with thousands of 《 and 规定 costs
    // no more than a real one.
    let t = head(full, 1200);
    let ends = ["的规定", "之规定", "规定", ",", "。", ";"];
    let mut best: Option<(usize, usize)> = None;
    for e in ends {
        // A 规定 inside a title (《消防监督检查规定》) is not the end.
        let mut from = 0;
        while let Some(i) = t[from..].find(e).map(|i| i + from) {
            let open = t[..i].matches('《').count();
            let close = t[..i].matches('》').count();
            if open == close {
                if best.is_none_or(|(b, _)| i < b) {
                    best = Some((i, e.len()));
                }
                break;
            }
            from = i + e.len();
        }
    }
    match best {
        Some((i, len)) => (&t[..i], &full[i + len..]),
        None => (t, &full[t.len()..]),
    }
}

/// A date in Chinese or Arabic numerals (`二〇二三年三月十五日`, `2023年3月15日`).
fn parse_cn_date(s: &str) -> Option<chrono::NaiveDate> {
    values::parse_date(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Case, Vec<Diagnostic>) {
        let aliases = Aliases::shipped();
        let r = DecisionReader {
            file: "d.txt",
            aliases: &aliases,
            lang: Lang::Zh,
        };
        r.read(&text_paragraphs(text)).expect("a decision")
    }

    const CLEAN: &str = "开封市解放区消防救援大队
行政处罚决定书
开消行罚决字〔２０２３〕第００１２号
当事人：开封市某某商贸有限公司
统一社会信用代码：91410204MA44A1B2C3
住所：开封市解放区某某路8号
法定代表人：张某
　　经查，2023年3月1日，我大队监督员在对你单位进行消防监督检查时发现，你单位三楼疏散通道被货物
堵塞。以上事实有现场检查记录、询问笔录、照片等证据证实。
　　你单位的上述行为违反了《中华人民共和国消防法》第二十八条的规定，根据《中华人民共和国消防法》第六十条第一款第三项的规定，决定给予你单位罚款人民币伍仟元整的行政处罚。
　　罚款于收到本决定书之日起十五日内缴至指定银行或者通过电子支付系统缴纳。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。
　　如不服本决定，可以在收到本决定书之日起六十日内依法向开封市解放区人民政府申请行政复议或者在六个月内依法向开封市某某区人民法院提起行政诉讼。
开封市解放区消防救援大队
（印章）
二〇二三年三月十五日
";

    #[test]
    fn a_record_keeps_one_field_a_line() {
        let ps = text_paragraphs(
            "行政处罚决定书文号：甬海消行罚决字〔2023〕第0077号\n处罚内容：罚款人民币5000元\n罚款金额（万元）：0.5\n行政相对人名称：宁波某某餐饮有限公司\n违法行为类型：占用疏散通道\n处罚依据：《中华人民共和国消防法》第六十条第一款第三项\n",
        );
        assert_eq!(ps.len(), 6, "{ps:?}");
        assert_eq!(ps[3], "行政相对人名称:宁波某某餐饮有限公司");
        // A sentence wrapped at a fixed width still reads as one paragraph.
        let ps = text_paragraphs("经查，你单位存在以下违法\n行为：疏散通道堵塞。\n");
        assert_eq!(ps.len(), 1, "{ps:?}");
    }

    #[test]
    fn law_names_without_title_marks_are_citations() {
        let text = CLEAN.replace(['《', '》'], "");
        let (c, _) = read(&text);
        assert_eq!(
            c.violation.violated.value().map(String::as_str),
            Some("中华人民共和国消防法第二十八条")
        );
        let basis = c.documents[0].basis.value().unwrap();
        assert_eq!(basis[0].value, "中华人民共和国消防法第六十条第一款第三项");
    }

    #[test]
    fn a_violation_without_its_provision_is_empty_at_its_sentence() {
        let text = CLEAN.replace(
            "违反了《中华人民共和国消防法》第二十八条的规定",
            "违反了消防法律法规",
        );
        let (c, _) = read(&text);
        assert!(matches!(
            c.violation.violated,
            Field::Empty {
                at: Place::Paragraph(_)
            }
        ));
    }

    #[test]
    fn reads_every_field_with_its_paragraph() {
        let (c, out) = read(CLEAN);
        assert!(out.is_empty(), "{out:?}");
        let d = &c.documents[0];
        assert_eq!(d.kind.as_deref(), Some("decision"));
        assert_eq!(
            d.no,
            value("开消行罚决字〔2023〕第0012号".into(), Place::Paragraph(3))
        );
        assert_eq!(
            c.agency,
            value("开封市解放区消防救援大队".into(), Place::Paragraph(1))
        );
        assert_eq!(
            c.party.name,
            value("开封市某某商贸有限公司".into(), Place::Paragraph(4))
        );
        assert_eq!(
            c.party.credit_code.value().map(String::as_str),
            Some("91410204MA44A1B2C3")
        );
        assert_eq!(c.party.kind.value(), Some(&PartyKind::Unit));
        assert_eq!(
            c.party.address.value().map(String::as_str),
            Some("开封市解放区某某路8号")
        );
        assert_eq!(
            c.party.representative.value().map(String::as_str),
            Some("张某")
        );
        // The sentence broken over two lines is one paragraph.
        assert_eq!(c.violation.facts.at(), Some(&Place::Paragraph(8)));
        assert!(c
            .violation
            .facts
            .value()
            .unwrap()
            .contains("三楼疏散通道被货物堵塞"));
        assert_eq!(
            c.violation.violated.value().map(String::as_str),
            Some("《中华人民共和国消防法》第二十八条")
        );
        assert_eq!(
            c.violation.date.value(),
            chrono::NaiveDate::from_ymd_opt(2023, 3, 1).as_ref()
        );
        let b = d.basis.value().unwrap();
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].value, "《中华人民共和国消防法》第六十条第一款第三项");
        assert_eq!(b[0].at, Place::Paragraph(9));
        let p = d.penalties.value().unwrap();
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].kind, "fine");
        assert_eq!(p[0].amount.value(), Some(&Money::yuan(5000)));
        assert!(d.payment.value().unwrap().contains("十五日内缴至"));
        assert_eq!(d.remedy.at(), Some(&Place::Paragraph(11)));
        assert_eq!(d.seal, value(true, Place::Paragraph(13)));
        assert_eq!(
            d.date,
            value(
                chrono::NaiveDate::from_ymd_opt(2023, 3, 15).unwrap(),
                Place::Paragraph(14)
            )
        );
        assert_eq!(
            c.coverage,
            Coverage::Kinds(["decision".to_string()].into_iter().collect())
        );
        assert_eq!(c.procedure.value(), Some(&Procedure::General));
    }

    #[test]
    fn penalty_wordings() {
        type Want = &'static [(&'static str, Option<i64>)];
        let cases: &[(&str, Want)] = &[
            (
                "决定给予你单位罚款人民币伍仟元整的行政处罚。",
                &[("fine", Some(5000))],
            ),
            ("决定对你单位处5000元罚款。", &[("fine", Some(5000))]),
            (
                "决定给予警告、罚款人民币3万元的处罚。",
                &[("warning", None), ("fine", Some(30000))],
            ),
            (
                "决定责令你单位停止使用，并处罚款人民币叁万元整（￥30000.00）。",
                &[("stop_use", None), ("fine", Some(30000))],
            ),
            ("决定对你处以人民币伍佰元的罚款。", &[("fine", Some(500))]),
            ("决定给予警告的处罚。", &[("warning", None)]),
            ("决定给予罚款５，０００元的处罚。", &[("fine", Some(5000))]),
        ];
        for (sentence, want) in cases {
            let text = format!("行政处罚决定书\n当事人：某某有限公司\n{sentence}\n");
            let (c, _) = read(&text);
            let got: Vec<(String, Option<i64>)> = c.documents[0]
                .penalties
                .value()
                .map(|ps| {
                    ps.iter()
                        .map(|p| (p.kind.clone(), p.amount.value().map(|m| m.0 / 100)))
                        .collect()
                })
                .unwrap_or_default();
            let want: Vec<(String, Option<i64>)> =
                want.iter().map(|(k, a)| (k.to_string(), *a)).collect();
            assert_eq!(got, want, "{sentence}");
        }
    }

    #[test]
    fn party_wordings() {
        let cases = [
            ("当事人（单位）：某某有限公司，法定代表人：张某。", "某某有限公司", Some(PartyKind::Unit)),
            ("被处罚人：张某，男，1985年3月12日出生，公民身份号码：410203198503122011，住址：开封市某街。", "张某", Some(PartyKind::Individual)),
            ("被处罚单位名称：开封市某某宾馆  统一社会信用代码：91410211MA46TT123C", "开封市某某宾馆", Some(PartyKind::Unit)),
            ("当事人：某某小吃店，经营者：刘某，地址：某路1号。", "某某小吃店", None),
        ];
        for (line, name, kind) in cases {
            let (c, _) = read(&format!("行政处罚决定书\n{line}\n决定给予警告。\n"));
            assert_eq!(
                c.party.name.value().map(String::as_str),
                Some(name),
                "{line}"
            );
            assert_eq!(c.party.kind.value().copied(), kind, "{line}");
        }
        let (c, _) = read(
            "行政处罚决定书\n被处罚人：张某，公民身份号码：410203198503122011\n决定给予警告。\n",
        );
        assert_eq!(
            c.party.id_number.value().map(String::as_str),
            Some("410203198503122011")
        );
        assert_eq!(c.party.address, Field::Empty { at: Place::File });
    }

    /// The 文书式样 wording: 被处罚人（单位） lines, 现查明, 之规定, 现决定, 执行方式和期限, a
    /// seal mark naming the agency.
    #[test]
    fn the_form_wording() {
        let text = "某某市消防救援支队\n行政处罚决定书\n某消行罚决字〔2024〕第000123号\n被处罚人（单位）：某某市某某有限公司（第一分公司），统一社会信用代码：91410211MA46TT123C，地址：某某市某某路1号，法定代表人（负责人）：赵某。\n现查明：2024年1月5日，你单位消防控制室值班人员未持证上岗。\n以上事实有消防监督检查记录等证据证实。\n你单位的行为违反了《中华人民共和国消防法》第十六条第一款第一项的规定，根据《中华人民共和国消防法》第六十条第一款第一项之规定，现决定对你单位处人民币伍仟元罚款。\n执行方式和期限：自收到本决定书之日起十五日内到某某银行缴纳罚款。\n如不服本决定，可以在收到本决定书之日起六十日内向某某市人民政府申请行政复议或者在六个月内依法向某某区人民法院提起行政诉讼。\n（消防救援机构印章）\n2024年1月20日\n";
        let (c, out) = read(text);
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(
            c.party.name.value().map(String::as_str),
            Some("某某市某某有限公司(第一分公司)")
        );
        assert_eq!(
            c.party.representative.value().map(String::as_str),
            Some("赵某")
        );
        assert_eq!(c.fine(), Some(Money::yuan(5000)));
        let d = &c.documents[0];
        assert!(d.payment.value().unwrap().starts_with("执行方式和期限"));
        assert_eq!(d.seal, value(true, Place::Paragraph(10)));
        assert_eq!(
            c.agency.value().map(String::as_str),
            Some("某某市消防救援支队")
        );
        // Individuals: 身份证件种类及号码 names the document before the number; masks of any kind.
        for (line, id) in [
            ("姓名：李某，性别：女，身份证件种类及号码：居民身份证410203198503122011，住址：某街", Some("410203198503122011")),
            ("姓名：李某，身份证件种类及号码：居民身份证4102××××××××2011", None),
            ("姓名：李某，公民身份号码：4102＊＊＊＊＊＊＊＊＊＊2011", None),
        ] {
            let (c, _) = read(&format!("行政处罚决定书\n{line}\n决定给予警告。\n"));
            assert_eq!(c.party.id_number.value().map(String::as_str), id, "{line}");
            assert_eq!(c.party.kind.value(), Some(&PartyKind::Individual), "{line}");
        }
    }

    /// A 双公示 record: labelled fields, no heading. What it does not carry is unknown.
    #[test]
    fn a_published_record() {
        let text = "行政处罚决定书文号：兴消行罚决〔2023〕100066号\n行政相对人名称：北京某某模塑科技有限公司\n统一社会信用代码：91110115MA01ABCD1J\n违法行为类型：占用消防车道\n处罚依据：《中华人民共和国消防法》第六十条第一款第五项\n处罚类别：罚款\n处罚内容：罚款人民币20000元\n处罚决定日期：2023/03/24\n处罚机关：北京市大兴区消防救援支队\n";
        let (c, out) = read(text);
        assert!(out.is_empty(), "{out:?}");
        let d = &c.documents[0];
        assert_eq!(
            d.no.value().map(String::as_str),
            Some("兴消行罚决〔2023〕100066号")
        );
        assert_eq!(
            c.party.name.value().map(String::as_str),
            Some("北京某某模塑科技有限公司")
        );
        assert_eq!(c.party.kind.value(), Some(&PartyKind::Unit));
        assert_eq!(c.fine(), Some(Money::yuan(20000)));
        assert_eq!(
            d.basis.value().unwrap()[0].value,
            "《中华人民共和国消防法》第六十条第一款第五项"
        );
        assert_eq!(
            d.date.value(),
            chrono::NaiveDate::from_ymd_opt(2023, 3, 24).as_ref()
        );
        assert_eq!(
            c.agency.value().map(String::as_str),
            Some("北京市大兴区消防救援支队")
        );
        assert_eq!(d.remedy, Field::Absent);
        assert_eq!(d.payment, Field::Absent);
        assert_eq!(c.party.address, Field::Absent);
    }

    #[test]
    fn basis_and_amount_wordings() {
        let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n按照《中华人民共和国消防法》第六十条第一款第一项之规定，现作出如下处罚决定：\n一、罚款金额：人民币伍仟元整；\n二、警告。\n");
        let d = &c.documents[0];
        assert_eq!(
            d.basis.value().unwrap()[0].value,
            "《中华人民共和国消防法》第六十条第一款第一项"
        );
        assert_eq!(c.fine(), Some(Money::yuan(5000)));
        assert_eq!(c.penalty_kinds(), ["fine", "warning"]);
        // A basis citing a regulation whose title ends in 规定 reads to the sentence's 规定.
        let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n依据《消防监督检查规定》第四十条的规定，决定给予警告。\n");
        assert_eq!(
            c.documents[0].basis.value().unwrap()[0].value,
            "《消防监督检查规定》第四十条"
        );
    }

    #[test]
    fn the_decision_date_is_not_a_signature_date() {
        let (c, _) = read("当场行政处罚决定书\n被处罚人：王某\n依据《中华人民共和国消防法》第六十条第二款的规定，决定给予警告。\n某某消防救援大队（印章）\n2023年6月2日\n当事人签名：王某 2023年6月3日\n");
        assert_eq!(
            c.documents[0].date.value(),
            chrono::NaiveDate::from_ymd_opt(2023, 6, 2).as_ref()
        );
        assert_eq!(
            c.agency.value().map(String::as_str),
            Some("某某消防救援大队")
        );
    }

    #[test]
    fn penalties_on_the_lines_under_the_decision() {
        let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n根据《中华人民共和国消防法》第五十八条第一款第四项的规定，决定给予你单位如下行政处罚：\n责令停止使用；\n罚款人民币叁万元整。\n罚款于收到本决定书之日起十五日内缴纳。\n");
        assert_eq!(c.penalty_kinds(), ["stop_use", "fine"]);
        assert_eq!(c.fine(), Some(Money::yuan(30000)));
    }

    #[test]
    fn carrying_out_a_penalty_that_is_not_a_fine() {
        let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n根据《中华人民共和国消防法》第五十八条第一款第四项的规定，决定责令你单位停止使用。\n你单位应当自收到本决定书之日起停止使用该场所，并依法履行。\n");
        assert!(c.documents[0]
            .payment
            .value()
            .unwrap()
            .contains("停止使用该场所"));
    }

    #[test]
    fn the_notice_retold_in_the_facts_is_not_the_decision() {
        let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n经查，你单位疏散通道堵塞。2023年3月10日，我大队告知你单位拟决定给予罚款人民币5000元的处罚，你单位未提出陈述申辩。\n根据《中华人民共和国消防法》第六十条第一款第三项的规定，决定给予你单位罚款人民币陆仟元整的行政处罚。\n");
        assert_eq!(c.fine(), Some(Money::yuan(6000)));
        let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n本案经听证，根据《中华人民共和国消防法》第六十条第一款第三项的规定，决定给予你单位罚款人民币陆仟元整的行政处罚。\n");
        assert_eq!(c.fine(), Some(Money::yuan(6000)));
    }

    #[test]
    fn several_bases_and_listed_penalties() {
        let text = "行政处罚决定书\n当事人：某某有限公司\n你单位违反了《中华人民共和国消防法》第十六条第一款第二项、第二十八条的规定。\n依据《中华人民共和国消防法》第六十条第一款第一项、第六十条第一款第三项的规定，决定合并给予如下处罚：\n1.罚款人民币壹万元整；\n2.警告。\n";
        let (c, _) = read(text);
        let d = &c.documents[0];
        assert_eq!(d.basis.value().unwrap().len(), 1);
        assert!(c.violation.violated.value().unwrap().contains("第二十八条"));
        let kinds: Vec<&str> = d
            .penalties
            .value()
            .unwrap()
            .iter()
            .map(|p| p.kind.as_str())
            .collect();
        assert_eq!(kinds, ["fine", "warning"]);
        assert_eq!(c.fine(), Some(Money::yuan(10000)));
    }

    #[test]
    fn individuals_with_masked_ids_and_summary_forms() {
        let text = "当场行政处罚决定书\n豫开消当罚决字[2022]第12号\n被处罚人：王某  性别：男  公民身份号码：4101**********1234\n住址：开封市某某街\n违法事实：在楼道内停放电动自行车充电。\n依据《河南省消防条例》第五十条的规定，决定给予警告。\n如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内提起行政诉讼。\n2022年5月6日\n";
        let (c, _) = read(text);
        assert_eq!(c.documents[0].kind.as_deref(), Some("summary_decision"));
        assert_eq!(c.procedure.value(), Some(&Procedure::Summary));
        assert_eq!(c.party.name.value().map(String::as_str), Some("王某"));
        assert_eq!(c.party.id_number, Field::Absent);
        assert_eq!(c.party.kind.value(), Some(&PartyKind::Individual));
        assert_eq!(c.documents[0].seal, Field::Absent);
        assert_eq!(
            c.documents[0].no.value().map(String::as_str),
            Some("豫开消当罚决字[2022]第12号")
        );
    }

    #[test]
    fn not_a_decision_is_a_reason() {
        let aliases = Aliases::shipped();
        let r = DecisionReader {
            file: "notes.txt",
            aliases: &aliases,
            lang: Lang::Zh,
        };
        assert!(r
            .read(&text_paragraphs("会议纪要\n今天讨论了消防演练。\n"))
            .is_err());
        assert!(r.read(&[]).is_err());
    }

    /// Any part of a decision (missing sections, cut sentences) reads or is refused, never
    /// panics.
    #[test]
    fn every_cut_of_a_decision_survives() {
        let aliases = Aliases::shipped();
        let r = DecisionReader {
            file: "d.txt",
            aliases: &aliases,
            lang: Lang::En,
        };
        let cuts: Vec<usize> = CLEAN.char_indices().map(|(i, _)| i).collect();
        for (k, &i) in cuts.iter().enumerate().step_by(3) {
            let _ = r.read(&text_paragraphs(&CLEAN[..i]));
            let _ = r.read(&text_paragraphs(&CLEAN[i..]));
            // A section dropped from the middle.
            if let Some(&j) = cuts.get(k + 40) {
                let _ = r.read(&text_paragraphs(&format!("{}{}", &CLEAN[..i], &CLEAN[j..])));
            }
        }
    }

    #[test]
    fn encodings() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("行政处罚决定书");
        assert_eq!(decode_text(&gbk).unwrap(), "行政处罚决定书");
        assert_eq!(decode_text("\u{feff}决定".as_bytes()).unwrap(), "决定");
        assert!(decode_text(b"\x00\x01\x02").is_err());
    }
}

#[cfg(test)]
mod fixture_tests {
    use super::*;

    /// Every clean fixture decision gives its essential fields (a clean result must not come
    /// from fields the reader missed).
    #[test]
    fn clean_fixtures_read_in_full() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/decisions/clean");
        let aliases = Aliases::shipped();
        let mut seen = 0;
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext != "txt" && ext != "docx" {
                continue;
            }
            seen += 1;
            let bytes = std::fs::read(&path).unwrap();
            let name = path.display().to_string();
            let (c, out) =
                crate::read::read_decision(&path, &bytes, &name, &aliases, Lang::Zh, 1 << 26)
                    .unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert!(out.is_empty(), "{name}: {out:?}");
            let d = &c.documents[0];
            let record = name.contains("双公示记录");
            let ok = [
                ("no", d.no.value().is_some()),
                ("agency", c.agency.value().is_some()),
                ("party", c.party.name.value().is_some()),
                ("kind", c.party.kind.value().is_some()),
                ("facts", c.violation.facts.value().is_some()),
                // A 双公示 record has no field for the violated provision or the remedy:
                // unknown there, not missing.
                (
                    "violated",
                    c.violation.violated.value().is_some()
                        || (record && matches!(c.violation.violated, Field::Absent)),
                ),
                ("basis", d.basis.value().is_some()),
                ("penalties", d.penalties.value().is_some()),
                (
                    "remedy",
                    d.remedy.value().is_some() || (record && matches!(d.remedy, Field::Absent)),
                ),
                ("date", d.date.value().is_some()),
            ];
            for (what, has) in ok {
                assert!(has, "{name}: no {what}: {c:#?}");
            }
        }
        assert!(seen >= 4);
    }
}
