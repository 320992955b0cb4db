use super::*;
use crate::diagnostics::Diagnostics;

fn original() -> Quiz {
    let text = "title: Quiz\npass_mark: 70\nquestions:\n  - id: q1\n    type: single\n    prompt: Which?\n    options:\n      - text: A\n        correct: true\n        feedback: Yes\n      - text: B\n  - id: q2\n    type: true_false\n    prompt: True?\n    answer: true\n";
    let mut d = Diagnostics::new();
    crate::load::quiz::parse_quiz(text, "m/quiz.yaml", "content/en/m/quiz.yaml".into(), &mut d).expect("valid")
}

fn merge(text: &str) -> (Quiz, Vec<Diagnostic>) {
    let mut d = Diagnostics::new();
    let t = QuizText { rel: "m/quiz.yaml".into(), source: "content/el/m/quiz.yaml".into(), text: text.into() };
    let q = merge_quiz(&original(), &t, &mut d);
    (q, d.sorted())
}

#[test]
fn texts_are_taken_and_the_key_is_kept() {
    let (q, d) = merge("title: Κουίζ\npass_mark: 70\nquestions:\n  - id: q1\n    type: single\n    prompt: Ποιο;\n    options:\n      - text: Α\n        correct: true\n      - text: Β\n");
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(q.title, "Κουίζ");
    assert_eq!(q.questions[0].prompt, "Ποιο;");
    let Body::Single { options } = &q.questions[0].body else { panic!() };
    assert_eq!((options[0].text.as_str(), options[0].correct), ("Α", true));
    assert_eq!(options[0].feedback.as_deref(), Some("Yes"), "missing texts fall back to the original");
    assert_eq!(q.questions[1].prompt, "True?", "a missing question falls back");
}

#[test]
fn the_texts_a_translation_leaves_out_are_known_one_by_one() {
    let (q, _) = merge("title: Κουίζ\nquestions:\n  - id: q1\n    prompt: Ποιο;\n    options:\n      - text: Α\n      - text: \"\"\n        feedback: Όχι\n");
    let u = &q.questions[0].untranslated;
    assert!(!u.prompt, "translated");
    assert!(u.explanation, "left out");
    assert_eq!(u.parts, [[false, true], [true, false]], "option texts and feedback, each on its own");
    assert_eq!(q.questions[1].untranslated, crate::model::quiz::Untranslated::all(&q.questions[1].body), "a question left out is the original's whole");
    assert!(q.questions[1].untranslated.prompt && q.questions[1].untranslated.feedback == [true, true]);
    assert_eq!(original().questions[0].untranslated, Default::default(), "the original marks nothing");
}

#[test]
fn changing_the_key_or_shape_is_an_error_with_a_line() {
    let (_, d) = merge("title: T\npass_mark: 50\nquestions:\n  - id: q1\n    prompt: P\n    options:\n      - text: A\n      - text: B\n        correct: true\n  - id: q9\n    prompt: X\n  - id: q2\n    answer: false\n");
    let got: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert!(got.contains(&(2, "a translation cannot change the pass mark")), "{got:#?}");
    assert!(got.contains(&(6, "a translation cannot change which options of question `q1` are correct")), "{got:#?}");
    assert!(got.contains(&(10, "question `q9` is not in the original quiz")), "{got:#?}");
    assert!(got.contains(&(13, "a translation cannot change the answer of question `q2`")), "{got:#?}");
    let (_, d) = merge("questions:\n  - id: q1\n    options:\n      - text: A\n");
    assert_eq!(d[0].message, "question `q1` has 1 options here but 2 in the original");
    assert_eq!(d[0].path, std::path::PathBuf::from("content/el/m/quiz.yaml"));
}

#[test]
fn a_translation_without_its_own_title_shows_the_originals_marked_as_such() {
    let (q, _) = merge("title: Κουίζ\nquestions: []\n");
    assert!(!q.title_untranslated && !q.title_fallback());
    for text in ["questions: []\n", "title: \"  \"\nquestions: []\n"] {
        let (q, _) = merge(text);
        assert_eq!(q.title, "Quiz");
        assert!(q.title_untranslated && q.title_fallback(), "{text:?}");
    }
    assert!(!original().title_fallback());
}
