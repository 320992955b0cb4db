//! Watching the site's sources: which paths matter, and one rebuild per burst of changes.
//!
//! `notify` reports file-system events (inotify, FSEvents, ReadDirectoryChangesW); a change
//! counts once the site has been quiet for [`QUIET`], so a burst (an editor's save, a folder
//! renamed or deleted, a `git checkout`) gives one rebuild. Reads (the build's own) and
//! editors' swap and backup files never count; changes that arrive while a build runs become
//! one more build, not one per event.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long the site must be quiet before a change counts (editors write in bursts of a few ms).
pub const QUIET: Duration = Duration::from_millis(30);
/// A stream of changes that never pauses still rebuilds this often.
const MAX_WAIT: Duration = Duration::from_millis(1000);

/// The folders a build reads, watched recursively when they exist.
const SOURCES: [&str; 3] = ["content", "i18n", "themes"];

/// Editors' and systems' temporary files: vim's `.swp`/`.swx`/`4913`/`x~`, Emacs' `.#x` and
/// `#x#`, Office's `~$x`, GNOME's `.goutputstream-*`, downloads in progress, OS junk.
pub fn is_temporary(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name == "4913"
        || (name.starts_with('.') && name != crate::translations::STAMP_FILE)
        || name.ends_with('~')
        || name.starts_with("~$")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload", ".kate-swp"].iter().any(|e| lower.ends_with(e))
        || matches!(name, "Thumbs.db" | "desktop.ini")
}

/// The plain parts of a relative path (`./assets/logo.svg` → `assets`, `logo.svg`).
fn parts(rel: &Path) -> Vec<&str> {
    rel.components().filter_map(|c| if let Component::Normal(s) = c { s.to_str() } else { None }).collect()
}

/// Whether a change at `path` can change the site: site.yaml, a file site.yaml names (`named`:
/// the logo, the badges' images, relative to the site folder), or a file (or folder) under
/// content/, i18n/ or themes/ that is not an editor's temporary file.
pub fn is_relevant(root: &Path, path: &Path, named: &[PathBuf]) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let parts = parts(rel);
    if named.iter().any(|n| self::parts(n) == parts) {
        return true;
    }
    match parts.as_slice() {
        ["site.yaml"] => true,
        [top, rest @ ..] if SOURCES.contains(top) => rest.iter().all(|p| !is_temporary(p)),
        _ => false,
    }
}

/// A running watcher; it stops when dropped.
pub struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    root: PathBuf,
    watched: Vec<PathBuf>,
    /// The folders of files site.yaml names outside the source folders, each watched on its own.
    watched_named: Vec<PathBuf>,
    /// Events may have been lost (the watcher failed, or the system asked for a rescan): the
    /// changed paths of the last burst may not be all.
    pub missed: bool,
}

impl Watcher {
    /// Starts watching the site's sources and the files site.yaml names now (`named`, see
    /// [`is_relevant`]), before the first build reads them.
    pub fn start(root: &Path, named: &[PathBuf]) -> notify::Result<Watcher> {
        let (tx, events) = std::sync::mpsc::channel();
        let watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })?;
        let mut w = Watcher { watcher, events, root: root.to_path_buf(), watched: Vec::new(), watched_named: Vec::new(), missed: false };
        w.watcher.watch(root, RecursiveMode::NonRecursive)?;
        w.watch_sources();
        w.watch_named(named);
        Ok(w)
    }

    /// Watches the source folders that exist and are not watched yet (a folder made after
    /// start, e.g. i18n/, is picked up on the next change at the top of the site).
    fn watch_sources(&mut self) {
        for dir in SOURCES.map(|d| self.root.join(d)) {
            if dir.is_dir() && !self.watched.contains(&dir) && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok() {
                self.watched.push(dir);
            }
        }
        self.watched.retain(|d| d.is_dir());
    }

    /// Watches the folder of each file site.yaml names (`assets/` of `assets/logo.svg`), unless
    /// it is the site folder or inside a source folder, which are watched already.
    fn watch_named(&mut self, named: &[PathBuf]) {
        for file in named {
            let rel = parts(file);
            if rel.len() < 2 || SOURCES.contains(&rel[0]) {
                continue;
            }
            let dir = rel[..rel.len() - 1].iter().fold(self.root.clone(), |d, p| d.join(p));
            if dir.is_dir() && !self.watched_named.contains(&dir) && self.watcher.watch(&dir, RecursiveMode::NonRecursive).is_ok() {
                self.watched_named.push(dir);
            }
        }
    }

    /// Waits for the next change that matters, then until the site has been quiet for
    /// [`QUIET`]: a burst gives one rebuild. `named`: the files site.yaml names now (see
    /// [`is_relevant`]). `None` when the watcher stopped.
    pub fn next_change(&mut self, named: &[PathBuf]) -> Option<Vec<PathBuf>> {
        self.watch_named(named);
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut first: Option<Instant> = None;
        let mut last = Instant::now();
        loop {
            let event = match first {
                None => self.events.recv().ok()?,
                Some(start) => {
                    let wait = QUIET.saturating_sub(last.elapsed());
                    if wait.is_zero() || start.elapsed() > MAX_WAIT {
                        break;
                    }
                    match self.events.recv_timeout(wait) {
                        Ok(e) => e,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return None,
                    }
                }
            };
            let event = match event {
                Ok(e) => e,
                Err(e) => {
                    eprintln!("warning: watching the site: {e}");
                    self.missed = true;
                    continue;
                }
            };
            self.missed |= event.need_rescan();
            if matches!(event.kind, EventKind::Access(_)) {
                continue; // the build reading the files
            }
            if event.paths.iter().any(|p| p.parent() == Some(self.root.as_path())) {
                self.watch_sources();
            }
            let before = paths.len();
            paths.extend(event.paths.into_iter().filter(|p| is_relevant(&self.root, p, named)));
            if paths.len() > before {
                last = Instant::now();
                first.get_or_insert(last);
            }
        }
        paths.sort();
        paths.dedup();
        Some(paths)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_do_not_count() {
        let root = Path::new("/site");
        let yes = ["/site/site.yaml", "/site/content/en/01-a.md", "/site/content/en/02-mod", "/site/themes/t/templates/page.html", "/site/i18n/el.yaml"];
        for p in yes {
            assert!(is_relevant(root, Path::new(p), &[]), "{p}");
        }
        assert!(is_relevant(root, Path::new("/site/content/el/.kyklos-translations.yaml"), &[]));
        let named = [PathBuf::from("assets/logo.svg"), PathBuf::from("./art/b2.svg")];
        assert!(is_relevant(root, Path::new("/site/assets/logo.svg"), &named));
        assert!(is_relevant(root, Path::new("/site/art/b2.svg"), &named));
        assert!(!is_relevant(root, Path::new("/site/assets/other.svg"), &named));
        let no = [
            "/site/content/en/.01-a.md.swp",
            "/site/content/en/.01-a.md.swx",
            "/site/content/en/4913",
            "/site/content/en/01-a.md~",
            "/site/content/en/.#01-a.md",
            "/site/content/en/#01-a.md#",
            "/site/content/en/~$lesson.docx",
            "/site/content/en/.goutputstream-XYZ12",
            "/site/content/en/.git/index",
            "/site/dist/en/index.html",
            "/site/README.md",
            "/site/.site.yaml.swp",
            "/elsewhere/content/en/a.md",
        ];
        for p in no {
            assert!(!is_relevant(root, Path::new(p), &[]), "{p}");
        }
    }
}
