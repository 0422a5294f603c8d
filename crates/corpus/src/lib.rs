//! caselint-corpus, test and benchmark support outside the product (a dev-dependency of
//! caselint; it uses only `caselint::prng` and, in its tests, `caselint::law::ids`): writes a synthetic but realistic province-year of exports — XML
//! case files across brigade folders, plus `.xlsx` ledgers — with defects injected at a known
//! rate, byte-for-byte deterministic from a seed. `examples/gen_corpus.rs` (of this crate), the benchmark
//! (`bench/run.sh`) and the determinism and hostile-input tests all use it, so nothing large is
//! ever checked in.
//!
//! Randomness comes from [`SplitMix64`] (Steele, Lea & Flood 2014), written out here rather than
//! taken from `rand`, so a corpus never changes because a dependency changed its algorithm.
//!
//! Workbooks are written by hand (a minimal SpreadsheetML package in a zip) so the library needs
//! no spreadsheet writer; [`xlsx`] is also what the hostile-input tests use to build zip bombs and
//! sheets with a million empty formatted rows.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

pub use caselint::prng::SplitMix64;

/// What to write.
#[derive(Debug, Clone)]
pub struct Spec {
    /// XML case files (one case each).
    pub cases: usize,
    /// Brigade folders the cases and ledgers are spread over.
    pub brigades: usize,
    /// Ledger workbooks (spread over the brigades).
    pub ledgers: usize,
    /// Data rows per ledger.
    pub ledger_rows: usize,
    /// Share of cases (and ledger rows) that carry one injected defect, 0.0–1.0.
    pub defect_rate: f64,
    pub seed: u64,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            cases: 1000,
            brigades: 10,
            ledgers: 0,
            ledger_rows: 0,
            defect_rate: 0.05,
            seed: 1,
        }
    }
}

/// The defects the generator injects, each with the finding it must produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Defect {
    /// The file stops mid-element (F002).
    Truncated,
    /// Declared UTF-8, holds a stray 0xFF byte (F003).
    BadBytes,
    /// An impossible date, 2022-02-30 (F006).
    BadDate,
    /// An amount no parser can read (F006).
    BadAmount,
    /// An element no alias names (F005).
    UnknownElement,
    /// Reuses the previous (clean) case's number (F007 on both).
    DuplicateNo,
    /// The file is empty (F001).
    Empty,
    /// A PDF saved with an `.xml` extension (F001).
    WrongContent,
    /// No 法制审核 document on a major case (a unit fined 50,000 under the general procedure), so
    /// P008 must report it.
    MissingReview,
}

impl Defect {
    pub const ALL: [Defect; 9] = [
        Defect::Truncated,
        Defect::BadBytes,
        Defect::BadDate,
        Defect::BadAmount,
        Defect::UnknownElement,
        Defect::DuplicateNo,
        Defect::Empty,
        Defect::WrongContent,
        Defect::MissingReview,
    ];
    /// The rule code the defect must trigger.
    pub fn code(self) -> Option<&'static str> {
        match self {
            Defect::Truncated => Some("F002"),
            Defect::BadBytes => Some("F003"),
            Defect::BadDate | Defect::BadAmount => Some("F006"),
            Defect::UnknownElement => Some("F005"),
            Defect::DuplicateNo => Some("F007"),
            Defect::Empty | Defect::WrongContent => Some("F001"),
            Defect::MissingReview => Some("P008"),
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
    pub cases: usize,
    pub ledger_rows: usize,
    /// Injected defects by kind (XML cases only).
    pub defects: BTreeMap<Defect, usize>,
    /// Every finding the corpus must produce, as (file path relative to the corpus folder with
    /// `/` separators, rule code), in writing order; a clean file has none. Ledger rows are not
    /// listed (their defects are not counted).
    pub expected: Vec<(String, &'static str)>,
}

const BRIGADES: &[&str] = &[
    "解放区大队",
    "龙亭区大队",
    "顺河区大队",
    "鼓楼区大队",
    "禹王台区大队",
    "祥符区大队",
    "杞县大队",
    "通许县大队",
    "尉氏县大队",
    "兰考县大队",
];
const SURNAMES: &[&str] = &["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];
const TRADES: &[&str] = &[
    "商贸", "餐饮", "物流", "酒店", "网吧", "超市", "家具", "KTV",
];
const FACTS: &[&str] = &[
    "三楼疏散通道被货物堵塞",
    "安全出口上锁",
    "消防设施未保持完好有效",
    "占用防火间距搭建临时建筑",
    "埋压、圈占消火栓",
    "人员密集场所外墙门窗设置影响逃生的障碍物",
];
const PROVISIONS: &[(&str, &str)] = &[
    (
        "《中华人民共和国消防法》第二十八条",
        "《中华人民共和国消防法》第六十条第一款第三项",
    ),
    (
        "《中华人民共和国消防法》第十六条第一款第二项",
        "《中华人民共和国消防法》第六十条第一款第一项",
    ),
];
const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The GB 32100 check character of a credit code's first 17 characters, computed here from the
/// standard's description (value = index in the 31-character set, weight of position i =
/// 3^(i−1) mod 31 worked out step by step, check = (31 − S mod 31) mod 31) and deliberately not
/// by `law::ids`: the corpus must not take the checker's word for what a valid code is.
fn uscc_check_char(first17: &str) -> char {
    let set: Vec<char> = USCC_CHARS.chars().collect();
    let (mut sum, mut weight) = (0u32, 1u32);
    for c in first17.chars() {
        let value = set.iter().position(|&x| x == c).unwrap_or(0) as u32;
        sum += value * weight;
        weight = weight * 3 % 31;
    }
    set[((31 - sum % 31) % 31) as usize]
}

/// The GB 11643 check character of an ID number's first 17 digits: weight of position i =
/// 2^(18−i) mod 11, S mod 11 = 0, 1, 2, … gives 1, 0, X, 9, 8, 7, 6, 5, 4, 3, 2 (independent of
/// `law::ids`, as above).
fn id_check_char(first17: &str) -> char {
    let digits: Vec<u32> = first17
        .chars()
        .map(|c| c.to_digit(10).unwrap_or(0))
        .collect();
    let mut sum = 0;
    for (i, d) in digits.iter().enumerate() {
        let mut weight = 1;
        for _ in 0..(17 - i) {
            weight = weight * 2 % 11;
        }
        sum += d * weight;
    }
    ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize]
}

/// A credit code with a valid check character.
fn credit_code(rng: &mut SplitMix64) -> String {
    let chars: Vec<char> = USCC_CHARS.chars().collect();
    let mut s = String::from("91410204");
    for _ in 0..9 {
        s.push(*rng.pick(&chars));
    }
    let c = uscc_check_char(&s);
    s.push(c);
    s
}

fn id_number(rng: &mut SplitMix64) -> String {
    let mut s = format!(
        "410204{}{:02}{:02}{:03}",
        1960 + rng.below(40),
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(1000)
    );
    let c = id_check_char(&s);
    s.push(c);
    s
}

/// A date written in one of the forms exports use.
fn date_text(rng: &mut SplitMix64, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    match rng.below(10) {
        0 => format!("{y}/{m}/{day}"),
        1 => format!("{y}年{m}月{day}日"),
        2 => format!("{y}{m:02}{day:02}"),
        3 => format!("{y}.{m}.{day}"),
        _ => format!("{y}-{m:02}-{day:02}"),
    }
}

fn amount_text(rng: &mut SplitMix64, yuan: i64) -> String {
    match rng.below(8) {
        0 => format!("{yuan}元"),
        1 if yuan >= 1000 => format!("{},{:03}", yuan / 1000, yuan % 1000),
        _ => yuan.to_string(),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

/// Element names in English or Chinese, as the two kinds of export spell them.
struct Names {
    zh: bool,
}

impl Names {
    fn n<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        if self.zh {
            zh
        } else {
            en
        }
    }
}

/// One case as XML text, plus its case number. `defect` shapes it; `dup_of` is the case number
/// a [`Defect::DuplicateNo`] case reuses.
fn case_xml(
    rng: &mut SplitMix64,
    index: usize,
    brigade: usize,
    defect: Option<Defect>,
    dup_of: Option<&str>,
) -> (String, String) {
    let b = BRIGADES[brigade % BRIGADES.len()];
    let short: String = b.chars().take(1).collect();
    let case_no = match (defect, dup_of) {
        (Some(Defect::DuplicateNo), Some(prev)) => prev.to_string(),
        _ => format!("{short}消立字〔2022〕第{:05}号", index + 1),
    };
    let t = Names {
        zh: rng.chance(0.2),
    };
    let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 3).unwrap()
        + chrono::Duration::days(rng.below(330) as i64);
    let day = |n: i64| start + chrono::Duration::days(n);
    // Summary cases punish individuals (a unit's range under 60¶1 starts at 5,000, above the
    // summary limit); individuals are punished under 60¶2 (≤ 500), units under 60¶1.
    let major = defect == Some(Defect::MissingReview);
    let summary = rng.chance(0.1) && !major;
    let unit = !summary && (rng.chance(0.7) || major);
    let fine: i64 = if major {
        50000
    } else if summary {
        [50, 100, 200][rng.below(3) as usize]
    } else if unit {
        [5000, 8000, 10000, 20000, 30000, 50000][rng.below(6) as usize]
    } else {
        [200, 300, 500][rng.below(3) as usize]
    };
    let (violated, basis) = if unit {
        *rng.pick(PROVISIONS)
    } else {
        (
            "《中华人民共和国消防法》第二十八条",
            "《中华人民共和国消防法》第六十条第二款",
        )
    };
    let mut x = String::with_capacity(4096);
    x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    let (case_el, doc_el, docs_el) = (
        t.n("Case", "案卷"),
        t.n("Document", "文书"),
        t.n("Documents", "卷内文书"),
    );
    let (kind, date_a, no_a) = (t.n("kind", "种类"), t.n("date", "日期"), t.n("no", "文号"));
    x += &format!("<{case_el}>\n");
    // Nested elements are written with a leading space in `en`/`zh` for indentation.
    let el = |x: &mut String, en: &str, zh: &str, v: &str| {
        let depth = if en.starts_with(' ') { 2 } else { 1 };
        let n = t.n(en.trim_start(), zh.trim_start());
        *x += &format!("{}<{n}>{}</{n}>\n", "  ".repeat(depth), esc(v));
    };
    el(&mut x, "CaseNo", "案件编号", &case_no);
    el(&mut x, "Agency", "执法主体", &format!("开封市{b}"));
    el(
        &mut x,
        "Procedure",
        "程序类型",
        if summary {
            "简易程序"
        } else {
            "一般程序"
        },
    );
    let party_el = t.n("Party", "当事人");
    let sur = *rng.pick(SURNAMES);
    if unit {
        x += &format!("  <{party_el} {}=\"单位\">\n", t.n("kind", "类型"));
        let trade = *rng.pick(TRADES);
        el(
            &mut x,
            "  Name",
            "  名称",
            &format!("开封市{sur}氏{trade}有限公司"),
        );
        el(
            &mut x,
            "  CreditCode",
            "  统一社会信用代码",
            &credit_code(rng),
        );
        el(
            &mut x,
            "  Representative",
            "  法定代表人",
            &format!("{sur}某"),
        );
    } else {
        x += &format!("  <{party_el} {}=\"个人\">\n", t.n("kind", "类型"));
        el(&mut x, "  Name", "  姓名", &format!("{sur}某某"));
        el(&mut x, "  IdNumber", "  身份证号", &id_number(rng));
    }
    el(
        &mut x,
        "  Address",
        "  地址",
        &format!("开封市{b}某某路{}号", 1 + rng.below(300)),
    );
    x += &format!("  </{party_el}>\n");
    let v_el = t.n("Violation", "违法行为");
    x += &format!("  <{v_el}>\n");
    let vdate = if defect == Some(Defect::BadDate) {
        "2022-02-30".to_string()
    } else {
        date_text(rng, start)
    };
    el(&mut x, "  Date", "  发生日期", &vdate);
    let facts = *rng.pick::<&str>(FACTS);
    el(&mut x, "  Facts", "  违法事实", facts);
    el(&mut x, "  ViolatedProvision", "  违反条款", violated);
    // The circumstance matches the fine's discretion band (checks/discretion, DERIVED:
    // 0–30 %, 30–70 %, 70–100 % of the range), so clean cases stay clean under L010.
    let circumstance = match (unit, fine) {
        (false, f) if f <= 150 => "较轻",
        (false, f) if f <= 350 => "一般",
        (false, _) => "较重",
        (true, f) if f <= 18_500 => "较轻",
        (true, f) if f <= 36_500 => "一般",
        _ => "较重",
    };
    el(&mut x, "  Circumstance", "  违法情节", circumstance);
    if defect == Some(Defect::UnknownElement) {
        x += "    <Remark2>系统自动补录</Remark2>\n";
    }
    x += &format!("  </{v_el}>\n");
    let (os_el, o_el, cert) = (
        t.n("Officers", "执法人员"),
        t.n("Officer", "执法人员信息"),
        t.n("certNo", "执法证号"),
    );
    x += &format!("  <{os_el}>\n");
    for k in 0..2 {
        x += &format!(
            "    <{o_el} {cert}=\"4102{:04}\">{}某{}</{o_el}>\n",
            rng.below(10000),
            rng.pick(SURNAMES),
            k + 1
        );
    }
    x += &format!("  </{os_el}>\n");
    x += &format!("  <{docs_el}>\n");
    let doc = |x: &mut String, k: &str, d: chrono::NaiveDate, rng: &mut SplitMix64| {
        *x += &format!(
            "    <{doc_el} {kind}=\"{k}\" {date_a}=\"{}\"/>\n",
            date_text(rng, d)
        );
    };
    let amount = if defect == Some(Defect::BadAmount) {
        "五千块左右".to_string()
    } else {
        amount_text(rng, fine)
    };
    let (basis_el, pen_el, pay_el, rem_el, seal_el) = (
        t.n("Basis", "处罚依据"),
        t.n("Penalty", "处罚"),
        t.n("Payment", "履行方式"),
        t.n("Remedy", "救济途径"),
        t.n("Seal", "印章"),
    );
    let amount_a = t.n("amount", "金额");
    let decision_body = format!(
        "      <{basis_el}>{basis}</{basis_el}>\n      <{pen_el} {kind}=\"罚款\" {amount_a}=\"{amount}\"/>\n      <{pay_el}>自收到本决定书之日起十五日内缴至指定银行或通过电子支付系统缴纳</{pay_el}>\n      <{rem_el}>如不服本决定，可在收到本决定书之日起六十日内申请行政复议或者六个月内提起行政诉讼。</{rem_el}>\n      <{seal_el}>是</{seal_el}>\n"
    );
    let dno = format!("{short}消行罚决字〔2022〕第{:05}号", index + 1);
    if summary {
        x += &format!(
            "    <{doc_el} {kind}=\"当场行政处罚决定书\" {date_a}=\"{}\" {no_a}=\"{dno}\">\n{decision_body}    </{doc_el}>\n",
            date_text(rng, start)
        );
    } else {
        doc(&mut x, "受案登记表", start, rng);
        doc(&mut x, "立案审批表", day(1), rng);
        doc(&mut x, "现场检查笔录", start, rng);
        doc(&mut x, "询问笔录", day(2), rng);
        x += &format!(
            "    <{doc_el} {kind}=\"行政处罚告知书\" {date_a}=\"{}\">\n      <{r}>陈述,申辩{}</{r}>\n    </{doc_el}>\n",
            date_text(rng, day(9)),
            ",听证",
            r = t.n("Rights", "告知权利"),
        );
        doc(&mut x, "陈述申辩笔录", day(10), rng);
        if defect != Some(Defect::MissingReview) {
            doc(&mut x, "法制审核意见书", day(24), rng);
        }
        doc(&mut x, "集体议案记录", day(25), rng);
        x += &format!(
            "    <{doc_el} {kind}=\"行政处罚决定书\" {date_a}=\"{}\" {no_a}=\"{dno}\">\n{decision_body}    </{doc_el}>\n",
            date_text(rng, day(27))
        );
        doc(&mut x, "送达回证", day(28), rng);
        x += &format!(
            "    <{doc_el} {kind}=\"罚没款收据\" {date_a}=\"{}\" {amount_a}=\"{}\"/>\n",
            date_text(rng, day(34)),
            fine
        );
        doc(&mut x, "结案报告", day(45), rng);
    }
    x += &format!("  </{docs_el}>\n</{case_el}>\n");
    (x, case_no)
}

/// The bytes of one case file, after the file-level defects (truncation, bad bytes, empty,
/// wrong content) are applied.
fn case_bytes(xml: String, defect: Option<Defect>, rng: &mut SplitMix64) -> Vec<u8> {
    match defect {
        Some(Defect::Truncated) => {
            let cut = xml.len() / 2 + rng.below(xml.len() as u64 / 4) as usize;
            let mut cut = cut.min(xml.len() - 1);
            while !xml.is_char_boundary(cut) {
                cut -= 1;
            }
            xml.as_bytes()[..cut].to_vec()
        }
        Some(Defect::BadBytes) => {
            let mut b = xml.into_bytes();
            let at = b.iter().rposition(|&c| c == b'<').unwrap_or(0);
            b.insert(at, 0xFF);
            b
        }
        Some(Defect::Empty) => Vec::new(),
        Some(Defect::WrongContent) => {
            b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n".to_vec()
        }
        _ => xml.into_bytes(),
    }
}

/// Writes the corpus under `dir` (created if missing): `<brigade>/<case>.xml` and
/// `<brigade>/台账<k>.xlsx`. Same spec, same bytes.
pub fn write(dir: &Path, spec: &Spec) -> io::Result<Written> {
    let mut rng = SplitMix64::new(spec.seed);
    let mut w = Written::default();
    let brigades = spec.brigades.max(1);
    let folder = |b: usize| {
        format!(
            "{:02}-{}",
            b + 1,
            BRIGADES[b % BRIGADES.len()] // repeated names stay apart by their number
        )
    };
    for b in 0..brigades {
        std::fs::create_dir_all(dir.join(folder(b)))?;
    }
    let mut prev_no: Option<String> = None;
    for i in 0..spec.cases {
        let b = i % brigades;
        let defect = rng
            .chance(spec.defect_rate)
            .then(|| *rng.pick(&Defect::ALL));
        // A duplicate copies the previous case's number, and only a clean previous case's, so
        // each duplicate yields exactly two F007 findings.
        let defect = defect.filter(|d| *d != Defect::DuplicateNo || prev_no.is_some());
        let (xml, no) = case_xml(&mut rng, i, b, defect, prev_no.as_deref());
        let rel = format!("{}/case-{:07}.xml", folder(b), i + 1);
        if let Some(d) = defect {
            *w.defects.entry(d).or_default() += 1;
            if let Some(code) = d.code() {
                w.expected.push((rel.clone(), code));
            }
            // A duplicate number is reported on both cases that carry it.
            if d == Defect::DuplicateNo {
                let prev = format!("{}/case-{:07}.xml", folder((i - 1) % brigades), i);
                w.expected.push((prev, "F007"));
            }
        }
        let bytes = case_bytes(xml, defect, &mut rng);
        let path = dir.join(&rel);
        std::fs::write(&path, &bytes)?;
        w.files += 1;
        w.bytes += bytes.len() as u64;
        w.cases += 1;
        prev_no = defect.is_none().then_some(no);
    }
    for k in 0..spec.ledgers {
        let b = k % brigades;
        let bytes = ledger(&mut rng, k, b, spec.ledger_rows, spec.defect_rate, false)?;
        let path = dir.join(folder(b)).join(format!("台账{:03}.xlsx", k + 1));
        std::fs::write(&path, &bytes)?;
        w.files += 1;
        w.bytes += bytes.len() as u64;
        w.ledger_rows += spec.ledger_rows;
    }
    Ok(w)
}

/// Pathological shapes for the benchmark and the hostile-input tests: whatever their size, time,
/// memory and output must grow linearly.
pub mod shapes {
    use super::*;

    /// One clean case copied `n` times into `dir` (a whole year re-exported beside the old
    /// export, at its worst): one case number, one decision number, one party and act.
    pub fn copies(dir: &Path, n: usize, seed: u64) -> io::Result<Written> {
        std::fs::create_dir_all(dir)?;
        let case = clean_case(seed);
        let mut w = Written::default();
        for i in 0..n {
            std::fs::write(dir.join(format!("copy-{:06}.xml", i + 1)), &case)?;
            w.files += 1;
            w.cases += 1;
            w.bytes += case.len() as u64;
        }
        Ok(w)
    }

    /// One ledger of `rows` rows in which one chain company is fined under one provision for
    /// an act on one day, row after row (distinct case and decision numbers).
    pub fn one_party_ledger(dir: &Path, rows: usize, seed: u64) -> io::Result<Written> {
        std::fs::create_dir_all(dir)?;
        let mut rng = SplitMix64::new(seed);
        let bytes = ledger(&mut rng, 0, 0, rows, 0.0, true)?;
        std::fs::write(dir.join("连锁台账.xlsx"), &bytes)?;
        Ok(Written {
            files: 1,
            bytes: bytes.len() as u64,
            ledger_rows: rows,
            ..Default::default()
        })
    }
}

/// One clean case file (UTF-8 XML), as the corpus writes it: for tests that need a normal file
/// beside a hostile one.
pub fn clean_case(seed: u64) -> String {
    let mut rng = SplitMix64::new(seed);
    case_xml(&mut rng, seed as usize % 100_000, seed as usize, None, None).0
}

/// A zip bomb dressed as an `.xlsx`: a valid workbook package whose one worksheet unpacks to
/// `unpacked` bytes (a header row, then blanks) from a few kilobytes per megabyte. The sizes in
/// its central directory are honest, as a bomb made with ordinary tools has them.
pub fn zip_bomb(unpacked: u64) -> io::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>案件编号</t></is></c></row>".as_bytes();
    let tail = b"</sheetData></worksheet>";
    let ok = package(
        vec!["bomb"],
        vec![("xl/worksheets/sheet1.xml".into(), Vec::new())],
    )?;
    // Re-zip the package with the real sheet streamed in, a megabyte of blanks at a time.
    let mut src = zip::ZipArchive::new(io::Cursor::new(ok)).map_err(io::Error::other)?;
    let mut z = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default())
        .large_file(unpacked >= u32::MAX as u64);
    for i in 0..src.len() {
        let mut f = src.by_index(i).map_err(io::Error::other)?;
        let name = f.name().map_err(io::Error::other)?.to_string();
        z.start_file(name.as_str(), opts)
            .map_err(io::Error::other)?;
        if name == "xl/worksheets/sheet1.xml" {
            z.write_all(head)?;
            let blanks = vec![b' '; 1 << 20];
            let mut left = unpacked.saturating_sub((head.len() + tail.len()) as u64);
            while left > 0 {
                let n = left.min(blanks.len() as u64) as usize;
                z.write_all(&blanks[..n])?;
                left -= n as u64;
            }
            z.write_all(tail)?;
        } else {
            io::copy(&mut f, &mut z)?;
        }
    }
    Ok(z.finish().map_err(io::Error::other)?.into_inner())
}

/// One cell of a hand-written sheet.
#[derive(Debug, Clone)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

const LEDGER_HEADER: &[&str] = &[
    "案件编号",
    "决定书文号",
    "执法主体",
    "程序类型",
    "当事人",
    "统一社会信用代码/身份证号",
    "违法行为发生日期",
    "违法事实",
    "处罚依据",
    "处罚种类",
    "罚款金额（元）",
    "立案日期",
    "告知日期",
    "法制审核日期",
    "决定日期",
    "送达日期",
    "缴款日期",
    "结案日期",
    "承办人",
    "执法证号",
];

/// A ledger workbook of `rows` cases: a title row, the header, then one row a case. With
/// `one_party`, every row fines the same unit under the same provision for an act on the same
/// day (distinct case and decision numbers): one cross-case group as large as the ledger.
fn ledger(
    rng: &mut SplitMix64,
    k: usize,
    brigade: usize,
    rows: usize,
    defect_rate: f64,
    one_party: bool,
) -> io::Result<Vec<u8>> {
    let chain = (
        "开封市连锁便利店有限公司".to_string(),
        if one_party {
            credit_code(rng)
        } else {
            String::new()
        },
        PROVISIONS[0].1,
    );
    let b = BRIGADES[brigade % BRIGADES.len()];
    let short: String = b.chars().take(1).collect();
    let mut data: Vec<Vec<Cell>> = Vec::with_capacity(rows + 2);
    data.push(vec![Cell::Text(format!("{b}2022年行政处罚案件台账"))]);
    data.push(
        LEDGER_HEADER
            .iter()
            .map(|h| Cell::Text(h.to_string()))
            .collect(),
    );
    for r in 0..rows {
        let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 3).unwrap()
            + chrono::Duration::days(if one_party { 60 } else { rng.below(330) as i64 });
        let d = |n: i64| start + chrono::Duration::days(n);
        let bad = rng.chance(defect_rate);
        let fine = [5000, 8000, 10000, 20000][rng.below(4) as usize];
        let sur = *rng.pick(SURNAMES);
        let (_, basis) = *rng.pick(PROVISIONS);
        let basis = if one_party { chain.2 } else { basis };
        let date = |rng: &mut SplitMix64, x| Cell::Text(date_text(rng, x));
        data.push(vec![
            Cell::Text(format!("{short}消立字〔2022〕第{k:02}{r:05}号")),
            Cell::Text(format!("{short}消行罚决字〔2022〕第{k:02}{r:05}号")),
            Cell::Text(format!("开封市{b}")),
            Cell::Text("一般程序".into()),
            Cell::Text(if one_party {
                chain.0.clone()
            } else {
                format!("开封市{sur}氏{}有限公司", rng.pick(TRADES))
            }),
            Cell::Text(if one_party {
                chain.1.clone()
            } else {
                credit_code(rng)
            }),
            if bad {
                Cell::Text("2022-13-45".into())
            } else {
                date(rng, start)
            },
            Cell::Text(rng.pick(FACTS).to_string()),
            Cell::Text(basis.to_string()),
            Cell::Text("罚款".into()),
            Cell::Number(fine as f64),
            date(rng, d(1)),
            date(rng, d(9)),
            date(rng, d(11)),
            date(rng, d(14)),
            date(rng, d(15)),
            if rng.chance(0.1) {
                Cell::Empty
            } else {
                date(rng, d(24))
            },
            date(rng, d(31)),
            Cell::Text(format!("{sur}某甲、{}某乙", rng.pick(SURNAMES))),
            Cell::Text(format!(
                "4102{:04}、4102{:04}",
                rng.below(10000),
                rng.below(10000)
            )),
        ]);
    }
    xlsx(&[("2022", data)], 0)
}

fn col_name(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The sheet XML for `rows`, written straight into `out` (a row at a time, so a million rows
/// cost no more memory than one).
pub fn sheet_xml(
    out: &mut dyn Write,
    rows: &[Vec<Cell>],
    empty_styled_rows: usize,
) -> io::Result<()> {
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")?;
    for (r, row) in rows.iter().enumerate() {
        write!(out, "<row r=\"{}\">", r + 1)?;
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", col_name(c), r + 1);
            match cell {
                Cell::Text(s) => write!(
                    out,
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                    esc(s)
                )?,
                Cell::Number(n) => write!(out, "<c r=\"{at}\"><v>{n}</v></c>")?,
                Cell::Empty => {}
            }
        }
        out.write_all(b"</row>")?;
    }
    // Rows with a style and no value: what a sheet formatted down to row 1,048,576 holds.
    for r in rows.len()..rows.len() + empty_styled_rows {
        write!(
            out,
            "<row r=\"{}\" s=\"1\" customFormat=\"1\"><c r=\"A{}\" s=\"1\"/></row>",
            r + 1,
            r + 1
        )?;
    }
    out.write_all(b"</sheetData></worksheet>")
}

/// A minimal `.xlsx` package: one worksheet per `(name, rows)`; the first sheet is followed by
/// `empty_styled_rows` styled rows without values.
pub fn xlsx(sheets: &[(&str, Vec<Vec<Cell>>)], empty_styled_rows: usize) -> io::Result<Vec<u8>> {
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (_, rows)) in sheets.iter().enumerate() {
        let mut xml = Vec::new();
        sheet_xml(&mut xml, rows, if i == 0 { empty_styled_rows } else { 0 })?;
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), xml));
    }
    package(sheets.iter().map(|(n, _)| *n).collect(), parts)
}

/// Zips a workbook package around the given worksheet parts (named `xl/worksheets/sheetN.xml`).
pub fn package(names: Vec<&str>, sheets: Vec<(String, Vec<u8>)>) -> io::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut z = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut put = |name: &str, body: &[u8]| -> io::Result<()> {
        z.start_file(name, opts).map_err(io::Error::other)?;
        z.write_all(body)
    };
    let mut types = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
    let mut wb = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
    let mut rels = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for (i, name) in names.iter().enumerate() {
        let n = i + 1;
        types += &format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        wb += &format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            esc(name)
        );
        rels += &format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>");
    }
    let styles_id = names.len() + 1;
    rels += &format!("<Relationship Id=\"rId{styles_id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>");
    types += "</Types>";
    wb += "</sheets></workbook>";
    put("[Content_Types].xml", types.as_bytes())?;
    put("_rels/.rels", b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")?;
    put("xl/workbook.xml", wb.as_bytes())?;
    put("xl/_rels/workbook.xml.rels", rels.as_bytes())?;
    put("xl/styles.xml", b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts count=\"0\"/><fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"49\"/></cellXfs></styleSheet>")?;
    for (name, body) in &sheets {
        put(name, body)?;
    }
    let cursor = z.finish().map_err(io::Error::other)?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests;
