import { test } from 'node:test';
import { runCampaignsScenario } from './campaigns-scenario.js';
import { ARTIFACTS, inBrowser } from './browser-test.js';

void test('an admin lists a DNC number, creates a campaign, imports leads and previews who would be dialed', { timeout: 180_000 }, (t) =>
  inBrowser(t, 'campaigns', (page, server) => runCampaignsScenario(page, {
    url: server.url.replace(/\/$/, ''), email: server.adminEmail, password: server.adminPassword, artifacts: ARTIFACTS, suffix: String(process.pid),
  })));
