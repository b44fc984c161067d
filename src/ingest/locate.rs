//! Byte offset → line:column (1-based; columns count characters), scanning forward only.

use super::swar::equal_mask;

/// Resolves positions in one text, cheaply when asked in increasing order.
#[derive(Debug, Clone)]
pub struct Locator {
    pos: usize,
    line: u32,
    line_start: usize,
    col_pos: usize,
    col: u32,
    /// Line and column of the text's first byte: (1, 1), or where [`Locator::cut`] left it.
    origin: (u32, u32),
    /// Backward queries, each a rescan from the origin (the reader's tests expect none).
    #[cfg(test)]
    pub(super) rescans: usize,
}

impl Default for Locator {
    fn default() -> Self {
        Locator {
            pos: 0,
            line: 1,
            line_start: 0,
            col_pos: 0,
            col: 1,
            origin: (1, 1),
            #[cfg(test)]
            rescans: 0,
        }
    }
}

impl Locator {
    /// Line and column of byte `pos` in `text`. O(distance from the previous query) when
    /// queries increase; a backwards query rescans from the start (or from the last cut).
    pub fn locate(&mut self, text: &[u8], pos: usize) -> (u32, u32) {
        let pos = pos.min(text.len());
        if pos < self.pos {
            let (line, col) = self.origin;
            *self = Locator {
                line,
                col,
                origin: self.origin,
                #[cfg(test)]
                rescans: self.rescans + 1,
                ..Locator::default()
            };
        }
        let gap = &text[self.pos..pos];
        if let Some(i) = memchr::memrchr(b'\n', gap) {
            self.line += u32::try_from(count_newlines(gap)).unwrap_or(u32::MAX);
            self.line_start = self.pos + i + 1;
            self.col_pos = self.line_start;
            self.col = 1;
        }
        self.pos = pos;
        if self.col_pos < self.line_start {
            self.col_pos = self.line_start;
            self.col = 1;
        }
        // Count characters, not bytes: skip UTF-8 continuation bytes.
        let chars = text[self.col_pos..pos].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        self.col += u32::try_from(chars).unwrap_or(u32::MAX);
        self.col_pos = pos;
        (self.line, self.col)
    }

    /// The text's first `at` bytes are dropped: later positions count from there, and the
    /// position `at` becomes the new start, keeping its line and column. A position before
    /// it can no longer be located.
    pub fn cut(&mut self, text: &[u8], at: usize) {
        self.origin = self.locate(text, at);
        self.pos = 0;
        self.line_start = 0;
        self.col_pos = 0;
    }

    /// Line of byte `pos` (same cost rules as [`Locator::locate`]).
    pub fn line(&mut self, text: &[u8], pos: usize) -> u32 {
        self.locate(text, pos).0
    }
}

/// Newlines in `bytes`, eight bytes at a time (pretty-printed JSON has one every ~40 bytes:
/// finding them one by one costs a call each).
fn count_newlines(bytes: &[u8]) -> usize {
    let chunks = bytes.chunks_exact(8);
    let tail = chunks.remainder().iter().filter(|&&b| b == b'\n').count();
    let words: usize = chunks
        .map(|c| {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            equal_mask(u64::from_le_bytes(w), b'\n').count_ones() as usize
        })
        .sum();
    words + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_newlines_like_a_plain_count() {
        let mut x: u64 = 99;
        for len in 0..200 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    // Newlines, their neighbours in value, 0x8a (same low bits), and others.
                    [b'\n', b'\n', 0x0b, 0x09, 0x8a, 0x00, 0xff, b' '][(x >> 61) as usize]
                })
                .collect();
            let plain = bytes.iter().filter(|&&b| b == b'\n').count();
            assert_eq!(count_newlines(&bytes), plain, "{bytes:?}");
        }
    }

    #[test]
    fn lines_and_character_columns() {
        let t = "ab\n\"é\": 1\n\nx".as_bytes();
        let mut l = Locator::default();
        assert_eq!(l.locate(t, 0), (1, 1));
        assert_eq!(l.locate(t, 1), (1, 2));
        assert_eq!(l.locate(t, 3), (2, 1));
        let one = t.iter().position(|&b| b == b'1').unwrap_or(0);
        assert_eq!(l.locate(t, one), (2, 6));
        assert_eq!(l.locate(t, t.len() - 1), (4, 1));
        // Backwards query still right.
        assert_eq!(l.locate(t, 1), (1, 2));
    }

    #[test]
    fn a_cut_text_keeps_its_lines_and_columns() {
        let t = "ab\n\"é\": 1\n\nx yz".as_bytes();
        for at in 0..t.len() {
            // Skip cuts inside a character: the reader only cuts between values.
            if (t[at] & 0xC0) == 0x80 {
                continue;
            }
            let mut whole = Locator::default();
            let mut cut = Locator::default();
            cut.locate(t, at / 2);
            cut.cut(t, at);
            let rest = &t[at..];
            for p in (at..t.len()).chain([t.len() - 1, at]) {
                if (t[p] & 0xC0) == 0x80 {
                    continue;
                }
                assert_eq!(cut.locate(rest, p - at), whole.locate(t, p), "cut at {at}, byte {p}");
            }
        }
    }
}
