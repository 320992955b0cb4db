//! The SVG files a site publishes as they are (drawings beside the lessons, the logo, badge
//! images), checked when the site is loaded and again as they are written: pure, bytes in,
//! findings out.
//!
//! Inside `<img>` an SVG runs nothing and loads nothing, but a link to the file opens it as a
//! document of the site's own address, where its scripts would run and its references load
//! (an SVG document has no Content-Security-Policy). So a drawing is refused, with the line and
//! column of each construct, when it holds:
//!
//! - a script: `<script>` (any prefix or case), an event handler (`onload=`…), a
//!   `javascript:` or `vbscript:` address anywhere, a `data:` document (`data:text/html`) as a
//!   link or image;
//! - a reference that loads something by itself: `<image>`, `<use>`, `<feImage>`… or an HTML
//!   element inside `<foreignObject>` pointing at another server (`https:`, `//host`, `file:`)
//!   or at another file (an SVG shown as an image loads no other file: that part would be
//!   missing), CSS `@import` and `url(…)` other than `url(#id)` and `data:`, frames, `<link>`,
//!   `<meta>`, `<base>` and `<?xml-stylesheet?>`;
//! - DOCTYPE declarations that read files or multiply text (external and parameter entities,
//!   entities built from entities, default attributes) and undefined entities;
//! - what cannot be read as the browser reads it: a file that is not UTF-8 (or another encoding
//!   that writes ASCII as ASCII), a compressed `.svgz`, a file cut off inside markup, a file
//!   over [`MAX_SVG_BYTES`].
//!
//! Links the reader clicks (`<a href="https://…">`) are allowed, and so are the editors'
//! metadata (Inkscape's `sodipodi:`/`inkscape:` attributes, RDF licence links) and
//! Illustrator's plain namespace entities. The file is published byte for byte as written.

mod css;
mod decode;
mod scan;
#[cfg(test)]
mod tests;

use std::path::Path;

use crate::diagnostics::{Diagnostic, LineIndex};
use decode::{classify, Entities, Mapped, Url};
use scan::{Attr, Attrs, Decl, Scanner, Token};

/// An SVG is read whole to be checked; a larger drawing is too heavy to show anyway.
pub const MAX_SVG_BYTES: u64 = 20 * 1024 * 1024;

/// Findings reported per file; the rest are counted.
const MAX_REPORTED: usize = 20;

/// Whether a file is published only after this check: `.svg` and `.svgz`, in any case.
pub fn is_svg(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".svg") || lower.ends_with(".svgz")
}

/// One refused construct: where (1-based; 0 for the whole file), what, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: &'static str,
}

/// The findings of the SVG file `name` (its name tells a compressed one) holding `bytes`.
pub fn check(name: &str, bytes: &[u8]) -> Vec<Finding> {
    let whole = |message: &str, hint| vec![Finding { line: 0, col: 0, message: message.into(), hint }];
    if name.to_ascii_lowercase().ends_with(".svgz") {
        return whole(
            "a compressed SVG (.svgz) cannot be checked, and a web server may send it as a document that runs its scripts",
            "save it uncompressed, as .svg (Inkscape: File → Save As → Plain SVG)",
        );
    }
    if bytes.len() as u64 > MAX_SVG_BYTES {
        return whole(&too_big_message(bytes.len() as u64), HINT_TOO_BIG);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let index = LineIndex::new(&text);
    if let Some(nul) = memchr::memchr(0, bytes) {
        let (line, col) = index.line_col(String::from_utf8_lossy(&bytes[..nul]).len());
        return vec![Finding {
            line,
            col,
            message: "this is not an SVG text file: it holds NUL bytes (saved as UTF-16, or another kind of file)".into(),
            hint: "save it as UTF-8, as Inkscape, Illustrator and draw.io do, or give the file the extension of its real type",
        }];
    }
    let (mut problems, total) = problems(&text);
    problems.sort_by_key(|p| p.at);
    let more = total.saturating_sub(MAX_REPORTED);
    let mut found: Vec<Finding> = problems
        .into_iter()
        .take(MAX_REPORTED + usize::from(more > 0))
        .map(|p| {
            let (line, col) = index.line_col(p.at);
            Finding { line, col, message: p.message, hint: p.hint }
        })
        .collect();
    if let Some(last) = found.get_mut(MAX_REPORTED) {
        last.message = format!("and {more} more problems like these in this drawing");
        last.hint = "fix the ones above, then run `kyklos check` again";
    }
    found
}

const HINT_TOO_BIG: &str = "make it smaller: save the photos inside it as separate images (JPEG or WebP) and show them beside it";

fn too_big_message(size: u64) -> String {
    format!("this drawing is {}; an SVG is checked whole, up to {}", crate::files::human_size(size), crate::files::human_size(MAX_SVG_BYTES))
}

/// The error for an SVG file of `size` bytes, over [`MAX_SVG_BYTES`] (found before reading it).
pub fn too_big(shown: &Path, size: u64) -> Diagnostic {
    Diagnostic::error(shown, 0, 0, too_big_message(size)).with_hint(HINT_TOO_BIG)
}

/// [`check`] as diagnostics naming the file `shown`.
pub fn diagnostics(shown: &Path, bytes: &[u8]) -> Vec<Diagnostic> {
    let name = shown.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    check(&name, bytes).into_iter().map(|f| Diagnostic::error(shown, f.line, f.col, f.message).with_hint(f.hint)).collect()
}

/// A refused construct at a byte offset of the text.
struct Problem {
    at: usize,
    message: String,
    hint: &'static str,
}

const HINT_SCRIPT: &str = "remove it (in Inkscape: Edit → XML Editor, or in a text editor): a drawing on the site may only draw";
const HINT_SCRIPT_URL: &str = "link to a web address (`https:…`) or remove the link";
const HINT_EMBED: &str = "embed the image in the drawing (Inkscape: Extensions → Images → Embed Images; Illustrator: Links → Embed Image), or show the other file beside the drawing with Markdown";
const HINT_USE: &str = "copy the part into this drawing and refer to it by its id (`href=\"#id\"`)";
const HINT_IMPORT: &str =
    "copy the rules into the drawing's `<style>`; for a web font, use a font every computer has, or turn the text into paths (Inkscape: Path → Object to Path)";
const HINT_CSS_URL: &str = "embed the file as a `data:` URL or remove the rule; `url(#id)`, a part of the drawing, is fine";
const HINT_DOCTYPE: &str =
    "remove this declaration from the DOCTYPE: an SVG needs none (Illustrator writes none with “Preserve Illustrator Editing Capabilities” off)";

/// Elements refused wherever they are (also in HTML inside `<foreignObject>`): why, and what to do.
fn refused_element(local: &str) -> Option<(&'static str, &'static str)> {
    Some(match local {
        "script" | "handler" => ("runs a script when the drawing is opened on its own", HINT_SCRIPT),
        "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "portal" | "fencedframe" => {
            ("embeds another document in the drawing", "remove it; link to the other document from the lesson instead")
        }
        "link" => ("loads a style sheet or another file", "remove it; put the style in a `<style>` element of the drawing"),
        "meta" => ("can send the reader to another address", "remove it"),
        "base" => ("changes where the drawing's addresses lead", "remove it"),
        _ => return None,
    })
}

/// Attributes whose address the browser fetches by itself (on a link, `href` is followed only
/// when clicked; `action` and `formaction` only when a form is sent).
const LOADS: &[&str] = &["href", "src", "poster", "background", "lowsrc", "dynsrc", "codebase", "ping", "manifest", "archive", "action", "formaction"];

/// The SVG animation elements: `<set attributeName="href" to="…">` changes an address.
const ANIMATIONS: &[&str] = &["set", "animate", "animatecolor", "animatemotion", "animatetransform"];

/// `svg:script` → `script`.
fn local_name(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The first problems of `text` (in the order found, up to [`MAX_KEPT`]) and how many there are.
fn problems(text: &str) -> (Vec<Problem>, usize) {
    let mut c = Checker { entities: Entities::default(), problems: Vec::new(), total: 0, depth: 0, style: None };
    for token in Scanner::new(text) {
        c.token(token);
    }
    c.finish_style();
    (c.problems, c.total)
}

/// Problems kept with their messages; the rest are only counted (a file of a million
/// `onclick`s would otherwise hold a million messages).
const MAX_KEPT: usize = 1000;

struct Checker<'a> {
    entities: Entities<'a>,
    problems: Vec<Problem>,
    total: usize,
    depth: usize,
    /// An open `<style>`: its depth, and its text so far (only its own text, not that of
    /// elements inside it, as the browser reads it).
    style: Option<(usize, Mapped)>,
}

impl<'a> Checker<'a> {
    fn problem(&mut self, at: usize, message: String, hint: &'static str) {
        self.total += 1;
        if self.problems.len() < MAX_KEPT {
            self.problems.push(Problem { at, message, hint });
        }
    }

    fn token(&mut self, token: Token<'a>) {
        match token {
            Token::Doctype { decls, .. } => decls.into_iter().for_each(|d| self.declaration(d)),
            Token::Pi { target: "xml", body, at } => self.declaration_of_xml(body, at),
            Token::Pi { target, at, .. } if target.eq_ignore_ascii_case("xml-stylesheet") => self.problem(
                at,
                "`<?xml-stylesheet?>` makes the browser load a style sheet".into(),
                "remove it; put the style in a `<style>` element of the drawing",
            ),
            Token::Pi { .. } => {}
            Token::Start { name, at, attrs, empty } => {
                self.element(name, at, attrs);
                if !empty {
                    self.depth += 1;
                    if self.style.is_none() && local_name(name).eq_ignore_ascii_case("style") {
                        self.style = Some((self.depth, Mapped::default()));
                    }
                }
            }
            Token::End { .. } => {
                if self.style.as_ref().is_some_and(|s| s.0 == self.depth) {
                    self.finish_style();
                }
                self.depth = self.depth.saturating_sub(1);
            }
            Token::Text { text, at } => self.style_text(text, at, true),
            Token::Cdata { text, at } => self.style_text(text, at + "<![CDATA[".len(), false),
            Token::Unclosed { what, at } => self.problem(
                at,
                format!("the file ends inside this {what}: the drawing is cut off, and a browser shows an error instead"),
                "save or export the drawing again",
            ),
        }
    }

    /// `<?xml version="1.0" encoding="…"?>`: a file is read as the bytes of an encoding that
    /// writes ASCII as ASCII, or a construct could hide in what kyklos reads as other text
    /// (in Shift_JIS, a `\` can be half of a character).
    fn declaration_of_xml(&mut self, body: &str, at: usize) {
        let Some(after) = body.split_once("encoding").map(|(_, after)| after.trim_start()) else { return };
        let Some(value) = after.strip_prefix('=').map(str::trim_start) else { return };
        let name = value.trim_start_matches(['"', '\'']).split(['"', '\'']).next().unwrap_or("").trim().to_ascii_lowercase();
        let single_byte = ["iso-8859-", "iso8859-", "windows-125", "cp125", "latin", "l1"].iter().any(|p| name.starts_with(p));
        if !(single_byte || matches!(name.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii" | "unicode-1-1-utf-8")) {
            self.problem(
                at,
                format!("the drawing is saved in the encoding `{}`; kyklos checks SVG files saved as UTF-8", decode::shorten(&name)),
                "save it as UTF-8, as Inkscape, Illustrator and draw.io do",
            );
        }
    }

    fn style_text(&mut self, text: &str, at: usize, expand: bool) {
        let depth = self.depth;
        let mut bad = Vec::new();
        if let Some((_, css)) = self.style.as_mut().filter(|s| s.0 == depth) {
            css.push(text, at, expand, &mut self.entities, &mut bad);
        }
        self.bad_references(bad);
    }

    fn finish_style(&mut self) {
        if let Some((_, css)) = self.style.take() {
            self.css(&css, "in `<style>`");
        }
    }

    fn declaration(&mut self, decl: Decl<'a>) {
        match decl {
            Decl::Entity { name, at, parameter: true, .. } => {
                self.problem(at, format!("the DOCTYPE declares a parameter entity `%{name}`, which can read other files"), HINT_DOCTYPE)
            }
            Decl::Entity { name, at, value: None, .. } => {
                self.problem(at, format!("the DOCTYPE declares an external entity `{name}`, which would read another file"), HINT_DOCTYPE)
            }
            Decl::Entity { name, at, value: Some(v), .. } if v.contains(['&', '%', '<']) => {
                self.problem(at, format!("the entity `{name}` is made of other entities or markup (the way a small file expands to gigabytes)"), HINT_DOCTYPE)
            }
            Decl::Entity { name, value: Some(v), .. } => {
                // The first declaration of a name counts, as in XML.
                self.entities.values.entry(name).or_insert(v);
            }
            Decl::Attlist { at } => {
                self.problem(at, "the DOCTYPE declares default attributes (`<!ATTLIST`), which the browser adds to elements unseen".into(), HINT_DOCTYPE)
            }
            Decl::ParameterRef { at } => self.problem(at, "the DOCTYPE uses a parameter entity (`%name;`)".into(), HINT_DOCTYPE),
        }
    }

    fn bad_references(&mut self, bad: Vec<decode::BadRef>) {
        for b in bad {
            match b {
                decode::BadRef::Unknown { at, name } => {
                    self.problem(at, format!("`&{name};` is not defined in this file"), "write the character itself, or a numeric reference such as `&#160;`")
                }
                decode::BadRef::OverBudget { at } => self.problem(
                    at,
                    format!("the entities of this file expand to more than {}", crate::files::human_size(decode::MAX_EXPANSION as u64)),
                    HINT_DOCTYPE,
                ),
            }
        }
    }

    fn element(&mut self, name: &str, at: usize, attrs: Attrs<'a>) {
        let local = local_name(name).to_ascii_lowercase();
        if let Some((why, hint)) = refused_element(&local) {
            self.problem(at, format!("`<{name}>` {why}"), hint);
        }
        let animates_address = ANIMATIONS.contains(&local.as_str())
            && attrs.clone().any(|a| a.name.eq_ignore_ascii_case("attributeName") && LOADS.contains(&local_name(a.value.trim()).to_ascii_lowercase().as_str()));
        for a in attrs {
            self.attribute(name, &local, animates_address, &a);
        }
    }

    fn attribute(&mut self, element: &str, local: &str, animates_address: bool, a: &Attr<'a>) {
        let mut value = Mapped::default();
        let mut bad = Vec::new();
        value.push(a.value, a.value_at, true, &mut self.entities, &mut bad);
        self.bad_references(bad);
        if a.name == "xmlns" || a.name.starts_with("xmlns:") {
            return;
        }
        let name = local_name(a.name).to_ascii_lowercase();
        let attr = a.name;
        if name.starts_with("on") {
            let message = format!("`{attr}` on `<{element}>` is an event handler: it runs a script when the drawing is opened on its own");
            return self.problem(a.at, message, HINT_SCRIPT);
        }
        if name == "srcset" || name == "imagesrcset" {
            if !value.text.trim().is_empty() {
                self.problem(a.at, format!("`{attr}` on `<{element}>` loads images by address"), HINT_EMBED);
            }
            return;
        }
        // `values="a;b"` of an animation is a list.
        let parts: Vec<&str> = if name == "values" { value.text.split(';').collect() } else { vec![value.text.as_str()] };
        if LOADS.contains(&name.as_str()) || (animates_address && matches!(name.as_str(), "to" | "from" | "by" | "values")) {
            let navigation = (name == "href" && matches!(local, "a" | "area")) || name == "action" || name == "formaction";
            for part in parts {
                self.address(element, local, navigation, a, part);
            }
            return;
        }
        for part in parts {
            if let Url::Script(scheme) = classify(part) {
                self.problem(a.at, format!("`{attr}=\"{scheme}:…\"` on `<{element}>` runs a script"), HINT_SCRIPT_URL);
            }
        }
        // CSS: the style attribute and the presentation attributes (`fill="url(…)"`); not
        // the editors' own (`inkscape:label`) nor draw.io's copy of the diagram (`content`).
        if !attr.contains(':') && name != "content" && value.text.contains(['(', '@']) {
            self.css(&value, &format!("in `{attr}` on `<{element}>`"));
        }
    }

    /// An address in attribute `a`: followed when clicked (`navigation`) or fetched by itself.
    fn address(&mut self, element: &str, local: &str, navigation: bool, a: &Attr<'a>, raw: &str) {
        let attr = a.name;
        let problem = match classify(raw) {
            Url::Empty | Url::Fragment => return,
            Url::Script(scheme) => (format!("`{attr}=\"{scheme}:…\"` on `<{element}>` runs a script"), HINT_SCRIPT_URL),
            Url::Data(mime) if navigation && (!mime.starts_with("image/") || mime.contains("xml")) => {
                (format!("`{attr}` on `<{element}>` opens a `data:{mime}` document, which can run scripts"), HINT_SCRIPT_URL)
            }
            Url::Remote(_) | Url::File(_) | Url::Data(_) if navigation => return,
            _ if local == "use" => (format!("`<{element}>` may only repeat a part of this drawing, not `{}`", decode::shorten(raw.trim())), HINT_USE),
            Url::Data(mime) if mime.starts_with("image/") => return,
            Url::Data(mime) => (format!("`{attr}` on `<{element}>` holds a `data:{mime}` document, not an image"), HINT_EMBED),
            Url::Remote(url) => (
                format!("`<{element} {attr}=\"{url}\">` loads a file from another server when the drawing is opened: a request that leaves the site"),
                HINT_EMBED,
            ),
            Url::File(url) => (
                format!("`<{element} {attr}=\"{url}\">` refers to another file, which an SVG shown as an image never loads: that part would be missing"),
                HINT_EMBED,
            ),
        };
        self.problem(a.at, problem.0, problem.1);
    }

    /// The loads of a style sheet or style attribute (`context`: where it is, for messages).
    fn css(&mut self, css: &Mapped, context: &str) {
        css::references(&css.text, |found| {
            let (at, message, hint) = match found {
                css::Found::Import { at } => (at, format!("`@import` {context} loads another style sheet"), HINT_IMPORT),
                css::Found::Url { at, url } => match classify(&url) {
                    Url::Empty | Url::Fragment | Url::Data(_) => return,
                    Url::Script(scheme) => (at, format!("`url({scheme}:…)` {context} is a script address"), HINT_CSS_URL),
                    Url::Remote(url) => (
                        at,
                        format!("`url({url})` {context} loads a file from another server when the drawing is shown: a request that leaves the site"),
                        HINT_CSS_URL,
                    ),
                    Url::File(url) => (at, format!("`url({url})` {context} refers to another file, which an SVG shown as an image never loads"), HINT_CSS_URL),
                },
            };
            self.problem(css.source(at), message, hint);
        });
    }
}
