//! XML text: what every XML file kyklos writes (SCORM manifests, Moodle XML, QTI) needs to put
//! text into element content or a double-quoted attribute. Below both [`crate::scorm`] and
//! [`crate::export`], so neither imports the other.
//!
//! Two separate steps, so each writer says what it wants: [`escape`] escapes markup and drops
//! characters XML 1.0 cannot carry, keeping line ends as written (manifests);
//! [`normalise_line_ends`] turns `\r\n` and a lone `\r` into `\n` first (question exports,
//! whose texts come from YAML on any platform).

/// Whether XML 1.0 can carry `c` as text: not a control character other than tab, line feed
/// and carriage return, and not U+FFFE or U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// `\r\n` and a lone `\r` become `\n`.
pub fn normalise_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The text without the characters XML 1.0 cannot carry (see [`is_xml_char`]).
pub fn strip_forbidden(text: &str) -> String {
    text.chars().filter(|&c| is_xml_char(c)).collect()
}

/// Text for element content or a double-quoted attribute: `&`, `<`, `>`, `"` and `'` escaped,
/// characters XML 1.0 cannot carry dropped, line ends kept as they are.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(escape("a & <b> \"c\" 'd'\u{1}"), "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;");
        assert_eq!(escape("x\u{0}\u{b}\u{7f}\u{9f}\u{fffe}\u{ffff}y"), "xy");
        assert_eq!(escape("Ελληνικά العربية 🙂 \u{a0}"), "Ελληνικά العربية 🙂 \u{a0}");
    }

    #[test]
    fn escape_keeps_line_ends_as_written() {
        assert_eq!(escape("a\tb\r\nc\rd\ne"), "a\tb\r\nc\rd\ne");
    }

    #[test]
    fn line_ends_are_normalised_on_request() {
        assert_eq!(normalise_line_ends("a\r\nb\rc\nd\r\r\n"), "a\nb\nc\nd\n\n");
        assert_eq!(escape(&normalise_line_ends("a\u{1}<b>\r\n")), "a&lt;b&gt;\n");
    }

    #[test]
    fn stripping_keeps_tabs_and_line_ends() {
        assert_eq!(strip_forbidden("a\t\u{1}b\r\n\u{ffff}"), "a\tb\r\n");
    }
}
