//! Diagnostics: every problem found in a site, with file, line, column and a hint.
//!
//! Stages never print; they push [`Diagnostic`]s into a [`Diagnostics`] collection so that
//! `check` can report every error of a run at once (the ripgrep/typst manner), then the
//! binary decides the exit code.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, pinned to a place in a file (line and column are 1-based; 0 = unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, path: path.into(), line, col, message: message.into(), hint: None }
    }

    pub fn warning(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, line, col, message) }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:col: error: message` then an indented `hint:` line, as compilers do.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", escape_controls(&self.path.to_string_lossy(), false))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col.max(1))?;
        }
        write!(f, ": {kind}: {}", escape_controls(&self.message, true))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", escape_controls(hint, true))?;
        }
        Ok(())
    }
}

/// Control characters (a file name may hold an escape sequence or a line break) shown as
/// `\u{1b}`, so a name can neither drive the terminal nor forge a line of output. Line
/// breaks that kyklos itself puts into a message are kept when `keep_newlines`.
pub fn escape_controls(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && !(keep_newlines && c == '\n')) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if keep_newlines => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The diagnostics of one run, in the order they were found; sorted before printing.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// `--strict`: every warning becomes an error.
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, line, column, so output is stable whatever order stages ran in.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| (&a.path, a.line, a.col, a.severity, &a.message).cmp(&(&b.path, b.line, b.col, b.severity, &b.message)));
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Maps byte offsets of a text to 1-based line and column (columns count characters).
///
/// A column is counted from a checkpoint every [`BLOCK`] bytes, not from the start of its line:
/// tens of thousands of problems on one long line (a page of 60,000 `<blink>` tags) cost a few
/// kilobytes each, not the whole line each.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Characters before each [`BLOCK`] boundary, made at the first column past one block.
    blocks: std::cell::OnceCell<Vec<usize>>,
}

const BLOCK: usize = 4096;

/// Characters in `bytes` (a slice of UTF-8 text, cut anywhere): the bytes that start one.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts, blocks: std::cell::OnceCell::new() }
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        if !self.text.is_char_boundary(offset) {
            return (line + 1, 1);
        }
        let col = if offset - start <= BLOCK { chars_in(&self.text.as_bytes()[start..offset]) } else { self.chars_before(offset) - self.chars_before(start) };
        (line + 1, col + 1)
    }

    /// Characters in the text before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let blocks = self.blocks.get_or_init(|| {
            let mut n = 0;
            std::iter::once(0)
                .chain(bytes.chunks(BLOCK).map(|b| {
                    n += chars_in(b);
                    n
                }))
                .collect()
        });
        let k = offset / BLOCK;
        blocks[k] + chars_in(&bytes[k * BLOCK..offset])
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn suggest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(word, c), *c))
        .filter(|(score, _)| *score >= 0.6)
        // Ties go to the first candidate in sorted order: candidates may come from a hash map,
        // and the same site must always give the same message.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A count for the terminal, in English: `1 warning`, `0 warnings`, `2 files`. `noun` is the
/// singular; nouns kyklos counts all take `s`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A path shown relative to the site root, so messages are short and clickable in editors.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    crate::paths::strip_dir(path, root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_do_not_depend_on_the_order_of_candidates() {
        assert_eq!(suggest("l.md", &["l2.md", "l4.md"]), Some("l2.md"));
        assert_eq!(suggest("l.md", &["l4.md", "l2.md"]), Some("l2.md"));
    }

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let idx = LineIndex::new("ab\nçé x\n");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(3 + "çé ".len()), (2, 4));
    }

    #[test]
    fn columns_far_into_a_long_line_agree_with_counting_from_its_start() {
        let text = format!("x\n{}", "aé€𝄞<".repeat(3000));
        let idx = LineIndex::new(&text);
        for (offset, _) in text.char_indices().step_by(7).chain([(text.len(), ' ')]) {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..offset].matches('\n').count() + 1;
            assert_eq!(idx.line_col(offset), (line, text[start..offset].chars().count() + 1), "{offset}");
        }
    }

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["title", "description", "objectives"];
        assert_eq!(suggest("titel", &keys), Some("title"));
        assert_eq!(suggest("descripton", &keys), Some("description"));
        assert_eq!(suggest("zzz", &keys), None);
    }

    #[test]
    fn control_characters_are_escaped() {
        let d = Diagnostic::error("content/en/a\x1b[31m\nb.md", 0, 0, "unknown folder `x\u{7}`\nsecond line");
        assert_eq!(d.to_string(), "content/en/a\\u{1b}[31m\\nb.md: error: unknown folder `x\\u{7}`\nsecond line");
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "warning"), "1 warning");
        assert_eq!(count(0, "warning"), "0 warnings");
        assert_eq!(count(2, "page"), "2 pages");
    }

    #[test]
    fn displays_like_a_compiler() {
        let d = Diagnostic::error("content/en/a.md", 3, 7, "bad").with_hint("fix it");
        assert_eq!(d.to_string(), "content/en/a.md:3:7: error: bad\n  hint: fix it");
    }
}
