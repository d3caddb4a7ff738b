import type { Interaction } from './interaction.js';
import type { NormalizedQueue } from './queue-config.js';
import type { AgentEntry, Membership } from './queue-runtime.js';
import type { Decision } from './types.js';

export type WithdrawReason = Extract<Decision, { kind: 'offer_withdrawn' }>['reason'];

/** Shared empty list for records without tier sizes or a ring group (never mutated). */
export const NONE: never[] = [];

/**
 * One offer: an agent ringing for an interaction (several offers for
 * ring-all). The same object is the live offer, the record of why it
 * ended, and the decision record `explain` reads, so an offer costs one
 * allocation and one bounded-map entry (flat numeric fields, no tuples:
 * these objects outlive young-generation GCs and every extra object is
 * copied twice). `interaction` may be dereferenced only while the offer is
 * live (`ended === undefined`); afterwards use `interactionId`.
 */
export class OfferRecord {
  /** Why it ended; undefined while ringing. */
  ended: WithdrawReason | 'accepted' | undefined = undefined;
  readonly interactionId: string;
  readonly queueId: string;
  /** The queue configuration in force when decided (explain judges against it). */
  readonly queueCfg: NormalizedQueue;
  readonly at: number;
  /** Whether this offer carries the decision (ring-all: only the first offer of the group). */
  decided = false;
  trigger: 'interaction_ready' | 'agent_ready' | 'reassigned' = 'interaction_ready';
  stage = 0;
  tier = 0;
  k1 = 0;
  k2 = 0;
  k3 = 0;
  tierSizes: number[] = NONE;
  runnerUpAgentId: string | undefined = undefined;
  r1 = 0;
  r2 = 0;
  r3 = 0;
  ringGroup: string[] = NONE;
  waitingConsidered = 0;
  runnerUpInteractionId: string | undefined = undefined;

  constructor(
    readonly id: string,
    public interaction: Interaction,
    readonly entry: AgentEntry,
    readonly membership: Membership,
    readonly ringAll: boolean,
    at: number,
  ) {
    this.interactionId = interaction.id;
    this.queueCfg = membership.queue.cfg;
    this.queueId = this.queueCfg.id;
    this.at = at;
  }
}
