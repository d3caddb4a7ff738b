import { type Clock, systemClock } from '../platform/clock.js';
import type { TimerConfig, TimerFacility } from './transaction/timers.js';
import { TransportLayer } from './transport/transport-layer.js';
import { listenTcp } from './transport/tcp-transport.js';
import { listenUdp } from './transport/udp-transport.js';
import type { AdmitSource } from './transport/transport.js';
import { createAdmission } from './ua/rate-limiter.js';
import { type UserAgent, type UserAgentDelegate, createUserAgent } from './ua/user-agent.js';

export interface SipStackOptions {
  /** Address to bind (e.g. 0.0.0.0). */
  readonly bindAddress: string;
  /** SIP_PORT: UDP and TCP listen on the same number; 0 picks free ports (tests). */
  readonly port: number;
  /** SIP_HOST: the address peers reach us at, written in Via and Contact. */
  readonly advertisedHost: string;
  readonly delegate: UserAgentDelegate;
  readonly udp?: boolean;
  readonly tcp?: boolean;
  readonly clock?: Clock;
  readonly timers?: TimerFacility;
  readonly timerConfig?: Partial<TimerConfig>;
  /** Per-source INVITE/REGISTER rate limit; `false` turns it off. */
  readonly admission?: { readonly ratePerSec: number; readonly burst: number } | false;
  /** Per-source hook asked for every datagram / stream chunk before parsing. */
  readonly admitSource?: AdmitSource;
  readonly maxMessageBytes?: number;
}

export interface SipStack {
  readonly ua: UserAgent;
  readonly transport: TransportLayer;
  readonly ports: { readonly udp?: number; readonly tcp?: number };
  /** Ends sessions and transactions and closes every socket. */
  close(): Promise<void>;
}

/** Wires transport → transaction → UA core for the composition root (one call, one dispose). */
export async function startSipStack(opts: SipStackOptions): Promise<SipStack> {
  const transport = new TransportLayer();
  const listen = { address: opts.bindAddress, sink: transport, admit: opts.admitSource, maxMessageBytes: opts.maxMessageBytes };
  try {
    if (opts.udp !== false) transport.add(await listenUdp({ ...listen, port: opts.port }));
    const tcpPort = opts.port === 0 ? transport.get('UDP')?.local.port ?? 0 : opts.port;
    if (opts.tcp !== false) transport.add(await listenTcp({ ...listen, port: tcpPort }).catch(() => listenTcp({ ...listen, port: 0 })));
  } catch (err) {
    await transport.close();
    throw err;
  }
  const admission = opts.admission === false ? undefined : createAdmission({ clock: opts.clock ?? systemClock, ...(opts.admission ?? {}) });
  const ua = createUserAgent({
    transport, host: opts.advertisedHost, delegate: opts.delegate, admit: admission,
    timers: opts.timers, timerConfig: opts.timerConfig,
  });
  return {
    ua, transport,
    ports: { udp: transport.get('UDP')?.local.port, tcp: transport.get('TCP')?.local.port },
    async close() {
      ua.dispose();
      await transport.close();
    },
  };
}
