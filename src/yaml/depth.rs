//! A check that runs before the YAML reader: brackets nested too deep. libyaml's scanner (the
//! reader of serde_yaml_ng and of [`super::tree`]) takes time in the square of the depth of
//! `[`/`{`, so a hostile file must be refused before it is read at all.
//!
//! Only brackets that open a flow collection count, found as libyaml's scanner finds them: a
//! `[` where a token may start (after `key: `, `- `, `,`, another `[`, at a line's start), not
//! one inside a plain scalar (`title: Arrays [1] [2`), a quoted scalar, a comment or a block
//! scalar (`|`, `>`). So a sentence with many `[` is read, while `x: [[[[…` is refused. The
//! scanner is followed token by token (one pass, linear); where it would stop at an error the
//! count goes on, which only finds more brackets. A test checks that the depth found is never
//! below the flow level libyaml's own scanner reaches, on 100,000 generated texts.

use super::YamlError;

pub const MAX_FLOW_DEPTH: usize = 64;

/// Where `text` nests flow collections (`[`, `{`) deeper than [`MAX_FLOW_DEPTH`], if it does.
pub fn too_deep(text: &str, first_line: usize) -> Option<YamlError> {
    let (_, at) = Scanner::new(text.as_bytes()).run(MAX_FLOW_DEPTH);
    let i = at?;
    let before = &text[..i];
    let col = before[before.rfind('\n').map_or(0, |n| n + 1)..].chars().count() + 1;
    Some(YamlError {
        line: before.matches('\n').count() + first_line,
        col,
        message: format!("brackets are nested more than {MAX_FLOW_DEPTH} deep here"),
        hint: Some("close the brackets that are open, or write the lists and maps as indented lines".into()),
    })
}

/// A candidate simple key at flow level 0 (libyaml's `yaml_simple_key_t`): where a token that
/// may turn out to be a key began.
#[derive(Clone, Copy)]
struct Key {
    line: usize,
    col: usize,
    index: usize,
}

/// The part of libyaml's scanner state that decides where tokens start.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    line: usize,
    /// In characters, as libyaml counts.
    col: usize,
    flow: usize,
    /// The block indentation (-1 at the top) and the ones it was rolled from.
    indent: isize,
    indents: Vec<isize>,
    key_allowed: bool,
    key: Option<Key>,
}

impl<'a> Scanner<'a> {
    fn new(b: &'a [u8]) -> Self {
        Scanner { b, i: 0, line: 0, col: 0, flow: 0, indent: -1, indents: Vec::new(), key_allowed: true, key: None }
    }

    /// The deepest flow level reached, and the offset of the first `[`/`{` past `limit`.
    fn run(mut self, limit: usize) -> (usize, Option<usize>) {
        let mut deepest = 0;
        loop {
            self.skip_to_token();
            if self.i >= self.b.len() {
                return (deepest, None);
            }
            if self.key.is_some_and(|k| k.line < self.line || k.index + 1024 < self.i) {
                self.key = None;
            }
            self.unroll(self.col as isize);
            let c = self.b[self.i];
            if self.col == 0 && c == b'%' {
                while !self.breakz(self.i) {
                    self.advance();
                }
                continue;
            }
            if self.col == 0 && self.document_marker() {
                self.unroll(-1);
                self.key = None;
                self.key_allowed = false;
                self.i += 3;
                self.col += 3;
                continue;
            }
            match c {
                b'[' | b'{' => {
                    self.save_key();
                    self.flow += 1;
                    deepest = deepest.max(self.flow);
                    if self.flow > limit {
                        return (deepest, Some(self.i));
                    }
                    self.key_allowed = true;
                    self.advance();
                }
                b']' | b'}' => {
                    if self.flow == 0 {
                        self.key = None;
                    }
                    self.flow = self.flow.saturating_sub(1);
                    self.key_allowed = false;
                    self.advance();
                }
                b',' => {
                    if self.flow == 0 {
                        self.key = None;
                    }
                    self.key_allowed = true;
                    self.advance();
                }
                b'-' if self.blankz(self.i + 1) => {
                    self.roll(self.col);
                    if self.flow == 0 {
                        self.key = None;
                    }
                    self.key_allowed = true;
                    self.advance();
                }
                b'?' | b':' if self.flow > 0 || self.blankz(self.i + 1) => {
                    let key = if c == b':' && self.flow == 0 { self.key.take() } else { None };
                    match key {
                        Some(k) => {
                            self.roll(k.col);
                            self.key_allowed = false;
                        }
                        None => {
                            self.roll(self.col);
                            if self.flow == 0 {
                                self.key = None;
                            }
                            self.key_allowed = self.flow == 0;
                        }
                    }
                    self.advance();
                }
                b'|' | b'>' if self.flow == 0 => {
                    self.key = None;
                    self.key_allowed = true;
                    self.block_scalar();
                }
                _ => {
                    self.save_key();
                    self.key_allowed = false;
                    match c {
                        b'*' | b'&' => {
                            self.advance();
                            while self.i < self.b.len() && (self.b[self.i].is_ascii_alphanumeric() || matches!(self.b[self.i], b'_' | b'-')) {
                                self.advance();
                            }
                        }
                        b'!' => self.tag(),
                        b'\'' | b'"' => self.quoted(c),
                        // Plain, and the characters libyaml refuses to start a token with
                        // (`@`, a backquote…), where it stops: counting on finds more.
                        _ => self.plain(),
                    }
                }
            }
        }
    }

    /// The length of the line break at `j` (CR LF, CR, LF, NEL, LS, PS), or 0.
    fn brk(&self, j: usize) -> usize {
        match self.b.get(j..).unwrap_or_default() {
            [b'\r', b'\n', ..] => 2,
            [b'\r' | b'\n', ..] => 1,
            [0xC2, 0x85, ..] => 2,
            [0xE2, 0x80, 0xA8 | 0xA9, ..] => 3,
            _ => 0,
        }
    }

    fn blank(&self, j: usize) -> bool {
        matches!(self.b.get(j), Some(b' ' | b'\t'))
    }

    fn breakz(&self, j: usize) -> bool {
        j >= self.b.len() || self.brk(j) > 0
    }

    fn blankz(&self, j: usize) -> bool {
        self.blank(j) || self.breakz(j)
    }

    /// Past one character (not a line break).
    fn advance(&mut self) {
        let width = match self.b[self.i] {
            b if b < 0xC0 => 1,
            b if b < 0xE0 => 2,
            b if b < 0xF0 => 3,
            _ => 4,
        };
        self.i = (self.i + width).min(self.b.len());
        self.col += 1;
    }

    /// Past a line break, or one character.
    fn advance_any(&mut self) {
        match self.brk(self.i) {
            0 => self.advance(),
            n => {
                self.i += n;
                self.line += 1;
                self.col = 0;
            }
        }
    }

    /// `---` or `...` followed by a blank, a line break or the end.
    fn document_marker(&self) -> bool {
        let m = self.b.get(self.i..self.i + 3);
        (m == Some(b"---") || m == Some(b"...")) && self.blankz(self.i + 3)
    }

    /// libyaml's `yaml_parser_scan_to_next_token`: spaces, tabs, comments and line breaks.
    fn skip_to_token(&mut self) {
        loop {
            if self.col == 0 && self.b.get(self.i..self.i + 3) == Some(b"\xEF\xBB\xBF") {
                self.advance();
            }
            while self.blank(self.i) {
                self.advance();
            }
            if self.b.get(self.i) == Some(&b'#') {
                while !self.breakz(self.i) {
                    self.advance();
                }
            }
            if self.brk(self.i) == 0 {
                return;
            }
            self.advance_any();
            if self.flow == 0 {
                self.key_allowed = true;
            }
        }
    }

    fn save_key(&mut self) {
        if self.flow == 0 && self.key_allowed {
            self.key = Some(Key { line: self.line, col: self.col, index: self.i });
        }
    }

    fn roll(&mut self, col: usize) {
        if self.flow == 0 && self.indent < col as isize {
            self.indents.push(self.indent);
            self.indent = col as isize;
        }
    }

    fn unroll(&mut self, col: isize) {
        if self.flow == 0 {
            while self.indent > col {
                self.indent = self.indents.pop().unwrap_or(-1);
            }
        }
    }

    /// A plain scalar: up to `: `, a ` #` comment, a line indented no more than the block
    /// (outside brackets), and in brackets up to `,[]{}`.
    fn plain(&mut self) {
        // Whether the last run of blanks had a line break (libyaml's `leading_blanks`).
        let mut broke = false;
        loop {
            if self.col == 0 && self.document_marker() || self.b.get(self.i) == Some(&b'#') {
                break;
            }
            while !self.blankz(self.i) {
                let c = self.b[self.i];
                let ends =
                    c == b':' && (self.blankz(self.i + 1) || self.flow > 0 && matches!(self.b.get(self.i + 1), Some(b',' | b'?' | b'[' | b']' | b'{' | b'}')));
                if ends || self.flow > 0 && matches!(c, b',' | b'[' | b']' | b'{' | b'}') {
                    if broke {
                        self.key_allowed = true;
                    }
                    return;
                }
                broke = false;
                self.advance();
            }
            if !(self.blank(self.i) || self.brk(self.i) > 0) {
                break;
            }
            while self.blank(self.i) || self.brk(self.i) > 0 {
                broke |= self.brk(self.i) > 0;
                self.advance_any();
            }
            if self.flow == 0 && (self.col as isize) < self.indent + 1 {
                break;
            }
        }
        if broke {
            self.key_allowed = true;
        }
    }

    /// A quoted scalar, to its closing quote (`''` in single quotes and `\` in double quotes
    /// escape), over lines.
    fn quoted(&mut self, q: u8) {
        self.advance();
        while self.i < self.b.len() {
            if self.col == 0 && self.document_marker() {
                return;
            }
            let c = self.b[self.i];
            if q == b'\'' && c == b'\'' && self.b.get(self.i + 1) == Some(&b'\'') {
                self.advance();
                self.advance();
            } else if c == q {
                self.advance();
                return;
            } else if q == b'"' && c == b'\\' {
                self.advance();
                if self.i < self.b.len() {
                    self.advance_any();
                }
            } else {
                self.advance_any();
            }
        }
    }

    /// A tag: `!<…>` verbatim, or up to a blank or a bracket (a tag must be followed by one of
    /// them; anything else is an error).
    fn tag(&mut self) {
        self.advance();
        if self.b.get(self.i) == Some(&b'<') {
            while !self.blankz(self.i) && self.b[self.i] != b'>' {
                self.advance();
            }
            if self.b.get(self.i) == Some(&b'>') {
                self.advance();
            }
        } else {
            while !self.blankz(self.i) && !matches!(self.b[self.i], b',' | b'[' | b']' | b'{' | b'}') {
                self.advance();
            }
        }
    }

    /// A block scalar (`|` or `>` with its indicators): the header line, then every line
    /// indented at least as much as its first (and more than the block it is in).
    fn block_scalar(&mut self) {
        self.advance();
        let mut increment = 0;
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'+' | b'-' => {}
                b'1'..=b'9' => increment = isize::from(c - b'0'),
                _ => break,
            }
            self.advance();
        }
        // The rest of the header line is blanks and a comment, or an error.
        while !self.breakz(self.i) {
            self.advance();
        }
        if self.i >= self.b.len() {
            return;
        }
        self.advance_any();
        let mut indent = match increment {
            0 => 0,
            n if self.indent >= 0 => self.indent + n,
            n => n,
        };
        self.block_breaks(&mut indent);
        while self.col as isize == indent && self.i < self.b.len() {
            while !self.breakz(self.i) {
                self.advance();
            }
            if self.i >= self.b.len() {
                return;
            }
            self.advance_any();
            self.block_breaks(&mut indent);
        }
    }

    /// libyaml's `yaml_parser_scan_block_scalar_breaks`: indentation and empty lines; fixes
    /// the scalar's indentation from its first line when it is not given.
    fn block_breaks(&mut self, indent: &mut isize) {
        let mut max = 0;
        loop {
            while (*indent == 0 || (self.col as isize) < *indent) && self.b.get(self.i) == Some(&b' ') {
                self.advance();
            }
            max = max.max(self.col as isize);
            if self.brk(self.i) == 0 {
                break;
            }
            self.advance_any();
        }
        if *indent == 0 {
            *indent = max.max(self.indent + 1).max(1);
        }
    }
}

#[cfg(test)]
mod tests;
