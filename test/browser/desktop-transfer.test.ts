// Transfers from the agent desktop, end to end: an agent in Chromium (fake
// microphone 1000 Hz) answers a baresip caller (600 Hz) and transfers the
// call with the page's transfer form.
//  a) blind, to a queue: the page goes to wrap-up, the queue's agent (a
//     baresip SIP phone, 1400 Hz) answers and talks with the caller, and the
//     call continues as a new interaction linked to the first;
//  b) warm, to a colleague on a SIP phone (1800 Hz): the page shows
//     "Consulting", the colleague (busy in routing, offered nothing else)
//     talks with the agent while the caller hears hold music; "Complete
//     transfer" joins caller and colleague and puts the agent in wrap-up;
//  c) warm, to a colleague on the browser desktop (a second Chromium,
//     2200 Hz): the colleague's page rings as a consultation, answers, and
//     after "Complete transfer" the call is the colleague's own.
// Screenshots: the transfer form, the consulting state (both sides).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { rmsDbm0 } from '../../src/media/tone/tone-generator.js';
import { readWavFile } from '../../src/media/wav/wav-reader.js';
import { interactions } from '../../src/store/schema.js';
import { captureClock, toneDbm0, toneShare } from '../helpers/tone-share.js';
import { baresipMissing, type Baresip } from '../interop/helpers/baresip.js';
import { peerUnavailable } from '../interop/helpers/peers.js';
import { eventually, middle, voiceRig, type VoiceRig } from '../interop/helpers/voice-rig.js';
import { ARTIFACTS, buildWebApp, launchWithMicTone, logIn, pageHears, RECORD_PEER_CONNECTIONS } from './browser-test.js';
import { chromiumMissing, type LaunchedBrowser } from './chromium.js';

const CALLER_HZ = 600;
const PAGE_HZ = 1000;
const BILLING_HZ = 1400;
const TARGET_HZ = 1800;
const COLLEAGUE_HZ = 2200;
const NUMBER = '+15125550178';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const missing = chromiumMissing() ?? baresipMissing();
let rig: VoiceRig | undefined;
let browser: LaunchedBrowser | undefined;
let colleagueBrowser: LaunchedBrowser | undefined;
/** What the tests share: the agent's page, the two SIP-phone agents, the browser colleague, the queues. */
let desk: {
  page: Page; pageErrors: string[]; agentId: string; billing: { id: string; phone: Baresip }; target: { id: string; phone: Baresip };
  colleague: { id: string; email: string; page: Page; pageErrors: string[] }; billingQueue: string; escalationQueue: string;
} | undefined;

before(async () => {
  if (missing !== undefined) return;
  buildWebApp();
  rig = await voiceRig();
  browser = await launchWithMicTone(PAGE_HZ, rig.dir);
  colleagueBrowser = await launchWithMicTone(COLLEAGUE_HZ, rig.dir);
  // Each agent is reached only through a skill of their own, so nobody is offered another's calls.
  const skill = async (name: string) => (await rig!.api.req('POST', '/api/v1/skills', { name: `${name}-${Date.now()}` })).body.id as string;
  const [front, back, esc] = [await skill('desk-front'), await skill('desk-back'), await skill('desk-esc')];
  await rig.queue('Desk Sales', { required_skills: [{ skill_id: front, min_level: 1 }], wrap_up_s: 60 });
  const billingQueue = await rig.queue('Desk Billing', { required_skills: [{ skill_id: back, min_level: 1 }], wrap_up_s: 1 });
  const escalationQueue = await rig.queue('Desk Escalations', { required_skills: [{ skill_id: esc, min_level: 1 }], wrap_up_s: 1 });
  const flowId = await rig.flow('Desk sales line', [{ id: 'start', answer: {} }, { id: 'wait', enqueue: { queue: 'Desk Sales' } }]);
  await rig.number(NUMBER, flowId);
  const email = `transfer.agent.${Date.now()}@example.com`;
  const user = await rig.api.req('POST', '/api/v1/users', { email, name: 'Jordan Blake', role: 'agent', password: 'transfer-agent-pw-1', client_ids: [rig.clientId] });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  const agent = await rig.agent('2971', { name: 'Jordan Blake', user_id: user.body.id, skills: [{ skill_id: front, level: 5 }] });
  const billing = await rig.agent('2972', { name: 'Lee Park', skills: [{ skill_id: back, level: 5 }] });
  const target = await rig.agent('2973', { name: 'Sam Ortiz', skills: [{ skill_id: esc, level: 5 }] });
  const colleagueEmail = `transfer.colleague.${Date.now()}@example.com`;
  const colleagueUser = await rig.api.req('POST', '/api/v1/users', { email: colleagueEmail, name: 'Ava Chen', role: 'agent', password: 'transfer-agent-pw-2', client_ids: [rig.clientId] });
  assert.equal(colleagueUser.status, 201, JSON.stringify(colleagueUser.body));
  // No skills: only ever reached by a transfer.
  const colleague = await rig.agent('2974', { name: 'Ava Chen', user_id: colleagueUser.body.id, skills: [] });
  const billingPhone = await rig.agentPhone('2972', billing.password, BILLING_HZ);
  const targetPhone = await rig.agentPhone('2973', target.password, TARGET_HZ);

  const [page, pageErrors] = await desktopPage(browser);
  // The transfer directory comes with the desktop's hello: log in once everyone exists.
  await logIn(page, rig.server.url, email, 'transfer-agent-pw-1');
  await page.getByTestId('state-bar').waitFor();
  const [colleaguePage, colleagueErrors] = await desktopPage(colleagueBrowser);
  desk = {
    page, pageErrors, agentId: agent.id, billing: { id: billing.id, phone: billingPhone }, target: { id: target.id, phone: targetPhone },
    colleague: { id: colleague.id, email: colleagueEmail, page: colleaguePage, pageErrors: colleagueErrors }, billingQueue, escalationQueue,
  };
});
after(async () => {
  await colleagueBrowser?.close();
  await browser?.close();
  await rig?.close();
});

/** The browser's tab, recording its peer connections and its uncaught errors. */
async function desktopPage(b: LaunchedBrowser): Promise<[Page, string[]]> {
  const page = b.context.pages()[0] ?? (await b.context.newPage());
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(RECORD_PEER_CONNECTIONS);
  return [page, errors];
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `desktop-transfer-${name}.png`), fullPage: true });
}

/** The agent goes available, a new caller dials in, the page rings and the agent answers: talking. */
async function answeredCall(r: VoiceRig, page: Page, from: string): Promise<{ caller: Baresip; interactionId: string }> {
  // A test before that failed may have left its wrap-up open; after a wrap-up the agent is available already (the button disabled).
  if (await page.getByTestId('call-status').filter({ hasText: 'Wrap-up' }).count() > 0) await page.keyboard.press('w');
  await page.getByTestId('call').waitFor({ state: 'detached' });
  if (!/Available/.test(await page.getByTestId('agent-state').innerText())) await page.getByRole('button', { name: 'Available', exact: true }).click();
  await page.getByTestId('agent-state').filter({ hasText: 'Available' }).waitFor();
  const caller = await r.callerPhone(CALLER_HZ, from);
  caller.command('dial', `sip:${NUMBER}@127.0.0.1:${r.sipPort}`);
  assert.ok(await caller.waitFor('CALL_ESTABLISHED', 10_000), `the line answered:\n${caller.log.slice(-1500)}`);
  await page.getByTestId('ringing').filter({ hasText: from }).waitFor();
  await page.getByRole('button', { name: /^Answer/ }).click();
  await page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();
  const db = r.server.sb.database.db;
  const [row] = await eventually(() => db.select().from(interactions).where(and(eq(interactions.customerAddress, from), isNull(interactions.parentId))),
    (rows) => rows.length === 1 && rows[0].answeredAt !== null);
  assert.ok(row, 'the call is an interaction');
  return { caller, interactionId: row.id };
}

/** The page's call panel in wrap-up; W ends it and the agent is available again. */
async function wrapUpAndEnd(page: Page): Promise<void> {
  await page.getByTestId('call-status').filter({ hasText: 'Wrap-up' }).waitFor();
  await page.getByTestId('agent-state').filter({ hasText: 'Wrap-up' }).waitFor();
  await page.keyboard.press('w');
  await page.getByTestId('agent-state').filter({ hasText: 'Available' }).waitFor();
  await page.getByTestId('call').waitFor({ state: 'detached' });
}

async function failureShot(page: Page, err: unknown): Promise<never> {
  await page.screenshot({ path: join(ARTIFACTS, 'desktop-transfer-failure.png'), fullPage: true }).catch(() => undefined);
  throw err;
}

void test('blind transfer to a queue from the page: the agent wraps up, the queue\'s agent talks with the caller, the call is linked', { timeout: 60_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined || desk === undefined) return;
  const { page, billing } = desk;
  try {
    const { caller, interactionId } = await answeredCall(rig, page, '+15125557002');
    const heard = await pageHears(page, 1000, [CALLER_HZ]);
    assert.ok(heard.tones[0] > 0.5, `the page hears the caller (share ${heard.tones[0].toFixed(3)}, loudest ${heard.hz.toFixed(0)} Hz)`);

    // The transfer form: a queue takes blind transfers only.
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = page.getByRole('group', { name: 'Transfer' });
    await form.getByRole('radio', { name: 'Queue' }).click();
    await form.getByLabel('Queue').selectOption({ label: 'Desk Billing' });
    assert.ok(await form.getByRole('button', { name: 'Consult first' }).isDisabled(), 'no consultation with a queue');
    await shot(page, 'form');
    await form.getByRole('button', { name: 'Transfer now' }).click();
    const transferredAt = Date.now();

    // The call leaves the page: wrap-up; the queue's agent answers.
    await page.getByTestId('call-status').filter({ hasText: 'Wrap-up' }).waitFor();
    assert.equal((await rig.api.req('GET', `/api/v1/agents/${desk.agentId}/state`)).body.state, 'wrap_up');
    assert.ok(await billing.phone.waitFor('CALL_ESTABLISHED', 15_000), `the billing agent answered:\n${billing.phone.log.slice(-1500)}`);
    const billingFrom = Date.now();

    // The interaction chain: the first ends as transferred, a linked one is the billing agent's.
    const first = await eventually(() => rig!.api.req('GET', `/api/v1/interactions/${interactionId}`), (r) => r.body.ended_at !== null, 5000);
    assert.equal(first.body.outcome, 'transferred');
    assert.equal(first.body.agent_id, desk.agentId);
    const list = await eventually(() => rig!.api.req('GET', '/api/v1/interactions?limit=50'),
      (r) => (r.body.items as Array<{ attributes: Record<string, unknown>; agent_id: string | null }>).some((i) => i.attributes.transferred_from === interactionId && i.agent_id !== null), 5000);
    const next = (list.body.items as Array<{ id: string; queue_id: string; agent_id: string; state: string; attributes: Record<string, unknown> }>)
      .filter((i) => i.attributes.transferred_from === interactionId);
    assert.equal(next.length, 1, 'one continuation');
    assert.equal(next[0].queue_id, desk.billingQueue);
    assert.equal(next[0].agent_id, billing.id);
    assert.equal((await rig.api.req('GET', `/api/v1/interactions/${next[0].id}`)).body.parent_id, interactionId, 'linked to the first interaction');

    await sleep(2000);
    const hungUpAt = Date.now();
    caller.command('hangup');
    assert.ok(await billing.phone.waitFor('CALL_CLOSED', 5000), 'the billing agent was hung up when the caller left');
    const callerHeard = (await readWavFile(caller.receivedWavs().at(-1)!)).samples;
    const c = captureClock(callerHeard, hungUpAt);
    // (The page's audio comes from a browser on a busy machine: a short gap in it would shift this count-back a little.)
    const withPage = middle(callerHeard, c(transferredAt) - 1.0, c(transferredAt) - 0.3);
    assert.ok(toneShare(withPage, PAGE_HZ) > 0.5, `before the transfer the caller heard the page (share ${toneShare(withPage, PAGE_HZ).toFixed(3)})`);
    const withBilling = middle(callerHeard, c(billingFrom) + 0.5, c(hungUpAt) - 0.2);
    assert.ok(toneShare(withBilling, BILLING_HZ) > 0.9, `then the billing agent (share ${toneShare(withBilling, BILLING_HZ).toFixed(3)})`);
    const billingHeard = (await readWavFile(billing.phone.receivedWavs().at(-1)!)).samples;
    const b = captureClock(billingHeard, hungUpAt);
    const withCaller = middle(billingHeard, b(billingFrom) + 0.5, b(hungUpAt) - 0.2);
    assert.ok(toneShare(withCaller, CALLER_HZ) > 0.9, `the billing agent heard the caller (share ${toneShare(withCaller, CALLER_HZ).toFixed(3)})`);

    await wrapUpAndEnd(page);
    assert.deepEqual(desk.pageErrors, [], 'no uncaught errors in the page');
  } catch (err) {
    await failureShot(page, err);
  }
});

void test('warm transfer to a colleague from the page: consulting while the caller holds, then complete: caller and colleague talk', { timeout: 60_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined || desk === undefined) return;
  const { page, target } = desk;
  try {
    const { caller, interactionId } = await answeredCall(rig, page, '+15125557003');

    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = page.getByRole('group', { name: 'Transfer' });
    assert.equal(await form.getByRole('radio', { name: 'Colleague' }).getAttribute('aria-checked'), 'true', 'a colleague is the first choice');
    await form.getByLabel('Colleague').selectOption({ label: 'Sam Ortiz · 2973' });
    await form.getByRole('button', { name: 'Consult first' }).click();

    // Consulting: the colleague's phone answered; the page says so and offers complete / back.
    assert.ok(await target.phone.waitFor('CALL_ESTABLISHED', 15_000), `the colleague answered the consultation:\n${target.phone.log.slice(-1500)}`);
    const targetFrom = Date.now();
    await page.getByTestId('call-status').filter({ hasText: 'Consulting' }).waitFor();
    await page.getByTestId('consulting-with').filter({ hasText: 'with Sam Ortiz' }).waitFor();
    await page.getByRole('button', { name: 'Back to caller' }).waitFor();
    await shot(page, 'consulting');

    // The colleague is busy in routing: a call waiting in their own queue is not offered to them meanwhile.
    assert.equal((await rig.api.req('GET', `/api/v1/agents/${target.id}/state`)).body.state, 'busy', 'the consulted colleague is busy');
    const waiting = await rig.api.req('POST', '/api/v1/interactions', { queue_id: desk.escalationQueue, subject: 'arrives during the consultation' });
    assert.equal(waiting.status, 201, JSON.stringify(waiting.body));
    const ear = await pageHears(page, 1500, [TARGET_HZ, CALLER_HZ]);
    assert.ok(ear.tones[0] > 0.5, `consulting, the page hears the colleague (share ${ear.tones[0].toFixed(3)}, loudest ${ear.hz.toFixed(0)} Hz)`);
    assert.ok(ear.tones[1] < 0.01, `…and not the caller (share ${ear.tones[1].toFixed(3)})`);
    const stillWaiting = await rig.api.req('GET', `/api/v1/interactions/${waiting.body.id}`);
    assert.equal(stillWaiting.body.state, 'queued', 'the waiting call was not offered to the consulted colleague');
    assert.equal((await rig.api.req('GET', `/api/v1/agents/${target.id}/state`)).body.state, 'busy');
    assert.equal((await rig.api.post(`/api/v1/interactions/${waiting.body.id}/abandon`)).status, 200);
    const consultTo = Date.now();

    // Complete: the page goes to wrap-up, the colleague stays on the line with the caller.
    await page.getByRole('button', { name: 'Complete transfer' }).click();
    const completedAt = Date.now();
    await page.getByTestId('call-status').filter({ hasText: 'Wrap-up' }).waitFor();
    assert.equal((await rig.api.req('GET', `/api/v1/agents/${desk.agentId}/state`)).body.state, 'wrap_up');
    const busy = await eventually(() => rig!.api.req('GET', `/api/v1/agents/${target.id}/state`), (r) => r.body.state === 'busy', 3000);
    assert.equal(busy.body.state, 'busy', 'routing knows the colleague has the call');
    await sleep(2500);
    assert.equal(target.phone.count('CALL_CLOSED'), 0, 'the colleague is still on the call');
    const hungUpAt = Date.now();
    caller.command('hangup');
    assert.ok(await target.phone.waitFor('CALL_CLOSED', 5000), 'the colleague was hung up when the caller left');

    // What the caller heard: hold music (neither agent) during the consultation, then the colleague.
    const callerHeard = (await readWavFile(caller.receivedWavs().at(-1)!)).samples;
    const c = captureClock(callerHeard, hungUpAt);
    const onHold = middle(callerHeard, c(targetFrom) + 0.5, c(consultTo) - 0.2);
    assert.ok(toneDbm0(onHold, PAGE_HZ) < -50 && toneDbm0(onHold, TARGET_HZ) < -50,
      `consulting, the caller hears neither agent (page ${toneDbm0(onHold, PAGE_HZ).toFixed(1)} dBm0, colleague ${toneDbm0(onHold, TARGET_HZ).toFixed(1)} dBm0)`);
    assert.ok(rmsDbm0(onHold) > -35, `…but hold music (${rmsDbm0(onHold).toFixed(1)} dBm0)`);
    const joined = middle(callerHeard, c(completedAt) + 0.6, c(hungUpAt) - 0.2);
    assert.ok(toneShare(joined, TARGET_HZ) > 0.9, `after completing, the caller hears the colleague (share ${toneShare(joined, TARGET_HZ).toFixed(3)})`);
    const targetHeard = (await readWavFile(target.phone.receivedWavs().at(-1)!)).samples;
    const g = captureClock(targetHeard, hungUpAt);
    const consult = middle(targetHeard, g(targetFrom) + 0.5, g(consultTo) - 0.2);
    assert.ok(toneShare(consult, PAGE_HZ) > 0.5 && toneDbm0(consult, CALLER_HZ) < -50,
      `consulting, the colleague hears the agent, not the caller (agent share ${toneShare(consult, PAGE_HZ).toFixed(3)}, caller ${toneDbm0(consult, CALLER_HZ).toFixed(1)} dBm0)`);
    const talk = middle(targetHeard, g(completedAt) + 0.6, g(hungUpAt) - 0.2);
    assert.ok(toneShare(talk, CALLER_HZ) > 0.9, `after completing, the colleague hears the caller (share ${toneShare(talk, CALLER_HZ).toFixed(3)})`);

    // The record: the agent's interaction ends as transferred, the colleague's part is their own linked interaction.
    const first = await rig.api.req('GET', `/api/v1/interactions/${interactionId}`);
    assert.equal(first.body.outcome, 'transferred');
    const db = rig.server.sb.database.db;
    const [cont] = await eventually(() => db.select().from(interactions).where(eq(interactions.parentId, interactionId)), (r) => r.length === 1 && r[0].endedAt !== null);
    assert.equal(cont?.agentId, target.id, 'the colleague\'s part is routed to them');
    assert.equal(cont?.outcome, 'answered');

    await wrapUpAndEnd(page);
    assert.deepEqual(desk.pageErrors, [], 'no uncaught errors in the page');
  } catch (err) {
    await failureShot(page, err);
  }
});

void test('warm transfer to a colleague on the browser desktop: their page rings as a consultation, then the call is theirs', { timeout: 60_000 }, async (t) => {
  if (peerUnavailable(t, missing) || rig === undefined || desk === undefined) return;
  const { page, colleague } = desk;
  const other = colleague.page;
  try {
    await logIn(other, rig.server.url, colleague.email, 'transfer-agent-pw-2');
    await other.getByRole('button', { name: 'Available', exact: true }).click();
    await other.getByTestId('agent-state').filter({ hasText: 'Available' }).waitFor();
    const { caller, interactionId } = await answeredCall(rig, page, '+15125557004');

    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = page.getByRole('group', { name: 'Transfer' });
    await form.getByLabel('Colleague').selectOption({ label: 'Ava Chen · 2974' });
    await form.getByRole('button', { name: 'Consult first' }).click();

    // The colleague's page rings as a consultation; from the first ring routing offers them nothing else.
    const ringing = other.getByTestId('ringing');
    await ringing.filter({ hasText: /is transferring a caller to you/ }).waitFor();
    assert.equal((await rig.api.req('GET', `/api/v1/agents/${colleague.id}/state`)).body.state, 'busy', 'the rung colleague is busy in routing');
    await ringing.getByRole('button', { name: /^Answer/ }).click();
    await page.getByTestId('call-status').filter({ hasText: 'Consulting' }).waitFor();
    const consultFrom = Date.now();
    await other.getByTestId('call-consult').waitFor();
    await other.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();
    // Who is calling shows on the colleague's page too (checked at the end, so that one miss does not hide the rest).
    const pop = other.getByTestId('screen-pop');
    await pop.getByText('Looking up the customer…').waitFor({ state: 'detached' });
    const consultPop = await pop.innerText();
    await shot(other, 'consulted');

    // Consulting: the two agents hear each other, neither hears the caller.
    const agentEar = await pageHears(page, 1500, [COLLEAGUE_HZ, CALLER_HZ]);
    assert.ok(agentEar.tones[0] > 0.5, `the agent hears the colleague (share ${agentEar.tones[0].toFixed(3)}, loudest ${agentEar.hz.toFixed(0)} Hz)`);
    assert.ok(agentEar.tones[1] < 0.01, `…not the caller (share ${agentEar.tones[1].toFixed(3)})`);
    const colleagueEar = await pageHears(other, 1500, [PAGE_HZ, CALLER_HZ]);
    assert.ok(colleagueEar.tones[0] > 0.5, `the colleague hears the agent (share ${colleagueEar.tones[0].toFixed(3)}, loudest ${colleagueEar.hz.toFixed(0)} Hz)`);
    assert.ok(colleagueEar.tones[1] < 0.01, `…not the caller (share ${colleagueEar.tones[1].toFixed(3)})`);
    const consultTo = Date.now();

    // Complete: the agent wraps up; the colleague's page now carries an ordinary call with the caller.
    await page.getByRole('button', { name: 'Complete transfer' }).click();
    const completedAt = Date.now();
    await page.getByTestId('call-status').filter({ hasText: 'Wrap-up' }).waitFor();
    await other.getByTestId('call-consult').waitFor({ state: 'detached' });
    await other.getByRole('button', { name: 'Hold' }).waitFor();
    await pop.getByText('Looking up the customer…').waitFor({ state: 'detached' });
    assert.doesNotMatch(await pop.innerText(), /unavailable/, 'once the call is theirs the colleague sees the caller\'s record');
    assert.equal((await rig.api.req('GET', `/api/v1/agents/${colleague.id}/state`)).body.state, 'busy');
    const talking = await pageHears(other, 1500, [CALLER_HZ, PAGE_HZ]);
    assert.ok(talking.tones[0] > 0.5, `the colleague hears the caller (share ${talking.tones[0].toFixed(3)}, loudest ${talking.hz.toFixed(0)} Hz)`);
    const hungUpAt = Date.now();
    caller.command('hangup');
    await other.getByTestId('call-status').filter({ hasText: 'Wrap-up' }).waitFor();
    assert.equal((await rig.api.req('GET', `/api/v1/agents/${colleague.id}/state`)).body.state, 'wrap_up');

    const callerHeard = (await readWavFile(caller.receivedWavs().at(-1)!)).samples;
    const c = captureClock(callerHeard, hungUpAt);
    const onHold = middle(callerHeard, c(consultFrom) + 0.5, c(consultTo) - 0.2);
    assert.ok(toneDbm0(onHold, PAGE_HZ) < -50 && toneDbm0(onHold, COLLEAGUE_HZ) < -50,
      `consulting, the caller hears neither agent (agent ${toneDbm0(onHold, PAGE_HZ).toFixed(1)} dBm0, colleague ${toneDbm0(onHold, COLLEAGUE_HZ).toFixed(1)} dBm0)`);
    assert.ok(rmsDbm0(onHold) > -35, `…but hold music (${rmsDbm0(onHold).toFixed(1)} dBm0)`);
    const joined = middle(callerHeard, c(completedAt) + 0.6, c(hungUpAt) - 0.2);
    assert.ok(toneShare(joined, COLLEAGUE_HZ) > 0.9, `after completing, the caller hears the colleague (share ${toneShare(joined, COLLEAGUE_HZ).toFixed(3)})`);

    const db = rig.server.sb.database.db;
    const [cont] = await eventually(() => db.select().from(interactions).where(eq(interactions.parentId, interactionId)), (r) => r.length === 1 && r[0].endedAt !== null);
    assert.equal(cont?.agentId, colleague.id, 'the colleague\'s part is routed to them');
    assert.equal(cont?.outcome, 'answered');

    await wrapUpAndEnd(other);
    await wrapUpAndEnd(page);
    assert.doesNotMatch(consultPop, /unavailable/, 'while consulted, the colleague\'s page shows the caller\'s record, not an error');
    assert.deepEqual(desk.pageErrors, [], 'no uncaught errors in the agent\'s page');
    assert.deepEqual(colleague.pageErrors, [], 'no uncaught errors in the colleague\'s page');
  } catch (err) {
    await other.screenshot({ path: join(ARTIFACTS, 'desktop-transfer-colleague-failure.png'), fullPage: true }).catch(() => undefined);
    await failureShot(page, err);
  }
});
