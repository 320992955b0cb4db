//! The course sidebar: the navigation list a folder's pages share (`course-nav.html`, rendered
//! once per folder), with the progress summary of the section that holds the folder, and the
//! page's own view of it. Part of the render step; the list is marked per page afterwards
//! ([`SharedNav::mark_current_into`]).

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use tera::Context;

use crate::model::url::relative;
use crate::model::{LangSite, PageId};

use super::theme::Theme;
use super::views::{is_fallback, ExtraSteps};
use super::{lesson, tera_error_chain, LangContext, TERA_PAGES};

/// The template of the course navigation list, rendered once per folder.
const COURSE_NAV_TEMPLATE: &str = "course-nav.html";

/// One line of the course navigation (`course-nav.html`). The list is rendered once per
/// folder and shared by that folder's pages, so nothing here depends on the page itself:
/// kyklos marks the page's own link with `aria-current="page"` afterwards.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    /// Relative to the folder the list is rendered for.
    pub url: String,
    pub kind: &'static str,
    /// Always false in the shared list (kept for templates written before it was shared).
    pub current: bool,
    /// The folder the list is for is inside this section: its lessons are listed (`children`).
    pub open: bool,
    /// Stable key for progress ticks: `<lang>/<url>` relative to the language root.
    pub key: String,
    /// The key is written into the list (`data-key`): kyklos.js cannot find it from the link.
    /// Where it can (the key's characters are all plain), it reads the key off the link's
    /// `href` resolved against the page's own key (`body[data-key]`), which gives the same
    /// key: the list's addresses are relative to the folder, the key is `<lang>/<url>`.
    pub keyed: bool,
    pub children: Vec<NavItem>,
    pub fallback: bool,
    /// The innermost listed section that holds the folder, in a course with lessons or quizzes:
    /// the progress keys of its lessons and quizzes, for the summary under its link (so the
    /// number sits under what it measures). Empty for every other item.
    pub progress_keys: String,
}

/// What `course-nav.html` receives as `course_nav`: a course (book) as seen from one folder.
#[derive(Debug, Clone, Serialize)]
pub struct CourseNav {
    pub title: String,
    pub url: String,
    /// The course's lines. A closed line is the same in every folder one level below the same
    /// folder (a module's lessons see the other modules at the same `../m/index.html`): those
    /// lines are shared with [`CourseNav::closed`] (the same `Arc`), not made again.
    pub items: Vec<Arc<NavItem>>,
    pub fallback: bool,
    /// The course's lines as closed lines seen from the folders one level below the folder's
    /// parent, where this list took some of its lines from.
    #[serde(skip)]
    pub closed: Option<Arc<ClosedItems>>,
}

/// A course's lines all closed (no lessons listed, no progress), as seen from any folder one
/// level below one folder (see [`course_nav_for`]): made once for all those folders, and
/// their HTML once when the built-in list is written.
#[derive(Debug)]
pub struct ClosedItems {
    pub items: Vec<Arc<NavItem>>,
    /// Each line's HTML (`course_nav_list`), made on first use.
    pub html: OnceLock<Vec<String>>,
}

/// The sidebar of one page, as page templates see it (`course_nav`): the course's title and
/// link, and `list`, the navigation list rendered once for the page's folder with this
/// page's link marked (`aria-current="page"`).
#[derive(Debug, Clone, Serialize)]
pub struct CourseNavView {
    pub title: String,
    pub url: String,
    /// The page is the course's own page.
    pub current: bool,
    pub fallback: bool,
    /// Filled in when the page is rendered (see `render::render_view`).
    pub list: String,
    /// The shared list of the page's folder.
    #[serde(skip)]
    pub shared: std::sync::Arc<SharedNav>,
    /// The page's own link in the list (`href` as written there).
    #[serde(skip)]
    pub own_href: String,
}

/// A course's navigation list for one folder: the data, and its HTML once rendered.
#[derive(Debug)]
pub struct SharedNav {
    pub nav: CourseNav,
    pub html: OnceLock<Result<String, String>>,
    /// Where each link's ` href="…"` ends in `html` (the first link of each `href`), found once
    /// for the folder instead of searching the list again for each of its pages. Only links
    /// within the folder (an `href` without `/`): a page's own link is its file name.
    links: OnceLock<rustc_hash::FxHashMap<String, usize>>,
}

impl SharedNav {
    pub fn new(nav: CourseNav) -> Self {
        SharedNav { nav, html: Default::default(), links: Default::default() }
    }

    /// Appends `list` (this folder's rendered `html`) with the link whose `href` is `own_href`
    /// marked as the current page. A page that is not in the list (a print page) leaves it
    /// unmarked.
    pub fn mark_current_into(&self, out: &mut String, list: &str, own_href: &str) {
        let links = self.links.get_or_init(|| {
            // `memchr`'s searches: the list is some 20 KB with 200 links, in every folder.
            const HREF: &[u8] = b" href=\"";
            let mut links = rustc_hash::FxHashMap::default();
            for at in memchr::memmem::find_iter(list.as_bytes(), HREF) {
                let start = at + HREF.len();
                if let Some(len) = memchr::memchr(b'"', &list.as_bytes()[start..]) {
                    let href = &list[start..start + len];
                    if memchr::memchr(b'/', href.as_bytes()).is_none() {
                        links.entry(href.to_string()).or_insert(start + len + 1);
                    }
                }
            }
            links
        });
        let own = crate::markdown::escape_html(own_href);
        let found = if own.contains('/') {
            // Not a link the index holds: the first link with that `href`, searched for.
            let quoted = format!(" href=\"{own}\"");
            list.find(&quoted).map(|at| at + quoted.len())
        } else {
            links.get(own.as_str()).copied()
        };
        match found {
            Some(end) => {
                out.push_str(&list[..end]);
                out.push_str(" aria-current=\"page\"");
                out.push_str(&list[end..]);
            }
            None => out.push_str(list),
        }
    }
}

/// The navigation of course (book) `book` as seen from folder `dir` (relative to the language
/// root): its modules, one line each, and the lessons (and quizzes) of the sections that hold
/// the folder. It is the same for every page in the folder, so it is built and rendered once.
/// `tracked`: the course has lessons or quizzes, so the innermost listed section that holds
/// the folder gets its progress keys ([`NavItem::progress_keys`]). `closed`: the course's lines
/// as [`closed_items`] made them for the folders beside `dir` (one level below its parent): a
/// line closed here whose page is not inside `dir` is that one, shared.
pub fn course_nav_for(site: &LangSite, book: PageId, dir: &str, extra: ExtraSteps<'_>, tracked: Keys<'_>, closed: Option<&Arc<ClosedItems>>) -> CourseNav {
    // Any page in the folder: relative addresses depend only on the folder.
    let here = if dir.is_empty() { "-".to_string() } else { format!("{dir}/-") };
    let b = &site.pages[book];
    let children = &b.children;
    let steps = extra(book);
    // A shared line is used only where the lists line up (they are made from the same pages).
    let shared = closed.filter(|c| c.items.len() == children.len() + steps.len());
    let reuse = |i: usize, url: &str| shared.and_then(|c| c.items.get(i)).filter(|item| !item.open && !dir.is_empty() && !holds(dir, url)).cloned();
    let mut items: Vec<Arc<NavItem>> = Vec::with_capacity(children.len() + steps.len());
    for (i, &c) in children.iter().enumerate() {
        let p = &site.pages[c];
        let open = p.is_section && holds(crate::model::url::parent_dir(&p.url), &here);
        match reuse(i, &p.url).filter(|_| !open) {
            Some(item) => items.push(item),
            None => items.push(Arc::new(page_item(site, c, &here, 1, extra, tracked))),
        }
    }
    for (j, s) in steps.into_iter().enumerate() {
        match reuse(children.len() + j, &s.url) {
            Some(item) => items.push(item),
            None => items.push(Arc::new(step_item(&site.lang.code, &here, s))),
        }
    }
    CourseNav { title: b.front.title.clone(), url: relative(&here, &b.url), items, fallback: is_fallback(site, book), closed: shared.cloned() }
}

/// The course's lines all closed, as seen from any folder one level below `parent` (see
/// [`course_nav_for`]): the language root has no folder above it, so has none.
pub fn closed_items(site: &LangSite, book: PageId, parent: &str, extra: ExtraSteps<'_>) -> ClosedItems {
    // A folder no page is in (no address holds a NUL): no line is open from there, and each
    // address relative to it is the same as from any folder beside it that does not hold it.
    let here = if parent.is_empty() { "\0/-".to_string() } else { format!("{parent}/\0/-") };
    let children = site.pages[book].children.iter().map(|&c| Arc::new(page_item(site, c, &here, 1, extra, None)));
    let steps = extra(book).into_iter().map(|s| Arc::new(step_item(&site.lang.code, &here, s)));
    ClosedItems { items: children.chain(steps).collect(), html: OnceLock::new() }
}

/// The progress keys of a section ([`super::views::progress_keys`], as the language's cache
/// holds them), where the course counts progress (see [`course_nav_for`]).
pub type Keys<'a> = Option<&'a dyn Fn(PageId) -> Arc<String>>;

/// The levels `course-nav.html` shows: modules and what the open one holds.
const SHOWN: usize = 2;

/// The line of page `c` as seen from `here`, with the lines of the sections it holds where
/// it holds the folder.
fn page_item(site: &LangSite, c: PageId, here: &str, depth: usize, extra: ExtraSteps<'_>, tracked: Keys<'_>) -> NavItem {
    let p = &site.pages[c];
    // Only the branch that holds the folder is expanded: a module of many lessons
    // must not put every lesson link on every page of the course.
    let inside = p.is_section && holds(crate::model::url::parent_dir(&p.url), here);
    let children = if inside && depth < 3 { items(site, c, here, depth + 1, extra, tracked) } else { Vec::new() };
    let innermost = inside && (depth == SHOWN || !children.iter().any(|ch| ch.open));
    NavItem {
        title: p.front.title.clone(),
        url: relative(here, &p.url),
        kind: site.kind_name(c),
        current: false,
        open: inside,
        keyed: !plain_key(&p.url),
        key: key(&site.lang.code, &p.url),
        children,
        fallback: is_fallback(site, c),
        progress_keys: match tracked {
            Some(keys) if innermost => keys(c).as_str().to_string(),
            _ => String::new(),
        },
    }
}

/// The line of an extra step (a section's quiz) as seen from `here`.
fn step_item(lang: &str, here: &str, s: super::views::Step) -> NavItem {
    NavItem {
        title: s.title,
        current: false,
        open: false,
        keyed: !plain_key(&s.url),
        key: key(lang, &s.url),
        url: relative(here, &s.url),
        kind: s.kind,
        children: Vec::new(),
        fallback: s.fallback,
        progress_keys: String::new(),
    }
}

/// The lines of section `section`'s pages and extra steps as seen from `here`.
fn items(site: &LangSite, section: PageId, here: &str, depth: usize, extra: ExtraSteps<'_>, tracked: Keys<'_>) -> Vec<NavItem> {
    let mut out: Vec<NavItem> = site.pages[section].children.iter().map(|&c| page_item(site, c, here, depth, extra, tracked)).collect();
    out.extend(extra(section).into_iter().map(|s| step_item(&site.lang.code, here, s)));
    out
}

/// The folder `dir` holds the page at `here` (`here` starts with `dir/`): asked of every
/// module for every folder's list, so without making `dir/` first.
fn holds(dir: &str, here: &str) -> bool {
    here.len() > dir.len() && here.starts_with(dir) && here.as_bytes()[dir.len()] == b'/'
}

/// A progress key, `<lang>/<url>`, made in one allocation (two for every item of every folder's
/// list through `format!`).
fn key(lang: &str, url: &str) -> String {
    let mut key = String::with_capacity(lang.len() + 1 + url.len());
    key.push_str(lang);
    key.push('/');
    key.push_str(url);
    key
}

/// A page address that a browser resolves back to itself from a relative link, letter for
/// letter: ASCII letters, digits, `-`, `_`, `.` and `/` only (no character a URL parser
/// escapes or unescapes), as kyklos's own addresses are unless a slug keeps other letters.
pub fn plain_key(url: &str) -> bool {
    !url.is_empty() && !url.starts_with('/') && url.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
}

impl LangContext<'_> {
    /// Whether the course `book` counts progress: it has lessons or quizzes (guides, training
    /// units and good practices are reference material without a progress bar).
    pub fn tracked(&self, book: PageId, extra: ExtraSteps<'_>) -> bool {
        self.book_nav(book, extra).steps.iter().any(|st| st.kind == "lesson" || st.kind == "quiz")
    }

    /// The sidebar of the page at `here` in course `book`: the course's navigation list is
    /// shared by all pages of a folder (built here once; rendered once by [`render_view`]).
    pub fn course_nav(&self, book: PageId, here: &str, extra: ExtraSteps<'_>) -> CourseNavView {
        let dir = crate::model::url::parent_dir(here);
        let key = (book, dir.to_string());
        let cached = self.sidebars.read().ok().and_then(|m| m.get(&key).cloned());
        let shared = cached.unwrap_or_else(|| {
            let tracked = self.tracked(book, extra);
            let closed = (!dir.is_empty()).then(|| self.closed_items(book, crate::model::url::parent_dir(dir), extra));
            let keys = |section: PageId| self.progress_keys(section, extra);
            let keys: Keys<'_> = if tracked { Some(&keys) } else { None };
            let nav = std::sync::Arc::new(SharedNav::new(course_nav_for(self.lang, book, dir, extra, keys, closed.as_ref())));
            match self.sidebars.write() {
                Ok(mut m) => m.entry(key).or_insert(nav).clone(),
                Err(_) => nav,
            }
        });
        let b = &self.lang.pages[book];
        CourseNavView {
            title: b.front.title.clone(),
            url: relative(here, &b.url),
            current: b.url == here,
            fallback: is_fallback(self.lang, book),
            list: String::new(),
            shared,
            // `relative(here, here)`: the page's file name.
            own_href: here[here.rfind('/').map_or(0, |i| i + 1)..].to_string(),
        }
    }

    /// The course's lines closed, as seen from the folders one level below `parent` (made once).
    fn closed_items(&self, book: PageId, parent: &str, extra: ExtraSteps<'_>) -> Arc<ClosedItems> {
        let key = (book, parent.to_string());
        if let Some(c) = self.closed_navs.read().ok().and_then(|m| m.get(&key).cloned()) {
            return c;
        }
        let closed = Arc::new(closed_items(self.lang, book, parent, extra));
        match self.closed_navs.write() {
            Ok(mut m) => m.entry(key).or_insert(closed).clone(),
            Err(_) => closed,
        }
    }

    /// The HTML of a shared navigation list (`course-nav.html`), rendered on first use.
    pub(super) fn course_nav_html<'s>(&self, theme: &Theme, shared: &'s SharedNav) -> &'s Result<String, String> {
        shared.html.get_or_init(|| {
            let default = self.site.config.default_language();
            if theme.builtin_nav && !TERA_PAGES.load(std::sync::atomic::Ordering::Relaxed) {
                let here = (self.lang.lang.code.as_str(), self.lang.lang.direction.as_str());
                let (html, links) = lesson::course_nav_list(self.ui(), &shared.nav, here, (&default.code, default.direction.as_str()));
                // Found while writing, so the list is not searched for them.
                let _ = shared.links.set(links);
                return Ok(html);
            }
            let mut context = Context::new();
            context.insert("course_nav", &shared.nav);
            context.insert("lang", &self.lang.lang.code);
            context.insert("dir", self.lang.lang.direction.as_str());
            context.insert("fallback_lang", &default.code);
            context.insert("fallback_dir", default.direction.as_str());
            let values = self.values();
            context.insert("t", &values.t);
            context.insert("tl", &values.tl);
            context.insert("tm", &values.tm);
            // A theme's list may hold paragraphs: marked here, once, since a page's own pass
            // leaves the list out (see `render_view`).
            theme
                .templates
                .render(COURSE_NAV_TEMPLATE, &context)
                .map(|html| super::block_marks::block_marks(&html).unwrap_or(html))
                .map_err(|e| format!("template {COURSE_NAV_TEMPLATE}: {}", tera_error_chain(&e)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{CourseNav, SharedNav};

    fn mark_current(list: &str, own_href: &str) -> String {
        let nav = SharedNav::new(CourseNav { title: String::new(), url: String::new(), items: Vec::new(), fallback: false, closed: None });
        let mut out = String::new();
        nav.mark_current_into(&mut out, list, own_href);
        // The second page of the folder finds its link in the index the first one made.
        let mut again = String::new();
        nav.mark_current_into(&mut again, list, own_href);
        assert_eq!(again, out);
        out
    }

    #[test]
    fn marks_the_link_to_the_page_only() {
        let list = r#"<ol><li><a href="../m1/index.html">M1</a></li><li><a href="index.html">M2</a><ol><li><a href="a&amp;b.html">A</a></li><li><a href="b.html">B</a></li></ol></li></ol>"#;
        assert_eq!(mark_current(list, "b.html").matches("aria-current").count(), 1);
        assert!(mark_current(list, "b.html").contains(r#"<a href="b.html" aria-current="page">B</a>"#));
        assert!(mark_current(list, "a&b.html").contains(r#"<a href="a&amp;b.html" aria-current="page">A</a>"#));
        assert!(mark_current(list, "index.html").contains(r#"<a href="index.html" aria-current="page">M2</a>"#));
        // A page that is not in the list (a print page) leaves it as it is.
        assert_eq!(mark_current(list, "print.html"), list);
        // Two links to the same page: the first is marked, as a search from the start would.
        let twice = r#"<a href="x.html">1</a><a href="y.html">2</a><a href="x.html">3</a>"#;
        assert_eq!(mark_current(twice, "x.html"), r#"<a href="x.html" aria-current="page">1</a><a href="y.html">2</a><a href="x.html">3</a>"#);
    }
}
