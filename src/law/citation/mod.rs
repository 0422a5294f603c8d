//! Statute citations in free text: `《中华人民共和国消防法》第六十条第一款第三项`,
//! `消防法第60条第1款第(3)项`, `《消防法》（2019年修正）第六十条第一款第（三）项、第二款`.
//!
//! The 处罚依据 of a decision is free text, and the statute checks (L001–L011) need it as
//! (law, article, paragraph, item). The parser reports what is written — it does not judge
//! whether the provision exists or fits the case; that is the statute checks' job. Anything
//! that looks like a provision but cannot be read goes to [`ParsedBasis::unparsed`] so that
//! L002 can say so instead of the text being silently ignored.
//!
//! It scans width- and traditional-folded text ([`super::laws::fold`], one char per char) and
//! maps char positions back to byte offsets of the original text, so spans point into what the
//! user wrote.
//!
//! This module holds what a parse produces (`Citation`, `ParsedBasis`), how a citation is
//! written back, and the per-thread cache; `scan` is the parser itself.

mod scan;
#[cfg(test)]
mod tests;

pub use scan::parse_basis;

use super::laws::Laws;
use chrono::NaiveDate;
use serde::Serialize;
use std::ops::Range;

/// One provision cited in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The law's registry id; `None` when the name is not in `laws.toml`.
    pub law_id: Option<String>,
    /// The law's name as written, without 《》 and without a version in brackets.
    pub law_name: String,
    /// 条.
    pub article: u32,
    /// 款.
    pub paragraph: Option<u32>,
    /// 项 (under the paragraph, or directly under the article when `paragraph` is `None`).
    pub item: Option<u32>,
    /// A version written beside the law name: `(2021年4月29日施行)` gives that date. A version
    /// given by year only (`2019年修正`) gives 31 December of that year, and by year and month
    /// the last day of the month: "the latest version adopted on or before this date" then
    /// picks the amendment the text names (1 January would pick the version before it).
    #[serde(serialize_with = "ser_date")]
    pub version: Option<NaiveDate>,
    /// Byte range in the original text. The first provision after a law name includes the
    /// name (and its version); later ones that inherit the law cover only their own words.
    pub span: Range<usize>,
    /// The original text of `span`.
    pub text: String,
}

/// Everything found in a basis text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedBasis {
    pub citations: Vec<Citation>,
    /// Laws named with no provision at all (`《中华人民共和国消防法》相关规定`), as written.
    pub laws_without_article: Vec<String>,
    /// Fragments that look like a provision but could not be read (`第X条`, `第十六条之一`,
    /// `第二款` with no article before it, a provision with no law named before it).
    pub unparsed: Vec<String>,
}

fn ser_date<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&d.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}

impl Citation {
    /// Canonical Chinese form, `《消防法》第六十条第一款第三项`, with the law's short name
    /// from the shipped registry when the law is known.
    pub fn display_zh(&self) -> String {
        self.display_zh_in(Laws::shipped_static())
    }

    /// [`Citation::display_zh`] with names from the given registry.
    pub fn display_zh_in(&self, laws: &Laws) -> String {
        let name = self
            .law_id
            .as_deref()
            .and_then(|id| laws.get(id))
            .map(|l| l.display_name().to_string())
            .unwrap_or_else(|| self.law_name.clone());
        let mut s = format!("《{name}》第{}条", to_cn_numeral(self.article));
        if let Some(p) = self.paragraph {
            s.push_str(&format!("第{}款", to_cn_numeral(p)));
        }
        if let Some(i) = self.item {
            s.push_str(&format!("第{}项", to_cn_numeral(i)));
        }
        s
    }

    /// English form, `Fire Law art. 60 ¶1 (3)`; an unknown law keeps its name as written.
    pub fn display_en(&self) -> String {
        self.display_en_in(Laws::shipped_static())
    }

    /// [`Citation::display_en`] with names from the given registry.
    pub fn display_en_in(&self, laws: &Laws) -> String {
        let name = self
            .law_id
            .as_deref()
            .and_then(|id| laws.get(id))
            .map(|l| l.en.clone())
            .unwrap_or_else(|| self.law_name.clone());
        let mut s = format!("{name} art. {}", self.article);
        if let Some(p) = self.paragraph {
            s.push_str(&format!(" ¶{p}"));
        }
        if let Some(i) = self.item {
            s.push_str(&format!(" ({i})"));
        }
        s
    }
}

/// Writes a number in Chinese numerals as statutes do: 六十, 十五, 一百零五, 一百一十.
pub fn to_cn_numeral(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    // One four-digit section; `pad` when a higher section precedes, so leading zeros show.
    fn section(n: u32, pad: bool, out: &mut String) {
        let mut zero = false;
        let mut started = false;
        for (unit, name) in [
            (1000, Some('千')),
            (100, Some('百')),
            (10, Some('十')),
            (1, None),
        ] {
            let d = (n / unit % 10) as usize;
            if d == 0 {
                zero |= started || pad;
                continue;
            }
            if zero {
                out.push('零');
                zero = false;
            }
            out.push(DIGITS[d]);
            out.extend(name);
            started = true;
        }
    }
    if n == 0 {
        return "零".to_string();
    }
    let (yi, wan, rest) = (n / 100_000_000, n / 10_000 % 10_000, n % 10_000);
    let mut out = String::new();
    if yi > 0 {
        section(yi, false, &mut out);
        out.push('亿');
    }
    if wan > 0 {
        section(wan, yi > 0, &mut out);
        out.push('万');
    } else if yi > 0 && rest >= 1000 {
        out.push('零');
    }
    if rest > 0 {
        section(rest, yi > 0 || wan > 0, &mut out);
    }
    // 十五, not 一十五, at the head of the number.
    if out.starts_with("一十") {
        out.remove(0);
    }
    out
}

/// [`parse_basis`] with a per-thread cache: the same basis texts recur across a year of case
/// files, and several rules read the same text.
pub fn parse_basis_cached(text: &str, laws: &Laws) -> std::rc::Rc<ParsedBasis> {
    thread_local! {
        static CACHE: std::cell::RefCell<TextMemo<std::rc::Rc<ParsedBasis>>> = Default::default();
    }
    CACHE.with(|c| TextMemo::get_or(c, laws, text, || std::rc::Rc::new(parse_basis(text, laws))))
}

/// Answers by text, kept per thread for one law registry (a different registry, as in a test
/// that loads its own data, starts over). Bounded: cleared when full, so hostile input cannot
/// grow it. A hit is looked up by `&str` and allocates nothing.
pub struct TextMemo<V> {
    registry: u64,
    answers: crate::fastmap::FastMap<String, V>,
}

impl<V> Default for TextMemo<V> {
    fn default() -> Self {
        TextMemo {
            registry: 0,
            answers: Default::default(),
        }
    }
}

impl<V: Clone> TextMemo<V> {
    const LIMIT: usize = 8192;

    /// The answer for `text` under `laws`; `compute` runs on a miss, outside the borrow (it may
    /// use other memos).
    pub fn get_or(
        cell: &std::cell::RefCell<Self>,
        laws: &Laws,
        text: &str,
        compute: impl FnOnce() -> V,
    ) -> V {
        let registry = laws.id();
        {
            let memo = cell.borrow();
            if memo.registry == registry {
                if let Some(v) = memo.answers.get(text) {
                    return v.clone();
                }
            }
        }
        let v = compute();
        let mut memo = cell.borrow_mut();
        if memo.registry != registry || memo.answers.len() >= Self::LIMIT {
            memo.registry = registry;
            memo.answers.clear();
        }
        memo.answers.insert(text.to_string(), v.clone());
        v
    }
}
