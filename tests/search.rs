//! Search: what goes into each language's index, and how pages offer it.

mod common;

use common::*;

fn site() -> Fixture {
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\n");
    f.write(
        "content/en/01-course/01-mod/03-third.md",
        "---\ntitle: Third lesson\ndescription: Short.\n---\n## Harbour life\n\nThe old port of Zanzibar trades cloves.\n",
    );
    f.write("content/en/01-course/01-mod/04-draft.md", "---\ntitle: Unfinished\ndraft: true\n---\nNarwhals are not ready yet.\n");
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Harbour quiz\nquestions:\n  - id: q1\n    type: single\n    prompt: Which platypus lives here?\n    explanation: Because of the echidna.\n    options:\n      - text: The quokka\n        correct: true\n        feedback: Yes, the wombat agrees.\n      - text: The dingo\n",
    );
    f.write("content/en/02-practices/index.md", "---\ntitle: Practices\nkind: collection\n---\n");
    f.write("content/en/02-practices/01-bishkek.md", "---\ntitle: A practice\ntags:\n  country: [Kyrgyzstan]\n---\nText.\n");
    f.write("content/el/index.md", "---\ntitle: Αρχική\n---\nΚαλωσορίσατε στη μετανάστευση.\n");
    f
}

/// Every word of a language's index (the keys of the term shards' word maps).
fn indexed(f: &Fixture, lang: &str) -> String {
    let dir = f.out().join("search").join(lang);
    files(&dir).iter().filter(|p| p.starts_with('t')).map(|p| std::fs::read_to_string(dir.join(p)).unwrap()).collect()
}

#[test]
fn the_index_holds_pages_tags_and_quiz_titles_but_no_answers_or_drafts() {
    let f = site();
    let out = f.run(&["build", "-v"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("search en: "), "-v reports the index: {}", stderr(&out));
    let en = indexed(&f, "en");
    for word in ["zanzibar", "cloves", "harbour", "kyrgyzstan", "quiz", "short"] {
        assert!(en.contains(&format!("\"{word}\":")), "`{word}` is indexed");
    }
    for word in ["quokka", "dingo", "wombat", "platypus", "echidna", "narwhals", "unfinished"] {
        assert!(!en.contains(&format!("\"{word}\"")), "`{word}` must not be indexed");
    }
    let docs: String = files(&f.out().join("search/en")).iter().filter(|p| p.starts_with('d')).map(|p| f.read_out(&format!("search/en/{p}"))).collect();
    assert!(docs.contains("\"Harbour quiz\",\"quiz\""));
    assert!(!docs.contains("quokka") && !docs.contains("Narwhal"), "page texts hold no answers and no drafts");
}

#[test]
fn every_language_has_its_index_with_untranslated_pages_marked() {
    let f = site();
    assert!(f.build().status.success());
    let el = indexed(&f, "el");
    assert!(el.contains("\"μεταναστευση\":"), "Greek words are folded: {el}");
    assert!(el.contains("\"zanzibar\":"), "untranslated pages are searchable in their language's site");
    let manifest = f.read_out("search/el/index.js");
    assert!(manifest.starts_with("kyklosSearch.add(\"el\",\"index\","));
    assert!(manifest.contains("\"lesson\":\"Μάθημα\""), "kind labels in the language: {manifest}");
    let docs: String = files(&f.out().join("search/el")).iter().filter(|p| p.starts_with('d')).map(|p| f.read_out(&format!("search/el/{p}"))).collect();
    // A fallback page is flagged (the 1), and so is each untranslated title of its place ([…]).
    assert!(docs.contains("\"Third lesson\",\"lesson\",[[\"Course\"],[\"Module one\"]],1,"), "a fallback page is flagged: {docs}");
    assert!(docs.contains("\"Αρχική\",\"home\",[],0,"));
}

#[test]
fn every_page_has_a_search_box_that_needs_javascript() {
    let f = site();
    assert!(f.build().status.success());
    for page in ["en/index.html", "en/course/mod/third.html", "el/index.html", "en/course/mod/quiz.html"] {
        let doc = f.html(page);
        let boxes = select(&doc, "header [data-search][data-root][data-lang] form[role=search] input[type=search]");
        assert_eq!(boxes.len(), 1, "{page}");
        assert_eq!(select(&doc, "script[src$='static/search.js']").len(), 1, "{page}");
        assert!(select(&doc, "script:not([src]):not([type=\"application/ld+json\"])").is_empty(), "no inline script on {page}");
        assert_eq!(select(&doc, "[data-search] noscript").len(), 1);
    }
    let el = f.html("el/index.html");
    let input = select(&el, "#search-input")[0];
    assert_eq!(select(&el, "label[for=search-input]").len(), 1);
    assert!(input.value().attr("placeholder").unwrap().starts_with("Αναζήτηση"));
    assert!(!f.read_out("en/index.html").contains("search/en/index.js"), "the index is never loaded with the page");
}

#[test]
fn search_off_writes_no_index_and_no_search_box() {
    let f = site();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\nsearch: off\n");
    let out = f.run(&["build", "-v"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("search en: "), "{}", stderr(&out));
    assert!(!f.out().join("search").exists(), "no index is written");
    for page in ["en/index.html", "en/course/mod/third.html", "el/index.html"] {
        let doc = f.html(page);
        assert!(select(&doc, "[data-search]").is_empty(), "no search box on {page}");
        assert!(select(&doc, "script[src$='static/search.js']").is_empty(), "{page}");
    }
}

#[test]
fn a_search_switch_that_is_neither_on_nor_off_is_an_error_at_its_line() {
    let f = site();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\nsearch: sometimes\n");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("site.yaml:3:1"), "{}", stderr(&out));
    assert!(stderr(&out).contains("`search: sometimes` is neither on nor off"), "{}", stderr(&out));
}

/// The index fed page by page while rendering equals the index built at once from every page.
#[test]
fn the_index_of_a_build_is_the_index_of_all_its_pages() {
    let f = Fixture::empty();
    f.write("site.yaml", "title: Fixture site\n");
    f.write("content/en/index.md", "---\ntitle: Home\n---\nWelcome.\n");
    f.write("content/en/01-course/index.md", "---\ntitle: Course\n---\nCourse text.\n");
    for m in 1..=3 {
        f.write(&format!("content/en/01-course/0{m}-mod{m}/index.md"), format!("---\ntitle: Module {m}\n---\nModule text {m}.\n"));
        for l in 1..=150 {
            f.write(
                &format!("content/en/01-course/0{m}-mod{m}/{l:03}-lesson-{l}.md"),
                format!("---\ntitle: Lesson {m}.{l}\n---\n## Part {l}\n\nWords word{l} shared{} harbour {}.\n", l % 7, "filler text ".repeat(l)),
            );
        }
    }
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = f.out().join("search/en");
    let names = files(&dir);
    assert!(names.iter().filter(|n| n.starts_with('d')).count() > 10, "many page shards: {names:?}");
    let manifest = f.read_out("search/en/index.js");
    assert!(manifest.contains("\"n\":455"), "every page and no other: {manifest}");
    let words = indexed(&f, "en");
    for word in ["word1", "word150", "shared6", "harbour", "filler"] {
        assert!(words.contains(&format!("\"{word}\":")), "`{word}` is indexed");
    }
    // Page ids follow page order: the last lesson is in the last page shard.
    let last = names.iter().filter(|n| n.starts_with('d')).max_by_key(|n| n[1..n.len() - 3].parse::<usize>().unwrap()).unwrap();
    assert!(f.read_out(&format!("search/en/{last}")).contains("Lesson 3.150"), "{last}");
}

/// Guides with their phases and templates, training units with their card, and practices with
/// their tags are all in the index, each with its kind.
#[test]
fn guides_phases_templates_units_and_practices_are_indexed_with_their_kind() {
    let f = Fixture::empty();
    f.write("site.yaml", "title: Fixture site\n");
    f.write("content/en/index.md", "---\ntitle: Home\n---\nWelcome.\n");
    let g = "content/en/02-guides/01-cycle";
    f.write("content/en/02-guides/index.md", "---\ntitle: Guides\n---\n");
    f.write(&format!("{g}/index.md"), "---\ntitle: The cycle model\nkind: guide\n---\nA guide about lighthouses.\n");
    f.write(
        &format!("{g}/01-access.md"),
        "---\ntitle: Access\nresponsible: Quartermaster\noutputs: [A logbook]\nactivities: [Semaphore drills]\n---\nThe phase text.\n",
    );
    f.write(&format!("{g}/09-form.md"), "---\ntitle: Observation form\nkind: template\n---\n## Visitor\n\nBarnacle count: ____\n");
    f.write("content/en/03-units/index.md", "---\ntitle: Training\n---\n");
    f.write(
        "content/en/03-units/01-mentor.md",
        "---\ntitle: Becoming a mentor\nkind: unit\nobjectives: [Know the albatross]\nduration: 1 hour\nformat: Workshop in a gazebo\nassessment: Oral quiz about cormorants\nprerequisites: [The pelican course]\naudience: Harbourmasters\ndiscussion:\n  - What makes a good puffin?\n---\nText.\n",
    );
    f.write("content/en/04-practices/index.md", "---\ntitle: Good practices\nkind: collection\n---\n");
    f.write(
        "content/en/04-practices/01-egaleo.md",
        "---\ntitle: Practice Egaleo\ntags:\n  country: [Greece]\n  sector: [Early childhood education]\n---\nText.\n",
    );
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let words = indexed(&f, "en");
    for word in [
        "lighthouses",
        "quartermaster",
        "logbook",
        "semaphore",
        "barnacle",
        "albatross",
        "gazebo",
        "cormorants",
        "pelican",
        "harbourmasters",
        "puffin",
        "greece",
        "childhood",
    ] {
        assert!(words.contains(&format!("\"{word}\":")), "`{word}` is indexed");
    }
    let docs: String = files(&f.out().join("search/en")).iter().filter(|p| p.starts_with('d')).map(|p| f.read_out(&format!("search/en/{p}"))).collect();
    for (title, kind) in [
        ("The cycle model", "guide"),
        ("Access", "phase"),
        ("Observation form", "template"),
        ("Becoming a mentor", "unit"),
        ("Good practices", "collection"),
        ("Practice Egaleo", "practice"),
    ] {
        assert!(docs.contains(&format!("\"{title}\",\"{kind}\"")), "{title} is a {kind}: {docs}");
    }
    let manifest = f.read_out("search/en/index.js");
    for label in ["\"phase\":", "\"template\":", "\"unit\":", "\"practice\":"] {
        assert!(manifest.contains(label), "the manifest labels {label}: {manifest}");
    }
}
