//! The learner's journey, the build's side: each language's courses (modules, lessons,
//! quizzes), points, levels, badges and the strings the browser needs, as the script
//! `<lang>/journey-data.js` that `static/journey.js` reads (a file, so the strict CSP holds and
//! it loads from file:// too). The pages that show it are in `journey_pages`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::views::ExtraSteps;
use super::LangContext;
use crate::model::config::journey::{Journey, LocalText, Need, BUILTIN_BADGES};
use crate::model::{Kind, PageId};

/// The version of the data the browser reads (and of exported progress files).
pub const DATA_VERSION: u32 = 1;

/// One module of a course as the browser sees it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ModuleData {
    pub key: String,
    pub title: String,
    /// The title is the default language's (not translated yet).
    pub fallback: bool,
    /// Relative to `<lang>/`.
    pub url: String,
    pub lessons: Vec<String>,
    pub quizzes: Vec<QuizData>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuizData {
    pub key: String,
    pub title: String,
    pub pass: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CourseData {
    pub key: String,
    pub title: String,
    /// The title is the default language's (not translated yet).
    pub fallback: bool,
    pub url: String,
    /// The course's `duration`, as written.
    pub duration: Option<String>,
    pub modules: Vec<ModuleData>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BadgeData {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The name is the default language's (not translated).
    pub name_fallback: bool,
    /// The description is the default language's (not translated).
    pub description_fallback: bool,
    pub rule: BTreeMap<String, Need>,
    /// Relative to `<lang>/`.
    pub image: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelData {
    pub min: u32,
    pub name: String,
}

/// Everything `journey.js` needs about this language of the site.
#[derive(Debug, Clone, Serialize)]
pub struct JourneyData {
    pub v: u32,
    pub lang: String,
    /// The storage scope of the site (the same as `body[data-scope]`).
    pub scope: String,
    pub site: String,
    pub points: crate::model::config::journey::Points,
    pub levels: Vec<LevelData>,
    pub courses: Vec<CourseData>,
    /// Keys of the guides' pages that have checklists.
    pub checklists: Vec<String>,
    pub badges: Vec<BadgeData>,
    /// Interface strings (CLDR plural forms; `other` alone for plain ones).
    pub t: BTreeMap<String, BTreeMap<String, String>>,
    /// `code dir` of the strings of `t` (and the built-in badges' `badge_<id>`) that are another
    /// language's: journey-ui.js marks what it writes from them. Left out when there are none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tl: BTreeMap<String, String>,
    /// `code dir` of the default language, when a badge's name is left in it (`name_fallback`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub fallback: String,
}

/// Interface strings the browser uses (besides `level_N` and `badge_*`).
pub const JS_KEYS: &[&str] = &[
    "points",
    "journey_level",
    "journey_next",
    "journey_top",
    "journey_earned",
    "journey_level_up",
    "journey_badge_new",
    "badge_earned_on",
    "badge_earned",
    "badge_not_yet",
    "need_points",
    "need_lessons",
    "need_quizzes",
    "need_perfect",
    "need_first_try",
    "need_modules",
    "need_courses",
    "need_checklists",
    "progress_passed",
    "percent",
    "progress_not_passed",
    "progress_not_taken",
    "progress_no_quiz",
    "progress_lessons_of",
    "progress_never",
    "progress_chart_item",
    "progress_chart_label",
    "progress_header_points",
    "certificate_ready",
    "certificate_locked",
    "certificate_open",
    "certificate_name_missing",
    "import_done",
    "import_nothing",
    "import_other_site",
    "import_bad",
    "export_done",
    "reset_all_done",
    "csv_course",
    "csv_module",
    "csv_item",
    "csv_kind",
    "csv_lesson",
    "csv_quiz",
    "csv_state",
    "csv_score",
    "csv_attempts",
    "csv_date",
    "progress_read",
];

/// The file name under `badges/` of a badge's image.
pub fn badge_file(id: &str) -> String {
    format!("badges/{id}.svg")
}

/// The courses of a language: top-level sections (not guides) with lessons or quizzes,
/// each split into modules (the sections that hold its lessons and quizzes, in reading order).
pub fn courses(cx: &LangContext<'_>, extra: ExtraSteps<'_>) -> Vec<CourseData> {
    let lang = cx.lang;
    let code = &lang.lang.code;
    let key = |url: &str| format!("{code}/{url}");
    let mut quiz_section: BTreeMap<&str, PageId> = BTreeMap::new();
    for (&section, qs) in &lang.quizzes_of {
        for &q in qs {
            quiz_section.insert(lang.quizzes[q].url.as_str(), section);
        }
    }
    let books: Vec<PageId> = (0..lang.pages.len())
        .filter(|&id| {
            let p = &lang.pages[id];
            p.is_section && Some(id) != lang.home && (p.parent.is_none() || p.parent == lang.home) && lang.effective_kind(id) != Kind::Guide
        })
        .collect();
    let mut out = Vec::new();
    for book in books {
        let nav = cx.book_nav(book, extra);
        let mut modules: Vec<(PageId, ModuleData)> = Vec::new();
        for step in &nav.steps {
            let (section, lesson) = match (step.kind, step.page) {
                ("lesson", Some(p)) => match lang.pages[p].parent {
                    Some(parent) => (parent, true),
                    None => continue,
                },
                ("quiz", _) => match quiz_section.get(step.url.as_str()) {
                    Some(&s) => (s, false),
                    None => continue,
                },
                _ => continue,
            };
            let index = match modules.iter().position(|(s, _)| *s == section) {
                Some(i) => i,
                None => {
                    let page = &lang.pages[section];
                    modules.push((
                        section,
                        ModuleData {
                            key: key(&page.url),
                            title: page.front.title.clone(),
                            fallback: is_fallback(page),
                            url: page.url.clone(),
                            lessons: Vec::new(),
                            quizzes: Vec::new(),
                        },
                    ));
                    modules.len() - 1
                }
            };
            let m = &mut modules[index].1;
            if lesson {
                m.lessons.push(key(&step.url));
            } else if let Some(q) = lang.quizzes.iter().find(|q| q.url == step.url) {
                m.quizzes.push(QuizData { key: key(&q.url), title: q.title.clone(), pass: q.pass_mark });
            }
        }
        if modules.is_empty() {
            continue;
        }
        let page = &lang.pages[book];
        out.push(CourseData {
            key: key(&page.url),
            title: page.front.title.clone(),
            fallback: is_fallback(page),
            url: page.url.clone(),
            duration: page.front.duration.clone(),
            modules: modules.into_iter().map(|(_, m)| m).collect(),
        });
    }
    out
}

fn is_fallback(page: &crate::model::Page) -> bool {
    page.text == crate::model::TextStatus::Fallback
}

/// The badges of the site in this language: the built-in ones, then the site's own.
pub fn badges(cx: &LangContext<'_>, journey: &Journey) -> Vec<BadgeData> {
    let t = cx.strings;
    let default = &cx.site.config.default_language().code;
    let code = &cx.lang.lang.code;
    let builtin_rule = |id: &str| -> BTreeMap<String, Need> {
        let (fact, need) = match id {
            "module" => ("modules", Need::AtLeast(1)),
            "perfect" => ("perfect", Need::AtLeast(1)),
            "course" => ("courses", Need::AtLeast(1)),
            _ => ("checklists", Need::All),
        };
        BTreeMap::from([(fact.to_string(), need)])
    };
    let mut out: Vec<BadgeData> = BUILTIN_BADGES
        .iter()
        .map(|id| BadgeData {
            id: (*id).to_string(),
            name: t.get(&format!("badge_{id}")),
            description: t.get(&format!("badge_{id}_description")),
            name_fallback: false,
            description_fallback: false,
            rule: builtin_rule(id),
            image: format!("../{}", badge_file(id)),
        })
        .collect();
    for b in &journey.badges {
        let (name, f1) = b.name.get(code, default);
        let (description, f2) = b.description.get(code, default);
        out.push(BadgeData {
            id: b.id.clone(),
            name,
            description,
            name_fallback: f1,
            description_fallback: f2,
            rule: b.rule.clone(),
            image: format!("../{}", badge_file(&b.id)),
        });
    }
    out
}

/// The keys of guide pages with checklists (`has_checklist` of their rendered Markdown).
pub fn checklist_keys(cx: &LangContext<'_>, has_checklist: &dyn Fn(PageId) -> bool) -> Vec<String> {
    let lang = cx.lang;
    (0..lang.pages.len())
        .filter(|&id| lang.guide_of(id).is_some() && lang.effective_kind(id) != Kind::Template && has_checklist(id))
        .map(|id| format!("{}/{}", lang.lang.code, lang.pages[id].url))
        .collect()
}

/// The journey data of one language.
pub fn data(cx: &LangContext<'_>, extra: ExtraSteps<'_>, has_checklist: &dyn Fn(PageId) -> bool) -> JourneyData {
    let config = &cx.site.config;
    let journey = &config.journey;
    let t = cx.strings;
    let mut strings: BTreeMap<String, BTreeMap<String, String>> = JS_KEYS.iter().map(|k| ((*k).to_string(), t.forms(k))).collect();
    for level in 1..=journey.levels.len() {
        let k = format!("level_{level}");
        strings.insert(k.clone(), t.forms(&k));
    }
    let badge_keys = BUILTIN_BADGES.iter().map(|id| format!("badge_{id}"));
    let tl = strings.keys().cloned().chain(badge_keys).filter_map(|k| Some(t.script_mark(&k)).filter(|m| !m.is_empty()).map(|m| (k, m))).collect();
    let badges = badges(cx, journey);
    let default = config.default_language();
    let fallback = if badges.iter().any(|b| b.name_fallback) { format!("{} {}", default.code, default.direction.as_str()) } else { String::new() };
    JourneyData {
        v: DATA_VERSION,
        lang: cx.lang.lang.code.clone(),
        scope: super::progress_scope(config),
        site: cx.texts.title.text.clone(),
        points: journey.points,
        levels: journey.levels.iter().enumerate().map(|(i, &min)| LevelData { min, name: t.get(&format!("level_{}", i + 1)) }).collect(),
        courses: courses(cx, extra),
        checklists: checklist_keys(cx, has_checklist),
        badges,
        t: strings,
        tl,
        fallback,
    }
}

/// `<lang>/journey-data.js`: the data as a script that sets `self.kyklosJourney`.
pub fn data_script(data: &JourneyData) -> String {
    // serde_json escapes nothing HTML-ish, but this is a script file, never inlined in a page;
    // `<` is escaped anyway so the text is safe wherever it is shown.
    let json =
        serde_json::to_string(data).unwrap_or_else(|_| "null".into()).replace('<', "\\u003c").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029");
    format!("/* Generated by kyklos: this language's courses, points, levels and badges, for static/journey.js. */\nself.kyklosJourney = {json};\n")
}

/// A resolved local text for one language (text, is it the default language's).
pub fn local(text: &Option<LocalText>, cx: &LangContext<'_>) -> Option<(String, bool)> {
    let default = &cx.site.config.default_language().code;
    text.as_ref().map(|t| t.get(&cx.lang.lang.code, default))
}
