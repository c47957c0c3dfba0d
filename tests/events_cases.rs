//! Runs the cases of `tests/data/events.txt` (format documented at its top)
//! against `events::extract`, with dates and officials built by hand from the
//! markers, and checks a few spelling variants through the full pipeline.

use vnextract::doc::{Claims, Doc};
use vnextract::record::{Event, Mention, Official, Temporal};

struct Case {
    line: usize,
    text: String,
    dates: Vec<Temporal>,
    officials: Vec<Official>,
    expected: Vec<Vec<(String, String)>>,
    none: bool,
    first: Option<String>,
}

/// Strips `[[VALUE|text]]` and `{{Name|text}}` markers, recording their
/// spans in the stripped text.
fn strip_markers(raw: &str) -> (String, Vec<Temporal>, Vec<Official>) {
    let mut out = String::new();
    let mut dates = Vec::new();
    let mut officials: Vec<Official> = Vec::new();
    let mut rest = raw;
    loop {
        let d = rest.find("[[");
        let o = rest.find("{{");
        let (at, close, is_date) = match (d, o) {
            (Some(d), Some(o)) if o < d => (o, "}}", false),
            (Some(d), _) => (d, "]]", true),
            (None, Some(o)) => (o, "}}", false),
            (None, None) => break,
        };
        out.push_str(&rest[..at]);
        let inner_end = rest[at..].find(close).expect("closed marker") + at;
        let inner = &rest[at + 2..inner_end];
        let (label, text) = inner.split_once('|').expect("marker has |");
        let start = out.len();
        out.push_str(text);
        let end = out.len();
        if is_date {
            dates.push(Temporal {
                text: text.to_string(),
                start,
                end,
                value: Some(label.to_string()),
                inferred: false,
                modifier: None,
            });
        } else {
            let m = Mention {
                text: text.to_string(),
                start,
                end,
            };
            match officials.iter_mut().find(|o| o.name == label) {
                Some(o) => o.mentions.push(m),
                None => officials.push(Official {
                    name: label.to_string(),
                    titles: Vec::new(),
                    mentions: vec![m],
                }),
            }
        }
        rest = &rest[inner_end + 2..];
    }
    out.push_str(rest);
    (out, dates, officials)
}

fn parse_cases(src: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut expected = Vec::new();
    let mut none = false;
    let mut first = None;
    let mut start_line = 0;
    let flush = |lines: &mut Vec<String>,
                 expected: &mut Vec<Vec<(String, String)>>,
                 none: &mut bool,
                 first: &mut Option<String>,
                 start_line: usize,
                 cases: &mut Vec<Case>| {
        if lines.is_empty() {
            assert!(
                expected.is_empty(),
                "line {start_line}: expectations without text"
            );
            return;
        }
        let raw = lines.join("\n");
        let (text, dates, officials) = strip_markers(&raw);
        cases.push(Case {
            line: start_line,
            text,
            dates,
            officials,
            expected: std::mem::take(expected),
            none: std::mem::take(none),
            first: first.take(),
        });
        lines.clear();
    };
    for (n, line) in src.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(
                &mut lines,
                &mut expected,
                &mut none,
                &mut first,
                start_line,
                &mut cases,
            );
            continue;
        }
        if let Some(t) = line.strip_prefix("> ") {
            if lines.is_empty() {
                start_line = n + 1;
            }
            lines.push(t.to_string());
        } else if let Some(e) = line.strip_prefix("= ") {
            let mut fields = Vec::new();
            for (i, part) in e.split(';').enumerate() {
                let part = part.trim();
                if i == 0 {
                    fields.push(("kind".to_string(), part.to_string()));
                } else if let Some((k, v)) = part.split_once('=') {
                    fields.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
            expected.push(fields);
        } else if line.trim() == "- none" {
            none = true;
        } else if let Some(k) = line.strip_prefix("first=") {
            first = Some(k.trim().to_string());
        } else {
            panic!("line {}: unknown line {line:?}", n + 1);
        }
    }
    flush(
        &mut lines,
        &mut expected,
        &mut none,
        &mut first,
        start_line,
        &mut cases,
    );
    cases
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "none".into())
}

fn selects(e: &Event, fields: &[(String, String)]) -> bool {
    fields.iter().all(|(k, v)| match k.as_str() {
        "kind" => &e.kind == v,
        "ordinal" => e.ordinal.map_or("none".to_string(), |n| n.to_string()) == *v,
        "key" => e.name.to_lowercase().contains(v.as_str()),
        "name" => &e.name == v,
        _ => true,
    })
}

fn check(case: &Case) -> Result<(), String> {
    let doc = Doc::plain(&case.text, None);
    let events = vnextract::events::extract(&doc, &case.dates, &case.officials, &mut Claims::new());
    for e in &events {
        for m in &e.mentions {
            if case.text.get(m.start..m.end) != Some(m.text.as_str()) {
                return Err(format!("bad mention span {m:?}"));
            }
        }
    }
    if case.none && !events.is_empty() {
        return Err(format!("expected no event, got {events:#?}"));
    }
    if events.len() != case.expected.len() {
        return Err(format!(
            "expected {} events, got {}: {events:#?}",
            case.expected.len(),
            events.len()
        ));
    }
    if let Some(k) = &case.first {
        if events.first().map(|e| &e.kind) != Some(k) {
            return Err(format!("first event should be {k}: {events:#?}"));
        }
    }
    let mut used = vec![false; events.len()];
    for fields in &case.expected {
        let Some(i) = (0..events.len()).find(|&i| !used[i] && selects(&events[i], fields)) else {
            return Err(format!("no event matches {fields:?} in {events:#?}"));
        };
        used[i] = true;
        let e = &events[i];
        for (k, v) in fields {
            let got = match k.as_str() {
                "term" => opt(&e.term),
                "date" => opt(&e.date),
                "location" => opt(&e.location),
                "organizer" => opt(&e.organizer),
                "chairs" => e.chairs.join(","),
                "mentions" => e.mentions.len().to_string(),
                _ => continue,
            };
            if &got != v {
                return Err(format!("{k}: expected {v:?}, got {got:?} in {e:#?}"));
            }
        }
    }
    Ok(())
}

#[test]
fn data_file_cases() {
    let src = include_str!("data/events.txt");
    let cases = parse_cases(src);
    let n_positive = cases.iter().filter(|c| !c.expected.is_empty()).count();
    let n_negative = cases.iter().filter(|c| c.none).count();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    assert!(n_negative >= 10, "only {n_negative} must-not-match cases");
    assert!(n_positive >= 40);
    let mut failures = Vec::new();
    for c in &cases {
        if let Err(e) = check(c) {
            failures.push(format!(
                "case at line {}: {}\n  text: {}\n  {e}",
                c.line, c.text, c.text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Spelling variants reach the extractor in canonical form through the
/// pipeline, and mention spans index the caller's bytes.
#[test]
fn pipeline_variants() {
    let variants = [
        // Old tone placement and the look-alike "Ð" (U+00D0).
        "Ban Chấp hành tổ chức Hội nghị lần thứ 5, khoá XIX. Ðại hội đại biểu toàn quốc lần thứ XIII của Ðảng.",
        // NFD input.
        "Ban Chấp hành tổ chức Hội nghị lần thứ 5, khóa XIX. Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.",
    ];
    for raw in variants {
        let input = if raw.contains("khóa") {
            use unicode_normalization::UnicodeNormalization;
            raw.nfd().collect::<String>()
        } else {
            raw.to_string()
        };
        let a = vnextract::extract(&input);
        let hn = a
            .events
            .iter()
            .find(|e| e.kind == "hội nghị")
            .unwrap_or_else(|| panic!("no plenum in {:#?}", a.events));
        assert_eq!(hn.ordinal, Some(5));
        assert_eq!(hn.term.as_deref(), Some("khóa XIX"));
        let dh = a
            .events
            .iter()
            .find(|e| e.kind == "đại hội")
            .expect("congress");
        assert_eq!(dh.ordinal, Some(13));
        assert!(dh.name.starts_with("Đại hội"), "{}", dh.name);
        for e in &a.events {
            for m in &e.mentions {
                assert_eq!(input.get(m.start..m.end), Some(m.text.as_str()));
            }
        }
    }
}

/// An en dash in a term and a line break ending a name.
#[test]
fn dash_and_line_break() {
    let a = vnextract::extract(
        "Đại hội đại biểu Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2020 – 2025\nĐảng bộ tỉnh đã chuẩn bị kỹ.",
    );
    let dh = a
        .events
        .iter()
        .find(|e| e.kind == "đại hội")
        .expect("congress");
    assert_eq!(dh.ordinal, Some(20));
    assert_eq!(dh.term.as_deref(), Some("2020/2025"));
    assert!(!dh.name.contains('\n'));
}

/// An election written "Cuộc bầu cử … khoá XV" with an en dash, and a
/// periodic meeting in NFD, through the full pipeline.
#[test]
fn election_and_periodic_meeting_variants() {
    use unicode_normalization::UnicodeNormalization;
    let raw = "Cuộc bầu cử đại biểu Quốc hội khoá XV và đại biểu HĐND các cấp nhiệm kỳ 2021 – 2026 ngày 23/5/2021 diễn ra thành công.\nChiều 2/10/2021, Thủ tướng chủ trì Phiên họp Chính phủ thường kỳ tháng 9 năm 2021.";
    for input in [raw.to_string(), raw.nfd().collect::<String>()] {
        let a = vnextract::extract(&input);
        let bc = a
            .events
            .iter()
            .find(|e| e.kind == "bầu cử")
            .unwrap_or_else(|| panic!("no election in {:#?}", a.events));
        assert_eq!(bc.term.as_deref(), Some("khóa XV"));
        assert_eq!(bc.date.as_deref(), Some("2021-05-23"));
        let ph = a
            .events
            .iter()
            .find(|e| e.kind == "phiên họp")
            .expect("meeting");
        assert_eq!(ph.name, "Phiên họp Chính phủ thường kỳ tháng 9 năm 2021");
        assert_eq!(ph.date.as_deref(), Some("2021-10-02"));
        for e in &a.events {
            for m in &e.mentions {
                assert_eq!(input.get(m.start..m.end), Some(m.text.as_str()));
            }
        }
    }
}
