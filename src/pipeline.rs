//! The table of contents: load → validate → markdown → render → search → write, each step timed.
//!
//! `build` and `check` run the same steps; `check` renders into a dry-run output that writes
//! nothing, so template errors are found too. Content errors are collected across all steps
//! that can still run, then reported together.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{self, Strings};
use crate::incremental::{self, Cache};
use crate::load::files::FileProblem;
use crate::markdown::Rendered;
use crate::model::{LangSite, Site};
use crate::output::{Files, Output, Summary};
use crate::pages::{context, pages_stage, quiz_steps};
use crate::render;
use crate::render::theme::Theme;

/// A logo is shown on every page; more than this would slow every page down.
pub const MAX_LOGO_BYTES: u64 = 5 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Check only: run every step, write nothing.
    pub dry_run: bool,
    /// Build into memory (`serve`): nothing is written, [`Report::files`] holds the site.
    pub memory: bool,
    /// Build the SCORM packages and Downloads pages (`serve` builds them only on request).
    pub packages: bool,
    /// Build only these languages' files plus the shared ones (`build --lang`); empty: all.
    pub langs: Vec<String>,
    /// Warnings count as errors (`--strict`): nothing is written if there are any.
    pub strict: bool,
}

impl Options {
    /// `build`: every file, into `out`.
    pub fn build(root: &Path, out: &Path) -> Options {
        Options { root: root.to_path_buf(), out: out.to_path_buf(), dry_run: false, memory: false, packages: true, langs: Vec::new(), strict: false }
    }

    /// `check`: every step, nothing written.
    pub fn check(root: &Path) -> Options {
        Options { dry_run: true, ..Options::build(root, &default_out(root)) }
    }

    /// `serve`: into memory; packages only when asked for.
    pub fn memory(root: &Path, packages: bool) -> Options {
        Options { memory: true, packages, ..Options::build(root, &default_out(root)) }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub output: Summary,
    pub timings: Vec<(&'static str, Duration)>,
    /// The search index of each language.
    pub search: Vec<crate::search::Stats>,
    /// Warnings (errors make the run fail instead).
    pub diagnostics: Diagnostics,
    /// The site, for an in-memory build.
    pub files: Files,
}

/// Runs the pipeline. `Err` carries every diagnostic (at least one error).
pub fn run(opts: &Options) -> Result<Report, Diagnostics> {
    run_with(opts, None)
}

/// Runs the pipeline, reusing the pages of the previous run that `cache` holds (and leaving
/// this run's pages in it). The output is the same as [`run`]'s.
pub fn run_with(opts: &Options, mut cache: Option<&mut Cache>) -> Result<Report, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    let Some(config) = Config::from_root(&opts.root, &mut diags) else { return Err(diags) };
    let mut site = load(&opts.root, config, &mut diags);
    let strings = load_strings(&site, &mut diags);
    crate::rights::check::site(&site, &mut diags);
    lap("load", &mut timings);

    let theme = Theme::load(&opts.root, &site.config.theme, site.config.position("theme"), &mut diags);
    check_logo(&site, &mut diags);
    let Some(theme) = theme else { return Err(diags) };

    let skipped = skipped_languages(&site, &opts.langs, &mut diags);
    // Content errors found so far still let every page be checked, but nothing is written.
    let mut output = if opts.dry_run || diags.has_errors() {
        Output::dry_run()
    } else if opts.memory {
        Output::memory()
    } else {
        match Output::begin(&opts.out) {
            Ok(o) => o,
            Err(e) => {
                diags.push(Diagnostic::error(&opts.out, 0, 0, format!("cannot prepare the output folder: {e}")));
                return Err(diags);
            }
        }
    };
    output.skip_languages(skipped);
    let structure = cache.as_ref().map(|_| incremental::structure(&site, incremental::overrides(&opts.root)));
    let index = !opts.dry_run && site.config.search;
    let (rendered, indexes, entries) = pages_stage(&mut site, &theme, &strings, &output, opts.packages, index, cache.as_deref().zip(structure), &mut diags);
    if let Some(c) = cache.as_mut() {
        c.replace(entries);
    }
    lap("render", &mut timings);
    // A dry run goes on through every step, so `check` finds everything `build` would.
    if diags.has_errors() && !output.is_dry_run() {
        output.abort();
        return Err(diags);
    }
    let write_errors = Mutex::new(Vec::new());
    let search = write_search(&site, &strings, indexes, &output, &write_errors);
    lap("search", &mut timings);
    write_quizzes(&site, &theme, &strings, &output, &write_errors);
    write_guides_and_tags(&site, &theme, &strings, &rendered, &output, &write_errors);
    if opts.packages {
        write_packages(&site, &theme, &strings, &rendered, &output, &write_errors);
    }
    lap("package", &mut timings);
    write_language_files(&site, &theme, &strings, &output, &write_errors);
    if site.config.journey.enabled {
        write_journey(&site, &theme, &strings, &rendered, &output, &write_errors);
    }
    write_assets(&site, &theme, &strings, &output, &write_errors);
    lap("assets", &mut timings);

    let errors = write_errors.into_inner().unwrap_or_default();
    if opts.strict {
        diags.promote_warnings();
    }
    if !errors.is_empty() || diags.has_errors() {
        output.abort();
        diags.extend(errors);
        return Err(diags);
    }
    let mut files = Files::new();
    let summary = if opts.memory {
        files = output.into_files();
        Ok(Summary { files: files.len(), changed: files.len(), removed: 0 })
    } else {
        output.commit()
    };
    let summary = match summary {
        Ok(s) => s,
        Err(e) => {
            diags.push(Diagnostic::error(&opts.out, 0, 0, format!("cannot write the output: {e}")));
            return Err(diags);
        }
    };
    lap("write", &mut timings);
    let pages = site.langs.iter().map(|l| l.pages.len()).sum();
    Ok(Report { pages, output: summary, timings, search, diagnostics: diags, files })
}

/// Loads and aligns the site without rendering (for `translations`).
pub fn load_only(root: &Path) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let Some(config) = Config::from_root(root, &mut diags) else { return Err(diags) };
    let site = load(root, config, &mut diags);
    Ok((site, diags))
}

/// Reads the site, then aligns every language onto the default one.
fn load(root: &Path, config: Config, diags: &mut Diagnostics) -> Site {
    let mut site = crate::load::load_site(root, config, diags);
    crate::translate::align_all(root, &mut site.langs, diags);
    site
}

/// The languages `build --lang` leaves out (none when `only` is empty); an unknown code is an
/// error.
fn skipped_languages(site: &Site, only: &[String], diags: &mut Diagnostics) -> std::collections::BTreeSet<String> {
    let codes: Vec<&str> = site.config.languages.iter().map(|l| l.code.as_str()).collect();
    for code in only {
        if !codes.contains(&code.as_str()) {
            let (l, c) = site.config.position("languages");
            diags.push(
                Diagnostic::error(crate::config::FILE_NAME, l, c, format!("`--lang {code}`: the site has no language `{code}`"))
                    .with_hint(format!("the site's languages are: {}", codes.join(", "))),
            );
        }
    }
    if only.is_empty() {
        return Default::default();
    }
    codes.into_iter().filter(|c| !only.iter().any(|o| o == c)).map(str::to_string).collect()
}

fn load_strings(site: &Site, diags: &mut Diagnostics) -> Vec<Strings> {
    let default = &site.config.default_language().code;
    let default_table = i18n::site_table(&site.root, default, diags);
    site.langs
        .iter()
        .map(|l| {
            let own = if &l.lang.code == default { default_table.clone() } else { i18n::site_table(&site.root, &l.lang.code, diags) };
            let strings = Strings::new(&l.lang.code, own, default_table.clone(), default);
            let missing = strings.missing_keys();
            if &l.lang.code != default && !missing.is_empty() {
                let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
                let more = if missing.len() > 5 { format!(" and {} more", missing.len() - 5) } else { String::new() };
                diags.push(
                    Diagnostic::warning(
                        format!("i18n/{}.yaml", l.lang.code),
                        0,
                        0,
                        format!(
                            "{} interface strings are missing in `{}` and show in the default language: {}{more}",
                            missing.len(),
                            l.lang.code,
                            shown.join(", ")
                        ),
                    )
                    .with_hint(format!("add them to i18n/{}.yaml (copy the keys from the English file in the README's translating section)", l.lang.code)),
                );
            }
            strings
        })
        .collect()
}

/// Finishes each language's search index under `search/<lang>/`: its quiz titles after its
/// pages, then the word shards and the manifest.
fn write_search(
    site: &Site,
    strings: &[Strings],
    indexes: Vec<Option<crate::search::Indexer>>,
    output: &Output,
    errors: &Mutex<Vec<Diagnostic>>,
) -> Vec<crate::search::Stats> {
    let mut stats = Vec::new();
    for ((lang, strings), indexer) in site.langs.iter().zip(strings).zip(indexes) {
        let Some(mut indexer) = indexer else { continue };
        let mut files = Vec::new();
        for doc in crate::search::docs::quiz_docs(lang) {
            files.extend(indexer.add(crate::search::Prepared::of(&doc)));
        }
        let kinds = crate::search::KINDS.iter().map(|k| (k.to_string(), strings.get(&format!("kind_{k}")))).collect();
        let mut built = indexer.finish(&kinds);
        files.append(&mut built.files);
        for (path, bytes) in &files {
            if let Err(e) = output.write(path, bytes) {
                if let Ok(mut errs) = errors.lock() {
                    errs.push(Diagnostic::error(path.as_str(), 0, 0, format!("cannot write: {e}")));
                }
            }
        }
        stats.push(built.stats);
    }
    stats
}

fn check_logo(site: &Site, diags: &mut Diagnostics) {
    if let Some(logo) = &site.config.logo {
        if let Err(p) = read_logo(site, logo) {
            let (l, c) = site.config.position("logo");
            let hint = match p {
                FileProblem::Missing | FileProblem::Folder => "give the path of an image relative to the site folder, e.g. `logo: assets/logo.svg`",
                _ => p.hint(),
            };
            diags.push(Diagnostic::error("site.yaml", l, c, format!("logo `{logo}`: {}", p.message())).with_hint(hint));
        }
    }
}

/// The logo's bytes: a regular file inside the site folder, of at most 5 MiB.
fn read_logo(site: &Site, logo: &str) -> Result<Vec<u8>, FileProblem> {
    crate::load::files::read_inside(&site.root, Path::new(logo), MAX_LOGO_BYTES)
}

fn write_quizzes(site: &Site, theme: &Theme, strings: &[Strings], output: &Output, errors: &Mutex<Vec<Diagnostic>>) {
    for (lang, strings) in site.langs.iter().zip(strings) {
        if output.skips_language(&lang.lang.code) {
            continue;
        }
        let cx = context(site, lang, strings, theme);
        let extra = |section: usize| quiz_steps(lang, section);
        lang.quizzes_of.par_iter().flat_map(|(&section, qs)| qs.par_iter().map(move |&q| (section, q))).for_each(|(section, q)| {
            let quiz = &lang.quizzes[q];
            let result = render::render_quiz(&cx, theme, section, quiz, &extra, None).map_err(|e| Diagnostic::error(&quiz.source, 0, 0, e)).and_then(|html| {
                output
                    .write(&format!("{}/{}", lang.lang.code, quiz.url), html.as_bytes())
                    .map_err(|e| Diagnostic::error(&quiz.source, 0, 0, format!("cannot write: {e}")))
            });
            if let (Err(d), Ok(mut e)) = (result, errors.lock()) {
                e.push(d);
            }
        });
    }
}

/// The theme's static files plus the generated site.css and the logo: `static/<name>` in the
/// output and in every package.
fn statics(site: &Site, theme: &Theme) -> Vec<(String, Vec<u8>)> {
    let mut all = theme.statics.clone();
    all.push(("site.css".into(), site_css(&site.config).into_bytes()));
    if let Some(logo) = &site.config.logo {
        if let Ok(bytes) = read_logo(site, logo) {
            all.push((render::logo_file_name(logo), bytes));
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// Each course and guide as one printable page, and each collection's tag pages.
fn write_guides_and_tags(
    site: &Site,
    theme: &Theme,
    strings: &[Strings],
    rendered: &[Vec<Option<Rendered>>],
    output: &Output,
    errors: &Mutex<Vec<Diagnostic>>,
) {
    use crate::model::Kind;
    use crate::render::guide;
    let mut found = Vec::new();
    for ((lang, strings), rendered) in site.langs.iter().zip(strings).zip(rendered) {
        if output.skips_language(&lang.lang.code) {
            continue;
        }
        let cx = context(site, lang, strings, theme);
        let extra = |section: usize| quiz_steps(lang, section);
        let code = &lang.lang.code;
        for id in 0..lang.pages.len() {
            let page = &lang.pages[id];
            if !page.is_section {
                continue;
            }
            let mut pages: Vec<(String, Result<String, String>)> = Vec::new();
            match page.kind() {
                Kind::Course if render::course_print::is_printable(lang, id) => {
                    pages.push((render::course_print::print_url(lang, id), render::course_print::render_course_print(&cx, theme, id, rendered, &extra)));
                }
                Kind::Guide if !lang.phases(id).is_empty() => {
                    let url = format!("{}/print.html", crate::model::url::parent_dir(&page.url));
                    pages.push((url, render::render_guide_print(&cx, theme, id, rendered, &extra)));
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
                        pages.push((url, render::render_tag(&cx, theme, id, &group, &value, &ids, &extra)));
                    }
                }
                _ => {}
            }
            for (url, html) in pages {
                let result = html
                    .map_err(|e| Diagnostic::error(&page.source, 0, 0, e))
                    .and_then(|html| output.write(&format!("{code}/{url}"), html.as_bytes()).map_err(|e| Diagnostic::error(&page.source, 0, 0, e.to_string())));
                if let Err(d) = result {
                    found.push(d);
                }
            }
        }
    }
    if let Ok(mut e) = errors.lock() {
        e.extend(found);
    }
}

/// Two tags whose names differ only in what an address cannot hold (`Côte` / `cote`): named
/// both, at the line of the second in the first page that uses it.
fn tag_clash(site: &Site, lang: &LangSite, ids: &[usize], first: (&String, &String), second: (&String, &String), url: &str) -> Diagnostic {
    let source = ids.first().map(|&p| lang.pages[p].source.clone()).unwrap_or_default();
    let text =
        crate::load::files::read_inside(&site.root, &source, crate::load::MAX_PAGE_BYTES).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let (line, col) = text.lines().enumerate().find_map(|(i, l)| l.find(second.1.as_str()).map(|b| (i + 1, l[..b].chars().count() + 1))).unwrap_or((0, 0));
    Diagnostic::error(source, line, col, format!("the tags `{}: {}` and `{}: {}` get the same address `{url}`", second.0, second.1, first.0, first.1))
        .with_hint("write the tag the same way on every page, or make the two tags differ in letters or digits")
}

/// Translation status pages and sitemap.xml.
fn write_language_files(site: &Site, theme: &Theme, strings: &[Strings], output: &Output, errors: &Mutex<Vec<Diagnostic>>) {
    let mut found = Vec::new();
    if site.langs.len() > 1 {
        let stamps: std::collections::BTreeMap<String, crate::translations::Stamps> =
            site.langs.iter().map(|l| (l.lang.code.clone(), crate::translations::Stamps::load(&site.root, &l.lang.code, &mut Diagnostics::new()))).collect();
        let reports = crate::translations::report(site, &stamps);
        for (lang, strings) in site.langs.iter().zip(strings) {
            let cx = context(site, lang, strings, theme);
            let extra = |section: usize| quiz_steps(lang, section);
            let code = &lang.lang.code;
            let changes = stamps.get(code).map(|s| crate::translations::outdated_diffs(site, s, code).into_iter().collect()).unwrap_or_default();
            let result = render::render_status(&cx, theme, &reports, &changes, &extra)
                .map_err(|e| Diagnostic::error("translation-status.html", 0, 0, e))
                .and_then(|html| {
                    output.write(&format!("{code}/translation-status.html"), html.as_bytes()).map_err(|e| Diagnostic::error(code.as_str(), 0, 0, e.to_string()))
                });
            if let Err(d) = result {
                found.push(d);
            }
        }
    }
    for (lang, strings) in site.langs.iter().zip(strings) {
        let cx = context(site, lang, strings, theme);
        let extra = |section: usize| quiz_steps(lang, section);
        for kind in ["credits", "accessibility"] {
            let path = format!("{}/{kind}.html", lang.lang.code);
            let result = render::render_site_page(&cx, theme, kind, &extra).and_then(|html| output.write(&path, html.as_bytes()).map_err(|e| e.to_string()));
            if let Err(e) = result {
                found.push(Diagnostic::error(path, 0, 0, e));
            }
        }
    }
    if let Err(e) = output.write("sitemap.xml", render::status::sitemap(site).as_bytes()) {
        found.push(Diagnostic::error("sitemap.xml", 0, 0, e.to_string()));
    }
    if let Ok(mut e) = errors.lock() {
        e.extend(found);
    }
}

/// The learner's journey: each language's data script, progress and certificate pages, and
/// the badges' images (the site's own SVG files, or drawn ones).
fn write_journey(site: &Site, theme: &Theme, strings: &[Strings], rendered: &[Vec<Option<Rendered>>], output: &Output, errors: &Mutex<Vec<Diagnostic>>) {
    use render::journey_pages::{badge_svg, language_files};
    let mut found = Vec::new();
    for ((lang, strings), rendered) in site.langs.iter().zip(strings).zip(rendered) {
        // A page of the site must not take the place of one of the journey's own files.
        let reserved = render::journey_pages::RESERVED;
        for page in lang.pages.iter().filter(|p| reserved.contains(&p.url.as_str())) {
            found.push(
                Diagnostic::error(&page.source, 1, 1, format!("`{}` is the address of the learner's \"My progress\" pages", page.url))
                    .with_hint("rename this file, or turn the journey off with `journey: off` in site.yaml"),
            );
        }
        let cx = context(site, lang, strings, theme);
        let extra = |section: usize| quiz_steps(lang, section);
        let has_checklist = |id: usize| rendered.get(id).and_then(Option::as_ref).is_some_and(|md| md.has_checklist);
        match language_files(&cx, theme, &extra, &has_checklist) {
            Ok(files) => found
                .extend(files.into_iter().filter_map(|(path, bytes)| output.write(&path, &bytes).err().map(|e| Diagnostic::error(path, 0, 0, e.to_string())))),
            Err(e) => found.push(Diagnostic::error(format!("themes/{}/templates/page.html", site.config.theme), 0, 0, e)),
        }
    }
    let builtin = crate::config::journey::BUILTIN_BADGES.iter().map(|id| (id.to_string(), None));
    for (id, image) in builtin.chain(site.config.journey.badges.iter().map(|b| (b.id.clone(), b.image.clone()))) {
        let bytes = match image {
            None => badge_svg(&id).into_bytes(),
            Some(image) => match crate::load::files::read_inside(&site.root, Path::new(&image), MAX_LOGO_BYTES) {
                Ok(bytes) => bytes,
                Err(p) => {
                    let (l, c) = crate::load::yaml::find_key_line(&site.config.text, "image", Some(&image), 1).unwrap_or((0, 0));
                    found.push(Diagnostic::error("site.yaml", l, c, format!("badge image `{image}`: {}", p.message())).with_hint(p.hint()));
                    continue;
                }
            },
        };
        if let Err(e) = output.write(&render::journey::badge_file(&id), &bytes) {
            found.push(Diagnostic::error("site.yaml", 0, 0, e.to_string()));
        }
    }
    if let Ok(mut e) = errors.lock() {
        e.extend(found);
    }
}

/// SCORM packages, question banks and the Downloads page, per language.
fn write_packages(site: &Site, theme: &Theme, strings: &[Strings], rendered: &[Vec<Option<Rendered>>], output: &Output, errors: &Mutex<Vec<Diagnostic>>) {
    let scorm = !site.config.scorm.is_empty() && theme.tera.get_template_names().any(|n| n == "sco.html");
    let statics = if scorm { statics(site, theme) } else { Vec::new() };
    // The editable sources, once for all languages (offered on every Downloads page; a site
    // without one gets none, and does not spend time and memory zipping all its sources).
    let offered = site.langs.iter().any(|l| render::has_downloads(site, l));
    let sources = offered
        .then(|| crate::load::sources::collect(&site.root, site.config.logo.as_deref()).ok().and_then(|files| crate::rights::bundle::zip(&files).ok()))
        .flatten();
    let sources_written = sources.as_ref().is_some_and(|bytes| output.write(crate::rights::bundle::PATH, bytes).is_ok());
    let results: Vec<Result<(), Diagnostic>> = site
        .langs
        .iter()
        .zip(strings)
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
    if let Ok(mut e) = errors.lock() {
        e.extend(results.into_iter().filter_map(Result::err));
    }
}

fn write_assets(site: &Site, theme: &Theme, strings: &[Strings], output: &Output, errors: &Mutex<Vec<Diagnostic>>) {
    let push = |d: Diagnostic| {
        if let Ok(mut e) = errors.lock() {
            e.push(d);
        }
    };
    for lang in &site.langs {
        lang.assets.par_iter().filter(|a| !crate::media::is_transcript(&a.rel)).for_each(|asset| {
            let shown = crate::diagnostics::display_path(&site.root, &asset.source);
            let rel = format!("{}/{}", lang.lang.code, asset.url);
            if output.is_memory() {
                // The preview serves media from their source: checked here, never held in memory.
                let kept = crate::load::files::probe(&asset.source)
                    .map_err(|p| p.diagnostic(&shown))
                    .and_then(|_| output.reference(&rel, &asset.source).map_err(|e| Diagnostic::error(&shown, 0, 0, format!("cannot copy: {e}"))));
                if let Err(d) = kept {
                    push(d);
                }
                return;
            }
            match crate::load::files::open_regular(&asset.source, crate::load::MAX_ASSET_BYTES) {
                Ok((file, size)) => {
                    if let Err(e) = output.copy_from(&rel, file, size) {
                        push(Diagnostic::error(shown, 0, 0, format!("cannot copy: {e}")));
                    }
                }
                Err(p) => push(p.diagnostic(shown)),
            }
        });
    }
    for (name, bytes) in statics(site, theme) {
        if let Err(e) = output.write(&format!("static/{name}"), &bytes) {
            push(Diagnostic::error(format!("themes/{}/static/{name}", site.config.theme), 0, 0, format!("cannot write: {e}")));
        }
    }
    match render::render_root(site, theme, strings) {
        Ok(html) => {
            if let Err(e) = output.write("index.html", html.as_bytes()) {
                push(Diagnostic::error("index.html", 0, 0, format!("cannot write: {e}")));
            }
        }
        Err(e) => push(Diagnostic::error(format!("themes/{}/templates/languages.html", site.config.theme), 0, 0, e)),
    }
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

/// The default output folder of a site.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("dist")
}
