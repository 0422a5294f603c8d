//! SARIF 2.1.0 (review.md, "Outputs"): the interchange format code-scanning viewers read
//! (GitHub code scanning, the VS Code SARIF viewer, Azure DevOps). One log, one run.
//!
//! Choices, and why:
//! - **Rules.** `tool.driver.rules` holds one `reportingDescriptor` per rule in force (sorted by
//!   code), and each result points at its rule by `ruleId` and `ruleIndex`. The rule's
//!   explanation (what, why, example, fix, legal basis, in the run's language) is *inlined* in
//!   `help.text` / `help.markdown`.
//! - **No `helpUri`.** The schema gives `helpUri` the JSON-Schema format `uri`, i.e. an
//!   *absolute* URI (RFC 3986), unlike `artifactLocation.uri`, which is a `uri-reference`. A
//!   relative `docs/rules.md#P001` is therefore invalid there, a `file:` URI would name one
//!   machine's folder, and caselint has no web site. The spec's answer for that case is the
//!   `help` property ("useful when there is no online documentation"), which viewers show in
//!   place of a link; `help` ends with the offline command `caselint explain CODE`.
//! - **Paths.** `artifactLocation.uri` must be a valid URI reference, so the path as given on the
//!   command line is percent-encoded per segment (UTF-8 bytes; Chinese names become `%E4%B8%80…`,
//!   spaces `%20`). A relative path stays relative with `uriBaseId: "%SRCROOT%"` (the folder
//!   caselint ran in — in CI the checkout, which is how GitHub resolves it); an absolute path
//!   becomes a `file:` URI. The run records no absolute base (`originalUriBaseIds`), so the log
//!   does not depend on the machine it was made on.
//! - **Places.** XML: a `region` with `startLine`/`startColumn` (columns count Unicode code
//!   points, hence `run.columnKind: "unicodeCodePoints"`). Excel: no region (a cell has no line);
//!   a `logicalLocations` entry `{ name: "H14", fullyQualifiedName: "2022!H14", kind: "cell" }`
//!   (none of the spec's suggested kinds describes a spreadsheet cell, and it allows others), and
//!   the message starts with `2022!H14: ` because viewers show only the file for a location
//!   without a region. File-level findings: the artifact only.
//! - **Identity.** `partialFingerprints: { "caselint/v1": fingerprint }`: case number + rule +
//!   subject, never a line, so a viewer matches a finding across re-exports.
//! - **Waivers.** A waived finding stays in `results` with
//!   `suppressions: [{ kind: "external", status: "accepted", justification: reason }]`.
//! - **Determinism.** No time stamps, no `invocations`, no absolute paths the user did not give.

use super::{Reporter, Run};
use crate::finding::{Finding, Lang, Place, Severity};
use crate::rules::Info;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};
use std::io::{self, Write};

pub struct Sarif;

/// The `$schema` of the log: the OASIS standard's schema.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";

/// The `partialFingerprints` key; the suffix versions the fingerprint's recipe.
pub const FINGERPRINT_KEY: &str = "caselint/v1";

/// The `uriBaseId` of relative paths: the folder caselint was run in.
pub const SRCROOT: &str = "%SRCROOT%";

/// Bytes kept as they are in a path segment: RFC 3986 "unreserved". Everything else — reserved
/// characters, `%`, spaces and every non-ASCII byte — is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn encode_segments<'a>(segments: impl Iterator<Item = &'a str>) -> String {
    segments
        .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file path as a URI reference, and whether it is relative (then it needs a `uriBaseId`).
/// `backslash_separates` is true on Windows, where `\` separates folders; elsewhere it is an
/// ordinary (encoded) character of a file name.
pub fn path_uri(path: &str, backslash_separates: bool) -> (String, bool) {
    let p = if backslash_separates {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let b = p.as_bytes();
    if let Some(unc) = p.strip_prefix("//") {
        // \\server\share\file → file://server/share/file
        let (host, rest) = unc.split_once('/').unwrap_or((unc, ""));
        let host = utf8_percent_encode(host, SEGMENT);
        (
            format!("file://{host}/{}", encode_segments(rest.split('/'))),
            false,
        )
    } else if let Some(rest) = p.strip_prefix('/') {
        (
            format!("file:///{}", encode_segments(rest.split('/'))),
            false,
        )
    } else if backslash_separates && b.len() >= 3 && b[0].is_ascii_alphabetic() && &b[1..3] == b":/"
    {
        // C:/dir/file → file:///C:/dir/file (the drive's colon stays)
        let drive = &p[..2];
        (
            format!("file:///{drive}/{}", encode_segments(p[3..].split('/'))),
            false,
        )
    } else {
        // Relative. `:` is encoded too, so a first segment like `a:b.xml` is not read as a scheme.
        (encode_segments(p.split('/')), true)
    }
}

fn artifact_location(file: &str) -> Value {
    let (uri, relative) = path_uri(file, cfg!(windows));
    if relative {
        json!({ "uri": uri, "uriBaseId": SRCROOT })
    } else {
        json!({ "uri": uri })
    }
}

/// Section headings of the inlined rule help.
fn headings(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["检查内容", "为什么重要", "示例", "如何整改", "法律依据"],
        Lang::En => [
            "What it checks",
            "Why it matters",
            "Example",
            "How to fix",
            "Legal basis",
        ],
    }
}

fn rule_descriptor(i: &Info, lang: Lang) -> Value {
    let h = headings(lang);
    let sections = [
        (h[0], i.what.get(lang)),
        (h[1], i.why.get(lang)),
        (h[2], i.example.get(lang)),
        (h[3], i.fix.get(lang)),
        (h[4], i.basis.get(lang)),
    ];
    let sep = lang.pick("：", ": ");
    let label = lang.pick("完整说明", "Full explanation");
    let cmd = format!("caselint explain {}", i.code);
    let mut text: Vec<String> = sections
        .iter()
        .map(|(k, v)| format!("{k}{sep}{v}"))
        .collect();
    text.push(format!("{label}{sep}{cmd}"));
    let mut markdown: Vec<String> = sections
        .iter()
        .map(|(k, v)| format!("**{k}**\n\n{v}"))
        .collect();
    markdown.push(format!("{label}{sep}`{cmd}`"));
    json!({
        "id": i.code,
        "name": i.name,
        "shortDescription": { "text": i.title.get(lang) },
        "fullDescription": { "text": i.what.get(lang) },
        "help": { "text": text.join("\n"), "markdown": markdown.join("\n\n") },
        "defaultConfiguration": { "level": level(i.severity) },
        "properties": { "tags": [i.category.as_str()] },
    })
}

/// The finding's one location: the file, a region for an XML line, a logical location for an
/// Excel cell.
fn location(f: &Finding) -> Value {
    let mut physical = Map::new();
    physical.insert("artifactLocation".into(), artifact_location(&f.file));
    // SARIF lines and columns are 1-based; a 0 would mean "unknown" and is left out.
    if let Place::Line { line, column } = f.place {
        if line >= 1 {
            let mut region = Map::new();
            region.insert("startLine".into(), json!(line));
            if column >= 1 {
                region.insert("startColumn".into(), json!(column));
            }
            physical.insert("region".into(), Value::Object(region));
        }
    }
    let mut location = Map::new();
    location.insert("physicalLocation".into(), Value::Object(physical));
    if let Place::Paragraph(n) = f.place {
        location.insert(
            "logicalLocations".into(),
            json!([{
                "name": format!("paragraph {n}"),
                "fullyQualifiedName": format!("paragraph {n}"),
                "kind": "paragraph",
            }]),
        );
    }
    if let Place::Cell { row, col, .. } = f.place {
        location.insert(
            "logicalLocations".into(),
            json!([{
                "name": Place::a1(row, col),
                "fullyQualifiedName": f.place.display(),
                "kind": "cell",
            }]),
        );
    }
    Value::Object(location)
}

fn result(f: &Finding, rule_index: Option<usize>, lang: Lang) -> Value {
    let mut m = Map::new();
    m.insert("ruleId".into(), json!(f.code));
    if let Some(i) = rule_index {
        m.insert("ruleIndex".into(), json!(i));
    }
    m.insert("level".into(), json!(level(f.severity)));
    let text = match &f.place {
        Place::Cell { .. } => format!("{}: {}", f.place.display(), f.message),
        Place::Paragraph(_) => format!("{}: {}", f.place.display_in(lang), f.message),
        _ => f.message.clone(),
    };
    m.insert("message".into(), json!({ "text": text }));
    m.insert("locations".into(), json!([location(f)]));
    m.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: f.fingerprint() }),
    );
    if let Some(reason) = &f.waived {
        m.insert(
            "suppressions".into(),
            json!([{ "kind": "external", "status": "accepted", "justification": reason }]),
        );
    }
    let mut props = Map::new();
    if let Some(no) = &f.case_no {
        props.insert("caseNo".into(), json!(no));
    }
    props.insert("category".into(), json!(f.category.as_str()));
    props.insert("basis".into(), json!(f.basis));
    props.insert("help".into(), json!(f.help));
    m.insert("properties".into(), Value::Object(props));
    Value::Object(m)
}

/// The whole log as a value.
pub fn log(run: &Run) -> Value {
    let codes: Vec<&str> = run.rules.keys().copied().collect();
    let rules: Vec<Value> = run
        .rules
        .values()
        .map(|i| rule_descriptor(i, run.lang))
        .collect();
    let results: Vec<Value> = run
        .result
        .findings
        .iter()
        .map(|f| result(f, codes.binary_search(&f.code.as_str()).ok(), run.lang))
        .collect();
    let mut driver = Map::new();
    driver.insert("name".into(), json!("caselint"));
    driver.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
    driver.insert("semanticVersion".into(), json!(env!("CARGO_PKG_VERSION")));
    let homepage = env!("CARGO_PKG_HOMEPAGE");
    if !homepage.is_empty() {
        driver.insert("informationUri".into(), json!(homepage));
    }
    driver.insert("rules".into(), json!(rules));
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "language": lang_tag(run.lang),
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// RFC 5646 tag of the messages' language.
fn lang_tag(lang: Lang) -> &'static str {
    lang.pick("zh-CN", "en-US")
}

impl Reporter for Sarif {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &log(run))?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;
    use serde_sarif::sarif;

    #[test]
    fn snapshot_zh() {
        insta::assert_snapshot!(fixture::render(&Sarif, Lang::Zh));
    }

    #[test]
    fn snapshot_en() {
        insta::assert_snapshot!(fixture::render(&Sarif, Lang::En));
    }

    /// A typed enum from a JSON value, or a failure naming the field.
    fn typed<T: serde::de::DeserializeOwned>(v: &Value, what: &str) -> T {
        serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{what}: {v} — {e}"))
    }

    /// Our output deserializes into serde-sarif's model of the 2.1.0 schema, and serializing
    /// that model back gives our output unchanged: serde-sarif drops unknown keys, so a
    /// misspelled or misplaced property would show up as a difference.
    #[test]
    fn validates_against_the_sarif_2_1_0_model() {
        for lang in [Lang::Zh, Lang::En] {
            let text = fixture::render(&Sarif, lang);
            let ours: Value = serde_json::from_str(&text).unwrap();
            let model: sarif::Sarif = serde_json::from_str(&text).expect("valid SARIF 2.1.0");
            let back = serde_json::to_value(&model).unwrap();
            assert_eq!(
                back, ours,
                "keys the SARIF model does not know were dropped"
            );

            let _: sarif::Version = typed(&model.version, "version");
            assert_eq!(model.runs.len(), 1);
            let run = &model.runs[0];
            let _: sarif::ResultColumnKind = typed(run.column_kind.as_ref().unwrap(), "columnKind");
            let driver = &run.tool.driver;
            assert_eq!(driver.name, "caselint");
            let rules = driver.rules.as_ref().unwrap();
            let codes: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
            assert_eq!(codes, ["D901", "F901", "F902", "P901", "S901"]);
            for r in rules {
                assert!(
                    r.help_uri.is_none(),
                    "helpUri must be absolute; we inline help"
                );
                let help = r.help.as_ref().unwrap();
                assert!(help.text.contains(&format!("caselint explain {}", r.id)));
                assert!(help.markdown.as_ref().unwrap().contains("**"));
                let cfg = r.default_configuration.as_ref().unwrap();
                let _: sarif::ReportingConfigurationLevel =
                    typed(cfg.level.as_ref().unwrap(), "defaultConfiguration.level");
            }
            let results = run.results.as_ref().unwrap();
            let findings = fixture::result(lang).findings;
            assert_eq!(results.len(), findings.len());
            for (r, f) in results.iter().zip(&findings) {
                let idx = r.rule_index.unwrap() as usize;
                assert_eq!(rules[idx].id, f.code, "ruleIndex points at the rule");
                assert_eq!(r.rule_id.as_deref(), Some(f.code.as_str()));
                let fp = r.partial_fingerprints.as_ref().unwrap();
                assert_eq!(fp[FINGERPRINT_KEY], f.fingerprint());
                for s in r.suppressions.iter().flatten() {
                    let _: sarif::SupressionKind = typed(&s.kind, "suppression.kind");
                    let _: sarif::SupressionStatus =
                        typed(s.status.as_ref().unwrap(), "suppression.status");
                }
                assert_eq!(r.suppressions.is_some(), f.waived.is_some());
            }
        }
    }

    #[test]
    fn levels_locations_and_waivers() {
        let v: Value = serde_json::from_str(&fixture::render(&Sarif, Lang::Zh)).unwrap();
        let results = v["runs"][0]["results"].as_array().unwrap();
        let find = |code: &str, file_part: &str| {
            results
                .iter()
                .find(|r| {
                    r["ruleId"] == code
                        && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                            .as_str()
                            .unwrap()
                            .contains(file_part)
                })
                .unwrap_or_else(|| panic!("{code} {file_part}"))
        };
        // XML: region, Chinese path percent-encoded, relative to %SRCROOT%.
        let xml = find("P901", "1.xml");
        assert_eq!(xml["level"], "error");
        let phys = &xml["locations"][0]["physicalLocation"];
        assert_eq!(
            phys["artifactLocation"],
            json!({
                "uri": "2023/%E4%B8%80%E5%A4%A7%E9%98%9F/%E6%A1%88%E5%8D%B7%201.xml",
                "uriBaseId": "%SRCROOT%",
            })
        );
        assert_eq!(phys["region"], json!({ "startLine": 12, "startColumn": 5 }));
        assert!(xml["locations"][0].get("logicalLocations").is_none());
        assert_eq!(xml["message"]["text"].as_str().unwrap().lines().count(), 2);
        // Info → note.
        assert_eq!(find("S901", "1.xml")["level"], "note");
        // Excel: no region, a logical location, the cell leads the message.
        let cell = find("D901", "xlsx");
        assert_eq!(cell["level"], "warning");
        let loc = &cell["locations"][0];
        assert!(loc["physicalLocation"].get("region").is_none());
        assert_eq!(
            loc["logicalLocations"],
            json!([{ "name": "H5", "fullyQualifiedName": "2022年!H5", "kind": "cell" }])
        );
        assert!(cell["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("2022年!H5: "));
        assert!(cell.get("suppressions").is_none());
        // Waived: still a result, suppressed with its reason.
        let waived = results
            .iter()
            .find(|r| r.get("suppressions").is_some())
            .unwrap();
        assert_eq!(
            waived["suppressions"],
            json!([{
                "kind": "external",
                "status": "accepted",
                "justification": "电子签章，经法制科批准（2024-12-31 前有效）",
            }])
        );
        // File level: the artifact only; a comma in the name is encoded.
        let file = find("F901", "%E7%A9%BA");
        assert_eq!(
            file["locations"][0],
            json!({ "physicalLocation": { "artifactLocation": {
                "uri": "2023/%E4%BA%8C%E5%A4%A7%E9%98%9F/%E7%A9%BA%E6%96%87%E4%BB%B6.xml",
                "uriBaseId": "%SRCROOT%",
            }}})
        );
        assert!(
            find("F902", "v2.xml")["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with("%E5%9D%8F%E6%96%87%E4%BB%B6%2Cv2.xml")
        );
        assert_eq!(v["runs"][0]["language"], "zh-CN");
    }

    #[test]
    fn paths_become_valid_uri_references() {
        for (path, windows, uri, relative) in [
            ("a.xml", false, "a.xml", true),
            ("./d/a.xml", false, "./d/a.xml", true),
            ("../上级/a.xml", false, "../%E4%B8%8A%E7%BA%A7/a.xml", true),
            ("a b#c?d%e.xml", false, "a%20b%23c%3Fd%25e.xml", true),
            ("a:b.xml", false, "a%3Ab.xml", true),
            (
                "/data/案卷.xml",
                false,
                "file:///data/%E6%A1%88%E5%8D%B7.xml",
                false,
            ),
            (r"dir\a.xml", false, "dir%5Ca.xml", true),
            (r"dir\a.xml", true, "dir/a.xml", true),
            (
                r"C:\案卷\a.xml",
                true,
                "file:///C:/%E6%A1%88%E5%8D%B7/a.xml",
                false,
            ),
            (r"\\srv\share\a.xml", true, "file://srv/share/a.xml", false),
            ("C:/x.xml", false, "C%3A/x.xml", true),
        ] {
            assert_eq!(
                path_uri(path, windows),
                (uri.to_string(), relative),
                "{path} (windows: {windows})"
            );
        }
    }

    #[test]
    fn every_uri_is_ascii_with_well_formed_escapes() {
        let v: Value = serde_json::from_str(&fixture::render(&Sarif, Lang::Zh)).unwrap();
        for r in v["runs"][0]["results"].as_array().unwrap() {
            let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            let b = uri.as_bytes();
            assert!(uri.is_ascii() && !uri.contains(' '), "{uri}");
            for (i, c) in b.iter().enumerate() {
                if *c == b'%' {
                    assert!(
                        b.len() > i + 2
                            && b[i + 1].is_ascii_hexdigit()
                            && b[i + 2].is_ascii_hexdigit(),
                        "{uri}"
                    );
                }
            }
        }
    }

    #[test]
    fn unknown_rule_has_no_rule_index() {
        let mut result = fixture::result(Lang::Zh);
        result.findings.truncate(1);
        result.findings[0].code = "X999".into();
        let rules = fixture::rules();
        let run = Run {
            result: &result,
            lang: Lang::Zh,
            rules: &rules,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let v = log(&run);
        let r = &v["runs"][0]["results"][0];
        assert_eq!(r["ruleId"], "X999");
        assert!(r.get("ruleIndex").is_none());
    }
}
