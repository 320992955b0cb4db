//! Translation status: stamps, the `translations` report, and what changed in a source.
//!
//! A translator who finishes a file runs `kyklos translations mark <lang> <file>`: kyklos
//! writes, in `content/<lang>/.kyklos-translations.yaml`, the SHA-256 of the original and a
//! copy of its text. When the original changes later, its hash no longer matches: the
//! translation is *outdated*, pages say so, and `kyklos translations --diff` shows the lines
//! that changed in the original since. No git needed, nothing to compute by hand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Site, TextStatus};
use crate::yaml;

pub const STAMP_FILE: &str = ".kyklos-translations.yaml";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// SHA-256 of the original when the translation was marked done.
    pub hash: String,
    /// The original's text at that moment, to show what changed since.
    pub source: String,
}

/// The stamps of one language, by path relative to `content/<lang>/`.
#[derive(Debug, Clone, Default)]
pub struct Stamps {
    pub entries: BTreeMap<String, Stamp>,
}

/// The stamps file keeps a copy of each original: generous, but bounded.
pub const MAX_STAMPS_BYTES: u64 = 64 * 1024 * 1024;

pub fn stamp_path(root: &Path, code: &str) -> PathBuf {
    root.join("content").join(code).join(STAMP_FILE)
}

impl Stamps {
    pub fn load(root: &Path, code: &str, diags: &mut Diagnostics) -> Stamps {
        let shown = format!("content/{code}/{STAMP_FILE}");
        let text = match crate::files::read_inside(root, &stamp_path(root, code), MAX_STAMPS_BYTES) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(crate::files::FileProblem::Missing) => return Stamps::default(),
            Err(p) => {
                diags.push(p.diagnostic(shown).with_hint("the translation stamps must be an ordinary file written by `kyklos translations mark`"));
                return Stamps::default();
            }
        };
        // Written by kyklos and up to 64 MiB: read by serde alone unless it has a problem.
        match yaml::parse_all_fast::<BTreeMap<String, Stamp>>(&text, 1).map_err(|mut errors| errors.swap_remove(0)) {
            Ok(entries) => Stamps::from_entries(entries),
            Err(e) => {
                diags.push(
                    Diagnostic::warning(format!("content/{code}/{STAMP_FILE}"), e.line, e.col, format!("the translation stamps cannot be read: {}", e.message))
                        .with_hint(format!("delete the file and mark the translations again with `kyklos translations mark {code} --all`")),
                );
                Stamps::default()
            }
        }
    }

    /// The stamps read from the file, keyed by composed (NFC) paths as the pages' `rel` are: a
    /// file marked while kyklos kept a Mac's decomposed spelling (`cafe\u{301}.md`) is found
    /// as `café.md`. When both spellings are there, the composed one is the newer.
    fn from_entries(entries: BTreeMap<String, Stamp>) -> Stamps {
        let mut out = BTreeMap::new();
        for (rel, stamp) in entries {
            match crate::model::url::nfc(&rel) {
                std::borrow::Cow::Borrowed(_) => {
                    out.insert(rel, stamp);
                }
                std::borrow::Cow::Owned(composed) => {
                    out.entry(composed).or_insert(stamp);
                }
            }
        }
        Stamps { entries: out }
    }

    pub fn is_outdated(&self, rel: &str, current_hash: &str) -> bool {
        self.entries.get(rel).is_some_and(|s| s.hash != current_hash)
    }

    pub fn to_yaml(&self) -> String {
        let mut out = String::from("# Written by `kyklos translations mark`: which version of each original this\n# translation was checked against. Keep it beside the translation; do not edit.\n");
        out.push_str(&serde_yaml_ng::to_string(&self.entries).unwrap_or_default());
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Translated,
    Outdated,
    Missing,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Path relative to `content/<lang>/`.
    pub path: String,
    pub title: String,
    /// "page" or "quiz".
    pub kind: &'static str,
    pub state: State,
    /// Translated but never marked: cannot tell whether it is outdated.
    pub untracked: bool,
    /// A quiz translation that leaves texts out (they show in the default language): how many,
    /// of `texts`. Absent for pages and for quizzes translated whole or not at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untranslated_texts: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<usize>,
    /// The title shown is the default language's (a quiz translation without `title:`).
    #[serde(skip)]
    pub title_fallback: bool,
    /// Output path relative to `dist/<lang>/`.
    #[serde(skip)]
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LangReport {
    pub lang: String,
    pub name: String,
    pub total: usize,
    pub translated: usize,
    pub outdated: usize,
    pub missing: usize,
    /// Up-to-date translations as a percentage of everything.
    pub percent: u32,
    pub items: Vec<Item>,
}

/// The status of every non-default language, from an aligned site.
pub fn report(site: &Site, stamps: &BTreeMap<String, Stamps>) -> Vec<LangReport> {
    site.langs
        .iter()
        .skip(1)
        .map(|lang| {
            let tracked = stamps.get(&lang.lang.code);
            let state = |text: TextStatus, outdated: bool| match (text, outdated) {
                (TextStatus::Fallback, _) => State::Missing,
                (_, true) => State::Outdated,
                _ => State::Translated,
            };
            let mut items: Vec<Item> = lang
                .pages
                .iter()
                .map(|p| Item {
                    path: p.rel.clone(),
                    title: p.front.title.clone(),
                    kind: "page",
                    state: state(p.text, p.outdated),
                    untracked: p.text == TextStatus::Translated && !tracked.is_some_and(|s| s.entries.contains_key(&p.rel)),
                    untranslated_texts: None,
                    texts: None,
                    title_fallback: false,
                    url: p.url.clone(),
                })
                .chain(lang.quizzes.iter().map(|q| {
                    let (left, texts) = if q.text == TextStatus::Translated { q.untranslated_texts() } else { (0, 0) };
                    Item {
                        path: q.rel.clone(),
                        title: q.title.clone(),
                        kind: "quiz",
                        state: state(q.text, q.outdated),
                        untracked: q.text == TextStatus::Translated && !tracked.is_some_and(|s| s.entries.contains_key(&q.rel)),
                        untranslated_texts: (left > 0).then_some(left),
                        texts: (left > 0).then_some(texts),
                        title_fallback: q.title_fallback(),
                        url: q.url.clone(),
                    }
                }))
                .collect();
            items.sort_by(|a, b| a.path.cmp(&b.path));
            // The site settings (title, funding notice, …) count like pages: one item each.
            let missing_settings = site.config.untranslated_settings(&lang.lang.code);
            let texts = site.config.site_texts(&site.config.default_language().code);
            for key in crate::model::config::TRANSLATABLE {
                let given = match key {
                    "title" => true,
                    "description" => texts.description.is_some(),
                    "attribution" => texts.attribution.is_some(),
                    "funding" => texts.funding.is_some(),
                    "logo_alt" => texts.logo_alt.is_some(),
                    _ => site.config.title_suffix.is_some(),
                };
                if given {
                    items.push(Item {
                        path: format!("site.yaml: translations.{}.{key}", lang.lang.code),
                        title: key.replace('_', " "),
                        kind: "setting",
                        state: if missing_settings.contains(&key) { State::Missing } else { State::Translated },
                        untracked: false,
                        untranslated_texts: None,
                        texts: None,
                        title_fallback: false,
                        url: String::new(),
                    });
                }
            }
            let count = |s: State| items.iter().filter(|i| i.state == s).count();
            let (translated, outdated, missing) = (count(State::Translated), count(State::Outdated), count(State::Missing));
            let total = items.len();
            let percent = (translated * 100).checked_div(total).map_or(100, |p| p as u32);
            LangReport { lang: lang.lang.code.clone(), name: lang.lang.name.clone(), total, translated, outdated, missing, percent, items }
        })
        .collect()
}

/// The report as a plain-text table for a terminal.
pub fn table(reports: &[LangReport]) -> String {
    let mut out = String::new();
    out.push_str(&format!("{:<10} {:>10} {:>8} {:>8} {:>6}  {}\n", "language", "translated", "outdated", "missing", "done", "name"));
    for r in reports {
        out.push_str(&format!("{:<10} {:>10} {:>8} {:>8} {:>5}%  {}\n", r.lang, r.translated, r.outdated, r.missing, r.percent, r.name));
    }
    for r in reports {
        let todo: Vec<&Item> = r.items.iter().filter(|i| i.state != State::Translated || i.untracked || i.untranslated_texts.is_some()).collect();
        if todo.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{} ({}):\n", r.name, r.lang));
        for i in todo {
            let what = match (i.state, i.untracked, i.untranslated_texts) {
                (State::Missing, ..) => "missing ",
                (State::Outdated, ..) => "outdated",
                (_, _, Some(_)) => "partial",
                (_, true, _) => "untracked",
                _ => "",
            };
            match (i.untranslated_texts, i.texts) {
                (Some(left), Some(all)) => {
                    out.push_str(&format!("  {what:<9} {} ({}): {left} of {all} texts not translated yet\n", i.path, i.title));
                }
                _ => out.push_str(&format!("  {what:<9} {} ({})\n", i.path, i.title)),
            }
        }
    }
    if reports.iter().any(|r| r.items.iter().any(|i| i.untracked)) {
        out.push_str("\nUntracked files are translated but were never marked done, so kyklos cannot tell when their\noriginal changes. Mark them: kyklos translations mark <lang> <file>  (or --all)\n");
    }
    out
}

/// Line diff of `old` → `new`: lines prefixed "- " (removed) or "+ " (added), unchanged lines
/// around changes as context ("  "). Longest common subsequence; large files are summarised.
pub fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    if a.len() * b.len() > 4_000_000 {
        return format!("(too large to compare line by line: {} → {} lines)\n", a.len(), b.len());
    }
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near = |k: usize| ops[k.saturating_sub(2)..(k + 3).min(ops.len())].iter().any(|o| o.0 != ' ');
    let mut out = String::new();
    let mut skipped = false;
    for (k, (op, line)) in ops.iter().enumerate() {
        if *op == ' ' && !near(k) {
            skipped = true;
            continue;
        }
        if skipped {
            out.push_str("  …\n");
            skipped = false;
        }
        out.push_str(&format!("{op} {line}\n"));
    }
    out
}

/// Loads every language's stamps.
pub fn all_stamps(site: &Site, diags: &mut Diagnostics) -> BTreeMap<String, Stamps> {
    site.langs.iter().skip(1).map(|l| (l.lang.code.clone(), Stamps::load(&site.root, &l.lang.code, diags))).collect()
}

/// What changed in the original of each outdated file of a language, since it was marked.
pub fn outdated_diffs(site: &Site, stamps: &Stamps, code: &str) -> Vec<(String, String)> {
    let Some(lang) = site.langs.iter().find(|l| l.lang.code == code) else { return Vec::new() };
    let default = &site.langs[0];
    let mut out = Vec::new();
    let outdated = lang.pages.iter().filter(|p| p.outdated).map(|p| p.rel.clone()).chain(lang.quizzes.iter().filter(|q| q.outdated).map(|q| q.rel.clone()));
    for rel in outdated {
        let now = crate::files::read_inside(&site.root, &Path::new("content").join(&default.lang.code).join(&rel), crate::files::MAX_PAGE_BYTES)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let then = stamps.entries.get(&rel).map(|s| s.source.as_str()).unwrap_or("");
        out.push((rel, diff(then, &now)));
    }
    out
}

/// Marks files of `code` as translated against the current originals; returns the paths marked.
pub fn mark(site: &Site, code: &str, files: &[String], all: bool) -> Result<Vec<String>, String> {
    let lang = site.langs.iter().skip(1).find(|l| l.lang.code == code).ok_or_else(|| {
        let others: Vec<&str> = site.langs.iter().skip(1).map(|l| l.lang.code.as_str()).collect();
        format!("`{code}` is not a translation language of this site (translations: {})", others.join(", "))
    })?;
    let default = &site.langs[0];
    let translated: BTreeMap<&str, ()> = lang
        .pages
        .iter()
        .filter(|p| p.text == TextStatus::Translated)
        .map(|p| (p.rel.as_str(), ()))
        .chain(lang.quizzes.iter().filter(|q| q.text == TextStatus::Translated).map(|q| (q.rel.as_str(), ())))
        .collect();
    let prefix = format!("content/{code}/");
    let wanted: Vec<String> = if all {
        translated.keys().map(|s| s.to_string()).collect()
    } else {
        files.iter().map(|f| crate::model::url::nfc(&f.replace('\\', "/")).trim_start_matches("./").trim_start_matches(&prefix).to_string()).collect()
    };
    if wanted.is_empty() {
        return Err("name the files to mark, or pass --all".into());
    }
    let mut stamps = Stamps::load(&site.root, code, &mut Diagnostics::new());
    for rel in &wanted {
        if !translated.contains_key(rel.as_str()) {
            return Err(format!("content/{code}/{rel} is not a translated page or quiz of this site"));
        }
        let original = crate::files::read_inside(&site.root, &Path::new("content").join(&default.lang.code).join(rel), crate::files::MAX_PAGE_BYTES)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| format!("content/{}/{rel}: {}", default.lang.code, e.message()))?;
        let text = original.strip_prefix('\u{feff}').unwrap_or(&original);
        stamps.entries.insert(rel.clone(), Stamp { hash: crate::files::sha256_hex(text), source: text.to_string() });
    }
    let path = stamp_path(&site.root, code);
    match crate::files::probe(&path) {
        Ok(_) | Err(crate::files::FileProblem::Missing) => {}
        Err(p) => return Err(format!("content/{code}/{STAMP_FILE}: {}", p.message())),
    }
    std::fs::write(path, stamps.to_yaml()).map_err(|e| format!("cannot write the stamps: {e}"))?;
    Ok(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_changed_lines_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\nnew\n";
        let d = diff(old, new);
        assert!(d.contains("- e\n+ E\n"), "{d}");
        assert!(d.contains("+ new\n"));
        assert!(!d.contains("  a\n"), "far context is elided: {d}");
        assert_eq!(diff("same\n", "same\n"), "");
    }

    #[test]
    fn stamps_round_trip() {
        let mut s = Stamps::default();
        s.entries.insert("a.md".into(), Stamp { hash: "h".into(), source: "line: 1\n---\n".into() });
        let text = s.to_yaml();
        let back: BTreeMap<String, Stamp> = yaml::parse(&text, 1).unwrap();
        assert_eq!(back, s.entries);
        assert!(s.is_outdated("a.md", "other"));
        assert!(!s.is_outdated("a.md", "h"));
        assert!(!s.is_outdated("b.md", "x"));
    }

    #[test]
    fn stamps_written_with_decomposed_names_are_found_by_the_composed_ones() {
        let stamp = |hash: &str| Stamp { hash: hash.into(), source: String::new() };
        let decomposed = "cafe\u{301}/lec\u{327}on.md";
        let s = Stamps::from_entries(BTreeMap::from([(decomposed.to_string(), stamp("old")), ("a.md".into(), stamp("a"))]));
        assert!(!s.is_outdated("café/leçon.md", "old"));
        assert!(s.is_outdated("café/leçon.md", "new"));
        assert!(!s.entries.contains_key(decomposed));
        // Both spellings: the composed one was written last (by a kyklos that composes names).
        let both = Stamps::from_entries(BTreeMap::from([("cafe\u{301}.md".to_string(), stamp("old")), ("café.md".to_string(), stamp("new"))]));
        assert_eq!(both.entries.len(), 1);
        assert!(!both.is_outdated("café.md", "new"));
    }
}
