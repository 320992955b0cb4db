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

/// The policy of a page's `Content-Security-Policy` meta (empty if none; the first if several).
fn policy(html: &str) -> &str {
    html.split("http-equiv=\"Content-Security-Policy\" content=\"").nth(1).and_then(|c| c.split('"').next()).unwrap_or_default()
}

#[test]
fn every_page_forbids_forms_frames_plugins_and_base() {
    let f = Fixture::new();
    assert!(f.build().status.success());
    for rel in files(&f.out()).iter().filter(|r| r.ends_with(".html")) {
        let html = f.read_out(rel);
        let csp = policy(&html);
        for directive in ["form-action 'none'", "object-src 'none'", "base-uri 'none'", "frame-src '"] {
            assert!(csp.contains(directive), "{rel}: CSP `{csp}` lacks {directive}");
        }
    }
}

#[test]
fn every_kind_of_page_carries_the_one_policy_kyklos_writes() {
    // Pages written by Rust code (lessons, courses, home) and by templates (quiz, the language
    // page, 404, a package's launch page): one policy each, the one src/render/csp.rs holds.
    use kyklos::render::csp::{PACKAGE_LAUNCH, PAGE};
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages:\n  - en\n  - code: ar\n    name: العربية\n    direction: rtl\n");
    f.write("content/ar/index.md", "---\ntitle: الرئيسية\n---\nمرحبا.\n");
    f.write(
        "content/en/01-course/01-mod/quiz.yaml",
        "title: Quiz\npass_mark: 50\nquestions:\n  - id: q1\n    type: true_false\n    prompt: Yes?\n    answer: true\n",
    );
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut seen = std::collections::BTreeSet::new();
    for rel in files(&f.out()).iter().filter(|r| r.ends_with(".html")) {
        let html = f.read_out(rel);
        assert_eq!(html.matches("Content-Security-Policy").count(), 1, "{rel}");
        assert_eq!(policy(&html), PAGE, "{rel}");
        seen.insert(html.split("<body class=\"").nth(1).and_then(|b| b.split(['"', ' ']).next()).unwrap_or_default().to_string());
    }
    for kind in ["kind-languages", "kind-not-found", "kind-home", "kind-course", "kind-module", "kind-lesson", "kind-quiz"] {
        assert!(seen.contains(kind), "no {kind} page among {seen:?}");
    }
    let mut launch = 0;
    for rel in files(&f.out()).iter().filter(|r| r.ends_with(".zip") && r.contains("scorm")) {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(f.out().join(rel)).unwrap())).unwrap();
        let names: Vec<String> = zip.file_names().filter_map(Result::ok).filter(|n| n.ends_with(".html")).map(|n| n.into_owned()).collect();
        for name in names {
            let mut html = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut html).unwrap();
            let want = if name.ends_with("sco.html") { PACKAGE_LAUNCH } else { PAGE };
            launch += usize::from(name.ends_with("sco.html"));
            assert_eq!(policy(&html), want, "{rel}: {name}");
        }
    }
    assert!(launch > 0, "no package launch page");
}

/// Author HTML that tries everything at once; every script would set `window.__pwned` or
/// open a dialog, every load or navigation would leave the site.
const HOSTILE_BODY: &str = r#"<script>window.__pwned = 1</script>
<img src="x.png" alt="a"
onerror="window.__pwned = 2">

<p><a href="jav&#x09;ascript:window.__pwned=3" id="js">js</a> <img src=y.png alt=y onload=alert(1)></p>
<iframe srcdoc="<script>parent.__pwned = 4</script>"></iframe>
<iframe src="https://example.org/"></iframe>
<meta http-equiv="refresh" content="0;url=https://example.org/">
<form action="https://example.org/collect"><input name="q" value="x"><button autofocus>Send</button></form>
<object data="https://example.org/x.swf"></object><embed src="https://example.org/x.swf">
<base href="https://example.org/">
<link rel="stylesheet" href="https://example.org/x.css">
<style>@import url(https://example.org/y.css); body { background: url(https://example.org/t.png) }</style>
<p style="background: url(https://example.org/u.png)">styled</p>
<img src="https://example.org/t.png" alt="tracker"> <video src="//example.org/v.mp4" poster="https://example.org/p.png" autoplay></video>
<svg><script>window.__pwned = 5</script><image href="https://example.org/s.png"/></svg>
<math><mtext><table><mglyph><style><img src=https://example.org/m.png onerror=alert(2)></style></mglyph></table></mtext></math>
<details open ontoggle="window.__pwned = 6"><summary>More</summary>

Markdown inside the details.

</details>

Harmless text after the details.

<!-- a closed comment -->
<div class="box">

<textarea>
"#;

/// Builds the fixture with a placeholder, then puts the sanitized hostile body where the
/// placeholder was: the real theme around exactly what kyklos would publish (`build` itself
/// refuses this page, see above). Without the sanitizer (the raw body spliced in) the browser
/// test fails: scripts run and the page leaves the site.
fn hostile_site() -> (Fixture, String) {
    use kyklos::markdown::{render, Labels, Links, Resolved};
    struct Keep;
    impl Links for Keep {
        fn resolve(&self, _: &str, _: bool) -> Resolved {
            Resolved::Keep
        }
    }
    let f = Fixture::new();
    f.write(PAGE, "---\ntitle: HTML\n---\nPLACEHOLDER\n");
    assert!(f.build().status.success());
    let rel = "en/course/mod/html.html";
    let rendered = render(HOSTILE_BODY, &Keep, &Labels::default());
    assert!(rendered.problems.len() >= 15, "{:?}", rendered.problems);
    let page = f.read_out(rel).replace("<p>PLACEHOLDER</p>", &rendered.html);
    assert!(page.contains("Harmless text"));
    f.write(&format!("dist/{rel}"), page);
    (f, rel.to_string())
}

#[test]
fn hostile_html_in_chromium_stays_on_the_site_runs_nothing_and_keeps_the_footer() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let ready = std::process::Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success())
        && std::path::Path::new("/usr/bin/chromium").exists()
        && root.join("tests/browser/node_modules/playwright-core").is_dir();
    if !ready {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "node, /usr/bin/chromium or tests/browser/node_modules missing");
        eprintln!("SKIPPED: hostile page in Chromium (node, /usr/bin/chromium or tests/browser/node_modules missing)");
        return;
    }
    let (f, rel) = hostile_site();
    let out = std::process::Command::new("node")
        .arg("--test")
        .arg(root.join("tests/browser/hostile-page.js"))
        .env("HOSTILE_DIR", f.out())
        .env("HOSTILE_PAGE", rel)
        .output()
        .expect("run node");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && text.contains("# pass 2"), "{text}");
}
