//! The pages step of the pipeline: every page's Markdown → its template → the writer, in
//! parallel, reusing a rebuild's cached pages where nothing they show has changed
//! ([`crate::incremental`]); then links to headings are checked across pages.

use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use crate::i18n::Strings;
use crate::incremental::{self, Cache, Entries, Entry, Held};
use crate::links::PageLinks;
use crate::markdown::{self, Labels, Rendered};
use crate::model::{LangSite, PageId, Site};
use crate::output::Output;
use crate::render::theme::Theme;
use crate::render::views::Step;
use crate::render::{self, LangContext};

/// Pages above this size render one at a time (see `pages_stage`).
const BIG_PAGE_BYTES: usize = 1024 * 1024;
static BIG_PAGE_TURN: Mutex<()> = Mutex::new(());

/// The steps that follow a section's pages: its quizzes.
pub fn quiz_steps(lang: &LangSite, section: usize) -> Vec<Step> {
    lang.quizzes_of
        .get(&section)
        .map(|qs| {
            qs.iter()
                .map(|&q| Step {
                    title: lang.quizzes[q].title.clone(),
                    url: lang.quizzes[q].url.clone(),
                    page: None,
                    kind: "quiz",
                    fallback: lang.quizzes[q].title_fallback(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The interface strings of media players and video placeholders in one language.
fn media_labels(lang: &crate::model::lang::Language, strings: &Strings) -> crate::media::player::MediaLabels {
    crate::media::player::MediaLabels {
        lang: lang.code.clone(),
        dir: lang.direction.as_str().to_string(),
        transcript: strings.get("media_transcript"),
        download: strings.get("media_download"),
        unsupported: strings.get("media_unsupported"),
        play_on: strings.get("media_play_on"),
        privacy: strings.get("media_privacy"),
        duration: strings.get("duration"),
        read_transcript: strings.get("media_read_transcript"),
        video_on: strings.get("media_video_on"),
        other: [
            ("transcript", "media_transcript"),
            ("download", "media_download"),
            ("unsupported", "media_unsupported"),
            ("play_on", "media_play_on"),
            ("privacy", "media_privacy"),
            ("duration", "duration"),
            ("read_transcript", "media_read_transcript"),
            ("video_on", "media_video_on"),
        ]
        .into_iter()
        .filter_map(|(name, key)| strings.lang_of(key).map(|(code, dir)| (name, (code.to_string(), dir.to_string()))))
        .collect(),
    }
}

/// A page's anchor links with their file line and column (shared with a rebuild's cache).
type Anchors = Arc<Vec<(crate::markdown::AnchorRef, usize, usize)>>;

/// What rendering one page leaves behind once its HTML is written.
struct PageResult {
    ids: Arc<Vec<String>>,
    anchors: Anchors,
    problems: Vec<Diagnostic>,
    /// The Markdown HTML, kept only when packages need it.
    kept: Option<Rendered>,
    /// What search keeps of the page (none when the site has no search).
    search: Option<Arc<crate::search::Prepared>>,
}

/// What the pages step hands on, per language and page: the Markdown HTML kept for packages
/// and guides, the search documents, and (for a rebuild's cache) the rendered pages.
pub type Stage = (Vec<Vec<Option<Rendered>>>, Vec<Option<Feeding>>, Entries);

/// A language's search index as the pages step leaves it: the index, and the page shards it
/// has written so far (kept, with a rebuild's cache, as the index's files).
pub type Feeding = (crate::search::Indexer, Vec<(String, Held)>);

/// A page as the pages step leaves it: its index, what rendering found, and its cache entry.
type Done = (usize, PageResult, Option<Arc<Entry>>);

/// Pages rendered in parallel before their search data is handed to the index in page order.
const INDEX_CHUNK: usize = 256;

/// The page cache of a rebuild and the site's structure hash (see [`incremental`]).
pub type CacheUse<'a> = Option<(&'a Cache, u64)>;

pub use crate::incremental::Keys;

/// Pages whose address another page of their language has too (two files that differ only in
/// their numeric prefix or Unicode form): the load reported the clash at the second file with a
/// hint, so that one of them cannot be written is not reported again, once per language. Both
/// pages of a clash are in the set: pages are written in parallel, and either may come second.
fn clashing(lang: &LangSite) -> rustc_hash::FxHashSet<usize> {
    let mut count = rustc_hash::FxHashMap::<&str, usize>::default();
    count.reserve(lang.pages.len());
    for page in &lang.pages {
        *count.entry(page.url.as_str()).or_default() += 1;
    }
    (0..lang.pages.len()).filter(|&id| count[lang.pages[id].url.as_str()] > 1).collect()
}

/// Whether a page's Markdown HTML is handed on: for packages, its guide's or its course's
/// printable page.
fn kept_for(site: &Site, lang: &LangSite, theme: &Theme, packages: bool) -> impl Fn(PageId) -> bool {
    let keep = packages && render::has_packages(site, lang) && theme.templates.has("sco.html");
    // Guides and short courses also make one printable page from their pages' HTML.
    let printed = printed_pages(lang);
    let guides: Vec<bool> = (0..lang.pages.len()).map(|id| lang.guide_of(id).is_some()).collect();
    move |id: PageId| keep || guides[id] || printed.contains(&id)
}

/// The key of every page of a rebuild: the structure, the page's place, and its Markdown as
/// the load read it (see [`crate::load::memo`]).
pub fn keys(site: &Site, theme: &Theme, packages: bool, cache: &Cache, structure: u64) -> Keys {
    site.langs
        .iter()
        .enumerate()
        .map(|(li, lang)| {
            let kept = kept_for(site, lang, theme, packages);
            lang.pages
                .par_iter()
                .enumerate()
                .map(|(id, page)| cache.memo.body_hash(&page.source).map(|hash| incremental::page_key(structure, li, id, kept(id), hash)))
                .collect()
        })
        .collect()
}

/// The keys of a quick rebuild ([`crate::incremental::quick`]): the last build's, with those of
/// the `dirty` pages made again.
pub fn patch_keys(site: &Site, theme: &Theme, packages: bool, cache: &Cache, structure: u64, keys: &mut Keys, dirty: &[(usize, PageId)]) {
    let langs: std::collections::BTreeSet<usize> = dirty.iter().map(|&(li, _)| li).collect();
    for li in langs {
        let (Some(lang), Some(lang_keys)) = (site.langs.get(li), keys.get_mut(li)) else { continue };
        let kept = kept_for(site, lang, theme, packages);
        for &(_, id) in dirty.iter().filter(|d| d.0 == li) {
            if let (Some(key), Some(page)) = (lang_keys.get_mut(id), lang.pages.get(id)) {
                *key = cache.memo.body_hash(&page.source).map(|hash| incremental::page_key(structure, li, id, kept(id), hash));
            }
        }
    }
}

/// Markdown → template → output for every page, in parallel, one page at a time: the site's
/// HTML is streamed to the writer, never held whole (except by a rebuild's cache, which also
/// lets unchanged pages skip rendering). Link problems and broken anchors become diagnostics
/// (the staged output is thrown away if there are any). With `indexing`, each language's search
/// index is fed as its pages are rendered: pages go in chunks of [`INDEX_CHUNK`], rendered in
/// parallel and then indexed in page order, so only a chunk's texts are ever held (the index
/// keeps words and weights, and writes its page shards as they fill).
/// `feed[li]`: language `li`'s index is built here (else it is reused or built later, from the
/// pages' search data that the cache keeps). With a cache, `keys` are [`keys`].
#[allow(clippy::too_many_arguments)]
pub fn pages_stage(
    site: &mut Site,
    theme: &Theme,
    strings: &[Strings],
    output: &Output,
    packages: bool,
    (indexing, feed): (bool, &[bool]),
    (cache, keys): (CacheUse<'_>, &Keys),
    diags: &mut Diagnostics,
) -> Stage {
    let bodies: Vec<Vec<String>> = site.langs.iter_mut().map(|l| l.pages.iter_mut().map(|p| std::mem::take(&mut p.body)).collect()).collect();
    let site: &Site = site;
    let mut all = Vec::with_capacity(site.langs.len());
    let mut all_indexes = Vec::with_capacity(site.langs.len());
    let mut entries = Entries::new();
    let default = site.config.default_language();
    // The default language's heading ids, to tell a wrong `#anchor` of a page not translated
    // yet (reported once, by the default language) from one its translated target lacks.
    let mut default_ids: Option<(&crate::model::LangSite, Vec<Arc<Vec<String>>>)> = None;
    for (li, ((lang, strings), bodies)) in site.langs.iter().zip(strings).zip(bodies).enumerate() {
        if output.skips_language(&lang.lang.code) {
            all.push(vec![None; lang.pages.len()]);
            all_indexes.push(None);
            continue;
        }
        // The language's context, and which pages are kept and which clash, on two threads: the
        // render waits for them.
        let (mut cx, (kept_for, clashing)) = rayon::join(|| context(site, lang, strings, theme), || (kept_for(site, lang, theme, packages), clashing(lang)));
        if let Some(memo) = cache.and_then(|(c, structure)| c.nav_memo(li, structure)) {
            cx = cx.with_memo(memo);
        }
        let one = PageRenderer::new(&cx, theme, strings, indexing);
        let feeding = indexing && feed.get(li).copied().unwrap_or(true);
        // A page of the last build is used again when its key is the same and it holds what
        // this build needs of it (a page kept on disk holds neither its Markdown HTML nor its
        // search data), and its file can be written or kept.
        let usable = |id: usize| -> Option<&Arc<Entry>> {
            let key = keys.get(li).and_then(|k| k.get(id)).copied().flatten();
            cache.zip(key).and_then(|((c, _), k)| c.get(li, id, k)).filter(|e| (!kept_for(id) || e.kept.is_some()) && (!feeding || e.search.is_some()))
        };
        let reused = |id: usize, e: &Arc<Entry>| -> Done {
            if let Some((c, _)) = cache {
                c.reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            let kept = kept_for(id).then(|| e.kept.clone()).flatten();
            let search = e.search.clone().filter(|_| feeding);
            let result = PageResult { ids: e.ids.clone(), anchors: e.anchors.clone(), problems: e.problems.clone(), kept, search };
            (id, result, Some(Arc::clone(e)))
        };
        let reuse_one = |id: usize| -> Option<Done> {
            let rel = format!("{}/{}", lang.lang.code, lang.pages[id].url);
            usable(id).filter(|e| e.html.reuse(output, &rel).unwrap_or(false)).map(|e| reused(id, e))
        };
        let render_one = |(id, body): (usize, String)| -> Done {
            let page = &lang.pages[id];
            let rel = format!("{}/{}", lang.lang.code, page.url);
            // A body the load kept is the one its key was made from (`keys`); one read again
            // here is hashed again below (the file may have changed since the load read it).
            let loaded = !body.is_empty();
            let body = if loaded { body } else { crate::load::page_body(&site.root, &page.source) };
            let (mut result, html) = one.render(id, &body, kept_for(id));
            // Kept under the key of the Markdown rendered.
            let entry = cache.zip(html.as_ref()).map(|((c, structure), html)| {
                let known = keys.get(li).and_then(|k| k.get(id)).copied().flatten().filter(|_| loaded);
                Arc::new(Entry {
                    key: known.unwrap_or_else(|| incremental::page_key(structure, li, id, kept_for(id), crate::load::memo::body_hash(&body))),
                    path: rel.clone(),
                    html: if c.disk { Held::Disk(None) } else { Held::Bytes(Arc::from(html.as_bytes())) },
                    ids: result.ids.clone(),
                    anchors: result.anchors.clone(),
                    problems: result.problems.clone(),
                    kept: result.kept.clone().filter(|_| !c.disk),
                    search: result.search.clone().filter(|_| !c.disk),
                })
            });
            let written = match (entry.as_deref(), html) {
                (Some(Entry { html: Held::Bytes(b), .. }), _) => output.write_shared(&rel, b.clone()),
                (_, Some(html)) => output.write(&rel, html.as_bytes()),
                (_, None) => Ok(()),
            };
            match written {
                Err(e) if !clashing.contains(&id) => result.problems.push(Diagnostic::error(&page.source, 0, 0, format!("cannot write: {e}"))),
                _ => {}
            }
            (id, result, entry)
        };
        let mut indexer = feeding.then(|| {
            let mut ix = crate::search::Indexer::new(&lang.lang.code, (&default.code, default.direction.as_str()));
            // Its pages, then its quizzes' titles (`indexing::prepare`).
            ix.expect(bodies.len() + lang.quizzes.len());
            (ix, Vec::new())
        });
        let count = bodies.len();
        let mut kept = Vec::with_capacity(count);
        let mut ids = Vec::with_capacity(count);
        let mut anchors = Vec::with_capacity(count);
        let mut pending = bodies.into_iter().enumerate();
        let mut next_chunk = || -> Vec<(usize, String)> { pending.by_ref().take(if feeding { INDEX_CHUNK } else { usize::MAX }).collect() };
        let render_chunk = |chunk: Vec<(usize, String)>| -> Vec<Done> {
            if cache.is_some_and(|(c, _)| !c.disk) {
                // In memory a kept page costs a few map inserts: those are taken here, in
                // order, and only the others are rendered in parallel.
                let mut done: Vec<Option<Done>> = Vec::with_capacity(chunk.len());
                let mut todo = Vec::new();
                let mut kept = Vec::new();
                for (i, (id, body)) in chunk.into_iter().enumerate() {
                    let hit = usable(id).and_then(|e| match &e.html {
                        Held::Bytes(bytes) => Some((e, bytes)),
                        Held::Disk(_) => None,
                    });
                    match hit {
                        Some((e, bytes)) => {
                            kept.push((i, format!("{}/{}", lang.lang.code, lang.pages[id].url), bytes.clone()));
                            done.push(Some(reused(id, e)));
                        }
                        None => {
                            todo.push((i, (id, body)));
                            done.push(None);
                        }
                    }
                }
                // One lock for all the kept files; one that cannot be written again is a
                // problem of its page, as when it is rendered.
                for (i, e) in output.write_shared_all(kept) {
                    if let Some((id, result, _)) = done[i].as_mut().filter(|(id, ..)| !clashing.contains(id)) {
                        result.problems.push(Diagnostic::error(&lang.pages[*id].source, 0, 0, format!("cannot write: {e}")));
                    }
                }
                let rendered: Vec<(usize, Done)> = todo.into_par_iter().map(|(i, item)| (i, render_one(item))).collect();
                for (i, d) in rendered {
                    done[i] = Some(d);
                }
                done.into_iter().flatten().collect()
            } else {
                chunk.into_par_iter().map(|item| reuse_one(item.0).unwrap_or_else(|| render_one(item))).collect()
            }
        };
        // Each chunk's results are taken in (indexed, in page order) while the next chunk is
        // rendered: the index is fed on one thread without the others waiting for it.
        let mut take = |results: Vec<Done>| {
            for (id, r, entry) in results {
                if let (Some((ix, shards)), Some(prepared)) = (indexer.as_mut(), r.search) {
                    if let Some((path, bytes)) = ix.add(Arc::unwrap_or_clone(prepared)) {
                        let (written, held) = match cache {
                            Some((c, _)) if !c.disk => {
                                let bytes: Arc<[u8]> = Arc::from(bytes.into_boxed_slice());
                                (output.write_shared(&path, bytes.clone()), Held::Bytes(bytes))
                            }
                            _ => (output.write(&path, &bytes), Held::Disk(None)),
                        };
                        if let Err(e) = written {
                            diags.push(Diagnostic::error(path.as_str(), 0, 0, format!("cannot write: {e}")));
                        }
                        shards.push((path, held));
                    }
                }
                diags.extend(r.problems);
                kept.push(r.kept);
                ids.push(r.ids);
                anchors.push(r.anchors);
                if let Some(e) = entry {
                    entries.insert((li, id), e);
                }
            }
        };
        let mut results = render_chunk(next_chunk());
        loop {
            let chunk = next_chunk();
            if chunk.is_empty() {
                break;
            }
            let ((), next) = rayon::join(|| take(results), || render_chunk(chunk));
            results = next;
        }
        if let Some((c, structure)) = cache.filter(|(c, _)| !c.disk) {
            c.keep_navs(li, structure, cx.memo());
        }
        // The last chunk is fed while the language's context (its sidebar, navigation and
        // memo: some milliseconds of freeing on 10,000 pages) is freed beside it, instead of
        // one core waiting for the other twice.
        drop(one);
        rayon::join(|| take(results), move || drop(cx));
        check_anchors(lang, &ids, &anchors, default_ids.as_ref().map(|(l, ids)| (*l, ids.as_slice())), diags);
        if lang.lang.code == default.code {
            default_ids = Some((lang, ids));
        }
        all.push(kept);
        all_indexes.push(indexer);
    }
    (all, all_indexes, entries)
}

/// Renders one page of a language: Markdown, then its template.
struct PageRenderer<'a> {
    cx: &'a LangContext<'a>,
    theme: &'a Theme,
    labels: Labels,
    checklist_labels: Labels,
    /// Prepare each page for the search index.
    indexing: bool,
}

impl<'a> PageRenderer<'a> {
    fn new(cx: &'a LangContext<'a>, theme: &'a Theme, strings: &Strings, indexing: bool) -> Self {
        let labels = Labels {
            anchor: strings.get("anchor_link"),
            table: strings.get("table"),
            task_done: strings.get("task_done"),
            task_open: strings.get("task_open"),
            back: strings.get("footnote_back"),
            checklist: false,
            plain_code: !cx.site.config.highlight,
            media: media_labels(&cx.lang.lang, strings),
            in_transcript: false,
            mixed: None,
            anchor_lang: strings.lang_of("anchor_link").map(|(code, dir)| (code.to_string(), dir.to_string())),
            task_lang: strings.lang_of("task_done").map(|(code, dir)| (code.to_string(), dir.to_string())),
            back_lang: strings.lang_of("footnote_back").map(|(code, dir)| (code.to_string(), dir.to_string())),
        };
        let checklist_labels = Labels { checklist: true, ..labels.clone() };
        PageRenderer { cx, theme, labels, checklist_labels, indexing }
    }

    /// The page's findings, and its HTML (`None` when the template failed, which is among
    /// the problems).
    fn render(&self, id: PageId, body: &str, keep: bool) -> (PageResult, Option<String>) {
        // Rendering takes up to ~20 times a page's size: big pages take turns, so the peak
        // stays bounded however many threads there are.
        let _turn = (body.len() > BIG_PAGE_BYTES).then(|| BIG_PAGE_TURN.lock());
        let lang = self.cx.lang;
        let page = &lang.pages[id];
        let quiz_url = |rel: &str| lang.quizzes.iter().find(|q| q.rel == rel).map(|q| q.url.clone());
        let links = PageLinks { site: lang, page, extra: &quiz_url };
        let tickable = lang.guide_of(id).is_some() || lang.effective_kind(id) == crate::model::Kind::Unit;
        let labels = if tickable { &self.checklist_labels } else { &self.labels };
        // A page shown in the default language's words (its text marked as such): the
        // interface words put into it carry the page's language (see `markdown::labels`).
        let fallback;
        let labels = if page.text == crate::model::TextStatus::Fallback {
            let (own, default) = (&lang.lang, self.cx.site.config.default_language());
            fallback = labels.for_text((&own.code, own.direction.as_str()), (&default.code, default.direction.as_str()));
            &fallback
        } else {
            labels
        };
        let mut md = markdown::render(body, &links, labels);
        // Lines are counted only for a page with problems or links to headings.
        let index = std::cell::OnceCell::new();
        let at = |offset: usize| {
            let (l, c) = index.get_or_init(|| LineIndex::new(body)).line_col(offset);
            (l + page.body_line - 1, c)
        };
        let mut problems: Vec<Diagnostic> = std::mem::take(&mut md.problems)
            .into_iter()
            .map(|p| {
                let (l, c) = at(p.offset);
                Diagnostic { severity: p.severity, ..Diagnostic::error(&page.source, l, c, p.message) }.with_hint(p.hint)
            })
            .collect();
        let anchors: Vec<_> = std::mem::take(&mut md.anchors)
            .into_iter()
            .map(|a| {
                let (l, c) = at(a.offset);
                (a, l, c)
            })
            .collect();
        let extra = |section: usize| quiz_steps(lang, section);
        let html = match render::render_page(self.cx, self.theme, id, &md, &extra) {
            Ok(html) => Some(html),
            Err(e) => {
                problems.push(Diagnostic::error(&page.source, 0, 0, e));
                None
            }
        };
        let ids = Arc::new(std::mem::take(&mut md.ids));
        let anchors = Arc::new(anchors);
        let search = self.indexing.then(|| Arc::new(crate::search::Prepared::of(&crate::search::docs::page_doc(lang, id, &md))));
        md.text = String::new();
        let kept = keep.then_some(md);
        (PageResult { ids, anchors, problems, kept, search }, html)
    }
}

/// Links to headings that do not exist on their target page. `default`: the default
/// language's pages and heading ids, when checked before this language. A page shown here
/// not translated yet is the default language's file: a wrong anchor of it is reported there,
/// once; here only an anchor that its target's translation lacks.
fn check_anchors(lang: &LangSite, ids: &[Arc<Vec<String>>], anchors: &[Anchors], default: Option<(&LangSite, &[Arc<Vec<String>>])>, diags: &mut Diagnostics) {
    for (id, refs) in anchors.iter().enumerate() {
        for (anchor, line, col) in refs.iter() {
            let target = anchor.page.unwrap_or(id);
            if !ids[target].contains(&anchor.anchor) {
                let page = &lang.pages[id];
                let in_default = default
                    .filter(|(d, _)| page.text == crate::model::TextStatus::Fallback && d.lang.code != lang.lang.code)
                    .map(|(d, d_ids)| d.by_rel.get(&lang.pages[target].rel).is_some_and(|&t| d_ids.get(t).is_some_and(|known| known.contains(&anchor.anchor))));
                match in_default {
                    // reported by the default language, at the same file
                    Some(false) => continue,
                    Some(true) => {
                        let message = format!(
                            "no heading `#{}` on {}, the translation of the page linked to (this page is shown in {} untranslated)",
                            anchor.anchor,
                            lang.pages[target].source.display(),
                            lang.lang.code
                        );
                        let hint = format!("give the translated heading the id the original has: `## … {{#{}}}`", anchor.anchor);
                        diags.push(Diagnostic::error(&page.source, *line, *col, message).with_hint(hint));
                        continue;
                    }
                    None => {}
                }
                let known: Vec<&str> = ids[target].iter().map(String::as_str).collect();
                let hint = match crate::diagnostics::suggest(&anchor.anchor, &known) {
                    Some(best) => format!("did you mean `#{best}`?"),
                    None if known.is_empty() => "the target page has no headings to link to".to_string(),
                    None => format!("headings on that page: {}", known.iter().map(|k| format!("#{k}")).collect::<Vec<_>>().join(", ")),
                };
                diags.push(
                    Diagnostic::error(&page.source, *line, *col, format!("no heading `#{}` on {}", anchor.anchor, lang.pages[target].source.display()))
                        .with_hint(hint),
                );
            }
        }
    }
}

/// The shared context of a language's pages; packaging needs the theme's launch page.
pub fn context<'a>(site: &'a Site, lang: &'a LangSite, strings: &'a Strings, theme: &Theme) -> LangContext<'a> {
    let mut cx = LangContext::new(site, lang, strings);
    cx.packaging &= theme.templates.has("sco.html");
    cx
}

/// The pages whose HTML a course's print page joins (a guide's pages are kept for theirs).
fn printed_pages(lang: &LangSite) -> rustc_hash::FxHashSet<PageId> {
    (0..lang.pages.len()).filter(|&id| crate::render::course_print::is_printable(lang, id)).flat_map(|id| lang.reading_order(id)).collect()
}
