//! What a rebuild can reuse from the previous one (`serve`): each page's rendered HTML and
//! what rendering it found (heading ids, anchor links, problems), keyed by a hash of its
//! Markdown and of everything else a page's HTML can depend on.
//!
//! That "everything else" is the site's structure: every page's place, title and front matter,
//! quizzes, files, settings, interface strings and theme. An edit to a lesson's body leaves it
//! unchanged, so only that page is rendered again; an edit to a title, a quiz, site.yaml, a
//! string or a template changes it, and every page is rendered again (its navigation may show
//! the change). The output of a cached build is byte-identical to a full build's (tested).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::memo::Memo;
use crate::markdown::{AnchorRef, Rendered};
use crate::model::{LangSite, Page, Site};
use crate::output::{FileStamp, Output};
use crate::render::theme::Theme;

pub mod disk;
pub mod quick;

/// A file of the last build: its bytes (the preview's in-memory builds), or the file in the
/// output folder (`build`, which never holds the site's HTML), with its stamp once known.
#[derive(Debug, Clone)]
pub enum Held {
    Bytes(Arc<[u8]>),
    Disk(Option<FileStamp>),
}

impl Held {
    /// Whether the file can be used again in `output` (a file on disk must be as the last
    /// build left it).
    fn usable(&self, output: &Output, path: &str) -> bool {
        match self {
            Held::Bytes(_) => true,
            Held::Disk(Some(stamp)) => output.can_keep(path, stamp),
            Held::Disk(None) => false,
        }
    }

    /// Writes the file again (bytes), or keeps the one on disk. False if it cannot be kept.
    pub fn reuse(&self, output: &Output, path: &str) -> std::io::Result<bool> {
        match self {
            Held::Bytes(b) => output.write_shared(path, b.clone()).map(|()| true),
            Held::Disk(Some(stamp)) => Ok(output.keep_existing(path, stamp)),
            Held::Disk(None) => Ok(false),
        }
    }
}

/// One page as the last build rendered it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: u64,
    /// The output path.
    pub path: String,
    pub html: Held,
    pub ids: Arc<Vec<String>>,
    pub anchors: Arc<Vec<(AnchorRef, usize, usize)>>,
    /// Problems found while rendering (not the writer's).
    pub problems: Vec<Diagnostic>,
    /// The Markdown HTML (in memory only).
    pub kept: Option<Rendered>,
    /// What search indexes of the page (in memory only).
    pub search: Option<Arc<crate::search::Prepared>>,
}

/// Each page's key for a rebuild's cache (see [`page_key`]), by language and page; `None`
/// where the page's Markdown was not read at load (it is always rendered).
pub type Keys = Vec<Vec<Option<u64>>>;

/// Pages by (language index, page index), shared: a rebuild that keeps a page keeps its entry.
pub type Entries = HashMap<(usize, usize), Arc<Entry>>;

/// Files made by a step other than the pages step (a quiz page, a print page, a tag page, a
/// status page, the journey's files …), under a name, with the key of what they were made of.
pub type Made = (u64, SharedFiles);

/// Files kept between builds: (output path, file).
pub type SharedFiles = Arc<[(String, Held)]>;

/// One language's search index as the last build made it, with the key of what it was made
/// of (its pages' keys).
#[derive(Debug, Clone)]
pub struct SearchEntry {
    pub key: u64,
    /// The language's code.
    pub code: String,
    pub files: SharedFiles,
    pub stats: crate::search::Stats,
}

impl SearchEntry {
    /// Whether every file of the index can be used again in `output`.
    pub fn usable(&self, output: &Output) -> bool {
        self.files.iter().all(|(path, held)| held.usable(output, path))
    }
}

/// What the last build read and made.
#[derive(Default)]
pub struct Cache {
    /// Files are kept on disk, not in memory ([`disk`]: `build`).
    pub disk: bool,
    pages: Entries,
    /// The Markdown files as last read.
    pub memo: Memo,
    /// The compiled theme, by the key of its files (see [`theme_key`]), with its warnings.
    pub theme: Option<(u64, Arc<Theme>, Diagnostics)>,
    /// Other rendered files, by name: the last build's, and this build's as it goes.
    made: HashMap<String, Made>,
    making: Mutex<HashMap<String, Made>>,
    /// Search indexes by language code.
    pub search: HashMap<String, SearchEntry>,
    /// What the last build recorded of the files it left in the output folder ([`disk`]).
    pub files: crate::output::Records,
    /// Pages whose output was used again in the last build.
    pub reused: std::sync::atomic::AtomicUsize,
    /// The files that changed since the last build, relative to the site's folder, if known
    /// (the preview's watcher says): the next build may then load only them ([`quick`]).
    pub hint: Option<Vec<std::path::PathBuf>>,
    /// The last good build's site, for a [`quick`] load.
    pub last: Option<quick::Last>,
    /// Each language's navigation as the last build made it, with the structure it was made
    /// for (see [`crate::render::NavMemo`]).
    pub navs: Mutex<HashMap<usize, (u64, crate::render::NavMemo)>>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").field("pages", &self.pages.len()).field("made", &self.made.len()).field("search", &self.search.len()).finish()
    }
}

impl Cache {
    pub fn get(&self, lang: usize, page: usize, key: u64) -> Option<&Arc<Entry>> {
        self.pages.get(&(lang, page)).filter(|e| e.key == key)
    }

    /// A page of the last build, whatever its key.
    pub fn entry(&self, lang: usize, page: usize) -> Option<&Entry> {
        self.pages.get(&(lang, page)).map(|e| &**e)
    }

    /// The navigation of language `lang` as the last build made it, if the site's structure
    /// is the same.
    pub fn nav_memo(&self, lang: usize, structure: u64) -> Option<crate::render::NavMemo> {
        self.navs.lock().ok()?.get(&lang).filter(|(s, _)| *s == structure).map(|(_, m)| m.clone())
    }

    /// Keeps a language's navigation for the next build.
    pub fn keep_navs(&self, lang: usize, structure: u64, memo: crate::render::NavMemo) {
        if let Ok(mut navs) = self.navs.lock() {
            navs.insert(lang, (structure, memo));
        }
    }

    /// Replaces the cache with the pages of a new build.
    pub fn replace(&mut self, pages: Entries) {
        self.pages = pages;
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Writes (or keeps) the files made under `name` by the last build if their key is `key`
    /// and they can all be used again; else `make`s and writes them. Either way they are kept
    /// for the next build.
    pub fn made(&self, output: &Output, name: &str, key: u64, make: impl FnOnce() -> Result<Vec<(String, Vec<u8>)>, String>) -> Result<(), String> {
        let last = self.made.get(name).filter(|m| m.0 == key && m.1.iter().all(|(path, held)| held.usable(output, path)));
        let mut files = None;
        if let Some((_, held)) = last {
            let mut kept = true;
            for (path, file) in held.iter() {
                kept &= file.reuse(output, path).map_err(|e| format!("cannot write {path}: {e}"))?;
            }
            if kept {
                files = Some(held.clone());
            }
        }
        let files = match files {
            Some(files) => files,
            None => {
                let mut out = Vec::new();
                for (path, bytes) in make()? {
                    let held = if self.disk {
                        output.write(&path, &bytes).map_err(|e| format!("cannot write {path}: {e}"))?;
                        Held::Disk(None)
                    } else {
                        let bytes: Arc<[u8]> = Arc::from(bytes.into_boxed_slice());
                        output.write_shared(&path, bytes.clone()).map_err(|e| format!("cannot write {path}: {e}"))?;
                        Held::Bytes(bytes)
                    };
                    out.push((path, held));
                }
                out.into()
            }
        };
        if let Ok(mut next) = self.making.lock() {
            next.insert(name.to_string(), (key, files));
        }
        Ok(())
    }

    /// Starts a build: what the last one made is what this one may reuse.
    pub fn begin(&mut self) {
        let making = std::mem::take(self.making.get_mut().unwrap_or_else(|e| e.into_inner()));
        // A build that stopped early made little: keep what it did not replace.
        self.made.extend(making);
        self.reused = Default::default();
    }

    /// Ends a good build: only what it made is kept.
    pub fn end(&mut self) {
        let making = std::mem::take(self.making.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.made = making;
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

/// Streams `Debug` output into a hasher without building the string.
struct HashWriter<'a>(&'a mut DefaultHasher);

impl std::fmt::Write for HashWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

fn debug_into(h: &mut DefaultHasher, value: &dyn std::fmt::Debug) {
    let _ = write!(HashWriter(h), "{value:?}\u{1}");
}

/// A hash of everything but the page bodies that a page's HTML can depend on.
pub fn structure(site: &Site, strings_dir_and_theme: u64) -> u64 {
    let mut h = DefaultHasher::new();
    strings_dir_and_theme.hash(&mut h);
    debug_into(&mut h, &site.config);
    for lang in &site.langs {
        lang_structure(&mut h, lang);
    }
    h.finish()
}

fn lang_structure(h: &mut DefaultHasher, lang: &LangSite) {
    debug_into(h, &lang.lang);
    // Each page's part on every thread (a large site's front matter takes a while to format),
    // then taken in page order.
    let pages: Vec<u64> = lang
        .pages
        .par_iter()
        .map(|page| {
            let mut h = DefaultHasher::new();
            page_structure(&mut h, page);
            h.finish()
        })
        .collect();
    pages.hash(h);
    debug_into(h, &lang.assets);
    debug_into(h, &lang.home);
    debug_into(h, &lang.quizzes);
    let mut quizzes_of: Vec<_> = lang.quizzes_of.iter().collect();
    quizzes_of.sort();
    debug_into(h, &quizzes_of);
    debug_into(h, &lang.credits);
}

/// A page without its body and its translation fingerprint (which changes with the body; what
/// rendering shows of it, `outdated`, is kept). By `Hash`, not by `Debug` text (formatting
/// every page's front matter cost more than hashing it): every field's hash takes its length
/// or ends with a mark, so two different pages feed the hasher different bytes.
fn page_structure(h: &mut DefaultHasher, p: &Page) {
    // The path's bytes as written (`Path`'s own hash goes by components).
    (p.source.as_os_str(), &p.rel, &p.url, p.is_section, &p.front, p.body_line, &p.order).hash(h);
    (&p.parent, &p.children, p.text, p.outdated).hash(h);
}

/// A hash of the site's own interface strings and theme files (names, sizes, modification
/// times): the built-in ones never change while kyklos runs.
pub fn overrides(root: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    for dir in ["i18n", "themes"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name().into_iter().filter_map(Result::ok) {
            let meta = entry.metadata().ok();
            debug_into(&mut h, &(entry.path(), meta.as_ref().map(|m| m.len()), meta.and_then(|m| m.modified().ok())));
        }
    }
    h.finish()
}

/// A hash of a site's theme folder (names, sizes, times): the built-in theme never changes
/// while kyklos runs, so this is what a compiled theme is kept by.
pub fn theme_key(root: &Path, name: &str) -> u64 {
    let mut h = DefaultHasher::new();
    name.hash(&mut h);
    for entry in walkdir::WalkDir::new(root.join("themes").join(name)).sort_by_file_name().into_iter().filter_map(Result::ok) {
        let stamp = entry.metadata().ok().map(|m| crate::load::memo::Stamp::of(&m));
        debug_into(&mut h, &(entry.path(), stamp));
    }
    h.finish()
}

/// The key of one page: the structure, where the page is, whether its Markdown is kept for
/// packages, and its Markdown (as [`crate::load::memo::body_hash`]).
pub fn page_key(structure: u64, lang: usize, page: usize, keep: bool, body_hash: u64) -> u64 {
    key_of(&(structure, lang, page, keep, body_hash))
}

/// A key made of anything that can be hashed.
pub fn key_of(value: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// A key made of anything's `Debug` form (for values that cannot be hashed).
pub fn debug_key(value: &dyn std::fmt::Debug) -> u64 {
    let mut h = DefaultHasher::new();
    debug_into(&mut h, value);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_change_with_the_body_and_the_structure() {
        let text = |t: &str| crate::load::memo::body_hash(t);
        let k = page_key(1, 0, 3, false, text("text"));
        assert_eq!(k, page_key(1, 0, 3, false, text("text")));
        assert_ne!(k, page_key(1, 0, 3, false, text("text!")));
        assert_ne!(k, page_key(2, 0, 3, false, text("text")));
        assert_ne!(k, page_key(1, 0, 3, true, text("text")));
        let mut c = Cache::default();
        let entry = Entry {
            key: k,
            path: "x.html".into(),
            html: Held::Bytes(Arc::from(&b"x"[..])),
            ids: Default::default(),
            anchors: Default::default(),
            problems: vec![],
            kept: None,
            search: None,
        };
        c.replace([((0, 3), Arc::new(entry))].into_iter().collect());
        assert!(c.get(0, 3, k).is_some());
        assert!(c.get(0, 3, k + 1).is_none());
        assert!(c.get(1, 3, k).is_none());
    }

    fn page_hash(p: &Page) -> u64 {
        let mut h = DefaultHasher::new();
        page_structure(&mut h, p);
        h.finish()
    }

    #[test]
    fn a_page_s_structure_changes_with_each_field_but_not_with_its_body() {
        let front = crate::model::FrontMatter { title: "A".into(), description: Some("d".into()), ..Default::default() };
        let page = Page {
            source: "content/en/a.md".into(),
            rel: "a.md".into(),
            url: "a.html".into(),
            is_section: false,
            front,
            body: "Body".into(),
            body_line: 4,
            order: (1, "a".into()),
            parent: Some(0),
            children: vec![],
            text: crate::model::TextStatus::Original,
            outdated: false,
            hash: "h".into(),
        };
        let base = page_hash(&page);
        let same = Page { body: "Another body".into(), hash: "other".into(), ..page.clone() };
        assert_eq!(page_hash(&same), base);
        let tags = [("country".to_string(), crate::model::TagValues::One("Greece".into()))].into_iter().collect();
        let changed: Vec<Page> = vec![
            Page { source: "content/en/b.md".into(), ..page.clone() },
            Page { rel: "b.md".into(), ..page.clone() },
            Page { url: "b.html".into(), ..page.clone() },
            Page { is_section: true, ..page.clone() },
            Page { front: crate::model::FrontMatter { title: "B".into(), ..page.front.clone() }, ..page.clone() },
            Page { front: crate::model::FrontMatter { description: None, ..page.front.clone() }, ..page.clone() },
            Page { front: crate::model::FrontMatter { kind: Some(crate::model::Kind::Unit), ..page.front.clone() }, ..page.clone() },
            Page { front: crate::model::FrontMatter { objectives: vec!["o".into()], ..page.front.clone() }, ..page.clone() },
            Page { front: crate::model::FrontMatter { draft: true, ..page.front.clone() }, ..page.clone() },
            Page { front: crate::model::FrontMatter { tags, ..page.front.clone() }, ..page.clone() },
            Page { body_line: 5, ..page.clone() },
            Page { order: (2, "a".into()), ..page.clone() },
            Page { parent: None, ..page.clone() },
            Page { children: vec![3], ..page.clone() },
            Page { text: crate::model::TextStatus::Fallback, ..page.clone() },
            Page { outdated: true, ..page.clone() },
            // Text moved from one field to the next is another page.
            Page { rel: "a.m".into(), url: "da.html".into(), ..page.clone() },
            Page { front: crate::model::FrontMatter { title: "Ad".into(), description: Some(String::new()), ..page.front.clone() }, ..page.clone() },
        ];
        for (i, p) in changed.iter().enumerate() {
            assert_ne!(page_hash(p), base, "change {i}");
        }
    }
}
