use super::*;

pub(super) struct NoLinks;
impl Links for NoLinks {
    fn resolve(&self, dest: &str, _: bool) -> Resolved {
        if dest.starts_with("missing") {
            Resolved::Error(format!("no page `{dest}`"), "check the path".into())
        } else if let Some(anchor) = dest.strip_prefix('#') {
            Resolved::Anchor { href: dest.into(), page: None, anchor: anchor.into() }
        } else if let Some(stem) = dest.strip_suffix(".md") {
            Resolved::Rewrite(format!("{stem}.html"))
        } else {
            Resolved::Keep
        }
    }
}

pub(super) fn labels() -> Labels {
    Labels {
        anchor: "Link to this section".into(),
        table: "Table".into(),
        task_done: "Done".into(),
        task_open: "To do".into(),
        back: "Back to the text".into(),
        checklist: false,
        plain_code: false,
        media: crate::media::player::MediaLabels { lang: "en".into(), transcript: "Transcript".into(), ..Default::default() },
        in_transcript: false,
        mixed: None,
        anchor_lang: None,
        task_lang: None,
        back_lang: None,
    }
}

fn md(src: &str) -> Rendered {
    render(src, &NoLinks, &labels())
}

#[test]
fn headings_get_stable_unique_ids_and_self_links() {
    let r = md("## Push and pull factors\n\n## Push and pull factors\n\n### Ελληνικά κείμενα!\n\n## Custom {#mine}\n");
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["push-and-pull-factors", "push-and-pull-factors-1", "ελληνικά-κείμενα", "mine"]);
    assert!(r.html.contains("<h2 id=\"push-and-pull-factors\">Push and pull factors <a class=\"anchor\" href=\"#push-and-pull-factors\""));
}

#[test]
fn gfm_extensions_render() {
    let r = md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\"\n\n- [x] done\n- [ ] open\n\nNote[^1].\n\n[^1]: The note.\n");
    assert!(r.html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1\"><table>"));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("“quoted”"));
    assert!(r.html.contains("Done: </span>"));
    assert!(r.html.contains("To do: </span>"));
    assert!(r.html.contains("<div class=\"footnote-definition\" id=\"fn-1\">"), "{}", r.html);
    assert!(r.html.contains("href=\"#fnref-1\""));
    assert!(r.ids.contains(&"fn-1".to_string()));
    assert!(r.html.contains("<ul class=\"task-list\">"));
}

#[test]
fn interface_words_in_text_of_another_language_carry_the_pages_language() {
    let src = "## Watch\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\nNote[^1].\n\n[^1]: The note.\n";
    // A Greek page showing an English text.
    let greek = labels().for_text(("el", "ltr"), ("en", "ltr"));
    let r = render(src, &NoLinks, &greek);
    for marked in [
        "<h2 id=\"watch\">Watch <a class=\"anchor\" href=\"#watch\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\"><span lang=\"el\" dir=\"ltr\">Link to this section</span>: Watch</span></a></h2>",
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table 1\" lang=\"el\"><table lang=\"en\">",
        "<span class=\"visually-hidden\" lang=\"el\" dir=\"ltr\">Done: </span>",
        "<span class=\"visually-hidden\" lang=\"el\" dir=\"ltr\">To do: </span>",
        "<a class=\"footnote-backref\" href=\"#fnref-1\" aria-label=\"Back to the text\" lang=\"el\" dir=\"ltr\">↩</a>",
    ] {
        assert!(r.html.contains(marked), "{marked} in {}", r.html);
    }
    assert_eq!(r.headings[0].text, "Watch", "the heading's own text is unchanged");
    // In the page's own language nothing is marked; the same language is no mix.
    let plain = md(src).html;
    assert!(!plain.contains(" lang="), "{plain}");
    assert!(plain.contains("<a class=\"anchor\" href=\"#watch\" aria-label=\"Link to this section: Watch\">#</a>"));
    assert_eq!(render(src, &NoLinks, &labels().for_text(("en", "ltr"), ("EN", "ltr"))).html, plain);
}

#[test]
fn a_footnotes_back_link_is_marked_with_the_language_its_label_is_in() {
    // An Urdu page without its own "Back to the text": the label is English. In an English
    // note (the page not translated) it is the note's language, unmarked; in an Urdu note,
    // marked English. Urdu's own label in an English note is marked Urdu.
    let src = "Note[^1].\n\n[^1]: The note.\n";
    let lent = Labels { back_lang: Some(("en".into(), "ltr".into())), ..labels() };
    let back = |labels: &Labels| {
        let html = render(src, &NoLinks, labels).html;
        html.split("<a class=\"footnote-backref\"").nth(1).and_then(|a| a.split('>').next()).map(str::to_string).unwrap_or_else(|| html.clone())
    };
    assert_eq!(back(&lent.for_text(("ur", "rtl"), ("en", "ltr"))), " href=\"#fnref-1\" aria-label=\"Back to the text\"");
    assert_eq!(back(&lent), " href=\"#fnref-1\" aria-label=\"Back to the text\" lang=\"en\" dir=\"ltr\"");
    let own = Labels { back: "متن پر واپس".into(), ..labels() };
    assert_eq!(back(&own.for_text(("ur", "rtl"), ("en", "ltr"))), " href=\"#fnref-1\" aria-label=\"متن پر واپس\" lang=\"ur\" dir=\"rtl\"");
    assert_eq!(back(&own), " href=\"#fnref-1\" aria-label=\"متن پر واپس\"");
}

#[test]
fn code_is_highlighted_and_flagged() {
    let r = md("```python\nprint('hi')\n```\n");
    assert!(r.has_code);
    assert!(r.html.contains("hl-"));
    assert!(!md("text").has_code);
}

#[test]
fn links_are_resolved_and_problems_have_offsets() {
    let src = "See [a](lesson.md) and [b](missing.md) and [c](#top).\n";
    let r = md(src);
    assert!(r.html.contains("href=\"lesson.html\""));
    assert_eq!(r.problems.len(), 1);
    assert_eq!(&src[r.problems[0].offset..r.problems[0].offset + 3], "[b]");
    assert_eq!(r.anchors[0].anchor, "top");
}

#[test]
fn scripts_are_refused() {
    assert_eq!(md("<script>alert(1)</script>\n").problems.len(), 1);
    assert_eq!(md("<img src=x alt=x onerror=\"alert(1)\">\n").problems.len(), 1);
    assert_eq!(md("<details><summary>More</summary>Text</details>\n").problems.len(), 0);
    assert_eq!(md("Online = yes, <b>ok</b>\n").problems.len(), 0);
}

#[test]
fn slugs() {
    assert_eq!(slugify("What is “migration”?"), "what-is-migration");
    assert_eq!(slugify("  --  "), "section");
    assert_eq!(slugify("Step 1: Access"), "step-1-access");
    // Letters of every script, lowercased as Unicode says (İ becomes i and a combining dot,
    // which is no letter).
    assert_eq!(slugify("Ελληνικά ΣΟΦΙΑ"), "ελληνικά-σοφια");
    assert_eq!(slugify("İstanbul Ärger_x"), "istanbul-ärger_x");
    assert_eq!(slugify("مرحبا بالعالم"), "مرحبا-بالعالم");
    // A Devanagari virama (्) or nukta (़) is a mark, not a letter, but part of the word's
    // spelling: साक्षात्कार without them reads साकषातकार (as Bengali, Tamil, Thai … would).
    assert_eq!(slugify("वीडियो साक्षात्कार"), "वीडियो-साक्षात्कार");
    assert_eq!(slugify("प्रारंभिक शिक्षा"), "प्रारंभिक-शिक्षा");
    assert_eq!(slugify("उत्पीड\u{93c}न"), "उत्पीड\u{93c}न");
    assert_eq!(slugify("বাংলা ক্লাস"), "বাংলা-ক্লাস");
    // A mark after a Latin letter stays dropped, as before (İ lowercases to i and a dot).
    assert_eq!(slugify("A\u{301}B"), "ab");
}

#[test]
fn inline_markdown_has_no_paragraph_and_no_html() {
    assert_eq!(render_inline("*a* <img src=x onerror=alert(1)>"), "<em>a</em> &lt;img src=x onerror=alert(1)&gt;");
}

#[test]
fn pathological_input_does_not_panic() {
    let deep = "> ".repeat(5000) + "x";
    let _ = md(&deep);
    let _ = md(&"[".repeat(10000));
    let _ = md(&"*a ".repeat(20000));
}

#[test]
fn table_alignment_uses_classes_not_styles() {
    let r = md("| a | b |\n|--:|:-:|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |\n");
    assert!(!r.html.contains("style="), "{}", r.html);
    assert!(r.html.contains("class=\"align-right\"") && r.html.contains("class=\"align-center\""));
    assert!(r.html.contains("aria-label=\"Table 2\""));
}

#[test]
fn aligned_cells_are_written_as_the_html_writer_would_with_classes_for_styles() {
    // Rows shorter and longer than the head, every alignment, a table after an unaligned one.
    for table in [
        "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| 5 |\n| 6 | 7 | 8 | 9 | 10 |\n",
        "| x |\n|---|\n| y |\n\n| p | q |\n|--:|:--|\n| `r` | *s* |\n",
        "a | b\n:-: | -:\n**c** | d\n",
    ] {
        let mut plain = String::new();
        pulldown_cmark::html::push_html(&mut plain, pulldown_cmark::Parser::new_ext(table, super::options()));
        for side in ["left", "center", "right"] {
            plain = plain.replace(&format!(" style=\"text-align: {side}\""), &format!(" class=\"align-{side}\""));
        }
        let html = md(table).html;
        for part in plain.split("<table>").skip(1) {
            assert!(html.contains(part), "{table:?}:\n{html}\nwithout\n{part}");
        }
    }
}

#[test]
fn checklists_become_labelled_checkboxes_with_ids_from_their_text() {
    let mut l = labels();
    l.checklist = true;
    let r = render("- [ ] Book a room\n- [x] Invite *mentors*\n  - [ ] nested\n\n1. plain\n", &NoLinks, &l);
    assert!(r.has_checklist);
    assert!(r.html.contains("<ul class=\"task-list checklist\">"), "{}", r.html);
    let pattern = "class=\"check\" id=\"";
    let ids: Vec<&str> = r.html.match_indices(pattern).map(|(i, _)| r.html[i + pattern.len()..].split('"').next().unwrap()).collect();
    assert_eq!(ids.len(), 3);
    assert!(r.html.contains(&format!("id=\"{}\"><label for=\"{}\">Book a room</label>", ids[0], ids[0])), "{}", r.html);
    assert!(r.html.contains(&format!("id=\"{}\" checked><label for=\"{}\">Invite <em>mentors</em></label>", ids[1], ids[1])), "{}", r.html);
    assert_eq!(r.html.matches("<label").count(), r.html.matches("</label>").count());
    let moved = render("- [ ] A new first item\n- [ ] Book a room\n", &NoLinks, &l);
    assert!(moved.html.contains(&format!("id=\"{}\"><label for=\"{}\">Book a room", ids[0], ids[0])), "an item keeps its id when another is added");
    let twice = render("- [ ] Same\n- [ ] Same\n", &NoLinks, &l);
    assert_eq!(twice.html.matches("-2\"").count(), 2, "{}", twice.html);
}

#[test]
fn plain_text_for_search_leaves_out_headings_and_code_blocks() {
    let r = md("## Key terms\n\nAn *asylum* seeker waits.\n\n```rust\nfn secret() {}\n```\n\n- one\n- `two`\n\n| a | b |\n|---|---|\n| cell | more |\n");
    assert_eq!(r.text, "An asylum seeker waits.\none\ntwo\na b \ncell more \n");
    assert_eq!(r.headings[0].text, "Key terms");
}

#[test]
fn headings_never_take_an_id_the_theme_uses() {
    let r = render("## Main\n\n## Main\n\n## Quiz {#quiz}\n", &NoLinks, &Labels::default());
    assert_eq!(r.ids.iter().filter(|i| !i.starts_with("fn")).cloned().collect::<Vec<_>>(), vec!["main-1", "main-2", "quiz-1"]);
}

mod media;

#[test]
fn code_past_the_highlighting_budget_is_plain_text() {
    let block = format!("```python\n{}```\n\n", "x = [1, 2]\n".repeat(highlight::MAX_HIGHLIGHTED_BYTES / 11 / 2));
    let r = md(&block.repeat(3));
    let blocks: Vec<&str> = r.html.split("<pre").skip(1).collect();
    assert_eq!(blocks.len(), 3);
    assert!(blocks[0].contains("class=\"hl-") && blocks[1].contains("class=\"hl-"));
    assert!(!blocks[2].contains("class=\"hl-") && blocks[2].contains("x = [1, 2]"), "{}", &blocks[2][..200]);
}

#[test]
fn links_leave_only_by_the_schemes_the_pages_html_allows() {
    let refused = ["[a](file:///etc/passwd)", "[b](//evil.example/x)", "[c](ftp://evil.example/x)", "[d](C:/x)", "[e](ms-settings:x)", "<file:///etc/passwd>"];
    for src in refused {
        let r = md(src);
        assert_eq!(r.problems.len(), 1, "{src}: {:?}", r.problems);
        assert_eq!(r.problems[0].severity, Severity::Error, "{src}");
        assert_eq!(r.problems[0].offset, 0, "{src}");
    }
    assert!(md("[b](//evil.example/x)").problems[0].hint.contains("`https://evil.example/x`"));
    for src in [
        "[a](https://example.org)",
        "[b](http://example.org)",
        "[c](mailto:a@example.org)",
        "[d](tel:+301234)",
        "<https://example.org>",
        "<a@example.org>",
        "[e](other.md)",
        "[f](#top)",
    ] {
        assert!(md(src).problems.is_empty(), "{src}: {:?}", md(src).problems);
    }
}

#[test]
fn no_two_elements_of_a_page_get_the_same_id() {
    let r = md("## A\n\n## A\n\n## A-1\n\nOne[^n] two[^n].\n\n[^n]: Note.\n\nThree[^d].\n\n[^d]: First.\n\n[^d]: Second.\n");
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["a", "a-1", "a-1-1"]);
    let mut all: Vec<&str> = r.html.split(" id=\"").skip(1).map(|s| s.split('"').next().unwrap_or("")).collect();
    let count = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), count, "{}", r.html);
    assert!(r.html.contains("id=\"fnref-n\"") && r.html.contains("id=\"fnref-n-2\""));
    assert!(r.html.contains("id=\"fn-d\"") && r.html.contains("id=\"fn-d-2\""));
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(r.problems[0].message.contains("[^d]") && r.problems[0].severity == Severity::Warning);
    for id in ["fnref-n", "fnref-n-2", "fn-d", "fn-d-2"] {
        assert!(r.ids.iter().any(|i| i == id), "{id} is known to the link check");
    }
}

#[test]
fn every_smart_punctuation_string_the_parser_makes_is_one_of_the_programs() {
    let src = "\"double\" 'single' it's -- en --- em ... and \u{2019} \u{201c}x\u{201d} &hellip; &rsquo; &mdash;";
    let mut seen = 0;
    for event in Parser::new_ext(src, options()) {
        if let Event::Text(CowStr::Inlined(s)) = event {
            assert_eq!(super::punctuation(&s), Some(&*s), "{s:?}");
            seen += 1;
        }
    }
    assert!(seen >= 7, "{seen}");
    assert_eq!(super::punctuation("x"), None);
    assert_eq!(super::punctuation("\u{2019}s"), None);
}
