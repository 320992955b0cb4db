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

impl PageLinks<'_> {
    /// The asset a relative path names, from this page's folder.
    fn asset_at(&self, dest: &str) -> Option<&crate::model::Asset> {
        let path = dest.trim().split(['#', '?']).next()?;
        if path.is_empty() || has_scheme(path) || path.starts_with(['/', '\\']) {
            return None;
        }
        let target = join_normalised(parent_dir(&self.page.rel), &percent_decode(path))?;
        self.site.assets_by_rel.get(&target).map(|&a| &self.site.assets[a])
    }
}

impl Links for PageLinks<'_> {
    fn media(&self, dest: &str) -> Option<crate::media::MediaFiles> {
        use crate::media::{companions, kind_of, Caption, MediaFiles};
        let asset = self.asset_at(dest)?;
        let (kind, mime) = kind_of(&asset.rel)?;
        let dir = parent_dir(&asset.rel);
        let in_dir = |rel: &str| parent_dir(rel) == dir;
        let names: Vec<&str> = self.site.assets.iter().filter(|a| in_dir(&a.rel)).map(|a| a.rel.rsplit('/').next().unwrap_or(&a.rel)).collect();
        let name = asset.rel.rsplit('/').next().unwrap_or(&asset.rel);
        let found = companions(name, names);
        let sibling = |file: &str| {
            let rel = if dir.is_empty() { file.to_string() } else { format!("{dir}/{file}") };
            self.site.assets_by_rel.get(&rel).map(|&a| &self.site.assets[a])
        };
        let href = |a: &crate::model::Asset| encode_href(&relative(&self.page.url, &a.url));
        let captions = found
            .captions
            .iter()
            .filter_map(|(lang, file)| {
                let a = sibling(file)?;
                let label = crate::model::lang::Language::new(lang, None, None).map_or_else(|_| lang.clone(), |l| l.name);
                Some(Caption { lang: lang.clone(), label, href: href(a), text: a.text.clone() })
            })
            .collect();
        let code = &self.site.lang.code;
        let pick = found
            .transcripts
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(code))
            .or_else(|| found.transcripts.iter().find(|(l, _)| l.is_empty()))
            .or_else(|| found.transcripts.first());
        let transcript = pick.and_then(|(lang, file)| {
            let text = sibling(file)?.text.clone()?;
            // A language named in the file name wins over the folder it was read from.
            Some(if lang.is_empty() { text } else { std::sync::Arc::new(crate::media::SidecarText { lang: lang.clone(), text: text.text.clone() }) })
        });
        let poster = found.poster.as_deref().and_then(sibling).map(href);
        Some(MediaFiles { kind, mime, href: href(asset), size: asset.size, poster, captions, transcript })
    }

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
        if path_part.is_empty() && is_image {
            return Resolved::Error(format!("the image `{dest}` names no file"), "write the path of the picture: ![What it shows](picture.png)".into());
        }
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
                format!("link only to pages and files inside {}", content_folder(self.page, &self.site.lang.code)),
            );
        };
        let trimmed = target.trim_end_matches('/');
        let page_id = self.site.by_rel.get(trimmed).or_else(|| {
            let index = if trimmed.is_empty() { "index.md".to_string() } else { format!("{trimmed}/index.md") };
            self.site.by_rel.get(&index)
        });
        let hash = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        if let (Some(&id), true) = (page_id, is_image) {
            return Resolved::Error(
                format!("the image `{dest}` is the page `{}`, not a picture", self.site.pages[id].rel),
                "write the path of a picture file (.png, .jpg, .svg …) beside the Markdown".into(),
            );
        }
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
        if self.site.unreadable.contains(trimmed) || self.site.unreadable.contains(&format!("{trimmed}/index.md")) {
            // The page exists; its own error says why it could not be read.
            return Resolved::Keep;
        }
        let what = if is_image { "image" } else { "page or file" };
        // `Report #2.pdf`: the `#` began a heading's id, so the name was cut there.
        if let Some(whole) = fragment.and_then(|f| join_normalised(parent_dir(&self.page.rel), &percent_decode(&format!("{path_part}#{f}")))) {
            if self.site.assets_by_rel.contains_key(whole.as_str()) || self.site.by_rel.contains_key(whole.as_str()) {
                let (before, after) = dest.split_once('#').unwrap_or((dest, ""));
                return Resolved::Error(
                    format!("`{dest}` is read as the {what} `{before}` and the heading `#{after}`: in a link, `#` begins the id of a heading"),
                    format!("write the `#` of the name as `%23`: `{before}%23{after}`, or rename the file without `#`"),
                );
            }
        }
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

/// The language folder a page's file is in (`content/de/`), also where the page is shown in
/// another language, not translated yet: one message for the file, not one per language.
fn content_folder(page: &Page, lang: &str) -> String {
    let depth = page.rel.split('/').count();
    match page.source.ancestors().nth(depth).map(|p| p.to_string_lossy().replace('\\', "/")) {
        Some(folder) if !folder.is_empty() => format!("{folder}/"),
        _ => format!("content/{lang}/"),
    }
}
