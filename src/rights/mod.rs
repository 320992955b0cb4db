//! Open licensing and the EU's publication duties, as pages show them: the attribution
//! line, file credits under images, schema.org metadata, the "Co-funded by the European
//! Union" emblem, the credits and accessibility-statement pages, and the zip of the site's
//! editable sources. Render calls in here; nothing here writes files.

pub mod attribution;
pub mod bundle;
pub mod captions;
pub mod check;
pub mod emblem;
pub mod jsonld;
pub mod pages;

use std::sync::Arc;

use serde::Serialize;

use crate::i18n::Strings;
use crate::markdown::escape_html;
use crate::model::compliance::Emblem;
use crate::model::licence::Licence;
use crate::model::{LangSite, Site};

/// What a page template shows about licences, funding and metadata.
#[derive(Debug, Clone, Serialize, Default)]
pub struct RightsView {
    /// The Creative Commons badge (inline SVG), empty for other licences.
    pub badge: Arc<str>,
    /// The page's licence differs from the site's.
    pub own_licence: bool,
    /// The licence sentence around the licence's linked name.
    pub licence_before: Arc<str>,
    pub licence_after: Arc<str>,
    /// The page's credit in Title–Author–Source–Licence form, as plain text. Only a page
    /// template rendered by Tera can show it, so it is made there (see
    /// [`Shared::plain_attribution`]), not for every page: empty in the view itself.
    pub attribution: String,
    /// The same as HTML, each web address isolated left-to-right (for right-to-left pages).
    pub attribution_html: String,
    /// The page's schema.org JSON-LD, escaped for a `<script type="application/ld+json">`.
    pub jsonld: String,
    pub eu: Option<Arc<EuView>>,
    pub credits_url: Option<String>,
    pub accessibility_url: Option<String>,
}

/// The EU emblem (flag and words) and the disclaimer, in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct EuView {
    pub flag: String,
    pub statement: String,
    pub disclaimer: String,
    pub project: Option<String>,
    /// The disclaimer and project number as HTML, names and numbers isolated (`<bdi>`), so
    /// they keep their order inside right-to-left text.
    pub disclaimer_html: String,
    pub project_html: Option<String>,
}

/// The emblem and disclaimer of a site with `eu_funding:`, in the language of `t`.
pub fn eu_view(site: &Site, t: &Strings) -> Option<EuView> {
    let eu = site.config.eu_funding.as_ref()?;
    let statement = t.get(if eu.emblem == Emblem::Funded { "eu_funded" } else { "eu_cofunded" });
    let isolate = |key: &str, slot: &str, value: &str, dir: &str| {
        escape_html(&t.get(key)).replace(&format!("{{{slot}}}"), &format!("<bdi{dir}>{}</bdi>", escape_html(value)))
    };
    Some(EuView {
        flag: emblem::flag_svg(40),
        statement,
        disclaimer: t.format("eu_disclaimer", &[("authority", eu.authority.trim())]),
        project: eu.project.as_ref().map(|p| t.format("eu_project", &[("number", p)])),
        disclaimer_html: isolate("eu_disclaimer", "authority", eu.authority.trim(), ""),
        project_html: eu.project.as_ref().map(|p| isolate("eu_project", "number", p, " dir=\"ltr\"")),
    })
}

/// The rights view of one page. `here` is its output path under `<lang>/`; `package`: the
/// page is rendered into a SCORM package (site pages such as the credits are not in it).
pub fn page_view(site: &Site, lang: &LangSite, t: &Strings, shared: &Shared, d: &jsonld::Described<'_>, package: bool) -> RightsView {
    let code = &lang.lang.code;
    let url = site.config.base_url.as_ref().filter(|_| !package).map(|b| format!("{b}/{code}/{}", d.here));
    let source = attribution::Source { site: "\u{3}", url: url.as_deref() };
    // `relative` from the page to a page at the language root: the way up, then its name.
    let up = "../".repeat(d.here.bytes().filter(|&b| b == b'/').count());
    let link = |to: &str| (!package).then(|| format!("{up}{to}"));
    // The sentence is in the language of its interface string: where that is another
    // language's (see `Strings::mark`), the sentence says so and the title keeps its own;
    // so does the site's name where its language is not the sentence's (a Hebrew site title
    // in the Arabic sentence of a Hebrew page without interface strings, or the other way).
    let key = if d.authors.is_empty() { "attribution_line_anonymous" } else { "attribution_line" };
    let sentence = shared.sentence(key, t, lang);
    let own_title = if d.title_lang.is_empty() { sentence.own.as_str() } else { "" };
    // The title is marked with its language (or its parts with theirs: a tag page's value) and
    // each author's name isolated (what a reader copies stays the same text).
    let title = match (d.title_html, if own_title.is_empty() { d.title_lang } else { own_title }) {
        (Some(html), "") => html.to_string(),
        (Some(html), marks) => format!("<span{marks}>{html}</span>"),
        (None, "") => attribution::isolate_addresses(d.title),
        (None, marks) => format!("<span{marks}>{}</span>", crate::markdown::escape_html(d.title)),
    };
    // The line with a slot for the title (`\u{1}`), one for the authors (`\u{2}`) and the
    // site's name (`\u{3}`): without the page's own address in it, the same for every page
    // with its licence.
    let line = |source: &attribution::Source<'_>| {
        let authors_slot = if d.authors.is_empty() { Vec::new() } else { vec!["\u{2}".to_string()] };
        attribution::isolate_addresses(&attribution::tasl("\u{1}", &authors_slot, source, d.licence, t))
    };
    let line: Arc<str> = match source.url {
        Some(_) => line(&source).into(),
        None => shared.line(d.licence, d.authors.is_empty(), || line(&source)),
    };
    let authors = attribution::authors_html_with(d.authors, &sentence.separator);
    let attribution_html = fill_slots(&line, [&title, &authors, &sentence.site_name], &sentence.mark);
    RightsView {
        licence_before: shared.licence_before.clone(),
        licence_after: shared.licence_after.clone(),
        badge: shared.badge(d.licence),
        own_licence: d.licence != &site.config.licence,
        attribution_html,
        // Only a template written by Tera can show it: made there ([`Shared::plain_attribution`]).
        attribution: String::new(),
        jsonld: jsonld::page(site, lang, d),
        eu: shared.eu.clone(),
        credits_url: link("credits.html"),
        accessibility_url: link("accessibility.html"),
    }
}

/// `line` with its slots `\u{1}`, `\u{2}` and `\u{3}` filled with `values`, inside
/// `<span{mark}>` unless `mark` is empty: in one pass, as replacing them one after the other
/// does (which it falls back to where a value holds a slot's character itself).
fn fill_slots(line: &str, values: [&str; 3], mark: &str) -> String {
    let mut out = String::with_capacity(line.len() + values.iter().map(|v| v.len()).sum::<usize>() + mark.len() + 16);
    if !mark.is_empty() {
        out.push_str("<span");
        out.push_str(mark);
        out.push('>');
    }
    if values.iter().any(|v| v.bytes().any(|b| (1..=3).contains(&b))) {
        out.push_str(&line.replace('\u{1}', values[0]).replace('\u{2}', values[1]).replace('\u{3}', values[2]));
    } else {
        let mut rest = line;
        while let Some(at) = memchr::memchr3(1, 2, 3, rest.as_bytes()) {
            out.push_str(&rest[..at]);
            out.push_str(values[usize::from(rest.as_bytes()[at] - 1)]);
            rest = &rest[at + 1..];
        }
        out.push_str(rest);
    }
    if !mark.is_empty() {
        out.push_str("</span>");
    }
    out
}

/// What a language's attribution lines share for one sentence (with or without authors).
#[derive(Debug)]
struct Sentence {
    /// ` lang="…" dir="…"` of the sentence where it is another language's, else empty.
    mark: String,
    /// The page language's mark for a title without one of its own, inside a marked sentence.
    own: String,
    /// The site's name as HTML, marked where its language is not the sentence's.
    site_name: String,
    /// The separator of authors' names in the sentence's language, escaped.
    separator: String,
}

/// What the rights views of all pages of one language share, made once per language (the
/// licence sentence, the EU emblem) and once per licence (its badge).
#[derive(Debug)]
pub struct Shared {
    site_title: String,
    /// The language (code, direction) the site title is in: the page's, or the default
    /// language's where the title is not translated.
    site_title_lang: (String, &'static str),
    licence_before: Arc<str>,
    licence_after: Arc<str>,
    eu: Option<Arc<EuView>>,
    badges: std::sync::RwLock<Vec<(Licence, Arc<str>)>>,
    /// The attribution sentence with authors and without ([`Sentence`]), made on first use.
    sentences: [std::sync::OnceLock<Sentence>; 2],
    /// The attribution lines with slots of pages without an address in theirs, by licence and
    /// whether the page has no authors.
    lines: std::sync::RwLock<Vec<(Licence, bool, Arc<str>)>>,
}

impl Shared {
    pub fn new(site: &Site, lang: &LangSite, t: &Strings) -> Shared {
        let sentence = t.get("page_licence");
        let (before, after) = sentence.split_once("{licence}").unwrap_or((sentence.as_str(), ""));
        let title = site.config.site_texts(&lang.lang.code).title;
        let title_lang = if title.fallback { site.config.default_language() } else { &lang.lang };
        Shared {
            site_title: title.text,
            site_title_lang: (title_lang.code.clone(), title_lang.direction.as_str()),
            licence_before: before.into(),
            licence_after: after.into(),
            eu: eu_view(site, t).map(Arc::new),
            badges: Default::default(),
            sentences: Default::default(),
            lines: Default::default(),
        }
    }

    /// A page's plain-text attribution ([`RightsView::attribution`]): its title, authors, own
    /// address (with a `base_url`, not in a package) and licence (short name, address), with
    /// this language's site title as the source.
    pub fn plain_attribution(&self, title: &str, authors: &[String], url: Option<&str>, licence: (&str, &str), t: &Strings) -> String {
        let source = attribution::Source { site: "\u{3}", url };
        attribution::tasl_of(title, authors, &source, licence, t).replace('\u{3}', &self.site_title)
    }

    /// What the attribution lines of the sentence `key` share in this language.
    fn sentence(&self, key: &str, t: &Strings, lang: &LangSite) -> &Sentence {
        let i = usize::from(key == "attribution_line");
        self.sentences[i].get_or_init(|| {
            let code = &lang.lang.code;
            let mark = t.mark(key);
            let sentence_lang = t.lang_of(key).map_or(code.as_str(), |(c, _)| c);
            let site_name = match &self.site_title_lang {
                (l, dir) if l != sentence_lang => {
                    format!("<span{}>{}</span>", crate::markdown::lang_attrs(l, dir), attribution::isolate_addresses(&self.site_title))
                }
                _ => attribution::isolate_addresses(&self.site_title),
            };
            let own = if mark.is_empty() { String::new() } else { crate::markdown::lang_attrs(code, lang.lang.direction.as_str()) };
            Sentence { mark, own, site_name, separator: escape_html(&t.get_like("list_separator", key)) }
        })
    }

    /// The attribution line with slots for `licence` and `anonymous` (see [`page_view`]), made
    /// by `make` on first use.
    fn line(&self, licence: &Licence, anonymous: bool, make: impl FnOnce() -> String) -> Arc<str> {
        let found = |lines: &Vec<(Licence, bool, Arc<str>)>| lines.iter().find(|(l, a, _)| *a == anonymous && l == licence).map(|(.., line)| line.clone());
        if let Some(line) = self.lines.read().ok().and_then(|l| found(&l)) {
            return line;
        }
        let line: Arc<str> = make().into();
        if let Ok(mut l) = self.lines.write() {
            l.push((licence.clone(), anonymous, line.clone()));
        }
        line
    }

    /// The badge of a licence, made on first use.
    fn badge(&self, licence: &Licence) -> Arc<str> {
        if let Some((_, b)) = self.badges.read().ok().and_then(|b| b.iter().find(|(l, _)| l == licence).cloned()) {
            return b;
        }
        let badge: Arc<str> = licence.badge_svg().into();
        if let Ok(mut b) = self.badges.write() {
            b.push((licence.clone(), badge.clone()));
        }
        badge
    }
}

/// The licence of a page: its own or its nearest folder's, else the site's.
pub fn licence_of(site: &Site, lang: &LangSite, id: crate::model::PageId) -> Licence {
    lang.licence_of(id).unwrap_or_else(|| site.config.licence.clone())
}

#[cfg(test)]
mod tests {
    use super::fill_slots;

    /// Filling the slots in one pass gives what replacing them one after the other gives,
    /// values holding slot characters and non-ASCII text included.
    #[test]
    fn slots_are_filled_as_replacing_them_in_turn_would() {
        let lines = ["", "\u{1}", "“\u{1}” by \u{2}, \u{3}, CC BY 4.0.", "\u{3}\u{2}\u{1}\u{1}", "no slots", "ü\u{2}ü"];
        let values = ["", "Title", "A & B", "x\u{2}y", "\u{3}", "\u{1}\u{1}", "Ελληνικά"];
        for line in lines {
            for a in values {
                for b in values {
                    for c in values {
                        for mark in ["", " lang=\"en\" dir=\"ltr\""] {
                            let plain = line.replace('\u{1}', a).replace('\u{2}', b).replace('\u{3}', c);
                            let want = if mark.is_empty() { plain } else { format!("<span{mark}>{plain}</span>") };
                            assert_eq!(fill_slots(line, [a, b, c], mark), want, "{line:?} {a:?} {b:?} {c:?}");
                        }
                    }
                }
            }
        }
    }
}
