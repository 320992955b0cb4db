//! GIFT: Moodle's plain-text question format (*Question bank → Import → GIFT format*).
//!
//! Follows the grammar of Moodle's importer (`question/format/gift/format.php`): questions are
//! separated by blank lines, `//` starts a comment line, `::name::` names a question, `[html]`
//! sets the text format, the answers sit in `{…}`; inside texts `~ = # { } :` and `\` are
//! escaped with a backslash and a line break is written `\n`, so every question stays on its
//! lines and no text can end a block early.
//!
//! Types: `single` → `{=right ~wrong}`, `multiple` → `{~%33.33333%right ~%-100%wrong}` (the
//! same grades as Moodle XML, [`super::choice_fractions`]), `true_false` → `{TRUE#…#…}`,
//! `fill_in` → `{=%100%answer}`, `matching` → `{=left -> right}`. GIFT cannot express
//! `ordering`, nor a fill-in answer that contains `->` (GIFT would read it as matching): such
//! questions are listed at the top of the file as skipped, with the reason. GIFT has no
//! question weight either: a question's points are written as a comment (set the mark in the
//! quiz). The category line is `$CATEGORY: $course$/top/<course>/<module>`.

use super::moodle_xml::category_path;
use super::{choice_fractions, number, percent, plain, question_name, source_of, Bank};
use crate::model::quiz::{Body, Question};

/// The GIFT file of one quiz.
pub fn gift(bank: &Bank<'_>) -> Vec<u8> {
    let quiz = bank.quiz;
    let mut g = String::with_capacity(8192);
    g.push_str(&format!("// {} ({}): GIFT written by kyklos from {}.\n", line(&quiz.title), line(&bank.lang), line(&source_of(quiz))));
    g.push_str("// Import it in Moodle under Question bank > Import > GIFT format.\n");
    g.push_str("// GIFT has no question weights: every question imports with mark 1; each question's points are in a comment.\n");
    let skipped: Vec<(&Question, &str)> = quiz.questions.iter().filter_map(|q| skip_reason(q).map(|r| (q, r))).collect();
    for (q, reason) in &skipped {
        g.push_str(&format!("// skipped: {} ({}): {reason}; the Moodle XML file has it.\n", line(&q.id), q.body.type_name()));
    }
    // Moodle reads the category line without undoing escapes, so nothing in it can be escaped:
    // a backslash in a name becomes a slash (the path separator, doubled as a literal slash).
    let names: Vec<String> = bank.category.iter().map(|n| n.replace('\\', "/")).collect();
    g.push_str(&format!("\n$CATEGORY: {}\n", line(&category_path(&names))));
    for q in &quiz.questions {
        if skip_reason(q).is_some() {
            continue;
        }
        g.push('\n');
        question(&mut g, bank, q);
    }
    g.into_bytes()
}

/// Why GIFT cannot carry a question, if it cannot.
pub fn skip_reason(q: &Question) -> Option<&'static str> {
    match &q.body {
        Body::Ordering { .. } => Some("GIFT has no ordering question"),
        Body::FillIn { answers, .. } if answers.iter().any(|a| a.contains("->")) => {
            Some("an accepted answer contains `->`, which GIFT reads as a matching pair")
        }
        _ => None,
    }
}

/// Escapes GIFT's special characters (`~ = # { } :` and `\`) and writes line breaks as `\n`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in super::xml_safe(s).trim().chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// HTML text with its format: `[html]` is written only where the text would otherwise start
/// with `[` (which GIFT would read as a format name); the question's own `[html]` makes it the
/// default for its answers and feedback.
/// A quiz text as HTML for GIFT, marked with the original's language when the translation
/// leaves it out (the question is `[html]`, so its answers and feedback are HTML too).
fn html_text(bank: &Bank<'_>, markdown: &str, untranslated: bool) -> String {
    gift_html(&bank.html(markdown, untranslated))
}

/// HTML escaped for GIFT, with `[html]` in front where it starts with `[` (a format name).
fn gift_html(html: &str) -> String {
    let text = escape(html);
    if text.starts_with('[') {
        format!("[html]{text}")
    } else {
        text
    }
}

/// Text for a comment line.
fn line(s: &str) -> String {
    super::xml_safe(s).replace('\n', " ")
}

fn feedback(bank: &Bank<'_>, text: Option<&String>, untranslated: bool) -> String {
    match text.map(|t| html_text(bank, t, untranslated)).filter(|t| !t.is_empty()) {
        Some(t) => format!("#{t}"),
        None => String::new(),
    }
}

fn question(g: &mut String, bank: &Bank<'_>, q: &Question) {
    g.push_str(&format!("// [id:{}-{}]\n", bank.id, q.id));
    let case = if matches!(q.body, Body::FillIn { case_sensitive: true, .. }) { "; case-sensitive on the site, but GIFT imports it ignoring case" } else { "" };
    // The comments are English: "1 point", "2 points", "0.5 points".
    let points = number(q.points);
    let unit = if points == "1" { "point" } else { "points" };
    g.push_str(&format!("// {} ({}), {points} {unit}{case}\n", line(&q.id), q.body.type_name()));
    let u = &q.untranslated;
    g.push_str(&format!("::{}::[html]{}{{\n", escape(&question_name(q)), escape(&bank.html(&q.prompt, u.prompt))));
    match &q.body {
        Body::Single { options } => {
            for (i, o) in options.iter().enumerate() {
                // `~%0%` keeps an option whose text starts with `%n%` from being read as a weight.
                let mark = if o.correct { "=" } else { "~%0%" };
                g.push_str(&format!("\t{mark}{}{}\n", html_text(bank, &o.text, u.part(i, 0)), feedback(bank, o.feedback.as_ref(), u.part(i, 1))));
            }
        }
        Body::Multiple { options, partial_credit } => {
            for (i, (o, f)) in options.iter().zip(choice_fractions(options, *partial_credit)).enumerate() {
                g.push_str(&format!("\t~%{}%{}{}\n", percent(f), html_text(bank, &o.text, u.part(i, 0)), feedback(bank, o.feedback.as_ref(), u.part(i, 1))));
            }
        }
        Body::TrueFalse { answer, feedback_true, feedback_false } => {
            // Moodle reads `{TRUE#wrong#right}`: the feedback for the wrong answer comes first.
            let (f_true, f_false) = ((feedback_true, u.feedback[0]), (feedback_false, u.feedback[1]));
            let (word, wrong, right) = if *answer { ("TRUE", f_false, f_true) } else { ("FALSE", f_true, f_false) };
            let text = |(f, untranslated): (&Option<String>, bool)| f.as_deref().map(|f| html_text(bank, f, untranslated)).unwrap_or_default();
            g.push_str(&format!("\t{word}#{}#{}\n", text(wrong), text(right)));
        }
        Body::FillIn { answers, .. } => {
            // A dash respelled as `-` must not make `->`, which GIFT reads as a matching pair.
            for a in super::spellings::accepted(answers, super::spellings::wide_keyboard(&bank.lang)).iter().filter(|a| !a.contains("->")) {
                // Plain text as typed; `*` is Moodle's wildcard, `\*` a literal star.
                let literal = escape(a).replace('*', "\\*");
                let literal = if literal.starts_with('[') { format!("[plain]{literal}") } else { literal };
                g.push_str(&format!("\t=%100%{literal}\n"));
            }
        }
        Body::Matching { pairs, .. } => {
            for (i, (left, right)) in pairs.iter().enumerate() {
                g.push_str(&format!("\t={} -> {}\n", html_text(bank, left, u.part(i, 0)), escape(&plain(right))));
            }
        }
        Body::Ordering { .. } => {}
    }
    if let Some(e) = q.explanation.as_deref().map(|e| html_text(bank, e, u.explanation)).filter(|e| !e.is_empty()) {
        g.push_str(&format!("\t####{e}\n"));
    }
    g.push_str("}\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(escape(r"a~b=c#d{e}f:g\h"), r"a\~b\=c\#d\{e\}f\:g\\h");
        assert_eq!(escape("one\r\ntwo"), r"one\ntwo");
        assert_eq!(gift_html(&super::super::html("[1] x")), "[html][1] x");
    }
}
