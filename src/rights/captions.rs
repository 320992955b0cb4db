//! Credits under images that have their own licence: after a page's HTML is made, each
//! `<img>` whose file has a credit gets it as a caption — an image alone in its paragraph
//! becomes a `<figure>` with a `<figcaption>`, an image among text gets a small credit after
//! it. Pure: HTML in, HTML out; the rest of the page is left byte for byte.

use crate::i18n::Strings;
use crate::model::url::{join_normalised, parent_dir};
use crate::model::LangSite;

/// The page HTML with credits added, or `None` when no image on it has a credit.
pub fn add(html: &str, lang: &LangSite, page_url: &str, t: &Strings) -> Option<String> {
    if lang.credits.is_empty() || !html.contains("<img") {
        return None;
    }
    let own = crate::escape::lang_attrs(&lang.lang.code, lang.lang.direction.as_str());
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    let mut changed = false;
    while let Some(start) = rest.find("<img") {
        let Some(len) = rest[start..].find('>') else { break };
        let end = start + len + 1;
        let tag = &rest[start..end];
        let credit = src_of(tag)
            .and_then(|src| asset_rel(lang, page_url, &src))
            .and_then(|rel| lang.credit_of(&rel).map(|c| super::attribution::credit_html(c, rel.rsplit('/').next().unwrap_or(&rel), t, &own)));
        let Some(credit) = credit else {
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        };
        changed = true;
        let before = &rest[..start];
        let after = &rest[end..];
        // An image alone in its paragraph becomes a figure.
        if before.ends_with("<p>") && after.starts_with("</p>") {
            out.push_str(&before[..before.len() - 3]);
            out.push_str(&format!("<figure class=\"credited\">{tag}<figcaption class=\"credit\">{credit}</figcaption></figure>"));
            rest = &after[4..];
        } else {
            out.push_str(&rest[..end]);
            out.push_str(&format!(" <small class=\"credit\">({credit})</small>"));
            rest = after;
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// The `src` of an `<img>` tag, HTML entities and percent escapes undone.
fn src_of(tag: &str) -> Option<String> {
    let i = tag.find(" src=\"")? + 6;
    let raw = &tag[i..i + tag[i..].find('"')?];
    let unescaped = raw.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    Some(percent_decode(&unescaped))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && s.is_char_boundary(i + 3) {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `rel` of the file an image address on the page at `page_url` points to.
fn asset_rel(lang: &LangSite, page_url: &str, src: &str) -> Option<String> {
    if src.contains(':') || src.starts_with('/') {
        return None;
    }
    let path = src.split(['#', '?']).next()?;
    let url = join_normalised(parent_dir(page_url), path)?;
    lang.assets.iter().find(|a| a.url == url).map(|a| a.rel.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lang::Language;
    use crate::model::licence::Licence;
    use crate::model::rights::Credit;
    use crate::model::Asset;

    fn lang() -> LangSite {
        let mut l = LangSite::new(Language::new("en", None, None).unwrap());
        for rel in ["01-mod/map of egaleo.png", "01-mod/plain.png"] {
            l.assets_by_rel.insert(rel.into(), l.assets.len());
            l.assets.push(Asset { source: rel.into(), rel: rel.into(), url: rel.replacen("01-", "", 1), size: 1, text: None });
        }
        l.credits.insert(
            "01-mod/map of egaleo.png".into(),
            Credit {
                title: Some("Map".into()),
                title_lang: None,
                authors: vec!["Ana".into()],
                source: None,
                licence: Some(Licence::from_spdx("CC-BY-SA-4.0").unwrap()),
                changes: None,
                note: None,
                declared_in: "x".into(),
                line: 1,
                col: 1,
                shown_from: None,
            },
        );
        l
    }

    #[test]
    fn credited_images_get_captions_and_others_are_left_alone() {
        let t = Strings::new("en", Default::default(), Default::default(), "en");
        let l = lang();
        let html = "<p><img src=\"map%20of%20egaleo.png\" alt=\"A map\"></p>\n<p>See <img src=\"map%20of%20egaleo.png\" alt=\"m\"> and <img src=\"plain.png\" alt=\"p\"></p>";
        let out = add(html, &l, "mod/lesson.html", &t).unwrap();
        assert!(out.starts_with("<figure class=\"credited\"><img src=\"map%20of%20egaleo.png\" alt=\"A map\"><figcaption class=\"credit\">“Map” by <bdi>Ana</bdi>, <a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">CC BY-SA 4.0</a>.</figcaption></figure>\n"), "{out}");
        assert!(out.contains("alt=\"m\"> <small class=\"credit\">(“Map” by <bdi>Ana</bdi>"), "{out}");
        assert!(out.ends_with("<img src=\"plain.png\" alt=\"p\"></p>"), "{out}");
        assert_eq!(add("<p><img src=\"plain.png\" alt=\"p\"></p>", &l, "mod/lesson.html", &t), None);
        assert_eq!(add("<p>no images</p>", &l, "mod/lesson.html", &t), None);
    }
}
