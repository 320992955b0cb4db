//! The Downloads page: its place under the home page, and its body, the tables of a language's
//! SCORM packages and question banks.

use crate::markdown::escape_html;
use crate::model::download::Download;
use crate::model::url::relative;

use super::{render_view, view, ExtraSteps, LangContext, Subject, TextStatus};
use crate::render::theme::Theme;

/// The Downloads page of a language (SCORM packages), placed under the home page.
pub fn render_downloads(cx: &LangContext<'_>, theme: &Theme, downloads: &[Download], extra: ExtraSteps<'_>) -> Result<String, String> {
    let home = cx.lang.home.ok_or("no home page")?;
    let content = downloads_table(downloads, "downloads.html", cx.strings);
    let (title, description) = (cx.strings.get("downloads"), cx.strings.get("downloads_description"));
    let subject = Subject {
        id: home,
        here: "downloads.html",
        title: &title,
        title_html: None,
        description: Some(&description),
        kind: "downloads",
        content: &content,
        is_step: true,
        package: None,
        text: TextStatus::Original,
        title_fallback: cx.is_default_languages("downloads"),
        title_string: Some("downloads"),
        outdated: false,
    };
    let mut v = view(cx, &subject, extra);
    cx.mark_interface_title(&mut v, "downloads", "downloads_description");
    render_view(cx, theme, &v)
}

/// The Downloads page body: a table of every SCORM package of a language, then a table of its
/// question banks.
pub fn downloads_table(downloads: &[Download], here: &str, t: &crate::i18n::Strings) -> String {
    let (sources, downloads): (Vec<&Download>, Vec<&Download>) = downloads.iter().partition(|d| d.kind == "sources");
    let (banks, packages): (Vec<&Download>, Vec<&Download>) = downloads.into_iter().partition(|d| d.kind == "quiz");
    let mut h = String::new();
    if !packages.is_empty() {
        h.push_str(&format!("<p>{}</p>\n", t.html("downloads_intro")));
        h.push_str(&format!("<p class=\"notice\">{}</p>\n", t.html("downloads_moodle")));
        table(&mut h, &packages, here, t, "downloads-caption", "downloads_caption", "downloads_version");
        h.push_str(&format!("<h2 id=\"import\">{}</h2>\n<ol>", t.html("downloads_import_title")));
        for key in ["downloads_step_1", "downloads_step_2", "downloads_step_3", "downloads_step_4"] {
            h.push_str(&format!("<li>{}</li>", t.html(key)));
        }
        h.push_str("</ol>\n");
        h.push_str(&format!("<p>{}</p>\n", t.html("downloads_other_lms")));
    }
    if packages.is_empty() && banks.is_empty() {
        h.push_str(&format!("<p class=\"notice\">{}</p>\n", t.html("downloads_none")));
    }
    if !banks.is_empty() {
        h.push_str(&format!("<h2 id=\"question-banks\">{}</h2>\n", t.html("downloads_banks_title")));
        h.push_str(&format!("<p>{}</p>\n", t.html("downloads_banks_intro")));
        table(&mut h, &banks, here, t, "banks-caption", "downloads_banks_caption", "downloads_format");
        h.push_str(&format!("<p>{}</p>\n", t.html("downloads_banks_import")));
    }
    if !sources.is_empty() {
        h.push_str(&format!("<h2 id=\"sources\">{}</h2>\n", t.html("sources_title")));
        h.push_str(&format!("<p>{}</p>\n", t.html("sources_intro")));
        table(&mut h, &sources, here, t, "sources-caption", "sources_title", "downloads_format");
    }
    h
}

/// One table of downloads with size and SHA-256 per file. Each cell carries its column's name
/// (`data-label`), so on narrow screens a row shows as a card with labelled lines.
fn table(h: &mut String, rows: &[&Download], here: &str, t: &crate::i18n::Strings, id: &str, caption: &str, format_key: &str) {
    h.push_str(&format!("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\"><table class=\"downloads card-table\">\n"));
    h.push_str(&format!("<caption id=\"{id}\">{}</caption>\n<thead><tr>", t.html(caption)));
    let keys = ["downloads_package", format_key, "language", "downloads_size", "downloads_sha256"];
    for key in keys {
        h.push_str(&format!("<th scope=\"col\">{}</th>", t.html(key)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    // The row's header keeps its label as an attribute (never shown); the cells' labels are
    // written out where the language lacks them (see `card_table`).
    let label = |i: usize| escape_html(&t.get(keys[i]));
    let cells = keys.map(|key| super::card_table::cell_label(t, key));
    for d in rows {
        // Quiz rows need no kind: the table holds nothing else.
        let kind = match d.kind {
            "course" => format!(" <span class=\"muted\">({})</span>", t.html("downloads_course")),
            "module" => format!(" <span class=\"muted\">({})</span>", t.html("downloads_module")),
            _ => String::new(),
        };
        let recommended = if d.version == crate::scorm::Version::Scorm12.name() {
            format!(" <strong class=\"badge badge-recommended\">{}</strong>", t.html("downloads_recommended"))
        } else {
            String::new()
        };
        let partial = d
            .partial
            .map(|(done, total)| {
                format!(
                    "<br><span class=\"partial-note\">{}</span>",
                    t.format_html("downloads_partial", &[("done", &done.to_string()), ("total", &total.to_string())])
                )
            })
            .unwrap_or_default();
        h.push_str(&format!(
            "<tr{}><th scope=\"row\" data-label=\"{}\"><a href=\"{}\" download{}>{}</a>{}{partial}</th><td{}>{}{}{recommended}</td><td{}>{}{}</td><td{}>{}{}</td><td{}>{}<code class=\"hash\" dir=\"ltr\">{}</code></td></tr>\n",
            if recommended.is_empty() { "" } else { " class=\"is-recommended\"" },
            label(0),
            escape_html(&relative(here, &d.url)),
            d.title_lang.as_ref().map_or_else(String::new, |(code, dir)| crate::markdown::lang_attrs(code, dir)),
            // The site's sources are named by an interface string, perhaps another language's.
            if d.kind == "sources" && d.title == t.get("sources_name") { t.html("sources_name") } else { escape_html(&d.title) },
            kind,
            cells[1].attr,
            cells[1].lead,
            d.version,
            cells[2].attr,
            cells[2].lead,
            escape_html(&d.lang),
            cells[3].attr,
            cells[3].lead,
            crate::numbers::file_size(d.size, &t.lang),
            cells[4].attr,
            cells[4].lead,
            d.sha256
        ));
    }
    h.push_str("</tbody></table></div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Strings, Table};

    #[test]
    fn sizes_are_in_kib_with_the_pages_decimal_separator() {
        let package = |size| Download {
            title: "Modul 1".into(),
            kind: "module",
            version: "SCORM 1.2",
            lang: "de".into(),
            url: "de/downloads/m1.zip".into(),
            size,
            sha256: "ab".into(),
            partial: None,
            title_lang: None,
        };
        let de = Strings::new("de", Table::new(), Table::new(), "de");
        let html = downloads_table(&[package(96_669), package(5_400)], "de/downloads.html", &de);
        assert!(html.contains(">94\u{a0}KiB</td>") && html.contains(">5,3\u{a0}KiB</td>"), "{html}");
        let en = Strings::new("en", Table::new(), Table::new(), "en");
        assert!(downloads_table(&[package(5_400)], "en/downloads.html", &en).contains(">5.3\u{a0}KiB</td>"));
    }
}
