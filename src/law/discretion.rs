//! Discretion bands (裁量基准) for rule L010: per provision, party kind and circumstance level
//! (较轻/一般/较重/严重), the part of the statutory fine range a fine should fall in.
//!
//! The shipped bands (`checks/discretion/default.toml`) are DERIVED arithmetic, not a published
//! standard (legal.md §4.3), so they are data a province's real standard can replace without a
//! rebuild. A level is either a percentage of the statutory range, `min + p × (max − min)`, or
//! explicit amounts given by the entry.

use crate::data::DataError;
use crate::law::statutes::{law_id_allowed, Liable, Mark};
use crate::model::Circumstance;
use serde::Deserialize;
use toml::Spanned;

/// The band a fine should fall in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub min_yuan: u64,
    pub max_yuan: u64,
    /// The statutory range the band was cut from (the tier it belongs to).
    pub range: (u64, u64),
    pub mark: Mark,
    pub source: String,
}

impl Band {
    pub fn contains(&self, yuan: u64) -> bool {
        yuan >= self.min_yuan && yuan <= self.max_yuan
    }
}

/// One provision's bands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub law: String,
    pub article: u32,
    pub paragraph: Option<u32>,
    /// Empty: every item.
    pub items: Vec<u32>,
    pub party: Liable,
    /// The statutory range the percentages apply to.
    pub range: (u64, u64),
    /// Explicit amounts per level, in the order minor, ordinary, serious, grave.
    explicit: [Option<(u64, u64)>; 4],
    /// Percent [from, to] per level, from the file's `[levels]`.
    percent: [(u64, u64); 4],
    pub mark: Mark,
    pub source: String,
    pub note: String,
}

impl Entry {
    fn band(&self, level: Circumstance) -> Band {
        let i = level_index(level);
        let (min_yuan, max_yuan) = self.explicit[i].unwrap_or_else(|| {
            let (lo, hi) = self.range;
            let at = |p: u64| lo + ((hi - lo) * p + 50) / 100;
            (at(self.percent[i].0), at(self.percent[i].1))
        });
        Band {
            min_yuan,
            max_yuan,
            range: self.range,
            mark: self.mark,
            source: self.source.clone(),
        }
    }

    fn matches(&self, law: &str, article: u32, paragraph: Option<u32>, item: Option<u32>) -> bool {
        // 第一款 of a one-paragraph article is often written or omitted; treat them alike.
        let para_eq = self.paragraph == paragraph
            || (self.paragraph.unwrap_or(1) == 1 && paragraph.unwrap_or(1) == 1);
        self.law == law
            && self.article == article
            && para_eq
            && (self.items.is_empty() || item.is_some_and(|i| self.items.contains(&i)))
    }
}

fn level_index(level: Circumstance) -> usize {
    match level {
        Circumstance::Minor => 0,
        Circumstance::Ordinary => 1,
        Circumstance::Serious => 2,
        Circumstance::Grave => 3,
    }
}

/// All discretion bands loaded.
#[derive(Debug, Clone, Default)]
pub struct Discretion {
    entries: Vec<Entry>,
}

impl Discretion {
    /// The bands shipped in `checks/discretion/`. The shipped data is tested, so a failure here
    /// is a build defect.
    pub fn shipped() -> Discretion {
        let files = crate::law::statutes::dir_files("discretion");
        match Discretion::from_files(&files) {
            Ok(d) => d,
            Err(errs) => {
                let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
                panic!("shipped discretion bands are invalid:\n{}", msgs.join("\n"))
            }
        }
    }

    /// Loads `(file name, text)` pairs; every problem is reported with file:line:col. For the
    /// same provision and party, an entry in a later file replaces an earlier one.
    pub fn from_files(files: &[(String, String)]) -> Result<Discretion, Vec<DataError>> {
        let mut errors = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        for (name, text) in files {
            let raw = match crate::data::parse_toml::<RawFile>(name, text) {
                Ok(r) => r,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let mut file_entries: Vec<Entry> = Vec::new();
            let mut err =
                |at: usize, msg: String| errors.push(DataError::at_offset(name, text, at, msg));
            let levels = &raw.levels;
            let percent = [
                *levels.minor.get_ref(),
                *levels.ordinary.get_ref(),
                *levels.serious.get_ref(),
                *levels.grave.get_ref(),
            ];
            for l in [
                &levels.minor,
                &levels.ordinary,
                &levels.serious,
                &levels.grave,
            ] {
                let [a, b] = *l.get_ref();
                if a > b || b > 100 {
                    err(
                        l.span().start,
                        format!(
                            "a level is [from, to] percent with from ≤ to ≤ 100, not [{a}, {b}]"
                        ),
                    );
                }
            }
            for rb in raw.bands {
                let at = rb.law.span().start;
                if !law_id_allowed(rb.law.get_ref()) {
                    err(at, format!("unknown law id `{}`", rb.law.get_ref()));
                }
                let [lo, hi] = *rb.range.get_ref();
                if lo > hi || hi == 0 {
                    err(
                        rb.range.span().start,
                        format!("range [{lo}, {hi}] needs min ≤ max and max > 0"),
                    );
                }
                let mut explicit = [None; 4];
                for (i, lv) in [&rb.minor, &rb.ordinary, &rb.serious, &rb.grave]
                    .into_iter()
                    .enumerate()
                {
                    if let Some(v) = lv {
                        let [a, b] = *v.get_ref();
                        if a > b || a < lo || b > hi {
                            err(v.span().start, format!("band [{a}, {b}] must lie inside the range [{lo}, {hi}] with min ≤ max"));
                        }
                        explicit[i] = Some((a, b));
                    }
                }
                let entry = Entry {
                    law: rb.law.into_inner(),
                    article: rb.article,
                    paragraph: rb.paragraph,
                    items: rb.items,
                    party: rb.party,
                    range: (lo, hi),
                    explicit,
                    percent: percent.map(|[a, b]| (a, b)),
                    mark: rb.mark,
                    source: rb.source,
                    note: rb.note,
                };
                if file_entries.iter().any(|e| same_slot(e, &entry)) {
                    err(
                        at,
                        format!(
                            "a second band for {} art. {} {:?} {:?} {}",
                            entry.law,
                            entry.article,
                            entry.paragraph,
                            entry.items,
                            entry.party.as_str()
                        ),
                    );
                }
                file_entries.push(entry);
            }
            for e in file_entries {
                entries.retain(|old| !same_slot(old, &e));
                entries.push(e);
            }
        }
        if errors.is_empty() {
            Ok(Discretion { entries })
        } else {
            errors.sort();
            Err(errors)
        }
    }

    /// Every entry loaded.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The band for a provision, a party kind (`unit`, `individual`, `persons`) and a
    /// circumstance level (`minor`/`ordinary`/`serious`/`grave` or 较轻/一般/较重/严重).
    /// `None` when no entry covers it.
    pub fn band(
        &self,
        law: &str,
        article: u32,
        paragraph: Option<u32>,
        item: Option<u32>,
        party_kind: &str,
        circumstance: &str,
    ) -> Option<Band> {
        let level = parse_level(circumstance)?;
        let candidates = || {
            self.entries
                .iter()
                .filter(|e| e.matches(law, article, paragraph, item) && e.party.covers(party_kind))
        };
        // An entry for exactly this party kind beats a looser one (`any`, `persons`).
        candidates()
            .find(|e| e.party.as_str() == party_kind)
            .or_else(|| candidates().next())
            .map(|e| e.band(level))
    }
}

fn parse_level(s: &str) -> Option<Circumstance> {
    match s.trim() {
        "minor" => Some(Circumstance::Minor),
        "ordinary" => Some(Circumstance::Ordinary),
        "serious" => Some(Circumstance::Serious),
        "grave" => Some(Circumstance::Grave),
        other => Circumstance::parse(other),
    }
}

fn same_slot(a: &Entry, b: &Entry) -> bool {
    a.law == b.law
        && a.article == b.article
        && a.paragraph == b.paragraph
        && a.items == b.items
        && a.party == b.party
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[allow(dead_code)]
    name: String,
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    mark: Mark,
    levels: RawLevels,
    #[serde(default)]
    bands: Vec<RawBand>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevels {
    minor: Spanned<[u64; 2]>,
    ordinary: Spanned<[u64; 2]>,
    serious: Spanned<[u64; 2]>,
    grave: Spanned<[u64; 2]>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    law: Spanned<String>,
    article: u32,
    paragraph: Option<u32>,
    #[serde(default)]
    items: Vec<u32>,
    party: Liable,
    range: Spanned<[u64; 2]>,
    minor: Option<Spanned<[u64; 2]>>,
    ordinary: Option<Spanned<[u64; 2]>>,
    serious: Option<Spanned<[u64; 2]>>,
    grave: Option<Spanned<[u64; 2]>>,
    mark: Mark,
    source: String,
    #[serde(default)]
    note: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::statutes::Statutes;

    fn b(
        d: &Discretion,
        law: &str,
        art: u32,
        para: Option<u32>,
        item: Option<u32>,
        party: &str,
        level: &str,
    ) -> Option<(u64, u64)> {
        d.band(law, art, para, item, party, level)
            .map(|b| (b.min_yuan, b.max_yuan))
    }

    #[test]
    fn shipped_bands_follow_legal_md_table() {
        let d = Discretion::shipped();
        // legal.md §4.3 "Band arithmetic (DERIVED)", row by row: 较轻, 一般, 较重.
        type Row = (
            &'static str,
            u32,
            Option<u32>,
            &'static str,
            [(u64, u64); 3],
        );
        let table: &[Row] = &[
            (
                "fire_law",
                60,
                Some(1),
                "unit",
                [(5000, 18500), (18500, 36500), (36500, 50000)],
            ),
            (
                "fire_law",
                61,
                Some(1),
                "unit",
                [(5000, 18500), (18500, 36500), (36500, 50000)],
            ),
            (
                "fire_law",
                65,
                Some(2),
                "unit",
                [(5000, 18500), (18500, 36500), (36500, 50000)],
            ),
            (
                "fire_law",
                58,
                Some(1),
                "unit",
                [(30000, 111000), (111000, 219000), (219000, 300000)],
            ),
            (
                "fire_law",
                59,
                None,
                "unit",
                [(10000, 37000), (37000, 73000), (73000, 100000)],
            ),
            (
                "fire_law",
                66,
                None,
                "individual",
                [(1000, 2200), (2200, 3800), (3800, 5000)],
            ),
            (
                "fire_law",
                69,
                Some(1),
                "unit",
                [(50000, 65000), (65000, 85000), (85000, 100000)],
            ),
            (
                "fire_law",
                60,
                Some(2),
                "individual",
                [(0, 150), (150, 350), (350, 500)],
            ),
            (
                "henan_fire_reg",
                72,
                None,
                "unit",
                [(3000, 11100), (11100, 21900), (21900, 30000)],
            ),
            (
                "henan_fire_reg",
                73,
                None,
                "unit",
                [(1000, 3700), (3700, 7300), (7300, 10000)],
            ),
            (
                "henan_fire_reg",
                70,
                Some(2),
                "unit",
                [(2000, 2900), (2900, 4100), (4100, 5000)],
            ),
        ];
        for (law, art, para, party, bands) in table {
            for (level, want) in ["较轻", "一般", "较重"].iter().zip(bands) {
                assert_eq!(
                    b(&d, law, *art, *para, Some(1), party, level),
                    Some(*want),
                    "{law} {art} {para:?} {party} {level}"
                );
            }
            // 严重 takes 较重's band.
            assert_eq!(
                b(&d, law, *art, *para, None, party, "严重"),
                Some(bands[2]),
                "{law} {art} 严重"
            );
        }
        let band = d
            .band("fire_law", 60, Some(1), Some(3), "unit", "ordinary")
            .unwrap();
        assert_eq!(
            (band.min_yuan, band.max_yuan, band.mark),
            (18500, 36500, Mark::Derived)
        );
        assert!(band.source.contains("legal.md §4.3"));
        assert!(band.contains(18500) && band.contains(36500) && !band.contains(36501));
    }

    #[test]
    fn lookups_that_must_miss_or_pick() {
        let d = Discretion::shipped();
        // 60¶1 has no individual band; 60¶2 none for units; unknown level or law → None.
        assert_eq!(
            b(&d, "fire_law", 60, Some(1), Some(3), "individual", "一般"),
            None
        );
        assert_eq!(b(&d, "fire_law", 60, Some(2), None, "unit", "一般"), None);
        assert_eq!(
            b(&d, "fire_law", 60, Some(1), Some(3), "unit", "特别严重"),
            None
        );
        assert_eq!(
            b(&d, "fire_law", 67, None, None, "individual", "一般"),
            None
        );
        // 65¶2: the unit band for a unit, the responsible persons' band for an individual.
        assert_eq!(
            b(&d, "fire_law", 65, Some(2), None, "individual", "一般"),
            Some((950, 1550))
        );
        assert_eq!(
            b(&d, "fire_law", 65, Some(2), None, "unit", "minor"),
            Some((5000, 18500))
        );
        // 64 written with or without 第一款.
        assert_eq!(
            b(&d, "fire_law", 64, Some(1), Some(2), "individual", "较轻"),
            Some((0, 150))
        );
        assert_eq!(
            b(&d, "fire_law", 64, None, Some(2), "individual", "较轻"),
            Some((0, 150))
        );
    }

    #[test]
    fn every_shipped_band_is_derived_and_matches_a_statutory_range() {
        let d = Discretion::shipped();
        let st = Statutes::shipped();
        assert!(d.entries().len() >= 11);
        for e in d.entries() {
            assert_eq!(e.mark, Mark::Derived, "{e:?}");
            assert!(!e.source.is_empty());
            // The range is one the statute tables give this provision, in some version.
            let found = st.versions(&e.law).iter().any(|v| {
                st.provisions(&e.law, &v.id)
                    .filter(|p| {
                        p.article == e.article
                            && (p.paragraph == e.paragraph
                                || (e.paragraph.is_none() && p.paragraph.is_none()))
                    })
                    .flat_map(|p| p.limbs.iter())
                    .any(|l| {
                        l.fine.is_some_and(|f| (f.min_yuan, f.max_yuan) == e.range)
                            && (l.party == e.party
                                || l.party == Liable::Any
                                || e.party == Liable::Any)
                    })
            });
            assert!(
                found,
                "no statute row with range {:?} for {} art. {} {:?}",
                e.range, e.law, e.article, e.paragraph
            );
        }
    }

    const MINI: &str = r#"name = "t"
source = "s"
mark = "DERIVED"
[levels]
minor = [0, 30]
ordinary = [30, 70]
serious = [70, 100]
grave = [90, 100]
[[bands]]
law = "fire_law"
article = 60
paragraph = 1
party = "unit"
range = [5000, 50000]
mark = "DERIVED"
source = "x"
"#;

    fn load(text: &str) -> Result<Discretion, Vec<DataError>> {
        Discretion::from_files(&[("t.toml".to_string(), text.to_string())])
    }

    #[test]
    fn levels_explicit_amounts_and_overrides() {
        let d = load(MINI).unwrap();
        assert_eq!(
            b(&d, "fire_law", 60, Some(1), None, "unit", "严重"),
            Some((45500, 50000))
        );
        // A province's explicit amounts replace the arithmetic for that level only.
        let d = load(&MINI.replace(
            "source = \"x\"",
            "source = \"x\"\nordinary = [10000, 20000]",
        ))
        .unwrap();
        assert_eq!(
            b(&d, "fire_law", 60, Some(1), None, "unit", "一般"),
            Some((10000, 20000))
        );
        assert_eq!(
            b(&d, "fire_law", 60, Some(1), None, "unit", "较轻"),
            Some((5000, 18500))
        );
        // A later file replaces an earlier file's entry for the same slot.
        let later = MINI.replace(
            "range = [5000, 50000]",
            "range = [5000, 50000]\nminor = [5000, 6000]",
        );
        let d = Discretion::from_files(&[("a.toml".into(), MINI.into()), ("b.toml".into(), later)])
            .unwrap();
        assert_eq!(d.entries().len(), 1);
        assert_eq!(
            b(&d, "fire_law", 60, Some(1), None, "unit", "较轻"),
            Some((5000, 6000))
        );
    }

    #[test]
    fn bad_files_report_every_problem_with_place() {
        let e = load(&MINI.replace("source = \"x\"", "source = \"x\"\nbogus = 1")).unwrap_err();
        assert_eq!((e[0].line, e[0].col), (17, 1), "{}", e[0]);
        let text = MINI
            .replace("range = [5000, 50000]", "range = [50000, 5000]")
            .replace("grave = [90, 100]", "grave = [90, 120]")
            .replace("law = \"fire_law\"", "law = \"fire\"");
        let e = load(&text).unwrap_err();
        let lines: Vec<(usize, bool)> = e.iter().map(|e| (e.line, e.col > 0)).collect();
        assert_eq!(lines, [(8, true), (10, true), (14, true)], "{e:?}");
        let e = load(&MINI.replace("source = \"x\"", "source = \"x\"\nminor = [1000, 2000]"))
            .unwrap_err();
        assert!(e[0].message.contains("inside the range"), "{}", e[0]);
        let e = load(&MINI.replace(
            "mark = \"DERIVED\"\nsource = \"x\"",
            "mark = \"GUESS\"\nsource = \"x\"",
        ))
        .unwrap_err();
        assert!(
            e[0].message.contains("GUESS") && e[0].line == 15,
            "{}",
            e[0]
        );
    }
}
