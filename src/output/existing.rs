//! What the output folder holds at a path before the build writes it: a regular file's size and
//! stamp, or nothing (missing, a link, a folder, anything else). Every file of a build is
//! asked once ([`super::Output::write`]), so on a large site this is tens of thousands of
//! look-ups of paths six folders deep.
//!
//! Linux: each folder of the output is opened once (`openat2` with `O_PATH`, below the output's
//! own handle, through no symbolic link: `RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS`), and a file is
//! looked up by its name in its folder's handle (`fstatat` with `AT_SYMLINK_NOFOLLOW`): one path
//! component walked instead of the whole path. A folder that is a link, or that is not there, is
//! nothing to compare with: the file is written, and the commit puts a real folder in the link's
//! place. Elsewhere, or where `openat2` is refused (a kernel before 5.6, a sandbox), the whole
//! path is looked up with `symlink_metadata`, which does not follow a link at the file itself.

use std::path::{Path, PathBuf};

use super::FileStamp;

/// A regular file's size and stamp (`None` when the file system gives no usable time).
pub type Found = (u64, Option<FileStamp>);

/// The output folder `out`, asked what it holds at a path.
pub struct Existing {
    out: PathBuf,
    #[cfg(target_os = "linux")]
    handles: Option<linux::Handles>,
}

impl Existing {
    pub fn new(out: &Path) -> Existing {
        Existing {
            out: out.to_path_buf(),
            #[cfg(target_os = "linux")]
            handles: linux::Handles::open(out),
        }
    }

    /// The regular file at `rel` (forward slashes, below the output), if one is there.
    pub fn regular(&self, rel: &str) -> Option<Found> {
        #[cfg(target_os = "linux")]
        if let Some(handles) = &self.handles {
            if let Some(found) = handles.regular(rel) {
                return found;
            }
        }
        portable(&self.out, rel)
    }

    /// The stamp of the regular file at `rel`, if one is there and has one.
    pub fn stamp(&self, rel: &str) -> Option<FileStamp> {
        self.regular(rel).and_then(|(_, stamp)| stamp)
    }
}

/// [`Existing::regular`] by the whole path.
fn portable(out: &Path, rel: &str) -> Option<Found> {
    let meta = std::fs::symlink_metadata(out.join(rel)).ok().filter(|m| m.is_file())?;
    Some((meta.len(), FileStamp::from_meta(&meta)))
}

#[cfg(target_os = "linux")]
mod linux {
    use std::ffi::CString;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;
    use std::sync::{Arc, Mutex};

    use super::{FileStamp, Found};

    /// At most this many folders are held open at once (a process may open 1,024 files on many
    /// systems); a folder beyond them is opened for its look-up and closed again.
    const MAX_HELD: usize = 256;

    /// The output's handle and those of its folders opened so far, by path from the output
    /// (`None`: no real folder there).
    pub struct Handles {
        root: OwnedFd,
        folders: Mutex<rustc_hash::FxHashMap<String, Option<Arc<OwnedFd>>>>,
    }

    impl Handles {
        /// `None` when the output folder cannot be opened (not there yet) or `openat2` is
        /// refused: then every look-up takes the portable path.
        pub fn open(out: &Path) -> Option<Handles> {
            let path = CString::new(out.as_os_str().as_bytes()).ok()?;
            // SAFETY: a valid C string; the descriptor is owned right after.
            let fd = unsafe { libc::open(path.as_ptr(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC) };
            if fd < 0 {
                return None;
            }
            // SAFETY: a non-negative result is a new descriptor that nothing else owns.
            let root = unsafe { OwnedFd::from_raw_fd(fd) };
            // The output's own handle, asked for itself: tells whether `openat2` is there.
            folder(root.as_raw_fd(), ".").ok()?;
            Some(Handles { root, folders: Mutex::default() })
        }

        /// [`super::Existing::regular`]: `None` to ask the portable path, `Some(None)` when
        /// there is no regular file at `rel` below real folders.
        pub fn regular(&self, rel: &str) -> Option<Option<Found>> {
            let (dir, name) = match rel.rsplit_once('/') {
                Some((dir, name)) => (dir, name),
                None => return Some(stat_at(self.root.as_raw_fd(), rel)),
            };
            let held = {
                let folders = self.folders.lock().ok()?;
                folders.get(dir).cloned()
            };
            let handle = match held {
                Some(handle) => handle,
                None => {
                    let handle = match folder(self.root.as_raw_fd(), dir) {
                        Ok(fd) => Some(Arc::new(fd)),
                        Err(Refused) => return None,
                        Err(NotAFolder) => None,
                    };
                    let mut folders = self.folders.lock().ok()?;
                    if folders.len() < MAX_HELD {
                        folders.insert(dir.to_string(), handle.clone());
                    }
                    handle
                }
            };
            Some(handle.and_then(|fd| stat_at(fd.as_raw_fd(), name)))
        }
    }

    /// Why a folder could not be opened.
    enum Opened {
        /// `openat2` is not there or not allowed: ask the portable path.
        Refused,
        /// Not a real folder below the output (missing, a file, a link on the way).
        NotAFolder,
    }
    use Opened::{NotAFolder, Refused};

    /// The folder at `rel` below `root`, through no symbolic link, as a handle that opens nothing.
    fn folder(root: RawFd, rel: &str) -> Result<OwnedFd, Opened> {
        let path = CString::new(rel).map_err(|_| NotAFolder)?;
        // SAFETY: `open_how` is three integers, for which zero is a valid value.
        let mut how: libc::open_how = unsafe { std::mem::zeroed() };
        how.flags = (libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC) as u64;
        how.resolve = libc::RESOLVE_BENEATH | libc::RESOLVE_NO_SYMLINKS | libc::RESOLVE_NO_MAGICLINKS;
        // SAFETY: `path` is a valid C string and `how` a valid `open_how` of the size passed;
        // the kernel reads both during the call only.
        let fd = unsafe { libc::syscall(libc::SYS_openat2, root, path.as_ptr(), &how as *const libc::open_how, std::mem::size_of::<libc::open_how>()) };
        if fd >= 0 {
            // SAFETY: a non-negative result is a new descriptor that nothing else owns.
            return Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) });
        }
        match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::ENOSYS | libc::EPERM | libc::EINVAL | libc::E2BIG) => Err(Refused),
            _ => Err(NotAFolder),
        }
    }

    /// The regular file `name` in the folder `dir` (a link there is not followed).
    fn stat_at(dir: RawFd, name: &str) -> Option<Found> {
        let name = CString::new(name).ok()?;
        // SAFETY: `stat` is plain integers, for which zero is a valid value.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        // SAFETY: `name` is a valid C string and `st` a `stat` the call fills in.
        if unsafe { libc::fstatat(dir, name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) } != 0 {
            return None;
        }
        if st.st_mode & libc::S_IFMT != libc::S_IFREG {
            return None;
        }
        Some((st.st_size as u64, stamp(&st)))
    }

    /// What [`FileStamp::from_meta`] makes of the same metadata: no stamp for a time before
    /// 1970 (`SystemTime::duration_since` fails there).
    fn stamp(st: &libc::stat) -> Option<FileStamp> {
        let ns = |sec: i64, nsec: i64| Some(u128::try_from(sec).ok()? * 1_000_000_000 + u128::try_from(nsec).ok()?);
        Some(FileStamp {
            len: st.st_size as u64,
            modified_ns: ns(st.st_mtime, st.st_mtime_nsec)?,
            changed_ns: ns(st.st_ctime, st.st_ctime_nsec)?,
            inode: st.st_ino,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The handles' answers are the portable path's for files, folders, missing paths and
    /// links at the file; a link on the way is nothing there (the portable path follows it).
    #[test]
    fn a_file_is_found_as_the_portable_path_finds_it() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        std::fs::create_dir_all(out.join("en/course/module")).unwrap();
        std::fs::write(out.join("top.html"), "top").unwrap();
        std::fs::write(out.join("en/course/module/lesson.html"), "a lesson").unwrap();
        std::fs::write(out.join("en/course/index.html"), "").unwrap();
        std::fs::write(tmp.path().join("outside.html"), "outside").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("outside.html"), out.join("en/link.html")).unwrap();
            std::os::unix::fs::symlink("course", out.join("en/linked")).unwrap();
        }
        let existing = Existing::new(&out);
        for rel in [
            "top.html",
            "en/course/module/lesson.html",
            "en/course/index.html",
            "en/link.html",
            "en/course",
            "en/course/module",
            "none.html",
            "en/none/x.html",
            "top.html/x.html",
            "en/course/module/lesson.html/x",
        ] {
            for _ in 0..2 {
                assert_eq!(existing.regular(rel), portable(&out, rel), "{rel}");
            }
        }
        let found = existing.regular("en/course/module/lesson.html").unwrap();
        assert_eq!(found, (8, FileStamp::of(&out.join("en/course/module/lesson.html"))));
        assert!(found.1.is_some());
        assert_eq!(existing.stamp("top.html"), FileStamp::of(&out.join("top.html")));
        #[cfg(unix)]
        {
            let through_link = portable(&out, "en/linked/index.html");
            assert!(through_link.is_some(), "the portable path follows a link on the way");
            #[cfg(target_os = "linux")]
            if existing.handles.is_some() {
                assert_eq!(existing.regular("en/linked/index.html"), None, "a link on the way is nothing to compare with");
            }
        }
        // An output folder that is not there yet holds nothing.
        assert_eq!(Existing::new(&tmp.path().join("none")).regular("top.html"), None);
    }

    /// Past the handles held open, folders are still looked up (and closed again).
    #[cfg(target_os = "linux")]
    #[test]
    fn more_folders_than_are_held_open_are_found_too() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        for n in 0..300 {
            std::fs::create_dir_all(out.join(format!("f{n}"))).unwrap();
            std::fs::write(out.join(format!("f{n}/x.html")), format!("{n}")).unwrap();
        }
        let existing = Existing::new(&out);
        for round in 0..2 {
            for n in 0..300 {
                let rel = format!("f{n}/x.html");
                assert_eq!(existing.regular(&rel), portable(&out, &rel), "{rel}, round {round}");
                assert!(existing.regular(&rel).is_some());
            }
        }
    }
}
