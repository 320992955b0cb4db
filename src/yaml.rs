//! The only user of the YAML crate (serde_yaml_ng): strict parsing with positions.
//!
//! Every YAML document of a site (site.yaml, front matter, quizzes, UI strings) goes through
//! [`parse`], which turns the crate's errors into a line and column in the *whole file* (a
//! front-matter fragment passes its first line) plus a hint, e.g. a suggestion for a misspelt key.

use serde::de::DeserializeOwned;

use crate::diagnostics::suggest;

/// A YAML problem at a 1-based line and column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// Brackets (`[`, `{`) nested deeper than this are refused before the YAML reader sees them:
/// its scanner takes time in the square of the depth (100,000 `[` in a 200 KB site.yaml took
/// 35 s; a 2 MiB quiz would take hours), and its parser gives up at 128 levels anyway.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Where `text` nests flow collections (`[`, `{`) deeper than [`MAX_FLOW_DEPTH`], if it does.
/// Linear. The depth is counted twice, and either over the limit is refused: once blind to
/// quotes (every bracket counts), and once skipping quoted scalars and comments inside
/// brackets, as YAML reads them (`["]", ["]", …]` nests although its `]` are text). A text
/// needs more than 64 unclosed brackets in its prose to be refused wrongly.
fn too_deep(text: &str, first_line: usize) -> Option<YamlError> {
    let bytes = text.as_bytes();
    // (quote-blind depth, depth with quotes skipped, whether a token starts here)
    let (mut blind, mut depth, mut token_start) = (0usize, 0usize, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let space_before = i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r');
        match b {
            b'"' | b'\'' if depth > 0 && token_start => {
                // A quoted scalar inside brackets: its end is the next quote not escaped.
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' if b == b'"' => i += 1,
                        b'\'' if b == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
                        c if c == b => break,
                        _ => {}
                    }
                    i += 1;
                }
                token_start = false;
            }
            b'#' if depth > 0 && space_before => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'[' | b'{' => {
                blind += 1;
                depth += 1;
                token_start = true;
                if blind.max(depth) > MAX_FLOW_DEPTH {
                    let before = &text[..i];
                    let col = before[before.rfind('\n').map_or(0, |n| n + 1)..].chars().count() + 1;
                    return Some(YamlError {
                        line: before.matches('\n').count() + first_line,
                        col,
                        message: format!("brackets are nested more than {MAX_FLOW_DEPTH} deep here"),
                        hint: Some("close the brackets that are open, or write the lists and maps as indented lines".into()),
                    });
                }
            }
            b']' | b'}' => {
                blind = blind.saturating_sub(1);
                depth = depth.saturating_sub(1);
                token_start = false;
            }
            b',' => token_start = true,
            b':' | b'?' => token_start = matches!(bytes.get(i + 1), None | Some(b' ' | b'\t' | b'\n' | b'\r')),
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => token_start = false,
        }
        i += 1;
    }
    None
}

/// Parses `text` into `T`; `first_line` is the file line on which `text` starts (1 for a whole file).
pub fn parse<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, YamlError> {
    if let Some(e) = too_deep(text, first_line) {
        return Err(e);
    }
    let value = serde_yaml_ng::from_str::<T>(text).map_err(|err| to_error(&err, first_line))?;
    match find_tag(text, first_line) {
        Some(e) => Err(e),
        None => Ok(value),
    }
}

/// YAML tags (`!!binary`, `!custom`) have no meaning in a site: refused where they are written.
fn find_tag(text: &str, first_line: usize) -> Option<YamlError> {
    fn tagged(v: &serde_yaml_ng::Value) -> Option<String> {
        use serde_yaml_ng::Value;
        match v {
            Value::Tagged(t) => Some(t.tag.to_string()),
            Value::Sequence(s) => s.iter().find_map(tagged),
            Value::Mapping(m) => m.iter().find_map(|(k, v)| tagged(k).or_else(|| tagged(v))),
            _ => None,
        }
    }
    if !text.contains('!') {
        return None;
    }
    // Core tags (`!!binary`, `!!str`) are resolved by the reader and leave no trace in the
    // value: find them where a value starts.
    let core = text.lines().find_map(|l| {
        let t = l.trim_start();
        let t = t.strip_prefix("- ").map_or(t, str::trim_start);
        let at = if t.starts_with("!!") { Some(0) } else { [": !!", "[!!", ", !!", "{!!"].iter().find_map(|p| t.find(p).map(|i| i + p.len() - 2)) }?;
        t[at..].split(|c: char| c.is_whitespace() || c == ',' || c == ']' || c == '}').next().map(str::to_string)
    });
    let tag = match (core, serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text)) {
        (Some(tag), _) => tag,
        (None, Ok(v)) => tagged(&v)?,
        (None, Err(_)) => return None,
    };
    let bare = tag.trim_start_matches('!');
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find(&format!("!{bare}")).map(|b| (i, l[..b].trim_end_matches('!').chars().count() + 1)))
        .map_or((first_line, 1), |(i, c)| (i + first_line, c));
    Some(YamlError {
        line,
        col,
        message: format!("the YAML tag `{tag}` is not allowed"),
        hint: Some("remove the tag; if the value starts with `!`, put it in quotes".into()),
    })
}

/// Like [`parse`], but reports every problem of the text, not only the first: after a problem
/// in a key or value, that key (and the block under it) is blanked out, keeping line numbers,
/// and the text is parsed again. A syntax error or a missing key ends the search.
pub fn parse_all<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, Vec<YamlError>> {
    match parse_repaired(text, first_line) {
        (Some(value), errors) if errors.is_empty() => Ok(value),
        (_, errors) => Err(errors),
    }
}

/// [`parse_all`], also giving back the value read once the keys with problems were blanked
/// out (when what is left reads), so a caller can check the rest of the file in the same run:
/// a misspelt key and a question id used twice are both reported at once.
pub fn parse_repaired<T: DeserializeOwned>(text: &str, first_line: usize) -> (Option<T>, Vec<YamlError>) {
    match repair(text, first_line) {
        Ok((value, errors)) => (Some(value), errors),
        Err(errors) => (None, errors),
    }
}

fn repair<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<(T, Vec<YamlError>), Vec<YamlError>> {
    const MAX_ROUNDS: usize = 30;
    if let Some(e) = too_deep(text, first_line) {
        return Err(vec![e]);
    }
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut errors: Vec<YamlError> = Vec::new();
    let mut blanked: Vec<String> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let err = match serde_yaml_ng::from_str::<T>(&lines.join("\n")) {
            Ok(value) if errors.is_empty() => return find_tag(text, first_line).map_or(Ok((value, Vec::new())), |e| Err(vec![e])),
            Ok(value) => return Ok((value, errors)),
            Err(err) => err,
        };
        let e = to_error(&err, first_line);
        let missing = e.message.split("missing field `").nth(1).and_then(|r| r.split('`').next()).map(str::to_string);
        // A key blanked for its wrong value, or misspelt (`promt`): already reported.
        let known: Vec<&str> = blanked.iter().map(String::as_str).collect();
        if missing.as_ref().is_some_and(|key| blanked.contains(key) || suggest(key, &known).is_some()) {
            return Err(errors);
        }
        let repairable = missing.is_none() && err.location().is_some() && !is_syntax(&e.message);
        let index = e.line.saturating_sub(first_line);
        errors.push(e);
        if !repairable || index >= lines.len() {
            return Err(errors);
        }
        match blank_block(&mut lines, index) {
            Some(key) => blanked.push(key),
            None => return Err(errors),
        }
    }
    Err(errors)
}

/// A problem found by the YAML reader itself (not a key or value that does not fit).
fn is_syntax(message: &str) -> bool {
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
        "duplicate",
        "repetition limit",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// Replaces the key on line `index` and the lines indented under it with spaces (a list dash
/// stays, so the item keeps its other keys). Returns the key, or `None` if nothing was left.
fn blank_block(lines: &mut [String], index: usize) -> Option<String> {
    let line = &lines[index];
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let (keep, content) = match trimmed.strip_prefix("- ") {
        Some(rest) => (indent + 2 + (rest.len() - rest.trim_start().len()), rest.trim_start()),
        None => (indent, trimmed),
    };
    if content.is_empty() || content.starts_with('#') {
        return None;
    }
    let key = content.split(':').next().unwrap_or("").trim().trim_matches(|c| c == '"' || c == '\'').to_string();
    lines[index] = format!("{}{}", &line[..keep], " ".repeat(line.len() - keep));
    for next in lines.iter_mut().skip(index + 1) {
        let t = next.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if next.len() - t.len() <= keep {
            break;
        }
        *next = String::new();
    }
    Some(key)
}

/// The crate's error as a [`YamlError`] at the file's line and column, in plain words.
fn to_error(err: &serde_yaml_ng::Error, first_line: usize) -> YamlError {
    let (mut line, mut col) = err.location().map_or((first_line, 1), |loc| (loc.line() + first_line - 1, loc.column()));
    let raw = err.to_string();
    // The crate appends " at line L column C"; we print positions ourselves.
    let mut message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
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
    let message = plain_words(&message);
    let hint = hint_for(&message);
    YamlError { line, col, message, hint }
}

/// serde's wording, said without jargon.
fn plain_words(message: &str) -> String {
    let mut m = message.replace("unknown variant `", "unknown value `").replace("invalid type: ", "wrong kind of value: ");
    for (jargon, plain) in [("a string", "a text"), ("a sequence", "a list"), ("a map", "keys with values"), ("unit value", "nothing"), ("string ", "text ")] {
        m = m.replace(jargon, plain);
    }
    m
}

fn hint_for(message: &str) -> Option<String> {
    if let Some((_, rest)) = message.split_once("unknown field `") {
        let (word, rest) = rest.split_once('`')?;
        let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
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
    if message.contains("mapping values are not allowed") || message.contains("did not find expected") {
        return Some("check the indentation, and put text that contains \": \" in quotes".into());
    }
    None
}

/// The 1-based line of the first line in `text` (at or after `from_line`) whose trimmed form,
/// after an optional "- ", starts with `key:` and whose value equals `value` (quotes ignored).
/// Used to point at a list item (e.g. a quiz question by its id), which serde cannot locate.
pub fn find_key_line(text: &str, key: &str, value: Option<&str>, from_line: usize) -> Option<(usize, usize)> {
    text.lines().enumerate().skip(from_line.saturating_sub(1)).find_map(|(i, line)| key_col(line, key, value).map(|col| (i + 1, col)))
}

/// The column of `key:` on `line` (at its start, or after `- `) if its value is `value`.
fn key_col(line: &str, key: &str, value: Option<&str>) -> Option<usize> {
    let trimmed = line.trim_start();
    let col_base = line.len() - trimmed.len();
    let (item, dash) = match trimmed.strip_prefix("- ") {
        Some(rest) => (rest.trim_start(), trimmed.len() - rest.trim_start().len()),
        None => (trimmed, 0),
    };
    let rest = item.strip_prefix(key).and_then(|r| r.strip_prefix(':'))?;
    let found = rest.split(" #").next().unwrap_or("").trim().trim_matches(|c| c == '"' || c == '\'');
    value.is_none_or(|v| v == found).then(|| line[..col_base + dash].chars().count() + 1)
}

/// A text's lines, indexed once, for files that look up many keys ([`find_key_line`] reads
/// from the first line each time: a quiz of 30,000 questions took minutes).
pub struct Lines<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines { lines: text.lines().collect() }
    }

    /// [`find_key_line`] in lines `from_line` up to, not including, `until_line` (1-based).
    pub fn find(&self, key: &str, value: Option<&str>, from_line: usize, until_line: usize) -> Option<(usize, usize)> {
        let until = until_line.saturating_sub(1).min(self.lines.len());
        let from = from_line.saturating_sub(1).min(until);
        self.lines[from..until].iter().enumerate().find_map(|(i, line)| key_col(line, key, value).map(|col| (from + i + 1, col)))
    }

    /// Every `key:` at the start of a line (or after `- `): line, column and value as written.
    pub fn all(&self, key: &str) -> Vec<(usize, usize, &'a str)> {
        self.lines
            .iter()
            .enumerate()
            .filter_map(|(i, line)| {
                let col = key_col(line, key, None)?;
                let rest = line.split_once(':').map_or("", |(_, r)| r);
                Some((i + 1, col, rest.split(" #").next().unwrap_or("").trim().trim_matches(|c| c == '"' || c == '\'')))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn brackets_nested_too_deep_are_refused_before_the_reader_spends_minutes_on_them() {
        let deep = format!("title: T\nx: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let started = std::time::Instant::now();
        let e = parse_all::<serde_yaml_ng::Value>(&deep, 1).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
        assert_eq!((e.len(), e[0].line, e[0].col), (1, 2, 68), "{e:?}");
        assert_eq!(e[0].message, "brackets are nested more than 64 deep here");
        let e = parse::<serde_yaml_ng::Value>(&format!("a: 1\n\nb: {}", "{c: ".repeat(65)), 5).unwrap_err();
        assert_eq!((e.line, e.col), (7, 260), "{e:?}");
        // `]` inside quotes closes nothing: counted as YAML reads it.
        let quoted = format!("x: {}\n", "[\"]\", ".repeat(70));
        assert!(parse::<serde_yaml_ng::Value>(&quoted, 1).is_err_and(|e| e.message.starts_with("brackets are nested")));
        let quoted = format!("x: {}\n", "['a'']', ".repeat(70));
        assert!(parse::<serde_yaml_ng::Value>(&quoted, 1).is_err_and(|e| e.message.starts_with("brackets are nested")));
    }

    #[test]
    fn brackets_in_ordinary_files_are_not_too_deep() {
        let options = "  - {text: \"[see] the [lesson\", correct: true} # [[[\n".repeat(500);
        let text = format!("title: \"Q [draft\"\nprompt: see [1] and [2\nnote: 'it''s [x'\nlist: [[1, 2], {{a: [b]}}]\nitems:\n{options}");
        assert!(parse::<serde_yaml_ng::Value>(&text, 1).is_ok());
        let sixty_four = format!("x: {}{}\n", "[".repeat(64), "]".repeat(64));
        assert!(parse::<serde_yaml_ng::Value>(&sixty_four, 1).is_ok());
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        description: Option<String>,
    }

    #[test]
    fn misspelt_key_gets_suggestion_and_file_line() {
        let err = parse::<Front>("title: A\ndescripton: x\n", 2).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("unknown field `descripton`"), "{}", err.message);
        assert_eq!(err.hint.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn missing_title_is_reported() {
        let err = parse::<Front>("description: x\n", 2).unwrap_err();
        assert!(err.message.contains("missing field `title`"));
    }

    #[test]
    fn broken_yaml_has_a_position() {
        let err = parse::<Front>("title: [unclosed\n", 1).unwrap_err();
        assert!(err.line >= 1);
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Ltr,
        Rtl,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        items: Vec<Item>,
        count: Option<u32>,
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = "title: T\ntitel: x\nitems:\n  - id: a\n    kind: rlt\n  - idd: b\n    id: c\ncount: many\nfundign:\n  a: 1\n";
        let errs = parse_all::<Doc>(text, 1).unwrap_err();
        let found: Vec<(usize, &str)> = errs.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(errs.len(), 5, "{found:#?}");
        assert_eq!(errs[0].line, 2);
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!((errs[1].line, errs[1].hint.as_deref()), (5, Some("did you mean `rtl`?")));
        assert!(errs[1].message.starts_with("items[0].kind: unknown value `rlt`"), "{}", errs[1].message);
        assert_eq!(errs[2].line, 6);
        assert_eq!(errs[3].line, 8);
        assert_eq!(errs[4].line, 9);
        assert!(parse_all::<Doc>("title: T\nitems: []\n", 1).is_ok());
    }

    #[test]
    fn yaml_tags_are_refused() {
        for text in ["title: !custom T\n", "title: !!binary aGVsbG8=\n", "title: T\ndescription: !!str x\n"] {
            let err = parse::<Front>(text, 2).unwrap_err();
            assert!(err.message.starts_with("the YAML tag"), "{text}: {err:?}");
        }
        let err = parse::<Front>("title: T\ndescription: !x y\n", 2).unwrap_err();
        assert_eq!((err.line, err.col), (3, 14));
        assert!(parse::<Front>("title: \"!important\"\n", 1).is_ok());
        assert!(parse_all::<Front>("title: !x T\n", 1).is_err());
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let err = parse::<Front>("title: \"Open\ndescription: x\n\n\n", 3).unwrap_err();
        assert_eq!((err.line, err.col), (3, 8), "{err:?}");
        assert_eq!(err.message, "a quote opened here is never closed");
    }

    #[test]
    fn finds_list_items_by_key() {
        let text = "questions:\n  - id: q1\n    type: single\n  - id: \"q2\"\n";
        assert_eq!(find_key_line(text, "id", Some("q2"), 1), Some((4, 5)));
        assert_eq!(find_key_line(text, "type", None, 1), Some((3, 5)));
        assert_eq!(find_key_line(text, "id", Some("q9"), 1), None);
    }
}

/// A value written either as a text or as a record (`- el` or `- {code: ar, direction: rtl}`).
/// Not an untagged enum: its errors would say only "data did not match any variant"; here the
/// record's own errors (an unknown key, a wrong value, with position) pass through, and
/// anything else is refused with `expecting`.
pub fn text_or_record<'de, D, M, R>(d: D, expecting: &'static str, text: fn(&str) -> R, record: fn(M) -> R) -> Result<R, D::Error>
where
    D: serde::Deserializer<'de>,
    M: serde::Deserialize<'de>,
{
    struct V<M, R> {
        expecting: &'static str,
        text: fn(&str) -> R,
        record: fn(M) -> R,
    }
    impl<'de, M: serde::Deserialize<'de>, R> serde::de::Visitor<'de> for V<M, R> {
        type Value = R;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<R, E> {
            Ok((self.text)(v))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<R, A::Error> {
            M::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(self.record)
        }
    }
    d.deserialize_any(V { expecting, text, record })
}

/// A YAML scalar read as text whatever its YAML type (`6`, `true`, `six` → "6", "true", "six"),
/// for fields where authors write numbers or words (accepted answers, option texts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a text, a number or true/false")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}
