//! Output: the ONLY writer. Builds beside the old output and swaps file by file.
//!
//! Every file of a build goes through [`Output::write`]. A file whose bytes equal what is
//! already in `dist/` is left alone; any other is written to a staging folder beside `dist/`.
//! Only when the whole build has succeeded does [`Output::commit`] move the staged files into
//! place and remove files the build no longer produces; [`Output::abort`] (or a drop without
//! commit) removes the staging folder, so a failed build leaves the previous `dist/` intact.
//! An output folder that kyklos did not create is never overwritten.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Marks a folder as kyklos output, so rebuilding may replace its files.
pub const MARKER: &str = ".kyklos-output";
const MARKER_TEXT: &str = "This folder is built by kyklos; rebuilding replaces everything in it.\n";

pub struct Output {
    out: PathBuf,
    staging: PathBuf,
    /// `None` when checking: render everything, write nothing.
    dry_run: bool,
    written: Mutex<BTreeSet<String>>,
    staged: Mutex<Vec<String>>,
    committed: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub changed: usize,
    pub removed: usize,
}

impl Output {
    /// Prepares a build into `out`; refuses a non-empty folder that kyklos did not make.
    pub fn begin(out: &Path) -> io::Result<Output> {
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
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        let output =
            Output { out: out.to_path_buf(), staging, dry_run: false, written: Mutex::new(BTreeSet::new()), staged: Mutex::new(Vec::new()), committed: false };
        output.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(output)
    }

    /// An output that records paths but writes nothing (for `check`).
    pub fn dry_run() -> Output {
        Output {
            out: PathBuf::new(),
            staging: PathBuf::new(),
            dry_run: true,
            written: Mutex::new(BTreeSet::new()),
            staged: Mutex::new(Vec::new()),
            committed: true,
        }
    }

    /// Writes one file (`rel` uses forward slashes, relative to the output root). Thread-safe.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if rel.split('/').any(|s| s == ".." || s.is_empty()) {
            return Err(io::Error::other(format!("refusing to write outside the output: {rel}")));
        }
        let fresh = self.written.lock().map_err(|_| io::Error::other("poisoned"))?.insert(rel.to_string());
        if !fresh {
            return Err(io::Error::other(format!("two files of the site would be written to {rel}")));
        }
        if self.dry_run {
            return Ok(());
        }
        let existing = self.out.join(rel);
        if let Ok(meta) = std::fs::metadata(&existing) {
            if meta.len() == bytes.len() as u64 && std::fs::read(&existing).is_ok_and(|old| old == bytes) {
                return Ok(());
            }
        }
        let target = self.staging.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, bytes)?;
        self.staged.lock().map_err(|_| io::Error::other("poisoned"))?.push(rel.to_string());
        Ok(())
    }

    /// Copies a file from disk (assets), with the same skip-if-unchanged rule.
    pub fn copy(&self, rel: &str, source: &Path) -> io::Result<()> {
        let bytes = std::fs::read(source)?;
        self.write(rel, &bytes)
    }

    /// Moves staged files into place and removes files that are no longer produced.
    pub fn commit(mut self) -> io::Result<Summary> {
        self.committed = true;
        let written = std::mem::take(&mut *self.written.lock().map_err(|_| io::Error::other("poisoned"))?);
        let staged = std::mem::take(&mut *self.staged.lock().map_err(|_| io::Error::other("poisoned"))?);
        let mut summary = Summary { files: written.len(), changed: staged.len(), removed: 0 };
        if self.dry_run {
            return Ok(summary);
        }
        if !self.out.exists() {
            std::fs::rename(&self.staging, &self.out)?;
            return Ok(summary);
        }
        for rel in &staged {
            let to = self.out.join(rel);
            if let Some(parent) = to.parent() {
                if parent.is_file() {
                    std::fs::remove_file(parent)?;
                }
                std::fs::create_dir_all(parent)?;
            }
            if to.is_dir() {
                std::fs::remove_dir_all(&to)?;
            }
            std::fs::rename(self.staging.join(rel), &to)?;
        }
        summary.removed = remove_stale(&self.out, &written)?;
        std::fs::remove_dir_all(&self.staging)?;
        Ok(summary)
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

/// Removes files under `out` that are not in `keep`, then empty folders. Returns files removed.
fn remove_stale(out: &Path, keep: &BTreeSet<String>) -> io::Result<usize> {
    let mut removed = 0;
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(out).map_err(io::Error::other)?.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            dirs.push(entry.path().to_path_buf());
        } else if !keep.contains(&rel) {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    for dir in dirs {
        let _ = std::fs::remove_dir(dir); // fails (and is kept) when not empty
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuild_replaces_changes_removes_stale_and_keeps_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let o = Output::begin(&out).unwrap();
        o.write("a.html", b"one").unwrap();
        o.write("x/b.html", b"two").unwrap();
        assert_eq!(o.commit().unwrap().files, 3);
        let o = Output::begin(&out).unwrap();
        o.write("a.html", b"one").unwrap();
        o.write("c.html", b"three").unwrap();
        let s = o.commit().unwrap();
        assert_eq!((s.changed, s.removed), (1, 1));
        assert!(!out.join("x").exists());
        assert_eq!(std::fs::read(out.join("c.html")).unwrap(), b"three");
    }

    #[test]
    fn abort_leaves_old_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let o = Output::begin(&out).unwrap();
        o.write("a.html", b"old").unwrap();
        o.commit().unwrap();
        let o = Output::begin(&out).unwrap();
        o.write("a.html", b"new").unwrap();
        o.abort();
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_foreign_folders_and_escapes() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("precious.txt"), "x").unwrap();
        assert!(Output::begin(tmp.path()).is_err());
        let o = Output::begin(&tmp.path().join("d")).unwrap();
        assert!(o.write("../x", b"").is_err());
        assert!(o.write("a.html", b"").is_ok());
        assert!(o.write("a.html", b"").is_err());
    }
}
