//! String interning: titles, descriptions and ARN prefixes repeat across thousands of records.

use rustc_hash::FxHashSet as HashSet;
use std::rc::Rc;

/// An immutable, cheaply cloned string; equal values read through one [`Interner`] share storage.
pub type Str = Rc<str>;

/// Hands out one shared [`Str`] per distinct text.
#[derive(Debug, Default)]
pub struct Interner {
    set: HashSet<Rc<str>>,
}

impl Interner {
    pub fn new() -> Self {
        Self::default()
    }

    /// The shared copy of `s`, created on first sight.
    pub fn intern(&mut self, s: &str) -> Str {
        if let Some(existing) = self.set.get(s) {
            return existing.clone();
        }
        let rc: Rc<str> = Rc::from(s);
        self.set.insert(rc.clone());
        rc
    }

    /// A string that is unlikely to repeat (e.g. a finding ARN): not worth a table slot.
    pub fn unique(&mut self, s: &str) -> Str {
        Rc::from(s)
    }

    pub fn len(&self) -> usize {
        self.set.len()
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_text_shares_storage() {
        let mut i = Interner::new();
        let a = i.intern("High");
        let b = i.intern(&String::from("High"));
        assert!(Rc::ptr_eq(&a, &b));
        let c = i.intern("Low");
        assert!(!Rc::ptr_eq(&a, &c));
        assert_eq!(i.len(), 2);
    }
}
