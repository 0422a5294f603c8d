//! The XML case-file reader: single cases (`<Case>`) and batches (`<Cases>`), English or
//! Chinese element names (through the alias table), attributes and child elements
//! interchangeable, UTF-8 (with or without BOM) or GB18030/GBK/GB2312 as the prolog declares.
//!
//! It streams with quick-xml and builds a small element tree for one `<Case>` at a time, which
//! is turned into a [`Case`] and handed to the caller before the next case is read, so a batch
//! file of any length holds one case in memory. Every value keeps its line and column.

use crate::finding::{Finding, Lang, Place};
use crate::model::*;
use crate::read::aliases::Aliases;
use crate::read::values;
use crate::rules::{self, file_finding};
use quick_xml::events::Event;
use std::borrow::Cow;

/// Deepest element nesting accepted; deeper input is hostile or broken (reported as F002).
pub const MAX_DEPTH: usize = 256;

/// Per-file reading context.
pub struct XmlReader<'a> {
    pub file: &'a str,
    pub aliases: &'a Aliases,
    pub lang: Lang,
}

/// One element of a case, with its canonical name and position.
#[derive(Debug, Default)]
struct Node {
    raw: String,
    canon: Option<&'static str>,
    at: Place,
    attrs: Vec<Attr>,
    text: String,
    children: Vec<Node>,
}

#[derive(Debug)]
struct Attr {
    raw: String,
    canon: Option<&'static str>,
    value: String,
    at: Place,
}

/// Byte offset → line/column, for a decoded text.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }
    fn place(&self, text: &str, offset: usize) -> Place {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        Place::line(line as u32, col as u32)
    }
}

/// The encoding a file declares in its prolog, if any.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    let head = String::from_utf8_lossy(head);
    let decl_end = head.find("?>")?;
    let decl = &head[..decl_end];
    if !decl.trim_start_matches('\u{feff}').starts_with("<?xml") {
        return None;
    }
    let i = decl.find("encoding")?;
    let rest = decl[i + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let rest = &rest[1..];
    Some(rest[..rest.find(quote)?].to_string())
}

impl<'a> XmlReader<'a> {
    fn finding(&self, info: &rules::Info, place: Place, subject: &str, message: String) -> Finding {
        file_finding(info, self.lang, self.file, place, subject, message)
    }

    /// Decodes the bytes per BOM and prolog; an F003 finding when they do not match.
    pub fn decode<'b>(&self, bytes: &'b [u8]) -> Result<Cow<'b, str>, Box<Finding>> {
        let f003 = &rules::f003_encoding_mismatch::INFO;
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            return self.decode_as(rest, encoding_rs::UTF_8, "UTF-8", 3);
        }
        if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            let enc = if bytes[0] == 0xFF {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            return self.decode_as(&bytes[2..], enc, enc.name(), 2);
        }
        match declared_encoding(bytes) {
            None => self.decode_as(bytes, encoding_rs::UTF_8, "UTF-8", 0),
            Some(label) => match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
                Some(enc) => self.decode_as(bytes, enc, &label, 0),
                None => Err(Box::new(self.finding(
                    f003,
                    Place::line(1, 1),
                    "encoding",
                    match self.lang {
                        Lang::Zh => format!("XML 声明的编码“{label}”无法识别"),
                        Lang::En => format!("the XML declares an unknown encoding `{label}`"),
                    },
                ))),
            },
        }
    }

    fn decode_as<'b>(
        &self,
        bytes: &'b [u8],
        enc: &'static encoding_rs::Encoding,
        label: &str,
        skipped: usize,
    ) -> Result<Cow<'b, str>, Box<Finding>> {
        let bad_at = |valid: usize| {
            // Locate the first bad byte by line/column of the valid prefix.
            let prefix = enc
                .decode_without_bom_handling(&bytes[..valid])
                .0
                .into_owned();
            let place = Lines::new(&prefix).place(&prefix, prefix.len());
            let byte = bytes.get(valid).copied().unwrap_or(0);
            Box::new(self.finding(
                &rules::f003_encoding_mismatch::INFO,
                place,
                "encoding",
                match self.lang {
                    Lang::Zh => format!(
                        "文件内容不是有效的 {label} 编码（第 {} 字节 0x{byte:02X} 无效）",
                        valid + skipped + 1
                    ),
                    Lang::En => format!(
                        "the bytes are not valid {label} (byte {} is 0x{byte:02X})",
                        valid + skipped + 1
                    ),
                },
            ))
        };
        if enc == encoding_rs::UTF_8 {
            return match std::str::from_utf8(bytes) {
                Ok(s) => Ok(Cow::Borrowed(s)),
                Err(e) => Err(bad_at(e.valid_up_to())),
            };
        }
        let mut decoder = enc.new_decoder_without_bom_handling();
        let mut out = String::with_capacity(bytes.len() * 3 / 2 + 16);
        let mut read_total = 0;
        loop {
            let (result, read) =
                decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
            read_total += read;
            match result {
                encoding_rs::DecoderResult::InputEmpty => return Ok(Cow::Owned(out)),
                encoding_rs::DecoderResult::OutputFull => {
                    out.reserve(bytes.len() - read_total + 64);
                }
                encoding_rs::DecoderResult::Malformed(bad, _) => {
                    return Err(bad_at(read_total.saturating_sub(bad as usize)));
                }
            }
        }
    }

    /// Reads a whole file; calls `sink` with each complete case; returns file-level findings
    /// (F001–F006). Never panics on bad input.
    pub fn read(&self, bytes: &[u8], sink: &mut dyn FnMut(Case, Vec<Finding>)) -> Vec<Finding> {
        let text = match self.decode(bytes) {
            Ok(t) => t,
            Err(f) => return vec![*f],
        };
        let lines = Lines::new(&text);
        let mut findings = Vec::new();
        let mut reader = quick_xml::Reader::from_str(&text);
        reader.config_mut().check_end_names = true;
        let mut stack: Vec<Node> = Vec::new();
        let mut root_seen = false;
        let mut cases_seen = 0usize;
        let f002 = &rules::f002_malformed_xml::INFO;
        loop {
            let start = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let place = lines.place(&text, reader.error_position() as usize);
                    findings.push(self.finding(
                        f002,
                        place,
                        "xml",
                        match self.lang {
                            Lang::Zh => format!("XML 格式错误：{e}"),
                            Lang::En => format!("malformed XML: {e}"),
                        },
                    ));
                    break;
                }
            };
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let is_empty = matches!(event, Event::Empty(_));
                    if stack.len() >= MAX_DEPTH {
                        findings.push(self.finding(
                            f002,
                            lines.place(&text, start),
                            "xml",
                            match self.lang {
                                Lang::Zh => format!("XML 嵌套超过 {MAX_DEPTH} 层，停止读取"),
                                Lang::En => {
                                    format!("XML nesting deeper than {MAX_DEPTH}; reading stopped")
                                }
                            },
                        ));
                        break;
                    }
                    let raw = e.name().as_ref().to_string();
                    let at = lines.place(&text, start);
                    let mut node = Node {
                        canon: self.aliases.xml_name(&raw).and_then(intern),
                        raw,
                        at: at.clone(),
                        ..Default::default()
                    };
                    for attr in e.attributes().with_checks(false) {
                        let Ok(attr) = attr else { continue };
                        let raw = attr.key.as_ref().to_string();
                        if raw.starts_with("xmlns") || raw.starts_with("xsi:") {
                            continue;
                        }
                        let value = attr
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map(Cow::into_owned)
                            .unwrap_or_else(|_| attr.value.to_string());
                        node.attrs.push(Attr {
                            canon: self.aliases.xml_name(&raw).and_then(intern),
                            raw,
                            value,
                            at: at.clone(),
                        });
                    }
                    if stack.is_empty() {
                        if root_seen {
                            // A second root: quick-xml accepts it, XML does not.
                            findings.push(self.finding(
                                f002,
                                at,
                                "xml",
                                match self.lang {
                                    Lang::Zh => "XML 有多个根元素".to_string(),
                                    Lang::En => "the XML has more than one root element".into(),
                                },
                            ));
                            break;
                        }
                        root_seen = true;
                        match node.canon {
                            Some("case") | Some("cases") => {}
                            _ => {
                                findings.push(self.finding(
                                    &rules::f001_unreadable_file::INFO,
                                    at,
                                    "root",
                                    match self.lang {
                                        Lang::Zh => format!(
                                            "不是案卷文件：根元素是 <{}>，应为 <Case>/<案卷> 或 <Cases>/<案卷集>",
                                            node.raw
                                        ),
                                        Lang::En => format!(
                                            "not a case file: the root element is <{}>, not <Case> or <Cases>",
                                            node.raw
                                        ),
                                    },
                                ));
                                return findings;
                            }
                        }
                    }
                    if is_empty {
                        self.close(node, &mut stack, &mut findings, &mut cases_seen, sink);
                    } else {
                        stack.push(node);
                    }
                }
                Event::End(_) => {
                    if let Some(node) = stack.pop() {
                        self.close(node, &mut stack, &mut findings, &mut cases_seen, sink);
                    }
                }
                Event::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        top.text.push_str(&t.xml10_content());
                    }
                }
                Event::CData(t) => {
                    if let Some(top) = stack.last_mut() {
                        top.text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(top) = stack.last_mut() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => top.text.push(c),
                            _ => {
                                let name: &str = &r;
                                match quick_xml::escape::resolve_predefined_entity(name) {
                                    Some(s) => top.text.push_str(s),
                                    // Custom entities are never expanded (no entity bombs).
                                    None => {
                                        top.text.push('&');
                                        top.text.push_str(name);
                                        top.text.push(';');
                                    }
                                }
                            }
                        }
                    }
                }
                Event::Eof => {
                    if let Some(open) = stack.last() {
                        findings.push(self.finding(
                            f002,
                            lines.place(&text, text.len()),
                            "xml",
                            match self.lang {
                                Lang::Zh => format!(
                                    "文件意外结束：第 {} 行的 <{}> 没有闭合",
                                    line_of(&open.at),
                                    open.raw
                                ),
                                Lang::En => format!(
                                    "unexpected end of file: <{}> opened on line {} is not closed",
                                    open.raw,
                                    line_of(&open.at)
                                ),
                            },
                        ));
                    } else if !root_seen {
                        findings.push(self.finding(
                            &rules::f001_unreadable_file::INFO,
                            Place::File,
                            "root",
                            match self.lang {
                                Lang::Zh => "文件中没有 XML 元素（空文件或不是 XML）".to_string(),
                                Lang::En => {
                                    "the file holds no XML element (empty or not XML)".into()
                                }
                            },
                        ));
                    }
                    break;
                }
                _ => {}
            }
        }
        findings
    }

    /// Attaches a finished element to its parent, or turns a finished `<Case>` into a case.
    fn close(
        &self,
        node: Node,
        stack: &mut [Node],
        findings: &mut Vec<Finding>,
        cases_seen: &mut usize,
        sink: &mut dyn FnMut(Case, Vec<Finding>),
    ) {
        if node.canon == Some("case") {
            *cases_seen += 1;
            let mut case_findings = Vec::new();
            let case = self.to_case(&node, &mut case_findings);
            sink(case, case_findings);
            return;
        }
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => {
                if node.canon == Some("cases") && *cases_seen == 0 {
                    findings.push(self.finding(
                        &rules::f005_unknown_field::INFO,
                        node.at.clone(),
                        "cases",
                        match self.lang {
                            Lang::Zh => "批量文件中没有任何 <Case> 案卷".to_string(),
                            Lang::En => "the batch file holds no <Case>".to_string(),
                        },
                    ));
                }
            }
        }
    }
}

fn line_of(p: &Place) -> u32 {
    match p {
        Place::Line { line, .. } => *line,
        _ => 0,
    }
}

/// A scalar value found as an attribute or a child element.
struct Scalar<'n> {
    text: Cow<'n, str>,
    at: Place,
}

impl Node {
    /// The first attribute or child with this canonical name.
    fn get(&self, canon: &str) -> Option<Scalar<'_>> {
        if let Some(a) = self.attrs.iter().find(|a| a.canon == Some(canon)) {
            return Some(Scalar {
                text: Cow::Borrowed(a.value.trim()),
                at: a.at.clone(),
            });
        }
        self.children
            .iter()
            .find(|c| c.canon == Some(canon))
            .map(|c| Scalar {
                text: Cow::Borrowed(c.text.trim()),
                at: c.at.clone(),
            })
    }
    fn child(&self, canon: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.canon == Some(canon))
    }
    fn children_named<'s>(&'s self, canon: &'s str) -> impl Iterator<Item = &'s Node> + 's {
        self.children.iter().filter(move |c| c.canon == Some(canon))
    }
}

/// Every canonical name the reader understands. Names are interned to these (no allocation
/// per element); a canonical name from a user's alias table that the reader has no use for is
/// unknown (F005) like any other.
const CANONICAL: &[&str] = &[
    "cases",
    "case",
    "caseno",
    "agency",
    "procedure",
    "party",
    "kind",
    "name",
    "creditcode",
    "idnumber",
    "address",
    "representative",
    "violation",
    "date",
    "facts",
    "violatedprovision",
    "circumstance",
    "enddate",
    "harm",
    "officers",
    "officer",
    "certno",
    "documents",
    "document",
    "no",
    "days",
    "amount",
    "rights",
    "basis",
    "penalty",
    "payment",
    "remedy",
    "seal",
];

fn intern(canon: &str) -> Option<&'static str> {
    CANONICAL.iter().copied().find(|c| *c == canon)
}

/// Canonical names each element may hold; anything else is reported as F005.
const CASE_KEYS: &[&str] = &[
    "caseno",
    "agency",
    "procedure",
    "party",
    "violation",
    "officers",
    "officer",
    "documents",
    "document",
];
const PARTY_KEYS: &[&str] = &[
    "kind",
    "name",
    "creditcode",
    "idnumber",
    "address",
    "representative",
];
const VIOLATION_KEYS: &[&str] = &[
    "date",
    "facts",
    "violatedprovision",
    "circumstance",
    "enddate",
    "harm",
];
const DOCUMENT_KEYS: &[&str] = &[
    "kind", "date", "no", "days", "amount", "officers", "officer", "rights", "basis", "penalty",
    "payment", "remedy", "seal", "name",
];
const OFFICER_KEYS: &[&str] = &["certno", "name"];
const PENALTY_KEYS: &[&str] = &["kind", "amount", "days"];

impl<'a> XmlReader<'a> {
    fn unknown(&self, node: &Node, allowed: &[&str], out: &mut Vec<Finding>) {
        let info = &rules::f005_unknown_field::INFO;
        for a in &node.attrs {
            if !a.canon.is_some_and(|c| allowed.contains(&c)) {
                out.push(self.finding(
                    info,
                    a.at.clone(),
                    &format!("@{}", a.raw),
                    match self.lang {
                        Lang::Zh => {
                            format!("<{}> 的属性“{}”未识别，其内容不会被检查", node.raw, a.raw)
                        }
                        Lang::En => format!(
                            "attribute `{}` of <{}> is not known; it is not checked",
                            a.raw, node.raw
                        ),
                    },
                ));
            }
        }
        for c in &node.children {
            if !c.canon.is_some_and(|n| allowed.contains(&n)) {
                out.push(self.finding(
                    info,
                    c.at.clone(),
                    &c.raw,
                    match self.lang {
                        Lang::Zh => format!(
                            "<{}> 中的元素 <{}> 未识别，其内容不会被检查",
                            node.raw, c.raw
                        ),
                        Lang::En => format!(
                            "element <{}> in <{}> is not known; it is not checked",
                            c.raw, node.raw
                        ),
                    },
                ));
            }
        }
    }

    fn text_field(&self, node: &Node, canon: &str) -> Field<String> {
        match node.get(canon) {
            None => Field::Absent,
            Some(s) if s.text.is_empty() => Field::Empty { at: s.at },
            Some(s) => Field::Value {
                value: s.text.into_owned(),
                at: s.at,
            },
        }
    }

    /// Parses a scalar with `parse`; an unreadable value becomes `Invalid` plus an F006.
    fn parsed<T, E: std::fmt::Display>(
        &self,
        node: &Node,
        canon: &str,
        what: (&str, &str),
        parse: impl Fn(&str) -> Result<T, E>,
        out: &mut Vec<Finding>,
    ) -> Field<T> {
        match node.get(canon) {
            None => Field::Absent,
            Some(s) if s.text.is_empty() => Field::Empty { at: s.at },
            Some(s) => match parse(&s.text) {
                Ok(v) => Field::Value { value: v, at: s.at },
                Err(_) => {
                    out.push(self.finding(
                        &rules::f006_unparseable_value::INFO,
                        s.at.clone(),
                        &format!("{}:{}", node.raw, canon),
                        match self.lang {
                            Lang::Zh => format!("<{}> 的{}“{}”无法识别", node.raw, what.0, s.text),
                            Lang::En => format!(
                                "the {} `{}` of <{}> cannot be read",
                                what.1, s.text, node.raw
                            ),
                        },
                    ));
                    Field::Invalid {
                        raw: s.text.into_owned(),
                        at: s.at,
                    }
                }
            },
        }
    }

    fn date(&self, node: &Node, canon: &str, out: &mut Vec<Finding>) -> Field<chrono::NaiveDate> {
        self.parsed(node, canon, ("日期", "date"), values::parse_date, out)
    }

    fn to_case(&self, node: &Node, out: &mut Vec<Finding>) -> Case {
        let mut case = Case::new(self.file, SourceKind::Xml, node.at.clone());
        self.unknown(node, CASE_KEYS, out);
        case.case_no = self.text_field(node, "caseno");
        case.agency = self.text_field(node, "agency");
        case.procedure = self
            .text_field(node, "procedure")
            .map(|p| parse_procedure(&p));
        if let Some(p) = node.child("party") {
            self.unknown(p, PARTY_KEYS, out);
            case.party = Party {
                kind: self.parsed(
                    p,
                    "kind",
                    ("当事人类型", "party kind"),
                    parse_party_kind,
                    out,
                ),
                name: self.text_field(p, "name"),
                credit_code: self.text_field(p, "creditcode"),
                id_number: self.text_field(p, "idnumber"),
                address: self.text_field(p, "address"),
                representative: self.text_field(p, "representative"),
            };
        }
        if let Some(v) = node.child("violation") {
            self.unknown(v, VIOLATION_KEYS, out);
            case.violation = Violation {
                date: self.date(v, "date", out),
                end_date: self.date(v, "enddate", out),
                facts: self.text_field(v, "facts"),
                violated: self.text_field(v, "violatedprovision"),
                circumstance: self.parsed(
                    v,
                    "circumstance",
                    ("违法情节", "circumstance"),
                    |s| Circumstance::parse(s).ok_or(()).map_err(|_| "circumstance"),
                    out,
                ),
                harm: self.text_field(v, "harm"),
            };
        }
        if let Some(o) = node.child("officers") {
            case.officers = Field::Value {
                value: self.officers(o, out),
                at: o.at.clone(),
            };
        } else if node.child("officer").is_some() {
            case.officers = Field::Value {
                value: self.officers(node, out),
                at: node.at.clone(),
            };
        }
        // 文书 may name the container or one document: a 文书 holding documents is a container.
        let containers: Vec<&Node> = node
            .children
            .iter()
            .filter(|c| {
                c.canon == Some("documents")
                    || (c.canon == Some("document")
                        && c.children_named("document").next().is_some())
            })
            .collect();
        if !containers.is_empty() {
            case.coverage = Coverage::All;
        }
        for container in containers {
            for d in &container.children {
                if d.canon == Some("document") {
                    case.documents.push(self.document(d, out));
                } else {
                    self.unknown(container, &["document"], out);
                }
            }
        }
        for d in node.children_named("document") {
            if d.children_named("document").next().is_none() {
                case.coverage = Coverage::All;
                case.documents.push(self.document(d, out));
            }
        }
        case
    }

    fn officers(&self, container: &Node, out: &mut Vec<Finding>) -> Vec<Officer> {
        container
            .children_named("officer")
            .map(|o| {
                self.unknown(o, OFFICER_KEYS, out);
                let name = match o.get("name") {
                    Some(n) => n.text.into_owned(),
                    None => o.text.trim().to_string(),
                };
                let cert = o
                    .get("certno")
                    .map(|c| c.text.trim().to_string())
                    .filter(|c| !c.is_empty());
                Officer {
                    name,
                    cert,
                    at: o.at.clone(),
                }
            })
            .collect()
    }

    fn document(&self, d: &Node, out: &mut Vec<Finding>) -> Document {
        self.unknown(d, DOCUMENT_KEYS, out);
        let raw_kind = d
            .get("kind")
            .or_else(|| d.get("name"))
            .map(|s| s.text.into_owned())
            .unwrap_or_default();
        let mut doc = Document {
            kind: self.aliases.documents.lookup(&raw_kind).map(str::to_string),
            raw_kind,
            at: d.at.clone(),
            date: self.date(d, "date", out),
            no: self.text_field(d, "no"),
            amount: self.parsed(d, "amount", ("金额", "amount"), values::parse_amount, out),
            days: self.parsed(d, "days", ("天数", "day count"), values::parse_days, out),
            payment: self.text_field(d, "payment"),
            remedy: self.text_field(d, "remedy"),
            seal: self.parsed(d, "seal", ("印章", "seal"), values::parse_bool, out),
            ..Default::default()
        };
        if let Some(o) = d.child("officers") {
            doc.officers = Some(self.officers(o, out));
        } else if d.child("officer").is_some() {
            doc.officers = Some(self.officers(d, out));
        }
        doc.rights = self.text_field(d, "rights").map(|r| {
            r.split(|c: char| ",，、;；/ ".contains(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        });
        let bases: Vec<Located<String>> = d
            .attrs
            .iter()
            .filter(|a| a.canon == Some("basis"))
            .map(|a| (a.value.trim().to_string(), a.at.clone()))
            .chain(
                d.children_named("basis")
                    .map(|b| (b.text.trim().to_string(), b.at.clone())),
            )
            .map(|(value, at)| Located { value, at })
            .collect();
        doc.basis = if bases.is_empty() {
            Field::Absent
        } else if bases.iter().all(|b| b.value.is_empty()) {
            Field::Empty {
                at: bases[0].at.clone(),
            }
        } else {
            let at = bases[0].at.clone();
            Field::Value {
                value: bases.into_iter().filter(|b| !b.value.is_empty()).collect(),
                at,
            }
        };
        let penalties: Vec<Penalty> = d
            .children_named("penalty")
            .map(|p| {
                self.unknown(p, PENALTY_KEYS, out);
                let raw_kind = p
                    .get("kind")
                    .map(|k| k.text.into_owned())
                    .unwrap_or_else(|| p.text.trim().to_string());
                Penalty {
                    kind: self
                        .aliases
                        .penalties
                        .lookup(&raw_kind)
                        .map(str::to_string)
                        .unwrap_or_else(|| raw_kind.clone()),
                    raw_kind,
                    amount: self.parsed(
                        p,
                        "amount",
                        ("罚款金额", "fine amount"),
                        values::parse_amount,
                        out,
                    ),
                    days: self.parsed(p, "days", ("天数", "day count"), values::parse_days, out),
                    at: p.at.clone(),
                }
            })
            .collect();
        if !penalties.is_empty() {
            doc.penalties = Field::Value {
                at: penalties[0].at.clone(),
                value: penalties,
            };
        }
        doc
    }
}

/// 一般程序 / 简易程序 (and their common variants).
pub fn parse_procedure(s: &str) -> Procedure {
    let t = crate::text::normalize(s);
    if t.contains("简易") || t.contains("当场") {
        Procedure::Summary
    } else if t.contains("一般") || t.contains("普通") {
        Procedure::General
    } else {
        Procedure::Other(s.to_string())
    }
}

/// 单位 / 个人 (and their common variants).
pub fn parse_party_kind(s: &str) -> Result<PartyKind, &'static str> {
    let t = crate::text::normalize(s);
    let t = t.trim();
    if ["单位", "法人", "其他组织", "企业", "法人或其他组织"].contains(&t) {
        Ok(PartyKind::Unit)
    } else if ["个人", "自然人", "公民"].contains(&t) {
        Ok(PartyKind::Individual)
    } else {
        Err("party kind")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every canonical name the shipped alias table maps to is one the reader understands.
    #[test]
    fn every_shipped_canonical_name_is_interned() {
        let a = Aliases::shipped();
        for c in a.xml_canonical() {
            assert!(intern(c).is_some(), "{c}");
        }
    }

    #[test]
    fn reads_both_name_styles_with_places() {
        let a = Aliases::shipped();
        let r = XmlReader {
            file: "t.xml",
            aliases: &a,
            lang: Lang::Zh,
        };
        let xml = "<?xml version=\"1.0\"?>\n<案卷集>\n<案卷><案件编号>甲1</案件编号></案卷>\n<Case>\n  <CaseNo>B2</CaseNo>\n  <Documents><Document kind=\"立案审批表\" date=\"2022-03-01\"/></Documents>\n</Case>\n</案卷集>\n";
        let mut cases = Vec::new();
        let findings = r.read(xml.as_bytes(), &mut |c, f| cases.push((c, f)));
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].0.case_no(), Some("甲1"));
        let second = &cases[1].0;
        assert_eq!(second.case_no(), Some("B2"));
        assert_eq!(second.case_no.at(), Some(&Place::line(5, 3)));
        let filing = second.docs("filing").next().unwrap();
        assert_eq!(
            filing.date.value().map(|d| d.to_string()).as_deref(),
            Some("2022-03-01")
        );
        assert_eq!(second.coverage, Coverage::All);
    }
}
