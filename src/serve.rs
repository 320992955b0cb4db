//! `kyklos serve`: build into a preview folder, serve it on 127.0.0.1, rebuild when a source
//! changes, and reload open pages (a small script, served as a file, polls the build number).
//! Preview only: the files in `dist/` are what gets published.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::pipeline::{self, Options};

const RELOAD_JS: &str = "// kyklos serve: reload when the site is rebuilt.\n(function () {\n  var seen = null;\n  function poll() {\n    fetch('/__kyklos/build', { cache: 'no-store' }).then(function (r) { return r.text(); }).then(function (n) {\n      if (seen !== null && n !== seen) { location.reload(); }\n      seen = n;\n    }).catch(function () {}).then(function () { setTimeout(poll, 700); });\n  }\n  poll();\n})();\n";

/// Serves `root` on `port` until interrupted. Build errors are printed and the last good
/// build stays up.
pub fn serve(root: &Path, port: u16) -> std::io::Result<()> {
    let out = std::env::temp_dir().join(format!("kyklos-serve-{}", std::process::id()));
    let build_no = Arc::new(AtomicU64::new(0));
    rebuild(root, &out, &build_no);
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    eprintln!("Serving {} at http://127.0.0.1:{port}/ (Ctrl+C to stop)", root.display());
    {
        let (root, out, build_no) = (root.to_path_buf(), out.clone(), build_no.clone());
        std::thread::spawn(move || {
            let mut last = newest_change(&root);
            loop {
                std::thread::sleep(Duration::from_millis(400));
                let now = newest_change(&root);
                if now != last {
                    last = now;
                    rebuild(&root, &out, &build_no);
                }
            }
        });
    }
    for stream in listener.incoming().flatten() {
        let (out, build_no) = (out.clone(), build_no.clone());
        std::thread::spawn(move || {
            let _ = respond(stream, &out, &build_no);
        });
    }
    Ok(())
}

fn rebuild(root: &Path, out: &Path, build_no: &AtomicU64) {
    match pipeline::run(&Options { root: root.to_path_buf(), out: out.to_path_buf(), dry_run: false }) {
        Ok(report) => {
            let n = build_no.fetch_add(1, Ordering::SeqCst) + 1;
            eprintln!("build {n}: {} pages", report.pages);
        }
        Err(diags) => {
            for d in diags.sorted() {
                eprintln!("{d}");
            }
            eprintln!("The build failed; still serving the last good build.");
        }
    }
}

/// The newest modification time under the folders a build reads.
fn newest_change(root: &Path) -> Option<SystemTime> {
    let mut newest = std::fs::metadata(root.join("site.yaml")).and_then(|m| m.modified()).ok();
    for dir in ["content", "i18n", "themes"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
            if let Some(t) = entry.metadata().ok().and_then(|m| m.modified().ok()) {
                newest = newest.max(Some(t));
            }
        }
    }
    newest
}

fn respond(stream: TcpStream, out: &Path, build_no: &AtomicU64) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let path = request.split_whitespace().nth(1).unwrap_or("/").split(['?', '#']).next().unwrap_or("/").to_string();
    let mut stream = stream;
    if path == "/__kyklos/build" {
        return send(&mut stream, "200 OK", "text/plain", build_no.load(Ordering::SeqCst).to_string().as_bytes());
    }
    if path == "/__kyklos/reload.js" {
        return send(&mut stream, "200 OK", "text/javascript", RELOAD_JS.as_bytes());
    }
    let Some(file) = resolve(out, &path) else {
        return send(&mut stream, "404 Not Found", "text/plain", b"not found");
    };
    let mut bytes = std::fs::read(&file)?;
    let mime = mime_of(&file);
    if mime.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes).replace("</body>", "<script src=\"/__kyklos/reload.js\" defer></script>\n</body>");
        bytes = html.into_bytes();
    }
    send(&mut stream, "200 OK", mime, &bytes)
}

/// A URL path → a file inside `out` (never outside it); folders give their index.html.
fn resolve(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = crate::model::url::percent_decode(url_path);
    let rel = crate::model::url::join_normalised("", decoded.trim_start_matches('/'))?;
    let mut file = out.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn mime_of(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "xml" => "application/xml",
        "json" => "application/json",
        "zip" => "application/zip",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn send(stream: &mut TcpStream, status: &str, mime: &str, body: &[u8]) -> std::io::Result<()> {
    write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", body.len())?;
    stream.write_all(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("en")).unwrap();
        std::fs::write(tmp.path().join("en/index.html"), "x").unwrap();
        assert!(resolve(tmp.path(), "/en/").is_some());
        assert!(resolve(tmp.path(), "/../../etc/passwd").is_none());
        assert!(resolve(tmp.path(), "/%2e%2e/x").is_none());
        assert_eq!(mime_of(Path::new("a.css")), "text/css");
    }
}
