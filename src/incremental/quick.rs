//! A preview's load after an edit that touched only the words of some pages: the last build's
//! site, with those pages read again, instead of reading and aligning the whole site.
//!
//! The watcher says which files changed ([`Cache::hint`]). When each one is the Markdown file
//! of a page of the last build, and reading it again gives the same page (title, front
//! matter, place, problems) with other words, the last site is taken with the pages' text
//! fingerprints updated: what a full load would give, because nothing else a load reads
//! changed. Its structure ([`super::structure`]) is then the last one, so every other page
//! keeps its key and is not rendered again. Anything else (a new, removed or renamed file, a
//! title, front matter or quiz, site.yaml, interface strings, a theme, a translation that
//! becomes outdated, a file the watcher may have missed) takes the full load.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{debug_key, Cache};
use crate::diagnostics::Diagnostics;
use crate::i18n::Strings;
use crate::load::memo::Read;
use crate::model::{Page, PageId, Site, TextStatus};

/// What a good build leaves for the next one's quick load.
#[derive(Debug)]
pub struct Last {
    /// The site as loaded and aligned (pages without their bodies).
    pub site: Site,
    pub strings: Vec<Strings>,
    /// The key of the site's structure ([`super::structure`]).
    pub structure: u64,
    /// What loading the site, its strings and its rights found (warnings).
    pub diags: Diagnostics,
    /// Each page's key (see [`super::page_key`]) and whether packages were built.
    pub keys: (super::Keys, bool),
    /// The pages read again by a quick load (and the same pages shown in other languages):
    /// their keys are the only ones to make again.
    pub dirty: Vec<(usize, PageId)>,
}

/// The last build's site with the hinted pages read again, if the hint allows it (see the
/// module's note); `None`: load the whole site. The last build is used up either way.
pub fn load(root: &Path, cache: &mut Cache) -> Option<Last> {
    let hint = cache.hint.take();
    let mut last = cache.last.take()?;
    let hint = hint.filter(|h| !h.is_empty())?;
    last.dirty.clear();
    let fingerprint = last.site.langs.len() > 1;
    let mut reads = Vec::with_capacity(hint.len());
    for shown in hint {
        let (li, id) = page_of(&last.site, &shown)?;
        let old = cache.memo.last(&shown)?;
        let new = crate::load::read_again(root, &shown, &last.site.langs[li].pages[id].rel, fingerprint)?;
        if !same_but_words(old, &new) {
            return None;
        }
        reads.push((li, id, shown, new));
    }
    let mut stamps = HashMap::new();
    for (li, id, shown, read) in reads {
        let old_len = cache.memo.last(&shown).map_or(0, |r| r.stamp.size());
        let hash = read.page.as_ref().map(|p| p.hash.clone()).unwrap_or_default();
        let site = &mut last.site;
        let lang = &mut site.langs[li];
        lang.text_bytes = (lang.text_bytes + read.stamp.size()).saturating_sub(old_len);
        lang.pages[id].hash = hash.clone();
        last.dirty.push((li, id));
        if li == 0 {
            let rel = site.langs[0].pages[id].rel.clone();
            for (other, lang) in site.langs.iter_mut().enumerate().skip(1) {
                let page = lang.pages.get_mut(id)?;
                match page.text {
                    // The default's page shown in this language: the same file.
                    TextStatus::Fallback => {
                        page.hash = hash.clone();
                        last.dirty.push((other, id));
                    }
                    TextStatus::Translated => {
                        let code = lang.lang.code.clone();
                        let stamps = stamps.entry(code).or_insert_with_key(|code| crate::translations::Stamps::load(root, code, &mut Diagnostics::new()));
                        if stamps.is_outdated(&rel, &hash) != page.outdated {
                            return None;
                        }
                    }
                    TextStatus::Original => return None,
                }
            }
        }
        cache.memo.put(shown, read);
    }
    let total: u64 = last.site.langs.iter().map(|l| l.text_bytes).sum();
    (total <= crate::load::MAX_SITE_TEXT_BYTES).then_some(last)
}

/// The page whose own Markdown file `shown` is: (language, page).
fn page_of(site: &Site, shown: &Path) -> Option<(usize, PageId)> {
    let mut parts = shown.strip_prefix("content").ok()?.components();
    let code = parts.next()?.as_os_str().to_str()?;
    let rel = crate::model::url::nfc(&parts.as_path().to_str()?.replace('\\', "/")).into_owned();
    if !rel.ends_with(".md") || crate::media::is_sidecar(&rel) {
        return None;
    }
    let li = site.langs.iter().position(|l| l.lang.code == code)?;
    let lang = &site.langs[li];
    let &id = lang.by_rel.get(&rel)?;
    let page = &lang.pages[id];
    (page.source == shown && page.text != TextStatus::Fallback).then_some((li, id))
}

/// Whether a file read again differs from the last read in its words only: the same page
/// but for its text fingerprint, and the same problems.
fn same_but_words(old: &Read, new: &Read) -> bool {
    let bare = |p: &Option<Box<Page>>| p.as_ref().map(|p| Page { hash: String::new(), body: String::new(), ..Page::clone(p) });
    old.fingerprint == new.fingerprint
        && old.page.is_some()
        && debug_key(&bare(&old.page)) == debug_key(&bare(&new.page))
        && debug_key(&old.diags) == debug_key(&new.diags)
}

/// The changed paths a watcher reports, relative to the site's folder (what [`Cache::hint`]
/// holds); `None` if one is outside it.
pub fn hint(root: &Path, changed: &[PathBuf]) -> Option<Vec<PathBuf>> {
    changed.iter().map(|p| p.strip_prefix(root).ok().map(Path::to_path_buf)).collect()
}
