//! The same synthetic course for other generators: Hugo (always measured when `hugo` is on
//! PATH), Zola and mdBook (when on PATH). Each gets the corpus's Markdown files unchanged, in
//! its own content layout, and a small theme with the same chrome as kyklos's lesson page:
//! header, breadcrumbs, the text with highlighted code, a sidebar with the course's modules
//! and the current module's lessons, previous/next and a footer.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Whether `program` runs (`program --version` or `program version`).
pub fn on_path(program: &str) -> Option<String> {
    for arg in ["version", "--version"] {
        if let Ok(out) = Command::new(program).arg(arg).stdin(Stdio::null()).output() {
            if out.status.success() {
                let text = String::from_utf8_lossy(&out.stdout);
                return Some(text.lines().next().unwrap_or("").trim().to_string());
            }
        }
    }
    None
}

/// Copies the kyklos corpus's one language (`content/<lang>/`) to `dest/content/`, renaming
/// each folder's `index.md` to `index_name` (Hugo and Zola call a section's page `_index.md`).
fn copy_content(corpus: &Path, lang: &str, dest: &Path, index_name: &str) -> Vec<PathBuf> {
    let from = corpus.join("content").join(lang);
    let to = dest.join("content");
    let mut written = Vec::new();
    for entry in walkdir::WalkDir::new(&from).sort_by_file_name().into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(&from).expect("inside the corpus");
        let mut target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create peer content folder");
            continue;
        }
        if rel.file_name().is_some_and(|n| n == "index.md") {
            target.set_file_name(index_name);
        }
        fs::copy(entry.path(), &target).expect("copy a page for a peer");
        written.push(target);
    }
    written
}

/// A Hugo site for the corpus's first language, under `site` (regenerated when `stamp` changed).
pub fn hugo_site(corpus: &Path, site: &Path, stamp: &str) {
    if fs::read_to_string(site.join(".bench-stamp")).is_ok_and(|s| s == stamp) {
        return;
    }
    if site.exists() {
        fs::remove_dir_all(site).expect("remove old Hugo site");
    }
    copy_content(corpus, "en", site, "_index.md");
    // Relative URLs and `page.html` files, as kyklos writes them (works from file://);
    // classes for highlighting (no inline colours), as kyklos does.
    fs::write(
        site.join("hugo.toml"),
        r##"baseURL = "/"
title = "Bench course"
languageCode = "en"
relativeURLs = true
uglyURLs = true
disableKinds = ["taxonomy", "term", "RSS"]
[markup.highlight]
noClasses = false
[markup.tableOfContents]
startLevel = 2
endLevel = 2
"##,
    )
    .unwrap();
    let layouts = site.join("layouts");
    fs::create_dir_all(layouts.join("_default")).unwrap();
    fs::create_dir_all(layouts.join("partials")).unwrap();
    fs::write(
        layouts.join("_default/baseof.html"),
        r##"<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="{{ "static/style.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><a class="brand" href="{{ "index.html" | relURL }}">{{ site.Title }}</a></header>
<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li><span aria-current="page">{{ .Title }}</span></li></ol></nav>
<div class="layout">
<main id="main">{{ block "main" . }}{{ end }}</main>
{{ partialCached "nav.html" . .CurrentSection.RelPermalink }}
</div>
<footer class="site-footer"><p class="licence"><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a></p></footer>
</body>
</html>
"##,
    )
    .unwrap();
    // The sidebar: the course's modules, the current module's lessons. Cached per section
    // (Hugo's idiom for navigation that is the same on every page of a section).
    fs::write(
        layouts.join("partials/nav.html"),
        r##"{{ $sec := .CurrentSection }}{{ with $sec.Parent }}<nav class="course-nav" aria-label="Course"><ol>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if eq . $sec }}<ol>{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}</li>{{ end }}</ol></nav>{{ end }}"##,
    )
    .unwrap();
    fs::write(
        layouts.join("_default/single.html"),
        r##"{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ with .Description }}<p class="lede">{{ . }}</p>{{ end }}
<nav class="toc" aria-label="On this page">{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
<nav class="pager">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>{{ end }}
"##,
    )
    .unwrap();
    fs::write(
        layouts.join("_default/list.html"),
        r##"{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ with .Description }}<p class="lede">{{ . }}</p>{{ end }}
<div class="prose">{{ .Content }}</div>
<ol class="cards">{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ol>
</article>{{ end }}
"##,
    )
    .unwrap();
    fs::write(site.join(".bench-stamp"), stamp).unwrap();
}

/// `hugo` building `site` into `out`.
pub fn hugo_command(site: &Path, out: &Path) -> Vec<std::ffi::OsString> {
    vec!["hugo".into(), "--quiet".into(), "--source".into(), site.into(), "--destination".into(), out.into()]
}

/// A Zola site for the corpus's first language (YAML front matter, which Zola reads since 0.17).
pub fn zola_site(corpus: &Path, site: &Path, stamp: &str) {
    if fs::read_to_string(site.join(".bench-stamp")).is_ok_and(|s| s == stamp) {
        return;
    }
    if site.exists() {
        fs::remove_dir_all(site).expect("remove old Zola site");
    }
    // Zola rejects front matter keys it does not know: `kind:` goes.
    for file in copy_content(corpus, "en", site, "_index.md") {
        let text = fs::read_to_string(&file).unwrap();
        let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("kind:")).collect();
        fs::write(&file, kept.join("\n") + "\n").unwrap();
    }
    fs::write(
        site.join("config.toml"),
        "base_url = \"/\"\ntitle = \"Bench course\"\ncompile_sass = false\nbuild_search_index = false\n[markdown]\nhighlight_code = true\nhighlight_theme = \"css\"\nsmart_punctuation = true\n",
    )
    .unwrap();
    let t = site.join("templates");
    fs::create_dir_all(&t).unwrap();
    let base = r##"<!DOCTYPE html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ item.title }} – {{ config.title }}</title>
<link rel="stylesheet" href="{{ get_url(path='style.css') }}"></head>
<body><header class="site-header"><a class="brand" href="{{ get_url(path='/') }}">{{ config.title }}</a></header>
<div class="layout"><main id="main"><article><h1>{{ item.title }}</h1>{% if item.description %}<p class="lede">{{ item.description }}</p>{% endif %}
<div class="prose">{{ item.content | safe }}</div>
{% block after %}{% endblock after %}</article></main>
{% block nav %}{% endblock nav %}</div>
<footer class="site-footer"><p class="licence">CC BY 4.0</p></footer></body></html>
"##;
    fs::write(t.join("base.html"), base).unwrap();
    fs::write(t.join("index.html"), "{% extends \"base.html\" %}{% set item = section %}").unwrap();
    fs::write(
        t.join("section.html"),
        "{% extends \"base.html\" %}{% set item = section %}{% block after %}<ol>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ol>{% endblock after %}",
    )
    .unwrap();
    fs::write(
        t.join("page.html"),
        r##"{% extends "base.html" %}{% set item = page %}{% block nav %}{% set module = get_section(path=page.ancestors | last) %}<nav class="course-nav"><ol>{% for p in module.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ol></nav>{% endblock nav %}"##,
    )
    .unwrap();
    fs::write(site.join(".bench-stamp"), stamp).unwrap();
}

pub fn zola_command(site: &Path, out: &Path) -> Vec<std::ffi::OsString> {
    vec!["zola".into(), "--root".into(), site.into(), "build".into(), "--force".into(), "--output-dir".into(), out.into()]
}

/// An mdBook for the corpus's first language: every page in SUMMARY.md, in order.
pub fn mdbook_site(corpus: &Path, site: &Path, stamp: &str) {
    if fs::read_to_string(site.join(".bench-stamp")).is_ok_and(|s| s == stamp) {
        return;
    }
    if site.exists() {
        fs::remove_dir_all(site).expect("remove old mdBook");
    }
    let src = site.join("src");
    fs::create_dir_all(&src).unwrap();
    let from = corpus.join("content").join("en");
    let mut summary = String::from("# Summary\n\n");
    for entry in walkdir::WalkDir::new(&from).sort_by_file_name().into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(&from).unwrap();
        if entry.file_type().is_dir() {
            fs::create_dir_all(src.join(rel)).unwrap();
            continue;
        }
        // mdBook shows front matter as text: strip it, keep the title for SUMMARY.md.
        let text = fs::read_to_string(entry.path()).unwrap();
        let (front, body) = text.strip_prefix("---\n").and_then(|r| r.split_once("\n---\n")).unwrap_or(("", &text));
        let title = front.lines().find_map(|l| l.strip_prefix("title:")).map(|t| t.trim().trim_matches('"').to_string()).unwrap_or_default();
        fs::write(src.join(rel), format!("# {title}\n\n{body}")).unwrap();
        let depth = rel.components().count().saturating_sub(if rel.ends_with("index.md") { 2 } else { 1 });
        summary.push_str(&format!("{}- [{}]({})\n", "  ".repeat(depth), title.replace(['[', ']'], ""), rel.display()));
    }
    fs::write(src.join("SUMMARY.md"), summary).unwrap();
    fs::write(site.join("book.toml"), "[book]\ntitle = \"Bench course\"\nlanguage = \"en\"\n[output.html]\n[output.html.search]\nenable = false\n").unwrap();
    fs::write(site.join(".bench-stamp"), stamp).unwrap();
}

pub fn mdbook_command(site: &Path, out: &Path) -> Vec<std::ffi::OsString> {
    vec!["mdbook".into(), "build".into(), site.into(), "--dest-dir".into(), out.into()]
}
