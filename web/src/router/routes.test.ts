import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adminAreasFor, canEditArea, canSeeCalls, homePathFor, matchRoute } from './routes.js';

void test('paths map to pages; unknown paths are not found', () => {
  assert.deepEqual(matchRoute('/'), { page: 'home' });
  assert.deepEqual(matchRoute('/login'), { page: 'login' });
  assert.deepEqual(matchRoute('/wallboard/'), { page: 'wallboard' });
  assert.deepEqual(matchRoute('/admin'), { page: 'admin', area: null });
  assert.deepEqual(matchRoute('/admin/queues'), { page: 'admin', area: 'queues' });
  assert.deepEqual(matchRoute('/admin/nope'), { page: 'not_found', path: '/admin/nope' });
  assert.deepEqual(matchRoute('/agent/x'), { page: 'not_found', path: '/agent/x' });
  assert.deepEqual(matchRoute('/admin/clients/extra'), { page: 'not_found', path: '/admin/clients/extra' });
  assert.deepEqual(matchRoute('/admin/campaigns/abc-1'), { page: 'admin', area: 'campaigns', id: 'abc-1' });
  assert.deepEqual(matchRoute('/admin/campaigns/abc/leads'), { page: 'not_found', path: '/admin/campaigns/abc/leads' });
  assert.deepEqual(matchRoute('/admin/dnc'), { page: 'admin', area: 'dnc' });
  assert.deepEqual(matchRoute('/admin/flows/new'), { page: 'admin', area: 'flows', id: 'new' });
  assert.deepEqual(matchRoute('/admin/business-hours'), { page: 'admin', area: 'business-hours' });
  assert.deepEqual(matchRoute('/admin/numbers/n1'), { page: 'not_found', path: '/admin/numbers/n1' });
  assert.deepEqual(matchRoute('/calls'), { page: 'calls' });
  assert.deepEqual(matchRoute('/calls/i-1'), { page: 'calls', id: 'i-1' });
  assert.deepEqual(matchRoute('/calls/i-1/x'), { page: 'not_found', path: '/calls/i-1/x' });
});

void test('admins see every admin area; supervisors edit only agents and queues; agents see none', () => {
  assert.equal(adminAreasFor('admin').length, 16);
  assert.ok(!adminAreasFor('supervisor').includes('trunks'), 'trunks (carrier credentials) are for admins');
  assert.equal(canEditArea('supervisor', 'flows'), false);
  assert.equal(canSeeCalls('qa'), true);
  assert.equal(canSeeCalls('agent'), false);
  assert.equal(canSeeCalls('client_viewer'), false);
  assert.ok(adminAreasFor('supervisor').includes('campaigns') && adminAreasFor('supervisor').includes('dnc'));
  assert.equal(canEditArea('supervisor', 'campaigns'), true);
  assert.ok(!adminAreasFor('supervisor').includes('users'));
  assert.ok(!adminAreasFor('supervisor').includes('audit'));
  assert.deepEqual(adminAreasFor('agent'), []);
  assert.equal(canEditArea('admin', 'clients'), true);
  assert.equal(canEditArea('admin', 'audit'), false);
  assert.equal(canEditArea('supervisor', 'clients'), false);
  assert.equal(canEditArea('supervisor', 'queues'), true);
  assert.equal(homePathFor('admin'), '/admin/clients');
  assert.equal(homePathFor('agent'), '/agent');
  assert.equal(homePathFor('qa'), '/wallboard');
  assert.equal(homePathFor('client_viewer'), '/reports');
});

void test('API keys: every role the API lets create keys opens them; agents and client viewers do not', () => {
  assert.deepEqual(matchRoute('/admin/api-keys'), { page: 'admin', area: 'api-keys' });
  for (const role of ['admin', 'supervisor', 'planner', 'qa'] as const) {
    assert.ok(adminAreasFor(role).includes('api-keys'), role);
    assert.equal(canEditArea(role, 'api-keys'), true, role);
  }
  // Planners and QA have no other admin area: their start page stays the wallboard.
  assert.deepEqual(adminAreasFor('planner'), ['api-keys']);
  assert.equal(homePathFor('planner'), '/wallboard');
  assert.deepEqual(adminAreasFor('client_viewer'), []);
  assert.equal(canEditArea('agent', 'api-keys'), false);
  assert.equal(canEditArea('client_viewer', 'api-keys'), false);
});
