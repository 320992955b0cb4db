//! Path arithmetic that every step shares, below them all (the diagnostics show paths with it,
//! the files and the load take paths apart with it).

use std::path::Path;

/// `path.strip_prefix(dir)`: by its bytes for a path that is `dir` joined with plain names (what
/// the walk makes), without the comparison component by component the standard library makes
/// (about 1,200 instructions a call, several calls per file of a site); any other path the
/// standard library's way.
pub fn strip_dir<'a>(path: &'a Path, dir: &Path) -> Option<&'a Path> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (whole, start) = (path.as_os_str().as_bytes(), dir.as_os_str().as_bytes());
        if let Some([b'/', rest @ ..]) = whole.strip_prefix(start) {
            // No empty, `.` or `..` part, no separator at either end, and `dir` ends in a name.
            let plain = |at: usize| !matches!(rest.get(at), None | Some(b'/' | b'.'));
            if !start.is_empty() && !start.ends_with(b"/") && plain(0) && !rest.ends_with(b"/") && memchr::memchr_iter(b'/', rest).all(|i| plain(i + 1)) {
                return Some(Path::new(std::ffi::OsStr::from_bytes(rest)));
            }
        }
    }
    path.strip_prefix(dir).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_stripped_of_their_folder_as_the_standard_library_does() {
        let dirs = ["/site/content/en", "site", ".", "/", "", "a/", "a/.", "/a//b", "./a", "a/..", "/site/content/en/"];
        let tails = ["x.md", "b/x.md", "b//x.md", "b/./x.md", "b/../x.md", ".x", "b/.x", "./x", "x/", "x/.", "/x", "", "é/ω.md", "b/x.md/", ".."];
        for dir in dirs {
            for tail in tails {
                for path in [format!("{dir}/{tail}"), format!("{dir}{tail}"), tail.to_string(), format!("/other/{tail}")] {
                    let (path, dir) = (Path::new(&path), Path::new(dir));
                    assert_eq!(strip_dir(path, dir), path.strip_prefix(dir).ok(), "{path:?} from {dir:?}");
                }
            }
        }
    }
}
