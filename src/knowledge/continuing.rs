//! Which penalty provisions describe a continuing state (`checks/continuing_acts.toml`), read by
//! P012 (limitation period). Data only; uses `data`.

/// Per-provision reading of which penalty provisions describe a continuing state
/// (`checks/continuing_acts.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContinuingActs {
    entries: Vec<ContinuingEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ContinuingEntry {
    law: String,
    article: u32,
    paragraph: Option<u32>,
    item: Option<u32>,
    continuing: bool,
    reason: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ContinuingFile {
    #[allow(dead_code)] // for people reading the file
    source: String,
    #[allow(dead_code)]
    mark: String,
    #[serde(default)]
    provision: Vec<ContinuingEntry>,
}

impl ContinuingActs {
    pub fn from_toml(
        file: &str,
        text: &str,
    ) -> Result<ContinuingActs, Vec<crate::data::DataError>> {
        let f: ContinuingFile = crate::data::parse_toml(file, text).map_err(|e| vec![e])?;
        let errors: Vec<crate::data::DataError> = f
            .provision
            .iter()
            .filter(|e| e.reason.trim().is_empty())
            .map(|e| crate::data::DataError {
                file: file.into(),
                line: 0,
                col: 0,
                message: format!(
                    "provision {} art. {}: a `reason` is required",
                    e.law, e.article
                ),
            })
            .collect();
        if errors.is_empty() {
            Ok(ContinuingActs {
                entries: f.provision,
            })
        } else {
            Err(errors)
        }
    }

    /// Whether a cited provision describes a continuing state: the most specific entry that
    /// matches (article, then paragraph, then item); `None` when no entry does.
    pub fn is_continuing(
        &self,
        law: &str,
        article: u32,
        paragraph: Option<u32>,
        item: Option<u32>,
    ) -> Option<bool> {
        self.entries
            .iter()
            .filter(|e| {
                e.law == law
                    && e.article == article
                    && e.paragraph.is_none_or(|p| paragraph.is_none_or(|q| p == q))
                    && e.item.is_none_or(|i| item == Some(i))
            })
            .max_by_key(|e| (e.item.is_some(), e.paragraph.is_some()))
            .map(|e| e.continuing)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_continuing_table_picks_the_most_specific_entry() {
        let t = &crate::knowledge::Knowledge::shipped().continuing;
        assert_eq!(
            t.is_continuing("fire_law", 60, Some(1), Some(5)),
            Some(true)
        );
        assert_eq!(t.is_continuing("fire_law", 64, None, Some(2)), Some(false));
        assert_eq!(t.is_continuing("fire_law", 64, None, Some(6)), None);
        assert_eq!(
            t.is_continuing("henan_fire_reg", 70, Some(2), None),
            Some(true)
        );
        assert_eq!(t.is_continuing("fire_law", 59, None, None), None);
    }
}
