//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use inspector_viewer::generate::{Format, GenConfig, Layout, TimestampStyle};

/// `n` generated findings as one CLI v2 `describe-findings` response (runs, packages,
/// instances, severities and times as in real exports; many findings per instance).
pub fn generated_findings(n: u64, pretty: bool) -> Vec<u8> {
    generated_in(n, pretty, Layout::Single)
}

/// `n` generated findings in `layout` (`Single` or `Responses`: one file either way).
pub fn generated_in(n: u64, pretty: bool, layout: Layout) -> Vec<u8> {
    let cfg = GenConfig::default()
        .with_findings(n)
        .with_format(Format::new(TimestampStyle::CliV2).with_pretty(pretty))
        .with_layout(layout);
    let mut bytes = Vec::new();
    cfg.build()
        .unwrap()
        .write_findings(&mut bytes, layout, cfg.format)
        .unwrap();
    bytes
}
