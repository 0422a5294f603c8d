//! `caselint config` (the configuration in force and where each value came from) and
//! `caselint init` (a commented starter caselint.toml).

use super::session::{check_dirs, data_files, session, Session, SessionOptions};
use super::Outcome;
use crate::config::Origin;
use crate::finding::Lang;
use crate::ui::io_reason;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// `caselint config`.
pub fn show(opts: &SessionOptions) -> anyhow::Result<Outcome> {
    let s = session(opts)?;
    print!("{}", describe_config(opts, &s));
    Ok(Outcome::Clean)
}

/// `caselint init`: writes the starter configuration in the current folder, never over one.
pub fn init() -> anyhow::Result<Outcome> {
    let path = PathBuf::from(crate::config::FILE_NAME);
    if path.exists() {
        anyhow::bail!(
            "{}{}",
            path.display(),
            crate::ui::t(" 已存在，未覆盖", " already exists; not overwritten")
        );
    }
    std::fs::write(&path, crate::config::STARTER).map_err(|e| {
        anyhow::anyhow!(
            "{}{}: {}",
            crate::ui::t("无法写入 ", "cannot write "),
            path.display(),
            io_reason(&e)
        )
    })?;
    println!("{}", path.display());
    Ok(Outcome::Clean)
}

/// A setting value as it would be written in caselint.toml.
fn toml_value(v: &crate::knowledge::settings::Value) -> String {
    use crate::knowledge::settings::Value;
    match v {
        Value::Text(t) => format!("{t:?}"),
        Value::Period(p) => format!("\"{p}\""),
        Value::List(l) => format!(
            "[{}]",
            l.iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// What `caselint config` prints: each value in force and where it came from.
pub fn describe_config(opts: &SessionOptions, s: &Session) -> String {
    let lang = s.lang;
    let c = &s.config;
    let h = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut out = String::new();
    let file = c
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| {
            h(
                "（未找到 caselint.toml，使用默认值）",
                "(no caselint.toml found; defaults)",
            )
            .to_string()
        });
    out += &format!("# {}: {file}\n", h("配置文件", "configuration file"));
    out += &format!(
        "# {}: {}\n",
        h(
            "检查数据哈希（规则、数据和配置）",
            "rules hash (rules, data and configuration)"
        ),
        s.rules_hash
    );
    out += "\n[check]\n";
    let origin_lang = match (&opts.lang, &c.lang) {
        (Some(_), _) => Origin::CommandLine,
        (None, Some(l)) => l.origin.clone(),
        _ => Origin::Default,
    };
    let code = match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    out += &format!("lang = \"{code}\"    # {}\n", origin_lang.describe(lang));
    let list = |name: &str, v: &[crate::config::Sourced<String>]| {
        if v.is_empty() {
            format!("{name} = []    # {}\n", Origin::Default.describe(lang))
        } else {
            let codes: Vec<String> = v.iter().map(|s| format!("\"{}\"", s.value)).collect();
            let origins: BTreeSet<String> = v.iter().map(|s| s.origin.describe(lang)).collect();
            format!(
                "{name} = [{}]    # {}\n",
                codes.join(", "),
                origins.into_iter().collect::<Vec<_>>().join(", ")
            )
        }
    };
    out += &list("select", &c.select);
    out += &list("ignore", &c.ignore);
    if !c.select.is_empty() || !c.ignore.is_empty() {
        out += &format!(
            "# {}\n",
            h(
                "F001–F003（文件无法读取、XML 格式错误、编码不符）总会报告：可调低级别，不能关闭",
                "F001–F003 (unreadable file, malformed XML, wrong encoding) are always reported: they can be downgraded, not turned off"
            )
        );
    }
    match &c.fail_on {
        Some(f) => {
            out += &format!(
                "fail-on = \"{}\"    # {}\n",
                f.value.as_str(),
                f.origin.describe(lang)
            )
        }
        None => {
            out += &format!(
                "fail-on = \"warning\"    # {}\n",
                Origin::Default.describe(lang)
            )
        }
    }
    match &c.threads {
        Some(t) => out += &format!("threads = {}    # {}\n", t.value, t.origin.describe(lang)),
        None => {
            out += &format!(
                "threads = 0    # {}（{}）\n",
                Origin::Default.describe(lang),
                h("每个处理器核心一个", "one per core")
            )
        }
    }
    let dirs = check_dirs(opts, c);
    if dirs.is_empty() {
        out += &format!(
            "checks = []    # {}\n",
            h("只用内置检查数据", "shipped check data only")
        );
    }
    for (d, origin) in &dirs {
        out += &format!(
            "checks = \"{}\"    # {}\n",
            d.display(),
            origin.describe(lang)
        );
    }
    if let Some(w) = &c.waivers {
        out += &format!(
            "waivers = \"{}\"    # {}\n",
            w.value.display(),
            w.origin.describe(lang)
        );
    }
    if !c.severity.is_empty() {
        out += "\n[severity]\n";
    }
    for (code, sev) in &c.severity {
        out += &format!(
            "{code} = \"{}\"    # {}\n",
            sev.value.as_str(),
            sev.origin.describe(lang)
        );
    }
    for p in &c.per_path {
        let severity: Vec<String> = p
            .severity
            .iter()
            .map(|(k, v)| format!("{k} = \"{}\"", v.as_str()))
            .collect();
        out += &format!(
            "\n[[per-path]]\nglob = \"{}\"\nignore = {:?}\nseverity = {{ {} }}\n",
            p.glob,
            p.ignore,
            severity.join(", ")
        );
    }
    out += &format!(
        "\n[settings]    # {}\n",
        h(
            "每项设置的值、来源和可信度",
            "every setting's value, origin and certainty"
        )
    );
    let settings_origin = data_files(opts, c)
        .ok()
        .and_then(|f| f.get("settings.toml").map(|(o, _)| o.to_string()))
        .unwrap_or_default();
    for setting in s.kb.settings.iter() {
        let origin = match c.settings.get(&setting.name) {
            Some(v) => v.origin.describe(lang),
            None if settings_origin.starts_with("checks/") => {
                h("内置检查数据", "shipped check data").to_string()
            }
            None => settings_origin.clone(),
        };
        let value = match setting.versions.as_slice() {
            [only] if only.from.is_none() && only.until.is_none() => toml_value(&only.value),
            versions => versions
                .iter()
                .map(|v| {
                    format!(
                        "{} ({}–{})",
                        toml_value(&v.value),
                        v.from.map(|d| d.to_string()).unwrap_or_default(),
                        v.until.map(|d| d.to_string()).unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
        };
        let unit = match setting.unit.as_deref() {
            Some("yuan") => h("单位：元；", "unit: yuan; "),
            _ => "",
        };
        out += &format!(
            "\"{}\" = {}    # {}{}{}{}{}\n",
            setting.name,
            value,
            unit,
            h("来源：", "origin: "),
            origin,
            h("；可信度：", "; certainty: "),
            crate::plain::certainty(&setting.mark, lang)
        );
    }
    out
}
