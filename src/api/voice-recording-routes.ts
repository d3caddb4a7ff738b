import { resolve, sep } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../store/database.js';
import { LEG_ROLES, RECORDING_KINDS, RECORDING_STATES, callLegs, interactions, recordings } from '../store/schema.js';
import { clientCondition, requireRole, type Caller } from './access.js';
import { callerOf } from './auth/auth-plugin.js';
import { ApiErrors } from './errors.js';
import { STAFF } from './resources/resource.js';
import { uuid } from './resources/fields.js';
import { FileErrors, sendAudioFile } from './voice-file-range.js';

const idParams = z.object({ id: uuid });
const iso = (d: Date | null) => d?.toISOString() ?? null;

const recordingRow = z.object({
  id: z.string(), client_id: z.string(), interaction_id: z.string(), kind: z.enum(RECORDING_KINDS), state: z.enum(RECORDING_STATES),
  started_at: z.string(), ended_at: z.string().nullable(), duration_ms: z.number().nullable(), paused_ms: z.number(),
});
type Recording = typeof recordings.$inferSelect;
const toRecording = (r: Recording): z.infer<typeof recordingRow> => ({
  id: r.id, client_id: r.clientId, interaction_id: r.interactionId, kind: r.kind, state: r.state, started_at: r.startedAt.toISOString(),
  ended_at: iso(r.endedAt), duration_ms: r.durationMs, paused_ms: r.pausedMs,
});

const legRow = z.object({
  id: z.string(), interaction_id: z.string().nullable(), client_id: z.string().nullable(), sip_call_id: z.string(), direction: z.enum(['inbound', 'outbound']),
  role: z.enum(LEG_ROLES), from_uri: z.string(), to_uri: z.string(), trunk_id: z.string().nullable(), agent_id: z.string().nullable(),
  started_at: z.string(), answered_at: z.string().nullable(), ended_at: z.string().nullable(), end_reason: z.string().nullable(),
  sip_status: z.number().nullable(), rtp_sent: z.number().nullable(), rtp_received: z.number().nullable(),
});
const toLeg = (l: typeof callLegs.$inferSelect): z.infer<typeof legRow> => ({
  id: l.id, interaction_id: l.interactionId, client_id: l.clientId, sip_call_id: l.sipCallId, direction: l.direction, role: l.role,
  from_uri: l.fromUri, to_uri: l.toUri, trunk_id: l.trunkId, agent_id: l.agentId, started_at: l.startedAt.toISOString(),
  answered_at: iso(l.answeredAt), ended_at: iso(l.endedAt), end_reason: l.endReason, sip_status: l.sipStatus, rtp_sent: l.rtpSent, rtp_received: l.rtpReceived,
});

/**
 * The read side of recordings and call records (the call engine writes
 * both). Recordings are client data that staff (QA above all) listen to;
 * client viewers do not, until a per-client permission exists. A file
 * path outside DATA_DIR is never served, whatever the row says.
 */
export const recordingRoutes: FastifyPluginAsync<{ db: Db; dataDir: string }> = async (app, { db, dataDir }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const root = resolve(dataDir);

  const visible = async (caller: Caller, id: string): Promise<Recording> => {
    const [rec] = STAFF.includes(caller.role)
      ? await db.select().from(recordings).where(and(eq(recordings.id, id), clientCondition(caller.scope, recordings.clientId)))
      : [];
    if (!rec) throw ApiErrors.create('NOT_FOUND', { entity: 'recording' }, 'recording not found');
    return rec;
  };

  r.get('/recordings', {
    schema: { tags: ['recordings'], 'x-client-scope': 'entity', summary: 'Recordings you may hear, newest first; interaction_id= for one call\'s',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0),
        interaction_id: uuid.optional(), client_id: uuid.optional() }),
      response: { 200: z.object({ items: z.array(recordingRow), total: z.number(), limit: z.number(), offset: z.number() }) } },
  }, async (req) => {
    const caller = callerOf(req);
    requireRole(caller, STAFF);
    const { limit, offset, interaction_id, client_id } = req.query;
    const where = and(clientCondition(caller.scope, recordings.clientId), interaction_id ? eq(recordings.interactionId, interaction_id) : undefined,
      client_id ? eq(recordings.clientId, client_id) : undefined);
    const [{ n }] = await db.select({ n: count() }).from(recordings).where(where);
    const rows = await db.select().from(recordings).where(where).orderBy(desc(recordings.startedAt), desc(recordings.id)).limit(limit).offset(offset);
    return { items: rows.map(toRecording), total: n, limit, offset };
  });

  r.get('/recordings/:id', { schema: { tags: ['recordings'], 'x-client-scope': 'entity', summary: 'One recording', params: idParams, response: { 200: recordingRow } } },
    async (req) => toRecording(await visible(callerOf(req), req.params.id)));

  r.get('/recordings/:id/audio', {
    schema: { tags: ['recordings'], 'x-client-scope': 'entity', summary: 'The recording\'s WAV (stereo: caller left, agent right), with HTTP Range for seeking', params: idParams },
  }, async (req, reply) => {
    const rec = await visible(callerOf(req), req.params.id);
    const file = resolve(root, rec.path);
    if (!file.startsWith(root + sep)) throw FileErrors.create('FILE_MISSING', { reason: 'outside the data directory' });
    return sendAudioFile(reply, file, req.headers.range, `recording-${rec.id}.wav`);
  });

  r.get('/interactions/:id/legs', {
    schema: { tags: ['interactions'], 'x-client-scope': 'entity', summary: 'The call\'s SIP legs (CDRs): caller, each agent rung, transfers', params: idParams,
      response: { 200: z.object({ items: z.array(legRow) }) } },
  }, async (req) => {
    const caller = callerOf(req);
    // Like GET /interactions/:id: staff who may see the interaction's client.
    const [i] = STAFF.includes(caller.role)
      ? await db.select({ id: interactions.id }).from(interactions).where(and(eq(interactions.id, req.params.id), clientCondition(caller.scope, interactions.clientId)))
      : [];
    if (!i) throw ApiErrors.create('NOT_FOUND', { entity: 'interaction' }, 'interaction not found');
    const legs = await db.select().from(callLegs).where(eq(callLegs.interactionId, i.id)).orderBy(asc(callLegs.startedAt), asc(callLegs.id));
    return { items: legs.map(toLeg) };
  });
};
