//! Hostile and broken sites (issue 11): each class of input that once crashed, hung, leaked a
//! file from outside the site or passed `check` and failed `build` stays a test here.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::*;

/// Runs kyklos with a time limit: a hang is a failure, not a stuck test run.
fn run(f: &Fixture, args: &[&str]) -> Output {
    let out = kyklos().current_dir(f.root()).args(args).timeout(Duration::from_secs(60)).output().expect("run kyklos");
    let err = stderr(&out);
    assert!(out.status.code().is_some(), "kyklos was killed (a hang?): {err}");
    assert!(!err.contains("panicked"), "{err}");
    out
}

fn check_fails(f: &Fixture) -> String {
    let out = run(f, &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "expected exit 1\n{err}");
    err
}

#[cfg(unix)]
fn fifo(f: &Fixture, rel: &str) {
    let path = f.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
}

#[cfg(unix)]
fn link(target: impl AsRef<Path>, at: impl AsRef<Path>) {
    std::fs::create_dir_all(at.as_ref().parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

const LESSON: &str = "content/en/01-course/01-mod/01-first.md";

#[test]
fn percent_signs_before_non_ascii_characters_are_reported_not_panics() {
    let f = Fixture::new();
    f.write(LESSON, "---\ntitle: First\n---\n## Start here\n\n[a](%aé.md) [b](#x%€) [c](%€%.md) ![d](%é)\n");
    let err = check_fails(&f);
    assert!(err.contains("01-first.md:6:1: error:"), "{err}");
    assert!(err.contains("01-first.md:6:13: error: no heading `#x%€`"), "{err}");
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_without_hanging() {
    let f = Fixture::new();
    fifo(&f, "site.yaml");
    let err = check_fails(&f);
    assert!(err.contains("site.yaml: error: this is a named pipe (FIFO), not a regular file"), "{err}");

    let f = Fixture::new();
    f.write("site.yaml", "title: T\nlanguages: [en, el]\n");
    f.write("content/el/index.md", "---\ntitle: Αρχή\n---\n");
    fifo(&f, "i18n/en.yaml");
    fifo(&f, "i18n/el.yaml");
    fifo(&f, "content/el/.kyklos-translations.yaml");
    let err = check_fails(&f);
    assert!(err.contains("i18n/en.yaml: error: this is a named pipe"), "{err}");
    assert!(err.contains("i18n/el.yaml: error: this is a named pipe"), "{err}");
    let out = run(&f, &["translations"]);
    assert!(stderr(&out).contains(".kyklos-translations.yaml: error: this is a named pipe"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn skipped_special_files_are_warned_about() {
    let f = Fixture::new();
    fifo(&f, "content/en/01-course/01-mod/03-pipe.md");
    fifo(&f, "content/en/01-course/01-mod/quiz.yaml");
    fifo(&f, "content/en/01-course/01-mod/picture.png");
    std::os::unix::net::UnixListener::bind(f.root().join("content/en/01-course/01-mod/socket.pdf")).unwrap();
    fifo(&f, "themes/default/static/pipe.css");
    let out = run(&f, &["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    for name in [
        "content/en/01-course/01-mod/03-pipe.md",
        "content/en/01-course/01-mod/quiz.yaml",
        "content/en/01-course/01-mod/picture.png",
        "themes/default/static/pipe.css",
    ] {
        assert!(err.contains(&format!("{name}: warning: this is a named pipe (FIFO), not a regular file; kyklos reads only regular files: skipped")), "{err}");
    }
    assert!(err.contains("01-mod/socket.pdf: warning: this is a socket, not a regular file"), "{err}");
    assert!(!f.out().join("static/pipe.css").exists());
}

#[test]
fn a_logo_outside_the_site_is_refused() {
    for logo in ["../../../../../../etc/passwd", "/etc/passwd", "../outside.svg"] {
        let f = Fixture::new();
        f.write("site.yaml", format!("title: T\nlogo: \"{logo}\"\nlogo_alt: L\n"));
        let err = check_fails(&f);
        assert!(err.contains(&format!("site.yaml:2:1: error: logo `{logo}`: this path leads outside the site folder")), "{err}");
        assert!(run(&f, &["build"]).status.code() == Some(1));
        assert!(!f.out().exists());
    }
    let f = Fixture::new();
    f.write("site.yaml", "title: T\nlogo: assets\nlogo_alt: L\n");
    f.write("assets/x.svg", "<svg/>");
    let err = check_fails(&f);
    assert!(err.contains("site.yaml:2:1: error: logo `assets`: this is a folder, not a file"), "{err}");
}

#[cfg(unix)]
#[test]
fn symbolic_links_leaving_the_site_are_refused_everywhere() {
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("secret.svg"), "SECRET-TEXT").unwrap();
    std::fs::write(secret.path().join("en.yaml"), "next: SECRET-TEXT\n").unwrap();
    std::fs::create_dir_all(secret.path().join("theme/templates")).unwrap();
    std::fs::write(secret.path().join("theme/templates/page.html"), "SECRET-TEXT").unwrap();

    let f = Fixture::new();
    f.write("site.yaml", "title: T\nlogo: logo.svg\nlogo_alt: L\n");
    link(secret.path().join("secret.svg"), f.root().join("logo.svg"));
    let err = check_fails(&f);
    assert!(err.contains("site.yaml:2:1: error: logo `logo.svg`: this path leads outside the site folder"), "{err}");

    let f = Fixture::new();
    link(secret.path().join("en.yaml"), f.root().join("i18n/en.yaml"));
    let err = check_fails(&f);
    assert!(err.contains("i18n/en.yaml: error: this path leads outside the site folder"), "{err}");

    let f = Fixture::new();
    f.write("site.yaml", "title: T\ntheme: evil\n");
    link(secret.path().join("theme"), f.root().join("themes/evil"));
    let err = check_fails(&f);
    assert!(err.contains("themes/evil: error: this path leads outside the site folder"), "{err}");

    let f = Fixture::new();
    link(secret.path().join("theme/templates"), f.root().join("themes/default/templates"));
    let err = check_fails(&f);
    assert!(err.contains("themes/default/templates: error: this path leads outside the site folder"), "{err}");

    let f = Fixture::new();
    link(secret.path(), f.root().join("content/el"));
    f.write("site.yaml", "title: T\nlanguages: [en, el]\n");
    let err = check_fails(&f);
    assert!(err.contains("content/el: error: this path leads outside the site folder"), "{err}");
}

#[cfg(unix)]
#[test]
fn symbolic_links_leaving_the_site_are_refused_for_every_kind_of_input() {
    let secret = tempfile::tempdir().unwrap();
    let s = secret.path();
    std::fs::write(s.join("s.md"), "---\ntitle: SECRET-TEXT\n---\nSECRET-TEXT\n").unwrap();
    std::fs::write(s.join("s.yaml"), "title: SECRET-TEXT\n").unwrap();
    std::fs::write(s.join("s.vtt"), "WEBVTT\n\n00:00.000 --> 00:01.000\nSECRET-TEXT\n").unwrap();
    let f = Fixture::new();
    let m = "content/en/01-course/01-mod";
    f.write(&format!("{m}/03-video.md"), "---\ntitle: V\n---\n![V](v.webm)\n");
    f.write(&format!("{m}/p.png"), "png");
    let cases = [
        (format!("{m}/04-lesson.md"), s.join("s.md")),
        (format!("{m}/quiz.yaml"), s.join("s.yaml")),
        (format!("{m}/credits.yaml"), s.join("s.yaml")),
        (format!("{m}/p.png.yaml"), s.join("s.yaml")),
        (format!("{m}/v.webm"), s.join("s.md")),
        (format!("{m}/v.en.vtt"), s.join("s.vtt")),
        (format!("{m}/v.transcript.md"), s.join("s.md")),
        (format!("{m}/doc.pdf"), s.join("s.md")),
        ("content/en/01-course/02-mod".to_string(), s.to_path_buf()),
        ("themes/default/templates/page.html".to_string(), s.join("s.md")),
        ("themes/default/static/x.css".to_string(), s.join("s.md")),
    ];
    for (at, target) in &cases {
        link(target, f.root().join(at));
    }
    let err = check_fails(&f);
    for (at, target) in &cases {
        assert!(err.contains(&format!("{at}: error: this symbolic link points to `{}`, outside the site folder", target.display())), "{at}\n{err}");
    }
    assert_eq!(run(&f, &["build"]).status.code(), Some(1));
    assert!(!f.out().exists());
}

#[cfg(unix)]
#[test]
fn symbolic_links_inside_the_site_work_like_their_targets() {
    let f = Fixture::new();
    let m = "content/en/01-course/01-mod";
    f.write("shared/img/map.png", "PNG-MAP");
    f.write("shared/reused.md", "---\ntitle: Reused lesson\n---\n## Reused\n\n![Map](map.png) ![Again](img/map.png) [first](01-first.md)\n");
    f.write("shared/extra.css", "p { color: black }");
    link("../../../../shared/img/map.png", f.root().join(format!("{m}/map.png")));
    link("../../../../shared/img", f.root().join(format!("{m}/img")));
    link("../../../../shared/reused.md", f.root().join(format!("{m}/03-reused.md")));
    link("../../../shared/extra.css", f.root().join("themes/default/static/extra.css"));
    let out = run(&f, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(f.out().join("en/course/mod/map.png")).unwrap(), "PNG-MAP");
    assert_eq!(std::fs::read_to_string(f.out().join("en/course/mod/img/map.png")).unwrap(), "PNG-MAP");
    assert!(f.read_out("en/course/mod/reused.html").contains("Reused lesson"));
    assert!(f.read_out("static/extra.css").contains("color: black"));

    // A link to nothing and a loop are errors naming the link; the walk ends.
    link("nothing.md", f.root().join(format!("{m}/04-dangling.md")));
    link("..", f.root().join(format!("{m}/up")));
    let err = check_fails(&f);
    assert!(err.contains(&format!("{m}/04-dangling.md: error: this symbolic link points to `nothing.md`, which does not exist")), "{err}");
    assert!(err.contains(&format!("{m}/up: error: this symbolic link leads back into `content/en/01-course`, a folder that contains it (a loop)")), "{err}");
}

#[cfg(unix)]
#[test]
fn the_output_and_staging_folders_are_never_written_through() {
    let elsewhere = tempfile::tempdir().unwrap();
    let f = Fixture::new();
    link(elsewhere.path(), f.out());
    let err = stderr(&run(&f, &["build"]));
    assert!(err.contains("dist is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    std::fs::remove_file(f.out()).unwrap();
    // Whatever sits where the staging folder goes is removed, not followed.
    for planted in ["link", "dangling", "pipe"] {
        let staging = f.root().join(".dist.kyklos-staging");
        match planted {
            "link" => link(elsewhere.path(), &staging),
            "dangling" => link(elsewhere.path().join("none"), &staging),
            _ => fifo(&f, ".dist.kyklos-staging"),
        }
        let out = run(&f, &["build"]);
        assert!(out.status.success(), "{planted}: {}", stderr(&out));
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0, "{planted}");
        assert!(std::fs::symlink_metadata(&staging).is_err(), "{planted}");
    }
}

#[cfg(unix)]
#[test]
fn the_writer_never_follows_a_link_inside_the_output() {
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("index.html"), "KEEP").unwrap();
    let f = Fixture::new();
    assert!(run(&f, &["build"]).status.success());
    // Links planted in dist/: a folder, a page and the language folder itself.
    std::fs::remove_dir_all(f.out().join("en/course/mod")).unwrap();
    link(elsewhere.path(), f.out().join("en/course/mod"));
    std::fs::remove_file(f.out().join("index.html")).unwrap();
    link(elsewhere.path().join("index.html"), f.out().join("index.html"));
    let out = run(&f, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(elsewhere.path().join("index.html")).unwrap(), "KEEP");
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 1, "nothing written through the link");
    assert!(!std::fs::symlink_metadata(f.out().join("en/course/mod")).unwrap().file_type().is_symlink());
    assert!(!std::fs::symlink_metadata(f.out().join("index.html")).unwrap().file_type().is_symlink());
    assert!(f.out().join("en/course/mod/first.html").is_file());
}

#[cfg(unix)]
#[test]
fn control_characters_in_file_names_are_escaped() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/03-a\x1b[2Jb\nc.md", "no front matter\n");
    let err = check_fails(&f);
    assert!(err.contains("01-mod/03-a\\u{1b}[2Jb\\nc.md:1:1: error: no front matter"), "{err}");
    assert!(!err.contains('\x1b'), "{err}");
}

#[test]
fn a_relative_root_works() {
    let f = Fixture::new();
    f.write("site.yaml", "title: T\nlogo: logo.svg\nlogo_alt: L\nlanguages: [en, el]\n");
    f.write("logo.svg", "<svg/>");
    f.write("i18n/en.yaml", "skip_to_content: Onwards to the text\n");
    f.write("content/el/index.md", "---\ntitle: Αρχή\n---\n");
    let parent = f.root().parent().unwrap();
    let name = f.root().file_name().unwrap().to_str().unwrap();
    let out = kyklos().current_dir(parent).args(["build", "--root", name]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.read_out("en/index.html").contains("Onwards to the text"));
}

#[test]
fn pages_past_the_memory_limits_are_positioned_errors() {
    let f = Fixture::new();
    let dir = "content/en/01-course/01-mod";
    f.write(&format!("{dir}/03-lists.md"), format!("---\ntitle: L\n---\nText\n\n{}x\n", "- ".repeat(100_000)));
    f.write(&format!("{dir}/04-quotes.md"), format!("---\ntitle: Q\n---\n{}x\n", "> ".repeat(100_000)));
    let row = format!("|{}|\n", vec!["1"; 250].join("|"));
    f.write(&format!("{dir}/05-table.md"), format!("---\ntitle: T\n---\n{row}|{}|\n{}", vec!["-"; 250].join("|"), row.repeat(1000)));
    f.write(&format!("{dir}/06-items.md"), format!("---\ntitle: I\n---\n{}", "- item\n".repeat(100_001)));
    f.write(&format!("{dir}/07-huge.md"), format!("---\ntitle: H\n---\n{}", "words ".repeat(2 * 1024 * 1024)));
    f.write(&format!("{dir}/08-front.md"), format!("---\ntitle: F\nobjectives:\n{}---\n", "  - x\n".repeat(50_000)));
    // Each of these took 1 to 2 GiB as a 10 MB page: every quote, line or escape is a node.
    f.write(&format!("{dir}/09-marks.md"), format!("---\ntitle: Q\n---\nText\n{}", format!("{}\n", "\"".repeat(99)).repeat(6000)));
    f.write(&format!("{dir}/10-lines.md"), format!("---\ntitle: L\n---\n{}", "a\n".repeat(600_000)));
    f.write(&format!("{dir}/11-html.md"), format!("---\ntitle: H\n---\n<div>\n{}</div>\n", "<br>\n".repeat(600_000)));
    // Ten 10 MB pages of `"` in fenced code took 3 GiB: each `"` is six bytes in every copy.
    f.write(&format!("{dir}/12-code.md"), format!("---\ntitle: C\n---\n```\n{}```\n", format!("{}\n", "\"".repeat(99)).repeat(6000)));
    let err = check_fails(&f);
    assert!(err.contains("12-code.md:5055:1: error: this page has more than 500000 lines and marks"), "{err}");
    assert!(err.contains("09-marks.md:5004:1: error: this page has more than 500000 lines and marks"), "{err}");
    assert!(err.contains("10-lines.md:500004:1: error: this page has more than 500000 lines and marks"), "{err}");
    assert!(err.contains("11-html.md:166670:1: error: this page has more than 500000 lines and marks"), "{err}");
    assert!(err.contains("03-lists.md:6:1: error: lists or quotes are nested more than 64 levels deep here"), "{err}");
    assert!(err.contains("04-quotes.md:4:1: error: lists or quotes are nested more than 64 levels deep here"), "{err}");
    assert!(err.contains("05-table.md:404:1: error: the tables of this page have more than 100000 cells"), "{err}");
    assert!(err.contains("06-items.md:100004:1: error: this page has more than 100000 list items and quotes"), "{err}");
    assert!(err.contains("07-huge.md: error: this file is 12582929 bytes; the limit is 10485760 bytes (10 MiB)"), "{err}");
    assert!(err.contains("08-front.md:2:1: error: the front matter is 293 KiB; the limit is 256 KiB"), "{err}");
    let out = run(&f, &["build"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn names_that_clash_on_some_file_system_are_found_by_check() {
    let f = Fixture::new();
    let dir = "content/en/01-course/01-mod";
    f.write(&format!("{dir}/03-Intro.md"), "---\ntitle: A\n---\n");
    f.write(&format!("{dir}/04-intro.md"), "---\ntitle: B\n---\n");
    let long = "a".repeat(252);
    f.write(&format!("{dir}/{long}.md"), "---\ntitle: Long\n---\n");
    f.write(&format!("{dir}/first.html/picture.png"), "png");
    let err = check_fails(&f);
    assert!(err.contains("differ only in capital letters"), "{err}");
    assert!(err.contains(&format!("error: cannot write: the output name `{long}.html` is 257 bytes long; file systems allow 255")), "{err}");
    assert!(err.contains("must be a folder") || err.contains("needs a folder"), "{err}");
    assert_eq!(run(&f, &["build"]).status.code(), Some(1));
}

#[test]
fn every_site_yaml_problem_is_reported_at_once_in_plain_words() {
    let f = Fixture::new();
    f.write("site.yaml", "title: T\ntitel: x\nlanguages:\n  - en\n  - code: ar\n    direction: rlt\nfundign: EU\nlogo_alt: 5\n");
    let err = check_fails(&f);
    assert!(err.contains("site.yaml:2:1: error: unknown field `titel`"), "{err}");
    assert!(err.contains("site.yaml:6:16: error: languages[1].direction: unknown value `rlt`"), "{err}");
    assert!(err.contains("hint: did you mean `rtl`?"), "{err}");
    assert!(err.contains("site.yaml:7:1: error: unknown field `fundign`"), "{err}");
    assert!(!err.contains("untagged") && !err.contains("variant"), "{err}");

    f.write("site.yaml", "title: T\nlanguages: [en, EN, gr]\n");
    let err = check_fails(&f);
    assert!(err.contains("language `EN` is listed twice (also as `en`)"), "{err}");
    assert!(err.contains("hint: did you mean `el`?"), "{err}");

    f.write("site.yaml", "title: \"Open\nlanguages: [en]\n\n");
    let err = check_fails(&f);
    assert!(err.contains("site.yaml:1:8: error: a quote opened here is never closed"), "{err}");

    f.write("site.yaml", b"title: T\ndescription: caf\xe9\n");
    let err = check_fails(&f);
    assert!(err.contains("site.yaml:2:17: error: the file is not valid UTF-8"), "{err}");
}

#[test]
fn every_quiz_problem_is_reported_at_once() {
    let f = Fixture::new();
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Q\nquestions:\n  - id: q1\n    type: matching\n    prompt: P\n    pairs:\n      - {left: a, right: x}\n      - {left: a, right: y}\n  - id: q2\n    type: ordering\n    prompt: P\n    items: [one, two, one]\n  - id: q3\n    type: single\n    promt: P\n    optoins: []\n",
    );
    let err = check_fails(&f);
    assert!(err.contains("quiz.yaml:15:5: error: questions[2]: unknown field `promt`"), "{err}");
    assert!(err.contains("quiz.yaml:16:5: error: questions[2]: unknown field `optoins`"), "{err}");
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Q\nquestions:\n  - id: q1\n    type: matching\n    prompt: P\n    pairs:\n      - {left: a, right: x}\n      - {left: a, right: y}\n  - id: q2\n    type: ordering\n    prompt: P\n    items: [one, two, one]\n",
    );
    let err = check_fails(&f);
    assert!(err.contains("matching question `q1` uses the same left-hand text twice"), "{err}");
    assert!(err.contains("ordering question `q2` lists the same item twice"), "{err}");
}

#[test]
fn yaml_tags_and_broken_templates_are_positioned() {
    let f = Fixture::new();
    f.write(LESSON, "---\ntitle: First\ndescription: !!binary aGVsbG8=\n---\nText\n");
    f.write("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n<p>\n{{ page.title \n{% endblock %}\n");
    let err = check_fails(&f);
    assert!(err.contains("01-first.md:3:14: error: the YAML tag `!!binary` is not allowed"), "{err}");
    assert!(err.contains("themes/default/templates/page.html:5:1: error: template syntax error"), "{err}");
}

#[test]
fn tags_that_get_the_same_address_are_named_both() {
    let f = Fixture::new();
    let c = "content/en/04-practices";
    f.write(&format!("{c}/index.md"), "---\ntitle: Good practices\nkind: collection\n---\n");
    f.write(&format!("{c}/01-a.md"), "---\ntitle: A\ntags:\n  country: [Côte d'Ivoire]\n---\nText.\n");
    f.write(&format!("{c}/02-b.md"), "---\ntitle: B\ntags:\n  country: [Côte-d'Ivoire]\n---\nText.\n");
    let err = check_fails(&f);
    assert!(err.contains("02-b.md:4:13: error: the tags `country: Côte-d'Ivoire` and `country: Côte d'Ivoire` get the same address"), "{err}");
}

#[test]
fn an_output_folder_among_the_sources_is_refused() {
    let f = Fixture::new();
    for out in ["content/en/out", "content", "./content/../content/el/x", "i18n/out", "themes"] {
        let res = run(&f, &["build", "--out", out]);
        let err = stderr(&res);
        assert_eq!(res.status.code(), Some(1), "{out}: {err}");
        assert!(err.contains("error: the output folder is inside") && err.contains("hint: build into a folder outside"), "{out}: {err}");
    }
    assert!(!f.root().join("content/en/out").exists() && !f.root().join("i18n").exists(), "nothing was written");
    // Twice in a row, as the folder once grew a level deeper on every build.
    let ok = run(&f, &["build", "--out", "public/site"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let ok = run(&f, &["build", "--out", "public/site"]);
    assert!(ok.status.success() && !f.root().join("public/site/en/public").exists(), "{}", stderr(&ok));
    #[cfg(unix)]
    {
        // The same folder by another name.
        link(f.root().join("content"), f.root().join("c"));
        let res = run(&f, &["build", "--out", "c/en/out"]);
        assert_eq!(res.status.code(), Some(1), "{}", stderr(&res));
    }
}

#[test]
fn a_home_page_of_a_section_kind_is_one_error_at_its_kind() {
    for kind in ["course", "module", "guide", "collection", "unit", "phase"] {
        let f = Fixture::new();
        f.write("content/en/index.md", format!("---\ntitle: Home\nkind: {kind}\n---\nWelcome.\n"));
        f.write("content/en/03-tagged.md", "---\ntitle: Tagged\ntags:\n  country: [Greece]\n---\nText.\n");
        let err = check_fails(&f);
        let want = format!("content/en/index.md:3:1: error: the home page cannot be a {kind} (`kind: {kind}`)");
        assert!(err.contains(&want), "{kind}: {err}");
        assert!(err.contains("1 error"), "{kind}: nothing else trips over it: {err}");
        let build = run(&f, &["build"]);
        assert_eq!(build.status.code(), Some(1), "{kind}");
        assert!(!f.out().exists(), "{kind}: nothing written");
    }
}

#[test]
fn names_with_url_characters_get_addresses_that_lead_to_them() {
    let f = Fixture::new();
    f.write("content/en/05-hash#x.md", "---\ntitle: Hash\n---\nText.\n");
    f.write("content/en/06-q?x.md", "---\ntitle: Query\n---\nText.\n");
    f.write("content/en/07-pct%41.md", "---\ntitle: Percent\n---\nSee [hash](05-hash%23x.md) and [query](06-q%3Fx.md).\n");
    f.write("content/en/08-.md", "---\ntitle: Nameless\n---\nText.\n");
    let out = run(&f, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in ["en/hash-x.html", "en/q-x.html", "en/pct-41.html", "en/08-.html"] {
        assert!(f.out().join(file).is_file(), "{file}");
    }
    assert!(!f.out().join("en/.html").exists(), "no hidden page");
    // Every link of the pages leads to a file that exists.
    for page in ["en/index.html", "en/pct-41.html"] {
        let html = f.read_out(page);
        for href in html.split("href=\"").skip(1).map(|s| s.split('"').next().unwrap_or("")) {
            let path = href.split(['#', '?']).next().unwrap_or("");
            if path.is_empty() || path.contains(':') || !path.ends_with(".html") {
                continue;
            }
            assert!(!path.contains('%'), "{page}: {href}");
            assert!(f.out().join("en").join(path).is_file(), "{page}: {href} leads nowhere");
        }
    }
}

#[test]
fn a_file_at_an_address_kyklos_writes_itself_is_one_error_at_the_file() {
    let f = Fixture::new();
    let own = ["credits", "accessibility", "downloads", "translation-status", "progress"];
    for name in own {
        f.write(&format!("content/en/{name}.md"), format!("---\ntitle: {name}\n---\nText.\n"));
    }
    f.write("content/en/downloads/notes.txt", "Notes.\n");
    let err = check_fails(&f);
    for name in own {
        assert!(err.contains(&format!("content/en/{name}.md:1:1: error: `{name}.html` is the address of")), "{name}: {err}");
    }
    assert!(err.contains("content/en/downloads/notes.txt:1:1: error: `downloads/notes.txt` is the address of"), "{err}");
    assert!(err.contains(&format!("{} errors", own.len() + 1)), "no error besides, at a place that is not the file: {err}");
}

#[test]
fn an_image_that_names_a_page_or_no_file_is_an_error() {
    let f = Fixture::new();
    f.write("content/en/05-pics.md", "---\ntitle: Pictures\n---\n![](.)\n\n![a](./)\n\n![b](?x)\n\n![c](index.md)\n");
    let err = check_fails(&f);
    for want in [
        "content/en/05-pics.md:4:1: error: the image `.` is the page `index.md`, not a picture",
        "content/en/05-pics.md:6:1: error: the image `./` is the page `index.md`, not a picture",
        "content/en/05-pics.md:8:1: error: the image `?x` names no file",
        "content/en/05-pics.md:10:1: error: the image `index.md` is the page `index.md`, not a picture",
    ] {
        assert!(err.contains(want), "missing `{want}` in:\n{err}");
    }
}

#[test]
fn a_theme_that_loads_from_elsewhere_or_runs_an_inline_script_is_refused() {
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en]\ntheme: own\n");
    f.write("themes/own/static/kyklos.css", "@import url(\"https://fonts.googleapis.com/css?family=Roboto\");\nbody { font-family: Roboto; }\n");
    f.write(
        "themes/own/templates/page.html",
        "{% extends \"base.html\" %}\n{% block head %}<link rel=\"stylesheet\" href=\"https://cdn.example/x.css\">\n<script>track()</script>{% endblock %}\n",
    );
    let err = check_fails(&f);
    for want in [
        "themes/own/static/kyklos.css:1:9: error: `url(\"https://fonts.googleapis.com/css?family=Roboto\")` loads a file from another site",
        "themes/own/templates/page.html:2:40: error: `<link>` loads `\"https://cdn.example/x.css\"` from another site",
        "themes/own/templates/page.html:3:1: error: a script written into the template",
    ] {
        assert!(err.contains(want), "missing `{want}` in:\n{err}");
    }
}

#[test]
fn web_pages_xml_documents_and_server_scripts_beside_lessons_are_refused_and_nothing_is_written() {
    let f = Fixture::new();
    let out = run(&f, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = files(&f.out());
    // A teacher's handout, linked from the lesson: the link is not reported as missing too.
    f.write(LESSON, "---\ntitle: First\n---\n## Start here\n\nRead [the handout](handout.html).\n");
    f.write("content/en/01-course/01-mod/handout.html", "<html><body><script>alert(localStorage)</script></body></html>");
    f.write("content/en/01-course/Notes.HTM", "<p>notes</p>");
    f.write("content/en/data.xml", "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><r/>");
    f.write("content/en/form.php", "<?php system($_GET['c']); ?>");
    f.write("assets/logo.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>");
    f.write("site.yaml", "title: Fixture site\nlanguages: [en]\nlogo: assets/logo.xhtml\nlogo_alt: Logo\n");
    for args in [&["check"][..], &["build"][..]] {
        let out = run(&f, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        for line in [
            "content/en/01-course/01-mod/handout.html: error: a web page is not published as it is",
            "content/en/01-course/Notes.HTM: error: a web page is not published as it is",
            "content/en/data.xml: error: a browser opens an XML document as a page of the site",
            "content/en/form.php: error: many web servers run a file like this as a program",
            "site.yaml:3:1: error: logo `assets/logo.xhtml`: a web page is not published as it is",
        ] {
            assert_eq!(err.matches(line).count(), 1, "{line}\n{err}");
        }
        assert!(err.contains("hint: make it a page of the site: save it as Markdown"), "{err}");
        assert!(!err.contains("handout.html` does not exist") && !err.contains("no file"), "{err}");
        assert!(err.contains("5 errors"), "{err}");
    }
    assert_eq!(files(&f.out()), before, "the last build stays as it was");
}

/// `café` with `é` as one character (as Windows and Linux write it) and as `e` and a combining
/// accent (as macOS writes it).
const CAFE_NFC: &str = "caf\u{e9}";
const CAFE_NFD: &str = "cafe\u{301}";

#[test]
fn names_that_differ_only_in_unicode_normalisation_are_one_name() {
    // Two files in one folder: one error naming both, nothing written.
    let f = Fixture::new();
    let dir = "content/en/01-course/01-mod";
    f.write(&format!("{dir}/05-{CAFE_NFC}.md"), "---\ntitle: One\n---\nOne.\n");
    f.write(&format!("{dir}/05-{CAFE_NFD}.md"), "---\ntitle: Two\n---\nTwo.\n");
    for args in [&["check"][..], &["build"][..]] {
        let out = run(&f, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        let line = format!("{dir}/05-{CAFE_NFC}.md: error: this file and `{dir}/05-{CAFE_NFD}.md` have the same name, written two ways in Unicode");
        assert_eq!(err.matches(&line).count(), 1, "{err}");
        assert!(err.contains("1 error"), "{err}");
    }
    assert!(!f.out().exists());

    // A folder and a file: the file would stand where the folder's pages go.
    let f = Fixture::new();
    f.write(&format!("content/en/{CAFE_NFC}/index.md"), "---\ntitle: Café\n---\nText.\n");
    f.write(&format!("content/en/{CAFE_NFD}"), "data");
    let err = stderr(&run(&f, &["check"]));
    assert!(
        err.contains(&format!("content/en/{CAFE_NFD}: error: cannot copy: `en/{CAFE_NFC}` would be a file where `en/{CAFE_NFC}` must be a folder")),
        "{err}"
    );

    // Two languages: the same page translated, at the same address, whichever way each
    // name is written; a link typed the other way finds it.
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\n");
    f.write("content/en/index.md", format!("---\ntitle: Home\n---\nSee [the café]({CAFE_NFD}.md).\n"));
    f.write(&format!("content/en/{CAFE_NFC}.md"), "---\ntitle: Café\n---\nText.\n");
    f.write("content/el/index.md", format!("---\ntitle: Αρχική\n---\nΔείτε [το καφέ]({CAFE_NFC}.md).\n"));
    f.write(&format!("content/el/{CAFE_NFD}.md"), "---\ntitle: Καφέ\n---\nΚείμενο.\n");
    let out = run(&f, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let built = files(&f.out());
    for page in [format!("en/{CAFE_NFC}.html"), format!("el/{CAFE_NFC}.html")] {
        assert!(built.contains(&page), "{page} in {built:?}");
    }
    assert!(!built.iter().any(|p| p.contains(CAFE_NFD)), "{built:?}");
    // The Greek page is the translation of the English one: the language switcher links them.
    let greek = f.read_out(&format!("el/{CAFE_NFC}.html"));
    assert!(greek.contains("Καφέ") && greek.contains("rel=\"alternate\" hreflang=\"en\" href=\"../en/caf"), "{greek}");
}

#[test]
fn deeply_nested_brackets_in_any_yaml_are_an_error_at_the_bracket() {
    let f = Fixture::new();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    f.write("site.yaml", format!("title: Fixture site\nlanguages: [en]\nx: {deep}\n"));
    f.write("content/en/01-course/01-mod/quiz.yaml", format!("title: Q\nquestions: {deep}\n"));
    f.write(LESSON, format!("---\ntitle: First\nobjectives: {deep}\n---\nText.\n"));
    let err = check_fails(&f);
    assert!(err.contains("site.yaml:3:68: error: brackets are nested more than 64 deep here"), "{err}");
    f.write("site.yaml", "title: Fixture site\nlanguages: [en]\n");
    let err = check_fails(&f);
    assert!(err.contains("content/en/01-course/01-mod/quiz.yaml:2:76: error: brackets are nested more than 64 deep here"), "{err}");
    assert!(err.contains("01-first.md:3:77: error: brackets are nested more than 64 deep here"), "{err}");
}

#[test]
fn a_file_without_an_extension_that_begins_like_a_web_page_is_refused() {
    let f = Fixture::new();
    f.write("content/en/01-course/handout", "\n<!DOCTYPE html><html><script>alert(localStorage)</script></html>");
    f.write("content/en/01-course/LICENSE", "Creative Commons Attribution 4.0 <https://creativecommons.org/licenses/by/4.0/>\n");
    let err = check_fails(&f);
    assert!(err.contains("content/en/01-course/handout: error: this file has no extension and begins like a web page"), "{err}");
    assert!(!err.contains("LICENSE"), "{err}");
    assert!(err.contains("1 error"), "{err}");
    f.remove("content/en/01-course/handout");
    let out = run(&f, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.out().join("en/course/LICENSE").is_file());
}

#[test]
fn a_fill_in_question_of_thousands_of_answers_is_checked() {
    let f = Fixture::new();
    let answers: String = (0..20_000).map(|i| format!("      - answer {i}\n")).collect();
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        format!("title: Q\nquestions:\n  - id: q1\n    type: fill_in\n    prompt: Fill ___ in\n    answers:\n{answers}"),
    );
    let out = run(&f, &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The question banks compared every answer with every other: 30 s in a release build.
}

#[test]
fn a_quiz_of_thirty_thousand_questions_is_checked() {
    let f = Fixture::new();
    // Written one per line, as `- {id: …}`: each question's `id:` was looked for from the top
    // of the file, to its end.
    let questions: String = (0..30_000).map(|i| format!("  - {{id: q{i}, type: true_false, prompt: P{i}, answer: true}}\n")).collect();
    f.write("content/en/01-course/01-mod/quiz.yaml", format!("title: Q\nquestions:\n{questions}  - {{id: q7, type: true_false, prompt: P, answer: true}}\n"));
    let err = check_fails(&f);
    assert!(err.contains("quiz.yaml:30003:6: error: the question id `q7` is used twice"), "{err}");
}

/// A file with an extension that no web server maps (`notes.abc`) is sent without a type by
/// Apache, and the browser guesses: one that begins like a web page opened as a page of the
/// site. One with an XML type of its own (`.kml`) opens as a document. Files of the safe types
/// are published whatever they begin with; legitimate subtitles, data and text are published.
#[test]
fn a_file_of_an_unknown_type_that_begins_with_markup_is_refused() {
    let f = Fixture::new();
    let page = "<!doctype html><html><script>alert(localStorage)</script></html>";
    f.write("content/en/01-course/notes.abc", format!("\u{feff}\n  {page}"));
    f.write(
        "content/en/01-course/map.kml",
        "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><script xmlns=\"http://www.w3.org/1999/xhtml\">alert(1)</script></kml>",
    );
    f.write("content/en/01-course/data.dat", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
    // Legitimate files of all kinds, some of the safe types beginning like a page.
    f.write("content/en/01-course/example.txt", page);
    f.write("content/en/01-course/table.csv", "<b>name</b>,value\n");
    f.write("content/en/01-course/data.json", "{\"a\": \"<html>\"}");
    f.write("content/en/01-course/photo.png", page);
    f.write("content/en/01-course/talk.srt", "1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i>\n");
    f.write("content/en/01-course/talk.en.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\n<b>Hello</b>\n");
    f.write("content/en/01-course/tune.abc", "X:1\nT:Scarborough Fair\nK:Dm\n");
    f.write("content/en/01-course/slides.pdf", "%PDF-1.7\n");
    f.write("content/en/01-course/sources.bib", "@book{x, title={<html> for beginners}}\n");
    let err = check_fails(&f);
    assert!(
        err.contains("content/en/01-course/notes.abc: error: this file begins with `<!doctype`, like a web page or an XML document, and `.abc` is not a type that every web server sends as harmless"),
        "{err}"
    );
    assert!(
        err.contains(
            "hint: if it is text to read, name it `notes.txt` (sent as plain text, never run); to offer the file itself for download, put it in a .zip"
        ),
        "{err}"
    );
    assert!(err.contains("content/en/01-course/map.kml: error: this file begins with `<kml`"), "{err}");
    assert!(err.contains("content/en/01-course/data.dat: error: this file begins with `<?xml`"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
    for name in ["notes.abc", "map.kml", "data.dat"] {
        f.remove(&format!("content/en/01-course/{name}"));
    }
    let out = run(&f, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in ["example.txt", "table.csv", "data.json", "photo.png", "talk.srt", "talk.en.vtt", "tune.abc", "slides.pdf", "sources.bib"] {
        assert!(f.out().join("en/course").join(name).is_file(), "{name} is published");
    }
}

#[test]
fn two_pages_at_one_address_are_one_error_in_every_language() {
    // `01-rules.md` and `02-rules.md` both become `rules.html`: one error at the second file,
    // with its hint, not one more "cannot write" per language that shows the page.
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, sv, ar]\n");
    f.write("content/en/01-course/01-mod/03-first.md", "---\ntitle: First again\n---\nText.\n");
    f.write("content/sv/index.md", "---\ntitle: Hem\n---\nVälkommen.\n");
    for args in [&["check"][..], &["build"][..]] {
        let out = run(&f, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains("content/en/01-course/01-mod/03-first.md:1:1: error: this page gets the same address `course/mod/first.html` as content/en/01-course/01-mod/01-first.md"),
            "{err}"
        );
        assert!(!err.contains("cannot write"), "{err}");
        assert!(err.contains("1 error"), "{err}");
    }
    assert!(!f.out().exists());
}

#[test]
fn clashing_pages_are_reported_once_whichever_is_written_first() {
    // 100 pairs (`003-p1.md` and `103-p1.md` …): pages are written in parallel, so in about half
    // of the pairs the second file's page is written first. Each pair is still one error, never
    // a "cannot write" at the first file (which made the test above pass or fail by chance).
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, sv]\n");
    f.write("content/sv/index.md", "---\ntitle: Hem\n---\nVälkommen.\n");
    for k in 1..=100 {
        f.write(&format!("content/en/01-course/01-mod/{:03}-p{k}.md", k + 2), format!("---\ntitle: A {k}\n---\nText.\n"));
        f.write(&format!("content/en/01-course/01-mod/{:03}-p{k}.md", k + 102), format!("---\ntitle: B {k}\n---\nText.\n"));
    }
    for args in [&["check"][..], &["build"][..]] {
        let out = run(&f, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.matches("this page gets the same address").count(), 100, "{err}");
        assert!(!err.contains("cannot write"), "{err}");
        assert!(err.contains("100 errors"), "{err}");
    }
}

#[test]
fn a_name_with_a_line_break_or_tab_is_refused_at_the_file() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/03-line\nbreak.md", "---\ntitle: Broken name\n---\nText.\n");
    f.write("content/en/01-course/01-mod/photo\t1.png", b"\x89PNG\r\n\x1a\n");
    for args in [&["check"][..], &["build"][..]] {
        let out = run(&f, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        for name in ["03-line\\nbreak.md", "photo\\t1.png"] {
            assert!(
                err.contains(&format!("content/en/01-course/01-mod/{name}: error: the name of this file holds a control character (a line break or a tab)")),
                "{err}"
            );
        }
        assert!(!err.contains("line\nbreak"), "the name is shown escaped: {err}");
        assert!(err.contains("2 errors"), "one error each, no packaging error after them: {err}");
    }
    assert!(!f.out().exists());
}
