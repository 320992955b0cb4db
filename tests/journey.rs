//! The learner's journey as built: `journey:` in site.yaml, each language's data script,
//! "My progress" and certificate pages, badge images, and what a package leaves out.
//! (The rules themselves run in the browser: tests/js/journey.test.js, tests/browser/journey.test.js.)

mod common;

use common::*;
use scraper::Html;

/// A Greek-first site with two modules (one quiz each), a guide with a checklist and a badge of its own.
fn site(journey: &str) -> Fixture {
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        format!(
            "title: Μάθημα\nlanguages: [el, en]\nauthors: [Δήμος Αιγάλεω]\nlogo: art/logo.svg\nlogo_alt: Δήμος Αιγάλεω\nfunding: Με τη συγχρηματοδότηση της ΕΕ.\ntranslations:\n  en:\n    title: Course\n    funding: Co-funded by the EU.\n{journey}"
        ),
    );
    f.write("art/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    for lang in ["el", "en"] {
        f.write(&format!("content/{lang}/index.md"), "---\ntitle: Αρχική\n---\n[Μάθημα](01-c/index.md)\n");
        f.write(&format!("content/{lang}/01-c/index.md"), "---\ntitle: Το μάθημα\nkind: course\nduration: 3 ώρες\n---\nΚείμενο.\n");
        for m in ["01-a", "02-b"] {
            f.write(&format!("content/{lang}/01-c/{m}/index.md"), format!("---\ntitle: Ενότητα {m}\nkind: module\n---\nΚείμενο.\n"));
            f.write(&format!("content/{lang}/01-c/{m}/01-one.md"), "---\ntitle: Ένα\n---\nΚείμενο.\n");
            f.write(&format!("content/{lang}/01-c/{m}/02-two.md"), "---\ntitle: Δύο\n---\nΚείμενο.\n");
        }
        f.write(&format!("content/{lang}/02-g/index.md"), "---\ntitle: Οδηγός\nkind: guide\n---\nΚείμενο.\n");
        f.write(&format!("content/{lang}/02-g/01-step.md"), "---\ntitle: Βήμα\n---\n- [ ] Πρώτο\n- [ ] Δεύτερο\n");
        f.write(&format!("content/{lang}/02-g/02-plain.md"), "---\ntitle: Απλό\n---\nΚείμενο.\n");
    }
    for m in ["01-a", "02-b"] {
        f.write(
            &format!("content/el/01-c/{m}/quiz.yaml"),
            "title: Κουίζ\npass_mark: 50\nquestions:\n  - id: q1\n    type: true_false\n    prompt: Σωστό;\n    answer: true\n",
        );
    }
    f
}

fn data(f: &Fixture, lang: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(f.out().join(format!("{lang}/journey-data.js"))).expect("journey-data.js");
    let json = text.split_once("self.kyklosJourney = ").expect("assignment").1.trim().trim_end_matches(';');
    serde_json::from_str(json).expect("JSON data")
}

fn page(f: &Fixture, rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(f.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}")))
}

const BADGES: &str = "journey:\n  points: { lesson: 5 }\n  levels: [0, 20, 60]\n  badges:\n    - id: reader\n      name: { el: Αναγνώστης, en: Reader }\n      description: Τρία μαθήματα.\n      rule: { lessons: 3 }\n      image: art/reader.svg\n    - id: all-quizzes\n      name: Όλα τα κουίζ\n      description: Όλα.\n      rule: { quizzes: all }\n  certificate:\n    issuer: { el: Δήμος Αιγάλεω, en: Municipality of Egaleo }\n    signatory: Η συντονίστρια\n";

#[test]
fn each_language_gets_its_courses_badges_and_strings() {
    let f = site(BADGES);
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"><circle cx=\"4\" cy=\"4\" r=\"4\"/></svg>\n";
    f.write("art/reader.svg", svg);
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let el = data(&f, "el");
    assert_eq!(el["lang"], "el");
    assert_eq!(el["points"], serde_json::json!({ "lesson": 5, "quiz": 50, "first_try": 25, "perfect": 25 }));
    assert_eq!(
        el["levels"],
        serde_json::json!([{ "min": 0, "name": "Νεοφερμένος" }, { "min": 20, "name": "Εξερευνητής" }, { "min": 60, "name": "Μαθητευόμενος" }])
    );
    let course = &el["courses"][0];
    assert_eq!(course["key"], "el/c/index.html");
    assert_eq!(course["duration"], "3 ώρες");
    let modules = course["modules"].as_array().unwrap();
    assert_eq!(modules.len(), 2);
    assert_eq!(modules[0]["lessons"], serde_json::json!(["el/c/a/one.html", "el/c/a/two.html"]));
    assert_eq!(modules[1]["quizzes"], serde_json::json!([{ "key": "el/c/b/quiz.html", "title": "Κουίζ", "pass": 50.0 }]));
    assert_eq!(el["checklists"], serde_json::json!(["el/g/step.html"]), "only guide pages with a checklist");
    let ids: Vec<&str> = el["badges"].as_array().unwrap().iter().map(|b| b["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["module", "perfect", "course", "checklists", "reader", "all-quizzes"]);
    assert_eq!(el["badges"][0]["name"], "Ενότητα ολοκληρώθηκε");
    assert_eq!(el["badges"][4]["rule"], serde_json::json!({ "lessons": 3 }));
    assert_eq!(el["badges"][5]["rule"], serde_json::json!({ "quizzes": "all" }));
    assert_eq!(el["t"]["journey_earned"]["one"], "Κερδίσατε {n} πόντο.");
    let en = data(&f, "en");
    assert_eq!(en["badges"][4]["name"], "Reader");
    assert_eq!(en["badges"][5]["name_fallback"], true, "not translated: shown in Greek, marked");
    assert_eq!(en["badges"][5]["description_fallback"], true);
    assert_eq!(
        (en["badges"][4]["name_fallback"].as_bool(), en["badges"][4]["description_fallback"].as_bool()),
        (Some(false), Some(true)),
        "each text on its own"
    );
    // the site's own SVG, byte for byte; the others drawn
    assert_eq!(std::fs::read_to_string(f.out().join("badges/reader.svg")).unwrap(), svg);
    for id in ["module", "perfect", "course", "checklists", "all-quizzes"] {
        let drawn = std::fs::read_to_string(f.out().join(format!("badges/{id}.svg"))).unwrap();
        assert!(drawn.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{id}");
    }
}

#[test]
fn progress_and_certificate_pages_say_what_needs_javascript() {
    let f = site(BADGES);
    f.write("art/reader.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    assert!(f.build().status.success());
    let doc = page(&f, "el/progress.html");
    assert_eq!(text(&select(&doc, "h1")[0]), "Η πρόοδός μου");
    assert!(text(&select(&doc, ".journey-nojs")[0]).contains("JavaScript"));
    let rows = select(&doc, ".journey-table tbody tr");
    assert_eq!(rows.len(), 2, "one row per module");
    assert_eq!(rows[0].value().attr("data-module"), Some("el/c/a/index.html"));
    assert_eq!(select(&doc, "table.journey-table th[scope=col]").len(), 6);
    assert_eq!(select(&doc, ".jbadge").len(), 6);
    assert_eq!(select(&doc, ".jbadge img")[4].value().attr("src"), Some("../badges/reader.svg"));
    assert!(text(&select(&doc, ".journey-privacy")[0]).contains("Τίποτα δεν αποστέλλεται"));
    assert_eq!(select(&doc, "button.journey-reset-yes").len(), 1);
    assert_eq!(select(&doc, "input.journey-import-file[type=file]").len(), 1);
    // scripts are files (strict CSP): the data, the rules, the page behaviour
    let scripts: Vec<&str> =
        select(&doc, "script:not([type='application/ld+json'])").iter().map(|s| s.value().attr("src").expect("no inline script")).collect();
    assert!(
        scripts.contains(&"../el/journey-data.js") && scripts.contains(&"../static/journey.js") && scripts.contains(&"../static/journey-ui.js"),
        "{scripts:?}"
    );
    // the English page shows the Greek badge description marked as Greek
    let en = page(&f, "en/progress.html");
    let desc = &select(&en, ".jbadge-description")[5];
    assert_eq!((desc.value().attr("lang"), text(desc).as_str()), (Some("el"), "Όλα."));

    let cert = page(&f, "el/certificate.html");
    assert!(text(&select(&cert, ".journey-nojs")[0]).contains("JavaScript"));
    let article = &select(&cert, "article.certificate")[0];
    assert_eq!(article.value().attr("id"), Some("c0"));
    assert_eq!(text(&select(&cert, ".cert-issuer")[0]), "Δήμος Αιγάλεω");
    let logo = &select(&cert, "img.cert-logo")[0];
    assert_eq!((logo.value().attr("src"), logo.value().attr("alt")), (Some("../static/logo-logo.svg"), Some("Δήμος Αιγάλεω")));
    assert_eq!(text(&select(&cert, ".cert-course-title")[0]), "Το μάθημα");
    assert_eq!(text(&select(&cert, ".cert-hours")[0]), "Διάρκεια: 3 ώρες");
    assert_eq!(select(&cert, ".cert-modules tbody tr").len(), 2);
    assert_eq!(text(&select(&cert, ".cert-sign p")[0]), "Η συντονίστρια");
    assert_eq!(text(&select(&cert, ".cert-funding")[0]), "Με τη συγχρηματοδότηση της ΕΕ.");
    assert!(text(&select(&cert, ".cert-licence")[0]).contains("Creative Commons"));
    assert!(text(&select(&cert, ".cert-honest")[0]).contains("Δεν έχει ελεγχθεί"));
    assert_eq!(text(&select(&page(&f, "en/certificate.html"), ".cert-issuer")[0]), "Municipality of Egaleo");
    // Before it is earned (and without JavaScript) the page says what the certificate needs,
    // module by module; the script adds what is done.
    let needs = &select(&cert, "section.cert-needs#c0-needs")[0];
    assert!(needs.value().attr("hidden").is_none(), "shown without JavaScript");
    assert_eq!(text(&select(&cert, "#c0-needs-title")[0]), "Πώς αποκτάτε το πιστοποιητικό του «Το μάθημα»");
    let rows: Vec<String> = select(&cert, ".cert-needs-table tbody tr").iter().map(text).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r.contains("Περάστε το κουίζ της") || r.contains("Διαβάστε όλα τα μαθήματά της")), "{rows:?}");
    assert_eq!(select(&cert, ".cert-needs-table td.j-done").len(), 2);

    // course pages carry the points in the header; every page links to My progress
    let lesson = page(&f, "el/c/a/one.html");
    assert_eq!(select(&lesson, "a.journey-chip[hidden]")[0].value().attr("href"), Some("../../../el/progress.html"));
    assert_eq!(select(&lesson, "p.journey-announce[role=status][aria-live=polite]").len(), 1);
    let about = page(&f, "el/g/plain.html");
    assert!(select(&about, "a.journey-chip").is_empty(), "no points outside courses");
    assert_eq!(select(&about, ".footer-links a")[0].value().attr("href"), Some("../../el/progress.html"));
}

#[test]
fn journey_off_leaves_nothing_behind() {
    let f = site("journey: off\n");
    assert!(f.build().status.success());
    let all = files(&f.out());
    assert!(!all.iter().any(|p| p.contains("progress.html") || p.contains("certificate") || p.contains("journey-data") || p.starts_with("badges/")), "{all:?}");
    let html = std::fs::read_to_string(f.out().join("el/c/a/one.html")).unwrap();
    assert!(!html.contains("journey"), "no journey scripts, chip or link");
}

#[test]
fn packages_have_no_points_or_certificates() {
    let f = site("");
    assert!(f.build().status.success());
    let zips: Vec<String> = files(&f.out()).into_iter().filter(|p| p.ends_with(".zip") && p.starts_with("el/")).collect();
    assert!(!zips.is_empty());
    for zip in zips {
        let bytes = std::fs::read(f.out().join(&zip)).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().map(|n| n.to_string()).unwrap_or_default();
            if name.ends_with(".html") {
                let mut html = String::new();
                std::io::Read::read_to_string(&mut file, &mut html).unwrap();
                assert!(!html.contains("journey"), "{zip}: {name} shows the journey");
            }
        }
    }
}

#[test]
fn bad_journey_settings_and_clashing_pages_are_errors_with_positions() {
    let f = site("journey:\n  badges:\n    - id: reader\n      name: R\n      description: D\n      rule: { lessons: 3 }\n      image: art/missing.svg\n");
    f.write("content/el/progress.md", "---\ntitle: Πρόοδος\n---\nΚείμενο.\n");
    let out = f.check();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("site.yaml:17:7: error: badge image `art/missing.svg`"), "{err}");
    assert!(err.contains("content/el/progress.md:1:1: error: `progress.html` is the address"), "{err}");
    let f = site("journey:\n  levels: [0, 50, 40]\n  points: { lesson: 3 }\n");
    let err = stderr(&f.check());
    assert!(err.contains("site.yaml:12:3: error: `journey.levels` must go up"), "{err}");
}

#[test]
fn an_untranslated_courses_duration_on_the_certificate_is_marked_with_its_language() {
    // A Persian page of a Greek course not translated yet: "3 ώρες" inside the Persian
    // sentence "مدت: …" was unmarked, and a right-to-left line showed it as "ώρες 3".
    let f = site(BADGES);
    f.write("art/reader.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let yaml = std::fs::read_to_string(f.root().join("site.yaml")).unwrap();
    f.write("site.yaml", yaml.replace("languages: [el, en]", "languages: [el, en, fa]"));
    f.write("content/fa/index.md", "---\ntitle: خانه\n---\nمتن.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let cert = page(&f, "fa/certificate.html");
    let hours = &select(&cert, ".cert-hours")[0];
    assert_eq!(text(hours), "مدت: 3 ώρες");
    let duration = select(&cert, ".cert-hours span").into_iter().find(|s| text(s) == "3 ώρες").expect("the duration has an element of its own");
    assert_eq!(lang_of(&duration), ("el".to_string(), "ltr".to_string()));
    assert_eq!(lang_of(hours), ("fa".to_string(), "rtl".to_string()), "the words around it are the page's");
    // a translated course's duration is the page's own: no mark
    assert!(select(&page(&f, "en/certificate.html"), ".cert-hours span").is_empty());
}
