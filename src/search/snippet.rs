//! The start of a page's text kept for its search snippets, as its page-shard entry holds
//! it ([`super::shards::doc_entry`]): whitespace collapsed ([`collapse`]), cut at a word
//! ([`cut`]) and escaped as a JSON string ([`push_json`]). The text is scanned 16 bytes at a
//! time with SSE2 (part of every x86-64), with a portable version tested against it.

use std::fmt::Write;

/// `s` as a JSON string appended to `out`, as [`crate::escape::json_into`] writes it: runs
/// without anything to escape found 16 bytes at a time ([`next_escape`]) and copied whole.
/// For a page's text, kilobytes long, where `json_into`'s 32-byte blocks cost twice as many
/// instructions.
pub(super) fn push_json(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(p) = next_escape(bytes, from) {
        out.push_str(&s[from..p]);
        match bytes[p] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            b => {
                let _ = write!(out, "\\u{b:04x}");
            }
        }
        from = p + 1;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// Whether JSON escapes the byte `b`: `"`, `\\` and control characters.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The first byte from `at` on that JSON escapes ([`needs_escape`]): 32 bytes at a time while
/// none does, then 16 at a time, with SSE2 where there is SSE2, the last ones one by one.
fn next_escape(bytes: &[u8], mut at: usize) -> Option<usize> {
    // 32 bytes at a time while none needs escaping (most of a page's text): one test and one
    // branch for both halves.
    while let Some(Ok(wide)) = bytes.get(at..at + 32).map(<&[u8; 32]>::try_from) {
        if !no_escapes(wide) {
            break;
        }
        at += 32;
    }
    while let Some(Ok(block)) = bytes.get(at..at + 16).map(<&[u8; 16]>::try_from) {
        let mask = escapes(block);
        if mask != 0 {
            return Some(at + mask.trailing_zeros() as usize);
        }
        at += 16;
    }
    bytes[at..].iter().position(|&b| needs_escape(b)).map(|p| at + p)
}

/// Bit `i` set for each byte `i` of `block` that JSON escapes. The portable version.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn escapes_portable(block: &[u8; 16]) -> u32 {
    block.iter().enumerate().fold(0, |mask, (i, &b)| mask | u32::from(needs_escape(b)) << i)
}

#[cfg(not(target_arch = "x86_64"))]
fn escapes(block: &[u8; 16]) -> u32 {
    escapes_portable(block)
}

/// [`escapes_portable`] with SSE2 (part of every x86-64).
#[cfg(target_arch = "x86_64")]
fn escapes(block: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is part of every x86-64 processor (and of Rust's x86_64 targets).
    unsafe { escapes_sse2(block) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn escapes_sse2(block: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x};
    let lo = i64::from_le_bytes(block[..8].try_into().unwrap_or_default());
    let hi = i64::from_le_bytes(block[8..].try_into().unwrap_or_default());
    let v = _mm_set_epi64x(hi, lo);
    let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
    let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
    let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
    _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) as u32 & 0xffff
}

/// Whether no byte of `block` needs escaping. The portable version.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn no_escapes_portable(block: &[u8; 32]) -> bool {
    !block.iter().any(|&b| needs_escape(b))
}

#[cfg(not(target_arch = "x86_64"))]
fn no_escapes(block: &[u8; 32]) -> bool {
    no_escapes_portable(block)
}

/// [`no_escapes_portable`] with SSE2 (part of every x86-64).
#[cfg(target_arch = "x86_64")]
fn no_escapes(block: &[u8; 32]) -> bool {
    // SAFETY: SSE2 is part of every x86-64 processor (and of Rust's x86_64 targets).
    unsafe { no_escapes_sse2(block) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn no_escapes_sse2(block: &[u8; 32]) -> bool {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x};
    let load = |at: usize| -> __m128i {
        let lo = i64::from_le_bytes(block[at..at + 8].try_into().unwrap_or_default());
        let hi = i64::from_le_bytes(block[at + 8..at + 16].try_into().unwrap_or_default());
        _mm_set_epi64x(hi, lo)
    };
    let escaped = |v: __m128i| {
        let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
        let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        _mm_or_si128(control, _mm_or_si128(quote, backslash))
    };
    _mm_movemask_epi8(_mm_or_si128(escaped(load(0)), escaped(load(16)))) == 0
}

/// The width of the whitespace character (`char::is_whitespace`) at byte `at` of `text`, or 0.
fn space_width(text: &str, at: usize) -> usize {
    match text.as_bytes().get(at) {
        Some(b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') => 1,
        Some(&b) if b >= 0x80 => text.get(at..).and_then(|t| t.chars().next()).filter(|c| c.is_whitespace()).map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// The width of the character at byte `at` (a character boundary) of `text`, at least 1.
fn char_width(text: &str, at: usize) -> usize {
    text.get(at..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8)
}

/// Each byte of `x` (eight bytes of text) that may start whitespace other than a space
/// between two words, with its top bit set: a control character or a byte ≥ 0x80 (most are
/// no whitespace), a space followed by a space, and a space in the last byte.
fn special_bytes(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // Per byte, without carries between bytes: (b & 0x7f) + 0x60 has its top bit clear
    // exactly when b & 0x7f < 0x20; (v & 0x7f) + 0x7f | v has it clear exactly when v == 0.
    let control = !((x & LOW) + 0x6060_6060_6060_6060) & !x & HIGH;
    let z = x ^ 0x2020_2020_2020_2020;
    let space = !(((z & LOW) + LOW) | z) & HIGH;
    let double = space & ((space >> 8) | (1 << 63));
    (x & HIGH) | control | double
}

/// Bit `i` set for each byte `i` of `window[..16]` that may start whitespace other than a
/// single space between two words: a control character, a space followed by a space, and the
/// first byte of a non-ASCII character that is whitespace (U+0085, U+00A0, U+1680, U+2000 to
/// U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) or may be (any `e2 80` or `e2 81`
/// character but the dashes, curly quotes and ellipsis, U+2010 to U+2027, most of a text's
/// non-ASCII characters). `window[16..]` are the two bytes after. The portable version.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn specials_portable(window: &[u8; 18]) -> u32 {
    let mut mask = 0;
    for i in 0..16 {
        let (b, next, third) = (window[i], window[i + 1], window[i + 2]);
        let special = b < 0x20
            || (b == b' ' && next == b' ')
            || (b == 0xc2 && (next == 0x85 || next == 0xa0))
            || (b == 0xe1 && next == 0x9a)
            || (b == 0xe3 && next == 0x80)
            || (b == 0xe2 && (next == 0x81 || (next == 0x80 && !(0x90..=0xa7).contains(&third))));
        mask |= u32::from(special) << i;
    }
    mask
}

#[cfg(not(target_arch = "x86_64"))]
fn specials(window: &[u8; 18]) -> u32 {
    specials_portable(window)
}

/// [`specials_portable`] with SSE2 (part of every x86-64): 16 bytes compared at once, the
/// non-ASCII tests only for a block that has a byte ≥ 0x80.
#[cfg(target_arch = "x86_64")]
fn specials(window: &[u8; 18]) -> u32 {
    // SAFETY: SSE2 is part of every x86-64 processor (and of Rust's x86_64 targets).
    unsafe { specials_sse2(window) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn specials_sse2(window: &[u8; 18]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x,
        _mm_sub_epi8,
    };
    let load = |at: usize| -> __m128i {
        let lo = i64::from_le_bytes(window[at..at + 8].try_into().unwrap_or_default());
        let hi = i64::from_le_bytes(window[at + 8..at + 16].try_into().unwrap_or_default());
        _mm_set_epi64x(hi, lo)
    };
    let is = |v: __m128i, b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
    let (v, next) = (load(0), load(1));
    let double = _mm_and_si128(is(v, b' '), is(next, b' '));
    // Signed: below 0x20 or at least 0x80.
    let low_or_high = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    if _mm_movemask_epi8(_mm_or_si128(low_or_high, double)) == 0 {
        return 0;
    }
    // Unsigned `b <= 0x1f` as `min(b, 0x1f) == b`.
    let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
    let mut special = _mm_or_si128(control, double);
    if _mm_movemask_epi8(v) != 0 {
        let third = load(2);
        let c2 = _mm_and_si128(is(v, 0xc2), _mm_or_si128(is(next, 0x85), is(next, 0xa0)));
        let e1 = _mm_and_si128(is(v, 0xe1), is(next, 0x9a));
        let e3 = _mm_and_si128(is(v, 0xe3), is(next, 0x80));
        let t = _mm_sub_epi8(third, _mm_set1_epi8(0x90u8 as i8));
        let punctuation = _mm_and_si128(is(next, 0x80), _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(0x17)), t));
        let e2 = _mm_and_si128(is(v, 0xe2), _mm_andnot_si128(punctuation, _mm_or_si128(is(next, 0x80), is(next, 0x81))));
        special = _mm_or_si128(special, _mm_or_si128(_mm_or_si128(c2, e1), _mm_or_si128(e3, e2)));
    }
    _mm_movemask_epi8(special) as u32 & 0xffff
}

/// The first byte from `at` before `end` that may start whitespace other than a single space
/// between two words, or `end`: 16 bytes at a time by [`specials`] while two more follow them,
/// then eight bytes at a time with [`special_bytes`] (which may also name a single space or
/// any byte ≥ 0x80), the last bytes before `end` one by one.
fn next_special(bytes: &[u8], mut at: usize, end: usize) -> usize {
    while at < end {
        let Some(Ok(window)) = bytes.get(at..at + 18).map(<&[u8; 18]>::try_from) else { break };
        let mask = specials(window);
        if mask != 0 {
            return (at + mask.trailing_zeros() as usize).min(end);
        }
        at += 16;
    }
    while let Some(block) = bytes.get(at..at + 8).filter(|_| at + 8 <= end) {
        let mut word = [0u8; 8];
        word.copy_from_slice(block);
        let special = special_bytes(u64::from_le_bytes(word));
        if special != 0 {
            return at + (special.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < end {
        match bytes[at] {
            b' ' if bytes.get(at + 1) == Some(&b' ') => return at,
            b' ' => {}
            b if !(0x20..0x80).contains(&b) => return at,
            _ => {}
        }
        at += 1;
    }
    end
}

/// Appends `text` with its whitespace collapsed (`split_whitespace` joined by single spaces):
/// all of it, or at least `limit` + 1 bytes of it. Spans of words with single spaces between
/// them are copied whole; eight bytes at a time are tested for anything else.
pub(super) fn collapse(text: &str, limit: usize, out: &mut String) {
    let bytes = text.as_bytes();
    let base = out.len();
    let mut span = 0;
    while let w @ 1.. = space_width(text, span) {
        span += w;
    }
    let mut at = span;
    loop {
        // Past `bound` the text collapsed so far would exceed `limit` + 1 bytes.
        let bound = span + (limit + 1).saturating_sub(out.len() - base);
        let p = next_special(bytes, at, bound.min(bytes.len()));
        if p >= bytes.len() {
            break;
        }
        if p >= bound {
            let mut end = bound;
            while !text.is_char_boundary(end) {
                end += 1;
            }
            out.push_str(&text[span..end]);
            return;
        }
        // Dashes, curly quotes and the ellipsis (U+2010 to U+2027), most of a text's non-ASCII
        // characters: never whitespace, so not decoded.
        if let [0xe2, 0x80, 0x90..=0xa7, ..] = bytes[p..] {
            at = p + 3;
            continue;
        }
        let mut end = p;
        while let w @ 1.. = space_width(text, end) {
            end += w;
        }
        if end == p {
            at = p + char_width(text, p);
            continue;
        }
        if end == p + 1 && bytes[p] == b' ' && end < bytes.len() {
            // A single space (in the last byte of eight).
            at = end;
            continue;
        }
        let mut start = p;
        while start > at && bytes[start - 1] == b' ' {
            start -= 1;
        }
        out.push_str(&text[span..start]);
        if end >= bytes.len() {
            return;
        }
        out.push(' ');
        (span, at) = (end, end);
        if out.len() - base > limit {
            return;
        }
    }
    out.push_str(text[span..].strip_suffix(' ').unwrap_or(&text[span..]));
}

/// A collapsed text cut as `split_whitespace` words are taken while the text stays within
/// `limit` bytes counting a space after the first word: `text` up to before the first space
/// that keeps it within `limit`, or all of it.
pub(super) fn cut(text: &str, limit: usize) -> &str {
    let first = text.find(' ').unwrap_or(text.len());
    if first >= limit {
        return "";
    }
    if text.len() <= limit {
        return text;
    }
    let end = text.as_bytes()[..=limit].iter().rposition(|&b| b == b' ').unwrap_or(0);
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block's special bytes for the whitespace collapse and for JSON are the same with SSE2
    /// and without, on every byte value in every place and on generated text of the bytes that
    /// matter (whitespace, quotes, dashes and their neighbours).
    #[test]
    fn vector_scans_are_the_portable_ones() {
        let mut next = crate::search::tests::xorshift();
        let alphabet = [
            b' ', b' ', b'a', b'\n', b'\t', 0x01, 0x1f, b'"', b'\\', 0x7f, 0x80, 0x81, 0x85, 0x8a, 0x8b, 0x8f, 0x90, 0x9a, 0x9f, 0xa0, 0xa7, 0xa8, 0xaf, 0xc2,
            0xe1, 0xe2, 0xe3, 0xff,
        ];
        for round in 0..50_000u64 {
            let window: [u8; 18] = std::array::from_fn(|i| match round {
                0..256 => (round + i as u64) as u8,
                256..20_000 => next() as u8,
                _ => alphabet[(next() % alphabet.len() as u64) as usize],
            });
            assert_eq!(specials(&window), specials_portable(&window), "{window:x?}");
            check_pair(&std::array::from_fn(|i| if i < 17 { window[i] } else { window[(i * 7 + round as usize) % 18] }));
            let block: &[u8; 16] = window[..16].try_into().unwrap();
            assert_eq!(escapes(block), escapes_portable(block), "{block:x?}");
            let want = (0..16).filter(|&i| needs_escape(block[i])).fold(0u32, |m, i| m | 1 << i);
            assert_eq!(escapes(block), want, "{block:x?}");
        }
        // Mostly text with nothing to escape, with now and then a byte that matters anywhere.
        let plain = [b'a', b'z', b' ', b'~', b'!', 0x7f, 0x80, 0xe2];
        for _ in 0..50_000 {
            let mut pair: [u8; 32] = std::array::from_fn(|_| plain[(next() % plain.len() as u64) as usize]);
            if next().is_multiple_of(2) {
                pair[(next() % 32) as usize] = alphabet[(next() % alphabet.len() as u64) as usize];
            }
            check_pair(&pair);
        }
    }

    /// The 32-byte test for JSON against the portable one and against the bytes.
    fn check_pair(pair: &[u8; 32]) {
        assert_eq!(no_escapes(pair), no_escapes_portable(pair), "{pair:x?}");
        assert_eq!(no_escapes(pair), !pair.iter().any(|&b| needs_escape(b)), "{pair:x?}");
    }

    /// Every whitespace character, and every character of the `e2 80` and `e2 81` rows, is
    /// named by [`specials`] where it starts (so the collapse sees it), whatever follows.
    #[test]
    fn every_whitespace_character_is_special() {
        for c in (0..0x3001u32).filter_map(char::from_u32).filter(|c| c.is_whitespace() || (0x2000..0x2070).contains(&(*c as u32))) {
            let mut window = [b'a'; 18];
            let mut buf = [0; 4];
            let e = c.encode_utf8(&mut buf).as_bytes();
            for at in 0..16 {
                window[at..at + e.len().min(18 - at)].copy_from_slice(&e[..e.len().min(18 - at)]);
                let named = specials(&window) & 1 << at != 0;
                let punctuation = (0x2010..=0x2027).contains(&(c as u32));
                if c == ' ' {
                    assert!(!named);
                } else if at + e.len() <= 18 {
                    assert_eq!(named, !punctuation, "{c:?} at {at}");
                }
                window = [b'a'; 18];
            }
        }
    }

    /// A page's text is escaped as [`crate::escape::json_into`] escapes it, at every length around a block
    /// and with what needs escaping anywhere.
    #[test]
    fn page_text_is_escaped_as_json() {
        let mut next = crate::search::tests::xorshift();
        let pieces = ["a", "word ", "\"", "\\", "\n", "\u{1}", "\u{1f}", "\u{7f}", "é", "\u{2019}", "🦀", "<>&"];
        for len in (0..70).chain([200, 1000]) {
            for _ in 0..40 {
                let mut s = String::new();
                while s.len() < len {
                    s.push_str(if next().is_multiple_of(4) { pieces[(next() % pieces.len() as u64) as usize] } else { "x" });
                }
                let (mut got, mut want) = (String::from("["), String::from("["));
                push_json(&mut got, &s);
                crate::escape::json_into(&mut want, &s, false);
                assert_eq!(got, want);
                assert_eq!(next_escape(s.as_bytes(), 0), s.bytes().position(needs_escape), "{s:?}");
            }
        }
    }
}
