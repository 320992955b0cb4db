//! Reading one content file (a page, a caption file or transcript) with the checks every
//! content file gets: size, encoding, front matter; a page's body kept from the read within the
//! site's budget, or read again at render.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{frontmatter, memo, parse_page_at, MAX_PAGE_BYTES, MAX_SIDECAR_BYTES};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::files::{self, decode, sha256_hex};
use crate::model::Page;

/// Caption files and transcripts are read with the page's limits; a caption file must be
/// valid WebVTT (every problem reported with its line and column).
pub(super) fn read_sidecar(root: &Path, path: &Path, rel: &str, lang: &str, diags: &mut Diagnostics) -> Option<std::sync::Arc<crate::media::SidecarText>> {
    let text = read_text(root, path, MAX_SIDECAR_BYTES, diags)?;
    if rel.to_ascii_lowercase().ends_with(".vtt") {
        let shown = display_path(root, path);
        for e in crate::media::vtt::parse(&text).errors {
            diags.push(Diagnostic::error(&shown, e.line, e.col, format!("invalid WebVTT: {}", e.message)).with_hint(e.hint));
        }
    }
    Some(std::sync::Arc::new(crate::media::SidecarText { lang: lang.to_string(), text }))
}

/// Reads one Markdown file: size, encoding, BOM, front matter. Pure after the read.
/// `fingerprint`: compute the text's hash (only sites with translations compare them).
/// `hash_body`: also return the hash of the body ([`memo::body_hash`]; else 0).
/// `bodies`: what may still be kept of the site's bodies (the body is taken from it, or emptied).
/// Also returns what the read found of the file (its size and metadata).
pub(super) fn read_page(
    root: &Path,
    path: &Path,
    rel: &str,
    (fingerprint, hash_body): (bool, bool),
    bodies: &AtomicUsize,
    diags: &mut Diagnostics,
) -> (Option<Page>, u64, TextRead) {
    let (text, read) = read_text_as(root, path, MAX_PAGE_BYTES, diags);
    let Some(mut text) = text else { return (None, 0, read) };
    let Some((mut page, at)) = parse_page_at(&text, rel, display_path(root, path), diags) else { return (None, 0, read) };
    if fingerprint {
        page.hash = sha256_hex(&text);
    }
    // The body is the text without its front matter, in the buffer it was read into.
    text.drain(..at);
    page.body = text;
    let body_hash = if hash_body { memo::body_hash(&page.body) } else { 0 };
    // Past the budget the body is read again when the page is rendered ([`page_body`]): a
    // large site's text need not sit in memory whole. Which bodies are kept may vary from run
    // to run; the page rendered from either is the same.
    let len = page.body.len();
    if bodies.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| left.checked_sub(len)).is_err() {
        page.body = String::new();
    }
    (Some(page), body_hash, read)
}

/// One Markdown file read again by itself, as [`load_site_with`] reads it (a preview's rebuild
/// after an edit; see [`crate::incremental::quick`]). `shown`: the path relative to `root`.
/// `None` if it is not a regular file (a link or a missing file is left to a full load).
pub fn read_again(root: &Path, shown: &Path, rel: &str, fingerprint: bool) -> Option<memo::Read> {
    let path = root.join(shown);
    let meta = std::fs::symlink_metadata(&path).ok().filter(|m| m.is_file())?;
    let stamp = memo::Stamp::of(&meta);
    let racy = stamp.racy(std::time::SystemTime::now());
    let mut diags = Diagnostics::new();
    let (page, body_hash, _) = read_page(root, &path, rel, (fingerprint, true), &AtomicUsize::new(0), &mut diags);
    Some(memo::Read { stamp, fingerprint, page: page.map(Box::new), diags, body_hash, racy })
}

/// The Markdown body of a page, read again from its file (problems were reported at load).
pub fn page_body(root: &Path, source: &Path) -> String {
    files::read_inside(root, source, MAX_PAGE_BYTES)
        .ok()
        .and_then(|bytes| decode(bytes).ok())
        .and_then(|mut text| {
            let at = text.len() - frontmatter::split(&text).ok()?.body.len();
            text.drain(..at);
            Some(text)
        })
        .unwrap_or_default()
}

/// Reads a text file with the size and encoding checks every content file gets; a symbolic
/// link is followed only to a file inside the site (the walk has reported the others).
pub(super) fn read_text(root: &Path, path: &Path, limit: u64, diags: &mut Diagnostics) -> Option<String> {
    read_text_as(root, path, limit, diags).0
}

/// What reading a file found of it: its size (also of a file too big to read), and the
/// metadata of the file read.
#[derive(Default)]
pub(super) struct TextRead {
    pub(super) size: u64,
    pub(super) meta: Option<std::fs::Metadata>,
}

/// [`read_text`] of a file the walk has listed as a regular file ([`files::read_listed`]),
/// with what the read found of it.
fn read_text_as(root: &Path, path: &Path, limit: u64, diags: &mut Diagnostics) -> (Option<String>, TextRead) {
    let shown = display_path(root, path);
    let (bytes, read) = match files::read_listed(root, path, limit) {
        Ok((b, meta)) => (b, TextRead { size: meta.len(), meta: Some(meta) }),
        Err(p @ files::FileProblem::TooBig { size, .. }) => {
            diags.push(Diagnostic::error(&shown, 0, 0, p.message()).with_hint("split it into several pages or quizzes (the limits are listed in the README)"));
            return (None, TextRead { size, meta: None });
        }
        Err(p) => {
            diags.push(p.diagnostic(&shown));
            return (None, TextRead::default());
        }
    };
    match decode(bytes) {
        Ok(t) => (Some(t), read),
        Err((line, col, msg)) => {
            diags.push(Diagnostic::error(&shown, line, col, msg).with_hint("save the file as UTF-8 text (a .md file must be Markdown)"));
            (None, read)
        }
    }
}
