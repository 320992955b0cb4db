//! The `kyklos` binary: parse the command line, run, print diagnostics, exit.
//! Exit codes: 0 success, 1 content or build errors, 2 usage errors (from clap).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use kyklos::cli::{Cli, Command, Format};
use kyklos::diagnostics::Diagnostics;
use kyklos::pipeline::{self, Options};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out, verbose, format } => {
            let out = out.unwrap_or_else(|| pipeline::default_out(&root));
            let opts = Options { root, out: out.clone(), dry_run: false };
            match pipeline::run(&opts) {
                Ok(report) => {
                    print_diagnostics(report.diagnostics, format);
                    if verbose {
                        for (step, took) in &report.timings {
                            eprintln!("  {step:<10} {:>8.1} ms", took.as_secs_f64() * 1000.0);
                        }
                    }
                    eprintln!(
                        "Built {} pages into {} ({} files, {} changed, {} removed).",
                        report.pages,
                        out.display(),
                        report.output.files,
                        report.output.changed,
                        report.output.removed
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => fail(diags, format, "The build failed; the previous output is untouched."),
            }
        }
        Command::Check { root, format } => {
            let opts = Options { root: root.clone(), out: pipeline::default_out(&root), dry_run: true };
            match pipeline::run(&opts) {
                Ok(report) => {
                    let warnings = report.diagnostics.warning_count();
                    print_diagnostics(report.diagnostics, format);
                    eprintln!("No errors in {} pages ({warnings} warnings).", report.pages);
                    ExitCode::SUCCESS
                }
                Err(diags) => fail(diags, format, ""),
            }
        }
    }
}

fn fail(diags: Diagnostics, format: Format, note: &str) -> ExitCode {
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    print_diagnostics(diags, format);
    let plural = |n: usize, w: &str| if n == 1 { format!("{n} {w}") } else { format!("{n} {w}s") };
    eprintln!("{}, {}. {note}", plural(errors, "error"), plural(warnings, "warning"));
    ExitCode::from(1)
}

fn print_diagnostics(diags: Diagnostics, format: Format) {
    let mut err = std::io::stderr().lock();
    for d in diags.sorted() {
        let _ = match format {
            Format::Human => writeln!(err, "{d}"),
            Format::Short => writeln!(err, "{}", d.to_string().lines().next().unwrap_or("")),
        };
    }
}
