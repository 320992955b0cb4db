//! Markdown → HTML, pure: `&str` in, [`Rendered`] out (HTML, headings, link problems).
//!
//! pulldown-cmark with tables, footnotes, strikethrough, task lists, heading attributes and
//! smart punctuation. Headings get stable ids ([`ids`]) and a visible self-link; fenced code goes to
//! [`highlight`]; every link and image passes through a [`Links`] resolver that rewrites
//! `.md` paths to the page's HTML and reports what cannot be resolved.

mod events;
pub mod highlight;
pub mod html_policy;
pub mod ids;
mod inline;
pub mod labels;
pub mod limits;
pub mod media;
pub mod rawhtml;
mod resolve;
mod spaced;
mod write;

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::Severity;
use crate::escape::escape_into;
pub use crate::escape::{escape_html, escape_html_str, lang_attrs, Mixed};
pub use ids::slugify;
use ids::unique_id;
#[cfg(test)]
use inline::inline_events;
pub use inline::{render_inline, smart_text};
pub use labels::Labels;
use resolve::resolve;

/// How a link or image target was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Leave as written (external link, mailto:, …).
    Keep,
    /// Use this href instead.
    Rewrite(String),
    /// A link to a heading: `page` is `None` for this page; checked once all pages are rendered.
    Anchor { href: String, page: Option<usize>, anchor: String },
    /// Cannot be resolved: message and hint.
    Error(String, String),
}

/// Resolves link and image targets for one page.
pub trait Links {
    fn resolve(&self, dest: &str, is_image: bool) -> Resolved;

    /// A local video or audio file and its companions (poster, captions, transcript); `None`
    /// when `dest` is not one of the site's media files.
    fn media(&self, dest: &str) -> Option<crate::media::MediaFiles> {
        let _ = dest;
        None
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A problem found while rendering, at a byte offset of the Markdown source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub severity: Severity,
    pub message: String,
    pub hint: String,
}

/// A link to an anchor, to be checked against the target page's heading ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorRef {
    pub offset: usize,
    pub page: Option<usize>,
    pub anchor: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Every id defined on the page (headings and footnotes).
    pub ids: Vec<String>,
    pub problems: Vec<Problem>,
    pub anchors: Vec<AnchorRef>,
    pub has_code: bool,
    /// The page has tickable checklist items.
    pub has_checklist: bool,
    /// The page has a media player.
    pub has_media: bool,
    /// The plain text of the page outside headings and fenced code, blocks separated by
    /// newlines (what search indexes as the body).
    pub text: String,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

struct OpenHeading {
    level: HeadingLevel,
    id: Option<String>,
    classes: Vec<String>,
    text: String,
    events_at: usize,
}

/// What writes a list of events as HTML: [`write::push_html`]; the tests give pulldown-cmark's
/// writer in its place to compare the two.
type WriteHtml = fn(&mut String, &[std::mem::ManuallyDrop<Event<'_>>]);

/// Renders one page's Markdown.
pub fn render(src: &str, links: &dyn Links, labels: &Labels) -> Rendered {
    render_with(src, links, labels, |out, events| write::push_html(out, events))
}

/// [`render`], its events written as HTML by `write_html`.
fn render_with(src: &str, links: &dyn Links, labels: &Labels, write_html: WriteHtml) -> Rendered {
    if let Some(problem) = limits::check(src) {
        return Rendered { problems: vec![problem], ..Rendered::default() };
    }
    Parser::new_ext(src, options()).into_offset_iter().event_pass(src, links, labels, write_html)
}

/// The pass over a page's Markdown events (headings, code, media, links, tables, notes,
/// checklists and raw HTML), then the HTML written.
///
/// A method of pulldown-cmark's offset iterator, generic over its callback, and not a function
/// of this module, for one reason: rustc places a method with its self type, so the loop goes
/// into the same codegen unit as the iterator's `next`, which LLVM then inlines into it. As a
/// function here, whether the two met depended on how the crate's units were merged: a move of
/// unrelated code out of this file cost 17 M instructions on 1,000 lessons (the README's
/// fifteenth round).
trait EventPass<'a> {
    fn event_pass(self, src: &'a str, links: &dyn Links, labels: &Labels, write_html: WriteHtml) -> Rendered;
}

impl<'a, F: pulldown_cmark::BrokenLinkCallback<'a>> EventPass<'a> for pulldown_cmark::OffsetIter<'a, F> {
    fn event_pass(self, src: &'a str, links: &dyn Links, labels: &Labels, write_html: WriteHtml) -> Rendered {
        let mut out = Rendered::default();
        // The page's plain text is mostly shorter than its Markdown: room for it made once, not
        // doubled (and copied) a dozen times as it grows.
        out.text.reserve(src.len());
        // About one event per 8 bytes of a lesson's Markdown: sized once instead of doubling (and
        // copying) a dozen times; a huge page still grows as it needs.
        let mut events = events::Events::with_capacity((src.len() / 8).min(1 << 14));
        // Ids the theme gives its own elements count as used once (see `unique_id`): a heading
        // "Main" becomes `main-1`, so that the skip link and the page's landmarks keep pointing
        // where they should.
        let mut ids: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
        let mut heading: Option<OpenHeading> = None;
        // Fenced code highlighted so far: past the budget, code is plain text (syntect's output and
        // its work grow to many times the code; 2 MB of highlighted Python took 500 MiB).
        let mut highlighted = 0usize;
        let mut code: Option<(String, String)> = None;
        // A ```video block's text events with their offsets, and where its fence starts.
        let mut code_pieces: Vec<(usize, String)> = Vec::new();
        let mut fence_at = 0usize;
        // An image that is a local media file: its files, offset and where its alt text starts.
        let mut media_open: Option<(crate::media::MediaFiles, usize, usize)> = None;
        let mut players = 0usize;
        let mut para_open = false;
        // A player was put where a paragraph was open: the paragraph is closed before it and
        // reopened after it only if more of it follows.
        let mut reopen_para = false;
        let mut image_depth = 0usize;
        let mut tables = 0usize;
        // The open table's column alignments, whether its head is open and the cell's column:
        // aligned cells are written with a class here (a strict Content-Security-Policy blocks the
        // style attribute the HTML writer would give them), not found again in the HTML after.
        let mut table_align: Vec<pulldown_cmark::Alignment> = Vec::new();
        let mut table_head = false;
        let mut table_cell = 0usize;
        let mut open_note: Option<String> = None;
        let mut lists: Vec<usize> = Vec::new();
        let mut footnotes: HashMap<String, usize> = HashMap::new();
        // How often each note (by its id) was cited and written so far.
        let mut note_refs: HashMap<String, usize> = HashMap::new();
        let mut note_defs: HashMap<String, usize> = HashMap::new();
        let note_number = |name: &str, notes: &mut HashMap<String, usize>| {
            let next = notes.len() + 1;
            *notes.entry(name.to_string()).or_insert(next)
        };

        let mut checks = 0usize;
        // An open checklist label: where its checkbox is, whether ticked, and its text so far.
        let mut label_open: Option<(usize, bool, String)> = None;
        let mut check_ids: HashMap<String, usize> = HashMap::new();
        let mut raw_pieces: Vec<rawhtml::Piece> = Vec::new();
        // Where the page's text is (outside code), for links that Markdown left as text: only
        // looked for where the page has a `](`.
        let spaced = spaced::possible(src);
        let mut text_at: Vec<std::ops::Range<usize>> = Vec::new();
        for (mut event, range) in self {
            if let (Some(open), Event::Text(t) | Event::Code(t)) = (label_open.as_mut(), &event) {
                open.2.push_str(t);
            }
            if label_open.is_some()
                && matches!(
                    event,
                    Event::End(TagEnd::Paragraph | TagEnd::Item)
                        | Event::Start(Tag::List(_) | Tag::Paragraph | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Table(_))
                )
            {
                close_check(&mut events, label_open.take(), &mut check_ids);
            }
            if let Some((lang, buf)) = code.as_mut() {
                match event {
                    Event::Text(t) => {
                        if lang.trim() == "video" {
                            code_pieces.push((range.start, t.to_string()));
                        }
                        buf.push_str(&t);
                    }
                    Event::End(TagEnd::CodeBlock) => {
                        let (lang, buf) = code.take().unwrap_or_default();
                        if lang.trim() == "video" {
                            let pieces = std::mem::take(&mut code_pieces);
                            let lines = media::lines_of(&pieces);
                            events.push(Event::Html(media::video_block(&lines, fence_at, links, labels, &mut out).into()));
                        } else {
                            out.has_code = true;
                            highlighted += buf.len();
                            let classes = !labels.plain_code && highlighted <= highlight::MAX_HIGHLIGHTED_BYTES;
                            events.push(Event::Html(highlight::highlight(&buf, &lang, classes).into()));
                        }
                    }
                    _ => {}
                }
                continue;
            }
            // Text outside a heading, the commonest event, straight to the page's text and the
            // list (the arms below would do the same after testing it against each).
            if let Event::Text(t) = &mut event {
                if heading.is_none() && !reopen_para {
                    if spaced {
                        text_at.push(range.clone());
                    }
                    keep_text(t, &mut out.text);
                    events.push_text(std::mem::replace(t, CowStr::Borrowed("")));
                    continue;
                }
            }
            if spaced && matches!(event, Event::Text(_)) {
                text_at.push(range.clone());
            }
            if reopen_para {
                reopen_para = false;
                if matches!(event, Event::End(TagEnd::Paragraph)) {
                    para_open = false;
                    continue;
                }
                events.push(Event::Start(Tag::Paragraph));
            }
            if heading.is_none() {
                match &mut event {
                    Event::Text(t) | Event::Code(t) => keep_text(t, &mut out.text),
                    Event::SoftBreak | Event::HardBreak => out.text.push(' '),
                    Event::End(
                        TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition,
                    ) if !out.text.is_empty() && !out.text.ends_with('\n') => {
                        out.text.push('\n');
                    }
                    Event::End(TagEnd::TableCell) => out.text.push(' '),
                    _ => {}
                }
            }
            match event {
                Event::Start(Tag::Heading { level, id, classes, .. }) => {
                    heading = Some(OpenHeading {
                        level,
                        id: id.map(|i| i.to_string()),
                        classes: classes.iter().map(|c| c.to_string()).collect(),
                        text: String::new(),
                        events_at: events.len(),
                    });
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(h) = heading.take() {
                        let id = unique_id(h.id.unwrap_or_else(|| slugify(&h.text)), &mut ids);
                        let level = h.level as u8;
                        let text = h.text.trim().to_string();
                        // <hN id="…" class="…">…inner… <a class="anchor" href="#…" aria-label="…: …">#</a></hN>
                        let digit = char::from(b'0' + level);
                        let mut tag = String::with_capacity(2 * id.len() + text.len() + labels.anchor.len() + 96);
                        tag.push_str("<h");
                        tag.push(digit);
                        tag.push_str(" id=\"");
                        tag.push_str(&id);
                        tag.push('"');
                        if !h.classes.is_empty() {
                            tag.push_str(" class=\"");
                            escape_into(&mut tag, &h.classes.join(" "));
                            tag.push('"');
                        }
                        tag.push('>');
                        write_html(&mut tag, events.from(h.events_at));
                        events.truncate(h.events_at);
                        labels::anchor(&mut tag, &id, &text, labels);
                        tag.push_str("</h");
                        tag.push(digit);
                        tag.push_str(">\n");
                        events.push(Event::Html(tag.into()));
                        out.ids.push(id.clone());
                        out.headings.push(Heading { level, id, text });
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                        pulldown_cmark::CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                    fence_at = range.start;
                }
                Event::Start(Tag::Paragraph) => {
                    para_open = true;
                    events.push(Event::Start(Tag::Paragraph));
                }
                Event::End(TagEnd::Paragraph) => {
                    para_open = false;
                    events.push(Event::End(TagEnd::Paragraph));
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest = resolve(&mut out, links, link_type, dest_url, false, range.start);
                    events.push(Event::Start(Tag::Link { link_type, dest_url: dest, title, id }));
                }
                Event::Start(Tag::Image { dest_url, .. })
                    if image_depth == 0 && !labels.in_transcript && crate::media::kind_of(&dest_url).is_some() && links.media(&dest_url).is_some() =>
                {
                    image_depth += 1;
                    media_open = links.media(&dest_url).map(|files| (files, range.start, events.len()));
                }
                Event::End(TagEnd::Image) if image_depth == 1 && media_open.is_some() => {
                    image_depth = 0;
                    let Some((files, offset, at)) = media_open.take() else { continue };
                    let alt: String = events
                        .split_off(at)
                        .into_iter()
                        .filter_map(|e| if let Event::Text(t) | Event::Code(t) = e { Some(t.into_string()) } else { None })
                        .collect();
                    players += 1;
                    let html = media::player_html(&files, &alt, offset, links, labels, &mut out, players);
                    if para_open {
                        if matches!(events.last(), Some(Event::Start(Tag::Paragraph))) {
                            events.pop();
                        } else {
                            events.push(Event::End(TagEnd::Paragraph));
                        }
                        reopen_para = true;
                    }
                    events.push(Event::Html(html.into()));
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    image_depth += 1;
                    let dest = resolve(&mut out, links, link_type, dest_url, true, range.start);
                    events.push(Event::Start(Tag::Image { link_type, dest_url: dest, title, id }));
                }
                Event::End(TagEnd::Image) => {
                    image_depth = image_depth.saturating_sub(1);
                    events.push(Event::End(TagEnd::Image));
                }
                Event::Start(Tag::Table(align)) => {
                    tables += 1;
                    events.push(Event::Html(labels::table_open(tables, labels).into()));
                    table_align = align;
                    events.push(Event::Start(Tag::Table(Vec::new())));
                }
                Event::Start(Tag::TableHead) => {
                    (table_head, table_cell) = (true, 0);
                    events.push(Event::Start(Tag::TableHead));
                }
                Event::End(TagEnd::TableHead) => {
                    table_head = false;
                    events.push(Event::End(TagEnd::TableHead));
                }
                Event::Start(Tag::TableRow) => {
                    table_cell = 0;
                    events.push(Event::Start(Tag::TableRow));
                }
                Event::Start(Tag::TableCell) => events.push(match aligned_cell(table_align.get(table_cell), table_head) {
                    Some(tag) => Event::Html(tag.into()),
                    None => Event::Start(Tag::TableCell),
                }),
                Event::End(TagEnd::TableCell) => {
                    table_cell += 1;
                    events.push(Event::End(TagEnd::TableCell));
                }
                Event::End(TagEnd::Table) => {
                    events.push(Event::End(TagEnd::Table));
                    events.push(Event::Html("</div>\n".into()));
                }
                Event::Start(Tag::List(start)) => {
                    lists.push(events.len());
                    events.push(Event::Start(Tag::List(start)));
                }
                Event::End(TagEnd::List(ordered)) => {
                    lists.pop();
                    events.push(Event::End(TagEnd::List(ordered)));
                }
                Event::TaskListMarker(done) if labels.checklist => {
                    checks += 1;
                    if let Some(&at) = lists.last() {
                        if matches!(events[at], Event::Start(Tag::List(_))) {
                            events[at] = Event::Html("<ul class=\"task-list checklist\">".into());
                        }
                    }
                    label_open = Some((events.len(), done, String::new()));
                    events.push(Event::Html(String::new().into()));
                }
                Event::TaskListMarker(done) => {
                    if let Some(&at) = lists.last() {
                        if let Event::Start(Tag::List(start)) = &events[at] {
                            let open = match start {
                                Some(n) if *n != 1 => format!("<ol class=\"task-list\" start=\"{n}\">"),
                                Some(_) => "<ol class=\"task-list\">".to_string(),
                                None => "<ul class=\"task-list\">".to_string(),
                            };
                            events[at] = Event::Html(open.into());
                        }
                    }
                    events.push(Event::Html(labels::task_mark(done, labels).into()));
                }
                // Author HTML: shown as text inside an image's alt, else a marker until `rawhtml::clean`.
                Event::Html(raw) | Event::InlineHtml(raw) if image_depth > 0 => events.push(Event::Text(raw)),
                Event::Html(raw) | Event::InlineHtml(raw) => {
                    events.push(Event::Html(rawhtml::raw_marker(raw_pieces.len()).into()));
                    raw_pieces.push(rawhtml::Piece { text: raw.into_string(), offset: range.start });
                }
                Event::FootnoteReference(ref name) => {
                    let n = note_number(name, &mut footnotes);
                    let id = escape_html(&slugify(name));
                    // A note cited again gets a reference of its own (`fnref-a-2`); its way back
                    // leads to the first.
                    let k = note_refs.entry(id.clone()).or_insert(0);
                    *k += 1;
                    let ref_id = if *k == 1 { format!("fnref-{id}") } else { format!("fnref-{id}-{k}") };
                    events.push(Event::Html(format!("<sup class=\"footnote-reference\" id=\"{ref_id}\"><a href=\"#fn-{id}\">{n}</a></sup>").into()));
                    out.ids.push(ref_id);
                }
                Event::Start(Tag::FootnoteDefinition(ref name)) => {
                    let n = note_number(name, &mut footnotes);
                    let id = escape_html(&slugify(name));
                    let k = note_defs.entry(id.clone()).or_insert(0);
                    *k += 1;
                    let def_id = if *k == 1 {
                        format!("fn-{id}")
                    } else {
                        out.problems.push(Problem {
                            offset: range.start,
                            severity: Severity::Warning,
                            message: format!("the footnote `[^{name}]` is written twice"),
                            hint: "give each note its own name: the references lead to the first one".into(),
                        });
                        format!("fn-{id}-{k}")
                    };
                    events.push(Event::Html(
                        format!("<div class=\"footnote-definition\" id=\"{def_id}\"><sup class=\"footnote-definition-label\">{n}</sup>").into(),
                    ));
                    out.ids.push(def_id);
                    open_note = Some(id);
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    let id = open_note.take().unwrap_or_default();
                    events.push(Event::Html(labels::footnote_back(&id, labels).into()));
                }
                Event::Text(ref t) | Event::Code(ref t) if heading.is_some() => {
                    if let Some(h) = heading.as_mut() {
                        h.text.push_str(t);
                    }
                    events.push(event);
                }
                other => events.push(other),
            }
        }
        close_check(&mut events, label_open.take(), &mut check_ids);
        if spaced {
            spaced::check(src, &text_at, &mut out.problems);
        }
        out.has_checklist = checks > 0;
        let mut html_out = String::with_capacity(src.len() * 3 / 2);
        write_html(&mut html_out, events.from(0));
        drop(events);
        if tables > 0 {
            html_out = labels::table_langs(html_out, labels);
        }
        if !raw_pieces.is_empty() {
            let cleaned = rawhtml::clean(&html_out, &raw_pieces, links);
            html_out = cleaned.html;
            out.problems.extend(cleaned.problems);
            out.anchors.extend(cleaned.anchors);
        }
        out.html = html_out;
        out
    }
}

/// Adds a text outside headings to the page's `text`. A curly quote, dash or ellipsis is a
/// string pulldown-cmark made, which each reading checks as UTF-8 again: the writer gets it as
/// a fixed one.
#[inline(always)]
fn keep_text(t: &mut CowStr<'_>, text: &mut String) {
    let s = text_of(t);
    text.push_str(s);
    let fixed = if matches!(t, CowStr::Inlined(_)) { punctuation(s) } else { None };
    if let Some(fixed) = fixed {
        *t = CowStr::Borrowed(fixed);
    }
}

/// The smart punctuation pulldown-cmark puts into a text, as a string of the program.
fn punctuation(s: &str) -> Option<&'static str> {
    Some(match s {
        "\u{2019}" => "\u{2019}",
        "\u{2018}" => "\u{2018}",
        "\u{201c}" => "\u{201c}",
        "\u{201d}" => "\u{201d}",
        "\u{2013}" => "\u{2013}",
        "\u{2014}" => "\u{2014}",
        "\u{2026}" => "\u{2026}",
        _ => return None,
    })
}

/// The text of a `CowStr`: a borrowed one (most of a page's text) without the call its `deref`
/// makes for every kind.
#[inline(always)]
fn text_of<'b>(t: &'b CowStr<'_>) -> &'b str {
    match t {
        CowStr::Borrowed(s) => s,
        other => other,
    }
}

/// The opening tag of a table cell with its column's alignment as a class, as the HTML writer
/// would write it with a style (`<td style="text-align: left">`); `None` for a cell without.
fn aligned_cell(align: Option<&pulldown_cmark::Alignment>, head: bool) -> Option<&'static str> {
    use pulldown_cmark::Alignment;
    Some(match (align?, head) {
        (Alignment::None, _) => return None,
        (Alignment::Left, true) => "<th class=\"align-left\">",
        (Alignment::Center, true) => "<th class=\"align-center\">",
        (Alignment::Right, true) => "<th class=\"align-right\">",
        (Alignment::Left, false) => "<td class=\"align-left\">",
        (Alignment::Center, false) => "<td class=\"align-center\">",
        (Alignment::Right, false) => "<td class=\"align-right\">",
    })
}

/// Finishes a checklist item: its checkbox gets an id from its text (so saved ticks stay with
/// their item when items are added or moved), and its label is closed.
fn close_check(events: &mut events::Events<'_>, open: Option<(usize, bool, String)>, seen: &mut HashMap<String, usize>) {
    let Some((at, done, text)) = open else { return };
    let hash = text.trim().bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    let base = format!("check-{hash:08x}");
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    let id = if *n == 1 { base } else { format!("{base}-{n}") };
    let checked = if done { " checked" } else { "" };
    events[at] = Event::Html(format!("<input type=\"checkbox\" class=\"check\" id=\"{id}\"{checked}><label for=\"{id}\">").into());
    events.push(Event::Html("</label>".into()));
}

#[cfg(test)]
mod tests;
