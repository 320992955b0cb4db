//! Files a site may not publish beside its lessons because a browser or a web server would run
//! them: web pages (`.html`, `.xhtml`…), XML documents (`.xml`, `.xsl`…) and server scripts
//! (`.php`, `.asp`…), also among a name's other extensions (`worksheet.php.png`), and a file
//! without an extension that begins like a web page. A file's name (and for one without an
//! extension its first bytes) in, the reason and the way out.
//!
//! Every other file beside the lessons is published as it is, which is harmless for an image,
//! a PDF or a video. Such a document would open on the site's own address without the pages'
//! Content-Security-Policy: its scripts would run there (they could read the learners' saved
//! progress) and it could load files from other servers. kyklos refuses these by name rather
//! than check them: an HTML file cannot be proven harmless by a list of what to look for (the
//! way a browser reads HTML has too many corners), the pages kyklos writes are the safe way to
//! publish HTML, and a file meant for download can go in a `.zip`. SVG drawings, which a page
//! shows as images, are checked instead ([`crate::svg`]).
//!
//! A file is looked into (its first bytes) unless its extension is one of [`SAFE`]: types that
//! every common web server (Apache's and nginx's stock lists, GitHub Pages, Netlify) sends with
//! their type, and that a browser never opens as a page: images, sound, video, fonts, PDFs,
//! office documents, archives, plain text, CSV and JSON. A file with such an extension is
//! published even when it begins like a web page (a `.txt` of HTML to learn from is text): a
//! browser never takes a file sent as `image/png` or `text/plain` for a page (the MIME Sniffing
//! standard sniffs an image type only among images, and plain text only for binary bytes;
//! Internet Explorer, which did more, is gone). Every other file is refused when it begins like
//! a web page or an XML document: without an extension, or with one the server does not know
//! (`notes.abc`), Apache sends it without a type and the browser guesses; with one it knows as
//! an XML type (`.kml`, `.ttml`, `.gpx`…), the browser opens it as a document that can run
//! scripts.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// What a refused kind of file is, why it is refused, and what to do instead.
struct Refused {
    extensions: &'static [&'static str],
    why: &'static str,
    hint: &'static str,
}

const KINDS: &[Refused] = &[
    Refused {
        extensions: &["html", "htm", "shtml", "shtm", "xhtml", "xht", "mht", "mhtml"],
        why: "a web page is not published as it is: opened, it would run on the site's own address without the site's protection (its scripts could read what learners saved, it could load files from other servers), and without its licence, navigation and search",
        hint: "make it a page of the site: save it as Markdown beside the lesson (`pandoc handout.html -o handout.md` does it; HTML inside Markdown is checked), or offer it as a PDF (open it in a word processor and export as PDF); to offer the file itself for download, put it in a .zip",
    },
    Refused {
        extensions: &["xml", "xsl", "xslt", "rss", "atom", "rdf", "mathml", "mml"],
        why: "a browser opens an XML document as a page of the site, where XHTML inside it or an XSLT style sheet (`<?xml-stylesheet?>`) can run scripts and load files from other servers",
        hint: "to offer it for download, put it in a .zip; quizzes need no XML file: kyklos exports them for LMSs itself (see Question banks in the README)",
    },
    Refused {
        extensions: &["php", "php3", "php4", "php5", "php7", "phtml", "phar", "asp", "aspx", "ashx", "jsp", "cgi"],
        why: "many web servers run a file like this as a program (Apache with PHP, IIS), so publishing it would run code on the server; a static site has none",
        hint: "remove it; to offer its source for download, put it in a .zip",
    },
];

/// The server scripts' extensions (the third kind), which are refused wherever they stand
/// among a name's extensions.
const SCRIPTS: &[&str] = KINDS[2].extensions;

/// Why a name is refused.
enum Refusal {
    /// Its last extension is of this kind.
    Kind(&'static Refused),
    /// A server script's extension stands among its other extensions (`worksheet.php.png`):
    /// the extension as written, and the name without it.
    Inner { ext: String, renamed: String },
}

/// A name's last part, after the last `/` or `\`.
fn file_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// Why `name` is refused, if it is: by its last extension, in any case, or by a server
/// script's extension before it. Apache's mod_mime reads every part after the first dot as an
/// extension (the part before it is the name, even when empty: `.php.png`), and a handler
/// (`AddHandler application/x-httpd-php .php`, still common on shared hosts) runs the file
/// whichever of them is `.php`, so `worksheet.php.png` runs as PHP there. An inner web page's
/// or XML document's extension is harmless: the last extension sets the type
/// (`handout.html.zip` is sent as a zip).
fn refused(name: &str) -> Option<Refusal> {
    let last = file_name(name);
    let (_, ext) = last.rsplit_once('.')?;
    if let Some(kind) = KINDS.iter().find(|k| k.extensions.contains(&ext.to_ascii_lowercase().as_str())) {
        return Some(Refusal::Kind(kind));
    }
    let (base, exts) = last.split_once('.')?;
    let parts: Vec<&str> = exts.split('.').collect();
    let is_script = |p: &str| SCRIPTS.contains(&p.to_ascii_lowercase().as_str());
    let ext = parts.iter().find(|p| is_script(p))?;
    let kept: Vec<&str> = std::iter::once(base).chain(parts.iter().copied().filter(|p| !is_script(p))).collect();
    Some(Refusal::Inner { ext: (*ext).to_string(), renamed: kept.join(".") })
}

impl Refusal {
    fn why(&self) -> String {
        match self {
            Refusal::Kind(k) => k.why.to_string(),
            Refusal::Inner { ext, .. } => format!(
                "`.{ext}` stands among this file's extensions, and a web server that runs `.{ext}` files (Apache with PHP, as many hosts are) runs a file with `.{ext}` anywhere in its name, not only at its end, so publishing it would run code on the server"
            ),
        }
    }

    fn hint(&self) -> String {
        match self {
            Refusal::Kind(k) => k.hint.to_string(),
            Refusal::Inner { ext, renamed } => format!("rename it without `.{ext}`, e.g. `{renamed}`; a script's source for download goes in a .zip"),
        }
    }
}

/// Whether a file named `name` is refused beside the lessons (and as the logo).
pub fn is_refused(name: &str) -> bool {
    refused(name).is_some()
}

/// The error for the file `shown`, if its name is of a refused kind.
pub fn diagnostic(shown: &Path) -> Option<Diagnostic> {
    let refusal = refused(&shown.to_string_lossy())?;
    Some(Diagnostic::error(shown, 0, 0, refusal.why()).with_hint(refusal.hint()))
}

/// The reason and the hint for a refused `name`, for an error placed elsewhere (site.yaml's
/// `logo:`).
pub fn reason(name: &str) -> Option<(String, String)> {
    refused(name).map(|r| (r.why(), r.hint()))
}

/// The first bytes of a file that is looked into: the bytes a browser sniffs.
pub const SNIFFED_BYTES: u64 = 512;

/// The extensions of files that are published without being looked into (in lower case): the
/// types every common web server sends with their type, none of which a browser opens as a
/// page. SVG drawings are checked on their own ([`crate::svg`]).
#[rustfmt::skip]
pub const SAFE: &[&str] = &[
    // images
    "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "tif", "tiff", "svg",
    // sound and video
    "mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac", "mp4", "m4v", "webm", "ogv", "mov", "mpeg", "mpg", "avi",
    // fonts
    "woff", "woff2", "ttf", "otf", "eot",
    // documents and archives
    "pdf", "epub", "rtf", "odt", "ods", "odp", "odg", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "gz", "tgz", "7z", "rar",
    // text that a server sends as text or data, never as a page (Markdown is a page of the site,
    // or a transcript that is not published on its own)
    "txt", "csv", "json", "md",
];

/// How a file is looked into, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Its extension is [`SAFE`]: it is not looked into.
    Not,
    /// It has no extension: refused if it begins like a page by the MIME Sniffing standard.
    NoExtension,
    /// Its extension is not a safe one: refused if it begins with markup at all.
    Unknown,
}

/// How a file named `name` is looked into ([`sniffs_as_page`], [`begins_with_markup`]).
pub fn look(name: &str) -> Look {
    let last = file_name(name).trim_start_matches('.');
    match last.rsplit_once('.') {
        None => Look::NoExtension,
        Some((_, ext)) if SAFE.contains(&ext.to_ascii_lowercase().as_str()) => Look::Not,
        Some(_) => Look::Unknown,
    }
}

/// The bytes after a byte-order mark and white space.
fn content_start(first: &[u8]) -> &[u8] {
    let first = first.strip_prefix(b"\xef\xbb\xbf").unwrap_or(first);
    let start = first.iter().position(|b| !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')).unwrap_or(first.len());
    &first[start..]
}

/// Whether `first` begins with markup: `<` and then a letter, `!` or `?` (a tag, a doctype,
/// a comment, an XML declaration), as every web page and XML document does.
pub fn begins_with_markup(first: &[u8]) -> bool {
    match content_start(first) {
        [b'<', next, ..] => next.is_ascii_alphabetic() || matches!(next, b'!' | b'?'),
        _ => false,
    }
}

/// Whether a browser that guesses a file's type from its first bytes (as the WHATWG's MIME
/// Sniffing standard says) would take `first` for a web page or an XML document.
pub fn sniffs_as_page(first: &[u8]) -> bool {
    const TAGS: [&[u8]; 18] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
        b"<body",
        b"<br",
        b"<p",
        b"<!--",
        b"<svg",
    ];
    let rest = content_start(first);
    let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    starts(b"<?xml") || TAGS.iter().any(|t| starts(t) && matches!(rest.get(t.len()), Some(b' ' | b'>')))
}

/// The error for a file beside the lessons, found as `shown`, at `rel` in its language, read
/// from `source`, if it is refused: by its name, or, unless its extension is a safe one, by its
/// first bytes (a file that cannot be read is reported when it is copied).
pub fn check(shown: &Path, rel: &str, source: &Path) -> Option<Diagnostic> {
    use std::io::Read;
    if let Some(d) = diagnostic(shown) {
        return Some(d);
    }
    let look = look(rel);
    if look == Look::Not {
        return None;
    }
    let (file, _) = crate::files::open_regular(source, u64::MAX).ok()?;
    let mut first = Vec::new();
    file.take(SNIFFED_BYTES).read_to_end(&mut first).ok()?;
    match look {
        Look::NoExtension => sniffs_as_page(&first).then(|| sniffed_diagnostic(shown)),
        _ => begins_with_markup(&first).then(|| unknown_diagnostic(shown, &first)),
    }
}

/// The error for the file `shown`, without an extension, whose first bytes are a web page's.
fn sniffed_diagnostic(shown: &Path) -> Diagnostic {
    Diagnostic::error(
        shown,
        0,
        0,
        "this file has no extension and begins like a web page: a web server may send it without a type (Apache does), and the browser would then open it as a page of the site, running its scripts",
    )
    .with_hint(KINDS[0].hint)
}

/// The error for the file `shown`, whose extension is not a safe one and whose first bytes
/// (`first`) are markup.
fn unknown_diagnostic(shown: &Path, first: &[u8]) -> Diagnostic {
    let name = shown.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or_default();
    // The markup it begins with, as `<html`, `<?xml` or `<!DOCTYPE` (its name, at most 20 bytes).
    let start = content_start(first);
    let len =
        2 + start.get(2..).unwrap_or_default().iter().take(18).take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')).count();
    let tag = String::from_utf8_lossy(&start[..len.min(start.len())]);
    Diagnostic::error(
        shown,
        0,
        0,
        format!(
            "this file begins with `{tag}`, like a web page or an XML document, and `.{ext}` is not a type that every web server sends as harmless: a server that does not know `.{ext}` sends it without a type (Apache does) and the browser would then open it as a page of the site, running its scripts; one that knows it as XML sends it as a document that can run them too"
        ),
    )
    .with_hint(format!(
        "if it is text to read, name it `{stem}.txt` (sent as plain text, never run); to offer the file itself for download, put it in a .zip; a web page becomes a page of the site as Markdown (`pandoc {name} -f html -o {stem}.md`)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_xml_and_server_scripts_are_refused_by_their_last_extension_in_any_case() {
        for name in ["handout.html", "a/b/Handout.HTM", "x.xhtml", "feed.xml", "style.XSL", "page.php", "m.mhtml", "a.tar.html", "c:\\x\\y.shtml"] {
            assert!(is_refused(name), "{name}");
        }
        for name in ["photo.png", "notes.pdf", "map.svg", "handout.html.zip", "html", "x.htmlx", "archive.xml.gz", "quiz.yaml", "a.html/b.png", "README"] {
            assert!(!is_refused(name), "{name}");
        }
    }

    #[test]
    fn a_server_script_extension_among_the_others_is_refused_as_apache_would_run_it() {
        for name in ["worksheet.php.png", "x.phtml.jpg", "a/b/Form.PHP.pdf", "notes.v2.cgi.txt", ".php.png", "c:\\x\\y.Asp.gif"] {
            assert!(is_refused(name), "{name}");
        }
        // The part before the first dot is the name, not an extension; an inner page's or
        // XML document's extension is overridden by the last one.
        for name in ["php.png", "php", "a.php/b.png", "handout.html.zip", "archive.xml.gz", "photo.phpx.png", "my.php-notes.pdf"] {
            assert!(!is_refused(name), "{name}");
        }
    }

    #[test]
    fn the_error_for_an_inner_script_extension_names_it_and_the_name_to_use() {
        let d = diagnostic(Path::new("content/en/01-course/worksheet.PHP.v2.png")).expect("refused");
        let text = d.to_string();
        assert!(text.starts_with("content/en/01-course/worksheet.PHP.v2.png: error: `.PHP` stands among this file's extensions"), "{text}");
        assert!(text.contains("hint: rename it without `.PHP`, e.g. `worksheet.v2.png`"), "{text}");
        let (why, _) = reason("assets/logo.php.svg").expect("refused");
        assert!(why.starts_with("`.php` stands among"), "{why}");
    }

    #[test]
    fn a_file_without_an_extension_that_a_browser_would_take_for_a_page_is_found() {
        assert_eq!([look("content/en/handout"), look("LICENSE"), look(".profile")], [Look::NoExtension; 3]);
        assert_eq!([look("a.b/notes.txt"), look("x.PNG"), look("map.svg"), look("data.json")], [Look::Not; 4]);
        assert_eq!([look("notes.abc"), look("a/track.kml"), look("captions.vtt"), look("x.png.abc")], [Look::Unknown; 4]);
        for page in [
            &b"<html><script>x</script>"[..],
            b"\xef\xbb\xbf \n<!DOCTYPE HTML>",
            b"<SCRIPT>alert(1)",
            b"<?xml version=\"1.0\"?>",
            b"\t<p>text",
            b"<svg onload=x>",
            b"<!-- x",
        ] {
            assert!(sniffs_as_page(page), "{}", String::from_utf8_lossy(page));
        }
        for other in [&b"Text under CC BY 4.0 <html>"[..], b"<pre>code", b"<abbr>", b"", b"   ", b"%PDF-1.7", b"<htmlx>"] {
            assert!(!sniffs_as_page(other), "{}", String::from_utf8_lossy(other));
        }
    }

    #[test]
    fn a_file_of_an_unknown_type_is_refused_when_it_begins_with_any_markup() {
        for markup in [&b"<html>"[..], b"\xef\xbb\xbf\n <?xml version=\"1.0\"?>", b"<kml xmlns=\"x\">", b"<!DOCTYPE x>", b"<pre>code", b"<Svg>"] {
            assert!(begins_with_markup(markup), "{}", String::from_utf8_lossy(markup));
        }
        for other in
            [&b"WEBVTT\n\n00:00.000 --> 00:01.000\n<b>Hi</b>"[..], b"1\n00:00:01,000 --> 00:00:02,000\n<i>x</i>", b"< 5 apples", b"<3", b"", b"X:1\nT:Tune"]
        {
            assert!(!begins_with_markup(other), "{}", String::from_utf8_lossy(other));
        }
    }

    #[test]
    fn the_error_names_the_file_and_says_what_to_do() {
        let d = diagnostic(Path::new("content/en/01-course/handout.html")).expect("refused");
        let text = d.to_string();
        assert!(text.starts_with("content/en/01-course/handout.html: error: a web page is not published as it is"), "{text}");
        assert!(text.contains("hint: make it a page of the site: save it as Markdown"), "{text}");
        assert!(diagnostic(Path::new("content/en/photo.png")).is_none());
    }
}
