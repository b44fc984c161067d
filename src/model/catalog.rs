//! The published rules-package ARNs per region (AWS "ARNs for rules packages" page, 2018–2020).

/// The five rules packages of Inspector Classic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Package {
    Cve,
    Cis,
    SecurityBestPractices,
    RuntimeBehaviorAnalysis,
    NetworkReachability,
}

impl Package {
    pub const ALL: [Package; 5] = [
        Package::Cve,
        Package::Cis,
        Package::SecurityBestPractices,
        Package::RuntimeBehaviorAnalysis,
        Package::NetworkReachability,
    ];

    /// The name DescribeRulesPackages returns.
    pub fn name(self) -> &'static str {
        match self {
            Package::Cve => "Common Vulnerabilities and Exposures",
            Package::Cis => "CIS Operating System Security Configuration Benchmarks",
            Package::SecurityBestPractices => "Security Best Practices",
            Package::RuntimeBehaviorAnalysis => "Runtime Behavior Analysis",
            Package::NetworkReachability => "Network Reachability",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Package::Cve => "CVE",
            Package::Cis => "CIS",
            Package::SecurityBestPractices => "SBP",
            Package::RuntimeBehaviorAnalysis => "RBA",
            Package::NetworkReachability => "NR",
        }
    }
}

/// Every published ARN (66: 14 regions; Runtime Behavior Analysis was withdrawn in 2019 and
/// Network Reachability added in 2018, so not every region has all five).
pub static PUBLISHED: &[(&str, Package)] = &[
    (
        "arn:aws:inspector:ap-northeast-1:406045910587:rulespackage/0-7WNjqgGu",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:ap-northeast-1:406045910587:rulespackage/0-gHP9oWNT",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:ap-northeast-1:406045910587:rulespackage/0-YI95DVd7",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:ap-northeast-1:406045910587:rulespackage/0-knGBhqEu",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws:inspector:ap-northeast-1:406045910587:rulespackage/0-bBUQnxMq",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:ap-northeast-2:526946625049:rulespackage/0-T9srhg1z",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:ap-northeast-2:526946625049:rulespackage/0-PoGHMznc",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:ap-northeast-2:526946625049:rulespackage/0-s3OmLzhL",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:ap-northeast-2:526946625049:rulespackage/0-PoYq7lI7",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws:inspector:ap-northeast-2:526946625049:rulespackage/0-2WRpmi4n",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:ap-south-1:162588757376:rulespackage/0-PSUlX14m",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:ap-south-1:162588757376:rulespackage/0-LqnJE9dO",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:ap-south-1:162588757376:rulespackage/0-YxKfjFu1",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:ap-south-1:162588757376:rulespackage/0-EhMQZy6C",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws:inspector:ap-south-1:162588757376:rulespackage/0-fs0IZZBj",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:ap-southeast-2:454640832652:rulespackage/0-Vkd2Vxjq",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:ap-southeast-2:454640832652:rulespackage/0-D5TGAxiR",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:ap-southeast-2:454640832652:rulespackage/0-FLcuV4Gz",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:ap-southeast-2:454640832652:rulespackage/0-P8Tel2Xj",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws:inspector:ap-southeast-2:454640832652:rulespackage/0-asL6HRgN",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:eu-central-1:537503971621:rulespackage/0-nZrAVuv8",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:eu-central-1:537503971621:rulespackage/0-wNqHa8M9",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:eu-central-1:537503971621:rulespackage/0-6yunpJ91",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:eu-central-1:537503971621:rulespackage/0-0GMUM6fg",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws:inspector:eu-central-1:537503971621:rulespackage/0-ZujVHEPB",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:eu-north-1:453420244670:rulespackage/0-Yn8jlX7f",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:eu-north-1:453420244670:rulespackage/0-IgdgIewd",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:eu-north-1:453420244670:rulespackage/0-52Sn74uu",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:eu-north-1:453420244670:rulespackage/0-HfBQSbSf",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:eu-west-1:357557129151:rulespackage/0-sJBhCr0F",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:eu-west-1:357557129151:rulespackage/0-ubA5XvBh",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:eu-west-1:357557129151:rulespackage/0-SPzU33xe",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:eu-west-1:357557129151:rulespackage/0-lLmwe1zd",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws:inspector:eu-west-1:357557129151:rulespackage/0-SnojL3Z6",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:eu-west-2:146838936955:rulespackage/0-IeCjwf1W",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:eu-west-2:146838936955:rulespackage/0-kZGCqcE1",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:eu-west-2:146838936955:rulespackage/0-AizSYyNq",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:eu-west-2:146838936955:rulespackage/0-XApUiSaP",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:us-east-1:316112463485:rulespackage/0-rExsr2X8",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:us-east-1:316112463485:rulespackage/0-PmNV0Tcd",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gBONHN9h",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws:inspector:us-east-1:316112463485:rulespackage/0-R01qwB5Q",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:us-east-2:646659390643:rulespackage/0-m8r61nnh",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:us-east-2:646659390643:rulespackage/0-JnA8Zp85",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:us-east-2:646659390643:rulespackage/0-cE4kTR30",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:us-east-2:646659390643:rulespackage/0-UCYZFKPV",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws:inspector:us-east-2:646659390643:rulespackage/0-AxKmMHPX",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws-us-gov:inspector:us-gov-east-1:206278770380:rulespackage/0-pTLCdIww",
        Package::Cis,
    ),
    (
        "arn:aws-us-gov:inspector:us-gov-east-1:206278770380:rulespackage/0-3IFKFuOb",
        Package::Cve,
    ),
    (
        "arn:aws-us-gov:inspector:us-gov-east-1:206278770380:rulespackage/0-850TmCFX",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws-us-gov:inspector:us-gov-east-1:206278770380:rulespackage/0-vlgEGcVD",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws-us-gov:inspector:us-gov-west-1:850862329162:rulespackage/0-Ac4CFOuc",
        Package::Cis,
    ),
    (
        "arn:aws-us-gov:inspector:us-gov-west-1:850862329162:rulespackage/0-4oQgcI4G",
        Package::Cve,
    ),
    (
        "arn:aws-us-gov:inspector:us-gov-west-1:850862329162:rulespackage/0-JMyjuzoW",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws-us-gov:inspector:us-gov-west-1:850862329162:rulespackage/0-rOTGqe5G",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:us-west-1:166987590008:rulespackage/0-xUY8iRqX",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:us-west-1:166987590008:rulespackage/0-TKgzoVOa",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:us-west-1:166987590008:rulespackage/0-TxmXimXF",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:us-west-1:166987590008:rulespackage/0-yeYxlt0x",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws:inspector:us-west-1:166987590008:rulespackage/0-byoQRFYm",
        Package::SecurityBestPractices,
    ),
    (
        "arn:aws:inspector:us-west-2:758058086616:rulespackage/0-H5hpSawc",
        Package::Cis,
    ),
    (
        "arn:aws:inspector:us-west-2:758058086616:rulespackage/0-9hgA516p",
        Package::Cve,
    ),
    (
        "arn:aws:inspector:us-west-2:758058086616:rulespackage/0-rD1z6dpl",
        Package::NetworkReachability,
    ),
    (
        "arn:aws:inspector:us-west-2:758058086616:rulespackage/0-vg5GGHSD",
        Package::RuntimeBehaviorAnalysis,
    ),
    (
        "arn:aws:inspector:us-west-2:758058086616:rulespackage/0-JJOtZiqQ",
        Package::SecurityBestPractices,
    ),
];

/// The package of a published rules-package ARN.
pub fn package_of(arn: &str) -> Option<Package> {
    PUBLISHED.iter().find(|(a, _)| *a == arn).map(|(_, p)| *p)
}

/// The region and package of every published ARN (for the generator and docs).
pub fn arns_in_region(region: &str) -> impl Iterator<Item = (&'static str, Package)> + '_ {
    PUBLISHED
        .iter()
        .filter(move |(a, _)| a.split(':').nth(3) == Some(region))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_table_resolves_known_arns() {
        assert_eq!(PUBLISHED.len(), 66);
        assert_eq!(
            package_of("arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7"),
            Some(Package::Cve)
        );
        assert_eq!(
            package_of("arn:aws:inspector:us-east-1:316112463485:rulespackage/0-PmNV0Tcd"),
            Some(Package::NetworkReachability)
        );
        assert_eq!(
            package_of("arn:aws:inspector:us-west-2:758058086616:rulespackage/0-X1KXtawP"),
            None
        );
        assert_eq!(arns_in_region("us-east-1").count(), 5);
    }
}
