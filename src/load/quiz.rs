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
use crate::yaml::{self, Scalar};

/// The most points one question may be worth: many questions of more would add up to infinity
/// in the browser, and a quiz that cannot be scored.
const MAX_POINTS: f64 = 1000.0;

/// The most pairs of a matching question, or items of an ordering question: each is shown
/// with a choice among all the others, so the page grows with the square of their number
/// (3,000 pairs took 1.3 GB to check).
const MAX_PAIRS_OR_ITEMS: usize = 50;
const HINT_TOO_MANY: &str =
    "split it into several questions: each one offers a choice among all the others, so a long list cannot be answered (nor shown) well";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(default)]
    questions: Vec<RawQuestion>,
}

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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
struct RawOption {
    text: Scalar,
    #[serde(default)]
    correct: bool,
    feedback: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPair {
    left: Option<Scalar>,
    right: Option<Scalar>,
}

/// Is this content file a quiz?
pub fn is_quiz_file(rel: &str) -> bool {
    quiz_output_path(rel).is_some()
}

/// Pure: a quiz file's text → a validated quiz, or diagnostics (all of them) naming `shown`.
pub fn parse_quiz(text: &str, rel: &str, shown: PathBuf, diags: &mut Diagnostics) -> Option<Quiz> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let before = diags.error_count();
    // Keys with problems are reported and left out; the rest of the file is still checked, so
    // one run names every problem of the quiz.
    let (raw, errors) = yaml::parse_repaired::<RawQuiz>(text, 1);
    let bad_lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    for e in errors {
        let hint = e.hint.unwrap_or_else(|| "see the quiz schema in the README".into());
        diags.push(Diagnostic::error(&shown, e.line, e.col, e.message).with_hint(hint));
    }
    let raw = raw?;
    let err = |diags: &mut Diagnostics, (line, col): (usize, usize), msg: String, hint: &str| {
        diags.push(Diagnostic::error(&shown, line, col, msg).with_hint(hint));
    };
    let top = |key: &str| yaml::find_key_line(text, key, None, 1).unwrap_or((1, 1));

    let pass_mark = raw.pass_mark.unwrap_or(70.0);
    if !(0.0..=100.0).contains(&pass_mark) || pass_mark.is_nan() {
        err(diags, top("pass_mark"), format!("the pass mark {pass_mark} is outside 0–100"), "give a percentage, e.g. `pass_mark: 70`");
    }
    if raw.questions.is_empty() {
        err(diags, top("questions"), "this quiz has no questions".into(), "add at least one question under `questions:`");
    }
    if raw.title.trim().is_empty() {
        err(diags, top("title"), "the quiz title is empty".into(), "give the quiz a title");
    }

    let mut seen = HashSet::new();
    let mut questions = Vec::new();
    // Each question's `id:` line, found in one pass over the lines (a question written as
    // `- {id: q1, …}` has none: it is placed at `questions:`).
    let lines = yaml::Lines::new(text);
    let ids = lines.all("id");
    let mut next = 0;
    let mut ats = Vec::with_capacity(raw.questions.len());
    for raw_q in &raw.questions {
        let at = match ids[next..].iter().position(|&(_, _, v)| v == raw_q.id.0) {
            Some(k) => {
                next += k + 1;
                (ids[next - 1].0, ids[next - 1].1)
            }
            None => top("questions"),
        };
        ats.push(at);
    }
    for (i, raw_q) in raw.questions.into_iter().enumerate() {
        let id = raw_q.id.0.clone();
        let at = ats[i];
        if !seen.insert(id.clone()) {
            err(diags, at, format!("the question id `{id}` is used twice"), "give every question its own id (q1, q2, …); translations match questions by id");
        }
        if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            err(diags, at, format!("`{id}` is not a usable question id"), "use letters, digits, - and _ only, e.g. `q1`");
        }
        // A question with a key already reported and left out is not checked further: what
        // is missing from it now is what the author wrote wrongly.
        let end = ats.get(i + 1).map_or(usize::MAX, |a| a.0);
        if bad_lines.iter().any(|&l| (at.0..end).contains(&l)) {
            continue;
        }
        // A key is looked for in the question's own lines (to the end when the next question
        // has no `id:` line of its own).
        let until = if end > at.0 { end } else { usize::MAX };
        let key_at = |key: &str| lines.find(key, None, at.0, until).unwrap_or(at);
        if let Some(q) = question(raw_q, id, &key_at, diags, &shown) {
            questions.push(q);
        }
    }
    if diags.error_count() > before {
        return None;
    }
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
        outdated: false,
        hash: crate::files::sha256_hex(text),
    })
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
        // More would add up to infinity in the browser (`1e308` twice), and no quiz could be scored.
        let shown = if points.is_finite() && points.abs() < 1e9 { points.to_string() } else { format!("{points:e}") };
        err("points", format!("question `{id}` has {shown} points"), "points must be a positive number up to 1000 (default 1)");
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
