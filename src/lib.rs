//! kyklos: a static site generator for open educational resources.
//!
//! The pipeline (see [`pipeline`]) reads a site folder (`site.yaml`, `content/<lang>/`,
//! `i18n/`, `themes/`) and writes a static site: load → validate → markdown → render → write.

// The pipeline gives freed memory back through mimalloc's own call (`mi_collect`, Linux):
// linked into every binary of the library, tests included, not only into `kyklos`.
#[cfg(target_os = "linux")]
extern crate libmimalloc_sys as _;

pub mod assets;
pub mod cli;
pub mod diagnostics;
pub mod documents;
pub mod escape;
pub mod export;
pub mod files;
pub mod fuzzing;
pub mod i18n;
pub mod incremental;
pub mod indexing;
pub mod links;
pub mod load;
pub mod markdown;
pub mod media;
pub mod model;
pub mod new;
pub mod numbers;
pub mod output;
pub mod package;
pub mod pages;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod rights;
pub mod scorm;
pub mod search;
pub mod serve;
pub mod site_pages;
pub mod steps;
pub mod svg;
pub mod tag_labels;
pub mod translate;
pub mod translations;
pub mod xml;
pub mod yaml;
