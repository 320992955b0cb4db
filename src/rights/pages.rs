//! The bodies of two pages every language gets: `credits.html` (every page and file whose
//! licence or authors differ from the site's, with full attribution) and `accessibility.html`
//! (the EU model accessibility statement, filled from site.yaml and from what the build
//! knows). Pure: model in, HTML out, every text escaped.

use crate::i18n::Strings;
use crate::markdown::{escape_html, lang_attrs};
use crate::model::compliance::{contact_href, Compliance};
use crate::model::url::relative;
use crate::model::{LangSite, Site, TextStatus};

/// Pages whose licence or authors are not the site's, in site order.
pub fn overridden_pages(site: &Site, lang: &LangSite) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..lang.pages.len())
        .filter(|&id| {
            let licence = lang.licence_of(id).is_some_and(|l| l != site.config.licence);
            let authors = lang.authors_of(id).is_some_and(|a| a != site.config.authors.as_slice());
            licence || authors
        })
        .collect();
    // A folder's own page first, then its pages.
    ids.sort_by_key(|&id| {
        let p = &lang.pages[id];
        let dir = crate::model::url::parent_dir(&p.rel);
        (dir.to_string(), !p.is_section, p.order.clone())
    });
    ids
}

/// The body of `<lang>/credits.html`.
pub fn credits_html(site: &Site, lang: &LangSite, t: &Strings) -> String {
    let here = "credits.html";
    // ", " or, in Arabic and Persian, "، ".
    let sep = escape_html(&t.get("list_separator"));
    let config = &site.config;
    let licence = format!("<a href=\"{}\">{}</a>", escape_html(&config.licence.url), escape_html(&config.licence.short_name()));
    let intro = t.wrap(
        "credits_intro",
        escape_html(&t.get("credits_intro"))
            .replace("{authors}", &super::attribution::authors_html(&config.authors, t, "credits_intro"))
            .replace("{licence}", &licence),
    );
    // A page's own title inside words of another language is marked with the page's language.
    let own = lang_attrs(&lang.lang.code, lang.lang.direction.as_str());
    let mut h = format!("<p>{intro}</p>\n");
    let pages = overridden_pages(site, lang);
    let files: Vec<(&String, &crate::model::rights::Credit)> = lang.credits.iter().filter(|(rel, _)| lang.assets_by_rel.contains_key(*rel)).collect();
    if pages.is_empty() && files.is_empty() {
        h.push_str(&format!("<p class=\"notice\">{}</p>\n", t.html("credits_none")));
        return h;
    }
    if !pages.is_empty() {
        h.push_str(&format!("<h2 id=\"pages\">{}</h2>\n<ul class=\"credits-list\">\n", t.html("credits_pages")));
        for id in pages {
            let p = &lang.pages[id];
            let l = lang.licence_of(id).unwrap_or_else(|| config.licence.clone());
            let authors = lang.authors_of(id).unwrap_or(&config.authors);
            let mark = if p.text == TextStatus::Fallback && lang.lang.code != config.default_language().code {
                let d = config.default_language();
                lang_attrs(&d.code, d.direction.as_str())
            } else if !t.mark("credit_by").is_empty() || !t.mark("quoted").is_empty() {
                own.clone()
            } else {
                String::new()
            };
            // The quotation marks are the page's, the title inside them may be the original's.
            let title = if mark.is_empty() { escape_html(&p.front.title) } else { format!("<span{mark}>{}</span>", escape_html(&p.front.title)) };
            let work = format!("<a href=\"{}\">{}</a>", escape_html(&relative(here, &p.url)), super::attribution::quoted_html(&title, t));
            let by = if authors.is_empty() {
                work
            } else {
                t.wrap(
                    "credit_by",
                    escape_html(&t.get("credit_by")).replace("{work}", &work).replace("{authors}", &super::attribution::authors_html(authors, t, "credit_by")),
                )
            };
            h.push_str(&format!("<li>{by}{sep}<a href=\"{}\">{}</a>.</li>\n", escape_html(&l.url), escape_html(&l.short_name())));
        }
        h.push_str("</ul>\n");
    }
    if !files.is_empty() {
        h.push_str(&format!("<h2 id=\"files\">{}</h2>\n<ul class=\"credits-list\">\n", t.html("credits_files")));
        for (rel, credit) in files {
            let asset = &lang.assets[lang.assets_by_rel[rel]];
            let name = rel.rsplit('/').next().unwrap_or(rel);
            h.push_str(&format!(
                "<li><a class=\"credit-file\" href=\"{}\">{}</a>: {}</li>\n",
                escape_html(&relative(here, &asset.url)),
                escape_html(name),
                super::attribution::credit_html(credit, name, t, &own)
            ));
        }
        h.push_str("</ul>\n");
    }
    h
}

/// What the build knows is not accessible: videos without a captions file beside them, and
/// documents offered for download (their accessibility is not checked). (kind, file rel).
pub fn known_issues(lang: &LangSite) -> Vec<(&'static str, String)> {
    let ext = |rel: &str| rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let mut out = Vec::new();
    for a in &lang.assets {
        let e = ext(&a.rel);
        if matches!(e.as_str(), "mp4" | "webm" | "ogv" | "mov" | "m4v") {
            let stem = a.rel.rsplit_once('.').map_or(a.rel.as_str(), |(s, _)| s);
            let captioned = lang.assets.iter().any(|v| v.rel.starts_with(stem) && ext(&v.rel) == "vtt");
            if !captioned {
                out.push(("a11y_issue_video", a.rel.clone()));
            }
        } else if matches!(e.as_str(), "pdf" | "doc" | "docx" | "odt" | "ppt" | "pptx" | "odp" | "xls" | "xlsx" | "ods" | "rtf") {
            out.push(("a11y_issue_document", a.rel.clone()));
        }
    }
    out
}

/// The body of `<lang>/accessibility.html`, after the EU model accessibility statement
/// (Commission Implementing Decision (EU) 2018/1523).
pub fn accessibility_html(site: &Site, lang: &LangSite, t: &Strings) -> String {
    let here = "accessibility.html";
    let config = &site.config;
    let a11y = &config.accessibility;
    let texts = config.site_texts(&lang.lang.code);
    let publisher = config.authors.first().cloned().unwrap_or_else(|| texts.title.text.clone());
    // `s`: an interface text already escaped (and marked).
    let p = |s: String| format!("<p>{s}</p>\n");
    let h2 = |id: &str, key: &str| format!("<h2 id=\"{id}\">{}</h2>\n", t.html(key));
    // The publisher's name isolated (`<bdi>`), as names are everywhere: "ГО «Відкриті двері»"
    // at the start of a Persian sentence keeps its closing quote at its own end.
    let publisher = format!("<bdi>{}</bdi>", escape_html(&publisher));
    let mut h = p(t.wrap("a11y_intro", escape_html(&t.format("a11y_intro", &[("publisher", "\u{1}")])).replace('\u{1}', &publisher)));
    // The site's title in the page's language, inside words of another language when the
    // page's strings lack them.
    let own = if t.mark("a11y_scope").is_empty() { String::new() } else { lang_attrs(&lang.lang.code, lang.lang.direction.as_str()) };
    let site = Strings::marked_html(&own, &texts.title.text);
    h.push_str(&p(t.wrap("a11y_scope", escape_html(&t.format("a11y_scope", &[("site", "\u{1}")])).replace('\u{1}', &site))));
    h.push_str(&h2("status", "a11y_status_title"));
    h.push_str(&p(t.html(match a11y.status {
        Compliance::Full => "a11y_status_full",
        Compliance::Partial => "a11y_status_partial",
        Compliance::None => "a11y_status_none",
    })));
    h.push_str(&h2("non-accessible", "a11y_issues_title"));
    let issues = known_issues(lang);
    if issues.is_empty() {
        h.push_str(&p(t.html("a11y_no_issues")));
    } else {
        h.push_str(&p(t.html("a11y_issues_intro")));
        h.push_str("<ul class=\"a11y-issues\">\n");
        for (key, rel) in &issues {
            let asset = &lang.assets[lang.assets_by_rel[rel]];
            let link = format!("<a href=\"{}\">{}</a>", escape_html(&relative(here, &asset.url)), escape_html(rel.rsplit('/').next().unwrap_or(rel)));
            h.push_str(&format!("<li>{}</li>\n", t.wrap(key, escape_html(&t.get(key)).replace("{file}", &link))));
        }
        h.push_str("</ul>\n");
    }
    h.push_str(&h2("preparation", "a11y_preparation_title"));
    if let Some(date) = &a11y.date {
        let sentence = t.wrap(
            "a11y_prepared",
            escape_html(&t.get("a11y_prepared")).replace(
                "{date}",
                &match t.date("a11y_prepared", date) {
                    Some(shown) => format!("<time datetime=\"{}\">{}</time>", escape_html(date), escape_html(&shown)),
                    None => format!("<time datetime=\"{0}\" dir=\"ltr\">{0}</time>", escape_html(date)),
                },
            ),
        );
        h.push_str(&format!("<p>{sentence}</p>\n"));
    }
    h.push_str(&p(t.html("a11y_method")));
    h.push_str(&h2("feedback", "a11y_feedback_title"));
    match a11y.contact.as_deref().and_then(|c| contact_href(c).ok().map(|href| (c, href))) {
        Some((shown, href)) => {
            let link = format!("<a href=\"{}\" dir=\"ltr\">{}</a>", escape_html(&href), escape_html(shown.trim().trim_start_matches("mailto:")));
            h.push_str(&format!("<p>{}</p>\n", t.wrap("a11y_feedback", escape_html(&t.get("a11y_feedback")).replace("{contact}", &link))));
        }
        None => h.push_str(&p(t.html("a11y_feedback_none"))),
    }
    h.push_str(&h2("enforcement", "a11y_enforcement_title"));
    h.push_str(&p(t.html("a11y_enforcement")));
    if let Some(body) = &a11y.enforcement {
        // Written once, in the default language: marked so where the sentence around it is in
        // another (an Arabic body in an Italian statement).
        let default = config.default_language();
        let sentence = t.lang_of("a11y_enforcement_body").map_or(lang.lang.code.as_str(), |(c, _)| c);
        let mark = if sentence == default.code { String::new() } else { lang_attrs(&default.code, default.direction.as_str()) };
        let body = Strings::marked_html(&mark, body);
        h.push_str(&p(t.wrap("a11y_enforcement_body", escape_html(&t.format("a11y_enforcement_body", &[("body", "\u{1}")])).replace('\u{1}', &body))));
    }
    h
}
