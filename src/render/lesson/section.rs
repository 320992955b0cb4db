//! The built-in `section.html` (course, module, guide and collection pages) and `home.html`
//! written in Rust, as [`super::render`] writes `page.html`: the same bytes as Tera with the
//! built-in templates (tests/page_renderer.rs compares every page both ways). A module page
//! lists all its lessons, so Tera took as long for a hundred of them as Rust for ten thousand
//! lessons.

use super::write::{full, W};
use super::{cards, content_attrs, pager, tag_list, title_and_lede, unit_card};
use crate::render::views::PageView;

/// `{% block main %}` of `section.html`.
pub(super) fn main(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("\n<article class=\"page page-");
    w.e(v.kind);
    w.s("\">\n  <header class=\"page-head\">\n    <h1");
    title_and_lede(w, v);
    w.s("\n    ");
    if let Some(start) = full(v.start_url.as_deref()) {
        w.s("<p class=\"course-start\"><a class=\"button start-course\" href=\"");
        w.e(start);
        w.s("\" data-start-keys=\"");
        w.e(v.progress_keys.as_deref().map_or("", String::as_str));
        w.s("\" data-root=\"");
        w.e(&v.root);
        w.s("\"");
        w.data_t("continue", "continue_course");
        w.s(">");
        w.tm("start_course");
        w.s("</a></p>");
    }
    w.s("\n    ");
    if let Some(keys) = full(v.progress_keys.as_deref().map(String::as_str)) {
        w.s("<p class=\"progress-summary\" data-progress-keys=\"");
        w.e(keys);
        w.s("\" hidden></p>");
    }
    w.s("\n  </header>\n  ");
    let la = super::lang_attrs(v);
    if let Some(unit) = &v.unit {
        let label = match v.kind {
            "course" => "course_card",
            "module" => "module_card",
            _ => "unit_card",
        };
        unit_card(w, unit, &la, label);
    }
    w.s("\n  ");
    let cycle = full(v.cycle.as_deref());
    if let Some(cycle) = cycle {
        w.s("<figure class=\"cycle\" aria-labelledby=\"cycle-caption\">\n    ");
        w.s(cycle);
        w.s("\n    <figcaption id=\"cycle-caption\">");
        w.tm("cycle_title");
        w.s("</figcaption>\n    <ol class=\"cycle-steps\">");
        for s in &v.cycle_steps {
            w.s("<li>");
            w.link(&s.url, s.fallback, &s.title);
            w.s("</a></li>");
        }
        w.s("</ol>\n  </figure>");
    }
    w.s("\n  ");
    if v.kind == "collection" {
        tag_list(w, &v.tag_groups, true);
        w.s("\n  ");
        if !v.children.is_empty() {
            w.s("<section class=\"contents results\" aria-labelledby=\"contents-title\">\n    <h2 id=\"contents-title\" class=\"visually-hidden\">");
            w.tm("in_this_section");
            w.s("</h2>\n    ");
            cards(w, &v.children);
            w.s("\n  </section>");
        }
    }
    w.s("\n  <div class=\"prose\"");
    content_attrs(w, v);
    w.s(">\n");
    w.s(v.content);
    w.s("\n  </div>\n  ");
    if v.checklist {
        super::checklist_tools(w);
    }
    w.s("\n  ");
    if !v.templates.is_empty() {
        templates(w, v);
    }
    w.s("\n  ");
    if let Some(url) = full(v.print_url.as_deref()) {
        w.s("<p class=\"print-guide\"><a class=\"button button-secondary\" href=\"");
        w.e(url);
        w.s("\">");
        w.tm(if v.kind == "course" { "print_course" } else { "print_guide" });
        w.s("</a></p>");
    }
    w.s("\n  ");
    if !v.children.is_empty() && cycle.is_none() && v.kind != "collection" {
        contents(w, v);
    }
    w.s("\n  ");
    if let Some(keys) = full(v.reset_keys.as_deref().map(String::as_str)) {
        reset(w, keys);
    }
    w.s("\n  ");
    pager(w, v.prev.as_ref(), v.next.as_ref());
    w.s("\n</article>\n");
}

/// `{% block main %}` of `home.html`.
pub(super) fn home(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("\n<article class=\"page page-home\">\n  <header class=\"hero\">\n    <h1");
    title_and_lede(w, v);
    w.s("\n  </header>\n  ");
    if !v.children.is_empty() {
        contents(w, v);
    }
    w.s("\n  <div class=\"prose\"");
    content_attrs(w, v);
    w.s(">\n");
    w.s(v.content);
    w.s("\n  </div>\n</article>\n");
}

/// The children as cards under "In this section".
fn contents(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("<section class=\"contents\" aria-labelledby=\"contents-title\">\n    <h2 id=\"contents-title\">");
    w.tm("in_this_section");
    w.s("</h2>\n    ");
    cards(w, &v.children);
    w.s("\n  </section>");
}

/// A guide's templates and forms.
fn templates(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("<section class=\"templates\" aria-labelledby=\"templates-title\">\n    <h2 id=\"templates-title\">");
    w.tm("templates");
    w.s("</h2>\n    <ul class=\"file-list\">");
    for f in &v.templates {
        w.s("<li><a href=\"");
        w.e(&f.url);
        w.s("\"");
        if !f.printable {
            w.s(" download");
        }
        w.fb_text(f.fallback, &f.title);
        w.s("</a> <span class=\"file-meta\">(");
        if f.printable {
            w.tm("printable_page");
        } else {
            w.e(&f.format);
            if let Some(size) = full(f.size.as_deref()) {
                w.s(", ");
                w.e(size);
            }
        }
        w.s(")</span></li>");
    }
    w.s("</ul>\n  </section>");
}

/// The course page's "reset progress" tools.
fn reset(w: &mut W<'_>, keys: &str) {
    w.s("<section class=\"progress-tools\" aria-labelledby=\"progress-tools-title\" hidden>\n    <h2 id=\"progress-tools-title\" class=\"visually-hidden\">");
    w.tm("reset_progress");
    w.s("</h2>\n    <button type=\"button\" class=\"button button-secondary progress-reset\" aria-expanded=\"false\" aria-controls=\"reset-confirm\">");
    w.tm("reset_progress");
    w.s("</button>\n    <div id=\"reset-confirm\" class=\"reset-confirm\" data-reset-keys=\"");
    w.e(keys);
    w.s("\" hidden>\n      <p>");
    w.tm("reset_confirm");
    w.s("</p>\n      <p class=\"reset-actions\"><button type=\"button\" class=\"button button-warning reset-yes\">");
    w.tm("reset_yes");
    w.s("</button> <button type=\"button\" class=\"button button-secondary reset-cancel\">");
    w.tm("reset_cancel");
    w.s("</button></p>\n    </div>\n    <p class=\"reset-status\" role=\"status\"></p>\n  </section>");
}
