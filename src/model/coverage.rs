//! What an export carries, as the run records it (formats §4): per case, the fields its export
//! writes and what could not be checked; per run, each export's counts, decision-only records
//! and the cases seen twice. Computed in `rules::coverage` (per case) and `scan::coverage` (per run); read by the reports.

use crate::finding::Place;
use crate::model::intern::Text;
use std::collections::BTreeMap;

/// One fact of a case that F009 compares between a file and a ledger row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    /// Stable key: a step kind (`filing`), or `fine`, `party`, `party_id`, `basis`,
    /// `decision_no`.
    pub key: String,
    /// The value, normalized for comparison.
    pub value: String,
    pub at: Place,
}

/// A case's facts for F009, kept encoded. Only a case that shares a key with a record from
/// another source is ever compared, so the facts are read back only then: the reports and the
/// spill copy one byte string per case instead of a dozen strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts(Vec<u8>);

impl Facts {
    pub fn new(facts: &[Fact]) -> Facts {
        Facts::build(|b| {
            for f in facts {
                b.push(&f.key, &f.value, &f.at);
            }
        })
    }

    /// Facts encoded as they are pushed: the bytes of the owned facts' list, without making
    /// them.
    pub fn build(push_all: impl FnOnce(&mut FactsBuilder)) -> Facts {
        let (bytes, n) = crate::model::exact_bytes(|buf| {
            // The count's varint, written when the facts are known (at most a few dozen: one
            // byte).
            buf.push(0);
            let mut b = FactsBuilder { buf, n: 0 };
            push_all(&mut b);
            if b.n > 0 {
                b.buf[0] = u8::try_from(b.n)
                    .ok()
                    .filter(|n| *n < 0x80)
                    .unwrap_or_else(|| panic!("{} facts: more than a case has", b.n));
            }
            b.n
        });
        if n == 0 {
            Facts::default()
        } else {
            Facts(bytes)
        }
    }

    pub fn decode(&self) -> Vec<Fact> {
        if self.0.is_empty() {
            return Vec::new();
        }
        postcard::from_bytes(&self.0)
            .unwrap_or_else(|e| panic!("a case's facts do not decode: {e}"))
    }
}

/// Where [`Facts::build`] writes.
pub struct FactsBuilder<'b> {
    buf: &'b mut Vec<u8>,
    n: usize,
}

impl FactsBuilder<'_> {
    /// One fact, encoded as [`Fact`] is (the same fields in the same order).
    pub fn push(&mut self, key: &str, value: &str, at: &Place) {
        #[derive(serde::Serialize)]
        struct FactRef<'a> {
            key: &'a str,
            value: &'a str,
            at: &'a Place,
        }
        crate::model::encode_into(self.buf, &FactRef { key, value, at }, "a case's fact");
        self.n += 1;
    }
}

impl serde::Serialize for Facts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Facts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Facts, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = Facts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("encoded facts")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Facts, E> {
                Ok(Facts(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Facts, E> {
                Ok(Facts(v))
            }
        }
        d.deserialize_byte_buf(Bytes)
    }
}

/// Per case: the export it belongs to and what it writes, what could not be checked, and the
/// facts F009 compares.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CaseCoverage {
    /// Index into [`RunCoverage::exports`].
    pub export: u32,
    /// Procedure kind × law era (see [`cohort`]).
    pub cohort: u8,
    /// [`ExportField`] bits the case's source writes.
    pub written: u16,
    /// [`ExportField`] bits that apply to the case (decision fields need a decision).
    pub applies: u16,
    /// Bits a declaration makes unknown whatever the export writes.
    pub no_infer: u16,
    /// Bits found missing by inference (the export writes them for other cases).
    pub inferred: u16,
    pub decision_only: bool,
    /// (rule code, missing input) for every rule that could not be checked, sorted; shared
    /// texts (see [`intern`](crate::model::intern)), written to the spill as numbers.
    #[serde(with = "crate::model::intern::pairs")]
    pub unchecked: Vec<(Text, Text)>,
    pub facts: Facts,
    /// Other places the same case was read from (a ledger row beside its XML file).
    pub also: Vec<String>,
}

/// A case's unchecked list from the (rule, input) pairs its checks reported: sorted, each pair
/// once, the texts shared.
pub fn unchecked_list(pairs: &[(&'static str, String)]) -> Vec<(Text, Text)> {
    let mut v: Vec<(Text, Text)> = pairs
        .iter()
        .map(|(c, i)| {
            (
                crate::model::intern::shared(c),
                crate::model::intern::shared(i),
            )
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// What one export carries, as the report shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportStats {
    /// The folder (XML files) or `file!sheet` (a ledger sheet).
    pub name: String,
    /// `xml`, `ledger` or `document` (.docx/.txt decisions).
    pub format: &'static str,
    pub cases: usize,
    /// Per field id: (cases writing it, cases it applies to).
    pub fields: BTreeMap<&'static str, (usize, usize)>,
    /// Cohort → field bits written by some case of the cohort.
    pub(crate) by_cohort: BTreeMap<u8, u16>,
}

impl ExportStats {
    /// Fields the export writes on at least one case.
    pub fn carried(&self) -> impl Iterator<Item = (&'static str, usize, usize)> + '_ {
        self.fields
            .iter()
            .filter(|(_, (w, _))| *w > 0)
            .map(|(k, (w, a))| (*k, *w, *a))
    }
}

/// What the run learned about coverage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunCoverage {
    /// Every export, in the order first seen.
    pub exports: Vec<ExportStats>,
    /// Cases that hold only the decision.
    pub decision_only: usize,
    /// Cases with at least one rule not checkable for lack of input.
    pub not_fully_checked: usize,
    /// Findings that rest on an absence inferred from the export (导出未记载).
    pub inferred_findings: usize,
    /// Brigade → files that could not be read (未评查).
    pub unreviewed: BTreeMap<String, usize>,
    /// Ledger rows and decision documents that are the same case as an XML file (or a document
    /// as a ledger row): scored once, on that case.
    pub merged: Vec<Merged>,
}

/// A case record folded into another (its findings score on `into`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub file: String,
    pub case_no: Option<String>,
    pub at: Place,
    /// Index into `ScanResult::cases` of the case it is.
    pub into: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_read_back_as_written_and_none_costs_nothing() {
        let facts = vec![
            Fact {
                key: "fine".into(),
                value: "5000".into(),
                at: Place::cell("台账", 7, 9),
            },
            Fact {
                key: "filing".into(),
                value: "2022-03-01".into(),
                at: Place::line(3, 5),
            },
        ];
        let kept = Facts::new(&facts);
        assert_eq!(kept.decode(), facts);
        // Through a record's encoding as well.
        let bytes = postcard::to_allocvec(&kept).unwrap();
        assert_eq!(postcard::from_bytes::<Facts>(&bytes).unwrap(), kept);
        assert_eq!(Facts::new(&[]), Facts::default());
        assert!(Facts::default().decode().is_empty());
        assert_eq!(postcard::to_allocvec(&Facts::default()).unwrap(), [0]);
        // Built in place: the same bytes.
        let built = Facts::build(|b| {
            for f in &facts {
                b.push(&f.key, &f.value, &f.at);
            }
        });
        assert_eq!(built, kept);
        assert_eq!(Facts::build(|_| {}), Facts::default());
    }
}
