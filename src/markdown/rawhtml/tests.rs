use crate::diagnostics::Severity;
use crate::markdown::html_policy::{self as policy, UrlKind};
use crate::markdown::{render, Labels, Links, Rendered, Resolved};

/// Pages `*.md` exist, `missing*` does not, images beside the page exist.
struct Site;
impl Links for Site {
    fn resolve(&self, dest: &str, _: bool) -> Resolved {
        if dest.starts_with("missing") {
            Resolved::Error(format!("the page or file `{dest}` does not exist"), "check the spelling".into())
        } else if let Some(anchor) = dest.strip_prefix('#') {
            Resolved::Anchor { href: dest.into(), page: None, anchor: anchor.into() }
        } else if let Some((stem, rest)) = dest.split_once(".md") {
            Resolved::Rewrite(format!("{stem}.html{rest}"))
        } else {
            Resolved::Keep
        }
    }
}

fn md(src: &str) -> Rendered {
    render(src, &Site, &Labels::default())
}

/// Parses the output as a browser would and checks every element and attribute against the
/// policy: only allowed elements, no handlers or styles, links only to the site or with safe
/// schemes, media only from the site, no comments, no placeholder left.
fn assert_clean(src: &str, html: &str) {
    let doc = scraper::Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        match node.value() {
            scraper::Node::Comment(c) => panic!("{src:?}\n→ {html}\nhas a comment {c:?}"),
            scraper::Node::Element(e) => {
                let name = e.name();
                assert!(policy::element_allowed(name) || matches!(name, "html" | "body"), "{src:?}\n→ {html}\nhas <{name}>");
                for (attr, value) in e.attrs() {
                    assert!(policy::attribute_allowed(name, attr), "{src:?}\n→ {html}\nhas {attr} on <{name}>");
                    if policy::is_url_attribute(name, attr) {
                        match policy::classify_url(value) {
                            UrlKind::Relative(_) | UrlKind::Empty => {}
                            UrlKind::Remote { scheme: Some(s), .. } if name == "a" && policy::LINK_SCHEMES.contains(&s.as_str()) => {}
                            other => panic!("{src:?}\n→ {html}\nhas {attr}={other:?}"),
                        }
                    }
                }
            }
            _ => {}
        }
    }
    assert!(!html.contains(['\u{FDD0}', '\u{FDD1}']), "{src:?} left a placeholder: {html}");
}

/// Hostile inputs: each must come out clean AND be reported as an error.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>\n",
    "<SCRIPT SRC=https://example.org/x.js></SCRIPT>\n",
    "<img src=\"x.png\" alt=\"a\"\nonerror=\"alert(1)\">\n",
    "Text <img src=x.png alt=a onerror=alert(1)> inline\n",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>\n",
    "<a href=\"&#106;&#97;vascript:alert(1)\">x</a>\n",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>\n",
    "<a href=\" javascript:alert(1)\">x</a>\n",
    "<a href=\"java&NewLine;script:alert(1)\">x</a>\n",
    "<a href=\"javascript&colon;alert(1)\">x</a>\n",
    "<a href=\"vbscript:msgbox(1)\">x</a>\n",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>\n",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\" alt=x>\n",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n",
    "<iframe src=\"https://example.org/\"></iframe>\n",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://example.org/\">\n",
    "<form action=\"https://example.org/\"><input name=q><button>Send</button></form>\n",
    "<object data=\"https://example.org/x.swf\"></object>\n",
    "<embed src=\"https://example.org/x.swf\">\n",
    "<base href=\"https://example.org/\">\n",
    "<link rel=\"stylesheet\" href=\"https://example.org/x.css\">\n",
    "<style>@import url(https://example.org/x.css); body{background:url(https://example.org/t.png)}</style>\n",
    "<img src=\"https://example.org/t.png\" alt=\"tracker\">\n",
    "<img src=\"//example.org/t.png\" alt=\"tracker\">\n",
    "<video src=\"https://example.org/v.mp4\" controls></video>\n",
    "<video src=local.mp4 poster=\"https://example.org/p.png\"></video>\n",
    "<svg><script>alert(1)</script></svg>\n",
    "<svg onload=alert(1)><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>\n",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>\n",
    "<details open ontoggle=alert(1)><summary>x</summary>y</details>\n",
    "<DIV ONCLICK=\"alert(1)\">x</DIV>\n",
    "<a href=x.md onmouseover=alert(1)>x</a>\n",
    "<scr<script>ipt>alert(1)</script>\n",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>\n",
    "<textarea>\n\n# Swallowed?\n",
    "<title>x\n\nmore\n",
    "<!-- never closed\n\nText after\n",
    "<plaintext>\n",
    "<a href=\"missing.md\">x</a>\n",
    "<a href=\"file:///etc/passwd\">x</a>\n",
];

#[test]
fn hostile_html_is_removed_and_reported() {
    for src in HOSTILE {
        let r = md(src);
        assert_clean(src, &r.html);
        assert!(r.problems.iter().any(|p| p.severity == Severity::Error), "{src:?} gave no error: {:?}", r.problems);
    }
}

/// Not HTML to the Markdown parser (shown as text), or text once cleaned: clean, reported or not.
#[test]
fn odd_input_comes_out_clean() {
    let odd = [
        "<b\0 onclick=alert(1)>x</b>\n",
        "<a href=\"x\"\0onclick=y>z</a>\n",
        "<!-- <!-- nested --> <script>alert(1)</script> -->\n",
        "<p title=\"a\n\nb\">x</p>\n",
        "<div title=\"x\n\n*md* <b onclick=1>\">y</div>\n",
        "<img src=x.png alt=\"\n\n[l](javascript:alert(1))\n\n\">\n",
        "<table>\n\ntext *in* table\n\n</table>\n",
        "<a href=\"x.md\">a <a href=\"y.md\">b</a></a>\n",
        "<svg><foreignObject><iframe src=https://example.org/></iframe></foreignObject></svg>\n",
        "<select><template><style><img src=x onerror=alert(1)></style></template></select>\n",
        "<<script>script>alert(1)<</script>/script>\n",
        "<img src=\"x.png\" alt=\"a\" ONERROR=alert(1) OnError=alert(2)>\n",
    ];
    for src in odd {
        assert_clean(src, &md(src).html);
    }
}

#[test]
fn harmless_html_is_kept() {
    let cases = [
        ("<details><summary>More</summary>Hidden text</details>\n", "<details><summary>More</summary>Hidden text</details>"),
        ("Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.\n", "<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.</p>"),
        ("H<sub>2</sub>O and x<sup>2</sup>, <abbr title=\"World Health Organization\">WHO</abbr>\n", "<abbr title=\"World Health Organization\">WHO</abbr>"),
        ("Line<br>break\n", "Line<br>break"),
        ("<span lang=\"fr\" dir=\"ltr\" class=\"quote\">oui</span>\n", "<span lang=\"fr\" dir=\"ltr\" class=\"quote\">oui</span>"),
        ("<div class=\"note\" lang=\"ar\" dir=\"rtl\">نص</div>\n", "<div class=\"note\" lang=\"ar\" dir=\"rtl\">نص</div>"),
        ("<figure><img src=\"photo.png\" alt=\"A photo\"><figcaption>Caption</figcaption></figure>\n", "<img src=\"photo.png\" alt=\"A photo\">"),
        ("<a href=\"https://example.net/x\">out</a>\n", "<a href=\"https://example.net/x\">out</a>"),
        ("<a href=\"other.md#part\">in</a>\n", "<a href=\"other.html#part\">in</a>"),
        ("<a href=\"mailto:a@b.c\">mail</a>\n", "<a href=\"mailto:a@b.c\">mail</a>"),
        ("<table><tr><th scope=\"col\">A</th></tr><tr><td colspan=\"2\">1</td></tr></table>\n", "<th scope=\"col\">A</th>"),
        ("<video controls src=\"clip.mp4\"><track kind=\"captions\" src=\"clip.vtt\" srclang=\"de\" label=\"Deutsch\"></video>\n", "<track kind=\"captions\""),
    ];
    for (src, want) in cases {
        let r = md(src);
        assert!(r.html.contains(want), "{src:?}\n→ {}\nwants {want}", r.html);
        assert!(r.problems.is_empty(), "{src:?}: {:?}", r.problems);
    }
}

#[test]
fn markdown_between_html_blocks_stays_inside_them() {
    let r = md("<details>\n<summary>More</summary>\n\nMarkdown *inside* [a link](other.md).\n\n</details>\n\nAfter.\n");
    let inside = r.html.split("<summary>More</summary>").nth(1).and_then(|rest| rest.split("</details>").next()).unwrap_or_default();
    assert_eq!(inside.trim(), "<p>Markdown <em>inside</em> <a href=\"other.html\">a link</a>.</p>", "{}", r.html);
    assert!(r.html.contains("<p>After.</p>"));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn nothing_left_open_reaches_past_the_body() {
    for src in ["<div class=\"box\">\n\nText\n", "<details><summary>x</summary>\n\nText\n", "Some <b>bold\n\nnext\n"] {
        let r = md(src);
        let opens = r.html.matches("<div").count() + r.html.matches("<details").count() + r.html.matches("<b>").count();
        let closes = r.html.matches("</div>").count() + r.html.matches("</details>").count() + r.html.matches("</b>").count();
        assert_eq!(opens, closes, "{src:?} → {}", r.html);
    }
    let r = md("<div class=\"box\">\n\nText\n");
    assert!(r.problems.iter().any(|p| p.severity == Severity::Warning && p.message.contains("never closed")), "{:?}", r.problems);
}

#[test]
fn problems_point_at_the_construct() {
    let src = "Intro\n\n<img src=\"x.png\" alt=\"a\"\n  onerror=\"alert(1)\">\n\n<p>ok <a href=\"jav&#x09;ascript:x\">y</a></p>\n";
    let r = md(src);
    let at = |needle: &str| src.find(needle).unwrap();
    let offsets: Vec<usize> = r.problems.iter().map(|p| p.offset).collect();
    assert!(offsets.contains(&at("onerror")), "{:?}", r.problems);
    assert!(offsets.contains(&at("href=\"jav")), "{:?}", r.problems);
    let inline = md("A <kbd>x</kbd> and <b onclick=y>z</b>\n");
    assert_eq!(inline.problems.len(), 1);
    assert_eq!(inline.problems[0].offset, "A <kbd>x</kbd> and <b ".len());
}

#[test]
fn dropped_formatting_is_a_warning_with_its_text_kept() {
    let r = md("<font color=red>red</font> and <p style=\"color:red\" id=\"x\">p</p>\n");
    assert!(r.html.contains("red") && r.html.contains(">p</p>"), "{}", r.html);
    assert!(!r.html.contains("<font") && !r.html.contains("style") && !r.html.contains("id="), "{}", r.html);
    assert_eq!(r.problems.len(), 3, "{:?}", r.problems);
    assert!(r.problems.iter().all(|p| p.severity == Severity::Warning));
}

#[test]
fn comments_are_dropped_quietly_and_html_in_alt_is_text() {
    let r = md("<!-- a note for editors -->\n\nText <!-- inline --> here.\n\n![a <b>b</b>](x.png)\n");
    assert!(!r.html.contains("<!--") && !r.html.contains("editors"), "{}", r.html);
    assert!(r.html.contains("alt=\"a &lt;b&gt;b&lt;/b&gt;\"") || r.html.contains("alt=\"a b\""), "{}", r.html);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn forged_placeholders_fall_back_to_passage_by_passage() {
    let r = md("<p>&#xFDD0;0&#xFDD1;</p>\n\n*x*\n\n<div>\n");
    assert_clean("forged", &r.html);
    assert!(r.html.contains("<em>x</em>"), "{}", r.html);
}

#[test]
fn raw_anchors_are_checked_like_markdown_ones() {
    let r = md("<a href=\"#nowhere\">x</a>\n");
    assert_eq!(r.anchors.len(), 1);
    assert_eq!(r.anchors[0].anchor, "nowhere");
}

/// A tag the page ends inside (`<script` with no `>`: an HTML block that runs to the end of the
/// page) or a raw-text element never closed would take the rest of the page with it: an error
/// at the `<`, for every kind of element the browser reads as raw text, and the output clean.
#[test]
fn unfinished_and_unclosed_raw_text_elements_are_errors_at_their_start() {
    let raw = ["script", "style", "textarea", "xmp", "noembed", "plaintext", "title", "iframe", "noframes", "noscript", "listing"];
    let unfinished =
        raw.iter().map(|t| format!("<{t}")).chain(["<pre", "<!DOCTYPE html", "<div title='x", "</div", "<a href=\"x.md", "<script src=x.js"].map(String::from));
    let unclosed = raw.iter().map(|t| format!("<{t}>"));
    for tag in unfinished.chain(unclosed) {
        let src = format!("Before\n\n{tag}\n\nText after *it*\n\nMore\n");
        let r = md(&src);
        assert_clean(&src, &r.html);
        let at = src.find('<').unwrap();
        let kept = r.html.contains("Text after <em>it</em>") && r.html.contains("More");
        // What Markdown shows as text (`<xmp` without `>` is not HTML to it) needs no error.
        assert!(kept || r.problems.iter().any(|p| p.severity == Severity::Error && p.offset == at), "{tag}: {:?}\n{}", r.problems, r.html);
        if tag.ends_with('>') || ["<script", "<style", "<textarea", "<pre", "<!DOCTYPE html", "<script src=x.js"].contains(&tag.as_str()) {
            assert!(r.problems.iter().any(|p| p.severity == Severity::Error && p.offset == at), "{tag}: {:?}", r.problems);
        }
    }
    let r = md("<!doctype html>\n\nText\n");
    assert!(r.problems.iter().all(|p| p.severity != Severity::Error), "{:?}", r.problems);
}

/// Elements left open again and again (100,000 `<details>` took the HTML parser 31 s, its tree
/// builder looking through all of them at every tag) are an error at the first tag past the
/// limit; what the parser closes by itself and void elements are not counted, so real pages
/// with many of them are read as before.
#[test]
fn html_nested_too_deep_is_an_error_at_the_tag_past_the_limit() {
    use crate::markdown::limits::MAX_NESTING;
    for tag in ["<details>", "<div>", "<blink>", "<span>", "<b>"] {
        let src = format!("Intro\n\n{}\n", tag.repeat(20_000));
        let r = md(&src);
        let errors: Vec<_> = r.problems.iter().filter(|p| p.severity == Severity::Error).collect();
        assert_eq!(errors.len(), 1, "{tag}: {:?}", &r.problems[..r.problems.len().min(3)]);
        assert_eq!(errors[0].offset, "Intro\n\n".len() + tag.len() * MAX_NESTING, "{tag}");
        assert!(errors[0].message.contains("nested more than 64 levels"), "{}", errors[0].message);
    }
    let within = format!("{}x{}\n", "<div>".repeat(MAX_NESTING), "</div>".repeat(MAX_NESTING));
    let r = md(&within);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.html.matches("<div>").count(), MAX_NESTING);
    // Closed as they go, or closed by the parser itself: any number of them.
    let many = [
        "<div>x</div>".repeat(5_000),
        "<p>a".repeat(5_000),
        "<ul><li>a<li>b</ul>".repeat(2_000),
        "<br><hr><img src=\"x.png\" alt=\"\">".repeat(2_000),
        "<a id=\"n\">a".repeat(1_000),
        "<table><tr><td>a<td>b</table>".repeat(1_000),
    ];
    for src in many {
        let r = md(&format!("{src}\n"));
        assert!(r.problems.iter().all(|p| p.severity != Severity::Error), "{}: {:?}", &src[..40], r.problems.iter().find(|p| p.severity == Severity::Error));
    }
}
