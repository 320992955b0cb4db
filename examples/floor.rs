//! The benchmark "floor": the least work any static site generator must do
//! for a kyklos site.
//!
//! ```text
//! cargo run --release --example floor -- IN_DIR OUT_DIR
//! cargo run --release --example floor -- --no-highlight IN_DIR OUT_DIR
//! ```
//!
//! Walks `IN_DIR/content` recursively and, for every `.md` file, strips the
//! YAML front matter, renders the Markdown with pulldown-cmark (tables,
//! footnotes, strikethrough, task lists, smart punctuation), highlights fenced
//! code blocks with syntect's `ClassedHTMLGenerator`, wraps the result in a
//! minimal HTML page and writes it to the mirrored path (`.html`) under
//! `OUT_DIR`, in parallel with rayon. With `--no-highlight`, code blocks are
//! escaped text (syntect is not loaded).
//!
//! No templates, navigation, search index, link checking or multilingual
//! logic: `benches/build.rs` compares kyklos against this lower bound.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pulldown_cmark::{html, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().collect();
    let highlighting = match args.iter().position(|a| a == "--no-highlight") {
        Some(i) => {
            args.remove(i);
            false
        }
        None => true,
    };
    if args.len() != 3 {
        eprintln!("usage: floor [--no-highlight] IN_DIR OUT_DIR");
        return ExitCode::from(2);
    }
    let content = Path::new(&args[1]).join("content");
    let out = PathBuf::from(&args[2]);
    let start = Instant::now();

    let sources: Vec<PathBuf> = WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    if sources.is_empty() {
        eprintln!("floor: no Markdown files under {}", content.display());
        return ExitCode::FAILURE;
    }

    let syntaxes = if highlighting { SyntaxSet::load_defaults_newlines() } else { SyntaxSet::new() };
    let errors: Vec<String> = sources.par_iter().filter_map(|src| render_file(src, &content, &out, &syntaxes).err()).collect();
    for e in &errors {
        eprintln!("floor: {e}");
    }
    eprintln!("floor: {} pages in {:.3} s", sources.len() - errors.len(), start.elapsed().as_secs_f64());
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn render_file(src: &Path, content: &Path, out: &Path, syntaxes: &SyntaxSet) -> Result<(), String> {
    let text = fs::read_to_string(src).map_err(|e| format!("{}: {e}", src.display()))?;
    let (front, body) = split_front_matter(&text);
    let title = front.lines().find_map(|l| l.strip_prefix("title:")).map(|t| t.trim().trim_matches('"')).unwrap_or("");
    let rel = src.strip_prefix(content).map_err(|e| e.to_string())?;
    let lang = rel.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or("en");

    let mut page = String::with_capacity(body.len() * 2 + 512);
    page.push_str("<!DOCTYPE html>\n<html lang=\"");
    page.push_str(lang);
    page.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    escape_into(&mut page, title);
    page.push_str("</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n<main>\n");
    render_markdown(&mut page, body, syntaxes);
    page.push_str("</main>\n</body>\n</html>\n");

    let dest = out.join(rel).with_extension("html");
    if let Some(dir) = dest.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(&dest, page).map_err(|e| format!("{}: {e}", dest.display()))
}

/// Returns (front matter, body). A file without front matter is all body.
fn split_front_matter(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    match rest.find("\n---") {
        Some(end) => {
            let after = &rest[end + 4..];
            let body = after.find('\n').map_or("", |nl| &after[nl + 1..]);
            (&rest[..end], body)
        }
        None => ("", text),
    }
}

fn render_markdown(out: &mut String, markdown: &str, syntaxes: &SyntaxSet) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_SMART_PUNCTUATION;
    // `Some(lang)` while inside a code block; its text is buffered in `code`.
    let mut code_lang: Option<String> = None;
    let mut code = String::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Start(Tag::CodeBlock(kind)) => {
            code_lang = Some(match kind {
                CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                CodeBlockKind::Indented => String::new(),
            });
            code.clear();
            None
        }
        Event::Text(text) if code_lang.is_some() => {
            code.push_str(&text);
            None
        }
        Event::End(TagEnd::CodeBlock) => {
            let lang = code_lang.take().unwrap_or_default();
            Some(Event::Html(highlight(&code, &lang, syntaxes).into()))
        }
        other => Some(other),
    });
    html::push_html(out, events);
}

fn highlight(code: &str, lang: &str, syntaxes: &SyntaxSet) -> String {
    let syntax = syntaxes.find_syntax_by_token(lang);
    let mut html = String::with_capacity(code.len() * 4 + 64);
    match syntax {
        Some(s) => {
            html.push_str("<pre class=\"code\"><code class=\"language-");
            escape_into(&mut html, lang);
            html.push_str("\">");
            let mut gen = ClassedHTMLGenerator::new_with_class_style(s, syntaxes, ClassStyle::Spaced);
            for line in LinesWithEndings::from(code) {
                if gen.parse_html_for_line_which_includes_newline(line).is_err() {
                    // Fall back to plain escaped text, as any generator would.
                    html.truncate(0);
                    html.push_str("<pre class=\"code\"><code>");
                    escape_into(&mut html, code);
                    html.push_str("</code></pre>\n");
                    return html;
                }
            }
            html.push_str(&gen.finalize());
        }
        None => {
            html.push_str("<pre class=\"code\"><code>");
            escape_into(&mut html, code);
        }
    }
    html.push_str("</code></pre>\n");
    html
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}
