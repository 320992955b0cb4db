//! SCORM packages: every module and every course of a language as SCORM 1.2 and 2004 zips,
//! each with its Downloads entry.
//!
//! For every module (a section with `kind: module`) and every course (`kind: course`) of each
//! language, [`super::sco`] makes the SCOs' files and [`crate::scorm`] writes manifest and zip.
//! A SCO is one module, except in SCORM 2004 course packages: there the whole course is one SCO
//! that reports each module as an objective (Moodle's 2004 player refuses every SCO after the
//! first; README, "Course packages in SCORM 2004"). The manifest carries the licence, authors,
//! attribution and EU funding statement of the package, in its language.

use super::sco::{module_files, sco_files};
use super::{listed, slug, version_label, Download};
use crate::markdown::Rendered;
use crate::model::url::parent_dir;
use crate::model::{Kind, PageId, TextStatus};
use crate::render::theme::Theme;
use crate::render::views::ExtraSteps;
use crate::render::LangContext;
use crate::scorm::{self, Package, Sco, Version};

/// The files of one SCORM package, before compression: a package is built in memory.
pub const MAX_PACKAGE_BYTES: u64 = 256 * 1024 * 1024;

fn version_slug(v: Version) -> &'static str {
    match v {
        Version::Scorm12 => "scorm12",
        Version::Scorm2004 => "scorm2004",
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
    let translated = |id: PageId| lang.pages[id].text != TextStatus::Fallback;
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
            crate::files::human_size(total),
            crate::files::human_size(MAX_PACKAGE_BYTES)
        ));
    }
    let mut content = files;
    content.extend(statics.iter().map(|(n, b)| (format!("static/{n}"), b.clone())));
    content.sort_by(|a, b| a.0.cmp(&b.0));
    content.dedup_by(|a, b| a.0 == b.0);
    let title = pkg.title.clone();
    let version = version_label(pkg.version);
    let bytes = scorm::package_files(&pkg, content).map_err(|e| format!("packaging {path}: {e}"))?;
    let download = listed(title, kind, version, &cx.lang.lang.code, &path, &bytes);
    Ok((path, bytes, download))
}
