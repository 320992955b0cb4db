//! SVG files the site publishes as they are — a drawing beside a lesson, the logo, a badge's
//! image — are checked before anything is written: a script or a reference that loads
//! something from elsewhere is an error naming the file, line and column, and the output stays
//! as it was. Drawings from real editors build unchanged, byte for byte.

mod common;

use common::*;

/// The drawing of the report: a script four ways, and two requests to another server.
const HOSTILE: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script><image href=\"https://evil.example/i.png\"/><style>@import url(https://evil.example/s.css);</style><a href=\"javascript:alert(3)\"><text>x</text></a></svg>";

const PAGE: &str = "content/en/01-course/01-mod/01-first.md";
const PIC: &str = "content/en/01-course/01-mod/pic.svg";

/// The fixture site with `svg` as a lesson's image (also linked, so it opens as a document),
/// as the logo and as a badge's image.
fn site(svg: &str) -> Fixture {
    let f = Fixture::new();
    f.write(
        "site.yaml",
        "title: Fixture site\nlanguages: [en]\nlogo: assets/logo.svg\nlogo_alt: The logo\njourney:\n  badges:\n    - id: b1\n      name: First steps\n      description: Read a lesson.\n      rule: { lessons: 1 }\n      image: assets/b1.svg\n",
    );
    f.write(PAGE, "---\ntitle: First lesson\n---\n## Start here\n\n![pic](pic.svg) and [open it](pic.svg).\n\nGo to [the second](02-second.md#details).\n");
    for path in [PIC, "assets/logo.svg", "assets/b1.svg"] {
        f.write(path, svg);
    }
    f
}

const PUBLISHED: [&str; 3] = ["en/course/mod/pic.svg", "static/logo-logo.svg", "badges/b1.svg"];

#[test]
fn a_drawing_that_runs_or_loads_something_is_refused_and_nothing_is_written() {
    let good = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle r=\"4\" cx=\"5\" cy=\"5\"/></svg>";
    let f = site(good);
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    for path in PUBLISHED {
        assert_eq!(f.read_out(path), good, "{path}");
    }
    let before = files(&f.out());

    for path in [PIC, "assets/logo.svg", "assets/b1.svg"] {
        f.write(path, HOSTILE);
    }
    for out in [f.check(), f.build()] {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        for file in [PIC, "assets/logo.svg", "assets/b1.svg"] {
            for (at, words) in [
                ("1:41", "error: `onload` on `<svg>` is an event handler: it runs a script when the drawing is opened on its own"),
                ("1:59", "error: `<script>` runs a script"),
                ("1:91", "error: `<image href=\"https://evil.example/i.png\">` loads a file from another server when the drawing is opened: a request that leaves the site"),
                ("1:133", "error: `@import` in `<style>` loads another style sheet"),
                ("1:184", "error: `href=\"javascript:…\"` on `<a>` runs a script"),
            ] {
                assert_eq!(err.matches(&format!("{file}:{at}: {words}")).count(), 1, "{file}:{at}\n{err}");
            }
        }
        assert!(err.contains("hint: embed the image in the drawing (Inkscape: Extensions → Images → Embed Images"), "{err}");
        assert!(err.contains("15 errors"), "{err}");
    }
    assert_eq!(files(&f.out()), before);
    for path in PUBLISHED {
        assert_eq!(f.read_out(path), good, "{path}: the last build's file is untouched");
    }
}

#[test]
fn drawings_from_real_editors_are_published_byte_for_byte() {
    let f = site(include_str!("../src/svg/samples/inkscape.svg"));
    f.write("assets/b1.svg", include_str!("../src/svg/samples/illustrator.svg"));
    f.write("content/en/01-course/01-mod/drawio.svg", include_str!("../src/svg/samples/drawio.svg"));
    f.write("content/en/01-course/01-mod/commons.svg", include_str!("../src/svg/samples/wikimedia.svg"));
    f.write("content/en/01-course/01-mod/02-second.md", "---\ntitle: Second lesson\n---\n## Details\n\n![A diagram](drawio.svg) ![A map](commons.svg)\n");
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(f.read_out("en/course/mod/pic.svg"), include_str!("../src/svg/samples/inkscape.svg"));
    assert_eq!(f.read_out("static/logo-logo.svg"), include_str!("../src/svg/samples/inkscape.svg"));
    assert_eq!(f.read_out("badges/b1.svg"), include_str!("../src/svg/samples/illustrator.svg"));
    assert_eq!(f.read_out("en/course/mod/drawio.svg"), include_str!("../src/svg/samples/drawio.svg"));
    assert_eq!(f.read_out("en/course/mod/commons.svg"), include_str!("../src/svg/samples/wikimedia.svg"));
}

#[test]
fn every_drawing_of_the_site_is_checked_linked_or_not_in_every_language() {
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\n");
    f.write("content/el/index.md", "---\ntitle: Αρχική\n---\nΚαλώς ήρθατε.\n");
    // Not linked from any page: still published beside the lessons, so still checked.
    f.write("content/en/01-course/unused.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <a xlink:href=\"java&#x09;script:alert(1)\"/>\n</svg>\n");
    f.write("content/el/drawing.SVG", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n<svg/>\n");
    f.write("content/en/packed.svgz", [0x1f, 0x8b, 0x08, 0x00]);
    let out = f.check();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/en/01-course/unused.svg:2:6: error: `xlink:href=\"javascript:…\"` on `<a>` runs a script"), "{err}");
    assert!(err.contains("content/el/drawing.SVG:3:3: error: the DOCTYPE declares an external entity `xxe`, which would read another file"), "{err}");
    assert!(err.contains("content/en/packed.svgz: error: a compressed SVG (.svgz) cannot be checked"), "{err}");
    assert!(err.contains("hint: save it uncompressed, as .svg"), "{err}");
}
