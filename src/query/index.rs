//! The per-dataset column index: one compact row per finding, ids instead of strings.

use crate::ingest::Dataset;
use crate::model::sort::SharedSort as _;
use crate::model::{Finding, Severity, Str};
use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;
use std::rc::Rc;

/// A facet dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dim {
    Severity,
    Package,
    Run,
    Instance,
    AutoScalingGroup,
    Attribute,
    UserAttribute,
    RuleId,
    /// Triage status (a mark kept by the browser, not a field of the data).
    Triage,
}

impl Dim {
    pub const ALL: [Dim; 9] = [
        Dim::Severity,
        Dim::Package,
        Dim::Run,
        Dim::Instance,
        Dim::AutoScalingGroup,
        Dim::Attribute,
        Dim::UserAttribute,
        Dim::RuleId,
        Dim::Triage,
    ];

    /// Short name used in the URL.
    pub fn key(self) -> &'static str {
        match self {
            Dim::Severity => "sev",
            Dim::Package => "pkg",
            Dim::Run => "run",
            Dim::Instance => "inst",
            Dim::AutoScalingGroup => "asg",
            Dim::Attribute => "attr",
            Dim::UserAttribute => "uattr",
            Dim::RuleId => "rule",
            Dim::Triage => "triage",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Dim::Severity => "Severity",
            Dim::Package => "Rules package",
            Dim::Run => "Assessment run",
            Dim::Instance => "Instance",
            Dim::AutoScalingGroup => "Auto Scaling group",
            Dim::Attribute => "Attribute",
            Dim::UserAttribute => "User attribute",
            Dim::RuleId => "Rule ID",
            Dim::Triage => "Triage status",
        }
    }

    pub fn from_key(k: &str) -> Option<Dim> {
        Dim::ALL.into_iter().find(|d| d.key() == k)
    }

    /// Whether a value of this dimension is generic (safe in a URL) rather than data.
    pub fn is_generic(self) -> bool {
        matches!(self, Dim::Severity | Dim::Package | Dim::Triage)
    }
}

/// A findings-table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Severity,
    Title,
    RuleId,
    Package,
    Instance,
    Ip,
    Run,
    Created,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Severity,
        Column::Title,
        Column::RuleId,
        Column::Package,
        Column::Instance,
        Column::Ip,
        Column::Run,
        Column::Created,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Column::Severity => "severity",
            Column::Title => "title",
            Column::RuleId => "rule",
            Column::Package => "package",
            Column::Instance => "instance",
            Column::Ip => "ip",
            Column::Run => "run",
            Column::Created => "created",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Column::Severity => "Severity",
            Column::Title => "Title",
            Column::RuleId => "Rule ID",
            Column::Package => "Rules package",
            Column::Instance => "Instance",
            Column::Ip => "IP",
            Column::Run => "Run",
            Column::Created => "Created",
        }
    }

    pub fn from_key(k: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == k)
    }
}

/// One finding as ids. `NONE` marks a missing value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Severity rank 0 (High) … 4 (Undefined); 5 = missing or not a model value.
    pub severity: u8,
    pub package: u32,
    pub run: u32,
    pub instance: u32,
    pub asg: u32,
    pub attributes: Box<[u32]>,
    pub user_attributes: Box<[u32]>,
    pub title: u32,
    pub rule_id: u32,
    pub ip: u32,
    pub created: i64,
    /// Search texts (ids into the text table): title, description, recommendation, id, and
    /// the asset (instance id, Name tag, hostname, AMI, Auto Scaling group, IPs).
    pub texts: [u32; 5],
}

pub const NONE: u32 = u32::MAX;

/// Distinct values of one dimension, with a sort ordinal each (prepared by the loader in
/// slices, or computed on first use).
#[derive(Debug, Default, Clone)]
pub struct Values {
    pub names: Vec<Str>,
    by_name: HashMap<Str, u32>,
    /// `ordinal[id]` = rank of the value in sorted order (for sorting by this column).
    ordinal: OnceCell<Vec<u32>>,
    /// Display labels to sort by, when they differ from the names (runs sort by run name).
    sort_labels: Option<Vec<Str>>,
    /// The value looked up last and its id: findings in a row mostly share their run, rules
    /// package and asset, and the same shared string needs no hashing.
    last: Option<(Str, u32)>,
}

impl Values {
    fn id(&mut self, s: Option<&Str>) -> u32 {
        let Some(s) = s else { return NONE };
        if let Some((last, i)) = &self.last {
            if Rc::ptr_eq(last, s) {
                return *i;
            }
        }
        let i = match self.by_name.get(s) {
            Some(&i) => i,
            None => {
                let i = u32::try_from(self.names.len()).unwrap_or(NONE);
                self.names.push(s.clone());
                self.by_name.insert(s.clone(), i);
                i
            }
        };
        self.last = Some((s.clone(), i));
        i
    }

    fn labels(&self) -> &[Str] {
        self.sort_labels.as_ref().unwrap_or(&self.names)
    }

    fn ordinals(&self) -> &[u32] {
        self.ordinal.get_or_init(|| {
            let mut keys = SortKeys::default();
            self.add_sort_keys(&mut keys, usize::MAX);
            self.rank(keys)
        })
    }

    /// Ranks the values from their sorted keys.
    fn rank(&self, mut keys: SortKeys) -> Vec<u32> {
        let labels = self.labels();
        while !keys.merge(labels, usize::MAX) {}
        let mut ordinal = vec![0; labels.len()];
        for (rank, (_, id)) in keys.keyed.into_iter().enumerate() {
            ordinal[id as usize] = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        ordinal
    }

    /// Does up to about `n` values' more work towards ranking the values: their sort keys
    /// first (each slice's sorted as it is made), then merging the sorted runs; true once the
    /// keys are in sorted order (or the ordinals exist already). With
    /// [`Values::prepare_sort`], the loader ranks facet columns in slices before the data is
    /// installed and the other text columns after the first rows show, so the first query and
    /// the first click on a column header only sort integers, and no slice sorts a whole
    /// column (a million titles took 0.6 s in one task).
    pub fn add_sort_keys(&self, keys: &mut SortKeys, n: usize) -> bool {
        if self.ordinal.get().is_some() {
            return true;
        }
        let labels = self.labels();
        let start = keys.keyed.len();
        if start < labels.len() {
            let end = start.saturating_add(n.max(1)).min(labels.len());
            for (id, label) in labels.iter().enumerate().take(end).skip(start) {
                keys.keyed.push((natural_key(label), u32::try_from(id).unwrap_or(NONE)));
            }
            // Byte keys order as `natural_cmp` does (plain byte comparisons: 3× faster than
            // `natural_cmp`); equal keys by the labels themselves.
            keys.keyed[start..].shared_sort_by(|(ka, a), (kb, b)| by_key(labels, (ka, *a), (kb, *b)));
            keys.runs.push(end);
            return false;
        }
        keys.merge(labels, n.max(1).saturating_mul(MERGE_PER_KEY))
    }

    /// Ranks the values by `keys`, which [`Values::add_sort_keys`] filled for this table,
    /// unless that is done already. False if the keys are not all in (nothing is done).
    pub fn prepare_sort(&self, keys: SortKeys) -> bool {
        if self.ordinal.get().is_some() {
            return true;
        }
        if keys.keyed.len() != self.labels().len() {
            return false;
        }
        let _ = self.ordinal.set(self.rank(keys));
        true
    }

    pub fn lookup(&self, name: &str) -> Option<u32> {
        self.by_name.get(name).copied()
    }

    pub fn name(&self, id: u32) -> Option<&Str> {
        self.names.get(id as usize)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Sort key of `id` (missing values last). The first call sorts the values.
    pub fn ord(&self, id: u32) -> u32 {
        self.ordinals().get(id as usize).copied().unwrap_or(u32::MAX)
    }
}

/// Sort keys of a [`Values`] table being prepared in slices (see [`Values::add_sort_keys`]).
#[derive(Debug, Default)]
pub struct SortKeys {
    keyed: Vec<(Vec<u8>, u32)>,
    /// Where each sorted run of `keyed` ends.
    runs: Vec<usize>,
    /// The merge pass under way: runs merged so far (in `keyed`'s place), and their ends.
    merged: Vec<(Vec<u8>, u32)>,
    merged_runs: Vec<usize>,
    /// A pair of runs part merged when a slice ended: next key of each, and where each ends.
    pair: Option<(usize, usize, usize, usize)>,
}

/// Merging moves keys without making them: a slice merges this many times more keys than it
/// makes (and stops within a pair of runs when its share is done).
const MERGE_PER_KEY: usize = 16;

fn by_key(labels: &[Str], (ka, a): (&[u8], u32), (kb, b): (&[u8], u32)) -> std::cmp::Ordering {
    ka.cmp(kb).then_with(|| labels[a as usize].cmp(&labels[b as usize]))
}

impl SortKeys {
    /// Merges pairs of sorted runs, about `budget` keys (at least one); true once one run
    /// is left.
    fn merge(&mut self, labels: &[Str], budget: usize) -> bool {
        let mut spent = 0;
        while self.runs.len() > 1 {
            // The pair under way, or the next of this pass: the runs after those merged so far.
            let (mut x, mut y, mid, end) = match self.pair.take() {
                Some(pair) => pair,
                None => {
                    let from = self.merged_runs.last().copied().unwrap_or(0);
                    let i = self.runs.partition_point(|&end| end <= from);
                    match (self.runs.get(i), self.runs.get(i + 1)) {
                        (Some(&mid), Some(&end)) => (from, mid, mid, end),
                        // A run left alone at the end of the pass.
                        (Some(&mid), None) => (from, mid, mid, mid),
                        _ => return true,
                    }
                }
            };
            while x < mid || y < end {
                if spent >= budget.max(1) {
                    self.pair = Some((x, y, mid, end));
                    return false;
                }
                let first = x < mid
                    && (y >= end || {
                        let (a, b) = (&self.keyed[x], &self.keyed[y]);
                        by_key(labels, (&a.0, a.1), (&b.0, b.1)).is_le()
                    });
                let k = if first { &mut x } else { &mut y };
                let key = &mut self.keyed[*k];
                self.merged.push((std::mem::take(&mut key.0), key.1));
                *k += 1;
                spent += 1;
            }
            self.merged_runs.push(end);
            if end >= self.keyed.len() {
                // The pass is done: the merged runs replace the old ones.
                self.keyed = std::mem::take(&mut self.merged);
                self.runs = std::mem::take(&mut self.merged_runs);
            }
        }
        true
    }
}

/// A byte string whose plain byte order is [`natural_cmp`]'s order, up to its final tie-break
/// (equal keys are ordered by the strings themselves). Bytes are lower-cased; a run of digits
/// becomes `0` (which sorts against every other byte as any digit does, since ASCII digits are
/// contiguous), its length without leading zeros (one byte, or 0xFF and four bytes big-endian
/// from 255 digits on), then those digits.
pub fn natural_key(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut key = Vec::with_capacity(b.len() + 8);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            let run = b[i..].iter().take_while(|d| d.is_ascii_digit()).count();
            let digits = &b[i..i + run];
            let significant = &digits[digits.iter().take_while(|&&d| d == b'0').count()..];
            key.push(b'0');
            // The length in one byte; from 255 digits on, 0xFF then four bytes (byte order
            // still orders lengths, and keys stay close to the text's size).
            match u8::try_from(significant.len()) {
                Ok(n) if n < u8::MAX => key.push(n),
                _ => {
                    key.push(u8::MAX);
                    key.extend_from_slice(&u32::try_from(significant.len()).unwrap_or(u32::MAX).to_be_bytes());
                }
            }
            key.extend_from_slice(significant);
            i += run;
        } else {
            key.push(c.to_ascii_lowercase());
            i += 1;
        }
    }
    key
}

/// Case-insensitive order that compares digit runs as numbers (`CVE-2018-9` < `CVE-2018-10`).
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, _) => return std::cmp::Ordering::Less,
            (_, None) => return std::cmp::Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let nx = x.iter().take_while(|b| b.is_ascii_digit()).count();
                let ny = y.iter().take_while(|b| b.is_ascii_digit()).count();
                let (dx, dy) = (&x[..nx], &y[..ny]);
                let tx = dx.iter().skip_while(|&&b| b == b'0').count();
                let ty = dy.iter().skip_while(|&&b| b == b'0').count();
                let ord = tx.cmp(&ty).then_with(|| dx[nx - tx..].cmp(&dy[ny - ty..]));
                if ord != std::cmp::Ordering::Equal {
                    return ord;
                }
                x = &x[nx..];
                y = &y[ny..];
            }
            (Some(c), Some(d)) => {
                let ord = c.to_ascii_lowercase().cmp(&d.to_ascii_lowercase());
                if ord != std::cmp::Ordering::Equal {
                    return ord;
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

/// Every finding of a dataset as rows, plus the value tables the rows point into.
#[derive(Debug, Default)]
pub struct FindingIndex {
    pub rows: Vec<Row>,
    pub packages: Values,
    pub runs: Values,
    pub instances: Values,
    pub asgs: Values,
    pub attributes: Values,
    pub user_attributes: Values,
    pub titles: Values,
    pub rule_ids: Values,
    pub ips: Values,
    /// Lower-cased search texts, shared between findings with the same text.
    pub texts: Vec<Box<str>>,
    /// Lower-cased ARNs (ARNs carry mixed-case ids), one per row.
    pub arns: Vec<Box<str>>,
    /// Display names: run ARN → run name, package ARN → package name.
    pub run_names: HashMap<Str, Str>,
    pub package_labels: Vec<Str>,
    /// Every row sorted once ahead of the first view (see [`FindingIndex::prepare_order`]).
    pub(crate) prepared_order: OnceCell<super::exec::RowOrder>,
}

impl FindingIndex {
    /// Builds the index of `data.findings` (row i = finding i).
    pub fn build(data: &Dataset) -> FindingIndex {
        let mut b = IndexBuilder::new(data);
        while !b.step(data, usize::MAX) {}
        b.finish()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The value tables that text columns sort by (see [`Values::prepare_sort`]).
    pub fn sort_tables(&self) -> [&Values; 6] {
        [
            &self.titles,
            &self.rule_ids,
            &self.instances,
            &self.packages,
            &self.ips,
            &self.runs,
        ]
    }

    /// The value table of a dimension (`None` for severity and triage status, which are enums).
    pub fn values(&self, dim: Dim) -> Option<&Values> {
        match dim {
            Dim::Severity | Dim::Triage => None,
            Dim::Package => Some(&self.packages),
            Dim::Run => Some(&self.runs),
            Dim::Instance => Some(&self.instances),
            Dim::AutoScalingGroup => Some(&self.asgs),
            Dim::Attribute => Some(&self.attributes),
            Dim::UserAttribute => Some(&self.user_attributes),
            Dim::RuleId => Some(&self.rule_ids),
        }
    }

    /// Display label of a value id in a dimension.
    pub fn label(&self, dim: Dim, id: u32) -> String {
        match dim {
            Dim::Severity => severity_label(id),
            Dim::Triage => super::triage::code_label(u8::try_from(id).unwrap_or(super::triage::UNTRIAGED)).to_owned(),
            Dim::Run => self
                .runs
                .name(id)
                .map(|arn| {
                    self.run_names
                        .get(arn)
                        .map_or_else(|| arn.to_string(), ToString::to_string)
                })
                .unwrap_or_else(|| "(none)".to_owned()),
            _ => self
                .values(dim)
                .and_then(|v| v.name(id))
                .map_or_else(|| "(none)".to_owned(), ToString::to_string),
        }
    }

    /// A row's value ids in a dimension (one for single-valued dimensions). Rows carry no
    /// triage status: that column is passed to [`FindingIndex::query_triaged`].
    pub fn row_values<'r>(&self, row: &'r Row, dim: Dim) -> RowValues<'r> {
        match dim {
            Dim::Severity => RowValues::One(u32::from(row.severity)),
            Dim::Package => RowValues::One(row.package),
            Dim::Run => RowValues::One(row.run),
            Dim::Instance => RowValues::One(row.instance),
            Dim::AutoScalingGroup => RowValues::One(row.asg),
            Dim::Attribute => RowValues::Many(&row.attributes),
            Dim::UserAttribute => RowValues::Many(&row.user_attributes),
            Dim::RuleId => RowValues::One(row.rule_id),
            Dim::Triage => RowValues::One(u32::from(super::triage::UNTRIAGED)),
        }
    }
}

/// The value ids a row has in one dimension.
#[derive(Debug, Clone, Copy)]
pub enum RowValues<'a> {
    One(u32),
    Many(&'a [u32]),
}

impl RowValues<'_> {
    pub fn contains(&self, id: u32) -> bool {
        match self {
            RowValues::One(v) => *v == id,
            RowValues::Many(vs) => vs.contains(&id),
        }
    }
}

/// `Severity` label for a rank (5 = missing/invalid).
pub fn severity_label(rank: u32) -> String {
    Severity::ALL
        .get(rank as usize)
        .map_or_else(|| "(missing)".to_owned(), |s| s.as_str().to_owned())
}

/// Ids of `KEY=value` pairs; the pair text is built only the first time a pair is seen.
fn pair_list(
    attrs: Option<&[crate::model::Attribute]>,
    ids: &mut HashMap<(*const u8, *const u8), u32>,
    values: &mut Values,
) -> Box<[u32]> {
    attrs
        .unwrap_or_default()
        .iter()
        .map(|a| {
            let key = (
                a.key.as_deref().map_or(std::ptr::null(), str::as_ptr),
                a.value.as_deref().map_or(std::ptr::null(), str::as_ptr),
            );
            *ids.entry(key).or_insert_with(|| {
                let k = a.key.as_deref().unwrap_or("");
                let text = match &a.value {
                    Some(v) => format!("{k}={v}"),
                    None => k.to_owned(),
                };
                values.id(Some(&Str::from(text)))
            })
        })
        .collect()
}

/// Builds a [`FindingIndex`] a slice of findings at a time (the UI yields between slices).
#[derive(Debug, Default)]
pub struct IndexBuilder {
    ix: FindingIndex,
    next: usize,
    text_ids: HashMap<*const u8, u32>,
    /// One search text per distinct asset block (shared by every finding of an instance).
    asset_ids: HashMap<*const crate::model::AssetAttributes, u32>,
    /// Attribute pairs keyed by the interned key/value pointers: no string per finding.
    pair_ids: HashMap<(*const u8, *const u8), u32>,
    upair_ids: HashMap<(*const u8, *const u8), u32>,
    package_label: HashMap<Str, Str>,
}

impl IndexBuilder {
    pub fn new(data: &Dataset) -> IndexBuilder {
        let mut b = IndexBuilder::default();
        for r in &data.runs {
            if let (Some(arn), Some(name)) = (&r.rec.arn, &r.rec.name) {
                b.ix.run_names.insert(arn.clone(), name.clone());
            }
        }
        b
    }

    fn text(&mut self, s: Option<&Str>) -> u32 {
        let Some(s) = s else { return NONE };
        let key = s.as_ptr();
        if let Some(&i) = self.text_ids.get(&key) {
            return i;
        }
        let i = u32::try_from(self.ix.texts.len()).unwrap_or(NONE);
        self.ix.texts.push(lowercase(s));
        self.text_ids.insert(key, i);
        i
    }

    /// Indexes up to `budget` more findings of `data` (the dataset given to `new`); true when done.
    pub fn step(&mut self, data: &Dataset, budget: usize) -> bool {
        let end = self.next.saturating_add(budget).min(data.findings.len());
        for m in &data.findings[self.next.min(end)..end] {
            let f: &Finding = &m.rec;
            let severity = f.severity_level().map_or(5, Severity::rank);
            let pkg = f.rules_package_arn().map(|arn| {
                self.package_label
                    .entry(arn.clone())
                    .or_insert_with(|| data.package_name(arn).unwrap_or_else(|| arn.clone()))
                    .clone()
            });
            let aa = f.asset_attributes.as_deref();
            let attrs = pair_list(f.attributes.as_deref(), &mut self.pair_ids, &mut self.ix.attributes);
            let uattrs = pair_list(
                f.user_attributes.as_deref(),
                &mut self.upair_ids,
                &mut self.ix.user_attributes,
            );
            let texts = [
                self.text(f.title.as_ref()),
                self.text(f.description.as_ref()),
                self.text(f.recommendation.as_ref()),
                self.text(f.id.as_ref()),
                asset_text(f, &mut self.asset_ids, &mut self.ix.texts),
            ];
            let ix = &mut self.ix;
            let row = Row {
                severity,
                package: ix.packages.id(pkg.as_ref()),
                run: ix.runs.id(f.run_arn()),
                instance: ix.instances.id(f.instance_id()),
                asg: ix.asgs.id(aa.and_then(|a| a.auto_scaling_group.as_ref())),
                attributes: attrs,
                user_attributes: uattrs,
                title: ix.titles.id(f.title.as_ref()),
                rule_id: ix.rule_ids.id(f.id.as_ref()),
                ip: ix.ips.id(f.first_ip()),
                created: f.created_at.map_or(i64::MIN, |t| t.micros),
                texts,
            };
            ix.rows.push(row);
            ix.arns.push(lowercase(f.arn.as_deref().unwrap_or("")));
        }
        self.next = end;
        end >= data.findings.len()
    }

    pub fn finish(self) -> FindingIndex {
        let mut ix = self.ix;
        // Runs sort by their display name when known.
        let run_names = &ix.run_names;
        ix.runs.sort_labels = Some(
            ix.runs
                .names
                .iter()
                .map(|a| run_names.get(a).cloned().unwrap_or_else(|| a.clone()))
                .collect(),
        );
        ix.package_labels = ix.packages.names.clone();
        ix
    }
}

/// The searchable text of a finding's asset, built once per shared asset block.
fn asset_text(
    f: &Finding,
    ids: &mut HashMap<*const crate::model::AssetAttributes, u32>,
    texts: &mut Vec<Box<str>>,
) -> u32 {
    let Some(aa) = f.asset_attributes.as_ref() else {
        return NONE;
    };
    *ids.entry(std::rc::Rc::as_ptr(aa)).or_insert_with(|| {
        let mut parts: Vec<&str> = Vec::new();
        parts.extend(aa.agent_id.as_deref());
        parts.extend(aa.hostname.as_deref());
        parts.extend(aa.ami_id.as_deref());
        parts.extend(aa.auto_scaling_group.as_deref());
        parts.extend(aa.ipv4_addresses.iter().flatten().map(|s| &**s));
        for t in aa.tags.iter().flatten() {
            parts.extend(t.value.as_deref());
        }
        for n in aa.network_interfaces.iter().flatten() {
            parts.extend(n.private_ip_address.as_deref());
            parts.extend(n.public_ip.as_deref());
            parts.extend(n.private_dns_name.as_deref());
            parts.extend(n.public_dns_name.as_deref());
        }
        let i = u32::try_from(texts.len()).unwrap_or(NONE);
        texts.push(lowercase(&parts.join(" \u{1f} ")));
        i
    })
}

/// Lower case, with a fast path for ASCII (almost every export).
fn lowercase(s: &str) -> Box<str> {
    if s.is_ascii() {
        s.to_ascii_lowercase().into_boxed_str()
    } else {
        s.to_lowercase().into_boxed_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_has_one_id_whether_shared_repeated_or_a_separate_copy() {
        let mut values = Values::default();
        let (a, b) = (Str::from("run-a"), Str::from("run-b"));
        let a_copy = Str::from("run-a"); // equal text, another allocation
        let ids: Vec<u32> = [&a, &a, &b, &a_copy, &a, &b, &b, &a_copy]
            .iter()
            .map(|s| values.id(Some(s)))
            .collect();
        assert_eq!(ids, [0, 0, 1, 0, 0, 1, 1, 0]);
        assert_eq!(values.id(None), NONE);
        assert_eq!(values.names.len(), 2);
    }

    #[test]
    fn ranking_in_slices_equals_ranking_at_once() {
        let mut x: u64 = 7;
        let mut next = move || {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            x >> 33
        };
        for count in [0usize, 1, 2, 3, 17, 1000, 4099] {
            let mut values = Values::default();
            for _ in 0..count {
                // Case, digit runs and shared prefixes, so keys tie and break ties by label.
                let label = format!(
                    "{}-{}{}",
                    ["CVE", "cve", "Pkg", "pkg"][(next() % 4) as usize],
                    next() % 300,
                    ["", "a", "A", "0"][(next() % 4) as usize]
                );
                values.id(Some(&Str::from(label)));
            }
            let at_once = values.clone();
            for slice in [0, 1, 2, 7, 64, 5000] {
                let sliced = at_once.clone();
                let mut keys = SortKeys::default();
                let mut calls = 0;
                while !sliced.add_sort_keys(&mut keys, slice) {
                    calls += 1;
                    assert!(calls < 100_000, "ranking in slices ends");
                }
                assert!(sliced.prepare_sort(keys));
                let ids = 0..u32::try_from(count).unwrap_or(0);
                let a: Vec<u32> = ids.clone().map(|i| at_once.ord(i)).collect();
                let b: Vec<u32> = ids.map(|i| sliced.ord(i)).collect();
                assert_eq!(a, b, "{count} values in slices of {slice}");
            }
        }
    }

    #[test]
    fn natural_order_compares_numbers_by_value() {
        let mut v = vec!["CVE-2018-10", "cve-2018-9", "CVE-2017-100", "b", "A"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["A", "b", "CVE-2017-100", "cve-2018-9", "CVE-2018-10"]);
        assert_eq!(
            natural_cmp("x007", "x7"),
            std::cmp::Ordering::Less.then("x007".cmp("x7"))
        );
    }
}
