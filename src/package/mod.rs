//! Package: the step after render that makes the site's downloads, per language.
//!
//! - [`scorm`]: every module and course as SCORM 1.2 and 2004 zips (which SCOs, the manifest's
//!   metadata, the zip), from [`sco`]: one SCO's pages rendered for the package, its assets and
//!   its launch page, with links that would leave the package made inert.
//! - [`question_banks`]: every quiz as Moodle XML, GIFT and QTI 2.1 files ([`crate::export`]).
//!
//! Each download comes with its [`Download`] entry for the Downloads page (listed by
//! [`crate::render::downloads`]). Nothing here touches the disk but reading module assets.

mod question_banks;
mod sco;
mod scorm;

use sha2::{Digest, Sha256};

pub use crate::model::download::Download;
pub use crate::render::downloads::downloads_table;
use crate::scorm::Version;
pub use question_banks::question_banks;
pub use sco::isolate_links;
pub use scorm::{packages, MAX_PACKAGE_BYTES};

pub fn version_label(v: Version) -> &'static str {
    v.name()
}

/// `course/mod/index.html` → `course-mod`; anything but ASCII letters and digits becomes `-`.
/// Non-ASCII names keep a short hash so two of them never collide.
fn slug(url_dir: &str) -> String {
    let mut s = String::new();
    for c in url_dir.chars() {
        let c = if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' };
        if !(c == '-' && s.ends_with('-')) {
            s.push(c);
        }
    }
    let mut s = s.trim_matches('-').to_string();
    if !url_dir.is_ascii() {
        let hash = url_dir.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        s = format!("{s}-{hash:08x}").trim_start_matches('-').to_string();
    }
    if s.is_empty() {
        "site".into()
    } else {
        s
    }
}

/// The Downloads page's entry for a file at `path` (relative to `dist/<lang>/`): its size and
/// SHA-256 from the bytes.
fn listed(title: String, kind: &'static str, version: &'static str, lang: &str, path: &str, bytes: &[u8]) -> Download {
    let sha256 = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    Download { title, kind, version, lang: lang.to_string(), url: path.to_string(), size: bytes.len() as u64, sha256, partial: None, title_lang: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(slug("course/Μάθημα 1").starts_with("course-1-"));
        assert_ne!(slug("Μάθημα"), slug("Ενότητα"));
        assert_eq!(slug("course/mod-1"), "course-mod-1");
        assert_eq!(slug("///"), "site");
    }

    #[test]
    fn a_listed_file_has_its_size_and_checksum() {
        let d = listed("Quiz".into(), "quiz", "GIFT", "el", "downloads/q-el-gift.txt", b"abc");
        assert_eq!((d.url.as_str(), d.lang.as_str(), d.size, d.partial), ("downloads/q-el-gift.txt", "el", 3, None));
        assert_eq!(d.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
