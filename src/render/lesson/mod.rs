//! The built-in `page.html` (with `base.html` and the macros it calls) written as plain Rust
//! string building, for speed: lessons are most of a site's pages, and Tera plus the view's
//! serialisation into a Tera context was about a third of a build's work beyond the Markdown.
//!
//! The templates in `themes/default/templates/` stay the documented source of truth: this
//! renderer produces the same bytes as Tera does with them (a test renders every page of the
//! sample and fixture sites both ways), and it is used only while the site's theme overrides
//! none of `page.html`, `base.html`, `head.html`, `macros.html` or `lesson.html` (see
//! [`Theme::builtin_page`]).
//! [`section`] does the same for `section.html` and `home.html`.
//! Text is escaped as Tera's autoescape does with kyklos's escape function
//! ([`crate::escape::escape_html`]: `& < > " '`); what the templates mark `safe` is copied as is.
//!
//! [`Theme::builtin_page`]: super::theme::Theme::builtin_page

mod chrome;
mod nav;
mod section;
mod write;

pub(crate) use nav::course_nav_list;
pub(crate) use write::{ui_text, UiText};

use std::ops::Range;

use super::guide::{PhaseView, TagGroup};
use super::theme::keep_words;
use super::views::{CardView, LinkView, PageView, UnitView};
use write::{full, W};

/// The page as the built-in `page.html` renders it. `list`: the course navigation list shared
/// by the page's folder and the page's own `href` in it (marked `aria-current="page"`).
/// `None` for what this renderer does not reproduce (Tera renders it).
pub(crate) fn render(t: &UiText, v: &PageView<'_>, list: Option<(&str, &str)>) -> Option<(String, Range<usize>)> {
    page(t, v, list, main)
}

/// The page as the built-in `section.html` renders it (see [`render`]).
pub(crate) fn render_section(t: &UiText, v: &PageView<'_>, list: Option<(&str, &str)>) -> Option<(String, Range<usize>)> {
    page(t, v, list, section::main)
}

/// The page as the built-in `home.html` renders it (see [`render`]).
pub(crate) fn render_home(t: &UiText, v: &PageView<'_>, list: Option<(&str, &str)>) -> Option<(String, Range<usize>)> {
    page(t, v, list, section::home)
}

/// `base.html` around the `main` block of one page template, and where in it the course
/// navigation is (list items and links, never a paragraph: see `render::block_marks`).
fn page(t: &UiText, v: &PageView<'_>, list: Option<(&str, &str)>, main: fn(&mut W<'_>, &PageView<'_>)) -> Option<(String, Range<usize>)> {
    if v.logo_url.is_some() && v.logo_alt.is_none() {
        return None;
    }
    let mut w = W::new(t, (v.fallback_lang, v.fallback_dir), v.content.len() + list.map_or(0, |l| l.0.len()) + 16 * 1024);
    chrome::head(&mut w, v);
    chrome::body_top(&mut w, v);
    main(&mut w, v);
    w.s("\n  </main>\n");
    let sidebar = w.out.len();
    chrome::sidebar(&mut w, v, list);
    let sidebar = sidebar..w.out.len();
    w.s("</div>\n");
    chrome::footer(&mut w, v);
    Some((w.out, sidebar))
}

/// [`content_attrs`], or else `{% elif other_lang %} lang="…" dir="…"` (a title or lede of
/// interface strings another language's).
fn content_attrs_or(w: &mut W<'_>, v: &PageView<'_>, (lang, dir): (Option<&str>, Option<&str>)) {
    match (full(v.content_lang.as_deref()), full(lang)) {
        (None, Some(l)) => {
            w.s(" lang=\"");
            w.e(l);
            w.s("\" dir=\"");
            w.e(dir.unwrap_or(""));
            w.s("\"");
        }
        _ => content_attrs(w, v),
    }
}

/// ` lang="…" dir="…"` of the content's language when it is shown in the default language.
fn content_attrs(w: &mut W<'_>, v: &PageView<'_>) {
    if let Some(cl) = full(v.content_lang.as_deref()) {
        w.s(" lang=\"");
        w.e(cl);
        w.s("\" dir=\"");
        w.e(v.content_dir.unwrap_or(""));
        w.s("\"");
    }
}

/// The page title's `<h1 …>` after its opening `<h1`, and the description as the lede: the
/// same in `page.html`, `section.html` and `home.html`.
fn title_and_lede(w: &mut W<'_>, v: &PageView<'_>) {
    content_attrs_or(w, v, (v.title_lang.as_deref(), v.title_dir));
    w.s(">");
    match full(v.title_html.as_deref()) {
        Some(html) => w.s(html),
        None => w.s(&keep_words(v.title)),
    }
    w.s("</h1>\n    ");
    if let Some(d) = full(v.description) {
        w.s("<p class=\"lede\"");
        content_attrs_or(w, v, (v.lede_lang.as_deref(), v.lede_dir));
        w.s(">");
        w.e(d);
        w.s("</p>");
    }
}

/// `{% block main %}` of `page.html`.
fn main(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("\n<article class=\"page page-");
    w.e(v.kind);
    w.s("\">\n  <header class=\"page-head\">\n    ");
    if let (Some(p), false) = (full(v.position.as_deref()), v.package) {
        // The mark on a span, not on the paragraph: a right-to-left string on a left-to-right
        // page (or the other way round) must not move the line to the other side.
        w.s("<p class=\"position\">");
        let marked = w.has_mark(v.position_key);
        if marked {
            w.s("<span");
            w.tl(v.position_key);
            w.s(">");
        }
        w.e(p);
        w.s(if marked { "</span></p>" } else { "</p>" });
    }
    w.s("\n    <h1");
    title_and_lede(w, v);
    w.s("\n  </header>\n  ");
    let la = lang_attrs(v);
    if let Some(unit) = &v.unit {
        unit_card(w, unit, &la, "unit_card");
    }
    w.s("\n  ");
    if let Some(cycle) = full(v.cycle.as_deref()) {
        w.s("<figure class=\"cycle\" aria-labelledby=\"cycle-caption\">\n    ");
        w.s(cycle);
        w.s("\n    <figcaption id=\"cycle-caption\">");
        w.tm("cycle_title");
        w.s("</figcaption>\n  </figure>");
    }
    w.s("\n  ");
    if let Some(phase) = &v.phase {
        phase_card(w, phase, &la);
    }
    w.s("\n  ");
    if v.kind == "practice" || v.kind == "tag" {
        tag_list(w, &v.tag_groups, false);
    }
    w.s("\n  ");
    toc(w, v);
    w.s("\n  <div class=\"prose\"");
    content_attrs(w, v);
    w.s(">\n");
    w.s(v.content);
    w.s("\n  </div>\n  ");
    if v.checklist {
        checklist_tools(w);
    }
    w.s("\n  ");
    if !v.discussion.is_empty() {
        w.s("<section class=\"discussion\" aria-labelledby=\"discussion-title\">\n    <h2 id=\"discussion-title\">");
        w.tm("discussion");
        w.s("</h2>\n    <ol");
        content_attrs(w, v);
        w.s(">");
        for q in &v.discussion {
            w.s("<li>");
            w.e(q);
            w.s("</li>");
        }
        w.s("</ol>\n  </section>");
    }
    w.s("\n  ");
    if matches!(v.kind, "unit" | "template" | "print") {
        w.s("<p class=\"print-action\" hidden><button type=\"button\" class=\"button button-secondary print-page\">");
        w.tm(if v.kind == "unit" { "handout" } else { "print" });
        w.s("</button></p>");
    }
    w.s("\n  ");
    if !v.related.is_empty() {
        w.s("<section class=\"related\" aria-labelledby=\"related-title\">\n    <h2 id=\"related-title\">");
        w.tm("related");
        w.s("</h2>\n    ");
        cards(w, &v.related);
        w.s("\n  </section>");
    }
    w.s("\n  ");
    pager(w, v.prev.as_ref(), v.next.as_ref());
    w.s("\n</article>\n");
}

/// The macros' `la`: ` lang="…" dir="…"` of the content's language when it is shown in the
/// default language, written unescaped (`| safe`), as the templates do.
fn lang_attrs(v: &PageView<'_>) -> String {
    match full(v.content_lang.as_deref()) {
        Some(cl) => format!(" lang=\"{cl}\" dir=\"{}\"", v.content_dir.unwrap_or("")),
        None => String::new(),
    }
}

/// `m::checklist_tools`.
fn checklist_tools(w: &mut W<'_>) {
    w.s("\n<div class=\"checklist-tools\" hidden>\n  <p class=\"checklist-note\">");
    w.tm("checklist_saved");
    w.s("</p>\n  <button type=\"button\" class=\"button button-secondary checklist-reset\">");
    w.tm("checklist_reset");
    w.s("</button>\n</div>\n");
}

/// `m::unit_card` with the label `t[label]` (`t.unit_card` when that is empty).
fn unit_card(w: &mut W<'_>, unit: &UnitView, la: &str, label: &str) {
    w.s("\n<section class=\"unit-card\" aria-labelledby=\"unit-card-title\">\n  <h2 id=\"unit-card-title\">");
    w.tm(if w.has(label) { label } else { "unit_card" });
    w.s("</h2>\n  <dl class=\"unit-facts\">\n    ");
    for (i, (key, value)) in [("duration", &unit.duration), ("format", &unit.format), ("assessment", &unit.assessment)].into_iter().enumerate() {
        if i > 0 {
            w.s("\n    ");
        }
        if let Some(value) = full(value.as_deref()) {
            w.s("<div><dt>");
            w.tm(key);
            w.s("</dt><dd");
            w.s(la);
            w.s(">");
            w.e(value);
            w.s("</dd></div>");
        }
    }
    w.s("\n  </dl>\n  ");
    if !unit.objectives.is_empty() {
        w.s("<h3>");
        w.tm("objectives");
        w.s("</h3>\n  <ul class=\"objectives\"");
        w.s(la);
        w.s(">");
        items(w, &unit.objectives);
        w.s("</ul>");
    }
    w.s("\n  ");
    if !unit.prerequisites.is_empty() {
        w.s("<h3>");
        w.tm("prerequisites");
        w.s("</h3>\n  <ul");
        w.s(la);
        w.s(">");
        items(w, &unit.prerequisites);
        w.s("</ul>");
    }
    w.s("\n</section>\n");
}

/// `m::phase_card`.
fn phase_card(w: &mut W<'_>, phase: &PhaseView, la: &str) {
    w.s("\n<section class=\"phase-card\" aria-labelledby=\"phase-card-title\">\n  <h2 id=\"phase-card-title\">");
    w.tm("phase_card");
    w.s("</h2>\n  <dl class=\"unit-facts\">\n    ");
    if let Some(r) = full(phase.responsible.as_deref()) {
        w.s("<div><dt>");
        w.tm("responsible");
        w.s("</dt><dd");
        w.s(la);
        w.s(">");
        w.e(r);
        w.s("</dd></div>");
    }
    w.s("\n    ");
    if !phase.outputs.is_empty() {
        w.s("<div><dt>");
        w.tm("outputs");
        w.s("</dt><dd><ul");
        w.s(la);
        w.s(">");
        items(w, &phase.outputs);
        w.s("</ul></dd></div>");
    }
    w.s("\n  </dl>\n  ");
    if !phase.activities.is_empty() {
        w.s("<h3>");
        w.tm("activities");
        w.s("</h3>\n  <ul class=\"activities\"");
        w.s(la);
        w.s(">");
        items(w, &phase.activities);
        w.s("</ul>");
    }
    w.s("\n</section>\n");
}

/// `<li>…</li>` for each text.
fn items(w: &mut W<'_>, list: &[String]) {
    for item in list {
        w.s("<li>");
        w.e(item);
        w.s("</li>");
    }
}

/// `m::tag_groups`: with `filters`, the collection page's filters (with counts).
fn tag_list(w: &mut W<'_>, groups: &[TagGroup], filters: bool) {
    w.s("\n");
    if !groups.is_empty() {
        w.s(if filters { "<nav class=\"tag-filters\" aria-label=\"" } else { "<nav class=\"tag-list\" aria-label=\"" });
        w.t(if filters { "filter_by" } else { "tags_label" });
        w.s("\">\n  ");
        for g in groups {
            w.s("<div class=\"tag-group\">\n    <h2 class=\"tag-group-title\"");
            w.s(&g.label_lang);
            w.s(">");
            w.e(&g.label);
            w.s("</h2>\n    <ul>");
            for tag in &g.tags {
                w.s("<li><a class=\"tag\" href=\"");
                w.e(&tag.url);
                w.s("\" data-tag=\"");
                w.e(&tag.key);
                w.s("\"");
                if tag.current {
                    w.s(" aria-current=\"page\"");
                }
                w.s(">");
                if tag.fallback {
                    w.s("<bdi");
                    w.fb_text(true, &tag.value);
                    w.s("</bdi>");
                } else {
                    w.e(&tag.value);
                }
                if filters {
                    w.s(" <span class=\"tag-count\">(");
                    w.s(&tag.count.to_string());
                    w.s(")</span>");
                }
                w.s("</a></li>");
            }
            w.s("</ul>\n  </div>");
        }
        w.s("\n  ");
        if filters {
            w.s("<p class=\"filter-status\" role=\"status\" aria-live=\"polite\"></p>\n  <button type=\"button\" class=\"button button-secondary filter-reset\" hidden>");
            w.tm("show_all");
            w.s("</button>");
        }
        w.s("\n</nav>");
    }
    w.s("\n");
}

/// `m::toc`: the page's second-level headings, when there are more than two.
fn toc(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("\n");
    if v.toc.len() > 2 {
        w.s("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n  <h2 id=\"toc-title\" class=\"toc-title\">");
        w.tm("on_this_page");
        w.s("</h2>\n  <ul>");
        for h in &v.toc {
            w.s("<li><a href=\"#");
            w.e(&h.id);
            w.s("\"");
            content_attrs(w, v);
            w.s(">");
            w.e(&h.text);
            w.s("</a></li>");
        }
        w.s("</ul>\n</nav>");
    }
    w.s("\n");
}

/// `m::cards`.
fn cards(w: &mut W<'_>, children: &[CardView]) {
    w.s("\n");
    if !children.is_empty() {
        w.s("<ol class=\"cards\">");
        for c in children {
            w.s("\n  <li class=\"card card-");
            w.e(c.kind);
            w.s("\" data-key=\"");
            w.e(&c.key);
            w.s("\"");
            if !c.tags.is_empty() {
                w.s(" data-tags=\"");
                w.e(&c.tags);
                w.s("\"");
            }
            w.s(">\n    <h3 class=\"card-title\"");
            w.fb(c.fallback);
            w.s("><a href=\"");
            w.e(&c.url);
            w.s("\">");
            w.s(&keep_words(&c.title));
            w.s("</a></h3>\n    ");
            if let Some(d) = full(c.description.as_deref()) {
                w.s("<p");
                w.fb_text(c.fallback, d);
                w.s("</p>");
            }
            w.s("\n    ");
            if let Some(m) = full(c.meta_html.as_deref()) {
                w.s("<p class=\"card-meta\">");
                w.s(m);
                w.s("</p>");
            }
            w.s("\n  </li>");
        }
        w.s("\n</ol>");
    }
    w.s("\n");
}

/// `m::pager`.
fn pager(w: &mut W<'_>, prev: Option<&LinkView>, next: Option<&LinkView>) {
    w.s("\n");
    if prev.is_some() || next.is_some() {
        w.s("<nav class=\"pager\" aria-label=\"");
        w.t("pagination");
        w.s("\">\n  ");
        if let Some(p) = prev {
            pager_link(w, p, "pager-prev", "prev", "previous");
        }
        w.s("\n  ");
        if let Some(n) = next {
            pager_link(w, n, "pager-next", "next", "next");
        }
        w.s("\n</nav>");
    }
    w.s("\n");
}

fn pager_link(w: &mut W<'_>, l: &LinkView, class: &str, rel: &str, label: &str) {
    w.s("<a class=\"");
    w.s(class);
    w.s("\" rel=\"");
    w.s(rel);
    w.s("\" href=\"");
    w.e(&l.url);
    w.s("\"><span class=\"pager-label\"");
    match full(l.label.as_deref()) {
        Some(own) => {
            w.s(&l.label_lang);
            w.s(">");
            w.e(own);
        }
        None => {
            w.s(">");
            w.tm(label);
        }
    }
    w.s("</span> <span class=\"pager-title\"");
    w.fb_text(l.fallback, &l.title);
    w.s("</span></a>");
}
