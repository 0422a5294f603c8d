//! Stable-toolchain fuzzing: the cargo-fuzz targets' bodies (`fuzz/targets.rs`) driven by a
//! deterministic mutation loop over realistic seeds, so every `cargo test` re-runs a few
//! thousand hostile variants. The long runs are `cargo +nightly fuzz run <target>`
//! (fuzz/README.md). No fuzzing run has found a crash yet; when one does, its minimized input
//! becomes a test here that runs the target on it (not an empty table that proves nothing).

#[path = "../fuzz/targets.rs"]
mod targets;

use caselint_corpus::SplitMix64;

/// Fragments that steer mutations toward the parsers' edges.
const TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "&",
    "&amp;",
    "&#x0;",
    "&#xFFFFFF;",
    "&lol;",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE Case [<!ENTITY a \"aa\">]>",
    "<?xml version=\"1.0\" encoding=\"GBK\"?>",
    "encoding=\"UTF-16\"",
    "\u{feff}",
    "\u{0}",
    "\u{FFFD}",
    "<Case>",
    "</Case>",
    "<Cases>",
    "<案卷>",
    "<Document kind=\"行政处罚决定书\" date=\"",
    "\"",
    "'",
    "=",
    "年",
    "月",
    "日",
    "二〇二二",
    "２０２２",
    "-",
    "/",
    ".",
    "万",
    "亿",
    "元整",
    "伍仟",
    "零",
    "角",
    "分",
    "¥",
    "9999999999999999999",
    "0.000001",
    "《",
    "》",
    "第",
    "条",
    "款",
    "项",
    "之一",
    "（",
    "）",
    "《中华人民共和国消防法》第六十条第一款第三项",
    "是",
    "否",
    "√",
    "天",
    "个工作日",
];

fn mutate(rng: &mut SplitMix64, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = v.len() as u64;
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len) as usize;
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1) as usize;
                v.insert(i, rng.below(256) as u8);
            }
            2 if len > 0 => {
                let a = rng.below(len) as usize;
                let b = (a + 1 + rng.below(64) as usize).min(v.len());
                v.drain(a..b);
            }
            3 if len > 0 => {
                let a = rng.below(len) as usize;
                let b = (a + 1 + rng.below(256) as usize).min(v.len());
                let chunk = v[a..b].to_vec();
                let at = rng.below(v.len() as u64 + 1) as usize;
                v.splice(at..at, chunk);
            }
            4 => {
                let t = rng.pick(TOKENS).as_bytes();
                let at = rng.below(len + 1) as usize;
                v.splice(at..at, t.iter().copied());
            }
            5 if len > 0 => v.truncate(rng.below(len) as usize),
            _ => {
                let t = rng.pick(TOKENS).as_bytes();
                v.extend_from_slice(t);
            }
        }
    }
    v
}

fn run(seeds: &[Vec<u8>], iterations: usize, seed: u64, target: fn(&[u8])) {
    let mut rng = SplitMix64::new(seed);
    for s in seeds {
        target(s);
    }
    for i in 0..iterations {
        let base = &seeds[i % seeds.len()];
        let input = mutate(&mut rng, base);
        // Name the failing input so it can be kept as a regression test.
        let r = std::panic::catch_unwind(|| target(&input));
        assert!(
            r.is_ok(),
            "iteration {i}: input {:?}",
            String::from_utf8_lossy(&input)
        );
    }
}

fn xml_seeds() -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = (0..6)
        .map(|s| caselint_corpus::clean_case(s).into_bytes())
        .collect();
    v.push(b"<Cases><Case><CaseNo>1</CaseNo></Case><Case/></Cases>".to_vec());
    let (gbk, _, _) = encoding_rs::GBK.encode(
        "<?xml version=\"1.0\" encoding=\"GBK\"?><案卷><案件编号>解消立字〔2022〕第1号</案件编号></案卷>",
    );
    v.push(gbk.into_owned());
    v
}

#[test]
fn xml_reader_survives_mutations() {
    run(&xml_seeds(), 6000, 11, targets::xml_reader);
}

#[test]
fn value_parsers_survive_mutations() {
    let seeds: Vec<Vec<u8>> = [
        "2022-03-01",
        "2022/3/1",
        "２０２２年３月１日",
        "20220301 10:30",
        "二〇二二年三月一日",
        "5,000",
        "0.5万元",
        "伍仟元整（¥5,000.00）",
        "人民币壹万贰仟叁佰元整",
        "是",
        "√",
        "15日",
        "十五个工作日",
        "44621.5",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    run(&seeds, 30000, 12, targets::values);
}

#[test]
fn citation_parser_survives_mutations() {
    let seeds: Vec<Vec<u8>> = [
        "《中华人民共和国消防法》第六十条第一款第三项",
        "依据《消防法》第十六条第一款第（二）项、第六十条第一款第一项之规定",
        "《中华人民共和国行政处罚法》（2021年修订）第五十一条",
        "《中华人民共和国消防法》相关规定",
        "第二款",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    run(&seeds, 20000, 13, targets::citation);
}

/// The decision reader on mutations of every decision fixture: refused or read, never a panic.
#[test]
fn decision_reader_survives_mutations() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/decisions");
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    for folder in ["clean", "hit"] {
        let mut names: Vec<_> = std::fs::read_dir(dir.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        seeds.extend(names.iter().map(|p| std::fs::read(p).unwrap()));
    }
    run(&seeds, 1500, 14, targets::decision_reader);
}
