import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { startSwitchboard, type Switchboard } from '../../src/app.js';

export interface TestServer {
  url: string;
  adminEmail: string;
  adminPassword: string;
  /** The server's DATA_DIR (recordings, prompts). */
  dataDir: string;
  sb: Switchboard;
  stop(): Promise<void>;
}

/**
 * A real Switchboard in this process on a fresh embedded PostgreSQL in a temp
 * dir, on a free port, with the demo workspace seeded. `stop()` shuts it down
 * and removes the data.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-test-'));
  const adminPassword = 'test-admin-password';
  // Trunk OPTIONS pings are off unless a test asks for them: tests make trunks with made-up hosts
  // (sip.example, 192.0.2.7) that must not be looked up or sent packets from this machine.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SWITCHBOARD_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'silent', SIP_PORT: '0',
    TRUNK_OPTIONS_INTERVAL_S: '0', ...env });
  const sb = await startSwitchboard(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  return {
    url: sb.url.replace('localhost', '127.0.0.1'),
    adminEmail: config.SWITCHBOARD_ADMIN_EMAIL,
    adminPassword,
    dataDir,
    sb,
    async stop() {
      await sb.stop('test done');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
