import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ToneGenerator } from '../../src/media/tone/tone-generator.js';
import { encodeWav } from '../../src/media/wav/wav-writer.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { chromiumMissing, launchChromium, type LaunchedBrowser } from './chromium.js';
import { fakeMediaArgs } from './fixtures/webrtc-phone-page.js';

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const BUILD = fileURLToPath(new URL('../../scripts/build-web.mjs', import.meta.url));

/** Builds web/dist (the server serves it; a fresh clone has none), a no-op when current; makes test-artifacts/. */
export function buildWebApp(): void {
  const r = spawnSync(process.execPath, [BUILD, '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`web build failed (exit ${r.status ?? r.signal ?? 'unknown'})`);
  mkdirSync(ARTIFACTS, { recursive: true });
}

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
  buildWebApp();
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

/** Chromium whose fake microphone plays one sine at `hz` (a 48 kHz WAV written into `dir`), for the WebRTC pages. */
export async function launchWithMicTone(hz: number, dir: string): Promise<LaunchedBrowser> {
  const wav = join(dir, `page-mic-${hz}hz.wav`);
  writeFileSync(wav, encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 48_000 }, new ToneGenerator([hz], -10, 48_000).next(48_000 * 2)));
  return launchChromium(fakeMediaArgs(wav));
}

/** Logs in through the login page; the app then shows the user's home page. */
export async function logIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/**
 * Test-side instrument, not part of the product (`page.addInitScript` it
 * before the page loads): keeps every peer connection the page makes in
 * `window.__pcs`, so `pageHears` can listen to what the page receives.
 */
export const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = function (...args) { const pc = new Native(...args); window.__pcs.push(pc); return pc; };
  window.RTCPeerConnection.prototype = Native.prototype;
  Object.setPrototypeOf(window.RTCPeerConnection, Native);
})();`;

export interface PageEar {
  /** The loudest frequency (Hz), its share of all the power, the mean power per 100 ms look. */
  hz: number;
  share: number;
  power: number;
  /** Share of all the power within ±12 Hz of each asked-for frequency, in the order asked. */
  tones: number[];
  /** The newest connected peer connection's state, or 'none'. */
  connection: string;
}

/**
 * What the page receives on its newest connected peer connection over `ms`
 * (WebAudio analyser, 8192-point FFT every 100 ms). Chromium feeds a remote
 * track to WebAudio only while a media element plays it: the softphone's
 * <audio> and the monitor's speaker do.
 */
export async function pageHears(page: Page, ms: number, tones: readonly number[] = []): Promise<PageEar> {
  return page.evaluate(async ({ ms, tones }) => {
    const pcs = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
    const pc = pcs.filter((p) => p.connectionState === 'connected').at(-1);
    const track = pc?.getReceivers()[0]?.track;
    if (!pc || !track) return { hz: 0, share: 0, power: 0, tones: tones.map(() => 0), connection: pcs.at(-1)?.connectionState ?? 'none' };
    const ctx = new AudioContext();
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0;
    ctx.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const sum = new Float32Array(analyser.frequencyBinCount);
    const end = performance.now() + ms;
    let n = 0;
    while (performance.now() < end) {
      n++;
      await new Promise((r) => setTimeout(r, 100));
      analyser.getFloatFrequencyData(bins);
      for (let i = 0; i < bins.length; i++) sum[i] += 10 ** (bins[i] / 10);
    }
    const binHz = ctx.sampleRate / analyser.fftSize;
    let peak = 2;
    for (let i = 2; i < sum.length; i++) if (sum[i] > sum[peak]) peak = i;
    const power = sum.reduce((a, b) => a + b, 0);
    const total = power || 1; // shares of silence are 0, not NaN
    // No named functions in here: tsx's keepNames would wrap them in a helper the page does not have.
    const near = tones.map((hz) => {
      let p = 0;
      for (let i = Math.max(0, Math.floor((hz - 12) / binHz)); i <= Math.ceil((hz + 12) / binHz) && i < sum.length; i++) p += sum[i];
      return p / total;
    });
    await ctx.close();
    return { hz: peak * binHz, share: sum[peak] / total, power: power / Math.max(1, n), tones: near, connection: pc.connectionState };
  }, { ms, tones });
}
