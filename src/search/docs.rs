//! What of a page goes into search: its title, headings, tags, objectives, text and the text
//! of its card (description, format, assessment, prerequisites, audience, phase outputs …), and for a
//! quiz its title only (never prompts, options or feedback: a search must not give away an
//! answer key). Drafts never reach here: the loader leaves them out.

use crate::markdown::Rendered;
use crate::model::{LangSite, PageId, TextStatus};

use super::Doc;

/// Titles of the sections around `id` (not the home page), outermost first.
fn location(lang: &LangSite, mut parent: Option<PageId>) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    while let Some(p) = parent {
        if Some(p) != lang.home {
            out.push((lang.pages[p].front.title.clone(), lang.pages[p].text == TextStatus::Fallback));
        }
        parent = lang.pages[p].parent;
    }
    out.reverse();
    out
}

/// A page of the language as a search document.
pub fn page_doc(lang: &LangSite, id: PageId, md: &Rendered) -> Doc {
    let page = &lang.pages[id];
    let front = &page.front;
    let mut headings: Vec<String> = md.headings.iter().map(|h| h.text.clone()).collect();
    headings.extend(front.objectives.iter().cloned());
    for values in front.tags.values() {
        headings.extend(values.values().into_iter().map(str::to_string));
    }
    let mut body = String::with_capacity(md.text.len() + 256);
    for part in front.description.iter().chain(std::iter::once(&md.text)).chain(front.responsible.iter()) {
        body.push_str(part);
        body.push('\n');
    }
    // What the unit card and a phase's card show: format, assessment, prerequisites, who the
    // page is for, outputs, activities and discussion questions.
    let card = [&front.format, &front.assessment, &front.audience, &front.level].into_iter().flatten();
    for part in card.chain(&front.prerequisites).chain(&front.outputs).chain(&front.activities).chain(&front.discussion) {
        body.push_str(part);
        body.push('\n');
    }
    Doc {
        url: page.url.clone(),
        title: front.title.clone(),
        headings,
        body,
        kind: lang.kind_name(id),
        location: location(lang, page.parent),
        fallback: page.text == TextStatus::Fallback,
    }
}

/// The language's quizzes as search documents: title and place only.
pub fn quiz_docs(lang: &LangSite) -> Vec<Doc> {
    let mut out = Vec::new();
    for (&section, quizzes) in &lang.quizzes_of {
        for &q in quizzes {
            let quiz = &lang.quizzes[q];
            let mut place = location(lang, Some(section));
            if Some(section) == lang.home {
                place.clear();
            }
            out.push(Doc {
                url: quiz.url.clone(),
                title: quiz.title.clone(),
                kind: "quiz",
                location: place,
                // A quiz's document is its title: in the default language when the title is.
                fallback: quiz.title_fallback(),
                ..Doc::default()
            });
        }
    }
    out.sort_by(|a, b| a.url.cmp(&b.url));
    out
}
