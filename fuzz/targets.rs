//! The fuzz targets' bodies, shared by cargo-fuzz (`fuzz/fuzz_targets/*.rs`, nightly, libFuzzer)
//! and by the stable smoke test (`tests/fuzz_smoke.rs`, a deterministic mutation loop), so both
//! exercise exactly the same code and the same invariants. Each body must never panic; the
//! assertions in them are invariants that hold for any input.

#![allow(dead_code)] // each fuzz binary uses one of the bodies

use caselint::finding::Lang;
use caselint::knowledge::Knowledge;
use caselint::rules::read_findings;
use std::sync::OnceLock;

fn kb() -> &'static Knowledge {
    static KB: OnceLock<Knowledge> = OnceLock::new();
    KB.get_or_init(Knowledge::shipped)
}

/// The XML case reader on arbitrary bytes: findings (its diagnostics as the scan reports them)
/// stay on the file, every case carries it.
pub fn xml_reader(data: &[u8]) {
    let reader = caselint::read::xml::XmlReader {
        file: "fuzz.xml",
        aliases: &kb().aliases,
        lang: Lang::En,
    };
    let mut cases = 0usize;
    let findings = reader.read(data, &mut |case, diags| {
        cases += 1;
        assert_eq!(case.file, "fuzz.xml");
        for f in &read_findings(diags, Lang::En, "fuzz.xml") {
            assert_eq!(f.file, "fuzz.xml");
        }
    });
    for f in &read_findings(findings, Lang::En, "fuzz.xml") {
        assert_eq!(f.file, "fuzz.xml");
        assert!(f.code.starts_with('F'), "{}", f.code);
    }
}

/// The value parsers (dates, amounts, booleans, day counts, Excel serials) on arbitrary text.
pub fn values(data: &[u8]) {
    use caselint::read::values::*;
    let text = String::from_utf8_lossy(data);
    let s = text.as_ref();
    if let Ok(d) = parse_date(s) {
        // A date the parser accepts prints and re-parses as itself.
        let again = parse_date(&d.format("%Y-%m-%d").to_string());
        assert_eq!(again.ok(), Some(d), "{s:?}");
    }
    if let Ok(m) = parse_amount(s) {
        assert!(m.0 >= 0, "{s:?} gave a negative amount");
    }
    for unit in [0, 1, 10_000, i64::MAX] {
        let _ = parse_amount_scaled(s, unit);
    }
    let _ = parse_bool(s);
    let _ = parse_days(s);
    let _ = caselint::text::cn_integer(s);
    let _ = caselint::text::normalize(s);
    if data.len() >= 8 {
        let f = f64::from_le_bytes(data[..8].try_into().unwrap_or([0; 8]));
        let _ = excel_serial_to_date(f, false);
        let _ = excel_serial_to_date(f, true);
    }
    if let Err(e) = parse_date(s) {
        let _ = e.message(Lang::Zh);
        let _ = e.message(Lang::En);
    }
}

/// The statute-citation parser on arbitrary text: spans are real char boundaries of the input
/// and cover the text they report.
pub fn citation(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = caselint::law::citation::parse_basis(&text, &kb().laws);
    for c in &parsed.citations {
        let got = text.get(c.span.clone());
        assert_eq!(got, Some(c.text.as_str()), "span {:?} of {text:?}", c.span);
        let _ = c.display_zh_in(&kb().laws);
        let _ = c.display_en_in(&kb().laws);
    }
}

/// The decision-document reader on arbitrary bytes as a `.txt` (and as a `.docx`): a decision-only
/// case or a reason, never a panic; every finding stays on the file.
pub fn decision_reader(data: &[u8]) {
    for name in ["fuzz.txt", "fuzz.docx"] {
        let got = caselint::read::read_decision(
            std::path::Path::new(name),
            data,
            name,
            &kb().aliases,
            Lang::En,
            1 << 20,
        );
        if let Ok((case, diags)) = got {
            assert_eq!(case.file, name);
            assert_eq!(case.documents.len(), 1);
            for f in &read_findings(diags, Lang::En, name) {
                assert_eq!(f.file, name);
            }
        }
    }
}
