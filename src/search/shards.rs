//! The files of a language's index and their format (version 1, read by
//! themes/default/static/search.js). Every file is one call:
//!
//! ```text
//! kyklosSearch.add("en", "index", {"v":1,"n":120,"terms":["a…","mi…"],"docs":[3,4,…],"kinds":{…},"kind_langs":{…},"stop":[…]});
//! kyklosSearch.add("en", "t1", {"w":{"migrant":0,"migrants":0,"migration":[1,2]},"p":[[0,5,3,12],[…]]});
//! kyklosSearch.add("en", "d0", [["module/lesson.html","Title","lesson",["Course","Module"],0,"Text…"],…]);
//! ```
//!
//! - term shards `t<N>` hold consecutive ranges of the sorted words (JavaScript string order);
//!   `terms[N]` is the first word of shard N. `w` maps a word to its stems (an index into `p`, or
//!   several), `p` holds each stem's postings as a flat list of (page id delta, weight) pairs;
//! - page shards `d<N>` hold consecutive pages; `docs[N]` is how many pages shard N holds.
//!
//! Shards are cut at [`TERM_TARGET`] and [`DOC_TARGET`] bytes; a page's text is kept up to
//! [`TEXT_MAX`] bytes (snippets of matches further down show the start of the page), and a
//! stem's postings are cut to its best pages so that no file exceeds 300 KB.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use rayon::prelude::*;

use super::normalize::js_order;
use super::Doc;

/// A term shard is closed once it would grow beyond this many bytes.
pub const TERM_TARGET: usize = 64 * 1024;
/// A page shard is closed once it reaches this many bytes.
pub const DOC_TARGET: usize = 16 * 1024;
/// Bytes of a page's text kept for snippets.
pub const TEXT_MAX: usize = 8 * 1024;
/// The postings of one stem never take more than this (its best pages are kept).
const POSTINGS_MAX: usize = 200 * 1024;

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn wrap(lang: &str, name: &str, data: &str) -> Vec<u8> {
    format!("kyklosSearch.add({},{},{data});\n", json(lang), json(name)).into_bytes()
}

/// `n` in decimal appended to `out`, what `write!(s, "{n}")` writes, without the formatting
/// machinery (the postings are most of an index's numbers): the digits made from the last,
/// then pushed in order.
pub(super) fn push_digits(out: &mut Vec<u8>, mut n: u32) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    while n > 0 {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for &d in &digits[at..] {
        out.push(d);
    }
}

/// The numbers below 1000 in decimal, each followed by a comma, padded to four bytes; the
/// last byte is how many of the first three are the number's digits and comma.
static WITH_COMMA: [[u8; 4]; 1000] = {
    let mut table = [[0u8; 4]; 1000];
    let mut n = 0;
    while n < 1000 {
        let (entry, len) = if n < 10 {
            ([b'0' + n as u8, b',', 0, 0], 2)
        } else if n < 100 {
            ([b'0' + (n / 10) as u8, b'0' + (n % 10) as u8, b',', 0], 3)
        } else {
            ([b'0' + (n / 100) as u8, b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8, b','], 4)
        };
        table[n] = entry;
        // Four bytes copied, then cut to `len`; a number of three digits has no room for the
        // length, which is then 4 (the table's own rule: any entry ending in a comma).
        if len < 4 {
            table[n][3] = len as u8;
        }
        n += 1;
    }
    table
};

/// `n` in decimal and a comma, appended to `out`: four bytes copied from [`WITH_COMMA`] and
/// cut to the number's length below 1000 (most of the postings' numbers), [`push_digits`]
/// above.
#[inline(always)]
fn push_with_comma(out: &mut Vec<u8>, n: u32) {
    match WITH_COMMA.get(n as usize) {
        Some(entry) => {
            let len = if entry[3] == b',' { 4 } else { usize::from(entry[3]) };
            let end = out.len() + len;
            out.extend_from_slice(entry);
            out.truncate(end);
        }
        None => {
            push_digits(out, n);
            out.push(b',');
        }
    }
}

/// A stem's postings as a JSON array of (id delta, weight) pairs, cut to its best pages if
/// it would be too large.
fn encode_postings(list: &[(u32, u32)]) -> String {
    let encode = |list: &[(u32, u32)]| {
        // Bytes, ASCII only (digits, commas, brackets), made a string once at the end: each
        // number with the comma after it, the last comma made the closing bracket.
        let mut s = Vec::with_capacity(list.len() * 8 + 2);
        s.push(b'[');
        let mut last = 0;
        for &(doc, weight) in list {
            push_with_comma(&mut s, doc - last);
            push_with_comma(&mut s, weight);
            last = doc;
        }
        match s.last_mut() {
            Some(b @ b',') => *b = b']',
            _ => s.push(b']'),
        }
        String::from_utf8(s).unwrap_or_default()
    };
    let mut out = encode(list);
    let mut keep = list.len();
    while out.len() > POSTINGS_MAX && keep > 1 {
        keep = keep * POSTINGS_MAX / out.len() * 9 / 10;
        let mut best: Vec<(u32, u32)> = list.to_vec();
        best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(keep.max(1));
        best.sort_unstable();
        out = encode(&best);
    }
    out
}

/// Writes the term shards; returns the first word of each.
pub fn term_shards(
    lang: &str,
    dir: &str,
    words: &BTreeMap<String, BTreeSet<usize>>,
    stems: &[Vec<(u32, u32)>],
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<String> {
    // Each stem's postings are encoded on every thread; only the cut into shards is in order.
    let encoded: Vec<String> = stems.par_iter().map(|s| encode_postings(s)).collect();
    let mut sorted: Vec<(&String, &BTreeSet<usize>)> = words.iter().collect();
    sorted.par_sort_by(|a, b| js_order(a.0, b.0));

    // Where each shard starts: before the word that would take it past TERM_TARGET, counting a
    // stem's postings once per shard (`seen[stem]` is the last shard, numbered from 1, that
    // counted it).
    let mut starts = Vec::new();
    let mut seen: Vec<u32> = vec![0; encoded.len()];
    let (mut shard, mut size) = (0u32, 0usize);
    for (i, (word, ids)) in sorted.iter().enumerate() {
        let cost = |seen: &[u32], shard: u32| word.len() + 8 + ids.iter().filter(|&&id| seen[id] != shard).map(|&id| encoded[id].len() + 1).sum::<usize>();
        let mut c = cost(&seen, shard);
        if starts.is_empty() || size + c > TERM_TARGET {
            starts.push(i);
            shard += 1;
            size = 0;
            c = cost(&seen, shard);
        }
        size += c;
        for &id in ids.iter() {
            seen[id] = shard;
        }
    }
    // The shards themselves, on every thread.
    let ends = starts.iter().skip(1).copied().chain(std::iter::once(sorted.len()));
    let ranges: Vec<(usize, usize)> = starts.iter().copied().zip(ends).collect();
    let made: Vec<(String, (String, Vec<u8>))> = ranges
        .into_par_iter()
        .enumerate()
        .map(|(n, (start, end))| {
            let shard = &sorted[start..end];
            // Each stem's number in this shard, in the order the words first name it.
            let mut local: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
            let mut order: Vec<usize> = Vec::new();
            let mut w = String::from("{\"w\":{");
            for (i, (word, ids)) in shard.iter().enumerate() {
                if i > 0 {
                    w.push(',');
                }
                push_json(&mut w, word);
                w.push(':');
                let mut locals = ids.iter().map(|id| {
                    *local.entry(*id).or_insert_with(|| {
                        order.push(*id);
                        order.len() - 1
                    })
                });
                if ids.len() == 1 {
                    let _ = write!(w, "{}", locals.next().unwrap_or_default());
                } else {
                    w.push('[');
                    for (k, l) in locals.enumerate() {
                        if k > 0 {
                            w.push(',');
                        }
                        let _ = write!(w, "{l}");
                    }
                    w.push(']');
                }
            }
            w.push_str("},\"p\":[");
            for (i, id) in order.iter().enumerate() {
                if i > 0 {
                    w.push(',');
                }
                w.push_str(&encoded[*id]);
            }
            w.push_str("]}");
            (shard[0].0.clone(), (format!("{dir}/t{n}.js"), wrap(lang, &format!("t{n}"), &w)))
        })
        .collect();
    let mut firsts = Vec::with_capacity(made.len());
    for (first, file) in made {
        firsts.push(first);
        files.push(file);
    }
    firsts
}

/// `s` as a JSON string appended to `out` ([`crate::escape::json_into`]).
fn push_json(out: &mut String, s: &str) {
    crate::escape::json_into(out, s, false);
}

/// A page's entry in its page shard: address, title, kind, place, fallback flag and the start
/// of its text (JSON). A title in the place that shows the default language's text (not
/// translated yet) is written as a one-element array, so the page can mark its language.
/// The text is its whitespace collapsed, at most [`TEXT_MAX`] bytes (before escaping), made
/// in `scratch`.
pub fn doc_entry(doc: &Doc, scratch: &mut String) -> String {
    let mut out = String::with_capacity(doc.body.len().min(TEXT_MAX) + doc.url.len() + doc.title.len() + 128);
    out.push('[');
    for field in [doc.url.as_str(), doc.title.as_str(), doc.kind] {
        push_json(&mut out, field);
        out.push(',');
    }
    out.push('[');
    for (i, (title, fallback)) in doc.location.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if *fallback {
            out.push('[');
        }
        push_json(&mut out, title);
        if *fallback {
            out.push(']');
        }
    }
    out.push_str(if doc.fallback { "],1," } else { "],0," });
    scratch.clear();
    collapse(&doc.body, TEXT_MAX, scratch);
    push_json_text(&mut out, cut(scratch, TEXT_MAX));
    out.push(']');
    out
}

/// `s` as a JSON string appended to `out`, as [`push_json`] writes it: runs without anything
/// to escape found 16 bytes at a time ([`next_escape`]) and copied whole. For a page's text,
/// kilobytes long, where [`push_json`]'s 32-byte blocks cost twice as many instructions.
fn push_json_text(out: &mut String, s: &str) {
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

/// The first byte from `at` on that JSON escapes ([`needs_escape`]): 16 bytes at a time with
/// SSE2 where there is SSE2, the last ones one by one.
fn next_escape(bytes: &[u8], mut at: usize) -> Option<usize> {
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
fn collapse(text: &str, limit: usize, out: &mut String) {
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
fn cut(text: &str, limit: usize) -> &str {
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

/// Page shards made as pages arrive, in order: a shard is handed out as soon as it is full,
/// so the pages' texts are never all held at once. Each shard's file is written in place (the
/// call around its data first), so handing it out copies nothing.
#[derive(Debug, Default)]
pub struct DocShards {
    /// The file of the shard being filled.
    shard: String,
    /// Where its data starts.
    head: usize,
    count: usize,
    /// The number of pages in each shard handed out so far.
    pub sizes: Vec<usize>,
}

impl DocShards {
    /// Adds a page's entry; returns the shard file it completed, if any.
    pub fn push(&mut self, lang: &str, dir: &str, entry: &str) -> Option<(String, Vec<u8>)> {
        if self.count == 0 {
            self.shard.clear();
            self.shard.reserve(DOC_TARGET + entry.len() + 64);
            let _ = write!(self.shard, "kyklosSearch.add({},{},[", json(lang), json(&format!("d{}", self.sizes.len())));
            self.head = self.shard.len();
        } else {
            self.shard.push(',');
        }
        self.shard.push_str(entry);
        self.count += 1;
        if self.shard.len() - self.head >= DOC_TARGET {
            return self.flush(dir);
        }
        None
    }

    /// The last, partly filled shard.
    pub fn flush(&mut self, dir: &str) -> Option<(String, Vec<u8>)> {
        if self.count == 0 {
            return None;
        }
        let n = self.sizes.len();
        self.sizes.push(self.count);
        self.shard.push_str("]);\n");
        self.count = 0;
        Some((format!("{dir}/d{n}.js"), std::mem::take(&mut self.shard).into_bytes()))
    }
}

/// The manifest a search starts with.
pub fn manifest(
    lang: &str,
    fallback: (&str, &str),
    docs: usize,
    terms: &[String],
    doc_sizes: &[usize],
    kinds: &super::KindLabels,
    stop: &BTreeSet<String>,
) -> Vec<u8> {
    let data = serde_json::json!({
        "v": 1,
        "fallback": {"lang": fallback.0, "dir": fallback.1},
        "n": docs,
        "terms": terms,
        "docs": doc_sizes,
        "kinds": kinds.labels,
        "kind_langs": kinds.langs,
        "stop": stop,
    });
    wrap(lang, "index", &data.to_string())
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
            let block: &[u8; 16] = window[..16].try_into().unwrap();
            assert_eq!(escapes(block), escapes_portable(block), "{block:x?}");
            let want = (0..16).filter(|&i| needs_escape(block[i])).fold(0u32, |m, i| m | 1 << i);
            assert_eq!(escapes(block), want, "{block:x?}");
        }
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

    /// A number and its comma, and a stem's postings, are what `format!` writes.
    #[test]
    fn postings_are_written_as_format_writes_them() {
        let mut s = b"[".to_vec();
        for n in (0..2000).chain([9999, 10_000, 12345, 999_999_999, 1_000_000_000, u32::MAX]) {
            s.truncate(1);
            push_with_comma(&mut s, n);
            assert_eq!(s, format!("[{n},").into_bytes());
        }
        let mut next = crate::search::tests::xorshift();
        for len in 0..50 {
            let mut doc = 0;
            let list: Vec<(u32, u32)> = (0..len)
                .map(|_| {
                    doc += 1 + (next() % [3, 200, 5000][len % 3]) as u32;
                    (doc, (next() % [20, 1500, 100_000][len % 3]) as u32)
                })
                .collect();
            let mut last = 0;
            let pairs: Vec<String> = list
                .iter()
                .map(|&(d, w)| {
                    let pair = format!("{},{w}", d - last);
                    last = d;
                    pair
                })
                .collect();
            assert_eq!(encode_postings(&list), format!("[{}]", pairs.join(",")));
        }
    }

    /// A page's text is escaped as [`push_json`] escapes it, at every length around a block
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
                push_json_text(&mut got, &s);
                push_json(&mut want, &s);
                assert_eq!(got, want);
                assert_eq!(next_escape(s.as_bytes(), 0), s.bytes().position(needs_escape), "{s:?}");
            }
        }
    }
}
