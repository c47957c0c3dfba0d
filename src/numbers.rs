//! Vietnamese numbers: "1.192" (dot groups thousands), "99,99" (comma is the
//! decimal mark), Roman numerals ("XIII", "quý IV") and number words
//! ("lần thứ sáu", "hai mươi mốt").

/// Parses a whole number written the Vietnamese way: digits, optionally
/// grouped by dots in threes ("1.192", "26.472"). Leading zeros are allowed
/// ("05"). Returns `None` for anything else, including a misplaced dot.
///
/// ```
/// use vnextract::numbers::parse_int;
/// assert_eq!(parse_int("1.192"), Some(1192));
/// assert_eq!(parse_int("05"), Some(5));
/// assert_eq!(parse_int("1.19"), None);
/// ```
pub fn parse_int(s: &str) -> Option<u64> {
    let mut groups = s.split('.');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 18 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut value: u64 = first.parse().ok()?;
    let mut grouped = false;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        grouped = true;
        value = value
            .checked_mul(1000)?
            .checked_add(g.parse::<u64>().ok()?)?;
    }
    if grouped && first.len() > 3 {
        return None;
    }
    Some(value)
}

/// Parses a decimal number written the Vietnamese way: an integer part as in
/// [`parse_int`], then optionally a comma and decimals ("99,99", "1.234,5").
///
/// ```
/// use vnextract::numbers::parse_decimal;
/// assert_eq!(parse_decimal("99,99"), Some(99.99));
/// assert_eq!(parse_decimal("100"), Some(100.0));
/// ```
pub fn parse_decimal(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let whole = parse_int(int)? as f64;
    match frac {
        None => Some(whole),
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
            let digits: f64 = f.parse().ok()?;
            Some(whole + digits / 10f64.powi(f.len() as i32))
        }
        Some(_) => None,
    }
}

/// Parses a Roman numeral in canonical form (I, V, X, L, C, D, M; upper or
/// lower case), 1 to 3999.
///
/// ```
/// use vnextract::numbers::roman;
/// assert_eq!(roman("XIII"), Some(13));
/// assert_eq!(roman("xix"), Some(19));
/// assert_eq!(roman("IIII"), None);
/// ```
pub fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let val = |c: u8| match c.to_ascii_uppercase() {
        b'I' => Some(1),
        b'V' => Some(5),
        b'X' => Some(10),
        b'L' => Some(50),
        b'C' => Some(100),
        b'D' => Some(500),
        b'M' => Some(1000),
        _ => None,
    };
    let bytes = s.as_bytes();
    // Compute the value the standard way, then require that writing it back
    // gives the same string: this rejects "IIII", "VX", "IC" and the like.
    let mut total = 0u32;
    let mut prev = 0;
    for &b in bytes.iter().rev() {
        let v = val(b)?;
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    if total == 0 || total > 3999 || !is_canonical_roman(bytes, total) {
        return None;
    }
    Some(total)
}

/// Roman symbols and subtractive pairs, largest first.
const ROMAN: [(u32, &str); 13] = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

/// True when `s` (any case) is how [`to_roman`] writes `n`, compared as it
/// is produced, without building the string.
fn is_canonical_roman(s: &[u8], mut n: u32) -> bool {
    let mut rest = s;
    for &(v, sym) in &ROMAN {
        while n >= v {
            let Some((head, tail)) = rest.split_at_checked(sym.len()) else {
                return false;
            };
            if !head.eq_ignore_ascii_case(sym.as_bytes()) {
                return false;
            }
            rest = tail;
            n -= v;
        }
    }
    rest.is_empty()
}

/// Writes `n` (1 to 3999) as an upper-case Roman numeral.
pub fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for &(v, s) in &ROMAN {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Units as number words, canonical lower case. "tư" and "nhất" are the
/// ordinal forms of 4 and 1; "mốt" and "lăm"/"nhăm" only follow tens.
const UNIT_WORDS: &[(&str, u32)] = &[
    ("ba", 3),
    ("bảy", 7),
    ("bẩy", 7),
    ("bốn", 4),
    ("chín", 9),
    ("hai", 2),
    ("một", 1),
    ("nhất", 1),
    ("năm", 5),
    ("sáu", 6),
    ("tám", 8),
    ("tư", 4),
];

fn unit_word(w: &str) -> Option<u32> {
    UNIT_WORDS
        .binary_search_by(|(k, _)| k.cmp(&w))
        .ok()
        .map(|i| UNIT_WORDS[i].1)
}

/// Reads a number written in words at the start of `s` (lower-case,
/// canonical, words separated by single spaces), from 1 to 99: "sáu",
/// "mười một", "hai mươi mốt", "mười lăm". Returns the value and the number
/// of bytes read; the caller checks what follows.
///
/// ```
/// use vnextract::numbers::number_words;
/// assert_eq!(number_words("sáu ban"), Some((6, "sáu".len())));
/// assert_eq!(number_words("hai mươi mốt"), Some((21, "hai mươi mốt".len())));
/// assert_eq!(number_words("mười lăm"), Some((15, "mười lăm".len())));
/// assert_eq!(number_words("nhà"), None);
/// ```
pub fn number_words(s: &str) -> Option<(u32, usize)> {
    let words: Vec<(usize, &str)> = s
        .split(' ')
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .take(3)
        .collect();
    let end_of = |i: usize| words[i].0 + words[i].1.len();
    let first = words.first()?.1;
    let second = words.get(1).map(|w| w.1);
    let third = words.get(2).map(|w| w.1);
    let tail_unit = |w: Option<&str>| -> Option<u32> {
        match w? {
            "mốt" => Some(1),
            "lăm" | "nhăm" => Some(5),
            "tư" => Some(4),
            "một" | "nhất" | "năm" => None,
            other => unit_word(other),
        }
    };
    if first == "mười" {
        return match tail_unit(second) {
            Some(u) => Some((10 + u, end_of(1))),
            None if second == Some("một") => Some((11, end_of(1))),
            None => Some((10, end_of(0))),
        };
    }
    let unit = unit_word(first)?;
    if second == Some("mươi") && unit >= 2 {
        return match tail_unit(third) {
            Some(u) => Some((unit * 10 + u, end_of(2))),
            None => Some((unit * 10, end_of(1))),
        };
    }
    Some((unit, end_of(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_words_sorted() {
        assert!(UNIT_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn ints() {
        assert_eq!(parse_int("1.312"), Some(1312));
        assert_eq!(parse_int("26.472.000"), Some(26_472_000));
        assert_eq!(parse_int("1234.567"), None);
        assert_eq!(parse_int("1.2345"), None);
        assert_eq!(parse_int(""), None);
        assert_eq!(parse_int("12a"), None);
        assert_eq!(parse_int("99999999999999999999"), None);
    }

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("98,75"), Some(98.75));
        assert_eq!(parse_decimal("1.234,5"), Some(1234.5));
        assert_eq!(parse_decimal("1,"), None);
    }

    #[test]
    fn roman_is_the_written_back_check() {
        let sym = ["I", "V", "X", "L", "C"];
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for w in &words {
                for s in sym {
                    next.push(format!("{w}{s}"));
                }
            }
            words.extend(next.iter().cloned());
            words.dedup();
            if words.len() > 5000 {
                break;
            }
            words = next.into_iter().chain(words).collect();
            words.sort();
            words.dedup();
        }
        words.extend(["CCCXCIX", "CCCC", "XXXXXXXXXXXXXXXX", "CCCLXXXVIII"].map(String::from));
        for w in &words {
            // The definition: the value computed the standard way, kept
            // when writing it back gives the same word.
            let bytes = w.as_bytes();
            let mut total = 0u32;
            let mut prev = 0;
            let mut ok = !w.is_empty();
            for &b in bytes.iter().rev() {
                let v = match b {
                    b'I' => 1,
                    b'V' => 5,
                    b'X' => 10,
                    b'L' => 50,
                    _ => 100,
                };
                if v < prev {
                    match total.checked_sub(v) {
                        Some(t) => total = t,
                        None => ok = false,
                    }
                } else {
                    total += v;
                    prev = v;
                }
            }
            let want = (ok && total > 0 && to_roman(total) == *w).then_some(total);
            assert_eq!(roman(w), want, "{w}");
            assert_eq!(roman(&w.to_lowercase()), want, "{w}");
        }
    }

    #[test]
    fn romans() {
        for n in 1..200 {
            assert_eq!(roman(&to_roman(n)), Some(n));
        }
        assert_eq!(roman("XXV"), Some(25));
        assert_eq!(roman("VX"), None);
        assert_eq!(roman("ABC"), None);
        assert_eq!(roman(""), None);
    }

    #[test]
    fn words() {
        assert_eq!(number_words("tư").map(|x| x.0), Some(4));
        assert_eq!(number_words("nhất").map(|x| x.0), Some(1));
        assert_eq!(number_words("mười").map(|x| x.0), Some(10));
        assert_eq!(number_words("mười bốn").map(|x| x.0), Some(14));
        assert_eq!(number_words("mười tư").map(|x| x.0), Some(14));
        assert_eq!(number_words("hai mươi").map(|x| x.0), Some(20));
        assert_eq!(number_words("hai mươi tư").map(|x| x.0), Some(24));
        assert_eq!(number_words("ba mươi").map(|x| x.0), Some(30));
        assert_eq!(number_words("hai ban").map(|x| x.0), Some(2));
    }
}
