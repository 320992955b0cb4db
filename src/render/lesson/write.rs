//! The writer the built-in page renderer appends to: Tera's escaping, Tera's truthiness.

/// The interface strings of a language by key (`t` in the templates), each as it is and
/// escaped for HTML (the same for every page of the language, so escaped once), and the marks
/// of those that are another language's (`tl`, see [`crate::i18n::Strings::mark`]): hash maps,
/// as the writers look up some 50 strings per page.
#[derive(Debug, Default)]
pub(crate) struct UiText {
    pub text: rustc_hash::FxHashMap<String, (String, String)>,
    /// Only the keys with a mark (the language's own strings have none).
    pub marks: rustc_hash::FxHashMap<String, String>,
    /// The same keys' `code dir`, for scripts that write their text (`tj`).
    pub scripts: rustc_hash::FxHashMap<String, String>,
    /// Parts of the page made only of markup and interface strings ([`Seg`]), written once.
    segments: [std::sync::OnceLock<String>; SEGMENTS],
}

/// A part of the page made only of markup and interface strings: the same on every page of a
/// language, so written once ([`W::seg`]) instead of looking its strings up on every page.
#[derive(Clone, Copy)]
pub(super) enum Seg {
    BodyStrings,
    SkipLink,
    Search,
    Breadcrumbs,
    TopNav,
    PrintMeta,
    Sidebar,
    FooterTop,
    AttributionLabel,
    AttributionTools,
    Credits,
    Accessibility,
}

const SEGMENTS: usize = 12;

/// [`UiText`] of the interface strings `plain` with the marks `marks` (empty ones left out).
pub(crate) fn ui_text<'a>(
    plain: impl IntoIterator<Item = (&'a String, &'a String)>,
    marks: impl IntoIterator<Item = (&'a String, &'a String)>,
    scripts: impl IntoIterator<Item = (&'a String, &'a String)>,
) -> UiText {
    let text = plain
        .into_iter()
        .map(|(k, v)| {
            let mut escaped = String::with_capacity(v.len());
            esc(&mut escaped, v);
            (k.clone(), (v.clone(), escaped))
        })
        .collect();
    let marks = marks.into_iter().filter(|(_, m)| !m.is_empty()).map(|(k, m)| (k.clone(), m.clone())).collect();
    let scripts = scripts.into_iter().filter(|(_, m)| !m.is_empty()).map(|(k, m)| (k.clone(), m.clone())).collect();
    UiText { text, marks, scripts, segments: Default::default() }
}

/// Appends `s` escaped for HTML text and attribute values (Tera's autoescape in kyklos).
fn esc(out: &mut String, s: &str) {
    crate::escape::escape_into(out, s);
}

/// A Tera truthy string: present and not empty.
pub(super) fn full(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

/// What every part of the page needs: the output, the interface strings, the fallback marks.
pub(super) struct W<'a> {
    /// The page so far.
    pub out: String,
    t: &'a UiText,
    /// ` lang="…" dir="…"` of the default language, for text shown in it.
    fb: String,
}

impl<'a> W<'a> {
    /// `fallback`: the default language's code and direction.
    pub fn new(t: &'a UiText, (lang, dir): (&str, &str), capacity: usize) -> W<'a> {
        let mut fb = String::from(" lang=\"");
        esc(&mut fb, lang);
        fb.push_str("\" dir=\"");
        esc(&mut fb, dir);
        fb.push('"');
        W { out: String::with_capacity(capacity), t, fb }
    }

    /// The part `seg`, as `write` writes it (with nothing but markup and interface strings),
    /// written on the language's first page and copied on the others.
    pub fn seg(&mut self, seg: Seg, write: fn(&mut W<'_>)) {
        let t = self.t;
        let text = t.segments[seg as usize].get_or_init(|| {
            let mut w = W { out: String::new(), t, fb: self.fb.clone() };
            write(&mut w);
            w.out
        });
        self.out.push_str(text);
    }

    /// Text copied as is (markup, or what a template marks `safe`).
    pub fn s(&mut self, text: &str) {
        self.out.push_str(text);
    }
    /// Text escaped (`{{ value }}`).
    pub fn e(&mut self, text: &str) {
        esc(&mut self.out, text);
    }
    /// The interface text `key` (empty when there is none).
    pub fn text(&self, key: &str) -> &str {
        self.t.text.get(key).map_or("", |(text, _)| text.as_str())
    }
    /// `{{ t.key }}` (in an attribute).
    pub fn t(&mut self, key: &str) {
        self.out.push_str(self.t.text.get(key).map_or("", |(_, escaped)| escaped.as_str()));
    }
    /// `{{ tm.key | safe }}`: the text, in a `<span lang dir>` when it is another language's.
    pub fn tm(&mut self, key: &str) {
        match self.t.marks.get(key) {
            Some(mark) => {
                self.out.push_str("<span");
                self.out.push_str(mark);
                self.out.push('>');
                self.t(key);
                self.out.push_str("</span>");
            }
            None => self.t(key),
        }
    }
    /// `{{ tl.key | safe }}`: ` lang="…" dir="…"` when `key`'s text is another language's.
    pub fn tl(&mut self, key: &str) {
        if let Some(mark) = self.t.marks.get(key) {
            self.out.push_str(mark);
        }
    }
    /// `{% if tj.key %} data-t-NAME-lang="{{ tj.key }}"{% endif %}`: for a script that writes
    /// `key`'s text (`data-t-NAME`), the language it is in when that is another's.
    pub fn tj(&mut self, name: &str, key: &str) {
        if let Some(mark) = self.t.scripts.get(key) {
            self.out.push_str(" data-t-");
            self.out.push_str(name);
            self.out.push_str("-lang=\"");
            esc(&mut self.out, mark);
            self.out.push('"');
        }
    }
    /// ` data-t-NAME="…"` with `key`'s text for the scripts, and its language when another
    /// language lends it ([`W::tj`]).
    pub fn data_t(&mut self, name: &str, key: &str) {
        self.out.push_str(" data-t-");
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.t(key);
        self.out.push('"');
        self.tj(name, key);
    }
    /// `tl.key` is not empty: `key`'s text is another language's.
    pub fn has_mark(&self, key: &str) -> bool {
        self.t.marks.contains_key(key)
    }
    /// `t.key` is there and not empty (Tera's truthiness).
    pub fn has(&self, key: &str) -> bool {
        self.t.text.get(key).is_some_and(|(s, _)| !s.is_empty())
    }
    /// `{% if fallback %} lang="{{ fallback_lang }}" dir="{{ fallback_dir }}"{% endif %}`.
    pub fn fb(&mut self, fallback: bool) {
        if fallback {
            self.out.push_str(&self.fb);
        }
    }
    /// The end of an opening tag and its text: `{fallback}>{{ text }}`.
    pub fn fb_text(&mut self, fallback: bool, text: &str) {
        self.fb(fallback);
        self.s(">");
        self.e(text);
    }
    /// `<a href="{{ url }}"{fallback}>{{ title }}` (the caller closes it).
    pub fn link(&mut self, url: &str, fallback: bool, title: &str) {
        self.s("<a href=\"");
        self.e(url);
        self.s("\"");
        self.fb_text(fallback, title);
    }
}
