//! Byte offset → line:column (1-based; columns count characters), scanning forward only.

/// Resolves positions in one text, cheaply when asked in increasing order.
#[derive(Debug, Clone)]
pub struct Locator {
    pos: usize,
    line: u32,
    line_start: usize,
    col_pos: usize,
    col: u32,
}

impl Default for Locator {
    fn default() -> Self {
        Locator {
            pos: 0,
            line: 1,
            line_start: 0,
            col_pos: 0,
            col: 1,
        }
    }
}

impl Locator {
    /// Line and column of byte `pos` in `text`. O(distance from the previous query) when
    /// queries increase; a backwards query rescans from the start.
    pub fn locate(&mut self, text: &[u8], pos: usize) -> (u32, u32) {
        let pos = pos.min(text.len());
        if pos < self.pos {
            *self = Locator::default();
        }
        let gap = &text[self.pos..pos];
        let mut newlines = 0u32;
        let mut last = None;
        for i in memchr::memchr_iter(b'\n', gap) {
            newlines += 1;
            last = Some(i);
        }
        if let Some(i) = last {
            self.line += newlines;
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

    /// Line of byte `pos` (same cost rules as [`Locator::locate`]).
    pub fn line(&mut self, text: &[u8], pos: usize) -> u32 {
        self.locate(text, pos).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
