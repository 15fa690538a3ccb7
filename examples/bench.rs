//! The benchmark behind the figures in PERFORMANCE.md: builds the seeds and
//! generated collections once each and prints the time of every stage, the
//! time per article and the peak memory; then times whole `briefing build`
//! processes (the median of several runs for the seeds, with and without the
//! PDF). Each build runs in a fresh child process, so that one collection's
//! memory does not count towards the next one's peak.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench -- --articles 1000,10000
//! cargo run --release --example bench -- --folder path/to/articles   # any folder of articles
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
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
    /// Internal: build this folder once and report to the parent process.
    #[arg(long, hide = true, value_name = "DIR")]
    measure_one: Option<PathBuf>,
    /// Internal: the formats of `--measure-one`, and its output folder.
    #[arg(long, hide = true)]
    formats: Option<String>,
    #[arg(long, hide = true)]
    out: Option<PathBuf>,
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
    if let (Some(folder), Some(formats), Some(out)) = (&args.measure_one, &args.formats, &args.out) {
        return measure_here(folder, formats, out);
    }
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

/// Builds `folder` once in a child process that reports its stages and
/// peak memory, then once as a whole `briefing build` process.
fn measure(
    name: &str,
    folder: &Path,
    out: &Path,
    formats: &[Format],
    binary: Option<&Path>,
) -> Result<Measured, String> {
    let codes: Vec<&str> = formats.iter().map(|f| format_code(*f)).collect();
    let exe = std::env::current_exe().map_err(|err| format!("cannot find this program: {err}"))?;
    let report = Command::new(exe)
        .arg("--measure-one")
        .arg(folder)
        .args(["--formats", &codes.join(",")])
        .arg("--out")
        .arg(out)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|err| format!("cannot run the measuring process: {err}"))?;
    if !report.status.success() {
        return Err("the measuring process failed".into());
    }
    let mut measured = Measured {
        name: name.into(),
        articles: 0,
        stages: Vec::new(),
        total: Duration::ZERO,
        peak_mib: None,
        process: None,
    };
    for line in String::from_utf8_lossy(&report.stdout).lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let nanos = |field: &str| field.parse::<u64>().map(Duration::from_nanos).unwrap_or_default();
        match fields.as_slice() {
            ["stage", stage, took] => measured.stages.push((stage.to_string(), nanos(took))),
            ["total", took] => measured.total = nanos(took),
            ["articles", n] => measured.articles = n.parse().unwrap_or(0),
            ["peak-kib", kib] => measured.peak_mib = kib.parse::<f64>().ok().map(|k| k / 1024.0),
            _ => {}
        }
    }
    measured.process = binary.map(|binary| run(binary, folder, out, &codes.join(",")));
    Ok(measured)
}

/// The child's side of `measure`: one build in this process, reported on stdout as tab-separated lines.
fn measure_here(folder: &Path, formats: &str, out: &Path) -> ExitCode {
    let mut options = briefing::Options::new(folder, out);
    options.formats = formats
        .split(',')
        .filter_map(|code| match code {
            "md" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "json" => Some(Format::Json),
            _ => None,
        })
        .collect();
    let mut diags = Diagnostics::default();
    let started = Instant::now();
    let built = match briefing::build(&options, &mut diags) {
        Ok(built) => built,
        Err(err) => {
            eprintln!("error: {}: {err}", folder.display());
            return ExitCode::FAILURE;
        }
    };
    let total = started.elapsed();
    for (stage, took) in briefing::timing::take() {
        println!("stage\t{stage}\t{}", took.as_nanos());
    }
    println!("total\t{}", total.as_nanos());
    println!("articles\t{}", built.sources.len());
    if let Some(kib) = peak_memory_kib() {
        println!("peak-kib\t{kib}");
    }
    ExitCode::SUCCESS
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
        .stderr(Stdio::null())
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

/// This process's peak resident memory in KiB (`VmHWM`, Linux); elsewhere none.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
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
