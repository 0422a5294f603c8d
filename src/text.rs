//! Text normalisation shared by the readers and the citation parser: full-width
//! characters, traditional variants that matter for legal text, and Chinese numerals.
//!
//! Exports mix full-width digits (２０２２), financial capitals (伍仟) and traditional
//! characters (第六十條); everything downstream compares normalised text.

use std::borrow::Cow;

/// `s.trim()`, answered from the first and last characters' lead bytes when neither can be
/// whitespace (almost every cell and element text): the readers trim every value they look at,
/// and the standard trim decodes and classifies a character at each end, a call each time.
#[inline]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return s;
    };
    // The lead byte of the last character: at most three continuation bytes back.
    let last_lead = if last < 0x80 {
        last
    } else {
        match b.iter().rev().take(4).find(|&&x| (x as i8) >= -0x40) {
            Some(&x) => x,
            None => return s.trim(),
        }
    };
    if may_start_whitespace(first) || may_start_whitespace(last_lead) {
        s.trim()
    } else {
        s
    }
}

/// Whether a character whose UTF-8 starts with `lead` may be whitespace (`char::is_whitespace`):
/// ASCII tab to carriage return and space; U+0085 and U+00A0 (0xC2); U+1680 (0xE1); U+2000–U+205F
/// (0xE2); U+3000 (0xE3). Every other lead byte starts no whitespace.
#[inline]
fn may_start_whitespace(lead: u8) -> bool {
    matches!(lead, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// Folds full-width ASCII (U+FF01–U+FF5E) and the ideographic space to half-width.
/// Leaves everything else, including full-width brackets we treat specially (（）〔〕), as is
/// unless it has an ASCII twin in the full-width block (（ ）become ( )).
pub fn fold_width(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}')
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect(),
    )
}

/// Maps traditional characters that occur in statute citations to their simplified forms.
pub fn simplify_char(c: char) -> char {
    match c {
        '條' => '条',
        '項' => '项',
        '華' => '华',
        '國' => '国',
        '處' => '处',
        '罰' => '罚',
        '務' => '务',
        '護' => '护',
        '規' => '规',
        '兩' => '两',
        '萬' => '万',
        '億' => '亿',
        '參' => '叁',
        '陸' => '陆',
        '貳' => '贰',
        '與' => '与',
        '關' => '关',
        '辦' => '办',
        '機' => '机',
        '構' => '构',
        '門' => '门',
        '實' => '实',
        '這' => '这',
        '號' => '号',
        '級' => '级',
        '訂' => '订',
        '產' => '产',
        '場' => '场',
        '營' => '营',
        '設' => '设',
        '計' => '计',
        '經' => '经',
        '權' => '权',
        '聽' => '听',
        '證' => '证',
        '決' => '决',
        '書' => '书',
        '審' => '审',
        '會' => '会',
        '員' => '员',
        '責' => '责',
        '違' => '违',
        '內' => '内',
        '發' => '发',
        '災' => '灾',
        '報' => '报',
        '傳' => '传',
        '單' => '单',
        '個' => '个',
        '們' => '们',
        '時' => '时',
        '間' => '间',
        '將' => '将',
        '進' => '进',
        '爲' | '為' => '为',
        '範' => '范',
        '圍' => '围',
        '準' => '准',
        '標' => '标',
        '強' => '强',
        '復' => '复',
        '議' => '议',
        '訴' => '诉',
        '訟' => '讼',
        '質' => '质',
        '執' => '执',
        _ => c,
    }
}

/// [`normalize`] with every whitespace character removed: the form in which case numbers,
/// decision numbers and party names are compared across cases.
pub fn compact(s: &str) -> String {
    // One pass and one allocation: [`normalize_char`] never maps a character onto a longer
    // one, and whitespace is dropped after the mapping (U+3000 becomes a space).
    // Runs of characters kept as they are are copied whole.
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let m = normalize_char(c);
        if m != c || m.is_whitespace() {
            out.push_str(&s[run..i]);
            if !m.is_whitespace() {
                out.push(m);
            }
            run = i + c.len_utf8();
        }
    }
    out.push_str(&s[run..]);
    out
}

/// Full-width folding plus traditional → simplified for the characters in [`simplify_char`].
pub fn normalize(s: &str) -> String {
    // One pass, sized up front (no character maps to a longer one); ASCII is left as is.
    // Runs of characters kept as they are are copied whole.
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let m = normalize_char(c);
        if m != c {
            out.push_str(&s[run..i]);
            out.push(m);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&s[run..]);
    out
}

/// [`normalize`] of one character.
#[inline]
pub fn normalize_char(c: char) -> char {
    match c {
        '\0'..='\x7f' => c,
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => simplify_char(c),
    }
}

fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' | '0' | 'Ｏ' => 0,
        '一' | '壹' | '幺' | '1' => 1,
        '二' | '贰' | '两' | '兩' | '貳' | '2' => 2,
        '三' | '叁' | '參' | '3' => 3,
        '四' | '肆' | '4' => 4,
        '五' | '伍' | '5' => 5,
        '六' | '陆' | '陸' | '6' => 6,
        '七' | '柒' | '7' => 7,
        '八' | '捌' | '8' => 8,
        '九' | '玖' | '9' => 9,
        _ => return None,
    })
}

fn unit_value(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// True for any character [`cn_integer`] understands.
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some()
        || unit_value(c).is_some()
        || tens_value(c).is_some()
        || matches!(c, '万' | '萬' | '亿' | '億')
}

/// 廿 (20), 卅 (30), 卌 (40): old single-character tens, still written in citations (第廿八条).
fn tens_value(c: char) -> Option<u64> {
    Some(match c {
        '廿' => 20,
        '卅' => 30,
        '卌' => 40,
        _ => return None,
    })
}

/// Reads a whole string as a non-negative integer written in Chinese numerals, Arabic digits,
/// or a mix (`六十`, `一百零五`, `伍仟`, `二〇二二`, `3万`, `十`). Returns `None` for anything
/// else, including an empty string. Positional runs without units (`二〇二二`) read as digits.
pub fn cn_integer(s: &str) -> Option<u64> {
    let s = fold_width(s);
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    // Digits only (二〇二二, 2〇22): positional.
    if s.chars()
        .all(|c| digit_value(c).is_some() && !matches!(c, '两' | '兩'))
    {
        return s.chars().try_fold(0u64, |acc, c| {
            acc.checked_mul(10)?.checked_add(digit_value(c)?)
        });
    }
    let mut total: u64 = 0; // completed 亿 and 万 sections
    let mut section: u64 = 0; // within the current 万 section
    let mut number: Option<u64> = None; // pending digit run (Arabic digits may be multi-char)
    let mut saw_any = false;
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            number = Some(if c.is_ascii_digit() {
                number.unwrap_or(0).checked_mul(10)?.checked_add(d)?
            } else {
                d
            });
            saw_any = true;
        } else if let Some(t) = tens_value(c) {
            // 廿八 = 28: a whole tens value, never multiplied by a digit before it.
            if number.is_some() {
                return None;
            }
            section = section.checked_add(t)?;
            saw_any = true;
        } else if let Some(u) = unit_value(c) {
            // 十 alone means 10 (十五 = 15).
            let n = number.take().unwrap_or(1);
            section = section.checked_add(n.checked_mul(u)?)?;
            saw_any = true;
        } else if matches!(c, '万' | '萬') {
            let n = section.checked_add(number.take().unwrap_or(0))?;
            let n = if n == 0 { 1 } else { n };
            total = total.checked_add(n.checked_mul(10_000)?)?;
            section = 0;
            saw_any = true;
        } else if matches!(c, '亿' | '億') {
            let n = total
                .checked_add(section)?
                .checked_add(number.take().unwrap_or(0))?;
            let n = if n == 0 { 1 } else { n };
            total = n.checked_mul(100_000_000)?;
            section = 0;
            saw_any = true;
        } else {
            return None;
        }
    }
    if !saw_any {
        return None;
    }
    total.checked_add(section)?.checked_add(number.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `trim` is `str::trim` for every character at either end, alone, doubled and around text.
    #[test]
    fn trim_is_the_standard_trim_for_every_character() {
        let mut lead = [false; 256];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let e = c.encode_utf8(&mut buf);
            if c.is_whitespace() {
                lead[e.as_bytes()[0] as usize] = true;
            }
            for s in [
                e.to_string(),
                format!("{c}{c}"),
                format!("{c}案卷{c}"),
                format!("{c}a"),
                format!("a{c}"),
                format!("\u{3000}{c}"),
                format!("{c} "),
            ] {
                assert_eq!(trim(&s), s.trim(), "{:?}", s);
            }
        }
        // The lead bytes the fast path trusts are exactly those no whitespace starts with.
        for (b, &ws) in lead.iter().enumerate() {
            assert!(!ws || may_start_whitespace(b as u8), "lead byte {b:#x}");
        }
        assert_eq!(trim(""), "");
    }

    /// `normalize` and `compact` copy unchanged runs whole; they say what the plain
    /// per-character definitions say.
    #[test]
    fn normalize_and_compact_follow_their_definitions() {
        let plain_normalize = |s: &str| s.chars().map(normalize_char).collect::<String>();
        let plain_compact = |s: &str| {
            plain_normalize(s)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        };
        for s in [
            "",
            " ",
            "abc",
            "開封市 趙氏商貿　有限公司",
            "解消行罚决字〔２０２２〕第00001号",
            "《中華人民共和國消防法》第六十條\u{a0}第一款\t",
            "\u{3000}\u{3000}Ｘ\u{85}條",
            "914102047UF926BLJP ",
        ] {
            assert_eq!(normalize(s), plain_normalize(s), "{s:?}");
            assert_eq!(compact(s), plain_compact(s), "{s:?}");
        }
    }

    #[test]
    fn integers() {
        let cases = [
            ("六十", Some(60)),
            ("十", Some(10)),
            ("十五", Some(15)),
            ("廿八", Some(28)),
            ("卅", Some(30)),
            ("二廿", None),
            ("一百零五", Some(105)),
            ("一百一十", Some(110)),
            ("伍仟", Some(5000)),
            ("叁万", Some(30000)),
            ("三十万", Some(300000)),
            ("五万", Some(50000)),
            ("一千零一", Some(1001)),
            ("二〇二二", Some(2022)),
            ("２０２２", Some(2022)),
            ("60", Some(60)),
            ("3万", Some(30000)),
            ("两千", Some(2000)),
            ("壹拾伍", Some(15)),
            ("一万二千", Some(12000)),
            ("十万零五百", Some(100500)),
            ("", None),
            ("六十a", None),
            ("多", None),
        ];
        for (input, want) in cases {
            assert_eq!(cn_integer(input), want, "{input}");
        }
    }

    #[test]
    fn width_and_traditional() {
        assert_eq!(fold_width("２０２２年３月１日（一）"), "2022年3月1日(一)");
        assert_eq!(normalize("第六十條第一款第一項"), "第六十条第一款第一项");
    }

    /// The one-pass `normalize` is width folding followed by simplification, character for
    /// character, on awkward input too (edges of the full-width block, emoji, controls).
    #[test]
    fn normalize_is_fold_then_simplify() {
        let reference = |s: &str| -> String { fold_width(s).chars().map(simplify_char).collect() };
        let inputs = [
            "",
            "abc 123",
            "　全角空格　",
            "\u{FF00}\u{FF01}\u{FF5E}\u{FF5F}",
            "《中華人民共和國消防法》第六十條第一款第（三）項",
            "處罰決定書號：消字〔２０２２〕第００１號",
            "😀\t\n\u{7f}\u{80}條",
            "ＡＢＣ－ｘｙｚ～",
        ];
        for s in inputs {
            assert_eq!(normalize(s), reference(s), "{s:?}");
        }
        // Every full-width character and the traditional table, one by one.
        for c in ('\u{3000}'..='\u{3001}')
            .chain('\u{FEFF}'..='\u{FF70}')
            .chain("條項華國處罰萬與".chars())
        {
            let s = c.to_string();
            assert_eq!(normalize(&s), reference(&s), "{c:?}");
        }
    }
}
