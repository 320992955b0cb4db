//! The translation status page of a language, and `sitemap.xml` with language alternates.

use std::collections::BTreeMap;

use crate::i18n::Strings;
use crate::markdown::{escape_html, lang_attrs};
use crate::model::lang::Language;
use crate::model::url::relative;
use crate::model::{Site, TextStatus};
use crate::translations::{LangReport, State};

/// The id of an item's "what changed" section on the status page, from its address.
pub fn changes_id(url: &str) -> String {
    let slug: String = url.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("changed-{slug}")
}

/// Lines of a diff shown on the status page; the rest is counted (the CLI shows all).
const MAX_DIFF_LINES: usize = 200;

/// A line diff (`translations::diff`) as a list a translator can read: removed and added lines
/// marked by words for screen readers, not only by colour. The lines are the original's text:
/// `source` marks them with its language and direction, `own` the page's words among them.
fn diff_html(diff: &str, t: &Strings, source: &str, own: &str) -> String {
    let mut h = format!("<pre class=\"diff\"{source}><code>");
    let lines: Vec<&str> = diff.lines().collect();
    for line in lines.iter().take(MAX_DIFF_LINES) {
        let (class, key, text) = match line.split_at(line.len().min(2)) {
            ("- ", rest) => ("diff-del", "diff_removed", rest),
            ("+ ", rest) => ("diff-add", "diff_added", rest),
            (_, rest) => ("diff-ctx", "", rest),
        };
        let label = if key.is_empty() { String::new() } else { t.get(key) };
        if label.is_empty() {
            h.push_str(&format!("<span class=\"{class}\">  {}</span>", escape_html(text)));
        } else {
            let sign = if class == "diff-del" { '-' } else { '+' };
            // The word is the page's, or another language's where the page's strings lack it.
            let mark = t.mark(key);
            let own = if mark.is_empty() { own } else { mark.as_str() };
            h.push_str(&format!(
                "<span class=\"{class}\"><span aria-hidden=\"true\">{sign} </span><span class=\"visually-hidden\"{own}>{}: </span>{}</span>",
                escape_html(&label),
                escape_html(text)
            ));
        }
    }
    if lines.len() > MAX_DIFF_LINES {
        h.push_str(&format!("<span class=\"diff-ctx\">  … (+{})</span>", lines.len() - MAX_DIFF_LINES));
    }
    h.push_str("</code></pre>");
    h
}

/// The body of `<lang>/translation-status.html`: every language's progress, then this
/// language's pages and quizzes with their state (linked, so a translator can look), and for
/// each outdated one what changed in the original since it was translated (`changes`: the
/// line diff by source path).
/// `languages` are the site's, the default first: a language's name is marked with its own
/// language and direction, and so is the default language's title of a page not translated yet.
pub fn status_html(reports: &[LangReport], code: &str, languages: &[Language], t: &Strings, changes: &BTreeMap<String, String>) -> String {
    let marks = |lang: &str| match languages.iter().find(|l| l.code == lang) {
        Some(l) => lang_attrs(&l.code, l.direction.as_str()),
        None => format!(" lang=\"{}\"", escape_html(lang)),
    };
    let default = languages.first().map(|l| l.code.as_str()).unwrap_or(code);
    let here = "translation-status.html";
    let mut h = String::new();
    // The page's title already says "Translation status": the overview is labelled by its
    // first column instead of repeating it.
    h.push_str(&format!(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table class=\"status-overview card-table\">\n<thead><tr>",
        escape_html(&t.get("language"))
    ));
    let keys = ["language", "status_translated", "status_outdated", "status_missing"];
    for key in keys {
        h.push_str(&format!("<th scope=\"col\">{}</th>", t.html(key)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    // Each cell carries its column's name: on a phone each language is a card with labelled
    // lines (written out, marked, where the language lacks it: see `card_table`).
    let [_, translated, outdated, missing] = &keys.map(|key| super::card_table::cell_label(t, key));
    for r in reports {
        h.push_str(&format!(
            "<tr><th scope=\"row\"><a href=\"../{}/translation-status.html\"{}>{}</a></th><td{}>{}<meter min=\"0\" max=\"100\" value=\"{}\" aria-hidden=\"true\"></meter> {}</td><td{}>{}{}</td><td{}>{}{}</td></tr>\n",
            escape_html(&r.lang),
            marks(&r.lang),
            escape_html(&r.name),
            translated.attr,
            translated.lead,
            r.percent,
            t.format_html("percent", &[("percent", &r.percent.to_string())]),
            outdated.attr,
            outdated.lead,
            r.outdated,
            missing.attr,
            missing.lead,
            r.missing
        ));
    }
    h.push_str("</tbody></table></div>\n");
    if let Some(r) = reports.iter().find(|r| r.lang == code) {
        h.push_str(&format!(
            "<p class=\"status-summary\">{}</p>\n",
            t.format_html(
                "status_summary",
                &[
                    ("percent", &r.percent.to_string()),
                    ("translated", &r.translated.to_string()),
                    ("total", &r.total.to_string()),
                    ("outdated", &r.outdated.to_string())
                ]
            )
        ));
        h.push_str("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"items-caption\"><table class=\"status-items\">\n");
        h.push_str(&format!("<caption id=\"items-caption\">{}</caption>\n<thead><tr>", escape_html(&r.name)));
        for key in ["status_page", "status_state"] {
            h.push_str(&format!("<th scope=\"col\">{}</th>", t.html(key)));
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
                State::Translated => ("is-translated", t.html("status_translated")),
                State::Outdated => ("is-outdated", t.html("status_outdated")),
                State::Missing => ("is-missing", t.html("status_missing")),
            };
            // A page not translated yet has the default language's title, and so has a quiz
            // translation without a title of its own.
            let lang =
                if (item.state == State::Missing && item.kind != "setting" || item.title_fallback) && default != code { marks(default) } else { String::new() };
            let name = if item.url.is_empty() {
                if lang.is_empty() {
                    escape_html(&item.title)
                } else {
                    format!("<span{lang}>{}</span>", escape_html(&item.title))
                }
            } else {
                format!("<a href=\"{}\"{lang}>{}</a>", escape_html(&relative(here, &item.url)), escape_html(&item.title))
            };
            let changed = match (item.state, changes.get(&item.path)) {
                (State::Outdated, Some(diff)) if !diff.is_empty() => format!(
                    "<details class=\"changes\"><summary id=\"{}\">{}</summary>{}</details>",
                    changes_id(&item.url),
                    t.html("status_changes"),
                    if default == code { diff_html(diff, t, "", "") } else { diff_html(diff, t, &marks(default), &marks(code)) }
                ),
                _ => String::new(),
            };
            h.push_str(&format!(
                "<tr class=\"{class}\"><td>{name} <code class=\"source-path\" dir=\"ltr\">{}</code>{changed}</td><td><span class=\"state\">{}</span></td></tr>\n",
                escape_html(&item.path),
                label
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
