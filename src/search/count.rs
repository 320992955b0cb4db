//! Counting a page's words, the search index's hottest loop (every word of every page passes
//! here once): each distinct lower-cased word of the page with how often each field has it.
//!
//! Most words are short: a word of at most [`SHORT`] bytes is found by its bytes read as two
//! integers, in an open-addressing table of this module (compared as two integers, no string
//! comparison), which counts it in place; longer words by their text in a `hashbrown` table.
//! Both kinds are kept with [`hash_word`], which the index uses to merge the pages' words.

use std::cell::RefCell;
use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::FxHasher;

use super::weights::Weights;
use super::{normalize, shards, Doc, Prepared, Word};

/// The longest word kept in the table of short words.
pub(super) const SHORT: usize = 16;

/// The most distinct words a thread's [`Counter`] keeps room for between pages.
const KEPT_WORDS: usize = 1 << 16;

/// The first slots of the table of short words (a power of two).
const FIRST_SLOTS: usize = 1024;

/// A word of at most [`SHORT`] bytes as two integers: its bytes, little-endian, padded with
/// zeros. Read with overlapping loads, all inside the word.
fn short_key(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    debug_assert!(n <= SHORT);
    if n >= 8 {
        let a = u64::from_le_bytes(w[..8].try_into().unwrap_or_default());
        // The last eight bytes, shifted so that byte 8 comes first.
        let b = if n == 8 { 0 } else { u64::from_le_bytes(w[n - 8..].try_into().unwrap_or_default()) >> (8 * (SHORT - n)) };
        (a, b)
    } else {
        (below_eight(w), 0)
    }
}

/// [`short_key`] of a word of at most [`SHORT`] bytes, zeros for a longer one.
pub(super) fn key_of(w: &[u8]) -> (u64, u64) {
    if w.len() <= SHORT {
        short_key(w)
    } else {
        (0, 0)
    }
}

/// Fewer than eight bytes as an integer, little-endian, padded with zeros: two overlapping
/// loads, whose common bytes are the same.
fn below_eight(w: &[u8]) -> u64 {
    let n = w.len();
    if n >= 4 {
        let lo = u64::from(u32::from_le_bytes(w[..4].try_into().unwrap_or_default()));
        let hi = u64::from(u32::from_le_bytes(w[n - 4..].try_into().unwrap_or_default()));
        lo | hi << (8 * (n - 4))
    } else if n >= 2 {
        let lo = u64::from(u16::from_le_bytes(w[..2].try_into().unwrap_or_default()));
        let hi = u64::from(u16::from_le_bytes(w[n - 2..].try_into().unwrap_or_default()));
        lo | hi << (8 * (n - 2))
    } else {
        w.first().map_or(0, |&b| u64::from(b))
    }
}

/// Which bytes of a word of `len` ≤ [`SHORT`] bytes each half of its key keeps, by `len`: a
/// short word's key is read as two eight-byte loads from a text padded with [`PAD`] bytes and
/// masked with these (the same key as [`short_key`], without a branch on the length).
const KEY_MASKS: [(u64, u64); SHORT + 1] = {
    /// The low `n` bytes of a `u64`.
    const fn bytes(n: usize) -> u64 {
        if n >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        }
    }
    let mut masks = [(0, 0); SHORT + 1];
    let mut len = 1;
    while len <= SHORT {
        masks[len] = (bytes(len), if len > 8 { bytes(len - 8) } else { 0 });
        len += 1;
    }
    masks
};

/// Zero bytes after a field's lower-cased copy, so that a short word's two loads stay inside it.
const PAD: usize = SHORT;

/// The key of the word of `len` ≤ [`SHORT`] bytes at `start` of `bytes` (which go on for at
/// least [`SHORT`] bytes after it: [`PAD`]).
#[inline(always)]
fn padded_key(bytes: &[u8], start: usize, len: usize) -> (u64, u64) {
    let Some(Ok(both)) = bytes.get(start..start + 16).map(<[u8; 16]>::try_from) else { return short_key(&bytes[start..start + len]) };
    let (ma, mb) = KEY_MASKS[len];
    let a = u64::from_le_bytes(both[..8].try_into().unwrap_or_default());
    let b = u64::from_le_bytes(both[8..].try_into().unwrap_or_default());
    (a & ma, b & mb)
}

/// Where a short word's key starts its search in the table: one multiplication, whose top
/// `64 - shift` bits are taken (they depend on every bit of the key). Only the table uses it:
/// the word is kept with its [`mix`].
#[inline(always)]
fn probe(a: u64, b: u64, shift: u32) -> usize {
    ((a ^ b.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
}

/// The hash of a short word's key and length: a folded 64 × 64 → 128-bit multiplication.
fn mix(a: u64, b: u64, len: usize) -> u64 {
    let x = u128::from(a ^ 0x243f_6a88_85a3_08d3 ^ len as u64) * u128::from(b ^ 0x1319_8a2e_0370_7344);
    (x as u64) ^ ((x >> 64) as u64)
}

/// The hash words are found by, in a page and in the index: [`mix`] for a short word, FxHash
/// over the bytes of a longer one. The keys are words of the site's own text, and protection
/// against crafted keys (SipHash) costs more than the index is worth.
pub(super) fn hash_word(word: &[u8]) -> u64 {
    if word.len() <= SHORT {
        let (a, b) = short_key(word);
        return mix(a, b, word.len());
    }
    let mut h = FxHasher::default();
    h.write(word);
    h.finish()
}

/// A slot of the table of short words: the key, the word's index in [`Counter::words`] and
/// how often each field has it. `a` 0 is an empty slot: a word's first byte is never 0 (a word
/// is never empty, and a NUL byte is no part of one), and no two words have the same key (it
/// is their bytes, padded with zeros).
#[derive(Clone, Copy, Default)]
struct Slot {
    a: u64,
    b: u64,
    word: u32,
    counts: [u32; 3],
}

/// Counts a page's words; kept by each thread and reused from page to page.
#[derive(Default)]
struct Counter {
    /// Short words: open addressing, linear probing, at most half full; their counts are
    /// kept here while a page is counted ([`Counter::take_counts`]).
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the [`probe`] bits taken.
    shift: u32,
    /// The slots this page filled (emptied again before the next page).
    filled: Vec<u32>,
    /// Longer words: indexes into `words`, found by the word's hash.
    long: HashTable<u32>,
    /// Each distinct word: its start and end in `text`, its hash, how often each field has it
    /// (a short word's once [`Counter::take_counts`] has taken them from its slot).
    words: Vec<(u32, u32, u64, [u32; 3])>,
    /// The distinct words one after another (UTF-8: ASCII words and whole non-ASCII ones).
    text: Vec<u8>,
    /// The field being counted, its ASCII capitals lower-cased.
    lower: Vec<u8>,
    /// The text of the page's entry collapsed.
    scratch: String,
}

thread_local! {
    static COUNTER: RefCell<Counter> = RefCell::default();
}

impl Counter {
    fn clear(&mut self) {
        self.take_counts();
        self.long.clear();
        self.words.clear();
        self.text.clear();
        if self.slots.is_empty() {
            self.slots = vec![Slot::default(); FIRST_SLOTS];
            self.shift = 64 - FIRST_SLOTS.trailing_zeros();
        }
    }

    /// Moves the short words' counts from their slots to [`Counter::words`], emptying the slots.
    fn take_counts(&mut self) {
        for &s in &self.filled {
            let slot = std::mem::take(&mut self.slots[s as usize]);
            if let Some(w) = self.words.get_mut(slot.word as usize) {
                w.3 = slot.counts;
            }
        }
        self.filled.clear();
    }

    /// Counts the words of `text` in field `f` (the words `normalize::each_lower` gives, in the
    /// same order); returns how many there are. ASCII runs are split and counted in one loop
    /// over a copy of the field with its ASCII capitals lower-cased (in one pass the compiler
    /// vectorises; the word rules treat both cases alike), a short word by its bytes as two
    /// integers (no copy, no call per word); the pieces the fast path cannot segment go through
    /// `unicode_words` and [`normalize::lower`].
    fn count_field(&mut self, text: &str, f: usize) -> u32 {
        use super::segment::{plan, split_unicode};
        use unicode_segmentation::UnicodeSegmentation;
        let mut lower = std::mem::take(&mut self.lower);
        lower.clear();
        lower.extend_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        lower.resize(text.len() + PAD, 0);
        let mut n = 0u32;
        let mut at = 0;
        while at < text.len() {
            let (fast_end, slow_end) = plan(text, at, true);
            n += match f {
                0 => self.count_ascii::<0>(&lower, at, fast_end),
                1 => self.count_ascii::<1>(&lower, at, fast_end),
                _ => self.count_ascii::<2>(&lower, at, fast_end),
            };
            if slow_end > fast_end {
                // With the whitespace before it: combining marks at the start join it (WB4),
                // and spaces join each other (WB3d).
                for w in text[fast_end..slow_end].unicode_words() {
                    for piece in split_unicode(w) {
                        if piece.len() <= normalize::MAX_WORD || piece.chars().count() <= normalize::MAX_WORD {
                            n += 1;
                            self.count(&normalize::lower(piece), f);
                        }
                    }
                }
            }
            at = slow_end;
        }
        self.lower = lower;
        n
    }

    /// Counts the words of `bytes[at..end]` (lower-cased, followed by at least [`PAD`] bytes)
    /// in field `F`, which the fast path segments (ASCII and boundary marks); returns how many
    /// there are. Out of line: inside the loop over a field's pieces the scan over the bytes
    /// kept its registers on the stack. A short word's key is read in place ([`padded_key`]).
    #[inline(never)]
    fn count_ascii<const F: usize>(&mut self, bytes: &[u8], at: usize, end: usize) -> u32 {
        let mut n = 0u32;
        for (start, end) in super::segment::Spans::new(bytes, at, end) {
            let len = end - start;
            // Underscores only: no word (no letter or digit).
            if len > normalize::MAX_WORD || (bytes[start] == b'_' && bytes[start..end].iter().all(|&b| b == b'_')) {
                continue;
            }
            n += 1;
            if len <= SHORT {
                let (a, b) = padded_key(bytes, start, len);
                self.count_short::<F>(a, b, len);
            } else {
                self.count_long(&bytes[start..end], F);
            }
        }
        n
    }

    /// Counts one occurrence of `w` (lower-cased) in field `f`.
    fn count(&mut self, w: &str, f: usize) {
        // A word never starts with a NUL byte (see `Slot`); one that did would be counted apart.
        if w.len() <= SHORT && !w.starts_with('\0') {
            let (a, b) = short_key(w.as_bytes());
            match f {
                0 => self.count_short::<0>(a, b, w.len()),
                1 => self.count_short::<1>(a, b, w.len()),
                _ => self.count_short::<2>(a, b, w.len()),
            }
        } else {
            self.count_long(w.as_bytes(), f);
        }
    }

    /// Counts one occurrence in field `F` of the short word whose key is `a`, `b` and length
    /// `len` (lower-cased: the key is the word's text), in its slot.
    #[inline(always)]
    fn count_short<const F: usize>(&mut self, a: u64, b: u64, len: usize) {
        let mask = self.slots.len() - 1;
        let mut at = probe(a, b, self.shift) & mask;
        loop {
            let slot = &mut self.slots[at];
            if slot.a == a && slot.b == b {
                slot.counts[F] += 1;
                return;
            }
            if slot.a == 0 {
                break;
            }
            at = (at + 1) & mask;
        }
        self.insert_short(a, b, len, at, F);
    }

    /// A new short word, in the empty slot `at`: its text is its key's first `len` bytes
    /// (sixteen bytes copied, the padding cut off again).
    #[inline(never)]
    fn insert_short(&mut self, a: u64, b: u64, len: usize, at: usize, f: usize) {
        let start = self.text.len();
        let (Ok(first), Ok(end), Ok(word)) = (u32::try_from(start), u32::try_from(start + len), u32::try_from(self.words.len())) else {
            return;
        };
        let mut key = [0u8; 16];
        key[..8].copy_from_slice(&a.to_le_bytes());
        key[8..].copy_from_slice(&b.to_le_bytes());
        // A fixed length is copied inline (no `memcpy` call).
        self.text.extend_from_slice(&key);
        self.text.truncate(end as usize);
        let mut counts = [0; 3];
        counts[f] = 1;
        self.words.push((first, end, mix(a, b, len), [0; 3]));
        self.slots[at] = Slot { a, b, word, counts };
        self.filled.push(at as u32);
        if self.filled.len() * 2 > self.slots.len() {
            self.grow();
        }
    }

    /// Counts one occurrence of the longer word `w` (lower-cased) in field `f`.
    fn count_long(&mut self, w: &[u8], f: usize) {
        let hash = hash_word(w);
        let Counter { long, words, text, .. } = self;
        let same = |&i: &u32| {
            let (start, end, _, _) = words[i as usize];
            &text[start as usize..end as usize] == w
        };
        if let Some(&i) = long.find(hash, same) {
            words[i as usize].3[f] += 1;
            return;
        }
        if let Some(i) = self.push(w, hash, f) {
            let words = &self.words;
            self.long.insert_unique(hash, i, |&i| words[i as usize].2);
        }
    }

    /// Adds a new word seen once in field `f`; its index, or `None` if it would not fit.
    fn push(&mut self, w: &[u8], hash: u64, f: usize) -> Option<u32> {
        // A page's text is far below 4 GiB (the Markdown limits); a word that would not fit is
        // left out rather than wrapped.
        let (Ok(start), Ok(end), Ok(i)) = (u32::try_from(self.text.len()), u32::try_from(self.text.len() + w.len()), u32::try_from(self.words.len())) else {
            return None;
        };
        self.text.extend_from_slice(w);
        let mut counts = [0; 3];
        counts[f] = 1;
        self.words.push((start, end, hash, counts));
        Some(i)
    }

    /// Doubles the table of short words, placing its words again.
    fn grow(&mut self) {
        let doubled = vec![Slot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.shift -= 1;
        let mask = self.slots.len() - 1;
        for s in &mut self.filled {
            let slot = old[*s as usize];
            let mut at = probe(slot.a, slot.b, self.shift) & mask;
            while self.slots[at].a != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
            *s = at as u32;
        }
    }

    fn prepare(&mut self, doc: &Doc) -> Prepared {
        self.clear();
        let mut lens = [0u32; 3];
        let fields =
            std::iter::once((0, doc.title.as_str())).chain(doc.headings.iter().map(|h| (1, h.as_str()))).chain(std::iter::once((2, doc.body.as_str())));
        for (f, field) in fields {
            lens[f] += self.count_field(field, f);
        }
        self.take_counts();
        // The fields' square roots taken once per page (the same values as once per word).
        let roots = lens.map(|n| (n as f32).sqrt());
        let weights = Weights::of_page(roots);
        let words = self.words.iter().map(|&(_, end, hash, c)| Word { end, weight: weights.of(c), hash }).collect();
        let prepared = Prepared { fallback: doc.fallback, text: self.text.clone(), words, entry: shards::doc_entry(doc, &mut self.scratch) };
        // A thread keeps its tables for the next page, but not ones grown for a huge page.
        if self.words.capacity() > KEPT_WORDS
            || self.text.capacity() > 16 * KEPT_WORDS
            || self.lower.capacity() > 16 * KEPT_WORDS
            || self.slots.len() > 2 * KEPT_WORDS
        {
            *self = Counter::default();
        }
        prepared
    }
}

impl Prepared {
    /// What the index keeps of `doc` (counted with this thread's [`Counter`]).
    pub fn of(doc: &Doc) -> Prepared {
        COUNTER.with(|c| match c.try_borrow_mut() {
            Ok(mut counter) => counter.prepare(doc),
            Err(_) => Counter::default().prepare(doc),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_are_the_bytes_padded_with_zeros() {
        let words = ["", "a", "ab", "abc", "abcd", "abcde", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop", "éσ", "ab\0"];
        for w in words {
            let mut padded = [0u8; 16];
            padded[..w.len()].copy_from_slice(w.as_bytes());
            let want = (u64::from_le_bytes(padded[..8].try_into().unwrap()), u64::from_le_bytes(padded[8..].try_into().unwrap()));
            assert_eq!(short_key(w.as_bytes()), want, "{w:?}");
            // Read in place from a text that goes on (with anything) for at least PAD bytes.
            if !w.is_empty() {
                let text = [b"xy".as_slice(), w.as_bytes(), &[0xaa; PAD]].concat();
                assert_eq!(padded_key(&text, 2, w.len()), want, "{w:?}");
            }
        }
    }

    /// Counting in one loop gives the words of `each_lower` (the splitting the browser
    /// does too), in the same order, with the same counts, on generated text of every kind of
    /// word: short and long, capitals, marks held between letters or digits, non-ASCII pieces.
    #[test]
    fn counts_the_words_each_lower_gives() {
        let pieces: &[&str] = &[
            "a",
            "Z",
            "q",
            "7",
            "_",
            "@",
            "[",
            "`",
            "{",
            ":",
            ".",
            "'",
            ",",
            ";",
            " ",
            "  ",
            "\t",
            "\n",
            "-",
            "é",
            "Я",
            "\u{2019}",
            "\u{2014}",
            "\u{201c}",
            "\u{0301}",
            "字",
            "hello",
            "Hello",
            "HELLO",
            "x1",
            "3.14",
            "1,000",
            "don't",
            "DON'T",
            "a:b",
            "e.g.",
            "ÉCOLE",
            "Ωμέγα",
            "L\u{2019}École",
            "abcdefgh",
            "ABCDEFGH",
            "abcdefghijklmnop",
            "AbcdefghijklmnoP",
            "abcdefghijklmnopq",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "abcdefghijabcdefghijabcdefghijabcdefghij",
            "Abcdefghijabcdefghijabcdefghijabcdefghijk",
        ];
        let mut next = crate::search::tests::xorshift();
        let mut c = Counter::default();
        let mut scratch = String::new();
        for round in 0..3000 {
            let field = |next: &mut dyn FnMut() -> u64, len: u64| -> String {
                (0..1 + next() % len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect()
            };
            let doc = Doc {
                title: field(&mut next, 8),
                headings: (0..next() % 3).map(|_| field(&mut next, 12)).collect(),
                body: field(&mut next, if round % 10 == 0 { 2000 } else { 80 }),
                ..Doc::default()
            };
            let mut want: Vec<(String, [u32; 3])> = Vec::new();
            let mut lens = [0u32; 3];
            let fields = std::iter::once((0, &doc.title)).chain(doc.headings.iter().map(|h| (1, h))).chain(std::iter::once((2, &doc.body)));
            for (f, text) in fields {
                normalize::each_lower(text, &mut scratch, |w| {
                    lens[f] += 1;
                    match want.iter_mut().find(|(x, _)| x == w) {
                        Some((_, counts)) => counts[f] += 1,
                        None => {
                            let mut counts = [0; 3];
                            counts[f] = 1;
                            want.push((w.to_string(), counts));
                        }
                    }
                });
            }
            c.clear();
            let mut got_lens = [0u32; 3];
            got_lens[0] += c.count_field(&doc.title, 0);
            for h in &doc.headings {
                got_lens[1] += c.count_field(h, 1);
            }
            got_lens[2] += c.count_field(&doc.body, 2);
            c.take_counts();
            let got: Vec<(String, [u32; 3])> =
                c.words.iter().map(|&(s, e, _, counts)| (String::from_utf8(c.text[s as usize..e as usize].to_vec()).unwrap(), counts)).collect();
            assert_eq!(got, want, "{doc:?}");
            assert_eq!(got_lens, lens, "{doc:?}");
            for &(s, e, hash, _) in &c.words {
                assert_eq!(hash, hash_word(&c.text[s as usize..e as usize]));
            }
        }
    }

    #[test]
    fn counts_each_word_of_each_field_and_grows_past_its_first_table() {
        // More distinct short words than half the first table, some long words, and words that
        // differ only by a trailing NUL-free byte or by length.
        let body: Vec<String> = (0..3 * FIRST_SLOTS).map(|i| format!("w{i}")).collect();
        let long = "abcdefghijklmnopqrstuvwxyz";
        let doc = Doc { title: format!("w1 {long} w1"), headings: vec!["w2 ab abc".into()], body: format!("{} {long} ab", body.join(" ")), ..Doc::default() };
        let mut c = Counter::default();
        c.prepare(&doc);
        let counts = |w: &str| c.words.iter().find(|(s, e, _, _)| &c.text[*s as usize..*e as usize] == w.as_bytes()).map(|x| x.3);
        assert_eq!(counts("w1"), Some([2, 0, 1]));
        assert_eq!(counts("w2"), Some([0, 1, 1]));
        assert_eq!(counts(long), Some([1, 0, 1]));
        assert_eq!(counts("ab"), Some([0, 1, 1]));
        assert_eq!(counts("abc"), Some([0, 1, 0]));
        assert_eq!(counts(&format!("w{}", 3 * FIRST_SLOTS - 1)), Some([0, 0, 1]));
        assert_eq!(c.words.len(), 3 * FIRST_SLOTS + 3);
        assert!(c.slots.len() >= 4 * FIRST_SLOTS);
        // The next page starts empty.
        let next = Doc { title: "ab".into(), ..Doc::default() };
        c.prepare(&next);
        assert_eq!(c.words.len(), 1);
        assert_eq!(c.words[0].3, [1, 0, 0]);
    }
}
