//! Linux: [`read`] opens a file below the site folder in two system calls. `openat2` with
//! `RESOLVE_BENEATH` resolves the path below the folder's handle and fails if anything on the
//! way (`..`, an absolute path, a symbolic link) leads out of it: the kernel checks what
//! [`super::resolve_inside`] checks with `canonicalize`, a `readlink` per path component (eleven
//! per file for the course of the benchmark, 139,000 system calls for 10,000 lessons).
//!
//! Only success and a file over the limit are answered here; anything else (a missing file, a
//! folder, a pipe, a link that leads out, a kernel before 5.6 or a sandbox that refuses
//! `openat2`) is left to the portable path, which names the problem.

use std::ffi::CString;
use std::fs::File;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use super::FileProblem;

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

/// The file at `rel` below `root` if it is a regular file inside `root`, read whole; a file
/// over `limit` bytes is refused before it is read. `None`: ask the portable path.
pub fn read(root: &Path, rel: &Path, limit: u64) -> Option<Result<Vec<u8>, FileProblem>> {
    let root = CString::new(root.as_os_str().as_bytes()).ok()?;
    let rel = CString::new(rel.as_os_str().as_bytes()).ok()?;
    // SAFETY: a valid C string; the descriptor is owned right after.
    let dir = unsafe { libc::open(root.as_ptr(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC) };
    if dir < 0 {
        return None;
    }
    // SAFETY: a new descriptor that nothing else owns.
    let dir = unsafe { OwnedFd::from_raw_fd(dir) };
    // A handle that does not open the file (`O_PATH`) says what it is, so a pipe or a device
    // is never opened.
    let what = File::from(open_beneath(dir.as_raw_fd(), &rel, libc::O_PATH)?).metadata().ok()?;
    if !what.is_file() {
        return None;
    }
    if what.len() > limit {
        return Some(Err(FileProblem::TooBig { size: what.len(), limit }));
    }
    let file = File::from(open_beneath(dir.as_raw_fd(), &rel, libc::O_RDONLY | libc::O_NONBLOCK)?);
    Some(super::read_open(file, limit))
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
        let read = |rel: &str, limit| read(&root, Path::new(rel), limit);
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
