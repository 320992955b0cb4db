//! The translation status page of a language, and `sitemap.xml` with language alternates.

use crate::i18n::Strings;
use crate::markdown::escape_html;
use crate::model::url::relative;
use crate::model::{Site, TextStatus};
use crate::translations::{LangReport, State};

/// The body of `<lang>/translation-status.html`: every language's progress, then this
/// language's pages and quizzes with their state (linked, so a translator can look).
pub fn status_html(reports: &[LangReport], code: &str, t: &Strings) -> String {
    let here = "translation-status.html";
    let mut h = String::new();
    // The page's title already says "Translation status": the overview is labelled by its
    // first column instead of repeating it.
    h.push_str(&format!(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table class=\"status-overview\">\n<thead><tr>",
        escape_html(&t.get("language"))
    ));
    for key in ["language", "status_translated", "status_outdated", "status_missing"] {
        h.push_str(&format!("<th scope=\"col\">{}</th>", escape_html(&t.get(key))));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in reports {
        h.push_str(&format!(
            "<tr><th scope=\"row\"><a href=\"../{}/translation-status.html\" lang=\"{}\">{}</a></th><td><meter min=\"0\" max=\"100\" value=\"{}\" aria-hidden=\"true\"></meter> {}%</td><td>{}</td><td>{}</td></tr>\n",
            escape_html(&r.lang),
            escape_html(&r.lang),
            escape_html(&r.name),
            r.percent,
            r.percent,
            r.outdated,
            r.missing
        ));
    }
    h.push_str("</tbody></table></div>\n");
    if let Some(r) = reports.iter().find(|r| r.lang == code) {
        h.push_str(&format!(
            "<p class=\"status-summary\">{}</p>\n",
            escape_html(&t.format(
                "status_summary",
                &[
                    ("percent", &r.percent.to_string()),
                    ("translated", &r.translated.to_string()),
                    ("total", &r.total.to_string()),
                    ("outdated", &r.outdated.to_string())
                ]
            ))
        ));
        h.push_str("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"items-caption\"><table class=\"status-items\">\n");
        h.push_str(&format!("<caption id=\"items-caption\">{}</caption>\n<thead><tr>", escape_html(&r.name)));
        for key in ["status_page", "status_state"] {
            h.push_str(&format!("<th scope=\"col\">{}</th>", escape_html(&t.get(key))));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        // Missing first, then outdated, then translated: what needs work is on top.
        let mut items: Vec<&crate::translations::Item> = r.items.iter().collect();
        items.sort_by_key(|i| match i.state {
            State::Missing => 0,
            State::Outdated => 1,
            State::Translated => 2,
        });
        for item in items {
            let (class, label) = match item.state {
                State::Translated => ("is-translated", t.get("status_translated")),
                State::Outdated => ("is-outdated", t.get("status_outdated")),
                State::Missing => ("is-missing", t.get("status_missing")),
            };
            let name = if item.url.is_empty() {
                escape_html(&item.title)
            } else {
                format!("<a href=\"{}\">{}</a>", escape_html(&relative(here, &item.url)), escape_html(&item.title))
            };
            h.push_str(&format!(
                "<tr class=\"{class}\"><td>{name} <code>{}</code></td><td><span class=\"state\">{}</span></td></tr>\n",
                escape_html(&item.path),
                escape_html(&label)
            ));
        }
        h.push_str("</tbody></table></div>\n");
    }
    h
}

/// `sitemap.xml`: every page of every language, with `xhtml:link` alternates for the
/// languages that have it in their own words. Absolute URLs need `base_url`; without it the
/// locations are relative to the site root.
pub fn sitemap(site: &Site) -> String {
    let base = site.config.base_url.as_ref().map(|b| format!("{b}/")).unwrap_or_default();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let Some(default) = site.langs.first() else { return x + "</urlset>\n" };
    let mut entries: Vec<(String, Vec<(&str, TextStatus)>)> = Vec::new();
    for (id, page) in default.pages.iter().enumerate() {
        entries.push((page.url.clone(), site.langs.iter().map(|l| (l.lang.code.as_str(), l.pages[id].text)).collect()));
    }
    for (q, quiz) in default.quizzes.iter().enumerate() {
        entries.push((quiz.url.clone(), site.langs.iter().map(|l| (l.lang.code.as_str(), l.quizzes[q].text)).collect()));
    }
    for (url, langs) in entries {
        for &(code, status) in &langs {
            if status == TextStatus::Fallback {
                continue;
            }
            x.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape_html(&format!("{base}{code}/{url}"))));
            if langs.len() > 1 {
                for &(alt, alt_status) in &langs {
                    if alt_status != TextStatus::Fallback {
                        x.push_str(&format!(
                            "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{}\"/>\n",
                            escape_html(&format!("{base}{alt}/{url}"))
                        ));
                    }
                }
                let d = default.lang.code.as_str();
                x.push_str(&format!("    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n", escape_html(&format!("{base}{d}/{url}"))));
            }
            x.push_str("  </url>\n");
        }
    }
    x.push_str("</urlset>\n");
    x
}
