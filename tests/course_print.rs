//! The printable whole-course page: every lesson in reading order, quizzes as question sheets
//! without answers, links and images that work from the print page, and a size limit.

mod common;

use common::*;

fn course() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Module quiz\npass_mark: 50\nquestions:\n  - id: q1\n    type: single\n    prompt: Pick the right one\n    options:\n      - text: Right answer text\n        correct: true\n        feedback: The secret feedback\n      - text: Wrong answer text\n  - id: q2\n    type: fill_in\n    prompt: Type the year\n    answers: [\"1951\"]\n",
    );
    f.write("content/en/01-course/02-other/index.md", "---\ntitle: Module two\nkind: module\n---\n## Module two overview\n\n![A chart](../img/chart.png)\n");
    f.write(
        "content/en/01-course/02-other/01-third.md",
        "---\ntitle: Third lesson\n---\n## Third heading {#third}\n\nSee [the first](../01-mod/01-first.md#start-here) and [below](#third).\n",
    );
    f.write("content/en/01-course/img/chart.png", b"\x89PNG\r\n\x1a\n");
    f
}

#[test]
fn the_course_prints_on_one_page_in_reading_order_without_answers() {
    let f = course();
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let course = f.html("en/course/index.html");
    assert_eq!(select(&course, ".print-guide a")[0].value().attr("href"), Some("print.html"));
    let html = f.read_out("en/course/print.html");
    let doc = scraper::Html::parse_document(&html);
    let titles: Vec<String> = select(&doc, ".print-part > h2, .print-part > h3, .print-part > h4").iter().map(|h| text(h)).collect();
    assert_eq!(titles, ["Module one", "First lesson", "Second lesson", "Module quiz", "Module two", "Third lesson"]);
    // Headings nest: a module is h2, its lessons h3, a lesson's own h2 becomes h4.
    assert!(text(&select(&doc, "h4#p2-start-here")[0]).starts_with("Start here"));
    // Ids stay unique and in-page links follow them.
    assert!(select(&doc, "a[href='#p6-third']").iter().any(|a| text(a) == "below"), "{html}");
    let ids: Vec<&str> = select(&doc, "[id]").iter().filter_map(|e| e.value().attr("id")).collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    // Links and images are rebased from the lesson's address to the print page's.
    assert_eq!(select(&doc, "img[alt='A chart']")[0].value().attr("src"), Some("img/chart.png"));
    assert!(f.out().join("en/course/img/chart.png").is_file());
    assert!(select(&doc, "a").iter().any(|a| a.value().attr("href") == Some("mod/first.html#start-here")), "{html}");
    // The quiz is a question sheet: its questions, none of its answer key.
    assert_eq!(select(&doc, ".print-quiz .sheet-question").len(), 2);
    assert!(html.contains("Right answer text") && html.contains("Wrong answer text"));
    for secret in ["The secret feedback", "1951", "data-quiz", "q-answer"] {
        assert!(!html.contains(secret), "`{secret}` printed");
    }
}

#[test]
fn a_very_long_course_has_no_print_page() {
    let f = Fixture::new();
    for i in 0..301 {
        f.write(&format!("content/en/01-course/01-mod/l{i:03}.md"), format!("---\ntitle: Lesson {i}\n---\nText.\n"));
    }
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!f.out().join("en/course/print.html").exists());
    assert!(select(&f.html("en/course/index.html"), ".print-guide").is_empty());
}
