//! The command line in Chinese: help texts chosen at run time (the English ones are the doc
//! comments of the argument definitions in [`crate::cli`]), Chinese section headings, and usage
//! errors rewritten from clap's error kind and context. English keeps clap's own rendering.

use crate::finding::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The Chinese help of an argument (`cmd` is the subcommand name, "" for the top level).
fn arg_help(cmd: &str, id: &str) -> Option<&'static str> {
    Some(match (cmd, id) {
        (_, "lang") => "输出语言：zh（默认）或 en",
        (_, "config") => "配置文件（默认：当前目录或上级目录中的 caselint.toml）",
        (_, "checks") => "附加检查目录（法律条文表、别名、规则等），覆盖内置 checks/ 数据；相对路径相同的文件替换内置文件",
        ("check", "paths") => "要检查的文件或文件夹",
        ("check", "format") => "输出格式（默认按 -o 文件的扩展名，否则为表格）",
        ("check", "output") => "把结果写入文件；格式按扩展名确定：.xlsx、.html、.json、.csv、.sarif、.xml（JUnit），其他为表格文本",
        ("check", "threads") => "工作线程数（0 = 每个处理器核心一个）",
        ("check", "follow_symlinks") => "遍历文件夹时跟随符号链接（会检测并报告循环）",
        ("check", "max_file_size") => "读取文件的最大字节数；更大的文件报告为 F001，不读取",
        ("check", "max_unzipped_size") => "工作簿解压后的最大总字节数；超过的（压缩炸弹）报告为 F001，不读取",
        ("check", "spill_after") => "内存中保留的案件和文件记录数；超过后写入临时文件（TMPDIR，退出时删除），内存不随文件数增长",
        ("check", "fail_on") => "存在该级别及以上的问题时退出码为 1（默认：warning）",
        ("check", "baseline") => "只报告此基线文件中没有记录的问题",
        ("check", "write_baseline") => "把当前问题记录为已接受的基线，写入文件",
        ("check", "waivers") => "豁免文件：经审批的例外，含理由、审批人和到期日",
        ("check", "statistics") => "按规则、类别和大队统计数量，而不列出问题",
        ("check", "exit_zero") => "运行本身成功时总是以 0 退出",
        ("check", "mask") => "在输出中遮盖人名和身份证号（给其他大队看时）",
        ("check", "no_mask") => "不遮盖人名和身份证号",
        ("check", "title") => "报告标题（单位、年度、范围）",
        ("check", "allow_empty") => "允许输入中没有案卷文件（否则退出码为 2）",
        ("cite", "text") => "法律依据原文，如 《中华人民共和国消防法》第六十条第一款第（三）项",
        ("cite", "format") => "输出格式",
        ("cite", "date") => "按哪一天的有效法律查条文（YYYY-MM-DD，默认今天）",
        ("rules", "format") => "输出格式（xlsx 需要 -o 文件）",
        ("rules", "output") => "写入文件（.csv、.json、.xlsx 按扩展名确定格式）",
        ("explain", "code") => "规则代码，如 P003",
        ("export", "dir") => "写入的文件夹",
        ("export", "force") => "覆盖已有文件",
        ("sample", "paths") => "要抽取的文件或文件夹（每个大队一个文件夹）",
        ("sample", "reviewers") => "审查人文件（TOML：[[reviewer]] name = \"…\" brigade = \"…\"）",
        ("sample", "seed") => "公布的抽样种子",
        ("sample", "count") => "抽取的案件数（见 --per-brigade）",
        ("sample", "fraction") => "抽取比例，0 < F ≤ 1，向上取整（见 --per-brigade）",
        ("sample", "per_brigade") => "对每个大队分别按 --count/--fraction 抽取，而不是对全部案件",
        ("sample", "output") => "把抽样分配表写入文件（.xlsx 或 .csv）",
        ("review-sheets", "assignments") => "caselint sample 写出的抽样分配表（.xlsx 或 .csv）",
        ("review-sheets", "paths") => "案卷文件或文件夹（与 sample 相同的导出；可在另一台电脑上、用另一种写法的路径）",
        ("review-sheets", "output") => "审查表的文件夹（每个审查人一个：DIR/<审查人>.xlsx）",
        ("review-sheets", "mask") => "遮盖人名和身份证号（默认即遮盖）",
        ("review-sheets", "no_mask") => "不遮盖人名和身份证号（仅在本单位内部使用时）",
        ("review-sheets", "blank_rows") => "每件案件留给机器发现不了的问题的空行数",
        ("merge", "inputs") => "交回的审查表，或存放审查表的文件夹",
        ("merge", "assignments") => "抽样分配表：核对每个审查人的审查表都已交回",
        ("merge", "format") => "输出格式（默认按 -o 文件的扩展名，否则为 json）",
        ("merge", "output") => "把报告写入文件（xlsx 需要）；.json、.xlsx、.html 按扩展名确定格式",
        _ => return None,
    })
}

/// The Chinese one-line description of a command.
fn about(cmd: &str) -> Option<&'static str> {
    Some(match cmd {
        "" => "检查消防行政处罚案卷的程序和法律适用问题",
        "check" => "检查案卷文件和台账（文件或文件夹）",
        "cite" => "显示一段法律依据如何解读为条款引用，以及条款是否存在",
        "rules" => "列出生效的规则",
        "explain" => "解释一条规则：检查什么、为什么、依据、示例、如何整改",
        "init" => "在当前文件夹写入带注释的 caselint.toml 模板",
        "config" => "显示生效的配置、设置及其来源",
        "checks" => "内置检查数据",
        "export" => "把内置检查数据文件（含注释）写到文件夹，供大队复制修改",
        "sample" => "为交叉互查抽取可复现的案件样本并分配审查人",
        "review-sheets" => "为抽样的每个审查人写一份审查工作簿",
        "merge" => "合并交回的审查工作簿，生成最终问题和报告",
        _ => return None,
    })
}

/// The help template in Chinese (headings are set on the arguments).
const TEMPLATE_ZH: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

fn help_arg(lang: Lang) -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(lang.pick("显示帮助", "Print help"))
}

/// Rewrites a command (and its subcommands) for `lang`: help texts, headings, usage, the help
/// flag; the `help` subcommand is handled in [`normalize_args`].
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let cmd = cmd.disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(lang.pick("显示版本", "Print version")),
    );
    walk(cmd, "", lang, &[])
}

fn walk(mut cmd: Command, name: &str, lang: Lang, path: &[&str]) -> Command {
    cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(help_arg(lang));
    if lang == Lang::Zh {
        if let Some(a) = about(name) {
            cmd = cmd.about(a).long_about(None);
        }
        let sub_name = name.to_string();
        cmd = cmd
            .help_template(TEMPLATE_ZH)
            .subcommand_help_heading("命令")
            .subcommand_value_name("命令")
            .mut_args(|a| {
                let positional = a.is_positional();
                let mut help = arg_help(&sub_name, a.get_id().as_str())
                    .map(str::to_string)
                    .or_else(|| a.get_help().map(|h| h.to_string()))
                    .unwrap_or_default();
                let values: Vec<String> = a
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_string())
                    .collect();
                let is_flag = matches!(
                    a.get_action(),
                    ArgAction::SetTrue | ArgAction::SetFalse | ArgAction::Count
                );
                if !values.is_empty() && !is_flag {
                    help += &format!("（可选：{}）", values.join("、"));
                }
                let defaults: Vec<String> = a
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                if !defaults.is_empty() && !is_flag {
                    help += &format!("（默认：{}）", defaults.join("、"));
                }
                let takes = a.get_action().takes_values();
                let mut a = a.help(help).long_help(None);
                if takes {
                    a = a.hide_possible_values(true).hide_default_value(true);
                }
                let names: Vec<String> = a
                    .get_value_names()
                    .map(|v| v.iter().map(|s| s.to_string()).collect())
                    .unwrap_or_default();
                let zh_name = |n: &str| -> Option<&'static str> {
                    Some(match n {
                        "FILE" => "文件",
                        "DIR" => "文件夹",
                        "DATE" => "日期",
                        "FORMAT" => "格式",
                        "LANG" => "语言",
                        "PATHS" | "paths" => "路径",
                        "TEXT" | "text" => "法律依据",
                        "CODE" | "code" => "规则代码",
                        "INPUTS" | "inputs" => "审查表",
                        "THREADS" => "线程数",
                        "MAX_FILE_SIZE" | "MAX_UNZIPPED_SIZE" => "字节数",
                        "SPILL_AFTER" => "记录数",
                        "FAIL_ON" => "级别",
                        "SEED" => "种子",
                        "COUNT" => "件数",
                        "FRACTION" => "比例",
                        "BLANK_ROWS" => "行数",
                        "DIR_" | "dir" => "文件夹",
                        _ => return None,
                    })
                };
                let own = if names.is_empty() {
                    vec![a.get_id().as_str().to_ascii_uppercase()]
                } else {
                    names
                };
                if takes {
                    if let [one] = own.as_slice() {
                        if let Some(z) = zh_name(one) {
                            a = a.value_name(z);
                        }
                    }
                }
                if a.get_help_heading().is_none() {
                    a = a.help_heading(if positional { "参数" } else { "选项" });
                }
                a
            });
        let mut full: Vec<&str> = vec!["caselint"];
        full.extend(path);
        if !name.is_empty() {
            full.push(name);
        }
        let positionals: Vec<String> = cmd
            .get_positionals()
            .map(|a| {
                let v = a
                    .get_value_names()
                    .and_then(|v| v.first().map(|s| s.to_string()))
                    .unwrap_or_else(|| a.get_id().as_str().to_ascii_uppercase());
                let many = matches!(a.get_num_args(), Some(r) if r.max_values() > 1);
                let dots = if many { "..." } else { "" };
                if a.is_required_set() {
                    format!(" <{v}>{dots}")
                } else {
                    format!(" [{v}]{dots}")
                }
            })
            .collect();
        let sub = if cmd.has_subcommands() {
            " <命令>"
        } else {
            ""
        };
        cmd = cmd.override_usage(format!(
            "{} [选项]{}{sub}",
            full.join(" "),
            positionals.concat()
        ));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut child_path: Vec<&str> = path.to_vec();
    if !name.is_empty() {
        child_path.push(name);
    }
    for n in names {
        cmd = cmd.mut_subcommand(&n, |s| walk(s, &n, lang, &child_path));
    }
    cmd
}

/// `caselint help [COMMAND…]` means `caselint [COMMAND…] --help`.
pub fn normalize_args(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let first = args
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, a)| !a.to_string_lossy().starts_with('-'))
        .map(|(i, _)| i);
    if let Some(i) = first {
        if args[i] == "help" {
            args.remove(i);
            args.push("--help".into());
        }
    }
    args
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A usage error in Chinese: what is wrong, a suggestion when clap has one, the usage line.
/// `None` for errors that are not usage errors (help and version are printed as clap renders
/// them, in the language of the localized command).
pub fn render_error(e: &clap::Error) -> Option<String> {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut msg = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::InvalidValue => {
            if value.is_empty() {
                format!("参数 {arg} 需要一个值")
            } else {
                format!("参数 {arg} 的值“{value}”无效")
            }
        }
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => format!(
            "不认识的命令“{}”",
            context(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::NoEquals => format!("参数 {arg} 的值须用等号给出（{arg}=值）"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .map(|s| {
                    if s.is_ascii() {
                        // The standard library's number parsers explain in English.
                        format!("：须为不带符号的整数（原文：{s}）")
                    } else {
                        format!("：{s}")
                    }
                })
                .unwrap_or_default();
            format!("参数 {arg} 的值“{value}”无效{why}")
        }
        ErrorKind::TooManyValues => format!("参数 {arg} 的值过多（“{value}”多余）"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).unwrap_or_default();
            if prior.is_empty() {
                format!("参数 {arg} 不能重复使用")
            } else {
                format!("参数 {arg} 不能与 {prior} 同时使用")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ => format!("命令行有误：{}", e.kind()),
    };
    if let Some(valid) = context(e, ContextKind::ValidValue) {
        msg += &format!("\n  可选值：{valid}");
    }
    if let Some(s) = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedValue))
        .or_else(|| context(e, ContextKind::SuggestedSubcommand))
    {
        msg += &format!("\n  是否想用：{s}");
    }
    if let Some(s) = context(e, ContextKind::Suggested) {
        if !s.trim().is_empty() && s.is_ascii() {
            // clap's own tips are English (e.g. "to pass '-x' as a value, use '-- -x'").
            msg += "\n  如要把以“-”开头的文字作为值，请写在 -- 之后";
        }
    }
    let usage = context(e, ContextKind::Usage)
        .map(|u| {
            let u = u.trim();
            let u = u.strip_prefix("Usage:").unwrap_or(u).trim();
            let u = u.strip_prefix("用法：").unwrap_or(u).trim();
            format!("\n\n用法：{u}\n\n运行时加 --help 查看帮助。")
        })
        .unwrap_or_default();
    Some(format!("错误：{msg}{usage}\n"))
}
