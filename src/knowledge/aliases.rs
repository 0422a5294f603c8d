//! The alias tables from `checks/aliases.toml` and `checks/documents.toml`: how exporting
//! systems spell element names, ledger columns, document kinds and penalty kinds, mapped to
//! caselint's canonical names. Data, not code, so a brigade adds a spelling without recompiling.

use super::canon::Canon;
use crate::data::{parse_toml, DataError};
use crate::text::normalize;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// A fast hash for the name tables the XML reader consults once per element, attribute and
/// document. Only lookups come from input files (the keys are the data's own), so a hash without
/// flooding protection is safe here.
use crate::fastmap::FastMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    #[allow(dead_code)]
    source: String,
    xml: BTreeMap<String, Vec<String>>,
    columns: BTreeMap<String, ColumnSpec>,
    penalties: BTreeMap<String, KindSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnSpec {
    aliases: Vec<String>,
    step: Option<String>,
    covers: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct KindSpec {
    name: String,
    aliases: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentFile {
    #[allow(dead_code)]
    source: String,
    kinds: BTreeMap<String, KindSpec>,
}

/// A set of kinds (document or penalty kinds) with exact and substring aliases.
#[derive(Debug, Clone, Default)]
pub struct KindTable {
    names: BTreeMap<String, String>,
    /// Aliases exactly as written in the data: the common case, found without normalizing.
    verbatim: FastMap<String, String>,
    exact: HashMap<String, String>,
    /// (normalized fragment, kind), longest first.
    contains: Vec<(String, String)>,
}

impl KindTable {
    fn build(specs: &BTreeMap<String, KindSpec>) -> KindTable {
        let mut t = KindTable::default();
        for (id, spec) in specs {
            t.names.insert(id.clone(), spec.name.clone());
            for a in spec.aliases.iter().chain(std::iter::once(&spec.name)) {
                t.verbatim.insert(a.clone(), id.clone());
                t.exact.insert(key(a), id.clone());
            }
            for c in &spec.contains {
                t.contains.push((key(c), id.clone()));
            }
        }
        t.contains
            .sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        t
    }

    /// The canonical kind for a text: an exact alias, else the longest contained fragment.
    pub fn lookup(&self, text: &str) -> Option<&str> {
        if let Some(id) = self.verbatim.get(text) {
            return Some(id);
        }
        let k = key(text);
        if let Some(id) = self.exact.get(&k) {
            return Some(id);
        }
        self.contains
            .iter()
            .find(|(frag, _)| k.contains(frag.as_str()))
            .map(|(_, id)| id.as_str())
    }

    /// Display name (Chinese) of a kind id; the id itself when unknown.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map(String::as_str).unwrap_or(id)
    }

    pub fn contains_id(&self, id: &str) -> bool {
        self.names.contains_key(id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }
}

/// A ledger column's canonical field, the step it dates, if any, and the step whose presence
/// it tells without a date (an empty 延期天数 cell means no extension), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub field: String,
    pub step: Option<String>,
    pub covers: Option<String>,
}

/// All alias tables.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    /// XML names exactly as written in the data (the common case, no normalizing).
    xml_verbatim: HashMap<String, String>,
    /// The same names resolved to the reader's canonical names: one lookup per element.
    xml_ids: FastMap<String, Option<Canon>>,
    xml: HashMap<String, String>,
    columns: HashMap<String, Column>,
    column_fields: BTreeMap<String, Option<String>>,
    pub documents: KindTable,
    pub penalties: KindTable,
}

/// The comparison key: width-folded, simplified, whitespace removed, Latin lower-cased.
fn key(s: &str) -> String {
    normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A header with its unit removed: `罚款金额（万元）` → (`罚款金额`, 10000).
pub fn split_unit(header: &str) -> (String, Option<i64>) {
    let k = key(header);
    for (suffix, unit) in [("(万元)", 10_000), ("(元)", 1), ("万元", 10_000)] {
        if let Some(stem) = k.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem.to_string(), Some(unit));
            }
        }
    }
    (k, None)
}

impl Aliases {
    /// Builds the tables from the text of `aliases.toml` and `documents.toml`.
    pub fn from_toml(
        aliases: (&str, &str),
        documents: (&str, &str),
    ) -> Result<Aliases, Vec<DataError>> {
        let mut errors = Vec::new();
        let a: Option<AliasFile> = parse_toml(aliases.0, aliases.1)
            .map_err(|e| errors.push(e))
            .ok();
        let d: Option<DocumentFile> = parse_toml(documents.0, documents.1)
            .map_err(|e| errors.push(e))
            .ok();
        let (Some(a), Some(d)) = (a, d) else {
            return Err(errors);
        };
        let mut out = Aliases {
            documents: KindTable::build(&d.kinds),
            penalties: KindTable::build(&a.penalties),
            ..Default::default()
        };
        for (canon, names) in &a.xml {
            out.xml.insert(key(canon), canon.clone());
            out.xml_verbatim.insert(canon.clone(), canon.clone());
            out.xml_ids.insert(canon.clone(), Canon::parse(canon));
            for n in names {
                out.xml.insert(key(n), canon.clone());
                out.xml_verbatim.insert(n.clone(), canon.clone());
                out.xml_ids.insert(n.clone(), Canon::parse(canon));
            }
        }
        for (field, spec) in &a.columns {
            for (key, step) in [("step", &spec.step), ("covers", &spec.covers)] {
                let Some(step) = step else { continue };
                if !out.documents.contains_id(step) {
                    let at = aliases.1.find(&format!("{key} = \"{step}\"")).unwrap_or(0);
                    errors.push(DataError::at_offset(
                        aliases.0,
                        aliases.1,
                        at,
                        format!(
                            "column `{field}`: unknown {key} `{step}` (not a kind in {})",
                            documents.0
                        ),
                    ));
                }
            }
            out.column_fields.insert(field.clone(), spec.step.clone());
            for alias in &spec.aliases {
                let (stem, _) = split_unit(alias);
                out.columns.insert(
                    stem,
                    Column {
                        field: field.clone(),
                        step: spec.step.clone(),
                        covers: spec.covers.clone(),
                    },
                );
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// The tables shipped in the binary.
    pub fn shipped() -> Aliases {
        let get = crate::data::shipped_text;
        Aliases::from_toml(
            ("checks/aliases.toml", get("aliases.toml")),
            ("checks/documents.toml", get("documents.toml")),
        )
        .expect("shipped alias tables are valid (tested)")
    }

    /// Canonical (lower-case) XML name for an element or attribute name, if known.
    pub fn xml_name(&self, name: &str) -> Option<&str> {
        if let Some(c) = self.xml_verbatim.get(name) {
            return Some(c);
        }
        self.xml.get(&key(name)).map(String::as_str)
    }

    /// The reader's canonical name for an element or attribute name:
    /// `xml_name(name).and_then(Canon::parse)`, without normalizing a name spelled as in the data.
    pub(crate) fn xml_canon(&self, name: &str) -> Option<Canon> {
        if let Some(c) = self.xml_ids.get(name) {
            return *c;
        }
        self.xml.get(&key(name)).and_then(|c| Canon::parse(c))
    }

    /// The column a header names, with the unit (in 元) its header carries.
    pub fn column(&self, header: &str) -> Option<(&Column, Option<i64>)> {
        let (stem, unit) = split_unit(header);
        self.columns.get(&stem).map(|c| (c, unit))
    }

    /// Every canonical XML name the table maps to.
    pub fn xml_canonical(&self) -> std::collections::BTreeSet<&str> {
        self.xml.values().map(String::as_str).collect()
    }

    /// Canonical field names of all ledger columns with their step kinds.
    pub fn column_fields(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.column_fields
            .iter()
            .map(|(f, s)| (f.as_str(), s.as_deref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_tables_load() {
        let a = Aliases::shipped();
        assert_eq!(a.xml_name("案件编号"), Some("caseno"));
        assert_eq!(a.xml_name("CaseNo"), Some("caseno"));
        assert_eq!(a.xml_name("caseno"), Some("caseno"));
        assert_eq!(a.xml_name("执法证号"), Some("certno"));
        assert_eq!(a.xml_name("nonsense"), None);
    }

    /// The reader's one-step lookup agrees with the name lookup, for names spelled as in the
    /// data and for names only the normalizing key finds.
    #[test]
    fn xml_canon_agrees_with_xml_name() {
        let a = Aliases::shipped();
        let mut names: Vec<String> = a.xml_verbatim.keys().cloned().collect();
        names.extend(
            names
                .clone()
                .iter()
                .map(|n| format!(" {} ", n.to_uppercase())),
        );
        names.extend(["ＣａｓｅＮｏ", "案件編號", "nonsense", "", "xmlns"].map(String::from));
        for n in &names {
            assert_eq!(
                a.xml_canon(n),
                a.xml_name(n).and_then(Canon::parse),
                "{n:?}"
            );
        }
        assert_eq!(a.xml_canon("ＣａｓｅＮｏ"), Some(Canon::CaseNo));
        assert_eq!(a.xml_canon("nonsense"), None);
    }

    #[test]
    fn document_kinds() {
        let a = Aliases::shipped();
        let d = &a.documents;
        assert_eq!(d.lookup("行政处罚告知书"), Some("notice"));
        assert_eq!(d.lookup("行政处罚告知笔录"), Some("notice"));
        assert_eq!(d.lookup("集体议案记录"), Some("collective_discussion"));
        assert_eq!(d.lookup("集体讨论"), Some("collective_discussion"));
        assert_eq!(d.lookup("当场行政处罚决定书"), Some("summary_decision"));
        assert_eq!(
            d.lookup("开封市消防救援支队行政处罚决定书"),
            Some("decision")
        );
        assert_eq!(d.lookup("不予行政处罚决定书"), Some("no_penalty_decision"));
        assert_eq!(d.lookup("延期(分期)缴纳罚款审批表"), Some("deferral"));
        assert_eq!(d.lookup("延期（分期）缴纳罚款审批表"), Some("deferral"));
        assert_eq!(d.lookup("行政處罰決定書"), Some("decision"));
        assert_eq!(d.lookup("会议纪要"), None);
        assert_eq!(d.name("notice"), "行政处罚告知");
    }

    #[test]
    fn columns_and_units() {
        let a = Aliases::shipped();
        let (c, unit) = a.column("罚款金额（万元）").unwrap();
        assert_eq!((c.field.as_str(), unit), ("fine", Some(10_000)));
        let (c, unit) = a.column("罚款金额(元)").unwrap();
        assert_eq!((c.field.as_str(), unit), ("fine", Some(1)));
        let (c, _) = a.column(" 告知日期 ").unwrap();
        assert_eq!(c.step.as_deref(), Some("notice"));
        assert!(a.column("备注").is_none());
    }

    #[test]
    fn penalty_kinds() {
        let p = Aliases::shipped().penalties;
        assert_eq!(p.lookup("罚款"), Some("fine"));
        assert_eq!(p.lookup("罚款5000元"), Some("fine"));
        assert_eq!(p.lookup("责令停产停业"), Some("suspend_business"));
        assert_eq!(p.lookup("行政拘留"), Some("detention"));
    }

    #[test]
    fn bad_step_is_reported() {
        let aliases =
            "source = \"t\"\n[xml]\n[columns.x]\naliases = [\"X\"]\nstep = \"nope\"\n[penalties]\n";
        let docs = "source = \"t\"\n[kinds]\n";
        let errs = Aliases::from_toml(("a.toml", aliases), ("d.toml", docs)).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 5, "{}", errs[0]);
    }
}
