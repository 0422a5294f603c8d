//! Tests of the statute tables: loading and validation with places, lookups, and the check of
//! every VERIFIED fact against the vendored law texts.

use super::*;
use crate::data::DataError;
use std::path::{Path, PathBuf};

/// A stated version names the text its amendment made: 消防法（2008年修订） is the text in
/// force from 2009-05-01, 行政处罚法（2021年修订） the one from 2021-07-15 (not the 2018 text
/// still in force on the adoption day), and an amendment whose text the tables lack (行政处罚法
/// 2009) names none.
#[test]
fn stated_version_is_the_text_its_amendment_made() {
    let st = Statutes::shipped();
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let fire = [
        d("1998-04-29"),
        d("2008-10-28"),
        d("2019-04-23"),
        d("2021-04-29"),
    ];
    let xz = [
        d("1996-03-17"),
        d("2009-08-27"),
        d("2017-09-01"),
        d("2021-01-22"),
    ];
    let at = |law: &str, date: &str, am: &[NaiveDate]| {
        st.version_stated(law, d(date), am).map(|v| v.in_force)
    };
    assert_eq!(at("fire_law", "2008-10-28", &fire), Some(d("2009-05-01")));
    assert_eq!(at("fire_law", "2019-04-23", &fire), Some(d("2019-04-23")));
    assert_eq!(at("fire_law", "2021-04-29", &fire), Some(d("2021-04-29")));
    assert_eq!(
        at("admin_penalty_law", "2021-01-22", &xz),
        Some(d("2021-07-15"))
    );
    assert_eq!(
        at("admin_penalty_law", "2017-09-01", &xz),
        Some(d("2018-01-01"))
    );
    assert_eq!(at("admin_penalty_law", "2009-08-27", &xz), None);
}

/// The load-time indexes give what a scan of the rows gives, for every place of every
/// version of every shipped law (and a paragraph 1 of one-paragraph articles, and places,
/// versions and laws that do not exist).
#[test]
fn indexes_agree_with_a_scan_of_the_rows() {
    let st = Statutes::shipped();
    let rows = |law: &str, version: &str| -> Vec<&Provision> {
        st.law(law)
            .map(|l| {
                l.provisions
                    .iter()
                    .filter(|p| p.versions.iter().any(|v| v == version))
                    .collect()
            })
            .unwrap_or_default()
    };
    let laws: Vec<String> = st.laws().map(str::to_string).collect();
    for law in laws.iter().map(String::as_str).chain(["no_such_law"]) {
        let all: Vec<&Provision> = st
            .versions(law)
            .iter()
            .flat_map(|v| rows(law, &v.id))
            .collect();
        let procedural = all.iter().all(|p| p.kind == ProvisionKind::Procedural);
        assert_eq!(st.is_procedural(law), procedural, "{law}");
        let mut ids: Vec<String> = st.versions(law).iter().map(|v| v.id.clone()).collect();
        ids.push("1900".into());
        for v in &ids {
            let mine = rows(law, v);
            let got: Vec<&Provision> = st.provisions(law, v).collect();
            assert_eq!(got, mine, "{law} {v}");
            let mut keys: Vec<&str> = mine.iter().map(|p| p.key.as_str()).collect();
            keys.push("no_such_key");
            for key in keys {
                let want = mine.iter().copied().find(|p| p.key == key);
                assert_eq!(st.by_key(law, v, key), want, "{law} {v} {key}");
            }
            for p in &mine {
                for (para, item) in [
                    (p.paragraph, p.item),
                    (p.paragraph.or(Some(1)), p.item),
                    (p.paragraph, None),
                    (p.paragraph, Some(p.item.unwrap_or(0) + 40)),
                ] {
                    let Some(shape) = st.structure(law, v, p.article) else {
                        assert_eq!(st.provision(law, v, p.article, para, item), None);
                        continue;
                    };
                    let para_n = if shape.single_paragraph() && para == Some(1) {
                        None
                    } else {
                        para
                    };
                    let want = mine.iter().rev().copied().find(|q| {
                        q.article == p.article && q.paragraph == para_n && q.item == item
                    });
                    assert_eq!(
                        st.provision(law, v, p.article, para, item),
                        want,
                        "{law} {v} {} {para:?} {item:?}",
                        p.article
                    );
                    let under: Vec<&Provision> = mine
                        .iter()
                        .copied()
                        .filter(|q| {
                            q.article == p.article && (para_n.is_none() || q.paragraph == para_n)
                        })
                        .collect();
                    assert_eq!(st.provisions_under(law, v, p.article, para), under);
                }
            }
            assert_eq!(st.provision(law, v, 0, None, None), None);
            assert_eq!(st.provision(law, v, 9999, None, None), None);
            assert!(st.provisions_under(law, v, 9999, None).is_empty());
        }
    }
}

/// The law texts the tables are checked against, vendored in `tests/data/laws` (provenance
/// in its SOURCE.md).
pub(crate) fn laws_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/laws");
    assert!(dir.is_dir(), "the law texts are missing: {}", dir.display());
    dir
}

/// One paragraph of a law text: its own line and the item lines under it.
#[derive(Debug)]
struct Para {
    text: String,
    items: Vec<String>,
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Reads a law text (LawRefBook layout, or the flk layout with `第X条` alone on its line)
/// into article → paragraphs. Chapter and section headings are skipped.
fn parse_law_text(text: &str) -> BTreeMap<u32, Vec<Para>> {
    let mut arts: BTreeMap<u32, Vec<Para>> = BTreeMap::new();
    let mut cur: Option<u32> = None;
    let mut started = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some((n, rest)) = article_heading(line) {
            if n == 1 {
                started = true;
            }
            if !started {
                continue;
            }
            cur = Some(n);
            let paras = arts.entry(n).or_default();
            if !rest.is_empty() {
                paras.push(Para {
                    text: rest.to_string(),
                    items: vec![],
                });
            }
            continue;
        }
        let Some(n) = cur else { continue };
        if !started || is_heading(line) {
            continue;
        }
        let paras = arts.get_mut(&n).unwrap();
        if is_item(line) {
            paras
                .last_mut()
                .expect("item before any paragraph")
                .items
                .push(line.to_string());
        } else {
            paras.push(Para {
                text: line.to_string(),
                items: vec![],
            });
        }
    }
    arts
}

fn article_heading(line: &str) -> Option<(u32, &str)> {
    let rest = line.strip_prefix('第')?;
    let end = rest.find('条')?;
    let num = &rest[..end];
    if num.is_empty() || !num.chars().all(|c| "零一二三四五六七八九十百".contains(c)) {
        return None;
    }
    let after = &rest[end + '条'.len_utf8()..];
    if !(after.is_empty() || after.starts_with(' ') || after.starts_with('\u{3000}')) {
        return None;
    }
    Some((crate::text::cn_integer(num)? as u32, after.trim()))
}

fn is_item(line: &str) -> bool {
    line.strip_prefix('（')
        .and_then(|r| r.split_once('）'))
        .is_some_and(|(n, _)| {
            !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c))
        })
}

fn is_heading(line: &str) -> bool {
    let chapter = line.starts_with('第')
        && line
            .chars()
            .skip(1)
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count()
            > 0
        && line
            .chars()
            .skip(1)
            .find(|c| !"一二三四五六七八九十".contains(*c))
            .is_some_and(|c| c == '章' || c == '节');
    // flk layout: "8.  附则"
    let numbered = line
        .split_once(". ")
        .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
    line.starts_with('#') || line.starts_with("<!--") || chapter || numbered
}

fn shape_of(paras: &[Para]) -> Vec<u32> {
    paras.iter().map(|p| p.items.len() as u32).collect()
}

fn para_text(p: &Para) -> String {
    let mut s = p.text.clone();
    for i in &p.items {
        s.push_str(i);
    }
    squash(&s)
}

/// Everything the tables claim that the law texts can confirm. Returns one line per
/// disagreement (empty = all good).
fn check_against_texts(st: &Statutes, dir: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    for law in &st.laws {
        for v in &law.versions {
            if v.mark != Mark::Verified {
                continue;
            }
            let path = dir.join(&v.text);
            let Ok(text) = std::fs::read_to_string(&path) else {
                bad.push(format!(
                    "{}/{}: cannot read {} (copy the law text into tests/data/laws and add \
                     its source to tests/data/laws/SOURCE.md)",
                    law.id,
                    v.id,
                    path.display()
                ));
                continue;
            };
            let arts = parse_law_text(&text);
            let at = |what: String| format!("{} {}: {what}", law.id, v.id);
            // The article list and every article's shape.
            let last = arts.keys().next_back().copied().unwrap_or(0);
            if last != v.last_article || arts.len() as u32 != last {
                bad.push(at(format!(
                    "text has {} articles ending at {last}; table says last_article = {}",
                    arts.len(),
                    v.last_article
                )));
            }
            for (n, paras) in &arts {
                let declared = st.structure(&law.id, &v.id, *n).map(|s| s.items);
                if declared.as_deref() != Some(shape_of(paras).as_slice()) {
                    bad.push(at(format!(
                        "article {n}: text shape {:?}, table {:?}",
                        shape_of(paras),
                        declared
                    )));
                }
            }
            for p in st.provisions(&law.id, &v.id) {
                if p.mark != Mark::Verified {
                    continue;
                }
                let here = |what: String| at(format!("{} ({}): {what}", p.place(), p.key));
                let Some(paras) = arts.get(&p.article) else {
                    bad.push(here("article not in the text".into()));
                    continue;
                };
                let para_no = p.paragraph.unwrap_or(1);
                let Some(para) = paras.get(para_no as usize - 1) else {
                    bad.push(here("paragraph not in the text".into()));
                    continue;
                };
                // What the quotes must be in: the item, the paragraph, or the article.
                let scope = match (p.paragraph, p.item) {
                    (_, Some(i)) => match para.items.get(i as usize - 1) {
                        Some(t) => squash(t),
                        None => {
                            bad.push(here("item not in the text".into()));
                            continue;
                        }
                    },
                    (Some(_), None) => para_text(para),
                    (None, None) => paras.iter().map(para_text).collect(),
                };
                // Limbs and amounts are written in the paragraph (or the whole article for
                // an article-level row); 61¶2 points to ¶1 for its amounts.
                let sentence = if p.paragraph.is_some() || p.item.is_some() {
                    para_text(para)
                } else {
                    paras.iter().map(para_text).collect()
                };
                let amounts_text = match p.amounts_paragraph {
                    Some(ap) => paras
                        .get(ap as usize - 1)
                        .map(para_text)
                        .unwrap_or_default(),
                    None => sentence.clone(),
                };
                for q in &p.quotes {
                    if !scope.contains(&squash(q)) {
                        bad.push(here(format!("quote not in the text: {q}")));
                    }
                }
                for y in &p.amounts_yuan {
                    let w = format!("{}元", cn_numeral(*y));
                    if !amounts_text.contains(&w) {
                        bad.push(here(format!("amount {y} ({w}) not in the text")));
                    }
                }
                for l in &p.limbs {
                    if !sentence.contains(&squash(&l.as_written)) {
                        bad.push(here(format!(
                            "limb wording not in the text: {}",
                            l.as_written
                        )));
                    }
                    if let Some(f) = l.fine {
                        for w in fine_words(f) {
                            if !amounts_text.contains(&w) {
                                bad.push(here(format!(
                                    "fine {}–{}: `{w}` not in the text",
                                    f.min_yuan, f.max_yuan
                                )));
                            }
                        }
                    }
                    if let Some((min, max)) = l.detention_days {
                        let mut words = vec![format!("{}日以下拘留", cn_numeral(max as u64))];
                        if min > 0 {
                            words.push(format!("{}日以上", cn_numeral(min as u64)));
                        }
                        for w in words {
                            if !amounts_text.contains(&w) {
                                bad.push(here(format!(
                                    "detention {min}–{max}: `{w}` not in the text"
                                )));
                            }
                        }
                    }
                }
                for d in &p.duty_articles {
                    let ok = arts.get(&d.article).is_some_and(|ps| {
                        let shape = ArticleShape {
                            article: d.article,
                            items: shape_of(ps),
                        };
                        shape.contains(d.paragraph, d.item)
                    });
                    if !ok {
                        bad.push(here(format!("duty article {d} not in the text")));
                    }
                }
            }
        }
    }
    bad
}

/// How a fine range is written: 五千元以上 … 五万元以下, or 二百元罚款 for a fixed amount.
fn fine_words(f: FineRange) -> Vec<String> {
    if f.min_yuan == f.max_yuan {
        return vec![format!("{}元罚款", cn_numeral(f.max_yuan))];
    }
    let mut w = vec![format!("{}元以下", cn_numeral(f.max_yuan))];
    if f.min_yuan > 0 {
        w.push(format!("{}元以上", cn_numeral(f.min_yuan)));
    }
    w
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn one(name: &str, text: &str) -> Result<Statutes, Vec<DataError>> {
    Statutes::from_files(&[(name.to_string(), text.to_string())])
}

const MINI: &str = r#"law = "fire_law"
name = "x"
[[versions]]
id = "2008"
text = "t.md"
in_force = 2009-05-01
source = "S12"
mark = "VERIFIED"
in_force_mark = "VERIFIED"
last_article = 74
[versions.shapes]
60 = [7, 0, 0]
[[provisions]]
key = "evacuation_obstructed"
versions = ["2008"]
article = 60
paragraph = 1
item = 3
kind = "penalty"
summary = "s"
liable = "unit"
source = "S12"
mark = "VERIFIED"
[[provisions.limbs]]
when = "always"
as_written = "w"
party = "unit"
required = ["fine"]
fine = [5000, 50000]
authority = ["fire_agency"]
authority_mark = "DERIVED"
"#;

#[test]
fn shipped_tables_load() {
    let st = Statutes::shipped();
    let laws: Vec<&str> = st.laws().collect();
    assert_eq!(laws, ["admin_penalty_law", "fire_law", "henan_fire_reg"]);
    assert_eq!(st.versions("fire_law").len(), 3);
    assert_eq!(st.law_name("fire_law"), Some("中华人民共和国消防法"));
    assert!(st.versions("nope").is_empty());
}

#[test]
fn minimal_file_loads() {
    let st = one("m.toml", MINI).unwrap_or_else(|e| panic!("{e:?}"));
    let p = st
        .provision("fire_law", "2008", 60, Some(1), Some(3))
        .unwrap();
    assert_eq!(
        p.fine_ranges("unit"),
        [FineRange {
            min_yuan: 5000,
            max_yuan: 50000
        }]
    );
}

#[test]
fn unknown_key_is_reported_with_place() {
    let text = MINI.replace("summary = \"s\"", "summary = \"s\"\nbogus = 1");
    let e = one("m.toml", &text).unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].message.contains("bogus"), "{}", e[0]);
    assert_eq!(
        (e[0].file.as_str(), e[0].line, e[0].col),
        ("m.toml", 21, 1),
        "{}",
        e[0]
    );
}

#[test]
fn bad_values_are_all_reported_with_places() {
    // Three problems in one file and one in another: all four come back.
    let text = MINI
        .replace("versions = [\"2008\"]", "versions = [\"2009\"]")
        .replace("fine = [5000, 50000]", "fine = [50000, 5000]")
        .replace("item = 3", "item = 8");
    let other = MINI.replace("law = \"fire_law\"", "law = \"fire_lawx\"");
    let e = Statutes::from_files(&[
        ("a.toml".to_string(), text.clone()),
        ("b.toml".to_string(), other),
    ])
    .unwrap_err();
    let msgs: Vec<String> = e.iter().map(|e| e.to_string()).collect();
    let has = |file: &str, line: usize, frag: &str| {
        e.iter()
            .any(|x| x.file == file && x.line == line && x.message.contains(frag))
    };
    assert!(has("a.toml", 15, "unknown version `2009`"), "{msgs:#?}");
    assert!(has("a.toml", 29, "above maximum"), "{msgs:#?}");
    assert!(has("b.toml", 1, "unknown law id `fire_lawx`"), "{msgs:#?}");
    // item 8 is checked against the only version, which is unknown, so not reported; with a
    // known version it is:
    let e = one("c.toml", &MINI.replace("item = 3", "item = 8")).unwrap_err();
    assert!(e[0].message.contains("does not exist"), "{}", e[0]);
    assert_eq!(e[0].line, 16, "{}", e[0]);
}

#[test]
fn schema_rules_are_enforced() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "required = [\"fine\"]",
            "required = [\"fine\", \"detention\"]",
            "needs `detention_days`",
        ),
        ("fine = [5000, 50000]", "", "needs a `fine = [min, max]`"),
        (
            "required = [\"fine\"]",
            "required = [\"fine\"]\none_of = [\"warning\"]",
            "two or more",
        ),
        (
            "authority = [\"fire_agency\"]",
            "authority = []",
            "needs an `authority`",
        ),
        (
            "mark = \"VERIFIED\"\n[[provisions.limbs]]",
            "mark = \"VERIFIED\"\nduty_articles = [\"16¶x\"]\n[[provisions.limbs]]",
            "duty article `16¶x`",
        ),
        (
            "in_force = 2009-05-01",
            "in_force = 2009-05-01\nuntil = 2001-01-01",
            "before `in_force`",
        ),
        (
            "60 = [7, 0, 0]",
            "60 = [7, 0, 0]\n99 = [0]",
            "not an article number",
        ),
    ];
    for (from, to, want) in cases {
        assert!(MINI.contains(from), "{from}");
        let e = one("m.toml", &MINI.replacen(from, to, 1)).unwrap_err();
        assert!(e.iter().any(|e| e.message.contains(want)), "{want}: {e:?}");
        assert!(
            e.iter()
                .all(|e| e.line > 0 || e.message.contains("overlap")),
            "{e:?}"
        );
    }
    // A mark outside the four labels is a parse error with its place.
    let e = one(
        "m.toml",
        &MINI.replace("mark = \"DERIVED\"", "mark = \"PROBABLY\""),
    )
    .unwrap_err();
    assert!(
        e[0].message.contains("PROBABLY") && e[0].line == 31,
        "{}",
        e[0]
    );
}

#[test]
fn the_tables_agree_with_the_law_texts() {
    let st = Statutes::shipped();
    let bad = check_against_texts(&st, &laws_dir());
    assert!(
        bad.is_empty(),
        "{} disagreements:\n{}",
        bad.len(),
        bad.join("\n")
    );
    // The test must have looked at real rows.
    let verified = st
        .laws
        .iter()
        .flat_map(|l| &l.provisions)
        .filter(|p| p.mark == Mark::Verified)
        .count();
    assert!(verified > 100, "{verified}");
}

#[test]
fn a_wrong_number_fails_the_law_text_check() {
    let dir = laws_dir();
    let base = Statutes::shipped();
    let mutate = |f: &dyn Fn(&mut Provision)| {
        let mut st = base.clone();
        let law = st.laws.iter_mut().find(|l| l.id == "fire_law").unwrap();
        let p = law
            .provisions
            .iter_mut()
            .find(|p| p.article == 60 && p.paragraph == Some(1) && p.item == Some(3))
            .unwrap();
        f(p);
        check_against_texts(&st, &dir)
    };
    let bad = mutate(&|p| p.limbs[0].fine.as_mut().unwrap().max_yuan = 40000);
    assert!(bad.iter().any(|b| b.contains("四万元以下")), "{bad:?}");
    let bad = mutate(&|p| p.limbs[0].fine.as_mut().unwrap().min_yuan = 500);
    assert!(bad.iter().any(|b| b.contains("五百元以上")), "{bad:?}");
    let bad = mutate(&|p| p.item = Some(8));
    assert!(
        bad.iter().any(|b| b.contains("item not in the text")),
        "{bad:?}"
    );
    let bad = mutate(&|p| p.quotes = vec!["占用、堵塞、封闭消防车通道".into()]);
    assert!(
        bad.iter().any(|b| b.contains("quote not in the text")),
        "{bad:?}"
    );
    let bad = mutate(&|p| p.duty_articles = vec![ArticleRef::parse("16¶1(九)").unwrap()]);
    assert!(
        bad.iter().any(|b| b.contains("duty article 16¶1(九)")),
        "{bad:?}"
    );
    let bad = mutate(&|p| p.limbs[0].as_written = "责令改正，处五千元以上五十万元以下罚款".into());
    assert!(bad.iter().any(|b| b.contains("limb wording")), "{bad:?}");
    // A wrong shape or article count fails too.
    let mut st = base.clone();
    let law = st.laws.iter_mut().find(|l| l.id == "fire_law").unwrap();
    law.versions[0].shapes.insert(58, vec![4, 0]);
    law.versions[1].last_article = 73;
    let bad = check_against_texts(&st, &dir);
    assert!(
        bad.iter()
            .any(|b| b.contains("fire_law 2008: article 58: text shape [5, 0]")),
        "{bad:?}"
    );
    assert!(
        bad.iter()
            .any(|b| b.contains("fire_law 2019: text has 74 articles")),
        "{bad:?}"
    );
}

#[test]
fn version_on_picks_by_date() {
    let st = Statutes::shipped();
    let cases = [
        ("fire_law", d(2009, 4, 30), None),
        ("fire_law", d(2009, 5, 1), Some("2008")),
        ("fire_law", d(2019, 4, 22), Some("2008")),
        ("fire_law", d(2019, 4, 23), Some("2019")),
        ("fire_law", d(2021, 4, 28), Some("2019")),
        ("fire_law", d(2021, 4, 29), Some("2021")),
        ("fire_law", d(2030, 1, 1), Some("2021")),
        ("admin_penalty_law", d(2021, 7, 14), Some("2017")),
        ("admin_penalty_law", d(2021, 7, 15), Some("2021")),
        ("henan_fire_reg", d(2020, 1, 1), Some("2014")),
        ("public_security_penalty_law", d(2020, 1, 1), None),
    ];
    for (law, date, want) in cases {
        assert_eq!(
            st.version_on(law, date).map(|v| v.id.as_str()),
            want,
            "{law} {date}"
        );
    }
}

#[test]
fn public_venue_is_renumbered_but_keeps_its_key() {
    let st = Statutes::shipped();
    let p08 = st
        .provision("fire_law", "2008", 58, Some(1), Some(5))
        .unwrap();
    let p19 = st
        .provision("fire_law", "2019", 58, Some(1), Some(4))
        .unwrap();
    let p21 = st
        .provision("fire_law", "2021", 58, Some(1), Some(4))
        .unwrap();
    assert_eq!(p08.key, "public_venue_unlicensed");
    assert_eq!(p19.key, p08.key);
    assert_eq!(p21.key, p08.key);
    assert!(st
        .provision("fire_law", "2019", 58, Some(1), Some(5))
        .is_none());
    let chain: Vec<(&str, String)> = st
        .across_versions("fire_law", "public_venue_unlicensed")
        .into_iter()
        .map(|(v, p)| (v.id.as_str(), p.place().to_string()))
        .collect();
    assert_eq!(
        chain,
        [
            ("2008", "58¶1(五)".to_string()),
            ("2019", "58¶1(四)".into()),
            ("2021", "58¶1(四)".into())
        ]
    );
    // The filing fine moved from ¶2 to ¶3 in 2021; 2008 58¶1(二) has no successor.
    assert_eq!(
        st.by_key("fire_law", "2021", "acceptance_filing_missing")
            .unwrap()
            .paragraph,
        Some(3)
    );
    assert!(st
        .by_key("fire_law", "2019", "design_spot_check_failed")
        .is_none());
}

#[test]
fn lookups_answer_the_l_rules() {
    let st = Statutes::shipped();
    // L003: 64 has items, not paragraphs; 60 has no 8th item.
    let s64 = st.structure("fire_law", "2021", 64).unwrap();
    assert!(s64.single_paragraph() && s64.has_items());
    assert!(!s64.contains(Some(2), None));
    assert!(s64.contains(None, Some(6)) && !s64.contains(None, Some(7)));
    let s60 = st.structure("fire_law", "2021", 60).unwrap();
    assert_eq!(s60.item_paragraph(), Some(1));
    assert!(!s60.contains(Some(1), Some(8)));
    assert!(
        !s60.contains(None, Some(3)),
        "items of a multi-paragraph article need ¶"
    );
    assert!(st.structure("fire_law", "2021", 75).is_none());
    assert!(
        st.article_exists("fire_law", "2021", 74) && !st.article_exists("fire_law", "2021", 75)
    );
    // 64(二) with or without 第一款.
    let a = st.provision("fire_law", "2021", 64, None, Some(2)).unwrap();
    let b = st
        .provision("fire_law", "2021", 64, Some(1), Some(2))
        .unwrap();
    assert_eq!(a.key, "negligent_fire");
    assert_eq!(a, b);
    // L005/L006: 60¶1 units only, 60¶2 individuals only and ≤ 500.
    let p601 = st
        .provision("fire_law", "2021", 60, Some(1), Some(3))
        .unwrap();
    assert!(p601.fine_ranges("individual").is_empty());
    let p602 = st.provision("fire_law", "2021", 60, Some(2), None).unwrap();
    assert_eq!(
        p602.fine_ranges("individual"),
        [FineRange {
            min_yuan: 0,
            max_yuan: 500
        }]
    );
    assert!(p602.fine_ranges("unit").is_empty());
    assert_eq!(p602.refers_to_items, [2, 3, 4, 5]);
    // L004: no fine under 67, no detention by a fire agency under 63.
    let p67 = st.provision("fire_law", "2021", 67, None, None).unwrap();
    assert!(p67.limbs.iter().all(|l| !l.allows(PenaltyKind::Fine)));
    let p63 = st.provision("fire_law", "2021", 63, None, Some(1)).unwrap();
    let det = p63
        .limbs
        .iter()
        .find(|l| l.allows(PenaltyKind::Detention))
        .unwrap();
    assert_eq!(
        (det.authority.as_slice(), det.when, det.detention_days),
        (
            &[Authority::PublicSecurity][..],
            When::Serious,
            Some((0, 5))
        )
    );
    // L008: 61 needs both 停产停业 and a fine.
    let p61 = st.provision("fire_law", "2008", 61, Some(1), None).unwrap();
    assert_eq!(
        p61.limbs[0].required,
        [PenaltyKind::SuspendBusiness, PenaltyKind::Fine]
    );
    // S003: 59 is 住建 from 2019, a fire agency's before.
    let a59 = |v| {
        st.provision("fire_law", v, 59, None, Some(2))
            .unwrap()
            .limbs[0]
            .authority[0]
    };
    assert_eq!(
        (a59("2008"), a59("2019")),
        (Authority::FireAgency, Authority::Housing)
    );
    // 66 and HN 70¶2: only after a failed order.
    assert!(
        st.provision("fire_law", "2021", 66, None, None)
            .unwrap()
            .after_failed_order
    );
    let hn = st
        .provision("henan_fire_reg", "2014", 70, Some(2), None)
        .unwrap();
    assert!(hn.after_failed_order);
    assert_eq!(
        hn.fine_ranges("unit"),
        [FineRange {
            min_yuan: 2000,
            max_yuan: 5000
        }]
    );
    assert_eq!(hn.duty_articles[0].to_string(), "13¶1(一)");
    // 69 (2021) has two tiers for the agency.
    let p69 = st.provision("fire_law", "2021", 69, Some(1), None).unwrap();
    assert_eq!(p69.fine_ranges("unit").len(), 2);
    assert_eq!(
        st.provisions_under("fire_law", "2021", 58, Some(1)).len(),
        4
    );
    assert_eq!(
        st.provisions_under("fire_law", "2008", 58, Some(1)).len(),
        5
    );
}

#[test]
fn yuan_in_chinese_numerals() {
    let cases = [
        (20, "二十"),
        (50, "五十"),
        (100, "一百"),
        (200, "二百"),
        (500, "五百"),
        (1000, "一千"),
        (2000, "二千"),
        (5000, "五千"),
        (10000, "一万"),
        (10500, "一万零五百"),
        (15000, "一万五千"),
        (30000, "三万"),
        (50000, "五万"),
        (100000, "十万"),
        (110000, "十一万"),
        (300000, "三十万"),
        (1000500, "一百万零五百"),
        (1005000, "一百万五千"),
        (100000000, "一亿"),
        (100050000, "一亿零五万"),
    ];
    for (n, want) in cases {
        assert_eq!(cn_numeral(n), want, "{n}");
        assert_eq!(crate::text::cn_integer(want), Some(n), "{want}");
    }
}

#[test]
fn article_refs_parse_and_print() {
    for (s, ok) in [
        ("28", true),
        ("16¶1(四)", true),
        ("13¶1(一)", true),
        ("21¶2", true),
        ("0", false),
        ("16¶", false),
        ("16(x)", false),
        ("¶1", false),
    ] {
        let r = ArticleRef::parse(s);
        assert_eq!(r.is_some(), ok, "{s}");
        if let Some(r) = r {
            assert_eq!(r.to_string(), s);
        }
    }
}
