//! SCORM packaging: the last pipeline step before writing. Takes files the render step already
//! produced (lesson pages rendered for the package, launch pages, theme assets) and returns zip
//! bytes with `imsmanifest.xml` and the official schemas at the root. Pure: no disk IO, no
//! rendering.
//!
//! - [`manifest`]: the manifest text for SCORM 1.2 or 2004 4th Edition (see `manifest.rs`).
//! - [`xsd_files`]: the schema files each version ships (see `xsd.rs`).
//! - [`zip`]: deterministic zips with safe paths (see `zip.rs`).
//! - [`package_files`]: all three, after checking that the manifest and the files agree.
//!
//! The runtime that talks to the LMS is `themes/default/static/scorm.js` (launch page
//! `templates/sco.html`) with `static/package-bridge.js` in every lesson page.

mod manifest;
mod xsd;
pub mod zip;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashSet};
use std::io::{Error, ErrorKind, Result};

pub use manifest::{href, manifest, xml_id};
pub use xsd::xsd_files;
pub use zip::{path_problem, zip};

/// The name of the manifest at the zip root.
pub const MANIFEST: &str = "imsmanifest.xml";

/// The SCORM version of a package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// SCORM 1.2: the version Moodle supports fully; the recommended download.
    Scorm12,
    /// SCORM 2004 4th Edition.
    Scorm2004,
}

impl Version {
    /// How the launch page and the docs name the version: `"1.2"` or `"2004"`.
    pub fn label(self) -> &'static str {
        match self {
            Version::Scorm12 => "1.2",
            Version::Scorm2004 => "2004",
        }
    }

    /// The version's full name, as the Downloads page shows it.
    pub fn name(self) -> &'static str {
        match self {
            Version::Scorm12 => "SCORM 1.2",
            Version::Scorm2004 => "SCORM 2004 4th Edition",
        }
    }
}

/// One SCO: a module with its launch page and every file it uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Sco {
    /// Stable across rebuilds, e.g. `m-multiculturalism-and-migration`; the item and resource
    /// identifiers derive from it (LMSs keep learners' records by item identifier).
    pub id: String,
    /// The item title, in the package language.
    pub title: String,
    /// The launch page, a path in the zip (e.g. `multiculturalism-and-migration/sco.html`).
    pub launch: String,
    /// Every file of this SCO, paths in the zip (the launch page may be listed or not).
    pub files: Vec<String>,
    /// The pass mark in percent, if the module has a quiz (SCORM 1.2 `adlcp:masteryscore`).
    pub mastery: Option<f64>,
}

/// A package: one manifest, one organization, one item per SCO.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// Stable across rebuilds, e.g. `kyklos-en-course-multiculturalism-and-migration`.
    pub identifier: String,
    pub version: Version,
    /// The organization title and LOM title, in the package language.
    pub title: String,
    pub description: Option<String>,
    /// The package language (BCP 47), used for LOM strings.
    pub lang: String,
    pub licence_name: String,
    pub licence_url: String,
    pub attribution: Option<String>,
    pub authors: Vec<String>,
    pub scos: Vec<Sco>,
    /// Files every SCO uses (theme CSS and JS): one asset resource every SCO depends on.
    pub shared: Vec<String>,
}

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidInput, message)
}

/// Lists at most five paths for a message.
fn some_paths<'a>(paths: impl IntoIterator<Item = &'a str>) -> String {
    let all: Vec<&str> = paths.into_iter().collect();
    let mut text = all.iter().take(5).map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ");
    if all.len() > 5 {
        text.push_str(&format!(" and {} more", all.len() - 5));
    }
    text
}

/// Checks what the manifest cannot express wrongly without a bad package: at least one SCO,
/// unique identifiers, safe paths.
pub fn validate(p: &Package) -> Result<()> {
    if p.scos.is_empty() {
        return Err(invalid(format!("package `{}` has no SCO", p.identifier)));
    }
    let mut ids = HashSet::new();
    let all_ids = [manifest::manifest_id(p), manifest::org_id(p), manifest::SHARED_ID.to_string()]
        .into_iter()
        .chain(p.scos.iter().flat_map(|s| [manifest::item_id(s), manifest::resource_id(s)]));
    for id in all_ids {
        if !ids.insert(id.clone()) {
            return Err(invalid(format!("package `{}`: the identifier `{id}` would be used twice", p.identifier)));
        }
    }
    for path in p.scos.iter().flat_map(|s| s.files.iter().chain([&s.launch])).chain(&p.shared) {
        if let Some(why) = path_problem(path) {
            return Err(invalid(format!("package `{}`: cannot list `{path}`: {why}", p.identifier)));
        }
    }
    Ok(())
}

/// Every file the manifest lists, sorted.
pub fn listed_files(p: &Package) -> BTreeSet<&str> {
    p.scos.iter().flat_map(manifest::sco_files).chain(p.shared.iter().map(String::as_str)).collect()
}

/// The zip of a package: `imsmanifest.xml`, the version's schemas and `content`. Errors when
/// the package is invalid ([`validate`]), when the manifest lists a file `content` lacks, when
/// `content` has a file the manifest does not list, or when content would overwrite the
/// manifest or a schema.
pub fn package_files(p: &Package, content: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>> {
    validate(p)?;
    let listed = listed_files(p);
    let given: BTreeSet<&str> = content.iter().map(|(path, _)| path.as_str()).collect();
    if given.len() != content.len() {
        return Err(invalid(format!("package `{}`: a content file is given twice", p.identifier)));
    }
    let missing: Vec<&str> = listed.difference(&given).copied().collect();
    if !missing.is_empty() {
        return Err(invalid(format!("package `{}`: the manifest lists {} that the package lacks", p.identifier, some_paths(missing))));
    }
    let unlisted: Vec<&str> = given.difference(&listed).copied().collect();
    if !unlisted.is_empty() {
        return Err(invalid(format!("package `{}`: {} not listed in the manifest", p.identifier, some_paths(unlisted))));
    }
    let reserved: Vec<&str> = xsd_files(p.version).iter().map(|(name, _)| *name).chain([MANIFEST]).filter(|name| given.contains(name)).collect();
    if !reserved.is_empty() {
        return Err(invalid(format!("package `{}`: content may not contain {}", p.identifier, some_paths(reserved))));
    }
    let mut entries = content;
    entries.push((MANIFEST.to_string(), manifest(p).into_bytes()));
    entries.extend(xsd_files(p.version).iter().map(|(name, bytes)| (name.to_string(), bytes.to_vec())));
    zip(&entries)
}
