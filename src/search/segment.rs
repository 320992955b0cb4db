//! Unicode word boundaries (UAX #29) with a fast path for ASCII, the common case of most
//! sites' text: the same segments as `unicode-segmentation`'s `unicode_words`, found without
//! its per-character table lookups (which were a twentieth of a whole build's time).
//!
//! The text is cut at ASCII whitespace first. No rule of UAX #29 joins anything across a
//! space, tab or line break, except that combining marks (Extend, Format, ZWJ) after a space
//! or tab belong to it (WB4) and spaces hold together (WB3d): so a piece with any other
//! non-ASCII character goes to `unicode_words` together with the whitespace before it, which
//! gives the same segments as the whole text would. A piece of ASCII, and of the curly quotes,
//! dashes and ellipsis of smart punctuation (boundaries on both sides, like ASCII punctuation;
//! see `is_boundary_mark`), is segmented here by the ASCII
//! part of the rules:
//! - letters, digits and `_` hold together (WB5, WB8–WB10, WB13a–b);
//! - `:`, `.` and `'` hold between two letters (WB6–WB7);
//! - `,`, `;`, `.` and `'` hold between two digits (WB11–WB12);
//! - anything else is a boundary on both sides (WB999).
//!
//! `tests.rs` checks this against `unicode_words` on generated text of every kind of
//! character these rules name, ASCII and not.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWords};

/// The segments of `text` that hold a letter or a digit, in order (`unicode_words`).
#[cfg(test)]
pub fn unicode_words(text: &str) -> Words<'_> {
    Words { text, at: 0, inner: Inner::Done, split: false }
}

/// [`unicode_words`] cut again at apostrophes (`'`, `’`, `ʼ`), keeping the pieces that hold
/// a letter or a digit. In an ASCII piece `'` is simply a boundary: it only ever holds two
/// letters or two digits together, which the cut separates again.
pub fn split_words(text: &str) -> impl Iterator<Item = &str> {
    Words { text, at: 0, inner: Inner::Done, split: true }.flat_map(|(w, ascii)| {
        let pieces = if ascii { None } else { Some(w.split(['\'', '\u{2019}', '\u{02bc}']).filter(|p| p.chars().any(char::is_alphanumeric))) };
        pieces.into_iter().flatten().chain(ascii.then_some(w))
    })
}

/// The iterator of [`unicode_words`].
pub struct Words<'a> {
    text: &'a str,
    /// Where the next piece starts.
    at: usize,
    inner: Inner<'a>,
    /// `'` is a boundary in ASCII pieces ([`split_words`]).
    split: bool,
}

enum Inner<'a> {
    Done,
    Ascii { piece: &'a str, at: usize },
    Unicode(UnicodeWords<'a>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Underscore,
    /// `:` (MidLetter)
    MidLetter,
    /// `.` and `'` (MidNumLet, Single_Quote)
    MidNumLet,
    /// `,` and `;` (MidNum)
    MidNum,
    Other,
}

fn class(b: u8, split: bool) -> Class {
    match b {
        b'\'' if split => Class::Other,
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Underscore,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        _ => Class::Other,
    }
}

/// Punctuation that smart quotes and dashes put into most text, whose Word_Break property is
/// Other: a boundary on both sides (WB999), like ASCII punctuation. `’` is MidNumLet (it holds
/// two letters or two digits together) but [`split_words`] cuts there anyway, so with `split`
/// it is a boundary too. (`‘` is MidNumLet and kept: it goes to `unicode_words`.)
fn is_boundary_mark(c: char, split: bool) -> bool {
    matches!(c, '\u{2013}' | '\u{2014}' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2026}' | '\u{00ab}' | '\u{00bb}' | '\u{2039}' | '\u{203a}')
        || (split && c == '\u{2019}')
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// The next word of an ASCII piece from byte `at` on: (start, end), or `None`.
fn next_ascii(piece: &[u8], mut at: usize, split: bool) -> Option<(usize, usize)> {
    let class = |b: u8| class(b, split);
    let joins = |c: Class| matches!(c, Class::Letter | Class::Digit | Class::Underscore);
    loop {
        // Skip to a letter, digit or underscore: nothing else starts a segment with a word in it.
        while at < piece.len() && !joins(class(piece[at])) {
            at += 1;
        }
        if at >= piece.len() {
            return None;
        }
        let start = at;
        let mut alnum = false;
        while at < piece.len() {
            let c = class(piece[at]);
            if joins(c) {
                alnum |= c != Class::Underscore;
                at += 1;
                continue;
            }
            let (before, after) = (class(piece[at - 1]), piece.get(at + 1).map(|&b| class(b)));
            let held = match c {
                Class::MidLetter => before == Class::Letter && after == Some(Class::Letter),
                Class::MidNumLet => (before == Class::Letter && after == Some(Class::Letter)) || (before == Class::Digit && after == Some(Class::Digit)),
                Class::MidNum => before == Class::Digit && after == Some(Class::Digit),
                _ => false,
            };
            if !held {
                break;
            }
            at += 1;
        }
        if alnum {
            return Some((start, at));
        }
    }
}

/// A segment, and whether it comes from an ASCII piece.
impl<'a> Iterator for Words<'a> {
    type Item = (&'a str, bool);

    fn next(&mut self) -> Option<(&'a str, bool)> {
        loop {
            match &mut self.inner {
                Inner::Ascii { piece, at } => {
                    if let Some((start, end)) = next_ascii(piece.as_bytes(), *at, self.split) {
                        *at = end;
                        return Some((&piece[start..end], true));
                    }
                }
                Inner::Unicode(words) => {
                    if let Some(w) = words.next() {
                        return Some((w, false));
                    }
                }
                Inner::Done => {}
            }
            let bytes = self.text.as_bytes();
            let mut start = self.at;
            while start < bytes.len() && is_space(bytes[start]) {
                start += 1;
            }
            if start >= bytes.len() {
                self.inner = Inner::Done;
                return None;
            }
            let mut end = start;
            let mut ascii = true;
            while end < bytes.len() && !is_space(bytes[end]) {
                if ascii && !bytes[end].is_ascii() {
                    // At the start of a character: a punctuation mark that is a boundary on
                    // both sides keeps the piece on the fast path (its bytes are all ≥ 0x80,
                    // so they are `Other` there).
                    match self.text[end..].chars().next() {
                        Some(c) if is_boundary_mark(c, self.split) => {
                            end += c.len_utf8();
                            continue;
                        }
                        _ => ascii = false,
                    }
                }
                end += 1;
            }
            let spaces = self.at;
            self.at = end;
            self.inner = if ascii {
                Inner::Ascii { piece: &self.text[start..end], at: 0 }
            } else {
                // With the whitespace before it: combining marks at the start join it (WB4),
                // and spaces join each other (WB3d).
                Inner::Unicode(self.text[spaces..end].unicode_words())
            };
        }
    }
}
