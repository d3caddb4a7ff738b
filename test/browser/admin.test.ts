import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runAdminScenario } from './admin-scenario.js';
import { ARTIFACTS, inBrowser, logIn } from './browser-test.js';

void test('an admin logs in, creates a client and an agent, renames and disables the client', { timeout: 180_000 }, (t) =>
  inBrowser(t, 'admin', (page, server) => runAdminScenario(page, {
    url: server.url.replace(/\/$/, ''), email: server.adminEmail, password: server.adminPassword, artifacts: ARTIFACTS, suffix: String(process.pid),
  })));

void test('an admin confines a new supervisor to one client and one of its teams', { timeout: 180_000 }, (t) =>
  inBrowser(t, 'admin-user-teams', async (page, server) => {
    const url = server.url.replace(/\/$/, '');
    await logIn(page, url, server.adminEmail, server.adminPassword);
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${url}/admin/users`);
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Tess Team');
    await dialog.getByLabel('Email').fill('tess.team@example.com');
    await dialog.getByLabel('Role').selectOption({ label: 'Supervisor' });
    const teams = dialog.getByRole('group', { name: 'Confined to teams' });
    await teams.getByRole('checkbox', { name: /Austin Banking/ }).waitFor();
    await dialog.getByRole('group', { name: 'Confined to clients' }).getByRole('checkbox', { name: 'Northwind Retail', exact: true }).check();
    // Only teams that can serve the ticked client are offered: its own and the shared one.
    await teams.getByRole('checkbox', { name: 'Austin Retail (Northwind Retail)' }).waitFor();
    assert.equal(await teams.getByRole('checkbox', { name: 'Manila Multi-client (shared)' }).count(), 1);
    assert.equal(await teams.getByRole('checkbox', { name: /Austin Banking/ }).count(), 0, 'another client\'s team is not offered');
    await teams.getByRole('checkbox', { name: 'Austin Retail (Northwind Retail)' }).check();
    await dialog.getByLabel('Password').fill('tess-team-password');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-user-teams-form.png') });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'Tess Team' });
    await row.waitFor();
    const text = await row.innerText();
    assert.ok(text.includes('Northwind Retail') && text.includes('Austin Retail'), `the row names the client and the team: ${text}`);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-user-teams-list.png'), fullPage: true });
  }));
