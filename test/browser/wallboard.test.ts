import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggedIn } from '../helpers/http.js';
import { ARTIFACTS, inBrowser } from './browser-test.js';

void test('the wallboard goes live and follows the engine; filters, the interval chart and supervisor actions work', { timeout: 180_000 }, async (t) => {
  await inBrowser(t, 'wallboard', async (page, server) => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: /log in/i }).click();
    await page.getByRole('link', { name: 'Wallboard' }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const queues = page.getByRole('table', { name: 'Queues' });
    const fraudRow = queues.getByRole('row').filter({ hasText: 'Fraud' });
    await fraudRow.waitFor();

    // Changes made elsewhere (the API, as a phone or another desktop would) appear live.
    const api = await loggedIn(server.url, server.adminEmail, server.adminPassword);
    const fraud = (await api.get('/api/v1/queues?q=Fraud')).body.items[0];
    const ana = (await api.get('/api/v1/agents?q=Ana')).body.items[0];
    await api.post('/api/v1/interactions', { queue_id: fraud.id });
    const second = await api.post('/api/v1/interactions', { queue_id: fraud.id });
    await fraudRow.getByRole('cell').nth(1).filter({ hasText: /^2$/ }).waitFor();
    await fraudRow.getByRole('button', { name: 'Reassign from Fraud' }).waitFor();
    const anaRow = page.getByRole('table', { name: 'Agents' }).getByRole('row').filter({ hasText: 'Ana Silva' });
    const sent = Date.now();
    await api.post(`/api/v1/agents/${ana.id}/state`, { state: 'aux', reason: 'training' });
    await anaRow.getByText('Aux: training').waitFor({ timeout: 1000 });
    console.log(`state change on the board after ${Date.now() - sent} ms (limit 1000)`);

    // The interval chart counts today's outcomes as they happen.
    const chart = page.getByRole('img', { name: /^Offered \d+/ });
    await chart.waitFor();
    await api.post(`/api/v1/interactions/${second.body.id}/abandon`);
    await page.getByRole('img', { name: 'Offered 1, answered 0, abandoned 1 today' }).waitFor();
    assert.equal(await page.locator('.interval-chart rect.bar-abandoned').count(), 1);

    // Filtering by client hides the other client's queues, and lives in the URL.
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Client', { exact: true }).selectOption({ label: 'Northwind Retail' });
    await fraudRow.waitFor({ state: 'detached' });
    await queues.getByRole('row').filter({ hasText: 'Orders' }).first().waitFor();
    assert.match(page.url(), /\?client=[0-9a-f-]{36}$/);
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await queues.getByRole('row').filter({ hasText: 'Returns' }).waitFor();
    assert.equal(await fraudRow.count(), 0, 'the filter survives a reload');
    await page.getByRole('group', { name: 'Filters' }).getByLabel('Client', { exact: true }).selectOption({ label: 'All clients' });
    await fraudRow.waitFor();

    // A supervisor action from the row, after a confirmation.
    await anaRow.getByRole('button', { name: 'Make Ana Silva available' }).click();
    const dialog = page.getByRole('dialog', { name: 'Make Ana Silva available?' });
    await dialog.getByRole('button', { name: 'Make available' }).click();
    await dialog.waitFor({ state: 'detached' });
    await anaRow.getByText('Available', { exact: true }).waitFor();
    await anaRow.getByRole('button', { name: 'Put Ana Silva in aux' }).click();
    const auxDialog = page.getByRole('dialog', { name: 'Put Ana Silva in aux?' });
    await auxDialog.getByLabel('Reason').fill('Team meeting');
    await auxDialog.getByRole('button', { name: 'Put in aux' }).click();
    await anaRow.getByText('Aux: Team meeting').waitFor();
    assert.equal(server.sb.routing.engine.agent(ana.id).auxReason, 'Team meeting');

    // A lively board for the screenshot: demo traffic (started from the page) plus a burst of calls, one abandoned.
    await page.getByRole('button', { name: 'Start demo traffic' }).click();
    await page.getByText('Demo traffic running (simulated)').waitFor();
    await page.waitForTimeout(1500);
    const names = ['Orders', 'Returns', 'Cards', 'Web chat', 'Orders', 'Cards', 'Returns', 'Orders'];
    const all = (await api.get('/api/v1/queues?limit=100')).body.items as { id: string; name: string }[];
    const burst: string[] = [];
    for (const n of names) burst.push((await api.post('/api/v1/interactions', { queue_id: all.find((x) => x.name === n)!.id })).body.id);
    const waitingFraud = await api.post('/api/v1/interactions', { queue_id: fraud.id });
    await page.waitForTimeout(2000);
    await api.post(`/api/v1/interactions/${waitingFraud.body.id}/abandon`);
    // Our callers are answered as an agent's phone would; half of them are already finished.
    for (const [k, id] of burst.entries()) {
      if ((await api.post(`/api/v1/interactions/${id}/accept`)).status === 200 && k % 2 === 0) await api.post(`/api/v1/interactions/${id}/complete`);
    }
    await page.waitForTimeout(5000);
    await page.getByRole('table', { name: 'Agents' }).locator('.work').first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}wallboard.png`, fullPage: true });
    await page.getByRole('button', { name: 'Stop demo traffic' }).click();
    await page.getByText('Demo traffic off').waitFor();
  });
});
