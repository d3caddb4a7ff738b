import type {} from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import type { EventBus, LiveEvent } from '../platform/event-bus.js';
import { canSeeClient, type Caller } from './access.js';
import { callerOf } from './auth/auth-plugin.js';

/** Whether `caller` may receive `e`: client events go only to callers who may see that client. */
export function mayReceive(caller: Caller, e: LiveEvent): boolean {
  if (e.client_id) return canSeeClient(caller.scope, e.client_id);
  // Events with no client (e.g. a site's agents) are for staff, never client viewers.
  return caller.role !== 'client_viewer';
}

/**
 * WebSocket /api/v1/events: authenticated by the same hook as REST (session
 * cookie or API key), then every bus event the caller may see is pushed as
 * JSON. A slow consumer that lets 1 MiB back up is disconnected rather than
 * grow server memory without bound.
 */
export const eventsGateway: FastifyPluginAsync<{ bus: EventBus }> = async (app, { bus }) => {
  app.get('/events', { websocket: true, schema: { tags: ['events'], 'x-client-scope': 'filtered', summary: 'WebSocket stream of live events the caller may see' } },
    (socket: WebSocket, req) => {
      const caller = callerOf(req);
      socket.send(JSON.stringify({ type: 'hello', at: new Date().toISOString(), data: { user_id: caller.userId, role: caller.role } }));
      const off = bus.subscribe((e) => {
        if (!mayReceive(caller, e)) return;
        if (socket.bufferedAmount > 1 << 20) { socket.close(1013, 'too slow'); return; }
        socket.send(JSON.stringify(e));
      });
      socket.on('close', off);
      socket.on('error', off);
    });
};
