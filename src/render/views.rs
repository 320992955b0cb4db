//! The structs templates see. Built from the model for one page at a time; borrowed where
//! possible. Templates never see the model itself, so it can change without breaking themes.

use serde::Serialize;

use crate::i18n::Strings;
use crate::markdown::Heading;
use crate::model::config::Config;
use crate::model::licence::Licence;
use crate::model::url::{relative, to_root};
use crate::model::{Kind, LangSite, PageId};

pub use super::sidebar::{course_nav_for, CourseNav, CourseNavView, NavItem, SharedNav};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkView {
    pub title: String,
    pub url: String,
    /// This link is the page being viewed (or contains it, for top navigation).
    pub current: bool,
    /// The title is the default language's (the page is not translated yet).
    pub fallback: bool,
    /// What the pager says before the title instead of "Next" or "Previous" (after a guide's
    /// last phase: "Back to the start of the cycle"), in the page's language.
    pub label: Option<String>,
    /// ` lang dir` of `label` when it is another language's (a string the page's lacks).
    pub label_lang: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct UnitView {
    pub objectives: Vec<String>,
    pub duration: Option<String>,
    pub format: Option<String>,
    pub assessment: Option<String>,
    pub prerequisites: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    /// Tag keys (`group:value`) of a practice, for filtering in the browser.
    pub tags: String,
    pub title: String,
    pub description: Option<String>,
    pub url: String,
    /// What a folder's card holds ("3 modules, 1 guide"), as HTML: each count a language
    /// lacks is marked with the language it is shown in.
    pub meta_html: Option<String>,
    pub kind: &'static str,
    pub key: String,
    pub fallback: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LicenceView {
    pub name: String,
    pub short: String,
    pub url: String,
    pub spdx: String,
}

impl From<&Licence> for LicenceView {
    fn from(l: &Licence) -> Self {
        LicenceView { name: l.name.clone(), short: l.short_name(), url: l.url.clone(), spdx: l.spdx.clone() }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LangLink {
    pub code: String,
    pub name: String,
    pub url: String,
    pub current: bool,
    pub dir: &'static str,
    /// The page is not translated into this language (it shows the original's text).
    pub fallback: bool,
}

/// `<link rel="alternate" hreflang>`: absolute when the site has a base URL.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub url: String,
}

/// Everything a page template receives (besides `t`, the interface strings).
#[derive(Debug, Clone, Serialize)]
pub struct PageView<'a> {
    pub lang: &'a str,
    pub dir: &'static str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// home | course | module | section | lesson | page
    pub kind: &'static str,
    /// Prefix from this page to the output root (static files live there).
    pub root: String,
    /// Stable progress key of this page: `<lang>/<url>`.
    pub key: String,
    pub site_title: &'a str,
    /// The site settings in this language, each with whether it falls back to the default's.
    pub site: &'a crate::model::config::SiteTexts,
    /// The default language, which fallback text (marked `fallback`) is written in.
    pub fallback_lang: &'a str,
    pub fallback_dir: &'static str,
    pub home_url: String,
    pub logo_url: Option<String>,
    pub logo_alt: Option<&'a str>,
    pub content: &'a str,
    pub toc: Vec<&'a Heading>,
    pub breadcrumbs: Vec<LinkView>,
    pub top_nav: Vec<LinkView>,
    pub course_nav: Option<CourseNavView>,
    pub position: Option<String>,
    /// The interface string `position` is made of, whose language marks it (`tl[position_key]`).
    pub position_key: &'static str,
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
    pub unit: Option<UnitView>,
    pub children: Vec<CardView>,
    pub licence: std::sync::Arc<LicenceView>,
    pub authors: &'a [String],
    /// Badge, attribution line, JSON-LD, EU emblem, links to credits and accessibility.
    pub rights: crate::rights::RightsView,
    pub attribution: Option<&'a str>,
    pub funding: Option<&'a str>,
    pub canonical: Option<String>,
    pub languages: Vec<LangLink>,
    pub progress_scope: String,
    /// Rendered for a SCORM package: no site chrome that leads outside it.
    pub package: bool,
    /// The site has search (`search: on`, the default) and this is not a package page.
    pub search: bool,
    /// The language's Downloads page (SCORM packages), if there is one.
    pub downloads_url: Option<String>,
    /// original | translated | fallback
    pub text_status: &'static str,
    pub outdated: bool,
    /// A notice about the translation ("not yet translated", "may be outdated"), as HTML: the
    /// language names it holds are marked where the sentence is in another language.
    pub notice_html: Option<String>,
    /// For fallback text: the language the content is written in.
    pub content_lang: Option<String>,
    pub content_dir: Option<&'static str>,
    /// The description's language where only it is the original's (a quiz translation
    /// without its own `description:`).
    pub lede_lang: Option<String>,
    pub lede_dir: Option<&'static str>,
    /// The heading's language where only it is the original's (a quiz translation without its
    /// own `title:`).
    pub title_lang: Option<String>,
    pub title_dir: Option<&'static str>,
    /// The heading as HTML where a part of it is in another language than its words (a tag
    /// page's value not translated yet): shown instead of `title` in the heading and the
    /// breadcrumbs, and quoted so in the attribution line (`rights.attribution_html`); the
    /// document's `<title>` holds text only.
    pub title_html: Option<String>,
    /// For an outdated translation: the original page.
    pub original: Option<LangLink>,
    pub alternates: Vec<Alternate>,
    /// The language's translation status page, if the site has several languages.
    pub status_url: Option<String>,
    /// For an outdated translation: what changed in the original, on the status page.
    pub changes_url: Option<String>,
    /// A guide: the cycle diagram (inline SVG) and its steps as a list.
    pub cycle: Option<String>,
    pub cycle_steps: Vec<LinkView>,
    /// A guide: templates and forms to download or print; the whole guide as one page.
    pub templates: Vec<super::guide::FileView>,
    pub print_url: Option<String>,
    /// A guide phase: who, what it produces, activities.
    pub phase: Option<super::guide::PhaseView>,
    /// A training unit: discussion or assessment questions.
    pub discussion: Vec<String>,
    /// A collection: filters by tag; a practice: its tags.
    pub tag_groups: Vec<super::guide::TagGroup>,
    /// A practice: practices that share its tags.
    pub related: Vec<CardView>,
    /// The page has checklist items a reader can tick.
    pub checklist: bool,
    /// The page has media players (their script adds captions on pages opened from disk).
    pub media: bool,
    /// Space-separated progress keys of the lessons and quizzes below this section.
    pub progress_keys: Option<std::sync::Arc<String>>,
    /// The same for the whole course (book), on a page in the course's own folder (a lesson
    /// outside any module, the print page): the sidebar's summary under the course title. A
    /// page in a module has its module's summary in the sidebar list instead
    /// ([`NavItem::progress_keys`]), and the course's own page shows its progress in its head.
    pub course_keys: Option<std::sync::Arc<String>>,
    /// The page belongs to a course whose lessons and quizzes count towards progress (the
    /// header shows the learner's points there).
    pub tracked: bool,
    /// A course's own page: the keys its "Reset my progress" clears (only this course's).
    pub reset_keys: Option<std::sync::Arc<String>>,
    /// Points, badges and the "My progress" page are on (`journey:` in site.yaml; never in a package).
    pub journey: bool,
    /// A course's own page: its first lesson (the "Start" button; JS turns it into "Continue").
    pub start_url: Option<String>,
}

/// One step of a course's reading order (a page, or later a quiz).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub title: String,
    /// Output path relative to `dist/<lang>/`.
    pub url: String,
    pub page: Option<PageId>,
    pub kind: &'static str,
    /// Shown in the default language (not translated yet).
    pub fallback: bool,
}

/// Extra steps that follow a section's own pages (quizzes); given by the caller.
pub type ExtraSteps<'a> = &'a dyn Fn(PageId) -> Vec<Step>;

/// A section's reading order with an index by output path: made once per section and shared
/// by all its pages, so a course of ten thousand lessons is not walked once per lesson.
#[derive(Debug, Default)]
pub struct BookNav {
    pub steps: Vec<Step>,
    pub index: rustc_hash::FxHashMap<String, usize>,
}

impl BookNav {
    pub fn new(steps: Vec<Step>) -> Self {
        let index = steps.iter().enumerate().map(|(i, s)| (s.url.clone(), i)).collect();
        BookNav { steps, index }
    }
}

/// Gives the [`BookNav`] of a section (cached by the caller).
pub type BookNavs<'a> = &'a dyn Fn(PageId) -> std::sync::Arc<BookNav>;

/// The page shows the default language's text in this language (not translated yet).
pub fn is_fallback(site: &LangSite, id: PageId) -> bool {
    site.pages[id].text == crate::model::TextStatus::Fallback
}

/// The reading order of a book (a top-level section): its pages depth-first, each section's
/// extra steps after its own pages.
pub fn sequence(site: &LangSite, book: PageId, extra: ExtraSteps<'_>) -> Vec<Step> {
    fn walk(site: &LangSite, id: PageId, extra: ExtraSteps<'_>, out: &mut Vec<Step>) {
        let page = &site.pages[id];
        if site.effective_kind(id) == Kind::Template {
            return;
        }
        out.push(Step { title: page.front.title.clone(), url: page.url.clone(), page: Some(id), kind: site.kind_name(id), fallback: is_fallback(site, id) });
        for &child in &page.children {
            walk(site, child, extra, out);
        }
        if page.is_section {
            out.extend(extra(id));
        }
    }
    let mut out = Vec::new();
    walk(site, book, extra, &mut out);
    out
}

pub struct Nav {
    pub breadcrumbs: Vec<LinkView>,
    pub top_nav: Vec<LinkView>,
    /// The course (book) whose navigation the sidebar shows.
    pub book: Option<PageId>,
    pub position: Option<String>,
    /// The interface string `position` is made of (`lesson_position`, `step_position`), whose
    /// language marks it.
    pub position_key: &'static str,
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
}

/// Navigation for the page (or step) at output path `here` whose page is `id`, titled
/// `here_title` (`true`: in the default language, not translated yet).
/// `scope`: inside a package, the module (or course) that bounds navigation (nothing outside
/// it is linked), and the modules it leaves out, which previous/next skip.
#[allow(clippy::too_many_arguments)]
pub fn navigation(
    site: &LangSite,
    id: PageId,
    here: &str,
    (here_title, here_fallback): (&str, bool),
    is_step: bool,
    strings: &Strings,
    books: BookNavs<'_>,
    package: Option<&super::PackageScope>,
) -> Nav {
    let scope = package.map(|p| p.module);
    let in_package = |s: &&Step| package.is_none_or(|p| p.holds(&s.url));
    let link = |to: PageId, current: bool| LinkView {
        title: site.pages[to].front.title.clone(),
        url: relative(here, &site.pages[to].url),
        current,
        fallback: is_fallback(site, to),
        label: None,
        label_lang: String::new(),
    };
    let mut ancestors = site.ancestors(id);
    if let Some(module) = scope {
        if let Some(pos) = ancestors.iter().position(|&a| a == module) {
            ancestors.drain(..pos);
        } else {
            ancestors.clear();
        }
    }
    let mut breadcrumbs: Vec<LinkView> = ancestors.into_iter().map(|a| link(a, false)).collect();
    if is_step {
        breadcrumbs.push(link(id, false));
    }
    breadcrumbs.push(LinkView {
        title: here_title.to_string(),
        url: relative(here, here),
        current: true,
        fallback: here_fallback,
        label: None,
        label_lang: String::new(),
    });
    if breadcrumbs.len() == 1 {
        breadcrumbs.clear();
    }

    let book = scope.or_else(|| site.book_of(id));
    let mut chain = site.ancestors(id);
    chain.push(id);
    let top_nav = match scope {
        Some(_) => Vec::new(),
        None => site.home.map(|h| site.pages[h].children.iter().map(|&c| link(c, chain.contains(&c))).collect()).unwrap_or_default(),
    };

    let (mut prev, mut next) = (None, None);
    if let Some(book) = book {
        let nav = books(book);
        let steps = &nav.steps;
        if let Some(&pos) = nav.index.get(here) {
            let to_link = |s: &Step| LinkView {
                title: s.title.clone(),
                url: relative(here, &s.url),
                current: false,
                fallback: s.fallback,
                label: None,
                label_lang: String::new(),
            };
            prev = steps[..pos.min(steps.len())].iter().rev().find(in_package).map(to_link);
            next = steps.get(pos + 1..).and_then(|rest| rest.iter().find(in_package)).map(to_link);
            // A guide is a cycle: after its last phase comes its first again.
            let is_guide = site.pages[book].kind() == Kind::Guide;
            if is_guide && next.is_none() && pos > 1 {
                next = steps.get(1).map(|s| LinkView { label: Some(strings.get("cycle_again")), label_lang: strings.mark("cycle_again"), ..to_link(s) });
            }
        }
    }

    let page = &site.pages[id];
    let mut position_key = "lesson_position";
    let position = match (is_step, page.is_section, page.parent) {
        (false, false, Some(parent)) if book.is_some() && matches!(site.kind_name(id), "lesson" | "phase") => {
            let in_guide = site.pages[parent].kind() == Kind::Guide;
            // The page's place among the lessons of its folder and their number (counted, not
            // listed: a module of 100 lessons is walked for each of its pages).
            let (at, total) = if in_guide {
                let phases = site.phases(parent);
                (phases.iter().position(|&c| c == id), phases.len())
            } else {
                let lessons = site.pages[parent].children.iter().copied().filter(|&c| !site.pages[c].is_section && site.effective_kind(c) != Kind::Template);
                lessons.fold((None, 0), |(at, n), c| (if c == id { at.or(Some(n)) } else { at }, n + 1))
            };
            let key = if in_guide { "step_position" } else { "lesson_position" };
            position_key = key;
            at.map(|i| strings.format(key, &[("current", &(i + 1).to_string()), ("total", &total.to_string())]))
        }
        _ => None,
    };
    Nav { breadcrumbs, top_nav, book, position, position_key, prev, next }
}

pub fn unit_view(front: &crate::model::FrontMatter) -> Option<UnitView> {
    let unit = UnitView {
        objectives: front.objectives.clone(),
        duration: front.duration.clone(),
        format: front.format.clone(),
        assessment: front.assessment.clone(),
        prerequisites: front.prerequisites.clone(),
    };
    let empty = unit.objectives.is_empty() && unit.duration.is_none() && unit.format.is_none() && unit.assessment.is_none() && unit.prerequisites.is_empty();
    (!empty).then_some(unit)
}

/// What a section holds, counted by kind, as HTML: "3 guides", "7 practices", "2 modules, 1 lesson";
/// a count a language lacks is marked with the language it is shown in.
pub fn count_by_kind(site: &LangSite, id: PageId, strings: &Strings) -> String {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for &c in &site.pages[id].children {
        let key = match site.kind_name(c) {
            "course" => "courses",
            "module" => "modules",
            "guide" => "guides",
            "phase" => "phases",
            "unit" => "units",
            "practice" => "practices",
            "template" => continue,
            "collection" | "section" => "modules",
            _ => "lessons",
        };
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    let sep = crate::escape::escape_html(&strings.get("list_separator"));
    counts.iter().map(|&(k, n)| Strings::marked_html(&strings.mark(k), &strings.count(k, n))).collect::<Vec<_>>().join(&sep)
}

/// Cards for a section's children (and extra steps such as its quiz). Inside a package
/// (`package`), none for the modules it leaves out: their pages are not in it.
pub fn child_cards(site: &LangSite, id: PageId, strings: &Strings, extra: ExtraSteps<'_>, package: Option<&super::PackageScope>) -> Vec<CardView> {
    let here = &site.pages[id].url;
    let lang = &site.lang.code;
    let held = |url: &str| package.is_none_or(|p| p.holds(url));
    let mut cards: Vec<CardView> = site.pages[id]
        .children
        .iter()
        .filter(|&&c| held(&site.pages[c].url))
        .map(|&c| {
            let p = &site.pages[c];
            let meta_html = p.is_section.then(|| count_by_kind(site, c, strings)).filter(|m| !m.is_empty());
            CardView {
                tags: super::guide::tag_keys(site, c),
                title: p.front.title.clone(),
                description: p.front.description.clone(),
                url: relative(here, &p.url),
                meta_html,
                kind: site.kind_name(c),
                key: format!("{lang}/{}", p.url),
                fallback: is_fallback(site, c),
            }
        })
        .collect();
    cards.extend(extra(id).into_iter().filter(|s| held(&s.url)).map(|s| CardView {
        tags: String::new(),
        key: format!("{lang}/{}", s.url),
        url: relative(here, &s.url),
        title: s.title,
        description: None,
        meta_html: None,
        kind: s.kind,
        fallback: s.fallback,
    }));
    cards
}

/// Links to the same page in every language; `status` tells how each language has it.
/// `url` is the page in this language; `target` the same page's path in the others (they differ
/// only for pages whose address depends on translated text, such as tag pages).
pub fn language_links(config: &Config, current: &str, url: &str, target: &str, status: &dyn Fn(&str) -> Option<crate::model::TextStatus>) -> Vec<LangLink> {
    config
        .languages
        .iter()
        .filter_map(|l| {
            let st = status(&l.code)?;
            Some(LangLink {
                code: l.code.clone(),
                name: l.name.clone(),
                url: format!("{}{}/{}", to_root(&format!("{current}/{url}")), l.code, if l.code == current { url } else { target }),
                current: l.code == current,
                dir: l.direction.as_str(),
                fallback: st == crate::model::TextStatus::Fallback,
            })
        })
        .collect()
}

/// hreflang alternates: every language that has the page in its own words, and x-default.
pub fn alternates(config: &Config, current: &str, url: &str, status: &dyn Fn(&str) -> Option<crate::model::TextStatus>) -> Vec<Alternate> {
    let href = |code: &str| match &config.base_url {
        Some(base) => format!("{base}/{code}/{url}"),
        // `to_root` of `{current}/{url}`, without making that path.
        None => {
            let ups = 1 + current.bytes().chain(url.bytes()).filter(|&b| b == b'/').count();
            let mut href = "../".repeat(ups);
            href.push_str(code);
            href.push('/');
            href.push_str(url);
            href
        }
    };
    let mut out: Vec<Alternate> = config
        .languages
        .iter()
        .filter(|l| status(&l.code).is_some_and(|s| s != crate::model::TextStatus::Fallback))
        .map(|l| Alternate { hreflang: l.code.clone(), url: href(&l.code) })
        .collect();
    if config.languages.len() > 1 {
        out.push(Alternate { hreflang: "x-default".into(), url: href(&config.default_language().code) });
    }
    out
}

/// Progress keys (`<lang>/<url>`) of every lesson and quiz in a section's reading order.
pub fn progress_keys(site: &LangSite, nav: &BookNav) -> String {
    let code = &site.lang.code;
    let mut out = String::new();
    for s in nav.steps.iter().filter(|s| s.page.is_none_or(|p| !site.pages[p].is_section)) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(code);
        out.push('/');
        out.push_str(&s.url);
    }
    out
}
