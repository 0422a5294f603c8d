//! Identifier checksums: the 统一社会信用代码 (unified social credit code, GB 32100-2015) of a
//! unit and the 公民身份号码 (citizen ID number, GB 11643-1999) of a person.
//!
//! A party identified by a number that cannot exist is a defect in the subject of the case
//! (主体): the decision may name the wrong party. The algorithms and constants are exactly those
//! of legal.md §7 ("Identifier checksums"), which is marked **SECONDARY**: read from
//! dromara/hutool `CreditCodeUtil.java` (S10) and `IdcardUtil.java` (S11), agreeing with several
//! independent implementations and with the sample codes; the GB standard texts themselves were
//! not read. The GB 11714 sub-check on a credit code's positions 9–17 is **DERIVED / UNVERIFIED
//! for universality** (legal.md §7.1) and so is a separate function whose failure is a warning.
//!
//! Where caselint goes beyond legal.md, it says so: a 15-digit legacy ID number is also checked
//! for its province prefix, and an 18-digit number's birth year must be 1800 or later (a sanity
//! bound of ours; hutool uses 1900, which would reject legal.md's own valid sample
//! `440524188001010014`).

use crate::finding::Lang;
use crate::text::fold_width;
use chrono::NaiveDate;

/// GB 32100 character set: digits and capitals without I, O, S, V, Z; a character's value is its
/// index (legal.md §7.1).
const USCC_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// 3^(i−1) mod 31 for positions 1–17 (legal.md §7.1).
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// GB 11714 weights over the organisation code's first 8 characters (legal.md §7.1).
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
/// 2^(18−i) mod 11 for positions 1–17 (legal.md §7.2).
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character by S mod 11 (legal.md §7.2).
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// The kind of a valid citizen ID number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// The current 18-character number with check character.
    Full18,
    /// A pre-1999 15-digit number (no check character; year without its century, always 19YY).
    Legacy15,
}

/// What characters a position allows, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Allowed {
    /// `0`–`9`.
    Digit,
    /// `0`–`9` or `X` (an ID number's check character).
    DigitOrX,
    /// The 31 credit-code characters: digits and capitals except I, O, S, V, Z.
    CreditCodeChar,
}

impl Allowed {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Allowed::Digit => lang.pick("数字", "a digit"),
            Allowed::DigitOrX => lang.pick("数字或X", "a digit or X"),
            Allowed::CreditCodeChar => lang.pick(
                "数字或大写字母（不含I、O、S、V、Z）",
                "a digit or a capital letter other than I, O, S, V, Z",
            ),
        }
    }
}

/// Exactly what is wrong with an identifier. Positions are 1-based, as people count them.
///
/// `Display` is the Chinese message; [`IdProblem::message`] gives either language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdProblem {
    #[error("长度应为{expected}位，实为{found}位")]
    Length { expected: usize, found: usize },
    #[error("第{position}位“{found}”不合规，应为{}", .allowed.label(Lang::Zh))]
    Charset {
        position: usize,
        found: char,
        allowed: Allowed,
    },
    #[error("校验码应为“{expected}”，实为“{found}”")]
    CheckChar { expected: char, found: char },
    /// The birth-date digits (YYYYMMDD, or YYMMDD in a legacy number) are no real date.
    #[error("出生日期码“{found}”不是有效日期")]
    BirthDate { found: String },
    /// The first two digits are no province-level code.
    #[error("地址码前两位“{found}”不是有效的省级行政区划代码")]
    Province { found: String },
}

impl IdProblem {
    /// The message in the run's language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.to_string(),
            Lang::En => match self {
                IdProblem::Length { expected, found } => {
                    format!("should have {expected} characters, has {found}")
                }
                IdProblem::Charset {
                    position,
                    found,
                    allowed,
                } => format!(
                    "character {position} '{found}' is not allowed: expected {}",
                    allowed.label(Lang::En)
                ),
                IdProblem::CheckChar { expected, found } => {
                    format!("check character should be '{expected}', is '{found}'")
                }
                IdProblem::BirthDate { found } => {
                    format!("birth date digits '{found}' are not a valid date")
                }
                IdProblem::Province { found } => {
                    format!("address code prefix '{found}' is not a province-level code")
                }
            },
        }
    }
}

fn uscc_value(c: char) -> Option<u32> {
    let b = u8::try_from(c).ok()?;
    USCC_CHARS.iter().position(|&x| x == b).map(|v| v as u32)
}

/// Whether a number is masked as published records print it (`4101**********1234`,
/// `91330203MA2A******`): its digits are unknown, not wrong (formats §5). Two or more mask
/// characters; a single stray `*` is still a typing error.
pub fn is_masked(s: &str) -> bool {
    s.chars()
        .filter(|c| matches!(c, '*' | '＊' | '×' | '●' | '○'))
        .count()
        >= 2
}

/// Checks a 统一社会信用代码 (GB 32100-2015, legal.md §7.1): 18 characters; positions 3–8 digits
/// (the administrative division code), the others from the 31-character set; check character
/// `(31 − Σ value×weight mod 31) mod 31`. Surrounding spaces and full-width characters are folded
/// first; lower-case letters are not accepted (the standard's set is capitals only).
pub fn check_credit_code(s: &str) -> Result<(), IdProblem> {
    let folded = fold_width(s);
    let chars: Vec<char> = folded.trim().chars().collect();
    if chars.len() != 18 {
        return Err(IdProblem::Length {
            expected: 18,
            found: chars.len(),
        });
    }
    let mut sum = 0u32;
    for (i, &c) in chars.iter().enumerate() {
        let (value, allowed) = if (2..8).contains(&i) {
            (
                c.to_digit(10).filter(|_| c.is_ascii_digit()),
                Allowed::Digit,
            )
        } else {
            (uscc_value(c), Allowed::CreditCodeChar)
        };
        let Some(value) = value else {
            return Err(IdProblem::Charset {
                position: i + 1,
                found: c,
                allowed,
            });
        };
        if i < 17 {
            sum += value * USCC_WEIGHTS[i];
        }
    }
    let expected = USCC_CHARS[((31 - sum % 31) % 31) as usize] as char;
    if chars[17] != expected {
        return Err(IdProblem::CheckChar {
            expected,
            found: chars[17],
        });
    }
    Ok(())
}

/// The GB 11714 (组织机构代码) check on a credit code's positions 9–17 (legal.md §7.1:
/// DERIVED / UNVERIFIED for universality — e.g. 个体工商户 codes may not satisfy it, so a `false`
/// here is a warning, never an error). Also takes a bare 9-character organisation code,
/// `XXXXXXXX-X` included. Anything else is `false`.
pub fn org_code_subcheck(s: &str) -> bool {
    let folded = fold_width(s);
    let chars: Vec<char> = folded.trim().chars().collect();
    let code: Vec<char> = match chars.len() {
        18 => chars[8..17].to_vec(),
        9 => chars,
        10 if chars[8] == '-' => chars[..8].iter().chain(&chars[9..]).copied().collect(),
        _ => return false,
    };
    let value = |c: char| match c {
        '0'..='9' | 'A'..='Z' => c.to_digit(36),
        _ => None,
    };
    let mut sum = 0;
    for (c, w) in code.iter().zip(ORG_WEIGHTS) {
        match value(*c) {
            Some(v) => sum += v * w,
            None => return false,
        }
    }
    let expected = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        d => char::from_digit(d, 10).unwrap_or('?'),
    };
    code[8] == expected
}

/// Province-level prefixes (legal.md §7.2): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65; 71 台湾,
/// 81 香港, 82 澳门, 83 台湾居民居住证, 91 foreign (per hutool).
fn is_province(p: u32) -> bool {
    matches!(p, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82 | 83 | 91)
}

/// Checks a 公民身份号码 (GB 11643-1999, legal.md §7.2). 18 characters: 17 digits and a check
/// character (`0`–`9` or `X`; a lower-case `x` is accepted), a province prefix from the list, a
/// valid YYYYMMDD birth date, and the check character `"10X98765432"[Σ digit×weight mod 11]`.
/// A 15-digit legacy number (pre-1999: address, YYMMDD, sequence, no check character) is
/// [`IdKind::Legacy15`] when its prefix and 19YYMMDD birth date are valid. Spaces around and
/// full-width characters are folded first.
///
/// Problems are reported in this order: length, characters, province, birth date, check
/// character — so one mistyped birth-date digit reads as a bad date when it makes one.
pub fn check_id_number(s: &str) -> Result<IdKind, IdProblem> {
    let folded = fold_width(s);
    let chars: Vec<char> = folded.trim().chars().collect();
    let kind = match chars.len() {
        18 => IdKind::Full18,
        15 => IdKind::Legacy15,
        n => {
            return Err(IdProblem::Length {
                expected: 18,
                found: n,
            })
        }
    };
    let mut digits = Vec::with_capacity(18);
    for (i, &c) in chars.iter().enumerate() {
        let is_check = kind == IdKind::Full18 && i == 17;
        match c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            Some(d) => digits.push(d),
            None if is_check && matches!(c, 'X' | 'x') => {}
            None => {
                return Err(IdProblem::Charset {
                    position: i + 1,
                    found: c,
                    allowed: if is_check {
                        Allowed::DigitOrX
                    } else {
                        Allowed::Digit
                    },
                })
            }
        }
    }
    let text: String = chars.iter().collect();
    if !is_province(digits[0] * 10 + digits[1]) {
        return Err(IdProblem::Province {
            found: text[..2].to_string(),
        });
    }
    let (year, birth) = match kind {
        IdKind::Full18 => (number(&digits[6..10]), &text[6..14]),
        IdKind::Legacy15 => (1900 + number(&digits[6..8]), &text[6..12]),
    };
    let (month, day) = match kind {
        IdKind::Full18 => (number(&digits[10..12]), number(&digits[12..14])),
        IdKind::Legacy15 => (number(&digits[8..10]), number(&digits[10..12])),
    };
    let valid_date = year >= 1800
        && i32::try_from(year)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
            .is_some();
    if !valid_date {
        return Err(IdProblem::BirthDate {
            found: birth.to_string(),
        });
    }
    if kind == IdKind::Full18 {
        let expected = id_check_char(&digits[..17]);
        let found = chars[17].to_ascii_uppercase();
        if found != expected {
            return Err(IdProblem::CheckChar { expected, found });
        }
    }
    Ok(kind)
}

fn number(digits: &[u32]) -> u32 {
    digits.iter().fold(0, |acc, d| acc * 10 + d)
}

fn id_check_char(first17: &[u32]) -> char {
    let sum: u32 = first17.iter().zip(ID_WEIGHTS).map(|(d, w)| d * w).sum();
    ID_CHECK[(sum % 11) as usize] as char
}

/// The form to compare ID numbers in: folded, trimmed, check `x` upper-cased.
pub fn normalize_id_number(s: &str) -> String {
    fold_width(s).trim().to_ascii_uppercase()
}

/// Converts a valid 15-digit legacy number to its 18-digit form (legal.md §7.2: insert `19`
/// before the year, append the check character), so the same person's two numbers compare
/// equal. `None` unless `s` is a valid [`IdKind::Legacy15`].
pub fn id15_to_18(s: &str) -> Option<String> {
    if check_id_number(s).ok()? != IdKind::Legacy15 {
        return None;
    }
    let t = normalize_id_number(s);
    let mut out = format!("{}19{}", &t[..6], &t[6..]);
    let digits: Vec<u32> = out.chars().filter_map(|c| c.to_digit(10)).collect();
    out.push(id_check_char(&digits));
    Some(out)
}

// Masking: what another brigade sees of a person's name or ID number (`--mask`, the meeting
// reports; see `review::mask`).

/// `张三` → `张*`, `欧阳娜娜` → `欧***`: the first character kept, one star per other
/// character (a compound surname cannot be told from a given name reliably, so only one
/// character is kept).
pub fn mask_name(s: &str) -> String {
    let s = s.trim();
    let mut chars = s.chars();
    match chars.next() {
        None => String::new(),
        Some(first) => {
            let rest = chars.count();
            let mut out = String::from(first);
            out.extend(std::iter::repeat_n('*', rest.max(1)));
            out
        }
    }
}

/// `410102199001011234` → `4101**********1234`: the first and last four characters kept
/// (region and check digits tell two numbers apart without the birth date). Anything of eight
/// characters or fewer keeps only its first character.
pub fn mask_id(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let n = chars.len();
    if n == 0 {
        return String::new();
    }
    if n <= 8 {
        return mask_name(s);
    }
    let mut out: String = chars[..4].iter().collect();
    out.extend(std::iter::repeat_n('*', n - 8));
    out.extend(&chars[n - 4..]);
    out
}

/// Masks every run of digits shaped like a citizen ID number (18 characters with a valid birth
/// date, or a valid 15-digit legacy number) that is not a valid unit credit code. Neighbouring
/// ASCII letters or digits mean the run is part of something else and is left alone.
pub fn mask_id_numbers(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j - i == 17 && j < bytes.len() && matches!(bytes[j], b'X' | b'x') {
            j += 1;
        }
        let whole = j >= bytes.len() || !bytes[j].is_ascii_alphanumeric();
        let cand = &text[i..j];
        if whole && id_shaped(cand) {
            out.push_str(&text[last..i]);
            out.push_str(&mask_id(cand));
            last = j;
        }
        i = j;
    }
    out.push_str(&text[last..]);
    out
}

fn id_shaped(s: &str) -> bool {
    match s.len() {
        15 => check_id_number(s).is_ok(),
        18 => {
            if check_id_number(s).is_ok() {
                return true;
            }
            if check_credit_code(s).is_ok() {
                return false;
            }
            // A mistyped ID (bad check digit) is still a person's number.
            let y: i32 = s[6..10].parse().unwrap_or(0);
            let m: u32 = s[10..12].parse().unwrap_or(0);
            let d: u32 = s[12..14].parse().unwrap_or(0);
            (1800..=2100).contains(&y) && chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_numbers() {
        assert!(is_masked("4102**********2011"));
        assert!(is_masked("91330203MA2A******"));
        assert!(!is_masked("41020319850315692*"));
        assert!(!is_masked("11010519491231002X"));
    }

    const CREDIT_CODES: [&str; 3] = [
        "91350100M000100Y43",
        "91110000600037341L",
        "91110108551385082Q",
    ];

    #[test]
    fn valid_credit_codes() {
        for code in CREDIT_CODES {
            assert_eq!(check_credit_code(code), Ok(()), "{code}");
            assert!(org_code_subcheck(code), "{code}");
        }
        // Full-width and surrounding spaces are folded.
        assert_eq!(
            check_credit_code(" ９１３５０１００Ｍ０００１００Ｙ４３\u{3000}"),
            Ok(())
        );
    }

    #[test]
    fn credit_code_with_one_character_changed() {
        let check = |expected, found| IdProblem::CheckChar { expected, found };
        let charset = |position, found, allowed| IdProblem::Charset {
            position,
            found,
            allowed,
        };
        let cases = [
            // Check character itself.
            ("91350100M000100Y44", check('3', '4')),
            ("91110000600037341M", check('L', 'M')),
            ("91110108551385082R", check('Q', 'R')),
            // A digit in the division code (position 5).
            ("91351100M000100Y43", check('F', '3')),
            ("91111000600037341L", check('1', 'L')),
            ("91111108551385082Q", check('5', 'Q')),
            // A character in the organisation code (position 11).
            ("91350100M090100Y43", check('T', '3')),
            ("91110000609037341L", check('C', 'L')),
            ("91110108559385082Q", check('A', 'Q')),
            // Excluded letters and lower case.
            (
                "91350100I000100Y43",
                charset(9, 'I', Allowed::CreditCodeChar),
            ),
            (
                "O1350100M000100Y43",
                charset(1, 'O', Allowed::CreditCodeChar),
            ),
            (
                "91350100M000100Y4S",
                charset(18, 'S', Allowed::CreditCodeChar),
            ),
            (
                "91350100m000100Y43",
                charset(9, 'm', Allowed::CreditCodeChar),
            ),
            (
                "91110000600037341l",
                charset(18, 'l', Allowed::CreditCodeChar),
            ),
            // Positions 3–8 are digits only, even for allowed letters.
            ("91A50100M000100Y43", charset(3, 'A', Allowed::Digit)),
            ("9135010AM000100Y43", charset(8, 'A', Allowed::Digit)),
            ("9135-100M000100Y43", charset(5, '-', Allowed::Digit)),
            // Length.
            (
                "91350100M000100Y4",
                IdProblem::Length {
                    expected: 18,
                    found: 17,
                },
            ),
            (
                "91350100M000100Y433",
                IdProblem::Length {
                    expected: 18,
                    found: 19,
                },
            ),
            (
                "",
                IdProblem::Length {
                    expected: 18,
                    found: 0,
                },
            ),
            (
                "91350100-M000100Y4",
                charset(9, '-', Allowed::CreditCodeChar),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(check_credit_code(input), Err(want), "{input}");
        }
    }

    #[test]
    fn organisation_code_subcheck() {
        let cases = [
            ("91350100M000100Y43", true),
            ("M000100Y4", true),
            ("M000100Y-4", true),
            ("60003734-1", true),
            ("551385082", true),
            ("551385083", false),
            ("91350100M090100Y43", false), // position 11 changed: sub-check 0, found 4
            ("91110000609037341L", false),
            ("M000100Y", false),
            ("M000100Y4-", false),
            ("m000100y4", false),
            ("", false),
        ];
        for (input, want) in cases {
            assert_eq!(org_code_subcheck(input), want, "{input}");
        }
    }

    #[test]
    fn valid_id_numbers() {
        let cases = [
            ("11010519491231002X", IdKind::Full18),
            ("11010519491231002x", IdKind::Full18),
            ("440524188001010014", IdKind::Full18),
            (" １１０１０５１９４９１２３１００２Ｘ ", IdKind::Full18),
            ("110105491231002", IdKind::Legacy15),
            ("440524800101001", IdKind::Legacy15),
        ];
        for (input, want) in cases {
            assert_eq!(check_id_number(input), Ok(want), "{input}");
        }
        // A legacy number's century is always 19, and 1900 was no leap year.
        assert_eq!(
            check_id_number("110105000229002"),
            Err(IdProblem::BirthDate {
                found: "000229".into()
            })
        );
        assert_eq!(check_id_number("110105040229002"), Ok(IdKind::Legacy15));
    }

    #[test]
    fn id_numbers_with_one_character_changed() {
        let check = |expected, found| IdProblem::CheckChar { expected, found };
        let birth = |s: &str| IdProblem::BirthDate { found: s.into() };
        let province = |s: &str| IdProblem::Province { found: s.into() };
        let cases = [
            // Check character.
            ("110105194912310021", check('X', '1')),
            ("440524188001010015", check('4', '5')),
            ("44052418800101001X", check('4', 'X')),
            // Sequence digit (position 16).
            ("11010519491231012X", check('6', 'X')),
            ("440524188001010114", check('0', '4')),
            // Address digit (position 3): province unchanged, checksum broken.
            ("11910519491231002X", check('8', 'X')),
            ("449524188001010014", check('2', '4')),
            // Birth date made impossible.
            ("11010519491331002X", birth("19491331")),
            ("11010519490231002X", birth("19490231")),
            ("11010519491232002X", birth("19491232")),
            ("440524188002300014", birth("18800230")),
            ("440524178001010014", birth("17800101")),
            // Province prefix.
            ("01010519491231002X", province("01")),
            ("19010519491231002X", province("19")),
            ("940524188001010014", province("94")),
            ("16052418800101001X", province("16")),
            // Characters.
            (
                "1101051949123100XX",
                IdProblem::Charset {
                    position: 17,
                    found: 'X',
                    allowed: Allowed::Digit,
                },
            ),
            (
                "11010519491231002Y",
                IdProblem::Charset {
                    position: 18,
                    found: 'Y',
                    allowed: Allowed::DigitOrX,
                },
            ),
            (
                "11010519491231002X".strip_suffix('X').unwrap(),
                IdProblem::Length {
                    expected: 18,
                    found: 17,
                },
            ),
            (
                "11010519491231002X0",
                IdProblem::Length {
                    expected: 18,
                    found: 19,
                },
            ),
            // Legacy numbers: no check character, but prefix and date are checked.
            ("110105491331002", birth("491331")),
            ("110105490230002", birth("490230")),
            ("010105491231002", province("01")),
            (
                "11010549123100X",
                IdProblem::Charset {
                    position: 15,
                    found: 'X',
                    allowed: Allowed::Digit,
                },
            ),
        ];
        for (input, want) in cases {
            assert_eq!(check_id_number(input), Err(want), "{input}");
        }
    }

    #[test]
    fn legacy_conversion() {
        assert_eq!(
            id15_to_18("110105491231002").as_deref(),
            Some("11010519491231002X")
        );
        assert_eq!(
            id15_to_18("440524800101001").as_deref(),
            Some("440524198001010013")
        );
        assert_eq!(
            check_id_number(&id15_to_18("440524800101001").unwrap()),
            Ok(IdKind::Full18)
        );
        assert_eq!(id15_to_18("110105491331002"), None);
        assert_eq!(id15_to_18("11010519491231002X"), None);
        assert_eq!(
            normalize_id_number(" １１０１０５１９４９１２３１００２ｘ "),
            "11010519491231002X"
        );
    }

    #[test]
    fn messages_in_both_languages() {
        let cases = [
            (
                IdProblem::Length {
                    expected: 18,
                    found: 17,
                },
                "长度应为18位，实为17位",
                "should have 18 characters, has 17",
            ),
            (
                IdProblem::Charset {
                    position: 9,
                    found: 'I',
                    allowed: Allowed::CreditCodeChar,
                },
                "第9位“I”不合规，应为数字或大写字母（不含I、O、S、V、Z）",
                "character 9 'I' is not allowed: expected a digit or a capital letter other than I, O, S, V, Z",
            ),
            (
                IdProblem::CheckChar {
                    expected: 'X',
                    found: '1',
                },
                "校验码应为“X”，实为“1”",
                "check character should be 'X', is '1'",
            ),
            (
                IdProblem::BirthDate {
                    found: "19491331".into(),
                },
                "出生日期码“19491331”不是有效日期",
                "birth date digits '19491331' are not a valid date",
            ),
            (
                IdProblem::Province { found: "01".into() },
                "地址码前两位“01”不是有效的省级行政区划代码",
                "address code prefix '01' is not a province-level code",
            ),
        ];
        for (problem, zh, en) in cases {
            assert_eq!(problem.message(Lang::Zh), zh);
            assert_eq!(problem.message(Lang::En), en);
        }
    }

    #[test]
    fn names() {
        for (input, want) in [
            ("张三", "张*"),
            ("张小明", "张**"),
            ("欧阳娜娜", "欧***"),
            (" 李某 ", "李*"),
            ("王", "王*"),
            ("", ""),
        ] {
            assert_eq!(mask_name(input), want, "{input}");
        }
    }

    #[test]
    fn ids() {
        for (input, want) in [
            ("410102199001011234", "4101**********1234"),
            ("41010219900101123X", "4101**********123X"),
            ("410102900101123", "4101*******1123"),
            ("12345678", "1*******"),
            ("", ""),
        ] {
            assert_eq!(mask_id(input), want, "{input}");
        }
    }

    #[test]
    fn id_numbers_in_text() {
        // 11010519491231002X is legal.md's valid sample; 91410204MA4437767A a credit code.
        for (input, want) in [
            (
                "身份证号11010519491231002X与登记不符",
                "身份证号1101**********002X与登记不符",
            ),
            // Wrong check digit: still a person's number.
            ("号码410102199001011239。", "号码4101**********1239。"),
            // A credit code of a unit stays.
            ("信用代码91410204MA4437767A", "信用代码91410204MA4437767A"),
            // Money and dates stay.
            ("罚款 35,000 元，2022-03-09", "罚款 35,000 元，2022-03-09"),
            // Longer digit runs are not ID numbers.
            ("1234567890123456789012", "1234567890123456789012"),
            // Part of an identifier with letters.
            ("ABC410102199001011239", "ABC410102199001011239"),
        ] {
            assert_eq!(mask_id_numbers(input), want, "{input}");
        }
    }
}
