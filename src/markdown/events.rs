//! The list of events [`super::render`] builds for a page and hands to the writer.
//!
//! Most of a page's events own nothing (a tag's end, a paragraph, text borrowed from the
//! Markdown), yet a `Vec<Event>` drops each of them by a call that looks at its kind. This list
//! keeps them as [`ManuallyDrop`] and drops, when it is truncated or dropped itself, only the
//! events that may own memory ([`owns_nothing`] says which need not): nothing is leaked.

use std::mem::ManuallyDrop;

use pulldown_cmark::{CowStr, Event, Tag};

/// A page's events; each one that may own memory is dropped when the list is truncated below it
/// or dropped.
pub struct Events<'a> {
    list: Vec<ManuallyDrop<Event<'a>>>,
}

impl<'a> Events<'a> {
    pub fn with_capacity(capacity: usize) -> Self {
        Events { list: Vec::with_capacity(capacity) }
    }

    #[inline(always)]
    pub fn push(&mut self, event: Event<'a>) {
        self.list.push(ManuallyDrop::new(event));
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The events from `at` on, as the writer reads them.
    pub fn from(&self, at: usize) -> &[ManuallyDrop<Event<'a>>] {
        &self.list[at..]
    }

    pub fn last(&self) -> Option<&Event<'a>> {
        self.list.last().map(|e| &**e)
    }

    pub fn pop(&mut self) -> Option<Event<'a>> {
        self.list.pop().map(ManuallyDrop::into_inner)
    }

    /// Removes the events from `at` on and returns them, each one dropped as usual by whoever
    /// takes it.
    pub fn split_off(&mut self, at: usize) -> Vec<Event<'a>> {
        self.list.drain(at..).map(ManuallyDrop::into_inner).collect()
    }

    /// Drops the events from `at` on.
    pub fn truncate(&mut self, at: usize) {
        release(&mut self.list[at..]);
        self.list.truncate(at);
    }
}

impl<'a> std::ops::Index<usize> for Events<'a> {
    type Output = Event<'a>;

    fn index(&self, at: usize) -> &Event<'a> {
        &self.list[at]
    }
}

/// An event put in another's place drops the one it replaces.
impl<'a> std::ops::IndexMut<usize> for Events<'a> {
    fn index_mut(&mut self, at: usize) -> &mut Event<'a> {
        &mut self.list[at]
    }
}

impl Drop for Events<'_> {
    fn drop(&mut self) {
        release(&mut self.list);
    }
}

/// Drops every event of `events` that may own memory, leaving an event that owns nothing in its
/// place (the list then drops none of them again).
fn release(events: &mut [ManuallyDrop<Event<'_>>]) {
    for event in events {
        // The kinds most events are, tested before the rest.
        if matches!(**event, Event::Text(CowStr::Borrowed(_)) | Event::End(_)) {
            continue;
        }
        if !owns_nothing(event) {
            drop(std::mem::replace(&mut **event, Event::Rule));
        }
    }
}

/// Whether dropping `event` does nothing: no string or list of its own (`false` when unsure).
#[inline(always)]
pub fn owns_nothing(event: &Event<'_>) -> bool {
    match event {
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => !matches!(t, CowStr::Boxed(_)),
        Event::End(_) | Event::SoftBreak | Event::HardBreak | Event::Rule | Event::TaskListMarker(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Paragraph
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Item
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::HtmlBlock
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::TagEnd;

    #[test]
    fn what_owns_nothing() {
        assert!(owns_nothing(&Event::Text("borrowed".into())));
        assert!(owns_nothing(&Event::Text(CowStr::Inlined('’'.into()))));
        assert!(!owns_nothing(&Event::Text(String::from("owned").into())));
        assert!(!owns_nothing(&Event::Html(String::from("<p>").into())));
        assert!(owns_nothing(&Event::End(TagEnd::Paragraph)));
        assert!(owns_nothing(&Event::Start(Tag::Paragraph)));
        assert!(!owns_nothing(&Event::Start(Tag::Table(Vec::new()))));
        assert!(!owns_nothing(&Event::FootnoteReference("a".into())));
    }

    /// Truncating, replacing, splitting and popping keep the list's events in order; `release`
    /// leaves no event that owns memory behind (what the list then forgets owns nothing).
    #[test]
    fn events_are_released() {
        let mut events = Events::with_capacity(2);
        for i in 0..40 {
            events.push(if i % 3 == 0 { Event::Text(format!("owned {i}").into()) } else { Event::Text("borrowed".into()) });
        }
        events.truncate(30);
        assert_eq!(events.len(), 30);
        events[3] = Event::Html(String::from("<hr>").into());
        assert!(matches!(&events[3], Event::Html(h) if &**h == "<hr>"));
        let tail = events.split_off(25);
        assert_eq!(tail.len(), 5);
        assert!(matches!(events.pop(), Some(Event::Text(_))));
        let mut slice: Vec<ManuallyDrop<Event<'_>>> = (0..5).map(|i| ManuallyDrop::new(Event::Text(format!("{i}").into()))).collect();
        release(&mut slice);
        assert!(slice.iter().all(|e| owns_nothing(e)));
        assert_eq!(events.len(), 24);
        assert!(matches!(events.last(), Some(Event::Text(t)) if &**t == "borrowed"));
        release(&mut events.list);
        assert!(events.list.iter().all(|e| owns_nothing(e)));
    }
}
