import type { UserAgent } from '../sip/ua/user-agent.js';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Logger } from '../platform/logger.js';
import { PortAllocator } from '../media/rtp/port-allocator.js';
import { startSipStack } from '../sip/sip-stack.js';
import type { SipResponse } from '../sip/message/message.js';
import type { IncomingSession } from '../sip/ua/incoming-session.js';
import { CallSession, type CallSummary } from './call-session.js';
import { answer, matchService, openMedia, parseTarget, runDialPlan, type InboundStep } from './dial-plan.js';
import type { DigitSource } from './digit-collector.js';
import { loadPrompts } from './prompts.js';
import { demoServices, type ServiceTable } from './services/service-table.js';
import type { VoiceService } from './voice/voice-service.js';

/** The settings telephony reads (a subset of src/platform/config.ts; SIP_PORT 0 = any free port). */
export interface TelephonyConfig {
  readonly SIP_PORT: number;
  readonly SIP_HOST?: string | undefined;
  readonly RTP_PORT_MIN: number;
  readonly RTP_PORT_MAX: number;
}

export interface TelephonyOptions {
  readonly config: TelephonyConfig;
  readonly log: Logger;
  /** Address SIP and RTP sockets bind to. Default 0.0.0.0. */
  readonly bindAddress?: string;
  /** Per-source INVITE rate limit (sip-stack default 20/s, burst 40); `false` turns it off (benchmarks). */
  readonly admission?: { readonly ratePerSec: number; readonly burst: number } | false;
  readonly services?: ServiceTable;
  readonly promptsDir?: string;
  /** RTCP report interval per call (default 5 s); 0 sends none. */
  readonly rtcpIntervalMs?: number;
  /** Inbound voice: clients' numbers run their flows, agents' phones register. */
  readonly voice?: VoiceService;
}

export interface Telephony {
  /** Where SIP listens (useful with SIP_PORT 0). */
  readonly ports: { readonly udp?: number | undefined; readonly tcp?: number | undefined };
  /** The address written in Via, Contact and SDP. */
  readonly advertisedHost: string;
  readonly activeCalls: number;
  /** RTP port pairs in use (0 when every call released its media). */
  readonly rtpPortsInUse: number;
  /** DTMF digits from any call (RFC 4733 or SIP INFO); returns an unsubscribe function. */
  onDigit(listener: (callId: string, digit: string, source: DigitSource) => void): () => void;
  /** Each call's end: why, which service, RTP packet counts; returns an unsubscribe function. */
  onCallEnded(listener: (summary: CallSummary) => void): () => void;
  /** Out-of-dialog OPTIONS through the UA (trunk health checks); resolves with the final response (408/503 stand in for none). */
  options(target: string): Promise<SipResponse>;
  /** One REGISTER to a carrier (trunk registration, trunk-register.ts); resolves with the final response. */
  register: UserAgent['register'];
  /** Hangs up every call (BYE, or 503 while ringing), then closes SIP sockets. */
  stop(): Promise<void>;
}

/**
 * The composition root of calls/: SIP stack, RTP port range, prompts and
 * the inbound dial plan (parse target → match service → open media →
 * answer). Media runs on the main thread (see call-media.ts).
 */
export async function startTelephony(o: TelephonyOptions): Promise<Telephony> {
  const log = o.log.child({ part: 'telephony' });
  const bindAddress = o.bindAddress ?? '0.0.0.0';
  const advertisedHost = o.config.SIP_HOST ?? defaultHost(bindAddress);
  const mediaAddress = isIP(advertisedHost) !== 0 ? advertisedHost : defaultHost(bindAddress);
  const prompts = await loadPrompts(o.promptsDir);
  if (prompts.source === 'generated') log.warn('assets/prompts/echo-test.wav not found: the echo test plays beeps instead of the spoken prompt');
  const allocator = new PortAllocator({ min: o.config.RTP_PORT_MIN, max: o.config.RTP_PORT_MAX }, bindAddress);
  const steps: readonly InboundStep[] = [
    parseTarget,
    matchService(o.services ?? demoServices(), o.voice),
    openMedia({ allocator, address: mediaAddress, rtcpIntervalMs: o.rtcpIntervalMs }),
    answer(o.voice),
  ];
  const calls = new Set<CallSession>();
  const digitListeners = new Set<(callId: string, digit: string, source: DigitSource) => void>();
  const endListeners = new Set<(summary: CallSummary) => void>();
  let stopping = false;

  const onInvite = (sip: IncomingSession): void => {
    if (stopping) return sip.reject(503, 'Service Unavailable');
    const callId = sip.request.headers.get('call-id') ?? '';
    const call = new CallSession(sip, {
      log: log.child({ callId }),
      prompts,
      onDigit: (c, digit, source) => {
        c.log.info({ digit, source }, 'DTMF digit');
        for (const l of digitListeners) l(c.id, digit, source);
      },
      onEnded: (c, summary) => {
        calls.delete(c);
        for (const l of endListeners) l(summary);
      },
    });
    calls.add(call);
    runDialPlan(steps, { call }).catch((err: unknown) => {
      call.log.error({ err }, 'dial plan crashed');
      call.reject(500);
    });
  };

  const stack = await startSipStack({
    bindAddress, port: o.config.SIP_PORT, advertisedHost, admission: o.admission,
    delegate: { onInvite, ...(o.voice !== undefined ? { onRegister: o.voice.phones.onRegister } : {}) },
  });
  o.voice?.attach({ ua: stack.ua, allocator, mediaAddress, host: advertisedHost });
  log.info({ udp: stack.ports.udp, tcp: stack.ports.tcp, advertisedHost, rtp: `${o.config.RTP_PORT_MIN}-${o.config.RTP_PORT_MAX}`, prompt: prompts.source }, 'telephony listening');

  return {
    ports: stack.ports,
    advertisedHost,
    get activeCalls() {
      return calls.size;
    },
    get rtpPortsInUse() {
      return allocator.inUse;
    },
    onDigit(listener) {
      digitListeners.add(listener);
      return () => digitListeners.delete(listener);
    },
    onCallEnded(listener) {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
    options: (target) => stack.ua.options(target),
    register: (o) => stack.ua.register(o),
    async stop() {
      if (stopping) return;
      stopping = true;
      // Answered calls get BYE, ringing ones 503; each call releases its media at once.
      const byes = [...calls].map((c) => c.hangup('shutdown').catch(() => undefined));
      // A peer that is gone would keep a BYE transaction open for 32 s: wait briefly, not for that.
      await Promise.race([Promise.all(byes), new Promise((r) => setTimeout(r, 1000).unref())]);
      // Closing the stack ends any session still live (one that arrived meanwhile) with `ended`, which ends its call.
      await stack.close();
      digitListeners.clear();
      endListeners.clear();
      log.info('telephony stopped');
    },
  };
}

/** The first non-internal IPv4 address when bound to every interface; the bind address otherwise. */
function defaultHost(bindAddress: string): string {
  if (bindAddress !== '0.0.0.0' && bindAddress !== '::') return bindAddress;
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
