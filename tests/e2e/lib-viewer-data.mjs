// A realistic, deterministic multi-file Inspector Classic export for the viewer e2e tests,
// built in code: rules packages, two DescribeAssessmentRuns files (one an "old" 2017 export
// without findingCounts), findings of three runs split over four DescribeFindings files in
// three timestamp styles, and a response with non-empty failedItems. Every expectation a test
// asserts is computed here from the generated objects, never read back from the app.
//
//   const ds = buildDataset();
//   ds.files            -> [{name, text, kind, records, errors, warnings}]  (clean files)
//   ds.findings         -> [{f (the JSON object), file, line, run, pkg, instance}]
//   ds.defects          -> a DescribeFindings file with planted defects, and a broken file
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REGION = 'us-west-2';
export const ACCOUNT = '210987654321';
const INSPECTOR_ACCOUNT = '758058086616'; // Inspector's rules-package account in us-west-2

const pkgArn = (id) => `arn:aws:inspector:${REGION}:${INSPECTOR_ACCOUNT}:rulespackage/${id}`;
export const PACKAGES = {
  cve: { arn: pkgArn('0-9hgA516p'), name: 'Common Vulnerabilities and Exposures', version: '1.1' },
  cis: { arn: pkgArn('0-H5hpSawc'), name: 'CIS Operating System Security Configuration Benchmarks', version: '1.0' },
  net: { arn: pkgArn('0-rD1z6dpl'), name: 'Network Reachability', version: '1.1' },
  bp: { arn: pkgArn('0-JJOtZiqQ'), name: 'Security Best Practices', version: '1.0' },
  rba: { arn: pkgArn('0-vg5GGHSD'), name: 'Runtime Behavior Analysis', version: '1.0' },
};
export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational', 'Undefined'];
export const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i]));
const NUMERIC = { High: 9.0, Medium: 6.0, Low: 3.0, Informational: 0.0, Undefined: 0.0 };

const targetArn = (t) => `arn:aws:inspector:${REGION}:${ACCOUNT}:target/${t}`;
const TARGET_WEB = targetArn('0-Kq3W8rNd');
const TARGET_BATCH = targetArn('0-Bt5Zp9Qe');
const TEMPLATE_WEB = `${TARGET_WEB}/template/0-Vd7Lq2Xc`;
const TEMPLATE_BATCH = `${TARGET_BATCH}/template/0-Nx4Hs8Ka`;

/** Deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function inspectorId(r) {
  let s = '0-';
  for (let i = 0; i < 8; i++) s += ALNUM[Math.floor(r() * ALNUM.length)];
  return s;
}

// EC2 instances of the two targets.
export const INSTANCES = [
  { id: 'i-0a1b2c3d4e5f60711', name: 'prod-web-01', asg: 'prod-web-asg', ip: '10.20.1.11', pub: '34.212.10.11', target: 'web' },
  { id: 'i-0a1b2c3d4e5f60722', name: 'prod-web-02', asg: 'prod-web-asg', ip: '10.20.1.22', pub: '34.212.10.22', target: 'web' },
  { id: 'i-0a1b2c3d4e5f60733', name: 'prod-web-03', asg: 'prod-web-asg', ip: '10.20.2.33', pub: null, target: 'web' },
  { id: 'i-0f9e8d7c6b5a40744', name: 'prod-db-01', asg: null, ip: '10.20.3.44', pub: null, target: 'web' },
  { id: 'i-07c6b5a4f3e2d0855', name: 'batch-worker-01', asg: 'batch-workers-asg', ip: '10.30.0.55', pub: null, target: 'batch' },
  { id: 'i-07c6b5a4f3e2d0866', name: 'batch-worker-02', asg: 'batch-workers-asg', ip: '10.30.0.66', pub: null, target: 'batch' },
].map((x) => ({
  ...x,
  hostname: `ip-${x.ip.replaceAll('.', '-')}.${REGION}.compute.internal`,
  ami: x.target === 'web' ? 'ami-0d1e2f3a4b5c6d7e8' : 'ami-0123fedcba9876543',
  eni: `eni-0${x.id.slice(-6)}aa11bb22`,
  vpc: x.target === 'web' ? 'vpc-0web1234' : 'vpc-0batch5678',
  subnet: x.target === 'web' ? 'subnet-0web0001' : 'subnet-0batch001',
  sg: x.target === 'web' ? { groupId: 'sg-0web00000000aa01', groupName: 'web-frontend' } : { groupId: 'sg-0batch000000bb02', groupName: 'batch-workers' },
}));

const ISO = (secs) => new Date(secs * 1000).toISOString();
/** AWS CLI v2 style: `2019-01-15T15:03:07.578000+00:00`. */
const cliV2 = (secs) => ISO(secs).replace('Z', '000+00:00');
/** AWS CLI v1 style with the exporting machine's offset (here -08:00, Pacific standard time). */
const cliV1Pst = (secs) => {
  const d = new Date((secs - 8 * 3600) * 1000).toISOString().replace('Z', '');
  return `${d}000-08:00`;
};
/** The API's epoch seconds (boto3 `json.dumps(..., default=...)` of raw responses). */
const epoch = (secs) => secs;

// The runs: two of the web template, one (an old 2017 export) of the batch template.
const RUNS = [
  {
    key: 'web1',
    arn: `${TEMPLATE_WEB}/run/0-Aa11Bb22`,
    name: 'Run 1 for Prod-Web-AllRules',
    template: TEMPLATE_WEB,
    target: 'web',
    packages: ['cve', 'cis', 'net', 'bp'],
    start: Date.UTC(2019, 0, 15, 14, 0, 0) / 1000, // winter: New York is UTC-5
    count: 36,
    userAttributes: [{ key: 'Owner', value: 'web-platform' }],
    ts: cliV2,
    files: ['describe-findings-prod-web-run1-part1.json', 'describe-findings-prod-web-run1-part2.json'],
  },
  {
    key: 'web2',
    arn: `${TEMPLATE_WEB}/run/0-Cc33Dd44`,
    name: 'Run 2 for Prod-Web-AllRules',
    template: TEMPLATE_WEB,
    target: 'web',
    packages: ['cve', 'cis', 'net', 'bp'],
    start: Date.UTC(2019, 6, 10, 14, 0, 0) / 1000, // summer: New York is UTC-4
    count: 30,
    userAttributes: [{ key: 'Owner', value: 'web-platform' }],
    ts: cliV1Pst,
    files: ['describe-findings-prod-web-run2.json'],
  },
  {
    key: 'batch1',
    arn: `${TEMPLATE_BATCH}/run/0-Ee55Ff66`,
    name: 'Run 1 for Batch-CVE-Runtime',
    template: TEMPLATE_BATCH,
    target: 'batch',
    packages: ['cve', 'rba'],
    start: Date.UTC(2017, 2, 2, 9, 30, 0) / 1000,
    count: 18,
    userAttributes: [
      { key: 'Owner', value: 'batch-team' },
      { key: 'CostCenter', value: 'cc-4242' },
    ],
    ts: epoch,
    files: ['describe-findings-batch-run1.json'],
    oldExport: true, // described by a 2017 export without findingCounts
  },
];

const CIS_RULES = [
  ['1.1.1.1 Ensure mounting of cramfs filesystems is disabled', 'Medium'],
  ['5.2.8 Ensure SSH root login is disabled', 'High'],
  ['5.4.1.1 Ensure password expiration is 365 days or less', 'Low'],
  ['3.6 Ensure firewall rules exist for all open ports', 'Medium'],
];
const BP_RULES = [
  ['Disable root login over SSH', 'Medium', (inst) => `Instance ${inst.id} is configured to allow users to log in with root credentials over SSH.`],
  ['Configure password complexity', 'Low', (inst) => `Instance ${inst.id} is not configured to require password complexity.`],
  ['Disable password authentication over SSH', 'High', (inst) => `Instance ${inst.id} is configured to support password authentication over SSH.`],
];
const NET_RULES = [
  ['RecognizedPortWithListener', 'Medium', 22, 'SSH'],
  ['RecognizedPortNoListener', 'Low', 3389, 'RDP'],
  ['UnrecognizedPortWithListener', 'Informational', 8443, null],
];
const RBA_RULES = [
  ['Insecure client protocols (Telnet)', 'Low'],
  ['Unused listening TCP ports', 'Informational'],
  ['Root process with insecure permissions', 'Undefined'],
];
const CVE_SEVERITIES = ['High', 'Medium', 'High', 'Low', 'Medium'];
const CVE_PACKAGES = ['openssl', 'glibc', 'bash', 'openssh', 'sudo', 'curl'];

function makeFinding(run, i, r) {
  const pool = INSTANCES.filter((x) => x.target === run.target);
  const inst = pool[i % pool.length];
  const pkgKey = run.packages[Math.floor(r() * run.packages.length)];
  const pkg = PACKAGES[pkgKey];
  let id;
  let title;
  let severity;
  let description;
  let recommendation;
  const attributes = [{ key: 'INSTANCE_ID', value: inst.id }];
  switch (pkgKey) {
    case 'cve': {
      const n = 1000 + Math.floor(r() * 9000);
      id = `CVE-2018-${n}`;
      severity = CVE_SEVERITIES[Math.floor(r() * CVE_SEVERITIES.length)];
      const p = CVE_PACKAGES[Math.floor(r() * CVE_PACKAGES.length)];
      title = `Instance ${inst.name} is vulnerable to ${id}`;
      description = `A flaw was found in ${p} that may allow a remote attacker to cause a denial of service or execute code (${id}).`;
      recommendation = "Use your Operating System's update feature to update package " + p + '.';
      attributes.push({ key: 'CVE_ID', value: id }, { key: 'package_name', value: p });
      break;
    }
    case 'cis': {
      const [rule, sev] = CIS_RULES[Math.floor(r() * CIS_RULES.length)];
      id = rule;
      severity = sev;
      title = `Instance ${inst.id} is not compliant with rule ${rule}.`;
      description = `This rule checks the CIS Amazon Linux benchmark item: ${rule}.`;
      recommendation = `Follow the remediation of CIS benchmark item ${rule.split(' ')[0]}.`;
      attributes.push({ key: 'BENCHMARK_ID', value: 'CIS Amazon Linux 2 Benchmark v1.0.0' });
      break;
    }
    case 'net': {
      const [rule, sev, port, svc] = NET_RULES[Math.floor(r() * NET_RULES.length)];
      id = rule;
      severity = sev;
      title = svc
        ? `On instance ${inst.id}, TCP port ${port} which is associated with '${svc}' is reachable from the internet`
        : `On instance ${inst.id}, TCP port ${port} is reachable from the internet`;
      description = `This finding is reported for ports reachable from the internet through the VPC's internet gateway.`;
      recommendation = `Edit the security group ${inst.sg.groupId} to remove access from the internet on port ${port}.`;
      attributes.push({ key: 'PORT', value: String(port) }, { key: 'PROTOCOL', value: 'TCP' });
      break;
    }
    case 'bp': {
      const [rule, sev, t] = BP_RULES[Math.floor(r() * BP_RULES.length)];
      id = rule;
      severity = sev;
      title = t(inst);
      description = `This rule helps determine whether your EC2 instances follow the best practice: ${rule}.`;
      recommendation = 'We recommend that you change the configuration as described in the rule.';
      break;
    }
    default: {
      const [rule, sev] = RBA_RULES[Math.floor(r() * RBA_RULES.length)];
      id = rule;
      severity = sev;
      title = `Instance ${inst.name} shows runtime behaviour: ${rule}`;
      description = `Runtime Behavior Analysis observed ${rule.toLowerCase()} during the assessment run.`;
      recommendation = 'Review the processes on the instance.';
    }
  }
  const created = run.start + 300 + i * 97;
  const arn = `${run.arn}/finding/${inspectorId(r)}`;
  const nic = {
    networkInterfaceId: inst.eni,
    subnetId: inst.subnet,
    vpcId: inst.vpc,
    privateDnsName: inst.hostname,
    privateIpAddress: inst.ip,
    privateIpAddresses: [{ privateDnsName: inst.hostname, privateIpAddress: inst.ip }],
    ...(inst.pub ? { publicDnsName: `ec2-${inst.pub.replaceAll('.', '-')}.${REGION}.compute.amazonaws.com`, publicIp: inst.pub } : {}),
    ipv6Addresses: [],
    securityGroups: [inst.sg],
  };
  const f = {
    arn,
    schemaVersion: 1,
    service: 'Inspector',
    serviceAttributes: { schemaVersion: 1, assessmentRunArn: run.arn, rulesPackageArn: pkg.arn },
    assetType: 'ec2-instance',
    assetAttributes: {
      schemaVersion: 1,
      agentId: inst.id,
      ...(inst.asg ? { autoScalingGroup: inst.asg } : {}),
      amiId: inst.ami,
      hostname: inst.hostname,
      ipv4Addresses: [inst.ip],
      tags: [
        { key: 'Name', value: inst.name },
        { key: 'Environment', value: inst.target === 'web' ? 'production' : 'batch' },
        ...(inst.asg ? [{ key: 'aws:autoscaling:groupName', value: inst.asg }] : []),
      ],
      networkInterfaces: [nic],
    },
    id,
    title,
    description,
    recommendation,
    severity,
    numericSeverity: NUMERIC[severity],
    confidence: 10,
    indicatorOfCompromise: false,
    attributes,
    userAttributes: run.userAttributes,
    createdAt: run.ts(created),
    updatedAt: run.ts(created + 45),
  };
  return { f, run, pkg: pkgKey, instance: inst, created };
}

/** Line (1-based) of the `{` that opens each element of `doc[listKey]` in `text`. */
export function recordLines(text, listKey, n) {
  // JSON.stringify(..., 4): the list's items open at 8 spaces of indentation.
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`    "${listKey}": [`));
  const out = [];
  for (let i = start + 1; i < lines.length && out.length < n; i++) {
    if (lines[i] === '        {') out.push(i + 1);
  }
  return out;
}

/** 1-based line:column of the first occurrence of `needle` (after `from`) in `text`. */
export function lineCol(text, needle, from = 0) {
  const pos = text.indexOf(needle, from);
  if (pos < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, pos };
}

const pretty = (doc) => JSON.stringify(doc, null, 4) + '\n';

function stateChanges(run, ts) {
  const s = run.start;
  const steps = [
    [0, 'CREATED'],
    [2, 'START_DATA_COLLECTION_PENDING'],
    [4, 'START_DATA_COLLECTION_IN_PROGRESS'],
    [9, 'COLLECTING_DATA'],
    [3609, 'STOP_DATA_COLLECTION_PENDING'],
    [3670, 'DATA_COLLECTED'],
    [3672, 'START_EVALUATING_RULES_PENDING'],
    [3675, 'EVALUATING_RULES'],
    [3720, 'COMPLETED'],
  ];
  return steps.map(([d, state]) => ({ stateChangedAt: ts(s + d), state }));
}

function runRecord(run, findingCounts) {
  const ts = run.oldExport ? epoch : cliV2;
  const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:inspector-${run.target}-notifications`;
  return {
    arn: run.arn,
    name: run.name,
    assessmentTemplateArn: run.template,
    state: 'COMPLETED',
    durationInSeconds: 3600,
    rulesPackageArns: run.packages.map((k) => PACKAGES[k].arn),
    userAttributesForFindings: run.userAttributes,
    createdAt: ts(run.start),
    startedAt: ts(run.start + 9),
    completedAt: ts(run.start + 3720),
    stateChangedAt: ts(run.start + 3720),
    dataCollected: true,
    stateChanges: stateChanges(run, ts),
    notifications: [
      { date: ts(run.start + 10), event: 'ASSESSMENT_RUN_STARTED', error: false, snsTopicArn: topic, snsPublishStatusCode: 'SUCCESS' },
      {
        date: ts(run.start + 3721),
        event: 'ASSESSMENT_RUN_COMPLETED',
        error: Boolean(run.oldExport),
        snsTopicArn: topic,
        snsPublishStatusCode: run.oldExport ? 'ACCESS_DENIED' : 'SUCCESS',
      },
    ],
    ...(findingCounts ? { findingCounts } : {}),
  };
}

/**
 * The dataset. Deterministic for a seed.
 * @returns {{files: Array<{name: string, text: string, kind: string, records: number, errors: number, warnings: number}>,
 *   findings: Array<{f: object, run: object, pkg: string, instance: object, created: number, file: string, line: number}>,
 *   runs: Array<object>, failedItems: Record<string, object>, byName: (n: string) => object}}
 */
export function buildDataset(seed = 20190115) {
  const r = rng(seed);
  const findings = [];
  const files = [];
  const perRun = new Map();
  for (const run of RUNS) {
    const list = [];
    for (let i = 0; i < run.count; i++) list.push(makeFinding(run, i, r));
    perRun.set(run.key, list);
    findings.push(...list);
  }
  // Searchable needles, each in exactly one kind of text.
  const all = findings;
  all[3].f.description += ' The zebrafish parser is affected.';
  all[40].f.description += ' Also seen with zebrafish payloads.';
  all[50].f.recommendation += ' Rotate the pangolin credentials afterwards.';
  all[60].f.title += ' (quokka edition)';

  // Findings files.
  const failedItems = {
    [`${RUNS[2].arn}/finding/0-Gone0001`]: { failureCode: 'ITEM_DOES_NOT_EXIST', retryable: false },
    [`${RUNS[2].arn}/finding/0-Err00002`]: { failureCode: 'INTERNAL_ERROR', retryable: true },
  };
  for (const run of RUNS) {
    const list = perRun.get(run.key);
    const parts = run.files.length;
    const size = Math.ceil(list.length / parts);
    run.files.forEach((name, p) => {
      const chunk = list.slice(p * size, (p + 1) * size);
      const doc = { findings: chunk.map((x) => x.f), failedItems: run.key === 'batch1' ? failedItems : {} };
      const text = pretty(doc);
      const lines = recordLines(text, 'findings', chunk.length);
      chunk.forEach((x, k) => {
        x.file = name;
        x.line = lines[k];
      });
      files.push({ name, text, kind: 'DescribeFindings', records: chunk.length, errors: 0, warnings: 0 });
    });
  }
  // Metadata files (first in the list, as a user would select them).
  const counts = (key) => {
    const c = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
    for (const x of perRun.get(key)) c[x.f.severity] += 1;
    return c;
  };
  const runsDoc = { assessmentRuns: [runRecord(RUNS[0], counts('web1')), runRecord(RUNS[1], counts('web2'))], failedItems: {} };
  const oldRunsDoc = { assessmentRuns: [runRecord(RUNS[2], null)], failedItems: {} };
  const packagesDoc = {
    rulesPackages: Object.values(PACKAGES).map((p) => ({
      arn: p.arn,
      name: p.name,
      version: p.version,
      provider: 'Amazon Web Services, Inc.',
      description: `The rules in this package: ${p.name}.`,
    })),
    failedItems: {},
  };
  files.unshift(
    { name: 'describe-rules-packages.json', text: pretty(packagesDoc), kind: 'DescribeRulesPackages', records: 5, errors: 0, warnings: 0 },
    { name: 'describe-assessment-runs.json', text: pretty(runsDoc), kind: 'DescribeAssessmentRuns', records: 2, errors: 0, warnings: 0 },
    // The 2017 export lacks findingCounts (added to the API on 2017-05-16): one added-later warning.
    { name: 'describe-assessment-runs-2017.json', text: pretty(oldRunsDoc), kind: 'DescribeAssessmentRuns', records: 1, errors: 0, warnings: 1 },
  );
  const runs = RUNS.map((run) => ({
    ...run,
    record: run.oldExport ? oldRunsDoc.assessmentRuns[0] : runsDoc.assessmentRuns[RUNS.indexOf(run)],
    findings: perRun.get(run.key),
  }));
  for (const run of runs) for (const x of run.findings) x.run = run;
  return {
    files,
    findings,
    runs,
    failedItems,
    packages: PACKAGES,
    instances: INSTANCES,
    byName: (n) => files.find((f) => f.name === n),
    fileNames: files.map((f) => f.name),
  };
}

/**
 * A DescribeFindings file with planted defects, for the validation panel:
 *  - findings[0].severity "Critical" (not in the enum)             -> error  enum
 *  - findings[1] lacks updatedAt (required)                          -> error  required
 *  - findings[2].assetAttributes has an unknown member "region"      -> info   unknown-field
 *  - findings[3] is fine
 *  - findings[4] is a newer copy (same ARN, later updatedAt) of a finding of run 2 -> conflict
 *    warning when loaded together with that file
 */
export function defectsFile(ds) {
  const run = ds.runs[1];
  const base = ds.findings.filter((x) => x.run.key === 'web2').slice(0, 4).map((x) => structuredClone(x.f));
  const suffixes = ['0-Dfct0001', '0-Dfct0002', '0-Dfct0003', '0-Dfct0004'];
  base.forEach((f, i) => {
    f.arn = `${run.arn}/finding/${suffixes[i]}`;
    f.title = `Defect sample ${i}: ${f.title}`;
  });
  base[0].severity = 'Critical';
  delete base[1].updatedAt;
  base[2].assetAttributes.region = REGION;
  // A newer copy of a finding already in describe-findings-prod-web-run2.json: same ARN, later
  // updatedAt, another severity -> a conflict warning in this file, and this copy is shown.
  const original = ds.findings.filter((x) => x.run.key === 'web2')[5];
  const newer = structuredClone(original.f);
  newer.severity = original.f.severity === 'Low' ? 'High' : 'Low';
  newer.numericSeverity = newer.severity === 'Low' ? 3.0 : 9.0;
  newer.updatedAt = '2019-08-01T10:00:00.000000-08:00';
  base.push(newer);
  const text = pretty({ findings: base, failedItems: {} });
  const lines = recordLines(text, 'findings', base.length);
  const at = (needle, from) => lineCol(text, needle, from);
  const f0 = text.indexOf(base[0].arn);
  const f2 = text.indexOf(base[2].arn);
  return {
    name: 'describe-findings-prod-web-run2-reexport.json',
    text,
    findings: base,
    lines,
    records: base.length,
    errors: 2,
    warnings: 0, // alone; +1 (conflict) when loaded after describe-findings-prod-web-run2.json
    conflict: { original, newer, line: lines[4], column: 9 },
    issues: [
      { path: 'findings[0].severity', rule: 'enum', level: 'error', arn: base[0].arn, ...at('"Critical"', f0) },
      // A missing member is reported where its object opens.
      { path: 'findings[1].updatedAt', rule: 'required', level: 'error', arn: base[1].arn, line: lines[1], column: 9 },
      { path: 'findings[2].assetAttributes.region', rule: 'unknown-field', level: 'info', arn: base[2].arn, ...at('"region"', f2) },
    ],
  };
}

/** Not JSON at all past line 5: the viewer cannot use it. */
export function brokenFile() {
  return {
    name: 'describe-findings-truncated.json',
    text: '{\n    "findings": [\n        {\n            "arn": "arn:aws:inspector:us-west-2:210987654321:target/0-x/template/0-y/run/0-z/finding/0-trunc001",\n            "severity": "High",\n            "title": \n',
  };
}

// ---- large data from the project's generator --------------------------------------------------

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

/** A fresh temp dir, removed at process exit. */
export function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iv-e2e-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `files` ({name, text}) to a temp dir; returns their paths in order. */
export function writeFiles(files) {
  const dir = tempDir();
  return files.map((f) => {
    const p = path.join(dir, f.name);
    fs.writeFileSync(p, f.text);
    return p;
  });
}

/**
 * `gen-data findings --count N --style cli-v2 --pretty --layout single` into a temp dir (the
 * prebuilt release binary when present, else `cargo run --release --bin gen-data`).
 * @returns {string} the file's path
 */
export function generateFindings(count, { name = `findings-${count}.json`, seed = 1, layout = 'single' } = {}) {
  const out = path.join(tempDir(), name);
  const args = ['findings', '--count', String(count), '--out', out, '--style', 'cli-v2', '--pretty', '--layout', layout, '--seed', String(seed)];
  const bin = path.join(ROOT, 'target', 'release', 'gen-data');
  if (fs.existsSync(bin)) execFileSync(bin, args, { stdio: 'pipe' });
  else execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'gen-data', '--', ...args], { cwd: ROOT, stdio: 'pipe' });
  return out;
}
