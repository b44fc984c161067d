//! The findings report, rebuilt from the data as Inspector Classic's "findings report" laid it
//! out: the runs in scope, the instances evaluated, then every rule with each instance that has
//! it. Pure: the report view only renders a [`FindingsReport`].

use super::index::natural_cmp;
use super::runs::{arn_tail, seconds_between};
use crate::ingest::Dataset;
use crate::model::sort::SharedSort as _;
use crate::model::{AssetAttributes, Finding, Severity, Str, Timestamp};
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// One assessment run of the report's summary.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRun {
    pub arn: Str,
    /// A loaded DescribeAssessmentRuns file describes the run.
    pub described: bool,
    pub name: Option<Str>,
    /// The template's name; its ARN's tail when no loaded file describes the template.
    pub template: Option<String>,
    /// The target's name; its ARN's tail when no loaded file describes the target.
    pub target: Option<String>,
    pub state: Option<Str>,
    pub created_at: Option<Timestamp>,
    pub started_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
    /// `durationInSeconds`: how long the run was set to collect data.
    pub duration: Option<i64>,
    /// `completedAt − startedAt`, in seconds.
    pub actual: Option<i64>,
    /// Rules packages by name (the ARN when the name is unknown), in the run's order.
    pub packages: Vec<String>,
    /// `findingCounts` by severity ([`Severity::ALL`] order), when the run has it.
    pub reported: Option<[i64; 5]>,
    /// The run's findings in the report, per severity rank (High … Undefined, missing).
    pub in_report: [usize; 6],
    /// Agents ListAssessmentRunAgents lists for the run.
    pub agents: usize,
}

impl ReportRun {
    /// The name, else the ARN's tail.
    pub fn label(&self) -> String {
        self.name
            .as_deref()
            .map_or_else(|| arn_tail(&self.arn).to_owned(), ToOwned::to_owned)
    }
}

/// One instance the runs in scope evaluated.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportInstance {
    pub id: Str,
    /// The `Name` tag.
    pub name: Option<Str>,
    pub hostname: Option<Str>,
    pub ips: Vec<Str>,
    pub ami: Option<Str>,
    pub asg: Option<Str>,
    /// Distinct `agentHealth (agentHealthCode)` of the instance's agents in the runs in scope.
    pub health: Vec<String>,
    /// Findings in the report on this instance.
    pub findings: usize,
    /// Listed by ListAssessmentRunAgents for a run in scope.
    pub has_agent: bool,
}

/// One instance that has a rule's finding.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleInstance {
    /// The instance id; empty when the findings name none.
    pub id: Str,
    pub name: Option<Str>,
    pub hostname: Option<Str>,
    pub ip: Option<Str>,
    /// Names of the runs that found it here, in first-seen order.
    pub runs: Vec<String>,
    /// Distinct `PORT` attributes (network findings: one finding per port).
    pub ports: Vec<String>,
    /// The findings (indices into the dataset's findings).
    pub findings: Vec<u32>,
}

/// One rule (rule id + rules package) with every instance that has it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportRule {
    pub rule_id: Option<Str>,
    pub package_arn: Option<Str>,
    /// The package's name (its ARN when unknown; empty without a package).
    pub package: String,
    /// The highest severity of the rule's findings (`None`: none has a model severity).
    pub severity: Option<Severity>,
    /// Findings per severity rank (High … Undefined, missing).
    pub by_severity: [usize; 6],
    /// The titles with what varies per finding written as `{instance}` or `…`.
    pub title: String,
    /// The most common description, and how many distinct ones the findings have.
    pub description: Option<Str>,
    pub description_variants: usize,
    pub recommendation: Option<Str>,
    pub recommendation_variants: usize,
    pub findings: usize,
    pub instances: Vec<RuleInstance>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FindingsReport {
    pub runs: Vec<ReportRun>,
    pub instances: Vec<ReportInstance>,
    pub rules: Vec<ReportRule>,
    /// Findings in the report per severity rank (High … Undefined, missing).
    pub by_severity: [usize; 6],
    pub findings: usize,
    /// The runs are the ones a filter selected (not every run loaded).
    pub runs_selected: bool,
}

/// Builds the report of the findings `rows` (indices into `data.findings`). `runs` is the run
/// ARNs the report is about (a run filter); `None` means every run loaded, plus any run that a
/// finding in `rows` names.
pub fn build_report(data: &Dataset, rows: &[u32], runs: Option<&BTreeSet<String>>) -> FindingsReport {
    let findings: Vec<(u32, &Finding)> = rows
        .iter()
        .filter_map(|&i| data.findings.get(i as usize).map(|m| (i, &*m.rec)))
        .collect();
    let mut by_severity = [0usize; 6];
    for (_, f) in &findings {
        by_severity[rank(f)] += 1;
    }
    let run_arns = scope_runs(data, &findings, runs);
    let run_names: HashMap<&str, String> = data
        .runs
        .iter()
        .filter_map(|r| Some((r.rec.arn.as_deref()?, r.rec.name.as_deref()?.to_owned())))
        .collect();
    let run_label = |arn: &str| run_names.get(arn).cloned().unwrap_or_else(|| arn_tail(arn).to_owned());
    let report_runs = run_arns.iter().map(|arn| report_run(data, arn, &findings)).collect();
    // Where an instance's details come from: the first finding on it (any finding loaded).
    let mut assets: HashMap<&str, &AssetAttributes> = HashMap::default();
    for m in &data.findings {
        if let (Some(id), Some(aa)) = (m.rec.instance_id(), m.rec.asset_attributes.as_deref()) {
            assets.entry(&**id).or_insert(aa);
        }
    }
    let instances = report_instances(data, &findings, &run_arns, &assets);
    let rules = report_rules(data, &findings, &run_label);
    FindingsReport {
        runs: report_runs,
        instances,
        rules,
        by_severity,
        findings: findings.len(),
        runs_selected: runs.is_some(),
    }
}

fn rank(f: &Finding) -> usize {
    f.severity_level().map_or(5, |s| usize::from(s.rank()))
}

/// The run ARNs of the report, oldest run first (undescribed runs last, by ARN).
fn scope_runs(data: &Dataset, findings: &[(u32, &Finding)], runs: Option<&BTreeSet<String>>) -> Vec<Str> {
    let mut arns: Vec<Str> = match runs {
        Some(set) => set.iter().map(|a| Str::from(a.as_str())).collect(),
        None => {
            let mut seen: BTreeSet<Str> = BTreeSet::new();
            seen.extend(data.runs.iter().filter_map(|r| r.rec.arn.clone()));
            seen.extend(findings.iter().filter_map(|(_, f)| f.run_arn().cloned()));
            seen.into_iter().collect()
        }
    };
    let key = |arn: &Str| {
        let r = data.run(arn).map(|m| &m.rec);
        (
            r.is_none(),
            r.and_then(|r| r.created_at.or(r.started_at)),
            r.and_then(|r| r.name.clone()),
        )
    };
    arns.shared_sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0)
            .then_with(|| ka.1.cmp(&kb.1))
            .then_with(|| natural_cmp(ka.2.as_deref().unwrap_or(""), kb.2.as_deref().unwrap_or("")))
            .then_with(|| a.cmp(b))
    });
    arns
}

fn report_run(data: &Dataset, arn: &Str, findings: &[(u32, &Finding)]) -> ReportRun {
    let mut in_report = [0usize; 6];
    for (_, f) in findings.iter().filter(|(_, f)| f.run_arn() == Some(arn)) {
        in_report[rank(f)] += 1;
    }
    let agents = data
        .agents
        .iter()
        .filter(|a| a.rec.assessment_run_arn.as_ref() == Some(arn))
        .count();
    let Some(m) = data.run(arn) else {
        return ReportRun {
            arn: arn.clone(),
            described: false,
            name: None,
            template: None,
            target: None,
            state: None,
            created_at: None,
            started_at: None,
            completed_at: None,
            duration: None,
            actual: None,
            packages: Vec::new(),
            reported: None,
            in_report,
            agents,
        };
    };
    let r = &m.rec;
    let template = data.template_of_run(r);
    let template_name = template
        .and_then(|t| t.rec.name.as_deref().map(ToOwned::to_owned))
        .or_else(|| r.assessment_template_arn.as_deref().map(|a| arn_tail(a).to_owned()));
    let target = template.and_then(|t| data.target_of_template(&t.rec));
    let target_name = target
        .and_then(|t| t.rec.name.as_deref().map(ToOwned::to_owned))
        .or_else(|| {
            template
                .and_then(|t| t.rec.assessment_target_arn.as_deref())
                .map(|a| arn_tail(a).to_owned())
        });
    let packages = r
        .rules_package_arns
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|a| data.package_name(a).map_or_else(|| a.to_string(), |n| n.to_string()))
        .collect();
    ReportRun {
        arn: arn.clone(),
        described: true,
        name: r.name.clone(),
        template: template_name,
        target: target_name,
        state: r.state.clone(),
        created_at: r.created_at,
        started_at: r.started_at,
        completed_at: r.completed_at,
        duration: r.duration_in_seconds,
        actual: r.started_at.zip(r.completed_at).map(|(s, c)| seconds_between(s, c)),
        packages,
        reported: r.finding_counts.as_ref().map(|c| Severity::ALL.map(|s| c.get(s))),
        in_report,
        agents,
    }
}

fn report_instances(
    data: &Dataset,
    findings: &[(u32, &Finding)],
    run_arns: &[Str],
    assets: &HashMap<&str, &AssetAttributes>,
) -> Vec<ReportInstance> {
    let mut out: BTreeMap<Str, ReportInstance> = BTreeMap::new();
    for (_, f) in findings {
        if let Some(id) = f.instance_id() {
            out.entry(id.clone()).or_default().findings += 1;
        }
    }
    let mut in_scope: BTreeSet<&Str> = BTreeSet::new();
    in_scope.extend(run_arns.iter());
    for a in &data.agents {
        let r = &a.rec;
        let (Some(run), Some(id)) = (&r.assessment_run_arn, &r.agent_id) else {
            continue;
        };
        if !in_scope.contains(run) {
            continue;
        }
        let inst = out.entry(id.clone()).or_default();
        inst.has_agent = true;
        if inst.asg.is_none() {
            inst.asg = r.auto_scaling_group.clone();
        }
        let health = match (&r.agent_health, &r.agent_health_code) {
            (Some(h), Some(c)) => format!("{h} ({c})"),
            (Some(h), None) => h.to_string(),
            (None, Some(c)) => format!("({c})"),
            (None, None) => continue,
        };
        if !inst.health.contains(&health) {
            inst.health.push(health);
        }
    }
    let mut list: Vec<ReportInstance> = out
        .into_iter()
        .map(|(id, mut inst)| {
            if let Some(aa) = assets.get(&*id) {
                inst.name = name_tag(aa);
                inst.hostname = aa.hostname.clone();
                inst.ips = ips(aa);
                inst.ami = aa.ami_id.clone();
                if aa.auto_scaling_group.is_some() {
                    inst.asg = aa.auto_scaling_group.clone();
                }
            }
            inst.health.shared_sort();
            inst.id = id;
            inst
        })
        .collect();
    list.shared_sort_by(|a, b| cmp_instance(a.name.as_deref(), &a.id, b.name.as_deref(), &b.id));
    list
}

/// By `Name` tag (instances without one last), then id.
fn cmp_instance(an: Option<&str>, aid: &str, bn: Option<&str>, bid: &str) -> Ordering {
    match (an, bn) {
        (Some(x), Some(y)) => natural_cmp(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| natural_cmp(aid, bid))
}

fn name_tag(aa: &AssetAttributes) -> Option<Str> {
    aa.tags
        .as_deref()?
        .iter()
        .find(|t| t.key.as_deref() == Some("Name"))
        .and_then(|t| t.value.clone())
}

/// `ipv4Addresses`, else the network interfaces' private then public addresses.
fn ips(aa: &AssetAttributes) -> Vec<Str> {
    if let Some(v) = aa.ipv4_addresses.as_ref().filter(|v| !v.is_empty()) {
        return v.clone();
    }
    let mut out: Vec<Str> = Vec::new();
    for n in aa.network_interfaces.as_deref().unwrap_or_default() {
        for ip in [&n.private_ip_address, &n.public_ip].into_iter().flatten() {
            if !out.contains(ip) {
                out.push(ip.clone());
            }
        }
    }
    out
}

/// A rule: its id and rules package ARN.
type RuleKey<'a> = (Option<&'a str>, Option<&'a str>);

fn report_rules(data: &Dataset, findings: &[(u32, &Finding)], run_label: &dyn Fn(&str) -> String) -> Vec<ReportRule> {
    let mut groups: HashMap<RuleKey<'_>, Vec<(u32, &Finding)>> = HashMap::default();
    for &(i, f) in findings {
        groups
            .entry((f.id.as_deref(), f.rules_package_arn().map(|s| &**s)))
            .or_default()
            .push((i, f));
    }
    let mut rules: Vec<ReportRule> = groups
        .into_values()
        .map(|members| report_rule(data, &members, run_label))
        .collect();
    rules.shared_sort_by(|a, b| {
        let sev = |r: &ReportRule| r.severity.map_or(5, Severity::rank);
        sev(a)
            .cmp(&sev(b))
            .then_with(|| b.findings.cmp(&a.findings))
            .then_with(|| natural_cmp(a.rule_id.as_deref().unwrap_or(""), b.rule_id.as_deref().unwrap_or("")))
            .then_with(|| natural_cmp(&a.package, &b.package))
    });
    rules
}

fn report_rule(data: &Dataset, members: &[(u32, &Finding)], run_label: &dyn Fn(&str) -> String) -> ReportRule {
    let Some(&(_, first)) = members.first() else {
        return ReportRule::default();
    };
    let package_arn = first.rules_package_arn().cloned();
    let package = package_arn.as_deref().map_or_else(String::new, |a| {
        data.package_name(a).map_or_else(|| a.to_owned(), |n| n.to_string())
    });
    let mut by_severity = [0usize; 6];
    let mut severity: Option<Severity> = None;
    for (_, f) in members {
        by_severity[rank(f)] += 1;
        if let Some(s) = f.severity_level() {
            if severity.is_none_or(|cur| s.rank() < cur.rank()) {
                severity = Some(s);
            }
        }
    }
    let (description, description_variants) = most_common(members.iter().map(|(_, f)| f.description.as_ref()));
    let (recommendation, recommendation_variants) = most_common(members.iter().map(|(_, f)| f.recommendation.as_ref()));
    let titles: Vec<String> = members
        .iter()
        .filter_map(|(_, f)| {
            let t = f.title.as_deref()?;
            let mut t = t.to_owned();
            let aa = f.asset_attributes.as_deref();
            let mut names: Vec<Str> = [
                f.instance_id().cloned(),
                aa.and_then(name_tag),
                aa.and_then(|a| a.hostname.clone()),
            ]
            .into_iter()
            .flatten()
            .filter(|n| n.len() > 2)
            .collect();
            // Longest first: a hostname may contain the instance id.
            names.shared_sort_by_key(|n| std::cmp::Reverse(n.len()));
            for n in &names {
                t = t.replace(&**n, "{instance}");
            }
            Some(t)
        })
        .collect();
    // Instances, in first-seen order, then sorted.
    let mut order: Vec<RuleInstance> = Vec::new();
    let mut at: HashMap<Str, usize> = HashMap::default();
    for &(i, f) in members {
        let id = f.instance_id().cloned().unwrap_or_default();
        let slot = *at.entry(id.clone()).or_insert_with(|| {
            let aa = f.asset_attributes.as_deref();
            order.push(RuleInstance {
                id: id.clone(),
                name: aa.and_then(name_tag),
                hostname: aa.and_then(|a| a.hostname.clone()),
                ip: f.first_ip().cloned(),
                ..RuleInstance::default()
            });
            order.len() - 1
        });
        let inst = &mut order[slot];
        inst.findings.push(i);
        if let Some(run) = f.run_arn() {
            let label = run_label(run);
            if !inst.runs.contains(&label) {
                inst.runs.push(label);
            }
        }
        if let Some(p) = f.attribute("PORT") {
            if !inst.ports.iter().any(|x| x == &**p) {
                inst.ports.push(p.to_string());
            }
        }
    }
    for inst in &mut order {
        inst.ports.shared_sort_by(|a, b| natural_cmp(a, b));
    }
    order.shared_sort_by(|a, b| {
        // Findings without an instance id last.
        a.id.is_empty()
            .cmp(&b.id.is_empty())
            .then_with(|| cmp_instance(a.name.as_deref(), &a.id, b.name.as_deref(), &b.id))
    });
    ReportRule {
        rule_id: first.id.clone(),
        package_arn,
        package,
        severity,
        by_severity,
        title: title_pattern(&titles),
        description,
        description_variants,
        recommendation,
        recommendation_variants,
        findings: members.len(),
        instances: order,
    }
}

/// The most frequent present value (ties: the first seen) and the number of distinct values.
fn most_common<'a>(values: impl Iterator<Item = Option<&'a Str>>) -> (Option<Str>, usize) {
    let mut counts: Vec<(&Str, usize)> = Vec::new();
    for v in values.flatten() {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some(c) => c.1 += 1,
            None => counts.push((v, 1)),
        }
    }
    let distinct = counts.len();
    let mut best: Option<(&Str, usize)> = None;
    for (v, n) in counts {
        if best.is_none_or(|(_, bn)| n > bn) {
            best = Some((v, n));
        }
    }
    (best.map(|(v, _)| v.clone()), distinct)
}

/// One title for many: words that differ between the titles become `…` (runs of them one `…`).
/// Titles of different lengths keep their common first and last words.
pub fn title_pattern(titles: &[String]) -> String {
    let Some(first) = titles.first() else {
        return String::new();
    };
    if titles.iter().all(|t| t == first) {
        return first.clone();
    }
    let words: Vec<Vec<&str>> = titles.iter().map(|t| t.split_whitespace().collect()).collect();
    let n = words[0].len();
    let mut out: Vec<&str> = Vec::new();
    if words.iter().all(|w| w.len() == n) {
        for i in 0..n {
            let w = words[0][i];
            if words.iter().all(|x| x[i] == w) {
                out.push(w);
            } else if out.last() != Some(&"…") {
                out.push("…");
            }
        }
        return out.join(" ");
    }
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let prefix = (0..shortest)
        .take_while(|&i| words.iter().all(|w| w[i] == words[0][i]))
        .count();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| {
            let w0 = words[0][words[0].len() - 1 - i];
            words.iter().all(|w| w[w.len() - 1 - i] == w0)
        })
        .count();
    out.extend(&words[0][..prefix]);
    out.push("…");
    out.extend(&words[0][words[0].len() - suffix..]);
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Context, Options};
    use std::rc::Rc;

    fn dataset(docs: &[&str]) -> Dataset {
        let mut cx = Context::default();
        let files = docs
            .iter()
            .enumerate()
            .map(|(i, doc)| {
                Rc::new(read_file(
                    &format!("f{i}.json"),
                    doc.as_bytes().to_vec(),
                    &mut cx,
                    Options::default(),
                ))
            })
            .collect();
        Dataset::merge(files)
    }

    const PKG_CVE: &str = "arn:aws:inspector:us-west-2:758058086616:rulespackage/0-9hgA516p";
    const PKG_NET: &str = "arn:pkg/custom-net";
    const RUN1: &str = "arn:t/1/template/2/run/r1";
    const RUN2: &str = "arn:t/1/template/2/run/r2";

    #[allow(clippy::too_many_arguments)]
    fn finding(
        n: u32,
        run: &str,
        pkg: &str,
        rule: &str,
        sev: &str,
        inst: &str,
        name: &str,
        port: Option<&str>,
    ) -> String {
        let port = port.map_or(String::new(), |p| format!(r#",{{"key":"PORT","value":"{p}"}}"#));
        format!(
            r#"{{"arn":"{run}/finding/{n}","id":"{rule}","severity":"{sev}","title":"Instance {name} is affected by {rule}",
            "description":"About {rule}.","recommendation":"Fix {rule}.","createdAt":1,"updatedAt":1,
            "serviceAttributes":{{"schemaVersion":1,"assessmentRunArn":"{run}","rulesPackageArn":"{pkg}"}},
            "assetAttributes":{{"schemaVersion":1,"agentId":"{inst}","hostname":"h-{inst}","amiId":"ami-1",
              "ipv4Addresses":["10.0.0.{n}"],"tags":[{{"key":"Name","value":"{name}"}}]}},
            "attributes":[{{"key":"INSTANCE_ID","value":"{inst}"}}{port}],"userAttributes":[]}}"#
        )
    }

    fn sample() -> Dataset {
        let findings = [
            finding(1, RUN1, PKG_CVE, "CVE-2018-1", "High", "i-a", "web-01", None),
            finding(2, RUN1, PKG_CVE, "CVE-2018-1", "High", "i-b", "web-02", None),
            finding(3, RUN2, PKG_CVE, "CVE-2018-1", "High", "i-a", "web-01", None),
            finding(4, RUN1, PKG_NET, "Port open", "Low", "i-a", "web-01", Some("443")),
            finding(5, RUN1, PKG_NET, "Port open", "Medium", "i-a", "web-01", Some("22")),
            finding(6, RUN2, PKG_CVE, "CVE-2018-9", "Informational", "i-c", "db-01", None),
        ];
        let fdoc = format!(r#"{{"findings":[{}],"failedItems":{{}}}}"#, findings.join(","));
        let runs = format!(
            r#"{{"assessmentRuns":[
            {{"arn":"{RUN2}","name":"Run 2","assessmentTemplateArn":"arn:t/1/template/2","state":"COMPLETED",
              "durationInSeconds":3600,"rulesPackageArns":["{PKG_CVE}"],"userAttributesForFindings":[],
              "createdAt":2000,"startedAt":2000,"completedAt":5630,"stateChangedAt":5630,"dataCollected":true,
              "stateChanges":[],"notifications":[],"findingCounts":{{"High":1,"Informational":1}}}},
            {{"arn":"{RUN1}","name":"Run 1","assessmentTemplateArn":"arn:t/1/template/2","state":"COMPLETED",
              "durationInSeconds":900,"rulesPackageArns":["{PKG_CVE}","{PKG_NET}"],"userAttributesForFindings":[],
              "createdAt":1000,"startedAt":1000,"completedAt":1900,"stateChangedAt":1900,"dataCollected":true,
              "stateChanges":[],"notifications":[]}}],"failedItems":{{}}}}"#
        );
        let templates = r#"{"assessmentTemplates":[{"arn":"arn:t/1/template/2","name":"Weekly","assessmentTargetArn":"arn:t/1",
            "durationInSeconds":3600,"rulesPackageArns":[],"userAttributesForFindings":[],"assessmentRunCount":2,"createdAt":1}],"failedItems":{}}"#;
        let agents = format!(
            r#"{{"assessmentRunAgents":[
            {{"agentId":"i-a","assessmentRunArn":"{RUN1}","agentHealth":"HEALTHY","agentHealthCode":"IDLE","telemetryMetadata":[]}},
            {{"agentId":"i-z","assessmentRunArn":"{RUN1}","agentHealth":"UNHEALTHY","agentHealthCode":"UNKNOWN","autoScalingGroup":"asg-z","telemetryMetadata":[]}},
            {{"agentId":"i-c","assessmentRunArn":"{RUN2}","agentHealth":"HEALTHY","agentHealthCode":"IDLE","telemetryMetadata":[]}}
            ]}}"#
        );
        dataset(&[&fdoc, &runs, templates, &agents])
    }

    fn all(d: &Dataset) -> Vec<u32> {
        (0..u32::try_from(d.findings.len()).unwrap_or(0)).collect()
    }

    #[test]
    fn rules_group_findings_with_every_instance_most_severe_first() {
        let d = sample();
        let r = build_report(&d, &all(&d), None);
        assert_eq!(r.findings, 6);
        assert_eq!(r.by_severity, [3, 1, 1, 1, 0, 0]);
        let rules: Vec<(&str, usize, Vec<&str>)> = r
            .rules
            .iter()
            .map(|g| {
                (
                    g.rule_id.as_deref().unwrap_or(""),
                    g.findings,
                    g.instances.iter().map(|i| &*i.id).collect(),
                )
            })
            .collect();
        assert_eq!(
            rules,
            [
                ("CVE-2018-1", 3, vec!["i-a", "i-b"]),
                ("Port open", 2, vec!["i-a"]),
                ("CVE-2018-9", 1, vec!["i-c"]),
            ]
        );
        let cve = &r.rules[0];
        assert_eq!(cve.package, "Common Vulnerabilities and Exposures");
        assert_eq!(cve.title, "Instance {instance} is affected by CVE-2018-1");
        assert_eq!(cve.description.as_deref(), Some("About CVE-2018-1."));
        assert_eq!((cve.description_variants, cve.recommendation_variants), (1, 1));
        let web01 = &cve.instances[0];
        assert_eq!(web01.name.as_deref(), Some("web-01"));
        assert_eq!(web01.runs, ["Run 1", "Run 2"]);
        assert_eq!(web01.findings, [0, 2]);
        let port = &r.rules[1];
        assert_eq!(port.severity, Some(Severity::Medium), "the highest of Low and Medium");
        assert_eq!(port.package, PKG_NET, "unknown package: its ARN");
        assert_eq!(port.instances[0].ports, ["22", "443"]);
    }

    #[test]
    fn runs_and_instances_of_the_scope() {
        let d = sample();
        let r = build_report(&d, &all(&d), None);
        let names: Vec<String> = r.runs.iter().map(ReportRun::label).collect();
        assert_eq!(names, ["Run 1", "Run 2"], "oldest first");
        let r1 = &r.runs[0];
        assert_eq!(r1.template.as_deref(), Some("Weekly"));
        assert_eq!(r1.target.as_deref(), Some("1"), "undescribed target: ARN tail");
        assert_eq!(r1.packages, ["Common Vulnerabilities and Exposures", PKG_NET]);
        assert_eq!((r1.duration, r1.actual), (Some(900), Some(900)));
        assert_eq!(r1.reported, None);
        assert_eq!(r1.in_report, [2, 1, 1, 0, 0, 0]);
        assert_eq!(r1.agents, 2);
        assert_eq!(r.runs[1].reported, Some([1, 0, 0, 1, 0]));
        let inst: Vec<(&str, Option<&str>, usize, Vec<String>)> = r
            .instances
            .iter()
            .map(|i| (&*i.id, i.name.as_deref(), i.findings, i.health.clone()))
            .collect();
        assert_eq!(
            inst,
            [
                ("i-c", Some("db-01"), 1, vec!["HEALTHY (IDLE)".to_owned()]),
                ("i-a", Some("web-01"), 4, vec!["HEALTHY (IDLE)".to_owned()]),
                ("i-b", Some("web-02"), 1, vec![]),
                ("i-z", None, 0, vec!["UNHEALTHY (UNKNOWN)".to_owned()]),
            ]
        );
        let a = &r.instances[1];
        assert_eq!(a.hostname.as_deref(), Some("h-i-a"));
        assert_eq!(a.ami.as_deref(), Some("ami-1"));
        assert_eq!(r.instances[3].asg.as_deref(), Some("asg-z"));
        assert!(r.instances[3].has_agent && !r.instances[2].has_agent);
    }

    #[test]
    fn a_run_filter_scopes_runs_agents_and_counts() {
        let d = sample();
        let rows: Vec<u32> = all(&d)
            .into_iter()
            .filter(|&i| d.findings[i as usize].rec.run_arn().map(|s| &**s) == Some(RUN2))
            .collect();
        let scope: BTreeSet<String> = [RUN2.to_owned(), "arn:gone".to_owned()].into();
        let r = build_report(&d, &rows, Some(&scope));
        assert!(r.runs_selected);
        assert_eq!(r.runs.len(), 2);
        assert_eq!(r.runs[0].label(), "Run 2");
        assert!(!r.runs[1].described && r.runs[1].label() == "arn:gone");
        let ids: Vec<&str> = r.instances.iter().map(|i| &*i.id).collect();
        assert_eq!(ids, ["i-c", "i-a"], "run 1's agent i-z is out of scope");
        assert_eq!(r.rules.len(), 2);
    }

    #[test]
    fn empty_scope_is_an_empty_report() {
        let d = sample();
        let r = build_report(&d, &[], Some(&BTreeSet::new()));
        assert_eq!(
            (r.findings, r.rules.len(), r.runs.len(), r.instances.len()),
            (0, 0, 0, 0)
        );
        let r = build_report(&Dataset::default(), &[7], None);
        assert_eq!(r, FindingsReport::default());
    }

    #[test]
    fn title_patterns() {
        let p = |ts: &[&str]| title_pattern(&ts.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(p(&[]), "");
        assert_eq!(p(&["Same", "Same"]), "Same");
        assert_eq!(
            p(&[
                "On instance {instance}, TCP port(s) 80 are reachable",
                "On instance {instance}, TCP port(s) 23 are reachable"
            ]),
            "On instance {instance}, TCP port(s) … are reachable"
        );
        assert_eq!(p(&["a x y b", "a z b"]), "a … b");
        assert_eq!(p(&["x 1 2 3", "y 1 2 4"]), "… 1 2 …");
        assert_eq!(p(&["a b", "c"]), "…");
    }
}
