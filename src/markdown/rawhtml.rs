//! Raw HTML in Markdown, made harmless: [`clean`] runs the page's author HTML through ammonia
//! with the allowlist of [`super::html_policy`], resolves its links and media like Markdown
//! ones, and reports every refused or removed construct with its position.
//!
//! The author HTML of a page is cleaned as ONE fragment, with the Markdown rendered between
//! its passages standing in as placeholder text: a `<details>` opened in one block and closed
//! three paragraphs later keeps the Markdown inside it, and nothing left open (a comment, a
//! `<textarea>`, a `<div>`) can reach past the page body into the theme's footer. If a
//! placeholder does not come out of the sanitizer exactly once and in order (it was inside a
//! removed element or an attribute), each passage is cleaned on its own instead.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

use super::html_policy::{self as policy, ContentKind, UrlKind};
use super::limits::MAX_NESTING;
use super::{AnchorRef, Links, Problem, Resolved};
use crate::diagnostics::Severity;

/// One passage of author HTML (a line of an HTML block, or an inline tag) and where it starts
/// in the Markdown source.
#[derive(Debug, Clone)]
pub struct Piece {
    pub text: String,
    pub offset: usize,
}

/// What stands in the rendered Markdown for passage `k` until [`clean`] replaces it. Markdown
/// text is escaped on output, so no page content can produce this sequence.
pub fn raw_marker(k: usize) -> String {
    format!("{RAW_OPEN}{k}-->")
}

const RAW_OPEN: &str = "<!--\u{FDD0}";
/// Placeholder for rendered Markdown inside the fragment given to the sanitizer: noncharacters,
/// reserved for exactly this kind of internal use.
const SEG_OPEN: char = '\u{FDD0}';
const SEG_CLOSE: char = '\u{FDD1}';

#[derive(Debug, Default)]
pub struct Cleaned {
    pub html: String,
    pub problems: Vec<Problem>,
    pub anchors: Vec<AnchorRef>,
}

/// Replaces every [`raw_marker`] in `html` (the rendered page) by its passage, sanitized.
pub fn clean(html: &str, pieces: &[Piece], links: &dyn Links) -> Cleaned {
    let parts = split(html);
    let mut skeleton = String::new();
    let mut map = Vec::new();
    let mut segments = Vec::new();
    for part in &parts {
        match *part {
            Part::Markdown(s) if !s.is_empty() => {
                skeleton.push(SEG_OPEN);
                skeleton.push_str(&segments.len().to_string());
                skeleton.push(SEG_CLOSE);
                segments.push(s);
            }
            Part::Markdown(_) => {}
            Part::Raw(k) => {
                let piece = pieces.get(k).map_or("", |p| p.text.as_str());
                map.push((skeleton.len(), pieces.get(k).map_or(0, |p| p.offset)));
                skeleton.push_str(piece);
            }
        }
    }
    let mut report = Report { skeleton: &skeleton, map: &map, links, out: Cleaned::default(), decisions: HashMap::new() };
    let nested_too_deep = !report.scan();
    let Report { out: mut cleaned, decisions, .. } = report;
    if nested_too_deep {
        // An error is reported: the page is not written, and the sanitizer is not run on it.
        return cleaned;
    }
    let sanitizer = sanitizer(decisions);
    match fill(&sanitizer.clean(&skeleton).to_string(), &segments) {
        Some(html) => cleaned.html = html,
        None => {
            cleaned.html = parts
                .iter()
                .map(|p| match *p {
                    Part::Markdown(s) => s.to_string(),
                    Part::Raw(k) => sanitizer.clean(pieces.get(k).map_or("", |p| p.text.as_str())).to_string().replace([SEG_OPEN, SEG_CLOSE], ""),
                })
                .collect();
            cleaned.problems.push(Problem {
                offset: pieces.first().map_or(0, |p| p.offset),
                severity: Severity::Warning,
                message: "the HTML on this page does not fit around the Markdown between its passages; each passage was cleaned on its own".into(),
                hint: "look for an element, comment or attribute quote left open".into(),
            });
        }
    }
    cleaned
}

enum Part<'a> {
    Markdown(&'a str),
    Raw(usize),
}

fn split(html: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(RAW_OPEN) {
        let after = &rest[at + RAW_OPEN.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match (after[..digits].parse::<usize>(), after[digits..].starts_with("-->")) {
            (Ok(k), true) => {
                parts.push(Part::Markdown(&rest[..at]));
                parts.push(Part::Raw(k));
                rest = &after[digits + 3..];
            }
            _ => {
                parts.push(Part::Markdown(&rest[..at + RAW_OPEN.len()]));
                rest = after;
            }
        }
    }
    parts.push(Part::Markdown(rest));
    parts
}

/// The sanitizer's output with each placeholder replaced by its Markdown; `None` unless every
/// placeholder is there exactly once and in order.
fn fill(cleaned: &str, segments: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(cleaned.len() + segments.iter().map(|s| s.len()).sum::<usize>());
    let mut next = 0;
    let mut rest = cleaned;
    while let Some(at) = rest.find([SEG_OPEN, SEG_CLOSE]) {
        out.push_str(&rest[..at]);
        let after = rest[at..].strip_prefix(SEG_OPEN)?;
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if after[..digits].parse::<usize>().ok()? != next {
            return None;
        }
        out.push_str(segments.get(next)?);
        next += 1;
        rest = after[digits..].strip_prefix(SEG_CLOSE)?;
    }
    out.push_str(rest);
    (next == segments.len()).then_some(out)
}

/// ammonia, configured from the policy tables; URL attributes get the values decided while
/// reporting (resolved links, or dropped), anything else undecided is dropped.
fn sanitizer(decisions: HashMap<String, Option<String>>) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::empty();
    b.tags(policy::ELEMENTS.iter().copied().collect())
        .clean_content_tags(policy::DROP_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(policy::GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(policy::ELEMENT_ATTRIBUTES.iter().map(|(e, a)| (*e, a.iter().copied().collect())).collect())
        .tag_attribute_values(HashMap::new())
        .url_schemes(policy::LINK_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(move |element, attr, value| {
            if policy::is_url_attribute(element, attr) {
                return decisions.get(&decision_key(element, attr, value)).cloned().flatten().map(Cow::Owned);
            }
            if value.contains([SEG_OPEN, SEG_CLOSE]) {
                return Some(Cow::Owned(value.replace([SEG_OPEN, SEG_CLOSE], "")));
            }
            Some(Cow::Borrowed(value))
        });
    b
}

fn decision_key(element: &str, attr: &str, value: &str) -> String {
    format!("{element}\0{attr}\0{value}")
}

/// A token of the author HTML, as the browser's tokenizer sees it.
enum Tok {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End(String),
    Comment {
        len: usize,
        unclosed: bool,
    },
    /// The page ends inside a tag (`<script src=x` without `>`) or a DOCTYPE: the browser
    /// drops it and everything after it.
    Unfinished,
}

/// Collects tokens and switches the tokenizer into raw text where the HTML parser would.
#[derive(Default)]
struct Sink {
    tokens: RefCell<Vec<Tok>>,
    ended: Cell<bool>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::EndTag {
                    self.tokens.borrow_mut().push(Tok::End(name));
                    return TokenSinkResult::Continue;
                }
                let kind = policy::content_kind(&name);
                let attrs = tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
                self.tokens.borrow_mut().push(Tok::Start { name, attrs });
                match kind {
                    ContentKind::Normal => TokenSinkResult::Continue,
                    ContentKind::Rcdata => TokenSinkResult::RawData(RawKind::Rcdata),
                    ContentKind::Rawtext => TokenSinkResult::RawData(RawKind::Rawtext),
                    ContentKind::Script => TokenSinkResult::RawData(RawKind::ScriptData),
                    ContentKind::Plaintext => TokenSinkResult::Plaintext,
                }
            }
            Token::CommentToken(text) => {
                self.tokens.borrow_mut().push(Tok::Comment { len: text.len(), unclosed: self.ended.get() });
                TokenSinkResult::Continue
            }
            // At the end of input the tokenizer names the state it was in.
            Token::DoctypeToken(_) if self.ended.get() => {
                self.tokens.borrow_mut().push(Tok::Unfinished);
                TokenSinkResult::Continue
            }
            Token::ParseError(message) if self.ended.get() && is_eof_inside_tag(&message) => {
                self.tokens.borrow_mut().push(Tok::Unfinished);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// html5ever's message for input that ends inside a start tag, an end tag or a DOCTYPE.
fn is_eof_inside_tag(message: &str) -> bool {
    let Some(state) = message.strip_prefix("Saw EOF in state ") else { return false };
    [
        "TagName",
        "BeforeAttributeName",
        "AttributeName",
        "AfterAttributeName",
        "AttributeValue",
        "AfterAttributeValueQuoted",
        "SelfClosingStartTag",
        "Doctype",
        "BeforeDoctype",
        "AfterDoctype",
        "BetweenDoctype",
    ]
    .iter()
    .any(|s| state.starts_with(s))
}

fn tokens(skeleton: &str) -> Vec<Tok> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html5ever::tendril::StrTendril::from_slice(skeleton));
    let _ = tokenizer.feed(&input);
    tokenizer.sink.ended.set(true);
    tokenizer.end();
    tokenizer.sink.tokens.take()
}

struct Report<'a> {
    skeleton: &'a str,
    /// (position in the skeleton, offset in the Markdown) of each passage, in order.
    map: &'a [(usize, usize)],
    links: &'a dyn Links,
    out: Cleaned,
    decisions: HashMap<String, Option<String>>,
}

impl Report<'_> {
    fn offset(&self, pos: usize) -> usize {
        let i = self.map.partition_point(|(start, _)| *start <= pos).saturating_sub(1);
        self.map.get(i).map_or(0, |(start, offset)| offset + pos.saturating_sub(*start))
    }

    fn push(&mut self, pos: usize, severity: Severity, message: String, hint: &str) {
        let offset = self.offset(pos);
        self.out.problems.push(Problem { offset, severity, message, hint: hint.to_string() });
    }

    /// Reports the problems of the author HTML; `false` if its elements nest deeper than
    /// [`MAX_NESTING`] (an error is reported at the tag, and the rest is not looked at).
    fn scan(&mut self) -> bool {
        let mut cursor = 0;
        let mut open: Vec<(String, usize)> = Vec::new();
        let mut raw_open: Option<(String, usize)> = None;
        // The elements the HTML parser would keep open, as far as they can nest: its tree
        // builder looks through them at every tag (100,000 unclosed `<details>` took 31 s).
        let mut nesting: Vec<String> = Vec::new();
        for tok in tokens(self.skeleton) {
            match tok {
                Tok::Start { name, attrs } => {
                    let at = find_tag(self.skeleton, &format!("<{name}"), cursor).unwrap_or(cursor);
                    cursor = boundary(self.skeleton, at + 1 + name.len());
                    if nests(&name) {
                        nesting.push(name.clone());
                        if nesting.len() > MAX_NESTING {
                            self.push(
                                at,
                                Severity::Error,
                                format!("HTML elements are nested more than {MAX_NESTING} levels deep here (`<{name}>`)"),
                                "close each element where it ends (`</div>`, `</details>` …): nesting this deep is an element left open again and again",
                            );
                            return false;
                        }
                    }
                    self.start_tag(&name, &attrs, at);
                    if policy::NEEDS_CLOSING.contains(&name.as_str()) {
                        open.push((name.clone(), at));
                    }
                    if policy::content_kind(&name) != ContentKind::Normal {
                        cursor = find_tag(self.skeleton, &format!("</{name}"), cursor).unwrap_or(self.skeleton.len());
                        raw_open = Some((name, at));
                    }
                }
                Tok::End(name) => {
                    if let Some(at) = find_tag(self.skeleton, &format!("</{name}"), cursor) {
                        cursor = at + 2 + name.len();
                    }
                    if raw_open.as_ref().is_some_and(|(n, _)| *n == name) {
                        raw_open = None;
                    }
                    if let Some(i) = nesting.iter().rposition(|n| *n == name) {
                        nesting.truncate(i);
                    }
                    if let Some(i) = open.iter().rposition(|(n, _)| *n == name) {
                        open.truncate(i);
                    }
                }
                Tok::Unfinished => {
                    let bytes = self.skeleton.as_bytes();
                    let starts_tag = |i: usize| bytes[i] == b'<' && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!'));
                    let at = (cursor.min(bytes.len())..bytes.len()).find(|&i| starts_tag(i)).unwrap_or(cursor);
                    cursor = self.skeleton.len();
                    self.push(
                        at,
                        Severity::Error,
                        "this tag is never finished with `>`: it and everything after it would disappear from the page".into(),
                        "end the tag with `>` (or write `&lt;` for a `<` that is meant as text)",
                    );
                }
                Tok::Comment { len, unclosed } => {
                    let bytes = self.skeleton.as_bytes();
                    let at = (cursor..bytes.len()).find(|&i| bytes[i] == b'<' && matches!(bytes.get(i + 1), Some(b'!' | b'?'))).unwrap_or(cursor);
                    cursor = boundary(self.skeleton, at + 4 + len);
                    if unclosed {
                        self.push(
                            at,
                            Severity::Error,
                            "this HTML comment is never closed: everything after it would disappear from the page".into(),
                            "close the comment with `-->`",
                        );
                    }
                }
            }
        }
        if let Some((name, at)) = raw_open {
            self.push(
                at,
                Severity::Error,
                format!("`<{name}>` is never closed: everything after it would be lost or shown as code"),
                &format!("remove it, or close it with `</{name}>`"),
            );
        }
        for (name, at) in open {
            self.push(
                at,
                Severity::Warning,
                format!("`<{name}>` is never closed, so everything after it on the page ends up inside it"),
                &format!("close it with `</{name}>` where it should end"),
            );
        }
        true
    }

    fn start_tag(&mut self, name: &str, attrs: &[(String, String)], at: usize) {
        if let Some((message, hint)) = policy::refused_element(name) {
            return self.push(at, Severity::Error, format!("`<{name}>`: {message}"), hint);
        }
        if !policy::element_allowed(name) {
            let what = if policy::DROP_WITH_CONTENT.contains(&name) { "it is removed with its content" } else { "it is removed, its text is kept" };
            return self.push(
                at,
                Severity::Warning,
                format!("`<{name}>` is not among the HTML elements kyklos allows: {what}"),
                "see \"Raw HTML in Markdown\" in the README for the allowed elements, or write it in Markdown",
            );
        }
        let name_end = at + 1 + name.len();
        for (attr, value) in attrs {
            let pos = find_attr(self.skeleton, attr, name_end).unwrap_or(at);
            if attr.starts_with("on") {
                self.push(
                    pos,
                    Severity::Error,
                    format!("event handlers (`{attr}` on `<{name}>`) are not allowed"),
                    "remove the attribute: pages must work with a strict Content-Security-Policy, without scripts of their own",
                );
            } else if !policy::attribute_allowed(name, attr) {
                let hint = if attr == "style" {
                    "use a class that the theme's CSS styles: a strict Content-Security-Policy ignores style attributes anyway"
                } else {
                    "see \"Raw HTML in Markdown\" in the README for the allowed attributes"
                };
                self.push(pos, Severity::Warning, format!("the attribute `{attr}` on `<{name}>` is not allowed and is removed"), hint);
            } else if policy::is_url_attribute(name, attr) {
                let decided = self.url(name, attr, value, pos);
                self.decisions.insert(decision_key(name, attr, value), decided);
            }
        }
        if name == "img" && !attrs.iter().any(|(a, _)| a == "alt") {
            self.push(
                at,
                Severity::Warning,
                "this image has no alt text".into(),
                "add alt=\"…\" saying what the image shows (alt=\"\" if it is only decoration)",
            );
        }
    }

    /// The value a URL attribute keeps (resolved like a Markdown link), or `None` to drop it.
    fn url(&mut self, element: &str, attr: &str, value: &str, pos: usize) -> Option<String> {
        let is_link = element == "a";
        match policy::classify_url(value) {
            UrlKind::Empty => {
                self.push(pos, Severity::Warning, format!("`{attr}` on `<{element}>` is empty and is removed"), "give the path of a page or file");
                None
            }
            UrlKind::Remote { scheme: Some(scheme), url } if is_link && policy::LINK_SCHEMES.contains(&scheme.as_str()) => Some(url),
            UrlKind::Remote { scheme: Some(scheme), .. } if matches!(scheme.as_str(), "javascript" | "vbscript" | "data") => {
                self.push(
                    pos,
                    Severity::Error,
                    format!("`{scheme}:` URLs are not allowed in HTML (`{attr}` on `<{element}>`)"),
                    "refer to a page or a file of the site by its path",
                );
                None
            }
            UrlKind::Remote { scheme, url } if is_link => {
                let scheme = scheme.unwrap_or_default();
                self.push(
                    pos,
                    Severity::Error,
                    format!("links with `{scheme}:` are not allowed: `{url}`"),
                    "use https:, mailto: or tel:, or the path of a page or file",
                );
                None
            }
            UrlKind::Remote { url, .. } => {
                self.push(
                    pos,
                    Severity::Error,
                    format!("`<{element}>` would load `{url}` from another site"),
                    "download the file and put it beside the Markdown: pages never load anything from elsewhere",
                );
                None
            }
            UrlKind::Relative(url) => match self.links.resolve(&url, !is_link) {
                Resolved::Keep => Some(url),
                Resolved::Rewrite(href) => Some(href),
                Resolved::Anchor { href, page, anchor } => {
                    self.out.anchors.push(AnchorRef { offset: self.offset(pos), page, anchor });
                    Some(href)
                }
                Resolved::Error(message, hint) => {
                    self.push(pos, Severity::Error, message, &hint);
                    None
                }
            },
        }
    }
}

/// Whether an element left open stays open around the ones after it: not a void element, not
/// one the parser closes when its like comes next (`<p>`, `<li>`, `<td>` …, `<a>`, `<table>`),
/// so counting these bounds how deep the parser's tree gets.
fn nests(name: &str) -> bool {
    !matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "image"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "rb"
            | "rt"
            | "rtc"
            | "rp"
            | "optgroup"
            | "option"
            | "colgroup"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "html"
            | "head"
            | "body"
            | "a"
            | "nobr"
            | "button"
            | "form"
            | "table"
            | "select"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// `pos`, or the char boundary before it, at most the end of `s`.
fn boundary(s: &str, pos: usize) -> usize {
    let mut pos = pos.min(s.len());
    while !s.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// `needle` (`<name` or `</name`), ASCII case-insensitive, not followed by more of a name.
fn find_tag(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let bytes = hay.as_bytes();
    let n = needle.as_bytes();
    (from..bytes.len().saturating_sub(n.len() - 1))
        .find(|&i| bytes[i..i + n.len()].eq_ignore_ascii_case(n) && bytes.get(i + n.len()).is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>')))
}

/// An attribute name inside a tag, ASCII case-insensitive, between separators.
fn find_attr(hay: &str, attr: &str, from: usize) -> Option<usize> {
    let bytes = hay.as_bytes();
    let n = attr.as_bytes();
    if n.is_empty() {
        return None;
    }
    (from..bytes.len().saturating_sub(n.len() - 1)).find(|&i| {
        i > 0
            && (bytes[i - 1].is_ascii_whitespace() || matches!(bytes[i - 1], b'/' | b'"' | b'\''))
            && bytes[i..i + n.len()].eq_ignore_ascii_case(n)
            && bytes.get(i + n.len()).is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'=' | b'/' | b'>'))
    })
}

#[cfg(test)]
mod tests;
