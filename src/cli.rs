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
    },
    /// Report every problem in the site at once, writing nothing; exit 1 if there are errors.
    Check {
        /// The site folder (holds site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `file:line:col: error: message` with an indented hint.
    Human,
    /// One line per problem, `file:line:col: error: message`, for editors and CI.
    Short,
}
