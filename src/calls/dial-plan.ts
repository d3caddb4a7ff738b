import { AppError } from '../platform/errors.js';
import type { PortAllocator } from '../media/rtp/port-allocator.js';
import { CallMedia } from './call-media.js';
import type { CallSession } from './call-session.js';
import { type CallTarget, callTargetOf } from './call-target.js';
import { CallErrors } from './errors.js';
import { toOf } from '../sip/message/message.js';
import type { ServiceEntry, ServiceTable } from './services/service-table.js';
import type { NumberMatch, VoiceService } from './voice/voice-service.js';

/** What the steps of the inbound path read and fill in, in order. */
export interface InboundCall {
  readonly call: CallSession;
  target?: CallTarget;
  service?: ServiceEntry;
  /** A client's number: the call runs its flow instead of a service. */
  number?: NumberMatch;
  media?: CallMedia;
}

/** One named step; it throws a coded AppError (its status is the SIP answer) to stop the call. */
export interface InboundStep {
  readonly name: string;
  run(ctx: InboundCall): void | Promise<void>;
}

/** Reads the Request-URI (RFC 3261 §8.2.2.1): no routable user part → 404. */
export const parseTarget: InboundStep = {
  name: 'parse-target',
  run(ctx) {
    const target = callTargetOf(ctx.call.sip.request.uri);
    if (target === undefined) throw CallErrors.create('CALL_BAD_TARGET');
    ctx.target = target;
  },
};

/**
 * Routing, exactly one step: the user part picks a test service (echo,
 * tone), else one of the clients' numbers (its flow runs); anything else
 * gets 404. A number without a flow gets 480, one refused from this source 403.
 */
export function matchService(services: ServiceTable, voice?: VoiceService): InboundStep {
  return {
    name: 'match-service',
    async run(ctx) {
      const entry = ctx.target === undefined ? undefined : services.get(ctx.target.user);
      if (entry !== undefined) {
        ctx.service = entry;
        return;
      }
      const source = ctx.call.sip.from.source.address;
      let number = ctx.target === undefined || voice === undefined ? undefined : await voice.lookup(ctx.target.user, source);
      if (number === undefined && ctx.target !== undefined && voice !== undefined && (await voice.isRegisteredAccount(ctx.target.user))) {
        // A carrier we register with sends the account's calls to our contact, whose user is the account: the number dialled is in To.
        const to = callTargetOf(toOf(ctx.call.sip.request).uri);
        if (to !== undefined) number = await voice.lookup(to.user, source);
      }
      if (number === undefined) throw CallErrors.create('CALL_NO_SERVICE', { user: ctx.target?.user });
      ctx.number = number;
    },
  };
}

/**
 * A fresh RTP port pair and our SDP for the 200: the RFC 3264 answer to the
 * INVITE's offer, or, for an INVITE without a body, our own offer (late
 * offer, RFC 3261 §13.2.1) whose answer the call reads from the ACK.
 */
export function openMedia(o: { allocator: PortAllocator; address: string; rtcpIntervalMs?: number }): InboundStep {
  return {
    name: 'open-media',
    async run(ctx) {
      const offer = ctx.call.sip.offer;
      const media = offer.length === 0 ? await CallMedia.offer(o) : await CallMedia.answer(offer.toString('utf8'), o);
      ctx.media = media;
      ctx.call.attachMedia(media);
    },
  };
}

/** A service: 200 OK with our SDP (it starts on ACK). A number: its flow runs and answers when it says so. */
export function answer(voice?: VoiceService): InboundStep {
  return {
    name: 'answer',
    run(ctx) {
      if (ctx.number !== undefined && voice !== undefined) {
        const call = ctx.call;
        voice.run(call, ctx.number).catch((err: unknown) => {
          call.log.error({ err }, 'flow call failed');
          if (call.state === 'routing') call.reject(500);
          else void call.hangup('flow failed').catch(() => undefined);
        });
        return;
      }
      if (ctx.service === undefined) throw CallErrors.create('CALL_NO_SERVICE');
      ctx.call.answer(ctx.service);
    },
  };
}

/**
 * Runs the steps in order (STYLE habit 5). Stops quietly when the call
 * ended meanwhile (CANCEL during an await); a failing step rejects the
 * call with its error's status (4xx–6xx), anything unexpected with 500.
 */
export async function runDialPlan(steps: readonly InboundStep[], ctx: InboundCall): Promise<void> {
  const log = ctx.call.log;
  for (const step of steps) {
    if (ctx.call.ended) return;
    try {
      await step.run(ctx);
    } catch (err) {
      const status = err instanceof AppError && err.status >= 400 && err.status < 700 ? err.status : 500;
      log.info({ step: step.name, code: err instanceof AppError ? err.code : undefined, status }, 'call refused');
      if (status === 500 && !(err instanceof AppError)) log.error({ err, step: step.name }, 'dial plan step failed');
      ctx.call.reject(status);
      return;
    }
  }
}
