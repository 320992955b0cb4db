//! Quiz files (`quiz.yaml`, `*.quiz.yaml`) → validated [`Quiz`] values.
//!
//! Parsing is strict (unknown keys are errors with a suggestion); validation then checks what
//! serde cannot: a correct option where one is needed, unique ids, keys that belong to the
//! question's type, a pass mark in 0–100, matching pairs with both sides, a non-empty quiz.
//! Every problem names the file, line and column; all problems of a file are reported.

use std::collections::HashSet;
use std::path::PathBuf;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::quiz::{quiz_output_path, Body, Choice, Question, Quiz, ShowAnswers, Shuffle};
use crate::yaml::{Doc, Node, Scalar, YamlError};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "keys with values: title, questions and the quiz's settings")]
struct RawQuiz {
    title: String,
    description: Option<String>,
    pass_mark: Option<f64>,
    #[serde(default)]
    shuffle: Shuffle,
    #[serde(default)]
    max_attempts: u32,
    #[serde(default)]
    show_answers: ShowAnswers,
    /// Only counted here: each question is read on its own (see [`parse_quiz`]).
    questions: Option<Vec<serde::de::IgnoredAny>>,
}

/// The most points one question may give: a quiz's score is a percentage, points only weigh
/// questions against each other (and sums of huge numbers overflow in the browser).
pub const MAX_POINTS: f64 = 1000.0;

/// The most pairs of a matching question, or items of an ordering question: each is shown
/// with a choice among all the others, so the page grows with the square of their number
/// (3,000 pairs took 1.3 GB to check).
const MAX_PAIRS_OR_ITEMS: usize = 50;
const HINT_TOO_MANY: &str =
    "split it into several questions: each one offers a choice among all the others, so a long list cannot be answered (nor shown) well";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum QType {
    Single,
    Multiple,
    TrueFalse,
    FillIn,
    Matching,
    Ordering,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a question: keys with values such as id, type, prompt")]
struct RawQuestion {
    id: Scalar,
    #[serde(rename = "type")]
    kind: QType,
    prompt: String,
    points: Option<f64>,
    explanation: Option<String>,
    partial_credit: Option<bool>,
    options: Option<Vec<RawOption>>,
    answer: Option<bool>,
    feedback_true: Option<String>,
    feedback_false: Option<String>,
    answers: Option<Vec<Scalar>>,
    case_sensitive: Option<bool>,
    pairs: Option<Vec<RawPair>>,
    items: Option<Vec<Scalar>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "an option: keys with values text, correct, feedback")]
struct RawOption {
    text: Scalar,
    #[serde(default)]
    correct: bool,
    feedback: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a pair: keys with values left, right")]
struct RawPair {
    left: Option<Scalar>,
    right: Option<Scalar>,
}

/// Is this content file a quiz?
pub fn is_quiz_file(rel: &str) -> bool {
    quiz_output_path(rel).is_some()
}

/// Pure: a quiz file's text → a validated quiz, or diagnostics (all of them) naming `shown`.
/// The quiz's own keys are read first, then each question on its own: a problem in one
/// question hides nothing of the others. Questions with a wrong key or value are not checked
/// further (what is missing from them now is what the author wrote wrongly); the others and
/// the quiz as a whole are.
pub fn parse_quiz(text: &str, rel: &str, shown: PathBuf, diags: &mut Diagnostics) -> Option<Quiz> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let before = diags.error_count();
    super::bidi::check(text, 1, |_| true, &shown, diags);
    let report = |diags: &mut Diagnostics, e: &YamlError| {
        let hint = e.hint.clone().unwrap_or_else(|| "see the quiz schema in the README".into());
        diags.push(Diagnostic::error(&shown, e.line, e.col, e.message.clone()).with_hint(hint));
    };
    let doc = match Doc::parse(text, 1) {
        Ok(doc) => doc,
        Err(errors) => {
            errors.iter().for_each(|e| report(diags, e));
            return None;
        }
    };
    doc.problems().iter().for_each(|e| report(diags, e));
    let top = doc.read::<RawQuiz>(doc.root(), "");
    top.errors.iter().for_each(|e| report(diags, e));
    let raw = top.value.as_ref()?;
    let err = |diags: &mut Diagnostics, (line, col): (usize, usize), msg: String, hint: &str| {
        diags.push(Diagnostic::error(&shown, line, col, msg).with_hint(hint));
    };
    let root = doc.root();

    let pass_mark = raw.pass_mark.unwrap_or(70.0);
    if !(0.0..=100.0).contains(&pass_mark) && !top.reported("pass_mark") {
        err(diags, root.key_at("pass_mark"), format!("the pass mark {} is outside 0–100", number(pass_mark)), "give a percentage, e.g. `pass_mark: 70`");
    }
    if raw.questions.as_ref().is_none_or(Vec::is_empty) && !top.reported("questions") {
        err(diags, root.key_at("questions"), "this quiz has no questions".into(), "add at least one question under `questions:`");
    }
    if raw.title.trim().is_empty() && !top.reported("title") {
        err(diags, root.key_at("title"), "the quiz title is empty".into(), "give the quiz a title");
    }

    let items = root.get("questions").filter(|_| !top.reported("questions")).map_or(&[][..], Node::items);
    let mut seen = HashSet::new();
    let mut questions = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let read = doc.read::<RawQuestion>(item, &format!("questions[{i}]"));
        let kind = item.get("type").and_then(Node::scalar);
        read.errors.iter().for_each(|e| report(diags, &answer_of_a_choice(e, i, kind)));
        // The id as written, also of a question that could not be read.
        let id = match &read.value {
            Some(q) => Some(q.id.0.clone()),
            None => item.get("id").and_then(Node::scalar).map(str::to_string),
        };
        let at = item.key_at("id");
        if let Some(id) = id.as_ref().filter(|_| !read.reported("id")) {
            if !seen.insert(id.clone()) {
                err(
                    diags,
                    at,
                    format!("the question id `{id}` is used twice"),
                    "give every question its own id (q1, q2, …); translations match questions by id",
                );
            }
            if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
                err(diags, at, format!("`{id}` is not a usable question id"), "use letters, digits, - and _ only, e.g. `q1`");
            }
        }
        if !read.is_clean() || doc.has_problem_in(item) {
            continue;
        }
        let (Some(raw_q), Some(id)) = (read.value, id) else { continue };
        if let Some(q) = question(raw_q, id, &|key| item.key_at(key), diags, &shown) {
            questions.push(q);
        }
    }
    if diags.error_count() > before {
        return None;
    }
    let raw = top.value?;
    Some(Quiz {
        source: shown,
        rel: rel.to_string(),
        url: quiz_output_path(rel)?,
        title: raw.title,
        description: raw.description,
        pass_mark,
        shuffle: raw.shuffle,
        max_attempts: raw.max_attempts,
        show_answers: raw.show_answers,
        questions,
        text: crate::model::TextStatus::Original,
        title_untranslated: false,
        outdated: false,
        hash: crate::files::sha256_hex(text),
    })
}

/// A number as an author would write it: `1e307`, not 309 digits.
fn number(n: f64) -> String {
    if n.is_finite() && n.abs() >= 1e6 {
        format!("{n:e}")
    } else {
        n.to_string()
    }
}

/// `answer: 2` in a single or multiple question (the right option by its number, as other
/// quiz tools write it) is told as such, not as a value that should be true or false.
fn answer_of_a_choice(e: &YamlError, i: usize, kind: Option<&str>) -> YamlError {
    match kind.filter(|k| matches!(*k, "single" | "multiple")) {
        Some(k) if e.message.starts_with(&format!("questions[{i}].answer:")) => YamlError {
            message: format!("questions[{i}].answer: `answer` does not apply to a {k} question"),
            hint: Some("mark each right option with `correct: true` under `options:` (`answer:` is for true_false questions)".into()),
            ..e.clone()
        },
        _ => e.clone(),
    }
}

/// Validates one question against its type; `key_at` finds a key's position in this question.
fn question(raw: RawQuestion, id: String, key_at: &dyn Fn(&str) -> (usize, usize), diags: &mut Diagnostics, shown: &PathBuf) -> Option<Question> {
    let before = diags.error_count();
    let mut err = |key: &str, msg: String, hint: &str| {
        let (l, c) = key_at(key);
        diags.push(Diagnostic::error(shown, l, c, msg).with_hint(hint));
    };
    let type_name = match raw.kind {
        QType::Single => "single",
        QType::Multiple => "multiple",
        QType::TrueFalse => "true_false",
        QType::FillIn => "fill_in",
        QType::Matching => "matching",
        QType::Ordering => "ordering",
    };
    // Keys that belong to other types are mistakes, not silently ignored settings.
    let allowed: &[&str] = match raw.kind {
        QType::Single => &["options"],
        QType::Multiple => &["options", "partial_credit"],
        QType::TrueFalse => &["answer", "feedback_true", "feedback_false"],
        QType::FillIn => &["answers", "case_sensitive"],
        QType::Matching => &["pairs", "partial_credit"],
        QType::Ordering => &["items", "partial_credit"],
    };
    let present = [
        ("options", raw.options.is_some()),
        ("partial_credit", raw.partial_credit.is_some()),
        ("answer", raw.answer.is_some()),
        ("feedback_true", raw.feedback_true.is_some()),
        ("feedback_false", raw.feedback_false.is_some()),
        ("answers", raw.answers.is_some()),
        ("case_sensitive", raw.case_sensitive.is_some()),
        ("pairs", raw.pairs.is_some()),
        ("items", raw.items.is_some()),
    ];
    for (key, is_present) in present {
        if is_present && !allowed.contains(&key) {
            err(key, format!("`{key}` does not apply to a {type_name} question"), &format!("a {type_name} question uses: {}", allowed.join(", ")));
        }
    }
    if raw.prompt.trim().is_empty() {
        err("prompt", format!("question `{id}` has an empty prompt"), "write the question in `prompt:`");
    }
    let points = raw.points.unwrap_or(1.0);
    if !(points > 0.0 && points <= MAX_POINTS) {
        let why = if points > MAX_POINTS { format!(", more than the {MAX_POINTS} a question may give") } else { String::new() };
        err(
            "points",
            format!("question `{id}` has {} points{why}", number(points)),
            "give a number above 0 and at most 1000 (default 1): points weigh the questions of a quiz against each other",
        );
    }
    let partial_credit = raw.partial_credit.unwrap_or(false);
    let choices =
        |options: Vec<RawOption>| -> Vec<Choice> { options.into_iter().map(|o| Choice { text: o.text.0, correct: o.correct, feedback: o.feedback }).collect() };
    let body = match raw.kind {
        QType::Single | QType::Multiple => {
            let options = choices(raw.options.unwrap_or_default());
            let correct = options.iter().filter(|o| o.correct).count();
            if options.len() < 2 {
                err("options", format!("question `{id}` needs at least two options"), "list the options under `options:`, each with `text:`");
            } else if correct == 0 {
                err("options", format!("question `{id}` has no correct option"), "mark the right option(s) with `correct: true`");
            } else if raw.kind == QType::Single && correct > 1 {
                err("options", format!("question `{id}` is `single` but has {correct} correct options"), "use `type: multiple`, or keep one `correct: true`");
            }
            if options.iter().any(|o| o.text.trim().is_empty()) {
                err("options", format!("question `{id}` has an option without text"), "give every option a `text:`");
            }
            if raw.kind == QType::Single {
                Body::Single { options }
            } else {
                Body::Multiple { options, partial_credit }
            }
        }
        QType::TrueFalse => match raw.answer {
            Some(answer) => Body::TrueFalse { answer, feedback_true: raw.feedback_true, feedback_false: raw.feedback_false },
            None => {
                err("prompt", format!("true/false question `{id}` has no `answer`"), "add `answer: true` or `answer: false`");
                Body::TrueFalse { answer: false, feedback_true: None, feedback_false: None }
            }
        },
        QType::FillIn => {
            let answers: Vec<String> = raw.answers.unwrap_or_default().into_iter().map(|s| s.0).filter(|s| !s.trim().is_empty()).collect();
            if answers.is_empty() {
                err("prompt", format!("fill-in question `{id}` has no accepted answers"), "list them: `answers: [\"six\", \"6\"]`");
            }
            Body::FillIn { answers, case_sensitive: raw.case_sensitive.unwrap_or(false) }
        }
        QType::Matching => {
            let mut pairs = Vec::new();
            for (i, p) in raw.pairs.unwrap_or_default().into_iter().enumerate() {
                match (p.left, p.right) {
                    (Some(l), Some(r)) if !l.0.trim().is_empty() && !r.0.trim().is_empty() => pairs.push((l.0, r.0)),
                    _ => err("pairs", format!("pair {} of question `{id}` has no partner", i + 1), "every pair needs both `left:` and `right:`"),
                }
            }
            if pairs.len() > MAX_PAIRS_OR_ITEMS {
                err("pairs", format!("matching question `{id}` has {} pairs; the limit is {MAX_PAIRS_OR_ITEMS}", pairs.len()), HINT_TOO_MANY);
            }
            if pairs.len() < 2 {
                err("pairs", format!("matching question `{id}` needs at least two pairs"), "list pairs of `left:` and `right:`");
            }
            let lefts: HashSet<&str> = pairs.iter().map(|p| p.0.trim()).collect();
            if lefts.len() < pairs.len() {
                err(
                    "pairs",
                    format!("matching question `{id}` uses the same left-hand text twice"),
                    "make each `left:` different: a learner could not tell which one is meant",
                );
            }
            let rights: HashSet<&str> = pairs.iter().map(|p| p.1.trim()).collect();
            if rights.len() < pairs.len() {
                err(
                    "pairs",
                    format!("matching question `{id}` uses the same right-hand text twice"),
                    "make each `right:` different, or learners cannot tell them apart",
                );
            }
            Body::Matching { pairs, partial_credit }
        }
        QType::Ordering => {
            let items: Vec<String> = raw.items.unwrap_or_default().into_iter().map(|s| s.0).collect();
            if items.len() > MAX_PAIRS_OR_ITEMS {
                err("items", format!("ordering question `{id}` has {} items; the limit is {MAX_PAIRS_OR_ITEMS}", items.len()), HINT_TOO_MANY);
            }
            if items.len() < 2 {
                err("items", format!("ordering question `{id}` needs at least two items"), "list the items in the right order under `items:`");
            }
            if items.iter().map(|i| i.trim()).collect::<HashSet<_>>().len() < items.len() {
                err(
                    "items",
                    format!("ordering question `{id}` lists the same item twice"),
                    "make every item different: two equal items have no single right order",
                );
            }
            Body::Ordering { items, partial_credit }
        }
    };
    if diags.error_count() > before {
        return None;
    }
    Some(Question { id, prompt: raw.prompt, points, explanation: raw.explanation, body, untranslated: Default::default() })
}

#[cfg(test)]
mod tests;
