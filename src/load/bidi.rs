//! Bidirectional formatting characters left open in text kyklos shows elsewhere than where it
//! was written: a page's front matter (its title in menus, breadcrumbs, cards, the credit line,
//! search results), its headings (the table of contents) and quiz files. An override, an
//! embedding or an isolate opened and not closed on its line reorders everything after it in
//! those places ("Trojan Source"): a warning at its line and column. Pure: text in, positions out.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// An opening bidi control, with its name and the character that closes it.
fn opener(c: char) -> Option<(&'static str, char, &'static str)> {
    Some(match c {
        '\u{202a}' => ("left-to-right embedding (U+202A)", '\u{202c}', "U+202C"),
        '\u{202b}' => ("right-to-left embedding (U+202B)", '\u{202c}', "U+202C"),
        '\u{202d}' => ("left-to-right override (U+202D)", '\u{202c}', "U+202C"),
        '\u{202e}' => ("right-to-left override (U+202E)", '\u{202c}', "U+202C"),
        '\u{2066}' => ("left-to-right isolate (U+2066)", '\u{2069}', "U+2069"),
        '\u{2067}' => ("right-to-left isolate (U+2067)", '\u{2069}', "U+2069"),
        '\u{2068}' => ("first-strong isolate (U+2068)", '\u{2069}', "U+2069"),
        _ => return None,
    })
}

/// Whether `text` holds an embedding, override or isolate, or the end of one (U+202A–U+202E,
/// U+2066–U+2069): in UTF-8 each is three bytes from 0xE2, found with `memchr` (every page's
/// body passes here, and most hold none).
fn has_controls(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xe2, b).any(|i| matches!((b.get(i + 1), b.get(i + 2)), (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))))
}

/// The controls opened and never closed on each line of `text`: (line index from 0, column in
/// characters from 1, the control's name, the name of the character that closes it).
pub fn unclosed(text: &str) -> Vec<(usize, usize, &'static str, &'static str)> {
    let mut out = Vec::new();
    if !has_controls(text) {
        return out;
    }
    for (i, line) in text.lines().enumerate() {
        if !has_controls(line) {
            continue;
        }
        // (column, closer, name, closer's name) of each control still open.
        let mut open: Vec<(usize, char, &'static str, &'static str)> = Vec::new();
        for (col, c) in line.chars().enumerate() {
            if let Some((name, closer, closer_name)) = opener(c) {
                open.push((col + 1, closer, name, closer_name));
            } else if c == '\u{202c}' {
                // Closes the last embedding or override, not across an isolate.
                if open.last().is_some_and(|o| o.1 == '\u{202c}') {
                    open.pop();
                }
            } else if c == '\u{2069}' {
                // Closes the last isolate and whatever was opened inside it.
                if let Some(at) = open.iter().rposition(|o| o.1 == '\u{2069}') {
                    open.truncate(at);
                }
            }
        }
        if let Some(&(col, _, name, closer_name)) = open.first() {
            out.push((i, col, name, closer_name));
        }
    }
    out
}

/// Warns about each line of `text` (whose first line is the file's line `first_line`) that
/// leaves a bidi control open; `lines` chooses the lines looked at (by their text).
pub fn check(text: &str, first_line: usize, lines: impl Fn(&str) -> bool, shown: &Path, diags: &mut Diagnostics) {
    let found = unclosed(text);
    if found.is_empty() {
        return;
    }
    let all: Vec<&str> = text.lines().collect();
    for (i, col, name, closer) in found {
        if !lines(all[i]) {
            continue;
        }
        diags.push(
            Diagnostic::warning(shown, first_line + i, col, format!("a {name} is never closed on this line: wherever kyklos shows this text (menus, breadcrumbs, the credit line, search results), it reorders what follows it"))
                .with_hint(format!("remove it, or close it with {closer} on the same line; to give a passage its direction, write it in its own letters or as <span dir=\"rtl\">…</span>")),
        );
    }
}

/// Whether a Markdown line is an ATX heading (`## …`, up to three spaces before it).
pub fn is_heading(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() <= 3 && trimmed.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_or_isolate_left_open_is_found_where_it_opens() {
        assert_eq!(unclosed("title: \"ثنائي \u{202e}الاتجاه\"\nok\n"), [(0, 15, "right-to-left override (U+202E)", "U+202C")]);
        assert_eq!(unclosed("a \u{2067}b\u{202e}c\u{2069} d\n\u{2066}x"), [(1, 1, "left-to-right isolate (U+2066)", "U+2069")]);
        // Closed ones, marks (U+200E/U+200F) and joiners are fine.
        assert!(unclosed("\u{202b}عربي\u{202c} \u{2068}x\u{2069} \u{200f}\u{200d}").is_empty());
        // A PDF does not close an isolate; a PDI closes an embedding opened inside its isolate.
        assert_eq!(unclosed("\u{2067}a\u{202c}").len(), 1);
        assert!(unclosed("\u{2067}a\u{202e}b\u{2069}").is_empty());
        assert_eq!(unclosed("\u{202e}a\u{2069}").len(), 1, "a PDI closes no override");
    }

    fn is_control(c: char) -> bool {
        ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
    }

    #[test]
    fn the_byte_search_finds_exactly_the_controls() {
        for c in ('\u{0}'..='\u{2fff}').chain(['\u{e2}', '\u{fe0f}', '\u{1f600}']) {
            let text = format!("a{c}b");
            assert_eq!(has_controls(&text), is_control(c), "{:?} U+{:04X}", c, c as u32);
        }
        assert!(!has_controls("\u{2014} “quoted” \u{2026}"), "dashes, quotes and ellipses are no controls");
    }

    #[test]
    fn warnings_name_the_files_line_and_column() {
        let mut diags = Diagnostics::default();
        check("## عنوان \u{202e} مخفي\nنص \u{202e} في فقرة\n", 7, is_heading, Path::new("l.md"), &mut diags);
        let all: Vec<String> = diags.sorted().iter().map(|d| format!("{}:{}:{}", d.path.display(), d.line, d.col)).collect();
        assert_eq!(all, ["l.md:7:10"], "a paragraph ends its own override; a heading goes into the contents");
        assert!(!is_heading("    # code"));
    }
}
