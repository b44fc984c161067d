//! The simulated estate: accounts, instances, resource groups, targets, templates, runs, and
//! the per-run issue windows that decide which finding sits at which index.

use super::catalog::{
    self, cvss_severity, recognized_port, CveInfo, OsInfo, Role, RulesPackage, Severity, CIS_RULES, CVES, OSES,
    RBA_RULES, ROLES, SBP_RULES, SYNTH_PACKAGES, SYNTH_SCORES,
};
use super::rng::{below, ec2_id, id62, Key, Rng};
use super::{invalid, GenConfig};
use serde::Serialize;
use std::io;

// Hash domains.
const D_ACCOUNT: u64 = 1;
const D_INSTANCE: u64 = 2;
const D_NET: u64 = 3;
const D_PLAN: u64 = 4;
const D_DRIFT: u64 = 5;
const D_RUN: u64 = 6;
const D_SYNTH: u64 = 7;
const D_WEIGHT: u64 = 8;
pub(crate) const D_FINDING: u64 = 9;
pub(crate) const D_AGENT: u64 = 10;
const D_AMI: u64 = 11;

// id62 domains (< 8).
const ID_TARGET: u64 = 0;
const ID_TEMPLATE: u64 = 1;
const ID_RUN: u64 = 2;
pub(crate) const ID_FINDING: u64 = 3;
const ID_RGROUP: u64 = 4;

/// Bits of a finding index inside a finding ID (so at most 2^28 findings per run).
pub(crate) const FINDING_BITS: u32 = 28;

/// Final state of an assessment run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunState {
    /// `COMPLETED`
    Completed,
    /// `COMPLETED_WITH_ERRORS` (some agents unhealthy; findings present)
    CompletedWithErrors,
    /// `FAILED` (no findings)
    Failed,
    /// `CANCELED` (stopped before evaluation; no findings)
    Canceled,
}

impl RunState {
    /// The `AssessmentRunState` value.
    pub const fn wire(self) -> &'static str {
        match self {
            RunState::Completed => "COMPLETED",
            RunState::CompletedWithErrors => "COMPLETED_WITH_ERRORS",
            RunState::Failed => "FAILED",
            RunState::Canceled => "CANCELED",
        }
    }
    /// Whether runs in this state have findings.
    pub const fn has_findings(self) -> bool {
        matches!(self, RunState::Completed | RunState::CompletedWithErrors)
    }
}

/// Summary of one generated run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunInfo {
    /// Run ARN.
    pub arn: String,
    /// `Run N for <template>`.
    pub name: String,
    /// Template ARN.
    pub template_arn: String,
    /// Template name.
    pub template_name: String,
    /// Final state.
    pub state: RunState,
    /// Number of findings.
    pub findings: u64,
    /// Findings per severity in [`Severity::ALL`] order (High, Medium, Low, Informational,
    /// Undefined) — equal to the run's `findingCounts`.
    pub finding_counts: [u64; 5],
    /// `createdAt`, epoch ms.
    pub created_ms: i64,
}

// ---------------------------------------------------------------------------------------------
// Wire shapes of asset attributes (shared by every finding of an instance)

#[derive(Debug, Serialize)]
pub(crate) struct TagOut {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PrivateIpOut {
    private_dns_name: String,
    private_ip_address: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SecurityGroupOut {
    group_name: String,
    group_id: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NetworkInterfaceOut {
    network_interface_id: String,
    subnet_id: String,
    vpc_id: String,
    private_dns_name: String,
    private_ip_address: String,
    private_ip_addresses: Vec<PrivateIpOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_dns_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_ip: Option<String>,
    ipv6_addresses: Vec<String>,
    security_groups: Vec<SecurityGroupOut>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AssetAttributesOut {
    schema_version: u32,
    agent_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_scaling_group: Option<String>,
    ami_id: String,
    hostname: String,
    ipv4_addresses: Vec<String>,
    tags: Vec<TagOut>,
    network_interfaces: Vec<NetworkInterfaceOut>,
}

// ---------------------------------------------------------------------------------------------
// Estate

#[derive(Debug)]
pub(crate) struct Eni {
    pub id: String,
    pub vpc: String,
    pub acl: String,
    pub igw: String,
    pub pcx: String,
    pub sg_id: String,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Exposure {
    pub port: u16,
    pub process: &'static str,
    pub internet: bool,
}

#[derive(Debug)]
pub(crate) struct Instance {
    pub id: String,
    /// Name tag, or the instance ID when untagged ("Instance <label> …").
    pub label: String,
    pub os: &'static OsInfo,
    pub role: &'static Role,
    pub has_agent: bool,
    pub unsupported: bool,
    pub asg: Option<String>,
    pub eni: Eni,
    pub asset: AssetAttributesOut,
    pub exposures: Vec<Exposure>,
    pub key: Key,
    /// Permutation of the well-known CVE list for this instance: index = (a*slot + b) % n.
    pub cve_perm: (u64, u64),
    /// Instance ordinal (for hashing).
    pub ord: u64,
}

#[derive(Debug)]
pub(crate) struct ResourceGroup {
    pub arn: String,
    pub tags: Vec<(String, String)>,
    pub created_ms: i64,
}

#[derive(Debug)]
pub(crate) struct Target {
    pub arn: String,
    pub name: String,
    pub rg: Option<usize>,
    pub created_ms: i64,
    pub updated_ms: i64,
    pub members: Vec<usize>,
}

/// A non-CVE issue or a CVE slot on one instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Issue {
    /// n-th CVE slot of the instance.
    Cve(u64),
    Cis(u16),
    Sbp(u8),
    Rba(u8),
    /// Index into the instance's exposures.
    Nr(u8),
    /// NetworkExposure summary.
    NrExposure,
    /// "Unsupported Operating System or Version".
    Unsupported,
}

impl Issue {
    pub(crate) const fn package(self) -> RulesPackage {
        match self {
            Issue::Cve(_) | Issue::Unsupported => RulesPackage::Cve,
            Issue::Cis(_) => RulesPackage::Cis,
            Issue::Sbp(_) => RulesPackage::Sbp,
            Issue::Rba(_) => RulesPackage::Rba,
            Issue::Nr(_) | Issue::NrExposure => RulesPackage::Nr,
        }
    }
    const fn ident(self) -> u64 {
        match self {
            Issue::Cve(s) => s << 4,
            Issue::Cis(i) => ((i as u64) << 4) | 1,
            Issue::Sbp(i) => ((i as u64) << 4) | 2,
            Issue::Rba(i) => ((i as u64) << 4) | 3,
            Issue::Nr(i) => ((i as u64) << 4) | 4,
            Issue::NrExposure => 5,
            Issue::Unsupported => 6,
        }
    }
}

#[derive(Debug)]
pub(crate) struct TemplateIssues {
    /// Instances (global indices) that the window walks over.
    pub window: Vec<usize>,
    /// Instances reported as "Unsupported Operating System or Version".
    pub unsupported: Vec<usize>,
    /// Non-CVE issues per window instance, interleaved across packages.
    pub plans: Vec<Vec<Issue>>,
    /// Whether CVE slots make the issue space unbounded.
    pub unbounded: bool,
    /// Bounded templates: (window index, plan index) in slot-major order.
    pub flat: Vec<(u32, u32)>,
}

impl TemplateIssues {
    fn capacity(&self) -> Option<u64> {
        if self.unbounded {
            None
        } else {
            Some(self.flat.len() as u64)
        }
    }
}

#[derive(Debug)]
pub(crate) struct Template {
    pub arn: String,
    pub name: String,
    pub target: usize,
    pub packages: Vec<RulesPackage>,
    pub package_arns: Vec<String>,
    pub user_attrs: Vec<(String, String)>,
    pub sns_topic: Option<String>,
    pub duration: u32,
    pub created_ms: i64,
    pub issues: TemplateIssues,
}

impl Template {
    pub(crate) fn package_arn(&self, p: RulesPackage) -> &str {
        self.packages
            .iter()
            .position(|&q| q == p)
            .and_then(|i| self.package_arns.get(i))
            .map_or("", String::as_str)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Notification {
    pub date: i64,
    pub event: &'static str,
    pub error: bool,
    pub status: &'static str,
}

#[derive(Debug)]
pub(crate) struct Run {
    pub template: usize,
    pub arn: String,
    pub name: String,
    pub state: RunState,
    pub created_ms: i64,
    pub started_ms: Option<i64>,
    pub completed_ms: Option<i64>,
    pub changes: Vec<(&'static str, i64)>,
    pub notifications: Vec<Notification>,
    pub eval_start: i64,
    pub eval_end: i64,
    /// Index among the template's runs that have findings (drives re-scoring).
    pub ordinal: u64,
    pub window_start: u64,
    pub n_window: u64,
    pub extras: Vec<usize>,
    pub counts: [u64; 5],
    /// Position in the dataset (for IDs).
    pub index: usize,
    /// Instances whose agent was unhealthy (COMPLETED_WITH_ERRORS).
    pub unhealthy: Vec<usize>,
}

impl Run {
    pub(crate) fn findings(&self) -> u64 {
        self.n_window + self.extras.len() as u64
    }
}

/// A generated estate with its runs; findings are produced on demand.
#[derive(Debug)]
pub struct Dataset {
    pub(crate) key: Key,
    pub(crate) region: &'static catalog::RegionPackages,
    pub(crate) accounts: Vec<String>,
    pub(crate) instances: Vec<Instance>,
    pub(crate) resource_groups: Vec<ResourceGroup>,
    pub(crate) targets: Vec<Target>,
    pub(crate) templates: Vec<Template>,
    pub(crate) runs: Vec<Run>,
}

// ---------------------------------------------------------------------------------------------
// Specs (what to build); the generic config and the bundled samples both produce one.

#[derive(Debug, Clone)]
pub(crate) struct InstanceSpec {
    pub account: usize,
    pub role: usize,
    pub env: &'static str,
    pub has_agent: bool,
    pub unsupported: bool,
    pub named: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct TargetSpec {
    pub account: usize,
    pub name: String,
    pub rg_tags: Option<Vec<(String, String)>>,
    pub members: Vec<usize>,
    pub created_ms: i64,
    pub updated_ms: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct TemplateSpec {
    pub target: usize,
    pub name: String,
    pub packages: Vec<RulesPackage>,
    pub user_attrs: Vec<(String, String)>,
    pub sns: bool,
    pub duration: u32,
    pub created_ms: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct RunSpec {
    pub template: usize,
    pub state: RunState,
    pub created_ms: i64,
    /// `None`: every issue of a bounded template (no CVE package).
    pub findings: Option<u64>,
}

#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub seed: u64,
    pub region: String,
    pub accounts: Vec<String>,
    pub instances: Vec<InstanceSpec>,
    pub targets: Vec<TargetSpec>,
    pub templates: Vec<TemplateSpec>,
    pub runs: Vec<RunSpec>,
}

fn weighted<T>(rng: &mut Rng, items: &'static [T], weight: impl Fn(&T) -> u64) -> usize {
    let total: u64 = items.iter().map(&weight).sum();
    let mut x = rng.below(total.max(1));
    for (i, it) in items.iter().enumerate() {
        let w = weight(it);
        if x < w {
            return i;
        }
        x -= w;
    }
    0
}

/// A 12-digit account ID derived from the seed.
pub(crate) fn derived_account(key: Key, i: u64) -> String {
    let v = key.sub(D_ACCOUNT).at(i);
    format!("{}{:011}", 1 + below(v, 9), (v >> 8) % 100_000_000_000)
}

fn valid_account(a: &str) -> bool {
    a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit())
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

impl Spec {
    /// The generic estate for a [`GenConfig`].
    pub(crate) fn from_config(cfg: &GenConfig) -> io::Result<Spec> {
        let key = Key::new(cfg.seed);
        let accounts = match &cfg.account_ids {
            Some(a) if !a.is_empty() => a.clone(),
            Some(_) => return Err(invalid("account_ids must not be empty")),
            None => vec![derived_account(key, 0)],
        };
        let n_acc = accounts.len();
        if cfg.templates < n_acc {
            return Err(invalid("need at least one template per account"));
        }
        if cfg.runs == 0 && cfg.findings > 0 {
            return Err(invalid("findings requested but runs = 0"));
        }
        let per_run = cfg.findings / cfg.runs.max(1) as u64;
        let n_inst = cfg
            .instances
            .unwrap_or_else(|| (per_run.div_ceil(40) as usize).clamp(8, 20_000))
            .max(cfg.templates);

        // Templates → accounts round-robin; each template has its own target.
        let tmpl_account: Vec<usize> = (0..cfg.templates).map(|t| t % n_acc).collect();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); cfg.templates];
        let mut instances = Vec::with_capacity(n_inst);
        let ik = key.sub(D_INSTANCE);
        for i in 0..n_inst {
            let acc = i % n_acc;
            let acc_templates: Vec<usize> = (0..cfg.templates).filter(|&t| tmpl_account[t] == acc).collect();
            // Every template gets its first instances in order, the rest spread by hash.
            let t = if i < cfg.templates {
                i
            } else {
                acc_templates[below(ik.at2(i as u64, 1), acc_templates.len() as u64) as usize]
            };
            let t = if tmpl_account.get(t) == Some(&acc) {
                t
            } else {
                acc_templates[0]
            };
            let mut rng = ik.rng(i as u64);
            let role = weighted(&mut rng, ROLES, |r| r.weight);
            let position = members[t].len();
            members[t].push(i);
            instances.push(InstanceSpec {
                account: acc,
                role,
                env: if rng.pct(12) { "staging" } else { "prod" },
                has_agent: true,
                unsupported: position >= 4 && rng.below(40) == 0,
                named: !rng.pct(8),
            });
        }

        let start = cfg.start_ms;
        let day = 86_400_000i64;
        let mut targets = Vec::new();
        let mut templates = Vec::new();
        let region = catalog::region_packages(&cfg.region)
            .ok_or_else(|| invalid(format!("no published rules packages for region {}", cfg.region)))?;
        let available: Vec<RulesPackage> = RulesPackage::ALL
            .iter()
            .copied()
            .filter(|&p| region.id(p).is_some())
            .collect();
        for (t, mem) in members.into_iter().enumerate() {
            let base_name = catalog::TARGET_NAMES[t % catalog::TARGET_NAMES.len()];
            let name = if t < catalog::TARGET_NAMES.len() {
                base_name.to_string()
            } else {
                format!("{base_name} {}", t / catalog::TARGET_NAMES.len() + 1)
            };
            let created = start - day * (20 + t as i64 % 7) - 3_600_000 * (t as i64 % 5);
            targets.push(TargetSpec {
                account: tmpl_account[t],
                rg_tags: Some(vec![("InspectorGroup".to_string(), slug(&name))]),
                name,
                members: mem,
                created_ms: created,
                updated_ms: created + if t % 3 == 1 { day * 2 + 431_337 } else { 0 },
            });
            let tname = catalog::TEMPLATE_NAMES[t % catalog::TEMPLATE_NAMES.len()];
            let tname = if t < catalog::TEMPLATE_NAMES.len() {
                tname.to_string()
            } else {
                format!("{tname}-{}", t / catalog::TEMPLATE_NAMES.len() + 1)
            };
            let packages: Vec<RulesPackage> = match t % 3 {
                0 => available.clone(),
                1 => available
                    .iter()
                    .copied()
                    .filter(|p| matches!(p, RulesPackage::Cve | RulesPackage::Cis | RulesPackage::Sbp))
                    .collect(),
                _ => available
                    .iter()
                    .copied()
                    .filter(|p| matches!(p, RulesPackage::Cve | RulesPackage::Nr))
                    .collect(),
            };
            let user_attrs = match t % 4 {
                0 => vec![("Owner".to_string(), "platform-team".to_string())],
                2 => vec![("CostCenter".to_string(), format!("cc-{}", 4400 + t))],
                _ => Vec::new(),
            };
            templates.push(TemplateSpec {
                target: t,
                name: tname,
                packages,
                user_attrs,
                sns: t % 2 == 0,
                duration: 3600,
                created_ms: created + 900_000 + 17_123,
            });
        }

        // Runs and states.
        let r = cfg.runs;
        let mut states = vec![RunState::Completed; r];
        if cfg.mixed_states {
            if r >= 3 {
                states[1] = RunState::CompletedWithErrors;
            }
            if r >= 4 {
                states[r - 2] = RunState::Failed;
            }
            if r >= 8 {
                states[r / 2] = RunState::Canceled;
            }
        }
        let rk = key.sub(D_RUN);
        let mut runs: Vec<RunSpec> = (0..r)
            .map(|i| {
                let jitter = below(rk.at2(i as u64, 7), 45 * 60_000) as i64;
                RunSpec {
                    template: i % cfg.templates,
                    state: states[i],
                    created_ms: start + i as i64 * i64::from(cfg.run_spacing_hours) * 3_600_000 + jitter,
                    findings: Some(0),
                }
            })
            .collect();

        // Findings per run.
        match &cfg.findings_per_run {
            Some(v) => {
                if v.len() != r {
                    return Err(invalid(format!("findings_per_run has {} entries, runs = {r}", v.len())));
                }
                for (run, &n) in runs.iter_mut().zip(v) {
                    if n > 0 && !run.state.has_findings() {
                        return Err(invalid("a FAILED/CANCELED run cannot have findings"));
                    }
                    run.findings = Some(n);
                }
            }
            None => {
                let wk = key.sub(D_WEIGHT);
                let weights: Vec<u128> = runs
                    .iter()
                    .enumerate()
                    .map(|(i, run)| {
                        if !run.state.has_findings() {
                            return 0;
                        }
                        let size = targets[templates[run.template].target].members.len().max(1) as u128;
                        let jitter = 850 + u128::from(below(wk.at(i as u64), 300));
                        let err = if run.state == RunState::CompletedWithErrors {
                            7
                        } else {
                            10
                        };
                        size * jitter * err
                    })
                    .collect();
                let total_w: u128 = weights.iter().sum();
                if total_w == 0 && cfg.findings > 0 {
                    return Err(invalid("no run can hold findings (all FAILED/CANCELED)"));
                }
                let n = u128::from(cfg.findings);
                let mut assigned = 0u128;
                let mut rems: Vec<(u128, usize)> = Vec::new();
                for (i, w) in weights.iter().enumerate() {
                    if total_w == 0 {
                        break;
                    }
                    let share = n * w / total_w;
                    assigned += share;
                    runs[i].findings = Some(share as u64);
                    if *w > 0 {
                        rems.push((n * w % total_w, i));
                    }
                }
                rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                let mut left = n - assigned;
                for (_, i) in rems {
                    if left == 0 {
                        break;
                    }
                    if let Some(f) = runs[i].findings.as_mut() {
                        *f += 1;
                    }
                    left -= 1;
                }
            }
        }

        Ok(Spec {
            seed: cfg.seed,
            region: cfg.region.clone(),
            accounts,
            instances,
            targets,
            templates,
            runs,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Building

struct Net {
    vpc: String,
    vpc_octet: u64,
    igw: String,
    pcx: String,
    public_subnets: Vec<(String, String, u64)>,
    private_subnets: Vec<(String, String, u64)>,
}

fn account_net(key: Key, acc: usize) -> Net {
    let k = key.sub(D_NET).sub(acc as u64);
    let mut rng = k.rng(0);
    let vpc_octet = rng.below(32);
    let mut subnets = |base: u64| -> Vec<(String, String, u64)> {
        (0..3)
            .map(|i| {
                (
                    ec2_id("subnet", rng.next_u64(), false),
                    ec2_id("acl", rng.next_u64(), false),
                    base + i,
                )
            })
            .collect()
    };
    let public_subnets = subnets(0);
    let private_subnets = subnets(10);
    Net {
        vpc: ec2_id("vpc", k.at(1), false),
        vpc_octet,
        igw: ec2_id("igw", k.at(2), false),
        pcx: ec2_id("pcx", k.at(3), false),
        public_subnets,
        private_subnets,
    }
}

fn dns_private(region: &str, ip: &str) -> String {
    let dashed = ip.replace('.', "-");
    if region == "us-east-1" {
        format!("ip-{dashed}.ec2.internal")
    } else {
        format!("ip-{dashed}.{region}.compute.internal")
    }
}

fn dns_public(region: &str, ip: &str) -> String {
    let dashed = ip.replace('.', "-");
    if region == "us-east-1" {
        format!("ec2-{dashed}.compute-1.amazonaws.com")
    } else {
        format!("ec2-{dashed}.{region}.compute.amazonaws.com")
    }
}

const PUBLIC_FIRST_OCTETS: &[u64] = &[3, 18, 34, 35, 52, 54];
const CVE_STRIDES: &[u64] = &[7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53];

struct InstanceBuild<'a> {
    key: Key,
    region: &'a str,
    nets: &'a [Net],
    /// Per (account, env, role) counters for Name tags.
    counters: std::collections::HashMap<(usize, &'static str, usize), u32>,
}

impl InstanceBuild<'_> {
    fn build(&mut self, ord: usize, spec: &InstanceSpec, extra_tags: &[(String, String)]) -> Instance {
        let k = self.key.sub(D_INSTANCE).sub(ord as u64);
        let mut rng = k.rng(0);
        let role = &ROLES[spec.role.min(ROLES.len() - 1)];
        let os_i = weighted(&mut rng, OSES, |o| o.weight);
        let os = &OSES[os_i];
        let long_id = !rng.pct(10);
        let id = ec2_id("i", rng.next_u64(), long_id);
        let net = &self.nets[spec.account.min(self.nets.len().saturating_sub(1))];
        let public = rng.pct(role.public_pct);
        let subnets = if public {
            &net.public_subnets
        } else {
            &net.private_subnets
        };
        let (subnet, acl, sub_octet) = rng.pick(subnets);
        let private_ip = format!("10.{}.{}.{}", net.vpc_octet, sub_octet, 4 + rng.below(250));
        let public_ip = public.then(|| {
            format!(
                "{}.{}.{}.{}",
                rng.pick(PUBLIC_FIRST_OCTETS),
                rng.below(256),
                rng.below(256),
                1 + rng.below(254)
            )
        });
        let counter = self.counters.entry((spec.account, spec.env, spec.role)).or_insert(0);
        *counter += 1;
        let name = format!("{}-{}-{:02}", spec.env, role.key, counter);
        let asg = (role.asg && rng.pct(70)).then(|| format!("{}-{}-asg", spec.env, role.key));
        let sg_id = ec2_id(
            "sg",
            self.key.sub(D_NET).at2(spec.account as u64, spec.role as u64 + 100),
            true,
        );
        let eni_id = ec2_id("eni", rng.next_u64(), true);
        let ami = ec2_id("ami", self.key.sub(D_AMI).at2(os_i as u64, spec.account as u64), true);
        let private_dns = dns_private(self.region, &private_ip);
        let public_dns = public_ip.as_deref().map(|ip| dns_public(self.region, ip));
        let hostname = match &public_dns {
            Some(d) if rng.pct(30) => d.clone(),
            _ => private_dns.clone(),
        };

        let mut tags = Vec::new();
        if spec.named {
            tags.push(TagOut {
                key: "Name".into(),
                value: name.clone(),
            });
        }
        tags.push(TagOut {
            key: "Environment".into(),
            value: if spec.env == "prod" {
                "production".into()
            } else {
                "staging".into()
            },
        });
        tags.push(TagOut {
            key: "Team".into(),
            value: role.team.into(),
        });
        if let Some(g) = &asg {
            tags.push(TagOut {
                key: "aws:autoscaling:groupName".into(),
                value: g.clone(),
            });
        }
        for (k2, v) in extra_tags {
            if !tags.iter().any(|t| &t.key == k2) {
                tags.push(TagOut {
                    key: k2.clone(),
                    value: v.clone(),
                });
            }
        }

        let mut nics = vec![NetworkInterfaceOut {
            network_interface_id: eni_id.clone(),
            subnet_id: subnet.clone(),
            vpc_id: net.vpc.clone(),
            private_dns_name: private_dns.clone(),
            private_ip_address: private_ip.clone(),
            private_ip_addresses: vec![PrivateIpOut {
                private_dns_name: private_dns.clone(),
                private_ip_address: private_ip.clone(),
            }],
            public_dns_name: public_dns,
            public_ip: public_ip.clone(),
            ipv6_addresses: Vec::new(),
            security_groups: vec![SecurityGroupOut {
                group_name: role.sg.into(),
                group_id: sg_id.clone(),
            }],
        }];
        let mut ipv4 = vec![private_ip.clone()];
        if rng.pct(8) {
            let (s2, _, o2) = rng.pick(&net.private_subnets);
            let ip2 = format!("10.{}.{}.{}", net.vpc_octet, o2, 4 + rng.below(250));
            let dns2 = dns_private(self.region, &ip2);
            nics.push(NetworkInterfaceOut {
                network_interface_id: ec2_id("eni", rng.next_u64(), true),
                subnet_id: s2.clone(),
                vpc_id: net.vpc.clone(),
                private_dns_name: dns2.clone(),
                private_ip_address: ip2.clone(),
                private_ip_addresses: vec![PrivateIpOut {
                    private_dns_name: dns2,
                    private_ip_address: ip2.clone(),
                }],
                public_dns_name: None,
                public_ip: None,
                ipv6_addresses: Vec::new(),
                security_groups: vec![SecurityGroupOut {
                    group_name: "default".into(),
                    group_id: ec2_id("sg", self.key.sub(D_NET).at2(spec.account as u64, 999), true),
                }],
            });
            ipv4.push(ip2);
        }
        // Real exports often carry an empty ipv4Addresses even when interfaces have IPs.
        if rng.pct(20) {
            ipv4.clear();
        }

        let mut exposures = Vec::new();
        for e in role.exposed {
            let keep = if public {
                rng.pct(if e.port == 22 { 60 } else { 85 })
            } else {
                rng.pct(35)
            };
            if keep {
                exposures.push(Exposure {
                    port: e.port,
                    process: e.process,
                    internet: public,
                });
            }
        }

        let n = CVES.len() as u64;
        let strides: Vec<u64> = CVE_STRIDES.iter().copied().filter(|s| n % s != 0).collect();
        let a = if strides.is_empty() { 1 } else { *rng.pick(&strides) };
        let cve_perm = (a, rng.below(n.max(1)));

        Instance {
            label: if spec.named { name } else { id.clone() },
            asset: AssetAttributesOut {
                schema_version: 1,
                agent_id: id.clone(),
                auto_scaling_group: asg.clone(),
                ami_id: ami,
                hostname,
                ipv4_addresses: ipv4,
                tags,
                network_interfaces: nics,
            },
            id,
            os,
            role,
            has_agent: spec.has_agent,
            unsupported: spec.unsupported,
            asg,
            eni: Eni {
                id: eni_id,
                vpc: net.vpc.clone(),
                acl: acl.clone(),
                igw: net.igw.clone(),
                pcx: net.pcx.clone(),
                sg_id,
            },
            exposures,
            key: k,
            cve_perm,
            ord: ord as u64,
        }
    }
}

/// Non-CVE issues of one instance for a package set, interleaved so every package shows up
/// early (the first slots are the ones every run re-finds).
fn plan_for(key: Key, inst: &Instance, packages: &[RulesPackage]) -> Vec<Issue> {
    let k = key.sub(D_PLAN).sub(inst.ord);
    let mut rng = k.rng(0);
    let has = |p: RulesPackage| packages.contains(&p);
    let agent = inst.has_agent && !inst.unsupported;
    let mut items: Vec<(f64, Issue)> = Vec::new();
    let mut push_pkg = |rng: &mut Rng, weight: f64, issues: Vec<Issue>| {
        for (rank, is) in issues.into_iter().enumerate() {
            items.push(((rank as f64 + rng.unit()) / weight, is));
        }
    };
    if agent && has(RulesPackage::Cis) {
        let fail = 18 + rng.below(35);
        let mut v = Vec::new();
        for i in 0..CIS_RULES.len() {
            if rng.below(100) < fail {
                v.push(Issue::Cis(i as u16));
            }
        }
        shuffle(&mut rng, &mut v);
        push_pkg(&mut rng, 3.0, v);
    }
    if agent && has(RulesPackage::Sbp) {
        const P: [u64; 9] = [35, 6, 30, 45, 40, 40, 4, 4, 10];
        let mut v = Vec::new();
        for (i, p) in P.iter().enumerate() {
            if rng.below(100) < *p {
                v.push(Issue::Sbp(i as u8));
            }
        }
        shuffle(&mut rng, &mut v);
        push_pkg(&mut rng, 1.0, v);
    }
    if agent && has(RulesPackage::Rba) {
        let role = inst.role;
        let legacy = role.key == "ftp" || role.key == "bastion";
        let mut v = Vec::new();
        let odds: [(usize, u64); 6] = [
            (catalog::RBA_UNUSED_PORTS, if role.unused.is_empty() { 0 } else { 75 }),
            (catalog::RBA_LOGIN, if legacy { 60 } else { 8 }),
            (catalog::RBA_GENERAL, if legacy { 70 } else { 15 }),
            (catalog::RBA_SERVER, if legacy || role.key == "mail" { 80 } else { 6 }),
            (catalog::RBA_NO_DEP, if role.key == "ftp" { 80 } else { 7 }),
            (catalog::RBA_ROOT_PROC, 6),
        ];
        for (rule, p) in odds {
            if rng.below(100) < p {
                v.push(Issue::Rba(rule as u8));
            }
        }
        push_pkg(&mut rng, 1.0, v);
    }
    if has(RulesPackage::Nr) {
        let mut v = Vec::new();
        for (i, e) in inst.exposures.iter().enumerate() {
            let recognized = recognized_port(e.port).is_some();
            // Unrecognized ports are reported only when something listens (agent needed).
            let reportable = recognized || (inst.has_agent && !e.process.is_empty());
            if reportable {
                v.push(Issue::Nr(i as u8));
            }
        }
        if inst.exposures.iter().any(|e| e.internet) {
            v.push(Issue::NrExposure);
        }
        push_pkg(&mut rng, 1.5, v);
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    items.into_iter().map(|(_, i)| i).collect()
}

fn shuffle<T>(rng: &mut Rng, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        v.swap(i, j);
    }
}

fn timeline(rng: &mut Rng, state: RunState, created: i64, duration_s: u32, n: u64) -> Timeline {
    let mut t = created;
    let mut changes = vec![("CREATED", t)];
    t += rng.range(25, 45);
    changes.push(("START_DATA_COLLECTION_PENDING", t));
    t += rng.range(25, 45);
    changes.push(("START_DATA_COLLECTION_IN_PROGRESS", t));
    if state == RunState::Failed {
        t += rng.range(60_000, 240_000);
        changes.push(("FAILED", t));
        return Timeline {
            changes,
            started: None,
            completed: Some(t),
            eval: (t, t),
        };
    }
    t += rng.range(50, 95);
    changes.push(("COLLECTING_DATA", t));
    let started = t;
    if state == RunState::Canceled {
        t += rng.range(10 * 60_000, 40 * 60_000);
        changes.push(("STOP_DATA_COLLECTION_PENDING", t));
        t += rng.range(2_000, 10_000);
        changes.push(("CANCELED", t));
        return Timeline {
            changes,
            started: Some(started),
            completed: None,
            eval: (t, t),
        };
    }
    t += i64::from(duration_s) * 1000 + rng.range(300, 1800);
    changes.push(("STOP_DATA_COLLECTION_PENDING", t));
    t += rng.range(20_000, 80_000);
    changes.push(("DATA_COLLECTED", t));
    t += rng.range(150, 450);
    changes.push(("START_EVALUATING_RULES_PENDING", t));
    t += rng.range(200, 2500);
    changes.push(("EVALUATING_RULES", t));
    let eval_start = t;
    let n = i64::try_from(n).unwrap_or(i64::MAX / 4).min(i64::MAX / 64);
    t += 15_000 + n * 20 + rng.range(0, 20_000);
    changes.push((state.wire(), t));
    Timeline {
        changes,
        started: Some(started),
        completed: Some(t),
        eval: (eval_start, t),
    }
}

struct Timeline {
    changes: Vec<(&'static str, i64)>,
    started: Option<i64>,
    completed: Option<i64>,
    eval: (i64, i64),
}

impl Dataset {
    /// Build the generic estate described by `cfg`.
    pub fn new(cfg: &GenConfig) -> io::Result<Dataset> {
        Dataset::from_spec(&Spec::from_config(cfg)?)
    }

    pub(crate) fn from_spec(spec: &Spec) -> io::Result<Dataset> {
        let key = Key::new(spec.seed);
        let region = catalog::region_packages(&spec.region)
            .ok_or_else(|| invalid(format!("no published rules packages for region {}", spec.region)))?;
        if spec.accounts.is_empty() {
            return Err(invalid("no account"));
        }
        if let Some(a) = spec.accounts.iter().find(|a| !valid_account(a)) {
            return Err(invalid(format!("account id {a:?} is not 12 digits")));
        }
        if spec.runs.len() >= 1 << 16 {
            return Err(invalid("too many runs (max 65535)"));
        }
        let part = region.partition;
        let reg = region.region;

        // Resource groups and targets (tags of resource groups go onto member instances).
        let mut extra_tags: Vec<Vec<(String, String)>> = vec![Vec::new(); spec.instances.len()];
        let mut resource_groups = Vec::new();
        let mut targets = Vec::new();
        let mut target_account = Vec::new();
        for (ti, t) in spec.targets.iter().enumerate() {
            let acc = spec
                .accounts
                .get(t.account)
                .ok_or_else(|| invalid("target account out of range"))?;
            let rg = match &t.rg_tags {
                Some(tags) if !tags.is_empty() => {
                    for &m in &t.members {
                        if let Some(x) = extra_tags.get_mut(m) {
                            x.extend(tags.iter().cloned());
                        }
                    }
                    resource_groups.push(ResourceGroup {
                        arn: format!(
                            "arn:{part}:inspector:{reg}:{acc}:resourcegroup/0-{}",
                            id62(key, ID_RGROUP, ti as u64)
                        ),
                        tags: tags.clone(),
                        created_ms: t.created_ms - 61_234,
                    });
                    Some(resource_groups.len() - 1)
                }
                _ => None,
            };
            if t.members.iter().any(|&m| m >= spec.instances.len()) {
                return Err(invalid("target member out of range"));
            }
            targets.push(Target {
                arn: format!(
                    "arn:{part}:inspector:{reg}:{acc}:target/0-{}",
                    id62(key, ID_TARGET, ti as u64)
                ),
                name: t.name.clone(),
                rg,
                created_ms: t.created_ms,
                updated_ms: t.updated_ms,
                members: t.members.clone(),
            });
            target_account.push(t.account);
        }

        let nets: Vec<Net> = (0..spec.accounts.len()).map(|a| account_net(key, a)).collect();
        let mut ib = InstanceBuild {
            key,
            region: reg,
            nets: &nets,
            counters: Default::default(),
        };
        let instances: Vec<Instance> = spec
            .instances
            .iter()
            .enumerate()
            .map(|(i, s)| ib.build(i, s, &extra_tags[i]))
            .collect();

        // Templates and their issue spaces.
        let mut templates = Vec::new();
        for (ti, t) in spec.templates.iter().enumerate() {
            let target = targets
                .get(t.target)
                .ok_or_else(|| invalid("template target out of range"))?;
            let acc_i = target_account[t.target];
            let acc = &spec.accounts[acc_i];
            let mut packages = Vec::new();
            let mut package_arns = Vec::new();
            for &p in &t.packages {
                if let Some(arn) = region.arn(p) {
                    if !packages.contains(&p) {
                        packages.push(p);
                        package_arns.push(arn);
                    }
                }
            }
            if packages.is_empty() {
                return Err(invalid(format!(
                    "template {} has no rules package available in {reg}",
                    t.name
                )));
            }
            if t.user_attrs.len() > 10 || !(180..=86_400).contains(&t.duration) {
                return Err(invalid("template user attributes > 10 or duration outside 180..86400"));
            }
            let agent_pkgs = packages.iter().any(|p| p.needs_agent());
            let unbounded = packages.contains(&RulesPackage::Cve);
            let mut window = Vec::new();
            let mut unsupported = Vec::new();
            for &m in &target.members {
                let inst = &instances[m];
                if agent_pkgs && inst.has_agent && inst.unsupported {
                    unsupported.push(m);
                } else if !unbounded || (inst.has_agent && !inst.unsupported) {
                    window.push(m);
                }
            }
            let plans: Vec<Vec<Issue>> = window
                .iter()
                .map(|&m| plan_for(key, &instances[m], &packages))
                .collect();
            let mut flat = Vec::new();
            if !unbounded {
                let max_len = plans.iter().map(Vec::len).max().unwrap_or(0);
                for s in 0..max_len {
                    for (li, p) in plans.iter().enumerate() {
                        if s < p.len() {
                            flat.push((li as u32, s as u32));
                        }
                    }
                }
            }
            let arn = format!("{}/template/0-{}", target.arn, id62(key, ID_TEMPLATE, ti as u64));
            templates.push(Template {
                sns_topic: t
                    .sns
                    .then(|| format!("arn:{part}:sns:{reg}:{acc}:inspector-{}", slug(&t.name))),
                arn,
                name: t.name.clone(),
                target: t.target,
                packages,
                package_arns,
                user_attrs: t.user_attrs.clone(),
                duration: t.duration,
                created_ms: t.created_ms,
                issues: TemplateIssues {
                    window,
                    unsupported,
                    plans,
                    unbounded,
                    flat,
                },
            });
        }

        let mut ds = Dataset {
            key,
            region,
            accounts: spec.accounts.clone(),
            instances,
            resource_groups,
            targets,
            templates,
            runs: Vec::new(),
        };

        // Runs: chronological per template for numbering and windows.
        let mut order: Vec<usize> = (0..spec.runs.len()).collect();
        order.sort_by_key(|&i| (spec.runs[i].created_ms, i));
        let mut per_template_runs = vec![0u64; ds.templates.len()];
        let mut per_template_ord = vec![0u64; ds.templates.len()];
        let mut prev_window: Vec<Option<(u64, u64)>> = vec![None; ds.templates.len()];
        let mut runs: Vec<Option<Run>> = (0..spec.runs.len()).map(|_| None).collect();
        let rk = key.sub(D_RUN);
        for &ri in &order {
            let rs = &spec.runs[ri];
            let t = ds
                .templates
                .get(rs.template)
                .ok_or_else(|| invalid("run template out of range"))?;
            per_template_runs[rs.template] += 1;
            let number = per_template_runs[rs.template];
            let mut rng = rk.rng(ri as u64);
            let ti = &t.issues;
            let (n_window, extras, window_start, ordinal) = if rs.state.has_findings() {
                let cap = ti.capacity();
                let u = ti.unsupported.len() as u64;
                let requested = match (rs.findings, cap) {
                    (Some(n), _) => n,
                    (None, Some(c)) => c + u,
                    (None, None) => return Err(invalid("findings must be given for templates with the CVE package")),
                };
                if requested >= 1 << FINDING_BITS {
                    return Err(invalid("too many findings in one run (max 2^28)"));
                }
                let extras: Vec<usize> = if u > 0 && requested >= 10 * u {
                    ti.unsupported.clone()
                } else {
                    Vec::new()
                };
                let n_window = requested - extras.len() as u64;
                if n_window > 0 && ti.window.is_empty() {
                    return Err(invalid(format!(
                        "template {} has no instance that can have findings",
                        t.name
                    )));
                }
                if let Some(c) = cap {
                    if n_window > c {
                        return Err(invalid(format!(
                            "run of template {} asks for {n_window} findings but its packages yield at most {c}",
                            t.name
                        )));
                    }
                }
                let start = match prev_window[rs.template] {
                    None => 0,
                    Some((a, n_prev)) => {
                        let churn = 0.05 + 0.07 * rng.unit();
                        let shift = (n_prev as f64 * churn).round() as u64;
                        let s = a + shift;
                        match cap {
                            Some(c) => s.min(c - n_window),
                            None => s,
                        }
                    }
                };
                prev_window[rs.template] = Some((start, n_window));
                let ord = per_template_ord[rs.template];
                per_template_ord[rs.template] += 1;
                (n_window, extras, start, ord)
            } else {
                (0, Vec::new(), 0, per_template_ord[rs.template])
            };
            let n = n_window + extras.len() as u64;
            let tl = timeline(&mut rng, rs.state, rs.created_ms, t.duration, n);
            let mut notifications = Vec::new();
            if t.sns_topic.is_some() {
                let status = |rng: &mut Rng| if rng.pct(8) { "ACCESS_DENIED" } else { "SUCCESS" };
                let st = tl.started.unwrap_or(rs.created_ms + 95);
                notifications.push(Notification {
                    date: st + rng.range(5, 60),
                    event: "ASSESSMENT_RUN_STARTED",
                    error: false,
                    status: status(&mut rng),
                });
                let end = tl.changes.last().map_or(st, |c| c.1);
                let (event, error) = match rs.state {
                    RunState::Completed => ("ASSESSMENT_RUN_COMPLETED", false),
                    RunState::CompletedWithErrors => ("ASSESSMENT_RUN_COMPLETED", true),
                    RunState::Failed => ("ASSESSMENT_RUN_STATE_CHANGED", true),
                    RunState::Canceled => ("ASSESSMENT_RUN_STATE_CHANGED", false),
                };
                notifications.push(Notification {
                    date: end + rng.range(5, 60),
                    event,
                    error,
                    status: status(&mut rng),
                });
            }
            let unhealthy = if rs.state == RunState::CompletedWithErrors {
                let m = &ds.targets[t.target].members;
                let agents: Vec<usize> = m.iter().copied().filter(|&i| ds.instances[i].has_agent).collect();
                let k = 1 + usize::from(agents.len() > 6);
                (0..k.min(agents.len()))
                    .map(|j| agents[(rng.below(agents.len() as u64) as usize + j) % agents.len()])
                    .collect()
            } else {
                Vec::new()
            };
            let run_id = id62(key, ID_RUN, ri as u64);
            runs[ri] = Some(Run {
                template: rs.template,
                arn: format!("{}/run/0-{run_id}", t.arn),
                name: format!("Run {number} for {}", t.name),
                state: rs.state,
                created_ms: rs.created_ms,
                started_ms: tl.started,
                completed_ms: tl.completed,
                changes: tl.changes,
                notifications,
                eval_start: tl.eval.0,
                eval_end: tl.eval.1,
                ordinal,
                window_start,
                n_window,
                extras,
                counts: [0; 5],
                index: ri,
                unhealthy,
            });
        }
        ds.runs = runs.into_iter().flatten().collect();
        if ds.runs.len() != spec.runs.len() {
            return Err(invalid("internal: run construction"));
        }
        for r in 0..ds.runs.len() {
            let mut counts = [0u64; 5];
            let run = &ds.runs[r];
            for k in 0..run.findings() {
                let res = ds.resolve(run, k);
                counts[ds.severity(run, &res).0.index()] += 1;
            }
            ds.runs[r].counts = counts;
        }
        Ok(ds)
    }

    /// Total number of findings over all runs.
    pub fn total_findings(&self) -> u64 {
        self.runs.iter().map(Run::findings).sum()
    }

    /// Number of runs.
    pub fn run_count(&self) -> usize {
        self.runs.len()
    }

    /// Number of instances.
    pub fn instance_count(&self) -> usize {
        self.instances.len()
    }

    /// The region code.
    pub fn region(&self) -> &'static str {
        self.region.region
    }

    /// Account IDs.
    pub fn account_ids(&self) -> &[String] {
        &self.accounts
    }

    /// Summaries of every run (in creation order as specified).
    pub fn runs(&self) -> Vec<RunInfo> {
        self.runs
            .iter()
            .map(|r| {
                let t = &self.templates[r.template];
                RunInfo {
                    arn: r.arn.clone(),
                    name: r.name.clone(),
                    template_arn: t.arn.clone(),
                    template_name: t.name.clone(),
                    state: r.state,
                    findings: r.findings(),
                    finding_counts: r.counts,
                    created_ms: r.created_ms,
                }
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Resolution: which issue sits at index k of a run, and its severity.

#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved {
    pub inst: usize,
    pub issue: Issue,
}

/// A CVE reference: well-known or synthetic (index into an endless, shared list).
#[derive(Debug, Clone, Copy)]
pub(crate) enum CveRef {
    Known(&'static CveInfo),
    Synth(u64),
}

/// Derived facts of a synthetic CVE.
#[derive(Debug, Clone)]
pub(crate) struct SynthCve {
    pub id: String,
    pub pkg: &'static str,
    pub ver: String,
    pub rel: u32,
    pub desc: usize,
}

impl Dataset {
    pub(crate) fn resolve(&self, run: &Run, k: u64) -> Resolved {
        if k >= run.n_window {
            let i = (k - run.n_window) as usize;
            return Resolved {
                inst: run.extras.get(i).copied().unwrap_or(0),
                issue: Issue::Unsupported,
            };
        }
        let ti = &self.templates[run.template].issues;
        let j = run.window_start + k;
        let (li, issue) = if ti.unbounded {
            let s = ti.window.len().max(1) as u64;
            let li = (j % s) as usize;
            let slot = j / s;
            let plan = &ti.plans[li];
            let l = plan.len() as u64;
            let issue = if slot < 2 * l {
                if slot % 2 == 1 {
                    plan[(slot / 2) as usize]
                } else {
                    Issue::Cve(slot / 2)
                }
            } else {
                Issue::Cve(slot - l)
            };
            (li, issue)
        } else {
            let (li, pi) = ti.flat[j as usize];
            (li as usize, ti.plans[li as usize][pi as usize])
        };
        Resolved {
            inst: ti.window[li],
            issue,
        }
    }

    pub(crate) fn cve_at(&self, inst: &Instance, slot: u64) -> CveRef {
        let n = CVES.len() as u64;
        if slot < n {
            let (a, b) = inst.cve_perm;
            CveRef::Known(&CVES[((a * slot + b) % n) as usize])
        } else {
            CveRef::Synth(slot - n)
        }
    }

    pub(crate) fn synth_cve(&self, s: u64) -> SynthCve {
        let h = self.key.sub(D_SYNTH).at(s);
        let mut rng = Rng::from_hash(h);
        let pkg = *rng.pick(SYNTH_PACKAGES);
        let _scores = rng.pick(SYNTH_SCORES);
        SynthCve {
            id: format!("CVE-{}-{}", 2017 + s % 2, 21_000 + s / 2),
            pkg,
            ver: format!("{}.{}.{}", 1 + rng.below(3), rng.below(20), rng.below(12)),
            rel: 1 + rng.below(40) as u32,
            desc: rng.below(catalog::SYNTH_DESCRIPTIONS.len() as u64) as usize,
        }
    }

    /// CVSS v2 / v3 (tenths) of a CVE slot, before re-scoring.
    pub(crate) fn cve_scores(&self, c: CveRef) -> (u8, Option<u8>) {
        match c {
            CveRef::Known(i) => (i.cvss2, i.cvss3),
            CveRef::Synth(s) => {
                let h = self.key.sub(D_SYNTH).at(s);
                let mut rng = Rng::from_hash(h);
                let _ = rng.pick(SYNTH_PACKAGES);
                let (c2, c3) = *rng.pick(SYNTH_SCORES);
                (c2, Some(c3))
            }
        }
    }

    fn base_severity(&self, inst: &Instance, issue: Issue) -> Severity {
        match issue {
            Issue::Cve(slot) => {
                let (c2, c3) = self.cve_scores(self.cve_at(inst, slot));
                cvss_severity(c3.unwrap_or(c2))
            }
            Issue::Cis(_) => Severity::High,
            Issue::Sbp(i) => SBP_RULES.get(i as usize).map_or(Severity::Medium, |r| r.severity),
            Issue::Rba(i) => RBA_RULES.get(i as usize).map_or(Severity::Low, |r| r.1),
            Issue::Nr(e) => inst
                .exposures
                .get(e as usize)
                .and_then(|x| recognized_port(x.port))
                .map_or(Severity::Low, |p| p.3),
            Issue::NrExposure | Issue::Unsupported => Severity::Informational,
        }
    }

    /// Severity of a resolved issue in `run`, and whether it was re-scored relative to the
    /// template's first runs.
    pub(crate) fn severity(&self, run: &Run, res: &Resolved) -> (Severity, bool) {
        let inst = &self.instances[res.inst];
        let base = self.base_severity(inst, res.issue);
        if matches!(res.issue, Issue::Unsupported | Issue::NrExposure) {
            return (base, false);
        }
        let h = self
            .key
            .sub(D_DRIFT)
            .at2(((run.template as u64) << 32) | inst.ord, res.issue.ident());
        let drift = h % 100 < 4 && run.ordinal > (h >> 32) % 3;
        if drift {
            (if base == Severity::High { base.down() } else { base.up() }, true)
        } else {
            (base, false)
        }
    }
}
