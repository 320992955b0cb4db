use std::sync::Arc;

use super::player::{MediaLabels, TranscriptHtml};
use super::*;

fn labels(lang: &str) -> MediaLabels {
    MediaLabels {
        lang: lang.into(),
        dir: "ltr".into(),
        transcript: "Transcript".into(),
        download: "Download ({size})".into(),
        unsupported: "Your browser cannot play this file.".into(),
        play_on: "Play on {platform}".into(),
        privacy: "Opens {platform}.".into(),
        duration: "Duration".into(),
        read_transcript: "Read the transcript".into(),
        video_on: "Video on {platform}".into(),
        other: Vec::new(),
    }
}

fn caption(lang: &str, label: &str, vtt: &str) -> Caption {
    Caption {
        lang: lang.into(),
        label: label.into(),
        href: format!("interview.{lang}.vtt"),
        text: Some(Arc::new(SidecarText { lang: lang.into(), text: vtt.into() })),
    }
}

fn video() -> MediaFiles {
    MediaFiles {
        kind: MediaKind::Video,
        mime: "video/webm",
        href: "interview.webm".into(),
        size: 90_000,
        poster: Some("interview.jpg".into()),
        captions: vec![
            caption("en", "English", "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Maria>Hello & welcome\n"),
            caption("el", "Ελληνικά", "WEBVTT\n\n00:00.000 --> 00:02.000 line:90%\nΓεια σας\n"),
        ],
        transcript: None,
    }
}

#[test]
fn kinds_by_extension() {
    assert_eq!(kind_of("a/interview.MP4"), Some((MediaKind::Video, "video/mp4")));
    assert_eq!(kind_of("talk.webm#t=5"), Some((MediaKind::Video, "video/webm")));
    assert_eq!(kind_of("talk.mp3"), Some((MediaKind::Audio, "audio/mpeg")));
    assert_eq!(kind_of("talk.m4a").map(|k| k.0), Some(MediaKind::Audio));
    assert_eq!(kind_of("talk.ogg").map(|k| k.0), Some(MediaKind::Audio));
    assert_eq!(kind_of("photo.jpg"), None);
    assert_eq!(kind_of("README"), None);
}

#[test]
fn companions_are_found_by_name() {
    let names = [
        "interview.webm",
        "interview.jpg",
        "interview.el.vtt",
        "interview.en.vtt",
        "interview.transcript.md",
        "interview.de.transcript.md",
        "interviews.en.vtt",
        "interview.notes.vtt",
        "other.jpg",
    ];
    let c = companions("interview.webm", names);
    assert_eq!(c.poster.as_deref(), Some("interview.jpg"));
    assert_eq!(c.captions, vec![("el".to_string(), "interview.el.vtt".to_string()), ("en".into(), "interview.en.vtt".into())]);
    assert_eq!(c.transcripts, vec![("de".to_string(), "interview.de.transcript.md".to_string()), (String::new(), "interview.transcript.md".into())]);
    assert_eq!(companions("clip.mp4", ["clip.mp4", "clip.png"]).poster.as_deref(), Some("clip.png"));
    assert_eq!(companions("clip.mp4", ["clip.mp4"]), Companions::default());
}

#[test]
fn a_video_player_has_controls_metadata_preload_poster_and_tracks_in_page_language_first() {
    let html = player::render(&video(), "Interview with a mentor", None, &labels("el"), "87 KiB", None);
    assert!(html.starts_with("<figure class=\"media media-video\">\n<video controls preload=\"metadata\" playsinline poster=\"interview.jpg\" aria-label=\"Interview with a mentor\">"), "{html}");
    assert!(!html.contains("autoplay"));
    assert!(html.contains("<source src=\"interview.webm\" type=\"video/webm\">"));
    let el = html.find("srclang=\"el\"").unwrap();
    let en = html.find("srclang=\"en\"").unwrap();
    assert!(el < en, "the page's language comes first");
    assert!(html.contains("<track kind=\"captions\" src=\"interview.el.vtt\" srclang=\"el\" label=\"Ελληνικά\" data-default>"));
    assert!(html.contains("<track kind=\"captions\" src=\"interview.en.vtt\" srclang=\"en\" label=\"English\">"));
    assert!(html.contains("<a href=\"interview.webm\" download>Download (<bdi>87 KiB</bdi>)</a>"));
    // Cues for pages opened from disk, escaped, with their settings.
    assert!(html.contains(
        "<template class=\"media-cues\" data-srclang=\"el\"><p data-start=\"0.000\" data-end=\"2.000\" data-settings=\"line:90%\">Γεια σας</p></template>"
    ));
    assert!(html.contains("&lt;v Maria&gt;Hello &amp; welcome"));
    // In English, English first and default.
    let html = player::render(&video(), "Interview", None, &labels("en"), "87 KiB", None);
    assert!(html.find("srclang=\"en\"").unwrap() < html.find("srclang=\"el\"").unwrap());
    // No captions in the page's language: none is on by default.
    let html = player::render(&video(), "Interview", None, &labels("de"), "87 KiB", None);
    assert!(!html.contains(" data-default>"));
}

#[test]
fn audio_has_no_poster_and_titles_are_escaped() {
    let mut files = video();
    files.kind = MediaKind::Audio;
    files.mime = "audio/ogg";
    files.captions.clear();
    let t = TranscriptHtml { html: "<p>Hi</p>\n".into(), lang: "en".into() };
    let html = player::render(&files, "A \"quoted\" <title>", Some(&t), &labels("en"), "1 KiB", None);
    assert!(html.contains("<audio controls preload=\"metadata\" aria-label=\"A &quot;quoted&quot; &lt;title&gt;\">"), "{html}");
    assert!(!html.contains("poster"));
    assert!(html.contains("<details class=\"transcript\">\n<summary>Transcript<span class=\"visually-hidden\">: A &quot;quoted&quot; &lt;title&gt;</span></summary>\n<div class=\"transcript-body\">\n<p>Hi</p>\n</div>\n</details>"));
    // A transcript in another language says so.
    let t = TranscriptHtml { html: "<p>مرحبا</p>".into(), lang: "ar".into() };
    assert!(player::render(&files, "x", Some(&t), &labels("en"), "1 KiB", None).contains("<div class=\"transcript-body\" lang=\"ar\" dir=\"rtl\">"));
}

#[test]
fn a_player_in_text_of_another_language_speaks_the_pages_language() {
    // A Greek page showing an English lesson: Greek captions first and on, the player's words
    // Greek and marked, its name (the lesson's words) left English.
    let mixed = crate::escape::Mixed::new(("el", "ltr"), ("en", "ltr"));
    let t = TranscriptHtml { html: "<p>Γεια</p>\n".into(), lang: "el".into() };
    let html = player::render(&video(), "Interview", Some(&t), &labels("el"), "87 KiB", mixed.as_ref());
    assert!(html.find("srclang=\"el\"").unwrap() < html.find("srclang=\"en\"").unwrap());
    assert!(html.contains("srclang=\"el\" label=\"Ελληνικά\" data-default>"), "{html}");
    assert!(html.contains("<p lang=\"el\" dir=\"ltr\">Your browser cannot play this file. <a href=\"interview.webm\" download>"), "{html}");
    assert!(html.contains("<figcaption>Interview <a class=\"media-download\" href=\"interview.webm\" download lang=\"el\" dir=\"ltr\">"), "{html}");
    assert!(html.contains("<summary><span lang=\"el\" dir=\"ltr\">Transcript</span><span class=\"visually-hidden\">: Interview</span></summary>"), "{html}");
    // The Greek transcript is marked inside the English text; an English one would not be.
    assert!(html.contains("<div class=\"transcript-body\" lang=\"el\" dir=\"ltr\">"), "{html}");
    let t = TranscriptHtml { html: "<p>Hi</p>\n".into(), lang: "en".into() };
    assert!(player::render(&video(), "Interview", Some(&t), &labels("el"), "87 KiB", mixed.as_ref()).contains("<div class=\"transcript-body\">"));
    // No captions in the page's language: the text's come first and are on.
    let mixed = crate::escape::Mixed::new(("ar", "rtl"), ("en", "ltr"));
    let html = player::render(&video(), "Interview", None, &labels("ar"), "87 KiB", mixed.as_ref());
    assert!(html.find("srclang=\"en\"").unwrap() < html.find("srclang=\"el\"").unwrap());
    assert!(html.contains("srclang=\"en\" label=\"English\" data-default>"), "{html}");
    assert!(html.contains("<p lang=\"ar\" dir=\"rtl\">"), "{html}");
}

#[test]
fn a_placeholder_in_text_of_another_language_marks_its_interface_words() {
    let v = external::parse("url: https://youtu.be/abc123\ntitle: A webinar\nduration: 45 min\n").unwrap();
    let mixed = crate::escape::Mixed::new(("el", "ltr"), ("en", "ltr"));
    let html = external::render(&v, Some("t.html"), &labels("el"), mixed.as_ref());
    for marked in [
        "<p class=\"external-platform\" lang=\"el\" dir=\"ltr\">Video on YouTube</p>",
        "<p class=\"external-duration\"><span lang=\"el\" dir=\"ltr\">Duration</span>: 45 min</p>",
        "<span aria-hidden=\"true\">▶</span><span lang=\"el\" dir=\"ltr\">Play on YouTube</span><span class=\"visually-hidden\">: A webinar</span>",
        "<p class=\"external-privacy\" lang=\"el\" dir=\"ltr\">",
        "<a class=\"external-transcript\" href=\"t.html\" lang=\"el\" dir=\"ltr\">",
    ] {
        assert!(html.contains(marked), "{marked} in {html}");
    }
    assert!(!external::render(&v, Some("t.html"), &labels("el"), None).contains(" lang="));
}

#[test]
fn transcripts_from_captions_group_speakers_and_pauses() {
    let vtt = vtt::parse(
        "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Maria>Welcome to\n\n00:02.000 --> 00:04.000\nthe interview.\n\n00:04.500 --> 00:06.000\n<v Nikos>Thank you &amp; hello.\n\n00:20.000 --> 00:22.000\n<v Nikos>Later.\n",
    );
    let (html, text) = transcript_from_cues(&vtt.cues);
    assert_eq!(
        html,
        "<p><span class=\"transcript-time\">0:00</span> <b>Maria:</b> Welcome to the interview.</p>\n<p><span class=\"transcript-time\">0:04</span> <b>Nikos:</b> Thank you &amp; hello.</p>\n<p><span class=\"transcript-time\">0:20</span> <b>Nikos:</b> Later.</p>\n"
    );
    assert_eq!(text, "Maria: Welcome to the interview.\nNikos: Thank you & hello.\nNikos: Later.\n");
}

#[test]
fn the_inventory_lists_media_and_what_lacks_captions() {
    let items = inventory(["m/a.webm", "m/a.en.vtt", "m/b.mp3", "m/b.transcript.md", "c.mp4", "c.jpg", "m/x.png"]);
    let rels: Vec<&str> = items.iter().map(|i| i.rel.as_str()).collect();
    assert_eq!(rels, ["c.mp4", "m/a.webm", "m/b.mp3"]);
    assert!(items[0].lacks_captions("en"));
    assert!(!items[1].lacks_captions("en"));
    assert!(items[1].lacks_captions("el"));
    assert!(!items[2].lacks_captions("el"), "audio with a transcript is accessible");
}

#[test]
fn external_blocks_name_platforms_and_normalise_addresses() {
    let ok = |block: &str| external::parse(block).unwrap();
    let v = ok("url: https://www.youtube.com/watch?v=abc_123-X&t=5\ntitle: Webinar\nduration: 45 min\ntranscript: webinar.md\n");
    assert_eq!(
        (v.platform, v.url.as_str(), v.duration.as_deref(), v.transcript.as_deref()),
        ("YouTube", "https://www.youtube.com/watch?v=abc_123-X", Some("45 min"), Some("webinar.md"))
    );
    assert_eq!(ok("url: https://youtu.be/abc123?si=x\ntitle: T").url, "https://www.youtube.com/watch?v=abc123");
    assert_eq!(ok("url: https://www.youtube-nocookie.com/embed/abc123\ntitle: T").url, "https://www.youtube.com/watch?v=abc123");
    assert_eq!(ok("url: https://player.vimeo.com/video/76979871\ntitle: T").url, "https://vimeo.com/76979871");
    assert_eq!(ok("url: https://vimeo.com/76979871\ntitle: T").platform, "Vimeo");
    let p = ok("url: https://tube.example.org/videos/embed/9c9de5e8\ntitle: T");
    assert_eq!((p.platform, p.url.as_str()), ("PeerTube", "https://tube.example.org/w/9c9de5e8"));
    assert_eq!(ok("url: https://video.example.eu/some/page\ntitle: T\nplatform: peertube").platform, "PeerTube");
}

#[test]
fn external_block_errors_name_their_line() {
    let errs = |block: &str| external::parse(block).unwrap_err().into_iter().map(|e| (e.line, e.message)).collect::<Vec<_>>();
    assert_eq!(errs("url: http://www.youtube.com/watch?v=a\ntitle: T"), vec![(0, "`http://www.youtube.com/watch?v=a` is not an https:// address".to_string())]);
    assert_eq!(errs("url: https://example.com/clip\ntitle: T")[0].0, 0);
    assert!(errs("url: https://example.com/clip\ntitle: T")[0].1.contains("not a video platform"));
    assert_eq!(errs("title: T\nurl: https://www.youtube.com/watch?x=1")[0].0, 1);
    assert_eq!(
        errs("url: https://youtu.be/a\ntitel: T"),
        vec![(1, "unknown key `titel` in a video block".to_string()), (1, "a video block needs a `title:`".to_string())]
    );
    assert_eq!(errs("url: https://youtu.be/a\ntitle: T\ntitle: U")[0], (2, "`title` is given twice".to_string()));
    assert_eq!(errs("url: https://youtu.be/a\ntitle: T\nplatform: Dailymotion")[0].1, "unknown platform `Dailymotion`");
    assert!(errs("url: https://youtu.be/a b\ntitle: T")[0].1.contains("not a valid address"));
}

#[test]
fn the_placeholder_requests_nothing_and_links_to_the_platform() {
    let v = external::parse("url: https://vimeo.com/76979871\ntitle: Mentoring <in> practice\nduration: 30 min").unwrap();
    let html = external::render(&v, Some("webinar.html"), &labels("en"), None);
    for banned in ["<iframe", "<img", "<script", "src=", "<video"] {
        assert!(!html.contains(banned), "{banned} in {html}");
    }
    assert!(html.contains("<a class=\"button external-play\" href=\"https://vimeo.com/76979871\" rel=\"external noopener noreferrer\"><span aria-hidden=\"true\">▶</span>Play on Vimeo<span class=\"visually-hidden\">: Mentoring &lt;in&gt; practice</span></a>"));
    assert!(html.contains("<p class=\"external-duration\">Duration: 30 min</p>"));
    assert!(html.contains("<p class=\"external-platform\">Video on Vimeo</p>"));
    assert!(html.contains("<a class=\"external-transcript\" href=\"webinar.html\">Read the transcript</a>"));
    assert!(!external::render(&v, None, &labels("en"), None).contains("transcript"));
}
