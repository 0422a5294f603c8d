//! The paragraphs of a Word document (`.docx`): the text of `word/document.xml`, one string per
//! paragraph (`w:p`) in document order, a table row (`w:tr`) as one paragraph of its cells. The
//! decision reader ([`super::decision`]) finds the fields in them.
//!
//! A `.docx` is a zip: the same guards as for a workbook apply (a bounded number of entries, a
//! bounded unpacked size, checked against the central directory before anything is unpacked), so
//! a crafted file is a finding, never a hang or an exhausted memory.

use quick_xml::events::Event;
use std::io::Read;

/// Most zip entries a Word document may have (a real one has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;

/// Deepest element nesting accepted in `document.xml`.
const MAX_DEPTH: usize = 512;

/// Why a document could not be read: (Chinese, English).
pub type Why = (String, String);

fn why(zh: impl Into<String>, en: impl Into<String>) -> Why {
    (zh.into(), en.into())
}

/// The paragraphs of a `.docx`, text only (runs joined, tabs and breaks as spaces). Empty
/// paragraphs are kept as empty strings (the caller numbers the non-empty ones).
pub fn paragraphs(bytes: &[u8], max_unzipped: u64) -> Result<Vec<String>, Why> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        why(
            format!("不是有效的 Word（.docx）文件，无法作为 zip 打开（可能已加密或损坏）：{e}"),
            format!("not a valid Word (.docx) file: it cannot be opened as a zip (encrypted or corrupt?): {e}"),
        )
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(why(
            format!(
                "Word 文件含 {} 个压缩条目，超过上限 {MAX_ENTRIES}，未读取",
                archive.len()
            ),
            format!(
                "the Word file has {} zip entries, over the limit of {MAX_ENTRIES}; not read",
                archive.len()
            ),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        if let Ok(f) = archive.by_index_raw(i) {
            total = total.saturating_add(f.size());
        }
    }
    if total > max_unzipped {
        return Err(why(
            format!("Word 文件解压后共 {total} 字节，超过上限 {max_unzipped} 字节（疑似压缩炸弹），未读取"),
            format!("the Word file unpacks to {total} bytes, over the {max_unzipped}-byte limit (a zip bomb?); not read"),
        ));
    }
    let mut part = archive.by_name("word/document.xml").map_err(|_| {
        why(
            "不是 Word 文档：缺少正文部分 word/document.xml",
            "not a Word document: it has no word/document.xml part",
        )
    })?;
    let mut xml = Vec::new();
    (&mut part)
        .take(max_unzipped.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|e| {
            why(
                format!("Word 文件正文无法解压：{e}"),
                format!("the Word file's text cannot be unpacked: {e}"),
            )
        })?;
    if xml.len() as u64 > max_unzipped {
        return Err(why(
            "Word 文件正文解压后超过上限，未读取",
            "the Word file's text unpacks over the limit; not read",
        ));
    }
    let text =
        std::str::from_utf8(xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&xml)).map_err(|_| {
            why(
                "Word 文件正文不是 UTF-8 编码的 XML",
                "the Word file's text is not UTF-8 XML",
            )
        })?;
    parse_document_xml(text)
}

/// One table row being read: its cells, and the text of the cell being read.
#[derive(Default)]
struct Row {
    cells: Vec<String>,
    cell: Option<String>,
}

/// The paragraphs of a `document.xml` text.
pub fn parse_document_xml(text: &str) -> Result<Vec<String>, Why> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out: Vec<String> = Vec::new();
    // The paragraphs being read, innermost last (a text box's paragraphs sit inside one).
    let mut paras: Vec<String> = Vec::new();
    // Depth inside an `mc:Fallback` (a second copy of a text box for old readers): skipped.
    let mut fallback = 0usize;
    let mut in_text = false;
    // Open table rows, innermost last (a table may sit inside a cell).
    let mut rows: Vec<Row> = Vec::new();
    let mut depth = 0usize;
    loop {
        let ev = reader.read_event().map_err(|e| {
            why(
                format!("Word 文件正文 XML 格式错误：{e}"),
                format!("the Word file's text is malformed XML: {e}"),
            )
        })?;
        match ev {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(why(
                        "Word 文件正文嵌套过深，未读取",
                        "the Word file's text is nested too deeply; not read",
                    ));
                }
                match e.local_name().as_ref() {
                    "p" => paras.push(String::new()),
                    "Fallback" => fallback += 1,
                    "t" => in_text = true,
                    "tr" => rows.push(Row::default()),
                    "tc" => {
                        if let Some(r) = rows.last_mut() {
                            r.cell = Some(String::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" | "br" | "cr" => {
                    if let Some(p) = paras.last_mut().filter(|_| fallback == 0) {
                        p.push(' ');
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = paras.last_mut().filter(|_| fallback == 0) {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = paras.last_mut().filter(|_| fallback == 0) {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => p.push(c),
                        _ => {
                            let name: &str = &r;
                            // Custom entities are never expanded (no entity bombs).
                            if let Some(s) = quick_xml::escape::resolve_predefined_entity(name) {
                                p.push_str(s);
                            }
                        }
                    }
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "Fallback" => fallback = fallback.saturating_sub(1),
                    "p" => {
                        let p = paras.pop().unwrap_or_default();
                        if fallback > 0 {
                            continue;
                        }
                        match rows.last_mut().and_then(|r| r.cell.as_mut()) {
                            Some(cell) => {
                                if !cell.is_empty() && !p.trim().is_empty() {
                                    cell.push(' ');
                                }
                                cell.push_str(p.trim());
                            }
                            None => out.push(p),
                        }
                    }
                    "tc" => {
                        if let Some(r) = rows.last_mut() {
                            if let Some(c) = r.cell.take() {
                                r.cells.push(c);
                            }
                        }
                    }
                    "tr" => {
                        if let Some(r) = rows.pop() {
                            let line = join_row(&r.cells);
                            match rows.last_mut().and_then(|r| r.cell.as_mut()) {
                                Some(cell) => {
                                    if !cell.is_empty() {
                                        cell.push(' ');
                                    }
                                    cell.push_str(&line);
                                }
                                None => out.push(line),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A table row as one paragraph. A row of label/value pairs (`当事人 | 某公司 | 法定代表人 |
/// 张某`) reads `当事人：某公司，法定代表人：张某`, as the same lines of a text decision would;
/// other rows join their cells with `，`.
pub fn join_row(cells: &[String]) -> String {
    let cells: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let is_label = |s: &str| {
        let s = s.trim_end_matches([':', '：']);
        !s.is_empty()
            && s.chars().count() <= 12
            && !s
                .chars()
                .any(|c| "。，,；;、".contains(c) || c.is_ascii_digit())
    };
    if cells.len() >= 2
        && cells.len().is_multiple_of(2)
        && cells.iter().step_by(2).all(|c| is_label(c))
    {
        cells
            .chunks(2)
            .map(|p| format!("{}：{}", p[0].trim_end_matches([':', '：']), p[1]))
            .collect::<Vec<_>>()
            .join("，")
    } else {
        cells.join("，")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_and_tables() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>行政处罚</w:t></w:r><w:r><w:t>决定书</w:t></w:r></w:p>
<w:p/>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>当事人</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>某某有限公司</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>统一社会信用代码：</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>91410204MA000000X1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t xml:space="preserve">罚款 </w:t><w:tab/><w:t>A&amp;B</w:t></w:r></w:p>
</w:body></w:document>"#;
        let ps = parse_document_xml(xml).unwrap();
        assert_eq!(
            ps,
            [
                "行政处罚决定书",
                "当事人：某某有限公司",
                "统一社会信用代码：91410204MA000000X1",
                "罚款  A&B"
            ]
        );
    }

    /// A text box (a paragraph inside a paragraph) keeps both texts; its fallback copy for old
    /// readers is not read twice.
    #[test]
    fn text_boxes_and_fallbacks() {
        let xml = r#"<w:document xmlns:w="x" xmlns:mc="m"><w:body>
<w:p><w:r><w:t>某某消防救援大队</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>（印章）</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>（印章）</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>（续）</w:t></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(
            parse_document_xml(xml).unwrap(),
            ["（印章）", "某某消防救援大队（续）"]
        );
    }

    #[test]
    fn rows_that_are_not_label_pairs_join_with_commas() {
        let cells = [
            "1".to_string(),
            "罚款5000元".to_string(),
            "第六十条".to_string(),
        ];
        assert_eq!(join_row(&cells), "1，罚款5000元，第六十条");
    }

    fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn zip_bombs_and_foreign_zips_are_refused() {
        let doc = b"<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>\xe5\x86\xb3</w:t></w:r></w:p></w:body></w:document>".to_vec();
        let ok = zip_of(&[("word/document.xml", doc.clone())]);
        assert_eq!(paragraphs(&ok, 1 << 20).unwrap(), ["决"]);
        // Unpacks past the limit: refused from the central directory, before unpacking.
        let bomb = zip_of(&[("word/document.xml", vec![b' '; 1 << 20])]);
        assert!(bomb.len() < 1 << 14);
        let (zh, en) = paragraphs(&bomb, 1 << 16).unwrap_err();
        assert!(zh.contains("压缩炸弹") && en.contains("zip bomb"), "{zh}");
        // A zip that is not a Word document (an xlsx renamed).
        let (_, en) = paragraphs(&zip_of(&[("xl/workbook.xml", doc)]), 1 << 20).unwrap_err();
        assert!(en.contains("word/document.xml"), "{en}");
    }

    #[test]
    fn bad_input_is_a_reason_not_a_panic() {
        assert!(paragraphs(b"not a zip", 1 << 20).is_err());
        assert!(parse_document_xml("<w:p><w:t>x</w:p>").is_err());
        let deep = "<a>".repeat(2000);
        assert!(parse_document_xml(&deep).is_err());
    }
}
