//! The front matter most pages have, read without the YAML reader: a few `key: value` lines,
//! each value on its own line, plain or in double quotes without escapes
//! (`title: "Lesson 3 — Soil"`, `kind: module`). On 1,000 lessons the YAML reader took about
//! 2.5 % of a build's instructions for these few lines.
//!
//! It reads only what it is sure of, and gives the same value as the YAML reader
//! ([`crate::yaml::parse_all_fast`]); anything else (another key, a key given twice, a list,
//! a comment, an escape, a bracket, a value YAML could read as a number, a truth value or
//! nothing) is left to that reader, with its checks and its messages. A test compares the
//! two on generated front matter.

use crate::model::{FrontMatter, Kind};

/// The front matter of `yaml` when it is of the simple kind and has a title; `None` leaves it
/// to the YAML reader.
pub fn read(yaml: &str) -> Option<FrontMatter> {
    let mut front = FrontMatter::default();
    let mut title = false;
    let mut licence = false;
    let mut lines = yaml.split('\n');
    // The text ends with its last line's `\n`: nothing after it.
    if yaml.ends_with('\n') {
        lines.next_back();
    }
    for line in lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        let value = value(rest.strip_prefix(' ')?)?;
        let slot = match key {
            "title" if !title => {
                title = true;
                front.title = value.to_string();
                continue;
            }
            "kind" if front.kind.is_none() => {
                front.kind = Some(kind(value)?);
                continue;
            }
            "description" => &mut front.description,
            "duration" => &mut front.duration,
            "format" => &mut front.format,
            "assessment" => &mut front.assessment,
            "license" | "licence" if !licence => {
                licence = true;
                &mut front.license
            }
            "audience" => &mut front.audience,
            "level" => &mut front.level,
            "responsible" => &mut front.responsible,
            _ => return None,
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some(value.to_string());
    }
    (title && !front.title.trim().is_empty()).then_some(front)
}

/// A value as YAML reads it, if it is one of the simple kinds: `"text"` with no escape, or a
/// plain text that starts with a letter and that YAML cannot take for another type.
fn value(written: &str) -> Option<&str> {
    if let Some(quoted) = written.strip_prefix('"') {
        let text = quoted.strip_suffix('"')?;
        return text.chars().all(|c| c != '"' && c != '\\' && plain_char(c)).then_some(text);
    }
    let first = written.chars().next()?;
    let simple = first.is_alphabetic()
        && !written.ends_with(' ')
        && written.chars().all(|c| plain_char(c) && !matches!(c, ':' | '#'))
        && !matches!(written.to_ascii_lowercase().as_str(), "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n");
    simple.then_some(written)
}

/// A character that stands for itself in a one-line scalar: printable for libyaml and not a
/// line break to it (U+0085, U+2028, U+2029), no tab, no BOM, and no bracket (brackets are
/// counted before the YAML reader runs; see `yaml::depth`).
fn plain_char(c: char) -> bool {
    match c {
        '[' | ']' | '{' | '}' => false,
        ' '..='~' => true,
        '\u{a0}'..='\u{d7ff}' => c != '\u{2028}' && c != '\u{2029}',
        '\u{e000}'..='\u{fffd}' => c != '\u{feff}',
        _ => c >= '\u{10000}',
    }
}

fn kind(value: &str) -> Option<Kind> {
    Some(match value {
        "course" => Kind::Course,
        "module" => Kind::Module,
        "page" => Kind::Page,
        "guide" => Kind::Guide,
        "phase" => Kind::Phase,
        "template" => Kind::Template,
        "unit" => Kind::Unit,
        "collection" => Kind::Collection,
        "practice" => Kind::Practice,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_usual_front_matter() {
        let front = read("title: \"Lesson 3 — Soil: what it holds\"\ndescription: A page about soil\r\n\nkind: module\n").unwrap();
        assert_eq!(front.title, "Lesson 3 — Soil: what it holds");
        assert_eq!(front.description.as_deref(), Some("A page about soil"));
        assert_eq!(front.kind, Some(Kind::Module));
        assert!(read("title: Λέξεις και όροι\nlicence: CC-BY-4.0\n").is_some());
    }

    #[test]
    fn leaves_the_rest_to_the_yaml_reader() {
        for yaml in [
            "title: A\ntitle: B\n",
            "title: A\nlicense: x\nlicence: y\n",
            "title: A\ntags:\n  country: Greece\n",
            "title: A # note\n",
            "title: \"A \\\"B\\\"\"\n",
            "title: \"[A]\"\n",
            "title: true\n",
            "title: 12\n",
            "title:  A\n",
            "title: A \n",
            "description: no title\n",
            "title: \"  \"\n",
            "title: A\nkind: lesson\n",
            "title: A\n  more\n",
            "title: \"A\"\t\n",
            "title: 'A'\n",
        ] {
            assert_eq!(read(yaml), None, "{yaml:?}");
        }
    }

    /// A small fixed-seed generator (xorshift).
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn reads_what_the_yaml_reader_reads() {
        let keys = ["title", "description", "kind", "duration", "licence", "license", "level", "draft", "Title", "title ", " title"];
        let pieces = [
            "A", "a", "Lesson", " ", "  ", "—", "Σ", "é", "\u{2028}", "\u{85}", "\u{feff}", "\u{a0}", "\t", "\"", "'", "\\", ":", ": ", "#", " #", "[", "]",
            "{", "-", "- ", "?", "!", "&", "*", "|", ">", "%", "@", "`", "1", "0x1", ".5", "~", "true", "No", "null", "module", "unit", ",", "\r", "😀",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut taken = 0;
        for _ in 0..100_000 {
            let mut yaml = String::new();
            for _ in 0..1 + next(&mut state) % 3 {
                let key = if next(&mut state).is_multiple_of(3) { keys[(next(&mut state) % keys.len() as u64) as usize] } else { "title" };
                let mut value = String::new();
                for _ in 0..next(&mut state) % 5 {
                    value.push_str(pieces[(next(&mut state) % pieces.len() as u64) as usize]);
                }
                let quoted = next(&mut state).is_multiple_of(2);
                let line = if quoted { format!("{key}: \"{value}\"") } else { format!("{key}: {value}") };
                yaml.push_str(&line);
                yaml.push_str(if next(&mut state).is_multiple_of(5) { "\r\n" } else { "\n" });
            }
            if let Some(front) = read(&yaml) {
                taken += 1;
                let by_yaml = crate::yaml::parse_all_fast::<FrontMatter>(&yaml, 2);
                assert_eq!(by_yaml.as_ref().ok(), Some(&front), "{yaml:?}: {by_yaml:?}");
            }
        }
        assert!(taken > 5000, "{taken}");
    }
}
