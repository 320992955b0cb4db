//! The built-in `course-nav.html` written in Rust: the course navigation list a folder's pages
//! share, rendered once per folder. Same bytes as Tera with the built-in template (checked by
//! tests/page_renderer.rs); a theme with its own `course-nav.html` gets Tera.

use super::write::{UiText, W};
use crate::render::views::{CourseNav, NavItem};

/// The list as the built-in `course-nav.html` renders it. `lang`/`dir`: the page's language;
/// `fallback`: the default language's, for titles shown in it. A line shared with the
/// course's closed lines ([`CourseNav::closed`]) is copied from their HTML, made once.
/// Also returns where each link within the folder (an `href` without `/`) ends: its escaped
/// `href` and the end of its ` href="…"`, the first of each (see `SharedNav::mark_current_into`).
pub(crate) fn course_nav_list(t: &UiText, nav: &CourseNav, (lang, dir): (&str, &str), (fl, fd): (&str, &str)) -> (String, Links) {
    let closed = nav.closed.as_ref().map(|c| {
        let html = c.html.get_or_init(|| {
            c.items
                .iter()
                .map(|item| {
                    let mut w = W::new(t, (fl, fd), 256);
                    line(&mut w, item, (lang, dir), None);
                    w.out
                })
                .collect()
        });
        (&c.items, html)
    });
    let mut w = W::new(t, (fl, fd), 256 * (nav.items.len() + 1));
    let mut links = Links::default();
    w.s("<ol class=\"course-nav-list\">");
    for (i, item) in nav.items.iter().enumerate() {
        match closed {
            // A shared line's links all lead out of the folder (`../`): none is indexed.
            Some((items, html)) if items.get(i).is_some_and(|c| std::sync::Arc::ptr_eq(c, item)) => w.s(&html[i]),
            _ => line(&mut w, item, (lang, dir), Some(&mut links)),
        }
    }
    w.s("</ol>");
    (w.out, links)
}

/// Where links end in a list, by their escaped `href`.
type Links = rustc_hash::FxHashMap<String, usize>;

/// One line of the list (a `<li>` with the lines of an open section inside).
fn line(w: &mut W<'_>, item: &NavItem, (lang, dir): (&str, &str), mut links: Option<&mut Links>) {
    w.s("<li class=\"nav-");
    w.e(item.kind);
    if item.open {
        w.s(" is-open");
    }
    link_start(w, item, links.as_deref_mut());
    if item.fallback {
        w.s("<span class=\"visually-hidden\" lang=\"");
        w.e(lang);
        w.s("\" dir=\"");
        w.e(dir);
        w.s("\"> (");
        w.tm("switcher_fallback");
        w.s(")</span><span class=\"fallback-mark\" aria-hidden=\"true\">*</span>");
    }
    w.s("</a>");
    summary(w, item);
    if !item.children.is_empty() {
        w.s("<ol>");
        for child in &item.children {
            w.s("<li class=\"nav-");
            w.e(child.kind);
            link_start(w, child, links.as_deref_mut());
            w.s("</a>");
            summary(w, child);
            w.s("</li>");
        }
        w.s("</ol>");
    }
    w.s("</li>");
}

/// The progress of the section that holds the folder, under its link (filled in by kyklos.js).
fn summary(w: &mut W<'_>, item: &NavItem) {
    if !item.progress_keys.is_empty() {
        w.s("<p class=\"progress-summary\" data-progress-keys=\"");
        w.e(&item.progress_keys);
        w.s("\" hidden></p>");
    }
}

/// `"[ data-key="…"]><a href="…"{fallback}>title` (after the `<li class="nav-kind…`): the key
/// only where kyklos.js cannot read it off the link ([`NavItem::keyed`]).
fn link_start(w: &mut W<'_>, item: &NavItem, links: Option<&mut Links>) {
    w.s("\"");
    if item.keyed {
        w.s(" data-key=\"");
        w.e(&item.key);
        w.s("\"");
    }
    w.s("><a href=\"");
    let start = w.out.len();
    w.e(&item.url);
    let end = w.out.len();
    w.s("\"");
    if let Some(links) = links {
        let href = &w.out[start..end];
        if !href.contains('/') {
            links.entry(href.to_string()).or_insert(end + 1);
        }
    }
    w.fb_text(item.fallback, &item.title);
}
