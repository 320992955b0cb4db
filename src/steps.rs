//! What the pipeline's steps after the pages step share: the site, the theme, the UI strings,
//! the writer, the collected errors and, in a rebuild, the cache ([`Steps::emit`]). Below
//! [`crate::site_pages`] and [`crate::assets`], which both work through it.

use std::hash::Hash;
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::incremental::{self, Cache};
use crate::model::Site;
use crate::output::Output;
use crate::render::theme::Theme;

/// What every step after the pages step works with.
pub struct Steps<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub strings: &'a [Strings],
    pub output: &'a Output,
    /// Every step's errors, collected (the build fails at the end if there are any).
    pub errors: &'a Mutex<Vec<Diagnostic>>,
    /// A rebuild's cache and the key of the site's structure.
    pub cache: Option<(&'a Cache, u64)>,
}

/// Files as a step makes them: (output path, bytes).
type Made = Vec<(String, Vec<u8>)>;

impl Steps<'_> {
    pub fn push(&self, d: Diagnostic) {
        if let Ok(mut e) = self.errors.lock() {
            e.push(d);
        }
    }

    pub fn extend(&self, found: Vec<Diagnostic>) {
        if let Ok(mut e) = self.errors.lock() {
            e.extend(found);
        }
    }

    /// Writes the files that `make` makes. In a rebuild, they are kept under `name` with
    /// `key` (and the site's structure): the next rebuild with the same key writes them again
    /// without making them. `Err` is a message (the caller names the file).
    pub fn emit(&self, name: &str, key: impl Hash, make: impl FnOnce() -> Result<Made, String>) -> Result<(), String> {
        match self.cache {
            Some((cache, structure)) => cache.made(self.output, name, incremental::key_of(&(structure, key)), make)?,
            None => {
                for (path, bytes) in make()? {
                    self.output.write(&path, &bytes).map_err(|e| format!("cannot write {path}: {e}"))?;
                }
            }
        }
        Ok(())
    }

    /// One page at `path`, made by `render` (see [`Steps::emit`]).
    pub fn page(&self, path: &str, key: impl Hash, render: impl FnOnce() -> Result<String, String>) -> Result<(), String> {
        self.emit(path, key, || Ok(vec![(path.to_string(), render()?.into_bytes())]))
    }
}
