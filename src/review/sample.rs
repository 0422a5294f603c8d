//! `caselint sample`: the reproducible draw of a cross-check (双随机: random cases, random
//! reviewers) and the assignment table.
//!
//! The draw is a pure function of the seed, the cases (file, place, case number, brigade,
//! procedure) and the reviewers file, so anyone can re-run it with the published seed and get
//! the same table, byte for byte, on any machine:
//!
//! - **PRNG**: SplitMix64 (Steele, Lea & Flood 2014; the generator of Java's
//!   `SplittableRandom`), 64-bit state, `state += 0x9E3779B97F4A7C15` then the two
//!   xor-shift-multiply rounds. It is written out here (a dozen lines) so nothing outside this
//!   file can change the stream. Bounded numbers use rejection (values below `2^64 mod n` are
//!   drawn again), so there is no modulo bias.
//! - **Strata**: brigade × procedure (一般程序/简易程序). Within a stratum the cases are sorted by
//!   (file, place, case number), then shuffled with Fisher–Yates (for i = n−1 down to 1, swap i
//!   with a uniform j in 0..=i) using a stream seeded with `seed XOR FNV-1a64(brigade ␟
//!   procedure)`, and the first k are taken. Each stratum has its own stream, so adding or
//!   removing a brigade does not change the other brigades' draws.
//! - **Sizes**: `--count K --per-brigade` takes K cases from every brigade (all if it has fewer);
//!   `--fraction F --per-brigade` takes ⌈F·n⌉ of a brigade's n cases; without `--per-brigade`
//!   the count (or ⌈F·N⌉ of all N cases) is for the whole population. The brigade's (or the
//!   whole) number is split among the strata in proportion to their sizes by the largest
//!   remainder method (Hamilton): floors first, the rest one each to the largest remainders,
//!   ties to the earlier stratum. F is read as a decimal to six places, so no floating point
//!   enters the counts.
//! - **Reviewers**: never from the case's brigade. Cases are assigned most constrained brigade
//!   first (fewest eligible reviewers), then in (brigade, procedure, file, place) order, each to
//!   the least-loaded eligible reviewer, ties drawn with a stream seeded `seed XOR
//!   FNV-1a64("reviewers")`; then, while some case can move from a reviewer to an eligible one
//!   with at least two fewer cases, the first such move is made. When the brigades allow it the
//!   loads differ by at most one.

use super::{case_key, file_safe, parse_procedure, procedure_label};
use crate::data::{parse_toml, DataError};
use crate::finding::{fnv1a64, Lang};
use crate::model::run::{CaseSummary, ScanResult};
use crate::report::xlsx::{workbook, Cell, Sheet};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use toml::Spanned;

/// Parts per million of a decimal fraction in (0, 1]; six decimal places at most.
pub fn parse_fraction(s: &str) -> Result<u32, String> {
    let t = s.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let ok = !int.is_empty() || !frac.is_empty();
    if !ok
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 6
    {
        return Err(match crate::ui::lang() {
            Lang::Zh => format!("“{s}”不是 0 到 1 之间的小数（最多 6 位小数）"),
            Lang::En => format!("`{s}` is not a decimal between 0 and 1 (at most 6 places)"),
        });
    }
    let int: u64 = if int.is_empty() {
        0
    } else {
        int.parse()
            .map_err(|_| crate::ui::t("数值过大", "too large").to_string())?
    };
    let frac_ppm: u64 = format!("{frac:0<6}").parse().unwrap_or(0);
    let ppm = int.saturating_mul(1_000_000).saturating_add(frac_ppm);
    if ppm == 0 || ppm > 1_000_000 {
        return Err(match crate::ui::lang() {
            Lang::Zh => format!("“{s}”须大于 0 且不大于 1"),
            Lang::En => format!("`{s}` must be above 0 and at most 1"),
        });
    }
    Ok(ppm as u32)
}

pub use crate::prng::SplitMix64;

/// Splits `k` among strata of `sizes` in proportion (largest remainder; ties to the earlier).
pub fn allocate(k: usize, sizes: &[usize]) -> Vec<usize> {
    let n: u128 = sizes.iter().map(|&s| s as u128).sum();
    if n == 0 {
        return vec![0; sizes.len()];
    }
    let k = (k as u128).min(n);
    let mut out: Vec<usize> = sizes
        .iter()
        .map(|&s| (k * s as u128 / n) as usize)
        .collect();
    let given: usize = out.iter().sum();
    let mut order: Vec<(u128, usize)> = sizes
        .iter()
        .enumerate()
        .map(|(i, &s)| (k * s as u128 % n, i))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in order.iter().take(k as usize - given) {
        out[i] += 1;
    }
    out
}

/// ⌈ppm·n / 10⁶⌉ in integers.
fn ceil_fraction(ppm: u32, n: usize) -> usize {
    ((ppm as u128 * n as u128).div_ceil(1_000_000)) as usize
}

/// How many to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Count(usize),
    /// Parts per million.
    Fraction(u32),
}

impl Size {
    fn of(self, n: usize) -> usize {
        match self {
            Size::Count(k) => k.min(n),
            Size::Fraction(ppm) => ceil_fraction(ppm, n).min(n),
        }
    }
    fn describe_zh(self) -> String {
        match self {
            Size::Count(k) => format!("{k} 件"),
            Size::Fraction(ppm) => {
                let pct = format!("{}.{:04}", ppm / 10_000, ppm % 10_000);
                format!(
                    "{}%（向上取整）",
                    pct.trim_end_matches('0').trim_end_matches('.')
                )
            }
        }
    }
    fn describe(self) -> String {
        match self {
            Size::Count(k) => format!("count={k}"),
            Size::Fraction(ppm) => {
                let s = format!("{}.{:06}", ppm / 1_000_000, ppm % 1_000_000);
                format!("fraction={}", s.trim_end_matches('0').trim_end_matches('.'))
            }
        }
    }
}

/// One reviewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewer {
    pub name: String,
    pub brigade: String,
    /// From outside the brigades drawn from (the detachment's legal office): their brigade is
    /// not expected among the exports.
    pub outside: bool,
    /// The line of the entry, for errors.
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewersFile {
    reviewer: Vec<ReviewerSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewerSpec {
    name: Spanned<String>,
    brigade: Spanned<String>,
    #[serde(default)]
    outside: bool,
}

/// Parses and validates a reviewers file; every problem with its line and column.
pub fn parse_reviewers(file: &str, text: &str) -> Result<Vec<Reviewer>, Vec<DataError>> {
    let f: ReviewersFile = parse_toml(file, text).map_err(|mut e| {
        if crate::ui::lang() == Lang::Zh {
            e.message = crate::ui::explain_library_message(&e.message);
        }
        vec![e]
    })?;
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let err =
        |at: &Spanned<String>, msg: String| DataError::at_offset(file, text, at.span().start, msg);
    if f.reviewer.is_empty() {
        errors.push(DataError {
            file: file.into(),
            line: 0,
            col: 0,
            message: crate::ui::t("没有列出审查人", "no reviewers listed").into(),
        });
    }
    for r in &f.reviewer {
        let name = r.name.get_ref().trim().to_string();
        let brigade = r.brigade.get_ref().trim().to_string();
        if !file_safe(&name) {
            errors.push(err(
                &r.name,
                match crate::ui::lang() {
                    Lang::Zh => format!("审查人姓名“{name}”为空或含文件名不允许的字符"),
                    Lang::En => format!("reviewer name `{name}` is empty or has characters not allowed in a file name"),
                },
            ));
        } else if !seen.insert(name.clone()) {
            errors.push(err(
                &r.name,
                match crate::ui::lang() {
                    Lang::Zh => format!("审查人“{name}”重复"),
                    Lang::En => format!("reviewer `{name}` is listed twice"),
                },
            ));
        }
        if brigade.is_empty() {
            errors.push(err(
                &r.brigade,
                crate::ui::t("大队为空", "brigade is empty").into(),
            ));
        }
        out.push(Reviewer {
            name,
            brigade,
            outside: r.outside,
            line: crate::data::line_col(text, r.brigade.span().start).0,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// One sampled case and its reviewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub brigade: String,
    pub summary: bool,
    pub case_no: Option<String>,
    pub file: String,
    /// [`crate::finding::Place::display`] of the case.
    pub at: String,
    /// SHA-256 of the file when drawn.
    pub sha256: Option<String>,
    pub reviewer: String,
    pub reviewer_brigade: String,
}

impl Assignment {
    pub fn key(&self) -> (String, String, String) {
        (
            self.file.clone(),
            self.at.clone(),
            self.case_no.clone().unwrap_or_default(),
        )
    }
}

/// A stratum's population and draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stratum {
    pub brigade: String,
    pub summary: bool,
    pub population: usize,
    pub drawn: usize,
}

/// A finished draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw {
    pub seed: u64,
    /// Sorted by (brigade, procedure, file, place, case number).
    pub rows: Vec<Assignment>,
    pub strata: Vec<Stratum>,
}

/// Identifies a draw (the sampled cases and their reviewers), whatever file it was saved in.
pub fn draw_id(seed: u64, rows: &[Assignment]) -> String {
    let mut s = format!("{seed}\n");
    for a in rows {
        s += &format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\n",
            a.brigade,
            a.summary,
            a.case_no.as_deref().unwrap_or(""),
            a.file,
            a.at,
            a.reviewer,
            a.reviewer_brigade
        );
    }
    crate::scan::sha256_hex(s.as_bytes())[..16].to_string()
}

/// Draws the sample and assigns reviewers. Errors name the brigades no reviewer may review.
pub fn draw(
    result: &ScanResult,
    reviewers: &[Reviewer],
    seed: u64,
    size: Size,
    per_brigade: bool,
) -> Result<Draw, String> {
    // Strata in (brigade, procedure) order; cases sorted inside.
    let all = result.cases.to_vec();
    let mut strata: BTreeMap<(String, bool), Vec<&CaseSummary>> = BTreeMap::new();
    for c in &all {
        strata
            .entry((c.brigade.clone(), c.procedure_summary))
            .or_default()
            .push(c);
    }
    for v in strata.values_mut() {
        v.sort_by_key(|c| case_key(c));
    }
    let keys: Vec<(String, bool)> = strata.keys().cloned().collect();
    let sizes: Vec<usize> = strata.values().map(Vec::len).collect();
    let mut take = vec![0usize; keys.len()];
    if per_brigade {
        let mut i = 0;
        while i < keys.len() {
            let j = (i..keys.len())
                .find(|&j| keys[j].0 != keys[i].0)
                .unwrap_or(keys.len());
            let n: usize = sizes[i..j].iter().sum();
            take[i..j].copy_from_slice(&allocate(size.of(n), &sizes[i..j]));
            i = j;
        }
    } else {
        let n: usize = sizes.iter().sum();
        take = allocate(size.of(n), &sizes);
    }
    let sha: BTreeMap<String, Option<String>> =
        result.inputs.iter().map(|i| (i.file, i.sha256)).collect();
    let mut sampled: Vec<&CaseSummary> = Vec::new();
    let mut out_strata = Vec::new();
    for ((key, cases), k) in strata.iter().zip(&take) {
        let label = procedure_label(key.1, Lang::Zh);
        let mut rng = SplitMix64::new(seed ^ fnv1a64(format!("{}\u{1f}{label}", key.0).as_bytes()));
        let mut v = cases.clone();
        rng.shuffle(&mut v);
        sampled.extend(v.into_iter().take(*k));
        out_strata.push(Stratum {
            brigade: key.0.clone(),
            summary: key.1,
            population: cases.len(),
            drawn: *k,
        });
    }
    let owners = assign(&sampled, reviewers, seed)?;
    let mut rows: Vec<Assignment> = sampled
        .iter()
        .zip(owners)
        .map(|(c, r)| Assignment {
            brigade: c.brigade.clone(),
            summary: c.procedure_summary,
            case_no: c.case_no.clone(),
            file: c.file.clone(),
            at: c.at.display(),
            sha256: sha.get(c.file.as_str()).cloned().flatten(),
            reviewer: reviewers[r].name.clone(),
            reviewer_brigade: reviewers[r].brigade.clone(),
        })
        .collect();
    rows.sort_by(|a, b| (&a.brigade, a.summary, a.key()).cmp(&(&b.brigade, b.summary, b.key())));
    Ok(Draw {
        seed,
        rows,
        strata: out_strata,
    })
}

/// Index into `reviewers` for each case (see the module doc).
fn assign(cases: &[&CaseSummary], reviewers: &[Reviewer], seed: u64) -> Result<Vec<usize>, String> {
    let eligible = |c: &CaseSummary| -> Vec<usize> {
        (0..reviewers.len())
            .filter(|&r| reviewers[r].brigade != c.brigade)
            .collect()
    };
    let lists: Vec<Vec<usize>> = cases.iter().map(|c| eligible(c)).collect();
    let stuck: BTreeSet<&str> = cases
        .iter()
        .zip(&lists)
        .filter(|(_, l)| l.is_empty())
        .map(|(c, _)| c.brigade.as_str())
        .collect();
    if !stuck.is_empty() {
        let list: Vec<&str> = stuck.into_iter().collect();
        return Err(match crate::ui::lang() {
            Lang::Zh => format!("没有可审查以下大队案件的外大队审查人：{}", list.join("、")),
            Lang::En => format!("no reviewer from another brigade for: {}", list.join(", ")),
        });
    }
    let mut order: Vec<usize> = (0..cases.len()).collect();
    order.sort_by(|&a, &b| {
        (
            lists[a].len(),
            &cases[a].brigade,
            cases[a].procedure_summary,
            case_key(cases[a]),
        )
            .cmp(&(
                lists[b].len(),
                &cases[b].brigade,
                cases[b].procedure_summary,
                case_key(cases[b]),
            ))
    });
    let mut rng = SplitMix64::new(seed ^ fnv1a64(b"reviewers"));
    let mut load = vec![0usize; reviewers.len()];
    let mut owner = vec![usize::MAX; cases.len()];
    for &i in &order {
        let min = lists[i].iter().map(|&r| load[r]).min().unwrap_or(0);
        let ties: Vec<usize> = lists[i]
            .iter()
            .copied()
            .filter(|&r| load[r] == min)
            .collect();
        let r = ties[rng.below(ties.len() as u64) as usize];
        owner[i] = r;
        load[r] += 1;
    }
    // Direct moves from a reviewer to one with at least two fewer cases; each lowers the sum of
    // squared loads, so this ends.
    'moves: loop {
        for &i in &order {
            let a = owner[i];
            let best = lists[i]
                .iter()
                .copied()
                .filter(|&b| load[b] + 2 <= load[a])
                .min_by_key(|&b| (load[b], b));
            if let Some(b) = best {
                owner[i] = b;
                load[a] -= 1;
                load[b] += 1;
                continue 'moves;
            }
        }
        break;
    }
    Ok(owner)
}

/// Column keys of the assignment table, with their headers.
const COLUMNS: [(&str, &str, &str); 10] = [
    ("no", "序号", "no"),
    ("brigade", "大队", "brigade"),
    ("procedure", "程序", "procedure"),
    ("case_no", "案号", "case no"),
    ("file", "文件", "file"),
    ("at", "位置", "place"),
    ("reviewer", "审查人", "reviewer"),
    ("reviewer_brigade", "审查人大队", "reviewer brigade"),
    ("seed", "种子", "seed"),
    ("sha256", "文件SHA-256", "file SHA-256"),
];

fn header(lang: Lang) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| lang.pick(c.1, c.2).to_string())
        .collect()
}

fn row_texts(d: &Draw, i: usize, a: &Assignment, lang: Lang) -> Vec<String> {
    vec![
        (i + 1).to_string(),
        a.brigade.clone(),
        procedure_label(a.summary, lang).to_string(),
        a.case_no.clone().unwrap_or_default(),
        a.file.clone(),
        a.at.clone(),
        a.reviewer.clone(),
        a.reviewer_brigade.clone(),
        d.seed.to_string(),
        a.sha256.clone().unwrap_or_default(),
    ]
}

/// The assignment table as CSV (UTF-8 with BOM, so Excel/WPS open it as UTF-8).
pub fn to_csv(d: &Draw, lang: Lang) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = w.write_record(header(lang));
    for (i, a) in d.rows.iter().enumerate() {
        let _ = w.write_record(row_texts(d, i, a, lang));
    }
    w.into_inner().unwrap_or_default()
}

/// The assignment table and the draw's parameters as a workbook (same bytes for the same draw).
pub fn to_xlsx(d: &Draw, size: Size, per_brigade: bool, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let rows = d
        .rows
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut r: Vec<Cell> = row_texts(d, i, a, lang)
                .into_iter()
                .map(Cell::Text)
                .collect();
            r[0] = Cell::Int(i as i64 + 1);
            r
        })
        .collect();
    let main = Sheet {
        name: t("抽样分配", "Assignments").into(),
        header: header(lang),
        rows,
        truncated: 0,
    };
    let mut info = Sheet {
        name: t("抽样说明", "Draw").into(),
        header: vec![
            t("项目", "item").into(),
            t("值", "value").into(),
            t("总数", "population").into(),
            t("抽取", "drawn").into(),
        ],
        rows: Vec::new(),
        truncated: 0,
    };
    let kv = |k: &str, v: String| {
        vec![
            Cell::Text(k.into()),
            Cell::Text(v),
            Cell::Empty,
            Cell::Empty,
        ]
    };
    info.rows.push(kv(t("种子", "seed"), d.seed.to_string()));
    info.rows.push(kv(
        t("样本量", "size"),
        match lang {
            Lang::Zh => format!(
                "{}{}",
                size.describe_zh(),
                if per_brigade {
                    "，每个大队分别抽取"
                } else {
                    "，从全部案件中抽取"
                }
            ),
            Lang::En => format!(
                "{}{}",
                size.describe(),
                if per_brigade { ", per-brigade" } else { "" }
            ),
        },
    ));
    info.rows.push(kv(
        t("算法", "algorithm"),
        t(
            "按“大队 × 程序（一般/简易）”分层；各层按样本量比例分配件数（最大余数法）；层内用以种子为起点的 SplitMix64 随机数做 Fisher–Yates 洗牌后取前若干件；每件案件分给工作量最少的外大队审查人。同一种子、同一批案卷，任何人在任何电脑上重跑都得到同一张表。",
            "SplitMix64; Fisher–Yates per stratum (brigade × procedure); largest remainder; least-loaded reviewer from another brigade",
        )
        .into(),
    ));
    info.rows
        .push(kv(t("抽样编号", "draw id"), draw_id(d.seed, &d.rows)));
    info.rows.push(kv(
        t("工具版本", "tool version"),
        format!("caselint {}", env!("CARGO_PKG_VERSION")),
    ));
    for s in &d.strata {
        info.rows.push(vec![
            Cell::Text(t("分层", "stratum").into()),
            Cell::Text(format!(
                "{} / {}",
                s.brigade,
                procedure_label(s.summary, lang)
            )),
            Cell::Int(s.population as i64),
            Cell::Int(s.drawn as i64),
        ]);
    }
    Ok(workbook(&[main, info])?)
}

/// The table printed on the terminal, then each reviewer's load.
pub fn terminal_table(d: &Draw, reviewers: &[Reviewer], lang: Lang) -> String {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header(&header(lang)[..8]);
    for (i, a) in d.rows.iter().enumerate() {
        t.add_row(row_texts(d, i, a, lang)[..8].to_vec());
    }
    let mut load: BTreeMap<&str, usize> = reviewers.iter().map(|r| (r.name.as_str(), 0)).collect();
    for a in &d.rows {
        *load.entry(a.reviewer.as_str()).or_default() += 1;
    }
    let loads: Vec<String> = reviewers
        .iter()
        .map(|r| format!("{} {}", r.name, load[r.name.as_str()]))
        .collect();
    let drawn: usize = d.strata.iter().map(|s| s.drawn).sum();
    let pop: usize = d.strata.iter().map(|s| s.population).sum();
    format!(
        "{t}\n{}: {drawn}/{pop}    {}: {}    {}: {}\n{}: {}\n",
        lang.pick("抽取案件", "cases drawn"),
        lang.pick("种子", "seed"),
        d.seed,
        lang.pick("抽样编号", "draw id"),
        draw_id(d.seed, &d.rows),
        lang.pick("审查人工作量", "reviewer load"),
        loads.join(lang.pick("，", ", "))
    )
}

/// Reads an assignment table written by [`to_csv`] or [`to_xlsx`] (either language).
pub fn read_assignments(path: &Path) -> anyhow::Result<Draw> {
    let name = path.display().to_string();
    let table: Vec<Vec<String>> = if has_ext(path, "csv") {
        let bytes = std::fs::read(path).map_err(|e| {
            anyhow::anyhow!(
                "{}{name}: {}",
                crate::ui::t("无法读取 ", "cannot read "),
                crate::ui::io_reason(&e)
            )
        })?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut rows = Vec::new();
        for rec in r.records() {
            let rec = rec.map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
            rows.push(rec.iter().map(str::to_string).collect());
        }
        rows
    } else {
        use calamine::Reader;
        super::guarded_workbook(path, |mut wb| {
            let first = wb
                .sheet_names()
                .first()
                .cloned()
                .ok_or_else(|| crate::ui::t("没有工作表", "no sheets").to_string())?;
            let range = wb.worksheet_range(&first).map_err(|e| e.to_string())?;
            Ok(range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string().trim().to_string()).collect())
                .collect())
        })
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?
    };
    let head = table
        .first()
        .ok_or_else(|| anyhow::anyhow!("{name}: empty assignment table"))?;
    let mut col: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, h) in head.iter().enumerate() {
        if let Some(c) = COLUMNS.iter().find(|c| c.1 == h.trim() || c.2 == h.trim()) {
            col.insert(c.0, i);
        }
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| c.0 != "no" && c.0 != "sha256" && !col.contains_key(c.0))
        .map(|c| c.1)
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "{name}: {}{}",
            crate::ui::t(
                "不是 caselint 抽样分配表，缺少列：",
                "not a caselint assignment table; missing columns: "
            ),
            missing.join(crate::ui::t("、", ", "))
        );
    }
    let mut rows = Vec::new();
    let mut seed = None;
    let mut errors = Vec::new();
    for (ri, r) in table.iter().enumerate().skip(1) {
        let get = |k: &str| {
            col.get(k)
                .and_then(|&i| r.get(i))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = ri + 1;
        match get("seed").parse::<u64>() {
            Ok(s) if seed.is_none() || seed == Some(s) => seed = Some(s),
            _ => errors.push(format!(
                "{name}: row {line}: bad or differing seed `{}`",
                get("seed")
            )),
        }
        let Some(summary) = parse_procedure(&get("procedure")) else {
            errors.push(format!(
                "{name}: row {line}: unknown procedure `{}`",
                get("procedure")
            ));
            continue;
        };
        let case_no = get("case_no");
        let sha = get("sha256");
        rows.push(Assignment {
            brigade: get("brigade"),
            summary,
            case_no: (!case_no.is_empty()).then_some(case_no),
            file: get("file"),
            at: get("at"),
            sha256: (!sha.is_empty()).then_some(sha),
            reviewer: get("reviewer"),
            reviewer_brigade: get("reviewer_brigade"),
        });
    }
    if !errors.is_empty() {
        anyhow::bail!("{}", errors.join("\n"));
    }
    Ok(Draw {
        seed: seed.unwrap_or(0),
        rows,
        strata: Vec::new(),
    })
}

pub fn has_ext(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

#[cfg(test)]
mod tests;
