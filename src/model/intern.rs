//! String interning: titles, descriptions and ARN prefixes repeat across thousands of records.

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::Hasher as _;
use std::rc::Rc;

/// An immutable, cheaply cloned string; equal values read through one [`Interner`] share storage.
pub type Str = Rc<str>;

/// Hands out one shared [`Str`] per distinct text.
///
/// Texts are looked up by a hash of their length and of their first and last 32 bytes only:
/// a finding's description and recommendation run to kilobytes, and hashing all of them cost
/// more than the rest of interning. Different texts with the same sample are kept apart in a
/// second table, hashed whole.
#[derive(Debug, Default)]
pub struct Interner {
    by_sample: FxHashMap<u64, Str>,
    /// Texts whose sample an earlier, different text already has.
    others: FxHashSet<Str>,
}

/// Texts up to this long are hashed whole.
const WHOLE: usize = 64;

fn sample(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = FxHasher::default();
    match (b.get(..WHOLE / 2), b.len().checked_sub(WHOLE / 2)) {
        (Some(head), Some(tail)) if b.len() > WHOLE => {
            h.write(head);
            h.write(&b[tail..]);
        }
        _ => h.write(b),
    }
    h.write_usize(b.len());
    h.finish()
}

impl Interner {
    pub fn new() -> Self {
        Self::default()
    }

    /// The shared copy of `s`, created on first sight.
    pub fn intern(&mut self, s: &str) -> Str {
        let key = sample(s);
        match self.by_sample.get(&key) {
            Some(existing) if **existing == *s => existing.clone(),
            Some(_) => {
                if let Some(existing) = self.others.get(s) {
                    return existing.clone();
                }
                let rc: Str = Rc::from(s);
                self.others.insert(rc.clone());
                rc
            }
            None => {
                let rc: Str = Rc::from(s);
                self.by_sample.insert(key, rc.clone());
                rc
            }
        }
    }

    /// A string that is unlikely to repeat (e.g. a finding ARN): not worth a table slot.
    pub fn unique(&mut self, s: &str) -> Str {
        Rc::from(s)
    }

    pub fn len(&self) -> usize {
        self.by_sample.len() + self.others.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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

    #[test]
    fn long_texts_alike_at_both_ends_stay_apart() {
        let mut i = Interner::new();
        let head = "h".repeat(40);
        let tail = "t".repeat(40);
        let texts: Vec<String> = ["a", "b", "c", "bb"]
            .iter()
            .map(|m| format!("{head}{m}{tail}"))
            .collect();
        assert_eq!(
            sample(&texts[0]),
            sample(&texts[1]),
            "same length, same ends: same sample"
        );
        let first: Vec<Str> = texts.iter().map(|t| i.intern(t)).collect();
        for (t, f) in texts.iter().zip(&first) {
            assert_eq!(&**f, t.as_str());
            assert!(Rc::ptr_eq(f, &i.intern(&t.clone())), "{t}: shared on second sight");
        }
        assert_eq!(i.len(), 4);
        assert!(
            i.others.len() >= 2,
            "the ones with a taken sample went to the second table"
        );
        // Around the whole-hash limit, and texts that differ only in their middle byte.
        for n in [WHOLE - 1, WHOLE, WHOLE + 1, 65, 200] {
            let a = "x".repeat(n);
            let mut b = a.clone().into_bytes();
            b[n / 2] = b'y';
            let b = String::from_utf8(b).unwrap_or_default();
            let (ra, rb) = (i.intern(&a), i.intern(&b));
            assert_eq!((&*ra, &*rb), (a.as_str(), b.as_str()));
            assert!(!Rc::ptr_eq(&ra, &rb));
            assert!(Rc::ptr_eq(&ra, &i.intern(&a)) && Rc::ptr_eq(&rb, &i.intern(&b)));
        }
    }
}
