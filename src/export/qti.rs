//! QTI 2.1 item bank: a content package (zip) with `imsmanifest.xml` (IMS CP 1.1, one
//! `imsqti_item_xmlv2p1` resource per question) and one `assessmentItem` per question in
//! `items/`, for platforms that import QTI (Canvas, ILIAS, Blackboard, TAO, …).
//!
//! Every item declares `RESPONSE` with its correct response, `SCORE` (points earned),
//! `MAXSCORE` (the question's points) and `FEEDBACK`, and scores in its own response
//! processing exactly as kyklos does: `single`, `true_false` → choice; `multiple` → choice with
//! a mapping (±points/k, bounded 0…points) or all-or-nothing; `fill_in` → text entry with a
//! mapping of the accepted answers (case as in the quiz); `matching` → match interaction
//! (directed pairs, points/n each or all-or-nothing); `ordering` → order interaction (points/n
//! per item in its place, or all-or-nothing). Per-option feedback and the explanation are
//! modal feedback. Texts are the same HTML as on the site, in the XHTML subset QTI allows.

use super::{html, number, plain, xml_escape, xml_safe, Bank};
use crate::model::quiz::{Body, Choice, Question, Shuffle};

const QTI_NS: &str = "http://www.imsglobal.org/xsd/imsqti_v2p1";
const QTI_XSD: &str = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd";

/// The QTI 2.1 zip of one quiz (deterministic).
pub fn qti_package(bank: &Bank<'_>) -> Result<Vec<u8>, String> {
    let mut files = vec![("imsmanifest.xml".to_string(), manifest(bank).into_bytes())];
    for (n, q) in bank.quiz.questions.iter().enumerate() {
        files.push((item_path(n), item(bank, q).into_bytes()));
    }
    crate::scorm::zip(&files).map_err(|e| e.to_string())
}

/// `items/q01.xml`: by position (question ids may hold characters a path should not).
fn item_path(n: usize) -> String {
    format!("items/q{:02}.xml", n + 1)
}

fn item_id(bank: &Bank<'_>, q: &Question) -> String {
    crate::scorm::xml_id(&format!("{}-{}", bank.id, q.id))
}

/// The package manifest: one resource per item.
pub fn manifest(bank: &Bank<'_>) -> String {
    let mut m = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    m.push_str(&format!(
        "<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" identifier=\"{}\" xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd\">\n",
        crate::scorm::xml_id(&format!("{}-manifest", bank.id))
    ));
    m.push_str(
        "  <metadata>\n    <schema>QTIv2.1 Package</schema>\n    <schemaversion>1.0.0</schemaversion>\n  </metadata>\n  <organizations/>\n  <resources>\n",
    );
    for (n, q) in bank.quiz.questions.iter().enumerate() {
        let path = item_path(n);
        m.push_str(&format!(
            "    <resource identifier=\"{}\" type=\"imsqti_item_xmlv2p1\" href=\"{path}\">\n      <file href=\"{path}\"/>\n    </resource>\n",
            item_id(bank, q)
        ));
    }
    m.push_str("  </resources>\n</manifest>\n");
    m
}

/// Inline Markdown → HTML in QTI's XHTML subset (no `del`, no `ol start`).
fn xhtml(markdown: &str) -> String {
    let h = xml_safe(&html(markdown));
    let h = h.replace("<del>", "<span class=\"del\">").replace("</del>", "</span>");
    // Inline rendering drops paragraphs, but a QTI blockquote holds blocks only.
    let h = h.replace("<blockquote>", "<blockquote><div>").replace("</blockquote>", "</div></blockquote>");
    let mut out = String::with_capacity(h.len());
    let mut rest = h.as_str();
    while let Some(i) = rest.find("<ol start=\"") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 11..];
        let end = after.find("\">").map_or(after.len(), |e| e + 2);
        out.push_str("<ol>");
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The languages of one item's texts: the item's own (`xml:lang` of `assessmentItem`), the
/// translation's, the original's (for texts the translation leaves out) and the labels'.
struct Langs<'a> {
    item: &'a str,
    bank: &'a str,
    original: Option<&'a str>,
    labels: &'a str,
}

impl Langs<'_> {
    /// ` xml:lang="…"` for an element whose text is the original's (`untranslated`) or the
    /// translation's, where that differs from the item's; empty otherwise.
    fn text(&self, untranslated: bool) -> String {
        let lang = if untranslated { self.original.unwrap_or(self.bank) } else { self.bank };
        Self::attr(self.item, lang)
    }

    fn attr(item: &str, lang: &str) -> String {
        if item == lang {
            String::new()
        } else {
            format!(" xml:lang=\"{}\"", xml_escape(lang))
        }
    }
}

/// One question as an `assessmentItem`. Its `xml:lang` is the translation's, or the
/// original's for a question the translation leaves out entirely; any text in the other
/// language carries its own `xml:lang` (QTI 2.1 has no `dir`).
pub fn item(bank: &Bank<'_>, q: &Question) -> String {
    let original = bank.original.as_ref().map(|o| o.0.as_str());
    let whole = original.is_some() && q.untranslated == crate::model::quiz::Untranslated::all(&q.body);
    let labels = bank.labels.lang.as_ref().map_or(bank.lang.as_str(), |l| l.0.as_str());
    let langs = Langs { item: if whole { original.unwrap_or(&bank.lang) } else { &bank.lang }, bank: &bank.lang, original, labels };
    let u = &q.untranslated;
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!(
        "<assessmentItem xmlns=\"{QTI_NS}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"{QTI_NS} {QTI_XSD}\" identifier=\"{}\" title=\"{}\" xml:lang=\"{}\" adaptive=\"false\" timeDependent=\"false\" toolName=\"kyklos\">\n",
        item_id(bank, q),
        xml_escape(&super::question_name(q)),
        xml_escape(langs.item)
    ));
    let shuffle = matches!(bank.quiz.shuffle, Shuffle::Options | Shuffle::All);
    let points = number(q.points);
    match &q.body {
        Body::Single { options } => {
            declare(&mut x, "single", "identifier", &correct_ids(options), None);
            outcomes(&mut x, &points);
            body_start(&mut x, q, &langs);
            choices(&mut x, q, options, 1, shuffle, &langs);
        }
        Body::Multiple { options, partial_credit } => {
            let mapping = partial_credit.then(|| {
                // Exact shares (QTI has no list of allowed grades, unlike Moodle).
                let k = options.iter().filter(|o| o.correct).count().max(1) as f64;
                let entries: Vec<(String, String)> =
                    options.iter().enumerate().map(|(i, o)| (format!("o{}", i + 1), number(if o.correct { q.points / k } else { -q.points / k }))).collect();
                mapping_xml(&entries, &points, false)
            });
            declare(&mut x, "multiple", "identifier", &correct_ids(options), mapping.as_deref());
            outcomes(&mut x, &points);
            body_start(&mut x, q, &langs);
            choices(&mut x, q, options, 0, shuffle, &langs);
        }
        Body::TrueFalse { answer, .. } => {
            declare(&mut x, "single", "identifier", &[answer.to_string()], None);
            outcomes(&mut x, &points);
            body_start(&mut x, q, &langs);
            x.push_str("    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"false\" maxChoices=\"1\">\n");
            let mark = Langs::attr(langs.item, langs.labels);
            for (id, label) in [("true", &bank.labels.answer_true), ("false", &bank.labels.answer_false)] {
                x.push_str(&format!("      <simpleChoice identifier=\"{id}\"{mark}>{}</simpleChoice>\n", xml_escape(label)));
            }
            x.push_str("    </choiceInteraction>\n");
        }
        Body::FillIn { answers, case_sensitive } => {
            // Each spelling once (in any case, unless case counts); a set, so that a question of
            // thousands of answers is not compared pair by pair.
            let mut keys: Vec<String> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for a in super::spellings::accepted(answers, super::spellings::wide_keyboard(&bank.lang)) {
                let a = xml_safe(&a);
                if seen.insert(if *case_sensitive { a.clone() } else { a.to_lowercase() }) {
                    keys.push(a);
                }
            }
            let entries: Vec<(String, String)> = keys.iter().map(|k| (k.clone(), points.clone())).collect();
            let mapping = mapping_xml(&entries, &points, *case_sensitive);
            declare(&mut x, "single", "string", &keys[..keys.len().min(1)], Some(&mapping));
            outcomes(&mut x, &points);
            body_start(&mut x, q, &langs);
            let longest = keys.iter().map(|k| k.chars().count()).max().unwrap_or(10).max(10);
            x.push_str(&format!("    <p><textEntryInteraction responseIdentifier=\"RESPONSE\" expectedLength=\"{longest}\"/></p>\n"));
        }
        Body::Matching { pairs, partial_credit } => {
            let n = pairs.len();
            let correct: Vec<String> = (1..=n).map(|i| format!("l{i} r{i}")).collect();
            let mapping = partial_credit.then(|| {
                let share = number(q.points / n as f64);
                mapping_xml(&correct.iter().map(|c| (c.clone(), share.clone())).collect::<Vec<_>>(), &points, false)
            });
            declare(&mut x, "multiple", "directedPair", &correct, mapping.as_deref());
            outcomes(&mut x, &points);
            body_start(&mut x, q, &langs);
            x.push_str(&format!("    <matchInteraction responseIdentifier=\"RESPONSE\" shuffle=\"true\" maxAssociations=\"{n}\">\n      <simpleMatchSet>\n"));
            for (i, (left, _)) in pairs.iter().enumerate() {
                x.push_str(&format!(
                    "        <simpleAssociableChoice identifier=\"l{}\" matchMax=\"1\"{}>{}</simpleAssociableChoice>\n",
                    i + 1,
                    langs.text(u.part(i, 0)),
                    xhtml(left)
                ));
            }
            x.push_str("      </simpleMatchSet>\n      <simpleMatchSet>\n");
            for (i, (_, right)) in pairs.iter().enumerate() {
                x.push_str(&format!(
                    "        <simpleAssociableChoice identifier=\"r{}\" matchMax=\"1\"{}>{}</simpleAssociableChoice>\n",
                    i + 1,
                    langs.text(u.part(i, 1)),
                    xml_escape(&plain(right))
                ));
            }
            x.push_str("      </simpleMatchSet>\n    </matchInteraction>\n");
        }
        Body::Ordering { items, .. } => {
            let order: Vec<String> = (1..=items.len()).map(|i| format!("i{i}")).collect();
            declare(&mut x, "ordered", "identifier", &order, None);
            outcomes(&mut x, &points);
            body_start(&mut x, q, &langs);
            x.push_str("    <orderInteraction responseIdentifier=\"RESPONSE\" shuffle=\"true\">\n");
            for (i, item) in items.iter().enumerate() {
                x.push_str(&format!("      <simpleChoice identifier=\"i{}\"{}>{}</simpleChoice>\n", i + 1, langs.text(u.part(i, 0)), xhtml(item)));
            }
            x.push_str("    </orderInteraction>\n");
        }
    }
    x.push_str("  </itemBody>\n");
    processing(&mut x, q, &points);
    feedback(&mut x, q, &langs);
    x.push_str("</assessmentItem>\n");
    x
}

fn correct_ids(options: &[Choice]) -> Vec<String> {
    options.iter().enumerate().filter(|(_, o)| o.correct).map(|(i, _)| format!("o{}", i + 1)).collect()
}

fn declare(x: &mut String, cardinality: &str, base: &str, correct: &[String], mapping: Option<&str>) {
    x.push_str(&format!("  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"{cardinality}\" baseType=\"{base}\">\n    <correctResponse>\n"));
    for c in correct {
        x.push_str(&format!("      <value>{}</value>\n", xml_escape(c)));
    }
    x.push_str("    </correctResponse>\n");
    if let Some(m) = mapping {
        x.push_str(m);
    }
    x.push_str("  </responseDeclaration>\n");
}

fn mapping_xml(entries: &[(String, String)], upper: &str, case_sensitive: bool) -> String {
    let mut m = format!("    <mapping lowerBound=\"0\" upperBound=\"{upper}\" defaultValue=\"0\">\n");
    for (key, value) in entries {
        m.push_str(&format!("      <mapEntry mapKey=\"{}\" mappedValue=\"{value}\" caseSensitive=\"{case_sensitive}\"/>\n", xml_escape(key)));
    }
    m.push_str("    </mapping>\n");
    m
}

fn outcomes(x: &mut String, points: &str) {
    x.push_str("  <outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\">\n    <defaultValue><value>0</value></defaultValue>\n  </outcomeDeclaration>\n");
    x.push_str(&format!(
        "  <outcomeDeclaration identifier=\"MAXSCORE\" cardinality=\"single\" baseType=\"float\">\n    <defaultValue><value>{points}</value></defaultValue>\n  </outcomeDeclaration>\n"
    ));
    x.push_str("  <outcomeDeclaration identifier=\"FEEDBACK\" cardinality=\"multiple\" baseType=\"identifier\"/>\n");
}

fn body_start(x: &mut String, q: &Question, langs: &Langs<'_>) {
    x.push_str(&format!("  <itemBody>\n    <div class=\"prompt\"{}>{}</div>\n", langs.text(q.untranslated.prompt), xhtml(&q.prompt)));
}

fn choices(x: &mut String, q: &Question, options: &[Choice], max: usize, shuffle: bool, langs: &Langs<'_>) {
    x.push_str(&format!("    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"{shuffle}\" maxChoices=\"{max}\">\n"));
    for (i, o) in options.iter().enumerate() {
        let mark = langs.text(q.untranslated.part(i, 0));
        x.push_str(&format!("      <simpleChoice identifier=\"o{}\"{mark}>{}</simpleChoice>\n", i + 1, xhtml(&o.text)));
    }
    x.push_str("    </choiceInteraction>\n");
}

fn set_score(expr: &str) -> String {
    format!("<setOutcomeValue identifier=\"SCORE\">{expr}</setOutcomeValue>")
}

fn processing(x: &mut String, q: &Question, points: &str) {
    let full = set_score(&format!("<baseValue baseType=\"float\">{points}</baseValue>"));
    let zero = set_score("<baseValue baseType=\"float\">0</baseValue>");
    let null = "<isNull><variable identifier=\"RESPONSE\"/></isNull>";
    let mapped = matches!(&q.body, Body::Multiple { partial_credit: true, .. } | Body::Matching { partial_credit: true, .. } | Body::FillIn { .. });
    x.push_str("  <responseProcessing>\n    <responseCondition>\n");
    x.push_str(&format!("      <responseIf>{null}{zero}</responseIf>\n"));
    match &q.body {
        _ if mapped => x.push_str(&format!("      <responseElse>{}</responseElse>\n", set_score("<mapResponse identifier=\"RESPONSE\"/>"))),
        Body::Ordering { items, partial_credit: true } => {
            // One share per item in its right place.
            let share = number(q.points / items.len() as f64);
            x.push_str("      <responseElse>");
            for i in 1..=items.len() {
                x.push_str(&format!(
                    "<responseCondition><responseIf><match><index n=\"{i}\"><variable identifier=\"RESPONSE\"/></index><baseValue baseType=\"identifier\">i{i}</baseValue></match>{}</responseIf></responseCondition>",
                    set_score(&format!("<sum><variable identifier=\"SCORE\"/><baseValue baseType=\"float\">{share}</baseValue></sum>"))
                ));
            }
            x.push_str("</responseElse>\n");
        }
        _ => {
            x.push_str(&format!(
                "      <responseElseIf><match><variable identifier=\"RESPONSE\"/><correct identifier=\"RESPONSE\"/></match>{full}</responseElseIf>\n"
            ));
            x.push_str(&format!("      <responseElse>{zero}</responseElse>\n"));
        }
    }
    x.push_str("    </responseCondition>\n");
    // Feedback: the chosen options' feedback (choice questions) and the explanation.
    let chosen = matches!(&q.body, Body::Single { .. } | Body::Multiple { .. } | Body::TrueFalse { .. });
    let explanation = "<baseValue baseType=\"identifier\">EXPLANATION</baseValue>";
    let value =
        if chosen { format!("<multiple><variable identifier=\"RESPONSE\"/>{explanation}</multiple>") } else { format!("<multiple>{explanation}</multiple>") };
    x.push_str(&format!("    <setOutcomeValue identifier=\"FEEDBACK\">{value}</setOutcomeValue>\n"));
    x.push_str("  </responseProcessing>\n");
}

fn feedback(x: &mut String, q: &Question, langs: &Langs<'_>) {
    let u = &q.untranslated;
    let mut modal = |id: &str, text: &str, untranslated: bool| {
        x.push_str(&format!(
            "  <modalFeedback outcomeIdentifier=\"FEEDBACK\" showHide=\"show\" identifier=\"{id}\"><div{}>{}</div></modalFeedback>\n",
            langs.text(untranslated),
            xhtml(text)
        ));
    };
    match &q.body {
        Body::Single { options } | Body::Multiple { options, .. } => {
            for (i, o) in options.iter().enumerate() {
                if let Some(f) = o.feedback.as_deref().filter(|f| !f.trim().is_empty()) {
                    modal(&format!("o{}", i + 1), f, u.part(i, 1));
                }
            }
        }
        Body::TrueFalse { feedback_true, feedback_false, .. } => {
            for (id, f, untranslated) in [("true", feedback_true, u.feedback[0]), ("false", feedback_false, u.feedback[1])] {
                if let Some(f) = f.as_deref().filter(|f| !f.trim().is_empty()) {
                    modal(id, f, untranslated);
                }
            }
        }
        _ => {}
    }
    if let Some(e) = q.explanation.as_deref().filter(|e| !e.trim().is_empty()) {
        modal("EXPLANATION", e, u.explanation);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xhtml_keeps_to_qtis_subset() {
        assert_eq!(xhtml("~~gone~~ *x*"), "<span class=\"del\">gone</span> <em>x</em>");
        assert!(!xhtml("3. three\n4. four").contains("start="));
    }
}
