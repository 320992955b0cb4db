//! Videos on YouTube, Vimeo and PeerTube, privacy first: a ```` ```video ```` block becomes a
//! placeholder (title, duration, platform, a "Play on <platform>" link to the platform's own
//! page, the transcript) that requests nothing from the platform: no iframe, no thumbnail.
//!
//! ````markdown
//! ```video
//! url: https://www.youtube.com/watch?v=abc123
//! title: Intercultural mediation at the counter
//! duration: 45 min
//! transcript: mediation-webinar.md
//! ```
//! ````

use super::player::MediaLabels;
use crate::escape::{escape_html, ui_attrs, Mixed};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct External {
    pub platform: &'static str,
    /// The platform's page for the video (embed addresses turned into watch pages).
    pub url: String,
    pub title: String,
    pub duration: Option<String>,
    /// As written; resolved like a Markdown link.
    pub transcript: Option<String>,
}

/// A problem on line `line` (0-based) of the block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockError {
    pub line: usize,
    pub message: String,
    pub hint: String,
}

const KEYS: &[&str] = &["url", "title", "duration", "transcript", "platform"];
const PLATFORMS: &[&str] = &["YouTube", "Vimeo", "PeerTube"];

/// Reads a ```` ```video ```` block's `key: value` lines.
pub fn parse(block: &str) -> Result<External, Vec<BlockError>> {
    let mut errors = Vec::new();
    let mut values: Vec<(&str, String, usize)> = Vec::new();
    for (i, line) in block.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':').filter(|(k, _)| !k.contains(' ')) else {
            errors.push(BlockError { line: i, message: format!("`{line}` is not a `key: value` line"), hint: "write e.g. `title: Our webinar`".into() });
            continue;
        };
        let key = key.trim();
        if !KEYS.contains(&key) {
            let hint = match crate::diagnostics::suggest(key, KEYS) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("a video block knows {}", KEYS.join(", ")),
            };
            errors.push(BlockError { line: i, message: format!("unknown key `{key}` in a video block"), hint });
            continue;
        }
        if values.iter().any(|(k, _, _)| *k == key) {
            errors.push(BlockError { line: i, message: format!("`{key}` is given twice"), hint: "give each key once".into() });
            continue;
        }
        values.push((key, value.trim().trim_matches('"').to_string(), i));
    }
    let get = |k: &str| values.iter().find(|(key, _, _)| *key == k).map(|(_, v, l)| (v.clone(), *l)).filter(|(v, _)| !v.is_empty());
    let last = block.lines().count().saturating_sub(1);
    let title = get("title");
    if title.is_none() {
        errors.push(BlockError { line: last, message: "a video block needs a `title:`".into(), hint: "name the video: the placeholder shows it".into() });
    }
    let platform_given = match get("platform") {
        Some((p, line)) => match PLATFORMS.iter().find(|k| k.eq_ignore_ascii_case(&p)) {
            Some(k) => Some(*k),
            None => {
                errors.push(BlockError { line, message: format!("unknown platform `{p}`"), hint: "kyklos knows YouTube, Vimeo and PeerTube".into() });
                None
            }
        },
        None => None,
    };
    let mut found = None;
    match get("url") {
        None => errors.push(BlockError {
            line: last,
            message: "a video block needs a `url:`".into(),
            hint: "give the address of the video's page, e.g. `url: https://www.youtube.com/watch?v=…`".into(),
        }),
        Some((url, line)) => match platform_of(&url, platform_given) {
            Ok(ok) => found = Some(ok),
            Err((message, hint)) => errors.push(BlockError { line, message, hint }),
        },
    }
    match (found, title, errors.is_empty()) {
        (Some((platform, url)), Some((title, _)), true) => {
            Ok(External { platform, url, title, duration: get("duration").map(|d| d.0), transcript: get("transcript").map(|t| t.0) })
        }
        _ => Err(errors),
    }
}

/// The platform of a video address and the address of its page on the platform.
pub fn platform_of(url: &str, given: Option<&'static str>) -> Result<(&'static str, String), (String, String)> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Err((format!("`{url}` is not an https:// address"), "copy the address from the browser's address bar on the video's page".into()));
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let bad_char = |s: &str| s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'));
    if host.is_empty() || bad_char(rest) || host.contains('@') {
        return Err((format!("`{url}` is not a valid address"), "copy the address from the browser's address bar on the video's page".into()));
    }
    let bare = host.trim_start_matches("www.").trim_start_matches("m.");
    let query_value = |key: &str| {
        path.split_once('?').and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))).map(str::to_string)
    };
    let id_ok = |id: &str| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    let platform = match given {
        Some(p) => p,
        None => match bare {
            "youtube.com" | "youtu.be" | "youtube-nocookie.com" => "YouTube",
            "vimeo.com" | "player.vimeo.com" => "Vimeo",
            _ if path.starts_with("w/") || path.starts_with("videos/watch/") || path.starts_with("videos/embed/") => "PeerTube",
            _ => {
                return Err((
                    format!("`{host}` is not a video platform kyklos knows"),
                    "use a YouTube, Vimeo or PeerTube address; for a PeerTube instance with other addresses add `platform: PeerTube`".into(),
                ))
            }
        },
    };
    let page = match (platform, bare) {
        ("YouTube", "youtu.be") => path.split(['?', '#']).next().map(|id| format!("https://www.youtube.com/watch?v={id}")),
        ("YouTube", _) if path.starts_with("watch") => query_value("v").map(|id| format!("https://www.youtube.com/watch?v={id}")),
        ("YouTube", _) => path
            .strip_prefix("embed/")
            .or(path.strip_prefix("shorts/"))
            .or(path.strip_prefix("live/"))
            .and_then(|p| p.split(['?', '#', '/']).next())
            .map(|id| format!("https://www.youtube.com/watch?v={id}")),
        ("Vimeo", "player.vimeo.com") => path.strip_prefix("video/").and_then(|p| p.split(['?', '#', '/']).next()).map(|id| format!("https://vimeo.com/{id}")),
        ("Vimeo", _) => {
            path.split(['?', '#']).next().filter(|p| p.split('/').any(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))).map(|_| url.to_string())
        }
        (_, _) => match path.strip_prefix("videos/embed/") {
            Some(id) => Some(format!("https://{host}/w/{}", id.split(['?', '#']).next().unwrap_or(id))),
            None => Some(url.to_string()),
        },
    };
    let id_of = |p: &str| p.rsplit(['=', '/']).next().unwrap_or("").to_string();
    match page {
        Some(p) if platform == "PeerTube" || id_ok(&id_of(&p)) => Ok((platform, p)),
        _ => Err((
            format!("`{url}` is not the address of one {platform} video"),
            match platform {
                "YouTube" => "use the video's own address, e.g. https://www.youtube.com/watch?v=… or https://youtu.be/…",
                _ => "use the video's own address, e.g. https://vimeo.com/123456789",
            }
            .into(),
        )),
    }
}

/// The placeholder's HTML. `transcript` is the resolved href of the transcript, if any. With
/// `mixed` the text around it is in another language than the page: the interface words
/// carry the page's language, the title and duration (the author's words) the text's.
pub fn render(v: &External, transcript: Option<&str>, labels: &MediaLabels, mixed: Option<&Mixed>) -> String {
    let fill = |s: &str| escape_html(&s.replace("{platform}", v.platform));
    let ui = ui_attrs(mixed);
    // An interface word beside the author's: in a span of its own only where the languages
    // differ (the label's own language when the page's language lacks it).
    let word = |name: &str, text: String| labels.span(name, mixed, text);
    // A line of interface words: the element carries the page's language in a text of another;
    // a label another language's is marked on a span inside, so the line keeps its side.
    let line = |name: &str, text: String| -> (String, String) {
        if labels.other.iter().any(|(n, _)| *n == name) {
            (String::new(), word(name, text))
        } else {
            (ui.clone(), text)
        }
    };
    let mut h = String::from("<figure class=\"media media-external\">\n<div class=\"external-video\">\n");
    let (attrs, text) = line("video_on", fill(&labels.video_on));
    h.push_str(&format!("<p class=\"external-platform\"{attrs}>{text}</p>\n"));
    h.push_str(&format!("<figcaption class=\"external-title\">{}</figcaption>\n", escape_html(&v.title)));
    if let Some(d) = &v.duration {
        h.push_str(&format!("<p class=\"external-duration\">{}: {}</p>\n", word("duration", escape_html(&labels.duration)), escape_html(d)));
    }
    h.push_str(&format!(
        "<p><a class=\"button external-play\" href=\"{}\" rel=\"external noopener noreferrer\"><span aria-hidden=\"true\">▶</span>{}<span class=\"visually-hidden\">: {}</span></a></p>\n",
        escape_html(&v.url),
        word("play_on", fill(&labels.play_on)),
        escape_html(&v.title)
    ));
    let (attrs, text) = line("privacy", fill(&labels.privacy));
    h.push_str(&format!("<p class=\"external-privacy\"{attrs}>{text}</p>\n"));
    if let Some(t) = transcript {
        let (attrs, text) = line("read_transcript", escape_html(&labels.read_transcript));
        h.push_str(&format!("<p><a class=\"external-transcript\" href=\"{}\"{attrs}>{text}</a></p>\n", escape_html(t)));
    }
    h.push_str("</div>\n</figure>\n");
    h
}
