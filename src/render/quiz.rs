//! A quiz → an accessible HTML form plus its answer key as versioned JSON, and the quiz's page
//! ([`render_quiz`]). On another language's page its texts carry their language ([`Marks`]).
//!
//! The form is real HTML (fieldset/legend per question, labelled radios, checkboxes, selects
//! and text inputs), readable without JavaScript. Every author text goes through
//! [`render_inline`] (inline Markdown, raw HTML shown as text) so nothing in a quiz can run.
//! The JSON key sits in a `data-quiz` attribute, attribute-escaped: no inline script at all.
//! Contract version 1 is read by `static/quiz-score.js`.

use serde_json::{json, Value};

use crate::i18n::Strings;
use crate::markdown::{escape_html, lang_attrs, render_inline};
use crate::model::quiz::{Body, Question, Quiz, ShowAnswers, Shuffle, Untranslated};
use crate::model::{PageId, TextStatus};

use super::theme::Theme;
use super::views::ExtraSteps;
use super::{render_view, view, LangContext, PackageScope, Subject};

/// Version of the JSON contract between the builder and `quiz-score.js`.
pub const CONTRACT_VERSION: u32 = 1;

/// The answer key the browser scores against. `key` is the quiz's progress key.
pub fn quiz_json(quiz: &Quiz, key: &str) -> Value {
    let questions: Vec<Value> = quiz.questions.iter().map(question_json).collect();
    json!({
        "version": CONTRACT_VERSION,
        "key": key,
        "title": quiz.title,
        "pass_mark": quiz.pass_mark,
        "shuffle_questions": matches!(quiz.shuffle, Shuffle::Questions | Shuffle::All),
        "shuffle_options": matches!(quiz.shuffle, Shuffle::Options | Shuffle::All),
        "max_attempts": quiz.max_attempts,
        "show_answers": match quiz.show_answers {
            ShowAnswers::AfterSubmit => "after_submit",
            ShowAnswers::AfterPass => "after_pass",
            ShowAnswers::Never => "never",
        },
        "questions": questions,
    })
}

fn option_ids(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("o{i}")).collect()
}

fn question_json(q: &Question) -> Value {
    let mut v = json!({ "id": q.id, "type": q.body.type_name(), "points": q.points });
    let obj = v.as_object_mut().expect("object");
    match &q.body {
        Body::Single { options } | Body::Multiple { options, .. } => {
            let ids = option_ids(options.len());
            let correct: Vec<&String> = ids.iter().zip(options).filter(|(_, o)| o.correct).map(|(id, _)| id).collect();
            obj.insert("options".into(), json!(ids));
            obj.insert("correct".into(), json!(correct));
            if let Body::Multiple { partial_credit, .. } = &q.body {
                obj.insert("partial_credit".into(), json!(partial_credit));
            }
        }
        Body::TrueFalse { answer, .. } => {
            obj.insert("answer".into(), json!(answer));
        }
        Body::FillIn { answers, case_sensitive } => {
            obj.insert("answers".into(), json!(answers));
            obj.insert("case_sensitive".into(), json!(case_sensitive));
        }
        Body::Matching { pairs, partial_credit } => {
            let map: serde_json::Map<String, Value> = (1..=pairs.len()).map(|i| (format!("l{i}"), json!(format!("r{i}")))).collect();
            obj.insert("pairs".into(), Value::Object(map));
            obj.insert("partial_credit".into(), json!(partial_credit));
        }
        Body::Ordering { items, partial_credit } => {
            let order: Vec<String> = (1..=items.len()).map(|i| format!("i{i}")).collect();
            obj.insert("order".into(), json!(order));
            obj.insert("partial_credit".into(), json!(partial_credit));
        }
    }
    v
}

/// A stable scramble (FNV hash of seed and text), so the page never lists the answer in order
/// yet two builds give the same bytes.
fn scrambled(seed: &str, n: usize, text: impl Fn(usize) -> String) -> Vec<usize> {
    let hash = |s: &str| s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (hash(&format!("{seed}\u{0}{}", text(i))), i));
    if n > 1 && order.iter().enumerate().all(|(pos, &i)| pos == i) {
        order.rotate_left(1);
    }
    order
}

/// Language marks of a quiz on a page of another language. A quiz shown whole in the default
/// language (a fallback quiz) gets `text` on each question (the author's words) and `ui` on the
/// interface strings inside it; a translated quiz gets `original` on each text its translation
/// left out (see [`Untranslated`]), and a question it left out whole is marked as a fallback
/// quiz's is ([`Marks::question`]). All are attribute strings such as ` lang="en" dir="ltr"`,
/// empty when no mark is needed.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub text: String,
    /// The language code of `text` (a fallback quiz's), whose punctuation joins its lists.
    pub text_lang: String,
    pub ui: String,
    pub original: String,
    /// A translated quiz's: the language code of `original`, and the page's own marks.
    pub original_lang: String,
    pub page: String,
}

impl Marks {
    pub fn new(text: (&str, &str), ui: (&str, &str)) -> Marks {
        Marks { text: lang_attrs(text.0, text.1), text_lang: text.0.to_string(), ui: lang_attrs(ui.0, ui.1), ..Marks::default() }
    }

    /// The marks of `quiz` on a page in `page` (code, direction) of a site whose default
    /// language is `default`.
    pub fn of(quiz: &Quiz, page: (&str, &str), default: (&str, &str)) -> Marks {
        if page.0 == default.0 {
            return Marks::default();
        }
        match quiz.text {
            TextStatus::Fallback => Marks::new(default, page),
            _ => {
                Marks { original: lang_attrs(default.0, default.1), original_lang: default.0.to_string(), page: lang_attrs(page.0, page.1), ..Marks::default() }
            }
        }
    }

    /// The marks of one question: a question a translation left out whole (every text of it
    /// the original's) is one passage in the original's language, marked on the question as a
    /// fallback quiz's are, with its interface words in the page's (or the language the page's
    /// strings are in); its texts are not marked again one by one. On a right-to-left page a
    /// left-to-right question so keeps its own direction: its options and selects, and the
    /// pairs of its answer ("term → meaning"), read from its own side. Else these marks.
    pub fn question(&self, u: &Untranslated, body: &Body) -> std::borrow::Cow<'_, Marks> {
        if self.original.is_empty() || *u != Untranslated::all(body) {
            return std::borrow::Cow::Borrowed(self);
        }
        let ui = if self.ui.is_empty() { self.page.clone() } else { self.ui.clone() };
        std::borrow::Cow::Owned(Marks { text: self.original.clone(), text_lang: self.original_lang.clone(), ui, ..Marks::default() })
    }

    /// The attributes of the element that shows interface string `key`: its own language
    /// when the page's language lacks it (a French "Choisir…" on an Urdu page), else `ui`
    /// (the page's language inside a quiz shown in another).
    pub fn ui_of(&self, t: &Strings, key: &str) -> String {
        let borrowed = t.mark(key);
        if borrowed.is_empty() {
            self.ui.clone()
        } else {
            borrowed
        }
    }

    /// The attributes of one text: `original` when the translation left it out.
    fn left_out(&self, untranslated: bool) -> &str {
        if untranslated {
            &self.original
        } else {
            ""
        }
    }

    /// Inline HTML of one text, in a `<span>` with its language when the translation left it out.
    fn span(&self, html: String, untranslated: bool) -> String {
        match self.left_out(untranslated) {
            "" => html,
            attrs => format!("<span{attrs}>{html}</span>"),
        }
    }
}

/// CLDR plural categories; `other` is the message itself.
const PLURAL_FORMS: [&str; 5] = ["zero", "one", "two", "few", "many"];

/// The quiz form. `key` is the progress key (`<lang>/<url>`).
pub fn quiz_form(quiz: &Quiz, key: &str, t: &Strings, marks: &Marks) -> String {
    let data = serde_json::to_string(&quiz_json(quiz, key)).unwrap_or_default();
    let mut h = String::with_capacity(4096);
    // A message the page's language lacks carries its language (data-msg-…-lang="it ltr"):
    // quiz.js marks what it writes with it.
    let msg = |name: &str, key: &str| {
        let mut a = format!(" data-msg-{name}=\"{}\"", escape_html(&t.get(key)));
        if let Some((code, dir)) = t.lang_of(key) {
            a.push_str(&format!(" data-msg-{name}-lang=\"{} {}\"", escape_html(code), escape_html(dir)));
            // Its numbers as its language writes them ("62.5" in English on a Swedish page).
            let sep = crate::numbers::decimal_separator(code);
            if sep != crate::numbers::decimal_separator(&t.lang) {
                a.push_str(&format!(" data-msg-{name}-decimal=\"{sep}\""));
            }
        }
        a
    };
    h.push_str(&format!("<form class=\"quiz\" id=\"quiz\" novalidate data-quiz=\"{}\"", escape_html(&data)));
    // Numbers in the results are written as the builder writes them ("0,5" in German).
    h.push_str(&format!(" data-decimal=\"{}\"", crate::numbers::decimal_separator(&t.lang)));
    // "{score} of {max} points" agrees with {max}: its plural forms, chosen in the browser by the
    // CLDR rules of `data-plural` ("1 Punkt", "2 Punkten"; "1 бала", "5 балів").
    // The forms are those of the language the string is in (the default language's when the
    // page's language lacks it), chosen by that language's rules.
    h.push_str(&format!(" data-plural=\"{}\"", escape_html(t.lang_of("quiz_points").map_or(t.lang.as_str(), |(code, _)| code))));
    for (form, text) in t.forms("quiz_points") {
        if form != "other" && PLURAL_FORMS.contains(&form.as_str()) {
            h.push_str(&format!(" data-msg-points-{form}=\"{}\"", escape_html(&text)));
        }
    }
    for (name, k) in [
        ("passed", "quiz_passed"),
        ("failed", "quiz_failed"),
        ("best", "quiz_best"),
        ("correct", "quiz_correct"),
        ("incorrect", "quiz_incorrect"),
        ("partly", "quiz_partly"),
        ("unanswered", "quiz_unanswered"),
        ("attempts-left", "quiz_attempts_left"),
        ("no-attempts", "quiz_no_attempts"),
        ("points", "quiz_points"),
        ("review", "quiz_review"),
    ] {
        h.push_str(&msg(name, k));
    }
    h.push_str(">\n");
    // Shown where no script runs (the theme hides it when scripts run, and quiz.js shows it
    // again if it cannot score the quiz): not a <noscript>, which says nothing when scripts
    // are on but blocked or broken.
    h.push_str(&format!("<p class=\"quiz-noscript\">{}</p>\n", t.html("quiz_noscript")));
    h.push_str("<ol class=\"quiz-questions\">\n");
    for (n, q) in quiz.questions.iter().enumerate() {
        question_html(&mut h, n + 1, q, &quiz.rel, t, marks);
    }
    // The best score of earlier attempts sits under the questions: when the script shows it,
    // nothing the learner reads moves.
    // What quiz.js writes here (the best score, attempts, the result) is marked piece by piece
    // with its message's language where that is not the page's (`data-msg-…-lang`).
    h.push_str("</ol>\n<p class=\"quiz-best\" hidden></p>\n<div class=\"quiz-actions\">");
    // Hidden until quiz.js can score: without it the button would do nothing.
    h.push_str(&format!("<button type=\"submit\" class=\"button quiz-submit\"{} hidden>{}</button> ", t.mark("quiz_check"), escape_html(&t.get("quiz_check"))));
    h.push_str(&format!(
        "<button type=\"button\" class=\"button button-secondary quiz-retry\"{} hidden>{}</button>",
        t.mark("quiz_retry"),
        escape_html(&t.get("quiz_retry"))
    ));
    h.push_str("</div>\n<p class=\"quiz-attempts\" hidden></p>\n<div class=\"quiz-result\" role=\"status\" aria-live=\"polite\"></div>\n</form>\n");
    h
}

/// An option's feedback; `attrs` marks its language (see [`Marks`]).
fn feedback(h: &mut String, id: &str, text: Option<&String>, attrs: &str) {
    if let Some(text) = text {
        h.push_str(&format!("<div class=\"feedback\" id=\"fb-{id}\"{attrs} hidden>{}</div>", render_inline(text)));
    }
}

/// One option: `label` (HTML) and its feedback, each with its language marks.
fn choice_input(h: &mut String, (qid, oid, input): (&str, &str, &str), (label, label_attrs): (&str, &str), (fb, fb_attrs): (Option<&String>, &str)) {
    let id = format!("{qid}-{oid}");
    h.push_str(&format!(
        "<div class=\"q-option\" data-oid=\"{oid}\"><input type=\"{input}\" name=\"{qid}\" id=\"{id}\" value=\"{oid}\"><label for=\"{id}\"{label_attrs}>{label}</label>"
    ));
    feedback(h, &id, fb, fb_attrs);
    h.push_str("</div>\n");
}

fn question_html(h: &mut String, n: usize, q: &Question, seed: &str, t: &Strings, marks: &Marks) {
    let marks = &*marks.question(&q.untranslated, &q.body);
    let qid = escape_html(&q.id);
    let ui = &marks.ui;
    let u: &Untranslated = &q.untranslated;
    let left_out = |untranslated: bool| marks.left_out(untranslated);
    let number = t.format("question_number", &[("n", &n.to_string())]);
    h.push_str(&format!("<li class=\"quiz-question\" id=\"q-{qid}\" data-qid=\"{qid}\" data-type=\"{}\"{}>\n<fieldset>\n", q.body.type_name(), marks.text));
    let points = if q.points == 1.0 {
        String::new()
    } else {
        format!(" <span class=\"q-points\"{}>({})</span>", marks.ui_of(t, "points"), escape_html(&t.plural("points", q.points, &[])))
    };
    h.push_str(&format!(
        "<legend><span class=\"q-number\"{}>{}</span> <span class=\"q-prompt\"{}>{}</span>{points}</legend>\n",
        marks.ui_of(t, "question_number"),
        escape_html(&number),
        left_out(u.prompt),
        render_inline(&q.prompt)
    ));
    let answer_html: String = match &q.body {
        Body::Single { options } | Body::Multiple { options, .. } => {
            let input = if matches!(q.body, Body::Single { .. }) { "radio" } else { "checkbox" };
            h.push_str("<div class=\"q-options\">\n");
            for (i, o) in options.iter().enumerate() {
                let oid = format!("o{}", i + 1);
                choice_input(h, (&qid, &oid, input), (&render_inline(&o.text), left_out(u.part(i, 0))), (o.feedback.as_ref(), left_out(u.part(i, 1))));
            }
            h.push_str("</div>\n");
            // "; " in most languages; the Arabic "؛ ", and in Greek "· " (";" is its question mark):
            // the quiz text's language's, in a quiz shown in the default language.
            let sep = if marks.text_lang.is_empty() { t.get("answers_separator") } else { t.get_in("answers_separator", &marks.text_lang) };
            let correct = options.iter().enumerate().filter(|(_, o)| o.correct).map(|(i, o)| marks.span(render_inline(&o.text), u.part(i, 0)));
            correct.collect::<Vec<_>>().join(&escape_html(&sep))
        }
        Body::TrueFalse { answer, feedback_true, feedback_false } => {
            h.push_str("<div class=\"q-options\">\n");
            let word = |key: &str| format!("<span{}>{}</span>", marks.ui_of(t, key), escape_html(&t.get(key)));
            choice_input(h, (&qid, "true", "radio"), (&word("answer_true"), ""), (feedback_true.as_ref(), left_out(u.feedback[0])));
            choice_input(h, (&qid, "false", "radio"), (&word("answer_false"), ""), (feedback_false.as_ref(), left_out(u.feedback[1])));
            h.push_str("</div>\n");
            // An interface word: on a fallback quiz it carries the page's language.
            let key = if *answer { "answer_true" } else { "answer_false" };
            let mark = marks.ui_of(t, key);
            if mark.is_empty() {
                escape_html(&t.get(key))
            } else {
                word(key)
            }
        }
        Body::FillIn { answers, .. } => {
            h.push_str(&format!(
                "<div class=\"q-fill\"><label for=\"{qid}-input\"{}>{}</label><input type=\"text\" id=\"{qid}-input\" name=\"{qid}\" autocomplete=\"off\" spellcheck=\"false\"></div>\n",
                marks.ui_of(t, "your_answer"),
                escape_html(&t.get("your_answer"))
            ));
            marks.span(answers.iter().map(|a| escape_html(a)).collect::<Vec<_>>().join(" / "), u.answers)
        }
        Body::Matching { pairs, .. } => {
            let rights = scrambled(&format!("{seed}#{}", q.id), pairs.len(), |i| pairs[i].1.clone());
            for (i, (left, _)) in pairs.iter().enumerate() {
                let l = format!("l{}", i + 1);
                h.push_str(&format!(
                    "<div class=\"q-match\" data-left=\"{l}\"><label for=\"{qid}-{l}\"{}>{}</label><select id=\"{qid}-{l}\" name=\"{qid}-{l}\" data-left=\"{l}\"><option value=\"\"{}>{}</option>",
                    left_out(u.part(i, 0)),
                    render_inline(left),
                    marks.ui_of(t, "choose"),
                    escape_html(&t.get("choose"))
                ));
                for &r in &rights {
                    // Options hold text only: the smart punctuation of inline Markdown, no markup.
                    let text = escape_html(&crate::markdown::smart_text(&pairs[r].1));
                    h.push_str(&format!("<option value=\"r{}\"{}>{text}</option>", r + 1, left_out(u.part(r, 1))));
                }
                h.push_str("</select></div>\n");
            }
            // The arrow points the reading way (mirrored right-to-left, see kyklos.css); a screen
            // reader hears "term: meaning".
            let items: String = pairs
                .iter()
                .enumerate()
                .map(|(i, (l, r))| {
                    // A pair left out whole reads from its own side: marked on its item.
                    let (item, left, right) = match (u.part(i, 0), u.part(i, 1)) {
                        (true, true) => (marks.left_out(true), render_inline(l), render_inline(r)),
                        (a, b) => ("", marks.span(render_inline(l), a), marks.span(render_inline(r), b)),
                    };
                    format!("<li{item}>{left} <span class=\"q-pair-arrow\" aria-hidden=\"true\">→</span><span class=\"visually-hidden\">:</span> {right}</li>")
                })
                .collect();
            format!("<ul class=\"q-answer-list\">{items}</ul>")
        }
        Body::Ordering { items, .. } => {
            let shown = scrambled(&format!("{seed}#{}", q.id), items.len(), |i| items[i].clone());
            for &i in &shown {
                let item = format!("i{}", i + 1);
                h.push_str(&format!(
                    "<div class=\"q-order\" data-item=\"{item}\"><label for=\"{qid}-{item}\"{}>{}</label><select id=\"{qid}-{item}\" name=\"{qid}-{item}\" data-item=\"{item}\"><option value=\"\"{}>{}</option>",
                    left_out(u.part(i, 0)),
                    render_inline(&items[i]),
                    marks.ui_of(t, "choose_position"),
                    escape_html(&t.get("choose_position"))
                ));
                for p in 1..=items.len() {
                    h.push_str(&format!("<option value=\"{p}\">{p}</option>"));
                }
                h.push_str("</select></div>\n");
            }
            let list: String = items.iter().enumerate().map(|(i, text)| format!("<li{}>{}</li>", left_out(u.part(i, 0)), render_inline(text))).collect();
            format!("<ol class=\"q-answer-list\">{list}</ol>")
        }
    };
    h.push_str(&format!("<p class=\"q-result\"{ui} hidden></p>\n"));
    if let Some(e) = &q.explanation {
        h.push_str(&format!("<div class=\"explanation\"{} hidden>{}</div>\n", left_out(u.explanation), render_inline(e)));
    }
    h.push_str(&format!(
        "<div class=\"q-answer\" hidden><span{}>{}</span> {answer_html}</div>\n",
        marks.ui_of(t, "correct_answer"),
        escape_html(&t.get("correct_answer"))
    ));
    h.push_str("</fieldset>\n</li>\n");
}

/// A quiz as a printable question sheet: every question with empty boxes and lines to write
/// on, and nothing of the answer key (no correct marks, feedback, explanations or data).
/// Matching and ordering show their items in the same scrambled order as the online form.
pub fn question_sheet(quiz: &Quiz, t: &Strings, marks: &Marks) -> String {
    let mut h = String::with_capacity(2048);
    h.push_str(&format!("<p class=\"sheet-note\"{}>{}</p>\n<ol class=\"sheet-questions\">\n", marks.ui_of(t, "sheet_note"), escape_html(&t.get("sheet_note"))));
    for q in &quiz.questions {
        let u = &q.untranslated;
        let marks = &*marks.question(u, &q.body);
        let prompt = marks.span(render_inline(&q.prompt), u.prompt);
        h.push_str(&format!("<li class=\"sheet-question\"{}>\n<p class=\"sheet-prompt\">{prompt}", marks.text));
        if q.points != 1.0 {
            h.push_str(&format!(" <span class=\"q-points\"{}>({})</span>", marks.ui_of(t, "points"), escape_html(&t.plural("points", q.points, &[]))));
        }
        h.push_str("</p>\n");
        let boxes = |h: &mut String, texts: &mut dyn Iterator<Item = String>, shape: &str| {
            h.push_str(&format!("<ul class=\"sheet-options sheet-{shape}\">"));
            for text in texts {
                h.push_str(&format!("<li><span class=\"sheet-box\" aria-hidden=\"true\"></span> {text}</li>"));
            }
            h.push_str("</ul>\n");
        };
        let option = |(i, o): (usize, &crate::model::quiz::Choice)| marks.span(render_inline(&o.text), u.part(i, 0));
        match &q.body {
            Body::Single { options } => boxes(&mut h, &mut options.iter().enumerate().map(option), "round"),
            Body::Multiple { options, .. } => {
                h.push_str(&format!("<p class=\"sheet-hint\"{}>{}</p>", marks.ui_of(t, "sheet_multiple"), escape_html(&t.get("sheet_multiple"))));
                boxes(&mut h, &mut options.iter().enumerate().map(option), "square");
            }
            Body::TrueFalse { .. } => boxes(
                &mut h,
                &mut ["answer_true", "answer_false"].iter().map(|k| format!("<span{}>{}</span>", marks.ui_of(t, k), escape_html(&t.get(k)))),
                "round",
            ),
            Body::FillIn { .. } => {
                h.push_str(&format!("<p class=\"sheet-line\"{}>{}</p>\n", marks.ui_of(t, "your_answer"), escape_html(&t.get("your_answer"))))
            }
            Body::Matching { pairs, .. } => {
                let rights = scrambled(&format!("{}#{}", quiz.rel, q.id), pairs.len(), |i| pairs[i].1.clone());
                h.push_str(&format!(
                    "<p class=\"sheet-hint\"{}>{}</p>\n<div class=\"sheet-match\"><ol class=\"sheet-lefts\">",
                    marks.ui_of(t, "sheet_match"),
                    escape_html(&t.get("sheet_match"))
                ));
                for (i, (left, _)) in pairs.iter().enumerate() {
                    h.push_str(&format!("<li>{} <span class=\"sheet-blank\" aria-hidden=\"true\"></span></li>", marks.span(render_inline(left), u.part(i, 0))));
                }
                h.push_str("</ol><ol class=\"sheet-rights\" type=\"A\">");
                for &r in &rights {
                    h.push_str(&format!("<li{}>{}</li>", marks.left_out(u.part(r, 1)), render_inline(&pairs[r].1)));
                }
                h.push_str("</ol></div>\n");
            }
            Body::Ordering { items, .. } => {
                let shown = scrambled(&format!("{}#{}", quiz.rel, q.id), items.len(), |i| items[i].clone());
                h.push_str(&format!("<p class=\"sheet-hint\"{}>{}</p>", marks.ui_of(t, "sheet_order"), escape_html(&t.get("sheet_order"))));
                boxes(&mut h, &mut shown.iter().map(|&i| marks.span(render_inline(&items[i]), u.part(i, 0))), "number");
            }
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ol>\n");
    h
}

/// Renders a quiz page inside its module (`section`), for the site or a package.
pub fn render_quiz(
    cx: &LangContext<'_>,
    theme: &Theme,
    section: PageId,
    quiz: &Quiz,
    extra: ExtraSteps<'_>,
    package: Option<&PackageScope>,
) -> Result<String, String> {
    let key = format!("{}/{}", cx.lang.lang.code, quiz.url);
    let form = quiz_form(quiz, &key, cx.strings, &cx.quiz_marks(quiz));
    let questions = cx.strings.count("questions", quiz.questions.len());
    let intro = cx.strings.format("quiz_intro", &[("questions", &questions), ("pass", &cx.strings.decimal("quiz_intro", quiz.pass_mark))]);
    let description = quiz.description.clone();
    let subject = Subject {
        id: section,
        here: &quiz.url,
        title: &quiz.title,
        title_html: None,
        description: description.as_deref(),
        kind: "quiz",
        content: &form,
        is_step: true,
        package,
        text: quiz.text,
        title_fallback: quiz.title_untranslated,
        title_string: None,
        outdated: quiz.outdated,
    };
    let mut v = view(cx, &subject, extra);
    v.position = Some(intro);
    v.position_key = "quiz_intro";
    // A translation without its own description or title shows the original's: marked as such.
    let default = cx.site.config.default_language();
    let original = cx.site.langs.iter().find(|l| l.lang.code == default.code).and_then(|l| l.quizzes.iter().find(|q| q.rel == quiz.rel));
    if v.content_lang.is_none() && cx.lang.lang.code != default.code {
        if original.is_some_and(|o| o.description.is_some() && o.description == quiz.description) {
            v.lede_lang = Some(default.code.clone());
            v.lede_dir = Some(default.direction.as_str());
        }
        if quiz.title_untranslated {
            v.title_lang = Some(default.code.clone());
            v.title_dir = Some(default.direction.as_str());
        }
    }
    render_view(cx, theme, &v)
}

#[cfg(test)]
mod tests;
