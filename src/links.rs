//! Link resolution for one page: how a target written in Markdown becomes an href.
//!
//! Relative paths to `.md` files (as in GitHub's preview) become relative links to the page's
//! HTML; folders become their `index.html`; files beside the Markdown keep their place. A link
//! that leaves `content/<lang>/`, an absolute path, a missing page or file, or a remote image
//! (a request leaving the site) is a [`Resolved::Error`] with a hint.

use crate::diagnostics::suggest;
use crate::markdown::{Links, Resolved};
use crate::model::url::{encode_href, join_normalised, parent_dir, percent_decode, relative};
use crate::model::{LangSite, Page};

pub struct PageLinks<'a> {
    pub site: &'a LangSite,
    pub page: &'a Page,
    /// Extra link targets (e.g. quiz files) by rel path → output path relative to `dist/<lang>/`.
    pub extra: &'a dyn Fn(&str) -> Option<String>,
}

/// `https:`, `mailto:`, `tel:` … (a scheme of letters, then a colon, before any slash).
fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) && !scheme.contains('/')
        }
        None => false,
    }
}

impl Links for PageLinks<'_> {
    fn resolve(&self, dest: &str, is_image: bool) -> Resolved {
        let dest = dest.trim();
        if dest.is_empty() {
            return Resolved::Error("this link has no target".into(), "write the path in the parentheses: [text](other-page.md)".into());
        }
        if has_scheme(dest) || dest.starts_with("//") {
            let lower = dest.to_ascii_lowercase();
            if lower.starts_with("javascript:") || lower.starts_with("data:text/html") || lower.starts_with("vbscript:") {
                return Resolved::Error("script links are not allowed".into(), "link to a page or a file instead".into());
            }
            if is_image && !lower.starts_with("data:image/") {
                return Resolved::Error(
                    format!("the image `{dest}` is loaded from another site"),
                    "download the image and put it beside the Markdown file: pages never load anything from elsewhere".into(),
                );
            }
            return Resolved::Keep;
        }
        if dest.starts_with('/') || dest.starts_with('\\') {
            return Resolved::Error(
                format!("`{dest}` is an absolute path"),
                "write the path relative to this file, e.g. `../other-module/index.md`, so the site works in any folder".into(),
            );
        }
        let (path_part, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        if path_part.is_empty() {
            return match fragment {
                Some(anchor) if !anchor.is_empty() => Resolved::Anchor { href: dest.into(), page: None, anchor: percent_decode(anchor) },
                _ => Resolved::Keep,
            };
        }
        let decoded = percent_decode(path_part);
        let Some(target) = join_normalised(parent_dir(&self.page.rel), &decoded) else {
            return Resolved::Error(
                format!("`{dest}` leaves the content folder"),
                format!("link only to pages and files inside content/{}/", self.site.lang.code),
            );
        };
        let trimmed = target.trim_end_matches('/');
        let page_id = self.site.by_rel.get(trimmed).or_else(|| {
            let index = if trimmed.is_empty() { "index.md".to_string() } else { format!("{trimmed}/index.md") };
            self.site.by_rel.get(&index)
        });
        let hash = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        if let Some(&id) = page_id {
            let href = format!("{}{hash}", encode_href(&relative(&self.page.url, &self.site.pages[id].url)));
            return match fragment {
                Some(anchor) if !anchor.is_empty() => Resolved::Anchor { href, page: Some(id), anchor: percent_decode(anchor) },
                _ => Resolved::Rewrite(href),
            };
        }
        if let Some(&a) = self.site.assets_by_rel.get(trimmed) {
            return Resolved::Rewrite(format!("{}{hash}", encode_href(&relative(&self.page.url, &self.site.assets[a].url))));
        }
        if let Some(url) = (self.extra)(trimmed) {
            return Resolved::Rewrite(format!("{}{hash}", encode_href(&relative(&self.page.url, &url))));
        }
        let what = if is_image { "image" } else { "page or file" };
        let dir = parent_dir(trimmed);
        let name = trimmed.rsplit('/').next().unwrap_or(trimmed);
        let siblings: Vec<&str> =
            self.site.by_rel.keys().chain(self.site.assets_by_rel.keys()).filter(|k| parent_dir(k) == dir).map(|k| k.rsplit('/').next().unwrap_or(k)).collect();
        let hint = match suggest(name, &siblings) {
            Some(best) => {
                let full = if dir.is_empty() { best.to_string() } else { format!("{dir}/{best}") };
                format!("did you mean `{}`? Paths are relative to this file's folder", relative(&self.page.rel, &full))
            }
            None => "check the spelling; paths are relative to this file's folder".into(),
        };
        Resolved::Error(format!("the {what} `{dest}` does not exist"), hint)
    }
}
