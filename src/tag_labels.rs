//! The headings of a collection's tag groups, and what `check` says about them (after the
//! strings step of the pipeline).
//!
//! A practice's `tags:` name groups by key (`country: [Greece]`). A group's heading on the
//! collection's filters, its tag pages and a practice's tag list is the interface string
//! `tag_group_<key>` (built in for `country`, `sector` and `target_group`; any other group in
//! the site's `i18n/<lang>.yaml`). A group without one is headed by its key made readable
//! (`land` → "Land"), and `check` warns, at the group's key in the first page that uses it,
//! naming the exact string to add and the languages that lack it.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::model::Site;

/// The interface string that heads the tag group `group`.
pub fn key(group: &str) -> String {
    format!("tag_group_{group}")
}

/// The heading of the tag group `group`: its interface string, else its key made readable.
pub fn label(t: &Strings, group: &str) -> String {
    let key = key(group);
    let label = t.get(&key);
    if label == key {
        humanise(group)
    } else {
        label
    }
}

/// A tag group's key as a heading: `target_group` → "Target group", `land` → "Land".
pub fn humanise(group: &str) -> String {
    let words = group.replace(['_', '-'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Warnings for tag groups of the site's own (not built in) that lack a heading in a language
/// whose collections use them: one per group, at the group's key in the first page (default
/// language first) that uses it. `strings` are the languages' strings in the order of
/// `site.langs`; `read` gives a page's source text (for the position only).
pub fn check(site: &Site, strings: &[Strings], read: &dyn Fn(&Path) -> Option<String>) -> Vec<Diagnostic> {
    let mut missing: Vec<Missing> = Vec::new();
    for (lang, t) in site.langs.iter().zip(strings) {
        for id in 0..lang.pages.len() {
            if lang.effective_kind(id) != crate::model::Kind::Collection || !lang.pages[id].is_section {
                continue;
            }
            for p in lang.practices(id) {
                for group in lang.pages[p].front.tags.keys() {
                    if Strings::is_builtin(&key(group)) || t.has_own(&key(group)) {
                        continue;
                    }
                    let at = match missing.iter().position(|m| &m.group == group) {
                        Some(at) => at,
                        None => {
                            missing.push(Missing { group: group.clone(), source: lang.pages[p].source.clone(), langs: Vec::new() });
                            missing.len() - 1
                        }
                    };
                    let langs = &mut missing[at].langs;
                    if !langs.iter().any(|(code, _)| code == &lang.lang.code) {
                        langs.push((lang.lang.code.clone(), label(t, group)));
                    }
                }
            }
        }
    }
    missing.iter().map(|m| m.warning(read)).collect()
}

/// A tag group without a heading in some languages.
struct Missing {
    group: String,
    /// The first page that uses it.
    source: std::path::PathBuf,
    /// The languages without a heading, each with what it shows instead.
    langs: Vec<(String, String)>,
}

impl Missing {
    fn warning(&self, read: &dyn Fn(&Path) -> Option<String>) -> Diagnostic {
        let (group, langs) = (&self.group, &self.langs);
        let (line, col) = read(&self.source).map_or((0, 0), |text| position(&text, group));
        let codes: Vec<String> = langs.iter().map(|(code, _)| format!("`{code}`")).collect();
        let mut shown: Vec<&str> = langs.iter().map(|(_, s)| s.as_str()).collect();
        shown.dedup();
        let shown = if shown.len() == 1 {
            format!("“{}”", shown[0])
        } else {
            langs.iter().map(|(code, s)| format!("{code}: “{s}”")).collect::<Vec<_>>().join(", ")
        };
        let files: Vec<String> = langs.iter().map(|(code, _)| format!("i18n/{code}.yaml")).collect();
        Diagnostic::warning(
            &self.source,
            line,
            col,
            format!("the tag group `{group}` has no heading in {}: its filters and tag lists are headed {shown}", join(&codes)),
        )
        .with_hint(format!("add `{}: <the heading>` to {}", key(group), join(&files)))
    }
}

/// "a", "a and b", "a, b and c".
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The 1-based line and column of the key `group` under `tags:` in a page's front matter (the
/// `tags:` line itself for a flow mapping such as `tags: {land: [Austria]}`); (0, 0) when the
/// page has no `tags:`.
fn position(text: &str, group: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    // the front matter: from the first `---` to the next
    let end = lines.iter().skip(1).position(|l| l.trim_end() == "---").map_or(lines.len(), |i| i + 1);
    let Some(tags) = (0..end).find(|&i| lines[i].trim_start().starts_with("tags:")) else { return (0, 0) };
    let col_of = |line: &str, at: usize| line[..at].chars().count() + 1;
    for (i, line) in lines.iter().enumerate().take(end).skip(tags + 1) {
        let trimmed = line.trim_start();
        if !line.starts_with([' ', '\t']) && !trimmed.is_empty() {
            break; // the next top-level key: the tags are over
        }
        for written in [group.to_string(), format!("\"{group}\""), format!("'{group}'")] {
            if trimmed.strip_prefix(written.as_str()).is_some_and(|rest| rest.trim_start().starts_with(':')) {
                return (i + 1, col_of(line, line.len() - trimmed.len()));
            }
        }
    }
    let line = lines[tags];
    let at = line.find(&format!("{group}:")).or_else(|| line.find("tags:")).unwrap_or(0);
    (tags + 1, col_of(line, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_key_is_made_readable() {
        assert_eq!(humanise("land"), "Land");
        assert_eq!(humanise("target_group"), "Target group");
        assert_eq!(humanise("age-range"), "Age range");
        assert_eq!(humanise("країна"), "Країна");
        assert_eq!(humanise(""), "");
    }

    #[test]
    fn the_heading_is_the_interface_string_else_the_readable_key() {
        let table = |yaml: &str| crate::yaml::parse::<crate::i18n::Table>(yaml, 1).unwrap();
        let de = Strings::new("de", table("tag_group_bereich: Arbeitsbereich\n"), crate::i18n::Table::new(), "de");
        assert_eq!(label(&de, "country"), "Land", "built in");
        assert_eq!(label(&de, "bereich"), "Arbeitsbereich", "the site's");
        assert_eq!(label(&de, "zielgruppe"), "Zielgruppe", "the key, readable");
        assert!(de.has_own("tag_group_bereich") && !de.has_own("tag_group_zielgruppe"));
        // Ukrainian without its own string shows the default language's (German) heading.
        let uk = Strings::new("uk", crate::i18n::Table::new(), table("tag_group_bereich: Arbeitsbereich\n"), "de");
        assert_eq!(label(&uk, "bereich"), "Arbeitsbereich");
        assert!(!uk.has_own("tag_group_bereich"));
        assert!(Strings::is_builtin("tag_group_target_group") && !Strings::is_builtin("tag_group_bereich"));
    }

    #[test]
    fn the_position_is_the_group_key_under_tags() {
        let page = "---\ntitle: Lotsen\ntags:\n  land: [Deutschland]\n  \"bereich\": [Bürgeramt]\nlevel: A\n---\nland: not a tag\n";
        assert_eq!(position(page, "land"), (4, 3));
        assert_eq!(position(page, "bereich"), (5, 3));
        // a group that is not under tags (only in the body): the `tags:` line
        assert_eq!(position(page, "level"), (3, 1));
        assert_eq!(position("---\ntitle: X\ntags: {land: [Österreich]}\n---\n", "land"), (3, 8));
        assert_eq!(position("---\ntitle: X\n---\ntags:\n  land: [A]\n", "land"), (0, 0), "tags in the body are not front matter");
    }

    #[test]
    fn languages_are_listed_in_words() {
        assert_eq!(join(&["a".into()]), "a");
        assert_eq!(join(&["a".into(), "b".into()]), "a and b");
        assert_eq!(join(&["a".into(), "b".into(), "c".into()]), "a, b and c");
    }
}
