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
//!
//! Here: the text preparation (decoding, paragraphs, normalizing) and the small matchers;
//! `fields` reads the case's fields from the paragraphs; `tests` and `fixture_tests` hold the tests.

use super::diagnostic::{Diagnostic, DiagnosticKind};
use crate::finding::{Lang, Place};
use crate::knowledge::aliases::Aliases;
use crate::model::*;
use crate::read::values;
use regex::Regex;
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

mod fields;
#[cfg(test)]
mod fixture_tests;
#[cfg(test)]
mod tests;
