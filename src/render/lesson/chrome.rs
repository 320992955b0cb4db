//! `base.html` of the built-in theme: the head, the site header or package bar, breadcrumbs,
//! the translation notice, the sidebar and the footer.

use super::write::{full, Seg, W};
use crate::render::theme::keep_words;
use crate::render::views::{LangLink, LinkView, PageView};

pub(super) fn head(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("<!DOCTYPE html>\n<html lang=\"");
    w.e(v.lang);
    w.s("\" dir=\"");
    w.e(v.dir);
    w.s("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"");
    w.s(crate::render::csp::PAGE);
    w.s("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
    if v.kind == "home" {
        w.e(v.site_title);
    } else {
        w.e(v.title);
        w.s(" – ");
        w.e(&v.site.title_suffix.text);
    }
    w.s("</title>\n");
    if let Some(d) = full(v.description) {
        w.s("<meta name=\"description\" content=\"");
        w.e(d);
        w.s("\">\n");
    }
    w.s("<meta name=\"generator\" content=\"kyklos\">\n<meta name=\"dcterms.license\" content=\"");
    w.e(&v.licence.url);
    w.s("\">\n<link rel=\"license\" href=\"");
    w.e(&v.licence.url);
    w.s("\">\n");
    if !v.rights.jsonld.is_empty() {
        w.s("<script type=\"application/ld+json\">");
        w.s(&v.rights.jsonld);
        w.s("</script>\n");
    }
    w.s("<link rel=\"icon\" href=\"data:,\">\n");
    if let Some(c) = full(v.canonical.as_deref()) {
        w.s("<link rel=\"canonical\" href=\"");
        w.e(c);
        w.s("\">\n");
    }
    for a in &v.alternates {
        w.s("<link rel=\"alternate\" hreflang=\"");
        w.e(&a.hreflang);
        w.s("\" href=\"");
        w.e(&a.url);
        w.s("\">\n");
    }
    let root = v.root.as_str();
    // The way up to the site's root, `../` repeated: nothing to escape.
    debug_assert!(root.bytes().all(|b| matches!(b, b'.' | b'/')), "{root}");
    let link = |w: &mut W<'_>, before: &str, file: &str| {
        w.s(before);
        w.s(root);
        w.s(file);
    };
    link(w, "<link rel=\"stylesheet\" href=\"", "static/kyklos.css\">\n");
    link(w, "<link rel=\"stylesheet\" href=\"", "static/syntax.css\">\n");
    link(w, "<link rel=\"stylesheet\" href=\"", "static/site.css\">\n");
    link(w, "<script src=\"", "static/kyklos.js\" defer></script>\n");
    if v.kind == "collection" {
        link(w, "<script src=\"", "static/tag-filters.js\" defer></script>\n");
    }
    if v.search {
        link(w, "<link rel=\"stylesheet\" href=\"", "static/search.css\">\n");
        link(w, "<script src=\"", "static/search.js\" defer></script>\n");
    }
    w.s("\n");
    if v.media {
        link(w, "<link rel=\"stylesheet\" href=\"", "static/media.css\">\n");
        link(w, "<script src=\"", "static/media.js\" defer></script>\n");
    }
    if v.kind == "quiz" {
        link(w, "<script src=\"", "static/quiz-score.js\" defer></script>\n");
        link(w, "<script src=\"", "static/quiz.js\" defer></script>\n");
    }
    if v.journey {
        link(w, "<link rel=\"stylesheet\" href=\"", "static/journey.css\">\n");
        link(w, "<script src=\"", "");
        w.e(v.lang);
        w.s("/journey-data.js\" defer></script>\n");
        link(w, "<script src=\"", "static/journey.js\" defer></script>\n");
        link(w, "<script src=\"", "static/journey-ui.js\" defer></script>\n");
    }
    if v.package {
        link(w, "<script src=\"", "static/package-bridge.js\" defer></script>\n");
    }
    link(w, "<script src=\"", "static/attribution.js\" defer></script>\n\n</head>\n");
}

pub(super) fn body_top(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("<body class=\"kind-");
    w.e(v.kind);
    w.s("\" data-scope=\"");
    w.e(&v.progress_scope);
    w.s("\" data-key=\"");
    w.e(&v.key);
    w.s("\"");
    if v.package {
        w.s(" data-package=\"1\"");
    }
    w.seg(Seg::BodyStrings, |w| {
        w.data_t("done", "completed");
        w.data_t("progress", "progress_complete");
    });
    if v.reset_keys.as_ref().is_some_and(|k| !k.is_empty()) {
        w.data_t("reset-done", "reset_done");
    }
    if v.kind == "collection" {
        w.data_t("filter", "filter_status");
    }
    w.seg(Seg::SkipLink, |w| {
        w.s(">\n<a class=\"skip-link\" href=\"#main\">");
        w.tm("skip_to_content");
        w.s("</a>\n");
    });
    if v.package {
        package_bar(w, v);
    } else {
        site_header(w, v);
    }
    w.s("\n");
    if !v.breadcrumbs.is_empty() && !v.package {
        w.seg(Seg::Breadcrumbs, |w| {
            w.s("<nav class=\"breadcrumbs wrap\" aria-label=\"");
            w.t("breadcrumbs");
            w.s("\">\n  <ol>");
        });
        for c in &v.breadcrumbs {
            w.s("\n    <li>");
            if c.current {
                w.s("<span aria-current=\"page\"");
                // A page titled by an interface string in another language (not the default
                // one's: English) says so too.
                if let (false, Some(lang), Some(dir)) = (c.fallback, v.title_lang.as_deref(), v.title_dir) {
                    w.s(" lang=\"");
                    w.e(lang);
                    w.s("\" dir=\"");
                    w.e(dir);
                    w.s("\"");
                }
                match full(v.title_html.as_deref()) {
                    Some(html) => {
                        w.fb(c.fallback);
                        w.s(">");
                        w.s(html);
                    }
                    None => w.fb_text(c.fallback, &c.title),
                }
                w.s("</span>");
            } else {
                w.link(&c.url, c.fallback, &c.title);
                w.s("</a>");
            }
            w.s("</li>");
        }
        w.s("\n  </ol>\n</nav>");
    }
    w.s("\n");
    if v.journey {
        w.s("<p class=\"journey-announce visually-hidden\" role=\"status\" aria-live=\"polite\"></p>\n");
    }
    w.s("<div class=\"wrap layout");
    if v.course_nav.is_some() && !v.package {
        w.s(" has-sidebar");
    }
    w.seg(Seg::PrintMeta, |w| {
        w.s("\">\n  <main id=\"main\" tabindex=\"-1\">\n<p class=\"print-meta\">");
        w.tm("printed_from");
        w.s(" <span class=\"print-url\" dir=\"ltr\">");
    });
    match full(v.canonical.as_deref()) {
        Some(c) => w.e(c),
        None => w.e(&v.key),
    }
    w.s("</span><span class=\"print-date\"></span></p>\n");
    if let Some(notice) = full(v.notice_html.as_deref()) {
        w.s("<div class=\"translation-notice");
        if v.outdated {
            w.s(" is-outdated");
        }
        w.s("\" role=\"note\"><span class=\"notice-icon\" aria-hidden=\"true\">");
        w.s(if v.outdated { "!" } else { "i" });
        w.s("</span><p>");
        let key = if v.outdated { "outdated" } else { "not_translated" };
        if w.has_mark(key) {
            w.s("<span");
            w.tl(key);
            w.s(">");
            w.s(notice);
            w.s("</span>");
        } else {
            w.s(notice);
        }
        if let Some(o) = &v.original {
            w.s(" <a href=\"");
            w.e(&o.url);
            w.s("\" hreflang=\"");
            w.e(&o.code);
            w.s("\" lang=\"");
            w.e(&o.code);
            w.s("\" dir=\"");
            w.e(o.dir);
            w.s("\">");
            w.e(&o.name);
            w.s("</a> ·");
        }
        if let Some(u) = full(v.changes_url.as_deref()) {
            w.s(" <a href=\"");
            w.e(u);
            w.s("\">");
            w.tm("what_changed");
            w.s("</a> ·");
        }
        if let Some(u) = full(v.status_url.as_deref()) {
            w.s(" <a href=\"");
            w.e(u);
            w.s("\">");
            w.tm("translation_status");
            w.s("</a>");
        }
        w.s("</p></div>\n");
    }
}

fn package_bar(w: &mut W<'_>, v: &PageView<'_>) {
    let position = full(v.position.as_deref()).filter(|_| v.kind != "quiz");
    w.s("<header class=\"package-bar\">\n  ");
    if let Some(prev) = &v.prev {
        package_link(w, prev, "package-prev", "prev", "previous");
    }
    w.s("\n  <p class=\"package-where\">");
    let crumbs = v.breadcrumbs.len();
    if crumbs > 1 {
        let parent = &v.breadcrumbs[crumbs - 2];
        w.s("<span class=\"package-section\"");
        w.fb_text(parent.fallback, &parent.title);
        w.s("</span>");
        if position.is_some() {
            w.s(" · ");
        }
    }
    if let Some(p) = position {
        w.s("<span class=\"package-position\">");
        let marked = w.has_mark(v.position_key);
        if marked {
            w.s("<span");
            w.tl(v.position_key);
            w.s(">");
        }
        w.e(p);
        w.s(if marked { "</span></span>" } else { "</span>" });
    }
    w.s("</p>\n  ");
    if let Some(next) = &v.next {
        package_link(w, next, "package-next", "next", "next");
    }
    w.s("\n</header>\n");
}

fn package_link(w: &mut W<'_>, l: &LinkView, class: &str, rel: &str, label: &str) {
    w.s("<a class=\"");
    w.s(class);
    w.s("\" rel=\"");
    w.s(rel);
    w.s("\" href=\"");
    w.e(&l.url);
    w.s("\">");
    w.tm(label);
    w.s("<span class=\"visually-hidden\">: <span");
    w.fb_text(l.fallback, &l.title);
    w.s("</span></span></a>");
}

/// `m::language_switcher`.
fn language_switcher(w: &mut W<'_>, languages: &[LangLink]) {
    w.s("\n<nav class=\"lang-switch");
    if languages.len() > 6 {
        w.s(" is-many");
    }
    w.s("\" aria-label=\"");
    w.t("language");
    w.s("\">\n  <details class=\"disclosure lang-disclosure\">\n    <summary><span class=\"visually-hidden\">");
    w.tm("language");
    w.s(": </span>");
    for l in languages.iter().filter(|l| l.current) {
        lang_name(w, l);
    }
    w.s("</summary>\n    <ul>");
    for l in languages {
        w.s("\n      <li");
        if l.fallback {
            w.s(" class=\"is-fallback\"");
        }
        w.s("><a href=\"");
        w.e(&l.url);
        w.s("\" hreflang=\"");
        w.e(&l.code);
        w.s("\"");
        if l.current {
            w.s(" aria-current=\"page\"");
        }
        w.s(">");
        lang_name(w, l);
        if l.fallback {
            w.s("<span class=\"visually-hidden\"> (");
            w.tm("switcher_fallback");
            w.s(")</span><span class=\"fallback-mark\" aria-hidden=\"true\">*</span>");
        }
        w.s("</a></li>");
    }
    w.s("\n    </ul>\n  </details>\n</nav>\n");
}

fn lang_name(w: &mut W<'_>, l: &LangLink) {
    w.s("<span lang=\"");
    w.e(&l.code);
    w.s("\" dir=\"");
    w.e(l.dir);
    w.s("\">");
    w.e(&l.name);
    w.s("</span>");
}

fn site_header(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("<header class=\"site-header\">\n  <div class=\"wrap header-bar\">\n    <a class=\"brand\" href=\"");
    w.e(&v.home_url);
    w.s("\">");
    if let Some(logo) = full(v.logo_url.as_deref()) {
        w.s("<img class=\"brand-logo\" src=\"");
        w.e(logo);
        w.s("\" alt=\"");
        w.e(v.logo_alt.unwrap_or(""));
        w.s("\"");
        w.fb(v.site.logo_alt.as_ref().is_some_and(|l| l.fallback));
        w.s(">");
    }
    w.s("<span class=\"brand-title\"");
    w.fb(v.site.title.fallback);
    w.s(">");
    w.s(&keep_words(v.site_title));
    w.s("</span></a>\n    ");
    if v.search {
        search(w, v);
    }
    w.s("\n    ");
    if v.journey && (v.tracked || v.kind == "progress") {
        w.s("<a class=\"journey-chip\" href=\"");
        w.e(&v.root);
        w.e(v.lang);
        w.s("/progress.html\" hidden><span class=\"visually-hidden\">");
        w.tm("my_progress");
        w.s(": </span><span class=\"journey-chip-text\"></span></a>");
    }
    w.s("\n    ");
    if v.languages.len() > 1 {
        language_switcher(w, &v.languages);
    }
    w.s("\n  </div>\n  ");
    if !v.top_nav.is_empty() {
        top_nav(w, v);
    }
    w.s("\n</header>");
}

fn search(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("<div class=\"site-search\" data-search data-root=\"");
    w.e(&v.root);
    w.s("\" data-lang=\"");
    w.e(v.lang);
    w.s("\"");
    w.seg(Seg::Search, search_strings);
}

/// The search box after its `data-lang`: its strings and form.
fn search_strings(w: &mut W<'_>) {
    for (attr, key) in
        [("count", "search_count"), ("none", "search_none"), ("loading", "search_loading"), ("error", "search_error"), ("fallback", "search_fallback")]
    {
        w.data_t(attr, key);
    }
    w.s(">\n      <form class=\"search-form\" role=\"search\" action=\"#\">\n        <label class=\"visually-hidden\" for=\"search-input\">");
    w.tm("search_label");
    w.s("</label>\n        <input id=\"search-input\" class=\"search-input\" type=\"search\" name=\"q\" autocomplete=\"off\" spellcheck=\"false\" placeholder=\"");
    w.t("search_placeholder");
    w.s("\" aria-keyshortcuts=\"/\" aria-controls=\"search-panel\">\n        <noscript><p class=\"search-nojs\">");
    w.tm("search_needs_js");
    w.s("</p></noscript>\n      </form>\n      <p class=\"search-status visually-hidden\" role=\"status\" aria-live=\"polite\"></p>\n      <div class=\"search-panel\" id=\"search-panel\" hidden>\n        <p class=\"search-count\" aria-hidden=\"true\"></p>\n        <ol class=\"search-results\"></ol>\n        <button class=\"search-more\" type=\"button\" hidden>");
    w.tm("search_more");
    w.s("</button>\n      </div>\n    </div>");
}

fn top_nav(w: &mut W<'_>, v: &PageView<'_>) {
    w.seg(Seg::TopNav, |w| {
        w.s("<nav class=\"top-nav\" aria-label=\"");
        w.t("site_navigation");
        w.s("\">\n    <details class=\"wrap disclosure menu-disclosure\">\n      <summary><span class=\"disclosure-label\">");
        w.tm("menu");
        w.s("</span>");
    });
    for item in v.top_nav.iter().filter(|i| i.current) {
        w.s(" <span class=\"disclosure-current\"");
        w.fb_text(item.fallback, &item.title);
        w.s("</span>");
    }
    w.s("</summary>\n      <ul>\n        <li class=\"nav-home\"><a href=\"");
    w.e(&v.home_url);
    w.s("\"");
    if v.kind == "home" {
        w.s(" aria-current=\"page\"");
    }
    w.s(">");
    w.tm("home");
    w.s("</a></li>\n        ");
    for item in &v.top_nav {
        w.s("<li><a href=\"");
        w.e(&item.url);
        w.s("\"");
        if item.current {
            w.s(" aria-current=\"true\"");
        }
        w.fb_text(item.fallback, &item.title);
        w.s("</a></li>\n        ");
    }
    w.s("\n      </ul>\n    </details>\n  </nav>");
}

/// The course navigation beside `<main>`: `list` is the shared list and the page's own `href`.
pub(super) fn sidebar(w: &mut W<'_>, v: &PageView<'_>, list: Option<(&str, &str)>) {
    let Some(nav) = v.course_nav.as_ref().filter(|_| !v.package) else { return };
    w.seg(Seg::Sidebar, |w| {
        w.s("  <nav class=\"course-nav\" aria-labelledby=\"course-nav-title\">\n    <h2 id=\"course-nav-title\" class=\"course-nav-title\"><span class=\"visually-hidden\">");
        w.tm("course_navigation");
        w.s(": </span><a href=\"");
    });
    w.e(&nav.url);
    w.s("\"");
    if nav.current {
        w.s(" aria-current=\"page\"");
    }
    w.fb_text(nav.fallback, &nav.title);
    w.s("</a></h2>\n    ");
    if let Some(keys) = full(v.course_keys.as_deref().map(String::as_str)) {
        w.s("<p class=\"progress-summary\" data-progress-keys=\"");
        w.e(keys);
        w.s("\" hidden></p>");
    }
    w.s("\n    ");
    match list {
        Some((list, own)) => nav.shared.mark_current_into(&mut w.out, list, own),
        None => w.s(&nav.list),
    }
    w.s("\n  </nav>\n");
}

pub(super) fn footer(w: &mut W<'_>, v: &PageView<'_>) {
    let r = &v.rights;
    w.seg(Seg::FooterTop, |w| {
        w.s("<footer class=\"site-footer\">\n  <div class=\"wrap footer-inner\">\n    <section class=\"reuse\" aria-labelledby=\"reuse-title\">\n      <h2 id=\"reuse-title\" class=\"reuse-title\">");
        w.tm("reuse_title");
        w.s("</h2>\n      <p class=\"licence\">");
    });
    w.s(&r.badge);
    w.s(" <span");
    w.tl("page_licence");
    w.s(">");
    w.e(&r.licence_before);
    w.s("<a rel=\"license\" href=\"");
    w.e(&v.licence.url);
    w.s("\" title=\"");
    w.e(&v.licence.name);
    w.s("\">");
    w.e(&v.licence.short);
    w.s("</a>");
    w.e(&r.licence_after);
    w.s("</span></p>\n      ");
    if !v.authors.is_empty() {
        w.s("<p class=\"authors\">");
        w.tm("authors");
        let label_sep = w.text("label_separator").to_string();
        w.e(&label_sep);
        let sep = w.text("list_separator").to_string();
        for (i, author) in v.authors.iter().enumerate() {
            if i > 0 {
                w.e(&sep);
            }
            w.s("<bdi>");
            w.e(author);
            w.s("</bdi>");
        }
        w.s("</p>");
    }
    w.s("\n      ");
    if let Some(a) = full(v.attribution) {
        w.s("<p class=\"site-attribution\"");
        w.fb_text(v.site.attribution.as_ref().is_some_and(|a| a.fallback), a);
        w.s("</p>");
    }
    w.seg(Seg::AttributionLabel, |w| {
        w.s("\n      <p class=\"attribution-label\" id=\"attribution-label\">");
        w.tm("attribution_label");
        w.s("</p>\n      <p class=\"attribution-text\" id=\"attribution-text\">");
    });
    w.s(&r.attribution_html);
    w.seg(Seg::AttributionTools, attribution_tools);
    if let Some(eu) = &r.eu {
        w.s("<div class=\"eu-funding\">\n      <p class=\"eu-emblem\">");
        w.s(&eu.flag);
        w.s("<span class=\"eu-statement\"");
        w.tl("eu_cofunded");
        w.s(">");
        w.e(&eu.statement);
        w.s("</span></p>\n      <p class=\"eu-disclaimer\">");
        let marked = w.has_mark("eu_disclaimer");
        if marked {
            w.s("<span");
            w.tl("eu_disclaimer");
            w.s(">");
        }
        w.s(&eu.disclaimer_html);
        if let Some(p) = full(eu.project_html.as_deref()) {
            w.s(" ");
            w.s(p);
        }
        w.s(if marked { "</span></p>\n    </div>" } else { "</p>\n    </div>" });
    }
    w.s("\n    ");
    if let (Some(f), false) = (full(v.funding), v.package) {
        w.s("<p class=\"funding\"");
        w.fb_text(v.site.funding.as_ref().is_some_and(|f| f.fallback), f);
        w.s("</p>");
    }
    w.s("\n    ");
    if !v.package {
        footer_links(w, v);
    }
    w.s("\n  </div>\n</footer>\n</body>\n</html>\n");
}

/// The attribution line's copy button, after the line.
fn attribution_tools(w: &mut W<'_>) {
    w.s("</p>\n      <p class=\"attribution-tools\" hidden><button type=\"button\" class=\"button button-secondary copy-attribution\" aria-describedby=\"attribution-label\" data-copy=\"attribution-text\"");
    w.data_t("copied", "copied");
    w.data_t("failed", "copy_failed");
    w.s(">");
    w.tm("copy_attribution");
    w.s("</button> <span class=\"copy-status\" role=\"status\" aria-live=\"polite\"></span></p>\n    </section>\n    ");
}

fn footer_links(w: &mut W<'_>, v: &PageView<'_>) {
    w.s("<p class=\"footer-links\">");
    if v.journey {
        w.s("<a href=\"");
        w.e(&v.root);
        w.e(v.lang);
        w.s("/progress.html\"");
        if v.kind == "progress" {
            w.s(" aria-current=\"page\"");
        }
        w.s(">");
        w.tm("my_progress");
        w.s("</a> · ");
    }
    if let Some(u) = full(v.downloads_url.as_deref()) {
        w.s("<a href=\"");
        w.e(u);
        w.s("\">");
        w.tm("downloads_link");
        w.s("</a> · ");
    }
    if let Some(u) = full(v.status_url.as_deref()) {
        w.s("<a href=\"");
        w.e(u);
        w.s("\">");
        w.tm("translation_status");
        w.s("</a> · ");
    }
    w.s("<a href=\"");
    w.e(v.rights.credits_url.as_deref().unwrap_or(""));
    w.seg(Seg::Credits, |w| {
        w.s("\">");
        w.tm("credits");
        w.s("</a> · <a href=\"");
    });
    w.e(v.rights.accessibility_url.as_deref().unwrap_or(""));
    w.seg(Seg::Accessibility, |w| {
        w.s("\">");
        w.tm("a11y_title");
        w.s("</a></p>");
    });
}
