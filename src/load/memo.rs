//! What a preview's next load can reuse: each Markdown file as the last load read it (its page
//! without the body, its problems, and a hash of its body), keyed by its path and by what the
//! file system says about it (size, modification and change times, inode). A file whose stamp
//! is unchanged is not read again; any write changes the change time, which no tool can set.
//! A file modified less than a second before it was read is read again next time all the same:
//! file systems keep times in coarse steps, so a second write in the same step could look
//! unchanged ("racy" files, as git calls them).

use rustc_hash::FxHashMap;
use std::hash::Hash;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::model::Page;

/// What the file system says about a file; equal stamps mean an unchanged file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    changed: (i64, i64),
    inode: u64,
}

/// Files modified this recently before being read are not trusted next time.
const RACY: std::time::Duration = std::time::Duration::from_secs(1);

impl Stamp {
    /// Whether the file was modified so shortly before `read_at` that its stamp may not show
    /// a write that follows.
    pub fn racy(&self, read_at: std::time::SystemTime) -> bool {
        self.modified.is_none_or(|m| m + RACY > read_at)
    }

    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.len
    }

    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            ((meta.ctime(), meta.ctime_nsec()), meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = ((0, 0), 0);
        Stamp { len: meta.len(), modified: meta.modified().ok(), changed, inode }
    }
}

/// One Markdown file as read.
#[derive(Debug, Clone)]
pub struct Read {
    pub stamp: Stamp,
    /// Whether the page's fingerprint was computed (sites with translations).
    pub fingerprint: bool,
    /// Boxed: a build's memo holds none, and its entries are moved around by the thousand.
    pub page: Option<Box<Page>>,
    pub diags: Diagnostics,
    pub body_hash: u64,
    /// Modified just before it was read: read again next time (see the module's note).
    pub racy: bool,
}

/// The files of a load by the path shown in messages (relative to the root). FxHash: the keys
/// are the site's own paths (SipHash's protection against crafted keys is not needed), and
/// every build fills and reads it for every page.
pub type Files = FxHashMap<PathBuf, Read>;

/// The Markdown files of the last load, by the path shown in messages (relative to the root).
#[derive(Debug, Default)]
pub struct Memo {
    files: Files,
    /// Only the hashes of the bodies are kept, not the pages (a build that ends with its load:
    /// nothing is read from this memo but the keys of the pages).
    hashes_only: bool,
}

impl Memo {
    /// A memo of one build: what it keeps of a file is the hash of its body ([`Memo::body_hash`]).
    pub fn hashes_only() -> Memo {
        Memo { files: FxHashMap::default(), hashes_only: true }
    }

    /// Whether the memo keeps the pages read (else only their bodies' hashes).
    pub fn keeps_pages(&self) -> bool {
        !self.hashes_only
    }

    /// The file as last read, if its stamp and fingerprint setting are the same.
    pub fn get(&self, shown: &Path, stamp: Stamp, fingerprint: bool) -> Option<&Read> {
        self.files.get(shown).filter(|r| !self.hashes_only && !r.racy && r.stamp == stamp && r.fingerprint == fingerprint)
    }

    /// The hash of a page's body as last read (pages of unchanged files need not be read).
    pub fn body_hash(&self, shown: &Path) -> Option<u64> {
        self.files.get(shown).map(|r| r.body_hash)
    }

    /// The file as last read, whatever its stamp.
    pub fn last(&self, shown: &Path) -> Option<&Read> {
        self.files.get(shown).filter(|_| !self.hashes_only)
    }

    /// Records one file read again by itself (see [`crate::load::read_again`]).
    pub fn put(&mut self, shown: PathBuf, read: Read) {
        self.files.insert(shown, read);
    }

    /// Replaces the memo with the files of a new load.
    pub fn replace(&mut self, files: impl IntoIterator<Item = (PathBuf, Read)>) {
        self.files = files.into_iter().collect();
    }

    /// Replaces the memo with the files of a new load, one map per language (each made while
    /// the load went on); the first becomes the memo's map without being copied.
    pub fn replace_with(&mut self, maps: Vec<Files>) {
        let mut maps = maps.into_iter();
        self.files = maps.next().unwrap_or_default();
        for map in maps {
            self.files.extend(map);
        }
    }
}

/// The hash a page's key is made of: its Markdown body (XXH3, which hashes a site's text
/// several times faster than the standard library's SipHash; keys are not secrets).
pub fn body_hash(body: &str) -> u64 {
    twox_hash::XxHash3_64::oneshot(body.as_bytes())
}
