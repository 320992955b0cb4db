//! Inline Markdown for places that are not a page: a quiz's prompt and options (HTML with raw
//! HTML shown as text, no links or images), and plain text with smart punctuation.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::write;

/// Plain text with the smart punctuation lessons get (quotes, dashes, ellipses), no markup:
/// for places that cannot hold HTML, such as `<option>`.
pub fn smart_text(src: &str) -> String {
    let mut out = String::new();
    for e in Parser::new_ext(src, Options::ENABLE_SMART_PUNCTUATION) {
        if let Event::Text(t) | Event::Code(t) = e {
            out.push_str(&t);
        }
    }
    out
}

/// Renders inline Markdown (a quiz prompt, an option) without a wrapping paragraph.
pub fn render_inline(src: &str) -> String {
    let events: Vec<Event<'_>> = inline_events(src).collect();
    let mut out = String::new();
    write::push_html(&mut out, &events);
    out.trim_end().to_string()
}

/// The events [`render_inline`] writes: no paragraphs, images or links, raw HTML as text.
pub(super) fn inline_events(src: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(src, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION).filter_map(|e| match e {
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => None,
        other => Some(other),
    })
}
