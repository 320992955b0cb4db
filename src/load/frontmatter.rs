//! Splits a Markdown file into its YAML front matter and body, and parses the front matter
//! strictly. Pure: text in, values out, positions in whole-file lines.

use crate::model::FrontMatter;
use crate::yaml::{self, YamlError};

/// A Markdown file cut at its front-matter fences.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// File line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// File line of the first body line.
    pub body_line: usize,
}

/// Finds the `---` fences. A BOM must already be stripped; CRLF line ends are fine.
pub fn split(text: &str) -> Result<Split<'_>, YamlError> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err(YamlError {
            line: 1,
            col: 1,
            message: "no front matter: a page starts with a `---` line, its YAML, and another `---` line".into(),
            hint: Some("add at the top:\n    ---\n    title: The page title\n    ---".into()),
        });
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
        let this = text[offset..end].trim_end();
        if this == "---" || this == "..." {
            return Ok(Split { yaml: &text[first_end..offset], yaml_line: 2, body: &text[end..], body_line: line + 1 });
        }
        offset = end;
        line += 1;
    }
    Err(YamlError {
        line: 1,
        col: 1,
        message: "the front matter is never closed".into(),
        hint: Some("end the front matter with a line that holds only `---`".into()),
    })
}

/// [`parse`], and where it finds problems, the front matter read without the keys in error
/// (when it still has a title), so the rest of the page (its links, images, HTML) can be
/// checked in the same run: a misspelt `autor:` does not hide a missing page further down.
pub fn parse_lenient(split: &Split<'_>) -> (Option<FrontMatter>, Vec<YamlError>) {
    match parse(split) {
        Ok(front) => (Some(front), Vec::new()),
        Err(errors) => {
            let rest = yaml::Doc::parse(split.yaml, split.yaml_line)
                .ok()
                .and_then(|doc| doc.read_all::<FrontMatter>().value)
                .filter(|front| !front.title.trim().is_empty());
            (rest, errors)
        }
    }
}

/// Parses the front matter strictly (unknown keys are errors with a suggestion), reporting
/// every problem of it at once, in file order.
pub fn parse(split: &Split<'_>) -> Result<FrontMatter, Vec<YamlError>> {
    if split.yaml.trim().is_empty() {
        return Err(vec![YamlError {
            line: split.yaml_line,
            col: 1,
            message: "the front matter is empty".into(),
            hint: Some("add at least `title: The page title`".into()),
        }]);
    }
    if let Some(front) = super::simple_front::read(split.yaml) {
        return Ok(front);
    }
    let front: FrontMatter = yaml::parse_all_fast(split.yaml, split.yaml_line).map_err(|mut errors| {
        // Lessons are the one kind without a name: `kind: lesson` is a natural first guess.
        for e in errors.iter_mut().filter(|e| e.message.starts_with("kind: unknown value `lesson`")) {
            e.hint = Some("a lesson needs no `kind:`: remove this line (a page without one is a lesson)".into());
        }
        // The checks below run on what the YAML says, too: every problem of one front matter
        // is reported at once.
        if loose(split).is_some_and(|v| v.title.is_some_and(|t| t.trim().is_empty())) {
            errors.push(empty_title(split));
        }
        errors
    })?;
    if front.title.trim().is_empty() {
        return Err(vec![empty_title(split)]);
    }
    Ok(front)
}

fn empty_title(split: &Split<'_>) -> YamlError {
    let (line, col) = yaml::find_key_line(split.yaml, "title", None, 1).unwrap_or((1, 1));
    YamlError { line: line + split.yaml_line - 1, col, message: "the title is empty".into(), hint: Some("give the page a title".into()) }
}

/// The front matter's values that are checked after it is read (the title, the licence, the
/// duration), taken from the YAML as written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Values {
    pub title: Option<String>,
    pub license: Option<String>,
    pub duration: Option<String>,
}

/// [`Values`] read off front matter that could not be read as a whole (an unknown key, a
/// wrong value beside them): `None` for text that is not YAML or not a mapping.
pub fn loose(split: &Split<'_>) -> Option<Values> {
    let doc = yaml::Doc::parse(split.yaml, split.yaml_line).ok()?;
    let root = doc.root();
    let text = |key: &str| root.get(key).and_then(yaml::Node::scalar).map(str::to_string);
    Some(Values { title: text("title"), license: text("license").or_else(|| text("licence")), duration: text("duration") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf() {
        let s = split("---\ntitle: A\n---\nbody\n").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("title: A\n", "body\n", 4));
        let s = split("---\r\ntitle: A\r\n---\r\nbody").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("title: A\r\n", "body", 4));
        let fm = parse(&s).unwrap();
        assert_eq!(fm.title, "A");
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        assert!(split("").unwrap_err().message.contains("no front matter"));
        assert!(split("# Hi").unwrap_err().message.contains("no front matter"));
        assert!(split("---\ntitle: x\n").unwrap_err().message.contains("never closed"));
    }

    #[test]
    fn front_matter_errors_point_into_the_file() {
        let s = split("---\ntitle: A\nobjetives: [a]\n---\n").unwrap();
        let e = parse(&s).unwrap_err().remove(0);
        assert_eq!(e.line, 3);
        assert_eq!(e.hint.as_deref(), Some("did you mean `objectives`?"));
        let s = split("---\ndescription: no title\n---\n").unwrap();
        assert!(parse(&s).unwrap_err()[0].message.contains("missing field `title`"));
        let s = split("---\n---\n").unwrap();
        assert!(parse(&s).unwrap_err()[0].message.contains("empty"));
    }

    #[test]
    fn kind_is_checked() {
        let s = split("---\ntitle: A\nkind: modul\n---\n").unwrap();
        assert_eq!(parse(&s).unwrap_err()[0].hint.as_deref(), Some("did you mean `module`?"));
        let s = split("---\ntitle: A\nkind: lesson\n---\n").unwrap();
        assert_eq!(parse(&s).unwrap_err()[0].hint.as_deref(), Some("a lesson needs no `kind:`: remove this line (a page without one is a lesson)"));
    }

    #[test]
    fn a_key_given_twice_is_shown_where_it_repeats_with_the_other_problems() {
        let s = split("---\ntitle: A\ndraft: maybe\ntitle: B\nkind: modul\n---\nBody\n").unwrap();
        let errors = parse(&s).unwrap_err();
        let found: Vec<(usize, usize, &str)> = errors.iter().map(|e| (e.line, e.col, e.message.as_str())).collect();
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!((found[0].0, found[0].1), (3, 8));
        assert_eq!(found[1], (4, 1, "`title` is given twice"));
        assert_eq!(errors[1].hint.as_deref(), Some("remove one of the two `title:` lines (line 2 and 4)"));
        assert_eq!(errors[2].hint.as_deref(), Some("did you mean `module`?"));
    }

    #[test]
    fn every_problem_of_a_front_matter_is_reported() {
        let s = split("---\ntitle: [a, b]\nkind: modul\nobjetives: [a]\ndraft: maybe\n---\nBody\n").unwrap();
        let lines: Vec<usize> = parse(&s).unwrap_err().iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
    }
}
