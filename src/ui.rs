//! The language of the command line itself: help, usage errors and the error lines a run ends
//! with. Chinese unless `--lang en` is given, the configuration says `lang = "en"`, or (when
//! neither says) the environment's locale is English (`LC_ALL`/`LC_MESSAGES`/`LANG` = `en…`).
//! One language per line: errors are never printed twice.

use crate::finding::Lang;
use std::ffi::OsString;
use std::sync::atomic::{AtomicU8, Ordering};

static LANG: AtomicU8 = AtomicU8::new(0);

/// The language of the command line's own messages.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Zh,
    }
}

/// Sets the language of the command line's own messages.
pub fn set(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// Picks the text for the command line's language.
pub fn t<'a>(zh: &'a str, en: &'a str) -> &'a str {
    lang().pick(zh, en)
}

/// The language `--lang` names on a raw command line, if any.
pub fn from_args(args: &[OsString]) -> Option<Lang> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        match value.as_deref().map(str::trim) {
            Some("en") => return Some(Lang::En),
            Some("zh") => return Some(Lang::Zh),
            _ => {}
        }
    }
    None
}

/// The language of the environment's locale: English for `en…`, otherwise Chinese.
pub fn from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if v.is_empty() {
                continue;
            }
            return if v.to_ascii_lowercase().starts_with("en") {
                Lang::En
            } else {
                Lang::Zh
            };
        }
    }
    Lang::Zh
}

/// The command line's language before the configuration is read.
pub fn detect(args: &[OsString]) -> Lang {
    from_args(args).unwrap_or_else(from_env)
}

/// Whether the language was chosen on the command line (then the configuration does not change
/// it).
pub fn explicit(args: &[OsString]) -> bool {
    from_args(args).is_some()
}

/// A message written in both languages ("中文 / English") in the command line's language; any
/// other message unchanged.
pub fn one_language(message: &str) -> String {
    let Some(i) = message.rfind(" / ") else {
        return message.to_string();
    };
    let (zh, en) = (&message[..i], &message[i + 3..]);
    let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let english_after = en.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if !chinese(zh) || !english_after || chinese(en) {
        return message.to_string();
    }
    match lang() {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// An I/O error's reason in the command line's language.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let zh = match e.kind() {
        NotFound => "文件或文件夹不存在",
        PermissionDenied => "没有权限",
        AlreadyExists => "已存在",
        InvalidData => "不是 UTF-8 文本",
        IsADirectory => "这是文件夹，不是文件",
        StorageFull => "磁盘已满",
        _ => "",
    };
    match lang() {
        Lang::Zh if !zh.is_empty() => zh.to_string(),
        Lang::Zh => format!("系统错误（{e}）"),
        Lang::En => e.to_string(),
    }
}

/// A TOML/serde message (English, from the library) with a Chinese explanation in front; a
/// message already in Chinese is kept.
pub fn explain_library_message(m: &str) -> String {
    if m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && !m.is_ascii() {
        // Ours, already Chinese (a quoted Chinese name inside an English message is rare).
        if !m.starts_with("unknown") && !m.starts_with("missing") && !m.starts_with("invalid") {
            return m.to_string();
        }
    }
    let names = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let n = names(rest);
        if let Some((first, valid)) = n.split_first() {
            return format!(
                "不认识的键“{first}”，可用的键：{}（原文：{m}）",
                valid.join("、")
            );
        }
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        if let Some(first) = names(rest).first() {
            return format!("缺少键“{first}”（原文：{m}）");
        }
    }
    if m.starts_with("invalid type") {
        return format!("值的类型不对（原文：{m}）");
    }
    if m.starts_with("duplicate key") {
        return format!("键重复（原文：{m}）");
    }
    if m.starts_with("invalid") || m.starts_with("expected") || m.starts_with("unclosed") {
        return format!("TOML 格式错误（原文：{m}）");
    }
    if m.is_ascii() {
        return format!("文件内容有误（原文：{m}）");
    }
    m.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_flag_is_found_in_either_form() {
        assert_eq!(
            from_args(&args(&["caselint", "check", "--lang", "en"])),
            Some(Lang::En)
        );
        assert_eq!(
            from_args(&args(&["caselint", "--lang=zh", "rules"])),
            Some(Lang::Zh)
        );
        assert_eq!(from_args(&args(&["caselint", "--", "--lang", "en"])), None);
        assert_eq!(from_args(&args(&["caselint", "check", "x"])), None);
    }

    #[test]
    fn two_language_messages_keep_one() {
        set(Lang::Zh);
        assert_eq!(one_language("缺少结论 / missing verdict"), "缺少结论");
        assert_eq!(one_language("路径 a / b 不存在"), "路径 a / b 不存在");
        assert_eq!(one_language("x / y"), "x / y");
    }
}
