//! The search step of the pipeline: each language's index under `search/<lang>/`. Pages feed
//! their language's index while they are rendered ([`crate::pages`]); this step adds the quiz
//! titles, finishes the index and writes it.
//!
//! With a rebuild's cache ([`crate::incremental`]), a language whose pages are unchanged keeps
//! its last index, and the preview may build a changed language's index after the reload is
//! sent ([`Plan::Later`], [`finish`]): the pages' search data is in the cache, so a save reaches
//! the browser before the index is ready (a search made in the meantime uses the last one).

use std::sync::{Arc, Mutex};

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::incremental::{self, Cache, Held, SearchEntry};
use crate::model::Site;
use crate::output::{Files, Output, Stored};
use crate::pages::Keys;
use crate::search::{self, Doc, Indexer, Prepared, Stats};

/// What the search step does for one language.
#[derive(Debug, Clone)]
pub enum Plan {
    /// No index (the site has no search, or this is a check).
    None,
    /// Built while the pages are rendered; `key` is kept with it for the next build.
    Build { key: Option<u64> },
    /// Unchanged since the last build: its files are written again.
    Reuse(SearchEntry),
    /// Changed: the last index is served until [`finish`] builds the new one.
    Later { key: u64, last: SearchEntry },
}

impl Plan {
    /// Whether the pages step feeds this language's index.
    pub fn feeds(&self) -> bool {
        matches!(self, Plan::Build { .. })
    }
}

/// The key of a language's index: its pages' keys (each covers the page's text, its place and
/// the site's structure, which holds the quizzes and the interface strings).
fn key(li: usize, keys: &[Option<u64>]) -> Option<u64> {
    let all: Option<Vec<u64>> = keys.iter().copied().collect();
    all.map(|k| incremental::key_of(&(li, k)))
}

/// Decides each language's [`Plan`]. `defer`: a changed index may wait (the preview).
pub fn plan(site: &Site, on: bool, cache: Option<&Cache>, keys: &Keys, defer: bool, output: &Output) -> Vec<Plan> {
    site.langs
        .iter()
        .enumerate()
        .map(|(li, lang)| {
            if !on {
                return Plan::None;
            }
            let Some(cache) = cache else { return Plan::Build { key: None } };
            let key = keys.get(li).and_then(|k| key(li, k));
            let last = cache.search.get(&lang.lang.code);
            match (key, last) {
                (Some(key), Some(last)) if last.key == key && last.usable(output) => Plan::Reuse(last.clone()),
                (Some(key), Some(last)) if defer && !cache.disk => Plan::Later { key, last: last.clone() },
                (key, _) => Plan::Build { key },
            }
        })
        .collect()
}

/// A language's index still to build (see [`finish`]).
#[derive(Debug)]
pub struct Pending {
    lang: usize,
    code: String,
    key: u64,
    fallback: (String, String),
    pages: usize,
    quizzes: Vec<Doc>,
    kinds: search::KindLabels,
}

/// The kind labels a language's search results show, and the language of those it lacks.
fn kinds(strings: &Strings) -> search::KindLabels {
    let mut kinds = search::KindLabels::default();
    for k in search::KINDS {
        let key = format!("kind_{k}");
        kinds.labels.insert(k.to_string(), strings.get(&key));
        if let Some((code, dir)) = strings.lang_of(&key) {
            kinds.langs.insert(k.to_string(), format!("{code} {dir}"));
        }
    }
    kinds
}

fn push_error(errors: &Mutex<Vec<Diagnostic>>, path: &str, e: std::io::Error) {
    if let Ok(mut errs) = errors.lock() {
        errs.push(Diagnostic::error(path, 0, 0, format!("cannot write: {e}")));
    }
}

/// Writes (or keeps) the files of the last index. False if a file could not be kept.
fn reuse(output: &Output, files: &[(String, Held)], errors: &Mutex<Vec<Diagnostic>>) -> bool {
    let mut kept = true;
    for (path, held) in files {
        match held.reuse(output, path) {
            Ok(k) => kept &= k,
            Err(e) => push_error(errors, path, e),
        }
    }
    kept
}

/// What the search step leaves: each index's figures, the indexes a cache keeps, and those
/// still to build.
pub struct Done {
    pub stats: Vec<Stats>,
    pub kept: Vec<SearchEntry>,
    pub pending: Vec<Pending>,
}

/// The page shards of a language's index that [`prepare`] made (filled by the quiz titles).
pub type Early = Vec<(String, Vec<u8>)>;

/// The start of each built index's end, before the other last steps: the quiz titles added
/// after its pages (fed by the pages step), then every distinct word folded and stemmed on
/// every thread ([`Indexer::analyse`]); returns the page shards the quiz titles filled, for
/// [`write_search`]. The rest of the end numbers the stems in one loop: run beside the other
/// steps, it no longer leaves a core waiting.
pub fn prepare(site: &Site, plans: &[Plan], indexes: &mut [Option<crate::pages::Feeding>]) -> Vec<Early> {
    use rayon::prelude::*;
    site.langs
        .par_iter()
        .zip(plans)
        .zip(indexes.par_iter_mut())
        .map(|((lang, plan), feeding)| {
            let (Plan::Build { .. }, Some((indexer, _))) = (plan, feeding.as_mut()) else { return Vec::new() };
            let files = search::docs::quiz_docs(lang).iter().filter_map(|doc| indexer.add(Prepared::of(doc))).collect();
            indexer.analyse();
            files
        })
        .collect()
}

/// Finishes each language's index ([`prepare`] has added the quiz titles, whose page shards
/// `early` holds): the word shards and the manifest; or writes the last index again
/// ([`Plan`]). Languages are finished in parallel.
pub fn write_search(
    site: &Site,
    strings: &[Strings],
    (plans, indexes, early): (Vec<Plan>, Vec<Option<crate::pages::Feeding>>, Vec<Early>),
    output: &Output,
    errors: &Mutex<Vec<Diagnostic>>,
    disk: bool,
) -> Done {
    use rayon::prelude::*;
    let default = site.config.default_language();
    let mut early = early.into_iter();
    let work: Vec<_> = site.langs.iter().zip(strings).zip(indexes).zip(plans).map(|w| (w, early.next().unwrap_or_default())).enumerate().collect();
    // Languages are finished in parallel (each one's word shards take a while: a
    // five-language site has five vocabularies), then taken in order.
    let each: Vec<(Option<Stats>, Option<SearchEntry>, Option<Pending>)> = work
        .into_par_iter()
        .map(|(li, ((((lang, strings), indexer), plan), early))| match plan {
            Plan::None => (None, None, None),
            Plan::Reuse(last) => {
                if !reuse(output, &last.files, errors) {
                    // Checked by the plan: only a file changed meanwhile gets here.
                    push_error(errors, &format!("search/{}", lang.lang.code), std::io::Error::other("the last search index changed while building"));
                }
                (Some(last.stats.clone()), Some(last), None)
            }
            Plan::Later { key, last } => {
                reuse(output, &last.files, errors);
                let pending = Pending {
                    lang: li,
                    code: lang.lang.code.clone(),
                    key,
                    fallback: (default.code.clone(), default.direction.as_str().to_string()),
                    pages: lang.pages.len(),
                    quizzes: search::docs::quiz_docs(lang),
                    kinds: kinds(strings),
                };
                (Some(last.stats.clone()), Some(last), Some(pending))
            }
            Plan::Build { key } => {
                let Some((indexer, shards)) = indexer else { return (None, None, None) };
                let mut files = early;
                let mut built = indexer.finish(&kinds(strings));
                files.append(&mut built.files);
                // The last files (term shards, manifest) are hashed and written on every thread.
                let written: Vec<_> = files
                    .into_par_iter()
                    .map(|(path, bytes)| {
                        let file = if disk || key.is_none() {
                            if let Err(e) = output.write(&path, &bytes) {
                                push_error(errors, &path, e);
                            }
                            Held::Disk(None)
                        } else {
                            let bytes: Arc<[u8]> = Arc::from(bytes.into_boxed_slice());
                            if let Err(e) = output.write_shared(&path, bytes.clone()) {
                                push_error(errors, &path, e);
                            }
                            Held::Bytes(bytes)
                        };
                        (path, file)
                    })
                    .collect();
                let mut held = shards;
                held.extend(written);
                let kept = key.map(|key| SearchEntry { key, code: lang.lang.code.clone(), files: held.into(), stats: built.stats.clone() });
                (Some(built.stats), kept, None)
            }
        })
        .collect();
    let mut done = Done { stats: Vec::new(), kept: Vec::new(), pending: Vec::new() };
    for (stats, kept, pending) in each {
        done.stats.extend(stats);
        done.kept.extend(kept);
        done.pending.extend(pending);
    }
    done
}

/// Builds the indexes that [`write_search`] left pending from the pages' search data in the
/// cache, in parallel, and puts them in place of the last ones in a preview's `files` and in
/// the cache.
pub fn finish(pending: Vec<Pending>, cache: &mut Cache, files: &mut Files) {
    if let Some(built) = build(gather(pending, cache), &|| false) {
        install(built, cache, files);
    }
}

/// A pending index with its pages' search data, taken from the cache (shared, not copied), so
/// it can be built without holding the cache.
pub struct Job {
    pending: Pending,
    pages: Vec<Option<Arc<Prepared>>>,
}

/// Takes each pending index's pages' search data from the cache.
pub fn gather(pending: Vec<Pending>, cache: &Cache) -> Vec<Job> {
    pending
        .into_iter()
        .map(|p| {
            let pages = (0..p.pages).map(|id| cache.entry(p.lang, id).and_then(|e| e.search.clone())).collect();
            Job { pending: p, pages }
        })
        .collect()
}

/// Builds the indexes of [`gather`]ed jobs in parallel; `None` as soon as `cancelled` says so
/// (a newer build will make its own).
pub fn build(jobs: Vec<Job>, cancelled: &(dyn Fn() -> bool + Sync)) -> Option<Vec<SearchEntry>> {
    use rayon::prelude::*;
    jobs.into_par_iter()
        .map(|Job { pending: p, pages }| {
            let mut indexer = Indexer::new(&p.code, (&p.fallback.0, &p.fallback.1));
            indexer.expect(p.pages + p.quizzes.len());
            let mut out = Vec::new();
            for (i, prepared) in pages.into_iter().enumerate() {
                if i % 256 == 0 && cancelled() {
                    return None;
                }
                let prepared = prepared.map_or_else(|| Prepared::of(&Doc::default()), Arc::unwrap_or_clone);
                out.extend(indexer.add(prepared));
            }
            for doc in &p.quizzes {
                out.extend(indexer.add(Prepared::of(doc)));
            }
            let mut built = indexer.finish(&p.kinds);
            out.append(&mut built.files);
            let files = out.into_iter().map(|(path, b)| (path, Held::Bytes(Arc::from(b.into_boxed_slice())))).collect();
            Some(SearchEntry { key: p.key, code: p.code, files, stats: built.stats })
        })
        .collect()
}

/// Puts built indexes in place of the last ones in a preview's `files` and in the cache.
pub fn install(built: Vec<SearchEntry>, cache: &mut Cache, files: &mut Files) {
    for entry in built {
        if let Some(last) = cache.search.get(&entry.code) {
            for (path, _) in last.files.iter() {
                files.remove(path);
            }
        }
        for (path, held) in entry.files.iter() {
            if let Held::Bytes(bytes) = held {
                files.insert(path.clone(), Stored::Bytes(bytes.clone()));
            }
        }
        cache.search.insert(entry.code.clone(), entry);
    }
}
