//! A check that runs before the YAML reader: brackets nested too deep. libyaml's scanner (the
//! reader of serde_yaml_ng and of [`super::tree`]) takes time in the square of the depth of
//! `[`/`{`, so a hostile file must be refused before it is read at all.

use super::YamlError;

pub const MAX_FLOW_DEPTH: usize = 64;

/// Where `text` nests flow collections (`[`, `{`) deeper than [`MAX_FLOW_DEPTH`], if it does.
/// Linear. The depth is counted twice, and either over the limit is refused: once blind to
/// quotes (every bracket counts), and once skipping quoted scalars and comments inside
/// brackets, as YAML reads them (`["]", ["]", …]` nests although its `]` are text). A text
/// needs more than 64 unclosed brackets in its prose to be refused wrongly.
pub fn too_deep(text: &str, first_line: usize) -> Option<YamlError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_nested_too_deep_are_found_where_they_pass_the_limit() {
        let deep = format!("title: T\nx: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let e = too_deep(&deep, 1).expect("too deep");
        assert_eq!((e.line, e.col), (2, 68), "{e:?}");
        assert_eq!(e.message, "brackets are nested more than 64 deep here");
        let e = too_deep(&format!("a: 1\n\nb: {}", "{c: ".repeat(65)), 5).expect("too deep");
        assert_eq!((e.line, e.col), (7, 260), "{e:?}");
        // `]` inside quotes closes nothing: counted as YAML reads it.
        assert!(too_deep(&format!("x: {}\n", "[\"]\", ".repeat(70)), 1).is_some());
        assert!(too_deep(&format!("x: {}\n", "['a'']', ".repeat(70)), 1).is_some());
        // 64 levels are fine, and so are a few brackets in plain text and comments.
        assert!(too_deep(&format!("x: {}{}\n", "[".repeat(64), "]".repeat(64)), 1).is_none());
        assert!(too_deep(&format!("title: {}\n# {}\n", "a[".repeat(10), "[".repeat(20)), 1).is_none());
    }
}
