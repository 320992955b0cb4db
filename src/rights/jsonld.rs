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

/// A JSON object as serde_json's map writes one: keys in byte order, no spaces, each key set
/// once; its strings made safe for a `<script>` element ([`crate::escape::json_into`]).
#[derive(Default)]
struct Obj(Vec<(&'static str, String)>);

/// `s` as a JSON string safe in a `<script>` element.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::escape::json_into(&mut out, s, true);
    out
}

/// A JSON array of values already written.
fn array(items: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&item);
    }
    out.push(']');
    out
}

impl Obj {
    fn str(&mut self, key: &'static str, value: &str) {
        self.0.push((key, quoted(value)));
    }

    fn num(&mut self, key: &'static str, value: usize) {
        self.0.push((key, value.to_string()));
    }

    /// A value already written as JSON (an object or an array).
    fn raw(&mut self, key: &'static str, json: String) {
        self.0.push((key, json));
    }

    /// `{"@type": …, "@id": …, "name": …}` and the like: string fields only.
    fn strs(fields: &[(&'static str, &str)]) -> String {
        let mut o = Obj::default();
        for (k, v) in fields {
            o.str(k, v);
        }
        o.finish()
    }

    fn finish(mut self) -> String {
        self.0.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut out = String::with_capacity(self.0.iter().map(|(k, v)| k.len() + v.len() + 4).sum::<usize>() + 2);
        out.push('{');
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('"');
            out.push_str(k);
            out.push_str("\":");
            out.push_str(v);
        }
        out.push('}');
        out
    }
}

/// The JSON-LD of a page, escaped for an HTML `<script type="application/ld+json">` element.
pub fn page(site: &Site, lang: &LangSite, d: &Described<'_>) -> String {
    let config = &site.config;
    let code = &lang.lang.code;
    let page = &lang.pages[d.id];
    let base = address_base(config, code, d.here);
    let url = |c: &str, path: &str| join(&base, c, path);
    let (ty, resource) = type_of(d.kind);
    let mut m = Obj::default();
    m.str("@context", "https://schema.org");
    m.str("@type", ty);
    // The page's own address, its `@id` and `url`, made once.
    let own = quoted(&url(code, d.here));
    m.raw("@id", own.clone());
    m.raw("url", own);
    m.str("name", d.title);
    if let Some(desc) = d.description.filter(|s| !s.trim().is_empty()) {
        m.str("description", desc);
    }
    let is_quiz = d.kind == "quiz";
    let shown_in = if d.fallback { &config.default_language().code } else { code };
    m.str("inLanguage", shown_in);
    m.str("license", &d.licence.url);
    m.raw("isAccessibleForFree", "true".into());
    let kind = if d.own_authors { "Person" } else { "Organization" };
    if !d.authors.is_empty() {
        m.raw("author", array(d.authors.iter().map(|a| Obj::strs(&[("@type", kind), ("name", a)]))));
    }
    let publisher = config.authors.first().map_or(config.title.as_str(), String::as_str);
    m.raw("publisher", Obj::strs(&[("@type", "Organization"), ("name", publisher)]));
    if let Some(r) = resource {
        m.str("learningResourceType", r);
    }
    if is_site_page(d.kind) || d.kind == "home" {
        if d.kind != "home" {
            let home = lang.home.map(|h| url(code, &lang.pages[h].url)).unwrap_or_else(|| url(code, "index.html"));
            m.raw("isPartOf", Obj::strs(&[("@type", "WebSite"), ("@id", &home), ("name", &d.title_of_site(site, code))]));
        }
    } else {
        let parent = if is_quiz { Some(d.id) } else { page.parent };
        if let Some(p) = parent {
            let pk = lang.kind_name(p);
            m.raw("isPartOf", Obj::strs(&[("@type", type_of(pk).0), ("@id", &url(code, &lang.pages[p].url)), ("name", &lang.pages[p].front.title)]));
        }
        if !is_quiz && !page.is_section {
            if let Some(p) = page.parent {
                if let Some(i) = lang.pages[p].children.iter().position(|&c| c == d.id) {
                    m.num("position", i + 1);
                }
            }
        }
    }
    if !is_quiz && !is_site_page(d.kind) {
        rich(lang, d, &url, &mut m);
    }
    translations(site, lang, d, &base, &mut m);
    m.finish()
}

/// The JSON-LD of the root page that lets visitors choose a language: the site in each.
pub fn root(site: &Site) -> String {
    let config = &site.config;
    let parts: Vec<String> = site
        .langs
        .iter()
        .filter(|l| l.home.is_some())
        .map(|l| {
            let id = address(config, "", "index.html", &l.lang.code, "index.html");
            let name = config.site_texts(&l.lang.code).title.text;
            Obj::strs(&[("@type", "WebSite"), ("@id", id.trim_start_matches("../")), ("name", &name), ("inLanguage", &l.lang.code)])
        })
        .collect();
    let publisher = config.authors.first().map_or(config.title.as_str(), String::as_str);
    let mut m = Obj::default();
    m.str("@context", "https://schema.org");
    m.str("@type", "WebSite");
    m.str("name", &config.title);
    if let Some(d) = &config.description {
        m.str("description", d);
    }
    m.raw("inLanguage", array(config.languages.iter().map(|l| quoted(&l.code))));
    m.str("license", &config.licence.url);
    m.raw("isAccessibleForFree", "true".into());
    m.raw("publisher", Obj::strs(&[("@type", "Organization"), ("name", publisher)]));
    if !parts.is_empty() {
        m.raw("hasPart", array(parts));
    }
    m.finish()
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

/// Parts, length, objectives, level and audience: what only content pages have.
fn rich(lang: &LangSite, d: &Described<'_>, url: &dyn Fn(&str, &str) -> String, m: &mut Obj) {
    let code = &lang.lang.code;
    let page = &lang.pages[d.id];
    let (ty, _) = type_of(d.kind);
    let part = |ty: &'static str, id: &str, name: &str, position: usize| {
        let mut o = Obj::default();
        o.str("@type", ty);
        o.str("@id", id);
        o.str("name", name);
        o.num("position", position);
        o.finish()
    };
    let held = |c: &PageId| !d.left_out.iter().any(|dir| lang.pages[*c].url.starts_with(dir.as_str()));
    let mut parts: Vec<String> = page
        .children
        .iter()
        .filter(|c| held(c))
        .enumerate()
        .map(|(i, &c)| part(type_of(lang.kind_name(c)).0, &url(code, &lang.pages[c].url), &lang.pages[c].front.title, i + 1))
        .collect();
    let n = parts.len();
    parts.extend(d.quizzes.iter().enumerate().map(|(i, (title, u))| part("Quiz", &url(code, u), title, n + i + 1)));
    if !parts.is_empty() {
        // A guide's phases are its steps.
        m.raw(if ty == "HowTo" { "step" } else { "hasPart" }, array(parts));
    }
    if let Some(iso) = page.front.duration.as_deref().and_then(|t| crate::model::duration::to_iso8601(t).ok()) {
        m.str("timeRequired", &iso);
    }
    let learning = matches!(ty, "Course" | "LearningResource" | "Quiz");
    if learning && !page.front.objectives.is_empty() {
        m.raw("teaches", array(page.front.objectives.iter().map(|o| quoted(o))));
    }
    if let Some((level, _)) = lang.inherited(d.id, |f| f.level.as_deref()) {
        m.str("educationalLevel", level);
    }
    if let Some((audience, _)) = lang.inherited(d.id, |f| f.audience.as_deref()) {
        m.raw("audience", Obj::strs(&[("@type", "Audience"), ("audienceType", audience)]));
    }
}

/// `workTranslation` on an original, `translationOfWork` on a translation.
/// `base`: the page's [`address_base`].
fn translations(site: &Site, lang: &LangSite, d: &Described<'_>, base: &str, m: &mut Obj) {
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
    let url = |c: &str| join(base, c, d.here);
    match status_in(lang) {
        Some(TextStatus::Original) if code == default => {
            let others: Vec<String> = site
                .langs
                .iter()
                .filter(|l| &l.lang.code != code && status_in(l) == Some(TextStatus::Translated))
                .map(|l| Obj::strs(&[("@id", &url(&l.lang.code)), ("inLanguage", &l.lang.code)]))
                .collect();
            if !others.is_empty() {
                m.raw("workTranslation", array(others));
            }
        }
        Some(TextStatus::Translated) => {
            m.raw("translationOfWork", Obj::strs(&[("@id", &url(default)), ("inLanguage", default)]));
        }
        _ => {}
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
        None => crate::model::url::to_root(&format!("{from}/{here}")),
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
        let mut o = Obj::default();
        o.str("name", "</script><b>A & B</b>");
        o.str("plain", "ok \"quoted\" \\ \n\t\u{1} ü");
        o.num("position", 12);
        o.raw("@type", quoted("Thing"));
        o.raw("list", array(["a", "b"].iter().map(|s| quoted(s))));
        o.raw("empty", array(std::iter::empty()));
        let out = o.finish();
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'), "{out}");
        let want = serde_json::json!({
            "name": "</script><b>A & B</b>",
            "plain": "ok \"quoted\" \\ \n\t\u{1} ü",
            "position": 12,
            "@type": "Thing",
            "list": ["a", "b"],
            "empty": [],
        });
        // The same text serde_json writes (keys sorted), but for the three characters.
        let plain = serde_json::to_string(&want).unwrap().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
        assert_eq!(out, plain);
        assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), want);
    }
}
