//! Load: the ONLY reader of content files. Walks `content/<lang>/`, reads pages (front matter
//! + Markdown), notes the files beside them, and builds each language's page tree.
//!
//! Problems never stop the walk: they become diagnostics, so `check` reports them all.
//! Languages are loaded as they are on disk; aligning them onto the default language is the
//! next step ([`crate::translate`]), which the pipeline runs.

mod bidi;
pub mod credits;
pub mod frontmatter;
pub mod memo;
mod places;
pub mod quiz;
mod read;
mod simple_front;
pub mod sources;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostics::{display_path, suggest, Diagnostic, Diagnostics};
use crate::files::{self, walk};
use crate::model::config::Config;
use crate::model::url::{output_path, parent_dir, split_prefix};
use crate::model::{Asset, LangSite, Page, Site};
pub use read::{page_body, read_again};
use read::{read_page, read_sidecar, read_text};

pub use crate::files::MAX_PAGE_BYTES;
/// A quiz of a hundred questions is about 30 KiB.
pub const MAX_QUIZ_BYTES: u64 = 2 * 1024 * 1024;
/// The YAML between the `---` lines of a page (title, objectives, …).
pub const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;
/// All Markdown and quiz files of a site together (about 18,000 lessons of the benchmark's
/// size): what a build holds in memory at once (packages keep every page's HTML) stays bounded.
pub const MAX_SITE_TEXT_BYTES: u64 = 100 * 1024 * 1024;
/// How much Markdown a build keeps from the load for the render, instead of reading those files
/// again; files past it are read again. Every body of the 10,000-lesson benchmark (65 MiB) is
/// kept: a body is freed as soon as its page is rendered, and mimalloc gives it back soon
/// ([`MAX_SITE_TEXT_BYTES`] bounds what a larger site could keep anyway).
const KEPT_BODIES_BYTES: usize = 80 * 1024 * 1024;
/// Caption files and transcripts are read whole: the captions of a two-hour film are ~150 KiB.
pub const MAX_SIDECAR_BYTES: u64 = 2 * 1024 * 1024;
/// Files beside lessons larger than this are refused: they would bloat every download.
pub const MAX_ASSET_BYTES: u64 = 200 * 1024 * 1024;

/// Reads the whole site below `root`; `None` only when there is nothing to build at all.
pub fn load_site(root: &Path, config: Config, diags: &mut Diagnostics) -> Site {
    load_site_with(root, config, None, true, diags)
}

/// [`load_site`], reusing the Markdown files that `memo` holds unchanged (a preview's rebuild)
/// and leaving this load's files in it (without their bodies). `keep_bodies`: pages keep the
/// bodies read, up to [`KEPT_BODIES_BYTES`], for the render; a preview keeps none, since it
/// holds its site from one rebuild to the next.
pub fn load_site_with(root: &Path, config: Config, mut memo: Option<&mut memo::Memo>, keep_bodies: bool, diags: &mut Diagnostics) -> Site {
    let content = root.join("content");
    let mut langs: Vec<LangSite> = config.languages.iter().cloned().map(LangSite::new).collect();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", 0, 0, "no content folder")
                .with_hint(format!("create content/{}/index.md with a title", config.default_language().code)),
        );
        return Site { config, root: root.to_path_buf(), langs };
    }
    if let Err(p) = files::resolve_inside(root, Path::new("content")) {
        diags.push(p.diagnostic("content"));
        return Site { config, root: root.to_path_buf(), langs };
    }
    check_language_folders(root, &content, &config, diags);
    let fingerprint = langs.len() > 1;
    let bodies = AtomicUsize::new(if keep_bodies { KEPT_BODIES_BYTES } else { 0 });
    let mut read = Vec::new();
    for (i, lang) in langs.iter_mut().enumerate() {
        let dir = content.join(&lang.lang.code);
        if let Err(p) = files::resolve_inside(root, &dir) {
            if p != files::FileProblem::Missing {
                diags.push(p.diagnostic(display_path(root, &dir)));
            }
            continue;
        }
        if dir.is_dir() {
            let reuse = Reuse { memo: memo.as_deref(), fingerprint, bodies: &bodies };
            read.push(load_language(root, &dir, lang, i == 0, reuse, diags));
            check_media_sizes(root, lang, config.max_media_mb, diags);
            check_drawings(root, lang, diags);
        }
    }
    if let Some(m) = memo.as_mut() {
        m.replace_with(read);
    }
    let total: u64 = langs.iter().map(|l| l.text_bytes).sum();
    if total > MAX_SITE_TEXT_BYTES {
        diags.push(
            Diagnostic::error(
                "content",
                0,
                0,
                format!("the Markdown and quiz files of this site hold {}; the limit is {}", files::human_size(total), files::human_size(MAX_SITE_TEXT_BYTES)),
            )
            .with_hint("split the site into several sites (the limits are listed in the README)"),
        );
        for l in &mut langs {
            *l = LangSite::new(l.lang.clone());
        }
        return Site { config, root: root.to_path_buf(), langs };
    }
    let default = &langs[0];
    if default.home.is_none() {
        let code = &default.lang.code;
        diags.push(
            Diagnostic::error(format!("content/{code}/index.md"), 0, 0, "the default language has no home page")
                .with_hint(format!("create content/{code}/index.md with at least `title:` in its front matter")),
        );
    }
    Site { config, root: root.to_path_buf(), langs }
}

fn check_language_folders(root: &Path, content: &Path, config: &Config, diags: &mut Diagnostics) {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let mut entries: Vec<_> = match std::fs::read_dir(content) {
        Ok(rd) => rd.filter_map(Result::ok).collect(),
        Err(e) => {
            diags.push(Diagnostic::error("content", 0, 0, format!("cannot read the content folder: {e}")));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_ignored(&name) {
            continue;
        }
        let shown = display_path(root, &entry.path());
        if !entry.path().is_dir() {
            diags.push(
                Diagnostic::error(shown, 0, 0, "a file directly in content/ belongs to no language").with_hint(format!("move it into content/{}/", codes[0])),
            );
        } else if !codes.contains(&name.as_str()) {
            let hint = match suggest(&name, &codes) {
                Some(best) => format!("did you mean `{best}`? Languages in site.yaml: {}", codes.join(", ")),
                None => format!("add `{name}` to `languages:` in site.yaml, or rename the folder (site.yaml lists {})", codes.join(", ")),
            };
            diags.push(Diagnostic::error(shown, 0, 0, format!("unknown language folder `{name}`")).with_hint(hint));
        }
    }
    if !content.join(codes[0]).is_dir() {
        diags.push(
            Diagnostic::error(format!("content/{}", codes[0]), 0, 0, "the default language has no content folder")
                .with_hint(format!("create content/{}/ (the first language in site.yaml is the default)", codes[0])),
        );
    }
}

/// Dot files, editor backups and OS junk never become part of a site.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with("~$") || matches!(name, "Thumbs.db" | "desktop.ini" | "__MACOSX")
}

/// How a language's pages are read: whether to fingerprint them, and a memo of the last load
/// (then each file read is returned for the next memo).
#[derive(Clone, Copy)]
struct Reuse<'a> {
    memo: Option<&'a memo::Memo>,
    fingerprint: bool,
    /// Bytes of Markdown bodies that may still be kept for the render.
    bodies: &'a AtomicUsize,
}

/// One Markdown file after reading, besides its page: its problems, what the next memo keeps,
/// and its size if the walk did not read it.
type Parsed = (Diagnostics, Option<(PathBuf, memo::Read)>, u64);

/// A file's path below its language folder as a page's `rel`: `/` between folders, the name in
/// its composed form (NFC), made with one copy of the name at most.
fn composed_rel(path: &str) -> String {
    let rel = path.replace('\\', "/");
    match crate::model::url::nfc(&rel) {
        Cow::Borrowed(_) => rel,
        Cow::Owned(composed) => composed,
    }
}

/// The pages read (`None`: unreadable), in walk order, become the language's pages, drafts
/// left out, and are indexed by their `rel`. The list is filtered in place: the pages, which
/// the load's threads wrote into it, are not moved into fresh memory on this one thread.
fn place_pages(site: &mut LangSite, pages: Vec<Option<Page>>) {
    let placed: Vec<Page> = pages.into_iter().filter_map(|p| p.filter(|p| !p.front.draft)).collect();
    site.by_rel.reserve(placed.len());
    for (id, page) in placed.iter().enumerate() {
        site.by_rel.insert(page.rel.clone(), site.pages.len() + id);
    }
    if site.pages.is_empty() {
        site.pages = placed;
    } else {
        site.pages.extend(placed);
    }
}

/// Whether the file at `path` becomes a page (a Markdown file that is not a transcript).
fn is_page_file(path: &Path) -> bool {
    path.to_str().is_some_and(|p| p.ends_with(".md") && !crate::media::is_sidecar(p))
}

/// Loads one language's folder into `site`; returns what the next memo keeps of its files (empty
/// without a memo).
fn load_language(root: &Path, dir: &Path, site: &mut LangSite, is_default: bool, reuse: Reuse<'_>, diags: &mut Diagnostics) -> memo::Files {
    // A page's file is read whole, and its size and stamp are taken from the read; only a
    // preview's memo, which reuses a file whose stamp is unchanged instead of reading it,
    // needs the stamp before the read.
    let stamp_first = reuse.memo.is_some_and(memo::Memo::keeps_pages);
    let (entries, problems) = walk::walk_with(root, dir, |name| !is_ignored(name), |path| stamp_first || !is_page_file(path));
    diags.extend(problems);
    let mut markdown: Vec<(PathBuf, String, Option<memo::Stamp>)> = Vec::new();
    let mut credit_files: Vec<(String, PathBuf, String)> = Vec::new();
    // Each name in its composed form, and the first file found under it (its entry). A file's
    // path as shown in messages is made only where a message or a quiz needs it.
    let mut names: FxHashMap<String, usize> = FxHashMap::default();
    names.reserve(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        // `path` gives the address and the name in messages; a file beside the lessons is
        // copied from `source` (the target of a link). Text files are read with `read_text`,
        // which follows a link only inside the site.
        let (path, source) = (entry.path.as_path(), entry.source.as_path());
        let shown = || display_path(root, path);
        match &entry.kind {
            walk::Kind::Folder => continue,
            walk::Kind::Special(p) => {
                diags.push(Diagnostic::warning(shown(), 0, 0, format!("{}: skipped", p.message())).with_hint("replace it with an ordinary file, or remove it"));
                continue;
            }
            walk::Kind::File => {}
        }
        let Some(rel_path) = crate::paths::strip_dir(path, dir) else { continue };
        let Some(rel) = rel_path.to_str().map(composed_rel) else {
            diags.push(Diagnostic::error(shown(), 0, 0, "the file name is not valid Unicode").with_hint("rename the file"));
            continue;
        };
        if let Some(first) = names.insert(rel.clone(), i) {
            diags.push(places::same_name_twice(&display_path(root, &entries[first].path), &shown()));
            continue;
        }
        let size = entry.size;
        // The memo's stamp is of the file read: the link's target for a link inside the site
        // (the walk's metadata is of that file).
        let meta = entry.meta.as_deref();
        if rel.ends_with(".md") || quiz::is_quiz_file(&rel) {
            site.text_bytes += size;
        }
        if quiz::is_quiz_file(&rel) && !is_default {
            if let Some(text) = read_text(root, path, MAX_QUIZ_BYTES, diags) {
                site.quiz_texts.push(crate::model::QuizText { rel, source: shown(), text });
            }
        } else if quiz::is_quiz_file(&rel) {
            if let Some(q) = read_text(root, path, MAX_QUIZ_BYTES, diags).and_then(|t| quiz::parse_quiz(&t, &rel, shown(), diags)) {
                site.quizzes.push(q);
            } else {
                site.unreadable.insert(rel);
            }
        } else if is_page_file(Path::new(&rel)) {
            markdown.push((path.to_path_buf(), rel, meta.map(memo::Stamp::of)));
        } else if credits::is_credits_file(&rel, |_| path.with_extension("").is_file()) {
            if let Some(text) = read_text(root, path, MAX_QUIZ_BYTES, diags) {
                credit_files.push((rel, shown(), text));
            }
        } else if size > MAX_ASSET_BYTES {
            diags.push(
                Diagnostic::error(shown(), 0, 0, format!("this file is {} MiB; the limit is {} MiB", size >> 20, MAX_ASSET_BYTES >> 20))
                    .with_hint("link to it from a file host instead, or make it smaller"),
            );
        } else {
            // A web page, XML document or server script is refused (an error: the build stops,
            // so it is never written); it stays an asset so that links to it are not reported too.
            diags.extend(crate::documents::check(&shown(), &rel, source));
            let text = crate::media::is_sidecar(&rel).then(|| read_sidecar(root, path, &rel, &site.lang.code, diags)).flatten();
            site.assets_by_rel.insert(rel.clone(), site.assets.len());
            site.assets.push(Asset { source: source.to_path_buf(), url: output_path(&rel), rel, size, text });
        }
    }
    for (rel, shown, text) in credit_files {
        let known = |target: &str| site.assets_by_rel.contains_key(target);
        credits::parse(&text, &rel, &shown, &known, &mut site.credits, diags);
    }
    // Pages are read and parsed in parallel, then taken in walk order (deterministic). The
    // pages are collected apart from the rest, each straight into its slot by the thread that
    // read it, so that the site takes them without moving them again (see `place_pages`).
    let (pages, rest): (Vec<Option<Page>>, Vec<Parsed>) = markdown
        .par_iter()
        .map(|&(ref path, ref rel, stamp)| {
            let shown = display_path(root, path);
            if let Some(read) = reuse.memo.zip(stamp).and_then(|(m, stamp)| m.get(&shown, stamp, reuse.fingerprint)) {
                return (read.page.as_deref().cloned(), (read.diags.clone(), Some((shown, read.clone())), 0));
            }
            // The clock read before the file is: a write that follows in the same tick of the
            // clock could leave the same stamp, so such a file is read again next time.
            let now = std::time::SystemTime::now();
            let mut found = Diagnostics::new();
            let (mut page, body_hash, read) = read_page(root, path, rel, (reuse.fingerprint, reuse.memo.is_some()), reuse.bodies, &mut found);
            // Without the walk's stamp, the stamp of the file read.
            let (stamp, size) = match stamp {
                Some(stamp) => (Some(stamp), 0),
                None => (read.meta.as_ref().map(memo::Stamp::of), read.size),
            };
            let racy = stamp.is_none_or(|s| s.racy(now));
            let read = reuse.memo.zip(stamp).map(|(m, stamp)| {
                // The memo keeps the page without its body (read again when it is rendered),
                // or only the body's hash.
                let kept = if m.keeps_pages() {
                    let body = page.as_mut().map(|p| std::mem::take(&mut p.body));
                    let kept = page.clone();
                    if let (Some(p), Some(body)) = (page.as_mut(), body) {
                        p.body = body;
                    }
                    kept
                } else {
                    None
                };
                let diags = if m.keeps_pages() { found.clone() } else { Diagnostics::new() };
                (shown, memo::Read { stamp, fingerprint: reuse.fingerprint, page: kept.map(Box::new), diags, body_hash, racy })
            });
            (page, (found, read, size))
        })
        .unzip();
    let mut read = Vec::with_capacity(rest.len());
    for ((found, memoized, size), (page, (_, rel, _))) in rest.into_iter().zip(pages.iter().zip(markdown)) {
        read.extend(memoized);
        site.text_bytes += size;
        diags.extend(found);
        match page {
            Some(page) if page.front.draft => site.drafts.push(page.rel.clone()),
            Some(_) => {}
            None => {
                site.unreadable.insert(rel);
            }
        }
    }
    // The next memo's map is made while the pages are placed and linked (one thread each):
    // both take a while on a large site, and no other work is left for the load's threads.
    let (files, ()) = rayon::join(
        || read.into_iter().collect::<memo::Files>(),
        || {
            place_pages(site, pages);
            if is_default {
                link_tree(root, site, diags);
            }
        },
    );
    files
}

/// Video and audio files over `max_media_mb` MiB: a warning, since every SCORM package that
/// holds one must still be uploadable to an LMS.
fn check_media_sizes(root: &Path, lang: &LangSite, max_media_mb: u64, diags: &mut Diagnostics) {
    let limit = max_media_mb.saturating_mul(1024 * 1024);
    for asset in lang.assets.iter().filter(|a| a.size > limit && crate::media::kind_of(&a.rel).is_some()) {
        diags.push(
            Diagnostic::warning(
                display_path(root, &asset.source),
                0,
                0,
                format!(
                    "this media file is {}; files over {max_media_mb} MiB make pages slow and SCORM packages too big for many LMSs",
                    files::human_size(asset.size)
                ),
            )
            .with_hint("make it smaller (a lower resolution or bitrate), or raise `max_media_mb:` in site.yaml"),
        );
    }
}

/// SVG files beside the lessons are published byte for byte, so each is checked first: a
/// script, or a reference that loads something from elsewhere, is an error ([`crate::svg`]).
/// One file at a time: a drawing is read whole.
fn check_drawings(root: &Path, lang: &LangSite, diags: &mut Diagnostics) {
    for asset in lang.assets.iter().filter(|a| crate::svg::is_svg(&a.rel)) {
        let shown = display_path(root, &asset.source);
        match files::read_inside(root, &asset.source, crate::svg::MAX_SVG_BYTES) {
            Ok(bytes) => diags.extend(crate::svg::diagnostics(&shown, &bytes)),
            Err(files::FileProblem::TooBig { size, .. }) => diags.push(crate::svg::too_big(&shown, size)),
            Err(p) => diags.push(p.diagnostic(&shown)),
        }
    }
}

/// Pure: a page's text → a [`Page`] (tree links filled in later), or diagnostics.
pub fn parse_page(text: &str, rel: &str, shown: PathBuf, diags: &mut Diagnostics) -> Option<Page> {
    let (mut page, at) = parse_page_at(text, rel, shown, diags)?;
    page.body = text[at..].to_string();
    Some(page)
}

/// [`parse_page`] without the body: the page, and where its body starts in `text`.
fn parse_page_at(text: &str, rel: &str, shown: PathBuf, diags: &mut Diagnostics) -> Option<(Page, usize)> {
    let split = frontmatter::split(text);
    if let Ok(split) = &split {
        if split.yaml.len() > MAX_FRONT_MATTER_BYTES {
            diags.push(
                Diagnostic::error(
                    &shown,
                    2,
                    1,
                    format!(
                        "the front matter is {}; the limit is {}",
                        files::human_size(split.yaml.len() as u64),
                        files::human_size(MAX_FRONT_MATTER_BYTES as u64)
                    ),
                )
                .with_hint("front matter holds the title and a few settings: move the text below the closing `---`"),
            );
            return None;
        }
    }
    let report = |errors: Vec<crate::yaml::YamlError>, diags: &mut Diagnostics| {
        for e in errors {
            let mut d = Diagnostic::error(&shown, e.line, e.col, e.message);
            if let Some(h) = e.hint {
                d = d.with_hint(h);
            }
            diags.push(d);
        }
    };
    let split = match split {
        Ok(split) => split,
        Err(e) => {
            report(vec![e], diags);
            return None;
        }
    };
    bidi::check(split.yaml, split.yaml_line, |_| true, &shown, diags);
    bidi::check(split.body, split.body_line, bidi::is_heading, &shown, diags);
    // A front matter with problems is reported; read without the keys in error, the page is
    // still checked (the build fails on the errors anyway).
    let (front, errors) = frontmatter::parse_lenient(&split);
    report(errors, diags);
    let Some(front) = front else {
        // Without a title the page is not read, but the licence and duration are checked on
        // the YAML as written: every problem of one front matter at once.
        if let Some(values) = frontmatter::loose(&split) {
            credits::check_front(&split, values.license.as_deref(), values.duration.as_deref(), &shown, diags);
        }
        return None;
    };
    credits::check_front(&split, front.license.as_deref(), front.duration.as_deref(), &shown, diags);
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let is_section = name == "index.md";
    let order_name = if is_section { parent_dir(rel).rsplit('/').next().unwrap_or("") } else { name };
    let (prefix, rest) = split_prefix(order_name);
    let page = Page {
        source: shown,
        rel: rel.to_string(),
        url: output_path(rel),
        is_section,
        body: String::new(),
        body_line: split.body_line,
        front,
        order: (prefix.unwrap_or(u64::MAX), rest.to_string()),
        parent: None,
        children: Vec::new(),
        text: crate::model::TextStatus::Original,
        outdated: false,
        hash: String::new(),
    };
    Some((page, text.len() - split.body.len()))
}

/// Fills in parents and ordered children; reports folders without `index.md` and URL clashes.
fn link_tree(root: &Path, site: &mut LangSite, diags: &mut Diagnostics) {
    let mut urls = FxHashMap::default();
    urls.reserve(site.pages.len());
    for (id, page) in site.pages.iter().enumerate() {
        if let Some(other) = urls.insert(page.url.clone(), id) {
            let first = &site.pages[other].source;
            diags.push(
                Diagnostic::error(&page.source, 1, 1, format!("this page gets the same address `{}` as {}", page.url, first.display()))
                    .with_hint("numeric prefixes are not part of the address: give the two files different names"),
            );
        }
    }
    site.home = site.by_rel.get("index.md").copied();
    places::addresses_kyklos_writes(root, site, diags);
    places::names_with_control_characters(root, site, diags);
    if let Some(home) = site.home {
        places::home_is_a_page(root, &mut site.pages[home], diags);
    }
    let mut missing = FxHashSet::default();
    let mut index = String::new();
    for id in 0..site.pages.len() {
        if Some(id) == site.home {
            continue;
        }
        let rel = &site.pages[id].rel;
        let mut dir = if site.pages[id].is_section { parent_dir(parent_dir(rel)).to_string() } else { parent_dir(rel).to_string() };
        let parent = loop {
            index.clear();
            if !dir.is_empty() {
                index.push_str(&dir);
                index.push('/');
            }
            index.push_str("index.md");
            if let Some(&p) = site.by_rel.get(&index) {
                break Some(p);
            }
            if missing.insert(dir.clone()) && !site.unreadable.contains(&index) {
                let folder = root.join("content").join(&site.lang.code).join(&dir);
                diags.push(
                    Diagnostic::error(display_path(root, &folder.join("index.md")), 0, 0, "this folder has pages but no index.md")
                        .with_hint("add an index.md with a title: it is the folder's own page"),
                );
            }
            if dir.is_empty() {
                break None;
            }
            dir = parent_dir(&dir).to_string();
        };
        site.pages[id].parent = parent;
        if let Some(p) = parent {
            site.pages[p].children.push(id);
        }
    }
    for (q, quiz) in site.quizzes.iter().enumerate() {
        let dir = parent_dir(&quiz.rel);
        let index = if dir.is_empty() { "index.md".to_string() } else { format!("{dir}/index.md") };
        match site.by_rel.get(&index) {
            Some(&section) => site.quizzes_of.entry(section).or_default().push(q),
            None if site.unreadable.contains(&index) => {}
            None => diags.push(
                Diagnostic::error(&quiz.source, 1, 1, "this quiz's folder has no index.md")
                    .with_hint("a quiz belongs to a module: put it in a folder with an index.md"),
            ),
        }
        if let Some(&other) = urls.get(&quiz.url) {
            diags.push(
                Diagnostic::error(&quiz.source, 1, 1, format!("this quiz gets the same address `{}` as {}", quiz.url, site.pages[other].source.display()))
                    .with_hint("rename the quiz file or the page"),
            );
        }
    }
    for id in 0..site.pages.len() {
        let mut children = std::mem::take(&mut site.pages[id].children);
        children.sort_by(|a, b| site.pages[*a].order.cmp(&site.pages[*b].order));
        site.pages[id].children = children;
    }
}

#[cfg(test)]
mod tests;
