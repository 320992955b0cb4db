//! What `check` says about licences and the EU duties once the site is loaded: files under a
//! stricter licence than the pages around them, images and documents nobody credited, and an
//! accessibility statement that lacks its contact or date. Warnings: the site still builds.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::compliance::Compliance;
use crate::model::{LangSite, Site};

/// Files a credit is expected for: what a page shows or offers for download.
const CREDITED_KINDS: &[&str] =
    &["png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "pdf", "doc", "docx", "odt", "ppt", "pptx", "odp", "xls", "xlsx", "ods", "mp4", "webm", "mp3", "ogg"];

pub fn site(site: &Site, diags: &mut Diagnostics) {
    let Some(default) = site.langs.first() else { return };
    stricter_files(site, default, diags);
    uncredited_files(site, default, diags);
    accessibility(site, diags);
}

/// The licence of the pages in the folder that holds `rel`.
fn folder_licence(site: &Site, lang: &LangSite, rel: &str) -> crate::model::licence::Licence {
    let mut dir = crate::model::url::parent_dir(rel).to_string();
    loop {
        let index = if dir.is_empty() { "index.md".to_string() } else { format!("{dir}/index.md") };
        if let Some(&id) = lang.by_rel.get(&index) {
            return super::licence_of(site, lang, id);
        }
        if dir.is_empty() {
            return site.config.licence.clone();
        }
        dir = crate::model::url::parent_dir(&dir).to_string();
    }
}

fn stricter_files(site: &Site, lang: &LangSite, diags: &mut Diagnostics) {
    for (rel, credit) in &lang.credits {
        let Some(licence) = &credit.licence else { continue };
        let pages = folder_licence(site, lang, rel);
        if credit.note.is_none() && licence.stricter_than(&pages) {
            diags.push(
                Diagnostic::warning(
                    &credit.declared_in,
                    credit.line,
                    credit.col,
                    format!(
                        "`{}` is under {}, which asks more of re-users than the {} of the pages beside it",
                        rel.rsplit('/').next().unwrap_or(rel),
                        licence.short_name(),
                        pages.short_name()
                    ),
                )
                .with_hint("say so with `note:` (e.g. `note: Not covered by the page's licence.`), or use a file under a licence the pages' licence allows"),
            );
        }
    }
}

fn uncredited_files(site: &Site, lang: &LangSite, diags: &mut Diagnostics) {
    let mut by_folder: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for a in &lang.assets {
        let ext = a.rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if CREDITED_KINDS.contains(&ext.as_str()) && !lang.credits.contains_key(&a.rel) {
            by_folder.entry(crate::model::url::parent_dir(&a.rel)).or_default().push(a.rel.rsplit('/').next().unwrap_or(&a.rel));
        }
    }
    for (dir, names) in by_folder {
        let folder = if dir.is_empty() { format!("content/{}", lang.lang.code) } else { format!("content/{}/{dir}", lang.lang.code) };
        diags.push(
            Diagnostic::warning(
                &folder,
                0,
                0,
                format!(
                    "no known licence for {}: they are published as the site's own work under {}",
                    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                    site.config.licence.short_name()
                ),
            )
            .with_hint(format!(
                "if someone else made a file, add `{}.yaml` beside it (or a `credits.yaml` in the folder) with its author, source and licence",
                names[0]
            )),
        );
    }
}

fn accessibility(site: &Site, diags: &mut Diagnostics) {
    let config = &site.config;
    let a11y = &config.accessibility;
    let at = config.position("accessibility");
    let (l, c) = if at == (0, 0) { (1, 1) } else { at };
    if a11y.contact.is_none() {
        diags.push(
            Diagnostic::warning("site.yaml", l, c, "the accessibility statement has no contact for feedback")
                .with_hint("add `accessibility:` → `contact: accessibility@example.org` (an e-mail or web address); EU public-sector sites must offer one"),
        );
    }
    if a11y.date.is_none() {
        diags.push(
            Diagnostic::warning("site.yaml", l, c, "the accessibility statement has no date")
                .with_hint("add `accessibility:` → `date: YYYY-MM-DD`, the day you last reviewed the statement"),
        );
    }
    if a11y.status == Compliance::Full {
        let issues: usize = site.langs.iter().map(|l| super::pages::known_issues(l).len()).sum();
        if issues > 0 {
            diags.push(
                Diagnostic::warning(
                    "site.yaml",
                    l,
                    c,
                    format!(
                        "`status: full`, but the statement lists {} that {} not accessible",
                        crate::diagnostics::count(issues, "item"),
                        if issues == 1 { "is" } else { "are" }
                    ),
                )
                .with_hint("use `status: partial`, or add captions (.vtt beside each video) and check the documents"),
            );
        }
    }
}
