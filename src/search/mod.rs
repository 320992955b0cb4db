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

pub mod docs;
pub mod normalize;
mod shards;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

pub use shards::{DOC_TARGET, TERM_TARGET, TEXT_MAX};

/// The page kinds a result can be, each labelled by the interface string `kind_<kind>`.
pub const KINDS: &[&str] = &["home", "course", "module", "lesson", "quiz", "section", "page", "guide", "phase", "template", "unit", "collection", "practice"];

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
    /// Titles of the sections the page sits in, outermost first (course, module).
    pub location: Vec<String>,
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

/// Postings of one lower-cased word, per kind of text (own or fallback): (doc, weight).
type Postings = HashMap<(bool, String), Vec<(u32, u32)>>;

/// Counts the words of a run of documents starting at `first`.
fn count(docs: &[Doc], first: usize) -> Postings {
    let mut out: Postings = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let mut counts: HashMap<Cow<'_, str>, [u32; 3]> = HashMap::new();
        let mut lens = [0u32; 3];
        let fields =
            std::iter::once((0, doc.title.as_str())).chain(doc.headings.iter().map(|h| (1, h.as_str()))).chain(std::iter::once((2, doc.body.as_str())));
        for (f, text) in fields {
            for w in normalize::words(text) {
                lens[f] += 1;
                counts.entry(normalize::lower(w)).or_default()[f] += 1;
            }
        }
        for (word, c) in counts {
            let score: f32 = (0..3).filter(|&f| c[f] > 0).map(|f| BOOSTS[f] * (c[f] as f32).sqrt() / (lens[f] as f32).sqrt()).sum();
            let weight = ((score * 100.0).round() as u32).max(1);
            out.entry((doc.fallback, word.into_owned())).or_default().push(((first + i) as u32, weight));
        }
    }
    out
}

/// Builds the index of one language. `fallback` (language code and direction) is the
/// language of the pages shown untranslated; `kinds` maps page kinds to their labels.
pub fn build(lang: &str, fallback: (&str, &str), docs: &[Doc], kinds: &BTreeMap<String, String>) -> Built {
    let fallback_lang = fallback.0;
    const CHUNK: usize = 64;
    let partial: Vec<Postings> = docs.par_chunks(CHUNK).enumerate().map(|(n, chunk)| count(chunk, n * CHUNK)).collect();
    let mut postings: Postings = HashMap::new();
    for part in partial {
        for (key, list) in part {
            postings.entry(key).or_default().extend(list);
        }
    }

    // Each distinct word through its language's pipeline, once, in a fixed order.
    let analyzers = [Analyzer::new(lang), Analyzer::new(fallback_lang)];
    let mut keys: Vec<(bool, String)> = postings.keys().cloned().collect();
    keys.sort();
    let mut stem_ids: HashMap<(bool, String), usize> = HashMap::new();
    let mut stems: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut words: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let mut stop: BTreeSet<String> = BTreeSet::new();
    for key in keys {
        let surface = normalize::normalize(&key.1);
        if surface.is_empty() {
            continue;
        }
        let list = postings.remove(&key).unwrap_or_default();
        match analyzers[usize::from(key.0)].analyse(&key.1) {
            Analysed::Stop => {
                stop.insert(surface);
            }
            Analysed::Stem(stem) => {
                let next = stems.len();
                let id = *stem_ids.entry((key.0, stem)).or_insert(next);
                if id == next {
                    stems.push(Vec::new());
                }
                stems[id].extend(list);
                words.entry(surface).or_default().insert(id);
            }
        }
    }
    for list in &mut stems {
        list.sort_unstable();
        list.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
    }
    stop.retain(|w| !words.contains_key(w));

    let mut files = Vec::new();
    let dir = format!("search/{lang}");
    let term_firsts = shards::term_shards(lang, &dir, &words, &stems, &mut files);
    let doc_sizes = shards::doc_shards(lang, &dir, docs, &mut files);
    files.push((format!("{dir}/index.js"), shards::manifest(lang, fallback, docs.len(), &term_firsts, &doc_sizes, kinds, &stop)));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let stats = Stats {
        lang: lang.to_string(),
        docs: docs.len(),
        words: words.len(),
        files: files.len(),
        bytes: files.iter().map(|f| f.1.len()).sum(),
        largest: files.iter().map(|f| f.1.len()).max().unwrap_or(0),
    };
    Built { files, stats }
}
