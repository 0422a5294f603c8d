//! The architecture, in code: the layers of `src/`, lowest first. A top-level module may use
//! its own layer or a lower one, never a higher one, and the top-level modules form no cycle.
//! This test reads the sources (`crate::…` paths outside comments) and fails on an upward
//! import, a cycle, or a top-level module missing from the table. See `docs/architecture.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first. Keep in step with `docs/architecture.md`.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundation",
        &[
            "text", "prng", "roots", "finding", "ui", "plain", "spill", "data", "fastmap",
        ],
    ),
    ("model", &["model"]),
    ("law", &["law"]),
    ("knowledge", &["knowledge", "config", "baseline"]),
    ("read", &["read"]),
    ("rules", &["rules"]),
    ("scan", &["scan", "walk", "waivers"]),
    ("report", &["report"]),
    ("commands", &["commands", "review"]),
    ("cli", &["cli", "cli_zh", "progress"]),
];

fn layer_of(module: &str) -> Option<(usize, &'static str)> {
    LAYERS
        .iter()
        .enumerate()
        .find(|(_, (_, mods))| mods.contains(&module))
        .map(|(i, (name, _))| (i, *name))
}

/// Top-level module → (used top-level module → the files that use it).
type Uses = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// The `crate::` paths of one source file, outside comments: each path's first segment.
fn used_modules(src: &str) -> BTreeSet<String> {
    let code: String = src
        .lines()
        .map(|l| match l.trim_start().starts_with("//") {
            true => "",
            false => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        // `caselint::…` or `foo_crate::…` are not this crate's paths.
        let before = rest[..i].chars().next_back();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::{c, d}}`: the first segment of each item at depth one.
            let mut depth = 1;
            let mut item = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => at_start = true,
                    c if depth == 1 && at_start && (c.is_alphanumeric() || c == '_') => {
                        item.push(c)
                    }
                    _ if !item.is_empty() => {
                        out.insert(std::mem::take(&mut item));
                        at_start = false;
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
            if !item.is_empty() {
                out.insert(item);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn read_uses(root: &Path) -> Uses {
    let mut uses = Uses::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let src = std::fs::read_to_string(path).unwrap();
        let file = rel.to_string_lossy().replace('\\', "/");
        let entry = uses.entry(module.clone()).or_default();
        for used in used_modules(&src) {
            if used != module && !["self", "super"].contains(&used.as_str()) {
                entry.entry(used).or_default().insert(file.clone());
            }
        }
    }
    uses
}

/// Every way the uses break the layering, in words.
fn violations(uses: &Uses) -> Vec<String> {
    let mut out = Vec::new();
    for (module, used) in uses {
        let Some((from, from_name)) = layer_of(module) else {
            out.push(format!(
                "`{module}` is in no layer: add it to LAYERS and docs/architecture.md"
            ));
            continue;
        };
        for (target, files) in used {
            match layer_of(target) {
                None if uses.contains_key(target) => {}
                None => continue, // not a module of this crate (a macro path, say)
                Some((to, to_name)) if to > from => out.push(format!(
                    "`{module}` ({from_name}) imports `{target}` ({to_name}), a higher layer, in {}",
                    files.iter().cloned().collect::<Vec<_>>().join(", ")
                )),
                Some(_) => {}
            }
        }
    }
    out.extend(
        cycles(uses)
            .into_iter()
            .map(|c| format!("the top-level modules form a cycle: {}", c.join(" → "))),
    );
    out
}

/// The cycles among top-level modules: one per strongly connected component of more than one
/// module, named by its members in order (Tarjan's algorithm).
fn cycles(uses: &Uses) -> Vec<Vec<String>> {
    struct Tarjan<'a> {
        uses: &'a Uses,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.uses.get(v).into_iter().flat_map(|u| u.keys()) {
                let w = w.as_str();
                if !self.uses.contains_key(w) {
                    continue;
                }
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        uses,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in uses.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.found
}

#[test]
fn src_imports_downward_only_and_has_no_cycle() {
    let uses = read_uses(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(uses.len() > 10, "read too few modules: {:?}", uses.keys());
    let found = violations(&uses);
    assert!(
        found.is_empty(),
        "the layering is broken:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_layer_names_a_module_that_exists() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (_, modules) in LAYERS {
        for m in *modules {
            assert!(
                src.join(format!("{m}.rs")).exists() || src.join(m).join("mod.rs").exists(),
                "LAYERS names `{m}`, which is no module of src/"
            );
        }
    }
}

/// The check catches what it is for: a planted upward import, a cycle within a layer, a module
/// outside the table, a grouped import; comments and other crates' paths do not count.
#[test]
fn a_planted_upward_import_or_cycle_fails() {
    let from = |pairs: &[(&str, &str)]| -> Uses {
        let mut uses = Uses::new();
        for (m, src) in pairs {
            let e = uses.entry(m.to_string()).or_default();
            for u in used_modules(src) {
                if u != *m {
                    e.entry(u).or_default().insert(format!("{m}.rs"));
                }
            }
        }
        uses
    };
    let clean = from(&[
        ("model", "use crate::finding::Place;"),
        ("finding", ""),
        ("read", "use crate::{model::Case, law::{ids, citation}};"),
        ("law", "// see crate::cli::run\nuse crate::model::Case;"),
        (
            "cli",
            "let x = caselint::scan::scan; crate::commands::run();",
        ),
        ("commands", ""),
        ("scan", ""),
    ]);
    assert_eq!(violations(&clean), Vec::<String>::new());

    let upward = from(&[("read", "use crate::rules::Check;"), ("rules", "")]);
    assert_eq!(
        violations(&upward),
        ["`read` (read) imports `rules` (rules), a higher layer, in read.rs"]
    );
    let grouped = from(&[
        ("law", "use crate::{model::Case, knowledge::{Knowledge}};"),
        ("knowledge", ""),
        ("model", ""),
    ]);
    assert_eq!(violations(&grouped).len(), 1, "{:?}", violations(&grouped));

    let cycle = from(&[
        ("scan", "use crate::walk::x;"),
        ("walk", "crate::scan::reread();"),
    ]);
    assert_eq!(
        violations(&cycle),
        ["the top-level modules form a cycle: scan → walk"]
    );

    let stranger = from(&[("gadgets", "use crate::model::Case;"), ("model", "")]);
    assert!(violations(&stranger)[0].contains("`gadgets` is in no layer"));
}

/// Small modules whose names say what they hold: no source file grows past 1,000 lines (its
/// tests go to a `tests.rs` beside it first).
#[test]
fn no_source_file_is_over_a_thousand_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long: Vec<String> = walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter_map(|e| {
            let lines = std::fs::read_to_string(e.path()).unwrap().lines().count();
            (lines > 1000).then(|| format!("{} ({lines} lines)", e.path().display()))
        })
        .collect();
    assert!(long.is_empty(), "split these: {long:?}");
}
