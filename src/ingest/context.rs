//! Shared state across files: interned strings and shared per-instance attribute blocks.

use crate::model::{AssetAttributes, Interner, ServiceAttributes};
use rustc_hash::FxHashSet as HashSet;
use std::hash::Hash;
use std::rc::Rc;

/// Hands out one `Rc` per distinct value (asset attributes repeat on every finding of an instance).
#[derive(Debug)]
pub struct Shared<T: Hash + Eq> {
    set: HashSet<Rc<T>>,
}

impl<T: Hash + Eq> Default for Shared<T> {
    fn default() -> Self {
        Shared {
            set: HashSet::default(),
        }
    }
}

impl<T: Hash + Eq> Shared<T> {
    pub fn share(&mut self, v: Rc<T>) -> Rc<T> {
        if let Some(existing) = self.set.get(&v) {
            return existing.clone();
        }
        self.set.insert(v.clone());
        v
    }

    pub fn len(&self) -> usize {
        self.set.len()
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// What all files read into one dataset share.
#[derive(Debug, Default)]
pub struct Context {
    pub strings: Interner,
    pub assets: Shared<AssetAttributes>,
    pub services: Shared<ServiceAttributes>,
    /// Asset attribute blocks read before without an issue, by their bytes.
    pub asset_blocks: super::memo::BlockMemo<AssetAttributes>,
}
