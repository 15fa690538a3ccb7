//! The benchmark behind the figures in PERFORMANCE.md: builds the seeds and
//! generated collections once each, in this process, and prints the time of
//! every stage, the time per article and the peak memory; then times whole
//! `briefing build` processes (the median of several runs for the seeds,
//! with and without the PDF).
//!
//! ```text
//! cargo build --release && cargo run --release --example bench -- --articles 1000,10000
//! cargo run --release --example bench -- --folder path/to/articles   # any folder of articles
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use clap::Parser;

use briefing::diag::Diagnostics;
use briefing::render::Format;

/// Times the pipeline stage by stage on the seeds and on generated collections.
#[derive(Parser)]
struct Args {
    /// Sizes of the generated collections, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [1000, 10000])]
    articles: Vec<usize>,
    /// The seed the collections are generated from.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folders of articles to measure as well (corpora from elsewhere).
    #[arg(long, value_name = "DIR")]
    folder: Vec<PathBuf>,
    /// Whole-process runs on the seeds; their median is reported.
    #[arg(long, default_value_t = 11)]
    runs: usize,
    /// Also make the PDF for the collections (the seeds always get both figures).
    #[arg(long)]
    pdf: bool,
}

/// One measured build.
struct Measured {
    name: String,
    articles: usize,
    stages: Vec<(String, Duration)>,
    total: Duration,
    peak_mib: Option<f64>,
    process: Option<Duration>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let scratch = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => {
            eprintln!("error: cannot make a temporary folder: {err}");
            return ExitCode::FAILURE;
        }
    };
    let binary = std::env::current_exe().ok().and_then(|exe| {
        let path = exe.parent()?.parent()?.join(format!("briefing{}", std::env::consts::EXE_SUFFIX));
        path.exists().then_some(path)
    });
    if binary.is_none() {
        eprintln!(
            "note: no target/release/briefing beside this example; run `cargo build --release` for whole-process times"
        );
    }
    let without_pdf = [Format::Markdown, Format::Html, Format::Json];
    let collection_formats: &[Format] = if args.pdf { &Format::ALL } else { &without_pdf };
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");

    let mut folders: Vec<(String, PathBuf, &[Format])> = vec![("seeds".into(), seeds.clone(), &Format::ALL)];
    for &n in &args.articles {
        let dir = scratch.path().join(format!("generated-{n}"));
        let started = Instant::now();
        if let Err(err) = briefing::corpus::generate(n, args.seed).write(&dir) {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
        eprintln!("generated {n} articles (seed {}) in {:.1} s", args.seed, started.elapsed().as_secs_f64());
        folders.push((format!("generated, seed {}", args.seed), dir, collection_formats));
    }
    for folder in &args.folder {
        folders.push((folder.display().to_string(), folder.clone(), collection_formats));
    }

    let mut results = Vec::new();
    for (i, (name, folder, formats)) in folders.iter().enumerate() {
        let out = scratch.path().join(format!("out-{i}"));
        let measured = match measure(name, folder, &out, formats, binary.as_deref()) {
            Ok(measured) => measured,
            Err(message) => {
                eprintln!("error: {name}: {message}");
                return ExitCode::FAILURE;
            }
        };
        print_stages(&measured, formats);
        results.push(measured);
    }
    if let Some(binary) = &binary {
        let out = scratch.path().join("out-seeds");
        let all = median_run(binary, &seeds, &out, "md,html,pdf,json", args.runs);
        let no_pdf = median_run(binary, &seeds, &out, "md,html,json", args.runs);
        println!("## Seeds, whole process (median of {} runs)\n", args.runs);
        println!("| formats | median wall time |\n|---|---|");
        println!("| Markdown, HTML, PDF, JSON | {:.3} s |", all.as_secs_f64());
        println!("| Markdown, HTML, JSON | {:.3} s |\n", no_pdf.as_secs_f64());
    }
    print_summary(&results);
    ExitCode::SUCCESS
}

/// Builds `folder` once in this process, then once as a whole process.
fn measure(
    name: &str,
    folder: &Path,
    out: &Path,
    formats: &[Format],
    binary: Option<&Path>,
) -> Result<Measured, String> {
    reset_peak_memory();
    briefing::timing::take();
    let mut options = briefing::Options::new(folder, out);
    options.formats = formats.to_vec();
    let mut diags = Diagnostics::default();
    let started = Instant::now();
    let built = briefing::build(&options, &mut diags).map_err(|err| err.to_string())?;
    let total = started.elapsed();
    let peak_mib = peak_memory_mib();
    let stages = briefing::timing::take();
    let codes: Vec<&str> = formats.iter().map(|f| format_code(*f)).collect();
    let process = binary.map(|binary| run(binary, folder, out, &codes.join(",")));
    Ok(Measured { name: name.into(), articles: built.sources.len(), stages, total, peak_mib, process })
}

fn format_code(format: Format) -> &'static str {
    match format {
        Format::Markdown => "md",
        Format::Html => "html",
        Format::Pdf => "pdf",
        Format::Json => "json",
    }
}

/// Wall time of one `briefing build` process.
fn run(binary: &Path, folder: &Path, out: &Path, formats: &str) -> Duration {
    let started = Instant::now();
    let status = Command::new(binary)
        .args(["build", "--quiet", "--format", formats, "--seeds"])
        .arg(folder)
        .arg("--out")
        .arg(out)
        .status();
    let took = started.elapsed();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("warning: `briefing build` failed on {}", folder.display());
    }
    took
}

fn median_run(binary: &Path, folder: &Path, out: &Path, formats: &str, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1)).map(|_| run(binary, folder, out, formats)).collect();
    times.sort();
    times[times.len() / 2]
}

/// Starts a fresh peak for `VmHWM` (Linux); elsewhere peaks are not reported.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// This process's peak resident memory since the last reset, from /proc.
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn print_stages(m: &Measured, formats: &[Format]) {
    let codes: Vec<&str> = formats.iter().map(|f| format_code(*f)).collect();
    println!("## {} ({} articles; {})\n", m.name, m.articles, codes.join(", "));
    println!("| stage | time | per article |\n|---|---:|---:|");
    for (stage, took) in &m.stages {
        println!("| {stage} | {} | {} |", seconds(*took), per_article(*took, m.articles));
    }
    println!("| **whole build, in process** | **{}** | **{}** |", seconds(m.total), per_article(m.total, m.articles));
    if let Some(process) = m.process {
        println!("| whole process | {} | {} |", seconds(process), per_article(process, m.articles));
    }
    match m.peak_mib {
        Some(peak) => println!("\nPeak memory (VmHWM): {peak:.0} MiB\n"),
        None => println!("\nPeak memory: not available on this system\n"),
    }
}

fn print_summary(results: &[Measured]) {
    println!("## Summary\n");
    println!("| collection | articles | build (in process) | per article | whole process | peak memory |");
    println!("|---|---:|---:|---:|---:|---:|");
    for m in results {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            m.name,
            m.articles,
            seconds(m.total),
            per_article(m.total, m.articles),
            m.process.map(seconds).unwrap_or_else(|| "–".into()),
            m.peak_mib.map(|p| format!("{p:.0} MiB")).unwrap_or_else(|| "–".into()),
        );
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn per_article(d: Duration, articles: usize) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0 / articles.max(1) as f64)
}
