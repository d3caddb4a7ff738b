import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { newId } from '../../src/platform/ids.js';
import { agents, callLegs, clients, flows, interactions, queues, recordings } from '../../src/store/schema.js';
import type { TestServer } from '../helpers/server.js';
import { ARTIFACTS, inBrowser } from './browser-test.js';

const CLIENT = 'Northwind Retail'; // seeded demo client with the flow "Northwind main line"
const NEW_NUMBER = '+15125550199';

/** A 16-bit PCM WAV of a sine tone (a prompt, or a stereo call recording: caller left, agent right). */
function toneWav(seconds: number, channels: 1 | 2, rate = 8000): Buffer {
  const frames = Math.round(seconds * rate);
  const data = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      const f = c === 0 ? 440 : 660;
      data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * f * i) / rate)), (i * channels + c) * 2);
    }
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8);
  h.write('fmt ', 12); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(rate, 24); h.writeUInt32LE(rate * channels * 2, 28); h.writeUInt16LE(channels * 2, 32); h.writeUInt16LE(16, 34);
  h.write('data', 36); h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/**
 * A finished call as the call engine stores it: the interaction (lifecycle
 * timestamps, IVR path and digits in the flow runner's shape, disposition,
 * CSAT), its two SIP legs, and a stereo recording under DATA_DIR.
 */
async function storeFinishedCall(server: TestServer): Promise<{ id: string; caller: string }> {
  const db = server.sb.database.db;
  // The recordings route serves files under DATA_DIR; the embedded database lives in DATA_DIR/pg.
  const { rows } = await server.sb.database.pool.query<{ data_directory: string }>('show data_directory');
  const dataDir = dirname(rows[0].data_directory);
  const [client] = await db.select().from(clients).where(eq(clients.name, CLIENT));
  const [queue] = await db.select().from(queues).where(and(eq(queues.clientId, client.id), eq(queues.name, 'Orders')));
  const [agent] = await db.select().from(agents).where(sql`${agents.id} in (select agent_id from agent_clients where client_id = ${client.id})`).limit(1);
  const id = newId();
  const caller = '+15125550123';
  const t = (s: number) => new Date(Date.now() - 600_000 + s * 1000);
  await db.insert(interactions).values({
    id, clientId: client.id, channel: 'voice', direction: 'inbound', state: 'done', queueId: queue.id, agentId: agent.id,
    customerAddress: caller, serviceAddress: '+15125550100', externalRef: `call-${id}@test`,
    createdAt: t(0), queuedAt: t(14), offeredAt: t(41), answeredAt: t(47), endedAt: t(230), wrapUpEndedAt: t(255),
    outcome: 'answered', disposition: 'Order placed', csat: 4, waitMs: 33_000, talkMs: 183_000, wrapMs: 25_000, offers: 1,
    attributes: { flow: 'Northwind main line', flow_path: ['start:answer', 'check-hours:hours (open)', 'main-menu:menu (1)', 'orders:enqueue (answered)'], digits: '1' },
  });
  await db.insert(callLegs).values([
    { id: newId(), interactionId: id, clientId: client.id, sipCallId: `call-${id}@test`, direction: 'inbound', role: 'caller',
      fromUri: `sip:${caller}@203.0.113.5`, toUri: 'sip:+15125550100@switchboard', startedAt: t(0), answeredAt: t(1), endedAt: t(230), endReason: 'caller_hangup', sipStatus: 200 },
    { id: newId(), interactionId: id, clientId: client.id, sipCallId: `agent-${id}@test`, direction: 'outbound', role: 'agent', agentId: agent.id,
      fromUri: 'sip:switchboard@127.0.0.1', toUri: `sip:${agent.extension}@127.0.0.1`, startedAt: t(41), answeredAt: t(47), endedAt: t(230), endReason: 'caller_hangup', sipStatus: 200 },
  ]);
  const path = join('recordings', client.id, `${id}.wav`);
  await mkdir(join(dataDir, 'recordings', client.id), { recursive: true });
  await writeFile(join(dataDir, path), toneWav(3, 2));
  await db.insert(recordings).values({ id: newId(), clientId: client.id, interactionId: id, path, state: 'complete', startedAt: t(47), endedAt: t(230), durationMs: 3000 });
  return { id, caller };
}

async function audioReady(page: Page, selector: string): Promise<{ readyState: number; duration: number }> {
  const audio = page.locator(selector).first();
  await audio.evaluate((el: HTMLAudioElement) => new Promise<void>((resolve, reject) => {
    if (el.readyState >= 1) { resolve(); return; }
    el.addEventListener('loadedmetadata', () => resolve(), { once: true });
    el.addEventListener('error', () => reject(new Error(`audio failed: ${el.error?.message ?? el.error?.code ?? 'unknown'}`)), { once: true });
    el.preload = 'metadata';
    el.load();
  }));
  return audio.evaluate((el: HTMLAudioElement) => ({ readyState: el.readyState, duration: el.duration }));
}

async function scenario(page: Page, server: TestServer): Promise<void> {
  const url = server.url.replace(/\/$/, '');
  await mkdir(ARTIFACTS, { recursive: true });
  const shot = (name: string, fullPage = true) => page.screenshot({ path: join(ARTIFACTS, `voice-${name}.png`), fullPage });
  const dialog = page.getByRole('dialog');
  const row = (text: string) => page.getByRole('row').filter({ hasText: text });
  const adminTab = (name: string) => page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name, exact: true });

  await page.goto(`${url}/admin/numbers`);
  await page.getByLabel('Email').fill(server.adminEmail);
  await page.getByLabel('Password').fill(server.adminPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Numbers', level: 2 }).waitFor();

  // A number for the demo client, answered by its flow.
  await page.getByRole('button', { name: 'New number' }).click();
  await dialog.getByLabel('Client').selectOption({ label: CLIENT });
  await dialog.getByLabel('Number').fill('(512) 555-0199');
  await dialog.getByLabel('Label').fill('Test line');
  await dialog.getByLabel('Flow').selectOption({ label: 'Northwind main line' });
  await shot('01-number-form', false);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  const numberRow = row(NEW_NUMBER);
  assert.match(await numberRow.innerText(), /Test line[\s\S]*Northwind Retail[\s\S]*Northwind main line/, 'stored in E.164, pointing at the flow');
  await shot('02-numbers');

  // The flow editor: valid as loaded.
  await numberRow.getByRole('link', { name: 'Northwind main line' }).click();
  await page.getByRole('heading', { name: /Northwind main line/, level: 2 }).waitFor();
  const status = page.getByTestId('flow-status');
  await status.filter({ hasText: 'Valid' }).waitFor();
  const editor = page.getByLabel('Flow definition (JSON)');
  const definition = JSON.parse(await editor.inputValue()) as { steps: Record<string, Record<string, unknown>>[] };
  const menuIndex = definition.steps.findIndex((s) => s['id'] as unknown === 'main-menu');
  assert.ok(menuIndex >= 0 && definition.steps[menuIndex]['menu'], 'the seeded flow has a main menu');
  const withTimeout = (n: number) => {
    definition.steps[menuIndex]['menu']['timeout_s'] = n;
    return `${JSON.stringify(definition, null, 2)}\n`;
  };

  // An invalid change: the issue is named inline with its step; the step is marked in the outline; Save is refused.
  await editor.fill(withTimeout(0));
  await status.filter({ hasText: '1 error' }).waitFor();
  const problems = page.getByRole('region', { name: 'Problems' });
  const issue = problems.getByRole('listitem').filter({ hasText: `steps[${menuIndex}].menu.timeout_s` });
  assert.match(await issue.innerText(), /must be > 0[\s\S]*step “main-menu” \(menu\)/);
  const outline = page.getByRole('navigation', { name: 'Steps' });
  await outline.getByRole('button', { name: `steps[${menuIndex}] menu main-menu (has errors)` }).waitFor();
  assert.equal(await outline.getByRole('button', { name: /has errors/ }).count(), 1, 'only the failing step is marked');
  assert.ok(await page.getByRole('button', { name: 'Save flow' }).isDisabled(), 'an invalid flow cannot be saved');
  await issue.getByRole('button', { name: /^Line \d+/ }).click();
  const selected = await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  assert.match(selected, /"timeout_s": 0/, 'the issue\'s line is selected in the editor');
  await shot('03-flow-invalid', false);

  // Broken JSON is caught as typed, with its line.
  await editor.fill(withTimeout(0).replace('"steps": [', '"steps": [,'));
  await status.filter({ hasText: 'Not valid JSON' }).waitFor();
  assert.match(await problems.innerText(), /not valid JSON/);

  // Fixed: valid again, saved.
  await editor.fill(withTimeout(8));
  await status.filter({ hasText: 'Valid' }).waitFor();
  await page.getByRole('button', { name: 'Save flow' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved flow Northwind main line.' }).waitFor();
  const flowId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const [stored] = await server.sb.database.db.select().from(flows).where(eq(flows.id, flowId));
  assert.equal((stored.definition as typeof definition).steps[menuIndex]['menu']['timeout_s'], 8, 'the fix is stored');
  await shot('04-flow-saved', false);

  // The flows list, and a new flow that starts from a template already valid for the client (its first voice queue).
  await adminTab('Flows').click();
  await page.getByRole('region', { name: CLIENT }).getByRole('row').filter({ hasText: 'Northwind main line' }).waitFor();
  await shot('04a-flows');
  await page.getByRole('link', { name: `New flow for ${CLIENT}` }).click();
  await page.getByRole('heading', { name: /New flow/, level: 2 }).waitFor();
  await status.filter({ hasText: 'Valid' }).waitFor();
  assert.match(await editor.inputValue(), /"queue": "Orders"/);
  await page.getByLabel(/^Name/).fill('Support line');
  assert.match(await editor.inputValue(), /"name": "Support line"/, 'the untouched template follows the name');
  await shot('04b-new-flow', false);
  await page.getByRole('button', { name: 'Save flow' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved flow Support line.' }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/admin\/flows\/[0-9a-f-]{36}$/, 'the saved flow has its own page');
  await page.getByRole('heading', { name: /Support line/, level: 2 }).waitFor();

  // A prompt: upload a small WAV, see it listed, and its audio loads.
  await adminTab('Prompts').click();
  await page.getByRole('heading', { name: 'Prompts', level: 2 }).waitFor();
  const upload = page.getByRole('form', { name: 'Upload a prompt' });
  await upload.getByLabel('Client').selectOption({ label: CLIENT });
  await upload.getByLabel('WAV file').setInputFiles({ name: 'Test Greeting.wav', mimeType: 'audio/wav', buffer: toneWav(0.5, 1, 16000) });
  assert.equal(await upload.getByLabel('Prompt name').inputValue(), 'test-greeting', 'the name is suggested from the file');
  await upload.getByRole('button', { name: 'Upload prompt' }).click();
  await page.getByRole('status').filter({ hasText: 'Uploaded prompt test-greeting (0.5 s).' }).waitFor();
  const promptRow = row('test-greeting');
  assert.match(await promptRow.innerText(), /Northwind Retail[\s\S]*0\.5 s/);
  const promptAudio = await audioReady(page, 'tr:has-text("test-greeting") audio');
  assert.ok(promptAudio.readyState >= 1 && Math.abs(promptAudio.duration - 0.5) < 0.05, `the prompt plays (${JSON.stringify(promptAudio)})`);
  await shot('05-prompts');

  // Business hours: the demo client's schedule, a holiday added and saved.
  await adminTab('Business hours').click();
  await page.getByLabel('Client', { exact: true }).selectOption({ label: CLIENT });
  const hours = page.getByRole('form', { name: `Business hours of ${CLIENT}` });
  await hours.getByRole('button', { name: 'Add holiday' }).click();
  const n = await hours.getByLabel(/^Holiday \d+ date$/).count();
  await hours.getByLabel(`Holiday ${n} date`).fill('2027-07-05');
  await hours.getByLabel(`Holiday ${n} name`).fill('Independence Day (observed)');
  await hours.getByRole('button', { name: 'Save hours' }).click();
  await page.getByRole('status').filter({ hasText: `Saved the business hours of ${CLIENT}.` }).waitFor();
  await shot('06-business-hours');

  // A trunk: the password is write-only; the list only says one is set.
  await adminTab('Trunks').click();
  await page.getByRole('button', { name: 'New trunk' }).click();
  await dialog.getByLabel(/^Name/).fill('Carrier A');
  await dialog.getByLabel('Carrier host').fill('sip.carrier-a.example');
  await dialog.getByLabel('Username').fill('nwr-trunk');
  await dialog.getByLabel('Password').fill('trunk-secret-123');
  await dialog.getByLabel('Allowed source addresses').fill('203.0.113.0/24\n198.51.100.7');
  await shot('06a-trunk-form', false);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.match(await row('Carrier A').innerText(), /Shared[\s\S]*sip\.carrier-a\.example:5060[\s\S]*nwr-trunk · password set[\s\S]*203\.0\.113\.0\/24[\s\S]*198\.51\.100\.7/);
  assert.doesNotMatch(await page.content(), /trunk-secret-123/, 'the password never comes back');
  await shot('06b-trunks');

  // A queue's wrap-up dispositions (a tag list) and the agent's script with its preview.
  await adminTab('Queues').click();
  await page.getByRole('button', { name: 'Edit Orders', exact: true }).click();
  const dispositions = dialog.getByRole('list', { name: 'Dispositions' });
  const before = await dispositions.getByRole('listitem').count();
  await dialog.getByRole('textbox', { name: 'Dispositions' }).fill('Callback booked');
  await dialog.getByRole('textbox', { name: 'Dispositions' }).press('Enter');
  await dispositions.getByRole('listitem').filter({ hasText: 'Callback booked' }).waitFor();
  assert.equal(await dispositions.getByRole('listitem').count(), before + 1);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  assert.match(await dialog.getByRole('region', { name: 'Agent script preview' }).innerText(), /Hello customer_name/);
  await dialog.getByRole('heading', { name: 'Edit queue Orders' }).waitFor();
  await dialog.getByRole('button', { name: 'Preview' }).scrollIntoViewIfNeeded();
  await shot('06c-queue-form', false);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  const [orders] = await server.sb.database.db.select().from(queues).where(eq(queues.name, 'Orders'));
  assert.ok(orders.dispositions.includes('Callback booked'), 'the new disposition is stored');

  // The call record: timestamps, IVR path and digits, disposition, CSAT, legs, and the recording plays.
  const call = await storeFinishedCall(server);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
  await page.getByRole('heading', { name: 'Calls', level: 1 }).waitFor();
  const callRow = row(call.caller);
  // Client and queue names come with their own lists, a moment after the rows (seen in CI: ids shown meanwhile).
  await callRow.getByText('Northwind Retail').waitFor();
  await callRow.getByText('Orders').waitFor();
  assert.match(await callRow.innerText(), /Northwind Retail[\s\S]*Orders[\s\S]*Answered[\s\S]*0:33[\s\S]*3:03/);
  await shot('07-calls');
  await callRow.getByRole('link', { name: /^Details/ }).click();
  const drawer = page.getByRole('dialog', { name: 'Call record' });
  await drawer.getByRole('heading', { name: 'Recording' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/calls/${call.id}`, 'the open call is in the address');
  const rec = await audioReady(page, 'dialog audio');
  assert.ok(rec.readyState >= 1 && Math.abs(rec.duration - 3) < 0.1, `the recording loads (${JSON.stringify(rec)})`);
  const text = await drawer.innerText();
  for (const label of ['Arrived', 'Queued', 'Offered to an agent', 'Answered', 'Ended', 'Wrap-up ended']) assert.match(text, new RegExp(label));
  assert.match(text, /Disposition\s*Order placed/);
  assert.match(text, /4\/5/);
  const path = drawer.getByRole('list', { name: 'IVR path' });
  assert.deepEqual((await path.getByRole('listitem').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()),
    ['answer start', 'hours check-hours open', 'menu main-menu 1', 'enqueue orders answered']);
  assert.match(text, /Digits pressed:\s*1/);
  assert.equal(await drawer.getByRole('row').filter({ hasText: 'caller hangup' }).count(), 2, 'both SIP legs are listed');
  await shot('08-call-record', false);
  await drawer.getByRole('heading', { name: 'Call legs (CDR)' }).scrollIntoViewIfNeeded();
  await shot('09-call-record-legs', false);
  await drawer.getByRole('button', { name: 'Close' }).click();
  await drawer.waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).pathname, '/calls');
}

void test('an admin routes a number to a flow, fixes an invalid flow inline, uploads a prompt and plays a call recording', { timeout: 180_000 }, (t) =>
  inBrowser(t, 'voice-admin', scenario));
