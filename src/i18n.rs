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

/// The built-in strings of `code`, or of its primary language (`pt-BR` and `pt_br` → `pt`),
/// whatever the case; none for a language kyklos has no strings of.
fn builtin(code: &str) -> Table {
    builtin_ref(code).cloned().unwrap_or_default()
}

/// [`builtin`], each language's file parsed once per process (English is asked for by every
/// language's strings and by their checks: it was parsed three times a build).
fn builtin_ref(code: &str) -> Option<&'static Table> {
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
    pub fn lang_of(&self, key: &str) -> Option<(&str, &'static str)> {
        let i = self.chain.iter().position(|t| t.contains_key(key))?;
        let (code, dir) = &self.sources[i];
        (i >= 2 && *code != self.lang).then_some((code.as_str(), *dir))
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
        self.chain.iter().find_map(|t| t.get(key))
    }

    /// The text for `key` (a plural entry gives its `other` form).
    pub fn get(&self, key: &str) -> String {
        match self.entry(key) {
            Some(Entry::Text(s)) => s.clone(),
            Some(Entry::Plural(forms)) => forms.get("other").cloned().unwrap_or_default(),
            None => key.to_string(),
        }
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.get(key), args)
    }

    /// The plural form of `key` for `n`, with `{n}` filled in.
    pub fn count(&self, key: &str, n: usize) -> String {
        self.plural(key, n as f64, &[])
    }

    /// The plural form of `key` for the number `x` as this language writes it (at most two
    /// decimals): a fraction has its own form in many languages ("1 бал", "5 балів", "1,5
    /// бала"). `{n}` becomes the number; `args` fill the other placeholders.
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
        let n = crate::numbers::decimal(x, &self.lang);
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        fill(&template, &all)
    }

    /// The language `key`'s text is in: this language's own code, the default language's or
    /// `en` (this language's for an unknown key).
    fn source_of(&self, key: &str) -> &str {
        let i = self.chain.iter().position(|t| t.contains_key(key)).unwrap_or(0);
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
mod tests {
    use super::*;

    /// `fill` as it was: one `replace` per name.
    fn fill_by_names(template: &str, args: &[(&str, &str)]) -> String {
        let mut out = template.to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    #[test]
    fn filling_in_one_pass_gives_what_filling_name_by_name_gives() {
        let pieces = ["{", "}", "{a}", "{b}", "{n}", "{a", "b}", "a", "b", "x", " ", "«", "{}", "{a-b}", "{{a}", ""];
        let values = ["", "v", "{b}", "}", "{", "w w", "{a}", "«»"];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut once = 0;
        for _ in 0..50_000 {
            let template: String = (0..next() % 6).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            let args = [("a", values[(next() % values.len() as u64) as usize]), ("b", values[(next() % values.len() as u64) as usize]), ("a", "second")];
            let args = &args[..(next() % 4) as usize];
            assert_eq!(fill(&template, args), fill_by_names(&template, args), "{template:?} {args:?}");
            once += usize::from(fill_once(&template, args).is_some());
        }
        assert!(once > 10_000, "{once}");
        assert_eq!(fill_once("Lesson {current} of {total}", &[("current", "2"), ("total", "7")]).as_deref(), Some("Lesson 2 of 7"));
    }

    fn table(text: &str) -> Table {
        parse_table(text, Path::new("x.yaml"), &mut Diagnostics::new())
    }

    #[test]
    fn override_fallback_and_plurals() {
        let s = Strings::new("en", table("next: Onwards\n"), Table::new(), "en");
        assert_eq!(s.get("next"), "Onwards");
        assert_eq!(s.get("previous"), "Previous");
        assert_eq!(s.count("lessons", 1), "1 lesson");
        assert_eq!(s.count("lessons", 7), "7 lessons");
        assert_eq!(s.format("lesson_position", &[("current", "2"), ("total", "7")]), "Lesson 2 of 7");
    }

    #[test]
    fn a_fallback_string_knows_its_language() {
        // pl has no built-in strings: its own file's keys are Polish, the rest the default
        // language's (Italian, or Persian right to left), then English.
        let pl = Strings::new("pl", table("next: Dalej\n"), table("my_banner: Benvenuti\n"), "it");
        assert_eq!(pl.lang_of("next"), None);
        assert_eq!(pl.mark("next"), "");
        assert_eq!(pl.lang_of("previous"), Some(("it", "ltr")));
        assert_eq!(pl.mark("previous"), " lang=\"it\" dir=\"ltr\"");
        assert_eq!(pl.lang_of("my_banner"), Some(("it", "ltr")));
        assert_eq!(pl.html("previous"), "<span lang=\"it\" dir=\"ltr\">Precedente</span>");
        assert_eq!(pl.html("next"), "Dalej");
        assert_eq!(pl.format_html("percent", &[("percent", "5")]), "<span lang=\"it\" dir=\"ltr\">5%</span>");
        assert_eq!(pl.wrap("previous", "<b>x</b>".into()), "<span lang=\"it\" dir=\"ltr\"><b>x</b></span>");
        assert_eq!(pl.wrap("next", "<b>x</b>".into()), "<b>x</b>");
        assert!(pl.falls_back());
        assert_eq!(pl.all_marks().get("skip_to_content").map(String::as_str), Some(" lang=\"it\" dir=\"ltr\""));
        assert_eq!(pl.script_mark("previous"), "it ltr");
        assert_eq!(pl.all_script_marks().get("next").map(String::as_str), Some(""));
        let fa_default = Strings::new("pl", Table::new(), Table::new(), "fa").with_default_direction("rtl");
        assert_eq!(fa_default.lang_of("next"), Some(("fa", "rtl")));
        assert_eq!(fa_default.script_mark("next"), "fa rtl");
        // A default language without built-in strings falls back to English, for itself too.
        let sv = Strings::new("sv", Table::new(), Table::new(), "sv").with_default_direction("ltr");
        assert_eq!(sv.lang_of("next"), Some(("en", "ltr")));
        let pl_sv = Strings::new("pl", Table::new(), table("next: Nästa\n"), "sv");
        assert_eq!((pl_sv.lang_of("next"), pl_sv.lang_of("previous")), (Some(("sv", "ltr")), Some(("en", "ltr"))));
        // Built-in languages and regional codes have every string of their own.
        for (code, default) in [("fa", "it"), ("it", "it"), ("pt-BR", "it"), ("en-GB", "sv")] {
            let s = Strings::new(code, Table::new(), Table::new(), default);
            assert!(!s.falls_back() && s.all_marks().values().all(String::is_empty), "{code}");
        }
    }

    #[test]
    fn slavic_plurals_use_cldr_categories() {
        let cs = table("lessons:\n  one: \"{n} lekce\"\n  few: \"{n} lekce\"\n  many: \"{n} lekce\"\n  other: \"{n} lekcí\"\n");
        let s = Strings::new("cs", cs, Table::new(), "en");
        assert_eq!(s.count("lessons", 3), "3 lekce");
        assert_eq!(s.count("lessons", 5), "5 lekcí");
    }

    #[test]
    fn every_builtin_language_parses_and_has_every_key() {
        let en = builtin("en");
        for (code, text) in BUILTIN {
            let table: Table = yaml::parse(text, 1).unwrap_or_else(|e| panic!("i18n/{code}.yaml:{}:{}: {}", e.line, e.col, e.message));
            let missing: Vec<&String> = en.keys().filter(|k| !table.contains_key(*k)).collect();
            assert!(missing.is_empty(), "i18n/{code}.yaml lacks {missing:?}");
            for (key, entry) in &table {
                let placeholders = |s: &str| -> Vec<String> {
                    let mut v: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split('}').next()).map(String::from).collect();
                    v.sort();
                    v.dedup();
                    v
                };
                if let (Some(Entry::Text(mine)), Some(Entry::Text(orig))) = (Some(entry), en.get(key)) {
                    assert_eq!(placeholders(mine), placeholders(orig), "i18n/{code}.yaml `{key}` placeholders");
                }
            }
        }
    }

    #[test]
    fn a_regional_code_gets_its_language_built_in() {
        // pt-BR is Portuguese, whatever the case or separator; a language kyklos has no strings
        // of falls back to the default language, then to English.
        let pt = builtin("pt");
        for code in ["pt-BR", "pt_br", "PT", "pt-PT"] {
            let s = Strings::new(code, Table::new(), Table::new(), code);
            assert_eq!(Some(&Entry::Text(s.get("next"))), pt.get("next"), "{code}");
            assert!(s.missing_keys().is_empty(), "{code}");
        }
        let sv = Strings::new("sv", Table::new(), Table::new(), "pt-BR");
        assert_eq!(Some(&Entry::Text(sv.get("next"))), pt.get("next"));
        assert!(!sv.missing_keys().is_empty());
        assert!(!Strings::new("ptx", Table::new(), Table::new(), "ptx").missing_keys().is_empty(), "no prefix match on a longer code");
    }

    #[test]
    fn counts_by_kind_in_every_builtin_language() {
        for (code, _) in BUILTIN {
            let s = Strings::new(code, Table::new(), Table::new(), code);
            for key in ["courses", "modules", "lessons", "guides", "phases", "units", "practices"] {
                for n in [0, 1, 2, 3, 11, 100] {
                    let text = s.count(key, n);
                    assert!(!text.is_empty() && text != key, "{code} {key} {n}: {text:?}");
                }
            }
        }
        let ar = Strings::new("ar", Table::new(), Table::new(), "ar");
        assert_eq!(ar.count("guides", 3), "3 أدلة");
        assert_eq!(ar.count("units", 1), "وحدة تدريبية واحدة");
        let el = Strings::new("el", Table::new(), Table::new(), "el");
        assert_eq!(el.count("phases", 5), "5 φάσεις");
    }

    #[test]
    fn fractions_take_their_own_plural_form() {
        let points = |code: &str, x: f64| Strings::new(code, Table::new(), Table::new(), code).plural("points", x, &[]);
        assert_eq!(points("uk", 1.0), "1 бал");
        assert_eq!(points("uk", 3.0), "3 бали");
        assert_eq!(points("uk", 5.0), "5 балів");
        assert_eq!(points("uk", 1.5), "1,5 бала");
        assert_eq!(points("cs", 0.5), "0,5 bodu");
        assert_eq!(points("de", 1.5), "1,5 Punkte");
        assert_eq!(points("fr", 1.5), "1,5 point");
        assert_eq!(points("en", 2.25), "2.25 points");
        assert_eq!(points("en", 1.0), "1 point");
    }

    #[test]
    fn a_form_taken_from_another_language_follows_that_languages_plural_rules() {
        // Hebrew without `questions` on an Arabic-default site shows Arabic: 3 to 10 take
        // Arabic's `few` form ("3 أسئلة"), though Hebrew's rules call 3 `other`.
        let he = Strings::new("he", table("lessons:\n  one: \"שיעור אחד\"\n  other: \"{n} שיעורים\"\n"), Table::new(), "ar");
        assert_eq!(he.count("questions", 3), "3 أسئلة");
        assert_eq!(he.count("questions", 8), "8 أسئلة");
        assert_eq!(he.count("questions", 0), "لا توجد أسئلة");
        assert_eq!(he.count("questions", 11), "11 سؤالًا");
        assert_eq!(he.count("lessons", 3), "3 שיעורים", "the language's own forms keep its own rules");
        // Polish without strings on an English-default site: 1 is English `one`.
        let pl = Strings::new("pl", Table::new(), Table::new(), "en");
        assert_eq!(pl.count("lessons", 1), "1 lesson");
        assert_eq!(pl.count("lessons", 22), "22 lessons");
    }

    #[test]
    fn the_points_line_agrees_with_its_maximum_in_every_language() {
        // "{score} of {max} points": the noun follows {max}; {score} is written by the caller.
        let line = |code: &str, score: &str, max: f64| {
            let s = Strings::new(code, Table::new(), Table::new(), code);
            s.plural("quiz_points", max, &[("score", score), ("max", &crate::numbers::decimal(max, code))])
        };
        assert_eq!(line("en", "0.5", 1.0), "0.5 of 1 point");
        assert_eq!(line("en", "1", 3.0), "1 of 3 points");
        assert_eq!(line("de", "0,5", 1.0), "0,5 von 1 Punkt");
        assert_eq!(line("de", "1", 2.5), "1 von 2,5 Punkten");
        assert_eq!(line("uk", "0,33", 1.0), "0,33 з 1 бала");
        assert_eq!(line("uk", "1", 3.0), "1 з 3 балів");
        assert_eq!(line("uk", "1", 5.0), "1 з 5 балів");
        assert_eq!(line("uk", "1", 1.5), "1 з 1,5 бала");
        assert_eq!(line("cs", "0,5", 1.0), "0,5 z 1 bodu");
        assert_eq!(line("cs", "2", 4.0), "2 z 4 bodů");
        assert_eq!(line("cs", "1", 1.5), "1 z 1,5 bodu");
        assert_eq!(line("fr", "0,5", 1.0), "0,5 sur 1 point");
        assert_eq!(line("fr", "1", 4.0), "1 sur 4 points");
        assert_eq!(line("pt", "0,5", 1.0), "0,5 de 1 ponto");
        assert_eq!(line("es", "0,5", 2.0), "0,5 de 2 puntos");
        assert_eq!(line("it", "0,5", 1.0), "0,5 su 1 punto");
        assert_eq!(line("el", "0,5", 1.0), "0,5 από 1 μονάδα");
        assert_eq!(line("el", "0,5", 2.0), "0,5 από 2 μονάδες");
        assert_eq!(line("fa", "0.5", 1.0), "0.5 از 1 امتیاز");
        assert_eq!(line("ar", "0.5", 3.0), "النقاط: 0.5 من 3");
        for (code, _) in BUILTIN {
            for max in [0.5, 1.0, 2.0, 3.0, 5.0, 11.0, 21.0, 100.0, 1.5] {
                let text = line(code, "0", max);
                assert!(!text.contains('{') && text.contains(&crate::numbers::decimal(max, code)), "{code} {max}: {text}");
            }
        }
    }

    #[test]
    fn verdicts_cannot_be_read_as_true_false_options() {
        // "✗ Falsch … Richtige Antwort: Falsch": a verdict must share no word (nor the start of
        // one: Σωστό/Σωστή, صح/صحيحة, Неправда/Неправильно) with the options True and False.
        let stems = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase().chars().take(4).collect()).collect()
        };
        for (code, _) in BUILTIN {
            let s = Strings::new(code, Table::new(), Table::new(), code);
            let options: Vec<String> = ["answer_true", "answer_false"].iter().flat_map(|k| stems(&s.get(k))).collect();
            for key in ["quiz_correct", "quiz_incorrect", "quiz_partly"] {
                let verdict = s.get(key);
                let looks_like = |w: &String| options.iter().any(|o| w.starts_with(o.as_str()));
                assert!(!stems(&verdict).iter().any(looks_like), "{code}: `{key}` {verdict:?} looks like an option ({options:?})");
            }
        }
    }

    #[test]
    fn a_misspelt_key_is_a_warning_at_its_line() {
        let text = "next: Dalej\nnxet: بعدی\ntag_group_land: Land\nmy_theme_banner: Hello\n";
        let mut d = Diagnostics::new();
        let table = parse_table(text, Path::new("i18n/fa.yaml"), &mut d);
        misspelt_keys(text, &table, Path::new("i18n/fa.yaml"), &mut d);
        let shown: Vec<String> = d.iter().map(|x| format!("{}:{} {} {}", x.line, x.col, x.message, x.hint.clone().unwrap_or_default())).collect();
        assert_eq!(shown, ["2:1 `nxet` is not one of kyklos's interface strings, so it changes nothing did you mean `next`?"]);
    }

    #[test]
    fn broken_file_is_reported_with_position() {
        let mut d = Diagnostics::new();
        parse_table("next: [a\n", Path::new("i18n/en.yaml"), &mut d);
        assert!(d.has_errors());
    }
}
