use super::*;

/// `line:col message` of each finding.
fn found(svg: &str) -> Vec<String> {
    check("d.svg", svg.as_bytes()).into_iter().map(|f| format!("{}:{} {}", f.line, f.col, f.message)).collect()
}

/// Each finding is at `line:col`, or where `at` first occurs in the drawing, and says `words`.
#[track_caller]
fn refused(svg: &str, expected: &[(&str, &str)]) {
    let all = found(svg);
    assert_eq!(all.len(), expected.len(), "{svg}\n{all:#?}");
    for ((at, words), got) in expected.iter().zip(&all) {
        let at = match svg.find(at) {
            Some(offset) if !at.starts_with(|c: char| c.is_ascii_digit()) => {
                let (line, col) = LineIndex::new(svg).line_col(offset);
                format!("{line}:{col}")
            }
            _ => at.to_string(),
        };
        assert!(got.starts_with(&format!("{at} ")) && got.contains(words), "{svg}\nexpected {at} …{words}…\n{all:#?}");
    }
}

#[track_caller]
fn accepted(svg: &str) {
    assert_eq!(found(svg), Vec::<String>::new(), "{svg}");
}

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">";

#[test]
fn the_reported_drawing_is_refused_construct_by_construct() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script><image href=\"https://evil.example/i.png\"/><style>@import url(https://evil.example/s.css);</style><a href=\"javascript:alert(3)\"><text>x</text></a></svg>";
    refused(
        svg,
        &[
            ("1:41", "`onload` on `<svg>` is an event handler"),
            ("1:59", "`<script>` runs a script"),
            ("1:91", "`<image href=\"https://evil.example/i.png\">` loads a file from another server"),
            ("1:133", "`@import` in `<style>`"),
            ("1:184", "`href=\"javascript:…\"` on `<a>` runs a script"),
        ],
    );
}

#[test]
fn real_drawings_from_editors_pass() {
    for (name, svg) in [
        ("inkscape", include_str!("samples/inkscape.svg")),
        ("illustrator", include_str!("samples/illustrator.svg")),
        ("drawio", include_str!("samples/drawio.svg")),
        ("wikimedia", include_str!("samples/wikimedia.svg")),
        ("the sample site's", include_str!("../../content/en/01-course/01-multiculturalism-and-migration/push-pull-diagram.svg")),
    ] {
        assert_eq!(found(svg), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn scripts_are_refused_under_any_prefix_or_case() {
    refused(&format!("{SVG}\n  <svg:script>x</svg:script>\n</svg>"), &[("2:3", "`<svg:script>` runs a script")]);
    refused(&format!("{SVG}<SCRIPT>x</SCRIPT></svg>"), &[("1:84", "`<SCRIPT>`")]);
    refused(
        &format!("{SVG}<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\" src=\"a.js\"/></svg>"),
        &[("<h:", "`<h:script>`"), ("src=", "refers to another file")],
    );
    refused(&format!("{SVG}<handler type=\"application/ecmascript\">x</handler></svg>"), &[("<handler", "`<handler>`")]);
}

#[test]
fn event_handlers_are_refused_everywhere_also_in_foreign_objects() {
    refused(
        &format!("{SVG}\n<rect\n   onClick=\"x()\" width=\"1\"/>\n<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\" onmouseover=\"x()\">t</div></foreignObject></svg>"),
        &[("3:4", "`onClick` on `<rect>` is an event handler"), ("4:58", "`onmouseover` on `<div>`")],
    );
    refused(
        &format!("{SVG}<foreignObject><iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"https://evil.example/\"/><img src=\"https://evil.example/p.png\" onerror=\"x()\"/></foreignObject></svg>"),
        &[
            ("<iframe", "`<iframe>` embeds another document"),
            ("src=", "`<iframe src=\"https://evil.example/\">` loads a file from another server"),
            ("src=\"https://evil.example/p", "`<img src=\"https://evil.example/p.png\">`"),
            ("onerror", "`onerror` on `<img>`"),
        ],
    );
    // A foreignObject with plain XHTML text, as draw.io writes it, is fine.
    accepted(&format!("{SVG}<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\" style=\"font-family: &quot;Courier New&quot;\"><b>Hi</b><br/></div></foreignObject></svg>"));
}

#[test]
fn script_addresses_are_refused_however_they_are_written() {
    let zeros = format!("java&#{}115;cript:x", "0".repeat(100));
    for href in [
        "javascript:alert(1)",
        "JaVaScRiPt:x",
        " \t java\nscript:x",
        "&#106;avascript:x",
        "java&#x09;script:x",
        "vbscript:msgbox",
        "&#x6A;&#x61;vascript&#58;x",
        &zeros,
    ] {
        let svg = format!("{SVG}<a xlink:href=\"{href}\"><text>x</text></a></svg>");
        refused(&svg, &[("1:87", "script:…\"` on `<a>` runs a script")]);
    }
    refused(
        &format!("{SVG}<a href=\"data:text/html,&lt;script&gt;x&lt;/script&gt;\"><text>x</text></a></svg>"),
        &[("href", "opens a `data:text/html` document")],
    );
    refused(&format!("{SVG}<a href=\"data:image/svg+xml;base64,PHN2Zz4=\"><text>x</text></a></svg>"), &[("href", "`data:image/svg+xml`")]);
    // An animation that turns a link into a script, or an image into a remote one.
    refused(
        &format!("{SVG}<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>x</text></a></svg>"),
        &[("to=", "`to=\"javascript:…\"` on `<set>`")],
    );
    refused(
        &format!("{SVG}<image><animate attributeName=\"xlink:href\" values=\"#a; https://evil.example/x.png\"/></image></svg>"),
        &[("values", "`<animate values=\"https://evil.example/x.png\">` loads a file from another server")],
    );
    // Links the reader clicks may go anywhere that is not a script.
    for href in ["https://example.org/", "http://example.org", "mailto:a@example.org", "other.html", "#top", "data:image/png;base64,iVBO", ""] {
        accepted(&format!("{SVG}<a href=\"{href}\"><text>x</text></a><a xlink:href=\"{href}\"/></svg>"));
    }
}

#[test]
fn references_that_load_from_elsewhere_are_refused() {
    let cases = [
        ("<image href=\"https://evil.example/i.png\"/>", "loads a file from another server"),
        ("<image xlink:href=\"//evil.example/i.png\"/>", "loads a file from another server"),
        ("<image href=\"file:///etc/passwd\"/>", "loads a file from another server"),
        ("<image href=\"/var/www/photo.png\"/>", "refers to another file"),
        ("<image href=\"photo.png\"/>", "refers to another file"),
        ("<feImage href=\"https://evil.example/i.png\"/>", "loads a file"),
        ("<use href=\"sprites.svg#flag\"/>", "`<use>` may only repeat a part of this drawing, not `sprites.svg#flag`"),
        ("<use xlink:href=\"data:image/svg+xml,&lt;svg/&gt;\"/>", "`<use>` may only repeat"),
        ("<image href=\"data:text/html,x\"/>", "holds a `data:text/html` document, not an image"),
        ("<image srcset=\"a.png 1x\"/>", "`srcset` on `<image>` loads images"),
    ];
    for (element, words) in cases {
        let attr = element.split(' ').nth(1).and_then(|a| a.split('=').next()).unwrap_or_default();
        refused(&format!("{SVG}\n{element}</svg>"), &[(&format!(" {attr}=")[1..], words)]);
    }
    for element in [
        "<image href=\"data:image/png;base64,iVBO&#10;Rw0K\"/>",
        "<image href=\"data:image/svg+xml;utf8,&lt;svg/&gt;\"/>",
        "<use href=\"#flag\"/>",
        "<image href=\" \"/>",
    ] {
        accepted(&format!("{SVG}{element}</svg>"));
    }
}

#[test]
fn css_that_loads_from_elsewhere_is_refused() {
    refused(
        &format!("{SVG}<style>\n  .a {{ fill: url(#grad) }}\n  @import \"https://fonts.example/f.css\";\n  .b {{ background: URL( 'https://evil.example/b.png' ) }}\n</style></svg>"),
        &[("3:3", "`@import` in `<style>` loads another style sheet"), ("4:20", "`url(https://evil.example/b.png)` in `<style>` loads a file from another server")],
    );
    // Escapes, comments, entities and CDATA hide nothing.
    refused(&format!("{SVG}<style>.b{{fill:u\\72 l(//evil.example/x)}}</style></svg>"), &[("u\\72", "`url(//evil.example/x)`")]);
    refused(&format!("{SVG}<style>@\\69mport 'x.css';</style></svg>"), &[("@", "`@import`")]);
    refused(&format!("{SVG}<style>@im<!-- -->port 'x.css';</style></svg>"), &[("@", "`@import`")]);
    refused(&format!("{SVG}<style>&#64;import 'x.css';</style></svg>"), &[("&#64;", "`@import`")]);
    refused(&format!("{SVG}<style><![CDATA[\n.b{{fill:url(x.png)}}]]></style></svg>"), &[("2:9", "`url(x.png)` in `<style>` refers to another file")]);
    refused(
        &format!("{SVG}<style>.a{{background:image-set(\"https://evil.example/a.png\" 1x)}}</style></svg>"),
        &[("\"https", "`url(https://evil.example/a.png)`")],
    );
    // Style and presentation attributes, on SVG and on HTML inside a foreignObject.
    refused(
        &format!("{SVG}<rect style=\"fill: red; background:url(&quot;//evil.example/x&quot;)\" fill=\"url(https://evil.example/#p)\"/></svg>"),
        &[("url(&quot;", "`url(//evil.example/x)` in `style` on `<rect>`"), ("url(https", "in `fill` on `<rect>`")],
    );
    // What a drawing may use: its own parts, data: URLs, namespaces.
    accepted(&format!(
        "{SVG}<style>@namespace svg url(http://www.w3.org/2000/svg); .a{{fill:url(#g);mask:url( \"#m\" )}} @font-face{{src:url(data:font/woff2;base64,AA) format('woff2')}} .c{{content:\"url(x)\"}}</style><rect style=\"clip-path:url(#c)\" filter=\"url(#f)\"/></svg>"
    ));
}

#[test]
fn doctypes_that_read_files_or_multiply_text_are_refused() {
    refused(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n  <!ENTITY % dtd SYSTEM \"https://evil.example/x.dtd\">\n  %dtd;\n]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&xxe;</text></svg>",
        &[("3:3", "external entity `xxe`"), ("4:3", "parameter entity `%dtd`"), ("5:3", "uses a parameter entity")],
    );
    let laughs = "<!DOCTYPE svg [\n <!ENTITY lol \"lol\">\n <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&lol1;</text></svg>";
    refused(laughs, &[("3:2", "the entity `lol1` is made of other entities")]);
    refused(
        "<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"alert(1)\">]><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        &[("1:16", "default attributes (`<!ATTLIST`)")],
    );
    // Plain entities, as Illustrator writes them, are expanded, and checked like the rest.
    refused(
        "<!DOCTYPE svg [<!ENTITY js \"javascript:alert(1)\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"&js;\"><text>x</text></a></svg>",
        &[("2:44", "`href=\"javascript:…\"` on `<a>`")],
    );
    refused(&format!("{SVG}<a href=\"javascript&colon;x\"/></svg>"), &[("&colon;", "`&colon;` is not defined in this file")]);
    refused(&format!("{SVG}<style>@import &ext;;</style></svg>"), &[("@import", "`@import`"), ("&ext;", "`&ext;` is not defined")]);
    // The text that entities may add is bounded.
    let big = "x".repeat(1000);
    let uses = "&b;".repeat(1100);
    let svg = format!("<!DOCTYPE svg [<!ENTITY b \"{big}\">]><svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{uses}\"/>");
    assert!(found(&svg).iter().any(|f| f.contains("expand to more than 1 MiB")), "{:?}", found(&svg).first());
}

#[test]
fn style_sheet_instructions_are_refused_other_instructions_pass() {
    refused(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet type=\"text/css\" href=\"https://evil.example/s.css\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        &[("2:1", "`<?xml-stylesheet?>`")],
    );
    accepted("<?xml version=\"1.0\"?><?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/><?xpacket end=\"w\"?>");
}

#[test]
fn only_encodings_that_keep_ascii_as_ascii_are_read() {
    refused("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", &[("1:1", "saved in the encoding `shift_jis`")]);
    refused("<?xml version='1.0' encoding='UTF-16'?><svg/>", &[("1:1", "`utf-16`")]);
    for encoding in ["UTF-8", "utf-8", "ISO-8859-1", "windows-1252", "US-ASCII"] {
        accepted(&format!("<?xml version=\"1.0\" encoding=\"{encoding}\" standalone=\"no\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
    }
    // Bytes that are not UTF-8 are read as the browser reads them: as U+FFFD.
    assert_eq!(check("d.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><text>caf\xe9</text><rect onclick=\"x\"/></svg>")[0].col, 64);
}

#[test]
fn frames_links_and_redirects_are_refused() {
    refused(
        &format!("{SVG}<foreignObject><link rel=\"stylesheet\" href=\"s.css\"/><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"/><base href=\"https://evil.example/\"/><object data=\"x.swf\"/><embed src=\"x.swf\"/></foreignObject></svg>"),
        &[
            ("<link", "`<link>` loads a style sheet"),
            ("href=\"s.css", "`<link href=\"s.css\">` refers to another file"),
            ("<meta", "`<meta>` can send the reader"),
            ("<base", "`<base>` changes where"),
            ("href=\"https", "`<base href=\"https://evil.example/\">`"),
            ("<object", "`<object>` embeds"),
            ("<embed", "`<embed>` embeds"),
            ("src=\"x.swf", "`<embed src=\"x.swf\">` refers to another file"),
        ],
    );
}

#[test]
fn positions_count_characters_after_a_byte_order_mark() {
    let svg = "\u{feff}<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <text>Ελληνικά</text><rect onclick=\"x\"/></svg>";
    refused(svg, &[("2:30", "`onclick`")]);
}

#[test]
fn files_that_cannot_be_checked_are_refused_whole() {
    let utf16: Vec<u8> = "\u{feff}<svg onload=\"x\"/>".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let f = check("d.svg", &utf16);
    assert!(f.len() == 1 && f[0].message.contains("NUL bytes"), "{f:?}");
    let f = check("d.SVGZ", b"\x1f\x8b\x08\x00");
    assert!(f.len() == 1 && f[0].line == 0 && f[0].message.contains("compressed SVG"), "{f:?}");
    let huge = vec![b' '; MAX_SVG_BYTES as usize + 1];
    let f = check("d.svg", &huge);
    assert!(f.len() == 1 && f[0].message.contains("up to 20 MiB"), "{f:?}");
    assert!(is_svg("a/B.SVG") && is_svg("x.svgz") && !is_svg("x.svg.png") && !is_svg("svg"));
}

#[test]
fn cut_off_and_malformed_files_never_panic() {
    let samples = [include_str!("samples/inkscape.svg"), include_str!("samples/illustrator.svg"), include_str!("samples/drawio.svg")];
    for sample in samples {
        for (i, _) in sample.char_indices() {
            let _ = check("d.svg", &sample.as_bytes()[..i]);
        }
    }
    for junk in [
        "<",
        "<<<>>>",
        "<a b='",
        "<a b=\"c",
        "</",
        "<!",
        "<!-",
        "<!--",
        "<![CDATA[",
        "<?",
        "<?x",
        "<!DOCTYPE",
        "<!DOCTYPE [",
        "<!DOCTYPE [<!ENTITY",
        "<!DOCTYPE [<!ENTITY %",
        "<!DOCTYPE [<!ENTITY a '",
        "<!DOCTYPE x [ ] >",
        "<a =x b= c='d'/ >",
        "&",
        "&;",
        "&#;",
        "&#xffffffff;",
        "<a b='&#x110000;&#0;&'/>",
        "<style>url(",
        "<style>\"\\",
        "<style>u\\",
        "<style>@",
        "<style>\\\n(",
        "<style>/*",
        "<style>))))((((",
        "<a\u{0}b>",
        "<é é='é'>",
        "<style>é\\é url(é)</style>",
        "<a href=javascript:x>",
    ] {
        let _ = check("d.svg", junk.as_bytes());
    }
    refused("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<!-- a comment that never ends", &[("2:1", "the file ends inside this comment")]);
    refused("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect onclick=\"x", &[("1:47", "the file ends inside this attribute value")]);
    refused("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import 'x.css'", &[("1:48", "`@import`")]);
    // Unquoted values and stray characters are read the way that finds the most.
    refused("<svg><a href=javascript:x onclick=y/></svg>", &[("1:9", "`href=\"javascript:…\"`"), ("1:27", "`onclick`")]);
}

/// Megabytes of hostile repetition are read through and reported with a bounded number of
/// problems. Not timed (speed belongs in benchmarks): a scan that went quadratic on these
/// inputs would not finish in hours, and CI stops a run at its time limit.
#[test]
fn huge_hostile_files_are_read_through_and_report_a_bounded_number() {
    let handlers = format!("<svg>{}</svg>", "<a onclick=\"x\"/>".repeat(300_000));
    let f = check("d.svg", handlers.as_bytes());
    assert_eq!(f.len(), MAX_REPORTED + 1);
    assert_eq!(f[MAX_REPORTED].message, format!("and {} more problems like these in this drawing", 300_000 - MAX_REPORTED));
    for svg in [
        format!("<svg id=\"{}\"/>", "&".repeat(4_000_000)),
        format!("<svg id=\"{}\"/>", "&a".repeat(2_000_000)),
        format!("<svg><style>{}</style></svg>", "(".repeat(4_000_000)),
        format!("<svg><style>{}</style></svg>", "a<!---->".repeat(500_000)),
        format!("<svg><style>{}</style></svg>", "url(".repeat(1_000_000)),
        format!("<svg>{}</svg>", "<".repeat(4_000_000)),
        format!("<svg>{}</svg>", "<!DOCTYPE [".repeat(400_000)),
        format!("<svg><style>{}</style></svg>", "\\".repeat(4_000_000)),
    ] {
        let _ = check("d.svg", svg.as_bytes());
    }
}
