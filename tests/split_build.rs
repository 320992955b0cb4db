//! `kyklos build --lang CODE` (repeatable) builds only those languages' folders plus the files
//! every language shares, so a CI matrix can build languages in parallel jobs: the merged
//! folders are byte-identical to one full build.

mod common;

use std::path::Path;

use common::{files, stderr, Fixture};

fn site() -> Fixture {
    let f = Fixture::new();
    f.write("site.yaml", "title: Split site\nlanguages: [en, el, ar]\n");
    f.write("content/el/index.md", "---\ntitle: Αρχική\n---\nΠρος [το μάθημα](01-course/index.md).\n");
    f.write("content/el/01-course/01-mod/01-first.md", "---\ntitle: Πρώτο μάθημα\n---\n## Αρχή {#start-here}\n\nΚείμενο.\n");
    f.write("content/ar/index.md", "---\ntitle: الرئيسية\n---\nمرحبا.\n");
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Quiz\npass_mark: 50\nquestions:\n  - id: q1\n    type: true_false\n    prompt: True?\n    answer: true\n",
    );
    f
}

fn build(f: &Fixture, out: &Path, langs: &[&str]) {
    let mut args = vec!["build", "--out", out.to_str().unwrap()];
    for l in langs {
        args.extend(["--lang", l]);
    }
    let run = f.run(&args);
    assert!(run.status.success(), "build {langs:?} failed: {}", stderr(&run));
}

/// Copies every file of `from` into `to` (what a CI job merging artefacts does).
fn merge(from: &Path, to: &Path) {
    for rel in files(from) {
        let target = to.join(&rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&rel), target).unwrap();
    }
}

#[test]
fn languages_built_apart_and_merged_equal_a_full_build() {
    let f = site();
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    build(&f, &full, &[]);
    let merged = tmp.path().join("merged");
    for (i, langs) in [&["en"][..], &["el", "ar"][..]].iter().enumerate() {
        let part = tmp.path().join(format!("part-{i}"));
        build(&f, &part, langs);
        merge(&part, &merged);
    }
    let (a, b) = (files(&full), files(&merged));
    assert_eq!(a, b, "the merged folders hold other files than a full build");
    for rel in &a {
        assert!(std::fs::read(full.join(rel)).unwrap() == std::fs::read(merged.join(rel)).unwrap(), "{rel} differs");
    }
    assert!(a.iter().any(|p| p.starts_with("search/el/")) && a.iter().any(|p| p.ends_with(".zip")), "the fixture has search indexes and packages");

    // One language's job holds that language and the shared files only.
    let el = files(&tmp.path().join("part-1"));
    assert!(el.iter().all(|p| !p.starts_with("en/") && !p.starts_with("search/en/")), "{el:?}");
    assert!(el.iter().any(|p| p == "sitemap.xml") && el.iter().any(|p| p.starts_with("static/")));
}

#[test]
fn a_language_rebuilt_into_a_full_output_leaves_the_others_alone() {
    let f = site();
    build(&f, &f.out(), &[]);
    let before = files(&f.out());
    let english = f.read_out("en/course/mod/first.html");
    f.write("content/el/01-course/01-mod/01-first.md", "---\ntitle: Πρώτο μάθημα (νέο)\n---\n## Αρχή {#start-here}\n\nΝέο κείμενο.\n");
    build(&f, &f.out(), &["el"]);
    assert_eq!(files(&f.out()), before);
    assert_eq!(f.read_out("en/course/mod/first.html"), english);
    assert!(f.read_out("el/course/mod/first.html").contains("Νέο κείμενο"));
}

#[test]
fn an_unknown_language_is_an_error_naming_the_site_languages() {
    let f = site();
    let run = f.run(&["build", "--lang", "fr"]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(err.contains("site.yaml") && err.contains("no language `fr`") && err.contains("en, el, ar"), "{err}");
}
