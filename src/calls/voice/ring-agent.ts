import type { Decision } from '../../routing/types.js';
import type { OutboundLeg } from '../outbound-leg.js';
import { fromHeader, routeTo } from './leg.js';
import type { VoiceContext } from './voice-context.js';

type Offer = Extract<Decision, { kind: 'offer' }>;

/** One offer being rung on the agent's phone; `withdrawn` when the engine took it back. */
export interface Ring {
  readonly offer: Offer;
  leg?: OutboundLeg;
  withdrawn: boolean;
}

/**
 * Rings the offered agent's registered phone until the offer expires. On
 * answer the offer is accepted in the engine and the answered leg returned
 * (its CDR row open); on busy / decline / no phone the offer is handed back
 * at once (the engine re-offers and applies the missed-offer state). Returns
 * undefined when there is nothing to connect. `stillWanted` is asked on
 * answer: the customer may have gone meanwhile.
 */
export async function ringAgent(ctx: VoiceContext, ring: Ring, o: {
  readonly interactionId: string; readonly clientId: string; readonly fromNumber: string; readonly stillWanted: () => boolean;
}): Promise<{ leg: OutboundLeg; legRow: string } | undefined> {
  const d = ring.offer;
  const handBack = (): void => {
    if (ring.withdrawn) return;
    try {
      ctx.routing.run((e) => e.reject(d.offerId, d.agentId));
    } catch {
      // the offer ended meanwhile
    }
  };
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
  let accepted = !ring.withdrawn && o.stillWanted();
  if (accepted) {
    try {
      ctx.routing.run((e) => e.accept(d.offerId, d.agentId));
    } catch {
      accepted = false;
    }
  }
  if (!accepted) {
    await leg.hangup('offer withdrawn');
    await ctx.records.closeLeg(legRow, { reason: 'withdrawn', sipCallId: leg.sipCallId, rtp: leg.rtpTotals });
    return undefined;
  }
  await ctx.records.legAnswered(legRow, leg.sipCallId);
  return { leg, legRow };
}
