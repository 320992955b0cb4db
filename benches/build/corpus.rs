//! The synthetic course: deterministic pseudo-random lessons in kyklos's content format
//! (front matter, `##` sections, a table, two lists, code in every third lesson).

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// Bump when the generated text changes, so cached corpora are regenerated.
pub const GENERATOR_VERSION: u32 = 3;
pub const SEED: u64 = 0x6b79_6b6c_6f73_2e31; // "kyklos.1"
const MODULES: usize = 100;
const WORDS_PER_LESSON: usize = 830;
const LANGUAGES: [(&str, &str); 5] = [("en", "English"), ("el", "Ελληνικά"), ("es", "Español"), ("de", "Deutsch"), ("cs", "Čeština")];

pub struct Corpus {
    pub name: String,
    /// Lessons per language.
    pub lessons: usize,
    pub languages: usize,
}

impl Corpus {
    pub fn dir(&self, work: &Path) -> PathBuf {
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

    pub fn page_count(&self) -> usize {
        self.pages_per_language() * self.languages
    }

    pub fn stamp(&self) -> String {
        format!("generator {GENERATOR_VERSION}, seed {SEED:#x}, {} lessons, {} languages\n", self.lessons, self.languages)
    }

    /// Generates the corpus unless an identical one is already there; true if generated.
    pub fn ensure(&self, work: &Path) -> bool {
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

/// A copy of the corpus at `dir` with `line` added to its site.yaml: the pages are hard links
/// (regular files, no copying), site.yaml is its own file. Rebuilt when the original changed.
pub fn variant(original: &Path, dir: &Path, line: &str) {
    let stamp = fs::read_to_string(original.join(".bench-stamp")).unwrap_or_default() + line;
    if fs::read_to_string(dir.join(".bench-stamp")).is_ok_and(|s| s == stamp) {
        return;
    }
    if dir.exists() {
        fs::remove_dir_all(dir).expect("remove old corpus variant");
    }
    for entry in walkdir::WalkDir::new(original).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(original).expect("inside the corpus");
        let target = dir.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create variant folder");
        } else if rel == Path::new("site.yaml") {
            let yaml = fs::read_to_string(entry.path()).expect("read site.yaml");
            fs::write(&target, yaml + line).expect("write variant site.yaml");
        } else if rel != Path::new(".bench-stamp") {
            fs::hard_link(entry.path(), &target).or_else(|_| fs::copy(entry.path(), &target).map(|_| ())).expect("link a page");
        }
    }
    fs::write(dir.join(".bench-stamp"), stamp).expect("write variant stamp");
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
