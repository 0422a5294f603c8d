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

use super::laws::{fold, Laws};
use crate::text::{cn_integer, is_numeral_char};
use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

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
/// files, and several rules read the same text. Bounded; keyed by the law registry too.
pub fn parse_basis_cached(text: &str, laws: &Laws) -> std::rc::Rc<ParsedBasis> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;
    /// The registry the entries were parsed with, and text → parse (looked up by `&str`, so a
    /// hit allocates nothing).
    type Cache = (
        u64,
        HashMap<String, Rc<ParsedBasis>, foldhash::fast::FixedState>,
    );
    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new((0, HashMap::default()));
    }
    CACHE.with(|c| {
        let id = laws.id();
        {
            let cache = c.borrow();
            if cache.0 == id {
                if let Some(p) = cache.1.get(text) {
                    return p.clone();
                }
            }
        }
        let parsed = Rc::new(parse_basis(text, laws));
        let mut cache = c.borrow_mut();
        if cache.0 != id || cache.1.len() >= 8192 {
            cache.0 = id;
            cache.1.clear();
        }
        cache.1.insert(text.to_string(), parsed.clone());
        parsed
    })
}

/// Parses every citation in a basis text. Never panics; garbage gives an empty result.
pub fn parse_basis(text: &str, laws: &Laws) -> ParsedBasis {
    let mut chars: Vec<char> = fold(text).chars().collect();
    let mut offs: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    if chars.len() != offs.len() {
        // fold is one char per char today; if that ever changes, fold char by char.
        chars = text
            .chars()
            .map(|c| {
                let f = fold(c.encode_utf8(&mut [0; 4]));
                let mut it = f.chars();
                match (it.next(), it.next()) {
                    (Some(f), None) => f,
                    _ => c,
                }
            })
            .collect();
    }
    offs.push(text.len());
    Scanner {
        orig: text,
        chars,
        offs,
        laws,
        law: None,
        last: None,
        last_end: 0,
        out: ParsedBasis::default(),
    }
    .run()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Article,
    Paragraph,
    Item,
}

fn level_of(c: char) -> Option<Level> {
    match c {
        '条' => Some(Level::Article),
        '款' => Some(Level::Paragraph),
        '项' => Some(Level::Item),
        _ => None,
    }
}

/// One 第N条 / 第N款 / 第N项 / 第(N)项 / (N) piece.
enum Seg {
    Ok(Level, u32, usize),
    /// 第三、四项 / 第三至五项: several numbers sharing one 第 and one unit.
    Many(Level, Vec<u32>, usize),
    /// Looks like a provision but cannot be read; level if known, end.
    Bad(Option<Level>, usize),
    None,
}

/// The law a run of provisions belongs to.
struct LawCtx {
    name: String,
    id: Option<String>,
    version: Option<NaiveDate>,
    /// Char index where the name (with its 《) starts.
    start: usize,
    /// Char index right after the name and version, while no provision has followed yet.
    attach: Option<usize>,
    /// Some provision, readable or not, followed the name.
    touched: bool,
    /// Worth listing in `laws_without_article` if nothing follows.
    reportable: bool,
}

struct Scanner<'a> {
    orig: &'a str,
    /// Folded text, one char per original char.
    chars: Vec<char>,
    /// Byte offset of each char in `orig`, plus `orig.len()`.
    offs: Vec<usize>,
    laws: &'a Laws,
    law: Option<LawCtx>,
    /// Article and paragraph of the last citation under `law`, for 第二款 / 第四项 that follow.
    last: Option<(u32, Option<u32>)>,
    /// Char index after the last provision.
    last_end: usize,
    out: ParsedBasis,
}

/// Chars between citations that continue a list: a bare `(四)` after them is an item.
const SOFT_SEPARATORS: &str = "、,和及或者与以并";

/// Chars standing for a number that was not filled in (第X条, 第某条, 第__条).
fn is_placeholder(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_*?×某○□■-—…".contains(c) || is_numeral_char(c)
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Endings of titles of legal instruments, for `《…》` names not in the registry.
const LAW_ENDINGS: [&str; 11] = [
    "法", "条例", "规定", "办法", "标准", "规则", "细则", "决定", "解释", "规范", "意见",
];

fn looks_like_law(folded: &str) -> bool {
    let mut s = folded.trim();
    // 《…标准(试行)》
    if s.ends_with(')') {
        if let Some(open) = s.rfind('(') {
            s = s[..open].trim_end();
        }
    }
    LAW_ENDINGS.iter().any(|e| s.ends_with(e))
}

fn number(chars: &[char]) -> Option<u32> {
    let s: String = chars.iter().filter(|c| !c.is_whitespace()).collect();
    let n = cn_integer(&s)?;
    u32::try_from(n).ok().filter(|&n| n > 0)
}

impl Scanner<'_> {
    fn run(mut self) -> ParsedBasis {
        let mut i = 0;
        while i < self.chars.len() {
            let c = self.chars[i];
            let next = if c == '《' || c == '〈' {
                self.bracketed_law(i)
            } else {
                self.bare_law(i)
            };
            let next = next.or_else(|| {
                if c == '第' || c == '(' || is_numeral_char(c) {
                    self.unit(i)
                } else {
                    None
                }
            });
            i = next.unwrap_or(i + 1);
        }
        self.finish_law();
        self.out
    }

    fn skip_ws(&self, mut k: usize) -> usize {
        while k < self.chars.len() && self.chars[k].is_whitespace() {
            k += 1;
        }
        k
    }

    fn at(&self, k: usize) -> Option<char> {
        self.chars.get(k).copied()
    }

    fn slice(&self, r: Range<usize>) -> &str {
        &self.orig[self.offs[r.start]..self.offs[r.end]]
    }

    fn folded(&self, r: Range<usize>) -> String {
        self.chars[r].iter().collect()
    }

    /// Index of `close` after `open_at`, within `limit` chars, honouring nesting of `open`.
    fn matching(&self, open_at: usize, close: char, limit: usize) -> Option<usize> {
        let open = self.chars[open_at];
        let mut depth = 0usize;
        let end = self.chars.len().min(open_at + 1 + limit);
        for k in open_at + 1..end {
            let c = self.chars[k];
            if c == open {
                depth += 1;
            } else if c == close {
                if depth == 0 {
                    return Some(k);
                }
                depth -= 1;
            }
        }
        None
    }

    /// A version in brackets at `k` (after optional whitespace): its date and the index after it.
    fn version_at(&self, k: usize) -> Option<(Stated, usize)> {
        let k = self.skip_ws(k);
        if self.at(k) != Some('(') {
            return None;
        }
        let close = self.matching(k, ')', 40)?;
        let stated = parse_stated(&self.folded(k + 1..close))?;
        Some((stated, close + 1))
    }

    /// The date a stated version stands for: a year alone (`2019年修正`) is the law's
    /// amendment of that year when the registry knows exactly one, else the year's last day.
    fn stated_date(&self, id: Option<&str>, stated: Stated) -> NaiveDate {
        match stated {
            Stated::Year(y, fallback) => id
                .and_then(|id| self.laws.get(id))
                .and_then(|l| l.amendment_in(y))
                .unwrap_or(fallback),
            Stated::Date(d) => d,
        }
    }

    /// `《name》` or `〈name〉` at `i`, with a version inside or after the brackets.
    fn bracketed_law(&mut self, i: usize) -> Option<usize> {
        let close = if self.chars[i] == '《' { '》' } else { '〉' };
        let end = self.matching(i, close, 200)?;
        let (mut name_end, mut version) = (end, None);
        // 《中华人民共和国消防法（2021年修正）》
        let mut last = end;
        while last > i + 1 && self.chars[last - 1].is_whitespace() {
            last -= 1;
        }
        if last > i + 1 && self.chars[last - 1] == ')' {
            if let Some(open) = (i + 1..last - 1).rev().find(|&k| self.chars[k] == '(') {
                if let Some(d) = parse_stated(&self.folded(open + 1..last - 1)) {
                    version = Some(d);
                    name_end = open;
                }
            }
        }
        let name = self.slice(i + 1..name_end).trim().to_string();
        if name.is_empty() {
            return None;
        }
        let mut after = end + 1;
        if let Some((d, e)) = self.version_at(after) {
            version = version.or(Some(d));
            after = e;
        }
        let id = self.laws.resolve(&name).map(|l| l.id.clone());
        let reportable = id.is_some() || looks_like_law(&self.folded(i + 1..name_end));
        let version = version.map(|v| self.stated_date(id.as_deref(), v));
        self.start_law(name, id, version, i, after, reportable);
        Some(after)
    }

    /// A registered name written without 《》 (消防法第60条), when it stands as a name.
    fn bare_law(&mut self, i: usize) -> Option<usize> {
        let (len, law) = self.laws.longest_name_at(&self.chars[i..])?;
        let id = law.id.clone();
        let end = i + len;
        let ok_after = match self.at(end) {
            None => true,
            Some('规') => self.at(end + 1) == Some('定'), // 消防法规定, not 消防法规
            Some(c) if "第相有的之和及与或等(".contains(c) => true,
            // 消防法六十条一款三项: a provision written without 第.
            Some(c) if is_numeral_char(c) => true,
            Some(c) => !is_cjk(c) && !c.is_alphanumeric(),
        };
        if !ok_after {
            return None;
        }
        let name = self.slice(i..end).to_string();
        let (version, after) = match self.version_at(end) {
            Some((d, e)) => (Some(self.stated_date(Some(&id), d)), e),
            None => (None, end),
        };
        self.start_law(name, Some(id), version, i, after, true);
        Some(after)
    }

    fn start_law(
        &mut self,
        name: String,
        id: Option<String>,
        version: Option<NaiveDate>,
        start: usize,
        attach: usize,
        reportable: bool,
    ) {
        self.finish_law();
        self.law = Some(LawCtx {
            name,
            id,
            version,
            start,
            attach: Some(attach),
            touched: false,
            reportable,
        });
        self.last = None;
    }

    fn finish_law(&mut self) {
        if let Some(ctx) = self.law.take() {
            if !ctx.touched && ctx.reportable && !self.out.laws_without_article.contains(&ctx.name)
            {
                self.out.laws_without_article.push(ctx.name);
            }
        }
    }

    /// One provision piece at `k`. Pieces without 第 — `(N)`, `N款`, `N项`, `N条` — are read
    /// only when `loose`: inside a run (第60条1款3项) or continuing a list (第十六条、二十八条).
    fn segment(&self, k: usize, loose: bool) -> Seg {
        match self.at(k) {
            Some('第') => {}
            Some('(') if loose => {
                return match self.paren_item(k) {
                    Some((Some(n), e)) => Seg::Ok(Level::Item, n, e),
                    _ => Seg::None,
                }
            }
            Some(c) if loose && is_numeral_char(c) => {
                let mut q = k;
                while self.at(q).is_some_and(is_numeral_char) {
                    q += 1;
                }
                let u = self.skip_ws(q);
                return match (self.at(u).and_then(level_of), number(&self.chars[k..q])) {
                    (Some(level), Some(n)) => Seg::Ok(level, n, u + 1),
                    _ => Seg::None,
                };
            }
            _ => return Seg::None,
        }
        let p = self.skip_ws(k + 1);
        if self.at(p) == Some('(') {
            // 第(三)项, 第（3）项
            return match self.paren_item(p) {
                Some((Some(n), e)) => Seg::Ok(Level::Item, n, e),
                Some((None, e)) => Seg::Bad(Some(Level::Item), e),
                None => Seg::None,
            };
        }
        let mut q = p;
        while q < self.chars.len() && is_numeral_char(self.chars[q]) {
            q += 1;
        }
        let u = self.skip_ws(q);
        if q > p {
            if let Some(level) = self.at(u).and_then(level_of) {
                let mut e = u + 1;
                // 第十六条之一: a valid citation, but not one (article, paragraph, item) holds.
                if level == Level::Article
                    && self.at(e) == Some('之')
                    && self.at(e + 1).is_some_and(is_numeral_char)
                {
                    e += 1;
                    while self.at(e).is_some_and(is_numeral_char) {
                        e += 1;
                    }
                    return Seg::Bad(Some(level), e);
                }
                return match number(&self.chars[p..q]) {
                    Some(n) => Seg::Ok(level, n, e),
                    None => Seg::Bad(Some(level), e),
                };
            }
        }
        if q > p {
            if let Some(seg) = self.compact_list(p, q) {
                return seg;
            }
        }
        // 第X条, 第某款, 第__项
        let mut q = p;
        while q < self.chars.len() && q - p < 6 && is_placeholder(self.chars[q]) {
            q += 1;
        }
        let u = self.skip_ws(q);
        match self.at(u).and_then(level_of) {
            Some(level) if q > p => Seg::Bad(Some(level), u + 1),
            _ => Seg::None,
        }
    }

    /// 第三、四项 or 第三至五项 (also 第三、第四项): numbers at `p..q` and after it, separated by
    /// 、 , 和 及 或 (a list) or 至 (a range), closed by one 条/款/项.
    fn compact_list(&self, p: usize, q: usize) -> Option<Seg> {
        let mut nums = vec![(p, q, false)];
        let mut r = q;
        loop {
            let s = self.skip_ws(r);
            let Some(sep) = self.at(s).filter(|c| "、,和及或至".contains(*c)) else {
                break;
            };
            let mut t = self.skip_ws(s + 1);
            if self.at(t) == Some('第') {
                t = self.skip_ws(t + 1);
            }
            let mut e = t;
            while self.at(e).is_some_and(is_numeral_char) {
                e += 1;
            }
            if e == t {
                break;
            }
            nums.push((t, e, sep == '至'));
            r = e;
        }
        let u = self.skip_ws(r);
        let level = self.at(u).and_then(level_of)?;
        if nums.len() < 2 {
            return None;
        }
        let mut out: Vec<u32> = Vec::new();
        for (a, b, range) in nums {
            let Some(n) = number(&self.chars[a..b]) else {
                return Some(Seg::Bad(Some(level), u + 1));
            };
            match out.last() {
                // A range of at most 50, upwards: anything else is not a reading we trust.
                Some(&prev) if range => {
                    if n <= prev || n - prev > 50 {
                        return Some(Seg::Bad(Some(level), u + 1));
                    }
                    out.extend(prev + 1..=n);
                }
                _ => out.push(n),
            }
        }
        Some(Seg::Many(level, out, u + 1))
    }

    /// `(N)` or `(N)项` at `k`: `Some((Some(n), end))` when N is a number, `Some((None, end))`
    /// when it is a placeholder, `None` when this is no item at all.
    fn paren_item(&self, k: usize) -> Option<(Option<u32>, usize)> {
        let close = self.matching(k, ')', 8)?;
        let inner = &self.chars[k + 1..close];
        let core: Vec<char> = inner
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace())
            .collect();
        if core.is_empty() {
            return None;
        }
        let mut e = close + 1;
        let u = self.skip_ws(e);
        let has_item_word = self.at(u) == Some('项');
        if has_item_word {
            e = u + 1;
        }
        if core.iter().all(|&c| is_numeral_char(c)) {
            if let Some(n) = number(&core) {
                return Some((Some(n), e));
            }
        }
        if core.iter().all(|&c| is_placeholder(c)) {
            return Some((None, e));
        }
        None
    }

    /// A run of pieces at `i` (第六十条第一款第三项), turned into a citation or an unparsed
    /// fragment. Returns the index after it, or `None` if nothing provision-like is here.
    fn unit(&mut self, i: usize) -> Option<usize> {
        // Only separators since the last provision? Scanned backwards, so each call is short.
        let mut k = i;
        while k > self.last_end
            && (self.chars[k - 1].is_whitespace() || SOFT_SEPARATORS.contains(self.chars[k - 1]))
        {
            k -= 1;
        }
        let continues_list = self.law.is_some() && self.last.is_some() && k == self.last_end;
        // Right after the law's name, a provision may lack its 第: 《消防法》六十条一款三项.
        let attached = self
            .law
            .as_ref()
            .is_some_and(|c| c.attach.is_some_and(|a| self.skip_ws(a) == i));
        let mut segs: Vec<(Level, u32)> = Vec::new();
        let mut last_level: Option<Level> = None;
        let mut bad = false;
        let mut end = i;
        // Further numbers of a compact list (第三、四项), at the level of the last piece.
        let mut siblings: Vec<u32> = Vec::new();
        loop {
            let first = end == i;
            let k = if first { i } else { self.skip_ws(end) };
            let seg = self.segment(
                k,
                if first {
                    continues_list || attached
                } else {
                    true
                },
            );
            let (level, e) = match seg {
                Seg::Ok(level, n, e) => {
                    if last_level.is_some_and(|l| level <= l) {
                        break;
                    }
                    segs.push((level, n));
                    (Some(level), e)
                }
                Seg::Many(level, ns, e) => {
                    if last_level.is_some_and(|l| level <= l) {
                        break;
                    }
                    segs.push((level, ns[0]));
                    siblings = ns[1..].to_vec();
                    end = e;
                    break; // a list closes the run: 第三、四项第一目 is not a thing
                }
                Seg::Bad(level, e) => {
                    if let (Some(l), Some(prev)) = (level, last_level) {
                        if l <= prev {
                            break;
                        }
                    }
                    bad = true;
                    (level, e)
                }
                Seg::None => break,
            };
            last_level = level.or(last_level);
            end = e;
        }
        // 第三项至第五项: a range written with whole pieces on both sides, at the same level.
        if !bad && siblings.is_empty() {
            if let Some(&(level, from)) = segs.last() {
                let s = self.skip_ws(end);
                if self.at(s) == Some('至') {
                    if let Seg::Ok(l2, to, e2) = self.segment(self.skip_ws(s + 1), true) {
                        if l2 == level && to > from && to - from <= 50 {
                            siblings = (from + 1..=to).collect();
                            end = e2;
                        }
                    }
                }
            }
        }
        if end == i {
            return None;
        }
        let start = match &self.law {
            Some(ctx) if ctx.attach.is_some_and(|a| self.skip_ws(a) == i) => ctx.start,
            _ => i,
        };
        self.last_end = end;
        let resolved = if bad {
            None
        } else {
            // The first reading and one per sibling, all resolved against what came before.
            let mut all = vec![self.resolve(&segs)];
            for &n in &siblings {
                let mut s = segs.clone();
                if let Some(last) = s.last_mut() {
                    last.1 = n;
                }
                all.push(self.resolve(&s));
            }
            all.into_iter().collect::<Option<Vec<_>>>()
        };
        let text = self.slice(start..end).to_string();
        match (resolved, self.law.as_mut()) {
            (Some(readings), Some(ctx)) => {
                ctx.attach = None;
                ctx.touched = true;
                for (article, paragraph, item) in readings {
                    self.last = Some((article, paragraph));
                    // Siblings of a compact list share its words, so they share its span.
                    self.out.citations.push(Citation {
                        law_id: ctx.id.clone(),
                        law_name: ctx.name.clone(),
                        article,
                        paragraph,
                        item,
                        version: ctx.version,
                        span: self.offs[start]..self.offs[end],
                        text: text.clone(),
                    });
                }
            }
            (_, ctx) => {
                if let Some(ctx) = ctx {
                    ctx.attach = None;
                    ctx.touched = true;
                }
                self.out.unparsed.push(text);
            }
        }
        Some(end)
    }

    /// (article, paragraph, item) of a run of pieces, inheriting from the previous citation
    /// when the run starts below the article (、第二款 / 、第四项). `None` without a law or
    /// without an article to inherit.
    fn resolve(&self, segs: &[(Level, u32)]) -> Option<(u32, Option<u32>, Option<u32>)> {
        self.law.as_ref()?;
        let get = |l: Level| segs.iter().find(|s| s.0 == l).map(|s| s.1);
        let item = get(Level::Item);
        let (top, n) = *segs.first()?;
        match top {
            Level::Article => Some((n, get(Level::Paragraph), item)),
            Level::Paragraph => self.last.map(|(a, _)| (a, Some(n), item)),
            Level::Item => self.last.map(|(a, p)| (a, p, item)),
        }
    }
}

/// Reads the version inside brackets after a law name: `2021年4月29日施行`, `2019年修正`,
/// `2021-04-29`, `二〇二一年修正`, `2021版`. `None` when the text is not a version.
/// A version as written: a full date (or a month, read as its last day), or a year alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stated {
    Date(NaiveDate),
    /// The year and the year's last day (used when no amendment of that year is known).
    Year(i32, NaiveDate),
}

fn parse_stated(folded: &str) -> Option<Stated> {
    let d = parse_version(folded)?;
    let year_only = {
        // The same reading decides: a year alone leaves month and day unset.
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| Regex::new(r"^\s*(?:自|于)?\s*[0-9〇零一二三四五六七八九]{4}\s*(?:年)?\s*起?\s*(?:施行|实施|修正|修订|修改|公布|颁布|发布|生效|通过)?\s*(?:版|本|文本)?\s*$").expect("year regex"))
            .is_match(folded)
    };
    use chrono::Datelike;
    Some(if year_only {
        Stated::Year(d.year(), d)
    } else {
        Stated::Date(d)
    })
}

fn parse_version(folded: &str) -> Option<NaiveDate> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"^\s*(?:自|于)?\s*",
            r"([0-9〇零一二三四五六七八九]{4})\s*(?:年|[-./])?\s*",
            r"(?:([0-9一二三四五六七八九十]{1,3})\s*(?:(?:月|[-./])\s*(?:([0-9一二三四五六七八九十]{1,3})\s*日?)?)?)?",
            r"\s*起?\s*(?:施行|实施|修正|修订|修改|公布|颁布|发布|生效|通过)?\s*(?:版|本|文本)?\s*$",
        ))
        .expect("version regex")
    });
    let caps = re.captures(folded)?;
    let year = i32::try_from(cn_integer(&caps[1])?).ok()?;
    let month = match caps.get(2) {
        Some(m) => Some(u32::try_from(cn_integer(m.as_str())?).ok()?),
        None => None,
    };
    let day = match caps.get(3) {
        Some(d) => Some(u32::try_from(cn_integer(d.as_str())?).ok()?),
        None => None,
    };
    match (month, day) {
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d),
        (Some(m), None) => {
            NaiveDate::from_ymd_opt(year, m, 1)?; // rejects month 13
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, m + 1, 1)?
            };
            next.pred_opt()
        }
        _ => NaiveDate::from_ymd_opt(year, 12, 31),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laws() -> &'static Laws {
        Laws::shipped_static()
    }

    /// The expected citation whose text is `slice`, found in `text` (slices in these tests
    /// occur once in their text).
    fn cit(
        text: &str,
        slice: &str,
        law: (Option<&str>, &str),
        (article, paragraph, item): (u32, Option<u32>, Option<u32>),
        version: Option<&str>,
    ) -> Citation {
        let start = text.find(slice).expect("slice occurs in text");
        assert_eq!(text.matches(slice).count(), 1, "ambiguous slice {slice}");
        Citation {
            law_id: law.0.map(String::from),
            law_name: law.1.to_string(),
            article,
            paragraph,
            item,
            version: version.map(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").unwrap()),
            span: start..start + slice.len(),
            text: slice.to_string(),
        }
    }

    fn only(citations: Vec<Citation>) -> ParsedBasis {
        ParsedBasis {
            citations,
            ..ParsedBasis::default()
        }
    }

    const FIRE: (Option<&str>, &str) = (Some("fire_law"), "中华人民共和国消防法");
    const FIRE_SHORT: (Option<&str>, &str) = (Some("fire_law"), "消防法");

    #[test]
    fn one_provision_in_every_notation() {
        let cases: [(&str, (Option<&str>, &str)); 10] = [
            ("《中华人民共和国消防法》第六十条第一款第三项", FIRE),
            ("《中华人民共和国消防法》第六十条第一款第（三）项", FIRE),
            ("《中华人民共和国消防法》第六十条第一款第(三)项", FIRE),
            ("《中华人民共和国消防法》第60条第1款第(3)项", FIRE),
            ("《中华人民共和国消防法》第60条第1款第（3）项", FIRE),
            ("消防法第60条第1款第(3)项", FIRE_SHORT),
            ("消防法第６０条第１款第（３）项", FIRE_SHORT),
            ("《消防法》第六十条第一款（三）", FIRE_SHORT),
            ("《消防法》 第 六十 条 第一款 第三项", FIRE_SHORT),
            ("中华人民共和国消防法第六十条第一款第三项", FIRE),
        ];
        for (text, law) in cases {
            assert_eq!(
                parse_basis(text, laws()),
                only(vec![cit(text, text, law, (60, Some(1), Some(3)), None)]),
                "{text}"
            );
        }
    }

    #[test]
    fn span_is_in_bytes_of_the_original() {
        // 消防法 = 9 bytes, 第 3, ６０ 6 (full-width), 条 3.
        let p = parse_basis("消防法第６０条。", laws());
        assert_eq!(p.citations[0].span, 0..21);
        assert_eq!(p.citations[0].text, "消防法第６０条");
        let text = "依据 《消防法》第六十条";
        let p = parse_basis(text, laws());
        assert_eq!(p.citations[0].span, 7..text.len());
    }

    #[test]
    fn traditional_characters() {
        let text = "《中華人民共和國消防法》第六十條第一款第一項";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![cit(
                text,
                text,
                (Some("fire_law"), "中華人民共和國消防法"),
                (60, Some(1), Some(1)),
                None
            )])
        );
    }

    #[test]
    fn later_provisions_inherit_law_and_article() {
        let text = "《消防法》第六十条第一款第（三）项、第二款";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![
                cit(
                    text,
                    "《消防法》第六十条第一款第（三）项",
                    FIRE_SHORT,
                    (60, Some(1), Some(3)),
                    None
                ),
                cit(text, "第二款", FIRE_SHORT, (60, Some(2), None), None),
            ])
        );
        let text = "《中华人民共和国消防法》第六十条第一款第三项、第四项";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![
                cit(
                    text,
                    "《中华人民共和国消防法》第六十条第一款第三项",
                    FIRE,
                    (60, Some(1), Some(3)),
                    None
                ),
                cit(text, "第四项", FIRE, (60, Some(1), Some(4)), None),
            ])
        );
        let text = "《中华人民共和国消防法》第十六条、第二十八条";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![
                cit(
                    text,
                    "《中华人民共和国消防法》第十六条",
                    FIRE,
                    (16, None, None),
                    None
                ),
                cit(text, "第二十八条", FIRE, (28, None, None), None),
            ])
        );
        // Other separators, a missing separator, bare (四) continuing a list, 第二款第一项.
        let text = "消防法第六十条第一款第三项和第五项，第二款第二项第六十一条";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![
                cit(
                    text,
                    "消防法第六十条第一款第三项",
                    FIRE_SHORT,
                    (60, Some(1), Some(3)),
                    None
                ),
                cit(text, "第五项", FIRE_SHORT, (60, Some(1), Some(5)), None),
                cit(
                    text,
                    "第二款第二项",
                    FIRE_SHORT,
                    (60, Some(2), Some(2)),
                    None
                ),
                cit(text, "第六十一条", FIRE_SHORT, (61, None, None), None),
            ])
        );
        let text = "《消防法》第60条1款3项、4项，第十六条、二十八条";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![
                cit(
                    text,
                    "《消防法》第60条1款3项",
                    FIRE_SHORT,
                    (60, Some(1), Some(3)),
                    None
                ),
                cit(text, "4项", FIRE_SHORT, (60, Some(1), Some(4)), None),
                cit(text, "第十六条", FIRE_SHORT, (16, None, None), None),
                cit(text, "二十八条", FIRE_SHORT, (28, None, None), None),
            ])
        );
        // Bare numbers are no provision unless they continue one.
        let p = parse_basis("《消防法》第六十条，罚款5000元；3项整改", laws());
        assert_eq!(p.citations.len(), 1);
        assert!(p.unparsed.is_empty());
        let text = "《消防法》第六十条第一款（三）、（四）项";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![
                cit(
                    text,
                    "《消防法》第六十条第一款（三）",
                    FIRE_SHORT,
                    (60, Some(1), Some(3)),
                    None
                ),
                cit(text, "（四）项", FIRE_SHORT, (60, Some(1), Some(4)), None),
            ])
        );
    }

    #[test]
    fn compact_lists_and_ranges() {
        let at = |text: &str| -> Vec<(u32, Option<u32>, Option<u32>, String)> {
            parse_basis(text, laws())
                .citations
                .into_iter()
                .map(|c| (c.article, c.paragraph, c.item, c.text))
                .collect()
        };
        let whole = "消防法第六十条第一款第三、四项";
        assert_eq!(
            at(whole),
            [
                (60, Some(1), Some(3), whole.to_string()),
                (60, Some(1), Some(4), whole.to_string()),
            ]
        );
        let text = "《消防法》第十六、二十八条";
        assert_eq!(
            at(text),
            [
                (16, None, None, text.to_string()),
                (28, None, None, text.to_string())
            ]
        );
        let text = "消防法第六十条第一款第三至五项";
        let items: Vec<Option<u32>> = at(text).into_iter().map(|c| c.2).collect();
        assert_eq!(items, [Some(3), Some(4), Some(5)]);
        let text = "消防法第六十条第一款第三、第五项，第二款";
        let got: Vec<(u32, Option<u32>, Option<u32>)> =
            at(text).into_iter().map(|c| (c.0, c.1, c.2)).collect();
        assert_eq!(
            got,
            [
                (60, Some(1), Some(3)),
                (60, Some(1), Some(5)),
                (60, Some(2), None)
            ]
        );
        // Backwards or huge ranges are not guessed at.
        for text in ["消防法第六十条第五至三项", "消防法第一至九十九条"] {
            let p = parse_basis(text, laws());
            assert!(p.citations.is_empty(), "{text}");
            assert_eq!(p.unparsed, [text], "{text}");
        }
    }

    #[test]
    fn numbered_list_markers_are_not_items() {
        let text = "（一）《消防法》第六十条；（二）《河南省消防条例》第七十条";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![
                cit(
                    text,
                    "《消防法》第六十条",
                    FIRE_SHORT,
                    (60, None, None),
                    None
                ),
                cit(
                    text,
                    "《河南省消防条例》第七十条",
                    (Some("henan_fire_reg"), "河南省消防条例"),
                    (70, None, None),
                    None
                ),
            ])
        );
    }

    /// The forms officers write that the parser once missed: a range of whole pieces, a
    /// provision without 第, 廿/卅 numerals.
    #[test]
    fn ranges_bare_numbers_and_old_tens() {
        let text = "《中华人民共和国消防法》第六十条第一款第三项至第五项";
        let got: Vec<_> = parse_basis(text, laws())
            .citations
            .iter()
            .map(|c| (c.article, c.paragraph, c.item))
            .collect();
        assert_eq!(
            got,
            vec![
                (60, Some(1), Some(3)),
                (60, Some(1), Some(4)),
                (60, Some(1), Some(5))
            ]
        );
        for text in [
            "消防法六十条一款三项",
            "《消防法》六十条一款三项",
            "《中华人民共和国消防法》60条1款3项",
        ] {
            let p = parse_basis(text, laws());
            assert_eq!(p.citations.len(), 1, "{text}: {p:?}");
            let c = &p.citations[0];
            assert_eq!(
                (c.article, c.paragraph, c.item),
                (60, Some(1), Some(3)),
                "{text}"
            );
            assert!(p.unparsed.is_empty(), "{text}");
        }
        let p = parse_basis("《行政处罚法》第廿八条、《消防法》第卅条", laws());
        let got: Vec<_> = p.citations.iter().map(|c| c.article).collect();
        assert_eq!(got, vec![28, 30]);
        // A bare number that is no provision stays unread.
        let p = parse_basis("依据消防法三次检查", laws());
        assert!(p.citations.is_empty(), "{p:?}");
    }

    #[test]
    fn versions_beside_the_name() {
        let cases = [
            (
                "《中华人民共和国消防法》(2021年4月29日施行)第六十条",
                FIRE,
                "2021-04-29",
            ),
            // A year alone is the amendment of that year (the law's header dates).
            ("《消防法》（2019年修正）第六十条", FIRE_SHORT, "2019-04-23"),
            (
                "《中华人民共和国消防法（2021年修正）》第六十条",
                FIRE,
                "2021-04-29",
            ),
            ("消防法（2008年修订）第六十条", FIRE_SHORT, "2008-10-28"),
            // No amendment in that year: the year's last day, as written.
            ("消防法（2020年版）第六十条", FIRE_SHORT, "2020-12-31"),
            (
                "《中华人民共和国消防法》（二〇〇八年十月二十八日修订）第六十条",
                FIRE,
                "2008-10-28",
            ),
            ("消防法(2021-04-29)第六十条", FIRE_SHORT, "2021-04-29"),
        ];
        for (text, law, version) in cases {
            assert_eq!(
                parse_basis(text, laws()),
                only(vec![cit(text, text, law, (60, None, None), Some(version))]),
                "{text}"
            );
        }
        // The version holds for every provision under that name, and only there.
        let text = "《消防法》（2019年修正）第六十条、第六十一条和《河南省消防条例》第七十条";
        let p = parse_basis(text, laws());
        let versions: Vec<Option<String>> = p
            .citations
            .iter()
            .map(|c| c.version.map(|d| d.to_string()))
            .collect();
        assert_eq!(
            versions,
            [Some("2019-04-23".into()), Some("2019-04-23".into()), None]
        );
    }

    #[test]
    fn version_texts() {
        let cases = [
            ("2021年4月29日施行", Some("2021-04-29")),
            ("2021年4月29日起施行", Some("2021-04-29")),
            ("2019年修正", Some("2019-12-31")),
            ("2019年修正版", Some("2019-12-31")),
            ("2021修订", Some("2021-12-31")),
            ("2021版", Some("2021-12-31")),
            ("二〇二一年四月", Some("2021-04-30")),
            ("2021年2月", Some("2021-02-28")),
            ("2020年2月", Some("2020-02-29")),
            ("2021.4.29", Some("2021-04-29")),
            ("2021年13月", None),
            ("2021年2月30日", None),
            ("试行", None),
            ("三", None),
            ("21年修正", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse_version(text).map(|d| d.to_string()),
                want.map(String::from),
                "{text}"
            );
        }
    }

    #[test]
    fn two_statutes_in_one_basis() {
        let text =
            "《中華人民共和國消防法》第六十二條第一項和《中華人民共和國治安管理處罰法》第三十條";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![
                cit(
                    text,
                    "《中華人民共和國消防法》第六十二條第一項",
                    (Some("fire_law"), "中華人民共和國消防法"),
                    (62, None, Some(1)),
                    None
                ),
                cit(
                    text,
                    "《中華人民共和國治安管理處罰法》第三十條",
                    (
                        Some("public_security_penalty_law"),
                        "中華人民共和國治安管理處罰法"
                    ),
                    (30, None, None),
                    None
                ),
            ])
        );
    }

    #[test]
    fn provision_plus_discretion_standard() {
        let text =
            "《中华人民共和国消防法》第六十条第一款第三项、《河南省消防行政处罚裁量标准》第十二条";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![
                cit(
                    text,
                    "《中华人民共和国消防法》第六十条第一款第三项",
                    FIRE,
                    (60, Some(1), Some(3)),
                    None
                ),
                cit(
                    text,
                    "《河南省消防行政处罚裁量标准》第十二条",
                    (Some("henan_fire_discretion"), "河南省消防行政处罚裁量标准"),
                    (12, None, None),
                    None
                ),
            ])
        );
    }

    #[test]
    fn laws_named_without_article() {
        let p = parse_basis(
            "《中华人民共和国消防法》和《河南省消防条例》相关规定",
            laws(),
        );
        assert_eq!(
            p,
            ParsedBasis {
                laws_without_article: vec!["中华人民共和国消防法".into(), "河南省消防条例".into()],
                ..ParsedBasis::default()
            }
        );
        // Mixed: only the law with no provision is listed; repeats are listed once; a
        // bracketed document title is no law; a bare name counts when it stands as a name.
        let text = "根据《消防法》第六十条、《河南省消防条例》、《河南省消防条例》和《行政处罚决定书》及行政处罚法的规定";
        let p = parse_basis(text, laws());
        assert_eq!(p.citations.len(), 1);
        assert_eq!(p.laws_without_article, ["河南省消防条例", "行政处罚法"]);
        assert!(p.unparsed.is_empty());
        // Unknown but law-like titles are listed too.
        let p = parse_basis("依照《某某省消防安全管理办法》有关规定", laws());
        assert_eq!(p.laws_without_article, ["某某省消防安全管理办法"]);
    }

    #[test]
    fn bare_names_only_where_they_stand_as_names() {
        for text in ["违反消防法律法规", "加强消防法规宣传", "消防法学"] {
            assert_eq!(parse_basis(text, laws()), ParsedBasis::default(), "{text}");
        }
        let p = parse_basis("依据消防法规定", laws());
        assert_eq!(p.laws_without_article, ["消防法"]);
    }

    #[test]
    fn paragraph_as_written_is_kept() {
        let text = "依据《中华人民共和国消防法》第六十四条第二款";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![cit(
                text,
                "《中华人民共和国消防法》第六十四条第二款",
                FIRE,
                (64, Some(2), None),
                None
            )])
        );
    }

    #[test]
    fn unknown_law() {
        let text = "《某某办法》第三条";
        assert_eq!(
            parse_basis(text, laws()),
            only(vec![cit(
                text,
                text,
                (None, "某某办法"),
                (3, None, None),
                None
            )])
        );
    }

    #[test]
    fn unreadable_fragments() {
        let cases: [(&str, &[&str]); 10] = [
            ("第X条", &["第X条"]),
            ("《消防法》第X条", &["《消防法》第X条"]),
            ("《消防法》第某条第二款", &["《消防法》第某条第二款"]),
            (
                "《消防法》第六十条第一款第（X）项",
                &["《消防法》第六十条第一款第（X）项"],
            ),
            ("《消防法》第十六条之一", &["《消防法》第十六条之一"]),
            ("《消防法》第零条", &["《消防法》第零条"]),
            ("《消防法》第99999999999条", &["《消防法》第99999999999条"]),
            // A provision with no law named, or no article to inherit.
            ("第六十条第一款第三项", &["第六十条第一款第三项"]),
            ("《消防法》第二款", &["《消防法》第二款"]),
            ("依据第60条，第X款", &["第60条", "第X款"]),
        ];
        for (text, want) in cases {
            let p = parse_basis(text, laws());
            assert_eq!(p.unparsed, want, "{text}");
            assert!(p.citations.is_empty(), "{text}: {p:?}");
            assert!(p.laws_without_article.is_empty(), "{text}: {p:?}");
        }
        // A readable provision before an unreadable one is kept.
        let p = parse_basis("《消防法》第六十条、第X条", laws());
        assert_eq!(p.citations.len(), 1);
        assert_eq!(p.unparsed, ["第X条"]);
    }

    #[test]
    fn garbage_gives_nothing() {
        for text in [
            "",
            " ",
            "\n\t",
            "abc",
            "《",
            "》《",
            "《》",
            "第",
            "第条",
            "(((",
            ")))",
            "（一）",
            "第一次",
            "第2号",
            "责令改正",
            "2021年4月29日",
            "😀第🙂条",
            "《《《消防法",
        ] {
            let p = parse_basis(text, laws());
            assert!(
                p.citations.is_empty() && p.unparsed.is_empty(),
                "{text:?}: {p:?}"
            );
        }
    }

    #[test]
    fn hostile_inputs_never_break_spans() {
        // Deterministic pseudo-random strings over the characters the parser reacts to.
        let alphabet: Vec<char> = "《》〈〉第六十一二三条款项條項()（）、，,和之X1２ 消防法中華人民共和國河南省条例年月日修正"
            .chars()
            .collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let p = parse_basis(&text, laws());
            for c in &p.citations {
                assert_eq!(text.get(c.span.clone()), Some(c.text.as_str()), "{text}");
                assert!(c.article > 0 && !c.law_name.is_empty(), "{text}: {c:?}");
            }
            for u in &p.unparsed {
                assert!(!u.is_empty() && text.contains(u.as_str()), "{text}");
            }
        }
    }

    #[test]
    fn display_forms() {
        let cases = [
            (
                "《中华人民共和国消防法》第六十条第一款第（三）项",
                "《消防法》第六十条第一款第三项",
                "Fire Law art. 60 ¶1 (3)",
            ),
            (
                "《中華人民共和國消防法》第六十二條第一項",
                "《消防法》第六十二条第一项",
                "Fire Law art. 62 (1)",
            ),
            (
                "《中华人民共和国消防法》第六十四条第二款",
                "《消防法》第六十四条第二款",
                "Fire Law art. 64 ¶2",
            ),
            (
                "《河南省消防条例》第70条",
                "《河南省消防条例》第七十条",
                "Henan Fire Regulations art. 70",
            ),
            (
                "《中华人民共和国行政处罚法》第115条",
                "《行政处罚法》第一百一十五条",
                "Administrative Penalty Law art. 115",
            ),
            (
                "《某某办法》第三条第二款",
                "《某某办法》第三条第二款",
                "某某办法 art. 3 ¶2",
            ),
        ];
        for (text, zh, en) in cases {
            let p = parse_basis(text, laws());
            assert_eq!(p.citations.len(), 1, "{text}");
            assert_eq!(p.citations[0].display_zh(), zh, "{text}");
            assert_eq!(p.citations[0].display_en(), en, "{text}");
        }
    }

    #[test]
    fn chinese_numerals() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (15, "十五"),
            (20, "二十"),
            (60, "六十"),
            (62, "六十二"),
            (100, "一百"),
            (101, "一百零一"),
            (105, "一百零五"),
            (110, "一百一十"),
            (119, "一百一十九"),
            (266, "二百六十六"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (10_000, "一万"),
            (10_005, "一万零五"),
            (11_000, "一万一千"),
            (100_000, "十万"),
            (100_010, "十万零一十"),
            (120_000, "十二万"),
            (1_050_000, "一百零五万"),
            (100_001_000, "一亿零一千"),
            (105_000_000, "一亿零五百万"),
        ];
        for (n, want) in cases {
            assert_eq!(to_cn_numeral(n), want, "{n}");
        }
        // Round trip through the reader over every plausible article number and then some.
        for n in (1..=3000).chain([9_999, 10_001, 99_999, 123_456, 4_000_000_000]) {
            assert_eq!(cn_integer(&to_cn_numeral(n)), Some(u64::from(n)), "{n}");
        }
    }

    #[test]
    fn serializes_for_cite_output() {
        let p = parse_basis(
            "《消防法》（2021年4月29日施行）第六十条第一款第三项",
            laws(),
        );
        let json = serde_json::to_value(&p).unwrap();
        let c = &json["citations"][0];
        assert_eq!(c["law_id"], "fire_law");
        assert_eq!(c["version"], "2021-04-29");
        assert_eq!(c["span"]["start"], 0);
        assert_eq!(c["item"], 3);
        assert!(json["unparsed"].as_array().unwrap().is_empty());
    }
}
