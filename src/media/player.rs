//! The HTML of a local media player: `<video>`/`<audio>` with controls, `preload="metadata"`,
//! no autoplay, a poster, one `<track>` per caption file (the page's language first), a
//! download link, and the transcript in a collapsed `<details>`.
//!
//! Browsers refuse `<track>` files on pages opened from disk (file:// pages are each their
//! own origin), so each caption file's cues are also written into an inert `<template>`
//! from which the theme's script adds the same captions there. The page language's track
//! (else, on a page shown in another language's words, that language's) is marked
//! `data-default`; the script shows it (over http the browser loads the file).

use super::{vtt, Caption, MediaFiles, MediaKind};
use crate::escape::{escape_html, lang_attrs, ui_attrs, Mixed};

/// Interface strings of players and placeholders, in the page's language.
#[derive(Debug, Clone, Default)]
pub struct MediaLabels {
    /// The page's language code: its captions come first and its transcript is chosen, also
    /// when the text around the player is in another language (see [`Mixed`]).
    pub lang: String,
    /// The page's direction (`ltr`, `rtl`).
    pub dir: String,
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
    /// The language (code, direction) of each label above, by its name (`transcript`,
    /// `download`, …), whose string is another language's: a language without these
    /// interface strings shows the default language's (or English).
    pub other: Vec<(&'static str, (String, String))>,
}

impl MediaLabels {
    /// ` lang="…" dir="…"` for the label `name` in a text whose languages are `mixed`: the
    /// string's language when it is another's (nothing when that is the text's own), else the
    /// page's when the text around is in another language, else nothing.
    pub fn attrs(&self, name: &str, mixed: Option<&Mixed>) -> String {
        match self.other.iter().find(|(n, _)| *n == name) {
            None => ui_attrs(mixed),
            Some((_, (code, _))) if mixed.is_some_and(|m| m.text.0.eq_ignore_ascii_case(code)) => String::new(),
            Some((_, (code, dir))) => lang_attrs(code, dir),
        }
    }

    /// `html` (label `name`'s words) in a `<span>` with [`MediaLabels::attrs`] when it has any.
    pub fn span(&self, name: &str, mixed: Option<&Mixed>, html: String) -> String {
        match self.attrs(name, mixed) {
            a if a.is_empty() => html,
            a => format!("<span{a}>{html}</span>"),
        }
    }
}

/// A rendered transcript: HTML (already safe) and its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptHtml {
    pub html: String,
    pub lang: String,
}

/// The player's HTML. `title` is the Markdown image's alt text (the media's name). With
/// `mixed` the text around the player is in another language than the page: the player's
/// interface words carry the page's language, the title stays in the text's.
pub fn render(files: &MediaFiles, title: &str, transcript: Option<&TranscriptHtml>, labels: &MediaLabels, size: &str, mixed: Option<&Mixed>) -> String {
    let ui = ui_attrs(mixed);
    let mut captions: Vec<&Caption> = files.captions.iter().collect();
    captions.sort_by_key(|c| caption_rank(&c.lang, labels, mixed));
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
        let default = if i == 0 && caption_rank(&c.lang, labels, mixed) < 2 { " data-default" } else { "" };
        h.push_str(&format!(
            "<track kind=\"captions\" src=\"{}\" srclang=\"{}\" label=\"{}\"{default}>\n",
            escape_html(&c.href),
            escape_html(&c.lang),
            escape_html(&c.label)
        ));
    }
    // The size keeps its own direction in a right-to-left sentence ("91 KiB", not "KiB 91").
    let download = escape_html(&labels.download).replace("{size}", &format!("<bdi>{}</bdi>", escape_html(size)));
    // What shows where the browser cannot play the file: interface words in the page's
    // language; when a label is another language's, each label marked on its own.
    let fallback_line = if labels.other.is_empty() {
        format!("<p{ui}>{} <a href=\"{href}\" download>{download}</a></p>", escape_html(&labels.unsupported))
    } else {
        let (unsupported, link) = (labels.span("unsupported", mixed, escape_html(&labels.unsupported)), labels.span("download", mixed, download.clone()));
        format!("<p>{unsupported} <a href=\"{href}\" download>{link}</a></p>")
    };
    h.push_str(&format!("{fallback_line}\n</{tag}>\n"));
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
    let download_mark = labels.attrs("download", mixed);
    h.push_str(&format!("<figcaption>{title_e} <a class=\"media-download\" href=\"{href}\" download{download_mark}>{download}</a></figcaption>\n"));
    if let Some(t) = transcript {
        h.push_str(&transcript_details(t, title, labels, mixed));
    }
    h.push_str("</figure>\n");
    h
}

/// The order of captions: the page's language first, then (on a page whose text is in
/// another language) the text's, then the others in file order. The first is switched on
/// when it is one of those two.
pub fn caption_rank(lang: &str, labels: &MediaLabels, mixed: Option<&Mixed>) -> u8 {
    if lang.eq_ignore_ascii_case(&labels.lang) {
        0
    } else if mixed.is_some_and(|m| lang.eq_ignore_ascii_case(&m.text.0)) {
        1
    } else {
        2
    }
}

/// The collapsed transcript under a player (printed open; see the theme's CSS). Its body is
/// marked with its language when that is not the language of the text around it.
pub fn transcript_details(t: &TranscriptHtml, title: &str, labels: &MediaLabels, mixed: Option<&Mixed>) -> String {
    let around = mixed.map_or(labels.lang.as_str(), |m| m.text.0.as_str());
    let lang =
        if t.lang.is_empty() || t.lang.eq_ignore_ascii_case(around) { String::new() } else { crate::escape::lang_attrs(&t.lang, super::direction_of(&t.lang)) };
    let summary = labels.span("transcript", mixed, escape_html(&labels.transcript));
    format!(
        "<details class=\"transcript\">\n<summary>{summary}<span class=\"visually-hidden\">: {}</span></summary>\n<div class=\"transcript-body\"{lang}>\n{}</div>\n</details>\n",
        escape_html(title),
        t.html
    )
}

fn seconds(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}
