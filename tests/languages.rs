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
    // pt-BR is Portuguese: its interface is the built-in Portuguese one, with no warning.
    let f = Fixture::empty();
    f.write("site.yaml", "title: Sítio\nlanguages:\n  - pt-BR\n  - sv\n");
    f.write("content/pt-BR/index.md", "---\ntitle: Início\n---\nTexto.\n");
    let out = f.check();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("missing in `pt-BR`"), "{err}");
    assert!(err.contains("interface strings are missing in `sv`, and show in the default language"), "{err}");
    assert!(f.build().status.success());
    assert_eq!(text(&select(&f.html("pt-BR/index.html"), "a.skip-link")[0]), "Ir para o conteúdo principal");
    assert_eq!(text(&select(&f.html("sv/index.html"), "a.skip-link")[0]), "Ir para o conteúdo principal", "Swedish falls back to the default");
    // A default language kyklos has no strings of shows English, and says so.
    f.write("site.yaml", "title: Webbplats\nlanguages: [sv]\n");
    f.remove("content/pt-BR/index.md");
    f.write("content/sv/index.md", "---\ntitle: Hem\n---\nText.\n");
    let err = stderr(&f.check());
    assert!(err.contains("interface strings are missing in `sv`, the default language, and show in English"), "{err}");
}
