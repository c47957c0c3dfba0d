//! Hashed views of the sorted word tables: membership of a lower-case word
//! and the phrases that start with a given word, in one probe instead of a
//! binary search of string comparisons.

/// A cheap hash of `s`: its length and three of its bytes, mixed by one
/// multiplication (the tables are small; probing sorts out collisions).
#[inline]
fn hash(s: &str) -> u64 {
    let b = s.as_bytes();
    let n = b.len();
    if n == 0 {
        return 0;
    }
    let k = (n as u64)
        | (u64::from(b[0]) << 8)
        | (u64::from(b[n / 2]) << 16)
        | (u64::from(b[n - 1]) << 24);
    k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32
}

/// An open-addressing table of keys, each with the indices of a group.
#[derive(Debug)]
struct Slots {
    /// `(key, group)` or `None`; the length is a power of two.
    slots: Vec<Option<(&'static str, usize)>>,
}

impl Slots {
    fn with_keys(n: usize) -> Self {
        let len = (n * 4).next_power_of_two().max(8);
        Slots {
            slots: vec![None; len],
        }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    fn find(&self, key: &str) -> Option<usize> {
        let mut i = hash(key) as usize & self.mask();
        loop {
            match self.slots[i] {
                None => return None,
                Some((k, g)) if k == key => return Some(g),
                Some(_) => i = (i + 1) & self.mask(),
            }
        }
    }

    fn insert(&mut self, key: &'static str, group: usize) {
        let mut i = hash(key) as usize & self.mask();
        while self.slots[i].is_some() {
            i = (i + 1) & self.mask();
        }
        self.slots[i] = Some((key, group));
    }
}

/// A set of lower-case words (or phrases).
#[derive(Debug)]
pub(super) struct WordSet {
    slots: Slots,
}

impl WordSet {
    /// The set of the distinct entries of `words`.
    pub(super) fn new(words: &'static [&'static str]) -> Self {
        let mut slots = Slots::with_keys(words.len());
        for &w in words {
            if slots.find(w).is_none() {
                slots.insert(w, 0);
            }
        }
        WordSet { slots }
    }

    /// True when `w` is in the set.
    #[inline]
    pub(super) fn contains(&self, w: &str) -> bool {
        self.slots.find(w).is_some()
    }
}

/// The phrases of a table grouped by their first word, each group in table
/// order.
#[derive(Debug)]
pub(super) struct PhraseIndex {
    slots: Slots,
    groups: Vec<Vec<&'static str>>,
}

impl PhraseIndex {
    /// Indexes `phrases` (lower case, words separated by one space).
    pub(super) fn new(phrases: impl IntoIterator<Item = &'static str>) -> Self {
        let phrases: Vec<&'static str> = phrases.into_iter().collect();
        let mut slots = Slots::with_keys(phrases.len());
        let mut groups: Vec<Vec<&'static str>> = Vec::new();
        for p in phrases {
            let first = p.split(' ').next().unwrap_or(p);
            match slots.find(first) {
                Some(g) => groups[g].push(p),
                None => {
                    slots.insert(first, groups.len());
                    groups.push(vec![p]);
                }
            }
        }
        PhraseIndex { slots, groups }
    }

    /// The phrases whose first word is `w`, in table order.
    #[inline]
    pub(super) fn starting_with(&self, w: &str) -> &[&'static str] {
        match self.slots.find(w) {
            Some(g) => &self.groups[g],
            None => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_groups() {
        const T: &[&str] = &["cán bộ", "cán bộ chủ chốt", "chủ chốt", "cán", "đại biểu"];
        let s = WordSet::new(T);
        assert!(s.contains("cán bộ") && s.contains("đại biểu") && !s.contains("cán b"));
        let p = PhraseIndex::new(T.iter().copied());
        assert_eq!(p.starting_with("cán"), ["cán bộ", "cán bộ chủ chốt", "cán"]);
        assert_eq!(p.starting_with("đại"), ["đại biểu"]);
        assert!(p.starting_with("bộ").is_empty());
    }
}
