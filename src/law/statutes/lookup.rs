//! Answering the per-case questions from the statute tables: which provision a citation
//! names, which version was in force, an article's paragraph/item shape, a key across versions;
//! and the Chinese numerals the statutes write amounts in. Uses only the table types.

use super::{ArticleShape, FastMap, Law, PlaceKey, Provision, ProvisionKind, Statutes, Version};
use chrono::NaiveDate;

/// Lookup tables derived from one law at load, so the per-case rule checks find a provision,
/// an article's shape or a key without scanning the rows or allocating.
#[derive(Debug, Clone, Default)]
pub(super) struct LawIndex {
    /// Per version (in `Law::versions` order): place → index into the law's provisions.
    pub(super) places: Vec<FastMap<PlaceKey, usize>>,
    /// Per version: the indices of its provisions, in table order.
    pub(super) rows: Vec<Vec<usize>>,
    /// Provision key → indices of the rows with that key, in table order.
    pub(super) keys: FastMap<String, Vec<usize>>,
    /// Every row of every version is procedural (also when there are none).
    pub(super) procedural: bool,
}

impl LawIndex {
    pub(super) fn of(law: &Law) -> LawIndex {
        let mut ix = LawIndex {
            places: vec![FastMap::default(); law.versions.len()],
            rows: vec![Vec::new(); law.versions.len()],
            ..Default::default()
        };
        for (i, p) in law.provisions.iter().enumerate() {
            for v in &p.versions {
                if let Some(vi) = law.versions.iter().position(|w| &w.id == v) {
                    // Later rows win a place, as they did in the old (law, version, place) map.
                    ix.places[vi].insert((p.article, p.paragraph, p.item), i);
                }
            }
            for (vi, v) in law.versions.iter().enumerate() {
                if p.versions.contains(&v.id) {
                    ix.rows[vi].push(i);
                }
            }
            ix.keys.entry(p.key.clone()).or_default().push(i);
        }
        ix.procedural = ix
            .rows
            .iter()
            .flatten()
            .all(|&i| law.provisions[i].kind == ProvisionKind::Procedural);
        ix
    }
}

impl Statutes {
    /// The ids of the laws with tables.
    pub fn law_ids(&self) -> impl Iterator<Item = &str> {
        self.laws.iter().map(|l| l.id.as_str())
    }

    pub(super) fn law(&self, law: &str) -> Option<&Law> {
        self.laws.iter().find(|l| l.id == law)
    }

    /// The law and its lookup tables.
    pub(super) fn law_ix(&self, law: &str) -> Option<(&Law, &LawIndex)> {
        let i = self.laws.iter().position(|l| l.id == law)?;
        Some((&self.laws[i], &self.index[i]))
    }

    /// The law, its tables and the position of `version` among its versions.
    pub(super) fn version_ix(&self, law: &str, version: &str) -> Option<(&Law, &LawIndex, usize)> {
        let (l, ix) = self.law_ix(law)?;
        let vi = l.versions.iter().position(|v| v.id == version)?;
        Some((l, ix, vi))
    }

    /// Law ids with a table, sorted.
    pub fn laws(&self) -> impl Iterator<Item = &str> {
        self.laws.iter().map(|l| l.id.as_str())
    }

    /// The law's full name (中华人民共和国消防法).
    pub fn law_name(&self, law: &str) -> Option<&str> {
        self.law(law).map(|l| l.name.as_str())
    }

    /// Versions of a law, oldest first (empty for an unknown law).
    pub fn versions(&self, law: &str) -> &[Version] {
        self.law(law).map(|l| l.versions.as_slice()).unwrap_or(&[])
    }

    /// Whether every row of every version of the law is procedural (行政处罚法 itself): such a
    /// law follows the decision date. True for a law with no rows or no table.
    pub fn is_procedural(&self, law: &str) -> bool {
        self.law_ix(law).is_none_or(|(_, ix)| ix.procedural)
    }

    pub fn version(&self, law: &str, version: &str) -> Option<&Version> {
        self.versions(law).iter().find(|v| v.id == version)
    }

    /// The version in force on `date`.
    pub fn version_on(&self, law: &str, date: NaiveDate) -> Option<&Version> {
        self.versions(law).iter().find(|v| v.in_force_on(date))
    }

    /// The version a citation's stated date names: the one in force on it, else the first
    /// that took effect after it (a revision adopted on 2008-10-28 is the text in force from
    /// 2009-05-01; `（2008年修订）` means that text).
    ///
    /// `amended` are the law's amendment dates (`laws.toml`). A stated date that is one of them
    /// names the text that amendment made: the first version taking effect on or after it and
    /// before the next amendment (the 2021 revision of 行政处罚法, adopted 2021-01-22, is the
    /// text in force from 2021-07-15, not the 2018 text still in force on 2021-01-22); when the
    /// tables lack that text (the 2009 amendment), none. Any other date: the version in force
    /// on it, else the first after it.
    pub fn version_stated(
        &self,
        law: &str,
        date: NaiveDate,
        amended: &[NaiveDate],
    ) -> Option<&Version> {
        if amended.contains(&date) {
            let next = amended.iter().filter(|d| **d > date).min();
            return self
                .versions(law)
                .iter()
                .filter(|v| v.in_force >= date && next.is_none_or(|n| v.in_force < *n))
                .min_by_key(|v| v.in_force);
        }
        self.version_on(law, date)
            .or_else(|| self.versions(law).iter().find(|v| v.in_force >= date))
    }

    /// The provision at (article, paragraph, item) in a version. For a one-paragraph article
    /// `paragraph` may be `None` or `Some(1)`.
    pub fn provision(
        &self,
        law: &str,
        version: &str,
        article: u32,
        paragraph: Option<u32>,
        item: Option<u32>,
    ) -> Option<&Provision> {
        let (l, ix, vi) = self.version_ix(law, version)?;
        let items = shape_items(&l.versions[vi], article)?;
        let paragraph = normalize_paragraph_items(items, paragraph);
        let i = ix.places[vi].get(&(article, paragraph, item))?;
        Some(&l.provisions[*i])
    }

    /// Every provision of a version under an article (and paragraph, if given): the item rows of
    /// 58¶1 when a citation stops at the paragraph.
    pub fn provisions_under(
        &self,
        law: &str,
        version: &str,
        article: u32,
        paragraph: Option<u32>,
    ) -> Vec<&Provision> {
        let Some((l, ix, vi)) = self.version_ix(law, version) else {
            return Vec::new();
        };
        let Some(items) = shape_items(&l.versions[vi], article) else {
            return Vec::new();
        };
        let paragraph = normalize_paragraph_items(items, paragraph);
        ix.rows[vi]
            .iter()
            .map(|&i| &l.provisions[i])
            .filter(|p| p.article == article && (paragraph.is_none() || p.paragraph == paragraph))
            .collect()
    }

    /// Every provision of a version.
    pub fn provisions<'a>(
        &'a self,
        law: &str,
        version: &str,
    ) -> impl Iterator<Item = &'a Provision> + 'a {
        let (rows, provisions): (&'a [usize], &'a [Provision]) = match self.version_ix(law, version)
        {
            Some((l, ix, vi)) => (&ix.rows[vi], &l.provisions),
            None => (&[], &[]),
        };
        rows.iter().map(move |&i| &provisions[i])
    }

    /// The provision with `key` in a version: a provision's predecessor or successor.
    pub fn by_key(&self, law: &str, version: &str, key: &str) -> Option<&Provision> {
        let (l, ix) = self.law_ix(law)?;
        ix.keys
            .get(key)?
            .iter()
            .map(|&i| &l.provisions[i])
            .find(|p| p.versions.iter().any(|v| v == version))
    }

    /// The same provision (same key) in every version that has it, oldest first: what 从旧兼从轻
    /// compares.
    pub fn across_versions(&self, law: &str, key: &str) -> Vec<(&Version, &Provision)> {
        self.versions(law)
            .iter()
            .filter_map(|v| self.by_key(law, &v.id, key).map(|p| (v, p)))
            .collect()
    }

    pub fn article_exists(&self, law: &str, version: &str, article: u32) -> bool {
        self.version(law, version)
            .is_some_and(|v| article >= 1 && article <= v.last_article)
    }

    /// The paragraphs and items of an article; `None` when the article does not exist.
    pub fn structure(&self, law: &str, version: &str, article: u32) -> Option<ArticleShape> {
        let v = self.version(law, version)?;
        shape_items(v, article).map(|items| ArticleShape {
            article,
            items: items.to_vec(),
        })
    }
}

/// Items per paragraph of an article in a version (`[0]`: one paragraph, no items); `None`
/// when the article does not exist.
fn shape_items(v: &Version, article: u32) -> Option<&[u32]> {
    if article == 0 || article > v.last_article {
        return None;
    }
    Some(v.shapes.get(&article).map_or(&[0][..], |s| s.as_slice()))
}

/// [`normalize_paragraph`] on an article's items per paragraph.
fn normalize_paragraph_items(items: &[u32], paragraph: Option<u32>) -> Option<u32> {
    if items.len() == 1 && paragraph == Some(1) {
        None
    } else {
        paragraph
    }
}

/// Writes a whole number of yuan as the statutes do: 5000 → 五千, 300000 → 三十万,
/// 100000 → 十万, 2000 → 二千, 10500 → 一万零五百.
pub fn cn_numeral(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    fn section(x: u64, leading: bool, out: &mut String) {
        let digits = [x / 1000, x / 100 % 10, x / 10 % 10, x % 10];
        let units = ["千", "百", "十", ""];
        let mut started = false;
        let mut zero = false;
        for (i, &d) in digits.iter().enumerate() {
            if d == 0 {
                zero = started;
                continue;
            }
            if zero {
                out.push('零');
                zero = false;
            }
            // 十万, 十五 — not 一十万 — at the very start of a number.
            if !(leading && !started && i == 2 && d == 1) {
                out.push_str(D[d as usize]);
            }
            out.push_str(units[i]);
            started = true;
        }
    }
    if n == 0 {
        return "零".to_string();
    }
    let mut out = String::new();
    let (yi, wan, low) = (n / 100_000_000, n / 10_000 % 10_000, n % 10_000);
    let mut leading = true;
    if yi > 0 {
        section(yi, true, &mut out);
        out.push('亿');
        leading = false;
    }
    if wan > 0 {
        if !leading && wan < 1000 {
            out.push('零');
        }
        section(wan, leading, &mut out);
        out.push('万');
        leading = false;
    } else if !leading && low > 0 {
        out.push('零');
    }
    if low > 0 {
        if !leading && wan > 0 && low < 1000 {
            out.push('零');
        }
        section(low, leading, &mut out);
    }
    out
}
