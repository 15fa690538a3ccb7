//! Benchmark of long inputs: one article whose text is a single paragraph,
//! and one whose text is a single sentence, each grown 10x and 100x, plus
//! the sizes the README promises (a 1 MB paragraph, 4.6 MB of short
//! sentences on one line, a 16 MiB file). Each is built by the release
//! binary in its own process, without and with the PDF, and timed; the cost
//! per byte must stay flat as the input grows. (The PDF typesets the article
//! texts as an appendix up to 160 KB, so its cost per byte falls beyond that.)
//!
//! cargo build --release && cargo run --release --example long
//! cargo run --release --example long -- --quick     # without the 16 MiB file

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// Invented sentences, in the shapes real articles have: attributions,
/// quotations, figures, dates, names, lists.
const SENTENCES: [&str; 8] = [
    "The Linmouth council said on Tuesday that the harbour bridge would reopen next month after repairs costing £4.2 million.",
    "“We have waited long enough for this crossing,” said council leader Mara Quell, who visited the site with engineers.",
    "About 1,200 vehicles used the bridge each day before it closed in March, according to figures from the transport office.",
    "Residents of Eastholm, Pellow and Carrick Bay have driven an extra 14 miles a day since the closure.",
    "The contractor, Dunmore Civil, denied reports that the work had fallen behind schedule.",
    "Opposition councillor Tomas Ferrant called the delay “a failure of planning” and asked for an inquiry.",
    "Two lanes will open first, and the footpath will follow within three weeks, officials said.",
    "Engineers found corrosion in 38 of the 112 cables last year, twice the number expected.",
];

/// Clauses joined by commas into one sentence with no full stop inside it.
const CLAUSES: [&str; 4] = [
    "the council said the bridge would reopen",
    "Mara Quell said “the crossing matters to everyone”",
    "about 1,200 vehicles used it each day",
    "the contractor denied that the work was late",
];

fn paragraph(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(SENTENCES[i % SENTENCES.len()]);
        text.push(' ');
        i += 1;
    }
    text
}

fn sentence(bytes: usize) -> String {
    let mut text = String::from("On Monday");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(", ");
        text.push_str(CLAUSES[i % CLAUSES.len()]);
        i += 1;
    }
    text.push('.');
    text
}

fn repeated(bytes: usize) -> String {
    "A very long paragraph. ".repeat(bytes / 23)
}

struct Case {
    name: String,
    text: String,
    target: Option<&'static str>,
}

fn main() -> ExitCode {
    let quick = std::env::args().any(|a| a == "--quick");
    let binary = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/briefing");
    if !binary.exists() {
        eprintln!("error: build the release binary first: cargo build --release");
        return ExitCode::FAILURE;
    }
    let mut cases = Vec::new();
    for (factor, bytes) in [(1, 100_000), (10, 1_000_000), (100, 10_000_000)] {
        let target = (factor == 10).then_some("< 2 s");
        cases.push(Case { name: format!("one paragraph, {factor}x"), text: paragraph(bytes), target });
    }
    for (factor, bytes) in [(1, 20_000), (10, 200_000), (100, 2_000_000)] {
        cases.push(Case { name: format!("one sentence, {factor}x"), text: sentence(bytes), target: None });
    }
    cases.push(Case {
        name: "\"A very long paragraph. \" x 200,000".into(),
        text: repeated(4_600_000),
        target: Some("< 10 s"),
    });
    if !quick {
        // Just under the default --max-file-size of 16 MiB, header included.
        let mut text = paragraph(16 * 1024 * 1024);
        text.truncate(text.floor_char_boundary(16 * 1024 * 1024 - 1024));
        cases.push(Case { name: "16 MiB, one paragraph".into(), text, target: Some("< 40 s, < 1 GiB") });
    }
    let work = std::env::temp_dir().join(format!("briefing-long-{}", std::process::id()));
    println!("| input | size | Markdown, HTML, JSON | per MB | all four formats | per MB | peak memory | target |");
    println!("|---|---:|---:|---:|---:|---:|---:|---|");
    for case in &cases {
        let seeds = work.join("seeds");
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(&seeds).unwrap();
        std::fs::write(seeds.join("long.txt"), format!("A long article\n\n{}\n", case.text)).unwrap();
        let (pipeline, _) = run(&binary, &seeds, &work.join("site"), "md,html,json");
        let (time, peak) = run(&binary, &seeds, &work.join("site"), "md,html,json,pdf");
        let mb = case.text.len() as f64 / 1e6;
        println!(
            "| {} | {:.2} MB | {:.2} s | {:.2} s | {:.2} s | {:.2} s | {} MiB | {} |",
            case.name,
            mb,
            pipeline.as_secs_f64(),
            pipeline.as_secs_f64() / mb,
            time.as_secs_f64(),
            time.as_secs_f64() / mb,
            peak.map_or("?".into(), |k| (k / 1024).to_string()),
            case.target.unwrap_or("")
        );
    }
    let _ = std::fs::remove_dir_all(&work);
    ExitCode::SUCCESS
}

/// Builds in a child process: wall time and the child's peak resident
/// memory (VmHWM, polled from /proc while it runs).
fn run(binary: &Path, seeds: &Path, out: &Path, formats: &str) -> (Duration, Option<u64>) {
    let started = Instant::now();
    let mut child = Command::new(binary)
        .args(["build", "--quiet", "--format", formats, "--seeds"])
        .arg(seeds)
        .arg("--out")
        .arg(out)
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak = None;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = Some(peak.unwrap_or(0).max(kib));
        }
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            if !status.success() {
                let mut message = String::new();
                use std::io::Read;
                child.stderr.take().map(|mut e| e.read_to_string(&mut message));
                eprintln!("error: the build of {} failed: {message}", seeds.display());
            }
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (started.elapsed(), peak)
}
