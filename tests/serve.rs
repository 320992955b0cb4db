//! `kyklos serve` as a user meets it: the real binary on a free port, a file changed on disk,
//! the reload event and the error overlay's data, hostile paths, limits, and a clean Ctrl+C.
//! Waits are bounded (they fail a test that hangs); nothing here measures speed.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use common::*;

const WAIT: Duration = Duration::from_secs(60);

/// A running `kyklos serve`; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: Receiver<String>,
}

impl Server {
    fn start(root: &std::path::Path, tmp: &std::path::Path, extra: &[&str]) -> Server {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kyklos"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(extra)
            .env("TMPDIR", tmp)
            .env_remove("RUST_BACKTRACE")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, log) = channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let start = Instant::now();
        let port = loop {
            let line = log.recv_timeout(WAIT).expect("serve printed nothing");
            if let Some(rest) = line.split("http://").nth(1).and_then(|r| r.rsplit_once(':')).map(|(_, p)| p) {
                break rest.trim_end_matches(|c: char| !c.is_ascii_digit()).split('/').next().unwrap().parse().unwrap();
            }
            assert!(start.elapsed() < WAIT, "serve did not start");
        };
        Server { child, port, log }
    }

    fn request(&self, raw: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut body = Vec::new();
        let _ = s.read_to_end(&mut body);
        String::from_utf8_lossy(&body).into_owned()
    }

    fn get(&self, path: &str) -> String {
        self.request(&format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
    }

    /// An open page's event stream.
    fn events(&self) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
        write!(s, "GET /__kyklos/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        Events { stream: s, buffer: String::new() }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    stream: TcpStream,
    buffer: String,
}

impl Events {
    /// The next status event whose JSON satisfies `want`, within [`WAIT`].
    fn wait_for(&mut self, want: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let start = Instant::now();
        loop {
            while let Some(i) = self.buffer.find("\n\n") {
                let event: String = self.buffer.drain(..i + 2).collect();
                if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: ")) {
                    let v: serde_json::Value = serde_json::from_str(data).unwrap();
                    if want(&v) {
                        return v;
                    }
                }
            }
            assert!(start.elapsed() < WAIT, "no such event; got {}", self.buffer);
            let mut chunk = [0u8; 8192];
            match self.stream.read(&mut chunk) {
                Ok(0) => panic!("the event stream closed"),
                Ok(n) => self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(_) => {}
            }
        }
    }
}

fn status_line(response: &str) -> &str {
    response.lines().next().unwrap_or("")
}

#[test]
fn an_edit_reloads_the_page_and_an_error_shows_until_fixed() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    let page = server.get("/en/course/mod/first.html");
    assert!(status_line(&page).contains("200"), "{page}");
    assert!(page.contains("First lesson"));
    assert!(page.contains("<script src=\"/__kyklos/reload.js\" data-build=\"0\""), "the reload script is a served file");
    assert!(!page.contains("<script>"), "no inline script");
    let js = server.get("/__kyklos/reload.js");
    assert!(status_line(&js).contains("200") && js.contains("text/javascript") && js.contains("EventSource"));

    let mut events = server.events();
    let first = events.wait_for(|_| true);
    assert_eq!(first["build"], 0);

    f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: Renamed lesson\n---\n## Start here\n\nNew words.\n");
    let reload = events.wait_for(|v| v["build"] == 1);
    let changed: Vec<&str> = reload["changed"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert!(changed.contains(&"en/course/mod/first.html"), "{changed:?}");
    assert!(changed.contains(&"en/course/mod/second.html"), "the next page's navigation shows the new title: {changed:?}");
    assert!(!changed.contains(&"static/kyklos.css"), "{changed:?}");
    assert!(server.get("/en/course/mod/first.html").contains("New words."));

    // A broken page: the server keeps the last good build and tells the page where and why.
    f.write("content/en/01-course/01-mod/02-second.md", "---\ntitle: [unclosed\n---\nBody.\n");
    let broken = events.wait_for(|v| !v["errors"].as_array().unwrap().is_empty());
    let error = &broken["errors"][0];
    assert!(error["place"].as_str().unwrap().starts_with("content/en/01-course/01-mod/02-second.md:2:"), "{error}");
    assert!(!error["message"].as_str().unwrap().is_empty());
    assert!(server.get("/en/course/mod/second.html").contains("Second lesson"), "the last good build is still served");

    f.write("content/en/01-course/01-mod/02-second.md", "---\ntitle: Second lesson fixed\n---\n## Details\n");
    let fixed = events.wait_for(|v| v["errors"].as_array().unwrap().is_empty());
    assert_eq!(fixed["build"], 2);
    assert!(server.get("/en/course/mod/second.html").contains("Second lesson fixed"));
}

#[test]
fn a_burst_of_editor_writes_gives_one_reload_and_swap_files_none() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    let mut events = server.events();
    events.wait_for(|_| true);
    // What vim does on :w, plus backup and swap files that must not count.
    f.write("content/en/01-course/01-mod/.01-first.md.swp", "swap");
    f.write("content/en/01-course/01-mod/4913", "");
    f.remove("content/en/01-course/01-mod/4913");
    f.write("content/en/01-course/01-mod/01-first.md~", "backup");
    f.write("content/en/01-course/01-mod/.#01-first.md", "lock");
    for i in 0..5 {
        f.write("content/en/01-course/01-mod/01-first.md", format!("---\ntitle: First lesson\n---\n## Start here\n\nDraft {i}.\n"));
    }
    let v = events.wait_for(|v| v["build"].as_u64() > Some(0));
    assert!(server.get("/en/course/mod/first.html").contains("Draft 4."));
    // Only swap files now: no further reload.
    f.write("content/en/01-course/01-mod/.01-first.md.swp", "swap again");
    std::thread::sleep(Duration::from_millis(1500));
    let later = server.events().wait_for(|_| true);
    assert_eq!(later["build"], v["build"], "swap files caused a rebuild that changed something");
    // A folder renamed away: one rebuild, its pages gone.
    std::fs::rename(f.root().join("content/en/01-course/01-mod"), f.root().join("content/en/01-course/02-renamed")).unwrap();
    events.wait_for(|v| v["changed"].as_array().is_some_and(|c| c.iter().any(|p| p == "en/course/renamed/first.html")));
    assert!(status_line(&server.get("/en/course/mod/first.html")).contains("404"));
    let lines: Vec<String> = server.log.try_iter().collect();
    assert!(lines.iter().all(|l| !l.contains("swp") && !l.contains("4913")), "{lines:?}");
}

#[test]
fn only_files_of_the_site_are_served() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/captions.vtt", "WEBVTT\n");
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    for bad in [
        "/../../etc/passwd",
        "/en/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/en/..%5c..%5csite.yaml",
        "/en\\..\\site.yaml",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/%aé",
        "/%00",
    ] {
        let r = server.get(bad);
        let code = status_line(&r);
        assert!(code.contains("400") || code.contains("404"), "{bad}: {code}");
        assert!(!r.contains("root:") && !r.contains("Fixture site\nlanguages"), "{bad} leaked a file");
    }
    let long = server.get(&format!("/{}", "a".repeat(4000)));
    assert!(["400", "414", "431"].iter().any(|c| status_line(&long).contains(c)), "{}", status_line(&long));
    // A huge request line is refused without being read whole.
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let _ = s.write_all(b"GET /");
    let chunk = vec![b'a'; 64 * 1024];
    for _ in 0..32 {
        if s.write_all(&chunk).is_err() {
            break;
        }
    }
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 4"), "{answer}");

    let missing = server.get("/en/nothing-here.html");
    assert!(status_line(&missing).contains("404"));
    assert!(missing.contains("text/html") && missing.contains("/en/") && missing.contains("/__kyklos/reload.js"), "a helpful 404 page");
    let post = server.request("POST /en/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert!(status_line(&post).contains("405"), "{post}");
    let head = server.request("HEAD /static/kyklos.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(status_line(&head).contains("200") && head.contains("text/css") && head.ends_with("\r\n\r\n"), "{head}");
    assert!(server.get("/en/course/mod/captions.vtt").contains("text/vtt"));
    assert!(status_line(&server.get("/en/course")).contains("301"));
}

#[test]
fn a_missing_address_gets_the_sites_404_page_with_addresses_from_the_root() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    let missing = server.get("/en/course/gone/nothing-here.html");
    assert!(status_line(&missing).contains("404"), "{}", status_line(&missing));
    assert!(missing.contains("<h1>Page not found</h1>") && missing.contains("class=\"kind-not-found\""), "the site's own page: {missing}");
    assert!(missing.contains("href=\"/static/kyklos.css\"") && missing.contains("href=\"/en/index.html\""), "addresses from the root: {missing}");
    assert!(missing.contains("/__kyklos/reload.js"), "it reloads like every served page");
}

#[cfg(target_os = "linux")]
#[test]
fn idle_connections_do_not_each_take_a_thread() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    let threads = || {
        let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
        status.lines().find_map(|l| l.strip_prefix("Threads:")).unwrap().trim().parse::<usize>().unwrap()
    };
    let before = threads();
    let idle: Vec<TcpStream> = (0..300).filter_map(|_| TcpStream::connect(("127.0.0.1", server.port)).ok()).collect();
    std::thread::sleep(Duration::from_millis(500));
    assert!(threads() <= before + 2, "{} threads with {} idle connections (before: {before})", threads(), idle.len());
    drop(idle);
}

/// Idle sockets (silent, or sending a request head that never ends) beyond the connection
/// limit do not keep a real request waiting: the longest-idle ones are closed to make room.
#[test]
fn a_request_is_answered_while_hundreds_of_idle_connections_are_held() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    let hold = |n: usize| -> Vec<TcpStream> {
        (0..n)
            .filter_map(|i| {
                let mut s = TcpStream::connect(("127.0.0.1", server.port)).ok()?;
                if i % 2 == 0 {
                    let _ = s.write_all(b"GET /en/ HTTP/1.1\r\nHost: localhost\r\n");
                }
                Some(s)
            })
            .collect()
    };
    // 64 of them fill every place, the rest wait in the system's queue (as 100 fit there).
    let idle = hold(164);
    assert_eq!(idle.len(), 164);
    // Without room made, the first place would free when an idle connection's head timeout
    // (10 s) ends; the answer must come before that.
    let get = |path: &str| {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(8))).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
        let mut body = Vec::new();
        let _ = s.read_to_end(&mut body);
        String::from_utf8_lossy(&body).into_owned()
    };
    for _ in 0..3 {
        let page = get("/en/");
        assert!(status_line(&page).contains("200"), "no answer while idle connections are held: {:?}", status_line(&page));
        assert!(page.contains("</html>"));
    }
    // Hundreds more; an open page's event stream is busy and is never closed to make room.
    let mut events = server.events();
    events.wait_for(|_| true);
    let more = hold(400);
    assert!(more.len() > 300, "only {} connections opened", more.len());
    assert!(status_line(&get("/en/")).contains("200"));
    events.stream.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
    let mut byte = [0u8; 1];
    assert!(!matches!(events.stream.read(&mut byte), Ok(0)), "the event stream was closed");
    drop((idle, more));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_and_leaves_no_temporary_folder() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().unwrap();
    let mut server = Server::start(f.root(), tmp.path(), &[]);
    assert!(status_line(&server.get("/en/")).contains("200"));
    let ok = std::process::Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().unwrap();
    assert!(ok.success());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < WAIT, "serve did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0, "something was left in the temporary folder");
    assert!(!f.root().join("dist").exists(), "serve never writes dist/");
}

#[cfg(unix)]
#[test]
fn sigterm_stops_too() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().unwrap();
    let mut server = Server::start(f.root(), tmp.path(), &[]);
    std::process::Command::new("kill").args(["-TERM", &server.child.id().to_string()]).status().unwrap();
    let start = Instant::now();
    while server.child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < WAIT, "serve did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn downloads_are_built_when_asked_for() {
    let f = Fixture::new();
    f.write("content/en/01-course/01-mod/quiz.yaml", "title: Quiz\nquestions:\n  - id: q1\n    type: true_false\n    prompt: Yes?\n    answer: true\n");
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    let page = server.get("/en/downloads.html");
    assert!(status_line(&page).contains("200"), "{}", status_line(&page));
    let zip = page.split("href=\"").skip(1).map(|s| s.split('"').next().unwrap()).find(|h| h.ends_with(".zip")).expect("a package link").to_string();
    let bytes = server.get(&format!("/en/{zip}"));
    assert!(bytes.contains("application/zip") && bytes.contains("imsmanifest.xml"), "{}", status_line(&bytes));
}

#[test]
fn no_site_yaml_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = kyklos().args(["serve", "--port", "0", "--root"]).arg(tmp.path()).timeout(WAIT).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no site.yaml"), "{}", stderr(&out));
}

#[test]
fn media_are_served_with_their_types_and_in_byte_ranges() {
    let f = Fixture::new();
    let video = std::fs::read(repo().join("content/en/05-webinars/mentor-interview.webm")).unwrap();
    f.write("content/en/01-course/01-mod/talk.webm", &video);
    f.write("content/en/01-course/01-mod/talk.mp3", b"ID3-0123456789");
    f.write("content/en/01-course/01-mod/talk.en.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n");
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    let whole = server.get("/en/course/mod/talk.webm");
    assert!(status_line(&whole).contains("200"), "{}", status_line(&whole));
    let head = whole.to_ascii_lowercase();
    assert!(head.contains("content-type: video/webm") && head.contains("accept-ranges: bytes"), "{}", &whole[..300.min(whole.len())]);
    assert!(head.contains(&format!("content-length: {}", video.len())));
    assert!(server.get("/en/course/mod/talk.en.vtt").to_ascii_lowercase().contains("content-type: text/vtt; charset=utf-8"));
    let part = server.request("GET /en/course/mod/talk.mp3 HTTP/1.1\r\nHost: x\r\nRange: bytes=3-6\r\nConnection: close\r\n\r\n");
    assert!(status_line(&part).contains("206"), "{part}");
    let lower = part.to_ascii_lowercase();
    assert!(lower.contains("content-type: audio/mpeg") && lower.contains("content-range: bytes 3-6/14") && lower.contains("content-length: 4"), "{part}");
    assert!(part.ends_with("\r\n\r\n-012"), "{part}");
    let tail = server.request("GET /en/course/mod/talk.mp3 HTTP/1.1\r\nHost: x\r\nRange: bytes=-3\r\nConnection: close\r\n\r\n");
    assert!(tail.ends_with("789") && tail.to_ascii_lowercase().contains("content-range: bytes 11-13/14"), "{tail}");
    let outside = server.request("GET /en/course/mod/talk.mp3 HTTP/1.1\r\nHost: x\r\nRange: bytes=99-\r\nConnection: close\r\n\r\n");
    assert!(status_line(&outside).contains("416") && outside.to_ascii_lowercase().contains("content-range: bytes */14"), "{outside}");
}

#[test]
fn a_drawing_edited_to_run_a_script_is_an_error_and_the_checked_one_stays_served() {
    let f = Fixture::new();
    let good = "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>";
    f.write("content/en/01-course/01-mod/pic.svg", good);
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    let served = server.get("/en/course/mod/pic.svg");
    assert!(status_line(&served).contains("200") && served.ends_with(good), "{served}");
    let mut events = server.events();
    events.wait_for(|_| true);

    f.write("content/en/01-course/01-mod/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(document.domain)</script></svg>");
    let broken = events.wait_for(|v| !v["errors"].as_array().unwrap().is_empty());
    assert_eq!(broken["errors"][0]["place"], "content/en/01-course/01-mod/pic.svg:2:1", "{broken}");
    // The last good build holds the bytes it checked; it never serves the file from disk.
    assert!(server.get("/en/course/mod/pic.svg").ends_with(good));
}

#[test]
fn a_web_page_dropped_beside_a_lesson_is_an_error_and_never_served() {
    let f = Fixture::new();
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    let mut events = server.events();
    events.wait_for(|_| true);
    f.write("content/en/01-course/01-mod/handout.html", "<script>alert(localStorage.length)</script>");
    let broken = events.wait_for(|v| !v["errors"].as_array().unwrap().is_empty());
    assert_eq!(broken["errors"][0]["place"], "content/en/01-course/01-mod/handout.html", "{broken}");
    assert!(status_line(&server.get("/en/course/mod/handout.html")).contains("404"));
}

#[test]
fn a_badge_image_or_logo_outside_content_rebuilds_when_it_changes() {
    let f = Fixture::new();
    f.write(
        "site.yaml",
        "title: Fixture site\nlanguages: [en]\nlogo: assets/logo.svg\nlogo_alt: The logo\njourney:\n  badges:\n    - id: b1\n      name: First steps\n      description: Read a lesson.\n      rule: { lessons: 1 }\n      image: art/badges/b1.svg\n",
    );
    let svg = |r: u8| format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"{r}\"/></svg>");
    f.write("assets/logo.svg", svg(1));
    f.write("art/badges/b1.svg", svg(2));
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(f.root(), tmp.path(), &[]);
    assert!(server.get("/badges/b1.svg").ends_with(&svg(2)));
    let mut events = server.events();
    events.wait_for(|_| true);

    f.write("art/badges/b1.svg", svg(3));
    let rebuilt = events.wait_for(|v| v["build"] == 1);
    assert!(rebuilt["changed"].as_array().unwrap().iter().any(|c| c == "badges/b1.svg"), "{rebuilt}");
    assert!(server.get("/badges/b1.svg").ends_with(&svg(3)));

    f.write("assets/logo.svg", svg(4));
    events.wait_for(|v| v["build"] == 2);
    assert!(server.get("/static/logo-logo.svg").ends_with(&svg(4)));
}
