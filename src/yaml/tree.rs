//! The shape of a YAML text with the place of every key and value: a tree of [`Node`]s built
//! from the events of libyaml, the parser serde_yaml_ng itself runs, so both always agree on
//! what the text says and where. The tree finds what serde cannot point at (a key given
//! twice, a YAML tag, a second document, a list item by its id) and tells a reader exactly
//! which bytes a key or an item spans, so a problem can be left out and the rest still read.
//! The only unsafe code of the YAML module is here: the parser's C-style interface.

use std::mem::MaybeUninit;

use unsafe_libyaml as unsafe_yaml;

/// A place in the text: byte offset, and 1-based line and column (in characters) of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Mark {
    pub line: usize,
    pub col: usize,
    pub index: usize,
}

/// A value of the text with where it starts and ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub start: Mark,
    pub end: Mark,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A scalar as the reader sees it (quotes and escapes resolved).
    Scalar(String),
    Seq {
        items: Vec<Node>,
        flow: bool,
    },
    Map {
        entries: Vec<(Node, Node)>,
        flow: bool,
    },
    /// `*name`: a reference to a value written elsewhere.
    Alias,
}

impl Node {
    /// The value under `key` when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key and value of `key` when this is a mapping (the first, if it is given twice).
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.kind {
            Kind::Map { entries, .. } => entries.iter().find(|(k, _)| k.scalar() == Some(key)).map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The items when this is a list; none otherwise.
    pub fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Seq { items, .. } => items,
            _ => &[],
        }
    }

    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The 1-based line and column where this value starts.
    pub fn at(&self) -> (usize, usize) {
        (self.start.line, self.start.col)
    }

    /// The line and column of `key` in this mapping, or of this value when it has no such key.
    pub fn key_at(&self, key: &str) -> (usize, usize) {
        self.entry(key).map_or(self.at(), |(k, _)| k.at())
    }

    /// The line and column of the value of `key`, or of this value when it has no such key.
    pub fn value_at(&self, key: &str) -> (usize, usize) {
        self.get(key).map_or(self.at(), Node::at)
    }

    /// The line and column of the key at the end of `path` (`["colors", "primary"]`), or of
    /// the deepest value on the way when it is not written.
    pub fn key_at_path(&self, path: &[&str]) -> (usize, usize) {
        let mut here = self;
        for (i, key) in path.iter().enumerate() {
            match here.entry(key) {
                Some((k, _)) if i + 1 == path.len() => return k.at(),
                Some((_, v)) => here = v,
                None => return here.at(),
            }
        }
        here.at()
    }

    pub(super) fn is_flow(&self) -> bool {
        matches!(self.kind, Kind::Seq { flow: true, .. } | Kind::Map { flow: true, .. })
    }
}

/// Deeper than this, serde_yaml_ng refuses the text too (its recursion limit).
pub const MAX_DEPTH: usize = 128;

/// What one walk over the events found besides the tree.
#[derive(Debug, Default)]
pub struct Walk {
    /// The first document's value (`None` for an empty text or one of comments only).
    pub root: Option<Node>,
    /// Where a second document starts (`---` after a first document).
    pub second_document: Option<Mark>,
    /// Where values written with a YAML tag (`!!binary`, `!x`) start.
    pub tags: Vec<Mark>,
    /// The text is nested deeper than [`MAX_DEPTH`] here.
    pub too_deep: Option<Mark>,
}

/// A collection being read: its start, style, and what it holds so far.
struct Open {
    start: Mark,
    flow: bool,
    map: bool,
    items: Vec<Node>,
}

/// Reads the events of `text`; `first_line` is the file line on which it starts. `None` for a
/// text with a syntax error (serde_yaml_ng words it).
pub fn walk(text: &str, first_line: usize) -> Option<Walk> {
    let mut out = Walk::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut documents = 0;
    let mut parser = Parser::new(text)?;
    let mark = |m: unsafe_yaml::yaml_mark_t| Mark {
        line: usize::try_from(m.line).unwrap_or(usize::MAX / 2) + first_line,
        col: usize::try_from(m.column).unwrap_or(0) + 1,
        index: usize::try_from(m.index).unwrap_or(text.len()).min(text.len()),
    };
    loop {
        let event = parser.next()?;
        let (start, end) = (mark(event.start), mark(event.end));
        let node = match event.kind {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    out.second_document = Some(start);
                    break;
                }
                continue;
            }
            Event::Other => continue,
            Event::Open { map, flow, tagged } => {
                if tagged {
                    out.tags.push(start);
                }
                if stack.len() >= MAX_DEPTH {
                    out.too_deep = Some(start);
                    return Some(out);
                }
                stack.push(Open { start, flow, map, items: Vec::new() });
                continue;
            }
            Event::Close => {
                let Some(open) = stack.pop() else { continue };
                let kind = if open.map {
                    let mut entries = Vec::with_capacity(open.items.len() / 2);
                    let mut it = open.items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        entries.push((k, v));
                    }
                    Kind::Map { entries, flow: open.flow }
                } else {
                    Kind::Seq { items: open.items, flow: open.flow }
                };
                Node { start: open.start, end, kind }
            }
            Event::Scalar { value, tagged } => {
                if tagged {
                    out.tags.push(start);
                }
                Node { start, end, kind: Kind::Scalar(value) }
            }
            Event::Alias => Node { start, end, kind: Kind::Alias },
        };
        match stack.last_mut() {
            Some(open) => open.items.push(node),
            None => out.root = Some(node),
        }
    }
    Some(out)
}

enum Event {
    StreamEnd,
    DocumentStart,
    Open { map: bool, flow: bool, tagged: bool },
    Close,
    Scalar { value: String, tagged: bool },
    Alias,
    Other,
}

struct Parsed {
    kind: Event,
    start: unsafe_yaml::yaml_mark_t,
    end: unsafe_yaml::yaml_mark_t,
}

/// libyaml's parser over a borrowed text; deleted when dropped.
struct Parser<'a> {
    sys: Box<MaybeUninit<unsafe_yaml::yaml_parser_t>>,
    _text: std::marker::PhantomData<&'a str>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Option<Parser<'a>> {
        let mut sys = Box::new(MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit());
        // SAFETY: the parser is initialised before use, lives in a box (it must not move),
        // and reads `text`, which outlives it (the lifetime 'a); `Drop` deletes it.
        unsafe {
            if unsafe_yaml::yaml_parser_initialize(sys.as_mut_ptr()).fail {
                return None;
            }
            unsafe_yaml::yaml_parser_set_encoding(sys.as_mut_ptr(), unsafe_yaml::YAML_UTF8_ENCODING);
            unsafe_yaml::yaml_parser_set_input_string(sys.as_mut_ptr(), text.as_ptr(), text.len() as u64);
        }
        Some(Parser { sys, _text: std::marker::PhantomData })
    }

    fn next(&mut self) -> Option<Parsed> {
        let mut event = MaybeUninit::<unsafe_yaml::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised in `new`; an event it returns is read once, its
        // strings copied, then deleted. After an error the parser is not asked again.
        unsafe {
            let parser = self.sys.as_mut_ptr();
            if unsafe_yaml::yaml_parser_parse(parser, event.as_mut_ptr()).fail {
                return None;
            }
            let e = event.as_mut_ptr();
            let kind = match (*e).type_ {
                unsafe_yaml::YAML_STREAM_END_EVENT => Event::StreamEnd,
                unsafe_yaml::YAML_DOCUMENT_START_EVENT => Event::DocumentStart,
                unsafe_yaml::YAML_SEQUENCE_START_EVENT => {
                    let d = (*e).data.sequence_start;
                    Event::Open { map: false, flow: d.style == unsafe_yaml::YAML_FLOW_SEQUENCE_STYLE, tagged: !d.tag.is_null() }
                }
                unsafe_yaml::YAML_MAPPING_START_EVENT => {
                    let d = (*e).data.mapping_start;
                    Event::Open { map: true, flow: d.style == unsafe_yaml::YAML_FLOW_MAPPING_STYLE, tagged: !d.tag.is_null() }
                }
                unsafe_yaml::YAML_SEQUENCE_END_EVENT | unsafe_yaml::YAML_MAPPING_END_EVENT => Event::Close,
                unsafe_yaml::YAML_SCALAR_EVENT => {
                    let d = (*e).data.scalar;
                    let bytes = if d.value.is_null() { &[][..] } else { std::slice::from_raw_parts(d.value, d.length as usize) };
                    Event::Scalar { value: String::from_utf8_lossy(bytes).into_owned(), tagged: !d.tag.is_null() }
                }
                unsafe_yaml::YAML_ALIAS_EVENT => Event::Alias,
                _ => Event::Other,
            };
            let parsed = Parsed { kind, start: (*e).start_mark, end: (*e).end_mark };
            unsafe_yaml::yaml_event_delete(e);
            Some(parsed)
        }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: initialised in `new` (a failed initialisation returns before a Parser exists).
        unsafe { unsafe_yaml::yaml_parser_delete(self.sys.as_mut_ptr()) }
    }
}

/// A key given twice in one mapping: the path of the mapping, the key, and both places.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeated {
    pub path: String,
    pub key: String,
    pub first: Mark,
    /// The second key; `entry` is the mapping entry to leave out.
    pub second: Mark,
    pub entry: (Mark, Mark),
}

/// Every key given twice in any mapping under `node` (the first one counts).
pub fn repeated_keys(node: &Node, path: &str, out: &mut Vec<Repeated>) {
    match &node.kind {
        Kind::Map { entries, .. } => {
            let mut seen: rustc_hash::FxHashMap<&str, Mark> = rustc_hash::FxHashMap::default();
            for (k, v) in entries {
                if let Some(key) = k.scalar() {
                    match seen.get(key) {
                        Some(&first) => out.push(Repeated { path: path.to_string(), key: key.to_string(), first, second: k.start, entry: (k.start, v.end) }),
                        None => {
                            seen.insert(key, k.start);
                        }
                    }
                    repeated_keys(v, &child_path(path, key), out);
                }
            }
        }
        Kind::Seq { items, .. } => {
            for (i, item) in items.iter().enumerate() {
                repeated_keys(item, &item_path(path, i), out);
            }
        }
        _ => {}
    }
}

/// `a.b` as serde_yaml_ng writes the path of key `b` under `a`.
pub fn child_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// `a[2]` for the third item of the list at `a`.
pub fn item_path(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// The deepest flow level libyaml's scanner reaches in `text` (each `[` or `{` token one level
/// deeper) among the tokens it returns before the end or its first error: what
/// [`super::depth`] must never count below.
#[cfg(test)]
pub(super) fn flow_level_reached(text: &str) -> usize {
    let Some(mut parser) = Parser::new(text) else { return 0 };
    let (mut level, mut deepest) = (0usize, 0usize);
    loop {
        let mut token = MaybeUninit::<unsafe_yaml::yaml_token_t>::uninit();
        // SAFETY: the parser was initialised in `new` and has not been asked for events; a
        // token it returns is read once, then deleted; after an error or the stream's end it
        // is not asked again.
        let kind = unsafe {
            if unsafe_yaml::yaml_parser_scan(parser.sys.as_mut_ptr(), token.as_mut_ptr()).fail {
                break;
            }
            let kind = (*token.as_ptr()).type_;
            unsafe_yaml::yaml_token_delete(token.as_mut_ptr());
            kind
        };
        match kind {
            unsafe_yaml::YAML_FLOW_SEQUENCE_START_TOKEN | unsafe_yaml::YAML_FLOW_MAPPING_START_TOKEN => {
                level += 1;
                deepest = deepest.max(level);
            }
            unsafe_yaml::YAML_FLOW_SEQUENCE_END_TOKEN | unsafe_yaml::YAML_FLOW_MAPPING_END_TOKEN => level = level.saturating_sub(1),
            unsafe_yaml::YAML_STREAM_END_TOKEN => break,
            _ => {}
        }
    }
    deepest
}
