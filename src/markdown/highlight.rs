//! The only user of syntect: fenced code → HTML with CSS classes (never inline colours).
//!
//! Syntaxes are loaded once, lazily, the first time a page has a code block with a language,
//! so sites without code never pay for them. Repeated blocks are highlighted once (`Memo`). The class names (`hl-keyword`, `hl-string`, …)
//! are styled by `static/syntax.css` in the theme.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

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

/// Highlighted blocks kept for reuse: the same code in the same language is highlighted once
/// per process, not once per page (a translated site repeats its code blocks in every
/// language, and courses repeat snippets). A block is kept from its second sighting on, so a
/// site whose blocks are all different only keeps one hash each; at most [`MEMO_BYTES`] of
/// code and HTML and [`MEMO_SEEN`] hashes, then nothing more is added.
struct Memo {
    seen: HashSet<u64>,
    /// By [`memo_key`]: the language token, the code and its HTML.
    blocks: HashMap<u64, (String, String, Arc<str>)>,
    bytes: usize,
}

const MEMO_BYTES: usize = 16 * 1024 * 1024;
const MEMO_SEEN: usize = 1 << 20;

static MEMO: Mutex<Option<Memo>> = Mutex::new(None);

fn memo_key(token: &str, code: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (token, code).hash(&mut h);
    h.finish()
}

fn classed(code: &str, token: &str) -> Option<String> {
    let key = memo_key(token, code);
    let repeated = {
        let mut memo = MEMO.lock().unwrap_or_else(|e| e.into_inner());
        let memo = memo.get_or_insert_with(|| Memo { seen: HashSet::new(), blocks: HashMap::new(), bytes: 0 });
        if let Some((t, c, html)) = memo.blocks.get(&key) {
            if t == token && c == code {
                return Some(html.to_string());
            }
        }
        let repeated = memo.seen.contains(&key);
        if !repeated && memo.seen.len() < MEMO_SEEN {
            memo.seen.insert(key);
        }
        repeated
    };
    let html = highlighted(code, token)?;
    if repeated {
        let mut memo = MEMO.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(memo) = memo.as_mut() {
            let size = token.len() + code.len() + html.len();
            if memo.bytes + size <= MEMO_BYTES {
                memo.bytes += size;
                memo.blocks.entry(key).or_insert_with(|| (token.to_string(), code.to_string(), html.as_str().into()));
            }
        }
    }
    Some(html)
}

fn highlighted(code: &str, token: &str) -> Option<String> {
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
    fn repeated_blocks_come_out_the_same_as_the_first() {
        let code = "def memo_test_block(x):\n    return \"<%s>\" % x  # repeated\n";
        let first = highlight(code, "python", true);
        assert!(first.contains("class=\"hl-"), "{first}");
        for _ in 0..3 {
            assert_eq!(highlight(code, "python", true), first);
        }
        // The same code in another language, or not highlighted, is not taken from the memo.
        let ruby = highlight(code, "ruby", true);
        assert_ne!(ruby, first);
        assert_eq!(highlight(code, "ruby", true), ruby);
        assert!(!highlight(code, "python", false).contains("class=\"hl-"));
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
