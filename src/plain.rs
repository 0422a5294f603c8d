//! What users read names only what they have. The data files in `checks/` keep the research
//! notes they were built from — source ids of the specification (S1–S15), its file names
//! (legal.md …) and the certainty marks VERIFIED / SECONDARY / UNVERIFIED / DERIVED — because
//! they say where a fact comes from to whoever maintains the data. A user has none of those
//! documents: shown to them, a mark becomes plain words ([`certainty`]) and a source text loses
//! its references to documents they cannot open ([`scrub`]), keeping the law it cites.

use crate::finding::Lang;
use regex::Regex;
use std::sync::OnceLock;

/// A certainty mark in plain words: how firm a shipped value is and what a user can do about it.
pub fn certainty(mark: &str, lang: Lang) -> &'static str {
    match (mark, lang) {
        ("VERIFIED", Lang::Zh) => "已核对法律原文",
        ("VERIFIED", Lang::En) => "checked against the law text",
        ("SECONDARY", Lang::Zh) => "依据二手资料，未核对法律原文",
        ("SECONDARY", Lang::En) => "from secondary sources, not checked against the law text",
        ("DERIVED", Lang::Zh) => "据法律条文推定",
        ("DERIVED", Lang::En) => "inferred from the law text",
        ("CONFIGURED", Lang::Zh) => "本地配置",
        ("CONFIGURED", Lang::En) => "configured locally",
        // UNVERIFIED, DEFAULT and anything else: a default of the tool that nobody has checked.
        (_, Lang::Zh) => "本工具默认值，未经核实，可在配置中按本地规定修改",
        (_, Lang::En) => {
            "the tool's default, not verified; set it to your local rule in the configuration"
        }
    }
}

/// A mark in running text, as a word (the surrounding text is the data's own, often English).
fn mark_word(mark: &str) -> &'static str {
    match mark {
        "UNVERIFIED" => "not verified",
        "VERIFIED" => "verified",
        "SECONDARY" => "secondary source",
        _ => "inferred",
    }
}

struct Patterns {
    /// A reference to a specification file: `legal.md §4.3 "Unit vs individual"`, `rules.md P012`.
    spec_file: Regex,
    /// A source id S1–S15, alone or in a list (`S12/S13/S2`), not a rule code such as S001.
    source_id: Regex,
    mark: Regex,
    /// A bracketed group: (…) or （…）, without nested brackets.
    group: Regex,
    part_sep: Regex,
    spaces: Regex,
    empty_group: Regex,
    space_before: Regex,
    dangling: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        spec_file: Regex::new(
            r#"(?:\b(?:see|per|as|in)\s+)?\b(?:legal|formats|rules|review|style)\.md(?:\s+source)?(?:\s*(?:§\s*[0-9][0-9.]*|[A-Z][0-9]{3})(?:\s*[,，、]\s*§\s*[0-9][0-9.]*)*)?(?:\s*(?:"[^"]*"|“[^”]*”|\([^)]*\)))?"#,
        )
        .unwrap(),
        source_id: Regex::new(r"(?:^|(?-u:\b))S(?:1[0-5]|[1-9])(?:\s*/\s*S(?:1[0-5]|[1-9]))*(?-u:\b)")
            .unwrap(),
        mark: Regex::new(r"\b(?:UNVERIFIED|VERIFIED|SECONDARY|DERIVED)\b").unwrap(),
        group: Regex::new(r"\(([^()]*)\)|（([^（）]*)）").unwrap(),
        part_sep: Regex::new(r"\s*[,;，；、]\s*").unwrap(),
        spaces: Regex::new(r"[ \t]{2,}").unwrap(),
        empty_group: Regex::new(r"\s*(?:\(\s*\)|（\s*）)").unwrap(),
        space_before: Regex::new(r"\s+([,;:.)，；：。）])").unwrap(),
        dangling: Regex::new(r"^[\s,;:，；：—-]+|[\s,;:，；：—-]+$").unwrap(),
    })
}

/// Whether a piece of text is only references to the specification (nothing a user can use).
fn only_references(p: &Patterns, part: &str) -> bool {
    let rest = p.spec_file.replace_all(part, "");
    let rest = p.source_id.replace_all(&rest, "");
    let rest = p.mark.replace_all(&rest, "");
    // A bare section of the same document (`legal.md §1.1, §1.2`: the list was split).
    let rest = rest
        .replace('§', "")
        .replace("source", "")
        .replace("and", "");
    !rest.chars().any(char::is_alphanumeric)
        || (part.contains('§') && rest.trim().chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// A data file's source text as a user may read it: references to the specification (its file
/// names, sections and source ids) removed, certainty marks as words, the law it cites kept.
pub fn scrub(text: &str) -> String {
    let p = patterns();
    // Bracketed notes first: drop the parts that are only references, keep the rest.
    let mut s = p
        .group
        .replace_all(text, |c: &regex::Captures| {
            let (inner, open, close) = match (c.get(1), c.get(2)) {
                (Some(m), _) => (m.as_str(), "(", ")"),
                (_, Some(m)) => (m.as_str(), "（", "）"),
                _ => return String::new(),
            };
            let sep = if open == "(" { ", " } else { "，" };
            let keep: Vec<String> = p
                .part_sep
                .split(inner)
                .filter(|part| !part.trim().is_empty() && !only_references(p, part))
                .map(|part| {
                    // What is left of `legal.md §3.2 法制审核` or `formats.md §1: …` once the
                    // reference goes.
                    let rest = p.spec_file.replace_all(part, "");
                    rest.trim_start_matches([' ', ':', '：'])
                        .trim_end()
                        .to_string()
                })
                .filter(|part| !part.is_empty())
                .collect();
            if keep.is_empty() {
                String::new()
            } else {
                format!("{open}{}{close}", keep.join(sep))
            }
        })
        .into_owned();
    s = p.spec_file.replace_all(&s, "").into_owned();
    s = p.source_id.replace_all(&s, "").into_owned();
    s = p
        .mark
        .replace_all(&s, |c: &regex::Captures| mark_word(&c[0]).to_string())
        .into_owned();
    s = p.empty_group.replace_all(&s, "").into_owned();
    s = p.spaces.replace_all(&s, " ").into_owned();
    s = p.space_before.replace_all(&s, "$1").into_owned();
    for (from, to) in [
        (";;", ";"),
        ("; ;", ";"),
        (",,", ","),
        ("：:", "："),
        (": ;", ";"),
    ] {
        s = s.replace(from, to);
    }
    p.dangling.replace_all(&s, "").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_go_and_the_law_stays() {
        for (raw, want) in [
            (
                "行政处罚法 (2021) art. 36; old art. 29¶1: 二年内未被发现的，不再给予行政处罚 (S1, S14)",
                "行政处罚法 (2021) art. 36; old art. 29¶1: 二年内未被发现的，不再给予行政处罚",
            ),
            (
                "消防法 amended 2019-04-23 (legal.md source S13): 公安机关消防机构 → 消防救援机构",
                "消防法 amended 2019-04-23: 公安机关消防机构 → 消防救援机构",
            ),
            (
                "公安机关办理行政案件程序规定 art. 123 (S3, VERIFIED for 公安): 个人 ≥ 2,000 元 (legal.md §3.2)",
                "公安机关办理行政案件程序规定 art. 123 (verified for 公安): 个人 ≥ 2,000 元",
            ),
            (
                "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》（legal.md §7.1，SECONDARY）",
                "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》",
            ),
            (
                "the pairing of duty and penalty articles (legal.md §2.1, DERIVED)",
                "the pairing of duty and penalty articles",
            ),
            ("Applying it is DERIVED (rules.md P012)", "Applying it is inferred"),
            ("S001 and S004 are rule codes", "S001 and S004 are rule codes"),
            ("how exports write it (formats.md §1: `<Harm>无</Harm>` means none)", "how exports write it (`<Harm>无</Harm>` means none)"),
            ("not found (legal.md §3.2 法制审核); so", "not found (法制审核); so"),
            ("old art. 42 (legal.md §1.1, §1.2); 消防法 (2021)", "old art. 42; 消防法 (2021)"),
        ] {
            assert_eq!(scrub(raw), want, "{raw}");
        }
    }

    #[test]
    fn marks_in_plain_words() {
        assert_eq!(
            certainty("UNVERIFIED", Lang::Zh),
            "本工具默认值，未经核实，可在配置中按本地规定修改"
        );
        assert!(certainty("UNVERIFIED", Lang::En).starts_with("the tool's default, not verified"));
        assert!(!certainty("DERIVED", Lang::En).contains("DERIVED"));
    }
}
