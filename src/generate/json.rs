//! JSON text output: a serde_json formatter that writes like Python's
//! `json.dumps(indent=4)` (what the AWS CLI prints) starting at any nesting level, or
//! compactly; and small helpers for hand-written wrappers around streamed records.

use serde::Serialize;
use std::io::{self, Write};

/// Pretty (4-space indent, `": "` between key and value, `[]`/`{}` when empty) or compact,
/// starting at `level` so a record can be embedded in a hand-written wrapper.
#[derive(Debug, Clone)]
pub(crate) struct Fmt {
    level: usize,
    pretty: bool,
    has_value: bool,
}

impl Fmt {
    pub(crate) fn new(level: usize, pretty: bool) -> Fmt {
        Fmt {
            level,
            pretty,
            has_value: false,
        }
    }
}

pub(crate) fn newline_indent<W: ?Sized + Write>(w: &mut W, level: usize) -> io::Result<()> {
    const SPACES: &[u8; 64] = b"                                                                ";
    w.write_all(b"\n")?;
    let mut n = level * 4;
    while n > 0 {
        let k = n.min(SPACES.len());
        w.write_all(&SPACES[..k])?;
        n -= k;
    }
    Ok(())
}

impl serde_json::ser::Formatter for Fmt {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.pretty && self.has_value {
            newline_indent(w, self.level)?;
        }
        self.has_value = true;
        w.write_all(b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.pretty {
            newline_indent(w, self.level)?;
        }
        Ok(())
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.pretty && self.has_value {
            newline_indent(w, self.level)?;
        }
        self.has_value = true;
        w.write_all(b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.pretty {
            newline_indent(w, self.level)?;
        }
        Ok(())
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(if self.pretty { b": " } else { b":" })
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Serialize `value` at nesting `level` (the caller has already written any indentation
/// before the value itself).
pub(crate) fn write_value<W: Write + ?Sized, T: Serialize + ?Sized>(
    w: &mut W,
    value: &T,
    level: usize,
    pretty: bool,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *w, Fmt::new(level, pretty));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// Streams the elements of a JSON array whose opening bracket is written by `begin` and
/// closing bracket by `end`; handles commas and indentation.
pub(crate) struct ArrayWriter {
    level: usize,
    pretty: bool,
    count: u64,
}

impl ArrayWriter {
    /// Write `[`; elements will sit at `level + 1`.
    pub(crate) fn begin<W: Write + ?Sized>(w: &mut W, level: usize, pretty: bool) -> io::Result<Self> {
        w.write_all(b"[")?;
        Ok(ArrayWriter {
            level,
            pretty,
            count: 0,
        })
    }
    /// Position for the next element (comma, newline, indent); then write the element at
    /// [`ArrayWriter::item_level`].
    pub(crate) fn next<W: Write + ?Sized>(&mut self, w: &mut W) -> io::Result<()> {
        if self.count > 0 {
            w.write_all(b",")?;
        }
        if self.pretty {
            newline_indent(w, self.level + 1)?;
        }
        self.count += 1;
        Ok(())
    }
    pub(crate) fn item_level(&self) -> usize {
        self.level + 1
    }
    pub(crate) fn item<W: Write + ?Sized, T: Serialize + ?Sized>(&mut self, w: &mut W, v: &T) -> io::Result<()> {
        self.next(w)?;
        write_value(w, v, self.level + 1, self.pretty)
    }
    /// Write `]`.
    pub(crate) fn end<W: Write + ?Sized>(self, w: &mut W) -> io::Result<u64> {
        if self.pretty && self.count > 0 {
            newline_indent(w, self.level)?;
        }
        w.write_all(b"]")?;
        Ok(self.count)
    }
}

/// Write `"key": ` (or `"key":`) after positioning for an object member at `level`.
pub(crate) fn member_key<W: Write + ?Sized>(
    w: &mut W,
    key: &str,
    first: bool,
    level: usize,
    pretty: bool,
) -> io::Result<()> {
    if !first {
        w.write_all(b",")?;
    }
    if pretty {
        newline_indent(w, level)?;
    }
    w.write_all(b"\"")?;
    w.write_all(key.as_bytes())?;
    w.write_all(if pretty { b"\": " } else { b"\":" })
}

/// Close an object whose members sat at `level` (the brace goes at `level - 1`).
pub(crate) fn close_object<W: Write + ?Sized>(w: &mut W, level: usize, pretty: bool) -> io::Result<()> {
    if pretty {
        newline_indent(w, level.saturating_sub(1))?;
    }
    w.write_all(b"}")
}
