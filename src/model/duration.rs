//! A page's `duration` ("2 hours", "90 Minuten", "1 ώρα 30 λεπτά", "PT1H30M") as an ISO 8601
//! duration, for the `timeRequired` of its metadata. Pure; units are known in the eleven
//! built-in interface languages, in Polish, Hindi and Urdu ("2 godziny", "30 मिनट",
//! "2 گھنٹے") and in Japanese, Chinese and Korean ("1時間30分", "3小時", "2시간"), so a site
//! written in any of them is understood.

/// Seconds in each unit a duration may use.
const WEEK: u64 = 7 * 24 * 3600;
const DAY: u64 = 24 * 3600;
const HOUR: u64 = 3600;
const MINUTE: u64 = 60;

/// Unit words (lower case) and their length in seconds.
const UNITS: &[(&str, u64)] = &[
    // en
    ("w", WEEK),
    ("wk", WEEK),
    ("wks", WEEK),
    ("week", WEEK),
    ("weeks", WEEK),
    ("d", DAY),
    ("day", DAY),
    ("days", DAY),
    ("h", HOUR),
    ("hr", HOUR),
    ("hrs", HOUR),
    ("hour", HOUR),
    ("hours", HOUR),
    ("min", MINUTE),
    ("mins", MINUTE),
    ("minute", MINUTE),
    ("minutes", MINUTE),
    // el
    ("εβδομάδα", WEEK),
    ("εβδομάδες", WEEK),
    ("ημέρα", DAY),
    ("ημέρες", DAY),
    ("μέρα", DAY),
    ("μέρες", DAY),
    ("ώρα", HOUR),
    ("ώρες", HOUR),
    ("ωρα", HOUR),
    ("ωρες", HOUR),
    ("ω", HOUR),
    ("λεπτό", MINUTE),
    ("λεπτά", MINUTE),
    ("λεπτο", MINUTE),
    ("λεπτα", MINUTE),
    ("λ", MINUTE),
    // es, pt, it
    ("semana", WEEK),
    ("semanas", WEEK),
    ("settimana", WEEK),
    ("settimane", WEEK),
    ("día", DAY),
    ("días", DAY),
    ("dia", DAY),
    ("dias", DAY),
    ("giorno", DAY),
    ("giorni", DAY),
    ("hora", HOUR),
    ("horas", HOUR),
    ("ora", HOUR),
    ("ore", HOUR),
    ("minuto", MINUTE),
    ("minutos", MINUTE),
    ("minuti", MINUTE),
    // de
    ("woche", WEEK),
    ("wochen", WEEK),
    ("tag", DAY),
    ("tage", DAY),
    ("stunde", HOUR),
    ("stunden", HOUR),
    ("std", HOUR),
    ("minuten", MINUTE),
    // fr
    ("semaine", WEEK),
    ("semaines", WEEK),
    ("jour", DAY),
    ("jours", DAY),
    ("heure", HOUR),
    ("heures", HOUR),
    // cs
    ("týden", WEEK),
    ("týdny", WEEK),
    ("týdnů", WEEK),
    ("den", DAY),
    ("dny", DAY),
    ("dní", DAY),
    ("dnů", DAY),
    ("hodina", HOUR),
    ("hodiny", HOUR),
    ("hodin", HOUR),
    ("hod", HOUR),
    ("minuta", MINUTE),
    ("minuty", MINUTE),
    ("minut", MINUTE),
    // uk
    ("тиждень", WEEK),
    ("тижні", WEEK),
    ("тижнів", WEEK),
    ("день", DAY),
    ("дні", DAY),
    ("днів", DAY),
    ("година", HOUR),
    ("години", HOUR),
    ("годин", HOUR),
    ("год", HOUR),
    ("хвилина", MINUTE),
    ("хвилини", MINUTE),
    ("хвилин", MINUTE),
    ("хв", MINUTE),
    // ar
    ("أسبوع", WEEK),
    ("أسابيع", WEEK),
    ("يوم", DAY),
    ("أيام", DAY),
    ("ساعة", HOUR),
    ("ساعات", HOUR),
    ("ساعتان", 2 * HOUR),
    ("ساعتين", 2 * HOUR),
    ("دقيقة", MINUTE),
    ("دقائق", MINUTE),
    ("دقيقتان", 2 * MINUTE),
    // fa
    ("هفته", WEEK),
    ("روز", DAY),
    ("ساعت", HOUR),
    ("دقیقه", MINUTE),
    // pl
    ("tydzień", WEEK),
    ("tygodnie", WEEK),
    ("tygodni", WEEK),
    ("tygodnia", WEEK),
    ("tyg", WEEK),
    ("dzień", DAY),
    ("dni", DAY),
    ("dnia", DAY),
    ("godzina", HOUR),
    ("godziny", HOUR),
    ("godzin", HOUR),
    ("godz", HOUR),
    // hi (फ़ with its dot below as two characters or as one, and without it)
    ("सप्ताह", WEEK),
    ("हफ़्ता", WEEK),
    ("हफ़्ते", WEEK),
    ("हफ़्ता", WEEK),
    ("हफ़्ते", WEEK),
    ("हफ्ता", WEEK),
    ("हफ्ते", WEEK),
    ("दिन", DAY),
    ("घंटा", HOUR),
    ("घंटे", HOUR),
    ("घण्टा", HOUR),
    ("घण्टे", HOUR),
    ("मिनट", MINUTE),
    // ur
    ("ہفتہ", WEEK),
    ("ہفتے", WEEK),
    ("دن", DAY),
    ("گھنٹہ", HOUR),
    ("گھنٹا", HOUR),
    ("گھنٹے", HOUR),
    ("منٹ", MINUTE),
    // ja, zh (Traditional and Simplified), ko
    ("週", WEEK),
    ("週間", WEEK),
    ("周", WEEK),
    ("星期", WEEK),
    ("個星期", WEEK),
    ("个星期", WEEK),
    ("주", WEEK),
    ("주일", WEEK),
    ("日", DAY),
    ("日間", DAY),
    ("天", DAY),
    ("일", DAY),
    ("일간", DAY),
    ("時間", HOUR),
    ("小時", HOUR),
    ("小时", HOUR),
    ("個小時", HOUR),
    ("个小时", HOUR),
    ("시간", HOUR),
    ("分", MINUTE),
    ("分間", MINUTE),
    ("分鐘", MINUTE),
    ("分钟", MINUTE),
    ("분", MINUTE),
];

/// "About 6 hours": the approximate length is the length.
const APPROX: &[&str] = &[
    "about",
    "approx",
    "approximately",
    "around",
    "ca",
    "circa",
    "some",
    "etwa",
    "ungefähr",
    "rund",
    "περίπου",
    "unas",
    "unos",
    "aproximadamente",
    "environ",
    "cerca",
    "přibližně",
    "asi",
    "zhruba",
    "близько",
    "приблизно",
    "حوالي",
    "تقريبا",
    "تقريباً",
    "حدود",
    "حدودا",
    "約",
    "约",
    "około",
    "ok",
    "लगभग",
    "करीब",
    "क़रीब",
    "تقریباً",
    "تقریبا",
    "تقریبًا",
    "大約",
    "大约",
    "およそ",
    "약",
];

/// Words that may join two parts ("1 hour and 30 minutes").
const JOINERS: &[&str] = &["and", "και", "y", "und", "et", "e", "a", "و", "і", "та", "i", "और", "اور"];

/// The duration in ISO 8601 (`PT1H30M`, `P2D`), or why it cannot be read.
pub fn to_iso8601(text: &str) -> Result<String, &'static str> {
    let trimmed = text.trim();
    if let Some(iso) = iso_form(trimmed) {
        return Ok(iso);
    }
    let digits: String = trimmed
        .chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '०'..='९' => char::from(b'0' + (c as u32 - '०' as u32) as u8),
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect();
    let lower = digits.to_lowercase();
    if lower.contains(['–', '—']) || lower.split_whitespace().any(|w| w.contains('-') && w.chars().any(|c| c.is_ascii_digit())) {
        return Err("a range cannot be a duration");
    }
    let mut seconds: f64 = 0.0;
    let mut pending: Option<f64> = None;
    let mut parts = 0;
    for token in tokens(&lower) {
        if let Ok(n) = token.replace(',', ".").parse::<f64>() {
            if pending.is_some() || !n.is_finite() || n < 0.0 {
                return Err("a number without a unit");
            }
            pending = Some(n);
        } else if let Some(&(_, unit)) = UNITS.iter().find(|(w, _)| *w == token.trim_end_matches('.')) {
            // "ساعتان" (two hours) carries its own number.
            let n = pending.take().unwrap_or(if unit == 2 * HOUR || unit == 2 * MINUTE { 1.0 } else { f64::NAN });
            if n.is_nan() {
                return Err("a unit without a number");
            }
            seconds += n * unit as f64;
            parts += 1;
        } else if pending.is_none() && ((APPROX.contains(&token.trim_end_matches('.')) && parts == 0) || (JOINERS.contains(&token.as_str()) && parts > 0)) {
            // "About 6 hours", "1 hour and 30 minutes".
            continue;
        } else {
            return Err("a word that is not a unit of time");
        }
    }
    if pending.is_some() {
        return Err("a number without a unit");
    }
    if parts == 0 || seconds <= 0.0 || seconds > 1e9 {
        return Err("no length of time");
    }
    Ok(format_iso(seconds.round() as u64))
}

/// Splits "1h30min, 2 days" into `1`, `h`, `30`, `min`, `2`, `days`: at spaces, and where
/// digits meet letters. A `.` or `,` after a digit belongs to the number ("1,5").
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_digit = false;
    for c in text.chars() {
        if c.is_whitespace() {
            out.push(std::mem::take(&mut cur));
            prev_digit = false;
            continue;
        }
        let numeric = c.is_ascii_digit() || (prev_digit && (c == '.' || c == ','));
        let cur_numeric = cur.chars().next().is_some_and(|f| f.is_ascii_digit());
        if !cur.is_empty() && numeric != cur_numeric {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
        prev_digit = c.is_ascii_digit();
    }
    out.push(cur);
    // "30," at the end of a part is a separator, not a decimal comma.
    out.into_iter().map(|t| t.trim_end_matches([',', '.']).to_string()).filter(|t| !t.is_empty()).collect()
}

/// `P…` as written, when it is a valid ISO 8601 duration (normalised to our form).
fn iso_form(text: &str) -> Option<String> {
    let upper = text.to_ascii_uppercase();
    let rest = upper.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, t),
        Some(_) => return None,
        None => (rest, ""),
    };
    let mut seconds = 0u64;
    let mut any = false;
    for (part, units) in [(date, &[('W', WEEK), ('D', DAY)][..]), (time, &[('H', HOUR), ('M', MINUTE), ('S', 1)][..])] {
        let mut num = String::new();
        let mut at = 0;
        for c in part.chars() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let pos = units.iter().position(|(u, _)| *u == c)?;
            if num.is_empty() || pos < at {
                return None;
            }
            seconds = seconds.checked_add(num.parse::<u64>().ok()?.checked_mul(units[pos].1)?)?;
            num.clear();
            at = pos + 1;
            any = true;
        }
        if !num.is_empty() {
            return None;
        }
    }
    (any && seconds > 0).then(|| format_iso(seconds))
}

fn format_iso(total: u64) -> String {
    let (days, rest) = (total / DAY, total % DAY);
    let (hours, rest) = (rest / HOUR, rest % HOUR);
    let (minutes, secs) = (rest / MINUTE, rest % MINUTE);
    let mut out = String::from("P");
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if hours + minutes + secs > 0 {
        out.push('T');
        for (n, u) in [(hours, 'H'), (minutes, 'M'), (secs, 'S')] {
            if n > 0 {
                out.push_str(&format!("{n}{u}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::to_iso8601;

    #[test]
    fn durations_in_several_languages() {
        for (text, iso) in [
            ("2 hours", "PT2H"),
            ("90 minutes", "PT1H30M"),
            ("1 h 30 min", "PT1H30M"),
            ("1h30min", "PT1H30M"),
            ("1.5 hours", "PT1H30M"),
            ("1,5 Stunden", "PT1H30M"),
            ("2 ώρες", "PT2H"),
            ("1 ώρα και 30 λεπτά", "PT1H30M"),
            ("45 minutos", "PT45M"),
            ("3 hodiny", "PT3H"),
            ("ساعتان", "PT2H"),
            ("٣ ساعات", "PT3H"),
            ("2 days", "P2D"),
            ("1 week", "P7D"),
            ("PT1H30M", "PT1H30M"),
            ("pt90m", "PT1H30M"),
            ("P1DT2H", "P1DT2H"),
            ("2 hours, 30 minutes", "PT2H30M"),
            ("About 6 hours", "PT6H"),
            ("Περίπου 6 ώρες", "PT6H"),
            ("Etwa 6 Stunden", "PT6H"),
            // ja, zh, ko: written without spaces, in full-width digits too.
            ("6時間", "PT6H"),
            ("約２時間", "PT2H"),
            ("1時間30分", "PT1H30M"),
            ("９０分間", "PT1H30M"),
            ("3日間", "P3D"),
            ("2週間", "P14D"),
            ("約3小時", "PT3H"),
            ("45分鐘", "PT45M"),
            ("2시간 30분", "PT2H30M"),
            ("약 3시간", "PT3H"),
            // pl, hi, ur: each plural form ("1 godzina", "2 godziny", "5 godzin", "1,5 godziny").
            ("1 godzina", "PT1H"),
            ("2 godziny", "PT2H"),
            ("5 godzin", "PT5H"),
            ("1,5 godziny", "PT1H30M"),
            ("90 minut", "PT1H30M"),
            ("1 godz. 30 min", "PT1H30M"),
            ("2 godziny i 15 minut", "PT2H15M"),
            ("około 3 godzin", "PT3H"),
            ("2 dni", "P2D"),
            ("1 tydzień", "P7D"),
            ("3 tygodnie", "P21D"),
            ("5 tygodni", "P35D"),
            ("1 घंटा", "PT1H"),
            ("2 घंटे", "PT2H"),
            ("30 मिनट", "PT30M"),
            ("१ घंटा ३० मिनट", "PT1H30M"),
            ("2 घंटे और 15 मिनट", "PT2H15M"),
            ("लगभग 6 घंटे", "PT6H"),
            ("3 दिन", "P3D"),
            ("2 सप्ताह", "P14D"),
            ("1 हफ़्ता", "P7D"),
            ("2 \u{939}\u{95e}\u{94d}\u{924}\u{947}", "P14D"),
            ("ok. 2 godziny", "PT2H"),
            ("1 گھنٹہ", "PT1H"),
            ("2 گھنٹے", "PT2H"),
            ("45 منٹ", "PT45M"),
            ("۱ گھنٹہ ۳۰ منٹ", "PT1H30M"),
            ("2 گھنٹے اور 15 منٹ", "PT2H15M"),
            ("تقریباً 6 گھنٹے", "PT6H"),
            ("3 دن", "P3D"),
            ("2 ہفتے", "P14D"),
        ] {
            assert_eq!(to_iso8601(text).as_deref(), Ok(iso), "{text}");
        }
    }

    #[test]
    fn what_cannot_be_a_duration() {
        for text in ["", "two hours", "2-3 hours", "2–3 hours", "2 hours about", "2", "hours", "PT", "P1H", "0 minutes", "self-paced"] {
            assert!(to_iso8601(text).is_err(), "{text}");
        }
    }
}
