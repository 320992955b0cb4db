//! Media in Markdown, rendered without disk: a fake site that knows a few media files.

use std::sync::Arc;

use super::*;
use crate::media::{Caption, MediaFiles, MediaKind, SidecarText};

struct Media;
impl Links for Media {
    fn resolve(&self, dest: &str, _: bool) -> Resolved {
        match dest {
            "webinar.md" => Resolved::Rewrite("webinar.html".into()),
            d if d.starts_with("missing") => Resolved::Error(format!("no page `{d}`"), "check".into()),
            _ => Resolved::Keep,
        }
    }
    fn media(&self, dest: &str) -> Option<MediaFiles> {
        let text = |lang: &str, t: &str| Some(Arc::new(SidecarText { lang: lang.into(), text: t.into() }));
        let cap = |lang: &str, t: &str| Caption { lang: lang.into(), label: lang.into(), href: format!("talk.{lang}.vtt"), text: text(lang, t) };
        let base = MediaFiles { kind: MediaKind::Video, mime: "video/mp4", href: dest.into(), size: 2048, poster: None, captions: vec![], transcript: None };
        match dest {
            "talk.mp4" => Some(MediaFiles { captions: vec![cap("en", "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Eleni>Mentors listen first.\n")], ..base }),
            "greek.mp4" => Some(MediaFiles { captions: vec![cap("el", "WEBVTT\n\n00:01.000 --> 00:03.000\nΟι μέντορες ακούνε.\n")], ..base }),
            "bare.mp4" => Some(base),
            "voice.mp3" => Some(MediaFiles { kind: MediaKind::Audio, mime: "audio/mpeg", ..base }),
            "told.mp3" => Some(MediaFiles {
                kind: MediaKind::Audio,
                mime: "audio/mpeg",
                transcript: text("en", "## Part one\n\nThe *whole* interview, see [the webinar](webinar.md) and [x](missing.md).\n\n![loop](told.mp3)\n"),
                ..base
            }),
            _ => None,
        }
    }
}

fn render_media(src: &str) -> Rendered {
    render(src, &Media, &labels())
}

#[test]
fn a_media_image_on_its_own_line_becomes_a_figure_not_inside_a_paragraph() {
    let r = render_media("Before.\n\n![A talk about mentoring](talk.mp4)\n\nAfter.\n");
    assert!(r.html.contains("<p>Before.</p>\n<figure class=\"media media-video\">"), "{}", r.html);
    assert!(!r.html.contains("<p><figure"));
    assert!(!r.html.contains("<img"));
    assert!(r.html.contains("<track kind=\"captions\" src=\"talk.en.vtt\" srclang=\"en\" label=\"en\" data-default>"));
    assert!(r.html.contains("<figcaption>A talk about mentoring "));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // The transcript made from the captions is collapsed under the player and searchable.
    assert!(r.html.contains("<details class=\"transcript\">"));
    assert!(r.html.contains("<b>Eleni:</b> Mentors listen first."));
    assert!(r.text.contains("Eleni: Mentors listen first."));
    assert!(r.text.contains("A talk about mentoring"));
}

#[test]
fn the_searchable_text_keeps_a_players_name_and_its_transcript_apart() {
    // The name and the transcript's first words made one word ("mentoringMentors"), which
    // the search index kept: neither word found the page there.
    for src in ["![A talk about mentoring](talk.mp4)\n", "Intro.\n\n![A talk about mentoring](talk.mp4)\n", "![Audio](told.mp3)\n"] {
        let r = render_media(src);
        let words: Vec<&str> = r.text.split(|c: char| !c.is_alphanumeric()).collect();
        for glued in ["mentoringEleni", "mentoringMentors", "AudioPart", "AudioThe"] {
            assert!(!words.contains(&glued), "{glued} in {:?}", r.text);
        }
    }
}

#[test]
fn text_around_a_player_stays_in_valid_paragraphs() {
    let r = render_media("Watch ![Talk](talk.mp4) then read.\n");
    assert!(r.html.starts_with("<p>Watch </p>\n<figure") || r.html.starts_with("<p>Watch </p><figure"), "{}", r.html);
    assert!(r.html.contains("</figure>\n<p> then read.</p>"), "{}", r.html);
    let r = render_media("- ![Talk](talk.mp4)\n- next\n");
    assert!(r.html.contains("<li><figure"), "{}", r.html);
}

#[test]
fn a_video_without_captions_in_the_page_language_is_a_warning_at_its_position() {
    let src = "Intro.\n\n![Greek talk](greek.mp4)\n";
    let r = render_media(src);
    assert_eq!(r.problems.len(), 1);
    let p = &r.problems[0];
    assert_eq!(p.severity, Severity::Warning);
    assert_eq!(&src[p.offset..p.offset + 2], "![");
    assert_eq!(p.message, "the video `greek.mp4` has no captions in `en` (it has captions in el)");
    assert!(p.hint.contains("greek.en.vtt"));
    // The Greek captions still make a transcript, marked as Greek.
    assert!(r.html.contains("<div class=\"transcript-body\" lang=\"el\" dir=\"ltr\">"), "{}", r.html);
    let r = render_media("![Bare](bare.mp4)\n");
    assert_eq!(r.problems[0].message, "the video `bare.mp4` has no captions in `en`");
    assert!(!r.html.contains("<details"));
    let r = render_media("![](talk.mp4)\n");
    assert!(r.problems[0].message.contains("has no title"));
}

#[test]
fn audio_needs_a_transcript_and_a_transcript_file_is_rendered_as_markdown() {
    let r = render_media("![Voice](voice.mp3)\n");
    assert!(r.html.contains("<audio controls preload=\"metadata\" aria-label=\"Voice\">"));
    assert_eq!(r.problems[0].message, "the audio `voice.mp3` has no transcript");
    let src = "![Told](told.mp3)\n";
    let r = render_media(src);
    assert!(r.html.contains("<em>whole</em>"), "{}", r.html);
    assert!(r.html.contains("href=\"webinar.html\""));
    // Transcript headings get ids of their own; no player inside the transcript.
    assert!(r.html.contains("id=\"transcript-1-part-one\""), "{}", r.html);
    assert_eq!(r.html.matches("<audio").count(), 1);
    assert!(r.text.contains("The whole interview"));
    // A broken link in the transcript is reported at the player…
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert_eq!(r.problems[0].offset, 0);
    // …with the line and column in the transcript's own file.
    assert!(r.problems[0].message.starts_with("in the transcript, line 3, column 58: no page `missing.md`"), "{}", r.problems[0].message);
}

#[test]
fn a_video_block_becomes_a_placeholder_and_its_errors_have_lines() {
    let r = render_media("Text.\n\n```video\nurl: https://youtu.be/abc123\ntitle: Our webinar\nduration: 40 min\ntranscript: webinar.md\n```\n");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert!(r.html.contains("href=\"https://www.youtube.com/watch?v=abc123\""));
    assert!(r.html.contains("class=\"external-transcript\" href=\"webinar.html\""));
    assert!(!r.html.contains("<pre") && !r.html.contains("<iframe"));
    assert!(!r.has_code);
    assert!(r.text.contains("Our webinar"));
    let src = "Text.\n\n```video\nurl: https://example.com/x\ntitle: T\ntranscript: missing.md\n```\n";
    let r = render_media(src);
    let starts: Vec<&str> = r.problems.iter().map(|p| &src[p.offset..p.offset + 4]).collect();
    assert_eq!(starts, ["url:"], "{:?}", r.problems);
    assert!(r.html.contains("<pre>url: https://example.com/x"));
}

#[test]
fn remote_or_unknown_media_stay_images_and_are_resolved_as_such() {
    let r = render_media("![Clip](https://example.com/clip.mp4)\n");
    assert!(r.html.contains("<img src=\"https://example.com/clip.mp4\""));
    assert!(!r.html.contains("<video"));
    // Inside a transcript, media are not players.
    let inner = Labels { in_transcript: true, ..labels() };
    assert!(!render("![Talk](talk.mp4)", &Media, &inner).html.contains("<video"));
}
