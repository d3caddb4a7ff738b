import type { Decision } from '../../routing/types.js';
import type { OutboundLeg } from '../outbound-leg.js';
import { fromHeader, outboundLeg, routeTo, type VoiceLeg } from './leg.js';
import type { BrowserDevice, VoiceContext } from './voice-context.js';

type Offer = Extract<Decision, { kind: 'offer' }>;

/** One offer being rung on the agent's phone; `withdrawn` when the engine took it back. */
export interface Ring {
  readonly offer: Offer;
  /** What stops the ringing: the SIP leg being dialled, or the browser's ring. */
  leg?: Pick<OutboundLeg, 'cancel'>;
  withdrawn: boolean;
}

/** The engine took an offer back: its ring is marked withdrawn, forgotten, and stops ringing. */
export function withdrawRing(rings: Map<string, Ring>, offerId: string): void {
  const ring = rings.get(offerId);
  if (ring === undefined) return;
  ring.withdrawn = true;
  rings.delete(offerId);
  ring.leg?.cancel('no_answer');
}

/**
 * Rings the offered agent's registered phone until the offer expires. On
 * answer the offer is accepted in the engine and the answered leg returned
 * (its CDR row open); on busy / decline / no phone the offer is handed back
 * at once (the engine re-offers and applies the missed-offer state). Returns
 * undefined when there is nothing to connect. `stillWanted` is asked on
 * answer: the customer may have gone meanwhile. An agent working in the
 * desktop with the browser as device is rung in the page instead.
 */
export async function ringAgent(ctx: VoiceContext, ring: Ring, o: {
  readonly interactionId: string; readonly clientId: string; readonly fromNumber: string; readonly stillWanted: () => boolean;
}): Promise<{ leg: VoiceLeg; legRow: string } | undefined> {
  const d = ring.offer;
  const handBack = (): void => {
    if (ring.withdrawn) return;
    try {
      ctx.routing.run((e) => e.reject(d.offerId, d.agentId));
    } catch {
      // the offer ended meanwhile
    }
  };
  const browser = ctx.browser;
  if (browser?.wants(d.agentId) === true) return ringBrowser(ctx, browser, ring, o, handBack);
  const ext = await ctx.agentExtension(d.agentId);
  const contact = ext === undefined ? undefined : ctx.phones.contacts(ext)[0];
  if (contact === undefined) {
    ctx.log.info({ agentId: d.agentId, extension: ext, interactionId: o.interactionId }, 'agent has no registered phone: offer handed back');
    handBack();
    return undefined;
  }
  const legRow = await ctx.records.openLeg({
    interactionId: o.interactionId, clientId: o.clientId, sipCallId: '', direction: 'outbound', role: 'agent', from: o.fromNumber, to: contact.uri, agentId: d.agentId,
  });
  const leg = await ctx.dial({
    target: contact.uri,
    route: routeTo(contact.source),
    from: fromHeader(o.fromNumber, ctx.host),
    ringTimeoutMs: Math.max(1000, d.expiresAt - ctx.clock.now() + 500),
    onCreated: (l) => {
      ring.leg = l;
      if (ring.withdrawn) l.cancel('no_answer');
    },
  });
  if (leg.failure !== undefined || !leg.answered) {
    await ctx.records.closeLeg(legRow, { reason: ring.withdrawn ? 'no_answer' : leg.failure?.reason ?? 'failed', sipStatus: leg.failure?.status, sipCallId: leg.sipCallId });
    handBack();
    return undefined;
  }
  return accepted(ctx, ring, o, outboundLeg(leg), legRow);
}

/** The agent answered: accept the offer in the engine unless it moved on meanwhile. */
async function accepted(ctx: VoiceContext, ring: Ring, o: { readonly stillWanted: () => boolean }, leg: VoiceLeg, legRow: string): Promise<{ leg: VoiceLeg; legRow: string } | undefined> {
  const d = ring.offer;
  let ok = !ring.withdrawn && o.stillWanted();
  if (ok) {
    try {
      ctx.routing.run((e) => e.accept(d.offerId, d.agentId));
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    let rtp = { sent: 0, received: 0 };
    leg.onEnded((e) => (rtp = e.rtp));
    await leg.hangup('offer withdrawn');
    await ctx.records.closeLeg(legRow, { reason: 'withdrawn', sipCallId: leg.sipCallId, rtp });
    return undefined;
  }
  await ctx.records.legAnswered(legRow, leg.sipCallId);
  return { leg, legRow };
}

/** The same for an agent in the desktop: the page rings, its answer carries the WebRTC offer. */
async function ringBrowser(ctx: VoiceContext, browser: BrowserDevice, ring: Ring, o: {
  readonly interactionId: string; readonly clientId: string; readonly fromNumber: string; readonly stillWanted: () => boolean;
}, handBack: () => void): Promise<{ leg: VoiceLeg; legRow: string } | undefined> {
  const d = ring.offer;
  const legRow = await ctx.records.openLeg({
    interactionId: o.interactionId, clientId: o.clientId, sipCallId: '', direction: 'outbound', role: 'agent', from: o.fromNumber, to: 'browser', agentId: d.agentId,
  });
  const r = browser.ring({ agentId: d.agentId, interactionId: o.interactionId, queueId: d.queueId, fromNumber: o.fromNumber, expiresAt: d.expiresAt });
  ring.leg = { cancel: () => r.cancel() };
  if (ring.withdrawn) r.cancel();
  const leg = await r.answered;
  if (leg === undefined) {
    await ctx.records.closeLeg(legRow, { reason: ring.withdrawn ? 'no_answer' : 'declined' });
    handBack();
    return undefined;
  }
  return accepted(ctx, ring, o, leg, legRow);
}
