use super::normalize::{normalize, words};
use super::{build, Doc, KindLabels};

const VECTORS: &str = include_str!("../../tests/search-vectors.json");

fn vectors() -> serde_json::Value {
    serde_json::from_str(VECTORS).expect("tests/search-vectors.json is JSON")
}

#[test]
fn normalisation_follows_the_shared_vectors() {
    let v = vectors();
    let mut wrong = Vec::new();
    for pair in v["normalize"].as_array().unwrap() {
        let (typed, want) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        if normalize(typed) != want {
            wrong.push(format!("{typed:?} → {:?}, want {want:?}", normalize(typed)));
        }
    }
    for pair in v["same"].as_array().unwrap() {
        let (a, b) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        if normalize(a) != normalize(b) {
            wrong.push(format!("{a:?} and {b:?} fold apart: {:?} / {:?}", normalize(a), normalize(b)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn word_splitting_follows_the_shared_vectors() {
    for pair in vectors()["words"].as_array().unwrap() {
        let text = pair[0].as_str().unwrap();
        let want: Vec<&str> = pair[1].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
        assert_eq!(words(text), want, "words of {text:?}");
    }
}

fn doc(url: &str, title: &str, body: &str) -> Doc {
    Doc { url: url.into(), title: title.into(), body: body.into(), kind: "lesson", ..Doc::default() }
}

/// The data of one index file: the JSON between `kyklosSearch.add("xx","name",` and `);`.
fn data(file: &[u8]) -> serde_json::Value {
    let text = std::str::from_utf8(file).unwrap();
    let start = text.find(",{").or_else(|| text.find(",[")).unwrap();
    let start = text[..start].rfind(',').map(|c| if text[c + 1..].starts_with(['{', '[']) { c } else { start }).unwrap_or(start);
    let json = text[start + 1..].trim_end().trim_end_matches(");");
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// The pages (ids) a folded word leads to, and the manifest.
fn lookup(built: &super::Built, word: &str) -> Vec<u64> {
    let mut pages = Vec::new();
    for (path, bytes) in &built.files {
        if !path.rsplit('/').next().unwrap().starts_with('t') {
            continue;
        }
        let d = data(bytes);
        let Some(stems) = d["w"].get(word) else { continue };
        let stems: Vec<u64> =
            if let Some(list) = stems.as_array() { list.iter().map(|s| s.as_u64().unwrap()).collect() } else { vec![stems.as_u64().unwrap()] };
        for s in stems {
            let list = d["p"][s as usize].as_array().unwrap();
            let mut doc = 0;
            for pair in list.chunks(2) {
                doc += pair[0].as_u64().unwrap();
                pages.push(doc);
            }
        }
    }
    pages.sort_unstable();
    pages.dedup();
    pages
}

#[test]
fn body_words_titles_and_word_forms_are_found() {
    let docs = vec![
        doc("a.html", "Push and pull factors", "People leave because of conflict."),
        doc("b.html", "Greetings", "An asylum seeker waits for a decision about migrants."),
        Doc { headings: vec!["Bennett scale".into()], ..doc("c.html", "Stages", "Denial, defence, minimisation.") },
    ];
    let built = build("en", ("en", "ltr"), &docs, &KindLabels::default());
    assert_eq!(lookup(&built, "conflict"), vec![0], "a word only in a body");
    assert_eq!(lookup(&built, "asylum"), vec![1]);
    assert_eq!(lookup(&built, "bennett"), vec![2], "a word only in a heading");
    assert_eq!(lookup(&built, "factors"), vec![0], "a title word");
    assert_eq!(lookup(&built, "migrants"), vec![1]);
    assert!(lookup(&built, "the").is_empty() && lookup(&built, "for").is_empty(), "English stop words are left out");
    let manifest = data(&built.files.iter().find(|f| f.0 == "search/en/index.js").unwrap().1);
    assert_eq!(manifest["n"], 3);
    assert!(manifest["stop"].as_array().unwrap().iter().any(|w| w == "for"));
}

#[test]
fn stems_join_word_forms_and_weights_favour_titles() {
    let docs = vec![doc("a.html", "Migration", "Text."), doc("b.html", "Other", "Many migrants arrive; migration grows.")];
    let built = build("en", ("en", "ltr"), &docs, &KindLabels::default());
    // "migrants" (stem migrant) and "migration" (stem migrat) differ; each finds its forms.
    assert_eq!(lookup(&built, "migration"), vec![0, 1]);
    assert_eq!(lookup(&built, "migrants"), vec![1]);
    let docs = vec![doc("a.html", "Lesson", "The learner learns. Learning helps learners.")];
    let built = build("en", ("en", "ltr"), &docs, &KindLabels::default());
    let shard = data(&built.files.iter().find(|f| f.0 == "search/en/t0.js").unwrap().1);
    assert_eq!(shard["w"]["learns"], shard["w"]["learning"], "one stem for learns/learning: {shard}");
}

#[test]
fn greek_and_persian_have_our_own_tokenizer() {
    let docs = vec![doc("a.html", "Μετανάστευση", "Ο πρόσφυγας ζητά άσυλο."), doc("b.html", "کتاب", "این کتاب برای کارکنان است.")];
    for lang in ["el", "fa", "uk", "cs"] {
        let built = build(lang, ("en", "ltr"), &docs, &KindLabels::default());
        assert_eq!(lookup(&built, &normalize("μεταναστευση")), vec![0], "{lang}");
        assert_eq!(lookup(&built, &normalize("προσφυγας")), vec![0], "{lang}");
        assert_eq!(lookup(&built, &normalize("كتاب")), vec![1], "{lang}");
    }
}

#[test]
fn index_files_are_small_and_the_output_is_deterministic() {
    let body: String = (0..1500).map(|i| format!("word{} ", i % 997)).collect();
    let docs: Vec<Doc> = (0..120).map(|i| doc(&format!("p{i}.html"), &format!("Page {i}"), &body)).collect();
    let a = build("de", ("de", "ltr"), &docs, &KindLabels::default());
    let b = build("de", ("de", "ltr"), &docs, &KindLabels::default());
    assert_eq!(a.files, b.files);
    assert!(a.files.len() > 3);
    assert!(a.stats.largest <= 300 * 1024, "largest file {}", a.stats.largest);
    for (path, bytes) in &a.files {
        assert!(bytes.starts_with(b"kyklosSearch.add(\"de\","), "{path}");
    }
}

/// An index whose words were analysed ahead of its end (as the pipeline does, before the other
/// last steps) writes the same files as one analysed at its end, fallback pages included.
#[test]
fn words_analysed_ahead_give_the_same_index() {
    let docs: Vec<Doc> = (0..300)
        .map(|i| {
            let body: String =
                (0..200).map(|w| format!("migrants{} running walked {} ", (i * 7 + w) % 541, ["the", "and", "Ünïcödé", "δήμοι"][w % 4])).collect();
            Doc { fallback: i % 5 == 0, ..doc(&format!("p{i}.html"), &format!("Title {i}"), &body) }
        })
        .collect();
    let index = |ahead: bool| {
        let mut indexer = super::Indexer::new("de", ("en", "ltr"));
        let mut files: Vec<(String, Vec<u8>)> = docs.iter().filter_map(|d| indexer.add(super::Prepared::of(d))).collect();
        if ahead {
            indexer.analyse();
        }
        let built = indexer.finish(&KindLabels::default());
        files.extend(built.files);
        (files, built.stats)
    };
    let (at_end, ahead) = (index(false), index(true));
    assert!(at_end.0.len() > 5);
    assert_eq!(at_end, ahead);
}

#[test]
fn fallback_pages_are_marked_and_analysed_in_their_own_language() {
    let docs = vec![Doc { fallback: true, ..doc("a.html", "Refugees", "Refugees and the municipalities.") }, doc("b.html", "Πρόσφυγες", "Οι δήμοι.")];
    let built = build("el", ("en", "ltr"), &docs, &KindLabels::default());
    assert_eq!(lookup(&built, "refugees"), vec![0]);
    assert!(lookup(&built, "the").is_empty(), "English stop words in English fallback text");
    let d0 = data(&built.files.iter().find(|f| f.0 == "search/el/d0.js").unwrap().1);
    assert_eq!(d0[0][4], 1);
    assert_eq!(d0[1][4], 0);
    let manifest = data(&built.files.iter().find(|f| f.0 == "search/el/index.js").unwrap().1);
    assert_eq!(manifest["fallback"]["lang"], "en");
}

/// The ASCII fast path of word splitting gives exactly `unicode-segmentation`'s segments, on
/// generated text mixing every kind of character its rules name (ASCII and not).
#[test]
fn fast_word_segments_are_unicode_segments() {
    use unicode_segmentation::UnicodeSegmentation;
    let pieces: &[&str] = &[
        "a",
        "Z",
        "q",
        "7",
        "0",
        "_",
        // Either side of the ASCII ranges of letters and digits.
        "A",
        "z",
        "9",
        "@",
        "[",
        "`",
        "{",
        "/",
        "\x7f",
        ":",
        ".",
        "'",
        ",",
        ";",
        "\"",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\x0b",
        "\x0c",
        "-",
        "(",
        "!",
        "/",
        "é",
        "ω",
        "Я",
        "\u{2019}",
        "\u{2018}",
        "\u{201c}",
        "\u{201d}",
        "\u{201e}",
        "\u{2013}",
        "\u{2014}",
        "\u{2026}",
        "\u{00ab}",
        "\u{00bb}",
        "\u{2039}",
        "\u{203a}",
        "\u{02bc}",
        "\u{2024}",
        "\u{2027}",
        "\u{0301}",
        "\u{0345}",
        "\u{200d}",
        "\u{00ad}",
        "\u{05d0}",
        "\u{30a2}",
        "\u{1f600}",
        "\u{1f1ec}",
        "\u{0663}",
        "\u{00b7}",
        "\u{3002}",
        "字",
        "\u{0e01}",
        "hello",
        "x1",
        "3.14",
        "1,000",
        "don't",
        "a:b",
        "Hello",
        "MiXeD",
        "ÉCOLE",
        "Ωμέγα",
        "DON'T",
        "L\u{2019}École",
        // At and past the longest word indexed (MAX_WORD).
        "abcdefghijabcdefghijabcdefghijabcdefghij",
        "Abcdefghijabcdefghijabcdefghijabcdefghijk",
    ];
    let mut next = xorshift();
    let mut scratch = String::new();
    // Short texts, and long ones where runs of pieces for the fast path alternate with pieces
    // for `unicode_words`.
    for round in 0..30_000 {
        // A few long ones too, with many pieces in a row.
        let len = 1 + next()
            % if round % 50 == 0 {
                400
            } else if round % 3 == 0 {
                60
            } else {
                12
            };
        let text: String = (0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
        let want: Vec<&str> = text.unicode_words().collect();
        let found = super::segment::unicode_words(&text);
        let got: Vec<&str> = found.iter().map(|(w, _)| *w).collect();
        assert_eq!(got, want, "segments of {text:?}");
        for (w, how) in found {
            if let super::segment::Found::Ascii { upper } = how {
                assert!(w.is_ascii() && upper == w.bytes().any(|b| b.is_ascii_uppercase()), "{w:?} found as {how:?} in {text:?}");
            }
        }
        let split: Vec<&str> = want.iter().flat_map(|w| w.split(['\'', '\u{2019}', '\u{02bc}'])).filter(|w| w.chars().any(char::is_alphanumeric)).collect();
        assert_eq!(super::segment::split_words(&text), split, "words of {text:?}");
        // What the index counts: the words, lower-cased.
        let lower: Vec<String> = words(&text).iter().map(|w| super::normalize::lower(w).into_owned()).collect();
        let mut each = Vec::new();
        super::normalize::each_lower(&text, &mut scratch, |w| each.push(w.to_string()));
        assert_eq!(each, lower, "lower-cased words of {text:?}");
    }
}

/// A page shard entry is what serde_json and the first, several-pass version wrote: every
/// character JSON escapes, places shown in the default language, text cut at TEXT_MAX.
#[test]
fn page_entries_are_the_json_they_were() {
    fn json(s: &str) -> String {
        serde_json::to_string(s).unwrap()
    }
    fn reference(doc: &Doc) -> String {
        let mut text = String::new();
        for word in doc.body.split_whitespace() {
            if text.len() + word.len() + 1 > super::TEXT_MAX {
                break;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
        let location: Vec<String> = doc.location.iter().map(|(l, fallback)| if *fallback { format!("[{}]", json(l)) } else { json(l) }).collect();
        format!("[{},{},{},[{}],{},{}]", json(&doc.url), json(&doc.title), json(doc.kind), location.join(","), u8::from(doc.fallback), json(&text))
    }
    let every_control: String = (0u8..0x20).map(char::from).chain(['\u{7f}', '"', '\\', '/', 'é', '\u{2028}', '🦀']).collect();
    let mut docs = vec![
        doc("a/b.html", "Title \"quoted\" \\ back", "Some text.\n\nMore\ttext  here."),
        Doc { location: vec![("Course".into(), false), ("Μάθημα \"x\"".into(), true)], fallback: true, ..doc("m/l.html", "", &every_control) },
        doc("", "", ""),
        doc("x.html", &every_control, &format!("{every_control} word{every_control}")),
    ];
    // Long texts cut at the limit, whatever the word lengths.
    for word in ["a", "ab\"c", "λέξη", "x\\y\u{1}"] {
        docs.push(doc("long.html", "Long", &format!("{word} ").repeat(super::TEXT_MAX)));
    }
    // Words ending just before, at and after the limit, first or not.
    for len in [super::TEXT_MAX - 2, super::TEXT_MAX - 1, super::TEXT_MAX, super::TEXT_MAX + 1] {
        docs.push(doc("edge.html", "", &"w".repeat(len)));
        docs.push(doc("edge.html", "", &format!(" {} more", "w".repeat(len))));
        docs.push(doc("edge.html", "", &format!("ab \u{a0}\n{}  more", "w".repeat(len - 4))));
        docs.push(doc("edge.html", "", &format!("ab  {}  more", "w".repeat(len - 4))));
    }
    // Generated text: every kind of whitespace (ASCII, Unicode, and characters that look like
    // it but are not), runs of it, lengths around the limit.
    let pieces = [
        "a", "word", "é", "—", "λέξη", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\x0b", "\x0c", "\x1f", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
        "\u{200a}", "\u{200b}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{180e}", "\u{feff}", "\"", "\\", "\u{2010}", "\u{2019}",
        "\u{2026}", "\u{2027}",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for round in 0..300 {
        let mut text = String::new();
        let len = if round % 2 == 0 { 40 } else { super::TEXT_MAX - 200 + round * 3 };
        while text.len() < len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        docs.push(doc("gen.html", "", &text));
    }
    let mut scratch = String::from("left over");
    for d in &docs {
        let entry = super::shards::doc_entry(d, &mut scratch);
        assert_eq!(entry, reference(d));
        serde_json::from_str::<serde_json::Value>(&entry).unwrap();
    }
}

/// The next byte ≥ 0x80 is found in every place a block or an eight-byte step can put it:
/// before, in and after a block of 32, at the last bytes, from every start, or none.
#[test]
fn next_non_ascii_is_the_first_high_byte() {
    for len in 0..100 {
        for high in (0..len).map(Some).chain([None]) {
            let mut bytes = vec![b'a'; len];
            if let Some(h) = high {
                bytes[h] = 0x80 | (h as u8 & 0x3f);
                // A second one further on is never the first.
                if h + 9 < len {
                    bytes[h + 9] = 0xff;
                }
            }
            for from in 0..=len {
                let want = bytes[from..].iter().position(|&b| b >= 0x80).map(|p| from + p);
                assert_eq!(super::segment::next_non_ascii(&bytes, from), want, "{len} {high:?} {from}");
            }
        }
    }
}

#[test]
fn numbers_are_written_as_format_writes_them() {
    let mut s = b"[".to_vec();
    for n in [0, 1, 9, 10, 99, 100, 12345, 999_999_999, 1_000_000_000, u32::MAX] {
        s.truncate(1);
        super::shards::push_digits(&mut s, n);
        assert_eq!(s, format!("[{n}").into_bytes());
    }
}

/// A fixed-seed xorshift generator: the same pseudo-random texts on every run, for the tests
/// that compare the word splitter and counter with their references.
pub(super) fn xorshift() -> impl FnMut() -> u64 {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

#[test]
fn postings_grow_as_a_vector_does_but_never_past_the_pages_left() {
    use super::room;
    // Without a number of pages, or past it: doubling, from 4, as `Vec::push` grows.
    for (len, id) in [(0, 0), (1, 5), (3, 9), (4, 4), (1000, 5000)] {
        let mut v: Vec<(u32, u32)> = Vec::with_capacity(len);
        v.resize(len, (0, 0));
        v.push((0, 0));
        assert_eq!(len + room(len, id, 0), v.capacity(), "len {len}");
        assert_eq!(room(len, id, 0), room(len, id, id), "len {len}, no page left");
    }
    // A word on every one of 10,102 pages: its list ends with room for exactly those.
    let (pages, mut cap, mut len) = (10_102, 1, 1);
    for id in 1..pages {
        if len == cap {
            cap += room(len, id, pages);
        }
        len += 1;
        assert!(cap <= pages as usize && len <= cap);
    }
    assert_eq!(cap, pages as usize);
}

#[test]
fn the_number_of_pages_expected_changes_nothing_in_the_index() {
    let docs: Vec<Doc> = (0..700)
        .map(|i| {
            let body: String = (0..60).map(|w| format!("word{} common Ünïcödé{} ", (i * 3 + w) % 97, w % 7)).collect();
            Doc { fallback: i % 9 == 0, ..doc(&format!("p{i}.html"), &format!("Title {i}"), &body) }
        })
        .collect();
    let index = |expected: Option<usize>| {
        let mut indexer = super::Indexer::new("en", ("en", "ltr"));
        if let Some(n) = expected {
            indexer.expect(n);
        }
        let mut files: Vec<(String, Vec<u8>)> = docs.iter().filter_map(|d| indexer.add(super::Prepared::of(d))).collect();
        let built = indexer.finish(&KindLabels::default());
        files.extend(built.files);
        (files, built.stats)
    };
    let plain = index(None);
    for expected in [0, 1, 350, 699, 700, 701, 5000] {
        assert_eq!(index(Some(expected)), plain, "{expected} pages expected");
    }
}
