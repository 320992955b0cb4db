//! Element ids in a rendered page: a heading's id from its text ([`slugify`]), the ids the
//! theme's own markup keeps ([`RESERVED_IDS`]), and one id per element on a page
//! ([`unique_id`]). Part of the Markdown step; footnote ids and tag pages' names
//! (`render::guide::tag_slug`) come from [`slugify`] too.

use std::collections::HashMap;

/// A heading id from its text: lowercase letters and digits of any script, hyphens between words.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut letter = |c: char, slug: &mut String| {
        if c.is_alphanumeric() || c == '_' {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else if c.is_whitespace() || c == '-' {
            pending_dash = true;
        }
    };
    for c in text.chars() {
        // ASCII lowercases to one ASCII character: no case-mapping iterator for it.
        if c.is_ascii() {
            letter(c.to_ascii_lowercase(), &mut slug);
        } else {
            c.to_lowercase().for_each(|l| letter(l, &mut slug));
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
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
pub(super) fn unique_id(base: String, seen: &mut HashMap<String, usize>) -> String {
    let base = base.replace(['"', '<', '>', '&', '\'', ' '], "-");
    // `seen`: how many ids were made from each base, and each id given (so that a heading
    // "A-1" after two "A" headings does not take `a-1` again).
    let mut n = seen.get(&base).copied().unwrap_or_else(|| usize::from(RESERVED_IDS.contains(&base.as_str())));
    let id = loop {
        let candidate = if n == 0 { base.clone() } else { format!("{base}-{n}") };
        n += 1;
        if !seen.contains_key(&candidate) {
            break candidate;
        }
    };
    seen.insert(base, n);
    seen.entry(id.clone()).or_insert(1);
    id
}
