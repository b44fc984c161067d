//! Comparing two assessment runs (or two sets of files): which findings are new, fixed,
//! unchanged, or changed severity.
//!
//! Finding ARNs differ from run to run, so findings are matched by what survives between runs:
//! rule id + instance + rules package, plus the `PORT` attribute when present (Network
//! Reachability reports several findings per instance with the same id, one per port). A key
//! can still repeat within one side (e.g. two sets of files holding several runs): copies are
//! then paired in `createdAt` order, and the extra ones count as new or fixed.

use super::export::push_csv_line;
use super::index::natural_cmp;
use crate::ingest::Dataset;
use crate::model::sort::SharedSort as _;
use crate::model::{Finding, Severity, Str, Timestamp};
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// What happened to a finding between side A and side B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// In B, not in A.
    New,
    /// In A, not in B.
    Fixed,
    /// In both, with another severity.
    Changed,
    /// In both, same severity.
    Unchanged,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::New, Status::Fixed, Status::Changed, Status::Unchanged];

    pub fn key(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Fixed => "fixed",
            Status::Changed => "changed",
            Status::Unchanged => "unchanged",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::New => "New",
            Status::Fixed => "Fixed",
            Status::Changed => "Severity changed",
            Status::Unchanged => "Unchanged",
        }
    }

    pub fn from_key(k: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == k)
    }
}

/// The identity of a finding across runs. Missing parts are empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FindingKey {
    pub rule_id: Str,
    pub instance: Str,
    pub package: Str,
    pub port: Str,
}

impl FindingKey {
    pub fn of(f: &Finding) -> FindingKey {
        let s = |v: Option<&Str>| v.cloned().unwrap_or_else(|| Str::from(""));
        FindingKey {
            rule_id: s(f.id.as_ref()),
            instance: s(f.instance_id()),
            package: s(f.rules_package_arn()),
            port: s(f.attribute("PORT")),
        }
    }
}

/// One line of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffRow {
    pub status: Status,
    pub key: FindingKey,
    /// The finding on side A / side B (indices into `data.findings`).
    pub a: Option<u32>,
    pub b: Option<u32>,
    /// Severity on side A (`from`) and side B (`to`).
    pub from: Option<Str>,
    pub to: Option<Str>,
    /// Title of the B finding, else the A finding.
    pub title: Option<Str>,
    /// The instance's `Name` tag, when known.
    pub instance_name: Option<Str>,
    /// The rules package's name (its ARN when unknown).
    pub package_name: Str,
    /// Lower-cased text the search looks in.
    search: Box<str>,
}

impl DiffRow {
    /// The severity to sort and colour by: B's, else A's.
    pub fn severity(&self) -> Option<&Str> {
        self.to.as_ref().or(self.from.as_ref())
    }

    fn rank(&self) -> u8 {
        self.severity()
            .and_then(|s| Severity::parse(s))
            .map_or(5, Severity::rank)
    }

    /// The instance as the findings table shows it: `i-… (Name)`.
    pub fn instance_label(&self) -> String {
        match &self.instance_name {
            Some(n) if !self.key.instance.is_empty() => format!("{} ({n})", self.key.instance),
            _ => self.key.instance.to_string(),
        }
    }

    pub fn matches(&self, needle_lower: &str) -> bool {
        needle_lower.is_empty() || self.search.contains(needle_lower)
    }
}

/// Findings per status, and on each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiffCounts {
    pub new: usize,
    pub fixed: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Findings on side A / side B.
    pub a: usize,
    pub b: usize,
}

impl DiffCounts {
    pub fn get(&self, s: Status) -> usize {
        match s {
            Status::New => self.new,
            Status::Fixed => self.fixed,
            Status::Changed => self.changed,
            Status::Unchanged => self.unchanged,
        }
    }

    fn bump(&mut self, s: Status) {
        match s {
            Status::New => self.new += 1,
            Status::Fixed => self.fixed += 1,
            Status::Changed => self.changed += 1,
            Status::Unchanged => self.unchanged += 1,
        }
    }
}

/// The result of comparing side A with side B.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    /// New first, then fixed, changed, unchanged; most severe first within each.
    pub rows: Vec<DiffRow>,
    pub counts: DiffCounts,
}

/// Compares findings `a` with findings `b` (indices into `data.findings`).
pub fn compare(data: &Dataset, a: &[u32], b: &[u32]) -> Comparison {
    let mut by_key: HashMap<FindingKey, (Vec<u32>, Vec<u32>)> = HashMap::default();
    let valid = |i: &&u32| (**i as usize) < data.findings.len();
    for &i in a.iter().filter(valid) {
        by_key
            .entry(FindingKey::of(&data.findings[i as usize].rec))
            .or_default()
            .0
            .push(i);
    }
    for &i in b.iter().filter(valid) {
        by_key
            .entry(FindingKey::of(&data.findings[i as usize].rec))
            .or_default()
            .1
            .push(i);
    }
    let order = |x: &u32, y: &u32| {
        let (f, g) = (&data.findings[*x as usize].rec, &data.findings[*y as usize].rec);
        f.created_at
            .cmp(&g.created_at)
            .then_with(|| f.arn.cmp(&g.arn))
            .then_with(|| x.cmp(y))
    };
    let mut out = Comparison::default();
    for (key, (mut xs, mut ys)) in by_key {
        xs.shared_sort_by(order);
        ys.shared_sort_by(order);
        out.counts.a += xs.len();
        out.counts.b += ys.len();
        for j in 0..xs.len().max(ys.len()) {
            let (fa, fb) = (xs.get(j).copied(), ys.get(j).copied());
            let rec = |i: Option<u32>| i.and_then(|i| data.findings.get(i as usize)).map(|m| &*m.rec);
            let (ra, rb) = (rec(fa), rec(fb));
            let from = ra.and_then(|f| f.severity.clone());
            let to = rb.and_then(|f| f.severity.clone());
            let status = match (ra, rb) {
                (Some(_), None) => Status::Fixed,
                (None, _) => Status::New,
                (Some(_), Some(_)) if from == to => Status::Unchanged,
                (Some(_), Some(_)) => Status::Changed,
            };
            let shown = rb.or(ra);
            let title = shown.and_then(|f| f.title.clone());
            let instance_name = rb
                .and_then(Finding::instance_name)
                .or_else(|| ra.and_then(Finding::instance_name))
                .cloned();
            let package_name = if key.package.is_empty() {
                key.package.clone()
            } else {
                data.package_name(&key.package).unwrap_or_else(|| key.package.clone())
            };
            let search = [
                title.as_deref().unwrap_or(""),
                &key.rule_id,
                &key.instance,
                instance_name.as_deref().unwrap_or(""),
                &package_name,
                &key.port,
                ra.and_then(|f| f.arn.as_deref()).unwrap_or(""),
                rb.and_then(|f| f.arn.as_deref()).unwrap_or(""),
            ]
            .join("\n")
            .to_lowercase()
            .into_boxed_str();
            out.counts.bump(status);
            out.rows.push(DiffRow {
                status,
                key: key.clone(),
                a: fa,
                b: fb,
                from,
                to,
                title,
                instance_name,
                package_name,
                search,
            });
        }
    }
    out.rows.shared_sort_by(|x, y| {
        x.status
            .cmp(&y.status)
            .then_with(|| x.rank().cmp(&y.rank()))
            .then_with(|| natural_cmp(&x.key.rule_id, &y.key.rule_id))
            .then_with(|| natural_cmp(&x.key.instance, &y.key.instance))
            .then_with(|| natural_cmp(&x.key.port, &y.key.port))
            .then_with(|| x.key.cmp(&y.key))
            .then_with(|| x.a.cmp(&y.a).then_with(|| x.b.cmp(&y.b)))
    });
    out
}

/// Positions (into `c.rows`) of the rows with one of `statuses` (all when empty) whose text
/// contains `search` (case-insensitive).
pub fn filter_rows(c: &Comparison, statuses: &BTreeSet<Status>, search: &str) -> Vec<usize> {
    let needle = search.trim().to_lowercase();
    c.rows
        .iter()
        .enumerate()
        .filter(|(_, r)| statuses.is_empty() || statuses.contains(&r.status))
        .filter(|(_, r)| r.matches(&needle))
        .map(|(i, _)| i)
        .collect()
}

/// Header of [`diff_csv`].
pub const DIFF_CSV_HEADER: [&str; 11] = [
    "Status",
    "Severity (A)",
    "Severity (B)",
    "Rule ID",
    "Title",
    "Rules package",
    "Instance ID",
    "Name tag",
    "Port",
    "Finding ARN (A)",
    "Finding ARN (B)",
];

/// The rows `rows` (positions into `c.rows`) as a formula-safe CSV with a BOM.
pub fn diff_csv(data: &Dataset, c: &Comparison, rows: &[usize]) -> String {
    let mut out = String::new();
    out.push(super::export::BOM);
    push_csv_line(&mut out, DIFF_CSV_HEADER);
    let arn = |i: Option<u32>| {
        i.and_then(|i| data.findings.get(i as usize))
            .and_then(|m| m.rec.arn.as_deref())
            .unwrap_or("")
            .to_owned()
    };
    for r in rows.iter().filter_map(|&i| c.rows.get(i)) {
        let s = |v: &Option<Str>| v.as_deref().unwrap_or("").to_owned();
        push_csv_line(
            &mut out,
            [
                r.status.label().to_owned(),
                s(&r.from),
                s(&r.to),
                r.key.rule_id.to_string(),
                s(&r.title),
                r.package_name.to_string(),
                r.key.instance.to_string(),
                s(&r.instance_name),
                r.key.port.to_string(),
                arn(r.a),
                arn(r.b),
            ],
        );
    }
    out
}

/// What one side of a comparison is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Side {
    /// The findings of one run (by `serviceAttributes.assessmentRunArn`).
    Run(Str),
    /// The findings read from these files (indices into `data.files`).
    Files(BTreeSet<usize>),
}

/// The findings of one side, in dataset order.
pub fn side_findings(data: &Dataset, side: &Side) -> Vec<u32> {
    data.findings
        .iter()
        .enumerate()
        .filter(|(_, m)| match side {
            Side::Run(arn) => m.rec.run_arn().is_some_and(|r| **r == **arn),
            Side::Files(files) => m.sources.iter().any(|s| files.contains(&s.file)),
        })
        .filter_map(|(i, _)| u32::try_from(i).ok())
        .collect()
}

/// A run that can be picked for a side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunChoice {
    pub arn: Str,
    /// The run's name, else the tail of its ARN.
    pub label: String,
    /// The template ARN: the run's `assessmentTemplateArn`, else read from the run ARN.
    pub template: Option<Str>,
    /// When the run happened: completed, started or created; else its newest finding.
    pub at: Option<Timestamp>,
    /// Findings loaded for the run.
    pub findings: usize,
}

/// `…/template/0-x/run/0-y` → `…/template/0-x`.
fn template_of_run_arn(arn: &str) -> Option<Str> {
    let i = arn.rfind("/run/")?;
    arn[..i].contains("/template/").then(|| Str::from(&arn[..i]))
}

/// Every run known from run records or findings, newest first.
pub fn run_choices(data: &Dataset) -> Vec<RunChoice> {
    let mut found: HashMap<Str, (usize, Option<Timestamp>)> = HashMap::default();
    let mut order: Vec<Str> = Vec::new();
    for m in &data.findings {
        let Some(arn) = m.rec.run_arn() else { continue };
        let e = found.entry(arn.clone()).or_insert_with(|| {
            order.push(arn.clone());
            (0, None)
        });
        e.0 += 1;
        e.1 = e.1.max(m.rec.created_at);
    }
    let mut out: Vec<RunChoice> = Vec::new();
    let mut seen: BTreeSet<Str> = BTreeSet::new();
    for r in &data.runs {
        let Some(arn) = r.rec.arn.clone() else { continue };
        if !seen.insert(arn.clone()) {
            continue;
        }
        let (findings, newest) = found.get(&arn).copied().unwrap_or((0, None));
        out.push(RunChoice {
            label: r
                .rec
                .name
                .as_deref()
                .map_or_else(|| super::runs::arn_tail(&arn).to_owned(), ToOwned::to_owned),
            template: r
                .rec
                .assessment_template_arn
                .clone()
                .or_else(|| template_of_run_arn(&arn)),
            at: r.rec.completed_at.or(r.rec.started_at).or(r.rec.created_at).or(newest),
            findings,
            arn,
        });
    }
    for arn in order {
        if !seen.insert(arn.clone()) {
            continue;
        }
        let (findings, newest) = found.get(&arn).copied().unwrap_or((0, None));
        out.push(RunChoice {
            label: super::runs::arn_tail(&arn).to_owned(),
            template: template_of_run_arn(&arn),
            at: newest,
            findings,
            arn,
        });
    }
    out.shared_sort_by(|x, y| match (x.at, y.at) {
        (Some(p), Some(q)) if p != q => q.cmp(&p),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        _ => natural_cmp(&x.label, &y.label).then_with(|| x.arn.cmp(&y.arn)),
    });
    out
}

/// The default pair (A, B): the newest run that has findings and an earlier run of the same
/// template with findings (B = the newer). Else the two newest runs with findings.
pub fn default_pair(choices: &[RunChoice]) -> Option<(Str, Str)> {
    let with: Vec<&RunChoice> = choices.iter().filter(|c| c.findings > 0).collect();
    for (i, b) in with.iter().enumerate() {
        let Some(t) = &b.template else { continue };
        if let Some(a) = with[i + 1..].iter().find(|a| a.template.as_ref() == Some(t)) {
            return Some((a.arn.clone(), b.arn.clone()));
        }
    }
    match with.as_slice() {
        [b, a, ..] => Some((a.arn.clone(), b.arn.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::ingest::{read_file, Context, LoadedFile, Options};
    use std::rc::Rc;

    const RUN_A: &str = "arn:aws:inspector:us-east-1:123456789012:target/0-t/template/0-p/run/0-a";
    const RUN_B: &str = "arn:aws:inspector:us-east-1:123456789012:target/0-t/template/0-p/run/0-b";
    const CVE: &str = "arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7";
    const NR: &str = "arn:aws:inspector:us-east-1:316112463485:rulespackage/0-PmNV0Tcd";

    fn load(name: &str, text: &str) -> LoadedFile {
        read_file(
            name,
            text.as_bytes().to_vec(),
            &mut Context::default(),
            Options::default(),
        )
    }

    fn dataset(files: Vec<LoadedFile>) -> Dataset {
        Dataset::merge(files.into_iter().map(Rc::new).collect())
    }

    struct F<'a> {
        n: u32,
        run: &'a str,
        pkg: &'a str,
        id: &'a str,
        inst: &'a str,
        sev: &'a str,
        port: Option<&'a str>,
    }

    fn json(f: &F<'_>) -> String {
        let port = f
            .port
            .map(|p| format!(r#",{{"key":"PORT","value":"{p}"}}"#))
            .unwrap_or_default();
        format!(
            r#"{{"arn":"{run}/finding/0-{n:08}","serviceAttributes":{{"schemaVersion":1,"assessmentRunArn":"{run}","rulesPackageArn":"{pkg}"}},
            "assetAttributes":{{"schemaVersion":1,"agentId":"{inst}","tags":[{{"key":"Name","value":"n-{inst}"}}]}},"id":"{id}","title":"{id} on {inst}",
            "severity":"{sev}","attributes":[{{"key":"INSTANCE_ID","value":"{inst}"}}{port}],"userAttributes":[],"createdAt":{t},"updatedAt":{t}}}"#,
            run = f.run,
            pkg = f.pkg,
            id = f.id,
            inst = f.inst,
            sev = f.sev,
            n = f.n,
            t = 1_550_000_000 + f.n,
        )
    }

    fn doc(fs: &[F<'_>]) -> String {
        let items: Vec<String> = fs.iter().map(json).collect();
        format!(r#"{{"findings":[{}],"failedItems":{{}}}}"#, items.join(","))
    }

    fn f<'a>(n: u32, run: &'a str, pkg: &'a str, id: &'a str, inst: &'a str, sev: &'a str) -> F<'a> {
        F {
            n,
            run,
            pkg,
            id,
            inst,
            sev,
            port: None,
        }
    }

    fn sample() -> Dataset {
        let a = doc(&[
            f(1, RUN_A, CVE, "CVE-1", "i-1", "High"),   // unchanged
            f(2, RUN_A, CVE, "CVE-2", "i-1", "Medium"), // changed → High
            f(3, RUN_A, CVE, "CVE-3", "i-1", "Low"),    // fixed
            f(4, RUN_A, CVE, "CVE-1", "i-2", "High"),   // unchanged (other instance)
            F {
                port: Some("22"),
                ..f(5, RUN_A, NR, "Recognized port", "i-1", "Medium")
            }, // unchanged
            F {
                port: Some("3389"),
                ..f(6, RUN_A, NR, "Recognized port", "i-1", "Medium")
            }, // fixed
        ]);
        let b = doc(&[
            f(11, RUN_B, CVE, "CVE-1", "i-1", "High"),
            f(12, RUN_B, CVE, "CVE-2", "i-1", "High"),
            f(14, RUN_B, CVE, "CVE-1", "i-2", "High"),
            f(15, RUN_B, CVE, "=HYPERLINK(\\\"x\\\")", "i-3", "Low"), // new
            F {
                port: Some("22"),
                ..f(16, RUN_B, NR, "Recognized port", "i-1", "Medium")
            },
            F {
                port: Some("80"),
                ..f(17, RUN_B, NR, "Recognized port", "i-1", "Low")
            }, // new
        ]);
        dataset(vec![load("a.json", &a), load("b.json", &b)])
    }

    #[test]
    fn runs_are_matched_by_rule_instance_package_and_port() {
        let data = sample();
        let a = side_findings(&data, &Side::Run(Str::from(RUN_A)));
        let b = side_findings(&data, &Side::Run(Str::from(RUN_B)));
        assert_eq!((a.len(), b.len()), (6, 6));
        let c = compare(&data, &a, &b);
        let k = c.counts;
        assert_eq!((k.new, k.fixed, k.changed, k.unchanged, k.a, k.b), (2, 2, 1, 3, 6, 6));
        // Ordering: new, fixed, changed, unchanged; most severe first.
        let statuses: Vec<Status> = c.rows.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [
                Status::New,
                Status::New,
                Status::Fixed,
                Status::Fixed,
                Status::Changed,
                Status::Unchanged,
                Status::Unchanged,
                Status::Unchanged
            ]
        );
        assert_eq!(c.rows[0].to.as_deref(), Some("Low"));
        let changed = &c.rows[4];
        assert_eq!(
            (changed.from.as_deref(), changed.to.as_deref()),
            (Some("Medium"), Some("High"))
        );
        assert_eq!(&*changed.key.rule_id, "CVE-2");
        assert_eq!(changed.instance_label(), "i-1 (n-i-1)");
        assert_eq!(&*changed.package_name, "Common Vulnerabilities and Exposures");
        let fixed_ports: Vec<&str> = c
            .rows
            .iter()
            .filter(|r| r.status == Status::Fixed)
            .map(|r| &*r.key.port)
            .collect();
        assert_eq!(fixed_ports, ["3389", ""], "most severe first");
        // Every finding of each side appears exactly once.
        let mut seen_a: Vec<u32> = c.rows.iter().filter_map(|r| r.a).collect();
        let mut seen_b: Vec<u32> = c.rows.iter().filter_map(|r| r.b).collect();
        seen_a.sort_unstable();
        seen_b.sort_unstable();
        assert_eq!((&seen_a, &seen_b), (&a, &b));
        // Swapping sides swaps new and fixed.
        let r = compare(&data, &b, &a).counts;
        assert_eq!((r.new, r.fixed, r.changed, r.unchanged), (2, 2, 1, 3));
        // A run against itself: all unchanged.
        let s = compare(&data, &a, &a).counts;
        assert_eq!((s.new, s.fixed, s.changed, s.unchanged), (0, 0, 0, 6));
    }

    #[test]
    fn filter_by_status_and_text_and_export_csv() {
        let data = sample();
        let c = compare(
            &data,
            &side_findings(&data, &Side::Run(Str::from(RUN_A))),
            &side_findings(&data, &Side::Run(Str::from(RUN_B))),
        );
        let none = BTreeSet::new();
        assert_eq!(filter_rows(&c, &none, "").len(), 8);
        let new: BTreeSet<Status> = [Status::New].into();
        assert_eq!(filter_rows(&c, &new, "").len(), 2);
        assert_eq!(filter_rows(&c, &none, "  RECOGNIZED port ").len(), 3);
        assert_eq!(filter_rows(&c, &new, "recognized").len(), 1);
        assert_eq!(filter_rows(&c, &none, "n-i-2").len(), 1);
        assert_eq!(filter_rows(&c, &none, "network reachability").len(), 3);
        assert_eq!(filter_rows(&c, &none, "0-00000003").len(), 1, "A's ARN is searchable");
        let rows = filter_rows(&c, &new, "");
        let text = diff_csv(&data, &c, &rows);
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines.len(), 4, "{lines:?}"); // header, 2 rows, trailing empty
        assert_eq!(lines[0], DIFF_CSV_HEADER.join(","));
        assert!(
            lines[1].starts_with("New,,Low,\"'=HYPERLINK(\"\"x\"\")\","),
            "{}",
            lines[1]
        );
        assert!(
            lines[1].ends_with(&format!(",i-3,n-i-3,,,{RUN_B}/finding/0-00000015")),
            "{}",
            lines[1]
        );
        assert_eq!(lines[3], "");
    }

    #[test]
    fn repeated_keys_pair_in_order_and_file_sets_work() {
        // Side A = file a.json, side B = file b.json; a key twice in A and once in B.
        let a = doc(&[
            f(1, RUN_A, CVE, "CIS 1.1", "i-1", "High"),
            f(2, RUN_A, CVE, "CIS 1.1", "i-1", "Low"),
        ]);
        let b = doc(&[f(3, RUN_B, CVE, "CIS 1.1", "i-1", "High")]);
        let data = dataset(vec![load("a.json", &a), load("b.json", &b)]);
        let sa = side_findings(&data, &Side::Files([0].into()));
        let sb = side_findings(&data, &Side::Files([1].into()));
        let both = side_findings(&data, &Side::Files([0, 1].into()));
        assert_eq!((sa.len(), sb.len(), both.len()), (2, 1, 3));
        let c = compare(&data, &sa, &sb).counts;
        assert_eq!((c.new, c.fixed, c.changed, c.unchanged), (0, 1, 0, 1));
        // Out-of-range indices are ignored.
        let c = compare(&data, &[99], &sb).counts;
        assert_eq!((c.new, c.a), (1, 0));
    }

    #[test]
    fn default_pair_is_the_newest_run_and_the_previous_run_of_its_template() {
        let t1 = "arn:aws:inspector:us-east-1:1:target/0-t/template/0-one";
        let t2 = "arn:aws:inspector:us-east-1:1:target/0-t/template/0-two";
        let runs = [
            format!("{t1}/run/0-r1"),
            format!("{t2}/run/0-r2"),
            format!("{t1}/run/0-r3"),
            format!("{t2}/run/0-r4"),
            format!("{t1}/run/0-r5"),
        ];
        // r5 is newest but has no findings; r4 is the newest with findings, r2 its predecessor.
        let fs: Vec<F<'_>> = (0..4)
            .flat_map(|i| {
                let run = runs[i].as_str();
                [f(u32::try_from(i * 100).unwrap(), run, CVE, "CVE-1", "i-1", "High")]
            })
            .collect();
        let runs_doc = format!(
            r#"{{"assessmentRuns":[{}],"failedItems":{{}}}}"#,
            runs.iter()
                .enumerate()
                .map(|(i, r)| format!(
                    r#"{{"arn":"{r}","name":"Run {}","assessmentTemplateArn":"{}","state":"COMPLETED","completedAt":{}}}"#,
                    i + 1,
                    if i % 2 == 0 { t1 } else { t2 },
                    1_560_000_000 + i * 1000
                ))
                .collect::<Vec<_>>()
                .join(",")
        );
        let data = dataset(vec![load("f.json", &doc(&fs)), load("runs.json", &runs_doc)]);
        let choices = run_choices(&data);
        let labels: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["Run 5", "Run 4", "Run 3", "Run 2", "Run 1"]);
        assert_eq!(choices[0].findings, 0);
        assert_eq!(choices[1].findings, 1);
        assert_eq!(choices[1].template.as_deref(), Some(t2));
        let (a, b) = default_pair(&choices).unwrap();
        assert_eq!((&*a, &*b), (runs[1].as_str(), runs[3].as_str()));

        // Findings only (no run records): templates come from the run ARNs, times from findings.
        let data = dataset(vec![load("f.json", &doc(&fs))]);
        let choices = run_choices(&data);
        assert_eq!(choices.len(), 4);
        assert_eq!(choices[0].label, "0-r4");
        assert_eq!(choices[0].template.as_deref(), Some(t2));
        let (a, b) = default_pair(&choices).unwrap();
        assert_eq!((&*a, &*b), (runs[1].as_str(), runs[3].as_str()));

        // Nothing to pair.
        assert_eq!(default_pair(&[]), None);
        let one = dataset(vec![load("f.json", &doc(&fs[..1]))]);
        assert_eq!(default_pair(&run_choices(&one)), None);
        // Two runs of different templates: the two newest.
        let two = dataset(vec![load("f.json", &doc(&fs[..2]))]);
        let (a, b) = default_pair(&run_choices(&two)).unwrap();
        assert_eq!((&*a, &*b), (runs[0].as_str(), runs[1].as_str()));
    }

    /// Generated runs with known churn, checked against counts computed from the raw JSON.
    #[test]
    fn generated_runs_compare_like_an_independent_count() {
        use crate::generate::{GenConfig, Layout};
        use std::collections::{HashMap as Map, HashSet};
        let cfg = GenConfig::default()
            .with_runs(2)
            .with_templates(1)
            .with_findings(400)
            .with_mixed_states(false)
            .with_seed(5)
            .with_layout(Layout::Single);
        let ds = cfg.build().unwrap();
        let mut bytes = Vec::new();
        ds.write_findings(&mut bytes, cfg.layout, cfg.format).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let mut runs_bytes = Vec::new();
        ds.write_describe_assessment_runs(&mut runs_bytes, cfg.format).unwrap();
        let data = dataset(vec![
            load("f.json", &text),
            load("runs.json", std::str::from_utf8(&runs_bytes).unwrap()),
        ]);
        let info = ds.runs();
        let (a, b) = default_pair(&run_choices(&data)).unwrap();
        assert_eq!((&*a, &*b), (info[0].arn.as_str(), info[1].arn.as_str()));

        // Independent count over the JSON: (id, agentId, package, PORT) → severity per run.
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        type Key = (String, String, String, String);
        let mut per_run: Map<String, Map<Key, String>> = Map::new();
        for f in v["findings"].as_array().unwrap() {
            let st = |x: &serde_json::Value| x.as_str().unwrap_or("").to_owned();
            let port = f["attributes"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["key"] == "PORT")
                .map(|a| st(&a["value"]))
                .unwrap_or_default();
            let key = (
                st(&f["id"]),
                st(&f["assetAttributes"]["agentId"]),
                st(&f["serviceAttributes"]["rulesPackageArn"]),
                port,
            );
            let prev = per_run
                .entry(st(&f["serviceAttributes"]["assessmentRunArn"]))
                .or_default()
                .insert(key, st(&f["severity"]));
            assert!(prev.is_none());
        }
        let (pa, pb) = (&per_run[&info[0].arn], &per_run[&info[1].arn]);
        let ka: HashSet<_> = pa.keys().collect();
        let kb: HashSet<_> = pb.keys().collect();
        let common: Vec<_> = ka.intersection(&kb).collect();
        let changed = common.iter().filter(|k| pa[**k] != pb[**k]).count();
        let want = (
            kb.len() - common.len(),
            ka.len() - common.len(),
            changed,
            common.len() - changed,
        );

        let c = compare(
            &data,
            &side_findings(&data, &Side::Run(a.clone())),
            &side_findings(&data, &Side::Run(b.clone())),
        )
        .counts;
        assert_eq!((c.new, c.fixed, c.changed, c.unchanged), want);
        assert!(c.new > 0 && c.fixed > 0 && c.changed > 0 && c.unchanged > 0, "{c:?}");
    }

    #[test]
    fn statuses_round_trip_their_keys() {
        for s in Status::ALL {
            assert_eq!(Status::from_key(s.key()), Some(s));
        }
        assert_eq!(Status::from_key("x"), None);
        assert_eq!(template_of_run_arn("arn:x/run/1"), None);
        assert_eq!(
            template_of_run_arn("a/template/t/run/r").as_deref(),
            Some("a/template/t")
        );
    }
}
