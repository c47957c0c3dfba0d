//! Runs the whole pipeline over the bundled seeds many times, for timing and
//! for profilers (`valgrind --tool=callgrind`, `perf record`).
//!
//! `cargo run --release --example profile -- [rounds] [nfc|nfd|tones|long]`
//! prints the CPU throughput in MB/s and articles/s.

use std::path::Path;
use std::time::Instant;

use unicode_normalization::UnicodeNormalization;
use vnextract::Extractor;

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/seeds")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed"))
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let variant = args.next().unwrap_or_else(|| "nfc".to_owned());
    let seeds = seeds();
    let texts: Vec<String> = match variant.as_str() {
        "nfd" => seeds.iter().map(|t| t.nfd().collect()).collect(),
        "tones" => seeds
            .iter()
            .map(|t| t.replace("hóa", "hoá").replace("Ủy", "Uỷ").replace("ủy", "uỷ"))
            .collect(),
        "long" => vec![seeds.join("\n\n").repeat(20)],
        _ => seeds,
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let ex = Extractor::new();
    let mut found = 0;
    let start = Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            let a = ex.extract(t);
            found += a.dates.len() + a.officials.len() + a.events.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{variant}: {rounds} rounds of {} texts, {bytes} bytes: {:.1} MB/s, {:.0} articles/s ({found} mentions)",
        texts.len(),
        mb / secs,
        (texts.len() * rounds) as f64 / secs
    );
}
