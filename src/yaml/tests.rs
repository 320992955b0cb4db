use super::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Front {
    title: String,
    description: Option<String>,
}

#[test]
fn misspelt_key_gets_suggestion_and_file_line() {
    let err = parse::<Front>("title: A\ndescripton: x\n", 2).unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.message.contains("unknown field `descripton`"), "{}", err.message);
    assert_eq!(err.hint.as_deref(), Some("did you mean `description`?"));
}

#[test]
fn missing_title_is_reported() {
    let err = parse::<Front>("description: x\n", 2).unwrap_err();
    assert!(err.message.contains("missing field `title`"));
}

#[test]
fn broken_yaml_has_a_position() {
    let err = parse::<Front>("title: [unclosed\n", 1).unwrap_err();
    assert!(err.line >= 1);
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    id: String,
    kind: Option<Kind>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Ltr,
    Rtl,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Listing {
    title: String,
    items: Vec<Item>,
    count: Option<u32>,
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = "title: T\ntitel: x\nitems:\n  - id: a\n    kind: rlt\n  - idd: b\n    id: c\ncount: many\nfundign:\n  a: 1\n";
    let errs = parse_all::<Listing>(text, 1).unwrap_err();
    let found: Vec<(usize, &str)> = errs.iter().map(|e| (e.line, e.message.as_str())).collect();
    assert_eq!(errs.len(), 5, "{found:#?}");
    assert_eq!(errs[0].line, 2);
    assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
    assert_eq!((errs[1].line, errs[1].hint.as_deref()), (5, Some("did you mean `rtl`?")));
    assert!(errs[1].message.starts_with("items[0].kind: unknown value `rlt`"), "{}", errs[1].message);
    assert_eq!(errs[2].line, 6);
    assert_eq!(errs[3].line, 8);
    assert_eq!(errs[4].line, 9);
    assert!(parse_all::<Listing>("title: T\nitems: []\n", 1).is_ok());
}

#[test]
fn yaml_tags_are_refused() {
    for text in ["title: !custom T\n", "title: !!binary aGVsbG8=\n", "title: T\ndescription: !!str x\n"] {
        let err = parse::<Front>(text, 2).unwrap_err();
        assert!(err.message.starts_with("the YAML tag"), "{text}: {err:?}");
    }
    let err = parse::<Front>("title: T\ndescription: !x y\n", 2).unwrap_err();
    assert_eq!((err.line, err.col), (3, 14));
    assert!(parse::<Front>("title: \"!important\"\n", 1).is_ok());
    assert!(parse_all::<Front>("title: !x T\n", 1).is_err());
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    let err = parse::<Front>("title: \"Open\ndescription: x\n\n\n", 3).unwrap_err();
    assert_eq!((err.line, err.col), (3, 8), "{err:?}");
    assert_eq!(err.message, "a quote opened here is never closed");
}

#[test]
fn finds_list_items_by_key() {
    let text = "questions:\n  - id: q1\n    type: single\n  - id: \"q2\"\n";
    assert_eq!(find_key_line(text, "id", Some("q2"), 1), Some((4, 5)));
    assert_eq!(find_key_line(text, "type", None, 1), Some((3, 5)));
    assert_eq!(find_key_line(text, "id", Some("q9"), 1), None);
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Settings {
    title: String,
    license: Option<String>,
    size: Option<u64>,
    weight: Option<f64>,
    on: Option<bool>,
    list: Option<Vec<String>>,
    inner: Option<Inner>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Inner {
    date: Option<String>,
    name: Option<String>,
}

fn all(text: &str) -> Vec<YamlError> {
    parse_all::<Settings>(text, 1).unwrap_err()
}

fn places(errors: &[YamlError]) -> Vec<(usize, usize, &str)> {
    errors.iter().map(|e| (e.line, e.col, e.message.as_str())).collect()
}

#[test]
fn a_key_given_twice_is_reported_at_the_second_and_hides_nothing() {
    let errs = all("title: A\nsize: 1\nlicense: X\nlicense: Y\non: maybe\n");
    assert_eq!(errs.len(), 2, "{:#?}", places(&errs));
    assert_eq!((errs[0].line, errs[0].col, errs[0].message.as_str()), (4, 1, "`license` is given twice"));
    assert_eq!(errs[0].hint.as_deref(), Some("remove one of the two `license:` lines (line 3 and 4)"));
    assert_eq!((errs[1].line, errs[1].col), (5, 5));
    assert_eq!(errs[1].hint.as_deref(), Some("write `on: true` or `on: false`"));
    // Nested, and in a `{…}` mapping on one line.
    let errs = all("title: A\ninner:\n  date: 1\n  name: N\n  date: 2\n");
    assert_eq!(places(&errs), [(5, 3, "`inner.date` is given twice")]);
    let errs = all("title: A\ninner: {date: 1, date: 2}\n");
    assert_eq!(places(&errs), [(2, 18, "`inner.date` is given twice")]);
    assert_eq!(errs[0].hint.as_deref(), Some("remove one of the two `date:` (both on line 2)"));
    // The first one counts.
    let doc = Doc::parse("title: A\ntitle: B\n", 1).unwrap();
    let read = doc.read::<Settings>(doc.root(), "");
    assert_eq!(read.value.unwrap().title, "A");
}

#[test]
fn wrong_values_in_flow_mappings_leave_the_others_readable() {
    let errs = all("title: A\ninner: {date: [1], name: [2]}\nsize: many\n");
    let p = places(&errs);
    assert_eq!(p.len(), 3, "{p:#?}");
    assert_eq!((p[0].0, p[0].1), (2, 15));
    assert!(p[0].2.starts_with("inner.date: wrong kind of value: a list, expected a text"), "{p:#?}");
    assert_eq!((p[1].0, p[1].1), (2, 26));
    assert_eq!((p[2].0, p[2].1), (3, 7));
    assert_eq!(p[2].2, "size: wrong kind of value: the text \"many\", expected a whole number (0 or more)");
    assert_eq!(errs[2].hint.as_deref(), Some("write a whole number, e.g. `size: 5`"));
}

#[test]
fn a_missing_required_key_gets_a_stand_in_so_the_rest_is_checked() {
    let doc = Doc::parse("size: 1\nweight: heavy\n", 1).unwrap();
    let read = doc.read::<Settings>(doc.root(), "");
    let p = places(&read.errors);
    assert_eq!(p.len(), 2, "{p:#?}");
    assert!(p.contains(&(1, 1, "missing field `title`")), "{p:#?}");
    assert!(p.iter().any(|e| e.0 == 2 && e.2.contains("expected a number")), "{p:#?}");
    assert!(read.reported("title") && read.reported("weight") && !read.reported("size"));
    assert_eq!(read.value.unwrap().size, Some(1));
    // A wrong title is reported once: its "missing" is the same problem.
    let doc = Doc::parse("title: [1]\nsize: x\n", 1).unwrap();
    let read = doc.read::<Settings>(doc.root(), "");
    assert_eq!(read.errors.len(), 2, "{:#?}", places(&read.errors));
    assert!(read.value.is_some());
}

#[test]
fn list_items_read_one_by_one_carry_their_path_and_place() {
    let text = "items:\n  - {id: a, kind: rlt}\n  - id: b\n    kind: ltr\n    extra: 1\n";
    let doc = Doc::parse(text, 1).unwrap();
    let items = doc.root().get("items").unwrap().items();
    let first = doc.read::<Item>(&items[0], "items[0]");
    assert_eq!(places(&first.errors)[0].0, 2);
    assert!(first.errors[0].message.starts_with("items[0].kind: unknown value `rlt`"), "{:?}", first.errors);
    let second = doc.read::<Item>(&items[1], "items[1]");
    assert_eq!((second.errors[0].line, second.errors[0].col), (5, 5));
    assert!(second.errors[0].message.starts_with("items[1]: unknown field `extra`"), "{:?}", second.errors);
    assert_eq!(second.value.unwrap().id, "b");
    assert_eq!(items[1].key_at("kind"), (4, 5));
}

#[test]
fn rust_type_names_never_reach_the_author() {
    let errs = all("title: A\nsize: 99999999999999999999999\nweight: lots\nlist: 5\ninner: 3\n");
    for e in &errs {
        for jargon in ["u64", "u128", "f64", "struct", "sequence", "Inner", "invalid type"] {
            assert!(!e.message.contains(jargon), "{}", e.message);
        }
        assert!(e.hint.is_some(), "{e:?}");
    }
    assert_eq!(errs[0].message, "size: the number 99999999999999999999999 is too large: expected a whole number (0 or more)");
    assert_eq!(errs[1].message, "weight: wrong kind of value: the text \"lots\", expected a number");
    assert_eq!(errs[2].message, "list: wrong kind of value: the number 5, expected a list");
    assert_eq!(errs[3].message, "inner: wrong kind of value: the number 3, expected keys with values");
}

#[test]
fn tabs_second_documents_and_odd_characters_are_said_plainly() {
    let e = parse::<Settings>("title: A\n\tsize: 1\n", 1).unwrap_err();
    assert_eq!((e.line, e.col, e.message.as_str()), (2, 1, "a tab character here: YAML indents with spaces only"));
    assert!(e.hint.unwrap().contains("spaces"));
    let e = parse::<Settings>("title: A\ninner:\n\tdate: x\n", 1).unwrap_err();
    assert!(e.message.starts_with("a tab character"), "{e:?}");
    let e = parse::<Settings>("title: A\n---\ntitle: B\n", 1).unwrap_err();
    assert_eq!((e.line, e.col), (2, 1));
    assert!(e.message.contains("second YAML document"), "{e:?}");
    assert!(e.hint.unwrap().contains("---"));
    let e = parse::<Settings>("title: `code`\n", 1).unwrap_err();
    assert_eq!(e.message, "a value cannot start with a backtick (`) in YAML");
    // A lone CR ends a line, as for libyaml.
    let e = parse::<Settings>("title: A\rsize: x\r", 1).unwrap_err();
    assert_eq!((e.line, e.col), (2, 7));
}

#[test]
fn no_input_makes_the_reader_panic() {
    let samples = [
        "title: A\nlicense: X\nlicense: Y\ninner: {date: 1, date: [2], name: \"é\"}\nlist:\n  - a\n  - [b]\n  - {c: d}\n",
        "- {title: é, size: x}\n- &a [1, *a]\n? [k]\n: v\n!!binary x: y\n",
        "title: |\n  block\n  text\nsize: >\n  folded\ninner:\n  ? date\n  : x\n",
        "{title: A, size: [}\n",
        "title: A\n...\n---\nsize: 1\n",
    ];
    for text in samples {
        for (i, _) in text.char_indices() {
            let part = &text[..i];
            let _ = parse_all::<Settings>(part, 3);
            let _ = parse_all::<Vec<Item>>(part, 1);
            if let Ok(doc) = Doc::parse(part, 1) {
                for item in doc.root().items() {
                    let _ = doc.read::<Settings>(item, "x[0]");
                }
            }
        }
    }
    let deep = "[".repeat(10_000);
    assert!(parse::<Settings>(&deep, 1).is_err());
    let deep = format!("{}x", "- ".repeat(500));
    assert!(parse::<Settings>(&deep, 1).is_err());
}

#[test]
fn a_number_written_in_arabic_indic_or_persian_digits_is_shown_in_0_to_9() {
    // An Arabic or Persian keyboard writes ٥ and ۱٫۵: the hint gives the value to write.
    let errs = all("title: A\nweight: ٥\nsize: ۱۲\n");
    assert_eq!(errs[0].message, "weight: wrong kind of value: the text \"٥\", expected a number");
    assert_eq!(errs[0].hint.as_deref(), Some("write it with the digits 0–9: `weight: 5`"));
    assert_eq!(errs[1].hint.as_deref(), Some("write it with the digits 0–9: `size: 12`"));
    let errs = all("title: A\nweight: ١٫٥\n");
    assert_eq!(errs[0].hint.as_deref(), Some("write it with the digits 0–9: `weight: 1.5`"));
    let errs = all("title: A\nweight: lots\n");
    assert_eq!(errs[0].hint.as_deref(), Some("write a number, e.g. `weight: 2` or `weight: 1.5`"));
}

#[test]
fn a_number_written_in_full_width_digits_is_shown_in_0_to_9() {
    // A Japanese, Chinese or Korean input method in full-width mode writes ５ and １．５.
    let errs = all("title: A\nweight: ５\nsize: １２\n");
    assert_eq!(errs[0].hint.as_deref(), Some("write it with the digits 0–9: `weight: 5`"));
    assert_eq!(errs[1].hint.as_deref(), Some("write it with the digits 0–9: `size: 12`"));
    let errs = all("title: A\nweight: １．５\n");
    assert_eq!(errs[0].hint.as_deref(), Some("write it with the digits 0–9: `weight: 1.5`"));
    let errs = all("title: A\nweight: 五\n");
    assert_eq!(errs[0].hint.as_deref(), Some("write a number, e.g. `weight: 2` or `weight: 1.5`"));
}
