//! The one way kyklos walks a folder of the site (a language's content, a theme, the sources of
//! the source bundle): sorted by name, dot files and junk left out, and symbolic links followed
//! only while they stay inside the site folder.
//!
//! A link whose target (after every link on the way is resolved) lies inside the site folder
//! works like the file or folder it points to: authors link a shared image into several
//! modules. A link that leads out of the site, a link to nothing and a loop of links are
//! errors naming the link and its target. A walk visits at most [`MAX_ENTRIES`] files and
//! folders, so links that multiply a folder (two links to one folder in every folder) cannot
//! make a walk without end.

use std::cell::RefCell;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{display_path, Diagnostic};
use crate::files::{self, FileProblem};

/// Files and folders one walk visits at most (a link to a folder counts its files every time
/// it is followed). The 10,000-lesson benchmark site has about 12,000.
pub const MAX_ENTRIES: usize = 200_000;

/// What the walk found at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    File,
    Folder,
    /// A named pipe, socket or device (never opened).
    Special(FileProblem),
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// Where the walk found it (through links): the path the site's addresses come from.
    pub path: PathBuf,
    /// The file to read: `path`, or for a symbolic link the file it points to (inside the
    /// site, spelt from `root`; its last part is not a link, so it opens without following).
    pub source: PathBuf,
    pub kind: Kind,
    pub size: u64,
    /// A file's metadata, of `source` (the file a link leads to), as the walk read it. Boxed:
    /// a `Metadata` is 176 bytes, two thirds of an entry, and most entries have none (a page's
    /// file is read whole, which gives it), so the walk's list of some 12,000 entries on the
    /// benchmark is a third of the memory it was.
    pub meta: Option<Box<Metadata>>,
}

/// Walks `dir` (below `root`): every file and folder below it in name order (not `dir`
/// itself), and the problems met on the way (links leading out, dangling links, loops, too
/// many entries), which are errors. `keep(name)` decides whether a file or folder is looked
/// at at all (junk, dot files).
pub fn walk(root: &Path, dir: &Path, keep: impl Fn(&str) -> bool) -> (Vec<Entry>, Vec<Diagnostic>) {
    walk_with(root, dir, keep, |_| true)
}

/// [`walk`], reading the metadata only of the files for which `needs_metadata(path)` holds
/// (the others have `size` 0 and no `meta`): a file the caller reads whole anyway gets both
/// from the read ([`files::read_listed`]), one `statx` fewer.
pub fn walk_with(root: &Path, dir: &Path, keep: impl Fn(&str) -> bool, needs_metadata: impl Fn(&Path) -> bool + Sync) -> (Vec<Entry>, Vec<Diagnostic>) {
    walk_at_most(root, dir, keep, needs_metadata, MAX_ENTRIES)
}

fn walk_at_most(
    root: &Path,
    dir: &Path,
    keep: impl Fn(&str) -> bool,
    needs_metadata: impl Fn(&Path) -> bool + Sync,
    max: usize,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    let Ok(canonical_root) = std::fs::canonicalize(root) else { return (Vec::new(), Vec::new()) };
    let problems = RefCell::new(Vec::new());
    let mut found = Vec::new();
    let walker = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        if !keep(&e.file_name().to_string_lossy()) {
            return false;
        }
        // A link is followed only if it stays inside the site (a folder link is not entered).
        !e.path_is_symlink() || link_problem(root, e.path()).map(|d| problems.borrow_mut().push(d)).is_none()
    });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let d = match (e.loop_ancestor(), std::fs::symlink_metadata(&path)) {
                    (Some(ancestor), _) => link_diagnostic(
                        root,
                        &path,
                        format!(
                            "this symbolic link leads back into `{}`, a folder that contains it (a loop): not followed",
                            display_path(root, ancestor).display()
                        ),
                        "remove the link, or point it at a folder that does not contain it",
                    ),
                    (None, Ok(m)) if m.file_type().is_symlink() => {
                        link_problem(root, &path).unwrap_or_else(|| Diagnostic::error(display_path(root, &path), 0, 0, format!("cannot read: {e}")))
                    }
                    _ => Diagnostic::error(display_path(root, &path), 0, 0, format!("cannot read: {e}")),
                };
                problems.borrow_mut().push(d);
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        if found.len() >= max {
            problems.borrow_mut().push(
                Diagnostic::error(display_path(root, dir), 0, 0, format!("this folder holds more than {max} files and folders"))
                    .with_hint("split the site; a symbolic link to a folder counts that folder's files every time it is followed"),
            );
            break;
        }
        let path = entry.path().to_path_buf();
        let source = if entry.path_is_symlink() {
            match std::fs::canonicalize(&path).ok().and_then(|c| c.strip_prefix(&canonical_root).ok().map(|rel| root.join(rel))) {
                Some(inside) => inside,
                None => continue, // reported by the filter
            }
        } else {
            path.clone()
        };
        let ft = entry.file_type();
        let kind = if ft.is_dir() {
            Kind::Folder
        } else if ft.is_file() {
            Kind::File
        } else {
            match files::probe(&source) {
                Err(p) => Kind::Special(p),
                Ok(_) => Kind::File,
            }
        };
        found.push((Entry { path, source, kind, size: 0, meta: None }, entry.path_is_symlink()));
    }
    (with_metadata(found, needs_metadata), problems.into_inner())
}

/// The entries with their files' metadata, read on every thread (a `statx` per file: the walk
/// itself only reads folders). A followed link's metadata is its target's, as `source`'s is.
fn with_metadata(found: Vec<(Entry, bool)>, needs_metadata: impl Fn(&Path) -> bool + Sync) -> Vec<Entry> {
    use rayon::prelude::*;
    found
        .into_par_iter()
        .with_min_len(64)
        .map(|(mut entry, link)| {
            if entry.kind == Kind::File && needs_metadata(&entry.path) {
                entry.meta = if link { std::fs::metadata(&entry.path) } else { std::fs::symlink_metadata(&entry.path) }.ok().map(Box::new);
                entry.size = entry.meta.as_deref().map_or(0, Metadata::len);
            }
            entry
        })
        .collect()
}

/// Why the symbolic link at `path` cannot be followed, if it cannot.
fn link_problem(root: &Path, path: &Path) -> Option<Diagnostic> {
    match files::resolve_inside(root, path) {
        Ok(_) => None,
        Err(FileProblem::Outside) => {
            Some(link_diagnostic(root, path, format!("this symbolic link points to `{}`, outside the site folder", target_of(path)), OUTSIDE))
        }
        Err(FileProblem::Missing) => {
            Some(link_diagnostic(root, path, format!("this symbolic link points to `{}`, which does not exist", target_of(path)), BROKEN))
        }
        Err(p) => {
            Some(link_diagnostic(root, path, format!("this symbolic link points to `{}`, which cannot be read: {}", target_of(path), p.message()), BROKEN))
        }
    }
}

fn link_diagnostic(root: &Path, path: &Path, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(display_path(root, path), 0, 0, message).with_hint(hint)
}

const OUTSIDE: &str = "kyklos publishes only files inside the site folder: copy the file into the site, or make the link point to a file inside it";
const BROKEN: &str = "fix the link (its target is relative to the folder the link is in) or remove it";

/// The target of a link as written (control characters escaped).
fn target_of(path: &Path) -> String {
    std::fs::read_link(path).map(|t| crate::diagnostics::escape_controls(&t.to_string_lossy(), false).into_owned()).unwrap_or_default()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(root: &Path, entries: &[Entry]) -> Vec<String> {
        entries.iter().map(|e| format!("{} <- {}", display_path(root, &e.path).display(), display_path(root, &e.source).display())).collect()
    }

    #[test]
    fn links_inside_the_site_work_like_their_targets_and_others_are_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let dir = root.join("content");
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::create_dir_all(root.join("shared")).unwrap();
        std::fs::write(root.join("shared/photo.png"), "png").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "s").unwrap();
        symlink("../../shared/photo.png", dir.join("a/photo.png")).unwrap();
        symlink("../shared", dir.join("img")).unwrap();
        symlink(tmp.path().join("secret.txt"), dir.join("a/secret.txt")).unwrap();
        symlink(tmp.path(), dir.join("out")).unwrap();
        symlink("nothing.md", dir.join("a/dangling.md")).unwrap();
        symlink("..", dir.join("a/up")).unwrap();
        let (entries, problems) = walk(&root, &dir, |_| true);
        assert_eq!(
            names(&root, &entries),
            ["content/a <- content/a", "content/a/photo.png <- shared/photo.png", "content/img <- shared", "content/img/photo.png <- content/img/photo.png"]
        );
        assert_eq!(entries[1].kind, Kind::File);
        assert_eq!(entries[1].size, 3);
        let shown: Vec<String> = problems.iter().map(|d| format!("{}: {}", d.path.display(), d.message)).collect();
        assert_eq!(
            shown,
            [
                "content/a/dangling.md: this symbolic link points to `nothing.md`, which does not exist".to_string(),
                format!("content/a/secret.txt: this symbolic link points to `{}`, outside the site folder", tmp.path().join("secret.txt").display()),
                "content/a/up: this symbolic link leads back into `content`, a folder that contains it (a loop): not followed".to_string(),
                format!("content/out: this symbolic link points to `{}`, outside the site folder", tmp.path().display()),
            ]
        );
    }

    #[test]
    fn the_metadata_is_read_only_of_the_files_that_need_it() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("a.md"), "page").unwrap();
        std::fs::write(root.join("b.png"), "image").unwrap();
        symlink("b.png", root.join("c.png")).unwrap();
        let (entries, problems) = walk_with(root, root, |_| true, |path| path.extension().is_some_and(|e| e == "png"));
        assert!(problems.is_empty(), "{problems:?}");
        let found: Vec<(&str, u64, bool)> = entries.iter().map(|e| (e.path.file_name().unwrap().to_str().unwrap(), e.size, e.meta.is_some())).collect();
        assert_eq!(found, [("a.md", 0, false), ("b.png", 5, true), ("c.png", 5, true)]);
    }

    #[test]
    fn links_that_multiply_a_folder_stop_at_the_limit() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        // Every level links twice to the next: 2^40 paths without a loop.
        for level in 0..40 {
            let d = root.join(format!("l{level}"));
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join("f.md"), "x").unwrap();
            for n in ["a", "b"] {
                symlink(format!("../l{}", level + 1), d.join(n)).unwrap();
            }
        }
        std::fs::create_dir_all(root.join("l40")).unwrap();
        let (entries, problems) = walk_at_most(root, &root.join("l0"), |_| true, |_| true, 1000);
        assert_eq!(entries.len(), 1000);
        assert!(problems.iter().any(|d| d.message.contains("more than 1000 files and folders")), "{problems:?}");
    }
}
