//! The only user of the YAML crates (serde_yaml_ng, and libyaml's events for positions):
//! strict parsing that reports every problem with its line and column.
//!
//! Every YAML document of a site (site.yaml, front matter, quizzes, credits, UI strings) goes
//! through a [`Doc`]: the text is parsed into a tree that knows where every key and
//! value is ([`tree`]); problems serde cannot point at are found there (a key given twice, a
//! YAML tag, a second document). [`Doc::read`] then reads any value of the tree as a Rust
//! type, reporting every wrong key and value at once (`read.rs`); a caller reads each item of a
//! list on its own (every quiz question) so one broken item hides nothing of the others.
//! Messages are in plain words with a hint (`words.rs`); positions are the *whole file's*
//! (a front-matter fragment passes its first line).

mod depth;
mod read;
pub mod tree;
mod words;

use serde::de::DeserializeOwned;

pub use read::Read;
pub use tree::{Kind, Node};

/// A YAML problem at a 1-based line and column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// A YAML text parsed into a tree with positions, ready to be read value by value.
#[derive(Debug)]
pub struct Doc<'a> {
    text: &'a str,
    root: Node,
    /// Problems of the text as a whole, found before any reading (see [`Doc::problems`]).
    problems: Vec<YamlError>,
    /// Keys left out of every read: the second of a key given twice, a value with a tag.
    skip: Vec<Skip>,
    /// The end of what is read: the text, or the start of a second document.
    end: usize,
}

#[derive(Debug)]
struct Skip {
    range: (usize, usize),
    map: Option<tree::Mark>,
    key: Option<String>,
}

impl<'a> Doc<'a> {
    /// Parses `text`; `first_line` is the file line on which it starts (1 for a whole file).
    /// `Err` for text that is not YAML at all (a syntax error: nothing after it can be read).
    pub fn parse(text: &'a str, first_line: usize) -> Result<Doc<'a>, Vec<YamlError>> {
        if let Some(e) = depth::too_deep(text, first_line) {
            return Err(vec![e]);
        }
        let walk = tree::walk(text, first_line).ok_or_else(|| vec![syntax(text, first_line)])?;
        if let Some(m) = walk.too_deep {
            return Err(vec![YamlError {
                line: m.line,
                col: m.col,
                message: format!("the YAML is nested more than {} levels deep here", tree::MAX_DEPTH),
                hint: Some("a site's settings, front matter and quizzes need a few levels; check the indentation and brackets".into()),
            }]);
        }
        let end = walk.second_document.map_or(text.len(), |m| m.index);
        let root = walk.root.unwrap_or(Node {
            start: tree::Mark { line: first_line, col: 1, index: 0 },
            end: tree::Mark { line: first_line, col: 1, index: end },
            kind: Kind::Scalar(String::new()),
        });
        let mut doc = Doc { text, root, problems: Vec::new(), skip: Vec::new(), end };
        if let Some(m) = walk.second_document {
            doc.problems.push(YamlError {
                line: m.line,
                col: m.col,
                message: "a second YAML document starts here; this file holds one".into(),
                hint: Some("remove this line (`---` starts a new document) or, if what follows belongs in the file, the `---` alone".into()),
            });
        }
        let mut repeated = Vec::new();
        tree::repeated_keys(&doc.root, "", &mut repeated);
        for r in repeated {
            let key = r.key.replace('`', "'");
            let lines = if r.first.line == r.second.line {
                format!("`{key}:` (both on line {})", r.first.line)
            } else {
                format!("`{key}:` lines (line {} and {})", r.first.line, r.second.line)
            };
            doc.problems.push(YamlError {
                line: r.second.line,
                col: r.second.col,
                message: format!("`{}` is given twice", tree::child_path(&r.path, &key)),
                hint: Some(format!("remove one of the two {lines}")),
            });
            let map = doc.map_holding(r.second);
            doc.skip.push(Skip { range: doc.entry_span(r.entry, map), map: map.map(|m| m.start), key: Some(r.key) });
        }
        for m in walk.tags {
            let written = text.get(m.index..).unwrap_or("");
            let from = written.find('!').unwrap_or(0);
            let tag: String = written[from..].chars().take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}')).take(40).collect();
            let col = m.col + written[..from].chars().count();
            doc.problems.push(YamlError {
                line: m.line,
                col,
                message: format!("the YAML tag `{tag}` is not allowed"),
                hint: Some("remove the tag; if the value starts with `!`, put it in quotes".into()),
            });
            if let Some((map, key, value)) = doc.entry_with_value_at(m) {
                let range = doc.entry_span((key.start, value.end), Some(map));
                doc.skip.push(Skip { range, map: Some(map.start), key: key.scalar().map(str::to_string) });
            }
        }
        doc.problems.sort_by_key(|e| (e.line, e.col));
        Ok(doc)
    }

    /// The whole document's value.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// Problems of the text as a whole: a key given twice, a YAML tag, a second document.
    /// Reads go on without them (the first of two keys counts), so report these as well.
    pub fn problems(&self) -> &[YamlError] {
        &self.problems
    }

    /// Whether one of [`Doc::problems`] lies inside `node`.
    pub fn has_problem_in(&self, node: &Node) -> bool {
        self.problems.iter().any(|e| node.at() <= (e.line, e.col) && (e.line, e.col) < (node.end.line, node.end.col))
    }

    /// Reads the whole document: every problem of it, and the value when it has the right shape.
    pub fn read_all<T: DeserializeOwned>(&self) -> Read<T> {
        let mut read = self.read::<T>(&self.root, "");
        read.errors.extend(self.problems.iter().cloned());
        read.errors.sort_by_key(|e| (e.line, e.col));
        read
    }

    /// The mapping that holds a key starting at `at`.
    fn map_holding(&self, at: tree::Mark) -> Option<&Node> {
        fn find(n: &Node, at: tree::Mark) -> Option<&Node> {
            match &n.kind {
                Kind::Map { entries, .. } => {
                    if entries.iter().any(|(k, _)| k.start == at) {
                        return Some(n);
                    }
                    entries.iter().find(|(k, v)| k.start <= at && at <= v.end).and_then(|(_, v)| find(v, at))
                }
                Kind::Seq { items, .. } => items.iter().find(|i| i.start <= at && at <= i.end).and_then(|i| find(i, at)),
                _ => None,
            }
        }
        find(&self.root, at)
    }

    /// The key and value whose value starts at `at`, and their mapping.
    fn entry_with_value_at(&self, at: tree::Mark) -> Option<(&Node, &Node, &Node)> {
        fn find(n: &Node, at: tree::Mark) -> Option<(&Node, &Node, &Node)> {
            match &n.kind {
                Kind::Map { entries, .. } => {
                    if let Some((k, v)) = entries.iter().find(|(_, v)| v.start == at) {
                        return Some((n, k, v));
                    }
                    entries.iter().find(|(k, v)| k.start <= at && at <= v.end).and_then(|(_, v)| find(v, at))
                }
                Kind::Seq { items, .. } => items.iter().find(|i| i.start <= at && at <= i.end).and_then(|i| find(i, at)),
                _ => None,
            }
        }
        find(&self.root, at)
    }

    fn entry_span(&self, (from, to): (tree::Mark, tree::Mark), map: Option<&Node>) -> (usize, usize) {
        match map {
            Some(m) => self.entry_range_of(m, from.index, to.index),
            None => (from.index, to.index),
        }
    }
}

/// `a.b`, `a[1]`: `rel` (a path inside a value) below `path` (the value's place).
fn join(path: &str, rel: &str) -> String {
    match (path.is_empty(), rel.is_empty()) {
        (true, _) => rel.to_string(),
        (_, true) => path.to_string(),
        _ if rel.starts_with('[') => format!("{path}{rel}"),
        _ => format!("{path}.{rel}"),
    }
}

/// A text that is not YAML: serde_yaml_ng's own message, in plain words.
fn syntax(text: &str, first_line: usize) -> YamlError {
    match serde_yaml_ng::from_str::<serde::de::IgnoredAny>(text) {
        Err(err) => words::syntax_error(&err, text, first_line),
        Ok(_) => YamlError { line: first_line, col: 1, message: "this YAML cannot be read".into(), hint: None },
    }
}

/// Parses `text` into `T`, or gives the first problem of it (see [`parse_all`] for all).
pub fn parse<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, YamlError> {
    parse_all(text, first_line).map_err(|mut errors| errors.swap_remove(0))
}

/// [`parse_all`] for texts read by the thousand (every page's front matter) or very large
/// (translation stamps): most are fine, so they are read once, by serde alone. A text serde reads without a tag has no problem
/// the tree would find, except a key given twice in a free-form mapping (`tags:`), where the
/// last one counts.
pub fn parse_all_fast<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, Vec<YamlError>> {
    if !text.contains('!') && depth::too_deep(text, first_line).is_none() {
        if let Ok(value) = serde_yaml_ng::from_str::<T>(text) {
            return Ok(value);
        }
    }
    parse_all(text, first_line)
}

/// Parses `text` into `T`, reporting every problem of it at once, in file order.
pub fn parse_all<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, Vec<YamlError>> {
    let errors = match Doc::parse(text, first_line) {
        Err(errors) => errors,
        Ok(doc) => {
            let read = doc.read_all::<T>();
            match read.value {
                Some(value) if read.errors.is_empty() => return Ok(value),
                _ if read.errors.is_empty() => vec![YamlError { line: first_line, col: 1, message: "this YAML cannot be read".into(), hint: None }],
                _ => read.errors,
            }
        }
    };
    // A key cut at ` #` (a file's name in credits.yaml) leaves the reader lost further on:
    // what it says then is no help, the cut key is.
    let cut = words::cut_keys(text, first_line);
    if cut.is_empty() {
        return Err(errors);
    }
    Err(if errors.iter().any(|e| words::is_syntax(&e.message)) { cut } else { cut.into_iter().chain(errors).collect() })
}

/// The 1-based line of the first line in `text` (at or after `from_line`) whose trimmed form,
/// after an optional "- ", starts with `key:` and whose value equals `value` (quotes ignored).
/// Used to point at a list item (e.g. a quiz question by its id), which serde cannot locate.
pub fn find_key_line(text: &str, key: &str, value: Option<&str>, from_line: usize) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate().skip(from_line.saturating_sub(1)) {
        let trimmed = line.trim_start();
        let col_base = line.len() - trimmed.len();
        let (item, dash) = match trimmed.strip_prefix("- ") {
            Some(rest) => (rest.trim_start(), trimmed.len() - rest.trim_start().len()),
            None => (trimmed, 0),
        };
        let Some(rest) = item.strip_prefix(key).and_then(|r| r.strip_prefix(':')) else { continue };
        let found = rest.split(" #").next().unwrap_or("").trim().trim_matches(|c| c == '"' || c == '\'');
        if value.is_none_or(|v| v == found) {
            return Some((i + 1, line[..col_base + dash].chars().count() + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests;

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
