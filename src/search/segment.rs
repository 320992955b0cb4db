//! Unicode word boundaries (UAX #29) with a fast path for ASCII, the common case of most
//! sites' text: the same segments as `unicode-segmentation`'s `unicode_words`, found without
//! its per-character table lookups (which were a twentieth of a whole build's time).
//!
//! The text is cut into pieces at ASCII whitespace. No rule of UAX #29 joins anything across
//! a space, tab or line break, except that combining marks (Extend, Format, ZWJ) after a space
//! or tab belong to it (WB4) and spaces hold together (WB3d): so a piece with any other
//! non-ASCII character goes to `unicode_words` together with the whitespace before it, which
//! gives the same segments as the whole text would. The pieces of ASCII, and of the curly
//! quotes, dashes and ellipsis of smart punctuation (boundaries on both sides, like ASCII
//! punctuation; see `is_boundary_mark`), between two such pieces are segmented here in one
//! pass over their bytes (whitespace is a boundary like punctuation), by the ASCII part of the
//! rules:
//! - letters, digits and `_` hold together (WB5, WB8–WB10, WB13a–b);
//! - `:`, `.` and `'` hold between two letters (WB6–WB7);
//! - `,`, `;`, `.` and `'` hold between two digits (WB11–WB12);
//! - anything else is a boundary on both sides (WB999).
//!
//! `tests.rs` checks this against `unicode_words` on generated text of every kind of
//! character these rules name, ASCII and not.

#[cfg(test)]
use unicode_segmentation::UnicodeSegmentation;

/// How a segment was found.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// By the ASCII fast path (the segment is ASCII), with whether it holds an upper-case letter.
    Ascii { upper: bool },
    /// By `unicode_words`.
    Unicode,
}

/// The segments of `text` that hold a letter or a digit, in order (`unicode_words`).
#[cfg(test)]
pub fn unicode_words(text: &str) -> Vec<(&str, Found)> {
    let mut out = Vec::new();
    segments(text, false, |w, found| out.push((w, found)));
    out
}

/// The apostrophes words are cut at.
const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{02bc}'];

/// Cuts a segment of `unicode_words` at apostrophes (`'`, `’`, `ʼ`), keeping the pieces that
/// hold a letter or a digit.
pub fn split_unicode(w: &str) -> impl Iterator<Item = &str> {
    w.split(APOSTROPHES).filter(|p| p.chars().any(char::is_alphanumeric))
}

/// [`unicode_words`] cut again at apostrophes ([`split_unicode`]). In the ASCII fast path
/// `'` is simply a boundary: it only ever holds two letters or two digits together, which
/// the cut separates again.
#[cfg(test)]
pub fn split_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    segments(text, true, |w, found| match found {
        Found::Ascii { .. } => out.push(w),
        Found::Unicode => out.extend(split_unicode(w)),
    });
    out
}

/// Each segment of `text` that holds a letter or a digit, in order, with how it was found;
/// with `split`, `'` and `’` are boundaries in ASCII pieces (see [`split_words`]). What the
/// tests check the fast path by; the index's word counter (`count.rs`) runs the same steps
/// ([`plan`], [`ascii_words`], `unicode_words`) with its counting inlined.
#[cfg(test)]
pub fn segments<'a>(text: &'a str, split: bool, mut f: impl FnMut(&'a str, Found)) {
    let table = if split { &SPLIT } else { &WHOLE };
    let mut at = 0;
    while at < text.len() {
        let (fast_end, slow_end) = plan(text, at, split);
        ascii_words(&text.as_bytes()[..fast_end], at, table, |start, end, upper| f(&text[start..end], Found::Ascii { upper }));
        if slow_end > fast_end {
            // With the whitespace before it: combining marks at the start join it (WB4),
            // and spaces join each other (WB3d).
            for w in text[fast_end..slow_end].unicode_words() {
                f(w, Found::Unicode);
            }
        }
        at = slow_end;
    }
}

/// What a byte is to the fast path: letters, digits and `_` join (`JOIN`); `:` (MidLetter),
/// `.` and `'` (MidNumLet, Single_Quote), `,` and `;` (MidNum) may hold two of them together;
/// everything else (whitespace, other ASCII, the bytes of non-ASCII boundary marks) is a
/// boundary.
const JOIN: u8 = 1;
const ALNUM: u8 = 2;
const UPPER: u8 = 4;
const LETTER: u8 = 8;
const DIGIT: u8 = 16;
const MID_LETTER: u8 = 32;
const MID_NUM_LET: u8 = 64;
const MID_NUM: u8 = 128;

/// The flags of each byte; with `split`, `'` is a boundary.
const fn flags(split: bool) -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'\'' if split => 0,
            b'A'..=b'Z' => JOIN | ALNUM | LETTER | UPPER,
            b'a'..=b'z' => JOIN | ALNUM | LETTER,
            b'0'..=b'9' => JOIN | ALNUM | DIGIT,
            b'_' => JOIN,
            b':' => MID_LETTER,
            b'.' | b'\'' => MID_NUM_LET,
            b',' | b';' => MID_NUM,
            _ => 0,
        };
        b += 1;
    }
    table
}

pub(super) static SPLIT: [u8; 256] = flags(true);
#[cfg(test)]
static WHOLE: [u8; 256] = flags(false);

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

/// The first byte ≥ 0x80 from `from` on: blocks of 32 bytes are tested without branches (the
/// compiler vectorises the test), the block with such a byte and the rest of the text eight
/// bytes at a time (the byte found by `trailing_zeros`), the last few bytes one by one.
pub(super) fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    while let Some(block) = bytes.get(at..at + 32) {
        let Ok(block) = <&[u8; 32]>::try_from(block) else { break };
        if block.iter().fold(0u8, |any, &b| any | b) & 0x80 != 0 {
            break;
        }
        at += 32;
    }
    while let Some(chunk) = bytes.get(at..at + 8) {
        let high = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) & HIGH;
        if high != 0 {
            return Some(at + (high.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b >= 0x80).map(|p| at + p)
}

/// From `at`, the start of the text or the end of a piece: the pieces up to the first one
/// with a character the fast path cannot segment go to the fast path, up to the returned
/// `fast_end`; that piece, with the whitespace before it, to `unicode_words`, up to the
/// returned `slow_end` (the end of the text when there is no such piece).
pub(super) fn plan(text: &str, at: usize, split: bool) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut from = at;
    let p = loop {
        let Some(p) = next_non_ascii(bytes, from) else { return (bytes.len(), bytes.len()) };
        // At the start of a character: a punctuation mark that is a boundary on both sides
        // keeps its piece on the fast path (its bytes are all boundaries there).
        match text[p..].chars().next() {
            Some(c) if is_boundary_mark(c, split) => from = p + c.len_utf8(),
            _ => break p,
        }
    };
    let start = bytes[at..p].iter().rposition(|&b| is_space(b)).map_or(at, |s| at + s + 1);
    let mut spaces = start;
    while spaces > at && is_space(bytes[spaces - 1]) {
        spaces -= 1;
    }
    let end = bytes[p..].iter().position(|&b| is_space(b)).map_or(bytes.len(), |e| p + e);
    (spaces, end)
}

/// The words of `bytes` (ASCII, boundary marks and whitespace) from `at` on, by the ASCII part
/// of the rules: `f(start, end, holds an upper-case letter)` for each segment with a letter or
/// a digit.
#[cfg(test)]
fn ascii_words(bytes: &[u8], mut at: usize, table: &[u8; 256], mut f: impl FnMut(usize, usize, bool)) {
    let flags = |b: u8| table[usize::from(b)];
    while let Some(&b) = bytes.get(at) {
        // Skip to a letter, digit or underscore: nothing else starts a segment with a word in it.
        if flags(b) & JOIN == 0 {
            at += 1;
            continue;
        }
        let start = at;
        let mut seen = 0u8;
        loop {
            while let Some(&b) = bytes.get(at) {
                let fl = flags(b);
                if fl & JOIN == 0 {
                    break;
                }
                seen |= fl;
                at += 1;
            }
            // A boundary, unless a mark held between two letters or two digits; the byte
            // before is one that joined.
            let Some(&b) = bytes.get(at) else { break };
            let mid = flags(b);
            if mid & (MID_LETTER | MID_NUM_LET | MID_NUM) == 0 {
                break;
            }
            let both = flags(bytes[at - 1]) & bytes.get(at + 1).map_or(0, |&b| flags(b));
            let held = (mid & (MID_LETTER | MID_NUM_LET) != 0 && both & LETTER != 0) || (mid & (MID_NUM_LET | MID_NUM) != 0 && both & DIGIT != 0);
            if !held {
                break;
            }
            at += 1;
        }
        if seen & ALNUM != 0 {
            f(start, at, seen & UPPER != 0);
        }
    }
}

/// Which bytes of a 64-byte block join words (`.0`: letters, digits and `_`) and which may
/// hold two of them together (`.1`: `:`, `.`, `,` and `;`), as bitmasks, bit `i` for byte `i`.
/// The portable version: each byte's answers made in a loop the compiler turns into vector
/// compares (16 bytes at a time), then gathered eight bytes at a time by a multiplication.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn classes_portable(block: &[u8; 64]) -> (u64, u64) {
    let mut join = [0u8; 64];
    let mut mid = [0u8; 64];
    for ((j, m), &b) in join.iter_mut().zip(mid.iter_mut()).zip(block) {
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        *j = u8::from(letter | digit | (b == b'_')) << 7;
        *m = u8::from(matches!(b, b':' | b'.' | b',' | b';')) << 7;
    }
    let gather = |marks: &[u8; 64]| {
        let mut bits = 0;
        for (i, chunk) in marks.chunks_exact(8).enumerate() {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            bits |= ((x >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * i);
        }
        bits
    };
    (gather(&join), gather(&mid))
}

/// [`classes_portable`], 16 bytes at a time with SSE2 (part of every x86-64): the tests as
/// byte compares, each byte's answer gathered into a bit by `pmovmskb`.
#[cfg(target_arch = "x86_64")]
fn classes(block: &[u8; 64]) -> (u64, u64) {
    // SAFETY: SSE2 is part of every x86-64 processor (and of Rust's x86_64 targets).
    unsafe { classes_sse2(block) }
}

#[cfg(not(target_arch = "x86_64"))]
fn classes(block: &[u8; 64]) -> (u64, u64) {
    classes_portable(block)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn classes_sse2(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x, _mm_sub_epi8};
    let (mut join, mut mid) = (0, 0);
    for (i, chunk) in block.chunks_exact(16).enumerate() {
        let lo = i64::from_le_bytes(chunk[..8].try_into().unwrap_or_default());
        let hi = i64::from_le_bytes(chunk[8..].try_into().unwrap_or_default());
        let v = _mm_set_epi64x(hi, lo);
        let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        // Unsigned `x <= n` as `min(x, n) == x`.
        let letter = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(b'a' as i8));
        let letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(25)), letter);
        let digit = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
        let digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
        let j = _mm_or_si128(_mm_or_si128(letter, digit), is(b'_'));
        let m = _mm_or_si128(_mm_or_si128(is(b':'), is(b'.')), _mm_or_si128(is(b','), is(b';')));
        join |= u64::from(_mm_movemask_epi8(j) as u32 & 0xFFFF) << (16 * i);
        mid |= u64::from(_mm_movemask_epi8(m) as u32 & 0xFFFF) << (16 * i);
    }
    (join, mid)
}

/// Whether the mark at `p` (`:`, `.`, `,` or `;`, between two bytes that join) holds them
/// together: between two letters (`:` and `.`) or two digits (`,`, `;` and `.`).
fn held(bytes: &[u8], p: usize) -> bool {
    let flags = |b: u8| SPLIT[usize::from(b)];
    let mid = flags(bytes[p]);
    let both = flags(bytes[p - 1]) & bytes.get(p + 1).map_or(0, |&b| flags(b));
    (mid & (MID_LETTER | MID_NUM_LET) != 0 && both & LETTER != 0) || (mid & (MID_NUM_LET | MID_NUM) != 0 && both & DIGIT != 0)
}

/// The same segments as [`ascii_words`] with `SPLIT` (the index's words) in `bytes[at..end]`,
/// in order: `(start, end)` of each segment, also one of underscores only (no letter or digit;
/// [`ascii_words`] leaves those out, the caller checks). A segment's capitals are not reported
/// either: the caller lower-cases what it keeps.
///
/// 64 bytes at a time, without a branch per byte or per word boundary search: a block's bytes
/// that join words and its marks are bitmasks ([`classes`]); a mark between two bytes that
/// join (rare in prose: `3.14`, `e.g`) is checked by [`held`] and joins too; the segments are
/// the runs of set bits, whose starts and ends are the bits that differ from the bit before
/// (the last bit of the block before carried in), taken in order by `trailing_zeros`. An
/// iterator, so that the caller's loop body is inlined once (a closure called for each
/// segment was not inlined: it had two call sites).
pub(super) struct Spans<'a> {
    bytes: &'a [u8],
    at: usize,
    end: usize,
    /// The next block's first byte (a multiple of 64).
    base: usize,
    /// Whether the last byte of the block before joins a word (`join`), is in a segment (`word`).
    carry_join: u64,
    carry_word: u64,
    /// The bits of the block before `base` where a segment starts or ends, not taken yet.
    edges: u64,
    /// Within a segment, which started at `start`.
    in_word: bool,
    start: usize,
}

impl<'a> Spans<'a> {
    pub(super) fn new(bytes: &'a [u8], at: usize, end: usize) -> Spans<'a> {
        Spans { bytes, at, end, base: at & !63, carry_join: 0, carry_word: 0, edges: 0, in_word: false, start: 0 }
    }

    /// The edges of the block at `base`, which moves to the next block.
    #[inline(always)]
    fn block(&mut self) -> u64 {
        let (bytes, base, end) = (self.bytes, self.base, self.end);
        let (mut join, mid) = match bytes.get(base..base + 64) {
            Some(block) => classes(block.try_into().unwrap_or(&[0; 64])),
            None => {
                let mut padded = [0u8; 64];
                let tail = &bytes[base.min(bytes.len())..];
                padded[..tail.len().min(64)].copy_from_slice(&tail[..tail.len().min(64)]);
                classes(&padded)
            }
        };
        // Only bytes from `at` to `end` count.
        let mut valid = u64::MAX << (self.at.max(base) - base);
        if end - base < 64 {
            valid &= (1u64 << (end - base)) - 1;
        }
        join &= valid;
        let next_joins = base + 64 < end && SPLIT[usize::from(bytes[base + 64])] & JOIN != 0;
        let mut candidates = mid & valid & (join << 1 | self.carry_join) & (join >> 1 | u64::from(next_joins) << 63);
        let mut word = join;
        while candidates != 0 {
            let i = candidates.trailing_zeros();
            candidates &= candidates - 1;
            if held(bytes, base + i as usize) {
                word |= 1 << i;
            }
        }
        let edges = word ^ (word << 1 | self.carry_word);
        self.carry_join = join >> 63;
        self.carry_word = word >> 63;
        self.base += 64;
        edges
    }
}

impl Iterator for Spans<'_> {
    type Item = (usize, usize);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            if self.edges != 0 {
                // `base` is already the next block's.
                let p = self.base - 64 + self.edges.trailing_zeros() as usize;
                self.edges &= self.edges - 1;
                if self.in_word {
                    self.in_word = false;
                    return Some((self.start, p));
                }
                // A segment's start; most end in the same block.
                if self.edges != 0 {
                    let end = self.base - 64 + self.edges.trailing_zeros() as usize;
                    self.edges &= self.edges - 1;
                    return Some((p, end));
                }
                self.start = p;
                self.in_word = true;
                continue;
            }
            if self.base >= self.end {
                // A segment that runs to the end.
                return std::mem::take(&mut self.in_word).then_some((self.start, self.end));
            }
            self.edges = self.block();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block's bitmasks are the bytes that [`JOIN`] says join and the four marks, every byte
    /// value in every place, with SSE2 and without.
    #[test]
    fn classes_are_the_bytes_that_join_and_the_marks() {
        let mut next = crate::search::tests::xorshift();
        for round in 0..20_000u64 {
            let block: [u8; 64] = std::array::from_fn(|i| if round < 256 { (round + i as u64) as u8 } else { next() as u8 });
            let join = (0..64).filter(|&i| SPLIT[usize::from(block[i])] & JOIN != 0).fold(0u64, |m, i| m | 1 << i);
            let mid = (0..64).filter(|&i| matches!(block[i], b':' | b'.' | b',' | b';')).fold(0u64, |m, i| m | 1 << i);
            assert_eq!(classes(&block), (join, mid), "{block:?}");
            assert_eq!(classes_portable(&block), (join, mid), "{block:?}");
        }
    }

    /// The segments of any range of generated ASCII are those of [`ascii_words`] (which leaves
    /// out segments of underscores only), across block boundaries and at a range's ends.
    #[test]
    fn spans_are_the_ascii_words() {
        let mut next = crate::search::tests::xorshift();
        let alphabet = b"aZ9_:.,;' -e.g3.14x";
        for round in 0..20_000 {
            let len = (next() % if round % 10 == 0 { 400 } else { 140 }) as usize;
            let text: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            let end = if len == 0 { 0 } else { len - (next() % 3) as usize % (len + 1) };
            let at = if end == 0 { 0 } else { (next() as usize) % (end + 1) };
            let mut want = Vec::new();
            ascii_words(&text[..end], at, &SPLIT, |s, e, _| want.push((s, e)));
            let got: Vec<(usize, usize)> = Spans::new(&text, at, end).filter(|&(s, e)| !text[s..e].iter().all(|&b| b == b'_')).collect();
            assert_eq!(got, want, "{:?} {at}..{end}", String::from_utf8_lossy(&text));
        }
    }
}
