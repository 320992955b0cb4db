//! `kyklos new DIR [--lang en,el,…]`: a starter site that builds at once and shows every part
//! of the content contract: a course with a module, two lessons and a quiz, a guide with two
//! phases, a collection with one practice, an About page, a home page in every language, and
//! AUTHORS.md, which explains the folder to people who do not program.

use std::path::Path;

use crate::model::lang::Language;

/// The starter in each language it is written in, by language code (see [`Starter`]): a
/// primary language, or a regional one that writes differently (Brazilian Portuguese);
/// English is the first.
const STARTERS: &[(&str, &str)] = &[
    ("en", include_str!("new/starter/en.txt")),
    ("ar", include_str!("new/starter/ar.txt")),
    ("cs", include_str!("new/starter/cs.txt")),
    ("de", include_str!("new/starter/de.txt")),
    ("el", include_str!("new/starter/el.txt")),
    ("es", include_str!("new/starter/es.txt")),
    ("fa", include_str!("new/starter/fa.txt")),
    ("fr", include_str!("new/starter/fr.txt")),
    ("it", include_str!("new/starter/it.txt")),
    ("pt", include_str!("new/starter/pt.txt")),
    ("pt-BR", include_str!("new/starter/pt-BR.txt")),
    ("uk", include_str!("new/starter/uk.txt")),
];

/// The starter site in one language: the site's settings (`title`, `description`, `author`,
/// `attribution`) and its files, (path inside `content/{L}/`, contents). Written as one text
/// file per language: a line `@@@ site` or `@@@ path` starts each part.
struct Starter {
    site: Vec<(&'static str, &'static str)>,
    files: Vec<(&'static str, &'static str)>,
}

impl Starter {
    fn parse(text: &'static str) -> Starter {
        let mut starter = Starter { site: Vec::new(), files: Vec::new() };
        for part in text.split("@@@ ").filter(|p| !p.is_empty()) {
            let (name, body) = part.split_once('\n').unwrap_or((part, ""));
            if name == "site" {
                starter.site = body.lines().filter_map(|l| l.split_once(": ")).collect();
            } else {
                starter.files.push((name, body));
            }
        }
        starter
    }

    /// The starter written in `code`'s language: its region's own (`pt-BR`, `pt_br`), else
    /// its primary language's, if there is one.
    fn of(code: &str) -> Option<Starter> {
        let region = code.replace('_', "-");
        let primary = code.split(['-', '_']).next().unwrap_or(code);
        let found = |c: &str| STARTERS.iter().find(|s| s.0.eq_ignore_ascii_case(c));
        found(&region).or_else(|| found(primary)).map(|s| Starter::parse(s.1))
    }

    fn english() -> Starter {
        Starter::parse(STARTERS[0].1)
    }

    fn setting(&self, key: &str) -> &'static str {
        self.site.iter().find(|s| s.0 == key).map_or("", |s| s.1)
    }

    fn file(&self, rel: &str) -> Option<&'static str> {
        self.files.iter().find(|f| f.0 == rel).map(|f| f.1)
    }
}

/// A YAML double-quoted string (JSON's escapes are YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

const AUTHORS: &str = include_str!("new/authors.md");

/// The languages of a new site from `--lang`: known codes, no repeats; the first is the default.
pub fn languages(codes: &[String]) -> Result<Vec<Language>, String> {
    let mut out: Vec<Language> = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let lang = Language::new(code, None, None).map_err(|e| format!("--lang: {e}"))?;
        if out.iter().any(|l| l.code.eq_ignore_ascii_case(code)) {
            return Err(format!("--lang: `{code}` is listed twice"));
        }
        out.push(lang);
    }
    if out.is_empty() {
        out.push(Language::new("en", None, None)?);
    }
    Ok(out)
}

/// site.yaml for the languages (the first is the default): the settings in the default
/// language's starter, translated for the others that have one.
fn site_yaml(langs: &[Language], default: &Starter) -> String {
    let mut y = format!(
        "# Your site: see the README for every setting.\ntitle: {}\ndescription: {}\nlanguages:\n",
        quoted(default.setting("title")),
        quoted(default.setting("description"))
    );
    for l in langs {
        y.push_str(&format!("  - code: {}\n    name: {}\n", l.code, l.name));
    }
    y.push_str(&format!("license: CC-BY-4.0\nauthors:\n  - {}\nattribution: {}\n", quoted(default.setting("author")), quoted(default.setting("attribution"))));
    let translated: Vec<(&Language, Starter)> = langs[1..].iter().filter_map(|l| Some((l, Starter::of(&l.code)?))).collect();
    if !translated.is_empty() {
        y.push_str("translations:\n");
        for (l, s) in &translated {
            y.push_str(&format!("  {}:\n", l.code));
            for key in ["title", "description", "attribution"] {
                y.push_str(&format!("    {key}: {}\n", quoted(s.setting(key))));
            }
        }
    }
    y.push_str("# funding: \"Co-funded by the Erasmus+ Programme of the European Union.\"\n# colors:\n#   primary: \"#1d4f91\"\n# scorm: both   # both | \"1.2\" | \"2004\" | off\n");
    y
}

/// Every file of the starter site: (path inside the site, contents). The pages are in the
/// default language where kyklos has a starter in it, otherwise in English; every other
/// language with a starter gets its home page in its own words. A language without one gets
/// no page: its site shows the default language's, marked with that language and "not
/// translated yet", rather than a placeholder in another language marked as its own. Pure.
pub fn files(langs: &[Language]) -> Vec<(String, String)> {
    let default = &langs[0].code;
    let starter = Starter::of(default).unwrap_or_else(Starter::english);
    let mut out = vec![("site.yaml".to_string(), site_yaml(langs, &starter)), ("AUTHORS.md".to_string(), AUTHORS.replace("{L}", default))];
    out.extend(starter.files.iter().map(|(rel, text)| (format!("content/{default}/{rel}"), text.to_string())));
    for l in &langs[1..] {
        if let Some(home) = Starter::of(&l.code).and_then(|s| s.file("index.md")) {
            out.push((format!("content/{}/index.md", l.code), home.to_string()));
        }
    }
    out
}

/// Writes the starter site into `dir`, which must not exist or be empty.
pub fn create(dir: &Path, codes: &[String]) -> Result<usize, String> {
    let langs = languages(codes)?;
    if dir.exists() && std::fs::read_dir(dir).map_err(|e| e.to_string())?.next().is_some() {
        return Err(format!("{} is not empty; choose a new folder", dir.display()));
    }
    let files = files(&langs);
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_checked_and_the_first_is_the_default() {
        let langs = languages(&["en".into(), "el".into(), "ar".into()]).unwrap();
        assert_eq!(langs.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["English", "Ελληνικά", "العربية"]);
        assert_eq!(languages(&[]).unwrap()[0].code, "en");
        assert!(languages(&["en".into(), "EN".into()]).unwrap_err().contains("twice"));
        assert!(languages(&["english".into()]).is_err());
        let files = files(&langs);
        let home = |code: &str| files.iter().find(|f| f.0 == format!("content/{code}/index.md")).unwrap().1.clone();
        assert!(home("el").contains("Καλώς ήρθατε") && home("el").contains("(01-course/index.md)"), "the Greek starter's home page");
        assert!(home("ar").contains("مرحبًا"));
        let yaml = &files[0].1;
        assert!(yaml.contains("  - code: el\n    name: Ελληνικά\n"));
        assert!(files.iter().any(|f| f.0 == "content/en/02-guide/01-prepare.md"));
        assert!(files.iter().any(|f| f.0 == "AUTHORS.md" && f.1.contains("content/en/")));
    }

    #[test]
    fn every_language_with_built_in_strings_has_a_starter() {
        for (code, _) in crate::i18n::BUILTIN {
            assert!(STARTERS.iter().any(|s| s.0 == *code), "{code}");
        }
    }

    #[test]
    fn every_starter_has_the_english_files_and_settings() {
        let english = Starter::english();
        let paths = |s: &Starter| s.files.iter().map(|f| f.0).collect::<Vec<_>>();
        assert_eq!(paths(&english).len(), 12);
        for (code, text) in STARTERS {
            let s = Starter::parse(text);
            assert_eq!(paths(&s), paths(&english), "{code}");
            for key in ["title", "description", "author", "attribution"] {
                assert!(!s.setting(key).is_empty(), "{code}: {key}");
            }
            for (rel, body) in &s.files {
                let front = rel.ends_with(".md");
                assert!(!front || body.starts_with("---\n"), "{code}: {rel} starts with its front matter");
                assert!(body.ends_with('\n') && !body.ends_with("\n\n"), "{code}: {rel} ends with one line break");
            }
        }
    }

    #[test]
    fn a_default_language_without_a_starter_gets_the_english_one() {
        let files = files(&languages(&["sv".into(), "en".into()]).unwrap());
        let lesson = files.iter().find(|f| f.0 == "content/sv/01-course/01-first-module/01-first-lesson.md").unwrap();
        assert!(lesson.1.contains("title: The first lesson"));
        assert!(files[0].1.contains("title: \"My open course\""));
        assert!(files.iter().any(|f| f.0 == "content/en/index.md" && f.1.contains("[a short course](01-course/index.md)")));
    }

    #[test]
    fn a_language_without_a_starter_gets_no_page_in_another_language() {
        // `--lang fr,pl,hi,ur` wrote an English "Welcome … This site holds a short course"
        // as the Polish, Hindi and Urdu home pages: English text marked as each of them.
        let files = files(&languages(&["fr".into(), "pl".into(), "hi".into(), "ur".into()]).unwrap());
        for code in ["pl", "hi", "ur"] {
            assert!(!files.iter().any(|f| f.0.starts_with(&format!("content/{code}/"))), "{code}");
        }
        assert!(files.iter().any(|f| f.0 == "content/fr/index.md" && f.1.contains("title: Bienvenue")));
        assert!(!files.iter().any(|f| f.1.contains("This site holds")), "no English page on a French site");
    }

    #[test]
    fn brazilian_portuguese_gets_its_own_starter() {
        for code in ["pt-BR", "pt-br", "PT-br"] {
            let files = files(&languages(&[code.into()]).unwrap());
            let all: String = files.iter().map(|f| f.1.as_str()).collect();
            assert!(all.contains("title: \"Meu curso aberto\"") && all.contains("arquivo"), "{code}");
            assert!(!all.contains("ficheiro") && !all.contains("O meu"), "{code}: European Portuguese");
        }
        let pt = files(&languages(&["pt-PT".into()]).unwrap());
        assert!(pt.iter().any(|f| f.1.contains("ficheiro")), "pt-PT keeps the European starter");
        let second = files(&languages(&["en".into(), "pt-BR".into()]).unwrap());
        assert!(second[0].1.contains("  pt-BR:\n    title: \"Meu curso aberto\""), "{}", second[0].1);
    }

    #[test]
    fn settings_are_quoted_for_yaml() {
        assert_eq!(quoted("Kurs: \"Erste\" Schritte"), r#""Kurs: \"Erste\" Schritte""#);
        let yaml = site_yaml(&languages(&["en".into()]).unwrap(), &Starter::english());
        let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(&yaml).unwrap();
        assert_eq!(v["title"].as_str(), Some("My open course"));
        assert_eq!(v["authors"][0].as_str(), Some("Your organisation"));
    }
}
