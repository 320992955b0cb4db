//! Files a site may not publish beside its lessons because a browser or a web server would run
//! them: web pages (`.html`, `.xhtml`…), XML documents (`.xml`, `.xsl`…) and server scripts
//! (`.php`, `.asp`…). Pure: a file's name in, the reason and the way out.
//!
//! Every other file beside the lessons is published as it is, which is harmless for an image,
//! a PDF or a video. Such a document would open on the site's own address without the pages'
//! Content-Security-Policy: its scripts would run there (they could read the learners' saved
//! progress) and it could load files from other servers. kyklos refuses these by name rather
//! than check them: an HTML file cannot be proven harmless by a list of what to look for (the
//! way a browser reads HTML has too many corners), the pages kyklos writes are the safe way to
//! publish HTML, and a file meant for download can go in a `.zip`. SVG drawings, which a page
//! shows as images, are checked instead ([`crate::svg`]).

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

/// The refused kind `name` has (by its last extension, in any case), if any.
fn refused(name: &str) -> Option<&'static Refused> {
    let (_, ext) = name.rsplit(['/', '\\']).next().unwrap_or(name).rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    KINDS.iter().find(|k| k.extensions.contains(&ext.as_str()))
}

/// Whether a file named `name` is refused beside the lessons (and as the logo).
pub fn is_refused(name: &str) -> bool {
    refused(name).is_some()
}

/// The error for the file `shown`, if its name is of a refused kind.
pub fn diagnostic(shown: &Path) -> Option<Diagnostic> {
    let kind = refused(&shown.to_string_lossy())?;
    Some(Diagnostic::error(shown, 0, 0, kind.why).with_hint(kind.hint))
}

/// The reason and the hint for a refused `name`, for an error placed elsewhere (site.yaml's
/// `logo:`).
pub fn reason(name: &str) -> Option<(&'static str, &'static str)> {
    refused(name).map(|k| (k.why, k.hint))
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
    fn the_error_names_the_file_and_says_what_to_do() {
        let d = diagnostic(Path::new("content/en/01-course/handout.html")).expect("refused");
        let text = d.to_string();
        assert!(text.starts_with("content/en/01-course/handout.html: error: a web page is not published as it is"), "{text}");
        assert!(text.contains("hint: make it a page of the site: save it as Markdown"), "{text}");
        assert!(diagnostic(Path::new("content/en/photo.png")).is_none());
    }
}
