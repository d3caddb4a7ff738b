import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface ScenarioOptions {
  url: string;
  email: string;
  password: string;
  /** Directory for screenshots (created if missing). */
  artifacts: string;
  /** Makes names unique so the scenario can run against a database that is not empty. */
  suffix: string;
}

/**
 * The admin's first-day path through the app, driven the way a person does it:
 * log in, create a skill, a client and an agent that serves the client with the
 * skill, rename the client, disable it and watch it leave the default list.
 */
export async function runAdminScenario(page: Page, o: ScenarioOptions): Promise<void> {
  await mkdir(o.artifacts, { recursive: true });
  // Full-page shots of lists; viewport-only while a modal is open (its backdrop covers only the viewport).
  const shot = (name: string, fullPage = true) => page.screenshot({ path: join(o.artifacts, `${name}.png`), fullPage });
  const dialog = page.getByRole('dialog');
  const skillName = `Spanish ${o.suffix}`;
  const clientName = `Northwind ${o.suffix}`;
  const renamed = `Contoso ${o.suffix}`;
  const agentName = `Maria Lopez ${o.suffix}`;
  const row = (text: string) => page.getByRole('row').filter({ hasText: text });
  const adminTab = (name: string) => page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name, exact: true });

  // Signed out: any page leads to the login form.
  await page.goto(`${o.url}/admin/skills`);
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/login$/);

  // Wrong password: the API's message is shown and the user stays on the form.
  await page.getByLabel('Email').fill(o.email);
  await page.getByLabel('Password').fill(`${o.password}-wrong`);
  await page.getByRole('button', { name: 'Log in' }).click();
  const loginError = await page.getByRole('alert').textContent();
  assert.ok(loginError && loginError.length > 0, 'a failed login shows a message');
  await shot('01-login-error');

  // The right password: back on the page first asked for.
  await page.getByLabel('Password').fill(o.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Skills', level: 2 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/skills');
  assert.match(await page.getByTestId('current-user').innerText(), /Admin/);
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  // A skill to give the agent.
  await page.getByRole('button', { name: 'New skill' }).click();
  await dialog.getByLabel('Name').fill(skillName);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  await row(skillName).waitFor();

  // A client: an empty form is refused before anything is sent.
  await adminTab('Clients').click();
  await page.getByRole('button', { name: 'New client' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByText('Required').first().waitFor();
  assert.equal(await dialog.getByLabel('Name').getAttribute('aria-invalid'), 'true');
  await shot('02-client-form-required', false);
  await dialog.getByLabel('Name').fill(clientName);
  await dialog.getByLabel('Code').fill(`NW${o.suffix}`.slice(0, 12));
  await dialog.getByLabel('Timezone').fill('America/New_York');
  await dialog.getByLabel('Country').fill('US');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  await row(clientName).waitFor();

  // An agent serving that client with the skill at level 7.
  await adminTab('Agents').click();
  await page.getByRole('button', { name: 'New agent' }).click();
  await dialog.getByLabel('Name').fill(agentName);
  await dialog.getByLabel('Extension').fill(`7${String(Date.now()).slice(-4)}`);
  await dialog.getByRole('checkbox', { name: clientName }).check();
  await dialog.getByRole('button', { name: 'Add skill' }).click();
  await dialog.getByLabel('Skill 1', { exact: true }).selectOption({ label: skillName });
  await dialog.getByLabel('Level 1', { exact: true }).fill('7');
  await shot('03-agent-form', false);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  const agentRow = row(agentName);
  await agentRow.waitFor();
  const agentText = await agentRow.innerText();
  assert.ok(agentText.includes(clientName), `agent row names the client: ${agentText}`);
  assert.ok(agentText.includes(`${skillName} 7`), `agent row shows the skill level: ${agentText}`);
  await shot('04-agents-list');

  // Rename the client.
  await adminTab('Clients').click();
  await row(clientName).waitFor();
  await page.getByRole('button', { name: `Edit ${clientName}`, exact: true }).click();
  assert.equal(await dialog.getByLabel('Name').inputValue(), clientName, 'the edit form is filled');
  await dialog.getByLabel('Name').fill(renamed);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  await row(renamed).waitFor();
  assert.equal(await row(clientName).count(), 0, 'the old name is gone');
  await shot('05-client-renamed');

  // Disable it: gone from the default list, back with "Show disabled".
  await page.getByRole('button', { name: `Disable ${renamed}`, exact: true }).click();
  await row(renamed).waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: `Disabled client ${renamed}` }).waitFor();
  await shot('06-client-disabled');
  await page.getByLabel('Show disabled').check();
  await row(renamed).waitFor();
  assert.match(await row(renamed).innerText(), /Disabled/);
  await shot('07-show-disabled');

  // Logging out returns to the login page.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
}
