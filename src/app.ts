import { count, eq } from 'drizzle-orm';
import type { Config } from './platform/config.js';
import type { Logger } from './platform/logger.js';
import { systemClock, type Clock } from './platform/clock.js';
import { AppError, defineErrors } from './platform/errors.js';
import { EventBus } from './platform/event-bus.js';
import { newId, randomToken } from './platform/ids.js';
import { Lifecycle } from './platform/lifecycle.js';
import { openDatabase, type Database } from './store/database.js';
import { users } from './store/schema.js';
import { seedDemo } from './store/seed-demo.js';
import { AuditLog } from './api/audit.js';
import { AuthService } from './api/auth/auth-service.js';
import { hashPassword } from './api/auth/password.js';
import { createMetrics } from './api/health-routes.js';
import { buildServer, DEFAULT_WEB_DIR } from './api/server.js';
import { routingRoutes, wallboardRoutes } from './api/routing-routes.js';
import { supervisorRoutes } from './api/supervisor-routes.js';
import { RoutingService } from './routing/service/routing-service.js';
import { DemoMode } from './routing/service/demo-mode.js';
import { demoRoutes } from './api/demo-routes.js';
import { campaignRoutes } from './api/campaign-routes.js';
import { dncRoutes } from './api/dnc-routes.js';
import { dialerRoutes } from './api/dialer-routes.js';
import { LiveDialer } from './dialer/live/live-dialer.js';
import { crmRoutes } from './api/crm-routes.js';
import { startTelephony, type Telephony } from './calls/index.js';
import { VoiceService } from './calls/voice/voice-service.js';
import { callRoutes } from './api/call-routes.js';
import { voiceRoutes } from './api/voice-routes.js';
import { ttsAvailable } from './api/voice-capabilities.js';
import { sipHa1 } from './api/resources/agents.js';
import { loadSecretKey } from './platform/secrets.js';
import { DesktopHub, desktopGateway, webrtcHost } from './desktop/index.js';
import { createWebRtcEngine } from './webrtc/index.js';
import { TrunkMonitor } from './calls/trunk-health.js';
import { loadRegistrationTargets, loadTrunkTargets, optionsPinger, trunkRegisteredGauge, trunkUpGauge } from './calls/trunk-ping.js';
import { TrunkRegistrar } from './calls/trunk-register.js';
import { systemTimers } from './sip/transaction/timers.js';
import type { WebRtcEngine } from './webrtc/webrtc-engine.js';

export const StartErrors = defineErrors({
  PORT_IN_USE: { status: 500, message: 'port already in use' },
  SIP_START_FAILED: { status: 500, message: 'telephony failed to start' },
  LISTEN_FAILED: { status: 500, message: 'cannot listen' },
});

export interface Switchboard {
  url: string;
  database: Database;
  bus: EventBus;
  routing: RoutingService;
  /** The SIP switch (echo and tone test services today); absent with SIP_ENABLED=false. */
  telephony?: Telephony;
  /** Inbound voice (numbers, flows, agents' phones); absent with SIP_ENABLED=false. */
  voice?: VoiceService;
  /** The outbound dialer (running campaigns); absent with SIP_ENABLED=false. */
  dialer?: LiveDialer;
  /** The agent desktop (WebSocket, browser softphone); absent with SIP_ENABLED=false. */
  desktop?: DesktopHub;
  /** Digest realm agents' phones register in. */
  sipRealm: string;
  /** The admin created at this start, with its password when it was generated (printed once). */
  createdAdmin?: { email: string; password: string; generated: boolean };
  demoSeeded: boolean;
  stop(reason?: string): Promise<void>;
}

/** Creates the first admin when there is none. The password is only ever shown here, once. */
async function ensureAdmin(database: Database, config: Config): Promise<Switchboard['createdAdmin']> {
  const [{ n }] = await database.db.select({ n: count() }).from(users).where(eq(users.role, 'admin'));
  if (n > 0) return undefined;
  const generated = !config.SWITCHBOARD_ADMIN_PASSWORD;
  const password = config.SWITCHBOARD_ADMIN_PASSWORD ?? randomToken(12);
  await database.db.insert(users).values({ id: newId(), email: config.SWITCHBOARD_ADMIN_EMAIL.toLowerCase(), name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password) });
  return { email: config.SWITCHBOARD_ADMIN_EMAIL.toLowerCase(), password, generated };
}

/**
 * The composition root: builds every part from the configuration, wires
 * them, starts listening. Later issues add the SIP stack, media, routing
 * engine and dialer here, each registering its stop with the lifecycle.
 */
export async function startSwitchboard(config: Config, log: Logger, opts: { clock?: Clock; webDir?: string } = {}): Promise<Switchboard> {
  const clock = opts.clock ?? systemClock;
  const lifecycle = new Lifecycle(log, config.SHUTDOWN_GRACE_MS);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, log, embeddedPort: config.EMBEDDED_PG_PORT });
  lifecycle.onStop('database', () => database.close());
  try {
    const createdAdmin = await ensureAdmin(database, config);
    let demoSeeded = false;
    if (config.SEED_DEMO && createdAdmin) {
      const password = createdAdmin.password;
      demoSeeded = (await seedDemo(database.db, await hashPassword(password),
        { tts: ttsAvailable(), sipSecret: (ext) => sipHa1(ext, config.SIP_REALM, password) })).seeded;
    }
    const bus = new EventBus();
    const routing = new RoutingService({ db: database.db, bus, clock, log: log.child({ part: 'routing' }), stateLogRetentionDays: config.AGENT_STATE_LOG_RETENTION_DAYS });
    await routing.start();
    lifecycle.onStop('routing', () => routing.stop());
    const demo = new DemoMode({ db: database.db, routing, log: log.child({ part: 'demo' }), defaultOn: config.SIMULATE_DEMO_TRAFFIC, callsPerMinute: config.DEMO_CALLS_PER_MINUTE });
    await demo.init();
    lifecycle.onStop('demo traffic', () => demo.stop());
    let telephony: Telephony | undefined;
    let voice: VoiceService | undefined;
    let dialer: LiveDialer | undefined;
    let desktop: DesktopHub | undefined;
    let webrtc: WebRtcEngine | undefined;
    let trunkHealth: TrunkMonitor | undefined;
    let trunkRegistrar: TrunkRegistrar | undefined;
    // Read once: trunk passwords are encrypted with it (API) and decrypted for carriers' challenges (calls, registrations).
    const secretKey = loadSecretKey({ dataDir: config.dataDir, secretKey: config.SECRET_KEY });
    const metrics = createMetrics();
    if (config.SIP_ENABLED) {
      const v = new VoiceService({ db: database.db, clock, log: log.child({ part: 'voice' }), routing, dataDir: config.dataDir, realm: config.SIP_REALM, loginOnRegister: config.AGENT_LOGIN_ON_REGISTER, bus,
        secretKey: () => secretKey });
      voice = v;
      // Close what a crash left open before any new call arrives.
      await v.recover();
      lifecycle.onStop('voice', async () => v.stop());
      try {
        telephony = await startTelephony({ config, log, bindAddress: config.HOST, voice: v });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw StartErrors.create('SIP_START_FAILED', { port: config.SIP_PORT }, `SIP port ${config.SIP_PORT} is already in use: stop the other program, set SIP_PORT, or SIP_ENABLED=false`);
        throw StartErrors.create('SIP_START_FAILED', {}, `telephony failed to start: ${(e as Error).message}`);
      }
      const t = telephony;
      lifecycle.onStop('telephony', () => t.stop());
      if (config.TRUNK_OPTIONS_INTERVAL_S > 0) {
        // Carriers are pinged with OPTIONS so an unreachable one shows before a call fails on it.
        const monitor = new TrunkMonitor({ loadTrunks: () => loadTrunkTargets(database.db), ping: optionsPinger((target) => t.options(target)),
          clock, timers: systemTimers, intervalMs: config.TRUNK_OPTIONS_INTERVAL_S * 1000, log: log.child({ part: 'trunk-health' }), bus, gauge: trunkUpGauge(metrics.registry) });
        await monitor.start();
        trunkHealth = monitor;
        lifecycle.onStop('trunk health', () => monitor.stop());
      }
      // Trunks marked `register` register with their carriers (and unregister at shutdown, before SIP closes).
      const registrar = new TrunkRegistrar({ loadTargets: () => loadRegistrationTargets(database.db, secretKey),
        send: (o) => t.register(o), clock, timers: systemTimers, log: log.child({ part: 'trunk-register' }), bus, gauge: trunkRegisteredGauge(metrics.registry) });
      await registrar.start();
      trunkRegistrar = registrar;
      lifecycle.onStop('trunk registrations', () => registrar.stop());
      // Campaigns dial through the voice service's trunks; attempts a restart cut off are closed first.
      const dl = new LiveDialer({ db: database.db, voice: v, clock, log: log.child({ part: 'dialer' }), bus });
      await dl.start();
      dialer = dl;
      lifecycle.onStop('dialer', async () => dl.stop());
      // One WebRTC engine for every browser softphone (node-datachannel: see src/webrtc/README.md).
      const engine = await createWebRtcEngine({ host: webrtcHost(config), port: config.WEBRTC_PORT });
      webrtc = engine;
      lifecycle.onStop('webrtc', () => engine.close());
      const hub = new DesktopHub({ db: database.db, clock, log: log.child({ part: 'desktop' }), bus, routing, voice: v, engine });
      hub.start();
      v.useBrowser(hub);
      desktop = hub;
      lifecycle.onStop('desktop', async () => hub.stop());
    }
    const audit = new AuditLog(database.db, clock);
    const auth = new AuthService(database.db, clock, audit);
    const app = await buildServer({
      log, db: database.db, auth, audit, bus, metrics, ready: () => database.ping(),
      secureCookie: config.COOKIE_SECURE, webDir: opts.webDir ?? DEFAULT_WEB_DIR, sipRealm: config.SIP_REALM,
      extraRoutes: [
        async (api) => api.register(routingRoutes, { db: database.db, routing, audit }),
        async (api) => api.register(wallboardRoutes, { db: database.db, routing }),
        async (api) => api.register(supervisorRoutes, { db: database.db, routing, audit }),
        async (api) => api.register(demoRoutes, { demo, audit }),
        async (api) => api.register(campaignRoutes, { db: database.db, audit, bus, clock }),
        async (api) => api.register(dncRoutes, { db: database.db, audit, clock }),
        async (api) => api.register(dialerRoutes, { db: database.db, clock, audit, dialer }),
        async (api) => api.register(crmRoutes, { db: database.db, routing, audit, bus, clock, consultedAgent: (id) => voice?.consultedAgent(id) }),
        ...(voice !== undefined ? [async (api: Parameters<typeof callRoutes>[0]) => api.register(callRoutes, { db: database.db, voice: voice, audit, webrtc })] : []),
        ...(desktop !== undefined ? [async (api: Parameters<typeof desktopGateway>[0]) => api.register(desktopGateway, { db: database.db, hub: desktop })] : []),
        async (api) => api.register(voiceRoutes, { db: database.db, audit, bus, dataDir: config.dataDir,
          secretKey, tts: ttsAvailable(),
          trunkHealth: (id) => trunkHealth?.health(id), trunkRegistration: (id) => trunkRegistrar?.registration(id) }),
      ],
    });
    lifecycle.onStop('http', () => app.close());
    try {
      await app.listen({ port: config.PORT, host: config.HOST });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw StartErrors.create('PORT_IN_USE', { port: config.PORT }, `port ${config.PORT} is already in use: stop the other program or set PORT`);
      throw StartErrors.create('LISTEN_FAILED', { port: config.PORT }, `cannot listen on ${config.HOST}:${config.PORT}: ${(e as Error).message}`);
    }
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
    return { url, database, bus, routing, telephony, voice, desktop, dialer, sipRealm: config.SIP_REALM, createdAdmin, demoSeeded, stop: (reason) => lifecycle.stop(reason) };
  } catch (e) {
    await lifecycle.stop('start-up failed');
    throw e;
  }
}

export { AppError };
