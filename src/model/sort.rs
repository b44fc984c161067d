//! Stable sorting through one shared sort routine.
//!
//! Each `slice::sort_by` call site with its own element type or closure instantiates the whole
//! standard driftsort (3 to 4 KB of wasm each). These helpers sort a permutation of indices with
//! one shared, non-generic instance, then apply it: same (stable) order as `sort_by`.
//! Collecting into a `BTreeSet` also brings its own sort instance: where size matters, sets are
//! filled with `extend` on an empty set instead. Hot sorts (the findings table's rows and the
//! facet ranks, on every query) keep the standard sort, which is faster.

use std::cmp::Ordering;

/// Indices `0..len`, stably sorted by `cmp`.
#[inline(never)]
fn order(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..len).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Moves element `idx[i]` to position `i`, by swaps along the permutation's cycles.
#[inline(never)]
fn permute(mut idx: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for i in 0..idx.len() {
        let mut j = i;
        loop {
            let k = idx[j];
            if k == usize::MAX {
                break;
            }
            idx[j] = usize::MAX;
            if k == i {
                break;
            }
            swap(j, k);
            j = k;
        }
    }
}

/// `sort_by`, `sort_by_key` and `sort` (all stable) through the shared routine.
pub trait SharedSort<T> {
    fn shared_sort_by<F: FnMut(&T, &T) -> Ordering>(&mut self, cmp: F);
    fn shared_sort_by_key<K: Ord, F: FnMut(&T) -> K>(&mut self, mut key: F) {
        self.shared_sort_by(|a, b| key(a).cmp(&key(b)));
    }
    fn shared_sort(&mut self)
    where
        T: Ord,
    {
        self.shared_sort_by(T::cmp);
    }
}

impl<T> SharedSort<T> for [T] {
    fn shared_sort_by<F: FnMut(&T, &T) -> Ordering>(&mut self, mut cmp: F) {
        if self.len() < 2 {
            return;
        }
        let v = &*self;
        let idx = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
        permute(idx, &mut |a, b| self.swap(a, b));
    }
}
