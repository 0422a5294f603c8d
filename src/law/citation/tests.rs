//! Tests of citation parsing: every notation, lists and ranges, versions, unknown laws,
//! unreadable fragments, hostile input, display forms and numerals.

use super::scan::parse_version;
use super::*;
use crate::text::cn_integer;

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
    let text = "《中華人民共和國消防法》第六十二條第一項和《中華人民共和國治安管理處罰法》第三十條";
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

/// The memo answers a text again without computing it, starts over for another registry, and
/// never holds more than its limit.
#[test]
fn text_memo_is_per_registry_and_bounded() {
    use std::cell::{Cell, RefCell};
    let memo: RefCell<TextMemo<usize>> = Default::default();
    let computed = Cell::new(0);
    let ask = |laws: &Laws, text: &str| {
        TextMemo::get_or(&memo, laws, text, || {
            computed.set(computed.get() + 1);
            text.len()
        })
    };
    let shipped = laws();
    assert_eq!(ask(shipped, "第六十条"), 12);
    assert_eq!(ask(shipped, "第六十条"), 12);
    assert_eq!(computed.get(), 1);
    let other = Laws::shipped();
    assert_ne!(other.id(), shipped.id());
    ask(&other, "第六十条");
    assert_eq!(
        computed.get(),
        2,
        "another registry is not answered from the first's"
    );
    for i in 0..TextMemo::<usize>::LIMIT + 10 {
        ask(&other, &i.to_string());
    }
    assert!(memo.borrow().answers.len() <= TextMemo::<usize>::LIMIT);
}
