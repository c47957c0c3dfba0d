//! Table-driven cases of the directives extractor (tests/data/directives.txt,
//! format documented at its top), plus full-pipeline cases for the variants
//! that normalization handles ("Ð", NFD, en dashes, "Uỷ") with exact spans.

use vnextract::directives;
use vnextract::doc::{Claims, Doc};
use vnextract::Directive;

struct Case {
    line: usize,
    text: String,
    expect: Vec<Vec<(String, String)>>,
}

fn load() -> Vec<Case> {
    let data = include_str!("data/directives.txt");
    let mut cases: Vec<Case> = Vec::new();
    for (i, raw) in data.lines().enumerate() {
        let line = raw.trim_end();
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(t) = line.strip_prefix("text: ") {
            cases.push(Case {
                line: i + 1,
                text: t.replace("\\n", "\n"),
                expect: Vec::new(),
            });
        } else if let Some(e) = line.strip_prefix("expect: ") {
            let case = cases.last_mut().expect("expect: after a text:");
            let fields = e
                .split(" | ")
                .map(|f| {
                    let (k, v) = f
                        .split_once('=')
                        .unwrap_or_else(|| panic!("line {}: {f}", i + 1));
                    (k.trim().to_string(), v.trim().replace("\\n", "\n"))
                })
                .collect();
            case.expect.push(fields);
        } else {
            panic!("line {}: unreadable: {line}", i + 1);
        }
    }
    cases
}

fn field(d: &Directive, key: &str) -> Option<String> {
    match key {
        "code" => d.code.clone(),
        "number" => d.number.clone(),
        "kind" => d.kind.clone(),
        "kind_name" => d.kind_name.clone(),
        "issuer" => d.issuer.clone(),
        "issuer_name" => d.issuer_name.clone(),
        "title" => d.title.clone(),
        "date" => d.date.clone(),
        "issued_by" => d.issued_by.clone(),
        "year" => d.year.map(|y| y.to_string()),
        "mentions" => Some(d.mentions.len().to_string()),
        "span" => d.mentions.first().map(|m| m.text.clone()),
        "spans" => Some(
            d.mentions
                .iter()
                .map(|m| m.text.as_str())
                .collect::<Vec<_>>()
                .join(" ; "),
        ),
        other => panic!("unknown field {other}"),
    }
}

#[test]
fn table_cases() {
    let cases = load();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let doc = Doc::plain(&c.text, None);
        let mut claims = Claims::new();
        let got = directives::extract(&doc, &mut claims);
        // Every mention indexes the text exactly.
        for d in &got {
            for m in &d.mentions {
                assert_eq!(&c.text[m.start..m.end], m.text, "line {}", c.line);
            }
        }
        if got.len() != c.expect.len() {
            failures.push(format!(
                "line {}: {:?}\n  expected {} records, got {}: {:?}",
                c.line,
                c.text,
                c.expect.len(),
                got.len(),
                got.iter()
                    .map(|d| (
                        d.code.clone(),
                        d.kind.clone(),
                        d.number.clone(),
                        d.title.clone()
                    ))
                    .collect::<Vec<_>>()
            ));
            continue;
        }
        for (d, exp) in got.iter().zip(&c.expect) {
            for (k, v) in exp {
                let want = (v != "null").then(|| v.clone());
                let have = field(d, k);
                if have != want {
                    failures.push(format!(
                        "line {}: {:?}\n  {k}: expected {want:?}, got {have:?}",
                        c.line, c.text
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn codes_are_claimed_dates_are_not() {
    let text = "Chỉ thị số 01-CT/TW ngày 9/3/2021 của Bộ Chính trị";
    let doc = Doc::plain(text, None);
    let mut claims = Claims::new();
    let got = directives::extract(&doc, &mut claims);
    assert_eq!(got.len(), 1);
    let code = text.find("01-CT").unwrap();
    assert!(claims.overlaps(&(code..code + 2)));
    let date = text.find("9/3/2021").unwrap();
    assert!(!claims.overlaps(&(date..date + 8)));
}

#[test]
fn only_content_is_scanned() {
    let text = "Chỉ thị số 35-CT/TW\nTin liên quan: Chỉ thị số 05-CT/TW";
    let doc = Doc {
        text,
        content: std::iter::once(0..text.find('\n').unwrap()).collect(),
        anchor: None,
    };
    let got = directives::extract(&doc, &mut Claims::new());
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].code.as_deref(), Some("35-CT/TW"));
}

/// The full pipeline on a small article: spans index the original input.
fn pipeline(input: &str) -> Vec<Directive> {
    let a = vnextract::extract(input);
    for d in &a.directives {
        for m in &d.mentions {
            assert_eq!(&input[m.start..m.end], m.text, "span of {:?}", d.code);
        }
    }
    a.directives
}

#[test]
fn pipeline_eth_lookalike() {
    // "Ð" (U+00D0) instead of "Đ" in the code and the words.
    let input = "Ðảng ủy Khối ban hành Kế hoạch số 155-KH/ÐUK và Quy định 08-QÐi/TW.";
    let d = pipeline(input);
    let codes: Vec<_> = d
        .iter()
        .map(|d| d.code.clone().unwrap_or_default())
        .collect();
    assert_eq!(codes, ["155-KH/ĐUK", "08-QĐi/TW"]);
    assert_eq!(d[0].mentions[0].text, "155-KH/ÐUK");
    assert_eq!(d[1].kind_name.as_deref(), Some("Quy định"));
}

#[test]
fn pipeline_en_dash_and_fullwidth_slash() {
    let input = "Thực hiện Chỉ thị số 35–CT/TW và Nghị quyết 18‑NQ／TW của Trung ương.";
    let d = pipeline(input);
    let codes: Vec<_> = d
        .iter()
        .map(|d| d.code.clone().unwrap_or_default())
        .collect();
    assert_eq!(codes, ["35-CT/TW", "18-NQ/TW"]);
    assert_eq!(d[0].mentions[0].text, "35–CT/TW");
    assert_eq!(d[1].mentions[0].text, "18‑NQ／TW");
}

#[test]
fn pipeline_nfd_and_old_tones() {
    use unicode_normalization::UnicodeNormalization;
    let nfc = "Đồng chí quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị và Nghị quyết Trung ương 4 khoá XII; Chỉ thị 5 được Uỷ ban thực hiện.";
    let input: String = nfc.nfd().collect();
    let d = pipeline(&input);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].code.as_deref(), Some("05-CT/TW"));
    assert_eq!(d[0].mentions.len(), 2);
    assert_eq!(d[0].number.as_deref(), Some("5"));
    assert_eq!(
        d[1].title.as_deref(),
        Some("Nghị quyết Trung ương 4 khóa XII")
    );
    let t = &d[1].mentions[0].text;
    assert!(t.ends_with(&"khoá XII".nfd().collect::<String>()), "{t:?}");
}

#[test]
fn pipeline_state_code_with_dash_variants() {
    let input = "Theo Nghị định 30/2020/NĐ−CP ngày 5/3/2020, Quyết định 1234/QÐ-TTg.";
    let d = pipeline(input);
    let codes: Vec<_> = d
        .iter()
        .map(|d| d.code.clone().unwrap_or_default())
        .collect();
    assert_eq!(codes, ["30/2020/NĐ-CP", "1234/QĐ-TTg"]);
    assert_eq!(d[0].date.as_deref(), Some("2020-03-05"));
    assert_eq!(d[0].mentions[0].text, "30/2020/NĐ−CP");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn on_code_like_noise(s in "[0-9 \\-/.,:()TWƯĐđDQCKHNtwưq iàềốgySốsố\\n]{0,40}") {
            let doc = Doc::plain(&s, None);
            let got = directives::extract(&doc, &mut Claims::new());
            for d in &got {
                for m in &d.mentions {
                    prop_assert_eq!(&s[m.start..m.end], m.text.as_str());
                }
            }
        }

        #[test]
        fn on_prose_noise(s in "(Nghị quyết|Chỉ thị|số|Đại hội|Trung ương|khóa|XIII|lần thứ|nhiệm kỳ|của|Đảng|ngày|[0-9]{1,4}|[-/ ,.]|T\\.Ư|\\n){0,16}") {
            let doc = Doc::plain(&s, None);
            let _ = directives::extract(&doc, &mut Claims::new());
            let _ = vnextract::extract(&s);
        }
    }
}
