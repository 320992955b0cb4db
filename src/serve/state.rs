//! The preview's state: the last good in-memory build, the current error (if any), and the
//! status that open pages follow. Rebuilds replace the files only when they succeed.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Instant, SystemTime};

use serde::Serialize;
use tokio::sync::watch;

use crate::diagnostics::{count, Diagnostics};
use crate::incremental::Cache;
use crate::output::{Files, Stored};
use crate::pipeline::{self, Options};

/// What open pages are told (as a server-sent event): a new build and what changed in it, or
/// the errors of a failed one.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    /// Counts successful builds that changed something.
    pub build: u64,
    /// Output paths changed by the last build (pages reload when theirs is one, or when any
    /// file that is not a page changed).
    pub changed: Vec<String>,
    /// The errors of the last build, when it failed (the last good build is still served).
    pub errors: Vec<Problem>,
}

/// One problem as the overlay shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// `path:line:col`
    pub place: String,
    pub message: String,
    pub hint: Option<String>,
}

/// A longer list of changed files is sent as `["*"]` (every page reloads).
const MAX_CHANGED: usize = 500;

/// At most this many problems are sent to the page (the terminal has them all).
const MAX_PROBLEMS: usize = 50;

pub struct State {
    pub root: PathBuf,
    /// Build SCORM packages with every build (`--packages`); otherwise only on request.
    pub always_package: bool,
    /// Print each rebuild's step timings (`serve -v`).
    pub verbose: bool,
    files: RwLock<Arc<Files>>,
    /// Whether `files` holds the packages.
    packaged: RwLock<bool>,
    /// When the last build began: a copied media file changed if it is newer.
    built_at: Mutex<SystemTime>,
    /// One build at a time (the watcher's and a request for the Downloads page), with the
    /// pages of the last one, which the next reuses where nothing they show has changed.
    building: Mutex<Cache>,
    /// Counts rebuilds: a search index built in the background for an older one is dropped.
    generation: AtomicU64,
    pub status: watch::Sender<Status>,
}

impl State {
    pub fn new(root: &Path, always_package: bool, verbose: bool) -> Arc<State> {
        Arc::new(State {
            root: root.to_path_buf(),
            always_package,
            verbose,
            files: RwLock::new(Arc::new(Files::new())),
            packaged: RwLock::new(false),
            built_at: Mutex::new(SystemTime::UNIX_EPOCH),
            building: Mutex::new(Cache::default()),
            generation: AtomicU64::new(0),
            status: watch::channel(Status::default()).0,
        })
    }

    pub fn files(&self) -> Arc<Files> {
        self.files.read().map(|f| f.clone()).unwrap_or_default()
    }

    pub fn packaged(&self) -> bool {
        self.packaged.read().map(|p| *p).unwrap_or(false)
    }

    /// Rebuilds the site. Errors are printed as `check` prints them and sent to open pages;
    /// the last good build stays up. `quiet`: a build for a request (the Downloads page) that
    /// changes no page, so open pages are not told. `changed`: the files that changed since
    /// the last rebuild, if the watcher knows them all (a quicker load when they are only
    /// pages' words, [`crate::incremental::quick`]).
    pub fn rebuild(self: &Arc<Self>, packages: bool, quiet: bool, changed: Option<&[PathBuf]>) {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let Ok(mut cache) = self.building.lock() else { return };
        cache.hint = changed.and_then(|c| crate::incremental::quick::hint(&self.root, c));
        let started = Instant::now();
        let began = SystemTime::now();
        let packages = packages || self.always_package;
        let opts = Options { defer_search: true, ..Options::memory(&self.root, packages) };
        match pipeline::run_with(&opts, Some(&mut cache)) {
            Ok(mut report) => {
                let pending = std::mem::take(&mut report.pending_search);
                for d in report.diagnostics.sorted() {
                    eprintln!("{d}");
                }
                let since = self.built_at.lock().map(|t| *t).unwrap_or(SystemTime::UNIX_EPOCH);
                let old = self.files();
                let compared = Instant::now();
                let changed = changes(&old, &report.files, since);
                if self.verbose {
                    let mut steps: Vec<String> = report.timings.iter().map(|(step, took)| format!("{step} {:.1}", took.as_secs_f64() * 1000.0)).collect();
                    steps.push(format!("compare {:.1}", compared.elapsed().as_secs_f64() * 1000.0));
                    eprintln!("  steps (ms): {}", steps.join(", "));
                }
                let files = Arc::new(std::mem::take(&mut report.files));
                if let Ok(mut f) = self.files.write() {
                    *f = files;
                }
                if let Ok(mut p) = self.packaged.write() {
                    *p = packages;
                }
                if let Ok(mut t) = self.built_at.lock() {
                    *t = began;
                }
                let ms = started.elapsed().as_millis();
                if old.is_empty() {
                    eprintln!("Built {} in {ms} ms.", count(report.pages, "page"));
                } else {
                    self.notify(report.pages, changed, quiet, ms);
                }
                if !pending.is_empty() {
                    let jobs = crate::indexing::gather(pending, &cache);
                    drop(cache);
                    let state = Arc::clone(self);
                    std::thread::spawn(move || state.finish_search(jobs, generation));
                }
            }
            Err(diags) => {
                let problems = problems(&diags);
                let errors = diags.error_count();
                for d in diags.sorted() {
                    eprintln!("{d}");
                }
                eprintln!(
                    "The build failed ({}); still serving the last good build. The open pages show the errors until the next good save.",
                    count(errors, "error")
                );
                self.status.send_modify(|s| {
                    s.changed.clear();
                    s.errors = problems;
                });
            }
        }
    }
}

impl State {
    /// Tells open pages about a good build (unless nothing they show changed).
    fn notify(&self, pages: usize, changed: Vec<String>, quiet: bool, ms: u128) {
        let was_broken = !self.status.borrow().errors.is_empty();
        if quiet && !was_broken {
            eprintln!("Built the SCORM packages in {ms} ms.");
            return;
        }
        if changed.is_empty() && !was_broken {
            return;
        }
        eprintln!("Rebuilt {} in {ms} ms: {} changed.", count(pages, "page"), count(changed.len(), "file"));
        self.status.send_modify(|s| {
            s.build += 1;
            s.changed = if changed.len() > MAX_CHANGED { vec!["*".into()] } else { changed };
            s.errors.clear();
        });
    }

    /// Builds the search indexes a rebuild left for later and serves them, in the background:
    /// the next rebuild need not wait for them. Open pages are not told: no page changed, and
    /// a search made meanwhile used the last index. A newer rebuild makes this one's useless,
    /// so it stops (the newer one builds its own).
    fn finish_search(&self, jobs: Vec<crate::indexing::Job>, generation: u64) {
        let started = Instant::now();
        let current = || self.generation.load(Ordering::SeqCst) == generation;
        let Some(built) = crate::indexing::build(jobs, &|| !current()) else { return };
        let Ok(mut cache) = self.building.lock() else { return };
        if !current() {
            return;
        }
        let mut files = (*self.files()).clone();
        crate::indexing::install(built, &mut cache, &mut files);
        if let Ok(mut f) = self.files.write() {
            *f = Arc::new(files);
        }
        if self.verbose {
            eprintln!("  search index rebuilt in {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
        }
    }
}

/// The errors of a failed build, as the overlay shows them.
pub fn problems(diags: &Diagnostics) -> Vec<Problem> {
    diags
        .clone()
        .sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .take(MAX_PROBLEMS)
        .map(|d| {
            let mut place = d.path.display().to_string();
            if d.line > 0 {
                place.push_str(&format!(":{}:{}", d.line, d.col.max(1)));
            }
            Problem { place, message: d.message.clone(), hint: d.hint.clone() }
        })
        .collect()
}

/// Output paths that differ between two builds: added, removed, or with other bytes (a copied
/// media file counts as changed when its source was modified since the last build began).
pub fn changes(old: &Files, new: &Files, since: SystemTime) -> Vec<String> {
    let mut changed: Vec<String> = old.keys().filter(|k| !new.contains_key(*k)).cloned().collect();
    for (path, file) in new {
        let same = match (old.get(path), file) {
            (Some(Stored::File(a)), Stored::File(b)) => a == b && std::fs::metadata(b).and_then(|m| m.modified()).is_ok_and(|t| t < since),
            // A file the rebuild kept is the same bytes, shared: no need to compare them.
            (Some(Stored::Bytes(a)), Stored::Bytes(b)) => Arc::ptr_eq(a, b) || a == b,
            (Some(a), b) => a == b,
            (None, _) => false,
        };
        if !same {
            changed.push(path.clone());
        }
    }
    changed.sort();
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn changes_are_added_removed_and_different_files() {
        let bytes = |s: &str| Stored::Bytes(s.as_bytes().into());
        let old: Files = [("a.html", bytes("1")), ("b.html", bytes("2")), ("c.css", bytes("3"))].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let new: Files = [("a.html", bytes("1")), ("c.css", bytes("4")), ("d.html", bytes("5"))].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(changes(&old, &new, SystemTime::now()), ["b.html", "c.css", "d.html"]);
        assert!(changes(&new, &new, SystemTime::now()).is_empty());
    }

    #[test]
    fn problems_name_the_place_and_keep_the_hint() {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::error("content/en/a.md", 3, 0, "broken").with_hint("fix it"));
        d.push(Diagnostic::warning("content/en/b.md", 1, 1, "only a warning"));
        d.push(Diagnostic::error("site.yaml", 0, 0, "no title"));
        let p = problems(&d);
        assert_eq!(p.len(), 2);
        assert!(p.iter().any(|p| p.place == "content/en/a.md:3:1" && p.hint.as_deref() == Some("fix it")));
        assert!(p.iter().any(|p| p.place == "site.yaml"));
    }
}
