//! Render: model + rendered Markdown → HTML files, through the theme's Tera templates.
//! No disk access here: functions return strings; the pipeline hands them to the writer.

pub mod theme;
pub mod views;

use std::collections::BTreeMap;

use tera::Context;

use crate::config::Config;
use crate::i18n::Strings;
use crate::markdown::Rendered;
use crate::model::url::{relative, to_root};
use crate::model::{LangSite, PageId, Site};
use theme::{tera_error_chain, Theme};
use views::{child_cards, kind_name, language_links, navigation, unit_view, ExtraSteps, LicenceView, PageView};

/// What every page of one language shares.
pub struct LangContext<'a> {
    pub site: &'a Site,
    pub lang: &'a LangSite,
    pub strings: &'a Strings,
    pub plain: BTreeMap<String, String>,
}

impl<'a> LangContext<'a> {
    pub fn new(site: &'a Site, lang: &'a LangSite, strings: &'a Strings) -> Self {
        LangContext { site, lang, strings, plain: strings.all_plain() }
    }

    fn config(&self) -> &Config {
        &self.site.config
    }
}

/// The template for a page kind; a site theme may add `<kind>.html` to style one kind.
fn template_for(theme: &Theme, kind: &str) -> &'static str {
    let wanted: &'static str = match kind {
        "home" => "home.html",
        "course" | "module" | "section" => "section.html",
        _ => "page.html",
    };
    let specific = match kind {
        "course" => "course.html",
        "module" => "module.html",
        "lesson" => "lesson.html",
        _ => wanted,
    };
    if theme.tera.get_template_names().any(|n| n == specific) { specific } else { wanted }
}

/// Renders one page to HTML. `extra` yields the steps (quizzes) that follow a section.
pub fn render_page(cx: &LangContext<'_>, theme: &Theme, id: PageId, md: &Rendered, extra: ExtraSteps<'_>) -> Result<String, String> {
    let page = &cx.lang.pages[id];
    let kind = kind_name(cx.lang, id);
    let nav = navigation(cx.lang, id, &page.url, &page.front.title, false, cx.strings, extra);
    let config = cx.config();
    let licence = page
        .front
        .license
        .as_deref()
        .and_then(|l| crate::model::licence::Licence::from_spdx(l).ok())
        .unwrap_or_else(|| config.licence.clone());
    let exists = |code: &str| cx.site.langs.iter().any(|l| l.lang.code == code && l.by_rel.contains_key(&page.rel));
    let view = PageView {
        lang: &cx.lang.lang.code,
        dir: cx.lang.lang.direction.as_str(),
        title: &page.front.title,
        description: page.front.description.as_deref(),
        kind,
        root: to_root(&format!("{}/{}", cx.lang.lang.code, page.url)),
        key: format!("{}/{}", cx.lang.lang.code, page.url),
        site_title: &config.title,
        home_url: relative(&page.url, "index.html"),
        logo_url: config.logo.as_ref().map(|l| format!("{}static/{}", to_root(&format!("x/{}", page.url)), logo_file_name(l))),
        logo_alt: config.logo_alt.as_deref(),
        content: &md.html,
        toc: md.headings.iter().filter(|h| h.level == 2).collect(),
        breadcrumbs: nav.breadcrumbs,
        top_nav: nav.top_nav,
        course_nav: nav.course_nav,
        position: nav.position,
        prev: nav.prev,
        next: nav.next,
        unit: unit_view(&page.front),
        children: if page.is_section { child_cards(cx.lang, id, cx.strings, extra) } else { Vec::new() },
        licence: LicenceView::from(&licence),
        authors: if page.front.authors.is_empty() { &config.authors } else { &page.front.authors },
        attribution: config.attribution.as_deref(),
        funding: config.funding.as_deref(),
        canonical: config.base_url.as_ref().map(|b| format!("{b}/{}/{}", cx.lang.lang.code, page.url)),
        languages: language_links(config, &cx.lang.lang.code, &page.url, &exists),
        progress_scope: progress_scope(config),
    };
    let mut context = Context::from_serialize(&view).map_err(|e| e.to_string())?;
    context.insert("t", &cx.plain);
    let template = template_for(theme, kind);
    theme.tera.render(template, &context).map_err(|e| format!("template {template}: {}", tera_error_chain(&e)))
}

/// The file name a configured logo gets under `static/`.
pub fn logo_file_name(logo: &str) -> String {
    let name = logo.rsplit(['/', '\\']).next().unwrap_or(logo);
    format!("logo-{name}")
}

/// A key that keeps two sites on one host from sharing browser storage.
pub fn progress_scope(config: &Config) -> String {
    let source = config.base_url.clone().unwrap_or_else(|| config.title.clone());
    // FNV-1a: stable across builds and platforms.
    let mut hash: u32 = 0x811c_9dc5;
    for b in source.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("kyklos:{hash:08x}")
}

/// The root `index.html`: a language chooser (a redirect when there is one language).
pub fn render_root(site: &Site, theme: &Theme, strings: &[Strings]) -> Result<String, String> {
    let config = &site.config;
    let languages: Vec<views::LangLink> = site
        .langs
        .iter()
        .filter(|l| l.home.is_some())
        .map(|l| views::LangLink {
            code: l.lang.code.clone(),
            name: l.lang.name.clone(),
            url: format!("{}/index.html", l.lang.code),
            current: l.lang.code == config.default_language().code,
            dir: l.lang.direction.as_str(),
        })
        .collect();
    let default = config.default_language();
    let mut context = Context::new();
    context.insert("lang", &default.code);
    context.insert("dir", default.direction.as_str());
    context.insert("site_title", &config.title);
    context.insert("languages", &languages);
    context.insert("root", "");
    context.insert("redirect", &(languages.len() == 1).then(|| languages[0].url.clone()));
    context.insert("licence", &LicenceView::from(&config.licence));
    context.insert("attribution", &config.attribution);
    context.insert("funding", &config.funding);
    context.insert("authors", &config.authors);
    context.insert("progress_scope", &progress_scope(config));
    let labels: Vec<BTreeMap<String, String>> = strings.iter().map(Strings::all_plain).collect();
    context.insert("t", &labels[0]);
    theme.tera.render("languages.html", &context).map_err(|e| format!("template languages.html: {}", tera_error_chain(&e)))
}
