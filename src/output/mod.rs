//! Output: the ONLY writer. Builds beside the old output and swaps file by file.
//!
//! Every file of a build goes through [`Output::write`]. A file whose bytes equal what is
//! already in `dist/` is left alone; any other is written to a staging folder beside `dist/`.
//! Only when the whole build has succeeded does [`Output::commit`] move the staged files into
//! place and remove files the build no longer produces; [`Output::abort`] (or a drop without
//! commit) removes the staging folder, so a failed build leaves the previous `dist/` intact.
//! An output folder that kyklos did not create is never overwritten.
//!
//! A build into a folder records each file's stamp and a hash of its bytes ([`record`]); given
//! the last build's records ([`Output::begin_after`]), a file still as that build left it is
//! compared by its hash instead of being read back.
//!
//! `serve` builds into memory instead ([`Output::memory`]): nothing is written to disk, and
//! files copied from the site (media) are kept as references to their source.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

mod existing;
pub mod record;

pub use record::{FileStamp, Record, Records};

/// Marks a folder as kyklos output, so rebuilding may replace its files.
pub const MARKER: &str = ".kyklos-output";
const MARKER_TEXT: &str = "This folder is built by kyklos; rebuilding replaces everything in it.\n";

/// One file of an in-memory build: its bytes, or the site file it is a copy of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Bytes(Arc<[u8]>),
    File(PathBuf),
}

/// An in-memory build: output path (forward slashes) → file.
pub type Files = BTreeMap<String, Stored>;

pub struct Output {
    out: PathBuf,
    staging: PathBuf,
    /// `None` when checking: render everything, write nothing.
    dry_run: bool,
    /// `Some` for an in-memory build (serve).
    memory: Option<Mutex<Files>>,
    written: Mutex<BTreeSet<String>>,
    names: Mutex<Names>,
    /// Files written to the staging folder, with the hash of their bytes.
    staged: Mutex<Vec<(String, u128)>>,
    /// The folders made in the staging folder so far (paths from its root): a file's folder is
    /// made once, not asked for again (two system calls) for every file in it.
    made: Mutex<rustc_hash::FxHashSet<String>>,
    /// Files of the output left as they were (unchanged), with their records.
    unchanged: Mutex<Vec<(String, Record)>>,
    /// What the last build into this folder recorded of its files.
    last: Records,
    /// What the output folder holds before this build writes it.
    existing: existing::Existing,
    /// How many files were compared by reading them back (no usable record).
    read_back: AtomicUsize,
    committed: bool,
    /// Languages left out (`build --lang`): their files are neither written nor removed.
    skipped: BTreeSet<String>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub changed: usize,
    pub removed: usize,
    /// Files of equal size compared by reading the old file back (no usable record of it).
    pub read_back: usize,
}

impl Output {
    /// Prepares a build into `out`; refuses a non-empty folder that kyklos did not make.
    pub fn begin(out: &Path) -> io::Result<Output> {
        Output::begin_after(out, Records::default())
    }

    /// [`Output::begin`], given the records the last build into `out` left
    /// ([`Output::commit_recorded`]): a file still as that build left it is then compared by
    /// its hash, without reading it.
    pub fn begin_after(out: &Path, last: Records) -> io::Result<Output> {
        if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
            let target = std::fs::read_link(out).map(|t| t.display().to_string()).unwrap_or_default();
            return Err(io::Error::other(format!(
                "{} is a symbolic link (to {target}); kyklos never writes through a link: remove the link, or pass the folder itself with --out",
                out.display()
            )));
        }
        if out.exists() {
            if !out.is_dir() {
                return Err(io::Error::other(format!("{} exists and is not a folder", out.display())));
            }
            let empty = std::fs::read_dir(out)?.next().is_none();
            if !empty && !out.join(MARKER).exists() {
                return Err(io::Error::other(format!(
                    "{} is not empty and was not made by kyklos; refusing to overwrite it (choose another --out, or empty it)",
                    out.display()
                )));
            }
        }
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "dist".into());
        let staging = out.with_file_name(format!(".{name}.kyklos-staging"));
        // Whatever is left at the staging path (a folder, or a link, pipe or file someone put
        // there) is removed itself; nothing is ever written where a link there points.
        match std::fs::symlink_metadata(&staging) {
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(&staging)?,
            Ok(_) => std::fs::remove_file(&staging)?,
            Err(_) => {}
        }
        std::fs::create_dir_all(&staging)?;
        let output = Output::new(out.to_path_buf(), staging, false, last);
        output.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(output)
    }

    /// Whether the file at `rel` (of the new file's size, with `stamp`) holds the bytes that
    /// hash to `hash`: by the last build's record if the file is as that build left it, else
    /// by `read_back`.
    fn holds(&self, rel: &str, stamp: Option<FileStamp>, hash: u128, read_back: impl FnOnce() -> bool) -> bool {
        match self.last.get(rel) {
            Some(r) if stamp == Some(r.stamp) => r.hash == hash,
            _ => {
                self.read_back.fetch_add(1, Ordering::Relaxed);
                read_back()
            }
        }
    }

    /// Records a file left as it is (not when the file system gives no stamp).
    fn unchanged(&self, rel: &str, stamp: Option<FileStamp>, hash: u128) -> io::Result<()> {
        if let Some(stamp) = stamp {
            self.unchanged.lock().map_err(|_| io::Error::other("poisoned"))?.push((rel.to_string(), Record { stamp, hash }));
        }
        Ok(())
    }

    /// An output that records paths but writes nothing (for `check`).
    pub fn dry_run() -> Output {
        Output::new(PathBuf::new(), PathBuf::new(), true, Records::default())
    }

    /// An output with nothing written yet; a dry run has nothing to commit or clean up.
    fn new(out: PathBuf, staging: PathBuf, dry_run: bool, last: Records) -> Output {
        // A dry run looks nothing up (an empty path opens nothing).
        let existing = existing::Existing::new(&out);
        Output {
            out,
            staging,
            dry_run,
            memory: None,
            written: Mutex::new(BTreeSet::new()),
            // Sized for as many files as the last build left (most builds write about as many):
            // neither the names nor the list of unchanged files grows through fresh memory.
            names: Mutex::new(Names::with_capacity(last.len())),
            staged: Mutex::new(Vec::new()),
            made: Mutex::new(rustc_hash::FxHashSet::default()),
            unchanged: Mutex::new(Vec::with_capacity(last.len())),
            last,
            existing,
            read_back: AtomicUsize::new(0),
            committed: dry_run,
            skipped: BTreeSet::new(),
        }
    }

    pub fn is_dry_run(&self) -> bool {
        self.dry_run
    }

    /// Leaves out the files of these languages (`build --lang`): `<code>/…` and
    /// `search/<code>/…`. They are neither written nor removed; every other file is.
    pub fn skip_languages(&mut self, codes: BTreeSet<String>) {
        self.skipped = codes;
    }

    /// Whether a language's files are left out.
    pub fn skips_language(&self, code: &str) -> bool {
        self.skipped.contains(code)
    }

    /// Whether an output path belongs to a language that is left out.
    fn skips(&self, rel: &str) -> bool {
        skipped_path(&self.skipped, rel)
    }

    /// An output kept in memory (for `serve`); [`Output::into_files`] hands it over.
    pub fn memory() -> Output {
        let mut o = Output::dry_run();
        o.memory = Some(Mutex::new(Files::new()));
        o
    }

    /// The files of an in-memory build (empty for any other output).
    pub fn into_files(mut self) -> Files {
        self.memory.take().and_then(|m| m.into_inner().ok()).unwrap_or_default()
    }

    fn keep(&self, rel: &str, file: Stored) -> io::Result<()> {
        if let Some(m) = &self.memory {
            m.lock().map_err(|_| io::Error::other("poisoned"))?.insert(rel.to_string(), file);
        }
        Ok(())
    }

    /// Writes one file (`rel` uses forward slashes, relative to the output root). Thread-safe.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if self.skips(rel) {
            return Ok(());
        }
        self.claim(rel)?;
        if self.dry_run {
            return self.keep(rel, Stored::Bytes(bytes.into()));
        }
        let hash = record::hash(bytes);
        // Only a regular file (never a link) counts as "already there".
        if let Some((_, stamp)) = self.existing.regular(rel).filter(|(len, _)| *len == bytes.len() as u64) {
            if self.holds(rel, stamp, hash, || std::fs::read(self.out.join(rel)).is_ok_and(|old| old == bytes)) {
                return self.unchanged(rel, stamp, hash);
            }
        }
        let target = self.staging_path(rel)?;
        std::fs::write(&target, bytes)?;
        self.staged.lock().map_err(|_| io::Error::other("poisoned"))?.push((rel.to_string(), hash));
        Ok(())
    }

    /// Writes one file whose bytes are shared (a rebuild's cached page): kept as they are in
    /// memory, written as [`Output::write`] does otherwise.
    pub fn write_shared(&self, rel: &str, bytes: Arc<[u8]>) -> io::Result<()> {
        if self.memory.is_none() || self.skips(rel) {
            return self.write(rel, &bytes);
        }
        self.claim(rel)?;
        self.keep(rel, Stored::Bytes(bytes))
    }

    /// [`Output::write_shared`] for many files at once (a rebuild's kept pages), taking each
    /// lock once. Returns the files that could not be written, by the tag given with them.
    pub fn write_shared_all<T>(&self, files: Vec<(T, String, Arc<[u8]>)>) -> Vec<(T, io::Error)> {
        let Some(memory) = self.memory.as_ref() else {
            return files.into_iter().filter_map(|(tag, rel, bytes)| self.write(&rel, &bytes).err().map(|e| (tag, e))).collect();
        };
        let poisoned = || io::Error::other("poisoned");
        let (Ok(mut names), Ok(mut written), Ok(mut memory)) = (self.names.lock(), self.written.lock(), memory.lock()) else {
            return files.into_iter().map(|(tag, _, _)| (tag, poisoned())).collect();
        };
        let mut failed = Vec::new();
        for (tag, rel, bytes) in files {
            if self.skips(&rel) {
                continue;
            }
            match claim_in(&mut names, &mut written, &rel) {
                Ok(()) => {
                    memory.insert(rel, Stored::Bytes(bytes));
                }
                Err(e) => failed.push((tag, e)),
            }
        }
        failed
    }

    /// Keeps the file the last build left at `rel` (a rebuild that did not render it again),
    /// if it is still there as that build left it (`stamp`); false otherwise (then nothing
    /// is recorded, and the caller writes the file).
    pub fn keep_existing(&self, rel: &str, stamp: &FileStamp) -> bool {
        if self.skips(rel) {
            return true;
        }
        if self.dry_run || self.memory.is_some() || self.existing.stamp(rel).as_ref() != Some(stamp) || self.claim(rel).is_err() {
            return false;
        }
        // Its hash is the last build's (without one, the next build reads the file back).
        if let Some(record) = self.last.get(rel).filter(|r| r.stamp == *stamp) {
            let _ = self.unchanged(rel, Some(record.stamp), record.hash);
        }
        true
    }

    /// Whether the file the last build left at `rel` is still as it left it (see
    /// [`Output::keep_existing`]).
    pub fn can_keep(&self, rel: &str, stamp: &FileStamp) -> bool {
        self.skips(rel) || (!self.dry_run && self.memory.is_none() && self.existing.stamp(rel).as_ref() == Some(stamp))
    }

    /// The output folder.
    pub fn folder(&self) -> &Path {
        &self.out
    }

    /// Checks an output path and records it: inside the output, a name file systems accept,
    /// no clash with another file of the site (also by case, or file against folder).
    fn claim(&self, rel: &str) -> io::Result<()> {
        let mut names = self.names.lock().map_err(|_| io::Error::other("poisoned"))?;
        let mut written = self.written.lock().map_err(|_| io::Error::other("poisoned"))?;
        claim_in(&mut names, &mut written, rel)
    }

    /// Copies a file from disk (an asset) in pieces, never whole in memory, with the same
    /// checks and skip-if-unchanged rule as [`Output::write`].
    pub fn copy_from(&self, rel: &str, mut source: std::fs::File, size: u64) -> io::Result<()> {
        if self.skips(rel) {
            return Ok(());
        }
        self.claim(rel)?;
        if self.dry_run {
            return Ok(());
        }
        if let Some((_, stamp)) = self.existing.regular(rel).filter(|(len, _)| *len == size) {
            // As the last build left it: only the source is read, to hash it.
            let same = match self.last.get(rel).filter(|r| Some(r.stamp) == stamp) {
                Some(r) => Some(record::hash_reader(&mut io::Read::take(&mut source, size))?).filter(|h| *h == r.hash),
                None => {
                    self.read_back.fetch_add(1, Ordering::Relaxed);
                    match std::fs::File::open(self.out.join(rel)) {
                        Ok(old) => record::same_bytes(old, &mut source)?,
                        Err(_) => None,
                    }
                }
            };
            if let Some(hash) = same {
                return self.unchanged(rel, stamp, hash);
            }
            use std::io::Seek;
            source.seek(io::SeekFrom::Start(0))?;
        }
        let target = self.staging_path(rel)?;
        let mut file = std::fs::File::create(&target)?;
        let hash = record::copy_hashing(&mut io::Read::take(source, size), &mut file)?;
        self.staged.lock().map_err(|_| io::Error::other("poisoned"))?.push((rel.to_string(), hash));
        Ok(())
    }

    /// Where `rel` is written in the staging folder, its folder made (once per folder).
    fn staging_path(&self, rel: &str) -> io::Result<PathBuf> {
        let target = self.staging.join(rel);
        if let Some((folder, _)) = rel.rsplit_once('/') {
            let made = |f: &str| self.made.lock().is_ok_and(|m| m.contains(f));
            if !made(folder) {
                std::fs::create_dir_all(self.staging.join(folder))?;
                if let Ok(mut m) = self.made.lock() {
                    m.insert(folder.to_string());
                }
            }
        }
        Ok(target)
    }

    /// Whether this output keeps files in memory (then media need not be read: see
    /// [`Output::reference`]).
    pub fn is_memory(&self) -> bool {
        self.memory.is_some()
    }

    /// In memory: records a media file by its source (already checked to be a regular file
    /// inside the site), so a preview does not hold every video in memory.
    pub fn reference(&self, rel: &str, source: &Path) -> io::Result<()> {
        if self.skips(rel) {
            return Ok(());
        }
        self.claim(rel)?;
        self.keep(rel, Stored::File(source.to_path_buf()))
    }

    /// Moves staged files into place and removes files that are no longer produced.
    pub fn commit(self) -> io::Result<Summary> {
        self.commit_recorded().map(|(summary, _)| summary)
    }

    /// [`Output::commit`], returning the record of every file the output now holds that
    /// this build wrote or left as it was (and of the left-out languages' files, as the last
    /// build recorded them), for the next build's [`Output::begin_after`].
    pub fn commit_recorded(mut self) -> io::Result<(Summary, Records)> {
        self.committed = true;
        let poisoned = || io::Error::other("poisoned");
        let written = std::mem::take(&mut *self.written.lock().map_err(|_| poisoned())?);
        let staged = std::mem::take(&mut *self.staged.lock().map_err(|_| poisoned())?);
        let unchanged = std::mem::take(&mut *self.unchanged.lock().map_err(|_| poisoned())?);
        let read_back = self.read_back.load(Ordering::Relaxed);
        let mut summary = Summary { files: written.len(), changed: staged.len(), removed: 0, read_back };
        if self.dry_run {
            return Ok((summary, Records::default()));
        }
        let mut records: Records = unchanged.into_iter().collect();
        records.extend(self.last.iter().filter(|(rel, _)| skipped_path(&self.skipped, rel)).map(|(rel, r)| (rel.clone(), *r)));
        if !self.out.exists() {
            std::fs::rename(&self.staging, &self.out)?;
            records.extend(staged.into_iter().filter_map(|(rel, hash)| Some((rel.clone(), Record { stamp: FileStamp::of(&self.out.join(&rel))?, hash }))));
            return Ok((summary, records));
        }
        for (rel, hash) in staged {
            let to = real_folders(&self.out, &rel)?;
            if std::fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir()) {
                std::fs::remove_dir_all(&to)?;
            }
            // rename replaces a link at `to` itself, never what it points to.
            std::fs::rename(self.staging.join(&rel), &to)?;
            if let Some(stamp) = FileStamp::of(&to) {
                records.insert(rel, Record { stamp, hash });
            }
        }
        summary.removed = remove_stale(&self.out, &written, &self.skipped)?;
        std::fs::remove_dir_all(&self.staging)?;
        // The names of every file, the last build's records and the folders made (tens of
        // thousands of strings on a large site) are freed on a thread of their own: the state
        // file is written meanwhile.
        let names = self.names.get_mut().map(std::mem::take).unwrap_or_default();
        let made = self.made.get_mut().map(std::mem::take).unwrap_or_default();
        let leftovers = (written, std::mem::take(&mut self.last), names, made);
        let _ = std::thread::Builder::new().name("kyklos-free".into()).spawn(move || drop(leftovers));
        Ok((summary, records))
    }

    /// Throws the staged files away; the previous output is untouched.
    pub fn abort(mut self) {
        self.committed = true;
        if !self.dry_run {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed && !self.dry_run {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// `out/rel`, after making sure every folder between `out` and it is a real folder: a symbolic
/// link (or a file) in the way is removed and replaced by a folder, so a write never goes
/// through a link into some other place.
fn real_folders(out: &Path, rel: &str) -> io::Result<PathBuf> {
    let mut at = out.to_path_buf();
    let segments: Vec<&str> = rel.split('/').collect();
    for seg in &segments[..segments.len() - 1] {
        at.push(seg);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.is_dir() => continue,
            Ok(_) => std::fs::remove_file(&at)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        std::fs::create_dir(&at)?;
    }
    at.push(segments[segments.len() - 1]);
    Ok(at)
}

/// The longest file or folder name common file systems accept, in bytes.
pub const MAX_NAME_BYTES: usize = 255;

/// [`Output::claim`] with its locks held.
fn claim_in(names: &mut Names, written: &mut BTreeSet<String>, rel: &str) -> io::Result<()> {
    // One pass over the path's parts (a byte search per part, not a character search).
    let (mut outside, mut long) = (false, None);
    for part in rel.as_bytes().split(|&b| b == b'/') {
        outside |= part == b".." || part.is_empty();
        if part.len() > MAX_NAME_BYTES && long.is_none() {
            long = Some(String::from_utf8_lossy(part));
        }
    }
    if outside {
        return Err(io::Error::other(format!("refusing to write outside the output: {rel}")));
    }
    if let Some(long) = long {
        return Err(io::Error::other(format!(
            "the output name `{long}` is {} bytes long; file systems allow {MAX_NAME_BYTES}: shorten the file or folder name",
            long.len()
        )));
    }
    names.claim(rel).map_err(io::Error::other)?;
    if !written.insert(rel.to_string()) {
        return Err(io::Error::other(format!("two files of the site would be written to {rel}")));
    }
    Ok(())
}

/// Every output path claimed so far, folded to lower case: two paths that differ only in case,
/// or a file where another path needs a folder, would clash on some file system.
#[derive(Default)]
struct Names {
    files: rustc_hash::FxHashMap<String, String>,
    folders: rustc_hash::FxHashMap<String, String>,
}

impl Names {
    fn with_capacity(files: usize) -> Names {
        Names { files: rustc_hash::FxHashMap::with_capacity_and_hasher(files, Default::default()), folders: Default::default() }
    }

    fn claim(&mut self, rel: &str) -> Result<(), String> {
        let folded = fold(rel);
        if let Some(other) = self.files.get(&folded) {
            if other != rel && crate::model::url::nfc(other) == crate::model::url::nfc(rel) {
                return Err(format!(
                    "`{rel}` and `{other}` are the same name written two ways in Unicode (an accented letter as one character, or as a letter and a combining accent); they would be the same file on macOS: rename one"
                ));
            }
            if other != rel {
                return Err(format!(
                    "`{rel}` and `{other}` differ only in capital letters; they would be the same file on Windows, macOS and USB sticks: rename one"
                ));
            }
            return Ok(()); // the same path twice is reported by the caller
        }
        if let Some(other) = self.folders.get(&folded) {
            return Err(format!("`{rel}` would be a file where `{other}` must be a folder: rename one of them"));
        }
        // Each folder the path needs, folded: for an ASCII path (the usual case), the folded
        // path's own prefixes (lower-casing keeps every byte in its place).
        for end in memchr::memchr_iter(b'/', rel.as_bytes()) {
            let prefix = &rel[..end];
            let key: std::borrow::Cow<'_, str> = if rel.is_ascii() { folded[..end].into() } else { fold(prefix).into() };
            if let Some(file) = self.files.get(key.as_ref()) {
                return Err(format!("`{rel}` needs a folder `{prefix}`, but `{file}` is a file of the site: rename one of them"));
            }
            if !self.folders.contains_key(key.as_ref()) {
                self.folders.insert(key.into_owned(), prefix.to_string());
            }
        }
        self.files.insert(folded, rel.to_string());
        Ok(())
    }
}

/// A path as a file system that ignores case and Unicode normalisation sees it.
fn fold(rel: &str) -> String {
    if rel.is_ascii() {
        return rel.to_ascii_lowercase();
    }
    crate::model::url::nfc(rel).to_lowercase()
}

/// Removes files under `out` that are not in `keep`, then empty folders. Returns files removed.
/// Whether `rel` is a file of one of the `skipped` languages: `<code>/…` or `search/<code>/…`.
fn skipped_path(skipped: &BTreeSet<String>, rel: &str) -> bool {
    let mut segments = rel.split('/');
    match segments.next() {
        Some("search") => segments.next().is_some_and(|code| rel.len() > code.len() + 8 && skipped.contains(code)),
        Some(first) => rel.len() > first.len() && skipped.contains(first),
        None => false,
    }
}

fn remove_stale(out: &Path, keep: &BTreeSet<String>, skipped: &BTreeSet<String>) -> io::Result<usize> {
    let keep: rustc_hash::FxHashSet<&str> = keep.iter().map(String::as_str).collect();
    let removed = AtomicUsize::new(0);
    stale_below(out, "", &keep, skipped, &removed)?;
    Ok(removed.into_inner())
}

/// [`remove_stale`] below `dir`, whose path from the output's root is `rel` ("" or ending in
/// `/`): its files, then its folders on every thread, each removed if it is left empty. A
/// symbolic link is removed like a file, never followed.
fn stale_below(dir: &Path, rel: &str, keep: &rustc_hash::FxHashSet<&str>, skipped: &BTreeSet<String>, removed: &AtomicUsize) -> io::Result<()> {
    use rayon::prelude::*;
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = format!("{rel}{}", entry.file_name().to_string_lossy());
        if entry.file_type()?.is_dir() {
            folders.push((entry.path(), path + "/"));
        } else if !keep.contains(path.as_str()) && !skipped_path(skipped, &path) {
            std::fs::remove_file(entry.path())?;
            removed.fetch_add(1, Ordering::Relaxed);
        }
    }
    folders.par_iter().try_for_each(|(folder, rel)| {
        stale_below(folder, rel, keep, skipped, removed)?;
        let _ = std::fs::remove_dir(folder); // fails (and is kept) when not empty
        Ok(())
    })
}

#[cfg(test)]
mod tests;
