import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../store/database.js';
import { agents, interactions } from '../store/schema.js';
import type { VoiceService } from '../calls/voice/voice-service.js';
import { browserLeg } from '../desktop/browser-leg.js';
import type { WebRtcEngine } from '../webrtc/webrtc-engine.js';
import { agentTeamCondition, canSeeClient, clientCondition, visibleFirst, type Caller } from './access.js';
import type { AuditLog } from './audit.js';
import { callerOf } from './auth/auth-plugin.js';
import { ApiErrors } from './errors.js';

const idParams = z.object({ id: z.string().uuid({ message: 'must be a UUID' }) });
const entity = { tags: ['calls'], 'x-client-scope': 'entity' } as const;
const SUPERVISING = ['admin', 'supervisor'] as const;
const notFound = () => ApiErrors.create('NOT_FOUND', { entity: 'call' }, 'call not found');

/**
 * Call control on live conversations, under the interaction
 * (`/interactions/:id/call/...`): hold, hang up,
 * recording pause / resume (PCI: card numbers), blind and warm transfer,
 * and supervisor listen / whisper / barge from the supervisor's SIP phone
 * or browser.
 * Admins and supervisors act on any call of their clients; an agent only
 * on the call they are handling; monitoring is for supervisors only. Every
 * action is audited.
 */
export const callRoutes: FastifyPluginAsync<{ db: Db; voice: VoiceService; audit: AuditLog; webrtc?: WebRtcEngine }> = async (app, { db, voice, audit, webrtc }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function visibleCall(caller: Caller, id: string, supervisorsOnly = false) {
    const [row] = await db.select({ id: interactions.id, clientId: interactions.clientId, agentId: interactions.agentId }).from(interactions)
      .where(and(eq(interactions.id, id), clientCondition(caller.scope, interactions.clientId)));
    if (row === undefined) throw notFound();
    if ((SUPERVISING as readonly string[]).includes(caller.role)) {
      // Listening in is on an agent: a supervisor confined to teams monitors only calls of their teams' agents.
      if (supervisorsOnly && caller.scope.teamIds) {
        const [theirs] = row.agentId === null ? [] : await db.select({ id: agents.id }).from(agents)
          .where(and(eq(agents.id, row.agentId), agentTeamCondition(caller.scope, agents.teamId)));
        if (theirs === undefined) throw notFound();
      }
      return row;
    }
    if (!supervisorsOnly && caller.role === 'agent' && row.agentId !== null) {
      const [mine] = await db.select({ id: agents.id }).from(agents).where(and(eq(agents.id, row.agentId), eq(agents.userId, caller.userId)));
      if (mine !== undefined) return row;
    }
    throw notFound();
  }
  const callVisible = visibleFirst((caller, id) => visibleCall(caller, id));
  const callSupervisable = visibleFirst((caller, id) => visibleCall(caller, id, true));

  r.get('/calls', {
    schema: { tags: ['calls'], 'x-client-scope': 'filtered', summary: 'Live conversations and waiting calls the caller may see' },
  }, async (req) => {
    const caller = callerOf(req);
    if (!(SUPERVISING as readonly string[]).includes(caller.role) && caller.role !== 'agent') throw ApiErrors.create('FORBIDDEN');
    const live = voice.liveCalls();
    if (live.length === 0) return { items: [] };
    const rows = await db.select({ id: interactions.id, clientId: interactions.clientId, queueId: interactions.queueId, customer: interactions.customerAddress })
      .from(interactions).where(inArray(interactions.id, live.map((l) => l.interactionId)));
    const byId = new Map(rows.filter((x) => canSeeClient(caller.scope, x.clientId)).map((x) => [x.id, x]));
    return {
      items: live.filter((l) => byId.has(l.interactionId)).map((l) => {
        const row = byId.get(l.interactionId)!;
        return { interaction_id: l.interactionId, client_id: row.clientId, queue_id: row.queueId, customer: row.customer, state: l.state, agent_id: l.agentId ?? null,
          holding: l.holding, monitoring: l.monitoring ?? null, recording: l.recording ?? null };
      }),
    };
  });

  const action = (path: string, summary: string, body: z.ZodType | undefined, supervisorsOnly: boolean,
    run: (id: string, body: unknown, caller: Caller) => Promise<unknown>) =>
    r.post(`/interactions/:id/call/${path}`, {
      preValidation: supervisorsOnly ? callSupervisable : callVisible,
      schema: { ...entity, summary, params: idParams, ...(body !== undefined ? { body } : {}) },
    }, async (req) => {
      const caller = callerOf(req);
      const row = await visibleCall(caller, req.params.id, supervisorsOnly);
      const result = (await run(row.id, req.body, caller)) ?? { ok: true };
      await audit.record({ actor: caller, action: `call.${path.replace('/', '.')}`, entity: 'interaction', entityId: row.id, clientId: row.clientId, after: { request: req.body ?? null, result } });
      return result;
    });

  action('hold', 'Puts the customer on hold (music)', undefined, false, async (id) => voice.conversation(id).hold());
  action('unhold', 'Takes the customer off hold', undefined, false, async (id) => voice.conversation(id).unhold());
  action('hangup', 'Ends the conversation (the agent goes to wrap-up)', undefined, false, async (id) => voice.conversation(id).hangup());
  action('recording/pause', 'Pauses the call recording (silence is kept in its place)', undefined, false, async (id) => {
    if (!voice.conversation(id).pauseRecording()) throw ApiErrors.create('CONFLICT', {}, 'the call is not being recorded, or the recording is already paused');
  });
  action('recording/resume', 'Resumes a paused call recording', undefined, false, async (id) => {
    if (!voice.conversation(id).resumeRecording()) throw ApiErrors.create('CONFLICT', {}, 'the recording is not paused');
  });
  const transferBody = z.object({
    to: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('agent'), agent_id: z.string().uuid({ message: 'must be a UUID' }) }),
      z.object({ kind: z.literal('number'), number: z.string().trim().regex(/^\+?[0-9]{6,15}$/, 'must be a phone number in E.164') }),
      z.object({ kind: z.literal('queue'), queue_id: z.string().uuid({ message: 'must be a UUID' }) }),
    ]),
    mode: z.enum(['blind', 'warm']).default('blind'),
  }).strict();
  action('transfer', 'Blind or warm transfer to an agent, an outside number (dial plan) or, blind, a queue', transferBody, false, async (id, b) => {
    const { to, mode } = b as z.infer<typeof transferBody>;
    const target = to.kind === 'agent' ? { kind: 'agent' as const, agentId: to.agent_id } : to.kind === 'number' ? { kind: 'number' as const, number: to.number } : { kind: 'queue' as const, queueId: to.queue_id };
    return voice.transferCall(id, target, mode);
  });
  action('transfer/complete', 'Warm transfer: connect the customer to the consulted party', undefined, false, async (id) => voice.conversation(id).completeTransfer());
  action('transfer/cancel', 'Warm transfer: hang up the consulted party, back to the customer', undefined, false, async (id) => voice.conversation(id).cancelTransfer());
  const monitorBody = z.object({
    extension: z.string().regex(/^[0-9]{2,8}$/, 'must be 2-8 digits'),
    mode: z.enum(['listen', 'whisper', 'barge']).default('listen'),
  }).strict();
  action('monitor', 'A supervisor listens, whispers to the agent or barges in, from the phone on `extension` (again: change mode)', monitorBody, true, async (id, b) => {
    const { extension, mode } = b as z.infer<typeof monitorBody>;
    return voice.monitorCall(id, extension, mode);
  });
  const browserMonitorBody = z.object({
    sdp: z.string().min(20).max(20_000).refine((v) => v.startsWith('v=0'), 'must be an SDP offer'),
    mode: z.enum(['listen', 'whisper', 'barge']).default('listen'),
  }).strict();
  action('monitor/browser', 'A supervisor listens, whispers or barges from the browser: the page\'s WebRTC offer in, our answer out (candidates inside)', browserMonitorBody, true, async (id, b, caller) => {
    const { sdp, mode } = b as z.infer<typeof browserMonitorBody>;
    if (webrtc === undefined) throw ApiErrors.create('CONFLICT', {}, 'the browser softphone is not available on this server');
    const c = voice.conversation(id);
    if (c.monitoring !== undefined) {
      c.setMonitorMode(mode);
      return { ok: true, sdp: null };
    }
    const leg = browserLeg(await webrtc.answer(sdp, { label: `monitor ${id}` }));
    try {
      const r = await c.monitorWith(leg, mode, { userId: caller.userId });
      if (!r.ok) await leg.hangup('monitoring refused');
      return { ...r, sdp: r.ok ? leg.webrtc.answerSdp : null };
    } catch (err) {
      await leg.hangup('monitoring refused');
      throw err;
    }
  });
  action('monitor/stop', 'Ends monitoring (the supervisor\'s phone is hung up)', undefined, true, async (id) => voice.conversation(id).stopMonitoring());
};
