//! Markdown events → HTML: the last step of [`super::render`] (and of a heading's inner
//! events), kyklos's own writer in place of pulldown-cmark's `html::push_html`.
//!
//! It writes, byte for byte, what pulldown-cmark 0.13's writer writes for the same events
//! (its tests compare the two on every construct, the sample site's pages and the fuzz seeds):
//! blocks start on a line of their own, a page's text escapes `&`, `<` and `>` only, attribute
//! values also both quotes, and link targets are percent-encoded as that writer encodes them.
//! What differs is the speed: text is escaped by [`crate::escape`]'s test of 16 bytes at a time
//! (pulldown-cmark's looks at every byte), and a borrowed string is read without a call.

use std::collections::HashMap;

use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, Event, LinkType, Tag, TagEnd};

use super::text_of as text;
use crate::escape::{escape_body_into, escape_into};

/// Writes `events` as HTML onto `out`. The events are read where they are, not moved out of
/// their list one by one (an event is some 80 bytes); the caller drops them after.
pub fn push_html<'x, E: ReadEvent<'x>>(out: &mut String, events: &[E]) {
    let mut writer = Writer { out, line_start: true, hidden: false, table_body: false, table_align: &[], table_cell: 0, notes: HashMap::new() };
    writer.run(events);
}

/// An event as the writer reads it: from a plain list, or from the page's
/// [`super::events::Events`].
pub trait ReadEvent<'x> {
    fn event(&self) -> &Event<'x>;
}

impl<'x> ReadEvent<'x> for Event<'x> {
    #[inline(always)]
    fn event(&self) -> &Event<'x> {
        self
    }
}

impl<'x> ReadEvent<'x> for std::mem::ManuallyDrop<Event<'x>> {
    #[inline(always)]
    fn event(&self) -> &Event<'x> {
        self
    }
}

struct Writer<'o, 'e> {
    out: &'o mut String,
    /// What was written last ends with a newline (or nothing was written yet): a block's tag
    /// then needs none before it.
    line_start: bool,
    /// Inside a metadata block, whose text is not written.
    hidden: bool,
    /// The open table's head is closed: its cells are `td`, not `th`. Kept from one table to
    /// the next until a head opens, as pulldown-cmark keeps it.
    table_body: bool,
    table_align: &'e [Alignment],
    table_cell: usize,
    /// A footnote's number, by its name, in the order first cited or defined.
    notes: HashMap<&'e str, usize>,
}

impl<'e> Writer<'_, 'e> {
    /// Writes `s` and remembers whether it ends a line (an empty `s` changes nothing).
    #[inline(always)]
    fn put(&mut self, s: &str) {
        self.out.push_str(s);
        if let Some(&last) = s.as_bytes().last() {
            self.line_start = last == b'\n';
        }
    }

    /// A block's opening tag, on a line of its own.
    #[inline(always)]
    fn block(&mut self, tag: &str) {
        if !self.line_start {
            self.out.push('\n');
        }
        self.put(tag);
    }

    fn number(&mut self, n: u64) {
        crate::numbers::push_u64(self.out, n);
    }

    /// The number of the footnote `name`: the one it got when first seen, else the next.
    fn note_number(&mut self, name: &'e str) -> u64 {
        let next = self.notes.len() + 1;
        *self.notes.entry(name).or_insert(next) as u64
    }

    fn run<'x: 'e, E: ReadEvent<'x>>(&mut self, events: &'e [E]) {
        let mut events = events.iter();
        while let Some(event) = events.next() {
            match event.event() {
                Event::Start(Tag::Image { dest_url, title, .. }) => {
                    self.put("<img src=\"");
                    escape_href(self.out, text(dest_url));
                    self.put("\" alt=\"");
                    self.alt_text(&mut events);
                    if !title.is_empty() {
                        self.put("\" title=\"");
                        escape_into(self.out, text(title));
                    }
                    self.put("\" />");
                }
                Event::Start(tag) => self.start(tag),
                Event::End(tag) => self.end(tag),
                Event::Text(t) => {
                    if !self.hidden {
                        let t = text(t);
                        escape_body_into(self.out, t);
                        self.line_start = t.ends_with('\n');
                    }
                }
                Event::Code(t) => {
                    self.put("<code>");
                    escape_body_into(self.out, text(t));
                    self.put("</code>");
                }
                Event::InlineMath(t) => {
                    self.put("<span class=\"math math-inline\">");
                    escape_into(self.out, text(t));
                    self.put("</span>");
                }
                Event::DisplayMath(t) => {
                    self.put("<span class=\"math math-display\">");
                    escape_into(self.out, text(t));
                    self.put("</span>");
                }
                Event::Html(html) | Event::InlineHtml(html) => self.put(text(html)),
                Event::SoftBreak => self.put("\n"),
                Event::HardBreak => self.put("<br />\n"),
                Event::Rule => self.block("<hr />\n"),
                Event::FootnoteReference(name) => {
                    self.put("<sup class=\"footnote-reference\"><a href=\"#");
                    escape_into(self.out, text(name));
                    self.put("\">");
                    let n = self.note_number(text(name));
                    self.number(n);
                    self.put("</a></sup>");
                }
                Event::TaskListMarker(true) => self.put("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n"),
                Event::TaskListMarker(false) => self.put("<input disabled=\"\" type=\"checkbox\"/>\n"),
            }
        }
    }

    #[inline(always)]
    fn start(&mut self, tag: &'e Tag<'_>) {
        match tag {
            Tag::Paragraph => self.block("<p>"),
            Tag::Heading { level, id, classes, attrs } => {
                self.block("<");
                self.put(&level.to_string());
                if let Some(id) = id {
                    self.put(" id=\"");
                    escape_into(self.out, text(id));
                    self.put("\"");
                }
                for (i, class) in classes.iter().enumerate() {
                    self.put(if i == 0 { " class=\"" } else { " " });
                    escape_into(self.out, text(class));
                }
                if !classes.is_empty() {
                    self.put("\"");
                }
                for (name, value) in attrs {
                    self.put(" ");
                    escape_into(self.out, text(name));
                    self.put("=\"");
                    if let Some(value) = value {
                        escape_into(self.out, text(value));
                    }
                    self.put("\"");
                }
                self.put(">");
            }
            Tag::BlockQuote(kind) => self.block(match kind {
                None => "<blockquote>\n",
                Some(BlockQuoteKind::Note) => "<blockquote class=\"markdown-alert-note\">\n",
                Some(BlockQuoteKind::Tip) => "<blockquote class=\"markdown-alert-tip\">\n",
                Some(BlockQuoteKind::Important) => "<blockquote class=\"markdown-alert-important\">\n",
                Some(BlockQuoteKind::Warning) => "<blockquote class=\"markdown-alert-warning\">\n",
                Some(BlockQuoteKind::Caution) => "<blockquote class=\"markdown-alert-caution\">\n",
            }),
            Tag::CodeBlock(kind) => {
                // The language is the info string up to its first space (a tab does not end it).
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => text(info).split(' ').next().unwrap_or_default(),
                    CodeBlockKind::Indented => "",
                };
                if lang.is_empty() {
                    self.block("<pre><code>");
                } else {
                    self.block("<pre><code class=\"language-");
                    escape_into(self.out, lang);
                    self.put("\">");
                }
            }
            Tag::List(Some(1)) => self.block("<ol>\n"),
            Tag::List(Some(start)) => {
                self.block("<ol start=\"");
                self.number(*start);
                self.put("\">\n");
            }
            Tag::List(None) => self.block("<ul>\n"),
            Tag::Item => self.block("<li>"),
            Tag::DefinitionList => self.block("<dl>\n"),
            Tag::DefinitionListTitle => self.block("<dt>"),
            Tag::DefinitionListDefinition => self.block("<dd>"),
            Tag::FootnoteDefinition(name) => {
                self.block("<div class=\"footnote-definition\" id=\"");
                escape_into(self.out, text(name));
                self.put("\"><sup class=\"footnote-definition-label\">");
                let n = self.note_number(text(name));
                self.number(n);
                self.put("</sup>");
            }
            Tag::Table(align) => {
                self.table_align = align;
                self.put("<table>");
            }
            Tag::TableHead => {
                (self.table_body, self.table_cell) = (false, 0);
                self.put("<thead><tr>");
            }
            Tag::TableRow => {
                self.table_cell = 0;
                self.put("<tr>");
            }
            Tag::TableCell => {
                self.put(if self.table_body { "<td" } else { "<th" });
                self.put(match self.table_align.get(self.table_cell) {
                    Some(Alignment::Left) => " style=\"text-align: left\">",
                    Some(Alignment::Center) => " style=\"text-align: center\">",
                    Some(Alignment::Right) => " style=\"text-align: right\">",
                    Some(Alignment::None) | None => ">",
                });
            }
            Tag::Emphasis => self.put("<em>"),
            Tag::Strong => self.put("<strong>"),
            Tag::Strikethrough => self.put("<del>"),
            Tag::Superscript => self.put("<sup>"),
            Tag::Subscript => self.put("<sub>"),
            Tag::Link { link_type, dest_url, title, .. } => {
                self.put(if *link_type == LinkType::Email { "<a href=\"mailto:" } else { "<a href=\"" });
                escape_href(self.out, text(dest_url));
                if !title.is_empty() {
                    self.put("\" title=\"");
                    escape_into(self.out, text(title));
                }
                self.put("\">");
            }
            // Written with its alt text by `run`.
            Tag::Image { .. } => {}
            Tag::HtmlBlock => {}
            Tag::MetadataBlock(_) => self.hidden = true,
        }
    }

    #[inline(always)]
    fn end(&mut self, tag: &TagEnd) {
        match tag {
            TagEnd::Paragraph => self.put("</p>\n"),
            TagEnd::Heading(level) => {
                self.put("</");
                self.put(&level.to_string());
                self.put(">\n");
            }
            TagEnd::BlockQuote(_) => self.put("</blockquote>\n"),
            TagEnd::CodeBlock => self.put("</code></pre>\n"),
            TagEnd::List(true) => self.put("</ol>\n"),
            TagEnd::List(false) => self.put("</ul>\n"),
            TagEnd::Item => self.put("</li>\n"),
            TagEnd::DefinitionList => self.put("</dl>\n"),
            TagEnd::DefinitionListTitle => self.put("</dt>\n"),
            TagEnd::DefinitionListDefinition => self.put("</dd>\n"),
            TagEnd::FootnoteDefinition => self.put("</div>\n"),
            TagEnd::Table => self.put("</tbody></table>\n"),
            TagEnd::TableHead => {
                self.put("</tr></thead><tbody>\n");
                self.table_body = true;
            }
            TagEnd::TableRow => self.put("</tr>\n"),
            TagEnd::TableCell => {
                self.put(if self.table_body { "</td>" } else { "</th>" });
                self.table_cell += 1;
            }
            TagEnd::Emphasis => self.put("</em>"),
            TagEnd::Strong => self.put("</strong>"),
            TagEnd::Strikethrough => self.put("</del>"),
            TagEnd::Superscript => self.put("</sup>"),
            TagEnd::Subscript => self.put("</sub>"),
            TagEnd::Link => self.put("</a>"),
            TagEnd::Image | TagEnd::HtmlBlock => {}
            TagEnd::MetadataBlock(_) => self.hidden = false,
        }
    }

    /// An image's description as its `alt` attribute: the text of the events up to the end
    /// that closes the image, escaped for an attribute, tags dropped (and block HTML with
    /// them; inline HTML is kept as text), breaks as spaces.
    fn alt_text<'x: 'e, E: ReadEvent<'x>>(&mut self, events: &mut std::slice::Iter<'e, E>) {
        let mut depth = 0usize;
        for event in events.by_ref() {
            match event.event() {
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Html(_) => {}
                Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => {
                    let t = text(t);
                    escape_into(self.out, t);
                    self.line_start = t.ends_with('\n');
                }
                Event::InlineMath(t) => {
                    self.put("$");
                    escape_into(self.out, text(t));
                    self.put("$");
                }
                Event::DisplayMath(t) => {
                    self.put("$$");
                    escape_into(self.out, text(t));
                    self.put("$$");
                }
                Event::SoftBreak | Event::HardBreak | Event::Rule => self.put(" "),
                Event::FootnoteReference(name) => {
                    let n = self.note_number(text(name));
                    self.put("[");
                    self.number(n);
                    self.put("]");
                }
                Event::TaskListMarker(done) => self.put(if *done { "[x]" } else { "[ ]" }),
            }
        }
    }
}

/// Whether a byte stays as it is in a link target; every other byte is written as `%XX`,
/// except `&` and `'`, written as entities (the set pulldown-cmark's writer keeps).
fn href_safe(b: u8) -> bool {
    matches!(b, b'!' | b'#'..=b'%' | b'('..=b';' | b'=' | b'?'..=b'Z' | b'^' | b'_' | b'a'..=b'z' | b'~')
}

/// A link or image target onto `out`: URL-safe runs copied as they are, `&` and `'` as
/// entities, any other byte (spaces, quotes, brackets, every byte of a non-ASCII character)
/// percent-encoded in upper-case hex.
fn escape_href(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut from = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if href_safe(b) {
            continue;
        }
        // Not sliced between two bytes of one character: each of its bytes is encoded, so a
        // run to copy starts after a whole character.
        if from < i {
            out.push_str(&s[from..i]);
        }
        match b {
            b'&' => out.push_str("&amp;"),
            b'\'' => out.push_str("&#x27;"),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

#[cfg(test)]
mod tests;
