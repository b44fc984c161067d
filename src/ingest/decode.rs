//! Raw bytes → JSON text: BOMs, UTF-16, and a clear word for what is not text at all.

use super::locate::Locator;

/// Text ready to lex, and what was done to get it.
#[derive(Debug)]
pub struct Decoded {
    /// The file's bytes (UTF-16 is converted to UTF-8); UTF-8 is checked while lexing.
    pub text: Vec<u8>,
    /// Where the JSON starts: 3 after a UTF-8 BOM (kept in place, not copied away). Lines and
    /// columns count from here, as editors do not show a BOM.
    pub start: usize,
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE`.
    pub encoding: &'static str,
}

/// Why a file is not JSON text, with a byte position where one applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

fn fail(message: impl Into<String>) -> DecodeError {
    DecodeError {
        message: message.into(),
        line: 1,
        column: 1,
    }
}

/// The UTF-8 byte order mark.
pub(super) const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// Whether `bytes` start with a UTF-16 byte order mark: `Some(true)` little-endian.
pub(super) fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes.get(..2)? {
        [0xFF, 0xFE] => Some(true),
        [0xFE, 0xFF] => Some(false),
        _ => None,
    }
}

/// Decodes a file's bytes, or says plainly why it cannot be read as JSON text.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err(fail(
            "gzip-compressed data (a .json.gz?): decompress it first, e.g. `gunzip file.json.gz`, then open the .json",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(fail("a ZIP archive: extract it first, then open the JSON files inside"));
    }
    let utf16 = if let Some(little) = utf16_bom(&bytes) {
        Some((little, 2))
    } else if bytes.len() >= 4 && bytes.len() % 2 == 0 && bytes[1] == 0 && bytes[0] != 0 && bytes[3] == 0 {
        Some((true, 0)) // UTF-16LE without BOM (e.g. PowerShell `>` redirection)
    } else if bytes.len() >= 4 && bytes.len() % 2 == 0 && bytes[0] == 0 && bytes[1] != 0 && bytes[2] == 0 {
        Some((false, 0))
    } else {
        None
    };
    if let Some((little, skip)) = utf16 {
        let units: Vec<u16> = bytes[skip..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], c.get(1).copied().unwrap_or(0)];
                if little {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        let text = String::from_utf16(&units)
            .map_err(|_| fail("UTF-16 text with an invalid surrogate pair: not readable text"))?;
        return check_text(Decoded {
            text: text.into_bytes(),
            start: 0,
            encoding: if little { "UTF-16LE" } else { "UTF-16BE" },
        });
    }
    let (start, encoding) = if bytes.starts_with(&UTF8_BOM) {
        (UTF8_BOM.len(), "UTF-8 with BOM")
    } else {
        (0, "UTF-8")
    };
    // Only the beginning is checked here (bounded work, and binary files show at once); the
    // lexer checks the rest inside string literals as it reads them.
    let head = &bytes[..bytes.len().min(HEAD)];
    if let Err(e) = std::str::from_utf8(head) {
        if e.error_len().is_some() {
            let bad = e.valid_up_to();
            let (line, column) = Locator::default().locate(&bytes[start..], bad.saturating_sub(start));
            let what = if head.contains(&0) {
                "binary data, not JSON text"
            } else {
                "not UTF-8 text"
            };
            return Err(DecodeError {
                message: format!(
                    "{what}: invalid UTF-8 byte 0x{:02x} at byte {bad}",
                    bytes.get(bad).copied().unwrap_or(0)
                ),
                line,
                column,
            });
        }
    }
    check_text(Decoded {
        text: bytes,
        start,
        encoding,
    })
}

/// How much of a file is checked before reading starts.
pub(super) const HEAD: usize = 64 * 1024;

fn check_text(d: Decoded) -> Result<Decoded, DecodeError> {
    let body = &d.text[d.start..];
    let first = body.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    let Some(first) = first else {
        return Err(fail(if d.text.is_empty() {
            "the file is empty (0 bytes)"
        } else {
            "the file holds only white space"
        }));
    };
    let body = &body[first..];
    if body.first() == Some(&b'<') {
        let lower = String::from_utf8_lossy(&body[..body.len().min(400)]).to_ascii_lowercase();
        let what = if lower.contains("<html") || lower.contains("<!doctype html") {
            "an HTML page (an error or login page saved as .json?), not JSON"
        } else {
            "XML or HTML markup, not JSON"
        };
        return Err(fail(what));
    }
    if body[..body.len().min(HEAD)].contains(&0) {
        return Err(fail("binary data (NUL bytes), not JSON text"));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(bytes: &[u8]) -> String {
        decode(bytes.to_vec()).err().map(|e| e.message).unwrap_or_default()
    }

    #[test]
    fn reads_bom_and_utf16() {
        let d = decode(b"\xEF\xBB\xBF{}".to_vec()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((&d.text[d.start..], d.encoding), (&b"{}"[..], "UTF-8 with BOM"));
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("{\"é\":1}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(le).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((d.text.as_slice(), d.encoding), ("{\"é\":1}".as_bytes(), "UTF-16LE"));
        let be: Vec<u8> = "[1]".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(be).map(|d| d.encoding).unwrap_or_default(), "UTF-16BE");
    }

    #[test]
    fn names_what_is_not_json() {
        assert!(msg(b"").contains("empty"));
        assert!(msg(b" \n ").contains("white space"));
        assert!(msg(b"\x1f\x8b\x08\x00").contains("gzip"));
        assert!(msg(b"<!DOCTYPE html><html><body>503</body></html>").contains("HTML page"));
        assert!(
            msg(b"\x00\x01\x02\xff\xfe\x00").contains("binary") || msg(b"\x00\x01\x02\xff\xfe\x00").contains("UTF")
        );
        let e = decode(b"{\n \"a\": \"\xff\"}".to_vec())
            .err()
            .unwrap_or_else(|| panic!("accepted"));
        assert_eq!((e.line, e.column), (2, 8));
        assert!(e.message.contains("not UTF-8"));
    }
}
