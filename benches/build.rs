//! Build benchmark: kyklos against the "floor" (`examples/floor.rs`).
//!
//! ```text
//! cargo bench --bench build
//! KYKLOS_BENCH_LESSONS=1000 KYKLOS_BENCH_RUNS=3 cargo bench --bench build   # quick
//! KYKLOS_BENCH_ONLY_FLOOR=1 cargo bench --bench build                       # floor only
//! KYKLOS_BENCH_CORPUS_ONLY=1 cargo bench --bench build                      # corpora only (serve-latency)
//! ```
//!
//! A plain `main` (`harness = false`), not a timed test: it reports medians and ratios and
//! never fails because a machine is slow. It
//!
//! 1. generates two deterministic synthetic courses under `target/kyklos-bench/`:
//!    LESSONS × 1 language (default 10,000 lessons in `en`, 100 modules) and
//!    LESSONS/5 × 5 languages (en, el, es, de, cs; the same relative paths in each);
//!    every lesson has ~830 words of paragraphs and `##` headings, a table, a bullet list,
//!    a numbered list, and every third one a ```rust or ```python block;
//! 2. builds the release binaries (`cargo build --release --bin kyklos --example floor`);
//! 3. runs every configuration once as a warm-up (a build into an empty output folder),
//!    then KYKLOS_BENCH_RUNS times (default 5) into the same, existing output folder,
//!    configurations interleaved, measuring wall time and peak RSS (via `/usr/bin/time -f %M`);
//! 4. prints median/min/max seconds and peak MiB, the ratios against their targets, and
//!    writes everything to `target/bench-results.json`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use rayon::prelude::*;
use serde_json::{json, Value};

/// Bump when the generated text changes, so cached corpora are regenerated.
const GENERATOR_VERSION: u32 = 3;
const SEED: u64 = 0x6b79_6b6c_6f73_2e31; // "kyklos.1"
const DEFAULT_LESSONS: usize = 10_000;
const DEFAULT_RUNS: usize = 5;
const MODULES: usize = 100;
const WORDS_PER_LESSON: usize = 830;
const LANGUAGES: [(&str, &str); 5] = [("en", "English"), ("el", "Ελληνικά"), ("es", "Español"), ("de", "Deutsch"), ("cs", "Čeština")];

const TARGET_KYKLOS_OVER_FLOOR: f64 = 1.5;
const TARGET_MULTI_OVER_SINGLE: f64 = 1.15;
const TARGET_PEAK_MIB: f64 = 200.0;

const TIME_BIN: &str = "/usr/bin/time";

fn main() {
    let lessons = env_usize("KYKLOS_BENCH_LESSONS", DEFAULT_LESSONS).max(5);
    let runs = env_usize("KYKLOS_BENCH_RUNS", DEFAULT_RUNS).max(1);
    let only_floor = std::env::var("KYKLOS_BENCH_ONLY_FLOOR").is_ok_and(|v| !v.is_empty() && v != "0");
    let multi_lessons = lessons / 5;

    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => manifest_dir.join(d),
        None => manifest_dir.join("target"),
    };
    let work = target_dir.join("kyklos-bench");
    fs::create_dir_all(&work).expect("create target/kyklos-bench");

    println!("kyklos build benchmark: {lessons} lessons × 1 language and {multi_lessons} lessons × 5 languages");
    println!("{runs} timed run(s) per configuration after one warm-up; work folder {}", work.display());
    if lessons != DEFAULT_LESSONS {
        println!("note: KYKLOS_BENCH_LESSONS={lessons}; the targets are stated for {DEFAULT_LESSONS} lessons");
    }

    // 1. Corpora.
    let single = Corpus { name: format!("{lessons}x1"), lessons, languages: 1 };
    let multi = Corpus { name: format!("{multi_lessons}x5"), lessons: multi_lessons, languages: 5 };
    for corpus in [&single, &multi] {
        let t = Instant::now();
        let generated = corpus.ensure(&work);
        println!(
            "corpus {}: {} pages, {:.1} MiB of Markdown ({} in {:.1} s)",
            corpus.name,
            corpus.page_count(),
            dir_size(&corpus.dir(&work)) as f64 / MIB,
            if generated { "generated" } else { "reused" },
            t.elapsed().as_secs_f64()
        );
    }

    if std::env::var("KYKLOS_BENCH_CORPUS_ONLY").is_ok_and(|v| !v.is_empty() && v != "0") {
        println!("(KYKLOS_BENCH_CORPUS_ONLY is set: the corpora are ready, nothing is built or run)");
        return;
    }

    // 2. Binaries.
    let (kyklos_bin, floor_bin) = build_binaries(&manifest_dir, only_floor);

    // 3. Configurations, warm-up, timed runs.
    let memory = time_available(&work);
    if !memory {
        println!("note: {TIME_BIN} (GNU time) is missing or does not accept -f; peak memory is reported as n/a");
        println!("      (Debian/Ubuntu: apt-get install time)");
    }
    let mut configs = Vec::new();
    for corpus in [&single, &multi] {
        configs.push(Config::new("floor", &floor_bin, corpus, &work));
        if let Some(bin) = &kyklos_bin {
            configs.push(Config::new("kyklos", bin, corpus, &work));
        }
    }
    let mut warmups = Vec::new();
    for c in &configs {
        if c.out.exists() {
            fs::remove_dir_all(&c.out).expect("remove old output folder");
        }
        let m = run_once(&c.command, memory, &work);
        warmups.push(m.seconds);
        let pages = count_html(&c.out);
        println!("warm-up {:<18} {:>8.3} s  {:>6} HTML files written", c.label(), m.seconds, pages);
        if pages < c.expected_pages {
            println!("warning: {} wrote {pages} HTML files for {} pages: is it building everything?", c.tool, c.expected_pages);
        }
    }
    let mut samples: Vec<Vec<Measurement>> = vec![Vec::new(); configs.len()];
    for run in 1..=runs {
        for (c, s) in configs.iter().zip(&mut samples) {
            let m = run_once(&c.command, memory, &work);
            println!("run {run}/{runs} {:<18} {:>8.3} s  {:>8} MiB", c.label(), m.seconds, m.peak_mib.map_or("n/a".into(), |v| format!("{v:.1}")));
            s.push(m);
        }
    }

    // 4. Report.
    let stats: Vec<Stats> = samples.iter().map(|s| Stats::of(s)).collect();
    let find = |tool: &str, corpus: &Corpus| configs.iter().position(|c| c.tool == tool && c.corpus == corpus.name).map(|i| &stats[i]);
    let mut ratios = Vec::new();
    let ratio = |a: Option<&Stats>, b: Option<&Stats>| match (a, b) {
        (Some(a), Some(b)) if b.median > 0.0 => Some(a.median / b.median),
        _ => None,
    };
    ratios.push(Check::new(
        format!("kyklos / floor ({})", single.name),
        ratio(find("kyklos", &single), find("floor", &single)),
        Some(TARGET_KYKLOS_OVER_FLOOR),
        "×",
    ));
    ratios.push(Check::new(
        format!("kyklos ({}) / ({})", multi.name, single.name),
        ratio(find("kyklos", &multi), find("kyklos", &single)),
        Some(TARGET_MULTI_OVER_SINGLE),
        "×",
    ));
    ratios.push(Check::new(format!("kyklos / floor ({})", multi.name), ratio(find("kyklos", &multi), find("floor", &multi)), None, "×"));
    ratios.push(Check::new(format!("floor ({}) / ({})", multi.name, single.name), ratio(find("floor", &multi), find("floor", &single)), None, "×"));
    for corpus in [&single, &multi] {
        ratios.push(Check::new(
            format!("kyklos peak memory ({})", corpus.name),
            find("kyklos", corpus).and_then(|s| s.peak_mib),
            Some(TARGET_PEAK_MIB),
            " MiB",
        ));
    }

    println!();
    println!("{:<20} {:>5} {:>10} {:>9} {:>9} {:>9}", "configuration", "runs", "median s", "min s", "max s", "peak MiB");
    for (c, s) in configs.iter().zip(&stats) {
        println!(
            "{:<20} {:>5} {:>10.3} {:>9.3} {:>9.3} {:>9}",
            c.label(),
            s.runs,
            s.median,
            s.min,
            s.max,
            s.peak_mib.map_or("n/a".into(), |v| format!("{v:.1}"))
        );
    }
    println!();
    println!("{:<34} {:>11} {:>11}  result", "ratio / limit", "value", "target");
    for r in &ratios {
        println!(
            "{:<34} {:>11} {:>11}  {}",
            r.name,
            r.value.map_or("n/a".into(), |v| fmt_value(v, r.unit)),
            r.target.map_or("-".into(), |t| format!("≤ {}", fmt_value(t, r.unit))),
            r.verdict()
        );
    }
    if kyklos_bin.is_none() {
        println!("(KYKLOS_BENCH_ONLY_FLOOR is set: kyklos was not run)");
    }

    let results = json!({
        "generator_version": GENERATOR_VERSION,
        "lessons": lessons,
        "runs": runs,
        "warmup_runs": 1,
        "threads": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "unix_time": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        "memory_measured": memory,
        "configurations": configs.iter().zip(&stats).zip(&samples).zip(&warmups).map(|(((c, s), m), w)| json!({
            "name": c.label(),
            "tool": c.tool,
            "corpus": c.corpus,
            "pages": c.expected_pages,
            "median_s": s.median,
            "min_s": s.min,
            "max_s": s.max,
            "peak_mib": s.peak_mib,
            "warmup_s": w,
            "samples_s": m.iter().map(|m| m.seconds).collect::<Vec<_>>(),
            "samples_peak_mib": m.iter().map(|m| m.peak_mib).collect::<Vec<_>>(),
        })).collect::<Vec<Value>>(),
        "checks": ratios.iter().map(|r| json!({
            "name": r.name,
            "value": r.value,
            "target_max": r.target,
            "unit": r.unit.trim(),
            "result": r.verdict(),
        })).collect::<Vec<Value>>(),
    });
    let json_path = target_dir.join("bench-results.json");
    fs::write(&json_path, serde_json::to_string_pretty(&results).unwrap() + "\n").expect("write bench-results.json");
    println!();
    println!("results written to {}", json_path.display());
}

const MIB: f64 = 1024.0 * 1024.0;

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v.trim().replace('_', "").parse().unwrap_or_else(|_| panic!("{name}={v:?} is not a whole number")),
        _ => default,
    }
}

fn fmt_value(v: f64, unit: &str) -> String {
    if unit == "×" {
        format!("{v:.3}×")
    } else {
        format!("{v:.0}{unit}")
    }
}

// ---------------------------------------------------------------------------------------------
// Running and measuring

struct Config {
    tool: &'static str,
    corpus: String,
    out: PathBuf,
    expected_pages: usize,
    command: Vec<OsString>,
}

impl Config {
    fn new(tool: &'static str, bin: &Path, corpus: &Corpus, work: &Path) -> Config {
        let root = corpus.dir(work);
        let out = work.join(format!("out-{tool}-{}", corpus.name));
        let command = if tool == "floor" {
            vec![bin.into(), root.into(), out.clone().into()]
        } else {
            vec![bin.into(), "build".into(), "--root".into(), root.into(), "--out".into(), out.clone().into()]
        };
        Config { tool, corpus: corpus.name.clone(), out, expected_pages: corpus.page_count(), command }
    }

    fn label(&self) -> String {
        format!("{} {}", self.tool, self.corpus)
    }
}

#[derive(Clone, Copy)]
struct Measurement {
    seconds: f64,
    peak_mib: Option<f64>,
}

/// Runs the command once; panics (with its output) if it fails.
fn run_once(command: &[OsString], memory: bool, work: &Path) -> Measurement {
    let time_file = work.join("time.out");
    let mut cmd = if memory {
        let mut c = Command::new(TIME_BIN);
        c.arg("-f").arg("%M").arg("-o").arg(&time_file).args(command);
        c
    } else {
        let mut c = Command::new(&command[0]);
        c.args(&command[1..]);
        c
    };
    cmd.stdin(Stdio::null());
    let start = Instant::now();
    let output = cmd.output().unwrap_or_else(|e| panic!("cannot run {:?}: {e}", command[0]));
    let seconds = start.elapsed().as_secs_f64();
    if !output.status.success() {
        panic!("{:?} failed ({}):\n--- stdout ---\n{}\n--- stderr ---\n{}", command, output.status, tail(&output.stdout), tail(&output.stderr));
    }
    // GNU time writes "%M" (KiB) as the last line; earlier lines may be status notes.
    let peak_mib = memory
        .then(|| fs::read_to_string(&time_file).ok())
        .flatten()
        .and_then(|s| s.lines().rev().find(|l| !l.trim().is_empty()).and_then(|l| l.trim().parse::<f64>().ok()))
        .map(|kib| kib / 1024.0);
    Measurement { seconds, peak_mib }
}

fn tail(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

/// Whether `/usr/bin/time -f %M -o FILE` works here (GNU time; BSD time has no -f).
fn time_available(work: &Path) -> bool {
    let file = work.join("time.probe");
    let ok = Command::new(TIME_BIN)
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&file)
        .arg("true")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let parsed = ok && fs::read_to_string(&file).is_ok_and(|s| s.lines().last().is_some_and(|l| l.trim().parse::<u64>().is_ok()));
    let _ = fs::remove_file(&file);
    parsed
}

#[derive(Clone, Copy)]
struct Stats {
    runs: usize,
    median: f64,
    min: f64,
    max: f64,
    peak_mib: Option<f64>,
}

impl Stats {
    fn of(samples: &[Measurement]) -> Stats {
        let mut t: Vec<f64> = samples.iter().map(|m| m.seconds).collect();
        t.sort_by(f64::total_cmp);
        let n = t.len();
        let median = if n % 2 == 1 { t[n / 2] } else { (t[n / 2 - 1] + t[n / 2]) / 2.0 };
        let peak_mib = samples.iter().map(|m| m.peak_mib).try_fold(0.0f64, |acc, p| p.map(|p| acc.max(p)));
        Stats { runs: n, median, min: t[0], max: t[n - 1], peak_mib }
    }
}

struct Check {
    name: String,
    value: Option<f64>,
    target: Option<f64>,
    unit: &'static str,
}

impl Check {
    fn new(name: String, value: Option<f64>, target: Option<f64>, unit: &'static str) -> Check {
        Check { name, value, target, unit }
    }

    fn verdict(&self) -> &'static str {
        match (self.value, self.target) {
            (Some(v), Some(t)) if v <= t => "PASS",
            (Some(_), Some(_)) => "MISS",
            (None, Some(_)) => "n/a",
            (_, None) => "info",
        }
    }
}

fn count_html(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()).filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum()
}

/// `cargo build --release --bin kyklos --example floor`; returns the executables' paths.
fn build_binaries(manifest_dir: &Path, only_floor: bool) -> (Option<PathBuf>, PathBuf) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(manifest_dir)
        .args(["build", "--release", "--message-format=json-render-diagnostics", "--manifest-path"])
        .arg(manifest_dir.join("Cargo.toml"));
    if !only_floor {
        cmd.args(["--bin", "kyklos"]);
    }
    cmd.args(["--example", "floor"]).stdout(Stdio::piped()).stderr(Stdio::inherit());
    println!("building release binaries: cargo build --release {}--example floor", if only_floor { "" } else { "--bin kyklos " });
    let mut child = cmd.spawn().expect("cannot run cargo");
    let mut exes: BTreeMap<(String, String), PathBuf> = BTreeMap::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let Ok(line) = line else { break };
        let Ok(msg) = serde_json::from_str::<Value>(&line) else { continue };
        if msg["reason"] != "compiler-artifact" {
            continue;
        }
        if let (Some(exe), Some(name)) = (msg["executable"].as_str(), msg["target"]["name"].as_str()) {
            for kind in msg["target"]["kind"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                exes.insert((kind.to_string(), name.to_string()), PathBuf::from(exe));
            }
        }
    }
    let status = child.wait().expect("cargo build");
    assert!(status.success(), "cargo build --release failed");
    let floor = exes.remove(&("example".into(), "floor".into())).expect("cargo reported no floor example");
    let kyklos = (!only_floor).then(|| exes.remove(&("bin".into(), "kyklos".into())).expect("cargo reported no kyklos binary"));
    (kyklos, floor)
}

// ---------------------------------------------------------------------------------------------
// The synthetic course

struct Corpus {
    name: String,
    /// Lessons per language.
    lessons: usize,
    languages: usize,
}

impl Corpus {
    fn dir(&self, work: &Path) -> PathBuf {
        work.join(format!("corpus-{}", self.name))
    }

    fn lessons_per_module(&self) -> usize {
        self.lessons.div_ceil(MODULES.min(self.lessons))
    }

    /// Up to a hundred modules (of 100 lessons at full size), none empty.
    fn modules(&self) -> usize {
        self.lessons.div_ceil(self.lessons_per_module())
    }

    /// Markdown pages per language: the home page, the course page, the module pages and the lessons.
    fn pages_per_language(&self) -> usize {
        2 + self.modules() + self.lessons
    }

    fn page_count(&self) -> usize {
        self.pages_per_language() * self.languages
    }

    fn stamp(&self) -> String {
        format!("generator {GENERATOR_VERSION}, seed {SEED:#x}, {} lessons, {} languages\n", self.lessons, self.languages)
    }

    /// Generates the corpus unless an identical one is already there; true if generated.
    fn ensure(&self, work: &Path) -> bool {
        let dir = self.dir(work);
        let stamp_path = dir.join(".bench-stamp");
        if fs::read_to_string(&stamp_path).is_ok_and(|s| s == self.stamp()) {
            return false;
        }
        if dir.exists() {
            fs::remove_dir_all(&dir).expect("remove old corpus");
        }
        fs::create_dir_all(&dir).expect("create corpus folder");

        // SCORM packaging is off: the floor writes pages only, so pages are what is compared.
        let mut yaml = String::from("title: Bench course\nscorm: off\nlanguages:\n");
        for (code, name) in &LANGUAGES[..self.languages] {
            yaml.push_str(&format!("  - code: {code}\n    name: {name}\n"));
        }
        fs::write(dir.join("site.yaml"), yaml).unwrap();

        let modules = self.modules();
        let per_module = self.lessons_per_module();
        let width = digits(per_module).max(2);
        let mut jobs: Vec<(PathBuf, Page)> = Vec::new();
        for (li, (code, _)) in LANGUAGES[..self.languages].iter().enumerate() {
            // The sample site's shape: a home page, and the course in a folder under it.
            let home_dir = dir.join("content").join(code);
            jobs.push((home_dir.join("index.md"), Page::Home));
            let lang_dir = home_dir.join("01-course");
            jobs.push((lang_dir.join("index.md"), Page::Course { lang: li }));
            for m in 0..modules {
                let first = m * per_module;
                let last = ((m + 1) * per_module).min(self.lessons);
                let mod_dir = lang_dir.join(format!("{:02}-module-{:02}", m + 1, m + 1));
                jobs.push((mod_dir.join("index.md"), Page::Module { lang: li, module: m }));
                for (k, lesson) in (first..last).enumerate() {
                    let file = format!("{:0width$}-lesson-{:05}.md", k + 1, lesson + 1);
                    jobs.push((mod_dir.join(file), Page::Lesson { lang: li, lesson }));
                }
            }
        }
        jobs.par_iter().for_each(|(path, page)| {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).unwrap();
            }
            fs::write(path, page.render()).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        });
        fs::write(stamp_path, self.stamp()).unwrap();
        true
    }
}

fn digits(n: usize) -> usize {
    n.to_string().len()
}

enum Page {
    Home,
    Course { lang: usize },
    Module { lang: usize, module: usize },
    Lesson { lang: usize, lesson: usize },
}

impl Page {
    fn render(&self) -> String {
        match *self {
            Page::Home => "---\ntitle: Bench site\n---\n\nThe [course](01-course/index.md).\n".to_string(),
            Page::Course { lang } => {
                let mut rng = Rng::new(SEED ^ ((lang as u64) << 40) ^ 0xC0);
                let mut s = String::from("---\ntitle: Bench course\nkind: course\n");
                s.push_str(&format!("description: \"{}\"\n---\n\n", rng.sentence(8, 14)));
                for _ in 0..3 {
                    s.push_str(&rng.paragraph(40, 70).0);
                    s.push_str("\n\n");
                }
                s
            }
            Page::Module { lang, module } => {
                let mut rng = Rng::new(SEED ^ ((lang as u64) << 40) ^ ((module as u64) << 20) ^ 0x30D);
                let mut s = format!("---\ntitle: \"Module {} — {}\"\nkind: module\n", module + 1, rng.title());
                s.push_str(&format!("description: \"{}\"\n---\n\n", rng.sentence(8, 14)));
                for _ in 0..2 {
                    s.push_str(&rng.paragraph(40, 70).0);
                    s.push_str("\n\n");
                }
                s
            }
            Page::Lesson { lang, lesson } => lesson_text(lang, lesson),
        }
    }
}

/// One lesson: ~830 words (paragraphs, headings, a table, two lists), code in every third.
fn lesson_text(lang: usize, lesson: usize) -> String {
    let mut rng = Rng::new(SEED ^ ((lang as u64) << 40) ^ lesson as u64);
    let target = WORDS_PER_LESSON - 40 + rng.below(81); // 790..=870, mean 830
    let mut words = 0;
    let mut s = String::with_capacity(7 * 1024);
    s.push_str(&format!("---\ntitle: \"Lesson {} — {}\"\n", lesson + 1, rng.title()));
    s.push_str(&format!("description: \"{}\"\n---\n\n", rng.sentence(8, 14)));

    let (intro, n) = rng.paragraph(50, 80);
    words += n;
    s.push_str(&intro);
    s.push_str("\n\n");
    section(&mut s, &mut rng, &mut words, 2);

    // A table.
    let heading = rng.title();
    words += heading.split_whitespace().count();
    s.push_str(&format!("## {heading}\n\n"));
    let (p, n) = rng.paragraph(20, 35);
    words += n;
    s.push_str(&p);
    s.push_str("\n\n| Term | Meaning | Example | Weight |\n|------|---------|---------|-------:|\n");
    words += 4;
    for _ in 0..5 {
        let term = capitalise(rng.word());
        let meaning = rng.phrase(3, 6);
        let example = format!("`{}_{}`", rng.word(), rng.word());
        words += 1 + meaning.split_whitespace().count() + 1 + 1;
        s.push_str(&format!("| {term} | {meaning} | {example} | {}.{} |\n", rng.below(100), rng.below(10)));
    }
    s.push('\n');

    section(&mut s, &mut rng, &mut words, 1);
    // A bullet list.
    for _ in 0..5 {
        let item = rng.phrase(6, 12);
        words += item.split_whitespace().count();
        s.push_str(&format!("- {item}\n"));
    }
    s.push('\n');

    section(&mut s, &mut rng, &mut words, 1);
    // A numbered list.
    for i in 1..=5 {
        let item = rng.phrase(6, 12);
        words += item.split_whitespace().count();
        s.push_str(&format!("{i}. {item}\n"));
    }
    s.push('\n');

    // A code block in every third lesson, alternating Rust and Python.
    if lesson.is_multiple_of(3) {
        let heading = rng.title();
        words += heading.split_whitespace().count();
        s.push_str(&format!("## {heading}\n\n"));
        let (p, n) = rng.paragraph(20, 35);
        words += n;
        s.push_str(&p);
        s.push_str("\n\n");
        if (lesson / 3).is_multiple_of(2) {
            s.push_str("```rust\n");
            s.push_str(&rust_code(&mut rng));
        } else {
            s.push_str("```python\n");
            s.push_str(&python_code(&mut rng));
        }
        s.push_str("```\n\n");
    }

    // Fill up to the target with further sections.
    while words < target {
        let heading = rng.title();
        words += heading.split_whitespace().count();
        s.push_str(&format!("## {heading}\n\n"));
        for _ in 0..2 {
            if words >= target {
                break;
            }
            let remaining = target - words;
            let (p, n) = if remaining <= 85 { rng.paragraph(remaining.max(10), remaining.max(10)) } else { rng.paragraph(30, 85) };
            words += n;
            s.push_str(&p);
            s.push_str("\n\n");
        }
    }
    s
}

/// A `##` heading followed by `paragraphs` paragraphs.
fn section(s: &mut String, rng: &mut Rng, words: &mut usize, paragraphs: usize) {
    let heading = rng.title();
    *words += heading.split_whitespace().count();
    s.push_str(&format!("## {heading}\n\n"));
    for _ in 0..paragraphs {
        let (p, n) = rng.paragraph(45, 85);
        *words += n;
        s.push_str(&p);
        s.push_str("\n\n");
    }
}

fn rust_code(rng: &mut Rng) -> String {
    let f = format!("{}_{}", rng.word(), rng.word());
    let ty = capitalise(rng.word());
    let field = rng.word();
    let (a, b, c) = (rng.below(50) + 2, rng.below(900) + 100, rng.below(9) + 1);
    let comment = rng.sentence(5, 10);
    let label = rng.word();
    format!(
        r#"use std::collections::HashMap;

/// {comment}
#[derive(Debug, Clone, PartialEq)]
pub struct {ty} {{
    pub {field}: Vec<u32>,
    pub label: String,
}}

impl {ty} {{
    pub fn new(label: &str) -> Self {{
        Self {{ {field}: Vec::with_capacity({a}), label: label.to_string() }}
    }}
}}

fn {f}(items: &[u32], limit: usize) -> Option<u64> {{
    let mut total: u64 = 0;
    let mut seen: HashMap<u32, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate().take(limit) {{
        *seen.entry(*item).or_insert(0) += 1;
        if i % {c} == 0 {{
            total += u64::from(*item) * {a};
        }} else {{
            total = total.saturating_sub({c});
        }}
    }}
    // Values above {b} are halved.
    match total {{
        0 => None,
        t if t > {b} => Some(t / 2),
        t => Some(t),
    }}
}}

fn main() {{
    let mut value = {ty}::new("{label}");
    value.{field}.extend([{a}, {b}, {c}, 42]);
    println!("{{:?}} -> {{:?}}", value, {f}(&value.{field}, {a}));
}}
"#
    )
}

fn python_code(rng: &mut Rng) -> String {
    let f = format!("{}_{}", rng.word(), rng.word());
    let class = capitalise(rng.word()) + &capitalise(rng.word());
    let (a, b, c) = (rng.below(50) + 2, rng.below(900) + 100, rng.below(9) + 1);
    let doc = rng.sentence(5, 10);
    let key = rng.word();
    format!(
        r#"from dataclasses import dataclass, field


def {f}(items, limit={a}):
    """{doc}"""
    total = 0
    for i, item in enumerate(items[:limit]):
        if i % {c} == 0:
            total += item * {a}
        else:
            total = max(0, total - {c})
    # Values above {b} are halved.
    return {{"{key}": total // 2 if total > {b} else total}}


@dataclass
class {class}:
    values: list = field(default_factory=list)
    label: str = "{key}"

    def run(self, limit=None):
        return {f}(self.values, limit or len(self.values))


if __name__ == "__main__":
    print({class}([{a}, {b}, {c}, 42]).run())
"#
    )
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// SplitMix64: deterministic, dependency-free, good enough for filler text.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut r = Rng(seed);
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }

    /// Three to five capitalised words.
    fn title(&mut self) -> String {
        let n = self.range(3, 5);
        let mut t = capitalise(self.word());
        for _ in 1..n {
            t.push(' ');
            t.push_str(self.word());
        }
        t
    }

    /// Plain words without punctuation (list items, table cells).
    fn phrase(&mut self, lo: usize, hi: usize) -> String {
        let n = self.range(lo, hi);
        let mut p = capitalise(self.word());
        for _ in 1..n {
            p.push(' ');
            p.push_str(self.word());
        }
        p
    }

    /// A plain sentence (safe inside a double-quoted YAML string).
    fn sentence(&mut self, lo: usize, hi: usize) -> String {
        self.phrase(lo, hi) + "."
    }

    /// A paragraph of lo..=hi words in sentences, with some inline Markdown
    /// (strong, emphasis, code, quotes and dashes for smart punctuation). Returns (text, words).
    fn paragraph(&mut self, lo: usize, hi: usize) -> (String, usize) {
        let n = self.range(lo, hi);
        let mut p = String::with_capacity(n * 8);
        let mut in_sentence = 0;
        let mut sentence_len = self.range(6, 16);
        for i in 0..n {
            let w = if in_sentence == 0 { capitalise(self.word()) } else { self.word().to_string() };
            if i > 0 {
                p.push(' ');
            }
            match self.below(40) {
                0 | 1 => p.push_str(&format!("**{w}**")),
                2 | 3 => p.push_str(&format!("*{w}*")),
                4 => p.push_str(&format!("`{}()`", w.to_lowercase())),
                5 => p.push_str(&format!("\"{w}\"")),
                6 => p.push_str(&format!("{w}'s")),
                _ => p.push_str(&w),
            }
            in_sentence += 1;
            if in_sentence >= sentence_len || i + 1 == n {
                p.push(if self.below(8) == 0 { '?' } else { '.' });
                in_sentence = 0;
                sentence_len = self.range(6, 16);
            } else if self.below(12) == 0 {
                p.push(',');
            } else if self.below(60) == 0 {
                p.push_str(" --");
            }
        }
        (p, n)
    }
}

const WORDS: &[&str] = &[
    "learning",
    "course",
    "module",
    "lesson",
    "student",
    "teacher",
    "question",
    "answer",
    "example",
    "exercise",
    "practice",
    "theory",
    "method",
    "result",
    "system",
    "network",
    "energy",
    "water",
    "river",
    "mountain",
    "forest",
    "city",
    "village",
    "market",
    "history",
    "language",
    "culture",
    "science",
    "number",
    "pattern",
    "function",
    "variable",
    "value",
    "table",
    "list",
    "record",
    "signal",
    "sensor",
    "circuit",
    "voltage",
    "current",
    "resistance",
    "power",
    "light",
    "sound",
    "colour",
    "shape",
    "surface",
    "volume",
    "measure",
    "distance",
    "speed",
    "time",
    "season",
    "weather",
    "climate",
    "soil",
    "plant",
    "seed",
    "harvest",
    "animal",
    "habitat",
    "species",
    "cell",
    "protein",
    "molecule",
    "atom",
    "element",
    "reaction",
    "solution",
    "mixture",
    "sample",
    "experiment",
    "observation",
    "hypothesis",
    "evidence",
    "argument",
    "claim",
    "source",
    "author",
    "reader",
    "story",
    "chapter",
    "paragraph",
    "sentence",
    "word",
    "meaning",
    "context",
    "structure",
    "process",
    "stage",
    "step",
    "goal",
    "outcome",
    "skill",
    "project",
    "team",
    "community",
    "school",
    "library",
    "archive",
    "map",
    "route",
    "border",
    "region",
    "country",
    "economy",
    "trade",
    "price",
    "budget",
    "resource",
    "material",
    "tool",
    "machine",
    "engine",
    "design",
    "model",
    "drawing",
    "plan",
    "review",
    "feedback",
    "progress",
    "challenge",
    "problem",
    "idea",
    "concept",
    "principle",
    "rule",
    "law",
    "right",
    "duty",
    "choice",
    "decision",
    "risk",
    "safety",
    "health",
    "food",
    "kitchen",
    "garden",
    "field",
    "clear",
    "simple",
    "careful",
    "useful",
    "open",
    "shared",
    "local",
    "global",
    "early",
    "late",
    "small",
    "large",
    "quick",
    "slow",
    "bright",
    "quiet",
    "strong",
    "gentle",
    "green",
    "ancient",
    "modern",
    "digital",
    "practical",
    "central",
    "common",
    "rare",
    "visible",
    "hidden",
    "natural",
    "formal",
    "explore",
    "compare",
    "describe",
    "explain",
    "measure",
    "record",
    "predict",
    "test",
    "build",
    "repair",
    "collect",
    "organise",
    "present",
    "discuss",
    "translate",
    "connect",
    "observe",
    "calculate",
    "estimate",
    "improve",
    "and",
    "or",
    "but",
    "with",
    "from",
    "into",
    "about",
    "between",
    "through",
    "under",
    "the",
    "a",
    "the",
    "of",
    "to",
    "in",
    "for",
    "on",
    "by",
    "as",
    "is",
    "are",
    "was",
    "can",
    "will",
    "should",
    "often",
    "always",
    "also",
    "then",
    "each",
    "every",
    "many",
    "several",
    "this",
    "that",
    "these",
    "their",
    "our",
    "your",
];
