//! A rebuild that reuses the previous build's pages (what `serve` does) gives exactly the
//! files a full build of the same sources gives: a property checked over random sequences of
//! edits (bodies, titles, headings that other pages link to, new and deleted pages,
//! translations, quizzes, site settings, broken pages and their fixes).

use std::path::Path;

use kyklos::incremental::Cache;
use kyklos::pipeline::{self, Options};

/// A tiny deterministic random source (no dependency, same sequences on every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A lesson; long enough that a language's search index has several page shards.
fn lesson(title: &str, body: &str) -> String {
    let filler = "Words that fill the page so that its search entry is large. ".repeat(90);
    format!("---\ntitle: {title}\n---\n{body}\n\n{filler}\n")
}

fn fixture(root: &Path) {
    write(root, "site.yaml", "title: Property site\nlanguages: [en, el]\n");
    write(root, "content/en/index.md", "---\ntitle: Home\n---\nTo [the course](01-course/index.md).\n");
    write(root, "content/el/index.md", "---\ntitle: Αρχική\n---\nΠρος [το μάθημα](01-course/index.md).\n");
    write(root, "content/en/01-course/index.md", "---\ntitle: Course\nkind: course\n---\nAbout.\n");
    write(root, "content/en/01-course/01-mod/index.md", "---\ntitle: Module\nkind: module\n---\nOverview.\n");
    for i in 1..=4 {
        write(
            root,
            &format!("content/en/01-course/01-mod/0{i}-l{i}.md"),
            &lesson(&format!("Lesson {i}"), &format!("## Part {i}\n\nText {i}. See [the first](01-l1.md#part-1).")),
        );
    }
    write(root, "content/el/01-course/01-mod/02-l2.md", &lesson("Μάθημα 2", "## Μέρος {#part-2}\n\nΚείμενο."));
    write(root, "content/en/01-course/01-mod/quiz.yaml", "title: Quiz\nquestions:\n  - id: q1\n    type: true_false\n    prompt: True?\n    answer: true\n");
    write(root, "content/en/02-guide/index.md", "---\ntitle: Guide\nkind: guide\n---\nWhat it is for.\n");
    write(root, "content/en/02-guide/01-prepare.md", &phase("Prepare", "- [ ] Agree the aims"));
    write(root, "content/en/02-guide/02-run.md", &phase("Run", "Hold it."));
    write(root, "content/en/03-practices/index.md", "---\ntitle: Practices\nkind: collection\n---\nFiltered by tags.\n");
    write(root, "content/en/03-practices/01-one.md", &practice("One", "Greece", "What they did."));
}

fn phase(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nresponsible: The lead\n---\n## What to do\n\n{body}\n")
}

fn practice(title: &str, country: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ntags:\n  country: [{country}]\n---\n## What they did\n\n{body}\n")
}

/// One random edit of the fixture; returns the files it wrote or removed (what the preview's
/// watcher reports).
fn edit(root: &Path, rng: &mut Rng, step: usize) -> Vec<std::path::PathBuf> {
    let n = 1 + rng.next(4);
    let lesson_rel = format!("content/en/01-course/01-mod/0{n}-l{n}.md");
    let mut changed = Vec::new();
    let mut put = |rel: &str, text: &str| {
        write(root, rel, text);
        changed.push(std::path::PathBuf::from(rel));
    };
    match rng.next(20) {
        10 => put("content/en/02-guide/02-run.md", &phase("Run", &format!("- [ ] Step {step}\n- [x] Done"))),
        11 => put("content/en/02-guide/01-prepare.md", &phase(&format!("Prepare {step}"), "Plain text now.")),
        12 => put("content/en/03-practices/01-one.md", &practice("One", ["Greece", "Spain"][rng.next(2)], &format!("Edited {step}."))),
        13 => put("content/en/03-practices/02-two.md", &practice("Two", "Italy", "A second practice.")),
        0 | 1 | 14 | 15 => {
            let heading = if n == 1 { "## Part 1".to_string() } else { format!("## Part {n}") };
            put(&lesson_rel, &lesson(&format!("Lesson {n}"), &format!("{heading}\n\nEdited body {step}, with *emphasis*.")));
        }
        16 => {
            // Two pages' words at once, one of them a translation.
            put(&lesson_rel, &lesson(&format!("Lesson {n}"), &format!("## Part {n}\n\nTwo at once {step}. See [the first](01-l1.md#part-1).")));
            put("content/el/01-course/01-mod/02-l2.md", &lesson("Μάθημα 2", &format!("## Μέρος {{#part-2}}\n\nΚαι αυτό {step}.")));
        }
        17 => put("i18n/en.yaml", &format!("next: Onward {}\n", rng.next(3))),
        18 => put("themes/default/static/kyklos.css", &format!("body {{ margin: {}px }}\n", rng.next(3))),
        19 => {
            // A page renamed: a new file and a removed one.
            let from = root.join(&lesson_rel);
            if n > 1 && from.exists() {
                let to = format!("content/en/01-course/01-mod/0{n}-moved-{step}.md");
                std::fs::rename(&from, root.join(&to)).unwrap();
                changed.extend([std::path::PathBuf::from(&lesson_rel), to.into()]);
            }
        }
        2 => put(&lesson_rel, &lesson(&format!("Lesson {n} renamed {step}"), &format!("## Part {n}\n\nBody."))),
        3 => put("content/en/01-course/01-mod/01-l1.md", &lesson("Lesson 1", "## Another heading\n\nThe heading others link to is gone.")),
        4 => {
            let k = 5 + rng.next(3);
            put(&format!("content/en/01-course/01-mod/0{k}-extra-{k}.md"), &lesson("Extra", "An extra page."));
        }
        5 => {
            if n > 1 {
                let _ = std::fs::remove_file(root.join(&lesson_rel));
                changed.push(lesson_rel.into());
            }
        }
        6 => put("content/el/01-course/01-mod/02-l2.md", &lesson("Μάθημα 2", &format!("## Μέρος {{#part-2}}\n\nΑλλαγή {step}."))),
        7 => put(&lesson_rel, &format!("---\ntitle: [broken {step}\n---\nx\n")),
        8 => put("site.yaml", &format!("title: Property site {}\nlanguages: [en, el]\n", rng.next(3))),
        _ => put(
            "content/en/01-course/01-mod/quiz.yaml",
            &format!("title: Quiz {step}\nquestions:\n  - id: q1\n    type: true_false\n    prompt: True?\n    answer: true\n"),
        ),
    }
    changed
}

#[test]
fn a_cached_rebuild_equals_a_full_build() {
    let mut quick = 0;
    for seed in 1..=6u64 {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fixture(root);
        let opts = Options::memory(root, false);
        let mut cache = Cache::default();
        let mut rng = Rng(seed);
        let mut reused = false;
        let mut changed = None;
        for step in 0..12 {
            // As the preview does: the watcher's list of changed files (half the time), which
            // lets an edit of pages' words skip loading the whole site.
            cache.hint = changed.take().filter(|_| seed % 2 == 1 || step % 2 == 0);
            let cached = pipeline::run_with(&opts, Some(&mut cache));
            let full = pipeline::run(&opts);
            match (cached, full) {
                (Ok(a), Ok(b)) => {
                    assert!(a.files == b.files, "seed {seed}, step {step}: the cached build differs from a full build");
                    assert_eq!(a.diagnostics.sorted(), b.diagnostics.sorted(), "seed {seed}, step {step}");
                    quick += a.timings.iter().any(|(step, _)| step.contains("quick")) as usize;
                }
                (Err(a), Err(b)) => assert_eq!(a.sorted(), b.sorted(), "seed {seed}, step {step}: different errors"),
                (a, b) => panic!("seed {seed}, step {step}: one build failed: cached ok {}, full ok {}", a.is_ok(), b.is_ok()),
            }
            reused |= !cache.is_empty();
            changed = Some(edit(root, &mut rng, step));
        }
        assert!(reused, "the cache was never filled");
    }
    assert!(quick > 3, "the quick load was used {quick} times");
}

#[test]
fn only_an_edit_of_words_loads_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fixture(root);
    let opts = Options::memory(root, false);
    let mut cache = Cache::default();
    let mut build = |changed: &[&str]| {
        cache.hint = Some(changed.iter().map(std::path::PathBuf::from).collect());
        let report = pipeline::run_with(&opts, Some(&mut cache)).unwrap();
        assert!(report.files == pipeline::run(&opts).unwrap().files, "{changed:?}");
        report.timings.iter().any(|(step, _)| step.contains("quick"))
    };
    assert!(!build(&[]), "the first build has nothing to reuse");
    let l2 = "content/en/01-course/01-mod/02-l2.md";
    write(root, l2, &lesson("Lesson 2", "## Part 2\n\nNew words."));
    assert!(build(&[l2]), "an edit of a lesson's words");
    write(root, l2, &lesson("Lesson 2 retitled", "## Part 2\n\nNew words."));
    assert!(!build(&[l2]), "a new title shows in the navigation of other pages");
    write(root, "content/el/01-course/01-mod/02-l2.md", &lesson("Μάθημα 2", "## Μέρος {#part-2}\n\nΝέα."));
    assert!(build(&["content/el/01-course/01-mod/02-l2.md"]), "an edit of a translation's words");
    write(root, l2, &lesson("Lesson 2 retitled", "## Part 2\n\nOther words."));
    assert!(!build(&[l2, "site.yaml"]), "site.yaml may have changed");
    write(root, l2, &lesson("Lesson 2 retitled", "## Part 2\n\nMore words."));
    assert!(build(&[l2]));
    let broken = "content/en/01-course/01-mod/03-l3.md";
    write(root, broken, "---\ntitle: [broken\n---\nx\n");
    cache.hint = Some(vec![broken.into()]);
    assert!(pipeline::run_with(&opts, Some(&mut cache)).is_err());
    write(root, l2, &lesson("Lesson 2 retitled", "## Part 2\n\nAfter the error."));
    cache.hint = Some(vec![l2.into()]);
    assert!(pipeline::run_with(&opts, Some(&mut cache)).is_err(), "a failed build leaves nothing to reuse: the broken page is still reported");
}

#[test]
fn an_unchanged_page_is_not_rendered_again() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fixture(root);
    let opts = Options::memory(root, false);
    let mut cache = Cache::default();
    let first = pipeline::run_with(&opts, Some(&mut cache)).unwrap();
    write(root, "content/en/01-course/01-mod/03-l3.md", &lesson("Lesson 3", "## Part 3\n\nNew text."));
    let second = pipeline::run_with(&opts, Some(&mut cache)).unwrap();
    let same_bytes = |rel: &str| match (&first.files[rel], &second.files[rel]) {
        (kyklos::output::Stored::Bytes(a), kyklos::output::Stored::Bytes(b)) => std::sync::Arc::ptr_eq(a, b),
        _ => false,
    };
    assert!(same_bytes("en/course/mod/l2.html"), "an unchanged lesson was rendered again");
    assert!(!same_bytes("en/course/mod/l3.html"), "the edited lesson was not rendered again");
    // Nor are the other pages that do not show the lesson's text, nor the theme's files.
    for unchanged in
        ["en/course/mod/quiz.html", "en/practices/tags/country-greece.html", "el/translation-status.html", "en/credits.html", "index.html", "static/kyklos.css"]
    {
        assert!(first.files.contains_key(unchanged), "{unchanged} is not a file of the site: {:?}", first.files.keys().collect::<Vec<_>>());
        assert!(same_bytes(unchanged), "{unchanged} was made again");
    }
    // The guide's printable page shows its phases' text: made again when a phase changes.
    write(root, "content/en/02-guide/01-prepare.md", &phase("Prepare", "New text."));
    let third = pipeline::run_with(&opts, Some(&mut cache)).unwrap();
    let print = |r: &kyklos::pipeline::Report| match &r.files["en/guide/print.html"] {
        kyklos::output::Stored::Bytes(b) => b.clone(),
        _ => unreachable!(),
    };
    assert!(!std::sync::Arc::ptr_eq(&print(&second), &print(&third)));
    assert!(String::from_utf8_lossy(&print(&third)).contains("New text."));
}

#[test]
fn a_rebuild_whose_search_index_follows_later_ends_as_a_full_build() {
    for seed in 5..=8u64 {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fixture(root);
        let opts = Options { defer_search: true, ..Options::memory(root, false) };
        let mut cache = Cache::default();
        let mut rng = Rng(seed);
        let mut deferred = false;
        let mut changed = None;
        for step in 0..8 {
            cache.hint = changed.take();
            let cached = pipeline::run_with(&opts, Some(&mut cache));
            let full = pipeline::run(&Options::memory(root, false));
            match (cached, full) {
                (Ok(mut a), Ok(b)) => {
                    let pending = std::mem::take(&mut a.pending_search);
                    deferred |= !pending.is_empty();
                    kyklos::indexing::finish(pending, &mut cache, &mut a.files);
                    assert!(a.files == b.files, "seed {seed}, step {step}: the rebuild with a later index differs from a full build");
                }
                (Err(a), Err(b)) => assert_eq!(a.sorted(), b.sorted(), "seed {seed}, step {step}: different errors"),
                (a, b) => panic!("seed {seed}, step {step}: one build failed: cached ok {}, full ok {}", a.is_ok(), b.is_ok()),
            }
            changed = Some(edit(root, &mut rng, step));
        }
        assert!(deferred, "seed {seed}: no index was ever left for later");
    }
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn a_build_into_the_last_builds_folder_equals_a_fresh_build() {
    for seed in 21..=24u64 {
        let tmp = tempfile::tempdir().unwrap();
        let root = &tmp.path().join("site");
        fixture(root);
        write(root, "site.yaml", "title: Property site\nlanguages: [en, el]\nscorm: off\n");
        let (out, fresh) = (tmp.path().join("dist"), tmp.path().join("fresh"));
        let mut rng = Rng(seed);
        let mut reused = false;
        for step in 0..8 {
            // Each build runs as a new process would: the cache is read from the state file.
            let kept = pipeline::run(&Options::build(root, &out));
            let full = pipeline::run(&Options { fresh: true, ..Options::build(root, &fresh) });
            match (kept, full) {
                (Ok(a), Ok(b)) => {
                    assert!(tree(&out) == tree(&fresh), "seed {seed}, step {step}: the build that kept pages differs from a fresh build");
                    assert_eq!(a.diagnostics.sorted(), b.diagnostics.clone().sorted(), "seed {seed}, step {step}");
                    // The same build again renders nothing and changes nothing.
                    let again = pipeline::run(&Options::build(root, &out)).unwrap();
                    // Only the pages whose HTML a printable course or guide joins are rendered
                    // again (the state file holds no HTML).
                    let printed = tree(&out)
                        .keys()
                        .filter(|k| ["en/course/", "el/course/", "en/guide/", "el/guide/"].iter().any(|d| k.starts_with(d)))
                        .filter(|k| k.ends_with(".html") && !k.ends_with("/print.html") && !k.ends_with("/quiz.html"))
                        .count();
                    // (With packages, every page's HTML goes into them: all are rendered again.)
                    if std::fs::read_to_string(root.join("site.yaml")).unwrap().contains("scorm: off") {
                        assert_eq!(again.reused + printed, again.pages, "seed {seed}, step {step}: a build with no change rendered pages again");
                    }
                    assert_eq!(again.output.changed, 0, "seed {seed}, step {step}");
                    assert!(tree(&out) == tree(&fresh), "seed {seed}, step {step}: a build with no change differs from a fresh build");
                    assert_eq!(again.diagnostics.sorted(), b.diagnostics.sorted(), "seed {seed}, step {step}: a kept page's warnings are lost");
                    reused = true;
                }
                (Err(a), Err(b)) => assert_eq!(a.sorted(), b.sorted(), "seed {seed}, step {step}: different errors"),
                (a, b) => panic!("seed {seed}, step {step}: one build failed: kept ok {}, fresh ok {}", a.is_ok(), b.is_ok()),
            }
            edit(root, &mut rng, step);
        }
        assert!(reused, "seed {seed}: no build kept anything");
    }
}

#[test]
fn a_build_after_a_fresh_build_keeps_the_unchanged_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let root = &tmp.path().join("site");
    fixture(root);
    write(root, "site.yaml", "title: Property site\nlanguages: [en, el]\nscorm: off\n");
    let out = tmp.path().join("dist");
    let first = pipeline::run(&Options::build(root, &out)).unwrap();
    assert_eq!(first.reused, 0);
    let fresh = pipeline::run(&Options { fresh: true, ..Options::build(root, &out) }).unwrap();
    assert_eq!(fresh.reused, 0, "a fresh build kept pages of the last one");
    let files = tree(&out);
    // `--fresh` renders everything but records it: the next build renders only what a
    // printable course or guide joins (the state file holds no HTML).
    let again = pipeline::run(&Options::build(root, &out)).unwrap();
    let printed = files
        .keys()
        .filter(|k| ["en/course/", "el/course/", "en/guide/", "el/guide/"].iter().any(|d| k.starts_with(d)))
        .filter(|k| k.ends_with(".html") && !k.ends_with("/print.html") && !k.ends_with("/quiz.html"))
        .count();
    assert!(again.reused > 0, "no page kept after a fresh build");
    assert_eq!(again.reused + printed, again.pages, "a build after a fresh build rendered pages again");
    assert_eq!(again.output.changed, 0);
    assert!(tree(&out) == files, "the build after a fresh build changed the output");
}

#[test]
fn a_broken_or_foreign_state_file_is_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let root = &tmp.path().join("site");
    fixture(root);
    let (out, fresh) = (tmp.path().join("dist"), tmp.path().join("fresh"));
    pipeline::run(&Options { fresh: true, ..Options::build(root, &fresh) }).unwrap();
    let state = kyklos::incremental::disk::path_for(&out);
    pipeline::run(&Options::build(root, &out)).unwrap();
    let good = std::fs::read(&state).unwrap();
    // Garbage, a cut-off file, and another folder's state.
    let other = tmp.path().join("other");
    pipeline::run(&Options::build(root, &other)).unwrap();
    let foreign = std::fs::read(kyklos::incremental::disk::path_for(&other)).unwrap();
    for bad in [b"\x00\xffnot json".to_vec(), good[..good.len() / 2].to_vec(), foreign] {
        write(root, "content/en/01-course/01-mod/02-l2.md", &lesson("Lesson 2", "## Part 2\n\nChanged."));
        pipeline::run(&Options { fresh: true, ..Options::build(root, &fresh) }).unwrap();
        std::fs::write(&state, &bad).unwrap();
        pipeline::run(&Options::build(root, &out)).unwrap();
        assert!(tree(&out) == tree(&fresh), "a bad state file changed the output");
        // `--fresh` reads only the file records of the state: a bad file is ignored there too.
        std::fs::write(&state, &bad).unwrap();
        pipeline::run(&Options { fresh: true, ..Options::build(root, &out) }).unwrap();
        assert!(tree(&out) == tree(&fresh), "a bad state file changed the output of --fresh");
    }
    // A page changed by hand in the output is written again, not kept.
    let page = out.join("en/course/mod/l1.html");
    std::fs::write(&page, "changed by hand").unwrap();
    pipeline::run(&Options::build(root, &out)).unwrap();
    assert!(tree(&out) == tree(&fresh), "a page changed in the output was kept");
    // A failed build leaves the output and the state as they were.
    let before = (tree(&out), std::fs::read(&state).unwrap());
    write(root, "content/en/01-course/01-mod/03-l3.md", "---\ntitle: [broken\n---\n");
    assert!(pipeline::run(&Options::build(root, &out)).is_err());
    assert!(before == (tree(&out), std::fs::read(&state).unwrap()), "a failed build changed the output or its state");
    assert!(!out.join(".kyklos-state").exists() && !tree(&out).keys().any(|k| k.contains("kyklos-state")), "the state is never in the output");
}

/// Each file of a folder with its stamp (size, times, inode).
fn stamps(dir: &Path) -> std::collections::BTreeMap<String, kyklos::output::FileStamp> {
    tree(dir).keys().map(|k| (k.clone(), kyklos::output::FileStamp::of(&dir.join(k)).unwrap())).collect()
}

#[test]
fn an_unchanged_file_is_compared_by_its_recorded_hash_and_a_changed_one_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let root = &tmp.path().join("site");
    fixture(root);
    let out = tmp.path().join("dist");
    for fresh in [true, false] {
        let first = pipeline::run(&Options { fresh, ..Options::build(root, &out) }).unwrap();
        let before = stamps(&out);
        // The same build again (`--fresh` renders every page again): no file is read back,
        // written or even touched.
        let again = pipeline::run(&Options { fresh, ..Options::build(root, &out) }).unwrap();
        assert_eq!((again.output.read_back, again.output.changed), (0, 0), "fresh: {fresh}");
        assert_eq!(again.output.files, first.output.files);
        assert!(stamps(&out) == before, "fresh: {fresh}: a build with no change touched a file");
    }
    // A lesson edited to other words of the same length: its page has the same size.
    let lesson = root.join("content/en/01-course/01-mod/03-l3.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(&lesson, text.replace("Text 3.", "Text 9.")).unwrap();
    let page = out.join("en/course/mod/l3.html");
    let size = std::fs::metadata(&page).unwrap().len();
    let edited = pipeline::run(&Options { fresh: true, ..Options::build(root, &out) }).unwrap();
    assert_eq!(edited.output.read_back, 0);
    assert_eq!(std::fs::metadata(&page).unwrap().len(), size);
    assert!(std::fs::read_to_string(&page).unwrap().contains("Text 9."), "a changed page of the same size was kept");
    let new = tmp.path().join("new");
    pipeline::run(&Options::build(root, &new)).unwrap();
    assert!(tree(&out) == tree(&new), "a build that compared by hashes differs from a build into a new folder");
}
