//! The HTML of a local media player: `<video>`/`<audio>` with controls, `preload="metadata"`,
//! no autoplay, a poster, one `<track>` per caption file (the page's language first), a
//! download link, and the transcript in a collapsed `<details>`.
//!
//! Browsers refuse `<track>` files on pages opened from disk (file:// pages are each their
//! own origin), so each caption file's cues are also written into an inert `<template>`
//! from which the theme's script adds the same captions there. The page language's track
//! is marked `data-default`; the script shows it (over http the browser loads the file).

use super::{vtt, Caption, MediaFiles, MediaKind};
use crate::escape::escape_html;

/// Interface strings of players and placeholders, in the page's language.
#[derive(Debug, Clone, Default)]
pub struct MediaLabels {
    /// The page's language code.
    pub lang: String,
    /// "Transcript".
    pub transcript: String,
    /// "Download ({size})".
    pub download: String,
    /// "Your browser cannot play this file."
    pub unsupported: String,
    /// "Play on {platform}".
    pub play_on: String,
    /// "Opens {platform}: … sees your IP address …".
    pub privacy: String,
    /// "Duration".
    pub duration: String,
    /// "Read the transcript".
    pub read_transcript: String,
    /// "Video on {platform}".
    pub video_on: String,
}

/// A rendered transcript: HTML (already safe) and its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptHtml {
    pub html: String,
    pub lang: String,
}

/// The player's HTML. `title` is the Markdown image's alt text (the media's name).
pub fn render(files: &MediaFiles, title: &str, transcript: Option<&TranscriptHtml>, labels: &MediaLabels, size: &str) -> String {
    let mut captions: Vec<&Caption> = files.captions.iter().collect();
    captions.sort_by_key(|c| !c.lang.eq_ignore_ascii_case(&labels.lang));
    let (tag, class) = match files.kind {
        MediaKind::Video => ("video", "media media-video"),
        MediaKind::Audio => ("audio", "media media-audio"),
    };
    let title_e = escape_html(title);
    let href = escape_html(&files.href);
    let mut h = format!("<figure class=\"{class}\">\n<{tag} controls preload=\"metadata\"");
    if files.kind == MediaKind::Video {
        h.push_str(" playsinline");
        if let Some(poster) = &files.poster {
            h.push_str(&format!(" poster=\"{}\"", escape_html(poster)));
        }
    }
    h.push_str(&format!(" aria-label=\"{title_e}\">\n<source src=\"{href}\" type=\"{}\">\n", files.mime));
    for (i, c) in captions.iter().enumerate() {
        // Not `default`: a page opened from disk would try (and fail) to load it before the
        // script can supply its cues; the script turns it on instead.
        let default = if i == 0 && c.lang.eq_ignore_ascii_case(&labels.lang) { " data-default" } else { "" };
        h.push_str(&format!(
            "<track kind=\"captions\" src=\"{}\" srclang=\"{}\" label=\"{}\"{default}>\n",
            escape_html(&c.href),
            escape_html(&c.lang),
            escape_html(&c.label)
        ));
    }
    // The size keeps its own direction in a right-to-left sentence ("91 KiB", not "KiB 91").
    let download = escape_html(&labels.download).replace("{size}", &format!("<bdi>{}</bdi>", escape_html(size)));
    h.push_str(&format!("<p>{} <a href=\"{href}\" download>{download}</a></p>\n</{tag}>\n", escape_html(&labels.unsupported)));
    for c in &captions {
        let Some(text) = &c.text else { continue };
        h.push_str(&format!("<template class=\"media-cues\" data-srclang=\"{}\">", escape_html(&c.lang)));
        for cue in vtt::parse(&text.text).cues {
            h.push_str(&format!(
                "<p data-start=\"{}\" data-end=\"{}\" data-settings=\"{}\">{}</p>",
                seconds(cue.start),
                seconds(cue.end),
                escape_html(&cue.settings),
                escape_html(&cue.text)
            ));
        }
        h.push_str("</template>\n");
    }
    h.push_str(&format!("<figcaption>{title_e} <a class=\"media-download\" href=\"{href}\" download>{download}</a></figcaption>\n"));
    if let Some(t) = transcript {
        h.push_str(&transcript_details(t, title, labels));
    }
    h.push_str("</figure>\n");
    h
}

/// The collapsed transcript under a player (printed open; see the theme's CSS).
pub fn transcript_details(t: &TranscriptHtml, title: &str, labels: &MediaLabels) -> String {
    let lang = if t.lang.is_empty() || t.lang.eq_ignore_ascii_case(&labels.lang) {
        String::new()
    } else {
        let dir = if matches!(t.lang.split('-').next().unwrap_or(""), "ar" | "fa" | "he" | "ur" | "ps") { "rtl" } else { "ltr" };
        format!(" lang=\"{}\" dir=\"{dir}\"", escape_html(&t.lang))
    };
    format!(
        "<details class=\"transcript\">\n<summary>{}<span class=\"visually-hidden\">: {}</span></summary>\n<div class=\"transcript-body\"{lang}>\n{}</div>\n</details>\n",
        escape_html(&labels.transcript),
        escape_html(title),
        t.html
    )
}

fn seconds(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}
