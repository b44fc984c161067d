// Test data built in code, so e2e tests do not depend on files other people maintain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REGION = 'us-west-2';
const ACCOUNT = '123456789012';
// Inspector's own account/rules-package ARNs for us-west-2.
const RULES_PACKAGES = {
  cve: `arn:aws:inspector:${REGION}:758058086616:rulespackage/0-9hgA516p`,
  cis: `arn:aws:inspector:${REGION}:758058086616:rulespackage/0-H5hpSawc`,
  bestPractices: `arn:aws:inspector:${REGION}:758058086616:rulespackage/0-JJOtZiqQ`,
  network: `arn:aws:inspector:${REGION}:758058086616:rulespackage/0-rD1z6dpl`,
};
export const NUMERIC_SEVERITY = { High: 9.0, Medium: 6.0, Low: 3.0, Informational: 0.0, Undefined: 0.0 };

/**
 * A DescribeFindings response as `aws inspector describe-findings --output json` writes it:
 * `{"findings": [...], "failedItems": {}}`.
 *
 * @param {object} [opts]
 * @param {string[]} [opts.severities]  one finding per entry (default: 5 mixed severities)
 * @param {'iso'|'epoch'} [opts.timestamps]  CLI style ISO-8601 strings (default) or API epoch seconds
 * @returns {{doc: object, text: string, count: number, bySeverity: Record<string, number>}}
 */
export function describeFindings(opts = {}) {
  const severities = opts.severities ?? ['High', 'Medium', 'Low', 'High', 'Informational'];
  const ts = (secs) =>
    opts.timestamps === 'epoch' ? secs : new Date(secs * 1000).toISOString().replace('Z', '000+00:00');
  const run = `arn:aws:inspector:${REGION}:${ACCOUNT}:target/0-0kFIPusq/template/0-4r1V2mAw/run/0-MKkpXXPE`;
  const base = 1527251696; // 2018-05-25T12:34:56Z
  const findings = severities.map((severity, i) => {
    const instance = `i-0${(0xabc0 + (i % 3)).toString(16)}5d7e9f1a2b3c4`;
    const cve = `CVE-2018-${String(1000 + i * 7).padStart(4, '0')}`;
    const pkg = i % 2 === 0 ? RULES_PACKAGES.cve : RULES_PACKAGES.bestPractices;
    return {
      arn: `${run}/finding/0-${Buffer.from(`f${i}xyzab`).toString('base64url').slice(0, 8)}`,
      schemaVersion: 1,
      service: 'Inspector',
      serviceAttributes: { schemaVersion: 1, assessmentRunArn: run, rulesPackageArn: pkg },
      assetType: 'ec2-instance',
      assetAttributes: {
        schemaVersion: 1,
        agentId: instance,
        amiId: 'ami-0a1b2c3d4e5f60718',
        hostname: `ip-10-0-0-${10 + i}.${REGION}.compute.internal`,
        ipv4Addresses: [`10.0.0.${10 + i}`],
        tags: [{ key: 'Name', value: `web-${i % 3}` }],
        networkInterfaces: [],
      },
      id: pkg === RULES_PACKAGES.cve ? cve : `Insecure setting ${i}`,
      title:
        pkg === RULES_PACKAGES.cve
          ? `Instance ${instance} is vulnerable to ${cve}`
          : `Instance ${instance} has an insecure configuration (${i})`,
      description: `Synthetic e2e finding ${i} with severity ${severity}.`,
      recommendation: 'Use your Operating System\'s update feature to update the affected package.',
      severity,
      numericSeverity: NUMERIC_SEVERITY[severity] ?? 0,
      confidence: 10,
      indicatorOfCompromise: false,
      attributes: [
        { key: 'AGENT_ID', value: instance },
        { key: 'INSTANCE_ID', value: instance },
        ...(pkg === RULES_PACKAGES.cve ? [{ key: 'CVE_ID', value: cve }, { key: 'package_name', value: 'openssl' }] : []),
      ],
      userAttributes: [],
      createdAt: ts(base + i * 60),
      updatedAt: ts(base + i * 60 + 30),
    };
  });
  const doc = { findings, failedItems: {} };
  const bySeverity = {};
  for (const s of severities) bySeverity[s] = (bySeverity[s] ?? 0) + 1;
  return { doc, text: JSON.stringify(doc, null, 4) + '\n', count: findings.length, bySeverity };
}

/** Write `text` to a fresh temp dir as `name`; returns the path (removed at process exit). */
export function writeTemp(name, text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iv-e2e-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
