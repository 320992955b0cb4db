//! The labels of the cells of tables kyklos writes itself (downloads, the learner's progress,
//! the certificate's needs, the translation status): on a phone each row is a card whose lines
//! say their column's name. A language's own string is an attribute the theme's CSS shows
//! (`data-label`, as generated content); a string the language lacks is written out as an
//! element instead, marked with its language (an attribute, and so what CSS generates from it,
//! cannot carry a language of its own), shown only where the CSS shows the labels.

use crate::escape::escape_html;
use crate::i18n::Strings;

/// The label of one column: `attr` goes into each cell's tag, `lead` at the start of its content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellLabel {
    /// ` data-label="…"`, or nothing when the label is written out.
    pub attr: String,
    /// `<span class="cell-label" lang dir>…</span>` for a label another language's, else nothing.
    pub lead: String,
}

/// The label of a column named by the interface string `key`.
pub fn cell_label(t: &Strings, key: &str) -> CellLabel {
    let text = escape_html(&t.get(key));
    match t.mark(key) {
        mark if mark.is_empty() => CellLabel { attr: format!(" data-label=\"{text}\""), lead: String::new() },
        mark => CellLabel { attr: String::new(), lead: format!("<span class=\"cell-label\"{mark}>{text}</span>") },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Table;

    #[test]
    fn a_label_the_language_lacks_is_an_element_marked_with_its_language() {
        let de = Strings::new("de", Table::new(), Table::new(), "en");
        assert_eq!(cell_label(&de, "language"), CellLabel { attr: " data-label=\"Sprache\"".into(), lead: String::new() });
        let pl = Strings::new("pl", Table::new(), Table::new(), "it");
        assert_eq!(
            cell_label(&pl, "language"),
            CellLabel { attr: String::new(), lead: "<span class=\"cell-label\" lang=\"it\" dir=\"ltr\">Lingua</span>".into() }
        );
    }
}
