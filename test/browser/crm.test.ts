import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loggedIn } from '../helpers/http.js';
import { ARTIFACTS, inBrowser } from './browser-test.js';

void test('customers page finds a customer by email and number and shows their cases; a case changes status from its page', { timeout: 180_000 }, async (t) => {
  await inBrowser(t, 'crm', async (page, server) => {
    await page.setViewportSize({ width: 1360, height: 860 });
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(server.adminEmail);
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: /log in/i }).click();

    await page.getByRole('link', { name: 'Customers' }).click();
    const table = page.getByRole('table', { name: 'Customers' });
    await table.getByRole('row').filter({ hasText: 'Olivia Bennett' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'crm-customers.png'), fullPage: true });
    const search = page.getByLabel('Search customers');
    await search.fill('020 7946 0958');
    await table.getByRole('row').filter({ hasText: 'Eleanor Whitcombe' }).waitFor();
    await table.getByRole('row').filter({ hasText: 'Olivia Bennett' }).waitFor({ state: 'detached' });
    await search.fill('whitcombe@');
    await table.getByRole('row').filter({ hasText: 'Eleanor Whitcombe' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eleanor Whitcombe' }).waitFor();
    await page.getByRole('link', { name: 'Disputed transaction at a London hotel' }).first().waitFor();
    await page.getByText('Premier').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'crm-customer.png'), fullPage: true });

    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    const cases = page.getByRole('table', { name: 'Cases' });
    await cases.getByRole('row').filter({ hasText: 'Order NW-10442 arrived damaged' }).waitFor();
    await page.getByRole('tab', { name: 'Pending' }).click();
    const disputed = cases.getByRole('row').filter({ hasText: 'Disputed transaction at a London hotel' });
    await disputed.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'crm-cases.png'), fullPage: true });
    await disputed.click();
    await page.getByRole('heading', { level: 1, name: 'Disputed transaction at a London hotel' }).waitFor();
    await page.getByRole('group', { name: 'Change status' }).getByRole('button', { name: 'Resolve' }).click();
    await page.locator('.page-head .pill', { hasText: 'Resolved' }).waitFor();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'crm-case.png'), fullPage: true });

    const api = await loggedIn(server.url, server.adminEmail, server.adminPassword);
    const stored = (await api.get('/api/v1/cases?q=Disputed')).body.items[0];
    assert.equal(stored.status, 'resolved');
    assert.ok(stored.resolved_at);
  });
});
