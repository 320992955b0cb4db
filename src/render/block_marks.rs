//! A paragraph that is wholly one text in another language carries that language on the
//! paragraph itself. Part of the render step: [`block_marks`] runs on every page written.
//!
//! Strings another language lends are marked on a `<span lang dir>` inside their element, so
//! that a label or a short line keeps the page's side ("a mark on a line of its own sits on a
//! span inside it"). A paragraph long enough to wrap is another thing: an Arabic disclaimer
//! on an English page, marked inline, kept the English left edge, its lines ragged on the
//! side Arabic starts from. Marked on the `<p>`, it takes its own direction's alignment.

/// A paragraph of at least this many characters is read as a block, not a line: it wraps on
/// a phone (about 35 characters a line at 390 px) and in a narrow column; a label is shorter.
pub const BLOCK_CHARS: usize = 50;

const OPEN: &str = "<span lang=\"";
const CLOSE: &str = "</span></p>";

/// `html` with every `<p …><span lang="L" dir="D">text</span></p>` whose text (which may hold
/// inline markup: a name's `<bdi>`, a word in a third language) has at least [`BLOCK_CHARS`]
/// characters written `<p … lang="L" dir="D">text</p>`; `None` when there is none. A `<p>` that has a `lang` or `dir` of its own is left alone. Pure.
pub fn block_marks(html: &str) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&html.as_bytes()[from..], OPEN.as_bytes()) {
        let span = from + k;
        from = span + OPEN.len();
        let Some((p_start, p_attrs)) = paragraph_before(html, span) else { continue };
        let Some((attrs, text, end)) = span_at(html, span) else { continue };
        if text_chars(text) < BLOCK_CHARS {
            continue;
        }
        out.push_str(&html[copied..p_start]);
        out.push_str("<p");
        out.push_str(p_attrs);
        out.push_str(attrs);
        out.push('>');
        out.push_str(text);
        out.push_str("</p>");
        copied = end;
        from = end;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// [`block_marks`] of `html` outside `skip`, a part that holds no paragraph (the course
/// navigation of a page the built-in writer made: list items and links); `None` when there is
/// none. Pure.
pub fn block_marks_around(html: &str, skip: std::ops::Range<usize>) -> Option<String> {
    let (Some(before), Some(kept), Some(after)) = (html.get(..skip.start), html.get(skip.clone()), html.get(skip.end..)) else {
        return block_marks(html);
    };
    let (marked_before, marked_after) = (block_marks(before), block_marks(after));
    if marked_before.is_none() && marked_after.is_none() {
        return None;
    }
    let mut out = marked_before.unwrap_or_else(|| before.to_string());
    out.push_str(kept);
    out.push_str(marked_after.as_deref().unwrap_or(after));
    Some(out)
}

/// The `<p …>` that ends right at `at`: its start and its attributes (` class="x"` or empty),
/// unless it has a `lang` or `dir` of its own.
fn paragraph_before(html: &str, at: usize) -> Option<(usize, &str)> {
    let before = html.get(..at)?.strip_suffix('>')?;
    let start = before.rfind('<')?;
    let tag = &before[start..];
    let attrs = tag.strip_prefix("<p")?;
    let plain = attrs.is_empty() || (attrs.starts_with(' ') && !attrs.contains(" lang=") && !attrs.contains(" dir="));
    plain.then_some((start, attrs))
}

/// The span opening at `at`: its ` lang="…" dir="…"`, its text and the end of `</span></p>`.
fn span_at(html: &str, at: usize) -> Option<(&str, &str, usize)> {
    let rest = &html[at + "<span".len()..];
    let gt = rest.find('>')?;
    let attrs = &rest[..gt];
    // Exactly the two attributes lang_attrs writes, nothing else.
    let inner = attrs.strip_prefix(" lang=\"")?;
    let (_, after_lang) = inner.split_once('"')?;
    let dir = after_lang.strip_prefix(" dir=\"")?;
    if !(dir == "ltr\"" || dir == "rtl\"") {
        return None;
    }
    let body = &rest[gt + 1..];
    // The `</span>` that closes this span (spans inside it, such as a name's, are skipped),
    // right before the paragraph's end.
    let mut depth = 0usize;
    let mut i = 0;
    let text_end = loop {
        let next = body[i..].find('<')? + i;
        let tail = &body[next..];
        if tail.starts_with("<span") {
            depth += 1;
        } else if tail.starts_with("</span>") {
            if depth == 0 {
                break next;
            }
            depth -= 1;
        } else if tail.starts_with("</p>") {
            return None;
        }
        i = next + 1;
    };
    body[text_end..].starts_with(CLOSE).then(|| (attrs, &body[..text_end], at + "<span".len() + gt + 1 + text_end + CLOSE.len()))
}

/// The characters of `html` outside its tags.
fn text_chars(html: &str) -> usize {
    let mut n = 0;
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => n += 1,
            _ => {}
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    const AR: &str = "لا تعبّر الآراء الواردة هنا إلا عن آراء المؤلفين ولا تعكس بالضرورة آراء الاتحاد الأوروبي أو السلطة المانحة.";

    #[test]
    fn a_paragraph_wholly_in_another_language_is_marked_on_the_paragraph() {
        let html = format!("<footer><p class=\"eu-disclaimer\"><span lang=\"ar\" dir=\"rtl\">{AR}</span></p></footer>");
        assert_eq!(block_marks(&html).unwrap(), format!("<footer><p class=\"eu-disclaimer\" lang=\"ar\" dir=\"rtl\">{AR}</p></footer>"));
        let bare = format!("<p><span lang=\"fr\" dir=\"ltr\">{}</span></p>x<p><span lang=\"fr\" dir=\"ltr\">{}</span></p>", "a".repeat(90), "b".repeat(95));
        assert_eq!(block_marks(&bare).unwrap(), format!("<p lang=\"fr\" dir=\"ltr\">{}</p>x<p lang=\"fr\" dir=\"ltr\">{}</p>", "a".repeat(90), "b".repeat(95)));
        // Inline markup inside it stays: the EU disclaimer names the authority in a <bdi>.
        let inner = format!("<p class=\"eu-disclaimer\"><span lang=\"ar\" dir=\"rtl\">{AR} (<bdi>IKY</bdi>) <span lang=\"en\" dir=\"ltr\">x</span></span></p>");
        assert_eq!(
            block_marks(&inner).unwrap(),
            format!("<p class=\"eu-disclaimer\" lang=\"ar\" dir=\"rtl\">{AR} (<bdi>IKY</bdi>) <span lang=\"en\" dir=\"ltr\">x</span></p>")
        );
        // Counted without its tags: a short line with a long link is still a line.
        assert_eq!(block_marks(&format!("<p><span lang=\"ar\" dir=\"rtl\"><a href=\"{}\">x</a></span></p>", "y".repeat(100))), None);
    }

    #[test]
    fn around_a_part_marks_the_rest_as_a_whole_and_keeps_the_part() {
        let p = |l: &str| format!("<p><span lang=\"{l}\" dir=\"rtl\">{AR}</span></p>");
        let nav = "<nav><ul><li><a href=\"x.html\"><span lang=\"ar\" dir=\"rtl\">انسخ</span></a></li></ul></nav>";
        let html = format!("<main>{}</main>{nav}<footer>{}</footer>", p("ar"), p("fa"));
        let start = html.find("<nav>").unwrap();
        let skip = start..start + nav.len();
        assert_eq!(block_marks_around(&html, skip.clone()), block_marks(&html));
        assert!(block_marks_around(&html, skip).unwrap().contains(&format!("<p lang=\"fa\" dir=\"rtl\">{AR}</p></footer>")));
        // Nothing to mark outside the part, or a range that is not on the text's characters.
        let plain = format!("<main>x</main>{nav}");
        assert_eq!(block_marks_around(&plain, 14..plain.len()), None);
        let inside = html.find('ل').unwrap() + 1;
        assert_eq!(block_marks_around(&html, inside..inside + 1), block_marks(&html));
        assert_eq!(block_marks_around(&html, 0..html.len() + 1), block_marks(&html));
    }

    #[test]
    fn lines_mixed_paragraphs_and_marked_paragraphs_are_left_alone() {
        let cases = [
            // a short line keeps the page's side
            "<p class=\"label\"><span lang=\"ar\" dir=\"rtl\">انسخ</span></p>".to_string(),
            // the page's own words around the borrowed ones
            format!("<p>See <span lang=\"ar\" dir=\"rtl\">{AR}</span></p>"),
            format!("<p><span lang=\"ar\" dir=\"rtl\">{AR}</span> <a href=\"x.html\">more</a></p>"),
            // a span that ends before the paragraph does
            format!("<p><span lang=\"ar\" dir=\"rtl\">{AR}</span><span lang=\"ar\" dir=\"rtl\">x</span></p>"),
            format!("<p><span lang=\"ar\" dir=\"rtl\">{AR}</p><p>x</span></p>"),
            // a paragraph that says its language already, and other elements
            format!("<p lang=\"en\" dir=\"ltr\"><span lang=\"ar\" dir=\"rtl\">{AR}</span></p>"),
            format!("<li><span lang=\"ar\" dir=\"rtl\">{AR}</span></li>"),
            format!("<pre><span lang=\"ar\" dir=\"rtl\">{AR}</span></p>"),
            format!("<p><span lang=\"ar\" dir=\"rtl\" class=\"x\">{AR}</span></p>"),
            format!("<p><span lang=\"ar\" dir=\"rtl\">{AR}"),
        ];
        for html in cases {
            assert_eq!(block_marks(&html), None, "{html}");
        }
    }
}
