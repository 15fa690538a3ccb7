//! Writes a generated benchmark corpus into a folder:
//! `cargo run --release --example corpus -- --articles 1000 --seed 7 --out /tmp/corpus-1000`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes N generated articles about one invented event (see `briefing::corpus`).
#[derive(Parser)]
struct Args {
    /// How many articles to write.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// The corpus seed: the same seed always gives the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let corpus = briefing::corpus::generate(args.articles, args.seed);
    match corpus.write(&args.out) {
        Ok(()) => {
            eprintln!("wrote {} articles to {}", corpus.articles.len(), args.out.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}: {}", std::error::Error::source(&err).map(|e| e.to_string()).unwrap_or_default());
            ExitCode::FAILURE
        }
    }
}
