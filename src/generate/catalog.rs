//! Facts copied from the reference material (published rules-package ARNs, rule sets and
//! documented severities, observed title/attribute shapes) plus invented-but-plausible pools
//! (instance roles, CVE texts) the generator draws from. Nothing here is read at run time
//! from outside the crate.

/// The five classic rules packages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RulesPackage {
    /// Common Vulnerabilities and Exposures.
    Cve,
    /// CIS Operating System Security Configuration Benchmarks.
    Cis,
    /// Security Best Practices.
    Sbp,
    /// Runtime Behavior Analysis (retired from the docs 2019-09-05).
    Rba,
    /// Network Reachability (added 2018-11).
    Nr,
}

impl RulesPackage {
    /// All packages in a stable order.
    pub const ALL: [RulesPackage; 5] = [
        RulesPackage::Cve,
        RulesPackage::Cis,
        RulesPackage::Sbp,
        RulesPackage::Rba,
        RulesPackage::Nr,
    ];

    /// `RulesPackage.name` as DescribeRulesPackages returns it.
    pub const fn name(self) -> &'static str {
        match self {
            RulesPackage::Cve => "Common Vulnerabilities and Exposures",
            RulesPackage::Cis => "CIS Operating System Security Configuration Benchmarks",
            RulesPackage::Sbp => "Security Best Practices",
            RulesPackage::Rba => "Runtime Behavior Analysis",
            RulesPackage::Nr => "Network Reachability",
        }
    }

    /// Version strings seen in AWS material: CVE 1.1 (CLI example), SBP/RBA 1.0 (2018 console
    /// report "Security Best Practices-1.0", "Runtime Behavior Analysis-1.0"), NR 1.1
    /// (console label). CIS: 1.0 (assumed).
    pub const fn version(self) -> &'static str {
        match self {
            RulesPackage::Cve | RulesPackage::Nr => "1.1",
            RulesPackage::Cis | RulesPackage::Sbp | RulesPackage::Rba => "1.0",
        }
    }

    /// Whether the package needs the Inspector agent (all but Network Reachability).
    pub const fn needs_agent(self) -> bool {
        !matches!(self, RulesPackage::Nr)
    }

    /// `RulesPackage.description` (CVE and SBP verbatim from AWS examples; others paraphrase
    /// the user guide).
    pub const fn description(self) -> &'static str {
        match self {
            RulesPackage::Cve => "The rules in this package help verify whether the EC2 instances in your application are exposed to Common Vulnerabilities and Exposures (CVEs). Attacks can exploit unpatched vulnerabilities to compromise the confidentiality, integrity, or availability of your service or data. The CVE system provides a reference for publicly known information security vulnerabilities and exposures. For more information, see [https://cve.mitre.org/](https://cve.mitre.org/). If a particular CVE appears in one of the produced Findings at the end of a completed Inspector assessment, you can search [https://cve.mitre.org/](https://cve.mitre.org/) using the CVE's ID (for example, \"CVE-2009-0021\") to find detailed information about this CVE, its severity, and how to mitigate it. ",
            RulesPackage::Cis => "The CIS Security Benchmarks program provides well-defined, unbiased and consensus-based industry best practices to help organizations assess and improve their security. The rules in this package help establish a secure configuration posture for the following operating systems: Amazon Linux 2, Amazon Linux, CentOS Linux 7, Red Hat Enterprise Linux 7, Ubuntu Linux 16.04 LTS and 18.04 LTS.",
            RulesPackage::Sbp => "The rules in this package help determine whether your systems are configured securely.",
            RulesPackage::Rba => "The rules in this package analyze the behavior of your instances during an assessment run and provide guidance on how to make your EC2 instances more secure.",
            RulesPackage::Nr => "The rules in the Network Reachability package analyze your network configurations to find security vulnerabilities of your EC2 instances. The findings that Amazon Inspector generates also provide guidance about restricting access that is not secure.",
        }
    }
}

/// Published rules-package ARNs of one region (from the AWS doc page "Amazon Inspector
/// Classic ARNs for rules packages", every snapshot 2018-01 … 2020-11).
#[derive(Debug, Clone, Copy)]
pub struct RegionPackages {
    /// Region code.
    pub region: &'static str,
    /// ARN partition (`aws` or `aws-us-gov`).
    pub partition: &'static str,
    /// The AWS-owned account in the rules-package ARNs of this region.
    pub account: &'static str,
    cve: &'static str,
    cis: &'static str,
    sbp: &'static str,
    rba: Option<&'static str>,
    nr: Option<&'static str>,
}

impl RegionPackages {
    /// The `0-XXXXXXXX` ID of `pkg` in this region, if it was published here.
    pub const fn id(&self, pkg: RulesPackage) -> Option<&'static str> {
        match pkg {
            RulesPackage::Cve => Some(self.cve),
            RulesPackage::Cis => Some(self.cis),
            RulesPackage::Sbp => Some(self.sbp),
            RulesPackage::Rba => self.rba,
            RulesPackage::Nr => self.nr,
        }
    }

    /// The full rules-package ARN of `pkg` in this region.
    pub fn arn(&self, pkg: RulesPackage) -> Option<String> {
        self.id(pkg).map(|id| {
            format!(
                "arn:{}:inspector:{}:{}:rulespackage/{}",
                self.partition, self.region, self.account, id
            )
        })
    }
}

/// Every region with published rules-package ARNs. RBA is missing in eu-west-2/eu-north-1
/// (never listed), NR in GovCloud (never listed).
#[rustfmt::skip]
pub const REGIONS: &[RegionPackages] = &[
    RegionPackages { region: "us-east-2", partition: "aws", account: "646659390643", cve: "0-JnA8Zp85", cis: "0-m8r61nnh", sbp: "0-AxKmMHPX", rba: Some("0-UCYZFKPV"), nr: Some("0-cE4kTR30") },
    RegionPackages { region: "us-east-1", partition: "aws", account: "316112463485", cve: "0-gEjTy7T7", cis: "0-rExsr2X8", sbp: "0-R01qwB5Q", rba: Some("0-gBONHN9h"), nr: Some("0-PmNV0Tcd") },
    RegionPackages { region: "us-west-1", partition: "aws", account: "166987590008", cve: "0-TKgzoVOa", cis: "0-xUY8iRqX", sbp: "0-byoQRFYm", rba: Some("0-yeYxlt0x"), nr: Some("0-TxmXimXF") },
    RegionPackages { region: "us-west-2", partition: "aws", account: "758058086616", cve: "0-9hgA516p", cis: "0-H5hpSawc", sbp: "0-JJOtZiqQ", rba: Some("0-vg5GGHSD"), nr: Some("0-rD1z6dpl") },
    RegionPackages { region: "ap-south-1", partition: "aws", account: "162588757376", cve: "0-LqnJE9dO", cis: "0-PSUlX14m", sbp: "0-fs0IZZBj", rba: Some("0-EhMQZy6C"), nr: Some("0-YxKfjFu1") },
    RegionPackages { region: "ap-northeast-2", partition: "aws", account: "526946625049", cve: "0-PoGHMznc", cis: "0-T9srhg1z", sbp: "0-2WRpmi4n", rba: Some("0-PoYq7lI7"), nr: Some("0-s3OmLzhL") },
    RegionPackages { region: "ap-southeast-2", partition: "aws", account: "454640832652", cve: "0-D5TGAxiR", cis: "0-Vkd2Vxjq", sbp: "0-asL6HRgN", rba: Some("0-P8Tel2Xj"), nr: Some("0-FLcuV4Gz") },
    RegionPackages { region: "ap-northeast-1", partition: "aws", account: "406045910587", cve: "0-gHP9oWNT", cis: "0-7WNjqgGu", sbp: "0-bBUQnxMq", rba: Some("0-knGBhqEu"), nr: Some("0-YI95DVd7") },
    RegionPackages { region: "eu-central-1", partition: "aws", account: "537503971621", cve: "0-wNqHa8M9", cis: "0-nZrAVuv8", sbp: "0-ZujVHEPB", rba: Some("0-0GMUM6fg"), nr: Some("0-6yunpJ91") },
    RegionPackages { region: "eu-west-1", partition: "aws", account: "357557129151", cve: "0-ubA5XvBh", cis: "0-sJBhCr0F", sbp: "0-SnojL3Z6", rba: Some("0-lLmwe1zd"), nr: Some("0-SPzU33xe") },
    RegionPackages { region: "eu-west-2", partition: "aws", account: "146838936955", cve: "0-kZGCqcE1", cis: "0-IeCjwf1W", sbp: "0-XApUiSaP", rba: None, nr: Some("0-AizSYyNq") },
    RegionPackages { region: "eu-north-1", partition: "aws", account: "453420244670", cve: "0-IgdgIewd", cis: "0-Yn8jlX7f", sbp: "0-HfBQSbSf", rba: None, nr: Some("0-52Sn74uu") },
    RegionPackages { region: "us-gov-east-1", partition: "aws-us-gov", account: "206278770380", cve: "0-3IFKFuOb", cis: "0-pTLCdIww", sbp: "0-vlgEGcVD", rba: Some("0-850TmCFX"), nr: None },
    RegionPackages { region: "us-gov-west-1", partition: "aws-us-gov", account: "850862329162", cve: "0-4oQgcI4G", cis: "0-Ac4CFOuc", sbp: "0-rOTGqe5G", rba: Some("0-JMyjuzoW"), nr: None },
];

/// The published package table of `region`.
pub fn region_packages(region: &str) -> Option<&'static RegionPackages> {
    REGIONS.iter().find(|r| r.region == region)
}

/// Finding severity (`Severity` enum; `Undefined` is never generated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// `High` ↔ 9.0
    High,
    /// `Medium` ↔ 6.0
    Medium,
    /// `Low` ↔ 3.0
    Low,
    /// `Informational` ↔ 0.0
    Informational,
    /// `Undefined` (in the enum; no example value known).
    Undefined,
}

impl Severity {
    /// Index order used by count arrays: High, Medium, Low, Informational, Undefined.
    pub const ALL: [Severity; 5] = [
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Informational,
        Severity::Undefined,
    ];
    /// The wire label.
    pub const fn label(self) -> &'static str {
        match self {
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
            Severity::Informational => "Informational",
            Severity::Undefined => "Undefined",
        }
    }
    /// `numericSeverity` paired with the label.
    pub const fn numeric(self) -> f64 {
        match self {
            Severity::High => 9.0,
            Severity::Medium => 6.0,
            Severity::Low => 3.0,
            Severity::Informational | Severity::Undefined => 0.0,
        }
    }
    /// Position in [`Severity::ALL`].
    pub const fn index(self) -> usize {
        match self {
            Severity::High => 0,
            Severity::Medium => 1,
            Severity::Low => 2,
            Severity::Informational => 3,
            Severity::Undefined => 4,
        }
    }
    /// One step less severe (used for re-scored findings).
    pub(crate) const fn down(self) -> Severity {
        match self {
            Severity::High => Severity::Medium,
            Severity::Medium => Severity::Low,
            Severity::Low | Severity::Informational | Severity::Undefined => Severity::Informational,
        }
    }
    /// One step more severe.
    pub(crate) const fn up(self) -> Severity {
        match self {
            Severity::High | Severity::Medium => Severity::High,
            Severity::Low => Severity::Medium,
            Severity::Informational | Severity::Undefined => Severity::Low,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Operating systems

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OsFamily {
    Amzn2,
    Amzn1,
    El7,
    Ubuntu1804,
    Ubuntu1604,
}

#[derive(Debug)]
pub(crate) struct OsInfo {
    pub family: OsFamily,
    /// CIS BENCHMARK_ID value (benchmark names as listed in the Inspector user guide).
    pub cis_benchmark: &'static str,
    pub cis_level1: &'static str,
    pub cis_level2: &'static str,
    pub weight: u64,
}

#[rustfmt::skip]
pub(crate) const OSES: &[OsInfo] = &[
    OsInfo { family: OsFamily::Amzn2, cis_benchmark: "CIS Benchmark for Amazon Linux 2 Benchmark v1.0.0", cis_level1: "Level 1", cis_level2: "Level 2", weight: 45 },
    OsInfo { family: OsFamily::Amzn1, cis_benchmark: "CIS Benchmark for Amazon Linux Benchmark v2.1.0", cis_level1: "Level 1", cis_level2: "Level 2", weight: 20 },
    OsInfo { family: OsFamily::El7, cis_benchmark: "CIS Benchmark for CentOS Linux 7 Benchmark v2.2.0", cis_level1: "Level 1 - Server", cis_level2: "Level 2 - Server", weight: 10 },
    OsInfo { family: OsFamily::El7, cis_benchmark: "CIS Benchmark for Red Hat Enterprise Linux 7 Benchmark v2.2.0", cis_level1: "Level 1 - Server", cis_level2: "Level 2 - Server", weight: 7 },
    OsInfo { family: OsFamily::Ubuntu1804, cis_benchmark: "CIS Benchmark for Ubuntu Linux 18.04 LTS Benchmark v1.0.0", cis_level1: "Level 1 - Server", cis_level2: "Level 2 - Server", weight: 12 },
    OsInfo { family: OsFamily::Ubuntu1604, cis_benchmark: "CIS Benchmark for Ubuntu Linux 16.04 LTS Benchmark v1.1.0", cis_level1: "Level 1 - Server", cis_level2: "Level 2 - Server", weight: 6 },
];

// ---------------------------------------------------------------------------------------------
// Instance roles (invented pools)

/// A port opened to a network by the instance's security group.
#[derive(Debug)]
pub(crate) struct Exposed {
    pub port: u16,
    /// Process listening on it (empty: nothing listens).
    pub process: &'static str,
}

#[derive(Debug)]
pub(crate) struct Role {
    pub key: &'static str,
    pub team: &'static str,
    pub sg: &'static str,
    /// Percent of instances with a public IP.
    pub public_pct: u64,
    pub asg: bool,
    pub exposed: &'static [Exposed],
    /// Listening ports nobody connected to (RBA "Unused Listening TCP Ports").
    pub unused: &'static [(u16, &'static str)],
    /// Processes for RBA process-level rules.
    pub procs: &'static [&'static str],
    pub weight: u64,
}

#[rustfmt::skip]
pub(crate) const ROLES: &[Role] = &[
    Role { key: "web", team: "storefront", sg: "web-frontend", public_pct: 80, asg: true,
        exposed: &[Exposed { port: 443, process: "nginx" }, Exposed { port: 80, process: "nginx" }, Exposed { port: 22, process: "sshd" }],
        unused: &[(8081, "tproxy"), (9000, "cslistener"), (37219, "")], procs: &["nginx", "php-fpm", "node"], weight: 20 },
    Role { key: "api", team: "payments", sg: "api-internal", public_pct: 25, asg: true,
        exposed: &[Exposed { port: 8443, process: "java" }, Exposed { port: 22, process: "sshd" }],
        unused: &[(1099, "jetty-jndi"), (2323, "jetty-http"), (37239, ""), (37787, "")], procs: &["java", "jsvc"], weight: 18 },
    Role { key: "worker", team: "data", sg: "workers", public_pct: 0, asg: true,
        exposed: &[Exposed { port: 22, process: "sshd" }],
        unused: &[(5555, "personal-agent"), (41871, "")], procs: &["python2.7", "celery"], weight: 14 },
    Role { key: "db", team: "data", sg: "database", public_pct: 0, asg: false,
        exposed: &[Exposed { port: 3306, process: "mysqld" }, Exposed { port: 22, process: "sshd" }],
        unused: &[(33060, "mysqlx")], procs: &["mysqld"], weight: 10 },
    Role { key: "pg", team: "data", sg: "postgres", public_pct: 0, asg: false,
        exposed: &[Exposed { port: 5432, process: "postgres" }],
        unused: &[], procs: &["postgres"], weight: 6 },
    Role { key: "cache", team: "platform", sg: "cache", public_pct: 0, asg: false,
        exposed: &[Exposed { port: 6379, process: "redis-server" }, Exposed { port: 11211, process: "" }],
        unused: &[(16379, "")], procs: &["redis-server"], weight: 6 },
    Role { key: "bastion", team: "platform", sg: "bastion-ssh", public_pct: 100, asg: false,
        exposed: &[Exposed { port: 22, process: "sshd" }, Exposed { port: 23, process: "" }],
        unused: &[], procs: &["sshd"], weight: 4 },
    Role { key: "jenkins", team: "platform", sg: "ci", public_pct: 60, asg: false,
        exposed: &[Exposed { port: 8080, process: "java" }, Exposed { port: 22, process: "sshd" }],
        unused: &[(50000, "ibm-db2"), (33848, "")], procs: &["java", "git"], weight: 4 },
    Role { key: "elk", team: "platform", sg: "logging", public_pct: 20, asg: false,
        exposed: &[Exposed { port: 9200, process: "java" }, Exposed { port: 5601, process: "node" }, Exposed { port: 22, process: "sshd" }],
        unused: &[(9300, "vrace")], procs: &["java", "node", "filebeat"], weight: 4 },
    Role { key: "mail", team: "storefront", sg: "smtp-relay", public_pct: 100, asg: false,
        exposed: &[Exposed { port: 25, process: "master" }, Exposed { port: 22, process: "sshd" }],
        unused: &[(587, "submission")], procs: &["master", "smtpd"], weight: 3 },
    Role { key: "ftp", team: "partners", sg: "legacy-ftp", public_pct: 100, asg: false,
        exposed: &[Exposed { port: 21, process: "vsftpd" }, Exposed { port: 22, process: "sshd" }, Exposed { port: 3389, process: "" }],
        unused: &[(990, "ftps")], procs: &["vsftpd", "/opt/legacy/bin/edi-agent"], weight: 2 },
];

/// Recognized ports for Network Reachability: (port, protocol, PORT_GROUP_NAME, severity).
/// SSH = Medium is documented; the other severities follow "the security impact of the
/// well-known service" (assumed).
pub(crate) const RECOGNIZED_PORTS: &[(u16, &str, &str, Severity)] = &[
    (21, "TCP", "FTP", Severity::High),
    (22, "TCP", "SSH", Severity::Medium),
    (23, "TCP", "Telnet", Severity::High),
    (25, "TCP", "SMTP", Severity::Medium),
    (80, "TCP", "HTTP", Severity::Low),
    (443, "TCP", "HTTPS", Severity::Low),
    (3306, "TCP", "MySQL", Severity::High),
    (3389, "TCP", "RDP", Severity::Medium),
    (5432, "TCP", "PostgreSQL", Severity::High),
    (5601, "TCP", "Kibana", Severity::Medium),
    (6379, "TCP", "Redis", Severity::High),
    (9200, "TCP", "Elasticsearch", Severity::High),
    (11211, "TCP", "Memcached", Severity::High),
];

pub(crate) fn recognized_port(port: u16) -> Option<&'static (u16, &'static str, &'static str, Severity)> {
    RECOGNIZED_PORTS.iter().find(|p| p.0 == port)
}

// ---------------------------------------------------------------------------------------------
// CVE

/// A CVE the CVE package reports. Scores are tenths (75 = 7.5).
#[derive(Debug)]
pub(crate) struct CveInfo {
    pub id: &'static str,
    /// RPM package name.
    pub pkg: &'static str,
    /// Debian/Ubuntu package name.
    pub deb: &'static str,
    pub epoch: u32,
    pub ver: &'static str,
    /// Release number of the fixed RPM (the vulnerable one is a little lower).
    pub rel: u32,
    pub cvss2: u8,
    pub cvss3: Option<u8>,
    pub desc: &'static str,
}

macro_rules! cve {
    ($id:literal, $pkg:literal, $deb:literal, $ep:literal, $ver:literal, $rel:literal, $c2:literal, $c3:expr, $desc:literal) => {
        CveInfo {
            id: $id,
            pkg: $pkg,
            deb: $deb,
            epoch: $ep,
            ver: $ver,
            rel: $rel,
            cvss2: $c2,
            cvss3: $c3,
            desc: $desc,
        }
    };
}

/// Well-known CVEs published before 2019-05 (the default timeline is spring 2019).
/// Descriptions are short paraphrases of the public CVE entries; scores are approximate.
#[rustfmt::skip]
pub(crate) const CVES: &[CveInfo] = &[
    cve!("CVE-2018-1111", "dhclient", "isc-dhcp-client", 12, "4.2.5", 68, 83, Some(75), "The NetworkManager integration script shipped with the DHCP client in Red Hat Enterprise Linux 6 and 7 is vulnerable to command injection. A malicious DHCP server, or an attacker on the local network able to spoof DHCP responses, could execute arbitrary commands with root privileges on systems that use NetworkManager and obtain their network configuration through DHCP."),
    cve!("CVE-2014-6271", "bash", "bash", 0, "4.2.46", 12, 100, Some(98), "GNU Bash through 4.3 processes trailing strings after function definitions in the values of environment variables, which allows remote attackers to execute arbitrary code via a crafted environment (\"Shellshock\")."),
    cve!("CVE-2016-7543", "bash", "bash", 0, "4.2.46", 28, 72, Some(84), "Bash before 4.4 allows local users to gain privileges by setting the SHELLOPTS and PS4 environment variables before running a setuid program that executes a shell."),
    cve!("CVE-2014-0160", "openssl", "openssl", 1, "1.0.1e", 34, 50, Some(75), "The TLS and DTLS heartbeat extension in OpenSSL 1.0.1 before 1.0.1g does not properly handle heartbeat request packets, which allows remote attackers to read sensitive information from process memory (\"Heartbleed\")."),
    cve!("CVE-2016-2183", "openssl", "openssl", 1, "1.0.2k", 8, 50, Some(75), "The DES and Triple DES ciphers, as used in TLS, SSH and IPsec, have a 64-bit block size, which makes it easier for remote attackers to obtain cleartext data via a birthday attack against a long-duration encrypted session (\"Sweet32\")."),
    cve!("CVE-2016-2107", "openssl", "openssl", 1, "1.0.1e", 48, 26, Some(59), "The AES-NI implementation in OpenSSL before 1.0.1t and 1.0.2 before 1.0.2h does not consider memory allocation during a certain padding check, which allows remote attackers to obtain sensitive cleartext information via a padding-oracle attack against an AES CBC session."),
    cve!("CVE-2017-3735", "openssl", "openssl", 1, "1.0.2k", 12, 50, Some(53), "While parsing an IPAddressFamily extension in an X.509 certificate, OpenSSL can perform a one-byte overread, which would result in an incorrect text display of the certificate."),
    cve!("CVE-2018-0732", "openssl", "openssl", 1, "1.0.2k", 16, 50, Some(75), "During key agreement in a TLS handshake using a DH(E) based ciphersuite, a malicious server can send a very large prime value to the client, causing it to spend an unreasonably long time generating a key (denial of service)."),
    cve!("CVE-2018-0737", "openssl", "openssl", 1, "1.0.2k", 16, 43, Some(59), "The OpenSSL RSA key generation algorithm has been shown to be vulnerable to a cache timing side channel attack. An attacker with sufficient access to mount cache timing attacks during key generation may be able to recover the private key."),
    cve!("CVE-2018-5407", "openssl", "openssl", 1, "1.0.2k", 18, 19, Some(47), "Simultaneous Multi-threading (SMT) in processors can enable local users to exploit software vulnerable to timing attacks via a side-channel timing attack on port contention (\"PortSmash\")."),
    cve!("CVE-2019-1559", "openssl", "openssl", 1, "1.0.2k", 19, 43, Some(59), "If an application encounters a fatal protocol error and then calls SSL_shutdown() twice, OpenSSL 1.0.2 can respond differently to the calling application depending on whether a 0-byte record with invalid padding was received, creating a padding oracle that could be used to decrypt data."),
    cve!("CVE-2016-5195", "kernel", "linux-image-generic", 0, "3.10.0", 514, 72, Some(78), "A race condition in mm/gup.c in the Linux kernel allows local users to gain privileges by leveraging incorrect handling of a copy-on-write (COW) feature to write to a read-only memory mapping (\"Dirty COW\")."),
    cve!("CVE-2017-5753", "kernel", "linux-image-generic", 0, "3.10.0", 693, 47, Some(56), "Systems with microprocessors utilizing speculative execution and branch prediction may allow unauthorized disclosure of information to an attacker with local user access via a side-channel analysis (\"Spectre\" variant 1, bounds check bypass)."),
    cve!("CVE-2017-5715", "kernel", "linux-image-generic", 0, "3.10.0", 693, 18, Some(56), "Systems with microprocessors utilizing speculative execution and indirect branch prediction may allow unauthorized disclosure of information to an attacker with local user access via a side-channel analysis (\"Spectre\" variant 2, branch target injection)."),
    cve!("CVE-2017-5754", "kernel", "linux-image-generic", 0, "3.10.0", 693, 47, Some(56), "Systems with microprocessors utilizing speculative execution and indirect branch prediction may allow unauthorized disclosure of information to an attacker with local user access via a side-channel analysis of the data cache (\"Meltdown\")."),
    cve!("CVE-2017-1000253", "kernel", "linux-image-generic", 0, "3.10.0", 693, 72, Some(78), "Linux distributions that have not patched their long-term kernels with commit a87938b2e246 are vulnerable to a privilege escalation: a PIE binary can be mapped such that its data segment overlaps the stack."),
    cve!("CVE-2018-14634", "kernel", "linux-image-generic", 0, "3.10.0", 862, 72, Some(78), "An integer overflow flaw was found in the Linux kernel's create_elf_tables() function. An unprivileged local user with access to a SUID binary could use this flaw to escalate their privileges on the system (\"Mutagen Astronomy\")."),
    cve!("CVE-2018-5390", "kernel", "linux-image-generic", 0, "3.10.0", 862, 78, Some(75), "Linux kernel versions 4.9+ can be forced to make very expensive calls to tcp_collapse_ofo_queue() and tcp_prune_ofo_queue() for every incoming packet, which can lead to a denial of service (\"SegmentSmack\")."),
    cve!("CVE-2018-5391", "kernel", "linux-image-generic", 0, "3.10.0", 862, 78, Some(75), "The Linux kernel versions 3.9+ are vulnerable to a denial of service attack with low rates of specially modified packets targeting IP fragment re-assembly (\"FragmentSmack\")."),
    cve!("CVE-2018-3620", "kernel", "linux-image-generic", 0, "3.10.0", 862, 47, Some(56), "Systems with microprocessors utilizing speculative execution and address translations may allow unauthorized disclosure of information residing in the L1 data cache to an attacker with local user access via a terminal page fault and side-channel analysis (\"L1 Terminal Fault\")."),
    cve!("CVE-2018-3639", "kernel", "linux-image-generic", 0, "3.10.0", 862, 21, Some(55), "Systems with microprocessors utilizing speculative execution and speculative execution of memory reads before the addresses of all prior memory writes are known may allow unauthorized disclosure of information via a side-channel analysis (\"Speculative Store Bypass\", Variant 4)."),
    cve!("CVE-2015-0235", "glibc", "libc6", 0, "2.17", 55, 100, None, "Heap-based buffer overflow in the __nss_hostname_digits_dots function in glibc before 2.18 allows context-dependent attackers to execute arbitrary code via vectors related to the gethostbyname or gethostbyname2 function (\"GHOST\")."),
    cve!("CVE-2015-7547", "glibc", "libc6", 0, "2.17", 106, 68, Some(81), "Multiple stack-based buffer overflows in the send_dg and send_vc functions in the libresolv library in glibc before 2.23 allow remote attackers to cause a denial of service or possibly execute code via crafted DNS responses to getaddrinfo."),
    cve!("CVE-2017-1000366", "glibc", "libc6", 0, "2.17", 196, 72, Some(78), "glibc contains a vulnerability that allows a specially crafted LD_LIBRARY_PATH value to manipulate the heap/stack, causing them to alias, potentially resulting in arbitrary code execution (\"Stack Clash\")."),
    cve!("CVE-2018-1000001", "glibc", "libc6", 0, "2.17", 222, 72, Some(78), "In glibc 2.26 and earlier there is confusion in the usage of getcwd() by realpath() which can be used to write before the destination buffer, leading to a buffer underflow and potential code execution."),
    cve!("CVE-2018-11236", "glibc", "libc6", 0, "2.17", 260, 75, Some(98), "stdlib/canonicalize.c in glibc 2.27 and earlier, when processing very long pathname arguments to the realpath function, could encounter an integer overflow on 32-bit architectures, leading to a stack-based buffer overflow."),
    cve!("CVE-2017-1000367", "sudo", "sudo", 0, "1.8.19p2", 11, 69, Some(70), "Todd Miller's sudo version 1.8.20 and earlier is vulnerable to an input validation flaw in its get_process_ttyname() function that allows a local user with sudo privileges to overwrite arbitrary files when SELinux is enabled."),
    cve!("CVE-2016-0777", "openssh", "openssh-server", 0, "6.6.1p1", 25, 43, Some(65), "The resend_bytes function in roaming_common.c in the client in OpenSSH 5.x, 6.x, and 7.x before 7.1p2 allows remote servers to obtain sensitive information from process memory by requesting transmission of an entire buffer."),
    cve!("CVE-2016-10009", "openssh", "openssh-server", 0, "7.4p1", 11, 75, Some(73), "Untrusted search path vulnerability in ssh-agent.c in ssh-agent in OpenSSH before 7.4 allows remote attackers to execute arbitrary local PKCS#11 modules by leveraging control over a forwarded agent-socket."),
    cve!("CVE-2017-15906", "openssh", "openssh-server", 0, "7.4p1", 16, 50, Some(53), "The process_open function in sftp-server.c in OpenSSH before 7.6 does not properly prevent write operations in readonly mode, which allows attackers to create zero-length files."),
    cve!("CVE-2018-15473", "openssh", "openssh-server", 0, "7.4p1", 21, 50, Some(53), "OpenSSH through 7.7 is prone to a user enumeration vulnerability due to not delaying bailout for an invalid authenticating user until after the packet containing the request has been fully parsed."),
    cve!("CVE-2018-20685", "openssh", "openssh-server", 0, "7.4p1", 21, 26, Some(53), "In OpenSSH 7.9, scp.c in the scp client allows remote SSH servers to bypass intended access restrictions via the filename of . or an empty filename, changing the permissions of the target directory on the client side."),
    cve!("CVE-2019-6111", "openssh", "openssh-server", 0, "7.4p1", 21, 58, Some(59), "In OpenSSH 7.9, the scp client only performs cursory validation of object names returned by the server, so a malicious scp server can overwrite arbitrary files in the scp client target directory."),
    cve!("CVE-2018-16842", "curl", "curl", 0, "7.29.0", 51, 64, Some(91), "Curl versions 7.14.1 through 7.61.1 are vulnerable to a heap-based buffer over-read in the tool_msgs.c:voutf() function that may result in information exposure and denial of service."),
    cve!("CVE-2018-1000120", "curl", "curl", 0, "7.29.0", 46, 75, Some(98), "A buffer overflow exists in curl 7.12.3 to 7.58.0 in the FTP URL handling that allows an attacker to cause a denial of service or worse."),
    cve!("CVE-2018-1000007", "curl", "curl", 0, "7.29.0", 46, 50, Some(98), "libcurl 7.1 through 7.57.0 might accidentally leak authentication data to third parties: custom Authorization headers are passed on when following an HTTP redirect to a different host."),
    cve!("CVE-2018-14618", "curl", "curl", 0, "7.29.0", 51, 75, Some(98), "curl before 7.61.1 is vulnerable to a buffer overrun in the NTLM authentication code, triggered by an integer overflow when computing the length of a very long password."),
    cve!("CVE-2017-8779", "rpcbind", "rpcbind", 0, "0.2.0", 42, 78, Some(75), "rpcbind through 0.2.4, LIBTIRPC through 1.0.1 and NTIRPC through 1.4.3 do not consider the maximum RPC data size during memory allocation for XDR strings, which allows remote attackers to cause a denial of service via a crafted UDP packet (\"rpcbomb\")."),
    cve!("CVE-2016-4658", "libxml2", "libxml2", 0, "2.9.1", 6, 100, Some(98), "xpointer.c in libxml2 before 2.9.5 does not forbid namespace nodes in XPointer ranges, which allows remote attackers to execute arbitrary code or cause a denial of service (use-after-free and memory corruption) via a crafted XML document."),
    cve!("CVE-2017-9047", "libxml2", "libxml2", 0, "2.9.1", 6, 75, Some(98), "A buffer overflow was discovered in libxml2 20904-GITv2.9.4-16-g0741801. The function xmlSnprintfElementContent in valid.c is supposed to recursively dump the element content definition into a char buffer of a given size."),
    cve!("CVE-2018-14404", "libxml2", "libxml2", 0, "2.9.1", 6, 50, Some(75), "A NULL pointer dereference vulnerability exists in the xpath.c:xmlXPathCompOpEval() function of libxml2 through 2.9.8 when parsing an invalid XPath expression in the XPATH_OP_AND or XPATH_OP_OR case."),
    cve!("CVE-2019-3855", "libssh2", "libssh2-1", 0, "1.4.3", 12, 68, Some(88), "An integer overflow flaw which could lead to an out of bounds write was discovered in libssh2 before 1.8.1 in the way packets are read from the server. A remote attacker who compromises an SSH server may be able to execute code on the client system when a user connects to the server."),
    cve!("CVE-2018-12020", "gnupg2", "gnupg", 0, "2.0.22", 5, 50, Some(75), "mainproc.c in GnuPG before 2.2.8 mishandles the original filename during decryption and verification actions, which allows remote attackers to spoof the output that GnuPG sends on file descriptor 2 to other programs (\"SigSpoof\")."),
    cve!("CVE-2018-1124", "procps-ng", "procps", 0, "3.3.10", 17, 75, Some(98), "procps-ng before version 3.3.15 is vulnerable to multiple integer overflows leading to a heap corruption in the file2strvec function, which can lead to privilege escalation for a local attacker who can create entries in procfs."),
    cve!("CVE-2018-16864", "systemd", "systemd", 0, "219", 62, 72, Some(78), "An allocation of memory without limits, that could result in the stack clashing with another memory region, was discovered in systemd-journald when a program with long command line arguments calls syslog."),
    cve!("CVE-2018-16865", "systemd", "systemd", 0, "219", 62, 72, Some(78), "An allocation of memory without limits was discovered in systemd-journald when many entries are sent to the journal socket. A local attacker, or a remote one if systemd-journal-remote is used, may use this flaw to crash systemd-journald or execute code with journald privileges."),
    cve!("CVE-2018-1049", "systemd", "systemd", 0, "219", 57, 43, Some(59), "In systemd prior to 234 a race condition exists between .mount and .automount units such that automount requests from kernel may not be serviced by systemd, resulting in the kernel holding the mountpoint and any processes that try to use said mount hanging."),
    cve!("CVE-2017-7494", "samba", "samba", 0, "4.4.4", 14, 100, Some(98), "Samba since version 3.5.0 and before 4.6.4, 4.5.10 and 4.4.14 is vulnerable to remote code execution, allowing a malicious client to upload a shared library to a writable share and then cause the server to load and execute it (\"SambaCry\")."),
    cve!("CVE-2018-1000156", "patch", "patch", 0, "2.7.1", 10, 68, Some(78), "GNU Patch version 2.7.6 contains an input validation vulnerability when processing patch files, specifically the EDITOR_PROGRAM invocation (using ed) can result in code execution."),
    cve!("CVE-2018-6913", "perl", "perl", 4, "5.16.3", 293, 75, Some(98), "A heap buffer overflow in the pack function in Perl before 5.26.2 allows attackers to execute arbitrary code via a large item count."),
    cve!("CVE-2018-18311", "perl", "perl", 4, "5.16.3", 294, 75, Some(98), "Perl before 5.26.3 and 5.28.x before 5.28.1 has a buffer overflow via a crafted regular expression that triggers invalid write operations in Perl_my_setenv."),
    cve!("CVE-2018-1060", "python", "python2.7", 0, "2.7.5", 76, 43, Some(59), "python before versions 2.7.15, 3.4.9, 3.5.6rc1, 3.6.5rc1 and 3.7.0 is exposed to multiple vulnerabilities due to catastrophic backtracking in pop3lib's apop() method."),
    cve!("CVE-2019-9636", "python", "python2.7", 0, "2.7.5", 80, 50, Some(98), "Python 2.7.x through 2.7.16 and 3.x through 3.7.2 is affected by improper handling of Unicode encoding (with an incorrect netloc) during NFKC normalization in urlsplit and urlparse, which can leak credentials or cookies to a different host."),
    cve!("CVE-2016-9840", "zlib", "zlib1g", 0, "1.2.7", 18, 68, Some(88), "inftrees.c in zlib 1.2.8 might allow context-dependent attackers to have unspecified impact by leveraging improper pointer arithmetic."),
    cve!("CVE-2017-3167", "httpd", "apache2", 0, "2.4.6", 67, 75, Some(98), "In Apache httpd 2.2.x before 2.2.33 and 2.4.x before 2.4.26, use of the ap_get_basic_auth_pw() by third-party modules outside of the authentication phase may lead to authentication requirements being bypassed."),
    cve!("CVE-2017-9798", "httpd", "apache2", 0, "2.4.6", 67, 50, Some(75), "Apache httpd allows remote attackers to read secret data from process memory if the Limit directive can be set in a user's .htaccess file, or if httpd.conf has certain misconfigurations (\"Optionsbleed\")."),
    cve!("CVE-2018-1312", "httpd", "apache2", 0, "2.4.6", 80, 68, Some(98), "In Apache httpd 2.2.0 to 2.4.29, when generating an HTTP Digest authentication challenge, the nonce sent to prevent replay attacks was not correctly generated using a pseudo-random seed, which allows replay of HTTP requests across a cluster of servers."),
    cve!("CVE-2017-7529", "nginx", "nginx", 1, "1.12.1", 1, 50, Some(75), "Nginx versions since 0.5.6 up to and including 1.13.2 are vulnerable to an integer overflow in the nginx range filter module resulting in leakage of potentially sensitive information."),
    cve!("CVE-2019-5736", "runc", "runc", 0, "1.0.0", 59, 93, Some(86), "runc through 1.0-rc6, as used in Docker before 18.09.2 and other products, allows attackers to overwrite the host runc binary (and consequently obtain host root access) by leveraging the ability to execute a command as root within a container."),
    cve!("CVE-2018-10933", "libssh", "libssh-4", 0, "0.7.1", 7, 64, Some(91), "A vulnerability was found in libssh's server-side state machine before versions 0.7.6 and 0.8.4. A malicious client could create channels without first performing authentication, resulting in unauthorized access."),
    cve!("CVE-2017-14062", "libidn", "libidn11", 0, "1.28", 5, 75, Some(98), "Integer overflow in the decode_digit function in puny_decode.c in Libidn2 before 2.0.4 allows remote attackers to cause a denial of service or possibly have unspecified other impact."),
    cve!("CVE-2017-12424", "shadow-utils", "passwd", 2, "4.1.5.1", 25, 75, Some(98), "In shadow before 4.5, the newusers tool could be made to manipulate internal data structures in ways unintended by the authors, leading to a buffer overflow."),
];

/// Packages for synthetic CVEs (used once the well-known list is exhausted on an instance).
pub(crate) const SYNTH_PACKAGES: &[&str] = &[
    "libtiff",
    "ImageMagick",
    "poppler",
    "libpng",
    "freetype",
    "binutils",
    "gnutls",
    "nss",
    "krb5-libs",
    "expat",
    "sqlite",
    "libarchive",
    "file-libs",
    "ghostscript",
    "libwebp",
    "tcpdump",
    "git",
    "vim-minimal",
    "tar",
    "wget",
    "java-1.8.0-openjdk",
    "ntp",
    "bind-libs",
    "dnsmasq",
    "polkit",
    "libgcrypt",
    "elfutils-libelf",
    "cups-libs",
    "qemu-img",
    "openldap",
    "samba-client-libs",
    "libX11",
    "libjpeg-turbo",
    "unzip",
    "cpio",
    "lz4",
    "pcre",
    "sssd",
    "bzip2-libs",
    "libssh2",
    "libcurl",
    "nettle",
    "jasper-libs",
    "libvirt-libs",
    "squid",
];

/// Description shapes for synthetic CVEs: `{p}` = package, `{v}` = fixed version.
pub(crate) const SYNTH_DESCRIPTIONS: &[&str] = &[
    "A heap-based buffer overflow in {p} before {v} allows remote attackers to cause a denial of service (application crash) or possibly execute arbitrary code via a crafted file.",
    "An out-of-bounds read in {p} before {v} could allow an attacker to obtain sensitive information from process memory via crafted input.",
    "A use-after-free flaw was found in {p}. A remote attacker could use this flaw to crash the application or, potentially, execute arbitrary code with the privileges of the user running it.",
    "An integer overflow in {p} before {v} could allow local users to cause a denial of service or gain privileges via crafted input.",
    "{p} before {v} does not properly validate its input, which allows remote attackers to cause a denial of service (NULL pointer dereference) via a crafted request.",
    "A flaw was found in the way {p} handled certain malformed data. An attacker could use this flaw to cause an infinite loop, resulting in a denial of service.",
];

/// CVSS (v2, v3) pairs for synthetic CVEs, in tenths.
pub(crate) const SYNTH_SCORES: &[(u8, u8)] = &[
    (43, 55),
    (50, 75),
    (68, 78),
    (75, 98),
    (58, 65),
    (21, 33),
    (46, 55),
    (93, 88),
    (43, 61),
    (50, 53),
    (68, 81),
    (19, 47),
    (71, 75),
    (35, 44),
];

/// Severity the CVE package assigns from the CVSS score (assumed banding on CVSS v3, v2 as
/// fallback): >= 7.0 High, >= 4.0 Medium, else Low.
pub(crate) const fn cvss_severity(tenths: u8) -> Severity {
    if tenths >= 70 {
        Severity::High
    } else if tenths >= 40 {
        Severity::Medium
    } else {
        Severity::Low
    }
}

// ---------------------------------------------------------------------------------------------
// CIS

/// (rule number, recommendation title, profile level).
pub(crate) const CIS_RULES: &[(&str, &str, u8)] = &[
    ("1.1.1.1", "Ensure mounting of cramfs filesystems is disabled", 1),
    ("1.1.1.2", "Ensure mounting of hfs filesystems is disabled", 1),
    ("1.1.1.3", "Ensure mounting of hfsplus filesystems is disabled", 1),
    ("1.1.1.4", "Ensure mounting of squashfs filesystems is disabled", 1),
    ("1.1.1.5", "Ensure mounting of udf filesystems is disabled", 1),
    ("1.1.1.6", "Ensure mounting of FAT filesystems is disabled", 2),
    ("1.1.2", "Ensure separate partition exists for /tmp", 2),
    ("1.1.3", "Ensure nodev option set on /tmp partition", 1),
    ("1.1.4", "Ensure nosuid option set on /tmp partition", 1),
    ("1.1.5", "Ensure noexec option set on /tmp partition", 1),
    ("1.1.6", "Ensure separate partition exists for /var", 2),
    ("1.1.7", "Ensure separate partition exists for /var/tmp", 2),
    ("1.1.11", "Ensure separate partition exists for /var/log", 2),
    ("1.1.12", "Ensure separate partition exists for /var/log/audit", 2),
    ("1.1.13", "Ensure separate partition exists for /home", 2),
    ("1.1.14", "Ensure nodev option set on /home partition", 1),
    ("1.1.15", "Ensure nodev option set on /dev/shm partition", 1),
    ("1.1.16", "Ensure nosuid option set on /dev/shm partition", 1),
    ("1.1.17", "Ensure noexec option set on /dev/shm partition", 1),
    ("1.1.19", "Disable Automounting", 1),
    ("1.2.3", "Ensure gpgcheck is globally activated", 1),
    ("1.3.1", "Ensure AIDE is installed", 1),
    ("1.3.2", "Ensure filesystem integrity is regularly checked", 1),
    ("1.4.1", "Ensure permissions on bootloader config are configured", 1),
    ("1.4.2", "Ensure authentication required for single user mode", 1),
    ("1.5.1", "Ensure core dumps are restricted", 1),
    (
        "1.5.3",
        "Ensure address space layout randomization (ASLR) is enabled",
        1,
    ),
    ("1.5.4", "Ensure prelink is disabled", 1),
    ("1.7.1.1", "Ensure message of the day is configured properly", 1),
    ("1.7.1.4", "Ensure permissions on /etc/motd are configured", 1),
    ("2.2.1.1", "Ensure time synchronization is in use", 1),
    ("2.2.1.2", "Ensure ntp is configured", 1),
    ("2.2.1.3", "Ensure chrony is configured", 1),
    ("2.2.2", "Ensure X Window System is not installed", 1),
    ("2.2.3", "Ensure Avahi Server is not enabled", 1),
    ("2.2.4", "Ensure CUPS is not enabled", 1),
    ("2.2.7", "Ensure NFS and RPC are not enabled", 1),
    (
        "2.2.15",
        "Ensure mail transfer agent is configured for local-only mode",
        1,
    ),
    ("2.3.4", "Ensure telnet client is not installed", 1),
    ("3.1.1", "Ensure IP forwarding is disabled", 1),
    ("3.1.2", "Ensure packet redirect sending is disabled", 1),
    ("3.2.1", "Ensure source routed packets are not accepted", 1),
    ("3.2.2", "Ensure ICMP redirects are not accepted", 1),
    ("3.2.3", "Ensure secure ICMP redirects are not accepted", 1),
    ("3.2.4", "Ensure suspicious packets are logged", 1),
    ("3.2.8", "Ensure TCP SYN Cookies is enabled", 1),
    ("3.3.1", "Ensure IPv6 router advertisements are not accepted", 1),
    ("3.3.3", "Ensure IPv6 is disabled", 1),
    ("3.4.2", "Ensure /etc/hosts.allow is configured", 1),
    ("3.4.3", "Ensure /etc/hosts.deny is configured", 1),
    ("3.5.1", "Ensure DCCP is disabled", 1),
    ("3.5.2", "Ensure SCTP is disabled", 1),
    ("3.6.1", "Ensure iptables is installed", 1),
    ("3.6.2", "Ensure default deny firewall policy", 1),
    ("3.6.3", "Ensure loopback traffic is configured", 1),
    ("3.6.5", "Ensure firewall rules exist for all open ports", 1),
    ("4.1.1.1", "Ensure audit log storage size is configured", 2),
    ("4.1.1.2", "Ensure system is disabled when audit logs are full", 2),
    ("4.1.1.3", "Ensure audit logs are not automatically deleted", 2),
    ("4.1.2", "Ensure auditd service is enabled", 2),
    (
        "4.1.3",
        "Ensure auditing for processes that start prior to auditd is enabled",
        2,
    ),
    (
        "4.1.4",
        "Ensure events that modify date and time information are collected",
        2,
    ),
    (
        "4.1.5",
        "Ensure events that modify user/group information are collected",
        2,
    ),
    (
        "4.1.6",
        "Ensure events that modify the system's network environment are collected",
        2,
    ),
    ("4.1.8", "Ensure login and logout events are collected", 2),
    ("4.1.9", "Ensure session initiation information is collected", 2),
    (
        "4.1.11",
        "Ensure unsuccessful unauthorized file access attempts are collected",
        2,
    ),
    ("4.1.13", "Ensure successful file system mounts are collected", 2),
    ("4.1.14", "Ensure file deletion events by users are collected", 2),
    (
        "4.1.15",
        "Ensure changes to system administration scope (sudoers) is collected",
        2,
    ),
    ("4.1.18", "Ensure the audit configuration is immutable", 2),
    ("4.2.1.3", "Ensure rsyslog default file permissions configured", 1),
    (
        "4.2.1.4",
        "Ensure rsyslog is configured to send logs to a remote log host",
        1,
    ),
    ("4.2.4", "Ensure permissions on all logfiles are configured", 1),
    ("5.1.2", "Ensure permissions on /etc/crontab are configured", 1),
    ("5.1.8", "Ensure at/cron is restricted to authorized users", 1),
    ("5.2.4", "Ensure SSH Protocol is set to 2", 1),
    ("5.2.5", "Ensure SSH LogLevel is set to INFO", 1),
    ("5.2.6", "Ensure SSH X11 forwarding is disabled", 1),
    ("5.2.7", "Ensure SSH MaxAuthTries is set to 4 or less", 1),
    ("5.2.8", "Ensure SSH IgnoreRhosts is enabled", 1),
    ("5.2.10", "Ensure SSH root login is disabled", 1),
    ("5.2.11", "Ensure SSH PermitEmptyPasswords is disabled", 1),
    ("5.2.13", "Ensure only approved ciphers are used", 1),
    ("5.2.14", "Ensure only approved MAC algorithms are used", 1),
    ("5.2.16", "Ensure SSH Idle Timeout Interval is configured", 1),
    ("5.2.17", "Ensure SSH LoginGraceTime is set to one minute or less", 1),
    ("5.2.18", "Ensure SSH access is limited", 1),
    ("5.2.19", "Ensure SSH warning banner is configured", 1),
    ("5.3.1", "Ensure password creation requirements are configured", 1),
    ("5.3.2", "Ensure lockout for failed password attempts is configured", 1),
    ("5.3.3", "Ensure password reuse is limited", 1),
    ("5.4.1.1", "Ensure password expiration is 365 days or less", 1),
    (
        "5.4.1.2",
        "Ensure minimum days between password changes is 7 or more",
        1,
    ),
    ("5.4.1.4", "Ensure inactive password lock is 30 days or less", 1),
    ("5.4.4", "Ensure default user umask is 027 or more restrictive", 1),
    ("5.6", "Ensure access to the su command is restricted", 1),
    ("6.1.10", "Ensure no world writable files exist", 1),
    ("6.1.11", "Ensure no unowned files or directories exist", 1),
    ("6.1.12", "Ensure no ungrouped files or directories exist", 1),
    (
        "6.2.8",
        "Ensure users' home directories permissions are 750 or more restrictive",
        1,
    ),
];

// ---------------------------------------------------------------------------------------------
// Security Best Practices (rule set and severities from the user guide; Linux only)

/// A Security Best Practices rule: name (finding id), severity, title tail after
/// "Instance <label> ", description, recommendation.
#[derive(Debug)]
pub(crate) struct TextRule {
    pub name: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub description: &'static str,
    pub recommendation: &'static str,
}

pub(crate) const SBP_RULES: &[TextRule] = &[
    TextRule { name: "Disable root login over SSH", severity: Severity::Medium,
        title: "is configured to allow users to log in with root credentials over SSH, without having to use a command authenticated by a public key. This increases the likelihood of a successful brute-force attack.",
        description: "This rule helps determine whether the SSH daemon is configured to permit logging in to your EC2 instance as root.",
        recommendation: "To reduce the likelihood of a successful brute-force attack, we recommend that you configure your EC2 instance to prevent root account logins over SSH. To disable SSH root logins, set PermitRootLogin to no in the /etc/ssh/sshd_config file, and then restart sshd. When logged in as a non-root user, you can use sudo to escalate privileges when necessary." },
    TextRule { name: "Support SSH version 2 only", severity: Severity::Medium,
        title: "is configured to support SSH protocol version 1. SSH protocol version 1 has known security weaknesses and should no longer be used.",
        description: "This rule helps determine whether your EC2 instances are configured to support SSH protocol version 1.",
        recommendation: "We recommend that you configure your EC2 instance to support only SSHv2. For OpenSSH, set Protocol 2 in the /etc/ssh/sshd_config file, and then restart sshd." },
    TextRule { name: "Disable password authentication over SSH", severity: Severity::Medium,
        title: "is configured to support password authentication over SSH. Password authentication is susceptible to brute-force attacks and should be disabled in favor of key-based authentication where possible.",
        description: "This rule helps determine whether your EC2 instances are configured to support password authentication over the SSH protocol.",
        recommendation: "We recommend that you disable password authentication over SSH on your EC2 instance and enable support for key-based authentication instead. Set PasswordAuthentication to no in the /etc/ssh/sshd_config file, and then restart sshd." },
    TextRule { name: "Configure password maximum age", severity: Severity::Medium,
        title: "is not configured with a maximum password age. Limiting the password lifetime reduces the window in which a compromised password can be used.",
        description: "This rule helps determine whether the maximum age for passwords is configured on your EC2 instances.",
        recommendation: "We recommend that you configure a maximum age for your passwords, for example 90 days, by setting PASS_MAX_DAYS in the /etc/login.defs file." },
    TextRule { name: "Configure password minimum length", severity: Severity::Medium,
        title: "is not configured to require a minimum password length. Short passwords are easier to guess or brute-force.",
        description: "This rule helps determine whether a minimum length for passwords is configured on your EC2 instances.",
        recommendation: "We recommend that you configure a minimum length for your passwords, for example 14 characters, with the minlen option of pam_pwquality (or pam_cracklib)." },
    TextRule { name: "Configure password complexity", severity: Severity::Medium,
        title: "is not configured with a password complexity mechanism or restrictions. Passwords without complexity requirements are easier to guess.",
        description: "This rule helps determine whether a password complexity mechanism is configured on your EC2 instances.",
        recommendation: "We recommend that you configure a password complexity policy, for example with the dcredit, ucredit, lcredit and ocredit options of pam_pwquality (or pam_cracklib)." },
    TextRule { name: "Enable ASLR", severity: Severity::Medium,
        title: "does not have address space layout randomization (ASLR) enabled. ASLR makes it harder for an attacker to exploit memory corruption vulnerabilities.",
        description: "This rule helps determine whether address space layout randomization (ASLR) is enabled on the operating systems of the EC2 instances in your assessment target.",
        recommendation: "To enable ASLR on your instance, set the value of kernel.randomize_va_space to 2 in /etc/sysctl.conf (or a file in /etc/sysctl.d) and run sysctl -p." },
    TextRule { name: "Enable DEP", severity: Severity::Medium,
        title: "does not have data execution prevention (DEP) enabled. DEP protects against attacks that execute code from data memory regions.",
        description: "This rule helps determine whether data execution prevention (DEP) is enabled on the operating systems of the EC2 instances in your assessment target.",
        recommendation: "We recommend that you enable DEP on your instance: make sure the kernel is booted without the noexec=off option so that the NX bit is used." },
    TextRule { name: "Configure permissions for system directories", severity: Severity::High,
        title: "has system directories that are writable by users other than root. A non-root user could replace system binaries or configuration.",
        description: "This rule checks permissions on system directories that contain binaries and system configuration information. It checks that only the root user (a user who logs in by using root account credentials) has write permissions for these directories.",
        recommendation: "To improve security, make sure that /bin, /boot, /dev, /etc, /lib, /opt, /sbin, /usr/bin, /usr/lib, /usr/sbin and /usr/local/bin are owned by root and are not writable by group or others (chmod go-w)." },
];

// ---------------------------------------------------------------------------------------------
// Runtime Behavior Analysis (rule names and severities from the 2019-03 user guide)

pub(crate) const RBA_LOGIN: usize = 0;
pub(crate) const RBA_GENERAL: usize = 1;
pub(crate) const RBA_UNUSED_PORTS: usize = 2;
pub(crate) const RBA_SERVER: usize = 3;
pub(crate) const RBA_NO_DEP: usize = 4;
pub(crate) const RBA_ROOT_PROC: usize = 5;

/// (rule name, severity, description, recommendation); titles are built per finding.
pub(crate) const RBA_RULES: &[(&str, Severity, &str, &str)] = &[
    ("Non-Secure Client Protocols (Login)", Severity::Medium,
        "This rule detects a client's use of non-secure protocols to connect to a remote machine for the purpose of logging in. These protocols send credentials in clear text, which increases the risk of credential theft.",
        "We recommend that you replace the non-secure protocol with a secure alternative such as SSH."),
    ("Non-Secure Client Protocols (General)", Severity::Low,
        "This rule detects the use of non-secure protocols such as FTP, HTTP or SMTP without TLS. These protocols send data in clear text and may also send credentials in clear text.",
        "We recommend that you replace the non-secure protocol with a secure alternative such as SFTP, HTTPS or SMTP with STARTTLS."),
    ("Unused Listening TCP Ports", Severity::Informational,
        "This rule detects listening TCP ports that may not be required by the assessment target. Unused listening ports increase the attack surface of the instance.",
        "If these ports are not required, we recommend that you stop the services listening on them or block them with a host firewall or security group."),
    ("Non-Secure Server Protocols", Severity::Informational,
        "This rule helps determine whether your EC2 instances allow support for non-secure and unencrypted ports or services such as FTP, Telnet, HTTP, IMAP, POP version 3, SMTP, SNMP versions 1 and 2, rsh, and rlogin.",
        "We recommend that you disable non-secure protocols on your instance and replace them with secure alternatives."),
    ("Software Without DEP", Severity::Medium,
        "This rule detects the presence of third-party software that is compiled without support for data execution prevention (DEP). DEP increases system security by helping to mitigate stack overflows and other memory corruption attacks.",
        "We recommend that you uninstall the software if it is not in use, or contact the vendor for a version of the software that is compiled with DEP enabled."),
    ("Root Process with Non-Secure Permissions", Severity::High,
        "This rule detects root processes that load modules that can be modified by unauthorized users. Loading such modules gives unauthorized users the ability to escalate privileges with root permissions.",
        "We recommend that you fix the permissions of the module so that only root can modify it, or run the process as a non-root user."),
];

// ---------------------------------------------------------------------------------------------
// Agents

/// ListAssessmentRunAgents telemetry message types (the 29 of AWS's example, in its order),
/// with the example's (count, dataSize) as a baseline. `Total` is recomputed.
pub(crate) const TELEMETRY: &[(&str, u64, u64)] = &[
    ("InspectorDuplicateProcess", 2, 345),
    ("InspectorTimeEventMsg", 3, 255),
    ("InspectorNetworkInterface", 4, 1082),
    ("InspectorDnsEntry", 2, 349),
    ("InspectorDirectoryInfoMsg", 11, 2514),
    ("InspectorTcpV6ListeningPort", 1, 179),
    ("InspectorTerminal", 101, 10949),
    ("InspectorUser", 26, 5916),
    ("InspectorDynamicallyLoadedCodeModule", 282, 32148),
    ("InspectorCreateProcess", 18, 10172),
    ("InspectorProcessPerformance", 3, 8001),
    ("InspectorOperatingSystem", 1, 360),
    ("InspectorStopProcess", 6, 546),
    ("InspectorInstanceMetaData", 1, 1553),
    ("InspectorTcpV4Connection", 2, 434),
    ("InspectorPackageInfo", 474, 2_960_322),
    ("InspectorSystemPerformance", 3, 2235),
    ("InspectorCodeModule", 105, 46048),
    ("InspectorUdpV6ListeningPort", 1, 182),
    ("InspectorUdpV4ListeningPort", 2, 371),
    ("InspectorKernelModule", 18, 8362),
    ("InspectorConfigurationInfo", 29, 48788),
    ("InspectorMonitoringStart", 1, 79),
    ("InspectorSplitMsgBegin", 5, 0),
    ("InspectorGroup", 51, 4593),
    ("InspectorTcpV4ListeningPort", 1, 184),
    ("Total", 0, 0),
    ("InspectorSplitMsgEnd", 5, 0),
    ("InspectorLoadImageInProcess", 1, 612),
];

// ---------------------------------------------------------------------------------------------
// Names (invented)

pub(crate) const TEMPLATE_NAMES: &[&str] = &[
    "Prod-Web-AllRules",
    "Internal-Services-Weekly",
    "Data-Tier-CVE-CIS",
    "Batch-Workers-Nightly",
    "Mgmt-Hardening",
    "Staging-Smoke",
    "Partner-Edge",
    "Platform-Baseline",
];

pub(crate) const TARGET_NAMES: &[&str] = &[
    "Production web tier",
    "Internal services",
    "Data tier",
    "Batch workers",
    "Management hosts",
    "Staging",
    "Partner edge",
    "Platform",
];

pub(crate) const ENGINEERS: &[&str] = &["Bob", "Alice", "Priya", "Marcus", "Chen", "Sofia"];
