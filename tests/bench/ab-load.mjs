// A/B load timing of builds: `node tests/bench/ab-load.mjs FILE FINDINGS REPS DIST...` loads FILE in a
// fresh page of each dist in turn, REPS rounds, and prints each one's median pick → all findings shown.
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { startServer } from '../e2e/server.mjs';
const [file, total, reps, ...dists] = process.argv.slice(2);
const servers = await Promise.all(dists.map((root) => startServer({ root })));
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const times = dists.map(() => []);
for (let r = 0; r < +reps; r++) {
  for (let d = 0; d < dists.length; d++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(servers[d].url);
    await page.waitForSelector('[data-testid=file-input]', { state: 'attached' });
    const t0 = Date.now();
    await page.setInputFiles('[data-testid=file-input]', file);
    await page.waitForFunction((n) => document.querySelector('[data-testid=finding-count]')?.dataset.total === n, total, { timeout: 120000, polling: 10 });
    times[d].push(Date.now() - t0);
    await page.close();
  }
}
const med = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
dists.forEach((d, i) => console.log(d, 'median', med(times[i]), 'ms', JSON.stringify(times[i])));
await browser.close(); for (const s of servers) await s.close(); process.exit(0);
