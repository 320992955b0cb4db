//! The writer the built-in page renderer appends to: Tera's escaping, Tera's truthiness.

use std::collections::BTreeMap;

/// Appends `s` escaped for HTML text and attribute values (Tera's autoescape in kyklos).
pub(super) fn esc(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// A Tera truthy string: present and not empty.
pub(super) fn full(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

/// What every part of the page needs: the output, the interface strings, the fallback marks.
pub(super) struct W<'a> {
    pub out: String,
    pub t: &'a BTreeMap<String, String>,
    /// ` lang="…" dir="…"` of the default language, for text shown in it.
    pub fb: String,
}

impl W<'_> {
    pub fn s(&mut self, text: &str) {
        self.out.push_str(text);
    }
    pub fn e(&mut self, text: &str) {
        esc(&mut self.out, text);
    }
    /// `{{ t.key }}`.
    pub fn t(&mut self, key: &str) {
        let text = self.t.get(key).map_or("", String::as_str);
        esc(&mut self.out, text);
    }
    /// `{% if fallback %} lang="{{ fallback_lang }}" dir="{{ fallback_dir }}"{% endif %}`.
    pub fn fb(&mut self, fallback: bool) {
        if fallback {
            self.out.push_str(&self.fb);
        }
    }
}
