//! The bundled seed articles against their gold answers (fixtures/gold), with
//! the matching rules of the project's scorer, and the page furniture rule:
//! nothing after a "related articles" or comment-form marker reaches a record.

mod common;

use serde_json::Value;

fn norm(s: &str) -> String {
    vnextract::text::collapse_ws(
        &vnextract::normalize::Normalized::new(s)
            .text()
            .to_lowercase(),
    )
}

#[test]
fn published_title_category_and_authors_match_gold() {
    for (id, text) in common::seeds() {
        let gold = common::gold(&id);
        let rec =
            serde_json::to_value(vnextract::Extractor::new().extract_with_id(&id, &text)).unwrap();
        assert_eq!(rec["id"], id);
        let got_pub = rec["published"]["value"].clone();
        assert_eq!(got_pub, gold["published"], "published of {id}");
        assert_eq!(
            rec["title"].as_str().map(norm),
            gold["title"].as_str().map(norm),
            "title of {id}"
        );
        if let Some(cat) = gold.get("category") {
            assert_eq!(rec["category"], *cat, "category of {id}");
        }
        let names = |v: &Value| -> Vec<(String, String)> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    (
                        norm(a["name"].as_str().unwrap()),
                        a["role"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        };
        assert_eq!(
            names(&rec["authors"]),
            names(&gold["authors"]),
            "authors of {id}"
        );
        common::check_spans(&text, &rec);
    }
}

#[test]
fn furniture_never_reaches_a_record() {
    const MARKERS: &[&str] = &[
        "Các bài viết khác",
        "Ý KIẾN BẠN ĐỌC",
        "Ý kiến bạn đọc",
        "EmailPrintAa",
    ];
    let mut checked = 0;
    for (id, text) in common::seeds() {
        let rec = serde_json::to_value(vnextract::extract(&text)).unwrap();
        let mut spans = Vec::new();
        collect_starts(&rec, &mut spans);
        for m in MARKERS {
            if let Some(pos) = text.find(m) {
                let widget = *m == "EmailPrintAa";
                for &s in &spans {
                    if widget {
                        assert!(!(pos..pos + m.len()).contains(&s), "{id}: span inside {m}");
                    } else {
                        assert!(
                            s < pos,
                            "{id}: a span at {s} is after the marker {m:?} at {pos}"
                        );
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 3, "the seeds have furniture markers");
}

fn collect_starts(v: &Value, out: &mut Vec<usize>) {
    match v {
        Value::Object(m) => {
            if let (Some(s), Some(_)) = (m.get("start").and_then(Value::as_u64), m.get("end")) {
                if m.get("text")
                    .and_then(Value::as_str)
                    .is_some_and(|t| !t.is_empty())
                {
                    out.push(s as usize);
                }
            }
            m.values().for_each(|x| collect_starts(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_starts(x, out)),
        _ => {}
    }
}
