//! The built-in page renderer (Rust, `src/render/lesson/`) against Tera with the built-in
//! `page.html`, `section.html` and `home.html`: every page of the sample site and of fixture
//! sites, built both ways, byte for byte (the course navigation lists too: `course-nav.html`).
//! An edit of one of these templates, `base.html` or `macros.html` that the Rust renderer does
//! not follow fails here. And a theme that overrides one of them gets Tera.

use std::path::Path;

use kyklos::output::Stored;
use kyklos::pipeline::{self, Options};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn build(root: &Path, tera: bool) -> kyklos::output::Files {
    kyklos::render::force_tera_pages(tera);
    let report = pipeline::run(&Options::memory(root, true));
    kyklos::render::force_tera_pages(false);
    report.unwrap_or_else(|d| panic!("{}: the build failed: {d:?}", root.display())).files
}

/// Builds `root` with the Rust renderer and with Tera only; every file must be the same.
/// Returns how many HTML pages were compared, and the kinds of page among them.
fn same_both_ways(root: &Path) -> (usize, std::collections::BTreeSet<String>) {
    let rust = build(root, false);
    let tera = build(root, true);
    assert_eq!(rust.keys().collect::<Vec<_>>(), tera.keys().collect::<Vec<_>>(), "{}: different files", root.display());
    let mut pages = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for (path, a) in &rust {
        let b = &tera[path];
        if let (Stored::Bytes(a), Stored::Bytes(b)) = (a, b) {
            if a != b {
                let at = a.iter().zip(b.iter()).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
                let show = |s: &[u8]| String::from_utf8_lossy(&s[at.saturating_sub(200)..(at + 200).min(s.len())]).into_owned();
                panic!("{}: {path} differs at byte {at}:\n--- Rust:\n{}\n--- Tera:\n{}", root.display(), show(a), show(b));
            }
            pages += path.ends_with(".html") as usize;
            let html = String::from_utf8_lossy(a);
            if let Some(kind) = html.split("<article class=\"page page-").nth(1).and_then(|k| k.split('"').next()) {
                kinds.insert(kind.to_string());
            }
        }
    }
    (pages, kinds)
}

/// A site with what the sample does not have: a right-to-left default language with pages
/// not translated into the second language, a logo, a base URL, the journey, no search, no
/// EU emblem, text that needs escaping, a page outside any course, a table of contents.
fn odd_site(root: &Path) {
    write(
        root,
        "site.yaml",
        "title: \"Q-SER & <\\\"co's\\\">\"\nlanguages:\n  - code: ar\n  - code: en\n  - code: el\n  - code: pl\nbase_url: https://example.org/sub\nlogo: art/logo.svg\nlogo_alt: \"Logo & co\"\nfunding: \"Funded by <us> & 'them'\"\nsearch: off\nauthors: [\"A & B\", C]\nlicense: CC-BY-SA-4.0\njourney:\n  points: { lesson: 5 }\n  levels: [0, 20]\ntranslations:\n  en:\n    title: English title\n",
    );
    // Polish has no interface strings but these two: the rest is the default language's
    // (Arabic), marked lang="ar" dir="rtl" on its pages.
    write(root, "i18n/pl.yaml", "next: Dalej\nhome: Start\n");
    write(root, "content/pl/index.md", "---\ntitle: Start\n---\nDo [kursu](01-course/index.md).\n");
    write(root, "art/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>\n");
    write(root, "content/ar/index.md", "---\ntitle: الرئيسية\n---\nإلى [الدورة](01-course/index.md).\n");
    write(root, "content/en/index.md", "---\ntitle: Home\n---\nTo [the course](01-course/index.md).\n");
    write(root, "content/ar/about.md", "---\ntitle: \"About <us> & 'co'\"\ndescription: \"A \\\"page\\\" outside the course\"\n---\nNo sidebar here.\n");
    write(root, "content/ar/01-course/index.md", "---\ntitle: الدورة\nkind: course\n---\nعن الدورة.\n");
    write(root, "content/ar/01-course/01-mod/index.md", "---\ntitle: الوحدة\nkind: module\nobjectives: [\"<know> & do\"]\nduration: ساعة\n---\nنظرة.\n");
    for i in 1..=3 {
        let body = "## أ\n\nنص.\n\n## ب\n\n- [ ] مهمة\n\n## ج\n\nنص.\n";
        write(root, &format!("content/ar/01-course/01-mod/0{i}-l{i}.md"), &format!("---\ntitle: \"درس {i} Q-SER\"\ndescription: وصف\n---\n{body}"));
    }
    write(root, "content/en/01-course/01-mod/02-l2.md", "---\ntitle: \"Lesson 2 & <more>\"\n---\n## One {#a}\n\nText.\n");
    write(root, "content/ar/01-course/01-mod/quiz.yaml", "title: اختبار\nquestions:\n  - id: q1\n    type: true_false\n    prompt: صحيح؟\n    answer: true\n");
    write(root, "content/ar/01-course/02-other/index.md", "---\ntitle: الوحدة 2\nkind: module\n---\nنظرة.\n");
    write(root, "content/ar/01-course/02-other/01-x.md", "---\ntitle: درس\n---\nنص.\n");
    // A guide (two phases and a template) and a training unit, shown in Arabic in English.
    write(root, "content/ar/02-guide/index.md", "---\ntitle: دليل\nkind: guide\n---\nنص.\n");
    write(root, "content/ar/02-guide/01-a.md", "---\ntitle: المرحلة أ\nresponsible: الفريق\n---\n- [ ] مهمة\n");
    write(root, "content/ar/02-guide/02-b.md", "---\ntitle: المرحلة ب\n---\nنص.\n");
    write(root, "content/ar/02-guide/09-form.md", "---\ntitle: نموذج\nkind: template\n---\nنص.\n");
    write(root, "content/ar/03-unit.md", "---\ntitle: وحدة تدريبية\nkind: unit\ndiscussion: [\"سؤال <أ> & ب؟\"]\n---\n## أ\n\nنص.\n");
    // A part inside a module: its sidebar shows its progress under its own link, one level down.
    write(root, "content/ar/01-course/02-other/03-part/index.md", "---\ntitle: جزء\n---\nنظرة.\n");
    write(root, "content/ar/01-course/02-other/03-part/01-y.md", "---\ntitle: درس فرعي\n---\nنص.\n");
}

#[test]
fn the_rust_page_renderer_writes_what_tera_writes() {
    let (sample, kinds) = same_both_ways(&std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    assert!(sample > 400, "only {sample} pages of the sample site compared");
    // Every template the Rust renderer stands for: `page.html` (lessons, guide phases, …),
    // `section.html` (courses, modules, guides, collections) and `home.html`.
    for kind in ["lesson", "phase", "practice", "tag", "unit", "template", "course", "module", "guide", "collection", "home"] {
        assert!(kinds.contains(kind), "no {kind} page among the sample's: {kinds:?}");
    }
    let tmp = tempfile::tempdir().unwrap();
    odd_site(tmp.path());
    let (odd, kinds) = same_both_ways(tmp.path());
    assert!(odd > 20, "only {odd} pages of the fixture compared");
    for kind in ["course", "module", "home", "guide", "phase", "template", "unit"] {
        assert!(kinds.contains(kind), "no {kind} page among the fixture's: {kinds:?}");
    }
    // A default language without interface strings (Swedish, shown in English) with search:
    // the strings handed to scripts carry their language (`data-t-…-lang`) both ways.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "site.yaml", "title: Webbplats\nlanguages:\n  - sv\n  - de\n  - code: ar\n    direction: rtl\n");
    write(root, "content/sv/index.md", "---\ntitle: Hem\n---\nTill [kursen](01-kurs/index.md).\n");
    write(root, "content/sv/01-kurs/index.md", "---\ntitle: Kurs\nkind: course\n---\nOm.\n");
    write(root, "content/sv/01-kurs/01-mod/index.md", "---\ntitle: Modul\nkind: module\n---\nÖversikt.\n");
    write(root, "content/sv/01-kurs/01-mod/01-forsta.md", "---\ntitle: Första\n---\nText.\n");
    write(root, "content/de/index.md", "---\ntitle: Start\n---\nText.\n");
    let (n, _) = same_both_ways(root);
    assert!(n > 8, "only {n} pages of the Swedish fixture compared");
    let Some(Stored::Bytes(course)) = build(root, false).remove("sv/kurs/index.html") else { panic!("no sv/kurs/index.html") };
    let course = String::from_utf8_lossy(&course).into_owned();
    for attr in ["data-t-done-lang=\"en ltr\"", "data-t-count-lang=\"en ltr\"", "data-t-continue-lang=\"en ltr\"", "data-t-reset-done-lang=\"en ltr\""] {
        assert!(course.contains(attr), "{attr}: {course}");
    }
}

#[test]
fn a_theme_that_overrides_page_html_or_course_nav_html_gets_tera() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(root, "site.yaml", "title: Themed\nlanguages: [en]\nscorm: off\n");
    write(root, "content/en/index.md", "---\ntitle: Home\n---\nTo [the course](01-course/index.md).\n");
    write(root, "content/en/01-course/index.md", "---\ntitle: Course\nkind: course\n---\nAbout.\n");
    write(root, "content/en/01-course/01-mod/index.md", "---\ntitle: Module\nkind: module\n---\nOverview.\n");
    write(root, "content/en/01-course/01-mod/01-first.md", "---\ntitle: First\n---\nText.\n");
    let theme = |root: &Path| {
        let mut diags = kyklos::diagnostics::Diagnostics::new();
        kyklos::render::theme::Theme::load(root, "default", (0, 0), &mut diags).expect("theme")
    };
    assert!(theme(root).builtin_page, "the built-in templates");
    // A copy of a built-in template is no override.
    let builtin = |name: &str| kyklos::render::theme::TEMPLATES.iter().find(|(n, _)| *n == name).unwrap().1;
    write(root, "themes/default/templates/page.html", builtin("page.html"));
    assert!(theme(root).builtin_page, "a copy of page.html");
    let pages = ["en/course/mod/first.html", "en/course/mod/index.html", "en/course/index.html", "en/index.html"];
    // Which pages show the change, and which of the built-in writers stay in use.
    for (name, at, uses, builtin_flags) in [
        ("page.html", "<article", &pages[..1], [false, true, true]),
        ("base.html", "<title>", &pages[..], [false, false, false]),
        ("head.html", "<head>", &pages[..], [false, false, false]),
        ("macros.html", "<ol class=\"cards\">", &pages[1..], [false, false, false]),
        ("section.html", "<article", &pages[1..3], [true, false, true]),
        ("home.html", "<article", &pages[3..], [true, true, false]),
    ] {
        let changed = builtin(name).replacen(at, &format!("<!-- own theme -->{at}"), 1);
        write(root, &format!("themes/default/templates/{name}"), &changed);
        let t = theme(root);
        assert_eq!([t.builtin_page, t.builtin_section, t.builtin_home], builtin_flags, "{name} changed");
        let files = pipeline::run(&Options::memory(root, false)).unwrap().files;
        for path in pages {
            let Some(Stored::Bytes(page)) = files.get(path) else { panic!("no {path}: {:?}", files.keys()) };
            assert_eq!(String::from_utf8_lossy(page).contains("<!-- own theme -->"), uses.contains(&path), "{path} and the theme's {name}");
        }
        write(root, &format!("themes/default/templates/{name}"), builtin(name));
    }
    assert!(theme(root).builtin_nav, "the built-in course-nav.html");
    let nav = builtin("course-nav.html").replacen("<ol class", "<!-- own nav --><ol class", 1);
    write(root, "themes/default/templates/course-nav.html", &nav);
    assert!(!theme(root).builtin_nav && theme(root).builtin_page, "course-nav.html changed");
    let files = pipeline::run(&Options::memory(root, false)).unwrap().files;
    let Some(Stored::Bytes(page)) = files.get("en/course/mod/first.html") else { panic!("no lesson page") };
    assert!(String::from_utf8_lossy(page).contains("<!-- own nav --><ol class=\"course-nav-list\">"), "the theme's course-nav.html is not used");
    write(root, "themes/default/templates/lesson.html", "{% extends \"page.html\" %}");
    assert!(!theme(root).builtin_page, "a lesson.html of the theme");
}
