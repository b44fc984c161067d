//! `docs/schema.md` is generated from the schema data: this test fails when they disagree.
//! Regenerate with `UPDATE_DOCS=1 cargo test --test schema_doc` (or `inspector-validate --schema`).

use inspector_viewer::schema::{markdown, DocKind};

#[test]
fn docs_schema_md_is_the_generated_reference() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema.md");
    let generated = markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/schema.md is stale: run `UPDATE_DOCS=1 cargo test --test schema_doc`"
    );
}

#[test]
fn the_reference_covers_every_output_and_the_history() {
    let md = markdown();
    for k in DocKind::ALL {
        assert!(md.contains(&format!("## {}", k.response().name)), "{k:?}");
    }
    for shape in [
        "Finding",
        "AssessmentRun",
        "AssetAttributes",
        "NetworkInterface",
        "FailedItemDetails",
        "TelemetryMetadata",
    ] {
        assert!(md.contains(&format!("\n## {shape}\n")), "{shape}");
    }
    assert!(md.contains("| `findingCounts` | `AssessmentRunFindingCounts` | since 2017-05-16"));
    assert!(md.contains("| `numericSeverity` | `NumericSeverity` | no | number 0.0..10.0 |"));
    assert!(md.contains("one of `Low`, `Medium`, `High`, `Informational`, `Undefined`"));
}
