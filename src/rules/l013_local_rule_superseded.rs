//! L013 local-rule-superseded: a penalty under a 河南省消防条例 provision for conduct that the
//! 消防法 already penalises. 条例 art. 69: 违反本条例规定，法律、法规已有处罚规定的，从其规定 —
//! the higher law's provision applies instead. Which provisions overlap, for which party, and
//! why is a per-provision table in the statute data (`[[provisions.overlaps]]` of
//! `checks/statutes/henan_fire_reg.toml`), never guessed: an individual's 过失引起火灾 fined under
//! 条例 74 is 消防法 64(二)'s. 条例 70¶2 (the unit fine for art. 13/14 duties) is not an overlap:
//! 消防法 67 has no fine for art. 16 duties.
//!
//! Provincial law applies only to Henan agencies (agency name or the `jurisdiction.province`
//! setting); elsewhere, or with an unknown province, the rule says nothing.

use super::basis::{party_kind, place_label, read_judged};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::statutes::ProvisionKind;
use crate::model::Case;

pub static INFO: Info = Info {
    code: "L013",
    name: "local-rule-superseded",
    severity: Severity::Warning,
    category: Category::Law,
    title: Tr {
        zh: "适用地方性法规而法律已有处罚规定",
        en: "Local regulation applied where the law already penalises",
    },
    basis: Tr {
        zh: "《河南省消防条例》第六十九条；《立法法》关于上位法优先的规定",
        en: "Henan Fire Regulations art. 69; precedence of higher law",
    },
    what: Tr {
        zh: "依据《河南省消防条例》的罚则处罚，而同一行为《消防法》已规定了处罚（条例第六十九条：法律、法规已有处罚规定的，从其规定）。哪些条款与《消防法》重合、对哪类当事人重合及理由，逐条列在 checks/statutes/henan_fire_reg.toml 中，例如个人过失引起火灾依据条例第七十四条罚款（应依《消防法》第六十四条第（二）项）。条例第七十条第二款（单位未履行第十三条、第十四条职责的罚款）不属重合：《消防法》第六十七条对此没有罚款。只适用于河南省的执法机关。",
        en: "A penalty under a Henan Fire Regulations provision for conduct the Fire Law already penalises (art. 69: where a law or regulation already provides a penalty, it applies). Which provisions overlap, for which party, and why is listed per provision in checks/statutes/henan_fire_reg.toml; e.g. an individual fined under art. 74 for negligently causing a fire (Fire Law art. 64 (2) applies). Art. 70 ¶2 (a unit's fine for art. 13/14 duties) is not an overlap: Fire Law art. 67 has no fine for them. Henan agencies only.",
    },
    why: Tr {
        zh: "地方性法规自身规定法律已有处罚的，从其规定；适用条例而不适用法律，属适用依据不当，处罚种类和幅度也可能不同。",
        en: "The regulation itself defers to the law where the law already penalises; applying the regulation instead misapplies the basis, often with another kind or range of penalty.",
    },
    example: Tr {
        zh: "个人过失引起火灾，依据《河南省消防条例》第七十四条罚款 10,000 元。",
        en: "An individual negligently causing a fire fined 10,000 yuan under Henan Fire Regulations art. 74.",
    },
    fix: Tr {
        zh: "改依《消防法》相应条款处罚（如第六十四条第（二）项），在其幅度内裁量。",
        en: "Penalise under the Fire Law provision (e.g. art. 64 (2)) within its range.",
    },
    settings: &["jurisdiction.province"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        super::basis::every_version(case, ctx, &INFO, out, |out| {
            self.check_dated(case, ctx, out)
        });
    }
}

impl Rule {
    fn check_dated(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let Some((_, cited)) = read_judged(case, ctx, &INFO, out) else {
            return;
        };
        let pk = party_kind(case);
        for c in cited.iter() {
            let Some(p) = c.provision else { continue };
            if p.kind != ProvisionKind::Penalty || p.overlaps.is_empty() {
                continue;
            }
            let Some(pk) = pk else {
                out.not_checkable(&INFO, "当事人类型");
                continue;
            };
            for o in p.overlaps.iter().filter(|o| o.party.covers(pk)) {
                // The higher law in force on the same date; its label as numbered then.
                let date = case
                    .decision()
                    .and_then(|d| super::basis::act_date_in(case, d, ctx))
                    .unwrap_or(c.version.in_force);
                let higher = ctx
                    .kb
                    .statutes
                    .version_on(&o.law, date)
                    .map(|v| v.id.clone())
                    .unwrap_or_default();
                let label = place_label(ctx, &o.law, &higher, o.article, o.paragraph, o.item);
                out.push(
                    &INFO,
                    ctx,
                    case,
                    c.at.clone(),
                    "superseded",
                    crate::msg!(
                        ctx,
                        "{}：{}；《河南省消防条例》第六十九条规定法律、法规已有处罚规定的从其规定，应依据{}处罚",
                        "{}: {}; Henan Fire Regulations art. 69 defers to the higher law: penalise under {}",
                        c.label(ctx),
                        o.reason,
                        label
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;
    use crate::rules::testutil::*;

    fn c(agency: Option<&str>, party: PartyKind, basis: &str) -> Case {
        let b = CaseBuilder::general("X")
            .party(Some(party))
            .violation("2022-03-07", None, None)
            .decision("decision", "2022-03-22", &[("fine", Some(10000))])
            .basis(basis);
        match agency {
            Some(a) => b.agency(a).build(),
            None => b.build(),
        }
    }

    #[test]
    fn overlap_table() {
        let hn = Some("开封市消防救援支队");
        use PartyKind::*;
        expect_table(
            &CHECK,
            vec![
                (
                    "individual under 74",
                    c(hn, Individual, "《河南省消防条例》第七十四条"),
                    1,
                    0,
                ),
                (
                    "unit under 74",
                    c(hn, Unit, "《河南省消防条例》第七十四条"),
                    0,
                    0,
                ),
                (
                    "unit under 70¶2",
                    c(hn, Unit, "《河南省消防条例》第七十条第二款"),
                    0,
                    0,
                ),
                (
                    "individual under 74, agency of another province",
                    c(
                        Some("南京市消防救援支队"),
                        Individual,
                        "《河南省消防条例》第七十四条",
                    ),
                    0,
                    0,
                ),
                (
                    "individual under 74, province unknown",
                    c(None, Individual, "《河南省消防条例》第七十四条"),
                    0,
                    0,
                ),
            ],
        );
        let e = run(&CHECK, &c(hn, Individual, "《河南省消防条例》第七十四条"));
        let m = &messages(&e)[0];
        assert!(m.contains("《消防法》(2021) 第六十四条第二项"), "{m}");
        assert!(!m.contains("DERIVED"), "{m}");
    }
}
