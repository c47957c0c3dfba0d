//! Fuzzes the library entry point: any bytes that are UTF-8 must give a
//! record whose spans index the input exactly and that serializes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let a = vnextract::extract(text);
    let check = |s: usize, e: usize, t: &str| {
        assert!(s <= e && e <= text.len(), "span {s}..{e} outside the input");
        assert_eq!(&text[s..e], t, "span {s}..{e} does not index its text");
    };
    if let Some(p) = a.published.as_ref() {
        check(p.start, p.end, &p.text);
    }
    for d in &a.dates {
        check(d.start, d.end, &d.text);
    }
    for s in &a.statistics {
        check(s.start, s.end, &s.text);
    }
    let mentions = a
        .officials
        .iter()
        .flat_map(|o| &o.mentions)
        .chain(a.directives.iter().flat_map(|d| &d.mentions))
        .chain(a.events.iter().flat_map(|e| &e.mentions));
    for m in mentions {
        check(m.start, m.end, &m.text);
    }
    let json = serde_json::to_string(&a).expect("records serialize");
    let back: vnextract::Article = serde_json::from_str(&json).expect("records deserialize");
    assert_eq!(back, a);
});
