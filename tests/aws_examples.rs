//! AWS's own published example outputs load, with exactly the issues the model's history predicts.

use inspector_viewer::ingest::{read_file, Context, Level, LoadedFile, Options, Rule};
use std::path::Path;

fn load(name: &str) -> LoadedFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/aws")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_file(name, bytes, &mut Context::default(), Options::default())
}

fn summary(f: &LoadedFile) -> Vec<(Level, Rule, String)> {
    f.report
        .issues
        .iter()
        .map(|i| (i.level, i.rule, i.path.clone()))
        .collect()
}

fn all_fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aws");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn every_example_is_usable_and_keeps_every_record() {
    let names = all_fixtures();
    assert_eq!(names.len(), 20);
    for name in names {
        let f = load(&name);
        assert!(f.usable(), "{name}: {:?}", f.report.error);
        assert!(f.record_count() > 0, "{name} has no records");
        assert_ne!(f.kind_label(), "Unknown", "{name}");
        assert_ne!(f.kind_label(), "Mixed", "{name}");
    }
}

#[test]
fn kinds_are_recognised_from_content() {
    for name in all_fixtures() {
        let f = load(&name);
        let stem = name
            .trim_start_matches("botocore-")
            .trim_start_matches("awscli-")
            .trim_start_matches("reconstructed-");
        let expected: String = stem
            .trim_end_matches(".json")
            .trim_end_matches("-network-reachability")
            .split('-')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(f.kind_label(), expected, "{name}");
    }
}

#[test]
fn only_the_predicted_issues_appear() {
    for name in all_fixtures() {
        let f = load(&name);
        let got = summary(&f);
        let want: Vec<(Level, Rule, String)> = match name.as_str() {
            "awscli-describe-assessment-runs.json" => {
                vec![(
                    Level::Warning,
                    Rule::AddedLater,
                    "assessmentRuns[0].findingCounts".into(),
                )]
            }
            "awscli-describe-assessment-templates.json" => {
                vec![(
                    Level::Warning,
                    Rule::AddedLater,
                    "assessmentTemplates[0].assessmentRunCount".into(),
                )]
            }
            "awscli-list-assessment-run-agents.json" => {
                vec![(
                    Level::Error,
                    Rule::Enum,
                    "assessmentRunAgents[0].agentHealthCode".into(),
                )]
            }
            "reconstructed-describe-findings-network-reachability.json" => {
                vec![(Level::Info, Rule::UnknownField, "_NOTE".into())]
            }
            _ => vec![],
        };
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn issues_carry_line_column_and_expected_vs_found() {
    let f = load("awscli-list-assessment-run-agents.json");
    let issue = &f.report.issues[0];
    assert_eq!((issue.line, issue.column), (5, 26));
    assert!(issue.message.contains("\"HEALTHY\""), "{}", issue.message);
    assert!(issue.message.contains("`RUNNING`"), "{}", issue.message);
    assert_eq!(issue.record_arn.as_deref(), Some("i-49113b93"));
    let runs = load("awscli-describe-assessment-runs.json");
    let warn = &runs.report.issues[0];
    assert!(warn.message.contains("2017-05-16"), "{}", warn.message);
}

#[test]
fn typed_records_hold_the_example_values() {
    let f = load("awscli-describe-findings.json");
    let finding = &f.records.findings[0].rec;
    assert_eq!(finding.title.as_deref(), Some("No potential security issues found"));
    assert_eq!(
        finding.severity_level(),
        Some(inspector_viewer::model::Severity::Informational)
    );
    assert_eq!(
        finding.created_at.map(|t| t.to_iso_utc()).as_deref(),
        Some("2016-03-22T20:58:21.370Z")
    );
    let run = load("botocore-describe-assessment-runs.json");
    let r = &run.records.runs[0].rec;
    assert_eq!(r.state_changes.as_ref().map(Vec::len), Some(8));
    assert_eq!(r.finding_counts.as_ref().map(|c| c.total()), Some(16));
    assert_eq!(
        r.completed_at.map(|t| t.to_iso_utc()).as_deref(),
        Some("2016-03-22T20:58:21.400Z")
    );
    let nr = load("reconstructed-describe-findings-network-reachability.json");
    let f = &nr.records.findings[0].rec;
    assert_eq!(f.instance_name().map(|s| &**s), Some("kubectl"));
    assert_eq!(f.attribute("PORT").map(|s| &**s), Some("22"));
}
