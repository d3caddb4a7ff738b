import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { Logger } from '../../platform/logger.js';
import type { Db } from '../../store/database.js';
import { callLegs, interactions, recordings, type LEG_ROLES } from '../../store/schema.js';
import { buildHeader, HEADER_BYTES } from '../../media/wav/wav-format.js';

export type LegRole = (typeof LEG_ROLES)[number];

/**
 * Everything the voice layer stores, in one place: the call's interaction
 * row (created on arrival, before the caller hears anything), one CDR row
 * per SIP leg, recordings, and the start-up sweep that closes what a crash
 * left open. Each write is awaited by the caller of these methods before
 * the event it records is acted on ("stored before acknowledged").
 */
export class CallRecords {
  constructor(private readonly db: Db, private readonly clock: Clock, private readonly dataDir: string, private readonly log: Logger) {}

  #now(): Date {
    return new Date(this.clock.now());
  }

  async createCall(o: { clientId: string; caller: string; called: string; sipCallId: string; attributes: Record<string, unknown> }): Promise<string> {
    const id = newId();
    await this.db.insert(interactions).values({
      id, clientId: o.clientId, channel: 'voice', direction: 'inbound', state: 'created', customerAddress: o.caller, serviceAddress: o.called,
      externalRef: o.sipCallId, attributes: o.attributes, createdAt: this.#now(),
    });
    return id;
  }

  /**
   * The same call continues as a new interaction (a blind transfer to a
   * queue): same customer, number and SIP call, linked by parent_id, with
   * the IVR attributes carried over for the next agent's screen pop.
   */
  async continueCall(parentId: string, queueId: string): Promise<string> {
    const [p] = await this.db.select().from(interactions).where(eq(interactions.id, parentId));
    const id = newId();
    await this.db.insert(interactions).values({
      id, clientId: p.clientId, channel: p.channel, direction: p.direction, state: 'created', queueId, customerAddress: p.customerAddress,
      serviceAddress: p.serviceAddress, externalRef: p.externalRef, parentId, customerId: p.customerId,
      attributes: { ...p.attributes, transferred_from: parentId }, createdAt: this.#now(),
    });
    return id;
  }

  /** Merges keys into the interaction's attributes (IVR path, digits, variables, callback number...). */
  async mergeAttributes(id: string, attrs: Record<string, unknown>): Promise<void> {
    await this.db.update(interactions).set({ attributes: sql`${interactions.attributes} || ${JSON.stringify(attrs)}::jsonb` }).where(eq(interactions.id, id));
  }

  async setCsat(id: string, csat: number): Promise<void> {
    await this.db.update(interactions).set({ csat }).where(eq(interactions.id, id));
  }

  /** Ends a call that never reached an agent through routing (IVR only, after hours, a transfer out...). */
  async endUnrouted(id: string, outcome: 'completed' | 'abandoned' | 'transferred' | 'voicemail' | 'failed'): Promise<void> {
    await this.db.update(interactions).set({ state: outcome === 'failed' ? 'failed' : outcome === 'abandoned' ? 'abandoned' : 'done', outcome, endedAt: this.#now() })
      .where(and(eq(interactions.id, id), inArray(interactions.state, ['created'])));
  }

  async openLeg(o: { interactionId?: string; clientId?: string; sipCallId: string; direction: 'inbound' | 'outbound'; role: LegRole; from: string; to: string; agentId?: string; trunkId?: string; answered?: boolean }): Promise<string> {
    const id = newId();
    const now = this.#now();
    await this.db.insert(callLegs).values({
      id, interactionId: o.interactionId ?? null, clientId: o.clientId ?? null, sipCallId: o.sipCallId, direction: o.direction, role: o.role,
      fromUri: o.from, toUri: o.to, agentId: o.agentId ?? null, trunkId: o.trunkId ?? null, startedAt: now, answeredAt: o.answered === true ? now : null,
    });
    return id;
  }

  async legAnswered(id: string, sipCallId?: string): Promise<void> {
    await this.db.update(callLegs).set({ answeredAt: this.#now(), ...(sipCallId !== undefined ? { sipCallId } : {}) }).where(eq(callLegs.id, id));
  }

  async closeLeg(id: string, o: { reason: string; sipStatus?: number; rtp?: { sent: number; received: number }; sipCallId?: string }): Promise<void> {
    await this.db.update(callLegs).set({
      endedAt: this.#now(), endReason: o.reason, sipStatus: o.sipStatus ?? null, rtpSent: o.rtp?.sent ?? null, rtpReceived: o.rtp?.received ?? null,
      ...(o.sipCallId !== undefined ? { sipCallId: o.sipCallId } : {}),
    }).where(and(eq(callLegs.id, id), isNull(callLegs.endedAt)));
  }

  /** A new recording row and its file path (absolute); the directory exists on return. */
  async startRecording(o: { clientId: string; interactionId: string; kind: 'call' | 'voicemail' }): Promise<{ id: string; path: string }> {
    const id = newId();
    const day = this.#now().toISOString().slice(0, 10);
    const rel = join('recordings', o.clientId, day, `${id}.wav`);
    const path = join(this.dataDir, rel);
    await mkdir(dirname(path), { recursive: true });
    await this.db.insert(recordings).values({ id, clientId: o.clientId, interactionId: o.interactionId, kind: o.kind, path: rel, startedAt: this.#now() });
    return { id, path };
  }

  async endRecording(id: string, o: { durationMs: number; pausedMs: number; failed?: boolean }): Promise<void> {
    await this.db.update(recordings).set({ state: o.failed === true ? 'failed' : 'complete', endedAt: this.#now(), durationMs: Math.round(o.durationMs), pausedMs: Math.round(o.pausedMs) })
      .where(eq(recordings.id, id));
  }

  /**
   * Start-up sweep after a crash or kill -9: every call leg still open is
   * closed as `system_restart`; every live voice interaction that was not
   * a pending callback is closed (answered ones keep outcome `answered`,
   * the rest become `failed` with attributes.end_reason — a system drop is
   * not the caller abandoning); recordings still being written get a
   * correct WAV header from their file size and are kept. Pending callbacks
   * are returned so routing can queue them again.
   */
  async recover(): Promise<{ legs: number; calls: number; recordings: number; callbacks: Array<{ id: string; clientId: string; queueId: string; priority: number }> }> {
    const now = this.#now();
    const legs = await this.db.update(callLegs).set({ endedAt: now, endReason: 'system_restart' }).where(isNull(callLegs.endedAt)).returning({ id: callLegs.id });
    const open = await this.db.select().from(interactions).where(and(
      inArray(interactions.channel, ['voice', 'callback']), eq(interactions.simulated, false), notInArray(interactions.state, ['done', 'abandoned', 'failed']),
    ));
    const callbacks: Array<{ id: string; clientId: string; queueId: string; priority: number }> = [];
    let calls = 0;
    for (const i of open) {
      const pendingCallback = i.attributes.callback_number !== undefined && i.answeredAt === null && i.queueId !== null;
      if (pendingCallback) {
        callbacks.push({ id: i.id, clientId: i.clientId, queueId: i.queueId!, priority: i.priority });
        continue;
      }
      const attrs = JSON.stringify({ end_reason: 'system_restart' });
      if (i.answeredAt !== null) {
        await this.db.update(interactions).set({ state: 'done', endedAt: i.endedAt ?? now, wrapUpEndedAt: i.wrapUpEndedAt ?? now, attributes: sql`${interactions.attributes} || ${attrs}::jsonb` })
          .where(eq(interactions.id, i.id));
      } else {
        await this.db.update(interactions).set({ state: 'failed', outcome: 'failed', endedAt: now, attributes: sql`${interactions.attributes} || ${attrs}::jsonb` })
          .where(eq(interactions.id, i.id));
      }
      calls++;
    }
    const recs = await this.db.select().from(recordings).where(eq(recordings.state, 'recording'));
    for (const r of recs) {
      const durationMs = await repairWavHeader(join(this.dataDir, r.path)).catch((err: unknown) => {
        this.log.warn({ err, recording: r.id }, 'recording left by a crash could not be repaired');
        return undefined;
      });
      await this.db.update(recordings).set({ state: durationMs === undefined ? 'failed' : 'complete', endedAt: now, durationMs: durationMs ?? null }).where(eq(recordings.id, r.id));
    }
    return { legs: legs.length, calls, recordings: recs.length, callbacks };
  }
}

/**
 * A WAV whose writer was killed has the sizes it wrote at open (0): rewrite
 * the header for the bytes that reached the disk (our recorder writes a
 * stereo 16-bit 8 kHz file). Returns the duration in ms.
 */
async function repairWavHeader(path: string): Promise<number> {
  const size = (await stat(path)).size;
  const dataBytes = Math.max(0, size - HEADER_BYTES) - (Math.max(0, size - HEADER_BYTES) % 4);
  const h = await open(path, 'r+');
  try {
    await h.write(buildHeader({ encoding: 'pcm16', channels: 2, sampleRate: 8000 }, dataBytes), 0, HEADER_BYTES, 0);
    await h.truncate(HEADER_BYTES + dataBytes);
  } finally {
    await h.close();
  }
  return Math.round((dataBytes / 4 / 8000) * 1000);
}
