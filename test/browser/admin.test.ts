import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '../helpers/server.js';
import { runAdminScenario } from './admin-scenario.js';
import { chromiumMissing, launchChromium } from './chromium.js';

const artifacts = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const buildScript = fileURLToPath(new URL('../../scripts/build-web.mjs', import.meta.url));

/** The server serves web/dist; a fresh clone has none, so build it (fast no-op when current). */
function buildWebApp(): void {
  const r = spawnSync(process.execPath, [buildScript, '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`web build failed (exit ${r.status ?? r.signal ?? 'unknown'})`);
}

void test('an admin logs in, creates a client and an agent, renames and disables the client', { timeout: 180_000 }, async (t) => {
  const missing = chromiumMissing();
  if (missing) {
    // CI must have the browser; a developer machine without it just skips, saying why.
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
    // A persistent context opens with one blank tab: drive that one.
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await runAdminScenario(page, {
        url: server.url.replace(/\/$/, ''),
        email: server.adminEmail,
        password: server.adminPassword,
        artifacts,
        suffix: String(process.pid),
      });
    } catch (err) {
      // What the browser showed when it went wrong is the first thing to look at.
      await page.screenshot({ path: join(artifacts, 'failure.png'), fullPage: true }).catch(() => {});
      throw err;
    }
    if (pageErrors.length > 0) throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
  } finally {
    await browser?.close();
    await server.stop();
  }
});
