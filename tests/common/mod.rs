//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use unicode_normalization::char::{compose, decompose_canonical};
use unicode_normalization::UnicodeNormalization;

/// The bundled seed articles: (id, text).
pub fn seeds() -> Vec<(String, String)> {
    articles("fixtures/seeds")
}

/// The second development set (fixtures/dev): (id, text).
pub fn dev() -> Vec<(String, String)> {
    articles("fixtures/dev/texts")
}

/// The `.txt` articles of a folder of the repository: (id, text), sorted.
pub fn articles(folder: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/seeds")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(&p).expect("seed text"))
        })
        .collect()
}

/// The gold record of a seed.
pub fn gold(id: &str) -> Value {
    gold_in("fixtures/gold", id)
}

/// The gold record `id` of a gold folder of the repository.
pub fn gold_in(folder: &str, id: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("{folder}/{id}.json"));
    serde_json::from_str(&std::fs::read_to_string(p).expect("gold")).expect("gold json")
}

/// The text in NFD.
pub fn to_nfd(s: &str) -> String {
    s.nfd().collect()
}

/// The text with every "Đ"/"đ" replaced by the look-alikes "Ð"/"ð".
pub fn to_eth(s: &str) -> String {
    s.replace('Đ', "\u{00D0}").replace('đ', "\u{00F0}")
}

/// The text with the new-style tone placement: "hóa" → "hoá", "Ủy" → "Uỷ".
pub fn to_new_tones(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let mut base = None;
        let mut tone = None;
        let mut n = 0;
        decompose_canonical(c, |d| {
            if n == 0 {
                base = Some(d);
            } else {
                tone = Some(d);
            }
            n += 1;
        });
        let ends = after.is_none_or(|a| !a.is_alphabetic());
        if let (2, Some(b), Some(t), Some(nx)) = (n, base, tone, next) {
            let pair = match b {
                'o' | 'O' => matches!(nx, 'a' | 'A' | 'e' | 'E'),
                'u' | 'U' => matches!(nx, 'y' | 'Y') && !matches!(prev, Some('q' | 'Q')),
                _ => false,
            };
            if pair && ends && "\u{300}\u{301}\u{303}\u{309}\u{323}".contains(t) {
                if let Some(moved) = compose(nx, t) {
                    out.push(b);
                    out.push(moved);
                    i += 2;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Checks that every span in `record` indexes `input` exactly; returns how
/// many spans were checked.
pub fn check_spans(input: &str, record: &Value) -> usize {
    fn visit(input: &str, v: &Value, n: &mut usize) {
        match v {
            Value::Object(m) => {
                if let (Some(s), Some(e), Some(Value::String(t))) = (
                    m.get("start").and_then(Value::as_u64),
                    m.get("end").and_then(Value::as_u64),
                    m.get("text"),
                ) {
                    let (s, e) = (s as usize, e as usize);
                    assert!(s <= e && e <= input.len(), "span {s}..{e} out of range");
                    assert!(input.is_char_boundary(s) && input.is_char_boundary(e));
                    assert_eq!(&input[s..e], t, "span {s}..{e}");
                    *n += 1;
                }
                m.values().for_each(|x| visit(input, x, n));
            }
            Value::Array(a) => a.iter().for_each(|x| visit(input, x, n)),
            _ => {}
        }
    }
    let mut n = 0;
    visit(input, record, &mut n);
    n
}

/// The record without its spans: what must not change when only the
/// encoding of the input changes.
pub fn without_spans(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "start" | "end" | "text"))
                .map(|(k, x)| (k.clone(), without_spans(x)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_spans).collect()),
        other => other.clone(),
    }
}
