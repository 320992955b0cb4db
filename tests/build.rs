//! Building real sites: the sample course and fixtures; structure, links, determinism.

mod common;

use std::collections::BTreeMap;

use common::*;

fn build_sample(out: &std::path::Path) {
    let result = kyklos().args(["build", "--root"]).arg(repo()).arg("--out").arg(out).output().unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
}

#[test]
fn sample_site_builds_with_every_page_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_sample(&out);
    let all = files(&out);
    for must in ["index.html", "en/index.html", "en/course/index.html", "en/about.html", "static/kyklos.css", "static/kyklos.js"] {
        assert!(all.iter().any(|f| f == must), "missing {must} in {all:#?}");
    }
    let modules: Vec<_> = all.iter().filter(|f| f.starts_with("en/course/") && f.ends_with("/index.html") && f.matches('/').count() == 3).collect();
    assert_eq!(modules.len(), 3, "{modules:#?}");
    let quizzes: Vec<_> = all.iter().filter(|f| f.starts_with("en/") && f.ends_with("/quiz.html")).collect();
    assert_eq!(quizzes.len(), 3);
    let lessons =
        all.iter().filter(|f| f.starts_with("en/course/") && f.matches('/').count() == 3 && !f.ends_with("index.html") && !f.ends_with("quiz.html")).count();
    assert!(lessons >= 15, "{lessons} lessons");
}

/// Every href and src in every page is relative, points to a file that exists, and every
/// fragment points to an id on the target page. No inline scripts, `lang`/`dir` on every page.
#[test]
fn every_internal_link_resolves_to_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_sample(&out);
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let pages: Vec<String> = files(&out).into_iter().filter(|f| f.ends_with(".html")).collect();
    for page in &pages {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(out.join(page)).unwrap());
        ids.insert(page.clone(), select(&doc, "[id]").iter().map(|e| e.value().attr("id").unwrap().to_string()).collect());
    }
    let mut checked = 0;
    for page in &pages {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(out.join(page)).unwrap());
        let html = select(&doc, "html");
        assert!(html[0].value().attr("lang").is_some() && html[0].value().attr("dir").is_some(), "{page}: lang/dir");
        for script in select(&doc, "script") {
            // The only script element without `src` is the page's schema.org data block: JSON
            // that browsers never run.
            if script.value().attr("type") == Some("application/ld+json") {
                let json: String = script.text().collect();
                assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "{page}: JSON-LD is not JSON");
                continue;
            }
            assert!(script.value().attr("src").is_some(), "{page}: inline script");
        }
        for el in select(&doc, "[href], [src]") {
            let url = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if el.value().name() == "link" && el.value().attr("rel").is_some_and(|r| r == "license" || r == "canonical") {
                continue;
            }
            if url == "data:," {
                assert_eq!(el.value().attr("rel"), Some("icon"), "{page}: only the empty icon may be a data URL");
                continue;
            }
            if url.starts_with("https://") || url.starts_with("mailto:") {
                assert_eq!(el.value().name(), "a", "{page}: resource from elsewhere: {url}");
                continue;
            }
            assert!(!url.starts_with('/') && !url.contains("://"), "{page}: not relative: {url}");
            let (path, frag) = url.split_once('#').unwrap_or((url, ""));
            let target = if path.is_empty() {
                page.clone()
            } else {
                let base = page.rsplit_once('/').map_or("", |p| p.0);
                let joined = kyklos::model::url::join_normalised(base, path).unwrap_or_else(|| panic!("{page}: {url} leaves the site"));
                assert!(!joined.ends_with('/') && out.join(&joined).is_file(), "{page}: {url} is not a file");
                joined
            };
            if !frag.is_empty() {
                let known = ids.get(&target).unwrap_or_else(|| panic!("{page}: anchor into non-page {url}"));
                assert!(known.iter().any(|i| i == frag), "{page}: no #{frag} in {target}");
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_sample(&a);
    build_sample(&b);
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa, fb);
    for f in &fa {
        assert!(std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(), "{f} differs");
    }
}

#[test]
fn navigation_prev_next_position_and_unit_card() {
    let f = Fixture::new();
    assert!(f.build().status.success(), "{}", stderr(&f.build()));
    let doc = f.html("en/course/mod/second.html");
    assert_eq!(text(&select(&doc, ".position")[0]), "Lesson 2 of 2");
    let prev = select(&doc, "a[rel=prev]");
    assert_eq!(prev[0].value().attr("href"), Some("first.html"));
    assert!(select(&doc, "a[rel=next]").is_empty(), "last step has no next");
    let crumbs: Vec<String> = select(&doc, ".breadcrumbs li").iter().map(text).collect();
    assert_eq!(crumbs, ["Home", "Course", "Module one", "Second lesson"]);
    let current = select(&doc, ".course-nav [aria-current=page]");
    assert_eq!(text(&current[0]), "Second lesson");
    let first = f.html("en/course/mod/first.html");
    assert_eq!(select(&first, "a[rel=next]")[0].value().attr("href"), Some("second.html"));
    assert!(f.read_out("en/course/mod/first.html").contains("href=\"second.html#details\""));
    let module = f.html("en/course/mod/index.html");
    let card = text(&select(&module, ".unit-card")[0]);
    assert!(card.contains("1 hour") && card.contains("Know things") && card.contains("Online"), "{card}");
    let footer = select(&module, "footer a[rel=license]");
    assert_eq!(footer[0].value().attr("href"), Some("https://creativecommons.org/licenses/by/4.0/"));
    assert_eq!(text(&footer[0]), "CC BY 4.0");
}

#[test]
fn markdown_features_and_copied_files() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/img/chart.png", b"\x89PNG fake");
    f.write(
        "content/en/01-course/01-mod/03-third.md",
        "---\ntitle: Third\n---\n## A table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![A chart](img/chart.png)\n\n- [ ] todo\n\nSee[^n].\n\n[^n]: Note.\n\n```rust\nfn main() {}\n```\n\n\"Smart\" -- quotes\n",
    );
    assert!(f.build().status.success());
    let html = f.read_out("en/course/mod/third.html");
    assert!(html.contains("<table>") && html.contains("src=\"img/chart.png\"") && html.contains("footnote-definition"));
    assert!(html.contains("class=\"hl-") && !html.contains("style=\""));
    assert!(html.contains("“Smart” – quotes"));
    assert!(html.contains("<h2 id=\"a-table\">"));
    assert!(f.out().join("en/course/mod/img/chart.png").is_file());
}

#[test]
fn highlight_off_writes_code_as_plain_escaped_text() {
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en]\nhighlight: off\n");
    f.write("content/en/01-course/01-mod/03-third.md", "---\ntitle: Third\n---\n```rust\nif a < b { main() }\n```\n");
    assert!(f.build().status.success());
    let html = f.read_out("en/course/mod/third.html");
    assert!(!html.contains("class=\"hl-"), "{html}");
    assert!(html.contains("data-lang=\"rust\"><code>if a &lt; b { main() }"), "{html}");
}

#[test]
fn site_theme_overrides_a_template_and_static_file() {
    let f = Fixture::new();
    f.write("themes/default/static/kyklos.css", "body{color:black}");
    f.write("themes/default/templates/page.html", "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ title }}</p>{% endblock main %}");
    assert!(f.build().status.success());
    assert_eq!(f.read_out("static/kyklos.css"), "body{color:black}");
    assert!(f.read_out("en/course/mod/first.html").contains("<p class=\"custom\">First lesson</p>"));
}

/// `rights.attribution`, the page's credit as plain text, is made only for pages a template
/// writes (the built-in writers show the HTML line): a theme's `page.html` still gets it.
#[test]
fn a_theme_template_gets_the_plain_text_attribution() {
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en]\nbase_url: https://example.org/site\nauthors: [Ana Ruiz]\n");
    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: First lesson\nauthors: [Bo Li, Cy Do]\n---\n## Start here\n");
    f.write("content/en/01-course/01-mod/02-second.md", "---\ntitle: Second <lesson>\n---\n## Details\n");
    f.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"plain\">{{ rights.attribution }}</p>{% endblock main %}",
    );
    assert!(f.build().status.success());
    assert!(
        f.read_out("en/course/mod/first.html").contains(
            "<p class=\"plain\">“First lesson” by Bo Li, Cy Do, Fixture site (https://example.org/site/en/course/mod/first.html), licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).</p>"
        ),
        "{}",
        f.read_out("en/course/mod/first.html")
    );
    assert!(f.read_out("en/course/mod/second.html").contains(
        "<p class=\"plain\">“Second &lt;lesson&gt;” by Ana Ruiz, Fixture site (https://example.org/site/en/course/mod/second.html), licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).</p>"
    ));
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let f = Fixture::new();
    assert!(f.build().status.success());
    let before: Vec<(String, Vec<u8>)> = files(&f.out()).into_iter().map(|p| (p.clone(), std::fs::read(f.out().join(&p)).unwrap())).collect();
    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: Changed\n---\n[broken](nowhere.md)\n");
    let out = f.build();
    assert_eq!(out.status.code(), Some(1));
    let after: Vec<(String, Vec<u8>)> = files(&f.out()).into_iter().map(|p| (p.clone(), std::fs::read(f.out().join(&p)).unwrap())).collect();
    assert!(before == after, "dist changed after a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(f.root()).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert!(!leftovers.iter().any(|n| n.to_string_lossy().contains("staging")), "{leftovers:?}");
}

#[test]
fn rebuild_removes_pages_that_are_gone() {
    let f = Fixture::new();
    assert!(f.build().status.success());
    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: First lesson\n---\n## Start here\n");
    f.remove("content/en/01-course/01-mod/02-second.md");
    assert!(f.build().status.success(), "{}", stderr(&f.build()));
    assert!(!f.out().join("en/course/mod/second.html").exists());
    assert!(f.out().join("en/course/mod/first.html").exists());
}

#[test]
fn drafts_are_left_out() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/03-draft.md", "---\ntitle: Draft\ndraft: true\n---\nSoon.\n");
    assert!(f.build().status.success());
    assert!(!f.out().join("en/course/mod/draft.html").exists());
}

#[test]
fn refuses_to_overwrite_a_folder_it_did_not_make() {
    let f = Fixture::new();
    f.write("dist/notes.txt", "mine");
    let out = f.build();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("refusing to overwrite"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(f.out().join("notes.txt")).unwrap(), "mine");
}

/// The addresses the README's content contract gives quiz files: `quiz.yaml` → `quiz.html`, a
/// further `name.quiz.yaml` → `name.quiz.html`, its numeric prefix dropped and spaces as hyphens.
#[test]
fn each_quiz_file_has_the_address_the_readme_gives() {
    let f = Fixture::new();
    let quiz = "title: Q\nquestions:\n  - id: q1\n    type: true_false\n    prompt: Yes?\n    answer: true\n";
    for name in ["quiz.yaml", "extra.quiz.yaml", "02-Second Try.quiz.yaml"] {
        f.write(&format!("content/en/01-course/01-mod/{name}"), quiz);
    }
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    for page in ["quiz.html", "extra.quiz.html", "Second-Try.quiz.html"] {
        assert!(f.out().join("en/course/mod").join(page).is_file(), "{page}: {:?}", files(&f.out().join("en/course/mod")));
    }
}
