/**
 * Campaigns through the API: lead import from CSV, do-not-call lists and the
 * preview screen's next-leads. The point: a number on a DNC list, written in
 * a different format in the lead list, is never offered for dialing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loggedIn, type ApiClient } from '../helpers/http.js';

type Item = Record<string, unknown> & { id: string };
let srv: TestServer;
let admin: ApiClient;
let A: string;
let campaignId: string;

before(async () => {
  srv = await startTestServer();
  admin = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
  A = ((await admin.get('/api/v1/clients')).body.items as Item[]).find((c) => c.code === 'NWR')!.id;
});
after(async () => srv?.stop());

/** ApiClient always sends JSON: a text/csv body goes through fetch with the same session. */
async function csvPost(api: ApiClient, path: string, csv: string): Promise<{ status: number; body: any }> {
  const r = await fetch(api.base + path, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv; charset=utf-8', cookie: api.cookie, 'x-csrf-token': api.csrf } });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}
const nextLeads = async (api: ApiClient, query = '') => {
  const r = await api.get(`/api/v1/campaigns/${campaignId}/next-leads?limit=100${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return (r.body.items as Item[]).map((l) => l.phone as string);
};

// 2026-03-10 (a Tuesday) 19:00 UTC: 15:00 in New York, 09:00 in Honolulu.
const ALL_OPEN = '2026-03-10T19:00:00Z';

test('a campaign is created as a draft with the default window and retry rules; bad input is named', async () => {
  const bad = await admin.post('/api/v1/campaigns', { client_id: A, name: 'x', type: 'telemarketing', caller_id: '212-555-0100', window_start: '21:00', window_end: '08:00' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.details.issues[0].path, 'caller_id');
  const backwards = await admin.post('/api/v1/campaigns', { client_id: A, name: 'x', type: 'telemarketing', caller_id: '+12125550100', window_start: '21:00', window_end: '08:00' });
  assert.equal(backwards.status, 400);
  assert.match(backwards.body.error.message, /window_end/);
  const r = await admin.post('/api/v1/campaigns', { client_id: A, name: 'Spring renewals', type: 'telemarketing', mode: 'preview', caller_id: '+12125550100' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.status, 'draft');
  assert.deepEqual([r.body.window_start, r.body.window_end, r.body.max_attempts], ['08:00', '21:00', 3]);
  assert.deepEqual(r.body.retry_rules, { busy: 30, no_answer: 240, machine: 'next_day' });
  campaignId = r.body.id;
});

test('do-not-call entries are stored in E.164 whatever format they come in, per client and globally', async () => {
  const own = await admin.post('/api/v1/dnc', { client_id: A, phone: '+1 212-555-0199' });
  assert.equal(own.status, 201);
  assert.equal(own.body.phone, '+12125550199');
  const again = await admin.post('/api/v1/dnc', { client_id: A, phone: '(212) 555 0199' });
  assert.equal(again.status, 200, 'adding twice is harmless');
  assert.equal(again.body.id, own.body.id);
  const global = await admin.post('/api/v1/dnc', { phone: '+13125550142' });
  assert.equal(global.status, 201);
  assert.equal(global.body.client_id, null);
  const bad = await admin.post('/api/v1/dnc', { client_id: A, phone: '12' });
  assert.equal(bad.status, 400);
  const bulk = await csvPost(admin, `/api/v1/dnc/import?client_id=${A}`, 'Name,Phone Number\nZed,(646) 555-0111\nYan,not a number\nXi,646.555.0111\n');
  assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
  assert.deepEqual([bulk.body.rows, bulk.body.added, bulk.body.rejected], [3, 1, 1]);
  assert.deepEqual(bulk.body.rejected_rows.map((x: { line: number }) => x.line), [3]);
  const audit = (await admin.get('/api/v1/audit?limit=20')).body.items as { action: string }[];
  assert.ok(audit.some((e) => e.action === 'dnc.add') && audit.some((e) => e.action === 'dnc.import'), 'additions are audited');
});

const LEADS = '\ufeffPhone,Name,Time zone,Balance\r\n'
  + '(212) 555-0199,On client DNC,,10\r\n' // the client's DNC number, national format
  + '312.555.0142,On global DNC,,20\r\n' // the global DNC number
  + '212-555-0134,"Smith, Ann",,30\r\n'
  + '+1 212 555 0134,"Smith, Ann",,31\r\n' // duplicate of the line above
  + '808-555-0100,Hawaii Hal,,40\r\n'
  + ',No phone,,\r\n'
  + 'call me maybe,Words,,\r\n'
  + '415-555-0100,Mars Mo,Mars/Olympus,\r\n'
  + '415-555-0101,"Multi\r\nline",America/Los_Angeles,50\r\n'
  + '646-555-0111,Bulk DNC,,\r\n'
  + '617-555-0100,Boston Bo,,\r\n';

test('a CSV import reports counts and every rejected row by line, merges duplicates, and is all-or-nothing', async () => {
  const broken = await csvPost(admin, `/api/v1/campaigns/${campaignId}/leads/import`, 'phone,name\n2125550100,"never closed\n');
  assert.equal(broken.status, 400);
  assert.equal(broken.body.error.code, 'CSV_MALFORMED');
  assert.equal((await admin.get(`/api/v1/campaigns/${campaignId}/leads`)).body.total, 0, 'nothing written by a failed import');

  const r = await csvPost(admin, `/api/v1/campaigns/${campaignId}/leads/import`, LEADS);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual({ rows: r.body.rows, imported: r.body.imported, merged: r.body.merged_duplicates, rejected: r.body.rejected, on_dnc: r.body.on_dnc },
    { rows: 11, imported: 7, merged: 1, rejected: 3, on_dnc: 3 });
  assert.deepEqual(r.body.rejected_rows.map((x: { line: number; code: string }) => [x.line, x.code]), [[7, 'missing_phone'], [8, 'bad_phone'], [9, 'unknown_time_zone']]);
  const leads = (await admin.get(`/api/v1/campaigns/${campaignId}/leads?limit=100`)).body.items as Item[];
  const ann = leads.find((l) => l.phone === '+12125550134')!;
  assert.deepEqual([ann.name, ann.time_zone, ann.fields], ['Smith, Ann', 'America/New_York', { Balance: '31' }]);
  assert.equal(leads.find((l) => l.phone === '+14155550101')!.name, 'Multi\r\nline');

  // Re-importing the same number merges into the existing lead.
  const again = await admin.post(`/api/v1/campaigns/${campaignId}/leads/import`, { csv: 'Tel,Who\n2125550134,Ann Smith\n', mapping: { phone: 'Tel', name: 'Who' } });
  assert.deepEqual([again.body.imported, again.body.merged_duplicates], [0, 1]);
  const listed = (await admin.get('/api/v1/campaigns?limit=100')).body.items.find((c: Item) => c.id === campaignId);
  assert.equal(listed.lead_count, leads.length, 'the list carries each campaign\'s lead count');
});

test('next-leads never offers a DNC number, at any hour, and only inside the lead\'s local calling window', async () => {
  assert.equal((await admin.get(`/api/v1/campaigns/${campaignId}/next-leads`)).status, 409, 'a draft campaign hands out nothing');
  assert.equal((await admin.post(`/api/v1/campaigns/${campaignId}/start`)).body.status, 'running');
  const dnc = ['+12125550199', '+13125550142', '+16465550111'];
  for (let h = 0; h < 24; h++) {
    const picked = await nextLeads(admin, `&at=2026-03-10T${String(h).padStart(2, '0')}:00:00Z`);
    assert.deepEqual(picked.filter((p) => dnc.includes(p)), [], `hour ${h}`);
  }
  assert.deepEqual((await nextLeads(admin, `&at=${ALL_OPEN}`)).sort(), ['+12125550134', '+14155550101', '+16175550100', '+18085550100']);
  // 17:00 UTC: 13:00 in New York, 07:00 in Honolulu: Hawaii is not called yet.
  assert.ok(!(await nextLeads(admin, '&at=2026-03-10T17:00:00Z')).includes('+18085550100'));
  assert.ok((await nextLeads(admin, '&at=2026-03-10T17:00:00Z')).includes('+12125550134'));
});

test('an agent adds a number to the DNC list and it stops being offered; a disposition schedules the retry', async () => {
  assert.equal((await admin.post('/api/v1/users', { email: 'agent.a@example.com', name: 'Agent A', role: 'agent', client_ids: [A], password: 'agent-a-password' })).status, 201);
  const agent = await loggedIn(srv.url, 'agent.a@example.com', 'agent-a-password');
  const added = await agent.post('/api/v1/dnc', { client_id: A, phone: '617 555 0100', source: 'api' });
  assert.equal(added.status, 201);
  assert.equal(added.body.source, 'agent');
  assert.ok(!(await nextLeads(agent, `&at=${ALL_OPEN}`)).includes('+16175550100'));

  const lead = ((await admin.get(`/api/v1/campaigns/${campaignId}/leads?limit=100`)).body.items as Item[]).find((l) => l.phone === '+14155550101')!;
  const d = await agent.post(`/api/v1/campaigns/${campaignId}/leads/${lead.id}/disposition`, { disposition: 'busy' });
  assert.equal(d.status, 200, JSON.stringify(d.body));
  assert.deepEqual([d.body.status, d.body.attempts, d.body.last_disposition], ['retry', 1, 'busy']);
  const due = Date.parse(d.body.next_attempt_at as string);
  assert.ok(!(await nextLeads(admin, `&at=${new Date(due - 60_000).toISOString()}`)).includes('+14155550101'), 'not before the retry time');
});

test('start, pause, resume and stop follow the state machine, are audited, and a stopped campaign stays stopped', async () => {
  const act = (a: string) => admin.post(`/api/v1/campaigns/${campaignId}/${a}`);
  assert.equal((await act('start')).status, 409, 'already running');
  assert.equal((await act('pause')).body.status, 'paused');
  assert.equal((await admin.get(`/api/v1/campaigns/${campaignId}/next-leads`)).status, 409, 'a paused campaign hands out nothing');
  assert.equal((await act('resume')).body.status, 'running');
  assert.equal((await act('stop')).body.status, 'stopped');
  const again = await act('resume');
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'CAMPAIGN_ILLEGAL_TRANSITION');
  assert.equal((await csvPost(admin, `/api/v1/campaigns/${campaignId}/leads/import`, 'phone\n2125550177\n')).status, 409);
  const actions = ((await admin.get('/api/v1/audit?limit=50')).body.items as { action: string }[]).map((e) => e.action);
  for (const a of ['campaign.create', 'campaign.start', 'campaign.pause', 'campaign.resume', 'campaign.stop', 'campaign.leads_import']) assert.ok(actions.includes(a), a);
});

test('a client viewer may not import leads or add DNC numbers', async () => {
  const viewer = await loggedIn(srv.url, 'viewer@northwind.example', srv.adminPassword);
  assert.equal((await csvPost(viewer, `/api/v1/campaigns/${campaignId}/leads/import`, 'phone\n2125550178\n')).status, 404);
  assert.equal((await viewer.post('/api/v1/dnc', { client_id: A, phone: '2125550178' })).status, 403);
});
