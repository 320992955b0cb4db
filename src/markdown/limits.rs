//! Limits that keep the memory of rendering one page bounded whatever its Markdown holds.
//!
//! pulldown-cmark builds a tree of every block of a page before the first event comes out, and
//! the renderer keeps the page's events until the end: memory grows with the number of blocks
//! (about 500 bytes each), not with the bytes of the file. Ten megabytes of `- - - …` or
//! `> > > …` or a 20,000 × 250 table are millions of blocks (gigabytes). [`check`] counts them
//! with one cheap pass over the lines, before anything is parsed, and names the line where a
//! limit is passed. The limits are far above what any lesson needs; the README lists them.

use super::Problem;
use crate::diagnostics::Severity;

/// Lists and quotes nested deeper than this on one line (or by indentation) are refused.
pub const MAX_NESTING: usize = 64;
/// List items and quote levels in one page.
pub const MAX_BLOCKS: usize = 100_000;
/// Table cells in one page (all its tables together).
pub const MAX_TABLE_CELLS: usize = 100_000;
/// Headings in one page (each has an id, a self-link, a place in the contents and a search
/// section).
pub const MAX_HEADINGS: usize = 20_000;
/// Lines and inline marks: pulldown-cmark keeps a node (and the renderer an event) for each
/// line (a soft break, or a line of an HTML block) and for each character that may start or
/// end an inline element or be replaced (`[ ] * _ ` < > ! ~ \ &`, the quotes `" '` and the
/// pairs `..` `--` of smart punctuation), 200 to 500 bytes each. In fenced code only `" & < >`
/// count: they grow four to six times as entities in every copy of the page. The sample's
/// lessons have one in 67 characters; 10 MB of `[` took 2.5 GiB, of `"` or of one-letter lines
/// 2 GiB, and a course of ten 10 MB pages of `"` in fenced code 3 GiB.
pub const MAX_INLINE_MARKS: usize = 500_000;

/// The lines and marks a line adds to [`MAX_INLINE_MARKS`] (itself, and every mark in it).
/// Branch-free counts over runs of 255 bytes into a byte, which the compiler turns into
/// vector instructions: this looks at every byte of every page.
fn marks_in(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut n = 1;
    for run in bytes.chunks(255) {
        n += usize::from(run.iter().fold(0u8, |c, &b| c + u8::from(is_mark(b))));
    }
    // Smart punctuation's pairs `..` and `--`, overlapping (`...` is two).
    let (firsts, seconds) = (bytes.get(..bytes.len().saturating_sub(1)).unwrap_or_default(), bytes.get(1..).unwrap_or_default());
    for (a, b) in firsts.chunks(255).zip(seconds.chunks(255)) {
        n += usize::from(a.iter().zip(b).fold(0u8, |c, (&x, &y)| c + u8::from((x == y) & ((x == b'.') | (x == b'-')))));
    }
    n
}

/// A character that may start or end an inline element or be replaced.
fn is_mark(b: u8) -> bool {
    (b == b'[')
        | (b == b']')
        | (b == b'*')
        | (b == b'_')
        | (b == b'`')
        | (b == b'<')
        | (b == b'>')
        | (b == b'!')
        | (b == b'~')
        | (b == b'\\')
        | (b == b'&')
        | (b == b'"')
        | (b == b'\'')
}

fn refused(offset: usize, message: String, hint: &str) -> Option<Problem> {
    Some(Problem { offset, severity: Severity::Error, message, hint: hint.into() })
}

fn too_many_marks(at: usize) -> Option<Problem> {
    refused(
        at,
        format!("this page has more than {MAX_INLINE_MARKS} lines and marks the Markdown parser keeps one by one (`[ ] * _ ` < > ! ~ \\ & \" '`, `..`, `--`)"),
        "split it into several pages, or put long code in fenced blocks (```) (the limits are listed in the README)",
    )
}

/// The first limit `src` passes, at the byte offset of the line where it does.
pub fn check(src: &str) -> Option<Problem> {
    // A line adds at most two marks per byte (itself and its marks and pairs, fenced code one
    // per byte), so a page of up to half the limit in bytes cannot pass it: its marks need
    // not be counted (they were most of this check's time on every page).
    if src.len() > MAX_INLINE_MARKS / 2 {
        check_counting::<true>(src)
    } else {
        check_counting::<false>(src)
    }
}

/// [`check`], counting the inline marks only if `COUNT_MARKS` (made twice, so that the pass
/// over every line of every page carries nothing of the count).
fn check_counting<const COUNT_MARKS: bool>(src: &str) -> Option<Problem> {
    let count_marks = COUNT_MARKS;
    // The open code fence's character (ASCII) and length.
    let mut fence: Option<(u8, usize)> = None;
    let mut blocks = 0usize;
    let mut cells = 0usize;
    let mut headings = 0usize;
    let mut marks = 0usize;
    // Columns of the table being read (GFM drops cells beyond the header's count).
    let mut table: Option<usize> = None;
    // The rest of the last line of text (empty after a blank line): only a line that may be a
    // table's delimiter row asks whether it has a pipe, not every line.
    let mut previous: &str = "";
    let mut previous_text = false;
    let mut offset = 0;
    for line in lines(src) {
        let at = offset;
        offset += line.len();
        let (markers, cols, rest) = container_prefix(line);
        // Most lines end in a letter or a mark and a line break.
        let rest_trimmed = match rest.as_bytes() {
            [.., b, b'\n'] if b.is_ascii_graphic() => &rest[..rest.len() - 1],
            _ => rest.trim_end(),
        };
        if let Some((c, n)) = fence {
            // Only a line that starts with the fence's character may close it.
            if rest_trimmed.as_bytes().first() == Some(&c) {
                let run = rest_trimmed.bytes().take_while(|&x| x == c).count();
                if run >= n && rest_trimmed.len() == run {
                    fence = None;
                }
            }
            // Code is text, but `" & < >` grow four to six times as entities in every copy of
            // the page (site, packages).
            if count_marks {
                marks += line.bytes().filter(|b| matches!(b, b'"' | b'&' | b'<' | b'>')).count();
            }
            if marks > MAX_INLINE_MARKS {
                return too_many_marks(at);
            }
            continue;
        }
        if let Some(c) = fence_char(rest) {
            fence = Some((c, rest.bytes().take_while(|&x| x == c).count()));
        }
        let depth = markers + cols / 2;
        if depth > MAX_NESTING {
            return Some(Problem {
                offset: at,
                severity: Severity::Error,
                message: format!("lists or quotes are nested more than {MAX_NESTING} levels deep here"),
                hint: "flatten the list or quote: deeper nesting cannot be read anyway (the limits are listed in the README)".into(),
            });
        }
        blocks += markers;
        if blocks > MAX_BLOCKS {
            return Some(Problem {
                offset: at,
                severity: Severity::Error,
                message: format!("this page has more than {MAX_BLOCKS} list items and quotes"),
                hint: "split it into several pages (the limits are listed in the README)".into(),
            });
        }
        if rest_trimmed.is_empty() {
            table = None;
            previous = "";
            previous_text = false;
            continue;
        }
        match table {
            Some(columns) => cells += columns,
            None if is_delimiter_row(rest_trimmed) && memchr::memchr(b'|', previous.as_bytes()).is_some() => {
                let columns = rest_trimmed.trim_matches('|').split('|').count();
                table = Some(columns);
                cells += 2 * columns;
            }
            None => {}
        }
        if cells > MAX_TABLE_CELLS {
            return Some(Problem {
                offset: at,
                severity: Severity::Error,
                message: format!("the tables of this page have more than {MAX_TABLE_CELLS} cells"),
                hint: "split the table, or link to it as a spreadsheet file (.csv, .ods) placed beside the page".into(),
            });
        }
        if is_heading(rest_trimmed, previous_text) {
            headings += 1;
            if headings > MAX_HEADINGS {
                return refused(
                    at,
                    format!("this page has more than {MAX_HEADINGS} headings"),
                    "split it into several pages (the limits are listed in the README)",
                );
            }
        }
        if count_marks {
            marks += marks_in(rest);
        }
        if marks > MAX_INLINE_MARKS {
            return too_many_marks(at);
        }
        previous = rest;
        previous_text = true;
    }
    None
}

/// `src.split_inclusive('\n')`, with a vector search for the line ends: the standard
/// library's byte search was half of this check's time.
fn lines(src: &str) -> impl Iterator<Item = &str> {
    let last = (!src.is_empty() && !src.ends_with('\n')).then_some(src.len());
    let mut start = 0;
    memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1).chain(last).map(move |end| {
        let line = &src[start..end];
        start = end;
        line
    })
}

/// The container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) at the start of a line, the columns
/// of white space among them (a tab counts 4), and the rest of the line.
#[inline(always)]
fn container_prefix(line: &str) -> (usize, usize, &str) {
    // Most lines start with a letter: nothing to take off.
    if !line.as_bytes().first().is_some_and(|b| matches!(b, b' ' | b'\t' | b'>' | b'-' | b'*' | b'+' | b'0'..=b'9')) {
        return (0, 0, line);
    }
    markers_and_space(line)
}

/// [`container_prefix`] of a line that starts with white space or what may be a marker.
fn markers_and_space(line: &str) -> (usize, usize, &str) {
    let mut markers = 0;
    let mut cols = 0;
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let white = rest[..rest.len() - trimmed.len()].chars().map(|c| if c == '\t' { 4 } else { 1 }).sum::<usize>();
        // The space right after a marker belongs to the marker, not to the indentation.
        cols += if markers > 0 { white.saturating_sub(1) } else { white };
        rest = trimmed;
        let bytes = rest.as_bytes();
        let after = match bytes.first() {
            Some(b'>') => 1,
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(1), None | Some(b' ' | b'\t' | b'\n' | b'\r')) => 1,
            Some(b'0'..=b'9') => {
                let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
                match (bytes.get(digits), bytes.get(digits + 1)) {
                    (Some(b'.' | b')'), None | Some(b' ' | b'\t' | b'\n' | b'\r')) if digits <= 9 => digits + 1,
                    _ => break,
                }
            }
            _ => break,
        };
        markers += 1;
        rest = &rest[after..];
    }
    (markers, cols, rest)
}

/// The character of a code fence (```` ``` ```` or `~~~`) that `rest` opens.
fn fence_char(rest: &str) -> Option<u8> {
    match rest.as_bytes() {
        [b'`', b'`', b'`', ..] => Some(b'`'),
        [b'~', b'~', b'~', ..] => Some(b'~'),
        _ => None,
    }
}

/// An ATX heading (`## x`), or the underline of a setext one after a line of text.
#[inline(always)]
fn is_heading(line: &str, after_text: bool) -> bool {
    // Most lines start with a letter.
    if !line.as_bytes().first().is_some_and(|b| matches!(b, b'#' | b'=' | b'-')) {
        return false;
    }
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let atx = (1..=6).contains(&hashes) && matches!(line.as_bytes().get(hashes), None | Some(b' ' | b'\t'));
    atx || (after_text && !line.is_empty() && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-')))
}

/// `|---|:--:|` or `--- | ---`: only pipes, colons, hyphens and spaces, with a hyphen.
#[inline(always)]
fn is_delimiter_row(line: &str) -> bool {
    matches!(line.as_bytes().first(), Some(b'|' | b':' | b'-')) && only_delimiters(line)
}

/// Only pipes, colons, hyphens and spaces, with a hyphen.
fn only_delimiters(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count as first written: a filter for the marks, overlapping windows for the pairs.
    fn marks_reference(line: &str) -> usize {
        let bytes = line.as_bytes();
        let single = bytes.iter().filter(|b| matches!(b, b'[' | b']' | b'*' | b'_' | b'`' | b'<' | b'>' | b'!' | b'~' | b'\\' | b'&' | b'"' | b'\'')).count();
        let pairs = bytes.windows(2).filter(|w| w[0] == w[1] && matches!(w[0], b'.' | b'-')).count();
        1 + single + pairs
    }

    #[test]
    fn marks_are_counted_as_before_on_lines_of_every_length() {
        for line in ["", ".", "..", "...", "--", "-.-", "a--b...c", "[x](y) *z* `c` <b> ! ~ \\ & \" '", "é…—ω.."] {
            assert_eq!(marks_in(line), marks_reference(line), "{line:?}");
        }
        // Across the runs of 255 bytes the counts are made in.
        for len in [254, 255, 256, 509, 510, 511, 1000] {
            for unit in ["-", ".", "[", "a.", "..a", "\"x"] {
                let line: String = unit.repeat(len).chars().take(len).collect();
                assert_eq!(marks_in(&line), marks_reference(&line), "{unit:?} × {len}");
            }
        }
    }

    #[test]
    fn lines_are_split_as_split_inclusive_does() {
        for src in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\n", "é\nω\r\n"] {
            assert_eq!(lines(src).collect::<Vec<_>>(), src.split_inclusive('\n').collect::<Vec<_>>(), "{src:?}");
        }
    }

    #[test]
    fn pages_of_up_to_half_the_mark_limit_in_bytes_are_judged_without_counting_marks() {
        let half = MAX_INLINE_MARKS / 2;
        // The worst a byte can do: a mark and a line of its own.
        for page in ["!\n".repeat(half / 2), "`".repeat(half), "```\n".to_string() + &"\"".repeat(half - 4), "...-".repeat(half / 4)] {
            assert!(page.len() <= half);
            assert_eq!(check(&page), None);
            assert_eq!(check_counting::<true>(&page), None, "{:?}…", &page[..8]);
        }
        for page in ["# T\n\n- a\n  - b\n> q\n".to_string(), "- item\n".repeat(MAX_BLOCKS + 1), format!("{}x\n", "> ".repeat(MAX_NESTING + 1))] {
            assert_eq!(check_counting::<false>(&page), check_counting::<true>(&page));
        }
    }

    #[test]
    fn ordinary_pages_pass() {
        let page = "# T\n\n- a\n  - b\n    1. c\n> quote\n> > inner\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n- - - - - - - - - - - - - -\n```\n";
        assert_eq!(check(page), None);
        let long = "- item\n".repeat(MAX_BLOCKS);
        assert_eq!(check(&long), None);
    }

    #[test]
    fn nesting_at_the_limit_passes() {
        assert_eq!(check(&format!("{}x\n", "- ".repeat(MAX_NESTING))), None);
        assert_eq!(check(&format!("{}x\n", "> ".repeat(MAX_NESTING))), None);
        let stairs: String = (0..MAX_NESTING).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
        assert_eq!(check(&stairs), None);
    }

    #[test]
    fn deep_nesting_is_refused_at_its_line() {
        let page = format!("# T\n\nText\n{}x\n", "- ".repeat(MAX_NESTING + 1));
        let p = check(&page).unwrap();
        assert_eq!(p.offset, "# T\n\nText\n".len());
        assert!(p.message.contains("nested more than 64"));
        assert!(check(&format!("{}x\n", "> ".repeat(MAX_NESTING + 1))).is_some());
        assert!(check(&format!("{}x\n", ">".repeat(MAX_NESTING + 1))).is_some());
        assert!(check(&format!("{}x\n", "1. ".repeat(MAX_NESTING + 1))).is_some());
        let stairs: String = (0..200).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
        assert!(check(&stairs).is_some());
        // Inside fenced code, markers are text.
        assert_eq!(check(&format!("~~~\n{}x\n~~~\n", "> ".repeat(500))), None);
    }

    #[test]
    fn too_many_blocks_or_cells_are_refused() {
        assert!(check(&"- item\n".repeat(MAX_BLOCKS + 1)).unwrap().message.contains("list items"));
        assert!(check(&"> - x\n".repeat(MAX_BLOCKS / 2 + 1)).is_some());
        let row = format!("|{}|\n", vec!["1"; 250].join("|"));
        let table = format!("{row}|{}|\n{}", vec!["-"; 250].join("|"), row.repeat(500));
        assert!(check(&table).unwrap().message.contains("cells"));
        let small = format!("{row}|{}|\n{}", vec!["-"; 250].join("|"), row.repeat(10));
        assert_eq!(check(&small), None);
    }

    #[test]
    fn too_many_headings_or_inline_marks_are_refused_at_their_line() {
        assert_eq!(check(&"## h\n".repeat(MAX_HEADINGS)), None);
        let p = check(&"## h\n".repeat(MAX_HEADINGS + 1)).unwrap();
        assert_eq!((p.offset, p.message.contains("headings")), (MAX_HEADINGS * 5, true));
        assert!(check(&"h\n=\n".repeat(MAX_HEADINGS + 1)).is_some());
        assert_eq!(check(&"[a](b) ".repeat(MAX_INLINE_MARKS / 2 - 1)), None);
        for mark in ["[", "*", "_", "`", "<", ">", "!", "~", "]", "\\", "&", "\"", "'"] {
            let page = format!("Text\n{}\n", mark.repeat(MAX_INLINE_MARKS));
            assert_eq!(check(&page).unwrap().offset, 5, "{mark}");
        }
        // Smart punctuation's pairs; plain dots and hyphens are text.
        assert!(check(&format!("{}\n", "... ".repeat(MAX_INLINE_MARKS / 2 + 1))).is_some());
        assert!(check(&format!("{}\n", "-- ".repeat(MAX_INLINE_MARKS + 1))).is_some());
        assert_eq!(check(&format!("{}\n", ". - ".repeat(MAX_INLINE_MARKS))), None);
        // Every line is a node too (of a paragraph or an HTML block), blank lines are not.
        let p = check(&"a\n".repeat(MAX_INLINE_MARKS + 1)).unwrap();
        assert_eq!(p.offset, 2 * MAX_INLINE_MARKS);
        assert!(p.message.contains("lines and marks"));
        assert!(check(&format!("<div>\n{}</div>\n", "a\n".repeat(MAX_INLINE_MARKS))).is_some());
        assert_eq!(check(&"a\n\n\n".repeat(MAX_INLINE_MARKS / 2)), None);
        // Code in a fence is text, except for the characters written as entities.
        assert_eq!(check(&format!("```\n{}\n```\n", "[".repeat(MAX_INLINE_MARKS + 1))), None);
        assert_eq!(check(&format!("```\n{}```\n", "a\n".repeat(MAX_INLINE_MARKS + 1))), None);
        for mark in ["\"", "&", "<", ">"] {
            let page = format!("Text\n```\n{}\n```\n", mark.repeat(MAX_INLINE_MARKS));
            assert_eq!(check(&page).unwrap().offset, 9, "{mark}");
        }
    }
}
