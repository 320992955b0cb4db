//! schema.org metadata of a page as JSON-LD: what it is (`Course`, `LearningResource`, `Quiz`,
//! `HowTo`, …), its licence, authors, place in the site, length and learning objectives, and
//! its translations. Pure: model in, JSON text out.
//!
//! The JSON goes into `<script type="application/ld+json">`: a data block that browsers never
//! run (a strict Content-Security-Policy does not apply to it). `<`, `>` and `&` are written
//! as `\u003c`, `\u003e` and `\u0026`, so no text of the site can close the element.

use serde_json::{json, Map, Value};

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
    pub description: Option<&'a str>,
    /// The page kind as templates know it (`lesson`, `quiz`, `downloads`, …).
    pub kind: &'a str,
    pub licence: &'a Licence,
    pub authors: &'a [String],
    /// The authors are the page's own (people) rather than the site's (organisations).
    pub own_authors: bool,
    /// The section's quizzes (title, output path), listed as its parts.
    pub quizzes: Vec<(String, String)>,
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

/// The JSON-LD of a page, escaped for an HTML `<script type="application/ld+json">` element.
pub fn page(site: &Site, lang: &LangSite, d: &Described<'_>) -> String {
    escape(&value(site, lang, d))
}

/// The JSON-LD of the root page that lets visitors choose a language: the site in each.
pub fn root(site: &Site) -> String {
    let config = &site.config;
    let parts: Vec<Value> = site
        .langs
        .iter()
        .filter(|l| l.home.is_some())
        .map(|l| {
            json!({"@type": "WebSite", "@id": address(config, "", "index.html", &l.lang.code, "index.html").trim_start_matches("../").to_string(), "name": config.site_texts(&l.lang.code).title.text, "inLanguage": l.lang.code})
        })
        .collect();
    let publisher = config.authors.first().map_or(config.title.as_str(), String::as_str);
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("WebSite"));
    m.insert("name".into(), json!(config.title));
    if let Some(d) = &config.description {
        m.insert("description".into(), json!(d));
    }
    m.insert("inLanguage".into(), json!(config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>()));
    m.insert("license".into(), json!(config.licence.url));
    m.insert("isAccessibleForFree".into(), json!(true));
    m.insert("publisher".into(), json!({"@type": "Organization", "name": publisher}));
    if !parts.is_empty() {
        m.insert("hasPart".into(), Value::Array(parts));
    }
    escape(&Value::Object(m))
}

/// Serialises JSON so it can sit inside an HTML element whatever its strings hold.
pub fn escape(v: &Value) -> String {
    // `to_string` writes into a buffer; `Value`'s `Display` (the same text) goes through a
    // formatter adapter at a few times the cost.
    let json = serde_json::to_string(v).unwrap_or_default();
    let special = |b: &u8| matches!(b, b'<' | b'>' | b'&');
    if !json.as_bytes().iter().any(special) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 32);
    let mut from = 0;
    for (at, b) in json.bytes().enumerate().filter(|(_, b)| special(b)) {
        out.push_str(&json[from..at]);
        out.push_str(match b {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        from = at + 1;
    }
    out.push_str(&json[from..]);
    out
}

/// The metadata as a JSON value (tests read it field by field).
pub fn value(site: &Site, lang: &LangSite, d: &Described<'_>) -> Value {
    let config = &site.config;
    let code = &lang.lang.code;
    let page = &lang.pages[d.id];
    let base = address_base(config, code, d.here);
    let url = |c: &str, path: &str| join(&base, c, path);
    let (ty, resource) = type_of(d.kind);
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!(ty));
    m.insert("@id".into(), json!(url(code, d.here)));
    m.insert("url".into(), json!(url(code, d.here)));
    m.insert("name".into(), json!(d.title));
    if let Some(desc) = d.description.filter(|s| !s.trim().is_empty()) {
        m.insert("description".into(), json!(desc));
    }
    let is_quiz = d.kind == "quiz";
    let status = if is_quiz { lang.quizzes.iter().find(|q| q.url == d.here).map(|q| q.text) } else { Some(page.text) };
    let shown_in = if status == Some(TextStatus::Fallback) { &config.default_language().code } else { code };
    m.insert("inLanguage".into(), json!(shown_in));
    m.insert("license".into(), json!(d.licence.url));
    m.insert("isAccessibleForFree".into(), json!(true));
    let kind = if d.own_authors { "Person" } else { "Organization" };
    let authors: Vec<Value> = d.authors.iter().map(|a| json!({"@type": kind, "name": a})).collect();
    if !authors.is_empty() {
        m.insert("author".into(), Value::Array(authors));
    }
    let publisher = config.authors.first().map_or(config.title.as_str(), String::as_str);
    m.insert("publisher".into(), json!({"@type": "Organization", "name": publisher}));
    if let Some(r) = resource {
        m.insert("learningResourceType".into(), json!(r));
    }
    let home = lang.home.map(|h| url(code, &lang.pages[h].url)).unwrap_or_else(|| url(code, "index.html"));
    if is_site_page(d.kind) || d.kind == "home" {
        if d.kind != "home" {
            m.insert("isPartOf".into(), json!({"@type": "WebSite", "@id": home, "name": d.title_of_site(site, code)}));
        }
    } else {
        let parent = if is_quiz { Some(d.id) } else { page.parent };
        if let Some(p) = parent {
            let pk = lang.kind_name(p);
            m.insert("isPartOf".into(), json!({"@type": type_of(pk).0, "@id": url(code, &lang.pages[p].url), "name": lang.pages[p].front.title}));
        }
        if !is_quiz && !page.is_section {
            if let Some(p) = page.parent {
                if let Some(i) = lang.pages[p].children.iter().position(|&c| c == d.id) {
                    m.insert("position".into(), json!(i + 1));
                }
            }
        }
    }
    if !is_quiz && !is_site_page(d.kind) {
        rich(lang, d, &url, &mut m);
    }
    translations(site, lang, d, &mut m);
    Value::Object(m)
}

impl Described<'_> {
    fn title_of_site(&self, site: &Site, code: &str) -> String {
        site.config.site_texts(code).title.text
    }
}

/// Parts, length, objectives, level and audience: what only content pages have.
fn rich(lang: &LangSite, d: &Described<'_>, url: &dyn Fn(&str, &str) -> String, m: &mut Map<String, Value>) {
    let code = &lang.lang.code;
    let page = &lang.pages[d.id];
    let (ty, _) = type_of(d.kind);
    let mut parts: Vec<Value> = page
        .children
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let ck = lang.kind_name(c);
            json!({"@type": type_of(ck).0, "@id": url(code, &lang.pages[c].url), "name": lang.pages[c].front.title, "position": i + 1})
        })
        .collect();
    let n = parts.len();
    parts.extend(d.quizzes.iter().enumerate().map(|(i, (title, u))| json!({"@type": "Quiz", "@id": url(code, u), "name": title, "position": n + i + 1})));
    if !parts.is_empty() {
        // A guide's phases are its steps.
        m.insert(if ty == "HowTo" { "step" } else { "hasPart" }.into(), Value::Array(parts));
    }
    if let Some(iso) = page.front.duration.as_deref().and_then(|t| crate::model::duration::to_iso8601(t).ok()) {
        m.insert("timeRequired".into(), json!(iso));
    }
    let learning = matches!(ty, "Course" | "LearningResource" | "Quiz");
    if learning && !page.front.objectives.is_empty() {
        m.insert("teaches".into(), json!(page.front.objectives));
    }
    if let Some((level, _)) = lang.inherited(d.id, |f| f.level.as_deref()) {
        m.insert("educationalLevel".into(), json!(level));
    }
    if let Some((audience, _)) = lang.inherited(d.id, |f| f.audience.as_deref()) {
        m.insert("audience".into(), json!({"@type": "Audience", "audienceType": audience}));
    }
}

/// `workTranslation` on an original, `translationOfWork` on a translation.
fn translations(site: &Site, lang: &LangSite, d: &Described<'_>, m: &mut Map<String, Value>) {
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
    let base = address_base(config, code, d.here);
    let url = |c: &str| join(&base, c, d.here);
    match status_in(lang) {
        Some(TextStatus::Original) if code == default => {
            let others: Vec<Value> = site
                .langs
                .iter()
                .filter(|l| &l.lang.code != code && status_in(l) == Some(TextStatus::Translated))
                .map(|l| json!({"@id": url(&l.lang.code), "inLanguage": l.lang.code}))
                .collect();
            if !others.is_empty() {
                m.insert("workTranslation".into(), Value::Array(others));
            }
        }
        Some(TextStatus::Translated) => {
            m.insert("translationOfWork".into(), json!({"@id": url(default), "inLanguage": default}));
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
    #[test]
    fn escape_keeps_html_out_of_the_script_element() {
        let v = serde_json::json!({"name": "</script><b>A & B</b>", "plain": "ok"});
        let out = super::escape(&v);
        assert_eq!(out, r#"{"name":"\u003c/script\u003e\u003cb\u003eA \u0026 B\u003c/b\u003e","plain":"ok"}"#);
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, v);
        assert_eq!(super::escape(&serde_json::json!({"a": "ü"})), r#"{"a":"ü"}"#);
    }
}
