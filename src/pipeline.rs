//! The table of contents: load → validate → markdown → render → search → write, each step timed.
//!
//! `build` and `check` run the same steps; `check` renders into a dry-run output that writes
//! nothing, so template errors are found too. Content errors are collected across all steps
//! that can still run, then reported together.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::assets::{check_badges, check_logo};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{self, Strings};
use crate::incremental::{self, Cache};
use crate::model::config::Config;
use crate::model::Site;
use crate::output::{Files, Output, Records, Summary};
use crate::pages::pages_stage;
use crate::render::theme::Theme;
use crate::site_pages;
use crate::steps::Steps;

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
    /// With a cache (`serve`): a changed search index is built after the pages are served
    /// ([`Report::pending_search`], [`crate::indexing::finish`]).
    pub defer_search: bool,
    /// Render everything, ignoring what the last build into `out` left (`build --fresh`).
    pub fresh: bool,
}

impl Options {
    /// `build`: every file, into `out`.
    pub fn build(root: &Path, out: &Path) -> Options {
        Options {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            dry_run: false,
            memory: false,
            packages: true,
            langs: Vec::new(),
            strict: false,
            defer_search: false,
            fresh: false,
        }
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
    /// Search indexes left to build (see [`Options::defer_search`]).
    pub pending_search: Vec<crate::indexing::Pending>,
    /// Pages whose output the build took from the last one instead of rendering them.
    pub reused: usize,
    /// A build into a folder: the record of each file it left there (see [`Output::commit_recorded`]);
    /// [`run`] takes them for the state file.
    pub records: Records,
}

/// Runs the pipeline. `Err` carries every diagnostic (at least one error).
///
/// A build into a folder uses what the last build into it left there, unless `fresh`: pages
/// whose inputs did not change are not rendered again ([`incremental::disk`]). Even with
/// `fresh`, the files the last build recorded are compared by their hashes, not read back.
pub fn run(opts: &Options) -> Result<Report, Diagnostics> {
    if opts.dry_run || opts.memory {
        return run_with(opts, None);
    }
    let (cache, mut report) = if opts.fresh {
        // Nothing rendered by the last build is used, only its files' records, read while the
        // site is loaded; what this build renders is recorded for the next one, as by any build.
        let mut cache = incremental::disk::empty();
        let report = std::thread::scope(|s| {
            let last = s.spawn(|| incremental::disk::load_records(&opts.out));
            run_recorded(opts, Some(&mut cache), move || last.join().unwrap_or_default())
        })?;
        (cache, report)
    } else {
        let mut cache = incremental::disk::load(&opts.out);
        let last = std::mem::take(&mut cache.files);
        let report = run_recorded(opts, Some(&mut cache), move || last)?;
        (cache, report)
    };
    // Not fatal: without a state file, the next build renders everything.
    let _ = incremental::disk::save(&opts.out, &cache, &report.records);
    drop_later((cache, std::mem::take(&mut report.records)));
    Ok(report)
}

/// Frees `value` on a thread of its own. A large site's pages, caches and records take tens of
/// milliseconds to free, one allocation at a time: the build's last steps need not wait for
/// that, and the `kyklos build` process exits without waiting for it either. (If no thread can
/// be started, `value` is freed here.)
fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("kyklos-free".into()).spawn(move || drop(value));
}

/// Runs the pipeline, reusing what the previous run that `cache` holds made where its inputs
/// are unchanged (and leaving this run's in it). The output is the same as [`run`]'s.
pub fn run_with(opts: &Options, cache: Option<&mut Cache>) -> Result<Report, Diagnostics> {
    run_recorded(opts, cache, Records::default)
}

/// [`run_with`], comparing the output with the last build's records of its files (`last`
/// gives them when the output folder is prepared).
fn run_recorded(opts: &Options, mut cache: Option<&mut Cache>, last: impl FnOnce() -> Records) -> Result<Report, Diagnostics> {
    let _root = crate::files::hold(&opts.root);
    let mut diags = Diagnostics::new();
    let mut timings = Vec::new();
    let clock = std::cell::Cell::new(Instant::now());
    let lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.get().elapsed()));
        clock.set(Instant::now());
    };
    if let Some(c) = cache.as_mut() {
        c.begin();
    }

    // After an edit to the words of some pages only, the last site with those pages read again.
    let quick = cache.as_mut().and_then(|c| incremental::quick::load(&opts.root, c));
    let (mut site, strings, mut known) = match quick {
        Some(last) => {
            diags.extend(last.diags.clone());
            lap("load (quick)", &mut timings);
            (last.site, last.strings, Some((last.structure, last.diags, last.keys, last.dirty)))
        }
        None => {
            let Some(config) = Config::from_root_to_check(&opts.root, &mut diags) else { return Err(diags) };
            i18n::parse_builtin_soon(config.languages.iter().map(|l| l.code.clone()).collect());
            // A build keeps bodies for the render; a preview (its cache in memory) none.
            let keep_bodies = cache.as_ref().is_none_or(|c| c.disk);
            let mut site = crate::load::load_site_with(&opts.root, config, cache.as_mut().map(|c| &mut c.memo), keep_bodies, &mut diags);
            crate::translate::align_all(&opts.root, &mut site.langs, &mut diags);
            lap("load", &mut timings);
            let strings = load_strings(&site, &mut diags);
            crate::rights::check::site(&site, &mut diags);
            let read =
                |source: &Path| crate::files::read_inside(&site.root, source, crate::files::MAX_PAGE_BYTES).ok().and_then(|b| crate::files::decode(b).ok());
            diags.extend(crate::tag_labels::check(&site, &strings, &read));
            lap("strings", &mut timings);
            (site, strings, None)
        }
    };
    let loaded = known.as_ref().map_or_else(|| diags.clone(), |k| k.1.clone());

    let theme = load_theme(&opts.root, &site, cache.as_deref_mut(), &mut diags);
    check_logo(&site, &mut diags);
    check_badges(&site, &mut diags);
    let Some(theme) = theme else { return Err(diags) };
    lap("theme", &mut timings);

    let skipped = skipped_languages(&site, &opts.langs, &mut diags);
    // Content errors found so far still let every page be checked, but nothing is written.
    let mut output = if opts.dry_run || diags.has_errors() {
        Output::dry_run()
    } else if opts.memory {
        Output::memory()
    } else if let Some(folder) = sources_holding(&opts.root, &opts.out) {
        diags.push(
            Diagnostic::error(&opts.out, 0, 0, format!("the output folder is inside {folder}/: every build would read the last one's files as sources"))
                .with_hint(format!("build into a folder outside {folder}/, such as the default `dist/` beside site.yaml")),
        );
        return Err(diags);
    } else {
        match Output::begin_after(&opts.out, last()) {
            Ok(o) => o,
            Err(e) => {
                diags.push(Diagnostic::error(&opts.out, 0, 0, format!("cannot prepare the output folder: {e}")));
                return Err(diags);
            }
        }
    };
    output.skip_languages(skipped);
    let structure = cache.as_ref().map(|_| known.as_ref().map_or_else(|| incremental::structure(&site, incremental::overrides(&opts.root)), |k| k.0));
    let keys = match (cache.as_deref(), structure, known.as_mut()) {
        // A quick load: only the keys of the pages read again change.
        (Some(c), Some(st), Some((_, _, (keys, packages), dirty))) if *packages == opts.packages && keys.len() == site.langs.len() => {
            let mut keys = std::mem::take(keys);
            crate::pages::patch_keys(&site, &theme, opts.packages, c, st, &mut keys, dirty);
            keys
        }
        (Some(c), Some(st), _) => crate::pages::keys(&site, &theme, opts.packages, c, st),
        _ => Vec::new(),
    };
    let index = !opts.dry_run && site.config.search;
    let plans = crate::indexing::plan(&site, index, cache.as_deref(), &keys, opts.defer_search, &output);
    let feed: Vec<bool> = plans.iter().map(crate::indexing::Plan::feeds).collect();
    lap("keys", &mut timings);
    let reuse = cache.as_deref().zip(structure);
    let (rendered, mut indexes, entries) = pages_stage(&mut site, &theme, &strings, &output, opts.packages, (index, &feed), (reuse, &keys), &mut diags);
    lap("render", &mut timings);
    // A dry run goes on through every step, so `check` finds everything `build` would.
    if diags.has_errors() && !output.is_dry_run() {
        output.abort();
        if let Some(c) = cache.as_mut() {
            c.replace(entries);
        }
        return Err(diags);
    }
    let (search_errors, write_errors) = (Mutex::new(Vec::new()), Mutex::new(Vec::new()));
    let steps = Steps { site: &site, theme: &theme, strings: &strings, output: &output, errors: &write_errors, cache: reuse };
    let disk = cache.as_ref().is_some_and(|c| c.disk);
    // The search index and the other steps write files of their own: the index is finished
    // while the others run in turn beside it. Each step is timed by itself, and their errors
    // are taken in the steps' order.
    // The index's words are analysed first, on every thread; its end, which numbers their stems
    // in one loop, then runs beside the other steps.
    // The memory the render freed is handed back to the allocator while the words are
    // analysed: a core would otherwise wait for it.
    let (early, analysed) = timed(|| rayon::join(give_back_freed_memory, || crate::indexing::prepare(&site, &plans, &mut indexes)).1);
    let ((searched, search_took), took) = rayon::join(
        || timed(|| crate::indexing::write_search(&site, &strings, (plans, indexes, early), &output, &search_errors, disk)),
        || site_steps(&steps, opts.packages, &rendered, &keys),
    );
    timings.push(("search", analysed + search_took));
    timings.extend(took);
    clock.set(Instant::now());

    if let Some(c) = cache.as_mut() {
        c.replace(entries);
        c.search = searched.kept.into_iter().map(|e| (e.code.clone(), e)).collect();
    }
    let mut errors = search_errors.into_inner().unwrap_or_default();
    errors.extend(write_errors.into_inner().unwrap_or_default());
    if opts.strict {
        diags.promote_warnings();
    }
    if !errors.is_empty() || diags.has_errors() {
        output.abort();
        diags.extend(errors);
        return Err(diags);
    }
    let pages = site.langs.iter().map(|l| l.pages.len()).sum();
    if let Some(c) = cache.as_mut() {
        c.end();
    }
    match (cache.as_mut(), structure.filter(|_| opts.memory)) {
        (Some(c), Some(structure)) => {
            c.last = Some(incremental::quick::Last { site, strings, structure, diags: loaded, keys: (keys, opts.packages), dirty: Vec::new() });
        }
        // Freed while the output is committed.
        _ => drop_later((site, strings, keys, rendered, theme)),
    }
    let mut files = Files::new();
    let summary = if opts.memory {
        files = output.into_files();
        Ok((Summary { files: files.len(), changed: files.len(), ..Summary::default() }, Records::default()))
    } else {
        output.commit_recorded()
    };
    let (summary, records) = match summary {
        Ok(s) => s,
        Err(e) => {
            diags.push(Diagnostic::error(&opts.out, 0, 0, format!("cannot write the output: {e}")));
            return Err(diags);
        }
    };
    lap("write", &mut timings);
    let reused = cache.as_ref().map_or(0, |c| c.reused.load(std::sync::atomic::Ordering::Relaxed));
    Ok(Report { pages, output: summary, timings, search: searched.stats, diagnostics: diags, files, pending_search: searched.pending, reused, records })
}

/// `f`'s result and how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    (f(), start.elapsed())
}

/// The steps after the pages that make pages and files of their own (all but the search
/// index), in turn, each timed.
fn site_steps(
    steps: &Steps<'_>,
    packages: bool,
    rendered: &[Vec<Option<crate::markdown::Rendered>>],
    keys: &incremental::Keys,
) -> Vec<(&'static str, Duration)> {
    let mut timings = Vec::new();
    timings.push(("quizzes", timed(|| site_pages::write_quizzes(steps)).1));
    timings.push(("guides", timed(|| site_pages::write_guides_and_tags(steps, rendered, keys)).1));
    if packages {
        timings.push(("package", timed(|| site_pages::write_packages(steps, rendered)).1));
    }
    timings.push(("status", timed(|| site_pages::write_language_files(steps)).1));
    if steps.site.config.journey.enabled {
        timings.push(("journey", timed(|| site_pages::write_journey(steps, rendered)).1));
    }
    timings.push(("assets", timed(|| crate::assets::write_assets(steps)).1));
    timings
}

/// The theme, compiled once per preview: again only when one of its files changed.
fn load_theme(root: &Path, site: &Site, cache: Option<&mut Cache>, diags: &mut Diagnostics) -> Option<Arc<Theme>> {
    let load = |diags: &mut Diagnostics| Theme::load(root, &site.config.theme, site.config.position("theme"), diags).map(Arc::new);
    let Some(cache) = cache else { return load(diags) };
    let key = incremental::theme_key(root, &site.config.theme);
    if let Some((_, theme, warnings)) = cache.theme.as_ref().filter(|t| t.0 == key) {
        diags.extend(warnings.clone());
        return Some(theme.clone());
    }
    let mut found = Diagnostics::new();
    let theme = load(&mut found);
    cache.theme = theme.clone().map(|t| (key, t, found.clone()));
    diags.extend(found);
    theme
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
                Diagnostic::error(crate::model::config::FILE_NAME, l, c, format!("`--lang {code}`: the site has no language `{code}`"))
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
            let strings =
                Strings::new(&l.lang.code, own, default_table.clone(), default).with_default_direction(site.config.default_language().direction.as_str());
            let missing = strings.missing_keys();
            if !missing.is_empty() {
                let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
                let more = if missing.len() > 5 { format!(" and {} more", missing.len() - 5) } else { String::new() };
                // The default language's missing strings show in English.
                let instead = if &l.lang.code == default { "the default language, and show in English" } else { "and show in the default language" };
                diags.push(
                    Diagnostic::warning(
                        format!("i18n/{}.yaml", l.lang.code),
                        0,
                        0,
                        format!("{} interface strings are missing in `{}`, {instead}: {}{more}", missing.len(), l.lang.code, shown.join(", ")),
                    )
                    .with_hint(format!(
                        "add them to i18n/{}.yaml: copy them from i18n/en.yaml of the kyklos repository and translate them (README: \"Interface strings\")",
                        l.lang.code
                    )),
                );
            }
            strings
        })
        .collect()
}

/// The folder of sources (`content`, `i18n`, `themes`) that `out` is, or is inside of, if any.
fn sources_holding(root: &Path, out: &Path) -> Option<&'static str> {
    let (root, out) = (absolute(root), absolute(out));
    ["content", "i18n", "themes"].into_iter().find(|folder| out.starts_with(root.join(folder)))
}

/// `path` made absolute, through the links of the part of it that exists (the rest taken as
/// written, without `.` and `..`), so that two ways of naming a folder compare equal.
fn absolute(path: &Path) -> PathBuf {
    use std::path::Component;
    let whole = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = whole.as_path();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break existing.to_path_buf(),
        }
    };
    let mut out = base;
    for part in rest.iter().rev() {
        for c in Path::new(part).components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(n) => out.push(n),
                _ => {}
            }
        }
    }
    out
}

/// The default output folder of a site.
pub fn default_out(root: &Path) -> PathBuf {
    root.join("dist")
}

/// The render has freed every page's Markdown as it went: mimalloc takes the empty pages this
/// thread still holds back into its arenas now, for the steps after it (the search index's end,
/// the state file), and gives back to the system what has been free for its purge delay (Linux,
/// where the binary's allocator is mimalloc's). Not forced: a forced collect gave everything
/// free back at once, and those steps then took most of it again, page fault by page fault
/// (10000x1 without highlighting: 48.3–49.6 k page faults forced, 42.4–44.2 k not, peak
/// 142.1–143.5 and 142.0–145.5 MiB; the peak is in the render, before the first purge).
fn give_back_freed_memory() {
    #[cfg(target_os = "linux")]
    {
        extern "C" {
            fn mi_collect(force: bool);
        }
        // SAFETY: mimalloc's own call, safe at any time from any thread.
        unsafe { mi_collect(false) }
    }
}
