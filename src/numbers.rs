//! Numbers as a page's language writes them: the decimal separator, numbers with at most two
//! decimals (points, pass marks) and file sizes. Pure; used by rendering (and, through the
//! `data-decimal` of a quiz form, by `static/quiz.js`, so the browser writes numbers the same way).
//!
//! Digits are always 0–9, as everywhere else on a kyklos page ("3 دروس"); with them, CLDR
//! writes the decimal separator of most European languages as a comma and that of English,
//! Arabic and Persian as a point. No group separators: the numbers shown are small.

/// Languages that write "0,5" with Latin digits (CLDR); every other language writes "0.5".
const COMMA: &[&str] = &[
    "af", "az", "be", "bg", "bs", "ca", "cs", "da", "de", "el", "eo", "es", "et", "eu", "fi", "fo", "fr", "gl", "hr", "hu", "hy", "id", "is", "it", "ka", "kk",
    "ky", "lb", "lo", "lt", "lv", "mk", "nb", "nl", "nn", "no", "pl", "ps", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tk", "tr", "uk", "uz", "vi",
];

/// Regions whose separator differs from their language's (CLDR): `de-CH` writes "0.5",
/// `ar-MA` "0,5".
const REGIONS: &[(&str, &[&str])] = &[
    ("ar", &["dz", "lb", "ly", "ma", "mr", "tn"]),
    ("de", &["ch", "li"]),
    ("en", &["at", "be", "de", "dk", "fi", "nl", "se", "si", "za"]),
    ("es", &["419", "br", "bz", "cu", "do", "gt", "hn", "mx", "ni", "pa", "pe", "pr", "sv", "us"]),
    ("it", &["ch"]),
];

/// Appends `n` in decimal digits, without the formatting machinery of `write!` (the HTML
/// writer's list start numbers and footnote numbers, JSON-LD's integers).
#[inline]
pub fn push_u64(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// The decimal separator of a language code (`de` → ',', `de-CH` → '.', `en` → '.').
pub fn decimal_separator(lang: &str) -> char {
    let lower = lang.to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    let comma = COMMA.contains(&primary);
    // A script subtag (`sr-Latn`) comes before the region.
    let region = parts.find(|p| p.len() != 4).unwrap_or("");
    let flipped = REGIONS.iter().any(|(l, regions)| *l == primary && regions.contains(&region));
    if comma != flipped {
        ','
    } else {
        '.'
    }
}

/// `x` rounded to at most `decimals` places, without trailing zeros, with a point: 0.333 →
/// "0.33", 2.50 → "2.5", 3.0 → "3". The form plural rules read (CLDR operands).
pub fn plain_decimal(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// A number as `lang` writes it, with at most two decimals: 62.5 → "62,5" in German.
pub fn decimal(x: f64, lang: &str) -> String {
    with_separator(&plain_decimal(x, 2), lang)
}

fn with_separator(plain: &str, lang: &str) -> String {
    match decimal_separator(lang) {
        '.' => plain.to_string(),
        sep => plain.replacen('.', &sep.to_string(), 1),
    }
}

/// A file size in binary units, as `lang` writes numbers: `512 B`, `1,5 KiB`, `94 KiB`,
/// `12 MiB`; one decimal below 10, whole numbers above. `space` goes between number and unit.
fn size(bytes: u64, lang: &str, space: &str) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes}{space}B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    // Switch units where the rounded number would reach 1024 ("1 MiB", not "1024 KiB").
    while value.round() >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let places = if value < 9.95 { 1 } else { 0 };
    format!("{}{space}{}", with_separator(&plain_decimal(value, places), lang), UNITS[unit])
}

/// A file size for a page in `lang`: `94 KiB`, `1,5 MiB`, a no-break space before the unit.
pub fn file_size(bytes: u64, lang: &str) -> String {
    size(bytes, lang, "\u{a0}")
}

/// A file size for the terminal: `94 KiB`, `1.5 MiB`.
pub fn file_size_en(bytes: u64) -> String {
    size(bytes, "en", " ")
}

#[cfg(test)]
mod tests {

    #[test]
    fn push_u64_writes_what_display_writes() {
        for n in [0u64, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX - 1, u64::MAX] {
            let mut out = String::from("x");
            super::push_u64(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    use super::*;

    #[test]
    fn separators_follow_the_language_and_region() {
        for (lang, sep) in [("de", ','), ("uk", ','), ("pt-BR", ','), ("fr_CA", ','), ("en", '.'), ("ar", '.'), ("fa", '.'), ("de-CH", '.')] {
            assert_eq!(decimal_separator(lang), sep, "{lang}");
        }
        assert_eq!(decimal_separator("es-MX"), '.');
        assert_eq!(decimal_separator("es-419"), '.');
        assert_eq!(decimal_separator("ar-MA"), ',');
        assert_eq!(decimal_separator("sr-Latn-RS"), ',');
        assert_eq!(decimal_separator("xx"), '.', "unknown languages write a point");
        assert_eq!(decimal_separator(""), '.');
    }

    #[test]
    fn decimals_are_rounded_and_trimmed() {
        assert_eq!(decimal(62.5, "de"), "62,5");
        assert_eq!(decimal(70.0, "de"), "70");
        assert_eq!(decimal(1.0 / 3.0, "uk"), "0,33");
        assert_eq!(decimal(0.5, "en"), "0.5");
        assert_eq!(decimal(-0.001, "en"), "0");
        assert_eq!(decimal(f64::NAN, "en"), "0");
        assert_eq!(plain_decimal(2.999, 2), "3");
        assert_eq!(plain_decimal(100.0, 0), "100");
    }

    #[test]
    fn sizes_use_binary_units_and_the_languages_separator() {
        assert_eq!(file_size(96_669, "de"), "94\u{a0}KiB");
        assert_eq!(file_size(1536, "uk"), "1,5\u{a0}KiB");
        assert_eq!(file_size(1536, "en"), "1.5\u{a0}KiB");
        assert_eq!(file_size(2048, "de"), "2\u{a0}KiB");
        assert_eq!(file_size(1023, "de"), "1023\u{a0}B");
        assert_eq!(file_size(3 * 1024 * 1024 + 300 * 1024, "fr"), "3,3\u{a0}MiB");
        assert_eq!(file_size(1024 * 1024 - 100, "de"), "1\u{a0}MiB", "never 1024 KiB");
        assert_eq!(file_size(150 << 20, "el"), "150\u{a0}MiB");
        assert_eq!(file_size_en(299_315), "292 KiB");
        assert_eq!(file_size_en(5 << 30), "5 GiB");
    }
}
