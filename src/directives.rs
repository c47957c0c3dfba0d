//! Document references: Party and State codes, uncoded references, one record
//! per document.
//!
//! What is found (documents.md):
//! - Party codes `NUMBER-TYPE/BODY` (`35-CT/TW`, `08-QĐi/TW`) and State codes
//!   `NUMBER/[YEAR/]TYPE-BODY` (`30/2020/NĐ-CP`, `19/CT-TTg`), found from
//!   one pass over the digit runs of the text (a SWAR skip over the bytes
//!   without digits), tolerant of
//!   spaces and line breaks around the separators, of case, of ASCII `D` for
//!   `Đ` in known codes, of a glued "số31-…" before and "…/TWngày" after;
//! - short references: a type word and a number, "Chỉ thị 35", "Nghị quyết
//!   số 18", "NQ 18" (a lower-case type word needs "số" before the number);
//! - named resolutions: "Nghị quyết Trung ương 4 khóa XII", "Nghị quyết Đại
//!   hội XIII của Đảng", "Nghị quyết Đại hội nhiệm kỳ 2015 - 2020". The
//!   name runs over capitalised words, the lower-case words of organisation
//!   names ("đại biểu", "tỉnh", "các cơ quan") and the second syllable of a
//!   two-syllable word whose first syllable is capitalised ("Đảng bộ Quân
//!   đội", "Công an", "Cựu chiến binh": `NAME_COMPOUNDS`); it stops at any
//!   other lower-case word ("về", a verb), punctuation or a line break.
//!
//! Choices:
//! - a coded mention's span is the code alone (`35-CT/TW`, spaces inside as
//!   written); a short reference's span is the type word and the number
//!   ("Chỉ thị số 35"); a named resolution's span is its name;
//! - `kind` is the type code of the code (`QĐ` for `66-QĐ/TW`), `kind_name`
//!   is the type word written before the code when there is one ("Quy
//!   định"), else the name of the code's type;
//! - a State code without a type segment (issuer only: `96/2023/QH15`,
//!   `35/2022/UBTVQH15`; official letters `6985/VPCP-KTN`) takes `kind` from
//!   the type word written before it: "Nghị quyết số 96/2023/QH15" → `NQ`,
//!   "Công văn số 6985/VPCP-KTN" → `CV`. Laws have no type code in the
//!   domain tables; "Luật" itself is their `kind` and `kind_name` (so "Luật
//!   số 16/2023/QH15" and a later "Luật số 16" are one record), and a law
//!   cited by name before its code ("Luật Giá số 16/2023/QH15") also gets
//!   the name as `title`. With no type word the kind stays null;
//! - the date and the body written after a reference ("ngày 9/3/2021 của Bộ
//!   Chính trị khóa XIII") fill the extra fields `date` and `issued_by`; the
//!   date's range is left to the dates extractor;
//! - code and short-reference ranges are claimed; names of resolutions are
//!   not (their congress or plenum is also an event).

mod fold;
mod lexicon;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use once_cell::sync::Lazy;

use crate::doc::{Claims, Doc};
use crate::numbers::roman;
use crate::record::Directive;
use crate::text::{boundary_after, boundary_before, is_word_char, TableMap, TableSet};
use crate::text::{trim_end_at, word_start};
use fold::{eq_lower, word_before, Lower};
use lexicon::{
    lookup, lookup_word, CodeEntry, WordEntry, NAME_COMPOUNDS, NAME_WORDS, PARTY_ISSUERS,
    PARTY_KINDS, STATE_ISSUERS, STATE_KINDS, TYPE_ABBREVIATIONS, TYPE_WORDS, UNIT_WORDS,
};

/// Finds every document referred to in the content of `doc`.
///
/// Keeps one record per document (by canonical code without leading zeros,
/// else kind and number, else kind and name), with every mention in order,
/// and claims the ranges of codes and short references.
pub fn extract(doc: &Doc, claims: &mut Claims) -> Vec<Directive> {
    let mut hits = Vec::new();
    for (base, seg) in doc.segments() {
        scan_segment(seg, base, claims, &mut hits);
    }
    for h in &hits {
        if h.claim {
            claims.claim(h.range.clone());
        }
    }
    build_records(doc, hits)
}

/// One mention of a document with what it says about the document.
#[derive(Debug, Clone, Default)]
struct Hit {
    /// Canonical range of the whole text (global offsets once pushed).
    range: Range<usize>,
    /// Canonical code.
    code: Option<String>,
    /// Number without leading zeros.
    number: Option<String>,
    kind: Option<String>,
    kind_name: Option<String>,
    issuer: Option<String>,
    issuer_name: Option<String>,
    title: Option<String>,
    year: Option<i32>,
    date: Option<String>,
    issued_by: Option<String>,
    /// True for codes and short references.
    claim: bool,
}

/// A type word found in a segment.
#[derive(Debug, Clone)]
struct TypeWord {
    range: Range<usize>,
    entry: &'static WordEntry,
    abbrev: bool,
    capital: bool,
}

// ---------------------------------------------------------------------------
// The scan of one content run.

fn scan_segment(s: &str, base: usize, claims: &Claims, out: &mut Vec<Hit>) {
    let Scan { codes, shorts, nq } = scan_numbers(s);
    let mut local: Vec<Hit> = Vec::with_capacity(codes.len());
    for mut h in codes {
        // The type word written before the code: "Chỉ thị số 35-CT/TW",
        // "Quyết định của Bộ Chính trị số 31-QĐ/TW".
        if let Some((w, by)) = prose_before_code(s, h.range.start) {
            h.kind_name = Some(w.entry.2.to_string());
            // A code without a type segment ("96/2023/QH15", "6985/VPCP-KTN")
            // takes its kind from the prose type word.
            if h.kind.is_none() {
                h.kind = Some(w.entry.1.to_string());
            }
            if by.is_some() {
                h.issued_by = by;
            }
        } else if h.kind.is_none() {
            // "Luật Giá số 16/2023/QH15": a law cited by its name.
            if let Some(title) = law_name_before(s, h.range.start) {
                h.kind = Some("Luật".to_string());
                h.kind_name = Some("Luật".to_string());
                h.title = Some(title);
            }
        }
        tail(s, h.range.end, &mut h);
        local.push(h);
    }
    let n_codes = local.len();

    // Short references: a type word before a number outside codes.
    for mut h in shorts {
        inherit_suffix(s, &mut h, &local[..n_codes]);
        tail(s, h.range.end, &mut h);
        local.push(h);
    }

    // Names of resolutions.
    for m in nq {
        if boundary_before(s, m.start) && boundary_after(s, m.end) {
            local.extend(resolution_names(s, m));
        }
    }

    for mut h in local {
        h.range = h.range.start + base..h.range.end + base;
        if h.claim && claims.overlaps(&h.range) {
            continue;
        }
        out.push(h);
    }
}

/// The type word of a code at `cs`: right before it ("Chỉ thị số
/// 35-CT/TW"), or before "của <body> số" (the older order "Quyết định của
/// Bộ Chính trị số 31-QĐ/TW", which also gives the body).
fn prose_before_code(s: &str, cs: usize) -> Option<(TypeWord, Option<String>)> {
    if let Some(w) = type_word_before(s, cs) {
        return Some((w, None));
    }
    let p = before_so(s, cs)?;
    let mut lo = p.saturating_sub(100);
    while !s.is_char_boundary(lo) {
        lo += 1;
    }
    let window = &s[lo..p];
    let at = window.rfind(" của ").or_else(|| window.rfind(" Của "))?;
    let body = window[at + " của ".len()..].trim();
    if body.is_empty() || body.contains(['\n', ',', ';', '.', '(', ')', '"']) {
        return None;
    }
    let w = type_word_before(s, lo + at + 1)?;
    Some((w, Some(crate::text::collapse_ws(body))))
}

/// The name of a law written before "số" and a code at `cs`: "Luật Giá số
/// 16/2023/QH15" → "Luật Giá", "Luật Đất đai số …" → "Luật Đất đai". The
/// word after "Luật" is capitalised; up to six words, spaces only between.
fn law_name_before(s: &str, cs: usize) -> Option<String> {
    let p = before_so(s, cs)?;
    let mut starts: Vec<usize> = Vec::with_capacity(8);
    let mut end = p;
    for _ in 0..8 {
        let w = s[..end]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map(|(i, _)| i)?;
        starts.push(w);
        let word = &s[w..end];
        if matches!(word, "Luật" | "LUẬT") {
            // The word after "Luật" (found just before it) names the law.
            let named = starts.len() >= 2
                && s[starts[starts.len() - 2]..].starts_with(|c: char| c.is_uppercase());
            return named.then(|| crate::text::collapse_ws(&s[w..p]));
        }
        if w == 0 || s.as_bytes()[w - 1] != b' ' {
            return None;
        }
        end = w - 1;
    }
    None
}

/// When "số" or "số:" ends the text before `pos` (white space aside): the
/// end of the text before "số", white space trimmed.
fn before_so(s: &str, pos: usize) -> Option<usize> {
    so_before(s, trim_end_at(s, pos))
}

/// `before_so` on text already trimmed: `head` ends the text before the
/// number, white space aside.
#[inline]
fn so_before(s: &str, head: usize) -> Option<usize> {
    let b = s.as_bytes();
    let h2 = if head > 0 && b[head - 1] == b':' {
        head - 1
    } else {
        head
    };
    // "ố" and "Ố" end in 0x91 and 0x90: a cheap first test.
    if h2 < 3 || !matches!(b[h2 - 1], 0x90 | 0x91) {
        return None;
    }
    let h = &s[..h2];
    let p = h2 - ["số", "Số", "SỐ"].iter().find(|so| h.ends_with(*so))?.len();
    (!word_before(s, p)).then(|| trim_end_at(s, p))
}

/// The type word that ends right before `pos`, "số" and white space aside:
/// "Chỉ thị 35", "Nghị quyết số 18", "số31", "NQ 18".
fn type_word_before(s: &str, pos: usize) -> Option<TypeWord> {
    let head = trim_end_at(s, pos);
    let k = so_before(s, head).unwrap_or(head);
    if k == 0 || !LAST_BYTES[usize::from(s.as_bytes()[k - 1])] {
        return None;
    }
    let mut start = word_start(s, k);
    if start == k || k - start > BY_LAST.max_len {
        return None;
    }
    // The spellings that end with this word.
    let spellings = BY_LAST.map.get(&s[start..k])?;
    // Up to three more words before it, one space apart; longest match wins.
    let b = s.as_bytes();
    let mut starts = [start; 4];
    let mut n = 1;
    for _ in 0..3 {
        if start < 2 || b[start - 1] != b' ' {
            break;
        }
        let st = word_start(s, start - 1);
        if st == start - 1 {
            break;
        }
        start = st;
        starts[n] = start;
        n += 1;
    }
    starts[..n].iter().rev().find_map(|&st| {
        let text = &s[st..k];
        let &(_, (entry, abbrev)) = spellings.iter().find(|(v, _)| *v == text)?;
        Some(TypeWord {
            range: st..k,
            entry,
            abbrev,
            capital: starts_upper(text),
        })
    })
}

/// True when `t` starts with an upper-case letter.
#[inline]
fn starts_upper(t: &str) -> bool {
    match t.as_bytes().first() {
        None => false,
        Some(c) if c.is_ascii() => c.is_ascii_uppercase(),
        Some(_) => t.starts_with(|c: char| c.is_uppercase()),
    }
}

// ---------------------------------------------------------------------------
// Codes.

#[inline]
fn is_code_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'Đ' || c == 'đ'
}

#[inline]
fn is_issuer_letter(c: char) -> bool {
    is_code_letter(c) || c == 'Ư' || c == 'ư'
}

/// Skips at most `max` bytes of white space (line breaks included).
fn skip_ws(s: &str, mut k: usize, max: usize) -> usize {
    let b = s.as_bytes();
    let stop = (k + max).min(b.len());
    while k < stop && matches!(b[k], b' ' | b'\t' | b'\n' | b'\r') {
        k += 1;
    }
    k
}

/// The run of chars satisfying `f` from `k`, at most `max` chars: its end.
fn run_end(s: &str, k: usize, max: usize, f: impl Fn(char) -> bool) -> usize {
    let mut end = k;
    for (n, c) in s[k..].chars().enumerate() {
        if n >= max || !f(c) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// The first ASCII digit or `N` of `b` at or after `i` (`b.len()` when
/// none): the starts of numbers and of "Nghị quyết".
///
/// Blocks of 16 bytes are tested with a branch-free fold that the compiler
/// turns into vector instructions; the block that holds a stop is searched
/// eight bytes at a time.
fn next_stop(b: &[u8], mut i: usize) -> usize {
    const BLOCK: usize = 16;
    let stop = |c: u8| (c.wrapping_sub(b'0') < 10) | (c == b'N');
    for block in b[i.min(b.len())..].chunks_exact(BLOCK) {
        if block.iter().fold(false, |a, &c| a | stop(c)) {
            break;
        }
        i += BLOCK;
    }
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w);
        // Bytes 0x30..=0x39 become 0..=9, and `N` becomes 0: the lowest
        // flagged byte of each test is exact.
        let d = w ^ (LO * 0x30);
        let n = w ^ (LO * u64::from(b'N'));
        let mask = (d.wrapping_sub(LO * 10) & !d | n.wrapping_sub(LO) & !n) & HI;
        if mask != 0 {
            return i + (mask.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !stop(b[i]) {
        i += 1;
    }
    i
}

/// What one pass over a content run finds.
struct Scan {
    /// Party and State codes.
    codes: Vec<Hit>,
    /// Short references ("Chỉ thị 35").
    shorts: Vec<Hit>,
    /// "Nghị quyết" as written, boundaries not yet checked.
    nq: Vec<Range<usize>>,
}

/// The "Nghị quyết" that starts at `i` (`b[i]` is `N`): its range.
fn nq_at(b: &[u8], i: usize) -> Option<Range<usize>> {
    NQ_SPELLINGS
        .iter()
        .find(|w| b[i..].starts_with(w.as_bytes()))
        .map(|w| i..i + w.len())
}

/// One pass over the digit runs of `s`: the Party and State codes they
/// start, the short references ("Chỉ thị 35") that end with the other
/// short runs, and (at every `N`) the spellings of "Nghị quyết".
fn scan_numbers(s: &str) -> Scan {
    let b = s.as_bytes();
    let mut codes = Vec::new();
    let mut others = Vec::new();
    let mut nq = Vec::new();
    let mut i = 0;
    loop {
        i = next_stop(b, i);
        if i >= b.len() {
            break;
        }
        if b[i] == b'N' {
            // No `N` inside a spelling: matches never overlap.
            nq.extend(nq_at(b, i));
            i += 1;
            continue;
        }
        let ds = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let de = i;
        if de - ds > 5 {
            continue;
        }
        let k = skip_ws(s, de, 2);
        if k < b.len() && (b[k] == b'-' || b[k] == b'/') && number_start_ok(s, ds) {
            let digits = &s[ds..de];
            let code = if b[k] == b'-' {
                party_code(s, ds, digits, k + 1)
            } else {
                state_code(s, ds, digits, k + 1)
            };
            if let Some(h) = code {
                i = h.range.end;
                // A code may run over an `N`.
                for n in (de..i).filter(|&n| b[n] == b'N') {
                    nq.extend(nq_at(b, n));
                }
                codes.push(h);
                continue;
            }
        }
        // A type word before the number makes a short reference.
        let Some(w) = type_word_before(s, ds) else {
            continue;
        };
        if let Some(h) = short_reference(s, &w) {
            if h.range.end == de {
                others.push(h);
            }
        }
    }
    Scan {
        codes,
        shorts: others,
        nq,
    }
}

/// True when the number starting at `ds` is not the tail of something else:
/// nothing word-like before it except "số" ("số31-QĐ/TW").
fn number_start_ok(s: &str, ds: usize) -> bool {
    let mut before = s[..ds].chars().rev();
    match before.next() {
        None => true,
        Some('/' | '-' | '_' | '&' | '+') => false,
        Some('.' | ',' | ':') => !before.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) if is_word_char(c) => eq_lower(&s[word_start(s, ds)..ds], "số"),
        Some(_) => true,
    }
}

/// Looks `upper` up in `table`, also with ASCII `D` read as `Đ`.
fn lookup_fold(table: &'static [CodeEntry], upper: &str) -> Option<&'static CodeEntry> {
    if let Some(e) = lookup(table, upper) {
        return Some(e);
    }
    let ds: Vec<usize> = upper.match_indices('D').map(|(i, _)| i).collect();
    if ds.is_empty() || ds.len() > 4 {
        return None;
    }
    let mut buf = String::with_capacity(upper.len() + 4);
    for mask in 1u32..(1 << ds.len()) {
        buf.clear();
        let mut last = 0;
        for (bit, &i) in ds.iter().enumerate() {
            buf.push_str(&upper[last..i]);
            buf.push(if mask & (1 << bit) != 0 { 'Đ' } else { 'D' });
            last = i + 1;
        }
        buf.push_str(&upper[last..]);
        if let Some(e) = lookup(table, &buf) {
            return Some(e);
        }
    }
    None
}

fn has_lower(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

/// `NUMBER-TYPE/BODY` after the hyphen at `q - 1`.
fn party_code(s: &str, ds: usize, digits: &str, q: usize) -> Option<Hit> {
    let k = skip_ws(s, q, 4);
    let t_end = run_end(s, k, 6, is_code_letter);
    let t = &s[k..t_end];
    let n = t.chars().count();
    if n == 0 || n > 5 {
        return None;
    }
    let t_upper = t.to_uppercase();
    let (kind, kind_name) = match lookup_fold(PARTY_KINDS, &t_upper) {
        Some(e) => (e.1.to_string(), Some(e.2)),
        None if !has_lower(t) => (t_upper, None),
        None => return None,
    };
    let k = skip_ws(s, t_end, 4);
    if s.as_bytes().get(k) != Some(&b'/') {
        return None;
    }
    let k = skip_ws(s, k + 1, 4);
    let (i_end, issuer, issuer_name) = party_issuer(s, k)?;
    Some(Hit {
        range: ds..i_end,
        code: Some(join_code(&[digits, "-", &kind, "/", &issuer])),
        number: Some(strip_zeros(digits)),
        kind: Some(kind),
        kind_name: kind_name.map(str::to_string),
        issuer: Some(issuer),
        issuer_name: issuer_name.map(str::to_string),
        claim: true,
        ..Hit::default()
    })
}

/// The issuing-body code of a Party number at `k`: end, canonical code, name.
fn party_issuer(s: &str, k: usize) -> Option<(usize, String, Option<&'static str>)> {
    let rest = &s[k..];
    if rest.starts_with("T.Ư") || rest.starts_with("T.ư") {
        let end = k + "T.Ư".len();
        return Some((end, "TƯ".to_string(), Some("Trung ương")));
    }
    let r_end = run_end(s, k, 16, is_issuer_letter);
    if r_end == k {
        return None;
    }
    let run = &s[k..r_end];
    let glued = !boundary_after(s, r_end);
    if !glued {
        let upper = run.to_uppercase();
        if let Some(e) = lookup_fold(PARTY_ISSUERS, &upper) {
            return Some((r_end, e.1.to_string(), Some(e.2)));
        }
        if !has_lower(run) && run.chars().count() <= 12 {
            return Some((r_end, upper, None));
        }
    }
    glued_code(s, k, run, PARTY_ISSUERS)
}

/// A code glued to the next word ("TWngày", "ĐUKvề"): the longest known code
/// that starts the run, else its upper-case head when a lower-case letter
/// follows it.
fn glued_code(
    s: &str,
    k: usize,
    run: &str,
    table: &'static [CodeEntry],
) -> Option<(usize, String, Option<&'static str>)> {
    let cuts: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain(std::iter::once(run.len()))
        .collect();
    for &cut in cuts.iter().rev() {
        let head = &run[..cut];
        if head.chars().count() < 2 {
            break;
        }
        // The part glued on must look like the start of a word.
        let next = s[k + cut..].chars().next();
        if cut < run.len() && !next.is_some_and(char::is_lowercase) {
            continue;
        }
        if let Some(e) = lookup_fold(table, &head.to_uppercase()) {
            return Some((k + cut, e.1.to_string(), Some(e.2)));
        }
    }
    let upper_len: usize = run
        .chars()
        .take_while(|c| !c.is_lowercase())
        .map(char::len_utf8)
        .sum();
    let head = &run[..upper_len];
    if head.chars().count() >= 2 && upper_len < run.len() && head.chars().count() <= 12 {
        return Some((k + upper_len, head.to_string(), None));
    }
    None
}

/// `NUMBER/[YEAR/]TYPE-BODY` after the slash at `q - 1`.
fn state_code(s: &str, ds: usize, digits: &str, q: usize) -> Option<Hit> {
    let b = s.as_bytes();
    let mut k = skip_ws(s, q, 1);
    let mut year = None;
    if k + 4 <= b.len() && b[k..k + 4].iter().all(u8::is_ascii_digit) {
        let y: i32 = s[k..k + 4].parse().ok()?;
        let after = skip_ws(s, k + 4, 1);
        if !(1945..=2100).contains(&y) || b.get(after) != Some(&b'/') {
            return None;
        }
        year = Some(y);
        k = skip_ws(s, after + 1, 1);
    }
    // Hyphen-joined segments of letters, digits and '&'.
    let mut segs: Vec<Range<usize>> = Vec::new();
    loop {
        let first = s[k..].chars().next()?;
        if !is_code_letter(first) {
            if segs.is_empty() {
                return None;
            }
            break;
        }
        let end = run_end(s, k, 16, |c| {
            is_code_letter(c) || c.is_ascii_digit() || c == '&'
        });
        segs.push(k..end);
        if b.get(end) == Some(&b'-') && s[end + 1..].chars().next().is_some_and(is_code_letter) {
            k = end + 1;
        } else {
            break;
        }
        if segs.len() >= 5 {
            break;
        }
    }
    let mut canon: Vec<String> = Vec::with_capacity(segs.len());
    let mut kind = None;
    let mut kind_name = None;
    let mut issuer_names: Vec<String> = Vec::new();
    let mut end = segs.last()?.end;
    let last = segs.len() - 1;
    for (i, r) in segs.iter().enumerate() {
        let seg = &s[r.clone()];
        let upper = seg.to_uppercase();
        if i == 0 && segs.len() > 1 {
            if let Some(e) = lookup_fold(STATE_KINDS, &upper) {
                kind = Some(e.1.to_string());
                kind_name = Some(e.2.to_string());
                canon.push(e.1.to_string());
                continue;
            }
        }
        let glued = i == last && !boundary_after(s, r.end);
        match state_issuer(&upper) {
            Some((c, name)) if !glued => {
                canon.push(c);
                issuer_names.extend(name);
            }
            _ if !glued && !has_lower(seg) && seg.chars().any(char::is_alphabetic) => {
                canon.push(upper)
            }
            _ if glued => {
                let (e, c, name) = glued_code(s, r.start, seg, STATE_ISSUERS)?;
                end = e;
                canon.push(c);
                issuer_names.extend(name.map(str::to_string));
            }
            _ => return None,
        }
    }
    // A lone type letter ("L") needs an issuer after it; a lone segment
    // needs two letters.
    if canon.len() == 1 && canon[0].chars().count() < 2 {
        return None;
    }
    let issuer_parts = if kind.is_some() {
        &canon[1..]
    } else {
        &canon[..]
    };
    let issuer = issuer_parts.join("-");
    let issuer_name = (issuer_parts.len() == 1 && issuer_names.len() == 1)
        .then(|| issuer_names.pop())
        .flatten();
    let mut code = String::with_capacity(end - ds + 8);
    code.push_str(digits);
    code.push('/');
    if let Some(y) = year {
        code.push_str(itoa4(y, &mut [0; 4]));
        code.push('/');
    }
    code.push_str(&canon.join("-"));
    Some(Hit {
        range: ds..end,
        code: Some(code),
        number: Some(strip_zeros(digits)),
        kind,
        kind_name,
        issuer: Some(issuer),
        issuer_name,
        year,
        claim: true,
        ..Hit::default()
    })
}

/// A State issuer segment: canonical spelling and name, a term number kept
/// (`QH15` → "Quốc hội khóa 15").
fn state_issuer(upper: &str) -> Option<(String, Option<String>)> {
    let letters = upper.trim_end_matches(|c: char| c.is_ascii_digit());
    let term = &upper[letters.len()..];
    if letters.is_empty() {
        return None;
    }
    let e = lookup_fold(STATE_ISSUERS, letters)?;
    let name = if term.is_empty() {
        e.2.to_string()
    } else {
        format!("{} khóa {}", e.2, term)
    };
    Some((format!("{}{}", e.1, term), Some(name)))
}

/// The parts joined, without the formatting machinery.
fn join_code(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// `format!("{y}")` for a year of four digits (1945..=2100 here).
fn itoa4(y: i32, buf: &mut [u8; 4]) -> &str {
    let mut v = y.unsigned_abs();
    for d in buf.iter_mut().rev() {
        *d = b'0' + (v % 10) as u8;
        v /= 10;
    }
    std::str::from_utf8(buf).unwrap_or("")
}

/// `format!("{year:04}-{month:02}-{day:02}")` for a valid date.
fn iso_date(year: i32, month: u32, day: u32) -> String {
    let mut out = String::with_capacity(10);
    out.push_str(itoa4(year, &mut [0; 4]));
    for v in [month, day] {
        out.push('-');
        out.push(char::from(b'0' + (v / 10 % 10) as u8));
        out.push(char::from(b'0' + (v % 10) as u8));
    }
    out
}

fn strip_zeros(d: &str) -> String {
    let t = d.trim_start_matches('0');
    if t.is_empty() {
        "0".to_string()
    } else {
        t.to_string()
    }
}

// ---------------------------------------------------------------------------
// Type words, short references and names of resolutions.

/// The spellings of a type word that prose uses: "chỉ thị", "Chỉ thị",
/// "Chỉ Thị", "CHỈ THỊ". A case-sensitive list keeps the search on fast
/// literal prefilters (a `(?i)` search of Vietnamese is several times
/// slower).
fn case_variants(w: &str) -> Vec<String> {
    let cap_first = |x: &str| {
        let mut c = x.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let title: Vec<String> = w.split(' ').map(cap_first).collect();
    let mut v = vec![
        w.to_string(),
        cap_first(w),
        title.join(" "),
        w.to_uppercase(),
    ];
    v.sort();
    v.dedup();
    v
}

/// Every spelling of every type word and abbreviation, to its entry.
static TYPE_VARIANTS: Lazy<TableMap<String, (&'static WordEntry, bool)>> = Lazy::new(|| {
    let mut m = TableMap::default();
    for e in TYPE_WORDS {
        for v in case_variants(e.0) {
            m.insert(v, (e, false));
        }
    }
    for e in TYPE_ABBREVIATIONS {
        m.insert(e.0.to_string(), (e, true));
    }
    m
});

/// A spelling of a type word with its entry and whether it is an
/// abbreviation.
type Spelling = (&'static str, (&'static WordEntry, bool));

/// The spellings of the type words by their last word.
struct ByLast {
    /// Last word → the spellings (of `TYPE_VARIANTS`) that end with it.
    map: TableMap<&'static str, Vec<Spelling>>,
    /// The longest last word, in bytes.
    max_len: usize,
}

static BY_LAST: Lazy<ByLast> = Lazy::new(|| {
    let mut map: TableMap<&'static str, Vec<_>> = TableMap::default();
    for (k, &v) in TYPE_VARIANTS.iter() {
        let k: &'static str = k.as_str();
        map.entry(k.rsplit(' ').next().unwrap_or(k))
            .or_default()
            .push((k, v));
    }
    let max_len = map.keys().map(|w| w.len()).max().unwrap_or(0);
    ByLast { map, max_len }
});

/// The bytes that end the last word of a type word: a cheaper first test.
static LAST_BYTES: Lazy<[bool; 256]> = Lazy::new(|| {
    let mut t = [false; 256];
    for w in BY_LAST.map.keys() {
        if let Some(&b) = w.as_bytes().last() {
            t[usize::from(b)] = true;
        }
    }
    t
});

/// A hashed set of lower-case words, looked up with the bytes of a
/// [`Lower`].
type WordSet = TableSet<&'static [u8]>;

fn word_set<'a>(words: impl IntoIterator<Item = &'a &'static str>) -> WordSet {
    words.into_iter().map(|w| w.as_bytes()).collect()
}

/// The first words of the type words: a first test before two words are
/// joined and looked up.
static TYPE_FIRST_SET: Lazy<WordSet> = Lazy::new(|| {
    TYPE_WORDS
        .iter()
        .map(|e| e.0.split(' ').next().unwrap_or(e.0).as_bytes())
        .collect()
});
static TYPE_WORD_SET: Lazy<WordSet> =
    Lazy::new(|| TYPE_WORDS.iter().map(|e| e.0.as_bytes()).collect());
static NAME_SET: Lazy<WordSet> = Lazy::new(|| word_set(NAME_WORDS));
static UNIT_SET: Lazy<WordSet> = Lazy::new(|| word_set(UNIT_WORDS));
static ORDINAL_SET: Lazy<WordSet> = Lazy::new(|| word_set(ORDINAL_WORDS));
static COMPOUND_SET: Lazy<WordSet> = Lazy::new(|| word_set(NAME_COMPOUNDS));

/// "Nghị quyết" as it may start the name of a resolution.
const NQ_SPELLINGS: [&str; 3] = ["Nghị quyết", "Nghị Quyết", "NGHỊ QUYẾT"];

/// The largest char boundary of `s` at or below `i` (clamped to its length).
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Skips spaces and tabs (never a line break).
fn skip_spaces(s: &str, mut k: usize) -> usize {
    let b = s.as_bytes();
    while k < b.len() && matches!(b[k], b' ' | b'\t') {
        k += 1;
    }
    k
}

/// "Chỉ thị 35", "Nghị quyết số 18", "chỉ thị số 05", "NQ 18".
fn short_reference(s: &str, w: &TypeWord) -> Option<Hit> {
    if w.entry.1 == "Luật" {
        return None;
    }
    let b = s.as_bytes();
    let mut k = skip_spaces(s, w.range.end);
    if k == w.range.end {
        return None;
    }
    let mut has_so = false;
    let rest = &s[k..];
    for so in ["số", "Số", "SỐ"] {
        if let Some(r) = rest.strip_prefix(so) {
            has_so = true;
            k += so.len();
            if r.starts_with(':') {
                k += 1;
            }
            k = skip_spaces(s, k);
            break;
        }
    }
    let ds = k;
    while k < b.len() && b[k].is_ascii_digit() {
        k += 1;
    }
    let de = k;
    if de == ds || de - ds > 5 {
        return None;
    }
    // What follows the number must end it: no letter or digit glued on, no
    // date or decimal ("9/7", "18,5"), no percent.
    let mut after = s[de..].chars();
    match after.next() {
        Some(c) if is_word_char(c) || c == '%' => return None,
        Some('/' | '-' | '.' | ',' | ':') if after.next().is_some_and(|c| c.is_ascii_digit()) => {
            return None
        }
        _ => {}
    }
    let digits = &s[ds..de];
    if !has_so {
        if !(w.capital || w.abbrev) {
            return None;
        }
        if digits.len() == 4 && (1900..=2100).contains(&digits.parse::<u32>().unwrap_or(0)) {
            return None;
        }
        let n = skip_spaces(s, de);
        if n > de {
            let word_end = run_end(s, n, 12, is_word_char);
            if Lower::new(&s[n..word_end]).in_set(&UNIT_SET) {
                return None;
            }
        }
    }
    Some(Hit {
        range: w.range.start..de,
        number: Some(strip_zeros(digits)),
        kind: Some(w.entry.1.to_string()),
        kind_name: Some(w.entry.2.to_string()),
        claim: true,
        ..Hit::default()
    })
}

/// "các Nghị quyết số 18, 19-NQ/TW": a short reference right before a code of
/// its kind, joined by a comma or "và", shares the code's suffix.
fn inherit_suffix(s: &str, h: &mut Hit, codes: &[Hit]) {
    let i = codes.partition_point(|c| c.range.start < h.range.end);
    let Some(c) = codes.get(i) else { return };
    let gap = s[h.range.end..c.range.start].trim();
    if !(gap == "," || gap == "và") || kind_key(h.kind.as_deref()) != kind_key(c.kind.as_deref()) {
        return;
    }
    let Some(code) = c.code.as_deref() else {
        return;
    };
    let digits_len = code.bytes().take_while(u8::is_ascii_digit).count();
    let written: String = s[..h.range.end]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    h.code = Some(join_code(&[&written, &code[digits_len..]]));
    h.issuer = c.issuer.clone();
    h.issuer_name = c.issuer_name.clone();
    h.year = c.year;
}

/// The kind used to compare references: `QĐi` and `QyĐ` are `QĐ`.
fn kind_key(k: Option<&str>) -> Option<Cow<'_, str>> {
    let k = k?;
    // Upper case already (the table codes but a few): no copy.
    let u = if k
        .chars()
        .all(|c| (c.is_ascii() && !c.is_ascii_lowercase()) || c == 'Đ')
    {
        Cow::Borrowed(k)
    } else {
        Cow::Owned(k.to_uppercase())
    };
    Some(match &*u {
        "QĐI" | "QYĐ" => Cow::Borrowed("QĐ"),
        _ => u,
    })
}

/// A word token: its range, or `None` at a line break, punctuation or the
/// end. "T.Ư" is one token.
fn token(s: &str, k: usize) -> Option<Range<usize>> {
    let k = skip_spaces(s, k);
    let rest = &s[k..];
    if rest.starts_with("T.Ư") {
        return Some(k..k + "T.Ư".len());
    }
    let end = crate::text::word_end(s, k, 40);
    (end > k).then_some(k..end)
}

fn is_roman_token(t: &str) -> bool {
    // Upper-case Roman digits only (what `has_lower` and `roman` leave).
    t.bytes().all(|c| b"IVXLCDM".contains(&c)) && roman(t).is_some()
}

const ORDINAL_WORDS: &[&str] = &[
    "ba", "bảy", "bốn", "chín", "hai", "mười", "một", "nhất", "năm", "sáu", "tám", "tư",
];

/// Names of resolutions after "Nghị quyết" (`w` is its range): the name
/// itself and, after a comma or "và", a congress sharing the head word.
fn resolution_names(s: &str, w: Range<usize>) -> Vec<Hit> {
    let mut out = Vec::new();
    let Some(end) = plenum_name(s, w.end).or_else(|| congress_name(s, w.end)) else {
        return out;
    };
    let title = crate::text::collapse_ws(&s[w.start..end]);
    out.push(named_hit(w.start..end, title));
    // "Nghị quyết Đại hội Đảng bộ Khối lần thứ XVI, Đại hội Đảng bộ tỉnh lần XIX"
    let mut k = end;
    loop {
        let rest = &s[k..];
        let skip = if rest.starts_with(", ") {
            2
        } else if rest.starts_with(" và ") {
            5
        } else {
            break;
        };
        let start = skip_spaces(s, k + skip);
        let Some(first) = token(s, start) else { break };
        if !s[first.clone()].starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        let Some(e) = congress_name(s, start - 1) else {
            break;
        };
        if e <= start {
            break;
        }
        let title = format!("Nghị quyết {}", crate::text::collapse_ws(&s[start..e]));
        out.push(named_hit(start..e, title));
        k = e;
    }
    out
}

fn named_hit(range: Range<usize>, title: String) -> Hit {
    Hit {
        range,
        kind: Some("NQ".to_string()),
        kind_name: Some("Nghị quyết".to_string()),
        title: Some(title),
        ..Hit::default()
    }
}

/// "Trung ương 4 khóa XII", "TW4", "T.Ư 6 (khóa XI)" after `k`: the end of
/// the name.
fn plenum_name(s: &str, k: usize) -> Option<usize> {
    let t = token(s, k)?;
    let tx = &s[t.clone()];
    let mut end;
    let mut need_number = true;
    match tx {
        "Trung" | "trung" | "TRUNG" => {
            let t2 = token(s, t.end)?;
            if !eq_lower(&s[t2.clone()], "ương") {
                return None;
            }
            end = t2.end;
        }
        "TW" | "TƯ" | "T.Ư" => end = t.end,
        _ => {
            let head = tx.trim_end_matches(|c: char| c.is_ascii_digit());
            if (head == "TW" || head == "TƯ") && head.len() < tx.len() && tx.len() - head.len() <= 2
            {
                end = t.end;
                need_number = false;
            } else {
                return None;
            }
        }
    }
    if need_number {
        let mut n = token(s, end)?;
        if eq_lower(&s[n.clone()], "lần") {
            let t2 = token(s, n.end)?;
            if !eq_lower(&s[t2.clone()], "thứ") {
                return None;
            }
            n = token(s, t2.end)?;
        }
        let nx = &s[n.clone()];
        let ok = (nx.len() <= 2 && nx.bytes().all(|c| c.is_ascii_digit()))
            || is_roman_token(nx)
            || Lower::new(nx).in_set(&ORDINAL_SET);
        if !ok {
            return None;
        }
        end = n.end;
    }
    // Optional term: "khóa XII" or "(khóa XII)".
    let k2 = skip_spaces(s, end);
    let paren = s[k2..].starts_with('(');
    let from = if paren { k2 + 1 } else { end };
    if let Some(kt) = token(s, from) {
        if eq_lower(&s[kt.clone()], "khóa") {
            if let Some(rt) = token(s, kt.end) {
                if is_roman_token(&s[rt.clone()]) {
                    if !paren {
                        end = rt.end;
                    } else if s[rt.end..].starts_with(')') {
                        end = rt.end + 1;
                    }
                }
            }
        }
    }
    Some(end)
}

/// "Đại hội XIII của Đảng", "Đại hội Đảng bộ Khối lần thứ XVI", "Đại hội
/// nhiệm kỳ 2015 - 2020", "Hội nghị Trung ương 4" after `k`: the end of the
/// name when it names one congress or plenum.
fn congress_name(s: &str, k: usize) -> Option<usize> {
    let t1 = token(s, k)?;
    let t2 = token(s, t1.end)?;
    let (w1, w2) = (&s[t1.clone()], &s[t2.clone()]);
    let congress = if eq_lower(w1, "đại") && eq_lower(w2, "hội") {
        true
    } else if eq_lower(w1, "hội") && eq_lower(w2, "nghị") {
        false
    } else {
        return None;
    };
    // An ALL CAPS headline: words are judged by their lower-case form.
    let caps = !has_lower(&s[t1.start..t2.end]);
    let mut end = t2.end;
    // Accepted tokens: (end, lower-case text).
    let mut accepted: Vec<(usize, Lower)> = Vec::with_capacity(16);
    let mut spec = false;
    let mut k = t2.end;
    // True when the last accepted token may take the second syllable of a
    // compound ("Quân" of "Quân đội"): capitalised, or such a syllable.
    let mut joinable = false;
    while let Some(t) = token(s, k) {
        let tx = &s[t.clone()];
        let low = Lower::new(tx);
        let none = Lower::default();
        let prev = accepted.last().map_or(&none, |(_, w)| w);
        let tail = (joinable || caps) && is_compound(prev, &low);
        if low.is("nhiệm") {
            // "nhiệm kỳ 2015 - 2020"
            let Some(kt) = token(s, t.end) else { break };
            if !eq_lower(&s[kt.clone()], "kỳ") {
                break;
            }
            match year_span(s, kt.end) {
                Some(e) => {
                    accepted.push((e, Lower::new("nhiệm kỳ")));
                    spec = true;
                    k = e;
                    continue;
                }
                None => break,
            }
        }
        if low.is("và") && token(s, t.end).is_some_and(|n| starts_upper(&s[n])) {
            // "… XIII của Đảng và Đại hội Đảng bộ tỉnh": a second name.
            break;
        }
        let numeral = is_roman_token(tx)
            || (tx.len() <= 3 && tx.bytes().all(|c| c.is_ascii_digit()))
            || ((prev.is("thứ") || prev.is("lần")) && low.in_set(&ORDINAL_SET));
        if numeral {
            spec = true;
        } else if tail {
            // "Đảng bộ Quân đội", "ĐẢNG BỘ QUÂN ĐỘI"
        } else if caps {
            let head_of_pair =
                || token(s, t.end).is_some_and(|n| is_compound(&low, &Lower::new(&s[n])));
            if !low.in_set(&NAME_SET) && !head_of_pair() {
                break;
            }
            spec |= congress && low.is("đảng");
        } else if starts_upper(tx) {
            if two_words_is_type(s, t.clone()) {
                break;
            }
            if congress {
                spec = true;
            }
        } else if !low.in_set(&NAME_SET) {
            break;
        }
        joinable = tail || (!caps && starts_upper(tx));
        accepted.push((t.end, low));
        k = t.end;
    }
    // "Đại hội Đảng các cấp" names no one congress.
    if accepted
        .windows(2)
        .any(|w| w[0].1 == "các" && w[1].1 == "cấp")
    {
        return None;
    }
    // Drop connectors left hanging at the end.
    while let Some((_, w)) = accepted.last() {
        let hanging =
            w.is_one_of(&[
                "của", "các", "và", "lần", "thứ", "khóa", "đại", "cấp", "toàn", "tổ",
            ]) || (w.is("năm") && accepted.len() >= 2 && !accepted[accepted.len() - 2].1.is("thứ"));
        if hanging {
            accepted.pop();
        } else {
            break;
        }
    }
    if let Some((e, _)) = accepted.last() {
        end = *e;
    }
    spec.then_some(end)
}

/// True when the lower-case syllables `a b` are one word of an organisation
/// name ("quân đội", "công an").
fn is_compound(a: &Lower, b: &Lower) -> bool {
    let (a, b) = (a.bytes(), b.bytes());
    if a.is_empty() || b.is_empty() || a.len() + b.len() > 40 {
        return false;
    }
    let mut key = [0u8; 41];
    key[..a.len()].copy_from_slice(a);
    key[a.len()] = b' ';
    key[a.len() + 1..a.len() + 1 + b.len()].copy_from_slice(b);
    let key = &key[..a.len() + 1 + b.len()];
    COMPOUND_SET.contains(key)
}

/// True when the token at `t` and the next one, lower case and joined by a
/// space (the token alone at the end of a run), are a type word ("Nghị
/// quyết", "Luật").
fn two_words_is_type(s: &str, t: Range<usize>) -> bool {
    let mut w = Lower::new(&s[t.clone()]);
    if !w.in_set(&TYPE_FIRST_SET) {
        return false;
    }
    if let Some(n) = token(s, t.end) {
        w.push_byte(b' ');
        w.push_str(&s[n]);
    }
    w.in_set(&TYPE_WORD_SET)
}

/// "2015 - 2020" after `k`: its end.
fn year_span(s: &str, k: usize) -> Option<usize> {
    let b = s.as_bytes();
    let k = skip_spaces(s, k);
    let four = |i: usize| i + 4 <= b.len() && b[i..i + 4].iter().all(u8::is_ascii_digit);
    if !four(k) {
        return None;
    }
    let j = skip_spaces(s, k + 4);
    if b.get(j) != Some(&b'-') {
        return None;
    }
    let j = skip_spaces(s, j + 1);
    if !four(j) || b.get(j + 4).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some(j + 4)
}

// ---------------------------------------------------------------------------
// Date and issuing body after a reference.

/// Reads "ngày 9/3/2021" and "của Bộ Chính trị khóa XIII" after `end`, in
/// either order, into `h.date` and `h.issued_by`.
fn tail(s: &str, end: usize, h: &mut Hit) {
    let mut k = end;
    for _ in 0..2 {
        // Both patterns match within a few dozen bytes: a bounded window
        // keeps each search independent of the segment's length.
        let rest = &s.as_bytes()[k..floor_char_boundary(s, k + 256)];
        if h.date.is_none() {
            if let Some((e, day, month, year)) = date_after(rest) {
                if crate::article::valid_date(year, month, day) {
                    h.date = Some(iso_date(year, month, day));
                }
                k += e;
                continue;
            }
        }
        if h.issued_by.is_none() {
            if let Some(e) = body_after(rest) {
                if let Some((e, body)) = body_name(s, k + e) {
                    h.issued_by = Some(body);
                    k = e;
                    continue;
                }
            }
        }
        break;
    }
}

/// Skips spaces and tabs in `r` from `i`.
#[inline]
fn skip_sp(r: &[u8], mut i: usize) -> usize {
    while i < r.len() && matches!(r[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

/// The first of `words` that `r[i..]` starts with: the end of it.
#[inline]
fn after_word(r: &[u8], i: usize, words: &[&str]) -> Option<usize> {
    let rest = r.get(i..)?;
    let first = *rest.first()?;
    words
        .iter()
        .find(|w| w.as_bytes()[0] == first && rest.starts_with(w.as_bytes()))
        .map(|w| i + w.len())
}

/// A run of one or two digits at `i` that no digit follows: its value and
/// end.
#[inline]
fn day_digits(r: &[u8], i: usize) -> Option<(u32, usize)> {
    let digit = |j: usize| r.get(j).is_some_and(u8::is_ascii_digit);
    if !digit(i) {
        return None;
    }
    let n = if digit(i + 1) { 2 } else { 1 };
    if digit(i + n) {
        return None;
    }
    Some((digits_value(&r[i..i + n]) as u32, i + n))
}

/// Four digits at `i`: the year.
#[inline]
fn year_digits(r: &[u8], i: usize) -> Option<i32> {
    let y = r.get(i..i + 4)?;
    y.iter()
        .all(u8::is_ascii_digit)
        .then(|| digits_value(y) as i32)
}

fn digits_value(d: &[u8]) -> u64 {
    d.iter().fold(0, |v, &c| v * 10 + u64::from(c - b'0'))
}

/// The date written right after a reference, the pattern
/// `^[ \t]*,?[ \t]*(?:ngày|Ngày|NGÀY)[ \t]*([0-9]{1,2})(?:[ \t]*[/.-][ \t]*([0-9]{1,2})[ \t]*[/.-][ \t]*([0-9]{4})|[ \t]+(?:tháng|THÁNG)[ \t]+([0-9]{1,2})[ \t]*(?:năm|NĂM|,|/)?[ \t]*([0-9]{4}))`
/// matched by hand with the regex's leftmost-first choices: the end of the
/// match in `r`, day, month and year.
fn date_after(r: &[u8]) -> Option<(usize, u32, u32, i32)> {
    let mut i = skip_sp(r, 0);
    if r.get(i) == Some(&b',') {
        i = skip_sp(r, i + 1);
    }
    let i = skip_sp(r, after_word(r, i, &["ngày", "Ngày", "NGÀY"])?);
    // The day (and a numeric month) must end before a separator or a
    // space, so a longer run of digits matches nothing.
    let (day, i) = day_digits(r, i)?;
    let j = skip_sp(r, i);
    if matches!(r.get(j), Some(b'/' | b'.' | b'-')) {
        let (month, j) = day_digits(r, skip_sp(r, j + 1))?;
        let j = skip_sp(r, j);
        if !matches!(r.get(j), Some(b'/' | b'.' | b'-')) {
            return None;
        }
        let j = skip_sp(r, j + 1);
        return year_digits(r, j).map(|y| (j + 4, day, month, y));
    }
    if j == i {
        return None;
    }
    let m = after_word(r, j, &["tháng", "THÁNG"])?;
    let k = skip_sp(r, m);
    if k == m {
        return None;
    }
    // "tháng 12020": two month digits leave no year, one does.
    for n in [2, 1] {
        let Some(d) = r.get(k..k + n) else { continue };
        if !d.iter().all(u8::is_ascii_digit) {
            continue;
        }
        let a = skip_sp(r, k + n);
        let y = match after_word(r, a, &["năm", "NĂM", ",", "/"]) {
            Some(e) => skip_sp(r, e),
            None => a,
        };
        if let Some(year) = year_digits(r, y) {
            return Some((y + 4, day, digits_value(d) as u32, year));
        }
    }
    None
}

/// `^[ \t]*,?[ \t]*(?:của|Của|CỦA)[ \t]+` by hand: the end of the match.
fn body_after(r: &[u8]) -> Option<usize> {
    let mut i = skip_sp(r, 0);
    if r.get(i) == Some(&b',') {
        i = skip_sp(r, i + 1);
    }
    let e = after_word(r, i, &["của", "Của", "CỦA"])?;
    let k = skip_sp(r, e);
    (k > e).then_some(k)
}

/// The name of a body at `k`: "Bộ Chính trị khóa XIII", "Ban Tổ chức Trung
/// ương", "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII".
fn body_name(s: &str, k: usize) -> Option<(usize, String)> {
    const MAX: usize = 16;
    let first = token(s, k)?;
    if !starts_upper(&s[first.clone()]) {
        return None;
    }
    // Accepted tokens: their ends and lower-case forms.
    let mut ends = [0usize; MAX];
    let mut lows = [Lower::default(); MAX];
    let mut n = 0;
    let mut k = k;
    // As in `congress_name`: the last token may take a compound's tail.
    let mut joinable = false;
    while let Some(t) = token(s, k) {
        if n >= MAX {
            break;
        }
        let tx = &s[t.clone()];
        let lower = Lower::new(tx);
        let capital = starts_upper(tx);
        let none = Lower::default();
        let prev = if n > 0 { &lows[n - 1] } else { &none };
        let tail = joinable && !capital && is_compound(prev, &lower);
        let ok = if capital {
            !two_words_is_type(s, t.clone()) && lookup_word(TYPE_ABBREVIATIONS, tx).is_none()
        } else {
            tail || lower.in_set(&NAME_SET) || tx.bytes().all(|c| c.is_ascii_digit())
        };
        if !ok {
            break;
        }
        joinable = capital || tail;
        ends[n] = t.end;
        lows[n] = lower;
        n += 1;
        k = t.end;
    }
    while n > 0 && lows[n - 1].is_one_of(&["của", "các", "và", "lần", "thứ", "khóa"]) {
        n -= 1;
    }
    if n == 0 {
        return None;
    }
    let mut end = ends[n - 1];
    let mut name = crate::text::collapse_ws(&s[first.start..end]);
    // "của Bộ Chính trị (khóa XII)"
    let p = skip_spaces(s, end);
    if s[p..].starts_with('(') {
        if let Some(kt) = token(s, p + 1) {
            if eq_lower(&s[kt.clone()], "khóa") {
                if let Some(rt) = token(s, kt.end) {
                    if is_roman_token(&s[rt.clone()]) && s[rt.end..].starts_with(')') {
                        name.push_str(" khóa ");
                        name.push_str(&s[rt.clone()]);
                        end = rt.end + 1;
                    }
                }
            }
        }
    }
    Some((end, name))
}

// ---------------------------------------------------------------------------
// One record per document.

/// The key of a code: upper case, white space out, leading zeros but one
/// dropped, `QĐI` and `QYĐ` read as `QĐ`.
fn code_key(code: &str) -> String {
    let mut upper = String::with_capacity(code.len() + 4);
    for c in code.chars() {
        if c.is_ascii() {
            if !c.is_ascii_whitespace() && c != '\u{0B}' {
                upper.push(c.to_ascii_uppercase());
            }
        } else if !c.is_whitespace() {
            upper.extend(c.to_uppercase());
        }
    }
    let t = upper.trim_start_matches('0');
    let start = if t.starts_with(|c: char| c.is_ascii_digit()) {
        upper.len() - t.len()
    } else {
        upper.len() - t.len() - 1
    };
    upper.replace_range(..start, "");
    if upper.as_bytes().contains(&b'Q') && (upper.contains("QĐI") || upper.contains("QYĐ")) {
        upper = upper.replace("QĐI", "QĐ").replace("QYĐ", "QĐ");
    }
    upper
}

/// What makes two mentions one document.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Key<'a> {
    /// The key of a code.
    Code(String),
    /// Kind and number of an uncoded reference.
    Number(Cow<'a, str>, &'a str),
    /// Kind and lower-case title of a named resolution.
    Title(Cow<'a, str>, String),
}

/// A map from keys to indices that scans a short list while it is small
/// (the common case: a few documents per article, no hashing) and moves to
/// a `HashMap` when it grows, so large inputs stay linear.
struct SmallMap<K> {
    list: Vec<(K, usize)>,
    map: Option<HashMap<K, usize>>,
}

impl<K: Eq + std::hash::Hash> SmallMap<K> {
    /// Entries kept in the list before it moves to a hash map.
    const LIST_MAX: usize = 16;

    fn new() -> Self {
        SmallMap {
            list: Vec::new(),
            map: None,
        }
    }

    fn get(&self, k: &K) -> Option<usize> {
        match &self.map {
            Some(m) => m.get(k).copied(),
            None => self.list.iter().find(|(x, _)| x == k).map(|&(_, v)| v),
        }
    }

    /// Inserts `k → v` unless `k` is there: the value kept.
    fn get_or_insert(&mut self, k: K, v: usize) -> usize {
        if let Some(m) = &mut self.map {
            return *m.entry(k).or_insert(v);
        }
        if let Some(&(_, old)) = self.list.iter().find(|(x, _)| *x == k) {
            return old;
        }
        self.list.push((k, v));
        if self.list.len() > Self::LIST_MAX {
            self.map = Some(self.list.drain(..).collect());
        }
        v
    }
}

fn build_records(doc: &Doc, mut hits: Vec<Hit>) -> Vec<Directive> {
    hits.sort_by_key(|h| h.range.start);
    // First pass: the record of every hit (numbered in order of first
    // mention) and the hit each record takes its fields from.
    let mut record_of: Vec<Option<usize>> = Vec::with_capacity(hits.len());
    let mut template_of: Vec<usize> = Vec::new();
    {
        // Coded documents by (kind, number), for short references to join;
        // only needed when there are uncoded references.
        let mut by_number: SmallMap<(Cow<str>, &str)> = SmallMap::new();
        if hits.iter().any(|h| h.code.is_none()) {
            for (i, h) in hits.iter().enumerate() {
                if h.code.is_none() {
                    continue;
                }
                if let (Some(k), Some(n)) = (kind_key(h.kind.as_deref()), h.number.as_deref()) {
                    by_number.get_or_insert((k, n), i);
                }
                // The type word of prose counts too ("Quy định 66-QĐ/TW").
                if let (Some(name), Some(n)) = (h.kind_name.as_deref(), h.number.as_deref()) {
                    if let Some(e) = TYPE_WORDS.iter().find(|e| e.2 == name) {
                        if let Some(k) = kind_key(Some(e.1)) {
                            by_number.get_or_insert((k, n), i);
                        }
                    }
                }
            }
        }
        let mut index: SmallMap<Key> = SmallMap::new();
        for (i, h) in hits.iter().enumerate() {
            let (key, template) = if let Some(code) = &h.code {
                (Key::Code(code_key(code)), i)
            } else if let (Some(k), Some(n)) = (kind_key(h.kind.as_deref()), h.number.as_deref()) {
                let k_n = (k, n);
                match by_number.get(&k_n) {
                    Some(j) => (
                        Key::Code(code_key(hits[j].code.as_deref().unwrap_or(""))),
                        j,
                    ),
                    None => (Key::Number(k_n.0, n), i),
                }
            } else if let Some(t) = &h.title {
                (
                    Key::Title(
                        kind_key(h.kind.as_deref()).unwrap_or_default(),
                        fold::to_lower_string(t),
                    ),
                    i,
                )
            } else {
                record_of.push(None);
                continue;
            };
            let r = index.get_or_insert(key, template_of.len());
            if r == template_of.len() {
                template_of.push(template);
            }
            record_of.push(Some(r));
        }
    }
    // Second pass: the records, fields moved out of the hits. A template's
    // fields serve its record only, once; a hit's date and body fill the
    // record's when they are still empty, in order of mention.
    let mut records: Vec<Directive> = Vec::with_capacity(template_of.len());
    for i in 0..hits.len() {
        let Some(r) = record_of[i] else { continue };
        let mention = doc.mention(hits[i].range.clone());
        if r < records.len() {
            let h = &mut hits[i];
            let rec = &mut records[r];
            if rec.date.is_none() {
                rec.date = h.date.take();
            }
            if rec.issued_by.is_none() {
                rec.issued_by = h.issued_by.take();
            }
            rec.mentions.push(mention);
            continue;
        }
        let date = hits[i].date.take();
        let issued_by = hits[i].issued_by.take();
        let t = &mut hits[template_of[r]];
        records.push(Directive {
            code: t.code.take(),
            number: t.number.take(),
            kind: t.kind.take(),
            kind_name: t.kind_name.take(),
            issuer: t.issuer.take(),
            issuer_name: t.issuer_name.take(),
            title: t.title.take(),
            date: date.or_else(|| t.date.take()),
            issued_by: issued_by.or_else(|| t.issued_by.take()),
            year: t.year,
            mentions: vec![mention],
        });
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    static DATE_AFTER: Lazy<Regex> = Lazy::new(|| {
        Regex::new(
        r"^[ \t]*,?[ \t]*(?:ngày|Ngày|NGÀY)[ \t]*([0-9]{1,2})(?:[ \t]*[/.-][ \t]*([0-9]{1,2})[ \t]*[/.-][ \t]*([0-9]{4})|[ \t]+(?:tháng|THÁNG)[ \t]+([0-9]{1,2})[ \t]*(?:năm|NĂM|,|/)?[ \t]*([0-9]{4}))",
    )
    .expect("date regex")
    });

    static BODY_AFTER: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^[ \t]*,?[ \t]*(?:của|Của|CỦA)[ \t]+").expect("body regex"));

    #[test]
    fn many_documents_join_past_the_small_map() {
        let mut t = String::new();
        for round in 0..2 {
            for n in 1..40 {
                if round == 0 {
                    t.push_str(&format!("Chỉ thị số {n}-CT/TW; "));
                } else {
                    t.push_str(&format!("Chỉ thị {n}, "));
                }
            }
        }
        let d = run(&t);
        assert_eq!(d.len(), 39);
        assert!(d.iter().all(|r| r.mentions.len() == 2));
    }

    #[test]
    fn code_key_as_before() {
        fn old(code: &str) -> String {
            let upper: String = code.split_whitespace().collect::<String>().to_uppercase();
            let t = upper.trim_start_matches('0');
            let t = if t.starts_with(|c: char| c.is_ascii_digit()) {
                t
            } else {
                &upper[upper.len() - t.len() - 1..]
            };
            t.replace("QĐI", "QĐ").replace("QYĐ", "QĐ")
        }
        for c in [
            "35-CT/TW",
            "008-QĐi/TW",
            "0-QyĐ/TW",
            "00/2020/NĐ-CP",
            "12 /\u{0B}QĐ\u{a0}- ttg",
            "7-ß/đuk",
            "05-QĐI/QĐi",
        ] {
            assert_eq!(code_key(c), old(c), "{c:?}");
        }
    }

    /// The hand matchers of `tail` against the patterns they stand for.
    #[test]
    fn date_and_body_match_like_their_regexes() {
        let heads = ["", " ", ",", " , ", "\t,\t", "x", "  ,, "];
        let words = ["ngày", "Ngày", "NGÀY", "ngay", "của", "Của", "CỦA", "cua"];
        let days = ["", "5", "05", "123", " 9", "a"];
        let mids = [
            "/",
            " / ",
            ".",
            "-",
            " tháng ",
            "tháng ",
            " THÁNG  ",
            " tháng",
            "  ",
            "",
        ];
        let months = ["3", "12", "123", "", " 3", "1"];
        let joins = [
            "/", " / ", ".", " năm ", "năm", " NĂM ", ",", " ", "", "/ ", " nam ",
        ];
        let years = ["2021", "202", "20210", "", "x", "2020 ", "12020"];
        let mut n = 0;
        for h in heads {
            for w in words {
                for d in days {
                    for m in mids {
                        for mo in months {
                            for j in joins {
                                for y in years {
                                    let t = format!("{h}{w}{d}{m}{mo}{j}{y} Bộ");
                                    let want = DATE_AFTER.captures(&t).map(|c| {
                                        let day: u32 = c[1].parse().unwrap();
                                        let (mo, y) =
                                            match (c.get(2), c.get(3), c.get(4), c.get(5)) {
                                                (Some(m), Some(y), _, _)
                                                | (_, _, Some(m), Some(y)) => (
                                                    m.as_str().parse().unwrap(),
                                                    y.as_str().parse().unwrap(),
                                                ),
                                                _ => unreachable!(),
                                            };
                                        (c.get(0).unwrap().end(), day, mo, y)
                                    });
                                    assert_eq!(date_after(t.as_bytes()), want, "{t:?}");
                                    let want = BODY_AFTER.find(&t).map(|m| m.end());
                                    assert_eq!(body_after(t.as_bytes()), want, "{t:?}");
                                    n += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(n > 100_000);
    }

    fn run(text: &str) -> Vec<Directive> {
        let doc = Doc::plain(text, None);
        let mut claims = Claims::new();
        extract(&doc, &mut claims)
    }

    fn codes(text: &str) -> Vec<Option<String>> {
        run(text).into_iter().map(|d| d.code).collect()
    }

    #[test]
    fn party_codes() {
        let d = run("theo Chỉ thị số 35-CT/TW của Bộ Chính trị");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code.as_deref(), Some("35-CT/TW"));
        assert_eq!(d[0].kind_name.as_deref(), Some("Chỉ thị"));
        assert_eq!(d[0].issuer_name.as_deref(), Some("Trung ương"));
        assert_eq!(d[0].issued_by.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(d[0].mentions[0].text, "35-CT/TW");
        assert_eq!(codes("Quy định 08-QDi/TW."), vec![Some("08-QĐi/TW".into())]);
        assert_eq!(
            codes("Kế hoạch 155-KH/DUK"),
            vec![Some("155-KH/ĐUK".into())]
        );
        assert_eq!(codes("số 70-TB/TWngày 06"), vec![Some("70-TB/TW".into())]);
    }

    #[test]
    fn state_codes() {
        let d = run("Nghị định 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ");
        assert_eq!(d[0].code.as_deref(), Some("30/2020/NĐ-CP"));
        assert_eq!(d[0].year, Some(2020));
        assert_eq!(d[0].kind.as_deref(), Some("NĐ"));
        assert_eq!(d[0].issuer.as_deref(), Some("CP"));
        assert_eq!(d[0].date.as_deref(), Some("2020-03-05"));
        assert_eq!(
            codes("CHỈ THỊ SỐ 19/CT-TTG"),
            vec![Some("19/CT-TTg".into())]
        );
    }

    #[test]
    fn not_codes() {
        for t in [
            "ngày 9/7",
            "23-8-2020",
            "45/67 xã",
            "nhiệm kỳ 2020-2025",
            "COVID-19",
            "Điều 5",
        ] {
            assert!(run(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn joins_and_titles() {
        let d = run("Chỉ thị 35 và Chỉ thị số 35-CT/TW; Nghị quyết Trung ương 4 khóa XII về");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].mentions.len(), 2);
        assert_eq!(
            d[1].title.as_deref(),
            Some("Nghị quyết Trung ương 4 khóa XII")
        );
    }

    #[test]
    fn ordinal_words_sorted() {
        for w in ORDINAL_WORDS.windows(2) {
            assert!(w[0] < w[1], "{w:?}");
        }
    }

    #[test]
    fn next_stop_finds_every_digit_and_n() {
        let base = "Hội nghị lần thứ tư, khóa XII: 35 đại biểu; ngày 9 Nghị quyết /:MO 0";
        for pad in 0..70 {
            let t = format!(
                "{}{}{}",
                "é".repeat(pad / 2),
                &" x"[..pad % 2],
                base.repeat(3)
            );
            let b = t.as_bytes();
            let mut found = Vec::new();
            let mut i = 0;
            while {
                i = next_stop(b, i);
                i < b.len()
            } {
                found.push(i);
                i += 1;
            }
            let want: Vec<usize> = t
                .bytes()
                .enumerate()
                .filter(|(_, c)| c.is_ascii_digit() || *c == b'N')
                .map(|(i, _)| i)
                .collect();
            assert_eq!(found, want);
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "-",
            "/",
            "1-",
            "1/",
            "1-Đ/",
            "số1-ĐĐ/Ư",
            "Nghị quyết",
            "Nghị quyết Đại hội",
        ] {
            let _ = run(t);
        }
    }
}
