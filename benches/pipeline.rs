//! Criterion benchmarks of each pipeline stage (load, extract, compare,
//! assemble, render per format) on the five seeds and on a generated
//! collection of 1,000 articles; throughput is in articles per second.
//! Larger collections and peak memory: `cargo run --release --example bench`.
//!
//! `cargo bench --bench pipeline`, or one stage: `cargo bench --bench pipeline -- compare`.

use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

use briefing::config::Config;
use briefing::diag::Diagnostics;
use briefing::extract::Findings;
use briefing::knowledge::Knowledge;
use briefing::load::{LoadOptions, Loaded};
use briefing::render::{Format, NullSink, Templates};

/// Size of the generated collection, and the seed it is made from.
const ARTICLES: usize = 1000;
const CORPUS_SEED: u64 = 1;

fn load(folder: &Path, knowledge: &Knowledge) -> Loaded {
    briefing::load::load(folder, knowledge, LoadOptions::default(), &mut Diagnostics::default()).expect("loads")
}

/// Extraction as the build runs it: every source in parallel.
fn extract(loaded: &Loaded, knowledge: &Knowledge, config: &Config) -> Vec<Findings> {
    let event_date = briefing::assemble::event_date(&loaded.sources, config);
    loaded.sources.par_iter().map(|source| briefing::extract::extract(source, knowledge, event_date)).collect()
}

fn stages(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, folder: &Path) {
    let knowledge = Knowledge::load(None).expect("built-in data");
    let templates = Templates::load(None).expect("built-in templates");
    let config = Config::default();
    let loaded = load(folder, &knowledge);
    let findings = extract(&loaded, &knowledge, &config);
    let compared = briefing::compare::compare(&loaded.sources, &findings, &knowledge);
    let briefing = briefing::assemble::assemble(
        loaded.clone(),
        compared.clone(),
        &config,
        &knowledge,
        &mut Diagnostics::default(),
    );
    group.throughput(Throughput::Elements(loaded.sources.len() as u64));

    group.bench_function("load", |b| b.iter(|| load(folder, &knowledge)));
    group.bench_function("extract", |b| b.iter(|| extract(&loaded, &knowledge, &config)));
    group.bench_function("compare", |b| b.iter(|| briefing::compare::compare(&loaded.sources, &findings, &knowledge)));
    group.bench_function("assemble", |b| {
        b.iter_batched(
            || (loaded.clone(), compared.clone()),
            |(loaded, compared)| {
                briefing::assemble::assemble(loaded, compared, &config, &knowledge, &mut Diagnostics::default())
            },
            BatchSize::LargeInput,
        )
    });
    for (name, format) in [
        ("render md", Format::Markdown),
        ("render html", Format::Html),
        ("render json", Format::Json),
        ("render pdf", Format::Pdf),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| briefing::render::render(&briefing, &[format], &templates, &NullSink).expect("renders"))
        });
    }
}

fn seeds(c: &mut Criterion) {
    let mut group = c.benchmark_group("seeds");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    stages(&mut group, &Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"));
    group.finish();
}

fn generated(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    briefing::corpus::generate(ARTICLES, CORPUS_SEED).write(dir.path()).expect("the corpus is written");
    let mut group = c.benchmark_group(format!("{ARTICLES} articles"));
    // A stage takes up to a second here: ten runs each, not criterion's growing series.
    group.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(10));
    stages(&mut group, dir.path());
    group.finish();
}

criterion_group!(benches, seeds, generated);
criterion_main!(benches);
