//! What a value in an SVG file means to a browser: character and entity references expanded
//! (with a map back to where each piece was written, for positions), and URLs classified after
//! the clean-up browsers do.

use std::collections::HashMap;

/// Entities declared in the file's DOCTYPE (plain text only: see [`super::check`]), and what
/// expanding them may still add, so a file cannot make the check expand gigabytes.
pub struct Entities<'a> {
    pub values: HashMap<&'a str, &'a str>,
    pub budget: usize,
}

/// How much text declared entities may add to a file in all.
pub const MAX_EXPANSION: usize = 1024 * 1024;

impl Default for Entities<'_> {
    fn default() -> Self {
        Entities { values: HashMap::new(), budget: MAX_EXPANSION }
    }
}

/// A reference that could not be expanded: offset of its `&` in the file, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadRef {
    Unknown { at: usize, name: String },
    OverBudget { at: usize },
}

/// Text with its references expanded, and where each piece of it was written.
#[derive(Debug, Default, Clone)]
pub struct Mapped {
    pub text: String,
    /// (offset in `text`, offset in the file, whether the piece is a literal run whose bytes
    /// follow one to one), in order.
    marks: Vec<(u32, u32, bool)>,
}

impl Mapped {
    /// Appends `raw` (written at `at`), expanding references when `expand` (text and attribute
    /// values; not CDATA).
    pub fn push(&mut self, raw: &str, at: usize, expand: bool, entities: &mut Entities<'_>, bad: &mut Vec<BadRef>) {
        if !expand || !raw.contains('&') {
            self.literal(raw, at);
            return;
        }
        let mut rest = 0;
        while let Some(i) = raw[rest..].find('&').map(|i| rest + i) {
            self.literal(&raw[rest..i], at + rest);
            // The name runs to the first character a name cannot hold, so no stretch of the
            // text is read twice (a character reference may have any number of zeros).
            let len = raw.as_bytes()[i + 1..].iter().position(|&b| b.is_ascii_whitespace() || b"&<'\";".contains(&b)).map(|n| n + 1);
            let Some(len) = len.filter(|&n| n > 1 && raw.as_bytes()[i + n] == b';') else {
                // Not a reference: a bare `&` (a well-formed file has none).
                self.literal("&", at + i);
                rest = i + 1;
                continue;
            };
            let name = &raw[i + 1..i + len];
            self.mark(at + i, false);
            match expand_reference(name, entities) {
                Ok(text) => self.text.push_str(&text),
                Err(over_budget) => {
                    bad.push(if over_budget { BadRef::OverBudget { at: at + i } } else { BadRef::Unknown { at: at + i, name: shorten(name) } });
                    self.text.push_str(&raw[i..=i + len]);
                }
            }
            rest = i + len + 1;
        }
        self.literal(&raw[rest..], at + rest);
    }

    fn literal(&mut self, raw: &str, at: usize) {
        if raw.is_empty() {
            return;
        }
        // A run that goes on where the last one stopped needs no mark of its own.
        let follows = self.marks.last().is_some_and(|&(out, src, literal)| literal && src as usize + (self.text.len() - out as usize) == at);
        if !follows {
            self.mark(at, true);
        }
        self.text.push_str(raw);
    }

    fn mark(&mut self, at: usize, literal: bool) {
        let out = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.marks.push((out, u32::try_from(at).unwrap_or(u32::MAX), literal));
    }

    /// Where the byte at `offset` of the expanded text was written in the file.
    pub fn source(&self, offset: usize) -> usize {
        let i = self.marks.partition_point(|m| m.0 as usize <= offset);
        match i.checked_sub(1).map(|i| self.marks[i]) {
            Some((out, src, true)) => src as usize + (offset - out as usize),
            Some((_, src, false)) => src as usize,
            None => self.marks.first().map_or(0, |m| m.1 as usize),
        }
    }
}

/// The text of `&name;`: a character reference, one of XML's five, or a declared entity.
/// `Err(true)`: the expansion budget is spent; `Err(false)`: not defined.
fn expand_reference(name: &str, entities: &mut Entities<'_>) -> Result<String, bool> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        return Ok(code.and_then(char::from_u32).unwrap_or('\u{fffd}').to_string());
    }
    let predefined = match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => "",
    };
    if !predefined.is_empty() {
        return Ok(predefined.to_string());
    }
    let value = entities.values.get(name).ok_or(false)?;
    entities.budget = entities.budget.checked_sub(value.len()).ok_or(true)?;
    Ok(value.to_string())
}

/// A URL as a browser sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Url {
    Empty,
    /// `#id`: a part of the drawing itself.
    Fragment,
    /// `data:` with its media type, lowercased (`image/png`).
    Data(String),
    /// `javascript:`, `vbscript:` and their like, lowercased.
    Script(String),
    /// Another scheme (`https:`, `file:`, `C:`) or `//host`: somewhere else.
    Remote(String),
    /// A path, relative or absolute: another file.
    File(String),
}

/// Schemes whose URL runs a script when followed.
const SCRIPT_SCHEMES: &[&str] = &["javascript", "vbscript", "livescript", "mocha", "jscript"];

/// Classifies `raw` after the clean-up browsers do: ASCII tab and line breaks removed anywhere,
/// control characters and spaces trimmed at both ends.
pub fn classify(raw: &str) -> Url {
    let cleaned: String = raw.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let url = cleaned.trim_matches(|c: char| c <= ' ');
    if url.is_empty() {
        return Url::Empty;
    }
    if url.starts_with('#') {
        return Url::Fragment;
    }
    let shown = shorten(url);
    if url.starts_with("//") || url.starts_with("\\\\") || url.starts_with("/\\") || url.starts_with("\\/") {
        return Url::Remote(shown);
    }
    if let Some((scheme, rest)) = url.split_once(':') {
        let is_scheme =
            scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme {
            let scheme = scheme.to_ascii_lowercase();
            if SCRIPT_SCHEMES.contains(&scheme.as_str()) {
                return Url::Script(scheme);
            }
            if scheme == "data" {
                let mime = rest.split([';', ',']).next().unwrap_or("").trim().to_ascii_lowercase();
                return Url::Data(mime);
            }
            return Url::Remote(shown);
        }
    }
    Url::File(shown)
}

/// A URL short enough to quote in a message (a data: image can be megabytes).
pub fn shorten(url: &str) -> String {
    match url.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &url[..i]),
        None => url.to_string(),
    }
}
