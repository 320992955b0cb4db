//! What a site's own theme may not do: load anything from another site (a web font, a script,
//! a style sheet, an image: every page would ask that host, and it learns who reads what) or
//! run a script written into a template (the pages' Content-Security-Policy forbids them, and a
//! theme without that policy would run it). Links a reader follows (`<a href="https://…">`)
//! are fine. Pure: a file's text in, its problems out.
//!
//! Scripts the theme ships in `static/` are not read: what they fetch cannot be told from
//! their text.

/// The kind of a theme file that is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Css,
    Template,
}

/// One thing the file may not do: (line, column, what, hint), 1-based.
pub type Found = (usize, usize, String, &'static str);

const LOCAL: &str = "copy the file into the theme's static/ folder and refer to it by a relative path: pages never load anything from elsewhere";

/// The problems of a theme file of `kind`.
pub fn check(text: &str, kind: Kind) -> Vec<Found> {
    let mut found = Vec::new();
    css_loads(text, &mut found);
    if kind == Kind::Template {
        template_loads(text, &mut found);
    }
    found.sort_by_key(|f| (f.0, f.1));
    found
}

/// Whether a URL as written leaves the site: `http:`, `https:` or protocol-relative `//`.
fn is_remote(value: &str) -> bool {
    let v = value.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'').to_ascii_lowercase();
    v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//") || v.starts_with("\\\\")
}

/// `url(…)` and `@import "…"` that load from another site (in a style sheet, a `<style>`
/// block or a `style` attribute).
fn css_loads(text: &str, found: &mut Vec<Found>) {
    let lower = text.to_ascii_lowercase();
    for (at, _) in lower.match_indices("url(") {
        if is_remote(&text[at + 4..]) {
            let (l, c) = position(text, at);
            found.push((l, c, format!("`{}` loads a file from another site", snippet(&text[at..]).trim_end_matches(';')), LOCAL));
        }
    }
    for (at, _) in lower.match_indices("@import") {
        let rest = &text[at + 7..];
        // `@import url(…)` is found as a `url(`.
        if is_remote(rest) && !rest.trim_start().to_ascii_lowercase().starts_with("url(") {
            let (l, c) = position(text, at);
            found.push((l, c, format!("`{}` loads a style sheet from another site", snippet(&text[at..]).trim_end_matches(';')), LOCAL));
        }
    }
}

/// Attributes that load what they name, on any element, and `href` on `<link>`; inline
/// scripts.
fn template_loads(text: &str, found: &mut Vec<Found>) {
    let lower = text.to_ascii_lowercase();
    let mut at = 0;
    while let Some(open) = lower[at..].find('<').map(|i| at + i) {
        let end = lower[open..].find('>').map_or(lower.len(), |i| open + i);
        let tag = &lower[open + 1..end];
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        for attr in ["src", "srcset", "poster", "data", "href"] {
            if attr == "href" && !(name == "link" && loads(tag)) {
                continue;
            }
            for (i, _) in tag.match_indices(attr) {
                let before = tag[..i].chars().last();
                let after = tag[i + attr.len()..].trim_start();
                if !before.is_some_and(char::is_whitespace) || !after.starts_with('=') {
                    continue;
                }
                if is_remote(&after[1..]) {
                    let (l, c) = position(text, open + 1 + i);
                    found.push((l, c, format!("`<{name}>` loads `{}` from another site", snippet(after[1..].trim_start())), LOCAL));
                }
            }
        }
        // A script element of data (`application/ld+json`) runs nothing.
        let data = attr_value(tag, "type").is_some_and(|t| t.contains("json"));
        if name == "script" && !has_attr(tag, "src") && !data {
            let (l, c) = position(text, open);
            found.push((
                l,
                c,
                "a script written into the template".into(),
                "move it into a file in the theme's static/ folder and load it with <script src=\"…\">: pages allow no inline script",
            ));
        }
        at = end.max(open + 1);
    }
}

/// Whether a `<link>` loads what its `href` names (a style sheet, an icon, a font to preload …);
/// `license`, `canonical`, `alternate` and the like only name an address.
fn loads(tag: &str) -> bool {
    let rel = attr_value(tag, "rel").unwrap_or_default();
    ["stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon", "modulepreload", "manifest", "prerender"].iter().any(|r| rel.contains(r))
}

/// The value of `attr` in a tag (lower-cased), without its quotes.
fn attr_value(tag: &str, attr: &str) -> Option<String> {
    let (i, _) = tag.match_indices(attr).find(|(i, _)| tag[..*i].ends_with(char::is_whitespace) && tag[i + attr.len()..].trim_start().starts_with('='))?;
    let value = tag[i + attr.len()..].trim_start()[1..].trim_start();
    let value = match value.chars().next() {
        Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
        _ => value.split(char::is_whitespace).next().unwrap_or(""),
    };
    Some(value.to_string())
}

fn has_attr(tag: &str, attr: &str) -> bool {
    tag.match_indices(attr).any(|(i, _)| tag[..i].ends_with(char::is_whitespace) && tag[i + attr.len()..].trim_start().starts_with('='))
}

/// The start of what is written at `text`, up to 60 characters of one line.
fn snippet(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let cut = line.char_indices().nth(60).map_or(line.len(), |(i, _)| i);
    let end = line[..cut].find(['>', ')']).map_or(cut, |i| i + 1);
    line[..end].trim().to_string()
}

/// The 1-based line and column (in characters) of byte `at`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_fonts_imports_and_images_in_css_are_found_where_they_are() {
        let css = "body { color: red; }\n@import url(\"https://fonts.googleapis.com/css?family=Roboto\");\n@font-face { src: url(//fonts.gstatic.com/r.woff2); }\n.a { background: url('img/local.png') }\n.b { background: url(data:image/png;base64,AAA) }\n@import 'local.css';\n@import \"https://x.example/y.css\";\n";
        let found = check(css, Kind::Css);
        let at: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(at, [(2, 9), (3, 19), (7, 1)], "{found:?}");
        assert!(found[2].2.contains("style sheet"));
    }

    #[test]
    fn templates_may_link_out_but_not_load_from_elsewhere_or_run_inline_scripts() {
        let html = "<!doctype html>\n<link rel=\"stylesheet\" href=\"https://cdn.example/x.css\">\n<script src=\"https://evil.example/a.js\"></script>\n<script>alert(1)</script>\n<a href=\"https://example.org\">out</a>\n<img alt=\"\" src=\"{{ base }}static/logo.png\">\n<script src=\"{{ base }}static/kyklos.js\" defer></script>\n<div style=\"background: url(https://x.example/b.png)\"></div>\n<img SRC = '//x.example/p.png'>\n<link rel=\"license\" href=\"https://creativecommons.org/licenses/by/4.0/\">\n<script type=\"application/ld+json\">{}</script>\n<link rel=\"preload\" as=\"font\" href=\"https://f.example/a.woff2\">\n";
        let found = check(html, Kind::Template);
        let at: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(at, [(2, 24), (3, 9), (4, 1), (8, 25), (9, 6), (12, 31)], "{found:?}");
        assert!(found[1].2.contains("`<script>` loads `\"https://evil.example/a.js\"`"), "{}", found[1].2);
    }

    #[test]
    fn the_built_in_theme_passes() {
        for (name, text) in super::super::theme::TEMPLATES {
            assert!(check(text, Kind::Template).is_empty(), "{name}: {:?}", check(text, Kind::Template));
        }
        for (name, bytes) in super::super::theme::STATIC.iter().filter(|(n, _)| n.ends_with(".css")) {
            let text = std::str::from_utf8(bytes).unwrap();
            assert!(check(text, Kind::Css).is_empty(), "{name}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["<", "<script", "url(", "@import", "<img src=", "<link href", "é<é src=é>", "<a\nsrc\n=\n'https://x'>"] {
            check(text, Kind::Template);
        }
    }
}
