//! Video and audio on fixture sites, through the real binary: the player's HTML, captions in
//! the page's language first, transcripts in the search index, the checks (missing captions:
//! a warning, an error with --strict; invalid WebVTT: an error at its line; oversized media:
//! a warning), ```video blocks, and SCORM packages that carry media and captions.

mod common;

use common::*;

const VTT_EN: &str = "WEBVTT\n\n00:00.500 --> 00:03.000\n<v Eleni>Mentors listen first.\n\n00:03.500 --> 00:06.000\n<v Eleni>Then they ask questions.\n";
const VTT_EL: &str = "WEBVTT\n\n00:00.500 --> 00:03.000\n<v Ελένη>Οι μέντορες πρώτα ακούνε.\n\n00:03.500 --> 00:06.000\n<v Ελένη>Μετά κάνουν ερωτήσεις.\n";

fn sample_video() -> Vec<u8> {
    std::fs::read(repo().join("content/en/05-webinars/mentor-interview.webm")).expect("the sample's video")
}

/// The fixture course with a video lesson in its module, captions in English and Greek, a
/// Greek translation of the lesson, and a poster.
fn media_site() -> Fixture {
    let f = Fixture::new();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\ntranslations:\n  el:\n    title: Δοκιμή\n");
    f.write("content/en/01-course/01-mod/03-video.md", "---\ntitle: Video lesson\n---\nIntro.\n\n![A mentor explains](talk.webm)\n\nAfter.\n");
    f.write("content/el/01-course/01-mod/03-video.md", "---\ntitle: Μάθημα με βίντεο\n---\nΕισαγωγή.\n\n![Ένας μέντορας εξηγεί](talk.webm)\n");
    f.write("content/el/index.md", "---\ntitle: Αρχική\n---\nΚαλώς ήρθατε.\n");
    f.write("content/en/01-course/01-mod/talk.webm", sample_video());
    f.write("content/en/01-course/01-mod/talk.jpg", b"\xff\xd8\xff\xe0 not really a jpeg");
    f.write("content/en/01-course/01-mod/talk.en.vtt", VTT_EN);
    f.write("content/en/01-course/01-mod/talk.el.vtt", VTT_EL);
    f
}

#[test]
fn a_video_becomes_a_player_with_tracks_in_the_page_language_first_and_a_transcript() {
    let f = media_site();
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    // No media warning (captions are there in both languages; licence warnings are not ours).
    let err = stderr(&out);
    let media_warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning") && (l.contains("caption") || l.contains("media"))).collect();
    assert!(media_warnings.is_empty(), "{err}");
    for (lang, first, second) in [("en", "en", "el"), ("el", "el", "en")] {
        let doc = f.html(&format!("{lang}/course/mod/video.html"));
        let video = select(&doc, "main figure.media video");
        assert_eq!(video.len(), 1);
        let v = video[0].value();
        assert!(v.attr("controls").is_some() && v.attr("autoplay").is_none());
        assert_eq!(v.attr("preload"), Some("metadata"));
        assert_eq!(v.attr("poster"), Some("talk.jpg"));
        let tracks: Vec<(&str, &str, bool)> = select(&doc, "main video track")
            .iter()
            .map(|t| (t.value().attr("srclang").unwrap(), t.value().attr("src").unwrap(), t.value().attr("data-default").is_some()))
            .collect();
        assert_eq!(tracks, [(first, format!("talk.{first}.vtt").as_str(), true), (second, format!("talk.{second}.vtt").as_str(), false)]);
        assert_eq!(select(&doc, "main p > figure").len(), 0, "a figure is never inside a paragraph");
        let transcript = select(&doc, "main figure.media details.transcript");
        assert_eq!(transcript.len(), 1);
        assert!(transcript[0].value().attr("open").is_none(), "collapsed");
        let said = text(&select(&doc, "main .transcript-body")[0]);
        assert!(
            said.contains(if lang == "en" {
                "Eleni: Mentors listen first. Then they ask questions."
            } else {
                "Ελένη: Οι μέντορες πρώτα ακούνε."
            }),
            "{said}"
        );
        // Media and captions are copied beside the page; the page loads the player script.
        for file in ["talk.webm", "talk.en.vtt", "talk.el.vtt", "talk.jpg"] {
            assert!(f.out().join(lang).join("course/mod").join(file).is_file(), "{lang}/{file}");
        }
        assert_eq!(select(&doc, "script[src$='static/media.js']").len(), 1);
    }
    // The printed course: the player's poster, source and tracks lead to the module's folder.
    let print = f.html("en/course/print.html");
    let video = select(&print, "main video");
    assert_eq!(video.len(), 1, "the print page holds the player");
    assert_eq!(video[0].value().attr("poster"), Some("mod/talk.jpg"));
    assert_eq!(select(&print, "main video source")[0].value().attr("src"), Some("mod/talk.webm"));
    let tracks: Vec<&str> = select(&print, "main video track").iter().filter_map(|t| t.value().attr("src")).collect();
    assert_eq!(tracks, ["mod/talk.en.vtt", "mod/talk.el.vtt"]);
    // The transcript is in the search index.
    let index: String =
        files(&f.out().join("search/en")).iter().map(|p| std::fs::read_to_string(f.out().join("search/en").join(p)).unwrap_or_default()).collect();
    assert!(index.to_lowercase().contains("mentors") || index.contains("question"), "the transcript's words are indexed");
}

#[test]
fn missing_captions_warn_with_the_position_and_fail_with_strict() {
    let f = media_site();
    f.remove("content/en/01-course/01-mod/talk.el.vtt");
    let out = f.check();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("content/el/01-course/01-mod/03-video.md:6:1: warning: the video `talk.webm` has no captions in `el` (it has captions in en)"),
        "{err}"
    );
    assert!(err.contains("hint: add a WebVTT caption file `talk.el.vtt` beside it"), "{err}");
    let strict = f.run(&["check", "--strict", "--root", f.root().to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(stderr(&strict).contains("03-video.md:6:1: error: the video `talk.webm` has no captions in `el`"), "{}", stderr(&strict));
    let build = f.run(&["build", "--strict", "--root", f.root().to_str().unwrap()]);
    assert_eq!(build.status.code(), Some(1));
    assert!(!f.out().exists(), "a strict build with warnings writes nothing");
}

#[test]
fn invalid_webvtt_is_an_error_at_its_line_and_column() {
    let f = media_site();
    f.write("content/en/01-course/01-mod/talk.el.vtt", "WEBVTT\n\n00:00.500 --> 00:03,000\nΚακή ώρα.\n\n00:04.000 --> 00:05.000 align:middle\nx\n");
    f.write("content/en/01-course/01-mod/other.en.vtt", "1\n00:00:01,000 --> 00:00:02,000\nA SubRip file renamed\n");
    let out = f.check();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for e in [
        "content/en/01-course/01-mod/talk.el.vtt:3:15: error: invalid WebVTT: `00:03,000` is not a WebVTT time",
        "content/en/01-course/01-mod/talk.el.vtt:6:25: error: invalid WebVTT: `align:middle` is not a valid `align` setting",
        "content/en/01-course/01-mod/other.en.vtt:1:1: error: invalid WebVTT: a WebVTT file must start with the line `WEBVTT`",
    ] {
        assert!(err.contains(e), "missing `{e}` in:\n{err}");
    }
}

#[test]
fn oversized_media_warn_at_the_limit_set_in_site_yaml() {
    let f = media_site();
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\nmax_media_mb: 0\n");
    let err = stderr(&f.check());
    assert!(err.contains("content/en/01-course/01-mod/talk.webm: warning: this media file is 92 KiB; files over 0 MiB"), "{err}");
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\ntranslations:\n  el:\n    title: Δοκιμή\n");
    assert!(!stderr(&f.check()).contains("this media file"));
    f.write("site.yaml", "title: Fixture site\nlanguages: [en, el]\nmax_media_mb: lots\n");
    assert_eq!(f.check().status.code(), Some(1));
}

#[test]
fn audio_without_a_transcript_warns_and_a_transcript_file_is_used_and_not_published() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/03-audio.md", "---\ntitle: Audio\n---\n![Voices of the counter](voices.ogg)\n\n![Untold](untold.mp3)\n");
    f.write("content/en/01-course/01-mod/voices.ogg", b"OggS not really");
    f.write("content/en/01-course/01-mod/untold.mp3", b"ID3 not really");
    f.write("content/en/01-course/01-mod/voices.transcript.md", "**Anna:** We meet people *first*.\n");
    let out = f.build();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("03-audio.md:6:1: warning: the audio `untold.mp3` has no transcript"), "{err}");
    assert!(!err.contains("voices.ogg` has no transcript"), "{err}");
    let doc = f.html("en/course/mod/audio.html");
    assert_eq!(select(&doc, "main audio[controls][preload='metadata']").len(), 2);
    assert!(text(&select(&doc, "main .transcript-body")[0]).contains("Anna: We meet people first."));
    assert!(!f.out().join("en/course/mod/voices.transcript.html").exists() && !f.out().join("en/course/mod/voices.transcript.md").exists());
}

#[test]
fn video_blocks_render_placeholders_and_report_errors_by_line() {
    let f = Fixture::new();
    f.write(
        "content/en/01-course/01-mod/03-webinar.md",
        "---\ntitle: Webinar\n---\n```video\nurl: https://vimeo.com/76979871\ntitle: Our webinar\nduration: 30 min\ntranscript: 01-first.md\n```\n",
    );
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = f.html("en/course/mod/webinar.html");
    let play = select(&doc, "main a.external-play");
    assert_eq!(play[0].value().attr("href"), Some("https://vimeo.com/76979871"));
    assert_eq!(select(&doc, "main a.external-transcript")[0].value().attr("href"), Some("first.html"));
    assert_eq!(select(&doc, "main iframe, main img, main video").len(), 0);
    f.write(
        "content/en/01-course/01-mod/03-webinar.md",
        "---\ntitle: Webinar\n---\nText.\n\n```video\ntitle: Our webinar\nurl: https://example.com/clip\ntransscript: x.md\n```\n",
    );
    let err = stderr(&f.check());
    assert!(err.contains("03-webinar.md:8:1: error: `example.com` is not a video platform kyklos knows"), "{err}");
    assert!(err.contains("03-webinar.md:9:1: error: unknown key `transscript` in a video block"), "{err}");
    assert!(err.contains("did you mean `transcript`?"), "{err}");
}
