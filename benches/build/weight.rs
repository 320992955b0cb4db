//! What a learner downloads from kyklos's one-language build: the weight of its lesson pages
//! (HTML bytes and gzip, and how much of a page is chrome rather than the lesson's own text)
//! and the size of its search index (all files, the largest, and what a one-word query loads).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

/// The chrome budget of a lesson page stated in the README: a lesson page may weigh at most
/// twice its text's HTML plus this many bytes.
pub const CHROME_BUDGET: usize = 40 * 1024;

#[derive(Debug, Default)]
pub struct Weights {
    pub lessons: usize,
    pub median_page: usize,
    pub median_gzip: Option<usize>,
    pub largest_page: usize,
    pub largest_gzip: Option<usize>,
    pub largest_path: String,
    /// The median of a page's text HTML (its `<div class="prose">`).
    pub median_body: usize,
    /// The largest chrome over all lessons: page bytes − 2 × text HTML bytes.
    pub worst_chrome: i64,
    pub over_budget: usize,
    pub search: Option<SearchFigures>,
}

#[derive(Debug, Default)]
pub struct SearchFigures {
    pub files: usize,
    pub bytes: u64,
    pub largest: u64,
    pub largest_name: String,
    /// The manifest, the two largest term shards and the ten largest page shards: the most
    /// a one-word query can load (search.js loads at most two term shards for a word and the
    /// page shards of the ten results it shows).
    pub one_word_max: u64,
}

/// Measures the build in `out` (kyklos's output folder) for language `lang`.
pub fn measure(out: &Path, lang: &str) -> Weights {
    let mut pages: Vec<(usize, usize, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(out.join(lang)).into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || !name.starts_with("lesson-") || !name.ends_with(".html") {
            continue;
        }
        let Ok(html) = fs::read_to_string(entry.path()) else { continue };
        pages.push((html.len(), prose_len(&html), entry.into_path()));
    }
    let mut w = Weights { lessons: pages.len(), search: search(&out.join("search").join(lang)), ..Weights::default() };
    if pages.is_empty() {
        return w;
    }
    for (size, body, _) in &pages {
        let chrome = *size as i64 - 2 * *body as i64;
        w.worst_chrome = w.worst_chrome.max(chrome);
        if chrome > CHROME_BUDGET as i64 {
            w.over_budget += 1;
        }
    }
    let mut bodies: Vec<usize> = pages.iter().map(|p| p.1).collect();
    bodies.sort_unstable();
    w.median_body = bodies[bodies.len() / 2];
    pages.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    let median = &pages[pages.len() / 2];
    let largest = &pages[pages.len() - 1];
    w.median_page = median.0;
    w.median_gzip = gzip_len(&median.2);
    w.largest_page = largest.0;
    w.largest_gzip = gzip_len(&largest.2);
    w.largest_path = largest.2.strip_prefix(out).unwrap_or(&largest.2).display().to_string();
    w
}

/// The bytes of the lesson's text: from `<div class="prose"` to the end of the article.
fn prose_len(html: &str) -> usize {
    let Some(start) = html.find("<div class=\"prose\"") else { return 0 };
    let rest = &html[start..];
    rest.find("<nav class=\"pager\"").or_else(|| rest.find("</article>")).unwrap_or(rest.len())
}

/// `gzip -9` size of a file (none if gzip is missing).
fn gzip_len(path: &Path) -> Option<usize> {
    let out = Command::new("gzip").args(["-9", "-c"]).arg(path).stderr(Stdio::null()).output().ok()?;
    out.status.success().then_some(out.stdout.len())
}

pub fn search(dir: &Path) -> Option<SearchFigures> {
    let mut files: Vec<(String, u64)> =
        fs::read_dir(dir).ok()?.filter_map(Result::ok).filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), e.metadata().ok()?.len()))).collect();
    files.sort();
    let bytes = files.iter().map(|f| f.1).sum();
    let (largest_name, largest) = files.iter().max_by_key(|f| f.1).cloned().unwrap_or_default();
    let largest_of = |prefix: char, n: usize| {
        let mut sizes: Vec<u64> = files.iter().filter(|f| f.0.starts_with(prefix) && f.0[1..].starts_with(|c: char| c.is_ascii_digit())).map(|f| f.1).collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        sizes.iter().take(n).sum::<u64>()
    };
    let manifest = files.iter().find(|f| f.0 == "index.js").map_or(0, |f| f.1);
    Some(SearchFigures { files: files.len(), bytes, largest, largest_name, one_word_max: manifest + largest_of('t', 2) + largest_of('d', 10) })
}

/// Prints the search index of every language of a kyklos build (`out/search/<lang>/`): files,
/// total size, largest file, and the most a one-word query loads.
pub fn print_indexes(label: &str, out: &Path) {
    let Ok(dirs) = fs::read_dir(out.join("search")) else { return };
    let mut langs: Vec<String> = dirs.filter_map(Result::ok).filter(|e| e.path().is_dir()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    langs.sort();
    println!("search index of {label}, per language:");
    for lang in langs {
        if let Some(s) = search(&out.join("search").join(&lang)) {
            println!(
                "  {lang:<4} {:>6} files {:>9.1} MiB  largest {:>10} ({})  one-word query at most {:>10}",
                s.files,
                s.bytes as f64 / 1024.0 / 1024.0,
                kib(s.largest as f64),
                s.largest_name,
                kib(s.one_word_max as f64)
            );
        }
    }
}

fn kib(n: impl Into<f64>) -> String {
    format!("{:.1} KiB", n.into() / 1024.0)
}

impl Weights {
    pub fn print(&self) {
        println!();
        println!("kyklos lesson pages ({} lessons):", self.lessons);
        let gz = |g: Option<usize>| g.map_or("n/a".to_string(), |g| kib(g as f64));
        println!("  median page   {:>10}  gzip {:>10}", kib(self.median_page as f64), gz(self.median_gzip));
        println!("  largest page  {:>10}  gzip {:>10}  ({})", kib(self.largest_page as f64), gz(self.largest_gzip), self.largest_path);
        println!("  median text HTML {:>7}", kib(self.median_body as f64));
        println!(
            "  page − 2 × text, largest: {} (budget {}): {}",
            kib(self.worst_chrome as f64),
            kib(CHROME_BUDGET as f64),
            if self.over_budget == 0 { "PASS".to_string() } else { format!("MISS on {} pages", self.over_budget) }
        );
        match &self.search {
            Some(s) => {
                println!("kyklos search index (en):");
                println!("  {} files, {:.1} MiB in all", s.files, s.bytes as f64 / 1024.0 / 1024.0);
                println!("  largest file {} ({}; limit 300 KB): {}", kib(s.largest as f64), s.largest_name, verdict(s.largest <= 300_000));
                println!("  a one-word query loads at most {} (limit 600 KB): {}", kib(s.one_word_max as f64), verdict(s.one_word_max <= 600_000));
            }
            None => println!("kyklos search index: none written"),
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "lessons": self.lessons,
            "median_page_bytes": self.median_page,
            "median_page_gzip": self.median_gzip,
            "largest_page_bytes": self.largest_page,
            "largest_page_gzip": self.largest_gzip,
            "largest_page": self.largest_path,
            "median_text_html_bytes": self.median_body,
            "worst_chrome_bytes": self.worst_chrome,
            "chrome_budget_bytes": CHROME_BUDGET,
            "pages_over_budget": self.over_budget,
            "search": self.search.as_ref().map(|s| json!({
                "files": s.files,
                "bytes": s.bytes,
                "largest_bytes": s.largest,
                "largest_file": s.largest_name,
                "one_word_query_max_bytes": s.one_word_max,
            })),
        })
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "MISS"
    }
}
