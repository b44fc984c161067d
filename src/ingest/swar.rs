//! Eight bytes at a time: exact per-byte tests on a `u64` word and slice equality (the lexer's,
//! the line locator's and the block memo's fast paths over pretty-printed JSON).

/// `0x01` in every byte: `ONES * c` repeats byte `c` eight times.
pub const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `i` as a little-endian word, if there are eight.
#[inline]
pub fn word_at(b: &[u8], i: usize) -> Option<u64> {
    let bytes: [u8; 8] = b.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

/// The high bit of each byte of `w` that is below `n` (at most 0x80), and no other bit. Exact:
/// the low seven bits plus `0x80 - n` cannot carry into the next byte.
#[inline]
pub fn below_mask(w: u64, n: u8) -> u64 {
    debug_assert!(n <= 0x80);
    !(((w & LOW7) + ONES * u64::from(0x80 - n)) | w) & HIGH
}

/// The high bit of each byte of `w` that equals `c`, and no other bit.
#[inline]
pub fn equal_mask(w: u64, c: u8) -> u64 {
    below_mask(w ^ (ONES * u64::from(c)), 1)
}

/// `a == b`, eight bytes at a time: the wasm build's `memcmp` goes byte by byte, and the
/// block memo compares a block of a few KB for every finding.
#[inline]
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let (x, y) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |c: &[u8]| <[u8; 8]>::try_from(c).map_or(0, u64::from_ne_bytes);
    a.len() == b.len() && x.remainder() == y.remainder() && x.zip(y).all(|(p, q)| word(p) == word(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The masks a byte-by-byte test gives.
    fn naive(w: u64, test: impl Fn(u8) -> bool) -> u64 {
        w.to_le_bytes()
            .iter()
            .enumerate()
            .filter(|(_, &b)| test(b))
            .fold(0, |m, (i, _)| m | 0x80 << (8 * i))
    }

    #[test]
    fn masks_mark_exactly_the_matching_bytes() {
        // Every byte value at every position, next to fillers that provoke carries and borrows.
        for filler in [0x00, 0x01, b'\n', 0x1f, 0x20, b'"', b'\\', 0x7f, 0x80, 0xff] {
            for at in 0..8 {
                for c in 0..=255u8 {
                    let mut b = [filler; 8];
                    b[at] = c;
                    let w = u64::from_le_bytes(b);
                    for n in [1, 0x20, 0x80] {
                        assert_eq!(below_mask(w, n), naive(w, |x| x < n), "{b:?} < {n:#x}");
                    }
                    for k in [b'\n', b'"', b'\\', 0x00, 0xff] {
                        assert_eq!(equal_mask(w, k), naive(w, |x| x == k), "{b:?} == {k:#x}");
                    }
                }
            }
        }
    }

    #[test]
    fn words_are_read_only_where_eight_bytes_remain() {
        let b = *b"abcdefghij";
        assert_eq!(word_at(&b, 0), Some(u64::from_le_bytes(*b"abcdefgh")));
        assert_eq!(word_at(&b, 2), Some(u64::from_le_bytes(*b"cdefghij")));
        assert_eq!(word_at(&b, 3), None);
        assert_eq!(word_at(&b, usize::MAX), None);
    }

    #[test]
    fn same_bytes_is_slice_equality() {
        let base: Vec<u8> = (0..=255u8).cycle().take(70).collect();
        for len in 0..70 {
            let a = &base[..len];
            assert!(same_bytes(a, a));
            assert!(!same_bytes(a, &base[..len + 1]));
            for i in 0..len {
                let mut b = a.to_vec();
                b[i] ^= 0x20;
                assert!(!same_bytes(a, &b), "len {len}, byte {i}");
            }
        }
    }
}
