import type {} from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import type { EventBus, LiveEvent } from '../platform/event-bus.js';
import { canSeeAgentTeam, canSeeClient, type Caller } from './access.js';
import { callerOf } from './auth/auth-plugin.js';

function clientAllows(caller: Caller, e: LiveEvent): boolean {
  if (e.client_id) return canSeeClient(caller.scope, e.client_id);
  // Events about agents (several clients) are staff information: for those who may see one of the agent's clients.
  if (e.client_ids) return caller.role !== 'client_viewer' && (caller.scope.all || e.client_ids.some((id) => caller.scope.clientIds.has(id)));
  // Events with no client (e.g. a site's agents) are for staff, never client viewers.
  return caller.role !== 'client_viewer';
}

/**
 * Whether `caller` may receive `e`: client events go only to callers who may
 * see that client; events about one agent (`agent.*`, which carry the
 * agent's `data.team_id`) go to a team-confined caller only for agents of
 * their teams. An agent event without a team is nobody's (safe by default).
 */
export function mayReceive(caller: Caller, e: LiveEvent): boolean {
  if (!clientAllows(caller, e)) return false;
  if (caller.scope.teamIds && e.type.startsWith('agent.')) {
    return canSeeAgentTeam(caller.scope, typeof e.data.team_id === 'string' ? e.data.team_id : null);
  }
  return true;
}

/** Close code telling the page its access changed: reconnecting gives it the new scope. */
export const ACCESS_CHANGED = 4001;

/** Most data a socket may have waiting to be sent before it is dropped as too slow. */
const MAX_BUFFERED = 1 << 20;

interface Subscriber { socket: WebSocket; caller: Caller }

/**
 * Pushes bus events to the connected sockets. One bus listener for all
 * sockets; each event is serialised once (the JSON is the same for every
 * receiver; only whether a socket gets it depends on its scope), so a
 * burst of events to 1,000 sockets costs one JSON.stringify each, not
 * 1,000. `encode = 'per_socket'` restores the naive way (one stringify per
 * socket) as the baseline of bench/realtime.ts.
 */
export class EventFanout {
  readonly #subs = new Set<Subscriber>();
  encode: 'once' | 'per_socket' = 'once';
  readonly #off: () => void;

  constructor(bus: EventBus) {
    this.#off = bus.subscribe((e) => this.#deliver(e));
  }

  get size(): number {
    return this.#subs.size;
  }

  add(socket: WebSocket, caller: Caller): () => void {
    const s = { socket, caller };
    this.#subs.add(s);
    return () => this.#subs.delete(s);
  }

  stop(): void {
    this.#off();
  }

  /**
   * A socket keeps the scope it connected with, so when an admin edits a
   * user (clients, teams, role, disabled) that user's sockets are closed:
   * the page reconnects and is authorised afresh.
   */
  #dropUser(userId: unknown): void {
    for (const s of this.#subs) {
      if (s.caller.userId !== userId) continue;
      this.#subs.delete(s);
      s.socket.close(ACCESS_CHANGED, 'access changed');
    }
  }

  #deliver(e: LiveEvent): void {
    if (e.type === 'admin.user.update') this.#dropUser(e.data.id);
    let json: string | undefined;
    for (const s of this.#subs) {
      if (!mayReceive(s.caller, e)) continue;
      if (s.socket.bufferedAmount > MAX_BUFFERED) { s.socket.close(1013, 'too slow'); continue; }
      if (this.encode === 'per_socket') s.socket.send(JSON.stringify(e));
      else s.socket.send(json ??= JSON.stringify(e));
    }
  }
}

const fanouts = new WeakMap<EventBus, EventFanout>();

/** The gateway's fan-out for `bus` (bench/realtime.ts switches its encoding to measure the baseline). */
export function fanoutOf(bus: EventBus): EventFanout | undefined {
  return fanouts.get(bus);
}

/**
 * WebSocket /api/v1/events: authenticated by the same hook as REST (session
 * cookie or API key), then every bus event the caller may see is pushed as
 * JSON. A slow consumer that lets 1 MiB back up is disconnected rather than
 * grow server memory without bound.
 */
export const eventsGateway: FastifyPluginAsync<{ bus: EventBus }> = async (app, { bus }) => {
  const fanout = new EventFanout(bus);
  fanouts.set(bus, fanout);
  app.addHook('onClose', async () => { fanout.stop(); fanouts.delete(bus); });
  app.get('/events', { websocket: true, schema: { tags: ['events'], 'x-client-scope': 'filtered', summary: 'WebSocket stream of live events the caller may see' } },
    (socket: WebSocket, req) => {
      const caller = callerOf(req);
      socket.send(JSON.stringify({ type: 'hello', at: new Date().toISOString(), data: { user_id: caller.userId, role: caller.role } }));
      const off = fanout.add(socket, caller);
      socket.on('close', off);
      socket.on('error', off);
    });
};
