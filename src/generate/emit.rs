//! Response writers: findings in every layout (streamed), and the metadata responses
//! (DescribeAssessmentRuns/Templates/Targets/ResourceGroups/RulesPackages,
//! ListAssessmentRunAgents, ListFindings, ListAssessmentRuns).

use super::catalog::{RulesPackage, TELEMETRY};
use super::finding::{AttrOut, TsOut};
use super::json::{close_object, member_key, write_value, ArrayWriter};
use super::rng::{id62, Rng};
use super::world::{Dataset, Run, RunState, D_AGENT, FINDING_BITS, ID_FINDING};
use super::{invalid, Format, Layout};
use serde::Serialize;
use std::borrow::Cow;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A file written by the generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Where it was written.
    pub path: PathBuf,
    /// Records in it (findings, runs, agents, …).
    pub records: u64,
    /// Size in bytes.
    pub bytes: u64,
}

/// Counts bytes passing through.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Create `path` and run `f` on a buffered, byte-counting writer.
pub(crate) fn write_file(path: &Path, f: impl FnOnce(&mut dyn Write) -> io::Result<u64>) -> io::Result<OutputFile> {
    let ctx = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            fs::create_dir_all(dir).map_err(ctx)?;
        }
    }
    let file = File::create(path).map_err(ctx)?;
    let mut w = Counting {
        inner: BufWriter::with_capacity(1 << 16, file),
        bytes: 0,
    };
    let records = f(&mut w).map_err(ctx)?;
    w.flush().map_err(ctx)?;
    Ok(OutputFile {
        path: path.to_path_buf(),
        records,
        bytes: w.bytes,
    })
}

#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StateChangeOut {
    state_changed_at: TsOut,
    state: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationOut<'a> {
    date: TsOut,
    event: &'static str,
    error: bool,
    sns_topic_arn: &'a str,
    sns_publish_status_code: &'static str,
}

/// `findingCounts`, keys alphabetical as in AWS's DescribeAssessmentRuns example.
#[derive(Serialize)]
struct CountsOut {
    #[serde(rename = "High")]
    high: u64,
    #[serde(rename = "Informational")]
    informational: u64,
    #[serde(rename = "Low")]
    low: u64,
    #[serde(rename = "Medium")]
    medium: u64,
    #[serde(rename = "Undefined")]
    undefined: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunOut<'a> {
    arn: &'a str,
    name: &'a str,
    assessment_template_arn: &'a str,
    state: &'static str,
    duration_in_seconds: u32,
    rules_package_arns: &'a [String],
    user_attributes_for_findings: Vec<AttrOut<'a>>,
    created_at: TsOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    started_at: Option<TsOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    completed_at: Option<TsOut>,
    state_changed_at: TsOut,
    data_collected: bool,
    state_changes: Vec<StateChangeOut>,
    notifications: Vec<NotificationOut<'a>>,
    finding_counts: CountsOut,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunsResponse<'a> {
    assessment_runs: Vec<RunOut<'a>>,
    failed_items: Empty,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TemplateOut<'a> {
    arn: &'a str,
    name: &'a str,
    assessment_target_arn: &'a str,
    duration_in_seconds: u32,
    rules_package_arns: &'a [String],
    user_attributes_for_findings: Vec<AttrOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_assessment_run_arn: Option<&'a str>,
    assessment_run_count: u64,
    created_at: TsOut,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TemplatesResponse<'a> {
    assessment_templates: Vec<TemplateOut<'a>>,
    failed_items: Empty,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TargetOut<'a> {
    arn: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_group_arn: Option<&'a str>,
    created_at: TsOut,
    updated_at: TsOut,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TargetsResponse<'a> {
    assessment_targets: Vec<TargetOut<'a>>,
    failed_items: Empty,
}

#[derive(Serialize)]
struct TagKv<'a> {
    key: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResourceGroupOut<'a> {
    arn: &'a str,
    tags: Vec<TagKv<'a>>,
    created_at: TsOut,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResourceGroupsResponse<'a> {
    resource_groups: Vec<ResourceGroupOut<'a>>,
    failed_items: Empty,
}

#[derive(Serialize)]
struct RulesPackageOut {
    arn: String,
    name: &'static str,
    version: &'static str,
    provider: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RulesPackagesResponse {
    rules_packages: Vec<RulesPackageOut>,
    failed_items: Empty,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TelemetryOut {
    message_type: &'static str,
    count: u64,
    data_size: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AgentOut<'a> {
    agent_id: &'a str,
    assessment_run_arn: &'a str,
    agent_health: &'static str,
    agent_health_code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    agent_health_details: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_scaling_group: Option<&'a str>,
    telemetry_metadata: Vec<TelemetryOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AgentsResponse<'a> {
    assessment_run_agents: Vec<AgentOut<'a>>,
}

fn finish<W: Write + ?Sized>(w: &mut W) -> io::Result<()> {
    w.write_all(b"\n")
}

fn user_attrs(v: &[(String, String)]) -> Vec<AttrOut<'_>> {
    v.iter()
        .map(|(k, x)| AttrOut {
            key: Cow::Borrowed(k.as_str()),
            value: Cow::Borrowed(x.as_str()),
        })
        .collect()
}

/// Chunks of at most `per` findings, never crossing runs: (run index, range).
fn chunks(ds: &Dataset, per: usize) -> impl Iterator<Item = (usize, Range<u64>)> + '_ {
    let per = per.max(1) as u64;
    ds.runs.iter().enumerate().flat_map(move |(ri, r)| {
        let n = r.findings();
        (0..n.div_ceil(per)).map(move |c| (ri, c * per..((c + 1) * per).min(n)))
    })
}

impl Dataset {
    fn run_at(&self, run: usize) -> io::Result<&Run> {
        self.runs.get(run).ok_or_else(|| invalid(format!("no run {run}")))
    }

    /// ARN of finding `k` of run `run`.
    pub(crate) fn finding_arn(&self, run: &Run, k: u64) -> String {
        format!(
            "{}/finding/0-{}",
            run.arn,
            id62(self.key, ID_FINDING, ((run.index as u64) << FINDING_BITS) | k)
        )
    }

    fn write_findings_response<W: Write + ?Sized>(
        &self,
        w: &mut W,
        parts: &[(usize, Range<u64>)],
        fmt: &Format,
        level: usize,
    ) -> io::Result<u64> {
        let p = fmt.pretty;
        w.write_all(b"{")?;
        member_key(w, "findings", true, level + 1, p)?;
        let mut arr = ArrayWriter::begin(w, level + 1, p)?;
        for (ri, range) in parts {
            let run = self.run_at(*ri)?;
            for k in range.clone() {
                arr.next(w)?;
                write_value(w, &self.finding(run, k, fmt), arr.item_level(), p)?;
            }
        }
        let n = arr.end(w)?;
        member_key(w, "failedItems", false, level + 1, p)?;
        w.write_all(b"{}")?;
        close_object(w, level + 1, p)?;
        Ok(n)
    }

    /// One `DescribeFindings` response holding findings `range` of run `run` (index into
    /// [`Dataset::runs`]). Returns the number of findings written.
    pub fn write_describe_findings<W: Write + ?Sized>(
        &self,
        out: &mut W,
        run: usize,
        range: Range<u64>,
        fmt: Format,
    ) -> io::Result<u64> {
        let n = self.run_at(run)?.findings();
        let range = range.start.min(n)..range.end.min(n);
        let n = self.write_findings_response(out, &[(run, range)], &fmt, 0)?;
        finish(out)?;
        Ok(n)
    }

    /// Stream every finding to `out` in `layout` (all layouts but [`Layout::Split`], which
    /// needs several files: use [`Dataset::write_findings_to`]). Returns the findings written.
    pub fn write_findings<W: Write + ?Sized>(&self, out: &mut W, layout: Layout, fmt: Format) -> io::Result<u64> {
        let p = fmt.pretty;
        match layout {
            Layout::Split { .. } => Err(invalid("the split layout writes several files; use write_findings_to")),
            Layout::Single => {
                let all: Vec<(usize, Range<u64>)> = self
                    .runs
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (i, 0..r.findings()))
                    .collect();
                let n = self.write_findings_response(out, &all, &fmt, 0)?;
                finish(out)?;
                Ok(n)
            }
            Layout::Responses { per_response } => {
                let mut arr = ArrayWriter::begin(out, 0, p)?;
                let mut n = 0;
                for (ri, range) in chunks(self, per_response) {
                    arr.next(out)?;
                    n += self.write_findings_response(out, &[(ri, range)], &fmt, arr.item_level())?;
                }
                arr.end(out)?;
                finish(out)?;
                Ok(n)
            }
            Layout::Bare => {
                let mut arr = ArrayWriter::begin(out, 0, p)?;
                for run in &self.runs {
                    for k in 0..run.findings() {
                        arr.item(out, &self.finding(run, k, &fmt))?;
                    }
                }
                let n = arr.end(out)?;
                finish(out)?;
                Ok(n)
            }
            Layout::JsonLines => {
                let mut n = 0;
                for run in &self.runs {
                    for k in 0..run.findings() {
                        write_value(out, &self.finding(run, k, &fmt), 0, false)?;
                        out.write_all(b"\n")?;
                        n += 1;
                    }
                }
                Ok(n)
            }
        }
    }

    /// Write findings under `path`: for [`Layout::Split`] `path` is a directory that receives
    /// `describe-findings-runNNN-partNNN.json` files; otherwise `path` is the file.
    pub fn write_findings_to(&self, path: &Path, layout: Layout, fmt: Format) -> io::Result<Vec<OutputFile>> {
        match layout {
            Layout::Split { per_file } => {
                fs::create_dir_all(path)?;
                let per = per_file.max(1) as u64;
                let max_parts = self.runs.iter().map(|r| r.findings().div_ceil(per)).max().unwrap_or(0);
                let width = max_parts.to_string().len().max(3);
                let rwidth = self.runs.len().to_string().len().max(3);
                let mut files = Vec::new();
                for (ri, range) in chunks(self, per_file) {
                    let part = range.start / per + 1;
                    let name = format!("describe-findings-run{:0rwidth$}-part{part:0width$}.json", ri + 1);
                    files.push(write_file(&path.join(name), |w| {
                        let n = self.write_findings_response(w, &[(ri, range.clone())], &fmt, 0)?;
                        finish(w)?;
                        Ok(n)
                    })?);
                }
                Ok(files)
            }
            _ => Ok(vec![write_file(path, |w| self.write_findings(w, layout, fmt))?]),
        }
    }

    /// `DescribeAssessmentRuns` response with every run (a merged export when > 10 runs).
    pub fn write_describe_assessment_runs<W: Write + ?Sized>(&self, out: &mut W, fmt: Format) -> io::Result<u64> {
        let runs: Vec<RunOut<'_>> = self.runs.iter().map(|r| self.run_out(r, &fmt)).collect();
        let n = runs.len() as u64;
        write_value(
            out,
            &RunsResponse {
                assessment_runs: runs,
                failed_items: Empty {},
            },
            0,
            fmt.pretty,
        )?;
        finish(out)?;
        Ok(n)
    }

    fn run_out<'a>(&'a self, r: &'a Run, fmt: &Format) -> RunOut<'a> {
        let t = &self.templates[r.template];
        let c = r.counts;
        let last = r.changes.last().map_or(r.created_ms, |x| x.1);
        RunOut {
            arn: &r.arn,
            name: &r.name,
            assessment_template_arn: &t.arn,
            state: r.state.wire(),
            duration_in_seconds: t.duration,
            rules_package_arns: &t.package_arns,
            user_attributes_for_findings: user_attrs(&t.user_attrs),
            created_at: TsOut::new(r.created_ms, fmt),
            started_at: r.started_ms.map(|m| TsOut::new(m, fmt)),
            completed_at: r.completed_ms.map(|m| TsOut::new(m, fmt)),
            state_changed_at: TsOut::new(last, fmt),
            data_collected: r.state.has_findings(),
            state_changes: r
                .changes
                .iter()
                .map(|&(state, ms)| StateChangeOut {
                    state_changed_at: TsOut::new(ms, fmt),
                    state,
                })
                .collect(),
            notifications: r
                .notifications
                .iter()
                .map(|n| NotificationOut {
                    date: TsOut::new(n.date, fmt),
                    event: n.event,
                    error: n.error,
                    sns_topic_arn: t.sns_topic.as_deref().unwrap_or(""),
                    sns_publish_status_code: n.status,
                })
                .collect(),
            finding_counts: CountsOut {
                high: c[0],
                medium: c[1],
                low: c[2],
                informational: c[3],
                undefined: c[4],
            },
        }
    }

    /// `ListAssessmentRuns` response (every run ARN, as the CLI prints after paginating).
    pub fn write_list_assessment_runs<W: Write + ?Sized>(&self, out: &mut W, fmt: Format) -> io::Result<u64> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Resp<'a> {
            assessment_run_arns: Vec<&'a str>,
        }
        let arns: Vec<&str> = self.runs.iter().map(|r| r.arn.as_str()).collect();
        let n = arns.len() as u64;
        write_value(
            out,
            &Resp {
                assessment_run_arns: arns,
            },
            0,
            fmt.pretty,
        )?;
        finish(out)?;
        Ok(n)
    }

    /// `DescribeAssessmentTemplates` response with every template.
    pub fn write_describe_assessment_templates<W: Write + ?Sized>(&self, out: &mut W, fmt: Format) -> io::Result<u64> {
        let list: Vec<TemplateOut<'_>> = self
            .templates
            .iter()
            .enumerate()
            .map(|(ti, t)| {
                let mine: Vec<&Run> = self.runs.iter().filter(|r| r.template == ti).collect();
                let last = mine
                    .iter()
                    .max_by_key(|r| (r.created_ms, r.index))
                    .map(|r| r.arn.as_str());
                TemplateOut {
                    arn: &t.arn,
                    name: &t.name,
                    assessment_target_arn: &self.targets[t.target].arn,
                    duration_in_seconds: t.duration,
                    rules_package_arns: &t.package_arns,
                    user_attributes_for_findings: user_attrs(&t.user_attrs),
                    last_assessment_run_arn: last,
                    assessment_run_count: mine.len() as u64,
                    created_at: TsOut::new(t.created_ms, &fmt),
                }
            })
            .collect();
        let n = list.len() as u64;
        write_value(
            out,
            &TemplatesResponse {
                assessment_templates: list,
                failed_items: Empty {},
            },
            0,
            fmt.pretty,
        )?;
        finish(out)?;
        Ok(n)
    }

    /// `DescribeAssessmentTargets` response with every target.
    pub fn write_describe_assessment_targets<W: Write + ?Sized>(&self, out: &mut W, fmt: Format) -> io::Result<u64> {
        let list: Vec<TargetOut<'_>> = self
            .targets
            .iter()
            .map(|t| TargetOut {
                arn: &t.arn,
                name: &t.name,
                resource_group_arn: t.rg.and_then(|i| self.resource_groups.get(i)).map(|g| g.arn.as_str()),
                created_at: TsOut::new(t.created_ms, &fmt),
                updated_at: TsOut::new(t.updated_ms, &fmt),
            })
            .collect();
        let n = list.len() as u64;
        write_value(
            out,
            &TargetsResponse {
                assessment_targets: list,
                failed_items: Empty {},
            },
            0,
            fmt.pretty,
        )?;
        finish(out)?;
        Ok(n)
    }

    /// `DescribeResourceGroups` response with every resource group.
    pub fn write_describe_resource_groups<W: Write + ?Sized>(&self, out: &mut W, fmt: Format) -> io::Result<u64> {
        let list: Vec<ResourceGroupOut<'_>> = self
            .resource_groups
            .iter()
            .map(|g| ResourceGroupOut {
                arn: &g.arn,
                tags: g.tags.iter().map(|(k, v)| TagKv { key: k, value: v }).collect(),
                created_at: TsOut::new(g.created_ms, &fmt),
            })
            .collect();
        let n = list.len() as u64;
        write_value(
            out,
            &ResourceGroupsResponse {
                resource_groups: list,
                failed_items: Empty {},
            },
            0,
            fmt.pretty,
        )?;
        finish(out)?;
        Ok(n)
    }

    /// `DescribeRulesPackages` response for every package some template uses.
    pub fn write_describe_rules_packages<W: Write + ?Sized>(&self, out: &mut W, fmt: Format) -> io::Result<u64> {
        let list: Vec<RulesPackageOut> = RulesPackage::ALL
            .iter()
            .filter(|p| self.templates.iter().any(|t| t.packages.contains(p)))
            .filter_map(|&p| {
                self.region.arn(p).map(|arn| RulesPackageOut {
                    arn,
                    name: p.name(),
                    version: p.version(),
                    provider: "Amazon Web Services, Inc.",
                    description: p.description(),
                })
            })
            .collect();
        let n = list.len() as u64;
        write_value(
            out,
            &RulesPackagesResponse {
                rules_packages: list,
                failed_items: Empty {},
            },
            0,
            fmt.pretty,
        )?;
        finish(out)?;
        Ok(n)
    }

    /// `ListAssessmentRunAgents` response for run `run`: every agent-equipped instance of
    /// the run's target, with health and telemetry consistent with the run's state.
    pub fn write_list_assessment_run_agents<W: Write + ?Sized>(
        &self,
        out: &mut W,
        run: usize,
        fmt: Format,
    ) -> io::Result<u64> {
        let r = self.run_at(run)?;
        let t = &self.templates[r.template];
        let ak = self.key.sub(D_AGENT);
        let mut agents = Vec::new();
        for (pos, &m) in self.targets[t.target].members.iter().enumerate() {
            let inst = &self.instances[m];
            if !inst.has_agent {
                continue;
            }
            let mut rng = Rng::from_hash(ak.at2(r.index as u64, inst.ord));
            let (health, code, details, scale): (&str, &str, Option<&'static str>, f64) = match r.state {
                RunState::Failed if pos % 5 != 4 => (
                    "UNKNOWN",
                    "UNKNOWN",
                    Some("The agent did not respond before the data collection start timeout."),
                    0.0,
                ),
                RunState::Failed => ("HEALTHY", "IDLE", None, 0.0),
                RunState::Canceled => ("HEALTHY", "IDLE", None, 0.25),
                RunState::CompletedWithErrors if r.unhealthy.contains(&m) => {
                    if rng.pct(50) {
                        (
                            "UNHEALTHY",
                            "THROTTLED",
                            Some("The agent is throttled and could not send all telemetry."),
                            0.3,
                        )
                    } else {
                        (
                            "UNHEALTHY",
                            "UNHEALTHY",
                            Some("The agent stopped sending telemetry during the assessment run."),
                            0.1,
                        )
                    }
                }
                _ if rng.pct(20) => ("HEALTHY", "IDLE", None, 1.0),
                _ => ("HEALTHY", "RUNNING", None, 1.0),
            };
            let telemetry = if scale == 0.0 {
                Vec::new()
            } else {
                telemetry(&mut rng, scale)
            };
            agents.push(AgentOut {
                agent_id: &inst.id,
                assessment_run_arn: &r.arn,
                agent_health: health,
                agent_health_code: code,
                agent_health_details: details,
                auto_scaling_group: inst.asg.as_deref(),
                telemetry_metadata: telemetry,
            });
        }
        let n = agents.len() as u64;
        write_value(
            out,
            &AgentsResponse {
                assessment_run_agents: agents,
            },
            0,
            fmt.pretty,
        )?;
        finish(out)?;
        Ok(n)
    }

    /// `ListFindings` response: every finding ARN of run `run` (as the CLI prints after
    /// paginating).
    pub fn write_list_findings<W: Write + ?Sized>(&self, out: &mut W, run: usize, fmt: Format) -> io::Result<u64> {
        let r = self.run_at(run)?;
        let p = fmt.pretty;
        out.write_all(b"{")?;
        member_key(out, "findingArns", true, 1, p)?;
        let mut arr = ArrayWriter::begin(out, 1, p)?;
        for k in 0..r.findings() {
            arr.item(out, &self.finding_arn(r, k))?;
        }
        let n = arr.end(out)?;
        close_object(out, 1, p)?;
        finish(out)?;
        Ok(n)
    }

    /// Write the metadata responses into `dir`: resource groups, targets, templates, rules
    /// packages, runs, the run list, and the agents of the latest run that has findings.
    pub fn write_metadata_to(&self, dir: &Path, fmt: Format) -> io::Result<Vec<OutputFile>> {
        let mut files = vec![
            write_file(&dir.join("describe-resource-groups.json"), |w| {
                self.write_describe_resource_groups(w, fmt)
            })?,
            write_file(&dir.join("describe-assessment-targets.json"), |w| {
                self.write_describe_assessment_targets(w, fmt)
            })?,
            write_file(&dir.join("describe-assessment-templates.json"), |w| {
                self.write_describe_assessment_templates(w, fmt)
            })?,
            write_file(&dir.join("describe-rules-packages.json"), |w| {
                self.write_describe_rules_packages(w, fmt)
            })?,
            write_file(&dir.join("describe-assessment-runs.json"), |w| {
                self.write_describe_assessment_runs(w, fmt)
            })?,
            write_file(&dir.join("list-assessment-runs.json"), |w| {
                self.write_list_assessment_runs(w, fmt)
            })?,
        ];
        if let Some((ri, _)) = self
            .runs
            .iter()
            .enumerate()
            .filter(|(_, r)| r.findings() > 0)
            .max_by_key(|(i, r)| (r.created_ms, *i))
        {
            files.push(write_file(&dir.join("list-assessment-run-agents.json"), |w| {
                self.write_list_assessment_run_agents(w, ri, fmt)
            })?);
        }
        Ok(files)
    }
}

fn telemetry(rng: &mut Rng, scale: f64) -> Vec<TelemetryOut> {
    let f = scale * (0.4 + 2.6 * rng.unit());
    let mut list: Vec<TelemetryOut> = TELEMETRY
        .iter()
        .map(|&(ty, c, size)| {
            if ty == "Total" {
                return TelemetryOut {
                    message_type: ty,
                    count: 0,
                    data_size: 0,
                };
            }
            let count = ((c as f64) * f * (0.8 + 0.4 * rng.unit())).round().max(1.0) as u64;
            let per = if c == 0 { 0.0 } else { size as f64 / c as f64 };
            let data_size = (per * count as f64 * (0.9 + 0.2 * rng.unit())).round() as u64;
            TelemetryOut {
                message_type: ty,
                count,
                data_size,
            }
        })
        .collect();
    let (count, size) = list.iter().fold((0, 0), |(c, s), t| (c + t.count, s + t.data_size));
    for t in &mut list {
        if t.message_type == "Total" {
            t.count = count;
            t.data_size = size;
        }
    }
    list
}
