//! Pages of the whole site that are no lesson: the root language chooser, and in one language
//! the translation status page, the credits and accessibility pages (and, through
//! `render_site_view`, the journey's pages).

use super::*;

/// The translation status page of a language.
pub fn render_status(
    cx: &LangContext<'_>,
    theme: &Theme,
    reports: &[crate::translations::LangReport],
    changes: &std::collections::BTreeMap<String, String>,
    extra: ExtraSteps<'_>,
) -> Result<String, String> {
    let home = cx.lang.home.ok_or("no home page")?;
    let content = status::status_html(reports, &cx.lang.lang.code, &cx.site.config.languages, cx.strings, changes);
    render_site_view(cx, theme, extra, (home, "translation-status.html", "status"), ("translation_status", "translation_status_description"), &content)
}

/// A page of the site itself about its rights and duties: `credits` (credits.html) or
/// `accessibility` (accessibility.html, the accessibility statement).
pub fn render_site_page(cx: &LangContext<'_>, theme: &Theme, kind: &'static str, extra: ExtraSteps<'_>) -> Result<String, String> {
    let home = cx.lang.home.ok_or("no home page")?;
    let (here, content, title, description) = match kind {
        "credits" => ("credits.html", crate::rights::pages::credits_html(cx.site, cx.lang, cx.strings), "credits", "credits_description"),
        _ => ("accessibility.html", crate::rights::pages::accessibility_html(cx.site, cx.lang, cx.strings), "a11y_title", "a11y_description"),
    };
    render_site_view(cx, theme, extra, (home, here, kind), (title, description), &content)
}

/// A page of the whole site in one language (status, credits, progress, …): the home page's
/// place in the navigation, original text, no package. Its title and description are the
/// interface strings `title_key` and `description_key`.
pub fn render_site_view(
    cx: &LangContext<'_>,
    theme: &Theme,
    extra: ExtraSteps<'_>,
    (id, here, kind): (PageId, &str, &'static str),
    (title_key, description_key): (&str, &str),
    content: &str,
) -> Result<String, String> {
    let (title, description) = (cx.strings.get(title_key), cx.strings.get(description_key));
    let subject = Subject {
        id,
        here,
        title: &title,
        title_html: None,
        description: Some(&description),
        kind,
        content,
        is_step: true,
        package: None,
        text: TextStatus::Original,
        title_fallback: cx.is_default_languages(title_key),
        title_string: Some(title_key),
        outdated: false,
    };
    let mut v = view(cx, &subject, extra);
    cx.mark_interface_title(&mut v, title_key, description_key);
    render_view(cx, theme, &v)
}

/// One language on the root chooser: its name, site title and share translated, each in itself.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RootLanguage {
    pub code: String,
    pub name: String,
    pub url: String,
    pub dir: &'static str,
    pub site_title: String,
    /// "85% translated" in the language itself; none for the default language.
    pub share: Option<String>,
    pub percent: u32,
    /// "original", for the default language, in itself.
    pub original: Option<String>,
    /// ` lang="…" dir="…"` of `share` or `original` when the language lacks that string and
    /// shows another language's (empty otherwise).
    pub share_mark: String,
}

/// The root `index.html`: a language chooser (a redirect when there is one language).
pub fn render_root(site: &Site, theme: &Theme, strings: &[Strings]) -> Result<String, String> {
    let config = &site.config;
    let reports = crate::translations::report(site, &Default::default());
    let languages: Vec<RootLanguage> = site
        .langs
        .iter()
        .zip(strings)
        .filter(|(l, _)| l.home.is_some())
        .map(|(l, t)| {
            let percent = reports.iter().find(|r| r.lang == l.lang.code).map(|r| r.percent);
            RootLanguage {
                code: l.lang.code.clone(),
                name: l.lang.name.clone(),
                url: format!("{}/index.html", l.lang.code),
                dir: l.lang.direction.as_str(),
                site_title: config.site_texts(&l.lang.code).title.text,
                share: percent.map(|p| t.format("share_translated", &[("percent", &p.to_string())])),
                percent: percent.unwrap_or(100),
                original: percent.is_none().then(|| t.get("original_language")),
                share_mark: t.mark(if percent.is_some() { "share_translated" } else { "original_language" }),
            }
        })
        .collect();
    let default = config.default_language();
    let texts = config.site_texts(&default.code);
    let mut context = Context::new();
    context.insert("lang", &default.code);
    context.insert("dir", default.direction.as_str());
    context.insert("site_title", &config.title);
    context.insert("description", &texts.description.map(|d| d.text));
    context.insert("languages", &languages);
    context.insert("root", "");
    context.insert("redirect", &(languages.len() == 1).then(|| languages[0].url.clone()));
    context.insert("licence", &LicenceView::from(&config.licence));
    context.insert("jsonld", &crate::rights::jsonld::root(site));
    context.insert("attribution", &config.attribution);
    context.insert("funding", &config.funding);
    context.insert("authors", &config.authors);
    context.insert("progress_scope", &progress_scope(config));
    let labels: Vec<BTreeMap<String, String>> = strings.iter().map(Strings::all_plain).collect();
    context.insert("t", &labels[0]);
    // The default language's strings may be English (a default language without its own).
    if let Some(t) = strings.first() {
        let tm: BTreeMap<&String, String> = labels[0].keys().map(|k| (k, t.html(k))).collect();
        context.insert("tm", &tm);
    }
    theme.templates.render("languages.html", &context).map_err(|e| format!("template languages.html: {}", tera_error_chain(&e)))
}

/// One language's home on the not-found page: its name and site title, in itself.
#[derive(Debug, Clone, serde::Serialize)]
struct HomeLink {
    code: String,
    name: String,
    url: String,
    dir: &'static str,
    site_title: String,
}

/// The root `404.html` that static hosts show for an address with no page, in the default
/// language. Hosts show it at any depth, so its addresses start at `base_url`'s path when the
/// site has one (`/course/static/kyklos.css`), else they are relative to the root.
pub fn render_not_found(site: &Site, theme: &Theme, strings: &[Strings]) -> Result<String, String> {
    let config = &site.config;
    let root = config.base_url.as_deref().map_or_else(String::new, base_path);
    let languages: Vec<HomeLink> = site
        .langs
        .iter()
        .filter(|l| l.home.is_some())
        .map(|l| HomeLink {
            code: l.lang.code.clone(),
            name: l.lang.name.clone(),
            url: format!("{root}{}/index.html", l.lang.code),
            dir: l.lang.direction.as_str(),
            site_title: config.site_texts(&l.lang.code).title.text,
        })
        .collect();
    let default = config.default_language();
    let mut context = Context::new();
    context.insert("lang", &default.code);
    context.insert("dir", default.direction.as_str());
    context.insert("site_title", &config.title);
    context.insert("languages", &languages);
    context.insert("root", &root);
    context.insert("licence", &LicenceView::from(&config.licence));
    // The site's own metadata, its licence for machines too, as on the root page.
    context.insert("jsonld", &crate::rights::jsonld::root(site));
    context.insert("attribution", &config.attribution);
    context.insert("funding", &config.funding);
    let labels: BTreeMap<String, String> = strings.first().map(Strings::all_plain).unwrap_or_default();
    // The default language's strings may be English (a default language without its own).
    if let Some(t) = strings.first() {
        let tm: BTreeMap<&String, String> = labels.keys().map(|k| (k, t.html(k))).collect();
        context.insert("tm", &tm);
    }
    context.insert("t", &labels);
    theme.templates.render("not-found.html", &context).map_err(|e| format!("template not-found.html: {}", tera_error_chain(&e)))
}

/// The path of a site address with its slash at the end: `https://x.org/course` → `/course/`.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    format!("{}/", path.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn base_path_is_the_address_path_with_a_final_slash() {
        assert_eq!(base_path("https://x.org/course"), "/course/");
        assert_eq!(base_path("https://x.org/a/b"), "/a/b/");
        assert_eq!(base_path("https://x.org"), "/");
        assert_eq!(base_path("http://localhost:8000/"), "/");
    }
}
