//! A whole course on one page, for printing: its overview, every module and lesson in reading
//! order, and each quiz as a question sheet without answers (learners check themselves online).
//!
//! Each part's headings move down under the part's own title, ids are prefixed so they stay
//! unique, and relative links and images are rebased from the part's address to the print
//! page's, so pictures print and links still lead to the online pages.

use crate::markdown::{escape_html, Rendered};
use crate::model::url::{join_normalised, parent_dir, relative};
use crate::model::{Kind, LangSite, PageId};

use super::quiz::question_sheet;
use super::theme::Theme;
use super::views::ExtraSteps;
use super::{render_view, view, LangContext, Subject};

/// Courses with more pages than this get no print page: nobody prints a book that long, and
/// one page of it would be too large for a browser.
pub const MAX_PRINTED_PAGES: usize = 300;

/// Whether the course `id` gets a print page (`kind: course`, at most [`MAX_PRINTED_PAGES`]).
pub fn is_printable(lang: &LangSite, id: PageId) -> bool {
    let page = &lang.pages[id];
    page.is_section && lang.effective_kind(id) == Kind::Course && lang.reading_order(id).len() <= MAX_PRINTED_PAGES
}

/// The print page's address beside the course's own page.
pub fn print_url(lang: &LangSite, course: PageId) -> String {
    let dir = parent_dir(&lang.pages[course].url);
    if dir.is_empty() {
        "print.html".into()
    } else {
        format!("{dir}/print.html")
    }
}

/// The printable page of a course. `rendered` holds the Markdown HTML of the course's pages.
pub fn render_course_print(
    cx: &LangContext<'_>,
    theme: &Theme,
    course: PageId,
    rendered: &[Option<Rendered>],
    extra: ExtraSteps<'_>,
) -> Result<String, String> {
    let lang = cx.lang;
    let here = print_url(lang, course);
    let html_of = |id: PageId| rendered.get(id).and_then(Option::as_ref).map(|r| r.html.as_str()).unwrap_or("");
    let fallback = |text: crate::model::TextStatus| cx.fallback_attrs(text == crate::model::TextStatus::Fallback);
    // Each part in the page's language (the overview may be the default language's), its
    // texts marked when they are the default language's.
    let frame = cx.own_attrs(lang.pages[course].text == crate::model::TextStatus::Fallback);
    let course_page = &lang.pages[course];
    let mut content = format!("<div class=\"print-overview\">{}</div>\n", rebase(&shift(html_of(course), 0, "overview"), &course_page.url, &here));
    let mut n = 0;
    let quizzes = |content: &mut String, n: &mut usize, section: PageId, level: usize| {
        for step in extra(section) {
            let Some(quiz) = lang.quizzes.iter().find(|q| q.url == step.url) else { continue };
            *n += 1;
            let (heading, marks) = (cx.fallback_attrs(quiz.title_fallback()), cx.quiz_marks(quiz));
            content.push_str(&format!(
                "<section class=\"print-part print-quiz\" aria-labelledby=\"part-{n}\"{frame}>\n<h{level} id=\"part-{n}\"{heading}>{}</h{level}>\n{}</section>\n",
                escape_html(&quiz.title),
                question_sheet(quiz, cx.strings, &marks)
            ));
        }
    };
    // Depth first, as the course navigation reads: a section's pages, then its quizzes.
    let mut stack: Vec<(PageId, usize, bool)> = lang.pages[course].children.iter().rev().map(|&c| (c, 1, false)).collect();
    while let Some((id, depth, closing)) = stack.pop() {
        let page = &lang.pages[id];
        let level = (depth + 1).min(6);
        if closing {
            quizzes(&mut content, &mut n, id, level + 1);
            content.push_str("</section>\n");
            continue;
        }
        if lang.effective_kind(id) == Kind::Template {
            continue;
        }
        n += 1;
        let marks = fallback(page.text);
        content.push_str(&format!(
            "<section class=\"print-part print-depth-{depth}\" aria-labelledby=\"part-{n}\"{frame}>\n<h{level} id=\"part-{n}\"{marks}>{}</h{level}>\n<div{marks}>{}</div>\n",
            escape_html(&page.front.title),
            rebase(&shift(html_of(id), level - 1, &format!("p{n}")), &page.url, &here)
        ));
        stack.push((id, depth, true));
        stack.extend(page.children.iter().rev().map(|&c| (c, depth + 1, false)));
    }
    quizzes(&mut content, &mut n, course, 2);
    let subject = Subject {
        id: course,
        here: &here,
        title: &course_page.front.title,
        title_html: None,
        description: course_page.front.description.as_deref(),
        kind: "print",
        content: &content,
        is_step: true,
        package: None,
        text: course_page.text,
        title_fallback: false,
        title_string: None,
        outdated: course_page.outdated,
    };
    let mut v = view(cx, &subject, extra);
    v.checklist = false;
    v.print_url = None;
    render_view(cx, theme, &v)
}

/// Moves a part's headings `by` levels down (h6 at most) and prefixes its ids and in-page links
/// (shared with a guide's print page).
pub(super) fn shift(html: &str, by: usize, prefix: &str) -> String {
    let mut html = html.to_string();
    if by > 0 {
        for level in (1..=6).rev() {
            let to = (level + by).min(6);
            html = html.replace(&format!("<h{level}"), &format!("<h{to}")).replace(&format!("</h{level}>"), &format!("</h{to}>"));
        }
    }
    html.replace(" id=\"", &format!(" id=\"{prefix}-")).replace(" href=\"#", &format!(" href=\"#{prefix}-")).replace(" for=\"", &format!(" for=\"{prefix}-"))
}

/// The attributes of a page's HTML that hold an address of the site: every URL attribute the
/// raw-HTML policy lets through ([`crate::markdown::html_policy::is_url_attribute`]) and those
/// kyklos writes itself (links, images, a player's source, tracks and poster).
const URL_ATTRIBUTES: [&str; 3] = [" href=\"", " src=\"", " poster=\""];

/// Rewrites relative addresses (see [`URL_ATTRIBUTES`]) written for the page at `from` so they
/// work from the page at `to` (both relative to the language folder). Fragments, absolute
/// addresses and other schemes stay as they are.
fn rebase(html: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = URL_ATTRIBUTES.iter().filter_map(|a| rest.find(a).map(|i| (i, a.len()))).min() {
        let (i, len) = at;
        out.push_str(&rest[..i + len]);
        rest = &rest[i + len..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        let (path, fragment) = value.split_once('#').map_or((value, None), |(p, f)| (p, Some(f)));
        let scheme = path.find(':').is_some_and(|c| !path[..c].contains('/'));
        if path.is_empty() || scheme || path.starts_with('/') {
            out.push_str(value);
        } else {
            match join_normalised(parent_dir(from), path) {
                Some(target) => {
                    out.push_str(&relative(to, &target));
                    if let Some(f) = fragment {
                        out.push('#');
                        out.push_str(f);
                    }
                }
                None => out.push_str(value),
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_images_are_rebased_to_the_print_page() {
        let html = r##"<a href="02-b.html#x">b</a><img src="../img/p.png" alt=""><a href="#top">t</a><a href="https://eu.example/a">e</a><a href="mailto:a@b.c">m</a>"##;
        let out = rebase(html, "course/mod/a.html", "course/print.html");
        assert_eq!(
            out,
            r##"<a href="mod/02-b.html#x">b</a><img src="img/p.png" alt=""><a href="#top">t</a><a href="https://eu.example/a">e</a><a href="mailto:a@b.c">m</a>"##
        );
    }

    #[test]
    fn a_video_keeps_its_poster_source_and_captions_on_the_print_page() {
        let html = r#"<video controls poster="clip.png" aria-label="Clip"><source src="clip.webm" type="video/webm"><track kind="captions" src="clip.de.vtt"></video>"#;
        let out = rebase(html, "course/docs/a.html", "course/print.html");
        assert_eq!(
            out,
            r#"<video controls poster="docs/clip.png" aria-label="Clip"><source src="docs/clip.webm" type="video/webm"><track kind="captions" src="docs/clip.de.vtt"></video>"#
        );
        // An attribute that merely ends in a URL attribute's name is not an address.
        assert_eq!(rebase(r#"<p data-src="x.png">"#, "course/docs/a.html", "course/print.html"), r#"<p data-src="x.png">"#);
    }

    #[test]
    fn every_url_attribute_markdown_may_hold_is_rebased() {
        use crate::markdown::html_policy::{is_url_attribute, ELEMENT_ATTRIBUTES, GENERIC_ATTRIBUTES};
        let names = ELEMENT_ATTRIBUTES.iter().flat_map(|(e, attrs)| attrs.iter().map(move |a| (*e, *a))).chain(GENERIC_ATTRIBUTES.iter().map(|a| ("p", *a)));
        for (element, attr) in names.filter(|(e, a)| is_url_attribute(e, a)) {
            assert!(URL_ATTRIBUTES.contains(&format!(" {attr}=\"").as_str()), "<{element} {attr}> holds an address the print page must rebase");
        }
    }

    #[test]
    fn headings_move_down_and_ids_stay_unique() {
        let out = shift("<h2 id=\"a\">A</h2><h5>deep</h5><a href=\"#a\">x</a>", 2, "p3");
        assert_eq!(out, "<h4 id=\"p3-a\">A</h4><h6>deep</h6><a href=\"#p3-a\">x</a>");
    }
}
