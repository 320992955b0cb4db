//! The source bundle: every editable source of the site in one deterministic zip (sorted
//! entries, fixed timestamps), offered on the Downloads page with its size and SHA-256,
//! because Erasmus+ results must also be available in an editable form. Unzipped into an
//! empty folder, `kyklos build` makes the same site again.

use crate::model::download::Download;

/// Where the bundle goes, relative to `dist/`.
pub const PATH: &str = "site-sources.zip";

/// The zip of `files` ((path, bytes) as [`crate::load::sources::collect`] gives them).
pub fn zip(files: &[(String, Vec<u8>)]) -> std::io::Result<Vec<u8>> {
    crate::scorm::zip::zip(files)
}

/// The row of a language's Downloads page that offers the bundle (`langs`: all of them).
pub fn download(bytes: &[u8], langs: &str, t: &crate::i18n::Strings) -> Download {
    use sha2::{Digest, Sha256};
    Download {
        title: t.get("sources_name"),
        kind: "sources",
        version: "zip",
        lang: langs.to_string(),
        url: format!("../{PATH}"),
        size: bytes.len() as u64,
        sha256: Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect(),
        partial: None,
        title_lang: None,
    }
}
