//! The user documentation in `docs/` is current: the rule catalogue (`docs/规则目录.md`) and the
//! name tables of `docs/输入格式.md` (between the `生成` markers) are generated here from the rule
//! registry and the shipped data, and the test fails when the checked-in files differ. To
//! regenerate after changing a rule or the data:
//!
//!     CASELINT_UPDATE_DOCS=1 cargo test --test docs
//!
//! The pages also must not send users to documents they do not have (the specification's files
//! or source ids).

use caselint::finding::Lang;
use caselint::knowledge::Knowledge;
use std::fmt::Write as _;
use std::path::PathBuf;

const BEGIN: &str = "<!-- 以下由 tests/docs.rs 生成，请勿手工修改 -->";
const END: &str = "<!-- 生成结束 -->";
const REGENERATE: &str = "CASELINT_UPDATE_DOCS=1 cargo test --test docs";

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs")
}

/// One line of a Markdown table cell: no pipes, no line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn catalogue() -> String {
    let kb = Knowledge::shipped();
    let infos = caselint::commands::session::all_infos(&kb);
    let zh = Lang::Zh;
    let mut s = String::new();
    s += "# 规则目录\n\n";
    s += "本页由 `tests/docs.rs` 根据规则注册表生成，与 `caselint rules`、`caselint explain 代码` 的内容一致；\n";
    writeln!(s, "请勿手工修改（重新生成：`{REGENERATE}`）。").unwrap();
    s += "“使用的设置”一栏说明规则读取的设置项、当前默认值及其可靠程度，含义见 [数据与本地化](数据与本地化.md)。\n\n";
    s += "| 代码 | 规则 | 级别 | 类别 | 法律依据 |\n|---|---|---|---|---|\n";
    for i in &infos {
        writeln!(
            s,
            "| [{code}](#{anchor}) | {} | {} | {} | {} |",
            cell(i.title.get(zh)),
            i.severity.label(zh),
            i.category.label(zh),
            cell(i.basis.get(zh)),
            code = i.code,
            anchor = i.code.to_lowercase(),
        )
        .unwrap();
    }
    for i in &infos {
        writeln!(
            s,
            "\n## {}\n\n**{}**（{}；{}）\n",
            i.code,
            i.title.get(zh),
            i.name,
            i.title.get(Lang::En)
        )
        .unwrap();
        writeln!(
            s,
            "- 级别：{}；类别：{}",
            i.severity.label(zh),
            i.category.label(zh)
        )
        .unwrap();
        for (label, t) in [
            ("法律依据", i.basis),
            ("检查内容", i.what),
            ("为什么重要", i.why),
            ("示例", i.example),
            ("如何整改", i.fix),
        ] {
            writeln!(s, "- {label}：{}", t.get(zh)).unwrap();
        }
        if !i.settings.is_empty() {
            s += "- 使用的设置：\n";
            for name in i.settings {
                let line = kb
                    .settings
                    .get(name)
                    .map(|st| st.describe(zh))
                    .unwrap_or_else(|| name.to_string());
                writeln!(s, "  - {line}").unwrap();
            }
        }
    }
    s
}

/// The name tables of docs/输入格式.md, from the shipped alias and document data.
fn name_tables() -> String {
    let aliases: toml::Table =
        toml::from_str(caselint::data::shipped_text("aliases.toml")).unwrap();
    let documents: toml::Table =
        toml::from_str(caselint::data::shipped_text("documents.toml")).unwrap();
    let list = |v: Option<&toml::Value>| -> String {
        v.and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str())
                    .map(|x| format!("`{x}`"))
                    .collect::<Vec<_>>()
                    .join("、")
            })
            .unwrap_or_default()
    };
    let mut s = String::new();
    s += "### XML 元素和属性名\n\n";
    s += "元素名和属性名可以互换（标量值既可写成属性，也可写成子元素）；大小写、全角半角、繁简体不影响识别。\n\n";
    s += "| 内部名称 | 可用的名称 |\n|---|---|\n";
    for (key, names) in aliases["xml"].as_table().unwrap() {
        writeln!(s, "| {key} | {} |", list(Some(names))).unwrap();
    }
    s += "\n### 台账列名\n\n";
    s += "“对应步骤”一栏：该列的日期表示这一程序步骤已经进行；单元格为空表示没有进行；台账没有这一列则该步骤“无法判断”。\n\n";
    s += "| 内部名称 | 可用的列名 | 对应步骤 |\n|---|---|---|\n";
    let kinds = documents["kinds"].as_table().unwrap();
    let step_name = |k: &str| {
        kinds
            .get(k)
            .and_then(|t| t.get("name"))
            .and_then(|n| n.as_str())
            .unwrap_or(k)
            .to_string()
    };
    for (key, col) in aliases["columns"].as_table().unwrap() {
        let step = match (
            col.get("step").and_then(|v| v.as_str()),
            col.get("covers").and_then(|v| v.as_str()),
        ) {
            (Some(st), _) => step_name(st),
            (None, Some(c)) => format!("{}（只表明有无，不含日期）", step_name(c)),
            _ => String::new(),
        };
        writeln!(s, "| {key} | {} | {step} |", list(col.get("aliases"))).unwrap();
    }
    s += "\n### 文书种类（`<Document kind=\"…\">`）\n\n";
    s += "“全称”须与文书种类完全一致；“包含”只要出现在较长的标题中即可（如“开封市消防救援支队行政处罚决定书”），取最长的匹配。\n\n";
    s += "| 文书 | 全称 | 包含 |\n|---|---|---|\n";
    for kind in kinds.values() {
        writeln!(
            s,
            "| {} | {} | {} |",
            kind.get("name").and_then(|n| n.as_str()).unwrap_or(""),
            list(kind.get("aliases")),
            list(kind.get("contains"))
        )
        .unwrap();
    }
    s += "\n### 处罚种类（`<Penalty kind=\"…\">`、台账“处罚种类”列）\n\n";
    s += "| 处罚种类 | 全称 | 包含 |\n|---|---|---|\n";
    for p in aliases["penalties"].as_table().unwrap().values() {
        writeln!(
            s,
            "| {} | {} | {} |",
            p.get("name").and_then(|n| n.as_str()).unwrap_or(""),
            list(p.get("aliases")),
            list(p.get("contains"))
        )
        .unwrap();
    }
    s
}

/// `text` with the part between the markers replaced by `generated`.
fn splice(text: &str, generated: &str) -> String {
    let (Some(b), Some(e)) = (text.find(BEGIN), text.find(END)) else {
        panic!("docs/输入格式.md lacks the markers {BEGIN} … {END}");
    };
    format!("{}{BEGIN}\n\n{generated}\n{}", &text[..b], &text[e..])
}

#[test]
fn the_generated_docs_are_current() {
    let update = std::env::var_os("CASELINT_UPDATE_DOCS").is_some();
    let input = docs().join("输入格式.md");
    let input_text = std::fs::read_to_string(&input).unwrap();
    let mut stale = Vec::new();
    for (path, want, have) in [
        (
            docs().join("规则目录.md"),
            catalogue(),
            std::fs::read_to_string(docs().join("规则目录.md")).unwrap_or_default(),
        ),
        (
            input.clone(),
            splice(&input_text, &name_tables()),
            input_text.clone(),
        ),
    ] {
        if want != have {
            if update {
                std::fs::write(&path, want).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "docs/ is out of date with the rule registry or the shipped data: {stale:?}\nregenerate with: {REGENERATE}"
    );
}

#[test]
fn the_docs_send_users_only_where_they_can_go() {
    let re = regex::Regex::new(
        r"(legal|formats|rules|review|style)\.md|(^|[^A-Za-z0-9_])S(1[0-5]|[1-9])([^0-9]|$)",
    )
    .unwrap();
    let link = regex::Regex::new(r"\]\(([^)#:]+\.md)").unwrap();
    let mut bad = Vec::new();
    for entry in std::fs::read_dir(docs()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            if re.is_match(line) {
                bad.push(format!("{}:{}: {line}", path.display(), n + 1));
            }
        }
        // Links between the pages point at pages that exist.
        for c in link.captures_iter(&text) {
            if !docs().join(&c[1]).exists() {
                bad.push(format!("{}: link to missing {}", path.display(), &c[1]));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
