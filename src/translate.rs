//! Translations: every language takes its structure from the default language.
//!
//! After loading, each other language is aligned onto the default's page tree: a page that
//! exists in the language is its translation, a missing one is the default's page shown as a
//! fallback (marked, so templates can say "not yet translated"). Quiz translations carry text
//! only: they are merged onto the default quiz by question id and option position, and any
//! attempt to change the answer key is an error naming the file and line.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::quiz::{Body, Quiz, ShowAnswers, Shuffle};
use crate::model::rights::Credit;
use crate::model::{LangSite, QuizText, TextStatus};
use crate::translations::Stamps;
use crate::yaml::{self, Scalar};

/// Aligns every non-default language onto the default language (the first).
pub fn align_all(root: &Path, langs: &mut [LangSite], diags: &mut Diagnostics) {
    let Some((default, others)) = langs.split_first_mut() else { return };
    for lang in others {
        let stamps = Stamps::load(root, &lang.lang.code, diags);
        align(default, lang, &stamps, diags);
    }
}

fn align(default: &LangSite, lang: &mut LangSite, stamps: &Stamps, diags: &mut Diagnostics) {
    let mut own: BTreeMap<String, crate::model::Page> = lang.pages.drain(..).map(|p| (p.rel.clone(), p)).collect();
    let mut pages = Vec::with_capacity(default.pages.len());
    for original in &default.pages {
        let page = match own.remove(&original.rel) {
            Some(mut p) => {
                p.text = TextStatus::Translated;
                p.outdated = stamps.is_outdated(&original.rel, &original.hash);
                p.parent = original.parent;
                p.children = original.children.clone();
                p.order = original.order.clone();
                p.front.kind = p.front.kind.or(original.front.kind);
                // Rights and audience are the original's unless the translation says otherwise.
                p.front.license = p.front.license.take().or_else(|| original.front.license.clone());
                if p.front.authors.is_empty() {
                    p.front.authors = original.front.authors.clone();
                }
                p.front.audience = p.front.audience.take().or_else(|| original.front.audience.clone());
                p.front.level = p.front.level.take().or_else(|| original.front.level.clone());
                p
            }
            None => {
                let mut p = original.clone();
                p.text = TextStatus::Fallback;
                p
            }
        };
        pages.push(page);
    }
    for (rel, page) in own.into_iter().filter(|(rel, _)| !default.unreadable.contains(rel)) {
        diags.push(
            Diagnostic::warning(&page.source, 1, 1, format!("this page has no original in content/{}/, so it is not built", default.lang.code))
                .with_hint(format!("the default language decides the site's structure: add content/{}/{rel} first", default.lang.code)),
        );
    }
    lang.pages = pages;
    lang.by_rel = default.by_rel.clone();
    lang.unreadable.extend(default.unreadable.iter().cloned());
    lang.home = default.home;

    for asset in &default.assets {
        if !lang.assets_by_rel.contains_key(&asset.rel) {
            lang.assets.push(asset.clone());
        }
    }
    lang.assets.sort_by(|a, b| a.rel.cmp(&b.rel));
    for (rel, credit) in &default.credits {
        let from = (default.lang.code.clone(), default.lang.direction.as_str());
        lang.credits.entry(rel.clone()).or_insert_with(|| Credit { shown_from: Some(from), ..credit.clone() });
    }
    lang.assets_by_rel = lang.assets.iter().enumerate().map(|(i, a)| (a.rel.clone(), i)).collect();

    let mut texts: HashMap<String, QuizText> = lang.quiz_texts.drain(..).map(|t| (t.rel.clone(), t)).collect();
    lang.quizzes = default
        .quizzes
        .iter()
        .map(|original| match texts.remove(&original.rel) {
            Some(t) => {
                let mut q = merge_quiz(original, &t, diags);
                q.text = TextStatus::Translated;
                q.outdated = stamps.is_outdated(&original.rel, &original.hash);
                q
            }
            None => Quiz { text: TextStatus::Fallback, ..original.clone() },
        })
        .collect();
    let mut left: Vec<QuizText> = texts.into_values().collect();
    left.sort_by(|a, b| a.rel.cmp(&b.rel));
    for t in left {
        if default.unreadable.contains(&t.rel) {
            // Its original's errors are reported at the original; the translation's own
            // mistakes (a misspelt key, broken YAML) are reported in the same run.
            read_translation(&t, diags);
            continue;
        }
        diags.push(
            Diagnostic::warning(&t.source, 1, 1, format!("this quiz has no original in content/{}/, so it is not built", default.lang.code))
                .with_hint("a quiz translation must have the same path as the original quiz"),
        );
    }
    lang.quizzes_of = default.quizzes_of.clone();
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TQuiz {
    title: Option<String>,
    description: Option<String>,
    pass_mark: Option<f64>,
    shuffle: Option<Shuffle>,
    max_attempts: Option<u32>,
    show_answers: Option<ShowAnswers>,
    #[serde(default)]
    questions: Vec<TQuestion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TQuestion {
    id: Scalar,
    #[serde(rename = "type")]
    kind: Option<String>,
    prompt: Option<String>,
    points: Option<f64>,
    explanation: Option<String>,
    partial_credit: Option<bool>,
    options: Option<Vec<TOption>>,
    answer: Option<bool>,
    feedback_true: Option<String>,
    feedback_false: Option<String>,
    answers: Option<Vec<Scalar>>,
    case_sensitive: Option<bool>,
    pairs: Option<Vec<TPair>>,
    items: Option<Vec<Scalar>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TOption {
    text: Option<Scalar>,
    correct: Option<bool>,
    feedback: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TPair {
    left: Option<Scalar>,
    right: Option<Scalar>,
}

/// A quiz translation's YAML read into its shape; its mistakes (with line and column) go into
/// `diags`.
fn read_translation(t: &QuizText, diags: &mut Diagnostics) -> Option<TQuiz> {
    let text = t.text.strip_prefix('\u{feff}').unwrap_or(&t.text);
    match yaml::parse_all(text, 1) {
        Ok(r) => Some(r),
        Err(errors) => {
            for e in errors {
                diags.push(
                    Diagnostic::error(&t.source, e.line, e.col, e.message)
                        .with_hint(e.hint.unwrap_or_else(|| "a quiz translation has the original's shape, with translated texts".into())),
                );
            }
            None
        }
    }
}

/// The default quiz with the translation's texts; problems are errors in the translation file.
/// Pure apart from the diagnostics it pushes.
pub fn merge_quiz(original: &Quiz, t: &QuizText, diags: &mut Diagnostics) -> Quiz {
    let mut quiz = original.clone();
    quiz.source = t.source.clone();
    // Every text is the original's until the translation gives it.
    quiz.title_untranslated = true;
    for q in &mut quiz.questions {
        q.untranslated = crate::model::quiz::Untranslated::all(&q.body);
    }
    let text = t.text.strip_prefix('\u{feff}').unwrap_or(&t.text);
    let Some(raw) = read_translation(t, diags) else { return quiz };
    let shown = &t.source;
    let orig_path = original.source.display().to_string();
    let key_error = |diags: &mut Diagnostics, at: (usize, usize), what: &str| {
        diags.push(
            Diagnostic::error(shown, at.0, at.1, format!("a translation cannot change {what}"))
                .with_hint(format!("the answer key lives in {orig_path}: copy the value from there or remove the line")),
        );
    };
    let top = |key: &str| yaml::find_key_line(text, key, None, 1).unwrap_or((1, 1));
    if raw.pass_mark.is_some_and(|p| (p - original.pass_mark).abs() > f64::EPSILON) {
        key_error(diags, top("pass_mark"), "the pass mark");
    }
    if raw.shuffle.is_some_and(|s| s != original.shuffle) {
        key_error(diags, top("shuffle"), "`shuffle`");
    }
    if raw.max_attempts.is_some_and(|m| m != original.max_attempts) {
        key_error(diags, top("max_attempts"), "`max_attempts`");
    }
    if raw.show_answers.is_some_and(|s| s != original.show_answers) {
        key_error(diags, top("show_answers"), "`show_answers`");
    }
    if let Some(title) = raw.title.filter(|s| !s.trim().is_empty()) {
        quiz.title = title;
        quiz.title_untranslated = false;
    }
    if raw.description.is_some() {
        quiz.description = raw.description;
    }
    let index: HashMap<&str, usize> = original.questions.iter().enumerate().map(|(i, q)| (q.id.as_str(), i)).collect();
    let mut seen = HashSet::new();
    let mut from = 1;
    for tq in raw.questions {
        let id = tq.id.0.clone();
        let at = yaml::find_key_line(text, "id", Some(&id), from).unwrap_or_else(|| top("questions"));
        from = at.0 + 1;
        let key_at = |key: &str| yaml::find_key_line(text, key, None, at.0).unwrap_or(at);
        let Some(&qi) = index.get(id.as_str()) else {
            let ids: Vec<&str> = index.keys().copied().collect();
            let hint = match crate::diagnostics::suggest(&id, &ids) {
                Some(best) => format!("did you mean `{best}`? Translations match questions by id"),
                None => format!("the original quiz {orig_path} has no question `{id}`; translations match questions by id"),
            };
            diags.push(Diagnostic::error(shown, at.0, at.1, format!("question `{id}` is not in the original quiz")).with_hint(hint));
            continue;
        };
        if !seen.insert(id.clone()) {
            diags.push(Diagnostic::error(shown, at.0, at.1, format!("question `{id}` is translated twice")).with_hint("keep one copy of each question"));
            continue;
        }
        apply_question(&mut quiz.questions[qi], tq, shown, &key_at, &key_error, diags);
    }
    quiz
}

type KeyError<'a> = dyn Fn(&mut Diagnostics, (usize, usize), &str) + 'a;

fn apply_question(
    q: &mut crate::model::quiz::Question,
    tq: TQuestion,
    shown: &Path,
    key_at: &dyn Fn(&str) -> (usize, usize),
    key_error: &KeyError<'_>,
    diags: &mut Diagnostics,
) {
    let id = q.id.clone();
    if tq.kind.as_deref().is_some_and(|k| k != q.body.type_name()) {
        key_error(diags, key_at("type"), &format!("the type of question `{id}`"));
    }
    if tq.points.is_some_and(|p| (p - q.points).abs() > f64::EPSILON) {
        key_error(diags, key_at("points"), &format!("the points of question `{id}`"));
    }
    let u = &mut q.untranslated;
    if let Some(p) = tq.prompt.filter(|p| !p.trim().is_empty()) {
        q.prompt = p;
        u.prompt = false;
    }
    if tq.explanation.is_some() {
        q.explanation = tq.explanation;
        u.explanation = false;
    }
    match &mut q.body {
        Body::Single { options } | Body::Multiple { options, .. } => {
            if let Some(topts) = tq.options {
                if topts.len() != options.len() {
                    let at = key_at("options");
                    push_count(diags, shown, at, &id, "options", options.len(), topts.len());
                } else {
                    for ((o, to), done) in options.iter_mut().zip(topts).zip(u.parts.iter_mut()) {
                        if to.correct.is_some_and(|c| c != o.correct) {
                            key_error(diags, key_at("options"), &format!("which options of question `{id}` are correct"));
                        }
                        if let Some(text) = to.text.filter(|t| !t.0.trim().is_empty()) {
                            o.text = text.0;
                            done[0] = false;
                        }
                        if to.feedback.is_some() {
                            o.feedback = to.feedback;
                            done[1] = false;
                        }
                    }
                }
            }
            if let (Body::Multiple { partial_credit, .. }, Some(p)) = (&q.body, tq.partial_credit) {
                if *partial_credit != p {
                    key_error(diags, key_at("partial_credit"), &format!("`partial_credit` of question `{id}`"));
                }
            }
        }
        Body::TrueFalse { answer, feedback_true, feedback_false } => {
            if tq.answer.is_some_and(|a| a != *answer) {
                key_error(diags, key_at("answer"), &format!("the answer of question `{id}`"));
            }
            if tq.feedback_true.is_some() {
                *feedback_true = tq.feedback_true;
                u.feedback[0] = false;
            }
            if tq.feedback_false.is_some() {
                *feedback_false = tq.feedback_false;
                u.feedback[1] = false;
            }
        }
        Body::FillIn { answers, case_sensitive } => {
            if tq.case_sensitive.is_some_and(|c| c != *case_sensitive) {
                key_error(diags, key_at("case_sensitive"), &format!("`case_sensitive` of question `{id}`"));
            }
            if let Some(list) = tq.answers {
                let list: Vec<String> = list.into_iter().map(|s| s.0).filter(|s| !s.trim().is_empty()).collect();
                if !list.is_empty() {
                    *answers = list;
                    u.answers = false;
                }
            }
        }
        Body::Matching { pairs, partial_credit } => {
            if tq.partial_credit.is_some_and(|p| p != *partial_credit) {
                key_error(diags, key_at("partial_credit"), &format!("`partial_credit` of question `{id}`"));
            }
            if let Some(tpairs) = tq.pairs {
                if tpairs.len() != pairs.len() {
                    push_count(diags, shown, key_at("pairs"), &id, "pairs", pairs.len(), tpairs.len());
                } else {
                    for ((p, tp), done) in pairs.iter_mut().zip(tpairs).zip(u.parts.iter_mut()) {
                        if let Some(l) = tp.left.filter(|l| !l.0.trim().is_empty()) {
                            p.0 = l.0;
                            done[0] = false;
                        }
                        if let Some(r) = tp.right.filter(|r| !r.0.trim().is_empty()) {
                            p.1 = r.0;
                            done[1] = false;
                        }
                    }
                }
            }
        }
        Body::Ordering { items, partial_credit } => {
            if tq.partial_credit.is_some_and(|p| p != *partial_credit) {
                key_error(diags, key_at("partial_credit"), &format!("`partial_credit` of question `{id}`"));
            }
            if let Some(titems) = tq.items {
                if titems.len() != items.len() {
                    push_count(diags, shown, key_at("items"), &id, "items", items.len(), titems.len());
                } else {
                    for ((i, ti), done) in items.iter_mut().zip(titems).zip(u.parts.iter_mut()) {
                        if !ti.0.trim().is_empty() {
                            *i = ti.0;
                            done[0] = false;
                        }
                    }
                }
            }
        }
    }
}

fn push_count(diags: &mut Diagnostics, shown: &Path, at: (usize, usize), id: &str, what: &str, want: usize, got: usize) {
    diags.push(
        Diagnostic::error(shown, at.0, at.1, format!("question `{id}` has {got} {what} here but {want} in the original"))
            .with_hint(format!("translate each of the original's {want} {what}, in the same order: translations match them by position")),
    );
}

#[cfg(test)]
mod tests;
