//! Credits of single files: a sidecar `photo.jpg.yaml` beside the file, or one `credits.yaml`
//! per folder naming its files. Pure: text in, [`Credit`]s and diagnostics out.
//!
//! ```yaml
//! # photo.jpg.yaml                       # credits.yaml
//! title: Market in Egaleo                cycle.svg:
//! author: Maria Papadopoulou               title: The mentoring cycle
//! source: https://example.org/photo        authors: [Drosostalida]
//! license: CC-BY-SA-4.0                    license: CC-BY-SA-4.0
//! changes: Cropped
//! note: Not covered by the page's licence
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::licence::Licence;
use crate::model::rights::Credit;
use crate::yaml;

/// The file name of a folder's credits.
pub const FOLDER_FILE: &str = "credits.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCredit {
    title: Option<String>,
    title_lang: Option<String>,
    #[serde(alias = "authors")]
    author: Option<Names>,
    source: Option<String>,
    #[serde(alias = "licence")]
    license: Option<String>,
    changes: Option<String>,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Names {
    One(String),
    Many(Vec<String>),
}

/// Whether `rel` (a file under `content/<lang>/`) is a credits file rather than a file to
/// publish: a folder's `credits.yaml`, or `NAME.yaml` beside a file `NAME` (`exists` tells).
pub fn is_credits_file(rel: &str, exists: impl Fn(&str) -> bool) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name == FOLDER_FILE || rel.strip_suffix(".yaml").is_some_and(|target| target.rsplit('/').next().is_some_and(|n| n.contains('.')) && exists(target))
}

/// Parses a credits file found at `rel`; every credit goes into `out` under the `rel` of the
/// file it is about. Problems (unknown keys, unknown licences, a file that is not there) go
/// to `diags` with the file's line and column.
pub fn parse(text: &str, rel: &str, shown: &Path, known: &dyn Fn(&str) -> bool, out: &mut BTreeMap<String, Credit>, diags: &mut Diagnostics) {
    let dir = crate::model::url::parent_dir(rel);
    let join = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
    let push = |e: yaml::YamlError, diags: &mut Diagnostics| {
        let mut d = Diagnostic::error(shown, e.line, e.col, e.message);
        if let Some(h) = e.hint {
            d = d.with_hint(h);
        }
        diags.push(d);
    };
    if rel.rsplit('/').next() == Some(FOLDER_FILE) {
        let records: BTreeMap<String, RawCredit> = match yaml::parse(text, 1) {
            Ok(r) => r,
            Err(e) => return push(e, diags),
        };
        for (name, raw) in records {
            let (line, col) =
                yaml::find_key_line(text, &name, None, 1).or_else(|| yaml::find_key_line(text, &format!("\"{name}\""), None, 1)).unwrap_or((1, 1));
            // File names are composed (NFC); a name typed decomposed (a Mac's `cafe\u{301}.jpg`) is
            // the same file.
            let target = join(&crate::model::url::nfc(&name));
            if !known(&target) {
                diags.push(
                    Diagnostic::error(shown, line, col, format!("`{name}` is not a file in this folder"))
                        .with_hint("list the files of this folder by their names, e.g. `photo.jpg:`"),
                );
                continue;
            }
            if let Some(c) = credit(raw, text, line, shown, diags) {
                out.insert(target, c);
            }
        }
    } else {
        match yaml::parse::<RawCredit>(text, 1) {
            Ok(raw) => {
                if let Some(c) = credit(raw, text, 1, shown, diags) {
                    out.insert(rel.trim_end_matches(".yaml").to_string(), c);
                }
            }
            Err(e) => push(e, diags),
        }
    }
}

fn credit(raw: RawCredit, text: &str, record_line: usize, shown: &Path, diags: &mut Diagnostics) -> Option<Credit> {
    let (mut line, mut col) = (record_line, 1);
    let licence = match raw.license.as_deref() {
        None => {
            diags.push(
                Diagnostic::warning(shown, record_line, 1, "this credit names no licence")
                    .with_hint("add `license:` with an SPDX id (CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, …) so others know how they may re-use the file"),
            );
            None
        }
        Some(id) => {
            (line, col) = ["license", "licence"]
                .iter()
                .find_map(|k| yaml::find_key_line(text, k, Some(id), record_line))
                .map_or((record_line, 1), |(l, c)| (l, c + "license: ".len()));
            match Licence::from_spdx(id) {
                Ok(l) => Some(l),
                Err(hint) => {
                    diags.push(Diagnostic::error(shown, line, col, format!("unknown licence `{id}`")).with_hint(hint));
                    return None;
                }
            }
        }
    };
    let authors = match raw.author {
        None => Vec::new(),
        Some(Names::One(a)) => vec![a],
        Some(Names::Many(a)) => a,
    };
    if let Some(src) = raw.source.as_deref().filter(|s| !s.starts_with("https://") && !s.starts_with("http://")) {
        let (l, c) = yaml::find_key_line(text, "source", None, record_line).unwrap_or((record_line, 1));
        diags.push(
            Diagnostic::warning(shown, l, c, format!("`source: {src}` is not a web address"))
                .with_hint("give the address where the original can be found (https://…), or leave `source` out"),
        );
    }
    let title_lang = match raw.title_lang.as_deref() {
        None => None,
        Some(code) if crate::model::lang::is_language_tag(code) => Some((code.to_string(), crate::model::lang::direction_of(code).as_str())),
        Some(code) => {
            let (l, c) = yaml::find_key_line(text, "title_lang", Some(code), record_line).map_or((record_line, 1), |(l, c)| (l, c + "title_lang: ".len()));
            let hint = match crate::model::lang::suggest_code(code) {
                Some(likely) => format!("write the title's language as a language code: `title_lang: {likely}`"),
                None => {
                    "write the title's language as a language code (`en`, `ar`, `pt-BR`), or leave `title_lang` out if the title is in this folder's language"
                        .to_string()
                }
            };
            diags.push(Diagnostic::error(shown, l, c, format!("`title_lang: {code}` is not a language code")).with_hint(hint));
            return None;
        }
    };
    Some(Credit {
        title: raw.title,
        title_lang,
        authors,
        source: raw.source.filter(|s| s.starts_with("https://") || s.starts_with("http://")),
        licence,
        changes: raw.changes,
        note: raw.note,
        declared_in: shown.to_path_buf(),
        line,
        col,
        shown_from: None,
    })
}

/// A page's own `license` must be a known SPDX id (error), and its `duration` one that can be
/// written in ISO 8601 for its metadata (warning). Positions are the file's own.
pub fn check_front(split: &crate::load::frontmatter::Split<'_>, license: Option<&str>, duration: Option<&str>, shown: &Path, diags: &mut Diagnostics) {
    let at = |key: &str, value: &str| {
        yaml::find_key_line(split.yaml, key, Some(value), 1)
            .or_else(|| yaml::find_key_line(split.yaml, key, None, 1))
            .map_or((split.yaml_line, 1), |(l, c)| (l + split.yaml_line - 1, c + key.len() + 2))
    };
    if let Some(id) = license {
        if let Err(hint) = Licence::from_spdx(id) {
            let (l, c) = ["license", "licence"].iter().map(|k| at(k, id)).find(|&(l, _)| l != split.yaml_line).unwrap_or(at("license", id));
            diags.push(Diagnostic::error(shown, l, c, format!("unknown licence `{id}`")).with_hint(hint));
        }
    }
    if let Some(d) = duration {
        if let Err(why) = crate::model::duration::to_iso8601(d) {
            let (l, c) = at("duration", d);
            diags.push(
                Diagnostic::warning(shown, l, c, format!("`duration: {d}` cannot be read as a length of time ({why}), so the page's metadata leaves it out"))
                    .with_hint("write one length with a number and a unit, e.g. `2 hours`, `90 minutes`, `1 h 30 min` or ISO 8601 `PT1H30M`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, rel: &str) -> (BTreeMap<String, Credit>, Vec<Diagnostic>) {
        let mut out = BTreeMap::new();
        let mut d = Diagnostics::new();
        let known = |r: &str| ["img/photo.jpg", "img/cycle.svg"].contains(&r);
        parse(text, rel, Path::new("content/en/img/x.yaml"), &known, &mut out, &mut d);
        (out, d.sorted())
    }

    #[test]
    fn front_matter_licence_and_duration_are_checked_in_place() {
        let text = "---\ntitle: A\nduration: two hours\nlicense: CC-BY-SA\n---\nBody\n";
        let split = crate::load::frontmatter::split(text).unwrap();
        let front = crate::load::frontmatter::parse(&split).unwrap();
        let mut d = Diagnostics::new();
        check_front(&split, front.license.as_deref(), front.duration.as_deref(), Path::new("a.md"), &mut d);
        let all = d.sorted();
        assert_eq!(all.len(), 2, "{all:?}");
        assert_eq!((all[0].line, all[0].col, all[0].is_error()), (3, 11, false));
        assert_eq!((all[1].line, all[1].col, all[1].is_error()), (4, 10, true));
        assert_eq!(all[1].hint.as_deref(), Some("did you mean `CC-BY-SA-4.0`?"));
    }

    #[test]
    fn sidecar_and_folder_files() {
        assert!(is_credits_file("img/photo.jpg.yaml", |t| t == "img/photo.jpg"));
        assert!(!is_credits_file("img/data.yaml", |_| true));
        assert!(is_credits_file("img/credits.yaml", |_| false));
        let (c, d) = run("title: Market\nauthor: Maria\nsource: https://example.org/m\nlicense: CC-BY-SA-4.0\nchanges: Cropped\n", "img/photo.jpg.yaml");
        assert!(d.is_empty(), "{d:?}");
        let credit = &c["img/photo.jpg"];
        assert_eq!(credit.authors, vec!["Maria"]);
        assert_eq!(credit.licence.as_ref().unwrap().spdx, "CC-BY-SA-4.0");
        assert_eq!((credit.line, credit.col), (4, 10));
        let (c, d) = run("cycle.svg:\n  title: Cycle\n  authors: [A, B]\n  license: CC0-1.0\n", "img/credits.yaml");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c["img/cycle.svg"].authors.len(), 2);
    }

    #[test]
    fn a_name_written_decomposed_finds_the_file_composed() {
        let mut out = BTreeMap::new();
        let mut d = Diagnostics::new();
        let known = |r: &str| r == "img/café.jpg";
        let text = "cafe\u{301}.jpg:\n  license: CC0-1.0\n";
        parse(text, "img/credits.yaml", Path::new("content/en/img/credits.yaml"), &known, &mut out, &mut d);
        assert!(d.is_empty(), "{:?}", d.sorted());
        assert_eq!((out["img/café.jpg"].line, out["img/café.jpg"].col), (2, 12));
    }

    #[test]
    fn unknown_licence_file_and_key_are_positioned() {
        let (c, d) = run("cycle.svg:\n  license: CC-BY-4\nmissing.png:\n  license: CC0-1.0\n", "img/credits.yaml");
        assert!(c.is_empty());
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].line, d[0].col), (2, 12));
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `CC-BY-4.0`?"));
        assert_eq!(d[1].line, 3);
        let (_, d) = run("title: X\nlicence: CC0-1.0\nautor: me\n", "img/photo.jpg.yaml");
        assert_eq!(d[0].line, 3);
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `author`?"));
        let (c, d) = run("title: X\n", "img/photo.jpg.yaml");
        assert!(c["img/photo.jpg"].licence.is_none());
        assert!(d[0].message.contains("no licence"));
    }
}
