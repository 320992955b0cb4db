//! The course navigation in the sidebar: the current module's lessons, every other module as
//! one line, the page itself marked; the list is shared by every page of a folder.

mod common;

use common::*;

/// A course of three modules with three lessons and a quiz each.
fn course() -> Fixture {
    let f = Fixture::new();
    for m in 1..=3 {
        let dir = format!("content/en/01-course/0{m}-mod{m}");
        f.write(&format!("{dir}/index.md"), format!("---\ntitle: Module {m}\nkind: module\n---\nOverview {m}.\n"));
        for l in 1..=3 {
            f.write(&format!("{dir}/0{l}-lesson{m}{l}.md"), format!("---\ntitle: Lesson {m}.{l}\n---\nText {m}.{l}.\n"));
        }
        f.write(
            &format!("{dir}/quiz.yaml"),
            format!("title: Quiz {m}\npass_mark: 50\nquestions:\n  - id: q1\n    type: true_false\n    prompt: Yes?\n    answer: true\n"),
        );
    }
    f.remove("content/en/01-course/01-mod/01-first.md");
    f.remove("content/en/01-course/01-mod/02-second.md");
    f.remove("content/en/01-course/01-mod/index.md");
    f
}

/// (title, href, aria-current, nested lessons) of each top-level line of the sidebar.
fn lines(doc: &scraper::Html) -> Vec<(String, String, bool, Vec<String>)> {
    select(doc, ".course-nav-list > li")
        .iter()
        .map(|li| {
            let a = li.select(&scraper::Selector::parse(":scope > a").unwrap()).next().expect("a link on every line");
            let nested: Vec<String> = li.select(&scraper::Selector::parse(":scope > ol > li > a").unwrap()).map(|a| text(&a)).collect();
            (text(&a), a.value().attr("href").unwrap().to_string(), a.value().attr("aria-current") == Some("page"), nested)
        })
        .collect()
}

/// `href` resolved against the page key `base` as a browser resolves a relative link (`..`
/// and `.` segments), giving the key of the page it leads to.
fn resolve(base: &str, href: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The sidebar writes an item's key (`data-key`, for its done mark) only where kyklos.js
/// could not read it off the link: every other item's link, resolved against the page's own
/// key, is the item's key, the address of the page it leads to.
#[test]
fn sidebar_keys_are_written_or_read_off_the_links() {
    let f = course();
    f.write("content/en/01-course/02-mod2/04-lecci\u{f3}n.md", "---\ntitle: Lecci\u{f3}n\n---\nTexto.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = f.html("en/course/mod2/lesson22.html");
    let page_key = select(&doc, "body")[0].value().attr("data-key").expect("the page's key").to_string();
    assert_eq!(page_key, "en/course/mod2/lesson22.html");
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'));
    let (mut read, mut written) = (0, 0);
    for li in select(&doc, ".course-nav-list li") {
        let a = li.select(&scraper::Selector::parse(":scope > a").unwrap()).next().expect("a link on every line");
        let href = a.value().attr("href").unwrap();
        let target = resolve(&page_key, href);
        match li.value().attr("data-key") {
            Some(key) => {
                written += 1;
                assert!(!plain(key), "{key} is written though the link {href} gives it");
                assert_eq!(key, target.as_str());
            }
            None => {
                read += 1;
                assert!(plain(&target), "{href}: no data-key, but the link does not give the key plainly");
                assert!(f.out().join(&target).is_file(), "{href} from {page_key}: {target} is no page of the output");
            }
        }
    }
    // Three modules, four lessons and the quiz of the open one.
    assert_eq!(read + written, 3 + 4 + 1);
    assert!(read >= 7, "plain addresses are read off the links ({read} read, {written} written)");
}

#[test]
fn sidebar_lists_the_current_module_and_other_modules_in_one_line_each() {
    let f = course();
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = f.html("en/course/mod2/lesson22.html");
    let got = lines(&doc);
    let titles: Vec<&str> = got.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(titles, ["Module 1", "Module 2", "Module 3"]);
    // Other modules: one line, a link to their overview; the current one: its lessons and quiz.
    assert_eq!(got[0].1, "../mod1/index.html");
    assert!(got[0].3.is_empty() && got[2].3.is_empty(), "other modules are collapsed: {got:?}");
    assert_eq!(got[1].3, ["Lesson 2.1", "Lesson 2.2", "Lesson 2.3", "Quiz 2"]);
    let current = select(&doc, ".course-nav [aria-current=page]");
    assert_eq!(current.len(), 1, "exactly one link is the current page");
    assert_eq!(text(&current[0]), "Lesson 2.2");
    assert_eq!(current[0].value().attr("href"), Some("lesson22.html"));
    let open: Vec<String> = select(&doc, ".course-nav-list > li.is-open > a").iter().map(text).collect();
    assert_eq!(open, ["Module 2"]);
    // Landmark and heading as before.
    assert_eq!(select(&doc, "nav.course-nav[aria-labelledby=course-nav-title] h2#course-nav-title").len(), 1);
}

#[test]
fn every_page_kind_marks_itself_in_the_sidebar() {
    let f = course();
    assert!(f.build().status.success());
    for (page, marked) in [
        ("en/course/index.html", "Course"),
        ("en/course/mod3/index.html", "Module 3"),
        ("en/course/mod3/lesson31.html", "Lesson 3.1"),
        ("en/course/mod3/quiz.html", "Quiz 3"),
    ] {
        let doc = f.html(page);
        let current = select(&doc, ".course-nav [aria-current=page]");
        assert_eq!(current.iter().map(text).collect::<Vec<_>>(), [marked], "{page}");
        let expanded: Vec<String> = select(&doc, ".course-nav-list > li:has(ol) > a").iter().map(text).collect();
        let want: &[&str] = if page == "en/course/index.html" { &[] } else { &["Module 3"] };
        assert_eq!(expanded, want, "{page}: only the module holding the page is expanded");
    }
}

#[test]
fn pages_of_one_folder_share_the_list_but_for_the_mark() {
    let f = course();
    assert!(f.build().status.success());
    let list = |page: &str| {
        let html = f.read_out(page);
        let start = html.find("<ol class=\"course-nav-list\">").expect("a course list");
        let end = start + html[start..].find("\n  </nav>").expect("its end");
        html[start..end].replace(" aria-current=\"page\"", "")
    };
    let lesson = list("en/course/mod1/lesson11.html");
    for other in ["en/course/mod1/lesson13.html", "en/course/mod1/index.html", "en/course/mod1/quiz.html"] {
        assert_eq!(list(other), lesson, "{other}");
    }
    assert_ne!(list("en/course/mod2/lesson21.html"), lesson, "another module's folder has its own list");
}

#[test]
fn a_theme_can_replace_the_navigation_list() {
    let f = course();
    f.write(
        "themes/default/templates/course-nav.html",
        "<ol class=\"course-nav-list custom\">{% for item in course_nav.items %}<li><a href=\"{{ item.url }}\">{{ item.title }}</a></li>{% endfor %}</ol>",
    );
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = f.html("en/course/mod2/index.html");
    assert_eq!(select(&doc, ".course-nav-list.custom > li").len(), 3);
    let current = select(&doc, ".course-nav-list.custom [aria-current=page]");
    assert_eq!(current.iter().map(text).collect::<Vec<_>>(), ["Module 2"]);
}

/// The lines of other modules are shared between folders beside each other (made once, see
/// `course_nav_for`): from every folder, at every depth (a lesson in the course's own folder,
/// a module, a part inside a module and a part inside that), every link of the list leads to
/// a page that was written, and the line of the module that holds the page is the open one.
#[test]
fn sidebar_links_lead_to_pages_from_every_folder() {
    let f = course();
    f.write("content/en/01-course/00-intro.md", "---\ntitle: Intro\n---\nIntro.\n");
    f.write("content/en/01-course/02-mod2/05-part/index.md", "---\ntitle: Part\n---\nPart.\n");
    f.write("content/en/01-course/02-mod2/05-part/01-inner.md", "---\ntitle: Inner\n---\nInner.\n");
    f.write("content/en/01-course/02-mod2/05-part/02-deep/index.md", "---\ntitle: Deep\n---\nDeep.\n");
    f.write("content/en/01-course/02-mod2/05-part/02-deep/01-deepest.md", "---\ntitle: Deepest\n---\nDeepest.\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let written = files(&f.out());
    for (page, module) in [
        ("en/course/intro.html", None),
        ("en/course/mod1/lesson13.html", Some("Module 1")),
        ("en/course/mod3/lesson31.html", Some("Module 3")),
        ("en/course/mod2/part/inner.html", Some("Module 2")),
        ("en/course/mod2/part/deep/deepest.html", Some("Module 2")),
    ] {
        let doc = f.html(page);
        let hrefs: Vec<String> = select(&doc, ".course-nav-list a").iter().map(|a| a.value().attr("href").unwrap().to_string()).collect();
        assert!(hrefs.len() >= 4, "{page}: {hrefs:?}");
        for href in &hrefs {
            let target = resolve(page, href);
            assert!(written.contains(&target), "{page}: {href} leads to {target}, not a page");
        }
        let open: Vec<String> = select(&doc, ".course-nav-list > li.is-open > a").iter().map(text).collect();
        assert_eq!(open, module.into_iter().collect::<Vec<_>>(), "{page}");
    }
}
