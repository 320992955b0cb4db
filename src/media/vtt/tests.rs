use super::*;

fn errors(text: &str) -> Vec<(usize, usize, String)> {
    parse(text).errors.into_iter().map(|e| (e.line, e.col, e.message)).collect()
}

#[test]
fn reads_a_valid_file_with_header_notes_style_region_ids_settings_and_crlf() {
    let text = "\u{feff}WEBVTT - interview\r\nKind: captions\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\nREGION\r\nid:left\r\n\r\nNOTE a comment\r\nover two lines\r\n\r\n1\r\n00:00.000 --> 00:02.500 line:90% align:start position:10%,line-left size:80%\r\n<v Anna>Hello &amp; welcome</v>\r\nsecond line\r\n\r\n01:00:03.000 --> 01:00:04.000 line:-1,end vertical:rl region:left\r\n<i>Bye</i> <00:00:03.500>now\r\n";
    let vtt = parse(text);
    assert_eq!(vtt.errors, vec![]);
    assert_eq!(vtt.cues.len(), 2);
    assert_eq!(vtt.cues[0].id, "1");
    assert_eq!((vtt.cues[0].start, vtt.cues[0].end), (0, 2500));
    assert_eq!(vtt.cues[0].text, "<v Anna>Hello &amp; welcome</v>\nsecond line");
    assert_eq!(vtt.cues[0].line, 14);
    assert_eq!(vtt.cues[1].start, 3_603_000);
    assert_eq!(plain_text(&vtt.cues[0].text), (Some("Anna".into()), "Hello & welcome second line".into()));
}

#[test]
fn the_signature_line_is_required() {
    assert_eq!(errors("")[0].0, 1);
    assert_eq!(errors("WEBVTTX\n\n00:00.000 --> 00:01.000\nHi\n")[0].2, "a WebVTT file must start with the line `WEBVTT`");
    assert_eq!(errors("1\n00:00:00,000 --> 00:00:01,000\nA SubRip file\n").len(), 1);
    assert!(errors("WEBVTT\tfile\n").is_empty());
}

#[test]
fn a_blank_line_must_follow_the_header() {
    assert_eq!(errors("WEBVTT\n00:00.000 --> 00:01.000\nHi\n"), vec![(2, 1, "a blank line must follow the `WEBVTT` header".into())]);
}

#[test]
fn timestamps_are_checked_with_their_column() {
    let e = errors("WEBVTT\n\n00:00,000 --> 00:01.000\nSubRip commas\n");
    assert_eq!((e[0].0, e[0].1), (3, 1));
    assert!(e[0].2.contains("`00:00,000` is not a WebVTT time"), "{e:?}");
    let e = errors("WEBVTT\n\n00:00.000 --> 00:61.000\nHi\n");
    assert_eq!((e[0].0, e[0].1), (3, 15));
    assert!(e[0].2.contains("up to 59"));
    assert!(errors("WEBVTT\n\n0:00:01.000 --> 0:00:02.000\nHi\n")[0].2.contains("hours must have at least two digits"));
    assert!(errors("WEBVTT\n\n00:01.00 --> 00:02.000\nHi\n")[0].2.contains("three digits"));
    assert!(errors("WEBVTT\n\n1:01.000 --> 00:02.000\nHi\n")[0].2.contains("two digits"));
    assert!(errors("WEBVTT\n\n00:01.000-->00:02.000\nHi\n")[0].2.contains("a space on each side"));
}

#[test]
fn cues_must_end_after_they_start_and_come_in_order() {
    let e = errors("WEBVTT\n\n00:05.000 --> 00:05.000\nA\n\n00:06.000 --> 00:07.000\nB\n\n00:01.000 --> 00:02.000\nC\n");
    assert_eq!(e.len(), 2, "{e:?}");
    assert_eq!((e[0].0, e[0].2.as_str()), (3, "the cue ends before it starts (or when it starts)"));
    assert_eq!(e[1].0, 9);
    assert!(e[1].2.contains("starts at 0:01"));
}

#[test]
fn settings_are_known_valid_and_once() {
    let one = |s: &str| errors(&format!("WEBVTT\n\n00:00.000 --> 00:01.000 {s}\nHi\n"));
    assert!(one("align:middle")[0].2.contains("not a valid `align`"));
    assert_eq!(one("align:middle")[0].1, 25);
    assert!(one("size:120%")[0].2.contains("`size`"));
    assert!(one("line:50.5")[0].2.contains("`line`"));
    assert!(one("position:10%,left")[0].2.contains("`position`"));
    assert!(one("colour:red")[0].2.contains("unknown cue setting `colour`"));
    assert!(one("line:1 line:2")[0].2.contains("given twice"));
    assert_eq!(one("line:1 line:2")[0].1, 32);
    assert!(one("bold")[0].2.contains("not a cue setting"));
    assert!(one("line:0%,center size:0.5% align:right vertical:lr").is_empty());
}

#[test]
fn cue_text_cannot_hold_an_arrow_or_unknown_tags() {
    let e = errors("WEBVTT\n\n00:00.000 --> 00:01.000\nA\n00:01.000 --> 00:02.000\nB\n");
    assert_eq!(e, vec![(5, 11, "a cue's text cannot contain `-->`".into())]);
    let e = errors("WEBVTT\n\n00:00.000 --> 00:01.000\nuse <font color=red>this</font>\n");
    assert_eq!((e[0].0, e[0].1), (4, 5));
    assert!(errors("WEBVTT\n\n00:00.000 --> 00:01.000\na < b\n")[0].2.contains("never closed"));
    assert!(errors("WEBVTT\n\n00:00.000 --> 00:01.000\n<c.yellow.bg_blue>x</c> <lang el>γεια</lang> <ruby>漢<rt>kan</rt></ruby> <u>u</u>\n").is_empty());
}

#[test]
fn a_block_without_timing_is_named() {
    let e = errors("WEBVTT\n\nintro\njust text\n");
    assert_eq!(e[0].0, 4);
    assert!(e[0].2.contains("expected a cue timing line"));
    assert!(errors("WEBVTT\n\n00:00.000 --> 00:01.000\nA\n\nSTYLE\n::cue {}\n")[0].2.contains("before the first cue"));
    // A NOTE line with an arrow is read as a timing line, as browsers do.
    assert!(errors("WEBVTT\n\nNOTE a --> b\n")[0].2.contains("`NOTE a` is not a WebVTT time"));
    assert!(errors("WEBVTT\n\nNOTE ok\nthen --> here\n")[0].2.contains("a NOTE block cannot contain `-->`"));
}

#[test]
fn many_errors_are_capped_and_nothing_panics() {
    let text: String = std::iter::once("WEBVTT\n\n".to_string()).chain((0..500).map(|_| "x --> y\nz\n\n".to_string())).collect();
    assert_eq!(parse(&text).errors.len(), MAX_ERRORS);
    for odd in [
        "WEBVTT\n\n-->",
        "WEBVTT\n\n --> ",
        "WEBVTT\n\n99999999999999999999:00:00.000 --> 00:01.000\nx",
        "WEBVTT\n\n<\n",
        "WEBVTT\r\r00:00.000 --> 00:01.000\rx",
    ] {
        let _ = parse(odd);
    }
    assert_eq!(parse("WEBVTT\r\r00:00.000 --> 00:01.000\rx").cues.len(), 1);
}

#[test]
fn times_format_for_people() {
    assert_eq!(format_time(65_000), "1:05");
    assert_eq!(format_time(3_725_000), "1:02:05");
    assert_eq!(parse_time("01:02:03.004"), Ok(3_723_004));
}
