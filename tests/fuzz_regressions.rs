//! Regression tests for the fuzz targets in `fuzz/`: every structure-aware seed and every input
//! that once crashed a target runs through the same `kyklos::fuzzing` entry points here, in
//! `cargo test`, without nightly. A crash found by fuzzing is added below before it is fixed.

use std::path::Path;

fn run_seeds(target: &str, f: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds").join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/seeds") {
        let path = entry.expect("entry").path();
        f(&std::fs::read(&path).expect("seed"));
        n += 1;
    }
    assert!(n > 0, "no seeds in {}", dir.display());
}

#[test]
fn page_seeds() {
    run_seeds("page", kyklos::fuzzing::page);
}

#[test]
fn quiz_seeds() {
    run_seeds("quiz", kyklos::fuzzing::quiz);
}

#[test]
fn site_seeds() {
    run_seeds("site", kyklos::fuzzing::site);
}

/// Inputs that crashed a target (or that 5 minutes of unguided fuzzing missed: issue 11, item 1).
#[test]
fn crashers() {
    for page in [
        "---\ntitle: x\n---\n[a](%aé.md) [b](#x%€) ![c](%€.png)\n",
        "---\ntitle: x\n---\n<a href=\"%aé.md\">a</a> <a href=\"#x%€\">b</a> <img src=\"%e2%82.png\" alt=c>\n",
    ] {
        kyklos::fuzzing::page(page.as_bytes());
    }
    kyklos::fuzzing::quiz(
        b"title: q\nquestions:\n  - id: q1\n    type: single\n    prompt: \"[a](%a\xc3\xa9.md)\"\n    options:\n      - text: a\n        correct: true\n",
    );
}
