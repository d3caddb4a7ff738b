/**
 * Realtime benchmark: `npx tsx --expose-gc bench/realtime.ts` prints one JSON document.
 *
 * A real server (embedded PostgreSQL, demo workspace) with 1,000 extra
 * agents created through the REST API, each logged in (a session of its own
 * user) with a WebSocket: the agent desktop's `/api/v1/desktop` (default),
 * or with `--agent-socket events` the events stream `/api/v1/events`, where
 * each agent receives every event of its client (the worst case for the
 * fan-out); plus N wallboard sockets of a supervisor on `/api/v1/events`. The sockets live in two child processes (agents: count only;
 * wallboards: parse and time), so the server's event loop carries only the
 * server.
 *
 * A driver in the server process makes a steady stream through the engine:
 * agents toggling available / aux, and calls (stored interactions) that are
 * offered, answered after 0.2 s, completed after 1–3 s, wrap-up ended 0.5 s later. Measured at the
 * wallboards: for each `agent.state` event, arrival time − the event's `at`
 * (the engine's time of the change; same machine clock): p50, p99, max.
 * Memory per connected client: the server process's RSS and heap growth
 * from connecting every socket (after GC when --expose-gc), ÷ sockets.
 *
 * Baseline in the same run, same sockets and traffic: the gateway's fan-out
 * switched to one JSON.stringify per socket (how it worked before) against
 * the default, one serialisation per event. Target (issue 6): p99 < 100 ms.
 *
 *   --agents 1000 --wallboards 20 --seconds 10 --state-changes 50 (per s) --calls 10 (per s)
 *
 * With `--agent-socket events` one state change fans out to ~500 agent
 * sockets: the server's cost is the sends, and `messages_sent_per_server_cpu_s`
 * compares the two encodings at equal work. 50 changes/s is one change per
 * agent every 20 s.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fanoutOf } from '../src/api/events-gateway.js';
import { sessions, userClients, users } from '../src/store/schema.js';
import { loggedIn } from '../test/helpers/http.js';
import { startTestServer } from '../test/helpers/server.js';
import type { ClientsReply, ClientsRequest } from './realtime/socket-clients.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : dflt;
};
const AGENTS = arg('agents', 1000), WALLBOARDS = arg('wallboards', 20), SECONDS = arg('seconds', 10);
const STATE_RATE = arg('state-changes', 50), CALL_RATE = arg('calls', 10);
const AGENT_SOCKET = args.includes('--agent-socket') ? args[args.indexOf('--agent-socket') + 1] : 'desktop';
if (AGENT_SOCKET !== 'desktop' && AGENT_SOCKET !== 'events') throw new Error('--agent-socket: desktop or events');

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const gc = (globalThis as { gc?: () => void }).gc;
const mem = async () => {
  for (let i = 0; i < 3; i++) { gc?.(); await new Promise((r) => setTimeout(r, 100)); }
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
};
const pcts = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s.length === 0 ? null : s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { samples: s.length, p50_ms: at(0.5), p99_ms: at(0.99), max_ms: s.length ? s[s.length - 1] : null };
};

function child(): ChildProcess {
  return fork(fileURLToPath(new URL('./realtime/socket-clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
function ask(c: ChildProcess, req: ClientsRequest): Promise<ClientsReply> {
  return new Promise((resolve) => { c.once('message', (m) => resolve(m as ClientsReply)); c.send(req); });
}

const started = Date.now();
const progress = (what: string) => process.stderr.write(`realtime: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
const loadAtStart = +os.loadavg()[0].toFixed(2);
// The desktop socket lives with the voice service (SIP on, on a free port); the events stream needs neither.
const srv = await startTestServer(AGENT_SOCKET === 'desktop' ? {} : { SIP_ENABLED: 'false' });
const agentsProc = child(), boardsProc = child();
try {
  progress('server up');
  const { db } = srv.sb.database;
  const routing = srv.sb.routing;
  const admin = await loggedIn(srv.url, srv.adminEmail, srv.adminPassword);
  const clients = (await admin.get('/api/v1/clients')).body.items as { id: string; code: string }[];
  const skills = new Map(((await admin.get('/api/v1/skills?limit=100')).body.items as { id: string; name: string }[]).map((s) => [s.name, s.id]));
  const queues = (await admin.get('/api/v1/queues?limit=100')).body.items as { id: string; name: string; client_id: string; channel: string }[];
  const callQueues = queues.filter((q) => q.name === 'Orders' || q.name === 'Cards');

  // 1,000 agent users with sessions (as after logging in), then their agents through the API.
  const t0 = Date.now();
  const people = Array.from({ length: AGENTS }, (_, i) => ({ userId: randomUUID(), token: randomBytes(24).toString('base64url'), client: clients[i % 2] }));
  const expires = new Date(Date.now() + 3600_000);
  for (let i = 0; i < people.length; i += 500) {
    const chunk = people.slice(i, i + 500);
    await db.insert(users).values(chunk.map((p, k) => ({ id: p.userId, email: `bench.agent.${i + k}@bench.local`, name: `Bench Agent ${i + k}`, role: 'agent' as const, passwordHash: 'unused' })));
    await db.insert(userClients).values(chunk.map((p) => ({ userId: p.userId, clientId: p.client.id })));
    await db.insert(sessions).values(chunk.map((p) => ({ idHash: sha256(p.token), userId: p.userId, csrfToken: 'x', expiresAt: expires })));
  }
  const agentIds: string[] = new Array(AGENTS);
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < people.length) {
      const i = next++, p = people[i];
      const sk = p.client.code === 'NWR' ? [['English', 7], ['Orders', 6]] : [['English', 7], ['Cards', 6]];
      const r = await admin.post('/api/v1/agents', { name: `Bench Agent ${i}`, extension: String(20000 + i), user_id: p.userId, client_ids: [p.client.id],
        skills: sk.map(([n, level]) => ({ skill_id: skills.get(n as string), level })) });
      if (r.status !== 201) throw new Error(`agent ${i}: ${r.status} ${JSON.stringify(r.body)}`);
      agentIds[i] = r.body.id;
    }
  }));
  await routing.flush();
  progress('agents created');
  const boardTokens = Array.from({ length: WALLBOARDS }, () => randomBytes(24).toString('base64url'));
  const supId = randomUUID();
  await db.insert(users).values({ id: supId, email: 'bench.supervisor@bench.local', name: 'Bench Supervisor', role: 'supervisor', passwordHash: 'unused' });
  await db.insert(sessions).values(boardTokens.map((t) => ({ idHash: sha256(t), userId: supId, csrfToken: 'x', expiresAt: expires })));
  const setupS = (Date.now() - t0) / 1000;

  // Connect every socket; memory before and after.
  const url = srv.url.replace('http', 'ws') + '/api/v1/events';
  const before = await mem();
  const a = await ask(agentsProc, { cmd: 'connect', url: srv.url.replace('http', 'ws') + `/api/v1/${AGENT_SOCKET}`, cookies: people.map((p) => `sb_session=${p.token}`), measure: false, concurrency: 50 });
  const b = await ask(boardsProc, { cmd: 'connect', url, cookies: boardTokens.map((t) => `sb_session=${t}`), measure: true, concurrency: 10 });
  const after = await mem();
  progress('sockets connected');
  const sockets = (a.kind === 'connected' ? a.open : 0) + (b.kind === 'connected' ? b.open : 0);
  const fanout = fanoutOf(srv.sb.bus);
  if (!fanout) throw new Error('events gateway not found');
  const expected = AGENT_SOCKET === 'events' ? AGENTS + WALLBOARDS : WALLBOARDS;
  if (fanout.size !== expected || sockets !== AGENTS + WALLBOARDS) throw new Error(`expected ${expected} sockets on the events gateway and ${AGENTS + WALLBOARDS} in all, got ${fanout.size} and ${sockets}`);

  // Everyone logs in: the engine now has 1,000 more agents at work.
  routing.run((e) => agentIds.flatMap((id) => (e.agent(id).state === 'offline' ? e.login(id) : [])));
  const answering = new Set<ReturnType<typeof setTimeout>>();
  const offHandler = routing.onOffer((d) => {
    const t = setTimeout(() => {
      answering.delete(t);
      try { routing.run((e) => e.accept(d.offerId, d.agentId)); } catch { return; }
      const t2 = setTimeout(() => {
        answering.delete(t2);
        try { routing.run((e) => e.complete(d.interactionId)); } catch { return; }
        // Wrap-up ends after half a second, so calls keep a few dozen agents busy, not the queues' full wrap-up time.
        const t3 = setTimeout(() => { answering.delete(t3); try { routing.run((e) => e.endWrapUp(d.interactionId)); } catch { /* already done */ } }, 500);
        answering.add(t3);
      }, 1000 + Math.random() * 2000);
      answering.add(t2);
    }, 200);
    answering.add(t);
  });

  async function phase(mode: 'once' | 'per_socket') {
    progress(`phase ${mode}`);
    fanout!.encode = mode;
    await new Promise((r) => setTimeout(r, 500));
    await ask(boardsProc, { cmd: 'reset' });
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const tStart = Date.now();
    let changes = 0, calls = 0, picks = 0, failedCalls = 0;
    await new Promise<void>((resolve) => {
      // Paced by elapsed time, not by timer ticks: a late tick catches up (a burst), as real traffic would not wait for the server.
      const timer = setInterval(() => {
        const due = (Date.now() - tStart) / 1000;
        for (; picks < due * STATE_RATE; picks++) {
          const id = agentIds[Math.floor(Math.random() * agentIds.length)];
          const s = routing.engine.agent(id).state;
          if (s === 'available') { routing.run((e) => e.setAux(id, 'break')); changes++; }
          else if (s === 'aux') { routing.run((e) => e.setAvailable(id)); changes++; }
        }
        for (; calls < due * CALL_RATE;) {
          const q = callQueues[calls++ % callQueues.length];
          routing.enqueue({ queueId: q.id, channel: 'voice', clientId: q.client_id, simulated: true, subject: 'bench' }).catch(() => { failedCalls++; });
        }
        if (Date.now() - tStart >= SECONDS * 1000) { clearInterval(timer); resolve(); }
      }, 10);
    });
    const cpu = process.cpuUsage(cpu0);
    loop.disable();
    await new Promise((r) => setTimeout(r, 500));
    const rep = await ask(boardsProc, { cmd: 'report' });
    const agentsRep = await ask(agentsProc, { cmd: 'report' });
    await ask(agentsProc, { cmd: 'reset' });
    if (rep.kind !== 'report' || agentsRep.kind !== 'report') throw new Error('no report');
    const wall = (Date.now() - tStart - 500) / 1000;
    return {
      encode: mode,
      state_changes_driven: changes, calls_driven: calls, calls_failed_to_store: failedCalls,
      wallboard_latency: pcts(rep.latenciesMs),
      messages_to_wallboards: rep.messages, messages_to_agents: agentsRep.messages, mbytes_to_agents: +(agentsRep.bytes / 1e6).toFixed(1),
      sockets_closed_as_slow: rep.closed + agentsRep.closed,
      server_cpu_pct_of_one_core: +(((cpu.user + cpu.system) / 1000) / (wall * 1000) * 100).toFixed(1),
      messages_sent_per_server_cpu_s: Math.round((rep.messages + agentsRep.messages) / ((cpu.user + cpu.system) / 1e6)),
      server_loop_delay_p99_ms: +(loop.percentile(99) / 1e6).toFixed(1),
    };
  }

  await phase('once'); // warm-up, not reported
  const baseline = await phase('per_socket');
  const measured = await phase('once');
  offHandler();
  for (const t of answering) clearTimeout(t);
  const p99 = measured.wallboard_latency.p99_ms;
  console.log(JSON.stringify({
    bench: 'realtime',
    machine: { cpus: os.cpus().length, load_at_start: loadAtStart, node: process.version },
    setup: { agents: AGENTS, wallboards: WALLBOARDS, seconds_per_phase: SECONDS, state_changes_per_s: STATE_RATE, calls_per_s: CALL_RATE,
      agent_sockets: AGENT_SOCKET === 'desktop' ? '/api/v1/desktop (each agent gets its own events)' : '/api/v1/events (each agent gets every event of its client)',
      setup_s: setupS, gc: gc !== undefined },
    memory_per_client: { sockets, rss_kib: +((after.rss - before.rss) / sockets / 1024).toFixed(1), heap_kib: +((after.heap - before.heap) / sockets / 1024).toFixed(1) },
    serialise_once: measured,
    baseline_per_socket_stringify: baseline,
    target: { p99_ms_below: 100, met: p99 !== null && p99 < 100 },
    wall_s: (Date.now() - started) / 1000,
  }, null, 2));
} finally {
  agentsProc.kill();
  boardsProc.kill();
  await srv.sb.routing.flush();
  await srv.stop();
}
