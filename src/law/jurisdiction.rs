//! Which province a place name belongs to: the places table (`checks/jurisdictions.toml`).
//!
//! Provincial law (河南省消防条例, 河南省行政执法条例) binds only the agencies of its province, so
//! a rule that applies it first asks `knowledge::jurisdiction::province` (or `is_henan`). The
//! province comes from the place names in the agency's name (this table: 开封市消防救援支队 →
//! 河南), else from the `jurisdiction.province` setting a jurisdiction configures, else it is
//! unknown — and an unknown province gets no provincial rules (not checkable), never Henan's by
//! default.

use crate::data::{parse_toml, DataError};

/// The name of Henan in `checks/jurisdictions.toml` (the provincial rules key on it).
pub const HENAN: &str = "河南";

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)] // for people reading the file
    source: String,
    #[serde(default)]
    province: Vec<RawProvince>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvince {
    #[allow(dead_code)] // a stable key for people and diffs
    id: String,
    name: String,
    names: Vec<String>,
    #[serde(default)]
    cities: Vec<String>,
    #[serde(default)]
    counties: Vec<String>,
}

/// How strictly a place name must stand in the agency name to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A province or prefecture-level name: anywhere.
    Anywhere,
    /// A county-level name: at the start, or right after 省/市 (清新县 is not 新县).
    AfterBoundary,
}

/// The place names of every province, longest first (so 管城回族区 wins over a shorter name
/// starting at the same place).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    names: Vec<(String, Kind, usize)>,
    provinces: Vec<String>,
    /// Agency name → province index, filled as cases are checked: a run names few agencies,
    /// and scanning every place name for every rule of every case was most of a clean run.
    memo: Memo,
}

/// A bounded memo of [`Places::province_of`] (at most [`Memo::MAX`] names, so a hostile input
/// with a new agency on every case costs the plain scan, not memory). Not part of the value:
/// clones start empty and every two memos compare equal.
#[derive(Debug, Default)]
struct Memo(std::sync::Mutex<MemoMap>);

/// Agency name → province index (foldhash: the key is hashed on every lookup).
type MemoMap = crate::fastmap::FastMap<String, Option<usize>>;

impl Memo {
    const MAX: usize = 4096;

    fn lock(&self) -> std::sync::MutexGuard<'_, MemoMap> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl PartialEq for Memo {
    fn eq(&self, _: &Memo) -> bool {
        true
    }
}

impl Eq for Memo {}

impl Places {
    pub fn from_toml(file: &str, text: &str) -> Result<Places, Vec<DataError>> {
        let parsed: File = parse_toml(file, text).map_err(|e| vec![e])?;
        let mut out = Places::default();
        let mut errors = Vec::new();
        for (i, p) in parsed.province.into_iter().enumerate() {
            if p.names.is_empty() {
                errors.push(DataError {
                    file: file.into(),
                    line: 0,
                    col: 0,
                    message: format!("province `{}` needs at least one name", p.name),
                });
            }
            out.provinces.push(p.name);
            for n in p.names.into_iter().chain(p.cities) {
                out.names.push((n, Kind::Anywhere, i));
            }
            for n in p.counties {
                out.names.push((n, Kind::AfterBoundary, i));
            }
        }
        out.names.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(&b.0))
        });
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// The shipped table (tests).
    pub fn shipped() -> Places {
        Places::from_toml(
            "checks/jurisdictions.toml",
            crate::data::shipped_text("jurisdictions.toml"),
        )
        .expect("shipped jurisdictions are valid (tested)")
    }

    /// The province named first in `agency` (by position; the longest name at a position).
    pub fn province_of(&self, agency: &str) -> Option<&str> {
        if let Some(p) = self.memo.lock().get(agency) {
            return p.map(|p| self.provinces[p].as_str());
        }
        let p = self.scan(agency);
        let mut m = self.memo.lock();
        if m.len() < Memo::MAX {
            m.insert(agency.to_string(), p);
        }
        p.map(|p| self.provinces[p].as_str())
    }

    /// [`Places::province_of`] without the memo: the province index.
    fn scan(&self, agency: &str) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None; // (byte position, province)
        for (name, kind, p) in &self.names {
            for (pos, _) in agency.match_indices(name.as_str()) {
                let ok = match kind {
                    Kind::Anywhere => true,
                    Kind::AfterBoundary => {
                        pos == 0 || agency[..pos].ends_with('省') || agency[..pos].ends_with('市')
                    }
                };
                if ok && best.is_none_or(|(b, _)| pos < b) {
                    best = Some((pos, *p));
                }
            }
        }
        best.map(|(_, p)| p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_from_the_agency_name() {
        let p = Places::shipped();
        for (agency, want) in [
            ("开封市消防救援支队", Some("河南")),
            ("开封市消防救援支队鼓楼区大队", Some("河南")),
            ("河南省郑州市消防救援支队金水区大队", Some("河南")),
            ("郑州市公安消防支队", Some("河南")),
            ("中国人民武装警察部队河南省消防总队", Some("河南")),
            ("新县消防救援大队", Some("河南")),
            ("信阳市新县消防救援大队", Some("河南")),
            ("兰考县消防救援大队", Some("河南")),
            ("济源市消防救援支队", Some("河南")),
            ("鼓楼区消防救援大队", None),
            ("清新县消防救援大队", None),
            ("南京市消防救援支队", Some("江苏")),
            ("江苏省南京市鼓楼区消防救援大队", Some("江苏")),
            ("某某消防救援大队", None),
            // Names from published penalty news: a county the table does not know reads as
            // unknown, never as Henan (隆回县, Hunan: a 湖南法治报 report, address not recorded;
            // 横栏, Guangdong: https://dengger.com/forum.php?goto=lastpost&mod=redirect&tid=783).
            ("隆回县消防救援大队", None),
            ("横栏消防救援大队", None),
            ("湖南省邵阳市隆回县消防救援大队", Some("湖南")),
            ("", None),
        ] {
            assert_eq!(p.province_of(agency), want, "{agency}");
        }
    }
}
