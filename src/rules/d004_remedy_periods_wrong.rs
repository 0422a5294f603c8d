//! D004 remedy-periods-wrong: the remedy text (救济途径) states periods other than 六十日 for
//! 行政复议 and, for a direct lawsuit, the period of the decision's date — 三个月 under the
//! 行政诉讼法 of 1989 (art. 39) until the 2014 amendment took effect on 2015-05-01, 六个月 from
//! then (art. 46; a versioned setting, `remedy.lawsuit_period`) — or 十五日 after a 复议 decision
//! (art. 45), or leaves them out; or a summary-procedure (当场) decision made on or after
//! 2024-01-01 offers a lawsuit without 行政复议 first (行政复议法 2023 art. 23(一)): 复议 first,
//! then a lawsuit within 十五日 of the 复议 decision.

use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::calendar::Period;
use crate::model::{Case, Field};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

pub static INFO: Info = Info {
    code: "D004",
    name: "remedy-periods-wrong",
    severity: Severity::Error,
    category: Category::Document,
    title: Tr { zh: "复议诉讼期限告知错误", en: "Wrong review or lawsuit period" },
    basis: Tr {
        zh: "《行政复议法》（2023）第二十条、第二十三条第一款第（一）项；《行政诉讼法》第四十五条、第四十六条（1989 年文本第三十九条）",
        en: "Administrative Review Law (2023) arts 20, 23 ¶1 (1); Administrative Litigation Law arts 45, 46 (1989 text art. 39)",
    },
    what: Tr {
        zh: "救济途径写明的期限不是申请行政复议“六十日”、直接提起行政诉讼的期限（2015 年 5 月 1 日起为“六个月”；此前的决定适用 1989 年《行政诉讼法》第三十九条的“三个月”，按决定日期判断）、对复议决定不服提起诉讼的“十五日”，或提到复议、诉讼却未写期限；或 2024 年 1 月 1 日以后当场作出的（简易程序）处罚决定告知可以直接提起行政诉讼——依《行政复议法》（2023，2024-01-01 施行）第二十三条第一款第（一）项，对当场作出的行政处罚决定不服的，应当先申请行政复议，对复议决定不服的，在收到复议决定书之日起十五日内提起诉讼（《行政诉讼法》第四十五条）。",
        en: "The remedy text gives periods other than 60 days for administrative review, the direct-lawsuit period of the decision's date (6 months from 2015-05-01; 3 months under the 1989 Administrative Litigation Law art. 39 before that), or 15 days to sue after a review decision; or names a route without its period; or a summary (on-the-spot) decision made on or after 2024-01-01 offers a lawsuit directly, though the Administrative Review Law (2023, in force 2024-01-01) art. 23 ¶1 (1) requires review first, then a lawsuit within 15 days of the review decision (Administrative Litigation Law art. 45).",
    },
    why: Tr {
        zh: "告知错误的期限或途径可能使当事人丧失救济权利；复议期限自知道救济途径起算，告知错误使决定长期处于可被申请复议的状态。",
        en: "A wrong period or route can cost the party its remedy; the review period runs only from when the party learns the route, so a wrong notice keeps the decision open to review.",
    },
    example: Tr {
        zh: "“可以在六十日内申请行政复议，或者在三个月内提起行政诉讼。”",
        en: "\"...review within 60 days, or sue within three months.\"",
    },
    fix: Tr {
        zh: "写明“六十日内申请行政复议，或者六个月内提起行政诉讼”；2024 年起当场处罚决定写明应先申请行政复议，对复议决定不服的再提起诉讼。",
        en: "State review within 60 days or a lawsuit within 6 months; from 2024, for an on-the-spot decision, state that review comes first and a lawsuit only against the review decision.",
    },
    settings: &[
        "remedy.review_period",
        "remedy.lawsuit_period",
        "remedy.after_review_period",
    ],
    source: "built-in",
};

/// 行政复议法 (2023) in force (its art. 90; VERIFIED, legal.md §1.1, S7).
fn review_first_from() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date")
}

pub struct Rule;
pub static CHECK: Rule = Rule;

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Route {
    Review,
    Suit,
    /// A lawsuit against the review decision (行政诉讼法 45).
    AfterReview,
}

/// The periods a remedy text must state, for one decision date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Expected {
    review: Period,
    suit: Period,
    after_review: Period,
}

/// Whether `n` of `unit` (日/天/个月/月/年) is `p`.
fn same_period(n: u64, unit: &str, p: Period) -> bool {
    match (p, unit) {
        (Period::CalendarDays(d), "日" | "天") => n == u64::from(d),
        (Period::Months(m), "个月" | "月") => n == u64::from(m),
        (Period::Years(y), "年") => n == u64::from(y),
        _ => false,
    }
}

/// A period as a remedy text writes it: 六十日, 六个月, 十五日.
fn period_text(p: Period, ctx: &Ctx) -> String {
    let n = |x: u32| crate::law::citation::to_cn_numeral(x);
    match (p, ctx.lang) {
        (Period::CalendarDays(d) | Period::WorkingDays(d), crate::finding::Lang::Zh) => {
            format!("{}日", n(d))
        }
        (Period::Months(m), crate::finding::Lang::Zh) => format!("{}个月", n(m)),
        (Period::Years(y), crate::finding::Lang::Zh) => format!("{}年", n(y)),
        (Period::CalendarDays(d) | Period::WorkingDays(d), _) => format!("{d} days"),
        (Period::Months(m), _) => format!("{m} months"),
        (Period::Years(y), _) => format!("{y} years"),
    }
}

/// Every stated period with the route it belongs to: (route, text, as expected). A period in
/// a sentence about a review decision (对复议决定不服的…十五日) is the after-review route.
fn periods(text: &str, want: Expected) -> Vec<(Route, String, bool)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"([0-9０-９零〇一二两三四五六七八九十百]+)\s*(个月|日|天|月|年)")
            .expect("valid regex")
    });
    let mut out = Vec::new();
    for sentence in text.split(['。', '；', ';']) {
        for m in re.captures_iter(sentence) {
            let whole = m.get(0).expect("match");
            let before = &sentence[..whole.start()];
            let n = crate::text::cn_integer(&crate::text::fold_width(&m[1])).unwrap_or(0);
            // 对复议决定不服的…十五日内提起诉讼: the period after a review decision.
            if before.contains("复议决定") {
                let ok = same_period(n, &m[2], want.after_review);
                out.push((Route::AfterReview, whole.as_str().to_string(), ok));
                continue;
            }
            let after = &sentence[whole.end()..];
            let next = [("复议", Route::Review), ("诉讼", Route::Suit)]
                .into_iter()
                .filter_map(|(k, r)| after.find(k).map(|i| (i, r)))
                .min_by_key(|(i, _)| *i)
                .map(|(_, r)| r);
            let prev = [("复议", Route::Review), ("诉讼", Route::Suit)]
                .into_iter()
                .filter_map(|(k, r)| before.rfind(k).map(|i| (i, r)))
                .max_by_key(|(i, _)| *i)
                .map(|(_, r)| r);
            let Some(route) = next.or(prev) else { continue };
            let ok = match route {
                Route::Review => same_period(n, &m[2], want.review),
                Route::Suit => same_period(n, &m[2], want.suit),
                Route::AfterReview => same_period(n, &m[2], want.after_review),
            };
            out.push((route, whole.as_str().to_string(), ok));
        }
    }
    out
}

/// What D004 reads from a remedy text: its periods and whether it offers a lawsuit directly.
struct Remedy {
    periods: Vec<(Route, String, bool)>,
    direct_suit: bool,
}

/// [`periods`] and [`direct_suit`] of a remedy text, cached per thread: the text is a template,
/// the same in nearly every decision of an agency, and the period regex is the costly part.
fn remedy_of(text: &str, want: Expected) -> std::rc::Rc<Remedy> {
    use std::cell::RefCell;
    use std::rc::Rc;
    type Cache = crate::fastmap::FastMap<(String, Expected), Rc<Remedy>>;
    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
    }
    CACHE.with(|c| {
        if let Some(r) = c.borrow().get(&(text.to_string(), want)) {
            return r.clone();
        }
        let r = Rc::new(Remedy {
            periods: periods(text, want),
            direct_suit: direct_suit(text),
        });
        let mut cache = c.borrow_mut();
        if cache.len() >= 1024 {
            cache.clear();
        }
        cache.insert((text.to_string(), want), r.clone());
        r
    })
}

/// Whether the text offers a lawsuit other than against a review decision.
fn direct_suit(text: &str) -> bool {
    text.split(['。', '；', ';']).any(|s| {
        s.match_indices("诉讼")
            .any(|(i, _)| !s[..i].contains("复议决定"))
    })
}

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let Some(d) = case.decision() else {
            return;
        };
        let (text, at) = match &d.remedy {
            Field::Value { value, at } => (value.as_str(), at),
            Field::Absent => return out.not_checkable(&INFO, "救济途径"),
            _ => return, // empty: D003's
        };
        let summary = d.kind.as_deref() == Some("summary_decision") || case.is_summary();
        let date = d.date.value().copied();
        let review_first = summary && date.is_some_and(|x| x >= review_first_from());
        let s = &ctx.kb.settings;
        let (Some(review), Some(after_review)) = (
            s.period("remedy.review_period", date),
            s.period("remedy.after_review_period", date),
        ) else {
            return;
        };
        // The direct-suit period changed on 2015-05-01: without a date, judge only when both
        // eras' periods give the same answer (no date, no guess).
        let suit_at = |d: Option<NaiveDate>| s.period("remedy.lawsuit_period", d);
        let suits: Vec<Period> = match date {
            Some(_) => suit_at(date).into_iter().collect(),
            None => {
                let mut v: Vec<Period> = s
                    .get("remedy.lawsuit_period")
                    .map(|st| {
                        st.versions
                            .iter()
                            .filter_map(|v| match &v.value {
                                crate::knowledge::settings::Value::Period(p) => Some(*p),
                                _ => None,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                v.dedup();
                v
            }
        };
        let Some(&suit) = suits.first() else { return };
        let want = Expected {
            review,
            suit,
            after_review,
        };
        let mut problems: Vec<String> = Vec::new();
        let remedy = remedy_of(text, want);
        let ps = &remedy.periods;
        for (route, written, ok) in ps {
            if *route == Route::Suit && suits.len() > 1 {
                // Undated: a suit period one era allows is not judged.
                let n_ok = suits.iter().filter(|p| {
                    remedy_of(text, Expected { suit: **p, ..want })
                        .periods
                        .iter()
                        .any(|(r, w, ok)| r == route && w == written && *ok)
                });
                if n_ok.count() > 0 {
                    if !ok {
                        out.not_checkable(&INFO, "决定日期");
                    }
                    continue;
                }
            }
            if !ok {
                problems.push(match route {
                    Route::Review => crate::msg!(
                        ctx,
                        "行政复议期限写作“{}”，应为{}",
                        "the review period is written `{}`, should be {}",
                        written,
                        period_text(review, ctx)
                    ),
                    Route::Suit => crate::msg!(
                        ctx,
                        "行政诉讼期限写作“{}”，应为{}{}",
                        "the lawsuit period is written `{}`, should be {}{}",
                        written,
                        period_text(suit, ctx),
                        match (date, suit) {
                            (Some(d), Period::Months(3)) => crate::msg!(ctx, "（决定日期 {}，适用 1989 年《行政诉讼法》第三十九条）", " (decided {}: Administrative Litigation Law 1989 art. 39)", d),
                            (Some(d), _) => crate::msg!(ctx, "（决定日期 {}，《行政诉讼法》第四十六条）", " (decided {}: Administrative Litigation Law art. 46)", d),
                            _ => String::new(),
                        }
                    ),
                    Route::AfterReview => crate::msg!(
                        ctx,
                        "对复议决定不服提起诉讼的期限写作“{}”，应为收到复议决定书之日起{}（《行政诉讼法》第四十五条）",
                        "the period to sue after the review decision is written `{}`, should be {} from receiving it (Administrative Litigation Law art. 45)",
                        written,
                        period_text(after_review, ctx)
                    ),
                });
            }
        }
        if text.contains("复议") && !ps.iter().any(|(r, _, _)| *r == Route::Review) {
            problems.push(crate::msg!(
                ctx,
                "未写明申请行政复议的期限（六十日）",
                "no period (60 days) is given for administrative review"
            ));
        }
        if review_first {
            if remedy.direct_suit {
                problems.push(crate::msg!(ctx, "当场作出的处罚决定（{}）应先申请行政复议（《行政复议法》第二十三条第一款第（一）项，2024年1月1日起），不得告知直接提起行政诉讼", "an on-the-spot decision ({}) must go to administrative review first (Administrative Review Law art. 23 ¶1 (1), from 2024-01-01); it may not offer a lawsuit directly", d.date.value().map(|x| x.to_string()).unwrap_or_default()));
            }
        } else if remedy.direct_suit && !ps.iter().any(|(r, _, _)| *r == Route::Suit) {
            problems.push(crate::msg!(
                ctx,
                "未写明提起行政诉讼的期限（{}）",
                "no period ({}) is given for a lawsuit",
                period_text(suit, ctx)
            ));
        }
        if problems.is_empty() {
            return;
        }
        out.push(
            &INFO,
            ctx,
            case,
            at.clone(),
            "remedy",
            problems.join(ctx.lang.pick("；", "; ")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Place;
    use crate::rules::testutil::*;

    /// The per-thread cache answers each text as the functions do, texts alternating.
    #[test]
    fn cached_reading_is_the_texts_own() {
        let texts = [
            "如不服本决定，可以在六十日内申请行政复议，或者在六个月内提起行政诉讼。",
            "可以在三个月内提起行政诉讼；对复议决定不服的，可以在十五日内提起诉讼。",
            "可以申请行政复议。",
            "",
        ];
        let want = |m: u32| Expected {
            review: Period::CalendarDays(60),
            suit: Period::Months(m),
            after_review: Period::CalendarDays(15),
        };
        for _ in 0..2 {
            for t in texts {
                for m in [3, 6] {
                    let r = remedy_of(t, want(m));
                    assert_eq!(r.periods, periods(t, want(m)), "{t}");
                    assert_eq!(r.direct_suit, direct_suit(t), "{t}");
                }
            }
        }
        assert!(remedy_of(texts[1], want(6)).direct_suit);
        assert!(!remedy_of(texts[2], want(6)).direct_suit);
    }

    /// The direct-suit period by era: 三个月 before 2015-05-01, 六个月 from then; 十五日 after
    /// a review decision.
    #[test]
    fn lawsuit_period_by_era() {
        let three = "如不服本决定，可以在六十日内申请行政复议，或者在三个月内提起行政诉讼。";
        expect_table(
            &CHECK,
            vec![
                ("2014 decision, 三个月", c(false, "2014-08-01", Some(three)), 0, 0),
                ("2014 decision, 六个月", c(false, "2014-08-01", Some(GOOD)), 1, 0),
                ("2016 decision, 三个月", c(false, "2016-08-01", Some(three)), 1, 0),
                ("2015-05-01 decision, 六个月", c(false, "2015-05-01", Some(GOOD)), 0, 0),
                (
                    "after-review period 三十日",
                    c(false, "2022-03-22", Some("可以在六十日内申请行政复议；对复议决定不服的，可以在收到复议决定书之日起三十日内提起诉讼。")),
                    1,
                    0,
                ),
                ("2024 当场, 复议 first then 十五日", c(true, "2024-03-22", Some(FIRST)), 0, 0),
            ],
        );
        let e = run(&CHECK, &c(false, "2016-08-01", Some(three)));
        assert!(messages(&e)[0].contains("应为六个月"), "{:?}", messages(&e));
    }

    const GOOD: &str = "如不服本决定，可以在收到本决定书之日起六十日内向开封市顺河回族区人民政府申请行政复议，或者在六个月内依法向开封市顺河回族区人民法院提起行政诉讼。";
    const FIRST: &str = "如不服本决定，可以在收到本决定书之日起六十日内向开封市顺河回族区人民政府申请行政复议；对行政复议决定不服的，可以在收到复议决定书之日起十五日内依法提起行政诉讼。";

    fn c(summary: bool, date: &str, remedy: Option<&str>) -> Case {
        let b = if summary {
            CaseBuilder::summary("S")
        } else {
            CaseBuilder::general("G")
        };
        let kind = if summary {
            "summary_decision"
        } else {
            "decision"
        };
        b.decision(kind, date, &[("fine", Some(200))])
            .with(|c| {
                c.documents[0].remedy = remedy.map_or(Field::Absent, |r| Field::Value {
                    value: r.into(),
                    at: Place::line(36, 5),
                })
            })
            .build()
    }

    #[test]
    fn remedy_table() {
        expect_table(
            &CHECK,
            vec![
                ("correct", c(false, "2022-03-22", Some(GOOD)), 0, 0),
                (
                    "three months",
                    c(false, "2022-03-22", Some(&GOOD.replace("六个月", "三个月"))),
                    1,
                    0,
                ),
                (
                    "fifteen days review",
                    c(false, "2022-03-22", Some(&GOOD.replace("六十日", "十五日"))),
                    1,
                    0,
                ),
                (
                    "arabic 60 days",
                    c(false, "2022-03-22", Some(&GOOD.replace("六十日", "60日"))),
                    0,
                    0,
                ),
                (
                    "no review period",
                    c(
                        false,
                        "2022-03-22",
                        Some("如不服本决定，可以申请行政复议，或者在六个月内提起行政诉讼。"),
                    ),
                    1,
                    0,
                ),
                (
                    "2024 summary offers suit",
                    c(true, "2024-03-12", Some(GOOD)),
                    1,
                    0,
                ),
                (
                    "2023 summary, same text",
                    c(true, "2023-12-20", Some(GOOD)),
                    0,
                    0,
                ),
                (
                    "2024 summary, review first",
                    c(true, "2024-03-12", Some(FIRST)),
                    0,
                    0,
                ),
                (
                    "2024 general, same text",
                    c(false, "2024-03-12", Some(GOOD)),
                    0,
                    0,
                ),
                ("not carried", c(false, "2022-03-22", None), 0, 1),
            ],
        );
        let e = run(
            &CHECK,
            &c(false, "2022-03-22", Some(&GOOD.replace("六个月", "三个月"))),
        );
        assert_eq!(messages(&e), vec!["行政诉讼期限写作“三个月”，应为六个月（决定日期 2022-03-22，《行政诉讼法》第四十六条）"]);
    }
}
