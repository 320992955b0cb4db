//! Build benchmark: kyklos against the "floor" (`examples/floor.rs`) and its peers
//! (Hugo; Zola and mdBook when they are on PATH), on the same synthetic course.
//!
//! ```text
//! nice -n 19 cargo bench --bench build                                      # everything
//! KYKLOS_BENCH_LESSONS=1000 KYKLOS_BENCH_RUNS=3 cargo bench --bench build   # quick
//! KYKLOS_BENCH_TOOLS=kyklos,floor cargo bench --bench build                 # some tools only
//! KYKLOS_BENCH_CORPUS_ONLY=1 cargo bench --bench build                      # corpora only (serve-latency)
//! ```
//!
//! A plain `main` (`harness = false`), not a timed test: it reports medians and ratios and
//! never fails because a machine is slow. It
//!
//! 1. generates two deterministic synthetic courses under `target/kyklos-bench/` ([`corpus`]):
//!    LESSONS × 1 language (default 10,000 lessons in `en`, 100 modules) and
//!    LESSONS/5 × 5 languages (en, el, es, de, cs; the same relative paths in each),
//!    and the same one-language course as a Hugo, Zola or mdBook site ([`peers`]);
//! 2. builds the release binaries (`cargo build --release --bin kyklos --example floor`);
//! 3. runs every configuration once as a warm-up (a build into an empty output folder under
//!    `/dev/shm`, a RAM disk, so the disk does not count), then KYKLOS_BENCH_RUNS times
//!    (default 5) into the same, existing output folder, configurations interleaved,
//!    measuring wall time, CPU time and peak RSS (via `/usr/bin/time -f "%U %S %M"`);
//! 4. prints median/min/max seconds and peak MiB, the ratios against their targets, the
//!    weight of kyklos's lesson pages and its search index ([`weight`]), and writes
//!    everything to `target/bench-results.json`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::{json, Value};

mod corpus;
mod peers;
mod weight;

use corpus::{Corpus, GENERATOR_VERSION};

const DEFAULT_LESSONS: usize = 10_000;
const DEFAULT_RUNS: usize = 5;

const TARGET_KYKLOS_OVER_FLOOR: f64 = 1.5;
const TARGET_NOHL_OVER_FLOOR: f64 = 2.0;
const TARGET_HUGO_OVER_KYKLOS: f64 = 4.0;
const TARGET_MULTI_OVER_SINGLE: f64 = 1.15;
const TARGET_SEARCH_OVER_NOSEARCH: f64 = 1.3;
const TARGET_PEAK_MIB: f64 = 200.0;

const TIME_BIN: &str = "/usr/bin/time";

/// The tools a run can measure (`KYKLOS_BENCH_TOOLS` picks some; all by default).
const TOOLS: [&str; 8] = ["floor", "floor-nohl", "kyklos", "kyklos-nohl", "kyklos-nosearch", "hugo", "zola", "mdbook"];

fn main() {
    let lessons = env_usize("KYKLOS_BENCH_LESSONS", DEFAULT_LESSONS).max(5);
    let runs = env_usize("KYKLOS_BENCH_RUNS", DEFAULT_RUNS).max(1);
    let wanted: Vec<String> = match std::env::var("KYKLOS_BENCH_TOOLS") {
        Ok(v) if !v.trim().is_empty() => v.split(',').map(|t| t.trim().to_string()).collect(),
        // The old switch, kept: floor only.
        _ if std::env::var("KYKLOS_BENCH_ONLY_FLOOR").is_ok_and(|v| !v.is_empty() && v != "0") => vec!["floor".into(), "floor-nohl".into()],
        _ => TOOLS.iter().map(|t| t.to_string()).collect(),
    };
    if let Some(bad) = wanted.iter().find(|t| !TOOLS.contains(&t.as_str())) {
        panic!("KYKLOS_BENCH_TOOLS: unknown tool `{bad}` (known: {})", TOOLS.join(", "));
    }
    let want = |tool: &str| wanted.iter().any(|t| t == tool);
    let multi_lessons = lessons / 5;

    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => manifest_dir.join(d),
        None => manifest_dir.join("target"),
    };
    let work = target_dir.join("kyklos-bench");
    fs::create_dir_all(&work).expect("create target/kyklos-bench");
    // Outputs go to a RAM disk where there is one: the disk's speed is not what is measured.
    let out_dir = match std::env::var_os("KYKLOS_BENCH_OUT") {
        Some(d) => PathBuf::from(d),
        None if Path::new("/dev/shm").is_dir() => PathBuf::from("/dev/shm/kyklos-bench"),
        None => work.clone(),
    };
    fs::create_dir_all(&out_dir).expect("create the output folder");

    println!("kyklos build benchmark: {lessons} lessons × 1 language and {multi_lessons} lessons × 5 languages");
    println!("{runs} timed run(s) per configuration after one warm-up; corpora in {}, outputs in {}", work.display(), out_dir.display());
    println!("machine: {}", machine());
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
    // The same course with highlighting off, and with search off (site.yaml differs).
    let variants = [("nohl", "highlight: off\n"), ("nosearch", "search: off\n")];
    for (name, line) in variants {
        corpus::variant(&single.dir(&work), &work.join(format!("corpus-{}-{name}", single.name)), line);
    }

    if std::env::var("KYKLOS_BENCH_CORPUS_ONLY").is_ok_and(|v| !v.is_empty() && v != "0") {
        println!("(KYKLOS_BENCH_CORPUS_ONLY is set: the corpora are ready, nothing is built or run)");
        return;
    }

    // 2. Binaries and peers.
    let any_kyklos = wanted.iter().any(|t| t.starts_with("kyklos"));
    let (kyklos_bin, floor_bin) = build_binaries(&manifest_dir, !any_kyklos);
    let memory = time_available(&work);
    if !memory {
        println!("note: {TIME_BIN} (GNU time) is missing or does not accept -f; peak memory is reported as n/a");
        println!("      (Debian/Ubuntu: apt-get install time)");
    }
    let stamp = format!("{} for peers\n", single.stamp());
    let mut peer_versions = Vec::new();
    let mut peer_configs = Vec::new();
    for tool in ["hugo", "zola", "mdbook"] {
        if !want(tool) {
            continue;
        }
        let Some(version) = peers::on_path(tool) else {
            println!("{tool}: not on PATH, skipped");
            continue;
        };
        println!("{tool}: {version}");
        peer_versions.push((tool, version));
        let site = work.join(format!("{tool}-{}", single.name));
        let out = out_dir.join(format!("out-{tool}-{}", single.name));
        let command = match tool {
            "hugo" => {
                peers::hugo_site(&single.dir(&work), &site, &stamp);
                peers::hugo_command(&site, &out)
            }
            "zola" => {
                peers::zola_site(&single.dir(&work), &site, &stamp);
                peers::zola_command(&site, &out)
            }
            _ => {
                peers::mdbook_site(&single.dir(&work), &site, &stamp);
                peers::mdbook_command(&site, &out)
            }
        };
        peer_configs.push(Config { tool, corpus: single.name.clone(), out, expected_pages: single.page_count(), command });
    }

    // 3. Configurations, warm-up, timed runs.
    let mut configs = Vec::new();
    for tool in ["floor", "floor-nohl", "kyklos", "kyklos-nohl", "kyklos-nosearch"] {
        if !want(tool) {
            continue;
        }
        let bin = if tool.starts_with("floor") { &floor_bin } else { kyklos_bin.as_ref().expect("kyklos was built") };
        let mut root = single.dir(&work);
        if let Some(variant) = tool.strip_prefix("kyklos-") {
            root = work.join(format!("corpus-{}-{variant}", single.name));
        }
        configs.push(Config::new(tool, bin, &root, &single, &out_dir));
        if tool == "floor" || tool == "kyklos" {
            configs.push(Config::new(tool, bin, &multi.dir(&work), &multi, &out_dir));
        }
    }
    configs.extend(peer_configs);
    let mut warmups = Vec::new();
    for c in &configs {
        if c.out.exists() {
            fs::remove_dir_all(&c.out).expect("remove old output folder");
        }
        let m = run_once(&c.command, memory, &work);
        warmups.push(m.seconds);
        let pages = count_html(&c.out);
        println!("warm-up {:<26} {:>8.3} s  {:>6} HTML files written", c.label(), m.seconds, pages);
        if pages < c.expected_pages {
            println!("warning: {} wrote {pages} HTML files for {} pages: is it building everything?", c.tool, c.expected_pages);
        }
    }
    let mut samples: Vec<Vec<Measurement>> = vec![Vec::new(); configs.len()];
    // The machine's 1-minute load average after each timed run: a shared machine says so.
    let mut loads: Vec<f64> = Vec::new();
    for run in 1..=runs {
        for (c, s) in configs.iter().zip(&mut samples) {
            let m = run_once(&c.command, memory, &work);
            let load = load_average();
            println!(
                "run {run}/{runs} {:<26} {:>8.3} s  {:>8} MiB  load {}",
                c.label(),
                m.seconds,
                m.peak_mib.map_or("n/a".into(), |v| format!("{v:.1}")),
                load.map_or("n/a".into(), |l| format!("{l:.2}"))
            );
            loads.extend(load);
            s.push(m);
        }
    }
    loads.sort_by(f64::total_cmp);
    let load_summary = (!loads.is_empty()).then(|| (loads[0], loads[loads.len() / 2], loads[loads.len() - 1]));

    // 4. Report.
    let stats: Vec<Stats> = samples.iter().map(|s| Stats::of(s)).collect();
    let find = |tool: &str, corpus: &Corpus| configs.iter().position(|c| c.tool == tool && c.corpus == corpus.name).map(|i| &stats[i]);
    let ratio = |a: Option<&Stats>, b: Option<&Stats>| match (a, b) {
        (Some(a), Some(b)) if b.median > 0.0 => Some(a.median / b.median),
        _ => None,
    };
    let cpu_ratio = |a: Option<&Stats>, b: Option<&Stats>| match (a.and_then(|a| a.cpu_median), b.and_then(|b| b.cpu_median)) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    };
    let s = &single.name;
    let mut checks = vec![
        Check::at_least(format!("hugo / kyklos ({s})"), ratio(find("hugo", &single), find("kyklos", &single)), TARGET_HUGO_OVER_KYKLOS),
        Check::at_most(format!("kyklos / floor ({s})"), ratio(find("kyklos", &single), find("floor", &single)), TARGET_KYKLOS_OVER_FLOOR),
        Check::at_most(format!("kyklos-nohl / floor-nohl ({s})"), ratio(find("kyklos-nohl", &single), find("floor-nohl", &single)), TARGET_NOHL_OVER_FLOOR),
        Check::at_most(format!("kyklos ({}) / ({s})", multi.name), ratio(find("kyklos", &multi), find("kyklos", &single)), TARGET_MULTI_OVER_SINGLE),
        Check::at_most(
            format!("kyklos / kyklos-nosearch ({s})"),
            ratio(find("kyklos", &single), find("kyklos-nosearch", &single)),
            TARGET_SEARCH_OVER_NOSEARCH,
        ),
        Check::info(format!("zola / kyklos ({s})"), ratio(find("zola", &single), find("kyklos", &single))),
        Check::info(format!("mdbook / kyklos ({s})"), ratio(find("mdbook", &single), find("kyklos", &single))),
        Check::info(format!("kyklos / floor ({})", multi.name), ratio(find("kyklos", &multi), find("floor", &multi))),
        Check::info(format!("floor ({}) / ({s})", multi.name), ratio(find("floor", &multi), find("floor", &single))),
        // The same ratios by CPU time (user + system), which a busy machine disturbs less.
        Check::info(format!("CPU: hugo / kyklos ({s})"), cpu_ratio(find("hugo", &single), find("kyklos", &single))),
        Check::info(format!("CPU: kyklos / floor ({s})"), cpu_ratio(find("kyklos", &single), find("floor", &single))),
        Check::info(format!("CPU: kyklos-nohl / floor-nohl ({s})"), cpu_ratio(find("kyklos-nohl", &single), find("floor-nohl", &single))),
        Check::info(format!("CPU: kyklos ({}) / ({s})", multi.name), cpu_ratio(find("kyklos", &multi), find("kyklos", &single))),
    ];
    for (i, c) in configs.iter().enumerate() {
        if c.tool.starts_with("kyklos") {
            checks.push(Check::at_most(format!("{} peak memory", c.label()), stats[i].peak_mib, TARGET_PEAK_MIB).unit(" MiB"));
        }
    }
    checks.retain(|c| c.value.is_some());

    println!();
    println!("{:<28} {:>5} {:>10} {:>9} {:>9} {:>10} {:>9}", "configuration", "runs", "median s", "min s", "max s", "CPU s", "peak MiB");
    for (c, s) in configs.iter().zip(&stats) {
        println!(
            "{:<28} {:>5} {:>10.3} {:>9.3} {:>9.3} {:>10} {:>9}",
            c.label(),
            s.runs,
            s.median,
            s.min,
            s.max,
            s.cpu_median.map_or("n/a".into(), |v| format!("{v:.2}")),
            s.peak_mib.map_or("n/a".into(), |v| format!("{v:.1}"))
        );
    }
    if let Some((lo, mid, hi)) = load_summary {
        println!(
            "load average (1 min) after the timed runs: min {lo:.2}, median {mid:.2}, max {hi:.2} on {} threads",
            std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
        );
    }
    println!();
    println!("{:<38} {:>11} {:>11}  result", "ratio / limit", "value", "target");
    for r in &checks {
        println!(
            "{:<38} {:>11} {:>11}  {}",
            r.name,
            r.value.map_or("n/a".into(), |v| fmt_value(v, r.unit)),
            r.target.map_or("-".into(), |(t, at_least)| format!("{} {}", if at_least { "≥" } else { "≤" }, fmt_value(t, r.unit))),
            r.verdict()
        );
    }

    // 5. Page weight and search index of kyklos's one-language build.
    let mut weights = Value::Null;
    if let Some(c) = configs.iter().find(|c| c.tool == "kyklos" && c.corpus == single.name) {
        let w = weight::measure(&c.out, "en");
        w.print();
        weights = w.to_json();
    }
    for c in configs.iter().filter(|c| c.tool == "kyklos") {
        weight::print_indexes(&c.label(), &c.out);
    }

    let results = json!({
        "generator_version": GENERATOR_VERSION,
        "lessons": lessons,
        "runs": runs,
        "warmup_runs": 1,
        "machine": machine(),
        "threads": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "unix_time": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        "memory_measured": memory,
        "load_during_runs": load_summary.map(|(lo, mid, hi)| json!({"min": lo, "median": mid, "max": hi})),
        "peers": peer_versions.iter().map(|(t, v)| json!({"tool": t, "version": v})).collect::<Vec<Value>>(),
        "configurations": configs.iter().zip(&stats).zip(&samples).zip(&warmups).map(|(((c, s), m), w)| json!({
            "name": c.label(),
            "tool": c.tool,
            "corpus": c.corpus,
            "pages": c.expected_pages,
            "median_s": s.median,
            "min_s": s.min,
            "max_s": s.max,
            "peak_mib": s.peak_mib,
            "median_cpu_s": s.cpu_median,
            "warmup_s": w,
            "samples_s": m.iter().map(|m| m.seconds).collect::<Vec<_>>(),
            "samples_peak_mib": m.iter().map(|m| m.peak_mib).collect::<Vec<_>>(),
            "samples_cpu_s": m.iter().map(|m| m.cpu_seconds).collect::<Vec<_>>(),
        })).collect::<Vec<Value>>(),
        "checks": checks.iter().map(|r| json!({
            "name": r.name,
            "value": r.value,
            "target": r.target.map(|t| t.0),
            "at_least": r.target.map(|t| t.1),
            "unit": r.unit.trim(),
            "result": r.verdict(),
        })).collect::<Vec<Value>>(),
        "kyklos_output": weights,
    });
    let json_path = target_dir.join("bench-results.json");
    fs::write(&json_path, serde_json::to_string_pretty(&results).unwrap() + "\n").expect("write bench-results.json");
    println!();
    println!("results written to {}", json_path.display());
}

/// The processor, its threads, memory and the load average, for the record.
fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("model name").map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())))
        .unwrap_or_else(|| "unknown processor".into());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("MemTotal:").and_then(|v| v.trim().trim_end_matches(" kB").parse::<f64>().ok())))
        .map_or(String::new(), |kib| format!(", {:.0} GiB", kib / 1024.0 / 1024.0));
    let load = fs::read_to_string("/proc/loadavg")
        .ok()
        .map_or(String::new(), |l| format!(", load average {}", l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")));
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    format!("{cpu}, {threads} threads{mem}{load}")
}

/// The 1-minute load average (Linux `/proc/loadavg`; none elsewhere).
fn load_average() -> Option<f64> {
    fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
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
    fn new(tool: &'static str, bin: &Path, root: &Path, corpus: &Corpus, out_dir: &Path) -> Config {
        let out = out_dir.join(format!("out-{tool}-{}", corpus.name));
        let command = if tool == "floor" {
            vec![bin.into(), root.into(), out.clone().into()]
        } else if tool == "floor-nohl" {
            vec![bin.into(), "--no-highlight".into(), root.into(), out.clone().into()]
        } else {
            // --fresh: every timed run is a full build (without it, a run after the first keeps
            // the pages that did not change).
            vec![bin.into(), "build".into(), "--fresh".into(), "--root".into(), root.into(), "--out".into(), out.clone().into()]
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
    /// User + system CPU time of the process and its children (with GNU time).
    cpu_seconds: Option<f64>,
    peak_mib: Option<f64>,
}

/// Runs the command once; panics (with its output) if it fails.
fn run_once(command: &[OsString], memory: bool, work: &Path) -> Measurement {
    let time_file = work.join("time.out");
    let mut cmd = if memory {
        let mut c = Command::new(TIME_BIN);
        c.arg("-f").arg("%U %S %M").arg("-o").arg(&time_file).args(command);
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
    // GNU time writes "%U %S %M" (user s, system s, peak KiB) as the last line; earlier lines
    // may be status notes.
    let last = memory.then(|| fs::read_to_string(&time_file).ok()).flatten().and_then(|s| s.lines().rev().find(|l| !l.trim().is_empty()).map(str::to_owned));
    let fields: Vec<f64> = last.iter().flat_map(|l| l.split_whitespace()).filter_map(|f| f.parse().ok()).collect();
    let (cpu_seconds, peak_mib) = match fields[..] {
        [user, system, kib] => (Some(user + system), Some(kib / 1024.0)),
        _ => (None, None),
    };
    Measurement { seconds, cpu_seconds, peak_mib }
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
    /// Median user + system CPU seconds, when GNU time measured every run.
    cpu_median: Option<f64>,
    peak_mib: Option<f64>,
}

impl Stats {
    fn of(samples: &[Measurement]) -> Stats {
        let mut t: Vec<f64> = samples.iter().map(|m| m.seconds).collect();
        t.sort_by(f64::total_cmp);
        let n = t.len();
        let median = median_of(t.clone());
        let peak_mib = samples.iter().map(|m| m.peak_mib).try_fold(0.0f64, |acc, p| p.map(|p| acc.max(p)));
        let cpu: Option<Vec<f64>> = samples.iter().map(|m| m.cpu_seconds).collect();
        Stats { runs: n, median, min: t[0], max: t[n - 1], cpu_median: cpu.map(median_of), peak_mib }
    }
}

fn median_of(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

struct Check {
    name: String,
    value: Option<f64>,
    /// The limit, and whether the value must be at least (true) or at most (false) that.
    target: Option<(f64, bool)>,
    unit: &'static str,
}

impl Check {
    fn at_most(name: String, value: Option<f64>, target: f64) -> Check {
        Check { name, value, target: Some((target, false)), unit: "×" }
    }

    fn at_least(name: String, value: Option<f64>, target: f64) -> Check {
        Check { name, value, target: Some((target, true)), unit: "×" }
    }

    fn info(name: String, value: Option<f64>) -> Check {
        Check { name, value, target: None, unit: "×" }
    }

    fn unit(self, unit: &'static str) -> Check {
        Check { unit, ..self }
    }

    fn verdict(&self) -> &'static str {
        match (self.value, self.target) {
            (Some(v), Some((t, true))) if v >= t => "PASS",
            (Some(v), Some((t, false))) if v <= t => "PASS",
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
