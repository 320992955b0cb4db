//! The editable sources of a site, read for the source bundle: site.yaml, the logo, and every
//! file under `content/` (translation stamps included), `i18n/` and `themes/`. Junk files
//! (editor backups, OS files) are left out, as the build leaves them out; a symbolic link inside
//! the site is bundled as a copy of the file it points to.

use std::path::Path;

use crate::files;

/// All sources together may hold this much; a larger site gets no bundle.
pub const MAX_BUNDLE_BYTES: u64 = 256 * 1024 * 1024;

/// (path inside the site folder with `/`, bytes), or why the sources cannot be bundled; the
/// files `left_out` names (drafts, by that path) are not.
pub fn collect(root: &Path, logo: Option<&str>, left_out: &dyn Fn(&str) -> bool) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut total = 0u64;
    let mut add = |rel: String, out: &mut Vec<(String, Vec<u8>)>| -> Result<(), String> {
        let bytes = files::read_inside(root, Path::new(&rel), MAX_BUNDLE_BYTES).map_err(|p| format!("{rel}: {}", p.message()))?;
        total += bytes.len() as u64;
        if total > MAX_BUNDLE_BYTES {
            return Err(format!("the sources hold more than {}", files::human_size(MAX_BUNDLE_BYTES)));
        }
        out.push((rel, bytes));
        Ok(())
    };
    add(crate::model::config::FILE_NAME.to_string(), &mut out)?;
    for top in ["content", "i18n", "themes"] {
        let dir = root.join(top);
        if !dir.is_dir() || files::resolve_inside(root, &dir).is_err() {
            continue;
        }
        // Problems of links were reported when the site was loaded; here they are left out.
        let keep = |name: &str| !super::is_ignored(name) || name == crate::translations::STAMP_FILE;
        for entry in crate::files::walk::walk(root, &dir, keep).0 {
            if entry.kind != crate::files::walk::Kind::File {
                continue;
            }
            let Ok(rel) = entry.path.strip_prefix(root) else { continue };
            let Some(rel) = rel.to_str() else { continue };
            let rel = rel.replace('\\', "/");
            if left_out(&rel) {
                continue;
            }
            // A link inside the site is bundled as the file it points to, under its own name.
            add(rel, &mut out)?;
        }
    }
    if let Some(logo) = logo.map(|l| l.trim_start_matches("./").to_string()) {
        if !out.iter().any(|(r, _)| *r == logo) {
            add(logo, &mut out)?;
        }
    }
    Ok(out)
}
