//! Fixture sites for integration tests: write files into a temp folder, run the real binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use scraper::{Html, Selector};

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A minimal valid site: one language, a home page, a course with one module of two lessons.
    pub fn new() -> Fixture {
        let f = Fixture::empty();
        f.write("site.yaml", "title: Fixture site\nlanguages: [en]\n");
        f.write("content/en/index.md", "---\ntitle: Home\n---\nWelcome to [the course](01-course/index.md).\n");
        f.write("content/en/01-course/index.md", "---\ntitle: Course\nkind: course\n---\nAbout the course.\n");
        f.write(
            "content/en/01-course/01-mod/index.md",
            "---\ntitle: Module one\nkind: module\nobjectives: [Know things]\nduration: 1 hour\nformat: Online\nassessment: Quiz\n---\nOverview.\n",
        );
        f.write("content/en/01-course/01-mod/01-first.md", "---\ntitle: First lesson\n---\n## Start here\n\nGo to [the second](02-second.md#details).\n");
        f.write("content/en/01-course/01-mod/02-second.md", "---\ntitle: Second lesson\n---\n## Details\n\nBack to [the first](01-first.md).\n");
        f
    }

    pub fn empty() -> Fixture {
        Fixture { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("dist")
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.dir.path().join(rel)).expect("remove");
    }

    pub fn run(&self, args: &[&str]) -> Output {
        kyklos().current_dir(self.root()).args(args).output().expect("run kyklos")
    }

    pub fn build(&self) -> Output {
        self.run(&["build"])
    }

    pub fn check(&self) -> Output {
        self.run(&["check"])
    }

    pub fn read_out(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read_out(rel))
    }
}

/// The binary under test, with a clean environment (no colour, backtrace or locale settings).
pub fn kyklos() -> Command {
    let mut cmd = Command::cargo_bin("kyklos").expect("binary");
    for var in ["RUST_BACKTRACE", "RUST_LOG", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "LANG", "LC_ALL"] {
        cmd.env_remove(var);
    }
    cmd
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).expect("selector");
    doc.select(&sel).collect()
}

pub fn text(el: &scraper::ElementRef<'_>) -> String {
    el.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The language and direction an element's text is read in: its own `lang` and `dir` or its
/// nearest ancestor's (each on its own: a `lang` without `dir` keeps the direction around it).
pub fn lang_of(el: &scraper::ElementRef<'_>) -> (String, String) {
    let mut found: (Option<String>, Option<String>) = (None, None);
    let mut node = Some(**el);
    while let Some(n) = node {
        if let Some(e) = n.value().as_element() {
            found.0 = found.0.or_else(|| e.attr("lang").map(str::to_string));
            found.1 = found.1.or_else(|| e.attr("dir").map(str::to_string));
        }
        node = n.parent();
    }
    (found.0.unwrap_or_default(), found.1.unwrap_or_else(|| "ltr".into()))
}

/// The language ([`lang_of`]) of the first element `css` selects, naming the selector when
/// there is none.
pub fn lang_at(doc: &Html, css: &str) -> String {
    let found = select(doc, css);
    lang_of(found.first().unwrap_or_else(|| panic!("nothing matches `{css}`"))).0
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// The repository root (the bundled sample site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
