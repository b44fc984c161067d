//! A borrowed JSON tree of one record, with byte positions: what the lexer builds per record.

use super::{Interner, Json};
use std::borrow::Cow;

/// A value and the byte offset where it starts in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<'a> {
    pub pos: usize,
    pub node: Node<'a>,
}

/// One object member: key (with its position) and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    pub key_pos: usize,
    pub value: Spanned<'a>,
}

/// A JSON value borrowing from the source text where it can.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Null,
    Bool(bool),
    /// A number exactly as written (already checked against the JSON grammar).
    Num(&'a str),
    Str(Cow<'a, str>),
    Arr(Vec<Spanned<'a>>),
    Obj(Vec<Member<'a>>),
}

impl Node<'_> {
    /// The JSON type's name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::Num(_) => "number",
            Node::Str(_) => "string",
            Node::Arr(_) => "array",
            Node::Obj(_) => "object",
        }
    }

    /// An owned, lossless copy.
    pub fn to_json(&self, cx: &mut Interner) -> Json {
        match self {
            Node::Null => Json::Null,
            Node::Bool(b) => Json::Bool(*b),
            Node::Num(n) => Json::Num(cx.intern(n)),
            Node::Str(s) => Json::Str(cx.intern(s)),
            Node::Arr(items) => Json::Arr(items.iter().map(|v| v.node.to_json(cx)).collect()),
            Node::Obj(members) => Json::Obj(
                members
                    .iter()
                    .map(|m| (cx.intern(&m.key), m.value.node.to_json(cx)))
                    .collect(),
            ),
        }
    }

    /// The member named `key` (the last one, as `JSON.parse` would take it).
    pub fn get(&self, key: &str) -> Option<&Spanned<'_>> {
        match self {
            Node::Obj(members) => members.iter().rev().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }
}
