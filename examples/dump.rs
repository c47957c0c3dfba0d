//! The smallest use of the library on files: one JSON line per file, its id
//! the file stem. `cargo run --example dump -- fixtures/seeds/*.txt`
//!
//! The `vnextract` binary does the same with directories, JSON Lines
//! archives, parallelism and error accounting.

use std::path::Path;

fn main() {
    let ex = vnextract::Extractor::new();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let id = Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rec = ex.extract_with_id(&id, &text);
        println!(
            "{}",
            serde_json::to_string(&rec).expect("records serialize")
        );
    }
}
