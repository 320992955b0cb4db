//! Video and audio: pure, between `load` (which reads caption and transcript files) and
//! `markdown` (which turns `![Title](interview.mp4)` into a player and ```` ```video ````
//! blocks into placeholders for external platforms).
//!
//! A media file's companions are found by name beside it: `interview.jpg` (or `.png`,
//! `.webp`) is the poster, `interview.<lang>.vtt` a caption file per language,
//! `interview.transcript.md` (or `interview.<lang>.transcript.md`) the transcript.

pub mod external;
pub mod player;
pub mod vtt;

use std::sync::Arc;

/// Video or audio, from the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Video,
    Audio,
}

/// Local media kinds and MIME types by extension (lower case).
const TYPES: &[(&str, MediaKind, &str)] = &[
    ("mp4", MediaKind::Video, "video/mp4"),
    ("m4v", MediaKind::Video, "video/mp4"),
    ("webm", MediaKind::Video, "video/webm"),
    ("ogv", MediaKind::Video, "video/ogg"),
    ("mp3", MediaKind::Audio, "audio/mpeg"),
    ("m4a", MediaKind::Audio, "audio/mp4"),
    ("ogg", MediaKind::Audio, "audio/ogg"),
    ("oga", MediaKind::Audio, "audio/ogg"),
    ("opus", MediaKind::Audio, "audio/ogg"),
    ("wav", MediaKind::Audio, "audio/wav"),
];

/// The kind and MIME type of a media file by its name; `None` for anything else.
pub fn kind_of(path: &str) -> Option<(MediaKind, &'static str)> {
    let path = path.split(['#', '?']).next().unwrap_or(path);
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    TYPES.iter().find(|(e, _, _)| *e == ext).map(|&(_, k, m)| (k, m))
}

/// The writing direction of a language code (`ltr` for a language kyklos does not know).
pub fn direction_of(code: &str) -> &'static str {
    crate::model::lang::Language::new(code, Some(String::new()), None).map_or("ltr", |l| l.direction.as_str())
}

/// Poster image extensions, in order of preference.
const POSTERS: &[&str] = &["jpg", "jpeg", "png", "webp"];

pub use crate::model::SidecarText;

/// Whether a file is read as text at load time: caption files and transcripts.
pub fn is_sidecar(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    lower.ends_with(".vtt") || lower.ends_with(".transcript.md")
}

/// A transcript is shown in the page that plays its media; it is not published on its own.
pub fn is_transcript(rel: &str) -> bool {
    rel.to_ascii_lowercase().ends_with(".transcript.md")
}

/// The companions of a media file, as paths relative to the same folder as `media` is in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Companions {
    pub poster: Option<String>,
    /// (language, caption file), in file-name order.
    pub captions: Vec<(String, String)>,
    /// (language or "" for the shared one, transcript file).
    pub transcripts: Vec<(String, String)>,
}

/// Finds a media file's companions among the names of the files in its folder.
pub fn companions<'a>(media_name: &str, names: impl IntoIterator<Item = &'a str>) -> Companions {
    let stem = media_name.rsplit_once('.').map_or(media_name, |(s, _)| s);
    let mut out = Companions::default();
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_unstable();
    for ext in POSTERS {
        if out.poster.is_none() {
            out.poster = names
                .iter()
                .find(|n| n.strip_prefix(stem).and_then(|r| r.strip_prefix('.')).is_some_and(|e| e.eq_ignore_ascii_case(ext)))
                .map(|n| n.to_string());
        }
    }
    for name in names {
        let Some(rest) = name.strip_prefix(stem).and_then(|r| r.strip_prefix('.')) else { continue };
        if let Some(lang) = rest.strip_suffix(".vtt").filter(|l| crate::model::lang::is_language_tag(l)) {
            out.captions.push((lang.to_string(), name.to_string()));
        } else if rest == "transcript.md" {
            out.transcripts.push((String::new(), name.to_string()));
        } else if let Some(lang) = rest.strip_suffix(".transcript.md").filter(|l| crate::model::lang::is_language_tag(l)) {
            out.transcripts.push((lang.to_string(), name.to_string()));
        }
    }
    out
}

/// A caption file as the page links to it.
#[derive(Debug, Clone)]
pub struct Caption {
    pub lang: String,
    /// The language's name in itself (the track's label).
    pub label: String,
    pub href: String,
    pub text: Option<Arc<SidecarText>>,
}

/// Everything the page needs to know about one local media file.
#[derive(Debug, Clone)]
pub struct MediaFiles {
    pub kind: MediaKind,
    pub mime: &'static str,
    pub href: String,
    pub size: u64,
    pub poster: Option<String>,
    pub captions: Vec<Caption>,
    /// The transcript's Markdown, in the page's language if there is one.
    pub transcript: Option<Arc<SidecarText>>,
}

/// Captions in the page's language first, then the others in the order given.
pub fn order_captions(captions: &mut [Caption], page_lang: &str) {
    captions.sort_by_key(|c| !c.lang.eq_ignore_ascii_case(page_lang));
}

/// A transcript made from captions: one paragraph per speaker turn (a `<v Name>` cue tag) or
/// per pause of two seconds or more, each with the time it starts. HTML, escaped.
pub fn transcript_from_cues(cues: &[vtt::Cue]) -> (String, String) {
    let mut html = String::new();
    let mut text = String::new();
    let mut open: Option<(Option<String>, u64, Vec<String>)> = None;
    let mut last_end = 0u64;
    let flush = |open: Option<(Option<String>, u64, Vec<String>)>, html: &mut String, text: &mut String| {
        let Some((voice, start, words)) = open else { return };
        let said = words.join(" ");
        html.push_str(&format!("<p><span class=\"transcript-time\">{}</span> ", vtt::format_time(start)));
        if let Some(v) = &voice {
            html.push_str(&format!("<b>{}:</b> ", crate::escape::escape_html(v)));
            text.push_str(&format!("{v}: "));
        }
        html.push_str(&crate::escape::escape_html(&said));
        html.push_str("</p>\n");
        text.push_str(&said);
        text.push('\n');
    };
    for cue in cues {
        let (voice, said) = vtt::plain_text(&cue.text);
        if said.is_empty() {
            continue;
        }
        let continues = match &open {
            Some((v, _, _)) => (voice.is_none() || voice == *v) && cue.start < last_end + 2000,
            None => false,
        };
        if continues {
            if let Some((_, _, words)) = open.as_mut() {
                words.push(said);
            }
        } else {
            let keep_voice = if voice.is_none() && cue.start < last_end + 2000 { open.as_ref().and_then(|o| o.0.clone()) } else { None };
            flush(open.take(), &mut html, &mut text);
            open = Some((voice.or(keep_voice), cue.start, vec![said]));
        }
        last_end = last_end.max(cue.end);
    }
    flush(open, &mut html, &mut text);
    (html, text)
}

/// One local media file of a language, for the accessibility statement and reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaItem {
    /// Relative to `content/<lang>/`.
    pub rel: String,
    pub kind: MediaKind,
    /// Languages that have caption files.
    pub captions: Vec<String>,
    pub transcript: bool,
}

impl MediaItem {
    /// Without captions in `lang` (videos), or without captions or a transcript (audio).
    pub fn lacks_captions(&self, lang: &str) -> bool {
        let captioned = self.captions.iter().any(|c| c.eq_ignore_ascii_case(lang));
        match self.kind {
            MediaKind::Video => !captioned,
            MediaKind::Audio => !captioned && !self.transcript,
        }
    }
}

/// Every local media file among a language's files (relative paths), with its captions:
/// what an accessibility statement lists as "media without captions" (filter with
/// [`MediaItem::lacks_captions`]).
pub fn inventory<'a>(rels: impl IntoIterator<Item = &'a str>) -> Vec<MediaItem> {
    let rels: Vec<&str> = rels.into_iter().collect();
    let mut by_dir: std::collections::BTreeMap<&str, Vec<&str>> = std::collections::BTreeMap::new();
    for rel in &rels {
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        by_dir.entry(dir).or_default().push(name);
    }
    let mut out = Vec::new();
    for (dir, names) in &by_dir {
        for name in names {
            let Some((kind, _)) = kind_of(name) else { continue };
            let c = companions(name, names.iter().copied());
            let rel = if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
            out.push(MediaItem { rel, kind, captions: c.captions.into_iter().map(|(l, _)| l).collect(), transcript: !c.transcripts.is_empty() });
        }
    }
    out
}

#[cfg(test)]
mod tests;
