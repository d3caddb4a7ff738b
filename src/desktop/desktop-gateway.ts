import type {} from '@fastify/websocket';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { callerOf } from '../api/auth/auth-plugin.js';
import type { Db } from '../store/database.js';
import { agents } from '../store/schema.js';
import type { DesktopConnection, DesktopHub } from './desktop-hub.js';
import { parseClientMessage, type ServerMessage } from './protocol.js';

/** Close code for a user who may not use the desktop (4000–4999: the application's own). */
export const NOT_AN_AGENT = 4403;

/**
 * WebSocket /api/v1/desktop: the agent desktop's one connection. The same
 * auth hook as REST (session cookie) runs first; the user must have an
 * agent row, else the socket is closed with a reason the page shows. Then
 * `hello` (agent, state, device, ringing offer, current call, transfer
 * directory) and the DesktopHub's pushes; page messages are validated
 * (protocol.ts) and a bad one gets an `error` naming the field.
 */
export const desktopGateway: FastifyPluginAsync<{ db: Db; hub: DesktopHub }> = async (app, { db, hub }) => {
  const agentOf = async (userId: string) => (await db.select({ id: agents.id, name: agents.name, extension: agents.extension }).from(agents)
    .where(and(eq(agents.userId, userId), eq(agents.disabled, false))).limit(1))[0];

  // Whether the user has a desktop at all (the web app shows "Agent desktop" in its navigation then).
  app.get('/desktop/agent', { schema: { tags: ['desktop'], 'x-client-scope': 'filtered', summary: 'The signed-in user\'s agent record, or null: who may open the agent desktop' } },
    async (req) => ({ agent: (await agentOf(callerOf(req).userId)) ?? null }));

  app.get('/desktop', { websocket: true, schema: { tags: ['desktop'], 'x-client-scope': 'filtered', summary: 'WebSocket of the agent desktop and its browser softphone (JSON messages, see src/desktop/protocol.ts)' } },
    (socket: WebSocket, req) => {
      const caller = callerOf(req);
      const conn: DesktopConnection = {
        send(m: ServerMessage) {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > 1 << 20) {
            socket.close(1013, 'too slow');
            return;
          }
          socket.send(JSON.stringify(m));
        },
        close: (code, reason) => socket.close(code, reason),
      };
      // Messages that arrive while the agent row is looked up wait for it (in order); after
      // that each is handled at once: a transfer that rings for 30 s must not hold up a hang-up.
      const ready: Promise<string | undefined> = agentOf(caller.userId)
        .then(async (agent) => {
          if (agent === undefined) {
            conn.send({ type: 'error', field: '(user)', code: 'NOT_AN_AGENT', message: 'your user has no agent record: ask an administrator to create one linked to your user' });
            socket.close(NOT_AN_AGENT, 'no agent record for this user');
            return undefined;
          }
          if (socket.readyState !== socket.OPEN) return undefined;
          await hub.connect(agent, conn);
          socket.on('close', () => hub.disconnect(agent.id, conn));
          return agent.id;
        })
        .catch((err: unknown) => {
          req.log.error({ err }, 'desktop connection failed');
          socket.close(1011, 'internal error');
          return undefined;
        });
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        void ready.then(async (agentId) => {
          if (agentId === undefined) return;
          const parsed = isBinary ? { ok: false as const, error: { field: '(message)', message: 'must be text (JSON)' } } : parseClientMessage(data.toString('utf8'));
          if (!parsed.ok) conn.send({ type: 'error', field: parsed.error.field, message: parsed.error.message });
          else await hub.handle(agentId, conn, parsed.message);
        });
      });
    });
};
