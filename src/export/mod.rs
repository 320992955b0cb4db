//! Export: every quiz as question-bank files for learning platforms — Moodle XML
//! ([`moodle_xml`]), GIFT ([`gift`]) and a QTI 2.1 item bank ([`qti`]).
//!
//! Pure: a [`Bank`] (one quiz, its category path, the interface labels of its language) in,
//! bytes out; nothing here reads or writes files. [`crate::package`] calls it per language and
//! lists the files on the Downloads page. The answer key is always the default language's:
//! a translated quiz is the default quiz with the translation's texts merged in
//! ([`crate::translate::merge_quiz`]), so the exports of every language score alike.
//!
//! Texts: prompts, options, feedback and explanations are inline Markdown; formats that take
//! HTML get [`render_inline`]'s output (raw HTML in a quiz stays text), fields a platform shows
//! as plain text get [`plain`]. Answers a learner types (fill-in) are exported as written and
//! in the other spellings of their apostrophes, quotes, dashes and ellipses ([`spellings`]), which
//! the site accepts as the same answer.

pub mod gift;
pub mod moodle_xml;
pub mod qti;
pub mod spellings;

use crate::markdown::render_inline;
use crate::model::quiz::{Choice, Question, Quiz};

/// One quiz to export.
#[derive(Debug, Clone)]
pub struct Bank<'a> {
    pub quiz: &'a Quiz,
    /// Category path below the bank's top category: course, module (and the quiz title when a
    /// section has several quizzes). Titles in the quiz's language.
    pub category: Vec<String>,
    /// Language code of the texts (`en`, `el`, …).
    pub lang: String,
    /// Stable prefix of identifiers: `kyklos-<lang>-<quiz slug>`; questions add `-<id>`.
    pub id: String,
    pub labels: Labels,
    /// For a translation: the default language (code, direction), in which the texts the
    /// translation leaves out are written (marked as such, see [`Bank::text_lang`]).
    pub original: Option<(String, &'static str)>,
}

impl Bank<'_> {
    /// The language a quiz text is in when it is not the bank's: the original's, for a text
    /// the translation leaves out (`untranslated`).
    pub fn text_lang(&self, untranslated: bool) -> Option<(&str, &'static str)> {
        self.original.as_ref().filter(|_| untranslated).map(|(code, dir)| (code.as_str(), *dir))
    }

    /// A quiz text as HTML ([`html`]), inside an element with the original's `lang` and `dir`
    /// when the translation leaves it out (see [`marked_html`]).
    pub fn html(&self, markdown: &str, untranslated: bool) -> String {
        marked_html(html(markdown), self.text_lang(untranslated))
    }
}

/// `html` inside `<span lang dir>` (`<div>` when it holds blocks: a quote, a list) when
/// `lang` is given and there is text; as it is otherwise.
pub fn marked_html(html: String, lang: Option<(&str, &str)>) -> String {
    let Some((code, dir)) = lang.filter(|_| !html.trim().is_empty()) else { return html };
    let blocks = ["<blockquote", "<ul", "<ol", "<p>", "<p ", "<pre", "<div", "<table", "<hr", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6"];
    let tag = if blocks.iter().any(|b| html.contains(b)) { "div" } else { "span" };
    format!("<{tag}{}>{html}</{tag}>", crate::escape::lang_attrs(code, dir))
}

/// Interface strings the formats need, in the quiz's language.
#[derive(Debug, Clone)]
pub struct Labels {
    pub correct: String,
    pub partly: String,
    pub incorrect: String,
    pub answer_true: String,
    pub answer_false: String,
    /// The labels' language (code, direction) when it is not the bank's: a language without
    /// interface strings of its own shows the default language's.
    pub lang: Option<(String, &'static str)>,
}

impl Labels {
    /// English labels (tests and callers without interface strings).
    pub fn english() -> Self {
        Labels {
            correct: "Correct".into(),
            partly: "Partly correct".into(),
            incorrect: "Incorrect".into(),
            answer_true: "True".into(),
            answer_false: "False".into(),
            lang: None,
        }
    }
}

/// Inline Markdown → safe HTML (the same as the quiz page shows).
pub fn html(markdown: &str) -> String {
    render_inline(markdown)
}

/// Inline Markdown → the plain text a learner reads (tags dropped, entities decoded).
pub fn plain(markdown: &str) -> String {
    let html = render_inline(markdown);
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&").trim().to_string()
}

/// A question's name in a bank: its id and the start of its prompt ("q3 An asylum seeker…").
pub fn question_name(q: &Question) -> String {
    let prompt = plain(&q.prompt).split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = prompt.chars().take(60).collect();
    let ellipsis = if prompt.chars().count() > 60 { "…" } else { "" };
    format!("{} {short}{ellipsis}", q.id)
}

/// Moodle's list of grades (fractions of 1), the only values its importer accepts by default
/// ("match grades: error"): p/q for q ≤ 6, p/10, 1/q for q ≤ 10, 1/20, and their negatives.
const MOODLE_FRACTIONS: [f64; 21] =
    [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0];

/// The nearest grade in Moodle's list (exact for 1/k with k ≤ 10).
pub fn moodle_fraction(f: f64) -> f64 {
    let sign = if f < 0.0 { -1.0 } else { 1.0 };
    let best = MOODLE_FRACTIONS.iter().copied().min_by(|a, b| (a - f.abs()).abs().total_cmp(&(b - f.abs()).abs())).unwrap_or(0.0);
    sign * best
}

/// Per-option grades of a multiple-choice question, as fractions of the question's points,
/// the way kyklos scores it: each right option is worth 1/k (k right options). With partial
/// credit a wrong choice takes 1/k back (kyklos: (right − wrong) / k, never below 0); without,
/// a wrong choice takes everything (−1). Moodle adds the grades of the chosen options and
/// keeps the sum within 0–1, so partial credit is scored exactly as on the website. Without
/// partial credit the one difference: Moodle gives j/k for j of k right options and no wrong
/// one, where kyklos gives 0.
pub fn choice_fractions(options: &[Choice], partial_credit: bool) -> Vec<f64> {
    let k = options.iter().filter(|o| o.correct).count().max(1);
    let share = moodle_fraction(1.0 / k as f64);
    options
        .iter()
        .map(|o| {
            if o.correct {
                share
            } else if partial_credit {
                -share
            } else {
                -1.0
            }
        })
        .collect()
}

/// A number as platforms want it: `100`, `33.33333`, `-100`, `0.5` (at most 7 decimals, no
/// trailing zeros).
pub fn number(x: f64) -> String {
    let s = format!("{x:.7}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// A grade fraction as a percentage with Moodle's five decimals: 0.3333333 → `33.33333`.
pub fn percent(f: f64) -> String {
    let s = format!("{:.5}", f * 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// Removes what XML 1.0 cannot carry (control characters other than tab and line ends,
/// U+FFFE, U+FFFF); line ends become `\n`.
pub fn xml_safe(s: &str) -> String {
    crate::xml::strip_forbidden(&crate::xml::normalise_line_ends(s))
}

/// Text for XML element content and attributes (`&`, `<`, `>`, `"`, `'` escaped), with
/// [`xml_safe`]'s line ends: [`crate::xml::escape`] after [`crate::xml::normalise_line_ends`].
pub fn xml_escape(s: &str) -> String {
    crate::xml::escape(&crate::xml::normalise_line_ends(s))
}

/// The quiz's source file as a portable path for comments (`content/en/…/quiz.yaml`).
fn source_of(quiz: &Quiz) -> String {
    quiz.source.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt(correct: bool) -> Choice {
        Choice { text: "x".into(), correct, feedback: None }
    }

    #[test]
    fn fractions_follow_kyklos_scoring_within_moodles_grades() {
        let three = [opt(true), opt(true), opt(true), opt(false)];
        assert_eq!(choice_fractions(&three, true), vec![0.3333333, 0.3333333, 0.3333333, -0.3333333]);
        assert_eq!(choice_fractions(&three, false), vec![0.3333333, 0.3333333, 0.3333333, -1.0]);
        let seven: Vec<Choice> = (0..8).map(|i| opt(i < 7)).collect();
        assert_eq!(percent(choice_fractions(&seven, true)[0]), "14.28571");
        // More than ten right options: the nearest grade Moodle knows.
        assert_eq!(moodle_fraction(1.0 / 12.0), 0.1);
        assert_eq!(percent(1.0), "100");
        assert_eq!(percent(-1.0), "-100");
        assert_eq!(percent(0.0), "0");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1.0), "1");
    }

    #[test]
    fn plain_text_and_names() {
        assert_eq!(plain("An *asylum seeker* & <b>x</b>"), "An asylum seeker & <b>x</b>");
        let q = Question {
            id: "q1".into(),
            prompt: "Short".into(),
            points: 1.0,
            explanation: None,
            body: crate::model::quiz::Body::Single { options: vec![] },
            untranslated: Default::default(),
        };
        assert_eq!(question_name(&q), "q1 Short");
        assert_eq!(xml_escape("a\u{1}<b>\r\n"), "a&lt;b&gt;\n");
    }
}
