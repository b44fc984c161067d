//! Renders the schema as Markdown (`docs/schema.md` is this output, checked by a test).

use super::{DocKind, Kind, Required, Shape};
use crate::model::tenths;
use std::fmt::Write as _;

/// One line describing a shape's constraints.
pub fn constraints(shape: &Shape) -> String {
    match &shape.kind {
        Kind::Structure(_) => format!("structure `{}`", shape.name),
        Kind::List {
            member,
            min,
            max,
            per_call,
        } => {
            let bound = match max {
                Some(max) => format!("{min}..{max} items"),
                None => format!("at least {min} items"),
            };
            let per_call = if *per_call {
                " (per API call; merged exports may hold more)"
            } else {
                ""
            };
            format!("list of `{}`, {bound}{per_call}", member.name)
        }
        Kind::Map { key, value } => format!("map `{}` → `{}`", key.name, value.name),
        Kind::String { values: Some(vs), .. } => format!(
            "one of {}",
            vs.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
        ),
        Kind::String {
            min, max: Some(max), ..
        } => format!("string, {min}..{max} characters"),
        Kind::String { min, max: None, .. } => format!("string, at least {min} characters"),
        Kind::Integer { min, max } => match (min, max) {
            (Some(a), Some(b)) => format!("integer {a}..{b}"),
            (Some(a), None) => format!("integer ≥ {a}"),
            (None, Some(b)) => format!("integer ≤ {b}"),
            (None, None) => "integer".to_owned(),
        },
        Kind::Long => "integer (64-bit)".to_owned(),
        Kind::Double { min, max } => format!("number {}..{}", tenths(*min), tenths(*max)),
        Kind::Boolean => "boolean".to_owned(),
        Kind::Timestamp => "timestamp: epoch seconds (number or numeric string) or ISO 8601".to_owned(),
    }
}

/// The whole schema, every structure reachable from the supported outputs, as Markdown.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Schema reference (generated)\n\nGenerated from `src/schema/shapes.rs` by `inspector-validate --schema`; \
         a test fails when this file and the code disagree. Levels: a missing required member is an `error`, \
         except members the model made required later (`added-later`, a `warning`).\n",
    );
    let mut seen: Vec<&'static str> = Vec::new();
    let mut queue: Vec<&'static Shape> = DocKind::ALL.iter().map(|k| k.response()).collect();
    while let Some(shape) = queue.first().copied() {
        queue.remove(0);
        if seen.contains(&shape.name) {
            continue;
        }
        seen.push(shape.name);
        let Kind::Structure(members) = &shape.kind else {
            continue;
        };
        let ops: Vec<&str> = DocKind::ALL
            .iter()
            .filter(|k| k.response().name == shape.name)
            .map(|k| k.name())
            .collect();
        let _ = writeln!(out, "\n## {}\n", shape.name);
        if !ops.is_empty() {
            let _ = writeln!(out, "Output of `{}`.\n", ops.join("`, `"));
        }
        out.push_str("| member | shape | required | constraints |\n|---|---|---|---|\n");
        for m in *members {
            let req = match m.required {
                Required::No => "no".to_owned(),
                Required::Yes => "**yes**".to_owned(),
                Required::Since(r) => format!("since {} (botocore {})", r.date, r.commit),
            };
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} | {} |",
                m.name,
                m.shape.name,
                req,
                constraints(m.shape)
            );
            let mut next = m.shape;
            loop {
                match &next.kind {
                    Kind::List { member, .. } => next = member,
                    Kind::Map { value, .. } => next = value,
                    _ => break,
                }
            }
            if matches!(next.kind, Kind::Structure(_)) {
                queue.push(next);
            }
        }
    }
    out
}
