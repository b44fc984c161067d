//! A small owned JSON value that keeps numbers as written, for members kept verbatim.

use super::Str;
use std::fmt::Write as _;

/// A lossless JSON value: numbers keep their exact text, objects keep member order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number exactly as written in the source.
    Num(Str),
    Str(Str),
    Arr(Vec<Json>),
    Obj(Vec<(Str, Json)>),
}

impl Json {
    /// Compact JSON text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, 0);
        out
    }

    /// JSON text indented by `indent` spaces per level.
    pub fn to_pretty(&self, indent: usize) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(indent), 0);
        out
    }

    /// Appends this value's text; `indent` = None for compact output.
    pub fn write(&self, out: &mut String, indent: Option<usize>, level: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) => out.push_str(n),
            Json::Str(s) => write_str(out, s),
            Json::Arr(items) => {
                if items.is_empty() {
                    out.push_str("[]");
                    return;
                }
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent, level + 1);
                    v.write(out, indent, level + 1);
                }
                newline(out, indent, level);
                out.push(']');
            }
            Json::Obj(members) => {
                if members.is_empty() {
                    out.push_str("{}");
                    return;
                }
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent, level + 1);
                    write_str(out, k);
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    v.write(out, indent, level + 1);
                }
                newline(out, indent, level);
                out.push('}');
            }
        }
    }

    /// A short one-line rendering for messages (`"HIGH"`, `42`, `object`, …).
    pub fn summary(&self) -> String {
        match self {
            Json::Arr(a) => format!("an array of {}", a.len()),
            Json::Obj(_) => "an object".to_owned(),
            other => {
                let t = other.to_text();
                if t.chars().count() > 60 {
                    let cut: String = t.chars().take(57).collect();
                    format!("{cut}…")
                } else {
                    t
                }
            }
        }
    }

    /// The member named `key` of an object (the last one, as `JSON.parse` takes it).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().rev().find(|(k, _)| &**k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn str(s: &str) -> Json {
        Json::Str(Str::from(s))
    }

    pub fn obj(members: Vec<(&str, Json)>) -> Json {
        Json::Obj(members.into_iter().map(|(k, v)| (Str::from(k), v)).collect())
    }
}

fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(n) = indent {
        out.push('\n');
        for _ in 0..n * level {
            out.push(' ');
        }
    }
}

/// Writes `s` as a JSON string literal (escaping quotes, backslashes and control characters).
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_compact_and_pretty_text_that_serde_reads_back() {
        let v = Json::obj(vec![
            ("a", Json::Num(Str::from("1458680301.40"))),
            (
                "b",
                Json::Arr(vec![Json::Null, Json::Bool(true), Json::str("x\"y\n\u{1}")]),
            ),
            ("c", Json::Obj(vec![])),
        ]);
        let compact = v.to_text();
        assert_eq!(compact, r#"{"a":1458680301.40,"b":[null,true,"x\"y\n\u0001"],"c":{}}"#);
        let pretty = v.to_pretty(2);
        let a: serde_json::Value = serde_json::from_str(&compact).unwrap_or_default();
        let b: serde_json::Value = serde_json::from_str(&pretty).unwrap_or_default();
        assert_eq!(a, b);
        assert!(pretty.contains("\n  \"b\": [\n    null"));
    }
}
