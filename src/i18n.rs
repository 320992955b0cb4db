//! Interface strings per language, with CLDR plural rules and fallback.
//!
//! Built-in strings ship in the binary (one YAML file per language under `i18n/`); a site's own
//! `i18n/<lang>.yaml` overrides single keys. A key missing in a language falls back to the
//! default language, then to built-in English.

use std::collections::BTreeMap;
use std::path::Path;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::yaml;

/// Built-in string files, embedded: (language code, YAML text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("ar", include_str!("../i18n/ar.yaml")),
    ("cs", include_str!("../i18n/cs.yaml")),
    ("de", include_str!("../i18n/de.yaml")),
    ("el", include_str!("../i18n/el.yaml")),
    ("en", include_str!("../i18n/en.yaml")),
    ("es", include_str!("../i18n/es.yaml")),
    ("fa", include_str!("../i18n/fa.yaml")),
    ("fr", include_str!("../i18n/fr.yaml")),
    ("it", include_str!("../i18n/it.yaml")),
    ("pt", include_str!("../i18n/pt.yaml")),
    ("uk", include_str!("../i18n/uk.yaml")),
];

/// Built-in strings of a region whose usage differs from its language's: (the region's code,
/// the language of [`BUILTIN`] whose strings fill in every key it leaves out, the YAML text of
/// the keys it writes its own way). Brazilian Portuguese says "arquivo", "salvar", "site" and
/// "você" where European Portuguese says "ficheiro", "guardar", "sítio" and "o seu".
pub const REGIONAL: &[(&str, &str, &str)] = &[("pt-BR", "pt", include_str!("../i18n/pt-BR.yaml"))];

/// The strings that are punctuation, not words: a language that lacks one takes it from the
/// default language only where that writes the same script's punctuation (Dari or Urdu from
/// Persian: "، "), else English's plain one (a Hebrew or Turkish page of an Arabic or Persian
/// site: ", ", not Arabic's "، "; a Polish page of a Greek site: "; ", not Greek's "· "). It
/// is never marked as another language's: it belongs to the page's own text.
const PUNCTUATION: &[&str] = &["list_separator", "answers_separator", "percent", "label_separator"];

/// Languages written in the Arabic script (with its comma "،", semicolon "؛" and percent
/// sign "٪"); and Thaana's Dhivehi, which uses them too.
const ARABIC_PUNCTUATION: &[&str] = &["ar", "fa", "prs", "ur", "ps", "ckb", "sd", "ug", "ks", "bal", "azb", "lrc", "mzn", "glk", "dv"];

/// Whether the language `code` writes the punctuation of the language `from`: the same
/// language (a region, `fa-AF`), or two languages of the Arabic script.
fn same_punctuation(code: &str, from: &str) -> bool {
    let primary = |c: &str| c.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    let (a, b) = (primary(code), primary(from));
    a == b || (ARABIC_PUNCTUATION.contains(&a.as_str()) && ARABIC_PUNCTUATION.contains(&b.as_str()))
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Entry {
    Text(String),
    Plural(BTreeMap<String, String>),
}

pub type Table = BTreeMap<String, Entry>;

/// Resolved strings for one language.
pub struct Strings {
    pub lang: String,
    chain: Vec<Table>,
    /// The language each table of `chain` is in, and its direction: the language's own (site
    /// and built-in), the default language's, English.
    sources: Vec<(String, &'static str)>,
    /// The CLDR plural rules of each language `sources` names: a form taken from another
    /// language is chosen by that language's rules ("3 أسئلة", Arabic's `few`, on a Hebrew
    /// page, where Hebrew's rules would pick Arabic's `other`).
    rules: Vec<(String, Option<PluralRules>)>,
    /// [`Strings::tables`], made on first use.
    tables: std::sync::OnceLock<AllStrings>,
}

/// Every plain string of a language with its marks, as templates and the page writers take
/// them: the same for every page and step of a build, so made once per language.
#[derive(Debug, Default)]
pub struct AllStrings {
    /// [`Strings::all_plain`].
    pub plain: BTreeMap<String, String>,
    /// [`Strings::all_marks`].
    pub marks: BTreeMap<String, String>,
    /// [`Strings::all_script_marks`].
    pub scripts: BTreeMap<String, String>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings").field("lang", &self.lang).finish()
    }
}

/// The CLDR cardinal plural rules of `code`, or of its language without the region.
fn plural_rules(code: &str) -> Option<PluralRules> {
    let id = code.parse::<LanguageIdentifier>().ok()?;
    PluralRules::create(id.clone(), PluralRuleType::CARDINAL).ok().or_else(|| {
        let primary: LanguageIdentifier = id.language.as_str().parse().ok()?;
        PluralRules::create(primary, PluralRuleType::CARDINAL).ok()
    })
}

/// Parses a strings file; errors carry the file's line and column.
pub fn parse_table(text: &str, shown: &Path, diags: &mut Diagnostics) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Table::new();
    }
    match yaml::parse::<Table>(text, 1) {
        Ok(t) => t,
        Err(e) => {
            let mut d = Diagnostic::error(shown, e.line, e.col, e.message);
            d = d.with_hint(e.hint.unwrap_or_else(|| "each line is `key: text`, or a key with one:/other: plural forms".into()));
            diags.push(d);
            Table::new()
        }
    }
}

/// The built-in strings of `code`: a region's of [`REGIONAL`] over its language's (`pt-BR` and
/// `pt_br`), else those of `code` or of its primary language (`pt-PT` → `pt`), whatever the
/// case; none for a language kyklos has no strings of.
fn builtin(code: &str) -> Table {
    builtin_ref(code).cloned().unwrap_or_default()
}

/// Parses the built-in strings of `codes` and of English (every language's last fallback) on
/// the thread pool, in the background, so that [`builtin`] finds them parsed: a build asks for
/// them right after its load, on one thread, while the load's own threads have nothing to do
/// at its start (the main thread walks the site folder). Each table is still parsed once.
pub fn parse_builtin_soon(codes: Vec<String>) {
    rayon::spawn(move || {
        for code in codes.iter().map(String::as_str).chain(["en"]) {
            builtin_ref(code);
        }
    });
}

/// [`builtin`], each language's file parsed once per process (English is asked for by every
/// language's strings and by their checks: it was parsed three times a build).
fn builtin_ref(code: &str) -> Option<&'static Table> {
    static REGIONS: [std::sync::OnceLock<Table>; REGIONAL.len()] = [const { std::sync::OnceLock::new() }; REGIONAL.len()];
    let region = |r: &str| r.len() == code.len() && r.bytes().zip(code.bytes()).all(|(a, b)| a.eq_ignore_ascii_case(&b) || (a == b'-' && b == b'_'));
    if let Some(at) = REGIONAL.iter().position(|(r, _, _)| region(r)) {
        let (_, language, text) = REGIONAL[at];
        return Some(REGIONS[at].get_or_init(|| {
            let mut table = builtin_ref(language).cloned().unwrap_or_default();
            table.extend(yaml::parse::<Table>(text, 1).unwrap_or_default());
            table
        }));
    }
    static PARSED: [std::sync::OnceLock<Table>; BUILTIN.len()] = [const { std::sync::OnceLock::new() }; BUILTIN.len()];
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    let at = BUILTIN.iter().position(|(c, _)| c.eq_ignore_ascii_case(code)).or_else(|| BUILTIN.iter().position(|(c, _)| c.eq_ignore_ascii_case(primary)))?;
    Some(PARSED[at].get_or_init(|| yaml::parse::<Table>(BUILTIN[at].1, 1).unwrap_or_default()))
}

/// An interface strings file is a few KiB; anything over this is a mistake.
pub const MAX_STRINGS_BYTES: u64 = 1024 * 1024;

/// Reads `<root>/i18n/<code>.yaml` if present.
pub fn site_table(root: &Path, code: &str, diags: &mut Diagnostics) -> Table {
    let rel = format!("i18n/{code}.yaml");
    match crate::files::read_inside(root, Path::new(&rel), MAX_STRINGS_BYTES) {
        Ok(bytes) => match crate::files::decode(bytes) {
            Ok(text) => {
                let table = parse_table(&text, Path::new(&rel), diags);
                misspelt_keys(&text, &table, Path::new(&rel), diags);
                table
            }
            Err((l, c, m)) => {
                diags.push(Diagnostic::error(rel, l, c, m).with_hint("save the file as UTF-8"));
                Table::new()
            }
        },
        Err(crate::files::FileProblem::Missing) => Table::new(),
        Err(p) => {
            diags.push(p.diagnostic(rel));
            Table::new()
        }
    }
}

/// A key of a site's strings file that kyklos does not know and that is close to one it
/// does (`nxet` for `next`): a warning at the key, since the string would silently stay the
/// built-in one. Keys far from every built-in one (a theme of the site's own may use its own
/// strings) and `tag_group_…` headings are the site's to choose.
fn misspelt_keys(text: &str, table: &Table, shown: &Path, diags: &mut Diagnostics) {
    let Some(en) = builtin_ref("en") else { return };
    let known: Vec<&str> = en.keys().map(String::as_str).collect();
    for key in table.keys().filter(|k| !en.contains_key(*k) && !k.starts_with("tag_group_")) {
        if let Some(best) = crate::diagnostics::suggest(key, &known) {
            let (line, col) = yaml::find_key_line(text, key, None, 1).unwrap_or((0, 0));
            diags.push(
                Diagnostic::warning(shown, line, col, format!("`{key}` is not one of kyklos's interface strings, so it changes nothing"))
                    .with_hint(format!("did you mean `{best}`?")),
            );
        }
    }
}

impl Strings {
    /// Strings for `code`, falling back to `default_code` and then to built-in English.
    pub fn new(code: &str, site_own: Table, site_default: Table, default_code: &str) -> Strings {
        let mut chain = vec![site_own, builtin(code)];
        let own = (code.to_string(), "ltr");
        let mut sources = vec![own.clone(), own];
        if default_code != code {
            chain.push(site_default);
            chain.push(builtin(default_code));
            sources.extend([(default_code.to_string(), "ltr"), (default_code.to_string(), "ltr")]);
        }
        chain.push(builtin("en"));
        sources.push(("en".to_string(), "ltr"));
        let mut rules: Vec<(String, Option<PluralRules>)> = Vec::new();
        for (source, _) in &sources {
            if !rules.iter().any(|(c, _)| c == source) {
                rules.push((source.clone(), plural_rules(source)));
            }
        }
        Strings { lang: code.to_string(), chain, sources, rules, tables: std::sync::OnceLock::new() }
    }

    /// The same strings, knowing the default language's direction (`rtl` for a right-to-left
    /// default language), which marks of its strings on other languages' pages carry.
    pub fn with_default_direction(mut self, dir: &'static str) -> Strings {
        let default = self.sources.get(2).map(|s| s.0.clone());
        for source in self.sources.iter_mut().filter(|s| Some(&s.0) == default.as_ref() && s.0 != self.lang) {
            source.1 = dir;
        }
        // The marks follow the sources.
        self.tables = std::sync::OnceLock::new();
        self
    }

    /// The language (code and direction) `key`'s text is in when it is not this language's
    /// own: taken from the default language or from English because this language has none.
    /// `None` for the language's own strings (and for an unknown key).
    /// Punctuation ([`PUNCTUATION`]) is never another language's.
    pub fn lang_of(&self, key: &str) -> Option<(&str, &'static str)> {
        let i = self.position(key)?;
        let (code, dir) = &self.sources[i];
        (i >= 2 && *code != self.lang && !PUNCTUATION.contains(&key)).then_some((code.as_str(), *dir))
    }

    /// The table of `chain` that `key`'s text comes from: the first that has it, but
    /// punctuation only from a language that writes the page's ([`PUNCTUATION`]) or English.
    fn position(&self, key: &str) -> Option<usize> {
        let punctuation = PUNCTUATION.contains(&key);
        self.chain
            .iter()
            .zip(&self.sources)
            .position(|(t, (code, _))| t.contains_key(key) && (!punctuation || code == "en" || same_punctuation(&self.lang, code)))
    }

    /// ` lang="…" dir="…"` for the element that shows `key`'s text on this language's pages:
    /// empty for the language's own strings, the fallback language's otherwise.
    pub fn mark(&self, key: &str) -> String {
        self.lang_of(key).map(|(code, dir)| crate::escape::lang_attrs(code, dir)).unwrap_or_default()
    }

    /// `key`'s text escaped for HTML, inside `<span lang dir>` when it is another language's
    /// ([`Strings::mark`]): for interface words in the middle of other text.
    pub fn html(&self, key: &str) -> String {
        Self::marked_html(&self.mark(key), &self.get(key))
    }

    /// [`Strings::format`] escaped for HTML, inside `<span lang dir>` when `key`'s text is
    /// another language's (see [`Strings::html`]).
    pub fn format_html(&self, key: &str, args: &[(&str, &str)]) -> String {
        Self::marked_html(&self.mark(key), &self.format(key, args))
    }

    /// `html`, built from `key`'s text, inside `<span lang dir>` when that text is another
    /// language's: for sentences whose slots are filled with HTML after escaping.
    pub fn wrap(&self, key: &str, html: String) -> String {
        let mark = self.mark(key);
        if mark.is_empty() {
            html
        } else {
            format!("<span{mark}>{html}</span>")
        }
    }

    /// `text` escaped, in a `<span>` with `mark` when there is one.
    pub fn marked_html(mark: &str, text: &str) -> String {
        if mark.is_empty() {
            crate::escape::escape_html(text)
        } else {
            format!("<span{mark}>{}</span>", crate::escape::escape_html(text))
        }
    }

    /// `code dir` of `key`'s language when its text is another language's, for a script that
    /// writes the text and marks it (`data-t-…-lang="it ltr"`); empty for the language's own.
    pub fn script_mark(&self, key: &str) -> String {
        self.lang_of(key).map(|(code, dir)| format!("{code} {dir}")).unwrap_or_default()
    }

    /// Every plain string with its marks (made once, then shared by every caller).
    pub fn tables(&self) -> &AllStrings {
        self.tables.get_or_init(|| AllStrings { plain: self.all_plain(), marks: self.all_marks(), scripts: self.all_script_marks() })
    }

    /// [`Strings::mark`] of every plain string, for templates (`{{ t.next }}` in an element
    /// with `{{ tl.next | safe }}`).
    pub fn all_marks(&self) -> BTreeMap<String, String> {
        self.every_key(|k| self.mark(k))
    }

    /// [`Strings::script_mark`] of every plain string, for templates (`tj`).
    pub fn all_script_marks(&self) -> BTreeMap<String, String> {
        self.every_key(|k| self.script_mark(k))
    }

    fn every_key(&self, f: impl Fn(&str) -> String) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for k in self.chain.iter().flat_map(|t| t.keys()) {
            if !out.contains_key(k) {
                out.insert(k.clone(), f(k));
            }
        }
        out
    }

    /// Whether any of the language's strings is another language's (see [`Strings::lang_of`]).
    pub fn falls_back(&self) -> bool {
        self.chain.iter().skip(2).flat_map(|t| t.keys()).any(|k| self.lang_of(k).is_some())
    }

    fn entry(&self, key: &str) -> Option<&Entry> {
        self.chain[self.position(key)?].get(key)
    }

    /// The text for `key` (a plural entry gives its `other` form).
    pub fn get(&self, key: &str) -> String {
        match self.entry(key) {
            Some(Entry::Text(s)) => s.clone(),
            Some(Entry::Plural(forms)) => forms.get("other").cloned().unwrap_or_default(),
            None => key.to_string(),
        }
    }

    /// The text for `key` in the language `code` (this one, the default one or English), where
    /// these strings have it in that language: the punctuation inside a passage in another
    /// language (the list separator of a quiz shown in the default language, of a sentence
    /// whose string falls back) is that passage's. Else [`Strings::get`].
    pub fn get_in(&self, key: &str, code: &str) -> String {
        let found = self.chain.iter().zip(&self.sources).filter(|(_, (c, _))| c == code).find_map(|(t, _)| t.get(key));
        match found {
            Some(Entry::Text(s)) => s.clone(),
            _ => self.get(key),
        }
    }

    /// [`Strings::get_in`] the language `sentence`'s text is in (this one's when it is its own).
    pub fn get_like(&self, key: &str, sentence: &str) -> String {
        let code = self.lang_of(sentence).map_or(self.lang.as_str(), |(code, _)| code).to_string();
        self.get_in(key, &code)
    }

    /// The date `iso` (`2026-12-04`) written as the language of `sentence`'s text writes
    /// dates ("4 décembre 2026", "4 грудня 2026 р."): with that language's own `date_format`
    /// and `months`. `None` where that language has not both, or for another kind of date:
    /// the date is then shown as written, `2026-12-04`.
    pub fn date(&self, sentence: &str, iso: &str) -> Option<String> {
        let code = self.lang_of(sentence).map_or(self.lang.as_str(), |(code, _)| code);
        let of_code = || self.chain.iter().zip(&self.sources).filter(|(_, (c, _))| c == code).map(|(t, _)| t);
        let (Some(Entry::Text(format)), Some(Entry::Text(months))) = (of_code().find_map(|t| t.get("date_format")), of_code().find_map(|t| t.get("months")))
        else {
            return None;
        };
        let mut parts = iso.trim().splitn(3, '-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        let all_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(year, 4) && all_digits(month, 2) && all_digits(day, 2)) {
            return None;
        }
        let (m, d): (usize, u32) = (month.parse().ok()?, day.parse().ok()?);
        let name = months.split('|').nth(m.checked_sub(1)?).map(str::trim).filter(|n| !n.is_empty() && (1..=31).contains(&d))?;
        Some(fill(format, &[("day", &d.to_string()), ("month", name), ("year", year)]))
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.get(key), args)
    }

    /// The plural form of `key` for `n`, with `{n}` filled in.
    pub fn count(&self, key: &str, n: usize) -> String {
        self.plural(key, n as f64, &[])
    }

    /// `x` with at most two decimals, as the language of `key`'s text writes it: a number
    /// inside a sentence another language lends takes that language's decimal separator
    /// ("1,5 бала" from Ukrainian on a Hebrew page, whose own numbers read "1.5").
    pub fn decimal(&self, key: &str, x: f64) -> String {
        crate::numbers::decimal(x, self.source_of(key))
    }

    /// The plural form of `key` for the number `x` as the language of its text writes it (at
    /// most two decimals, [`Strings::decimal`]): a fraction has its own form in many languages
    /// ("1 бал", "5 балів", "1,5 бала"). `{n}` becomes the number; `args` fill the other
    /// placeholders.
    pub fn plural(&self, key: &str, x: f64, args: &[(&str, &str)]) -> String {
        let plain = crate::numbers::plain_decimal(x, 2);
        let template = match self.entry(key) {
            Some(Entry::Plural(forms)) => {
                let name = self.category(self.source_of(key), &plain);
                forms.get(name).or_else(|| forms.get("other")).cloned().unwrap_or_default()
            }
            Some(Entry::Text(s)) => s.clone(),
            None => key.to_string(),
        };
        let n = self.decimal(key, x);
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill(&template, &all)
    }

    /// The language `key`'s text is in: this language's own code, the default language's or
    /// `en` (this language's for an unknown key).
    fn source_of(&self, key: &str) -> &str {
        let i = self.position(key).unwrap_or(0);
        self.sources.get(i).map_or(self.lang.as_str(), |s| s.0.as_str())
    }

    /// The CLDR plural category, by the rules of `lang`, of a number written with a point
    /// ("1", "0.5"): its visible decimals count, as in the rules ("1" is `one` in English,
    /// "1.5" `other`).
    fn category(&self, lang: &str, plain: &str) -> &'static str {
        let rules = self.rules.iter().find(|(c, _)| c == lang).and_then(|(_, r)| r.as_ref());
        match rules.and_then(|r| r.select(plain).ok()).unwrap_or(PluralCategory::OTHER) {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        }
    }

    /// The forms of `key` for the browser: a plural entry's CLDR forms, or `other` alone.
    pub fn forms(&self, key: &str) -> BTreeMap<String, String> {
        match self.entry(key) {
            Some(Entry::Plural(forms)) => forms.clone(),
            Some(Entry::Text(s)) => BTreeMap::from([("other".to_string(), s.clone())]),
            None => BTreeMap::from([("other".to_string(), key.to_string())]),
        }
    }

    /// Whether `key` is this language's own: in the site's `i18n/<lang>.yaml` or built in for
    /// the language (not taken from the default language or English).
    pub fn has_own(&self, key: &str) -> bool {
        self.chain.iter().take(2).any(|t| t.contains_key(key))
    }

    /// Whether `key` is one of kyklos's built-in interface strings (English has every one).
    pub fn is_builtin(key: &str) -> bool {
        builtin_ref("en").is_some_and(|en| en.contains_key(key))
    }

    /// Keys of built-in English that this language has neither from the site nor built in
    /// (they fall back to the default language).
    pub fn missing_keys(&self) -> Vec<String> {
        let own: Vec<&Table> = self.chain.iter().take(2).collect();
        builtin_ref("en").into_iter().flat_map(|en| en.keys()).filter(|k| !own.iter().any(|t| t.contains_key(*k))).cloned().collect()
    }

    /// Every plain string, for templates (`{{ t.next }}`).
    pub fn all_plain(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for table in self.chain.iter().rev() {
            for (k, v) in table {
                out.insert(
                    k.clone(),
                    match v {
                        Entry::Text(s) => s.clone(),
                        Entry::Plural(f) => f.get("other").cloned().unwrap_or_default(),
                    },
                );
            }
        }
        // Punctuation only from where [`Strings::get`] takes it.
        for key in PUNCTUATION {
            if out.contains_key(*key) {
                out.insert(key.to_string(), self.get(key));
            }
        }
        out
    }
}

/// `template` with each `{name}` of `args` replaced, one name after the other (a value may
/// hold the placeholder of a later name, which is filled too).
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    if let Some(out) = fill_once(template, args) {
        return out;
    }
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// [`fill`] in one pass over the template, without a copy per name, where that gives the same
/// text: no value holds a brace (so none makes a placeholder), and every `{` of the template
/// opens a `{name}` (so no placeholder is made of the text around a filled one, as in `{{a}b}`
/// with `a` empty). `None` otherwise.
fn fill_once(template: &str, args: &[(&str, &str)]) -> Option<String> {
    if args.iter().any(|(_, v)| v.contains(['{', '}'])) {
        return None;
    }
    let mut out = String::with_capacity(template.len() + args.iter().map(|a| a.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let end = after.find('}')?;
        let name = &after[..end];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return None;
        }
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[open..open + end + 2]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests;
