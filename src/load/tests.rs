use super::*;
use crate::files::{decode, sha256_hex};

#[test]
fn a_build_keeps_bodies_from_the_load_and_a_preview_does_not() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("site.yaml"), "title: T\nlanguages:\n  - code: en\n    name: English\n").unwrap();
    std::fs::create_dir_all(root.join("content/en")).unwrap();
    std::fs::write(root.join("content/en/index.md"), "---\ntitle: Home\n---\n\nThe body.\n").unwrap();
    // Not "racy" (written just before it is read), so that the memo gives it back.
    let file = std::fs::File::options().write(true).open(root.join("content/en/index.md")).unwrap();
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(10)).unwrap();
    drop(file);
    let load = |memo: Option<&mut memo::Memo>, keep: bool| {
        let mut diags = Diagnostics::new();
        let config = Config::from_root(root, &mut diags).expect("site.yaml");
        let site = load_site_with(root, config, memo, keep, &mut diags);
        assert!(!diags.has_errors(), "{diags:?}");
        site.langs[0].pages[0].body.clone()
    };
    assert_eq!(load(None, true), "\nThe body.\n");
    // A build with a state file keeps the body too, but its memo does not hold it.
    let mut memo = memo::Memo::default();
    assert_eq!(load(Some(&mut memo), true), "\nThe body.\n");
    let read = memo.get(Path::new("content/en/index.md"), memo::Stamp::of(&std::fs::metadata(root.join("content/en/index.md")).unwrap()), false);
    assert_eq!(read.and_then(|r| r.page.as_ref()).map(|p| p.body.as_str()), Some(""), "the memo holds a body");
    assert_eq!(load(Some(&mut memo::Memo::default()), false), "");
    // Past the budget a body is left to be read again at render.
    let mut diags = Diagnostics::new();
    let (page, _, read) = read_page(root, &root.join("content/en/index.md"), "index.md", (false, false), &AtomicUsize::new(3), &mut diags);
    assert_eq!(page.expect("page").body, "");
    assert_eq!(read.size, 31);
    assert_eq!(page_body(root, Path::new("content/en/index.md")), "\nThe body.\n");
}

#[test]
fn a_page_s_size_and_stamp_come_from_its_read_when_the_walk_does_not_read_them() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("site.yaml"), "title: T\nlanguages:\n  - code: en\n    name: English\n").unwrap();
    std::fs::create_dir_all(root.join("content/en")).unwrap();
    std::fs::write(root.join("content/en/index.md"), "---\ntitle: Home\n---\n\nThe body.\n").unwrap();
    std::fs::write(root.join("content/en/a.md"), "---\ntitle: A\n---\nA.\n").unwrap();
    std::fs::write(root.join("content/en/a.transcript.md"), "Words.\n").unwrap();
    std::fs::write(root.join("content/en/x.txt"), "xyz").unwrap();
    // A build's memo (hashes only: the walk reads no page's metadata) and a preview's (the
    // walk reads it, to reuse unchanged files): the same sizes, and every page recorded.
    for mut memo in [memo::Memo::hashes_only(), memo::Memo::default()] {
        let mut diags = Diagnostics::new();
        let config = Config::from_root(root, &mut diags).expect("site.yaml");
        let site = load_site_with(root, config, Some(&mut memo), true, &mut diags);
        assert!(!diags.has_errors(), "{diags:?}");
        let lang = &site.langs[0];
        assert_eq!(lang.text_bytes, 31 + 20 + 7, "pages and transcripts");
        let sizes: Vec<(&str, u64)> = lang.assets.iter().map(|a| (a.rel.as_str(), a.size)).collect();
        assert_eq!(sizes, [("a.transcript.md", 7), ("x.txt", 3)]);
        assert_eq!(memo.body_hash(Path::new("content/en/a.md")), Some(memo::body_hash("A.\n")));
        assert_eq!(lang.pages.iter().map(|p| p.body.as_str()).collect::<Vec<_>>(), ["A.\n", "\nThe body.\n"]);
    }
}

#[test]
fn hashes_ignore_line_ends_trailing_spaces_and_extra_blank_lines() {
    let a = sha256_hex("---\ntitle: A\n---\nText.\n\nMore.\n");
    assert_eq!(a, sha256_hex("---\r\ntitle: A  \r\n---\r\nText.\r\n\r\n\r\nMore.\r\n"));
    assert_ne!(a, sha256_hex("---\ntitle: A\n---\nText.\n\nMore!\n"));
    assert_ne!(a, sha256_hex("---\ntitle: A\n---\nText.\nMore.\n"), "joining paragraphs is a change");
}

#[test]
fn decode_handles_bom_invalid_utf8_and_binary() {
    assert_eq!(decode(b"\xEF\xBB\xBF---\n".to_vec()).unwrap(), "---\n");
    let (l, c, _) = decode(b"ok\nab\xFF".to_vec()).unwrap_err();
    assert_eq!((l, c), (2, 3));
    assert!(decode(b"\x00\x01".to_vec()).unwrap_err().2.contains("binary"));
    // Lone CRs (old Mac files) are line breaks; CRLF stays as it is.
    let text = decode(b"---\rtitle: A\rkind: modul\r---\rText\r\n".to_vec()).unwrap();
    assert_eq!(text, "---\ntitle: A\nkind: modul\n---\nText\r\n");
    let split = frontmatter::split(&text).unwrap();
    assert_eq!(frontmatter::parse(&split).unwrap_err()[0].line, 3);
}

#[test]
fn parse_page_orders_by_prefix() {
    let mut d = Diagnostics::new();
    let p = parse_page("---\ntitle: L\n---\nText", "01-mod/02-lesson.md", "x".into(), &mut d).unwrap();
    assert_eq!(p.url, "mod/lesson.html");
    assert_eq!(p.order, (2, "lesson.md".into()));
    let s = parse_page("---\ntitle: M\n---\n", "01-mod/index.md", "x".into(), &mut d).unwrap();
    assert!(s.is_section);
    assert_eq!(s.order, (1, "mod".into()));
    assert!(d.is_empty());
}

#[test]
fn a_rel_is_made_as_the_plain_replace_then_compose_makes_it() {
    let plain = |path: &str| crate::model::url::nfc(&path.replace('\\', "/")).into_owned();
    let mut names = vec![String::new(), "a\\b.md".to_string(), "\\".to_string()];
    for n in [1, 15, 16, 17, 31, 32, 33, 63, 64, 65] {
        names.push("x".repeat(n));
        // Decomposed (a letter and a combining accent), composed, and Hangul jamo.
        names.push(format!("{}e\u{301}.md", "m/".repeat(n / 2)));
        names.push(format!("caf\u{e9}/{}", "y".repeat(n)));
        names.push(format!("{}\u{1100}\u{1161}\\l.md", "z".repeat(n)));
    }
    for name in &names {
        assert_eq!(composed_rel(name), plain(name), "{name:?}");
    }
    assert_eq!(composed_rel("caf\u{65}\u{301}\\a.md"), "caf\u{e9}/a.md");
}

#[test]
fn pages_are_placed_in_walk_order_without_drafts_or_unreadable_files() {
    let page = |rel: &str, draft: bool| {
        let mut diags = Diagnostics::new();
        let text = format!("---\ntitle: T\ndraft: {draft}\n---\nBody.\n");
        parse_page(&text, rel, PathBuf::from(rel), &mut diags).expect("a page")
    };
    let mut site = LangSite::new(crate::model::lang::Language::new("en", None, None).unwrap());
    place_pages(&mut site, vec![Some(page("a.md", false)), None, Some(page("d.md", true)), Some(page("b/index.md", false))]);
    assert_eq!(site.pages.iter().map(|p| p.rel.as_str()).collect::<Vec<_>>(), ["a.md", "b/index.md"]);
    assert_eq!((site.by_rel.get("a.md"), site.by_rel.get("b/index.md"), site.by_rel.get("d.md")), (Some(&0), Some(&1), None));
    // A second call adds after the pages already placed.
    place_pages(&mut site, vec![Some(page("c.md", false))]);
    assert_eq!(site.by_rel.get("c.md"), Some(&2));
}

#[test]
fn the_memo_takes_each_language_s_files() {
    let tmp = tempfile::tempdir().unwrap();
    let stamp = memo::Stamp::of(&std::fs::metadata(tmp.path()).unwrap());
    let read = |hash: u64| memo::Read { stamp, fingerprint: false, page: None, diags: Diagnostics::new(), body_hash: hash, racy: false };
    let map = |files: &[(&str, u64)]| files.iter().map(|&(p, h)| (PathBuf::from(p), read(h))).collect::<memo::Files>();
    let mut memo = memo::Memo::hashes_only();
    memo.replace_with(vec![map(&[("content/en/a.md", 1), ("content/en/b.md", 2)]), map(&[("content/fr/a.md", 3)])]);
    let hashes = ["content/en/a.md", "content/en/b.md", "content/fr/a.md", "content/fr/b.md"].map(|p| memo.body_hash(Path::new(p)));
    assert_eq!(hashes, [Some(1), Some(2), Some(3), None]);
    memo.replace_with(Vec::new());
    assert_eq!(memo.body_hash(Path::new("content/en/a.md")), None);
}
