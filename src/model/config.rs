//! `site.yaml` → [`Config`]: parsed once, strictly, and validated into a value that cannot be
//! invalid (known licence, at least one language, unique language codes, readable colours).

pub mod journey;

use std::path::Path;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::compliance::{Accessibility, EuFunding};
use crate::model::lang::{Direction, Language};
use crate::model::licence::Licence;
use crate::yaml;

/// The site's settings, as the rest of the pipeline sees them.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: Option<String>,
    /// First = default language.
    pub languages: Vec<Language>,
    pub licence: Licence,
    pub authors: Vec<String>,
    pub attribution: Option<String>,
    pub base_url: Option<String>,
    pub funding: Option<String>,
    pub logo: Option<String>,
    pub logo_alt: Option<String>,
    /// Shorter site name after each page title in the browser tab (default: the title).
    pub title_suffix: Option<String>,
    /// Per-language values of the settings above (`translations: { el: { title: … } }`).
    pub translations: BTreeMap<String, SiteText>,
    pub colors: Colors,
    pub theme: String,
    /// Which SCORM versions to package (empty = packaging off).
    pub scorm: Vec<crate::scorm::Version>,
    /// Build a search index and show the search box (`search: off` leaves both out).
    pub search: bool,
    /// Highlight fenced code with syntect (`highlight: off` writes it as plain text).
    pub highlight: bool,
    /// Points, levels, badges and certificates in the learner's browser (`journey:`).
    pub journey: journey::Journey,
    /// The EU funding emblem and disclaimer (`eu_funding:`).
    pub eu_funding: Option<EuFunding>,
    /// The accessibility statement's settings (`accessibility:`).
    pub accessibility: Accessibility,
    /// A video or audio file larger than this (in MiB) gives a warning (default 50): SCORM
    /// packages must stay small enough to upload to an LMS.
    pub max_media_mb: u64,
    /// The text of site.yaml, to point later stages' errors at a key.
    pub text: String,
}

/// Brand colours; every one is checked for 4.5:1 contrast against the page background.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, expecting = "keys with values: primary, accent")]
pub struct Colors {
    /// Links, buttons, header band.
    pub primary: Option<String>,
    /// Highlights such as the current item in navigation.
    pub accent: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "keys with values: title, languages, license and the site's other settings")]
struct RawConfig {
    title: String,
    description: Option<String>,
    languages: Option<Vec<RawLanguage>>,
    #[serde(alias = "licence")]
    license: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    attribution: Option<String>,
    base_url: Option<String>,
    funding: Option<String>,
    logo: Option<String>,
    logo_alt: Option<String>,
    title_suffix: Option<String>,
    #[serde(default)]
    translations: BTreeMap<String, SiteText>,
    #[serde(default)]
    colors: Colors,
    theme: Option<String>,
    scorm: Option<yaml::Scalar>,
    search: Option<yaml::Scalar>,
    highlight: Option<yaml::Scalar>,
    journey: Option<journey::RawJourney>,
    eu_funding: Option<EuFunding>,
    #[serde(default)]
    accessibility: Accessibility,
    max_media_mb: Option<u64>,
}

/// The translatable site settings of one language (`translations.<code>` in site.yaml).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, expecting = "keys with values: title, description, attribution, funding, logo_alt, title_suffix")]
pub struct SiteText {
    pub title: Option<String>,
    pub description: Option<String>,
    pub attribution: Option<String>,
    pub funding: Option<String>,
    pub logo_alt: Option<String>,
    pub title_suffix: Option<String>,
}

/// One site setting as a page in some language shows it: `fallback` when it is the default
/// language's text because the setting is not translated (the page marks it with `lang`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Localized {
    pub text: String,
    pub fallback: bool,
}

/// The site settings resolved for one language.
#[derive(Debug, Clone, Serialize)]
pub struct SiteTexts {
    pub title: Localized,
    pub description: Option<Localized>,
    pub attribution: Option<Localized>,
    pub funding: Option<Localized>,
    pub logo_alt: Option<Localized>,
    pub title_suffix: Localized,
}

/// The translatable settings by key name, as site.yaml spells them.
pub const TRANSLATABLE: [&str; 6] = ["title", "description", "attribution", "funding", "logo_alt", "title_suffix"];

/// `- el` or `- {code: ar, direction: rtl}`, read by [`yaml::text_or_record`], so a record's
/// own errors come through (`unknown value `rlt``, with position).
#[derive(Debug)]
enum RawLanguage {
    Code(String),
    Full(FullLanguage),
}

impl<'de> Deserialize<'de> for RawLanguage {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let expecting = "a language code (`el`) or a record (`code: ar`, `name: …`, `direction: rtl`)";
        yaml::text_or_record(d, expecting, |code| RawLanguage::Code(code.to_string()), RawLanguage::Full)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "keys with values: code, name, direction")]
struct FullLanguage {
    code: String,
    name: Option<String>,
    direction: Option<Direction>,
}

pub const FILE_NAME: &str = "site.yaml";
/// The default of `max_media_mb`: many LMS installations refuse uploads much larger.
pub const DEFAULT_MAX_MEDIA_MB: u64 = 50;
/// site.yaml holds settings, never content: a few KiB.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

impl Config {
    /// Reads `<root>/site.yaml`; problems go to `diags` and yield `None`.
    pub fn from_root(root: &Path, diags: &mut Diagnostics) -> Option<Config> {
        Config::read_root(root, diags, false)
    }

    /// As [`Config::from_root`], but a site.yaml with errors still gives its settings (those in
    /// error left at their defaults) when its languages could be read, so that `check` and
    /// `build` report the content's problems in the same run. The errors are in `diags`, so
    /// nothing is written.
    pub fn from_root_to_check(root: &Path, diags: &mut Diagnostics) -> Option<Config> {
        Config::read_root(root, diags, true)
    }

    fn read_root(root: &Path, diags: &mut Diagnostics, keep: bool) -> Option<Config> {
        let path = root.join(FILE_NAME);
        let shown = Path::new(FILE_NAME);
        match crate::files::read_inside(root, &path, MAX_CONFIG_BYTES) {
            Ok(bytes) => match crate::files::decode(bytes) {
                Ok(text) => Config::parse_with(&text, shown, diags, keep),
                Err((line, col, message)) => {
                    diags.push(Diagnostic::error(shown, line, col, message).with_hint("save site.yaml as UTF-8 text"));
                    None
                }
            },
            Err(crate::files::FileProblem::Missing) => {
                diags.push(
                    Diagnostic::error(shown, 0, 0, "no site.yaml in the site folder")
                        .with_hint(format!("run kyklos in a site folder, pass --root DIR, or create one with `kyklos new DIR` (looked in {})", root.display())),
                );
                None
            }
            Err(p) => {
                diags.push(p.diagnostic(shown));
                None
            }
        }
    }

    /// Pure: the text of site.yaml → a validated Config, or diagnostics naming `shown`.
    /// Every problem at once: the keys and values YAML reads wrongly are reported and left
    /// out, then every check of the settings runs on what is left.
    pub fn parse(text: &str, shown: &Path, diags: &mut Diagnostics) -> Option<Config> {
        Config::parse_with(text, shown, diags, false)
    }

    /// `keep`: a Config also when a setting is in error (see [`Config::from_root_to_check`]).
    fn parse_with(text: &str, shown: &Path, diags: &mut Diagnostics, keep: bool) -> Option<Config> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let before = diags.error_count();
        let report = |diags: &mut Diagnostics, e: &yaml::YamlError| {
            let hint = e.hint.clone().unwrap_or_else(|| match e.message.starts_with("journey") {
                true => "see \"The learner's journey\" in the README for what `journey:` takes".into(),
                false => "see \"site.yaml\" in the README for every setting and the values it takes".into(),
            });
            diags.push(Diagnostic::error(shown, e.line, e.col, e.message.clone()).with_hint(hint));
        };
        let doc = match yaml::Doc::parse(text, 1) {
            Ok(doc) => doc,
            Err(errors) => {
                errors.iter().for_each(|e| report(diags, e));
                return None;
            }
        };
        let mut read = doc.read_all::<RawConfig>();
        read.errors.iter().for_each(|e| report(diags, e));
        let raw = read.value.take()?;
        let root = doc.root();
        let at = |key: &str| root.key_at(key);

        let mut languages = Vec::new();
        let listed = root.get("languages").map_or(&[][..], yaml::Node::items);
        let mut cursor = 0;
        let languages_before = diags.error_count();
        for raw_lang in raw.languages.unwrap_or_else(|| vec![RawLanguage::Code("en".into())]) {
            let (code, name, direction) = match raw_lang {
                RawLanguage::Code(code) => (code, None, None),
                RawLanguage::Full(f) => (f.code, f.name, f.direction),
            };
            // Where this code is written (the items left out for a problem are not in `raw`).
            let written = |n: &yaml::Node| n.scalar().or_else(|| n.get("code").and_then(yaml::Node::scalar)) == Some(code.as_str());
            let (l, c) = match listed.iter().skip(cursor).position(written) {
                Some(i) => {
                    cursor += i + 1;
                    let item = &listed[cursor - 1];
                    item.get("code").map_or(item.at(), yaml::Node::at)
                }
                None => at("languages"),
            };
            match Language::new(&code, name, direction) {
                // `en` and `EN` would be two folders on Linux and one on Windows and macOS.
                Ok(lang) if languages.iter().any(|l: &Language| l.code.eq_ignore_ascii_case(&lang.code)) => {
                    let first = languages.iter().find(|l: &&Language| l.code.eq_ignore_ascii_case(&lang.code)).map_or(code.clone(), |l| l.code.clone());
                    let msg = if first == code {
                        format!("language `{code}` is listed twice")
                    } else {
                        format!("language `{code}` is listed twice (also as `{first}`)")
                    };
                    diags.push(Diagnostic::error(shown, l, c, msg).with_hint("list each language once; codes do not depend on capital letters"));
                }
                Ok(lang) => languages.push(lang),
                Err(msg) => {
                    let hint = match crate::model::lang::suggest_code(&code) {
                        Some(best) => {
                            format!("did you mean `{best}`? (`{code}` is not a language code kyklos knows; languages use ISO 639 codes, not country codes)")
                        }
                        None => "use a BCP 47 code such as en, el, es, de, pt-BR, or add `name:` for a language kyklos does not know".to_string(),
                    };
                    diags.push(Diagnostic::error(shown, l, c, msg).with_hint(hint));
                }
            }
        }
        if languages.is_empty() && diags.error_count() == languages_before && !read.reported("languages") {
            let (l, c) = at("languages");
            diags.push(Diagnostic::error(shown, l, c, "no languages listed").with_hint("list at least one, e.g. `languages: [en]`"));
        }

        let licence = match Licence::from_spdx(raw.license.as_deref().unwrap_or("CC-BY-4.0")) {
            Ok(l) => Some(l),
            Err(hint) => {
                let (l, c) = at("license");
                let id = raw.license.clone().unwrap_or_default();
                diags.push(Diagnostic::error(shown, l, c, format!("unknown licence `{id}`")).with_hint(hint));
                None
            }
        };

        for (key, value) in [("primary", &raw.colors.primary), ("accent", &raw.colors.accent)] {
            if let Some(value) = value {
                if let Err((msg, hint)) = check_colour(value) {
                    let (l, c) = root.key_at_path(&["colors", key]);
                    diags.push(Diagnostic::error(shown, l, c, format!("colors.{key}: {msg}")).with_hint(hint));
                }
            }
        }
        if raw.logo.is_some() && raw.logo_alt.is_none() {
            let (l, c) = at("logo");
            diags.push(Diagnostic::error(shown, l, c, "a logo needs a text alternative").with_hint("add `logo_alt: Name of the organisation`"));
        }
        let mut theme = raw.theme.unwrap_or_else(|| "default".into());
        if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
            let (l, c) = at("theme");
            diags
                .push(Diagnostic::error(shown, l, c, format!("`{theme}` is not a theme name")).with_hint("name a folder under themes/, e.g. `theme: default`"));
            theme = "default".into();
        }
        use crate::scorm::Version;
        let scorm = match raw.scorm.as_ref().map(|s| s.0.trim().to_ascii_lowercase()).as_deref() {
            None | Some("both") => vec![Version::Scorm12, Version::Scorm2004],
            Some("1.2") => vec![Version::Scorm12],
            Some("2004") => vec![Version::Scorm2004],
            Some("off") | Some("false") | Some("none") => Vec::new(),
            Some(other) => {
                let (l, c) = at("scorm");
                diags.push(
                    Diagnostic::error(shown, l, c, format!("`scorm: {other}` is not a packaging choice"))
                        .with_hint("use `both` (default), `\"1.2\"`, `\"2004\"` or `off`"),
                );
                Vec::new()
            }
        };
        let mut switch = |key: &str, value: &Option<yaml::Scalar>| match value.as_ref().map(|s| s.0.trim().to_ascii_lowercase()).as_deref() {
            None | Some("on") | Some("true") | Some("yes") => true,
            Some("off") | Some("false") | Some("no") => false,
            Some(other) => {
                let (l, c) = at(key);
                diags.push(
                    Diagnostic::error(shown, l, c, format!("`{key}: {other}` is neither on nor off"))
                        .with_hint(format!("use `{key}: on` (default) or `{key}: off`")),
                );
                true
            }
        };
        let search = switch("search", &raw.search);
        let highlight = switch("highlight", &raw.highlight);
        let translations = root.get("translations");
        for code in raw.translations.keys() {
            let (l, c) = translations.map_or(at("translations"), |t| t.key_at(code));
            if !languages.iter().any(|lang: &Language| &lang.code == code) {
                diags.push(
                    Diagnostic::error(shown, l, c, format!("`translations.{code}`: `{code}` is not one of the site's languages"))
                        .with_hint("use a code listed under `languages:`"),
                );
            } else if languages.first().is_some_and(|d| &d.code == code) {
                diags.push(
                    Diagnostic::error(shown, l, c, format!("`translations.{code}`: `{code}` is the default language"))
                        .with_hint("the default language's settings are the top-level keys (title, description, …)"),
                );
            }
        }
        if let Some(url) = raw.base_url.as_deref() {
            if let Err(why) = check_base_url(url) {
                let (l, c) = at("base_url");
                diags.push(
                    Diagnostic::error(shown, l, c, format!("`base_url: {url}` {why}"))
                        .with_hint("write the address where the site is published, e.g. `base_url: https://example.org/course`"),
                );
            }
        }
        let journey = journey::Journey::validate(raw.journey, &doc, &languages, diags);
        check_compliance(&raw.eu_funding, &raw.accessibility, shown, root, diags);
        if raw.title.trim().is_empty() && !read.reported("title") {
            let (l, c) = at("title");
            diags.push(Diagnostic::error(shown, l, c, "the site title is empty").with_hint("give the site a title"));
        }

        if diags.error_count() > before && (!keep || languages.is_empty()) {
            return None;
        }
        let config = Config {
            title: raw.title,
            description: raw.description,
            languages,
            licence: licence.or_else(|| Licence::from_spdx("CC-BY-4.0").ok())?,
            authors: raw.authors,
            attribution: raw.attribution,
            base_url: raw.base_url.map(|u| u.trim_end_matches('/').to_string()),
            funding: raw.funding,
            logo: raw.logo,
            logo_alt: raw.logo_alt,
            title_suffix: raw.title_suffix,
            translations: raw.translations,
            colors: raw.colors,
            theme,
            scorm,
            search,
            highlight,
            journey,
            eu_funding: raw.eu_funding,
            accessibility: raw.accessibility,
            max_media_mb: raw.max_media_mb.unwrap_or(DEFAULT_MAX_MEDIA_MB),
            text: text.to_string(),
        };
        for lang in config.languages.iter().skip(1) {
            let missing = config.untranslated_settings(&lang.code);
            if !missing.is_empty() {
                let (l, c) = translations.filter(|_| config.translations.contains_key(&lang.code)).map_or(at("title"), |t| t.key_at(&lang.code));
                diags.push(
                    Diagnostic::warning(
                        shown,
                        l,
                        c,
                        format!("site settings not translated into `{}`: {} (shown in the default language)", lang.code, missing.join(", ")),
                    )
                    .with_hint(format!("add them under `translations:` → `{}:` in site.yaml (see the README, \"Translating site settings\")", lang.code)),
                );
            }
        }
        Some(config)
    }

    /// The line and column of a top-level key of site.yaml ((0, 0) when it is not written).
    pub fn position(&self, key: &str) -> (usize, usize) {
        yaml::find_key_line(&self.text, key, None, 1).unwrap_or((0, 0))
    }

    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The site settings in language `code`: its translation where given, else the default's.
    pub fn site_texts(&self, code: &str) -> SiteTexts {
        let own = self.translations.get(code);
        let is_default = self.default_language().code == code;
        let pick = |mine: Option<&String>, default: Option<&String>| -> Option<Localized> {
            match mine.filter(|s| !s.trim().is_empty()) {
                Some(text) => Some(Localized { text: text.clone(), fallback: false }),
                None => default.map(|d| Localized { text: d.clone(), fallback: !is_default }),
            }
        };
        let title = pick(own.and_then(|t| t.title.as_ref()), Some(&self.title)).unwrap_or(Localized { text: self.title.clone(), fallback: false });
        SiteTexts {
            // Without a suffix, tab titles end with the (translated) site title.
            title_suffix: pick(own.and_then(|t| t.title_suffix.as_ref()), self.title_suffix.as_ref()).unwrap_or_else(|| title.clone()),
            title,
            description: pick(own.and_then(|t| t.description.as_ref()), self.description.as_ref()),
            attribution: pick(own.and_then(|t| t.attribution.as_ref()), self.attribution.as_ref()),
            funding: pick(own.and_then(|t| t.funding.as_ref()), self.funding.as_ref()),
            logo_alt: pick(own.and_then(|t| t.logo_alt.as_ref()), self.logo_alt.as_ref()),
        }
    }

    /// The translatable settings the default language has and language `code` lacks.
    pub fn untranslated_settings(&self, code: &str) -> Vec<&'static str> {
        let own = self.translations.get(code).cloned().unwrap_or_default();
        let has = |v: &Option<String>| v.as_ref().is_some_and(|s| !s.trim().is_empty());
        let pairs = [
            (true, has(&own.title)),
            (has(&self.description), has(&own.description)),
            (has(&self.attribution), has(&own.attribution)),
            (has(&self.funding), has(&own.funding)),
            (has(&self.logo_alt), has(&own.logo_alt)),
            (has(&self.title_suffix), has(&own.title_suffix)),
        ];
        TRANSLATABLE.iter().zip(pairs).filter(|(_, (wanted, given))| *wanted && !*given).map(|(k, _)| *k).collect()
    }
}

/// The EU settings: a named granting authority, a feedback contact that is a link, a date.
fn check_compliance(eu: &Option<EuFunding>, a11y: &Accessibility, shown: &Path, root: &yaml::Node, diags: &mut Diagnostics) {
    if eu.as_ref().is_some_and(|e| e.authority.trim().is_empty()) {
        let (l, c) = root.key_at_path(&["eu_funding", "authority"]);
        diags.push(
            Diagnostic::error(shown, l, c, "`eu_funding.authority` is empty")
                .with_hint("name the granting authority, e.g. `authority: the Hellenic National Agency for Erasmus+ (IKY)`"),
        );
    }
    if let Some(contact) = &a11y.contact {
        if let Err(hint) = crate::model::compliance::contact_href(contact) {
            let (l, c) = root.key_at_path(&["accessibility", "contact"]);
            diags.push(Diagnostic::error(shown, l, c, format!("`accessibility.contact: {contact}` is not an address")).with_hint(hint));
        }
    }
    if let Some(date) = a11y.date.as_deref().filter(|d| !crate::model::compliance::valid_date(d)) {
        let (l, c) = root.key_at_path(&["accessibility", "date"]);
        diags.push(
            Diagnostic::error(shown, l, c, format!("`accessibility.date: {date}` is not a date"))
                .with_hint("write the date as YYYY-MM-DD, e.g. `date: 2026-12-04`"),
        );
    }
}

/// Why `url` cannot be the published address of the site (it goes into every page's canonical
/// link, the sitemap and credits), if it cannot: an `http(s)://` address with a host, and
/// nothing a URL or HTML reads otherwise (spaces, quotes, a query or a fragment).
fn check_base_url(url: &str) -> Result<(), &'static str> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return Err("is not a web address (it must start with https://)");
    };
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host.starts_with([':', '.', '@']) {
        return Err("has no host name");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^')) {
        return Err("holds a space or a character that web addresses cannot");
    }
    if url.contains(['?', '#']) {
        return Err("has a query or a fragment; the site's pages are added after it");
    }
    Ok(())
}

/// `#rrggbb` or `#rgb`, with at least 4.5:1 contrast against white; the error is a message and
/// a hint.
pub fn check_colour(value: &str) -> Result<(), (String, &'static str)> {
    let rgb = parse_hex(value).ok_or_else(|| {
        (format!("`{value}` is not a colour like #1d4f91"), "write the colour as `#` and six hexadecimal digits (or three), in quotes: `primary: \"#1d4f91\"`")
    })?;
    let ratio = contrast_with_white(rgb);
    if ratio < 4.5 {
        return Err((
            format!("`{value}` has only {ratio:.2}:1 contrast against white"),
            "pick a darker colour: text and links need 4.5:1 contrast on white (WCAG 2.1 AA)",
        ));
    }
    Ok(())
}

pub fn parse_hex(value: &str) -> Option<[u8; 3]> {
    let hex = value.strip_prefix('#')?;
    let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
    match digits.len() {
        3 => Some([digits[0] * 17, digits[1] * 17, digits[2] * 17]),
        6 => Some([digits[0] * 16 + digits[1], digits[2] * 16 + digits[3], digits[4] * 16 + digits[5]]),
        _ => None,
    }
}

fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
    1.05 / (l + 0.05)
}

#[cfg(test)]
mod tests;
