//! Moodle XML: the question-bank format Moodle imports and exports itself
//! (*Question bank → Import → Moodle XML format*).
//!
//! One file per quiz: a `category` question (`$course$/top/<course>/<module>`), then one
//! question per kyklos question — `single`/`multiple` → `multichoice` (per-option feedback and
//! fractions, see [`super::choice_fractions`]), `true_false` → `truefalse`, `fill_in` →
//! `shortanswer`, `matching` → `matching`, `ordering` → `ordering` (a standard question type
//! since Moodle 4.4; older Moodles need the qtype_ordering plugin). `explanation` becomes the
//! general feedback, `points` the default mark. Every text goes into a CDATA section (a `]]>`
//! in a text is split across two sections): Moodle's XML reader drops the space between two
//! entity references (`&quot; &apos;`), so entity-escaped text would not arrive as written.

use super::{choice_fractions, number, percent, plain, question_name, source_of, xml_escape, xml_safe, Bank};
use crate::model::quiz::{Body, Choice, Question, Shuffle};

/// The Moodle XML file of one quiz.
pub fn moodle_xml(bank: &Bank<'_>) -> Vec<u8> {
    let quiz = bank.quiz;
    let mut x = String::with_capacity(8192);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!(
        "<!-- {} ({}): Moodle XML written by kyklos from {}. Import it in Moodle under Question bank > Import > Moodle XML format. -->\n",
        comment(&quiz.title),
        comment(&bank.lang),
        comment(&source_of(quiz))
    ));
    x.push_str("<quiz>\n");
    x.push_str("  <question type=\"category\">\n");
    x.push_str(&format!("    <category>{}</category>\n", cdata(&category_path(&bank.category))));
    x.push_str("    <info format=\"html\"><text></text></info>\n");
    x.push_str("  </question>\n");
    for q in &quiz.questions {
        question(&mut x, bank, q);
    }
    x.push_str("</quiz>\n");
    x.into_bytes()
}

/// `$course$/top/A/B`, with `/` inside a name doubled as Moodle's importer expects.
pub fn category_path(names: &[String]) -> String {
    let mut path = String::from("$course$/top");
    for name in names {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = name.trim_matches('/').replace('/', "//");
        if !name.is_empty() {
            path.push('/');
            path.push_str(&name);
        }
    }
    path
}

/// Text for an XML comment (no `--`).
fn comment(s: &str) -> String {
    xml_safe(s).replace("--", "- -").replace('\n', " ")
}

/// `<text>` with HTML in CDATA (`]]>` split across sections).
fn cdata(s: &str) -> String {
    let s = xml_safe(s);
    if s.is_empty() {
        return "<text></text>".into();
    }
    format!("<text><![CDATA[{}]]></text>", s.replace("]]>", "]]]]><![CDATA[>"))
}

/// `<tag format="html">` with a quiz text, marked with the original's language when the
/// translation leaves it out (`untranslated`).
fn html_field(bank: &Bank<'_>, tag: &str, markdown: &str, untranslated: bool, indent: &str) -> String {
    format!("{indent}<{tag} format=\"html\">{}</{tag}>\n", cdata(&bank.html(markdown, untranslated)))
}

fn question(x: &mut String, bank: &Bank<'_>, q: &Question) {
    let qtype = match &q.body {
        Body::Single { .. } | Body::Multiple { .. } => "multichoice",
        Body::TrueFalse { .. } => "truefalse",
        Body::FillIn { .. } => "shortanswer",
        Body::Matching { .. } => "matching",
        Body::Ordering { .. } => "ordering",
    };
    x.push_str(&format!("  <!-- {} ({}) -->\n", comment(&q.id), q.body.type_name()));
    x.push_str(&format!("  <question type=\"{qtype}\">\n"));
    x.push_str(&format!("    <name>{}</name>\n", cdata(&question_name(q))));
    let u = &q.untranslated;
    x.push_str(&html_field(bank, "questiontext", &q.prompt, u.prompt, "    "));
    x.push_str(&html_field(bank, "generalfeedback", q.explanation.as_deref().unwrap_or(""), u.explanation, "    "));
    x.push_str(&format!("    <defaultgrade>{}</defaultgrade>\n", number(q.points)));
    x.push_str("    <hidden>0</hidden>\n");
    x.push_str(&format!("    <idnumber>{}</idnumber>\n", xml_escape(&format!("{}-{}", bank.id, q.id))));
    let shuffle = matches!(bank.quiz.shuffle, Shuffle::Options | Shuffle::All);
    match &q.body {
        Body::Single { options } => multichoice(x, bank, q, options, true, false, shuffle),
        Body::Multiple { options, partial_credit } => multichoice(x, bank, q, options, false, *partial_credit, shuffle),
        Body::TrueFalse { answer, feedback_true, feedback_false } => {
            for (value, feedback, untranslated) in [(true, feedback_true, u.feedback[0]), (false, feedback_false, u.feedback[1])] {
                let fraction = if value == *answer { "100" } else { "0" };
                x.push_str(&format!("    <answer fraction=\"{fraction}\" format=\"moodle_auto_format\">\n      <text>{value}</text>\n"));
                x.push_str(&html_field(bank, "feedback", feedback.as_deref().unwrap_or(""), untranslated, "      "));
                x.push_str("    </answer>\n");
            }
        }
        Body::FillIn { answers, case_sensitive } => {
            x.push_str(&format!("    <usecase>{}</usecase>\n", u8::from(*case_sensitive)));
            for a in super::spellings::accepted(answers, super::spellings::wide_keyboard(&bank.lang)) {
                // `*` is Moodle's wildcard in short answers; `\*` is a literal star.
                let literal = a.replace('*', "\\*");
                x.push_str(&format!(
                    "    <answer fraction=\"100\" format=\"moodle_auto_format\">\n      {}\n      <feedback format=\"html\"><text></text></feedback>\n    </answer>\n",
                    cdata(&literal)
                ));
            }
        }
        Body::Matching { pairs, .. } => {
            x.push_str("    <shuffleanswers>true</shuffleanswers>\n");
            combined_feedback(x, bank);
            for (i, (left, right)) in pairs.iter().enumerate() {
                // The right-hand side is plain text in a menu: it cannot be marked.
                x.push_str("    <subquestion format=\"html\">\n");
                x.push_str(&format!("      {}\n", cdata(&bank.html(left, u.part(i, 0)))));
                x.push_str(&format!("      <answer>{}</answer>\n", cdata(&plain(right))));
                x.push_str("    </subquestion>\n");
            }
        }
        Body::Ordering { items, partial_credit } => {
            x.push_str("    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n");
            x.push_str(&format!("    <selectcount>{}</selectcount>\n", items.len()));
            let grading = if *partial_credit { "ABSOLUTE_POSITION" } else { "ALL_OR_NOTHING" };
            x.push_str(&format!("    <gradingtype>{grading}</gradingtype>\n    <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n"));
            combined_feedback(x, bank);
            x.push_str("    <shownumcorrect>1</shownumcorrect>\n");
            for (i, item) in items.iter().enumerate() {
                x.push_str(&format!("    <answer fraction=\"{}\" format=\"html\">{}</answer>\n", i + 1, cdata(&bank.html(item, u.part(i, 0)))));
            }
        }
    }
    x.push_str("  </question>\n");
}

fn multichoice(x: &mut String, bank: &Bank<'_>, q: &Question, options: &[Choice], single: bool, partial_credit: bool, shuffle: bool) {
    x.push_str(&format!("    <single>{single}</single>\n    <shuffleanswers>{shuffle}</shuffleanswers>\n"));
    x.push_str("    <answernumbering>none</answernumbering>\n    <showstandardinstruction>1</showstandardinstruction>\n");
    combined_feedback(x, bank);
    if !single {
        x.push_str("    <shownumcorrect/>\n");
    }
    let fractions = if single { options.iter().map(|o| if o.correct { 1.0 } else { 0.0 }).collect() } else { choice_fractions(options, partial_credit) };
    let u = &q.untranslated;
    for (i, (o, f)) in options.iter().zip(fractions).enumerate() {
        x.push_str(&format!("    <answer fraction=\"{}\" format=\"html\">\n      {}\n", percent(f), cdata(&bank.html(&o.text, u.part(i, 0)))));
        x.push_str(&html_field(bank, "feedback", o.feedback.as_deref().unwrap_or(""), u.part(i, 1), "      "));
        x.push_str("    </answer>\n");
    }
}

fn combined_feedback(x: &mut String, bank: &Bank<'_>) {
    let l = &bank.labels;
    for (tag, text) in [("correctfeedback", &l.correct), ("partiallycorrectfeedback", &l.partly), ("incorrectfeedback", &l.incorrect)] {
        let lang = l.lang.as_ref().map(|(c, d)| (c.as_str(), *d));
        x.push_str(&format!("    <{tag} format=\"html\">{}</{tag}>\n", cdata(&super::marked_html(crate::markdown::escape_html(text), lang))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_paths_escape_slashes() {
        assert_eq!(category_path(&["Course A/B".into(), " Module  1 ".into()]), "$course$/top/Course A//B/Module 1");
        assert_eq!(cdata("a]]>b"), "<text><![CDATA[a]]]]><![CDATA[>b]]></text>");
        assert_eq!(comment("a--b"), "a- -b");
    }
}
