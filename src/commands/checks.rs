//! `caselint checks export DIR`: the shipped check data, comments and all, for a brigade to copy
//! and adapt.

use super::Outcome;
use crate::finding::Lang;
use crate::ui::io_reason;

/// `caselint checks export DIR [--force]`: writes the files and says how many.
pub fn export(dir: &std::path::Path, force: bool) -> anyhow::Result<Outcome> {
    let written = export_checks(dir, force)?;
    println!(
        "{}",
        match crate::ui::lang() {
            Lang::Zh => format!("已写入 {written} 个检查数据文件到 {}", dir.display()),
            Lang::En => format!("wrote {written} check data files to {}", dir.display()),
        }
    );
    Ok(Outcome::Clean)
}

/// `caselint checks export DIR`: writes every shipped data file, comments and all. Refuses to
/// overwrite an existing file (a brigade's adapted copy) unless `force`; nothing is written
/// when one would be.
pub fn export_checks(dir: &std::path::Path, force: bool) -> anyhow::Result<usize> {
    let mut files = Vec::new();
    fn walk(
        d: &'static include_dir::Dir<'static>,
        out: &mut Vec<&'static include_dir::File<'static>>,
    ) {
        out.extend(d.files());
        for sub in d.dirs() {
            walk(sub, out);
        }
    }
    walk(&crate::data::SHIPPED, &mut files);
    files.sort_by_key(|f| f.path());
    if !force {
        let existing: Vec<String> = files
            .iter()
            .map(|f| dir.join(f.path()))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            anyhow::bail!(
                "{}\n  {}",
                crate::ui::t(
                    "以下文件已存在，未覆盖（可能是已修改的本地数据；确要覆盖请加 --force）：",
                    "these files exist and were not overwritten (they may be adapted local data; add --force to overwrite):"
                ),
                existing.join("\n  ")
            );
        }
    }
    for f in &files {
        let to = dir.join(f.path());
        let write = || -> std::io::Result<()> {
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&to, f.contents())
        };
        write().map_err(|e| {
            anyhow::anyhow!(
                "{}{}: {}",
                crate::ui::t("无法写入 ", "cannot write "),
                to.display(),
                io_reason(&e)
            )
        })?;
    }
    Ok(files.len())
}
