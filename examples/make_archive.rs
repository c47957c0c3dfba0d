//! Writes a JSON Lines archive of about N megabytes built from the bundled
//! seed articles, with variation: NFD copies, new-style tone placement,
//! look-alike "Ð", and long articles made of several bodies. For measuring
//! the batch tool on archives larger than memory should need.
//!
//! `cargo run --release --example make_archive -- 200 target/archive.jsonl`

use std::io::{BufWriter, Write};
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let out = args.next().unwrap_or_else(|| "target/archive.jsonl".into());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    let seeds: Vec<String> = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;

    let mut w = BufWriter::new(std::fs::File::create(&out)?);
    let target = mb << 20;
    let mut written = 0;
    let mut i = 0usize;
    while written < target {
        let base = &seeds[i % seeds.len()];
        let text = match (i / seeds.len()) % 5 {
            0 => base.clone(),
            1 => base.nfd().collect(),
            2 => base
                .replace("hóa", "hoá")
                .replace("Ủy", "Uỷ")
                .replace("khóa", "khoá"),
            3 => base.replace('Đ', "\u{00D0}"),
            _ => {
                let mut long = base.clone();
                for k in 1..4 {
                    long.push('\n');
                    long.push_str(&seeds[(i + k) % seeds.len()]);
                }
                long
            }
        };
        let line = serde_json::json!({"id": format!("a{i}"), "text": text});
        let s = line.to_string();
        w.write_all(s.as_bytes())?;
        w.write_all(b"\n")?;
        written += s.len() + 1;
        i += 1;
    }
    w.flush()?;
    eprintln!("{out}: {i} articles, {} MB", written >> 20);
    Ok(())
}
