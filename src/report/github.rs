//! GitHub Actions workflow annotations (review.md, "CI-style checks"): one workflow command a
//! finding, which GitHub shows on the run's summary and, for files in the repository, beside
//! the file:
//!
//! ```text
//! ::error file=2023/一大队/案卷 1.xml,line=12,col=5,title=P901 late-service::送达日期…%0A依据：…%0A整改：…
//! ```
//!
//! - error → `::error`, warning → `::warning`, info → `::notice`. A waived finding is still
//!   written (never dropped) but as `::notice`, with "(waived)" in the title and the reason in the
//!   text, so it does not read as an open problem.
//! - XML findings carry `line` and `col`; an Excel cell has no line, so `Sheet!Cell: ` starts the
//!   message instead; file-level findings carry only `file`.
//! - The message is what is wrong, then the basis and the fix on their own lines.
//! - Escaping follows GitHub's toolkit (`@actions/core`, `command.ts`): in the message `%`, CR
//!   and LF become `%25`, `%0D`, `%0A`; in property values also `:` → `%3A` and `,` → `%2C`
//!   (a comma would end the property, a colon the property list).
//!
//! Exit codes, not annotations, fail the job (`--fail-on`).

use super::{Reporter, Run};
use crate::finding::{Finding, Place, Severity};
use std::io::{self, Write};

pub struct Github;

/// Escapes a command's message (`escapeData` in the toolkit).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`escapeProperty` in the toolkit).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The annotation line for one finding (without the trailing newline).
pub fn annotation(run: &Run, f: &Finding) -> String {
    let lang = run.lang;
    let command = match (f.severity, &f.waived) {
        (_, Some(_)) | (Severity::Info, _) => "notice",
        (Severity::Warning, None) => "warning",
        (Severity::Error, None) => "error",
    };
    let mut title = format!("{} {}", f.code, run.name_of(f));
    if f.waived.is_some() {
        title += lang.pick("（已豁免）", " (waived)");
    }
    let mut props = vec![format!("file={}", escape_property(&f.file))];
    if let Place::Line { line, column } = f.place {
        if line >= 1 {
            props.push(format!("line={line}"));
            if column >= 1 {
                props.push(format!("col={column}"));
            }
        }
    }
    props.push(format!("title={}", escape_property(title.trim_end())));
    let sep = lang.pick("：", ": ");
    let mut message = match &f.place {
        Place::Cell { .. } => format!("{}: {}", f.place.display(), f.message),
        Place::Paragraph(_) => format!("{}: {}", f.place.display_in(lang), f.message),
        _ => f.message.clone(),
    };
    for (label, value) in [
        (lang.pick("依据", "Basis"), &f.basis),
        (lang.pick("整改", "Fix"), &f.help),
    ] {
        if !value.is_empty() {
            message += &format!("\n{label}{sep}{value}");
        }
    }
    if let Some(why) = &f.waived {
        message += &format!("\n{}{sep}{why}", lang.pick("豁免理由", "Waived because"));
    }
    format!("::{command} {}::{}", props.join(","), escape_data(&message))
}

impl Reporter for Github {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        for f in &run.result.findings {
            writeln!(out, "{}", annotation(run, f))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Lang;
    use crate::report::fixture;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(fixture::render(&Github, Lang::Zh));
    }

    #[test]
    fn escaping_follows_the_toolkit() {
        for (input, data, property) in [
            ("plain 中文", "plain 中文", "plain 中文"),
            ("100%", "100%25", "100%25"),
            ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
            ("x: y, z", "x: y, z", "x%3A y%2C z"),
            ("%0A", "%250A", "%250A"),
            ("：，", "：，", "：，"),
        ] {
            assert_eq!(escape_data(input), data, "{input:?}");
            assert_eq!(escape_property(input), property, "{input:?}");
        }
    }

    #[test]
    fn one_line_per_finding_with_the_right_command_and_place() {
        let text = fixture::render(&Github, Lang::Zh);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), fixture::result(Lang::Zh).findings.len());
        let line_of = |needle: &str| *lines.iter().find(|l| l.contains(needle)).unwrap();
        // XML: line and col; the message's comma stays, its newline is escaped.
        let xml = line_of("P901");
        assert!(
            xml.starts_with(
                "::error file=2023/一大队/案卷 1.xml,line=12,col=5,title=P901 late-service::"
            ),
            "{xml}"
        );
        assert!(xml.contains("晚于期限, 超过 2 日%0A（决定日期"), "{xml}");
        assert!(
            xml.contains("%0A依据：《中华人民共和国行政处罚法》"),
            "{xml}"
        );
        // Info → notice; % escaped.
        assert!(line_of("S901").starts_with("::notice "));
        assert!(line_of("S901").contains("相似度 90%25"));
        // A comma in a file name is escaped in the property.
        assert!(
            line_of("F902").starts_with("::error file=2023/二大队/坏文件%2Cv2.xml,line=7,col=14,")
        );
        // File level: file only.
        assert!(line_of("F901").starts_with(
            "::error file=2023/二大队/空文件.xml,title=F901 unreadable-file::文件为空"
        ));
        // Excel: no line, the cell starts the message.
        let excel: Vec<&&str> = lines.iter().filter(|l| l.contains("D901")).collect();
        assert_eq!(excel.len(), 2);
        assert!(
            excel[0].starts_with("::warning file=台账.xlsx,title=D901 missing-seal::2022年!H5: "),
            "{}",
            excel[0]
        );
        // Waived → notice, marked, with the reason.
        assert!(
            excel[1].starts_with(
                "::notice file=台账.xlsx,title=D901 missing-seal（已豁免）::2022年!H7: "
            ),
            "{}",
            excel[1]
        );
        assert!(
            excel[1].ends_with("%0A豁免理由：电子签章，经法制科批准（2024-12-31 前有效）"),
            "{}",
            excel[1]
        );
        // Every line is a single physical line.
        assert!(lines
            .iter()
            .all(|l| l.starts_with("::") && !l.contains('\r')));
    }
}
