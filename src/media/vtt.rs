//! WebVTT caption files: a validator and cue reader after the W3C WebVTT syntax
//! (<https://www.w3.org/TR/webvtt1/#file-structure>), pure `&str` in, [`Vtt`] out.
//!
//! Checked, with the line and column of each problem: the `WEBVTT` signature line and the
//! blank line after the header; NOTE, STYLE and REGION blocks (STYLE and REGION only before
//! the first cue); every cue's timing line (`[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt`, minutes and
//! seconds under 60, whitespace around the arrow, the end after the start, cues in order of
//! their start); cue settings (`vertical`, `line`, `position`, `size`, `align`, `region`,
//! each once, with a valid value); and cue text (no `-->`, only the cue tags WebVTT knows).
//! Everything is reported at once; the cues read are kept for transcripts and the page.

/// One cue: times in milliseconds, the payload as written (cue tags kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub id: String,
    pub start: u64,
    pub end: u64,
    pub settings: String,
    pub text: String,
    /// The line of the timing line (1-based).
    pub line: usize,
}

/// A problem in a caption file (1-based line and column, columns in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VttError {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vtt {
    pub cues: Vec<Cue>,
    pub errors: Vec<VttError>,
}

/// At most this many errors are reported per file (a file that is not WebVTT at all would
/// otherwise give one per line).
const MAX_ERRORS: usize = 50;

/// Parses and validates a caption file's text (a leading BOM is allowed).
pub fn parse(text: &str) -> Vtt {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = split_lines(text);
    let mut out = Vtt::default();
    let err = |out: &mut Vtt, line: usize, col: usize, message: String, hint: &str| {
        if out.errors.len() < MAX_ERRORS {
            out.errors.push(VttError { line, col, message, hint: hint.to_string() });
        }
    };
    let first = lines.first().copied().unwrap_or("");
    let signature_ok = first.strip_prefix("WEBVTT").is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    if !signature_ok {
        err(&mut out, 1, 1, "a WebVTT file must start with the line `WEBVTT`".into(), "make `WEBVTT` the first line, then a blank line, then the cues");
        return out;
    }
    // The header: lines up to the first blank one.
    let mut i = 1;
    while i < lines.len() && !lines[i].is_empty() {
        if lines[i].contains("-->") {
            err(&mut out, i + 1, 1, "a blank line must follow the `WEBVTT` header".into(), "insert an empty line before the first cue");
            break;
        }
        i += 1;
    }
    let mut seen_cue = false;
    let mut last_start = 0u64;
    while i < lines.len() {
        if lines[i].is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].is_empty() {
            i += 1;
        }
        let block = &lines[start..i];
        let head = block[0];
        let kind = ["NOTE", "STYLE", "REGION"].into_iter().find(|k| head.strip_prefix(k).is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t'])));
        if let Some(kind) = kind.filter(|_| !head.contains("-->")) {
            if kind != "NOTE" && seen_cue {
                let message = format!("a {kind} block must come before the first cue");
                err(&mut out, start + 1, 1, message, "move it up, right after the header");
            }
            if let Some(at) = block.iter().position(|l| l.contains("-->")) {
                let message = format!("a {kind} block cannot contain `-->`");
                err(&mut out, start + at + 1, col_of(block[at], "-->"), message, "is a blank line missing before the next cue?");
            }
            continue;
        }
        // A cue: an optional identifier, the timing line, the payload.
        let (id, timing_at) = if head.contains("-->") { (String::new(), 0) } else { (head.to_string(), 1) };
        let Some(timing) = block.get(timing_at).filter(|l| l.contains("-->")) else {
            let line = start + timing_at.min(block.len() - 1) + 1;
            err(
                &mut out,
                line,
                1,
                "expected a cue timing line such as `00:00:01.000 --> 00:00:04.000`".into(),
                "each cue is an optional name, a timing line, then its text; cues are separated by blank lines",
            );
            continue;
        };
        let line = start + timing_at + 1;
        seen_cue = true;
        let before = out.errors.len();
        let cue = match parse_timing(timing) {
            Ok((s, e, settings)) => {
                if e <= s {
                    err(&mut out, line, 1, "the cue ends before it starts (or when it starts)".into(), "the second time must be later than the first");
                }
                if s < last_start {
                    err(
                        &mut out,
                        line,
                        1,
                        format!("this cue starts at {} but the cue before it starts later", format_time(s)),
                        "order the cues by their start time",
                    );
                }
                last_start = last_start.max(s);
                if let Err((col, message, hint)) = check_settings(settings) {
                    let col = col + timing.chars().count() - settings.chars().count();
                    err(&mut out, line, col, message, hint);
                }
                Some(Cue { id, start: s, end: e, settings: settings.to_string(), text: String::new(), line })
            }
            Err((col, message, hint)) => {
                err(&mut out, line, col, message, hint);
                None
            }
        };
        let mut payload = Vec::new();
        for (k, text) in block.iter().enumerate().skip(timing_at + 1) {
            if text.contains("-->") {
                err(&mut out, start + k + 1, col_of(text, "-->"), "a cue's text cannot contain `-->`".into(), "is a blank line missing before this cue?");
            } else if let Err((col, message)) = check_cue_text(text) {
                err(&mut out, start + k + 1, col, message, "write `<` as `&lt;` and `&` as `&amp;`; cue tags are c, i, b, u, v, lang, ruby, rt");
            }
            payload.push(*text);
        }
        if let Some(mut cue) = cue {
            if out.errors.len() == before {
                cue.text = payload.join("\n");
                out.cues.push(cue);
            }
        }
    }
    out
}

/// Lines split at CRLF, LF or CR, as WebVTT defines them.
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['\r', '\n']) {
        lines.push(&rest[..i]);
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    if !rest.is_empty() {
        lines.push(rest);
    }
    lines
}

fn col_of(line: &str, needle: &str) -> usize {
    line.find(needle).map_or(1, |b| line[..b].chars().count() + 1)
}

type LineError = (usize, String, &'static str);

const TIME_HINT: &str = "write times as mm:ss.ttt or hh:mm:ss.ttt, e.g. 00:01:02.500 (three digits after the dot)";

/// `start --> end settings` → (start ms, end ms, settings), or an error with its column.
fn parse_timing(line: &str) -> Result<(u64, u64, &str), LineError> {
    let arrow = line.find("-->").unwrap_or(0);
    let (left, right) = (&line[..arrow], &line[arrow + 3..]);
    let arrow_col = line[..arrow].chars().count() + 1;
    let space = |c: char| c == ' ' || c == '\t';
    if !left.ends_with(space) || !right.starts_with(space) {
        return Err((arrow_col, "the arrow `-->` needs a space on each side".into(), TIME_HINT));
    }
    let start_text = left.trim_matches(space);
    let lead = left.chars().take_while(|&c| space(c)).count();
    let start = parse_time(start_text).map_err(|m| (lead + 1, m, TIME_HINT))?;
    let right_trim = right.trim_start_matches(space);
    let end_col = arrow_col + 3 + (right.chars().count() - right_trim.chars().count());
    let end_len = right_trim.find(space).unwrap_or(right_trim.len());
    let end = parse_time(&right_trim[..end_len]).map_err(|m| (end_col, m, TIME_HINT))?;
    Ok((start, end, right_trim[end_len..].trim_start_matches(space)))
}

/// `[hh:]mm:ss.ttt` → milliseconds.
pub fn parse_time(text: &str) -> Result<u64, String> {
    let bad = || format!("`{text}` is not a WebVTT time");
    let (clock, frac) = text.split_once('.').ok_or_else(bad)?;
    if frac.len() != 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{text}`: the milliseconds must be exactly three digits"));
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().all(|p| digits(p)) {
        return Err(bad());
    }
    let (h, m, s) = match parts.as_slice() {
        [m, s] => ("0", *m, *s),
        [h, m, s] if h.len() >= 2 => (*h, *m, *s),
        [_, _, _] => return Err(format!("`{text}`: hours must have at least two digits")),
        _ => return Err(bad()),
    };
    if m.len() != 2 || s.len() != 2 {
        return Err(format!("`{text}`: minutes and seconds must have two digits"));
    }
    let num = |p: &str| p.parse::<u64>().map_err(|_| bad());
    let (h, m, s, ms) = (num(h)?, num(m)?, num(s)?, num(frac)?);
    if m > 59 || s > 59 {
        return Err(format!("`{text}`: minutes and seconds go up to 59"));
    }
    h.checked_mul(3_600_000).and_then(|h| h.checked_add(m * 60_000 + s * 1000 + ms)).ok_or_else(bad)
}

/// `1:02:03.500` style, for messages and transcripts (hours only when there are some).
pub fn format_time(ms: u64) -> String {
    let s = ms / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Cue settings: each `name:value` known, valid and given once. Column is 1-based in `settings`.
fn check_settings(settings: &str) -> Result<(), LineError> {
    let mut seen: Vec<&str> = Vec::new();
    let mut col = 1;
    for word in settings.split([' ', '\t']) {
        let here = col;
        col += word.chars().count() + 1;
        if word.is_empty() {
            continue;
        }
        let Some((name, value)) = word.split_once(':').filter(|(n, v)| !n.is_empty() && !v.is_empty()) else {
            return Err((here, format!("`{word}` is not a cue setting"), "cue settings are written name:value, e.g. `line:90%` or `align:start`"));
        };
        if seen.contains(&name) {
            return Err((here, format!("the cue setting `{name}` is given twice"), "give each setting once"));
        }
        seen.push(name);
        let ok = match name {
            "vertical" => matches!(value, "rl" | "lr"),
            "line" => {
                let (v, align) = value.split_once(',').map_or((value, None), |(v, a)| (v, Some(a)));
                (is_percentage(v) || is_line_number(v)) && align.is_none_or(|a| matches!(a, "start" | "center" | "end"))
            }
            "position" => {
                let (v, align) = value.split_once(',').map_or((value, None), |(v, a)| (v, Some(a)));
                is_percentage(v) && align.is_none_or(|a| matches!(a, "line-left" | "center" | "line-right"))
            }
            "size" => is_percentage(value),
            "align" => matches!(value, "start" | "center" | "end" | "left" | "right"),
            "region" => !value.contains("-->"),
            _ => return Err((here, format!("unknown cue setting `{name}`"), "WebVTT knows vertical, line, position, size, align and region")),
        };
        if !ok {
            let hint = match name {
                "vertical" => "use `vertical:rl` or `vertical:lr`",
                "line" => "use a line number (`line:-1`) or a percentage (`line:90%`), optionally `,start`, `,center` or `,end`",
                "position" => "use a percentage (`position:10%`), optionally `,line-left`, `,center` or `,line-right`",
                "size" => "use a percentage from 0% to 100%",
                "align" => "use start, center, end, left or right",
                _ => "remove the setting",
            };
            return Err((here, format!("`{word}` is not a valid `{name}` setting"), hint));
        }
    }
    Ok(())
}

/// `0%` … `100%`, digits with an optional decimal part.
fn is_percentage(v: &str) -> bool {
    let Some(num) = v.strip_suffix('%') else { return false };
    let (int, frac) = num.split_once('.').map_or((num, None), |(i, f)| (i, Some(f)));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits) && num.parse::<f64>().is_ok_and(|n| (0.0..=100.0).contains(&n))
}

/// An integer line number, possibly negative.
fn is_line_number(v: &str) -> bool {
    let digits = v.strip_prefix('-').unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Cue text: every `<` opens a known cue tag or an inner timestamp; `&` starts an entity
/// or stands alone. Returns the column (1-based) of the first problem.
fn check_cue_text(line: &str) -> Result<(), (usize, String)> {
    let mut rest = line;
    let mut offset = 0;
    while let Some(i) = rest.find('<') {
        let at = offset + i;
        let col = line[..at].chars().count() + 1;
        let Some(end) = rest[i..].find('>') else {
            return Err((col, "`<` opens a cue tag that is never closed with `>`".into()));
        };
        let tag = &rest[i + 1..i + end];
        let name = tag.trim_start_matches('/').split(['.', ' ', '\t']).next().unwrap_or("");
        let known = matches!(name, "c" | "i" | "b" | "u" | "v" | "lang" | "ruby" | "rt") || (!tag.starts_with('/') && parse_time(tag).is_ok());
        if !known {
            return Err((col, format!("`<{tag}>` is not a WebVTT cue tag")));
        }
        offset = at + end + 1;
        rest = &line[offset..];
    }
    Ok(())
}

/// A cue's plain text: tags removed, entities decoded; the voice (`<v Name>`) returned apart.
pub fn plain_text(payload: &str) -> (Option<String>, String) {
    let mut voice = None;
    let mut text = String::with_capacity(payload.len());
    let mut rest = payload;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        let Some(end) = rest[i..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[i + 1..i + end];
        if let Some(annotation) = tag.strip_prefix('v').filter(|t| t.starts_with([' ', '\t', '.'])) {
            let name = annotation.split_once([' ', '\t']).map_or("", |(_, n)| n).trim();
            if voice.is_none() && !name.is_empty() {
                voice = Some(decode_entities(name));
            }
        }
        rest = &rest[i + end + 1..];
    }
    text.push_str(rest);
    let text = decode_entities(&text).split_whitespace().collect::<Vec<_>>().join(" ");
    (voice, text)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u{a0}").replace("&lrm;", "\u{200e}").replace("&rlm;", "\u{200f}").replace("&amp;", "&")
}

#[cfg(test)]
mod tests;
