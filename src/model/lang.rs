//! Languages: a BCP 47 code, the language's own name and its writing direction.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Language {
    /// As written in site.yaml and used as folder name: `en`, `pt-BR`.
    pub code: String,
    /// The language's name in itself: "Ελληνικά".
    pub name: String,
    pub direction: Direction,
}

/// Languages whose names and direction kyklos knows without being told.
const KNOWN: &[(&str, &str, Direction)] = &[
    ("ar", "العربية", Direction::Rtl),
    ("bg", "Български", Direction::Ltr),
    ("ca", "Català", Direction::Ltr),
    ("cs", "Čeština", Direction::Ltr),
    ("da", "Dansk", Direction::Ltr),
    ("de", "Deutsch", Direction::Ltr),
    ("el", "Ελληνικά", Direction::Ltr),
    ("en", "English", Direction::Ltr),
    ("es", "Español", Direction::Ltr),
    ("et", "Eesti", Direction::Ltr),
    ("fa", "فارسی", Direction::Rtl),
    ("fi", "Suomi", Direction::Ltr),
    ("fr", "Français", Direction::Ltr),
    ("ga", "Gaeilge", Direction::Ltr),
    ("he", "עברית", Direction::Rtl),
    ("hi", "हिन्दी", Direction::Ltr),
    ("hr", "Hrvatski", Direction::Ltr),
    ("hu", "Magyar", Direction::Ltr),
    ("it", "Italiano", Direction::Ltr),
    ("ja", "日本語", Direction::Ltr),
    ("ko", "한국어", Direction::Ltr),
    ("lt", "Lietuvių", Direction::Ltr),
    ("lv", "Latviešu", Direction::Ltr),
    ("mk", "Македонски", Direction::Ltr),
    ("mt", "Malti", Direction::Ltr),
    ("nl", "Nederlands", Direction::Ltr),
    ("pl", "Polski", Direction::Ltr),
    ("ps", "پښتو", Direction::Rtl),
    ("pt", "Português", Direction::Ltr),
    ("ro", "Română", Direction::Ltr),
    ("ru", "Русский", Direction::Ltr),
    ("sk", "Slovenčina", Direction::Ltr),
    ("sl", "Slovenščina", Direction::Ltr),
    ("so", "Soomaali", Direction::Ltr),
    ("sq", "Shqip", Direction::Ltr),
    ("sr", "Српски", Direction::Ltr),
    ("sv", "Svenska", Direction::Ltr),
    ("th", "ไทย", Direction::Ltr),
    ("ti", "ትግርኛ", Direction::Ltr),
    ("tr", "Türkçe", Direction::Ltr),
    ("uk", "Українська", Direction::Ltr),
    ("ur", "اردو", Direction::Rtl),
    ("vi", "Tiếng Việt", Direction::Ltr),
    ("zh", "中文", Direction::Ltr),
];

impl Language {
    /// A language from its code; name and direction default from the built-in table.
    pub fn new(code: &str, name: Option<String>, direction: Option<Direction>) -> Result<Language, String> {
        if !is_language_tag(code) {
            return Err(format!("`{code}` is not a language code"));
        }
        let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
        let known = KNOWN.iter().find(|(c, _, _)| *c == primary);
        let name = match (name, known) {
            (Some(n), _) => n,
            (None, Some((_, n, _))) => (*n).to_string(),
            (None, None) => return Err(format!("kyklos does not know the name of language `{code}`; add `name:`")),
        };
        let direction = direction.or(known.map(|k| k.2)).unwrap_or_default();
        Ok(Language { code: code.to_string(), name, direction })
    }
}

/// Country codes and common abbreviations written where a language code belongs.
const LOOKALIKES: &[(&str, &str)] = &[
    ("gr", "el"),
    ("gk", "el"),
    ("gre", "el"),
    ("jp", "ja"),
    ("cn", "zh"),
    ("dk", "da"),
    ("cz", "cs"),
    ("ua", "uk"),
    ("kr", "ko"),
    ("ir", "fa"),
    ("per", "fa"),
    ("il", "he"),
    ("gb", "en"),
    ("us", "en"),
    ("eng", "en"),
    ("at", "de"),
    ("ger", "de"),
    ("deu", "de"),
    ("sp", "es"),
    ("esp", "es"),
    ("spa", "es"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("ita", "it"),
    ("por", "pt"),
    ("br", "pt"),
    ("ara", "ar"),
    ("vn", "vi"),
    ("se", "sv"),
    ("swe", "sv"),
    ("al", "sq"),
    ("rs", "sr"),
    ("tur", "tr"),
    ("rus", "ru"),
    ("pol", "pl"),
    ("ukr", "uk"),
    ("ell", "el"),
    ("nld", "nl"),
    ("dut", "nl"),
];

/// The language code that an unknown `code` most likely means: a country code (`gr` → `el`),
/// a three-letter abbreviation, or a language's own name (`english`, `Ελληνικά`).
pub fn suggest_code(code: &str) -> Option<&'static str> {
    let lower = code.trim().to_lowercase();
    if let Some((_, to)) = LOOKALIKES.iter().find(|(from, _)| *from == lower) {
        return Some(to);
    }
    let english = [
        ("english", "en"),
        ("greek", "el"),
        ("german", "de"),
        ("spanish", "es"),
        ("french", "fr"),
        ("arabic", "ar"),
        ("persian", "fa"),
        ("farsi", "fa"),
        ("italian", "it"),
        ("portuguese", "pt"),
        ("ukrainian", "uk"),
        ("turkish", "tr"),
        ("russian", "ru"),
        ("polish", "pl"),
        ("czech", "cs"),
        ("dutch", "nl"),
        ("swedish", "sv"),
    ];
    if let Some((_, c)) = english.iter().find(|(n, _)| *n == lower) {
        return Some(c);
    }
    if let Some((c, _, _)) = KNOWN.iter().find(|(_, name, _)| name.to_lowercase() == lower) {
        return Some(c);
    }
    KNOWN.iter().find(|(c, _, _)| *c == lower && *c != code).map(|(c, _, _)| *c)
}

/// The writing direction of the language `code` (a valid tag): from the built-in table, by its
/// primary subtag; left to right for a language kyklos does not know.
pub fn direction_of(code: &str) -> Direction {
    let primary = code.split('-').next().unwrap_or(code).to_ascii_lowercase();
    KNOWN.iter().find(|(c, _, _)| *c == primary).map_or(Direction::Ltr, |k| k.2)
}

/// A light BCP 47 check: 2–3 letter primary subtag, then alphanumeric subtags of 1–8.
pub fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary_ok = parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_name_and_direction() {
        let fa = Language::new("fa", None, None).unwrap();
        assert_eq!(fa.direction, Direction::Rtl);
        let br = Language::new("pt-BR", Some("Português do Brasil".into()), None).unwrap();
        assert_eq!(br.direction, Direction::Ltr);
        assert!(Language::new("english", None, None).is_err());
        assert!(Language::new("xx", None, None).is_err());
        assert!(Language::new("xx", Some("Xx".into()), None).is_ok());
        assert_eq!(suggest_code("gr"), Some("el"));
        assert_eq!(suggest_code("JP"), Some("ja"));
        assert_eq!(suggest_code("english"), Some("en"));
        assert_eq!(suggest_code("Ελληνικά"), Some("el"));
        assert_eq!(suggest_code("EL"), Some("el"));
        assert_eq!(suggest_code("xx"), None);
    }

    #[test]
    fn a_suggested_code_is_a_known_language() {
        // `jp` suggests `ja`: `ja` (and the other languages suggest_code names) must then be
        // accepted without a `name:`, as `kyklos new --lang ja` offers no way to give one.
        for (_, to) in LOOKALIKES {
            assert!(Language::new(to, None, None).is_ok(), "{to}");
        }
        let names = |codes: &[&str]| codes.iter().map(|c| Language::new(c, None, None).unwrap().name).collect::<Vec<_>>();
        assert_eq!(names(&["ja", "zh-Hant-TW", "ko", "pt-BR"]), ["日本語", "中文", "한국어", "Português"]);
        assert_eq!(Language::new("zh-Hant-TW", None, None).unwrap().code, "zh-Hant-TW");
    }
}
