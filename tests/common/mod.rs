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
