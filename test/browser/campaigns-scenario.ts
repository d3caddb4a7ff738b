import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ScenarioOptions } from './admin-scenario.js';

/** A Wednesday, 11:00 in New York and 10:00 in Chicago: inside the default 08:00–21:00 window whatever the hour the test runs. */
const CALL_AT = new Date('2026-11-25T16:00:00Z');

/** The browser runs on this machine, so its datetime-local is read in this process's zone. */
function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

const CLIENT = 'Northwind Retail'; // seeded demo client, country US
const LEADS_CSV = [
  'phone,name,account',
  '(212) 555-0134,Dee En-See,A-1',
  '(646) 555-0199,Ada Lovelace,A-2',
  'not-a-number,Bad Row,A-3',
  '(312) 555-0142,Grace Hopper,A-4',
].join('\n');

/**
 * An admin's outbound set-up: a number on the client's do-not-call list (typed
 * in national format), a campaign, a lead list with one bad row and the DNC
 * number, then the import report, the leads and the "next leads" preview.
 */
export async function runCampaignsScenario(page: Page, o: ScenarioOptions): Promise<void> {
  await mkdir(o.artifacts, { recursive: true });
  const shot = (name: string, fullPage = true) => page.screenshot({ path: join(o.artifacts, `campaigns-${name}.png`), fullPage });
  const dialog = page.getByRole('dialog');
  const row = (text: string) => page.getByRole('row').filter({ hasText: text });
  const adminTab = (name: string) => page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name, exact: true });
  const campaignName = `Winter offers ${o.suffix}`;

  await page.goto(`${o.url}/admin/dnc`);
  await page.getByLabel('Email').fill(o.email);
  await page.getByLabel('Password').fill(o.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Do-not-call', level: 2 }).waitFor();

  // The number in national format lands on the client's list in E.164.
  const addForm = page.getByRole('form', { name: 'Add a number' });
  await addForm.getByLabel('List').selectOption({ label: CLIENT });
  await addForm.getByLabel('Phone number').fill('(212) 555-0134');
  await addForm.getByRole('button', { name: 'Add to list' }).click();
  await page.getByRole('status').filter({ hasText: `Added +12125550134 to the ${CLIENT} list.` }).waitFor();
  assert.match(await row('+12125550134').innerText(), new RegExp(`${CLIENT}[\\s\\S]*Admin / API`));
  await shot('01-dnc-added');

  // A campaign for the demo client.
  await adminTab('Campaigns').click();
  await page.getByRole('button', { name: 'New campaign' }).click();
  await dialog.getByLabel('Client').selectOption({ label: CLIENT });
  await dialog.getByLabel('Name').fill(campaignName);
  await dialog.getByLabel('Type').selectOption({ label: 'Telemarketing' });
  await dialog.getByLabel('Caller ID').fill('+12125550100');
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await dialog.getByLabel('Disposition 4', { exact: true }).fill('callback_later');
  await dialog.getByLabel('Retry 4', { exact: true }).selectOption('next_day');
  await shot('02-campaign-form', false);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  const listRow = row(campaignName);
  await listRow.waitFor();
  assert.match(await listRow.innerText(), /Draft/);
  assert.equal(await listRow.getByRole('button', { name: /^Pause/ }).count(), 0, 'a draft offers no Pause');
  await shot('03-campaigns-list');

  // Its page: import a list with one bad row (line 4) and the DNC number.
  await listRow.getByRole('link', { name: campaignName }).click();
  await page.getByRole('heading', { name: campaignName, level: 2 }).waitFor();
  await page.getByLabel('CSV text').fill(LEADS_CSV);
  assert.equal(await page.getByLabel('Phone column').inputValue(), 'phone', 'the phone column is guessed from the header');
  assert.equal(await page.getByLabel('Name column').inputValue(), 'name');
  assert.ok(await page.getByRole('checkbox', { name: 'account' }).isChecked(), 'other columns are kept as custom fields');
  await page.getByRole('button', { name: 'Import leads' }).click();
  const report = page.getByRole('region', { name: 'Import report' });
  await report.waitFor();
  const reportText = await report.innerText();
  assert.match(reportText, /Imported\s*3/);
  assert.match(reportText, /Rejected\s*1/);
  assert.match(reportText, /On do-not-call\s*1/);
  const rejected = report.getByRole('row').filter({ hasText: 'Line 4' });
  assert.match(await rejected.innerText(), /bad_phone[\s\S]*not-a-number/);
  assert.equal(await report.getByRole('row').count(), 2, 'a header row and exactly one rejected row');

  const leads = page.getByRole('region', { name: 'Leads', exact: true });
  for (const phone of ['+12125550134', '+16465550199', '+13125550142']) await leads.getByRole('row').filter({ hasText: phone }).waitFor();
  assert.match(await leads.getByRole('row').filter({ hasText: '+13125550142' }).innerText(), /America\/Chicago[\s\S]*account: A-4/);
  await shot('04-import-report');

  // Start it: the buttons follow the state machine.
  await page.getByRole('button', { name: `Start ${campaignName}` }).click();
  await page.getByRole('button', { name: `Pause ${campaignName}` }).waitFor();
  assert.equal(await page.getByRole('button', { name: `Start ${campaignName}` }).count(), 0);
  await page.getByRole('button', { name: `Stop ${campaignName}` }).waitFor();

  // What preview mode would dial at a fixed moment inside the window: never the DNC number.
  await page.getByLabel('At', { exact: true }).fill(localInputValue(CALL_AT));
  await page.getByRole('button', { name: 'Show next leads' }).click();
  const next = page.getByTestId('next-leads');
  await next.waitFor();
  const nextText = await next.innerText();
  assert.match(nextText, /\+16465550199/);
  assert.match(nextText, /\+13125550142/);
  assert.doesNotMatch(nextText, /\+12125550134/, 'the do-not-call number is never offered');
  assert.match(nextText, /2 leads callable/);
  await shot('05-next-leads');

  // Bulk DNC import names its bad line; a removal goes through (DELETE with the session's CSRF token).
  await adminTab('Do-not-call').click();
  const importForm = page.getByRole('form', { name: 'Import numbers' });
  await importForm.getByLabel('DNC CSV text').fill('phone\n+44 20 7946 0958\nnope\n+12125550134');
  await importForm.getByRole('button', { name: 'Import numbers' }).click();
  const dncReport = page.getByRole('region', { name: 'DNC import report' });
  await dncReport.waitFor();
  assert.match(await dncReport.innerText(), /Added\s*2[\s\S]*Rejected\s*1/);
  assert.match(await dncReport.getByRole('row').filter({ hasText: 'Line 3' }).innerText(), /nope/);
  const globalRow = row('+442079460958');
  assert.match(await globalRow.innerText(), /Global[\s\S]*Import/);
  await shot('06-dnc-import');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Remove +442079460958 (Global)' }).click();
  await page.getByRole('status').filter({ hasText: 'Removed +442079460958 from the Global list.' }).waitFor();
  // The status shows before the list has reloaded: wait for the row to go (fails after the timeout).
  await row('+442079460958').waitFor({ state: 'detached' });
  assert.equal(await row('+442079460958').count(), 0, 'the removed number is gone');
}
