import { test } from 'node:test';
import { runAdminScenario } from './admin-scenario.js';
import { ARTIFACTS, inBrowser } from './browser-test.js';

void test('an admin logs in, creates a client and an agent, renames and disables the client', { timeout: 180_000 }, (t) =>
  inBrowser(t, 'admin', (page, server) => runAdminScenario(page, {
    url: server.url.replace(/\/$/, ''), email: server.adminEmail, password: server.adminPassword, artifacts: ARTIFACTS, suffix: String(process.pid),
  })));
