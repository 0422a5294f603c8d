//! The decision reader on the decision fixtures (`fixtures/decisions`).

use super::*;

/// Every clean fixture decision gives its essential fields (a clean result must not come
/// from fields the reader missed).
#[test]
fn clean_fixtures_read_in_full() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/decisions/clean");
    let aliases = Aliases::shipped();
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "txt" && ext != "docx" {
            continue;
        }
        seen += 1;
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        let (c, out) =
            crate::read::read_decision(&path, &bytes, &name, &aliases, Lang::Zh, 1 << 26)
                .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(out.is_empty(), "{name}: {out:?}");
        let d = &c.documents[0];
        let record = name.contains("双公示记录");
        let ok = [
            ("no", d.no.value().is_some()),
            ("agency", c.agency.value().is_some()),
            ("party", c.party.name.value().is_some()),
            ("kind", c.party.kind.value().is_some()),
            ("facts", c.violation.facts.value().is_some()),
            // A 双公示 record has no field for the violated provision or the remedy:
            // unknown there, not missing.
            (
                "violated",
                c.violation.violated.value().is_some()
                    || (record && matches!(c.violation.violated, Field::Absent)),
            ),
            ("basis", d.basis.value().is_some()),
            ("penalties", d.penalties.value().is_some()),
            (
                "remedy",
                d.remedy.value().is_some() || (record && matches!(d.remedy, Field::Absent)),
            ),
            ("date", d.date.value().is_some()),
        ];
        for (what, has) in ok {
            assert!(has, "{name}: no {what}: {c:#?}");
        }
    }
    assert!(seen >= 4);
}
