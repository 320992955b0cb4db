//! The one way kyklos opens an input file: regular files only, inside the site folder only.
//!
//! Every reader (site.yaml, content, quizzes, UI strings, translation stamps, themes, the logo,
//! assets) goes through [`read_regular`] or [`read_inside`]. A named pipe, socket or device is
//! refused without being read (opening one could block forever), a folder is named as a folder,
//! a file larger than the caller's limit is refused before it is read, and [`read_inside`]
//! refuses any path that leads out of the site folder, through `..`, an absolute path or a
//! symbolic link, so nothing outside the site can ever be published.
//!
//! Below every step that reads (load, config, UI strings, translation stamps, assets), so none
//! of them imports another to read a file. [`walk`] lists a folder the same way.

#[cfg(target_os = "linux")]
mod beneath;
pub mod walk;

/// Keeps `root`'s handle open for the reads below it ([`read_inside`]) until the result is
/// dropped: a build opens its site folder once, not once per file (Linux; elsewhere nothing).
#[cfg(target_os = "linux")]
pub use beneath::{hold, Hold};

/// Elsewhere a hold holds nothing: every read opens its own way.
#[cfg(not(target_os = "linux"))]
pub struct Hold;

#[cfg(not(target_os = "linux"))]
pub fn hold(_root: &Path) -> Hold {
    Hold
}

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Pages larger than this are refused (a lesson of 5 MB is fine; 50 MB is a mistake).
pub const MAX_PAGE_BYTES: u64 = 10 * 1024 * 1024;

/// Why a file could not be read; [`FileProblem::message`] and [`FileProblem::hint`] say it
/// in words an author understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Missing,
    Folder,
    /// A named pipe, socket or device: never opened for reading.
    Special(&'static str),
    /// The path leads outside the site folder (`..`, absolute, or a symbolic link).
    Outside,
    /// A symbolic link where kyklos does not follow links.
    Symlink,
    TooBig {
        size: u64,
        limit: u64,
    },
    Io(String),
}

impl FileProblem {
    pub fn message(&self) -> String {
        match self {
            FileProblem::Missing => "this file does not exist".into(),
            FileProblem::Folder => "this is a folder, not a file".into(),
            FileProblem::Special(kind) => format!("this is a {kind}, not a regular file; kyklos reads only regular files"),
            FileProblem::Outside => "this path leads outside the site folder".into(),
            FileProblem::Symlink => "this is a symbolic link; kyklos does not follow links here".into(),
            FileProblem::TooBig { size, limit } => format!("this file is {size} bytes; the limit is {limit} bytes ({})", human_size(*limit)),
            FileProblem::Io(e) => format!("cannot read this file: {e}"),
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            FileProblem::Missing => "check the spelling of the path; it is relative to the site folder",
            FileProblem::Folder => "give the path of a file inside the folder",
            FileProblem::Special(_) => "replace it with an ordinary file (a copy of the content)",
            FileProblem::Outside | FileProblem::Symlink => {
                "kyklos only publishes files inside the site folder: copy the file into it (symbolic links and `..` that leave it are refused)"
            }
            FileProblem::TooBig { .. } => "make the file smaller or split it (the limits are listed in the README)",
            FileProblem::Io(_) => "check the file's permissions",
        }
    }
}

impl FileProblem {
    /// The problem as a diagnostic naming `shown` (no line: it is about the whole file).
    pub fn diagnostic(&self, shown: impl Into<PathBuf>) -> crate::diagnostics::Diagnostic {
        crate::diagnostics::Diagnostic::error(shown, 0, 0, self.message()).with_hint(self.hint())
    }
}

/// A size for the terminal: "12 MiB", "300 KiB", "1.5 KiB", "17 B" (see [`crate::numbers`]).
pub fn human_size(n: u64) -> String {
    crate::numbers::file_size_en(n)
}

fn kind_of(meta: &Metadata) -> Result<(), FileProblem> {
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok(());
    }
    if ft.is_dir() {
        return Err(FileProblem::Folder);
    }
    if ft.is_symlink() {
        return Err(FileProblem::Symlink);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Err(FileProblem::Special("named pipe (FIFO)"));
        }
        if ft.is_socket() {
            return Err(FileProblem::Special("socket"));
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Err(FileProblem::Special("device"));
        }
    }
    Err(FileProblem::Special("special file"))
}

fn io_problem(e: std::io::Error) -> FileProblem {
    match e.kind() {
        std::io::ErrorKind::NotFound => FileProblem::Missing,
        std::io::ErrorKind::IsADirectory => FileProblem::Folder,
        _ => FileProblem::Io(e.to_string()),
    }
}

/// What a path is, without opening it and without following a final symbolic link.
pub fn probe(path: &Path) -> Result<u64, FileProblem> {
    let meta = std::fs::symlink_metadata(path).map_err(io_problem)?;
    kind_of(&meta)?;
    Ok(meta.len())
}

/// Opens `path` for reading without blocking on a pipe and without following a final link.
fn open(path: &Path) -> Result<File, FileProblem> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    options.open(path).map_err(|e| match e.raw_os_error() {
        #[cfg(unix)]
        Some(libc::ELOOP) => FileProblem::Symlink,
        _ => io_problem(e),
    })
}

/// Reads a regular file of at most `limit` bytes. A symbolic link, folder, pipe, socket or
/// device is refused, checked both before opening and on the opened handle (no race).
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, FileProblem> {
    read_regular_with_metadata(path, limit).map(|(bytes, _)| bytes)
}

/// [`read_regular`], with the metadata of the file read.
fn read_regular_with_metadata(path: &Path, limit: u64) -> Result<(Vec<u8>, Metadata), FileProblem> {
    let size = probe(path)?;
    if size > limit {
        return Err(FileProblem::TooBig { size, limit });
    }
    read_open(open(path)?, limit)
}

/// Reads an opened file whole if it is a regular file of at most `limit` bytes (checked on
/// the handle, so a file swapped after a check by path is still refused).
fn read_open(file: File, limit: u64) -> Result<(Vec<u8>, Metadata), FileProblem> {
    let meta = file.metadata().map_err(io_problem)?;
    kind_of(&meta)?;
    if meta.len() > limit {
        return Err(FileProblem::TooBig { size: meta.len(), limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` keeps a file that grows while it is read within the limit.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io_problem)?;
    if bytes.len() as u64 > limit {
        return Err(FileProblem::TooBig { size: bytes.len() as u64, limit });
    }
    Ok((bytes, meta))
}

/// Opens a regular file of at most `limit` bytes for reading in pieces; returns its size.
pub fn open_regular(path: &Path, limit: u64) -> Result<(File, u64), FileProblem> {
    let size = probe(path)?;
    if size > limit {
        return Err(FileProblem::TooBig { size, limit });
    }
    let file = open(path)?;
    let meta = file.metadata().map_err(io_problem)?;
    kind_of(&meta)?;
    if meta.len() > limit {
        return Err(FileProblem::TooBig { size: meta.len(), limit });
    }
    Ok((file, meta.len()))
}

/// The canonical form of `path` if it is inside `root` (both resolved, symbolic links
/// included); [`FileProblem::Outside`] if it leads elsewhere, [`FileProblem::Missing`] if absent.
/// `path` is relative to `root`, or starts with `root`, or is absolute.
pub fn resolve_inside(root: &Path, path: &Path) -> Result<PathBuf, FileProblem> {
    let rel = crate::paths::strip_dir(path, root).unwrap_or(path);
    let root = std::fs::canonicalize(root).map_err(io_problem)?;
    let full = std::fs::canonicalize(root.join(rel)).map_err(|e| {
        // A dangling link or a missing file: say "leads outside" only when it does.
        match lexically_inside(&root, &root.join(rel)) {
            false => FileProblem::Outside,
            true => io_problem(e),
        }
    })?;
    if full.starts_with(&root) {
        Ok(full)
    } else {
        Err(FileProblem::Outside)
    }
}

/// `path` (absolute) stays under `root` once `.` and `..` are applied, ignoring links.
fn lexically_inside(root: &Path, path: &Path) -> bool {
    use std::path::Component;
    let mut parts: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::CurDir => {}
            c => parts.push(c),
        }
    }
    parts.iter().collect::<PathBuf>().starts_with(root)
}

/// Whether a path written in the site's settings (relative to the site folder) stays inside
/// it when read as written: not absolute, and no `..` that climbs out. Pure; links are
/// checked when the file is read.
pub fn stays_inside(rel: &str) -> bool {
    let root = Path::new("/kyklos-site");
    let path = Path::new(rel);
    !path.is_absolute() && !rel.starts_with(['/', '\\']) && !rel.get(1..3).is_some_and(|s| s.starts_with(':')) && lexically_inside(root, &root.join(path))
}

/// Reads `path` (relative to `root`, or absolute) as a regular file that lies inside `root`.
pub fn read_inside(root: &Path, path: &Path, limit: u64) -> Result<Vec<u8>, FileProblem> {
    read_inside_as(root, path, limit, false).map(|(bytes, _)| bytes)
}

/// [`read_inside`] for a file that a [`walk`] has just listed as a regular file (a pipe or a
/// device it lists is [`walk::Kind::Special`], never read), with the metadata of the file read
/// (its size and stamp, which the walk need not read: [`walk::walk_with`]). On Linux it is
/// opened for reading at once and checked on the descriptor before a byte is read, one system
/// call fewer than [`read_inside`]'s look first (`O_PATH`): what the look guards against, a
/// pipe or device already at the path, the walk has ruled out; one swapped in since is opened
/// without blocking, found on the descriptor and closed unread, as after the look.
pub fn read_listed(root: &Path, path: &Path, limit: u64) -> Result<(Vec<u8>, Metadata), FileProblem> {
    read_inside_as(root, path, limit, true)
}

fn read_inside_as(root: &Path, path: &Path, limit: u64, listed: bool) -> Result<(Vec<u8>, Metadata), FileProblem> {
    #[cfg(target_os = "linux")]
    if let Some(read) = beneath::read(root, crate::paths::strip_dir(path, root).unwrap_or(path), limit, listed) {
        return read;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = listed;
    let full = resolve_inside(root, path)?;
    read_regular_with_metadata(&full, limit)
}

/// Hex SHA-256 of a text: how translation stamps recognise a changed source. Line ends,
/// trailing spaces and runs of blank lines are normalised first, so an edit that changes
/// nothing a translator would translate does not mark every translation outdated.
pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut normal = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank = true;
            continue;
        }
        if blank && !normal.is_empty() {
            normal.push('\n');
        }
        blank = false;
        normal.push_str(line);
        normal.push('\n');
    }
    Sha256::digest(normal.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes → text, in the same buffer (a byte order mark dropped, a lone CR read as a line
/// break); the error names the line and column of the first bad byte.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, (usize, usize, String)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // A lone CR ends a line in files from old Macs (and some editors): read it as one, so
    // front matter, YAML and Markdown all see the lines the author sees.
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'\r', &bytes[from..]).map(|i| from + i) {
        if bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
        from = i + 1;
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if let Some(i) = memchr::memchr(0, text.as_bytes()) {
                let (l, c) = crate::diagnostics::LineIndex::new(&text).line_col(i);
                return Err((l, c, "this looks like a binary file, not text".into()));
            }
            Ok(text)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let good = &bytes[..e.utf8_error().valid_up_to()];
            let text = std::str::from_utf8(good).unwrap_or("");
            let (l, c) = crate::diagnostics::LineIndex::new(text).line_col(text.len());
            Err((l, c, "the file is not valid UTF-8".into()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_files_and_refuses_folders_links_and_escapes() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/x.txt"), "hello").unwrap();
        std::fs::write(tmp.path().join("secret"), "s").unwrap();
        assert_eq!(read_inside(&root, Path::new("a/x.txt"), 10).unwrap(), b"hello");
        assert_eq!(read_inside(&root, Path::new("a/x.txt"), 3), Err(FileProblem::TooBig { size: 5, limit: 3 }));
        assert_eq!(FileProblem::TooBig { size: 10 << 20 | 1, limit: 10 << 20 }.message(), "this file is 10485761 bytes; the limit is 10485760 bytes (10 MiB)");
        assert_eq!(read_inside(&root, Path::new("a"), 10), Err(FileProblem::Folder));
        assert_eq!(read_inside(&root, Path::new("a/none"), 10), Err(FileProblem::Missing));
        assert_eq!(read_inside(&root, Path::new("../secret"), 10), Err(FileProblem::Outside));
        assert_eq!(read_inside(&root, Path::new("../nothing"), 10), Err(FileProblem::Outside));
        assert_eq!(read_inside(&root, &tmp.path().join("secret"), 10), Err(FileProblem::Outside));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret"), root.join("link")).unwrap();
            std::os::unix::fs::symlink("a/x.txt", root.join("inner")).unwrap();
            assert_eq!(read_inside(&root, Path::new("link"), 10), Err(FileProblem::Outside));
            assert_eq!(read_inside(&root, Path::new("inner"), 10).unwrap(), b"hello");
            assert_eq!(read_regular(&root.join("inner"), 10), Err(FileProblem::Symlink));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("pipe");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        assert_eq!(read_regular(&fifo, 10), Err(FileProblem::Special("named pipe (FIFO)")));
        assert_eq!(read_inside(tmp.path(), Path::new("pipe"), 10), Err(FileProblem::Special("named pipe (FIFO)")));
        assert!(read_regular(Path::new("/dev/null"), 10).is_err());
    }
}
