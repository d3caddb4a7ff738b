// "Add to do-not-call" on the agent desktop, without SIP peers: the agent
// works on a desk phone with the page open, so the page follows calls the
// routing engine hands them (here voice interactions made through the REST
// API, answered through it) exactly as it follows a real desk-phone call.
// During a call the agent adds the caller, after confirming; the entry is on
// the call's client's list with source 'agent'. The same caller again: the
// screen pop already says listed (`on_dnc`), with no button to press.
// A number the list refuses shows the API's reason as an alert; a withheld
// number gets no button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { interactions } from '../../src/store/schema.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';
import type { TestServer } from '../helpers/server.js';
import { ARTIFACTS, inBrowser, logIn } from './browser-test.js';

const CALLER = '+15125559876';
/** Possible enough for the CRM to make a customer of, but no valid US number: the DNC list refuses it. */
const BAD_CALLER = '+15550100123';

interface Desk { server: TestServer; admin: ApiClient; page: Page; queueId: string; agentId: string }

/**
 * A call from `number` rings the agent's desk phone and is answered there.
 * REST-made interactions carry no caller number, so it is written in while
 * the agent is away; they then become available and are offered it.
 */
async function callFrom(d: Desk, number: string): Promise<string> {
  const state = (body: unknown) => d.admin.post(`/api/v1/agents/${d.agentId}/state`, body);
  assert.equal((await state({ state: 'aux', reason: 'Break' })).status, 200);
  const made = await d.admin.post('/api/v1/interactions', { queue_id: d.queueId });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const id = made.body.id as string;
  await d.server.sb.database.db.update(interactions).set({ customerAddress: number }).where(eq(interactions.id, id));
  assert.equal((await state({ state: 'available' })).status, 200);
  await d.page.getByTestId('ringing-desk-phone').waitFor();
  const accepted = await d.admin.post(`/api/v1/interactions/${id}/accept`, { agent_id: d.agentId });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  await d.page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();
  await d.page.getByTestId('screen-pop').getByText(number).first().waitFor();
  return id;
}

async function wrapUp(d: Desk, id: string): Promise<void> {
  assert.equal((await d.admin.post(`/api/v1/interactions/${id}/complete`)).status, 200);
  await d.page.getByTestId('call-status').filter({ hasText: 'Wrap-up' }).waitFor();
}

async function endWrapUp(d: Desk): Promise<void> {
  await d.page.getByTestId('wrap-up').getByRole('button', { name: /End wrap-up/ }).click();
  await d.page.getByTestId('call').waitFor({ state: 'detached' });
}

void test('an agent adds the caller to the client\'s do-not-call list from the desktop, in a call and in wrap-up', { timeout: 180_000 }, (t) =>
  inBrowser(t, 'desktop-dnc', async (page, server) => {
    await page.setViewportSize({ width: 1360, height: 900 });
    const url = server.url.replace(/\/$/, '');
    const admin = await loggedIn(url, server.adminEmail, server.adminPassword);
    const client = (await admin.get('/api/v1/clients?limit=100')).body.items.find((c: { code: string }) => c.code === 'NWR');
    assert.ok(client, 'demo client NWR');
    const skill = await admin.post('/api/v1/skills', { name: 'Do-not-call desk' });
    const queue = await admin.post('/api/v1/queues', {
      client_id: client.id, name: 'DNC Desk', channel: 'voice', required_skills: [{ skill_id: skill.body.id, min_level: 1 }], ring_timeout_s: 60, wrap_up_s: 300,
    });
    assert.equal(queue.status, 201, JSON.stringify(queue.body));
    const email = 'dana.dnc@example.com';
    const user = await admin.post('/api/v1/users', { email, name: 'Dana Reyes', role: 'agent', password: 'dnc-agent-pw-1', client_ids: [client.id] });
    assert.equal(user.status, 201, JSON.stringify(user.body));
    const agent = await admin.post('/api/v1/agents', {
      name: 'Dana Reyes', extension: '2971', client_ids: [client.id], skills: [{ skill_id: skill.body.id, level: 5 }], user_id: user.body.id, sip_password: 'pw-2971-secret',
    });
    assert.equal(agent.status, 201, JSON.stringify(agent.body));

    await logIn(page, url, email, 'dnc-agent-pw-1');
    await page.getByTestId('state-bar').waitFor();
    await page.getByLabel('Take calls on').selectOption('sip_phone');
    await page.getByText('Calls ring on your desk phone.').waitFor();
    const d: Desk = { server, admin, page, queueId: queue.body.id, agentId: agent.body.id };
    const pop = page.getByTestId('screen-pop');
    const listed = pop.getByRole('button', { name: 'On the do-not-call list ✓' });
    const dncEntries = async (q: string) => (await admin.get(`/api/v1/dnc?q=${encodeURIComponent(q)}`)).body;

    // In the call: the button asks first; nothing is sent until the agent confirms.
    const first = await callFrom(d, CALLER);
    await pop.getByRole('button', { name: 'Add to do-not-call' }).click();
    const confirm = pop.getByRole('group', { name: 'Add to do-not-call' });
    assert.match(await confirm.innerText(), /Add \+15125559876 to this client's do-not-call list\?/);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await dncEntries(CALLER)).total, 0, 'cancelled: nothing added');
    await pop.getByRole('button', { name: 'Add to do-not-call' }).click();
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-dnc-confirm.png'), fullPage: true });
    await confirm.getByRole('button', { name: 'Yes, add it' }).click();
    await listed.waitFor();
    assert.equal(await listed.isDisabled(), true);
    const added = await dncEntries(CALLER);
    assert.equal(added.total, 1, JSON.stringify(added));
    assert.deepEqual([added.items[0].phone, added.items[0].client_id, added.items[0].source, added.items[0].created_by], [CALLER, client.id, 'agent', user.body.id]);
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-dnc-listed.png'), fullPage: true });
    // Still listed through wrap-up.
    await wrapUp(d, first);
    await listed.waitFor();
    await endWrapUp(d);

    // The same caller again: the screen pop already shows them listed, with nothing to press; no second entry.
    const second = await callFrom(d, CALLER);
    await listed.waitFor();
    assert.equal(await pop.getByRole('button', { name: 'Add to do-not-call' }).count(), 0, 'no add button for a listed caller');
    await wrapUp(d, second);
    await listed.waitFor();
    assert.equal((await dncEntries(CALLER)).total, 1, 'still one entry');
    await endWrapUp(d);

    // A number the list refuses: the API's reason as an alert, and the agent can go on.
    const third = await callFrom(d, BAD_CALLER);
    await pop.getByRole('button', { name: 'Add to do-not-call' }).click();
    await pop.getByRole('button', { name: 'Yes, add it' }).click();
    const alert = pop.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Could not add \+15550100123 to the do-not-call list: .*not a valid number/);
    await pop.getByRole('button', { name: 'Add to do-not-call' }).waitFor();
    await page.getByTestId('call-status').filter({ hasText: 'Talking' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-dnc-refused.png'), fullPage: true });

    // A withheld number finds no customer: the screen pop shows what came, and there is nothing to list.
    await wrapUp(d, third);
    await endWrapUp(d);
    await callFrom(d, 'anonymous');
    await pop.getByText('New customer').waitFor();
    assert.equal(await pop.getByRole('button', { name: 'Add to do-not-call' }).count(), 0, 'no button without a number');
  }));
