import { test } from 'node:test';
import { loggedIn } from '../helpers/http.js';
import { ARTIFACTS, inBrowser } from './browser-test.js';

void test('the wallboard goes live and follows the engine: queued interactions and an agent break show without a reload', { timeout: 120_000 }, async (t) => {
  await inBrowser(t, 'wallboard', async (page, server) => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: /log in/i }).click();
    await page.getByRole('link', { name: 'Wallboard' }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const fraudRow = page.getByRole('table', { name: 'Queues' }).getByRole('row').filter({ hasText: 'Fraud' });
    await fraudRow.waitFor();

    // Changes made elsewhere (the API, as a phone or another desktop would) appear live.
    const api = await loggedIn(server.url, server.adminEmail, server.adminPassword);
    const fraud = (await api.get('/api/v1/queues?q=Fraud')).body.items[0];
    const ana = (await api.get('/api/v1/agents?q=Ana')).body.items[0];
    await api.post('/api/v1/interactions', { queue_id: fraud.id });
    await api.post('/api/v1/interactions', { queue_id: fraud.id });
    await fraudRow.getByRole('cell').nth(2).filter({ hasText: /^2$/ }).waitFor();
    await api.post(`/api/v1/agents/${ana.id}/state`, { state: 'aux', reason: 'training' });
    const anaRow = page.getByRole('table', { name: 'Agents' }).getByRole('row').filter({ hasText: 'Ana Silva' });
    await anaRow.getByText('Aux: training').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}wallboard.png`, fullPage: true });
  });
});
