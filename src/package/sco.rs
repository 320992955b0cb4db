//! One SCO of a package: its pages rendered for the package (no site chrome that leads
//! outside it), its assets, its launch page (`sco.html`, which keeps the LMS session while the
//! lessons run in its frame), and every link that would leave the package made inert.
//!
//! A SCO is one module, or in a SCORM 2004 course package the whole course, whose modules the
//! launch page reports as `cmi.objectives` ([`super::scorm`] says why).

use std::collections::BTreeMap;
use std::collections::BTreeSet;

use serde::Serialize;
use tera::Context;

use super::slug;
use crate::markdown::Rendered;
use crate::model::url::{join_normalised, parent_dir, relative};
use crate::model::{Kind, LangSite, PageId};
use crate::render::theme::{tera_error_chain, Theme};
use crate::render::views::{sequence, ExtraSteps, Step};
use crate::render::{self, LangContext, PackageScope};
use crate::scorm::{Sco, Version};

/// Files of a package: (path inside the zip, bytes).
pub(super) type Files = Vec<(String, Vec<u8>)>;

/// The files of one module's SCO (pages rendered for the package, its assets, its launch page).
pub(super) fn module_files(
    cx: &LangContext<'_>,
    theme: &Theme,
    rendered: &[Option<Rendered>],
    extra: ExtraSteps<'_>,
    module: PageId,
    base: &str,
    version: Version,
) -> Result<(Files, Sco), String> {
    sco_files(cx, theme, rendered, extra, module, &[module], base, version)
}

/// The module a page or section belongs to: itself when it is a module, else its nearest
/// module ancestor (none for a course's own pages).
fn module_of(lang: &LangSite, id: PageId) -> Option<PageId> {
    let is_module = |p: PageId| lang.pages[p].kind() == Kind::Module && lang.pages[p].is_section;
    if is_module(id) {
        return Some(id);
    }
    lang.ancestors(id).into_iter().rev().find(|&a| is_module(a))
}

/// The objective id of a module inside a course SCO (stable: derived from its folder).
fn objective_id(lang: &LangSite, module: PageId) -> String {
    slug(parent_dir(&lang.pages[module].url))
}

/// The files of one SCO whose navigation is bounded by `root`: a module, or (SCORM 2004
/// course packages) a whole course, keeping only the pages of `modules` and the course's own.
#[allow(clippy::too_many_arguments)]
pub(super) fn sco_files(
    cx: &LangContext<'_>,
    theme: &Theme,
    rendered: &[Option<Rendered>],
    extra: ExtraSteps<'_>,
    root: PageId,
    modules: &[PageId],
    base: &str,
    version: Version,
) -> Result<(Files, Sco), String> {
    let lang = cx.lang;
    // Modules under the root left out (untranslated ones): their folders.
    let left_out: Vec<String> = (0..lang.pages.len())
        .filter(|&id| id != root && module_of(lang, id) == Some(id) && !modules.contains(&id) && lang.ancestors(id).contains(&root))
        .map(|id| format!("{}/", parent_dir(&lang.pages[id].url)))
        .collect();
    let scope = PackageScope { module: root, base: base.to_string(), left_out };
    let quiz_at = |url: &str| lang.quizzes_of.iter().flat_map(|(&s, qs)| qs.iter().map(move |&q| (s, q))).find(|&(_, q)| lang.quizzes[q].url == url);
    let owner = |step: &Step| match step.page {
        Some(id) => module_of(lang, id),
        None => quiz_at(&step.url).and_then(|(section, _)| module_of(lang, section)),
    };
    let steps: Vec<_> = sequence(lang, root, extra).into_iter().filter(|s| owner(s).is_none_or(|m| modules.contains(&m))).collect();
    let root_dir = parent_dir(&lang.pages[root].url).to_string();
    let mut files: Vec<(String, String)> = Vec::new();
    for step in &steps {
        let html = match step.page {
            Some(id) => {
                let md = rendered.get(id).and_then(Option::as_ref).ok_or_else(|| format!("page {} was not kept for packaging", step.url))?;
                render::render_page_in(cx, theme, id, md, extra, Some(&scope))?
            }
            None => {
                let (section, quiz) = quiz_at(&step.url).ok_or_else(|| format!("no quiz at {}", step.url))?;
                render::render_quiz(cx, theme, section, &lang.quizzes[quiz], extra, Some(&scope))?
            }
        };
        files.push((scope.path(&step.url).to_string(), html));
    }
    // Assets under the root's folder, except those of modules left out (untranslated ones).
    let mut binary: Vec<(String, Vec<u8>)> = Vec::new();
    for asset in lang.assets.iter().filter(|a| !crate::media::is_transcript(&a.rel)) {
        if asset.url.starts_with(&format!("{root_dir}/")) && scope.holds(&asset.url) {
            let shown = crate::diagnostics::display_path(&cx.site.root, &asset.source);
            let bytes = crate::files::read_regular(&asset.source, crate::load::MAX_ASSET_BYTES).map_err(|e| format!("{}: {}", shown.display(), e.message()))?;
            // A drawing that fails the check is an error at load, which stops the build; one
            // changed since (the preview builds packages when asked) is left out, never
            // packaged unchecked.
            if crate::svg::is_svg(&asset.rel) && !crate::svg::check(&asset.rel, &bytes).is_empty() {
                continue;
            }
            binary.push((scope.path(&asset.url).to_string(), bytes));
        }
    }
    let launch = format!("{}/sco.html", scope.path(&root_dir));
    let quizzes: Vec<(&crate::model::quiz::Quiz, String)> = steps
        .iter()
        .filter(|s| s.page.is_none())
        .filter_map(|s| lang.quizzes.iter().find(|q| q.url == s.url).map(|q| (q, owner(s).map(|m| objective_id(lang, m)).unwrap_or_default())))
        .collect();
    let objectives: Vec<ModuleRef> = if modules.len() > 1 {
        modules.iter().map(|&m| ModuleRef { id: objective_id(lang, m), title: lang.pages[m].front.title.clone() }).collect()
    } else {
        Vec::new()
    };
    let lessons: Vec<(&Step, String)> = steps
        .iter()
        .filter(|s| s.page.is_some())
        .map(|s| (s, if objectives.is_empty() { String::new() } else { owner(s).map(|m| objective_id(lang, m)).unwrap_or_default() }))
        .collect();
    let sco_page = LaunchPage { root, lessons: &lessons, quizzes: &quizzes, modules: &objectives, launch: &launch, scope: &scope, version };
    files.push((launch.clone(), launch_page(cx, theme, &sco_page)?));

    let known: BTreeSet<String> =
        files.iter().map(|f| f.0.clone()).chain(binary.iter().map(|b| b.0.clone())).chain(std::iter::once("static/".into())).collect();
    let mut all: Vec<(String, Vec<u8>)> = files.into_iter().map(|(p, html)| (p.clone(), isolate_links(&html, &p, &known).into_bytes())).collect();
    all.extend(binary);
    let sco = Sco {
        id: format!("sco-{}", slug(&root_dir)),
        title: lang.pages[root].front.title.clone(),
        launch,
        files: all.iter().map(|f| f.0.clone()).collect(),
        mastery: if quizzes.len() == 1 { Some(quizzes[0].0.pass_mark) } else { None },
    };
    Ok((all, sco))
}

/// A module of a course SCO, reported as one `cmi.objectives` entry.
#[derive(Serialize)]
struct ModuleRef {
    id: String,
    title: String,
}

/// What the launch page of a SCO lists.
struct LaunchPage<'a> {
    root: PageId,
    /// The SCO's pages in reading order, each with its module's objective id (empty in a
    /// module package and for a course's own pages).
    lessons: &'a [(&'a Step, String)],
    quizzes: &'a [(&'a crate::model::quiz::Quiz, String)],
    modules: &'a [ModuleRef],
    launch: &'a str,
    scope: &'a PackageScope,
    version: Version,
}

#[derive(Serialize)]
struct LessonRef {
    key: String,
    url: String,
    title: String,
    module: String,
}

fn launch_page(cx: &LangContext<'_>, theme: &Theme, p: &LaunchPage<'_>) -> Result<String, String> {
    let lang = cx.lang;
    let code = &lang.lang.code;
    let here = p.launch;
    let lessons: Vec<LessonRef> = p
        .lessons
        .iter()
        .map(|(s, module)| LessonRef {
            key: format!("{code}/{}", s.url),
            url: relative(here, p.scope.path(&s.url)),
            title: s.title.clone(),
            module: module.clone(),
        })
        .collect();
    let mut context = Context::new();
    context.insert("lang", code);
    context.insert("dir", lang.lang.direction.as_str());
    context.insert("title", &lang.pages[p.root].front.title);
    context.insert("version", if p.version == Version::Scorm12 { "1.2" } else { "2004" });
    context.insert("root", &crate::model::url::to_root(here));
    context.insert("start", &relative(here, p.scope.path(&lang.pages[p.root].url)));
    context.insert("lessons", &lessons);
    let quizzes: Vec<serde_json::Value> = p
        .quizzes
        .iter()
        .map(|(q, module)| {
            let questions: Vec<serde_json::Value> = q.questions.iter().map(|qq| serde_json::json!({"id": qq.id, "type": qq.body.type_name()})).collect();
            serde_json::json!({"key": format!("{code}/{}", q.url), "url": relative(here, p.scope.path(&q.url)), "pass_mark": q.pass_mark, "questions": questions, "module": module})
        })
        .collect();
    context.insert("quizzes", &quizzes);
    context.insert("modules", p.modules);
    context.insert("t", cx.plain);
    // The strings as HTML, in a `<span lang dir>` where the language lacks them (`tm`).
    let tm: BTreeMap<&String, String> = cx.plain.keys().map(|k| (k, cx.strings.html(k))).collect();
    context.insert("tm", &tm);
    // scorm.js rewrites the refusal's text: its element carries the mark (`tl`).
    context.insert("tl", &cx.strings.tables().marks);
    context.insert("licence", &crate::render::views::LicenceView::from(&cx.site.config.licence));
    theme.templates.render("sco.html", &context).map_err(|e| format!("template sco.html: {}", tera_error_chain(&e)))
}

/// Makes every relative `href` that points outside the package inert (the attribute is
/// dropped, the text stays), so nothing in a package leads out of it.
pub fn isolate_links(html: &str, page: &str, files: &BTreeSet<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let dir = parent_dir(page);
    while let Some(i) = rest.find(" href=\"") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 7..];
        let Some(end) = after.find('"') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let url = &after[..end];
        let path = url.split('#').next().unwrap_or("");
        let external = url.starts_with('#') || url.contains("://") || url.starts_with("mailto:") || url.starts_with("tel:") || url.starts_with("data:");
        let inside = external || join_normalised(dir, &crate::model::url::percent_decode(path)).is_some_and(|p| files.contains(&p) || p.starts_with("static/"));
        if inside {
            out.push_str(&rest[i..i + 7 + end + 1]);
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::isolate_links;

    #[test]
    fn links_leaving_the_package_become_inert() {
        let files: BTreeSet<String> = ["mod/a.html", "mod/b.html"].iter().map(|s| s.to_string()).collect();
        let html = r##"<a href="b.html">in</a> <a href="../../about.html">out</a> <a href="#x">frag</a> <a href="https://eu.europa.eu/">web</a> <link href="../static/kyklos.css">"##;
        let got = isolate_links(html, "mod/a.html", &files);
        assert_eq!(
            got,
            r##"<a href="b.html">in</a> <a>out</a> <a href="#x">frag</a> <a href="https://eu.europa.eu/">web</a> <link href="../static/kyklos.css">"##
        );
    }
}
