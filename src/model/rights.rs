//! Who made what, under which licence: a page's own `license`/`authors` or the nearest
//! folder's (`index.md`) that sets them, and the credits of single files (sidecar
//! `photo.jpg.yaml` or a folder's `credits.yaml`). Plain data and tree walks, no IO.

use std::path::PathBuf;

use super::licence::Licence;
use super::{FrontMatter, LangSite, PageId};

/// The credit of one file beside the pages (an image, a template, a document).
#[derive(Debug, Clone, PartialEq)]
pub struct Credit {
    pub title: Option<String>,
    /// The language (code, direction) of the title where the credit says it (`title_lang:`): an
    /// original's title in its own language, in a credit written in another. `None`: the
    /// title is in the language of the credit's folder, as the rest of the credit.
    pub title_lang: Option<(String, &'static str)>,
    pub authors: Vec<String>,
    /// Where the original comes from (a URL).
    pub source: Option<String>,
    /// `None`: the credit names no licence.
    pub licence: Option<Licence>,
    /// What was changed from the original ("cropped", "labels translated").
    pub changes: Option<String>,
    /// Anything a re-user must know, e.g. that the file is not covered by the page's licence.
    pub note: Option<String>,
    /// The file that says so, and the line of its `license:` (or of the record), for messages.
    pub declared_in: PathBuf,
    pub line: usize,
    pub col: usize,
    /// The language and direction of the credit's words when a translation shows the default
    /// language's credit (no credit of its own): its title, changes and note are marked so.
    pub shown_from: Option<(String, &'static str)>,
}

impl LangSite {
    /// The nearest value `pick` finds on the page or, failing that, on the folders above it
    /// (a folder's `index.md` applies to all its pages), with the page that set it.
    pub fn inherited<'s, T: ?Sized>(&'s self, id: PageId, pick: impl Fn(&'s FrontMatter) -> Option<&'s T>) -> Option<(&'s T, PageId)> {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if let Some(v) = pick(&self.pages[c].front) {
                return Some((v, c));
            }
            cur = self.pages[c].parent;
        }
        None
    }

    /// The page's licence: its own, its nearest folder's, else `None` (the site's).
    pub fn licence_of(&self, id: PageId) -> Option<Licence> {
        self.inherited(id, |f| f.license.as_deref()).and_then(|(l, _)| Licence::from_spdx(l).ok())
    }

    /// The page's authors: its own, its nearest folder's, else `None` (the site's).
    pub fn authors_of(&self, id: PageId) -> Option<&[String]> {
        self.inherited(id, |f| Some(f.authors.as_slice()).filter(|a| !a.is_empty())).map(|(a, _)| a)
    }

    /// The credit of a file (`rel` under `content/<lang>/`), if it has one.
    pub fn credit_of(&self, rel: &str) -> Option<&Credit> {
        self.credits.get(rel)
    }
}
