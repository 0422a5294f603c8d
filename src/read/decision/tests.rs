//! The decision reader's tests on written-out decision texts.

use super::*;

fn read(text: &str) -> (Case, Vec<Diagnostic>) {
    let aliases = Aliases::shipped();
    let r = DecisionReader {
        file: "d.txt",
        aliases: &aliases,
        lang: Lang::Zh,
    };
    r.read(&text_paragraphs(text)).expect("a decision")
}

const CLEAN: &str = "开封市解放区消防救援大队
行政处罚决定书
开消行罚决字〔２０２３〕第００１２号
当事人：开封市某某商贸有限公司
统一社会信用代码：91410204MA44A1B2C3
住所：开封市解放区某某路8号
法定代表人：张某
　　经查，2023年3月1日，我大队监督员在对你单位进行消防监督检查时发现，你单位三楼疏散通道被货物
堵塞。以上事实有现场检查记录、询问笔录、照片等证据证实。
　　你单位的上述行为违反了《中华人民共和国消防法》第二十八条的规定，根据《中华人民共和国消防法》第六十条第一款第三项的规定，决定给予你单位罚款人民币伍仟元整的行政处罚。
　　罚款于收到本决定书之日起十五日内缴至指定银行或者通过电子支付系统缴纳。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。
　　如不服本决定，可以在收到本决定书之日起六十日内依法向开封市解放区人民政府申请行政复议或者在六个月内依法向开封市某某区人民法院提起行政诉讼。
开封市解放区消防救援大队
（印章）
二〇二三年三月十五日
";

#[test]
fn a_record_keeps_one_field_a_line() {
    let ps = text_paragraphs(
            "行政处罚决定书文号：甬海消行罚决字〔2023〕第0077号\n处罚内容：罚款人民币5000元\n罚款金额（万元）：0.5\n行政相对人名称：宁波某某餐饮有限公司\n违法行为类型：占用疏散通道\n处罚依据：《中华人民共和国消防法》第六十条第一款第三项\n",
        );
    assert_eq!(ps.len(), 6, "{ps:?}");
    assert_eq!(ps[3], "行政相对人名称:宁波某某餐饮有限公司");
    // A sentence wrapped at a fixed width still reads as one paragraph.
    let ps = text_paragraphs("经查，你单位存在以下违法\n行为：疏散通道堵塞。\n");
    assert_eq!(ps.len(), 1, "{ps:?}");
}

#[test]
fn law_names_without_title_marks_are_citations() {
    let text = CLEAN.replace(['《', '》'], "");
    let (c, _) = read(&text);
    assert_eq!(
        c.violation.violated.value().map(String::as_str),
        Some("中华人民共和国消防法第二十八条")
    );
    let basis = c.documents[0].basis.value().unwrap();
    assert_eq!(basis[0].value, "中华人民共和国消防法第六十条第一款第三项");
}

#[test]
fn a_violation_without_its_provision_is_empty_at_its_sentence() {
    let text = CLEAN.replace(
        "违反了《中华人民共和国消防法》第二十八条的规定",
        "违反了消防法律法规",
    );
    let (c, _) = read(&text);
    assert!(matches!(
        c.violation.violated,
        Field::Empty {
            at: Place::Paragraph(_)
        }
    ));
}

#[test]
fn reads_every_field_with_its_paragraph() {
    let (c, out) = read(CLEAN);
    assert!(out.is_empty(), "{out:?}");
    let d = &c.documents[0];
    assert_eq!(d.kind.as_deref(), Some("decision"));
    assert_eq!(
        d.no,
        value("开消行罚决字〔2023〕第0012号".into(), Place::Paragraph(3))
    );
    assert_eq!(
        c.agency,
        value("开封市解放区消防救援大队".into(), Place::Paragraph(1))
    );
    assert_eq!(
        c.party.name,
        value("开封市某某商贸有限公司".into(), Place::Paragraph(4))
    );
    assert_eq!(
        c.party.credit_code.value().map(String::as_str),
        Some("91410204MA44A1B2C3")
    );
    assert_eq!(c.party.kind.value(), Some(&PartyKind::Unit));
    assert_eq!(
        c.party.address.value().map(String::as_str),
        Some("开封市解放区某某路8号")
    );
    assert_eq!(
        c.party.representative.value().map(String::as_str),
        Some("张某")
    );
    // The sentence broken over two lines is one paragraph.
    assert_eq!(c.violation.facts.at(), Some(&Place::Paragraph(8)));
    assert!(c
        .violation
        .facts
        .value()
        .unwrap()
        .contains("三楼疏散通道被货物堵塞"));
    assert_eq!(
        c.violation.violated.value().map(String::as_str),
        Some("《中华人民共和国消防法》第二十八条")
    );
    assert_eq!(
        c.violation.date.value(),
        chrono::NaiveDate::from_ymd_opt(2023, 3, 1).as_ref()
    );
    let b = d.basis.value().unwrap();
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].value, "《中华人民共和国消防法》第六十条第一款第三项");
    assert_eq!(b[0].at, Place::Paragraph(9));
    let p = d.penalties.value().unwrap();
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].kind, "fine");
    assert_eq!(p[0].amount.value(), Some(&Money::yuan(5000)));
    assert!(d.payment.value().unwrap().contains("十五日内缴至"));
    assert_eq!(d.remedy.at(), Some(&Place::Paragraph(11)));
    assert_eq!(d.seal, value(true, Place::Paragraph(13)));
    assert_eq!(
        d.date,
        value(
            chrono::NaiveDate::from_ymd_opt(2023, 3, 15).unwrap(),
            Place::Paragraph(14)
        )
    );
    assert_eq!(c.coverage, Coverage::kinds(["decision"]));
    assert_eq!(c.procedure.value(), Some(&Procedure::General));
}

#[test]
fn penalty_wordings() {
    type Want = &'static [(&'static str, Option<i64>)];
    let cases: &[(&str, Want)] = &[
        (
            "决定给予你单位罚款人民币伍仟元整的行政处罚。",
            &[("fine", Some(5000))],
        ),
        ("决定对你单位处5000元罚款。", &[("fine", Some(5000))]),
        (
            "决定给予警告、罚款人民币3万元的处罚。",
            &[("warning", None), ("fine", Some(30000))],
        ),
        (
            "决定责令你单位停止使用，并处罚款人民币叁万元整（￥30000.00）。",
            &[("stop_use", None), ("fine", Some(30000))],
        ),
        ("决定对你处以人民币伍佰元的罚款。", &[("fine", Some(500))]),
        ("决定给予警告的处罚。", &[("warning", None)]),
        ("决定给予罚款５，０００元的处罚。", &[("fine", Some(5000))]),
    ];
    for (sentence, want) in cases {
        let text = format!("行政处罚决定书\n当事人：某某有限公司\n{sentence}\n");
        let (c, _) = read(&text);
        let got: Vec<(String, Option<i64>)> = c.documents[0]
            .penalties
            .value()
            .map(|ps| {
                ps.iter()
                    .map(|p| (p.kind.clone(), p.amount.value().map(|m| m.0 / 100)))
                    .collect()
            })
            .unwrap_or_default();
        let want: Vec<(String, Option<i64>)> =
            want.iter().map(|(k, a)| (k.to_string(), *a)).collect();
        assert_eq!(got, want, "{sentence}");
    }
}

#[test]
fn party_wordings() {
    let cases = [
            ("当事人（单位）：某某有限公司，法定代表人：张某。", "某某有限公司", Some(PartyKind::Unit)),
            ("被处罚人：张某，男，1985年3月12日出生，公民身份号码：410203198503122011，住址：开封市某街。", "张某", Some(PartyKind::Individual)),
            ("被处罚单位名称：开封市某某宾馆  统一社会信用代码：91410211MA46TT123C", "开封市某某宾馆", Some(PartyKind::Unit)),
            ("当事人：某某小吃店，经营者：刘某，地址：某路1号。", "某某小吃店", None),
        ];
    for (line, name, kind) in cases {
        let (c, _) = read(&format!("行政处罚决定书\n{line}\n决定给予警告。\n"));
        assert_eq!(
            c.party.name.value().map(String::as_str),
            Some(name),
            "{line}"
        );
        assert_eq!(c.party.kind.value().copied(), kind, "{line}");
    }
    let (c, _) =
        read("行政处罚决定书\n被处罚人：张某，公民身份号码：410203198503122011\n决定给予警告。\n");
    assert_eq!(
        c.party.id_number.value().map(String::as_str),
        Some("410203198503122011")
    );
    assert_eq!(c.party.address, Field::Empty { at: Place::File });
}

/// The 文书式样 wording: 被处罚人（单位） lines, 现查明, 之规定, 现决定, 执行方式和期限, a
/// seal mark naming the agency.
#[test]
fn the_form_wording() {
    let text = "某某市消防救援支队\n行政处罚决定书\n某消行罚决字〔2024〕第000123号\n被处罚人（单位）：某某市某某有限公司（第一分公司），统一社会信用代码：91410211MA46TT123C，地址：某某市某某路1号，法定代表人（负责人）：赵某。\n现查明：2024年1月5日，你单位消防控制室值班人员未持证上岗。\n以上事实有消防监督检查记录等证据证实。\n你单位的行为违反了《中华人民共和国消防法》第十六条第一款第一项的规定，根据《中华人民共和国消防法》第六十条第一款第一项之规定，现决定对你单位处人民币伍仟元罚款。\n执行方式和期限：自收到本决定书之日起十五日内到某某银行缴纳罚款。\n如不服本决定，可以在收到本决定书之日起六十日内向某某市人民政府申请行政复议或者在六个月内依法向某某区人民法院提起行政诉讼。\n（消防救援机构印章）\n2024年1月20日\n";
    let (c, out) = read(text);
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(
        c.party.name.value().map(String::as_str),
        Some("某某市某某有限公司(第一分公司)")
    );
    assert_eq!(
        c.party.representative.value().map(String::as_str),
        Some("赵某")
    );
    assert_eq!(c.fine(), Some(Money::yuan(5000)));
    let d = &c.documents[0];
    assert!(d.payment.value().unwrap().starts_with("执行方式和期限"));
    assert_eq!(d.seal, value(true, Place::Paragraph(10)));
    assert_eq!(
        c.agency.value().map(String::as_str),
        Some("某某市消防救援支队")
    );
    // Individuals: 身份证件种类及号码 names the document before the number; masks of any kind.
    for (line, id) in [
        (
            "姓名：李某，性别：女，身份证件种类及号码：居民身份证410203198503122011，住址：某街",
            Some("410203198503122011"),
        ),
        (
            "姓名：李某，身份证件种类及号码：居民身份证4102××××××××2011",
            None,
        ),
        (
            "姓名：李某，公民身份号码：4102＊＊＊＊＊＊＊＊＊＊2011",
            None,
        ),
    ] {
        let (c, _) = read(&format!("行政处罚决定书\n{line}\n决定给予警告。\n"));
        assert_eq!(c.party.id_number.value().map(String::as_str), id, "{line}");
        assert_eq!(c.party.kind.value(), Some(&PartyKind::Individual), "{line}");
    }
}

/// A 双公示 record: labelled fields, no heading. What it does not carry is unknown.
#[test]
fn a_published_record() {
    let text = "行政处罚决定书文号：兴消行罚决〔2023〕100066号\n行政相对人名称：北京某某模塑科技有限公司\n统一社会信用代码：91110115MA01ABCD1J\n违法行为类型：占用消防车道\n处罚依据：《中华人民共和国消防法》第六十条第一款第五项\n处罚类别：罚款\n处罚内容：罚款人民币20000元\n处罚决定日期：2023/03/24\n处罚机关：北京市大兴区消防救援支队\n";
    let (c, out) = read(text);
    assert!(out.is_empty(), "{out:?}");
    let d = &c.documents[0];
    assert_eq!(
        d.no.value().map(String::as_str),
        Some("兴消行罚决〔2023〕100066号")
    );
    assert_eq!(
        c.party.name.value().map(String::as_str),
        Some("北京某某模塑科技有限公司")
    );
    assert_eq!(c.party.kind.value(), Some(&PartyKind::Unit));
    assert_eq!(c.fine(), Some(Money::yuan(20000)));
    assert_eq!(
        d.basis.value().unwrap()[0].value,
        "《中华人民共和国消防法》第六十条第一款第五项"
    );
    assert_eq!(
        d.date.value(),
        chrono::NaiveDate::from_ymd_opt(2023, 3, 24).as_ref()
    );
    assert_eq!(
        c.agency.value().map(String::as_str),
        Some("北京市大兴区消防救援支队")
    );
    assert_eq!(d.remedy, Field::Absent);
    assert_eq!(d.payment, Field::Absent);
    assert_eq!(c.party.address, Field::Absent);
}

#[test]
fn basis_and_amount_wordings() {
    let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n按照《中华人民共和国消防法》第六十条第一款第一项之规定，现作出如下处罚决定：\n一、罚款金额：人民币伍仟元整；\n二、警告。\n");
    let d = &c.documents[0];
    assert_eq!(
        d.basis.value().unwrap()[0].value,
        "《中华人民共和国消防法》第六十条第一款第一项"
    );
    assert_eq!(c.fine(), Some(Money::yuan(5000)));
    assert_eq!(c.penalty_kinds(), ["fine", "warning"]);
    // A basis citing a regulation whose title ends in 规定 reads to the sentence's 规定.
    let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n依据《消防监督检查规定》第四十条的规定，决定给予警告。\n");
    assert_eq!(
        c.documents[0].basis.value().unwrap()[0].value,
        "《消防监督检查规定》第四十条"
    );
}

#[test]
fn the_decision_date_is_not_a_signature_date() {
    let (c, _) = read("当场行政处罚决定书\n被处罚人：王某\n依据《中华人民共和国消防法》第六十条第二款的规定，决定给予警告。\n某某消防救援大队（印章）\n2023年6月2日\n当事人签名：王某 2023年6月3日\n");
    assert_eq!(
        c.documents[0].date.value(),
        chrono::NaiveDate::from_ymd_opt(2023, 6, 2).as_ref()
    );
    assert_eq!(
        c.agency.value().map(String::as_str),
        Some("某某消防救援大队")
    );
}

#[test]
fn penalties_on_the_lines_under_the_decision() {
    let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n根据《中华人民共和国消防法》第五十八条第一款第四项的规定，决定给予你单位如下行政处罚：\n责令停止使用；\n罚款人民币叁万元整。\n罚款于收到本决定书之日起十五日内缴纳。\n");
    assert_eq!(c.penalty_kinds(), ["stop_use", "fine"]);
    assert_eq!(c.fine(), Some(Money::yuan(30000)));
}

#[test]
fn carrying_out_a_penalty_that_is_not_a_fine() {
    let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n根据《中华人民共和国消防法》第五十八条第一款第四项的规定，决定责令你单位停止使用。\n你单位应当自收到本决定书之日起停止使用该场所，并依法履行。\n");
    assert!(c.documents[0]
        .payment
        .value()
        .unwrap()
        .contains("停止使用该场所"));
}

#[test]
fn the_notice_retold_in_the_facts_is_not_the_decision() {
    let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n经查，你单位疏散通道堵塞。2023年3月10日，我大队告知你单位拟决定给予罚款人民币5000元的处罚，你单位未提出陈述申辩。\n根据《中华人民共和国消防法》第六十条第一款第三项的规定，决定给予你单位罚款人民币陆仟元整的行政处罚。\n");
    assert_eq!(c.fine(), Some(Money::yuan(6000)));
    let (c, _) = read("行政处罚决定书\n当事人：某某有限公司\n本案经听证，根据《中华人民共和国消防法》第六十条第一款第三项的规定，决定给予你单位罚款人民币陆仟元整的行政处罚。\n");
    assert_eq!(c.fine(), Some(Money::yuan(6000)));
}

#[test]
fn several_bases_and_listed_penalties() {
    let text = "行政处罚决定书\n当事人：某某有限公司\n你单位违反了《中华人民共和国消防法》第十六条第一款第二项、第二十八条的规定。\n依据《中华人民共和国消防法》第六十条第一款第一项、第六十条第一款第三项的规定，决定合并给予如下处罚：\n1.罚款人民币壹万元整；\n2.警告。\n";
    let (c, _) = read(text);
    let d = &c.documents[0];
    assert_eq!(d.basis.value().unwrap().len(), 1);
    assert!(c.violation.violated.value().unwrap().contains("第二十八条"));
    let kinds: Vec<&str> = d
        .penalties
        .value()
        .unwrap()
        .iter()
        .map(|p| p.kind.as_str())
        .collect();
    assert_eq!(kinds, ["fine", "warning"]);
    assert_eq!(c.fine(), Some(Money::yuan(10000)));
}

#[test]
fn individuals_with_masked_ids_and_summary_forms() {
    let text = "当场行政处罚决定书\n豫开消当罚决字[2022]第12号\n被处罚人：王某  性别：男  公民身份号码：4101**********1234\n住址：开封市某某街\n违法事实：在楼道内停放电动自行车充电。\n依据《河南省消防条例》第五十条的规定，决定给予警告。\n如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内提起行政诉讼。\n2022年5月6日\n";
    let (c, _) = read(text);
    assert_eq!(c.documents[0].kind.as_deref(), Some("summary_decision"));
    assert_eq!(c.procedure.value(), Some(&Procedure::Summary));
    assert_eq!(c.party.name.value().map(String::as_str), Some("王某"));
    assert_eq!(c.party.id_number, Field::Absent);
    assert_eq!(c.party.kind.value(), Some(&PartyKind::Individual));
    assert_eq!(c.documents[0].seal, Field::Absent);
    assert_eq!(
        c.documents[0].no.value().map(String::as_str),
        Some("豫开消当罚决字[2022]第12号")
    );
}

#[test]
fn not_a_decision_is_a_reason() {
    let aliases = Aliases::shipped();
    let r = DecisionReader {
        file: "notes.txt",
        aliases: &aliases,
        lang: Lang::Zh,
    };
    assert!(r
        .read(&text_paragraphs("会议纪要\n今天讨论了消防演练。\n"))
        .is_err());
    assert!(r.read(&[]).is_err());
}

/// Any part of a decision (missing sections, cut sentences) reads or is refused, never
/// panics.
#[test]
fn every_cut_of_a_decision_survives() {
    let aliases = Aliases::shipped();
    let r = DecisionReader {
        file: "d.txt",
        aliases: &aliases,
        lang: Lang::En,
    };
    let cuts: Vec<usize> = CLEAN.char_indices().map(|(i, _)| i).collect();
    for (k, &i) in cuts.iter().enumerate().step_by(3) {
        let _ = r.read(&text_paragraphs(&CLEAN[..i]));
        let _ = r.read(&text_paragraphs(&CLEAN[i..]));
        // A section dropped from the middle.
        if let Some(&j) = cuts.get(k + 40) {
            let _ = r.read(&text_paragraphs(&format!("{}{}", &CLEAN[..i], &CLEAN[j..])));
        }
    }
}

#[test]
fn encodings() {
    let (gbk, _, _) = encoding_rs::GB18030.encode("行政处罚决定书");
    assert_eq!(decode_text(&gbk).unwrap(), "行政处罚决定书");
    assert_eq!(decode_text("\u{feff}决定".as_bytes()).unwrap(), "决定");
    assert!(decode_text(b"\x00\x01\x02").is_err());
}
