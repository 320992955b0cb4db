//! Guides, training units and good-practice collections as content types.

mod common;

use common::*;

fn site() -> Fixture {
    let f = Fixture::new();
    f.write("content/en/02-guides/index.md", "---\ntitle: Guides\n---\n");
    let g = "content/en/02-guides/01-cycle";
    f.write(&format!("{g}/index.md"), "---\ntitle: The cycle model\nkind: guide\n---\nA guide in four steps.\n");
    for (i, name) in ["Access", "Training", "Practice", "Evaluation"].iter().enumerate() {
        f.write(
            &format!("{g}/0{}-{}.md", i + 1, name.to_lowercase()),
            format!("---\ntitle: {name}\nresponsible: HR officer\noutputs: [A plan]\nactivities: [Meet, Write]\n---\n## What to do\n\n- [ ] First task\n- [ ] Second task\n"),
        );
    }
    f.write(&format!("{g}/09-form.md"), "---\ntitle: Observation form\nkind: template\n---\n## Visitor\n\nName: ____\n");
    f.write(&format!("{g}/pairing-sheet.odt"), vec![b'x'; 2048]);
    f.write(&format!("{g}/photo.png"), b"\x89PNG");
    f.write("content/en/03-units/index.md", "---\ntitle: Training\n---\n");
    f.write(
        "content/en/03-units/01-mentor.md",
        "---\ntitle: Becoming a mentor\nkind: unit\nobjectives: [Know the roles]\nduration: 1 hour\nformat: Workshop\nassessment: Q&A\ndiscussion:\n  - What makes a good mentor?\n  - How do you start?\n---\nText.\n",
    );
    let c = "content/en/04-practices";
    f.write(&format!("{c}/index.md"), "---\ntitle: Good practices\nkind: collection\n---\n");
    let practices = [
        ("egaleo", "country: [Greece]\n  sector: [Early childhood education]\n  target_group: [Migrant families]"),
        ("athens", "country: [Greece]\n  sector: [Social services]"),
        ("madrid", "country: [Spain]\n  target_group: [Migrant families]"),
        ("prague", "country: [Czechia]"),
    ];
    for (i, (name, tags)) in practices.iter().enumerate() {
        f.write(&format!("{c}/0{}-{name}.md", i + 1), format!("---\ntitle: Practice {name}\ntags:\n  {tags}\n---\nText.\n"));
    }
    f
}

#[test]
fn guide_overview_draws_the_cycle_and_lists_templates() {
    let f = site();
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = f.html("en/guides/cycle/index.html");
    let links: Vec<&str> = select(&doc, "svg.cycle-diagram a.cycle-step").iter().map(|a| a.value().attr("href").unwrap()).collect();
    assert_eq!(links, ["access.html", "training.html", "practice.html", "evaluation.html"]);
    let desc = text(&select(&doc, "svg desc")[0]);
    assert!(desc.contains("1. Access") && desc.contains("4. Evaluation"), "{desc}");
    assert_eq!(select(&doc, ".cycle-steps li").len(), 4);
    let files: Vec<String> = select(&doc, ".templates li").iter().map(text).collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].starts_with("Observation form") && files[1].contains("ODT, 2 KiB"), "{files:?}");
    assert!(f.out().join("en/guides/cycle/pairing-sheet.odt").is_file());
}

#[test]
fn phases_have_cards_positions_checklists_and_a_cycle_back_to_the_start() {
    let f = site();
    assert!(f.build().status.success());
    let doc = f.html("en/guides/cycle/training.html");
    assert_eq!(text(&select(&doc, ".position")[0]), "Step 2 of 4");
    let card = text(&select(&doc, ".phase-card")[0]);
    assert!(card.contains("HR officer") && card.contains("A plan") && card.contains("Meet"), "{card}");
    assert_eq!(select(&doc, "ul.checklist input[type=checkbox]").len(), 2);
    assert_eq!(select(&doc, "ul.checklist label[for^=check-]").len(), 2);
    let last = f.html("en/guides/cycle/evaluation.html");
    let next = select(&last, "a[rel=next]");
    assert_eq!(next[0].value().attr("href"), Some("access.html"));
    assert!(text(&next[0]).contains("Back to the start of the cycle"));
    let print = f.read_out("en/guides/cycle/print.html");
    for name in ["Access", "Training", "Practice", "Evaluation", "Observation form"] {
        assert!(print.contains(&format!(">{name}</h2>")), "print page lacks {name}");
    }
    let ids: Vec<&str> = print.match_indices(" id=\"").map(|(i, _)| print[i + 5..].split('"').next().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "ids repeat on the print page");
}

#[test]
fn unit_shows_card_and_discussion() {
    let f = site();
    assert!(f.build().status.success());
    let doc = f.html("en/units/mentor.html");
    assert!(text(&select(&doc, ".unit-card")[0]).contains("Workshop"));
    let qs: Vec<String> = select(&doc, ".discussion li").iter().map(text).collect();
    assert_eq!(qs, ["What makes a good mentor?", "How do you start?"]);
}

#[test]
fn tag_pages_and_filters_list_exactly_the_tagged_practices() {
    let f = site();
    assert!(f.build().status.success());
    let tag = f.html("en/practices/tags/country-greece.html");
    let listed: Vec<String> = select(&tag, ".practice-list .card-title").iter().map(text).collect();
    assert_eq!(listed, ["Practice egaleo", "Practice athens"]);
    let families = f.html("en/practices/tags/target-group-migrant-families.html");
    let listed: Vec<String> = select(&families, ".practice-list .card-title").iter().map(text).collect();
    assert_eq!(listed, ["Practice egaleo", "Practice madrid"]);
    let collection = f.html("en/practices/index.html");
    let filters: Vec<(String, String)> = select(&collection, ".tag-filters a.tag")
        .iter()
        .map(|a| (a.value().attr("data-tag").unwrap().to_string(), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert!(filters.contains(&("country:greece".into(), "tags/country-greece.html".into())), "{filters:?}");
    let cards: Vec<String> = select(&collection, ".cards li[data-tags]").iter().map(|c| c.value().attr("data-tags").unwrap().to_string()).collect();
    assert_eq!(cards[0], "country:greece sector:early-childhood-education target-group:migrant-families");
    let egaleo = f.html("en/practices/egaleo.html");
    let related: Vec<String> = select(&egaleo, ".related .card-title").iter().map(text).collect();
    assert_eq!(related, ["Practice athens", "Practice madrid"], "sharing tags, most first, then in order");
    let own: Vec<String> = select(&egaleo, ".tag-list a.tag").iter().map(text).collect();
    assert_eq!(own.len(), 3, "{own:?}");
    // The filtering script is served on its own, to the collection page only, after kyklos.js.
    let scripts = |doc: &scraper::Html| -> Vec<String> { select(doc, "script[src]").iter().map(|s| s.value().attr("src").unwrap().to_string()).collect() };
    let on_collection = scripts(&collection);
    let at = |name: &str| on_collection.iter().position(|s| s.ends_with(name));
    assert!(at("static/tag-filters.js").is_some() && at("static/kyklos.js") < at("static/tag-filters.js"), "{on_collection:?}");
    for doc in [&tag, &egaleo] {
        assert!(!scripts(doc).iter().any(|s| s.ends_with("tag-filters.js")), "only collections filter");
    }
    assert!(f.out().join("static/tag-filters.js").is_file());
}

/// A site's own tag groups (`land:`, `bereich:`) need a heading per language: `tag_group_<key>`
/// in `i18n/<lang>.yaml`. Without one the heading is the key made readable, and `check` warns
/// at the group's key, naming the string to add and the languages that lack it.
#[test]
fn own_tag_groups_are_headed_by_their_string_else_their_readable_key_and_check_says_which_to_add() {
    let f = Fixture::empty();
    f.write("site.yaml", "title: Fixture site\nlanguages: [de, uk]\ntranslations:\n  uk:\n    title: Сайт\n");
    f.write("content/de/index.md", "---\ntitle: Start\n---\nWillkommen.\n");
    f.write("content/uk/index.md", "---\ntitle: Початок\n---\nЛаскаво просимо.\n");
    f.write("content/de/01-praxis/index.md", "---\ntitle: Gute Praxis\nkind: collection\n---\n");
    f.write(
        "content/de/01-praxis/01-leipzig.md",
        "---\ntitle: Lotsen in Leipzig\ntags:\n  land: [Deutschland]\n  bereich: [Bürgeramt]\n  country: [Germany]\n---\nText.\n",
    );
    f.write("content/de/01-praxis/02-wien.md", "---\ntitle: Wien\ntags: {land: [Österreich]}\n---\nText.\n");
    f.write("i18n/de.yaml", "tag_group_bereich: Arbeitsbereich\n");
    let out = f.check();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "a warning, not an error: {err}");
    assert!(
        err.contains("content/de/01-praxis/01-leipzig.md:4:3: warning: the tag group `land` has no heading in `de` and `uk`: its filters and tag lists are headed “Land”"),
        "{err}"
    );
    assert!(err.contains("hint: add `tag_group_land: <the heading>` to i18n/de.yaml and i18n/uk.yaml"), "{err}");
    assert!(
        err.contains("content/de/01-praxis/01-leipzig.md:5:3: warning: the tag group `bereich` has no heading in `uk`: its filters and tag lists are headed “Arbeitsbereich”"),
        "the default language's heading is no Ukrainian one: {err}"
    );
    assert!(err.contains("hint: add `tag_group_bereich: <the heading>` to i18n/uk.yaml"), "{err}");
    assert!(!err.contains("`country`"), "built-in groups have their headings: {err}");
    assert_eq!(err.matches("the tag group").count(), 2, "one warning per group: {err}");

    assert!(f.build().status.success());
    let headings = |rel: &str| -> Vec<String> { select(&f.html(rel), ".tag-filters .tag-group-title").iter().map(text).collect() };
    let de = headings("de/praxis/index.html");
    assert!(de.iter().any(|h| h == "Land") && de.iter().any(|h| h == "Arbeitsbereich"), "{de:?}");
    assert!(!de.iter().any(|h| h == "land" || h == "bereich"), "no raw key as a heading: {de:?}");

    // With the strings added, check is quiet about tag groups.
    f.write("i18n/de.yaml", "tag_group_bereich: Arbeitsbereich\ntag_group_land: Land\n");
    f.write("i18n/uk.yaml", "tag_group_bereich: Сфера\ntag_group_land: Країна\n");
    let err = stderr(&f.check());
    assert!(!err.contains("the tag group"), "{err}");
    assert!(f.build().status.success());
    let uk = headings("uk/praxis/index.html");
    assert!(uk.iter().any(|h| h == "Країна") && uk.iter().any(|h| h == "Сфера"), "{uk:?}");
}
