//! Licences, attribution, schema.org metadata, credits and the EU publication pages, on a
//! fixture site that overrides licences at every level, and `check`'s positioned messages.

mod common;

use std::collections::BTreeSet;

use common::{files, select, stderr, text, Fixture};
use serde_json::Value;

const BY: &str = "https://creativecommons.org/licenses/by/4.0/";
const BY_SA: &str = "https://creativecommons.org/licenses/by-sa/4.0/";

/// Two languages; the second module's folder is CC BY-SA by two people; one lesson has its
/// own author; an image with a sidecar, a template and a video in a folder's credits.yaml.
fn site() -> Fixture {
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        "title: Rights site\nbase_url: https://example.org/course\nlanguages: [en, el]\nauthors: [Consortium]\nlicense: CC-BY-4.0\n\
         eu_funding:\n  authority: State Scholarships Foundation (IKY)\n  project: 2017-1-EL01-KA204-036335\n\
         accessibility:\n  contact: a11y@example.org\n  date: 2026-12-04\n\
         translations:\n  el:\n    title: Ιστότοπος\n",
    );
    f.write("content/en/index.md", "---\ntitle: Home\n---\nWelcome.\n");
    f.write("content/en/01-course/index.md", "---\ntitle: Course\nkind: course\naudience: Municipal staff\nlevel: Adult education\n---\nAbout.\n");
    f.write(
        "content/en/01-course/01-mod/index.md",
        "---\ntitle: Module one\nkind: module\nobjectives: [Name three push factors]\nduration: 1 h 30 min\n---\nOverview.\n",
    );
    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: First lesson\nauthors: [Ana Author]\n---\n![A map](map.png)\n\nText.\n");
    f.write("content/en/01-course/01-mod/02-second.md", "---\ntitle: Second lesson\n---\nText with a [video](clip.mp4) and a [form](form.pdf).\n");
    f.write("content/en/01-course/01-mod/map.png", b"\x89PNG\r\n\x1a\n");
    f.write("content/en/01-course/01-mod/map.png.yaml", "title: Map of Egaleo\nauthor: Maria\nsource: https://example.org/map\nlicense: CC0-1.0\n");
    f.write("content/en/01-course/01-mod/clip.mp4", b"\0\0\0\x18ftypmp42");
    f.write("content/en/01-course/01-mod/form.pdf", b"%PDF-1.4\n");
    f.write("content/en/01-course/01-mod/credits.yaml", "clip.mp4:\n  title: Interview\n  authors: [Bo, Cy]\n  license: CC-BY-4.0\n  changes: Shortened\n");
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Quiz one\nquestions:\n  - id: q1\n    type: single\n    prompt: Yes?\n    options:\n      - {text: Yes, correct: true}\n      - {text: No}\n",
    );
    f.write("content/en/01-course/02-shared/index.md", "---\ntitle: Module two\nkind: module\nlicense: CC-BY-SA-4.0\nauthors: [Dora, Eli]\n---\nOverview.\n");
    f.write("content/en/01-course/02-shared/01-third.md", "---\ntitle: Third lesson\n---\nText.\n");
    f.write("content/en/02-guide/index.md", "---\ntitle: A guide\nkind: guide\n---\nSteps.\n");
    f.write("content/en/02-guide/01-plan.md", "---\ntitle: Plan\n---\nPlan it.\n");
    f.write("content/en/02-guide/02-sheet.md", "---\ntitle: Sheet\nkind: template\nlicense: CC-BY-NC-4.0\nauthors: [Fay]\n---\nFill in.\n");
    f.write("content/el/index.md", "---\ntitle: Αρχική\n---\nΚαλώς ήρθατε.\n");
    f.write("content/el/01-course/01-mod/01-first.md", "---\ntitle: Πρώτο μάθημα\n---\n![Χάρτης](map.png)\n");
    f.write("content/el/01-course/02-shared/01-third.md", "---\ntitle: Τρίτο μάθημα\n---\nΚείμενο.\n");
    f
}

fn built() -> Fixture {
    let f = site();
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    f
}

fn jsonld(f: &Fixture, rel: &str) -> Value {
    let doc = f.html(rel);
    let blocks = select(&doc, "script[type=\"application/ld+json\"]");
    assert_eq!(blocks.len(), 1, "{rel}: one JSON-LD block");
    let text = blocks[0].text().collect::<String>();
    let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    // Written as serde_json writes it (keys in byte order, no spaces), but for the three
    // characters that could close the `<script>` element.
    let plain = serde_json::to_string(&value).unwrap().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
    assert_eq!(text, plain, "{rel}: JSON-LD as serde_json writes it");
    value
}

/// schema.org types and properties used, each property with the types it may describe.
const TYPES: &[&str] =
    &["WebSite", "WebPage", "Course", "LearningResource", "Quiz", "HowTo", "HowToStep", "CreativeWork", "Collection", "Person", "Organization", "Audience"];
const CREATIVE: &[&str] = &["WebSite", "WebPage", "Course", "LearningResource", "Quiz", "HowTo", "HowToStep", "CreativeWork", "Collection"];
fn domain(property: &str) -> Option<Vec<&'static str>> {
    let all: Vec<&str> = TYPES.to_vec();
    Some(match property {
        "@context" | "@type" | "@id" | "name" | "url" | "description" => all,
        "inLanguage"
        | "license"
        | "isAccessibleForFree"
        | "author"
        | "publisher"
        | "isPartOf"
        | "hasPart"
        | "position"
        | "timeRequired"
        | "educationalLevel"
        | "audience"
        | "learningResourceType"
        | "workTranslation"
        | "translationOfWork" => CREATIVE.to_vec(),
        "teaches" => vec!["Course", "LearningResource", "Quiz"],
        "step" => vec!["HowTo"],
        "audienceType" => vec!["Audience"],
        _ => return None,
    })
}

/// Every key is a schema.org term allowed on its object's type; durations are ISO 8601.
fn assert_schema_org(v: &Value, parent_type: Option<&str>, rel: &str) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| assert_schema_org(i, parent_type, rel)),
        Value::Object(map) => {
            let ty = map.get("@type").and_then(Value::as_str).or(parent_type);
            if let Some(t) = map.get("@type").and_then(Value::as_str) {
                assert!(TYPES.contains(&t), "{rel}: `{t}` is not a type we allow");
            }
            for (k, val) in map {
                let allowed = domain(k).unwrap_or_else(|| panic!("{rel}: `{k}` is not a schema.org term we allow"));
                if let Some(t) = ty {
                    assert!(allowed.contains(&t), "{rel}: `{k}` does not belong on a `{t}`");
                }
                if k == "timeRequired" {
                    let d = val.as_str().unwrap();
                    let ok = d.starts_with('P') && d.len() > 1 && d[1..].chars().all(|c| c.is_ascii_digit() || "DTHMS".contains(c));
                    assert!(ok, "{rel}: timeRequired `{d}` is not ISO 8601");
                }
                assert_schema_org(val, ty, rel);
            }
        }
        _ => {}
    }
}

#[test]
fn every_page_has_schema_org_metadata_of_its_kind() {
    let f = built();
    let pages: Vec<String> = files(&f.out()).into_iter().filter(|p| p.ends_with(".html")).collect();
    assert!(pages.len() > 20, "{pages:?}");
    for rel in &pages {
        let v = jsonld(&f, rel);
        assert_eq!(v["@context"], "https://schema.org", "{rel}");
        assert_schema_org(&v, None, rel);
        if rel.contains('/') {
            assert!(v["license"].as_str().is_some_and(|l| l.starts_with("https://creativecommons.org/")), "{rel}: license");
            assert_eq!(v["isAccessibleForFree"], true, "{rel}");
        }
    }
    let module = jsonld(&f, "en/course/mod/index.html");
    assert_eq!(module["@type"], "LearningResource");
    assert_eq!(module["learningResourceType"], "Module");
    assert_eq!(module["timeRequired"], "PT1H30M");
    assert_eq!(module["teaches"][0], "Name three push factors");
    assert_eq!(module["educationalLevel"], "Adult education", "inherited from the course");
    assert_eq!(module["audience"]["audienceType"], "Municipal staff");
    assert_eq!(module["isPartOf"]["@type"], "Course");
    let parts: Vec<&str> = module["hasPart"].as_array().unwrap().iter().map(|p| p["@type"].as_str().unwrap()).collect();
    assert_eq!(parts, ["LearningResource", "LearningResource", "Quiz"]);
    assert_eq!(module["url"], "https://example.org/course/en/course/mod/index.html");
    assert_eq!(module["workTranslation"], Value::Null, "the module is not translated");

    let lesson = jsonld(&f, "en/course/mod/first.html");
    assert_eq!((lesson["learningResourceType"].as_str(), lesson["position"].as_u64()), (Some("Lesson"), Some(1)));
    assert_eq!(lesson["author"][0], serde_json::json!({"@type": "Person", "name": "Ana Author"}));
    assert_eq!(lesson["publisher"]["name"], "Consortium");
    assert_eq!(lesson["workTranslation"][0]["@id"], "https://example.org/course/el/course/mod/first.html");
    let el = jsonld(&f, "el/course/mod/first.html");
    assert_eq!((el["inLanguage"].as_str(), el["name"].as_str()), (Some("el"), Some("Πρώτο μάθημα")));
    assert_eq!(el["translationOfWork"]["@id"], "https://example.org/course/en/course/mod/first.html");
    let fallback = jsonld(&f, "el/course/mod/second.html");
    assert_eq!(fallback["inLanguage"], "en", "an untranslated page shows English text");
    assert_eq!(fallback["translationOfWork"], Value::Null);

    assert_eq!(jsonld(&f, "en/course/index.html")["@type"], "Course");
    assert_eq!(jsonld(&f, "en/course/mod/quiz.html")["@type"], "Quiz");
    let guide = jsonld(&f, "en/guide/index.html");
    assert_eq!(guide["@type"], "HowTo");
    assert_eq!(guide["step"][0]["@type"], "HowToStep");
    assert_eq!(jsonld(&f, "en/index.html")["@type"], "WebSite");
    assert_eq!(jsonld(&f, "en/credits.html")["@type"], "WebPage");
    assert_eq!(jsonld(&f, "index.html")["hasPart"].as_array().unwrap().len(), 2);
}

#[test]
fn metadata_cannot_break_out_of_its_element() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: \"A </script><script>alert(1)</script> & <!-- lesson\"\n---\nText.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let html = f.read_out("en/course/mod/first.html");
    assert_eq!(html.matches("<script").count(), html.matches("<script src=").count() + 1, "no script element but the data block and the files");
    let v = jsonld(&f, "en/course/mod/first.html");
    assert_eq!(v["name"], "A </script><script>alert(1)</script> & <!-- lesson");
}

/// The licence a page links with `rel="license"`.
fn licence_of(f: &Fixture, rel: &str) -> String {
    let doc = f.html(rel);
    let links: BTreeSet<String> = select(&doc, "[rel=\"license\"]").iter().map(|e| e.value().attr("href").unwrap().to_string()).collect();
    assert_eq!(links.len(), 1, "{rel}: {links:?}");
    links.into_iter().next().unwrap()
}

#[test]
fn licence_overrides_reach_exactly_the_right_pages() {
    let f = built();
    for (rel, licence) in [
        ("en/index.html", BY),
        ("en/course/mod/first.html", BY),
        ("en/course/shared/index.html", BY_SA),
        ("en/course/shared/third.html", BY_SA),
        ("el/course/shared/third.html", BY_SA),
        ("el/course/shared/index.html", BY_SA),
        ("en/guide/plan.html", BY),
        ("en/guide/sheet.html", "https://creativecommons.org/licenses/by-nc/4.0/"),
        ("en/credits.html", BY),
    ] {
        assert_eq!(licence_of(&f, rel), licence, "{rel}");
    }
    let third = f.html("en/course/shared/third.html");
    assert_eq!(text(&select(&third, ".authors")[0]), "Authors: Dora, Eli", "folder authors reach its pages");
    assert_eq!(select(&third, ".cc-badge g").len(), 3, "CC, BY and SA icons");
    assert_eq!(jsonld(&f, "en/course/shared/third.html")["license"], BY_SA);
}

#[test]
fn credits_page_lists_exactly_the_overridden_pages_and_files() {
    let f = built();
    for code in ["en", "el"] {
        let doc = f.html(&format!("{code}/credits.html"));
        let pages: Vec<String> = select(&doc, "#pages + ul li > a:first-child").iter().map(|a| a.value().attr("href").unwrap().to_string()).collect();
        assert_eq!(
            pages,
            ["course/mod/first.html", "course/shared/index.html", "course/shared/third.html", "guide/sheet.html"],
            "{code}: pages with their own licence or authors"
        );
        let files: Vec<String> = select(&doc, "a.credit-file").iter().map(|a| a.value().attr("href").unwrap().to_string()).collect();
        assert_eq!(files, ["course/mod/clip.mp4", "course/mod/map.png"], "{code}");
        let items: Vec<String> = select(&doc, "#files + ul li").iter().map(text).collect();
        assert!(items[0].contains("Interview") && items[0].contains("Bo, Cy") && items[0].contains("CC BY 4.0") && items[0].contains("Shortened"), "{items:?}");
    }
    // The Greek pages show the English files' credits: their words are marked English, the
    // words around them (and the quotation marks) are Greek.
    let el = f.html("el/credits.html");
    let marked: Vec<String> = select(&el, "#files + ul li span[lang=en][dir=ltr]").iter().map(text).collect();
    assert!(marked.iter().any(|m| m.contains("Interview")), "{marked:?}");
    assert!(select(&f.html("en/credits.html"), "#files + ul li span[lang]").is_empty(), "no marks in the credits' own language");
    let lesson = f.html("el/course/mod/first.html");
    let caption = text(&select(&lesson, "figure.credited figcaption")[0]);
    assert_eq!(caption, "«Map of Egaleo» από Maria, CC0 1.0.");
    assert_eq!(select(&lesson, "figure.credited figcaption span[lang=en]").len(), 1, "the English title of the credit is marked");
    assert_eq!(select(&lesson, "figure.credited figcaption a")[0].value().attr("href"), Some("https://example.org/map"));
}

#[test]
fn attribution_line_names_title_authors_url_and_licence() {
    let f = built();
    let doc = f.html("en/course/mod/first.html");
    assert_eq!(
        text(&select(&doc, ".attribution-text")[0]),
        "“First lesson” by Ana Author, Rights site (https://example.org/course/en/course/mod/first.html), licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
    );
    let el = f.html("el/course/shared/third.html");
    assert_eq!(
        text(&select(&el, ".attribution-text")[0]),
        "«Τρίτο μάθημα» από Dora, Eli, Ιστότοπος (https://example.org/course/el/course/shared/third.html), με άδεια CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)."
    );
    let button = &select(&doc, "button.copy-attribution")[0];
    assert_eq!(button.value().attr("data-copy"), Some("attribution-text"));
    assert!(select(&doc, ".attribution-tools")[0].value().attr("hidden").is_some(), "the button shows only with JavaScript");
}

#[test]
fn author_names_are_isolated_so_a_right_to_left_page_keeps_their_order() {
    // A Persian page of a Ukrainian site: "نویسندگان: ГО «Відкриті двері»" showed the name's
    // closing » at its far side ("«ГО «Відкриті двері"), in the footer and in the credit.
    let f = Fixture::empty();
    f.write("site.yaml", "title: Сайт\nlanguages: [uk, fa]\nauthors: [ГО «Відкриті двері», Ірина Мельник]\ntranslations:\n  fa: { title: سایت }\n");
    f.write("content/uk/index.md", "---\ntitle: Початок\n---\nТекст.\n");
    f.write("content/fa/index.md", "---\ntitle: آغاز\n---\nمتن.\n");
    f.write("content/uk/01-page.md", "---\ntitle: Сторінка\nauthors: [Олена Коваль (ред.)]\n---\n![Схема](map.png)\n");
    f.write("content/uk/map.png", b"\x89PNG\r\n\x1a\n");
    f.write("content/uk/map.png.yaml", "title: Схема\nauthor: Тарас Бондар (фото)\nlicense: CC-BY-4.0\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let isolated = |doc: &scraper::Html, css: &str| -> Vec<String> { select(doc, css).iter().map(text).collect() };
    let home = f.html("fa/index.html");
    assert_eq!(isolated(&home, "footer .authors bdi"), ["ГО «Відкриті двері»", "Ірина Мельник"]);
    assert_eq!(isolated(&home, ".attribution-text bdi:not([dir])"), ["ГО «Відкриті двері»", "Ірина Мельник"]);
    assert_eq!(text(&select(&home, "footer .authors")[0]), "نویسندگان: ГО «Відкриті двері»، Ірина Мельник", "the names and their separator as before");
    let page = f.html("fa/page.html");
    assert_eq!(isolated(&page, "footer .authors bdi"), ["Олена Коваль (ред.)"]);
    assert_eq!(isolated(&page, ".attribution-text bdi:not([dir])"), ["Олена Коваль (ред.)"]);
    assert_eq!(isolated(&page, "figcaption.credit bdi"), ["Тарас Бондар (фото)"]);
}

#[test]
fn author_names_on_the_credits_and_accessibility_pages_are_isolated() {
    // The same Persian page of a Ukrainian site: the credits page's introduction and page list,
    // and the accessibility statement's first sentence ("ГО «Відкриті двері» متعهد است …").
    let f = Fixture::empty();
    f.write("site.yaml", "title: Сайт\nlanguages: [uk, fa]\nauthors: [ГО «Відкриті двері», Ірина Мельник]\ntranslations:\n  fa: { title: سایت }\n");
    f.write("content/uk/index.md", "---\ntitle: Початок\n---\nТекст.\n");
    f.write("content/fa/index.md", "---\ntitle: آغاز\n---\nمتن.\n");
    f.write("content/uk/01-page.md", "---\ntitle: Сторінка\nauthors: [Олена Коваль (ред.)]\n---\nТекст.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let isolated = |doc: &scraper::Html, css: &str| -> Vec<String> { select(doc, css).iter().map(text).collect() };
    let credits = f.html("fa/credits.html");
    assert_eq!(isolated(&credits, "main p bdi"), ["ГО «Відкриті двері»", "Ірина Мельник"], "the introduction");
    assert_eq!(isolated(&credits, ".credits-list bdi"), ["Олена Коваль (ред.)"], "the page with its own authors");
    let a11y = f.html("fa/accessibility.html");
    let intro = select(&a11y, "main p").iter().map(|p| p.html()).find(|h| h.contains("ГО «Відкриті двері»")).expect("the publisher is named");
    assert!(intro.contains("<bdi>ГО «Відкриті двері»</bdi>"), "{intro}");
}

#[test]
fn the_enforcement_body_written_in_the_default_language_says_so_on_other_pages() {
    // An Arabic site's enforcement body, on its Italian statement: "Organismo competente:
    // الهيئة الوطنية …" was one Italian paragraph, read with the Italian voice.
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        "title: موقع\nlanguages: [ar, it]\naccessibility:\n  enforcement: الهيئة الوطنية للنفاذ الرقمي\ntranslations:\n  it: { title: Sito }\n",
    );
    f.write("content/ar/index.md", "---\ntitle: البداية\n---\nنص.\n");
    f.write("content/it/index.md", "---\ntitle: Inizio\n---\nTesto.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let body = |code: &str| {
        let doc = f.html(&format!("{code}/accessibility.html"));
        let p = select(&doc, "main p").into_iter().find(|p| text(p).contains("الهيئة الوطنية")).expect("the enforcement body");
        (p.html(), select(&doc, "main p span").into_iter().find(|s| text(s) == "الهيئة الوطنية للنفاذ الرقمي").map(|s| common::lang_of(&s)))
    };
    let (html, mark) = body("it");
    assert!(html.starts_with("<p>Organismo competente: "), "{html}");
    assert_eq!(mark, Some(("ar".to_string(), "rtl".to_string())), "{html}");
    let (html, mark) = body("ar");
    assert_eq!(mark, None, "the default language's own statement: {html}");
}

#[test]
fn a_credits_title_is_in_the_language_its_credit_says() {
    // An Arabic site's credits.yaml names a photo by its English title: Italian pages (which
    // show the Arabic credit) marked "Market day" Arabic, right to left; the Arabic page left
    // it unmarked in its Arabic caption. `title_lang: en` says what it is.
    let f = Fixture::empty();
    f.write("site.yaml", "title: موقع\nlanguages: [ar, it]\ntranslations:\n  it: { title: Sito }\n");
    f.write("content/ar/index.md", "---\ntitle: البداية\n---\n![سوق](market.png)\n");
    f.write("content/it/index.md", "---\ntitle: Inizio\n---\n![Mercato](market.png)\n");
    f.write("content/ar/market.png", b"\x89PNG\r\n\x1a\n");
    f.write("content/ar/credits.yaml", "market.png:\n  title: Market day\n  title_lang: en\n  author: Ana\n  license: CC-BY-4.0\n  changes: قُصّت\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let marks = |code: &str| {
        let doc = f.html(&format!("{code}/index.html"));
        let caption = select(&doc, "main figcaption");
        assert_eq!(caption.len(), 1, "{code}: {}", select(&doc, "main")[0].html());
        let title = select(&doc, "main figcaption span").into_iter().find(|s| text(s) == "Market day").map(|s| common::lang_of(&s));
        let changes = select(&doc, "main figcaption span").into_iter().find(|s| text(s) == "قُصّت").map(|s| common::lang_of(&s));
        (title, changes)
    };
    let en = Some(("en".to_string(), "ltr".to_string()));
    assert_eq!(marks("it"), (en.clone(), Some(("ar".to_string(), "rtl".to_string()))), "the changes are still the credit's Arabic");
    assert_eq!(marks("ar"), (en, None));
    let credits = f.html("it/credits.html");
    assert_eq!(common::lang_at(&credits, "main li span[lang=en]"), "en");
    assert!(select(&credits, "main span[lang=ar]").iter().all(|s| text(s) != "Market day"));
    // A code that is none: an error at its value, with the code it likely means.
    f.write("content/ar/credits.yaml", "market.png:\n  title: Market day\n  title_lang: english\n  license: CC-BY-4.0\n");
    let out = f.check();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("content/ar/credits.yaml:3:15: error: `title_lang: english` is not a language code"), "{err}");
    assert!(err.contains("`title_lang: en`"), "{err}");
}

#[test]
fn eu_emblem_and_accessibility_statement_in_every_language() {
    let f = built();
    for (code, statement) in [("en", "Co-funded by the European Union"), ("el", "Με τη συγχρηματοδότηση της Ευρωπαϊκής Ένωσης")]
    {
        let home = f.html(&format!("{code}/index.html"));
        assert_eq!(text(&select(&home, ".eu-statement")[0]), statement);
        assert!(text(&select(&home, ".eu-disclaimer")[0]).contains("(State Scholarships Foundation (IKY))"));
        assert!(text(&select(&home, ".eu-disclaimer")[0]).contains("2017-1-EL01-KA204-036335"));
        assert_eq!(select(&home, ".eu-flag path")[0].value().attr("fill"), Some("#FFCC00"));
        let footer = select(&home, ".footer-links a");
        assert!(footer.iter().any(|a| a.value().attr("href") == Some("accessibility.html")), "{code}: footer links the statement");

        let doc = f.html(&format!("{code}/accessibility.html"));
        let h2: Vec<String> = select(&doc, "main h2").iter().map(text).collect();
        assert_eq!(h2.len(), 5, "{code}: status, non-accessible content, preparation, feedback, enforcement: {h2:?}");
        let issues: Vec<String> = select(&doc, ".a11y-issues a").iter().map(text).collect();
        assert_eq!(issues, ["clip.mp4", "form.pdf"], "{code}: the video has no captions, the PDF is not checked");
        assert_eq!(select(&doc, "a[href=\"mailto:a11y@example.org\"]").len(), 1, "{code}: feedback contact");
        assert_eq!(select(&doc, "time[datetime=\"2026-12-04\"]").len(), 1, "{code}: date");
        // Written as the language writes dates, not as 2026-12-04.
        let shown = text(&select(&doc, "time[datetime=\"2026-12-04\"]")[0]);
        assert!(["4 December 2026", "4 Δεκεμβρίου 2026", "4 ديسمبر 2026"].contains(&shown.as_str()), "{code}: {shown}");
    }
}

#[test]
fn check_reports_licence_credit_and_duration_problems_with_positions() {
    let f = site();
    f.write("content/en/01-course/01-mod/02-second.md", "---\ntitle: Second lesson\nduration: two hours or so\nlicense: CC-BY-SA\n---\nText.\n");
    f.write("content/en/01-course/01-mod/credits.yaml", "clip.mp4:\n  license: CC-BY-NC-4.0\nmissing.mp4:\n  license: CC0-1.0\nform.pdf:\n  licence: GPL\n");
    f.write("content/en/02-guide/photo.jpg", b"\xff\xd8\xff");
    let out = f.check();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for line in [
        "content/en/01-course/01-mod/02-second.md:4:10: error: unknown licence `CC-BY-SA`",
        "content/en/01-course/01-mod/02-second.md:3:11: warning: `duration: two hours or so` cannot be read as a length of time",
        "content/en/01-course/01-mod/credits.yaml:2:12: warning: `clip.mp4` is under CC BY-NC 4.0, which asks more of re-users than the CC BY 4.0 of the pages beside it",
        "content/en/01-course/01-mod/credits.yaml:3:1: error: `missing.mp4` is not a file in this folder",
        "content/en/01-course/01-mod/credits.yaml:6:12: error: unknown licence `GPL`",
        "content/en/02-guide: warning: no known licence for `photo.jpg`",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
}

#[test]
fn credits_find_their_files_whichever_way_unicode_writes_the_names() {
    // A credits.yaml typed on a Mac (`e` and a combining accent) naming a file written with `é`
    // as one character, and a file and its sidecar both copied from a Mac.
    let f = site();
    f.write("content/en/02-guide/caf\u{e9}.jpg", b"\xff\xd8\xff");
    f.write("content/en/02-guide/credits.yaml", "cafe\u{301}.jpg:\n  license: CC0-1.0\n");
    f.write("content/en/02-guide/the\u{301}.png", b"\x89PNG\r\n\x1a\n");
    f.write("content/en/02-guide/the\u{301}.png.yaml", "title: Tea\nlicense: CC0-1.0\n");
    let out = f.check();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("02-guide"), "{err}");
}

#[test]
fn source_bundle_is_deterministic_and_rebuilds_the_same_site() {
    let f = built();
    let bundle = std::fs::read(f.out().join("site-sources.zip")).unwrap();
    let again = f.run(&["build", "--out", "dist2"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(std::fs::read(f.root().join("dist2/site-sources.zip")).unwrap(), bundle, "byte-identical across builds");

    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bundle)).unwrap();
    let names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect();
    for must in ["site.yaml", "content/en/index.md", "content/en/01-course/01-mod/map.png.yaml", "content/en/01-course/01-mod/clip.mp4", "content/el/index.md"]
    {
        assert!(names.iter().any(|n| n == must), "{must} in {names:?}");
    }
    assert!(!names.iter().any(|n| n.starts_with("dist")), "the built site is not a source");
    let copy = tempfile::tempdir().unwrap();
    zip.extract(copy.path()).unwrap();
    let out = common::kyklos().current_dir(copy.path()).arg("build").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, b) = (files(&f.out()), files(&copy.path().join("dist")));
    assert_eq!(a, b, "the same files");
    for rel in &a {
        assert!(std::fs::read(f.out().join(rel)).unwrap() == std::fs::read(copy.path().join("dist").join(rel)).unwrap(), "{rel} differs");
    }
    let downloads = f.html("el/downloads.html");
    let row = &select(&downloads, "#sources ~ .table-wrap a[download]")[0];
    assert_eq!(row.value().attr("href"), Some("../site-sources.zip"));
    let sha = sha256(&bundle);
    assert!(select(&downloads, "#sources ~ .table-wrap code.hash").iter().any(|c| text(c) == sha), "the page gives the bundle's SHA-256");
}

#[test]
fn drafts_are_left_out_of_the_source_bundle() {
    let f = built();
    f.write("content/en/01-course/01-mod/09-draft.md", "---\ntitle: Draft\ndraft: true\n---\nNot yet published.\n");
    f.write("content/el/01-course/01-mod/09-draft.md", "---\ntitle: Πρόχειρο\n---\nΔεν έχει δημοσιευτεί.\n");
    f.write("content/el/01-course/01-mod/08-el-draft.md", "---\ntitle: Πρόχειρο\ndraft: true\n---\nΌχι ακόμα.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let bundle = std::fs::read(f.out().join("site-sources.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bundle)).unwrap();
    let names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect();
    assert!(names.iter().any(|n| n == "content/en/index.md"), "{names:?}");
    for draft in ["content/en/01-course/01-mod/09-draft.md", "content/el/01-course/01-mod/09-draft.md", "content/el/01-course/01-mod/08-el-draft.md"] {
        assert!(!names.iter().any(|n| n == draft), "{draft} is not published, so it is not in the bundle");
    }
}

#[test]
fn no_source_bundle_without_a_downloads_page() {
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en]\nscorm: off\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!f.out().join("en/downloads.html").exists(), "no packages and no quizzes: no Downloads page");
    assert!(!f.out().join("site-sources.zip").exists(), "nothing offers the bundle, so none is made");
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The printed "from" line: with `base_url`, every page's public address (the script keeps
/// it; without `base_url` it puts the address the page was opened at over http in its place).
#[test]
fn the_printed_from_line_is_the_public_address_with_base_url() {
    let f = built();
    let mut seen = 0;
    for rel in files(&f.out()).into_iter().filter(|r| r.ends_with(".html") && r.contains('/')) {
        let doc = f.html(&rel);
        let Some(url) = select(&doc, ".print-meta .print-url").first().map(text) else { continue };
        assert_eq!(url, format!("https://example.org/course/{rel}"), "{rel}");
        let canonical = select(&doc, "link[rel=canonical]");
        assert_eq!(canonical.first().and_then(|l| l.value().attr("href")), Some(url.as_str()), "{rel}: the script keeps it when it finds the canonical link");
        seen += 1;
    }
    assert!(seen > 20, "{seen} pages");
    // Without base_url: the page's path in the site.
    let f = site();
    let yaml = std::fs::read_to_string(f.root().join("site.yaml")).unwrap();
    f.write("site.yaml", yaml.replace("base_url: https://example.org/course\n", ""));
    assert!(f.build().status.success());
    let doc = f.html("en/course/mod/first.html");
    assert_eq!(text(&select(&doc, ".print-meta .print-url")[0]), "en/course/mod/first.html");
    assert!(select(&doc, "link[rel=canonical]").is_empty());
}

/// Without `base_url` an attribution line holds no address of its page, so its wording is made
/// once per licence and per "with or without authors" and shared by the pages: each page still
/// gets its own title, authors and licence, in the wording for them.
#[test]
fn attribution_lines_without_base_url_keep_each_pages_title_authors_and_licence() {
    let f = Fixture::empty();
    f.write("site.yaml", "title: Plain site\nlanguages: [en]\nlicense: CC-BY-4.0\n");
    f.write("content/en/index.md", "---\ntitle: Home\n---\nWelcome.\n");
    f.write("content/en/01-course/index.md", "---\ntitle: Course\nkind: course\n---\nAbout.\n");
    f.write("content/en/01-course/01-mod/index.md", "---\ntitle: Module\nkind: module\n---\nOverview.\n");
    f.write("content/en/01-course/01-mod/01-alpha.md", "---\ntitle: Alpha\n---\nText.\n");
    f.write("content/en/01-course/01-mod/02-beta.md", "---\ntitle: Beta\nauthors: [Bo]\n---\nText.\n");
    f.write("content/en/01-course/01-mod/03-gamma.md", "---\ntitle: Gamma\nlicense: CC-BY-SA-4.0\n---\nText.\n");
    f.write("content/en/01-course/01-mod/04-delta.md", "---\ntitle: Delta\nauthors: [Di, Ed]\nlicense: CC-BY-SA-4.0\n---\nText.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    for (page, line) in [
        ("alpha", "“Alpha”, Plain site, licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."),
        ("beta", "“Beta” by Bo, Plain site, licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."),
        ("gamma", "“Gamma”, Plain site, licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)."),
        ("delta", "“Delta” by Di, Ed, Plain site, licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)."),
    ] {
        let doc = f.html(&format!("en/course/mod/{page}.html"));
        assert_eq!(text(&select(&doc, ".attribution-text")[0]), line, "{page}");
        assert_eq!(select(&doc, ".attribution-text bdi[dir=ltr]").len(), 1, "{page}: the licence's address isolated");
    }
}
