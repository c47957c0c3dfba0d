//! Officials with their titles, one record per person.
//!
//! The extractor works around anchors found by one scan of each content run
//! (`anchors`: word starts, then a trie of the alternatives, matching as a
//! case-insensitive regex of them would): the introducers ("đồng chí",
//! "Đ/c", "ông", "bà", ranks) and the role heads ("Bí thư", "Ủy viên",
//! "Chủ tịch", "Thủ tướng", …). Around each anchor a small token grammar
//! reads the shapes of `domain/officials.md` §6:
//!
//! - `đồng chí NAME, TITLE, TITLE …` and lists `các đồng chí: A, t; B, t`;
//! - `TITLE NAME` ("Bí thư Đảng ủy Khối Sơn Minh Thắng"), where the name is
//!   split off the organisation by the surname list;
//! - `TITLE, đồng chí NAME`, `NAME - TITLE`, `NAME (TITLE)`;
//! - `NAME, TITLE` without an introducer (surname-led name required).
//!
//! A title is `[modifier] [Phó] ROLE ORG`, where ORG runs over capitalised
//! words and the lower-case syllables of organisation names and stops at the
//! predicate ("làm việc", "phát biểu", "chủ trì", …), at punctuation and at
//! "\n". Mentions of one person are merged; a later short reference ("đồng
//! chí Thắng") joins the person whose given name it is when only one fits.
//! Mentions are the name's span only.
//!
//! Speed: the word tables are probed through one hash map (`words`), token
//! and head lookups are memoised per content run (`Seg`), lower-casing
//! stays on the stack, and the bare repeats of full names are looked for
//! only where the anchor scan saw a capitalised word start.

mod chars;
mod lexicon;
mod words;

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use crate::doc::{Claims, Doc};
use crate::record::Official;
use crate::text::{boundary_after, boundary_before, collapse_ws, is_word_char, title_case};
use chars::{alpha, capital_starts, is_word, lower, lower_fast, upper};
use lexicon::{INTRODUCERS, ROLES};
use words::{has, W};

/// The one anchor regex: introducers and role heads, any case. Matches are
/// checked for word boundaries by hand (no Unicode `\b`). Its lazy DFA
/// beats a hand-written scan of word starts with a trie (measured: ~350 vs
/// ~130 MB/s on the seeds).
static ANCHOR: Lazy<Regex> = Lazy::new(|| {
    let mut alts: Vec<String> = INTRODUCERS
        .iter()
        .chain(ROLES.iter())
        .chain(["phó"].iter())
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect();
    // Longest first so that "tổng bí thư" wins over a shorter head.
    alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
    Regex::new(&format!("(?i)(?:{})", alts.join("|"))).expect("anchor regex")
});

/// A lower-cased word: the word itself when it is lower case already, else
/// kept on the stack (falls back to the heap when long).
#[derive(Clone)]
enum Low<'a> {
    Same(&'a str),
    Stack([u8; 48], usize),
    Heap(String),
}

impl std::ops::Deref for Low<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Low::Same(s) => s,
            // Built from whole chars, so always valid UTF-8.
            Low::Stack(b, n) => std::str::from_utf8(&b[..*n]).unwrap_or(""),
            Low::Heap(s) => s,
        }
    }
}

impl AsRef<[u8]> for Low<'_> {
    fn as_ref(&self) -> &[u8] {
        match self {
            Low::Same(s) => s.as_bytes(),
            Low::Stack(b, n) => &b[..*n],
            Low::Heap(s) => s.as_bytes(),
        }
    }
}

impl PartialEq<&str> for Low<'_> {
    fn eq(&self, o: &&str) -> bool {
        self.as_ref() == o.as_bytes()
    }
}

impl std::fmt::Display for Low<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl Low<'_> {
    fn as_str(&self) -> &str {
        self
    }
}

/// `w.to_lowercase()` without allocating for short words.
///
/// Fast path on bytes for words of ASCII, Latin-1 and Vietnamese letters
/// (all lowered in place, same length); anything else goes through
/// [`lw_chars`].
fn lw(w: &str) -> Low<'_> {
    let b = w.as_bytes();
    if b.len() > 48 {
        return lw_chars(w);
    }
    let mut out = [0u8; 48];
    let mut changed = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            let up = c.is_ascii_uppercase();
            out[i] = c | (u8::from(up) << 5);
            changed |= up;
            i += 1;
        } else if c == 0xC3 {
            // U+00C0..U+00FF: capitals C3 80..9E but × (C3 97).
            let x = b[i + 1];
            let up = x <= 0x9E && x != 0x97;
            out[i] = c;
            out[i + 1] = x + (u8::from(up) << 5);
            changed |= up;
            i += 2;
        } else if c == 0xE1 && matches!((b[i + 1], b[i + 2]), (0xBA, 0xA0..) | (0xBB, ..=0xB9)) {
            // U+1EA0..U+1EF9: Vietnamese letters, capitals even.
            let x = b[i + 2];
            let up = x % 2 == 0;
            out[i] = c;
            out[i + 1] = b[i + 1];
            out[i + 2] = x + u8::from(up);
            changed |= up;
            i += 3;
        } else if c == 0xC6 && matches!(b[i + 1], 0xA0 | 0xA1 | 0xAF | 0xB0) {
            // Ơ ơ Ư ư: U+01A0 → U+01A1, U+01AF → U+01B0.
            let x = b[i + 1];
            let up = x == 0xA0 || x == 0xAF;
            out[i] = c;
            out[i + 1] = x + u8::from(up);
            changed |= up;
            i += 2;
        } else if c == 0xC4 || c == 0xC5 {
            // U+0100..U+017F: pairs, the lower case one char on.
            let u = (u32::from(c & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
            let ch = char::from_u32(u).unwrap_or('\0');
            match lower_fast(ch) {
                Some(l) if (l as u32) < 0x180 => {
                    let mut x = [0u8; 4];
                    l.encode_utf8(&mut x);
                    out[i] = x[0];
                    out[i + 1] = x[1];
                    changed |= l != ch;
                    i += 2;
                }
                _ => return lw_chars(w),
            }
        } else {
            return lw_chars(w);
        }
    }
    if !changed {
        return Low::Same(w);
    }
    Low::Stack(out, b.len())
}

/// [`lw`] char by char, for any text.
fn lw_chars(w: &str) -> Low<'_> {
    if w.is_ascii() {
        if !w.bytes().any(|x| x.is_ascii_uppercase()) {
            return Low::Same(w);
        }
        let mut b = [0u8; 48];
        if w.len() > b.len() {
            return Low::Heap(w.to_ascii_lowercase());
        }
        for (d, x) in b.iter_mut().zip(w.bytes()) {
            *d = x.to_ascii_lowercase();
        }
        return Low::Stack(b, w.len());
    }
    let Some(i) = w
        .char_indices()
        .find(|&(_, c)| lower_fast(c) != Some(c))
        .map(|(i, _)| i)
    else {
        return Low::Same(w);
    };
    let mut b = [0u8; 48];
    if i > b.len() {
        return Low::Heap(w.to_lowercase());
    }
    b[..i].copy_from_slice(&w.as_bytes()[..i]);
    let mut n = i;
    let mut push = |l: char| {
        let len = l.len_utf8();
        if n + len > b.len() {
            return false;
        }
        l.encode_utf8(&mut b[n..]);
        n += len;
        true
    };
    for c in w[i..].chars() {
        let ok = match lower_fast(c) {
            Some(l) => push(l),
            None => c.to_lowercase().all(&mut push),
        };
        if !ok {
            return Low::Heap(w.to_lowercase());
        }
    }
    Low::Stack(b, n)
}

/// `s.to_lowercase()`, without allocating for short text ([`lw`] but for
/// the final-sigma rule, which only Greek capital sigma can tell).
fn lower_str(s: &str) -> Low<'_> {
    if s.len() > 48 || s.contains('Σ') {
        Low::Heap(s.to_lowercase())
    } else {
        lw(s)
    }
}

/// Is `a + " " + b` in the table `set`? (no allocation)
fn has_pair(set: W, a: &str, b: &str) -> bool {
    let mut buf = [0u8; 64];
    let n = a.len() + 1 + b.len();
    if n > buf.len() {
        return false;
    }
    buf[..a.len()].copy_from_slice(a.as_bytes());
    buf[a.len()] = b' ';
    buf[a.len() + 1..n].copy_from_slice(b.as_bytes());
    has(set, &buf[..n])
}

// ---------------------------------------------------------------- tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Punct(char),
    Nl,
    End,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    s: usize,
    e: usize,
    k: Kind,
}

impl Tok {
    fn is_word(&self) -> bool {
        self.k == Kind::Word
    }
    fn is_punct(&self, c: char) -> bool {
        self.k == Kind::Punct(c)
    }
}

/// One content run, with memos (by position) of the token and head
/// lookups that the grammar repeats around an anchor.
struct Seg<'t> {
    s: &'t str,
    toks: [Cell<(usize, Tok)>; MEMO],
    roles: [Cell<(usize, usize, usize)>; MEMO],
    intros: [Cell<(usize, usize, usize)>; MEMO],
    lows: [Cell<LowMemo>; MEMO],
}

/// A memo slot of [`tlw`]: the lower case of the word token `s..e`
/// (`key` = s + 1): the word itself (`n` = 0xFF), `n` bytes of `b`, or
/// not kept (`n` = 0xFE, too long).
#[derive(Clone, Copy)]
struct LowMemo {
    key: usize,
    e: usize,
    n: u8,
    b: [u8; 32],
}

/// Slots of each memo of [`Seg`].
const MEMO: usize = 64;

impl<'t> Seg<'t> {
    fn new(s: &'t str) -> Self {
        let end = Tok {
            s: 0,
            e: 0,
            k: Kind::End,
        };
        Seg {
            s,
            toks: std::array::from_fn(|_| Cell::new((0, end))),
            roles: std::array::from_fn(|_| Cell::new((0, 0, 0))),
            intros: std::array::from_fn(|_| Cell::new((0, 0, 0))),
            lows: std::array::from_fn(|_| {
                Cell::new(LowMemo {
                    key: 0,
                    e: 0,
                    n: 0,
                    b: [0; 32],
                })
            }),
        }
    }
}

impl std::ops::Deref for Seg<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.s
    }
}

/// The token at or after `p` (spaces skipped, "\n" is a token).
fn next_tok(t: &Seg, p: usize) -> Tok {
    let slot = &t.toks[p % MEMO];
    let (key, tok) = slot.get();
    if key == p + 1 {
        return tok;
    }
    let tok = scan_tok(t, p);
    slot.set((p + 1, tok));
    tok
}

/// [`next_tok`] without the memo.
fn scan_tok(t: &str, p: usize) -> Tok {
    let b = t.as_bytes();
    let mut p = p.min(b.len());
    while p < b.len() && matches!(b[p], b' ' | b'\t' | b'\r') {
        p += 1;
    }
    let Some(c) = t.get(p..).and_then(|s| s.chars().next()) else {
        return Tok {
            s: b.len(),
            e: b.len(),
            k: Kind::End,
        };
    };
    if c == '\n' {
        return Tok {
            s: p,
            e: p + 1,
            k: Kind::Nl,
        };
    }
    if !is_word(c) {
        return Tok {
            s: p,
            e: p + c.len_utf8(),
            k: Kind::Punct(c),
        };
    }
    let mut e = p;
    let mut n = 0;
    let mut i = p;
    while i < b.len() {
        // Word chars by their bytes: ASCII alphanumerics, U+00C0..U+017F
        // but × ÷, U+1E00..U+1EFF; the rest through `is_word`.
        let c0 = b[i];
        let (is_w, len) = match c0 {
            b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' => (true, 1),
            0x00..=0x7F => (false, 1),
            0xC3 => (b[i + 1] != 0x97 && b[i + 1] != 0xB7, 2),
            0xC4 | 0xC5 => (true, 2),
            0xE1 if (0xB8..=0xBB).contains(&b[i + 1]) => (true, 3),
            _ => {
                let ch = t[i..].chars().next().unwrap_or(' ');
                (is_word(ch), ch.len_utf8())
            }
        };
        if is_w {
            i += len;
            e = i;
            n += 1;
        } else if c0 == b'\'' && n == 1 && b[p].is_ascii_uppercase() {
            // Minority prefixes "H'Hen", "K'Nhai", "N'Tơr".
            match t[i + 1..].chars().next() {
                Some(nx) if alpha(nx) => {
                    i += 1;
                    e = i;
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    Tok {
        s: p,
        e,
        k: Kind::Word,
    }
}

/// The word token that ends right before `p` (spaces skipped), if any.
fn prev_tok(t: &str, p: usize) -> Tok {
    let head = &t[..p];
    let trimmed = head.trim_end_matches([' ', '\t', '\r']);
    let end = trimmed.len();
    let Some(c) = trimmed.chars().next_back() else {
        return Tok {
            s: 0,
            e: 0,
            k: Kind::End,
        };
    };
    if c == '\n' {
        return Tok {
            s: end - 1,
            e: end,
            k: Kind::Nl,
        };
    }
    if !is_word(c) {
        return Tok {
            s: end - c.len_utf8(),
            e: end,
            k: Kind::Punct(c),
        };
    }
    let mut s = end;
    for (i, ch) in trimmed.char_indices().rev() {
        if is_word(ch) {
            s = i;
        } else if ch == '\'' && i > 0 {
            // "H'Hen": one capital letter before the apostrophe.
            let before = &trimmed[..i];
            let mut it = before.chars().rev();
            let l = it.next();
            let ll = it.next();
            if l.is_some_and(|x| x.is_ascii_uppercase()) && !ll.is_some_and(is_word_char) {
                s = i - 1;
            }
            break;
        } else {
            break;
        }
    }
    Tok {
        s,
        e: end,
        k: Kind::Word,
    }
}

/// `lw(word(t, k))`, memoised by token: the grammar lower-cases the same
/// words around an anchor again and again.
fn tlw<'t>(t: &Seg<'t>, k: &Tok) -> Low<'t> {
    let w = &t.s[k.s..k.e];
    let slot = &t.lows[k.s % MEMO];
    let m = slot.get();
    if m.key == k.s + 1 && m.e == k.e {
        match m.n {
            0xFF => return Low::Same(w),
            0xFE => {}
            n => {
                let mut b = [0u8; 48];
                b[..32].copy_from_slice(&m.b);
                return Low::Stack(b, usize::from(n));
            }
        }
    }
    let l = lw(w);
    let mut m = LowMemo {
        key: k.s + 1,
        e: k.e,
        n: 0xFE,
        b: [0; 32],
    };
    match &l {
        Low::Same(_) => m.n = 0xFF,
        Low::Stack(b, n) if *n <= 32 => {
            m.b.copy_from_slice(&b[..32]);
            m.n = *n as u8;
        }
        _ => {}
    }
    slot.set(m);
    l
}

fn word<'t>(t: &'t str, k: &Tok) -> &'t str {
    &t[k.s..k.e]
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(upper)
}

fn is_allcaps(w: &str) -> bool {
    let mut n = 0;
    for c in w.chars() {
        if alpha(c) {
            if !upper(c) {
                return false;
            }
            n += 1;
        }
    }
    n >= 2
}

/// A syllable that may be part of a name: capitalised, letters only (an
/// apostrophe after a one-letter prefix), the rest lower case — or all upper
/// case in ALL CAPS text.
fn name_syllable(w: &str, caps: bool) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !upper(first) {
        return false;
    }
    let mut after_apos = false;
    for c in chars {
        if c == '\'' {
            after_apos = true;
            continue;
        }
        if !(alpha(c) || ('\u{0300}'..='\u{036f}').contains(&c)) {
            return false;
        }
        if caps {
            if lower(c) {
                return false;
            }
        } else if upper(c) && !after_apos {
            return false;
        }
        after_apos = false;
    }
    true
}

fn surname_tier(w: impl AsRef<[u8]>) -> u8 {
    let w = w.as_ref();
    if has(W::SurnamesTop, w) {
        3
    } else if has(W::SurnamesCommon, w) {
        2
    } else if has(W::SurnamesMinority, w) || is_minority_prefix(w) {
        1
    } else {
        0
    }
}

/// "Y", "A", "H'…", "K'…": a given-name-first prefix.
fn is_minority_prefix(w: impl AsRef<[u8]>) -> bool {
    let w = w.as_ref();
    w == b"y" || w == b"a" || w.starts_with(b"h'") || w.starts_with(b"k'")
}

// ---------------------------------------------------------------- roles

/// A role head starting at the word token `t0`: `[modifier] [Phó] ROLE`.
/// Returns the end of the head and the start of the phrase.
fn match_role(t: &Seg, t0: Tok) -> Option<(usize, usize)> {
    if !t0.is_word() {
        return None;
    }
    // The result depends on the token's span only.
    let slot = &t.roles[t0.s % MEMO];
    let (key, e0, v) = slot.get();
    if key == t0.s + 1 && e0 == t0.e {
        return (v != 0).then(|| (t0.s, v - 1));
    }
    let r = find_role(t, t0);
    slot.set((t0.s + 1, t0.e, r.map_or(0, |x| x.1 + 1)));
    r
}

/// [`match_role`] without the memo.
fn find_role(t: &Seg, t0: Tok) -> Option<(usize, usize)> {
    let start = t0.s;
    let mut cur = t0;
    let mut w = tlw(t, &cur);
    if !has(W::RoleFirst, &w) {
        return None;
    }
    if has(W::Modifiers, &w) {
        if w == "cố" && !is_cap(word(t, &cur)) && !is_cap(word(t, &next_tok(t, cur.e))) {
            return None;
        }
        cur = next_tok(t, cur.e);
        if !cur.is_word() {
            return None;
        }
        w = tlw(t, &cur);
    }
    if !is_cap(word(t, &cur)) {
        return None;
    }
    if w == "phó" {
        cur = next_tok(t, cur.e);
        if !cur.is_word() {
            return None;
        }
    }
    let mut key = [0u8; 64];
    let mut kn = 0;
    let mut best = None;
    let mut tok = cur;
    for _ in 0..5 {
        if !tok.is_word() {
            break;
        }
        let low = tlw(t, &tok);
        let l = low.as_ref();
        let sep = usize::from(kn > 0);
        if kn + sep + l.len() > key.len() {
            break;
        }
        if sep == 1 {
            key[kn] = b' ';
        }
        key[kn + sep..kn + sep + l.len()].copy_from_slice(l);
        kn += sep + l.len();
        let k = &key[..kn];
        if has(W::Roles, k) {
            best = Some(tok.e);
        }
        // Stop when no longer role starts with this key and a space.
        if !has(W::RolePrefixes, k) {
            break;
        }
        tok = next_tok(t, tok.e);
    }
    best.map(|e| (start, e))
}

/// An introducer starting at word token `t0`; returns its end.
fn match_intro(t: &Seg, t0: Tok) -> Option<usize> {
    if !t0.is_word() {
        return None;
    }
    let slot = &t.intros[t0.s % MEMO];
    let (key, e0, v) = slot.get();
    if key == t0.s + 1 && e0 == t0.e {
        return (v != 0).then(|| v - 1);
    }
    let r = find_intro(t, t0);
    slot.set((t0.s + 1, t0.e, r.map_or(0, |x| x + 1)));
    r
}

/// [`match_intro`] without the memo.
fn find_intro(t: &Seg, t0: Tok) -> Option<usize> {
    let w = tlw(t, &t0);
    if w == "đồng" {
        let n = next_tok(t, t0.e);
        (n.is_word() && tlw(t, &n) == "chí").then_some(n.e)
    } else if w == "đ" {
        // "Đ/c", "đ.c"
        let p = next_tok(t, t0.e);
        let c = next_tok(t, p.e);
        ((p.is_punct('/') || p.is_punct('.'))
            && p.s == t0.e
            && c.s == p.e
            && c.is_word()
            && tlw(t, &c) == "c")
            .then_some(c.e)
    } else if w == "ông" || w == "bà" {
        Some(t0.e)
    } else {
        None
    }
}

// ---------------------------------------------------------------- names

#[derive(Debug, Clone)]
struct NameRun {
    toks: Vec<Tok>,
    caps: bool,
}

/// Reads the capitalised run of name syllables from `p` (at most 6).
fn read_run(t: &Seg, p: usize) -> NameRun {
    let mut toks = Vec::new();
    let mut caps = false;
    let mut pos = p;
    loop {
        let k = next_tok(t, pos);
        if !k.is_word() {
            break;
        }
        let w = word(t, &k);
        if toks.is_empty() {
            caps =
                is_allcaps(w) || (w.chars().count() == 1 && is_allcaps(word(t, &next_tok(t, k.e))));
        }
        if !name_syllable(w, caps) {
            break;
        }
        let l = tlw(t, &k);
        if caps && has(W::NameStops, &l) {
            break;
        }
        if match_role(t, k).is_some() || match_intro(t, k).is_some() {
            break;
        }
        // "Văn phòng", "Thành ủy", "Tỉnh ủy" start organisations.
        let nx = next_tok(t, k.e);
        if nx.is_word()
            && has_pair(W::OrgPairs, &l, &tlw(t, &nx))
            && !name_syllable(word(t, &nx), caps)
        {
            break;
        }
        toks.push(k);
        pos = k.e;
        if toks.len() >= 7 {
            break;
        }
    }
    NameRun { toks, caps }
}

fn max_len(first_lower: impl AsRef<[u8]>) -> usize {
    if is_minority_prefix(first_lower) {
        5
    } else {
        4
    }
}

fn name_text(t: &str, toks: &[Tok], caps: bool) -> String {
    let raw = collapse_ws(&t[toks[0].s..toks[toks.len() - 1].e]);
    if caps {
        title_case(&raw)
    } else {
        raw
    }
}

/// True when the whole candidate (lower case) is a place or a historical
/// figure rather than a live official.
fn banned_name(lower: impl AsRef<[u8]>) -> bool {
    let lower = lower.as_ref();
    has(W::Places, lower) || has(W::Historical, lower)
}

/// Picks where a name starts inside a capitalised run whose tail is the
/// name (the run may begin with the organisation's place words): best
/// surname tier, then three syllables, then the earliest.
fn split_name(t: &Seg, run: &NameRun, after_level: bool) -> Option<usize> {
    let n = run.toks.len();
    let mut best: Option<(i32, usize)> = None;
    for k in 0..n {
        let len = n - k;
        let first = tlw(t, &run.toks[k]);
        let tier = surname_tier(&first);
        if tier == 0 || len < 2 || len > max_len(&first) {
            continue;
        }
        let joined = collapse_ws(&t[run.toks[k].s..run.toks[n - 1].e]);
        if banned_name(lw(&joined)) {
            continue;
        }
        if run.toks[k..].iter().any(|x| {
            let l = tlw(t, x);
            ["ban", "bộ", "khối", "sở", "đảng"]
                .iter()
                .any(|b| b.as_bytes() == l.as_ref())
        }) {
            continue;
        }
        // "Y Thanh Hà Niê Kđăm", "H'Lan Êban": a given-name-first prefix
        // starts the name ("Y" alone may be a place word: "Y Tý").
        let fl = first.as_ref();
        let prefix = (fl.starts_with(b"h'") || fl.starts_with(b"k'")) || (fl == b"y" && len >= 3);
        if len == 2 && tier < 3 && (k > 0 || after_level) && !prefix {
            // "Huyện ủy Lâm Hà": a two-syllable place after a level word.
            if k == 0 || is_level(tlw(t, &run.toks[k - 1])) {
                continue;
            }
        }
        if k > 0
            && matches!(first.as_str(), "văn" | "thị")
            && surname_tier(tlw(t, &run.toks[k - 1])) > 0
        {
            // "Lò Văn Sinh": a middle name after a surname, not a surname.
            continue;
        }
        let score = tier as i32 * 2 + i32::from(len == 3) + if prefix { 10 } else { 0 };
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, k));
        }
    }
    best.map(|(_, k)| k)
}

fn is_level(w: impl AsRef<[u8]>) -> bool {
    let w = w.as_ref();
    has(W::OrgFree, w)
        || ["ủy", "phố", "xã", "thị", "trấn"]
            .iter()
            .any(|x| x.as_bytes() == w)
}

// ---------------------------------------------------------------- titles

#[derive(Debug, Clone)]
struct Title {
    s: usize,
    e: usize,
    /// Word tokens of the organisation part.
    org: Vec<Tok>,
}

/// Would the capitalised word at `k` start a name (a surname-led run of two
/// or more syllables)?
fn starts_name(t: &Seg, k: Tok) -> bool {
    let run = read_run(t, k.s);
    run.toks.len() >= 2 && surname_tier(tlw(t, &run.toks[0])) > 0
}

/// A comma inside an organisation name: "Bộ Văn hóa, Thể thao và Du lịch"
/// (capitalised fields, then "và" + a capitalised field within a few words).
fn comma_inside_org(t: &Seg, p: usize) -> bool {
    let mut k = next_tok(t, p);
    if !k.is_word() || !is_cap(word(t, &k)) || match_role(t, k).is_some() || starts_name(t, k) {
        return false;
    }
    for _ in 0..4 {
        k = next_tok(t, k.e);
        if !k.is_word() {
            return false;
        }
        if word(t, &k) == "và" {
            let n = next_tok(t, k.e);
            return n.is_word()
                && is_cap(word(t, &n))
                && match_role(t, n).is_none()
                && !starts_name(t, n);
        }
    }
    false
}

/// A comma between two lower-case fields of one organisation name: "Ban
/// Bảo vệ, chăm sóc sức khỏe cán bộ" (the org so far ends lower case and
/// the next two words are a known organisation pair).
fn comma_inside_pairs(t: &Seg, org: &[Tok], p: usize) -> bool {
    let Some(last) = org.last() else {
        return false;
    };
    if is_cap(word(t, last)) {
        return false;
    }
    let a = next_tok(t, p);
    let b = next_tok(t, a.e);
    a.is_word()
        && b.is_word()
        && !is_cap(word(t, &a))
        && !is_cap(word(t, &b))
        && has_pair(W::OrgPairs, &tlw(t, &a), &tlw(t, &b))
}

/// Does a rank or degree ("Đại tá", "Thượng tướng", "PGS.TS") start at `k`?
fn rank_at(t: &Seg, k: Tok) -> bool {
    let mut key = [0u8; 48];
    let mut n = 0;
    let mut tok = k;
    for _ in 0..3 {
        if !tok.is_word() {
            return false;
        }
        let l = tlw(t, &tok);
        let l = l.as_ref();
        let sep = usize::from(n > 0);
        if n + sep + l.len() > key.len() {
            return false;
        }
        if sep == 1 {
            key[n] = b' ';
        }
        key[n + sep..n + sep + l.len()].copy_from_slice(l);
        n += sep + l.len();
        if has(W::Introducers, &key[..n]) {
            return true;
        }
        tok = next_tok(t, tok.e);
    }
    false
}

/// Two words that start a predicate although the first one may end an
/// organisation ("Campuchia hội đàm", "Tỉnh ủy thông qua").
fn is_predicate_pair(w: &str, next: &str) -> bool {
    matches!(
        (w, next),
        ("hội", "đàm" | "kiến" | "ý" | "nghị" | "thảo" | "diễn")
            | ("thông", "qua" | "tin" | "báo")
            | ("đồng", "thời" | "ý" | "chí")
            | ("chính", "thức")
            | ("nhân", "dịp")
            | ("quan", "tâm" | "trọng")
            | ("trực", "tiếp" | "tuyến")
            | ("an", "toàn")
            | ("đoàn", "kết")
            | ("tổng", "kết")
            | ("vận", "động")
            | ("học", "tập")
            | ("giao", "lưu" | "nhiệm")
            | ("động", "viên")
            | ("dân", "chủ")
            | ("tư", "vấn")
            | ("phụ", "trách")
            | ("đại", "diện")
    )
}

/// Parses one title starting at token `t0`.
fn parse_title(t: &Seg, t0: Tok) -> Option<Title> {
    let (s, head_end) = match_role(t, t0)?;
    let caps = is_allcaps(word(t, &t0));
    let mut org = Vec::new();
    let mut pos = head_end;
    let mut prev_cap = true;
    let mut prev_lower = lw("");
    let mut mgmt = false;
    loop {
        let mut k = next_tok(t, pos);
        if k.is_punct(',')
            && !caps
            && !org.is_empty()
            && (comma_inside_org(t, k.e) || comma_inside_pairs(t, &org, k.e))
        {
            // "Bộ Văn hóa, Thể thao và Du lịch", "Ban Bảo vệ, chăm sóc sức khỏe"
            k = next_tok(t, k.e);
        }
        if !k.is_word() {
            break;
        }
        let w = word(t, &k);
        let ow = tlw(t, &k);
        if match_intro(t, k).is_some() {
            break;
        }
        let nx = next_tok(t, k.e);
        let next_lower = if nx.is_word() { tlw(t, &nx) } else { lw("") };
        let prev_org = org.last().map_or(lw(""), |x| tlw(t, x));
        let ok = if is_predicate_pair(&ow, &next_lower) {
            false
        } else if w.bytes().all(|b| b.is_ascii_digit()) {
            // "Quân khu 2", "Quân đoàn 12", "Vùng 3 Hải quân", "Sư đoàn 316"
            w.len() <= 4 && matches!(prev_org.as_str(), "khu" | "đoàn" | "vùng" | "đội")
        } else if caps {
            has(W::OrgCaps, &ow) || has(W::OrgAfterCap, &ow) || has(W::OrgFree, &ow)
        } else if is_cap(w) {
            match_role(t, k).is_none()
        } else {
            match ow.as_str() {
                "và" => {
                    nx.is_word()
                        && if is_cap(word(t, &nx)) {
                            match_role(t, nx).is_none()
                                && match_intro(t, nx).is_none()
                                && !rank_at(t, nx)
                                && !starts_name(t, nx)
                        } else {
                            next_lower == "doanh"
                        }
                }
                "các" => next_lower == "cơ",
                "dự" => next_lower == "khuyết" || (mgmt && next_lower == "án"),
                "của" => {
                    nx.is_word()
                        && is_cap(word(t, &nx))
                        && match_role(t, nx).is_none()
                        && !starts_name(t, nx)
                }
                _ => {
                    (prev_cap && has(W::OrgAfterCap, &ow))
                        || (prev_cap
                            && !prev_org.is_empty()
                            && has_pair(W::OrgPairs, &prev_org, &ow))
                        || (ow == "miền" && nx.is_word() && is_cap(word(t, &nx)))
                        || has(W::OrgFree, &ow)
                        || (!prev_lower.is_empty() && has_pair(W::OrgPairs, &prev_lower, &ow))
                        || (!next_lower.is_empty()
                            && !is_cap(word(t, &nx))
                            && has_pair(W::OrgPairs, &ow, &next_lower))
                }
            }
        };
        if !ok {
            break;
        }
        if prev_org == "quản" && ow == "lý" {
            // "Ban Quản lý dự án đầu tư xây dựng …"
            mgmt = true;
        }
        prev_cap = is_cap(w);
        prev_lower = if prev_cap { lw("") } else { ow };
        org.push(k);
        pos = k.e;
        if org.len() > 24 {
            break;
        }
    }
    // Never end on a joiner.
    while let Some(last) = org.last() {
        if matches!(tlw(t, last).as_str(), "và" | "của" | "các" | "dự") {
            org.pop();
        } else {
            break;
        }
    }
    let e = org.last().map_or(head_end, |k| k.e);
    Some(Title { s, e, org })
}

/// The trailing run of name syllables of a title's organisation.
fn trailing_run(t: &Seg, title: &Title) -> NameRun {
    let caps = title.org.last().is_some_and(|k| is_allcaps(word(t, k)));
    let mut i = title.org.len();
    while i > 0 {
        let w = word(t, &title.org[i - 1]);
        if !name_syllable(w, caps) || (caps && has(W::OrgCaps, tlw(t, &title.org[i - 1]))) {
            break;
        }
        i -= 1;
    }
    NameRun {
        toks: title.org[i..].to_vec(),
        caps,
    }
}

/// If the title's organisation ends with a person's name, returns the name
/// tokens and cuts the title before them.
fn cut_name(t: &Seg, title: &mut Title, strict: bool) -> Option<NameRun> {
    let run = trailing_run(t, title);
    if run.toks.len() < 2 {
        return None;
    }
    let first_idx = title.org.len() - run.toks.len();
    let after_level = first_idx > 0 && is_level(tlw(t, &title.org[first_idx - 1]));
    let k = split_name(t, &run, after_level)?;
    let name = NameRun {
        toks: run.toks[k..].to_vec(),
        caps: run.caps,
    };
    if strict && name.toks.len() < 3 && after_level && k == 0 {
        return None;
    }
    let cut = first_idx + k;
    title.org.truncate(cut);
    title.e = title.org.last().map_or_else(
        || {
            // Head only: find its end again.
            match_role(t, next_tok(t, title.s)).map_or(title.e, |(_, e)| e)
        },
        |k| k.e,
    );
    Some(name)
}

/// Titles after a name: ", T, T", " - T, T", " (T, T)". Returns the titles
/// and the end of the consumed text. A title whose organisation ends with
/// another person's name is left for that person.
fn parse_post(t: &Seg, p: usize) -> (Vec<Title>, usize) {
    let sep = next_tok(t, p);
    let paren = sep.is_punct('(');
    if !(sep.is_punct(',') || sep.is_punct('-') || paren) {
        return (Vec::new(), p);
    }
    let mut out = Vec::new();
    let mut end = p;
    let mut pos = sep.e;
    loop {
        let k = next_tok(t, pos);
        let Some(mut title) = parse_title(t, k) else {
            break;
        };
        // Cuts only when it finds a name, and then the title is dropped.
        if cut_name(t, &mut title, true).is_some() {
            break;
        }
        pos = title.e;
        end = title.e;
        title.org.clear();
        out.push(title);
        let n = next_tok(t, pos);
        if n.is_punct(',') || n.is_punct('-') || (n.is_word() && tlw(t, &n) == "kiêm") {
            pos = n.e;
        } else {
            break;
        }
    }
    if paren && !out.is_empty() {
        let c = next_tok(t, end);
        if c.is_punct(')') {
            end = c.e;
        }
    }
    (out, end)
}

/// A list of titles before a name ("Tổng Bí thư, Chủ tịch nước").
fn parse_pre(t: &Seg, t0: Tok) -> Vec<Title> {
    let mut out = Vec::new();
    let mut k = t0;
    while let Some(title) = parse_title(t, k) {
        let end = title.e;
        let named = cut_name(t, &mut title.clone(), false).is_some();
        out.push(title);
        if named {
            break;
        }
        let n = next_tok(t, end);
        if n.is_punct(',') || (n.is_word() && tlw(t, &n) == "kiêm") {
            let m = next_tok(t, n.e);
            if match_role(t, m).is_some() {
                k = m;
                continue;
            }
        }
        break;
    }
    out
}

// ---------------------------------------------------------------- finds

#[derive(Debug, Clone)]
struct Found {
    name: String,
    range: Range<usize>,
    titles: Vec<String>,
    /// One syllable: a short reference to resolve later.
    short: bool,
}

fn title_strings(t: &Seg, titles: &[Title]) -> Vec<String> {
    titles
        .iter()
        .map(|x| {
            let s = collapse_ws(&t[x.s..x.e]);
            // "tân Phó Bí thư": newly appointed, not part of the title.
            match s.strip_prefix("tân ").or_else(|| s.strip_prefix("Tân ")) {
                Some(rest) => rest.to_string(),
                None => s,
            }
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Validates a name run read after an introducer or a title.
fn accept_run(t: &Seg, run: &NameRun, need_surname: bool) -> Option<(Range<usize>, String, bool)> {
    let n = run.toks.len();
    if n == 0 {
        return None;
    }
    let first = tlw(t, &run.toks[0]);
    if n == 1 {
        // A short reference: a single given name, not a single letter.
        if need_surname || first.chars().count() < 2 {
            return None;
        }
        let r = run.toks[0].s..run.toks[0].e;
        return Some((r, name_text(t, &run.toks, run.caps), true));
    }
    if n > max_len(&first) {
        return None;
    }
    if need_surname && surname_tier(&first) == 0 {
        return None;
    }
    let name = name_text(t, &run.toks, run.caps);
    if banned_name(lw(&name)) {
        return None;
    }
    Some((run.toks[0].s..run.toks[n - 1].e, name, false))
}

struct Ctx<'t> {
    t: &'t Seg<'t>,
    base: usize,
    out: Vec<Found>,
}

impl Ctx<'_> {
    fn push(&mut self, range: Range<usize>, name: String, titles: Vec<String>, short: bool) {
        self.out.push(Found {
            name,
            range: range.start + self.base..range.end + self.base,
            titles,
            short,
        });
    }

    /// Introducer at `it` (ending at `ie`): "đồng chí NAME …", "các đồng chí:
    /// A, t; B, t", "đồng chí TITLE NAME". Returns the end of what it read.
    fn at_intro(&mut self, it: Tok, ie: usize) -> Option<usize> {
        let t = self.t;
        let pv = prev_tok(t, it.s);
        let plural = pv.is_word() && matches!(tlw(t, &pv).as_str(), "các" | "những");
        let mut p = ie;
        let c = next_tok(t, p);
        if c.is_punct(':') {
            p = c.e;
        }
        let k = next_tok(t, p);
        if match_role(t, k).is_some() {
            // "đồng chí Bí thư Tỉnh ủy Nguyễn Văn A" or an unnamed reference.
            let mut pre = parse_pre(t, k);
            let end = pre.last().map_or(p, |x| x.e);
            if let Some(last) = pre.last_mut() {
                if let Some(run) = cut_name(t, last, false) {
                    if let Some((r, name, short)) = accept_run(t, &run, false) {
                        let (post, pend) = parse_post(t, r.end);
                        let mut titles = title_strings(t, &pre);
                        titles.extend(title_strings(t, &post));
                        self.push(r, name, titles, short);
                        return Some(pend.max(end));
                    }
                }
            }
            let colon = next_tok(t, end);
            if plural && colon.is_punct(':') {
                // "các đồng chí Ủy viên Ban Thường vụ: A, B và C"
                let titles = title_strings(t, &pre);
                let mut p = colon.e;
                let mut last = end;
                loop {
                    let run = read_run(t, p);
                    let Some((r, name, false)) = accept_run(t, &run, true) else {
                        break;
                    };
                    self.push(r.clone(), name, titles.clone(), false);
                    last = r.end;
                    let sep = next_tok(t, r.end);
                    if sep.is_punct(',')
                        || sep.is_punct(';')
                        || (sep.is_word() && word(t, &sep) == "và")
                    {
                        p = sep.e;
                    } else {
                        break;
                    }
                }
                return Some(last);
            }
            return Some(end);
        }
        let run = read_run(t, p);
        let (r, name, short) = accept_run(t, &run, false)?;
        let (post, mut end) = parse_post(t, r.end);
        self.push(r, name, title_strings(t, &post), short);
        if plural {
            end = self.list_items(end);
        }
        Some(end)
    }

    /// Further items of a list after its first person.
    fn list_items(&mut self, mut end: usize) -> usize {
        let t = self.t;
        loop {
            let sep = next_tok(t, end);
            let ok =
                sep.is_punct(';') || sep.is_punct(',') || (sep.is_word() && tlw(t, &sep) == "và");
            if !ok {
                return end;
            }
            let mut p = sep.e;
            let k = next_tok(t, p);
            let mut intro = false;
            if let Some(ie) = match_intro(t, k) {
                p = ie;
                intro = true;
            }
            let run = read_run(t, p);
            let Some((r, name, short)) = accept_run(t, &run, !intro) else {
                return end;
            };
            if short {
                return end;
            }
            let (post, pend) = parse_post(t, r.end);
            self.push(r.clone(), name, title_strings(t, &post), false);
            end = pend.max(r.end);
        }
    }

    /// Role head at token `k`: "NAME, TITLE" (name before), "TITLE NAME",
    /// "TITLE, đồng chí NAME".
    fn at_role(&mut self, k: Tok) -> Option<usize> {
        let t = self.t;
        // Name before: "Nguyễn Văn A, Chủ tịch …", "Nguyễn Văn A (Chủ tịch …)".
        let sep = prev_tok(t, k.s);
        if sep.is_punct(',') || sep.is_punct('-') || sep.is_punct('(') {
            if let Some((r, name)) = self.name_before(sep.s) {
                let (post, end) = parse_post(t, r.end);
                if !post.is_empty() {
                    self.push(r, name, title_strings(t, &post), false);
                    return Some(end);
                }
            }
        }
        let mut pre = parse_pre(t, k);
        let end = pre.last()?.e;
        if tlw(t, &k) == "cố" {
            // "cố Tổng Bí thư …": a late leader, not a live official.
            let run = read_run(t, end);
            return Some(run.toks.last().map_or(end, |x| x.e));
        }
        // "các Phó Thủ tướng: A, t; B, C": the role goes to every name.
        let pv = prev_tok(t, k.s);
        let colon = next_tok(t, end);
        if pre.len() == 1
            && colon.is_punct(':')
            && pv.is_word()
            && matches!(tlw(t, &pv).as_str(), "các" | "những")
        {
            let role = title_strings(t, &pre);
            let mut p = colon.e;
            let mut last = colon.e;
            loop {
                let run = read_run(t, p);
                let Some((r, name, false)) = accept_run(t, &run, true) else {
                    break;
                };
                let (post, pend) = parse_post(t, r.end);
                let mut titles = role.clone();
                titles.extend(title_strings(t, &post));
                self.push(r.clone(), name, titles, false);
                last = pend.max(r.end);
                let sep = next_tok(t, last);
                if sep.is_punct(',')
                    || sep.is_punct(';')
                    || (sep.is_word() && word(t, &sep) == "và")
                {
                    p = sep.e;
                } else {
                    break;
                }
            }
            return Some(last);
        }
        // "thay mặt Thủ tướng, ông A", "thừa ủy quyền của Chủ tịch nước,
        // đồng chí A": the title is someone else's.
        let foreign = pv.is_word()
            && matches!(
                tlw(t, &pv).as_str(),
                "của" | "mặt" | "quyền" | "lệnh" | "với" | "cho"
            );
        if let Some(run) = pre.last_mut().and_then(|last| cut_name(t, last, false)) {
            if let Some((r, name, short)) = accept_run(t, &run, true) {
                let (post, pend) = parse_post(t, r.end);
                let mut titles = title_strings(t, &pre);
                titles.extend(title_strings(t, &post));
                self.push(r, name, titles, short);
                return Some(pend);
            }
        }
        // ALL CAPS: the organisation stopped before the name.
        let run = read_run(t, end);
        if let Some((r, name, false)) = accept_run(t, &run, true) {
            let (post, pend) = parse_post(t, r.end);
            let mut titles = title_strings(t, &pre);
            titles.extend(title_strings(t, &post));
            self.push(r, name, titles, false);
            return Some(pend);
        }
        // "Bí thư Tỉnh ủy, đồng chí Nguyễn Văn A"
        let mut n = next_tok(t, end);
        if n.is_punct(',') {
            n = next_tok(t, n.e);
        }
        if let Some(ie) = match_intro(t, n).filter(|_| !foreign) {
            let run = read_run(t, ie);
            if let Some((r, name, short)) = accept_run(t, &run, false) {
                let (post, pend) = parse_post(t, r.end);
                let mut titles = title_strings(t, &pre);
                titles.extend(title_strings(t, &post));
                self.push(r, name, titles, short);
                return Some(pend);
            }
        }
        Some(end)
    }

    /// A surname-led name ending right before `p` (no introducer).
    fn name_before(&self, p: usize) -> Option<(Range<usize>, String)> {
        let t = self.t;
        let mut toks = Vec::new();
        let mut pos = p;
        while toks.len() < 6 {
            let k = prev_tok(t, pos);
            if !k.is_word() || !name_syllable(word(t, &k), false) {
                break;
            }
            toks.push(k);
            pos = k.s;
        }
        toks.reverse();
        if toks.len() < 2 {
            return None;
        }
        let run = NameRun { toks, caps: false };
        let k = split_name(t, &run, false)?;
        let name_toks = &run.toks[k..];
        // What precedes the name must not make it a street, school or place,
        // nor an introducer (already handled there).
        let before = if k > 0 {
            run.toks[k - 1]
        } else {
            prev_tok(t, name_toks[0].s)
        };
        if before.is_word() {
            let b = tlw(t, &before);
            if has(W::NameBlockers, &b) || b == "chí" || b == "ông" || b == "bà" {
                return None;
            }
            if k > 0 && match_role(t, run.toks[0]).is_some() {
                return None;
            }
        }
        let name = name_text(t, name_toks, false);
        if banned_name(lw(&name)) {
            return None;
        }
        Some((name_toks[0].s..name_toks[name_toks.len() - 1].e, name))
    }
}

/// Finds every named person in the content of `doc`.
pub fn extract(doc: &Doc, claims: &mut Claims) -> Vec<Official> {
    let mut found = Vec::new();
    for (base, seg) in doc.segments() {
        let sg = Seg::new(seg);
        let mut ctx = Ctx {
            t: &sg,
            base,
            out: Vec::new(),
        };
        let mut consumed = 0usize;
        for m in ANCHOR.find_iter(seg) {
            let (ms, me) = (m.start(), m.end());
            if ms < consumed || !boundary_before(seg, ms) || !boundary_after(seg, me) {
                continue;
            }
            let k = next_tok(&sg, ms);
            let end = if let Some(ie) = match_intro(&sg, k) {
                ctx.at_intro(k, ie)
            } else if has(W::Introducers, lw(&seg[ms..me])) {
                // Ranks and degrees: "Đại tướng Tô Lâm", "PGS.TS Nguyễn …".
                let run = read_run(&sg, me);
                // "Đại biểu NAME (Đoàn ĐBQH …)": a deputy, surname-led, and
                // not an organisation ("đại biểu Đoàn Thanh niên").
                let deputy = lw(&seg[ms..me]).as_str() == "đại biểu";
                let org_tail = deputy
                    && run.toks.last().is_some_and(|l| {
                        let nx = next_tok(&sg, l.e);
                        nx.is_word()
                            && !is_cap(word(&sg, &nx))
                            && has_pair(W::OrgPairs, &tlw(&sg, l), &tlw(&sg, &nx))
                    });
                let run = if org_tail {
                    NameRun {
                        toks: Vec::new(),
                        caps: false,
                    }
                } else {
                    run
                };
                accept_run(&sg, &run, deputy).and_then(|(r, name, short)| {
                    (!short).then(|| {
                        let (post, end) = parse_post(&sg, r.end);
                        let titles = title_strings(&sg, &post);
                        ctx.push(r, name, titles, false);
                        end
                    })
                })
            } else if match_role(&sg, k).is_some() {
                // Step back over a modifier: "nguyên Chủ tịch", "cố Tổng Bí thư".
                let pv = prev_tok(seg, k.s);
                let k = if pv.is_word() && pv.s >= consumed && has(W::Modifiers, tlw(&sg, &pv)) {
                    pv
                } else {
                    k
                };
                ctx.at_role(k)
            } else {
                None
            };
            if let Some(e) = end {
                consumed = consumed.max(e);
            }
        }
        found.extend(ctx.out);
    }
    found.retain(|f| !claims.overlaps(&f.range));
    merge(doc, claims, found)
}

/// The key a short reference resolves by: the given name (last syllable;
/// the first after a minority prefix).
fn short_key(name_lower: &str) -> Option<&str> {
    let mut it = name_lower.split(' ');
    let first = it.next()?;
    if is_minority_prefix(first) {
        return it.next();
    }
    name_lower.rsplit(' ').next()
}

/// Merges the finds into one record per person and adds the bare repeats
/// of full names.
fn merge(doc: &Doc, claims: &mut Claims, found: Vec<Found>) -> Vec<Official> {
    struct P {
        key: String,
        name: String,
        titles: Vec<String>,
        tkeys: Vec<String>,
        ranges: Vec<Range<usize>>,
        /// The ranges as a set, for long articles.
        seen: HashSet<(usize, usize)>,
    }
    impl P {
        fn add_range(&mut self, r: Range<usize>) {
            if self.seen.insert((r.start, r.end)) {
                self.ranges.push(r);
            }
        }
    }
    fn add_titles(p: &mut P, titles: &[String]) {
        for ti in titles {
            let k = lower_str(ti);
            if !p.tkeys.iter().any(|x| x.as_bytes() == k.as_ref()) {
                p.tkeys.push(k.to_string());
                p.titles.push(ti.clone());
            }
        }
    }
    let mut people: Vec<P> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut shorts = Vec::new();
    for f in found {
        if f.short {
            shorts.push(f);
            continue;
        }
        let i = match index.get(&*lower_str(&f.name)) {
            Some(&i) => i,
            None => {
                let key = f.name.to_lowercase();
                index.insert(key.clone(), people.len());
                people.push(P {
                    key,
                    name: f.name.clone(),
                    titles: Vec::new(),
                    tkeys: Vec::new(),
                    ranges: Vec::new(),
                    seen: HashSet::new(),
                });
                people.len() - 1
            }
        };
        add_titles(&mut people[i], &f.titles);
        people[i].add_range(f.range);
    }
    // Minority names shortened from the front ("Y Thanh" → "Y Thanh Hà Niê Kđăm").
    let mut i = 0;
    while i < people.len() {
        let key = people[i].key.clone();
        let first = key.split(' ').next().unwrap_or("");
        let target = is_minority_prefix(first)
            .then(|| {
                people.iter().position(|q| {
                    q.key.len() > key.len()
                        && q.key.starts_with(&key)
                        && q.key.as_bytes()[key.len()] == b' '
                })
            })
            .flatten();
        if let Some(j) = target {
            let p = people.remove(i);
            let j = if j > i { j - 1 } else { j };
            add_titles(&mut people[j], &p.titles);
            for r in p.ranges {
                // Another person's span: never one of people[j]'s own.
                people[j].seen.insert((r.start, r.end));
                people[j].ranges.push(r);
            }
        } else {
            i += 1;
        }
    }
    // Given name → the one person it names (None when several).
    let mut by_short: HashMap<&str, Option<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        if let Some(k) = short_key(&p.key) {
            by_short
                .entry(k)
                .and_modify(|x| *x = None)
                .or_insert(Some(i));
        }
    }
    let short_hits: Vec<Option<usize>> = shorts
        .iter()
        .map(|s| by_short.get(lw(&s.name).as_str()).copied().flatten())
        .collect();
    for (s, hit) in shorts.into_iter().zip(short_hits) {
        if let Some(i) = hit {
            add_titles(&mut people[i], &s.titles);
            people[i].add_range(s.range);
        }
    }
    // Further bare mentions of the full names at word starts.
    let full: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].name.contains(' '))
        .collect();
    if !full.is_empty() {
        // What a new mention must not overlap: the person's spans so far
        // (sorted, with the running maximum of their ends) and the last one
        // added here (all of the same length, in text order).
        struct Spans {
            sorted: Vec<Range<usize>>,
            max_end: Vec<usize>,
            last: Option<Range<usize>>,
        }
        let mut spans: Vec<Spans> = full
            .iter()
            .map(|&i| {
                let mut sorted = people[i].ranges.clone();
                sorted.sort_by_key(|r| r.start);
                let max_end = sorted
                    .iter()
                    .scan(0, |m, r| {
                        *m = r.end.max(*m);
                        Some(*m)
                    })
                    .collect();
                Spans {
                    sorted,
                    max_end,
                    last: None,
                }
            })
            .collect();
        let overlaps = |sp: &Spans, r: &Range<usize>| {
            let k = sp.sorted.partition_point(|x| x.start < r.end);
            (k > 0 && sp.max_end[k - 1] > r.start)
                || sp
                    .last
                    .as_ref()
                    .is_some_and(|x| x.start < r.end && r.start < x.end)
        };
        let mut firsts: Vec<u8> = full.iter().map(|&i| people[i].name.as_bytes()[0]).collect();
        firsts.sort_unstable();
        firsts.dedup();
        for (base, seg) in doc.segments() {
            let b = seg.as_bytes();
            for s in capital_starts(seg, &firsts) {
                let c = b[s];
                for (fi, &i) in full.iter().enumerate() {
                    let name = people[i].name.as_str();
                    if name.as_bytes()[0] != c || !seg[s..].starts_with(name) {
                        continue;
                    }
                    let e = s + name.len();
                    let r = base + s..base + e;
                    if !boundary_after(seg, e) || overlaps(&spans[fi], &r) || claims.overlaps(&r) {
                        continue;
                    }
                    let pv = prev_tok(seg, s);
                    if pv.is_word() && has(W::NameBlockers, lw(word(seg, &pv))) {
                        continue;
                    }
                    spans[fi].last = Some(r.clone());
                    people[i].ranges.push(r);
                }
            }
        }
    }
    people
        .into_iter()
        .map(|mut p| {
            p.ranges.sort_by_key(|r| r.start);
            for r in &p.ranges {
                claims.claim(r.clone());
            }
            Official {
                name: p.name,
                titles: p.titles,
                mentions: p.ranges.iter().map(|r| doc.mention(r.clone())).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Official> {
        let doc = Doc::plain(text, None);
        extract(&doc, &mut Claims::new())
    }

    #[test]
    fn intro_name_titles() {
        let o = run("Đồng chí Phạm Minh Chính, Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban Tổ chức Trung ương làm việc với Ban Thường vụ.");
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].name, "Phạm Minh Chính");
        assert_eq!(
            o[0].titles,
            [
                "Ủy viên Bộ Chính trị",
                "Bí thư Trung ương Đảng",
                "Trưởng Ban Tổ chức Trung ương"
            ]
        );
    }

    #[test]
    fn title_before_name() {
        let o = run("Chủ trì Hội nghị, Bí thư Đảng ủy Khối Sơn Minh Thắng nêu rõ.");
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].name, "Sơn Minh Thắng");
        assert_eq!(o[0].titles, ["Bí thư Đảng ủy Khối"]);
    }

    #[test]
    fn unnamed_group() {
        let o = run("Đồng chí Nguyễn Đình Hải, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy Khối cùng các đồng chí Phó Bí thư Đảng ủy Khối chủ trì Hội nghị.");
        assert_eq!(o.len(), 1);
        assert_eq!(
            o[0].titles,
            ["Ủy viên Ban Thường vụ Tỉnh ủy", "Bí thư Đảng ủy Khối"]
        );
    }

    #[test]
    fn lw_agrees_with_char_by_char() {
        for u in (0..0x2400u32).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(u) else { continue };
            for w in [format!("{c}"), format!("a{c}Ư"), format!("Đ{c}{c}x")] {
                assert_eq!(&*lw(&w), &*lw_chars(&w), "U+{u:04X}");
            }
        }
        for w in ["ĐỒNG CHÍ", "Nguyễn", "bí thư", "ỦY VIÊN", &"Ă".repeat(30)] {
            assert_eq!(&*lw(w), w.to_lowercase());
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in [
            "",
            "đồng chí",
            "Đ/",
            "ông ",
            "H'",
            "Bí thư,",
            "(Chủ tịch",
            "Đồng chí A,",
        ] {
            let _ = run(s);
        }
    }
}

#[cfg(test)]
mod perf {
    use super::*;

    /// Throughput of the anchor regex alone (release mode, run by hand).
    #[test]
    #[ignore]
    fn anchor_scan_speed() {
        let mut text = String::new();
        for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds")).unwrap()
        {
            text.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
        let reps = 200;
        let t0 = std::time::Instant::now();
        let mut n = 0;
        for _ in 0..reps {
            n += ANCHOR.find_iter(&text).count();
        }
        let s = t0.elapsed().as_secs_f64();
        println!(
            "anchor: {:.0} MB/s, {} matches/pass",
            (text.len() * reps) as f64 / 1e6 / s,
            n / reps
        );
    }
}
