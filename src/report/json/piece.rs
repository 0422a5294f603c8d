//! The long lists' elements written straight to bytes. serde_json's pretty printer calls its
//! formatter for every bracket, comma and indent and escapes strings a byte at a time; a
//! ledger's 10⁵ cases are some 60 lines each, and that was most of the report's time. The bytes
//! are serde_json's exactly (the tests hold them equal), so the document does not change.

use super::{CaseOut, FindingOut, InputOut, NotChecked, Pretty};
use std::cell::RefCell;
use std::io;

/// An element of a long list: serialized by serde (for [`super::document`]) and written by
/// [`Piece::write_at`] (for the document's text).
pub(super) trait Piece: serde::Serialize + Sized {
    /// The element as serde_json pretty-prints it, its first line already placed at `level`.
    fn write_at(&self, level: usize, buf: &mut Vec<u8>) -> io::Result<()> {
        Pretty::encode(self, level, buf)
    }
}

impl Piece for InputOut {}

impl Piece for FindingOut<'_> {
    fn write_at(&self, level: usize, buf: &mut Vec<u8>) -> io::Result<()> {
        let mut o = Obj::open(buf, level);
        o.key("code").str(self.code)?;
        o.key("name").str(self.name)?;
        o.key("severity").str(self.severity)?;
        o.key("category").str(self.category)?;
        o.key("case_no").opt_str(self.case_no.as_deref())?;
        o.key("file").str(self.file)?;
        o.key("line").opt_uint(self.line);
        o.key("column").opt_uint(self.column);
        o.key("sheet").opt_str(self.sheet)?;
        o.key("cell").opt_str(self.cell.as_deref())?;
        if let Some(p) = self.paragraph {
            o.key("paragraph").uint(p.into());
        }
        o.key("message").str(self.message)?;
        o.key("basis").str(self.basis)?;
        o.key("help").str(self.help)?;
        o.key("subject").str(self.subject)?;
        o.key("fingerprint").str(&self.fingerprint)?;
        o.key("waived").bool(self.waived);
        o.key("waiver_reason")
            .opt_str(self.waiver_reason.as_deref())?;
        o.key("evidence").str(self.evidence)?;
        o.close();
        Ok(())
    }
}

impl Piece for CaseOut<'_> {
    fn write_at(&self, level: usize, buf: &mut Vec<u8>) -> io::Result<()> {
        let mut o = Obj::open(buf, level);
        o.key("case_no").opt_str(self.case_no.as_deref())?;
        o.key("file").str(&self.file)?;
        o.key("at").str(&self.at)?;
        o.key("brigade").str(&self.brigade)?;
        o.key("findings").uint(self.findings as u64);
        o.key("score").value(&self.score)?;
        o.key("grade").str(self.grade)?;
        let l = o.level + 1;
        list(o.key("veto").buf, l, &self.veto, |b, _, v| string(b, v))?;
        list(o.key("deductions").buf, l, &self.deductions, |b, l, d| {
            let mut o = Obj::open(b, l);
            o.key("code").str(&d.code)?;
            o.key("count").uint(d.count as u64);
            o.key("points").value(&d.points)?;
            o.key("capped").bool(d.capped);
            o.close();
            Ok(())
        })?;
        o.key("decision_only").bool(self.decision_only);
        not_checked(o.key("not_checked").buf, l, &self.not_checked)?;
        list(
            o.key("inferred_missing").buf,
            l,
            &self.inferred_missing,
            |b, _, s| string(b, s),
        )?;
        list(o.key("also_at").buf, l, &self.also_at, |b, _, s| {
            string(b, s)
        })?;
        o.close();
        Ok(())
    }
}

/// A `not_checked` list written: its level, its elements and its text.
type Written = (usize, Vec<NotChecked>, Vec<u8>);

thread_local! {
    /// The `not_checked` lists this thread wrote lately: a ledger's rows lack one of a few sets
    /// of inputs, and the list is most of a case's text.
    static SEEN: RefCell<Vec<Written>> = const { RefCell::new(Vec::new()) };
}

/// Lists kept in [`SEEN`]; past this the lists are dropped and kept afresh.
const SEEN_LISTS: usize = 16;

/// A case's `not_checked` list, copied from one written before when it is the same.
fn not_checked(buf: &mut Vec<u8>, level: usize, items: &[NotChecked]) -> io::Result<()> {
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some((_, _, text)) = seen
            .iter()
            .find(|(at, list, _)| *at == level && list[..] == *items)
        {
            buf.extend_from_slice(text);
            return Ok(());
        }
        let mut text = Vec::new();
        list(&mut text, level, items, |b, l, n| {
            let mut o = Obj::open(b, l);
            o.key("rule").str(&n.rule)?;
            o.key("input").str(&n.input)?;
            o.close();
            Ok(())
        })?;
        buf.extend_from_slice(&text);
        if seen.len() == SEEN_LISTS {
            seen.clear();
        }
        seen.push((level, items.to_vec(), text));
        Ok(())
    })
}

/// An object being written whose first line is at `level`: its members go one level deeper.
struct Obj<'b> {
    buf: &'b mut Vec<u8>,
    level: usize,
    first: bool,
}

impl<'b> Obj<'b> {
    fn open(buf: &'b mut Vec<u8>, level: usize) -> Obj<'b> {
        buf.push(b'{');
        Obj {
            buf,
            level,
            first: true,
        }
    }

    /// The next member's key; its value follows through the returned writer.
    fn key(&mut self, key: &str) -> Val<'_> {
        Pretty::key_into(self.buf, self.level + 1, key, self.first);
        self.first = false;
        Val { buf: self.buf }
    }

    fn close(self) {
        if !self.first {
            Pretty::newline(self.buf, self.level);
        }
        self.buf.push(b'}');
    }
}

/// Where one value goes.
struct Val<'b> {
    buf: &'b mut Vec<u8>,
}

impl Val<'_> {
    fn str(self, s: &str) -> io::Result<()> {
        string(self.buf, s)
    }
    fn opt_str(self, s: Option<&str>) -> io::Result<()> {
        match s {
            Some(s) => string(self.buf, s),
            None => {
                self.buf.extend_from_slice(b"null");
                Ok(())
            }
        }
    }
    fn uint(self, n: u64) {
        uint(self.buf, n);
    }
    fn opt_uint(self, n: Option<u32>) {
        match n {
            Some(n) => uint(self.buf, n.into()),
            None => self.buf.extend_from_slice(b"null"),
        }
    }
    fn bool(self, b: bool) {
        self.buf
            .extend_from_slice(if b { b"true" } else { b"false" });
    }
    /// A scalar JSON value (a score): compact and pretty printing write it alike.
    fn value(self, v: &serde_json::Value) -> io::Result<()> {
        serde_json::to_writer(&mut *self.buf, v).map_err(io::Error::other)
    }
}

/// A list whose first line is at `level`: `[]` when empty, else one element per line a level
/// deeper, each written by `each` (given the element's level).
fn list<T>(
    buf: &mut Vec<u8>,
    level: usize,
    items: &[T],
    mut each: impl FnMut(&mut Vec<u8>, usize, &T) -> io::Result<()>,
) -> io::Result<()> {
    if items.is_empty() {
        buf.extend_from_slice(b"[]");
        return Ok(());
    }
    buf.push(b'[');
    for (k, item) in items.iter().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        Pretty::newline(buf, level + 1);
        each(buf, level + 1, item)?;
    }
    Pretty::newline(buf, level);
    buf.push(b']');
    Ok(())
}

/// A JSON string as serde_json writes it: a text with nothing to escape (no quote, backslash
/// or control character, the common case) is copied whole; any other goes through serde_json.
fn string(buf: &mut Vec<u8>, s: &str) -> io::Result<()> {
    // No early exit: the loop over the bytes vectorizes.
    let escape = s
        .bytes()
        .fold(false, |e, b| e | (b < 0x20) | (b == b'"') | (b == b'\\'));
    if escape {
        return serde_json::to_writer(&mut *buf, s).map_err(io::Error::other);
    }
    buf.reserve(s.len() + 2);
    buf.push(b'"');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'"');
    Ok(())
}

/// A whole number in decimal.
fn uint(buf: &mut Vec<u8>, n: u64) {
    buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::super::{CaseOut, DeductionOut, FindingOut, NotChecked, Pretty};
    use super::Piece;
    use serde_json::json;

    /// Texts that need escaping, and some that look as if they might.
    const TRICKY: &[&str] = &[
        "",
        "plain",
        "引号“中文”",
        "say \"hi\"",
        "back\\slash",
        "line\nbreak\r\ttab",
        "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}",
        "\u{2028}\u{2029} separators",
        "🚒 emoji, é, ﬁ",
        "/ slash </script>",
        "顺消行罚决字〔2022〕第0219号",
    ];

    /// The escaper gives serde_json's bytes for every tricky text.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in TRICKY {
            let mut got = Vec::new();
            super::string(&mut got, s).unwrap();
            assert_eq!(got, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
        for n in [0, 7, 10, 99, 100, 12345, u64::MAX] {
            let mut got = Vec::new();
            super::uint(&mut got, n);
            assert_eq!(got, serde_json::to_vec(&n).unwrap());
        }
    }

    fn same(piece: &impl Piece) {
        for level in 0..4 {
            let mut want = Vec::new();
            Pretty::encode(piece, level, &mut want).unwrap();
            let mut got = Vec::new();
            piece.write_at(level, &mut got).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap(),
                "level {level}"
            );
        }
    }

    /// A case written directly is serde_json's pretty text of it, with lists empty and full.
    #[test]
    fn a_case_is_written_as_serde_json_writes_it() {
        for (k, s) in TRICKY.iter().enumerate() {
            let full = k % 2 == 1;
            let n = |v: Vec<String>| if full { v } else { Vec::new() };
            let case = CaseOut {
                case_no: (k % 3 != 0).then(|| s.to_string()),
                file: format!("dir/{s}.xml"),
                at: s.to_string(),
                brigade: s.to_string(),
                findings: k * 1000,
                score: if full { json!(87.5) } else { json!(100) },
                grade: s,
                veto: n(vec![s.to_string(), "L001".into()]),
                deductions: if full {
                    vec![
                        DeductionOut {
                            code: s.to_string(),
                            count: 2,
                            points: json!(2.5),
                            capped: true,
                        },
                        DeductionOut {
                            code: "P003".into(),
                            count: 1,
                            points: json!(10),
                            capped: false,
                        },
                    ]
                } else {
                    Vec::new()
                },
                decision_only: full,
                not_checked: if full {
                    vec![
                        NotChecked {
                            rule: "P006".into(),
                            input: "听证通知日期".into(),
                        },
                        NotChecked {
                            rule: crate::model::intern::Text::Own(s.to_string()),
                            input: crate::model::intern::Text::Own(s.to_string()),
                        },
                    ]
                } else {
                    Vec::new()
                },
                inferred_missing: if full {
                    vec!["decided_on", "fine"]
                } else {
                    vec![]
                },
                also_at: n(vec![s.to_string()]),
            };
            same(&case);
        }
    }

    /// A finding written directly is serde_json's pretty text of it, in every kind of place.
    #[test]
    fn a_finding_is_written_as_serde_json_writes_it() {
        use crate::finding::{Category, Evidence, Finding, Place, Severity};
        let rules = Default::default();
        let result = Default::default();
        let run = crate::report::Run {
            result: &result,
            lang: crate::finding::Lang::Zh,
            rules: &rules,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let places = [
            Place::File,
            Place::line(12, 5),
            Place::cell("2022 \"表\"", 7, 30),
            Place::Paragraph(3),
        ];
        for (k, s) in TRICKY.iter().enumerate() {
            let f = Finding {
                code: "F006".into(),
                severity: Severity::Warning,
                category: Category::File,
                case_no: (k % 2 == 0).then(|| s.to_string()),
                file: format!("ledger/{s}.xlsx"),
                place: places[k % places.len()].clone(),
                message: s.to_string(),
                basis: s.to_string(),
                help: s.to_string(),
                subject: s.to_string(),
                waived: (k % 3 == 0).then(|| s.to_string()),
                evidence: Evidence::LedgerBlank,
            };
            same(&FindingOut::new(&run, &f));
        }
    }
}
