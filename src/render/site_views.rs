//! Pages of the whole site in one language that are no lesson: the translation status page,
//! the credits and accessibility pages (and, through `render_site_view`, the journey's pages).

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
    let content = status::status_html(reports, &cx.lang.lang.code, cx.strings, changes);
    let title = cx.strings.get("translation_status");
    let description = cx.strings.get("translation_status_description");
    render_site_view(cx, theme, extra, (home, "translation-status.html", "status"), &title, &description, &content)
}

/// A page of the site itself about its rights and duties: `credits` (credits.html) or
/// `accessibility` (accessibility.html, the accessibility statement).
pub fn render_site_page(cx: &LangContext<'_>, theme: &Theme, kind: &'static str, extra: ExtraSteps<'_>) -> Result<String, String> {
    let home = cx.lang.home.ok_or("no home page")?;
    let (here, content, title, description) = match kind {
        "credits" => ("credits.html", crate::rights::pages::credits_html(cx.site, cx.lang, cx.strings), "credits", "credits_description"),
        _ => ("accessibility.html", crate::rights::pages::accessibility_html(cx.site, cx.lang, cx.strings), "a11y_title", "a11y_description"),
    };
    let (title, description) = (cx.strings.get(title), cx.strings.get(description));
    render_site_view(cx, theme, extra, (home, here, kind), &title, &description, &content)
}

/// A page of the whole site in one language (status, credits, progress, …): the home page's
/// place in the navigation, original text, no package.
pub fn render_site_view(
    cx: &LangContext<'_>,
    theme: &Theme,
    extra: ExtraSteps<'_>,
    (id, here, kind): (PageId, &str, &'static str),
    title: &str,
    description: &str,
    content: &str,
) -> Result<String, String> {
    let subject =
        Subject { id, here, title, description: Some(description), kind, content, is_step: true, package: None, text: TextStatus::Original, outdated: false };
    render_view(cx, theme, &view(cx, &subject, extra))
}
