//! Loading declared rules: every rule file parsed (see `parse`), then checked across files —
//! a code or name must be new (not built-in, not procedure data, not declared twice).
//! Uses only the foundation and the declared-rule data.

use super::parse::Parser;
use super::KindTable;
use super::{DeclaredRule, DeclaredRules};
use crate::data::DataError;
use crate::finding::Info;
use std::collections::BTreeMap;

impl DeclaredRules {
    /// Loads and validates rule files `(origin, text)`. `taken` holds the rules already in
    /// force (built-in and procedure-data codes), which a declared code must not reuse. Every
    /// error of every file is returned at once.
    pub fn load(
        files: &[(String, String)],
        documents: &KindTable,
        penalties: &KindTable,
        taken: &[&'static Info],
    ) -> Result<DeclaredRules, Vec<DataError>> {
        let mut errors = Vec::new();
        let mut rules: Vec<DeclaredRule> = Vec::new();
        // code → where it was first declared
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for (file, text) in files {
            let mut p = Parser {
                file,
                text,
                errors: Vec::new(),
                documents,
                penalties,
            };
            let parsed = p.file();
            for (rule, code_span, name_span) in parsed {
                let code = rule.info.code;
                if let Some(t) = taken.iter().find(|i| i.code == code) {
                    p.err(
                        code_span.clone(),
                        format!(
                            "rule code `{code}` is already used by {} rule `{}`",
                            t.source, t.name
                        ),
                    );
                } else if let Some(at) = seen.get(code) {
                    p.err(
                        code_span.clone(),
                        format!("rule code `{code}` is declared twice (first at {at})"),
                    );
                }
                let name = rule.info.name;
                if let Some(t) = taken.iter().find(|i| i.name == name) {
                    p.err(
                        name_span.clone(),
                        format!("rule name `{name}` is already used by rule {}", t.code),
                    );
                } else if let Some(at) = names.get(name) {
                    p.err(
                        name_span.clone(),
                        format!("rule name `{name}` is declared twice (first at {at})"),
                    );
                }
                let (l, c) = crate::data::line_col(text, code_span.start);
                seen.entry(code.to_string())
                    .or_insert_with(|| format!("{file}:{l}:{c}"));
                names
                    .entry(name.to_string())
                    .or_insert_with(|| format!("{file}:{l}:{c}"));
                rules.push(rule);
            }
            errors.extend(p.errors);
        }
        if errors.is_empty() {
            rules.sort_by_key(|r| r.info.code);
            Ok(DeclaredRules { rules })
        } else {
            errors.sort();
            errors.dedup();
            Err(errors)
        }
    }
}
