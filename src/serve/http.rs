//! The preview's HTTP side (hyper on a single-threaded tokio runtime): GET and HEAD of the
//! in-memory site, the reload script, the server-sent events that reload open pages, and
//! bounded use of the machine: at most [`conns::MAX_CONNECTIONS`] open connections (idle ones
//! make room for new clients, see [`conns`]), request heads of at most [`MAX_HEAD`] bytes and
//! [`MAX_HEADERS`] headers, read within [`HEAD_TIMEOUT`].

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{combinators::BoxBody, BodyExt, Channel, Empty, Full};
use hyper::body::{Bytes, Frame, Incoming};
use hyper::header::{HeaderValue, ALLOW, CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::conns::{self, Guarded, Pool};
use super::paths::{self, Lookup, Refused};
use super::state::{State, Status};
use crate::output::Stored;

/// Request line and headers together (hyper's smallest buffer; answers 431 beyond it).
pub const MAX_HEAD: usize = 8192;
pub const MAX_HEADERS: usize = 32;
/// A request head (or the next one on a kept-alive connection) must arrive within this.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Open pages are pinged this often so closed tabs free their connection.
const PING: Duration = Duration::from_secs(15);

const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

type Body = BoxBody<Bytes, std::io::Error>;

/// Serves until the future is dropped (on Ctrl+C).
pub async fn run(listener: std::net::TcpListener, state: Arc<State>, instance: u64) -> std::io::Result<()> {
    let listener = TcpListener::from_std(listener)?;
    let pool = Arc::new(Pool::default());
    loop {
        let (mut stream, _) = match listener.accept().await {
            Ok(s) => s,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await; // e.g. out of file handles
                continue;
            }
        };
        let Some(conn) = pool.admit() else {
            tokio::spawn(async move {
                let _ = tokio::time::timeout(HEAD_TIMEOUT, stream.write_all(conns::FULL)).await;
            });
            continue;
        };
        let (state, pool) = (state.clone(), pool.clone());
        tokio::spawn(async move {
            let (in_service, pool_in_service) = (conn.clone(), pool.clone());
            let service = hyper::service::service_fn(move |req| {
                let busy = pool_in_service.busy(&in_service);
                let state = state.clone();
                async move { Ok::<_, Infallible>(respond(req, state, instance).await.map(|body| Guarded { body, busy }.boxed())) }
            });
            let serving = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .max_headers(MAX_HEADERS)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = serving => {}
                _ = conn.closed() => {}
            }
            pool.leave(&conn);
        });
    }
}

async fn respond(req: Request<Incoming>, state: Arc<State>, instance: u64) -> Response<Body> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        r.headers_mut().insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let path = req.uri().path().to_string();
    let range = req.headers().get(hyper::header::RANGE).and_then(|v| v.to_str().ok()).map(str::to_string);
    match path.as_str() {
        "/__kyklos/reload.js" => return file(StatusCode::OK, "text/javascript; charset=utf-8", Bytes::from_static(RELOAD_JS.as_bytes())),
        "/__kyklos/overlay.css" => return file(StatusCode::OK, "text/css; charset=utf-8", Bytes::from_static(OVERLAY_CSS.as_bytes())),
        "/__kyklos/events" => return events(&state, instance),
        _ => {}
    }
    if wants_packages(&path) && !state.packaged() {
        let s = state.clone();
        let _ = tokio::task::spawn_blocking(move || s.rebuild(true, true, None)).await;
    }
    let files = state.files();
    let build = state.status.borrow().build;
    match paths::lookup(&files, &path) {
        Err(Refused::TooLong) => text(StatusCode::URI_TOO_LONG, "the address is too long\n"),
        Err(Refused::Malformed(why)) => text(StatusCode::BAD_REQUEST, &format!("bad request: {why}\n")),
        Ok(Lookup::Redirect(to)) => {
            let mut r = text(StatusCode::MOVED_PERMANENTLY, "");
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(LOCATION, v);
            }
            r
        }
        Ok(Lookup::NotFound) => {
            // The site's own 404.html when it has one, as a static host shows it.
            let page = match files.get("404.html") {
                Some(Stored::Bytes(b)) => from_the_root(&String::from_utf8_lossy(b)),
                _ => not_found_page(&path, &files),
            };
            let html = inject(&page, build, instance);
            file(StatusCode::NOT_FOUND, "text/html; charset=utf-8", Bytes::from(html))
        }
        Ok(Lookup::File(key)) => {
            let kind = paths::content_type(&key);
            match files.get(&key) {
                Some(Stored::Bytes(b)) if kind.starts_with("text/html") => {
                    let html = inject(&String::from_utf8_lossy(b), build, instance);
                    file(StatusCode::OK, kind, Bytes::from(html))
                }
                Some(Stored::Bytes(b)) => file(StatusCode::OK, kind, Bytes::copy_from_slice(b)),
                Some(Stored::File(source)) => stream_file(source.clone(), kind, range.as_deref()).await,
                None => text(StatusCode::NOT_FOUND, "not found\n"),
            }
        }
    }
}

/// The Downloads page and what it offers (packages, question banks) are built on request
/// (unless `--packages`).
fn wants_packages(path: &str) -> bool {
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let (_lang, rest) = (parts.next(), parts.next().unwrap_or(""));
    rest == "downloads.html" || (rest.starts_with("downloads/") && rest.len() > "downloads/".len())
}

/// Adds the reload script to a served page (never to built files): a file, not an inline
/// script, so the page's Content-Security-Policy holds.
pub fn inject(html: &str, build: u64, instance: u64) -> String {
    let tag = format!("<script src=\"/__kyklos/reload.js\" data-build=\"{build}\" data-instance=\"{instance}\" defer></script>\n");
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    }
}

/// The site's 404 page with its addresses made to start at the preview's root: shown at any
/// depth, its relative addresses (no `base_url`) would resolve against the missing page's
/// folder, and with `base_url` they start at its path (`/course/`), which the preview serves
/// at `/`. The page names that start in its body's `data-root`.
fn from_the_root(html: &str) -> String {
    let root = html.split_once(" data-root=\"").and_then(|(_, rest)| rest.split_once('"')).map_or("", |(r, _)| r);
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = [" href=\"", " src=\""].iter().filter_map(|a| rest.find(a).map(|i| i + a.len())).min() {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let value = &rest[..rest.find('"').unwrap_or(rest.len())];
        let relative = !value.starts_with(['/', '#']) && !value.split('/').next().unwrap_or("").contains(':');
        if !root.is_empty() && value.starts_with(root) {
            out.push('/');
            rest = &rest[root.len()..];
        } else if root.is_empty() && relative {
            out.push('/');
        }
    }
    out.push_str(rest);
    out
}

fn not_found_page(path: &str, files: &crate::output::Files) -> String {
    let shown = crate::markdown::escape_html(path);
    let homes: String = files
        .keys()
        .filter_map(|k| k.strip_suffix("/index.html").filter(|l| !l.contains('/')))
        .map(|l| format!("<li><a href=\"/{l}/\">{l}/</a></li>"))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Not found</title><link rel=\"stylesheet\" href=\"/__kyklos/overlay.css\"></head>\n<body class=\"kyklos-serve-404\"><main>\
<h1>Nothing at <code>{shown}</code></h1><p>The preview has no page at this address. It may have been renamed or removed, or the \
last build failed before making it. This page reloads by itself when the page appears.</p>\
<p><a href=\"/\">The site's start page</a></p><ul>{homes}</ul></main></body></html>\n"
    )
}

/// A stream of status events for one open page; see `reload.js`.
fn events(state: &State, instance: u64) -> Response<Body> {
    let (mut tx, body) = Channel::<Bytes, std::io::Error>::new(4);
    let mut rx = state.status.subscribe();
    tokio::spawn(async move {
        let message = |s: &Status| {
            let json = serde_json::json!({"instance": instance, "build": s.build, "changed": s.changed, "errors": s.errors});
            Bytes::from(format!("event: status\ndata: {json}\n\n"))
        };
        let first = message(&rx.borrow_and_update());
        if tx.send_data(first).await.is_err() {
            return;
        }
        loop {
            let next = tokio::select! {
                changed = rx.changed() => match changed {
                    Ok(()) => message(&rx.borrow_and_update()),
                    Err(_) => return,
                },
                _ = tokio::time::sleep(PING) => Bytes::from_static(b": ping\n\n"),
            };
            if tx.send_data(next).await.is_err() {
                return;
            }
        }
    });
    let mut r = Response::new(body.boxed());
    r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    r.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// A media file copied from the site, streamed in chunks (never whole in memory). A `Range:
/// bytes=…` request (how browsers seek in video and audio) gets that part, 206.
async fn stream_file(source: std::path::PathBuf, kind: &'static str, range: Option<&str>) -> Response<Body> {
    use tokio::io::AsyncSeekExt;
    // Still a regular file of the site (not replaced by a link since the build)?
    if crate::files::probe(&source).is_err() {
        return text(StatusCode::NOT_FOUND, "the file is gone\n");
    }
    let Ok(mut f) = tokio::fs::File::open(&source).await else { return text(StatusCode::NOT_FOUND, "the file is gone\n") };
    let len = f.metadata().await.map(|m| m.len()).unwrap_or(0);
    let parsed = range.map(|r| parse_range(r, len));
    let (start, end) = match parsed {
        None | Some(RangeRequest::Ignore) => (0, len),
        Some(RangeRequest::Part(a, b)) => (a, b + 1),
        Some(RangeRequest::Unsatisfiable) => {
            let mut r = text(StatusCode::RANGE_NOT_SATISFIABLE, "the range is outside the file\n");
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{len}")) {
                r.headers_mut().insert(hyper::header::CONTENT_RANGE, v);
            }
            return r;
        }
    };
    if start > 0 && f.seek(std::io::SeekFrom::Start(start)).await.is_err() {
        return text(StatusCode::NOT_FOUND, "the file is gone\n");
    }
    let (mut tx, body) = Channel::<Bytes, std::io::Error>::new(2);
    tokio::spawn(async move {
        let mut buf = vec![0u8; 64 * 1024];
        let mut left = end - start;
        while left > 0 {
            let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            match f.read(&mut buf[..want]).await {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    left -= n as u64;
                    if tx.send(Frame::data(Bytes::copy_from_slice(&buf[..n]))).await.is_err() {
                        return;
                    }
                }
            }
        }
    });
    let mut r = Response::new(body.boxed());
    headers(&mut r, kind);
    let h = r.headers_mut();
    h.insert(hyper::header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Ok(v) = HeaderValue::from_str(&(end - start).to_string()) {
        h.insert(hyper::header::CONTENT_LENGTH, v);
    }
    if matches!(parsed, Some(RangeRequest::Part(..))) {
        *r.status_mut() = StatusCode::PARTIAL_CONTENT;
        if let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{}/{len}", end.saturating_sub(1))) {
            r.headers_mut().insert(hyper::header::CONTENT_RANGE, v);
        }
    }
    r
}

/// What a `Range` header asks of a file of `len` bytes.
#[derive(Debug, PartialEq, Eq)]
enum RangeRequest {
    /// Bytes `a..=b`.
    Part(u64, u64),
    /// A well-formed range that lies outside the file: 416.
    Unsatisfiable,
    /// Not a single byte range (several ranges, other units, garbage): the whole file.
    Ignore,
}

/// One `bytes=a-b`, `bytes=a-` or `bytes=-n` range (RFC 9110, 14.1.2); anything else is ignored.
fn parse_range(header: &str, len: u64) -> RangeRequest {
    let Some(spec) = header.trim().strip_prefix("bytes=") else { return RangeRequest::Ignore };
    if spec.contains(',') {
        return RangeRequest::Ignore;
    }
    let Some((a, b)) = spec.trim().split_once('-') else { return RangeRequest::Ignore };
    let num = |s: &str| if !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()) { s.parse::<u64>().ok() } else { None };
    match (num(a), num(b), a.is_empty(), b.is_empty()) {
        (Some(a), _, _, true) if a < len => RangeRequest::Part(a, len - 1),
        (Some(a), Some(b), _, _) if a <= b && a < len => RangeRequest::Part(a, b.min(len - 1)),
        (Some(a), Some(b), _, _) if a <= b => RangeRequest::Unsatisfiable,
        (Some(_), _, _, true) => RangeRequest::Unsatisfiable,
        (None, Some(n), true, _) if n > 0 && len > 0 => RangeRequest::Part(len.saturating_sub(n), len - 1),
        (None, Some(_), true, _) => RangeRequest::Unsatisfiable,
        _ => RangeRequest::Ignore,
    }
}

fn file(status: StatusCode, kind: &'static str, bytes: Bytes) -> Response<Body> {
    let body = if bytes.is_empty() { Empty::new().map_err(|e| match e {}).boxed() } else { Full::new(bytes).map_err(|e| match e {}).boxed() };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    headers(&mut r, kind);
    r
}

fn text(status: StatusCode, message: &str) -> Response<Body> {
    file(status, "text/plain; charset=utf-8", Bytes::from(message.to_string()))
}

fn headers(r: &mut Response<Body>, kind: &'static str) {
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let html = inject("<html><body><p>x</p></body></html>", 3, 9);
        assert_eq!(html, "<html><body><p>x</p><script src=\"/__kyklos/reload.js\" data-build=\"3\" data-instance=\"9\" defer></script>\n</body></html>");
        assert!(inject("<p>no body</p>", 0, 0).ends_with("defer></script>\n"));
    }

    #[test]
    fn packages_are_wanted_for_the_downloads_page_and_zips() {
        assert!(wants_packages("/en/downloads.html"));
        assert!(wants_packages("/el/downloads/course-mod-scorm12.zip"));
        assert!(wants_packages("/el/downloads/questions-el-moodle.xml"));
        assert!(!wants_packages("/en/course/downloads.html"));
        assert!(!wants_packages("/en/index.html"));
    }

    #[test]
    fn byte_ranges_are_read_as_rfc_9110_says() {
        use RangeRequest::*;
        assert_eq!(parse_range("bytes=0-99", 1000), Part(0, 99));
        assert_eq!(parse_range("bytes=500-", 1000), Part(500, 999));
        assert_eq!(parse_range("bytes=-100", 1000), Part(900, 999));
        assert_eq!(parse_range("bytes=-5000", 1000), Part(0, 999));
        assert_eq!(parse_range("bytes=900-5000", 1000), Part(900, 999));
        assert_eq!(parse_range("bytes=1000-", 1000), Unsatisfiable);
        assert_eq!(parse_range("bytes=1000-1001", 1000), Unsatisfiable);
        assert_eq!(parse_range("bytes=-0", 1000), Unsatisfiable);
        for ignored in ["bytes=5-1", "bytes=0-1,5-9", "items=0-1", "bytes=a-b", "bytes=", "bytes=-", "bytes=+1-2"] {
            assert_eq!(parse_range(ignored, 1000), Ignore, "{ignored}");
        }
    }

    #[test]
    fn the_sites_404_page_is_served_with_addresses_from_the_root() {
        let relative =
            r##"<link href="static/kyklos.css"><body data-root=""><a href="en/index.html">x</a> <a href="https://x.org/l">l</a> <a href="#main">m</a>"##;
        assert_eq!(
            from_the_root(relative),
            r##"<link href="/static/kyklos.css"><body data-root=""><a href="/en/index.html">x</a> <a href="https://x.org/l">l</a> <a href="#main">m</a>"##
        );
        let based = r##"<link href="/course/static/kyklos.css"><body data-root="/course/"><a href="/course/en/index.html">x</a> <a href="https://x.org/course/">y</a>"##;
        assert_eq!(
            from_the_root(based),
            r##"<link href="/static/kyklos.css"><body data-root="/course/"><a href="/en/index.html">x</a> <a href="https://x.org/course/">y</a>"##
        );
    }

    #[test]
    fn not_found_page_escapes_the_path() {
        let html = not_found_page("/<script>", &crate::output::Files::new());
        assert!(html.contains("&lt;script&gt;") && !html.contains("<script>"));
    }
}
