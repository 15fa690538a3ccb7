//! Helpers shared by the integration tests: run the real binary on folders
//! of articles written into temporary directories.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_briefing")
}

/// Runs `briefing` with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(bin()).args(args).current_dir(dir).output().expect("the binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

/// A temporary project: `seeds/` with the given files, `site/` as output.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new(files: &[(&str, &[u8])]) -> Project {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
        for (name, bytes) in files {
            let path = dir.path().join("seeds").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        Project { dir }
    }

    /// A project whose seeds are a copy of a folder in the repository.
    pub fn copy_of(folder: &str) -> Project {
        let project = Project::new(&[]);
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        for entry in std::fs::read_dir(source).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), project.dir.path().join("seeds").join(entry.file_name())).unwrap();
        }
        project
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.dir.path(), args)
    }

    /// `briefing build` with extra arguments; panics unless it succeeds.
    pub fn build(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build", "--quiet"];
        args.extend_from_slice(extra);
        let output = self.run(&args);
        assert!(output.status.success(), "build failed: {}", stderr(&output));
        output
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.read("site/briefing.json")).expect("briefing.json is JSON")
    }

    pub fn pdf_text(&self) -> String {
        let bytes = std::fs::read(self.path("site/briefing.pdf")).unwrap();
        pdf_extract::extract_text_from_mem(&bytes).expect("the PDF has extractable text")
    }
}

/// The source with this id in briefing.json.
pub fn source<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["sources"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap_or_else(|| panic!("no source {id}"))
}

/// All paragraph texts of a source.
pub fn paragraphs(source: &serde_json::Value) -> Vec<String> {
    source["paragraphs"].as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap().to_string()).collect()
}

/// Runs the analysis (no rendering) on a folder of articles.
pub fn analyse_folder(folder: &Path) -> (briefing::model::Briefing, Vec<String>) {
    let mut diags = briefing::diag::Diagnostics::default();
    let options = briefing::Options::new(folder, folder.join("unused-out"));
    let model = briefing::analyse(&options, &mut diags).expect("the analysis succeeds");
    (model, diags.iter().map(|d| d.to_string()).collect())
}

/// Writes articles into a temporary seeds folder and analyses them.
pub fn analyse(files: &[(&str, &str)]) -> (briefing::model::Briefing, Vec<String>) {
    let project = Project::new(&files.iter().map(|(n, t)| (*n, t.as_bytes())).collect::<Vec<_>>());
    analyse_folder(&project.path("seeds"))
}

/// Text folded for comparing wordings: lower case, no accents or punctuation.
pub fn norm(text: &str) -> String {
    let folded = briefing::text::fold(text);
    let kept: String =
        folded.chars().map(|c| if c.is_alphanumeric() || c == '\'' || c == ' ' { c } else { ' ' }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a paragraph (0 is the title) of a source in the model.
pub fn paragraph_text<'a>(model: &'a briefing::model::Briefing, source: &str, n: usize) -> &'a str {
    let s = model.sources.iter().find(|s| s.id == source).unwrap_or_else(|| panic!("no source {source}"));
    if n == 0 { s.title.as_deref().unwrap_or("") } else { &s.paragraphs[n - 1].text }
}

/// Asserts that `text` stands verbatim in paragraph `n` of `source`; `what` names the item.
fn assert_verbatim(model: &briefing::model::Briefing, what: &str, source: &str, n: usize, text: &str) {
    let para = paragraph_text(model, source, n);
    assert!(para.contains(text), "{what}: not verbatim in {source} ¶{n}: {text:?}");
}

/// Asserts that every string the model cites is verbatim in the paragraph it names.
pub fn assert_everything_verbatim(model: &briefing::model::Briefing) {
    for quote in &model.quotes {
        for o in &quote.occurrences {
            assert_verbatim(model, &format!("quote {}", quote.id), &o.source, o.paragraph, &o.text);
            for c in &o.continued {
                assert_verbatim(model, &format!("quote {} (continued)", quote.id), &o.source, c.paragraph, &c.text);
            }
        }
        assert!(
            quote.occurrences.iter().any(|o| o.text == quote.text),
            "canonical wording {:?} is one source's words",
            quote.text
        );
    }
    for term in &model.terms {
        for u in &term.uses {
            assert_verbatim(model, "term use", &u.source, u.paragraph, &u.text);
        }
    }
    for fact in &model.facts {
        for f in &fact.sources {
            assert_verbatim(model, &format!("fact {}", fact.id), &f.source, f.paragraph, &f.text);
        }
        assert!(fact.sources.iter().any(|f| f.text == fact.text), "fact {} text is one source's words", fact.id);
    }
    for entry in &model.timeline {
        for t in &entry.sources {
            assert_verbatim(model, "date expression", &t.source, t.paragraph, &t.expression);
        }
    }
    for row in &model.disagreements {
        for v in &row.values {
            if let Some(evidence) = &v.evidence {
                assert_verbatim(model, &format!("row {:?}", row.topic), &v.source, evidence.paragraph, &evidence.text);
                if let Some(value) = &v.value {
                    assert!(
                        evidence.text.contains(value.as_str()) || row.kind == briefing::model::DisagreementKind::Date,
                        "row {:?}: value {value:?} is not in its evidence",
                        row.topic
                    );
                }
            }
        }
    }
    for person in &model.people {
        for m in &person.mentions {
            let s = model.sources.iter().find(|s| s.id == m.source).expect("mention names a source");
            assert!(m.paragraph <= s.paragraphs.len(), "mention points past the end of {}", m.source);
        }
    }
}
