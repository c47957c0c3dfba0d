//! The same article in NFD, with new-style tone placement, or with "Ð"
//! look-alikes gives the same records, and every span indexes the bytes of
//! the variant actually given.

mod common;

use common::*;

fn record(text: &str) -> serde_json::Value {
    serde_json::to_value(vnextract::extract(text)).expect("record serializes")
}

fn same_records(variant: fn(&str) -> String, name: &str) {
    let mut changed = 0;
    for (id, text) in seeds().into_iter().chain(dev()) {
        let v = variant(&text);
        if v == text {
            // Already in that form (the dev set has an NFD article).
            continue;
        }
        changed += 1;
        let base = record(&text);
        let other = record(&v);
        check_spans(&text, &base);
        check_spans(&v, &other);
        assert_eq!(
            without_spans(&base),
            without_spans(&other),
            "{name} on {id}"
        );
    }
    assert!(changed >= 10, "{name} changed only {changed} articles");
}

#[test]
fn nfd_gives_the_same_records() {
    same_records(to_nfd, "NFD");
}

#[test]
fn new_tone_placement_gives_the_same_records() {
    same_records(to_new_tones, "new tones");
}

#[test]
fn eth_lookalikes_give_the_same_records() {
    same_records(to_eth, "eth");
}

#[test]
fn all_variants_at_once() {
    same_records(|s| to_eth(&to_nfd(&to_new_tones(s))), "all");
}

#[test]
fn spans_shift_with_a_prefix() {
    // A prefix of multibyte junk moves every span by its length.
    for (_, text) in seeds() {
        let prefix = "\u{FEFF}\u{00A0}\n";
        let shifted = format!("{prefix}{text}");
        let a = record(&text);
        let b = record(&shifted);
        check_spans(&shifted, &b);
        assert_eq!(without_spans(&a), without_spans(&b));
    }
}

#[test]
fn variant_helpers_do_what_they_say() {
    assert_eq!(
        to_new_tones("Ủy ban hòa bình khóa quý thủy hoàn"),
        "Uỷ ban hoà bình khoá quý thuỷ hoàn"
    );
    assert_eq!(to_eth("Đảng"), "\u{00D0}ảng");
}

use proptest::prelude::*;

const WORDS: &[&str] = &[
    "Ủy",
    "ủy",
    "hóa",
    "khóa",
    "Thủy",
    "quý",
    "hoàn",
    "khỏe",
    "Đảng",
    "Nghị",
    "quyết",
    "Trường",
    "ươn",
    "Hòa",
    "OÁ",
    "người",
    "Việt",
    "Nam",
    "số",
    "35-CT/TW",
    "9/7",
    " ",
    "\n",
    ",",
    "“",
    "”",
    "–",
    "\u{a0}",
];

proptest! {
    #[test]
    fn variants_normalize_alike(words in prop::collection::vec(prop::sample::select(WORDS), 0..40)) {
        let s = words.concat();
        let canon = vnextract::normalize::Normalized::new(&s).text().to_string();
        for v in [to_nfd(&s), to_new_tones(&s), to_eth(&s), to_nfd(&to_new_tones(&s))] {
            let n = vnextract::normalize::Normalized::new(&v);
            prop_assert_eq!(n.text(), canon.as_str());
            let (a, b) = n.to_original(0, n.text().len());
            prop_assert_eq!((a, b), (0, v.len()));
        }
    }
}
