//! A file offered on a language's Downloads page (a SCORM package or a question bank): made by
//! `package`, listed by `render`, so it lives below both.

use serde::Serialize;

/// One downloadable package, as the Downloads page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    pub title: String,
    /// "module", "course" or "quiz".
    pub kind: &'static str,
    /// The format: "SCORM 1.2", "Moodle XML", …
    pub version: &'static str,
    pub lang: String,
    /// Output path relative to `dist/<lang>/`.
    pub url: String,
    pub size: u64,
    pub sha256: String,
    /// A course package that holds only the modules translated so far: (in it, in the course).
    pub partial: Option<(usize, usize)>,
    /// The language and direction of `title` when it is another language's than the page's:
    /// a quiz translation without a `title:` of its own is named by the original's.
    pub title_lang: Option<(String, &'static str)>,
}
