//! View state ↔ URL hash. No finding data goes into the URL: data values become digests.

use super::index::{Dim, FindingIndex};

/// A stable, short digest of a data value (FNV-1a 64, hex): `h:` + 16 hex digits.
pub fn digest(value: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in value.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("h:{h:016x}")
}

/// Encoding of key/value pairs in a URL hash (`#k=v&k2=a,b`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ViewCodec;

impl ViewCodec {
    /// Percent-encodes what would break the hash syntax.
    pub fn escape(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' | b'/' | b'@' => {
                    out.push(char::from(b));
                }
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }

    pub fn unescape(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(v) = hex {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
            out.push(if b[i] == b'+' { b' ' } else { b[i] });
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    /// `#a=1&b=x%20y` → pairs (unescaped).
    pub fn parse(hash: &str) -> Vec<(String, String)> {
        hash.trim_start_matches('#')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (Self::unescape(k), Self::unescape(v)),
                None => (Self::unescape(p), String::new()),
            })
            .collect()
    }

    /// Pairs → `#a=1&b=x%20y` (values escaped; lists joined by `,` before escaping each item).
    pub fn build(pairs: &[(String, String)]) -> String {
        let body: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", Self::escape(k), Self::escape(v)))
            .collect();
        format!("#{}", body.join("&"))
    }

    /// A filter value as it may appear in the URL: generic values plain, data values digested.
    pub fn value_token(dim: Dim, value: &str) -> String {
        // Severity names and published package names are generic; an unknown package shows
        // as its ARN (with an account id), which is data.
        if dim.is_generic() && !value.contains(':') {
            value.to_owned()
        } else {
            digest(value)
        }
    }
}

impl FindingIndex {
    /// Resolves a URL token (a digest or a generic value) to the raw value in this dataset.
    pub fn resolve_token(&self, dim: Dim, token: &str) -> Option<String> {
        if !token.starts_with("h:") {
            return Some(token.to_owned());
        }
        let values = self.values(dim)?;
        values
            .names
            .iter()
            .find(|v| digest(v) == token)
            .map(ToString::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_round_trips_awkward_text() {
        let pairs = vec![
            ("q".to_owned(), "port 22 & ssh=yes #1 %".to_owned()),
            ("sev".to_owned(), "High,Medium".to_owned()),
            ("empty".to_owned(), String::new()),
        ];
        let h = ViewCodec::build(&pairs);
        assert!(!h[1..].contains('#') && !h.contains(' '), "{h}");
        assert_eq!(ViewCodec::parse(&h), pairs);
    }

    #[test]
    fn data_values_are_digested_and_generic_ones_are_not() {
        assert_eq!(ViewCodec::value_token(Dim::Severity, "High"), "High");
        assert_eq!(
            ViewCodec::value_token(Dim::Package, "Network Reachability"),
            "Network Reachability"
        );
        let unknown = "arn:aws:inspector:us-west-2:758058086616:rulespackage/0-X1KXtawP";
        assert!(ViewCodec::value_token(Dim::Package, unknown).starts_with("h:"));
        let t = ViewCodec::value_token(Dim::Instance, "i-0123456789abcdef0");
        assert!(t.starts_with("h:") && !t.contains("0123456789abcdef0"), "{t}");
        assert_eq!(t.len(), 18);
        assert_ne!(digest("a"), digest("b"));
        assert_eq!(digest("a"), digest("a"));
    }
}
