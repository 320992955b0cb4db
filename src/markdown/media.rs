//! Media in Markdown: `![Title](interview.mp4)` → a player with captions and transcript, and
//! ```` ```video ```` blocks → privacy-first placeholders (see [`crate::media`]). The checks
//! that belong to a page (captions in the page's language, a transcript for audio) are
//! reported here, at the image's position.

use super::{escape_html, render, Labels, Links, Problem, Rendered, Resolved};
use crate::diagnostics::Severity;
use crate::media::player::{self, TranscriptHtml};
use crate::media::{external, transcript_from_cues, vtt, MediaFiles, MediaKind};

/// The player for a local media file; problems and search text go into `out`. Its captions
/// are checked in the language of the text around it (the default language's on a page not
/// translated yet); the page's language's come first.
pub fn player_html(files: &MediaFiles, alt: &str, offset: usize, links: &dyn Links, labels: &Labels, out: &mut Rendered, n: usize) -> String {
    let lang = labels.mixed.as_ref().map_or(&labels.media.lang, |m| &m.text.0);
    let name = files.href.rsplit('/').next().unwrap_or(&files.href);
    let name = crate::model::url::percent_decode(name);
    let captioned = files.captions.iter().any(|c| c.lang.eq_ignore_ascii_case(lang));
    let warn = |out: &mut Rendered, message: String, hint: String| out.problems.push(Problem { offset, severity: Severity::Warning, message, hint });
    if alt.trim().is_empty() {
        warn(out, format!("the media `{name}` has no title"), "write what it is between the brackets: ![Interview with a mentor](interview.mp4)".into());
    }
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    let others: Vec<&str> = files.captions.iter().map(|c| c.lang.as_str()).collect();
    let also = if others.is_empty() { String::new() } else { format!(" (it has captions in {})", others.join(", ")) };
    match files.kind {
        MediaKind::Video if !captioned => warn(
            out,
            format!("the video `{name}` has no captions in `{lang}`{also}"),
            format!("add a WebVTT caption file `{stem}.{lang}.vtt` beside it: prerecorded video needs captions (WCAG 2.1, 1.2.2)"),
        ),
        MediaKind::Audio if files.captions.is_empty() && files.transcript.is_none() => warn(
            out,
            format!("the audio `{name}` has no transcript"),
            format!("add `{stem}.transcript.md` (or captions, `{stem}.{lang}.vtt`) beside it: prerecorded audio needs a transcript (WCAG 2.1, 1.2.1)"),
        ),
        _ => {}
    }
    out.has_media = true;
    // The player's name is in the text already (the image's alt text): its transcript is
    // another passage, not the rest of its last word.
    if !out.text.is_empty() && !out.text.ends_with(char::is_whitespace) {
        out.text.push('\n');
    }
    let transcript = transcript(files, offset, links, labels, out, n);
    let size = crate::numbers::file_size(files.size, lang);
    out.text.push_str(alt);
    out.text.push('\n');
    player::render(files, alt, transcript.as_ref(), &labels.media, &size, labels.mixed.as_ref())
}

/// The transcript: the Markdown file beside the media, else one made from the captions (the
/// page's language first).
fn transcript(files: &MediaFiles, offset: usize, links: &dyn Links, labels: &Labels, out: &mut Rendered, n: usize) -> Option<TranscriptHtml> {
    if let Some(t) = &files.transcript {
        // The transcript's interface words are marked against the transcript's own language.
        let page = labels.mixed.as_ref().map_or((labels.media.lang.as_str(), labels.media.dir.as_str()), |m| (m.page.0.as_str(), m.page.1.as_str()));
        let own = if t.lang.is_empty() { labels.mixed.as_ref().map_or(page.0, |m| m.text.0.as_str()) } else { t.lang.as_str() };
        let inner = Labels { in_transcript: true, ..labels.for_text(page, (own, crate::media::direction_of(own))) };
        let rendered = render(&t.text, links, &inner);
        // Reported at the player (the page's line), with the place in the transcript's file.
        let lines = crate::diagnostics::LineIndex::new(&t.text);
        for p in rendered.problems {
            let (line, col) = lines.line_col(p.offset);
            out.problems.push(Problem { offset, message: format!("in the transcript, line {line}, column {col}: {}", p.message), ..p });
        }
        out.text.push_str(&rendered.text);
        out.text.push('\n');
        // Its ids must not clash with the page's own.
        let html = rendered.html.replace(" id=\"", &format!(" id=\"transcript-{n}-")).replace(" href=\"#", &format!(" href=\"#transcript-{n}-"));
        return Some(TranscriptHtml { html, lang: t.lang.clone() });
    }
    let mut captions: Vec<&crate::media::Caption> = files.captions.iter().filter(|c| c.text.is_some()).collect();
    captions.sort_by_key(|c| player::caption_rank(&c.lang, &labels.media, labels.mixed.as_ref()));
    let caption = captions.first()?;
    let cues = vtt::parse(&caption.text.as_ref()?.text).cues;
    if cues.is_empty() {
        return None;
    }
    let (html, text) = transcript_from_cues(&cues);
    out.text.push_str(&text);
    Some(TranscriptHtml { html, lang: caption.lang.clone() })
}

/// A ```` ```video ```` block: `lines` are (offset in the source, line text).
pub fn video_block(lines: &[(usize, &str)], fence: usize, links: &dyn Links, labels: &Labels, out: &mut Rendered) -> String {
    let text: String = lines.iter().map(|(_, l)| format!("{}\n", l.trim_end_matches(['\n', '\r']))).collect();
    let at = |line: usize| lines.get(line).map_or(fence, |l| l.0);
    match external::parse(&text) {
        Ok(v) => {
            let transcript = v.transcript.as_deref().and_then(|t| {
                let line = lines.iter().position(|(_, l)| l.trim_start().starts_with("transcript")).unwrap_or(0);
                match links.resolve(t, false) {
                    Resolved::Keep => Some(t.to_string()),
                    Resolved::Rewrite(href) | Resolved::Anchor { href, .. } => Some(href),
                    Resolved::Error(message, hint) => {
                        out.problems.push(Problem { offset: at(line), severity: Severity::Error, message, hint });
                        None
                    }
                }
            });
            out.text.push_str(&v.title);
            out.text.push('\n');
            out.has_media = true;
            external::render(&v, transcript.as_deref(), &labels.media, labels.mixed.as_ref())
        }
        Err(errors) => {
            for e in errors {
                out.problems.push(Problem { offset: at(e.line), severity: Severity::Error, message: e.message, hint: e.hint });
            }
            format!("<pre>{}</pre>\n", escape_html(&text))
        }
    }
}

/// Splits a code block's text events into lines with their source offsets.
pub fn lines_of(pieces: &[(usize, String)]) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (offset, text) in pieces {
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            out.push((offset + at, line));
            at += line.len();
        }
    }
    out
}
