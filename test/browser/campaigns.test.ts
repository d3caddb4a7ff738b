import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '../helpers/server.js';
import { runCampaignsScenario } from './campaigns-scenario.js';
import { chromiumMissing, launchChromium } from './chromium.js';

const artifacts = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const buildScript = fileURLToPath(new URL('../../scripts/build-web.mjs', import.meta.url));

function buildWebApp(): void {
  const r = spawnSync(process.execPath, [buildScript, '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`web build failed (exit ${r.status ?? r.signal ?? 'unknown'})`);
}

void test('an admin lists a DNC number, creates a campaign, imports leads and previews who would be dialed', { timeout: 180_000 }, async (t) => {
  const missing = chromiumMissing();
  if (missing) {
    if (process.env['CI']) throw new Error(`browser suite cannot run in CI: ${missing}`);
    console.log(`skipping browser test: ${missing}`);
    t.skip(missing);
    return;
  }
  buildWebApp();
  const server = await startTestServer();
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    browser = await launchChromium();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await runCampaignsScenario(page, {
        url: server.url.replace(/\/$/, ''), email: server.adminEmail, password: server.adminPassword, artifacts, suffix: String(process.pid),
      });
    } catch (err) {
      await page.screenshot({ path: join(artifacts, 'campaigns-failure.png'), fullPage: true }).catch(() => {});
      throw err;
    }
    if (pageErrors.length > 0) throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
  } finally {
    await browser?.close();
    await server.stop();
  }
});
