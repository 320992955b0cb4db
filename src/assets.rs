//! The pipeline's last step before writing: the files that are not pages. The files beside the
//! lessons (images, media, PDFs), the theme's static files with the generated `site.css` and
//! the logo, and the root `index.html` that sends a visitor to a language.

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::FileProblem;
use crate::model::config::Config;
use crate::model::Site;
use crate::render;
use crate::render::theme::Theme;
use crate::steps::Steps;

/// A logo is shown on every page; more than this would slow every page down.
pub const MAX_LOGO_BYTES: u64 = 5 * 1024 * 1024;

/// The logo named in site.yaml must be an image of the site, and an SVG logo one that runs
/// and loads nothing ([`crate::svg`]; checked at load).
pub fn check_logo(site: &Site, diags: &mut Diagnostics) {
    if let Some(logo) = &site.config.logo {
        if let Some((why, _)) = crate::documents::reason(logo) {
            let (l, c) = site.config.position("logo");
            diags.push(Diagnostic::error("site.yaml", l, c, format!("logo `{logo}`: {why}")).with_hint("use an image: PNG, JPEG, WebP or SVG"));
            return;
        }
        match read_logo(site, logo) {
            Ok(bytes) if crate::svg::is_svg(logo) => diags.extend(crate::svg::diagnostics(Path::new(logo), &bytes)),
            Ok(_) => {}
            Err(p) => {
                let (l, c) = site.config.position("logo");
                let hint = match p {
                    FileProblem::Missing | FileProblem::Folder => "give the path of an image relative to the site folder, e.g. `logo: assets/logo.svg`",
                    _ => p.hint(),
                };
                diags.push(Diagnostic::error("site.yaml", l, c, format!("logo `{logo}`: {}", p.message())).with_hint(hint));
            }
        }
    }
}

/// The badges' own images (`image:` in site.yaml's journey) must be SVG files of the site that
/// run and load nothing (checked at load, like the logo).
pub fn check_badges(site: &Site, diags: &mut Diagnostics) {
    if !site.config.journey.enabled {
        return;
    }
    for image in site.config.journey.badges.iter().filter_map(|b| b.image.as_deref()) {
        match read_badge(site, image) {
            Ok(bytes) => diags.extend(crate::svg::diagnostics(Path::new(image), &bytes)),
            Err(d) => diags.push(d),
        }
    }
}

/// A badge's own image: a regular file inside the site folder, of at most 5 MiB; the error
/// names its line in site.yaml.
pub fn read_badge(site: &Site, image: &str) -> Result<Vec<u8>, Diagnostic> {
    crate::files::read_inside(&site.root, Path::new(image), MAX_LOGO_BYTES).map_err(|p| {
        let (l, c) = crate::yaml::find_key_line(&site.config.text, "image", Some(image), 1).unwrap_or((0, 0));
        Diagnostic::error("site.yaml", l, c, format!("badge image `{image}`: {}", p.message())).with_hint(p.hint())
    })
}

/// The logo's bytes: a regular file inside the site folder, of at most 5 MiB.
fn read_logo(site: &Site, logo: &str) -> Result<Vec<u8>, FileProblem> {
    crate::files::read_inside(&site.root, Path::new(logo), MAX_LOGO_BYTES)
}

/// The theme's static files plus the generated site.css and the logo: `static/<name>` in the
/// output and in every package.
pub fn statics(site: &Site, theme: &Theme) -> Vec<(String, Vec<u8>)> {
    let mut all = theme.statics.clone();
    all.push(("site.css".into(), site_css(&site.config).into_bytes()));
    if let Some(logo) = &site.config.logo {
        // An SVG logo as it is now must pass the check made at load, or it is left out.
        // A web page is never published as the logo (an error at load).
        let refused = crate::documents::is_refused(logo);
        if let Some(bytes) = read_logo(site, logo).ok().filter(|b| !refused && (!crate::svg::is_svg(logo) || crate::svg::check(logo, b).is_empty())) {
            all.push((render::logo_file_name(logo), bytes));
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// The site's colours as CSS custom properties (a file, so no inline style is needed).
pub fn site_css(config: &Config) -> String {
    let mut css = String::from("/* Generated from site.yaml by kyklos. */\n:root {\n");
    if let Some(p) = &config.colors.primary {
        css.push_str(&format!("  --brand: {p};\n"));
    }
    if let Some(a) = &config.colors.accent {
        css.push_str(&format!("  --accent: {a};\n"));
    }
    css.push_str("}\n");
    css
}

/// The logo file as it is now (a rebuild keeps the statics by it).
fn logo_stamp(site: &Site) -> Option<crate::load::memo::Stamp> {
    let logo = site.config.logo.as_ref()?;
    std::fs::metadata(site.root.join(logo)).ok().map(|m| crate::load::memo::Stamp::of(&m))
}

/// An SVG file beside the lessons, published from the bytes checked here (checked at load too):
/// never copied or served by reference, so a drawing edited after the check is not published
/// unchecked, not even by the preview that keeps its last good build.
fn write_drawing(s: &Steps<'_>, source: &Path, shown: &Path, rel: &str) {
    if s.output.is_dry_run() && !s.output.is_memory() {
        // Nothing is written, and the load has reported what this would.
        return;
    }
    match crate::files::read_inside(&s.site.root, source, crate::svg::MAX_SVG_BYTES) {
        Ok(bytes) => {
            let found = crate::svg::diagnostics(shown, &bytes);
            if !found.is_empty() {
                return s.extend(found);
            }
            if let Err(e) = s.output.write(rel, &bytes) {
                s.push(Diagnostic::error(shown, 0, 0, format!("cannot copy: {e}")));
            }
        }
        Err(FileProblem::TooBig { size, .. }) => s.push(crate::svg::too_big(shown, size)),
        Err(p) => s.push(p.diagnostic(shown)),
    }
}

/// Copies the files beside the lessons, and writes the statics and the root page.
pub fn write_assets(s: &Steps<'_>) {
    let site = s.site;
    for lang in &site.langs {
        lang.assets.par_iter().filter(|a| !crate::media::is_transcript(&a.rel)).for_each(|asset| {
            let shown = crate::diagnostics::display_path(&site.root, &asset.source);
            let rel = format!("{}/{}", lang.lang.code, asset.url);
            if crate::svg::is_svg(&asset.rel) {
                return write_drawing(s, &asset.source, &shown, &rel);
            }
            if s.output.is_memory() {
                // The preview serves media from their source: checked here, never held in memory.
                let kept = crate::files::probe(&asset.source)
                    .map_err(|p| p.diagnostic(&shown))
                    .and_then(|_| s.output.reference(&rel, &asset.source).map_err(|e| Diagnostic::error(&shown, 0, 0, format!("cannot copy: {e}"))));
                if let Err(d) = kept {
                    s.push(d);
                }
                return;
            }
            match crate::files::open_regular(&asset.source, crate::load::MAX_ASSET_BYTES) {
                Ok((file, size)) => {
                    if let Err(e) = s.output.copy_from(&rel, file, size) {
                        s.push(Diagnostic::error(shown, 0, 0, format!("cannot copy: {e}")));
                    }
                }
                Err(p) => s.push(p.diagnostic(shown)),
            }
        });
    }
    // The statics are the theme's (in the structure) and the logo.
    let statics =
        s.emit("statics", logo_stamp(site), || Ok(statics(site, s.theme).into_iter().map(|(name, bytes)| (format!("static/{name}"), bytes)).collect()));
    if let Err(e) = statics {
        s.push(Diagnostic::error(format!("themes/{}/static", site.config.theme), 0, 0, e));
    }
    if let Err(e) = s.page("index.html", "root", || render::render_root(site, s.theme, s.strings)) {
        s.push(Diagnostic::error(format!("themes/{}/templates/languages.html", site.config.theme), 0, 0, e));
    }
    // Static hosts show the root's 404.html for an address without a page.
    if let Err(e) = s.page("404.html", "not-found", || render::render_not_found(site, s.theme, s.strings)) {
        s.push(Diagnostic::error(format!("themes/{}/templates/not-found.html", site.config.theme), 0, 0, e));
    }
}
