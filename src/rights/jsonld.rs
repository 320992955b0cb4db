//! schema.org metadata of a page as JSON-LD: what it is (`Course`, `LearningResource`, `Quiz`,
//! `HowTo`, …), its licence, authors, place in the site, length and learning objectives, and
//! its translations. Pure: model in, JSON text out.
//!
//! The JSON goes into `<script type="application/ld+json">`: a data block that browsers never
//! run (a strict Content-Security-Policy does not apply to it). `<`, `>` and `&` are written
//! as `\u003c`, `\u003e` and `\u0026`, so no text of the site can close the element.

use serde_json::Value;

use crate::model::config::Config;
use crate::model::licence::Licence;
use crate::model::{LangSite, PageId, Site, TextStatus};

/// The page being described.
pub struct Described<'a> {
    /// The page whose place in the tree this takes (a quiz: its module).
    pub id: PageId,
    /// Output path under `<lang>/`.
    pub here: &'a str,
    pub title: &'a str,
    /// ` lang="…" dir="…"` of a title in another language than the page (not translated
    /// yet), else empty.
    pub title_lang: &'a str,
    /// The title as HTML with its parts in other languages marked (a tag page's value), if any.
    pub title_html: Option<&'a str>,
    pub description: Option<&'a str>,
    /// The page kind as templates know it (`lesson`, `quiz`, `downloads`, …).
    pub kind: &'a str,
    pub licence: &'a Licence,
    pub authors: &'a [String],
    /// The authors are the page's own (people) rather than the site's (organisations).
    pub own_authors: bool,
    /// The section's quizzes (title, output path), listed as its parts.
    pub quizzes: Vec<(String, String)>,
    /// Its text is the default language's, not translated yet (a page or quiz; a page kyklos
    /// makes of interface strings, such as a tag page or the credits, never is).
    pub fallback: bool,
    /// Folders (under `<lang>/`) of the modules a SCORM package leaves out: not listed as parts
    /// (a course package of a language that has translated only some of its modules).
    pub left_out: &'a [String],
}

/// The schema.org type and learning-resource type of a page kind.
pub fn type_of(kind: &str) -> (&'static str, Option<&'static str>) {
    match kind {
        "home" => ("WebSite", None),
        "course" => ("Course", Some("Course")),
        "module" => ("LearningResource", Some("Module")),
        "lesson" => ("LearningResource", Some("Lesson")),
        "unit" => ("LearningResource", Some("Training unit")),
        "quiz" => ("Quiz", Some("Quiz")),
        "guide" => ("HowTo", Some("Guide")),
        "phase" => ("HowToStep", None),
        "template" => ("CreativeWork", Some("Template")),
        "collection" => ("Collection", Some("Collection of good practices")),
        "practice" => ("CreativeWork", Some("Good practice")),
        "section" => ("CreativeWork", None),
        _ => ("WebPage", None),
    }
}

/// Pages that belong to the site rather than to its content.
fn is_site_page(kind: &str) -> bool {
    matches!(kind, "downloads" | "status" | "credits" | "accessibility" | "tag" | "print")
}

/// A JSON object written straight into a string as serde_json's map writes one: keys in byte
/// order, no spaces, each key once; its strings made safe for a `<script>` element
/// ([`crate::escape::json_into`]). The caller writes the keys in that order (a page's object
/// has a fixed set of keys, so the order is written out instead of sorted for every page):
/// checked in debug builds, and against serde_json by the tests.
struct Obj<'o> {
    out: &'o mut String,
    last: Option<&'static str>,
}

impl<'o> Obj<'o> {
    fn new(out: &'o mut String) -> Self {
        out.push('{');
        Obj { out, last: None }
    }

    /// `"key":` (after a comma but for the first), and the string to write its value into.
    fn key(&mut self, key: &'static str) -> &mut String {
        debug_assert!(self.last.is_none_or(|last| last < key), "JSON-LD key {key} written after {:?}", self.last);
        if self.last.is_some() {
            self.out.push(',');
        }
        self.last = Some(key);
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        self.out
    }

    fn str(&mut self, key: &'static str, value: &str) {
        crate::escape::json_into(self.key(key), value, true);
    }

    /// A string of kyklos's own (a type, the schema.org address) that needs no escaping.
    fn lit(&mut self, key: &'static str, value: &'static str) {
        debug_assert_eq!(quoted(value).len(), value.len() + 2, "{value} needs escaping");
        let out = self.key(key);
        out.push('"');
        out.push_str(value);
        out.push('"');
    }

    fn num(&mut self, key: &'static str, value: usize) {
        crate::numbers::push_u64(self.key(key), value as u64);
    }

    /// A value already written as JSON.
    fn raw(&mut self, key: &'static str, json: &str) {
        self.key(key).push_str(json);
    }

    /// `{"@type": …, "name": …}` and the like: string fields only, in key order.
    fn strs(&mut self, key: &'static str, fields: &[(&'static str, &str)]) {
        let mut o = Obj::new(self.key(key));
        for (k, v) in fields {
            o.str(k, v);
        }
        o.end();
    }

    fn end(self) {
        self.out.push('}');
    }
}

/// A JSON array of `items`, each written by `each`.
fn array<T>(out: &mut String, items: impl IntoIterator<Item = T>, mut each: impl FnMut(&mut String, T)) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(out, item);
    }
    out.push(']');
}

/// `s` as a JSON string safe in a `<script>` element.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::escape::json_into(&mut out, s, true);
    out
}

/// The JSON-LD of a page, escaped for an HTML `<script type="application/ld+json">` element.
pub fn page(site: &Site, lang: &LangSite, d: &Described<'_>) -> String {
    let config = &site.config;
    let code = &lang.lang.code;
    let page = &lang.pages[d.id];
    let base = address_base(config, code, d.here);
    let url = |c: &str, path: &str| join(&base, c, path);
    let (ty, resource) = type_of(d.kind);
    let is_quiz = d.kind == "quiz";
    let site_page = is_site_page(d.kind);
    let rich = if !is_quiz && !site_page { rich(lang, d, &url) } else { Rich::default() };
    let translation = translations(site, lang, d, &base);
    let mut out = String::with_capacity(1024);
    let mut m = Obj::new(&mut out);
    m.lit("@context", "https://schema.org");
    // The page's own address, its `@id` and `url`, made once.
    let own = quoted(&url(code, d.here));
    m.raw("@id", &own);
    m.lit("@type", ty);
    if let Some(audience) = rich.audience {
        m.strs("audience", &[("@type", "Audience"), ("audienceType", audience)]);
    }
    let kind = if d.own_authors { "Person" } else { "Organization" };
    if !d.authors.is_empty() {
        array(m.key("author"), d.authors, |out, a| {
            let mut o = Obj::new(out);
            o.lit("@type", kind);
            o.str("name", a);
            o.end();
        });
    }
    if let Some(desc) = d.description.filter(|s| !s.trim().is_empty()) {
        m.str("description", desc);
    }
    if let Some(level) = rich.level {
        m.str("educationalLevel", level);
    }
    let parts_key = if ty == "HowTo" { "step" } else { "hasPart" };
    if parts_key == "hasPart" && !rich.parts.is_empty() {
        m.raw("hasPart", &rich.parts);
    }
    let shown_in = if d.fallback { &config.default_language().code } else { code };
    m.str("inLanguage", shown_in);
    m.raw("isAccessibleForFree", "true");
    let mut position = None;
    if site_page || d.kind == "home" {
        if d.kind != "home" {
            let home = lang.home.map(|h| url(code, &lang.pages[h].url)).unwrap_or_else(|| url(code, "index.html"));
            m.strs("isPartOf", &[("@id", &home), ("@type", "WebSite"), ("name", &d.title_of_site(site, code))]);
        }
    } else {
        let parent = if is_quiz { Some(d.id) } else { page.parent };
        if let Some(p) = parent {
            let pk = lang.kind_name(p);
            m.strs("isPartOf", &[("@id", &url(code, &lang.pages[p].url)), ("@type", type_of(pk).0), ("name", &lang.pages[p].front.title)]);
        }
        if !is_quiz && !page.is_section {
            if let Some(p) = page.parent {
                position = lang.pages[p].children.iter().position(|&c| c == d.id);
            }
        }
    }
    if let Some(r) = resource {
        m.lit("learningResourceType", r);
    }
    m.str("license", &d.licence.url);
    m.str("name", d.title);
    if let Some(i) = position {
        m.num("position", i + 1);
    }
    let publisher = config.authors.first().map_or(config.title.as_str(), String::as_str);
    m.strs("publisher", &[("@type", "Organization"), ("name", publisher)]);
    if parts_key == "step" && !rich.parts.is_empty() {
        m.raw("step", &rich.parts);
    }
    if let Some(teaches) = rich.teaches {
        m.raw("teaches", &teaches);
    }
    if let Some(iso) = rich.time {
        m.str("timeRequired", &iso);
    }
    if let Some(Translation::Of(original)) = &translation {
        m.raw("translationOfWork", original);
    }
    m.raw("url", &own);
    if let Some(Translation::Into(others)) = &translation {
        m.raw("workTranslation", others);
    }
    m.end();
    out
}

/// The JSON-LD of the root page that lets visitors choose a language: the site in each.
pub fn root(site: &Site) -> String {
    let config = &site.config;
    let publisher = config.authors.first().map_or(config.title.as_str(), String::as_str);
    let mut out = String::new();
    let mut m = Obj::new(&mut out);
    m.str("@context", "https://schema.org");
    m.str("@type", "WebSite");
    if let Some(d) = &config.description {
        m.str("description", d);
    }
    let mut homes = site.langs.iter().filter(|l| l.home.is_some()).peekable();
    if homes.peek().is_some() {
        array(m.key("hasPart"), homes, |out, l| {
            let id = address(config, "", "index.html", &l.lang.code, "index.html");
            let name = config.site_texts(&l.lang.code).title.text;
            let mut o = Obj::new(out);
            o.str("@id", id.trim_start_matches("../"));
            o.str("@type", "WebSite");
            o.str("inLanguage", &l.lang.code);
            o.str("name", &name);
            o.end();
        });
    }
    array(m.key("inLanguage"), &config.languages, |out, l| crate::escape::json_into(out, &l.code, true));
    m.raw("isAccessibleForFree", "true");
    m.str("license", &config.licence.url);
    m.str("name", &config.title);
    m.strs("publisher", &[("@type", "Organization"), ("name", publisher)]);
    m.end();
    out
}

/// The metadata as a JSON value (tests read it field by field): [`page`] read back.
pub fn value(site: &Site, lang: &LangSite, d: &Described<'_>) -> Value {
    serde_json::from_str(&page(site, lang, d)).unwrap_or(Value::Null)
}

impl Described<'_> {
    fn title_of_site(&self, site: &Site, code: &str) -> String {
        site.config.site_texts(code).title.text
    }
}

/// What only content pages have: parts, length, objectives, level and audience.
#[derive(Default)]
struct Rich<'a> {
    /// The parts as a JSON array (`hasPart`, a guide's `step`), empty without parts.
    parts: String,
    time: Option<String>,
    teaches: Option<String>,
    level: Option<&'a str>,
    audience: Option<&'a str>,
}

fn rich<'a>(lang: &'a LangSite, d: &Described<'_>, url: &dyn Fn(&str, &str) -> String) -> Rich<'a> {
    let code = &lang.lang.code;
    let page = &lang.pages[d.id];
    let (ty, _) = type_of(d.kind);
    let part = |out: &mut String, (ty, id, name, position): (&'static str, &str, &str, usize)| {
        let mut o = Obj::new(out);
        o.str("@id", id);
        o.lit("@type", ty);
        o.str("name", name);
        o.num("position", position);
        o.end();
    };
    let held = |c: &PageId| !d.left_out.iter().any(|dir| lang.pages[*c].url.starts_with(dir.as_str()));
    let children: Vec<PageId> = page.children.iter().filter(|c| held(c)).copied().collect();
    let mut parts = String::new();
    if !children.is_empty() || !d.quizzes.is_empty() {
        let n = children.len();
        let pages =
            children.iter().enumerate().map(|(i, &c)| (type_of(lang.kind_name(c)).0, url(code, &lang.pages[c].url), lang.pages[c].front.title.as_str(), i + 1));
        let quizzes = d.quizzes.iter().enumerate().map(|(i, (title, u))| ("Quiz", url(code, u), title.as_str(), n + i + 1));
        array(&mut parts, pages.chain(quizzes), |out, (ty, id, name, position)| part(out, (ty, &id, name, position)));
    }
    let learning = matches!(ty, "Course" | "LearningResource" | "Quiz");
    Rich {
        parts,
        time: page.front.duration.as_deref().and_then(|t| crate::model::duration::to_iso8601(t).ok()),
        teaches: (learning && !page.front.objectives.is_empty()).then(|| {
            let mut out = String::new();
            array(&mut out, &page.front.objectives, |out, o| crate::escape::json_into(out, o, true));
            out
        }),
        level: lang.inherited(d.id, |f| f.level.as_deref()).map(|(level, _)| level),
        audience: lang.inherited(d.id, |f| f.audience.as_deref()).map(|(audience, _)| audience),
    }
}

/// A page's link to its translations (`workTranslation` on an original) or to its original
/// (`translationOfWork` on a translation), as JSON.
enum Translation {
    Into(String),
    Of(String),
}

/// `base`: the page's [`address_base`].
fn translations(site: &Site, lang: &LangSite, d: &Described<'_>, base: &str) -> Option<Translation> {
    let config = &site.config;
    let code = &lang.lang.code;
    let default = &config.default_language().code;
    let status_in = |l: &LangSite| -> Option<TextStatus> {
        match d.kind {
            "quiz" => l.quizzes.iter().find(|q| q.url == d.here).map(|q| q.text),
            "home" => l.home.map(|h| l.pages[h].text),
            k if is_site_page(k) => None,
            _ => l.pages.get(d.id).filter(|p| p.url == d.here).map(|p| p.text),
        }
    };
    let link = |out: &mut String, c: &str| {
        let mut o = Obj::new(out);
        o.str("@id", &join(base, c, d.here));
        o.str("inLanguage", c);
        o.end();
    };
    match status_in(lang) {
        Some(TextStatus::Original) if code == default => {
            let mut others = site.langs.iter().filter(|l| &l.lang.code != code && status_in(l) == Some(TextStatus::Translated)).peekable();
            others.peek()?;
            let mut out = String::new();
            array(&mut out, others, |out, l| link(out, &l.lang.code));
            Some(Translation::Into(out))
        }
        Some(TextStatus::Translated) => {
            let mut out = String::new();
            link(&mut out, default);
            Some(Translation::Of(out))
        }
        _ => None,
    }
}

/// The address of `path` in language `code`, seen from `here` in language `from`: absolute
/// with a `base_url`, else relative (JSON-LD resolves it against the page's own address).
fn address(config: &Config, from: &str, here: &str, code: &str, path: &str) -> String {
    join(&address_base(config, from, here), code, path)
}

/// What every address of a page's JSON-LD starts with: the base URL, or the way up from
/// `here` in language `from` to the site's root. Made once per page.
fn address_base(config: &Config, from: &str, here: &str) -> String {
    match &config.base_url {
        Some(base) => format!("{base}/"),
        // `to_root` of `{from}/{here}`, without making that path.
        None => {
            let ups = 1 + from.bytes().chain(here.bytes()).filter(|&b| b == b'/').count();
            "../".repeat(ups)
        }
    }
}

/// `<base><code>/<path>`.
fn join(base: &str, code: &str, path: &str) -> String {
    let mut s = String::with_capacity(base.len() + code.len() + 1 + path.len());
    s.push_str(base);
    s.push_str(code);
    s.push('/');
    s.push_str(path);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_written_as_serde_json_writes_them_and_stay_inside_the_script_element() {
        let mut out = String::new();
        let mut o = Obj::new(&mut out);
        o.str("@type", "Thing");
        o.raw("empty", "[]");
        array(o.key("list"), ["a", "b"], |out, s| crate::escape::json_into(out, s, true));
        o.str("name", "</script><b>A & B</b>");
        o.str("plain", "ok \"quoted\" \\ \n\t\u{1} ü");
        o.num("position", 12);
        o.strs("publisher", &[("@type", "Organization"), ("name", "<Q>")]);
        o.end();
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'), "{out}");
        let want = serde_json::json!({
            "name": "</script><b>A & B</b>",
            "plain": "ok \"quoted\" \\ \n\t\u{1} ü",
            "position": 12,
            "@type": "Thing",
            "list": ["a", "b"],
            "empty": [],
            "publisher": {"@type": "Organization", "name": "<Q>"},
        });
        // The same text serde_json writes (keys sorted), but for the three characters.
        let plain = serde_json::to_string(&want).unwrap().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
        assert_eq!(out, plain);
        assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), want);
    }

    #[test]
    fn numbers_and_literals_are_written_as_serde_json_writes_them() {
        for n in [0, 1, 9, 10, 12, 99, 100, 1_234_567_890, usize::MAX] {
            let mut out = String::new();
            let mut o = Obj::new(&mut out);
            o.num("n", n);
            o.lit("t", "https://schema.org");
            o.end();
            assert_eq!(out, serde_json::to_string(&serde_json::json!({"n": n, "t": "https://schema.org"})).unwrap());
        }
    }

    #[test]
    #[should_panic(expected = "written after")]
    #[cfg(debug_assertions)]
    fn a_key_out_of_order_is_caught() {
        let mut out = String::new();
        let mut o = Obj::new(&mut out);
        o.str("name", "x");
        o.str("@type", "Thing");
    }
}
