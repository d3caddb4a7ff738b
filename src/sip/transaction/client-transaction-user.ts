import type { SipResponse } from '../message/message.js';

/** What a client transaction reports to its TU (RFC 3261 §17.1). */
export interface ClientTransactionUser {
  onResponse(res: SipResponse): void;
  /** Timer B or F fired: treat as a 408 (§8.1.3.1). */
  onTimeout(): void;
  /** The transport failed: treat as a 503 (§8.1.3.1). */
  onTransportError(): void;
}
