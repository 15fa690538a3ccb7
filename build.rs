//! Embeds the default `templates/` and the general-knowledge `data/` files into
//! the binary, so that `briefing` works from any folder without its sources.
//! `--templates DIR` and `--data DIR` override them by file name at run time.

use std::env;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (folder, constant) in [("templates", "TEMPLATES"), ("data", "DATA")] {
        let dir = manifest.join(folder);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut file = fs::File::create(out.join(format!("embedded_{folder}.rs"))).expect("OUT_DIR is writable");
        file.write_all(embed_folder(&dir, constant).as_bytes()).expect("OUT_DIR is writable");
    }
}

/// Writes `pub static NAME: &[(&str, &str)]` listing every file of `dir` by
/// file name, sorted so that the binary is the same on every machine.
fn embed_folder(dir: &Path, constant: &str) -> String {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    names.sort();
    let mut code = format!("pub static {constant}: &[(&str, &str)] = &[\n");
    for path in names {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().and_then(|n| n.to_str()).expect("UTF-8 file name");
        code.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    code.push_str("];\n");
    code
}
