//! A tolerant tokenizer of XML, as a browser's XML parser reads an SVG file: start and end
//! tags with their attributes, text, CDATA sections, processing instructions and the DOCTYPE
//! with the declarations of its internal subset. Comments are skipped.
//!
//! A well-formed file is read exactly as XML reads it (`>` inside a quoted value, `<` inside
//! a comment or CDATA section). A malformed one never stops it: a stray `<` is text, an
//! unquoted value runs to the next space; a file that ends inside markup gives
//! [`Token::Unclosed`] and nothing more. Every step moves forward, so the time is linear in
//! the size of the file.

use memchr::{memchr, memmem};

/// One attribute of a start tag, with the byte offsets of its name and of its raw value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr<'a> {
    pub name: &'a str,
    pub at: usize,
    /// As written: references not expanded.
    pub value: &'a str,
    pub value_at: usize,
}

/// A declaration in the DOCTYPE's internal subset that matters for safety.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decl<'a> {
    /// `<!ENTITY name "value">`; `value` is `None` for an external entity (`SYSTEM`/`PUBLIC`).
    Entity { name: &'a str, at: usize, parameter: bool, value: Option<&'a str> },
    /// `<!ATTLIST …>`: default attributes added to elements.
    Attlist { at: usize },
    /// `%name;`: a parameter entity used in the subset.
    ParameterRef { at: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Start {
        name: &'a str,
        at: usize,
        attrs: Attrs<'a>,
        empty: bool,
    },
    End {
        at: usize,
    },
    /// Character data as written (references not expanded).
    Text {
        text: &'a str,
        at: usize,
    },
    Cdata {
        text: &'a str,
        at: usize,
    },
    /// `<?target body?>`.
    Pi {
        target: &'a str,
        body: &'a str,
        at: usize,
    },
    Doctype {
        at: usize,
        decls: Vec<Decl<'a>>,
    },
    /// The file ends inside the markup that opens at `at` (`what`: "comment", "tag", …).
    Unclosed {
        what: &'static str,
        at: usize,
    },
}

/// The attributes of a start tag, read again as they are asked for (a tag of a million
/// attributes costs no memory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attrs<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Attrs<'a> {
    type Item = Attr<'a>;

    fn next(&mut self) -> Option<Attr<'a>> {
        match attribute(self.text, self.pos) {
            Step::Attr(attr, past) => {
                self.pos = past;
                Some(attr)
            }
            Step::End { .. } | Step::Unclosed(_) => None,
        }
    }
}

/// What follows in a start tag.
enum Step<'a> {
    /// An attribute, and the offset past it.
    Attr(Attr<'a>, usize),
    /// The end of the tag: the offset past it, and whether it was `/>`.
    End { past: usize, empty: bool },
    /// The file ends inside the tag, or inside the value of the attribute at this offset.
    Unclosed(Option<usize>),
}

/// Reads the next attribute of a start tag from `i`.
fn attribute(text: &str, mut i: usize) -> Step<'_> {
    let bytes = text.as_bytes();
    loop {
        i = skip_space(bytes, i);
        let Some(&b) = bytes.get(i) else { return Step::Unclosed(None) };
        match b {
            b'>' => return Step::End { past: i + 1, empty: false },
            b'/' if bytes.get(i + 1) == Some(&b'>') => return Step::End { past: i + 2, empty: true },
            // Malformed: the tag ends where the next one begins.
            b'<' => return Step::End { past: i, empty: false },
            b'/' | b'"' | b'\'' | b'=' | b'?' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let name_at = i;
        i = name_end(bytes, i);
        let name = &text[name_at..i];
        i = skip_space(bytes, i);
        let (mut value, mut value_at) = ("", i);
        if bytes.get(i) == Some(&b'=') {
            i = skip_space(bytes, i + 1);
            value_at = i;
            match bytes.get(i) {
                Some(b'"' | b'\'') => {
                    let Some(past) = past_quoted(bytes, i) else { return Step::Unclosed(Some(name_at)) };
                    value = &text[i + 1..past - 1];
                    value_at = i + 1;
                    i = past;
                }
                _ => {
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = &text[value_at..i];
                }
            }
        }
        return Step::Attr(Attr { name, at: name_at, value, value_at }, i);
    }
}

/// The tokens of `text`, in order.
pub struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str) -> Self {
        Scanner { text, pos: 0 }
    }

    fn unclosed(&mut self, what: &'static str, at: usize) -> Option<Token<'a>> {
        self.pos = self.text.len();
        Some(Token::Unclosed { what, at })
    }

    /// The offset just past the first `needle` at or after `from`.
    fn past(&self, from: usize, needle: &str) -> Option<usize> {
        let from = from.min(self.text.len());
        memmem::find(&self.text.as_bytes()[from..], needle.as_bytes()).map(|i| from + i + needle.len())
    }
}

/// Ends a name: white space and the characters that delimit markup.
fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'<' | b'=' | b'"' | b'\'' | b'?')
}

fn name_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && !is_delimiter(bytes[i]) {
        i += 1;
    }
    i
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn starts_with_ignore_case(bytes: &[u8], at: usize, prefix: &str) -> bool {
    bytes.get(at..at + prefix.len()).is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The offset past the closing quote of the quoted string that opens at `at`.
fn past_quoted(bytes: &[u8], at: usize) -> Option<usize> {
    memchr(bytes[at], &bytes[at + 1..]).map(|i| at + 1 + i + 1)
}

/// The offset past the `>` that ends a declaration (quoted strings may hold `>`).
fn past_declaration(bytes: &[u8], mut i: usize) -> Option<usize> {
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' => i = past_quoted(bytes, i)?,
            b'>' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        loop {
            let at = self.pos;
            if at >= bytes.len() {
                return None;
            }
            if bytes[at] != b'<' {
                let end = memchr(b'<', &bytes[at..]).map_or(bytes.len(), |i| at + i);
                self.pos = end;
                return Some(Token::Text { text: &text[at..end], at });
            }
            let rest = &bytes[at..];
            if rest.starts_with(b"<!--") {
                match self.past(at + 4, "-->") {
                    Some(end) => self.pos = end,
                    None => return self.unclosed("comment", at),
                }
                continue;
            }
            if rest.starts_with(b"<![CDATA[") {
                let Some(end) = self.past(at + 9, "]]>") else { return self.unclosed("CDATA section", at) };
                self.pos = end;
                return Some(Token::Cdata { text: &text[at + 9..end - 3], at });
            }
            if starts_with_ignore_case(bytes, at, "<!DOCTYPE") {
                return self.doctype(at);
            }
            if rest.starts_with(b"<!") {
                // Another declaration, out of place: skipped whole.
                match past_declaration(bytes, at + 2) {
                    Some(end) => self.pos = end,
                    None => return self.unclosed("declaration", at),
                }
                continue;
            }
            if rest.starts_with(b"<?") {
                let target_end = name_end(bytes, at + 2);
                let Some(end) = self.past(at + 2, "?>") else { return self.unclosed("processing instruction", at) };
                self.pos = end;
                let target_end = target_end.min(end - 2);
                return Some(Token::Pi { target: &text[at + 2..target_end], body: &text[target_end..end - 2], at });
            }
            if rest.starts_with(b"</") {
                let Some(i) = memchr(b'>', &bytes[at..]) else { return self.unclosed("end tag", at) };
                self.pos = at + i + 1;
                return Some(Token::End { at });
            }
            if rest.len() > 1 && !is_delimiter(rest[1]) {
                return self.start_tag(at);
            }
            // A `<` that opens nothing: text (a well-formed file has none).
            self.pos = at + 1;
            return Some(Token::Text { text: "<", at });
        }
    }
}

impl<'a> Scanner<'a> {
    fn start_tag(&mut self, at: usize) -> Option<Token<'a>> {
        let text = self.text;
        let end = name_end(text.as_bytes(), at + 1);
        let mut i = end;
        loop {
            match attribute(text, i) {
                Step::Attr(_, past) => i = past,
                Step::End { past, empty } => {
                    self.pos = past;
                    return Some(Token::Start { name: &text[at + 1..end], at, attrs: Attrs { text, pos: end }, empty });
                }
                Step::Unclosed(None) => return self.unclosed("tag", at),
                Step::Unclosed(Some(attr)) => return self.unclosed("attribute value", attr),
            }
        }
    }

    /// `<!DOCTYPE name externalID? [internal subset]? >`.
    fn doctype(&mut self, at: usize) -> Option<Token<'a>> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let mut decls = Vec::new();
        let mut subset = false;
        let mut i = at + "<!DOCTYPE".len();
        while i < bytes.len() {
            match bytes[i] {
                b'"' | b'\'' => match past_quoted(bytes, i) {
                    Some(past) => i = past,
                    None => return self.unclosed("DOCTYPE", at),
                },
                b'[' if !subset => {
                    subset = true;
                    i += 1;
                }
                b']' if subset => {
                    subset = false;
                    i += 1;
                }
                b'>' if !subset => {
                    self.pos = i + 1;
                    return Some(Token::Doctype { at, decls });
                }
                b'%' if subset => {
                    decls.push(Decl::ParameterRef { at: i });
                    i += 1;
                }
                b'<' if subset => {
                    let past = if bytes[i..].starts_with(b"<!--") {
                        self.past(i + 4, "-->")
                    } else if bytes[i..].starts_with(b"<?") {
                        self.past(i + 2, "?>")
                    } else if bytes[i..].starts_with(b"<!ENTITY") {
                        let (decl, past) = entity(text, i);
                        decls.extend(decl);
                        past
                    } else {
                        if bytes[i..].starts_with(b"<!ATTLIST") {
                            decls.push(Decl::Attlist { at: i });
                        }
                        past_declaration(bytes, i + 1)
                    };
                    match past {
                        Some(past) => i = past,
                        None => return self.unclosed("DOCTYPE", at),
                    }
                }
                _ => i += 1,
            }
        }
        self.unclosed("DOCTYPE", at)
    }
}

/// `<!ENTITY %? name ("value" | SYSTEM "uri" | PUBLIC "id" "uri") NDATA? >` at `at`: the
/// declaration, and the offset past its `>` (`None` if the file ends inside it).
fn entity(text: &str, at: usize) -> (Option<Decl<'_>>, Option<usize>) {
    let bytes = text.as_bytes();
    let mut i = skip_space(bytes, at + "<!ENTITY".len());
    let parameter = bytes.get(i) == Some(&b'%');
    if parameter {
        i = skip_space(bytes, i + 1);
    }
    let end = name_end(bytes, i);
    let name = &text[i..end];
    i = skip_space(bytes, end);
    let value = match bytes.get(i) {
        Some(b'"' | b'\'') => match past_quoted(bytes, i) {
            Some(past) => Some(&text[i + 1..past - 1]),
            None => return (None, None),
        },
        _ => None,
    };
    (Some(Decl::Entity { name, at, parameter, value }), past_declaration(bytes, i))
}
