import type { G711Law } from '../codec/g711.js';
import type { Endpoint, LatchMode } from '../rtp/rtp-session.js';
import type { PortRange } from '../rtp/port-allocator.js';

/**
 * Messages between the main thread and a media worker thread. Media runs in
 * its own event loop there so packet relaying never delays SIP signalling
 * (issue 4: "media work must not stall signalling"); only these small
 * control messages cross the thread boundary, never packets.
 */
export interface MediaWorkerData {
  readonly portRange: PortRange;
  readonly bindAddress: string;
}

export interface WorkerLegSpec {
  readonly session: string;
  readonly codec: G711Law;
  readonly audioPayloadType: number;
  readonly telephoneEventPayloadType?: number | undefined;
}

export type WorkerRequest =
  | { op: 'open-session'; id: string; remote?: Endpoint; payloadTypes?: number[]; latch?: LatchMode }
  | { op: 'set-remote'; id: string; remote: Endpoint; payloadTypes?: number[] }
  | { op: 'close-session'; id: string }
  | { op: 'bridge'; id: string; a: WorkerLegSpec; b: WorkerLegSpec; forwardDtmf?: boolean }
  | { op: 'unbridge'; id: string }
  | { op: 'stats'; id: string };

export type WorkerEvent =
  | { kind: 'response'; rid: number; ok: true; result?: unknown }
  | { kind: 'response'; rid: number; ok: false; code: string; message: string }
  | { kind: 'digit'; bridge: string; leg: 'a' | 'b'; digit: string; durationMs: number };
