//! The content model: plain data, no IO, no templates, no Markdown parser.
//!
//! A [`Site`] holds one [`LangSite`] per language; each is a tree of [`Page`]s (a folder's
//! `index.md` is a section page whose children are the folder's pages and sub-folders, in
//! numeric-prefix order) plus the files copied beside them.

pub mod compliance;
pub mod config;
pub mod download;
pub mod duration;
pub mod lang;
pub mod licence;
pub mod quiz;
pub mod rights;
pub mod url;

use std::path::PathBuf;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::model::config::Config;
use lang::Language;

/// What a section or page is; decides its template and its place in navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A sequence of modules (or lessons) with previous/next through all of it.
    Course,
    /// A chapter of a course; its overview shows the unit card.
    Module,
    /// Any other page or folder.
    Page,
    /// A step-by-step guide: its pages are phases drawn as a cycle.
    Guide,
    /// One phase of a guide (the default for pages inside a guide).
    Phase,
    /// A printable form or template inside a guide (listed, not a phase).
    Template,
    /// A training unit: unit card, discussion questions, printable handout.
    Unit,
    /// A repository of good practices, filtered by tags.
    Collection,
    /// One good practice (the default for pages inside a collection).
    Practice,
}

/// The front matter of a page, exactly the documented keys (anything else is an error).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub description: Option<String>,
    pub kind: Option<Kind>,
    #[serde(default)]
    pub objectives: Vec<String>,
    pub duration: Option<String>,
    pub format: Option<String>,
    pub assessment: Option<String>,
    #[serde(default)]
    pub prerequisites: Vec<String>,
    #[serde(alias = "licence")]
    pub license: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    /// Who the page is for ("Municipal staff"); a folder's applies to its pages.
    pub audience: Option<String>,
    /// The educational level ("Adult education"); a folder's applies to its pages.
    pub level: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// A guide phase: who carries it out.
    pub responsible: Option<String>,
    /// A guide phase: what it produces.
    #[serde(default)]
    pub outputs: Vec<String>,
    /// A guide phase: its activities, in short.
    #[serde(default)]
    pub activities: Vec<String>,
    /// A training unit: discussion or assessment questions.
    #[serde(default)]
    pub discussion: Vec<String>,
    /// A practice: tag group → values, e.g. `country: [Greece]`.
    #[serde(default)]
    pub tags: std::collections::BTreeMap<String, TagValues>,
}

/// One tag value or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TagValues {
    One(String),
    Many(Vec<String>),
}

impl TagValues {
    pub fn values(&self) -> Vec<&str> {
        match self {
            TagValues::One(v) => vec![v.as_str()],
            TagValues::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

pub type PageId = usize;

#[derive(Debug, Clone)]
pub struct Page {
    /// Path of the source file relative to the site root, for messages.
    pub source: PathBuf,
    /// Path relative to `content/<lang>/`, forward slashes, prefixes kept: `01-course/index.md`.
    pub rel: String,
    /// Output path relative to `dist/<lang>/`: `course/index.html`.
    pub url: String,
    /// A folder's `index.md`.
    pub is_section: bool,
    pub front: FrontMatter,
    /// Markdown after the front matter; emptied once rendered.
    pub body: String,
    /// The file line on which `body` starts.
    pub body_line: usize,
    /// Numeric prefix (None sorts last) and name, for ordering among siblings.
    pub order: (u64, String),
    pub parent: Option<PageId>,
    pub children: Vec<PageId>,
    /// Whose words the page holds in this language.
    pub text: TextStatus,
    /// The translation was marked done against a source that has changed since.
    pub outdated: bool,
    /// SHA-256 of the source file's text (what translation stamps compare).
    pub hash: String,
}

/// Whether a page or quiz in a language is the original, a translation, or the default
/// language's text shown because there is no translation yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TextStatus {
    #[default]
    Original,
    Translated,
    Fallback,
}

impl Page {
    pub fn kind(&self) -> Kind {
        self.front.kind.unwrap_or(Kind::Page)
    }
}

/// A file beside the Markdown (image, PDF, …), copied to the output.
#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    /// Relative to `content/<lang>/`, prefixes kept.
    pub rel: String,
    /// Relative to `dist/<lang>/`.
    pub url: String,
    pub size: u64,
    /// The text of a caption file (`.vtt`) or transcript (`.transcript.md`), read at load.
    pub text: Option<std::sync::Arc<SidecarText>>,
}

/// The text of a caption or transcript file, with the language folder it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarText {
    pub lang: String,
    pub text: String,
}

/// A quiz file of a translation, kept as text until it is merged onto the original.
#[derive(Debug, Clone)]
pub struct QuizText {
    pub rel: String,
    pub source: PathBuf,
    pub text: String,
}

/// One language's pages and files.
#[derive(Debug, Clone)]
pub struct LangSite {
    pub lang: Language,
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    /// `rel` → page, for link resolution.
    pub by_rel: FxHashMap<String, PageId>,
    /// `rel` → asset.
    pub assets_by_rel: FxHashMap<String, usize>,
    /// The home page (`content/<lang>/index.md`), if present.
    pub home: Option<PageId>,
    pub quizzes: Vec<quiz::Quiz>,
    /// Quiz translations as read (non-default languages): merged onto the default's quizzes.
    pub quiz_texts: Vec<QuizText>,
    /// For each section page, its quizzes (indexes into `quizzes`), in file-name order.
    pub quizzes_of: FxHashMap<PageId, Vec<usize>>,
    /// Bytes of Markdown and quiz files read for this language (a site's total is limited).
    pub text_bytes: u64,
    /// Credits of single files, by `rel` (sidecars and `credits.yaml`).
    pub credits: std::collections::BTreeMap<String, rights::Credit>,
    /// Pages left out of the build (`draft: true`), by `rel`.
    pub drafts: Vec<String>,
    /// Pages and quizzes (by `rel`) that exist but could not be read: their own errors say
    /// why, so a folder, link or translation that needs them does not call them missing too.
    pub unreadable: FxHashSet<String>,
}

impl LangSite {
    /// What a page is, as themes and scripts name it: home, course, module, lesson, section, ….
    pub fn kind_name(&self, id: PageId) -> &'static str {
        let page = &self.pages[id];
        if Some(id) == self.home {
            return "home";
        }
        match (self.effective_kind(id), page.is_section) {
            (Kind::Course, _) => "course",
            (Kind::Module, _) => "module",
            (Kind::Guide, _) => "guide",
            (Kind::Collection, _) => "collection",
            (Kind::Phase, _) => "phase",
            (Kind::Template, _) => "template",
            (Kind::Unit, _) => "unit",
            (Kind::Practice, _) => "practice",
            (Kind::Page, true) => "section",
            (Kind::Page, false) => {
                if page.parent.is_some_and(|p| self.book_of(p).is_some()) {
                    "lesson"
                } else {
                    "page"
                }
            }
        }
    }

    pub fn new(lang: Language) -> Self {
        LangSite {
            lang,
            pages: Vec::new(),
            assets: Vec::new(),
            by_rel: FxHashMap::default(),
            assets_by_rel: FxHashMap::default(),
            home: None,
            quizzes: Vec::new(),
            quiz_texts: Vec::new(),
            quizzes_of: FxHashMap::default(),
            drafts: Vec::new(),
            unreadable: FxHashSet::default(),
            text_bytes: 0,
            credits: Default::default(),
        }
    }

    /// Ancestors from the home page down to (not including) `id`.
    pub fn ancestors(&self, id: PageId) -> Vec<PageId> {
        let mut out = Vec::new();
        let mut cur = self.pages[id].parent;
        while let Some(p) = cur {
            out.push(p);
            cur = self.pages[p].parent;
        }
        out.reverse();
        out
    }

    /// The page's kind, with the defaults of its place: pages in a guide are phases, pages
    /// in a collection are practices.
    pub fn effective_kind(&self, id: PageId) -> Kind {
        let page = &self.pages[id];
        match (page.front.kind, page.parent.map(|p| self.pages[p].kind())) {
            (Some(k), _) => k,
            (None, Some(Kind::Guide)) if !page.is_section => Kind::Phase,
            (None, Some(Kind::Collection)) if !page.is_section => Kind::Practice,
            _ => Kind::Page,
        }
    }

    /// The nearest guide that holds `id` (or `id` itself if it is a guide).
    pub fn guide_of(&self, id: PageId) -> Option<PageId> {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if self.pages[c].is_section && self.pages[c].kind() == Kind::Guide {
                return Some(c);
            }
            cur = self.pages[c].parent;
        }
        None
    }

    /// The phases of a guide, in order (its pages that are not templates or sub-folders).
    pub fn phases(&self, guide: PageId) -> Vec<PageId> {
        self.pages[guide].children.iter().copied().filter(|&c| !self.pages[c].is_section && self.effective_kind(c) == Kind::Phase).collect()
    }

    /// The practices of a collection, in order (its pages that are practices).
    pub fn practices(&self, collection: PageId) -> Vec<PageId> {
        self.pages[collection].children.iter().copied().filter(|&c| self.effective_kind(c) == Kind::Practice).collect()
    }

    /// What previous/next and the contents sidebar run through: the guide that holds `id`,
    /// else the top-level section (child of home) that contains it.
    pub fn book_of(&self, id: PageId) -> Option<PageId> {
        if let Some(guide) = self.guide_of(id) {
            return Some(guide);
        }
        let mut chain = self.ancestors(id);
        chain.push(id);
        let start = usize::from(self.home.is_some() && chain.first() == self.home.as_ref());
        chain.get(start).copied().filter(|&b| self.pages[b].is_section)
    }

    /// Pages of a book in reading order: the section, then depth-first through its children.
    pub fn reading_order(&self, book: PageId) -> Vec<PageId> {
        let mut out = Vec::new();
        let mut stack = vec![book];
        while let Some(id) = stack.pop() {
            out.push(id);
            stack.extend(self.pages[id].children.iter().rev());
        }
        out
    }
}

/// The whole site as loaded: settings plus one tree per language.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub root: PathBuf,
    pub langs: Vec<LangSite>,
}
