//! The other commands: `new` makes a site that builds cleanly (`serve` has tests/serve.rs).

mod common;

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
