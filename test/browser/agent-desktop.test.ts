// The agent desktop end to end: an agent logs in in Chromium (fake
// microphone playing 1000 Hz), goes available; a SIP caller (baresip,
// 600 Hz) calls the demo-style number and presses 2; the page rings, the
// agent answers in the page; each side hears the other's tone; a key on the
// page's pad reaches the caller; hold and resume; the desktop WebSocket is cut mid-call and
// comes back with the call still up and audio still flowing; hold through the REST API
// shows in the page; the page is reloaded mid-call and the call's audio comes back, a supervisor
// listening from a desk phone staying on through it; the agent
// hangs up and is in wrap-up, and puts the caller on the do-not-call list.
// Screenshots: ringing, talking, wrap-up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { ToneGenerator } from '../../src/media/tone/tone-generator.js';
import { readWavFile } from '../../src/media/wav/wav-reader.js';
import { encodeWav } from '../../src/media/wav/wav-writer.js';
import { interactions } from '../../src/store/schema.js';
import { baresipMissing } from '../interop/helpers/baresip.js';
import { hears, middle, until, voiceRig, type VoiceRig } from '../interop/helpers/voice-rig.js';
import { captureClock, toneShare } from '../helpers/tone-share.js';
import { ARTIFACTS, pageHears, RECORD_PEER_CONNECTIONS } from './browser-test.js';
import { chromiumMissing, launchChromium, type LaunchedBrowser } from './chromium.js';
import { fakeMediaArgs } from './fixtures/webrtc-phone-page.js';

const CALLER_HZ = 600;
const PAGE_HZ = 1000;
const SUPERVISOR_HZ = 2200;
const NUMBER = '+15125550177';

const missing = chromiumMissing() ?? baresipMissing() ?? null;
let rig: VoiceRig | undefined;
let browser: LaunchedBrowser | undefined;

before(async () => {
  if (missing !== null) return;
  const r = spawnSync(process.execPath, [new URL('../../scripts/build-web.mjs', import.meta.url).pathname, '--if-stale'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
  mkdirSync(ARTIFACTS, { recursive: true });
  rig = await voiceRig();
  const wav = join(rig.dir, `page-mic-${PAGE_HZ}hz.wav`);
  writeFileSync(wav, encodeWav({ encoding: 'pcm16', channels: 1, sampleRate: 48_000 }, new ToneGenerator([PAGE_HZ], -10, 48_000).next(48_000 * 2)));
  browser = await launchChromium(fakeMediaArgs(wav));
});
after(async () => {
  await browser?.close();
  await rig?.close();
});

/** The interaction the agent handled. */
async function handledBy(rig: VoiceRig, agentId: string): Promise<typeof interactions.$inferSelect> {
  await rig.server.sb.routing.flush();
  const rows = await rig.server.sb.database.db.select().from(interactions).where(eq(interactions.agentId, agentId));
  assert.equal(rows.length, 1, 'one interaction handled');
  return rows[0];
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `agent-desktop-${name}.png`), fullPage: true });
}

void test('an agent takes a call in the browser: rings, answers, audio both ways, DTMF, survives a dropped socket, wraps up', { timeout: 150_000 }, async (t) => {
  if (missing !== null) {
    if (process.env['CI']) throw new Error(`agent desktop test cannot run in CI: ${missing}`);
    console.log(`skipping agent desktop test: ${missing}`);
    t.skip(missing);
    return;
  }
  assert.ok(rig && browser);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    // Set-up through the API: a queue with a long wrap-up, an IVR whose 2 leads to it, an agent user.
    await rig.queue('Desk Support', {
      wrap_up_s: 90, dispositions: ['Resolved', 'Follow-up needed', 'Wrong number'],
      script: '**Greet:** "Northwind support, this is {{agent.name}}. How can I help?"\n\n- Confirm the caller\'s number: {{caller}}\n- Ask for the order number\n- Offer a callback if the fix takes long',
    });
    const flowId = await rig.flow('Desk main line', [
      { id: 'start', answer: {} },
      { id: 'menu', menu: { options: { '2': 'support' }, timeout_s: 8, retries: 1 } },
      { id: 'support', enqueue: { queue: 'Desk Support' } },
    ]);
    await rig.number(NUMBER, flowId);
    const email = `desk.agent.${Date.now()}@example.com`;
    const user = await rig.api.req('POST', '/api/v1/users', { email, name: 'Dana Reyes', role: 'agent', password: 'desk-agent-pw-1', client_ids: [rig.clientId] });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    const agent = await rig.agent('2951', { name: 'Dana Reyes', user_id: user.body.id });
    const desktop = rig.server.sb.desktop;
    assert.ok(desktop, 'the desktop hub runs');

    // Log in: an agent lands on the desktop.
    await page.addInitScript(RECORD_PEER_CONNECTIONS);
    await page.goto(`${rig.server.url}/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('desk-agent-pw-1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('state-bar').waitFor();
    assert.equal(new URL(page.url()).pathname, '/agent');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agent desktop' }).waitFor();
    assert.match(await page.getByTestId('agent-state').innerText(), /Logged out/);

    await page.getByRole('button', { name: 'Available', exact: true }).click();
    await page.getByTestId('agent-state').filter({ hasText: 'Available' }).waitFor();
    assert.equal((await rig.api.req('GET', `/api/v1/agents/${agent.id}/state`)).body.state, 'available');

    // The caller dials and presses 2: the page rings with the caller's number and the queue.
    const caller = await rig.callerPhone(CALLER_HZ, '+15125559876');
    caller.command('dial', `sip:${NUMBER}@127.0.0.1:${rig.sipPort}`);
    assert.ok(await caller.waitFor('CALL_ESTABLISHED', 10_000), `IVR answered:\n${caller.log.slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 800));
    caller.command('sndcode', '2');
    const ringing = page.getByTestId('ringing');
    await ringing.waitFor();
    assert.match(await ringing.innerText(), /\+15125559876/);
    assert.match(await ringing.innerText(), /Desk Support/);
    const pop = page.getByTestId('screen-pop');
    await pop.getByText('Northwind support, this is Dana Reyes').waitFor();
    assert.match(await pop.innerText(), /Confirm the caller's number: \+15125559876/);
    await shot(page, 'ringing');

    // Answer with the keyboard shortcut.
    await page.keyboard.press('a');
    await page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor({ timeout: 15_000 });
    assert.match(await page.getByTestId('agent-state').innerText(), /On a call/);

    // The caller's tone reaches the page.
    const heard = await pageHears(page, 1500);
    assert.ok(Math.abs(heard.hz - CALLER_HZ) < 30, `the page hears the caller's ${CALLER_HZ} Hz (peak ${heard.hz.toFixed(0)} Hz, share ${heard.share.toFixed(2)})`);

    // A key on the page's pad reaches the caller as RFC 4733.
    await page.getByRole('button', { name: 'Key 5' }).click();
    assert.ok(await until(() => caller.events.some((e) => e.type === 'CALL_DTMF_START' && e.param === '5'), 5000),
      `the caller received DTMF 5:\n${JSON.stringify(caller.events.slice(-5))}\n${caller.log.slice(-800)}`);
    await shot(page, 'talking');

    // Hold: the caller gets music, the agent no longer hears the caller's tone; Resume brings it back.
    await page.getByRole('button', { name: 'Hold' }).click();
    await page.getByTestId('call-status').filter({ hasText: 'On hold' }).waitFor();
    assert.equal(rig.server.sb.voice?.liveCalls().find((c) => c.agentId === agent.id)?.holding, true);
    await new Promise((r) => setTimeout(r, 500)); // the jitter buffer's last packets and concealment fade out
    const held = await pageHears(page, 1000);
    assert.ok(held.power < heard.power / 100, `on hold the page hears (next to) nothing: ${held.power.toExponential(2)} vs ${heard.power.toExponential(2)} talking`);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();

    // A transfer the client's dial plan forbids: the page says why, the conversation goes on.
    await page.getByRole('button', { name: 'Transfer' }).click();
    await page.getByRole('radio', { name: 'Number' }).click();
    await page.getByLabel('Number').fill('+33142000000');
    await page.getByRole('button', { name: 'Transfer now' }).click();
    await page.getByRole('alert').filter({ hasText: 'dial plan does not allow +33142000000' }).waitFor();
    await page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();

    // The desktop socket drops mid-call: the page reconnects, the call is still there and audio still flows.
    const connectedBefore = await page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)?.connectionState);
    assert.equal(connectedBefore, 'connected');
    desktop.drop(agent.id, 'test: network blip');
    await page.getByText('Reconnecting…').waitFor({ timeout: 5000 });
    await page.getByText('Reconnecting…').waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();
    const after = await pageHears(page, 1500);
    assert.ok(Math.abs(after.hz - CALLER_HZ) < 30, `after the reconnect the page still hears ${CALLER_HZ} Hz (peak ${after.hz.toFixed(0)} Hz)`);
    assert.equal(rig.server.sb.voice?.liveCalls().find((c) => c.agentId === agent.id)?.state, 'talking', 'the conversation went on');

    // Hold through the REST API (a supervisor, a CRM integration): the page shows it, and shows the resume.
    const liveId = rig.server.sb.voice?.liveCalls().find((c) => c.agentId === agent.id)?.interactionId;
    assert.ok(liveId);
    assert.equal((await rig.api.req('POST', `/api/v1/interactions/${liveId}/call/hold`)).status, 200);
    await page.getByTestId('call-status').filter({ hasText: 'On hold' }).waitFor({ timeout: 3000 });
    assert.equal((await rig.api.req('POST', `/api/v1/interactions/${liveId}/call/unhold`)).status, 200);
    await page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor({ timeout: 3000 });

    // A supervisor listens from a desk phone, and stays on through the reload below.
    const sup = await rig.agent('2959', { skills: [] });
    const supPhone = await rig.agentPhone('2959', sup.password, SUPERVISOR_HZ);
    const listen = await rig.api.req('POST', `/api/v1/interactions/${liveId}/call/monitor`, { extension: '2959', mode: 'listen' });
    assert.equal(listen.body.ok, true, JSON.stringify(listen.body));
    assert.ok(await supPhone.waitFor('CALL_ESTABLISHED', 10_000), 'the supervisor\'s phone answered');

    // The agent reloads the page mid-call: the page comes back with the call and a new peer connection; audio flows again.
    const pcsBefore = await page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.length);
    assert.equal(pcsBefore, 1);
    await page.reload();
    await page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor({ timeout: 15_000 });
    // (The init script runs again on reload: __pcs holds only the reloaded page's peer connections.)
    await page.waitForFunction(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)?.connectionState === 'connected', undefined, { timeout: 10_000 });
    await page.getByText('Reconnecting audio…').waitFor({ state: 'detached', timeout: 5000 });
    const reloaded = await pageHears(page, 1500);
    assert.ok(Math.abs(reloaded.hz - CALLER_HZ) < 30, `after the reload the page hears the caller's ${CALLER_HZ} Hz again (peak ${reloaded.hz.toFixed(0)} Hz)`);
    assert.equal(rig.server.sb.voice?.liveCalls().find((c) => c.agentId === agent.id)?.state, 'talking', 'the conversation survived the reload');
    assert.ok(!caller.events.some((e) => e.type === 'CALL_CLOSED'), 'the caller was never hung up');
    // The supervisor is still listening, and hears the reloaded page and the caller.
    assert.equal(rig.server.sb.voice?.liveCalls().find((c) => c.agentId === agent.id)?.monitoring, 'listen', 'the monitor survived the reload');
    const backAt = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    const stopAt = Date.now();
    assert.equal((await rig.api.req('POST', `/api/v1/interactions/${liveId}/call/monitor/stop`)).status, 200);
    assert.ok(await supPhone.waitFor('CALL_CLOSED', 5000), 'stopping hung the supervisor\'s phone up');
    assert.equal(supPhone.count('CALL_CLOSED'), 1, 'the supervisor\'s phone was never hung up before');
    const supHeard = (await readWavFile(supPhone.receivedWavs().at(-1)!)).samples;
    const s = captureClock(supHeard, stopAt);
    const afterReload = middle(supHeard, s(backAt) + 0.3, s(stopAt) - 0.2);
    assert.ok(toneShare(afterReload, PAGE_HZ) > 0.2 && toneShare(afterReload, CALLER_HZ) > 0.2,
      `after the reload the supervisor hears the page's ${PAGE_HZ} Hz (share ${toneShare(afterReload, PAGE_HZ).toFixed(3)}) and the caller's ${CALLER_HZ} Hz (share ${toneShare(afterReload, CALLER_HZ).toFixed(3)})`);
    await page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();

    // The agent hangs up (H): wrap-up with its countdown.
    await page.keyboard.press('h');
    await page.getByTestId('call-status').filter({ hasText: 'Wrap-up' }).waitFor();
    await page.getByTestId('agent-state').filter({ hasText: 'Wrap-up' }).waitFor();
    assert.match(await page.getByTestId('wrap-countdown').innerText(), /^1:(30|[0-2]\d) left$/);
    assert.equal((await rig.api.req('GET', `/api/v1/agents/${agent.id}/state`)).body.state, 'wrap_up');
    // Disposition, notes, resolved: saved on the interaction (wrap-up goes on until ended).
    const wrap = page.getByTestId('wrap-up');
    await wrap.getByLabel('Disposition').selectOption('Resolved');
    await wrap.getByLabel(/Problem resolved/).check();
    await wrap.getByLabel('Notes').fill('Reset the customer\'s router remotely.');
    await shot(page, 'wrap-up');
    await wrap.getByRole('button', { name: 'Save' }).click();
    await wrap.getByRole('button', { name: 'Saved ✓' }).waitFor();
    const row = await handledBy(rig, agent.id);
    assert.equal(row.disposition, 'Resolved');
    assert.equal(row.notes, 'Reset the customer\'s router remotely.');
    assert.equal(row.outcome, 'answered');
    // The caller asked not to be called again: on the client's do-not-call list, added by the agent.
    await page.getByRole('button', { name: 'Add to do-not-call' }).click();
    await page.getByRole('group', { name: 'Add to do-not-call' }).getByRole('button', { name: 'Yes, add it' }).click();
    await page.getByRole('button', { name: 'On the do-not-call list ✓' }).waitFor();
    const dnc = (await rig.api.req('GET', '/api/v1/dnc?q=5125559876')).body;
    assert.deepEqual(dnc.items.map((e: { phone: string; client_id: string; source: string }) => [e.phone, e.client_id, e.source]), [['+15125559876', rig.clientId, 'agent']]);

    // The page's microphone tone reached the caller (what baresip decoded, in 1 s windows).
    caller.command('hangup');
    await caller.waitFor('CALL_CLOSED', 5000);
    const got = (await readWavFile(caller.receivedWavs().at(-1)!)).samples;
    let windows = 0;
    for (let s = 0; s + 8000 <= got.length; s += 8000) if (hears(got.subarray(s, s + 8000), PAGE_HZ, CALLER_HZ)) windows++;
    assert.ok(windows >= 3, `the caller heard the page's ${PAGE_HZ} Hz in ${windows} one-second windows`);

    // W ends wrap-up: available again, the call panel clears.
    await page.keyboard.press('w');
    await page.getByTestId('agent-state').filter({ hasText: 'Available' }).waitFor();
    await page.getByTestId('call').waitFor({ state: 'detached' });
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  } catch (err) {
    await page.screenshot({ path: join(ARTIFACTS, 'agent-desktop-failure.png'), fullPage: true }).catch(() => undefined);
    throw err;
  }
});
