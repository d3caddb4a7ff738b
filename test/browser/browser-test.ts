import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { chromiumMissing, launchChromium } from './chromium.js';

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const BUILD = fileURLToPath(new URL('../../scripts/build-web.mjs', import.meta.url));

/**
 * The frame of every browser test: Debian's Chromium (absent: fail in CI,
 * skip with the reason elsewhere), a built web app, a fresh server, one page.
 * A failure saves `<name>-failure.png`; uncaught page errors fail the test.
 */
export async function inBrowser(t: { skip(msg: string): void }, name: string, run: (page: Page, server: TestServer) => Promise<void>): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    if (process.env['CI']) throw new Error(`browser suite cannot run in CI: ${missing}`);
    console.log(`skipping browser test: ${missing}`);
    t.skip(missing);
    return;
  }
  // The server serves web/dist; a fresh clone has none (a no-op when current).
  const r = spawnSync(process.execPath, [BUILD, '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`web build failed (exit ${r.status ?? r.signal ?? 'unknown'})`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startTestServer();
  const browser = await launchChromium().catch(async (e: unknown) => { await server.stop(); throw e; });
  try {
    // A persistent context opens with one blank tab: drive that one.
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      await run(page, server);
    } catch (err) {
      // What the browser showed when it went wrong is the first thing to look at.
      await page.screenshot({ path: join(ARTIFACTS, `${name}-failure.png`), fullPage: true }).catch(() => {});
      throw err;
    }
    if (pageErrors.length > 0) throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
