//! D005 document-number-malformed: a document number (文号) that does not match
//! `{代字}消{类别}字〔YYYY〕第N号` — wrong brackets (【】 [] ()) are the usual case — or whose
//! year differs from the document's own year. The sequence length is not judged: real numbers
//! have four to six digits (legal.md §6.2).

use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::{Case, Field};
use chrono::Datelike;
use regex::Regex;
use std::sync::OnceLock;

pub static INFO: Info = Info {
    code: "D005",
    name: "document-number-malformed",
    severity: Severity::Warning,
    category: Category::Document,
    title: Tr { zh: "文书文号格式不规范", en: "Malformed document number" },
    basis: Tr {
        zh: "公安部 2009 年消防法律文书式样说明（依据二手资料）；《行政处罚法》第五十二条（编有号码）",
        en: "2009 fire legal-document forms (文书式样) instructions (from secondary sources); Administrative Penalty Law art. 52 (numbered forms)",
    },
    what: Tr {
        zh: "文号不符合“{机构代字}消{文书类别}字〔年度〕第N号”的结构（年度应使用六角括号〔〕，常见错误为【】、[]、()），或文号中的年度与该文书日期的年度不同。代字可含分支标记如“顺(一)”；序号位数不作要求（实际有四位至六位）。",
        en: "The number does not have the structure {agency code}消{kind}字〔year〕第N号 (the year in 〔〕; 【】, [] and () are the common mistakes), or its year differs from the document's date. The agency code may carry a sub-unit marker like 顺(一); the sequence's length is not judged (four to six digits occur).",
    },
    why: Tr {
        zh: "文号是文书的唯一标识，应当按式样统一编制；年度错误使文号与登记簿对不上。",
        en: "The number identifies the document and follows the standard form; a wrong year breaks the link to the register.",
    },
    example: Tr { zh: "“顺消行罚决字【2022】第0219号”；2022 年的决定编为“〔2021〕”。", en: "顺消行罚决字【2022】第0219号; a 2022 decision numbered 〔2021〕." },
    fix: Tr {
        zh: "按式样改正括号和年度，与文书登记簿核对。",
        en: "Correct the brackets and the year, and check against the register.",
    },
    settings: &[],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

/// legal.md §6.2's suggested pattern (DERIVED), after width folding (（） → ()).
fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?P<org>[\p{Han}()0-9]{1,12}?)消(?P<kind>\p{Han}{1,6})字〔(?P<year>\d{4})〕第(?P<seq>\d{1,8})号$")
            .expect("valid regex")
    })
}

/// The year in other brackets: `【2022】`, `[2022]`, `(2022)`, `〈2022〉`.
fn wrong_brackets() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"字\s*([【\[(〈《{「])\s*(\d{4})\s*([】\])〉》}」])").expect("valid regex")
    })
}

/// The year of a well-formed number (`None`: malformed). `is_match` runs the regex's DFA; the
/// captures (the slower engines) would be needed only for the year, which is the text inside
/// the first 〔〕: neither the 代字 ([\p{Han}()0-9]) nor the 类别 (\p{Han}) can hold a 〔.
fn year_of(no: &str) -> Option<&str> {
    if !pattern().is_match(no) {
        return None;
    }
    no.split_once('〔')
        .and_then(|(_, rest)| rest.split_once('〕'))
        .map(|(y, _)| y)
}

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        for d in &case.documents {
            let Field::Value { value, at } = &d.no else {
                continue;
            };
            let folded = crate::text::fold_width(value);
            let no = folded.trim();
            if no.is_empty() {
                continue;
            }
            let Some(year) = year_of(no) else {
                let why = match wrong_brackets().captures(no) {
                    Some(b) => crate::msg!(
                        ctx,
                        "年度应使用六角括号〔〕，不应使用“{}{}”",
                        "the year belongs in 〔〕, not `{}{}`",
                        &b[1],
                        &b[3]
                    ),
                    None => crate::msg!(
                        ctx,
                        "不符合“代字消类别字〔年度〕第N号”的格式",
                        "does not match 代字消类别字〔year〕第N号"
                    ),
                };
                out.push(
                    &INFO,
                    ctx,
                    case,
                    at.clone(),
                    "document_no",
                    crate::msg!(
                        ctx,
                        "{}文号“{}”{}",
                        "{} number `{}`: {}",
                        d.raw_kind,
                        value.trim(),
                        why
                    ),
                );
                continue;
            };
            let year: i32 = year.parse().unwrap_or(0);
            if let Some(date) = d.date.value() {
                if date.year() != year {
                    out.push(
                        &INFO,
                        ctx,
                        case,
                        at.clone(),
                        "document_no",
                        crate::msg!(
                            ctx,
                            "{}文号“{}”的年度 {} 与文书日期 {} 不符",
                            "{} number `{}`: its year {} differs from the document's date {}",
                            d.raw_kind,
                            value.trim(),
                            year,
                            date
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Place;
    use crate::rules::testutil::*;

    /// `year_of` gives the regex's own `year` capture, on good numbers and awkward ones.
    #[test]
    fn year_is_the_patterns_year_capture() {
        let numbers = [
            "汴消行罚决字〔2022〕第0012号",
            "汴(祥)消行罚决字〔2021〕第3号",
            "汴消字〔2022〕第1号",
            "汴消行罚决字〔2022〕第123456789号",
            "汴消行罚决字〔22〕第1号",
            "汴消行罚决字【2022】第1号",
            "汴消行罚决字〔2022〕〔2023〕第1号",
            "消行罚决字〔2022〕第1号",
            "汴消消字〔2022〕第1号",
            "一二三四五六七八九十一二三消罚字〔2022〕第1号",
            "汴消行罚决字〔２０２２〕第1号",
            "汴消行罚决字〔٢٠٢٢〕第1号",
            "〔2022〕消罚字〔2022〕第1号",
            "",
            "汴消行罚决字〔2022〕第1号 ",
        ];
        for no in numbers {
            let want = pattern()
                .captures(no)
                .map(|m| m.name("year").unwrap().as_str());
            assert_eq!(year_of(no), want, "{no}");
        }
        assert_eq!(year_of(numbers[0]), Some("2022"));
    }

    fn c(no: &str, date: &str) -> Case {
        CaseBuilder::general("X")
            .doc_with("decision", date, |d| {
                d.raw_kind = "行政处罚决定书".into();
                d.no = Field::Value {
                    value: no.into(),
                    at: Place::line(31, 5),
                }
            })
            .build()
    }

    #[test]
    fn number_table() {
        expect_table(
            &CHECK,
            vec![
                (
                    "standard",
                    c("顺消行罚决字〔2022〕第0219号", "2022-03-22"),
                    0,
                    0,
                ),
                (
                    "sub-unit and six digits",
                    c("顺(一)消行罚决字〔2022〕第100127号", "2022-03-22"),
                    0,
                    0,
                ),
                (
                    "full-width sub-unit brackets",
                    c("顺（一）消行罚决字〔2022〕第100127号", "2022-03-22"),
                    0,
                    0,
                ),
                (
                    "【】",
                    c("顺消行罚决字【2022】第0219号", "2022-03-22"),
                    1,
                    0,
                ),
                ("[]", c("顺消行罚决字[2022]第0219号", "2022-03-22"), 1, 0),
                ("()", c("顺消行罚决字(2022)第0219号", "2022-03-22"), 1, 0),
                (
                    "year differs",
                    c("顺消行罚决字〔2021〕第0220号", "2022-03-22"),
                    1,
                    0,
                ),
                (
                    "year fine, no date",
                    c("顺消行罚决字〔2021〕第0220号", ""),
                    0,
                    0,
                ),
                ("no 第", c("顺消行罚决字〔2022〕0219号", "2022-03-22"), 1, 0),
            ],
        );
        let e = run(&CHECK, &c("顺消行罚决字【2022】第0219号", "2022-03-22"));
        assert_eq!(messages(&e), vec!["行政处罚决定书文号“顺消行罚决字【2022】第0219号”年度应使用六角括号〔〕，不应使用“【】”"]);
    }
}
