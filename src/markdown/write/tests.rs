use super::*;
use crate::markdown::tests::{labels, NoLinks};
use crate::markdown::{inline_events, options, render_inline, render_with};
use pulldown_cmark::{CowStr, HeadingLevel, Options, Parser};

/// Both writers' HTML for the same events.
fn both<'a>(events: &[Event<'a>]) -> (String, String) {
    let mut theirs = String::from("kept\n");
    pulldown_cmark::html::push_html(&mut theirs, events.iter().cloned());
    let mut ours = String::from("kept\n");
    push_html(&mut ours, events);
    (theirs, ours)
}

/// pulldown-cmark's writer and this one on the events of `src`, with kyklos's options and with
/// every option the parser has (math, definition lists, super- and subscript, metadata).
fn assert_same(src: &str) {
    for opts in [options(), Options::all()] {
        let events: Vec<Event<'_>> = Parser::new_ext(src, opts).collect();
        let (theirs, ours) = both(&events);
        assert!(theirs == ours, "{src:?} ({opts:?}):\n{theirs}\n---- ours:\n{ours}");
    }
}

/// The same through the whole of `render` (kyklos's events: headings, aligned cells,
/// footnotes, checklists and raw HTML markers already written as HTML), checklists on and off.
fn assert_same_rendered(src: &str) {
    let pulldown: crate::markdown::WriteHtml = |out, events| pulldown_cmark::html::push_html(out, events.iter().map(|e| (**e).clone()));
    for checklist in [false, true] {
        let mut l = labels();
        l.checklist = checklist;
        let theirs = render_with(src, &NoLinks, &l, pulldown);
        let ours = crate::markdown::render(src, &NoLinks, &l);
        assert!(theirs.html == ours.html, "{src:?}:\n{}\n---- ours:\n{}", theirs.html, ours.html);
        assert_eq!(theirs.problems, ours.problems);
    }
}

/// The same for inline Markdown (quiz prompts, options and feedback).
fn assert_same_inline(src: &str) {
    let mut theirs = String::new();
    pulldown_cmark::html::push_html(&mut theirs, inline_events(src));
    assert_eq!(theirs.trim_end(), render_inline(src), "{src:?}");
}

/// Markdown with every construct kyklos enables, nested, and the parser's other ones.
const CONSTRUCTS: &[&str] = &[
    "",
    "\n\n",
    "plain",
    "# One\n## Two {#id .a .b key=value flag}\n### Three\n#### 4\n##### 5\n###### 6\n\nSetext\n===\n\nAnd\n---\n",
    "*em* **strong** ***both*** ~~del~~ ~single~ `code` `` a`b `` `<&>\"'`",
    "\"Smart\" 'quotes' -- en --- em ... and it's",
    "line one\nline two  \nhard\\\nbreak",
    "- a\n- b\n  - nested\n    1. deep\n\n      para\n* loose\n\n* list\n",
    "1. one\n2. two\n\n3) three\n\n7. seven\n8. eight\n\n0. zero\n\n123456789. big",
    "- [ ] open\n- [x] done\n  - [X] nested done\n\n1. [ ] numbered\n5. [x] from five",
    "> quote\n> > nested\n>\n> - list in quote\n\n> [!NOTE]\n> note\n\n> [!TIP]\n> tip\n\n> [!IMPORTANT]\n> i\n\n> [!WARNING]\n> w\n\n> [!CAUTION]\n> c",
    "```rust ignore\nfn main() {}\n```\n\n```\nplain <code> & \"quotes\"\n```\n\n    indented\n    code\n\n~~~\ttab info\nx\n~~~\n\n```a\"b<c\nx\n```",
    "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| 5 |\n| 6 | 7 | 8 | 9 | 10 |\n\nx | y\n--|--\n`p` | *q*\n",
    "| x |\n|---|\n\n| p | q |\n|--:|:--|\n| r | s |\n",
    "Note[^1] and again[^1], other[^b].\n\n[^1]: The note.\n[^b]: B with *em*.\n    More.\n\n[^unused]: never cited",
    "[link](https://example.org/a?b=c&d='e' \"title & 'x'\") <https://auto.link/x?y&z> <me@example.org> [ref][r] [r]\n\n[r]: /path%20x(y) 'T'",
    "[spaces](<a b c>) [unicode](/ελληνικά/日本) [brackets](/a[b]c) [quote](/a\"b) [back](/a\\\\b) [tick](/a`b) [pipe](/a|b{c}) [ctl](/a%00b) [hash](#x) [empty]()",
    "![alt *em* `code` [link](x) **strong** ![inner](i.png)](img.png \"title\") ![](empty.png) ![a<b>c &amp; \"q\"](p.png)",
    "![alt with <span>inline html</span> and\nsoft break and  \nhard](x.png)",
    "![note[^n]](x.png)\n\n[^n]: n",
    "<div class=\"x\">\nblock html\n</div>\n\ninline <b>bold</b> <!-- comment --> text\n\n<script>alert(1)</script>\n\n<?php x ?>",
    "***\n\n---\n\ntext\n***\n- item\n\n  ---",
    "&amp; &lt; &copy; &#65; &#x1F600; &bogus; & < > \" '",
    "Ελληνικά «κείμενο» — عربي, עברית, 日本語, emoji 🦀 and combining e\u{301}",
    "$x^2$ and $$\\sum_i x_i < y$$ math",
    "Term\n: Definition\n: Another\n\nOther term\n: def",
    "---\ntitle: metadata\n---\n\nafter",
    "+++\ntoml = 1\n+++\n\nafter",
    "H~2~O and x^2^",
    "text\n\n\n\n   \n\ntrailing   ",
    "<pre>\nraw\n</pre>\nafter",
    "* a\n\n      code in list\n* b\n\n  > quote in list\n  ```\n  fenced\n  ```",
];

#[test]
fn the_same_html_as_pulldown_cmark_for_every_construct() {
    for src in CONSTRUCTS {
        assert_same(src);
        assert_same_rendered(src);
        assert_same_inline(src);
    }
}

#[test]
fn the_same_html_for_special_characters_at_every_length() {
    // A special character (or a non-ASCII one, never escaped) at each place of texts around
    // the blocks of 16 bytes escaped at once, in text, code, link targets, titles and alt text.
    for len in [0, 1, 2, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100] {
        for at in 0..=len {
            for special in ['&', '<', '>', '"', '\'', 'é', ' '] {
                let s: String = (0..len).map(|i| if i == at || i + 1 == len - at / 3 { special } else { 'x' }).collect();
                let t = s.trim();
                let srcs = [s.clone(), format!("a `{t}` b"), format!("[x](<{s}> \"{s}\")"), format!("![{t}](y \"{t}\")"), format!("```\n{s}\n```")];
                for src in &srcs {
                    assert_same(src);
                    assert_same_inline(src);
                }
                let events = [
                    Event::Text(s.as_str().into()),
                    Event::Code(s.as_str().into()),
                    Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url: s.as_str().into(), title: s.as_str().into(), id: "".into() }),
                    Event::End(TagEnd::Link),
                    Event::Start(Tag::Image { link_type: LinkType::Inline, dest_url: s.as_str().into(), title: s.as_str().into(), id: "".into() }),
                    Event::Text(s.as_str().into()),
                    Event::End(TagEnd::Image),
                ];
                let (theirs, ours) = both(&events);
                assert_eq!(theirs, ours, "{s:?}");
            }
        }
    }
}

#[test]
fn link_targets_are_encoded_byte_for_byte_as_pulldown_cmark_encodes_them() {
    let every: String = (0u8..128).map(char::from).chain("é日🦀\u{80}\u{7ff}\u{ffff}".chars()).collect();
    for dest in [every.as_str(), "", "&", "'", "%", "é", "aé", "éa", "a b", "mailto:x@y"] {
        for link_type in [LinkType::Inline, LinkType::Email, LinkType::Autolink] {
            let events = [
                Event::Start(Tag::Link { link_type, dest_url: dest.into(), title: dest.into(), id: "".into() }),
                Event::Text(dest.into()),
                Event::End(TagEnd::Link),
            ];
            let (theirs, ours) = both(&events);
            assert_eq!(theirs, ours, "{dest:?}");
        }
    }
}

#[test]
fn events_the_parser_does_not_make_are_written_the_same() {
    let heading = |level, id: Option<&'static str>, classes: Vec<&'static str>, attrs: Vec<(&'static str, Option<&'static str>)>| {
        Event::Start(Tag::Heading {
            level,
            id: id.map(CowStr::from),
            classes: classes.into_iter().map(CowStr::from).collect(),
            attrs: attrs.into_iter().map(|(k, v)| (CowStr::from(k), v.map(CowStr::from))).collect(),
        })
    };
    let sequences: Vec<Vec<Event<'static>>> = vec![
        // Empty text and empty HTML between blocks (kyklos's checklist placeholder is one).
        vec![Event::Html("x".into()), Event::Text("".into()), Event::Start(Tag::Paragraph), Event::End(TagEnd::Paragraph)],
        vec![Event::Html("a\n".into()), Event::Html("".into()), Event::Start(Tag::Paragraph), Event::End(TagEnd::Paragraph)],
        vec![Event::Html("a\n".into()), Event::Text("".into()), Event::Start(Tag::Paragraph), Event::End(TagEnd::Paragraph)],
        vec![Event::Html("a\n".into()), Event::Code("".into()), Event::Start(Tag::Item), Event::End(TagEnd::Item)],
        vec![Event::Text("x".into()), Event::Html("".into()), Event::Rule, Event::Html("\n".into()), Event::Rule],
        vec![Event::Text("a\n".into()), Event::Start(Tag::List(Some(3))), Event::Start(Tag::Item), Event::End(TagEnd::Item), Event::End(TagEnd::List(true))],
        vec![Event::Start(Tag::List(Some(0))), Event::End(TagEnd::List(true)), Event::Start(Tag::List(Some(u64::MAX))), Event::End(TagEnd::List(true))],
        vec![
            Event::Text("x".into()),
            heading(HeadingLevel::H3, Some("a\"b"), vec!["c<", "d'"], vec![("k&", Some("v\"")), ("flag", None)]),
            Event::Text("in".into()),
            Event::End(TagEnd::Heading(HeadingLevel::H3)),
            heading(HeadingLevel::H6, None, vec![], vec![]),
            Event::End(TagEnd::Heading(HeadingLevel::H6)),
        ],
        // Cells outside a table, a second table without a head, alignments longer and shorter.
        vec![
            Event::Start(Tag::TableCell),
            Event::End(TagEnd::TableCell),
            Event::Start(Tag::Table(vec![Alignment::Right, Alignment::None])),
            Event::Start(Tag::TableHead),
            Event::Start(Tag::TableCell),
            Event::End(TagEnd::TableCell),
            Event::Start(Tag::TableCell),
            Event::End(TagEnd::TableCell),
            Event::Start(Tag::TableCell),
            Event::End(TagEnd::TableCell),
            Event::End(TagEnd::TableHead),
            Event::Start(Tag::TableRow),
            Event::Start(Tag::TableCell),
            Event::End(TagEnd::TableCell),
            Event::End(TagEnd::TableRow),
            Event::End(TagEnd::Table),
            Event::Start(Tag::Table(vec![Alignment::Center])),
            Event::Start(Tag::TableRow),
            Event::Start(Tag::TableCell),
            Event::End(TagEnd::TableCell),
            Event::End(TagEnd::TableRow),
            Event::End(TagEnd::Table),
        ],
        // Footnotes cited and defined in every order, and inside an image's alt text.
        vec![
            Event::FootnoteReference("b".into()),
            Event::Start(Tag::FootnoteDefinition("a&".into())),
            Event::FootnoteReference("a&".into()),
            Event::End(TagEnd::FootnoteDefinition),
            Event::Start(Tag::Image { link_type: LinkType::Inline, dest_url: "i".into(), title: "".into(), id: "".into() }),
            Event::FootnoteReference("c".into()),
            Event::FootnoteReference("b".into()),
            Event::TaskListMarker(true),
            Event::TaskListMarker(false),
            Event::Rule,
            Event::InlineMath("<".into()),
            Event::DisplayMath("&".into()),
            Event::Html("<dropped>".into()),
            Event::InlineHtml("<kept>".into()),
            Event::Start(Tag::Emphasis),
            Event::Text("deep\n".into()),
            Event::End(TagEnd::Emphasis),
            Event::End(TagEnd::Image),
            Event::FootnoteReference("c".into()),
        ],
        // An image whose events end before its end (the rest of the page is its alt text).
        vec![Event::Start(Tag::Image { link_type: LinkType::Inline, dest_url: "i".into(), title: "t".into(), id: "".into() }), Event::Text("a".into())],
        vec![
            Event::Start(Tag::MetadataBlock(pulldown_cmark::MetadataBlockKind::YamlStyle)),
            Event::Text("hidden".into()),
            Event::Code("c".into()),
            Event::End(TagEnd::MetadataBlock(pulldown_cmark::MetadataBlockKind::YamlStyle)),
            Event::Text("shown".into()),
        ],
        vec![
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced("".into()))),
            Event::End(TagEnd::CodeBlock),
            Event::Text("x".into()),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(" lead".into()))),
            Event::End(TagEnd::CodeBlock),
        ],
        vec![Event::Start(Tag::HtmlBlock), Event::Html("<x>".into()), Event::End(TagEnd::HtmlBlock), Event::SoftBreak, Event::HardBreak],
    ];
    for events in sequences {
        let (theirs, ours) = both(&events);
        assert_eq!(theirs, ours, "{events:?}");
    }
}

/// Every Markdown file of the repository: the sample site's pages, the fuzz seeds, the test
/// fixtures and the README.
fn repository_markdown() -> Vec<(std::path::PathBuf, String)> {
    fn walk(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() && !matches!(name.to_str(), Some("node_modules" | "target" | ".git")) {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("README.md")];
    for dir in ["content", "tests", "fuzz/seeds", "src", "benches"] {
        walk(&root.join(dir), &mut paths);
    }
    paths.sort();
    paths.dedup();
    paths.into_iter().filter_map(|p| Some((p.clone(), String::from_utf8_lossy(&std::fs::read(&p).ok()?).into_owned()))).collect()
}

#[test]
fn the_same_html_for_every_markdown_file_of_the_repository() {
    let files = repository_markdown();
    assert!(files.len() > 150, "{} files", files.len());
    for (path, src) in &files {
        let body = src.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")).map_or(src.as_str(), |(_, body)| body);
        for (name, text) in [("whole", src.as_str()), ("body", body)] {
            let events: Vec<Event<'_>> = Parser::new_ext(text, options()).collect();
            let (theirs, ours) = both(&events);
            assert!(theirs == ours, "{} ({name})", path.display());
            let events: Vec<Event<'_>> = Parser::new_ext(text, Options::all()).collect();
            let (theirs, ours) = both(&events);
            assert!(theirs == ours, "{} ({name}, all options)", path.display());
        }
        assert_same_rendered(body);
        assert_same_inline(body);
    }
}
