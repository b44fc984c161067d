//! Seeded, stateless randomness: a splitmix64 finaliser used as a hash (so any record can be
//! derived from `(seed, what, index)` without generating the ones before it), a small
//! splitmix64 stream for local choices, and ID encoders.

/// splitmix64's output function: a good 64-bit mixer (bijective).
pub(crate) const fn mix64(z: u64) -> u64 {
    let z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A keyed hash: `Key::new(seed).sub(TAG).at(i)` is a deterministic pseudo-random `u64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key(u64);

impl Key {
    pub(crate) const fn new(seed: u64) -> Key {
        Key(mix64(seed ^ 0x1A5E_C70B_D00D_F00D))
    }
    /// A key for a sub-domain (a tag or an entity index).
    pub(crate) const fn sub(self, tag: u64) -> Key {
        Key(mix64(self.0 ^ mix64(tag)))
    }
    pub(crate) const fn at(self, i: u64) -> u64 {
        mix64(self.0 ^ mix64(i.wrapping_add(0x632B_E59B_D9B4_E019)))
    }
    pub(crate) const fn at2(self, i: u64, j: u64) -> u64 {
        mix64(self.at(i) ^ mix64(j ^ 0x2545_F491_4F6C_DD1D))
    }
    /// A local stream seeded from this key and an index.
    pub(crate) const fn rng(self, i: u64) -> Rng {
        Rng(self.at(i))
    }
    pub(crate) const fn raw(self) -> u64 {
        self.0
    }
}

/// splitmix64 stream.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A stream seeded from an existing hash value.
    pub(crate) const fn from_hash(h: u64) -> Rng {
        Rng(mix64(h ^ 0x5851_F42D_4C95_7F2D))
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let z = self.0;
        let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (0 when `n == 0`).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        below(self.next_u64(), n)
    }
    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }
    /// True with probability `pct`/100.
    pub(crate) fn pct(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// One element of a non-empty slice (callers pass static, non-empty tables).
    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

/// Map a 64-bit hash to `0..n` without modulo bias worth caring about.
pub(crate) const fn below(x: u64, n: u64) -> u64 {
    ((x as u128 * n as u128) >> 64) as u64
}

const MASK47: u64 = (1 << 47) - 1;

/// A keyed bijection on 47-bit integers (xor, odd multiplies and xorshifts, all invertible
/// modulo 2^47), so distinct inputs give distinct IDs.
const fn permute47(x: u64, key: u64) -> u64 {
    let mut v = (x ^ key) & MASK47;
    v = v.wrapping_mul(0x2545_F491_4F6C_DD1D | 1) & MASK47;
    v ^= v >> 23;
    v = v.wrapping_add(key >> 17) & MASK47;
    v = v.wrapping_mul(0x9E37_79B9_7F4A_7C15 | 1) & MASK47;
    v ^= v >> 19;
    v = v.wrapping_mul(0xBF58_476D_1CE4_E5B9 | 1) & MASK47;
    v ^= v >> 21;
    v
}

const B62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// An Inspector resource ID body: 8 base62 characters (`0kFIPusq`). `domain` (< 8) and `n`
/// (< 2^44) are combined bijectively, so IDs never collide within one key.
pub(crate) fn id62(key: Key, domain: u64, n: u64) -> String {
    let mut v = permute47(((domain & 7) << 44) | (n & ((1 << 44) - 1)), key.raw());
    let mut out = [b'0'; 8];
    for slot in out.iter_mut().rev() {
        *slot = B62[(v % 62) as usize];
        v /= 62;
    }
    out.iter().map(|&b| b as char).collect()
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `digits` lowercase hex characters from `v` (17-digit EC2 IDs start with `0`).
pub(crate) fn hex(v: u64, digits: usize) -> String {
    let mut s = String::with_capacity(digits);
    if digits > 16 {
        for _ in 16..digits {
            s.push('0');
        }
    }
    let n = digits.min(16);
    for i in (0..n).rev() {
        s.push(HEX[((v >> (i * 4)) & 15) as usize] as char);
    }
    s
}

/// A new-style (17 hex digits, leading `0`) or old-style (8 hex digits) EC2 resource ID.
pub(crate) fn ec2_id(prefix: &str, v: u64, long: bool) -> String {
    let body = if long {
        // "0" + 16 hex digits: the shape of every long ID in AWS's examples (i-0c10c2c7863d1a356).
        hex(v, 17)
    } else {
        hex(v >> 32, 8)
    };
    let mut s = String::with_capacity(prefix.len() + 1 + body.len());
    s.push_str(prefix);
    s.push('-');
    s.push_str(&body);
    s
}
