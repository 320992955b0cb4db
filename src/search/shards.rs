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

/// A stem's postings as a JSON array of (id delta, weight) pairs, cut to its best pages if
/// it would be too large.
fn encode_postings(list: &[(u32, u32)]) -> String {
    let encode = |list: &[(u32, u32)]| {
        // Bytes, ASCII only (digits, commas, brackets), made a string once at the end.
        let mut s = Vec::with_capacity(list.len() * 6 + 2);
        s.push(b'[');
        let mut last = 0;
        for (i, (doc, weight)) in list.iter().enumerate() {
            if i > 0 {
                s.push(b',');
            }
            push_digits(&mut s, doc - last);
            s.push(b',');
            push_digits(&mut s, *weight);
            last = *doc;
        }
        s.push(b']');
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
    push_json(&mut out, cut(scratch, TEXT_MAX));
    out.push(']');
    out
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

/// Whether the first 32 of these 33 bytes hold no control character, no byte ≥ 0x80 and no
/// space followed by a space (the 33rd byte is the one after the last). Branch-free, so the
/// compiler tests the bytes 16 at a time.
fn plain_block(block: &[u8]) -> bool {
    let Ok(block) = <&[u8; 33]>::try_from(block) else { return false };
    let mut special = 0u8;
    for (&b, &next) in block[..32].iter().zip(&block[1..]) {
        special |= u8::from(!(0x20..0x80).contains(&b)) | (u8::from(b == b' ') & u8::from(next == b' '));
    }
    special == 0
}

/// The first byte from `at` before `end` that may start whitespace other than a single space
/// between two words, or `end`: runs of [`plain_block`]s are skipped, then eight bytes at a
/// time are tested with [`special_bytes`] (which may also name a single space), the last
/// bytes before `end` one by one.
fn next_special(bytes: &[u8], mut at: usize, end: usize) -> usize {
    // Runs of 32 bytes with nothing special, skipped in one test each.
    while let Some(block) = bytes.get(at..at + 33).filter(|_| at + 33 <= end) {
        if !plain_block(block) {
            break;
        }
        at += 32;
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
