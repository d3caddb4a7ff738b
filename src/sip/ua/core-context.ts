import type { SipRequest, SipResponse } from '../message/message.js';
import { createResponse } from '../message/response.js';
import type { ClientTransaction } from '../transaction/transaction-layer.js';
import type { ClientTransactionUser } from '../transaction/client-transaction-user.js';
import type { TimerConfig, TimerFacility } from '../transaction/timers.js';
import type { Endpoint, TransportProtocol } from '../transport/transport.js';

/**
 * What sessions need from the UA core, passed down so sessions never import
 * the core (the delegate rule of STYLE.md, habit 1).
 */
export interface CoreContext {
  readonly timers: TimerFacility;
  readonly config: TimerConfig;
  readonly allow: readonly string[];
  readonly supported: readonly string[];
  /** Resolves the next hop, stamps a fresh Via, starts a client transaction. */
  send(req: SipRequest, user: ClientTransactionUser, dest?: Endpoint): Promise<{ tx: ClientTransaction; dest: Endpoint }>;
  /** Sends the ACK for a 2xx outside any transaction (§13.2.2.4). */
  sendAck(ack: SipRequest): Promise<void>;
  /** Our Contact for requests and responses over `protocol`. */
  contact(protocol: TransportProtocol): string;
  newTag(): string;
  /** Called when a session's dialog is formed or gone, so in-dialog requests find it. */
  bindDialog(id: string, session: { handleRequest: unknown } | undefined): void;
}

/** Sends a request in a client transaction and resolves with its final response (408/503 on timeout/error). */
export function finalResponse(core: CoreContext, req: SipRequest, onProvisional?: (r: SipResponse) => void): Promise<SipResponse> {
  return new Promise<SipResponse>((resolve) => {
    // A timeout or transport failure counts as 408 / 503 (§8.1.3.1).
    const synth = (status: number): SipResponse => createResponse(req, status);
    core.send(req, {
      onResponse: (r) => (r.status < 200 ? onProvisional?.(r) : resolve(r)),
      onTimeout: () => resolve(synth(408)),
      onTransportError: () => resolve(synth(503)),
    }).catch(() => resolve(synth(503)));
  });
}
