//! `caselint cite TEXT`: shows how a legal-basis text is read as citations (law, article,
//! paragraph, item), with the same parser the statute checks use, so officers can check their
//! own wording before a decision is issued.

use crate::cli::Outcome;
use crate::finding::Lang;
use crate::law::citation::{parse_basis, ParsedBasis};
use crate::law::laws::Laws;
use crate::report::Format;
use std::io::Write;

/// Renders the parse of `text` as a table (or JSON) into `out`.
pub fn render(
    text: &str,
    parsed: &ParsedBasis,
    laws: &Laws,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if format == Format::Json {
        let v = serde_json::json!({ "text": text, "parsed": parsed });
        serde_json::to_writer_pretty(&mut *out, &v)?;
        return writeln!(out);
    }
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header(match lang {
        Lang::Zh => vec!["原文", "法律", "条", "款", "项", "版本", "规范写法"],
        Lang::En => vec![
            "text",
            "law",
            "article",
            "paragraph",
            "item",
            "version",
            "canonical",
        ],
    });
    let dash = || "—".to_string();
    for c in &parsed.citations {
        let law = match &c.law_id {
            Some(id) => laws
                .get(id)
                .map(|l| l.name.clone())
                .unwrap_or_else(|| id.clone()),
            None => format!(
                "{}{}",
                c.law_name,
                lang.pick("（未知法律）", " (unknown law)")
            ),
        };
        t.add_row(vec![
            c.text.clone(),
            law,
            c.article.to_string(),
            c.paragraph.map(|p| p.to_string()).unwrap_or_else(dash),
            c.item.map(|i| i.to_string()).unwrap_or_else(dash),
            c.version.map(|v| v.to_string()).unwrap_or_else(dash),
            match lang {
                Lang::Zh => c.display_zh_in(laws),
                Lang::En => c.display_en_in(laws),
            },
        ]);
    }
    if !parsed.citations.is_empty() {
        writeln!(out, "{t}")?;
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

/// Runs the command on standard output.
pub fn run(text: &str, laws: &Laws, format: Format, lang: Lang) -> anyhow::Result<Outcome> {
    let parsed = parse_basis(text, laws);
    render(
        text,
        &parsed,
        laws,
        format,
        lang,
        &mut std::io::stdout().lock(),
    )?;
    Ok(Outcome::Clean)
}
