//! Runs the headless-Chromium browser tests in `tests/browser/` (node's built-in test runner,
//! playwright-core driving Debian's /usr/bin/chromium, axe-core) against this crate's binary.
//!
//! Setup once: `cd tests/browser && npm ci` (and `apt-get install chromium`).
//! Without node, /usr/bin/chromium or tests/browser/node_modules this suite FAILS and says what
//! is missing; `KYKLOS_SKIP_BROWSER=1` skips it knowingly and the summary says `NOT RUN`
//! (never "ok"). With CI=true it always runs. A plain binary (`harness = false` in Cargo.toml),
//! so that it can report "not run" at all.

#[path = "support/suite.rs"]
mod suite;

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const TIME_LIMIT: Duration = Duration::from_secs(30 * 60);

fn missing_prerequisites(root: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    match suite::node_version() {
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

fn main() -> ExitCode {
    if let Some(code) = suite::select("browser_tests") {
        return code;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(code) = suite::unavailable("browser_tests", "KYKLOS_SKIP_BROWSER", &missing_prerequisites(root)) {
        return code;
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
    if files.is_empty() {
        println!("test browser_tests ... FAILED: no tests/browser/*.test.js files");
        return ExitCode::FAILURE;
    }

    let started = Instant::now();
    let child = Command::new("node")
        .args(["--test", "--test-reporter=spec", "--test-concurrency=2"])
        .args(&files)
        .current_dir(root)
        .env("KYKLOS_BIN", env!("CARGO_BIN_EXE_kyklos"))
        .stdin(Stdio::null())
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .spawn();
    let Ok(mut child) = child else {
        println!("test browser_tests ... FAILED: could not start node");
        return ExitCode::FAILURE;
    };

    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => {
                println!("test browser_tests ... FAILED: waiting for node: {e}");
                return ExitCode::FAILURE;
            }
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            println!("test browser_tests ... FAILED: the browser tests did not finish in {} s", TIME_LIMIT.as_secs());
            return ExitCode::FAILURE;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let seconds = started.elapsed().as_secs_f64();
    if status.success() {
        println!("test browser_tests ... ok (node's own counts are above; finished in {seconds:.1} s)");
        ExitCode::SUCCESS
    } else {
        println!("test browser_tests ... FAILED ({status}); see the node test output above");
        ExitCode::FAILURE
    }
}
