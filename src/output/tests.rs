use super::*;

#[test]
fn rebuild_replaces_changes_removes_stale_and_keeps_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let o = Output::begin(&out).unwrap();
    o.write("a.html", b"one").unwrap();
    o.write("x/b.html", b"two").unwrap();
    assert_eq!(o.commit().unwrap().files, 3);
    let o = Output::begin(&out).unwrap();
    o.write("a.html", b"one").unwrap();
    o.write("c.html", b"three").unwrap();
    let s = o.commit().unwrap();
    assert_eq!((s.changed, s.removed), (1, 1));
    assert!(!out.join("x").exists());
    assert_eq!(std::fs::read(out.join("c.html")).unwrap(), b"three");
}

#[test]
fn abort_leaves_old_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let o = Output::begin(&out).unwrap();
    o.write("a.html", b"old").unwrap();
    o.commit().unwrap();
    let o = Output::begin(&out).unwrap();
    o.write("a.html", b"new").unwrap();
    o.abort();
    assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"old");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn memory_keeps_bytes_and_references_copies() {
    let o = Output::memory();
    o.write("a.html", b"one").unwrap();
    o.reference("v.mp4", Path::new("/site/content/en/v.mp4")).unwrap();
    assert!(o.reference("v.mp4", Path::new("/x")).is_err());
    let files = o.into_files();
    assert_eq!(files["a.html"], Stored::Bytes(b"one".as_slice().into()));
    assert_eq!(files["v.mp4"], Stored::File("/site/content/en/v.mp4".into()));
    assert!(Output::dry_run().into_files().is_empty());
}

#[test]
fn refuses_foreign_folders_and_escapes() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("precious.txt"), "x").unwrap();
    assert!(Output::begin(tmp.path()).is_err());
    let o = Output::begin(&tmp.path().join("d")).unwrap();
    assert!(o.write("../x", b"").is_err());
    // An empty or `..` part is named before a name too long (in whichever order they come).
    let long = "n".repeat(300);
    for rel in ["a//b.html", "/a.html", "a/", "a/../b.html", "..", &format!("{long}/../x.html"), &format!("../{long}.html")] {
        assert!(o.write(rel, b"").unwrap_err().to_string().contains("outside the output"), "{rel}");
    }
    let err = o.write(&format!("a/{long}.html/{long}"), b"").unwrap_err().to_string();
    assert!(err.contains(&format!("`{long}.html` is 305 bytes long")), "{err}");
    assert!(o.write("a.html", b"").is_ok());
    assert!(o.write("a.html", b"").is_err());
}

/// A build into `out` of `files`, given the last build's records; returns the summary and the
/// new records.
fn build(out: &Path, last: Records, files: &[(&str, &[u8])]) -> (Summary, Records) {
    let o = Output::begin_after(out, last).unwrap();
    for (rel, bytes) in files {
        o.write(rel, bytes).unwrap();
    }
    o.commit_recorded().unwrap()
}

#[test]
fn with_records_an_unchanged_file_is_not_read_back_and_a_changed_one_is_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let (_, records) = build(&out, Records::default(), &[("a.html", b"same"), ("x/b.html", b"old!")]);
    assert_eq!(records.len(), 3, "every file of the build is recorded (with the marker)");
    let before = FileStamp::of(&out.join("a.html")).unwrap();
    // Same size, same stamps: only the hash tells that b.html changed.
    let (s, records) = build(&out, records, &[("a.html", b"same"), ("x/b.html", b"new!")]);
    assert_eq!((s.read_back, s.changed), (0, 1), "no file is read back; the changed one is written");
    assert_eq!(std::fs::read(out.join("x/b.html")).unwrap(), b"new!");
    assert_eq!(FileStamp::of(&out.join("a.html")), Some(before), "the unchanged file is left as it was");
    assert_eq!(records["a.html"], Record { stamp: before, hash: record::hash(b"same") });
    assert_eq!(records["x/b.html"].stamp, FileStamp::of(&out.join("x/b.html")).unwrap());
    // Without records, files of the same size are read back.
    let (s, _) = build(&out, Records::default(), &[("a.html", b"same"), ("x/b.html", b"new!")]);
    assert_eq!((s.read_back, s.changed), (3, 0));
}

#[test]
fn a_file_changed_since_it_was_recorded_is_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let (_, mut records) = build(&out, Records::default(), &[("a.html", b"abcd")]);
    // Changed by hand to other bytes of the same size, with the old modification time.
    let path = out.join("a.html");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, b"wxyz").unwrap();
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(modified).unwrap();
    let (s, _) = build(&out, records.clone(), &[("a.html", b"abcd")]);
    assert_eq!((s.read_back, s.changed), (1, 1));
    assert_eq!(std::fs::read(&path).unwrap(), b"abcd");
    // A wrong record of the right stamp could only claim a change: the file is written again.
    records.insert("a.html".into(), Record { stamp: FileStamp::of(&path).unwrap(), hash: 0 });
    let (s, _) = build(&out, records, &[("a.html", b"abcd")]);
    assert_eq!((s.read_back, s.changed), (0, 1));
    assert_eq!(std::fs::read(&path).unwrap(), b"abcd");
}

#[test]
fn copied_files_are_recorded_and_compared_by_their_hash() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, source) = (tmp.path().join("dist"), tmp.path().join("video.mp4"));
    let copy = |last: Records| {
        let o = Output::begin_after(&out, last).unwrap();
        let size = std::fs::metadata(&source).unwrap().len();
        o.copy_from("media/video.mp4", std::fs::File::open(&source).unwrap(), size).unwrap();
        o.commit_recorded().unwrap()
    };
    std::fs::write(&source, vec![7u8; 200_000]).unwrap();
    let (_, records) = copy(Records::default());
    let copied = FileStamp::of(&out.join("media/video.mp4")).unwrap();
    assert_eq!(records["media/video.mp4"], Record { stamp: copied, hash: record::hash(&[7u8; 200_000]) });
    let (s, records) = copy(records);
    assert_eq!((s.read_back, s.changed), (0, 0));
    assert_eq!(FileStamp::of(&out.join("media/video.mp4")), Some(copied));
    let mut changed = vec![7u8; 200_000];
    changed[199_999] = 8;
    std::fs::write(&source, &changed).unwrap();
    let (s, _) = copy(records);
    assert_eq!((s.read_back, s.changed), (0, 1));
    assert_eq!(std::fs::read(out.join("media/video.mp4")).unwrap(), changed);
}

#[test]
fn a_left_out_language_keeps_its_records() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let (_, records) = build(&out, Records::default(), &[("en/a.html", b"a"), ("el/a.html", b"b"), ("search/el/x.json", b"c")]);
    let mut o = Output::begin_after(&out, records.clone()).unwrap();
    o.skip_languages(["el".to_string()].into());
    o.write("en/a.html", b"a").unwrap();
    let (_, again) = o.commit_recorded().unwrap();
    assert_eq!(again, records);
}

/// Stale files anywhere below the output are removed, folders left empty too, a link is
/// removed and never followed, and what the build wrote stays.
#[test]
fn stale_files_are_removed_at_every_depth_and_links_are_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("keep.txt"), "not ours").unwrap();
    let o = Output::begin(&out).unwrap();
    for rel in ["a.html", "en/x/deep/b.html", "en/x/c.html", "el/d.html"] {
        o.write(rel, rel.as_bytes()).unwrap();
    }
    o.commit().unwrap();
    // Left by hand in the output: a file, a folder of files, a link to a folder outside.
    std::fs::write(out.join("en/x/deep/mine.txt"), "x").unwrap();
    std::fs::create_dir_all(out.join("en/junk/more")).unwrap();
    std::fs::write(out.join("en/junk/more/j.txt"), "j").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, out.join("en/link")).unwrap();
    let o = Output::begin(&out).unwrap();
    for rel in ["a.html", "en/x/c.html", "el/d.html"] {
        o.write(rel, rel.as_bytes()).unwrap();
    }
    let s = o.commit().unwrap();
    let links = usize::from(cfg!(unix));
    assert_eq!(s.removed, 3 + links, "b.html, mine.txt, j.txt and the link");
    for gone in ["en/x/deep", "en/junk", "en/link"] {
        assert!(std::fs::symlink_metadata(out.join(gone)).is_err(), "{gone} is still there");
    }
    for kept in ["a.html", "en/x/c.html", "el/d.html"] {
        assert_eq!(std::fs::read(out.join(kept)).unwrap(), kept.as_bytes());
    }
    assert_eq!(std::fs::read_to_string(outside.join("keep.txt")).unwrap(), "not ours", "a link was followed");
}

/// A folder of the output replaced by a link (here to a copy of it outside the output) holds
/// nothing the build can keep: its files are written into a real folder in the link's place,
/// and the copy the link led to is left alone.
#[cfg(unix)]
#[test]
fn a_folder_replaced_by_a_link_is_written_again_as_a_real_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("dist");
    let files: &[(&str, &[u8])] = &[("a.html", b"a"), ("en/x/c.html", b"c"), ("en/d.html", b"d")];
    let (_, records) = build(&out, Records::default(), files);
    let moved = tmp.path().join("moved-en");
    std::fs::rename(out.join("en"), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, out.join("en")).unwrap();
    let (s, _) = build(&out, records, files);
    assert_eq!(s.changed, 2, "both files below the link are written");
    assert!(std::fs::symlink_metadata(out.join("en")).unwrap().is_dir(), "a real folder, not the link");
    for (rel, bytes) in files {
        assert_eq!(std::fs::read(out.join(rel)).unwrap(), *bytes, "{rel}");
        assert!(std::fs::symlink_metadata(out.join(rel)).unwrap().is_file());
    }
    assert_eq!(std::fs::read(moved.join("x/c.html")).unwrap(), b"c", "the copy the link led to is left alone");
}
