//! The finding severity enum and its rank order (High > Medium > Low > Informational > Undefined).

use std::fmt;

/// `Severity` of the 2016-02-16 model. Also the key type of `AssessmentRun.findingCounts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    // Declaration order is rank order, highest first: `Ord` sorts High before Medium.
    High,
    Medium,
    Low,
    Informational,
    Undefined,
}

impl Severity {
    /// All values, highest first.
    pub const ALL: [Severity; 5] = [
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Informational,
        Severity::Undefined,
    ];

    /// The exact wire spelling (mixed case).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
            Severity::Informational => "Informational",
            Severity::Undefined => "Undefined",
        }
    }

    /// Parses the exact wire spelling only; `"HIGH"` is not a model value.
    pub fn parse(s: &str) -> Option<Severity> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// 0 for High … 4 for Undefined: sorts by rank, not alphabetically.
    pub fn rank(self) -> u8 {
        self as u8
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_order_is_not_alphabetical() {
        let mut v = vec![
            Severity::Low,
            Severity::Undefined,
            Severity::High,
            Severity::Informational,
            Severity::Medium,
        ];
        v.sort();
        assert_eq!(v, Severity::ALL.to_vec());
        assert!(Severity::High.rank() < Severity::Informational.rank());
    }

    #[test]
    fn parse_is_case_exact() {
        assert_eq!(Severity::parse("Medium"), Some(Severity::Medium));
        assert_eq!(Severity::parse("MEDIUM"), None);
        for s in Severity::ALL {
            assert_eq!(Severity::parse(s.as_str()), Some(s));
        }
    }
}
