//! Tests of the quiz page writer (`render::quiz`).

use super::*;
use crate::diagnostics::Diagnostics;
use crate::i18n::Table;

fn quiz(prompt: &str) -> Quiz {
    let text = format!(
        "title: T\nquestions:\n  - id: q1\n    type: single\n    prompt: {prompt:?}\n    options:\n      - text: \"<img src=x onerror=alert(1)>\"\n        correct: true\n        feedback: \"{{{{ x }}}} </script>\"\n      - text: B\n"
    );
    let mut d = Diagnostics::new();
    crate::load::quiz::parse_quiz(&text, "m/quiz.yaml", "q".into(), &mut d).unwrap_or_else(|| panic!("{:?}", d.sorted()))
}

#[test]
fn hostile_text_is_shown_as_text() {
    let t = Strings::new("en", Table::new(), Table::new(), "en");
    let html = quiz_form(&quiz("</script><script>alert(1)</script> {{ x }}"), "en/m/quiz.html", &t, &Marks::default());
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;"));
    assert!(html.contains("{{ x }}"));
}

#[test]
fn json_key_matches_form_ids() {
    let q = quiz("P");
    let v = quiz_json(&q, "k");
    assert_eq!(v["version"], 1);
    assert_eq!(v["questions"][0]["correct"], json!(["o1"]));
    let t = Strings::new("en", Table::new(), Table::new(), "en");
    let html = quiz_form(&q, "k", &t, &Marks::default());
    assert!(html.contains("id=\"q1-o1\" value=\"o1\""));
    // The best score appears under the questions, so showing it moves none of them.
    assert!(html.find("class=\"quiz-best\"") > html.find("</ol>"), "{html}");
}

#[test]
fn the_correct_options_are_listed_with_the_languages_separator() {
    let text = "title: T\nquestions:\n  - id: a\n    type: multiple\n    prompt: Pick\n    options:\n      - {text: One, correct: true}\n      - {text: Two, correct: true}\n      - {text: Three}\n";
    let mut d = Diagnostics::new();
    let q = crate::load::quiz::parse_quiz(text, "m/quiz.yaml", "q".into(), &mut d).unwrap_or_else(|| panic!("{:?}", d.sorted()));
    // Greek writes ";" as its question mark, Arabic and Persian have their own semicolon.
    for (code, listed) in [("en", "One; Two"), ("el", "One· Two"), ("fa", "One؛ Two")] {
        let t = Strings::new(code, Table::new(), Table::new(), code);
        let html = quiz_form(&q, "k", &t, &Marks::default());
        assert!(html.contains(listed), "{code}: {html}");
    }
}

#[test]
fn a_fallback_quizs_correct_options_are_listed_with_its_own_languages_separator() {
    // A Ukrainian quiz (not translated) on a Persian page listed its answers with the
    // Persian "؛ " inside the Ukrainian passage; a Persian quiz on a Ukrainian page, the other way.
    let text = "title: T\nquestions:\n  - id: a\n    type: multiple\n    prompt: Pick\n    options:\n      - {text: Один, correct: true}\n      - {text: Два, correct: true}\n      - {text: Три}\n";
    let mut d = Diagnostics::new();
    let mut q = crate::load::quiz::parse_quiz(text, "m/quiz.yaml", "q".into(), &mut d).unwrap_or_else(|| panic!("{:?}", d.sorted()));
    q.text = TextStatus::Fallback;
    let fa = Strings::new("fa", Table::new(), Table::new(), "uk");
    let html = quiz_form(&q, "k", &fa, &Marks::of(&q, ("fa", "rtl"), ("uk", "ltr")));
    assert!(html.contains("</span> Один; Два</div>"), "{html}");
    let uk = Strings::new("uk", Table::new(), Table::new(), "fa");
    let html = quiz_form(&q, "k", &uk, &Marks::of(&q, ("uk", "ltr"), ("fa", "rtl")));
    assert!(html.contains("</span> Один؛ Два</div>"), "{html}");
}

#[test]
fn question_sheet_holds_no_answer() {
    let text = "title: T\nquestions:\n  - id: a\n    type: single\n    prompt: Pick\n    options:\n      - text: Right one\n        correct: true\n        feedback: Well done secret\n      - text: Wrong one\n    explanation: Because secret\n  - id: b\n    type: fill_in\n    prompt: Type\n    answers: [hidden-word]\n  - id: c\n    type: matching\n    prompt: Pair\n    pairs:\n      - {left: L1, right: R1}\n      - {left: L2, right: R2}\n      - {left: L3, right: R3}\n  - id: d\n    type: true_false\n    prompt: Sky\n    answer: false\n";
    let mut d = Diagnostics::new();
    let q = crate::load::quiz::parse_quiz(text, "m/quiz.yaml", "q".into(), &mut d).unwrap_or_else(|| panic!("{:?}", d.sorted()));
    let t = Strings::new("en", Table::new(), Table::new(), "en");
    let html = question_sheet(&q, &t, &Marks::default());
    for secret in ["secret", "hidden-word", "correct", "data-", "checked"] {
        assert!(!html.contains(secret), "{secret} in {html}");
    }
    assert_eq!(html.matches("class=\"sheet-question\"").count(), 4);
    assert!(html.contains("Right one") && html.contains("Wrong one"));
    // The right-hand items of a matching question are not in the order of their pairs.
    let rights = html.split("sheet-rights").nth(1).unwrap();
    let pos: Vec<usize> = ["R1", "R2", "R3"].iter().map(|r| rights.find(r).unwrap()).collect();
    assert!(!(pos[0] < pos[1] && pos[1] < pos[2]), "{rights}");
}

#[test]
fn texts_a_translation_left_out_are_marked_with_the_originals_language() {
    let mut q = quiz("Pick");
    q.text = TextStatus::Translated;
    q.questions[0].untranslated = Untranslated { prompt: false, parts: vec![[false, true], [true, true]], ..Untranslated::all(&q.questions[0].body) };
    let t = Strings::new("el", Table::new(), Table::new(), "el");
    let marks = Marks::of(&q, ("el", "ltr"), ("en", "ltr"));
    let html = quiz_form(&q, "k", &t, &marks);
    assert!(html.contains("<span class=\"q-prompt\">Pick</span>"), "{html}");
    assert!(html.contains("<label for=\"q1-o2\" lang=\"en\" dir=\"ltr\">B</label>"), "{html}");
    assert!(html.contains("<div class=\"feedback\" id=\"fb-q1-o1\" lang=\"en\" dir=\"ltr\" hidden>"), "{html}");
    assert!(!html.contains("<li class=\"quiz-question\" id=\"q-q1\" data-qid=\"q1\" data-type=\"single\" lang"), "the question itself is not marked");
    let sheet = question_sheet(&q, &t, &marks);
    assert!(sheet.contains("<span lang=\"en\" dir=\"ltr\">B</span>") && !sheet.contains("<span lang=\"en\" dir=\"ltr\">Pick"), "{sheet}");
    // A quiz shown whole in English is marked as a whole; the original marks nothing.
    q.text = TextStatus::Fallback;
    let whole = Marks::of(&q, ("el", "ltr"), ("en", "ltr"));
    assert_eq!((whole.text.as_str(), whole.ui.as_str(), whole.original.as_str()), (" lang=\"en\" dir=\"ltr\"", " lang=\"el\" dir=\"ltr\"", ""));
    let html = quiz_form(&q, "k", &t, &Marks::of(&q, ("en", "ltr"), ("en", "ltr")));
    assert!(!html.contains(" lang="), "{html}");
}

#[test]
fn interface_words_a_language_lacks_are_marked_with_the_language_they_are_in() {
    // An Urdu page of a French site without those strings in i18n/ur.yaml: the sheet's
    // hints, the lists' "Choisir…" and "Position…", the question's number and labels are
    // French, and were left unmarked inside the Urdu page (read with an Urdu voice).
    let text = "title: T\nquestions:\n  - id: a\n    type: multiple\n    prompt: P\n    points: 2\n    options:\n      - {text: A, correct: true}\n      - {text: B}\n  - id: b\n    type: matching\n    prompt: P\n    pairs:\n      - {left: L1, right: R1}\n      - {left: L2, right: R2}\n  - id: c\n    type: ordering\n    prompt: P\n    items: [X, Y]\n  - id: d\n    type: fill_in\n    prompt: P\n    answers: [w]\n  - id: e\n    type: true_false\n    prompt: P\n    answer: true\n";
    let mut d = Diagnostics::new();
    let mut q = crate::load::quiz::parse_quiz(text, "m/quiz.yaml", "q".into(), &mut d).unwrap_or_else(|| panic!("{:?}", d.sorted()));
    q.text = TextStatus::Translated;
    let ur = Strings::new("ur", Table::new(), Table::new(), "fr").with_default_direction("ltr");
    let marks = Marks::of(&q, ("ur", "rtl"), ("fr", "ltr"));
    let fr = " lang=\"fr\" dir=\"ltr\"";
    let sheet = question_sheet(&q, &ur, &marks);
    for key in ["sheet_note", "sheet_multiple", "sheet_match", "sheet_order", "your_answer", "answer_true"] {
        let shown = escape_html(&ur.get(key));
        assert!(sheet.contains(&format!("{fr}>{shown}<")), "{key} unmarked in {sheet}");
    }
    assert!(sheet.contains(&format!("{fr}>(2 points)<")), "{sheet}");
    let form = quiz_form(&q, "k", &ur, &marks);
    for key in ["choose", "choose_position", "your_answer", "correct_answer", "answer_false"] {
        let shown = escape_html(&ur.get(key));
        assert!(form.contains(&format!("{fr}>{shown}<")), "{key} unmarked in {form}");
    }
    assert!(form.contains(&format!("<span class=\"q-number\"{fr}>Question 1</span>")), "{form}");
    // The page's own strings stay unmarked, and a fallback quiz's interface words carry
    // the page's language as before.
    let own = Strings::new(
        "ur",
        crate::i18n::parse_table("sheet_note: یاد رکھیں\nchoose: منتخب کریں…\n", std::path::Path::new("ur.yaml"), &mut Diagnostics::new()),
        Table::new(),
        "fr",
    );
    assert!(question_sheet(&q, &own, &marks).contains("<p class=\"sheet-note\">یاد رکھیں</p>"));
    q.text = TextStatus::Fallback;
    let whole = Marks::of(&q, ("ur", "rtl"), ("fr", "ltr"));
    let form = quiz_form(&q, "k", &own, &whole);
    assert!(form.contains("<option value=\"\" lang=\"ur\" dir=\"rtl\">منتخب کریں…</option>"), "{form}");
}

#[test]
fn scramble_is_stable_and_not_identity() {
    let a = scrambled("s", 4, |i| i.to_string());
    assert_eq!(a, scrambled("s", 4, |i| i.to_string()));
    assert_ne!(a, vec![0, 1, 2, 3]);
}

/// A quiz with a question of each kind, translated into Arabic but for `left_out`, which keep
/// their English texts (an ar page of an en site).
fn arabic_translation_leaving_out(left_out: &[&str]) -> (Quiz, Strings, Marks) {
    let text = "title: T\nquestions:\n  - id: a\n    type: single\n    prompt: Pick one\n    options:\n      - {text: First one., correct: true, feedback: Yes.}\n      - {text: Second one.}\n  - id: b\n    type: multiple\n    prompt: Pick two\n    options:\n      - {text: One., correct: true}\n      - {text: Two., correct: true}\n      - {text: Three.}\n  - id: c\n    type: true_false\n    prompt: The sky is blue.\n    answer: true\n  - id: d\n    type: fill_in\n    prompt: Type it\n    answers: [word]\n  - id: e\n    type: matching\n    prompt: Match them\n    pairs:\n      - {left: Left one, right: Right one.}\n      - {left: Left two, right: Right two.}\n  - id: f\n    type: ordering\n    prompt: Order them\n    items: [First step., Second step., Third step.]\n";
    let mut d = Diagnostics::new();
    let mut q = crate::load::quiz::parse_quiz(text, "m/quiz.yaml", "q".into(), &mut d).unwrap_or_else(|| panic!("{:?}", d.sorted()));
    q.text = TextStatus::Translated;
    for question in &mut q.questions {
        let mut u = Untranslated::all(&question.body);
        if !left_out.contains(&question.id.as_str()) {
            u = Untranslated { parts: vec![[false; 2]; u.parts.len()], ..Untranslated::default() };
            question.prompt = "سؤال".into();
        }
        question.untranslated = u;
    }
    let ar = Strings::new("ar", Table::new(), Table::new(), "en");
    let marks = Marks::of(&q, ("ar", "rtl"), ("en", "ltr"));
    (q, ar, marks)
}

#[test]
fn a_question_a_translation_left_out_whole_keeps_its_languages_direction_on_a_right_to_left_page() {
    // Each kind of question the Arabic translation left out is English, left to right, as a
    // whole: marked on the question (its pairs "term → meaning" had read right to left, its
    // selects and options ran from the right), its interface words Arabic inside it.
    let ids = ["a", "b", "c", "d", "e", "f"];
    let (q, ar, marks) = arabic_translation_leaving_out(&ids);
    let (en, page) = (" lang=\"en\" dir=\"ltr\"", " lang=\"ar\" dir=\"rtl\"");
    let form = quiz_form(&q, "k", &ar, &marks);
    let sheet = question_sheet(&q, &ar, &marks);
    for (id, kind) in ids.iter().zip(["single", "multiple", "true_false", "fill_in", "matching", "ordering"]) {
        assert!(form.contains(&format!("<li class=\"quiz-question\" id=\"q-{id}\" data-qid=\"{id}\" data-type=\"{kind}\"{en}>")), "{id} unmarked in {form}");
    }
    assert_eq!(sheet.matches(&format!("<li class=\"sheet-question\"{en}>")).count(), 6, "{sheet}");
    // Its texts are not marked again one by one; the interface words are the page's.
    for html in [&form, &sheet] {
        assert!(!html.contains(&format!("<span{en}>")) && !html.contains(&format!("<label for=\"e-l1\"{en}>")), "{html}");
    }
    assert!(form.contains(&format!("<span class=\"q-number\"{page}>السؤال 5</span>")), "{form}");
    assert!(form.contains(&format!("<option value=\"\"{page}>{}</option>", ar.get("choose"))), "{form}");
    assert!(form.contains(&format!("<span{page}>{}</span>", ar.get("correct_answer"))), "{form}");
    assert!(form.contains(&format!("<p class=\"q-result\"{page} hidden>")), "{form}");
    assert!(form.contains("<li>Left one <span class=\"q-pair-arrow\""), "{form}");
    assert!(form.contains(&format!("<span{page}>{}</span>", ar.get("answer_true"))), "{form}");
    assert!(sheet.contains(&format!("<p class=\"sheet-hint\"{page}>{}</p>", ar.get("sheet_match"))), "{sheet}");
    // Translated questions are the page's, unmarked.
    let (q, ar, marks) = arabic_translation_leaving_out(&["e"]);
    let form = quiz_form(&q, "k", &ar, &marks);
    assert!(form.contains("<li class=\"quiz-question\" id=\"q-a\" data-qid=\"a\" data-type=\"single\">"), "{form}");
    assert!(form.contains(&format!("data-type=\"matching\"{en}>")), "{form}");
}

#[test]
fn a_pair_a_translation_left_out_is_marked_on_its_item() {
    // Both sides of a pair the original's: the item reads from its own side; one side
    // translated: the other is marked inline.
    let (mut q, ar, marks) = arabic_translation_leaving_out(&[]);
    q.questions[4].untranslated.parts = vec![[true, true], [false, true]];
    let form = quiz_form(&q, "k", &ar, &marks);
    assert!(form.contains("<li lang=\"en\" dir=\"ltr\">Left one <span class=\"q-pair-arrow\""), "{form}");
    assert!(form.contains("<li>Left two <span class=\"q-pair-arrow\" aria-hidden=\"true\">→</span><span class=\"visually-hidden\">:</span> <span lang=\"en\" dir=\"ltr\">Right two.</span></li>"), "{form}");
}
