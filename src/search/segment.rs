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

/// Eight bytes' worth of [`JOIN`]: the top bit of each byte of `x` set where the byte is a
/// letter, digit or `_` (ASCII; a byte ≥ 0x80 never joins). Per byte, without carries into
/// the next (the top bit is cleared first): `y + 0x1f` reaches 0x80 from `a` on, `y + 0x05`
/// past `z`, and the same for digits; `u + 0x7f` stays below 0x80 only for 0 (`_`).
fn join_flags(x: u64) -> u64 {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let h = x & LOW;
    let y = h | 0x2020_2020_2020_2020;
    let letter = (y + ONES * 0x1f) & !(y + ONES * 0x05);
    let digit = (h + ONES * 0x50) & !(h + ONES * 0x46);
    let u = h ^ 0x5f5f_5f5f_5f5f_5f5f;
    let under = !((u + LOW) | u);
    (letter | digit | under) & !x & HIGH
}

/// Bit `i` set where byte `i` of `block` (at most 64 bytes) joins a word ([`join_flags`]).
fn join_bits(block: &[u8]) -> u64 {
    if let Ok(full) = <&[u8; 64]>::try_from(block) {
        return join_bits_64(full);
    }
    let mut bits = 0;
    for (i, chunk) in block.chunks(8).enumerate() {
        let x = match <[u8; 8]>::try_from(chunk) {
            Ok(full) => u64::from_le_bytes(full),
            Err(_) => {
                let mut padded = [0u8; 8];
                padded[..chunk.len()].copy_from_slice(chunk);
                u64::from_le_bytes(padded)
            }
        };
        // The top bits gathered into the low byte, byte j's as bit j.
        let flags = (join_flags(x) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        bits |= flags << (8 * i);
    }
    bits
}

/// [`join_bits`] of a whole block, 16 bytes at a time with SSE2 (part of every x86-64): the
/// letter, digit and underscore tests as byte compares, each byte's answer gathered into a bit
/// by `pmovmskb`, about one instruction a byte (the portable loop below takes about three).
#[cfg(target_arch = "x86_64")]
fn join_bits_64(block: &[u8; 64]) -> u64 {
    // SAFETY: SSE2 is part of every x86-64 processor (and of Rust's x86_64 targets).
    unsafe { join_bits_sse2(block) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn join_bits_sse2(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x, _mm_sub_epi8};
    let mut bits = 0;
    for (i, chunk) in block.chunks_exact(16).enumerate() {
        let lo = i64::from_le_bytes(chunk[..8].try_into().unwrap_or_default());
        let hi = i64::from_le_bytes(chunk[8..].try_into().unwrap_or_default());
        let v = _mm_set_epi64x(hi, lo);
        // Unsigned `x <= n` as `min(x, n) == x`.
        let letter = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(b'a' as i8));
        let letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(25)), letter);
        let digit = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
        let digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
        let under = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
        let mask = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), under)) as u32 & 0xFFFF;
        bits |= u64::from(mask) << (16 * i);
    }
    bits
}

/// [`join_bits`] of a whole block: each byte's flag made in a loop the compiler turns into a
/// few vector instructions (16 bytes at a time), then gathered eight bytes at a time; about
/// a third of the instructions of eight [`join_flags`].
#[cfg(not(target_arch = "x86_64"))]
fn join_bits_64(block: &[u8; 64]) -> u64 {
    let mut marks = [0u8; 64];
    for (f, &b) in marks.iter_mut().zip(block) {
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        *f = u8::from(letter | digit | (b == b'_')) << 7;
    }
    let mut bits = 0;
    for (i, chunk) in marks.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        bits |= ((x >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * i);
    }
    bits
}

/// Which bytes of a text join words, 64 at a time, for a scan that only moves forward.
struct Joins<'a> {
    bytes: &'a [u8],
    /// The first byte of the block in `bits` (a multiple of 64), or `usize::MAX` for none yet.
    base: usize,
    bits: u64,
}

impl Joins<'_> {
    /// The first byte from `at` on that joins a word (`join`) or does not, or the end.
    #[inline(always)]
    fn next(&mut self, mut at: usize, join: bool) -> usize {
        let len = self.bytes.len();
        while at < len {
            let base = at & !63;
            if base != self.base {
                self.base = base;
                self.bits = join_bits(&self.bytes[base..len.min(base + 64)]);
            }
            let bits = (if join { self.bits } else { !self.bits }) >> (at - base);
            if bits != 0 {
                return len.min(at + bits.trailing_zeros() as usize);
            }
            at = base + 64;
        }
        len
    }
}

/// The same segments as [`ascii_words`] with `SPLIT` (the index's words), found 64 bytes at
/// a time: `f(start, end)` for each segment, also one of underscores only (no letter or digit;
/// [`ascii_words`] leaves those out, the caller checks). A segment's capitals are not
/// reported either: the caller lower-cases what it keeps.
#[inline(always)]
pub(super) fn split_spans(bytes: &[u8], at: usize, mut f: impl FnMut(usize, usize)) {
    let flags = |b: u8| SPLIT[usize::from(b)];
    let mut joins = Joins { bytes, base: usize::MAX, bits: 0 };
    let len = bytes.len();
    let mut at = at;
    loop {
        let start = joins.next(at, true);
        if start >= len {
            return;
        }
        let mut end = joins.next(start, false);
        // A mark held between two letters or two digits (the byte before `end` joins).
        while let Some(&b) = bytes.get(end) {
            let mid = flags(b);
            if mid & (MID_LETTER | MID_NUM_LET | MID_NUM) == 0 {
                break;
            }
            let both = flags(bytes[end - 1]) & bytes.get(end + 1).map_or(0, |&b| flags(b));
            let held = (mid & (MID_LETTER | MID_NUM_LET) != 0 && both & LETTER != 0) || (mid & (MID_NUM_LET | MID_NUM) != 0 && both & DIGIT != 0);
            if !held {
                break;
            }
            end = joins.next(end + 1, false);
        }
        f(start, end);
        at = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block's bits, whole or cut short, are the bytes that [`JOIN`] says join, every byte
    /// value in every place.
    #[test]
    fn join_bits_are_the_bytes_that_join() {
        let mut next = crate::search::tests::xorshift();
        for round in 0..20_000u64 {
            let block: Vec<u8> = (0..64u64).map(|i| if round < 256 { (round + i) as u8 } else { next() as u8 }).collect();
            for len in [64, 63, 40, 8, 1] {
                let want = (0..len).filter(|&i| SPLIT[usize::from(block[i])] & JOIN != 0).fold(0u64, |m, i| m | 1 << i);
                assert_eq!(join_bits(&block[..len]), want, "{:?}", &block[..len]);
            }
        }
    }
}
