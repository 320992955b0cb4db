//! The `kyklos` binary: parse the command line, run, print diagnostics, exit.
//! Exit codes: 0 success, 1 content or build errors, 2 usage errors (from clap).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use kyklos::cli::{Cli, Command, Format, ReportFormat, TranslationsAction};
use kyklos::diagnostics::{count, Diagnostics};
use kyklos::pipeline::{self, Options};
use kyklos::translations;

/// `kyklos translations | head` must end quietly when `head` closes the pipe, as Unix tools do,
/// not panic in `println!`. The preview server keeps Rust's default (writes to a closed socket
/// return an error there, handled per connection).
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Ends a build that succeeded, its files and its state file written and its messages printed,
/// without freeing `report` and without the process's exit handlers: mimalloc's would first
/// give the memory of the build back to the system page by page (`madvise`, about 15 ms of one
/// core on 10,000 lessons while the other waits), which the system does at once when the
/// process ends. The threads still freeing the build's site and cache end with it.
fn exit_now(report: pipeline::Report) -> ExitCode {
    std::mem::forget(report);
    #[cfg(unix)]
    if std::io::stdout().flush().is_ok() && std::io::stderr().flush().is_ok() {
        // SAFETY: `_exit` ends the process at once; every file this build wrote is closed (the
        // output was committed and the state file renamed into place) and the standard
        // streams are flushed just above.
        unsafe { libc::_exit(0) }
    }
    ExitCode::SUCCESS
}

/// mimalloc: rendering allocates many small strings on several threads, where it is markedly
/// faster than the system allocator.
#[cfg(not(target_os = "linux"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc, asked as C's `malloc` is where Rust asks no more than the alignment every block
/// of mimalloc has (see [`Mi`]).
#[cfg(target_os = "linux")]
#[global_allocator]
static GLOBAL: Mi = Mi;

/// mimalloc through its plain entry points where a layout's alignment is at most 8 bytes (a
/// string's 1, a vector of integers' 4 or 8: nearly every allocation of a build), which every
/// block of mimalloc has (its sizes are multiples of 8 from page starts aligned far more); its
/// aligned entry points, which the `mimalloc` crate calls for every allocation, otherwise.
/// The aligned path checks the alignment and looks for a fitting free block first: 353,660
/// calls took 19.4 M instructions on 1,000 lessons.
#[cfg(target_os = "linux")]
struct Mi;

#[cfg(target_os = "linux")]
const PLAIN_ALIGN: usize = 8;

// SAFETY: every pointer comes from mimalloc and goes back to it; mimalloc's plain entry points
// return blocks aligned to at least `PLAIN_ALIGN` (`MI_INTPTR_SIZE`), so a layout asking no
// more gets a block as aligned as it needs, and the others go through the aligned ones.
#[cfg(target_os = "linux")]
unsafe impl std::alloc::GlobalAlloc for Mi {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            libmimalloc_sys::mi_malloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            libmimalloc_sys::mi_zalloc(layout.size()).cast()
        } else {
            libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr.cast());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
        } else {
            libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
        }
    }
}

/// mimalloc gives freed memory back to the system 500 ms after it is freed, not 1 s (its
/// default): a build keeps every page's Markdown from the load and frees each as its page is
/// rendered, and memory given back sooner keeps the peak where it was when half the bodies were
/// read twice (10,000 lessons, medians of 9 runs: 142 MiB at 1 s, 134 at 500 ms, 127 at 300 ms
/// against 132 before; system time 0.28, 0.28 and 0.48 s: a shorter delay gives back memory the
/// render takes again, page fault by page fault). `MIMALLOC_PURGE_DELAY` still decides when set.
/// `mi_option_purge_delay` in the `mimalloc.h` of mimalloc 2 and 3 (libmimalloc-sys 0.1.49,
/// which does not export it); a test checks that this option has the purge delay's default.
#[cfg(target_os = "linux")]
const PURGE_DELAY: std::ffi::c_int = 15;

#[cfg(target_os = "linux")]
fn purge_sooner() {
    extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mimalloc's own setter, for an option it reads each time it purges.
        unsafe { mi_option_set(PURGE_DELAY, 500) }
    }
}

fn main() -> ExitCode {
    #[cfg(target_os = "linux")]
    purge_sooner();
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve { .. }) {
        quiet_on_closed_pipe();
    }
    match cli.command {
        Command::Build { root, out, verbose, format, langs, strict, fresh } => {
            let out = out.unwrap_or_else(|| pipeline::default_out(&root));
            let opts = Options { langs, strict, fresh, ..Options::build(&root, &out) };
            match pipeline::run(&opts) {
                Ok(mut report) => {
                    print_diagnostics(std::mem::take(&mut report.diagnostics), format);
                    if verbose {
                        for (step, took) in &report.timings {
                            eprintln!("  {step:<10} {:>8.1} ms", took.as_secs_f64() * 1000.0);
                        }
                        eprintln!("  {} of {} kept from the last build (unchanged)", report.reused, count(report.pages, "page"));
                        eprintln!(
                            "  {} of {} compared with the last build's by reading them back",
                            report.output.read_back,
                            count(report.output.files, "file")
                        );
                        for s in &report.search {
                            eprintln!(
                                "  search {}: {}, {}, {}, {} (largest file {})",
                                s.lang,
                                count(s.docs, "page"),
                                count(s.words, "word"),
                                count(s.files, "file"),
                                kyklos::files::human_size(s.bytes as u64),
                                kyklos::files::human_size(s.largest as u64)
                            );
                        }
                    }
                    eprintln!(
                        "Built {} into {} ({}, {} changed, {} removed).",
                        count(report.pages, "page"),
                        out.display(),
                        count(report.output.files, "file"),
                        report.output.changed,
                        report.output.removed
                    );
                    exit_now(report)
                }
                Err(diags) => fail(diags, format, "The build failed; the previous output is untouched."),
            }
        }
        Command::Serve { root, port, bind, open, packages, verbose } => {
            match kyklos::serve::serve(&kyklos::serve::ServeOptions { root, bind, port, open, packages, verbose }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::New { dir, lang } => match kyklos::new::create(&dir, &lang) {
            Ok(n) => {
                eprintln!("Created a starter site with {} in {}.", count(n, "file"), dir.display());
                eprintln!("Next: kyklos build --root {}  (or cd there and run kyklos serve)", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Translations { root, format, lang, diff, action } => translations(&root, format, lang.as_deref(), diff, action),
        Command::Check { root, format, strict } => {
            let opts = Options { strict, ..Options::check(&root) };
            match pipeline::run(&opts) {
                Ok(report) => {
                    let (_, warnings) = print_diagnostics(report.diagnostics, format);
                    eprintln!("No errors in {} ({}).", count(report.pages, "page"), count(warnings, "warning"));
                    ExitCode::SUCCESS
                }
                Err(diags) => fail(diags, format, ""),
            }
        }
    }
}

fn translations(root: &std::path::Path, format: ReportFormat, only: Option<&str>, show_diff: bool, action: Option<TranslationsAction>) -> ExitCode {
    let (site, mut diags) = match pipeline::load_only(root) {
        Ok(ok) => ok,
        Err(diags) => return fail(diags, Format::Human, ""),
    };
    if site.langs.len() < 2 {
        eprintln!("This site has one language ({}); add languages to site.yaml to translate it.", site.config.default_language().code);
        return ExitCode::SUCCESS;
    }
    if let Some(TranslationsAction::Mark { lang, files, all }) = action {
        return match translations::mark(&site, &lang, &files, all) {
            Ok(marked) => {
                for f in &marked {
                    eprintln!("marked content/{lang}/{f}");
                }
                eprintln!("{} marked as translated against the current originals.", count(marked.len(), "file"));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let stamps = translations::all_stamps(&site, &mut diags);
    let mut reports = translations::report(&site, &stamps);
    if let Some(code) = only {
        reports.retain(|r| r.lang == code);
        if reports.is_empty() {
            eprintln!("error: `{code}` is not a translation language of this site");
            return ExitCode::from(2);
        }
    }
    match format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&reports).unwrap_or_default()),
        ReportFormat::Table => {
            print!("{}", translations::table(&reports));
            if show_diff {
                for r in &reports {
                    if let Some(s) = stamps.get(&r.lang) {
                        for (rel, d) in translations::outdated_diffs(&site, s, &r.lang) {
                            println!("\n=== {} ({}): the original changed since it was translated\n{d}", rel, r.lang);
                        }
                    }
                }
            } else if reports.iter().any(|r| r.outdated > 0) {
                println!("\nSee what changed in the originals: kyklos translations --diff");
            }
        }
    }
    print_diagnostics(diags, Format::Human);
    ExitCode::SUCCESS
}

fn fail(diags: Diagnostics, format: Format, note: &str) -> ExitCode {
    let (errors, warnings) = print_diagnostics(diags, format);
    let note = if note.is_empty() { String::new() } else { format!(" {note}") };
    eprintln!("{}, {}.{note}", count(errors, "error"), count(warnings, "warning"));
    ExitCode::from(1)
}

/// Prints each problem once (a page shown untranslated in another language finds its own
/// problems again) and returns the number of errors and warnings printed.
fn print_diagnostics(diags: Diagnostics, format: Format) -> (usize, usize) {
    let mut err = std::io::stderr().lock();
    let shown = diags.sorted();
    for d in &shown {
        let _ = match format {
            Format::Human => writeln!(err, "{d}"),
            Format::Short => writeln!(err, "{}", d.to_string().lines().next().unwrap_or("")),
        };
    }
    let errors = shown.iter().filter(|d| d.is_error()).count();
    (errors, shown.len() - errors)
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn the_option_set_at_start_up_is_mimallocs_purge_delay() {
        extern "C" {
            fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
        }
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return; // the variable decides, and nothing is set at start-up
        }
        // Tests do not run `main`: the option still has its default, 1,000 ms in mimalloc 3 and
        // 10 ms in mimalloc 2; its neighbours default to 0 or 1. An upgrade that numbers the
        // options anew fails here instead of setting another option to 500.
        // SAFETY: mimalloc's own getter, safe at any time from any thread.
        let value = unsafe { mi_option_get(super::PURGE_DELAY) };
        assert!(value == 1000 || value == 10, "option {} is {value}, not mimalloc's purge delay", super::PURGE_DELAY);
    }

    /// Every layout gets a block as aligned as it asks, on the plain and the aligned path, and
    /// keeps its bytes through growing and shrinking; zeroed blocks are zero.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_allocator_aligns_every_layout_and_keeps_bytes_through_realloc() {
        use std::alloc::{GlobalAlloc, Layout};
        let mi = super::Mi;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 3, 7, 8, 9, 15, 16, 17, 24, 40, 1000, 1024, 5000, 70_000, 300_000] {
                let layout = Layout::from_size_align(size, align).unwrap_or_else(|e| panic!("{e}"));
                // SAFETY: a non-zero size; every block is used within its size and freed once.
                unsafe {
                    let zeroed = mi.alloc_zeroed(layout);
                    assert!(!zeroed.is_null() && (zeroed as usize).is_multiple_of(align), "zeroed {size} bytes at {align}");
                    assert!(std::slice::from_raw_parts(zeroed, size).iter().all(|&b| b == 0));
                    mi.dealloc(zeroed, layout);
                    for new_size in [size * 3 + 5, (size / 2).max(1)] {
                        let p = mi.alloc(layout);
                        assert!(!p.is_null() && (p as usize).is_multiple_of(align), "{size} bytes at {align}: {p:p}");
                        for i in 0..size {
                            *p.add(i) = i as u8;
                        }
                        let q = mi.realloc(p, layout, new_size);
                        assert!(!q.is_null() && (q as usize).is_multiple_of(align), "{size} -> {new_size} bytes at {align}");
                        assert!((0..size.min(new_size)).all(|i| *q.add(i) == i as u8), "{size} -> {new_size} bytes at {align}");
                        mi.dealloc(q, Layout::from_size_align_unchecked(new_size, align));
                    }
                }
            }
        }
    }
}
