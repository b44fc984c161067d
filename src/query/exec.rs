//! Running a query: filters (OR within a facet, AND across), search, facet counts, sort, groups.

use super::index::{severity_label, Column, Dim, FindingIndex, Row, NONE};
use crate::model::sort::SharedSort as _;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// What the user filters by. Values are the raw names (severity `High`, a run ARN, `KEY=value`…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub search: String,
    pub selected: BTreeMap<Dim, BTreeSet<String>>,
}

impl Filters {
    /// Adds `value` to the facet, or removes it when already there.
    pub fn toggle(&mut self, dim: Dim, value: &str) {
        let set = self.selected.entry(dim).or_default();
        if !set.remove(value) {
            set.insert(value.to_owned());
        }
        if set.is_empty() {
            self.selected.remove(&dim);
        }
    }

    /// Filters by exactly this one value in the facet.
    pub fn only(&mut self, dim: Dim, value: &str) {
        let mut set = BTreeSet::new();
        set.insert(value.to_owned());
        self.selected.insert(dim, set);
    }

    pub fn is_empty(&self) -> bool {
        self.search.trim().is_empty() && self.selected.is_empty()
    }

    pub fn is_selected(&self, dim: Dim, value: &str) -> bool {
        self.selected.get(&dim).is_some_and(|s| s.contains(value))
    }
}

/// Sort column and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Default for Sort {
    /// Most severe first (severity "descending" = High first).
    fn default() -> Self {
        Sort {
            column: Column::Severity,
            descending: true,
        }
    }
}

/// Grouping of the findings table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupBy {
    RuleId,
    Instance,
    Package,
}

impl GroupBy {
    pub const ALL: [GroupBy; 3] = [GroupBy::RuleId, GroupBy::Instance, GroupBy::Package];

    pub fn key(self) -> &'static str {
        match self {
            GroupBy::RuleId => "rule",
            GroupBy::Instance => "instance",
            GroupBy::Package => "package",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            GroupBy::RuleId => "Rule ID",
            GroupBy::Instance => "Instance",
            GroupBy::Package => "Rules package",
        }
    }

    pub fn from_key(k: &str) -> Option<GroupBy> {
        GroupBy::ALL.into_iter().find(|g| g.key() == k)
    }
}

/// One value of a facet with its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The raw value (what a filter holds).
    pub value: String,
    pub label: String,
    /// Findings that would match if this value were (also) selected.
    pub count: usize,
    pub selected: bool,
}

/// A facet: counts per value, most frequent first (severity in rank order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    pub dim: Dim,
    pub values: Vec<FacetValue>,
    /// Distinct values beyond those listed.
    pub more: usize,
}

/// A group of the findings table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub value: String,
    pub label: String,
    pub count: usize,
    /// Per severity rank (High … Undefined, missing).
    pub by_severity: [usize; 6],
}

/// What a query returns. Rows are indices into the dataset's findings, in display order.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryResult {
    pub rows: Rc<[u32]>,
    pub total: usize,
    pub facets: Vec<Facet>,
    /// Matching findings per severity rank (High … Undefined, missing).
    pub by_severity: [usize; 6],
}

/// Every row index in the display order of a sort, shared between queries. Equal when made
/// for the same sort by the same call (compared by pointer, not by 100k entries).
#[derive(Debug, Clone)]
pub struct RowOrder {
    pub sort: Sort,
    pub rows: Rc<[u32]>,
}

impl PartialEq for RowOrder {
    fn eq(&self, other: &Self) -> bool {
        self.sort == other.sort && Rc::ptr_eq(&self.rows, &other.rows)
    }
}

const FACET_LIMIT: usize = 50;

/// What rows sort by: missing last, the column's key, newest first, row. Facet values sort by
/// the same type (one sort routine in the wasm): count (inverted), sort ordinal, value id.
type SortKey = (bool, u64, i64, u32);

/// A row's values in a dimension; the triage status comes from the `triage` column.
fn dim_values<'r>(ix: &FindingIndex, row: &'r Row, i: usize, dim: Dim, triage: &[u8]) -> super::index::RowValues<'r> {
    match dim {
        Dim::Triage => {
            super::index::RowValues::One(u32::from(triage.get(i).copied().unwrap_or(super::triage::UNTRIAGED)))
        }
        _ => ix.row_values(row, dim),
    }
}

impl FindingIndex {
    /// Runs `filters` and `sort` over every finding (every finding untriaged).
    pub fn query(&self, filters: &Filters, sort: Sort) -> QueryResult {
        self.query_triaged(filters, sort, &[])
    }

    /// Runs `filters` and `sort` over every finding, with `triage[i]` the triage status code of
    /// finding `i` (see `query::triage`; missing entries are untriaged).
    pub fn query_triaged(&self, filters: &Filters, sort: Sort, triage: &[u8]) -> QueryResult {
        self.query_in_order(filters, &self.order(sort), triage)
    }

    /// Every finding in the display order of `sort`. A query filters this order, so a new
    /// search or filter does not sort again; only a new sort (or new data) does. The order
    /// kept by [`FindingIndex::prepare_order`] is shared, not made again.
    pub fn order(&self, sort: Sort) -> RowOrder {
        match self.prepared_order.get() {
            Some(kept) if kept.sort == sort => kept.clone(),
            _ => self.sorted(sort),
        }
    }

    /// Sorts every finding for `sort` and keeps that order in the index, so that the first
    /// view of new data does not sort (the loader calls this before it hands the data over).
    /// Only the first sort prepared is kept.
    pub fn prepare_order(&self, sort: Sort) {
        self.prepared_order.get_or_init(|| self.sorted(sort));
    }

    fn sorted(&self, sort: Sort) -> RowOrder {
        let mut rows: Vec<u32> = (0..u32::try_from(self.rows.len()).unwrap_or(u32::MAX)).collect();
        self.sort_rows(&mut rows, sort);
        RowOrder {
            sort,
            rows: rows.into(),
        }
    }

    /// Runs `filters` over every finding, taken in `order` (from [`FindingIndex::order`]); an
    /// order made for other data is made again, never trusted.
    pub fn query_in_order(&self, filters: &Filters, order: &RowOrder, triage: &[u8]) -> QueryResult {
        if order.rows.len() != self.rows.len() {
            return self.query_in_order(filters, &self.order(order.sort), triage);
        }
        // Compile facet filters to id sets; a value absent from the data matches nothing.
        let compiled: Vec<(Dim, Vec<u32>)> = filters
            .selected
            .iter()
            .map(|(dim, values)| {
                let ids = values.iter().filter_map(|v| self.value_id(*dim, v)).collect();
                (*dim, ids)
            })
            .collect();
        let needle = filters.search.trim().to_lowercase();
        // One searcher for every text (memchr's is several times faster than `str::contains`).
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let text_hits: Vec<bool> = if needle.is_empty() {
            Vec::new()
        } else {
            self.texts.iter().map(|t| finder.find(t.as_bytes()).is_some()).collect()
        };
        let hit = |id: u32| id != NONE && text_hits.get(id as usize).copied().unwrap_or(false);

        let mut counts: Vec<Vec<usize>> = Dim::ALL.iter().map(|d| vec![0; self.dim_len(*d) + 1]).collect();
        let mut by_severity = [0usize; 6];
        // Rows are visited in storage order (texts and ARNs are laid out that way), then the
        // matches are taken in display order.
        let mut matched = vec![false; self.rows.len()];
        for (i, row) in self.rows.iter().enumerate() {
            if !needle.is_empty() {
                let found = row.texts.iter().any(|&t| hit(t)) || finder.find(self.arns[i].as_bytes()).is_some();
                if !found {
                    continue;
                }
            }
            let mut failing: u32 = 0;
            for (dim, ids) in &compiled {
                let vals = dim_values(self, row, i, *dim, triage);
                if !ids.iter().any(|&id| vals.contains(id)) {
                    failing |= 1 << (*dim as u32);
                }
            }
            if failing == 0 {
                matched[i] = true;
                by_severity[usize::from(row.severity.min(5))] += 1;
            }
            for (di, dim) in Dim::ALL.iter().enumerate() {
                if failing == 0 || failing == 1 << (*dim as u32) {
                    self.count_row(dim_values(self, row, i, *dim, triage), &mut counts[di]);
                }
            }
        }
        let rows: Vec<u32> = order
            .rows
            .iter()
            .copied()
            .filter(|&i| matched.get(i as usize).copied().unwrap_or(false))
            .collect();
        let facets = Dim::ALL
            .iter()
            .enumerate()
            .map(|(di, dim)| self.facet(*dim, &counts[di], filters))
            .collect();
        QueryResult {
            total: rows.len(),
            rows: rows.into(),
            facets,
            by_severity,
        }
    }

    fn dim_len(&self, dim: Dim) -> usize {
        match dim {
            Dim::Triage => usize::from(super::triage::UNTRIAGED) + 1,
            _ => self.values(dim).map_or(6, super::index::Values::len),
        }
    }

    fn count_row(&self, values: super::index::RowValues<'_>, counts: &mut [usize]) {
        let last = counts.len() - 1;
        let slot = |id: u32| if id == NONE { last } else { id as usize };
        match values {
            super::index::RowValues::One(id) => {
                if let Some(c) = counts.get_mut(slot(id)) {
                    *c += 1;
                }
            }
            super::index::RowValues::Many(ids) => {
                for &id in ids {
                    if let Some(c) = counts.get_mut(slot(id)) {
                        *c += 1;
                    }
                }
            }
        }
    }

    /// The id of a raw value in a dimension.
    pub fn value_id(&self, dim: Dim, value: &str) -> Option<u32> {
        match dim {
            Dim::Severity => crate::model::Severity::parse(value)
                .map(|s| u32::from(s.rank()))
                .or_else(|| (value == "(missing)").then_some(5)),
            Dim::Triage => super::triage::code_of_key(value).map(u32::from),
            _ => self
                .values(dim)?
                .lookup(value)
                .or_else(|| (value.is_empty()).then_some(NONE)),
        }
    }

    /// The raw value of an id (what filters hold).
    pub fn value_name(&self, dim: Dim, id: u32) -> String {
        match dim {
            Dim::Severity => severity_label(id),
            Dim::Triage if id == NONE => String::new(),
            Dim::Triage => super::triage::code_key(u8::try_from(id).unwrap_or(super::triage::UNTRIAGED)).to_owned(),
            _ => self
                .values(dim)
                .and_then(|v| v.name(id))
                .map_or_else(String::new, ToString::to_string),
        }
    }

    fn facet(&self, dim: Dim, counts: &[usize], filters: &Filters) -> Facet {
        let selected: Vec<u32> = filters
            .selected
            .get(&dim)
            .map(|set| set.iter().filter_map(|v| self.value_id(dim, v)).collect())
            .unwrap_or_default();
        let ranked = self.ranked(dim, counts, |id| selected.contains(&id));
        let total = ranked.len();
        // Strings are built only for the values shown: a dimension can have 100 000 values.
        let values: Vec<FacetValue> = ranked
            .into_iter()
            .enumerate()
            .filter(|(rank, (id, _))| *rank < FACET_LIMIT || selected.contains(id))
            .map(|(_, (id, count))| FacetValue {
                value: self.value_name(dim, id),
                label: self.facet_label(dim, id),
                count,
                selected: selected.contains(&id),
            })
            .collect();
        Facet {
            dim,
            more: total - values.len(),
            values,
        }
    }

    /// A value's label in facet lists and charts: "(none)" for findings without one.
    fn facet_label(&self, dim: Dim, id: u32) -> String {
        if id == NONE {
            "(none)".to_owned()
        } else {
            self.label(dim, id)
        }
    }

    /// The value ids of `dim` with a count (or `keep`), with their counts, in facet order:
    /// most findings first, then the values' natural order (the column sort ordinals), with
    /// the missing value ("(none)") first among equal counts, as its label sorts. Severity and
    /// triage keep their fixed order.
    fn ranked(&self, dim: Dim, counts: &[usize], keep: impl Fn(u32) -> bool) -> Vec<(u32, usize)> {
        let n = counts.len().saturating_sub(1);
        let id_of = |i: usize| {
            if dim != Dim::Severity && i == n {
                NONE
            } else {
                u32::try_from(i).unwrap_or(NONE)
            }
        };
        let mut ranked: Vec<(u32, usize)> = counts
            .iter()
            .enumerate()
            .map(|(i, &count)| (id_of(i), count))
            .filter(|&(id, count)| count > 0 || keep(id))
            .collect();
        if let Some(values) = self.values(dim) {
            // Keyed like the table's rows, so both sorts share one sort routine (wasm size).
            let mut keyed: Vec<SortKey> = ranked
                .iter()
                // "(none)" first among equal counts, where its label sorts in natural order.
                .map(|&(id, count)| {
                    let ord = if id == NONE { -1 } else { i64::from(values.ord(id)) };
                    (false, u64::MAX - count as u64, ord, id)
                })
                .collect();
            keyed.sort_unstable();
            ranked = keyed
                .into_iter()
                .map(|(_, c, _, id)| (id, (u64::MAX - c) as usize))
                .collect();
        }
        ranked
    }

    fn sort_rows(&self, rows: &mut [u32], sort: Sort) {
        let rws = &self.rows;
        let key = |i: u32| -> u64 {
            let r = &rws[i as usize];
            match sort.column {
                // Rank 0 = High: ascending rank = most severe first, which is "descending" severity.
                Column::Severity => u64::from(5 - r.severity.min(5)),
                Column::Title => u64::from(self.titles.ord(r.title)),
                Column::RuleId => u64::from(self.rule_ids.ord(r.rule_id)),
                Column::Package => u64::from(self.packages.ord(r.package)),
                Column::Instance => u64::from(self.instances.ord(r.instance)),
                Column::Ip => u64::from(self.ips.ord(r.ip)),
                Column::Run => u64::from(self.runs.ord(r.run)),
                #[allow(clippy::cast_sign_loss)]
                Column::Created => (r.created as u64) ^ (1 << 63),
            }
        };
        // Missing values sort last in either direction.
        let missing = |i: u32| -> bool {
            let r = &rws[i as usize];
            match sort.column {
                Column::Severity => r.severity >= 5,
                Column::Title => r.title == NONE,
                Column::RuleId => r.rule_id == NONE,
                Column::Package => r.package == NONE,
                Column::Instance => r.instance == NONE,
                Column::Ip => r.ip == NONE,
                Column::Run => r.run == NONE,
                Column::Created => r.created == i64::MIN,
            }
        };
        let mut keyed: Vec<SortKey> = rows
            .iter()
            .map(|&i| {
                let k = key(i);
                (
                    missing(i),
                    if sort.descending { u64::MAX - k } else { k },
                    -rws[i as usize].created,
                    i,
                )
            })
            .collect();
        keyed.sort_unstable();
        for (slot, (_, _, _, i)) in rows.iter_mut().zip(keyed) {
            *slot = i;
        }
    }

    /// Groups the given rows by rule id, instance or package, largest group first.
    pub fn groups(&self, rows: &[u32], by: GroupBy) -> Vec<Group> {
        let pick = |r: &Row| match by {
            GroupBy::RuleId => r.rule_id,
            GroupBy::Instance => r.instance,
            GroupBy::Package => r.package,
        };
        let dim_len = match by {
            GroupBy::RuleId => self.rule_ids.len(),
            GroupBy::Instance => self.instances.len(),
            GroupBy::Package => self.packages.len(),
        };
        let mut acc: Vec<(usize, [usize; 6])> = vec![(0, [0; 6]); dim_len + 1];
        for &i in rows {
            let r = &self.rows[i as usize];
            let id = pick(r);
            let slot = if id == NONE { dim_len } else { id as usize };
            if let Some(a) = acc.get_mut(slot) {
                a.0 += 1;
                a.1[usize::from(r.severity.min(5))] += 1;
            }
        }
        let values = match by {
            GroupBy::RuleId => &self.rule_ids,
            GroupBy::Instance => &self.instances,
            GroupBy::Package => &self.packages,
        };
        let mut out: Vec<Group> = acc
            .into_iter()
            .enumerate()
            .filter(|(_, (n, _))| *n > 0)
            .map(|(slot, (count, by_severity))| {
                let name = if slot == dim_len {
                    None
                } else {
                    values.name(u32::try_from(slot).unwrap_or(NONE))
                };
                Group {
                    value: name.map_or_else(String::new, ToString::to_string),
                    label: name.map_or_else(|| "(none)".to_owned(), ToString::to_string),
                    count,
                    by_severity,
                }
            })
            .collect();
        out.shared_sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| super::index::natural_cmp(&a.label, &b.label))
        });
        out
    }

    /// The `limit` values of a dimension with the most matching findings among `rows` (for
    /// charts that follow the filters): (value, label, count), in facet order.
    pub fn counts_by(&self, rows: &[u32], dim: Dim, limit: usize) -> Vec<(String, String, usize)> {
        let mut counts = vec![0usize; self.dim_len(dim) + 1];
        for &i in rows {
            let row = &self.rows[i as usize];
            self.count_row(dim_values(self, row, i as usize, dim, &[]), &mut counts);
        }
        self.ranked(dim, &counts, |_| false)
            .into_iter()
            .take(limit)
            .map(|(id, count)| (self.value_name(dim, id), self.facet_label(dim, id), count))
            .collect()
    }
}
