//! The benchmark corpus: the bundled seed articles and variants generated
//! from them (NFD, new-style tone placement, long articles).

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

/// The seed articles.
pub fn seeds() -> Vec<String> {
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

/// The seeds decomposed (NFD).
pub fn nfd(texts: &[String]) -> Vec<String> {
    texts.iter().map(|t| t.nfd().collect()).collect()
}

/// The seeds with new-style tone placement ("hoá", "Uỷ").
pub fn new_tones(texts: &[String]) -> Vec<String> {
    const PAIRS: &[(&str, &str)] = &[
        ("hóa", "hoá"),
        ("khóa", "khoá"),
        ("hòa", "hoà"),
        ("Ủy", "Uỷ"),
        ("ủy", "uỷ"),
        ("Thủy", "Thuỷ"),
        ("thủy", "thuỷ"),
    ];
    texts
        .iter()
        .map(|t| {
            let mut s = t.clone();
            for (a, b) in PAIRS {
                s = s.replace(a, b);
            }
            s
        })
        .collect()
}

/// One long article of about `bytes` bytes: the content (headline, lead,
/// body, captions) of all seeds repeated, so that no furniture marker cuts
/// it short and every byte is scanned by every extractor.
pub fn long_article(texts: &[String], bytes: usize) -> String {
    let bodies: Vec<String> = texts
        .iter()
        .map(|t| {
            let layout = vnextract::article::Layout::parse(t);
            layout
                .content
                .iter()
                .map(|r| &t[r.clone()])
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    let mut s = String::with_capacity(bytes + 4096);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&bodies[i % bodies.len()]);
        s.push_str("\n\n");
        i += 1;
    }
    let mut cut = bytes.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}
