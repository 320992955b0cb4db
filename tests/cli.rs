//! The other commands: `new` makes a site that builds cleanly; `serve` previews it.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;

#[test]
fn new_makes_a_starter_site_that_checks_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-course");
    let out = kyklos().arg("new").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let check = kyklos().args(["check", "--root"]).arg(&dir).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stderr(&check).contains("No errors"), "{}", stderr(&check));
    let build = kyklos().args(["build", "--root"]).arg(&dir).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(dir.join("dist/en/course/first-module/quiz.html").is_file());
    let again = kyklos().arg("new").arg(&dir).output().unwrap();
    assert_eq!(again.status.code(), Some(1), "refuses a folder that is not empty");
}

fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut body = String::new();
    let _ = s.read_to_string(&mut body);
    body
}

#[test]
fn serve_previews_and_rebuilds_on_change() {
    let f = Fixture::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kyklos"))
        .args(["serve", "--root"])
        .arg(f.root())
        .args(["--port", &port.to_string()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let page = loop {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = write!(s, "GET /en/course/mod/first.html HTTP/1.1\r\n\r\n");
            let mut b = String::new();
            let _ = s.read_to_string(&mut b);
            if !b.is_empty() {
                break b;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(30), "serve did not start");
        std::thread::sleep(Duration::from_millis(100));
    };
    let result = std::panic::catch_unwind(|| {
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        assert!(page.contains("First lesson") && page.contains("/__kyklos/reload.js"));
        assert!(get(port, "/../../etc/passwd").starts_with("HTTP/1.1 404"));
        let before = get(port, "/__kyklos/build");
        f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: Renamed lesson\n---\n## Start here\n");
        let start = Instant::now();
        loop {
            if get(port, "/en/course/mod/first.html").contains("Renamed lesson") {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "no rebuild after a change");
            std::thread::sleep(Duration::from_millis(200));
        }
        assert_ne!(get(port, "/__kyklos/build").rsplit("\r\n\r\n").next(), before.rsplit("\r\n\r\n").next());
    });
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
