//! The `briefing` command line: parses arguments, runs the library, prints
//! diagnostics and picks the exit code (0 success, 1 failure, 2 bad usage).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};

use briefing::diag::Diagnostics;
use briefing::load::LoadOptions;
use briefing::model::Briefing;
use briefing::render::Format;
use briefing::{BuildError, Options};

/// Turns a folder of news articles about one event into a sourced briefing
/// pack: Markdown, a static HTML site, a PDF and the JSON data model.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the briefing pack into the output folder (default `site/`).
    Build(BuildArgs),
    /// Load and analyse everything and report problems, writing nothing.
    Check(InputArgs),
}

#[derive(Args)]
struct InputArgs {
    /// Folder of articles (.txt, .md, .markdown), searched recursively.
    #[arg(long, default_value = "seeds", value_name = "DIR")]
    seeds: PathBuf,
    /// Folder of templates that replace the built-in ones by file name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Folder of data files (countries, titles, speech verbs…) that replace the built-in ones by file name.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Editorial settings; by default `briefing.toml` beside the seeds folder.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Largest article file read, in MiB; larger files are skipped with a warning.
    #[arg(long, default_value_t = 16, value_name = "MIB")]
    max_file_size: u64,
    /// Formats to produce, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [FormatArg::Md, FormatArg::Html, FormatArg::Pdf, FormatArg::Json])]
    format: Vec<FormatArg>,
    /// Print how long each stage took.
    #[arg(long)]
    timings: bool,
    /// Print only warnings and errors (and no progress bar).
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output folder; replaced as a whole when the build succeeds.
    #[arg(long, default_value = "site", value_name = "DIR")]
    out: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// briefing.md
    Md,
    /// index.html, one page per source, style.css
    Html,
    /// briefing.pdf with its Typst source briefing.typ
    Pdf,
    /// briefing.json and its JSON Schema
    Json,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Json => Format::Json,
        }
    }
}

fn options(input: &InputArgs, out: PathBuf) -> Options {
    let mut formats: Vec<Format> = input.format.iter().map(|&f| f.into()).collect();
    formats.sort();
    formats.dedup();
    Options {
        seeds: input.seeds.clone(),
        out,
        templates: input.templates.clone(),
        data: input.data.clone(),
        config: input.config.clone(),
        formats,
        load: LoadOptions { max_file_bytes: input.max_file_size.saturating_mul(1024 * 1024) },
    }
}

/// A build that takes longer than this shows a progress bar (on a terminal).
const PROGRESS_DELAY: Duration = Duration::from_secs(1);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    let mut diags = Diagnostics::default();
    let quiet = match &cli.command {
        Command::Build(args) => args.input.quiet,
        Command::Check(args) => args.quiet,
    };
    let progress = (!quiet && std::io::stderr().is_terminal())
        .then(|| briefing::progress::Terminal::start(PROGRESS_DELAY))
        .flatten();
    let (input, result, verb) = match &cli.command {
        Command::Build(args) => {
            let options = options(&args.input, args.out.clone());
            (&args.input, briefing::build(&options, &mut diags).map(|b| (b, Some(args.out.clone()))), "built")
        }
        Command::Check(args) => {
            let options = options(args, PathBuf::new());
            (args, briefing::check(&options, &mut diags).map(|b| (b, None)), "checked")
        }
    };
    if let Some(progress) = progress {
        progress.finish();
    }
    for diagnostic in diags.iter() {
        eprintln!("{diagnostic}");
    }
    if input.timings {
        for (stage, took) in briefing::timing::take() {
            eprintln!("timing: {stage:<16} {:>8.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
    match result {
        Ok((briefing, out)) => {
            if !input.quiet {
                eprintln!("{}", summary(verb, &briefing, out, diags.len(), started));
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {}", chain(&err));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes on one line: "cannot write x: permission denied".
fn chain(err: &BuildError) -> String {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

fn summary(verb: &str, briefing: &Briefing, out: Option<PathBuf>, warnings: usize, started: Instant) -> String {
    let place = out.map(|o| format!(" {}", o.display())).unwrap_or_default();
    format!(
        "{verb}{place} from {} article{} ({} skipped, {} warning{}) in {:.2} s",
        briefing.sources.len(),
        if briefing.sources.len() == 1 { "" } else { "s" },
        briefing.skipped.len(),
        warnings,
        if warnings == 1 { "" } else { "s" },
        started.elapsed().as_secs_f64()
    )
}
