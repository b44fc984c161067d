//! The bundled sample set (`static/samples/`): one account in us-east-1, 25 instances,
//! three targets/templates, seven runs between February and April 2019 (one
//! COMPLETED_WITH_ERRORS, one FAILED), about 1,500 findings from all five rules packages,
//! split into `describe-findings` files of 100 like a real archive, with CLI v1, CLI v2 and
//! boto3 timestamp styles mixed across files.

use super::catalog::RulesPackage;
use super::emit::{write_file, OutputFile};
use super::json::write_value;
use super::rng::Key;
use super::time::epoch_ms_utc;
use super::world::{derived_account, Dataset, InstanceSpec, RunSpec, RunState, Spec, TargetSpec, TemplateSpec};
use super::{Format, TimestampStyle};
use serde::Serialize;
use std::io;
use std::path::Path;

/// Seed of the bundled sample set.
pub const SAMPLE_SEED: u64 = 20_190_205;

/// Role indices into `catalog::ROLES`.
const WEB: usize = 0;
const API: usize = 1;
const WORKER: usize = 2;
const DB: usize = 3;
const PG: usize = 4;
const CACHE: usize = 5;
const BASTION: usize = 6;
const JENKINS: usize = 7;
const ELK: usize = 8;
const MAIL: usize = 9;
const FTP: usize = 10;

fn inst(role: usize, env: &'static str) -> InstanceSpec {
    InstanceSpec {
        account: 0,
        role,
        env,
        has_agent: true,
        unsupported: false,
        named: true,
    }
}

fn sample_spec() -> Spec {
    let key = Key::new(SAMPLE_SEED);
    let mut instances = vec![
        // Production web tier (target 0)
        inst(WEB, "prod"),
        inst(WEB, "prod"),
        inst(WEB, "prod"),
        inst(WEB, "prod"),
        inst(WEB, "prod"),
        inst(BASTION, "prod"),
        inst(MAIL, "prod"),
        inst(FTP, "prod"),
        inst(WEB, "staging"),
        // Internal services (target 1)
        inst(API, "prod"),
        inst(API, "prod"),
        inst(API, "prod"),
        inst(API, "prod"),
        inst(WORKER, "prod"),
        inst(WORKER, "prod"),
        inst(WORKER, "prod"),
        inst(DB, "prod"),
        inst(PG, "prod"),
        inst(CACHE, "prod"),
        inst(JENKINS, "prod"),
        inst(ELK, "prod"),
        inst(API, "staging"),
        // Only in "All instances": no Inspector agent installed.
        inst(WEB, "staging"),
        inst(WORKER, "prod"),
        inst(API, "prod"),
    ];
    for i in [22, 23, 24] {
        instances[i].has_agent = false;
    }
    instances[15].unsupported = true;
    instances[13].named = false;
    instances[23].named = false;

    let d = |m: u32, day: u32, h: u32, mi: u32, s: u32, ms: i64| epoch_ms_utc(2019, m, day, h, mi, s) + ms;
    let targets = vec![
        TargetSpec {
            account: 0,
            name: "Production web tier".into(),
            rg_tags: Some(vec![("InspectorGroup".into(), "web-tier".into())]),
            members: (0..=8).collect(),
            created_ms: d(1, 28, 9, 55, 2, 118),
            updated_ms: d(1, 28, 9, 55, 2, 118),
        },
        TargetSpec {
            account: 0,
            name: "Internal services".into(),
            rg_tags: Some(vec![("InspectorGroup".into(), "internal".into())]),
            members: (9..=21).collect(),
            created_ms: d(1, 28, 10, 3, 41, 907),
            updated_ms: d(2, 11, 16, 20, 13, 250),
        },
        TargetSpec {
            account: 0,
            name: "All instances".into(),
            rg_tags: None,
            members: (0..25).collect(),
            created_ms: d(3, 18, 15, 47, 9, 31),
            updated_ms: d(3, 18, 15, 47, 9, 31),
        },
    ];
    let templates = vec![
        TemplateSpec {
            target: 0,
            name: "Prod-Web-AllRules".into(),
            packages: RulesPackage::ALL.to_vec(),
            user_attrs: vec![("Owner".into(), "web-platform".into())],
            sns: true,
            duration: 3600,
            created_ms: d(1, 28, 10, 12, 30, 455),
        },
        TemplateSpec {
            target: 1,
            name: "Internal-Services-Weekly".into(),
            packages: vec![RulesPackage::Cve, RulesPackage::Cis, RulesPackage::Sbp],
            user_attrs: Vec::new(),
            sns: true,
            duration: 3600,
            created_ms: d(1, 28, 10, 15, 2, 80),
        },
        TemplateSpec {
            target: 2,
            name: "All-Instances-Network-Reachability".into(),
            packages: vec![RulesPackage::Nr],
            user_attrs: vec![("Team".into(), "secops".into()), ("Ticket".into(), "SEC-1042".into())],
            sns: false,
            duration: 3600,
            created_ms: d(3, 18, 15, 49, 51, 602),
        },
    ];
    let run = |template, state, created_ms, findings| RunSpec {
        template,
        state,
        created_ms,
        findings,
    };
    let runs = vec![
        run(0, RunState::Completed, d(2, 5, 14, 2, 11, 343), Some(320)),
        run(1, RunState::Completed, d(2, 12, 9, 31, 40, 35), Some(260)),
        run(0, RunState::CompletedWithErrors, d(2, 26, 14, 4, 52, 610), Some(280)),
        run(1, RunState::Failed, d(3, 12, 9, 30, 5, 972), Some(0)),
        run(2, RunState::Completed, d(3, 19, 16, 10, 27, 208), None),
        run(1, RunState::Completed, d(4, 9, 9, 33, 18, 517), Some(250)),
        run(0, RunState::Completed, d(4, 23, 14, 1, 37, 94), Some(330)),
    ];
    Spec {
        seed: SAMPLE_SEED,
        region: "us-east-1".into(),
        accounts: vec![derived_account(key, 0)],
        instances,
        targets,
        templates,
        runs,
    }
}

/// The dataset behind the bundled samples.
pub fn sample_dataset() -> io::Result<Dataset> {
    Dataset::from_spec(&sample_spec())
}

/// Timestamp style of each run's `describe-findings` files (as if exported by different
/// people/tools): runs 1–3 with CLI v1, run 5 with CLI v2 in New York (EDT), run 6 with a
/// boto3 script in Berlin (CEST), run 7 with CLI v2 in New York.
fn run_format(run: usize) -> Format {
    match run {
        4 => Format::new(TimestampStyle::CliV2).with_offset(-240),
        5 => Format::new(TimestampStyle::Boto3Str).with_offset(120),
        6 => Format::new(TimestampStyle::CliV2).with_offset(-240),
        _ => Format::new(TimestampStyle::CliV1),
    }
}

#[derive(Serialize)]
struct Index<'a> {
    files: Vec<&'a str>,
}

/// Write the sample set and `index.json` into `dir`. Returns every file written
/// (`index.json` last).
pub fn write_samples(dir: &Path) -> io::Result<Vec<OutputFile>> {
    let ds = sample_dataset()?;
    let v1 = Format::new(TimestampStyle::CliV1);
    let v2 = Format::new(TimestampStyle::CliV2).with_offset(-240);
    let latest = ds.run_count().saturating_sub(1);
    let mut files = vec![
        write_file(&dir.join("describe-assessment-runs.json"), |w| {
            ds.write_describe_assessment_runs(w, v2)
        })?,
        write_file(&dir.join("describe-assessment-templates.json"), |w| {
            ds.write_describe_assessment_templates(w, v1)
        })?,
        write_file(&dir.join("describe-assessment-targets.json"), |w| {
            ds.write_describe_assessment_targets(w, v1)
        })?,
        write_file(&dir.join("describe-resource-groups.json"), |w| {
            ds.write_describe_resource_groups(w, v1)
        })?,
        write_file(&dir.join("describe-rules-packages.json"), |w| {
            ds.write_describe_rules_packages(w, v1)
        })?,
        write_file(
            &dir.join(format!("list-assessment-run-agents-run{}.json", latest + 1)),
            |w| ds.write_list_assessment_run_agents(w, latest, v2),
        )?,
        write_file(&dir.join(format!("list-findings-run{}.json", latest + 1)), |w| {
            ds.write_list_findings(w, latest, v2)
        })?,
    ];
    for (ri, info) in ds.runs().iter().enumerate() {
        let fmt = run_format(ri);
        let mut start = 0;
        let mut part = 1;
        while start < info.findings {
            let end = (start + 100).min(info.findings);
            let name = format!("describe-findings-run{}-part{part:02}.json", ri + 1);
            files.push(write_file(&dir.join(name), |w| {
                ds.write_describe_findings(w, ri, start..end, fmt)
            })?);
            start = end;
            part += 1;
        }
    }
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let index = Index {
        files: names.iter().map(String::as_str).collect(),
    };
    let idx = write_file(&dir.join("index.json"), |w| {
        write_value(w, &index, 0, true)?;
        w.write_all(b"\n")?;
        Ok(index.files.len() as u64)
    })?;
    files.push(idx);
    Ok(files)
}
