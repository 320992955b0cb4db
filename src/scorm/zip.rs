//! Deterministic zips and the path rules every file inside a SCORM package obeys.
//!
//! The same entries always give the same bytes: entries sorted by path, one fixed timestamp
//! (1980-01-01 00:00, the earliest a zip can say), Unix permissions 0644, deflate at level 6,
//! no extra fields, no comment.

use std::collections::BTreeMap;
use std::io::{Cursor, Error, ErrorKind, Result, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// Why a path may not go into a package, or `None` if it may.
///
/// Allowed: relative paths with `/` separators, no empty, `.` or `..` segments, no backslash,
/// no drive letter or colon, no control characters, no trailing slash, and none of the files
/// that operating systems leave behind (`.DS_Store`, `Thumbs.db`, `desktop.ini`, `__MACOSX/`,
/// AppleDouble `._*`).
pub fn path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("the path is empty");
    }
    if path.starts_with('/') {
        return Some("the path is absolute");
    }
    if path.contains('\\') {
        return Some("the path contains a backslash; use `/`");
    }
    if path.contains(':') {
        return Some("the path contains a colon (a drive letter or URL scheme)");
    }
    if path.chars().any(char::is_control) {
        return Some("the path contains a control character");
    }
    for segment in path.split('/') {
        match segment {
            "" => return Some("the path has an empty segment (`//` or a trailing `/`)"),
            "." | ".." => return Some("the path contains `.` or `..`"),
            "__MACOSX" => return Some("`__MACOSX` is macOS junk"),
            _ => {}
        }
        let lower = segment.to_ascii_lowercase();
        if lower == ".ds_store" || lower == "thumbs.db" || lower == "desktop.ini" || segment.starts_with("._") {
            return Some("operating-system junk files do not belong in a package");
        }
    }
    None
}

fn check_path(path: &str) -> Result<()> {
    match path_problem(path) {
        Some(why) => Err(Error::new(ErrorKind::InvalidInput, format!("cannot put `{path}` into a package: {why}"))),
        None => Ok(()),
    }
}

/// Zips `entries` deterministically (see the module docs). Errors on a bad path (see
/// [`path_problem`]) or a path given twice.
pub fn zip(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut sorted: BTreeMap<&str, &[u8]> = BTreeMap::new();
    for (path, bytes) in entries {
        check_path(path)?;
        if sorted.insert(path.as_str(), bytes.as_slice()).is_some() {
            return Err(Error::new(ErrorKind::InvalidInput, format!("`{path}` is given twice")));
        }
    }
    // A file and a folder of the same name cannot both exist once unpacked.
    for path in sorted.keys() {
        let mut prefix = String::new();
        for segment in path.split('/').collect::<Vec<_>>().split_last().map(|(_, dirs)| dirs).unwrap_or(&[]) {
            prefix.push_str(segment);
            if sorted.contains_key(prefix.as_str()) {
                return Err(Error::new(ErrorKind::InvalidInput, format!("`{prefix}` is both a file and the folder of `{path}`")));
            }
            prefix.push('/');
        }
    }
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::DEFAULT)
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in sorted {
        writer.start_file(path, options).map_err(Error::other)?;
        writer.write_all(bytes)?;
    }
    Ok(writer.finish().map_err(Error::other)?.into_inner())
}
