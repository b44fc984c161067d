//! Triage marks: a status and a note per finding, kept by the browser, matched back to findings.
//!
//! A mark is stored under the finding's ARN and under a *content key* (rule id, instance, rules
//! package and `PORT` attribute), so it finds the same finding again when an export is reopened
//! (by ARN) and follows the same issue into a later run, whose findings have new ARNs (by key).
//! Marks travel as a small JSON sidecar:
//!
//! ```json
//! {"version":1,"marks":[{"arn":"arn:…","key":"rule=…|instance=…|package=…|port=","status":"accepted-risk",
//!   "note":"behind the VPN","updatedAt":"2024-05-01T10:00:00.000Z"}]}
//! ```
//!
//! Everything here is pure; the UI keeps the sidecar text in `localStorage`.

use crate::ingest::Dataset;
use crate::model::Json as Value;
use crate::model::{Finding, Timestamp};
use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::rc::Rc;

/// Where the UI keeps the marks (`localStorage`), as sidecar text.
pub const STORAGE_KEY: &str = "inspector-viewer.triage.v1";
/// The sidecar format version this build reads and writes.
pub const SIDECAR_VERSION: u64 = 1;
/// Status code of a finding without a mark (see [`TriageMatches::codes`]).
pub const UNTRIAGED: u8 = 4;
/// Filter value of findings without a mark.
pub const UNTRIAGED_KEY: &str = "untriaged";
/// Notes longer than this (in characters) are refused on import.
pub const MAX_NOTE_CHARS: usize = 20_000;

/// A triage decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Open,
    AcceptedRisk,
    FalsePositive,
    Fixed,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Open, Status::AcceptedRisk, Status::FalsePositive, Status::Fixed];

    /// The wire and filter value.
    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::AcceptedRisk => "accepted-risk",
            Status::FalsePositive => "false-positive",
            Status::Fixed => "fixed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "Open",
            Status::AcceptedRisk => "Accepted risk",
            Status::FalsePositive => "False positive",
            Status::Fixed => "Fixed",
        }
    }

    pub fn parse(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    /// 0 … 3, in [`Status::ALL`] order.
    pub fn code(self) -> u8 {
        match self {
            Status::Open => 0,
            Status::AcceptedRisk => 1,
            Status::FalsePositive => 2,
            Status::Fixed => 3,
        }
    }

    pub fn from_code(code: u8) -> Option<Status> {
        Status::ALL.get(usize::from(code)).copied()
    }
}

/// Filter value of a status code (`untriaged` for [`UNTRIAGED`] and unknown codes).
pub fn code_key(code: u8) -> &'static str {
    Status::from_code(code).map_or(UNTRIAGED_KEY, Status::key)
}

/// Display label of a status code.
pub fn code_label(code: u8) -> &'static str {
    Status::from_code(code).map_or("Untriaged", Status::label)
}

/// Status code of a filter value (`untriaged` included).
pub fn code_of_key(key: &str) -> Option<u8> {
    if key == UNTRIAGED_KEY {
        Some(UNTRIAGED)
    } else {
        Status::parse(key).map(Status::code)
    }
}

/// The stable content key of a finding: rule id, instance, rules package and `PORT` attribute.
///
/// `None` without a rule id or an instance (agent id, `INSTANCE_ID`, else hostname): such a key
/// would join unrelated findings.
pub fn content_key(f: &Finding) -> Option<String> {
    let rule = f.id.as_deref()?;
    let instance = f
        .instance_id()
        .or_else(|| f.asset_attributes.as_ref().and_then(|a| a.hostname.as_ref()))?;
    let package = f.rules_package_arn().map_or("", |s| &**s);
    let port = f.attribute("PORT").map_or("", |s| &**s);
    Some(format!(
        "rule={}|instance={}|package={}|port={}",
        escape(rule),
        escape(instance),
        escape(package),
        escape(port)
    ))
}

/// `%` and `|` percent-encoded, so the key's fields cannot run into each other.
fn escape(s: &str) -> String {
    s.replace('%', "%25").replace('|', "%7C")
}

/// The parts of a content key, for display (`rule`, `instance`, `package`, `port`).
pub fn key_parts(key: &str) -> Vec<(String, String)> {
    key.split('|')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.replace("%7C", "|").replace("%25", "%")))
        .collect()
}

/// One triage mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The finding the mark was made on.
    pub arn: Option<String>,
    /// That finding's [`content_key`].
    pub key: Option<String>,
    pub status: Status,
    pub note: String,
    pub updated_at: Timestamp,
}

impl Mark {
    /// What identifies the mark in a store: its ARN, else its key.
    fn identity(&self) -> Option<(bool, &str)> {
        match (&self.arn, &self.key) {
            (Some(a), _) => Some((true, a.as_str())),
            (None, Some(k)) => Some((false, k.as_str())),
            (None, None) => None,
        }
    }

    fn to_json(&self) -> Value {
        let opt = |v: &Option<String>| v.as_deref().map_or(Value::Null, Value::str);
        Value::obj(vec![
            ("arn", opt(&self.arn)),
            ("key", opt(&self.key)),
            ("status", Value::str(self.status.key())),
            ("note", Value::str(&self.note)),
            ("updatedAt", Value::str(&self.updated_at.to_iso_utc())),
        ])
    }
}

/// How a finding's mark was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// The mark was made on this finding (same ARN).
    Arn,
    /// The mark was made on another finding with the same content key (e.g. an earlier run).
    Key,
}

impl MatchKind {
    pub fn key(self) -> &'static str {
        match self {
            MatchKind::Arn => "arn",
            MatchKind::Key => "key",
        }
    }
}

/// A finding's mark: its index in [`TriageStore::marks`] and how it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub mark: usize,
    pub kind: MatchKind,
}

/// Every finding of a dataset matched to the store: one entry per finding, in dataset order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TriageMatches {
    pub matches: Vec<Option<Match>>,
    /// Status code per finding (`0…3`, [`UNTRIAGED`]): the triage facet's column.
    pub codes: Rc<[u8]>,
}

impl TriageMatches {
    pub fn get(&self, finding: usize) -> Option<Match> {
        self.matches.get(finding).copied().flatten()
    }

    pub fn code(&self, finding: usize) -> u8 {
        self.codes.get(finding).copied().unwrap_or(UNTRIAGED)
    }

    /// Findings per status code (`[open, accepted-risk, false-positive, fixed, untriaged]`).
    pub fn counts(&self) -> [usize; 5] {
        let mut c = [0usize; 5];
        for &code in self.codes.iter() {
            c[usize::from(code.min(UNTRIAGED))] += 1;
        }
        c
    }
}

/// What a merge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MergeOutcome {
    /// Marks that were not in the store.
    pub added: usize,
    /// Marks that replaced an older copy.
    pub updated: usize,
    /// Marks not taken: the store's copy is as new or newer.
    pub kept: usize,
}

/// A sidecar that could be read, with the entries that could not.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sidecar {
    pub marks: Vec<Mark>,
    /// One message per skipped entry (`marks[3]: unknown status "wontfix"`).
    pub skipped: Vec<String>,
}

/// Why a sidecar cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarError(pub String);

impl fmt::Display for SidecarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads sidecar text. Entries with errors are skipped and reported; a file that is not a
/// version-1 sidecar is an error.
pub fn parse_sidecar(text: &str) -> Result<Sidecar, SidecarError> {
    let top: Value = crate::ingest::parse_json(text).map_err(|e| SidecarError(format!("not JSON: {e}")))?;
    let Value::Obj(_) = top else {
        return Err(SidecarError(
            "not a triage sidecar: expected an object {\"version\":1,\"marks\":[…]}".to_owned(),
        ));
    };
    match top.get("version") {
        Some(Value::Num(n)) if n.parse::<u64>().ok() == Some(SIDECAR_VERSION) => {}
        Some(other) => {
            return Err(SidecarError(format!(
                "unsupported sidecar version {} (this viewer reads version {SIDECAR_VERSION})",
                other.to_text()
            )))
        }
        None => return Err(SidecarError("not a triage sidecar: no \"version\"".to_owned())),
    }
    let Some(Value::Arr(items)) = top.get("marks") else {
        return Err(SidecarError("not a triage sidecar: \"marks\" is not a list".to_owned()));
    };
    let mut out = Sidecar::default();
    for (i, item) in items.iter().enumerate() {
        match parse_mark(item) {
            Ok(m) => out.marks.push(m),
            Err(e) => out.skipped.push(format!("marks[{i}]: {e}")),
        }
    }
    Ok(out)
}

fn parse_mark(v: &Value) -> Result<Mark, String> {
    let o = v;
    if !matches!(o, Value::Obj(_)) {
        return Err("not an object".to_owned());
    }
    let text = |name: &str| -> Result<Option<String>, String> {
        match o.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Str(s)) if s.is_empty() => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.to_string())),
            Some(_) => Err(format!("\"{name}\" is not a string")),
        }
    };
    let arn = text("arn")?;
    let key = text("key")?;
    if arn.is_none() && key.is_none() {
        return Err("has neither \"arn\" nor \"key\"".to_owned());
    }
    let status = match o.get("status") {
        Some(Value::Str(s)) => Status::parse(s).ok_or_else(|| {
            let known: Vec<&str> = Status::ALL.iter().map(|s| s.key()).collect();
            format!("unknown status \"{s}\" (expected one of {})", known.join(", "))
        })?,
        Some(_) => return Err("\"status\" is not a string".to_owned()),
        None => return Err("no \"status\"".to_owned()),
    };
    let note = text("note")?.unwrap_or_default();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(format!("\"note\" is longer than {MAX_NOTE_CHARS} characters"));
    }
    let updated_at = match o.get("updatedAt") {
        Some(Value::Str(s)) => Timestamp::parse_text(s)
            .map(|(t, _)| t)
            .map_err(|e| format!("\"updatedAt\" is not a time: {e}"))?,
        // A number is epoch milliseconds (JavaScript's Date.now()).
        Some(Value::Num(n)) => n
            .parse::<f64>()
            .ok()
            .and_then(|ms| Timestamp::from_secs_f64(ms / 1000.0))
            .ok_or_else(|| "\"updatedAt\" is out of range".to_owned())?,
        Some(_) => return Err("\"updatedAt\" is not a time".to_owned()),
        None => return Err("no \"updatedAt\"".to_owned()),
    };
    Ok(Mark {
        arn,
        key,
        status,
        note,
        updated_at,
    })
}

/// Every mark the user made, in the order they were first made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TriageStore {
    marks: Vec<Mark>,
}

impl TriageStore {
    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    pub fn mark(&self, i: usize) -> Option<&Mark> {
        self.marks.get(i)
    }

    fn position(&self, m: &Mark) -> Option<usize> {
        let id = m.identity()?;
        self.marks.iter().position(|x| x.identity() == Some(id))
    }

    /// Marks the finding `arn` (with its content key): replaces that finding's own mark.
    pub fn set(&mut self, arn: Option<&str>, key: Option<String>, status: Status, note: &str, at: Timestamp) {
        let mark = Mark {
            arn: arn.filter(|a| !a.is_empty()).map(ToOwned::to_owned),
            key,
            status,
            note: note.to_owned(),
            updated_at: at,
        };
        if mark.identity().is_none() {
            return;
        }
        match self.position(&mark) {
            Some(i) => self.marks[i] = mark,
            None => self.marks.push(mark),
        }
    }

    /// Removes the mark made on finding `arn`; whether there was one.
    pub fn remove(&mut self, arn: &str) -> bool {
        let before = self.marks.len();
        self.marks.retain(|m| m.arn.as_deref() != Some(arn));
        self.marks.len() != before
    }

    /// Adds marks; where the store has the same mark (same ARN, else same key), the newer
    /// `updatedAt` wins (a tie keeps the store's copy).
    pub fn merge(&mut self, incoming: Vec<Mark>) -> MergeOutcome {
        let mut out = MergeOutcome::default();
        for m in incoming {
            match self.position(&m) {
                Some(i) if m.updated_at > self.marks[i].updated_at => {
                    self.marks[i] = m;
                    out.updated += 1;
                }
                Some(_) => out.kept += 1,
                None if m.identity().is_some() => {
                    self.marks.push(m);
                    out.added += 1;
                }
                None => {}
            }
        }
        out
    }

    /// The sidecar text of every mark (also what the UI stores).
    pub fn to_sidecar(&self) -> String {
        let marks: Vec<Value> = self.marks.iter().map(Mark::to_json).collect();
        let top = Value::obj(vec![
            (
                "version",
                Value::Num(crate::model::Str::from(SIDECAR_VERSION.to_string())),
            ),
            ("marks", Value::Arr(marks)),
        ]);
        top.to_pretty(2)
    }

    /// Matches every finding of `data`: its own mark (same ARN) first, else the newest mark
    /// with the same content key.
    pub fn match_all(&self, data: &Dataset) -> TriageMatches {
        let n = data.findings.len();
        if self.marks.is_empty() {
            return TriageMatches {
                matches: vec![None; n],
                codes: vec![UNTRIAGED; n].into(),
            };
        }
        let mut by_arn: HashMap<&str, usize> = HashMap::default();
        let mut by_key: HashMap<&str, usize> = HashMap::default();
        for (i, m) in self.marks.iter().enumerate() {
            if let Some(a) = &m.arn {
                by_arn.insert(a.as_str(), i);
            }
            if let Some(k) = &m.key {
                let newer = by_key
                    .get(k.as_str())
                    .is_none_or(|&j| self.marks[j].updated_at <= m.updated_at);
                if newer {
                    by_key.insert(k.as_str(), i);
                }
            }
        }
        let matches: Vec<Option<Match>> = data
            .findings
            .iter()
            .map(|f| {
                let own = f.rec.arn.as_deref().and_then(|a| by_arn.get(a)).map(|&mark| Match {
                    mark,
                    kind: MatchKind::Arn,
                });
                own.or_else(|| {
                    if by_key.is_empty() {
                        return None;
                    }
                    let key = content_key(&f.rec)?;
                    by_key.get(key.as_str()).map(|&mark| Match {
                        mark,
                        kind: MatchKind::Key,
                    })
                })
            })
            .collect();
        let codes: Rc<[u8]> = matches
            .iter()
            .map(|m| {
                m.and_then(|m| self.marks.get(m.mark))
                    .map_or(UNTRIAGED, |m| m.status.code())
            })
            .collect();
        TriageMatches { matches, codes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Context, Options};

    fn dataset(docs: &[(&str, &str)]) -> Dataset {
        let mut cx = Context::default();
        let files = docs
            .iter()
            .map(|(name, doc)| Rc::new(read_file(name, doc.as_bytes().to_vec(), &mut cx, Options::default())))
            .collect();
        Dataset::merge(files)
    }

    fn finding(arn: &str, run: &str, rule: &str, instance: &str, port: Option<&str>) -> String {
        let port = port.map_or(String::new(), |p| format!(r#",{{"key":"PORT","value":"{p}"}}"#));
        format!(
            r#"{{"arn":"{arn}","id":"{rule}","severity":"High","createdAt":1,"updatedAt":1,
            "serviceAttributes":{{"schemaVersion":1,"assessmentRunArn":"{run}","rulesPackageArn":"arn:pkg/net"}},
            "assetAttributes":{{"schemaVersion":1,"agentId":"{instance}"}},
            "attributes":[{{"key":"INSTANCE_ID","value":"{instance}"}}{port}],"userAttributes":[]}}"#
        )
    }

    fn doc(findings: &[String]) -> String {
        format!(r#"{{"findings":[{}],"failedItems":{{}}}}"#, findings.join(","))
    }

    fn t(secs: i64) -> Timestamp {
        Timestamp::from_micros(secs * 1_000_000)
    }

    #[test]
    fn status_keys_and_codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.key()), Some(s));
            assert_eq!(Status::from_code(s.code()), Some(s));
            assert_eq!(code_of_key(s.key()), Some(s.code()));
            assert_eq!(code_key(s.code()), s.key());
        }
        assert_eq!(code_of_key("untriaged"), Some(UNTRIAGED));
        assert_eq!(code_key(UNTRIAGED), "untriaged");
        assert_eq!(code_label(UNTRIAGED), "Untriaged");
        assert_eq!(Status::parse("wontfix"), None);
    }

    #[test]
    fn content_key_is_rule_instance_package_port_and_escapes_separators() {
        let d = dataset(&[(
            "a.json",
            &doc(&[
                finding("arn:r1/f/1", "arn:r1", "Port|open", "i-1", Some("22")),
                finding("arn:r1/f/2", "arn:r1", "CVE-1", "i-1", None),
            ]),
        )]);
        let k = content_key(&d.findings[0].rec).unwrap_or_default();
        assert_eq!(k, "rule=Port%7Copen|instance=i-1|package=arn:pkg/net|port=22");
        assert_eq!(
            key_parts(&k),
            [
                ("rule".to_owned(), "Port|open".to_owned()),
                ("instance".to_owned(), "i-1".to_owned()),
                ("package".to_owned(), "arn:pkg/net".to_owned()),
                ("port".to_owned(), "22".to_owned()),
            ]
        );
        assert!(content_key(&d.findings[1].rec).is_some_and(|k| k.ends_with("|port=")));
        // No rule id or no instance: no key.
        let bare = dataset(&[(
            "b.json",
            r#"{"findings":[{"arn":"arn:x","id":"R"},{"arn":"arn:y","assetAttributes":{"schemaVersion":1,"agentId":"i-9"}}]}"#,
        )]);
        assert_eq!(content_key(&bare.findings[0].rec), None);
        assert_eq!(content_key(&bare.findings[1].rec), None);
    }

    #[test]
    fn marks_match_by_arn_first_then_follow_the_issue_into_a_later_run_by_key() {
        let run1 = doc(&[
            finding("arn:r1/f/1", "arn:r1", "Port", "i-1", Some("22")),
            finding("arn:r1/f/2", "arn:r1", "Port", "i-1", Some("80")),
        ]);
        let d1 = dataset(&[("run1.json", &run1)]);
        let mut store = TriageStore::default();
        let key = content_key(&d1.findings[0].rec);
        store.set(Some("arn:r1/f/1"), key, Status::AcceptedRisk, "VPN only", t(100));
        let m1 = store.match_all(&d1);
        assert_eq!(
            m1.get(0),
            Some(Match {
                mark: 0,
                kind: MatchKind::Arn
            })
        );
        assert_eq!(m1.get(1), None, "another port is another issue");
        assert_eq!(&*m1.codes, &[Status::AcceptedRisk.code(), UNTRIAGED]);
        assert_eq!(m1.counts(), [0, 1, 0, 0, 1]);

        // A later run: new ARNs, same rule/instance/package/port.
        let run2 = doc(&[
            finding("arn:r2/f/9", "arn:r2", "Port", "i-1", Some("22")),
            finding("arn:r2/f/8", "arn:r2", "Port", "i-2", Some("22")),
        ]);
        let d2 = dataset(&[("run1.json", &run1), ("run2.json", &run2)]);
        let m2 = store.match_all(&d2);
        assert_eq!(m2.get(0).map(|m| m.kind), Some(MatchKind::Arn));
        assert_eq!(
            m2.get(2),
            Some(Match {
                mark: 0,
                kind: MatchKind::Key
            })
        );
        assert_eq!(m2.get(3), None, "another instance is another issue");

        // Marking the later finding itself: its own mark wins over the carried one.
        let k2 = content_key(&d2.findings[2].rec);
        store.set(Some("arn:r2/f/9"), k2, Status::Fixed, "", t(200));
        let m3 = store.match_all(&d2);
        assert_eq!(
            m3.get(2),
            Some(Match {
                mark: 1,
                kind: MatchKind::Arn
            })
        );
        // The newest mark with a key is the one carried (run 1's finding keeps its own).
        assert_eq!(
            m3.get(0),
            Some(Match {
                mark: 0,
                kind: MatchKind::Arn
            })
        );
        let only_run2_key = dataset(&[(
            "run3.json",
            &doc(&[finding("arn:r3/f/1", "arn:r3", "Port", "i-1", Some("22"))]),
        )]);
        let m4 = store.match_all(&only_run2_key);
        assert_eq!(
            m4.get(0),
            Some(Match {
                mark: 1,
                kind: MatchKind::Key
            })
        );
        assert_eq!(m4.code(0), Status::Fixed.code());
        assert_eq!(m4.code(7), UNTRIAGED);
    }

    #[test]
    fn set_replaces_the_findings_own_mark_and_remove_drops_it() {
        let mut s = TriageStore::default();
        s.set(Some("arn:a"), Some("k".into()), Status::Open, "first", t(1));
        s.set(Some("arn:a"), Some("k".into()), Status::FalsePositive, "second", t(2));
        s.set(Some("arn:b"), Some("k".into()), Status::Open, "", t(3));
        s.set(None, None, Status::Open, "ignored: nothing to key by", t(4));
        assert_eq!(s.len(), 2);
        assert_eq!(s.marks()[0].status, Status::FalsePositive);
        assert_eq!(s.marks()[0].note, "second");
        assert!(s.remove("arn:a"));
        assert!(!s.remove("arn:a"));
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn sidecar_round_trips() {
        let mut s = TriageStore::default();
        s.set(
            Some("arn:a"),
            Some("rule=R|instance=i-1|package=p|port=".into()),
            Status::AcceptedRisk,
            "multi\nline \"quoted\" ✓",
            t(1_700_000_000),
        );
        s.set(
            None,
            Some("rule=Q|instance=i-2|package=p|port=443".into()),
            Status::Fixed,
            "",
            Timestamp::from_micros(1_700_000_000_123_000),
        );
        let text = s.to_sidecar();
        assert!(text.contains(r#""version": 1"#), "{text}");
        assert!(text.contains(r#""updatedAt": "2023-11-14T22:13:20.000Z""#), "{text}");
        let back = parse_sidecar(&text).unwrap_or_default();
        assert_eq!(back.skipped, Vec::<String>::new());
        let mut t2 = TriageStore::default();
        t2.merge(back.marks);
        assert_eq!(t2, s);
    }

    #[test]
    fn sidecar_errors_are_values() {
        let err = |text: &str| parse_sidecar(text).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err("nope").starts_with("not JSON"));
        assert!(err("[1]").contains("expected an object"));
        assert!(err(r#"{"marks":[]}"#).contains("no \"version\""));
        assert!(err(r#"{"version":2,"marks":[]}"#).contains("unsupported sidecar version 2"));
        assert!(err(r#"{"version":"1","marks":[]}"#).contains("unsupported"));
        assert!(err(r#"{"version":1,"marks":{}}"#).contains("\"marks\" is not a list"));
        let ok = parse_sidecar(
            r#"{"version":1,"marks":[
            {"arn":"arn:a","status":"fixed","updatedAt":"2024-01-01T00:00:00Z"},
            {"arn":"arn:b","status":"wontfix","updatedAt":"2024-01-01T00:00:00Z"},
            {"status":"open","updatedAt":"2024-01-01T00:00:00Z"},
            {"arn":"arn:c","status":"open","updatedAt":"yesterday"},
            {"arn":"arn:d","status":"open"},
            {"arn":7,"status":"open","updatedAt":1},
            "x",
            {"key":"k","status":"open","note":null,"updatedAt":1704067200000}
        ]}"#,
        )
        .unwrap_or_default();
        assert_eq!(ok.marks.len(), 2);
        assert_eq!(ok.marks[1].updated_at, t(1_704_067_200));
        assert_eq!(ok.marks[1].note, "");
        let skipped = ok.skipped.join("\n");
        for part in [
            "marks[1]: unknown status \"wontfix\"",
            "marks[2]: has neither",
            "marks[3]: \"updatedAt\" is not a time",
            "marks[4]: no \"updatedAt\"",
            "marks[5]: \"arn\" is not a string",
            "marks[6]: not an object",
        ] {
            assert!(skipped.contains(part), "{part} in {skipped}");
        }
        let long = format!(
            r#"{{"version":1,"marks":[{{"arn":"a","status":"open","updatedAt":1,"note":"{}"}}]}}"#,
            "x".repeat(MAX_NOTE_CHARS + 1)
        );
        assert_eq!(parse_sidecar(&long).map(|s| s.skipped.len()), Ok(1));
    }

    #[test]
    fn merge_keeps_the_newer_copy() {
        let mark = |arn: Option<&str>, key: Option<&str>, status, secs| Mark {
            arn: arn.map(Into::into),
            key: key.map(Into::into),
            status,
            note: String::new(),
            updated_at: t(secs),
        };
        let mut s = TriageStore::default();
        s.merge(vec![
            mark(Some("arn:a"), None, Status::Open, 10),
            mark(Some("arn:b"), None, Status::Open, 10),
            mark(None, Some("k"), Status::Open, 10),
        ]);
        let out = s.merge(vec![
            mark(Some("arn:a"), None, Status::Fixed, 20),     // newer: replaces
            mark(Some("arn:b"), None, Status::Fixed, 5),      // older: kept out
            mark(None, Some("k"), Status::FalsePositive, 10), // tie: store wins
            mark(Some("arn:c"), Some("k"), Status::Open, 1),  // new ARN: added
            mark(None, None, Status::Open, 99),               // unidentifiable: ignored
        ]);
        assert_eq!(
            out,
            MergeOutcome {
                added: 1,
                updated: 1,
                kept: 2
            }
        );
        let statuses: Vec<Status> = s.marks().iter().map(|m| m.status).collect();
        assert_eq!(statuses, [Status::Fixed, Status::Open, Status::Open, Status::Open]);
    }

    #[test]
    fn the_triage_facet_filters_and_combines_with_other_facets() {
        use crate::query::{Dim, Filters, FindingIndex, Sort};
        let high = finding("arn:r1/f/1", "arn:r1", "A", "i-1", None);
        let low = finding("arn:r1/f/2", "arn:r1", "B", "i-1", None).replace("\"High\"", "\"Low\"");
        let other = finding("arn:r1/f/3", "arn:r1", "C", "i-2", None);
        let d = dataset(&[("a.json", &doc(&[high, low, other]))]);
        let ix = FindingIndex::build(&d);
        let mut store = TriageStore::default();
        for i in [0usize, 1] {
            let f = &d.findings[i].rec;
            store.set(f.arn.as_deref(), content_key(f), Status::AcceptedRisk, "", t(1));
        }
        let m = store.match_all(&d);
        let mut filters = Filters::default();
        filters.toggle(Dim::Triage, "accepted-risk");
        let r = ix.query_triaged(&filters, Sort::default(), &m.codes);
        assert_eq!(&*r.rows, &[0, 1]);
        let facet = r.facets.iter().find(|f| f.dim == Dim::Triage).map(|f| {
            f.values
                .iter()
                .map(|v| (v.value.as_str(), v.label.as_str(), v.count))
                .collect::<Vec<_>>()
        });
        // Counts ignore the facet's own selection; values in status order.
        assert_eq!(
            facet,
            Some(vec![
                ("accepted-risk", "Accepted risk", 2),
                ("untriaged", "Untriaged", 1)
            ])
        );
        filters.toggle(Dim::Severity, "Low");
        let r = ix.query_triaged(&filters, Sort::default(), &m.codes);
        assert_eq!(&*r.rows, &[1]);
        filters.toggle(Dim::Triage, "untriaged");
        let r = ix.query_triaged(&filters, Sort::default(), &m.codes);
        assert_eq!(&*r.rows, &[1], "OR within the facet, AND with severity");
        // Without a column every finding is untriaged.
        let mut only_untriaged = Filters::default();
        only_untriaged.toggle(Dim::Triage, "untriaged");
        assert_eq!(ix.query(&only_untriaged, Sort::default()).total, 3);
        assert_eq!(ix.value_id(Dim::Triage, "bogus"), None);
        assert_eq!(ix.label(Dim::Triage, 3), "Fixed");
    }

    #[test]
    fn an_empty_store_matches_nothing_cheaply() {
        let d = dataset(&[("a.json", &doc(&[finding("arn:1", "arn:r", "R", "i-1", None)]))]);
        let m = TriageStore::default().match_all(&d);
        assert_eq!(m.matches, vec![None]);
        assert_eq!(m.counts(), [0, 0, 0, 0, 1]);
    }
}
