//! The seed articles scored against fixtures/gold with the matching rules of
//! the project's scorer (`shared/eval/score.py`): greedy one-to-one matches,
//! optional gold items neither help nor hurt. Each category must keep the F1
//! it has reached, so a regression shows here first.

mod common;

use serde_json::Value;

#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    fn f1(&self) -> f64 {
        let p = if self.tp + self.fp > 0 {
            self.tp as f64 / (self.tp + self.fp) as f64
        } else if self.fn_ == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            self.tp as f64 / (self.tp + self.fn_) as f64
        } else {
            1.0
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Lower case, canonical letters and tone placement, punctuation as spaces.
fn norm(s: &str) -> String {
    let canon = vnextract::normalize::Normalized::new(s)
        .text()
        .to_lowercase();
    let spaced: String = canon
        .chars()
        .map(|c| if ",.;:()\"'".contains(c) { ' ' } else { c })
        .collect();
    vnextract::text::collapse_ws(&spaced)
}

fn code_key(s: &str) -> String {
    let c: String = vnextract::normalize::Normalized::new(s)
        .text()
        .split_whitespace()
        .collect::<String>()
        .to_uppercase();
    let digits_then = c.trim_start_matches('0');
    if digits_then.starts_with(|ch: char| ch.is_ascii_digit()) {
        digits_then.to_string()
    } else {
        c
    }
}

fn kind_key(s: &str) -> String {
    let k = code_key(s);
    if k == "QĐI" {
        "QĐ".into()
    } else {
        k
    }
}

fn num_key(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let t = s.trim().trim_start_matches('0');
    Some(if t.is_empty() { "0".into() } else { t.into() })
}

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn contains_words(a: &str, b: &str) -> bool {
    let (mut aw, mut bw): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if aw.len() < bw.len() {
        std::mem::swap(&mut aw, &mut bw);
    }
    !bw.is_empty() && aw.windows(bw.len()).any(|w| w == bw.as_slice())
}

fn kind_head(k: &str) -> String {
    let k = norm(k);
    for pre in ["lễ ", "buổi ", "cuộc "] {
        if let Some(rest) = k.strip_prefix(pre) {
            if !rest.is_empty() {
                return rest.to_string();
            }
        }
    }
    k
}

fn same_directive(g: &Value, p: &Value) -> bool {
    if let Some(code) = s(g, "code") {
        return s(p, "code").is_some_and(|c| code_key(c) == code_key(code));
    }
    let kinds = s(g, "kind").map(kind_key) == s(p, "kind").map(kind_key);
    if g.get("number").is_some_and(|n| !n.is_null()) {
        return kinds && num_key(&g["number"]) == p.get("number").and_then(num_key);
    }
    let (gt, pt) = (s(g, "title").map(norm), s(p, "title").map(norm));
    kinds
        && matches!((gt, pt), (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() && contains_words(&a, &b))
}

fn same_stat(g: &Value, p: &Value) -> bool {
    if g["kind"] != p["kind"] {
        return false;
    }
    if g["kind"] == "fraction" {
        return g["numerator"] == p["numerator"] && g["denominator"] == p["denominator"];
    }
    matches!((g["value"].as_f64(), p["value"].as_f64()), (Some(a), Some(b)) if (a - b).abs() < 1e-6)
}

fn same_event(g: &Value, p: &Value) -> bool {
    if kind_head(s(g, "kind").unwrap_or("")) != kind_head(s(p, "kind").unwrap_or("")) {
        return false;
    }
    if !g["ordinal"].is_null() && g["ordinal"] != p["ordinal"] {
        return false;
    }
    if let Some(key) = s(g, "key") {
        let mut hay = String::new();
        for f in ["name", "organizer"] {
            hay.push_str(&s(p, f).map(norm).unwrap_or_default());
            hay.push(' ');
        }
        for m in p["mentions"].as_array().into_iter().flatten() {
            hay.push_str(&s(m, "text").map(norm).unwrap_or_default());
            hay.push(' ');
        }
        if !hay.contains(&norm(key)) {
            return false;
        }
    }
    true
}

fn matching(gold: &[Value], pred: &[Value], same: impl Fn(&Value, &Value) -> bool) -> Tally {
    let mut used = vec![false; pred.len()];
    let mut t = Tally::default();
    for g in gold {
        let optional = g.get("optional").and_then(Value::as_bool).unwrap_or(false);
        match (0..pred.len()).find(|&i| !used[i] && same(g, &pred[i])) {
            Some(i) => {
                used[i] = true;
                if !optional {
                    t.tp += 1;
                }
            }
            None if !optional => t.fn_ += 1,
            None => {}
        }
    }
    t.fp = used.iter().filter(|u| !**u).count();
    t
}

fn arr(v: &Value, k: &str) -> Vec<Value> {
    v.get(k)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn scores(articles: Vec<(String, String)>, gold_folder: &str) -> Vec<(&'static str, Tally)> {
    let mut cats: Vec<(&'static str, Tally)> = [
        "dates",
        "officials",
        "titles",
        "directives",
        "statistics",
        "subjects",
        "events",
    ]
    .iter()
    .map(|c| (*c, Tally::default()))
    .collect();
    let mut add = |c: &str, t: Tally| cats.iter_mut().find(|x| x.0 == c).unwrap().1.add(t);
    for (id, text) in articles {
        let g = common::gold_in(gold_folder, &id);
        let p =
            serde_json::to_value(vnextract::Extractor::new().extract_with_id(&id, &text)).unwrap();

        let mut seen = std::collections::HashSet::new();
        let pdates: Vec<Value> = arr(&p, "dates")
            .into_iter()
            .filter(|d| {
                d["value"]
                    .as_str()
                    .is_some_and(|v| seen.insert(v.to_string()))
            })
            .collect();
        add(
            "dates",
            matching(&arr(&g, "dates"), &pdates, |a, b| a["value"] == b["value"]),
        );

        let same_off = |a: &Value, b: &Value| s(a, "name").map(norm) == s(b, "name").map(norm);
        add(
            "officials",
            matching(&arr(&g, "officials"), &arr(&p, "officials"), same_off),
        );
        for go in arr(&g, "officials") {
            let titles = |v: &Value, k: &str, opt: bool| -> Vec<Value> {
                arr(v, k)
                    .iter()
                    .map(|t| serde_json::json!({"t": t, "optional": opt}))
                    .collect()
            };
            let mut gt = titles(&go, "titles", false);
            let n_gold = gt.len();
            match arr(&p, "officials").iter().find(|po| same_off(&go, po)) {
                None => add(
                    "titles",
                    Tally {
                        tp: 0,
                        fp: 0,
                        fn_: n_gold,
                    },
                ),
                Some(po) => {
                    gt.extend(titles(&go, "optional_titles", true));
                    let pt = titles(po, "titles", false);
                    add(
                        "titles",
                        matching(&gt, &pt, |a, b| s(a, "t").map(norm) == s(b, "t").map(norm)),
                    );
                }
            }
        }
        add(
            "directives",
            matching(
                &arr(&g, "directives"),
                &arr(&p, "directives"),
                same_directive,
            ),
        );
        add(
            "statistics",
            matching(&arr(&g, "statistics"), &arr(&p, "statistics"), same_stat),
        );
        for gs in arr(&g, "statistics") {
            let Some(subject) = s(&gs, "subject") else {
                continue;
            };
            let ok = arr(&p, "statistics")
                .iter()
                .find(|ps| same_stat(&gs, ps))
                .is_some_and(|ps| {
                    let gw: Vec<String> = norm(subject).split(' ').map(String::from).collect();
                    let pw: Vec<String> = s(ps, "subject")
                        .map(norm)
                        .unwrap_or_default()
                        .split(' ')
                        .map(String::from)
                        .collect();
                    let n = gw.len().min(3);
                    pw.len() >= n && gw[..n] == pw[..n]
                });
            add(
                "subjects",
                Tally {
                    tp: ok as usize,
                    fp: 0,
                    fn_: (!ok) as usize,
                },
            );
        }
        add(
            "events",
            matching(&arr(&g, "events"), &arr(&p, "events"), same_event),
        );
    }
    cats
}

fn check_floors(name: &str, got: &[(&'static str, Tally)], floors: &[(&str, f64)]) {
    let mut report = String::new();
    for (c, t) in got {
        report.push_str(&format!(
            "{c}: F1 {:.3} ({}/{}/{})\n",
            t.f1(),
            t.tp,
            t.fp,
            t.fn_
        ));
    }
    for (c, floor) in floors {
        let t = got.iter().find(|x| x.0 == *c).unwrap().1;
        assert!(
            t.f1() + 1e-9 >= *floor,
            "{name}: {c} fell below {floor}:\n{report}"
        );
    }
    eprintln!("{name}\n{report}");
}

#[test]
fn seed_scores_keep_their_level() {
    // The F1 each category has reached on the seeds (see README, "Accuracy").
    const FLOORS: &[(&str, f64)] = &[
        ("dates", 1.0),
        ("officials", 1.0),
        ("titles", 1.0),
        ("directives", 1.0),
        ("statistics", 1.0),
        ("subjects", 1.0),
        ("events", 1.0),
    ];
    check_floors("seeds", &scores(common::seeds(), "fixtures/gold"), FLOORS);
}

#[test]
fn dev_scores_keep_their_level() {
    // The F1 each category has reached on fixtures/dev, rounded down.
    const FLOORS: &[(&str, f64)] = &[
        ("dates", 1.0),
        ("officials", 0.98),
        ("titles", 0.98),
        ("directives", 1.0),
        ("statistics", 0.98),
        ("subjects", 0.98),
        ("events", 0.98),
    ];
    check_floors("dev", &scores(common::dev(), "fixtures/dev/gold"), FLOORS);
}
