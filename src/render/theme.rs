//! Themes: Tera templates and static files. The default theme is embedded in the binary
//! (listed once, here); a site's `themes/<name>/templates/*.html` and `themes/<name>/static/**`
//! override it file by file (site → embedded).

use std::path::Path;

use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::files;

/// A template is a few KiB of HTML; a megabyte is a mistake.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;
/// All files of a theme's `templates/` or `static/` folder together: they are held in memory
/// and copied into every SCORM package (fonts, icons and styles are a few MiB).
pub const MAX_THEME_BYTES: u64 = 32 * 1024 * 1024;

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
pub const TEMPLATES: &[(&str, &str)] = embed_templates![
    "head.html",
    "base.html",
    "macros.html",
    "page.html",
    "section.html",
    "home.html",
    "quiz.html",
    "languages.html",
    "not-found.html",
    "root-footer.html",
    "language-link.html",
    "sco.html",
    "course-nav.html"
];

/// The embedded default static files (copied to `dist/static/`).
pub const STATIC: &[(&str, &[u8])] = embed_static![
    "kyklos.css",
    "syntax.css",
    "search.css",
    "kyklos.js",
    "tag-filters.js",
    "search.js",
    "quiz-score.js",
    "quiz.js",
    "scorm.js",
    "package-bridge.js",
    "journey.js",
    "journey-ui.js",
    "journey.css",
    "attribution.js",
    "media.js",
    "media.css"
];

pub struct Theme {
    pub templates: super::templates::Templates,
    /// (path under `static/`, bytes), sorted by path.
    pub statics: Vec<(String, Vec<u8>)>,
    /// The theme overrides none of the templates a lesson page is made of (`page.html`,
    /// `base.html`, `head.html`, `macros.html`, `lesson.html`): such pages are written by the built-in
    /// renderer ([`super::lesson`]), which gives the same bytes as Tera with the built-in ones.
    pub builtin_page: bool,
    /// The theme's `course-nav.html` is the built-in one: the Rust code writes the list.
    pub builtin_nav: bool,
    /// Likewise for `section.html` (course, module, guide and collection pages) and
    /// `home.html`, each with `base.html`, `head.html` and `macros.html`.
    pub builtin_section: bool,
    pub builtin_home: bool,
}

/// The templates the built-in page renderer stands for.
pub const PAGE_TEMPLATES: [&str; 5] = ["page.html", "base.html", "head.html", "macros.html", "lesson.html"];

impl Theme {
    /// The embedded theme overlaid with `<root>/themes/<name>/`.
    /// `at`: where site.yaml names the theme (for the "not found" error).
    pub fn load(root: &Path, name: &str, at: (usize, usize), diags: &mut Diagnostics) -> Option<Theme> {
        let dir = root.join("themes").join(name);
        let (line, col) = at;
        match files::resolve_inside(root, &dir) {
            Ok(_) if dir.is_dir() => {}
            Err(files::FileProblem::Missing) if name == "default" => {}
            Ok(_) | Err(files::FileProblem::Missing) => {
                diags.push(
                    Diagnostic::error("site.yaml", line, col, format!("theme `{name}` not found"))
                        .with_hint(format!("create themes/{name}/ or remove `theme:` to use the built-in default")),
                );
                return None;
            }
            Err(p) => {
                diags.push(p.diagnostic(format!("themes/{name}")));
                return None;
            }
        }
        let before = diags.error_count();
        let mut templates: Vec<(String, String)> = TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let mut statics: Vec<(String, Vec<u8>)> = STATIC.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
        let mut own = Vec::new();
        for (rel, bytes) in files_under(root, &dir.join("templates"), MAX_TEMPLATE_BYTES, diags) {
            let shown = format!("themes/{name}/templates/{rel}");
            match crate::files::decode(bytes) {
                Ok(text) => {
                    if let Err(e) = tera::Template::new(&rel, None, &text) {
                        let (l, c) = tera_position(&e);
                        diags.push(Diagnostic::error(&shown, l, c, tera_message(&e)).with_hint("fix the template syntax (Tera, like Jinja2)"));
                    }
                    for (l, c, message, hint) in super::theme_check::check(&text, super::theme_check::Kind::Template) {
                        diags.push(Diagnostic::error(&shown, l, c, message).with_hint(hint));
                    }
                    own.push(rel.clone());
                    replace_or_push(&mut templates, rel, text);
                }
                Err((l, c, m)) => diags.push(Diagnostic::error(shown, l, c, m).with_hint("save the template as UTF-8 text")),
            }
        }
        for (rel, bytes) in files_under(root, &dir.join("static"), MAX_THEME_BYTES, diags) {
            if let Some(css) = rel.ends_with(".css").then(|| std::str::from_utf8(&bytes).ok()).flatten() {
                for (l, c, message, hint) in super::theme_check::check(css, super::theme_check::Kind::Css) {
                    diags.push(Diagnostic::error(format!("themes/{name}/static/{rel}"), l, c, message).with_hint(hint));
                }
            }
            replace_or_push(&mut statics, rel, bytes);
        }
        if diags.error_count() > before {
            return None;
        }
        statics.sort_by(|a, b| a.0.cmp(&b.0));
        // A copy of a built-in template (as in this repository's sample site) overrides nothing.
        let builtin = |name: &str| {
            let used = templates.iter().find(|(n, _)| n == name).map(|(_, t)| t.as_str());
            used == TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
        };
        let builtin_page = PAGE_TEMPLATES.iter().all(|name| builtin(name));
        let builtin_nav = builtin("course-nav.html");
        let chrome = ["base.html", "head.html", "macros.html"].iter().all(|name| builtin(name));
        let (builtin_section, builtin_home) = (chrome && builtin("section.html"), chrome && builtin("home.html"));
        // The built-in templates compile (a test says so): each is compiled when a page first
        // needs it. A theme's own templates are compiled now, to report their mistakes.
        let all_builtin = templates.len() == TEMPLATES.len() && templates.iter().all(|(n, _)| builtin(n));
        let templates = if all_builtin {
            super::templates::Templates::on_first_use(templates)
        } else {
            match super::templates::Templates::whole(templates) {
                Ok(t) => t,
                Err(e) => {
                    let message = tera_error_chain(&e);
                    // Name the site's own template the message is about, if any.
                    let culprit =
                        own.iter().find(|t| message.contains(&format!("'{t}'"))).map_or_else(|| "templates".to_string(), |t| format!("templates/{t}"));
                    diags.push(Diagnostic::error(format!("themes/{name}/{culprit}"), 0, 0, message).with_hint("fix the template (Tera, like Jinja2)"));
                    return None;
                }
            }
        };
        Some(Theme { templates, statics, builtin_page, builtin_nav, builtin_section, builtin_home })
    }
}

fn replace_or_push<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}

/// The files below `dir` (inside the site), read: (path relative to `dir`, bytes). Links and
/// special files are skipped with a warning; unreadable files are errors.
fn files_under(root: &Path, dir: &Path, limit: u64, diags: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    match files::resolve_inside(root, dir) {
        Ok(_) if dir.is_dir() => {}
        Err(p @ (files::FileProblem::Outside | files::FileProblem::Symlink)) => {
            diags.push(p.diagnostic(display_path(root, dir)));
            return Vec::new();
        }
        _ => return Vec::new(),
    }
    let mut found = Vec::new();
    let (entries, problems) = crate::files::walk::walk(root, dir, |name| !crate::load::is_ignored(name));
    diags.extend(problems);
    let mut total = 0u64;
    for entry in entries {
        let shown = display_path(root, &entry.path);
        match entry.kind {
            crate::files::walk::Kind::Folder => continue,
            crate::files::walk::Kind::Special(p) => {
                diags.push(Diagnostic::warning(shown, 0, 0, format!("{}: skipped", p.message())).with_hint(p.hint()));
                continue;
            }
            crate::files::walk::Kind::File => {}
        }
        let Some(rel) = entry.path.strip_prefix(dir).ok().and_then(Path::to_str).map(|s| s.replace('\\', "/")) else {
            diags.push(Diagnostic::warning(shown, 0, 0, "the file name is not valid Unicode: skipped").with_hint("rename the file"));
            continue;
        };
        total += entry.size;
        if total > MAX_THEME_BYTES {
            diags.push(
                Diagnostic::error(display_path(root, dir), 0, 0, format!("the files of this folder hold more than {}", files::human_size(MAX_THEME_BYTES)))
                    .with_hint("a theme's templates, styles and images are loaded by every page: keep them small (the limits are listed in the README)"),
            );
            break;
        }
        match files::read_regular(&entry.source, limit) {
            Ok(bytes) => found.push((rel, bytes)),
            Err(p @ files::FileProblem::Special(_)) => {
                diags.push(Diagnostic::warning(shown, 0, 0, format!("{}: skipped", p.message())).with_hint(p.hint()));
            }
            Err(p) => diags.push(p.diagnostic(shown)),
        }
    }
    found
}

/// Tera's parse errors carry ` --> line:col` in their source chain.
fn tera_position(e: &tera::Error) -> (usize, usize) {
    let chain = tera_error_chain(e);
    chain
        .split_once("--> ")
        .and_then(|(_, rest)| {
            let (l, rest) = rest.split_once(':')?;
            let c: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some((l.trim().parse().ok()?, c.parse().ok()?))
        })
        .unwrap_or((0, 0))
}

/// The readable part of a Tera parse error: its last line that says what was expected.
fn tera_message(e: &tera::Error) -> String {
    let chain = tera_error_chain(e);
    let lines: Vec<&str> = chain.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    match lines.iter().rev().find(|l| l.starts_with("= ")) {
        Some(l) => format!("template syntax error: {}", &l[2..]),
        None => format!("template syntax error: {}", lines.first().copied().unwrap_or("")),
    }
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

/// Tera filter `keep_words`: the text, HTML-escaped, with short hyphenated names ("Q-SER",
/// "e-learning") kept whole on one line. Use it with `| safe`.
pub(super) fn keep_words_filter(value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let text = value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string());
    Ok(tera::Value::String(keep_words(&text)))
}

/// Escapes `text` and wraps each word of at most 16 characters that holds a hyphen between
/// letters or digits in `<span class="nobr">`, so it never breaks at its hyphen.
pub fn keep_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    // Most titles have no hyphen at all: escaped whole, as word by word gives the same text.
    if !text.contains('-') {
        crate::escape::escape_into(&mut out, text);
        return out;
    }
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // Most words have no hyphen: escaped straight into the output.
        if !word.contains('-') {
            crate::escape::escape_into(&mut out, word);
            continue;
        }
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let chars: Vec<char> = core.chars().collect();
        let inner_hyphen = chars.windows(3).any(|w| w[1] == '-' && w[0].is_alphanumeric() && w[2].is_alphanumeric());
        if inner_hyphen && chars.len() <= 16 {
            out.push_str("<span class=\"nobr\">");
            out.push_str(&crate::markdown::escape_html(word));
            out.push_str("</span>");
        } else {
            out.push_str(&crate::markdown::escape_html(word));
        }
    }
    out
}

#[cfg(test)]
mod keep_words_tests {
    #[test]
    fn hyphenated_names_stay_whole_and_text_is_escaped() {
        assert_eq!(super::keep_words("Welcome to Q-SER: <b>"), "Welcome to <span class=\"nobr\">Q-SER:</span> &lt;b&gt;");
        assert_eq!(super::keep_words("well - spaced"), "well - spaced");
        assert_eq!(super::keep_words("a-very-long-hyphenated-compound-word"), "a-very-long-hyphenated-compound-word");
        assert_eq!(super::keep_words(" Café & «x-y»  'q' "), " Café &amp; <span class=\"nobr\">«x-y»</span>  &#39;q&#39; ");
    }
}
