//! The XML case-file reader: single cases (`<Case>`) and batches (`<Cases>`), English or
//! Chinese element names (through the alias table), attributes and child elements
//! interchangeable, UTF-8 (with or without BOM) or GB18030/GBK/GB2312 as the prolog declares.
//!
//! It streams with quick-xml and builds a small element tree for one `<Case>` at a time, which
//! is turned into a [`Case`] and handed to the caller before the next case is read, so a batch
//! file of any length holds one case in memory. Every value keeps its line and column.
//!
//! The tree is built for speed (issue 7: checking should cost little more than parsing): it is
//! one flat arena in document order, names, attribute values and texts borrow from the decoded
//! input whenever quick-xml hands out borrowed slices, and line/column are counted forward
//! from the previous element instead of searched for.

use super::diagnostic::{Diagnostic, DiagnosticKind};
use crate::finding::{Lang, Place};
use crate::knowledge::aliases::Aliases;
use crate::model::*;
use crate::read::values;
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

use crate::knowledge::canon::Canon;
use Canon as C;

/// One element of a case, with its canonical name and position. Lives in a [`Tree`]; its
/// children follow it in the arena (document order), its attributes are a range of
/// [`Tree::attrs`].
#[derive(Debug)]
struct Node<'t> {
    raw: Cow<'t, str>,
    canon: Option<Canon>,
    at: Place,
    attrs_start: usize,
    attrs_end: usize,
    /// The text and entity parts in order, leading whitespace-only parts left out (every
    /// reader of a text trims it), so a one-part text stays a borrowed slice of the input.
    text: Cow<'t, str>,
    /// One past the arena index of the last descendant; set when the element closes.
    end: usize,
}

/// An attribute; its place is its element's (quick-xml gives no attribute offsets).
#[derive(Debug)]
struct Attr<'t> {
    raw: Cow<'t, str>,
    canon: Option<Canon>,
    value: Cow<'t, str>,
}

/// The elements of the case being read, in document order. A finished `<Case>` is cut off
/// the end again, so the arena's memory is reused for the next case of a batch.
struct Tree<'t> {
    nodes: Vec<Node<'t>>,
    attrs: Vec<Attr<'t>>,
}

/// A closed element of a [`Tree`].
#[derive(Clone, Copy)]
struct El<'a, 't> {
    tree: &'a Tree<'t>,
    i: usize,
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

/// Line/column of element starts, counted forward from the previous one (they only move
/// forward), with the same answers as [`Lines::place`].
struct Cursor {
    offset: usize,
    line: u32,
    column: u32,
}

impl Cursor {
    fn new() -> Cursor {
        Cursor {
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    fn place(&mut self, text: &str, offset: usize) -> Place {
        let offset = offset.min(text.len());
        if offset < self.offset || !text.is_char_boundary(offset) {
            // Never for an element start; answered the slow way rather than wrongly.
            return Lines::new(text).place(text, offset);
        }
        let passed = &text.as_bytes()[self.offset..offset];
        match passed.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += count(passed, |b| b == b'\n');
                self.column = 1 + chars(&passed[last + 1..]);
            }
            None => self.column += chars(passed),
        }
        self.offset = offset;
        Place::line(self.line, self.column)
    }
}

/// Characters in UTF-8 bytes that start and end on character boundaries: the bytes that are
/// not continuation bytes (0x80–0xBF).
fn chars(bytes: &[u8]) -> u32 {
    count(bytes, |b| (b as i8) >= -0x40)
}

/// How many bytes satisfy `pred`, counted in byte-wide lanes (vectorizes well, unlike a
/// `usize` count of short slices).
fn count(bytes: &[u8], pred: impl Fn(u8) -> bool) -> u32 {
    bytes
        .chunks(255)
        .map(|c| u32::from(c.iter().fold(0u8, |n, &b| n + u8::from(pred(b)))))
        .sum()
}

/// `part` as a slice of `text` when it lies inside it (quick-xml hands out slices of the input
/// tied to the event's lifetime; this recovers the input's lifetime), else an owned copy.
fn borrow<'t>(text: &'t str, part: &str) -> Cow<'t, str> {
    let offset = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    match offset
        .checked_add(part.len())
        .filter(|&end| end <= text.len())
        .and_then(|end| text.get(offset..end))
    {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(part.to_string()),
    }
}

fn borrow_cow<'t>(text: &'t str, part: Cow<'_, str>) -> Cow<'t, str> {
    match part {
        Cow::Borrowed(s) => borrow(text, s),
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// Appends a text part to an element's text (see [`Node::text`]).
fn push_text<'t>(to: &mut Cow<'t, str>, part: Cow<'t, str>) {
    if to.is_empty() {
        if !part.trim_start().is_empty() {
            *to = part;
        }
    } else {
        to.to_mut().push_str(&part);
    }
}

/// The encoding a file declares in its prolog, if any.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    // The declaration ends at the first `?>`; read as text it is the lossy reading of the
    // head cut there (a replaced byte never makes or hides an ASCII `?>`), so a valid one is
    // read without converting the whole head.
    let end = head.windows(2).position(|w| w == b"?>")?;
    match std::str::from_utf8(&head[..end]) {
        Ok(decl) => encoding_in(decl),
        Err(_) => {
            let head = String::from_utf8_lossy(head);
            let decl_end = head.find("?>")?;
            encoding_in(&head[..decl_end])
        }
    }
}

/// The `encoding` of an XML declaration's text (up to its `?>`).
fn encoding_in(decl: &str) -> Option<String> {
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
    /// Decodes the bytes per BOM and prolog; an F003 diagnostic when they do not match.
    pub fn decode<'b>(&self, bytes: &'b [u8]) -> Result<Cow<'b, str>, Box<Diagnostic>> {
        let f003 = DiagnosticKind::Encoding;
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
                None => Err(Box::new(Diagnostic::new(
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
    ) -> Result<Cow<'b, str>, Box<Diagnostic>> {
        let bad_at = |valid: usize| {
            // Locate the first bad byte by line/column of the valid prefix.
            let prefix = enc
                .decode_without_bom_handling(&bytes[..valid])
                .0
                .into_owned();
            let place = Lines::new(&prefix).place(&prefix, prefix.len());
            let byte = bytes.get(valid).copied().unwrap_or(0);
            Box::new(Diagnostic::new(
                DiagnosticKind::Encoding,
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
            // SIMD validation: most of a Chinese export's bytes are not ASCII, where the
            // standard library's check goes a byte at a time.
            return match simdutf8::compat::from_utf8(bytes) {
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

    /// Reads a whole file; calls `sink` with each complete case; returns file-level diagnostics
    /// (F001–F006). Never panics on bad input.
    pub fn read(
        &self,
        bytes: &[u8],
        sink: &mut dyn FnMut(Case, Vec<Diagnostic>),
    ) -> Vec<Diagnostic> {
        let decoded = match self.decode(bytes) {
            Ok(t) => t,
            Err(f) => return vec![*f],
        };
        let text: &str = &decoded;
        let mut cursor = Cursor::new();
        let mut diags = Vec::new();
        let mut reader = quick_xml::Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        // Sized for a typical export (an element per ~60 bytes), so a case rarely regrows it.
        let mut tree = Tree {
            nodes: Vec::with_capacity((text.len() / 48).clamp(16, 1024)),
            attrs: Vec::with_capacity((text.len() / 64).clamp(16, 1024)),
        };
        // Arena indices of the open elements.
        let mut stack: Vec<usize> = Vec::new();
        let mut root_seen = false;
        let mut cases_seen = 0usize;
        let f002 = DiagnosticKind::MalformedXml;
        loop {
            let start = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let place = Lines::new(text).place(text, reader.error_position() as usize);
                    diags.push(Diagnostic::new(
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
                        diags.push(Diagnostic::new(
                            f002,
                            cursor.place(text, start),
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
                    let raw = borrow(text, e.name().as_ref());
                    let at = cursor.place(text, start);
                    let attrs_start = tree.attrs.len();
                    for attr in e.attributes().with_checks(false) {
                        let Ok(attr) = attr else { continue };
                        let key = attr.key.as_ref();
                        if key.starts_with("xmlns") || key.starts_with("xsi:") {
                            continue;
                        }
                        let value = match attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        {
                            Ok(v) => borrow_cow(text, v),
                            Err(_) => borrow(text, &attr.value),
                        };
                        tree.attrs.push(Attr {
                            canon: self.aliases.xml_canon(key),
                            raw: borrow(text, key),
                            value,
                        });
                    }
                    let node = Node {
                        canon: self.aliases.xml_canon(&raw),
                        raw,
                        at,
                        attrs_start,
                        attrs_end: tree.attrs.len(),
                        text: Cow::Borrowed(""),
                        end: 0,
                    };
                    if stack.is_empty() {
                        if root_seen {
                            // A second root: quick-xml accepts it, XML does not.
                            diags.push(Diagnostic::new(
                                f002,
                                node.at,
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
                            Some(C::Case) | Some(C::Cases) => {}
                            _ => {
                                diags.push(Diagnostic::new(
                                    DiagnosticKind::Unreadable,
                                    node.at,
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
                                return diags;
                            }
                        }
                    }
                    tree.nodes.push(node);
                    let i = tree.nodes.len() - 1;
                    if is_empty {
                        self.close(i, &mut tree, &stack, &mut diags, &mut cases_seen, sink);
                    } else {
                        stack.push(i);
                    }
                }
                Event::End(_) => {
                    if let Some(i) = stack.pop() {
                        self.close(i, &mut tree, &stack, &mut diags, &mut cases_seen, sink);
                    }
                }
                Event::Text(t) => {
                    if let Some(&top) = stack.last() {
                        push_text(&mut tree.nodes[top].text, t.xml10_content());
                    }
                }
                Event::CData(t) => {
                    if let Some(&top) = stack.last() {
                        push_text(&mut tree.nodes[top].text, t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(&top) = stack.last() {
                        let to = &mut tree.nodes[top].text;
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => push_text(to, Cow::Owned(c.to_string())),
                            _ => {
                                let name: &str = &r;
                                match quick_xml::escape::resolve_predefined_entity(name) {
                                    Some(s) => push_text(to, Cow::Borrowed(s)),
                                    // Custom entities are never expanded (no entity bombs).
                                    None => push_text(to, Cow::Owned(format!("&{name};"))),
                                }
                            }
                        }
                    }
                }
                Event::Eof => {
                    if let Some(&open) = stack.last() {
                        let open = &tree.nodes[open];
                        diags.push(Diagnostic::new(
                            f002,
                            Lines::new(text).place(text, text.len()),
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
                        diags.push(Diagnostic::new(
                            DiagnosticKind::Unreadable,
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
        diags
    }

    /// Closes element `i` (the last open one): it stays in the arena as its parent's child,
    /// or, a finished `<Case>`, is turned into a case and cut off the arena.
    fn close<'t>(
        &self,
        i: usize,
        tree: &mut Tree<'t>,
        stack: &[usize],
        diags: &mut Vec<Diagnostic>,
        cases_seen: &mut usize,
        sink: &mut dyn FnMut(Case, Vec<Diagnostic>),
    ) {
        tree.nodes[i].end = tree.nodes.len();
        let node = &tree.nodes[i];
        if node.canon == Some(C::Case) {
            *cases_seen += 1;
            let mut case_diags = Vec::new();
            let case = self.to_case(El { tree, i }, &mut case_diags);
            sink(case, case_diags);
            let attrs_start = tree.nodes[i].attrs_start;
            tree.nodes.truncate(i);
            tree.attrs.truncate(attrs_start);
            return;
        }
        if stack.is_empty() && node.canon == Some(C::Cases) && *cases_seen == 0 {
            diags.push(Diagnostic::new(
                DiagnosticKind::UnknownField,
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

fn line_of(p: &Place) -> u32 {
    match p {
        Place::Line { line, .. } => *line,
        _ => 0,
    }
}

/// A scalar value found as an attribute or a child element.
struct Scalar<'n> {
    text: &'n str,
    at: Place,
}

/// The children of a closed element, in order.
struct Children<'a, 't> {
    tree: &'a Tree<'t>,
    next: usize,
    end: usize,
}

impl<'a, 't> Iterator for Children<'a, 't> {
    type Item = El<'a, 't>;
    fn next(&mut self) -> Option<El<'a, 't>> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next;
        self.next = self.tree.nodes[i].end;
        Some(El { tree: self.tree, i })
    }
}

impl<'a, 't> El<'a, 't> {
    fn node(self) -> &'a Node<'t> {
        &self.tree.nodes[self.i]
    }
    fn raw(self) -> &'a str {
        &self.node().raw
    }
    fn canon(self) -> Option<Canon> {
        self.node().canon
    }
    fn at(self) -> &'a Place {
        &self.node().at
    }
    /// The element's own text, trimmed.
    fn text(self) -> &'a str {
        crate::text::trim(&self.node().text)
    }
    fn attrs(self) -> &'a [Attr<'t>] {
        let n = self.node();
        &self.tree.attrs[n.attrs_start..n.attrs_end]
    }
    fn children(self) -> Children<'a, 't> {
        Children {
            tree: self.tree,
            next: self.i + 1,
            end: self.node().end,
        }
    }
    /// The first attribute or child with this canonical name.
    fn get(self, canon: Canon) -> Option<Scalar<'a>> {
        if let Some(a) = self.attrs().iter().find(|a| a.canon == Some(canon)) {
            return Some(Scalar {
                text: crate::text::trim(&a.value),
                at: self.at().clone(),
            });
        }
        self.child(canon).map(|c| Scalar {
            text: c.text(),
            at: c.at().clone(),
        })
    }
    fn child(self, canon: Canon) -> Option<El<'a, 't>> {
        self.children().find(|c| c.canon() == Some(canon))
    }
    fn children_named(self, canon: Canon) -> impl Iterator<Item = El<'a, 't>> {
        self.children().filter(move |c| c.canon() == Some(canon))
    }
}

/// Canonical names each element may hold; anything else is reported as F005.
const CASE_KEYS: &[Canon] = &[
    C::CaseNo,
    C::Agency,
    C::Procedure,
    C::Party,
    C::Violation,
    C::Officers,
    C::Officer,
    C::Documents,
    C::Document,
];
const PARTY_KEYS: &[Canon] = &[
    C::Kind,
    C::Name,
    C::CreditCode,
    C::IdNumber,
    C::Address,
    C::Representative,
];
const VIOLATION_KEYS: &[Canon] = &[
    C::Date,
    C::FoundDate,
    C::Facts,
    C::ViolatedProvision,
    C::Circumstance,
    C::EndDate,
    C::Harm,
];
const DOCUMENT_KEYS: &[Canon] = &[
    C::Kind,
    C::Date,
    C::No,
    C::Days,
    C::Amount,
    C::Officers,
    C::Officer,
    C::Rights,
    C::Basis,
    C::Penalty,
    C::Payment,
    C::Remedy,
    C::Seal,
    C::Name,
];
const OFFICER_KEYS: &[Canon] = &[C::CertNo, C::Name];
const PENALTY_KEYS: &[Canon] = &[C::Kind, C::Amount, C::Days];

impl<'a> XmlReader<'a> {
    fn unknown(&self, node: El, allowed: &[Canon], out: &mut Vec<Diagnostic>) {
        let info = DiagnosticKind::UnknownField;
        for a in node.attrs() {
            if !a.canon.is_some_and(|c| allowed.contains(&c)) {
                out.push(Diagnostic::new(
                    info,
                    node.at().clone(),
                    format!("@{}", a.raw),
                    match self.lang {
                        Lang::Zh => {
                            format!("<{}> 的属性“{}”未识别，其内容不会被检查", node.raw(), a.raw)
                        }
                        Lang::En => format!(
                            "attribute `{}` of <{}> is not known; it is not checked",
                            a.raw,
                            node.raw()
                        ),
                    },
                ));
            }
        }
        for c in node.children() {
            if !c.canon().is_some_and(|n| allowed.contains(&n)) {
                out.push(Diagnostic::new(
                    info,
                    c.at().clone(),
                    c.raw(),
                    match self.lang {
                        Lang::Zh => format!(
                            "<{}> 中的元素 <{}> 未识别，其内容不会被检查",
                            node.raw(),
                            c.raw()
                        ),
                        Lang::En => format!(
                            "element <{}> in <{}> is not known; it is not checked",
                            c.raw(),
                            node.raw()
                        ),
                    },
                ));
            }
        }
    }

    fn text_field(&self, node: El, canon: Canon) -> Field<String> {
        match node.get(canon) {
            None => Field::Absent,
            Some(s) if s.text.is_empty() => Field::Empty { at: s.at },
            Some(s) => Field::Value {
                value: s.text.to_string(),
                at: s.at,
            },
        }
    }

    /// Parses a scalar with `parse`; an unreadable value becomes `Invalid` plus an F006.
    fn parsed<T, E: std::fmt::Display>(
        &self,
        node: El,
        canon: Canon,
        what: (&str, &str),
        parse: impl Fn(&str) -> Result<T, E>,
        out: &mut Vec<Diagnostic>,
    ) -> Field<T> {
        match node.get(canon) {
            None => Field::Absent,
            Some(s) if s.text.is_empty() => Field::Empty { at: s.at },
            Some(s) => match parse(s.text) {
                Ok(v) => Field::Value { value: v, at: s.at },
                Err(_) => {
                    out.push(Diagnostic::new(
                        DiagnosticKind::UnparseableValue,
                        s.at.clone(),
                        format!("{}:{}", node.raw(), canon.as_str()),
                        match self.lang {
                            Lang::Zh => {
                                format!("<{}> 的{}“{}”无法识别", node.raw(), what.0, s.text)
                            }
                            Lang::En => format!(
                                "the {} `{}` of <{}> cannot be read",
                                what.1,
                                s.text,
                                node.raw()
                            ),
                        },
                    ));
                    Field::Invalid {
                        raw: s.text.to_string(),
                        at: s.at,
                    }
                }
            },
        }
    }

    fn date(&self, node: El, canon: Canon, out: &mut Vec<Diagnostic>) -> Field<chrono::NaiveDate> {
        self.parsed(node, canon, ("日期", "date"), values::parse_date, out)
    }

    fn to_case(&self, node: El, out: &mut Vec<Diagnostic>) -> Case {
        let mut case = Case::new(self.file, SourceKind::Xml, node.at().clone());
        self.unknown(node, CASE_KEYS, out);
        case.case_no = self.text_field(node, C::CaseNo);
        case.agency = self.text_field(node, C::Agency);
        case.procedure = self
            .text_field(node, C::Procedure)
            .map(|p| values::parse_procedure(&p));
        if let Some(p) = node.child(C::Party) {
            self.unknown(p, PARTY_KEYS, out);
            case.party = Party {
                kind: self.parsed(
                    p,
                    C::Kind,
                    ("当事人类型", "party kind"),
                    values::parse_party_kind,
                    out,
                ),
                name: self.text_field(p, C::Name),
                credit_code: self.text_field(p, C::CreditCode),
                id_number: self.text_field(p, C::IdNumber),
                address: self.text_field(p, C::Address),
                representative: self.text_field(p, C::Representative),
            };
        }
        if let Some(v) = node.child(C::Violation) {
            self.unknown(v, VIOLATION_KEYS, out);
            case.violation = Violation {
                date: self.date(v, C::Date, out),
                end_date: self.date(v, C::EndDate, out),
                found_date: self.date(v, C::FoundDate, out),
                facts: self.text_field(v, C::Facts),
                violated: self.text_field(v, C::ViolatedProvision),
                circumstance: self.parsed(
                    v,
                    C::Circumstance,
                    ("违法情节", "circumstance"),
                    |s| Circumstance::parse(s).ok_or(()).map_err(|_| "circumstance"),
                    out,
                ),
                harm: self.text_field(v, C::Harm),
            };
        }
        if let Some(o) = node.child(C::Officers) {
            case.officers = Field::Value {
                value: self.officers(o, out),
                at: o.at().clone(),
            };
        } else if node.child(C::Officer).is_some() {
            case.officers = Field::Value {
                value: self.officers(node, out),
                at: node.at().clone(),
            };
        }
        // 文书 may name the container or one document: a 文书 holding documents is a container.
        let is_container = |c: &El| {
            c.canon() == Some(C::Documents)
                || (c.canon() == Some(C::Document)
                    && c.children_named(C::Document).next().is_some())
        };
        if node.children().any(|c| is_container(&c)) {
            case.coverage = Coverage::All;
        }
        for container in node.children().filter(is_container) {
            for d in container.children() {
                if d.canon() == Some(C::Document) {
                    case.documents.push(self.document(d, out));
                } else {
                    self.unknown(container, &[C::Document], out);
                }
            }
        }
        for d in node.children_named(C::Document) {
            if d.children_named(C::Document).next().is_none() {
                case.coverage = Coverage::All;
                case.documents.push(self.document(d, out));
            }
        }
        case
    }

    fn officers(&self, container: El, out: &mut Vec<Diagnostic>) -> Vec<Officer> {
        container
            .children_named(C::Officer)
            .map(|o| {
                self.unknown(o, OFFICER_KEYS, out);
                let name = match o.get(C::Name) {
                    Some(n) => n.text.to_string(),
                    None => o.text().to_string(),
                };
                let cert = o
                    .get(C::CertNo)
                    .map(|c| c.text.to_string())
                    .filter(|c| !c.is_empty());
                Officer {
                    name,
                    cert,
                    at: o.at().clone(),
                }
            })
            .collect()
    }

    fn document(&self, d: El, out: &mut Vec<Diagnostic>) -> Document {
        self.unknown(d, DOCUMENT_KEYS, out);
        let raw_kind = d
            .get(C::Kind)
            .or_else(|| d.get(C::Name))
            .map(|s| s.text.to_string())
            .unwrap_or_default();
        let mut doc = Document {
            kind: self.aliases.documents.lookup(&raw_kind).map(str::to_string),
            raw_kind,
            at: d.at().clone(),
            date: self.date(d, C::Date, out),
            no: self.text_field(d, C::No),
            amount: self.parsed(d, C::Amount, ("金额", "amount"), values::parse_amount, out),
            days: self.parsed(d, C::Days, ("天数", "day count"), values::parse_days, out),
            payment: self.text_field(d, C::Payment),
            remedy: self.text_field(d, C::Remedy),
            seal: self.parsed(d, C::Seal, ("印章", "seal"), values::parse_bool, out),
            ..Default::default()
        };
        if let Some(o) = d.child(C::Officers) {
            doc.officers = Some(self.officers(o, out));
        } else if d.child(C::Officer).is_some() {
            doc.officers = Some(self.officers(d, out));
        }
        doc.rights = self.text_field(d, C::Rights).map(|r| {
            r.split(|c: char| ",，、;；/ ".contains(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        });
        let bases: Vec<Located<String>> = d
            .attrs()
            .iter()
            .filter(|a| a.canon == Some(C::Basis))
            .map(|a| (a.value.trim().to_string(), d.at().clone()))
            .chain(
                d.children_named(C::Basis)
                    .map(|b| (b.text().to_string(), b.at().clone())),
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
            .children_named(C::Penalty)
            .map(|p| {
                self.unknown(p, PENALTY_KEYS, out);
                let raw_kind = p
                    .get(C::Kind)
                    .map(|k| k.text.to_string())
                    .unwrap_or_else(|| p.text().to_string());
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
                        C::Amount,
                        ("罚款金额", "fine amount"),
                        values::parse_amount,
                        out,
                    ),
                    days: self.parsed(p, C::Days, ("天数", "day count"), values::parse_days, out),
                    at: p.at().clone(),
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

#[cfg(test)]
mod tests;
