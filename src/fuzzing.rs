//! Entry points for the fuzz targets in `fuzz/` (and their regression tests): each takes raw
//! bytes as a file would hold them and runs one input kind through the same pure functions the
//! pipeline uses, without touching the disk. A panic, a hang or unbounded memory here is a bug.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, LineIndex};
use crate::files::decode;
use crate::i18n::{self, Strings};
use crate::links::PageLinks;
use crate::load::parse_page;
use crate::load::quiz::parse_quiz;
use crate::markdown::{self, Labels};
use crate::model::config::Config;
use crate::model::lang::Language;
use crate::model::{Asset, LangSite, QuizText};
use crate::translate::merge_quiz;

/// Separates two files in one fuzz input (a quiz and its translation; site.yaml and i18n).
pub const SEPARATOR: &str = "\n=====\n";

fn text(data: &[u8]) -> Option<String> {
    decode(data.to_vec()).ok()
}

/// A lesson: front matter, Markdown (raw HTML included), link and anchor resolution against a
/// small fixed site, and every problem's offset turned into a line and column.
pub fn page(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let mut diags = Diagnostics::new();
    let rel = "01-course/02-lesson.md";
    let Some(page) = parse_page(&text, rel, PathBuf::from("content/en").join(rel), &mut diags) else { return };
    let Ok(lang) = Language::new("en", None, None) else { return };
    let mut site = LangSite::new(lang);
    for (i, other) in ["index.md", "01-course/index.md", "01-course/03-other page.md"].iter().enumerate() {
        let mut p = page.clone();
        p.rel = (*other).to_string();
        p.url = crate::model::url::output_path(other);
        site.by_rel.insert(p.rel.clone(), i);
        site.pages.push(p);
    }
    site.by_rel.insert(page.rel.clone(), site.pages.len());
    site.pages.push(page);
    let rel = "01-course/img/photo é.png";
    site.assets_by_rel.insert(rel.to_string(), 0);
    site.assets.push(Asset { source: PathBuf::from(rel), rel: rel.to_string(), url: crate::model::url::output_path(rel), size: 1, text: None });
    let page = &site.pages[site.pages.len() - 1];
    let extra = |rel: &str| (rel == "01-course/quiz.yaml").then(|| "course/quiz.html".to_string());
    let links = PageLinks { site: &site, page, extra: &extra };
    let labels = Labels { checklist: data.len().is_multiple_of(2), ..Labels::default() };
    let rendered = markdown::render(&page.body, &links, &labels);
    let index = LineIndex::new(&page.body);
    for p in &rendered.problems {
        let _ = index.line_col(p.offset);
    }
    for a in &rendered.anchors {
        let _ = index.line_col(a.offset);
    }
}

/// A quiz and, after [`SEPARATOR`], its translation: parse, validate, merge.
pub fn quiz(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (original, translation) = text.split_once(SEPARATOR).unwrap_or((&text, ""));
    let mut diags = Diagnostics::new();
    let Some(quiz) = parse_quiz(original, "01-course/quiz.yaml", PathBuf::from("content/en/01-course/quiz.yaml"), &mut diags) else { return };
    if !translation.is_empty() {
        let t = QuizText { rel: "01-course/quiz.yaml".into(), source: PathBuf::from("content/de/01-course/quiz.yaml"), text: translation.to_string() };
        let _ = merge_quiz(&quiz, &t, &mut diags);
    }
}

/// site.yaml and, after [`SEPARATOR`], an i18n file: parse both, then look strings up.
pub fn site(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let (yaml, strings) = text.split_once(SEPARATOR).unwrap_or((&text, ""));
    let mut diags = Diagnostics::new();
    let config = Config::parse(yaml, Path::new("site.yaml"), &mut diags);
    let table = i18n::parse_table(strings, Path::new("i18n/de.yaml"), &mut diags);
    let code = config.as_ref().map_or("de".to_string(), |c| c.default_language().code.clone());
    let s = Strings::new(&code, table, i18n::Table::new(), "en");
    for key in ["anchor_link", "minutes", "questions", "nonexistent"] {
        let _ = s.get(key);
        let _ = s.count(key, 0);
        let _ = s.count(key, 3);
        let _ = s.format(key, &[("n", "2")]);
    }
    let _ = s.missing_keys();
}
