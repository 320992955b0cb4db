//! Other spellings of a fill-in answer, for platforms that compare answers as written.
//!
//! On the site, `static/quiz-score.js` treats the apostrophes `'` `‘` `’` `‛` `ʼ` (U+02BC, the
//! Ukrainian apostrophe) as one character, likewise the double quotes `"` `“` `”` `„` `‟` `«` `»`,
//! the dashes `-` `‐` `‑` `‒` `–` `—` `―` `−`, and `…` with `...`: a phone's smart punctuation
//! turns `сім'ю` into `сім’ю`, and a Ukrainian keyboard types `сімʼю`. Moodle, GIFT and QTI
//! compare strings exactly, so each accepted answer is exported once more in the spelling of
//! each kind of keyboard: plain ASCII (`сім'ю`, `"Ja"`, `1914-1918`, `...`), smart punctuation
//! in English, German and French or Ukrainian (`сім’ю`, `“Ja”`, `„Ja“`, `«Ja»`, `…`; dashes
//! typed as `-`) and a Ukrainian layout (`сімʼю`). An answer mixing spellings (`'` here, `’`
//! there) is accepted on the site only. In a Japanese, Chinese or Korean bank an answer is also
//! written full-width (`１９９５`) or, written full-width, in ordinary width, as the site folds
//! full-width forms.

/// How one kind of keyboard writes the marks: apostrophe or single quote (opening, closing),
/// double quotes (opening, closing), an ellipsis. Dashes are always typed as `-`.
struct Keyboard {
    single: (char, char),
    double: (char, char),
    ellipsis: &'static str,
}

const KEYBOARDS: [Keyboard; 5] = [
    Keyboard { single: ('\'', '\''), double: ('"', '"'), ellipsis: "..." },
    Keyboard { single: ('\u{2018}', '\u{2019}'), double: ('\u{201C}', '\u{201D}'), ellipsis: "\u{2026}" },
    Keyboard { single: ('\u{2018}', '\u{2019}'), double: ('\u{201E}', '\u{201C}'), ellipsis: "\u{2026}" },
    Keyboard { single: ('\u{2018}', '\u{2019}'), double: ('\u{AB}', '\u{BB}'), ellipsis: "\u{2026}" },
    Keyboard { single: ('\u{02BC}', '\u{02BC}'), double: ('"', '"'), ellipsis: "..." },
];

/// Apostrophes and single quotation marks, the first the ASCII one.
const APOSTROPHES: [char; 8] = ['\'', '\u{2018}', '\u{2019}', '\u{201B}', '\u{02BC}', '\u{201A}', '\u{2039}', '\u{203A}'];

/// Double quotation marks, the first the ASCII one.
const QUOTES: [char; 7] = ['"', '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{AB}', '\u{BB}'];

/// Dashes and the minus sign, which learners type as `-`.
const DASHES: [char; 7] = ['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}'];

/// `answer` and its other spellings, `answer` first, without duplicates (at most six).
pub fn spellings(answer: &str) -> Vec<String> {
    let mut all = vec![answer.to_string()];
    all.extend(KEYBOARDS.iter().map(|k| typed(answer, k)));
    dedup(all)
}

/// `s` as keyboard `k` would type it.
fn typed(s: &str, k: &Keyboard) -> String {
    let s = s.replace("...", "\u{2026}").replace('\u{2026}', k.ellipsis).replace(DASHES, "-");
    s.char_indices()
        .map(|(i, c)| {
            let pair = if APOSTROPHES.contains(&c) {
                k.single
            } else if QUOTES.contains(&c) {
                k.double
            } else {
                return c;
            };
            if opens(&s, i) {
                pair.0
            } else {
                pair.1
            }
        })
        .collect()
}

/// Every accepted answer (trimmed) followed by its other spellings, without duplicates; with
/// `wide` (see [`wide_keyboard`]) also in full-width and in ordinary width.
pub fn accepted(answers: &[String], wide: bool) -> Vec<String> {
    let widths = |a: &str| if wide { [full_width(a), ordinary_width(a)].into_iter().flatten().collect() } else { Vec::new() };
    dedup(answers.iter().flat_map(|a| spellings(a.trim()).into_iter().chain(widths(a.trim()))).collect())
}

/// Whether learners of `lang` type with a Japanese, Chinese or Korean input method, whose
/// full-width mode writes Latin letters, digits and punctuation full-width (`１９９５`), which
/// the site takes as the ordinary ones.
pub fn wide_keyboard(lang: &str) -> bool {
    let primary = lang.split('-').next().unwrap_or(lang);
    ["ja", "zh", "ko"].iter().any(|l| primary.eq_ignore_ascii_case(l))
}

/// `s` with its ASCII letters, digits, punctuation and spaces full-width, as an input method in
/// full-width mode types it (`Plain 2` → `Ｐｌａｉｎ　２`); `None` when it holds no ASCII letter or digit.
fn full_width(s: &str) -> Option<String> {
    s.chars().any(|c| c.is_ascii_alphanumeric()).then(|| {
        s.chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                ' ' => '\u{3000}',
                _ => c,
            })
            .collect()
    })
}

/// `s` with its full-width letters, digits, punctuation and spaces in ordinary width
/// (`Ａ－５` → `A-5`); `None` when it holds none.
fn ordinary_width(s: &str) -> Option<String> {
    s.chars().any(|c| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')).then(|| {
        s.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                _ => c,
            })
            .collect()
    })
}

/// The list in its order, each string once (by a set: thousands of answers stay quick).
fn dedup(list: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::with_capacity(list.len());
    list.into_iter().filter(|s| seen.insert(s.clone())).collect()
}

/// Whether a mark at byte `i` of `s` opens (at the start, after a space, a bracket or a dash).
fn opens(s: &str, i: usize) -> bool {
    s[..i].chars().next_back().is_none_or(|c| c.is_whitespace() || "([{-–—/".contains(c) || QUOTES.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_in_every_keyboards_spelling() {
        assert_eq!(spellings("сім'ю"), ["сім'ю", "сім\u{2019}ю", "сім\u{02BC}ю"]);
        assert_eq!(spellings("сім\u{2019}ю"), ["сім\u{2019}ю", "сім'ю", "сім\u{02BC}ю"]);
        assert_eq!(spellings("сім\u{02BC}ю"), ["сім\u{02BC}ю", "сім'ю", "сім\u{2019}ю"]);
        assert_eq!(spellings("l'eau d'ici"), ["l'eau d'ici", "l\u{2019}eau d\u{2019}ici", "l\u{02BC}eau d\u{02BC}ici"]);
        // Quoted with single marks: smart punctuation opens with ‘ and closes with ’.
        assert_eq!(spellings("'x'"), ["'x'", "\u{2018}x\u{2019}", "\u{02BC}x\u{02BC}"]);
    }

    #[test]
    fn quotes_dashes_and_ellipses() {
        assert_eq!(spellings("\"Ja\""), ["\"Ja\"", "\u{201C}Ja\u{201D}", "\u{201E}Ja\u{201C}", "\u{AB}Ja\u{BB}"]);
        assert_eq!(spellings("«Так» і «ні»")[0..2], ["«Так» і «ні»", "\"Так\" і \"ні\""]);
        assert_eq!(spellings("1914–1918"), ["1914–1918", "1914-1918"]);
        assert_eq!(spellings("a−b"), ["a−b", "a-b"]);
        assert_eq!(spellings("E-Mail"), ["E-Mail"], "an ASCII hyphen is what learners type");
        assert_eq!(spellings("und so weiter…"), ["und so weiter…", "und so weiter..."]);
        assert_eq!(spellings("und so weiter..."), ["und so weiter...", "und so weiter…"]);
        assert_eq!(spellings("1951"), ["1951"]);
    }

    #[test]
    fn each_keyboard_writes_every_mark_its_way() {
        assert_eq!(spellings("\"it's\" – …"), ["\"it's\" – …", "\"it's\" - ...", "“it’s” - …", "„it’s“ - …", "«it’s» - …", "\"itʼs\" - ..."]);
    }

    #[test]
    fn the_site_treats_the_same_marks_as_one() {
        // static/quiz-score.js folds the same sets: what the exports spell out, the site accepts.
        let js = include_str!("../../themes/default/static/quiz-score.js");
        let line =
            |name: &str| js.lines().find(|l| l.trim_start().starts_with(&format!("const {name} = "))).unwrap_or_else(|| panic!("{name} in quiz-score.js"));
        for (name, set) in [("APOSTROPHES", &APOSTROPHES[..]), ("QUOTES", &QUOTES[..])] {
            for c in set.iter().filter(|c| !c.is_ascii()) {
                assert!(line(name).contains(&format!("\\u{:04X}", *c as u32)), "{name} in quiz-score.js lacks U+{:04X}", *c as u32);
            }
        }
        assert!(
            line("DASHES").contains("[\\u2010-\\u2015\\u2212]")
                && DASHES == ['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}']
        );
    }

    #[test]
    fn accepted_answers_keep_their_order_without_duplicates() {
        let answers = vec![" сім'ю ".to_string(), "сім’ю".to_string(), "родину".to_string()];
        assert_eq!(accepted(&answers, false), ["сім'ю", "сім\u{2019}ю", "сім\u{02BC}ю", "родину"]);
    }

    #[test]
    fn japanese_chinese_and_korean_answers_in_full_width_too() {
        // An input method in full-width mode types １９９５: the site takes it as 1995, and so
        // must Moodle, GIFT and QTI, which compare as written.
        let answers = vec!["1995".to_string(), "Plain Japanese".to_string(), "逃げる".to_string(), "Ａ－５".to_string()];
        assert_eq!(accepted(&answers, true), ["1995", "１９９５", "Plain Japanese", "Ｐｌａｉｎ\u{3000}Ｊａｐａｎｅｓｅ", "逃げる", "Ａ－５", "A-5"]);
        assert_eq!(accepted(&answers, false), ["1995", "Plain Japanese", "逃げる", "Ａ－５"]);
        assert!(wide_keyboard("ja") && wide_keyboard("zh-Hant-TW") && wide_keyboard("KO") && !wide_keyboard("pt-BR"));
    }
}
