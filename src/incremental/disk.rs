//! The cache of `kyklos build` across runs: the keys of what the last build rendered, kept in a
//! small state file beside the output folder (`.dist.kyklos-state` next to `dist/`, like the
//! staging folder; never inside it, so it is never published). A page or file whose key is
//! unchanged, and whose file in the output folder is still the one that build left (same size,
//! modification time and inode), is kept instead of being rendered again.
//!
//! The file holds what rendering a page found besides its HTML (heading ids, anchor links,
//! warnings), so a kept page is checked and reported like a rendered one. It holds no HTML, no
//! Markdown and no search data: a page whose Markdown a printable page or a package needs, or
//! whose language's search index changed, is rendered again. A state file that is missing,
//! unreadable, written by another version of kyklos or for another folder is ignored; it is
//! written (atomically) only after a build has succeeded.
//!
//! It also holds the record of every file of the output ([`crate::output::record`]): its stamp
//! and the hash of its bytes, so that the next build (`--fresh` too) compares an unchanged
//! file by its hash instead of reading it back.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Cache, Entry, Held, SearchEntry};
use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::AnchorRef;
use crate::output::{FileStamp, Record, Records};

/// Bump when the file's layout or the meaning of a key changes.
const FORMAT: u32 = 2;

/// A state file larger than this is not read (ten thousand pages and their 13,700 files take about 7 MiB).
const MAX_STATE_BYTES: u64 = 256 * 1024 * 1024;

/// Where the state of the build into `out` is kept: beside it.
pub fn path_for(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "dist".into());
    out.with_file_name(format!(".{name}.kyklos-state"))
}

/// This kyklos binary: its version, and the size and time of its executable (a rebuilt kyklos
/// may render differently).
fn identity() -> String {
    let exe = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok());
    let stamp = exe.map(|m| (m.len(), m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map(|d| d.as_nanos())));
    format!("kyklos {} {stamp:?}", env!("CARGO_PKG_VERSION"))
}

#[derive(Serialize, Deserialize)]
struct State {
    format: u32,
    identity: String,
    /// The output folder the state is about.
    out: PathBuf,
    pages: Vec<SavedPage>,
    made: Vec<SavedMade>,
    search: Vec<SavedSearch>,
    /// Every file of the output: (path, stamp, hash), by path.
    files: Vec<(String, FileStamp, u128)>,
}

/// A step's files: (name, key, files with their stamps).
type SavedMade = (String, u64, Vec<(String, FileStamp)>);

#[derive(Serialize, Deserialize)]
struct SavedPage {
    lang: usize,
    page: usize,
    key: u64,
    path: String,
    stamp: FileStamp,
    ids: Vec<String>,
    /// (page, anchor, line, column)
    anchors: Vec<(Option<usize>, String, usize, usize)>,
    /// (warning?, path, line, column, message, hint)
    problems: Vec<(bool, PathBuf, usize, usize, String, Option<String>)>,
}

#[derive(Serialize, Deserialize)]
struct SavedSearch {
    code: String,
    key: u64,
    files: Vec<(String, FileStamp)>,
    /// (docs, words, files, bytes, largest)
    stats: (usize, usize, usize, usize, usize),
}

/// The cache the last build into `out` left (empty if there is none, or it cannot be used).
pub fn load(out: &Path) -> Cache {
    let mut cache = empty();
    let Some(state) = read(out) else { return cache };
    let stamped = |files: Vec<(String, FileStamp)>| -> super::SharedFiles { files.into_iter().map(|(p, s)| (p, Held::Disk(Some(s)))).collect() };
    let pages = state.pages.into_iter().map(|p| {
        let anchors = p.anchors.into_iter().map(|(page, anchor, l, c)| (AnchorRef { offset: 0, page, anchor }, l, c)).collect();
        let problems = p
            .problems
            .into_iter()
            .map(|(warning, path, line, col, message, hint)| Diagnostic {
                severity: if warning { Severity::Warning } else { Severity::Error },
                path,
                line,
                col,
                message,
                hint,
            })
            .collect();
        let entry = Entry {
            key: p.key,
            path: p.path,
            html: Held::Disk(Some(p.stamp)),
            ids: Arc::new(p.ids),
            anchors: Arc::new(anchors),
            problems,
            kept: None,
            search: None,
        };
        ((p.lang, p.page), Arc::new(entry))
    });
    cache.replace(pages.collect());
    cache.files = state.files.into_iter().map(|(path, stamp, hash)| (path, Record { stamp, hash })).collect();
    cache.made = state.made.into_iter().map(|(name, key, files)| (name, (key, stamped(files)))).collect();
    cache.search = state
        .search
        .into_iter()
        .map(|s| {
            let (docs, words, files, bytes, largest) = s.stats;
            let stats = crate::search::Stats { lang: s.code.clone(), docs, words, files, bytes, largest };
            (s.code.clone(), SearchEntry { key: s.key, code: s.code, files: stamped(s.files), stats })
        })
        .collect();
    cache
}

/// Only the records of the output's files: what a `--fresh` build uses of the state (the
/// rest of the file is skipped, not built).
pub fn load_records(out: &Path) -> Records {
    #[derive(Deserialize)]
    struct Files {
        format: u32,
        identity: String,
        out: PathBuf,
        files: Vec<(String, FileStamp, u128)>,
    }
    let state = read_as::<Files>(out).filter(|s| is_current(s.format, &s.identity, &s.out, out));
    state.map(|s| s.files.into_iter().map(|(path, stamp, hash)| (path, Record { stamp, hash })).collect()).unwrap_or_default()
}

fn read(out: &Path) -> Option<State> {
    read_as::<State>(out).filter(|s| is_current(s.format, &s.identity, &s.out, out))
}

/// The state file of the build into `out`, read as `T` (all of it or some of its fields).
fn read_as<T: serde::de::DeserializeOwned>(out: &Path) -> Option<T> {
    let bytes = crate::files::read_regular(&path_for(out), MAX_STATE_BYTES).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Whether a state file is this kyklos binary's, in this layout, about the folder `out`.
fn is_current(format: u32, by: &str, about: &Path, out: &Path) -> bool {
    format == FORMAT && by == identity() && about == out
}

/// Records the cache of a build that has just been committed to `out`, with the records of
/// its files (`files`: their stamps as the build left them). Files without a record are left
/// out. Errors are not fatal: the next build renders everything.
pub fn save(out: &Path, cache: &Cache, files: &Records) -> std::io::Result<()> {
    let fail = std::io::Error::other;
    // The text of [`StateRef`] in parts: its two long lists (the pages and the files) made a
    // thousand items at a time, and its other fields, on every thread.
    let ((pages, made), (files_json, search)) = rayon::join(
        || (json_list(&page_refs(cache, files)), serde_json::to_vec(&made_refs(cache, files))),
        || (json_list(&file_refs(files)), serde_json::to_vec(&search_refs(cache, files))),
    );
    let (pages, made, files_json, search) = (pages.map_err(fail)?, made.map_err(fail)?, files_json.map_err(fail)?, search.map_err(fail)?);
    let mut head = b"{\"format\":".to_vec();
    serde_json::to_writer(&mut head, &FORMAT).map_err(fail)?;
    head.extend_from_slice(b",\"identity\":");
    serde_json::to_writer(&mut head, &identity()).map_err(fail)?;
    head.extend_from_slice(b",\"out\":");
    serde_json::to_writer(&mut head, out).map_err(fail)?;
    head.extend_from_slice(b",\"pages\":");
    let mut parts: Vec<&[u8]> = vec![&head];
    list_parts(&mut parts, &pages);
    parts.extend([b",\"made\":".as_slice(), &made, b",\"search\":", &search, b",\"files\":"]);
    list_parts(&mut parts, &files_json);
    parts.push(b"}");
    let path = path_for(out);
    let partial = path.with_extension("partial");
    write_parts(&std::fs::File::create(&partial)?, &parts)?;
    std::fs::rename(&partial, &path)
}

/// The JSON text of `items` as serde_json writes a list, made a thousand items at a time on
/// every thread: each part is a list itself ([`list_parts`] joins them).
fn json_list<T: Serialize + Sync>(items: &[T]) -> serde_json::Result<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    items.par_chunks(1024).map(serde_json::to_vec).collect()
}

/// The parts [`json_list`] made, as the parts of one list: the items of each, without its
/// brackets, between commas.
fn list_parts<'a>(out: &mut Vec<&'a [u8]>, parts: &'a [Vec<u8>]) {
    out.push(b"[");
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b",");
        }
        out.push(&part[1..part.len() - 1]);
    }
    out.push(b"]");
}

/// Writes `parts` one after another into the empty `file`. On Unix, two threads write half of
/// the bytes each, every part at its place (the state file of a large site is several MiB, and
/// copying it into the file was the build's last step on one core).
fn write_parts(file: &std::fs::File, parts: &[&[u8]]) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        let mut at = Vec::with_capacity(parts.len());
        let mut total = 0u64;
        for part in parts {
            at.push(total);
            total += part.len() as u64;
        }
        let half = at.partition_point(|&offset| offset < total / 2);
        let write = |range: std::ops::Range<usize>| range.into_iter().try_for_each(|i| file.write_all_at(parts[i], at[i]));
        let (first, second) = rayon::join(|| write(0..half), || write(half..parts.len()));
        first.and(second)
    }
    #[cfg(not(unix))]
    {
        use std::io::Write;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
        parts.iter().try_for_each(|part| w.write_all(part))?;
        w.flush()
    }
}

/// The pages of the cache that have a record, in order.
fn page_refs<'a>(cache: &'a Cache, records: &Records) -> Vec<PageRef<'a>> {
    let stamp = |path: &str| records.get(path).map(|r| r.stamp);
    let mut pages: Vec<PageRef<'_>> = cache
        .pages
        .iter()
        .filter_map(|(&(lang, page), e)| {
            Some(PageRef {
                lang,
                page,
                key: e.key,
                path: &e.path,
                stamp: stamp(&e.path)?,
                ids: &e.ids,
                anchors: e.anchors.iter().map(|(a, l, c)| (a.page, a.anchor.as_str(), *l, *c)).collect(),
                problems: e
                    .problems
                    .iter()
                    .map(|d| (d.severity == Severity::Warning, d.path.as_path(), d.line, d.col, d.message.as_str(), d.hint.as_deref()))
                    .collect(),
            })
        })
        .collect();
    pages.sort_by_key(|p| (p.lang, p.page));
    pages
}

/// The steps' files, by step, if every one of a step's files has a record.
fn made_refs<'a>(cache: &'a Cache, records: &Records) -> Vec<MadeRef<'a>> {
    let mut made: Vec<MadeRef<'_>> = cache.made.iter().filter_map(|(name, (key, files))| Some((name.as_str(), *key, stamps(files, records)?))).collect();
    made.sort_by(|a, b| a.0.cmp(b.0));
    made
}

/// The search indexes, by language, if every one of an index's files has a record.
fn search_refs<'a>(cache: &'a Cache, records: &Records) -> Vec<SearchRef<'a>> {
    let mut search: Vec<SearchRef<'_>> = cache
        .search
        .values()
        .filter_map(|s| {
            let st = &s.stats;
            Some(SearchRef { code: &s.code, key: s.key, files: stamps(&s.files, records)?, stats: (st.docs, st.words, st.files, st.bytes, st.largest) })
        })
        .collect();
    search.sort_by(|a, b| a.code.cmp(b.code));
    search
}

/// Every file's record, by path.
fn file_refs(records: &Records) -> Vec<(&str, FileStamp, u128)> {
    let mut files: Vec<(&str, FileStamp, u128)> = records.iter().map(|(p, r)| (p.as_str(), r.stamp, r.hash)).collect();
    files.sort_unstable_by(|a, b| a.0.cmp(b.0));
    files
}

/// The stamps of a step's files, if every one has a record.
fn stamps<'a>(files: &'a super::SharedFiles, records: &Records) -> Option<Vec<(&'a str, FileStamp)>> {
    files.iter().map(|(p, _)| records.get(p).map(|r| (p.as_str(), r.stamp))).collect()
}

/// [`State`] as [`save`] writes it: the same fields, borrowed from the cache instead of copied.
#[cfg(test)]
#[derive(Serialize)]
struct StateRef<'a> {
    format: u32,
    identity: String,
    out: &'a Path,
    pages: Vec<PageRef<'a>>,
    made: Vec<MadeRef<'a>>,
    search: Vec<SearchRef<'a>>,
    files: Vec<(&'a str, FileStamp, u128)>,
}

/// [`SavedMade`], borrowed.
type MadeRef<'a> = (&'a str, u64, Vec<(&'a str, FileStamp)>);

/// [`SavedPage`], borrowed.
#[derive(Serialize)]
struct PageRef<'a> {
    lang: usize,
    page: usize,
    key: u64,
    path: &'a str,
    stamp: FileStamp,
    ids: &'a [String],
    anchors: Vec<(Option<usize>, &'a str, usize, usize)>,
    problems: Vec<ProblemRef<'a>>,
}

/// A problem as [`SavedPage`] keeps it (warning?, path, line, column, message, hint), borrowed.
type ProblemRef<'a> = (bool, &'a Path, usize, usize, &'a str, Option<&'a str>);

/// [`SavedSearch`], borrowed.
#[derive(Serialize)]
struct SearchRef<'a> {
    code: &'a str,
    key: u64,
    files: Vec<(&'a str, FileStamp)>,
    stats: (usize, usize, usize, usize, usize),
}

/// The cache of a build that uses nothing of the last one (`--fresh`).
pub fn empty() -> Cache {
    Cache { disk: true, memo: crate::load::memo::Memo::hashes_only(), ..Cache::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_file_is_the_json_of_its_fields() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let mut cache = empty();
        let stamp = FileStamp { len: 3, modified_ns: 7, changed_ns: 8, inode: 9 };
        let entry = |path: &str, ids: Vec<String>, problems| Entry {
            key: 11,
            path: path.to_string(),
            html: Held::Disk(None),
            ids: Arc::new(ids),
            anchors: Arc::new(vec![(AnchorRef { offset: 0, page: Some(1), anchor: "a\"b".into() }, 2, 3)]),
            problems,
            kept: None,
            search: None,
        };
        let warning = Diagnostic::warning("content/en/x.md", 4, 5, "über \u{7}").with_hint("h");
        cache.replace(
            [((0, 1), Arc::new(entry("en/b.html", vec!["x".into()], vec![warning]))), ((0, 0), Arc::new(entry("en/a.html", vec![], vec![])))]
                .into_iter()
                .collect(),
        );
        let files: Records = ["en/b.html", "en/a.html", "search/en/x.json"].iter().map(|p| (p.to_string(), Record { stamp, hash: 1 << 100 })).collect();
        save(&out, &cache, &files).unwrap();
        let expected = StateRef {
            format: FORMAT,
            identity: identity(),
            out: &out,
            pages: page_refs(&cache, &files),
            made: made_refs(&cache, &files),
            search: search_refs(&cache, &files),
            files: file_refs(&files),
        };
        assert_eq!(std::fs::read(path_for(&out)).unwrap(), serde_json::to_vec(&expected).unwrap());
        assert_eq!(load_records(&out), files);
        assert_eq!(load(&out).pages.len(), 2);
    }

    #[test]
    fn parts_written_by_two_threads_are_the_parts_one_after_another() {
        let tmp = tempfile::tempdir().unwrap();
        let big: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let cases: Vec<Vec<&[u8]>> = vec![
            vec![],
            vec![b""],
            vec![b"{}"],
            vec![b"{", b"", b"\"a\"", b":", &big[..17], b"}"],
            vec![&big[..65_536], b",", &big[..1], &big, b"", &big[3..64]],
        ];
        for (n, parts) in cases.iter().enumerate() {
            let path = tmp.path().join(format!("{n}"));
            write_parts(&std::fs::File::create(&path).unwrap(), parts).unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), parts.concat(), "{n}");
        }
    }

    #[test]
    fn a_list_made_in_parts_is_the_list_serde_json_writes() {
        for n in [0, 1, 1023, 1024, 1025, 2500] {
            let items: Vec<(usize, String)> = (0..n).map(|i| (i, format!("p{i}\""))).collect();
            let lists = json_list(&items).unwrap();
            let mut parts = Vec::new();
            list_parts(&mut parts, &lists);
            assert_eq!(parts.concat(), serde_json::to_vec(&items).unwrap(), "{n}");
        }
    }
}
