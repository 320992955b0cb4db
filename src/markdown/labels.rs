//! The interface words the Markdown renderer puts into a page's text: a heading's self-link,
//! a table's name, a task's "Done:", a footnote's back-link (and, through [`crate::media`], a
//! player's). They are in the page's language; when the text is in another one (a page shown
//! in the default language's words), each carries the page's `lang` and `dir`, and a table's
//! region, named in the page's language, gives the table back the text's language.

use crate::escape::{escape_html, escape_into, Mixed};

/// Interface strings the renderer needs, already in the page's language.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub anchor: String,
    pub table: String,
    pub task_done: String,
    pub task_open: String,
    /// "Back to the text" for footnote back-links.
    pub back: String,
    /// Task lists become checkboxes a reader can tick (guides, training units).
    pub checklist: bool,
    /// Fenced code is written as escaped text, without highlighting (`highlight: off`).
    pub plain_code: bool,
    /// Media players and video placeholders; `media.lang` is the page's language.
    pub media: crate::media::player::MediaLabels,
    /// Rendering a transcript: media inside it stay links (no player within a player).
    pub in_transcript: bool,
    /// The text is in another language than the page (see [`Mixed`]); `None` when it is not.
    pub mixed: Option<Mixed>,
    /// The language (code, direction) of `anchor`'s and of the task labels' words when they
    /// are not the page's own (a language without these interface strings shows another's).
    pub anchor_lang: Option<(String, String)>,
    pub task_lang: Option<(String, String)>,
    /// The language of `back`'s words when they are not the page's own.
    pub back_lang: Option<(String, String)>,
}

impl Labels {
    /// ` lang="…" dir="…"` for interface words in the text: empty when the text is in the
    /// page's language.
    pub fn ui(&self) -> String {
        crate::escape::ui_attrs(self.mixed.as_ref())
    }

    /// ` lang="…" dir="…"` for interface words in `lang` (`None`: the page's language) in the
    /// text: empty when they are in the text's language.
    pub fn ui_in(&self, lang: Option<&(String, String)>) -> String {
        match lang {
            None => self.ui(),
            Some((code, _)) if self.mixed.as_ref().is_some_and(|m| m.text.0.eq_ignore_ascii_case(code)) => String::new(),
            Some((code, dir)) => crate::escape::lang_attrs(code, dir),
        }
    }

    /// These labels for a text in `text` (code, direction) on a page in `page`.
    pub fn for_text(&self, page: (&str, &str), text: (&str, &str)) -> Labels {
        Labels { mixed: Mixed::new(page, text), ..self.clone() }
    }
}

/// A heading's self-link after its text: ` <a class="anchor" href="#id" aria-label="Link to
/// this section: Heading">#</a>`. In a text of another language, or when the label is another
/// language's, the name is written out in hidden spans instead (an attribute cannot carry a
/// language), so that its interface words and the heading's each keep their language.
pub fn anchor(out: &mut String, id: &str, text: &str, labels: &Labels) {
    out.push_str(" <a class=\"anchor\" href=\"#");
    out.push_str(id);
    match (&labels.mixed, &labels.anchor_lang) {
        (None, None) => {
            out.push_str("\" aria-label=\"");
            escape_into(out, &labels.anchor);
            out.push_str(": ");
            escape_into(out, text);
            out.push_str("\">#</a>");
        }
        _ => {
            out.push_str("\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\"><span");
            out.push_str(&labels.ui_in(labels.anchor_lang.as_ref()));
            out.push('>');
            escape_into(out, &labels.anchor);
            out.push_str("</span>: ");
            escape_into(out, text);
            out.push_str("</span></a>");
        }
    }
}

/// The scrollable region a table sits in, named "Table n". In a text of another language the
/// region carries the page's language (its name) and [`table_langs`] gives the table the text's.
/// Only `lang`: the region keeps the text's direction, so a wide table scrolls from its start.
pub fn table_open(n: usize, labels: &Labels) -> String {
    let lang = labels.mixed.as_ref().map(|m| format!(" lang=\"{}\"", escape_html(&m.page.0))).unwrap_or_default();
    format!("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{} {n}\"{lang}>", escape_html(&labels.table))
}

/// Gives each table opened by [`table_open`] in a text of another language the text's `lang`
/// (the HTML writer writes `<table>` itself, right after the region's tag). Run before author
/// HTML is put back, so only kyklos's own regions match.
pub fn table_langs(html: String, labels: &Labels) -> String {
    let Some(m) = &labels.mixed else { return html };
    let region = format!(" lang=\"{}\"><table>", escape_html(&m.page.0));
    html.replace(&region, &format!(" lang=\"{}\"><table lang=\"{}\">", escape_html(&m.page.0), escape_html(&m.text.0)))
}

/// The hidden "Done: " or "To do: " before a task list item that cannot be ticked.
pub fn task_mark(done: bool, labels: &Labels) -> String {
    let (mark, label) = if done { ("☑", &labels.task_done) } else { ("☐", &labels.task_open) };
    format!(
        "<span class=\"task-mark\" aria-hidden=\"true\">{mark}</span><span class=\"visually-hidden\"{}>{}: </span>",
        labels.ui_in(labels.task_lang.as_ref()),
        escape_html(label)
    )
}

/// A footnote's link back to where it is referenced, closing its definition: marked with the
/// language its label is in where that is not the note's (an English "Back to the text" the
/// page's language lacks is unmarked in an English note of an Urdu page, marked in an Urdu one).
pub fn footnote_back(id: &str, labels: &Labels) -> String {
    format!(
        " <a class=\"footnote-backref\" href=\"#fnref-{id}\" aria-label=\"{}\"{}>↩</a></div>\n",
        escape_html(&labels.back),
        labels.ui_in(labels.back_lang.as_ref())
    )
}
