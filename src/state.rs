//! The app's single store: state, actions, and `apply` — pure, tested natively.
//!
//! Side effects (reading files, timers, the URL, storage) live in UI hooks that dispatch
//! actions; nothing here touches the browser.

use crate::ingest::{Dataset, LoadedFile};
use crate::model::sort::SharedSort as _;
use crate::query::{digest, Column, Dim, Filters, FindingIndex, GroupBy, Sort, ViewCodec};
use std::rc::Rc;
// Triage marks (findings report / triage feature).
use crate::model::Timestamp;
use crate::query::triage::{self, Mark, Match};
use crate::query::{TriageMatches, TriageStatus, TriageStore};

/// The main views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Findings,
    Runs,
    Validation,
    /// The printable findings report.
    Report,
    /// Two runs (or two sets of files) compared.
    Compare,
    /// IoT Device Defender audit tasks and their checks (shown when audit files are loaded).
    Audits,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Findings,
        Tab::Runs,
        Tab::Validation,
        Tab::Report,
        Tab::Compare,
        Tab::Audits,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Tab::Findings => "findings",
            Tab::Runs => "runs",
            Tab::Validation => "validation",
            Tab::Report => "report",
            Tab::Compare => "compare",
            Tab::Audits => "audits",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Findings => "Findings",
            Tab::Runs => "Runs",
            Tab::Validation => "Validation",
            Tab::Report => "Report",
            Tab::Compare => "Compare",
            Tab::Audits => "Audits",
        }
    }

    pub fn from_key(k: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.key() == k)
    }
}

/// How timestamps are shown, app-wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeZone {
    #[default]
    Utc,
    Local,
}

/// The record open in the detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Finding(String),
    Run(String),
    /// From the URL, before data is loaded: a digest of an ARN.
    Pending(String),
}

/// Everything the URL hash carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub tab: Tab,
    pub filters: Filters,
    pub sort: Sort,
    pub group: Option<GroupBy>,
    pub selected: Option<Selection>,
    pub columns: Vec<Column>,
    pub time_zone: TimeZone,
}

impl Default for View {
    fn default() -> Self {
        View {
            tab: Tab::Findings,
            filters: Filters::default(),
            sort: Sort::default(),
            group: None,
            selected: None,
            columns: Column::ALL.to_vec(),
            time_zone: TimeZone::Utc,
        }
    }
}

impl View {
    /// The URL hash for this view. Data values (instances, runs, ARNs…) appear only as digests.
    pub fn to_hash(&self) -> String {
        let mut p: Vec<(String, String)> = Vec::new();
        if self.tab != Tab::Findings {
            p.push(("tab".into(), self.tab.key().into()));
        }
        // The typed search text is not in the URL (it may be copied from the data); the UI
        // keeps it in the history entry's state instead (see `Action::Restore`).
        for (dim, values) in &self.filters.selected {
            let tokens: Vec<String> = values
                .iter()
                .map(|v| {
                    if v.starts_with("h:") {
                        v.clone()
                    } else {
                        ViewCodec::value_token(*dim, v)
                    }
                })
                .map(|t| t.replace(',', "%2C"))
                .collect();
            p.push((dim.key().into(), tokens.join(",")));
        }
        if self.sort != Sort::default() {
            let dir = if self.sort.descending { "desc" } else { "asc" };
            p.push(("sort".into(), format!("{}:{dir}", self.sort.column.key())));
        }
        if let Some(g) = self.group {
            p.push(("group".into(), g.key().into()));
        }
        match &self.selected {
            Some(Selection::Finding(arn) | Selection::Run(arn)) => p.push(("sel".into(), digest(arn))),
            Some(Selection::Pending(token)) => p.push(("sel".into(), token.clone())),
            None => {}
        }
        if self.columns != Column::ALL.to_vec() {
            let cols: Vec<&str> = self.columns.iter().map(|c| c.key()).collect();
            p.push(("cols".into(), cols.join(",")));
        }
        if self.time_zone == TimeZone::Local {
            p.push(("tz".into(), "local".into()));
        }
        ViewCodec::build(&p)
    }

    /// Reads a URL hash; unknown keys and values are ignored.
    pub fn from_hash(hash: &str) -> View {
        let mut v = View::default();
        for (k, val) in ViewCodec::parse(hash) {
            match k.as_str() {
                "tab" => v.tab = Tab::from_key(&val).unwrap_or_default(),
                "q" => v.filters.search = val,
                "sort" => {
                    let (c, d) = val.split_once(':').unwrap_or((&val, "desc"));
                    if let Some(column) = Column::from_key(c) {
                        v.sort = Sort {
                            column,
                            descending: d != "asc",
                        };
                    }
                }
                "group" => v.group = GroupBy::from_key(&val),
                "sel" if !val.is_empty() => v.selected = Some(Selection::Pending(val)),
                "cols" => {
                    let cols: Vec<Column> = val.split(',').filter_map(Column::from_key).collect();
                    if !cols.is_empty() {
                        v.columns = cols;
                    }
                }
                "tz" => v.time_zone = if val == "local" { TimeZone::Local } else { TimeZone::Utc },
                other => {
                    if let Some(dim) = Dim::from_key(other) {
                        for t in val.split(',').filter(|t| !t.is_empty()) {
                            v.filters.selected.entry(dim).or_default().insert(t.replace("%2C", ","));
                        }
                    }
                }
            }
        }
        v
    }
}

/// A file being read, for the progress bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Loading {
    pub name: String,
    pub fraction: f64,
    pub records: usize,
}

/// The whole app state.
#[derive(Debug, Clone, Default)]
pub struct AppState {
    pub files: Vec<Rc<LoadedFile>>,
    pub data: Rc<Dataset>,
    pub index: Rc<FindingIndex>,
    pub loading: Vec<Loading>,
    pub view: View,
    /// A message for the user that is not tied to a file (e.g. nothing to paste).
    pub notice: Option<String>,
    /// Bumped whenever the dataset changes (cheap equality for memoised views).
    pub version: u64,
    /// Triage marks (kept in the browser's storage by a UI hook).
    pub triage: Rc<TriageStore>,
    /// Every finding of `data` matched to `triage` (rebuilt when either changes).
    pub triage_matches: Rc<TriageMatches>,
    /// Bumped whenever the marks change (the storage hook writes on a change).
    pub triage_version: u64,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
            && self.triage_version == other.triage_version
            && self.view == other.view
            && self.loading == other.loading
            && self.notice == other.notice
    }
}

/// A dataset merged and indexed outside the reducer.
#[derive(Debug)]
pub struct Prepared {
    pub new_files: Vec<Rc<LoadedFile>>,
    pub based_on: u64,
    pub data: Rc<Dataset>,
    pub index: Rc<FindingIndex>,
}

/// Everything that can happen.
#[derive(Debug, Clone)]
pub enum Action {
    /// Files finished reading: merge them into the dataset.
    Loaded(Vec<LoadedFile>),
    /// Files finished reading, with the dataset already merged and indexed (by the loader, in
    /// slices) from the files of version `based_on`; installed as is when that is still current.
    Install(Rc<Prepared>),
    Progress(Vec<Loading>),
    RemoveFile(usize),
    ClearAll,
    Search(String),
    ToggleFacet(Dim, String),
    OnlyFacet(Dim, String),
    ClearFacet(Dim),
    ClearFilters,
    /// Sort by a column; the same column again flips the direction.
    SortBy(Column),
    Group(Option<GroupBy>),
    Select(Option<Selection>),
    Tab(Tab),
    ToggleColumn(Column),
    TimeZone(TimeZone),
    /// Back/forward or reload: the view comes from the URL.
    RestoreHash(String),
    /// Back/forward or reload: the view from the URL hash, the search text from the history
    /// entry's state (never in the URL).
    Restore {
        hash: String,
        search: String,
    },
    Notice(Option<String>),
    /// Sidecar text of the marks saved in the browser, read at start: merged into the marks.
    TriageRestore(String),
    /// Marks finding `arn` (at `at`, the UI's clock), replacing its own mark.
    TriageSet {
        arn: String,
        status: TriageStatus,
        note: String,
        at: Timestamp,
    },
    /// Removes the mark made on finding `arn`.
    TriageClear(String),
    /// A sidecar file to import: validated and merged (newer `updatedAt` wins); the outcome,
    /// or why the file cannot be read, goes to `notice`.
    TriageImport {
        name: String,
        text: String,
    },
}

impl AppState {
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Loaded(files) => {
                self.files.extend(files.into_iter().map(Rc::new));
                self.loading.clear();
                // A notice about an earlier attempt (empty paste, cancelled load) is now stale.
                self.notice = None;
                self.rebuild();
            }
            Action::Install(p) => {
                self.files.extend(p.new_files.iter().cloned());
                self.loading.clear();
                self.notice = None;
                if p.based_on == self.version {
                    self.data = p.data.clone();
                    self.index = p.index.clone();
                    self.after_rebuild();
                } else {
                    // The files changed while the loader worked: merge again here.
                    self.rebuild();
                }
            }
            Action::Progress(p) => self.loading = p,
            Action::RemoveFile(i) => {
                if i < self.files.len() {
                    self.files.remove(i);
                    self.rebuild();
                }
            }
            Action::ClearAll => {
                self.files.clear();
                self.view.selected = None;
                self.rebuild();
            }
            Action::Search(q) => self.view.filters.search = q,
            Action::ToggleFacet(dim, v) => self.view.filters.toggle(dim, &v),
            Action::OnlyFacet(dim, v) => {
                self.view.filters.only(dim, &v);
                self.view.tab = Tab::Findings;
            }
            Action::ClearFacet(dim) => {
                self.view.filters.selected.remove(&dim);
            }
            Action::ClearFilters => self.view.filters = Filters::default(),
            Action::SortBy(column) => {
                self.view.sort = if self.view.sort.column == column {
                    crate::query::Sort {
                        column,
                        descending: !self.view.sort.descending,
                    }
                } else {
                    // Severity and dates read best newest/most severe first; text A→Z.
                    let descending = matches!(column, Column::Severity | Column::Created);
                    crate::query::Sort { column, descending }
                };
            }
            Action::Group(g) => self.view.group = g,
            Action::Select(s) => self.view.selected = s,
            Action::Tab(t) => self.view.tab = t,
            Action::ToggleColumn(c) => {
                if let Some(i) = self.view.columns.iter().position(|x| *x == c) {
                    if self.view.columns.len() > 1 {
                        self.view.columns.remove(i);
                    }
                } else {
                    self.view.columns.push(c);
                    self.view.columns.shared_sort();
                }
            }
            Action::TimeZone(tz) => self.view.time_zone = tz,
            Action::RestoreHash(h) => {
                self.view = View::from_hash(&h);
                self.resolve_view();
            }
            Action::Restore { hash, search } => {
                self.view = View::from_hash(&hash);
                if !search.is_empty() {
                    self.view.filters.search = search;
                }
                self.resolve_view();
            }
            Action::Notice(n) => self.notice = n,
            Action::TriageRestore(text) => match triage::parse_sidecar(&text) {
                Ok(sidecar) => {
                    let mut store = (*self.triage).clone();
                    store.merge(sidecar.marks);
                    self.set_triage(store);
                }
                Err(e) => self.notice = Some(format!("Saved triage marks could not be read ({e}); they are ignored.")),
            },
            Action::TriageSet { arn, status, note, at } => {
                let key = self
                    .data
                    .findings
                    .iter()
                    .find(|m| m.rec.arn.as_deref() == Some(arn.as_str()))
                    .and_then(|m| triage::content_key(&m.rec));
                let mut store = (*self.triage).clone();
                store.set(Some(&arn), key, status, &note, at);
                self.set_triage(store);
            }
            Action::TriageClear(arn) => {
                let mut store = (*self.triage).clone();
                if store.remove(&arn) {
                    self.set_triage(store);
                }
            }
            Action::TriageImport { name, text } => match triage::parse_sidecar(&text) {
                Ok(sidecar) => {
                    let mut store = (*self.triage).clone();
                    let read = sidecar.marks.len();
                    let out = store.merge(sidecar.marks);
                    let mut msg = format!(
                        "Imported triage marks from {name}: {read} read, {} added, {} updated, {} kept (the marks here are as new or newer).",
                        out.added, out.updated, out.kept
                    );
                    if !sidecar.skipped.is_empty() {
                        let shown: Vec<&str> = sidecar.skipped.iter().take(5).map(String::as_str).collect();
                        let more = sidecar.skipped.len().saturating_sub(shown.len());
                        msg.push_str(&format!(" {} skipped: {}", sidecar.skipped.len(), shown.join("; ")));
                        if more > 0 {
                            msg.push_str(&format!("; and {more} more"));
                        }
                        msg.push('.');
                    }
                    self.notice = Some(msg);
                    self.set_triage(store);
                }
                Err(e) => self.notice = Some(format!("{name} was not imported: {e}.")),
            },
        }
    }

    /// Replaces the marks and rematches the findings.
    fn set_triage(&mut self, store: TriageStore) {
        self.triage = Rc::new(store);
        self.triage_version += 1;
        self.triage_matches = Rc::new(self.triage.match_all(&self.data));
    }

    /// The mark of finding `i` (index into the dataset's findings) and how it matched.
    pub fn triage_of(&self, i: usize) -> Option<(Match, &Mark)> {
        let m = self.triage_matches.get(i)?;
        Some((m, self.triage.mark(m.mark)?))
    }

    fn rebuild(&mut self) {
        let data = Dataset::merge(self.files.clone());
        self.index = Rc::new(FindingIndex::build(&data));
        self.data = Rc::new(data);
        self.after_rebuild();
    }

    fn after_rebuild(&mut self) {
        self.version += 1;
        self.triage_matches = Rc::new(self.triage.match_all(&self.data));
        // Only audit tasks loaded: show them rather than an empty findings table.
        if self.view.tab == Tab::Findings && self.data.findings.is_empty() && !self.data.audits.tasks.is_empty() {
            self.view.tab = Tab::Audits;
        }
        self.resolve_view();
    }

    /// Turns URL digests into the values and records of the loaded data, where they exist.
    fn resolve_view(&mut self) {
        if self.data.findings.is_empty() && self.data.runs.is_empty() {
            return;
        }
        for (dim, values) in self.view.filters.selected.iter_mut() {
            let mut resolved: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
            resolved.extend(values.iter().map(|v| {
                if v.starts_with("h:") {
                    self.index.resolve_token(*dim, v).unwrap_or_else(|| v.clone())
                } else {
                    v.clone()
                }
            }));
            *values = resolved;
        }
        if let Some(Selection::Pending(token)) = &self.view.selected {
            let token = token.clone();
            let finding = self
                .data
                .findings
                .iter()
                .filter_map(|m| m.rec.arn.as_deref())
                .find(|a| digest(a) == token);
            let run = self
                .data
                .runs
                .iter()
                .filter_map(|m| m.rec.arn.as_deref())
                .find(|a| digest(a) == token);
            self.view.selected = match (finding, run) {
                (Some(a), _) => Some(Selection::Finding(a.to_owned())),
                (None, Some(a)) => Some(Selection::Run(a.to_owned())),
                _ => Some(Selection::Pending(token)),
            };
        }
    }

    /// Index of the selected finding in the dataset, if one is selected and present.
    pub fn selected_finding(&self) -> Option<usize> {
        let Some(Selection::Finding(arn)) = &self.view.selected else {
            return None;
        };
        self.data
            .findings
            .iter()
            .position(|m| m.rec.arn.as_deref() == Some(arn.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Context, Options};

    fn file(name: &str, doc: &str) -> LoadedFile {
        read_file(
            name,
            doc.as_bytes().to_vec(),
            &mut Context::default(),
            Options::default(),
        )
    }

    const A: &str = r#"{"findings":[{"arn":"arn:f/1","attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1,"severity":"High",
        "assetAttributes":{"schemaVersion":1,"agentId":"i-1"}},
        {"arn":"arn:f/2","attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1,"severity":"Low",
        "assetAttributes":{"schemaVersion":1,"agentId":"i-2"}}],"failedItems":{}}"#;
    const B: &str = r#"{"findings":[{"arn":"arn:f/3","attributes":[],"userAttributes":[],"createdAt":1,"updatedAt":1}],"failedItems":{}}"#;

    #[test]
    fn loading_merges_and_removing_a_file_unmerges() {
        let mut s = AppState::default();
        s.apply(Action::Loaded(vec![file("a.json", A)]));
        s.apply(Action::Loaded(vec![file("b.json", B)]));
        assert_eq!((s.files.len(), s.data.findings.len(), s.index.len()), (2, 3, 3));
        let v = s.version;
        s.apply(Action::RemoveFile(0));
        assert_eq!((s.files.len(), s.data.findings.len()), (1, 1));
        assert!(s.version > v);
        s.apply(Action::RemoveFile(7));
        assert_eq!(s.files.len(), 1);
        s.apply(Action::ClearAll);
        assert_eq!(s.data.findings.len(), 0);
    }

    #[test]
    fn a_prepared_dataset_installs_only_when_still_current() {
        let mut s = AppState::default();
        s.apply(Action::Loaded(vec![file("a.json", A)]));
        let b = Rc::new(file("b.json", B));
        let prepare = |s: &AppState| {
            let mut files = s.files.clone();
            files.push(b.clone());
            let data = Dataset::merge(files);
            let index = FindingIndex::build(&data);
            Rc::new(Prepared {
                new_files: vec![b.clone()],
                based_on: s.version,
                data: Rc::new(data),
                index: Rc::new(index),
            })
        };
        let p = prepare(&s);
        let data_ptr = Rc::as_ptr(&p.data);
        s.apply(Action::Install(p));
        assert_eq!((s.files.len(), s.data.findings.len(), s.index.len()), (2, 3, 3));
        assert_eq!(Rc::as_ptr(&s.data), data_ptr, "installed as prepared");
        // Prepared against an older version (a file was removed meanwhile): merged again.
        let stale = prepare(&s);
        s.apply(Action::RemoveFile(0));
        s.apply(Action::Install(stale));
        assert_eq!(s.files.len(), 2);
        assert_eq!(s.data.findings.len(), 1, "b.json twice collapses to its one finding");
        assert_eq!(s.data.collapsed, 1);
    }

    #[test]
    fn sort_toggles_direction_and_columns_never_empty() {
        let mut s = AppState::default();
        s.apply(Action::SortBy(Column::Title));
        assert_eq!(
            s.view.sort,
            Sort {
                column: Column::Title,
                descending: false
            }
        );
        s.apply(Action::SortBy(Column::Title));
        assert!(s.view.sort.descending);
        s.apply(Action::SortBy(Column::Created));
        assert!(s.view.sort.descending);
        for c in Column::ALL {
            s.apply(Action::ToggleColumn(c));
        }
        assert_eq!(s.view.columns.len(), 1);
        s.apply(Action::ToggleColumn(Column::Severity));
        assert_eq!(s.view.columns.len(), 2);
    }

    #[test]
    fn url_hash_round_trips_the_view_without_data_values() {
        let mut s = AppState::default();
        s.apply(Action::Loaded(vec![file("a.json", A)]));
        s.apply(Action::ToggleFacet(Dim::Instance, "i-2".into()));
        s.apply(Action::ToggleFacet(Dim::Severity, "Low".into()));
        s.apply(Action::Search("port 22, ssh".into()));
        s.apply(Action::SortBy(Column::Title));
        s.apply(Action::Group(Some(GroupBy::Instance)));
        s.apply(Action::Select(Some(Selection::Finding("arn:f/2".into()))));
        s.apply(Action::Tab(Tab::Runs));
        s.apply(Action::ToggleColumn(Column::Ip));
        s.apply(Action::TimeZone(TimeZone::Local));
        let hash = s.view.to_hash();
        assert!(!hash.contains("i-2") && !hash.contains("arn:f"), "{hash}");
        assert!(
            !hash.contains("port") && !hash.contains("ssh"),
            "search text stays out of the URL: {hash}"
        );
        assert!(hash.contains("sev=Low"), "{hash}");
        let mut t = AppState::default();
        t.apply(Action::Loaded(vec![file("a.json", A)]));
        t.apply(Action::Restore {
            hash: hash.clone(),
            search: s.view.filters.search.clone(),
        });
        assert_eq!(t.view, s.view);
        assert_eq!(t.selected_finding(), Some(1));
        // Before any data: the view restores with digests, resolved once data arrives.
        let mut u = AppState::default();
        u.apply(Action::Restore {
            hash: s.view.to_hash(),
            search: s.view.filters.search.clone(),
        });
        assert!(matches!(u.view.selected, Some(Selection::Pending(_))));
        u.apply(Action::Loaded(vec![file("a.json", A)]));
        assert_eq!(u.view, s.view);
    }

    fn triage_doc(run: &str, n: u32) -> String {
        format!(
            r#"{{"findings":[{{"arn":"arn:{run}/f/{n}","id":"Port open","severity":"Low","createdAt":1,"updatedAt":1,
            "serviceAttributes":{{"schemaVersion":1,"assessmentRunArn":"arn:{run}","rulesPackageArn":"arn:pkg"}},
            "assetAttributes":{{"schemaVersion":1,"agentId":"i-1"}},
            "attributes":[{{"key":"PORT","value":"22"}}],"userAttributes":[]}}],"failedItems":{{}}}}"#
        )
    }

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_micros(secs * 1_000_000)
    }

    #[test]
    fn triage_marks_survive_a_reload_and_follow_the_issue_into_a_later_run() {
        let mut s = AppState::default();
        s.apply(Action::Loaded(vec![file("r1.json", &triage_doc("r1", 1))]));
        assert!(s.triage_of(0).is_none());
        let v = s.triage_version;
        s.apply(Action::TriageSet {
            arn: "arn:r1/f/1".into(),
            status: TriageStatus::AcceptedRisk,
            note: "VPN only".into(),
            at: at(10),
        });
        assert!(s.triage_version > v);
        let (m, mark) = s
            .triage_of(0)
            .map(|(m, k)| (m, k.clone()))
            .unwrap_or_else(|| panic!("no mark"));
        assert_eq!(m.kind, triage::MatchKind::Arn);
        assert_eq!(mark.note, "VPN only");
        assert_eq!(
            mark.key.as_deref(),
            Some("rule=Port open|instance=i-1|package=arn:pkg|port=22")
        );
        assert_eq!(&*s.triage_matches.codes, &[TriageStatus::AcceptedRisk.code()]);

        // What the storage hook saves, restored into a fresh app before its files are opened.
        let saved = s.triage.to_sidecar();
        let mut t = AppState::default();
        t.apply(Action::TriageRestore(saved));
        assert_eq!(t.triage.len(), 1);
        t.apply(Action::Loaded(vec![
            file("r1.json", &triage_doc("r1", 1)),
            file("r2.json", &triage_doc("r2", 7)),
        ]));
        assert_eq!(t.triage_of(0).map(|(m, _)| m.kind), Some(triage::MatchKind::Arn));
        assert_eq!(t.triage_of(1).map(|(m, _)| m.kind), Some(triage::MatchKind::Key));
        // The facet: both findings are accepted risks.
        t.apply(Action::ToggleFacet(Dim::Triage, "accepted-risk".into()));
        let r = t
            .index
            .query_triaged(&t.view.filters, t.view.sort, &t.triage_matches.codes);
        assert_eq!(r.total, 2);
        // Clearing the first finding's mark also clears what the second one carried.
        t.apply(Action::TriageClear("arn:r1/f/1".into()));
        assert!(t.triage_of(0).is_none() && t.triage_of(1).is_none());
        let v = t.triage_version;
        t.apply(Action::TriageClear("arn:r1/f/1".into()));
        assert_eq!(t.triage_version, v, "nothing to clear: no change");
        // Corrupt storage: a notice, marks untouched.
        t.apply(Action::TriageRestore("{oops".into()));
        assert!(t.notice.as_deref().is_some_and(|n| n.contains("could not be read")));
    }

    #[test]
    fn triage_import_merges_newer_marks_and_reports_errors_as_notices() {
        let mut s = AppState::default();
        s.apply(Action::Loaded(vec![file("r1.json", &triage_doc("r1", 1))]));
        s.apply(Action::TriageSet {
            arn: "arn:r1/f/1".into(),
            status: TriageStatus::Open,
            note: "look".into(),
            at: at(100),
        });
        s.apply(Action::TriageImport {
            name: "bad.json".into(),
            text: r#"{"version":9,"marks":[]}"#.into(),
        });
        assert!(s
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with("bad.json was not imported: unsupported")));
        let sidecar = r#"{"version":1,"marks":[
            {"arn":"arn:r1/f/1","status":"fixed","note":"older","updatedAt":"1970-01-01T00:00:50Z"},
            {"arn":"arn:other","status":"false-positive","note":"","updatedAt":"2024-01-01T00:00:00Z"},
            {"arn":"arn:x","status":"maybe","updatedAt":"2024-01-01T00:00:00Z"}]}"#;
        s.apply(Action::TriageImport {
            name: "marks.json".into(),
            text: sidecar.into(),
        });
        let notice = s.notice.clone().unwrap_or_default();
        assert!(notice.contains("2 read, 1 added, 0 updated, 1 kept"), "{notice}");
        assert!(notice.contains("1 skipped: marks[2]: unknown status"), "{notice}");
        assert_eq!(s.triage.len(), 2);
        assert_eq!(
            s.triage_of(0).map(|(_, m)| m.status),
            Some(TriageStatus::Open),
            "the newer mark here stays"
        );
        let newer = sidecar.replace("1970-01-01T00:00:50Z", "1970-01-01T00:05:00Z");
        s.apply(Action::TriageImport {
            name: "marks.json".into(),
            text: newer,
        });
        assert_eq!(s.triage_of(0).map(|(_, m)| m.status), Some(TriageStatus::Fixed));
    }

    #[test]
    fn report_tab_and_triage_filter_round_trip_in_the_url() {
        let mut s = AppState::default();
        s.apply(Action::Tab(Tab::Report));
        s.apply(Action::ToggleFacet(Dim::Triage, "false-positive".into()));
        let hash = s.view.to_hash();
        assert!(
            hash.contains("tab=report") && hash.contains("triage=false-positive"),
            "{hash}"
        );
        assert_eq!(View::from_hash(&hash), s.view);
    }

    #[test]
    fn audits_alone_open_on_the_audits_tab() {
        let audit = r#"{"taskStatus":"COMPLETED","taskType":"ON_DEMAND_AUDIT_TASK","taskStartTime":1560356923.434,
            "auditDetails":{"LOGGING_DISABLED_CHECK":{"checkRunStatus":"COMPLETED_COMPLIANT","checkCompliant":true,
            "totalResourcesCount":1,"nonCompliantResourcesCount":0}}}"#;
        let mut s = AppState::default();
        s.apply(Action::Loaded(vec![file("audit.json", audit)]));
        assert_eq!(s.view.tab, Tab::Audits);
        let mut t = AppState::default();
        t.apply(Action::Loaded(vec![file("a.json", A), file("audit.json", audit)]));
        assert_eq!(t.view.tab, Tab::Findings, "findings present: the findings tab stays");
    }

    #[test]
    fn only_facet_switches_to_findings() {
        let mut s = AppState::default();
        s.apply(Action::Tab(Tab::Runs));
        s.apply(Action::OnlyFacet(Dim::Run, "arn:r".into()));
        assert_eq!(s.view.tab, Tab::Findings);
        assert!(s.view.filters.is_selected(Dim::Run, "arn:r"));
        s.apply(Action::ClearFilters);
        assert!(s.view.filters.is_empty());
    }
}
