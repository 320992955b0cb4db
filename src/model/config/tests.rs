use super::*;

fn parse(text: &str) -> (Option<Config>, Diagnostics) {
    let mut d = Diagnostics::new();
    (Config::parse(text, Path::new("site.yaml"), &mut d), d)
}

#[test]
fn minimal_config_defaults_to_english_and_cc_by() {
    let (c, d) = parse("title: T\n");
    let c = c.expect("valid");
    assert!(d.is_empty());
    assert_eq!(c.default_language().code, "en");
    assert_eq!(c.licence.spdx, "CC-BY-4.0");
}

#[test]
fn base_url_is_a_web_address() {
    for bad in ["javascript:alert(1)//", "not a url", "ftp://x", "https://a b/", "https://", "https://x/?a=1", "https://x/\"><script>"] {
        let (c, d) = parse(&format!("title: T\nbase_url: {}\n", serde_json::to_string(bad).unwrap()));
        assert!(c.is_none(), "{bad}");
        let e = &d.iter().next().unwrap();
        assert_eq!((e.line, e.col), (2, 1), "{bad}");
        assert!(e.message.starts_with("`base_url: "), "{bad}: {}", e.message);
    }
    let (c, d) = parse("title: T\nbase_url: https://example.org/course/\n");
    assert!(d.is_empty());
    assert_eq!(c.unwrap().base_url.as_deref(), Some("https://example.org/course"));
}

#[test]
fn languages_as_codes_or_records() {
    let (c, _) = parse("title: T\nlanguages:\n  - el\n  - code: ar\n    name: العربية\n    direction: rtl\n");
    let c = c.unwrap();
    assert_eq!(c.languages.len(), 2);
    assert_eq!(c.languages[0].name, "Ελληνικά");
    assert_eq!(c.languages[1].direction, Direction::Rtl);
}

#[test]
fn reports_all_problems_at_once() {
    let (c, d) = parse("title: T\nlicense: CC-BY-4\nlanguages: [en, en]\ncolors:\n  primary: \"#ffff00\"\n");
    assert!(c.is_none());
    let all: Vec<_> = d.sorted();
    assert_eq!(all.len(), 3, "{all:#?}");
    assert!(all[0].message.contains("unknown licence"));
    assert_eq!(all[0].hint.as_deref(), Some("did you mean `CC-BY-4.0`?"));
    assert_eq!(all[0].line, 2);
}

#[test]
fn misspelt_key_is_an_error() {
    let (_, d) = parse("title: T\nlicence: CC0-1.0\nfundign: EU\n");
    let all = d.sorted();
    assert_eq!(all[0].line, 3);
    assert_eq!(all[0].hint.as_deref(), Some("did you mean `funding`?"));
}

#[test]
fn site_settings_per_language_fall_back_to_the_default() {
    let (c, d) = parse("title: Course\nfunding: EU\nlanguages: [en, el, ar]\ntranslations:\n  el:\n    title: Μάθημα\n");
    let c = c.expect("valid");
    assert!(!d.has_errors());
    let warnings = d.sorted();
    assert_eq!(warnings.len(), 2, "one warning per language: {warnings:#?}");
    assert!(warnings.iter().any(|w| w.line == 5 && w.message.contains("`el`: funding")), "{warnings:#?}");
    let el = c.site_texts("el");
    assert_eq!(el.title, Localized { text: "Μάθημα".into(), fallback: false });
    assert_eq!(el.title_suffix.text, "Μάθημα");
    assert_eq!(el.funding, Some(Localized { text: "EU".into(), fallback: true }));
    assert!(!c.site_texts("en").funding.unwrap().fallback);
    assert_eq!(c.untranslated_settings("el"), vec!["funding"]);
    assert_eq!(c.untranslated_settings("ar"), vec!["title", "funding"]);
    assert!(c.site_texts("ar").title.fallback);
}

#[test]
fn translations_of_unknown_or_default_language_are_errors() {
    let (c, d) = parse("title: T\nlanguages: [en, el]\ntranslations:\n  fr:\n    title: X\n  en:\n    title: Y\n");
    assert!(c.is_none());
    let all = d.sorted();
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(all[0].line, 4);
    let (_, d) = parse("title: T\nlanguages: [en, el]\ntranslations:\n  el:\n    titel: X\n");
    assert!(d.has_errors());
}

#[test]
fn contrast() {
    assert!(check_colour("#1d4f91").is_ok());
    assert!(check_colour("#ffcc00").is_err());
    assert!(check_colour("blue").is_err_and(|(_, hint)| hint.starts_with("write the colour as `#` and six hexadecimal digits")));
    assert!(check_colour("#ffcc00").is_err_and(|(_, hint)| hint.starts_with("pick a darker colour")));
}

/// Every diagnostic as (line, column, message, hint).
fn all(d: &Diagnostics) -> Vec<(usize, usize, String, String)> {
    d.clone().sorted().into_iter().map(|d| (d.line, d.col, d.message, d.hint.unwrap_or_default())).collect()
}

#[test]
fn a_key_given_twice_is_shown_at_the_second_and_the_other_errors_too() {
    let (c, d) = parse("title: A\nlanguages: [{code: en}]\nlicense: X\nlicense: Y\nscorm: maybe\n");
    assert!(c.is_none());
    let found = all(&d);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].0, 3, "the first licence counts and is checked: {found:#?}");
    assert!(found[0].2.contains("unknown licence `X`"));
    assert_eq!(found[1], (4, 1, "`license` is given twice".into(), "remove one of the two `license:` lines (line 3 and 4)".into()));
    assert_eq!((found[2].0, found[2].1, found[2].2.as_str()), (5, 1, "`scorm: maybe` is not a packaging choice"));
    // Nested keys are shown where they repeat; two spellings of one setting too.
    let (_, d) = parse("title: A\naccessibility:\n  date: 2026-01-01\n  contact: a@b.org\n  date: 2026-02-02\n");
    assert_eq!(all(&d)[0], (5, 3, "`accessibility.date` is given twice".into(), "remove one of the two `date:` lines (line 3 and 5)".into()));
    let (_, d) = parse("title: A\nlicence: CC0-1.0\nlicense: CC-BY-4.0\n");
    assert_eq!(all(&d), [(3, 1, "`licence` and `license` are the same setting, given twice".into(), "remove one of the two lines (line 2 and 3)".into())]);
}

#[test]
fn a_wrong_title_hides_none_of_the_checks_of_the_other_settings() {
    let (c, d) = parse("title: [1]\nlicense: 7\nscorm: 1.3\nsearch: maybe\nhighlight: 2\n");
    assert!(c.is_none());
    let found = all(&d);
    let lines: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(lines, [(1, 8), (2, 1), (3, 1), (4, 1), (5, 1)], "{found:#?}");
    assert_eq!(found[0].2, "title: wrong kind of value: a list, expected a text");
    assert!(found[0].3.starts_with("write a text, e.g. `title: Some words`"), "{found:#?}");
    assert!(found[1].2.contains("unknown licence `7`") && found[2].2.contains("scorm: 1.3"));
    assert!(found[3].2.contains("search: maybe") && found[4].2.contains("highlight: 2"));
    // A missing title is one error; the rest is still checked.
    let (_, d) = parse("license: CC-BY-9\n");
    let found = all(&d);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!((found[0].2.as_str(), found[0].3.as_str()), ("missing field `title`", "add `title: ...` to this block"));
}

#[test]
fn wrong_kinds_of_values_are_named_in_plain_words_with_a_hint() {
    let (_, d) = parse("title: T\neu_funding: 5\nmax_media_mb: 99999999999999999999999999\ncolors: [red]\nauthors: Ann\njourney: maybe\n");
    let found = all(&d);
    assert_eq!(found.len(), 5, "{found:#?}");
    for f in &found {
        for jargon in ["struct", "EuFunding", "u64", "u128", "f64", "sequence", "invalid type"] {
            assert!(!f.2.contains(jargon), "{f:?}");
        }
        assert!(!f.3.is_empty(), "{f:?}");
    }
    assert_eq!(found[0].2, "eu_funding: wrong kind of value: the number 5, expected keys with values: authority, emblem, project");
    assert_eq!(found[0].3, "write them below `eu_funding:`, indented, one per line, e.g. `  authority: …`");
    assert_eq!(found[1].2, "max_media_mb: the number 99999999999999999999999999 is too large: expected a whole number (0 or more)");
    assert_eq!(found[2].2, "colors: wrong kind of value: a list, expected keys with values: primary, accent");
    assert_eq!(found[3].2, "authors: wrong kind of value: the text \"Ann\", expected a list");
    assert_eq!((found[4].0, found[4].1), (6, 10));
}

#[test]
fn tabs_second_documents_and_lone_crs() {
    let (_, d) = parse("title: T\n\tlicense: 7\n");
    assert_eq!(
        all(&d),
        [(
            2,
            1,
            "a tab character here: YAML indents with spaces only".into(),
            "replace the tab with spaces (most editors can show tabs and convert them)".into()
        )]
    );
    let (c, d) = parse("title: T\n---\ntitle: U\n");
    assert!(c.is_none());
    let found = all(&d);
    assert_eq!((found[0].0, found[0].1), (2, 1), "{found:#?}");
    assert!(found[0].2.contains("second YAML document") && found[0].3.contains("`---`"), "{found:#?}");
    let (_, d) = parse("title: T\rlicense: 7\rscorm: x\r");
    let lines: Vec<usize> = all(&d).iter().map(|f| f.0).collect();
    assert_eq!(lines, [2, 3]);
}

#[test]
fn every_problem_of_a_badge_is_reported_in_one_run() {
    let text = "title: T\nlanguages: [en]\njourney:\n  badges:\n    - id: ../x\n      name: N\n      rule: { lessons: 0 }\n      bogus: 1\n      image: ../../outside.png\n    - id: fine\n      name: F\n      description: D\n      rule: {}\n";
    let (c, d) = parse(text);
    assert!(c.is_none());
    let found = all(&d);
    let expect = [
        (5, 7, "badge id `../x` is not a short name of lower-case letters, digits and `-`"),
        (5, 7, "journey.badges[0]: missing field `description`"),
        (7, 24, "journey.badges[0].rule.lessons: `0` is not a number of at least 1 and at most 4294967295"),
        (8, 7, "journey.badges[0]: unknown field `bogus`, expected one of `id`, `name`, `description`, `rule`, `image`"),
        (9, 7, "badge image `../../outside.png` is not an SVG file"),
        (9, 7, "badge image `../../outside.png`: this path leads outside the site folder"),
        (13, 7, "badge `fine` has an empty rule"),
    ];
    for (l, c, m) in expect {
        assert!(found.iter().any(|f| (f.0, f.1, f.2.as_str()) == (l, c, m)), "missing {l}:{c}: {m} in {found:#?}");
    }
    assert_eq!(found.len(), expect.len(), "the rule left out is not also `empty`: {found:#?}");
    assert!(found.iter().all(|f| !f.3.is_empty()), "{found:#?}");
}
