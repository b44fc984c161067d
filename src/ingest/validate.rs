//! Checks one value against a schema shape, collecting issues (never stopping at the first).

use super::issue::{Level, PendingIssue, Rule};
use crate::model::{tenths, Node, Spanned, Timestamp};
use crate::schema::{Kind, Required, Shape};
use std::fmt::Write as _;

/// Collects issues while walking. The JSON path grows and shrinks as the walk descends, as a
/// stack of segments that becomes text only when an issue is recorded (most members have none).
#[derive(Debug, Default)]
pub struct Checker {
    base: String,
    segments: Vec<Segment>,
    pub issues: Vec<PendingIssue>,
    /// Where a value starts that is known to have no issue (see [`Checker::known_clean`]).
    clean: Option<usize>,
}

/// One step of a JSON path below the checker's base.
#[derive(Debug)]
enum Segment {
    /// A member the schema names (no copy needed).
    Member(&'static str),
    /// A member named by the data (a map key, an unknown or repeated member).
    Key(String),
    Index(usize),
}

impl Checker {
    pub fn new(path: &str) -> Self {
        Checker {
            base: path.to_owned(),
            segments: Vec::new(),
            issues: Vec::new(),
            clean: None,
        }
    }

    /// The member value starting at byte `pos` is known to have no issue (its bytes were
    /// checked before, see `ingest::memo`): it is not descended into.
    pub fn known_clean(&mut self, pos: usize) {
        self.clean = Some(pos);
    }

    /// The JSON path of the value being checked, as issues show it (`findings[0].title`).
    fn path(&self) -> String {
        let mut p = self.base.clone();
        for s in &self.segments {
            match s {
                Segment::Member(name) => join_member(&mut p, name),
                Segment::Key(name) => join_member(&mut p, name),
                Segment::Index(i) => {
                    let _ = write!(p, "[{i}]");
                }
            }
        }
        p
    }

    pub fn push(&mut self, pos: usize, level: Level, rule: Rule, message: String) {
        self.issues.push(PendingIssue {
            pos,
            level,
            rule,
            path: self.path(),
            message,
        });
    }

    /// Descends into a member named by the schema; returns the depth to go back to.
    fn push_member(&mut self, name: &'static str) -> usize {
        self.segments.push(Segment::Member(name));
        self.segments.len() - 1
    }

    /// Descends into a member named by the data; returns the depth to go back to.
    fn push_key(&mut self, name: &str) -> usize {
        self.segments.push(Segment::Key(name.to_owned()));
        self.segments.len() - 1
    }

    fn push_index(&mut self, i: usize) -> usize {
        self.segments.push(Segment::Index(i));
        self.segments.len() - 1
    }

    fn pop_to(&mut self, depth: usize) {
        self.segments.truncate(depth);
    }

    /// Validates `v` against `shape`, recursively.
    pub fn check(&mut self, v: &Spanned<'_>, shape: &'static Shape) {
        match &shape.kind {
            Kind::Structure(members) => self.structure(v, shape, members),
            Kind::List {
                member,
                min,
                max,
                per_call,
            } => {
                let Node::Arr(items) = &v.node else {
                    return self.wrong_type(v, "an array");
                };
                let n = items.len();
                let too_many = max.is_some_and(|m| n > m as usize);
                if n < *min as usize || too_many {
                    let bound = max.map_or(format!("at least {min}"), |m| format!("{min}..{m}"));
                    let (level, note) = if too_many && *per_call {
                        (Level::Info, " per API call; this looks like a merged export")
                    } else {
                        (Level::Error, "")
                    };
                    self.push(
                        v.pos,
                        level,
                        Rule::ListLength,
                        format!("expected {bound} items in `{}`{note}, found {n}", shape.name),
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    let len = self.push_index(i);
                    self.check(item, member);
                    self.pop_to(len);
                }
            }
            Kind::Map { key, value } => {
                let Node::Obj(members) = &v.node else {
                    return self.wrong_type(v, "an object (map)");
                };
                self.duplicates(members);
                for m in members {
                    let len = self.push_key(&m.key);
                    let key_node = Spanned {
                        pos: m.key_pos,
                        node: Node::Str(m.key.clone()),
                    };
                    self.scalar(&key_node, key, "map key ");
                    self.check(&m.value, value);
                    self.pop_to(len);
                }
            }
            _ => self.scalar(v, shape, ""),
        }
    }

    fn structure(&mut self, v: &Spanned<'_>, shape: &'static Shape, defs: &'static [crate::schema::MemberDef]) {
        let Node::Obj(members) = &v.node else {
            return self.wrong_type(v, &format!("an object (`{}`)", shape.name));
        };
        self.duplicates(members);
        for m in members {
            match defs.iter().find(|d| d.name == m.key) {
                None => {
                    let len = self.push_key(&m.key);
                    self.push(
                        m.key_pos,
                        Level::Info,
                        Rule::UnknownField,
                        format!("member `{}` is not in the model's `{}`; kept as is", m.key, shape.name),
                    );
                    self.pop_to(len);
                }
                Some(_) if matches!(m.value.node, Node::Null) => {} // null = absent; checked below
                Some(_) if self.clean == Some(m.value.pos) => {}
                Some(def) => {
                    let len = self.push_member(def.name);
                    self.check(&m.value, def.shape);
                    self.pop_to(len);
                }
            }
        }
        for def in defs {
            if def.required == Required::No {
                continue;
            }
            let present = members.iter().find(|m| m.key == def.name);
            if present.is_some_and(|m| !matches!(m.value.node, Node::Null)) {
                continue;
            }
            let len = self.push_member(def.name);
            let what = if present.is_some() { "is null" } else { "is missing" };
            match def.required {
                Required::Since(rev) => self.push(
                    v.pos,
                    Level::Warning,
                    Rule::AddedLater,
                    format!(
                        "required member `{}` of `{}` {what}; the model added it on {} (botocore {}), so older exports lack it",
                        def.name, shape.name, rev.date, rev.commit
                    ),
                ),
                _ => self.push(v.pos, Level::Error, Rule::Required, format!("required member `{}` of `{}` {what}", def.name, shape.name)),
            }
            self.pop_to(len);
        }
    }

    fn duplicates(&mut self, members: &[crate::model::Member<'_>]) {
        if members.len() < 2 {
            return;
        }
        // Objects have a few dozen members at most: comparing with the earlier ones is
        // cheaper than hashing (a map with thousands of keys gets a hash set).
        let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
        let large = members.len() > 32;
        for (i, m) in members.iter().enumerate() {
            let repeated = if large {
                !seen.insert(&m.key)
            } else {
                members[..i].iter().any(|e| e.key == m.key)
            };
            if repeated {
                let len = self.push_key(&m.key);
                self.push(
                    m.key_pos,
                    Level::Warning,
                    Rule::Duplicate,
                    format!("member `{}` appears more than once; the last value is used", m.key),
                );
                self.pop_to(len);
            }
        }
    }

    fn wrong_type(&mut self, v: &Spanned<'_>, expected: &str) {
        let found = found(&v.node);
        self.push(
            v.pos,
            Level::Error,
            Rule::Type,
            format!("expected {expected}, found {found}"),
        );
    }

    fn scalar(&mut self, v: &Spanned<'_>, shape: &'static Shape, what: &str) {
        match (&shape.kind, &v.node) {
            (
                Kind::String {
                    values: Some(values), ..
                },
                Node::Str(s),
            ) => {
                if !values.contains(&s.as_ref()) {
                    let hint = values
                        .iter()
                        .find(|x| x.eq_ignore_ascii_case(s))
                        .map(|x| format!(" (the model spells it `{x}`)"))
                        .unwrap_or_default();
                    let list: Vec<String> = values.iter().map(|x| format!("`{x}`")).collect();
                    self.push(
                        v.pos,
                        Level::Error,
                        Rule::Enum,
                        format!(
                            "{what}expected one of {} for `{}`, found \"{s}\"{hint}",
                            list.join(", "),
                            shape.name
                        ),
                    );
                }
            }
            (Kind::String { min, max, values: None }, Node::Str(s)) => {
                let bytes = s.len();
                let (min, max) = (*min as usize, max.map(|m| m as usize));
                let maybe_short = bytes < min.saturating_mul(4);
                let maybe_long = max.is_some_and(|m| bytes > m);
                if maybe_short || maybe_long {
                    let n = s.chars().count();
                    if n < min || max.is_some_and(|m| n > m) {
                        let bound = max.map_or(format!("at least {min}"), |m| format!("{min}..{m}"));
                        self.push(
                            v.pos,
                            Level::Error,
                            Rule::Length,
                            format!("{what}expected {bound} characters for `{}`, found {n}", shape.name),
                        );
                    }
                }
            }
            (Kind::Integer { min, max }, Node::Num(n)) => self.integer(v.pos, n, shape, *min, *max),
            (Kind::Long, Node::Num(n)) => self.integer(v.pos, n, shape, None, None),
            (Kind::Double { min, max }, Node::Num(n)) => match n.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= *min && x <= *max => {}
                Ok(x) if x.is_finite() => self.push(
                    v.pos,
                    Level::Error,
                    Rule::Range,
                    format!(
                        "expected {}..{} for `{}`, found {n}",
                        tenths(*min),
                        tenths(*max),
                        shape.name
                    ),
                ),
                _ => self.push(
                    v.pos,
                    Level::Error,
                    Rule::Range,
                    format!("{n} is out of range for a double (`{}`)", shape.name),
                ),
            },
            (Kind::Boolean, Node::Bool(_)) => {}
            (Kind::Timestamp, Node::Num(n)) => self.timestamp(v.pos, Timestamp::parse_epoch(n)),
            (Kind::Timestamp, Node::Str(s)) => self.timestamp(v.pos, Timestamp::parse_text(s)),
            (kind, _) => {
                let expected = match kind {
                    Kind::String { .. } => "a string",
                    Kind::Integer { .. } | Kind::Long => "an integer",
                    Kind::Double { .. } => "a number",
                    Kind::Boolean => "a boolean",
                    Kind::Timestamp => "a timestamp (epoch seconds or ISO 8601)",
                    _ => "a value",
                };
                self.wrong_type(v, &format!("{what}{expected} (`{}`)", shape.name));
            }
        }
    }

    fn integer(&mut self, pos: usize, n: &str, shape: &'static Shape, min: Option<i64>, max: Option<i64>) {
        let value = match n.parse::<i64>() {
            Ok(x) => x,
            Err(_) => match n.parse::<f64>() {
                #[allow(clippy::cast_possible_truncation)]
                Ok(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.2e18 => {
                    self.push(
                        pos,
                        Level::Warning,
                        Rule::Type,
                        format!(
                            "expected an integer for `{}`, found {n} (read as {})",
                            shape.name, x as i64
                        ),
                    );
                    x as i64
                }
                Ok(x) if x.is_finite() && x.abs() < 9.2e18 => {
                    return self.push(
                        pos,
                        Level::Error,
                        Rule::Type,
                        format!("expected an integer for `{}`, found {n}", shape.name),
                    );
                }
                _ => {
                    return self.push(
                        pos,
                        Level::Error,
                        Rule::Range,
                        format!("{n} is out of range for a 64-bit integer (`{}`)", shape.name),
                    )
                }
            },
        };
        if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
            let bound = match (min, max) {
                (Some(a), Some(b)) => format!("{a}..{b}"),
                (Some(a), None) => format!("at least {a}"),
                (None, Some(b)) => format!("at most {b}"),
                (None, None) => String::new(),
            };
            self.push(
                pos,
                Level::Error,
                Rule::Range,
                format!("expected {bound} for `{}`, found {n}", shape.name),
            );
        }
    }

    fn timestamp(
        &mut self,
        pos: usize,
        parsed: Result<(Timestamp, Option<&'static str>), crate::model::TimestampError>,
    ) {
        match parsed {
            Ok((_, None)) => {}
            Ok((_, Some(note))) => self.push(pos, Level::Warning, Rule::Timestamp, note.to_owned()),
            Err(e) => self.push(pos, Level::Error, Rule::Timestamp, e.0),
        }
    }
}

/// Appends `.name` to a JSON path (`name` alone at its start).
fn join_member(path: &mut String, name: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
}

/// A short description of a found value for messages: `a string "HIGH"`, `null`, `an array`.
pub fn found(node: &Node<'_>) -> String {
    match node {
        Node::Null => "null".to_owned(),
        Node::Bool(b) => format!("a boolean ({b})"),
        Node::Num(n) => format!("a number ({n})"),
        Node::Str(s) => {
            let short: String = s.chars().take(40).collect();
            let ell = if s.chars().count() > 40 { "…" } else { "" };
            format!("a string (\"{short}{ell}\")")
        }
        Node::Arr(a) => format!("an array of {}", a.len()),
        Node::Obj(_) => "an object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::lexer::Lexer;
    use crate::schema::{DocKind, FINDING};

    fn issues(json: &str, shape: &'static Shape) -> Vec<(Level, Rule, String)> {
        let mut l = Lexer::new(json.as_bytes(), 0);
        let v = l.value().unwrap_or_else(|e| panic!("{e:?}"));
        let mut c = Checker::new("findings[0]");
        c.check(&v, shape);
        c.issues.into_iter().map(|i| (i.level, i.rule, i.path)).collect()
    }

    const GOOD: &str = r#"{"arn":"arn:aws:inspector:us-west-2:123456789012:target/0-0kFIPusq/template/0-4r1V2mAw/run/0-MKkpXXPE/finding/0-HwPnsDm4",
        "attributes":[],"userAttributes":[],"createdAt":1458680301.37,"updatedAt":"2016-03-22T20:58:21.400000+00:00",
        "severity":"Informational","numericSeverity":0,"assetAttributes":{"schemaVersion":1,"ipv4Addresses":[]}}"#;

    #[test]
    fn a_valid_finding_has_no_issues() {
        assert_eq!(issues(GOOD, &FINDING), vec![]);
    }

    #[test]
    fn each_rule_fires_with_its_path() {
        let bad = r#"{"arn":"","attributes":[{"value":"x"}],"userAttributes":{},"createdAt":"yesterday",
            "severity":"HIGH","numericSeverity":11,"confidence":1.5,"assetAttributes":{"schemaVersion":1,"ipv4Addresses":["1.2"]},
            "mystery":1,"updatedAt":1,"updatedAt":2}"#;
        let got = issues(bad, &FINDING);
        let want = [
            (Level::Error, Rule::Length, "findings[0].arn"),
            (Level::Error, Rule::Required, "findings[0].attributes[0].key"),
            (Level::Error, Rule::Type, "findings[0].userAttributes"),
            (Level::Error, Rule::Timestamp, "findings[0].createdAt"),
            (Level::Error, Rule::Enum, "findings[0].severity"),
            (Level::Error, Rule::Range, "findings[0].numericSeverity"),
            (Level::Error, Rule::Type, "findings[0].confidence"),
            (
                Level::Error,
                Rule::Length,
                "findings[0].assetAttributes.ipv4Addresses[0]",
            ),
            (Level::Info, Rule::UnknownField, "findings[0].mystery"),
            (Level::Warning, Rule::Duplicate, "findings[0].updatedAt"),
        ];
        for (level, rule, path) in want {
            assert!(
                got.iter().any(|(l, r, p)| *l == level && *r == rule && p == path),
                "missing {rule:?} at {path}: {got:#?}"
            );
        }
        assert_eq!(got.len(), want.len(), "{got:#?}");
    }

    #[test]
    fn added_later_members_are_warnings_and_per_call_caps_are_info() {
        let run = r#"{"arn":"a","name":"n","assessmentTemplateArn":"t","state":"COMPLETED","durationInSeconds":3600,
            "rulesPackageArns":["r"],"userAttributesForFindings":[],"createdAt":1,"stateChangedAt":1,"dataCollected":true,
            "stateChanges":[],"notifications":[]}"#;
        let got = issues(run, DocKind::DescribeAssessmentRuns.record());
        assert_eq!(
            got,
            vec![(Level::Warning, Rule::AddedLater, "findings[0].findingCounts".to_owned())]
        );
        let arns = format!("[{}]", vec!["\"arn:x\""; 101].join(","));
        let mut l = Lexer::new(arns.as_bytes(), 0);
        let v = l.value().unwrap_or_else(|e| panic!("{e:?}"));
        let mut c = Checker::new("findingArns");
        c.check(
            &v,
            DocKind::ListFindings
                .response()
                .member("findingArns")
                .map_or(&FINDING, |m| m.shape),
        );
        assert_eq!(c.issues.len(), 1);
        assert_eq!((c.issues[0].level, c.issues[0].rule), (Level::Info, Rule::ListLength));
    }

    #[test]
    fn duplicate_members_are_found_in_small_and_large_objects() {
        // 32 members are compared pairwise, more go through a hash set: both find repeats.
        for n in [3, 32, 33, 200] {
            let mut members: Vec<String> = (0..n).map(|i| format!(r#""u{i}":{i}"#)).collect();
            members.push(r#""u1":"again""#.to_owned());
            let json = format!("{{{}}}", members.join(","));
            let mut l = Lexer::new(json.as_bytes(), 0);
            let v = l.value().unwrap_or_else(|e| panic!("{e:?}"));
            let mut c = Checker::new("x");
            c.duplicates(match &v.node {
                Node::Obj(m) => m,
                _ => panic!("not an object"),
            });
            let found: Vec<(Rule, &str)> = c.issues.iter().map(|i| (i.rule, i.path.as_str())).collect();
            assert_eq!(found, vec![(Rule::Duplicate, "x.u1")], "{n} members");
        }
    }

    #[test]
    fn map_keys_are_checked_against_the_key_shape() {
        let counts = r#"{"High":1,"Critical":2,"Low":"3"}"#;
        let mut l = Lexer::new(counts.as_bytes(), 0);
        let v = l.value().unwrap_or_else(|e| panic!("{e:?}"));
        let mut c = Checker::new("x");
        c.check(&v, &crate::schema::ASSESSMENT_RUN_FINDING_COUNTS);
        let rules: Vec<(Rule, &str)> = c.issues.iter().map(|i| (i.rule, i.path.as_str())).collect();
        assert_eq!(rules, vec![(Rule::Enum, "x.Critical"), (Rule::Type, "x.Low")]);
    }
}
