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
//!
//! This module holds the table types; `load` reads the files, `validate` checks the file format
//! and builds a law from it, `lookup` answers the per-case questions (provision, version, shape).

mod load;
mod lookup;
#[cfg(test)]
mod tests;
mod validate;

pub(crate) use load::dir_files;
pub use lookup::cn_numeral;
use lookup::LawIndex;

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

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
    // One pass over the normalized characters (as `normalize(s)` then a filter), one
    // allocation.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = crate::text::normalize_char(c);
        let drop = if c.is_ascii() {
            c.is_ascii_whitespace() || c.is_ascii_punctuation() || c.is_whitespace()
        } else {
            c.is_whitespace()
                || matches!(
                    c,
                    '，' | '、'
                        | '；'
                        | '：'
                        | '。'
                        | '！'
                        | '？'
                        | '“'
                        | '”'
                        | '‘'
                        | '’'
                        | '（'
                        | '）'
                        | '《'
                        | '》'
                        | '【'
                        | '】'
                        | '〔'
                        | '〕'
                )
        };
        if !drop {
            out.push(c);
        }
    }
    out
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
use crate::fastmap::FastMap;

/// All statute tables.
#[derive(Debug, Clone)]
pub struct Statutes {
    laws: Vec<Law>,
    /// `index[i]` is the lookup tables of `laws[i]`.
    index: Vec<LawIndex>,
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
