//! Any input gets an answer: no panic, valid spans, the same answer twice,
//! and a record that survives a serde round trip. Pathological inputs run
//! here too, at sizes where anything worse than linear time would stall the
//! suite.

mod common;

use proptest::prelude::*;
use vnextract::Article;

/// Extracts and checks the guarantees every record must keep.
fn check(input: &str) -> Article {
    let a = vnextract::extract(input);
    let v = serde_json::to_value(&a).expect("serializes");
    common::check_spans(input, &v);
    let back: Article = serde_json::from_value(v).expect("round-trips");
    assert_eq!(back, a);
    assert_eq!(vnextract::extract(input), a, "deterministic");
    a
}

/// Pieces that steer random text into the grammar's corners.
const PIECES: &[&str] = &[
    "Ngày ",
    "ngày ",
    "9/7",
    "31/2/2020",
    "1.192/1.312",
    "99,99%",
    "%",
    "/",
    "-",
    " - ",
    "–",
    "35-CT/TW",
    "35- CT/ TW",
    "30/2020/NĐ-CP",
    "QÐ",
    "Chỉ thị ",
    "số ",
    "Nghị quyết Trung ương 4 khóa XII",
    "đồng chí ",
    "Đ/c ",
    "Nguyễn Văn ",
    "Sơn Minh Thắng",
    ", Ủy viên Bộ Chính trị",
    "Uỷ viên",
    ", Bí thư ",
    "Đại hội ",
    "lần thứ ",
    "XIII",
    "Hội nghị ",
    "nhiệm kỳ 2020-2025",
    "quý I/2021",
    "tháng 9-2020",
    "6 tháng đầu năm",
    "\n",
    "\r\n",
    " ",
    "(",
    ")",
    ";",
    ":",
    ".",
    ",",
    "\u{0301}",
    "\u{FEFF}",
    "\u{00A0}",
    "\u{200B}",
    "hoá",
    "Ảnh: ",
    "Tin: ",
    "Các bài viết khác\n",
    "16:33' 25/8/2020\n",
    "0",
    "12",
    "2020",
    "\0",
];

fn domain_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in "\\PC{0,300}") {
        check(&s);
    }

    #[test]
    fn arbitrary_chars_including_controls(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn domain_shaped_strings(s in domain_text()) {
        check(&s);
    }

    #[test]
    fn mutated_seeds(seed in 0usize..5, cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), domain_text()), 1..6)) {
        let seeds = common::seeds();
        let mut text = seeds[seed % seeds.len()].1.clone();
        for (a, b, insert) in cuts {
            let mut i = a.index(text.len() + 1);
            let mut j = b.index(text.len() + 1);
            if i > j { std::mem::swap(&mut i, &mut j); }
            j = j.min(i + 200);
            while !text.is_char_boundary(i) { i -= 1; }
            while !text.is_char_boundary(j) { j -= 1; }
            text.replace_range(i..j.max(i), &insert);
        }
        check(&text);
    }
}

#[test]
fn empty_and_blank_inputs() {
    for s in ["", " ", "\n\n\n", "\u{FEFF}", "\r\n", "\0"] {
        let a = check(s);
        assert!(a.dates.is_empty() && a.officials.is_empty() && a.directives.is_empty());
    }
}

#[test]
fn ten_megabyte_line_without_spaces() {
    let s = "Đảngủyviên".repeat(10 << 20 >> 4);
    check(&s);
    let digits = "0123456789".repeat(1 << 20);
    check(&digits);
}

#[test]
fn a_hundred_thousand_codes() {
    let s = "35-CT/TW ".repeat(100_000);
    let a = check(&s);
    // One document, every mention kept.
    if let Some(d) = a.directives.first() {
        assert_eq!(a.directives.len(), 1);
        assert_eq!(d.mentions.len(), 100_000);
    }
}

#[test]
fn slash_chains_and_dash_chains() {
    let chain: Vec<String> = (1..50_000).map(|i| i.to_string()).collect();
    check(&chain.join("/"));
    check(&chain.join("-"));
    check(&"1/".repeat(200_000));
    check(&"/".repeat(1 << 20));
    check(&"9/7 ".repeat(100_000));
    check(&"ngày 9/7, ".repeat(50_000));
}

#[test]
fn nested_parentheses() {
    let s = format!("{}Chỉ thị 35{}", "(".repeat(5000), ")".repeat(5000));
    check(&s);
    check(&"((((đồng chí Nguyễn Văn A, ".repeat(5000));
}

#[test]
fn only_combining_marks() {
    check(&"\u{0301}".repeat(1 << 20));
    check(&"a\u{0301}\u{0323}\u{0300}".repeat(100_000));
}

#[test]
fn line_endings_bom_and_nul() {
    let (_, seed) = &common::seeds()[1];
    let crlf = seed.replace('\n', "\r\n");
    let a = check(&crlf);
    let b = check(seed);
    assert_eq!(
        common::without_spans(&serde_json::to_value(&a).unwrap()),
        common::without_spans(&serde_json::to_value(&b).unwrap())
    );
    let bom = format!("\u{FEFF}{seed}");
    let c = check(&bom);
    assert_eq!(c.title, b.title);
    let nul = seed.replace(' ', "\0 ");
    check(&nul);
}

#[test]
fn one_person_mentioned_fifty_thousand_times() {
    // Every mention is claimed between the dates' claims: claims made out
    // of order must stay cheap.
    let s = "Ngày 9/7/2020, đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy, dự Hội nghị. ".repeat(50_000);
    let a = check(&s);
    assert_eq!(a.officials.len(), 1);
    assert_eq!(a.officials[0].mentions.len(), 50_000);
}

#[test]
fn many_short_lines_and_capitalized_runs() {
    check(&"Nguyễn Văn A\n".repeat(200_000));
    check(&"Ủy viên Bộ Chính trị, ".repeat(100_000));
    check(&"Đồng Chí Nguyễn Văn An Bình Minh ".repeat(100_000));
}

/// Every input the fuzzer (`fuzz/`) found a failure on, kept as a test.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("tests/data/fuzz") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("case");
        if let Ok(text) = std::str::from_utf8(&bytes) {
            check(text);
            n += 1;
        }
    }
    assert!(n > 0);
}
