//! Raw HTML in Markdown: `check` reports every refused or removed construct with its file,
//! line and column; a page that only loses formatting builds (with warnings) and keeps its
//! allowed HTML and the Markdown inside it; the CSP of every page forbids forms, frames,
//! plugins and a moved base URL.

mod common;

use common::*;

const PAGE: &str = "content/en/01-course/01-mod/03-html.md";

/// One hostile construct per line (from line 4 on), each with the error check must give.
const HOSTILE: &[(&str, &str)] = &[
    ("<script>alert(1)</script>", "`<script>`: scripts are not allowed"),
    ("<p>x <img src=\"a.png\" alt=\"a\" onerror=\"alert(1)\"></p>", "event handlers (`onerror` on `<img>`)"),
    ("<p><a href=\"jav&#x09;ascript:alert(1)\">x</a></p>", "URLs are not allowed in HTML (`href` on `<a>`)"),
    ("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>", "`<iframe>`: embedded content is not allowed"),
    ("<meta http-equiv=\"refresh\" content=\"0;url=https://example.org/\">", "`<meta>`: this element belongs to the page's head"),
    ("<form action=\"https://example.org/\"></form>", "`<form>`: forms are not allowed"),
    ("<object data=\"x.swf\"></object>", "`<object>`: embedded content"),
    ("<embed src=\"x.swf\">", "`<embed>`: embedded content"),
    ("<base href=\"https://example.org/\">", "`<base>`: this element belongs to the page's head"),
    ("<p><img src=\"https://example.org/t.png\" alt=\"t\"></p>", "`<img>` would load `https://example.org/t.png` from another site"),
    ("<link rel=\"stylesheet\" href=\"https://example.org/x.css\">", "`<link>`: style sheets are not allowed"),
    ("<svg><script>alert(1)</script></svg>", "`<svg>`: inline SVG and MathML are not allowed"),
    ("<p><a href=\"missing.md\">x</a></p>", "the page or file `missing.md` does not exist"),
];

fn hostile_page() -> String {
    let mut page = String::from("---\ntitle: HTML\n---\n");
    for (html, _) in HOSTILE {
        page.push_str(html);
        page.push('\n');
    }
    page
}

#[test]
fn check_reports_each_refused_construct_at_its_position() {
    let f = Fixture::new();
    f.write(PAGE, hostile_page());
    let out = f.check();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (i, (html, message)) in HOSTILE.iter().enumerate() {
        let line = i + 4;
        // The column of the construct itself: the tag, or the attribute that is refused.
        let col = match *message {
            m if m.contains("onerror") => html.find("onerror").unwrap(),
            m if m.contains("`href` on") || m.contains("missing.md") => html.find("href").unwrap(),
            m if m.contains("would load") => html.find("src").unwrap(),
            _ => 0,
        } + 1;
        let want = format!("{PAGE}:{line}:{col}: error: ");
        assert!(err.lines().any(|l| l.starts_with(&want) && l.contains(message)), "missing `{want}… {message}` in\n{err}");
    }
    assert!(!f.out().exists(), "a failed build must not write dist/");
    assert!(!f.build().status.success());
    assert!(!f.out().exists());
}

#[test]
fn an_unclosed_comment_or_textarea_is_an_error_where_it_opens() {
    let f = Fixture::new();
    f.write(PAGE, "---\ntitle: HTML\n---\nIntro.\n\n<!-- draft\n\n## Rest of the lesson\n");
    f.write("content/en/01-course/01-mod/04-more.md", "---\ntitle: More\n---\nText <textarea>\n\nmore\n");
    let err = stderr(&f.check());
    assert!(err.contains(&format!("{PAGE}:6:1: error: this HTML comment is never closed")), "{err}");
    assert!(err.contains("04-more.md:4:6: error: `<textarea>`: forms are not allowed"), "{err}");
    assert!(err.contains("04-more.md:4:6: error: `<textarea>` is never closed"), "{err}");
}

#[test]
fn removed_formatting_warns_and_allowed_html_is_published() {
    let f = Fixture::new();
    f.write(
        PAGE,
        "---\ntitle: HTML\n---\n<details class=\"box\">\n<summary>More</summary>\n\nMarkdown *inside*, see [the first](01-first.md).\n\n</details>\n\n\
         Say <span lang=\"fr\" dir=\"ltr\">bonjour</span>, press <kbd>F1</kbd>, H<sub>2</sub>O.\n\n\
         <p style=\"color: red\" id=\"x\">Styled</p>\n\n<font color=\"red\">old</font>\n\n<div class=\"note\">\n\nNever closed.\n",
    );
    let out = f.build();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    for want in [
        format!("{PAGE}:13:4: warning: the attribute `style` on `<p>` is not allowed and is removed"),
        format!("{PAGE}:13:23: warning: the attribute `id` on `<p>` is not allowed and is removed"),
        format!("{PAGE}:15:1: warning: `<font>` is not among the HTML elements kyklos allows"),
        format!("{PAGE}:17:1: warning: `<div>` is never closed"),
    ] {
        assert!(err.contains(&want), "missing {want} in\n{err}");
    }
    let html = f.read_out("en/course/mod/html.html");
    let main = html.split("<main").nth(1).and_then(|m| m.split("</main>").next()).unwrap_or_default();
    assert!(main.contains("<summary>More</summary>"), "{main}");
    assert!(main.contains("<p>Markdown <em>inside</em>, see <a href=\"first.html\">the first</a>.</p>\n</details>"), "{main}");
    assert!(main.contains("<span lang=\"fr\" dir=\"ltr\">bonjour</span>") && main.contains("<kbd>F1</kbd>"), "{main}");
    assert!(main.contains("<p>Styled</p>") && main.contains("old") && !main.contains("<font"), "{main}");
    // The unclosed div is closed inside the page body: the footer is still the theme's.
    let doc = f.html("en/course/mod/html.html");
    assert_eq!(select(&doc, "body > footer.site-footer").len(), 1, "the footer is gone:\n{html}");
}

#[test]
fn every_page_forbids_forms_frames_plugins_and_base() {
    let f = Fixture::new();
    assert!(f.build().status.success());
    for rel in files(&f.out()).iter().filter(|r| r.ends_with(".html")) {
        let html = f.read_out(rel);
        let csp = html.split("http-equiv=\"Content-Security-Policy\" content=\"").nth(1).and_then(|c| c.split('"').next()).unwrap_or_default();
        for directive in ["form-action 'none'", "object-src 'none'", "base-uri 'none'", "frame-src '"] {
            assert!(csp.contains(directive), "{rel}: CSP `{csp}` lacks {directive}");
        }
    }
}
