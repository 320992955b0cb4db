//! Pages that guides and good-practice collections add: a guide on one printable page, one
//! page per tag of a collection, and what phases, units and practices show besides their text.

use crate::i18n::Strings;
use crate::markdown::Rendered;
use crate::model::url::relative;
use crate::model::PageId;

use super::theme::Theme;
use super::views::{self, ExtraSteps, PageView};
use super::{guide, render_view, view, LangContext, Subject};

/// The label of a tag group: `tag_group_<name>` from the interface strings, else the name made
/// readable (see [`crate::tag_labels`]); with its ` lang dir` where the string is another
/// language's (a name made readable is in no language).
fn tag_group_label(t: &Strings, group: &str) -> (String, String) {
    let key = crate::tag_labels::key(group);
    let mark = if t.get(&key) == key { String::new() } else { t.mark(&key) };
    (crate::tag_labels::label(t, group), mark)
}

/// A tag page of a collection: the practices that carry one tag.
pub fn render_tag(
    cx: &LangContext<'_>,
    theme: &Theme,
    collection: PageId,
    group: &str,
    value: &str,
    ids: &[PageId],
    extra: ExtraSteps<'_>,
) -> Result<String, String> {
    let lang = cx.lang;
    let here = guide::tag_url(lang, collection, group, value);
    let mut content = String::from("<ol class=\"cards practice-list\">\n");
    for &p in ids {
        let page = &lang.pages[p];
        // Each practice in its own words: a card of one not translated yet is marked as such.
        let marks = cx.fallback_attrs(views::is_fallback(lang, p));
        content.push_str(&format!(
            "<li class=\"card card-practice\" data-tags=\"{}\"><h2 class=\"card-title\"{marks}><a href=\"{}\">{}</a></h2>{}</li>\n",
            crate::markdown::escape_html(&guide::tag_keys(lang, p)),
            crate::markdown::escape_html(&relative(&here, &page.url)),
            crate::markdown::escape_html(&page.front.title),
            page.front.description.as_deref().map(|d| format!("<p{marks}>{}</p>", crate::markdown::escape_html(d))).unwrap_or_default()
        ));
    }
    content.push_str("</ol>\n");
    content.push_str(&format!(
        "<p><a href=\"{}\">{}</a></p>\n",
        crate::markdown::escape_html(&relative(&here, &lang.pages[collection].url)),
        cx.strings.html("all_practices")
    ));
    let title = cx.strings.format("tagged", &[("tag", value)]);
    let description = cx.strings.count("practices", ids.len());
    // The heading is one sentence: marked with the string's language where the page's lacks it
    // and the tag's value is in that language too (its practices not translated yet).
    let value_lang = if ids.iter().all(|&p| views::is_fallback(lang, p)) { cx.site.config.default_language() } else { &lang.lang };
    let words_lang = cx.strings.lang_of("tagged").map_or(lang.lang.code.as_str(), |(code, _)| code);
    let title_string = (words_lang == value_lang.code && words_lang != lang.lang.code).then_some("tagged");
    // Otherwise the words are in their string's language and the value in its own, marked.
    let title_html = (words_lang != value_lang.code).then(|| {
        let value =
            format!("<span{}>{}</span>", crate::markdown::lang_attrs(&value_lang.code, value_lang.direction.as_str()), crate::markdown::escape_html(value));
        cx.strings.wrap("tagged", crate::markdown::escape_html(&cx.strings.get("tagged")).replace("{tag}", &value))
    });
    let subject = Subject {
        id: collection,
        here: &here,
        title: &title,
        title_html: title_html.as_deref(),
        description: Some(&description),
        kind: "tag",
        content: &content,
        is_step: true,
        package: None,
        // The page's own words are interface strings; its cards carry their own language.
        text: crate::model::TextStatus::Original,
        title_fallback: title_string.is_some(),
        title_string,
        outdated: false,
    };
    let mut v = view(cx, &subject, extra);
    if let Some((code, dir)) = cx.strings.lang_of("practices") {
        (v.lede_lang, v.lede_dir) = (Some(code.to_string()), Some(dir));
    }
    if let Some((code, dir)) = title_string.and_then(|k| cx.strings.lang_of(k)) {
        (v.title_lang, v.title_dir) = (Some(code.to_string()), Some(dir));
    }
    let t = cx.strings;
    let group_label = |g: &str| tag_group_label(t, g);
    v.tag_groups = guide::tag_groups(lang, collection, &here, None, &group_label);
    render_view(cx, theme, &v)
}

/// A whole guide on one page, for printing: the overview, every phase, every template page.
pub fn render_guide_print(
    cx: &LangContext<'_>,
    theme: &Theme,
    guide_id: PageId,
    rendered: &[Option<Rendered>],
    extra: ExtraSteps<'_>,
) -> Result<String, String> {
    let lang = cx.lang;
    let guide_page = &lang.pages[guide_id];
    let here = format!("{}/print.html", crate::model::url::parent_dir(&guide_page.url));
    let html_of = |id: PageId| rendered.get(id).and_then(Option::as_ref).map(|r| r.html.as_str()).unwrap_or("");
    let mut content = format!("<div class=\"print-overview\">{}</div>\n", prefix_ids(html_of(guide_id), "overview"));
    let parts: Vec<PageId> = guide_page.children.iter().copied().filter(|&c| !lang.pages[c].is_section).collect();
    // Each part in the page's language (the overview may be the default language's), its
    // texts marked when they are the default language's.
    let frame = cx.own_attrs(views::is_fallback(lang, guide_id));
    for (n, &p) in parts.iter().enumerate() {
        let page = &lang.pages[p];
        let f = &page.front;
        let fallback = views::is_fallback(lang, p);
        let marks = cx.fallback_attrs(fallback);
        // A list in the part's language is joined the way that language joins one.
        let text_lang = if fallback { &cx.site.config.default_language().code } else { &lang.lang.code };
        let sep = crate::markdown::escape_html(&cx.strings.get_in("answers_separator", text_lang));
        content.push_str(&format!(
            "<section class=\"print-part\" aria-labelledby=\"part-{n}\"{frame}>\n<h2 id=\"part-{n}\"{marks}>{}</h2>\n",
            crate::markdown::escape_html(&f.title)
        ));
        if f.responsible.is_some() || !f.outputs.is_empty() || !f.activities.is_empty() {
            content.push_str("<dl class=\"phase-facts\">");
            if let Some(r) = &f.responsible {
                content.push_str(&format!("<div><dt>{}</dt><dd{marks}>{}</dd></div>", cx.strings.html("responsible"), crate::markdown::escape_html(r)));
            }
            for (key, list) in [("outputs", &f.outputs), ("activities", &f.activities)] {
                if !list.is_empty() {
                    let items: Vec<String> = list.iter().map(|i| crate::markdown::escape_html(i)).collect();
                    content.push_str(&format!("<div><dt>{}</dt><dd{marks}>{}</dd></div>", cx.strings.html(key), items.join(&sep)));
                }
            }
            content.push_str("</dl>\n");
        }
        content.push_str(&format!("<div{marks}>{}</div>\n", prefix_ids(html_of(p), &format!("p{n}"))));
        content.push_str("</section>\n");
    }
    let subject = Subject {
        id: guide_id,
        here: &here,
        title: &guide_page.front.title,
        title_html: None,
        description: guide_page.front.description.as_deref(),
        kind: "print",
        content: &content,
        is_step: true,
        package: None,
        text: guide_page.text,
        title_fallback: false,
        title_string: None,
        outdated: guide_page.outdated,
    };
    let mut v = view(cx, &subject, extra);
    v.checklist = content.contains("class=\"check\"");
    // The printed guide opens with its cycle diagram (print.html sits beside the guide's page,
    // so the diagram's links stay right); no templates list or print link on it.
    kind_extras(cx, guide_id, &mut v);
    v.templates = Vec::new();
    v.print_url = None;
    v.cycle_steps = Vec::new();
    render_view(cx, theme, &v)
}

/// Makes the ids of one page unique inside a page that joins several (`id="x"` → `id="p1-x"`);
/// each part sits under its own h2, so its headings move one level down.
fn prefix_ids(html: &str, prefix: &str) -> String {
    super::course_print::shift(html, 1, prefix)
}

/// The default language and its direction for a text shown in it (`fallback`) on this
/// language's pages; `None` when it needs no mark.
fn fallback_lang(cx: &LangContext<'_>, fallback: bool) -> Option<(String, &'static str)> {
    let d = cx.site.config.default_language();
    (fallback && d.code != cx.lang.lang.code).then(|| (d.code.clone(), d.direction.as_str()))
}

/// What guides, phases, units, collections and practices add to a page.
pub(super) fn kind_extras(cx: &LangContext<'_>, id: PageId, v: &mut PageView<'_>) {
    let lang = cx.lang;
    let page = &lang.pages[id];
    let here = page.url.as_str();
    let t = cx.strings;
    let group_label = |g: &str| tag_group_label(t, g);
    match lang.effective_kind(id) {
        crate::model::Kind::Guide => {
            let phases = lang.phases(id);
            let steps: Vec<guide::CycleStep> = phases
                .iter()
                .map(|&p| guide::CycleStep {
                    title: lang.pages[p].front.title.clone(),
                    url: relative(here, &lang.pages[p].url),
                    lang: fallback_lang(cx, views::is_fallback(lang, p)),
                })
                .collect();
            let names: Vec<String> = steps.iter().enumerate().map(|(i, s)| format!("{}. {}", i + 1, s.title)).collect();
            // The names are listed the way the sentence's language lists them.
            let sep = t.get_like("answers_separator", "cycle_description");
            let desc = t.format("cycle_description", &[("n", &steps.len().to_string()), ("steps", &names.join(&sep))]);
            let label = |i: usize| t.format("step_position", &[("current", &i.to_string()), ("total", &steps.len().to_string())]);
            if !steps.is_empty() {
                v.cycle = Some(guide::cycle_svg(&steps, lang.lang.direction.as_str(), &t.get("cycle_title"), &desc, &label));
                v.cycle_steps = steps
                    .iter()
                    .zip(&phases)
                    .map(|(s, &p)| views::LinkView {
                        title: s.title.clone(),
                        url: s.url.clone(),
                        current: false,
                        fallback: views::is_fallback(lang, p),
                        label: None,
                        label_lang: String::new(),
                    })
                    .collect();
                v.print_url = Some(relative(here, &format!("{}/print.html", crate::model::url::parent_dir(here))));
            }
            v.templates = guide::templates(lang, id);
        }
        crate::model::Kind::Course if super::course_print::is_printable(lang, id) => {
            v.print_url = Some(relative(here, &super::course_print::print_url(lang, id)));
        }
        crate::model::Kind::Phase => {
            let f = &page.front;
            if f.responsible.is_some() || !f.outputs.is_empty() || !f.activities.is_empty() {
                v.phase = Some(guide::PhaseView { responsible: f.responsible.clone(), outputs: f.outputs.clone(), activities: f.activities.clone() });
            }
        }
        crate::model::Kind::Unit => v.discussion = page.front.discussion.clone(),
        crate::model::Kind::Collection => v.tag_groups = guide::tag_groups(lang, id, here, None, &group_label),
        crate::model::Kind::Practice => {
            if let Some(collection) = page.parent.filter(|&p| lang.pages[p].kind() == crate::model::Kind::Collection) {
                v.tag_groups = guide::tag_groups(lang, collection, here, Some(id), &group_label);
                v.related = guide::related(lang, collection, id)
                    .into_iter()
                    .map(|r| views::CardView {
                        tags: guide::tag_keys(lang, r),
                        title: lang.pages[r].front.title.clone(),
                        description: lang.pages[r].front.description.clone(),
                        url: relative(here, &lang.pages[r].url),
                        meta_html: None,
                        kind: "practice",
                        key: format!("{}/{}", lang.lang.code, lang.pages[r].url),
                        fallback: views::is_fallback(lang, r),
                    })
                    .collect();
            }
        }
        _ => {}
    }
}
