//! What the statute checks (L001–L010, S003) share: a decision's 处罚依据 read into citations,
//! the law version each citation is judged against, and the provision rows it points at.
//!
//! Which version applies (rules.md "Which law applies"): substantive provisions follow the law
//! in force on the violation date (fallback: the decision date), unless the version in force on
//! the decision date is lighter (行政处罚法 2021 art. 37, 从旧兼从轻, from 2021-07-15); a law whose
//! rows are all procedural (行政处罚法 itself) follows the decision date. Every finding names the
//! provision and version it compared against, so the messages are built here in one style:
//! `《消防法》(2021) 第六十条第一款第三项`.

use super::{Ctx, Emitter, Info};
use crate::finding::{Lang, Place};
use crate::law::citation::{to_cn_numeral, Citation};
use crate::law::statutes::{
    ArticleShape, FineRange, Limb, PenaltyKind, Provision, ProvisionKind, Version,
};
use crate::model::{Case, Document, Field, Located, Money};
use chrono::NaiveDate;
use std::rc::Rc;

/// A list shared by the rules that read the same case: the statute rules each start from the
/// same reading and judgement, computed once per case ([`Memo`]) and handed out by reference.
#[derive(Debug)]
pub struct Shared<T>(Rc<Vec<T>>);

impl<T> Shared<T> {
    fn new(v: Vec<T>) -> Shared<T> {
        Shared(Rc::new(v))
    }
    fn same(&self, other: &Shared<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'s, T> IntoIterator for &'s Shared<T> {
    type Item = &'s T;
    type IntoIter = std::slice::Iter<'s, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The decision's basis, read.
pub struct Reading<'a> {
    pub decision: &'a Document,
    pub citations: Shared<(Citation, Place)>,
    /// Laws named with no article (`《消防法》相关规定`), with where.
    pub laws_without_article: Shared<(String, Place)>,
    /// Fragments the parser could not read.
    pub unparsed: Shared<(String, Place)>,
}

/// How far a case's basis can be read.
pub enum Read<'a> {
    /// No decision: nothing to judge.
    NoDecision,
    /// The export does not carry the basis.
    Unknown,
    /// The decision carries an empty basis.
    Empty(&'a Document, Place),
    Read(Reading<'a>),
}

/// The last basis read and the last judgement, kept in [`Ctx`] so the dozen statute rules that
/// run on a case read and judge its basis once. Keyed by the inputs themselves (the basis texts
/// and places, the dates), never by a case's address, so a hit is always the same answer.
#[derive(Default)]
pub struct Memo<'k> {
    read: Option<ReadMemo>,
    judged: Option<JudgedMemo<'k>>,
}

struct ReadMemo {
    bases: Vec<Located<String>>,
    citations: Shared<(Citation, Place)>,
    laws_without_article: Shared<(String, Place)>,
    unparsed: Shared<(String, Place)>,
}

struct JudgedMemo<'k> {
    citations: Shared<(Citation, Place)>,
    decided: Option<NaiveDate>,
    act: Option<NaiveDate>,
    /// The deciding agency, as the case writes it: the province follows from it (and the
    /// run's settings), so the dozen lookups per case are made once, on a miss.
    agency: Option<String>,
    cited: Option<Shared<Cited<'k>>>,
}

/// Reads the decision's 处罚依据.
pub fn read<'a>(case: &'a Case, ctx: &Ctx) -> Read<'a> {
    let Some(decision) = case.decision() else {
        return Read::NoDecision;
    };
    let bases = match &decision.basis {
        Field::Value { value, .. } => value,
        Field::Empty { at } => return Read::Empty(decision, at.clone()),
        _ => return Read::Unknown,
    };
    if bases.iter().all(|b| b.value.trim().is_empty()) {
        let at = decision
            .basis
            .at()
            .cloned()
            .unwrap_or_else(|| decision.at.clone());
        return Read::Empty(decision, at);
    }
    let mut memo = ctx.memo.borrow_mut();
    if let Some(m) = memo.read.as_ref().filter(|m| m.bases == *bases) {
        return Read::Read(Reading {
            decision,
            citations: m.citations.clone(),
            laws_without_article: m.laws_without_article.clone(),
            unparsed: m.unparsed.clone(),
        });
    }
    let mut citations = Vec::new();
    let mut laws_without_article = Vec::new();
    let mut unparsed = Vec::new();
    for b in bases {
        let p = ctx.citations(&b.value);
        citations.extend(p.citations.iter().map(|c| (c.clone(), b.at.clone())));
        laws_without_article.extend(
            p.laws_without_article
                .iter()
                .map(|l| (l.clone(), b.at.clone())),
        );
        unparsed.extend(p.unparsed.iter().map(|u| (u.clone(), b.at.clone())));
    }
    let m = ReadMemo {
        bases: bases.clone(),
        citations: Shared::new(citations),
        laws_without_article: Shared::new(laws_without_article),
        unparsed: Shared::new(unparsed),
    };
    let r = Reading {
        decision,
        citations: m.citations.clone(),
        laws_without_article: m.laws_without_article.clone(),
        unparsed: m.unparsed.clone(),
    };
    memo.read = Some(m);
    Read::Read(r)
}

/// One citation judged against the version that applies.
pub struct Cited<'a> {
    pub cite: Citation,
    pub at: Place,
    pub law: String,
    /// The version in force on the date that governs this law.
    pub version: &'a Version,
    /// The version in force on the decision date, when it differs and 从旧兼从轻 can apply.
    pub later: Option<&'a Version>,
    /// `None` when the article does not exist in `version`.
    pub shape: Option<ArticleShape>,
    /// Whether the cited article/paragraph/item exists in `version`.
    pub exists: bool,
    /// The row at exactly the cited place.
    pub provision: Option<&'a Provision>,
}

impl<'a> Cited<'a> {
    /// The penalty rows the citation covers: its own row, or the rows under a paragraph or
    /// article cited without its item.
    pub fn penalties(&self, ctx: &Ctx<'a>) -> Vec<&'a Provision> {
        match self.provision {
            Some(p) if p.kind == ProvisionKind::Penalty => vec![p],
            Some(_) => Vec::new(),
            None if self.exists && self.cite.item.is_none() => ctx
                .kb
                .statutes
                .provisions_under(
                    &self.law,
                    &self.version.id,
                    self.cite.article,
                    self.cite.paragraph,
                )
                .into_iter()
                .filter(|p| p.kind == ProvisionKind::Penalty)
                .collect(),
            None => Vec::new(),
        }
    }

    /// Other versions of the law in which the cited place exists (a renumbered or deleted
    /// provision: 消防法 2008 58¶1(五) is 2019 58¶1(四)).
    pub fn elsewhere(&self, ctx: &Ctx<'a>) -> Vec<&'a Version> {
        let st = &ctx.kb.statutes;
        st.versions(&self.law)
            .iter()
            .filter(|v| v.id != self.version.id)
            .filter(|v| {
                st.structure(&self.law, &v.id, self.cite.article)
                    .is_some_and(|s| s.contains(self.cite.paragraph, self.cite.item))
            })
            .collect()
    }

    /// `《消防法》(2021) 第六十条第一款第三项` / `Fire Law (2021) art. 60 ¶1 (3)` of the citation.
    pub fn label(&self, ctx: &Ctx) -> String {
        place_label(
            ctx,
            &self.law,
            &self.version.id,
            self.cite.article,
            self.cite.paragraph,
            self.cite.item,
        )
    }
}

/// The date substantive law is chosen by: the violation date, else the decision date.
pub fn act_date(case: &Case, decision: &Document) -> Option<NaiveDate> {
    case.violation
        .date
        .value()
        .or(decision.date.value())
        .copied()
}

/// The date substantive law is chosen by while a rule judges in every version: the date
/// standing in, else [`act_date`].
pub fn act_date_in(case: &Case, decision: &Document, ctx: &Ctx) -> Option<NaiveDate> {
    ctx.assume.get().or_else(|| act_date(case, decision))
}

/// A law's amendment dates (`laws.toml`), to read a version stated in a citation.
pub fn amended<'a>(ctx: &Ctx<'a>, law: &str) -> &'a [NaiveDate] {
    ctx.kb
        .laws
        .get(law)
        .map(|l| l.amended.as_slice())
        .unwrap_or(&[])
}

/// The decision date, or the date standing in for it while judging in every version.
pub fn decision_date_in(decision: &Document, ctx: &Ctx) -> Option<NaiveDate> {
    ctx.assume.get().or(decision.date.value().copied())
}

/// What a finding on an undated case adds to its message.
pub fn every_version_note(lang: Lang) -> &'static str {
    lang.pick(
        "（本案未载明违法日期和决定日期；所引条款在各版本中结论相同）",
        " (the case has no violation or decision date; the cited provision gives the same answer in every version)",
    )
}

/// Runs a statute rule on a case. A case with neither violation date nor decision date is
/// judged once per version of the cited laws (each version's first day standing in for both
/// dates): a finding every version gives is reported, with a note saying so; when the versions
/// disagree the rule is not checkable (rules.md: no date, no guess, unless the date cannot
/// matter). Dated cases run once, as they are.
pub fn every_version(
    case: &Case,
    ctx: &Ctx,
    info: &Info,
    out: &mut Emitter,
    run: impl Fn(&mut Emitter),
) {
    let undated = case.decision().is_some_and(|d| act_date(case, d).is_none());
    if !undated || ctx.assume.get().is_some() {
        return run(out);
    }
    let Read::Read(r) = read(case, ctx) else {
        return run(out);
    };
    let st = &ctx.kb.statutes;
    let mut dates: Vec<NaiveDate> = Vec::new();
    for (c, _) in &r.citations {
        if let Some(law) = c.law_id.as_deref() {
            dates.extend(st.versions(law).iter().map(|v| v.in_force));
        }
    }
    dates.sort();
    dates.dedup();
    if dates.is_empty() {
        return run(out);
    }
    let mut runs: Vec<Emitter> = Vec::new();
    for d in &dates {
        ctx.assume.set(Some(*d));
        let mut em = Emitter::default();
        run(&mut em);
        runs.push(em);
    }
    ctx.assume.set(None);
    let key = |f: &crate::finding::Finding| {
        (
            f.code.clone(),
            f.subject.clone(),
            f.place.clone(),
            f.severity,
        )
    };
    let (last, rest) = runs.split_last().expect("at least one date");
    let mut common = Vec::new();
    for f in &last.findings {
        let k = key(f);
        if rest
            .iter()
            .all(|em| em.findings.iter().any(|g| key(g) == k))
        {
            common.push(k);
            let mut f = f.clone();
            f.message.push_str(every_version_note(ctx.lang));
            out.findings.push(f);
        }
    }
    // A finding some version gives and another does not: the date would matter.
    let disagree = runs
        .iter()
        .any(|em| em.findings.iter().any(|g| !common.contains(&key(g))));
    let mut seen: Vec<(&'static str, String)> = Vec::new();
    for em in &runs {
        for nc in &em.not_checkable {
            if !seen.contains(nc) {
                seen.push(nc.clone());
            }
        }
    }
    if disagree && !seen.iter().any(|(c, _)| *c == info.code) {
        seen.push((info.code, "违法日期".to_string()));
    }
    out.not_checkable.extend(seen);
}

/// Judges every citation of a law with statute tables against the version that applies.
/// Citations of laws without tables are left out. `None` when no date picks a version.
pub fn judge<'a>(case: &Case, r: &Reading, ctx: &Ctx<'a>) -> Option<Shared<Cited<'a>>> {
    let decided = decision_date_in(r.decision, ctx);
    let act = act_date_in(case, r.decision, ctx);
    let agency = case.agency.value().map(String::as_str);
    let mut memo = ctx.memo.borrow_mut();
    if let Some(m) = memo.judged.as_ref().filter(|m| {
        m.citations.same(&r.citations)
            && m.decided == decided
            && m.act == act
            && m.agency.as_deref() == agency
    }) {
        return m.cited.clone();
    }
    let province = crate::knowledge::jurisdiction::province(agency, ctx.kb);
    let cited = judge_dated(&r.citations, decided, act, province, ctx).map(Shared::new);
    memo.judged = Some(JudgedMemo {
        citations: r.citations.clone(),
        decided,
        act,
        agency: agency.map(str::to_string),
        cited: cited.clone(),
    });
    cited
}

/// Whether a law's tables apply to an agency of `province`: national law always; provincial
/// law only in its province (an agency of unknown province gets none: not checkable).
pub fn applies_in(ctx: &Ctx, law: &str, province: Option<&str>) -> bool {
    match ctx.kb.laws.get(law).and_then(|l| l.province.as_deref()) {
        None => true,
        Some(p) => province == Some(p),
    }
}

/// [`judge`] on the citations and the two dates it depends on.
fn judge_dated<'a>(
    citations: &[(Citation, Place)],
    decided: Option<NaiveDate>,
    act: Option<NaiveDate>,
    province: Option<&str>,
    ctx: &Ctx<'a>,
) -> Option<Vec<Cited<'a>>> {
    let st = &ctx.kb.statutes;
    let cutover = ctx.kb.settings.date("law.xzcf_2021_from");
    let mut out = Vec::new();
    for (c, at) in citations {
        let Some(law) = c.law_id.as_deref() else {
            continue;
        };
        // A provincial regulation is judged only for an agency of its province.
        if st.versions(law).is_empty() || !applies_in(ctx, law, province) {
            continue;
        }
        let procedural = st.is_procedural(law);
        let date = if procedural { decided.or(act) } else { act };
        let date = date?;
        let Some(version) = st.version_on(law, date) else {
            continue;
        };
        // 从旧兼从轻 exists from 2021-07-15 (行政处罚法 2021 art. 37; the old law had none).
        let later = match (decided, procedural) {
            (Some(d), false) if cutover.is_none_or(|c| d >= c) => {
                st.version_on(law, d).filter(|w| w.id != version.id)
            }
            _ => None,
        };
        let shape = st.structure(law, &version.id, c.article);
        let exists = shape
            .as_ref()
            .is_some_and(|s| s.contains(c.paragraph, c.item));
        let provision = if exists {
            st.provision(law, &version.id, c.article, c.paragraph, c.item)
        } else {
            None
        };
        out.push(Cited {
            cite: c.clone(),
            at: at.clone(),
            law: law.to_string(),
            version,
            later,
            shape,
            exists,
            provision,
        });
    }
    Some(out)
}

/// The common start of the statute rules: the decision's basis read and judged against the
/// version that applies. `None` (after recording "not checkable" where an input is unknown)
/// when there is nothing to judge.
pub fn read_judged<'c, 'k>(
    case: &'c Case,
    ctx: &Ctx<'k>,
    info: &Info,
    out: &mut Emitter,
) -> Option<(Reading<'c>, Shared<Cited<'k>>)> {
    let r = match read(case, ctx) {
        Read::Unknown => {
            out.not_checkable(info, "处罚依据");
            return None;
        }
        Read::Read(r) => r,
        _ => return None,
    };
    let Some(cited) = judge(case, &r, ctx) else {
        out.not_checkable(info, "违法日期");
        return None;
    };
    Some((r, cited))
}

/// The party kind as the statute tables name it, if known.
pub fn party_kind(case: &Case) -> Option<&'static str> {
    case.party.kind.value().map(|k| k.as_str())
}

/// The party kind in the run's language.
pub fn party_label(kind: Option<&str>, lang: Lang) -> &'static str {
    match kind {
        Some("unit") => lang.pick("单位", "unit"),
        Some("individual") => lang.pick("个人", "individual"),
        Some("persons") => lang.pick("直接责任人员", "responsible persons"),
        _ => lang.pick("当事人", "party"),
    }
}

/// The limbs of a provision that can apply to the party (every limb when the kind is unknown).
pub fn limbs<'p>(p: &'p Provision, kind: Option<&'p str>) -> Vec<&'p Limb> {
    match kind {
        Some(k) => p.limbs_for(k).collect(),
        None => p.limbs.iter().collect(),
    }
}

/// The fine ranges a provision allows the party.
pub fn fine_ranges(p: &Provision, kind: Option<&str>) -> Vec<FineRange> {
    limbs(p, kind).iter().filter_map(|l| l.fine).collect()
}

/// The limbs that can apply to the party once the facts pick among tiers of conduct
/// (`when = variant` limbs with `facts` phrases: 消防法 2021 69¶1 虚假文件 / 不具备从业条件
/// 50,000–100,000 against 不按照国家标准、行业标准 ≤ 50,000). Facts naming one tier keep it and
/// drop the others; facts naming none or several (or no facts) keep every tier.
pub fn limbs_by_facts<'p>(
    p: &'p Provision,
    kind: Option<&'p str>,
    facts: Option<&str>,
) -> Vec<&'p Limb> {
    let all = limbs(p, kind);
    let Some(facts) = facts else { return all };
    let facts = crate::text::normalize(facts);
    let tiered = |l: &Limb| l.when == crate::law::statutes::When::Variant && !l.facts.is_empty();
    let named = |l: &Limb| l.facts.iter().any(|f| facts.contains(f.as_str()));
    let tiers: Vec<&&Limb> = all.iter().filter(|l| tiered(l)).collect();
    let picked = tiers.iter().filter(|l| named(l)).count();
    if picked == 0 || picked == tiers.len() {
        return all;
    }
    // Both tiers named (e.g. facts quoting both limbs) leave both open: count distinct
    // phrase sets among the picked limbs against all tier phrase sets.
    let sets = |it: &mut dyn Iterator<Item = &&&Limb>| {
        let mut v: Vec<&Vec<String>> = it.map(|l| &l.facts).collect();
        v.sort();
        v.dedup();
        v.len()
    };
    let all_sets = sets(&mut tiers.iter());
    let picked_sets = sets(&mut tiers.iter().filter(|l| named(l)));
    if picked_sets == all_sets {
        return all;
    }
    all.into_iter().filter(|l| !tiered(l) || named(l)).collect()
}

/// The fine ranges the party's limbs allow once the facts pick the tier ([`limbs_by_facts`]).
pub fn fine_ranges_by_facts(
    p: &Provision,
    kind: Option<&str>,
    facts: Option<&str>,
) -> Vec<FineRange> {
    limbs_by_facts(p, kind, facts)
        .iter()
        .filter_map(|l| l.fine)
        .collect()
}

/// The case's 违法事实, if the export carries them.
pub fn facts_of(case: &Case) -> Option<&str> {
    case.violation.facts.value().map(String::as_str)
}

/// `《消防法》(2021) 第六十条第一款第三项` / `Fire Law (2021) art. 60 ¶1 (3)`.
pub fn place_label(
    ctx: &Ctx,
    law: &str,
    version: &str,
    article: u32,
    paragraph: Option<u32>,
    item: Option<u32>,
) -> String {
    let known = ctx.kb.laws.get(law);
    match ctx.lang {
        Lang::Zh => {
            let name = known
                .map(|l| l.display_name().to_string())
                .unwrap_or_else(|| law.into());
            let mut s = format!("《{name}》({version}) 第{}条", to_cn_numeral(article));
            if let Some(p) = paragraph {
                s.push_str(&format!("第{}款", to_cn_numeral(p)));
            }
            if let Some(i) = item {
                s.push_str(&format!("第{}项", to_cn_numeral(i)));
            }
            s
        }
        Lang::En => {
            let name = known.map(|l| l.en.clone()).unwrap_or_else(|| law.into());
            let mut s = format!("{name} ({version}) art. {article}");
            if let Some(p) = paragraph {
                s.push_str(&format!(" ¶{p}"));
            }
            if let Some(i) = item {
                s.push_str(&format!(" ({i})"));
            }
            s
        }
    }
}

/// `《消防法》(2021)` / `Fire Law (2021)`.
pub fn law_label(ctx: &Ctx, law: &str, version: &str) -> String {
    let known = ctx.kb.laws.get(law);
    match ctx.lang {
        Lang::Zh => format!(
            "《{}》({version})",
            known.map(|l| l.display_name()).unwrap_or(law)
        ),
        Lang::En => format!(
            "{} ({version})",
            known.map(|l| l.en.as_str()).unwrap_or(law)
        ),
    }
}

/// A number as the message language writes a provision's number: 八 / 8.
pub fn num(ctx: &Ctx, n: u32) -> String {
    match ctx.lang {
        Lang::Zh => to_cn_numeral(n),
        Lang::En => n.to_string(),
    }
}

/// The label of a provision row in a version.
pub fn provision_label(ctx: &Ctx, p: &Provision, version: &str) -> String {
    place_label(ctx, &p.law, version, p.article, p.paragraph, p.item)
}

/// `5,000–50,000 元` / `500 元以下` (or in English).
pub fn range_text(r: FineRange, lang: Lang) -> String {
    let (lo, hi) = (
        Money::yuan(r.min_yuan as i64),
        Money::yuan(r.max_yuan as i64),
    );
    match (lang, r.min_yuan) {
        (Lang::Zh, 0) => format!("{hi} 元以下"),
        (Lang::Zh, _) if r.min_yuan == r.max_yuan => format!("{lo} 元"),
        (Lang::Zh, _) => format!("{lo}–{hi} 元"),
        (Lang::En, 0) => format!("up to {hi} yuan"),
        (Lang::En, _) if r.min_yuan == r.max_yuan => format!("{lo} yuan"),
        (Lang::En, _) => format!("{lo}–{hi} yuan"),
    }
}

/// Several ranges joined: `5,000–50,000 元 或 500–2,000 元`.
pub fn ranges_text(rs: &[FineRange], lang: Lang) -> String {
    rs.iter()
        .map(|r| range_text(*r, lang))
        .collect::<Vec<_>>()
        .join(lang.pick("或", " or "))
}

/// A penalty kind's name in the run's language.
pub fn kind_label(k: PenaltyKind, lang: Lang) -> String {
    match lang {
        Lang::Zh => k.label_zh().to_string(),
        Lang::En => k.as_str().replace('_', " "),
    }
}

/// The decision's penalty kinds that the statute tables know, in order, without repeats.
pub fn imposed_kinds(case: &Case) -> Vec<PenaltyKind> {
    let mut out: Vec<PenaltyKind> = Vec::new();
    for k in case.penalty_kinds() {
        if let Some(k) = PenaltyKind::parse(k) {
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    fn ctx(lang: Lang) -> Ctx<'static> {
        Ctx::new(lang, kb())
    }

    #[test]
    fn labels_name_law_version_and_place() {
        let c = ctx(Lang::Zh);
        assert_eq!(
            place_label(&c, "fire_law", "2021", 60, Some(1), Some(3)),
            "《消防法》(2021) 第六十条第一款第三项"
        );
        let e = ctx(Lang::En);
        assert_eq!(
            place_label(&e, "fire_law", "2019", 64, None, Some(2)),
            "Fire Law (2019) art. 64 (2)"
        );
        let r = FineRange {
            min_yuan: 5000,
            max_yuan: 50000,
        };
        assert_eq!(range_text(r, Lang::Zh), "5,000–50,000 元");
        let r = FineRange {
            min_yuan: 0,
            max_yuan: 500,
        };
        assert_eq!(range_text(r, Lang::En), "up to 500 yuan");
    }

    /// What a reading and judgement say, to compare a memoized answer with a fresh one.
    fn summary(case: &Case, c: &Ctx) -> String {
        let r = match read(case, c) {
            Read::NoDecision => return "no decision".into(),
            Read::Unknown => return "unknown".into(),
            Read::Empty(_, at) => return format!("empty at {at:?}"),
            Read::Read(r) => r,
        };
        let judged = judge(case, &r, c).map(|cs| {
            cs.iter()
                .map(|x| {
                    format!(
                        "{} {:?} {} {:?} {} {:?} {:?}",
                        x.label(c),
                        x.at,
                        x.version.id,
                        x.later.map(|v| &v.id),
                        x.exists,
                        x.shape,
                        x.provision.map(|p| &p.key)
                    )
                })
                .collect::<Vec<_>>()
        });
        format!(
            "{:?} | {:?} | {:?} | {judged:?}",
            r.citations
                .iter()
                .map(|(c, at)| (&c.text, at))
                .collect::<Vec<_>>(),
            r.laws_without_article.to_vec(),
            r.unparsed.to_vec(),
        )
    }

    /// One context reading case after case (as a scan does) answers each as a fresh context
    /// would: the memo is keyed by the basis texts, places and dates, so neighbours with the
    /// same basis but other dates, places or decisions do not leak into each other.
    #[test]
    fn memo_answers_as_a_fresh_context() {
        let basis = "《中华人民共和国消防法》第五十八条第一款第四项、《中华人民共和国行政处罚法》第二十八条";
        let make = |act: &str, decided: &str, basis: &str| {
            CaseBuilder::general("X")
                .violation(act, None, None)
                .decision("decision", decided, &[("fine", Some(30000))])
                .basis(basis)
                .build()
        };
        let cases = [
            make("2020-11-20", "2021-08-04", basis),
            make("2022-03-01", "2022-05-04", basis),
            make("2020-11-20", "2021-08-04", basis),
            make("2020-11-20", "2021-03-04", basis),
            make(
                "2020-11-20",
                "2021-08-04",
                "《中华人民共和国消防法》第六十条第一款第三项",
            ),
            make("2020-11-20", "2021-08-04", "《消防法》相关规定；第九百条"),
            make("2020-11-20", "2021-08-04", "   "),
            make("2020-11-20", "2021-08-04", basis),
        ];
        for lang in [Lang::Zh, Lang::En] {
            let shared = ctx(lang);
            for round in 0..2 {
                for (i, case) in cases.iter().enumerate() {
                    let fresh = summary(case, &ctx(lang));
                    assert_eq!(summary(case, &shared), fresh, "case {i}, round {round}");
                    // Asked twice in a row (every statute rule does), still the same.
                    assert_eq!(summary(case, &shared), fresh, "case {i} again");
                }
            }
        }
        // The memo does answer from its store: the same reading for the same inputs.
        let c = ctx(Lang::Zh);
        let (Read::Read(a), Read::Read(b)) = (read(&cases[0], &c), read(&cases[2], &c)) else {
            panic!()
        };
        assert!(a.citations.same(&b.citations));
    }

    /// A case with neither violation nor decision date is judged in every version: a fine of
    /// 5,000 under 58¶1(四) (30,000–300,000 in every text) is reported and says so; a provision
    /// whose answer differs between versions stays not checkable.
    #[test]
    fn undated_cases_judged_when_every_version_agrees() {
        use crate::rules::Check;
        let undated = |basis: &str, pens: &[(&str, Option<i64>)]| {
            CaseBuilder::general("X")
                .party(Some(crate::model::PartyKind::Unit))
                .decision("decision", "2022-01-01", pens)
                .basis(basis)
                .with(|c| {
                    for d in c.documents.iter_mut() {
                        d.date = Field::Absent;
                    }
                })
                .build()
        };
        let p = "《中华人民共和国消防法》第五十八条第一款第四项";
        let case = undated(p, &[("suspend_business", None), ("fine", Some(5000))]);
        let e = run(&crate::rules::l005_fine_out_of_range::CHECK, &case);
        assert_eq!(e.findings.len(), 1, "{:?}", e);
        assert!(
            e.findings[0].message.contains("各版本中结论相同"),
            "{}",
            e.findings[0].message
        );
        let case = undated(p, &[("suspend_business", None), ("fine", Some(50000))]);
        let e = run(&crate::rules::l005_fine_out_of_range::CHECK, &case);
        assert!(e.findings.is_empty());
        // 69¶1: a 20,000 fine on a service agency fits the 2021 lower tier only.
        let case = undated(
            "《中华人民共和国消防法》第六十九条第一款",
            &[("fine", Some(20000))],
        );
        let e = run(&crate::rules::l005_fine_out_of_range::CHECK, &case);
        assert!(e.findings.is_empty(), "{:?}", e.findings);
        assert!(e.not_checkable.iter().any(|(c, _)| *c == "L005"));
        let _ = crate::rules::l005_fine_out_of_range::CHECK.info();
    }

    #[test]
    fn version_follows_act_date_and_lighter_later_law() {
        let c = ctx(Lang::Zh);
        let case = CaseBuilder::general("X")
            .violation("2020-11-20", None, None)
            .decision("decision", "2021-08-04", &[("fine", Some(30000))])
            .basis("《中华人民共和国消防法》第五十八条第一款第四项、《中华人民共和国行政处罚法》第二十八条")
            .build();
        let Read::Read(r) = read(&case, &c) else {
            panic!()
        };
        let cited = judge(&case, &r, &c).unwrap();
        assert_eq!(cited.len(), 2);
        assert_eq!(cited[0].version.id, "2019");
        assert_eq!(cited[0].later.map(|v| v.id.as_str()), Some("2021"));
        assert!(cited[0].provision.is_some());
        // The 行政处罚法 follows the decision date and has no 从旧兼从轻 partner.
        assert_eq!(cited[1].version.id, "2021");
        assert!(cited[1].later.is_none());
    }
}
