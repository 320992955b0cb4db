//! The list of events [`super::render`] builds for a page and hands to the writer.
//!
//! Most of a page's events own nothing (a tag's end, a paragraph, text borrowed from the
//! Markdown), yet a `Vec<Event>` drops each of them by a call that looks at its kind. This list
//! keeps them as [`ManuallyDrop`], notes where each event that may own memory was put
//! ([`owns_nothing`] says which need not be noted), and drops, when it is truncated or dropped
//! itself, only the events noted there: nothing is leaked, and the hundreds of events of a
//! page that own nothing (some 650 a lesson of the benchmark) are not looked at again.

use std::mem::ManuallyDrop;

use pulldown_cmark::{CowStr, Event, Tag};

/// A page's events; each one that may own memory is dropped when the list is truncated below it
/// or dropped.
pub struct Events<'a> {
    list: Vec<ManuallyDrop<Event<'a>>>,
    /// The places of the events that may own memory: each pushed one that does not own
    /// nothing, and each place handed out to be written ([`IndexMut`]). A place may be noted
    /// twice, or hold an event that owns nothing by now: [`release`] looks again.
    owning: Vec<usize>,
}

impl<'a> Events<'a> {
    pub fn with_capacity(capacity: usize) -> Self {
        Events { list: Vec::with_capacity(capacity), owning: Vec::new() }
    }

    #[inline(always)]
    pub fn push(&mut self, event: Event<'a>) {
        if !owns_nothing(&event) {
            self.owning.push(self.list.len());
        }
        self.list.push(ManuallyDrop::new(event));
    }

    /// [`Events::push`] of a text, whose only test is whether its string is its own.
    #[inline(always)]
    pub fn push_text(&mut self, text: CowStr<'a>) {
        if matches!(text, CowStr::Boxed(_)) {
            self.owning.push(self.list.len());
        }
        self.list.push(ManuallyDrop::new(Event::Text(text)));
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
        let event = self.list.pop().map(ManuallyDrop::into_inner);
        // Whoever takes the event drops it.
        self.forget_from(self.list.len());
        event
    }

    /// Removes the events from `at` on and returns them, each one dropped as usual by whoever
    /// takes it.
    pub fn split_off(&mut self, at: usize) -> Vec<Event<'a>> {
        self.forget_from(at);
        self.list.drain(at..).map(ManuallyDrop::into_inner).collect()
    }

    /// Drops the events from `at` on.
    pub fn truncate(&mut self, at: usize) {
        release(&mut self.list, self.owning.iter().copied().filter(|&i| i >= at));
        self.forget_from(at);
        self.list.truncate(at);
    }

    /// Forgets the noted places from `at` on (their events are gone or dropped).
    fn forget_from(&mut self, at: usize) {
        self.owning.retain(|&i| i < at);
    }
}

impl<'a> std::ops::Index<usize> for Events<'a> {
    type Output = Event<'a>;

    fn index(&self, at: usize) -> &Event<'a> {
        &self.list[at]
    }
}

/// An event put in another's place drops the one it replaces; the place is noted, as the new
/// event may own memory.
impl<'a> std::ops::IndexMut<usize> for Events<'a> {
    fn index_mut(&mut self, at: usize) -> &mut Event<'a> {
        self.owning.push(at);
        &mut self.list[at]
    }
}

impl Drop for Events<'_> {
    fn drop(&mut self) {
        release(&mut self.list, self.owning.iter().copied());
    }
}

/// Drops each event of `events` at the places `at` that may own memory, leaving an event that
/// owns nothing in its place (a place given twice, or dropped again, drops nothing).
fn release(events: &mut [ManuallyDrop<Event<'_>>], at: impl Iterator<Item = usize>) {
    for i in at {
        if let Some(event) = events.get_mut(i) {
            if !owns_nothing(event) {
                drop(std::mem::replace(&mut **event, Event::Rule));
            }
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
            match i % 4 {
                0 => events.push(Event::Text(format!("owned {i}").into())),
                1 => events.push_text(format!("owned text {i}").into()),
                2 => events.push_text("borrowed".into()),
                _ => events.push(Event::Text("borrowed".into())),
            }
        }
        events.truncate(30);
        assert_eq!(events.len(), 30);
        events[3] = Event::Html(String::from("<hr>").into());
        assert!(matches!(&events[3], Event::Html(h) if &**h == "<hr>"));
        let tail = events.split_off(25);
        assert_eq!(tail.len(), 5);
        assert!(matches!(events.pop(), Some(Event::Text(_))));
        let mut slice: Vec<ManuallyDrop<Event<'_>>> = (0..5).map(|i| ManuallyDrop::new(Event::Text(format!("{i}").into()))).collect();
        release(&mut slice, 0..5);
        assert!(slice.iter().all(|e| owns_nothing(e)));
        assert_eq!(events.len(), 24);
        assert!(matches!(events.last(), Some(Event::Text(t)) if &**t == "borrowed"));
        // The noted places hold every event left that owns memory.
        release(&mut events.list, events.owning.iter().copied());
        assert!(events.list.iter().all(|e| owns_nothing(e)));
    }
}
