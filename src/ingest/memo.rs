//! Typed values remembered by their exact source bytes: a block repeated verbatim is checked and typed once.
//!
//! Every finding of an instance carries the same `assetAttributes` block (about half the bytes
//! of a CLI export). A block whose bytes equal one that was read before, without any issue,
//! would give the same value and again no issue, so the lexer steps over it and the walk reuses
//! that value. A block is its value's bytes up to the next member's name, so the text that
//! starts with a remembered block holds exactly that value.

use super::swar::same_bytes;
use rustc_hash::FxHashMap as HashMap;
use std::hash::Hasher as _;
use std::rc::Rc;

/// A block's bytes and the value they read as.
type Entry<T> = (Box<[u8]>, Rc<T>);

/// Blocks remembered per [`crate::ingest::Context`]: bounded, so distinct blocks cost little.
#[derive(Debug)]
pub struct BlockMemo<T> {
    buckets: HashMap<u64, Vec<Entry<T>>>,
    bytes: usize,
    /// Blocks found (each lookup that found one).
    hits: std::cell::Cell<usize>,
}

impl<T> Default for BlockMemo<T> {
    fn default() -> Self {
        BlockMemo {
            buckets: HashMap::default(),
            bytes: 0,
            hits: std::cell::Cell::new(0),
        }
    }
}

/// Bytes of blocks kept at most (a few thousand instances' asset blocks).
const MAX_BYTES: usize = 16 << 20;
/// Blocks kept per hash value at most: a lookup compares with this many at worst.
const MAX_PER_BUCKET: usize = 8;
/// Blocks are found by their first bytes (past an instance id in CLI output); shorter
/// blocks are not worth remembering.
pub const PREFIX: usize = 128;

impl<T> BlockMemo<T> {
    fn key(start: &[u8]) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        h.write(start);
        h.finish()
    }

    /// The remembered block that `text` starts with, as its length and value.
    pub fn block_at(&self, text: &[u8]) -> Option<(usize, Rc<T>)> {
        let start = text.get(..PREFIX)?;
        let found = self
            .buckets
            .get(&Self::key(start))?
            .iter()
            .find(|(b, _)| text.get(..b.len()).is_some_and(|t| same_bytes(t, b)))
            .map(|(b, v)| (b.len(), v.clone()));
        if found.is_some() {
            self.hits.set(self.hits.get() + 1);
        }
        found
    }

    /// Lookups that found a block.
    pub fn hits(&self) -> usize {
        self.hits.get()
    }

    /// Remembers `value` as what `block` reads as, if there is room.
    pub fn remember(&mut self, block: &[u8], value: Rc<T>) {
        let Some(start) = block.get(..PREFIX) else { return };
        if self.bytes + block.len() > MAX_BYTES {
            return;
        }
        let bucket = self.buckets.entry(Self::key(start)).or_default();
        if bucket.len() >= MAX_PER_BUCKET || bucket.iter().any(|(b, _)| same_bytes(b, block)) {
            return;
        }
        self.bytes += block.len();
        bucket.push((block.into(), value));
    }

    /// Blocks remembered.
    pub fn len(&self) -> usize {
        self.buckets.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block of `len` bytes: `{`, then `fill`, then `,` and a newline.
    fn block(len: usize, fill: u8) -> Vec<u8> {
        let mut b = vec![fill; len];
        b[0] = b'{';
        b[len - 2] = b',';
        b[len - 1] = b'\n';
        b
    }

    #[test]
    fn a_remembered_block_is_found_at_the_start_of_the_text_only_whole() {
        let mut m: BlockMemo<u32> = BlockMemo::default();
        let a = block(300, b'a');
        let text = [&a[..], b"\"next\": 1}"].concat();
        assert!(m.block_at(&text).is_none());
        m.remember(&a, Rc::new(1));
        assert_eq!(m.block_at(&text).map(|(n, v)| (n, *v)), Some((300, 1)));
        // The same first bytes, then a difference: not that block.
        let mut b = a.clone();
        b[200] = b'x';
        assert!(m.block_at(&b).is_none());
        m.remember(&b, Rc::new(2));
        assert_eq!(m.block_at(&b).map(|(n, v)| (n, *v)), Some((300, 2)));
        assert_eq!(m.block_at(&text).map(|(_, v)| *v), Some(1));
        // Text that ends inside a block, or starts elsewhere, finds nothing.
        assert!(m.block_at(&a[..299]).is_none());
        assert!(m.block_at(&text[1..]).is_none());
        // Remembering the same bytes again keeps the first value; short blocks are not kept.
        m.remember(&a, Rc::new(9));
        assert_eq!(m.block_at(&text).map(|(_, v)| *v), Some(1));
        m.remember(&block(PREFIX - 1, b's'), Rc::new(3));
        assert_eq!(m.len(), 2);
        assert!(m.block_at(&block(PREFIX - 1, b's')).is_none());
    }

    #[test]
    fn buckets_and_bytes_are_bounded() {
        let mut m: BlockMemo<usize> = BlockMemo::default();
        // Twenty blocks with the same first bytes: eight are kept.
        for i in 0..20 {
            let mut b = block(600, b'-');
            b[300] = b'a' + u8::try_from(i).unwrap_or(0);
            m.remember(&b, Rc::new(i));
        }
        assert_eq!(m.len(), MAX_PER_BUCKET);
        // Blocks beyond the byte budget are not kept.
        let mut m: BlockMemo<usize> = BlockMemo::default();
        let big = block(MAX_BYTES / 2 + 1, b'z');
        m.remember(&big, Rc::new(1));
        let mut big2 = big.clone();
        big2[1] = b'y';
        m.remember(&big2, Rc::new(2));
        assert_eq!(m.len(), 1);
        assert!(m.block_at(&big2).is_none());
    }
}
