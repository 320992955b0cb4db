//! Package: the site's modules and courses as SCORM zips, its quizzes as question banks, and
//! the Downloads page.
//!
//! For every module (a section with `kind: module`) and every course (`kind: course`) of each
//! language, the pages are rendered for the package (no site chrome that leads outside it),
//! links that would leave the package are made inert, a launch page (`sco.html`) is added per
//! SCO, and [`crate::scorm`] writes manifest and zip. A SCO is one module, except in SCORM 2004
//! course packages: there the whole course is one SCO that reports each module as an
//! objective (Moodle's 2004 player refuses every SCO after the first; README, "Course packages
//! in SCORM 2004"). Every quiz of the language becomes Moodle XML, GIFT and QTI 2.1 files
//! ([`crate::export`]). Nothing here touches the disk but reading module assets.

use std::collections::BTreeSet;

use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::Context;

use crate::markdown::Rendered;
pub use crate::model::download::Download;
use crate::model::url::{join_normalised, parent_dir, relative};
use crate::model::{Kind, PageId};
pub use crate::render::downloads::{downloads_table, human_size};
use crate::render::theme::{tera_error_chain, Theme};
use crate::render::views::{sequence, ExtraSteps};
use crate::render::{self, LangContext, PackageScope};
use crate::scorm::{self, Package, Sco, Version};

/// Files of a package: (path inside the zip, bytes).
type Files = Vec<(String, Vec<u8>)>;

/// The files of one SCORM package, before compression: a package is built in memory.
pub const MAX_PACKAGE_BYTES: u64 = 256 * 1024 * 1024;

pub fn version_label(v: Version) -> &'static str {
    v.name()
}

fn version_slug(v: Version) -> &'static str {
    match v {
        Version::Scorm12 => "scorm12",
        Version::Scorm2004 => "scorm2004",
    }
}

/// `course/mod/index.html` → `course-mod`; anything but ASCII letters and digits becomes `-`.
/// Non-ASCII names keep a short hash so two of them never collide.
fn slug(url_dir: &str) -> String {
    let mut s = String::new();
    for c in url_dir.chars() {
        let c = if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' };
        if !(c == '-' && s.ends_with('-')) {
            s.push(c);
        }
    }
    let mut s = s.trim_matches('-').to_string();
    if !url_dir.is_ascii() {
        let hash = url_dir.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        s = format!("{s}-{hash:08x}").trim_start_matches('-').to_string();
    }
    if s.is_empty() {
        "site".into()
    } else {
        s
    }
}

/// Every package of one language: (output path relative to `dist/<lang>/`, zip bytes, entry).
pub fn packages(
    cx: &LangContext<'_>,
    theme: &Theme,
    rendered: &[Option<Rendered>],
    extra: ExtraSteps<'_>,
    statics: &[(String, Vec<u8>)],
    emit: &mut dyn FnMut(String, Vec<u8>, Download) -> Result<(), String>,
) -> Result<(), String> {
    let lang = cx.lang;
    let versions = &cx.site.config.scorm;
    if versions.is_empty() {
        return Ok(());
    }
    // Each package is handed on as soon as it is made: only one is in memory at a time.
    let mut out = |(path, bytes, download): (String, Vec<u8>, Download)| emit(path, bytes, download);
    // A language packages the modules it has translated (a fallback module would be a package
    // in the wrong language); the default language packages all.
    let translated = |id: PageId| lang.pages[id].text != crate::model::TextStatus::Fallback;
    let modules: Vec<PageId> =
        (0..lang.pages.len()).filter(|&id| lang.pages[id].kind() == Kind::Module && lang.pages[id].is_section && translated(id)).collect();
    // A module zip is named after its own folder (not its course's), with the language:
    // `multiculturalism-and-migration-el-scorm12.zip`; two modules with the same folder name
    // in different courses keep their full path.
    let own_id = |m: PageId| slug(parent_dir(&lang.pages[m].url).rsplit('/').next().unwrap_or(""));
    let module_id = |m: PageId| {
        let id = own_id(m);
        if id.is_empty() || modules.iter().filter(|&&o| own_id(o) == id).count() > 1 {
            slug(parent_dir(&lang.pages[m].url))
        } else {
            id
        }
    };
    let code = slug(&lang.lang.code);
    for &m in &modules {
        let base = folder_of_folder(&lang.pages[m].url);
        let (files, sco) = module_files(cx, theme, rendered, extra, m, &base, versions[0])?;
        for &v in versions {
            let (files, sco) = if v == versions[0] { (files.clone(), sco.clone()) } else { module_files(cx, theme, rendered, extra, m, &base, v)? };
            let title = lang.pages[m].front.title.clone();
            let id = slug(parent_dir(&lang.pages[m].url));
            let pkg =
                package_spec(cx, m, format!("kyklos-{}-{id}", slug(&lang.lang.code)), v, &title, lang.pages[m].front.description.clone(), vec![sco], statics);
            out(zip_one(cx, pkg, files, statics, format!("downloads/{}-{code}-{}.zip", module_id(m), version_slug(v)), "module")?)?;
        }
    }
    let courses: Vec<PageId> =
        (0..lang.pages.len()).filter(|&id| lang.pages[id].kind() == Kind::Course && lang.pages[id].is_section && translated(id)).collect();
    for &c in &courses {
        let base = folder_of_folder(&lang.pages[c].url);
        let base = format!("{}{}", base, parent_dir(&lang.pages[c].url).strip_prefix(base.as_str()).unwrap_or("")).trim_end_matches('/').to_string();
        let base = if base.is_empty() { String::new() } else { format!("{base}/") };
        let in_course: Vec<PageId> = modules.iter().copied().filter(|&m| lang.ancestors(m).contains(&c)).collect();
        if in_course.is_empty() {
            continue;
        }
        let id = slug(parent_dir(&lang.pages[c].url));
        // The modules the course has in the default language (a translation may lack some).
        let all = cx.site.langs[0]
            .pages
            .iter()
            .enumerate()
            .filter(|(i, p)| p.kind() == Kind::Module && p.is_section && cx.site.langs[0].ancestors(*i).contains(&c))
            .count();
        for &v in versions {
            let mut files = Vec::new();
            let mut scos = Vec::new();
            if v == Version::Scorm2004 {
                // One SCO for the whole course: Moodle's SCORM 2004 player keeps one API object
                // per visit and refuses every SCO after the first once it terminated (README,
                // "Course packages in SCORM 2004"); modules are reported as cmi.objectives.
                let (f, sco) = sco_files(cx, theme, rendered, extra, c, &in_course, &base, v)?;
                files.extend(f);
                scos.push(sco);
            }
            for &m in in_course.iter().filter(|_| v != Version::Scorm2004) {
                let (f, sco) = module_files(cx, theme, rendered, extra, m, &base, v)?;
                files.extend(f);
                scos.push(sco);
            }
            let title = lang.pages[c].front.title.clone();
            let pkg =
                package_spec(cx, c, format!("kyklos-{}-{id}-course", slug(&lang.lang.code)), v, &title, lang.pages[c].front.description.clone(), scos, statics);
            let mut zip = zip_one(cx, pkg, files, statics, format!("downloads/{id}-complete-{code}-{}.zip", version_slug(v)), "course")?;
            if in_course.len() < all {
                zip.2.partial = Some((in_course.len(), all));
            }
            out(zip)?;
        }
    }
    Ok(())
}

/// Every quiz of one language that has its own texts (a fallback quiz would be a bank in the
/// wrong language) as Moodle XML, GIFT and a QTI 2.1 zip: (output path relative to
/// `dist/<lang>/`, bytes, entry). Files are named `<quiz>-<lang>-moodle.xml`, `-gift.txt` and
/// `-qti21.zip`, where `<quiz>` is the quiz's folder (and file stem for `name.quiz.yaml`).
pub fn question_banks(cx: &LangContext<'_>) -> Result<Vec<(String, Vec<u8>, Download)>, String> {
    use crate::export::{gift, moodle_xml, qti, Bank, Labels};
    let lang = cx.lang;
    let code = &lang.lang.code;
    let t = cx.strings;
    let labels = Labels {
        correct: t.get("quiz_correct"),
        partly: t.get("quiz_partly"),
        incorrect: t.get("quiz_incorrect"),
        answer_true: t.get("answer_true"),
        answer_false: t.get("answer_false"),
    };
    let mut sections: Vec<(PageId, &Vec<usize>)> = lang.quizzes_of.iter().map(|(&s, qs)| (s, qs)).collect();
    sections.sort_by_key(|&(s, _)| s);
    let mut out = Vec::new();
    for (section, quizzes) in sections {
        for &qi in quizzes {
            let quiz = &lang.quizzes[qi];
            if quiz.text == crate::model::TextStatus::Fallback {
                continue;
            }
            let mut category: Vec<String> = lang
                .ancestors(section)
                .into_iter()
                .chain(std::iter::once(section))
                .filter(|&id| Some(id) != lang.home)
                .map(|id| lang.pages[id].front.title.clone())
                .collect();
            if quizzes.len() > 1 || category.is_empty() {
                category.push(quiz.title.clone());
            }
            let name = quiz_slug(&quiz.url);
            let bank = Bank { quiz, category, lang: code.clone(), id: format!("kyklos-{}-{name}", slug(code)), labels: labels.clone() };
            // The quiz's title, with its section's where two quizzes share a title.
            let shared = lang.quizzes.iter().filter(|q| q.title == quiz.title).count() > 1;
            let title = match lang.pages.get(section) {
                Some(p) if shared && p.front.title != quiz.title => format!("{} — {}", p.front.title, quiz.title),
                _ => quiz.title.clone(),
            };
            let qti = qti::qti_package(&bank).map_err(|e| format!("exporting {}: {e}", quiz.source.display()))?;
            let files: [(&str, &'static str, Vec<u8>); 3] =
                [("moodle.xml", "Moodle XML", moodle_xml::moodle_xml(&bank)), ("gift.txt", "GIFT", gift::gift(&bank)), ("qti21.zip", "QTI 2.1", qti)];
            for (suffix, format, bytes) in files {
                let path = format!("downloads/{name}-{}-{suffix}", slug(code));
                let sha256 = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
                let download = Download {
                    title: title.clone(),
                    kind: "quiz",
                    version: format,
                    lang: code.clone(),
                    url: path.clone(),
                    size: bytes.len() as u64,
                    sha256,
                    partial: None,
                };
                out.push((path, bytes, download));
            }
        }
    }
    Ok(out)
}

/// `course/mod/quiz.html` → `course-mod`; `course/final.quiz.html` → `course-final`.
fn quiz_slug(url: &str) -> String {
    let dir = parent_dir(url);
    let file = url.rsplit('/').next().unwrap_or("");
    match file.strip_suffix(".quiz.html") {
        Some(stem) if dir.is_empty() => slug(stem),
        Some(stem) => slug(&format!("{dir}/{stem}")),
        None => slug(if dir.is_empty() { "quiz" } else { dir }),
    }
}

/// The folder that contains a section's folder, with a trailing slash (or empty).
fn folder_of_folder(section_url: &str) -> String {
    let dir = parent_dir(parent_dir(section_url));
    if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    }
}

#[allow(clippy::too_many_arguments)]
fn package_spec(
    cx: &LangContext<'_>,
    root: PageId,
    identifier: String,
    v: Version,
    title: &str,
    description: Option<String>,
    scos: Vec<Sco>,
    statics: &[(String, Vec<u8>)],
) -> Package {
    let config = &cx.site.config;
    let licence = crate::rights::licence_of(cx.site, cx.lang, root);
    let mut parts: Vec<String> = cx.texts.attribution.iter().map(|a| a.text.clone()).collect();
    if let Some(eu) = crate::rights::eu_view(cx.site, cx.strings) {
        parts.push(format!("{}. {}", eu.statement, eu.disclaimer));
        parts.extend(eu.project);
    }
    let attribution = parts.join(" ");
    Package {
        identifier,
        version: v,
        title: title.to_string(),
        description,
        lang: cx.lang.lang.code.clone(),
        // The licence and authors of the module or course (its own, its folder's or the
        // site's), the attribution and the EU funding statement in the package's language.
        licence_name: licence.name,
        licence_url: licence.url,
        attribution: Some(attribution).filter(|a| !a.is_empty()),
        authors: cx.lang.authors_of(root).unwrap_or(&config.authors).to_vec(),
        scos,
        shared: statics.iter().map(|(n, _)| format!("static/{n}")).collect(),
    }
}

fn zip_one(
    cx: &LangContext<'_>,
    pkg: Package,
    files: Vec<(String, Vec<u8>)>,
    statics: &[(String, Vec<u8>)],
    path: String,
    kind: &'static str,
) -> Result<(String, Vec<u8>, Download), String> {
    let total: u64 = files.iter().map(|f| f.1.len() as u64).sum();
    if total > MAX_PACKAGE_BYTES {
        return Err(format!(
            "the SCORM package {path} would hold {} of files; the limit is {}: link large media from a file host, or set `scorm: off`",
            crate::load::files::human_size(total),
            crate::load::files::human_size(MAX_PACKAGE_BYTES)
        ));
    }
    let mut content = files;
    content.extend(statics.iter().map(|(n, b)| (format!("static/{n}"), b.clone())));
    content.sort_by(|a, b| a.0.cmp(&b.0));
    content.dedup_by(|a, b| a.0 == b.0);
    let title = pkg.title.clone();
    let version = version_label(pkg.version);
    let bytes = scorm::package_files(&pkg, content).map_err(|e| format!("packaging {path}: {e}"))?;
    let sha256 = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let download = Download { title, kind, version, lang: cx.lang.lang.code.clone(), url: path.clone(), size: bytes.len() as u64, sha256, partial: None };
    Ok((path, bytes, download))
}

/// The files of one module's SCO (pages rendered for the package, its assets, its launch page).
fn module_files(
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
fn module_of(lang: &crate::model::LangSite, id: PageId) -> Option<PageId> {
    let is_module = |p: PageId| lang.pages[p].kind() == Kind::Module && lang.pages[p].is_section;
    if is_module(id) {
        return Some(id);
    }
    lang.ancestors(id).into_iter().rev().find(|&a| is_module(a))
}

/// The objective id of a module inside a course SCO (stable: derived from its folder).
fn objective_id(lang: &crate::model::LangSite, module: PageId) -> String {
    slug(parent_dir(&lang.pages[module].url))
}

/// The files of one SCO whose navigation is bounded by `root`: a module, or (SCORM 2004
/// course packages) a whole course, keeping only the pages of `modules` and the course's own.
#[allow(clippy::too_many_arguments)]
fn sco_files(
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
    let scope = PackageScope { module: root, base: base.to_string() };
    let quiz_at = |url: &str| lang.quizzes_of.iter().flat_map(|(&s, qs)| qs.iter().map(move |&q| (s, q))).find(|&(_, q)| lang.quizzes[q].url == url);
    let owner = |step: &crate::render::views::Step| match step.page {
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
    let left_out: Vec<String> = (0..lang.pages.len())
        .filter(|&id| id != root && module_of(lang, id) == Some(id) && !modules.contains(&id) && lang.ancestors(id).contains(&root))
        .map(|id| format!("{}/", parent_dir(&lang.pages[id].url)))
        .collect();
    let mut binary: Vec<(String, Vec<u8>)> = Vec::new();
    for asset in lang.assets.iter().filter(|a| !crate::media::is_transcript(&a.rel)) {
        if asset.url.starts_with(&format!("{root_dir}/")) && !left_out.iter().any(|dir| asset.url.starts_with(dir.as_str())) {
            let bytes = crate::load::files::read_regular(&asset.source, crate::load::MAX_ASSET_BYTES)
                .map_err(|e| format!("{}: {}", crate::diagnostics::display_path(&cx.site.root, &asset.source).display(), e.message()))?;
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
    let lessons: Vec<(&crate::render::views::Step, String)> = steps
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
    lessons: &'a [(&'a crate::render::views::Step, String)],
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
    context.insert("t", &cx.plain);
    context.insert("licence", &crate::render::views::LicenceView::from(&cx.site.config.licence));
    theme.tera.render("sco.html", &context).map_err(|e| format!("template sco.html: {}", tera_error_chain(&e)))
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
    use super::*;

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

    #[test]
    fn slugs_and_sizes() {
        assert!(slug("course/Μάθημα 1").starts_with("course-1-"));
        assert_ne!(slug("Μάθημα"), slug("Ενότητα"));
        assert_eq!(slug("course/mod-1"), "course-mod-1");
        assert_eq!(human_size(1536), "1.5 KB");
    }
}
