//! Where the site's pages may stand: not at an address kyklos writes itself, and a language's
//! home page not as a section. Checked once the default language's pages are known.

use std::path::Path;

use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::model::{LangSite, Page};

/// The pages kyklos writes in every language's folder, by address, with what they are.
const OWN_PAGES: &[(&str, &str)] = &[
    ("credits.html", "the credits page"),
    ("accessibility.html", "the accessibility statement"),
    ("downloads.html", "the Downloads page"),
    ("translation-status.html", "the translation status page"),
];

/// A page or file of the site at the address of a page kyklos writes itself (or in the
/// `downloads/` folder of the packages): an error at the file. The build writes nothing then;
/// the file's address is moved aside so that the rest of the check does not report the same
/// clash again when the two would be written.
pub(super) fn addresses_kyklos_writes(root: &Path, site: &mut LangSite, diags: &mut Diagnostics) {
    let what = |url: &str| match OWN_PAGES.iter().find(|(own, _)| url == *own) {
        Some((_, what)) => Some(*what),
        None if url.starts_with("downloads/") => Some("the folder of the SCORM packages and question banks"),
        None => None,
    };
    let pages = site.pages.iter_mut().map(|p| (&mut p.url, &p.source));
    for (url, source) in pages.chain(site.assets.iter_mut().map(|a| (&mut a.url, &a.source))) {
        let Some(what) = what(url) else { continue };
        diags.push(
            Diagnostic::error(display_path(root, source), 1, 1, format!("`{url}` is the address of {what}, which kyklos writes itself"))
                .with_hint("give this file another name (or put it in another folder)"),
        );
        url.insert_str(0, "refused/");
    }
}

/// A page or file whose name holds a control character (a line break or tab, which file
/// managers let through): its address would break links, web servers and zip files. An error
/// at the file, shown with the character escaped; its address is moved aside and made
/// harmless so that no later step reports it again.
pub(super) fn names_with_control_characters(root: &Path, site: &mut LangSite, diags: &mut Diagnostics) {
    let pages = site.pages.iter_mut().map(|p| (&mut p.url, &p.source));
    for (url, source) in pages.chain(site.assets.iter_mut().map(|a| (&mut a.url, &a.source))) {
        if !url.contains(char::is_control) {
            continue;
        }
        let shown = display_path(root, source).to_string_lossy().escape_debug().to_string();
        diags.push(
            Diagnostic::error(
                shown.as_str(),
                0,
                0,
                "the name of this file holds a control character (a line break or a tab): its address would break links, web servers and zip files",
            )
            .with_hint("rename the file without it (spaces and hyphens are fine)"),
        );
        *url = format!("refused/{}", url.replace(char::is_control, "-"));
    }
}

/// A language's home page (`index.md`) holds the whole site, so it cannot be a course, a module,
/// a guide or any other kind of section: an error at its `kind:`, after which it is checked as
/// the page it must be (so that no other step trips over it).
pub(super) fn home_is_a_page(root: &Path, home: &mut Page, diags: &mut Diagnostics) {
    let Some(kind) = home.front.kind.filter(|k| *k != crate::model::Kind::Page) else { return };
    home.front.kind = None;
    let name = format!("{kind:?}").to_lowercase();
    // Read again for the position (an error is rare; the page keeps no front matter text).
    let text = std::fs::read_to_string(root.join(&home.source)).unwrap_or_default();
    let (line, col) = crate::load::frontmatter::split(&text)
        .ok()
        .and_then(|s| crate::yaml::find_key_line(s.yaml, "kind", None, 1).map(|(l, c)| (l + s.yaml_line - 1, c)))
        .unwrap_or((1, 1));
    diags.push(
        Diagnostic::error(&home.source, line, col, format!("the home page cannot be a {name} (`kind: {name}`): it holds the whole site"))
            .with_hint(format!("put the {name} in a folder of its own, e.g. `01-{name}/index.md` with `kind: {name}`, and link to it from the home page")),
    );
}

/// Two files of one language whose paths are the same name written two ways in Unicode (`é` as
/// one character, or as `e` and a combining accent: macOS writes the second, most other
/// systems the first). They would be one address, one translation key and, on macOS, one
/// file: an error at the second, which is left out.
pub(super) fn same_name_twice(first: &Path, second: &Path) -> Diagnostic {
    Diagnostic::error(
        second,
        0,
        0,
        format!(
            "this file and `{}` have the same name, written two ways in Unicode (an accented letter as one character in one, as a letter and a combining accent in the other): they would be the same page or file",
            first.display()
        ),
    )
    .with_hint("delete or rename one of them; if both are needed, give them different names")
}
