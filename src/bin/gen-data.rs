//! `gen-data`: write the bundled sample set or benchmark/test data.
//!
//! ```text
//! gen-data samples <outdir>
//! gen-data findings --count N --out <path|dir|-> [--style cli-v1|cli-v2|boto3-str|js-z|epoch-string]
//!                   [--pretty|--compact] [--layout single|split:N|responses[:N]|bare|jsonl]
//!                   [--seed S] [--runs R] [--templates T] [--instances I] [--region R]
//!                   [--accounts A,B] [--offset MINUTES] [--metadata]
//! ```
//! Exit codes: 0 ok, 1 I/O error, 2 usage error.

use inspector_viewer::generate::{write_samples, Dataset, GenConfig, Layout, OutputFile, TimestampStyle};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  gen-data samples <outdir>
  gen-data findings --count N --out <path|dir|-> [options]

findings options:
  --count N          total findings over all runs (required)
  --out PATH         output file, directory (split layout, --metadata) or - for stdout (required)
  --style S          cli-v1 (default), cli-v2, boto3-str, js-z, epoch-string
  --offset MIN       local UTC offset in minutes for cli-v2 / boto3-str (default 0)
  --pretty           4-space indent like the AWS CLI (default)
  --compact          no whitespace
  --layout L         single (default), split:N, responses[:N], bare, jsonl
  --seed S           seed (default 1)
  --runs R           assessment runs (default 6)
  --templates T      assessment templates (default 3)
  --instances I      EC2 instances (default: about one per 40 findings per run)
  --region R         region with published rules packages (default us-east-1)
  --accounts A,B     12-digit account IDs (default: one derived from the seed)
  --metadata         also write describe-assessment-runs/templates/targets/... next to the findings

exit codes: 0 ok, 1 I/O error, 2 usage error";

enum Failure {
    Usage(String),
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::InvalidInput {
            Failure::Usage(e.to_string())
        } else {
            Failure::Io(e)
        }
    }
}

fn usage(msg: impl Into<String>) -> Failure {
    Failure::Usage(msg.into())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("gen-data: {m}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) => {
            eprintln!("gen-data: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    match args.first().map(String::as_str) {
        Some("samples") => {
            let [_, dir] = args else {
                return Err(usage("samples takes exactly one argument: the output directory"));
            };
            let t0 = Instant::now();
            let files = write_samples(Path::new(dir))?;
            report(&files, t0);
            Ok(())
        }
        Some("findings") => findings(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(usage(format!("unknown command {other:?}"))),
        None => Err(usage("missing command")),
    }
}

fn parse_num<T: std::str::FromStr>(flag: &str, v: Option<&String>) -> Result<T, Failure> {
    let v = v.ok_or_else(|| usage(format!("{flag} needs a value")))?;
    v.parse::<T>()
        .map_err(|_| usage(format!("{flag}: invalid number {v:?}")))
}

fn findings(args: &[String]) -> Result<(), Failure> {
    let mut cfg = GenConfig::default().with_seed(1);
    let mut count: Option<u64> = None;
    let mut out: Option<PathBuf> = None;
    let mut metadata = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--count" => count = Some(parse_num("--count", it.next())?),
            "--out" => out = Some(PathBuf::from(it.next().ok_or_else(|| usage("--out needs a value"))?)),
            "--style" => {
                let v = it.next().ok_or_else(|| usage("--style needs a value"))?;
                let s = TimestampStyle::parse(v).ok_or_else(|| usage(format!("unknown style {v:?}")))?;
                cfg = cfg.with_style(s);
            }
            "--offset" => cfg = cfg.with_utc_offset_minutes(parse_num("--offset", it.next())?),
            "--pretty" => cfg = cfg.with_pretty(true),
            "--compact" => cfg = cfg.with_pretty(false),
            "--layout" => {
                let v = it.next().ok_or_else(|| usage("--layout needs a value"))?;
                let l = Layout::parse(v).ok_or_else(|| usage(format!("unknown layout {v:?}")))?;
                cfg = cfg.with_layout(l);
            }
            "--seed" => cfg = cfg.with_seed(parse_num("--seed", it.next())?),
            "--runs" => cfg = cfg.with_runs(parse_num("--runs", it.next())?),
            "--templates" => cfg = cfg.with_templates(parse_num("--templates", it.next())?),
            "--instances" => cfg = cfg.with_instances(parse_num("--instances", it.next())?),
            "--region" => {
                let v = it.next().ok_or_else(|| usage("--region needs a value"))?;
                cfg = cfg.with_region(v);
            }
            "--accounts" => {
                let v = it.next().ok_or_else(|| usage("--accounts needs a value"))?;
                let ids: Vec<&str> = v.split(',').filter(|s| !s.is_empty()).collect();
                cfg = cfg.with_accounts(&ids);
            }
            "--metadata" => metadata = true,
            other => return Err(usage(format!("unknown option {other:?}"))),
        }
    }
    let count = count.ok_or_else(|| usage("--count is required"))?;
    let out = out.ok_or_else(|| usage("--out is required"))?;
    cfg = cfg.with_findings(count);
    let to_stdout = out.as_os_str() == "-";
    if to_stdout && (cfg.layout.is_multi_file() || metadata) {
        return Err(usage("--out - cannot be used with the split layout or --metadata"));
    }
    let t0 = Instant::now();
    let ds = Dataset::new(&cfg)?;
    if to_stdout {
        let stdout = io::stdout();
        let mut w = io::BufWriter::with_capacity(1 << 16, stdout.lock());
        ds.write_findings(&mut w, cfg.layout, cfg.format)?;
        w.flush()?;
        return Ok(());
    }
    let mut files = Vec::new();
    if metadata {
        let dir = if cfg.layout.is_multi_file() {
            out.clone()
        } else {
            out.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        files.extend(ds.write_metadata_to(&dir, cfg.format)?);
    }
    files.extend(ds.write_findings_to(&out, cfg.layout, cfg.format)?);
    report(&files, t0);
    Ok(())
}

fn report(files: &[OutputFile], t0: Instant) {
    let secs = t0.elapsed().as_secs_f64();
    let bytes: u64 = files.iter().map(|f| f.bytes).sum();
    let mb = bytes as f64 / 1_000_000.0;
    eprintln!(
        "gen-data: wrote {} file(s), {:.2} MB in {:.2} s ({:.0} MB/s)",
        files.len(),
        mb,
        secs,
        if secs > 0.0 { mb / secs } else { 0.0 }
    );
}
