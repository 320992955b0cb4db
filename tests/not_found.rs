//! The root `404.html` that static hosts show for an address without a page: in the default
//! language, with a link to every language's home, and addresses that hold at any depth when
//! the site has a `base_url`.

mod common;

use common::{select, stderr, Fixture};

/// Arabic first (the default), Greek second, each with a home page.
fn site(base_url: &str) -> Fixture {
    let f = Fixture::empty();
    f.write("site.yaml", format!("title: Missing site\nlanguages: [ar, el]\n{base_url}translations:\n  el:\n    title: Ιστότοπος\n"));
    f.write("content/ar/index.md", "---\ntitle: الرئيسية\n---\nمرحبا.\n");
    f.write("content/el/index.md", "---\ntitle: Αρχική\n---\nΚαλώς ήρθατε.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    f
}

/// Each language's home link: (href, lang, dir).
fn homes(f: &Fixture) -> Vec<(String, String, String)> {
    let doc = f.html("404.html");
    select(&doc, "main li")
        .iter()
        .map(|li| {
            let a = li.select(&scraper::Selector::parse("a").unwrap()).next().expect("a link");
            let attr = |n: &str| li.value().attr(n).unwrap_or("").to_string();
            (a.value().attr("href").unwrap_or("").to_string(), attr("lang"), attr("dir"))
        })
        .collect()
}

fn stylesheet(f: &Fixture) -> String {
    let doc = f.html("404.html");
    select(&doc, "link[rel=stylesheet]").first().and_then(|l| l.value().attr("href")).unwrap_or("").to_string()
}

#[test]
fn the_404_page_is_in_the_default_language_with_every_home_relative_from_the_root() {
    let f = site("");
    let doc = f.html("404.html");
    let html = select(&doc, "html")[0].value().clone();
    assert_eq!((html.attr("lang"), html.attr("dir")), (Some("ar"), Some("rtl")));
    assert_eq!(common::text(&select(&doc, "h1")[0]), "الصفحة غير موجودة");
    assert_eq!(homes(&f), vec![("ar/index.html".into(), "ar".into(), "rtl".into()), ("el/index.html".into(), "el".into(), "ltr".into())]);
    assert_eq!(stylesheet(&f), "static/kyklos.css");
    assert!(f.out().join(stylesheet(&f)).is_file());
    assert!(select(&doc, "script:not([type=\"application/ld+json\"])").is_empty() && select(&doc, "style, [style]").is_empty(), "no scripts, no inline styles");
}

#[test]
fn with_base_url_its_addresses_start_at_the_base_path() {
    let f = site("base_url: https://example.org/course/\n");
    assert_eq!(homes(&f), vec![("/course/ar/index.html".into(), "ar".into(), "rtl".into()), ("/course/el/index.html".into(), "el".into(), "ltr".into())]);
    assert_eq!(stylesheet(&f), "/course/static/kyklos.css");
    assert_eq!(select(&f.html("404.html"), "a.brand")[0].value().attr("href"), Some("/course/index.html"));
}

#[test]
fn an_english_site_says_page_not_found() {
    let f = Fixture::new();
    assert!(f.build().status.success());
    let doc = f.html("404.html");
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("en"));
    assert_eq!(common::text(&select(&doc, "h1")[0]), "Page not found");
    assert_eq!(homes(&f), vec![("en/index.html".into(), "en".into(), "ltr".into())]);
}
