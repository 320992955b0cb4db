//! Runs the JavaScript unit tests (tests/js/*.test.js: quiz scoring, progress store, guides)
//! with node's built-in runner, so `cargo test` covers them and node's own pass/fail counts
//! show in the output (`.ci/run` adds them to its closing line). Without node this FAILS
//! unless `KYKLOS_SKIP_NODE=1`, which prints `NOT RUN` (never "ok"). A plain binary
//! (`harness = false` in Cargo.toml), so that it can report "not run" at all.

#[path = "support/suite.rs"]
mod suite;

use std::process::{Command, ExitCode, Stdio};

fn main() -> ExitCode {
    if let Some(code) = suite::select("node_unit_tests") {
        return code;
    }
    let missing = match suite::node_version() {
        None => vec!["node (Node.js 20.10 or newer) is not on PATH".to_string()],
        Some(v) if v < (20, 10) => vec![format!("node {}.{} is too old: the tests need Node.js 20.10 or newer", v.0, v.1)],
        Some(_) => Vec::new(),
    };
    if let Some(code) = suite::unavailable("node_unit_tests", "KYKLOS_SKIP_NODE", &missing) {
        return code;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files: Vec<String> = std::fs::read_dir(format!("{root}/tests/js"))
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".test.js")).collect())
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        println!("test node_unit_tests ... FAILED: no tests/js/*.test.js files");
        return ExitCode::FAILURE;
    }
    // The spec reporter prints for people (and `.ci/run`); a TAP copy in a file proves tests ran.
    let tap = std::env::temp_dir().join(format!("kyklos-js-tests-{}.tap", std::process::id()));
    let status = Command::new("node")
        .args(["--test", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap"])
        .arg(format!("--test-reporter-destination={}", tap.display()))
        .args(files.iter().map(|f| format!("tests/js/{f}")))
        .current_dir(root)
        .stdin(Stdio::null())
        .status();
    let text = std::fs::read_to_string(&tap).unwrap_or_default();
    let _ = std::fs::remove_file(&tap);
    let count = |key: &str| text.lines().find_map(|l| l.strip_prefix(key)).and_then(|n| n.trim().parse::<usize>().ok());
    match (status, count("# pass "), count("# fail ")) {
        (Ok(s), Some(pass), Some(0)) if s.success() && pass > 0 => {
            println!("test node_unit_tests ... ok ({pass} JavaScript tests passed)");
            ExitCode::SUCCESS
        }
        (status, pass, fail) => {
            println!("test node_unit_tests ... FAILED (node: {status:?}, passed {pass:?}, failed {fail:?}); see the output above");
            ExitCode::FAILURE
        }
    }
}
