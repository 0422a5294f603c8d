//! Value parsers shared by the XML, Excel and decision readers: dates, amounts of money, yes/no
//! values, day counts, procedures and party kinds, in every form the exports use (formats.md,
//! "Dates come as…", "Amounts come as…", "Booleans come as…").
//!
//! Both readers must agree on what a cell or element *means*, so the forms live here once. A
//! parser either returns the value or a [`ValueError`] carrying the raw text; the reader turns
//! that into [`crate::model::Field::Invalid`] (finding F006), never into a guess. Hence the
//! parsers are strict about anything approximate (`约5000元`, `五千多元`, `5000-8000`): an amount
//! that is not exact must not be compared with a statutory limit as if it were.

use crate::finding::Lang;
use crate::model::{Money, PartyKind, Procedure};
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
    let raw = crate::text::trim(s);
    match plain_date(raw) {
        Some(date) => Ok(date),
        None => parse_date_general(raw),
    }
}

/// [`parse_date`] of a trimmed text, every form.
fn parse_date_general(raw: &str) -> Result<NaiveDate, ValueError> {
    let folded = fold_width(raw);
    let t = crate::text::trim(&folded);
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
    let s = crate::text::trim(s);
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
    let raw = crate::text::trim(s);
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
    let raw = crate::text::trim(s);
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
    let raw = crate::text::trim(s);
    let folded = fold_width(raw);
    let t = crate::text::trim(&folded);
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
    let t = crate::text::trim(&t);
    if ["单位", "法人", "其他组织", "企业", "法人或其他组织"].contains(&t) {
        Ok(PartyKind::Unit)
    } else if ["个人", "自然人", "公民"].contains(&t) {
        Ok(PartyKind::Individual)
    } else {
        Err("party kind")
    }
}

#[cfg(test)]
mod tests;
