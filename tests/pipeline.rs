//! The whole pipeline on the seed articles: all four outputs, their
//! consistency with the data model, determinism, and the PDF's Typst source.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Project, paragraphs, source};

fn seeds() -> Project {
    let project = Project::copy_of("seeds");
    project.build(&[]);
    project
}

#[test]
fn seeds_build_every_format() {
    let project = seeds();
    for file in [
        "briefing.json",
        "briefing.schema.json",
        "briefing.md",
        "index.html",
        "style.css",
        "briefing.pdf",
        "briefing.typ",
        "briefing-data.json",
        "quotes.html",
        "people.html",
        "timeline.html",
        "sources.html",
    ] {
        assert!(project.path("site").join(file).is_file(), "site/{file} is missing");
    }
    let json = project.json();
    assert_eq!(json["schema_version"], 1);
    let ids: Vec<&str> = json["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "000_c5ea6f5f1e46be57",
            "001_e66dc6db878f3d90",
            "002_4a9351dbf3a43ada",
            "003_b54f3d8ae6efbda8",
            "004_fe519b8185dc35d6"
        ]
    );
    for id in ids {
        let page = project.read(&format!("site/sources/{id}.html"));
        let count = source(&json, id)["paragraphs"].as_array().unwrap().len();
        for n in 1..=count {
            assert!(page.contains(&format!("id=\"p{n}\"")), "{id} has no anchor p{n}");
        }
    }
}

#[test]
fn seed_metadata_comes_from_sources_toml_and_the_text() {
    let project = seeds();
    let json = project.json();
    let le_monde = source(&json, "000_c5ea6f5f1e46be57");
    assert_eq!(le_monde["outlet"], "Le Monde in English");
    assert!(le_monde["title"].is_null() && le_monde["published"].is_null(), "nothing the text does not show");
    let nyt = source(&json, "002_4a9351dbf3a43ada");
    assert_eq!(nyt["outlet"], "nytimes.com");
    assert_eq!(nyt["byline"], "Catherine Porter and Steven Erlanger");
    assert_eq!(nyt["published"], "2025-09-04");
    for unknown in ["001_e66dc6db878f3d90", "003_b54f3d8ae6efbda8", "004_fe519b8185dc35d6"] {
        assert!(source(&json, unknown)["outlet"].is_null(), "{unknown}: an outlet is never guessed");
    }
    assert_eq!(json["event"]["date"], "2025-09-04");
}

/// Every line of a seed is either article text (a paragraph or the title) or
/// listed as removed; the gold's chrome lines are exactly the removed ones.
#[test]
fn seed_chrome_is_removed_and_body_kept() {
    let project = seeds();
    check_chrome_against_gold(&project.json(), Path::new("seeds"), "tests/gold/seeds.toml");
}

#[test]
fn held_out_chrome_is_removed_and_body_kept() {
    for event in [
        "balochistan-earthquake",
        "athens-bribery-verdict",
        "serbia-rate-cut",
        "gulf-ferry-collision",
        "cup-final-var",
        "ev-battery-recall",
        "hills-bushfire",
        "glasgow-gallery-theft",
    ] {
        let folder = format!("tests/fixtures/events/{event}");
        let project = Project::copy_of(&folder);
        project.build(&["--format", "json"]);
        check_chrome_against_gold(&project.json(), Path::new(&folder), &format!("tests/gold/{event}.toml"));
    }
}

fn check_chrome_against_gold(json: &serde_json::Value, folder: &Path, gold: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold: toml::Value = toml::from_str(&std::fs::read_to_string(root.join(gold)).unwrap()).unwrap();
    for entry in gold["source"].as_array().unwrap() {
        let id = entry["id"].as_str().unwrap();
        let src = source(json, id);
        let raw = std::fs::read(root.join(folder).join(src["path"].as_str().unwrap())).unwrap();
        let text = String::from_utf8(raw.clone()).unwrap_or_else(|_| raw.iter().map(|&b| cp1252(b)).collect());
        let lines: Vec<&str> = text.lines().collect();
        let front_matter = front_matter_lines(&lines);
        let chrome: Vec<usize> = entry["chrome_lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_integer().unwrap() as usize)
            .filter(|l| !front_matter.contains(l))
            .collect();
        let title_line = entry["title_line"].as_integer().unwrap() as usize;
        let removed: BTreeMap<usize, &str> = src["removed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["line"].as_u64().unwrap() as usize, r["text"].as_str().unwrap()))
            .collect();
        let kept = paragraphs(src).iter().map(|p| words(p)).collect::<Vec<_>>().join("\n");
        for &line in &chrome {
            let covered = removed.contains_key(&line)
                || removed.values().any(|t| words(t).contains(words(lines[line - 1]).as_str()));
            assert!(covered, "{id}:{line} is chrome but was kept: {}", lines[line - 1]);
        }
        for (i, line) in lines.iter().enumerate() {
            let n = i + 1;
            if line.trim().is_empty() || chrome.contains(&n) || front_matter.contains(&n) || n == title_line {
                continue;
            }
            let body = words(line);
            assert!(kept.contains(&body), "{id}:{n} is article text but was lost: {line}");
        }
        if title_line > 0 {
            assert_eq!(src["title"].as_str().map(words), Some(words(lines[title_line - 1])), "{id} title");
        }
    }
}

/// The visible words of a line, without Markdown markup or bullets.
fn words(line: &str) -> String {
    let mut text = line.to_string();
    if let (Some(open), Some(close)) = (text.find("]("), text.rfind(')'))
        && close > open
    {
        text.replace_range(open + 1..=close, "");
    }
    let cleaned: String = text.chars().filter(|c| !matches!(c, '*' | '_' | '[' | ']' | '#' | '•')).collect();
    let cleaned = cleaned.trim().trim_start_matches("- ");
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn front_matter_lines(lines: &[&str]) -> Vec<usize> {
    match lines.first().map(|l| l.trim()) {
        Some(fence @ ("---" | "+++")) => {
            let end = lines.iter().skip(1).position(|l| l.trim() == fence).map_or(0, |p| p + 2);
            (1..=end).collect()
        }
        _ => Vec::new(),
    }
}

fn cp1252(b: u8) -> char {
    let byte = [b];
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
    text.chars().next().unwrap_or('?')
}

#[test]
fn rebuilds_are_byte_identical() {
    let project = Project::copy_of("seeds");
    project.build(&["--out", "a"]);
    project.build(&["--out", "b"]);
    let files = |dir: &str| -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(project.path(dir))
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(project.path(dir)).unwrap().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    };
    let (a, b) = (files("a"), files("b"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between two builds");
    }
}

/// `typst compile site/briefing.typ` reads only the two files written beside
/// the PDF; compiling them again gives the same PDF.
#[test]
fn typst_source_and_data_reproduce_the_pdf() {
    let project = seeds();
    let typ = project.read("site/briefing.typ");
    assert!(typ.contains(&format!("json(\"{}\")", briefing::render::PDF_DATA_FILE)));
    let data = std::fs::read(project.path("site").join(briefing::render::PDF_DATA_FILE)).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2025, 9, 4);
    let pdf = briefing::render::compile_pdf(&typ, data, date).unwrap();
    assert!(pdf == std::fs::read(project.path("site/briefing.pdf")).unwrap());
}

#[test]
fn pdf_carries_the_briefing() {
    let project = seeds();
    let text = project.pdf_text();
    for expected in ["Key points", "Where the outlets disagree", "Timeline", "Who said what", "Who is who", "Sources"] {
        assert!(text.contains(expected), "PDF lacks {expected}");
    }
    assert!(text.contains("Europe Aims to Show It Is Ready to Secure Postwar Ukraine"));
    // The appendix carries each source's cleaned text.
    assert!(!text.contains("Reporting contributed by"), "removed lines stay out of the PDF");
}

#[test]
fn markdown_lists_sources_with_links_to_their_pages() {
    let project = seeds();
    let md = project.read("site/briefing.md");
    assert!(md.starts_with("# "));
    assert!(md.contains("| # | Outlet | Headline | Byline | Published | Words |"));
    assert!(
        md.contains("[Europe Aims to Show It Is Ready to Secure Postwar Ukraine](sources/002_4a9351dbf3a43ada.html)")
    );
    for section in [
        "## Key points",
        "## Where the outlets disagree",
        "## Timeline",
        "## Who said what",
        "## Who is who",
        "## Sources",
    ] {
        assert!(md.contains(section), "briefing.md lacks {section}");
    }
}

#[test]
fn json_schema_describes_the_model() {
    let project = seeds();
    let schema: serde_json::Value = serde_json::from_str(&project.read("site/briefing.schema.json")).unwrap();
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for key in ["schema_version", "event", "sources", "people", "quotes", "facts", "timeline", "disagreements"] {
        assert!(required.contains(&key), "schema does not require {key}");
    }
    let json = project.json();
    for key in required {
        assert!(json.get(key).is_some(), "briefing.json lacks {key}");
    }
}
