//! Texts every case repeats, kept once per run: the (rule, missing input) pairs a case could not
//! be checked for. A ledger of 10⁵ rows names the same dozen pairs on every row; a case keeps
//! them as shared texts, and its record in the spill keeps their numbers.
//!
//! The texts come from the rules and the loaded data (rule codes, input names such as
//! 决定日期), never from the files read, so the table stays small; it is capped all the same,
//! and a text past the cap is kept in the case and written out in full.

use serde::de::Deserializer;
use serde::ser::{SerializeSeq, Serializer};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Mutex;

/// A text shared through the table (with its number), or past the cap the case's own.
/// Compares, orders and hashes as its text; serializes as its text (JSON), while the spill
/// writes the number ([`pairs`]).
#[derive(Clone)]
pub enum Text {
    Shared(u32, &'static str),
    Own(String),
}

impl Text {
    pub fn as_str(&self) -> &str {
        match self {
            Text::Shared(_, t) => t,
            Text::Own(t) => t,
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, o: &Text) -> bool {
        match (self, o) {
            (Text::Shared(a, _), Text::Shared(b, _)) => a == b,
            _ => self.as_str() == o.as_str(),
        }
    }
}
impl Eq for Text {}
impl PartialOrd for Text {
    fn partial_cmp(&self, o: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Text {
    fn cmp(&self, o: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(o.as_str())
    }
}
impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}
impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}
impl From<&str> for Text {
    fn from(s: &str) -> Text {
        shared(s)
    }
}
impl PartialEq<str> for Text {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}
impl serde::Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Distinct texts kept: far more than the rules and data name.
const CAP: usize = 1 << 16;

type Ids = crate::fastmap::FastMap<&'static str, u32>;

/// The run's table: each text leaked once, numbered in the order first seen.
#[derive(Default)]
struct Table {
    ids: Ids,
    texts: Vec<&'static str>,
}

static TABLE: Mutex<Option<Table>> = Mutex::new(None);

thread_local! {
    /// This thread's copy of the part of the table it has used: the lock is taken on a miss.
    static LOCAL: RefCell<Table> = RefCell::new(Table::default());
}

fn with_table<R>(f: impl FnOnce(&mut Table) -> R) -> R {
    let mut t = TABLE.lock().unwrap_or_else(|p| p.into_inner());
    f(t.get_or_insert_with(Table::default))
}

/// `s`'s number and the table's copy of it (added if new), or `None` once the table is full.
fn lookup(s: &str) -> Option<(u32, &'static str)> {
    LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        if let Some((&text, &id)) = l.ids.get_key_value(s) {
            return Some((id, text));
        }
        let (id, text) = with_table(|t| {
            if let Some((&text, &id)) = t.ids.get_key_value(s) {
                return Some((id, text));
            }
            if t.texts.len() >= CAP {
                return None;
            }
            let text: &'static str = Box::leak(s.to_owned().into_boxed_str());
            let id = t.texts.len() as u32;
            t.texts.push(text);
            t.ids.insert(text, id);
            Some((id, text))
        })?;
        l.ids.insert(text, id);
        Some((id, text))
    })
}

/// The text numbered `id`.
fn text(id: u32) -> Option<&'static str> {
    LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        if let Some(t) = l.texts.get(id as usize) {
            return Some(*t);
        }
        let known = l.texts.len();
        let more = with_table(|t| t.texts.get(known..).map(<[_]>::to_vec))?;
        l.texts.extend(more);
        l.texts.get(id as usize).copied()
    })
}

/// `s` as a shared text: no copy of its own once the table has it.
pub fn shared(s: &str) -> Text {
    match lookup(s) {
        Some((id, t)) => Text::Shared(id, t),
        None => Text::Own(s.to_owned()),
    }
}

/// One text in a record: its number, or past the cap the text itself.
#[derive(serde::Serialize, serde::Deserialize)]
enum Wire<'a> {
    Id(u32),
    Text(Cow<'a, str>),
}

fn wire(t: &Text) -> Wire<'_> {
    match t {
        Text::Shared(id, _) => Wire::Id(*id),
        Text::Own(s) => Wire::Text(Cow::Borrowed(s)),
    }
}

fn unwire<E: serde::de::Error>(w: Wire) -> Result<Text, E> {
    match w {
        Wire::Id(id) => text(id)
            .map(|t| Text::Shared(id, t))
            .ok_or_else(|| E::custom(format!("no shared text numbered {id}"))),
        Wire::Text(t) => Ok(Text::Own(t.into_owned())),
    }
}

/// (rule, input) pairs written as their numbers (`#[serde(with = "…::pairs")]`).
pub mod pairs {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[(Text, Text)], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for (a, b) in v {
            seq.serialize_element(&(wire(a), wire(b)))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(Text, Text)>, D::Error> {
        struct Pairs;
        impl<'de> serde::de::Visitor<'de> for Pairs {
            type Value = Vec<(Text, Text)>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("(rule, input) pairs")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some((a, b)) = seq.next_element::<(Wire, Wire)>()? {
                    v.push((unwire(a)?, unwire(b)?));
                }
                Ok(v)
            }
        }
        d.deserialize_seq(Pairs)
    }
}

/// The pairs as [`pairs`] writes them, for a record encoded field by field.
pub struct Pairs<'a>(pub &'a [(Text, Text)]);

impl serde::Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        pairs::serialize(self.0, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_texts_read_back_as_written() {
        let v: Vec<(Text, Text)> = vec![
            ("P010".into(), "决定日期".into()),
            ("P012".into(), shared("终了日期")),
            ("P010".into(), Text::Own("决定日期".to_string())),
        ];
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct R(#[serde(with = "pairs")] Vec<(Text, Text)>);
        let bytes = postcard::to_allocvec(&R(v.clone())).unwrap();
        assert_eq!(bytes, postcard::to_allocvec(&Pairs(&v)).unwrap());
        let back: R = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.0, v);
        // Read back, a shared text is the table's: one copy however many cases name it. A
        // text of its own (past the cap) is written out and read back in full.
        assert!(back.0[..2]
            .iter()
            .all(|(a, b)| matches!((a, b), (Text::Shared(..), Text::Shared(..)))));
        assert!(std::ptr::eq(
            back.0[0].1.as_ptr(),
            shared("决定日期").as_ptr()
        ));
        assert!(matches!(back.0[2].1, Text::Own(_)));
        // A text of its own equals the shared one.
        assert_eq!(Text::Own("P010".into()), shared("P010"));
        assert_eq!(
            shared("P010").cmp(&Text::Own("P011".into())),
            std::cmp::Ordering::Less
        );
        // Another thread reads the same numbers.
        let again = std::thread::spawn(move || postcard::from_bytes::<R>(&bytes).unwrap())
            .join()
            .unwrap();
        assert_eq!(again.0, v);
    }

    #[test]
    fn a_text_past_the_cap_is_written_out() {
        let w = Wire::Text(Cow::Borrowed("法制审核日期"));
        let bytes = postcard::to_allocvec(&w).unwrap();
        let back: Wire = postcard::from_bytes(&bytes).unwrap();
        let t = unwire::<postcard::Error>(back).unwrap();
        assert!(matches!(&t, Text::Own(s) if s == "法制审核日期"));
        let missing = postcard::to_allocvec(&Wire::Id(u32::MAX)).unwrap();
        let w: Wire = postcard::from_bytes(&missing).unwrap();
        assert!(unwire::<postcard::Error>(w).is_err());
    }
}
