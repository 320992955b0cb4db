//! Word splitting and normalisation, the same in the index (here) and in the browser
//! (`normalize` and `words` in themes/default/static/search.js). Both sides are checked
//! against one table of vectors, tests/search-vectors.json.
//!
//! - words: Unicode word boundaries (UAX #29), split again at apostrophes (`l'école` →
//!   `l`, `école`), keeping pieces with a letter or digit, at most [`MAX_WORD`] characters;
//! - a word: compatibility decomposition (NFKD), lower case, the diacritics of Latin, Greek and
//!   Cyrillic letters removed, final ς as σ, Arabic-script forms unified (Persian ی and ى as
//!   ي, Persian ک as ك, Urdu ہ and ۃ as ه and ة, alef variants as ا, tashkeel and tatweel removed), Hebrew points
//!   and cantillation removed, Arabic-Indic and Persian digits as 0–9, a few letters
//!   without a decomposition spelt out (ß → ss, ł → l, ø → o …), then composed again (NFC).

use unicode_normalization::UnicodeNormalization;

/// Longer "words" (hashes, URLs without punctuation) are not indexed.
pub const MAX_WORD: usize = 40;

/// The words of a text, as written.
#[cfg(test)]
pub fn words(text: &str) -> Vec<&str> {
    super::segment::split_words(text).into_iter().filter(|w| w.len() <= MAX_WORD || w.chars().count() <= MAX_WORD).collect()
}

/// The words of a text in lower case, as [`words`] and [`lower`] make them, each handed to
/// `f` (a word is only copied to lower-case an ASCII word with a capital, into `scratch`).
/// The index counts the same words in one loop (`count.rs`); this is what tests check it by.
#[cfg(test)]
pub fn each_lower(text: &str, scratch: &mut String, mut f: impl FnMut(&str)) {
    use super::segment::{segments, split_unicode, Found};
    segments(text, true, |w, found| match found {
        Found::Ascii { upper } if w.len() <= MAX_WORD => {
            if upper {
                scratch.clear();
                scratch.push_str(w);
                scratch.make_ascii_lowercase();
                f(scratch);
            } else {
                f(w);
            }
        }
        Found::Ascii { .. } => {}
        Found::Unicode => {
            for piece in split_unicode(w) {
                if piece.len() <= MAX_WORD || piece.chars().count() <= MAX_WORD {
                    f(&lower(piece));
                }
            }
        }
    });
}

/// Combining marks removed after decomposition: Latin, Greek and Cyrillic diacritics, Arabic
/// tashkeel (harakat, shadda, sukun, hamza and madda above and below, superscript alef,
/// Quranic marks), Hebrew points (niqqud, the shin and sin dots, dagesh) and cantillation
/// marks, tatweel, zero-width (non-)joiners and soft hyphens. Marks of other scripts (Indic vowel signs, kana voicing) are kept.
fn is_folded_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05bd}'
        | '\u{05bf}'
        | '\u{05c1}'..='\u{05c2}'
        | '\u{05c4}'..='\u{05c5}'
        | '\u{05c7}'
        | '\u{0610}'..='\u{061a}'
        | '\u{064b}'..='\u{065f}'
        | '\u{0670}'
        | '\u{06d6}'..='\u{06dc}'
        | '\u{06df}'..='\u{06e4}'
        | '\u{06e7}'..='\u{06e8}'
        | '\u{06ea}'..='\u{06ed}'
        | '\u{0640}'
        | '\u{200c}' | '\u{200d}' | '\u{00ad}')
}

/// Letters replaced after lower-casing (one or two letters).
fn fold_letter(c: char, out: &mut String) {
    match c {
        'ς' => out.push('σ'),
        '\u{06cc}' | '\u{0649}' => out.push('\u{064a}'), // Persian yeh, alef maksura → ي
        '\u{06a9}' => out.push('\u{0643}'),              // keheh → ك
        '\u{06c1}' => out.push('\u{0647}'),              // Urdu heh goal (ہ) → ه
        '\u{06c3}' => out.push('\u{0629}'),              // Urdu teh marbuta goal (ۃ) → ة
        '\u{0671}' => out.push('\u{0627}'),              // alef wasla → ا
        '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)), // Arabic-Indic digits
        '\u{06f0}'..='\u{06f9}' => out.push(char::from(b'0' + (c as u32 - 0x06f0) as u8)), // Persian digits
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'ł' => out.push('l'),
        'đ' => out.push('d'),
        'ø' => out.push('o'),
        'ı' => out.push('i'),
        'ħ' => out.push('h'),
        c => out.push(c),
    }
}

/// A word as it is indexed and looked up.
pub fn normalize(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(word.len());
    for c in word.nfkd().flat_map(char::to_lowercase) {
        if !is_folded_mark(c) {
            fold_letter(c, &mut folded);
        }
    }
    folded.nfc().collect()
}

/// A word in lower case only (what the language's stemmer and stop words expect).
pub fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            return word.to_ascii_lowercase().into();
        }
        return word.into();
    }
    if word.chars().any(|c| !c.is_lowercase() && c.to_lowercase().next() != Some(c)) {
        word.to_lowercase().into()
    } else {
        word.into()
    }
}

/// Words ordered as JavaScript orders strings (UTF-16 code units), so the browser can
/// binary-search the shard list with `<`.
pub fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}
