//! Element ids in a rendered page: a heading's id from its text ([`slugify`]), the ids the
//! theme's own markup keeps ([`RESERVED_IDS`]), and one id per element on a page
//! ([`unique_id`]). Part of the Markdown step; footnote ids and tag pages' names
//! (`render::guide::tag_slug`) come from [`slugify`] too.

use rustc_hash::FxHashMap;

/// A heading id from its text: lowercase letters and digits of any script (with the marks that
/// spell its words: [`spells_word`]), hyphens between words.
pub fn slugify(text: &str) -> String {
    let mut pending_dash = false;
    if text.is_ascii() {
        // Most headings: a table lookup per byte instead of a character's tests, into bytes
        // (ASCII, so always UTF-8) without the encoding of each character `String::push` makes.
        let mut bytes = Vec::with_capacity(text.len());
        for &b in text.as_bytes() {
            match SLUG_BYTES[usize::from(b)] {
                0 => {}
                WORD_BREAK => pending_dash = true,
                kept => {
                    if pending_dash && !bytes.is_empty() {
                        bytes.push(b'-');
                    }
                    pending_dash = false;
                    bytes.push(kept);
                }
            }
        }
        if bytes.is_empty() {
            return "section".to_string();
        }
        return String::from_utf8(bytes).unwrap_or_default();
    }
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        // ASCII lowercases to one ASCII character: no case-mapping iterator, no call per
        // character (most headings are ASCII).
        if c.is_ascii() {
            let b = c as u8;
            if b.is_ascii_alphanumeric() || b == b'_' {
                if pending_dash && !slug.is_empty() {
                    slug.push('-');
                }
                pending_dash = false;
                slug.push(char::from(b.to_ascii_lowercase()));
            } else if b.is_ascii_whitespace() || b == b'\x0b' || b == b'-' {
                // `char::is_whitespace` of ASCII: also the vertical tab.
                pending_dash = true;
            }
        } else {
            for l in c.to_lowercase() {
                if l.is_alphanumeric() || l == '_' {
                    if pending_dash && !slug.is_empty() {
                        slug.push('-');
                    }
                    pending_dash = false;
                    slug.push(l);
                } else if l.is_whitespace() || l == '-' {
                    pending_dash = true;
                } else if spells_word(&slug, pending_dash, l) {
                    slug.push(l);
                }
            }
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// What an ASCII byte gives a slug: itself lower-cased (a letter, a digit or `_`), a word break
/// (white space as `char::is_whitespace` has it, the vertical tab among them, and `-`), or
/// nothing (0).
const SLUG_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0u8;
    while b < 128 {
        table[b as usize] = match b {
            b'a'..=b'z' | b'0'..=b'9' | b'_' => b,
            b'A'..=b'Z' => b + 32,
            b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b'-' => WORD_BREAK,
            _ => 0,
        };
        b += 1;
    }
    table
};
const WORD_BREAK: u8 = 0x80;

/// Whether `mark`, which is no letter, is kept as part of the word `slug` ends with: a
/// combining mark right after a letter of a script from Hebrew on, such as a Devanagari virama
/// (्) or nukta (़), which spell the word (साक्षात्कार, not साकषातकार). The marks of decomposed
/// Latin, Greek and Cyrillic letters are dropped (`A\u{301}` → `a`; İ lowercases to i and a dot).
fn spells_word(slug: &str, pending_dash: bool, mark: char) -> bool {
    !pending_dash && slug.chars().next_back().is_some_and(|last| last >= '\u{590}') && unicode_normalization::char::is_combining_mark(mark)
}

/// Element ids used by the default theme's templates and kyklos's own markup.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "contents-title",
    "course-nav-title",
    "cycle-caption",
    "discussion-title",
    "phase-card-title",
    "related-title",
    "templates-title",
    "toc-title",
    "unit-card-title",
    "cycle-arrow",
    "cycle-svg-desc",
    "cycle-svg-title",
    "items-caption",
    "langs-caption",
    "quiz",
    "content",
    "search",
    "top",
];

/// `base` made safe for an attribute, or `base-N` where `base` is taken already on this page.
pub(super) fn unique_id(base: String, seen: &mut FxHashMap<String, usize>) -> String {
    // A slug holds none of these; an id written by the author (`{#id}`) may.
    let base =
        if base.bytes().any(|b| matches!(b, b'"' | b'<' | b'>' | b'&' | b'\'' | b' ')) { base.replace(['"', '<', '>', '&', '\'', ' '], "-") } else { base };
    // `seen`: how many ids were made from each base, and each id given (so that a heading
    // "A-1" after two "A" headings does not take `a-1` again).
    let mut n = seen.get(&base).copied().unwrap_or_else(|| usize::from(RESERVED_IDS.contains(&base.as_str())));
    if n == 0 {
        // A base never seen is no id given either (every id given is in `seen`): it is the id.
        seen.insert(base.clone(), 1);
        return base;
    }
    let id = loop {
        let candidate = format!("{base}-{n}");
        n += 1;
        if !seen.contains_key(&candidate) {
            break candidate;
        }
    };
    seen.insert(base, n);
    seen.entry(id.clone()).or_insert(1);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `slugify` as it was before its ASCII path: every character through `to_lowercase`.
    fn slugify_by_chars(text: &str) -> String {
        let mut slug = String::with_capacity(text.len());
        let mut pending_dash = false;
        for c in text.chars() {
            for l in c.to_lowercase() {
                if l.is_alphanumeric() || l == '_' {
                    if pending_dash && !slug.is_empty() {
                        slug.push('-');
                    }
                    pending_dash = false;
                    slug.push(l);
                } else if l.is_whitespace() || l == '-' {
                    pending_dash = true;
                } else if spells_word(&slug, pending_dash, l) {
                    slug.push(l);
                }
            }
        }
        if slug.is_empty() {
            slug.push_str("section");
        }
        slug
    }

    #[test]
    fn the_ascii_path_slugs_as_the_character_path_does() {
        let mut texts: Vec<String> = (0u8..128).map(|b| format!("a{}b {}", char::from(b), char::from(b))).collect();
        texts.extend(
            ["İstanbul Ärger_x", "Ελληνικά ΣΟΦΙΑ – Α", "a\u{2003}b\u{a0}c", "x\u{2010}y", "Σ_Straße ǅ", "  --  ", "-a-", "A\u{0301}B"].map(String::from),
        );
        let mut state = 7u64;
        for _ in 0..2000 {
            let text: String = (0..12)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    let pick = [' ', '-', '_', 'a', 'Z', '9', '\t', '.', '!', '\u{b}', 'Ä', 'Σ', '\u{212a}', '\u{2003}', '\u{130}'];
                    // Every other text ASCII only (the table's path), the rest mixed.
                    let ascii = if texts.len().is_multiple_of(2) { 10 } else { pick.len() as u64 };
                    pick[(state % ascii) as usize]
                })
                .collect();
            texts.push(text);
        }
        for t in &texts {
            assert_eq!(slugify(t), slugify_by_chars(t), "{t:?}");
        }
    }

    #[test]
    fn ids_are_unique_on_a_page() {
        let mut seen = FxHashMap::default();
        let ids: Vec<String> = ["a", "a", "a-1", "a", "main", "x y", "x-y", "a\"b"].iter().map(|b| unique_id(b.to_string(), &mut seen)).collect();
        assert_eq!(ids, ["a", "a-1", "a-1-1", "a-2", "main-1", "x-y", "x-y-1", "a-b"]);
    }
}
