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
use super::{snippet, Doc};

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
    let mut file = head(lang, name, data.len());
    file.push_str(data);
    end(file)
}

/// The start of a file's call, `kyklosSearch.add("en","t3",`, in a string with room for
/// `data` bytes of data after it and the call's end ([`end`]): the data is written in place,
/// never copied into a larger string.
fn head(lang: &str, name: &str, data: usize) -> String {
    let (lang, name) = (json(lang), json(name));
    let mut file = String::with_capacity(18 + lang.len() + name.len() + data + 3);
    let _ = write!(file, "kyklosSearch.add({lang},{name},");
    file
}

/// The call begun by [`head`], closed.
fn end(mut file: String) -> Vec<u8> {
    file.push_str(");\n");
    file.into_bytes()
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
    // About how many bytes each shard takes (the words before escaping), for its string.
    let mut sizes = Vec::new();
    let mut seen: Vec<u32> = vec![0; encoded.len()];
    let (mut shard, mut size) = (0u32, 0usize);
    for (i, (word, ids)) in sorted.iter().enumerate() {
        let cost = |seen: &[u32], shard: u32| word.len() + 8 + ids.iter().filter(|&&id| seen[id] != shard).map(|&id| encoded[id].len() + 1).sum::<usize>();
        let mut c = cost(&seen, shard);
        if starts.is_empty() || size + c > TERM_TARGET {
            starts.push(i);
            sizes.push(0);
            shard += 1;
            size = 0;
            c = cost(&seen, shard);
        }
        size += c;
        if let Some(last) = sizes.last_mut() {
            *last = size;
        }
        for &id in ids.iter() {
            seen[id] = shard;
        }
    }
    // The shards themselves, on every thread.
    let ends = starts.iter().skip(1).copied().chain(std::iter::once(sorted.len()));
    let ranges: Vec<((usize, usize), usize)> = starts.iter().copied().zip(ends).zip(sizes).collect();
    let made: Vec<(String, (String, Vec<u8>))> = ranges
        .into_par_iter()
        .enumerate()
        .map(|(n, ((start, finish), size))| {
            let shard = &sorted[start..finish];
            // Each stem's number in this shard, in the order the words first name it.
            let mut local: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
            let mut order: Vec<usize> = Vec::new();
            // A word's escapes and the separators the estimate leaves out, with room to spare.
            let mut w = head(lang, &format!("t{n}"), size + size / 8 + 64);
            w.push_str("{\"w\":{");
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
            (shard[0].0.clone(), (format!("{dir}/t{n}.js"), end(w)))
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
    snippet::collapse(&doc.body, TEXT_MAX, scratch);
    snippet::push_json(&mut out, snippet::cut(scratch, TEXT_MAX));
    out.push(']');
    out
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
}
