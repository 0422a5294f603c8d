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
