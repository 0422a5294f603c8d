//! S002 officer-without-certificate: an officer recorded with no enforcement certificate number
//! (行政处罚法 42; 消防救援机构办理行政案件程序规定 art. 3).
//!
//! An XML `<Officer>` without `certNo` is evidence. A ledger row whose officers all lack
//! numbers may simply have no 执法证号 column, so that case is "not checkable"; once the row
//! gives any number, the officers without one are findings.

use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::{Case, Officer};

pub static INFO: Info = Info {
    code: "S002",
    name: "officer-without-certificate",
    severity: Severity::Error,
    category: Category::Subject,
    title: Tr { zh: "执法人员无执法证号", en: "Officer without certificate number" },
    basis: Tr {
        zh: "《行政处罚法》第四十二条；《消防救援机构办理行政案件程序规定》第三条（依据二手资料，未核对原文）",
        en: "Administrative Penalty Law art. 42; Fire Rescue Procedure Rule art. 3 (from secondary sources, not checked against the text)",
    },
    what: Tr {
        zh: "案件或笔录登记的执法人员没有执法证件号码。",
        en: "An officer on the case or on a record has no enforcement certificate number.",
    },
    why: Tr {
        zh: "行政处罚应当由具有行政执法资格的执法人员实施；没有执法证号无法证明其执法资格，文员、辅助人员不能作为执法人员。",
        en: "Penalties must be imposed by officers qualified for enforcement; without a certificate number the qualification cannot be shown, and clerks or auxiliary staff are not officers.",
    },
    example: Tr {
        zh: "<Officer>王某</Officer>（无 certNo 属性）。",
        en: "<Officer>王某</Officer> (no certNo attribute).",
    },
    fix: Tr {
        zh: "补记该执法人员的执法证号；该人员无执法资格的，其参与的调查取证应由持证人员重新进行。",
        en: "Add the officer's certificate number; if the person holds none, the investigation they took part in must be redone by certified officers.",
    },
    settings: &[],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let mut lists: Vec<&[Officer]> = Vec::new();
        if let Some(v) = case.officers.value() {
            lists.push(v);
        }
        for d in &case.documents {
            if let Some(v) = &d.officers {
                lists.push(v);
            }
        }
        if lists.iter().all(|l| l.is_empty()) {
            out.not_checkable(&INFO, "执法人员");
            return;
        }
        // Only an export that carries certificate numbers can show one missing: a case whose
        // officers carry none at all (a ledger without the column, an XML export that never
        // writes certNo) leaves it unknown. Export-wide inference may widen this.
        if lists
            .iter()
            .flat_map(|l| l.iter())
            .all(|o| o.cert.is_none())
        {
            out.not_checkable(&INFO, "执法证号");
            return;
        }
        let mut seen: Vec<&str> = Vec::new();
        for o in lists.iter().flat_map(|l| l.iter()) {
            if o.cert.is_some() || seen.contains(&o.name.as_str()) {
                continue;
            }
            seen.push(&o.name);
            out.push(
                &INFO,
                ctx,
                case,
                o.at.clone(),
                o.name.clone(),
                crate::msg!(
                    ctx,
                    "执法人员“{}”没有执法证号",
                    "officer `{}` has no enforcement certificate number",
                    o.name
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    #[test]
    fn certificates_table() {
        let ledger =
            |list: &[(&str, Option<&str>)]| CaseBuilder::ledger("L", &[]).officers(list).build();
        let cases: Vec<(&str, Case, usize, usize)> = vec![
            ("both certified", clean_general().build(), 0, 0),
            (
                "xml: one without",
                clean_general()
                    .officers(&[("李某", Some("1")), ("王某", None)])
                    .build(),
                1,
                0,
            ),
            (
                "xml: none certified: the export may not carry numbers",
                clean_general()
                    .officers(&[("李某", None), ("王某", None)])
                    .build(),
                0,
                1,
            ),
            (
                "ledger: no numbers at all → unknown column",
                ledger(&[("李某", None), ("王某", None)]),
                0,
                1,
            ),
            (
                "ledger: one of two numbers",
                ledger(&[("李某", Some("1")), ("王某", None)]),
                1,
                0,
            ),
            ("no officers known", CaseBuilder::general("X").build(), 0, 1),
            (
                "record officer without cert",
                clean_general()
                    .doc_with("inquiry", "2022-03-04", |d| {
                        d.officers = Some(officers(&[("赵某", None), ("李某", Some("1"))]))
                    })
                    .build(),
                1,
                0,
            ),
        ];
        for (name, case, hits, nc) in cases {
            let e = run(&CHECK, &case);
            assert_eq!(e.findings.len(), hits, "{name}: {:?}", messages(&e));
            assert_eq!(e.not_checkable.len(), nc, "{name}");
        }
    }
}
