//! The view a page template receives ([`PageView`]), built from what the page is
//! ([`Subject`]) and what its language shares ([`LangContext`]): navigation, rights, notices,
//! language marks. Every page kind kyklos writes goes through [`view`].

use crate::escape::escape_html;
use crate::model::url::{relative, to_root};
use crate::model::{PageId, TextStatus};

use super::views::{self, child_cards, language_links, navigation, unit_view, ExtraSteps, PageView};
use super::{has_downloads, logo_file_name, status, LangContext, PackageScope};

/// What differs between a page and a quiz when building a [`PageView`].
pub struct Subject<'a> {
    /// The page whose place in the tree the view takes (a quiz takes its module's).
    pub id: PageId,
    /// Output path relative to `dist/<lang>/`.
    pub here: &'a str,
    pub title: &'a str,
    /// The title as HTML where a part of it is in another language than its words (a tag
    /// page's value not translated yet), each part marked: the heading, the breadcrumbs and
    /// the attribution line show it.
    pub title_html: Option<&'a str>,
    pub description: Option<&'a str>,
    pub kind: &'static str,
    pub content: &'a str,
    pub is_step: bool,
    /// Rendering for a SCORM package instead of the site.
    pub package: Option<&'a PackageScope>,
    /// Whose words this is in this language, and whether the translation is outdated.
    pub text: crate::model::TextStatus,
    /// The title alone is the default language's (a quiz translation without its own title).
    pub title_fallback: bool,
    /// The interface string that is the title of a page kyklos writes itself (credits,
    /// downloads, …): its language marks the title wherever it is shown when it is another's
    /// (English, too, where neither this language nor the default one has the string).
    pub title_string: Option<&'a str>,
    pub outdated: bool,
}

/// The notice of a page not translated yet, as HTML: "not translated into {language} yet, so
/// it is shown in its original language ({original})", each language's name (in itself)
/// marked with its language where the sentence is another's: "(Українська)" in a Persian
/// sentence, "Türkçe" in the Ukrainian sentence a language without strings borrows.
fn not_translated_notice(cx: &LangContext<'_>, default: &crate::model::lang::Language) -> String {
    let t = cx.strings;
    let sentence = t.lang_of("not_translated").map_or(cx.lang.lang.code.as_str(), |(code, _)| code);
    let name = |l: &crate::model::lang::Language| {
        if l.code == sentence {
            escape_html(&l.name)
        } else {
            format!("<span{}>{}</span>", crate::markdown::lang_attrs(&l.code, l.direction.as_str()), escape_html(&l.name))
        }
    };
    escape_html(&t.format("not_translated", &[("language", "\u{1}"), ("original", "\u{2}")]))
        .replace('\u{1}', &name(&cx.lang.lang))
        .replace('\u{2}', &name(default))
}

pub(crate) fn view<'a>(cx: &'a LangContext<'_>, s: &Subject<'a>, extra: ExtraSteps<'_>) -> PageView<'a> {
    let page = &cx.lang.pages[s.id];
    let books = |b: PageId| cx.book_nav(b, extra);
    let default = cx.site.config.default_language();
    let fallback = s.text == TextStatus::Fallback && default.code != cx.lang.lang.code;
    let title_fallback = fallback || (s.title_fallback && default.code != cx.lang.lang.code);
    let nav = navigation(cx.lang, s.id, s.here, (s.title, title_fallback), s.is_step, cx.strings, &books, s.package);
    let config = cx.config();
    let root = match s.package {
        Some(scope) => to_root(scope.path(s.here)),
        // `to_root` of `{code}/{here}`, without making that path.
        None => "../".repeat(1 + cx.lang.lang.code.bytes().chain(s.here.bytes()).filter(|&b| b == b'/').count()),
    };
    // Site pages (downloads, credits, …) are the site's; a quiz is its module's.
    let site_page = s.is_step && s.kind != "quiz";
    let licence = if site_page { config.licence.clone() } else { crate::rights::licence_of(cx.site, cx.lang, s.id) };
    let own_authors = if site_page { None } else { cx.lang.authors_of(s.id) };
    let authors: &[String] = own_authors.unwrap_or(&config.authors);
    let title_lang = match s.title_string.and_then(|k| cx.strings.lang_of(k)) {
        Some((code, dir)) => crate::markdown::lang_attrs(code, dir),
        None => cx.fallback_attrs(title_fallback),
    };
    let rights = {
        let quizzes = if page.is_section && !s.is_step { extra(s.id).into_iter().map(|st| (st.title, st.url)).collect() } else { Vec::new() };
        let d = crate::rights::jsonld::Described {
            id: s.id,
            here: s.here,
            title: s.title,
            title_lang: &title_lang,
            title_html: s.title_html,
            description: s.description,
            kind: s.kind,
            licence: &licence,
            authors,
            own_authors: own_authors.is_some(),
            quizzes,
            left_out: s.package.map_or(&[], |p| &p.left_out),
            fallback: s.text == TextStatus::Fallback,
        };
        crate::rights::page_view(cx.site, cx.lang, cx.strings, &cx.rights, &d, s.package.is_some())
    };
    let code = &cx.lang.lang.code;
    let status = |other: &str| -> Option<TextStatus> {
        let l = cx.site.langs.iter().find(|l| l.lang.code == other)?;
        match s.kind {
            "quiz" => l.quizzes.iter().find(|q| q.url == s.here).map(|q| q.text),
            "downloads" => Some(if has_downloads(cx.site, l) { TextStatus::Original } else { TextStatus::Translated }),
            _ if s.is_step => Some(TextStatus::Original),
            _ => l.pages.get(s.id).filter(|p| p.rel == page.rel).map(|p| p.text),
        }
    };
    let multilingual = cx.site.langs.len() > 1;
    let notice = match (s.text, s.outdated) {
        (TextStatus::Fallback, _) if s.package.is_none() => Some(not_translated_notice(cx, default)),
        (TextStatus::Translated, true) if s.package.is_none() => Some(escape_html(&cx.strings.get("outdated"))),
        _ => None,
    };
    let own_page = !s.is_step;
    // Course progress belongs to courses (lessons and quizzes); guides, training units and
    // good practices are reference material without a progress bar.
    let book = cx.lang.book_of(s.id);
    let tracked = book.is_some_and(|b| cx.tracked(b, extra));
    let progress_keys = (own_page && page.is_section && tracked).then(|| match s.package {
        Some(p) if !p.left_out.is_empty() => std::sync::Arc::new(p.held_keys(&cx.progress_keys(s.id, extra))),
        _ => cx.progress_keys(s.id, extra),
    });
    let book_page = own_page && book == Some(s.id) && tracked && s.package.is_none();
    let start_url = book_page
        .then(|| cx.book_nav(s.id, extra).steps.iter().find(|st| st.kind == "lesson" || st.kind == "quiz").map(|st| relative(s.here, &st.url)))
        .flatten();
    // The sidebar's summary covers the section the page is in, under that section's own title,
    // so a page never carries the keys of a whole large course and the number means what it
    // sits under: in a module, the module's (in the shared list, see `course_nav_for`); in the
    // course's own folder, the course's, under its title. The course's own page shows its
    // progress once, in its head, not again in the sidebar.
    let summary_section = if page.is_section { Some(s.id) } else { page.parent };
    let course_keys = summary_section.filter(|&b| tracked && !book_page && s.package.is_none() && Some(b) == book).map(|b| cx.progress_keys(b, extra));
    PageView {
        lang: code,
        dir: cx.lang.lang.direction.as_str(),
        title: s.title,
        description: s.description,
        kind: s.kind,
        root: root.clone(),
        key: [code.as_str(), "/", s.here].concat(),
        site_title: &cx.texts.title.text,
        site: &cx.texts,
        fallback_lang: &default.code,
        fallback_dir: default.direction.as_str(),
        home_url: match s.package {
            Some(scope) => relative(s.here, &cx.lang.pages[scope.module].url),
            None => relative(s.here, "index.html"),
        },
        logo_url: config.logo.as_ref().map(|l| format!("{root}static/{}", logo_file_name(l))),
        logo_alt: cx.texts.logo_alt.as_ref().map(|l| l.text.as_str()),
        content: s.content,
        toc: Vec::new(),
        breadcrumbs: nav.breadcrumbs,
        top_nav: nav.top_nav,
        // Packages show no sidebar (nothing outside the package is linked).
        course_nav: nav.book.filter(|_| s.package.is_none()).map(|b| cx.course_nav(b, s.here, extra)),
        position: nav.position,
        position_key: nav.position_key,
        prev: nav.prev,
        next: nav.next,
        unit: if own_page { unit_view(&page.front) } else { None },
        children: if own_page && page.is_section { child_cards(cx.lang, s.id, cx.strings, extra, s.package) } else { Vec::new() },
        licence: cx.licence_view(&licence),
        authors,
        rights,
        attribution: cx.texts.attribution.as_ref().map(|l| l.text.as_str()),
        funding: cx.texts.funding.as_ref().map(|l| l.text.as_str()),
        canonical: config.base_url.as_ref().filter(|_| s.package.is_none()).map(|b| format!("{b}/{code}/{}", s.here)),
        languages: if s.package.is_some() || !multilingual {
            Vec::new()
        } else {
            // A tag page's address comes from translated text: other languages get the collection.
            let target = if s.kind == "tag" { page.url.as_str() } else { s.here };
            language_links(config, code, s.here, target, &status)
        },
        alternates: if s.package.is_some() || s.kind == "tag" { Vec::new() } else { views::alternates(config, code, s.here, &status) },
        text_status: match s.text {
            TextStatus::Original => "original",
            TextStatus::Translated => "translated",
            TextStatus::Fallback => "fallback",
        },
        outdated: s.outdated,
        notice_html: notice,
        content_lang: fallback.then(|| default.code.clone()),
        content_dir: fallback.then(|| default.direction.as_str()),
        lede_lang: None,
        lede_dir: None,
        title_lang: None,
        title_dir: None,
        title_html: s.title_html.map(str::to_string),
        original: (s.text == TextStatus::Translated && s.outdated && s.package.is_none()).then(|| views::LangLink {
            code: default.code.clone(),
            name: default.name.clone(),
            url: format!("{}{}/{}", to_root(&format!("{code}/{}", s.here)), default.code, s.here),
            current: false,
            dir: default.direction.as_str(),
            fallback: false,
        }),
        status_url: (multilingual && s.package.is_none()).then(|| relative(s.here, "translation-status.html")),
        changes_url: (s.text == TextStatus::Translated && s.outdated && s.package.is_none())
            .then(|| format!("{}#{}", relative(s.here, "translation-status.html"), status::changes_id(s.here))),
        cycle: None,
        cycle_steps: Vec::new(),
        templates: Vec::new(),
        print_url: None,
        phase: None,
        discussion: Vec::new(),
        tag_groups: Vec::new(),
        related: Vec::new(),
        checklist: false,
        media: false,
        package: s.package.is_some(),
        search: s.package.is_none() && config.search,
        downloads_url: (s.package.is_none() && cx.downloads).then(|| relative(s.here, "downloads.html")),
        progress_scope: cx.scope.clone(),
        reset_keys: if book_page { progress_keys.clone() } else { None },
        start_url,
        journey: config.journey.enabled && s.package.is_none() && cx.lang.home.is_some(),
        progress_keys,
        course_keys,
        tracked,
    }
}
