//! The briefing pack is the same, byte for byte, whatever the number of
//! threads: loading, extraction, the claim index and the HTML pages run in
//! parallel, and none of that may show in the output.

use std::collections::BTreeMap;
use std::path::Path;

use briefing::diag::Diagnostics;
use briefing::render::Format;

/// Every file of a folder, by path relative to it.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|entry| entry.expect("readable output"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(root).expect("inside the root").to_string_lossy().into_owned();
            (relative, std::fs::read(entry.path()).expect("readable file"))
        })
        .collect()
}

fn build_with_threads(seeds: &Path, out: &Path, threads: usize, formats: &[Format]) -> BTreeMap<String, Vec<u8>> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
    let mut options = briefing::Options::new(seeds, out);
    options.formats = formats.to_vec();
    let mut diags = Diagnostics::default();
    pool.install(|| briefing::build(&options, &mut diags)).expect("the build succeeds");
    files(out)
}

fn assert_same(one: &BTreeMap<String, Vec<u8>>, many: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(one.keys().collect::<Vec<_>>(), many.keys().collect::<Vec<_>>());
    for (path, bytes) in one {
        assert!(bytes == &many[path], "{path} differs between 1 and 3 threads");
    }
}

#[test]
fn seeds_build_the_same_with_one_thread_or_three() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let out = tempfile::tempdir().unwrap();
    let one = build_with_threads(&seeds, &out.path().join("one"), 1, &Format::ALL);
    let many = build_with_threads(&seeds, &out.path().join("many"), 3, &Format::ALL);
    assert_same(&one, &many);
}

#[test]
fn a_generated_collection_builds_the_same_with_one_thread_or_three() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("articles");
    briefing::corpus::generate(150, 11).write(&seeds).unwrap();
    let formats = [Format::Markdown, Format::Html, Format::Json];
    let one = build_with_threads(&seeds, &dir.path().join("one"), 1, &formats);
    let many = build_with_threads(&seeds, &dir.path().join("many"), 3, &formats);
    assert!(one.keys().any(|path| path == "disagreements.html"), "the collection is large enough to page");
    assert_same(&one, &many);
}
