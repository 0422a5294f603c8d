//! The statute file format (see checks/statutes/README.md) and its validation: a file is
//! checked field by field and turned into a [`Law`], every error with file:line:col. Uses
//! only the table types and the foundation.

use super::*;
use crate::data::DataError;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
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

pub(super) fn convert_file(
    file: &str,
    text: &str,
    raw: RawFile,
    errors: &mut Vec<DataError>,
) -> Option<Law> {
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
