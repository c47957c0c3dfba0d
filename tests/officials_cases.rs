//! Table-driven officials cases (tests/data/officials.txt) and full-pipeline
//! checks of spelling variants (NFD, "Uỷ", "Ð") through `vnextract::extract`.

use vnextract::doc::{Claims, Doc};
use vnextract::normalize::Normalized;
use vnextract::officials;

struct Case {
    line: usize,
    text: String,
    expect: Vec<(String, Vec<String>)>,
    absent: Vec<String>,
}

fn cases() -> Vec<Case> {
    let data = include_str!("data/officials.txt");
    let mut out: Vec<Case> = Vec::new();
    for (i, raw) in data.lines().enumerate() {
        let line = raw.trim_end();
        if let Some(t) = line.strip_prefix("> ") {
            out.push(Case {
                line: i + 1,
                text: t.replace("\\n", "\n"),
                expect: Vec::new(),
                absent: Vec::new(),
            });
        } else if let Some(e) = line.strip_prefix("= ") {
            let mut parts = e.split(" | ").map(|s| s.trim().to_string());
            let name = parts.next().unwrap();
            let c = out.last_mut().expect("expectation before any case");
            c.expect.push((name, parts.collect()));
        } else if let Some(e) = line.strip_prefix("! ") {
            out.last_mut()
                .expect("case")
                .absent
                .push(e.trim().to_string());
        }
    }
    out
}

#[test]
fn data_file_cases() {
    let cases = cases();
    assert!(cases.len() >= 80, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let norm = Normalized::new(&c.text);
        let doc = Doc::plain(norm.text(), None);
        let got = officials::extract(&doc, &mut Claims::new());
        let got_pairs: Vec<(String, Vec<String>)> = got
            .iter()
            .map(|o| (o.name.clone(), o.titles.clone()))
            .collect();
        let mut ok = got_pairs.len() == c.expect.len();
        for e in &c.expect {
            if !got_pairs.contains(e) {
                ok = false;
            }
        }
        for a in &c.absent {
            if got.iter().any(|o| &o.name == a) {
                ok = false;
            }
        }
        // Every mention is a span of the text, on the name.
        for o in &got {
            assert!(
                !o.mentions.is_empty(),
                "line {}: {} has no mention",
                c.line,
                o.name
            );
            for m in &o.mentions {
                assert_eq!(&doc.text[m.start..m.end], m.text, "line {}", c.line);
                assert!(!m.text.contains('\n'));
            }
        }
        if !ok {
            failures.push(format!(
                "line {}: {}\n   want {:?}\n   got  {:?}",
                c.line, c.text, c.expect, got_pairs
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn names_titles(a: &vnextract::Article) -> Vec<(String, Vec<String>)> {
    a.officials
        .iter()
        .map(|o| (o.name.clone(), o.titles.clone()))
        .collect()
}

fn check_spans(input: &str, a: &vnextract::Article) {
    for o in &a.officials {
        for m in &o.mentions {
            assert_eq!(&input[m.start..m.end], m.text, "span of {}", o.name);
        }
    }
}

#[test]
fn spelling_variants_same_result() {
    use unicode_normalization::UnicodeNormalization;
    let base = "Đồng chí Nguyễn Đình Hải, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy Khối chủ trì Hội nghị. Đồng chí Hải nhấn mạnh nhiệm vụ.";
    let want = vec![(
        "Nguyễn Đình Hải".to_string(),
        vec![
            "Ủy viên Ban Thường vụ Tỉnh ủy".to_string(),
            "Bí thư Đảng ủy Khối".to_string(),
        ],
    )];
    let variants = [
        base.to_string(),
        base.replace("Ủy", "Uỷ").replace("ủy", "uỷ"),
        base.nfd().collect::<String>(),
        base.replace('Đ', "Ð"),
        base.replace(' ', "\u{a0}"),
        base.replace("Ủy", "Uỷ").nfd().collect::<String>(),
    ];
    for v in &variants {
        let a = vnextract::extract(v);
        assert_eq!(names_titles(&a), want, "variant {v:?}");
        check_spans(v, &a);
        assert_eq!(a.officials[0].mentions.len(), 2, "variant {v:?}");
    }
}

#[test]
fn caps_and_dash_variants_full_pipeline() {
    let input = "Hội nghị tổng kết\n\nĐỒNG CHÍ PHAN VĂN PHỤNG, UỶ VIÊN BAN THƯỜNG VỤ TỈNH UỶ PHÁT BIỂU\n\nÐồng chí Phan Văn Phụng – Uỷ viên Ban Thường vụ Tỉnh uỷ, Bí thư Huyện uỷ trao quà.";
    let a = vnextract::extract(input);
    assert_eq!(a.officials.len(), 1, "{:?}", a.officials);
    let o = &a.officials[0];
    assert_eq!(o.name, "Phan Văn Phụng");
    assert!(
        o.titles.iter().any(|t| t == "Bí thư Huyện ủy"),
        "{:?}",
        o.titles
    );
    assert!(o
        .titles
        .iter()
        .any(|t| t.to_lowercase() == "ủy viên ban thường vụ tỉnh ủy"));
    assert_eq!(o.mentions.len(), 2);
    check_spans(input, &a);
}

#[test]
fn seed_like_article_full_pipeline() {
    let input = "Đồng chí Phạm Minh Chính làm việc với Đảng ủy Khối\n\nSáng 07/8/2020, tại Hà Nội, đồng chí Phạm Minh Chính, Uỷ viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Tổ chức Trung ương làm việc với Ban Thường vụ Đảng uỷ Khối. Cùng dự có các đồng chí: Nguyễn Thanh Bình, Uỷ viên Trung ương Đảng, Phó Trưởng ban Thường trực Ban Tổ chức Trung ương; Cao Văn Thống, Uỷ viên Uỷ ban Kiểm tra Trung ương.\n\nẢnh: Đồng chí Phạm Minh Chính phát biểu\n\nA.H\n";
    let a = vnextract::extract(input);
    check_spans(input, &a);
    let n = names_titles(&a);
    assert_eq!(n.len(), 3, "{n:?}");
    assert_eq!(n[0].0, "Phạm Minh Chính");
    assert_eq!(
        n[0].1,
        [
            "Ủy viên Bộ Chính trị",
            "Bí thư Trung ương Đảng",
            "Trưởng Ban Tổ chức Trung ương"
        ]
    );
    assert_eq!(a.officials[0].mentions.len(), 3);
    assert_eq!(
        n[2],
        (
            "Cao Văn Thống".to_string(),
            vec!["Ủy viên Ủy ban Kiểm tra Trung ương".to_string()]
        )
    );
    assert!(a.officials.iter().all(|o| o.name != "A.H"));
}
