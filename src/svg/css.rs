//! The references in CSS that make a browser load something: `@import`, `url(…)`, and the
//! strings of `image-set(…)`, `image(…)` and `src(…)`. Read as the CSS tokenizer reads them,
//! so an escaped name (`u\72l(`, `@\69mport`) or a comment between tokens hides nothing.
//! Linear in the length of the text.

/// A reference found at a byte offset of the CSS text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Import { at: usize },
    Url { at: usize, url: String },
}

/// Functions deeper than this are not told apart (their strings are not URLs): the stack of
/// a text of a million `(` stays small.
const MAX_DEPTH: usize = 256;

/// Every `@import` and URL of `css`, in order, given to `found` one by one.
pub fn references(css: &str, mut found: impl FnMut(Found)) {
    let bytes = css.as_bytes();
    // For each open parenthesis: whether a string directly inside it is a URL, and where to
    // report it (`url("…")` where the function starts; `image-set("…")` at the string).
    let mut stack: Vec<Option<usize>> = Vec::new();
    let mut deeper = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if bytes[i..].starts_with(b"/*") {
            i = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |k| i + 2 + k + 2);
        } else if b == b'"' || b == b'\'' {
            let (value, end) = string(css, i);
            if let Some(&Some(at)) = stack.last().filter(|_| deeper == 0) {
                found(Found::Url { at: if at == usize::MAX { i } else { at }, url: value });
            }
            i = end;
        } else if b == b'@' {
            let (name, end) = ident(css, i + 1);
            match name.as_str() {
                // Its URL is the import's: reported once, as the import.
                "import" => {
                    found(Found::Import { at: i });
                    i = skip_statement(css, end);
                    continue;
                }
                // `@namespace svg url(http://www.w3.org/2000/svg);` names, it loads nothing.
                "namespace" => {
                    i = skip_statement(css, end);
                    continue;
                }
                _ => {}
            }
            i = end.max(i + 1);
        } else if b == b'(' {
            open(&mut stack, &mut deeper, None);
            i += 1;
        } else if b == b')' {
            if deeper > 0 {
                deeper -= 1;
            } else {
                stack.pop();
            }
            i += 1;
        } else if is_name_byte(b) || b == b'\\' {
            let (name, end) = ident(css, i);
            if bytes.get(end) != Some(&b'(') || end == i {
                i = end.max(i + 1);
                continue;
            }
            let after = skip_space(bytes, end + 1);
            if name == "url" && !matches!(bytes.get(after), Some(b'"' | b'\'')) {
                let (url, past) = raw_url(css, after);
                found(Found::Url { at: i, url });
                i = past;
                continue;
            }
            let unprefixed = name.strip_prefix("-webkit-").or_else(|| name.strip_prefix("-moz-")).unwrap_or(&name);
            let strings = match unprefixed {
                "url" | "src" => Some(i),
                "image" | "image-set" => Some(usize::MAX),
                _ => None,
            };
            open(&mut stack, &mut deeper, strings);
            i = end + 1;
        } else {
            i += 1;
        }
    }
}

fn open(stack: &mut Vec<Option<usize>>, deeper: &mut usize, strings: Option<usize>) {
    if stack.len() < MAX_DEPTH {
        stack.push(strings);
    } else {
        *deeper += 1;
    }
}

/// Letters, digits, `-`, `_` and every non-ASCII character (bytes of UTF-8 sequences).
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The character a `\` escape at `i` stands for, and the offset past the escape.
fn escape(css: &str, i: usize) -> (Option<char>, usize) {
    let bytes = css.as_bytes();
    let hex = bytes[i + 1..].iter().take(6).take_while(|b| b.is_ascii_hexdigit()).count();
    if hex > 0 {
        let code = u32::from_str_radix(&css[i + 1..i + 1 + hex], 16).unwrap_or(0xfffd);
        let mut end = i + 1 + hex;
        if bytes.get(end).is_some_and(u8::is_ascii_whitespace) {
            end += 1;
        }
        return (Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}')), end);
    }
    match css[i + 1..].chars().next() {
        // A `\` before a line break or at the end escapes nothing.
        None | Some('\n' | '\r' | '\x0c') => (None, i + 1),
        Some(c) => (Some(c), i + 1 + c.len_utf8()),
    }
}

/// The name starting at `i`, escapes decoded and ASCII lowercased, and the offset past it.
fn ident(css: &str, mut i: usize) -> (String, usize) {
    let bytes = css.as_bytes();
    let mut name = String::new();
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            let (c, end) = escape(css, i);
            match c {
                Some(c) => name.push(c.to_ascii_lowercase()),
                None => break,
            }
            i = end;
        } else if is_name_byte(bytes[i]) {
            let start = i;
            while i < bytes.len() && is_name_byte(bytes[i]) {
                i += 1;
            }
            name.push_str(&css[start..i].to_ascii_lowercase());
        } else {
            break;
        }
    }
    (name, i)
}

/// The string whose quote is at `i`, escapes decoded, and the offset past it (a string ends
/// at its quote, a line break or the end of the text).
fn string(css: &str, mut i: usize) -> (String, usize) {
    let bytes = css.as_bytes();
    let quote = bytes[i];
    i += 1;
    let mut value = String::new();
    while i < bytes.len() {
        match bytes[i] {
            b if b == quote => return (value, i + 1),
            b'\n' | b'\r' | b'\x0c' => return (value, i),
            b'\\' => {
                let (c, end) = escape(css, i);
                value.extend(c);
                // An escaped line break continues the string.
                i = if c.is_none() { end + 1 } else { end };
            }
            _ => {
                let start = i;
                while i < bytes.len() && !matches!(bytes[i], b'\\' | b'\n' | b'\r' | b'\x0c') && bytes[i] != quote {
                    i += 1;
                }
                value.push_str(&css[start..i]);
            }
        }
    }
    (value, i)
}

/// An unquoted `url(…)`'s URL, from `i` (past the spaces after `(`) to `)`, escapes decoded,
/// and the offset past the `)`.
fn raw_url(css: &str, mut i: usize) -> (String, usize) {
    let bytes = css.as_bytes();
    let mut url = String::new();
    while i < bytes.len() && bytes[i] != b')' {
        if bytes[i] == b'\\' {
            let (c, end) = escape(css, i);
            url.extend(c);
            i = end;
        } else {
            let start = i;
            while i < bytes.len() && !matches!(bytes[i], b'\\' | b')') {
                i += 1;
            }
            url.push_str(&css[start..i]);
        }
    }
    (url.trim().to_string(), (i + 1).min(bytes.len()))
}

/// The offset past the `;` that ends a statement (strings may hold `;`).
fn skip_statement(css: &str, mut i: usize) -> usize {
    let bytes = css.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'\'' => i = string(css, i).1.max(i + 1),
            b';' | b'{' | b'}' => return i + 1,
            _ => i += 1,
        }
    }
    i
}
