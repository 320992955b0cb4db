//! Render: model + rendered Markdown → HTML files, through the theme's Tera templates.
//! No disk access here: functions return strings; the pipeline hands them to the writer.

mod block_marks;
mod card_table;
pub mod course_print;
pub mod csp;
pub mod downloads;
pub use downloads::render_downloads;
pub mod guide;
mod guide_pages;
pub mod journey;
pub mod journey_pages;
mod lesson;
mod page_view;
pub mod quiz;
mod sidebar;
mod site_views;
pub mod status;
mod templates;
pub mod theme;
mod theme_check;
pub mod views;

use std::collections::BTreeMap;

use tera::Context;

use crate::i18n::Strings;
use crate::markdown::Rendered;
use crate::model::config::Config;
use crate::model::quiz::Quiz;
use crate::model::{LangSite, PageId, Site, TextStatus};
use theme::{tera_error_chain, Theme};
use views::{ExtraSteps, LicenceView, PageView};

pub use guide_pages::{render_guide_print, render_tag};
pub(crate) use page_view::view;
pub use page_view::Subject;
pub use quiz::render_quiz;
pub use site_views::{render_not_found, render_root, render_site_page, render_site_view, render_status, RootLanguage};

/// Whether a language gets SCORM packages (and a Downloads page): it has a module of its own.
pub fn has_packages(site: &Site, lang: &LangSite) -> bool {
    !site.config.scorm.is_empty() && lang.pages.iter().any(|p| p.is_section && p.kind() == crate::model::Kind::Module && p.text != TextStatus::Fallback)
}

/// Whether a language has a Downloads page: SCORM packages, or quizzes of its own to export
/// as question banks.
pub fn has_downloads(site: &Site, lang: &LangSite) -> bool {
    has_packages(site, lang) || lang.quizzes.iter().any(|q| q.text != TextStatus::Fallback)
}

/// The reading orders, progress keys and navigation lists (with their HTML) that a language's
/// pages share. They follow from the site's structure alone (pages, titles, quizzes, strings,
/// theme), so a preview's rebuild with the same structure starts from the last build's.
#[derive(Default, Clone)]
pub struct NavMemo {
    navs: rustc_hash::FxHashMap<PageId, std::sync::Arc<views::BookNav>>,
    keys: rustc_hash::FxHashMap<PageId, std::sync::Arc<String>>,
    sidebars: rustc_hash::FxHashMap<(PageId, String), std::sync::Arc<views::SharedNav>>,
}

/// A language's interface strings as template values: `t` (the plain strings), `tl` (the marks
/// of those that are another language's: ` lang="…" dir="…"` or empty), `tm` (each as HTML
/// inside such a mark), `tj` (`code dir` of the marked ones, for scripts).
struct TemplateStrings {
    t: tera::Value,
    tl: tera::Value,
    tm: tera::Value,
    tj: tera::Value,
}

impl TemplateStrings {
    fn new(all: &crate::i18n::AllStrings) -> Self {
        let tm: BTreeMap<&String, String> = all.plain.iter().map(|(k, v)| (k, Strings::marked_html(all.marks.get(k).map_or("", String::as_str), v))).collect();
        TemplateStrings {
            t: tera::to_value(&all.plain).unwrap_or_default(),
            tl: tera::to_value(&all.marks).unwrap_or_default(),
            tm: tera::to_value(&tm).unwrap_or_default(),
            tj: tera::to_value(&all.scripts).unwrap_or_default(),
        }
    }
}

/// What every page of one language shares.
pub struct LangContext<'a> {
    pub site: &'a Site,
    pub lang: &'a LangSite,
    pub strings: &'a Strings,
    /// Every plain string (made once per language, see [`Strings::tables`]).
    pub plain: &'a BTreeMap<String, String>,
    /// `plain` for the built-in page writers (see [`lesson`]), made when a page first needs it.
    ui: std::sync::OnceLock<lesson::UiText>,
    /// The strings as template values, made when a template first needs them.
    values: std::sync::OnceLock<TemplateStrings>,
    /// SCORM packages are built for this language.
    pub packaging: bool,
    /// This language has a Downloads page (packages or question banks).
    pub downloads: bool,
    /// The site settings (title, funding notice, …) in this language.
    pub texts: crate::model::config::SiteTexts,
    /// Reading orders and progress keys of sections, computed once each.
    navs: std::sync::RwLock<rustc_hash::FxHashMap<PageId, std::sync::Arc<views::BookNav>>>,
    keys: std::sync::RwLock<rustc_hash::FxHashMap<PageId, std::sync::Arc<String>>>,
    /// Course navigation lists per (course, folder): built and rendered once, shared by the
    /// folder's pages.
    sidebars: std::sync::RwLock<rustc_hash::FxHashMap<(PageId, String), std::sync::Arc<views::SharedNav>>>,
    /// A course's lines closed, per (course, folder): shared by the lists of the folders one
    /// level below that folder (see [`sidebar::course_nav_for`]).
    closed_navs: std::sync::RwLock<rustc_hash::FxHashMap<(PageId, String), std::sync::Arc<sidebar::ClosedItems>>>,
    /// The parts of the pages' rights views that are the same for the whole language.
    rights: crate::rights::Shared,
    /// The site's progress scope (see [`progress_scope`]).
    scope: String,
    /// The licences' views, made once per licence.
    licences: std::sync::RwLock<Vec<(crate::model::licence::Licence, std::sync::Arc<LicenceView>)>>,
    /// Template contexts that already hold `t` (a few hundred strings), reused from page to
    /// page instead of copying `t` into every page's context.
    contexts: std::sync::Mutex<Vec<Context>>,
}

impl<'a> LangContext<'a> {
    pub fn new(site: &'a Site, lang: &'a LangSite, strings: &'a Strings) -> Self {
        let packaging = has_packages(site, lang);
        // Every language gets a Downloads page once any has one (it says why it is empty).
        let downloads = site.langs.iter().any(|l| has_downloads(site, l));
        let texts = site.config.site_texts(&lang.lang.code);
        LangContext {
            site,
            lang,
            strings,
            plain: &strings.tables().plain,
            ui: Default::default(),
            values: Default::default(),
            packaging,
            downloads,
            texts,
            rights: crate::rights::Shared::new(site, lang, strings),
            licences: Default::default(),
            scope: progress_scope(&site.config),
            navs: Default::default(),
            keys: Default::default(),
            sidebars: Default::default(),
            closed_navs: Default::default(),
            contexts: Default::default(),
        }
    }

    /// The interface strings for the built-in page writers.
    fn ui(&self) -> &lesson::UiText {
        self.ui.get_or_init(|| {
            let all = self.strings.tables();
            lesson::ui_text(&all.plain, &all.marks, &all.scripts)
        })
    }

    /// The interface strings as template values.
    fn values(&self) -> &TemplateStrings {
        self.values.get_or_init(|| TemplateStrings::new(self.strings.tables()))
    }

    /// Starts from the navigation of a build whose site had the same structure.
    pub fn with_memo(self, memo: NavMemo) -> Self {
        LangContext { navs: memo.navs.into(), keys: memo.keys.into(), sidebars: memo.sidebars.into(), ..self }
    }

    /// The navigation made so far (shared, not copied).
    pub fn memo(&self) -> NavMemo {
        NavMemo {
            navs: self.navs.read().map(|m| m.clone()).unwrap_or_default(),
            keys: self.keys.read().map(|m| m.clone()).unwrap_or_default(),
            sidebars: self.sidebars.read().map(|m| m.clone()).unwrap_or_default(),
        }
    }

    /// The reading order of a section (cached).
    pub fn book_nav(&self, section: PageId, extra: ExtraSteps<'_>) -> std::sync::Arc<views::BookNav> {
        if let Some(nav) = self.navs.read().ok().and_then(|m| m.get(&section).cloned()) {
            return nav;
        }
        let nav = std::sync::Arc::new(views::BookNav::new(views::sequence(self.lang, section, extra)));
        if let Ok(mut m) = self.navs.write() {
            m.entry(section).or_insert_with(|| nav.clone());
        }
        nav
    }

    /// The progress keys of a section's lessons and quizzes (cached).
    pub fn progress_keys(&self, section: PageId, extra: ExtraSteps<'_>) -> std::sync::Arc<String> {
        if let Some(k) = self.keys.read().ok().and_then(|m| m.get(&section).cloned()) {
            return k;
        }
        let keys = std::sync::Arc::new(views::progress_keys(self.lang, &self.book_nav(section, extra)));
        if let Ok(mut m) = self.keys.write() {
            m.entry(section).or_insert_with(|| keys.clone());
        }
        keys
    }

    /// The view of a licence (made once per licence).
    fn licence_view(&self, licence: &crate::model::licence::Licence) -> std::sync::Arc<LicenceView> {
        if let Some((_, v)) = self.licences.read().ok().and_then(|l| l.iter().find(|(l, _)| l == licence).cloned()) {
            return v;
        }
        let v = std::sync::Arc::new(LicenceView::from(licence));
        if let Ok(mut l) = self.licences.write() {
            l.push((licence.clone(), v.clone()));
        }
        v
    }

    fn config(&self) -> &Config {
        &self.site.config
    }

    /// ` lang="…" dir="…"` of the site's default language for a text shown in it on this
    /// language's pages (`fallback`: not translated); empty when no mark is needed.
    pub fn fallback_attrs(&self, fallback: bool) -> String {
        let d = self.site.config.default_language();
        if fallback && d.code != self.lang.lang.code {
            crate::markdown::lang_attrs(&d.code, d.direction.as_str())
        } else {
            String::new()
        }
    }

    /// ` lang="…" dir="…"` of this language, for interface words inside a text shown in the
    /// default language (`fallback`); empty when no mark is needed.
    pub fn own_attrs(&self, fallback: bool) -> String {
        if fallback && self.site.config.default_language().code != self.lang.lang.code {
            crate::markdown::lang_attrs(&self.lang.lang.code, self.lang.lang.direction.as_str())
        } else {
            String::new()
        }
    }

    /// `key`'s text is the default language's, shown because this language lacks it.
    pub fn is_default_languages(&self, key: &str) -> bool {
        self.strings.lang_of(key).is_some_and(|(code, _)| code == self.site.config.default_language().code)
    }

    /// A page titled by interface strings (`title_key`, with `description_key` as its lede):
    /// the heading and the lede carry the language of those strings when it is another's.
    pub fn mark_interface_title(&self, v: &mut PageView<'_>, title_key: &str, description_key: &str) {
        if let Some((code, dir)) = self.strings.lang_of(title_key) {
            v.title_lang = Some(code.to_string());
            v.title_dir = Some(dir);
        }
        if let Some((code, dir)) = self.strings.lang_of(description_key) {
            v.lede_lang = Some(code.to_string());
            v.lede_dir = Some(dir);
        }
    }

    /// The language marks of a quiz on this language's pages (see [`quiz::Marks`]).
    pub fn quiz_marks(&self, q: &Quiz) -> quiz::Marks {
        let d = self.site.config.default_language();
        let mut marks = quiz::Marks::of(q, (&self.lang.lang.code, self.lang.lang.direction.as_str()), (&d.code, d.direction.as_str()));
        // The interface words inside the quiz are in the language of the interface strings:
        // the default language's (or English) where this language has none of its own.
        if let Some((code, dir)) = self.strings.lang_of("quiz_check") {
            marks.ui = crate::markdown::lang_attrs(code, dir);
        }
        marks
    }
}

/// The template for a page kind; a site theme may add `<kind>.html` to style one kind.
fn template_for(theme: &Theme, kind: &str) -> &'static str {
    let wanted: &'static str = match kind {
        "home" => "home.html",
        "course" | "module" | "section" => "section.html",
        "quiz" => "quiz.html",
        "guide" | "collection" => "section.html",
        _ => "page.html",
    };
    let specific = match kind {
        "course" => "course.html",
        "module" => "module.html",
        "lesson" => "lesson.html",
        _ => wanted,
    };
    if theme.templates.has(specific) {
        specific
    } else {
        wanted
    }
}

/// Where a page sits when rendered into a package: the module that bounds it, and the
/// folder (relative to `dist/<lang>/`, with a trailing slash or empty) that is the zip's root.
#[derive(Debug, Clone)]
pub struct PackageScope {
    pub module: PageId,
    pub base: String,
    /// Folders (relative to `dist/<lang>/`, with a trailing slash) of the modules under
    /// `module` that the package leaves out (a course package of a language that has
    /// translated only some of its modules): previous/next skip their pages.
    pub left_out: Vec<String>,
}

impl PackageScope {
    /// Whether the page or quiz at `url` (relative to `dist/<lang>/`) is in the package's
    /// reading order, i.e. not in a module it leaves out.
    pub fn holds(&self, url: &str) -> bool {
        !self.left_out.iter().any(|dir| url.starts_with(dir.as_str()))
    }

    /// The progress keys (`<lang>/<url>`, space-separated) of the pages it holds: a partial
    /// course package's course page counts its own modules' lessons and quizzes, so its
    /// progress can reach 100 %.
    pub fn held_keys(&self, keys: &str) -> String {
        keys.split(' ').filter(|k| k.split_once('/').is_none_or(|(_, url)| self.holds(url))).collect::<Vec<_>>().join(" ")
    }

    /// The path of a site output path inside the package.
    pub fn path<'p>(&self, url: &'p str) -> &'p str {
        url.strip_prefix(self.base.as_str()).unwrap_or(url)
    }
}

/// Tests set this to render every page (and course navigation list) through Tera (see [`render_view`]).
static TERA_PAGES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// For tests: render pages through Tera even where the built-in page renderer would write
/// them, so both can be compared. Not for use in builds.
#[doc(hidden)]
pub fn force_tera_pages(on: bool) {
    TERA_PAGES.store(on, std::sync::atomic::Ordering::SeqCst);
}

/// A page through its template. The built-in `page.html`, `section.html` and `home.html`
/// (when the theme does not override them) are written by [`lesson`] instead of Tera: the
/// same bytes, without Tera and without turning the view into a template context.
pub(crate) fn render_view(cx: &LangContext<'_>, theme: &Theme, view: &PageView<'_>) -> Result<String, String> {
    let template = template_for(theme, view.kind);
    type Writer = fn(&lesson::UiText, &PageView<'_>, Option<(&str, &str)>) -> Option<(String, std::ops::Range<usize>)>;
    let writer: Option<Writer> = match template {
        "page.html" if theme.builtin_page => Some(lesson::render),
        "section.html" if theme.builtin_section => Some(lesson::render_section),
        "home.html" if theme.builtin_home => Some(lesson::render_home),
        _ => None,
    };
    if let Some(writer) = writer.filter(|_| !TERA_PAGES.load(std::sync::atomic::Ordering::Relaxed)) {
        let list = match &view.course_nav {
            Some(nav) => Some((cx.course_nav_html(theme, &nav.shared).as_ref().map_err(Clone::clone)?.as_str(), nav.own_href.as_str())),
            None => None,
        };
        if let Some((html, sidebar)) = writer(cx.ui(), view, list) {
            // The course navigation holds no paragraph: its bytes (a third to a half of a
            // lesson page) are not searched for one.
            return Ok(block_marks::block_marks_around(&html, sidebar).unwrap_or(html));
        }
    }
    render_tera(cx, theme, view, template).map(|html| block_marks::block_marks(&html).unwrap_or(html))
}

fn render_tera(cx: &LangContext<'_>, theme: &Theme, view: &PageView<'_>, template: &str) -> Result<String, String> {
    let mut value = tera::to_value(view).map_err(|e| e.to_string())?;
    // The plain-text attribution, which only a template shows (`rights.attribution`): the
    // page's canonical address is the source's address the line names.
    if let Some(rights) = value.get_mut("rights").and_then(|r| r.as_object_mut()) {
        let licence = (view.licence.short.as_str(), view.licence.url.as_str());
        let line = cx.rights.plain_attribution(view.title, view.authors, view.canonical.as_deref(), licence, cx.strings);
        rights.insert("attribution".into(), tera::Value::String(line));
    }
    if let (Some(nav), Some(map)) = (&view.course_nav, value.as_object_mut()) {
        let list = cx.course_nav_html(theme, &nav.shared).as_ref().map_err(Clone::clone)?;
        if let Some(slot) = map.get_mut("course_nav").and_then(|n| n.as_object_mut()) {
            slot.insert(
                "list".into(),
                tera::Value::String({
                    let mut marked = String::with_capacity(list.len() + 24);
                    nav.shared.mark_current_into(&mut marked, list, &nav.own_href);
                    marked
                }),
            );
        }
    }
    let page = Context::from_value(value).map_err(|e| e.to_string())?;
    // Every page view has the same keys, so a reused context holds only `t` and this page's.
    let mut context = cx.contexts.lock().ok().and_then(|mut pool| pool.pop()).unwrap_or_else(|| {
        let mut c = Context::new();
        let values = cx.values();
        c.insert("t", &values.t);
        c.insert("tl", &values.tl);
        c.insert("tm", &values.tm);
        c.insert("tj", &values.tj);
        c
    });
    context.extend(page);
    let html = theme.templates.render(template, &context).map_err(|e| format!("template {template}: {}", tera_error_chain(&e)));
    // The page's text is not kept until the next page.
    context.remove("content");
    if let Ok(mut pool) = cx.contexts.lock() {
        pool.push(context);
    }
    html
}

/// Renders one page to HTML. `extra` yields the steps (quizzes) that follow a section.
pub fn render_page(cx: &LangContext<'_>, theme: &Theme, id: PageId, md: &Rendered, extra: ExtraSteps<'_>) -> Result<String, String> {
    render_page_in(cx, theme, id, md, extra, None)
}

/// [`render_page`] for the site (`package` = None) or for a SCORM package.
pub fn render_page_in(
    cx: &LangContext<'_>,
    theme: &Theme,
    id: PageId,
    md: &Rendered,
    extra: ExtraSteps<'_>,
    package: Option<&PackageScope>,
) -> Result<String, String> {
    let page = &cx.lang.pages[id];
    let captioned = crate::rights::captions::add(&md.html, cx.lang, &page.url, cx.strings);
    let subject = Subject {
        id,
        here: &page.url,
        title: &page.front.title,
        title_html: None,
        description: page.front.description.as_deref(),
        kind: cx.lang.kind_name(id),
        content: captioned.as_deref().unwrap_or(&md.html),
        is_step: false,
        package,
        text: page.text,
        title_fallback: false,
        title_string: None,
        outdated: page.outdated,
    };
    let mut v = view(cx, &subject, extra);
    v.toc = md.headings.iter().filter(|h| h.level == 2).collect();
    v.checklist = md.has_checklist;
    v.media = md.has_media;
    if package.is_none() {
        guide_pages::kind_extras(cx, id, &mut v);
    }
    render_view(cx, theme, &v)
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
