import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { RoutingService } from '../../routing/service/routing-service.js';
import type { ClientCredentials } from '../../sip/auth/digest-client.js';
import type { Db } from '../../store/database.js';
import type { DialOptions, OutboundLeg } from '../outbound-leg.js';
import type { AgentPhones } from './agent-phones.js';
import type { CallRecords } from './call-records.js';
import type { VoiceLeg } from './leg.js';
import type { PromptLibrary } from './prompt-library.js';

/** Where a call to an outside number goes: a trunk's request URI and credentials. */
export interface OutsideRoute {
  readonly trunkId: string;
  readonly target: string;
  readonly route?: string;
  readonly auth?: ClientCredentials;
}

/**
 * The agent desktop's browser softphone (src/desktop): an agent whose
 * desktop is connected, with the browser as their device, is rung there
 * instead of on their SIP phone.
 */
export interface BrowserDevice {
  /** Whether this agent's offers ring the browser now. */
  wants(agentId: string): boolean;
  /**
   * Rings the agent's page until it answers (the leg, media up), declines,
   * goes, or `cancel()` (offer withdrawn): then `answered` is undefined.
   */
  ring(o: {
    readonly agentId: string; readonly interactionId: string; readonly queueId: string; readonly fromNumber: string; readonly expiresAt: number;
    /** A warm transfer's consultation: a colleague calls, the customer waits on hold. */
    readonly purpose?: 'consult';
    /** The consulting colleague (agent id). */
    readonly consultFrom?: string;
  }): {
    readonly answered: Promise<VoiceLeg | undefined>;
    cancel(): void;
  };
}

export interface CallChange {
  readonly interactionId: string;
  readonly holding: boolean;
  readonly consulting: boolean;
}

/** What every part of the voice layer shares (built once in voice-service.ts). */
export interface VoiceContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly routing: RoutingService;
  readonly records: CallRecords;
  readonly phones: AgentPhones;
  readonly prompts: PromptLibrary;
  /** Our SIP address (From of the calls we place). */
  readonly host: string;
  /** Music for callers waiting or on hold when the flow names none. */
  readonly holdMusic: Int16Array;
  /** The browser softphone, once the desktop is wired (app start-up). */
  readonly browser?: BrowserDevice | undefined;
  /** A conversation was put on hold, taken off, or began / ended a consultation. */
  callChanged?(c: CallChange): void;
  /** Places a call with our media; resolves answered or with `failure` set. */
  dial(o: Omit<DialOptions, 'ua' | 'allocator' | 'address' | 'log'>): Promise<OutboundLeg>;
  /** The agent's extension (cached). */
  agentExtension(agentId: string): Promise<string | undefined>;
  /** How the client reaches an outside number, or why not (dial plan, no trunk). */
  outsideRoute(clientId: string, number: string): Promise<OutsideRoute | { readonly refused: string }>;
}
