//! What a build records of each file it leaves in the output folder, so that the next build
//! into the same folder can tell an unchanged file without reading it back: the file's stamp
//! (size, modification time, inode) and a hash of its bytes.
//!
//! A file whose stamp is still the recorded one is the file that build left; if the new bytes
//! hash to the recorded hash, it already holds them. Any other file is compared by reading it
//! back, so a missing or wrong record only costs time, never a wrong file.

use std::io;
use std::path::Path;

use twox_hash::XxHash3_128;

/// What the file system says about a file of the output (size, modification and change
/// times, inode): a file whose stamp is the one the last build recorded is the file that
/// build left. Any write or rename changes the change time, which no tool can set (a copy
/// that keeps the modification time still gets a new one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStamp {
    pub len: u64,
    pub modified_ns: u128,
    pub changed_ns: u128,
    pub inode: u64,
}

impl FileStamp {
    /// The stamp of a regular file (never of a link or a folder).
    pub fn of(path: &Path) -> Option<FileStamp> {
        FileStamp::from_meta(&std::fs::symlink_metadata(path).ok()?)
    }

    /// The stamp of a regular file from its metadata (`None` for a link or a folder).
    pub fn from_meta(meta: &std::fs::Metadata) -> Option<FileStamp> {
        if !meta.is_file() {
            return None;
        }
        let modified_ns = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
        #[cfg(unix)]
        let (changed_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            let changed = u128::try_from(meta.ctime()).ok()? * 1_000_000_000 + u128::try_from(meta.ctime_nsec()).ok()?;
            (changed, meta.ino())
        };
        #[cfg(not(unix))]
        let (changed_ns, inode) = (0, 0);
        Some(FileStamp { len: meta.len(), modified_ns, changed_ns, inode })
    }
}

/// A file as a build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub stamp: FileStamp,
    /// [`hash`] of its bytes.
    pub hash: u128,
}

/// The files of a build, by output path (forward slashes), on FxHash: the keys are the build's
/// own paths.
pub type Records = rustc_hash::FxHashMap<String, Record>;

/// The hash of a file's bytes: XXH3, 128 bits. Not cryptographic: it tells the build's own
/// output from the previous build's, which no one crafts collisions for; a file that someone
/// changed has another stamp and is read back instead.
pub fn hash(bytes: &[u8]) -> u128 {
    XxHash3_128::oneshot(bytes)
}

/// [`hash`] of everything `reader` gives, read in pieces.
pub fn hash_reader(reader: &mut impl io::Read) -> io::Result<u128> {
    let mut hasher = XxHash3_128::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match reader.read(&mut buf)? {
            0 => return Ok(hasher.finish_128()),
            n => hasher.write(&buf[..n]),
        }
    }
}

/// Copies `from` to `to` in pieces; returns the [`hash`] of what was copied.
pub fn copy_hashing(from: &mut impl io::Read, to: &mut impl io::Write) -> io::Result<u128> {
    let mut hasher = XxHash3_128::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match from.read(&mut buf)? {
            0 => return Ok(hasher.finish_128()),
            n => {
                hasher.write(&buf[..n]);
                to.write_all(&buf[..n])?;
            }
        }
    }
}

/// Whether `old` and `new` give the same bytes (compared in pieces); if they do, the
/// [`hash`] of those bytes.
pub fn same_bytes(mut old: impl io::Read, new: &mut impl io::Read) -> io::Result<Option<u128>> {
    let (mut x, mut y) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    let mut hasher = XxHash3_128::new();
    loop {
        let n = old.read(&mut x)?;
        if n == 0 {
            return Ok((new.read(&mut y[..1])? == 0).then(|| hasher.finish_128()));
        }
        if new.read_exact(&mut y[..n]).is_err() || x[..n] != y[..n] {
            return Ok(None);
        }
        hasher.write(&y[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hashes are XXH3's (its reference values, as the xxHash library gives them): the
    /// records of the last build stay valid whatever crate computes them.
    #[test]
    fn the_hashes_are_xxh3s() {
        let long: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert_eq!(hash(b""), 0x99aa_06d3_0147_98d8_6001_c324_468d_497f);
        assert_eq!(hash(b"<p>kyklos</p>\n"), 0x45e7_e529_c9f8_a087_d05f_4e9c_ec3e_ebde);
        assert_eq!(hash(&long), 0x9719_56c2_a9ec_b28a_8533_77ef_13ce_c7bd);
        assert_eq!(hash_reader(&mut &long[..]).ok(), Some(hash(&long)));
        let text: String = (0..5000u32).map(|i| char::from(b'a' + (i * 7 % 26) as u8)).collect();
        assert_eq!(crate::load::memo::body_hash(&text), 0x32c2_9ee8_f3d2_bd52);
        assert_eq!(crate::load::memo::body_hash("# A lesson\n"), 0x04fe_49a1_88ef_c32d);
    }

    #[test]
    fn the_hash_in_pieces_is_the_hash_of_the_whole() {
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = hash(&bytes);
        assert_eq!(hash_reader(&mut &bytes[..]).unwrap(), whole);
        let mut copy = Vec::new();
        assert_eq!(copy_hashing(&mut &bytes[..], &mut copy).unwrap(), whole);
        assert_eq!(copy, bytes);
        assert_eq!(same_bytes(&bytes[..], &mut &bytes[..]).unwrap(), Some(whole));
        let mut other = bytes.clone();
        other[150_000] ^= 1;
        assert_eq!(same_bytes(&bytes[..], &mut &other[..]).unwrap(), None);
        assert_ne!(hash(&other), whole);
        assert_eq!(same_bytes(&bytes[..], &mut &bytes[..100]).unwrap(), None);
        assert_eq!(same_bytes(&bytes[..100], &mut &bytes[..]).unwrap(), None);
    }
}
