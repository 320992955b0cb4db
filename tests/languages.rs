//! Multilingual sites: fallbacks, switcher, alternates, RTL, plural strings, quiz
//! translations that cannot change scoring, and the translations report with outdated files.

mod common;

use common::*;

/// en (default), el, ar (right-to-left): el translates one lesson and the quiz; ar only home.
fn three_languages() -> Fixture {
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture\nlanguages:\n  - en\n  - el\n  - code: ar\n    direction: rtl\n");
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Quiz\npass_mark: 50\nquestions:\n  - id: q1\n    type: single\n    prompt: Pick A\n    options:\n      - text: A\n        correct: true\n      - text: B\n  - id: q2\n    type: true_false\n    prompt: Sky is blue\n    answer: true\n",
    );
    f.write("content/el/index.md", "---\ntitle: Αρχική\n---\nΚαλώς ήρθατε.\n");
    f.write("content/el/01-course/01-mod/01-first.md", "---\ntitle: Πρώτο μάθημα\n---\n## Ξεκινήστε {#start-here}\n\n[Δεύτερο](02-second.md#details).\n");
    f.write(
        "content/el/01-course/01-mod/quiz.yaml",
        "title: Κουίζ\nquestions:\n  - id: q1\n    type: single\n    prompt: Διαλέξτε Α\n    options:\n      - text: Α\n        correct: true\n      - text: Β\n",
    );
    f.write("content/ar/index.md", "---\ntitle: مرحبا\n---\nأهلا وسهلا.\n");
    f
}

#[test]
fn fallback_pages_live_in_the_language_site_with_a_notice() {
    let f = three_languages();
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = f.html("el/course/mod/second.html");
    let html = select(&doc, "html");
    assert_eq!(html[0].value().attr("lang"), Some("el"));
    let notice = text(&select(&doc, ".translation-notice")[0]);
    assert!(notice.contains("Ελληνικά") && notice.contains("English"), "{notice}");
    assert_eq!(select(&doc, ".prose")[0].value().attr("lang"), Some("en"), "fallback text is marked as English");
    assert_eq!(text(&select(&doc, ".course-nav [aria-current=page]")[0]), "Second lesson");
    let first = f.html("el/course/mod/first.html");
    assert!(select(&first, ".translation-notice").is_empty());
    assert_eq!(select(&first, "a[rel=next]")[0].value().attr("href"), Some("second.html"));
    assert!(f.read_out("el/course/mod/first.html").contains("href=\"second.html#details\""));
}

#[test]
fn switcher_alternates_and_rtl() {
    let f = three_languages();
    assert!(f.build().status.success());
    let doc = f.html("el/course/mod/first.html");
    let links: Vec<(String, String, bool)> = select(&doc, ".lang-switch li")
        .iter()
        .map(|li| {
            let a = li.children().filter_map(scraper::ElementRef::wrap).next().unwrap();
            let fallback = li.value().attr("class").is_some_and(|c| c.contains("is-fallback"));
            (a.value().attr("hreflang").unwrap().to_string(), a.value().attr("href").unwrap().to_string(), fallback)
        })
        .collect();
    assert_eq!(
        links,
        [
            ("en".into(), "../../../en/course/mod/first.html".into(), false),
            ("el".into(), "../../../el/course/mod/first.html".into(), false),
            ("ar".into(), "../../../ar/course/mod/first.html".into(), true),
        ]
    );
    let alternates: Vec<String> = select(&doc, "link[rel=alternate]").iter().map(|l| l.value().attr("hreflang").unwrap().to_string()).collect();
    assert_eq!(alternates, ["en", "el", "x-default"], "no alternate for the untranslated Arabic page");
    let ar = f.html("ar/index.html");
    let html = select(&ar, "html");
    assert_eq!((html[0].value().attr("lang"), html[0].value().attr("dir")), (Some("ar"), Some("rtl")));
    let sitemap = f.read_out("sitemap.xml");
    assert!(sitemap.contains("<loc>ar/index.html</loc>") && sitemap.contains("hreflang=\"x-default\""), "{sitemap}");
    assert!(!sitemap.contains("<loc>ar/course/mod/first.html</loc>"), "fallbacks are not listed");
    let root = f.read_out("index.html");
    for code in ["en", "el", "ar"] {
        assert!(root.contains(&format!("href=\"{code}/index.html\"")), "{root}");
    }
}

#[test]
fn interface_strings_use_plural_rules_and_site_overrides() {
    let f = three_languages();
    f.write("i18n/el.yaml", "lessons:\n  one: \"{n} μάθημα\"\n  other: \"{n} μαθήματα\"\nlesson_position: \"Μάθημα {current} από {total}\"\n");
    f.write("content/en/01-course/02-one/index.md", "---\ntitle: Short module\nkind: module\n---\n");
    f.write("content/en/01-course/02-one/01-only.md", "---\ntitle: Only lesson\n---\nText.\n");
    assert!(f.build().status.success());
    let course = f.html("el/course/index.html");
    let metas: Vec<String> = select(&course, ".card-meta").iter().map(text).collect();
    assert_eq!(metas, ["2 μαθήματα", "1 μάθημα"]);
    let lesson = f.html("el/course/mod/second.html");
    assert_eq!(text(&select(&lesson, ".position")[0]), "Μάθημα 2 από 2");
    let en = f.html("en/course/index.html");
    assert_eq!(select(&en, ".card-meta").iter().map(text).collect::<Vec<_>>(), ["2 lessons", "1 lesson"]);
}

#[test]
fn quiz_translation_keeps_the_key_and_falls_back_per_question() {
    let f = three_languages();
    assert!(f.build().status.success());
    let html = f.read_out("el/course/mod/quiz.html");
    assert!(html.contains("Διαλέξτε Α") && html.contains("Sky is blue"), "translated q1, fallback q2");
    let en = f.read_out("en/course/mod/quiz.html");
    let key = |h: &str| {
        h.split("data-quiz=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("en/", "")
            .replace("el/", "")
            .split("&quot;title&quot;")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(key(&html), key(&en), "the answer key is the same in every language");
    // A translation without its own description shows the original's, marked as English.
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        std::fs::read_to_string(f.root().join("content/en/01-course/01-mod/quiz.yaml"))
            .unwrap()
            .replace("pass_mark: 50\n", "pass_mark: 50\ndescription: Two questions.\n"),
    );
    assert!(f.build().status.success());
    let html = f.read_out("el/course/mod/quiz.html");
    assert!(html.contains("<p class=\"lede\" lang=\"en\" dir=\"ltr\">Two questions.</p>"), "{html}");
    assert!(f.read_out("en/course/mod/quiz.html").contains("<p class=\"lede\">Two questions.</p>"));
    // The same for its title: the translated one is unmarked, the original's marked as English.
    assert!(html.contains("<h1>Κουίζ</h1>"), "{html}");
    f.write(
        "content/el/01-course/01-mod/quiz.yaml",
        std::fs::read_to_string(f.root().join("content/el/01-course/01-mod/quiz.yaml")).unwrap().replace("title: Κουίζ\n", ""),
    );
    assert!(f.build().status.success());
    let html = f.read_out("el/course/mod/quiz.html");
    assert!(html.contains("<h1 lang=\"en\" dir=\"ltr\">Quiz</h1>"), "{html}");
    assert!(f.read_out("en/course/mod/quiz.html").contains("<h1>Quiz</h1>"));
}

#[test]
fn quiz_translation_errors_name_the_translation_file() {
    let f = three_languages();
    f.write(
        "content/el/01-course/01-mod/quiz.yaml",
        "title: Κουίζ\npass_mark: 90\nquestions:\n  - id: q1\n    type: multiple\n    prompt: Α\n    options:\n      - text: Α\n  - id: q7\n    prompt: Χ\n  - id: q2\n    answer: false\n",
    );
    let out = f.check();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for e in [
        "content/el/01-course/01-mod/quiz.yaml:2:1: error: a translation cannot change the pass mark",
        "content/el/01-course/01-mod/quiz.yaml:5:5: error: a translation cannot change the type of question `q1`",
        "content/el/01-course/01-mod/quiz.yaml:7:5: error: question `q1` has 1 options here but 2 in the original",
        "content/el/01-course/01-mod/quiz.yaml:9:5: error: question `q7` is not in the original quiz",
        "content/el/01-course/01-mod/quiz.yaml:12:5: error: a translation cannot change the answer of question `q2`",
    ] {
        assert!(err.contains(e), "missing `{e}` in\n{err}");
    }
}

#[test]
fn translations_report_marks_and_detects_outdated_pages() {
    let f = three_languages();
    let json = |f: &Fixture| -> serde_json::Value {
        let out = f.run(&["translations", "--format", "json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let r = json(&f);
    let el = &r[0];
    assert_eq!(el["lang"], "el");
    // Six pages and quizzes, and the site title (a setting not translated under `translations:`).
    assert_eq!((el["total"].as_u64(), el["translated"].as_u64(), el["missing"].as_u64()), (Some(7), Some(3), Some(4)));
    assert_eq!(el["percent"], 42);
    let title = el["items"].as_array().unwrap().iter().find(|i| i["kind"] == "setting").unwrap().clone();
    assert_eq!((title["path"].as_str(), title["state"].as_str()), (Some("site.yaml: translations.el.title"), Some("missing")));
    let mark = f.run(&["translations", "mark", "el", "01-course/01-mod/01-first.md", "content/el/index.md"]);
    assert!(mark.status.success(), "{}", stderr(&mark));
    f.write(
        "content/en/01-course/01-mod/01-first.md",
        "---\ntitle: First lesson\n---\n## Start here\n\nA new paragraph in the original.\n\nGo to [the second](02-second.md#details).\n",
    );
    let r = json(&f);
    let first = r[0]["items"].as_array().unwrap().iter().find(|i| i["path"] == "01-course/01-mod/01-first.md").unwrap().clone();
    assert_eq!(first["state"], "outdated");
    assert_eq!(r[0]["outdated"], 1);
    let table = f.run(&["translations", "--diff"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("+ A new paragraph in the original."), "{text}");
    assert!(f.build().status.success());
    let page = f.html("el/course/mod/first.html");
    assert!(!select(&page, ".translation-notice.is-outdated").is_empty(), "outdated notice on the page");
    let original = select(&page, ".translation-notice a[hreflang=en]");
    assert_eq!(original[0].value().attr("href"), Some("../../../en/course/mod/first.html"), "the notice links to the original");
    let status = f.read_out("el/translation-status.html");
    assert!(status.contains("class=\"is-outdated\"") && status.contains("class=\"is-missing\""));
    // The notice links to what changed, shown on the status page under the outdated item.
    let changed = select(&page, ".translation-notice a[href*='#changed-']");
    assert_eq!(changed[0].value().attr("href"), Some("../../translation-status.html#changed-course-mod-first-html"));
    let doc = scraper::Html::parse_document(&status);
    let summary = doc.select(&scraper::Selector::parse("tr.is-outdated details.changes > summary#changed-course-mod-first-html").unwrap()).count();
    assert_eq!(summary, 1, "the status page has the target of the link:\n{status}");
    let diff = doc.select(&scraper::Selector::parse("tr.is-outdated pre.diff").unwrap()).next().unwrap();
    assert_eq!((diff.value().attr("lang"), diff.value().attr("dir")), (Some("en"), Some("ltr")), "the original's lines are English");
    let label = doc.select(&scraper::Selector::parse("tr.is-outdated pre.diff .visually-hidden").unwrap()).next().unwrap();
    assert_eq!((label.value().attr("lang"), label.value().attr("dir")), (Some("el"), Some("ltr")), "the words added or removed are Greek");
    let added: Vec<String> = doc.select(&scraper::Selector::parse("tr.is-outdated .diff-add").unwrap()).map(|e| e.text().collect()).collect();
    assert!(added.iter().any(|a| a.ends_with("A new paragraph in the original.")), "{added:?}");
    assert!(f.run(&["translations", "mark", "el", "--all"]).status.success());
    assert_eq!(json(&f)[0]["outdated"], 0);
}

#[test]
fn a_partly_translated_quiz_is_reported_with_the_texts_it_still_lacks() {
    // A Persian quiz translation with one prompt of three questions was listed as translated,
    // like a finished one: a translator saw nothing left to do.
    let f = three_languages();
    let out = f.run(&["translations", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let quiz = r[0]["items"].as_array().unwrap().iter().find(|i| i["kind"] == "quiz").unwrap().clone();
    // title, q1's prompt and two options, q2's prompt: q2's prompt is still English
    assert_eq!((quiz["state"].as_str(), quiz["untranslated_texts"].as_u64(), quiz["texts"].as_u64()), (Some("translated"), Some(1), Some(5)));
    let page = r[0]["items"].as_array().unwrap().iter().find(|i| i["path"] == "01-course/01-mod/01-first.md").unwrap().clone();
    assert!(page.get("untranslated_texts").is_none(), "pages are translated or not: {page}");
    let table = f.run(&["translations"]);
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("  partial   01-course/01-mod/quiz.yaml (Κουίζ): 1 of 5 texts not translated yet\n"), "{table}");
}

#[test]
fn the_status_page_marks_the_originals_title_of_a_quiz_translation_without_one() {
    // "Тест до модуля 2" (the Ukrainian title of a Persian quiz translation without `title:`)
    // was unmarked in its row of the Persian translation status page.
    let f = three_languages();
    f.write("content/el/01-course/01-mod/quiz.yaml", "questions:\n  - id: q1\n    prompt: Διαλέξτε Α\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = f.html("el/translation-status.html");
    let row = select(&doc, "table a").into_iter().find(|a| text(a) == "Quiz").expect("the quiz's row links to it");
    assert_eq!(lang_of(&row), ("en".to_string(), "ltr".to_string()), "{}", row.html());
}

#[test]
fn fallback_passages_carry_their_own_language_and_direction() {
    let f = three_languages();
    f.write(
        "site.yaml",
        "title: Fixture\nfunding: Co-funded by the EU.\nlanguages:\n  - en\n  - el\n  - code: ar\n    direction: rtl\ntranslations:\n  el:\n    title: Δοκιμή\n    funding: Με τη συγχρηματοδότηση της ΕΕ.\n",
    );
    let out = f.check();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("site.yaml:1:1: warning: site settings not translated into `ar`: title, funding"), "{err}");
    assert!(!err.contains("into `el`"), "{err}");
    assert!(f.build().status.success());
    // Arabic: the untranslated course and quiz are English passages inside a right-to-left page.
    let doc = f.html("ar/course/mod/quiz.html");
    assert_eq!(select(&doc, "html")[0].value().attr("dir"), Some("rtl"));
    let h1 = select(&doc, "h1")[0];
    assert_eq!((h1.value().attr("lang"), h1.value().attr("dir")), (Some("en"), Some("ltr")));
    let q = select(&doc, ".quiz-question")[0];
    assert_eq!((q.value().attr("lang"), q.value().attr("dir")), (Some("en"), Some("ltr")), "the fallback quiz is laid out left-to-right");
    assert_eq!(select(&doc, ".quiz-question .q-number")[0].value().attr("lang"), Some("ar"), "interface words inside stay Arabic");
    let nav: Vec<Option<&str>> = select(&doc, ".course-nav-list a").iter().map(|a| a.value().attr("lang")).collect();
    assert!(!nav.is_empty() && nav.iter().all(|l| *l == Some("en")), "fallback menu items are marked English: {nav:?}");
    assert_eq!(select(&doc, ".funding")[0].value().attr("lang"), Some("en"));
    assert_eq!(select(&doc, ".brand-title")[0].value().attr("lang"), Some("en"));
    // Facts of a fallback course, cards of fallback pages and tag values of fallback practices.
    f.write("content/en/01-course/index.md", "---\ntitle: Course\nkind: course\nduration: About 2 hours\nobjectives: [Name the stages]\n---\nAbout.\n");
    f.write("content/en/05-practices/index.md", "---\ntitle: Practices\nkind: collection\n---\nAll of them.\n");
    f.write("content/en/05-practices/01-one.md", "---\ntitle: One\nkind: practice\ntags:\n  country: [Greece]\n---\nText.\n");
    assert!(f.build().status.success());
    let course = f.html("ar/course/index.html");
    let facts: Vec<(Option<&str>, Option<&str>)> =
        select(&course, ".unit-facts dd, .objectives").iter().map(|d| (d.value().attr("lang"), d.value().attr("dir"))).collect();
    assert!(facts.len() == 2 && facts.iter().all(|f| *f == (Some("en"), Some("ltr"))), "{facts:?}");
    let card = select(&course, ".card-title");
    assert!(!card.is_empty() && card.iter().all(|c| c.value().attr("dir") == Some("ltr")), "an English card title is laid out left-to-right");
    let practices = f.html("ar/practices/index.html");
    let tag = select(&practices, ".tag-filters a.tag bdi");
    assert_eq!((tag[0].value().attr("lang"), text(&tag[0]).as_str()), (Some("en"), "Greece"));
    assert!(select(&f.html("en/practices/index.html"), ".tag bdi").is_empty(), "no marks in the language of the text");
    // The Arabic translation status: the English titles of pages not translated yet, their
    // source paths left-to-right; each language's name in its own language and direction.
    let status = f.html("ar/translation-status.html");
    let missing = select(&status, "tr.is-missing td > a");
    assert!(
        !missing.is_empty() && missing.iter().all(|a| (a.value().attr("lang"), a.value().attr("dir")) == (Some("en"), Some("ltr"))),
        "untranslated titles are marked English"
    );
    let paths = select(&status, "tr td > code.source-path");
    assert!(!paths.is_empty() && paths.iter().all(|c| c.value().attr("dir") == Some("ltr")), "source paths are left-to-right");
    let share = text(&select(&status, ".status-overview tbody td")[0]);
    assert!(share.trim().ends_with('٪'), "a share is written the Arabic way: {share:?}");
    let setting = select(&status, "tr.is-missing td > span[lang]");
    assert!(setting.is_empty(), "a setting's name is no page title");
    let el_status = f.html("el/translation-status.html");
    let names: Vec<(String, Option<&str>, Option<&str>)> =
        select(&el_status, ".status-overview th a").iter().map(|a| (text(a), a.value().attr("lang"), a.value().attr("dir"))).collect();
    assert!(names.iter().any(|n| n.1 == Some("ar") && n.2 == Some("rtl")) && names.iter().all(|n| n.2.is_some()), "{names:?}");
    // Greek: translated settings, no marks; the home link is the Greek page's own.
    let el = f.html("el/index.html");
    assert_eq!(text(&select(&el, ".brand-title")[0]), "Δοκιμή");
    assert_eq!(select(&el, ".brand-title")[0].value().attr("lang"), None);
    assert_eq!(text(&select(&el, ".funding")[0]), "Με τη συγχρηματοδότηση της ΕΕ.");
    assert!(f.read_out("el/course/mod/first.html").contains("<title>Πρώτο μάθημα – Δοκιμή</title>"));
}

#[test]
fn a_regional_language_code_gets_its_languages_interface_and_a_language_without_one_is_named() {
    // pt-BR is Portuguese: its interface is the built-in Brazilian one over Portuguese, with
    // no warning, and its pages keep the code as written.
    let f = Fixture::empty();
    f.write("site.yaml", "title: Sítio\nlanguages:\n  - pt-BR\n  - sv\n");
    f.write("content/pt-BR/index.md", "---\ntitle: Início\n---\nTexto.\n");
    let out = f.check();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("missing in `pt-BR`"), "{err}");
    assert!(err.contains("interface strings are missing in `sv`, and show in the default language"), "{err}");
    assert!(
        err.contains("hint: add them to i18n/sv.yaml: copy them from i18n/en.yaml of the kyklos repository and translate them (README: \"Interface strings\")"),
        "{err}"
    );
    assert!(f.build().status.success());
    assert_eq!(text(&select(&f.html("pt-BR/index.html"), "a.skip-link")[0]), "Ir para o conteúdo principal");
    assert_eq!(text(&select(&f.html("sv/index.html"), "a.skip-link")[0]), "Ir para o conteúdo principal", "Swedish falls back to the default");
    let br = f.read_out("pt-BR/index.html");
    assert!(br.contains("<html lang=\"pt-BR\"") && br.contains("“Início”, Sítio, licenciado") && !br.contains("«"), "{br}");
    let sv = f.read_out("sv/index.html");
    assert!(
        sv.contains("<span lang=\"pt-BR\" dir=\"ltr\">Para reutilizá-la, faça a atribuição assim:") && !sv.contains("«"),
        "Brazilian strings lent to Swedish: {sv}"
    );
    // A default language kyklos has no strings of shows English, and says so.
    f.write("site.yaml", "title: Webbplats\nlanguages: [sv]\n");
    f.remove("content/pt-BR/index.md");
    f.write("content/sv/index.md", "---\ntitle: Hem\n---\nText.\n");
    let err = stderr(&f.check());
    assert!(err.contains("interface strings are missing in `sv`, the default language, and show in English"), "{err}");
}

const VTT_EN: &str = "WEBVTT\n\n00:00.500 --> 00:03.000\nThere are several permits.\n";
const VTT_UK: &str = "WEBVTT\n\n00:00.500 --> 00:03.000\nІснують різні дозволи.\n";

/// en (default), uk and ar (right-to-left). uk translates the home page, one lesson, the
/// guide's overview and first phase, the quiz's first question and a badge's name; everything
/// else shows in English: a lesson with a captioned video, a table, a task list and a
/// footnote, the course page, a guide phase and template, a training unit.
fn partly_translated() -> Fixture {
    let f = Fixture::new();
    f.write(
        "site.yaml",
        "title: Fixture\nlanguages:\n  - en\n  - uk\n  - code: ar\n    direction: rtl\njourney:\n  badges:\n    - id: diligent\n      name: { en: Diligent, uk: Старанний }\n      description: Read three lessons.\n      rule: { lessons: 3 }\n",
    );
    let m = "content/en/01-course/01-mod";
    f.write(
        &format!("{m}/03-media.md"),
        "---\ntitle: Permits explained\n---\n## Watch\n\n![Permits explained: a short video](permits.webm)\n\n| Permit | Valid |\n|---|---|\n| Settlement | unlimited |\n\n- [x] Watched the video\n- [ ] Read the glossary\n\nA note[^1].\n\n[^1]: From the handbook.\n",
    );
    f.write(&format!("{m}/permits.webm"), b"\x1a\x45\xdf\xa3 not really a video");
    f.write(&format!("{m}/permits.en.vtt"), VTT_EN);
    f.write(&format!("{m}/permits.uk.vtt"), VTT_UK);
    f.write(&format!("{m}/permits.transcript.md"), "A voice says: there are several permits.\n");
    f.write(&format!("{m}/permits.uk.transcript.md"), "Голос каже: існують різні дозволи.\n");
    f.write(
        &format!("{m}/quiz.yaml"),
        "title: Quiz\nquestions:\n  - id: pick\n    type: single\n    prompt: Pick A\n    options:\n      - text: A\n        correct: true\n      - text: B\n  - id: rules\n    type: multiple\n    prompt: Which rules apply?\n    options:\n      - text: Short sentences\n        correct: true\n        feedback: Yes.\n      - text: Long words\n",
    );
    f.write(
        "content/uk/01-course/01-mod/quiz.yaml",
        "title: Тест\nquestions:\n  - id: pick\n    prompt: Виберіть А\n    options:\n      - text: А\n      - text: Б\n",
    );
    f.write("content/uk/01-course/01-mod/01-first.md", "---\ntitle: Перший урок\n---\n## Почніть тут {#start-here}\n\nТекст.\n");
    f.write("content/en/02-guide/index.md", "---\ntitle: Guide for first talks\nkind: guide\n---\n## Why\n\nThree phases.\n");
    f.write("content/en/02-guide/01-prepare.md", "---\ntitle: Prepare\nresponsible: Team lead\n---\n- [ ] Room booked\n");
    f.write(
        "content/en/02-guide/02-talk.md",
        "---\ntitle: Hold the talk\nresponsible: Caseworker\noutputs: [Talk notes]\n---\n## Checklist\n\n- [ ] Concern noted\n",
    );
    f.write("content/en/02-guide/09-form.md", "---\ntitle: Talk notes form\nkind: template\n---\n| Field | Entry |\n|---|---|\n| Date | |\n");
    f.write("content/uk/02-guide/index.md", "---\ntitle: Посібник для перших розмов\nkind: guide\n---\n## Навіщо\n\nТри фази.\n");
    f.write("content/uk/02-guide/01-prepare.md", "---\ntitle: Підготовка\nresponsible: Керівник команди\n---\n- [ ] Кімнату заброньовано\n");
    f.write("content/en/03-training/index.md", "---\ntitle: Training\nkind: page\n---\nUnits for volunteers.\n");
    f.write(
        "content/en/03-training/01-guides.md",
        "---\ntitle: Training guides\nkind: unit\nduration: 2 hours\ndiscussion:\n  - What do newcomers need first?\n  - Where does the role end?\n---\n## Plan\n\nTwo hours.\n",
    );
    f.write("content/uk/index.md", "---\ntitle: Головна\n---\nЛаскаво просимо.\n");
    f.write("content/ar/index.md", "---\ntitle: مرحبا\n---\nأهلا وسهلا.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    f
}

#[test]
fn interface_words_in_a_fallback_lesson_carry_the_pages_language() {
    let f = partly_translated();
    let doc = f.html("uk/course/mod/media.html");
    assert_eq!(lang_at(&doc, "main .prose"), "en", "the lesson is English");
    // "Link to this section", "Table 1", "Done:"/"To do:" and the footnote's back-link are Ukrainian.
    assert_eq!(lang_at(&doc, ".prose h2 a.anchor .visually-hidden > span"), "uk");
    assert_eq!(text(&select(&doc, ".prose h2 a.anchor .visually-hidden")[0]), "Посилання на цей розділ: Watch");
    assert_eq!(select(&doc, ".prose a.anchor")[0].value().attr("aria-label"), None, "the name is written out, each part in its language");
    assert_eq!(lang_at(&doc, ".prose .table-wrap"), "uk", "the table's region is named in Ukrainian");
    assert_eq!(lang_at(&doc, ".prose .table-wrap table"), "en", "its cells are English");
    let tasks: Vec<(String, String)> = select(&doc, ".prose .task-list .visually-hidden").iter().map(|s| (text(s), lang_of(s).0)).collect();
    assert_eq!(tasks, [("Виконано:".into(), "uk".into()), ("До виконання:".into(), "uk".into())]);
    assert_eq!(lang_at(&doc, ".prose .task-list li"), "en");
    assert_eq!(lang_at(&doc, ".prose .footnote-backref"), "uk");
    assert_eq!(lang_at(&doc, ".prose .footnote-definition"), "en");
    // The page's own title in the breadcrumbs is English too; a translated page's is not marked.
    assert_eq!(lang_at(&doc, ".breadcrumbs [aria-current=page]"), "en");
    assert_eq!(lang_at(&f.html("uk/course/mod/first.html"), ".breadcrumbs [aria-current=page]"), "uk");
    // In the original nothing is marked, and the self-link keeps its one label.
    let en = f.html("en/course/mod/media.html");
    assert!(select(&en, "main .prose [lang]").is_empty(), "no marks in the text's own language");
    assert!(select(&en, ".prose a.anchor")[0].value().attr("aria-label").is_some_and(|l| l.ends_with(": Watch")));
    // Arabic: the interface words are right-to-left; the table's region keeps the text's
    // direction, so a wide English table scrolls from its start.
    let ar = f.html("ar/course/mod/media.html");
    let done = select(&ar, ".prose .task-list .visually-hidden");
    assert_eq!(lang_of(&done[0]), ("ar".to_string(), "rtl".to_string()));
    assert_eq!(lang_of(&select(&ar, ".prose .table-wrap")[0]), ("ar".to_string(), "ltr".to_string()));
    assert_eq!(lang_of(&select(&ar, ".prose .table-wrap td")[0]), ("en".to_string(), "ltr".to_string()));
}

#[test]
fn a_footnotes_back_link_is_marked_with_the_language_of_its_label() {
    // Urdu has no built-in interface strings: "Back to the text" is English. In the English
    // note of a lesson Urdu has not translated it was marked Urdu, right to left; in an Urdu
    // note it was left unmarked.
    let f = Fixture::empty();
    f.write("site.yaml", "title: Site\nlanguages: [en, ur]\n");
    f.write("content/en/index.md", "---\ntitle: Home\n---\nWelcome.\n");
    f.write("content/en/01-a.md", "---\ntitle: A\n---\nText.[^1]\n\n[^1]: A note.\n");
    f.write("content/en/02-b.md", "---\ntitle: B\n---\nText.[^1]\n\n[^1]: A note.\n");
    f.write("content/ur/index.md", "---\ntitle: سرورق\n---\nخوش آمدید۔\n");
    f.write("content/ur/02-b.md", "---\ntitle: ب\n---\nمتن۔[^1]\n\n[^1]: ایک نوٹ۔\n");
    assert!(f.build().status.success());
    let back = |page: &str| {
        let doc = f.html(page);
        let a = select(&doc, ".footnote-backref")[0];
        (a.value().attr("aria-label").unwrap_or_default().to_string(), a.value().attr("lang").map(str::to_string), lang_of(&a))
    };
    let en = ("en".to_string(), "ltr".to_string());
    assert_eq!(back("ur/a.html"), ("Back to the text".into(), None, en.clone()), "the English note's language");
    assert_eq!(back("ur/b.html"), ("Back to the text".into(), Some("en".into()), en.clone()), "English in an Urdu note");
    assert_eq!(back("en/a.html"), ("Back to the text".into(), None, en));
}

#[test]
fn a_fallback_video_plays_the_pages_captions_first_and_speaks_its_language() {
    let f = partly_translated();
    let tracks = |doc: &scraper::Html| -> Vec<(String, bool)> {
        select(doc, "main video track").iter().map(|t| (t.value().attr("srclang").unwrap().to_string(), t.value().attr("data-default").is_some())).collect()
    };
    let uk = f.html("uk/course/mod/media.html");
    assert_eq!(tracks(&uk), [("uk".into(), true), ("en".into(), false)], "Ukrainian captions first and on");
    assert_eq!(lang_at(&uk, "main figure.media video > p"), "uk", "'cannot play this file' is Ukrainian");
    assert_eq!(lang_at(&uk, "main figure.media figcaption"), "en", "the video's name is the lesson's");
    let download = select(&uk, "main figure.media figcaption a.media-download");
    assert!(text(&download[0]).starts_with("Завантажити"), "{}", text(&download[0]));
    assert_eq!(lang_of(&download[0]).0, "uk");
    assert_eq!(lang_at(&uk, "main details.transcript summary > span"), "uk");
    let transcript = select(&uk, "main .transcript-body");
    assert_eq!(lang_of(&transcript[0]).0, "uk", "the page language's transcript, marked inside the English lesson");
    assert!(text(&transcript[0]).contains("Голос каже"), "{}", text(&transcript[0]));
    // No Arabic captions: the lesson's own (English) come first and are on; the shared
    // (English) transcript needs no mark inside the English lesson.
    let ar = f.html("ar/course/mod/media.html");
    assert_eq!(tracks(&ar), [("en".into(), true), ("uk".into(), false)]);
    assert_eq!(lang_of(&select(&ar, "main figure.media video > p")[0]), ("ar".to_string(), "rtl".to_string()));
    assert_eq!(lang_at(&ar, "main .transcript-body"), "en");
    assert!(text(&select(&ar, "main .transcript-body")[0]).contains("A voice says"));
    // The original as before: its captions first, nothing marked.
    let en = f.html("en/course/mod/media.html");
    assert_eq!(tracks(&en), [("en".into(), true), ("uk".into(), false)]);
    assert!(select(&en, "main figure.media [lang]").is_empty());
}

#[test]
fn untranslated_parts_of_a_quiz_guide_unit_and_badge_are_marked_each_on_its_own() {
    let f = partly_translated();
    // The quiz: its first question is translated, the second shown in English.
    let quiz = f.html("uk/course/mod/quiz.html");
    assert_eq!(lang_at(&quiz, "#q-pick .q-prompt"), "uk");
    assert_eq!(lang_at(&quiz, "#q-pick label"), "uk");
    assert_eq!(lang_at(&quiz, "#q-rules .q-prompt"), "en");
    assert_eq!(lang_at(&quiz, "#q-rules .q-number"), "uk", "the question's number is the page's");
    let options: Vec<String> = select(&quiz, "#q-rules .q-option label, #q-rules .feedback").iter().map(|l| lang_of(l).0).collect();
    assert_eq!(options, ["en", "en", "en"]);
    let answer: Vec<String> = select(&quiz, "#q-rules .q-answer > span").iter().map(|s| lang_of(s).0).collect();
    assert_eq!(answer, ["uk"], "'Correct answer:' in the English question, whose option is not marked again");
    assert_eq!(lang_at(&quiz, "#q-rules"), "en", "the question left out whole is marked as a whole");
    assert_eq!(lang_at(&quiz, "#q-pick"), "uk");
    // The course's printed sheet, inside the English course page: each part in Ukrainian
    // unless shown in English.
    let print = f.html("uk/course/print.html");
    let inner = scraper::Selector::parse("span[lang]").unwrap();
    let prompts: Vec<String> = select(&print, ".print-quiz .sheet-prompt").iter().map(|p| lang_of(&p.select(&inner).next().unwrap_or(*p)).0).collect();
    assert_eq!(prompts, ["uk", "en"]);
    assert_eq!(lang_at(&print, ".print-quiz .sheet-note"), "uk");
    // The printed guide: the second phase and the template are English; the labels Ukrainian.
    let guide = f.html("uk/guide/print.html");
    let titles: Vec<(String, String)> = select(&guide, "section.print-part > h2").iter().map(|h| (text(h), lang_of(h).0)).collect();
    assert_eq!(titles, [("Підготовка".into(), "uk".into()), ("Hold the talk".into(), "en".into()), ("Talk notes form".into(), "en".into())]);
    let facts: Vec<(String, String)> =
        select(&guide, "section.print-part .phase-facts dt, section.print-part .phase-facts dd").iter().map(|d| (text(d), lang_of(d).0)).collect();
    assert!(facts.contains(&("Caseworker".into(), "en".into())) && facts.contains(&("Керівник команди".into(), "uk".into())), "{facts:?}");
    assert!(select(&guide, ".phase-facts dt").iter().all(|d| lang_of(d).0 == "uk"));
    let checks: Vec<String> = select(&guide, "section.print-part label").iter().map(|l| lang_of(l).0).collect();
    assert_eq!(checks, ["uk", "en"]);
    // The guide's page: the cycle's English label and template.
    let page = f.html("uk/guide/index.html");
    let labels: Vec<Option<&str>> = select(&page, "text.cycle-label").iter().map(|t| t.value().attr("lang")).collect();
    assert_eq!(labels, [None, Some("en")]);
    assert_eq!(lang_at(&page, "section.templates a"), "en");
    // After the last phase the pager says "again" in the page's language before the English title.
    let last = f.html("ar/guide/talk.html");
    assert_eq!(lang_of(&select(&last, "a[rel=next] .pager-label")[0]), ("ar".to_string(), "rtl".to_string()));
    assert_eq!(lang_of(&select(&last, "a[rel=next] .pager-title")[0]), ("en".to_string(), "ltr".to_string()));
    // The training unit's discussion questions.
    let unit = f.html("uk/training/guides.html");
    assert_eq!(lang_at(&unit, ".discussion h2"), "uk");
    assert!(select(&unit, ".discussion li").iter().all(|q| lang_of(q).0 == "en"));
    // The badge: a Ukrainian name over an English description.
    let progress = f.html("uk/progress.html");
    assert_eq!(text(&select(&progress, "[data-badge=diligent] .jbadge-name")[0]), "Старанний");
    assert_eq!(lang_at(&progress, "[data-badge=diligent] .jbadge-name"), "uk");
    assert_eq!(lang_at(&progress, "[data-badge=diligent] .jbadge-description"), "en");
}

/// it (default), fa (right-to-left, built-in interface) and pl (no built-in interface, no
/// `i18n/pl.yaml`): fa translates the quiz without its title, pl one lesson.
fn it_fa_pl() -> Fixture {
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        "title: Sito\nlanguages:\n  - it\n  - fa\n  - code: pl\n    name: Polski\ntranslations:\n  fa: { title: سایت }\n  pl: { title: Strona }\n",
    );
    f.write("content/it/index.md", "---\ntitle: Inizio\n---\nBenvenuti nel [corso](01-corso/index.md).\n");
    f.write("content/it/01-corso/index.md", "---\ntitle: Corso\nkind: course\n---\nIl corso.\n");
    f.write("content/it/01-corso/01-mod/index.md", "---\ntitle: Modulo uno\nkind: module\n---\nPanoramica.\n");
    f.write("content/it/01-corso/01-mod/01-prima.md", "---\ntitle: Prima lezione\n---\n## Inizia qui\n\nTesto.\n");
    f.write("content/it/01-corso/01-mod/02-seconda.md", "---\ntitle: Seconda lezione\n---\n## Parte due\n\nTesto.\n");
    f.write(
        "content/it/01-corso/01-mod/quiz.yaml",
        "title: Quiz del modulo\npass_mark: 50\nquestions:\n  - id: q1\n    type: single\n    prompt: Scegli A\n    options:\n      - text: A\n        correct: true\n        feedback: Giusto.\n      - text: B\n    explanation: A è giusta.\n  - id: q2\n    type: true_false\n    prompt: Il cielo è blu\n    answer: true\n",
    );
    for lang in ["fa", "pl"] {
        f.write(&format!("content/{lang}/index.md"), "---\ntitle: Start\n---\nWitamy.\n");
        f.write(&format!("content/{lang}/01-corso/index.md"), "---\ntitle: Kurs\nkind: course\n---\nKurs.\n");
        f.write(&format!("content/{lang}/01-corso/01-mod/index.md"), "---\ntitle: Moduł pierwszy\nkind: module\n---\nPrzegląd.\n");
    }
    f.write("content/pl/01-corso/01-mod/01-prima.md", "---\ntitle: Pierwsza lekcja\n---\n## Zacznij tutaj\n\nTekst.\n\n- [x] Przeczytane\n");
    f.write("content/fa/01-corso/01-mod/02-seconda.md", "---\ntitle: درس دوم\n---\nمتن.\n");
    f.write(
        "content/fa/01-corso/01-mod/quiz.yaml",
        "questions:\n  - id: q1\n    prompt: الف را انتخاب کنید\n    options:\n      - text: الف\n      - text: ب\n",
    );
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    f
}

#[test]
fn a_quiz_translations_fallback_title_is_marked_wherever_it_is_shown() {
    // fa's quiz has no title of its own: the Italian one is shown, marked, in the sidebar,
    // the breadcrumbs, the pager, the module's list, the attribution and the search index,
    // not only as the page's heading; the translated quiz itself is not "not translated".
    let f = it_fa_pl();
    let it = |doc: &scraper::Html, css: &str| {
        let found: Vec<_> = select(doc, css).into_iter().filter(|e| text(e).starts_with("Quiz del modulo")).collect();
        assert!(!found.is_empty(), "nothing matches `{css}` with the quiz's title");
        for e in found {
            assert_eq!(lang_of(&e), ("it".to_string(), "ltr".to_string()), "{css}: {}", e.html());
        }
    };
    let lesson = f.html("fa/corso/mod/seconda.html");
    it(&lesson, ".course-nav a");
    it(&lesson, ".pager-title");
    let quiz = f.html("fa/corso/mod/quiz.html");
    it(&quiz, "h1");
    it(&quiz, ".breadcrumbs [aria-current=page]");
    it(&quiz, ".course-nav a");
    assert_eq!(select(&quiz, ".translation-notice").len(), 0, "the quiz is translated");
    let module = f.html("fa/corso/mod/index.html");
    it(&module, ".card-title");
    let attribution = f.read_out("fa/corso/mod/quiz.html");
    assert!(attribution.contains("<span lang=\"it\" dir=\"ltr\">Quiz del modulo</span>"), "attribution: {attribution}");
    let search: String = files(&f.out().join("search"))
        .iter()
        .filter(|p| p.starts_with("fa/"))
        .map(|p| std::fs::read_to_string(f.out().join("search").join(p)).unwrap_or_default())
        .collect();
    assert!(search.contains("[\"corso/mod/quiz.html\",\"Quiz del modulo\",\"quiz\",[\"Kurs\",\"Moduł pierwszy\"],1,"), "{search}");
    // A lesson's title cannot fall back: front matter must have one.
    let pl = f.html("pl/corso/mod/prima.html");
    assert_eq!(lang_at(&pl, "h1"), "pl");
}

/// Every text of `doc` that is one of the default language's (Italian) interface strings and
/// not one of `own`'s, with the language it is read in.
fn italian_interface_texts(doc: &scraper::Html, own: &std::collections::BTreeMap<String, String>) -> Vec<(String, String)> {
    use kyklos::i18n::{Strings, Table};
    let it = Strings::new("it", Table::new(), Table::new(), "it").all_plain();
    let theirs: std::collections::BTreeSet<&str> =
        it.iter().filter(|(k, v)| own.get(*k) != Some(*v) && v.chars().filter(|c| c.is_alphabetic()).count() > 3).map(|(_, v)| v.trim()).collect();
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        let Some(t) = node.value().as_text() else { continue };
        let t = t.trim().trim_start_matches('(').trim_end_matches(')').trim_end_matches(':').trim();
        if theirs.contains(t) {
            let parent = scraper::ElementRef::wrap(node.parent().unwrap()).unwrap();
            if parent.value().name() == "title" {
                continue;
            }
            out.push((t.to_string(), lang_of(&parent).0));
        }
    }
    out
}

#[test]
fn interface_strings_a_language_lacks_are_marked_with_the_language_they_show_in() {
    // pl has no interface strings: kyklos shows the default language's (Italian) on its pages,
    // each marked lang="it" dir="ltr" so a screen reader reads it with an Italian voice.
    let f = it_fa_pl();
    let none = std::collections::BTreeMap::new();
    for page in ["pl/corso/mod/prima.html", "pl/corso/mod/index.html", "pl/corso/mod/quiz.html", "pl/index.html"] {
        let doc = f.html(page);
        let found = italian_interface_texts(&doc, &none);
        assert!(found.len() > 10, "{page}: {found:?}");
        let unmarked: Vec<_> = found.iter().filter(|(_, lang)| lang != "it").collect();
        assert!(unmarked.is_empty(), "{page}: Italian interface strings read as Polish: {unmarked:?}");
    }
    let lesson = f.html("pl/corso/mod/prima.html");
    assert_eq!(lang_of(&select(&lesson, "a.skip-link span")[0]), ("it".to_string(), "ltr".to_string()));
    assert_eq!(lang_at(&lesson, "h1"), "pl", "the page's own text keeps its language");
    assert_eq!(lang_at(&lesson, ".position span"), "it");
    // Sentences of the footer: Italian, with the page's title in them still Polish.
    assert_eq!(lang_at(&lesson, ".licence > span"), "it");
    assert_eq!(lang_at(&lesson, ".attribution-text"), "it");
    let title = select(&lesson, ".attribution-text span").into_iter().find(|s| text(s) == "Pierwsza lekcja").expect("the title in the attribution");
    assert_eq!(lang_of(&title).0, "pl");
    // The untranslated module's "(not translated yet)" in the sidebar is Italian too.
    let module_mark = select(&lesson, ".course-nav .nav-module .visually-hidden span");
    assert!(module_mark.is_empty() || lang_of(&module_mark[0]).0 == "it");
    // A site file translating some strings: those are Polish and unmarked, the rest Italian.
    f.write("i18n/pl.yaml", "next: Dalej\nprevious: Wstecz\nskip_to_content: Przejdź do treści\n");
    assert!(f.build().status.success());
    let lesson = f.html("pl/corso/mod/prima.html");
    assert_eq!(lang_at(&lesson, "a.skip-link"), "pl");
    assert!(select(&lesson, "a.skip-link span").is_empty());
    assert_eq!(lang_at(&lesson, ".pager-next .pager-label"), "pl");
    let own: std::collections::BTreeMap<String, String> =
        [("next", "Dalej"), ("previous", "Wstecz"), ("skip_to_content", "Przejdź do treści")].map(|(k, v)| (k.to_string(), v.to_string())).into();
    let found = italian_interface_texts(&lesson, &own);
    assert!(found.iter().all(|(_, lang)| lang == "it"), "{found:?}");
    // Persian has its own strings: nothing of the interface is marked.
    let fa = f.html("fa/corso/mod/seconda.html");
    assert_eq!(italian_interface_texts(&fa, &none), []);
}

#[test]
fn pages_kyklos_writes_itself_mark_the_interface_strings_a_language_lacks() {
    // The progress, certificate, credits, accessibility, translation status and downloads
    // pages are written in Rust, not by the theme's templates: their Italian words on a Polish
    // page are marked too, and the page's own words inside such a sentence keep Polish.
    let f = it_fa_pl();
    let none = std::collections::BTreeMap::new();
    let pages = ["progress", "certificate", "credits", "accessibility", "translation-status", "downloads"];
    for page in pages {
        let doc = f.html(&format!("pl/{page}.html"));
        let found = italian_interface_texts(&doc, &none);
        assert!(found.len() > 10, "{page}: {found:?}");
        let unmarked: Vec<_> = found.iter().filter(|(_, lang)| lang != "it").collect();
        assert!(unmarked.is_empty(), "{page}: Italian interface strings read as Polish: {unmarked:?}");
    }
    let progress = f.html("pl/progress.html");
    assert_eq!(lang_at(&progress, ".journey-table caption > span"), "it");
    let course = select(&progress, ".journey-table caption span span").into_iter().find(|s| text(s) == "Kurs").expect("the course's title in the caption");
    assert_eq!(lang_of(&course).0, "pl");
    let accessibility = f.html("pl/accessibility.html");
    let site = select(&accessibility, "main p span").into_iter().find(|s| text(s) == "Strona").expect("the site's title");
    assert_eq!(lang_of(&site).0, "pl");
    // Interface words put into the lesson's Markdown: the heading's hidden "Link to this
    // section" and the task's "Done:" are Italian; the heading's own words stay Polish.
    let lesson = f.html("pl/corso/mod/prima.html");
    let anchor = select(&lesson, "h2 .anchor .visually-hidden > span");
    assert_eq!(anchor.len(), 1, "the label is written out, not an aria-label");
    assert_eq!((lang_of(&anchor[0]).0, text(&anchor[0])), ("it".to_string(), "Link a questa sezione".to_string()));
    assert_eq!(lang_at(&lesson, "h2 .anchor .visually-hidden"), "pl");
    assert_eq!(lang_at(&lesson, ".task-mark + .visually-hidden"), "it");
    // A lesson shown in Italian (not translated): its labels are Italian like its text.
    let fallback = f.read_out("pl/corso/mod/seconda.html");
    assert!(fallback.contains("<span class=\"visually-hidden\"><span>Link a questa sezione</span>: Parte due</span>"), "{fallback}");
    // The root chooser: Polish's "83% tradotto" is Italian.
    let root = f.html("index.html");
    assert_eq!(lang_at(&root, "li[lang=pl] .language-share > span"), "it");
    assert!(select(&root, "li[lang=fa] .language-share > span").is_empty());
    // A Polish SCORM package's launch page: its notices are Italian.
    let zip = std::fs::read(f.out().join("pl/downloads/mod-pl-scorm12.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut sco = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("mod/sco.html").unwrap(), &mut sco).unwrap();
    let sco = scraper::Html::parse_document(&sco);
    for css in [".sco-note > span", ".sco-refused"] {
        assert_eq!(lang_at(&sco, css), "it", "sco.html {css}");
    }
    // Persian has its own strings: nothing is marked there.
    for page in pages {
        assert_eq!(italian_interface_texts(&f.html(&format!("fa/{page}.html")), &none), [], "fa/{page}");
    }
}

#[test]
fn french_footer_and_statement_write_labels_and_dates_as_french_does() {
    // "Auteurs: …" (the colon glued to the label) and "établie le 2026-12-04": French writes
    // "Auteurs : …" with a no-break space and "4 décembre 2026".
    let f = Fixture::empty();
    f.write("site.yaml", "title: Accueil\nlanguages: [fr]\nauthors: [Atelier]\naccessibility:\n  contact: a@example.org\n  date: 2026-12-04\n");
    f.write("content/fr/index.md", "---\ntitle: Accueil\n---\nBienvenue.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let home = f.html("fr/index.html");
    assert!(f.read_out("fr/index.html").contains("Auteurs\u{a0}: <bdi>Atelier</bdi>"), "{}", select(&home, ".authors")[0].html());
    let a11y = f.html("fr/accessibility.html");
    let date = select(&a11y, "time[datetime=\"2026-12-04\"]");
    assert_eq!(text(&date[0]), "4 décembre 2026");
    assert_eq!(date[0].value().attr("dir"), None, "a date in words takes the sentence's direction");
}
