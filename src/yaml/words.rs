//! serde_yaml_ng's and libyaml's messages said in plain words, each with a hint saying what
//! to write: no Rust type names (`f64`, `struct EuFunding`), a wrong value named by what it
//! is ("the text \"lots\""), what is expected named by what to write ("a number").

use crate::diagnostics::suggest;

use super::YamlError;

/// A syntax error of the reader at the file's line and column, in plain words. `text` is the
/// YAML itself (a front-matter fragment starts at `first_line`), to see what stands there.
pub fn syntax_error(err: &serde_yaml_ng::Error, text: &str, first_line: usize) -> YamlError {
    let (mut line, mut col) = err.location().map_or((first_line, 1), |loc| (loc.line() + first_line - 1, loc.column()));
    let raw = err.to_string();
    let mut message = strip_location(&raw).to_string();
    // An unclosed quote or bracket is found at the end of the text: point at where it opens.
    for (context, plain) in [
        ("while scanning a quoted scalar", "a quote opened here is never closed"),
        ("while parsing a flow sequence", "a `[` opened here is never closed"),
        ("while parsing a flow mapping", "a `{` opened here is never closed"),
    ] {
        if let Some(rest) = raw.split(&format!("{context} at line ")).nth(1) {
            let mut nums = rest.split(" column ");
            if let (Some(l), Some(c)) = (nums.next().and_then(|n| n.trim().parse::<usize>().ok()), nums.next()) {
                let c: String = c.chars().take_while(char::is_ascii_digit).collect();
                line = l + first_line - 1;
                col = c.parse().unwrap_or(1);
                message = plain.to_string();
            }
        }
    }
    if message.contains("block sequence entries are not allowed") {
        message = "a list item (`- `) cannot start here".into();
    }
    let found = text.lines().nth(line.saturating_sub(first_line)).and_then(|l| l.chars().nth(col.saturating_sub(1)));
    if message.contains("tab character") || (message.contains("cannot start any token") && found == Some('\t')) {
        return YamlError {
            line,
            col,
            message: "a tab character here: YAML indents with spaces only".into(),
            hint: Some("replace the tab with spaces (most editors can show tabs and convert them)".into()),
        };
    }
    if message.contains("cannot start any token") {
        let (what, c) = match found {
            Some('`') => ("a backtick (`)".to_string(), "`".to_string()),
            Some(c) => (format!("`{c}`"), c.to_string()),
            None => ("this character".to_string(), String::new()),
        };
        return YamlError {
            line,
            col,
            message: format!("a value cannot start with {what} in YAML"),
            hint: Some(format!("put the whole value in quotes: \"{c}…\"")),
        };
    }
    let hint = hint_for(&message, "");
    YamlError { line, col, message, hint }
}

/// The crate appends " at line L column C"; positions are printed by the caller.
pub fn strip_location(raw: &str) -> &str {
    raw.find(" at line ").map_or(raw, |i| &raw[..i])
}

/// A problem with a key or value (`message` without its path), in plain words, with a hint.
/// `key`: the key whose value is wrong, for the hint's example (may be empty).
pub fn value_error(message: &str, key: &str) -> (String, Option<String>) {
    let message = plain_words(message);
    let hint = hint_for(&message, key);
    (message, hint)
}

/// serde's wording, said without jargon and without Rust type names.
pub fn plain_words(message: &str) -> String {
    // `integer `99…9` as u128, expected u32`: a number too large for any whole number.
    if let Some(rest) = message.strip_prefix("invalid type: integer `") {
        if let Some((number, tail)) = rest.split_once("` as ") {
            if let Some((_, expected)) = tail.split_once(", expected ") {
                return format!("the number {number} is too large: expected {}", expected_words(expected));
            }
        }
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((found, expected)) = rest.rsplit_once(", expected ") {
                return format!("wrong kind of value: {}, expected {}", found_words(found), expected_words(expected));
            }
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        return format!("unknown value `{rest}");
    }
    message.to_string()
}

/// What was found: `string "lots"` → `the text "lots"`, `integer `-5`` → `the number -5`.
fn found_words(found: &str) -> String {
    let unquote = |s: &str| s.trim_matches('`').to_string();
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the text {s}");
    }
    for p in ["integer ", "floating point "] {
        if let Some(n) = found.strip_prefix(p) {
            return format!("the number {}", unquote(n));
        }
    }
    if let Some(b) = found.strip_prefix("boolean ") {
        return format!("`{}`", unquote(b));
    }
    match found {
        "sequence" => "a list".into(),
        "map" => "keys with values".into(),
        "unit value" => "nothing".into(),
        other => other.to_string(),
    }
}

/// What is expected, in words an author can act on.
fn expected_words(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number (0 or more)".into(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a string" | "a borrowed string" | "a character" => "a text".into(),
        "a sequence" => "a list".into(),
        "a map" => "keys with values".into(),
        "a YAML tag starting with '!'" => "one word".into(),
        "field identifier" => "a key name".into(),
        e if e.starts_with("struct ") || e.starts_with("enum ") => "keys with values".into(),
        e if e.starts_with("tuple") || e.starts_with("a tuple") => "a list".into(),
        other => other.to_string(),
    }
}

/// A hint for a message already in plain words; `key` names the key in examples.
pub fn hint_for(message: &str, key: &str) -> Option<String> {
    if let Some((_, rest)) = message.split_once("unknown field `") {
        let (word, rest) = rest.split_once('`')?;
        let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        if expected.is_empty() {
            return Some("remove this key: nothing can be set here".into());
        }
        return Some(match suggest(word, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("allowed keys here: {}", expected.join(", ")),
        });
    }
    if let Some((_, rest)) = message.split_once("missing field `") {
        let word = rest.split('`').next()?;
        return Some(format!("add `{word}: ...` to this block"));
    }
    if message.contains("unknown value `") {
        let rest = message.split("unknown value `").nth(1)?;
        let (word, rest) = rest.split_once('`')?;
        let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        return Some(match suggest(word, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("use one of: {}", expected.join(", ")),
        });
    }
    if message.contains("never closed") {
        return Some("close it with the same mark it was opened with, on this line or a later one".into());
    }
    if message.contains("list item (`- `) cannot start here") {
        return Some("check the indentation: a list of `- item` lines goes below its key, not after it on the same line".into());
    }
    if message.contains("mapping values are not allowed") || message.contains("did not find expected") {
        return Some("check the indentation, and put text that contains \": \" in quotes".into());
    }
    let expected = message.rsplit_once("expected ").map(|(_, e)| e)?;
    let key = if key.is_empty() || key.starts_with('[') { "key" } else { key };
    if expected == "a number" || expected.starts_with("a whole number") {
        if let Some(n) = message.split_once("the text \"").and_then(|(_, rest)| rest.split_once('"')).and_then(|(t, _)| western_digits(t)) {
            return Some(format!("write it with the digits 0–9: `{key}: {n}`"));
        }
    }
    Some(match expected {
        e if e.starts_with("a whole number") => format!("write a whole number, e.g. `{key}: 5`"),
        "a number" => format!("write a number, e.g. `{key}: 2` or `{key}: 1.5`"),
        "a text" => format!("write a text, e.g. `{key}: Some words`; put it in quotes if it starts with [, {{, &, * or holds \": \""),
        "a boolean" => format!("write `{key}: true` or `{key}: false`"),
        "a list" => format!("write a list, e.g. `{key}: [a, b]`, or one `- item` per line below `{key}:`"),
        e if e.starts_with("keys with values") || e.contains(": keys with values") => {
            let first = e.rsplit_once(": ").map_or("name", |(_, list)| list.split([',', ' ']).next().unwrap_or("name"));
            let first = if first.is_empty() || first.contains('.') { "name" } else { first };
            format!("write them below `{key}:`, indented, one per line, e.g. `  {first}: …`")
        }
        "one word" => format!("write one of the allowed words after `{key}:` (see the README)"),
        "a key name" => "keys are plain words (`title:`); put a key that starts with [ or { in quotes".into(),
        e if e.starts_with("a text, a number") => format!("write a text or number, e.g. `{key}: six`"),
        e if e.contains('`') || e.contains(' ') => format!("write {e}"),
        _ => return None,
    })
}

/// A number written in Arabic-Indic (٠–٩), Persian (۰–۹) or full-width (０–９, as a Japanese,
/// Chinese or Korean input method types them) digits, with `٫`, `．` or `.` as its decimal
/// separator, in the digits 0–9 (`١٫٥` → `1.5`, `１２` → `12`); `None` for any other text.
fn western_digits(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut eastern = false;
    for c in text.trim().chars() {
        match c {
            '\u{0660}'..='\u{0669}' | '\u{06f0}'..='\u{06f9}' | '\u{ff10}'..='\u{ff19}' => {
                let base = match c {
                    '\u{ff10}'.. => 0xff10,
                    '\u{06f0}'.. => 0x06f0,
                    _ => 0x0660,
                };
                out.push(char::from(b'0' + (c as u32 - base) as u8));
                eastern = true;
            }
            '0'..='9' => out.push(c),
            '\u{066b}' | '\u{ff0e}' | '.' => out.push('.'),
            _ => return None,
        }
    }
    eastern.then_some(out)
}

/// Keys cut by a comment: `Foto #1.png:` is the key `Foto` (a space and `#` start a
/// comment), its `:` lost. A line counts when its text before ` #` holds no `: ` (so not
/// `title: A #comment`) and its comment ends with `:` or holds `: `.
pub fn cut_keys(text: &str, first_line: usize) -> Vec<YamlError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let body = body.strip_prefix("- ").map_or(body, str::trim_start);
        if body.starts_with(['#', '"', '\'', '[', '{', '|', '>']) {
            continue;
        }
        let Some(at) = body.find(" #").or_else(|| body.find("\t#")) else { continue };
        let (key, comment) = (&body[..at], body[at..].trim());
        if key.trim().is_empty() || key.contains(": ") || key.ends_with(':') || !(comment.ends_with(':') || comment.contains(": ")) {
            continue;
        }
        let name = comment.split_once(": ").map_or(comment.trim_end_matches(':'), |(n, _)| n);
        let whole = format!("{} {name}", key.trim_end());
        let col = line.len() - body.len() + 1;
        out.push(YamlError {
            line: first_line + i,
            col: line[..col - 1].chars().count() + 1,
            message: format!("the key `{whole}` is cut at ` #`: in YAML a space and `#` start a comment, so the key reads `{}`", key.trim_end()),
            hint: Some(format!("put the key in quotes: `\"{}\":`", whole.replace('"', "\\\""))),
        });
    }
    out
}

/// A problem found by the YAML reader itself (not a key or value that does not fit).
pub fn is_syntax(message: &str) -> bool {
    [
        "while scanning",
        "while parsing",
        "did not find expected",
        "mapping values are not allowed",
        "found unexpected",
        "could not find expected",
        "found character",
        "unclosed",
        "never closed",
        "recursion limit",
        "repetition limit",
        "unknown anchor",
        "more than one document",
    ]
    .iter()
    .any(|m| message.contains(m))
}
