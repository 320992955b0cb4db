//! A theme's templates compiled by Tera, for the pages Tera writes (the lesson, course, module,
//! home pages and course navigation of the built-in templates are written by Rust code; see
//! [`super::lesson`]).
//!
//! Compiling all the built-in templates costs more than the few pages Tera still writes in a
//! site of lessons (82 M of the 1,308 M instructions of a 1,000-lesson build, for the root's
//! language page alone). So
//! a theme whose templates are all the built-in ones, which are known to compile together,
//! compiles each template only when a page first needs it, with the templates it names
//! (`extends`, `import`, `include`); a theme with templates of its own is compiled whole when
//! it loads, so that its mistakes are reported before anything is written.

use std::sync::OnceLock;

use tera::{Context, Tera};

/// A theme's templates: compiled at once, or each on first use.
pub struct Templates {
    /// Every template: (name, text).
    sources: Vec<(String, String)>,
    how: How,
}

enum How {
    /// All templates, compiled when the theme loaded.
    Whole(Box<Tera>),
    /// For each of `sources`, that template and the ones it names, compiled on first use.
    Each(Vec<OnceLock<Result<Tera, String>>>),
}

/// A Tera with kyklos's settings: autoescaping of `.html` and `.xml`, the `keep_words` filter,
/// the `csp()` function and the escaping of [`crate::markdown::escape_html_str`].
fn empty_tera() -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("keep_words", super::theme::keep_words_filter);
    tera.register_function("csp", super::csp::Csp);
    tera.set_escape_fn(crate::markdown::escape_html_str);
    tera
}

impl Templates {
    /// All of `sources` compiled together; Tera's error if they do not compile.
    pub fn whole(sources: Vec<(String, String)>) -> Result<Templates, tera::Error> {
        let mut tera = empty_tera();
        tera.add_raw_templates(sources.clone())?;
        Ok(Templates { sources, how: How::Whole(Box::new(tera)) })
    }

    /// `sources`, each compiled when first rendered: only for templates known to compile
    /// together (the built-in ones).
    pub fn on_first_use(sources: Vec<(String, String)>) -> Templates {
        let each = sources.iter().map(|_| OnceLock::new()).collect();
        Templates { sources, how: How::Each(each) }
    }

    /// Whether the theme has a template of this name.
    pub fn has(&self, name: &str) -> bool {
        self.sources.iter().any(|(n, _)| n == name)
    }

    /// The template `name` rendered with `context`.
    pub fn render(&self, name: &str, context: &Context) -> tera::Result<String> {
        match &self.how {
            How::Whole(tera) => tera.render(name, context),
            How::Each(each) => {
                let Some(at) = self.sources.iter().position(|(n, _)| n == name) else {
                    return Err(tera::Error::template_not_found(name));
                };
                match each[at].get_or_init(|| self.compile_with_uses(at)) {
                    Ok(tera) => tera.render(name, context),
                    Err(message) => Err(tera::Error::msg(message.clone())),
                }
            }
        }
    }

    /// Template `at` with every template it names, directly or through another one.
    fn compile_with_uses(&self, at: usize) -> Result<Tera, String> {
        let mut wanted = vec![false; self.sources.len()];
        wanted[at] = true;
        let mut todo = vec![at];
        while let Some(i) = todo.pop() {
            let text = &self.sources[i].1;
            for (j, (name, _)) in self.sources.iter().enumerate() {
                if !wanted[j] && names(text, name) {
                    wanted[j] = true;
                    todo.push(j);
                }
            }
        }
        let mut tera = empty_tera();
        let used = self.sources.iter().zip(&wanted).filter(|(_, &w)| w).map(|(s, _)| s.clone());
        tera.add_raw_templates(used).map_err(|e| super::theme::tera_error_chain(&e))?;
        Ok(tera)
    }
}

/// Whether `text` holds `name` as a quoted string: Tera names the templates a template extends,
/// imports or includes by string literals only, so this finds every one (and perhaps more,
/// which costs only their compiling).
fn names(text: &str, name: &str) -> bool {
    ['"', '\''].into_iter().any(|q| text.match_indices(name).any(|(at, _)| text[..at].ends_with(q) && text[at + name.len()..].starts_with(q)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Vec<(String, String)> {
        super::super::theme::TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect()
    }

    #[test]
    fn the_builtin_templates_compile_together_and_each_with_what_it_names() {
        let whole = Templates::whole(builtin()).expect("the built-in templates compile");
        let each = Templates::on_first_use(builtin());
        for (i, (name, _)) in builtin().iter().enumerate() {
            let compiled = each.compile_with_uses(i).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(compiled.get_template_names().any(|n| n == name));
        }
        // languages.html is compiled with the three parts it shares with not-found.html only
        // (the head, whose policy sco.html and base.html share too, the footer, a language's link).
        let uses = |name: &str| {
            let at = builtin().iter().position(|(n, _)| n == name).unwrap();
            let mut names: Vec<String> = each.compile_with_uses(at).unwrap().get_template_names().map(str::to_string).collect();
            names.sort();
            names
        };
        assert_eq!(uses("languages.html"), ["head.html", "language-link.html", "languages.html", "root-footer.html"]);
        assert_eq!(uses("not-found.html"), ["head.html", "language-link.html", "not-found.html", "root-footer.html"]);
        assert_eq!(uses("sco.html"), ["head.html", "sco.html"]);
        assert_eq!(uses("base.html"), ["base.html", "head.html", "macros.html"]);
        assert!(whole.has("sco.html") && each.has("sco.html") && !each.has("lesson.html"));
        assert!(each.render("nope.html", &Context::new()).is_err());
    }

    #[test]
    fn finds_the_templates_a_template_names() {
        assert!(names("{% extends \"base.html\" %}", "base.html"));
        assert!(names("{% import 'macros.html' as m %}", "macros.html"));
        assert!(names("{% include [\"a.html\", \"b.html\"] %}", "b.html"));
        assert!(!names("{% extends \"mybase.html\" %}", "base.html"));
        assert!(!names("base.html", "base.html"));
    }
}
