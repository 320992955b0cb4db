//! Attribution in Creative Commons' recommended Title–Author–Source–Licence form: the line a
//! re-user copies for a page, and the credit shown under a file that has its own licence.

use crate::i18n::Strings;
use crate::markdown::{escape_html, lang_attrs};
use crate::model::licence::Licence;
use crate::model::rights::Credit;

/// Where a page can be found: the site's name and, with `base_url`, the page's address.
pub struct Source<'a> {
    pub site: &'a str,
    pub url: Option<&'a str>,
}

/// The plain-text attribution of a page: "“Title” by A, B, Site (URL), licensed under
/// CC BY 4.0 (https://…)." in the page's language.
pub fn tasl(title: &str, authors: &[String], source: &Source<'_>, licence: &Licence, t: &Strings) -> String {
    tasl_of(title, authors, source, (&licence.short_name(), &licence.url), t)
}

/// [`tasl`] with the licence given by its short name and address.
pub fn tasl_of(title: &str, authors: &[String], source: &Source<'_>, (short, url): (&str, &str), t: &Strings) -> String {
    let source = match source.url {
        Some(url) => format!("{} ({url})", source.site),
        None => source.site.to_string(),
    };
    let licence = format!("{short} ({url})");
    let key = if authors.is_empty() { "attribution_line_anonymous" } else { "attribution_line" };
    let authors = authors.join(&t.get_like("list_separator", key));
    t.format(key, &[("title", title), ("authors", &authors), ("source", &source), ("licence", &licence)])
}

/// Plain text as HTML with every web address in `<bdi dir="ltr">`, so a right-to-left page
/// keeps it (and its brackets) in order. The text a reader copies stays the same.
pub fn isolate_addresses(text: &str) -> String {
    use crate::escape::escape_into;
    // Escaped straight into the line (it is made for every page).
    let mut out = String::with_capacity(text.len() + 64);
    if memchr::memmem::find(text.as_bytes(), b"http").is_none() {
        escape_into(&mut out, text);
        return out;
    }
    let mut rest = text;
    while let Some(i) = rest.find("https://").or_else(|| rest.find("http://")) {
        escape_into(&mut out, &rest[..i]);
        let end = rest[i..].find(|c: char| c.is_whitespace() || c == ')').map_or(rest.len(), |e| i + e);
        out.push_str("<bdi dir=\"ltr\">");
        escape_into(&mut out, &rest[i..end]);
        out.push_str("</bdi>");
        rest = &rest[end..];
    }
    escape_into(&mut out, rest);
    out
}

/// Names as HTML, joined by the separator of the language of the sentence they go into (the
/// string `sentence`'s, which another language may lend), each isolated in a `<bdi>`: a name
/// of the other direction than the page, or one that ends in punctuation ("ГО «Відкриті
/// двері»" in a Persian page, "Maria (ed.)" in an Arabic one), keeps its order and its side.
pub fn authors_html(authors: &[String], t: &Strings, sentence: &str) -> String {
    authors_html_with(authors, &escape_html(&t.get_like("list_separator", sentence)))
}

/// [`authors_html`] with the separator given, already escaped.
pub fn authors_html_with(authors: &[String], separator: &str) -> String {
    let mut out = String::with_capacity(authors.iter().map(|a| a.len() + 13 + separator.len()).sum());
    for (i, a) in authors.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str("<bdi>");
        crate::escape::escape_into(&mut out, a);
        out.push_str("</bdi>");
    }
    out
}

/// A title already made HTML (`title`, perhaps marked with its language) inside the page
/// language's quotation marks ("“…”", "«…»", "„…“").
pub fn quoted_html(title: &str, t: &Strings) -> String {
    escape_html(&t.format("quoted", &[("title", "\u{1}")])).replace('\u{1}', title)
}

/// The credit of a file as HTML: title (linked to its source), authors, licence (linked),
/// changes made and any note, e.g. "“Market” by Maria, CC BY-SA 4.0. Cropped." The words that
/// join them are the page's; a credit shown from the default language has its own words
/// (title, changes, note) marked with that language and direction.
pub fn credit_html(credit: &Credit, file_name: &str, t: &Strings, page: &str) -> String {
    // The credit's words are the default language's when the translation has none of its own;
    // the page's language's inside a sentence ("{work} by {authors}") of another language
    // (`page`: its ` lang dir`), which a language without that string shows.
    let sentence = if credit.authors.is_empty() { "quoted" } else { "credit_by" };
    let marks = match &credit.shown_from {
        Some((lang, dir)) => Some(lang_attrs(lang, dir)),
        None if !t.mark(sentence).is_empty() => Some(page.to_string()),
        None => None,
    };
    let marked = |marks: Option<&str>, text: &str| match marks {
        Some(m) => format!("<span{m}>{}</span>", escape_html(text)),
        None => escape_html(text),
    };
    // The quotation marks are the page's, the title inside them the credit's (a file name
    // is in no language), or in the language the credit gives it (`title_lang:`), marked
    // where that is not the sentence's around it.
    let sentence_lang = t.lang_of(sentence).map_or(t.lang.as_str(), |(code, _)| code);
    let title_marks = match &credit.title_lang {
        Some((code, _)) if code == sentence_lang => None,
        Some((code, dir)) => Some(lang_attrs(code, dir)),
        None => marks.clone(),
    };
    let title = credit.title.as_deref().map_or_else(|| escape_html(file_name), |text| marked(title_marks.as_deref(), text));
    let quoted = quoted_html(&title, t);
    let work = match &credit.source {
        Some(src) => format!("<a href=\"{}\">{quoted}</a>", escape_html(src)),
        None => quoted,
    };
    // The words that join them are marked with their language when the page's has none.
    let mut h = if credit.authors.is_empty() {
        t.wrap("quoted", work)
    } else {
        // The format string is text; its two slots are filled with HTML made above.
        let by = escape_html(&t.get("credit_by"));
        t.wrap("credit_by", by.replace("{work}", &work).replace("{authors}", &authors_html(&credit.authors, t, "credit_by")))
    };
    let sep = escape_html(&t.get("list_separator"));
    match &credit.licence {
        Some(l) => h.push_str(&format!("{sep}<a href=\"{}\">{}</a>", escape_html(&l.url), escape_html(&l.short_name()))),
        None => h.push_str(&format!("{sep}{}", t.html("credit_no_licence"))),
    }
    h.push('.');
    // After the sentence: the credit's own language, marked only when it is not the page's.
    let extra_mark = credit.shown_from.as_ref().map(|(lang, dir)| lang_attrs(lang, dir));
    for extra in [&credit.changes, &credit.note].into_iter().flatten() {
        h.push(' ');
        h.push_str(&Strings::marked_html(extra_mark.as_deref().unwrap_or(""), extra));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        Strings::new("en", Default::default(), Default::default(), "en")
    }

    #[test]
    fn a_page_attribution_names_title_authors_source_and_licence() {
        let l = Licence::from_spdx("CC-BY-4.0").unwrap();
        let line = tasl("Push factors", &["Ana".into(), "Bo".into()], &Source { site: "Q-SER", url: Some("https://x.org/en/a.html") }, &l, &strings());
        assert_eq!(
            line,
            "“Push factors” by Ana, Bo, Q-SER (https://x.org/en/a.html), licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
        );
        let line = tasl("T", &[], &Source { site: "S", url: None }, &l, &strings());
        assert_eq!(line, "“T”, S, licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).");
    }

    #[test]
    fn addresses_are_isolated_for_right_to_left_pages() {
        assert_eq!(
            isolate_addresses("«A & B», S (https://x.org/a.html), CC BY 4.0 (https://cc.org/by/4.0/)."),
            "«A &amp; B», S (<bdi dir=\"ltr\">https://x.org/a.html</bdi>), CC BY 4.0 (<bdi dir=\"ltr\">https://cc.org/by/4.0/</bdi>)."
        );
    }

    #[test]
    fn file_credits_are_escaped_html() {
        let c = Credit {
            title: Some("<b>Map</b>".into()),
            title_lang: None,
            authors: vec!["A & B".into()],
            source: Some("https://e.org/?a=1&b=2".into()),
            licence: Some(Licence::from_spdx("CC-BY-SA-4.0").unwrap()),
            changes: Some("Cropped.".into()),
            note: None,
            declared_in: "x".into(),
            line: 1,
            col: 1,
            shown_from: None,
        };
        assert_eq!(
            credit_html(&c, "map.png", &strings(), ""),
            "<a href=\"https://e.org/?a=1&amp;b=2\">“&lt;b&gt;Map&lt;/b&gt;”</a> by <bdi>A &amp; B</bdi>, <a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">CC BY-SA 4.0</a>. Cropped."
        );
    }

    #[test]
    fn a_credit_on_a_page_of_a_language_without_strings_marks_the_words_it_borrows() {
        // Swedish has no interface strings on a German site: "von" and „…“ are German, the
        // title inside them Swedish.
        const SV: &str = " lang=\"sv\" dir=\"ltr\"";
        let sv = Strings::new("sv", Default::default(), Default::default(), "de");
        let c = Credit {
            title: Some("Seitenlage".into()),
            title_lang: None,
            authors: vec!["Maria".into()],
            source: None,
            licence: Some(Licence::from_spdx("CC-BY-4.0").unwrap()),
            changes: None,
            note: None,
            declared_in: "x".into(),
            line: 1,
            col: 1,
            shown_from: None,
        };
        assert_eq!(
            credit_html(&c, "s.png", &sv, SV),
            "<span lang=\"de\" dir=\"ltr\">„<span lang=\"sv\" dir=\"ltr\">Seitenlage</span>“ von <bdi>Maria</bdi></span>, <a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>."
        );
        let anonymous = Credit { authors: Vec::new(), ..c.clone() };
        assert_eq!(
            credit_html(&anonymous, "s.png", &sv, SV),
            "<span lang=\"de\" dir=\"ltr\">„<span lang=\"sv\" dir=\"ltr\">Seitenlage</span>“</span>, <a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>."
        );
        // a language with its own strings gets no mark
        let de = Strings::new("de", Default::default(), Default::default(), "de");
        assert!(!credit_html(&c, "s.png", &de, " lang=\"de\" dir=\"ltr\"").contains("lang="));
    }

    #[test]
    fn a_credit_from_the_default_language_keeps_its_language_in_a_right_to_left_page() {
        let ar = Strings::new("ar", Default::default(), Default::default(), "en");
        let c = Credit {
            title: Some("Push and pull".into()),
            title_lang: None,
            authors: vec!["Ana".into(), "Bo".into()],
            source: None,
            licence: Some(Licence::from_spdx("CC-BY-4.0").unwrap()),
            changes: None,
            note: Some("Drawn after Lee.".into()),
            declared_in: "x".into(),
            line: 1,
            col: 1,
            shown_from: Some(("en".into(), "ltr")),
        };
        // Arabic quotation marks and commas around English words marked as English.
        assert_eq!(
            credit_html(&c, "p.svg", &ar, " lang=\"ar\" dir=\"rtl\""),
            "«<span lang=\"en\" dir=\"ltr\">Push and pull</span>» من إعداد <bdi>Ana</bdi>، <bdi>Bo</bdi>، <a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>. <span lang=\"en\" dir=\"ltr\">Drawn after Lee.</span>"
        );
        // Without a title the file name stands in, in no language; the page's own credit has no marks.
        let untitled = Credit { title: None, note: None, ..c.clone() };
        assert!(credit_html(&untitled, "p.svg", &ar, " lang=\"ar\" dir=\"rtl\"").starts_with("«p.svg» من إعداد"));
        let own = Credit { shown_from: None, ..c };
        assert!(!credit_html(&own, "p.svg", &ar, " lang=\"ar\" dir=\"rtl\"").contains("lang="));
        // Polish without strings of its own: the sentence is Italian, the title in it Polish.
        let pl = Strings::new("pl", Default::default(), Default::default(), "it");
        assert_eq!(
            credit_html(&Credit { title: Some("Mapa".into()), note: None, ..own.clone() }, "p.svg", &pl, " lang=\"pl\" dir=\"ltr\""),
            "<span lang=\"it\" dir=\"ltr\">«<span lang=\"pl\" dir=\"ltr\">Mapa</span>» di <bdi>Ana</bdi>, <bdi>Bo</bdi></span>, <a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>."
        );
        let l = Licence::from_spdx("CC-BY-4.0").unwrap();
        let line = tasl("T", &["Ana".into(), "Bo".into()], &Source { site: "S", url: None }, &l, &ar);
        assert!(line.contains("Ana، Bo"), "{line}");
        // Hebrew without strings of its own on an Arabic site: the Arabic sentence joins its
        // names with Arabic's "، ", the Hebrew page its own parts with the plain ", ".
        let he = Strings::new("he", Default::default(), Default::default(), "ar").with_default_direction("rtl");
        assert_eq!(
            credit_html(&own, "p.svg", &he, " lang=\"he\" dir=\"rtl\""),
            "<span lang=\"ar\" dir=\"rtl\">«<span lang=\"he\" dir=\"rtl\">Push and pull</span>» من إعداد <bdi>Ana</bdi>، <bdi>Bo</bdi></span>, <a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>. Drawn after Lee."
        );
        let line = tasl("T", &["Ana".into(), "Bo".into()], &Source { site: "S", url: None }, &l, &he);
        assert!(line.contains("Ana، Bo"), "{line}");
    }
}
