//! One finding, as wire JSON: the record at index `k` of a run.

use super::catalog::{self, recognized_port, OsFamily, Severity, CIS_RULES, RBA_RULES, SBP_RULES, SYNTH_DESCRIPTIONS};
use super::rng::{id62, Rng};
use super::time::{push_timestamp, TimestampStyle};
use super::world::{AssetAttributesOut, CveRef, Dataset, Instance, Issue, Run, D_FINDING, FINDING_BITS, ID_FINDING};
use super::Format;
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// A timestamp member, rendered in the output's style at serialisation time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TsOut {
    pub ms: i64,
    pub style: TimestampStyle,
    pub off: i32,
}

impl TsOut {
    pub(crate) const fn new(ms: i64, fmt: &Format) -> TsOut {
        TsOut {
            ms,
            style: fmt.style,
            off: fmt.utc_offset_minutes,
        }
    }
}

impl Serialize for TsOut {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.style.is_number() {
            // ryu prints the shortest round-trip digits, the same as Python's repr().
            s.serialize_f64(self.ms as f64 / 1000.0)
        } else {
            let mut buf = String::with_capacity(32);
            push_timestamp(&mut buf, self.ms, self.style, self.off);
            s.serialize_str(&buf)
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct AttrOut<'a> {
    pub key: Cow<'a, str>,
    pub value: Cow<'a, str>,
}

fn attr<'a>(key: &'static str, value: impl Into<Cow<'a, str>>) -> AttrOut<'a> {
    AttrOut {
        key: Cow::Borrowed(key),
        value: value.into(),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ServiceAttrsOut<'a> {
    schema_version: u32,
    assessment_run_arn: &'a str,
    rules_package_arn: &'a str,
}

/// `Finding`, members in model order.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FindingOut<'a> {
    arn: String,
    schema_version: u32,
    service: &'static str,
    service_attributes: ServiceAttrsOut<'a>,
    asset_type: &'static str,
    asset_attributes: &'a AssetAttributesOut,
    id: Cow<'a, str>,
    title: String,
    description: Cow<'a, str>,
    recommendation: Cow<'a, str>,
    severity: &'static str,
    numeric_severity: f64,
    confidence: u8,
    indicator_of_compromise: bool,
    attributes: Vec<AttrOut<'a>>,
    user_attributes: Vec<AttrOut<'a>>,
    created_at: TsOut,
    updated_at: TsOut,
}

struct Body<'a> {
    id: Cow<'a, str>,
    title: String,
    description: Cow<'a, str>,
    recommendation: Cow<'a, str>,
    attributes: Vec<AttrOut<'a>>,
}

fn score(tenths: u8) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn deb_name(fam: OsFamily) -> Option<&'static str> {
    match fam {
        OsFamily::Ubuntu1804 => Some("18.04"),
        OsFamily::Ubuntu1604 => Some("16.04"),
        _ => None,
    }
}

/// `<name>-<epoch>:<version>-<release>` (RPM) or `<name>-<version>-<n>ubuntu0.<rel>.<m>` (deb).
fn package_version(fam: OsFamily, name: &str, epoch: u32, ver: &str, rel: u32, h: u64) -> String {
    match deb_name(fam) {
        Some(series) => format!("{name}-{ver}-{}ubuntu0.{series}.{}", rel % 9 + 1, 1 + h % 5),
        None => {
            let release = match fam {
                OsFamily::Amzn2 => format!("{rel}.amzn2.0.{}", 1 + h % 3),
                OsFamily::Amzn1 => format!("{rel}.{}.amzn1", 10 + h % 80),
                _ if h % 3 == 0 => format!("{rel}.el7_{}", 4 + h % 3),
                _ => format!("{rel}.el7"),
            };
            format!("{name}-{epoch}:{ver}-{release}")
        }
    }
}

const REMOTE_LOGIN: &[(&str, u16)] = &[("telnet", 23), ("rlogin", 513), ("rsh", 514)];
const REMOTE_GENERAL: &[(&str, u16)] = &[("FTP", 21), ("HTTP", 80), ("SMTP", 25), ("POP3", 110)];

impl Dataset {
    /// The finding at index `k` of `run`, formatted for `fmt`.
    pub(crate) fn finding<'a>(&'a self, run: &'a Run, k: u64, fmt: &Format) -> FindingOut<'a> {
        let res = self.resolve(run, k);
        let (severity, rescored) = self.severity(run, &res);
        let inst = &self.instances[res.inst];
        let t = &self.templates[run.template];
        let h = self.key.sub(D_FINDING).at2(run.index as u64, k);
        let mut rng = Rng::from_hash(h);
        let body = self.body(inst, res.issue, severity, rescored);

        let span = (run.eval_end - run.eval_start).max(1) as u64;
        let created = run.eval_start + (rng.below(span) as i64);
        let mut updated = created;
        let mut user_attributes: Vec<AttrOut<'a>> = t
            .user_attrs
            .iter()
            .map(|(k2, v)| AttrOut {
                key: Cow::Borrowed(k2.as_str()),
                value: Cow::Borrowed(v.as_str()),
            })
            .collect();
        if rng.below(1000) < 15 && user_attributes.len() < 10 {
            updated = created + rng.range(86_400_000, 21 * 86_400_000);
            user_attributes.push(match rng.below(3) {
                0 => attr("Status", "Acknowledged"),
                1 => AttrOut {
                    key: Cow::Borrowed("Assigned Engineer"),
                    value: Cow::Borrowed(*rng.pick(catalog::ENGINEERS)),
                },
                _ => AttrOut {
                    key: Cow::Borrowed("Ticket"),
                    value: Cow::Owned(format!("SEC-{}", 1000 + rng.below(900))),
                },
            });
        }

        let fid = id62(self.key, ID_FINDING, ((run.index as u64) << FINDING_BITS) | k);
        let mut arn = String::with_capacity(run.arn.len() + 19);
        arn.push_str(&run.arn);
        arn.push_str("/finding/0-");
        arn.push_str(&fid);
        FindingOut {
            arn,
            schema_version: 1,
            service: "Inspector",
            service_attributes: ServiceAttrsOut {
                schema_version: 1,
                assessment_run_arn: &run.arn,
                rules_package_arn: t.package_arn(res.issue.package()),
            },
            asset_type: "ec2-instance",
            asset_attributes: &inst.asset,
            id: body.id,
            title: body.title,
            description: body.description,
            recommendation: body.recommendation,
            severity: severity.label(),
            numeric_severity: severity.numeric(),
            confidence: 10,
            indicator_of_compromise: false,
            attributes: body.attributes,
            user_attributes,
            created_at: TsOut::new(created, fmt),
            updated_at: TsOut::new(updated, fmt),
        }
    }

    fn body<'a>(&'a self, inst: &'a Instance, issue: Issue, severity: Severity, rescored: bool) -> Body<'a> {
        let label = &inst.label;
        let iid = || attr("INSTANCE_ID", inst.id.as_str());
        let ih = inst.key.at(issue_hash(issue));
        match issue {
            Issue::Cve(slot) => {
                let fam = inst.os.family;
                let cref = self.cve_at(inst, slot);
                let (c2, c3) = self.cve_scores(cref);
                let c3 = if rescored {
                    Some(match severity {
                        Severity::High => 75,
                        Severity::Medium => 53,
                        _ => 37,
                    })
                } else {
                    c3
                };
                let (id, name, epoch, ver, rel, desc): (Cow<'a, str>, &str, u32, String, u32, Cow<'a, str>) = match cref {
                    CveRef::Known(c) => {
                        let name = if deb_name(fam).is_some() { c.deb } else { c.pkg };
                        (Cow::Borrowed(c.id), name, c.epoch, c.ver.to_string(), c.rel, Cow::Borrowed(c.desc))
                    }
                    CveRef::Synth(s) => {
                        let sc = self.synth_cve(s);
                        let fixed = format!("{}-{}", sc.ver, sc.rel);
                        let tmpl = SYNTH_DESCRIPTIONS.get(sc.desc).copied().unwrap_or("");
                        let d = tmpl.replace("{p}", sc.pkg).replace("{v}", &fixed);
                        (Cow::Owned(sc.id), sc.pkg, 0, sc.ver, sc.rel, Cow::Owned(d))
                    }
                };
                let fixed = package_version(fam, name, epoch, &ver, rel, ih);
                let installed = package_version(fam, name, epoch, &ver, rel.saturating_sub(1 + (ih >> 8) as u32 % 3).max(1), ih >> 16);
                let mut attributes = vec![iid(), attr("CVE_ID", id.clone()), attr("CVSS2_SCORE", score(c2))];
                if let Some(c3) = c3 {
                    attributes.push(attr("CVSS3_SCORE", score(c3)));
                }
                attributes.push(attr("package_name", installed));
                Body {
                    title: format!("Instance {label} is vulnerable to {id}"),
                    id,
                    description: desc,
                    recommendation: Cow::Owned(format!(
                        "Use your Operating System's update feature to update package {fixed}."
                    )),
                    attributes,
                }
            }
            Issue::Cis(i) => {
                let (num, text, level) = CIS_RULES.get(i as usize).copied().unwrap_or(("0", "", 1));
                let bench = inst.os.cis_benchmark;
                let profile = if level == 1 { inst.os.cis_level1 } else { inst.os.cis_level2 };
                Body {
                    id: Cow::Owned(format!("{num} {text}")),
                    title: format!("Instance {label} is not compliant with rule {num} {text}"),
                    description: Cow::Owned(format!(
                        "This rule checks whether the instance is configured according to recommendation {num} \"{text}\" of the {bench}, profile {profile}. The CIS Security Benchmarks are consensus-based configuration guidelines published by the Center for Internet Security."
                    )),
                    recommendation: Cow::Owned(format!(
                        "Apply the remediation described for recommendation {num} \"{text}\" in the {bench} document, available from the Center for Internet Security at https://www.cisecurity.org/cis-benchmarks/."
                    )),
                    attributes: vec![
                        iid(),
                        attr("BENCHMARK_RULE_ID", num),
                        attr("BENCHMARK_ID", bench),
                        attr("CIS_BENCHMARK_PROFILE", profile),
                    ],
                }
            }
            Issue::Sbp(i) => {
                let r = &SBP_RULES[(i as usize).min(SBP_RULES.len() - 1)];
                Body {
                    id: Cow::Borrowed(r.name),
                    title: format!("Instance {label} {}", r.title),
                    description: Cow::Borrowed(r.description),
                    recommendation: Cow::Borrowed(r.recommendation),
                    attributes: vec![iid()],
                }
            }
            Issue::Rba(i) => {
                let (name, _, desc, rec) = RBA_RULES[(i as usize).min(RBA_RULES.len() - 1)];
                let mut rng = Rng::from_hash(ih);
                let remote = || format!("10.{}.{}.{}", (ih >> 8) % 32, (ih >> 16) % 16, 4 + (ih >> 24) % 250);
                let role = inst.role;
                let title = match i as usize {
                    catalog::RBA_LOGIN => {
                        let (p, port) = rng.pick(REMOTE_LOGIN);
                        format!("Instance {label} used the non-secure login protocol {p} to connect to {} on TCP port {port} during the assessment run.", remote())
                    }
                    catalog::RBA_GENERAL => {
                        let (p, port) = rng.pick(REMOTE_GENERAL);
                        format!("Instance {label} used the non-secure protocol {p} to connect to {} on TCP port {port} during the assessment run.", remote())
                    }
                    catalog::RBA_UNUSED_PORTS => {
                        let ports: Vec<String> = role
                            .unused
                            .iter()
                            .map(|(p, s)| if s.is_empty() { p.to_string() } else { format!("{p}({s})") })
                            .collect();
                        format!(
                            "Instance {label} was listening on TCP port(s) {}, but no connections to these port(s) were seen during the assessment run.",
                            ports.join(", ")
                        )
                    }
                    catalog::RBA_SERVER => {
                        let (p, port) = inst
                            .exposures
                            .iter()
                            .find_map(|e| match e.port {
                                21 => Some(("FTP", 21)),
                                23 => Some(("telnet", 23)),
                                25 => Some(("SMTP", 25)),
                                _ => None,
                            })
                            .unwrap_or(("telnet", 23));
                        format!("Instance {label} accepted connections over the non-secure protocol {p} on TCP port {port} during the assessment run.")
                    }
                    catalog::RBA_NO_DEP => {
                        let p = rng.pick(role.procs);
                        format!("On instance {label}, process '{p}' was running without data execution prevention (DEP) during the assessment run.")
                    }
                    _ => {
                        let p = rng.pick(role.procs);
                        let base = p.rsplit('/').next().unwrap_or(p);
                        format!("On instance {label}, process '{base}' running as root loaded the module /opt/{}/lib/lib{base}-plugin.so, which is writable by non-root users.", role.key)
                    }
                };
                Body {
                    id: Cow::Borrowed(name),
                    title,
                    description: Cow::Borrowed(desc),
                    recommendation: Cow::Borrowed(rec),
                    attributes: vec![iid()],
                }
            }
            Issue::Nr(e) => self.nr_body(inst, e),
            Issue::NrExposure => {
                let mut ports: Vec<u16> = inst.exposures.iter().filter(|e| e.internet).map(|e| e.port).collect();
                ports.sort_unstable();
                let ranges: Vec<String> = ports.iter().map(|p| format!("[{p} - {p}]")).collect();
                let list: Vec<String> = ports.iter().map(u16::to_string).collect();
                let eni = &inst.eni;
                Body {
                    id: Cow::Borrowed("Network exposure from internet"),
                    title: format!(
                        "On instance {}, TCP port(s) {} are reachable from the internet",
                        inst.id,
                        list.join(", ")
                    ),
                    description: Cow::Owned(format!(
                        "On this instance, TCP port(s) {} are reachable from the internet through ENI {} and Security Group {}. The instance {} is located in VPC {} and its subnet uses network ACL {} and IGW {}.",
                        list.join(", "), eni.id, eni.sg_id, inst.id, eni.vpc, eni.acl, eni.igw
                    )),
                    recommendation: Cow::Owned(format!(
                        "Review the Security Group {} and network ACL {} and remove access from the internet to the ports that do not need it",
                        eni.sg_id, eni.acl
                    )),
                    attributes: vec![
                        iid(),
                        attr("RULE_TYPE", "NetworkExposure"),
                        attr("REACHABILITY_TYPE", "Internet"),
                        attr("TCP_PORTS", format!("[{}]", ranges.join(", "))),
                        attr("UDP_PORTS", "[]"),
                        attr("VPC", eni.vpc.as_str()),
                        attr("ENI", eni.id.as_str()),
                        attr("SECURITY_GROUP", eni.sg_id.as_str()),
                        attr("ACL", eni.acl.as_str()),
                        attr("IGW", eni.igw.as_str()),
                    ],
                }
            }
            Issue::Unsupported => Body {
                id: Cow::Borrowed("Unsupported Operating System or Version"),
                title: "Unsupported Operating System or Version".to_string(),
                description: Cow::Borrowed("The operating system or version running on this instance is not supported by this rules package, so the rules in the package were not evaluated on this instance."),
                recommendation: Cow::Borrowed("Run this rules package only against instances with a supported operating system. See Amazon Inspector supported operating systems and regions in the Amazon Inspector user guide."),
                attributes: vec![iid()],
            },
        }
    }

    fn nr_body<'a>(&'a self, inst: &'a Instance, e: u8) -> Body<'a> {
        let fallback = super::world::Exposure {
            port: 22,
            process: "sshd",
            internet: true,
        };
        let x = inst.exposures.get(e as usize).copied().unwrap_or(fallback);
        let rec = recognized_port(x.port);
        let (proto, group) = rec.map_or(("TCP", None), |r| (r.1, Some(r.2)));
        let port = x.port;
        let id = &inst.id;
        let eni = &inst.eni;
        let (reach, from, from_desc) = if x.internet {
            ("Internet", "the internet", "the internet")
        } else {
            ("PeeredVPC", "a Peered VPC", "a peered VPC")
        };
        let rule_type = match (inst.has_agent, x.process.is_empty(), group.is_some()) {
            (false, _, _) => "RecognizedPortNoAgent",
            (true, true, _) => "RecognizedPortNoListener",
            (true, false, true) => "RecognizedPortWithListener",
            (true, false, false) => "UnrecognizedPortWithListener",
        };
        let p = x.process;
        let (title, first) = match (rule_type, group) {
            ("UnrecognizedPortWithListener", _) | (_, None) => (
                format!("On instance {id}, process '{p}' is listening on {proto} port {port} which is not associated with a recognized service and is reachable from {from}"),
                format!("On this instance, {proto} port {port} is reachable from {from_desc} and process '{p}' is listening on it."),
            ),
            ("RecognizedPortWithListener", Some(g)) => (
                format!("On instance {id}, process '{p}' is listening on {proto} port {port} which is associated with '{g}' and is reachable from {from}"),
                format!("On this instance, {proto} port {port}, which is associated with {g}, is reachable from {from_desc}. Process '{p}' is listening on this port."),
            ),
            ("RecognizedPortNoListener", Some(g)) => (
                format!("On instance {id}, {proto} port {port} which is associated with '{g}' is reachable from {from} but no process is listening on it"),
                format!("On this instance, {proto} port {port}, which is associated with {g}, is reachable from {from_desc}. No process is currently listening on this port."),
            ),
            (_, Some(g)) => (
                format!("On instance {id}, {proto} port {port} which is associated with '{g}' is reachable from {from}"),
                format!("On this instance, {proto} port {port}, which is associated with {g}, is reachable from {from_desc}. You can install the Inspector agent on this instance and re-run the assessment to check for any process listening on this port."),
            ),
        };
        let path = if x.internet {
            format!("Security Group {} and IGW {}", eni.sg_id, eni.igw)
        } else {
            format!("Security Group {} and VPC peering connection {}", eni.sg_id, eni.pcx)
        };
        let description = format!(
            "{first} The instance {id} is located in VPC {} and has an attached ENI {} which uses network ACL {}. The port is reachable from {from_desc} through {path}",
            eni.vpc, eni.id, eni.acl
        );
        let scope = if x.internet { "the internet" } else { "the peered VPC" };
        let mut attributes = vec![
            attr("VPC", eni.vpc.as_str()),
            attr("ACL", eni.acl.as_str()),
            attr("PROTOCOL", proto),
            attr("RULE_TYPE", rule_type),
            attr("INSTANCE_ID", id.as_str()),
        ];
        if let Some(g) = group {
            attributes.push(attr("PORT_GROUP_NAME", g));
        }
        if x.internet {
            attributes.push(attr("IGW", eni.igw.as_str()));
        }
        attributes.push(attr("SECURITY_GROUP", eni.sg_id.as_str()));
        attributes.push(attr("ENI", eni.id.as_str()));
        attributes.push(attr("REACHABILITY_TYPE", reach));
        attributes.push(attr("PORT", port.to_string()));
        let id_text = match (group.is_some(), x.internet) {
            (true, true) => "Recognized port reachable from internet",
            (true, false) => "Recognized port reachable from a Peered VPC",
            (false, true) => "Unrecognized port with listener reachable from internet",
            (false, false) => "Unrecognized port with listener reachable from a Peered VPC",
        };
        Body {
            id: Cow::Borrowed(id_text),
            title,
            description: Cow::Owned(description),
            recommendation: Cow::Owned(format!(
                "You can edit the Security Group {} to remove access from {scope} on port {port}",
                eni.sg_id
            )),
            attributes,
        }
    }
}

fn issue_hash(i: Issue) -> u64 {
    match i {
        Issue::Cve(s) => s.wrapping_mul(8),
        Issue::Cis(x) => u64::from(x) * 8 + 1,
        Issue::Sbp(x) => u64::from(x) * 8 + 2,
        Issue::Rba(x) => u64::from(x) * 8 + 3,
        Issue::Nr(x) => u64::from(x) * 8 + 4,
        Issue::NrExposure => 5,
        Issue::Unsupported => 6,
    }
}
