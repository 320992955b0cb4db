//! Runs the headless-Chromium browser tests in `tests/browser/` (node's built-in test runner,
//! playwright-core driving Debian's /usr/bin/chromium, axe-core) against this crate's binary.
//!
//! Setup once: `cd tests/browser && npm ci` (and `apt-get install chromium`).
//! Without node, /usr/bin/chromium or tests/browser/node_modules the test is skipped with a
//! loud message, unless CI=true, where that is a failure.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const TIME_LIMIT: Duration = Duration::from_secs(15 * 60);

fn node_version() -> Option<(u32, u32)> {
    let out = Command::new("node").arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.trim().trim_start_matches('v').split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

fn missing_prerequisites(root: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    match node_version() {
        None => missing.push("node (Node.js 20.10 or newer) is not on PATH".to_string()),
        Some(v) if v < (20, 10) => missing.push(format!("node {}.{} is too old: the tests need Node.js 20.10 or newer", v.0, v.1)),
        Some(_) => {}
    }
    if !Path::new(CHROMIUM).exists() {
        missing.push(format!("{CHROMIUM} is missing (apt-get update -qq && apt-get install -y -qq chromium)"));
    }
    if !root.join("tests/browser/node_modules/playwright-core").is_dir() || !root.join("tests/browser/node_modules/axe-core").is_dir() {
        missing.push("tests/browser/node_modules is missing (cd tests/browser && npm ci)".to_string());
    }
    missing
}

#[test]
fn browser_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ci = std::env::var("CI").map(|v| v == "true").unwrap_or(false);

    let missing = missing_prerequisites(root);
    if !missing.is_empty() {
        let list = missing.join("\n!!!   ");
        if ci {
            panic!("browser tests cannot run (CI=true, so this is a failure):\n  {list}");
        }
        let bar = "!".repeat(72);
        eprintln!("\n{bar}\n!!! SKIPPED: browser tests (tests/browser) not run:\n!!!   {list}\n{bar}\n");
        return;
    }

    // The test files by name: node 21+ no longer expands a directory argument to `--test`.
    let mut files: Vec<String> = std::fs::read_dir(root.join("tests/browser"))
        .expect("reading tests/browser")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.js"))
        .map(|name| format!("tests/browser/{name}"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests/browser/*.test.js files");

    let started = Instant::now();
    let mut child = Command::new("node")
        .args(["--test", "--test-reporter=spec", "--test-concurrency=2"])
        .args(&files)
        .current_dir(root)
        .env("KYKLOS_BIN", env!("CARGO_BIN_EXE_kyklos"))
        .stdin(Stdio::null())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("could not start node");

    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for node") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("browser tests did not finish in {} s", TIME_LIMIT.as_secs());
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    eprintln!("browser tests finished in {:.1} s", started.elapsed().as_secs_f64());
    assert!(status.success(), "browser tests failed ({status}); see the node test output above");
}
