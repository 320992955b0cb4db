//! HTML text: what every writer of HTML (Markdown, media players, templates through Tera's
//! autoescape, the search index) needs to put text into element content or an attribute; and
//! JSON strings, for the search index's files and the JSON-LD in a page's `<script>` element.
//! Below [`crate::markdown`] and [`crate::media`], so neither imports the other to escape.

/// The entity for a byte that must be escaped, or `None`. All five are ASCII, so no byte of a
/// multi-byte UTF-8 sequence (all ≥ 0x80) matches, and slicing around them is safe.
fn entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// Whether `b` is escaped: in an attribute value `&`, `<`, `>`, `"` and `'`; in element content
/// (`BODY`) only the first three, as pulldown-cmark's HTML writer escapes a page's text.
#[inline(always)]
fn is_special<const BODY: bool>(b: u8) -> bool {
    let markup = (b == b'&') | (b == b'<') | (b == b'>');
    if BODY {
        markup
    } else {
        markup | (b == b'"') | (b == b'\'')
    }
}

/// Whether a block of 16 bytes holds a byte to escape: a test of fixed length without
/// branches, which the compiler makes a handful of vector compares.
#[inline(always)]
fn any_special<const BODY: bool>(block: &[u8; 16]) -> bool {
    block.iter().fold(0u8, |any, &b| any | u8::from(is_special::<BODY>(b))) != 0
}

/// Where the first byte to escape is at or after `from`. Blocks of 16 bytes are tested
/// without branches ([`any_special`]): most text has nothing to escape, and Tera escapes every
/// value a template prints. The last bytes are tested as one more block of 16: the text's last
/// 16 bytes (those before them already passed) or, in a shorter text, a block made of its
/// bytes ([`short_block`]); a test of a slice of any length made a loop of a branch or more a
/// byte, most of the time of the short titles, addresses and words the pages escape.
fn next_special<const BODY: bool>(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let first = |block: &[u8], at: usize| block.iter().position(|&b| is_special::<BODY>(b)).map(|i| from + at + i);
    let mut at = 0;
    while let Some(block) = rest.get(at..).and_then(<[u8]>::first_chunk::<16>) {
        if any_special::<BODY>(block) {
            return first(block, at);
        }
        at += 16;
    }
    if at == rest.len() {
        return None;
    }
    if let Some(last) = rest.last_chunk::<16>() {
        return if any_special::<BODY>(last) { first(&rest[at..], at) } else { None };
    }
    if any_special::<BODY>(&short_block(rest)) {
        first(rest, 0)
    } else {
        None
    }
}

/// A block of 16 bytes that holds every byte of `bytes` (1 to 15 of them) and no other: its
/// first and last 8 (or 4) bytes, which overlap, or its first, middle and last byte, repeated.
/// Made of loads of a fixed size: copying a short text into a padded block was a call to
/// `memcpy` for each of the many words between a page's quotes and emphasis.
#[inline(always)]
fn short_block(bytes: &[u8]) -> [u8; 16] {
    let n = bytes.len();
    let mut block = [0u8; 16];
    if let (Some(head), Some(tail)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        block[..8].copy_from_slice(head);
        block[8..].copy_from_slice(tail);
    } else if let (Some(head), Some(tail)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        for (i, quarter) in block.chunks_exact_mut(4).enumerate() {
            quarter.copy_from_slice(if i % 2 == 0 { head } else { tail });
        }
    } else if n > 0 {
        let three = [bytes[0], bytes[n / 2], bytes[n - 1]];
        for (i, b) in block.iter_mut().enumerate() {
            *b = three[i % 3];
        }
    }
    block
}

/// ` lang="…" dir="…"`: the attributes of a passage in another language than its page (a
/// fallback title, a credit, an untranslated quiz), escaped.
pub fn lang_attrs(code: &str, dir: &str) -> String {
    format!(" lang=\"{}\" dir=\"{}\"", escape_html(code), escape_html(dir))
}

/// A text shown inside a page in another language (an untranslated lesson in a translated
/// site, the default language's words inside an Arabic page): the interface words kyklos puts
/// into the text (a table's name, "Done:", a player's "Download") carry the page's language,
/// and the text's own words carry theirs wherever an element in the page's language holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mixed {
    /// The page's language: code and direction (`ltr`, `rtl`).
    pub page: (String, String),
    /// The text's language: code and direction.
    pub text: (String, String),
}

impl Mixed {
    /// `None` when the text is in the page's language (nothing to mark).
    pub fn new(page: (&str, &str), text: (&str, &str)) -> Option<Mixed> {
        (!page.0.eq_ignore_ascii_case(text.0)).then(|| Mixed { page: (page.0.into(), page.1.into()), text: (text.0.into(), text.1.into()) })
    }

    /// ` lang="…" dir="…"` of the page, for interface words inside the text.
    pub fn ui(&self) -> String {
        lang_attrs(&self.page.0, &self.page.1)
    }

    /// ` lang="…" dir="…"` of the text, for its words inside an element of the page's language.
    pub fn text(&self) -> String {
        lang_attrs(&self.text.0, &self.text.1)
    }
}

/// [`Mixed::ui`] of an optional mix: empty when the text is in the page's language.
pub fn ui_attrs(mixed: Option<&Mixed>) -> String {
    mixed.map(Mixed::ui).unwrap_or_default()
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(s: &str) -> String {
    let Some(first) = next_special::<false>(s.as_bytes(), 0) else {
        return s.to_string();
    };
    let mut out = String::with_capacity(s.len() + s.len() / 8 + 8);
    push_escaped::<false>(&mut out, s, first);
    out
}

/// [`escape_html`] appended to `out`: the runs between special characters are copied as
/// slices, not character by character.
pub fn escape_into(out: &mut String, s: &str) {
    match next_special::<false>(s.as_bytes(), 0) {
        Some(first) => push_escaped::<false>(out, s, first),
        None => out.push_str(s),
    }
}

/// Text for element content appended to `out`, escaped as pulldown-cmark's HTML writer escapes
/// a page's text (`escape_html_body_text`): only `&`, `<` and `>`; quotes are kept as written.
/// Most of a page's texts are words between its quotes, dashes and emphasis, shorter than 16
/// bytes and with nothing to escape: tested and copied where the writer calls this.
#[inline(always)]
pub fn escape_body_into(out: &mut String, s: &str) {
    if s.len() < 16 && !any_special::<true>(&short_block(s.as_bytes())) {
        out.push_str(s);
    } else {
        escape_body_long(out, s);
    }
}

/// [`escape_body_into`] of a text of 16 bytes or more, or one with a byte to escape.
fn escape_body_long(out: &mut String, s: &str) {
    match next_special::<true>(s.as_bytes(), 0) {
        Some(first) => push_escaped::<true>(out, s, first),
        None => out.push_str(s),
    }
}

/// `s` escaped onto `out`, its first special byte at `next`.
fn push_escaped<const BODY: bool>(out: &mut String, s: &str, mut next: usize) {
    let bytes = s.as_bytes();
    let mut from = 0;
    loop {
        out.push_str(&s[from..next]);
        out.push_str(entity(bytes[next]).unwrap_or_default());
        from = next + 1;
        match next_special::<BODY>(bytes, from) {
            Some(n) => next = n,
            None => break,
        }
    }
    out.push_str(&s[from..]);
}

/// [`escape_html`] with the signature Tera wants for autoescaping.
pub fn escape_html_str(s: &str) -> String {
    escape_html(s)
}

fn needs_json_escape(b: u8, script: bool) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\') | (script & ((b == b'<') | (b == b'>') | (b == b'&')))
}

/// `s` as a JSON string appended to `out`, escaped exactly as serde_json escapes it (`"`,
/// `\\`, the short escapes `\b \t \n \f \r`, other control characters as `\u00XX`). With
/// `script`, `<`, `>` and `&` are written `\u003c`, `\u003e` and `\u0026` too, so no text can
/// close the HTML `<script>` element the JSON sits in. Blocks of 16 bytes with nothing to
/// escape (most text) are tested without branches and copied whole, the last bytes as one
/// more block (a test of a slice of any length is a loop with a branch a byte).
pub fn json_into(out: &mut String, s: &str, script: bool) {
    if script {
        json_escaped::<true>(out, s);
    } else {
        json_escaped::<false>(out, s);
    }
}

/// [`json_into`], with `SCRIPT` known when it is compiled (the test per byte is one less).
fn json_escaped<const SCRIPT: bool>(out: &mut String, s: &str) {
    let script = SCRIPT;
    out.push('"');
    let bytes = s.as_bytes();
    let any = |block: &[u8; 16]| block.iter().fold(0u8, |any, &b| any | u8::from(needs_json_escape(b, script))) != 0;
    let mut from = 0;
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        // A block of 16 bytes, or the last bytes: tested as the text's last 16 (which may be
        // some that were tested already) or, in a shorter text, padded.
        let hit = match bytes.get(at..).and_then(<[u8]>::first_chunk::<16>) {
            Some(block) => {
                at += 16;
                any(block)
            }
            None => {
                at = bytes.len();
                match bytes.last_chunk::<16>() {
                    Some(last) => any(last),
                    None => {
                        // Padded with spaces, which JSON does not escape (a zero it would).
                        let mut block = [b' '; 16];
                        block[..bytes.len()].copy_from_slice(bytes);
                        any(&block)
                    }
                }
            }
        };
        if !hit {
            continue;
        }
        for (i, &b) in bytes[start..at].iter().enumerate() {
            let short = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                b'<' if script => "\\u003c",
                b'>' if script => "\\u003e",
                b'&' if script => "\\u0026",
                0..=0x1f => "",
                _ => continue,
            };
            out.push_str(&s[from..start + i]);
            if short.is_empty() {
                let _ = std::fmt::Write::write_fmt(out, format_args!("\\u{b:04x}"));
            } else {
                out.push_str(short);
            }
            from = start + i + 1;
        }
    }
    out.push_str(&s[from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The escaping as first written: character by character.
    fn reference(s: &str) -> String {
        let mut out = String::new();
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

    /// Element content as pulldown-cmark's writer escapes it, character by character.
    fn body_reference(s: &str) -> String {
        reference(s).replace("&quot;", "\"").replace("&#39;", "'")
    }

    #[test]
    fn every_special_character_becomes_its_entity() {
        assert_eq!(escape_html(r#"<a href="x">Tom & 'Jerry'</a>"#), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
        assert_eq!(escape_html("&"), "&amp;");
        assert_eq!(escape_html("&&"), "&amp;&amp;");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("plain text"), "plain text");
    }

    #[test]
    fn the_next_special_byte_is_found_at_every_place_of_every_length() {
        let plain = |bytes: &[u8], from: usize, body: bool| {
            let special = |b: &u8| matches!(b, b'&' | b'<' | b'>') || (!body && matches!(b, b'"' | b'\''));
            bytes.get(from..)?.iter().position(special).map(|i| from + i)
        };
        assert_eq!(next_special::<false>(b"", 0), None);
        assert_eq!(next_special::<true>(b"x", 2), None);
        // Lengths around the block of 16 and its multiples, a special byte (or a non-ASCII
        // one, never special) at each place, searched from each place.
        for len in 0..70 {
            for at in 0..=len {
                for special in [b'&', b'<', b'>', b'"', b'\'', 0xC3] {
                    let mut bytes = vec![b'x'; len];
                    if let Some(b) = bytes.get_mut(at) {
                        *b = special;
                    }
                    for from in [0, 1, at.saturating_sub(1), at, at + 1, len.saturating_sub(16), len] {
                        assert_eq!(next_special::<false>(&bytes, from), plain(&bytes, from, false), "{len} {at} {special} {from}");
                        assert_eq!(next_special::<true>(&bytes, from), plain(&bytes, from, true), "{len} {at} {special} {from} body");
                    }
                }
            }
        }
    }

    #[test]
    fn a_short_texts_block_holds_each_of_its_bytes_and_no_other() {
        for len in 1..16 {
            let bytes: Vec<u8> = (1..=len as u8).collect();
            let block = short_block(&bytes);
            assert!(block.iter().all(|b| bytes.contains(b)), "{len}: {block:?}");
            assert!(bytes.iter().all(|b| block.contains(b)), "{len}: {block:?}");
        }
    }

    #[test]
    fn json_strings_are_escaped_as_serde_json_escapes_them_at_every_length() {
        let script = |s: &str| serde_json::to_string(s).unwrap().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
        // Lengths around the block of 16 and its multiples, an escaped byte (or a non-ASCII
        // character, never escaped) at each place and near the end.
        for len in 0..70 {
            for at in 0..=len {
                for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', '<', '&', 'é', ' '] {
                    let s: String = (0..len).map(|i| if i == at || i + 1 == len - at / 3 { special } else { 'x' }).collect();
                    for (escape, want) in [(false, serde_json::to_string(&s).unwrap()), (true, script(&s))] {
                        let mut out = String::from("kept ");
                        json_into(&mut out, &s, escape);
                        assert_eq!(out, format!("kept {want}"), "{s:?} {escape}");
                    }
                }
            }
        }
    }

    #[test]
    fn same_as_the_character_by_character_escaping_in_every_script() {
        let pieces = ["a", "<", ">", "&", "\"", "'", "é", "ß", "Ελληνικά", "عربي", "日本", "🦀", " ", "\n", "&amp;", "x<y"];
        // Every sequence of up to three pieces, at every position of a longer text.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(escape_html(&s), reference(&s), "{s:?}");
                    let mut out = String::from("kept ");
                    escape_into(&mut out, &s);
                    assert_eq!(out, format!("kept {}", reference(&s)));
                    let mut out = String::from("kept ");
                    escape_body_into(&mut out, &s);
                    assert_eq!(out, format!("kept {}", body_reference(&s)), "{s:?}");
                }
            }
        }
        // A special character at every place of texts longer than the blocks scanned at once.
        for len in [15, 16, 17, 31, 32, 33, 63, 64, 65, 100] {
            for at in 0..len {
                for special in ['&', '<', '>', '"', '\'', 'é'] {
                    let s: String = (0..len).map(|i| if i == at || i == len - 1 - at / 2 { special } else { 'x' }).collect();
                    assert_eq!(escape_html(&s), reference(&s), "{s:?}");
                    let mut body = String::new();
                    escape_body_into(&mut body, &s);
                    assert_eq!(body, body_reference(&s), "{s:?}");
                }
            }
        }
    }
}
