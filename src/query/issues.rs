//! Validation issues grouped by file, then by rule, with counts per level — for the validation
//! panel. Counts include issues a file counted but did not keep (see `Options::max_issues`);
//! the kept ones are referenced by position, so a grouping is cheap to keep next to the data.

use crate::ingest::{Dataset, Issue, Level, LoadError, Rule};
use crate::model::sort::SharedSort as _;
use crate::model::Str;
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;

/// The levels, in display order.
pub const LEVELS: [Level; 3] = [Level::Error, Level::Warning, Level::Info];

/// Which issues the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueFilter {
    pub error: bool,
    pub warning: bool,
    pub info: bool,
    /// Only this rule (all rules when `None`).
    pub rule: Option<Rule>,
}

impl Default for IssueFilter {
    fn default() -> Self {
        IssueFilter {
            error: true,
            warning: true,
            info: true,
            rule: None,
        }
    }
}

impl IssueFilter {
    pub fn shows_level(&self, level: Level) -> bool {
        match level {
            Level::Error => self.error,
            Level::Warning => self.warning,
            Level::Info => self.info,
        }
    }

    pub fn shows(&self, level: Level, rule: Rule) -> bool {
        self.shows_level(level) && self.rule.is_none_or(|r| r == rule)
    }

    /// The same filter with `level` switched on or off.
    pub fn toggled(self, level: Level) -> IssueFilter {
        let mut f = self;
        match level {
            Level::Error => f.error = !f.error,
            Level::Warning => f.warning = !f.warning,
            Level::Info => f.info = !f.info,
        }
        f
    }
}

/// Issues per level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LevelCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl LevelCounts {
    pub fn get(&self, level: Level) -> usize {
        match level {
            Level::Error => self.error,
            Level::Warning => self.warning,
            Level::Info => self.info,
        }
    }

    pub fn add(&mut self, level: Level, n: usize) {
        let slot = match level {
            Level::Error => &mut self.error,
            Level::Warning => &mut self.warning,
            Level::Info => &mut self.info,
        };
        *slot = slot.saturating_add(n);
    }

    pub fn total(&self) -> usize {
        self.error.saturating_add(self.warning).saturating_add(self.info)
    }

    /// `2 errors, 1 warning, 0 info`.
    pub fn text(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}, {}, {} info",
            plural(self.error, "error", "errors"),
            plural(self.warning, "warning", "warnings"),
            self.info
        )
    }
}

/// Where a kept issue is: a file's own list, or the dataset's merge issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueAt {
    /// Index into the file's `report.issues`.
    Own(usize),
    /// Index into [`Dataset::merge_issues`].
    Merge(usize),
}

/// The record an issue can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordLink {
    Finding(Str),
    Run(Str),
}

/// One kept issue of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueItem {
    pub at: IssueAt,
    pub link: Option<RecordLink>,
}

/// The issues of one rule in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleGroup {
    pub rule: Rule,
    /// Every issue of this rule at the shown levels, kept or not.
    pub counts: LevelCounts,
    /// The kept issues at the shown levels, in file order (merge issues after the file's own).
    pub items: Vec<IssueItem>,
}

impl RuleGroup {
    /// Issues counted by the reader but not kept (beyond its per-file cap).
    pub fn not_kept(&self) -> usize {
        self.counts.total().saturating_sub(self.items.len())
    }
}

/// The issues of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileGroup {
    /// Index into [`Dataset::files`].
    pub file: usize,
    pub name: String,
    /// Why the file (or its rest) could not be used.
    pub error: Option<LoadError>,
    /// Every issue of the file, unfiltered.
    pub all: LevelCounts,
    /// Issues that pass the filter.
    pub counts: LevelCounts,
    /// The file's `issues_not_kept`: issues counted but not kept, at any level or rule.
    pub not_kept: usize,
    /// Rules with issues that pass the filter, in [`Rule::ALL`] order.
    pub rules: Vec<RuleGroup>,
}

/// The whole panel's content.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IssueGroups {
    pub files: Vec<FileGroup>,
    /// Over all files, unfiltered.
    pub all: LevelCounts,
    /// Over all files, filtered.
    pub counts: LevelCounts,
    /// Issues per rule over all files, at the shown levels (for the rule filter), every rule
    /// with at least one issue, in [`Rule::ALL`] order.
    pub rules: Vec<(Rule, usize)>,
    /// Indices of files that could not be used (`report.error`).
    pub unusable: Vec<usize>,
}

/// The kept issue at `at` of file `file`.
pub fn issue_at(data: &Dataset, file: usize, at: IssueAt) -> Option<&Issue> {
    match at {
        IssueAt::Own(i) => data.files.get(file)?.report.issues.get(i),
        IssueAt::Merge(i) => data.merge_issues.get(i).filter(|m| m.file == file).map(|m| &m.issue),
    }
}

/// What an issue's `record_arn` opens: a described run, else a loaded finding.
fn link(arn: Option<&Str>, findings: &HashSet<&str>, data: &Dataset) -> Option<RecordLink> {
    let arn = arn?;
    if data.run(arn).is_some() {
        Some(RecordLink::Run(arn.clone()))
    } else if findings.contains(&**arn) {
        Some(RecordLink::Finding(arn.clone()))
    } else {
        None
    }
}

/// Groups every file's issues (merge issues included) by file, then rule.
pub fn group_issues(data: &Dataset, filter: &IssueFilter) -> IssueGroups {
    let findings: HashSet<&str> = data.findings.iter().filter_map(|m| m.rec.arn.as_deref()).collect();
    // Merge issues by file, once.
    let mut merge_by_file: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, m) in data.merge_issues.iter().enumerate() {
        merge_by_file.entry(m.file).or_default().push(i);
    }
    let mut out = IssueGroups::default();
    let mut by_rule: BTreeMap<Rule, usize> = BTreeMap::new();
    for (fi, f) in data.files.iter().enumerate() {
        let report = &f.report;
        // (level, rule) → (counted, kept items)
        let mut cells: BTreeMap<(Rule, Level), (usize, Vec<IssueItem>)> = BTreeMap::new();
        for (&(level, rule), &n) in &report.counts {
            cells.entry((rule, level)).or_default().0 += n;
        }
        let mut kept: BTreeMap<(Rule, Level), usize> = BTreeMap::new();
        for (i, issue) in report.issues.iter().enumerate() {
            *kept.entry((issue.rule, issue.level)).or_default() += 1;
            if filter.shows(issue.level, issue.rule) {
                cells.entry((issue.rule, issue.level)).or_default().1.push(IssueItem {
                    at: IssueAt::Own(i),
                    link: link(issue.record_arn.as_ref(), &findings, data),
                });
            }
        }
        // A report that kept more than it counted (built by hand) still counts what it shows.
        for (key, k) in kept {
            let cell = cells.entry(key).or_default();
            cell.0 = cell.0.max(k);
        }
        for &mi in merge_by_file.get(&fi).map(Vec::as_slice).unwrap_or_default() {
            let Some(issue) = data.merge_issues.get(mi).map(|m| &m.issue) else {
                continue;
            };
            let cell = cells.entry((issue.rule, issue.level)).or_default();
            cell.0 += 1;
            if filter.shows(issue.level, issue.rule) {
                cell.1.push(IssueItem {
                    at: IssueAt::Merge(mi),
                    link: link(issue.record_arn.as_ref(), &findings, data),
                });
            }
        }
        let mut group = FileGroup {
            file: fi,
            name: report.name.clone(),
            error: report.error.clone(),
            all: LevelCounts::default(),
            counts: LevelCounts::default(),
            not_kept: report.issues_not_kept,
            rules: Vec::new(),
        };
        let mut rules: BTreeMap<Rule, RuleGroup> = BTreeMap::new();
        for ((rule, level), (n, items)) in cells {
            group.all.add(level, n);
            if filter.shows_level(level) {
                *by_rule.entry(rule).or_default() += n;
            }
            if !filter.shows(level, rule) || n == 0 {
                continue;
            }
            group.counts.add(level, n);
            let g = rules.entry(rule).or_insert_with(|| RuleGroup {
                rule,
                counts: LevelCounts::default(),
                items: Vec::new(),
            });
            g.counts.add(level, n);
            g.items.extend(items);
        }
        // Within a rule, keep file order across levels.
        for g in rules.values_mut() {
            g.items.shared_sort_by_key(|it| match it.at {
                IssueAt::Own(i) => (0, i),
                IssueAt::Merge(i) => (1, i),
            });
        }
        group.rules = rules.into_values().collect();
        if report.error.is_some() {
            out.unusable.push(fi);
        }
        for l in LEVELS {
            out.all.add(l, group.all.get(l));
            out.counts.add(l, group.counts.get(l));
        }
        out.files.push(group);
    }
    out.rules = by_rule.into_iter().filter(|(_, n)| *n > 0).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Context, LoadedFile, Options};
    use std::rc::Rc;

    fn file(name: &str, doc: &str, max_issues: usize) -> Rc<LoadedFile> {
        Rc::new(read_file(
            name,
            doc.as_bytes().to_vec(),
            &mut Context::default(),
            Options {
                max_issues,
                ..Options::default()
            },
        ))
    }

    /// A DescribeFindings response; `extra` adds an unknown member (info) to each finding.
    fn findings(first: u32, n: u32, extra: bool) -> String {
        findings_titled(first, n, extra, "t")
    }

    fn finding(i: u32, extra: bool, title: &str) -> String {
        let x = if extra { r#","customerNote":true"# } else { "" };
        format!(
            r#"{{"arn":"arn:f/{i}","title":"{title}","attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1{x},
            "assetAttributes":{{"schemaVersion":1,"agentId":"i-1"}}}}"#
        )
    }

    fn findings_titled(first: u32, n: u32, extra: bool, title: &str) -> String {
        let items: Vec<String> = (first..first + n).map(|i| finding(i, extra, title)).collect();
        format!(r#"{{"findings":[{}],"failedItems":{{}}}}"#, items.join(","))
    }

    /// a.json: 3 unknown members (info) and a finding without `arn` (error); b.json: the same
    /// 3 findings with another title (3 conflict warnings from merging); c.json: one finding
    /// twice (a duplicate info from merging).
    fn three_files() -> Dataset {
        let missing_arn = r#"{"attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1}"#;
        let a = format!(
            r#"{{"findings":[{},{},{},{missing_arn}],"failedItems":{{}}}}"#,
            finding(1, true, "t"),
            finding(2, true, "t"),
            finding(3, true, "t")
        );
        let b = findings_titled(1, 3, false, "other");
        let c = format!(
            r#"{{"findings":[{},{}],"failedItems":{{}}}}"#,
            finding(9, false, "t"),
            finding(9, false, "t")
        );
        Dataset::merge(vec![
            file("a.json", &a, 100),
            file("b.json", &b, 100),
            file("c.json", &c, 100),
        ])
    }

    fn all_issues(data: &Dataset, g: &IssueGroups) -> Vec<(String, Issue)> {
        g.files
            .iter()
            .flat_map(|f| {
                f.rules.iter().flat_map(move |r| {
                    r.items
                        .iter()
                        .filter_map(move |it| issue_at(data, f.file, it.at).map(|i| (f.name.clone(), i.clone())))
                })
            })
            .collect()
    }

    fn group(f: &FileGroup, rule: Rule) -> &RuleGroup {
        let g = f.rules.iter().find(|r| r.rule == rule);
        let Some(g) = g else {
            panic!("no {rule} group in {}: {:?}", f.name, f.rules)
        };
        g
    }

    #[test]
    fn groups_by_file_then_rule_with_level_counts() {
        let data = three_files();
        let g = group_issues(&data, &IssueFilter::default());
        let names: Vec<&str> = g.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a.json", "b.json", "c.json"]);
        let [fa, fb, fc] = [&g.files[0], &g.files[1], &g.files[2]];
        let unknown = group(fa, Rule::UnknownField);
        assert_eq!(
            (unknown.counts.info, unknown.items.len(), unknown.not_kept()),
            (3, 3, 0)
        );
        assert!(unknown
            .items
            .iter()
            .all(|i| matches!(&i.link, Some(RecordLink::Finding(a)) if a.starts_with("arn:f/"))));
        let required = group(fa, Rule::Required);
        assert!(required.counts.error >= 1, "{required:?}");
        assert!(fa.counts.error >= 1 && fa.counts.info >= 3);
        // Merge issues land on the file whose copy conflicts or repeats.
        let conflict = group(fb, Rule::Conflict);
        assert_eq!((conflict.counts.warning, conflict.counts.total()), (3, 3));
        assert!(conflict.items.iter().all(|i| matches!(i.at, IssueAt::Merge(_))));
        let dup = group(fc, Rule::Duplicate);
        assert_eq!(dup.counts.info, 1);
        assert!(matches!(&dup.items[0].link, Some(RecordLink::Finding(a)) if &**a == "arn:f/9"));
        // Rules in a stable order.
        let order: Vec<Rule> = fa.rules.iter().map(|r| r.rule).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
        // Counts agree with the dataset's own per-file accounting.
        for f in &g.files {
            let (errors, warnings) = data.file_counts(f.file);
            assert_eq!((f.all.error, f.all.warning), (errors, warnings), "{}", f.name);
            assert_eq!(f.all.total(), data.file_issues(f.file).count(), "{}", f.name);
            let sum: usize = f.rules.iter().map(|r| r.counts.total()).sum();
            assert_eq!(sum, f.counts.total(), "{}", f.name);
        }
        assert_eq!(g.all, g.counts);
        assert_eq!(all_issues(&data, &g).len(), g.all.total());
        // Every kept issue resolves and sits in the group of its own rule.
        for f in &g.files {
            for r in &f.rules {
                for it in &r.items {
                    assert_eq!(issue_at(&data, f.file, it.at).map(|i| i.rule), Some(r.rule));
                }
            }
        }
    }

    #[test]
    fn level_and_rule_filters() {
        let data = three_files();
        let all = group_issues(&data, &IssueFilter::default());
        let no_info = IssueFilter::default().toggled(Level::Info);
        assert!(!no_info.info && no_info.error && no_info.warning);
        let g = group_issues(&data, &no_info);
        assert_eq!(g.all, all.all, "unfiltered totals do not change");
        assert_eq!(g.counts.info, 0);
        assert_eq!(g.counts.warning, all.counts.warning);
        let issues = all_issues(&data, &g);
        assert!(!issues.is_empty());
        assert!(issues.iter().all(|(_, i)| i.level != Level::Info));
        assert!(!g.rules.iter().any(|(r, _)| *r == Rule::Duplicate));
        assert!(g.files[2].rules.is_empty(), "c.json has only an info issue");

        let only_conflicts = IssueFilter {
            rule: Some(Rule::Conflict),
            ..IssueFilter::default()
        };
        let g = group_issues(&data, &only_conflicts);
        let issues = all_issues(&data, &g);
        assert_eq!(issues.len(), 3);
        assert!(issues.iter().all(|(f, i)| i.rule == Rule::Conflict && f == "b.json"));
        assert!(g.files[0].rules.is_empty());
        assert_eq!(g.counts.total(), 3);
        // The rule list still offers every rule (for switching), counted at the shown levels.
        assert!(g.rules.iter().any(|(r, _)| *r == Rule::UnknownField));
        assert!(g.rules.iter().any(|(r, n)| *r == Rule::Duplicate && *n == 1));
        assert_eq!(
            IssueFilter::default().toggled(Level::Error).toggled(Level::Error),
            IssueFilter::default()
        );
        let nothing = IssueFilter {
            error: false,
            warning: false,
            info: false,
            rule: None,
        };
        let g = group_issues(&data, &nothing);
        assert_eq!(g.counts.total(), 0);
        assert!(g.rules.is_empty());
    }

    #[test]
    fn issues_not_kept_are_counted() {
        let a = findings(1, 10, true);
        let data = Dataset::merge(vec![file("big.json", &a, 4)]);
        let g = group_issues(&data, &IssueFilter::default());
        let f = &g.files[0];
        assert_eq!(f.not_kept, data.files[0].report.issues_not_kept);
        assert!(f.not_kept >= 6, "{}", f.not_kept);
        let kept: usize = f.rules.iter().map(|r| r.items.len()).sum();
        assert_eq!(kept, 4);
        let not_kept: usize = f.rules.iter().map(RuleGroup::not_kept).sum();
        assert_eq!(not_kept, f.not_kept);
        assert_eq!(f.all.total(), kept + f.not_kept);
    }

    #[test]
    fn unusable_files_are_listed_with_their_error() {
        let good = findings(1, 1, false);
        let data = Dataset::merge(vec![
            file("good.json", &good, 100),
            file("bad.json", "{\"findings\": [ {\"arn\": ", 100),
            Rc::new(LoadedFile::unusable("huge.json", 10, "too large")),
        ]);
        let g = group_issues(&data, &IssueFilter::default());
        assert_eq!(g.unusable, vec![1, 2]);
        let huge = &g.files[2];
        assert_eq!(huge.error.as_ref().map(|e| e.message.as_str()), Some("too large"));
        let bad = g.files[1].error.as_ref().map(|e| (e.line, e.column));
        assert!(bad.is_some_and(|(line, _)| line == 1), "{bad:?}");
    }

    #[test]
    fn runs_link_to_runs() {
        let runs = r#"{"assessmentRuns":[{"arn":"arn:r/1","name":"x","bogus":1}],"failedItems":{}}"#;
        let data = Dataset::merge(vec![file("r.json", runs, 100)]);
        let g = group_issues(&data, &IssueFilter::default());
        let items: Vec<&IssueItem> = g.files[0].rules.iter().flat_map(|r| &r.items).collect();
        assert!(!items.is_empty());
        assert!(items
            .iter()
            .any(|i| i.link == Some(RecordLink::Run(Str::from("arn:r/1")))));
        assert_eq!(issue_at(&data, 0, IssueAt::Own(10_000)), None);
        assert_eq!(issue_at(&data, 0, IssueAt::Merge(0)), None);
    }

    #[test]
    fn level_counts_text() {
        let mut c = LevelCounts::default();
        c.add(Level::Error, 1);
        c.add(Level::Warning, 2);
        assert_eq!(c.text(), "1 error, 2 warnings, 0 info");
        assert_eq!(c.total(), 3);
    }
}
