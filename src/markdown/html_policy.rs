//! The raw-HTML policy: which elements and attributes author HTML in Markdown may use, what
//! is refused (an error: it would run, load, send or hide something) and what is merely
//! dropped (a warning: formatting the theme does not allow). Plain tables and pure functions;
//! [`super::rawhtml`] enforces them with ammonia and reports with positions.

/// Elements an author may write; everything else is removed (its text content stays unless
/// the element is in [`DROP_WITH_CONTENT`]).
pub const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Attributes allowed on every allowed element. `lang` and `dir` keep passages in another
/// language readable by screen readers and right-to-left scripts the right way round.
pub const GENERIC_ATTRIBUTES: &[&str] = &["class", "dir", "lang", "title", "translate"];

/// Attributes allowed on one element (besides the generic ones).
pub const ELEMENT_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height"]),
    ("video", &["src", "poster", "controls", "width", "height", "loop", "muted", "preload", "playsinline"]),
    ("audio", &["src", "controls", "loop", "muted", "preload"]),
    ("source", &["src", "type", "media"]),
    ("track", &["src", "kind", "srclang", "label", "default"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("details", &["open"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
];

/// Removed together with everything inside them (their content is code, styles, or a
/// fallback nobody should see).
pub const DROP_WITH_CONTENT: &[&str] = &["script", "style", "iframe", "noembed", "noframes", "template", "svg", "math", "object", "embed"];

/// Schemes a link (`<a href>`) may use; images and media must be files of the site.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Elements that must be closed explicitly: left open, they swallow what follows.
pub const NEEDS_CLOSING: &[&str] = &[
    "a",
    "abbr",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "cite",
    "code",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "em",
    "figure",
    "i",
    "ins",
    "kbd",
    "mark",
    "ol",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "u",
    "ul",
    "var",
    "video",
];

pub fn element_allowed(name: &str) -> bool {
    ELEMENTS.contains(&name)
}

pub fn attribute_allowed(element: &str, attr: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&attr) || ELEMENT_ATTRIBUTES.iter().any(|(e, attrs)| *e == element && attrs.contains(&attr))
}

/// The attribute holds a URL that kyklos checks and resolves like a Markdown link or image.
pub fn is_url_attribute(element: &str, attr: &str) -> bool {
    matches!((element, attr), ("a", "href") | (_, "src") | ("video", "poster"))
}

/// A refused element: why, and what to do instead. `None` for elements that are only
/// formatting kyklos does not allow (they are removed with a warning).
pub fn refused_element(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "script" | "noscript" => ("scripts are not allowed in Markdown", "pages must work with a strict Content-Security-Policy; put behaviour in the theme"),
        "style" | "link" => ("style sheets are not allowed in Markdown", "use a class that the theme's CSS styles (themes/<name>/static/)"),
        "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "portal" | "fencedframe" => (
            "embedded content is not allowed: it would load something from elsewhere",
            "link to it instead, or put the file beside the Markdown and link to it",
        ),
        "form" | "input" | "button" | "select" | "textarea" | "option" | "optgroup" | "datalist" | "output" | "fieldset" | "label" | "keygen" | "isindex"
        | "selectedcontent" => {
            ("forms are not allowed in Markdown: pages never send data anywhere", "describe the form in text, or link to where it is filled in")
        }
        "meta" | "base" | "title" | "head" | "html" | "body" => {
            ("this element belongs to the page's head, which the theme writes", "remove it; page titles come from the front matter")
        }
        "svg" | "math" => ("inline SVG and MathML are not allowed", "save the drawing as an .svg file beside the Markdown and show it as an image"),
        "xmp" | "plaintext" | "listing" => ("this obsolete element would show the rest of the page as text", "use ``` fenced code blocks"),
        _ => return None,
    })
}

/// How the tokenizer reads an element's content (as the HTML parser does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Normal,
    /// Text up to the matching end tag, entities decoded (`<title>`, `<textarea>`).
    Rcdata,
    /// Text up to the matching end tag, nothing decoded.
    Rawtext,
    Script,
    /// Everything to the end is text.
    Plaintext,
}

pub fn content_kind(name: &str) -> ContentKind {
    match name {
        "title" | "textarea" => ContentKind::Rcdata,
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => ContentKind::Rawtext,
        "script" => ContentKind::Script,
        "plaintext" => ContentKind::Plaintext,
        _ => ContentKind::Normal,
    }
}

/// What a URL in raw HTML is, after the clean-up browsers do (ASCII tab and newlines removed
/// anywhere, leading and trailing control characters and spaces trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlKind {
    Empty,
    /// Relative to the page (or `#fragment`): resolved like a Markdown link.
    Relative(String),
    /// `scheme:` (lowercased) or a protocol-relative `//host`; the normalised URL.
    Remote {
        scheme: Option<String>,
        url: String,
    },
}

pub fn classify_url(raw: &str) -> UrlKind {
    let cleaned: String = raw.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let url = cleaned.trim_matches(|c: char| c <= ' ');
    if url.is_empty() {
        return UrlKind::Empty;
    }
    if url.starts_with("//") || url.starts_with("\\\\") || url.starts_with("/\\") || url.starts_with("\\/") {
        return UrlKind::Remote { scheme: None, url: url.to_string() };
    }
    if let Some(colon) = url.find(':') {
        let scheme = &url[..colon];
        let is_scheme =
            scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            return UrlKind::Remote { scheme: Some(scheme.to_ascii_lowercase()), url: url.to_string() };
        }
    }
    UrlKind::Relative(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_classified_after_browser_clean_up() {
        let scheme = |u: &str| match classify_url(u) {
            UrlKind::Remote { scheme, .. } => scheme,
            other => panic!("{u}: {other:?}"),
        };
        assert_eq!(scheme("jav\tascript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme(" \u{1}JaVaScRiPt:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme("java\nscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("DATA:text/html,x").as_deref(), Some("data"));
        assert_eq!(scheme("vbscript:msgbox").as_deref(), Some("vbscript"));
        assert_eq!(scheme("//example.org/x.png"), None);
        assert_eq!(scheme("\\\\example.org/x.png"), None);
        assert_eq!(classify_url("img/a:b.png"), UrlKind::Relative("img/a:b.png".into()));
        assert_eq!(classify_url("../x.md#top"), UrlKind::Relative("../x.md#top".into()));
        assert_eq!(classify_url(" \t"), UrlKind::Empty);
    }

    #[test]
    fn tables_agree() {
        for (e, _) in ELEMENT_ATTRIBUTES {
            assert!(element_allowed(e), "{e}");
        }
        for e in DROP_WITH_CONTENT.iter().chain(NEEDS_CLOSING) {
            assert_eq!(element_allowed(e), NEEDS_CLOSING.contains(e), "{e}");
        }
        for e in ELEMENTS {
            assert!(refused_element(e).is_none(), "{e} is both allowed and refused");
        }
        assert!(attribute_allowed("span", "lang") && attribute_allowed("img", "alt"));
        assert!(!attribute_allowed("img", "onerror") && !attribute_allowed("div", "style") && !attribute_allowed("iframe", "srcdoc"));
    }
}
