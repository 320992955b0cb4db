//! Themes: Tera templates and static files. The default theme is embedded in the binary
//! (listed once, here); a site's `themes/<name>/templates/*.html` and `themes/<name>/static/**`
//! override it file by file (site → embedded).

use std::path::Path;

use tera::Tera;
use walkdir::WalkDir;

use crate::diagnostics::{display_path, Diagnostic, Diagnostics};

macro_rules! embed_templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}
macro_rules! embed_static {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/static/", $name)).as_slice())),*]
    };
}

/// The embedded default templates.
pub const TEMPLATES: &[(&str, &str)] =
    embed_templates!["base.html", "macros.html", "page.html", "section.html", "home.html", "quiz.html", "languages.html", "sco.html"];

/// The embedded default static files (copied to `dist/static/`).
pub const STATIC: &[(&str, &[u8])] = embed_static!["kyklos.css", "syntax.css", "kyklos.js", "quiz-score.js", "quiz.js", "scorm.js", "package-bridge.js"];

pub struct Theme {
    pub tera: Tera,
    /// (path under `static/`, bytes), sorted by path.
    pub statics: Vec<(String, Vec<u8>)>,
}

impl Theme {
    /// The embedded theme overlaid with `<root>/themes/<name>/`.
    pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Theme> {
        let dir = root.join("themes").join(name);
        if name != "default" && !dir.is_dir() {
            diags.push(
                Diagnostic::error("site.yaml", 0, 0, format!("theme `{name}` not found"))
                    .with_hint(format!("create themes/{name}/ or remove `theme:` to use the built-in default")),
            );
            return None;
        }
        let mut templates: Vec<(String, String)> = TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut statics: Vec<(String, Vec<u8>)> = STATIC.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
        for (rel, path) in files_under(&dir.join("templates")) {
            match std::fs::read_to_string(&path) {
                Ok(text) => replace_or_push(&mut templates, rel, text),
                Err(e) => diags.push(Diagnostic::error(display_path(root, &path), 0, 0, format!("cannot read template: {e}"))),
            }
        }
        for (rel, path) in files_under(&dir.join("static")) {
            match std::fs::read(&path) {
                Ok(bytes) => replace_or_push(&mut statics, rel, bytes),
                Err(e) => diags.push(Diagnostic::error(display_path(root, &path), 0, 0, format!("cannot read: {e}"))),
            }
        }
        statics.sort_by(|a, b| a.0.cmp(&b.0));
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(crate::markdown::escape_html_str);
        if let Err(e) = tera.add_raw_templates(templates) {
            diags.push(
                Diagnostic::error(format!("themes/{name}/templates"), 0, 0, tera_error_chain(&e)).with_hint("fix the template syntax (Tera, like Jinja2)"),
            );
            return None;
        }
        Some(Theme { tera, statics })
    }
}

fn replace_or_push<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}

fn files_under(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !crate::load::is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.to_str()?.replace('\\', "/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect()
}

/// Tera hides the useful part of its errors in the source chain.
pub fn tera_error_chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
