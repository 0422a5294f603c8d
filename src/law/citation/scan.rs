//! The citation parser: a scanner over width- and traditional-folded text that reads law
//! names (bracketed or bare, with a stated version), then 第N条/款/项 runs, lists and ranges,
//! keeping byte spans into the original text and what it cannot read. Uses only the law
//! registry (`law::laws`) and `text`.

use super::{Citation, ParsedBasis};
use crate::law::laws::{fold, Laws};
use crate::text::{cn_integer, is_numeral_char};
use chrono::NaiveDate;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

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

pub(super) fn parse_version(folded: &str) -> Option<NaiveDate> {
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
