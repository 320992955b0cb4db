//! The other commands: `new` makes a site that builds cleanly (`serve` has tests/serve.rs).

mod common;

use common::*;

#[test]
fn new_makes_a_starter_site_that_checks_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-course");
    let out = kyklos().arg("new").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let check = kyklos().args(["check", "--root"]).arg(&dir).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stderr(&check).contains("No errors"), "{}", stderr(&check));
    let build = kyklos().args(["build", "--root"]).arg(&dir).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(dir.join("dist/en/course/first-module/quiz.html").is_file());
    let again = kyklos().arg("new").arg(&dir).output().unwrap();
    assert_eq!(again.status.code(), Some(1), "refuses a folder that is not empty");
}

#[test]
fn new_with_languages_makes_a_translated_starter_that_checks_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let out = kyklos().arg("new").arg(&dir).args(["--lang", "en,el,ar"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let check = kyklos().args(["check", "--root"]).arg(&dir).output().unwrap();
    assert!(check.status.success() && stderr(&check).contains("No errors"), "{}", stderr(&check));
    let build = kyklos().args(["build", "--root"]).arg(&dir).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let el = std::fs::read_to_string(dir.join("dist/el/index.html")).unwrap();
    assert!(el.contains("lang=\"el\"") && el.contains("Καλώς ήρθατε"));
    assert!(std::fs::read_to_string(dir.join("dist/ar/index.html")).unwrap().contains("dir=\"rtl\""));
    assert!(dir.join("dist/en/guide/prepare.html").is_file(), "the starter has a guide");
    assert!(dir.join("dist/en/practices/example-practice.html").is_file(), "the starter has a practice");
    assert!(std::fs::read_to_string(dir.join("AUTHORS.md")).unwrap().contains("content/en/"));
    let bad = kyklos().arg("new").arg(tmp.path().join("other")).args(["--lang", "en,xx-notalanguage-atall"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
}

#[test]
fn new_writes_the_starter_in_the_default_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kurs");
    let out = kyklos().arg("new").arg(&dir).args(["--lang", "de,en,sv"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let check = kyklos().args(["check", "--root"]).arg(&dir).output().unwrap();
    let said = stderr(&check);
    assert!(check.status.success() && said.contains("No errors"), "{said}");
    // The settings are translated for `en` (its starter) but not for `sv` (none).
    assert!(!said.contains("not translated into `en`") && said.contains("not translated into `sv`"), "{said}");
    let build = kyklos().args(["build", "--root"]).arg(&dir).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let lesson = std::fs::read_to_string(dir.join("dist/de/course/first-module/first-lesson.html")).unwrap();
    assert!(lesson.contains("lang=\"de\"") && lesson.contains("Die erste Lektion") && !lesson.contains("The first lesson"), "German text in a German page");
    let quiz = std::fs::read_to_string(dir.join("dist/de/course/first-module/quiz.html")).unwrap();
    assert!(quiz.contains("Wo liegen die Lektionen?"), "the quiz is German too");
    let yaml = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(yaml.contains("title: \"Mein offener Kurs\"") && yaml.contains("  en:\n    title: \"My open course\""), "{yaml}");
    let en = std::fs::read_to_string(dir.join("dist/en/index.html")).unwrap();
    assert!(en.contains("lang=\"en\"") && en.contains("a short course"), "the English home page is the English starter's");
    // Swedish has no starter: its home page is the German one, marked German, not an English
    // placeholder marked Swedish.
    assert!(!dir.join("content/sv").exists());
    let sv = std::fs::read_to_string(dir.join("dist/sv/index.html")).unwrap();
    assert!(sv.contains("<html lang=\"sv\"") && sv.contains("lang=\"de\"") && !sv.contains("This site holds"), "{sv}");
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    // `kyklos translations | head -1`: the reader is gone before kyklos writes.
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture\nlanguages: [en, el]\n");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kyklos"))
        .args(["translations", "--root"])
        .arg(f.root())
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(libc_sigpipe()), "ends like other Unix tools, on SIGPIPE");
    }
}

#[cfg(unix)]
fn libc_sigpipe() -> i32 {
    13
}

#[test]
fn summary_counts_agree_with_their_number() {
    // One page and one warning (no date in the accessibility statement): "1 page (1 warning)",
    // never "1 pages (1 warnings)".
    let f = Fixture::empty();
    f.write("site.yaml", "title: T\nlanguages: [en]\naccessibility:\n  contact: a@example.org\n");
    f.write("content/en/index.md", "---\ntitle: Home\n---\nHello.\n");
    let check = stderr(&f.check());
    assert!(check.ends_with("No errors in 1 page (1 warning).\n"), "{check}");
    let build = stderr(&f.run(&["build", "--verbose"]));
    assert!(build.contains("\nBuilt 1 page into ") && build.contains("search en: 1 page, "), "{build}");
    f.write("content/en/index.md", "---\ntitle: Home\n---\n![A photo](missing.png)\n");
    let failed = stderr(&f.check());
    assert!(failed.ends_with("\n1 error, 1 warning.\n"), "{failed:?}");
    // The same page shown untranslated in a second language finds the same missing image:
    // one error listed, one counted.
    f.write("site.yaml", "title: T\nlanguages: [en, pl]\naccessibility:\n  contact: a@example.org\n  date: 2026-12-01\n");
    f.write("content/pl/index.md", "---\ntitle: Strona\n---\nWitamy.\n");
    f.write("content/en/about.md", "---\ntitle: About\n---\n![A photo](missing.png)\n");
    let twice = stderr(&f.check());
    assert_eq!(twice.matches("error: the image `missing.png` does not exist").count(), 2, "{twice}");
    assert!(twice.contains("\n2 errors, "), "{twice}");
}
