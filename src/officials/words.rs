//! Membership in the word tables by one hash probe instead of a binary
//! search (whose unpredictable branches cost more than the compares).
//!
//! All tables share one open-addressing map from the lower-case word to a
//! bit mask of the tables that hold it.

use once_cell::sync::Lazy;

use super::lexicon::*;

/// A word table of the officials extractor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum W {
    SurnamesTop,
    SurnamesCommon,
    SurnamesMinority,
    /// Role heads ("bí thư", "chủ tịch nước").
    Roles,
    /// Word prefixes of role heads that some longer head continues after a
    /// space ("bí", "bí thư", "chủ tịch").
    RolePrefixes,
    /// First words of role heads, modifiers and "phó".
    RoleFirst,
    Modifiers,
    Introducers,
    OrgAfterCap,
    OrgFree,
    OrgPairs,
    NameStops,
    OrgCaps,
    Places,
    Historical,
    NameBlockers,
}

/// The words of each table.
fn tables() -> Vec<(W, Vec<&'static str>)> {
    let role_first: Vec<&'static str> = ROLES
        .iter()
        .filter_map(|r| r.split(' ').next())
        .chain(MODIFIERS.iter().copied())
        .chain(["phó"])
        .collect();
    let role_prefixes: Vec<&'static str> = ROLES
        .iter()
        .flat_map(|r| r.match_indices(' ').map(move |(i, _)| &r[..i]))
        .collect();
    vec![
        (W::SurnamesTop, SURNAMES_TOP.to_vec()),
        (W::SurnamesCommon, SURNAMES_COMMON.to_vec()),
        (W::SurnamesMinority, SURNAMES_MINORITY.to_vec()),
        (W::Roles, ROLES.to_vec()),
        (W::RolePrefixes, role_prefixes),
        (W::RoleFirst, role_first),
        (W::Modifiers, MODIFIERS.to_vec()),
        (W::Introducers, INTRODUCERS.to_vec()),
        (W::OrgAfterCap, ORG_AFTER_CAP.to_vec()),
        (W::OrgFree, ORG_FREE.to_vec()),
        (W::OrgPairs, ORG_PAIRS.to_vec()),
        (W::NameStops, NAME_STOPS.to_vec()),
        (W::OrgCaps, ORG_CAPS.to_vec()),
        (W::Places, PLACES.to_vec()),
        (W::Historical, HISTORICAL.to_vec()),
        (W::NameBlockers, NAME_BLOCKERS.to_vec()),
    ]
}

struct Map {
    /// Slot → (hash, entry + 1); 0 for an empty slot.
    slots: Vec<(u32, u32)>,
    /// The words and the tables holding them.
    entries: Vec<(&'static [u8], u32)>,
}

/// A multiplicative hash of the word's first and last bytes and its
/// length (the map compares the words themselves on a hash hit).
#[inline]
fn hash(w: &[u8]) -> u32 {
    let n = w.len();
    let x = if n >= 8 {
        let a = u64::from_le_bytes(w[..8].try_into().unwrap_or([0; 8]));
        let b = u64::from_le_bytes(w[n - 8..].try_into().unwrap_or([0; 8]));
        a ^ b.rotate_left(23)
    } else if n >= 4 {
        let a = u32::from_le_bytes(w[..4].try_into().unwrap_or([0; 4]));
        let b = u32::from_le_bytes(w[n - 4..].try_into().unwrap_or([0; 4]));
        u64::from(a) | (u64::from(b) << 32)
    } else if n > 0 {
        u64::from(w[0]) | (u64::from(w[n / 2]) << 8) | (u64::from(w[n - 1]) << 16)
    } else {
        0
    };
    let h = (x ^ ((n as u64) << 56)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 32) as u32
}

static MAP: Lazy<Map> = Lazy::new(|| {
    let mut entries: Vec<(&'static [u8], u32)> = Vec::new();
    for (t, words) in tables() {
        for w in words {
            match entries.iter_mut().find(|e| e.0 == w.as_bytes()) {
                Some(e) => e.1 |= 1 << t as u32,
                None => entries.push((w.as_bytes(), 1 << t as u32)),
            }
        }
    }
    let cap = (entries.len() * 4).next_power_of_two();
    let mut slots = vec![(0u32, 0u32); cap];
    for (i, e) in entries.iter().enumerate() {
        let h = hash(e.0);
        let mut s = h as usize & (cap - 1);
        while slots[s].1 != 0 {
            s = (s + 1) & (cap - 1);
        }
        slots[s] = (h, u32::try_from(i + 1).expect("few words"));
    }
    Map { slots, entries }
});

/// The tables holding `w` (lower case), as a bit mask by [`W`].
#[inline]
fn tables_of(w: &[u8]) -> u32 {
    let m = &*MAP;
    let h = hash(w);
    let mask = m.slots.len() - 1;
    let mut s = h as usize & mask;
    loop {
        let (sh, e) = m.slots[s];
        if e == 0 {
            return 0;
        }
        if sh == h {
            let (word, t) = m.entries[e as usize - 1];
            if word == w {
                return t;
            }
        }
        s = (s + 1) & mask;
    }
}

/// Is the lower-case word `w` in the table `t`?
#[inline]
pub(super) fn has(t: W, w: impl AsRef<[u8]>) -> bool {
    tables_of(w.as_ref()) & (1 << t as u32) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_answers_as_the_tables() {
        let all: Vec<&str> = tables().iter().flat_map(|(_, w)| w.clone()).collect();
        for (t, words) in tables() {
            for w in &all {
                assert_eq!(has(t, w), words.contains(w), "{t:?} {w}");
            }
            for w in ["", "x", "bí thư x", "nguyễn văn"] {
                assert_eq!(has(t, w), words.contains(&w), "{t:?} {w}");
            }
        }
    }
}
