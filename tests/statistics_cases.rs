//! Table-driven cases for `statistics::extract` (tests/data/statistics.tsv,
//! format documented at its top) and full-pipeline checks through
//! `vnextract::extract` with NBSP / NFD / look-alike variants.

use vnextract::doc::{Claims, Doc};
use vnextract::{statistics, Statistic, StatisticKind};

/// One expected statistic of a case.
#[derive(Debug, Default)]
struct Want {
    fraction: Option<(u64, u64)>,
    percent: Option<f64>,
    text: Option<String>,
    qualifier: Option<Option<String>>,
    subject: Option<Option<String>>,
}

fn parse_want(spec: &str) -> Want {
    let mut w = Want::default();
    for (i, part) in spec.split('|').enumerate() {
        let (key, val) = part
            .split_once(':')
            .unwrap_or_else(|| panic!("bad check {part:?}"));
        let opt = || (!val.is_empty()).then(|| val.to_string());
        match key {
            "f" if i == 0 => {
                let (n, d) = val.split_once('/').expect("f:N/D");
                w.fraction = Some((n.parse().unwrap(), d.parse().unwrap()));
            }
            "p" if i == 0 => w.percent = Some(val.parse().unwrap()),
            "t" => w.text = Some(val.to_string()),
            "q" => w.qualifier = Some(opt()),
            "s" => w.subject = Some(opt()),
            _ => panic!("bad check {part:?}"),
        }
    }
    assert!(
        w.fraction.is_some() || w.percent.is_some(),
        "no head in {spec:?}"
    );
    w
}

fn check(line: usize, text: &str, got: &Statistic, want: &Want) -> Result<(), String> {
    let ctx = || format!("line {line}: {text:?}: got {got:?}");
    if let Some((n, d)) = want.fraction {
        if got.kind != StatisticKind::Fraction
            || got.numerator != Some(n)
            || got.denominator != Some(d)
            || (got.value - n as f64 / d as f64).abs() > 1e-9
        {
            return Err(format!("{}: want fraction {n}/{d}", ctx()));
        }
    }
    if let Some(v) = want.percent {
        if got.kind != StatisticKind::Percent || (got.value - v).abs() > 1e-9 {
            return Err(format!("{}: want percent {v}", ctx()));
        }
    }
    if let Some(t) = &want.text {
        if &got.text != t {
            return Err(format!("{}: want text {t:?}", ctx()));
        }
    }
    if let Some(q) = &want.qualifier {
        if &got.qualifier != q {
            return Err(format!("{}: want qualifier {q:?}", ctx()));
        }
    }
    if let Some(s) = &want.subject {
        if &got.subject != s {
            return Err(format!("{}: want subject {s:?}", ctx()));
        }
    }
    if text.get(got.start..got.end) != Some(got.text.as_str()) {
        return Err(format!("{}: span does not index the text", ctx()));
    }
    Ok(())
}

#[test]
fn table_cases() {
    let data = include_str!("data/statistics.tsv");
    let mut failures = Vec::new();
    let mut cases = 0;
    for (i, raw) in data.lines().enumerate() {
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        cases += 1;
        let (text, expected) = raw
            .split_once('\t')
            .unwrap_or_else(|| panic!("line {}: no tab", i + 1));
        let text = text.replace("\\n", "\n");
        let doc = Doc::plain(&text, None);
        let got = statistics::extract(&doc, &mut Claims::new());
        let wants: Vec<Want> = if expected.trim() == "none" {
            Vec::new()
        } else {
            expected
                .split(" ;; ")
                .map(|s| parse_want(s.trim()))
                .collect()
        };
        if got.len() != wants.len() {
            failures.push(format!(
                "line {}: {text:?}: want {} statistics, got {got:?}",
                i + 1,
                wants.len()
            ));
            continue;
        }
        for (g, w) in got.iter().zip(&wants) {
            if let Err(e) = check(i + 1, &text, g, w) {
                failures.push(e);
            }
        }
    }
    assert!(cases >= 60, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn claimed_ranges_are_skipped_and_kept_ones_claimed() {
    let text = "Ngày 1/3 có 45/67 đảng bộ đạt 90% kế hoạch.";
    let doc = Doc::plain(text, None);
    let mut claims = Claims::new();
    let s = text.find("45/67").unwrap();
    claims.claim(s..s + 5);
    let got = statistics::extract(&doc, &mut claims);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].text, "90%");
    assert!(claims.overlaps(&(got[0].start..got[0].end)));
}

fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

/// A small article: headline, date line, body.
fn article(body: &str) -> String {
    format!("Kết quả tổ chức đại hội đảng bộ các cấp\n16:33' 25/8/2020\n\n{body}\n")
}

#[test]
fn pipeline_nbsp_and_spans() {
    let input = article(
        "Đến nay, đã có\u{a0}99,99%\u{a0}chi bộ trực thuộc, 98,5\u{a0}% đảng bộ cơ sở và \
         26/61 đảng bộ\u{a0} trực thuộc Đảng ủy đã tổ chức đại hội (22/61đảng bộ cơ sở). \
         Ngày 9/7, Ban Thường vụ họp; sáng 24/8 đạt gần 91%.",
    );
    let a = vnextract::extract(&input);
    let got: Vec<(&str, Option<&str>)> = a
        .statistics
        .iter()
        .map(|s| (s.text.as_str(), s.subject.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("99,99%", Some("chi bộ trực thuộc")),
            ("98,5\u{a0}%", Some("đảng bộ cơ sở")),
            ("26/61", Some("đảng bộ trực thuộc Đảng ủy")),
            ("22/61", Some("đảng bộ cơ sở")),
            ("91%", None),
        ]
    );
    assert_eq!(a.statistics[1].value, 98.5);
    assert_eq!(a.statistics[4].qualifier.as_deref(), Some("gần"));
    for s in &a.statistics {
        assert_eq!(&input[s.start..s.end], s.text);
    }
}

#[test]
fn pipeline_nfd_and_lookalikes() {
    let body = "Có 1.192/1.312 đại hội Ðảng bộ cấp trên cơ sở, đạt khoảng 90,85 phần trăm; \
                đổi mới 1/3 cấp uỷ viên. Ngày 1/3 Ban Chấp hành họp.";
    for input in [article(body), nfd(&article(body))] {
        let a = vnextract::extract(&input);
        assert_eq!(a.statistics.len(), 3, "{:?}", a.statistics);
        let f = &a.statistics[0];
        assert_eq!((f.numerator, f.denominator), (Some(1192), Some(1312)));
        assert_eq!(f.subject.as_deref(), Some("đại hội Đảng bộ cấp trên cơ sở"));
        let p = &a.statistics[1];
        assert_eq!(p.kind, StatisticKind::Percent);
        assert!((p.value - 90.85).abs() < 1e-9);
        assert_eq!(p.qualifier.as_deref(), Some("khoảng"));
        let t = &a.statistics[2];
        assert_eq!(t.subject.as_deref(), Some("cấp ủy viên"));
        for s in &a.statistics {
            assert_eq!(&input[s.start..s.end], s.text);
        }
    }
}

proptest::proptest! {
    /// Any mix of digits, separators, Vietnamese letters and spaces: no panic,
    /// spans on char boundaries that index the text, fractions x ≤ y.
    #[test]
    fn never_panics(s in "[0-9./,%:( )\\-\n aăđĐêơưàảãạấầẩẫậ́̀̃ngàyđạtphầntrămsốtừ]{0,60}") {
        let doc = Doc::plain(&s, None);
        for st in statistics::extract(&doc, &mut Claims::new()) {
            proptest::prop_assert_eq!(s.get(st.start..st.end), Some(st.text.as_str()));
            if let (Some(n), Some(d)) = (st.numerator, st.denominator) {
                proptest::prop_assert!(n <= d && d > 0);
            }
        }
        let _ = vnextract::extract(&s);
    }
}
