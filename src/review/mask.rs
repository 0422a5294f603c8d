//! `--mask`: hides personal data in outputs meant for other brigades (review.md, "Privacy").
//!
//! Personal data here is a natural person's name (an individual party, a unit's legal
//! representative, an enforcement officer) and a citizen ID number. A unit's name and its
//! unified social credit code are not personal data and are kept, so a reviewer can still tell
//! the cases apart.
//!
//! The findings carry no list of the names they mention, so the scan is run with a
//! [`Collector`] among its checks: it emits nothing and records, per file, the personal names
//! and ID numbers each case holds. [`apply`] then replaces those strings (per file, so the cost
//! stays linear in the findings) in every finding's message and subject and in the case
//! summaries, and masks anything shaped like a citizen ID number wherever it appears.
//!
//! Masking the subject changes the fingerprint of a finding whose subject is a name (S002's
//! officer): intended, since the hash of a short name is itself personal data.

use crate::finding::{Category, Severity};
use crate::law::ids::{check_id_number, normalize_id_number};
pub use crate::law::ids::{mask_id, mask_id_numbers, mask_name};
use crate::model::run::ScanResult;
use crate::model::{Case, PartyKind};
use crate::rules::{Check, Ctx, Emitter, Info, Tr};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// The personal data found in the scanned cases, by file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Personal {
    /// File → personal names in it.
    pub names: BTreeMap<String, BTreeSet<String>>,
    /// File → ID numbers in it (as written).
    pub ids: BTreeMap<String, BTreeSet<String>>,
}

impl Personal {
    /// Records what `case` holds.
    pub fn add_case(&mut self, case: &Case) {
        let names = self.names.entry(case.file.clone()).or_default();
        let mut name = |n: &str| {
            let n = n.trim();
            // A one-character "name" would mask every occurrence of a common character.
            if n.chars().count() >= 2 {
                names.insert(n.to_string());
            }
        };
        let party = &case.party;
        let personal_party = match party.kind.value() {
            Some(PartyKind::Individual) => true,
            Some(PartyKind::Unit) => false,
            // Unknown kind: a credit code means a unit; otherwise a person unless the name
            // reads like a unit's (masking a unit by mistake costs less than leaking a person).
            None => {
                party.credit_code.value().is_none()
                    && party
                        .name
                        .value()
                        .is_some_and(|n| party.id_number.value().is_some() || !looks_like_unit(n))
            }
        };
        if personal_party {
            if let Some(n) = party.name.value() {
                name(n);
            }
        }
        if let Some(r) = party.representative.value() {
            name(r);
        }
        for o in case.officers.value().into_iter().flatten() {
            name(&o.name);
        }
        for d in &case.documents {
            for o in d.officers.iter().flatten() {
                name(&o.name);
            }
        }
        if let Some(id) = party.id_number.value() {
            if !id.trim().is_empty() {
                self.ids
                    .entry(case.file.clone())
                    .or_default()
                    .insert(id.trim().to_string());
            }
        }
    }

    /// Masks the personal data of `file` and every ID-shaped number in `text`.
    pub fn mask_text(&self, file: &str, text: &str) -> String {
        let mut out = text.to_string();
        if let Some(ids) = self.ids.get(file) {
            for id in ids {
                if out.contains(id.as_str()) {
                    out = out.replace(id.as_str(), &mask_id(id));
                }
            }
        }
        if let Some(names) = self.names.get(file) {
            // Longest first, so 欧阳娜娜 is masked whole before a shorter name inside it.
            let mut v: Vec<&String> = names.iter().collect();
            v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
            for n in v {
                if out.contains(n.as_str()) {
                    out = out.replace(n.as_str(), &mask_name(n));
                }
            }
        }
        mask_id_numbers(&out)
    }

    /// Whether `s` is personal data recorded for `file`.
    fn is_personal(&self, file: &str, s: &str) -> bool {
        self.names.get(file).is_some_and(|n| n.contains(s.trim()))
            || self.ids.get(file).is_some_and(|n| n.contains(s.trim()))
    }
}

/// Words that end (or appear in) a unit's name.
fn looks_like_unit(name: &str) -> bool {
    const UNIT: [&str; 24] = [
        "公司", "店", "厂", "中心", "部", "所", "院", "校", "馆", "场", "行", "社", "会", "局",
        "委", "队", "站", "园", "超市", "酒店", "宾馆", "网吧", "集团", "银行",
    ];
    name.chars().count() > 4 || UNIT.iter().any(|u| name.contains(u))
}

/// Masks personal data in a finished scan: findings' messages and subjects, and the case
/// summaries' party (an ID number or a person's name; a credit code or a unit's name stays).
pub fn apply(result: &mut ScanResult, personal: &Personal) {
    for f in &mut result.findings {
        f.message = personal.mask_text(&f.file, &f.message);
        f.subject = personal.mask_text(&f.file, &f.subject);
        if let Some(w) = &f.waived {
            f.waived = Some(personal.mask_text(&f.file, w));
        }
    }
    let masked = result.cases.iter().map(|mut c| {
        if let Some(p) = &c.party {
            let masked = if personal.is_personal(&c.file, p) {
                if check_id_number(p).is_ok()
                    || personal
                        .ids
                        .get(&c.file)
                        .is_some_and(|ids| ids.contains(p.trim()))
                {
                    mask_id(&normalize_id_number(p))
                } else {
                    mask_name(p)
                }
            } else {
                mask_id_numbers(p)
            };
            c.party = Some(masked);
        }
        c
    });
    result.cases = masked.collect();
}

/// The internal "check" that records personal data during the scan; it never emits a finding.
pub static COLLECTOR_INFO: Info = Info {
    code: "R000",
    name: "personal-data-collector",
    severity: Severity::Info,
    category: Category::Document,
    title: Tr {
        zh: "（内部）收集需遮蔽的个人信息",
        en: "(internal) collects personal data to mask",
    },
    basis: Tr {
        zh: "无",
        en: "none",
    },
    what: Tr {
        zh: "记录案件中的个人姓名和身份证号，供 --mask 遮蔽。",
        en: "Records personal names and ID numbers for --mask.",
    },
    why: Tr {
        zh: "互查材料发给其他大队，个人信息应遮蔽。",
        en: "Cross-check material goes to other brigades; personal data is masked.",
    },
    example: Tr {
        zh: "张三 → 张*",
        en: "张三 → 张*",
    },
    fix: Tr {
        zh: "无需整改。",
        en: "Nothing to fix.",
    },
    settings: &[],
    source: "built-in",
};

/// Put among the scan's checks to gather [`Personal`] data (see the module doc).
#[derive(Debug, Default)]
pub struct Collector {
    seen: Mutex<Personal>,
}

impl Collector {
    /// What was collected so far.
    pub fn personal(&self) -> Personal {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Check for Collector {
    fn info(&self) -> &Info {
        &COLLECTOR_INFO
    }
    fn check(&self, case: &Case, _ctx: &Ctx, _out: &mut Emitter) {
        self.seen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .add_case(case);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, Place};
    use crate::model::run::CaseSummary;
    use crate::model::{Field, Officer};

    fn case(file: &str) -> Case {
        Case::new(file, crate::model::SourceKind::Xml, Place::File)
    }

    fn v<T>(value: T) -> Field<T> {
        Field::Value {
            value,
            at: Place::File,
        }
    }

    #[test]
    fn collects_people_not_units() {
        let mut c = case("a.xml");
        c.party.kind = v(PartyKind::Unit);
        c.party.name = v("开封市万家乐购物中心有限公司".into());
        c.party.representative = v("蒋某某".into());
        c.officers = v(vec![
            Officer {
                name: "张某".into(),
                cert: Some("1".into()),
                at: Place::File,
            },
            Officer {
                name: "王".into(),
                cert: None,
                at: Place::File,
            },
        ]);
        let mut p = Personal::default();
        p.add_case(&c);
        let mut i = case("b.xml");
        i.party.name = v("欧阳娜娜".into());
        i.party.id_number = v("410102199001011239".into());
        p.add_case(&i);
        assert_eq!(
            p.names["a.xml"],
            BTreeSet::from(["蒋某某".to_string(), "张某".to_string()])
        );
        assert_eq!(p.names["b.xml"], BTreeSet::from(["欧阳娜娜".to_string()]));
        assert_eq!(
            p.mask_text(
                "a.xml",
                "执法人员张某、法定代表人蒋某某；开封市万家乐购物中心有限公司"
            ),
            "执法人员张*、法定代表人蒋**；开封市万家乐购物中心有限公司"
        );
        // Names are masked only in their own file's findings.
        assert_eq!(p.mask_text("b.xml", "张某"), "张某");
    }

    #[test]
    fn apply_masks_findings_and_parties() {
        let mut r = ScanResult::default();
        let f = Finding {
            code: "S002".into(),
            severity: Severity::Warning,
            category: Category::Subject,
            case_no: Some("X".into()),
            file: "b.xml".into(),
            place: Place::line(3, 1),
            message: "执法人员“欧阳娜娜”没有执法证号，当事人 410102199001011239".into(),
            basis: String::new(),
            help: String::new(),
            subject: "欧阳娜娜".into(),
            waived: None,
            evidence: Default::default(),
        };
        r.findings.push(f);
        let summary = |file: &str, party: &str| CaseSummary {
            file: file.into(),
            at: Place::File,
            source: crate::model::SourceKind::Xml,
            case_no: Some("X".into()),
            brigade: "甲".into(),
            agency: None,
            decision_no: None,
            decided_on: None,
            party: Some(party.into()),
            violation_date: None,
            bases: vec![],
            fine: None,
            procedure_summary: false,
            coverage: Default::default(),
        };
        r.cases.push(summary("b.xml", "410102199001011239"));
        r.cases.push(summary("c.xml", "91410204MA4437767A"));
        r.cases.push(summary("d.xml", "李四"));
        r.cases.push(summary("e.xml", "开封市某某有限公司"));
        let mut p = Personal::default();
        p.names
            .entry("b.xml".into())
            .or_default()
            .insert("欧阳娜娜".into());
        p.ids
            .entry("b.xml".into())
            .or_default()
            .insert("410102199001011239".into());
        p.names
            .entry("d.xml".into())
            .or_default()
            .insert("李四".into());
        let before = r.findings[0].fingerprint();
        apply(&mut r, &p);
        assert_eq!(
            r.findings[0].message,
            "执法人员“欧***”没有执法证号，当事人 4101**********1239"
        );
        assert_eq!(r.findings[0].subject, "欧***");
        assert_ne!(r.findings[0].fingerprint(), before);
        let parties: Vec<String> = r.cases.iter().map(|c| c.party.unwrap()).collect();
        assert_eq!(
            parties,
            [
                "4101**********1239",
                "91410204MA4437767A",
                "李*",
                "开封市某某有限公司"
            ]
        );
    }
}
