//! Quizzes as the pipeline sees them after validation: every question has a valid answer key.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ShowAnswers {
    /// Reveal the correct answers after every submission.
    #[default]
    AfterSubmit,
    /// Only once the learner has passed.
    AfterPass,
    /// Never: learners see right/wrong and feedback only.
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Shuffle {
    #[default]
    None,
    Options,
    Questions,
    All,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub feedback: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Single { options: Vec<Choice> },
    Multiple { options: Vec<Choice>, partial_credit: bool },
    TrueFalse { answer: bool, feedback_true: Option<String>, feedback_false: Option<String> },
    FillIn { answers: Vec<String>, case_sensitive: bool },
    Matching { pairs: Vec<(String, String)>, partial_credit: bool },
    Ordering { items: Vec<String>, partial_credit: bool },
}

impl Body {
    pub fn type_name(&self) -> &'static str {
        match self {
            Body::Single { .. } => "single",
            Body::Multiple { .. } => "multiple",
            Body::TrueFalse { .. } => "true_false",
            Body::FillIn { .. } => "fill_in",
            Body::Matching { .. } => "matching",
            Body::Ordering { .. } => "ordering",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub points: f64,
    pub explanation: Option<String>,
    pub body: Body,
    /// The texts a translation left out, shown in the original's words (all `false` in the
    /// original, and in a quiz shown whole in the default language, which is marked as a whole).
    pub untranslated: Untranslated,
}

/// Which texts of a question are the original's in a translated quiz: each is marked with
/// the original's language where it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Untranslated {
    pub prompt: bool,
    pub explanation: bool,
    /// Per option `[text, feedback]`, per pair `[left, right]`, per item `[text, _]`.
    pub parts: Vec<[bool; 2]>,
    /// A true/false question's `[feedback_true, feedback_false]`.
    pub feedback: [bool; 2],
    /// A fill-in question's accepted answers (shown with the correct answer).
    pub answers: bool,
}

impl Untranslated {
    /// Every text of `body` the original's, before a translation's texts are put in.
    pub fn all(body: &Body) -> Untranslated {
        let parts = match body {
            Body::Single { options } | Body::Multiple { options, .. } => options.len(),
            Body::Matching { pairs, .. } => pairs.len(),
            Body::Ordering { items, .. } => items.len(),
            Body::TrueFalse { .. } | Body::FillIn { .. } => 0,
        };
        Untranslated { prompt: true, explanation: true, parts: vec![[true; 2]; parts], feedback: [true; 2], answers: true }
    }

    /// Whether part `i`'s first (`0`) or second (`1`) text is the original's.
    pub fn part(&self, i: usize, which: usize) -> bool {
        self.parts.get(i).is_some_and(|p| p[which & 1])
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// Source path relative to the site root, for messages.
    pub source: PathBuf,
    /// Relative to `content/<lang>/`: `01-course/01-mod/quiz.yaml`.
    pub rel: String,
    /// Output path relative to `dist/<lang>/`: `course/mod/quiz.html`.
    pub url: String,
    pub title: String,
    pub description: Option<String>,
    pub pass_mark: f64,
    pub shuffle: Shuffle,
    pub max_attempts: u32,
    pub show_answers: ShowAnswers,
    pub questions: Vec<Question>,
    pub text: crate::model::TextStatus,
    /// A translation without its own `title:`: the title is the original's.
    pub title_untranslated: bool,
    pub outdated: bool,
    /// SHA-256 of the quiz file's text.
    pub hash: String,
}

impl Quiz {
    /// Whether the title shown is the default language's: the whole quiz is not translated
    /// yet, or its translation has no `title:` of its own.
    pub fn title_fallback(&self) -> bool {
        self.text == crate::model::TextStatus::Fallback || self.title_untranslated
    }

    /// (still the original's, in all) of the quiz's texts: its title and each question's
    /// prompt, explanation, options and their feedback, pairs, items, true/false feedback and
    /// accepted answers; a text the original lacks does not count. In the default language's
    /// quiz, and in one shown whole in it, none is counted as the original's.
    pub fn untranslated_texts(&self) -> (usize, usize) {
        let mut n = (0, 0);
        let mut count = |exists: bool, left: bool| {
            if exists {
                n.1 += 1;
                n.0 += usize::from(left);
            }
        };
        count(true, self.title_untranslated);
        for q in &self.questions {
            let u = &q.untranslated;
            count(true, u.prompt);
            count(q.explanation.is_some(), u.explanation);
            match &q.body {
                Body::Single { options } | Body::Multiple { options, .. } => {
                    for (i, o) in options.iter().enumerate() {
                        count(true, u.part(i, 0));
                        count(o.feedback.is_some(), u.part(i, 1));
                    }
                }
                Body::Matching { pairs, .. } => {
                    for i in 0..pairs.len() {
                        count(true, u.part(i, 0));
                        count(true, u.part(i, 1));
                    }
                }
                Body::Ordering { items, .. } => (0..items.len()).for_each(|i| count(true, u.part(i, 0))),
                Body::TrueFalse { feedback_true, feedback_false, .. } => {
                    count(feedback_true.is_some(), u.feedback[0]);
                    count(feedback_false.is_some(), u.feedback[1]);
                }
                Body::FillIn { .. } => count(true, u.answers),
            }
        }
        n
    }

    pub fn max_points(&self) -> f64 {
        self.questions.iter().map(|q| q.points).sum()
    }
}

/// `quiz.yaml` → `quiz.html`; `final.quiz.yaml` → `final.quiz.html` (prefixes stripped).
pub fn quiz_output_path(rel: &str) -> Option<String> {
    let name = rel.rsplit('/').next()?;
    let stem = if name == "quiz.yaml" || name == "quiz.yml" {
        "quiz".to_string()
    } else {
        let stem = name.strip_suffix(".quiz.yaml").or_else(|| name.strip_suffix(".quiz.yml"))?;
        format!("{stem}.quiz")
    };
    let dir = crate::model::url::parent_dir(rel);
    let file = format!("{stem}.html");
    Some(crate::model::url::output_path(&if dir.is_empty() { file } else { format!("{dir}/{file}") }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiz_paths() {
        assert_eq!(quiz_output_path("01-c/02-m/quiz.yaml").as_deref(), Some("c/m/quiz.html"));
        assert_eq!(quiz_output_path("01-c/02-final.quiz.yaml").as_deref(), Some("c/final.quiz.html"));
        assert_eq!(quiz_output_path("01-c/data.yaml"), None);
    }
}
