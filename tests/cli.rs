//! `inspector-validate`: the pure `cli::run` and the built binary.
//!
//! Exit status 0 = every file usable and no error-level issue (warnings and info allowed),
//! 1 = some record has an error, 2 = some file is unusable, or a usage error.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inspector_viewer::cli::{run, Outcome};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs the command over in-memory files; a name not in `files` cannot be read.
fn run_on(args: &[&str], files: &[(&str, Vec<u8>)]) -> Outcome {
    let map: HashMap<String, Vec<u8>> = files.iter().map(|(n, b)| ((*n).to_owned(), b.clone())).collect();
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    run(&args, |p| {
        map.get(p)
            .cloned()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory (os error 2)"))
    })
}

fn valid() -> (&'static str, Vec<u8>) {
    ("findings.json", fixture("aws/awscli-describe-findings.json"))
}
fn warned() -> (&'static str, Vec<u8>) {
    ("old-runs.json", fixture("defects/added-later.json"))
}
fn erroneous() -> (&'static str, Vec<u8>) {
    ("enum.json", fixture("defects/enum-response.json"))
}
fn unusable() -> (&'static str, Vec<u8>) {
    ("page.json", fixture("unusable/html-error-page.json"))
}

#[test]
fn exit_0_when_every_file_is_usable_and_error_free() {
    let o = run_on(&["findings.json"], &[valid()]);
    assert_eq!(o.code, 0, "{o:?}");
    assert_eq!(o.stderr, "");
    assert!(
        o.stdout
            .starts_with("findings.json: DescribeFindings (response object), 1 records, 0 errors, 0 warnings\n"),
        "{}",
        o.stdout
    );
    // Warnings (and info) do not fail the run.
    let o = run_on(&["findings.json", "old-runs.json"], &[valid(), warned()]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert!(o
        .stdout
        .contains("old-runs.json: DescribeAssessmentRuns (response object), 1 records, 0 errors, 1 warnings"));
    assert!(o
        .stdout
        .contains("  3:5: warning [added-later] assessmentRuns[0].findingCounts: "));
}

#[test]
fn exit_1_when_a_record_has_an_error() {
    let o = run_on(&["findings.json", "enum.json"], &[valid(), erroneous()]);
    assert_eq!(o.code, 1, "{}", o.stdout);
    assert!(o
        .stdout
        .contains("enum.json: DescribeFindings (response object), 13 records, 1 errors, 0 warnings"));
    assert!(
        o.stdout
            .contains("  15:209: error [enum] findings[12].severity: expected one of `Low`, `Medium`, `High`"),
        "{}",
        o.stdout
    );
}

#[test]
fn exit_2_when_a_file_is_unusable_even_if_others_have_errors() {
    let o = run_on(&["enum.json", "page.json"], &[erroneous(), unusable()]);
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(o.stdout.contains(
        "page.json: Unknown (unknown), 0 records, 0 errors, 0 warnings\n  UNUSABLE at line 1, column 1: an HTML page"
    ));
    // A file that cannot be read at all.
    let o = run_on(&["findings.json", "missing.json"], &[valid()]);
    assert_eq!(o.code, 2);
    assert!(
        o.stdout
            .contains("missing.json: Unknown (unknown), 0 records, 0 errors, 0 warnings\n  UNUSABLE at line 1, column 1: cannot read the file: No such file or directory"),
        "{}",
        o.stdout
    );
    // The readable file is still reported in full.
    assert!(o
        .stdout
        .starts_with("findings.json: DescribeFindings (response object), 1 records, 0 errors, 0 warnings\n"));
}

#[test]
fn a_double_dash_ends_the_options() {
    let o = inspector_viewer::cli::run(&["--".to_owned(), "-weird.json".to_owned()], |p| {
        assert_eq!(p, "-weird.json");
        Ok(br#"{"findingArns":[],"nextToken":null}"#.to_vec())
    });
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(o.stdout.starts_with("-weird.json: ListFindings"), "{}", o.stdout);
}

#[test]
fn usage_errors_exit_2_with_the_usage_on_stderr() {
    let none = run_on(&[], &[]);
    assert_eq!((none.code, none.stdout.as_str()), (2, ""));
    assert!(
        none.stderr
            .starts_with("usage: inspector-validate [--json] [--] FILE..."),
        "{}",
        none.stderr
    );

    let json_only = run_on(&["--json"], &[]);
    assert_eq!((json_only.code, json_only.stdout.as_str()), (2, ""));
    assert!(json_only.stderr.starts_with("usage:"));

    let bogus = run_on(&["--bogus", "findings.json"], &[valid()]);
    assert_eq!((bogus.code, bogus.stdout.as_str()), (2, ""));
    assert!(
        bogus.stderr.starts_with("unknown option `--bogus`\nusage:"),
        "{}",
        bogus.stderr
    );

    let short = run_on(&["-x"], &[]);
    assert_eq!(short.code, 2);
    assert!(short.stderr.contains("unknown option `-x`"));

    for help in ["-h", "--help"] {
        let o = run_on(&[help], &[]);
        assert_eq!((o.code, o.stderr.as_str()), (0, ""));
        assert!(o.stdout.starts_with("usage: inspector-validate"));
        assert!(o.stdout.contains(
            "Exit status: 0 = every file usable, no errors; 1 = some record has an error; 2 = some file is unusable."
        ));
    }
    let schema = run_on(&["--schema"], &[]);
    assert_eq!(schema.code, 0);
    assert!(schema.stdout.starts_with("# Schema reference"));
    assert!(schema.stdout.contains("\n## Finding\n"));
    assert!(schema
        .stdout
        .contains("| `severity` | `Severity` | no | one of `Low`, `Medium`, `High`, `Informational`, `Undefined` |"));

    // A lone `-` is a file name (there is no stdin mode): unreadable here.
    let dash = run_on(&["-"], &[]);
    assert_eq!(dash.code, 2);
    assert!(dash.stdout.contains("-: Unknown"));
}

/// The keys of a JSON object, in order.
fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn json_output_has_exactly_the_documented_shape() {
    let o = run_on(
        &[
            "--json",
            "findings.json",
            "enum.json",
            "page.json",
            "old.json",
            "new.json",
        ],
        &[
            valid(),
            erroneous(),
            unusable(),
            ("old.json", fixture("defects/conflict-old.json")),
            ("new.json", fixture("defects/conflict-new.json")),
        ],
    );
    assert_eq!(o.code, 2);
    assert!(o.stdout.ends_with("}\n"));
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(keys(&v), ["files"]);
    let files = v["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["findings.json", "enum.json", "page.json", "old.json", "new.json"],
        "argument order"
    );
    for f in files {
        assert_eq!(keys(f), ["file", "kind", "records", "error", "issues"]);
        assert!(f["kind"].is_string());
        assert!(f["records"].is_u64());
        assert!(f["error"].is_null() || f["error"].is_string());
        for i in f["issues"].as_array().unwrap() {
            assert_eq!(keys(i), ["level", "rule", "path", "line", "column", "message"]);
            assert!(["error", "warning", "info"].contains(&i["level"].as_str().unwrap()));
            assert!(i["rule"].is_string() && i["path"].is_string() && i["message"].is_string());
            assert!(i["line"].as_u64().unwrap() >= 1 && i["column"].as_u64().unwrap() >= 1);
        }
    }
    // The values.
    assert_eq!(files[0]["kind"], "DescribeFindings");
    assert_eq!(files[0]["records"], 1);
    assert_eq!(files[0]["error"], Value::Null);
    assert_eq!(files[0]["issues"], Value::Array(vec![]));
    let enum_issue = &files[1]["issues"][0];
    assert_eq!(files[1]["records"], 13);
    assert_eq!(enum_issue["level"], "error");
    assert_eq!(enum_issue["rule"], "enum");
    assert_eq!(enum_issue["path"], "findings[12].severity");
    assert_eq!(
        (enum_issue["line"].as_u64(), enum_issue["column"].as_u64()),
        (Some(15), Some(209))
    );
    assert!(enum_issue["message"].as_str().unwrap().contains("found \"HIGH\""));
    assert_eq!(files[2]["kind"], "Unknown");
    assert_eq!(files[2]["records"], 0);
    let err = files[2]["error"].as_str().unwrap();
    assert!(err.starts_with("line 1, column 1: an HTML page"), "{err}");
    // Merge issues are listed with the file they were found in.
    assert_eq!(files[3]["issues"], Value::Array(vec![]));
    let conflict = files[4]["issues"].as_array().unwrap();
    assert_eq!(conflict.len(), 1);
    assert_eq!(conflict[0]["rule"], "conflict");
    assert_eq!(conflict[0]["level"], "warning");
    assert_eq!(conflict[0]["path"], "findings[1]");
    assert_eq!(
        (conflict[0]["line"].as_u64(), conflict[0]["column"].as_u64()),
        (Some(4), Some(5))
    );
}

#[test]
fn text_report_groups_issues_under_their_file() {
    let o = run_on(
        &["enum.json", "timestamps.json", "page.json"],
        &[
            erroneous(),
            ("timestamps.json", fixture("defects/timestamp.json")),
            unusable(),
        ],
    );
    let lines: Vec<&str> = o.stdout.lines().collect();
    let header = |name: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no header for {name}:\n{}", o.stdout))
    };
    let (a, b, c) = (header("enum.json"), header("timestamps.json"), header("page.json"));
    assert!(a < b && b < c);
    // Each file's issue lines follow its header, indented, before the next header.
    assert_eq!(&lines[a + 1..b], ["  15:209: error [enum] findings[12].severity: expected one of `Low`, `Medium`, `High`, `Informational`, `Undefined` for `Severity`, found \"HIGH\" (the model spells it `High`)"]);
    let ts: Vec<&str> = lines[b + 1..c].to_vec();
    assert_eq!(ts.len(), 4, "{ts:?}");
    assert!(ts[0].starts_with("  3:155: error [timestamp] findings[0].createdAt: `yesterday`"));
    assert!(ts[1].starts_with("  4:182: warning [timestamp] findings[1].updatedAt:"));
    assert!(ts[2].starts_with("  5:155: warning [timestamp] findings[2].createdAt:"));
    assert!(ts[3].starts_with("  6:155: error [timestamp] findings[3].createdAt:"));
    assert!(lines[b].ends_with("4 records, 2 errors, 2 warnings"), "{}", lines[b]);
    assert!(lines[c + 1].starts_with("  UNUSABLE at line 1, column 1: "));
    // The summary: 3 files, 17 records read and shown, no copies.
    assert_eq!(
        lines.last().copied(),
        Some("3 files, 17 records read, 17 shown after merging (0 identical copies collapsed, 0 conflicting copies superseded), 0 info notes")
    );
    assert_eq!(lines[lines.len() - 2], "", "a blank line before the summary");
}

// ---- the built binary ------------------------------------------------------------------------

/// A fresh directory for this test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("inspector-validate-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, (name, bytes): (&str, Vec<u8>)) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn binary(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_inspector-validate"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().expect("exited with a status"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `cli::run` over the real file system, for comparison with the binary.
fn run_fs(args: &[&str]) -> Outcome {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    run(&args, |p| std::fs::read(p))
}

#[test]
fn the_binary_exits_0_1_2_and_prints_what_run_returns() {
    let dir = scratch("codes");
    let ok = write(&dir, valid());
    let warn = write(&dir, warned());
    let bad = write(&dir, erroneous());
    let broken = write(&dir, unusable());
    let missing = dir.join("missing.json").display().to_string();
    for (args, code) in [
        (vec![ok.as_str()], 0),
        (vec![ok.as_str(), warn.as_str()], 0),
        (vec![ok.as_str(), bad.as_str()], 1),
        (vec![bad.as_str(), broken.as_str()], 2),
        (vec![ok.as_str(), missing.as_str()], 2),
        (vec!["--json", bad.as_str()], 1),
        (vec!["--json", ok.as_str(), broken.as_str()], 2),
    ] {
        let (status, stdout, stderr) = binary(&args);
        let expected = run_fs(&args);
        assert_eq!(status, code, "{args:?}\n{stdout}");
        assert_eq!(expected.code, code, "{args:?}");
        assert_eq!(stdout, expected.stdout, "{args:?}");
        assert_eq!(stderr, "", "{args:?}");
    }
    let (_, stdout, _) = binary(&[ok.as_str(), missing.as_str()]);
    assert!(
        stdout.contains("UNUSABLE at line 1, column 1: cannot read the file: "),
        "{stdout}"
    );
    let (_, stdout, _) = binary(&["--json", bad.as_str()]);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["files"][0]["file"], bad.as_str());
    assert_eq!(v["files"][0]["issues"][0]["path"], "findings[12].severity");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_binary_reports_usage_errors_on_stderr() {
    let (code, stdout, stderr) = binary(&[]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.starts_with("usage: inspector-validate"));
    let (code, stdout, stderr) = binary(&["--nope"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.starts_with("unknown option `--nope`"));
    let (code, stdout, stderr) = binary(&["--help"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(stdout.starts_with("usage: inspector-validate"));
}
