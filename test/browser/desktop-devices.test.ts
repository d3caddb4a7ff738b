// The desktop with each device: agent A works on a desk phone (baresip,
// 800 Hz) with the page open, agent B in the browser (Chromium, fake mic
// 1000 Hz). A caller (600 Hz) reaches A: A's page shows the ringing desk
// phone with the screen pop, then the call; hold and resume from the page
// act on the phone's call. A consults B from the page: B's page rings as a
// colleague's consultation, B is busy in routing meanwhile, A and B talk
// while the caller waits; A completes from the page and B has the caller,
// as B's own routed call, through to wrap-up. A's device choice is stored
// with the agent and comes back on reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { readWavFile } from '../../src/media/wav/wav-reader.js';
import { agents, interactions } from '../../src/store/schema.js';
import { baresipMissing } from '../interop/helpers/baresip.js';
import { eventually, hears, middle, voiceRig, type VoiceRig } from '../interop/helpers/voice-rig.js';
import { ARTIFACTS, buildWebApp, launchWithMicTone, logIn, pageHears, RECORD_PEER_CONNECTIONS } from './browser-test.js';
import { chromiumMissing, launchChromium, type LaunchedBrowser } from './chromium.js';

const CALLER_HZ = 600;
const PHONE_HZ = 800;
const PAGE_HZ = 1000;
const NUMBER = '+15125550188';

const missing = chromiumMissing() ?? baresipMissing() ?? null;
let rig: VoiceRig | undefined;
let browserA: LaunchedBrowser | undefined;
let browserB: LaunchedBrowser | undefined;

before(async () => {
  if (missing !== null) return;
  buildWebApp();
  rig = await voiceRig();
  browserA = await launchChromium();
  browserB = await launchWithMicTone(PAGE_HZ, rig.dir);
});
after(async () => {
  await browserA?.close();
  await browserB?.close();
  await rig?.close();
});

async function agentUser(r: VoiceRig, extension: string, name: string): Promise<{ id: string; email: string; password: string; sipPassword: string }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.com`;
  const password = `pw-${extension}-desk-1`;
  const user = await r.api.req('POST', '/api/v1/users', { email, name, role: 'agent', password, client_ids: [r.clientId] });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  const agent = await r.agent(extension, { name, user_id: user.body.id });
  return { id: agent.id, email, password, sipPassword: agent.password };
}

async function openDesktop(browser: LaunchedBrowser, r: VoiceRig, who: { email: string; password: string }): Promise<{ page: Page; errors: string[] }> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(RECORD_PEER_CONNECTIONS);
  await logIn(page, r.server.url, who.email, who.password);
  await page.getByTestId('state-bar').waitFor();
  return { page, errors };
}

const state = async (r: VoiceRig, agentId: string): Promise<string> => (await r.api.req('GET', `/api/v1/agents/${agentId}/state`)).body.state as string;

void test('a desk-phone agent follows and controls the call in the page, and consults a colleague who answers in the browser', { timeout: 180_000 }, async (t) => {
  if (missing !== null) {
    if (process.env['CI']) throw new Error(`desktop devices test cannot run in CI: ${missing}`);
    console.log(`skipping desktop devices test: ${missing}`);
    t.skip(missing);
    return;
  }
  assert.ok(rig && browserA && browserB);
  const r = rig;
  let a: { page: Page; errors: string[] } | undefined;
  let b: { page: Page; errors: string[] } | undefined;
  try {
    await r.queue('Devices Desk', { wrap_up_s: 60, script: 'Hello {{caller}}' });
    const flowId = await r.flow('Devices line', [{ id: 'start', answer: {} }, { id: 'q', enqueue: { queue: 'Devices Desk' } }]);
    await r.number(NUMBER, flowId);
    const ana = await agentUser(r, '2981', 'Ana Deskphone');
    const ben = await agentUser(r, '2982', 'Ben Browser');
    const phoneA = await r.agentPhone('2981', ana.sipPassword, PHONE_HZ, false);

    // Ana chooses her desk phone: stored with her agent record.
    a = await openDesktop(browserA, r, ana);
    await a.page.getByLabel('Take calls on').selectOption('sip_phone');
    await a.page.getByText('Calls ring on your desk phone.').waitFor();
    const [stored] = await r.server.sb.database.db.select({ device: agents.device }).from(agents).where(eq(agents.id, ana.id));
    assert.equal(stored.device, 'sip_phone', 'the device choice is stored with the agent');
    // (A desk phone that registers logs its agent in: she may be available already.)
    const availableA = a.page.getByRole('button', { name: 'Available', exact: true });
    if (await availableA.isEnabled()) await availableA.click();
    await a.page.getByTestId('agent-state').filter({ hasText: 'Available' }).waitFor();

    // The caller reaches Ana: her desk phone rings and the page shows it, with the screen pop.
    const caller = await r.callerPhone(CALLER_HZ, '+15125554321');
    caller.command('dial', `sip:${NUMBER}@127.0.0.1:${r.sipPort}`);
    assert.ok(await caller.waitFor('CALL_ESTABLISHED', 10_000), 'the IVR answered');
    assert.ok(await phoneA.waitFor('CALL_INCOMING', 10_000), 'Ana\'s desk phone rings');
    const ringing = a.page.getByTestId('ringing-desk-phone');
    await ringing.waitFor();
    assert.match(await a.page.getByTestId('ringing').innerText(), /\+15125554321/);
    assert.equal(await a.page.getByRole('button', { name: /Answer/ }).count(), 0, 'no Answer button for a call ringing on the desk phone');
    await a.page.getByTestId('screen-pop').getByText('Hello +15125554321').waitFor();
    await a.page.screenshot({ path: join(ARTIFACTS, 'desktop-devices-desk-phone-ringing.png'), fullPage: true });

    phoneA.command('accept');
    await a.page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();
    await a.page.getByTestId('call-device').filter({ hasText: 'Desk phone' }).waitFor();
    assert.equal(await a.page.getByRole('group', { name: 'Keypad' }).count(), 0, 'no keypad: the desk phone has its own');

    // Hold and resume from the page act on the desk phone's call.
    await a.page.getByRole('button', { name: 'Hold' }).click();
    await a.page.getByTestId('call-status').filter({ hasText: 'On hold' }).waitFor();
    assert.equal(r.server.sb.voice?.liveCalls().find((c) => c.agentId === ana.id)?.holding, true);
    await a.page.getByRole('button', { name: 'Resume' }).click();
    await a.page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();

    // Ben comes on in the browser; Ana consults him from her page.
    b = await openDesktop(browserB, r, ben);
    await b.page.getByRole('button', { name: 'Available', exact: true }).click();
    await b.page.getByTestId('agent-state').filter({ hasText: 'Available' }).waitFor();
    await a.page.getByRole('button', { name: 'Transfer' }).click();
    await a.page.getByLabel('Colleague').selectOption({ label: 'Ben Browser · 2982' });
    await a.page.getByRole('button', { name: 'Consult first' }).click();
    const bRinging = b.page.getByTestId('ringing');
    await bRinging.waitFor();
    assert.match(await bRinging.innerText(), /Ana Deskphone is transferring a caller to you/);
    assert.equal(await state(r, ben.id), 'busy', 'Ben is busy in routing from the consultation\'s first ring');
    await b.page.getByRole('button', { name: /Answer/ }).click();
    await b.page.getByTestId('call-consult').filter({ hasText: 'Ana Deskphone is consulting you' }).waitFor();
    await b.page.getByTestId('screen-pop').getByText('Hello +15125554321').waitFor(); // the consulted agent sees who is coming
    assert.equal(await b.page.getByTestId('wrap-up').count(), 0, 'no wrap-up for a call that is not theirs yet');
    await a.page.getByTestId('call-status').filter({ hasText: 'Consulting' }).waitFor();
    await a.page.getByTestId('consulting-with').filter({ hasText: 'with Ben Browser' }).waitFor();
    const consultEar = await pageHears(b.page, 1500, [PHONE_HZ, CALLER_HZ]);
    assert.ok(consultEar.tones[0] > 0.3 && consultEar.tones[1] < 0.05,
      `consulting, Ben hears Ana (${PHONE_HZ} Hz share ${consultEar.tones[0].toFixed(2)}), not the caller (${consultEar.tones[1].toFixed(2)})`);
    assert.equal(await b.page.getByRole('button', { name: 'Hold' }).count(), 0, 'the consulted agent cannot hold or transfer a call that is not theirs yet');
    await b.page.screenshot({ path: join(ARTIFACTS, 'desktop-devices-consulted.png'), fullPage: true });

    // Ana completes: she goes to wrap-up, Ben has the caller as his own routed call.
    const [first] = await r.server.sb.database.db.select().from(interactions).where(eq(interactions.agentId, ana.id));
    await a.page.getByRole('button', { name: 'Complete transfer' }).click();
    assert.ok(await phoneA.waitFor('CALL_CLOSED', 5000), 'Ana\'s phone was released');
    await a.page.getByTestId('call-status').filter({ hasText: 'Wrap-up' }).waitFor();
    await b.page.getByTestId('call-consult').waitFor({ state: 'detached' });
    await b.page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();
    await b.page.getByRole('button', { name: 'Hold' }).waitFor();
    const talkEar = await pageHears(b.page, 1500, [CALLER_HZ, PHONE_HZ]);
    assert.ok(talkEar.tones[0] > 0.3, `after the transfer Ben hears the caller (${CALLER_HZ} Hz share ${talkEar.tones[0].toFixed(2)})`);
    const cont = await eventually(() => r.server.sb.database.db.select().from(interactions).where(eq(interactions.parentId, first.id)),
      (rows) => rows.length === 1 && rows[0].agentId === ben.id);
    assert.equal(cont[0]?.agentId, ben.id, 'the continued interaction is Ben\'s');
    await b.page.waitForFunction((id) => document.querySelector('[data-testid="screen-pop"]')?.textContent?.includes('Hello') === true && id.length > 0, cont[0].id);

    // Ben hangs up: his wrap-up; the caller heard Ben's microphone after the transfer.
    await b.page.keyboard.press('h');
    await b.page.getByTestId('call-status').filter({ hasText: 'Wrap-up' }).waitFor();
    assert.equal(await state(r, ben.id), 'wrap_up');
    caller.command('hangup');
    await caller.waitFor('CALL_CLOSED', 5000);
    const got = (await readWavFile(caller.receivedWavs().at(-1)!)).samples;
    assert.ok(hears(middle(got, got.length / 8000 - 3, got.length / 8000 - 1), PAGE_HZ, PHONE_HZ), 'the caller talked with Ben at the end');

    // Ana reloads: her desk phone choice comes back from the server.
    await a.page.reload();
    await a.page.getByTestId('state-bar').waitFor();
    assert.equal(await a.page.getByLabel('Take calls on').inputValue(), 'sip_phone');
    assert.deepEqual([...a.errors, ...b.errors], [], 'no uncaught errors in the pages');
  } catch (err) {
    await a?.page.screenshot({ path: join(ARTIFACTS, 'desktop-devices-failure-a.png'), fullPage: true }).catch(() => undefined);
    await b?.page.screenshot({ path: join(ARTIFACTS, 'desktop-devices-failure-b.png'), fullPage: true }).catch(() => undefined);
    throw err;
  }
});
