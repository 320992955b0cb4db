//! A test binary without libtest (`harness = false`) for a suite that runs outside Rust (node):
//! it can say "NOT RUN" in the summary instead of reporting a suite that never ran as "ok".
//!
//! Missing prerequisites fail the run with the reason and the fix, unless the developer sets the
//! suite's skip variable (e.g. `KYKLOS_SKIP_BROWSER=1`), which prints `NOT RUN` and exits 0.
//! With `CI=true` the skip variable is ignored: CI always runs everything.

use std::process::ExitCode;

/// Value-taking libtest flags, so their values are not mistaken for name filters.
const VALUE_FLAGS: [&str; 7] = ["--test-threads", "--skip", "--format", "--color", "-Z", "--logfile", "--shuffle-seed"];

/// `None` to run the suite `name`; `Some(exit code)` when the arguments ask for something else:
/// `--list`, or a name filter (as in `cargo test parse_page`) that does not match.
pub fn select(name: &str) -> Option<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        println!("{name}: test");
        return Some(ExitCode::SUCCESS);
    }
    let mut filters = Vec::new();
    let mut skip_value = false;
    for a in &args {
        if skip_value {
            skip_value = false;
        } else if VALUE_FLAGS.contains(&a.as_str()) {
            skip_value = true;
        } else if !a.starts_with('-') {
            filters.push(a.as_str());
        }
    }
    let exact = args.iter().any(|a| a == "--exact");
    let matches = |f: &str| if exact { f == name } else { name.contains(f) };
    if !filters.is_empty() && !filters.iter().any(|f| matches(f)) {
        println!("\nrunning 0 tests\n\ntest result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 1 filtered out\n");
        return Some(ExitCode::SUCCESS);
    }
    None
}

/// What to do when prerequisites are `missing`: `None` to go on (nothing missing), else the exit code.
pub fn unavailable(name: &str, skip_var: &str, missing: &[String]) -> Option<ExitCode> {
    if missing.is_empty() {
        return None;
    }
    let list = missing.join("\n    ");
    let ci = std::env::var("CI").as_deref() == Ok("true");
    let skip = std::env::var(skip_var).as_deref() == Ok("1");
    let bar = "!".repeat(72);
    if skip && !ci {
        println!("\n{bar}\ntest {name} ... NOT RUN ({skip_var}=1):\n    {list}\n\ntest result: NOT RUN. {name} did not run; it was skipped on request ({skip_var}=1)\n{bar}\n");
        return Some(ExitCode::SUCCESS);
    }
    let why = if ci { "CI=true, where every suite must run" } else { "a suite that cannot run is a failure, not a pass" };
    println!(
        "\n{bar}\ntest {name} ... FAILED: it cannot run ({why}):\n    {list}\nInstall what is missing (see README, \"Quick start\"), or skip this suite knowingly with {skip_var}=1.\n\ntest result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n{bar}\n"
    );
    Some(ExitCode::FAILURE)
}

/// The node version, if node runs.
pub fn node_version() -> Option<(u32, u32)> {
    let out = std::process::Command::new("node").arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.trim().trim_start_matches('v').split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}
