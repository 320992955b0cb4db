//! Linux: [`read`] opens a file below the site folder in two system calls. `openat2` with
//! `RESOLVE_BENEATH` resolves the path below the folder's handle and fails if anything on the
//! way (`..`, an absolute path, a symbolic link) leads out of it: the kernel checks what
//! [`super::resolve_inside`] checks with `canonicalize`, a `readlink` per path component (eleven
//! per file for the course of the benchmark, 139,000 system calls for 10,000 lessons).
//!
//! The folder's handle is opened once per build ([`hold`]) rather than once per file.
//!
//! Only success and a file over the limit are answered here; anything else (a missing file, a
//! folder, a pipe, a link that leads out, a kernel before 5.6 or a sandbox that refuses
//! `openat2`) is left to the portable path, which names the problem.

use std::ffi::CString;
use std::fs::{File, Metadata};
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::FileProblem;

/// The folders held open ([`hold`]): path, handle, and how many holds are out.
static HELD: Mutex<Vec<(PathBuf, Arc<OwnedFd>, usize)>> = Mutex::new(Vec::new());

/// Keeps a folder's handle open for [`read`] until it is dropped.
pub struct Hold(Option<PathBuf>);

/// Holds `root`'s handle open while the result lives: every [`read`] below `root` meanwhile
/// uses it. A folder replaced meanwhile is read through the old handle, as a build that had
/// started reading it would.
pub fn hold(root: &Path) -> Hold {
    let Ok(mut held) = HELD.lock() else { return Hold(None) };
    if let Some(entry) = held.iter_mut().find(|e| e.0 == root) {
        entry.2 += 1;
        return Hold(Some(root.to_path_buf()));
    }
    match open_dir(root) {
        Some(fd) => {
            held.push((root.to_path_buf(), Arc::new(fd), 1));
            Hold(Some(root.to_path_buf()))
        }
        None => Hold(None),
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        let (Some(root), Ok(mut held)) = (self.0.take(), HELD.lock()) else { return };
        if let Some(i) = held.iter().position(|e| e.0 == root) {
            held[i].2 -= 1;
            if held[i].2 == 0 {
                held.swap_remove(i);
            }
        }
    }
}

/// A handle on the folder at `root` that opens nothing itself.
fn open_dir(root: &Path) -> Option<OwnedFd> {
    let root = CString::new(root.as_os_str().as_bytes()).ok()?;
    // SAFETY: a valid C string; the descriptor is owned right after.
    let dir = unsafe { libc::open(root.as_ptr(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC) };
    // SAFETY: a non-negative result is a new descriptor that nothing else owns.
    (dir >= 0).then(|| unsafe { OwnedFd::from_raw_fd(dir) })
}

/// `path` opened relative to `dir` with `flags`, never leaving `dir`.
fn open_beneath(dir: RawFd, path: &CString, flags: i32) -> Option<OwnedFd> {
    // SAFETY: `open_how` is three integers, for which zero is a valid value.
    let mut how: libc::open_how = unsafe { std::mem::zeroed() };
    how.flags = (flags | libc::O_CLOEXEC) as u64;
    how.resolve = libc::RESOLVE_BENEATH | libc::RESOLVE_NO_MAGICLINKS;
    // SAFETY: `path` is a valid C string and `how` a valid `open_how` of the size passed; the
    // kernel reads both during the call only.
    let fd = unsafe { libc::syscall(libc::SYS_openat2, dir, path.as_ptr(), &how as *const libc::open_how, std::mem::size_of::<libc::open_how>()) };
    // SAFETY: a non-negative result is a new descriptor that nothing else owns.
    (fd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

/// The file at `rel` below `root` if it is a regular file inside `root`, read whole, with the
/// metadata of the descriptor read; a file over `limit` bytes is refused before it is read.
/// `listed`: a walk has just seen a regular file at `rel` (see [`super::read_listed`]), so it
/// is opened for reading straight away and checked on the descriptor; otherwise a handle that
/// opens nothing (`O_PATH`) says what the path names first. `None`: ask the portable path.
pub fn read(root: &Path, rel: &Path, limit: u64, listed: bool) -> Option<Result<(Vec<u8>, Metadata), FileProblem>> {
    let rel = CString::new(rel.as_os_str().as_bytes()).ok()?;
    let held = HELD.lock().ok().and_then(|h| h.iter().find(|e| e.0 == root).map(|e| Arc::clone(&e.1)));
    let own;
    let dir = match &held {
        Some(fd) => fd.as_raw_fd(),
        None => {
            own = open_dir(root)?;
            own.as_raw_fd()
        }
    };
    let reading = libc::O_RDONLY | libc::O_NONBLOCK | libc::O_NOCTTY;
    let (file, what) = if listed {
        // Whatever the path names now is checked on the descriptor before a byte is read: a
        // pipe swapped in since the walk is opened without blocking (`O_NONBLOCK`) and closed.
        let file = File::from(open_beneath(dir, &rel, reading)?);
        let what = file.metadata().ok()?;
        (file, what)
    } else {
        // A handle that does not open the file (`O_PATH`) says what it is, so a pipe or a
        // device is never opened.
        let what = File::from(open_beneath(dir, &rel, libc::O_PATH)?).metadata().ok()?;
        if !what.is_file() {
            return None;
        }
        if what.len() > limit {
            return Some(Err(FileProblem::TooBig { size: what.len(), limit }));
        }
        // What the path named a moment ago was a regular file; whatever it names now cannot
        // block (`O_NONBLOCK`) and is read to the limit only.
        (File::from(open_beneath(dir, &rel, reading)?), what)
    };
    if !what.is_file() {
        return None;
    }
    if what.len() > limit {
        return Some(Err(FileProblem::TooBig { size: what.len(), limit }));
    }
    let bytes = match read_whole(file, what.len(), limit) {
        Ok(bytes) => bytes,
        Err(e) => return Some(Err(super::io_problem(e))),
    };
    if bytes.len() as u64 > limit {
        return Some(Err(FileProblem::TooBig { size: bytes.len() as u64, limit }));
    }
    Some(Ok((bytes, what)))
}

/// The bytes of `file`, whose metadata gave `size`, to its end and at most `limit + 1`: one
/// read asks for `size + 1` bytes, and a regular file that gives exactly `size` of them has
/// ended there (a regular file reads short only at its end), so the empty read that `read_to_end`
/// makes to see the end is spared (one system call a file). A file that gave more (it grew) or
/// fewer is read on to its end as before.
fn read_whole(file: File, size: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    let want = size.min(limit) as usize + 1;
    let mut bytes: Vec<u8> = Vec::with_capacity(want);
    let spare = bytes.spare_capacity_mut();
    // SAFETY: `read` writes at most `spare.len()` bytes into memory the vector owns and does
    // not hold on to the pointer.
    let n = unsafe { libc::read(file.as_raw_fd(), spare.as_mut_ptr().cast(), spare.len()) };
    if n >= 0 {
        // SAFETY: the kernel has written the first `n` bytes (`n <= want`, the capacity).
        unsafe { bytes.set_len(n as usize) };
        if n as u64 == size && (n as usize) < want {
            return Ok(bytes);
        }
    }
    // Grown, shrunk, interrupted or failed: the rest the portable way (a failure is met again).
    let read = bytes.len() as u64;
    file.take((limit + 1).saturating_sub(read)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_inside_and_leaves_everything_else_to_the_portable_path() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/x.txt"), "hello").unwrap();
        std::fs::write(tmp.path().join("secret"), "s").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret"), root.join("out")).unwrap();
        std::os::unix::fs::symlink("../secret", root.join("up")).unwrap();
        std::os::unix::fs::symlink("a/x.txt", root.join("inner")).unwrap();
        assert!(std::process::Command::new("mkfifo").arg(root.join("pipe")).status().unwrap().success());
        for listed in [false, true] {
            let read = |rel: &str, limit| read(&root, Path::new(rel), limit, listed).map(|r| r.map(|(bytes, _)| bytes));
            if open_beneath(libc::AT_FDCWD, &CString::new(".").unwrap(), libc::O_PATH).is_none() {
                // A kernel before 5.6 or a sandbox without `openat2`: everything goes the portable way.
                let err = std::io::Error::last_os_error().raw_os_error();
                assert!(matches!(err, Some(libc::ENOSYS | libc::EPERM)), "{err:?}");
                assert_eq!(read("a/x.txt", 10), None);
                return;
            }
            assert_eq!(read("a/x.txt", 10), Some(Ok(b"hello".to_vec())));
            assert_eq!(read("inner", 10), Some(Ok(b"hello".to_vec())));
            assert_eq!(read("a/../a/x.txt", 10), Some(Ok(b"hello".to_vec())));
            assert_eq!(read("a/x.txt", 4), Some(Err(FileProblem::TooBig { size: 5, limit: 4 })));
            // Out of the folder: refused by the kernel, never read.
            for rel in ["out", "up", "../secret", tmp.path().join("secret").to_str().unwrap()] {
                assert_eq!(read(rel, 10), None, "{rel}");
            }
            // Not a regular file, or not there: named by the portable path.
            for rel in ["a", "pipe", "none", ""] {
                assert_eq!(read(rel, 10), None, "{rel}");
            }
        }
    }

    /// One read with the end seen, against `read_to_end`: empty files, sizes around 16, 32 and
    /// 64 bytes, non-ASCII text, a file that grew since its size was taken and the limit.
    #[test]
    fn a_file_is_read_whole_as_read_to_end_reads_it() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("f");
        let plain = |limit: u64| {
            let mut bytes = Vec::new();
            File::open(&path).unwrap().take(limit + 1).read_to_end(&mut bytes).unwrap();
            bytes
        };
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 4096, 100_000] {
            let text: String = "αβγ word ".chars().cycle().take(len).collect();
            std::fs::write(&path, &text).unwrap();
            let size = text.len() as u64;
            for limit in [size, size + 10, size.saturating_sub(1), 10] {
                assert_eq!(read_whole(File::open(&path).unwrap(), size, limit).unwrap(), plain(limit), "{len} {limit}");
            }
            // Grown or shrunk since its size was taken: read to its end all the same.
            for old in [size + 5, size / 2] {
                assert_eq!(read_whole(File::open(&path).unwrap(), old, 1 << 20).unwrap(), text.as_bytes(), "{len} {old}");
            }
        }
    }

    #[test]
    fn a_held_folder_is_read_through_one_handle_until_the_last_hold_is_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("x.txt"), "hello").unwrap();
        std::fs::write(tmp.path().join("secret"), "s").unwrap();
        std::os::unix::fs::symlink("../secret", root.join("up")).unwrap();
        let held = || HELD.lock().unwrap().iter().find(|e| e.0 == root).map(|e| e.2);
        let outer = hold(&root);
        let inner = hold(&root);
        if held().is_none() {
            return; // no handle could be opened: every read opens its own
        }
        assert_eq!(held(), Some(2));
        // The same answers as without a hold, the way out still refused.
        let read = |rel: &str, limit| read(&root, Path::new(rel), limit, false).map(|r| r.map(|(bytes, _)| bytes));
        assert_eq!(read("x.txt", 10), Some(Ok(b"hello".to_vec())));
        assert_eq!(read("x.txt", 4), Some(Err(FileProblem::TooBig { size: 5, limit: 4 })));
        assert_eq!(read("up", 10), None);
        drop(inner);
        assert_eq!(held(), Some(1));
        drop(outer);
        assert_eq!(held(), None);
        assert_eq!(read("x.txt", 10), Some(Ok(b"hello".to_vec())));
    }
}
