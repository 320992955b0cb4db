//! HTML text: what every writer of HTML (Markdown, media players, templates through Tera's
//! autoescape, the search index) needs to put text into element content or an attribute.
//! Below [`crate::markdown`] and [`crate::media`], so neither imports the other to escape.

/// Escapes text for HTML content and attribute values.
pub fn escape_html(s: &str) -> String {
    if !s.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// [`escape_html`] with the signature Tera wants for autoescaping.
pub fn escape_html_str(s: &str) -> String {
    escape_html(s)
}
