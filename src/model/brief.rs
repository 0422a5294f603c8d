//! A [`CaseSummary`] as the case lists of the reports read it: the fields they show, with the
//! rest of the record stepped over. A ledger's 10⁵ records are read back from the spill for
//! the JSON `cases` list; decoding each whole record made a dozen strings per case that nothing
//! read. The skipped fields are walked without being kept (no allocation), so the record still
//! decodes in one pass, front to back, as postcard requires.

use super::coverage::CaseCoverage;
use super::intern::Text;
use super::run::CaseSummary;
use crate::finding::Place;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

/// What a report's case list shows of a case. Decodes from a [`CaseSummary`]'s bytes: the
/// same fields in the same order, those not shown read as [`Skip`] (a test holds the shapes
/// equal).
#[derive(Debug, Clone, Deserialize)]
pub struct CaseBrief {
    pub file: String,
    pub at: Place,
    _source: super::SourceKind,
    pub case_no: Option<String>,
    pub brigade: String,
    _agency: Option<Skip>,
    _decision_no: Option<(Skip, SkipPlace)>,
    _decided_on: Option<Skip>,
    _party: Option<Skip>,
    _violation_date: Option<Skip>,
    _bases: SkipStrs,
    _fine: Option<super::Money>,
    _procedure_summary: bool,
    pub coverage: BriefCoverage,
}

/// The part of [`CaseCoverage`] a case list shows.
#[derive(Debug, Clone, Deserialize)]
pub struct BriefCoverage {
    _export: u32,
    _cohort: u8,
    _written: u16,
    _applies: u16,
    _no_infer: u16,
    /// [`super::ExportField`] bits found missing by inference.
    pub inferred: u16,
    pub decision_only: bool,
    /// (rule code, missing input) for every rule that could not be checked, sorted.
    #[serde(with = "crate::model::intern::pairs")]
    pub unchecked: Vec<(Text, Text)>,
    _facts: SkipBytes,
    /// Other places the same case was read from.
    pub also: Vec<String>,
}

impl CaseBrief {
    /// The brief of a case held in memory.
    pub fn of(c: &CaseSummary) -> CaseBrief {
        CaseBrief {
            file: c.file.clone(),
            at: c.at.clone(),
            _source: c.source,
            case_no: c.case_no.clone(),
            brigade: c.brigade.clone(),
            _agency: None,
            _decision_no: None,
            _decided_on: None,
            _party: None,
            _violation_date: None,
            _bases: SkipStrs,
            _fine: None,
            _procedure_summary: false,
            coverage: BriefCoverage::of(&c.coverage),
        }
    }
}

impl BriefCoverage {
    fn of(c: &CaseCoverage) -> BriefCoverage {
        BriefCoverage {
            _export: 0,
            _cohort: 0,
            _written: 0,
            _applies: 0,
            _no_infer: 0,
            inferred: c.inferred,
            decision_only: c.decision_only,
            unchecked: c.unchecked.clone(),
            _facts: SkipBytes,
            also: c.also.clone(),
        }
    }
}

/// A string read and dropped (also a date, which the record writes as its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Skip, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Skip;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Skip, E> {
                Ok(Skip)
            }
        }
        d.deserialize_str(V)
    }
}

/// A list of strings read and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkipStrs;

impl<'de> Deserialize<'de> for SkipStrs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SkipStrs, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SkipStrs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SkipStrs, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(SkipStrs)
            }
        }
        d.deserialize_seq(V)
    }
}

/// Bytes read and dropped (a case's encoded facts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkipBytes;

impl<'de> Deserialize<'de> for SkipBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SkipBytes, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SkipBytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<SkipBytes, E> {
                Ok(SkipBytes)
            }
        }
        d.deserialize_bytes(V)
    }
}

/// A [`Place`] read and dropped: its variants in [`Place`]'s order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[allow(dead_code)] // only ever decoded
enum SkipPlace {
    File,
    Line { line: u32, column: u32 },
    Cell { sheet: Skip, row: u32, col: u32 },
    Paragraph(u32),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::coverage::Facts;
    use crate::model::{Money, SourceKind};

    fn full() -> CaseSummary {
        let date = chrono::NaiveDate::from_ymd_opt(2022, 3, 5);
        CaseSummary {
            file: "ledger/台账.xlsx".into(),
            at: Place::cell("2022", 7, 0),
            source: SourceKind::Ledger,
            case_no: Some("解消立字〔2022〕第0000036号".into()),
            brigade: "01-解放区大队".into(),
            agency: Some("某市消防救援支队".into()),
            decision_no: Some((
                "解消行罚决字〔2022〕第36号".into(),
                Place::cell("2022", 7, 3),
            )),
            decided_on: date,
            party: Some("某公司".into()),
            violation_date: date,
            bases: vec!["《消防法》第六十条".into(), "第二款".into()],
            fine: Some(Money::yuan(5000)),
            procedure_summary: true,
            coverage: CaseCoverage {
                export: 300,
                cohort: 3,
                written: 0x1234,
                applies: 0x7fff,
                no_infer: 2,
                inferred: 0x0101,
                decision_only: true,
                unchecked: crate::model::coverage::unchecked_list(&[
                    ("P006", "听证通知日期".to_string()),
                    ("D004", "救济途径".to_string()),
                ]),
                facts: Facts::new(&[]),
                also: vec!["cases/a.xml".into()],
            },
        }
    }

    /// A record decodes as its brief from the spill's bytes, whole and as the worker encodes
    /// it, and equals the brief made from the record in memory: the shapes agree field by field.
    #[test]
    fn a_brief_decodes_from_a_records_bytes() {
        let mut c = full();
        for variant in 0..3 {
            match variant {
                1 => {
                    c.at = Place::line(3, 9);
                    c.decision_no = Some(("号".into(), Place::Paragraph(4)));
                    c.coverage.facts = Facts::build(|b| b.push("k", "v", &Place::line(1, 2)));
                }
                2 => {
                    c.case_no = None;
                    c.agency = None;
                    c.decision_no = None;
                    c.bases.clear();
                    c.coverage.also.clear();
                    c.coverage.unchecked.clear();
                }
                _ => {}
            }
            let want = CaseBrief::of(&c);
            let bytes = postcard::to_allocvec(&c).unwrap();
            let brief: CaseBrief = postcard::from_bytes(&bytes).unwrap();
            let shown = |b: &CaseBrief| {
                let v = &b.coverage;
                let t = (&b.file, &b.at, &b.case_no, &b.brigade);
                format!(
                    "{t:?} {} {} {:?} {:?}",
                    v.inferred, v.decision_only, v.unchecked, v.also
                )
            };
            assert_eq!(shown(&brief), shown(&want), "variant {variant}");
            let enc = crate::model::run::EncodedCase::of(&c);
            let mut varint = [0; 5];
            let parts = enc.parts(c.coverage.export, &mut varint).concat();
            assert_eq!(parts, bytes);
            // A record with something after it (the spill reads each record's own bytes; a
            // brief that stopped short would misread what follows).
            let mut two = bytes.clone();
            two.extend_from_slice(&bytes);
            let (_, rest): (CaseBrief, &[u8]) = postcard::take_from_bytes(&two).unwrap();
            assert_eq!(rest, &bytes[..]);
        }
    }
}
