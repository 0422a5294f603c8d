//! `caselint cite TEXT`: shows how a legal-basis text is read as citations (law, article,
//! paragraph, item), with the same parser the statute checks use, so officers can check their
//! own wording before a decision is issued. For each citation it says whether the provision
//! exists in the version of the law in force on the date asked about (`--date`, default today),
//! and, where the statute tables know the provision, whom it sanctions, how, and the fine range;
//! the canonical form names the law in full (《中华人民共和国消防法》第六十条第一款第（三）项).

use super::session::{session, SessionOptions};
use super::Outcome;
use crate::finding::Lang;
use crate::knowledge::Knowledge;
use crate::law::citation::{parse_basis, to_cn_numeral, Citation, ParsedBasis};
use crate::law::statutes::{Liable, PenaltyKind, Provision, Statutes, Version};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

/// The forms a citation reading has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiteFormat {
    Table,
    Json,
}

/// Whether a cited provision exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exists {
    /// The version has this article (paragraph, item).
    Yes,
    /// The version does not: the article, paragraph or item is beyond the text.
    No,
    /// The law or its texts are not in the statute tables: it cannot be said.
    Unknown,
}

/// What `cite` says about one citation.
#[derive(Debug, Clone, Serialize)]
pub struct Lookup {
    pub text: String,
    pub law_id: Option<String>,
    /// The law's full title, or the name as written when the law is unknown.
    pub law: String,
    pub article: u32,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    /// The version looked in: its id and the date it came into force.
    pub version: Option<String>,
    #[serde(serialize_with = "ser_date")]
    pub version_in_force: Option<NaiveDate>,
    pub exists: Exists,
    /// Why it does not exist, or why it cannot be said.
    pub note: String,
    /// Whom the provision sanctions (unit, individual, any, persons), when the tables say.
    pub liable: Vec<String>,
    /// Penalty kinds the provision allows (as_str codes).
    pub penalties: Vec<String>,
    /// Fine ranges in yuan (min 0: no minimum).
    pub fines: Vec<(u64, u64)>,
    /// The canonical form with the law's full title.
    pub canonical: String,
}

fn ser_date<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// The canonical Chinese form: full title, Chinese numerals, item in full-width brackets.
pub fn canonical_zh(law: &str, c: &Citation) -> String {
    let mut s = format!("《{law}》第{}条", to_cn_numeral(c.article));
    if let Some(p) = c.paragraph {
        s += &format!("第{}款", to_cn_numeral(p));
    }
    if let Some(i) = c.item {
        s += &format!("第（{}）项", to_cn_numeral(i));
    }
    s
}

/// The version a citation is read in: the one it names (`（2008年修订）` is the text that
/// revision made, in force from 2009-05-01), else the one in force on `date`.
fn version_for<'a>(
    statutes: &'a Statutes,
    law: &str,
    amended: &[NaiveDate],
    c: &Citation,
    date: NaiveDate,
) -> Option<&'a Version> {
    match c.version {
        Some(v) => statutes.version_stated(law, v, amended),
        None => statutes.version_on(law, date),
    }
}

fn liable_zh(l: Liable, lang: Lang) -> &'static str {
    match (l, lang) {
        (Liable::Unit, Lang::Zh) => "单位",
        (Liable::Individual, Lang::Zh) => "个人",
        (Liable::Any, Lang::Zh) => "单位或个人",
        (Liable::Persons, Lang::Zh) => "单位的直接负责的主管人员和其他直接责任人员",
        (Liable::Unit, Lang::En) => "unit",
        (Liable::Individual, Lang::En) => "individual",
        (Liable::Any, Lang::En) => "unit or individual",
        (Liable::Persons, Lang::En) => "the unit's responsible persons",
    }
}

/// Looks one citation up.
pub fn lookup(c: &Citation, kb: &Knowledge, date: NaiveDate, lang: Lang) -> Lookup {
    let law = c.law_id.as_deref().and_then(|id| kb.laws.get(id));
    let full = law
        .map(|l| l.name.clone())
        .unwrap_or_else(|| c.law_name.clone());
    let mut out = Lookup {
        text: c.text.clone(),
        law_id: c.law_id.clone(),
        law: full.clone(),
        article: c.article,
        paragraph: c.paragraph,
        item: c.item,
        version: None,
        version_in_force: None,
        exists: Exists::Unknown,
        note: String::new(),
        liable: Vec::new(),
        penalties: Vec::new(),
        fines: Vec::new(),
        canonical: canonical_zh(&full, c),
    };
    let Some(id) = c.law_id.as_deref() else {
        out.note = lang
            .pick(
                "法律名称不在法律名录中，无法核对条款",
                "the law's name is not in the registry; the provision cannot be checked",
            )
            .into();
        return out;
    };
    if kb.statutes.versions(id).is_empty() {
        out.note = lang
            .pick(
                "本工具没有这部法律的条文表，无法核对条款是否存在",
                "the tool has no article table of this law; whether the provision exists cannot be said",
            )
            .into();
        return out;
    }
    let amended = kb.laws.get(id).map(|l| l.amended.as_slice()).unwrap_or(&[]);
    let Some(v) = version_for(&kb.statutes, id, amended, c, date) else {
        out.note = match (c.version, lang) {
            (Some(v), Lang::Zh) => format!("本工具的条文表未收录所写版本（{v}）的文本"),
            (Some(v), Lang::En) => format!("the tool's tables lack the stated version ({v})"),
            (None, Lang::Zh) => format!("{date} 没有生效的版本"),
            (None, Lang::En) => format!("no version was in force on {date}"),
        };
        return out;
    };
    out.version = Some(v.id.clone());
    out.version_in_force = Some(v.in_force);
    let Some(shape) = kb.statutes.structure(id, &v.id, c.article) else {
        out.exists = Exists::No;
        out.note = match lang {
            Lang::Zh => format!(
                "该版本没有第{}条（共{}条）",
                to_cn_numeral(c.article),
                to_cn_numeral(v.last_article)
            ),
            Lang::En => format!(
                "this version has no article {} (it has {})",
                c.article, v.last_article
            ),
        };
        return out;
    };
    if !shape.contains(c.paragraph, c.item) {
        out.exists = Exists::No;
        let para = c.paragraph.unwrap_or(1);
        out.note = if c.paragraph.is_some() && !shape.has_paragraph(para) {
            match lang {
                Lang::Zh => format!(
                    "第{}条只有{}款",
                    to_cn_numeral(c.article),
                    to_cn_numeral(shape.paragraphs())
                ),
                Lang::En => format!(
                    "article {} has {} paragraph(s)",
                    c.article,
                    shape.paragraphs()
                ),
            }
        } else if c.paragraph.is_none() && !shape.single_paragraph() {
            match lang {
                Lang::Zh => format!(
                    "第{}条有{}款，须写明哪一款的项",
                    to_cn_numeral(c.article),
                    to_cn_numeral(shape.paragraphs())
                ),
                Lang::En => format!(
                    "article {} has {} paragraphs; name the paragraph of the item",
                    c.article,
                    shape.paragraphs()
                ),
            }
        } else {
            let n = shape.items_in(para);
            match lang {
                Lang::Zh if n == 0 => "该款没有项".to_string(),
                Lang::Zh => format!("该款只有{}项", to_cn_numeral(n)),
                Lang::En if n == 0 => "the paragraph has no items".to_string(),
                Lang::En => format!("the paragraph has {n} item(s)"),
            }
        };
        return out;
    }
    out.exists = Exists::Yes;
    let rows: Vec<&Provision> =
        match kb
            .statutes
            .provision(id, &v.id, c.article, c.paragraph, c.item)
        {
            Some(p) => vec![p],
            None if c.item.is_none() => {
                kb.statutes
                    .provisions_under(id, &v.id, c.article, c.paragraph)
            }
            None => Vec::new(),
        };
    let mut liable = Vec::new();
    let mut kinds: Vec<PenaltyKind> = Vec::new();
    for p in &rows {
        if let Some(l) = p.liable {
            liable.push(l);
        }
        for limb in &p.limbs {
            liable.push(limb.party);
            for k in limb.allowed() {
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
            if let Some(f) = limb.fine {
                let r = (f.min_yuan, f.max_yuan);
                if !out.fines.contains(&r) {
                    out.fines.push(r);
                }
            }
        }
    }
    liable.dedup();
    let mut seen = Vec::new();
    for l in liable {
        if !seen.contains(&l) {
            seen.push(l);
        }
    }
    out.liable = seen.iter().map(|l| l.as_str().to_string()).collect();
    out.penalties = kinds.iter().map(|k| k.as_str().to_string()).collect();
    if rows.is_empty() {
        out.note = lang
            .pick(
                "条款存在；本工具的条文表未收录其处罚内容",
                "the provision exists; the tool's tables do not hold its penalties",
            )
            .into();
    }
    out
}

fn fine_text(min: u64, max: u64, lang: Lang) -> String {
    match (lang, min) {
        (Lang::Zh, 0) => format!("{max} 元以下"),
        (Lang::Zh, _) => format!("{min} 元以上 {max} 元以下"),
        (Lang::En, 0) => format!("up to {max} yuan"),
        (Lang::En, _) => format!("{min} to {max} yuan"),
    }
}

/// Renders the reading of `text` as text blocks (or JSON) into `out`.
#[allow(clippy::too_many_arguments)]
pub fn render(
    text: &str,
    parsed: &ParsedBasis,
    kb: &Knowledge,
    format: CiteFormat,
    date: NaiveDate,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let found: Vec<Lookup> = parsed
        .citations
        .iter()
        .map(|c| lookup(c, kb, date, lang))
        .collect();
    if format == CiteFormat::Json {
        let v = serde_json::json!({
            "text": text,
            "date": date.to_string(),
            "parsed": parsed,
            "provisions": found,
        });
        serde_json::to_writer_pretty(&mut *out, &v)?;
        return writeln!(out);
    }
    // A label and its colon: full-width in Chinese, ": " in English.
    let h = |zh: &str, en: &str| match lang {
        Lang::Zh => format!("{zh}："),
        Lang::En => format!("{en}: "),
    };
    for (c, l) in parsed.citations.iter().zip(&found) {
        let name = match lang {
            Lang::Zh => l.canonical.clone(),
            Lang::En => c.display_en_in(&kb.laws),
        };
        writeln!(out, "{name}")?;
        writeln!(out, "  {}{}", h("原文", "as written"), l.text)?;
        let law = if l.law_id.is_some() {
            l.law.clone()
        } else {
            format!("{}{}", l.law, h("（未知法律）", " (unknown law)"))
        };
        writeln!(out, "  {}{law}", h("法律", "law"))?;
        if let (Some(v), Some(d)) = (&l.version, l.version_in_force) {
            // A citation that names its version is read in that version, whatever the date
            // asked about; the date then only says which text was in force on it.
            let stated = c.version.is_some();
            writeln!(
                out,
                "  {}{}",
                h("版本", "version"),
                match (stated, lang) {
                    (false, Lang::Zh) => format!("{d} 起施行的文本（按 {date} 查）"),
                    (false, Lang::En) => format!("the text in force from {d} (as of {date})"),
                    (true, Lang::Zh) => format!("{d} 起施行的文本（按引文所注版本查）"),
                    (true, Lang::En) => {
                        format!("the text in force from {d} (the version the citation names)")
                    }
                }
            )?;
            let on_date = l
                .law_id
                .as_deref()
                .and_then(|id| kb.statutes.version_on(id, date));
            if let Some(then) = on_date.filter(|t| stated && t.id != *v) {
                writeln!(
                    out,
                    "  {}{}",
                    h("提示", "note"),
                    match lang {
                        Lang::Zh => format!(
                            "{date} 施行的是 {} 起施行的文本，与引文所注版本不同",
                            then.in_force
                        ),
                        Lang::En => format!(
                            "the text in force on {date} is the one from {}, not the version the citation names",
                            then.in_force
                        ),
                    }
                )?;
            }
        }
        let exists = match (&l.exists, lang) {
            (Exists::Yes, Lang::Zh) => "存在".to_string(),
            (Exists::No, Lang::Zh) => format!("不存在：{}", l.note),
            (Exists::Unknown, Lang::Zh) => format!("无法核对：{}", l.note),
            (Exists::Yes, Lang::En) => "exists".to_string(),
            (Exists::No, Lang::En) => format!("does not exist: {}", l.note),
            (Exists::Unknown, Lang::En) => format!("cannot be checked: {}", l.note),
        };
        writeln!(out, "  {}{exists}", h("条款", "provision"))?;
        if l.exists == Exists::Yes {
            let liable: Vec<&str> = l
                .liable
                .iter()
                .filter_map(|s| match s.as_str() {
                    "unit" => Some(liable_zh(Liable::Unit, lang)),
                    "individual" => Some(liable_zh(Liable::Individual, lang)),
                    "any" => Some(liable_zh(Liable::Any, lang)),
                    "persons" => Some(liable_zh(Liable::Persons, lang)),
                    _ => None,
                })
                .collect();
            if !liable.is_empty() {
                writeln!(
                    out,
                    "  {}{}",
                    h("处罚对象", "liable party"),
                    liable.join(lang.pick("；", "; "))
                )?;
            }
            let kinds: Vec<String> = l
                .penalties
                .iter()
                .filter_map(|k| PenaltyKind::parse(k))
                .map(|k| match lang {
                    Lang::Zh => k.label_zh().to_string(),
                    Lang::En => k.as_str().replace('_', " "),
                })
                .collect();
            if !kinds.is_empty() {
                writeln!(
                    out,
                    "  {}{}",
                    h("处罚种类", "penalty kinds"),
                    kinds.join(lang.pick("、", ", "))
                )?;
            }
            if !l.fines.is_empty() {
                let fines: Vec<String> = l
                    .fines
                    .iter()
                    .map(|(a, b)| fine_text(*a, *b, lang))
                    .collect();
                writeln!(
                    out,
                    "  {}{}",
                    h("罚款幅度", "fine range"),
                    fines.join(lang.pick("；", "; "))
                )?;
            }
            if !l.note.is_empty() {
                writeln!(out, "  {}{}", h("说明", "note"), l.note)?;
            }
        }
        writeln!(out, "  {}{}", h("规范写法", "canonical form"), l.canonical)?;
        writeln!(out)?;
    }
    for law in &parsed.laws_without_article {
        writeln!(
            out,
            "{}",
            match lang {
                Lang::Zh => format!("只写了法律名称、没有条款：《{law}》"),
                Lang::En => format!("law named without any article: 《{law}》"),
            }
        )?;
    }
    for frag in &parsed.unparsed {
        writeln!(
            out,
            "{}",
            match lang {
                Lang::Zh => format!("无法解析：{frag}"),
                Lang::En => format!("cannot be read: {frag}"),
            }
        )?;
    }
    if parsed.citations.is_empty()
        && parsed.laws_without_article.is_empty()
        && parsed.unparsed.is_empty()
    {
        writeln!(
            out,
            "{}",
            lang.pick("没有找到法律条款引用", "no citation found")
        )?;
    }
    Ok(())
}

/// `caselint cite TEXT`: the reading of `text` against the law in force on `date` (default
/// today, see [`super::util::today`]).
pub fn command(
    opts: &SessionOptions,
    text: &str,
    format: CiteFormat,
    date: Option<NaiveDate>,
) -> anyhow::Result<Outcome> {
    let s = session(opts)?;
    let date = date.unwrap_or_else(super::util::today);
    run(text, &s.kb, format, date, s.lang)
}

/// Runs the command on standard output.
pub fn run(
    text: &str,
    kb: &Knowledge,
    format: CiteFormat,
    date: NaiveDate,
    lang: Lang,
) -> anyhow::Result<Outcome> {
    let parsed = parse_basis(text, &kb.laws);
    render(
        text,
        &parsed,
        kb,
        format,
        date,
        lang,
        &mut std::io::stdout().lock(),
    )?;
    Ok(Outcome::Clean)
}
