//! A JSON lexer/parser over bytes that keeps byte positions and never recurses unboundedly.
//!
//! UTF-8 is checked where it matters, in string literals as they are read (elsewhere JSON is
//! ASCII, and any other byte is a syntax error), so a 200 MB file needs no separate validation
//! pass before reading can start.

use super::swar::{below_mask, equal_mask, word_at, ONES};
use crate::model::{Member, Node, Spanned};
use std::borrow::Cow;

/// Deepest nesting accepted. Real exports nest 8 levels; hostile files nest 100 000.
pub const MAX_DEPTH: usize = 128;

/// A syntax error at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: usize,
    pub message: String,
}

/// A cursor over JSON text. After an error it is not reused: a value cut short leaves its
/// members on the stacks below and its nesting in `depth`.
#[derive(Debug, Clone)]
pub struct Lexer<'a> {
    b: &'a [u8],
    pub pos: usize,
    depth: usize,
    /// Bytes of the file before `b` (dropped by a streamed read): messages that give a byte
    /// offset count from the file's start.
    pub dropped: usize,
    /// More bytes may follow `b` (a streamed read): a number that runs to its end may go on,
    /// so it is an error (the step is read again with more bytes), not a shorter number.
    pub partial: bool,
    /// Members of the objects being read, innermost last: each object takes its own off the
    /// end when it closes, into a `Vec` of exactly its size (one allocation per object, none
    /// for growing; the stack's capacity is reused for every record of a step).
    members: Vec<Member<'a>>,
    /// The same for array elements.
    items: Vec<Spanned<'a>>,
}

/// A member name to step over and what recognises its value's text (see
/// [`Lexer::object_skipping`]).
type Skip<'s> = (&'s str, &'s mut dyn FnMut(&[u8]) -> Option<usize>);

/// Eight spaces, as one little-endian word.
const SPACES: u64 = ONES * b' ' as u64;

/// Whether any byte of `w` is `"`, `\\` or below 0x20.
#[inline]
fn has_string_special(w: u64) -> bool {
    below_mask(w, 0x20) | equal_mask(w, b'"') | equal_mask(w, b'\\') != 0
}

fn describe(b: Option<u8>) -> String {
    match b {
        None => "the end of the file".to_owned(),
        Some(c) if c.is_ascii_graphic() => format!("`{}`", c as char),
        Some(c) => format!("byte 0x{c:02x}"),
    }
}

impl<'a> Lexer<'a> {
    pub fn new(b: &'a [u8], pos: usize) -> Self {
        Lexer {
            b,
            pos,
            depth: 0,
            dropped: 0,
            partial: false,
            members: Vec::new(),
            items: Vec::new(),
        }
    }

    /// The text of bytes `a..b`, which must be UTF-8 (they are inside a string literal).
    fn utf8(&self, a: usize, b: usize) -> Result<&'a str, SyntaxError> {
        let bytes: &'a [u8] = self.b.get(a..b).unwrap_or_default();
        std::str::from_utf8(bytes).map_err(|e| {
            let at = a + e.valid_up_to();
            let in_file = self.dropped + at;
            SyntaxError {
                pos: at,
                message: format!(
                    "not UTF-8 text: invalid UTF-8 byte 0x{:02x} at byte {in_file} (a Latin-1 or Windows-1252 file? save it as UTF-8)",
                    self.b.get(at).copied().unwrap_or(0)
                ),
            }
        })
    }

    pub fn err<T>(&self, pos: usize, message: impl Into<String>) -> Result<T, SyntaxError> {
        Err(SyntaxError {
            pos,
            message: message.into(),
        })
    }

    /// Skips JSON white space and returns the next byte without consuming it.
    #[inline]
    pub fn peek(&mut self) -> Option<u8> {
        loop {
            match self.b.get(self.pos) {
                Some(b' ' | b'\n' | b'\r' | b'\t') => {
                    self.pos += 1;
                    // Pretty-printed indentation: runs of spaces, eight at a time.
                    while word_at(self.b, self.pos) == Some(SPACES) {
                        self.pos += 8;
                    }
                }
                Some(&c) => return Some(c),
                None => return None,
            }
        }
    }

    /// Moves past string content that needs no attention: everything but `"`, `\` and
    /// control characters, eight bytes at a time while a whole word is plain.
    #[inline]
    fn skip_plain(&mut self) {
        while let Some(w) = word_at(self.b, self.pos) {
            if has_string_special(w) {
                break;
            }
            self.pos += 8;
        }
        while let Some(&c) = self.b.get(self.pos) {
            if c == b'"' || c == b'\\' || c < 0x20 {
                break;
            }
            self.pos += 1;
        }
    }

    /// Consumes `c` if it is next (after white space).
    #[inline]
    pub fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub fn expect_byte(&mut self, c: u8, context: &str) -> Result<(), SyntaxError> {
        let found = self.peek();
        if found == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            self.err(
                self.pos,
                format!("expected `{}` {context}, found {}", c as char, describe(found)),
            )
        }
    }

    /// After a member or element: consumes `,` (→ true) or the closing `close` (→ false).
    pub fn comma_or_close(&mut self, close: u8, context: &str) -> Result<bool, SyntaxError> {
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(false)
            }
            found => self.err(
                self.pos,
                format!(
                    "expected `,` or `{}` {context}, found {}",
                    close as char,
                    describe(found)
                ),
            ),
        }
    }

    /// Parses a string literal (the next token must be `"`).
    pub fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let start = self.pos;
        let next = self.peek();
        if next != Some(b'"') {
            return self.err(self.pos, format!("expected a string, found {}", describe(next)));
        }
        self.pos += 1;
        let body = self.pos;
        self.skip_plain();
        match self.b.get(self.pos) {
            None => return self.err(start, "unterminated string: the file ends inside it (truncated?)"),
            Some(b'"') => {
                let s = self.utf8(body, self.pos)?;
                self.pos += 1;
                return Ok(Cow::Borrowed(s));
            }
            Some(b'\\') => {}
            Some(&c) => {
                return self.err(
                    self.pos,
                    format!("control character 0x{c:02x} inside a string (must be escaped)"),
                )
            }
        }
        // Slow path: the string has escapes.
        let mut out = String::with_capacity(self.pos - body + 16);
        out.push_str(self.utf8(body, self.pos)?);
        loop {
            let run = self.pos;
            self.skip_plain();
            out.push_str(self.utf8(run, self.pos)?);
            match self.b.get(self.pos) {
                None => return self.err(start, "unterminated string: the file ends inside it (truncated?)"),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    let esc = self.pos;
                    self.pos += 1;
                    let c = self.b.get(self.pos).copied();
                    self.pos += 1;
                    match c {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4(esc)?;
                            let ch = if (0xD800..0xDC00).contains(&hi)
                                && self.b.get(self.pos..self.pos + 2) == Some(b"\\u")
                            {
                                let save = self.pos;
                                self.pos += 2;
                                let lo = self.hex4(esc)?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    self.pos = save;
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            // A lone surrogate has no Rust representation: keep a visible marker.
                            out.push(ch.unwrap_or('\u{FFFD}'));
                        }
                        other => {
                            return self.err(
                                esc,
                                format!("invalid escape `\\{}` in a string", other.map_or('?', char::from)),
                            )
                        }
                    }
                }
                Some(&c) => {
                    return self.err(
                        self.pos,
                        format!("control character 0x{c:02x} inside a string (must be escaped)"),
                    )
                }
            }
        }
    }

    fn hex4(&mut self, esc: usize) -> Result<u32, SyntaxError> {
        let digits = self.b.get(self.pos..self.pos + 4);
        let v = digits
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        match v {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => self.err(esc, "invalid `\\u` escape: expected four hex digits"),
        }
    }

    /// Parses a number token per the JSON grammar; returns its exact text.
    pub fn number(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.pos;
        let b = self.b;
        let mut i = self.pos;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            _ => return self.err(start, "invalid number"),
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            let d = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == d {
                return self.err(start, "invalid number: no digits after the decimal point");
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let d = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == d {
                return self.err(start, "invalid number: no digits in the exponent");
            }
        }
        if self.partial && i >= b.len() {
            return self.err(start, "a number cut short by the end of the bytes so far");
        }
        self.pos = i;
        self.utf8(start, i)
    }

    fn literal(&mut self, word: &str, node: Node<'a>) -> Result<Node<'a>, SyntaxError> {
        if self.b.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(node)
        } else {
            self.err(self.pos, format!("invalid literal (expected `{word}`)"))
        }
    }

    /// An object member's name, where it starts, and the colon after it.
    fn member_name(&mut self) -> Result<(Cow<'a, str>, usize), SyntaxError> {
        let next = self.peek();
        let key_pos = self.pos;
        if next != Some(b'"') {
            return self.err(
                self.pos,
                format!("expected a member name in quotes, found {}", describe(next)),
            );
        }
        let key = self.string()?;
        self.expect_byte(b':', "after a member name")?;
        Ok((key, key_pos))
    }

    /// Parses one object like [`Lexer::value`], except for the first member named `member`:
    /// when `known` recognises the text at its value (the value, the comma and the white space
    /// up to the next member's name, as bytes read before) and gives its length, those bytes
    /// are stepped over and the value is an empty object placeholder. Returns the object and
    /// where the stepped-over value starts. Anything but an object is parsed as
    /// [`Lexer::value`] does.
    pub fn object_skipping(
        &mut self,
        member: &str,
        known: &mut dyn FnMut(&[u8]) -> Option<usize>,
    ) -> Result<(Spanned<'a>, Option<usize>), SyntaxError> {
        if self.peek() != Some(b'{') {
            return self.value().map(|v| (v, None));
        }
        let pos = self.pos;
        let (node, skipped) = self.object(pos, Some((member, known)))?;
        Ok((Spanned { pos, node }, skipped))
    }

    /// The object at `pos` (its `{`), and where a value was stepped over (see
    /// [`Lexer::object_skipping`]).
    fn object(&mut self, pos: usize, mut skip: Option<Skip<'_>>) -> Result<(Node<'a>, Option<usize>), SyntaxError> {
        self.enter(pos)?;
        self.pos += 1;
        let mark = self.members.len();
        let mut skipped = None;
        if !self.eat(b'}') {
            loop {
                let (key, key_pos) = self.member_name()?;
                // Only the first member of that name: a placeholder must never be a repeated
                // member's last copy, which is the one that counts.
                if let Some((_, known)) = skip.take_if(|(name, _)| key == *name) {
                    let _ = self.peek();
                    let at = self.pos;
                    if let Some(len) = known(self.b.get(at..).unwrap_or_default()) {
                        // The known bytes end where the next member's name begins.
                        self.pos = at + len;
                        skipped = Some(at);
                        self.members.push(Member {
                            key,
                            key_pos,
                            value: Spanned {
                                pos: at,
                                node: Node::Obj(Vec::new()),
                            },
                        });
                        continue;
                    }
                }
                let value = self.value()?;
                self.members.push(Member { key, key_pos, value });
                if !self.comma_or_close(b'}', "after an object member")? {
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok((Node::Obj(self.members.drain(mark..).collect()), skipped))
    }

    /// Parses one complete value into a tree.
    pub fn value(&mut self) -> Result<Spanned<'a>, SyntaxError> {
        let c = self.peek();
        let pos = self.pos;
        let node = match c {
            Some(b'{') => self.object(pos, None)?.0,
            Some(b'[') => {
                self.enter(pos)?;
                self.pos += 1;
                let mark = self.items.len();
                if !self.eat(b']') {
                    loop {
                        let item = self.value()?;
                        self.items.push(item);
                        if !self.comma_or_close(b']', "after an array element")? {
                            break;
                        }
                    }
                }
                self.depth -= 1;
                Node::Arr(self.items.drain(mark..).collect())
            }
            Some(b'"') => Node::Str(self.string()?),
            Some(b'-' | b'0'..=b'9') => Node::Num(self.number()?),
            Some(b't') => self.literal("true", Node::Bool(true))?,
            Some(b'f') => self.literal("false", Node::Bool(false))?,
            Some(b'n') => self.literal("null", Node::Null)?,
            None => return self.err(pos, "unexpected end of file: a value is missing (truncated?)"),
            Some(c) => {
                return self.err(
                    pos,
                    format!("unexpected {} where a value should start", describe(Some(c))),
                )
            }
        };
        Ok(Spanned { pos, node })
    }

    fn enter(&mut self, pos: usize) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err(
                pos,
                format!("nested deeper than {MAX_DEPTH} levels; Inspector exports nest fewer than 10"),
            );
        }
        Ok(())
    }

    /// Skips one value without building it (used to peek at an object's member names).
    pub fn skip_value(&mut self) -> Result<(), SyntaxError> {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                Some(b'{' | b'[') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return self.err(self.pos, format!("nested deeper than {MAX_DEPTH} levels"));
                    }
                    self.pos += 1;
                    continue;
                }
                Some(b'}' | b']') if depth > 0 => {
                    self.pos += 1;
                    depth -= 1;
                }
                Some(b'"') => {
                    self.string()?;
                    let end = self.pos;
                    if self.peek() == Some(b':') {
                        self.pos += 1;
                        continue;
                    }
                    self.pos = end;
                }
                Some(b'-' | b'0'..=b'9') => {
                    self.number()?;
                }
                Some(b't') => {
                    self.literal("true", Node::Null)?;
                }
                Some(b'f') => {
                    self.literal("false", Node::Null)?;
                }
                Some(b'n') => {
                    self.literal("null", Node::Null)?;
                }
                found => return self.err(self.pos, format!("unexpected {}", describe(found))),
            }
            if depth == 0 {
                return Ok(());
            }
            if self.peek() == Some(b',') {
                self.pos += 1;
            }
        }
    }

    pub fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    pub fn len(&self) -> usize {
        self.b.len()
    }

    pub fn is_empty(&self) -> bool {
        self.b.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Spanned<'_>, SyntaxError> {
        let mut l = Lexer::new(s.as_bytes(), 0);
        let v = l.value()?;
        if !l.at_end() {
            return l.err(l.pos, "trailing");
        }
        Ok(v)
    }

    fn agrees_with_serde(s: &str) {
        let ours = parse(s).map(|v| v.node.to_json(&mut crate::model::Interner::new()).to_text());
        let theirs = serde_json::from_str::<serde_json::Value>(s);
        match (ours, theirs) {
            (Ok(a), Ok(b)) => {
                let a: serde_json::Value = serde_json::from_str(&a).unwrap_or_default();
                assert_eq!(a, b, "{s}");
            }
            (Err(_), Err(_)) => {}
            (a, b) => panic!("disagree on {s:?}: ours {a:?}, serde {b:?}"),
        }
    }

    #[test]
    fn agrees_with_serde_json_on_valid_and_invalid_text() {
        for s in [
            r#"{"a": [1, -2.5e3, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"], "b": {}}"#,
            "[]",
            "{}",
            "  [ 1 , 2 ] ",
            "0",
            "-0.0e+1",
            r#""é""#,
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "-",
            "[1 2]",
            "{\"a\" 1}",
            "{a:1}",
            "\"\\x\"",
            "\"tab\there\"",
            "tru",
            "nul",
            "[",
            "{\"a\":",
            "\"abc",
            "[1e]",
            "\"\\u12\"",
        ] {
            agrees_with_serde(s);
        }
    }

    #[test]
    fn word_test_for_string_specials_is_exact() {
        let naive = |w: u64| w.to_le_bytes().iter().any(|&c| c == b'"' || c == b'\\' || c < 0x20);
        // Every byte value at every position of an otherwise plain word, over a few fillers
        // (ASCII, UTF-8 continuation bytes, bytes next to the special values).
        for filler in [b'a', 0x80, 0xff, 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f] {
            for at in 0..8 {
                for c in 0..=255u8 {
                    let mut b = [filler; 8];
                    b[at] = c;
                    let w = u64::from_le_bytes(b);
                    assert_eq!(has_string_special(w), naive(w), "{b:?}");
                }
            }
        }
        // Pseudo-random words, with and without specials.
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            assert_eq!(has_string_special(x), naive(x), "{x:#x}");
            let high = x | 0x4040_4040_4040_4040;
            assert_eq!(has_string_special(high), naive(high), "{high:#x}");
        }
    }

    #[test]
    fn strings_and_white_space_read_the_same_at_every_alignment() {
        // Each special (end quote, escapes, a control character, multi-byte UTF-8, U+FFFD) at
        // every offset across two words, after every amount of indentation. Raw invalid
        // UTF-8 needs bytes, not a `&str`: it is checked below.
        let specials: [&[u8]; 6] = [b"\"", b"\\n\"", b"\\u00e9\"", b"\t\"", "é€😀\"".as_bytes(), b"\xff\""];
        for indent in 0..20 {
            for before in 0..20 {
                for special in specials {
                    let mut text = b"[".to_vec();
                    text.extend(std::iter::repeat_n(b' ', indent));
                    text.push(b'"');
                    text.extend(std::iter::repeat_n(b'x', before));
                    text.extend_from_slice(special);
                    text.extend_from_slice(b"xxxxxxxxxxx\"]");
                    let text = String::from_utf8_lossy(&text).into_owned();
                    agrees_with_serde(&text);
                    // A string that ends where the special was.
                    let mut l = Lexer::new(text.as_bytes(), 1);
                    if special == b"\"" {
                        let read = l.value().map(|v| v.node);
                        assert_eq!(read, Ok(Node::Str("x".repeat(before).into())), "{text:?}");
                        assert_eq!(l.pos, 1 + indent + before + 2, "{text:?}");
                    }
                }
            }
        }
        // Invalid UTF-8 and control characters are errors at their own byte.
        for before in 0..20 {
            for bad in [0xffu8, 0x01, 0x1f] {
                let mut text = b"\"".to_vec();
                text.extend(std::iter::repeat_n(b'x', before));
                text.push(bad);
                text.extend_from_slice(b"yyyyyyyyyy\"");
                let e = Lexer::new(&text, 0).value().err().map(|e| e.pos);
                assert_eq!(e, Some(1 + before), "{bad:#x} after {before}");
            }
        }
    }

    #[test]
    fn positions_point_at_values_and_errors() {
        let s = "{\n  \"a\": [10, \"x\"]\n}";
        let v = parse(s).unwrap_or_else(|e| panic!("{e:?}"));
        let Node::Obj(m) = &v.node else { panic!("object") };
        assert_eq!(m[0].key_pos, 4);
        let Node::Arr(items) = &m[0].value.node else {
            panic!("array")
        };
        assert_eq!(&s[items[1].pos..items[1].pos + 3], "\"x\"");
        let e = parse("{\"a\": [1, 2}").err().map(|e| e.pos);
        assert_eq!(e, Some(11));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        let e = parse(&deep).err().map(|e| e.message).unwrap_or_default();
        assert!(e.contains("nested deeper"), "{e}");
        let mut l = Lexer::new(deep.as_bytes(), 0);
        assert!(l.skip_value().is_err());
    }

    #[test]
    fn skip_value_lands_where_value_does() {
        for s in [
            r#"{"a":[1,{"b":"c\"}"}],"d":null} 7"#,
            "[[],[[]],{}] 7",
            "\"s\" 7",
            "-1.5e3 7",
            "true 7",
        ] {
            let mut a = Lexer::new(s.as_bytes(), 0);
            let mut b = Lexer::new(s.as_bytes(), 0);
            a.value().unwrap_or_else(|e| panic!("{e:?}"));
            b.skip_value().unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(a.pos, b.pos, "{s}");
        }
    }
}
