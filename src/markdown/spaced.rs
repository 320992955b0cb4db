//! Links and images whose target has a space: `![Ein Bild](Rettungsring am Ufer.png)`.
//!
//! CommonMark ends a link's target at the first space, so such a link is no link at all: the
//! page shows its Markdown as text. The renderer hands over the source ranges of its text
//! events (never code spans or fenced code); runs of them that touch are one stretch of
//! text, and a `](target with spaces)` in it that follows a `[` is reported at the `[` (or the
//! `!` before it), with the two ways to write the target. Pure: source and ranges in,
//! problems out.

use std::ops::Range;

use super::Problem;
use crate::diagnostics::Severity;

/// A link or image text is looked for this far back from its `](`.
const MAX_LABEL_BYTES: usize = 1000;

/// A target's closing `)` is looked for this far after its `(`: no file name is longer, and
/// a bound keeps a line of many unclosed `](` linear (each would otherwise scan to its end).
const MAX_TARGET_BYTES: usize = 1000;

/// Whether `src` has a `](` at all. Without one there is nothing for [`check`] to find, so the
/// renderer does not collect its text's ranges (most pages have no link, and a search per run
/// of text cost about 4 % of a build).
pub fn possible(src: &str) -> bool {
    memchr::memmem::find(src.as_bytes(), b"](").is_some()
}

/// Problems for every `[..](target with spaces)` and `![..](..)` in the text at `ranges` of `src`.
pub fn check(src: &str, ranges: &[Range<usize>], out: &mut Vec<Problem>) {
    let finder = memchr::memmem::Finder::new(b"](");
    let mut i = 0;
    while i < ranges.len() {
        let start = ranges[i].start;
        let mut end = ranges[i].end;
        while i + 1 < ranges.len() && ranges[i + 1].start == end {
            i += 1;
            end = ranges[i].end;
        }
        i += 1;
        if src.get(start..end).is_some() {
            for (at, close) in spaced_targets(src, start..end, &finder) {
                report(src, at, close, out);
            }
        }
    }
}

/// `](` positions in `src[run]` (and the `)` that closes each) whose target has a space.
/// Escapes are read in the whole source: a run of text may begin just after a backslash.
fn spaced_targets(src: &str, run: Range<usize>, finder: &memchr::memmem::Finder<'_>) -> Vec<(usize, usize)> {
    let bytes = src.as_bytes();
    let mut found = Vec::new();
    let mut from = run.start;
    while let Some(k) = finder.find(&bytes[from..run.end]) {
        let at = from + k;
        from = at + 2;
        if escaped(bytes, at) {
            continue;
        }
        let Some(close) = closing_paren(bytes, at + 2).filter(|&c| c < run.end) else { continue };
        let target = &src[at + 2..close];
        if target.starts_with('<') || !target.trim().contains([' ', '\t']) {
            continue;
        }
        found.push((at, close));
        from = close + 1;
    }
    found
}

/// The `)` that closes a target opened at `from`, on the same line and at most
/// [`MAX_TARGET_BYTES`] on, parentheses balanced.
fn closing_paren(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let end = bytes.len().min(from.saturating_add(MAX_TARGET_BYTES));
    for (k, &b) in bytes[from..end].iter().enumerate() {
        match b {
            b'\n' | b'\r' => return None,
            b'(' if !escaped(bytes, from + k) => depth += 1,
            b')' if !escaped(bytes, from + k) => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return Some(from + k),
            },
            _ => {}
        }
    }
    None
}

/// Whether the byte at `at` follows an odd number of backslashes.
fn escaped(bytes: &[u8], at: usize) -> bool {
    bytes[..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// The `[` that opens the text before the `]` at `close_bracket`, brackets balanced, looked for
/// back to a blank line.
fn opening_bracket(src: &str, close_bracket: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let stop = close_bracket.saturating_sub(MAX_LABEL_BYTES);
    let mut k = close_bracket;
    while k > stop {
        k -= 1;
        match bytes[k] {
            b'\n' if k > 0 && (bytes[k - 1] == b'\n' || (bytes[k - 1] == b'\r' && k > 1 && bytes[k - 2] == b'\n')) => return None,
            b']' if !escaped(bytes, k) => depth += 1,
            b'[' if !escaped(bytes, k) => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return Some(k),
            },
            _ => {}
        }
    }
    None
}

fn report(src: &str, bracket: usize, close: usize, out: &mut Vec<Problem>) {
    let Some(open) = opening_bracket(src, bracket) else { return };
    let is_image = open > 0 && src.as_bytes()[open - 1] == b'!' && !escaped(src.as_bytes(), open - 1);
    let target = src[bracket + 2..close].trim();
    // A title after the target (`[a](b c "Title")`) stays where it is.
    let (path, title) = split_title(target);
    if !is_image && !looks_like_path(path) {
        return;
    }
    let start = if is_image { open - 1 } else { open };
    let written = shorten(&src[start..=close]);
    let label = shorten(&src[start..bracket + 1]);
    let what = if is_image { "an image" } else { "a link" };
    let message = format!("`{written}` is shown as text, not as {what}: in Markdown a space ends a link's target");
    let encoded = path.split([' ', '\t']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("%20");
    let hint = format!("put the target between angle brackets, `{label}(<{path}>{title})`, or write each space as `%20`: `{label}({encoded}{title})`");
    out.push(Problem { offset: start, severity: Severity::Error, message, hint });
}

/// A target and its title (with the space before it), if it ends in one: `b c "Title"`.
fn split_title(target: &str) -> (&str, &str) {
    for (open, close) in [('"', '"'), ('\'', '\''), ('(', ')')] {
        if target.ends_with(close) && target.len() > 1 {
            if let Some(k) = target[..target.len() - 1].rfind(open) {
                let before = &target[..k];
                if k > 0 && before.ends_with([' ', '\t']) && !before.trim().is_empty() {
                    return (before.trim_end(), &target[before.trim_end().len()..]);
                }
            }
        }
    }
    (target, "")
}

/// Whether a link's target reads as an address rather than words in parentheses: it names a
/// file (`.md`, `.pdf`, … perhaps with `#part`), a folder (`/` at its end) or a scheme.
fn looks_like_path(target: &str) -> bool {
    let without_part = target.split('#').next().unwrap_or(target);
    let ext = without_part.rsplit_once('.').map(|(_, e)| e);
    let has_ext = ext.is_some_and(|e| (1..=5).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_alphanumeric()) && e.bytes().any(|b| b.is_ascii_alphabetic()));
    has_ext || without_part.ends_with('/') || ["https://", "http://", "mailto:", "../", "./"].iter().any(|p| target.starts_with(p))
}

/// The source as one line, cut in the middle if long.
fn shorten(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = one_line.chars().collect();
    if chars.len() <= 80 {
        return one_line;
    }
    let head: String = chars[..40].iter().collect();
    let tail: String = chars[chars.len() - 30..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(src: &str) -> Vec<Problem> {
        let r = super::super::render(src, &super::super::tests::NoLinks, &super::super::tests::labels());
        r.problems
    }

    #[test]
    fn an_image_or_link_with_a_space_in_its_target_is_reported_at_its_start() {
        let p = problems("Intro.\n\n![Ein Bild](Rettungsring am Ufer.png)\n\nWeiter zur [Lektion](01 erste lektion.md#teil-2).\n");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].offset, 8);
        assert_eq!(p[0].message, "`![Ein Bild](Rettungsring am Ufer.png)` is shown as text, not as an image: in Markdown a space ends a link's target");
        assert_eq!(
            p[0].hint,
            "put the target between angle brackets, `![Ein Bild](<Rettungsring am Ufer.png>)`, or write each space as `%20`: `![Ein Bild](Rettungsring%20am%20Ufer.png)`"
        );
        assert_eq!(p[1].offset, 58);
        assert!(p[1].message.ends_with("not as a link: in Markdown a space ends a link's target"), "{}", p[1].message);
        assert!(p[1].hint.contains("`[Lektion](<01 erste lektion.md#teil-2>)`"), "{}", p[1].hint);
    }

    #[test]
    fn link_text_with_emphasis_and_a_title_are_kept() {
        let p = problems("See [the *second* lesson](02 zweite lektion.md \"Zwei\").\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].offset, 4);
        assert!(p[0].hint.contains("`[the *second* lesson](<02 zweite lektion.md> \"Zwei\")`"), "{}", p[0].hint);
        assert!(p[0].hint.contains("`[the *second* lesson](02%20zweite%20lektion.md \"Zwei\")`"), "{}", p[0].hint);
    }

    #[test]
    fn code_prose_escapes_and_working_links_are_left_alone() {
        for src in [
            "`[code](a b.md)` and `![x](y z.png)`\n",
            "```\n![x](y z.png)\n```\n",
            "    ![x](y z.png)\n",
            "Prose [sic] (see below) and a remark [1](see p. 3).\n",
            "Escaped \\[a\\](b c.md) and \\![x\\](y z.png).\n",
            "Working: [a](<b c.md>), ![x](<y z.png>), [t](b.md \"Title here\").\n",
            "A [bracket\n\nparagraph](a b.md)\n",
            &format!("[a]({} b.md)\n", "x".repeat(MAX_TARGET_BYTES)),
        ] {
            let p = problems(src);
            assert!(p.is_empty(), "{src:?}: {p:?}");
        }
    }

    #[test]
    fn many_unclosed_targets_on_one_line_are_each_looked_at_a_bounded_way() {
        // 20,000 `](x y` without a `)`: each scan stops after MAX_TARGET_BYTES, not at the
        // line's end (unbounded, 150,000 of them on one line took a minute of CPU in `check`).
        let src = format!("[a{}\n", "](x y".repeat(20_000));
        let bytes = src.as_bytes();
        assert_eq!(closing_paren(bytes, 4), None);
        assert!(spaced_targets(&src, 0..src.len(), &memchr::memmem::Finder::new(b"](")).is_empty());
        let p = problems(&src);
        assert!(p.is_empty(), "{p:?}");
    }
}
