//! Table-driven cases for the dates extractor (`tests/data/dates.tsv`) and a
//! few full-pipeline checks with NFD, en dash and no-break-space variants.

use vnextract::dates;
use vnextract::doc::{Anchor, Claims, Doc};
use vnextract::Modifier;

fn parse_anchor(s: &str) -> Option<Anchor> {
    if s == "-" {
        return None;
    }
    let mut it = s.split('-').map(|x| x.parse::<u32>().expect("anchor"));
    Some(Anchor {
        year: it.next().expect("year") as i32,
        month: it.next().expect("month"),
        day: it.next().expect("day"),
    })
}

fn modifier_name(m: Option<Modifier>) -> Option<&'static str> {
    m.map(|m| match m {
        Modifier::Before => "before",
        Modifier::After => "after",
        Modifier::Until => "until",
        Modifier::Approx => "approx",
        Modifier::Start => "start",
        Modifier::Mid => "mid",
        Modifier::End => "end",
    })
}

/// One expected entry: value (None for "null"), modifier, inferred, span.
type Expected = (Option<String>, Option<String>, bool, Option<String>);

fn parse_expected(s: &str) -> Vec<Expected> {
    if s.trim() == "-" {
        return Vec::new();
    }
    s.split(" ; ")
        .map(|e| {
            let (head, span) = match e.split_once(" =") {
                Some((h, sp)) => (h, Some(sp.trim().trim_matches('"').to_string())),
                None => (e, None),
            };
            let mut parts = head.split_whitespace();
            let v = parts.next().expect("value");
            let value = (v != "null").then(|| v.to_string());
            let mut modifier = None;
            let mut inferred = false;
            for p in parts {
                if p == "*" {
                    inferred = true;
                } else if let Some(m) = p.strip_prefix('@') {
                    modifier = Some(m.to_string());
                } else {
                    panic!("bad flag {p:?} in {e:?}");
                }
            }
            (value, modifier, inferred, span)
        })
        .collect()
}

#[test]
fn table_cases() {
    let data = include_str!("data/dates.tsv");
    let mut n = 0;
    let mut failures = Vec::new();
    for (ln, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            3,
            "line {}: three tab-separated columns",
            ln + 1
        );
        let anchor = parse_anchor(cols[0]);
        let text = &cols[1].replace("\\n", "\n");
        let expected = parse_expected(cols[2]);
        let doc = Doc::plain(text, anchor);
        let mut claims = Claims::new();
        let got = dates::extract(&doc, &mut claims);
        let got_cmp: Vec<(Option<String>, Option<String>, bool)> = got
            .iter()
            .map(|t| {
                (
                    t.value.clone(),
                    modifier_name(t.modifier).map(str::to_string),
                    t.inferred,
                )
            })
            .collect();
        let exp_cmp: Vec<(Option<String>, Option<String>, bool)> = expected
            .iter()
            .map(|e| (e.0.clone(), e.1.clone(), e.2))
            .collect();
        let mut ok = got_cmp == exp_cmp;
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(&text[g.start..g.end], g.text, "line {}: span", ln + 1);
            if let Some(span) = &e.3 {
                ok &= &g.text == span;
            }
        }
        if !ok {
            failures.push(format!(
                "line {}: {text:?}\n   expected {exp_cmp:?} {:?}\n   got      {got_cmp:?} {:?}",
                ln + 1,
                expected.iter().map(|e| e.3.clone()).collect::<Vec<_>>(),
                got.iter().map(|g| g.text.clone()).collect::<Vec<_>>()
            ));
        }
        n += 1;
    }
    assert!(n >= 120, "only {n} cases");
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn values(input: &str) -> Vec<String> {
    let a = vnextract::extract(input);
    for d in &a.dates {
        assert_eq!(&input[d.start..d.end], d.text, "span of {d:?}");
    }
    a.dates.iter().filter_map(|d| d.value.clone()).collect()
}

#[test]
fn pipeline_en_dash_and_nbsp() {
    let input = "Đại hội nhiệm kỳ 2020 \u{2013} 2025 họp sáng\u{a0}07/8/2020 và giai đoạn 2021\u{2014}2025.";
    assert_eq!(values(input), vec!["2020/2025", "2020-08-07", "2021/2025"]);
}

#[test]
fn pipeline_nfd() {
    let nfc = "Trước ngày 31/10/2020, các đảng bộ hoàn thành đại hội; quý II/2021 tổng kết.";
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd(nfc).collect();
    assert_ne!(nfc, nfd);
    assert_eq!(values(&nfd), vec!["2020-10-31", "2021-Q2"]);
    let a = vnextract::extract(&nfd);
    assert!(a.dates[0].text.starts_with("Tr"));
    assert_eq!(a.dates[0].modifier, Some(Modifier::Before));
}

#[test]
fn pipeline_tone_and_eth() {
    // "ÐẾN HẾT NGÀY" with a Latin eth and new-style tones elsewhere.
    let input = "Khoá XIII: \u{00D0}ến hết ngày 23\u{2011}8\u{2011}2020 đã có 1.192/1.312 đảng bộ; Uỷ ban họp tháng 9\u{2013}2020.";
    let a = vnextract::extract(input);
    let v: Vec<_> = a.dates.iter().map(|d| d.value.clone().unwrap()).collect();
    assert_eq!(v, vec!["2020-08-23", "2020-09"]);
    for d in &a.dates {
        assert_eq!(&input[d.start..d.end], d.text);
    }
    assert!(a.dates[0].text.starts_with('\u{00D0}'));
    assert_eq!(a.dates[0].modifier, Some(Modifier::Until));
}

#[test]
fn pipeline_dateline_is_anchor() {
    let input = "Hội nghị giao ban\n16:33' 25/8/2020\nNgày 9/7, tại Hà Nội, Ban Thường vụ họp; chiều 24-8 tiếp tục.";
    let a = vnextract::extract(input);
    assert_eq!(
        a.published
            .as_ref()
            .and_then(|p| p.value.clone())
            .as_deref(),
        Some("2020-08-25T16:33")
    );
    let v: Vec<_> = a.dates.iter().map(|d| d.value.clone().unwrap()).collect();
    assert_eq!(v, vec!["2020-07-09", "2020-08-24"]);
    assert!(a.dates.iter().all(|d| d.inferred));
}
