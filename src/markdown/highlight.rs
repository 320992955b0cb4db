//! The only user of syntect: fenced code → HTML with CSS classes (never inline colours).
//!
//! Syntaxes are loaded once, lazily, the first time a page has a code block with a language,
//! so sites without code never pay for them. The class names (`hl-keyword`, `hl-string`, …)
//! are styled by `static/syntax.css` in the theme.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::escape_html;

static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();

/// Fenced code of one page that is highlighted; code past it is shown as plain text (the
/// sample's longest block is 1 KiB).
pub const MAX_HIGHLIGHTED_BYTES: usize = 256 * 1024;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// A `<pre>` block for `code`; `lang` is the fence's info string (may be empty or unknown).
/// Without `classes` (`highlight: off`) the code is escaped text, and syntect is never loaded.
pub fn highlight(code: &str, lang: &str, classes: bool) -> String {
    let token = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
    let safe_lang: String = token.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#')).collect();
    let inner = if safe_lang.is_empty() || !classes { None } else { classed(code, &safe_lang) };
    let inner = inner.unwrap_or_else(|| escape_html(code));
    let data = if safe_lang.is_empty() { String::new() } else { format!(" data-lang=\"{safe_lang}\"") };
    format!("<pre class=\"code\" tabindex=\"0\" dir=\"ltr\"{data}><code>{inner}</code></pre>\n")
}

fn classed(code: &str, token: &str) -> Option<String> {
    let set = SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines);
    let syntax = set.find_syntax_by_token(token)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_not_colours() {
        let html = highlight("fn main() { let x = \"s\"; }\n", "rust", true);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
        assert!(html.contains("data-lang=\"rust\""));
    }

    #[test]
    fn unknown_or_hostile_language_is_plain_and_escaped() {
        let html = highlight("<script>alert(1)</script>", "\"><script>", true);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn highlighting_off_keeps_the_language_and_escapes() {
        let html = highlight("if a < b { x }\n", "rust", false);
        assert!(!html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("data-lang=\"rust\""));
        assert!(html.contains("if a &lt; b"));
    }
}
