//! Pure path arithmetic: numeric prefixes, source path → output path, relative URLs.
//!
//! Every link kyklos writes is relative and points at a file (`…/index.html`, never `…/`), so
//! a site works under any sub-path and straight from disk.

/// A path in Unicode's composed form (NFC): `café` typed on Windows or Linux (`é` one
/// character) and saved by macOS (`e` and a combining accent) is the same name, the same
/// address and the same translation key. ASCII, and text already composed, is borrowed.
pub fn nfc(path: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if path.is_ascii() || is_nfc_quick(path.chars()) == IsNormalized::Yes {
        return path.into();
    }
    let composed: String = path.nfc().collect();
    if composed == path {
        path.into()
    } else {
        composed.into()
    }
}

/// `01-intro` → (Some(1), "intro"); `intro` → (None, "intro"); `2024` → (None, "2024").
pub fn split_prefix(name: &str) -> (Option<u64>, &str) {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return (None, name);
    }
    let rest = &name[digits..];
    match rest.strip_prefix(['-', '_', '.', ' ']) {
        // `01-.md` keeps its prefix rather than become the hidden file `.html`.
        Some(stripped) if !stripped.is_empty() && !stripped.starts_with('.') => (name[..digits].parse().ok(), stripped),
        _ => (None, name),
    }
}

/// The URL segment of one file or folder name: numeric prefix removed, spaces and the
/// characters that a URL reads otherwise (`#` starts a fragment, `?` a query, `%` an escape)
/// to hyphens.
pub fn slug_segment(name: &str) -> String {
    split_prefix(name).1.replace([' ', '#', '?', '%'], "-")
}

/// A source path relative to `content/<lang>/` (forward slashes) → its output path relative to
/// `dist/<lang>/`: prefixes stripped from every segment, `.md` → `.html`.
pub fn output_path(rel: &str) -> String {
    // Each segment's slug written straight into the path (no string per segment, no join).
    let mut out = String::with_capacity(rel.len() + 2);
    for (i, segment) in rel.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        for (j, piece) in split_prefix(segment).1.split([' ', '#', '?', '%']).enumerate() {
            if j > 0 {
                out.push('-');
            }
            out.push_str(piece);
        }
    }
    // The last segment's `.md` (it ends the path).
    if out.ends_with(".md") {
        out.truncate(out.len() - ".md".len());
        out.push_str(".html");
    }
    out
}

/// The relative URL from the page at output path `from` to output path `to` (both relative to
/// the same root, forward slashes, files not folders).
pub fn relative(from: &str, to: &str) -> String {
    // The folders of `from`, each with its slash; those that `to` starts with are shared. One
    // pass over the bytes both start with (an address is a few dozen bytes: no searches, each
    // with its set-up, per folder): a folder is shared when every byte of it up to and with
    // its slash is the same in `to`.
    let from_dirs = &from.as_bytes()[..from.bytes().rposition(|b| b == b'/').map_or(0, |i| i + 1)];
    let mut common = 0;
    for (i, (&a, &b)) in from_dirs.iter().zip(to.as_bytes()).enumerate() {
        if a != b {
            break;
        }
        if a == b'/' {
            common = i + 1;
        }
    }
    let ups = from_dirs[common..].iter().filter(|&&b| b == b'/').count();
    let mut out = String::with_capacity(3 * ups + to.len() - common);
    for _ in 0..ups {
        out.push_str("../");
    }
    out.push_str(&to[common..]);
    out
}

/// The prefix that leads from the page at `from` back to its root: "" or "../../".
pub fn to_root(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// Joins `target` (a relative path as written in Markdown) onto the folder `base_dir` and
/// normalises `.` and `..`; `None` if the result would climb above the root.
pub fn join_normalised(base_dir: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = base_dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    // Keys are composed (see [`nfc`]); a link typed the other way finds them.
    Some(nfc(&parts.join("/")).into_owned())
}

/// The folder part of a relative path ("a/b/c.md" → "a/b", "c.md" → "").
pub fn parent_dir(rel: &str) -> &str {
    // A byte search from the end (`rfind` sets up a character searcher: costly for a short
    // path asked for thousands of times).
    rel.bytes().rposition(|b| b == b'/').map_or("", |i| &rel[..i])
}

/// Percent-decodes a link target as written in Markdown (`my%20file.pdf`).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // Works on bytes, never on `&str` slices: `%` may stand before a multi-byte character.
        if let (b'%', Some(&hi), Some(&lo)) = (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            if let (Some(hi), Some(lo)) = (hex_value(hi), hex_value(lo)) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Encodes characters that are not safe in an href (spaces, quotes) while keeping `/` and `#`.
pub fn encode_href(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`relative`] as it was first written: split, compare, join.
    fn relative_by_parts(from: &str, to: &str) -> String {
        let from_dirs: Vec<&str> = from.split('/').collect();
        let from_dirs = &from_dirs[..from_dirs.len() - 1];
        let to_parts: Vec<&str> = to.split('/').collect();
        let common = from_dirs.iter().zip(&to_parts[..to_parts.len() - 1]).take_while(|(a, b)| a == b).count();
        let mut out = "../".repeat(from_dirs.len() - common);
        out.push_str(&to_parts[common..].join("/"));
        out
    }

    #[test]
    fn relative_urls_are_those_of_comparing_folder_by_folder() {
        let paths = [
            "",
            "index.html",
            "a/index.html",
            "a/b.html",
            "ab/b.html",
            "a/b/c.html",
            "a/bc/c.html",
            "a/b/index.html",
            "a//b.html",
            "/x.html",
            "a/b/",
            "a",
            "é/ü/α.html",
            "a/b/c/d/e.html",
        ];
        for from in paths {
            for to in paths {
                assert_eq!(relative(from, to), relative_by_parts(from, to), "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn prefixes() {
        assert_eq!(split_prefix("01-intro.md"), (Some(1), "intro.md"));
        assert_eq!(split_prefix("10_x"), (Some(10), "x"));
        assert_eq!(split_prefix("2024"), (None, "2024"));
        assert_eq!(split_prefix("01-"), (None, "01-"));
        assert_eq!(split_prefix("01-.md"), (None, "01-.md"), "not the hidden file .md");
        assert_eq!(split_prefix("01..hidden"), (None, "01..hidden"));
        assert_eq!(split_prefix("about.md"), (None, "about.md"));
    }

    /// [`output_path`] as it was first written: a slug per segment, joined.
    fn output_path_by_segments(rel: &str) -> String {
        let mut segments: Vec<String> = rel.split('/').map(slug_segment).collect();
        if let Some(last) = segments.last_mut() {
            if let Some(stem) = last.strip_suffix(".md") {
                *last = format!("{stem}.html");
            }
        }
        segments.join("/")
    }

    #[test]
    fn output_paths_are_those_of_slugging_segment_by_segment() {
        let names = ["", "01-a", "a b", "x#y?z%w", "01-.md", ".md", "b.md", "02-c d.md", "é ü.md", "md", "01-", "a.md.md", " #?% "];
        for a in names {
            for b in names {
                for rel in [a.to_string(), format!("{a}/{b}"), format!("{a}/{b}/{a}")] {
                    assert_eq!(output_path(&rel), output_path_by_segments(&rel), "{rel:?}");
                }
            }
        }
    }

    #[test]
    fn output_paths_drop_prefixes() {
        assert_eq!(output_path("01-course/02-mod/03-lesson.md"), "course/mod/lesson.html");
        assert_eq!(output_path("01-course/index.md"), "course/index.html");
        assert_eq!(output_path("01-course/img/a b.png"), "course/img/a-b.png");
        assert_eq!(output_path("hash#x.md"), "hash-x.html");
        assert_eq!(output_path("q?x/pct%41.md"), "q-x/pct-41.html");
        assert_eq!(output_path("01-.md"), "01-.html");
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative("a/b/c.html", "a/b/d.html"), "d.html");
        assert_eq!(relative("a/b/c.html", "a/e.html"), "../e.html");
        assert_eq!(relative("index.html", "a/b/index.html"), "a/b/index.html");
        assert_eq!(relative("a/b/c.html", "x/index.html"), "../../x/index.html");
        assert_eq!(to_root("a/b/c.html"), "../../");
        assert_eq!(to_root("index.html"), "");
    }

    #[test]
    fn joins_and_refuses_to_leave_root() {
        assert_eq!(join_normalised("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join_normalised("a", "./x/../y.md").as_deref(), Some("a/y.md"));
        assert_eq!(join_normalised("a", "../../etc/passwd"), None);
        assert_eq!(parent_dir("a/b/c.md"), "a/b");
        assert_eq!(percent_decode("my%20file.pdf"), "my file.pdf");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%C3%A9"), "é");
    }

    #[test]
    fn percent_before_non_ascii_never_panics() {
        for s in ["%aé.md", "#x%€", "%é", "%€€", "a%", "%a", "%%", "%\u{10FFFF}x", "%0\u{301}", "é%2"] {
            let _ = percent_decode(s);
        }
        assert_eq!(percent_decode("%aé.md"), "%aé.md");
        assert_eq!(percent_decode("x%€"), "x%€");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
    }
}
