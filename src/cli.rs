//! The command line (clap): commands and their options, resolved once into values.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "kyklos", version, about = "Build multilingual open educational resources: a static site with quizzes, and SCORM packages.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into dist/ (the previous dist/ survives a failed build).
    Build {
        /// The site folder (holds site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder [default: ROOT/dist].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print how long each step took.
        #[arg(long, short)]
        verbose: bool,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Build only this language's folder (and search index) plus the files all languages
        /// share; repeatable (`--lang en --lang el`). Other languages' files in the output
        /// folder are left as they are, so folders built in parallel jobs can be merged.
        #[arg(long = "lang", value_name = "CODE")]
        langs: Vec<String>,
        /// Treat warnings (e.g. a video without captions in its page's language) as errors.
        #[arg(long)]
        strict: bool,
        /// Render every page again. By default a page whose sources, theme, settings and
        /// interface strings did not change since the last build into the same folder is kept
        /// (the build records what it made in `.dist.kyklos-state` beside the output folder).
        #[arg(long)]
        fresh: bool,
    },
    /// Preview the site on http://127.0.0.1:PORT/, rebuilding and reloading on every change.
    Serve {
        /// The site folder (holds site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on; 0 picks a free one (printed).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on. Anything but 127.0.0.1 or ::1 makes the preview reachable
        /// from other machines (a warning says so).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Build the SCORM packages on every rebuild (by default only when the Downloads page
        /// or a package is opened in the preview).
        #[arg(long)]
        packages: bool,
        /// Print how long each step of every rebuild took.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Create a starter site in DIR: a course with a module, lessons and a quiz, a guide, a
    /// collection of practices, a home page in every language, and AUTHORS.md.
    New {
        /// The folder to create (must not exist or be empty).
        dir: PathBuf,
        /// The site's languages, the default first: `--lang en,el,ar`.
        #[arg(long, value_delimiter = ',', default_value = "en")]
        lang: Vec<String>,
    },
    /// Show what is translated, missing or outdated in each language.
    Translations {
        /// The site folder (holds site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Only this language.
        #[arg(long)]
        lang: Option<String>,
        /// Show, for each outdated file, what changed in the original since it was translated.
        #[arg(long)]
        diff: bool,
        #[command(subcommand)]
        action: Option<TranslationsAction>,
    },
    /// Report every problem in the site at once, writing nothing; exit 1 if there are errors.
    Check {
        /// The site folder (holds site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings (e.g. a video without captions in its page's language) as errors.
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A table for people.
    Table,
    /// JSON for scripts and dashboards.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum TranslationsAction {
    /// Mark translated files as done: records which version of the original they match.
    Mark {
        /// The language code, e.g. `el`.
        lang: String,
        /// Files relative to content/<lang>/ (or paths to them); none with --all.
        files: Vec<String>,
        /// Mark every translated page and quiz of the language.
        #[arg(long)]
        all: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:col: error: message` with an indented hint.
    Human,
    /// One line per problem, `file:line:col: error: message`, for editors and CI.
    Short,
}
