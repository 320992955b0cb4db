//! The pipeline's steps after the pages step, for the pages that are not one Markdown file
//! each: quiz pages, printable courses and guides, a collection's tag pages, the translation
//! status, credits and accessibility pages, the sitemap, the learner's journey, and the SCORM
//! packages with their Downloads page.
//!
//! Each step takes the site and returns nothing but files (through the writer) and
//! diagnostics. In a rebuild ([`crate::incremental`]), a file whose inputs have the same key
//! as in the last build is taken from the cache instead of being rendered again ([`Steps::emit`]).

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::incremental;
use crate::markdown::Rendered;
use crate::model::{LangSite, Site};
use crate::pages::{context, quiz_steps};
use crate::render;
use crate::steps::Steps;

/// Each language's quiz pages.
pub fn write_quizzes(s: &Steps<'_>) {
    for (li, (lang, strings)) in s.site.langs.iter().zip(s.strings).enumerate() {
        if s.output.skips_language(&lang.lang.code) {
            continue;
        }
        let cx = context(s.site, lang, strings, s.theme);
        let extra = |section: usize| quiz_steps(lang, section);
        lang.quizzes_of.par_iter().flat_map(|(&section, qs)| qs.par_iter().map(move |&q| (section, q))).for_each(|(section, q)| {
            let quiz = &lang.quizzes[q];
            let path = format!("{}/{}", lang.lang.code, quiz.url);
            // A quiz page shows the quiz and the site's navigation: both are in the structure.
            if let Err(e) = s.page(&path, (li, section, q), || render::render_quiz(&cx, s.theme, section, quiz, &extra, None)) {
                s.push(Diagnostic::error(&quiz.source, 0, 0, e));
            }
        });
    }
}

/// Each course and guide as one printable page, and each collection's tag pages. `keys`: the
/// pages' keys in a rebuild (a printable page joins its pages' HTML).
pub fn write_guides_and_tags(s: &Steps<'_>, rendered: &[Vec<Option<Rendered>>], keys: &crate::pages::Keys) {
    use crate::model::Kind;
    use crate::render::guide;
    let site = s.site;
    let mut found = Vec::new();
    for (li, ((lang, strings), rendered)) in site.langs.iter().zip(s.strings).zip(rendered).enumerate() {
        if s.output.skips_language(&lang.lang.code) {
            continue;
        }
        let cx = context(site, lang, strings, s.theme);
        let extra = |section: usize| quiz_steps(lang, section);
        let code = &lang.lang.code;
        let lang_keys = keys.get(li);
        let keys_under = |id: usize| lang_keys.map(|k| lang.reading_order(id).into_iter().map(|p| k.get(p).copied().flatten()).collect::<Vec<_>>());
        for id in 0..lang.pages.len() {
            let page = &lang.pages[id];
            if !page.is_section {
                continue;
            }
            let result = match page.kind() {
                // A printable page joins the HTML of the pages under its section: their keys.
                Kind::Course if render::course_print::is_printable(lang, id) => {
                    let url = render::course_print::print_url(lang, id);
                    s.page(&format!("{code}/{url}"), (li, id, keys_under(id)), || render::course_print::render_course_print(&cx, s.theme, id, rendered, &extra))
                }
                Kind::Guide if !lang.phases(id).is_empty() => {
                    let url = format!("{}/print.html", crate::model::url::parent_dir(&page.url));
                    s.page(&format!("{code}/{url}"), (li, id, keys_under(id)), || render::render_guide_print(&cx, s.theme, id, rendered, &extra))
                }
                Kind::Collection => {
                    let mut seen: std::collections::HashMap<String, (String, String)> = std::collections::HashMap::new();
                    for ((group, value), ids) in guide::tag_index(lang, id) {
                        let url = guide::tag_url(lang, id, &group, &value);
                        if let Some((g, v)) = seen.get(&url) {
                            found.push(tag_clash(site, lang, &ids, (g, v), (&group, &value), &url));
                            continue;
                        }
                        seen.insert(url.clone(), (group.clone(), value.clone()));
                        // A tag page lists its pages' titles and front matter: the structure.
                        let made =
                            s.page(&format!("{code}/{url}"), (li, id, &group, &value), || render::render_tag(&cx, s.theme, id, &group, &value, &ids, &extra));
                        if let Err(e) = made {
                            found.push(Diagnostic::error(&page.source, 0, 0, e));
                        }
                    }
                    Ok(())
                }
                _ => Ok(()),
            };
            if let Err(e) = result {
                found.push(Diagnostic::error(&page.source, 0, 0, e));
            }
        }
    }
    s.extend(found);
}

/// Two tags whose names differ only in what an address cannot hold (`Côte` / `cote`): named
/// both, at the line of the second in the first page that uses it.
fn tag_clash(site: &Site, lang: &LangSite, ids: &[usize], first: (&String, &String), second: (&String, &String), url: &str) -> Diagnostic {
    let source = ids.first().map(|&p| lang.pages[p].source.clone()).unwrap_or_default();
    let text =
        crate::files::read_inside(&site.root, &source, crate::load::MAX_PAGE_BYTES).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let (line, col) = text.lines().enumerate().find_map(|(i, l)| l.find(second.1.as_str()).map(|b| (i + 1, l[..b].chars().count() + 1))).unwrap_or((0, 0));
    Diagnostic::error(source, line, col, format!("the tags `{}: {}` and `{}: {}` get the same address `{url}`", second.0, second.1, first.0, first.1))
        .with_hint("write the tag the same way on every page, or make the two tags differ in letters or digits")
}

/// Translation status pages, each language's credits and accessibility pages, and sitemap.xml.
pub fn write_language_files(s: &Steps<'_>) {
    let site = s.site;
    let mut found = Vec::new();
    if site.langs.len() > 1 {
        let stamps: std::collections::BTreeMap<String, crate::translations::Stamps> =
            site.langs.iter().map(|l| (l.lang.code.clone(), crate::translations::Stamps::load(&site.root, &l.lang.code, &mut Diagnostics::new()))).collect();
        let reports = crate::translations::report(site, &stamps);
        // The report and the changes are what a status page shows beyond the structure.
        let reports_key = incremental::debug_key(&reports);
        for (li, (lang, strings)) in site.langs.iter().zip(s.strings).enumerate() {
            let cx = context(site, lang, strings, s.theme);
            let extra = |section: usize| quiz_steps(lang, section);
            let code = &lang.lang.code;
            let changes = stamps.get(code).map(|st| crate::translations::outdated_diffs(site, st, code).into_iter().collect()).unwrap_or_default();
            let key = (li, reports_key, incremental::debug_key(&changes));
            let made = s.page(&format!("{code}/translation-status.html"), key, || render::render_status(&cx, s.theme, &reports, &changes, &extra));
            if let Err(e) = made {
                found.push(Diagnostic::error("translation-status.html", 0, 0, e));
            }
        }
    }
    for (li, (lang, strings)) in site.langs.iter().zip(s.strings).enumerate() {
        let cx = context(site, lang, strings, s.theme);
        let extra = |section: usize| quiz_steps(lang, section);
        for kind in ["credits", "accessibility"] {
            let path = format!("{}/{kind}.html", lang.lang.code);
            if let Err(e) = s.page(&path, (li, kind), || render::render_site_page(&cx, s.theme, kind, &extra)) {
                found.push(Diagnostic::error(path, 0, 0, e));
            }
        }
    }
    if let Err(e) = s.output.write("sitemap.xml", render::status::sitemap(site).as_bytes()) {
        found.push(Diagnostic::error("sitemap.xml", 0, 0, e.to_string()));
    }
    s.extend(found);
}

/// The learner's journey: each language's data script, progress and certificate pages, and
/// the badges' images (the site's own SVG files, or drawn ones).
pub fn write_journey(s: &Steps<'_>, rendered: &[Vec<Option<Rendered>>]) {
    use render::journey_pages::{badge_svg, language_files};
    let site = s.site;
    let mut found = Vec::new();
    for (li, ((lang, strings), rendered)) in site.langs.iter().zip(s.strings).zip(rendered).enumerate() {
        // A page of the site must not take the place of one of the journey's own files.
        let reserved = render::journey_pages::RESERVED;
        let clash = found.len();
        for page in lang.pages.iter().filter(|p| reserved.contains(&p.url.as_str())) {
            found.push(
                Diagnostic::error(&page.source, 1, 1, format!("`{}` is the address of the learner's \"My progress\" pages", page.url))
                    .with_hint("rename this file, or turn the journey off with `journey: off` in site.yaml"),
            );
        }
        if found.len() > clash {
            continue;
        }
        let cx = context(site, lang, strings, s.theme);
        let extra = |section: usize| quiz_steps(lang, section);
        let has_checklist = |id: usize| rendered.get(id).and_then(Option::as_ref).is_some_and(|md| md.has_checklist);
        // Beyond the structure, the journey knows which pages have checklists.
        let checklists: Vec<bool> = (0..lang.pages.len()).map(has_checklist).collect();
        let made = s.emit(&format!("journey:{}", lang.lang.code), (li, checklists), || language_files(&cx, s.theme, &extra, &has_checklist));
        if let Err(e) = made {
            found.push(Diagnostic::error(format!("themes/{}/templates/page.html", site.config.theme), 0, 0, e));
        }
    }
    // The badges' own images are written from the bytes checked here; a dry run writes
    // nothing, and the load has reported what it would find ([`crate::assets::check_badges`]).
    let writes = !s.output.is_dry_run() || s.output.is_memory();
    let builtin = crate::model::config::journey::BUILTIN_BADGES.iter().map(|id| (id.to_string(), None));
    for (id, image) in builtin.chain(site.config.journey.badges.iter().map(|b| (b.id.clone(), b.image.clone()))) {
        let bytes = match image {
            None => badge_svg(&id).into_bytes(),
            Some(_) if !writes => continue,
            Some(image) => match crate::assets::read_badge(site, &image) {
                Ok(bytes) => {
                    let unsafe_svg = crate::svg::diagnostics(Path::new(&image), &bytes);
                    if !unsafe_svg.is_empty() {
                        found.extend(unsafe_svg);
                        continue;
                    }
                    bytes
                }
                Err(d) => {
                    found.push(d);
                    continue;
                }
            },
        };
        if let Err(e) = s.output.write(&render::journey::badge_file(&id), &bytes) {
            found.push(Diagnostic::error("site.yaml", 0, 0, e.to_string()));
        }
    }
    s.extend(found);
}

/// SCORM packages, question banks and the Downloads page, per language.
pub fn write_packages(s: &Steps<'_>, rendered: &[Vec<Option<Rendered>>]) {
    let (site, theme, output) = (s.site, s.theme, s.output);
    let scorm = !site.config.scorm.is_empty() && theme.templates.has("sco.html");
    let statics = if scorm { crate::assets::statics(site, theme) } else { Vec::new() };
    // The editable sources, once for all languages (offered on every Downloads page; a site
    // without one gets none, and does not spend time and memory zipping all its sources).
    let offered = site.langs.iter().any(|l| render::has_downloads(site, l));
    // Drafts are not published, in their sources either: neither a draft nor a translation
    // of a draft of the default language.
    let left_out = |rel: &str| {
        let Some((code, page)) = rel.strip_prefix("content/").and_then(|r| r.split_once('/')) else { return false };
        site.langs.iter().enumerate().any(|(i, l)| (i == 0 || l.lang.code == code) && l.drafts.iter().any(|d| d == page))
    };
    let sources = offered
        .then(|| {
            crate::load::sources::collect(&site.root, site.config.logo.as_deref(), &left_out).ok().and_then(|files| crate::rights::bundle::zip(&files).ok())
        })
        .flatten();
    let sources_written = sources.as_ref().is_some_and(|bytes| output.write(crate::rights::bundle::PATH, bytes).is_ok());
    let results: Vec<Result<(), Diagnostic>> = site
        .langs
        .iter()
        .zip(s.strings)
        .zip(rendered)
        .map(|((lang, strings), rendered)| {
            if output.skips_language(&lang.lang.code) {
                return Ok(());
            }
            let cx = context(site, lang, strings, theme);
            let extra = |section: usize| quiz_steps(lang, section);
            let code = &lang.lang.code;
            let mut downloads = Vec::new();
            let mut emit = |path: String, bytes: Vec<u8>, download| {
                output.write(&format!("{code}/{path}"), &bytes).map_err(|e| format!("{code}/{path}: {e}"))?;
                downloads.push(download);
                Ok(())
            };
            let package_error = |e: String| {
                // A message about one file names it; others are about the packaging settings.
                let (l, c) = site.config.position("scorm");
                match e.split_once(": ") {
                    Some((file, rest)) if file.starts_with("content/") => Diagnostic::error(file, 0, 0, rest),
                    _ => Diagnostic::error("site.yaml", l, c, e),
                }
            };
            if scorm {
                crate::package::packages(&cx, theme, rendered, &extra, &statics, &mut emit).map_err(package_error)?;
            }
            for (path, bytes, download) in crate::package::question_banks(&cx).map_err(|e| Diagnostic::error("site.yaml", 0, 0, e))? {
                emit(path, bytes, download).map_err(package_error)?;
            }
            // Every language has a Downloads page once any has one (an empty one says why).
            if downloads.is_empty() && !cx.downloads {
                return Ok(());
            }
            if let Some(bytes) = sources.as_ref().filter(|_| sources_written) {
                downloads.push(crate::rights::bundle::download(
                    bytes,
                    &site.config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", "),
                    strings,
                ));
            }
            let html = render::render_downloads(&cx, theme, &downloads, &extra).map_err(|e| Diagnostic::error("downloads.html", 0, 0, e))?;
            output.write(&format!("{code}/downloads.html"), html.as_bytes()).map_err(|e| Diagnostic::error("downloads.html", 0, 0, e.to_string()))
        })
        .collect();
    s.extend(results.into_iter().filter_map(Result::err).collect());
}
