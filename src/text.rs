//! Small text helpers shared by the extractors: word boundaries that work on
//! Vietnamese letters without Unicode `\b` in regexes, and whitespace folding.

/// True for characters that belong to a word: letters, digits and combining
/// marks.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7f}' => false,
        // Latin-1 letters, Latin Extended-A/B and Vietnamese (Latin Extended
        // Additional): all letters but × and ÷. The common case, kept off
        // the general Unicode tables.
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{1e00}'..='\u{1eff}' => true,
        '\u{0300}'..='\u{036f}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// True when no word character ends right before `pos` (`pos` on a char
/// boundary of `text`).
#[inline]
pub fn boundary_before(text: &str, pos: usize) -> bool {
    !text[..pos].chars().next_back().is_some_and(is_word_char)
}

/// True when no word character starts right at `pos` (`pos` on a char
/// boundary of `text`).
#[inline]
pub fn boundary_after(text: &str, pos: usize) -> bool {
    !text[pos..].chars().next().is_some_and(is_word_char)
}

/// True when `start..end` of `text` is a whole word run: word boundaries on
/// both sides.
#[inline]
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    boundary_before(text, start) && boundary_after(text, end)
}

/// Folds every run of white space (`char::is_whitespace`) into one space and
/// trims both ends, scanning bytes: the white-space chars are recognized by
/// their UTF-8 bytes, without decoding.
///
/// ```
/// assert_eq!(vnextract::text::collapse_ws("  a \n b  "), "a b");
/// ```
pub fn collapse_ws(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let n = space_len(b, i);
        if n == 0 {
            if word.is_none() {
                word = Some(i);
            }
            i += 1;
            continue;
        }
        if let Some(w) = word.take() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s[w..i]);
        }
        i += n;
    }
    if let Some(w) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[w..]);
    }
    out
}

/// The length of the white-space character (`char::is_whitespace`) at byte
/// `i` of `b`, 0 when there is none there.
#[inline(always)]
fn space_len(b: &[u8], i: usize) -> usize {
    let x = b[i];
    if (0x21..0xC2).contains(&x) {
        return 0;
    }
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match x {
        b' ' | 0x09..=0x0D => 1,
        // U+0085, U+00A0.
        0xC2 if matches!(at(1), 0x85 | 0xA0) => 2,
        // U+1680.
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3,
        // U+2000-U+200A, U+2028, U+2029, U+202F, U+205F.
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if at(1) == 0x81 && at(2) == 0x9F => 3,
        // U+3000.
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

/// Upper-cases the first letter of every word and lower-cases the rest:
/// "PHAN VĂN PHỤNG" → "Phan Văn Phụng".
///
/// ```
/// assert_eq!(vnextract::text::title_case("PHAN VĂN PHỤNG"), "Phan Văn Phụng");
/// ```
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at_start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if at_start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            at_start = false;
        } else {
            out.push(c);
            at_start = c.is_whitespace() || c == '-';
        }
    }
    out
}

/// The start of the word run that ends at `pos`, skipping white space before
/// it; `None` when there is no word before `pos`.
pub fn prev_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    let head = text[..pos].trim_end();
    let end = head.len();
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map(|(i, _)| i)?;
    Some((start, &text[start..end]))
}

/// The word run that starts after `pos`, skipping white space; `None` when
/// the next non-space character is not a word character.
pub fn next_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    let tail = &text[pos..];
    let skip = tail.len() - tail.trim_start().len();
    let start = pos + skip;
    let len: usize = text[start..]
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (start, &text[start..start + len]))
}

/// The lower case of `c` when it is a single char: a fast path for ASCII
/// and the Latin letters Vietnamese uses (checked against
/// `char::to_lowercase` in the tests), the general tables otherwise;
/// `None` when the lower case is several chars.
#[inline]
pub fn lower_char(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0..=0x7F => return Some(c.to_ascii_lowercase()),
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xD7..=0xFF => u,
        0x100..=0x12F | 0x132..=0x137 | 0x1EA0..=0x1EFF => u | 1,
        0x1A0 | 0x1AF => u + 1,
        0x1A1 | 0x1B0 | 0x300..=0x36F => u,
        _ => {
            let mut it = c.to_lowercase();
            let l = it.next()?;
            return it.next().is_none().then_some(l);
        }
    };
    char::from_u32(l)
}

// ---------------------------------------------------------------------------
// Byte-level walks: the same answers as the `char` iterator chains
// (`trim_end`, `take_while(is_word_char)`), with ASCII and the Vietnamese
// letters settled without decoding.

/// True for what `char::is_whitespace` accepts, on an ASCII byte.
#[inline]
fn ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// The char of `s` that ends at `end` (`end > 0`, on a char boundary): its
/// start and the char.
#[inline]
pub fn char_before(s: &str, end: usize) -> (usize, char) {
    let b = s.as_bytes();
    let last = b[end - 1];
    if last < 0x80 {
        return (end - 1, last as char);
    }
    let mut i = end - 1;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    (i, s[i..end].chars().next().unwrap_or(' '))
}

/// `s[..pos].trim_end().len()`.
#[inline]
pub fn trim_end_at(s: &str, mut pos: usize) -> usize {
    let b = s.as_bytes();
    while pos > 0 {
        let c = b[pos - 1];
        if c < 0x80 {
            if !ascii_ws(c) {
                break;
            }
            pos -= 1;
        } else {
            // Every non-ASCII white space char ends in one of these bytes.
            if !matches!(c, 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF) {
                break;
            }
            let (i, ch) = char_before(s, pos);
            if !ch.is_whitespace() {
                break;
            }
            pos = i;
        }
    }
    pos
}

/// The start of the run of word chars (`text::is_word_char`) that ends at
/// `end` (`end` itself when there is none).
#[inline]
pub fn word_start(s: &str, mut end: usize) -> usize {
    let b = s.as_bytes();
    while end > 0 {
        let c = b[end - 1];
        if c < 0x80 {
            if !c.is_ascii_alphanumeric() {
                break;
            }
            end -= 1;
        } else {
            match word_char_len_before(s, end) {
                Some(n) => end -= n,
                None => break,
            }
        }
    }
    end
}

/// The length of the non-ASCII char that ends at `end` when it is a word
/// char, with the Vietnamese letters decoded by hand.
#[inline]
fn word_char_len_before(s: &str, end: usize) -> Option<usize> {
    let b = s.as_bytes();
    if end >= 2 && matches!(b[end - 2], 0xC3..=0xC8) {
        // Two bytes, U+00C0..U+023F: letters but × and ÷.
        let u = (u32::from(b[end - 2] & 0x1F) << 6) | u32::from(b[end - 1] & 0x3F);
        return (u != 0xD7 && u != 0xF7).then_some(2);
    }
    if end >= 3 && b[end - 3] == 0xE1 && matches!(b[end - 2], 0xB8..=0xBB) {
        // Latin Extended Additional (U+1E00..U+1EFF): letters.
        return Some(3);
    }
    let (i, ch) = char_before(s, end);
    is_word_char(ch).then_some(end - i)
}

/// The end of the run of at most `max` word chars (`is_word_char`) from
/// `k`, with the Vietnamese letters decoded by hand.
#[inline]
pub fn word_end(s: &str, k: usize, max: usize) -> usize {
    let b = s.as_bytes();
    let mut i = k;
    let mut n = 0;
    while i < b.len() && n < max {
        let c = b[i];
        let len = match (c, b.get(i + 1)) {
            (0..=0x7F, _) if c.is_ascii_alphanumeric() => 1,
            (0..=0x7F, _) => break,
            // U+00C0..U+023F: letters but × and ÷.
            (0xC3, Some(0x97 | 0xB7)) => break,
            (0xC3..=0xC8, _) => 2,
            // U+1E00..U+1EFF: letters.
            (0xE1, Some(0xB8..=0xBB)) => 3,
            _ => {
                let ch = s[i..].chars().next().unwrap_or(' ');
                if !is_word_char(ch) {
                    break;
                }
                ch.len_utf8()
            }
        };
        i += len;
        n += 1;
    }
    i
}

/// A fast hasher (FNV-1a) for lookups in fixed word tables built once from
/// the lexicons. Only for tables whose keys are not taken from input text:
/// lookups with any string are fine, inserting input-controlled keys is not
/// (no protection against crafted collisions).
#[derive(Debug, Clone, Copy)]
pub struct TableHasher(u64);

impl Default for TableHasher {
    fn default() -> Self {
        TableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for TableHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` over a fixed word table, hashed with [`TableHasher`].
pub type TableMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<TableHasher>>;

/// A `HashSet` over a fixed word table, hashed with [`TableHasher`].
pub type TableSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<TableHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_ws_is_split_whitespace_joined() {
        fn by_words(s: &str) -> String {
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        for s in [
            "",
            "  a  b\t\nc ",
            "x\u{a0}y\u{85}z\u{1680}w\u{2000}v\u{200a}u\u{2028}t\u{2029}s\u{202f}r\u{205f}q\u{3000}p",
            "Hội  nghị\u{200b}x \u{2030} \u{1e9a}",
        ] {
            assert_eq!(collapse_ws(s), by_words(s), "{s:?}");
        }
        for u in 0..0x3100u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let s = format!("a{c}b {c}");
            assert_eq!(collapse_ws(&s), by_words(&s), "{u:x}");
        }
    }

    #[test]
    fn walks_agree_with_char_iterators() {
        let all: String = (0xA0u32..0x2100)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'a', ' ', c, '\u{301}'])
            .collect();
        let texts = [
            "Chỉ thị  số 35",
            "\u{a0}ab\u{2003} ",
            "x\u{0B}\u{0C}\r\n",
            "",
            "ĐẢNG bộ1 \u{301}",
            "×÷a",
            " \u{2003}a\u{85}\u{a0} b\u{3000}",
            "a\u{1680}\u{2028}\u{2029}\u{202f}\u{205f}\u{200a}b\u{2009}",
            &all,
        ];
        for t in texts {
            for pos in (0..=t.len()).filter(|&p| t.is_char_boundary(p)) {
                assert_eq!(
                    trim_end_at(t, pos),
                    t[..pos].trim_end().len(),
                    "{t:?} {pos}"
                );
                let want = t[..pos]
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| is_word_char(c))
                    .last()
                    .map_or(pos, |(i, _)| i);
                assert_eq!(word_start(t, pos), want, "{t:?} {pos}");
                for max in [1, 3, 40] {
                    let want = pos
                        + t[pos..]
                            .chars()
                            .take(max)
                            .take_while(|&c| is_word_char(c))
                            .map(char::len_utf8)
                            .sum::<usize>();
                    assert_eq!(word_end(t, pos, max), want, "{t:?} {pos} {max}");
                }
            }
        }
    }

    #[test]
    fn lower_char_agrees_with_unicode() {
        for c in (0u32..0x2000)
            .chain(0x1E00..0x1F00)
            .filter_map(char::from_u32)
        {
            let mut it = c.to_lowercase();
            let want = it.next().filter(|_| it.next().is_none());
            assert_eq!(lower_char(c), want, "{c:?}");
        }
    }

    #[test]
    fn word_chars_agree_with_unicode() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            let want = c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c);
            assert_eq!(is_word_char(c), want, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn boundaries_on_vietnamese() {
        let t = "số35-CT";
        let p = t.find('3').unwrap();
        assert!(!boundary_before(t, p));
        assert!(boundary_after(t, t.find('-').unwrap()));
        assert!(boundary_before(t, 0));
        assert!(boundary_after(t, t.len()));
    }

    #[test]
    fn words_around() {
        let t = "tại  Hà Nội, ngày";
        assert_eq!(
            prev_word(t, t.find(',').unwrap()),
            Some((t.find("Nội").unwrap(), "Nội"))
        );
        assert_eq!(next_word(t, 5), Some((7, "Hà")));
        assert_eq!(next_word(t, t.find(',').unwrap()), None);
        assert_eq!(prev_word("  ", 2), None);
    }
}
