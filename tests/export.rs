//! Quiz exports: Moodle XML read back field by field (roxmltree), GIFT read back by a reader of
//! Moodle's GIFT grammar (`export_support/gift.rs`), QTI 2.1 items and manifest validated
//! against the official XSDs (xmllint), hostile text through every format, and the files a
//! real build writes and lists on the Downloads page.

mod common;
#[path = "export_support/gift.rs"]
mod gift_reader;

use std::path::PathBuf;

use kyklos::export::{self, gift, moodle_xml, qti, Bank, Labels};
use kyklos::model::quiz::{Body, Choice, Question, Quiz, ShowAnswers, Shuffle};
use kyklos::model::TextStatus;

/// Text that breaks naive exporters: XML, CDATA, GIFT and HTML specials, quotes, scripts,
/// Greek and Arabic.
const HOSTILE: &str = r#"Quote "double" 'single' {braces} </script> ]]> ~=#{}: a\b \n [x] * Ελληνικά: ναι; العربية: نعم & <b>bold</b>"#;

fn choice(text: &str, correct: bool, feedback: Option<&str>) -> Choice {
    Choice { text: text.into(), correct, feedback: feedback.map(Into::into) }
}

fn question(id: &str, points: f64, body: Body) -> Question {
    Question {
        id: id.into(),
        prompt: format!("{id}: {HOSTILE}"),
        points,
        explanation: Some(format!("Because {HOSTILE}")),
        body,
        untranslated: Default::default(),
    }
}

/// One question of each of the six types, every text hostile.
fn hostile_quiz() -> Quiz {
    let h = |s: &str| format!("{s} {HOSTILE}");
    Quiz {
        source: PathBuf::from("content/el/01-c/01-m/quiz.yaml"),
        rel: "01-c/01-m/quiz.yaml".into(),
        url: "c/m/quiz.html".into(),
        title: h("Quiz"),
        description: None,
        pass_mark: 70.0,
        shuffle: Shuffle::Options,
        max_attempts: 0,
        show_answers: ShowAnswers::AfterSubmit,
        questions: vec![
            question("single", 1.0, Body::Single { options: vec![choice(&h("right"), true, Some(&h("yes"))), choice(&h("wrong"), false, Some(&h("no")))] }),
            question(
                "multi",
                2.5,
                Body::Multiple {
                    options: vec![
                        choice(&h("a"), true, Some(&h("fa"))),
                        choice(&h("b"), true, None),
                        choice(&h("c"), true, None),
                        choice(&h("d"), false, Some(&h("fd"))),
                    ],
                    partial_credit: true,
                },
            ),
            question(
                "multi_strict",
                1.0,
                Body::Multiple { options: vec![choice("x", true, None), choice("y", true, None), choice("z", false, None)], partial_credit: false },
            ),
            question("tf", 1.0, Body::TrueFalse { answer: false, feedback_true: Some(h("chose true")), feedback_false: Some(h("chose false")) }),
            question("fill", 1.0, Body::FillIn { answers: vec![h("one"), "1951".into(), "a*b".into(), "сім'ю".into()], case_sensitive: true }),
            question(
                "match",
                3.0,
                Body::Matching { pairs: vec![(h("L1"), h("R1")), (h("L2"), h("R2")), ("L3".into(), "R3 -> x".into())], partial_credit: true },
            ),
            question("order", 1.0, Body::Ordering { items: vec![h("first"), h("second"), h("third")], partial_credit: true }),
        ],
        text: TextStatus::Translated,
        title_untranslated: false,
        outdated: false,
        hash: String::new(),
    }
}

/// The accepted answers of the hostile quiz's fill-in question in every keyboard's spelling (the
/// site accepts `сім’ю` and `сімʼю` for `сім'ю`, so the exports list them), `*` as `\*`.
fn fill_spellings(quiz: &Quiz, star: &str) -> Vec<String> {
    let Body::FillIn { answers, .. } = &quiz.questions[4].body else { panic!("question 5 is the fill-in") };
    let all = export::spellings::accepted(answers, false);
    assert!(all.ends_with(&["сім'ю", "сім\u{2019}ю", "сім\u{02BC}ю"].map(String::from)) && all.len() > 6, "{all:?}");
    all.iter().map(|a| a.replace('*', star)).collect()
}

fn bank(quiz: &Quiz) -> Bank<'_> {
    Bank {
        quiz,
        category: vec!["Course A/B".into(), format!("Module {HOSTILE}")],
        lang: "el".into(),
        id: "kyklos-el-c-m".into(),
        labels: Labels::english(),
        original: None,
    }
}

// ---- Moodle XML ----------------------------------------------------------------------------

fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
    n.children().find(|c| c.has_tag_name(name)).unwrap_or_else(|| panic!("<{}> has no <{name}>", n.tag_name().name()))
}

/// The text of `<name><text>…</text></name>` (CDATA sections joined).
fn text_of(n: roxmltree::Node<'_, '_>, name: &str) -> String {
    let t = child(child(n, name), "text");
    t.children().filter_map(|c| c.text()).collect()
}

fn own_text(n: roxmltree::Node<'_, '_>) -> String {
    child(n, "text").children().filter_map(|c| c.text()).collect()
}

#[test]
fn moodle_xml_reads_back_field_by_field() {
    let quiz = hostile_quiz();
    let bytes = moodle_xml::moodle_xml(&bank(&quiz));
    let xml = String::from_utf8(bytes).expect("UTF-8");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}"));
    // Moodle's XML reader drops the space between two entity references (`&quot; &apos;` became
    // `"'` in a real import), so texts travel in CDATA, never entity-escaped.
    assert!(!xml.contains("&quot;") && !xml.contains("&apos;") && !xml.contains("&amp;amp;"), "{xml}");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "quiz");
    let questions: Vec<_> = root.children().filter(|n| n.has_tag_name("question")).collect();
    assert_eq!(questions.len(), 1 + quiz.questions.len());

    let category = questions[0];
    assert_eq!(category.attribute("type"), Some("category"));
    // Slashes inside names are doubled; everything else arrives as written.
    assert_eq!(text_of(category, "category"), format!("$course$/top/Course A//B/Module {}", HOSTILE.replace('/', "//")));

    let types: Vec<&str> = questions[1..].iter().filter_map(|q| q.attribute("type")).collect();
    assert_eq!(types, ["multichoice", "multichoice", "multichoice", "truefalse", "shortanswer", "matching", "ordering"]);
    for (node, q) in questions[1..].iter().zip(&quiz.questions) {
        assert_eq!(text_of(*node, "questiontext"), export::html(&q.prompt), "{}", q.id);
        assert_eq!(child(*node, "questiontext").attribute("format"), Some("html"));
        assert_eq!(text_of(*node, "generalfeedback"), export::html(q.explanation.as_deref().unwrap()));
        assert_eq!(child(*node, "defaultgrade").text(), Some(export::number(q.points).as_str()));
        assert_eq!(child(*node, "idnumber").text().map(String::from), Some(format!("kyklos-el-c-m-{}", q.id)));
        assert_eq!(text_of(*node, "name"), export::question_name(q));
        assert!(text_of(*node, "name").starts_with(&format!("{} {}", q.id, q.id)), "the name starts with the id and the prompt");
    }
    // The hostile texts really are in there, decoded (not double-escaped, not cut at `]]>`).
    let prompt = text_of(questions[1], "questiontext");
    assert!(prompt.contains("]]&gt;") && prompt.contains("&lt;/script&gt;") && prompt.contains("العربية") && prompt.contains("~=#{}:"), "{prompt}");

    let answers = |n: roxmltree::Node<'_, '_>| -> Vec<(String, String, String)> {
        n.children()
            .filter(|c| c.has_tag_name("answer"))
            .map(|a| {
                let fb = a.children().find(|c| c.has_tag_name("feedback")).map(own_text).unwrap_or_default();
                (a.attribute("fraction").unwrap_or("").to_string(), own_text(a), fb)
            })
            .collect()
    };
    let h = |s: &str| export::html(&format!("{s} {HOSTILE}"));

    // single: one answer at 100, feedback per option, shuffled like the quiz.
    let single = questions[1];
    assert_eq!(child(single, "single").text(), Some("true"));
    assert_eq!(child(single, "shuffleanswers").text(), Some("true"));
    assert_eq!(answers(single), vec![("100".into(), h("right"), h("yes")), ("0".into(), h("wrong"), h("no"))]);

    // multiple with partial credit: +1/k right, −1/k wrong (kyklos: (right − wrong) / k).
    let multi = questions[2];
    assert_eq!(child(multi, "single").text(), Some("false"));
    let fr: Vec<String> = answers(multi).into_iter().map(|a| a.0).collect();
    assert_eq!(fr, ["33.33333", "33.33333", "33.33333", "-33.33333"]);
    assert_eq!(answers(multi)[0].2, h("fa"));
    assert_eq!(answers(multi)[1].2, "");
    // multiple without partial credit: a wrong choice takes everything.
    let fr: Vec<String> = answers(questions[3]).into_iter().map(|a| a.0).collect();
    assert_eq!(fr, ["50", "50", "-100"]);

    // true/false: answer false; Moodle's feedback for "true" is kyklos's feedback_true.
    let tf = answers(questions[4]);
    assert_eq!(tf, vec![("0".into(), "true".into(), h("chose true")), ("100".into(), "false".into(), h("chose false"))]);

    // fill-in: every answer at 100, as typed (plain) and in every keyboard's spelling, `*`
    // escaped against Moodle's wildcard.
    let fill = questions[5];
    assert_eq!(child(fill, "usecase").text(), Some("1"));
    let texts: Vec<String> = answers(fill).into_iter().map(|a| a.1).collect();
    assert_eq!(texts, fill_spellings(&quiz, "\\*"));
    assert!(texts[0].starts_with("one Quote \"double\" 'single'") && texts[1].starts_with("one Quote “double” ‘single’"), "{texts:?}");
    assert!(answers(fill).iter().all(|a| a.0 == "100"));

    // matching: one subquestion per pair, left as HTML, right as plain text.
    let subs: Vec<(String, String)> = questions[6].children().filter(|c| c.has_tag_name("subquestion")).map(|s| (own_text(s), text_of(s, "answer"))).collect();
    assert_eq!(subs.len(), 3);
    assert_eq!(subs[0], (h("L1"), export::plain(&format!("R1 {HOSTILE}"))));
    assert!(subs[0].1.contains("<b>bold</b>") && subs[0].1.contains("]]>"), "plain text keeps what the learner reads: {}", subs[0].1);
    assert_eq!(subs[2].1, "R3 -> x");

    // ordering: the items in the right order, partial credit per position.
    let order = questions[7];
    assert_eq!(child(order, "gradingtype").text(), Some("ABSOLUTE_POSITION"));
    assert_eq!(child(order, "selecttype").text(), Some("ALL"));
    let items: Vec<String> = answers(order).into_iter().map(|a| a.1).collect();
    assert_eq!(items, [h("first"), h("second"), h("third")]);
}

#[test]
fn moodle_xml_fractions_are_in_moodles_grade_list() {
    // Moodle's importer rejects a question whose grades are not in its list (default setting).
    let quiz = hostile_quiz();
    let xml = String::from_utf8(moodle_xml::moodle_xml(&bank(&quiz))).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let allowed =
        [100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0];
    for q in doc.descendants().filter(|n| n.has_tag_name("question") && n.attribute("type") != Some("ordering")) {
        for a in q.children().filter(|c| c.has_tag_name("answer")) {
            let f: f64 = a.attribute("fraction").unwrap().parse().unwrap();
            assert!(allowed.iter().any(|g| (g - f.abs()).abs() < 1e-5), "fraction {f} is not one Moodle accepts");
        }
    }
}

// ---- GIFT ----------------------------------------------------------------------------------

#[test]
fn gift_reads_back_as_moodle_reads_it() {
    let quiz = hostile_quiz();
    let text = String::from_utf8(gift::gift(&bank(&quiz))).unwrap();
    let file = gift_reader::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    // GIFT cannot escape anything in a category line: a backslash becomes a slash there.
    assert_eq!(file.categories, [format!("$course$/top/Course A//B/Module {}", HOSTILE.replace('\\', "/").replace('/', "//"))]);
    // Ordering is skipped, and the file says so.
    assert!(text.contains("// skipped: order (ordering): GIFT has no ordering question"), "{text}");
    let ids: Vec<String> = file.questions.iter().map(|q| q.idnumber.clone().unwrap_or_default()).collect();
    assert_eq!(ids, ["single", "multi", "multi_strict", "tf", "fill", "match"].map(|i| format!("kyklos-el-c-m-{i}")));
    let by = |id: &str| file.questions.iter().find(|q| q.idnumber.as_deref() == Some(&format!("kyklos-el-c-m-{id}"))).expect(id);
    let h = |s: &str| export::html(&format!("{s} {HOSTILE}"));
    for q in &quiz.questions[..6] {
        let g = by(&q.id);
        assert_eq!(g.format, "html");
        assert_eq!(g.text, export::html(&q.prompt), "{}", q.id);
        assert_eq!(g.general_feedback, export::html(q.explanation.as_deref().unwrap()));
        assert_eq!(g.name, export::question_name(q));
    }
    let single = by("single");
    assert_eq!((single.qtype.as_str(), single.single), ("multichoice", true));
    assert_eq!(
        single.answers,
        vec![
            gift_reader::Answer { text: h("right"), fraction: 1.0, feedback: h("yes") },
            gift_reader::Answer { text: h("wrong"), fraction: 0.0, feedback: h("no") }
        ]
    );
    let multi = by("multi");
    assert_eq!((multi.qtype.as_str(), multi.single), ("multichoice", false));
    let round = |f: f64| (f * 1e7).round() as i64;
    let fr: Vec<i64> = multi.answers.iter().map(|a| round(a.fraction)).collect();
    assert_eq!(fr, [3333333, 3333333, 3333333, -3333333]);
    assert_eq!(multi.answers[3].text, h("d"));
    assert_eq!(multi.answers[3].feedback, h("fd"));
    let strict: Vec<i64> = by("multi_strict").answers.iter().map(|a| round(a.fraction)).collect();
    assert_eq!(strict, [5_000_000, 5_000_000, -10_000_000]);
    let tf = by("tf");
    assert_eq!(tf.qtype, "truefalse");
    assert_eq!(tf.truefalse, Some((false, h("chose true"), h("chose false"))));
    let fill = by("fill");
    assert_eq!(fill.qtype, "shortanswer");
    let answers: Vec<String> = fill.answers.iter().map(|a| a.text.clone()).collect();
    assert_eq!(answers, fill_spellings(&quiz, "\\*"));
    assert!(fill.answers.iter().all(|a| a.fraction == 1.0));
    assert!(text.contains("case-sensitive on the site, but GIFT imports it ignoring case"));
    let matching = by("match");
    assert_eq!(matching.qtype, "match");
    assert_eq!(matching.pairs[0], (h("L1"), export::plain(&format!("R1 {HOSTILE}"))));
    assert_eq!(matching.pairs[2], ("L3".to_string(), "R3 -> x".to_string()));
}

#[test]
fn gift_skips_what_it_cannot_say() {
    let mut quiz = hostile_quiz();
    quiz.questions = vec![question("arrow", 1.0, Body::FillIn { answers: vec!["a -> b".into()], case_sensitive: false })];
    let text = String::from_utf8(gift::gift(&bank(&quiz))).unwrap();
    let file = gift_reader::parse(&text).unwrap();
    assert!(file.questions.is_empty(), "{text}");
    assert!(text.contains("// skipped: arrow (fill_in): an accepted answer contains `->`"), "{text}");
}

#[test]
fn gift_says_each_questions_points_in_the_right_number() {
    // The comment read "1 points".
    let mut quiz = hostile_quiz();
    let fill = |a: &str| Body::FillIn { answers: vec![a.into()], case_sensitive: false };
    quiz.questions = vec![question("one", 1.0, fill("a")), question("two", 2.0, fill("b")), question("half", 0.5, fill("c"))];
    let text = String::from_utf8(gift::gift(&bank(&quiz))).unwrap();
    for said in ["// one (fill_in), 1 point\n", "// two (fill_in), 2 points\n", "// half (fill_in), 0.5 points\n"] {
        assert!(text.contains(said), "{said:?} in {text}");
    }
    assert_eq!(gift_reader::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}")).questions.len(), 3, "it still imports");
}

// ---- a real build --------------------------------------------------------------------------

const QUIZ_EN: &str = r#"title: Module quiz
pass_mark: 50
questions:
  - id: q1
    type: multiple
    partial_credit: true
    points: 2
    prompt: Which are pull factors?
    explanation: Pull factors attract people.
    options:
      - {text: Safety, correct: true, feedback: "Yes."}
      - {text: Family there, correct: true}
      - {text: Drought at home, feedback: "That pushes."}
  - id: q2
    type: ordering
    prompt: Order the steps.
    items: [One, Two, Three]
"#;

const QUIZ_EL: &str = r#"title: Κουίζ ενότητας
questions:
  - id: q1
    prompt: Ποιοι είναι παράγοντες έλξης;
    options:
      - {text: Ασφάλεια, feedback: "Ναι."}
      - {text: Οικογένεια εκεί}
      - {text: Ξηρασία, feedback: "Αυτό ωθεί."}
  - id: q2
    prompt: Βάλτε σε σειρά.
    items: [Ένα, Δύο, Τρία]
"#;

fn two_language_site() -> common::Fixture {
    let f = common::Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\n");
    f.write("content/en/01-course/01-mod/quiz.yaml", QUIZ_EN);
    f.write("content/el/index.md", "---\ntitle: Αρχή\n---\nΚαλώς ήρθατε.\n");
    f.write("content/el/01-course/index.md", "---\ntitle: Μάθημα\n---\nΣχετικά.\n");
    f.write("content/el/01-course/01-mod/index.md", "---\ntitle: Ενότητα ένα\n---\nΕπισκόπηση.\n");
    f.write("content/el/01-course/01-mod/quiz.yaml", QUIZ_EL);
    f
}

#[test]
fn build_writes_question_banks_per_language_and_lists_them() {
    let f = two_language_site();
    let out = f.build();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dist = f.out();
    for lang in ["en", "el"] {
        let page = std::fs::read_to_string(dist.join(format!("{lang}/downloads.html"))).expect("a Downloads page");
        let doc = scraper::Html::parse_document(&page);
        let rows = scraper::Selector::parse("#question-banks + p + div table tbody tr").unwrap();
        let cell = scraper::Selector::parse("th, td").unwrap(); // the package name is the row header
        let link = scraper::Selector::parse("a").unwrap();
        let mut formats = Vec::new();
        for row in doc.select(&rows) {
            let cells: Vec<_> = row.select(&cell).collect();
            let href = cells[0].select(&link).next().and_then(|a| a.value().attr("href")).expect("a link").to_string();
            let bytes = std::fs::read(dist.join(lang).join(&href)).unwrap_or_else(|e| panic!("{href}: {e}"));
            let sha = cells[4].text().collect::<String>();
            use sha2::Digest;
            let want: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(sha, want, "{href}: the page's SHA-256 is the file's");
            assert!(href.starts_with(&format!("downloads/course-mod-{lang}-")), "{href}");
            formats.push(cells[1].text().collect::<String>());
        }
        assert_eq!(formats, ["Moodle XML", "GIFT", "QTI 2.1"], "{lang}");
    }
    // Greek texts, English answer key.
    let el = std::fs::read_to_string(dist.join("el/downloads/course-mod-el-moodle.xml")).unwrap();
    let doc = roxmltree::Document::parse(&el).unwrap();
    let q1 = doc.descendants().find(|n| n.has_tag_name("question") && n.attribute("type") == Some("multichoice")).unwrap();
    assert_eq!(text_of(q1, "questiontext"), "Ποιοι είναι παράγοντες έλξης;");
    assert_eq!(child(q1, "defaultgrade").text(), Some("2"));
    let answers: Vec<(String, String)> =
        q1.children().filter(|c| c.has_tag_name("answer")).map(|a| (a.attribute("fraction").unwrap().to_string(), own_text(a))).collect();
    assert_eq!(answers, [("50".into(), "Ασφάλεια".into()), ("50".into(), "Οικογένεια εκεί".into()), ("-50".into(), "Ξηρασία".into())]);
    assert!(el.contains("<category><text><![CDATA[$course$/top/Μάθημα/Ενότητα ένα]]></text></category>"), "{el}");
    assert!(el.contains("<correctfeedback format=\"html\"><text><![CDATA[Σωστή απάντηση]]></text>"), "Greek interface labels");
    let gift = std::fs::read_to_string(dist.join("el/downloads/course-mod-el-gift.txt")).unwrap();
    let parsed = gift_reader::parse(&gift).unwrap();
    assert_eq!(parsed.questions.len(), 1, "ordering is skipped in GIFT");
    assert_eq!(parsed.questions[0].text, "Ποιοι είναι παράγοντες έλξης;");

    // Deterministic: a second build gives the same bytes.
    let first: Vec<Vec<u8>> =
        ["en/downloads/course-mod-en-moodle.xml", "el/downloads/course-mod-el-gift.txt"].iter().map(|p| std::fs::read(dist.join(p)).unwrap()).collect();
    assert!(f.build().status.success());
    let second: Vec<Vec<u8>> =
        ["en/downloads/course-mod-en-moodle.xml", "el/downloads/course-mod-el-gift.txt"].iter().map(|p| std::fs::read(dist.join(p)).unwrap()).collect();
    assert_eq!(first, second);
}

#[test]
fn question_banks_without_scorm() {
    let f = two_language_site();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\nscorm: off\n");
    let out = f.build();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(f.out().join("en/downloads.html")).expect("a Downloads page for the question banks alone");
    assert!(page.contains("course-mod-en-moodle.xml") && !page.contains("scorm12"), "{page}");
    let lesson = std::fs::read_to_string(f.out().join("en/course/mod/first.html")).unwrap();
    assert!(lesson.contains("downloads.html"), "pages link to the Downloads page");
}

#[test]
fn a_question_bank_of_a_quiz_translation_without_a_title_names_it_in_the_originals_language() {
    // A Persian translation that leaves out `title:`: its rows on the Downloads page read the
    // English "Module quiz" unmarked inside the Persian page.
    let f = two_language_site();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el, fa]\nscorm: off\n");
    f.write("content/fa/index.md", "---\ntitle: خانه\n---\nمتن.\n");
    f.write("content/fa/01-course/01-mod/quiz.yaml", "questions:\n  - id: q1\n    prompt: کدام‌ها عوامل کشش هستند؟\n");
    let out = f.build();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = f.html("fa/downloads.html");
    let names = common::select(&doc, "#question-banks + p + div table tbody th a");
    assert_eq!(names.len(), 3, "one row per format");
    for name in &names {
        assert_eq!(common::text(name), "Module quiz");
        assert_eq!(common::lang_of(name), ("en".to_string(), "ltr".to_string()), "{}", name.html());
    }
    // a translated title is the page's own
    let el = f.html("el/downloads.html");
    let own = &common::select(&el, "#question-banks + p + div table tbody th a")[0];
    assert_eq!((common::text(own), own.value().attr("lang")), ("Κουίζ ενότητας".to_string(), None));
}

// ---- QTI 2.1 -------------------------------------------------------------------------------

fn find<'a, 'input>(d: &'a roxmltree::Document<'input>, tag: &str) -> roxmltree::Node<'a, 'input> {
    d.descendants().find(|n| n.has_tag_name(tag)).unwrap_or_else(|| panic!("no <{tag}>"))
}

/// Whether xmllint can run; without it: panic on CI, a loud SKIP elsewhere.
fn have_xmllint() -> bool {
    if std::process::Command::new("xmllint").arg("--version").output().is_ok() {
        return true;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("xmllint is missing on CI: apt-get install -y libxml2-utils");
    }
    eprintln!("\n*** SKIP: xmllint not found (apt-get install -y libxml2-utils); QTI items NOT validated ***\n");
    false
}

/// Validates `files` against `schema` with xmllint, offline: an XML catalog maps the schemas'
/// imports (IMS, W3C MathML, the W3C xml.xsd) to the copies in the repository.
fn xmllint(schema: &std::path::Path, files: &[PathBuf]) -> Result<(), String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let qti = root.join("src/export/xsd");
    let cp = root.join("src/scorm/xsd/2004");
    let work = tempfile::tempdir().unwrap();
    let catalog = format!(
        "<?xml version=\"1.0\"?>\n<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n\
         <system systemId=\"http://www.w3.org/2001/xml.xsd\" uri=\"file://{cp}/xml.xsd\"/>\n\
         <uri name=\"http://www.w3.org/2001/xml.xsd\" uri=\"file://{cp}/xml.xsd\"/>\n\
         <rewriteSystem systemIdStartString=\"http://www.imsglobal.org/\" rewritePrefix=\"file://{qti}/www.imsglobal.org/\"/>\n\
         <rewriteURI uriStartString=\"http://www.imsglobal.org/\" rewritePrefix=\"file://{qti}/www.imsglobal.org/\"/>\n\
         <rewriteSystem systemIdStartString=\"http://www.w3.org/Math/\" rewritePrefix=\"file://{qti}/www.w3.org/Math/\"/>\n\
         <rewriteURI uriStartString=\"http://www.w3.org/Math/\" rewritePrefix=\"file://{qti}/www.w3.org/Math/\"/>\n</catalog>\n",
        cp = cp.display(),
        qti = qti.display()
    );
    std::fs::write(work.path().join("catalog.xml"), catalog).unwrap();
    let out = std::process::Command::new("xmllint")
        .env("XML_CATALOG_FILES", work.path().join("catalog.xml"))
        .args(["--nonet", "--noout", "--schema"])
        .arg(schema)
        .args(files)
        .output()
        .expect("run xmllint");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let problems: Vec<&str> = stderr.lines().filter(|l| !l.ends_with(" validates")).collect();
    if out.status.success() && problems.is_empty() {
        Ok(())
    } else {
        Err(stderr.into_owned())
    }
}

fn qti_schema() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/export/xsd/www.imsglobal.org/xsd/imsqti_v2p1.xsd")
}

fn cp_schema() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/scorm/xsd/2004/imscp_v1p1.xsd")
}

/// The hostile quiz plus prompts with every block Markdown can make inline.
fn rich_quiz() -> Quiz {
    let mut quiz = hostile_quiz();
    quiz.questions[0].prompt = format!(
        "# Heading\n\n~~struck~~ **bold** `code` line  \nbreak\n\n3. three\n4. four\n\n> quoted\n\n```\nfn x() {{}}\n```\n\n---\n\n- a\n- b\n\n{HOSTILE}"
    );
    quiz.questions[1].explanation = Some("1. one\n2. ~~two~~".into());
    quiz
}

fn unzip(bytes: &[u8]) -> (tempfile::TempDir, Vec<String>) {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        let path = dir.path().join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
        names.push(name);
    }
    (dir, names)
}

#[test]
fn qti_items_and_manifest_validate_against_the_official_xsds() {
    let quiz = rich_quiz();
    let bytes = qti::qti_package(&bank(&quiz)).expect("a package");
    assert_eq!(bytes, qti::qti_package(&bank(&quiz)).unwrap(), "deterministic");
    let (dir, names) = unzip(&bytes);
    let items: Vec<String> = (1..=quiz.questions.len()).map(|n| format!("items/q{n:02}.xml")).collect();
    let mut want = vec!["imsmanifest.xml".to_string()];
    want.extend(items.clone());
    want.sort();
    assert_eq!(names, want);
    if !have_xmllint() {
        return;
    }
    let files: Vec<PathBuf> = items.iter().map(|i| dir.path().join(i)).collect();
    xmllint(&qti_schema(), &files).unwrap_or_else(|e| panic!("QTI items do not validate:\n{e}"));
    xmllint(&cp_schema(), &[dir.path().join("imsmanifest.xml")]).unwrap_or_else(|e| panic!("the manifest does not validate:\n{e}"));

    // The validator does catch what QTI does not allow (HTML's <del>, here).
    let broken = std::fs::read_to_string(&files[0]).unwrap().replace("<span class=\"del\">struck</span>", "<del>struck</del>");
    assert!(broken.contains("<del>"));
    std::fs::write(&files[0], broken).unwrap();
    assert!(xmllint(&qti_schema(), &files[..1]).is_err(), "xmllint must reject <del>");
}

#[test]
fn qti_items_read_back_field_by_field() {
    let quiz = hostile_quiz();
    let b = bank(&quiz);
    let (dir, _) = unzip(&qti::qti_package(&b).unwrap());
    let manifest = std::fs::read_to_string(dir.path().join("imsmanifest.xml")).unwrap();
    let m = roxmltree::Document::parse(&manifest).unwrap();
    let resources: Vec<_> = m.descendants().filter(|n| n.has_tag_name("resource")).collect();
    assert_eq!(resources.len(), quiz.questions.len());
    assert!(resources.iter().all(|r| r.attribute("type") == Some("imsqti_item_xmlv2p1")));

    let read = |n: usize| std::fs::read_to_string(dir.path().join(format!("items/q{n:02}.xml"))).unwrap();
    let texts: Vec<String> = (1..=quiz.questions.len()).map(read).collect();
    let docs: Vec<roxmltree::Document<'_>> = texts.iter().map(|t| roxmltree::Document::parse(t).unwrap()).collect();
    let all_text = |n: roxmltree::Node<'_, '_>| n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<String>().trim().to_string();
    let values = |d: &roxmltree::Document<'_>| -> Vec<String> {
        find(d, "correctResponse").children().filter(|c| c.has_tag_name("value")).filter_map(|v| v.text().map(String::from)).collect()
    };
    let map = |d: &roxmltree::Document<'_>| -> Vec<(String, String)> {
        d.descendants()
            .filter(|n| n.has_tag_name("mapEntry"))
            .map(|e| (e.attribute("mapKey").unwrap().to_string(), e.attribute("mappedValue").unwrap().to_string()))
            .collect()
    };
    let maxscore = |d: &roxmltree::Document<'_>| d.descendants().find(|n| n.attribute("identifier") == Some("MAXSCORE")).map(&all_text).unwrap_or_default();
    for (d, q) in docs.iter().zip(&quiz.questions) {
        let root = d.root_element();
        assert!(root.attribute("identifier").is_some_and(|id| id.starts_with("kyklos-el-c-m-")), "{:?}", root.attribute("identifier"));
        assert_eq!(root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("el"));
        assert_eq!(maxscore(d), export::number(q.points));
        // The prompt arrives decoded: the hostile text is there as text.
        let prompt = d.descendants().find(|n| n.attribute("class") == Some("prompt")).unwrap();
        let text = all_text(prompt);
        assert!(
            text.contains("</script>") && text.contains("]]>") && text.contains("~=#{}:") && text.contains("العربية") && text.contains("<b>bold</b>"),
            "{text}"
        );
    }
    // single
    assert_eq!(values(&docs[0]), ["o1"]);
    assert_eq!(find(&docs[0], "choiceInteraction").attribute("maxChoices"), Some("1"));
    // multiple, partial credit: exact shares of 2.5 points, bounded 0…2.5
    assert_eq!(values(&docs[1]), ["o1", "o2", "o3"]);
    assert_eq!(
        map(&docs[1]),
        [("o1", "0.8333333"), ("o2", "0.8333333"), ("o3", "0.8333333"), ("o4", "-0.8333333")].map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(find(&docs[1], "mapping").attribute("upperBound"), Some("2.5"));
    // multiple, all or nothing: no mapping, scored by matching the correct response
    assert!(map(&docs[2]).is_empty() && texts[2].contains("<correct identifier=\"RESPONSE\"/>"));
    // true/false
    assert_eq!(values(&docs[3]), ["false"]);
    let labels: Vec<String> = docs[3].descendants().filter(|n| n.has_tag_name("simpleChoice")).map(all_text).collect();
    assert_eq!(labels, ["True", "False"]);
    // fill-in: every accepted answer maps to the points, case as in the quiz
    assert_eq!(map(&docs[4]).iter().map(|e| e.0.clone()).collect::<Vec<_>>(), fill_spellings(&quiz, "*"));
    assert!(docs[4].descendants().filter(|n| n.has_tag_name("mapEntry")).all(|e| e.attribute("caseSensitive") == Some("true")));
    // matching: directed pairs, a share each
    assert_eq!(values(&docs[5]), ["l1 r1", "l2 r2", "l3 r3"]);
    assert_eq!(map(&docs[5]).iter().map(|e| e.1.as_str()).collect::<Vec<_>>(), ["1", "1", "1"]);
    // ordering: the right order, one share per item in its place
    assert_eq!(values(&docs[6]), ["i1", "i2", "i3"]);
    assert_eq!(texts[6].matches("<index n=").count(), 3);
    // feedback: per option and the explanation, as modal feedback
    let feedback: Vec<&str> = docs[0].descendants().filter(|n| n.has_tag_name("modalFeedback")).filter_map(|n| n.attribute("identifier")).collect();
    assert_eq!(feedback, ["o1", "o2", "EXPLANATION"]);
}

#[test]
fn texts_a_translation_leaves_out_carry_the_originals_language_in_every_format() {
    // A Persian translation of an Italian quiz: `single` left out entirely, `multi` with its
    // prompt translated and its options and feedback not, the rest translated; the
    // interface labels are the language's own. A Polish one (no interface strings) has
    // Italian labels too.
    use kyklos::model::quiz::Untranslated;
    let mut quiz = rich_quiz();
    quiz.questions[0].untranslated = Untranslated::all(&quiz.questions[0].body);
    let mut partly = Untranslated::all(&quiz.questions[1].body);
    partly.prompt = false;
    partly.explanation = false;
    partly.parts[1] = [false, false];
    quiz.questions[1].untranslated = partly;
    let mut b = bank(&quiz);
    (b.lang, b.original) = ("fa".into(), Some(("it".into(), "ltr")));
    let it = " lang=\"it\" dir=\"ltr\"";

    // Moodle XML: HTML texts in a span (a div around blocks) with the original's language.
    let xml = String::from_utf8(moodle_xml::moodle_xml(&b)).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let qs: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("question") && n.attribute("type") != Some("category")).collect();
    assert!(text_of(qs[0], "questiontext").starts_with(&format!("<div{it}><h1>")), "{}", text_of(qs[0], "questiontext"));
    assert!(text_of(qs[1], "questiontext").starts_with("multi: "), "translated: unmarked");
    assert!(!text_of(qs[1], "generalfeedback").contains(" lang="), "translated: unmarked");
    let answers: Vec<String> = qs[1].children().filter(|c| c.has_tag_name("answer")).map(own_text).collect();
    assert!(answers[0].starts_with(&format!("<span{it}>a ")) && answers[1].starts_with("b "), "{answers:?}");
    let feedback: Vec<String> = qs[1].children().filter(|c| c.has_tag_name("answer")).map(|a| text_of(a, "feedback")).collect();
    assert!(feedback[0].starts_with(&format!("<span{it}>fa ")), "{feedback:?}");
    assert!(xml.contains("<correctfeedback format=\"html\"><text><![CDATA[Correct]]></text>"), "the labels are the bank's");
    assert!(!xml.contains("lang=\"fa\""));
    // GIFT: the same HTML (the question is [html], so are its answers).
    let text = String::from_utf8(gift::gift(&b)).unwrap();
    let file = gift_reader::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(file.questions[0].text.starts_with(&format!("<div{it}>")));
    assert!(file.questions[1].answers[0].text.starts_with(&format!("<span{it}>a ")) && file.questions[1].answers[1].text.starts_with("b "));
    assert!(file.questions[1].answers[0].feedback.starts_with(&format!("<span{it}>fa ")));
    assert!(file.questions[1].text.starts_with("multi: ") && file.questions[2].text.starts_with("multi_strict: "));
    // QTI 2.1: the item left out is declared Italian; within the partly translated one each
    // Italian choice and feedback says so with xml:lang, and every item still validates.
    let (dir, _) = unzip(&qti::qti_package(&b).unwrap());
    let item = |n: usize| std::fs::read_to_string(dir.path().join(format!("items/q{n:02}.xml"))).unwrap();
    assert!(item(1).contains("xml:lang=\"it\" adaptive") && !item(1).contains("<div class=\"prompt\" xml:lang"), "{}", item(1));
    let multi = item(2);
    assert!(multi.contains("xml:lang=\"fa\" adaptive") && multi.contains("<div class=\"prompt\">"), "{multi}");
    assert!(multi.contains("<simpleChoice identifier=\"o1\" xml:lang=\"it\">") && multi.contains("<simpleChoice identifier=\"o2\">"), "{multi}");
    assert!(multi.contains("identifier=\"o1\"><div xml:lang=\"it\">") && multi.contains("identifier=\"EXPLANATION\"><div>"), "{multi}");
    assert!(!item(3).contains("xml:lang=\"it\""), "a translated question names no other language");

    // Polish without interface strings: the labels are Italian, and marked so.
    b.lang = "pl".into();
    b.labels.lang = Some(("it".into(), "ltr"));
    let xml = String::from_utf8(moodle_xml::moodle_xml(&b)).unwrap();
    assert!(xml.contains(&format!("<correctfeedback format=\"html\"><text><![CDATA[<span{it}>Correct</span>]]></text>")), "{xml}");
    let (dir, _) = unzip(&qti::qti_package(&b).unwrap());
    let tf = std::fs::read_to_string(dir.path().join("items/q04.xml")).unwrap();
    assert!(tf.contains("<simpleChoice identifier=\"true\" xml:lang=\"it\">True</simpleChoice>"), "{tf}");
    if !have_xmllint() {
        return;
    }
    let files: Vec<PathBuf> = (1..=quiz.questions.len()).map(|n| dir.path().join(format!("items/q{n:02}.xml"))).collect();
    xmllint(&qti_schema(), &files).unwrap_or_else(|e| panic!("QTI items with xml:lang do not validate:\n{e}"));
}
