//! The content model: plain data, no IO, no templates, no Markdown parser.
//!
//! A [`Site`] holds one [`LangSite`] per language; each is a tree of [`Page`]s (a folder's
//! `index.md` is a section page whose children are the folder's pages and sub-folders, in
//! numeric-prefix order) plus the files copied beside them.

pub mod lang;
pub mod licence;
pub mod quiz;
pub mod url;

use std::collections::HashMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use lang::Language;

/// What a section or page is; decides its template and its place in navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A sequence of modules (or lessons) with previous/next through all of it.
    Course,
    /// A chapter of a course; its overview shows the unit card.
    Module,
    /// Any other page or folder.
    Page,
}

/// The front matter of a page, exactly the documented keys (anything else is an error).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    #[serde(default)]
    pub draft: bool,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
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
    pub by_rel: HashMap<String, PageId>,
    /// `rel` → asset.
    pub assets_by_rel: HashMap<String, usize>,
    /// The home page (`content/<lang>/index.md`), if present.
    pub home: Option<PageId>,
    pub quizzes: Vec<quiz::Quiz>,
    /// Quiz translations as read (non-default languages): merged onto the default's quizzes.
    pub quiz_texts: Vec<QuizText>,
    /// For each section page, its quizzes (indexes into `quizzes`), in file-name order.
    pub quizzes_of: HashMap<PageId, Vec<usize>>,
}

impl LangSite {
    pub fn new(lang: Language) -> Self {
        LangSite { lang, pages: Vec::new(), assets: Vec::new(), by_rel: HashMap::new(), assets_by_rel: HashMap::new(), home: None, quizzes: Vec::new(), quiz_texts: Vec::new(), quizzes_of: HashMap::new() }
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

    /// The top-level section (child of home) that contains `id`, or `id` itself if top-level.
    pub fn book_of(&self, id: PageId) -> Option<PageId> {
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
