//! The `inspector-validate` command, as a pure function of its arguments and a file reader.

use crate::ingest::{read_file, Context, Dataset, Level, LoadedFile, Options};
use crate::model::{Json, Str};
use std::fmt::Write as _;
use std::rc::Rc;

/// What the command prints and its exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

const USAGE: &str = "usage: inspector-validate [--json] [--] FILE...\n       inspector-validate --schema   (print the schema reference as Markdown)\n\n\
Validates Amazon Inspector Classic (API 2016-02-16) JSON exports against the API model.\n\
Also reads AWS IoT Device Defender `aws iot describe-audit-task` output (kind DescribeAuditTask, one record per check).\n\
Exit status: 0 = every file usable, no errors; 1 = some record has an error; 2 = some file is unusable.\n";

/// Runs the command over `args`, reading files with `read`.
pub fn run(args: &[String], read: impl Fn(&str) -> std::io::Result<Vec<u8>>) -> Outcome {
    let mut json = false;
    let mut paths = Vec::new();
    let mut options_done = false;
    for a in args {
        if options_done {
            paths.push(a.clone());
            continue;
        }
        match a.as_str() {
            "--" => options_done = true,
            "--json" => json = true,
            "--schema" => {
                return Outcome {
                    stdout: crate::schema::markdown(),
                    stderr: String::new(),
                    code: 0,
                }
            }
            "-h" | "--help" => {
                return Outcome {
                    stdout: USAGE.to_owned(),
                    stderr: String::new(),
                    code: 0,
                }
            }
            s if s.starts_with('-') && s.len() > 1 => {
                return Outcome {
                    stdout: String::new(),
                    stderr: format!("unknown option `{s}`\n{USAGE}"),
                    code: 2,
                }
            }
            s => paths.push(s.to_owned()),
        }
    }
    if paths.is_empty() {
        return Outcome {
            stdout: String::new(),
            stderr: USAGE.to_owned(),
            code: 2,
        };
    }
    let mut cx = Context::default();
    let options = Options {
        max_issues: usize::MAX,
        ..Options::default()
    };
    let files: Vec<Rc<LoadedFile>> = paths
        .iter()
        .map(|p| match read(p) {
            Ok(bytes) => Rc::new(read_file(p, bytes, &mut cx, options)),
            Err(e) => {
                let mut f = read_file(p, Vec::new(), &mut cx, options);
                if let Some(err) = f.report.error.as_mut() {
                    err.message = format!("cannot read the file: {e}");
                }
                Rc::new(f)
            }
        })
        .collect();
    let data = Dataset::merge(files);
    let unusable = data.files.iter().any(|f| !f.usable());
    let errors = (0..data.files.len()).any(|i| data.file_counts(i).0 > 0);
    let code = if unusable {
        2
    } else if errors {
        1
    } else {
        0
    };
    let stdout = if json { json_report(&data) } else { text_report(&data) };
    Outcome {
        stdout,
        stderr: String::new(),
        code,
    }
}

fn json_report(data: &Dataset) -> String {
    let files: Vec<Json> = data
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let issues: Vec<Json> = data
                .file_issues(i)
                .map(|is| {
                    Json::obj(vec![
                        ("level", Json::str(is.level.as_str())),
                        ("rule", Json::str(is.rule.as_str())),
                        ("path", Json::str(&is.path)),
                        ("line", Json::Num(Str::from(is.line.to_string()))),
                        ("column", Json::Num(Str::from(is.column.to_string()))),
                        ("message", Json::str(&is.message)),
                    ])
                })
                .collect();
            let error = match &f.report.error {
                Some(e) => Json::str(&format!("line {}, column {}: {}", e.line, e.column, e.message)),
                None => Json::Null,
            };
            Json::obj(vec![
                ("file", Json::str(&f.report.name)),
                ("kind", Json::str(f.kind_label())),
                ("records", Json::Num(Str::from(f.record_count().to_string()))),
                ("error", error),
                ("issues", Json::Arr(issues)),
            ])
        })
        .collect();
    let mut out = Json::obj(vec![("files", Json::Arr(files))]).to_pretty(2);
    out.push('\n');
    out
}

fn text_report(data: &Dataset) -> String {
    let mut out = String::new();
    for (i, f) in data.files.iter().enumerate() {
        let (errors, warnings) = data.file_counts(i);
        let _ = writeln!(
            out,
            "{}: {} ({}), {} records, {} errors, {} warnings",
            f.report.name,
            f.kind_label(),
            f.report.layout.as_str(),
            f.record_count(),
            errors,
            warnings
        );
        if let Some(e) = &f.report.error {
            let _ = writeln!(out, "  UNUSABLE at line {}, column {}: {}", e.line, e.column, e.message);
        }
        for is in data.file_issues(i) {
            let _ = writeln!(
                out,
                "  {}:{}: {} [{}] {}: {}",
                is.line,
                is.column,
                is.level.as_str(),
                is.rule,
                is.path,
                is.message
            );
        }
        if f.report.issues_not_kept > 0 {
            let _ = writeln!(out, "  … and {} more issues", f.report.issues_not_kept);
        }
    }
    let infos: usize = data.files.iter().map(|f| f.report.count_level(Level::Info)).sum();
    let _ = writeln!(
        out,
        "\n{} files, {} records read, {} shown after merging ({} identical copies collapsed, {} conflicting copies superseded), {} info notes",
        data.files.len(),
        data.records_read(),
        data.records_shown(),
        data.collapsed,
        data.superseded,
        infos
    );
    out
}
