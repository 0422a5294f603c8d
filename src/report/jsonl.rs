//! JSON Lines (review.md, "Outputs"): one finding a line, for streaming into other tools
//! (`jq -c`, log shippers, `pandas.read_json(lines=True)`). Each line is exactly the object the
//! JSON document puts in its `findings` list ([`json::finding_value`]), so a consumer reads both
//! formats with one parser.
//!
//! There is deliberately no summary line: every line has the same shape, so consumers never
//! need to tell records apart, and concatenating the output of several runs stays valid. A run
//! with no findings writes nothing (0 bytes). The summary, the cases and the run's provenance
//! are in `--format json`. Waived findings are written like the others (`"waived": true`).

use super::json::finding_value;
use super::{Reporter, Run};
use std::io::{self, Write};

pub struct Jsonl;

impl Reporter for Jsonl {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        for f in &run.result.findings {
            // Compact serialization escapes newlines inside strings, so one finding is one line.
            serde_json::to_writer(&mut *out, &finding_value(run, f))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Lang;
    use crate::report::fixture;

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(fixture::render(&Jsonl, Lang::Zh));
    }

    #[test]
    fn one_line_per_finding_each_the_json_finding_object() {
        let text = fixture::render(&Jsonl, Lang::Zh);
        assert!(text.ends_with('\n'));
        let lines: Vec<&str> = text.lines().collect();
        let result = fixture::result(Lang::Zh);
        let rules = fixture::rules();
        let run = Run {
            result: &result,
            lang: Lang::Zh,
            rules: &rules,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        assert_eq!(lines.len(), result.findings.len());
        for (line, f) in lines.iter().zip(&result.findings) {
            let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
            assert_eq!(v, finding_value(&run, f));
        }
        // The message with a newline stayed on its line.
        assert!(lines.iter().any(|l| l.contains(r"超过 2 日\n（决定日期")));
    }

    #[test]
    fn no_findings_writes_nothing() {
        let result = crate::model::run::ScanResult::default();
        let rules = fixture::rules();
        let run = Run {
            result: &result,
            lang: Lang::Zh,
            rules: &rules,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let mut out = Vec::new();
        Jsonl.write(&run, &mut out).unwrap();
        assert!(out.is_empty());
    }
}
