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

/// Parses `text` into `T`; `first_line` is the file line on which `text` starts (1 for a whole file).
pub fn parse<T: DeserializeOwned>(text: &str, first_line: usize) -> Result<T, YamlError> {
    serde_yaml_ng::from_str::<T>(text).map_err(|err| {
        let (line, col) = err.location().map_or((first_line, 1), |loc| (loc.line() + first_line - 1, loc.column()));
        let raw = err.to_string();
        // The crate appends " at line L column C"; we print positions ourselves.
        let message = match raw.find(" at line ") {
            Some(i) => raw[..i].to_string(),
            None => raw,
        };
        let hint = hint_for(&message);
        YamlError { line, col, message, hint }
    })
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
    if message.contains("unknown variant `") {
        let rest = message.split("unknown variant `").nth(1)?;
        let (word, rest) = rest.split_once('`')?;
        let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        return Some(match suggest(word, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("use one of: {}", expected.join(", ")),
        });
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
mod tests {
    use super::*;
    use serde::Deserialize;

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

    #[test]
    fn finds_list_items_by_key() {
        let text = "questions:\n  - id: q1\n    type: single\n  - id: \"q2\"\n";
        assert_eq!(find_key_line(text, "id", Some("q2"), 1), Some((4, 5)));
        assert_eq!(find_key_line(text, "type", None, 1), Some((3, 5)));
        assert_eq!(find_key_line(text, "id", Some("q9"), 1), None);
    }
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
