// A supervisor monitors a live call from the wallboard's own controls: a
// baresip caller (600 Hz) talks to an agent's baresip phone (1400 Hz); the
// supervisor (Chromium, its microphone a 2200 Hz tone) finds the agent in
// the Agents table, presses Listen, confirms "This browser" in the dialog
// and hears the call in the page; Whisper: the agent hears the supervisor,
// the caller never does; Stop: the supervisor's leg ends, the conversation
// goes on. Screenshots: the monitor dialog, the board while listening.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { readWavFile } from '../../src/media/wav/wav-reader.js';
import { callLegs, interactions } from '../../src/store/schema.js';
import { captureClock, toneDbm0, toneShare } from '../helpers/tone-share.js';
import { baresipMissing } from '../interop/helpers/baresip.js';
import { peerUnavailable } from '../interop/helpers/peers.js';
import { eventually, middle, until, voiceRig, type VoiceRig } from '../interop/helpers/voice-rig.js';
import { ARTIFACTS, buildWebApp, launchWithMicTone, logIn, pageHears, RECORD_PEER_CONNECTIONS } from './browser-test.js';
import { chromiumMissing, type LaunchedBrowser } from './chromium.js';

const CALLER_HZ = 600;
const AGENT_HZ = 1400;
const SUPERVISOR_HZ = 2200;
const NUMBER = '+15125550193';
const AGENT_NAME = 'Maya Okafor';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const missing = chromiumMissing() ?? baresipMissing();
let rig: VoiceRig | undefined;
let browser: LaunchedBrowser | undefined;

before(async () => {
  if (missing !== undefined) return;
  buildWebApp();
  rig = await voiceRig();
  browser = await launchWithMicTone(SUPERVISOR_HZ, rig.dir);
});
after(async () => {
  await browser?.close();
  await rig?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `wallboard-monitor-${name}.png`) });
}

void test('a supervisor listens to a call from the wallboard, whispers to the agent, and stops; the call goes on', { timeout: 90_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined || browser === undefined) return;
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    // A queue of its own, one agent on a SIP phone, a supervisor of the demo client.
    const skill = await rig.api.req('POST', '/api/v1/skills', { name: `monitor-${Date.now()}` });
    await rig.queue('Monitor Desk', { required_skills: [{ skill_id: skill.body.id, min_level: 1 }], wrap_up_s: 1 });
    const flowId = await rig.flow('Monitor line', [{ id: 'start', answer: {} }, { id: 'wait', enqueue: { queue: 'Monitor Desk' } }]);
    await rig.number(NUMBER, flowId);
    const agent = await rig.agent('2993', { name: AGENT_NAME, skills: [{ skill_id: skill.body.id, level: 5 }] });
    const agentPhone = await rig.agentPhone('2993', agent.password, AGENT_HZ);
    const email = `supervisor.${Date.now()}@example.com`;
    const user = await rig.api.req('POST', '/api/v1/users', { email, name: 'Rosa Lind', role: 'supervisor', password: 'supervisor-pw-1', client_ids: [rig.clientId] });
    assert.equal(user.status, 201, JSON.stringify(user.body));

    await page.addInitScript(RECORD_PEER_CONNECTIONS);
    await logIn(page, rig.server.url, email, 'supervisor-pw-1');
    await page.getByRole('link', { name: 'Wallboard' }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    const caller = await rig.callerPhone(CALLER_HZ, '+15125557001');
    caller.command('dial', `sip:${NUMBER}@127.0.0.1:${rig.sipPort}`);
    assert.ok(await caller.waitFor('CALL_ESTABLISHED', 10_000), `the line answered:\n${caller.log.slice(-1500)}`);
    assert.ok(await agentPhone.waitFor('CALL_ESTABLISHED', 15_000), `the agent answered:\n${agentPhone.log.slice(-1500)}`);
    const agentFrom = Date.now();
    const db = rig.server.sb.database.db;
    const [row] = await eventually(() => db.select().from(interactions).where(eq(interactions.serviceAddress, NUMBER)), (r) => r.length === 1 && r[0].answeredAt !== null);
    const live = () => rig!.server.sb.voice?.liveCalls().find((c) => c.interactionId === row.id);

    // The agent's row shows the call in hand, with the monitor buttons.
    const agentRow = page.getByRole('table', { name: 'Agents' }).getByRole('row').filter({ hasText: AGENT_NAME });
    await agentRow.getByText('On Monitor Desk').waitFor();
    await agentRow.getByRole('button', { name: `Listen: ${AGENT_NAME}` }).click();
    const listenDialog = page.getByRole('dialog', { name: `Listen: ${AGENT_NAME}` });
    await listenDialog.getByText('You hear the agent and the caller; neither hears you.').waitFor();
    assert.ok(await listenDialog.getByRole('radio', { name: 'This browser (headset)' }).isChecked(), 'a fresh browser listens in the page by default');
    await shot(page, 'dialog');
    await listenDialog.getByRole('button', { name: 'Listen', exact: true }).click();
    await listenDialog.waitFor({ state: 'detached' });
    const stopButton = agentRow.getByRole('button', { name: `Stop monitoring ${AGENT_NAME}` });
    await stopButton.waitFor();
    assert.equal(live()?.monitoring, 'listen');
    assert.equal(await agentRow.getByRole('button', { name: `Listen: ${AGENT_NAME}` }).getAttribute('aria-pressed'), 'true', 'the row shows the mode in force');

    // Listening: the conversation arrives in the page, the supervisor's own microphone does not come back.
    const ear = await pageHears(page, 1500, [CALLER_HZ, AGENT_HZ, SUPERVISOR_HZ]);
    assert.ok(ear.tones[0] > 0.2, `the page hears the caller's ${CALLER_HZ} Hz (share ${ear.tones[0].toFixed(3)}; loudest ${ear.hz.toFixed(0)} Hz)`);
    assert.ok(ear.tones[1] > 0.2, `the page hears the agent's ${AGENT_HZ} Hz (share ${ear.tones[1].toFixed(3)})`);
    assert.ok(ear.tones[2] < 0.01, `the page does not hear its own microphone (share ${ear.tones[2].toFixed(3)})`);
    await agentRow.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, 'listening');
    const listenTo = Date.now();

    // Whisper, from the same row: the same browser leg changes mode.
    await agentRow.getByRole('button', { name: `Whisper: ${AGENT_NAME}` }).click();
    const whisperDialog = page.getByRole('dialog', { name: `Whisper: ${AGENT_NAME}` });
    await whisperDialog.getByText('The agent hears you; the caller does not.').waitFor();
    await whisperDialog.getByRole('button', { name: 'Whisper', exact: true }).click();
    await whisperDialog.waitFor({ state: 'detached' });
    const whisperFrom = Date.now();
    assert.equal(live()?.monitoring, 'whisper');
    await agentRow.getByRole('button', { name: `Whisper: ${AGENT_NAME}`, pressed: true }).filter({ hasText: 'Whispering' }).waitFor({ timeout: 3000 });
    assert.equal(await agentRow.getByRole('button', { name: `Listen: ${AGENT_NAME}` }).getAttribute('aria-pressed'), 'false');
    assert.equal((await pageHears(page, 300)).connection, 'connected', 'the same peer connection goes on carrying the call after the mode change');
    await sleep(2500);
    const whisperTo = Date.now();

    // Stop: the button goes, the supervisor's leg ends, the conversation does not.
    await stopButton.click();
    await stopButton.waitFor({ state: 'detached' });
    await agentRow.getByRole('button', { name: `Listen: ${AGENT_NAME}` }).waitFor();
    const stoppedAt = Date.now();
    const [supLeg] = await eventually(() => db.select().from(callLegs).where(and(eq(callLegs.interactionId, row.id), eq(callLegs.role, 'supervisor'))),
      (l) => l.length === 1 && l[0].endedAt !== null, 5000);
    assert.ok(supLeg?.endedAt, 'the supervisor\'s browser leg is closed in the call record');
    assert.ok(await until(() => live()?.monitoring === undefined, 3000), 'nobody monitors the call any more');
    assert.equal(live()?.state, 'talking', 'the conversation goes on');
    assert.equal((await pageHears(page, 100)).connection, 'closed', 'the page let its peer connection go');
    await sleep(2000);
    assert.equal(agentPhone.count('CALL_CLOSED'), 0, 'the agent is still on the call');
    const hungUpAt = Date.now();
    caller.command('hangup');
    assert.ok(await agentPhone.waitFor('CALL_CLOSED', 5000), 'the agent was hung up when the caller left');

    // What each phone heard, cut at the moments above.
    const agentHeard = (await readWavFile(agentPhone.receivedWavs().at(-1)!)).samples;
    const a = captureClock(agentHeard, hungUpAt);
    const listening = middle(agentHeard, a(agentFrom) + 0.5, a(listenTo) - 0.2);
    const whispering = middle(agentHeard, a(whisperFrom) + 0.6, a(whisperTo) - 0.2);
    const afterStop = middle(agentHeard, a(stoppedAt) + 0.6, a(hungUpAt) - 0.2);
    // (The page turns the browser's voice processing off, as the softphone does: the fake mic's tone arrives near its own level.)
    const level = (s: Int16Array) => toneDbm0(s, SUPERVISOR_HZ).toFixed(1);
    assert.ok(toneDbm0(listening, SUPERVISOR_HZ) < -60, `listening, the agent does not hear the supervisor (${level(listening)} dBm0)`);
    assert.ok(toneDbm0(whispering, SUPERVISOR_HZ) > -20, `whispering, the agent hears the supervisor (${level(whispering)} dBm0)`);
    assert.ok(toneDbm0(whispering, CALLER_HZ) > -20 && toneShare(whispering, CALLER_HZ) > 0.3,
      `…and still the caller (${toneDbm0(whispering, CALLER_HZ).toFixed(1)} dBm0, share ${toneShare(whispering, CALLER_HZ).toFixed(3)})`);
    assert.ok(toneDbm0(afterStop, SUPERVISOR_HZ) < -60 && toneShare(afterStop, CALLER_HZ) > 0.9,
      `after stop the agent hears the caller alone (supervisor ${level(afterStop)} dBm0, caller share ${toneShare(afterStop, CALLER_HZ).toFixed(3)})`);
    const callerHeard = (await readWavFile(caller.receivedWavs().at(-1)!)).samples;
    const c = captureClock(callerHeard, hungUpAt);
    const callerTalking = middle(callerHeard, c(agentFrom) + 0.5, c(hungUpAt) - 0.2);
    assert.ok(toneDbm0(callerTalking, SUPERVISOR_HZ) < -60, `the caller never hears the supervisor (${level(callerTalking)} dBm0)`);
    const callerAfter = middle(callerHeard, c(stoppedAt) + 0.6, c(hungUpAt) - 0.2);
    assert.ok(toneShare(callerAfter, AGENT_HZ) > 0.9, `after stop the caller still hears the agent (share ${toneShare(callerAfter, AGENT_HZ).toFixed(3)})`);

    // Listening, whispering and stopping are in the audit log under the supervisor's name, in that order.
    const audit = await rig.api.req('GET', '/api/v1/audit?limit=100');
    const steps = (audit.body.items as Array<{ action: string; actor_email: string; entity_id: string; after: { request?: { mode?: string } } }>)
      .filter((e) => e.entity_id === row.id && e.action.startsWith('call.monitor.')).reverse();
    assert.deepEqual(steps.map((e) => [e.actor_email, e.action, e.after.request?.mode ?? null]),
      [[email, 'call.monitor.browser', 'listen'], [email, 'call.monitor.browser', 'whisper'], [email, 'call.monitor.stop', null]]);
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  } catch (err) {
    await page.screenshot({ path: join(ARTIFACTS, 'wallboard-monitor-failure.png'), fullPage: true }).catch(() => undefined);
    throw err;
  }
});
