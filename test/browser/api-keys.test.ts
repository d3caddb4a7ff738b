// The API keys page: an admin creates a key in the page, reads the secret it
// shows once, the key works against the API; revoking it in the page (after
// confirming) makes the same request 401. A planner, who has no other admin
// area, finds "API keys" in the navigation and sees only their own keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loggedIn } from '../helpers/http.js';
import { ARTIFACTS, inBrowser, logIn } from './browser-test.js';

/** A GET as an integration would make it, with only the key. */
async function getWithKey(url: string, key: string): Promise<number> {
  const r = await fetch(`${url}/api/v1/clients`, { headers: { authorization: `Bearer ${key}` } });
  return r.status;
}

void test('an admin creates an API key in the page, uses it, revokes it; a planner sees only their own keys', { timeout: 180_000 }, (t) =>
  inBrowser(t, 'api-keys', async (page, server) => {
    const url = server.url.replace(/\/$/, '');
    await page.setViewportSize({ width: 1360, height: 860 });
    await logIn(page, url, server.adminEmail, server.adminPassword);
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'API keys', exact: true }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin/api-keys');
    await page.getByText('No API keys yet.').waitFor();

    // A name is required before anything is sent.
    await page.getByRole('button', { name: 'New API key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText('Required').waitFor();
    await dialog.getByLabel('Name').fill('Nightly export');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The secret, once, with the warning; the list shows the key by its prefix only.
    const shown = page.getByTestId('new-api-key');
    await shown.getByText('You will not see it again.').waitFor();
    const key = await shown.getByLabel('API key Nightly export').inputValue();
    assert.match(key, /^sbk_[A-Za-z0-9]{8}_\S{20,}$/, `a whole key is shown: ${key}`);
    const row = page.getByRole('row').filter({ hasText: 'Nightly export' });
    await row.waitFor();
    const rowText = await row.innerText();
    const prefix = key.slice(0, 'sbk_'.length + 9); // sbk_ + 8 characters + _
    assert.ok(rowText.includes(`${prefix}…`), `the row names the key by its prefix: ${rowText}`);
    assert.ok(!rowText.includes(key.slice(prefix.length)), 'the row never shows the secret');
    assert.match(rowText, /Never/, 'not used yet');
    await shown.getByRole('button', { name: /Copy|Copied/ }).click();
    await page.screenshot({ path: join(ARTIFACTS, 'api-keys-created.png'), fullPage: true });

    // The key works: an integration's GET succeeds, and the page shows when it was last used.
    assert.equal(await getWithKey(url, key), 200);
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await shown.waitFor({ state: 'detached' });
    await page.reload();
    await row.waitFor();
    assert.doesNotMatch(await row.innerText(), /Never/, 'last used is filled in after the call');
    assert.match(await row.innerText(), new RegExp(server.adminEmail.replace(/[.]/g, '\\.')), 'an admin sees whose key it is (it acts as them)');
    assert.equal(await page.getByTestId('new-api-key').count(), 0, 'the secret is gone for good after a reload');
    await page.screenshot({ path: join(ARTIFACTS, 'api-keys-list.png'), fullPage: true });

    // Revoking asks first: dismissed, nothing changes.
    page.once('dialog', (d) => void d.dismiss());
    await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
    await page.waitForTimeout(300);
    assert.equal(await getWithKey(url, key), 200, 'a dismissed confirmation revokes nothing');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
    await page.getByRole('status').filter({ hasText: 'Revoked the API key Nightly export.' }).waitFor();
    assert.match(asked, /Revoke the API key “Nightly export”/);
    await row.waitFor({ state: 'detached' });
    assert.equal(await getWithKey(url, key), 401, 'a revoked key is refused');

    // A planner: no other admin area, so the navigation names the page; the admin's keys are not theirs.
    const admin = await loggedIn(url, server.adminEmail, server.adminPassword);
    assert.equal((await admin.post('/api/v1/api-keys', { name: 'Admin CRM sync' })).status, 201);
    const planner = await admin.post('/api/v1/users', { email: 'pat.planner@example.com', name: 'Pat Planner', role: 'planner', password: 'planner-password-1' });
    assert.equal(planner.status, 201, JSON.stringify(planner.body));
    await page.getByRole('button', { name: 'Log out' }).click();
    await logIn(page, url, 'pat.planner@example.com', 'planner-password-1');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'API keys' }).click();
    assert.equal(await nav.getByRole('link', { name: 'Admin' }).count(), 0);
    await page.getByRole('button', { name: 'New API key' }).waitFor();
    await page.getByText('No API keys yet.').waitFor();
    assert.equal(await page.getByRole('row').filter({ hasText: 'Admin CRM sync' }).count(), 0, 'the admin\'s key is not listed for the planner');
    await page.screenshot({ path: join(ARTIFACTS, 'api-keys-planner.png'), fullPage: true });
  }));
