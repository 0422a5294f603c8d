//! The statute tables: per law and per version (with its in-force dates), every penalty
//! provision caselint checks decisions against — who can be liable, which penalty kinds it
//! allows (mandatory 并处, optional 可以并处, one-of 或者), only after a failed correction order
//! or not, the fine range, the competent authority and the duty articles it pairs with — plus
//! the procedural articles decisions cite and the paragraph/item shape of every article.
//!
//! The tables are data (`checks/statutes/*.toml`, documented in `checks/statutes/README.md`)
//! because a legal officer must be able to read and correct them, and each fact carries the
//! VERIFIED/SECONDARY/UNVERIFIED/DERIVED mark legal.md gives it. A test reads the real law
//! texts and fails when a VERIFIED amount, article, paragraph or item disagrees with them.

use crate::data::{DataError, SHIPPED};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use toml::Spanned;

/// The law ids used across the project.
/// Whether a statute file may use `id`: a shipped law id, or a provincial pack's own
/// regulation or rule (`jiangsu_fire_reg`), which must then be registered in `laws.toml`
/// (checked when the knowledge is loaded).
pub fn law_id_allowed(id: &str) -> bool {
    LAW_IDS.contains(&id)
        || ((id.ends_with("_reg") || id.ends_with("_rule"))
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
}

pub const LAW_IDS: &[&str] = &[
    "fire_law",
    "henan_fire_reg",
    "admin_penalty_law",
    "public_security_penalty_law",
    "product_quality_law",
];

/// How firm a fact is (legal.md, "Verification labels").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mark {
    Verified,
    Secondary,
    Unverified,
    Derived,
}

impl Mark {
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Verified => "VERIFIED",
            Mark::Secondary => "SECONDARY",
            Mark::Unverified => "UNVERIFIED",
            Mark::Derived => "DERIVED",
        }
    }
}

/// A sanction a provision can impose. `OrderCorrection` (责令改正) and `RevokePermit` (撤销许可)
/// are listed because provisions name them, but neither is a penalty kind of 行政处罚法 art. 9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PenaltyKind {
    Warning,
    Fine,
    ConfiscateGains,
    ConfiscateProperty,
    SuspendBusiness,
    StopUse,
    StopConstruction,
    StopPractice,
    RevokeLicence,
    RevokePermit,
    Detention,
    OrderCorrection,
    SanctionPerOtherLaw,
}

impl PenaltyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PenaltyKind::Warning => "warning",
            PenaltyKind::Fine => "fine",
            PenaltyKind::ConfiscateGains => "confiscate_gains",
            PenaltyKind::ConfiscateProperty => "confiscate_property",
            PenaltyKind::SuspendBusiness => "suspend_business",
            PenaltyKind::StopUse => "stop_use",
            PenaltyKind::StopConstruction => "stop_construction",
            PenaltyKind::StopPractice => "stop_practice",
            PenaltyKind::RevokeLicence => "revoke_licence",
            PenaltyKind::RevokePermit => "revoke_permit",
            PenaltyKind::Detention => "detention",
            PenaltyKind::OrderCorrection => "order_correction",
            PenaltyKind::SanctionPerOtherLaw => "sanction_per_other_law",
        }
    }

    pub fn parse(s: &str) -> Option<PenaltyKind> {
        ALL_KINDS.iter().copied().find(|k| k.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            PenaltyKind::Warning => "警告",
            PenaltyKind::Fine => "罚款",
            PenaltyKind::ConfiscateGains => "没收违法所得",
            PenaltyKind::ConfiscateProperty => "没收非法财物",
            PenaltyKind::SuspendBusiness => "责令停产停业",
            PenaltyKind::StopUse => "责令停止使用",
            PenaltyKind::StopConstruction => "责令停止施工",
            PenaltyKind::StopPractice => "责令停止执业",
            PenaltyKind::RevokeLicence => "吊销许可证件/资格/资质",
            PenaltyKind::RevokePermit => "撤销许可",
            PenaltyKind::Detention => "行政拘留",
            PenaltyKind::OrderCorrection => "责令改正",
            PenaltyKind::SanctionPerOtherLaw => "依照其他法律处罚",
        }
    }

    /// False for 责令改正 (a measure, 行政处罚法 2021 art. 28) and 撤销许可 (not in art. 9).
    pub fn is_penalty(self) -> bool {
        !matches!(
            self,
            PenaltyKind::OrderCorrection | PenaltyKind::RevokePermit
        )
    }
}

const ALL_KINDS: &[PenaltyKind] = &[
    PenaltyKind::Warning,
    PenaltyKind::Fine,
    PenaltyKind::ConfiscateGains,
    PenaltyKind::ConfiscateProperty,
    PenaltyKind::SuspendBusiness,
    PenaltyKind::StopUse,
    PenaltyKind::StopConstruction,
    PenaltyKind::StopPractice,
    PenaltyKind::RevokeLicence,
    PenaltyKind::RevokePermit,
    PenaltyKind::Detention,
    PenaltyKind::OrderCorrection,
    PenaltyKind::SanctionPerOtherLaw,
];

/// Who decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// 消防救援机构 (2008 text: 公安机关消防机构).
    FireAgency,
    /// 住房和城乡建设主管部门.
    Housing,
    /// 公安机关.
    PublicSecurity,
    /// 产品质量监督部门 / 工商行政管理部门, now 市场监督管理部门.
    MarketRegulator,
    /// 原许可机关.
    OriginalLicensor,
}

impl Authority {
    pub fn as_str(self) -> &'static str {
        match self {
            Authority::FireAgency => "fire_agency",
            Authority::Housing => "housing",
            Authority::PublicSecurity => "public_security",
            Authority::MarketRegulator => "market_regulator",
            Authority::OriginalLicensor => "original_licensor",
        }
    }
}

/// Whom a provision or one of its limbs sanctions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Liable {
    Unit,
    Individual,
    /// The text does not limit it.
    Any,
    /// 直接负责的主管人员和其他直接责任人员 of a unit: individuals sanctioned for the unit's act.
    Persons,
}

impl Liable {
    pub fn as_str(self) -> &'static str {
        match self {
            Liable::Unit => "unit",
            Liable::Individual => "individual",
            Liable::Any => "any",
            Liable::Persons => "persons",
        }
    }

    /// Whether a party of `party_kind` (`unit`, `individual` or `persons`) can be sanctioned
    /// under this. An individual party may be one of a unit's responsible persons.
    pub fn covers(self, party_kind: &str) -> bool {
        matches!(
            (self, party_kind),
            (Liable::Any, "unit" | "individual" | "persons")
                | (Liable::Unit, "unit")
                | (Liable::Individual, "individual")
                | (Liable::Persons, "persons" | "individual")
        )
    }
}

/// The condition a limb of a provision rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// No further condition: the provision's basic sanction.
    Always,
    /// 情节严重的.
    Serious,
    /// 情节较轻的.
    Lighter,
    /// 有违法所得的.
    IllegalGains,
    /// 造成重大损失的.
    MajorLoss,
    /// An alternative set of facts inside one paragraph with its own sanction (消防法 2021
    /// 69¶1 has two tiers); `as_written` says which.
    Variant,
}

/// What kind of rule a provision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKind {
    /// Sanctions a party: has limbs.
    Penalty,
    /// An enforcement measure, not a penalty (消防法 60¶3 强制执行).
    Enforcement,
    /// A duty of the agency itself (消防法 65¶3 通报).
    AgencyDuty,
    /// Defers to other law (河南省消防条例 69).
    Deferral,
    /// A procedural rule decisions cite (行政处罚法).
    Procedural,
}

/// One text of a law and when it governed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub id: String,
    /// File name of the text in `tests/data/laws/` (the law-text test reads it).
    pub text: String,
    pub in_force: NaiveDate,
    /// Last day in force; `None` while current.
    pub until: Option<NaiveDate>,
    pub source: String,
    pub mark: Mark,
    pub in_force_mark: Mark,
    pub last_article: u32,
    pub note: String,
    shapes: BTreeMap<u32, Vec<u32>>,
}

impl Version {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.in_force <= date && self.until.is_none_or(|u| date <= u)
    }
}

/// Paragraphs (款) of an article and the items (项) in each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleShape {
    pub article: u32,
    /// `items[n - 1]` is the number of items in paragraph n (0 for none).
    pub items: Vec<u32>,
}

impl ArticleShape {
    pub fn paragraphs(&self) -> u32 {
        self.items.len() as u32
    }
    pub fn has_paragraph(&self, paragraph: u32) -> bool {
        paragraph >= 1 && paragraph <= self.paragraphs()
    }
    pub fn items_in(&self, paragraph: u32) -> u32 {
        if self.has_paragraph(paragraph) {
            self.items[paragraph as usize - 1]
        } else {
            0
        }
    }
    pub fn has_items(&self) -> bool {
        self.items.iter().any(|&n| n > 0)
    }
    /// True when the article is one paragraph, so a citation names items directly under the
    /// article (消防法第六十四条第二项, not 第一款第二项).
    pub fn single_paragraph(&self) -> bool {
        self.items.len() == 1
    }
    /// The only paragraph that has items, if exactly one does.
    pub fn item_paragraph(&self) -> Option<u32> {
        let with: Vec<u32> = (1..=self.paragraphs())
            .filter(|&p| self.items_in(p) > 0)
            .collect();
        (with.len() == 1).then(|| with[0])
    }
    /// Whether (paragraph, item) exists. A missing paragraph means the article as a whole (or
    /// its only paragraph, for an item).
    pub fn contains(&self, paragraph: Option<u32>, item: Option<u32>) -> bool {
        let para = match (paragraph, item) {
            (None, None) => return true,
            (None, Some(_)) if self.single_paragraph() => 1,
            (None, Some(_)) => return false,
            (Some(p), _) => p,
        };
        if !self.has_paragraph(para) {
            return false;
        }
        item.is_none_or(|i| i >= 1 && i <= self.items_in(para))
    }
}

/// A reference to an article, paragraph and item of the same law version, written in the
/// tables as `16¶1(四)`, `28`, `13(一)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleRef {
    pub article: u32,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
}

impl ArticleRef {
    pub fn parse(s: &str) -> Option<ArticleRef> {
        let s = s.trim();
        let (head, item) = match s.find('(') {
            Some(i) => {
                let inner = s[i..].strip_prefix('(')?.strip_suffix(')')?;
                (&s[..i], Some(crate::text::cn_integer(inner)? as u32))
            }
            None => (s, None),
        };
        let (art, para) = match head.split_once('¶') {
            Some((a, p)) => (a, Some(p.parse::<u32>().ok()?)),
            None => (head, None),
        };
        let article = art.parse::<u32>().ok()?;
        if article == 0 || para == Some(0) || item == Some(0) {
            return None;
        }
        Some(ArticleRef {
            article,
            paragraph: para,
            item,
        })
    }
}

impl fmt::Display for ArticleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.article)?;
        if let Some(p) = self.paragraph {
            write!(f, "¶{p}")?;
        }
        if let Some(i) = self.item {
            write!(f, "({})", cn_numeral(i as u64))?;
        }
        Ok(())
    }
}

/// An inclusive fine range in yuan. `min_yuan == 0` means the text sets no minimum (…元以下).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FineRange {
    pub min_yuan: u64,
    pub max_yuan: u64,
}

impl FineRange {
    pub fn contains(&self, yuan: u64) -> bool {
        yuan >= self.min_yuan && yuan <= self.max_yuan
    }
}

/// One limb of a penalty provision: a condition, whom it sanctions, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limb {
    pub when: When,
    /// The words of the text the limb rests on (checked against the text when VERIFIED).
    pub as_written: String,
    pub party: Liable,
    /// All of these (并处).
    pub required: Vec<PenaltyKind>,
    /// At least one of these (或者).
    pub one_of: Vec<PenaltyKind>,
    /// May be added (可以并处).
    pub optional: Vec<PenaltyKind>,
    pub fine: Option<FineRange>,
    /// Detention days, inclusive (…日以下 has minimum 0).
    pub detention_days: Option<(u32, u32)>,
    pub authority: Vec<Authority>,
    pub authority_mark: Mark,
    pub authority_note: String,
    /// For `sanction_per_other_law`: the law id.
    pub other_law: Option<String>,
    pub note: String,
    /// For a tier of conduct (`when = "variant"`): phrases of the facts that pick it
    /// (69¶1 2021: 虚假文件 / 不具备从业条件 against 不按照国家标准、行业标准).
    pub facts: Vec<String>,
}

impl Limb {
    /// Every kind this limb allows.
    pub fn allowed(&self) -> impl Iterator<Item = PenaltyKind> + '_ {
        self.required
            .iter()
            .chain(&self.one_of)
            .chain(&self.optional)
            .copied()
    }
    pub fn allows(&self, kind: PenaltyKind) -> bool {
        self.allowed().any(|k| k == kind)
    }
}

/// One row of a statute table: an article, paragraph or item in one or more versions with the
/// same number and the same legal content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provision {
    pub law: String,
    /// Stable across versions: the same key in two versions is the same provision renumbered
    /// or reworded (消防法 2008 58¶1(五) and 2019 58¶1(四) are both `public_venue_unlicensed`).
    pub key: String,
    pub versions: Vec<String>,
    pub article: u32,
    /// `None` for a one-paragraph article or a whole-article row.
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    pub kind: ProvisionKind,
    pub summary: String,
    /// Verbatim phrases of this provision's text (checked against the text when VERIFIED).
    pub quotes: Vec<String>,
    pub liable: Option<Liable>,
    pub liable_as_written: String,
    /// The correction order the text names (责令改正 / 责令限期改正), a measure, not a penalty.
    pub order_as_written: Option<String>,
    /// Sanctions only after a correction order was not complied with (逾期不改正 / 拒不改正).
    pub after_failed_order: bool,
    /// For 消防法 60¶2: the items of ¶1 it covers.
    pub refers_to_items: Vec<u32>,
    /// Where the amounts are written when not in this paragraph (61¶2 依照前款规定处罚).
    pub amounts_paragraph: Option<u32>,
    /// Other amounts the text states (procedural thresholds), checked like fines.
    pub amounts_yuan: Vec<u64>,
    pub duty_articles: Vec<ArticleRef>,
    pub duty_mark: Option<Mark>,
    pub limbs: Vec<Limb>,
    pub source: String,
    pub mark: Mark,
    pub note: String,
    /// Higher-law provisions that already penalise the same conduct (a local regulation's
    /// 从其规定 clause; L013).
    pub overlaps: Vec<Overlap>,
    /// Fact wording of other versions that this version's text still holds for the same
    /// conduct (2021 58¶1(四): 公众聚集场所未经消防安全检查 — art. 15 still requires the check
    /// before 许可): never a version error (L007). Stored bare, like [`Provision::clauses`].
    pub still_worded: Vec<String>,
    /// The quotes without punctuation or spaces, for comparing with a case's facts.
    pub bare_quotes: String,
    /// The distinctive fact clauses of the quotes (split at ，；。 and 或者, 8+ characters),
    /// derived once at load for the version checks (L007).
    pub clauses: Vec<String>,
}

/// Text without spaces and punctuation, width-folded and simplified, for matching wording.
pub fn bare(s: &str) -> String {
    crate::text::normalize(s)
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_ascii_punctuation()
                && !"，、；：。！？“”‘’（）《》【】〔〕".contains(*c)
        })
        .collect()
}

/// The clauses of quoted text that name a set of facts: split at ，；。 and 或者, without a
/// leading 或者 or trailing 的; short ones are left out as not distinctive.
fn fact_clauses(quotes: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for q in quotes {
        for part in q
            .split(['，', '；', '。', ',', ';'])
            .flat_map(|s| s.split("或者"))
        {
            let b = bare(part);
            let b = b.strip_suffix('的').unwrap_or(&b).to_string();
            if b.chars().count() >= 8 {
                out.push(b);
            }
        }
    }
    out
}

impl Provision {
    /// Limbs that can apply to a party of `party_kind`.
    pub fn limbs_for<'a>(&'a self, party_kind: &'a str) -> impl Iterator<Item = &'a Limb> + 'a {
        self.limbs
            .iter()
            .filter(move |l| l.party.covers(party_kind))
    }
    /// Every fine range the provision allows for a party of `party_kind`.
    pub fn fine_ranges(&self, party_kind: &str) -> Vec<FineRange> {
        self.limbs_for(party_kind).filter_map(|l| l.fine).collect()
    }
    /// The place, written like `60¶1(三)`.
    pub fn place(&self) -> ArticleRef {
        ArticleRef {
            article: self.article,
            paragraph: self.paragraph,
            item: self.item,
        }
    }
}

#[derive(Debug, Clone)]
struct Law {
    id: String,
    name: String,
    versions: Vec<Version>,
    provisions: Vec<Provision>,
}

/// (article, paragraph, item) within one version of one law.
type PlaceKey = (u32, Option<u32>, Option<u32>);

/// A hash map for internal keys (places, provision keys): never iterated, so the hasher's
/// order does not matter, and a fast hasher pays off in the per-case lookups.
type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// Lookup tables derived from one law at load, so the per-case rule checks find a provision,
/// an article's shape or a key without scanning the rows or allocating.
#[derive(Debug, Clone, Default)]
struct LawIndex {
    /// Per version (in `Law::versions` order): place → index into the law's provisions.
    places: Vec<FastMap<PlaceKey, usize>>,
    /// Per version: the indices of its provisions, in table order.
    rows: Vec<Vec<usize>>,
    /// Provision key → indices of the rows with that key, in table order.
    keys: FastMap<String, Vec<usize>>,
    /// Every row of every version is procedural (also when there are none).
    procedural: bool,
}

impl LawIndex {
    fn of(law: &Law) -> LawIndex {
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

/// All statute tables.
#[derive(Debug, Clone)]
pub struct Statutes {
    laws: Vec<Law>,
    /// `index[i]` is the lookup tables of `laws[i]`.
    index: Vec<LawIndex>,
}

impl Statutes {
    /// The ids of the laws with tables.
    pub fn law_ids(&self) -> impl Iterator<Item = &str> {
        self.laws.iter().map(|l| l.id.as_str())
    }

    /// The tables shipped in `checks/statutes/`. The shipped data is tested, so a failure here
    /// is a build defect.
    pub fn shipped() -> Statutes {
        let files = shipped_files();
        match Statutes::from_files(&files) {
            Ok(s) => s,
            Err(errs) => {
                let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
                panic!("shipped statute tables are invalid:\n{}", msgs.join("\n"))
            }
        }
    }

    /// Loads `(file name, text)` pairs, one law per file. Every problem in every file is
    /// reported, each with file:line:col.
    pub fn from_files(files: &[(String, String)]) -> Result<Statutes, Vec<DataError>> {
        let mut errors = Vec::new();
        let mut laws: Vec<Law> = Vec::new();
        for (name, text) in files {
            match crate::data::parse_toml::<RawFile>(name, text) {
                Ok(raw) => {
                    if let Some(law) = convert_file(name, text, raw, &mut errors) {
                        if laws.iter().any(|l| l.id == law.id) {
                            errors.push(DataError {
                                file: name.clone(),
                                line: 0,
                                col: 0,
                                message: format!("law `{}` is defined in two files", law.id),
                            });
                        } else {
                            laws.push(law);
                        }
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            errors.sort();
            return Err(errors);
        }
        laws.sort_by(|a, b| a.id.cmp(&b.id));
        let index = laws.iter().map(LawIndex::of).collect();
        Ok(Statutes { laws, index })
    }

    fn law(&self, law: &str) -> Option<&Law> {
        self.laws.iter().find(|l| l.id == law)
    }

    /// The law and its lookup tables.
    fn law_ix(&self, law: &str) -> Option<(&Law, &LawIndex)> {
        let i = self.laws.iter().position(|l| l.id == law)?;
        Some((&self.laws[i], &self.index[i]))
    }

    /// The law, its tables and the position of `version` among its versions.
    fn version_ix(&self, law: &str, version: &str) -> Option<(&Law, &LawIndex, usize)> {
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

/// Files under `checks/statutes/` in the binary.
pub(crate) fn shipped_files() -> Vec<(String, String)> {
    dir_files("statutes")
}

pub(crate) fn dir_files(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(d) = SHIPPED.get_dir(dir) {
        for f in d.files() {
            let path = f.path().to_string_lossy().to_string();
            if path.ends_with(".toml") {
                if let Some(text) = f.contents_utf8() {
                    out.push((format!("checks/{path}"), text.to_string()));
                }
            }
        }
    }
    out.sort();
    out
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

// ---------------------------------------------------------------------------------------------
// The file format (see checks/statutes/README.md).

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    law: Spanned<String>,
    name: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
    versions: Vec<RawVersion>,
    #[serde(default)]
    provisions: Vec<RawProvision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVersion {
    id: Spanned<String>,
    text: String,
    in_force: Spanned<toml::value::Datetime>,
    until: Option<Spanned<toml::value::Datetime>>,
    source: String,
    mark: Mark,
    in_force_mark: Mark,
    last_article: Spanned<u32>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    shapes: BTreeMap<String, Spanned<Vec<u32>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvision {
    key: Spanned<String>,
    versions: Spanned<Vec<String>>,
    article: Spanned<u32>,
    paragraph: Option<u32>,
    item: Option<u32>,
    kind: ProvisionKind,
    summary: String,
    #[serde(default)]
    quotes: Vec<String>,
    liable: Option<Liable>,
    #[serde(default)]
    liable_as_written: String,
    order_as_written: Option<String>,
    #[serde(default)]
    after_failed_order: bool,
    #[serde(default)]
    refers_to_items: Vec<u32>,
    amounts_paragraph: Option<u32>,
    #[serde(default)]
    amounts_yuan: Vec<u64>,
    duty_articles: Option<Spanned<Vec<String>>>,
    duty_mark: Option<Mark>,
    #[serde(default)]
    limbs: Vec<RawLimb>,
    source: String,
    mark: Mark,
    #[serde(default)]
    note: String,
    #[serde(default)]
    overlaps: Vec<Overlap>,
    #[serde(default)]
    still_worded: Vec<String>,
}

/// A higher-law provision that already penalises the conduct a local provision penalises (for
/// a party kind): 河南省消防条例 art. 69, 法律、法规已有处罚规定的，从其规定 (L013).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlap {
    /// The law whose provision applies instead (`fire_law`).
    pub law: String,
    pub article: u32,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    /// The party kind the overlap holds for (`individual`, `unit`, `any`).
    pub party: Liable,
    /// Why the conduct is the same, in Chinese (shown to users).
    pub reason: String,
    pub source: String,
    pub mark: Mark,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimb {
    when: When,
    as_written: Spanned<String>,
    party: Liable,
    #[serde(default)]
    required: Vec<PenaltyKind>,
    #[serde(default)]
    one_of: Vec<PenaltyKind>,
    #[serde(default)]
    optional: Vec<PenaltyKind>,
    fine: Option<Spanned<[u64; 2]>>,
    detention_days: Option<Spanned<[u32; 2]>>,
    authority: Vec<Authority>,
    authority_mark: Mark,
    #[serde(default)]
    authority_note: String,
    other_law: Option<Spanned<String>>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    facts: Vec<String>,
}

fn to_date(
    file: &str,
    text: &str,
    d: &Spanned<toml::value::Datetime>,
    errors: &mut Vec<DataError>,
) -> Option<NaiveDate> {
    let dt = d.get_ref();
    let date = match (dt.date, dt.time) {
        (Some(date), None) => {
            NaiveDate::from_ymd_opt(date.year as i32, date.month as u32, date.day as u32)
        }
        _ => None,
    };
    if date.is_none() {
        errors.push(DataError::at_offset(
            file,
            text,
            d.span().start,
            "expected a date like 2019-04-23 (no time)",
        ));
    }
    date
}

fn convert_file(file: &str, text: &str, raw: RawFile, errors: &mut Vec<DataError>) -> Option<Law> {
    let err = |errors: &mut Vec<DataError>, at: usize, msg: String| {
        errors.push(DataError::at_offset(file, text, at, msg));
    };
    let before = errors.len();
    if !law_id_allowed(raw.law.get_ref()) {
        err(
            errors,
            raw.law.span().start,
            format!(
                "unknown law id `{}`; expected one of {}, or a provincial `…_reg` / `…_rule` id registered in laws.toml",
                raw.law.get_ref(),
                LAW_IDS.join(", ")
            ),
        );
    }
    let law_id = raw.law.into_inner();

    // Versions.
    let mut versions: Vec<Version> = Vec::new();
    for rv in raw.versions {
        let at = rv.id.span().start;
        let id = rv.id.into_inner();
        if versions.iter().any(|v| v.id == id) {
            err(errors, at, format!("version `{id}` is defined twice"));
        }
        let in_force = to_date(file, text, &rv.in_force, errors);
        let until = rv
            .until
            .as_ref()
            .and_then(|u| to_date(file, text, u, errors));
        if let (Some(f), Some(u)) = (in_force, until) {
            if u < f {
                err(
                    errors,
                    rv.until.as_ref().map(|u| u.span().start).unwrap_or(at),
                    format!("version `{id}`: `until` {u} is before `in_force` {f}"),
                );
            }
        }
        let last_article = *rv.last_article.get_ref();
        if last_article == 0 {
            err(
                errors,
                rv.last_article.span().start,
                "last_article must be ≥ 1".into(),
            );
        }
        let mut shapes = BTreeMap::new();
        for (k, v) in rv.shapes {
            let vat = v.span().start;
            match k.parse::<u32>() {
                Ok(a) if a >= 1 && a <= last_article => {
                    if v.get_ref().is_empty() {
                        err(
                            errors,
                            vat,
                            format!("shape of article {a} has no paragraphs"),
                        );
                    }
                    shapes.insert(a, v.into_inner());
                }
                _ => err(
                    errors,
                    vat,
                    format!("shape key `{k}` is not an article number 1–{last_article}"),
                ),
            }
        }
        versions.push(Version {
            id,
            text: rv.text,
            in_force: in_force.unwrap_or(NaiveDate::MIN),
            until,
            source: rv.source,
            mark: rv.mark,
            in_force_mark: rv.in_force_mark,
            last_article,
            note: rv.note,
            shapes,
        });
    }
    if versions.is_empty() {
        errors.push(DataError {
            file: file.to_string(),
            line: 0,
            col: 0,
            message: "a law needs at least one [[versions]] entry".into(),
        });
    }
    versions.sort_by_key(|v| v.in_force);
    for w in versions.windows(2) {
        match w[0].until {
            Some(u) if u < w[1].in_force => {}
            _ => errors.push(DataError {
                file: file.to_string(),
                line: 0,
                col: 0,
                message: format!(
                    "versions `{}` and `{}` overlap: the earlier needs an `until` before {}",
                    w[0].id, w[1].id, w[1].in_force
                ),
            }),
        }
    }

    // Provisions.
    let mut provisions: Vec<Provision> = Vec::new();
    let mut seen_place: HashMap<(String, u32, Option<u32>, Option<u32>), ()> = HashMap::new();
    let mut seen_key: HashMap<(String, String), ()> = HashMap::new();
    for rp in raw.provisions {
        let pat = rp.key.span().start;
        let key = rp.key.into_inner();
        let vat = rp.versions.span().start;
        let article = *rp.article.get_ref();
        let mut paragraph = rp.paragraph;
        if rp.versions.get_ref().is_empty() {
            err(errors, vat, format!("`{key}`: `versions` is empty"));
        }
        if paragraph == Some(0) || rp.item == Some(0) {
            err(
                errors,
                pat,
                format!("`{key}`: paragraphs and items count from 1"),
            );
        }
        for vid in rp.versions.get_ref() {
            let Some(v) = versions.iter().find(|v| &v.id == vid) else {
                err(
                    errors,
                    vat,
                    format!(
                        "`{key}`: unknown version `{vid}`; this file defines {}",
                        versions
                            .iter()
                            .map(|v| format!("`{}`", v.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                continue;
            };
            if article == 0 || article > v.last_article {
                err(
                    errors,
                    rp.article.span().start,
                    format!(
                        "`{key}`: article {article} does not exist in version `{vid}` (1–{})",
                        v.last_article
                    ),
                );
                continue;
            }
            let shape = ArticleShape {
                article,
                items: v.shapes.get(&article).cloned().unwrap_or_else(|| vec![0]),
            };
            if shape.single_paragraph() && paragraph == Some(1) {
                paragraph = None;
            }
            if !shape.contains(paragraph, rp.item) {
                err(
                    errors,
                    rp.article.span().start,
                    format!(
                        "`{key}`: {} does not exist in version `{vid}`, whose article {article} has items per paragraph {:?}",
                        ArticleRef { article, paragraph, item: rp.item },
                        shape.items
                    ),
                );
            }
            for &i in &rp.refers_to_items {
                if i == 0 || i > shape.items_in(1) {
                    err(
                        errors,
                        pat,
                        format!("`{key}`: refers_to_items {i} is not an item of ¶1 in `{vid}`"),
                    );
                }
            }
            if let Some(ap) = rp.amounts_paragraph {
                if !shape.has_paragraph(ap) {
                    err(
                        errors,
                        pat,
                        format!("`{key}`: amounts_paragraph {ap} does not exist in `{vid}`"),
                    );
                }
            }
            if seen_place
                .insert((vid.clone(), article, paragraph, rp.item), ())
                .is_some()
            {
                err(
                    errors,
                    pat,
                    format!(
                        "`{key}`: version `{vid}` already has a row for {}",
                        ArticleRef {
                            article,
                            paragraph,
                            item: rp.item
                        }
                    ),
                );
            }
            if seen_key.insert((vid.clone(), key.clone()), ()).is_some() {
                err(
                    errors,
                    pat,
                    format!("key `{key}` is used twice in version `{vid}`"),
                );
            }
        }
        let mut duty_articles = Vec::new();
        if let Some(d) = &rp.duty_articles {
            for s in d.get_ref() {
                match ArticleRef::parse(s) {
                    Some(r) => duty_articles.push(r),
                    None => err(
                        errors,
                        d.span().start,
                        format!(
                            "`{key}`: duty article `{s}` is not like `28`, `16¶1(四)` or `13(一)`"
                        ),
                    ),
                }
            }
            if !duty_articles.is_empty() && rp.duty_mark.is_none() {
                err(
                    errors,
                    d.span().start,
                    format!("`{key}`: duty_articles need a duty_mark"),
                );
            }
        }
        match rp.kind {
            ProvisionKind::Penalty => {
                if rp.limbs.is_empty() {
                    err(
                        errors,
                        pat,
                        format!("`{key}`: a penalty provision needs [[provisions.limbs]]"),
                    );
                }
                if rp.liable.is_none() {
                    err(
                        errors,
                        pat,
                        format!("`{key}`: a penalty provision needs `liable`"),
                    );
                }
            }
            _ => {
                if !rp.limbs.is_empty() {
                    err(
                        errors,
                        pat,
                        format!("`{key}`: only kind = \"penalty\" has limbs"),
                    );
                }
            }
        }
        let mut limbs = Vec::new();
        for rl in rp.limbs {
            let lat = rl.as_written.span().start;
            let mut kinds: Vec<PenaltyKind> = rl
                .required
                .iter()
                .chain(&rl.one_of)
                .chain(&rl.optional)
                .copied()
                .collect();
            if kinds.is_empty() {
                err(
                    errors,
                    lat,
                    format!("`{key}`: a limb needs required, one_of or optional kinds"),
                );
            }
            let n = kinds.len();
            kinds.sort();
            kinds.dedup();
            if kinds.len() != n {
                err(
                    errors,
                    lat,
                    format!("`{key}`: a penalty kind is listed twice in one limb"),
                );
            }
            if rl.one_of.len() == 1 {
                err(
                    errors,
                    lat,
                    format!("`{key}`: `one_of` needs two or more kinds; use `required`"),
                );
            }
            let has_fine = kinds.contains(&PenaltyKind::Fine);
            let fine = match &rl.fine {
                Some(f) => {
                    let [min, max] = *f.get_ref();
                    if min > max {
                        err(
                            errors,
                            f.span().start,
                            format!("`{key}`: fine minimum {min} is above maximum {max}"),
                        );
                    }
                    if max == 0 {
                        err(
                            errors,
                            f.span().start,
                            format!("`{key}`: fine maximum must be above 0"),
                        );
                    }
                    if !has_fine {
                        err(
                            errors,
                            f.span().start,
                            format!("`{key}`: a fine range without the `fine` kind"),
                        );
                    }
                    Some(FineRange {
                        min_yuan: min,
                        max_yuan: max,
                    })
                }
                None => {
                    if has_fine {
                        err(
                            errors,
                            lat,
                            format!("`{key}`: the `fine` kind needs a `fine = [min, max]` range"),
                        );
                    }
                    None
                }
            };
            let has_det = kinds.contains(&PenaltyKind::Detention);
            let detention_days = match &rl.detention_days {
                Some(d) => {
                    let [min, max] = *d.get_ref();
                    if min > max {
                        err(
                            errors,
                            d.span().start,
                            format!("`{key}`: detention minimum {min} is above maximum {max}"),
                        );
                    }
                    if !has_det {
                        err(
                            errors,
                            d.span().start,
                            format!("`{key}`: detention_days without the `detention` kind"),
                        );
                    }
                    Some((min, max))
                }
                None => {
                    if has_det {
                        err(
                            errors,
                            lat,
                            format!("`{key}`: the `detention` kind needs `detention_days`"),
                        );
                    }
                    None
                }
            };
            let other_law = match &rl.other_law {
                Some(o) => {
                    if !law_id_allowed(o.get_ref()) {
                        err(
                            errors,
                            o.span().start,
                            format!("`{key}`: unknown law id `{}`", o.get_ref()),
                        );
                    }
                    Some(o.get_ref().clone())
                }
                None => None,
            };
            if kinds.contains(&PenaltyKind::SanctionPerOtherLaw) != other_law.is_some() {
                err(
                    errors,
                    lat,
                    format!("`{key}`: `sanction_per_other_law` and `other_law` go together"),
                );
            }
            if rl.authority.is_empty() {
                err(errors, lat, format!("`{key}`: a limb needs an `authority`"));
            }
            limbs.push(Limb {
                when: rl.when,
                as_written: rl.as_written.into_inner(),
                party: rl.party,
                required: rl.required,
                one_of: rl.one_of,
                optional: rl.optional,
                fine,
                detention_days,
                authority: rl.authority,
                authority_mark: rl.authority_mark,
                authority_note: rl.authority_note,
                other_law,
                note: rl.note,
                facts: rl.facts,
            });
        }
        provisions.push(Provision {
            law: law_id.clone(),
            key,
            versions: rp.versions.into_inner(),
            article,
            paragraph,
            item: rp.item,
            kind: rp.kind,
            summary: rp.summary,
            bare_quotes: rp.quotes.iter().map(|q| bare(q)).collect(),
            clauses: fact_clauses(&rp.quotes),
            quotes: rp.quotes,
            liable: rp.liable,
            liable_as_written: rp.liable_as_written,
            order_as_written: rp.order_as_written,
            after_failed_order: rp.after_failed_order,
            refers_to_items: rp.refers_to_items,
            amounts_paragraph: rp.amounts_paragraph,
            amounts_yuan: rp.amounts_yuan,
            duty_articles,
            duty_mark: rp.duty_mark,
            limbs,
            source: rp.source,
            mark: rp.mark,
            note: rp.note,
            overlaps: rp.overlaps,
            still_worded: rp.still_worded.iter().map(|w| bare(w)).collect(),
        });
    }
    if errors.len() > before {
        return None;
    }
    Some(Law {
        id: law_id,
        name: raw.name,
        versions,
        provisions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// A stated version names the text its amendment made: 消防法（2008年修订） is the text in
    /// force from 2009-05-01, 行政处罚法（2021年修订） the one from 2021-07-15 (not the 2018 text
    /// still in force on the adoption day), and an amendment whose text the tables lack (行政处罚法
    /// 2009) names none.
    #[test]
    fn stated_version_is_the_text_its_amendment_made() {
        let st = Statutes::shipped();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let fire = [
            d("1998-04-29"),
            d("2008-10-28"),
            d("2019-04-23"),
            d("2021-04-29"),
        ];
        let xz = [
            d("1996-03-17"),
            d("2009-08-27"),
            d("2017-09-01"),
            d("2021-01-22"),
        ];
        let at = |law: &str, date: &str, am: &[NaiveDate]| {
            st.version_stated(law, d(date), am).map(|v| v.in_force)
        };
        assert_eq!(at("fire_law", "2008-10-28", &fire), Some(d("2009-05-01")));
        assert_eq!(at("fire_law", "2019-04-23", &fire), Some(d("2019-04-23")));
        assert_eq!(at("fire_law", "2021-04-29", &fire), Some(d("2021-04-29")));
        assert_eq!(
            at("admin_penalty_law", "2021-01-22", &xz),
            Some(d("2021-07-15"))
        );
        assert_eq!(
            at("admin_penalty_law", "2017-09-01", &xz),
            Some(d("2018-01-01"))
        );
        assert_eq!(at("admin_penalty_law", "2009-08-27", &xz), None);
    }

    /// The load-time indexes give what a scan of the rows gives, for every place of every
    /// version of every shipped law (and a paragraph 1 of one-paragraph articles, and places,
    /// versions and laws that do not exist).
    #[test]
    fn indexes_agree_with_a_scan_of_the_rows() {
        let st = Statutes::shipped();
        let rows = |law: &str, version: &str| -> Vec<&Provision> {
            st.law(law)
                .map(|l| {
                    l.provisions
                        .iter()
                        .filter(|p| p.versions.iter().any(|v| v == version))
                        .collect()
                })
                .unwrap_or_default()
        };
        let laws: Vec<String> = st.laws().map(str::to_string).collect();
        for law in laws.iter().map(String::as_str).chain(["no_such_law"]) {
            let all: Vec<&Provision> = st
                .versions(law)
                .iter()
                .flat_map(|v| rows(law, &v.id))
                .collect();
            let procedural = all.iter().all(|p| p.kind == ProvisionKind::Procedural);
            assert_eq!(st.is_procedural(law), procedural, "{law}");
            let mut ids: Vec<String> = st.versions(law).iter().map(|v| v.id.clone()).collect();
            ids.push("1900".into());
            for v in &ids {
                let mine = rows(law, v);
                let got: Vec<&Provision> = st.provisions(law, v).collect();
                assert_eq!(got, mine, "{law} {v}");
                let mut keys: Vec<&str> = mine.iter().map(|p| p.key.as_str()).collect();
                keys.push("no_such_key");
                for key in keys {
                    let want = mine.iter().copied().find(|p| p.key == key);
                    assert_eq!(st.by_key(law, v, key), want, "{law} {v} {key}");
                }
                for p in &mine {
                    for (para, item) in [
                        (p.paragraph, p.item),
                        (p.paragraph.or(Some(1)), p.item),
                        (p.paragraph, None),
                        (p.paragraph, Some(p.item.unwrap_or(0) + 40)),
                    ] {
                        let Some(shape) = st.structure(law, v, p.article) else {
                            assert_eq!(st.provision(law, v, p.article, para, item), None);
                            continue;
                        };
                        let para_n = if shape.single_paragraph() && para == Some(1) {
                            None
                        } else {
                            para
                        };
                        let want = mine.iter().rev().copied().find(|q| {
                            q.article == p.article && q.paragraph == para_n && q.item == item
                        });
                        assert_eq!(
                            st.provision(law, v, p.article, para, item),
                            want,
                            "{law} {v} {} {para:?} {item:?}",
                            p.article
                        );
                        let under: Vec<&Provision> = mine
                            .iter()
                            .copied()
                            .filter(|q| {
                                q.article == p.article
                                    && (para_n.is_none() || q.paragraph == para_n)
                            })
                            .collect();
                        assert_eq!(st.provisions_under(law, v, p.article, para), under);
                    }
                }
                assert_eq!(st.provision(law, v, 0, None, None), None);
                assert_eq!(st.provision(law, v, 9999, None, None), None);
                assert!(st.provisions_under(law, v, 9999, None).is_empty());
            }
        }
    }

    /// The law texts the tables are checked against, vendored in `tests/data/laws` (provenance
    /// in its SOURCE.md).
    pub(crate) fn laws_dir() -> PathBuf {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/laws");
        assert!(dir.is_dir(), "the law texts are missing: {}", dir.display());
        dir
    }

    /// One paragraph of a law text: its own line and the item lines under it.
    #[derive(Debug)]
    struct Para {
        text: String,
        items: Vec<String>,
    }

    fn squash(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Reads a law text (LawRefBook layout, or the flk layout with `第X条` alone on its line)
    /// into article → paragraphs. Chapter and section headings are skipped.
    fn parse_law_text(text: &str) -> BTreeMap<u32, Vec<Para>> {
        let mut arts: BTreeMap<u32, Vec<Para>> = BTreeMap::new();
        let mut cur: Option<u32> = None;
        let mut started = false;
        for raw in text.lines() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            if let Some((n, rest)) = article_heading(line) {
                if n == 1 {
                    started = true;
                }
                if !started {
                    continue;
                }
                cur = Some(n);
                let paras = arts.entry(n).or_default();
                if !rest.is_empty() {
                    paras.push(Para {
                        text: rest.to_string(),
                        items: vec![],
                    });
                }
                continue;
            }
            let Some(n) = cur else { continue };
            if !started || is_heading(line) {
                continue;
            }
            let paras = arts.get_mut(&n).unwrap();
            if is_item(line) {
                paras
                    .last_mut()
                    .expect("item before any paragraph")
                    .items
                    .push(line.to_string());
            } else {
                paras.push(Para {
                    text: line.to_string(),
                    items: vec![],
                });
            }
        }
        arts
    }

    fn article_heading(line: &str) -> Option<(u32, &str)> {
        let rest = line.strip_prefix('第')?;
        let end = rest.find('条')?;
        let num = &rest[..end];
        if num.is_empty() || !num.chars().all(|c| "零一二三四五六七八九十百".contains(c))
        {
            return None;
        }
        let after = &rest[end + '条'.len_utf8()..];
        if !(after.is_empty() || after.starts_with(' ') || after.starts_with('\u{3000}')) {
            return None;
        }
        Some((crate::text::cn_integer(num)? as u32, after.trim()))
    }

    fn is_item(line: &str) -> bool {
        line.strip_prefix('（')
            .and_then(|r| r.split_once('）'))
            .is_some_and(|(n, _)| {
                !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c))
            })
    }

    fn is_heading(line: &str) -> bool {
        let chapter = line.starts_with('第')
            && line
                .chars()
                .skip(1)
                .take_while(|c| "一二三四五六七八九十".contains(*c))
                .count()
                > 0
            && line
                .chars()
                .skip(1)
                .find(|c| !"一二三四五六七八九十".contains(*c))
                .is_some_and(|c| c == '章' || c == '节');
        // flk layout: "8.  附则"
        let numbered = line
            .split_once(". ")
            .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
        line.starts_with('#') || line.starts_with("<!--") || chapter || numbered
    }

    fn shape_of(paras: &[Para]) -> Vec<u32> {
        paras.iter().map(|p| p.items.len() as u32).collect()
    }

    fn para_text(p: &Para) -> String {
        let mut s = p.text.clone();
        for i in &p.items {
            s.push_str(i);
        }
        squash(&s)
    }

    /// Everything the tables claim that the law texts can confirm. Returns one line per
    /// disagreement (empty = all good).
    fn check_against_texts(st: &Statutes, dir: &Path) -> Vec<String> {
        let mut bad = Vec::new();
        for law in &st.laws {
            for v in &law.versions {
                if v.mark != Mark::Verified {
                    continue;
                }
                let path = dir.join(&v.text);
                let Ok(text) = std::fs::read_to_string(&path) else {
                    bad.push(format!(
                        "{}/{}: cannot read {} (copy the law text into tests/data/laws and add \
                         its source to tests/data/laws/SOURCE.md)",
                        law.id,
                        v.id,
                        path.display()
                    ));
                    continue;
                };
                let arts = parse_law_text(&text);
                let at = |what: String| format!("{} {}: {what}", law.id, v.id);
                // The article list and every article's shape.
                let last = arts.keys().next_back().copied().unwrap_or(0);
                if last != v.last_article || arts.len() as u32 != last {
                    bad.push(at(format!(
                        "text has {} articles ending at {last}; table says last_article = {}",
                        arts.len(),
                        v.last_article
                    )));
                }
                for (n, paras) in &arts {
                    let declared = st.structure(&law.id, &v.id, *n).map(|s| s.items);
                    if declared.as_deref() != Some(shape_of(paras).as_slice()) {
                        bad.push(at(format!(
                            "article {n}: text shape {:?}, table {:?}",
                            shape_of(paras),
                            declared
                        )));
                    }
                }
                for p in st.provisions(&law.id, &v.id) {
                    if p.mark != Mark::Verified {
                        continue;
                    }
                    let here = |what: String| at(format!("{} ({}): {what}", p.place(), p.key));
                    let Some(paras) = arts.get(&p.article) else {
                        bad.push(here("article not in the text".into()));
                        continue;
                    };
                    let para_no = p.paragraph.unwrap_or(1);
                    let Some(para) = paras.get(para_no as usize - 1) else {
                        bad.push(here("paragraph not in the text".into()));
                        continue;
                    };
                    // What the quotes must be in: the item, the paragraph, or the article.
                    let scope = match (p.paragraph, p.item) {
                        (_, Some(i)) => match para.items.get(i as usize - 1) {
                            Some(t) => squash(t),
                            None => {
                                bad.push(here("item not in the text".into()));
                                continue;
                            }
                        },
                        (Some(_), None) => para_text(para),
                        (None, None) => paras.iter().map(para_text).collect(),
                    };
                    // Limbs and amounts are written in the paragraph (or the whole article for
                    // an article-level row); 61¶2 points to ¶1 for its amounts.
                    let sentence = if p.paragraph.is_some() || p.item.is_some() {
                        para_text(para)
                    } else {
                        paras.iter().map(para_text).collect()
                    };
                    let amounts_text = match p.amounts_paragraph {
                        Some(ap) => paras
                            .get(ap as usize - 1)
                            .map(para_text)
                            .unwrap_or_default(),
                        None => sentence.clone(),
                    };
                    for q in &p.quotes {
                        if !scope.contains(&squash(q)) {
                            bad.push(here(format!("quote not in the text: {q}")));
                        }
                    }
                    for y in &p.amounts_yuan {
                        let w = format!("{}元", cn_numeral(*y));
                        if !amounts_text.contains(&w) {
                            bad.push(here(format!("amount {y} ({w}) not in the text")));
                        }
                    }
                    for l in &p.limbs {
                        if !sentence.contains(&squash(&l.as_written)) {
                            bad.push(here(format!(
                                "limb wording not in the text: {}",
                                l.as_written
                            )));
                        }
                        if let Some(f) = l.fine {
                            for w in fine_words(f) {
                                if !amounts_text.contains(&w) {
                                    bad.push(here(format!(
                                        "fine {}–{}: `{w}` not in the text",
                                        f.min_yuan, f.max_yuan
                                    )));
                                }
                            }
                        }
                        if let Some((min, max)) = l.detention_days {
                            let mut words = vec![format!("{}日以下拘留", cn_numeral(max as u64))];
                            if min > 0 {
                                words.push(format!("{}日以上", cn_numeral(min as u64)));
                            }
                            for w in words {
                                if !amounts_text.contains(&w) {
                                    bad.push(here(format!(
                                        "detention {min}–{max}: `{w}` not in the text"
                                    )));
                                }
                            }
                        }
                    }
                    for d in &p.duty_articles {
                        let ok = arts.get(&d.article).is_some_and(|ps| {
                            let shape = ArticleShape {
                                article: d.article,
                                items: shape_of(ps),
                            };
                            shape.contains(d.paragraph, d.item)
                        });
                        if !ok {
                            bad.push(here(format!("duty article {d} not in the text")));
                        }
                    }
                }
            }
        }
        bad
    }

    /// How a fine range is written: 五千元以上 … 五万元以下, or 二百元罚款 for a fixed amount.
    fn fine_words(f: FineRange) -> Vec<String> {
        if f.min_yuan == f.max_yuan {
            return vec![format!("{}元罚款", cn_numeral(f.max_yuan))];
        }
        let mut w = vec![format!("{}元以下", cn_numeral(f.max_yuan))];
        if f.min_yuan > 0 {
            w.push(format!("{}元以上", cn_numeral(f.min_yuan)));
        }
        w
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn one(name: &str, text: &str) -> Result<Statutes, Vec<DataError>> {
        Statutes::from_files(&[(name.to_string(), text.to_string())])
    }

    const MINI: &str = r#"law = "fire_law"
name = "x"
[[versions]]
id = "2008"
text = "t.md"
in_force = 2009-05-01
source = "S12"
mark = "VERIFIED"
in_force_mark = "VERIFIED"
last_article = 74
[versions.shapes]
60 = [7, 0, 0]
[[provisions]]
key = "evacuation_obstructed"
versions = ["2008"]
article = 60
paragraph = 1
item = 3
kind = "penalty"
summary = "s"
liable = "unit"
source = "S12"
mark = "VERIFIED"
[[provisions.limbs]]
when = "always"
as_written = "w"
party = "unit"
required = ["fine"]
fine = [5000, 50000]
authority = ["fire_agency"]
authority_mark = "DERIVED"
"#;

    #[test]
    fn shipped_tables_load() {
        let st = Statutes::shipped();
        let laws: Vec<&str> = st.laws().collect();
        assert_eq!(laws, ["admin_penalty_law", "fire_law", "henan_fire_reg"]);
        assert_eq!(st.versions("fire_law").len(), 3);
        assert_eq!(st.law_name("fire_law"), Some("中华人民共和国消防法"));
        assert!(st.versions("nope").is_empty());
    }

    #[test]
    fn minimal_file_loads() {
        let st = one("m.toml", MINI).unwrap_or_else(|e| panic!("{e:?}"));
        let p = st
            .provision("fire_law", "2008", 60, Some(1), Some(3))
            .unwrap();
        assert_eq!(
            p.fine_ranges("unit"),
            [FineRange {
                min_yuan: 5000,
                max_yuan: 50000
            }]
        );
    }

    #[test]
    fn unknown_key_is_reported_with_place() {
        let text = MINI.replace("summary = \"s\"", "summary = \"s\"\nbogus = 1");
        let e = one("m.toml", &text).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].message.contains("bogus"), "{}", e[0]);
        assert_eq!(
            (e[0].file.as_str(), e[0].line, e[0].col),
            ("m.toml", 21, 1),
            "{}",
            e[0]
        );
    }

    #[test]
    fn bad_values_are_all_reported_with_places() {
        // Three problems in one file and one in another: all four come back.
        let text = MINI
            .replace("versions = [\"2008\"]", "versions = [\"2009\"]")
            .replace("fine = [5000, 50000]", "fine = [50000, 5000]")
            .replace("item = 3", "item = 8");
        let other = MINI.replace("law = \"fire_law\"", "law = \"fire_lawx\"");
        let e = Statutes::from_files(&[
            ("a.toml".to_string(), text.clone()),
            ("b.toml".to_string(), other),
        ])
        .unwrap_err();
        let msgs: Vec<String> = e.iter().map(|e| e.to_string()).collect();
        let has = |file: &str, line: usize, frag: &str| {
            e.iter()
                .any(|x| x.file == file && x.line == line && x.message.contains(frag))
        };
        assert!(has("a.toml", 15, "unknown version `2009`"), "{msgs:#?}");
        assert!(has("a.toml", 29, "above maximum"), "{msgs:#?}");
        assert!(has("b.toml", 1, "unknown law id `fire_lawx`"), "{msgs:#?}");
        // item 8 is checked against the only version, which is unknown, so not reported; with a
        // known version it is:
        let e = one("c.toml", &MINI.replace("item = 3", "item = 8")).unwrap_err();
        assert!(e[0].message.contains("does not exist"), "{}", e[0]);
        assert_eq!(e[0].line, 16, "{}", e[0]);
    }

    #[test]
    fn schema_rules_are_enforced() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "required = [\"fine\"]",
                "required = [\"fine\", \"detention\"]",
                "needs `detention_days`",
            ),
            ("fine = [5000, 50000]", "", "needs a `fine = [min, max]`"),
            (
                "required = [\"fine\"]",
                "required = [\"fine\"]\none_of = [\"warning\"]",
                "two or more",
            ),
            (
                "authority = [\"fire_agency\"]",
                "authority = []",
                "needs an `authority`",
            ),
            (
                "mark = \"VERIFIED\"\n[[provisions.limbs]]",
                "mark = \"VERIFIED\"\nduty_articles = [\"16¶x\"]\n[[provisions.limbs]]",
                "duty article `16¶x`",
            ),
            (
                "in_force = 2009-05-01",
                "in_force = 2009-05-01\nuntil = 2001-01-01",
                "before `in_force`",
            ),
            (
                "60 = [7, 0, 0]",
                "60 = [7, 0, 0]\n99 = [0]",
                "not an article number",
            ),
        ];
        for (from, to, want) in cases {
            assert!(MINI.contains(from), "{from}");
            let e = one("m.toml", &MINI.replacen(from, to, 1)).unwrap_err();
            assert!(e.iter().any(|e| e.message.contains(want)), "{want}: {e:?}");
            assert!(
                e.iter()
                    .all(|e| e.line > 0 || e.message.contains("overlap")),
                "{e:?}"
            );
        }
        // A mark outside the four labels is a parse error with its place.
        let e = one(
            "m.toml",
            &MINI.replace("mark = \"DERIVED\"", "mark = \"PROBABLY\""),
        )
        .unwrap_err();
        assert!(
            e[0].message.contains("PROBABLY") && e[0].line == 31,
            "{}",
            e[0]
        );
    }

    #[test]
    fn the_tables_agree_with_the_law_texts() {
        let st = Statutes::shipped();
        let bad = check_against_texts(&st, &laws_dir());
        assert!(
            bad.is_empty(),
            "{} disagreements:\n{}",
            bad.len(),
            bad.join("\n")
        );
        // The test must have looked at real rows.
        let verified = st
            .laws
            .iter()
            .flat_map(|l| &l.provisions)
            .filter(|p| p.mark == Mark::Verified)
            .count();
        assert!(verified > 100, "{verified}");
    }

    #[test]
    fn a_wrong_number_fails_the_law_text_check() {
        let dir = laws_dir();
        let base = Statutes::shipped();
        let mutate = |f: &dyn Fn(&mut Provision)| {
            let mut st = base.clone();
            let law = st.laws.iter_mut().find(|l| l.id == "fire_law").unwrap();
            let p = law
                .provisions
                .iter_mut()
                .find(|p| p.article == 60 && p.paragraph == Some(1) && p.item == Some(3))
                .unwrap();
            f(p);
            check_against_texts(&st, &dir)
        };
        let bad = mutate(&|p| p.limbs[0].fine.as_mut().unwrap().max_yuan = 40000);
        assert!(bad.iter().any(|b| b.contains("四万元以下")), "{bad:?}");
        let bad = mutate(&|p| p.limbs[0].fine.as_mut().unwrap().min_yuan = 500);
        assert!(bad.iter().any(|b| b.contains("五百元以上")), "{bad:?}");
        let bad = mutate(&|p| p.item = Some(8));
        assert!(
            bad.iter().any(|b| b.contains("item not in the text")),
            "{bad:?}"
        );
        let bad = mutate(&|p| p.quotes = vec!["占用、堵塞、封闭消防车通道".into()]);
        assert!(
            bad.iter().any(|b| b.contains("quote not in the text")),
            "{bad:?}"
        );
        let bad = mutate(&|p| p.duty_articles = vec![ArticleRef::parse("16¶1(九)").unwrap()]);
        assert!(
            bad.iter().any(|b| b.contains("duty article 16¶1(九)")),
            "{bad:?}"
        );
        let bad =
            mutate(&|p| p.limbs[0].as_written = "责令改正，处五千元以上五十万元以下罚款".into());
        assert!(bad.iter().any(|b| b.contains("limb wording")), "{bad:?}");
        // A wrong shape or article count fails too.
        let mut st = base.clone();
        let law = st.laws.iter_mut().find(|l| l.id == "fire_law").unwrap();
        law.versions[0].shapes.insert(58, vec![4, 0]);
        law.versions[1].last_article = 73;
        let bad = check_against_texts(&st, &dir);
        assert!(
            bad.iter()
                .any(|b| b.contains("fire_law 2008: article 58: text shape [5, 0]")),
            "{bad:?}"
        );
        assert!(
            bad.iter()
                .any(|b| b.contains("fire_law 2019: text has 74 articles")),
            "{bad:?}"
        );
    }

    #[test]
    fn version_on_picks_by_date() {
        let st = Statutes::shipped();
        let cases = [
            ("fire_law", d(2009, 4, 30), None),
            ("fire_law", d(2009, 5, 1), Some("2008")),
            ("fire_law", d(2019, 4, 22), Some("2008")),
            ("fire_law", d(2019, 4, 23), Some("2019")),
            ("fire_law", d(2021, 4, 28), Some("2019")),
            ("fire_law", d(2021, 4, 29), Some("2021")),
            ("fire_law", d(2030, 1, 1), Some("2021")),
            ("admin_penalty_law", d(2021, 7, 14), Some("2017")),
            ("admin_penalty_law", d(2021, 7, 15), Some("2021")),
            ("henan_fire_reg", d(2020, 1, 1), Some("2014")),
            ("public_security_penalty_law", d(2020, 1, 1), None),
        ];
        for (law, date, want) in cases {
            assert_eq!(
                st.version_on(law, date).map(|v| v.id.as_str()),
                want,
                "{law} {date}"
            );
        }
    }

    #[test]
    fn public_venue_is_renumbered_but_keeps_its_key() {
        let st = Statutes::shipped();
        let p08 = st
            .provision("fire_law", "2008", 58, Some(1), Some(5))
            .unwrap();
        let p19 = st
            .provision("fire_law", "2019", 58, Some(1), Some(4))
            .unwrap();
        let p21 = st
            .provision("fire_law", "2021", 58, Some(1), Some(4))
            .unwrap();
        assert_eq!(p08.key, "public_venue_unlicensed");
        assert_eq!(p19.key, p08.key);
        assert_eq!(p21.key, p08.key);
        assert!(st
            .provision("fire_law", "2019", 58, Some(1), Some(5))
            .is_none());
        let chain: Vec<(&str, String)> = st
            .across_versions("fire_law", "public_venue_unlicensed")
            .into_iter()
            .map(|(v, p)| (v.id.as_str(), p.place().to_string()))
            .collect();
        assert_eq!(
            chain,
            [
                ("2008", "58¶1(五)".to_string()),
                ("2019", "58¶1(四)".into()),
                ("2021", "58¶1(四)".into())
            ]
        );
        // The filing fine moved from ¶2 to ¶3 in 2021; 2008 58¶1(二) has no successor.
        assert_eq!(
            st.by_key("fire_law", "2021", "acceptance_filing_missing")
                .unwrap()
                .paragraph,
            Some(3)
        );
        assert!(st
            .by_key("fire_law", "2019", "design_spot_check_failed")
            .is_none());
    }

    #[test]
    fn lookups_answer_the_l_rules() {
        let st = Statutes::shipped();
        // L003: 64 has items, not paragraphs; 60 has no 8th item.
        let s64 = st.structure("fire_law", "2021", 64).unwrap();
        assert!(s64.single_paragraph() && s64.has_items());
        assert!(!s64.contains(Some(2), None));
        assert!(s64.contains(None, Some(6)) && !s64.contains(None, Some(7)));
        let s60 = st.structure("fire_law", "2021", 60).unwrap();
        assert_eq!(s60.item_paragraph(), Some(1));
        assert!(!s60.contains(Some(1), Some(8)));
        assert!(
            !s60.contains(None, Some(3)),
            "items of a multi-paragraph article need ¶"
        );
        assert!(st.structure("fire_law", "2021", 75).is_none());
        assert!(
            st.article_exists("fire_law", "2021", 74) && !st.article_exists("fire_law", "2021", 75)
        );
        // 64(二) with or without 第一款.
        let a = st.provision("fire_law", "2021", 64, None, Some(2)).unwrap();
        let b = st
            .provision("fire_law", "2021", 64, Some(1), Some(2))
            .unwrap();
        assert_eq!(a.key, "negligent_fire");
        assert_eq!(a, b);
        // L005/L006: 60¶1 units only, 60¶2 individuals only and ≤ 500.
        let p601 = st
            .provision("fire_law", "2021", 60, Some(1), Some(3))
            .unwrap();
        assert!(p601.fine_ranges("individual").is_empty());
        let p602 = st.provision("fire_law", "2021", 60, Some(2), None).unwrap();
        assert_eq!(
            p602.fine_ranges("individual"),
            [FineRange {
                min_yuan: 0,
                max_yuan: 500
            }]
        );
        assert!(p602.fine_ranges("unit").is_empty());
        assert_eq!(p602.refers_to_items, [2, 3, 4, 5]);
        // L004: no fine under 67, no detention by a fire agency under 63.
        let p67 = st.provision("fire_law", "2021", 67, None, None).unwrap();
        assert!(p67.limbs.iter().all(|l| !l.allows(PenaltyKind::Fine)));
        let p63 = st.provision("fire_law", "2021", 63, None, Some(1)).unwrap();
        let det = p63
            .limbs
            .iter()
            .find(|l| l.allows(PenaltyKind::Detention))
            .unwrap();
        assert_eq!(
            (det.authority.as_slice(), det.when, det.detention_days),
            (
                &[Authority::PublicSecurity][..],
                When::Serious,
                Some((0, 5))
            )
        );
        // L008: 61 needs both 停产停业 and a fine.
        let p61 = st.provision("fire_law", "2008", 61, Some(1), None).unwrap();
        assert_eq!(
            p61.limbs[0].required,
            [PenaltyKind::SuspendBusiness, PenaltyKind::Fine]
        );
        // S003: 59 is 住建 from 2019, a fire agency's before.
        let a59 = |v| {
            st.provision("fire_law", v, 59, None, Some(2))
                .unwrap()
                .limbs[0]
                .authority[0]
        };
        assert_eq!(
            (a59("2008"), a59("2019")),
            (Authority::FireAgency, Authority::Housing)
        );
        // 66 and HN 70¶2: only after a failed order.
        assert!(
            st.provision("fire_law", "2021", 66, None, None)
                .unwrap()
                .after_failed_order
        );
        let hn = st
            .provision("henan_fire_reg", "2014", 70, Some(2), None)
            .unwrap();
        assert!(hn.after_failed_order);
        assert_eq!(
            hn.fine_ranges("unit"),
            [FineRange {
                min_yuan: 2000,
                max_yuan: 5000
            }]
        );
        assert_eq!(hn.duty_articles[0].to_string(), "13¶1(一)");
        // 69 (2021) has two tiers for the agency.
        let p69 = st.provision("fire_law", "2021", 69, Some(1), None).unwrap();
        assert_eq!(p69.fine_ranges("unit").len(), 2);
        assert_eq!(
            st.provisions_under("fire_law", "2021", 58, Some(1)).len(),
            4
        );
        assert_eq!(
            st.provisions_under("fire_law", "2008", 58, Some(1)).len(),
            5
        );
    }

    #[test]
    fn yuan_in_chinese_numerals() {
        let cases = [
            (20, "二十"),
            (50, "五十"),
            (100, "一百"),
            (200, "二百"),
            (500, "五百"),
            (1000, "一千"),
            (2000, "二千"),
            (5000, "五千"),
            (10000, "一万"),
            (10500, "一万零五百"),
            (15000, "一万五千"),
            (30000, "三万"),
            (50000, "五万"),
            (100000, "十万"),
            (110000, "十一万"),
            (300000, "三十万"),
            (1000500, "一百万零五百"),
            (1005000, "一百万五千"),
            (100000000, "一亿"),
            (100050000, "一亿零五万"),
        ];
        for (n, want) in cases {
            assert_eq!(cn_numeral(n), want, "{n}");
            assert_eq!(crate::text::cn_integer(want), Some(n), "{want}");
        }
    }

    #[test]
    fn article_refs_parse_and_print() {
        for (s, ok) in [
            ("28", true),
            ("16¶1(四)", true),
            ("13¶1(一)", true),
            ("21¶2", true),
            ("0", false),
            ("16¶", false),
            ("16(x)", false),
            ("¶1", false),
        ] {
            let r = ArticleRef::parse(s);
            assert_eq!(r.is_some(), ok, "{s}");
            if let Some(r) = r {
                assert_eq!(r.to_string(), s);
            }
        }
    }
}
