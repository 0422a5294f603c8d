//! Value parsers shared by the XML and the Excel reader: dates, amounts of money, yes/no
//! values and day counts, in every form the exports use (formats.md, "Dates come as…",
//! "Amounts come as…", "Booleans come as…").
//!
//! Both readers must agree on what a cell or element *means*, so the forms live here once. A
//! parser either returns the value or a [`ValueError`] carrying the raw text; the reader turns
//! that into [`crate::model::Field::Invalid`] (finding F006), never into a guess. Hence the
//! parsers are strict about anything approximate (`约5000元`, `五千多元`, `5000-8000`): an amount
//! that is not exact must not be compared with a statutory limit as if it were.

use crate::finding::Lang;
use crate::model::Money;
use crate::text::{cn_integer, fold_width, is_numeral_char};
use chrono::{Datelike, Days, NaiveDate};
use std::ops::RangeInclusive;

/// Years a case date can plausibly fall in. Dates outside are typos (`2202`, `1922`) or Excel
/// cells that hold some other number; both are reported rather than used.
pub const PLAUSIBLE_YEARS: RangeInclusive<i32> = 1950..=2100;

/// A value that could not be read, with the raw text (trimmed) as written in the source.
///
/// `Display` is the Chinese message; [`ValueError::message`] gives either language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Not in any date form caselint knows.
    #[error("无法识别的日期：{0}")]
    Date(String),
    /// A date form, but no such day on the calendar (`2022-02-30`, `2022年13月5日`).
    #[error("日期不存在：{0}")]
    NoSuchDate(String),
    /// A real date, but outside [`PLAUSIBLE_YEARS`].
    #[error("日期年份不在合理范围（1950—2100年）内：{0}")]
    DateOutOfRange(String),
    /// Not an exact amount of money.
    #[error("无法识别的金额：{0}")]
    Amount(String),
    /// Capital (大写) and figure (小写) forms of one amount disagree (`伍仟元（¥6,000.00）`).
    #[error("金额大写与小写不一致：{0}")]
    AmountMismatch(String),
    /// Not a yes/no value.
    #[error("无法识别的是否值（应为“是”或“否”）：{0}")]
    Bool(String),
    /// Not a whole number of days.
    #[error("无法识别的天数：{0}")]
    Days(String),
}

impl ValueError {
    /// The message in the run's language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.to_string(),
            Lang::En => match self {
                ValueError::Date(r) => format!("unrecognised date: {r}"),
                ValueError::NoSuchDate(r) => format!("no such calendar date: {r}"),
                ValueError::DateOutOfRange(r) => {
                    format!("date outside the plausible years 1950–2100: {r}")
                }
                ValueError::Amount(r) => format!("unrecognised amount of money: {r}"),
                ValueError::AmountMismatch(r) => {
                    format!("amount in words and amount in figures disagree: {r}")
                }
                ValueError::Bool(r) => format!("unrecognised yes/no value: {r}"),
                ValueError::Days(r) => format!("unrecognised number of days: {r}"),
            },
        }
    }

    /// The raw text that could not be read.
    pub fn raw(&self) -> &str {
        match self {
            ValueError::Date(r)
            | ValueError::NoSuchDate(r)
            | ValueError::DateOutOfRange(r)
            | ValueError::Amount(r)
            | ValueError::AmountMismatch(r)
            | ValueError::Bool(r)
            | ValueError::Days(r) => r,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Reads a date written as text, ignoring any time of day after it.
///
/// Forms: `2022-03-01`, `2022/3/1`, `2022.3.1`, `20220301`, `2022年3月1日` (also `…1号`), with
/// full-width digits or Chinese numerals (`二〇二二年三月一日`), optionally followed by a time
/// (`2022-03-01 14:30`, `2022-03-01T14:30:00+08:00`, `2022年3月1日14时30分许`,
/// `2022年3月1日下午2时`). The time is validated (so `2022-03-01 25:00` is rejected) but dropped:
/// every limit caselint checks counts in days.
///
/// Two-digit years are rejected (`22-03-01` is ambiguous); years outside [`PLAUSIBLE_YEARS`] are
/// [`ValueError::DateOutOfRange`]; impossible days are [`ValueError::NoSuchDate`].
pub fn parse_date(s: &str) -> Result<NaiveDate, ValueError> {
    let raw = s.trim();
    match plain_date(raw) {
        Some(date) => Ok(date),
        None => parse_date_general(raw),
    }
}

/// [`parse_date`] of a trimmed text, every form.
fn parse_date_general(raw: &str) -> Result<NaiveDate, ValueError> {
    let folded = fold_width(raw);
    let t = folded.trim();
    let unrecognised = || ValueError::Date(raw.to_string());
    let (y, m, d, rest, numeric) = split_date(t).ok_or_else(unrecognised)?;
    if !rest.is_empty() {
        // `2022-03-0114:30` is not a date followed by a time; `2022年3月1日14时` is.
        let rest = if numeric {
            let mut chars = rest.chars();
            match chars.next() {
                Some(c) if c == 'T' || c.is_whitespace() => chars.as_str(),
                _ => return Err(unrecognised()),
            }
        } else {
            rest
        };
        if !is_time(rest.trim()) {
            return Err(unrecognised());
        }
    }
    if y < 1000 {
        return Err(unrecognised());
    }
    let date = i32::try_from(y)
        .ok()
        .zip(u32::try_from(m).ok())
        .zip(u32::try_from(d).ok())
        .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or_else(|| ValueError::NoSuchDate(raw.to_string()))?;
    if !PLAUSIBLE_YEARS.contains(&date.year()) {
        return Err(ValueError::DateOutOfRange(raw.to_string()));
    }
    Ok(date)
}

/// The common forms `20220301` and `2022-03-01` (`/`, `.`; one- or two-digit month and day)
/// read without the general path: `Some` only for a date [`parse_date`] accepts, with the same
/// answer; anything else (another form, an error) is left to the general path.
fn plain_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    let digits = |r: &[u8]| -> Option<u32> {
        if r.is_empty() || !r.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(r.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0')))
    };
    if b.len() < 5 {
        return None;
    }
    // A four-digit year then 年 (whose UTF-8 starts with 0xE5); a shorter year is below 1000,
    // left to the general path anyway.
    let (y, m, d) = if b[4] == 0xE5 {
        plain_cn_date(t)?
    } else if !matches!(b[4], b'-' | b'/' | b'.') {
        if b.len() != 8 {
            return None;
        }
        (digits(&b[..4])?, digits(&b[4..6])?, digits(&b[6..])?)
    } else {
        let sep = b[4];
        let rest = &b[5..];
        let i = rest.iter().position(|&c| c == sep)?;
        let (ms, ds) = (&rest[..i], &rest[i + 1..]);
        if !(1..=2).contains(&ms.len()) || !(1..=2).contains(&ds.len()) {
            return None;
        }
        (digits(&b[..4])?, digits(ms)?, digits(ds)?)
    };
    if y < 1000 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
    PLAUSIBLE_YEARS.contains(&date.year()).then_some(date)
}

/// `2022年3月1日` (or …号) in ASCII digits and nothing else: year, month and day.
fn plain_cn_date(t: &str) -> Option<(u32, u32, u32)> {
    let number = |s: &str, max: usize| -> Option<u32> {
        let b = s.as_bytes();
        if b.is_empty() || b.len() > max || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(b.iter().fold(0, |n, &c| n * 10 + u32::from(c - b'0')))
    };
    let (ys, rest) = t.split_once('年')?;
    let (ms, rest) = rest.split_once('月')?;
    let ds = rest
        .strip_suffix('日')
        .or_else(|| rest.strip_suffix('号'))?;
    Some((number(ys, 4)?, number(ms, 2)?, number(ds, 2)?))
}

/// Splits `t` into year, month, day and what follows. The flag says the form was numeric
/// (`2022-03-01`, `20220301`), which needs a separator before a time.
fn split_date(t: &str) -> Option<(u64, u64, u64, &str, bool)> {
    if let Some((ys, after)) = t.split_once('年') {
        let (ms, after) = after.split_once('月')?;
        let (ds, rest) = after.split_once(['日', '号'])?;
        return Some((numeral(ys)?, numeral(ms)?, numeral(ds)?, rest, false));
    }
    let run = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    if run == 8 {
        let n = |r: std::ops::Range<usize>| t[r].parse::<u64>().ok();
        return Some((n(0..4)?, n(4..6)?, n(6..8)?, &t[8..], true));
    }
    if run != 4 {
        return None;
    }
    let y = t[..4].parse().ok()?;
    let sep = t[4..].chars().next()?;
    if !matches!(sep, '-' | '/' | '.') {
        return None;
    }
    let (m, rest) = short_number(&t[5..])?;
    let rest = rest.strip_prefix(sep)?;
    let (d, rest) = short_number(rest)?;
    Some((y, m, d, rest, true))
}

/// One or two ASCII digits at the start of `s`.
fn short_number(s: &str) -> Option<(u64, &str)> {
    let run = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if !(1..=2).contains(&run) {
        return None;
    }
    Some((s[..run].parse().ok()?, &s[run..]))
}

/// A whole string of Arabic or Chinese numerals (`2022`, `二〇二二`, `十二`), spaces around
/// allowed.
fn numeral(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() || !s.chars().all(is_numeral_char) {
        return None;
    }
    cn_integer(s)
}

/// A time of day after a date: `14:30`, `14:30:00`, `14:30:00.000`, `14:30:00Z`,
/// `14:30:00+08:00`, `14时30分`, `14点半`, `十四时三十分许`, `下午2时`.
fn is_time(s: &str) -> bool {
    let mut s = s;
    for period in [
        "上午", "下午", "中午", "晚上", "凌晨", "早上", "傍晚", "夜间",
    ] {
        if let Some(rest) = s.strip_prefix(period) {
            s = rest.trim_start();
            break;
        }
    }
    if s.contains(':') {
        colon_time(s)
    } else {
        cjk_time(s)
    }
}

fn colon_time(s: &str) -> bool {
    // Zone designator (ISO 8601 exports): `Z`, `+08:00`, `+0800`, `-05`.
    let s = if let Some(rest) = s.strip_suffix('Z') {
        rest
    } else if let Some(i) = s.rfind(['+', '-']) {
        let zone = s[i + 1..].replace(':', "");
        if !matches!(zone.len(), 2 | 4) || !zone.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        &s[..i]
    } else {
        s
    };
    let parts: Vec<&str> = s.split(':').collect();
    let two = |p: &str, max: u32| {
        p.len() == 2
            && p.chars().all(|c| c.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|v| v <= max)
    };
    let hour_ok = |p: &str| {
        (1..=2).contains(&p.len())
            && p.chars().all(|c| c.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|v| v <= 23)
    };
    match parts.as_slice() {
        [h, m] => hour_ok(h) && two(m, 59),
        [h, m, sec] => {
            let (whole, frac) = match sec.split_once('.') {
                Some((w, f)) => (w, Some(f)),
                None => (*sec, None),
            };
            hour_ok(h)
                && two(m, 59)
                && two(whole, 59)
                && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
        }
        _ => false,
    }
}

fn cjk_time(s: &str) -> bool {
    // 许 / 左右 ("about") are routine in records of when something happened.
    let s = s
        .strip_suffix('许')
        .or_else(|| s.strip_suffix("左右"))
        .unwrap_or(s);
    let Some((h, rest)) = numeral_then(s, &['时', '点']) else {
        return false;
    };
    if h > 23 {
        return false;
    }
    if rest.is_empty() || rest == "整" || rest == "半" {
        return true;
    }
    let (m, rest) = match numeral_then(rest, &['分']) {
        Some(x) => x,
        // `14点30`: minutes without their unit.
        None => match numeral(rest) {
            Some(m) => (m, ""),
            None => return false,
        },
    };
    if m > 59 {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    matches!(numeral_then(rest, &['秒']), Some((sec, "")) if sec <= 59)
}

/// A run of numerals followed by one of `units`; returns the number and what follows the unit.
fn numeral_then<'a>(s: &'a str, units: &[char]) -> Option<(u64, &'a str)> {
    let end = s.find(|c: char| !is_numeral_char(c))?;
    let unit = s[end..].chars().next()?;
    if end == 0 || !units.contains(&unit) {
        return None;
    }
    Some((cn_integer(&s[..end])?, &s[end + unit.len_utf8()..]))
}

/// Converts an Excel serial day number to a date. The fraction (time of day) is dropped.
///
/// The 1900 system counts 1 = 1900-01-01 and keeps Lotus 1-2-3's fictitious 1900-02-29 as serial
/// 60, so serials from 61 on are one day "ahead" of a plain count (61 = 1900-03-01); serial 60
/// itself is no date. The 1904 system (old Mac workbooks) counts 0 = 1904-01-01. Returns `None`
/// for NaN, negatives and anything outside [`PLAUSIBLE_YEARS`]: a number cell in a date column
/// that is not a plausible date is some other number.
pub fn excel_serial_to_date(serial: f64, date1904: bool) -> Option<NaiveDate> {
    // Also rejects NaN and infinities.
    if !(0.0..=3_000_000.0).contains(&serial) {
        return None;
    }
    // Round to Excel's millisecond resolution first, so 44621.99999999999 (a float-noisy
    // midnight) counts as the next day rather than the one before.
    let days = ((serial * 86_400_000.0).round() / 86_400_000.0).floor() as u64;
    let date = if date1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?.checked_add_days(Days::new(days))?
    } else if days == 60 {
        return None;
    } else if days < 60 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?.checked_add_days(Days::new(days))?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(days))?
    };
    PLAUSIBLE_YEARS.contains(&date.year()).then_some(date)
}

// ---------------------------------------------------------------------------------------------
// Amounts

/// Reads an amount of money in yuan: `5000`, `5,000`, `5，000`, `5000.00元`, `0.5万元`, `3万`,
/// `伍仟元整`, `人民币伍仟元`, `￥5000`, `¥5,000.50`, `壹万贰仟叁佰元整`, `伍佰元伍角`, with
/// full-width digits, and the decision-letter form `伍仟元整（¥5,000.00）` whose two halves must
/// agree ([`ValueError::AmountMismatch`] otherwise).
///
/// Rejected: anything approximate or a range (`约5000元`, `五千多元`, `5000-8000`), negative
/// numbers, fractions of a fen, digit groups split by spaces (`5 000` could be two numbers), and
/// empty text.
pub fn parse_amount(s: &str) -> Result<Money, ValueError> {
    parse_amount_scaled(s, 1)
}

/// Like [`parse_amount`], for a ledger column whose header names a unit (`罚款金额(万元)`:
/// `unit_yuan = 10000`). A bare number (`0.5`, `伍仟`, `￥5`) is in the column's unit; text that
/// names its own unit — 元/圆, 万/亿, 角/分 — keeps it (`5000元` is 5,000 yuan in any column).
/// A currency sign or 人民币 alone does not name a magnitude, so it does not override the column.
/// `unit_yuan` below 1 is treated as 1.
pub fn parse_amount_scaled(s: &str, unit_yuan: i64) -> Result<Money, ValueError> {
    let raw = s.trim();
    let bad = || ValueError::Amount(raw.to_string());
    let folded = fold_width(raw);
    let text = squeeze(&folded).ok_or_else(bad)?;
    let unit = unit_yuan.max(1);
    // `伍仟元整(¥5,000.00)`: words first, figures in brackets (or the other way round).
    if let Some(open) = text.rfind('(').filter(|_| text.ends_with(')')) {
        let (main, inner) = (&text[..open], &text[open + 1..text.len() - 1]);
        let (a, own_unit) = amount_body(main, unit).ok_or_else(bad)?;
        if matches!(
            inner,
            "元" | "人民币" | "人民币元" | "RMB" | "大写" | "小写"
        ) {
            return Ok(Money(a));
        }
        let (b, _) = amount_body(inner, if own_unit { 1 } else { unit }).ok_or_else(bad)?;
        if a != b {
            return Err(ValueError::AmountMismatch(raw.to_string()));
        }
        return Ok(Money(a));
    }
    amount_body(&text, unit)
        .map(|(fen, _)| Money(fen))
        .ok_or_else(bad)
}

/// Drops whitespace, except between two digits (`5 000`), which makes the text unreadable.
fn squeeze(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
        let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
        if before.is_some_and(char::is_ascii_digit) && after.is_some_and(char::is_ascii_digit) {
            return None;
        }
    }
    Some(out)
}

/// One amount without brackets. Returns fen and whether the text named its own unit.
fn amount_body(t: &str, unit_yuan: i64) -> Option<(i64, bool)> {
    let mut t = t;
    'strip: loop {
        for prefix in ["大写", "小写", "人民币", "RMB", "CNY", "￥", "¥"] {
            if let Some(rest) = t.strip_prefix(prefix) {
                t = rest.strip_prefix(':').unwrap_or(rest);
                continue 'strip;
            }
        }
        break;
    }
    let t = t.strip_suffix(['整', '正']).unwrap_or(t);
    let (yuan, tail, has_yuan) = match t.split_once(['元', '圆']) {
        Some((y, tail)) => (y, tail, true),
        None => (t, "", false),
    };
    let own_unit = has_yuan || yuan.contains(['万', '亿']);
    let multiplier = if own_unit { 1 } else { unit_yuan };
    let fen = number_fen(yuan, multiplier)?;
    let fen = fen.checked_add(jiao_fen(tail)?)?;
    Some((fen, own_unit))
}

/// `5,000.50`, `0.5万`, `3万`, `伍仟`, `一万二千` → fen, with a bare number taken in units of
/// `multiplier` yuan.
fn number_fen(s: &str, multiplier: i64) -> Option<i64> {
    let decimal_chars = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    };
    if let Some(num) = s.strip_suffix('万').filter(|n| decimal_chars(n)) {
        return decimal_fen(num, multiplier.checked_mul(10_000)?);
    }
    if decimal_chars(s) {
        return decimal_fen(s, multiplier);
    }
    if s.is_empty() || !s.chars().all(is_numeral_char) {
        return None;
    }
    let yuan = i64::try_from(cn_integer(s)?).ok()?;
    yuan.checked_mul(multiplier)?.checked_mul(100)
}

/// An exact decimal (`5,000.50`) times `multiplier` yuan, in fen. Thousands separators must group
/// by three; a result with a fraction of a fen is rejected rather than rounded.
fn decimal_fen(s: &str, multiplier: i64) -> Option<i64> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut groups = int.split(',');
    let first = groups.next()?;
    let grouped = int.contains(',');
    if first.is_empty() || (grouped && first.len() > 3) {
        return None;
    }
    let mut digits = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        digits.push_str(g);
    }
    if digits.len() > 18 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut value: i128 = digits.parse().ok()?;
    let per_unit = i128::from(multiplier) * 100;
    value *= per_unit;
    if let Some(f) = frac {
        if f.is_empty() || f.len() > 12 || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let scale = 10i128.pow(f.len() as u32);
        let part = f.parse::<i128>().ok()? * per_unit;
        if part % scale != 0 {
            return None;
        }
        value += part / scale;
    }
    i64::try_from(value).ok()
}

/// What follows 元: nothing, or `伍角`, `伍角叁分`, `零伍分`, `5角`.
fn jiao_fen(tail: &str) -> Option<i64> {
    let digit = |s: &str| numeral(s).filter(|d| *d <= 9).map(|d| d as i64);
    let mut t = tail.strip_prefix('零').unwrap_or(tail);
    let mut fen = 0;
    if let Some((j, rest)) = t.split_once('角') {
        fen += digit(j)? * 10;
        t = rest.strip_prefix('零').unwrap_or(rest);
    }
    if let Some((f, rest)) = t.split_once('分') {
        fen += digit(f)?;
        t = rest;
    }
    t.is_empty().then_some(fen)
}

// ---------------------------------------------------------------------------------------------
// Booleans and days

/// Characters that negate or qualify a 已…/未… phrase, which then says more than yes or no.
const QUALIFIERS: &[char] = &['不', '没', '无', '未', '否', '非', '弃', '拒', '免', '但'];

/// Reads a yes/no value: 是/否, 有/无 (没有), true/false and yes/no and Y/N in any case,
/// 1/0, √ ✓ ✔ (yes), × ✗ ✘ (no).
///
/// Ledgers often answer "是否告知听证" with what was done: `已告知` (yes) or `未告知` (no). So a
/// short phrase of Chinese characters starting with 已 reads as yes and with 未 as no — but only
/// when nothing after the first character negates or qualifies it (`已放弃`, `已告知但未送达`
/// are rejected: whether that is a yes depends on the column, which this function does not know).
pub fn parse_bool(s: &str) -> Result<bool, ValueError> {
    let raw = s.trim();
    let folded = fold_width(raw);
    let t = folded.trim().to_lowercase();
    let value = match t.as_str() {
        "是" | "有" | "true" | "yes" | "y" | "1" | "√" | "✓" | "✔" | "已" => Some(true),
        "否" | "无" | "没有" | "不是" | "false" | "no" | "n" | "0" | "×" | "✗" | "✘" | "未" => {
            Some(false)
        }
        _ => {
            let mut chars = t.chars();
            let first = chars.next();
            let rest: Vec<char> = chars.collect();
            let plain = (1..=6).contains(&rest.len())
                && rest
                    .iter()
                    .all(|c| is_cjk(*c) && !QUALIFIERS.contains(c) && !is_numeral_char(*c));
            match first {
                Some('已') if plain => Some(true),
                Some('未') if plain => Some(false),
                _ => None,
            }
        }
    };
    value.ok_or_else(|| ValueError::Bool(raw.to_string()))
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Reads a number of (calendar) days: `30`, `30日`, `30天`, `三十日`, with full-width digits.
/// Working days (`30个工作日`), ranges and approximations are rejected: they mean something else.
pub fn parse_days(s: &str) -> Result<u32, ValueError> {
    let raw = s.trim();
    let folded = fold_width(raw);
    let t = folded.trim();
    let t = t.strip_suffix(['日', '天']).unwrap_or(t).trim_end();
    let value = if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        t.parse::<u32>().ok()
    } else if t.contains(['万', '亿']) {
        None
    } else {
        numeral(t).and_then(|n| u32::try_from(n).ok())
    };
    value.ok_or_else(|| ValueError::Days(raw.to_string()))
}

#[cfg(test)]
mod tests {
    /// The fast path answers only where the general path accepts, and the same.
    #[test]
    fn plain_dates_read_as_the_general_path_reads_them() {
        let inputs = [
            "2022-03-01",
            "2022-3-1",
            "2022/03/01",
            "2022.3.01",
            "20220301",
            "20220230",
            "2022-02-30",
            "0999-01-01",
            "09990101",
            "1949-12-31",
            "2101-01-01",
            "2022-003-01",
            "2022-03-001",
            "2022-03/01",
            "2022-03-01-",
            "2022-03-",
            "2022--01",
            "2022-03-01 14:30",
            "2022-0a-01",
            "2022030",
            "202203011",
            "+022-03-01",
            "2022-+3-01",
            "",
            "2022",
            "2022-",
            "２０２２-03-01",
            "2022年3月1日",
            "2022年03月01号",
            "2022年3月1日14时",
            "2022年3月1日日",
            "2022年3月号",
            "2022年13月1日",
            "22年3月1日",
            "二〇二二年三月一日",
            "2022年 3月1日",
            "02022年3月1日",
        ];
        for t in inputs {
            let fast = super::plain_date(t);
            if let Some(d) = fast {
                assert_eq!(super::parse_date_general(t), Ok(d), "{t:?}");
            }
        }
        for t in [
            "2022-03-01",
            "2022-3-1",
            "2022/03/01",
            "2022.3.01",
            "20220301",
            "2022年3月1日",
            "2022年03月01号",
        ] {
            assert!(super::plain_date(t).is_some(), "{t:?}");
        }
    }

    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_in_every_form() {
        let cases = [
            ("2022-03-01", (2022, 3, 1)),
            ("2022/3/1", (2022, 3, 1)),
            ("2022.3.1", (2022, 3, 1)),
            ("2022-3-01", (2022, 3, 1)),
            ("20220301", (2022, 3, 1)),
            ("2022年3月1日", (2022, 3, 1)),
            ("2022年03月01日", (2022, 3, 1)),
            ("2022年3月1号", (2022, 3, 1)),
            ("2022 年 3 月 1 日", (2022, 3, 1)),
            ("２０２２年３月１日", (2022, 3, 1)),
            ("２０２２－０３－０１", (2022, 3, 1)),
            ("二〇二二年三月一日", (2022, 3, 1)),
            ("二零二二年十二月三十一日", (2022, 12, 31)),
            ("二〇二〇年二月二十九日", (2020, 2, 29)),
            ("  2022-03-01\t", (2022, 3, 1)),
            ("\u{3000}2022/3/1\u{3000}", (2022, 3, 1)),
            // Followed by a time.
            ("2022-03-01 14:30", (2022, 3, 1)),
            ("2022-03-01T14:30:00", (2022, 3, 1)),
            ("2022-03-01 14:30:00.000", (2022, 3, 1)),
            ("2022-03-01T14:30:00Z", (2022, 3, 1)),
            ("2022-03-01T14:30:00+08:00", (2022, 3, 1)),
            ("2022/3/1 0:00", (2022, 3, 1)),
            ("20220301 09:05", (2022, 3, 1)),
            ("2022年3月1日14时30分", (2022, 3, 1)),
            ("2022年3月1日 14时30分", (2022, 3, 1)),
            ("2022年3月1日14时30分15秒", (2022, 3, 1)),
            ("2022年3月1日14时许", (2022, 3, 1)),
            ("2022年3月1日14点半", (2022, 3, 1)),
            ("2022年3月1日14点30", (2022, 3, 1)),
            ("2022年3月1日下午2时", (2022, 3, 1)),
            ("2022年3月1日 14:30", (2022, 3, 1)),
            ("二〇二二年三月一日十四时三十分", (2022, 3, 1)),
            ("２０２２年３月１日１４时３０分", (2022, 3, 1)),
        ];
        for (input, (y, m, d)) in cases {
            assert_eq!(parse_date(input), Ok(ymd(y, m, d)), "{input}");
        }
    }

    #[test]
    fn dates_rejected() {
        use ValueError::*;
        let cases = [
            ("", Date("".into())),
            ("   ", Date("".into())),
            ("无", Date("无".into())),
            ("2022", Date("2022".into())),
            ("2022-03", Date("2022-03".into())),
            ("22-03-01", Date("22-03-01".into())),
            ("2022-3/1", Date("2022-3/1".into())),
            ("2022-003-01", Date("2022-003-01".into())),
            ("202231", Date("202231".into())),
            ("2022030", Date("2022030".into())),
            ("2022-03-01abc", Date("2022-03-01abc".into())),
            ("2022-03-0114:30", Date("2022-03-0114:30".into())),
            ("2022-03-01 25:00", Date("2022-03-01 25:00".into())),
            ("2022-03-01 14:60", Date("2022-03-01 14:60".into())),
            ("2022-03-01T", Date("2022-03-01T".into())),
            ("2022年3月1日上", Date("2022年3月1日上".into())),
            ("2022年3月1日25时", Date("2022年3月1日25时".into())),
            ("2022年3月", Date("2022年3月".into())),
            ("2022年3月上旬", Date("2022年3月上旬".into())),
            ("年3月1日", Date("年3月1日".into())),
            ("22年3月1日", Date("22年3月1日".into())),
            ("2022年三月初一", Date("2022年三月初一".into())),
            ("约2022年3月1日", Date("约2022年3月1日".into())),
            ("2022年13月5日", NoSuchDate("2022年13月5日".into())),
            ("2022-02-30", NoSuchDate("2022-02-30".into())),
            ("2021-02-29", NoSuchDate("2021-02-29".into())),
            ("2022-00-10", NoSuchDate("2022-00-10".into())),
            ("2022-04-31", NoSuchDate("2022-04-31".into())),
            ("20221301", NoSuchDate("20221301".into())),
            (
                "二〇二二年二月三十日",
                NoSuchDate("二〇二二年二月三十日".into()),
            ),
            ("2202-03-01", DateOutOfRange("2202-03-01".into())),
            ("1922年3月1日", DateOutOfRange("1922年3月1日".into())),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), Err(want), "{input}");
        }
    }

    #[test]
    fn excel_serials() {
        let cases = [
            // 1900 system: 44621 = 2022-03-01; the time fraction is dropped.
            (44621.0, false, Some(ymd(2022, 3, 1))),
            (44621.75, false, Some(ymd(2022, 3, 1))),
            (44_621.999_999_999_99, false, Some(ymd(2022, 3, 2))),
            (18264.0, false, Some(ymd(1950, 1, 1))),
            (18263.0, false, None), // 1949-12-31
            (73050.0, false, Some(ymd(2099, 12, 31))),
            (73415.0, false, Some(ymd(2100, 12, 31))),
            (73416.0, false, None), // 2101-01-01
            // The fake 1900-02-29 and its neighbours: none plausible, 60 is no date at all.
            (59.0, false, None),
            (60.0, false, None),
            (61.0, false, None),
            (0.0, false, None),
            (-1.0, false, None),
            (f64::NAN, false, None),
            (f64::INFINITY, false, None),
            (1e12, false, None),
            // 1904 system: 4 years and a day (1,462 days) less.
            (43159.0, true, Some(ymd(2022, 3, 1))),
            (43159.5, true, Some(ymd(2022, 3, 1))),
            (0.0, true, None),
        ];
        for (serial, d1904, want) in cases {
            assert_eq!(
                excel_serial_to_date(serial, d1904),
                want,
                "{serial} {d1904}"
            );
        }
    }

    #[test]
    fn excel_serial_leap_day_offset() {
        // From serial 61 (1900-03-01) on, the 1900 count runs one ahead of a plain day count
        // because of the fake 1900-02-29; serial 61 + n must be 1900-03-01 + n days.
        let base = ymd(1900, 3, 1);
        let serial = 61.0 + (ymd(1950, 1, 1) - base).num_days() as f64;
        assert_eq!(excel_serial_to_date(serial, false), Some(ymd(1950, 1, 1)));
        assert_eq!(serial, 18264.0);
    }

    #[test]
    fn amounts_in_every_form() {
        let cases = [
            ("5000", 500_000),
            ("0", 0),
            ("5,000", 500_000),
            ("5，000", 500_000),
            ("1,234,567", 123_456_700),
            ("5000元", 500_000),
            ("5000.00元", 500_000),
            ("5000.5", 500_050),
            ("5000.50元", 500_050),
            ("0.5万元", 500_000),
            ("0.5万", 500_000),
            ("3万", 3_000_000),
            ("3万元", 3_000_000),
            ("1.25万元", 1_250_000),
            ("伍仟元整", 500_000),
            ("伍仟元", 500_000),
            ("伍仟", 500_000),
            ("人民币伍仟元", 500_000),
            ("人民币伍仟元整", 500_000),
            ("人民币5000元", 500_000),
            ("人民币：5000元", 500_000),
            ("￥5000", 500_000),
            ("¥5,000.50", 500_050),
            ("RMB 5000", 500_000),
            ("壹万贰仟叁佰元整", 1_230_000),
            ("壹拾万元整", 10_000_000),
            ("五千元", 500_000),
            ("三万元", 3_000_000),
            ("一万二千元", 1_200_000),
            ("1万2千元", 1_200_000),
            ("伍佰元伍角", 50_050),
            ("伍佰元伍角叁分", 50_053),
            ("伍佰元零叁分", 50_003),
            ("伍佰元伍角整", 50_050),
            ("500元5角", 50_050),
            ("伍仟圆整", 500_000),
            ("５０００", 500_000),
            ("５，０００元", 500_000),
            ("￥５０００．００", 500_000),
            (" 人民币 5000 元 ", 500_000),
            ("5000(元)", 500_000),
            ("伍仟元整（¥5,000.00）", 500_000),
            ("5000元（伍仟元）", 500_000),
            ("人民币伍仟元整(小写:5000元)", 500_000),
        ];
        for (input, fen) in cases {
            assert_eq!(parse_amount(input), Ok(Money(fen)), "{input}");
        }
    }

    #[test]
    fn amounts_rejected() {
        let rejected = [
            "",
            "   ",
            "元",
            "五千多元",
            "约5000元",
            "5000余元",
            "5000元左右",
            "5000-8000",
            "5000~8000元",
            "-5000",
            "5 000",
            "5000 8000",
            "50,00",
            "5000,8000",
            ",500",
            "5000.",
            ".5",
            "5000.505",
            "0.0000001万",
            "5.5.5",
            "伍仟元伍",
            "伍佰元拾角",
            "5000元整整",
            "罚款5000元",
            "5000美元",
            "警告",
            "99999999999999999999",
            "人民币",
        ];
        for input in rejected {
            assert_eq!(
                parse_amount(input),
                Err(ValueError::Amount(input.trim().to_string())),
                "{input}"
            );
        }
        assert_eq!(
            parse_amount("伍仟元整（¥6,000.00）"),
            Err(ValueError::AmountMismatch("伍仟元整（¥6,000.00）".into()))
        );
        // `5000元整` keeps working; `5000元整整` does not (one 整 only).
        assert_eq!(parse_amount("5000元整"), Ok(Money(500_000)));
    }

    #[test]
    fn amounts_scaled_by_column_unit() {
        let cases = [
            // Bare numbers are in the column's unit.
            ("0.5", 10_000, 500_000),
            ("3", 10_000, 3_000_000),
            ("1.25", 10_000, 1_250_000),
            ("伍", 10_000, 5_000_000),
            ("￥0.5", 10_000, 500_000),
            // Text with its own unit keeps it.
            ("5000元", 10_000, 500_000),
            ("0.5万元", 10_000, 500_000),
            ("3万", 10_000, 3_000_000),
            ("三万", 10_000, 3_000_000),
            ("伍仟元整", 10_000, 500_000),
            ("伍佰元伍角", 10_000, 50_050),
            ("伍仟元整（¥5,000.00）", 10_000, 500_000),
            // A yuan column, and nonsense units, change nothing.
            ("5000", 1, 500_000),
            ("5000", 0, 500_000),
            ("5000", -3, 500_000),
        ];
        for (input, unit, fen) in cases {
            assert_eq!(
                parse_amount_scaled(input, unit),
                Ok(Money(fen)),
                "{input} @{unit}"
            );
        }
        // 0.0000001 万元 is a tenth of a fen; 0.000001 万元 is exactly one fen.
        assert!(parse_amount_scaled("0.0000001", 10_000).is_err());
        assert_eq!(parse_amount_scaled("0.000001", 10_000), Ok(Money(1)));
        assert_eq!(parse_amount_scaled("0.0000001", 1_000_000), Ok(Money(10)));
        assert!(parse_amount_scaled("五千多", 10_000).is_err());
        assert!(parse_amount_scaled("999999999999999", 10_000).is_err());
    }

    #[test]
    fn booleans() {
        let cases = [
            ("是", true),
            ("否", false),
            ("有", true),
            ("无", false),
            ("没有", false),
            ("不是", false),
            ("true", true),
            ("TRUE", true),
            ("True", true),
            ("false", false),
            ("FALSE", false),
            ("yes", true),
            ("No", false),
            ("Y", true),
            ("y", true),
            ("N", false),
            ("1", true),
            ("0", false),
            ("√", true),
            ("✓", true),
            ("✔", true),
            ("×", false),
            ("✗", false),
            ("✘", false),
            ("Ｙ", true),
            ("１", true),
            (" 是 ", true),
            ("已", true),
            ("未", false),
            ("已告知", true),
            ("未告知", false),
            ("已送达", true),
            ("未听证", false),
        ];
        for (input, want) in cases {
            assert_eq!(parse_bool(input), Ok(want), "{input}");
        }
        let rejected = [
            "",
            "是否",
            "2",
            "-1",
            "yes!",
            "t",
            "x",
            "不详",
            "已放弃",
            "已告知但未送达",
            "未不告知",
            "已经告知并送达当事人了",
            "已3日",
            "已1",
            "已三日",
            "待定",
        ];
        for input in rejected {
            assert_eq!(
                parse_bool(input),
                Err(ValueError::Bool(input.to_string())),
                "{input}"
            );
        }
    }

    #[test]
    fn days() {
        let cases = [
            ("30", 30),
            ("30日", 30),
            ("30天", 30),
            ("30 日", 30),
            ("三十日", 30),
            ("三十天", 30),
            ("三十", 30),
            ("六十日", 60),
            ("十日", 10),
            ("０", 0),
            ("３０日", 30),
            ("一百二十日", 120),
        ];
        for (input, want) in cases {
            assert_eq!(parse_days(input), Ok(want), "{input}");
        }
        let rejected = [
            "",
            "日",
            "天",
            "-30",
            "30.5",
            "30个工作日",
            "三十多天",
            "30-60日",
            "一个月",
            "三万日",
            "99999999999",
            "约30日",
            "30日日",
        ];
        for input in rejected {
            assert_eq!(
                parse_days(input),
                Err(ValueError::Days(input.to_string())),
                "{input}"
            );
        }
    }

    #[test]
    fn messages_in_both_languages() {
        let e = ValueError::Date("2022年13月".into());
        assert_eq!(e.message(Lang::Zh), "无法识别的日期：2022年13月");
        assert_eq!(e.message(Lang::En), "unrecognised date: 2022年13月");
        assert_eq!(e.raw(), "2022年13月");
        let all = [
            ValueError::Date("a".into()),
            ValueError::NoSuchDate("a".into()),
            ValueError::DateOutOfRange("a".into()),
            ValueError::Amount("a".into()),
            ValueError::AmountMismatch("a".into()),
            ValueError::Bool("a".into()),
            ValueError::Days("a".into()),
        ];
        for e in all {
            let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
            assert!(zh.ends_with("：a"), "{zh}");
            assert!(en.ends_with(": a"), "{en}");
            assert_ne!(zh, en);
        }
    }
}
