//! Exports of the current view: CSV (all fields, or the visible table columns) and a
//! `DescribeFindings`-shaped JSON document. Pure text builders; the UI only downloads them.
//!
//! CSV follows RFC 4180 (comma separated, CRLF line ends, fields with `,` `"` CR or LF quoted,
//! quotes doubled), starts with a UTF-8 byte-order mark so Excel reads it as UTF-8, and is
//! **formula-safe**: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`
//! (OWASP's "CSV injection" advice), so a spreadsheet shows the text instead of running it.
//! Plain numbers such as `-1.5` are left alone: they are not formulas.

use super::index::Column;
use crate::ingest::Dataset;
use crate::model::{Attribute, FieldValue, Finding, Json, Str};

/// The byte-order mark that starts every CSV export.
pub const BOM: char = '\u{feff}';

/// One CSV column of a findings export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Arn,
    Severity,
    NumericSeverity,
    Title,
    RuleId,
    /// The rules package's name (its ARN when the name is unknown), as the table shows it.
    PackageName,
    PackageArn,
    /// The run's name (its ARN when no loaded file names it), as the table shows it.
    RunName,
    RunArn,
    InstanceId,
    NameTag,
    Hostname,
    /// Every IPv4 address of the instance (`ipv4Addresses`, then network interfaces), `; `-joined.
    Ips,
    AutoScalingGroup,
    AmiId,
    /// `createdAt`, ISO 8601 UTC.
    Created,
    /// `updatedAt`, ISO 8601 UTC.
    Updated,
    Description,
    Recommendation,
    /// `KEY=value; KEY=value`.
    Attributes,
    UserAttributes,
    /// The table's instance cell: `i-… (Name tag)`, else the hostname.
    Instance,
    /// The table's IP cell: the first address.
    FirstIp,
}

impl Field {
    /// The "all columns" export.
    pub const ALL: [Field; 21] = [
        Field::Arn,
        Field::Severity,
        Field::NumericSeverity,
        Field::Title,
        Field::RuleId,
        Field::PackageName,
        Field::PackageArn,
        Field::RunName,
        Field::RunArn,
        Field::InstanceId,
        Field::NameTag,
        Field::Hostname,
        Field::Ips,
        Field::AutoScalingGroup,
        Field::AmiId,
        Field::Created,
        Field::Updated,
        Field::Description,
        Field::Recommendation,
        Field::Attributes,
        Field::UserAttributes,
    ];

    /// The CSV column of a findings-table column.
    pub fn of_column(c: Column) -> Field {
        match c {
            Column::Severity => Field::Severity,
            Column::Title => Field::Title,
            Column::RuleId => Field::RuleId,
            Column::Package => Field::PackageName,
            Column::Instance => Field::Instance,
            Column::Ip => Field::FirstIp,
            Column::Run => Field::RunName,
            Column::Created => Field::Created,
        }
    }

    /// The CSV columns of the visible table columns, in table order.
    pub fn of_columns(cs: &[Column]) -> Vec<Field> {
        cs.iter().map(|c| Field::of_column(*c)).collect()
    }

    /// Header text.
    pub fn label(self) -> &'static str {
        match self {
            Field::Arn => "ARN",
            Field::Severity => "Severity",
            Field::NumericSeverity => "Numeric severity",
            Field::Title => "Title",
            Field::RuleId => "Rule ID",
            Field::PackageName => "Rules package",
            Field::PackageArn => "Rules package ARN",
            Field::RunName => "Run",
            Field::RunArn => "Run ARN",
            Field::InstanceId => "Instance ID",
            Field::NameTag => "Name tag",
            Field::Hostname => "Hostname",
            Field::Ips => "IP addresses",
            Field::AutoScalingGroup => "Auto Scaling group",
            Field::AmiId => "AMI ID",
            Field::Created => "Created (UTC)",
            Field::Updated => "Updated (UTC)",
            Field::Description => "Description",
            Field::Recommendation => "Recommendation",
            Field::Attributes => "Attributes",
            Field::UserAttributes => "User attributes",
            Field::Instance => "Instance",
            Field::FirstIp => "IP",
        }
    }

    /// The text of this column for one finding.
    pub fn value(self, f: &Finding, data: &Dataset) -> String {
        let s = |v: Option<&Str>| v.map_or_else(String::new, ToString::to_string);
        let aa = f.asset_attributes.as_deref();
        match self {
            Field::Arn => s(f.arn.as_ref()),
            Field::Severity => s(f.severity.as_ref()),
            Field::NumericSeverity => match f.numeric_severity.map(|x| x.write()) {
                Some(Json::Num(n)) => n.to_string(),
                _ => String::new(),
            },
            Field::Title => s(f.title.as_ref()),
            Field::RuleId => s(f.id.as_ref()),
            Field::PackageName => f
                .rules_package_arn()
                .map(|arn| data.package_name(arn).unwrap_or_else(|| arn.clone()))
                .map_or_else(String::new, |n| n.to_string()),
            Field::PackageArn => s(f.rules_package_arn()),
            Field::RunName => f
                .run_arn()
                .map(|arn| {
                    data.run(arn)
                        .and_then(|r| r.rec.name.clone())
                        .unwrap_or_else(|| arn.clone())
                })
                .map_or_else(String::new, |n| n.to_string()),
            Field::RunArn => s(f.run_arn()),
            Field::InstanceId => s(f.instance_id()),
            Field::NameTag => s(f.instance_name()),
            Field::Hostname => s(aa.and_then(|a| a.hostname.as_ref())),
            Field::Ips => ips(f).join("; "),
            Field::AutoScalingGroup => s(aa.and_then(|a| a.auto_scaling_group.as_ref())),
            Field::AmiId => s(aa.and_then(|a| a.ami_id.as_ref())),
            Field::Created => f.created_at.map(|t| t.to_iso_utc()).unwrap_or_default(),
            Field::Updated => f.updated_at.map(|t| t.to_iso_utc()).unwrap_or_default(),
            Field::Description => s(f.description.as_ref()),
            Field::Recommendation => s(f.recommendation.as_ref()),
            Field::Attributes => pairs(f.attributes.as_deref()),
            Field::UserAttributes => pairs(f.user_attributes.as_deref()),
            Field::Instance => match (f.instance_id(), f.instance_name()) {
                (Some(id), Some(name)) => format!("{id} ({name})"),
                (Some(id), None) => id.to_string(),
                (None, _) => s(aa.and_then(|a| a.hostname.as_ref())),
            },
            Field::FirstIp => s(f.first_ip()),
        }
    }
}

/// Every IP address of a finding's instance, without repeats, in the order the file has them.
fn ips(f: &Finding) -> Vec<&str> {
    let Some(aa) = f.asset_attributes.as_deref() else {
        return Vec::new();
    };
    let interfaces = aa
        .network_interfaces
        .as_deref()
        .unwrap_or_default()
        .iter()
        .flat_map(|n| {
            n.private_ip_address
                .iter()
                .chain(
                    n.private_ip_addresses
                        .as_deref()
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|p| p.private_ip_address.as_ref()),
                )
                .chain(n.public_ip.iter())
        });
    let mut out: Vec<&str> = Vec::new();
    for ip in aa
        .ipv4_addresses
        .as_deref()
        .unwrap_or_default()
        .iter()
        .chain(interfaces)
    {
        if !ip.is_empty() && !out.contains(&&**ip) {
            out.push(ip);
        }
    }
    out
}

/// `KEY=value; KEY=value` (a key without a value is written alone).
fn pairs(attrs: Option<&[Attribute]>) -> String {
    attrs
        .unwrap_or_default()
        .iter()
        .map(|a| {
            let k = a.key.as_deref().unwrap_or("");
            match a.value.as_deref() {
                Some(v) => format!("{k}={v}"),
                None => k.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether `s` is a plain decimal number (`42`, `-1.5`), which no spreadsheet runs as a formula.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a spreadsheet could take the text as a formula (OWASP's list of leading characters).
pub fn is_formula_like(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r')) && !is_plain_number(s)
}

/// One CSV field: neutralised if formula-like (a leading `'`), then quoted per RFC 4180 when it
/// holds a comma, quote, CR or LF, or has a leading `'` that was added.
pub fn csv_cell(s: &str) -> String {
    let neutral = is_formula_like(s);
    let quote = neutral || s.contains([',', '"', '\r', '\n']);
    let mut out = String::with_capacity(s.len() + 4);
    if quote {
        out.push('"');
    }
    if neutral {
        out.push('\'');
    }
    if quote {
        for c in s.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(s);
    }
    out
}

/// Appends one CSV record (cells joined by commas) and its CRLF.
pub fn push_csv_line<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_cell(c.as_ref()));
    }
    out.push_str("\r\n");
}

/// The findings `rows` (indices into `data.findings`, in display order) as CSV with the given
/// columns: BOM, a header line, one line per finding.
pub fn csv(data: &Dataset, rows: &[u32], columns: &[Field]) -> String {
    let mut out = String::with_capacity(64 + rows.len() * columns.len() * 24);
    out.push(BOM);
    push_csv_line(&mut out, columns.iter().map(|c| c.label()));
    for &i in rows {
        let Some(m) = data.findings.get(i as usize) else {
            continue;
        };
        push_csv_line(&mut out, columns.iter().map(|c| c.value(&m.rec, data)));
    }
    out
}

/// The findings `rows` as one `DescribeFindings` response (`{"findings": […], "failedItems": {}}`),
/// each finding written back with [`FieldValue::write`] (members kept verbatim included), indented
/// by 4 like the AWS CLI.
pub fn describe_findings_json(data: &Dataset, rows: &[u32]) -> String {
    let findings: Vec<Json> = rows
        .iter()
        .filter_map(|&i| data.findings.get(i as usize))
        .map(|m| m.rec.write())
        .collect();
    let doc = Json::obj(vec![
        ("findings", Json::Arr(findings)),
        ("failedItems", Json::Obj(Vec::new())),
    ]);
    let mut text = doc.to_pretty(4);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::ingest::{read_file, Context, Level, LoadedFile, Options};
    use crate::query::{Filters, FindingIndex, Sort};
    use std::rc::Rc;

    fn load(name: &str, text: &str) -> LoadedFile {
        read_file(
            name,
            text.as_bytes().to_vec(),
            &mut Context::default(),
            Options::default(),
        )
    }

    fn dataset(files: Vec<LoadedFile>) -> Dataset {
        Dataset::merge(files.into_iter().map(Rc::new).collect())
    }

    /// A minimal RFC 4180 reader (quotes, doubled quotes, CRLF inside quotes), for round trips.
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut cell = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        cell.push('"');
                        chars.next();
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.push(c);
                }
                continue;
            }
            match c {
                '"' => quoted = true,
                ',' => row.push(std::mem::take(&mut cell)),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                c => cell.push(c),
            }
        }
        if !cell.is_empty() || !row.is_empty() {
            row.push(cell);
            rows.push(row);
        }
        rows
    }

    fn finding(arn: &str, title: &str, sev: &str, extra: &str) -> String {
        format!(
            r#"{{"arn":"{arn}","schemaVersion":1,"service":"Inspector",
            "serviceAttributes":{{"schemaVersion":1,"assessmentRunArn":"arn:aws:inspector:us-east-1:123456789012:target/0-t/template/0-p/run/0-r","rulesPackageArn":"arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7"}},
            "assetType":"ec2-instance","assetAttributes":{{"schemaVersion":1,"agentId":"i-0123456789abcdef0","hostname":"h.example","ipv4Addresses":["10.0.0.1","10.0.0.2"],"tags":[{{"key":"Name","value":"web"}}]}},
            "id":"CVE-2019-0001","title":{title},"description":"d","recommendation":"r","severity":"{sev}","numericSeverity":9.0,"confidence":10,"indicatorOfCompromise":false,
            "attributes":[{{"key":"INSTANCE_ID","value":"i-0123456789abcdef0"}},{{"key":"CVE_ID","value":"CVE-2019-0001"}}],
            "userAttributes":[],"createdAt":1551448800.5,"updatedAt":"2019-03-01T14:00:00.500000+00:00"{extra}}}"#,
            title = serde_json::to_string(title).unwrap()
        )
    }

    #[test]
    fn cells_are_quoted_per_rfc_4180() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell(""), "");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("cr\rlf"), "\"cr\rlf\"");
        assert_eq!(csv_cell("Müller – 東京 🙂"), "Müller – 東京 🙂");
        assert_eq!(csv_cell("it's"), "it's");
    }

    #[test]
    fn formula_payloads_are_neutralised() {
        for (input, want) in [
            (
                "=HYPERLINK(\"http://evil/\",\"x\")",
                "\"'=HYPERLINK(\"\"http://evil/\"\",\"\"x\"\")\"",
            ),
            ("+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\""),
            ("@SUM(1+1)*cmd|' /C calc'!A0", "\"'@SUM(1+1)*cmd|' /C calc'!A0\""),
            ("-1+1", "\"'-1+1\""),
            ("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""),
            ("\t=1+1", "\"'\t=1+1\""),
            ("\r=1+1", "\"'\r=1+1\""),
            ("=1,2", "\"'=1,2\""),
        ] {
            assert_eq!(csv_cell(input), want, "{input:?}");
            assert!(is_formula_like(input));
        }
        // Not formulas: plain numbers (also negative), text with `=` later on, a leading space.
        for s in ["-1", "-1.5", "9.0", "0", "a=b", " =1", "x-1"] {
            assert!(!is_formula_like(s), "{s:?}");
            assert!(!csv_cell(s).starts_with("\"'"), "{s:?}");
        }
        for s in ["-", "-.5", "-1.", "-1e3", "--1"] {
            assert!(is_formula_like(s), "{s:?}");
        }
    }

    #[test]
    fn csv_has_bom_header_crlf_and_reads_back_in_row_order() {
        let doc = format!(
            r#"{{"findings":[{},{},{}],"failedItems":{{}}}}"#,
            finding("arn:f/1", "=HYPERLINK(\"http://x\",\"click\")", "High", ""),
            finding("arn:f/2", "Line one\nline \"two\", with comma", "Low", ""),
            finding("arn:f/3", "Ünïcödé 東京 @SUM(A1)", "Medium", "")
        );
        let data = dataset(vec![load("a.json", &doc)]);
        assert_eq!(data.findings.len(), 3);
        let rows = [2u32, 0, 1];
        let text = csv(&data, &rows, &Field::ALL);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert!(text.ends_with("\r\n"));
        let table = parse_csv(text.trim_start_matches('\u{feff}'));
        assert_eq!(table.len(), 4);
        assert_eq!(table[0], Field::ALL.iter().map(|f| f.label()).collect::<Vec<_>>());
        assert!(table.iter().all(|r| r.len() == Field::ALL.len()));
        let arns: Vec<&str> = table[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(arns, ["arn:f/3", "arn:f/1", "arn:f/2"]);
        let col = |f: Field| Field::ALL.iter().position(|x| *x == f).unwrap();
        assert_eq!(table[2][col(Field::Title)], "'=HYPERLINK(\"http://x\",\"click\")");
        assert_eq!(table[3][col(Field::Title)], "Line one\nline \"two\", with comma");
        assert_eq!(table[1][col(Field::Title)], "Ünïcödé 東京 @SUM(A1)");
        let r = &table[2];
        assert_eq!(r[col(Field::Severity)], "High");
        assert_eq!(r[col(Field::NumericSeverity)], "9.0");
        assert_eq!(r[col(Field::RuleId)], "CVE-2019-0001");
        assert_eq!(r[col(Field::PackageName)], "Common Vulnerabilities and Exposures");
        assert_eq!(
            r[col(Field::PackageArn)],
            "arn:aws:inspector:us-east-1:316112463485:rulespackage/0-gEjTy7T7"
        );
        assert_eq!(
            r[col(Field::RunName)],
            "arn:aws:inspector:us-east-1:123456789012:target/0-t/template/0-p/run/0-r"
        );
        assert_eq!(r[col(Field::InstanceId)], "i-0123456789abcdef0");
        assert_eq!(r[col(Field::NameTag)], "web");
        assert_eq!(r[col(Field::Hostname)], "h.example");
        assert_eq!(r[col(Field::Ips)], "10.0.0.1; 10.0.0.2");
        assert_eq!(r[col(Field::Created)], "2019-03-01T14:00:00.500Z");
        assert_eq!(r[col(Field::Updated)], "2019-03-01T14:00:00.500Z");
        assert_eq!(
            r[col(Field::Attributes)],
            "INSTANCE_ID=i-0123456789abcdef0; CVE_ID=CVE-2019-0001"
        );
        assert_eq!(r[col(Field::UserAttributes)], "");

        // Visible columns: the table's cells, in the table's column order.
        let visible = Field::of_columns(&[Column::Severity, Column::Instance, Column::Ip, Column::Title]);
        let table = parse_csv(csv(&data, &rows, &visible).trim_start_matches('\u{feff}'));
        assert_eq!(table[0], ["Severity", "Instance", "IP", "Title"]);
        assert_eq!(
            table[1],
            [
                "Medium",
                "i-0123456789abcdef0 (web)",
                "10.0.0.1",
                "Ünïcödé 東京 @SUM(A1)"
            ]
        );
        // Nothing in the output starts a formula outside of a neutralised cell.
        for row in &table {
            for cell in row {
                assert!(!is_formula_like(cell), "{cell:?}");
            }
        }
    }

    fn clean_issues(f: &LoadedFile) -> Vec<String> {
        f.report
            .issues
            .iter()
            .filter(|i| i.level != Level::Info)
            .map(|i| format!("{:?} {} {}", i.level, i.path, i.message))
            .collect()
    }

    #[test]
    fn json_export_reads_back_with_no_issues_in_the_same_order() {
        let doc = format!(
            r#"{{"findings":[{},{},{}],"failedItems":{{}}}}"#,
            finding("arn:f/1", "One", "High", ""),
            finding(
                "arn:f/2",
                "Two \"quoted\"\n",
                "Low",
                r#","customerNote":{"k":[1,2.50,null]}"#
            ),
            finding("arn:f/3", "Drei 東京", "Informational", "")
        );
        let original = load("a.json", &doc);
        let before = original.report.issues.len();
        let data = dataset(vec![original]);
        let ix = FindingIndex::build(&data);
        let mut filters = Filters::default();
        filters.toggle(crate::query::Dim::Severity, "High");
        filters.toggle(crate::query::Dim::Severity, "Low");
        let q = ix.query(&filters, Sort::default());
        assert_eq!(q.total, 2);
        let text = describe_findings_json(&data, &q.rows);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["failedItems"], serde_json::json!({}));
        assert_eq!(v["findings"].as_array().map(Vec::len), Some(2));
        let back = load("export.json", &text);
        assert!(back.usable());
        assert_eq!(clean_issues(&back), Vec::<String>::new());
        assert!(back.report.issues.len() <= before, "{:?}", back.report.issues);
        let arns: Vec<&str> = back
            .records
            .findings
            .iter()
            .filter_map(|l| l.rec.arn.as_deref())
            .collect();
        assert_eq!(arns, ["arn:f/1", "arn:f/2"]);
        // Every record reads back equal (unknown members kept verbatim, numbers as written).
        for (l, &i) in back.records.findings.iter().zip(q.rows.iter()) {
            assert_eq!(*l.rec, *data.findings[i as usize].rec);
        }
        assert!(text.contains("\"customerNote\": {"));
        assert!(text.contains("2.50"));
    }

    #[test]
    fn json_export_of_generated_runs_validates_cleanly() {
        use crate::generate::{GenConfig, Layout, TimestampStyle};
        for style in [TimestampStyle::CliV1, TimestampStyle::CliV2, TimestampStyle::Boto3Str] {
            let cfg = GenConfig::default()
                .with_findings(300)
                .with_runs(3)
                .with_seed(11)
                .with_style(style)
                .with_layout(Layout::Single);
            let ds = cfg.build().unwrap();
            let mut bytes = Vec::new();
            ds.write_findings(&mut bytes, cfg.layout, cfg.format).unwrap();
            let data = dataset(vec![load("gen.json", std::str::from_utf8(&bytes).unwrap())]);
            assert_eq!(data.findings.len(), 300);
            let ix = FindingIndex::build(&data);
            let q = ix.query(&Filters::default(), Sort::default());
            let text = describe_findings_json(&data, &q.rows);
            let back = load("export.json", &text);
            assert_eq!(clean_issues(&back), Vec::<String>::new(), "{style:?}");
            // The only note: one response holds more than one API page (informational).
            let notes: Vec<&str> = back.report.issues.iter().map(|i| i.message.as_str()).collect();
            assert!(notes.iter().all(|m| m.contains("merged export")), "{notes:?}");
            let got: Vec<Option<&str>> = back.records.findings.iter().map(|l| l.rec.arn.as_deref()).collect();
            let want: Vec<Option<&str>> = q
                .rows
                .iter()
                .map(|&i| data.findings[i as usize].rec.arn.as_deref())
                .collect();
            assert_eq!(got, want);
            // The validator command agrees.
            let out = crate::cli::run(&["export.json".to_owned()], |_| Ok(text.clone().into_bytes()));
            assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
            // CSV: one line per finding plus the header, none formula-like.
            let table = parse_csv(csv(&data, &q.rows, &Field::ALL).trim_start_matches('\u{feff}'));
            assert_eq!(table.len(), 301);
        }
    }

    #[test]
    fn empty_view_exports_are_valid() {
        let data = Dataset::default();
        assert_eq!(csv(&data, &[], &[Field::Arn]), "\u{feff}ARN\r\n");
        let text = describe_findings_json(&data, &[]);
        assert_eq!(text, "{\n    \"findings\": [],\n    \"failedItems\": {}\n}\n");
        // Out-of-range rows are skipped, not a panic.
        assert_eq!(csv(&data, &[7], &[Field::Arn]), "\u{feff}ARN\r\n");
    }
}
