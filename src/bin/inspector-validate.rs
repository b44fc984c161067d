//! `inspector-validate [--json] FILE...`: validate Inspector Classic exports from the command line.
//!
//! Exit status: 0 when every file is usable and has no error-level issue, 1 when some record has
//! an error, 2 when some file is unusable (or on a usage error).

use inspector_viewer::cli::{run, Outcome};
use std::io::Write as _;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Outcome { stdout, stderr, code } = run(&args, |p| std::fs::read(p));
    let _ = std::io::stdout().write_all(stdout.as_bytes());
    let _ = std::io::stderr().write_all(stderr.as_bytes());
    std::process::exit(code);
}
