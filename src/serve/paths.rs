//! Request paths → files of the in-memory site, and content types. Pure: no disk, no network.
//!
//! The preview serves only what the last build produced, looked up by its output path, so no
//! request can name a file outside the site; hostile paths are still refused early and plainly
//! (`..`, `.`, encoded slashes or backslashes, control characters, drive letters, over-long).

use crate::output::Files;

/// Longest request path accepted (output paths are far shorter).
pub const MAX_PATH: usize = 2048;

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A file of the site, by its output path.
    File(String),
    /// A folder asked for without its trailing slash: redirect here so relative links work.
    Redirect(String),
    NotFound,
}

/// Why a path was refused (answered with 400 Bad Request, or 414 for `TooLong`).
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    TooLong,
    Malformed(&'static str),
}

/// The decoded, checked segments of a request path (`/en/a%20b.html` → `["en", "a b.html"]`).
/// A trailing slash gives a last empty segment.
pub fn segments(raw: &str) -> Result<Vec<String>, Refused> {
    if raw.len() > MAX_PATH {
        return Err(Refused::TooLong);
    }
    let Some(rest) = raw.strip_prefix('/') else { return Err(Refused::Malformed("the path must start with /")) };
    let parts: Vec<&str> = rest.split('/').collect();
    let last = parts.len() - 1;
    let mut out = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let seg = decode(part)?;
        if seg.is_empty() && i != last {
            return Err(Refused::Malformed("empty path segment"));
        }
        if seg == ".." || seg == "." {
            return Err(Refused::Malformed("relative path segment"));
        }
        if seg.contains(['/', '\\']) {
            return Err(Refused::Malformed("encoded slash or backslash"));
        }
        if seg.chars().any(char::is_control) {
            return Err(Refused::Malformed("control character"));
        }
        if i == 0 && seg.len() == 2 && seg.ends_with(':') {
            return Err(Refused::Malformed("drive letter"));
        }
        out.push(seg);
    }
    Ok(out)
}

/// Percent-decoding of one segment, on bytes (never splits a character); the result must be
/// UTF-8. A `%` not followed by two hex digits is refused.
fn decode(part: &str) -> Result<String, Refused> {
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            match (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                _ => return Err(Refused::Malformed("bad percent escape")),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Refused::Malformed("not UTF-8"))
}

/// Looks a request path up in the site: folders give their `index.html`.
pub fn lookup(files: &Files, raw: &str) -> Result<Lookup, Refused> {
    let segs = segments(raw)?;
    let joined = segs.join("/");
    if joined.is_empty() || joined.ends_with('/') {
        let index = format!("{joined}index.html");
        return Ok(if files.contains_key(&index) { Lookup::File(index) } else { Lookup::NotFound });
    }
    if files.contains_key(&joined) {
        return Ok(Lookup::File(joined));
    }
    if files.contains_key(&format!("{joined}/index.html")) {
        return Ok(Lookup::Redirect(format!("{raw}/")));
    }
    Ok(Lookup::NotFound)
}

/// The content type of an output file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "vtt" => "text/vtt; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "ogv" => "video/ogg",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "wav" => "audio/wav",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "zip" => "application/zip",
        "pdf" => "application/pdf",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "xsd" => "application/xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Stored;

    fn site() -> Files {
        let mut f = Files::new();
        for p in ["index.html", "en/index.html", "en/a b.html", "en/course/index.html", "static/kyklos.css", "en/Μάθημα.html"] {
            f.insert(p.to_string(), Stored::Bytes(b"x".as_slice().into()));
        }
        f
    }

    #[test]
    fn finds_files_folders_and_escaped_names() {
        let f = site();
        assert_eq!(lookup(&f, "/"), Ok(Lookup::File("index.html".into())));
        assert_eq!(lookup(&f, "/en/"), Ok(Lookup::File("en/index.html".into())));
        assert_eq!(lookup(&f, "/en/a%20b.html"), Ok(Lookup::File("en/a b.html".into())));
        assert_eq!(lookup(&f, "/en/%CE%9C%CE%AC%CE%B8%CE%B7%CE%BC%CE%B1.html"), Ok(Lookup::File("en/Μάθημα.html".into())));
        assert_eq!(lookup(&f, "/en/course"), Ok(Lookup::Redirect("/en/course/".into())));
        assert_eq!(lookup(&f, "/en/missing.html"), Ok(Lookup::NotFound));
        assert_eq!(lookup(&f, "/static/"), Ok(Lookup::NotFound));
    }

    #[test]
    fn refuses_traversal_and_strange_paths() {
        let f = site();
        for bad in [
            "/../etc/passwd",
            "/en/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/en/%2fetc%2fpasswd",
            "/en/..%5c..%5cwindows",
            "/en\\..\\x",
            "//etc/passwd",
            "/en//x",
            "/./en/",
            "/C:/windows/win.ini",
            "/c%3a/x",
            "/%00",
            "/a%0ab",
            "/%aé",
            "/%e9",
            "/%",
            "/%zz",
            "etc/passwd",
        ] {
            assert!(matches!(lookup(&f, bad), Err(Refused::Malformed(_))), "{bad} was not refused");
        }
        assert_eq!(lookup(&f, &format!("/{}", "a/".repeat(2000))), Err(Refused::TooLong));
    }

    #[test]
    fn content_types() {
        for (p, t) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a.json", "application/json"),
            ("a.vtt", "text/vtt; charset=utf-8"),
            ("a.MP4", "video/mp4"),
            ("talk.webm", "video/webm"),
            ("talk.mp3", "audio/mpeg"),
            ("talk.m4a", "audio/mp4"),
            ("talk.opus", "audio/ogg"),
            ("a.zip", "application/zip"),
            ("a.woff2", "font/woff2"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(p), t, "{p}");
        }
    }
}
