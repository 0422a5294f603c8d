//! The law registry (`checks/laws.toml`): which laws, regulations, rules and standards caselint
//! knows, under which names. Case files name the same law in many ways (《中华人民共和国消防法》,
//! 消防法, 《中華人民共和國消防法》); everything downstream keys on the stable id instead.

use crate::data::{parse_toml, DataError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;
use toml::Spanned;

/// The file name of the registry inside `checks/`.
pub const LAWS_FILE: &str = "laws.toml";

/// The prefix of national laws' titles, often dropped in practice.
const PRC: &str = "中华人民共和国";

/// What kind of instrument a law is; it decides how much weight its provisions carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LawKind {
    /// 法律, passed by the NPC or its Standing Committee.
    Law,
    /// 行政法规 or 地方性法规.
    Regulation,
    /// 规章 (departmental or local government rule).
    Rule,
    /// 裁量标准 and similar normative documents.
    Standard,
}

/// How firm a fact in `checks/` is, as `legal.md` labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mark {
    Verified,
    Secondary,
    Unverified,
    Derived,
}

/// One law of the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Law {
    /// Stable id (`fire_law`), used by the statute tables.
    pub id: String,
    /// Full official title (中华人民共和国消防法).
    pub name: String,
    /// Short titles used in practice; the first is the display form.
    pub short: Vec<String>,
    /// English short name for English output.
    pub en: String,
    pub kind: LawKind,
    /// Where the title comes from (legal.md source id or data file).
    pub source: String,
    /// How firm that source is.
    pub mark: Mark,
    /// Dates the law was adopted, revised or amended (the dates its titles name: `（2019年修正）`),
    /// so a version stated by its year alone reads as that amendment's date.
    pub amended: Vec<chrono::NaiveDate>,
    /// For a provincial regulation: the province it applies in (as `jurisdictions.toml`
    /// names it); its tables are used only for agencies of that province.
    pub province: Option<String>,
}

impl Law {
    /// The amendment a year names (`2019年修正` → 2019-04-23), when exactly one falls in it.
    pub fn amendment_in(&self, year: i32) -> Option<chrono::NaiveDate> {
        use chrono::Datelike;
        let mut it = self.amended.iter().filter(|d| d.year() == year);
        match (it.next(), it.next()) {
            (Some(d), None) => Some(*d),
            _ => None,
        }
    }

    /// The name to print in Chinese: the first short name, else the full name.
    pub fn display_name(&self) -> &str {
        self.short.first().map(String::as_str).unwrap_or(&self.name)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    law: Vec<RawLaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLaw {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    short: Vec<Spanned<String>>,
    en: Spanned<String>,
    kind: LawKind,
    source: Spanned<String>,
    mark: Mark,
    #[serde(default)]
    amended: Vec<Spanned<String>>,
    #[serde(default)]
    province: Option<String>,
}

/// The registry: laws in file order plus a name index.
#[derive(Debug, Clone)]
pub struct Laws {
    /// Distinct for every registry built in this process (keys parse caches).
    id: u64,
    laws: Vec<Law>,
    /// Folded name → index into `laws`.
    by_key: HashMap<String, usize>,
    /// Folded names as chars, longest first, for finding names in running text.
    scan: Vec<(Vec<char>, usize)>,
}

/// Width and traditional-character folding for law names and citation text
/// ([`crate::text::normalize`]). Maps each char to exactly one char, so char positions carry
/// over.
pub fn fold(s: &str) -> String {
    crate::text::normalize(s)
}

/// The lookup key of a name: folded, without whitespace or title brackets.
fn key(name: &str) -> String {
    fold(name)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '〈' | '〉' | '<' | '>'))
        .collect()
}

impl Laws {
    /// This registry's identity within the process (for caches keyed by it).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Parses a registry file; the first problem found (see [`Laws::from_toml_all`]).
    pub fn from_toml(file: &str, text: &str) -> Result<Laws, DataError> {
        Laws::from_toml_all(file, text).map_err(|mut errs| errs.swap_remove(0))
    }

    /// Parses a registry file, reporting every problem (sorted by place). Beyond the schema it
    /// rejects empty fields, ids that are not `snake_case`, duplicate ids and a name that two
    /// laws share (a citation must resolve to one law).
    pub fn from_toml_all(file: &str, text: &str) -> Result<Laws, Vec<DataError>> {
        let raw: RawFile = parse_toml(file, text).map_err(|e| vec![e])?;
        let mut errors = Vec::new();
        let err = |span: std::ops::Range<usize>, msg: String| {
            DataError::at_offset(file, text, span.start, msg)
        };
        let mut laws: Vec<Law> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut ids: HashMap<String, ()> = HashMap::new();
        for r in raw.law {
            let idx = laws.len();
            let id = r.id.get_ref();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                errors.push(err(
                    r.id.span(),
                    format!("law id `{id}` must be snake_case ASCII (a-z, 0-9, _)"),
                ));
            }
            if ids.insert(id.clone(), ()).is_some() {
                errors.push(err(r.id.span(), format!("duplicate law id `{id}`")));
            }
            for (field, v) in [("name", &r.name), ("en", &r.en), ("source", &r.source)] {
                if v.get_ref().trim().is_empty() {
                    errors.push(err(v.span(), format!("`{field}` of law `{id}` is empty")));
                }
            }
            // The full name, each short name, and the full name without 中华人民共和国.
            let mut names: Vec<(String, std::ops::Range<usize>)> =
                vec![(key(r.name.get_ref()), r.name.span())];
            if let Some(rest) = key(r.name.get_ref()).strip_prefix(PRC) {
                if !rest.is_empty() {
                    names.push((rest.to_string(), r.name.span()));
                }
            }
            for s in &r.short {
                let k = key(s.get_ref());
                if k.is_empty() {
                    errors.push(err(s.span(), format!("empty short name in law `{id}`")));
                    continue;
                }
                names.push((k, s.span()));
            }
            for (k, span) in names {
                match by_key.get(&k) {
                    Some(&other) if other != idx => errors.push(err(
                        span,
                        format!(
                            "name `{k}` of law `{id}` is already a name of law `{}`",
                            laws[other].id
                        ),
                    )),
                    _ => {
                        by_key.insert(k, idx);
                    }
                }
            }
            let mut amended = Vec::new();
            for a in &r.amended {
                match chrono::NaiveDate::parse_from_str(a.get_ref(), "%Y-%m-%d") {
                    Ok(d) => amended.push(d),
                    Err(_) => errors.push(err(
                        a.span(),
                        format!(
                            "`amended` of law `{id}`: `{}` is not a date YYYY-MM-DD",
                            a.get_ref()
                        ),
                    )),
                }
            }
            amended.sort();
            laws.push(Law {
                id: r.id.into_inner(),
                name: r.name.into_inner(),
                short: r.short.into_iter().map(Spanned::into_inner).collect(),
                en: r.en.into_inner(),
                kind: r.kind,
                source: r.source.into_inner(),
                mark: r.mark,
                amended,
                province: r.province,
            });
        }
        if !errors.is_empty() {
            errors.sort();
            return Err(errors);
        }
        let mut scan: Vec<(Vec<char>, usize)> = by_key
            .iter()
            .map(|(k, &i)| (k.chars().collect(), i))
            .collect();
        // Longest first so 中华人民共和国消防法 wins over 消防法; then by text for determinism.
        scan.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Laws {
            id,
            laws,
            by_key,
            scan,
        })
    }

    /// The registry shipped in the binary (`checks/laws.toml`). Panics only if the shipped file
    /// is broken, which the tests rule out.
    pub fn shipped() -> Laws {
        let text = crate::data::shipped_text(LAWS_FILE);
        Laws::from_toml(LAWS_FILE, text).unwrap_or_else(|e| panic!("shipped {e}"))
    }

    /// The shipped registry, parsed once per process.
    pub fn shipped_static() -> &'static Laws {
        static LAWS: OnceLock<Laws> = OnceLock::new();
        LAWS.get_or_init(Laws::shipped)
    }

    /// The law a name refers to: full or short name, traditional or simplified, full- or
    /// half-width, with or without 《》 and with or without the 中华人民共和国 prefix.
    pub fn resolve(&self, name: &str) -> Option<&Law> {
        let k = key(name);
        if k.is_empty() {
            return None;
        }
        let idx = self.by_key.get(&k).or_else(|| match k.strip_prefix(PRC) {
            Some(rest) => self.by_key.get(rest),
            None => self.by_key.get(&format!("{PRC}{k}")),
        })?;
        self.laws.get(*idx)
    }

    /// The law with this id.
    pub fn get(&self, id: &str) -> Option<&Law> {
        self.laws.iter().find(|l| l.id == id)
    }

    /// All laws in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Law> {
        self.laws.iter()
    }

    pub fn len(&self) -> usize {
        self.laws.len()
    }

    pub fn is_empty(&self) -> bool {
        self.laws.is_empty()
    }

    /// The longest registered name that `chars` (already [`fold`]ed) starts with, as its
    /// length in chars and the law. Used to find law names written without 《》.
    pub fn longest_name_at(&self, chars: &[char]) -> Option<(usize, &Law)> {
        self.scan
            .iter()
            .find(|(name, _)| chars.starts_with(name))
            .map(|(name, i)| (name.len(), &self.laws[*i]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_loads_with_every_required_id() {
        let laws = Laws::shipped();
        let ids: Vec<&str> = laws.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "fire_law",
                "admin_penalty_law",
                "public_security_penalty_law",
                "admin_compulsion_law",
                "admin_review_law",
                "admin_litigation_law",
                "product_quality_law",
                "henan_fire_reg",
                "henan_enforcement_reg",
                "henan_fire_discretion",
                "fire_procedure_rule",
                "ps_procedure_rule",
            ]
        );
        assert_eq!(
            laws.get("henan_fire_discretion").unwrap().kind,
            LawKind::Standard
        );
        assert_eq!(laws.get("fire_law").unwrap().kind, LawKind::Law);
        assert_eq!(
            laws.get("henan_fire_reg").unwrap().kind,
            LawKind::Regulation
        );
        assert_eq!(laws.get("ps_procedure_rule").unwrap().kind, LawKind::Rule);
        assert_eq!(laws.get("fire_law").unwrap().display_name(), "消防法");
        assert_eq!(
            laws.get("henan_fire_reg").unwrap().display_name(),
            "河南省消防条例"
        );
        for l in laws.iter() {
            assert!(!l.source.is_empty() && !l.en.is_empty(), "{}", l.id);
        }
    }

    #[test]
    fn resolve_names() {
        let laws = Laws::shipped();
        let cases = [
            ("中华人民共和国消防法", Some("fire_law")),
            ("消防法", Some("fire_law")),
            ("《消防法》", Some("fire_law")),
            ("《中华人民共和国消防法》", Some("fire_law")),
            ("中華人民共和國消防法", Some("fire_law")),
            (" 消防法 ", Some("fire_law")),
            ("中华人民共和国 消防法", Some("fire_law")),
            ("行政处罚法", Some("admin_penalty_law")),
            ("中华人民共和国行政處罰法", Some("admin_penalty_law")),
            (
                "《中華人民共和國治安管理處罰法》",
                Some("public_security_penalty_law"),
            ),
            ("治安管理处罚法", Some("public_security_penalty_law")),
            ("中華人民共和國行政強制法", Some("admin_compulsion_law")),
            ("行政復議法", Some("admin_review_law")),
            ("行政訴訟法", Some("admin_litigation_law")),
            ("產品質量法", Some("product_quality_law")),
            ("河南省消防條例", Some("henan_fire_reg")),
            ("河南省行政執法條例", Some("henan_enforcement_reg")),
            (
                "《河南省消防行政处罚裁量标准》",
                Some("henan_fire_discretion"),
            ),
            ("河南省消防行政處罰裁量標準", Some("henan_fire_discretion")),
            (
                "消防救援機構辦理行政案件程序規定",
                Some("fire_procedure_rule"),
            ),
            ("公安機關辦理行政案件程序規定", Some("ps_procedure_rule")),
            // A spurious prefix is dropped rather than failing the lookup.
            ("中华人民共和国河南省消防条例", Some("henan_fire_reg")),
            ("某某办法", None),
            ("", None),
            ("《》", None),
            ("消防", None),
            ("中华人民共和国", None),
        ];
        for (name, want) in cases {
            assert_eq!(laws.resolve(name).map(|l| l.id.as_str()), want, "{name:?}");
        }
    }

    #[test]
    fn longest_name_wins() {
        let laws = Laws::shipped();
        let chars: Vec<char> = "中华人民共和国消防法第六十条".chars().collect();
        let (len, law) = laws.longest_name_at(&chars).unwrap();
        assert_eq!((len, law.id.as_str()), (10, "fire_law"));
        let chars: Vec<char> = "消防法第六十条".chars().collect();
        assert_eq!(laws.longest_name_at(&chars).unwrap().0, 3);
        let chars: Vec<char> = "第六十条".chars().collect();
        assert!(laws.longest_name_at(&chars).is_none());
    }

    const ONE: &str = r#"
[[law]]
id = "fire_law"
name = "中华人民共和国消防法"
short = ["消防法"]
en = "Fire Law"
kind = "law"
source = "S2"
mark = "VERIFIED"
"#;

    #[test]
    fn minimal_file_loads() {
        let laws = Laws::from_toml("laws.toml", ONE).unwrap();
        assert_eq!(laws.len(), 1);
        assert_eq!(laws.resolve("消防法").unwrap().mark, Mark::Verified);
    }

    #[test]
    fn unknown_key_fails_with_place() {
        let text = ONE.replace("mark = \"VERIFIED\"", "mark = \"VERIFIED\"\nabbrev = \"x\"");
        let e = Laws::from_toml("laws.toml", &text).unwrap_err();
        assert_eq!(
            (e.file.as_str(), e.line, e.col),
            ("laws.toml", 10, 1),
            "{e}"
        );
        assert!(e.message.contains("abbrev"), "{e}");
    }

    #[test]
    fn bad_values_fail_with_place() {
        let bad_kind = ONE.replace("kind = \"law\"", "kind = \"decree\"");
        let e = Laws::from_toml("laws.toml", &bad_kind).unwrap_err();
        assert_eq!(e.line, 7, "{e}");
        let bad_mark = ONE.replace("VERIFIED", "verified");
        let e = Laws::from_toml("laws.toml", &bad_mark).unwrap_err();
        assert_eq!(e.line, 9, "{e}");
        let missing = ONE.replace("en = \"Fire Law\"\n", "");
        let e = Laws::from_toml("laws.toml", &missing).unwrap_err();
        assert!(e.message.contains("en"), "{e}");
    }

    #[test]
    fn duplicates_and_shared_names_all_reported() {
        // Law 2 repeats the id, law 3 takes law 1's short name.
        let second = ONE
            .replace("中华人民共和国消防法", "河南省消防条例")
            .replace("[\"消防法\"]", "[]");
        let third = ONE
            .replace("\"fire_law\"", "\"henan_fire_reg2\"")
            .replace("中华人民共和国消防法", "河南省行政执法条例");
        let text = format!("{ONE}{second}{third}");
        let errs = Laws::from_toml_all("laws.toml", &text).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "laws.toml:12:6: duplicate law id `fire_law`",
                "laws.toml:23:10: name `消防法` of law `henan_fire_reg2` is already a name of law `fire_law`",
            ]
        );
    }

    #[test]
    fn bad_id_and_empty_fields() {
        let text = ONE
            .replace("\"fire_law\"", "\"Fire-Law\"")
            .replace("source = \"S2\"", "source = \" \"");
        let errs = Laws::from_toml_all("laws.toml", &text).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].message.contains("snake_case"), "{errs:?}");
        assert!(errs[1].message.contains("`source`"), "{errs:?}");
    }
}
