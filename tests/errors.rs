//! Bad input is a first-class path: every error names file, line and column, `check` reports
//! them all in one run, exit codes follow the contract, and no input makes kyklos panic.

mod common;

use common::*;

fn check_errors(f: &Fixture) -> String {
    let out = f.check();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "expected exit 1, got {:?}\n{err}", out.status.code());
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn check_reports_every_error_at_once_with_positions_and_hints() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: First\ndescripton: typo\n---\n");
    f.write("content/en/01-course/01-mod/02-second.md", "---\ndescription: no title\n---\n");
    f.write(
        "content/en/01-course/01-mod/03-links.md",
        "---\ntitle: Links\n---\nIntro line.\n\nSee [gone](missing.md), [up](../../../../etc/passwd.md),\n[anchor](index.md#nope) and ![pic](nope.png) and [abs](/about.md).\n",
    );
    f.write("content/en/01-course/01-mod/04-yaml.md", "---\ntitle: [unclosed\n---\n");
    f.write("content/xx/index.md", "---\ntitle: X\n---\n");
    let err = check_errors(&f);
    let expect = [
        "content/en/01-course/01-mod/01-first.md:3:1: error: unknown field `descripton`",
        "hint: did you mean `description`?",
        "content/en/01-course/01-mod/02-second.md:2:1: error: missing field `title`",
        "content/en/01-course/01-mod/03-links.md:6:5: error: the page or file `missing.md` does not exist",
        "content/en/01-course/01-mod/03-links.md:6:25: error: `../../../../etc/passwd.md` leaves the content folder",
        "content/en/01-course/01-mod/03-links.md:7:29: error: the image `nope.png` does not exist",
        "03-links.md:7:1: error: no heading `#nope`",
        "`/about.md` is an absolute path",
        "content/en/01-course/01-mod/04-yaml.md:2:",
        "content/xx: error: unknown language folder `xx`",
    ];
    for e in expect {
        assert!(err.contains(e), "missing `{e}` in:\n{err}");
    }
    assert!(err.contains("9 errors"), "{err}");
}

#[test]
fn a_page_or_quiz_that_cannot_be_read_is_reported_once_not_also_as_missing() {
    // A tab in a module's front matter: that error only, not also "no index.md" for its
    // folder, its quiz and its lessons' links to it, nor "no original" for its translation.
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, de]\n");
    f.write("content/en/01-course/01-mod/index.md", "---\ntitle: Module one\nkind: module\nobjectives:\n\t- Know things\n---\nOverview.\n");
    f.write("content/en/01-course/01-mod/03-third.md", "---\ntitle: Third\n---\nBack to [the module](index.md) and [its quiz](quiz.yaml).\n");
    f.write("content/en/01-course/01-mod/quiz.yaml", "title: Q\npass_mark: 170\nquestions:\n  - {id: q1, type: true_false, prompt: P, answer: true}\n");
    f.write("content/de/01-course/01-mod/index.md", "---\ntitle: Modul eins\n---\nÜberblick.\n");
    f.write("content/de/01-course/01-mod/quiz.yaml", "title: Quiz\n");
    let err = check_errors(&f);
    assert!(err.contains("content/en/01-course/01-mod/index.md:5:1: error: a tab character here"), "{err}");
    assert!(err.contains("content/en/01-course/01-mod/quiz.yaml:2:1: error: the pass mark 170 is outside 0–100"), "{err}");
    for cascade in ["no index.md", "does not exist", "has no original"] {
        assert!(!err.contains(cascade), "`{cascade}` follows from the errors above:\n{err}");
    }
    assert!(err.contains("\n2 errors, "), "{err}");
}

#[test]
fn a_quiz_whose_original_cannot_be_read_still_has_its_translations_own_mistakes_reported() {
    // A French quiz with a pass mark over 100 hid the Polish translation's misspelt key until
    // the French one was fixed: two runs of check for two mistakes.
    let f = Fixture::empty();
    f.write("site.yaml", "title: Accueil\nlanguages: [fr, pl]\n");
    f.write("content/fr/index.md", "---\ntitle: Accueil\n---\nBienvenue.\n");
    f.write("content/fr/01-cours/index.md", "---\ntitle: Cours\nkind: course\n---\nLe cours.\n");
    f.write("content/fr/01-cours/01-mod/index.md", "---\ntitle: Module\nkind: module\n---\nLe module.\n");
    f.write("content/fr/01-cours/01-mod/quiz.yaml", "title: Quiz\npass_mark: 150\nquestions:\n  - {id: q1, type: true_false, prompt: Vrai ?, answer: true}\n");
    f.write("content/pl/01-cours/01-mod/quiz.yaml", "title: Quiz\nquestions:\n  - id: q1\n    promt: Czy to prawda?\n");
    let err = check_errors(&f);
    assert!(err.contains("content/fr/01-cours/01-mod/quiz.yaml:2:1: error: the pass mark 150 is outside 0–100"), "{err}");
    assert!(err.contains("content/pl/01-cours/01-mod/quiz.yaml:4:5: error: questions[0]: unknown field `promt`"), "{err}");
    assert!(err.contains("hint: did you mean `prompt`?"), "{err}");
    assert!(!err.contains("has no original"), "{err}");
}

#[test]
fn a_misspelt_front_matter_key_does_not_hide_the_pages_other_errors() {
    // `autor:` in a lesson's front matter was its only error: its missing page and image were
    // reported only once the key was fixed, in a second run.
    let f = Fixture::new();
    f.write(
        "content/en/01-course/01-mod/05-broken.md",
        "---\ntitle: Broken\nautor: Somebody\n---\n## Links\n\nSee [gone](99-missing.md) and ![a map](nope.png).\n",
    );
    let err = check_errors(&f);
    for e in [
        "content/en/01-course/01-mod/05-broken.md:3:1: error: unknown field `autor`",
        "content/en/01-course/01-mod/05-broken.md:7:5: error: the page or file `99-missing.md` does not exist",
        "content/en/01-course/01-mod/05-broken.md:7:31: error: the image `nope.png` does not exist",
    ] {
        assert!(err.contains(e), "missing `{e}` in:\n{err}");
    }
    assert!(err.contains("\n3 errors, "), "{err}");
}

#[test]
fn build_fails_with_exit_1_and_writes_nothing() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: First\n---\n[x](nope.md)\n");
    let out = f.build();
    assert_eq!(out.status.code(), Some(1));
    assert!(!f.out().exists());
}

#[test]
fn usage_errors_exit_2() {
    let f = Fixture::new();
    assert_eq!(f.run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(f.run(&["build", "--no-such-flag"]).status.code(), Some(2));
    let help = f.run(&["build", "--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--out"));
}

#[test]
fn short_format_is_one_line_per_problem() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: First\n---\n[a](a.md) [b](b.md)\n");
    let out = f.run(&["check", "--format", "short"]);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(!err.contains("hint:"));
}

#[test]
fn site_yaml_problems() {
    let f = Fixture::new();
    f.write("site.yaml", "title: T\nlicense: CC-BY-4\nlanguages: [en]\ncolors:\n  primary: \"#ffee00\"\n");
    let err = check_errors(&f);
    assert!(err.contains("site.yaml:2:1: error: unknown licence `CC-BY-4`"), "{err}");
    assert!(err.contains("did you mean `CC-BY-4.0`?"));
    assert!(err.contains("site.yaml:5:3: error: colors.primary"), "{err}");
    let none = Fixture::empty();
    let err = check_errors(&none);
    assert!(err.contains("no site.yaml"), "{err}");
}

#[test]
fn a_mistake_in_site_yaml_does_not_hide_those_of_the_content() {
    // A date written the Italian way, a theme that is no name: the content is still read and
    // checked in the same run (a missing image, a misspelt quiz key), and nothing is written.
    let f = Fixture::new();
    f.write("site.yaml", "title: T\nlanguages: [en]\ntheme: ../x\naccessibility:\n  date: 30/11/2026\n");
    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: First\n---\n![A photo](gone.png)\n");
    f.write("content/en/01-course/01-mod/quiz.yaml", "title: Q\nquestions:\n  - {id: q1, type: true_false, promt: P, answer: true}\n");
    for out in [f.check(), f.build()] {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("site.yaml:3:1: error: `../x` is not a theme name"), "{err}");
        assert!(err.contains("site.yaml:5:3: error: `accessibility.date: 30/11/2026` is not a date"), "{err}");
        assert!(err.contains("01-first.md:4:1: error: the image `gone.png` does not exist"), "{err}");
        assert!(err.contains("quiz.yaml:3:32: error: questions[0]: unknown field `promt`"), "{err}");
        assert!(err.contains("\n4 errors, "), "{err}");
    }
    assert!(!f.root().join("dist").exists(), "nothing is written");
}

#[test]
fn quiz_errors_are_reported_by_check_and_build() {
    let f = Fixture::new();
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Q\npass_mark: 150\nquestions:\n  - id: q1\n    type: single\n    prompt: P\n    options:\n      - text: A\n      - text: B\n  - id: q1\n    type: essay\n    prompt: P\n",
    );
    let err = check_errors(&f);
    assert!(err.contains("quiz.yaml:11:11: error: questions[1].type: unknown value `essay`"), "{err}");
    // The other question and the quiz's own settings are checked in the same run.
    assert!(err.contains("quiz.yaml:2:1: error: the pass mark 150 is outside 0–100"), "{err}");
    assert!(err.contains("quiz.yaml:7:5: error: question `q1` has no correct option"), "{err}");
    assert!(err.contains("quiz.yaml:10:5: error: the question id `q1` is used twice"), "{err}");
    let f = Fixture::new();
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Q\npass_mark: 150\nquestions:\n  - id: q1\n    type: single\n    prompt: P\n    options:\n      - text: A\n      - text: B\n  - id: q1\n    type: matching\n    prompt: P\n    pairs:\n      - {left: a}\n      - {left: b, right: c}\n",
    );
    let err = check_errors(&f);
    assert!(err.contains("quiz.yaml:2:1: error: the pass mark 150 is outside 0–100"), "{err}");
    assert!(err.contains("quiz.yaml:7:5: error: question `q1` has no correct option"), "{err}");
    assert!(err.contains("quiz.yaml:10:5: error: the question id `q1` is used twice"), "{err}");
    assert!(err.contains("quiz.yaml:13:5: error: pair 1 of question `q1` has no partner"), "{err}");
    assert_eq!(f.build().status.code(), Some(1));
}

#[test]
fn one_check_names_every_problem_of_site_yaml_and_of_a_flow_style_quiz() {
    let f = Fixture::new();
    f.write("site.yaml", "title: A\nlanguages: [{code: en}]\nlicense: X\nlicense: Y\nscorm: maybe\n");
    let err = check_errors(&f);
    assert!(err.contains("site.yaml:3:1: error: unknown licence `X`"), "{err}");
    assert!(err.contains("site.yaml:4:1: error: `license` is given twice\n  hint: remove one of the two `license:` lines (line 3 and 4)"), "{err}");
    assert!(err.contains("site.yaml:5:1: error: `scorm: maybe` is not a packaging choice"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
    let f = Fixture::new();
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Q\nquestions:\n  - {id: q1, type: single, prompt: P, options: [{text: a, correct: yes}, {text: b, correct: maybe}]}\n  - {id: q2, type: single, points: lots, prompt: P, options: [{text: a, correct: true}, {text: b}]}\n  - {id: q3, type: true_false, prompt: P, answer: true, points: 0}\n",
    );
    let err = check_errors(&f);
    for e in [
        "quiz.yaml:3:68: error: questions[0].options[0].correct: wrong kind of value: the text \"yes\", expected a boolean\n  hint: write `correct: true` or `correct: false`",
        "quiz.yaml:3:93: error: questions[0].options[1].correct: wrong kind of value: the text \"maybe\", expected a boolean",
        "quiz.yaml:4:36: error: questions[1].points: wrong kind of value: the text \"lots\", expected a number\n  hint: write a number",
        "quiz.yaml:5:57: error: question `q3` has 0 points\n  hint: give a number above 0 and at most 1000",
    ] {
        assert!(err.contains(e), "missing `{e}` in:\n{err}");
    }
    assert!(err.contains("4 errors"), "{err}");
}

#[test]
fn strange_files_never_panic() {
    let f = Fixture::new();
    let dir = "content/en/01-course/01-mod";
    f.write(&format!("{dir}/03-empty.md"), "");
    f.write(&format!("{dir}/04-bom.md"), "\u{feff}---\ntitle: Bom\n---\nText\n");
    f.write(&format!("{dir}/05-crlf.md"), "---\r\ntitle: Crlf\r\n---\r\n## Head\r\n\r\n[x](04-bom.md)\r\n");
    f.write(&format!("{dir}/08-cr.md"), "---\rtitle: Old Mac\rdraft: maybe\r---\r## Head\r");
    f.write(&format!("{dir}/06-latin1.md"), b"---\ntitle: Caf\xe9\n---\n");
    f.write(&format!("{dir}/07-binary.md"), [0u8, 159, 146, 150, 0, 1, 2, 3]);
    let deep: String = (0..20).map(|i| format!("d{i}/")).collect();
    f.write(&format!("{dir}/{deep}index.md"), "---\ntitle: Deep\n---\n");
    let err = check_errors(&f);
    assert!(err.contains("03-empty.md:1:1: error: no front matter"), "{err}");
    assert!(err.contains("06-latin1.md:2:11: error: the file is not valid UTF-8"), "{err}");
    assert!(err.contains("07-binary.md") && err.contains("error:"), "{err}");
    assert!(!err.contains("04-bom.md:"), "{err}");
    assert!(!err.contains("05-crlf.md:"), "{err}");
    assert!(err.contains("08-cr.md:3:8: error: draft: wrong kind of value: the text \"maybe\", expected a boolean"), "{err}");
    assert!(err.contains("has pages but no index.md"), "{err}");
}

#[test]
fn a_five_megabyte_lesson_builds() {
    let f = Fixture::new();
    let para = "Migration shapes towns and services; staff need plain words and patience. ".repeat(20);
    let mut body = String::from("---\ntitle: Huge\n---\n");
    let mut i = 0;
    while body.len() < 5 * 1024 * 1024 {
        body.push_str(&format!("## Part {i}\n\n{para}\n\n| a | b |\n|---|---|\n| {i} | x |\n\n"));
        i += 1;
    }
    f.write("content/en/01-course/01-mod/03-huge.md", body);
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.out().join("en/course/mod/huge.html").metadata().unwrap().len() > 5_000_000);
}

#[test]
fn symlinks_out_of_the_content_folder_are_refused() {
    #[cfg(unix)]
    {
        let f = Fixture::new();
        let elsewhere = tempfile::tempdir().unwrap();
        let secret = elsewhere.path().join("secret.md");
        std::fs::write(&secret, "---\ntitle: Secret\n---\n").unwrap();
        std::os::unix::fs::symlink(&secret, f.root().join("content/en/01-course/01-mod/03-link.md")).unwrap();
        let err = check_errors(&f);
        assert!(err.contains(&format!("03-link.md: error: this symbolic link points to `{}`, outside the site folder", secret.display())), "{err}");
    }
}

#[test]
fn a_link_out_of_the_content_folder_is_one_error_also_where_the_page_is_not_translated() {
    // The English page is shown in Swedish and Arabic too (not translated yet): its link is
    // one error, whose hint names the folder the file is in, not one per language.
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, sv, ar]\n");
    f.write("content/sv/index.md", "---\ntitle: Hem\n---\nVälkommen.\n");
    f.write("content/en/01-course/01-mod/03-links.md", "---\ntitle: Links\n---\nSee [up](../../../../etc/passwd).\n");
    let err = check_errors(&f);
    let line = "content/en/01-course/01-mod/03-links.md:4:5: error: `../../../../etc/passwd` leaves the content folder\n  hint: link only to pages and files inside content/en/\n";
    assert_eq!(err.matches("leaves the content folder").count(), 1, "{err}");
    assert!(err.contains(line), "{err}");
    assert!(err.contains("1 error"), "{err}");
}

#[test]
fn a_hash_in_a_linked_file_name_is_explained() {
    // `#` in a link begins a heading's id: `<Report #2.pdf>` names `Report ` and the id `2.pdf`.
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/Report #2.pdf", "%PDF-1.4\n");
    f.write("content/en/01-course/01-mod/03-links.md", "---\ntitle: Links\n---\nSee [the report](<Report #2.pdf>).\n");
    let err = check_errors(&f);
    assert!(
        err.contains(
            "03-links.md:4:5: error: `Report #2.pdf` is read as the page or file `Report ` and the heading `#2.pdf`: in a link, `#` begins the id of a heading\n  hint: write the `#` of the name as `%23`: `Report %232.pdf`, or rename the file without `#`\n"
        ),
        "{err}"
    );
    // written as the hint says, it is the file
    f.write("content/en/01-course/01-mod/03-links.md", "---\ntitle: Links\n---\nSee [the report](<Report %232.pdf>).\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.read_out("en/course/mod/links.html").contains("href=\"Report--2.pdf\""));
}

#[test]
fn a_space_in_a_link_or_image_target_is_an_error_whose_fix_builds() {
    // CommonMark ends a target at a space: these were shown as their Markdown, without a word.
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/Rettungsring am Ufer.png", b"\x89PNG\r\n\x1a\n");
    f.write("content/en/01-course/01-mod/03 dritte lektion.md", "---\ntitle: Third\n---\nText.\n");
    let page = "---\ntitle: Links\n---\nIntro.\n\n![Ein Bild](Rettungsring am Ufer.png)\n\nWeiter zur [Lektion](03 dritte lektion.md), not `[code](a b.md)`.\n";
    f.write("content/en/01-course/01-mod/04-links.md", page);
    let err = check_errors(&f);
    let expect = [
        "04-links.md:6:1: error: `![Ein Bild](Rettungsring am Ufer.png)` is shown as text, not as an image: in Markdown a space ends a link's target\n  hint: put the target between angle brackets, `![Ein Bild](<Rettungsring am Ufer.png>)`, or write each space as `%20`: `![Ein Bild](Rettungsring%20am%20Ufer.png)`\n",
        "04-links.md:8:12: error: `[Lektion](03 dritte lektion.md)` is shown as text, not as a link: in Markdown a space ends a link's target\n  hint: put the target between angle brackets, `[Lektion](<03 dritte lektion.md>)`, or write each space as `%20`: `[Lektion](03%20dritte%20lektion.md)`\n",
    ];
    for e in expect {
        assert!(err.contains(e), "missing `{e}` in:\n{err}");
    }
    assert!(err.contains("\n2 errors"), "{err}");
    // written either way the hint says, they are the image and the page
    for (image, link) in [("<Rettungsring am Ufer.png>", "<03 dritte lektion.md>"), ("Rettungsring%20am%20Ufer.png", "03%20dritte%20lektion.md")] {
        f.write("content/en/01-course/01-mod/04-links.md", format!("---\ntitle: Links\n---\n![Ein Bild]({image})\n\nWeiter zur [Lektion]({link}).\n"));
        let out = f.build();
        assert!(out.status.success(), "{image}: {}", stderr(&out));
        let html = f.read_out("en/course/mod/links.html");
        assert!(html.contains("<img src=\"Rettungsring-am-Ufer.png\" alt=\"Ein Bild\""), "{image}: {html}");
        assert!(html.contains("<a href=\"dritte-lektion.html\">Lektion</a>"), "{link}: {html}");
    }
}

#[test]
fn every_problem_of_one_front_matter_is_reported_at_once() {
    // An unknown key stopped the checks of the values read after it: the unknown licence, the
    // duration that cannot be read and the empty title came one run at a time.
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: First\ndescripton: typo\nduration: two hours\nlicense: CC-BY-5\n---\nText.\n");
    f.write("content/en/01-course/01-mod/02-second.md", "---\ntitle: \"\"\nkind: lessn\n---\nText.\n");
    let err = check_errors(&f);
    let expect = [
        "content/en/01-course/01-mod/01-first.md:3:1: error: unknown field `descripton`",
        "content/en/01-course/01-mod/01-first.md:4:11: warning: `duration: two hours` cannot be read as a length of time",
        "content/en/01-course/01-mod/01-first.md:5:10: error: unknown licence `CC-BY-5`",
        "content/en/01-course/01-mod/02-second.md:2:1: error: the title is empty",
        "content/en/01-course/01-mod/02-second.md:3:7: error: kind: unknown value `lessn`",
    ];
    for e in expect {
        assert!(err.contains(e), "missing `{e}` in:\n{err}");
    }
    assert!(err.contains("\n4 errors, "), "{err}");
}

#[test]
fn a_wrong_anchor_on_a_page_not_yet_translated_is_one_error_at_its_file() {
    // The English lesson is shown in Swedish and Arabic untranslated: `#nope` was reported
    // once more for the Swedish translation of the page it links to. An anchor that only the
    // translation lacks is its own error, naming the translation.
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, sv, ar]\n");
    f.write("content/sv/01-course/01-mod/01-first.md", "---\ntitle: Första\n---\n## Börja här\n\nText.\n");
    f.write("content/en/01-course/01-mod/03-third.md", "---\ntitle: Third\n---\nSee [one](01-first.md#nope) and [two](01-first.md#start-here).\n");
    let err = check_errors(&f);
    let wrong = "content/en/01-course/01-mod/03-third.md:4:5: error: no heading `#nope` on content/en/01-course/01-mod/01-first.md\n  hint: headings on that page: #start-here\n";
    assert!(err.contains(wrong), "{err}");
    assert_eq!(err.matches("`#nope`").count(), 1, "{err}");
    assert!(
        err.contains("content/en/01-course/01-mod/03-third.md:4:33: error: no heading `#start-here` on content/sv/01-course/01-mod/01-first.md, the translation of the page linked to (this page is shown in sv untranslated)\n  hint: give the translated heading the id the original has: `## … {#start-here}`\n"),
        "{err}"
    );
    assert!(err.contains("\n2 errors"), "{err}");
}

#[test]
fn a_credits_key_cut_at_a_hash_says_to_quote_it() {
    // `Foto #1.png:` is the key `Foto` in YAML (` #` starts a comment): the reader said
    // "more than one document" or "could not find expected ':'", with no word of the `#`.
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/Foto #1.png", b"\x89PNG\r\n\x1a\n");
    f.write("content/en/01-course/01-mod/map.png", b"\x89PNG\r\n\x1a\n");
    for credits in ["Foto #1.png:\n  license: CC0-1.0\nmap.png:\n  license: CC0-1.0\n", "map.png:\n  license: CC0-1.0\nFoto #1.png: {license: CC0-1.0}\n"] {
        f.write("content/en/01-course/01-mod/credits.yaml", credits);
        let err = check_errors(&f);
        let line = if credits.starts_with("Foto") { 1 } else { 3 };
        let expect = format!("content/en/01-course/01-mod/credits.yaml:{line}:1: error: the key `Foto #1.png` is cut at ` #`: in YAML a space and `#` start a comment, so the key reads `Foto`\n  hint: put the key in quotes: `\"Foto #1.png\":`\n");
        assert!(err.contains(&expect), "{credits:?}:\n{err}");
        assert!(err.contains("\n1 error"), "{err}");
    }
    // quoted, as the hint says, it is the file's credit
    f.write("content/en/01-course/01-mod/credits.yaml", "\"Foto #1.png\":\n  license: CC0-1.0\nmap.png:\n  license: CC0-1.0\n");
    let out = f.check();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Foto #1.png"), "{}", stderr(&out));
}
