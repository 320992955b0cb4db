//! Search: one index per language, built from the text of the rendered pages and written as
//! JavaScript files that register their data with `kyklosSearch.add(…)`, so that search works
//! from file://, under a strict Content-Security-Policy and without fetch or WebAssembly.
//! Pure: documents in, files out (the pipeline writes them under `search/<lang>/`).
//!
//! How a word gets into the index: the page's text is split into words and each word is
//! lower-cased ([`normalize`]); the language's elasticlunr-rs pipeline (stop words and
//! stemmer, where the crate has the language) maps it to a stem; the word is stored under its
//! folded form (diacritics removed, [`normalize::normalize`]) pointing at its stem, and the
//! stem holds the pages and a weight per page (title ×8, headings and tags ×4, body ×1, with
//! elasticlunr's √tf / √field-length). The browser never stems: it folds the typed word the
//! same way and looks it up, so "migrants" finds every page with "migrant" or "migrants".
//!
//! Files (see [`shards`]): `index.js` (the manifest: number of pages, the first word of each
//! term shard, the size of each page shard, kind labels, stop words), `t<N>.js` (words in
//! sorted ranges with their stems' postings) and `d<N>.js` (title, address, place, kind and
//! the start of the text of consecutive pages, for the results and their snippets).

mod count;
pub mod docs;
pub mod normalize;
mod segment;
mod shards;
mod snippet;
#[cfg(test)]
mod tests;
mod weights;

use std::collections::{BTreeMap, BTreeSet};

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

pub use shards::{DOC_TARGET, TERM_TARGET, TEXT_MAX};

/// The page kinds a result can be, each labelled by the interface string `kind_<kind>`.
pub const KINDS: &[&str] = &["home", "course", "module", "lesson", "quiz", "section", "page", "guide", "phase", "template", "unit", "collection", "practice"];

/// The labels of the page kinds a language's results show (`kind_<kind>`), and, for each label
/// taken from another language (the site's language has no such string), that language's
/// code and direction ("en ltr"): search.js marks those with `lang` and `dir`.
#[derive(Debug, Clone, Default)]
pub struct KindLabels {
    pub labels: BTreeMap<String, String>,
    pub langs: BTreeMap<String, String>,
}

/// Field boosts: title, headings (and tags, objectives), body.
const BOOSTS: [f32; 3] = [8.0, 4.0, 1.0];

/// One searchable page (or quiz) of a language.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Relative to `dist/<lang>/`.
    pub url: String,
    pub title: String,
    /// Headings, tag values and learning objectives (boosted).
    pub headings: Vec<String>,
    /// Description, body text and other front matter text.
    pub body: String,
    /// The page kind (`lesson`, `module`, `quiz` …); labels come with the manifest.
    pub kind: &'static str,
    /// Titles of the sections the page sits in, outermost first (course, module), each with
    /// whether it shows the default language's text (not translated yet).
    pub location: Vec<(String, bool)>,
    /// The page is shown in the default language (not translated yet).
    pub fallback: bool,
}

/// What one language's index amounts to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub lang: String,
    pub docs: usize,
    pub words: usize,
    pub files: usize,
    pub bytes: usize,
    pub largest: usize,
}

/// The files of one language's index, paths relative to the output root.
#[derive(Debug, Default)]
pub struct Built {
    pub files: Vec<(String, Vec<u8>)>,
    pub stats: Stats,
}

/// A language's stop words and stemmer from elasticlunr-rs, or none (normalisation only).
struct Analyzer {
    pipeline: Option<elasticlunr::Pipeline>,
}

/// What the analyzer makes of a lower-cased word.
#[derive(Debug)]
enum Analysed {
    Stop,
    Stem(String),
}

impl Analyzer {
    fn new(code: &str) -> Analyzer {
        let primary = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
        // elasticlunr-rs names Dutch `du` (as lunr-languages does).
        let primary = if primary == "nl" { "du".to_string() } else { primary };
        let pipeline = elasticlunr::lang::from_code(&primary).map(|l| {
            let mut p = l.make_pipeline();
            // Our word splitter already trims punctuation, in every script.
            p.queue.retain(|f| !f.name().starts_with("trimmer"));
            p
        });
        Analyzer { pipeline }
    }

    fn analyse(&self, lower: &str) -> Analysed {
        let Some(pipeline) = &self.pipeline else { return Analysed::Stem(normalize::normalize(lower)) };
        let mut token = lower.to_string();
        for f in &pipeline.queue {
            match f.filter(token.clone()) {
                Some(t) => token = t,
                None if f.name().starts_with("stopWordFilter") => return Analysed::Stop,
                None => break,
            }
        }
        let stem = normalize::normalize(&token);
        Analysed::Stem(if stem.is_empty() { normalize::normalize(lower) } else { stem })
    }
}

/// The postings of each lower-cased word, (doc, weight), for the two kinds of text: own
/// (`[0]`) and fallback (`[1]`), found by the word's [`count::hash_word`].
type Postings = [HashTable<Posting>; 2];

#[derive(Debug)]
struct Posting {
    hash: u64,
    /// A word of at most 16 bytes as two integers (`count::key_of`), compared in place instead
    /// of the word's own bytes, which are elsewhere in memory (by `perf` on 10,000 lessons,
    /// `Indexer::add` with its comparisons 4.5 → 4.3 % of the time); zero for a longer word,
    /// which is compared by its text.
    key: (u64, u64),
    word: String,
    list: Vec<(u32, u32)>,
}

/// What the index keeps of one page: its words with their weights and its page-shard entry.
/// Made from a [`Doc`] where the page is rendered (in parallel); the text itself is dropped.
#[derive(Debug, Clone)]
pub struct Prepared {
    fallback: bool,
    /// The page's distinct lower-cased words, one after another, in the order they first occur
    /// (UTF-8).
    text: Vec<u8>,
    /// Where each word of `text` ends (it starts where the one before ends), its hash and its
    /// weight on the page (elasticlunr's √tf / √field-length, boosted per field, ×100).
    words: Vec<Word>,
    entry: String,
}

#[derive(Debug, Clone, Copy)]
struct Word {
    end: u32,
    weight: u32,
    hash: u64,
}

/// One language's index, built as pages arrive in page order: page shards are handed out as
/// they fill, words are kept as postings (page id, weight), never as text.
#[derive(Debug)]
pub struct Indexer {
    lang: String,
    fallback: (String, String),
    dir: String,
    postings: Postings,
    docs: u32,
    /// How many pages the caller said it would add ([`Indexer::expect`]); 0 if it did not.
    expected: u32,
    doc_shards: shards::DocShards,
    /// Files handed out so far: how many, their bytes, the largest.
    files: usize,
    bytes: usize,
    largest: usize,
    /// The words taken out of `postings` in order and analysed ahead of [`Indexer::finish`]
    /// ([`Indexer::analyse`]).
    analysed: Option<Analysis>,
}

/// Each distinct word (fallback or not, lower-cased) with its postings, in order, and its
/// folded form with what its language's pipeline makes of it.
type Analysis = (Vec<Keyed>, Vec<(String, Analysed)>);

/// A distinct word (whether of the fallback text, lower-cased) with its postings.
type Keyed = ((bool, String), Vec<(u32, u32)>);

impl Indexer {
    /// `fallback` is the language (code, direction) of the pages shown untranslated.
    pub fn new(lang: &str, fallback: (&str, &str)) -> Indexer {
        Indexer {
            lang: lang.to_string(),
            fallback: (fallback.0.to_string(), fallback.1.to_string()),
            dir: format!("search/{lang}"),
            postings: Default::default(),
            docs: 0,
            expected: 0,
            doc_shards: shards::DocShards::default(),
            files: 0,
            bytes: 0,
            largest: 0,
            analysed: None,
        }
    }

    /// Says how many pages will be added in all (pages and quizzes): a word's postings are then
    /// never given room for more pages than are left to come (see [`room`]). A hint only: more
    /// or fewer pages may still be added.
    pub fn expect(&mut self, pages: usize) {
        self.expected = u32::try_from(pages).unwrap_or(u32::MAX);
    }

    fn count(&mut self, file: &(String, Vec<u8>)) {
        self.files += 1;
        self.bytes += file.1.len();
        self.largest = self.largest.max(file.1.len());
    }

    /// Adds the next page (ids follow the order of the calls); returns a page shard to write
    /// when one is full.
    pub fn add(&mut self, page: Prepared) -> Option<(String, Vec<u8>)> {
        debug_assert!(self.analysed.is_none(), "a page added after the words were analysed");
        let id = self.docs;
        self.docs += 1;
        let expected = self.expected;
        let postings = &mut self.postings[usize::from(page.fallback)];
        let mut start = 0;
        for w in &page.words {
            let word = &page.text[start..w.end as usize];
            start = w.end as usize;
            let key = count::key_of(word);
            let same = |p: &Posting| {
                p.hash == w.hash && p.word.len() == word.len() && if word.len() <= count::SHORT { p.key == key } else { p.word.as_bytes() == word }
            };
            match postings.find_mut(w.hash, same) {
                Some(p) => {
                    if p.list.len() == p.list.capacity() {
                        p.list.reserve_exact(room(p.list.len(), id, expected));
                    }
                    p.list.push((id, w.weight));
                }
                None => {
                    let word = String::from_utf8_lossy(word).into_owned();
                    postings.insert_unique(w.hash, Posting { hash: w.hash, key, word, list: vec![(id, w.weight)] }, |p| p.hash);
                }
            }
        }
        let file = self.doc_shards.push(&self.lang, &self.dir, &page.entry);
        if let Some(f) = &file {
            self.count(f);
        }
        file
    }

    /// The remaining files (the last page shard, the term shards and the manifest) and the
    /// statistics of the whole index. `kinds` maps page kinds to their labels.
    pub fn finish(mut self, kinds: &KindLabels) -> Built {
        let mut files = Vec::new();
        if let Some(f) = self.doc_shards.flush(&self.dir) {
            files.push(f);
        }
        let (words, stems, stop) = self.stems();
        let term_firsts = shards::term_shards(&self.lang, &self.dir, &words, &stems, &mut files);
        let fallback = (self.fallback.0.as_str(), self.fallback.1.as_str());
        files.push((
            format!("{}/index.js", self.dir),
            shards::manifest(&self.lang, fallback, self.docs as usize, &term_firsts, &self.doc_shards.sizes, kinds, &stop),
        ));
        for f in &files {
            self.count(f);
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let stats =
            Stats { lang: self.lang.clone(), docs: self.docs as usize, words: words.len(), files: self.files, bytes: self.bytes, largest: self.largest };
        Built { files, stats }
    }

    /// The first part of [`Indexer::finish`], all of it on every thread: each distinct word
    /// folded and stemmed. The pipeline runs it before the other last steps start, so that the
    /// rest of the end, which numbers the stems in one loop, runs beside those steps instead of
    /// after them with a core idle. No page can be added after it.
    pub fn analyse(&mut self) {
        if self.analysed.is_none() {
            self.analysed = Some(self.take_analysed());
        }
    }

    /// The postings taken out in order, each word through its language's pipeline, once.
    fn take_analysed(&mut self) -> Analysis {
        let langs = [self.lang.as_str(), self.fallback.0.as_str()];
        let [own, fallback] = std::mem::take(&mut self.postings);
        let mut keys: Vec<Keyed> = own.into_iter().map(|p| ((false, p.word), p.list)).chain(fallback.into_iter().map(|p| ((true, p.word), p.list))).collect();
        keys.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Folded and stemmed on every thread (elasticlunr's pipelines cannot be shared between
        // threads, so each batch of words makes its own); the stems are numbered in order below.
        let analysed: Vec<(String, Analysed)> = keys
            .par_iter()
            .with_min_len(1024)
            .map_init(
                || langs.map(Analyzer::new),
                |analyzers, ((fallback, word), _)| (normalize::normalize(word), analyzers[usize::from(*fallback)].analyse(word)),
            )
            .collect();
        (keys, analysed)
    }

    /// Each distinct word through its language's pipeline ([`Indexer::analyse`]), in a fixed
    /// order: the folded words with their stems, each stem's postings, and the stop words.
    #[allow(clippy::type_complexity)]
    fn stems(&mut self) -> (BTreeMap<String, BTreeSet<usize>>, Vec<Vec<(u32, u32)>>, BTreeSet<String>) {
        let (keys, analysed) = match self.analysed.take() {
            Some(done) => done,
            None => self.take_analysed(),
        };
        // At most a stem per word: sized once, never grown (a map's growth moves every entry
        // into fresh memory).
        let mut stem_ids: FxHashMap<(bool, String), usize> = FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
        let mut stems: Vec<Vec<(u32, u32)>> = Vec::with_capacity(keys.len());
        let mut surfaces: Vec<(String, usize)> = Vec::with_capacity(keys.len());
        let mut stop: BTreeSet<String> = BTreeSet::new();
        for ((key, list), (surface, analysed)) in keys.into_iter().zip(analysed) {
            if surface.is_empty() {
                continue;
            }
            match analysed {
                Analysed::Stop => {
                    stop.insert(surface);
                }
                Analysed::Stem(stem) => {
                    let next = stems.len();
                    let id = *stem_ids.entry((key.0, stem)).or_insert(next);
                    if id == next {
                        stems.push(list);
                    } else {
                        stems[id].extend(list);
                    }
                    surfaces.push((surface, id));
                }
            }
        }
        // Each folded word with its stems: sorted on every thread, then built in one pass
        // (a map built from sorted pairs is built in place, not word by word).
        surfaces.par_sort_unstable();
        let mut grouped: Vec<(String, BTreeSet<usize>)> = Vec::new();
        for (surface, id) in surfaces {
            match grouped.last_mut() {
                Some((last, ids)) if *last == surface => {
                    ids.insert(id);
                }
                _ => grouped.push((surface, BTreeSet::from([id]))),
            }
        }
        let words: BTreeMap<String, BTreeSet<usize>> = grouped.into_iter().collect();
        stems.par_iter_mut().for_each(|list| {
            list.sort_unstable();
            list.dedup_by(|b, a| {
                if a.0 == b.0 {
                    a.1 += b.1;
                    true
                } else {
                    false
                }
            });
        });
        stop.retain(|w| !words.contains_key(w));
        (words, stems, stop)
    }
}

/// How many postings a word's full list of `len` gets room for when page `id` (numbered from 0)
/// adds one: as many again, as a vector grows, but never more than the pages left can add
/// when `expected` pages come in all (a word is at most once in a page's words). A word on
/// every one of the benchmark's 10,102 pages ends with room for 10,102 postings instead of
/// 16,384, some 11 MiB less for its 230 commonest words.
fn room(len: usize, id: u32, expected: u32) -> usize {
    let doubled = (2 * len).max(4) - len;
    match expected.checked_sub(id) {
        Some(left @ 1..) => doubled.min(left as usize),
        _ => doubled,
    }
}

/// Builds the index of one language at once (the pipeline feeds an [`Indexer`] page by page
/// instead). `fallback` (language code and direction) is the language of the pages shown
/// untranslated; `kinds` maps page kinds to their labels.
pub fn build(lang: &str, fallback: (&str, &str), docs: &[Doc], kinds: &KindLabels) -> Built {
    let prepared: Vec<Prepared> = docs.par_iter().map(Prepared::of).collect();
    let mut indexer = Indexer::new(lang, fallback);
    indexer.expect(prepared.len());
    let mut files: Vec<(String, Vec<u8>)> = prepared.into_iter().filter_map(|p| indexer.add(p)).collect();
    let mut built = indexer.finish(kinds);
    files.append(&mut built.files);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    built.files = files;
    built
}
