import { AgentErrors } from './agent-errors.js';

/**
 * The agent's state as supervisors see it. With multi-channel capacity the
 * state of a logged-in agent is derived from its channel slots (see
 * `deriveAgentState` in agent.ts); this machine guards that the derived
 * sequence is one a real agent can go through:
 *
 *   offline ──login──► available ──offer──► reserved ──accept──► busy
 *      │                 ▲  ▲                 │ reject / timeout   │ complete
 *      │ login(aux)      │  └─────────────────┤ (missed → aux)     ▼
 *      ▼                 │ ready              │                 wrap_up
 *     aux(reason) ◄──────┴────────────────────┘                    │ timer / end
 *      ▲   │                                   available ◄─────────┘
 *      │   └── logout ──► offline     (from any state once no work is held)
 *      └── aux requested while holding work applies when the last slot frees
 *
 * Multi-chat agents also move busy → reserved (a chat ends while another
 * rings) and busy / wrap_up → reserved / available as slots free. An
 * available agent goes straight to busy for a call routing did not offer
 * (a warm transfer's consultation: RoutingEngine.beginOutsideCall).
 * `offline` and `aux` are never entered while the agent holds work.
 */
export type AgentState = 'offline' | 'available' | 'reserved' | 'busy' | 'wrap_up' | 'aux';
export const AGENT_STATES: readonly AgentState[] = ['offline', 'available', 'reserved', 'busy', 'wrap_up', 'aux'];

const ALLOWED: Record<AgentState, readonly AgentState[]> = {
  offline: ['available', 'aux'],
  available: ['reserved', 'busy', 'aux', 'offline'],
  reserved: ['available', 'busy', 'wrap_up', 'aux', 'offline'],
  busy: ['reserved', 'wrap_up', 'available', 'aux', 'offline'],
  wrap_up: ['available', 'reserved', 'busy', 'aux', 'offline'],
  aux: ['available', 'aux', 'offline'],
};

export interface AgentTransition {
  from: AgentState;
  to: AgentState;
  auxReason: string | undefined;
  at: number;
}

/** How many past transitions each agent keeps for `explain` and audits. */
export const AGENT_HISTORY_LENGTH = 16;

const STATE_INDEX: Record<AgentState, number> = { offline: 0, available: 1, reserved: 2, busy: 3, wrap_up: 4, aux: 5 };

export class AgentStateMachine {
  #state: AgentState = 'offline';
  #auxReason: string | undefined;
  #since: number;
  // The history ring is one array of numbers (at, from × 8 + to per entry)
  // plus aux reasons, not transition objects: an agent changes state four
  // times per call it handles, and objects that live for 16 transitions
  // survive young-generation GCs and get copied twice each.
  readonly #log: number[] = new Array<number>(2 * AGENT_HISTORY_LENGTH).fill(0.5);
  /** Aux reason of entry k; meaningful only where entry k moved to aux. */
  #aux: (string | undefined)[] | undefined;
  #count = 0;
  #next = 0;

  constructor(at: number) {
    this.#since = at;
  }

  get state(): AgentState {
    return this.#state;
  }
  get auxReason(): string | undefined {
    return this.#auxReason;
  }
  get since(): number {
    return this.#since;
  }

  /** Moves to `to`; throws ILLEGAL_AGENT_TRANSITION (and changes nothing) on a move the diagram forbids. */
  transition(to: AgentState, at: number, auxReason?: string): AgentTransition {
    const from = this.#state;
    if (!ALLOWED[from].includes(to)) {
      throw AgentErrors.create('ILLEGAL_AGENT_TRANSITION', { from, to });
    }
    const reason = to === 'aux' ? auxReason : undefined;
    this.#state = to;
    this.#auxReason = reason;
    this.#since = at;
    const k = this.#next;
    this.#log[2 * k] = at;
    this.#log[2 * k + 1] = STATE_INDEX[from] * 8 + STATE_INDEX[to];
    if (to === 'aux') (this.#aux ??= new Array<string | undefined>(AGENT_HISTORY_LENGTH).fill(undefined))[k] = reason;
    this.#next = (k + 1) % AGENT_HISTORY_LENGTH;
    if (this.#count < AGENT_HISTORY_LENGTH) this.#count++;
    return { from, to, auxReason: reason, at };
  }

  /** Latest transitions, oldest first. */
  history(): AgentTransition[] {
    const out: AgentTransition[] = [];
    const first = this.#count < AGENT_HISTORY_LENGTH ? 0 : this.#next;
    for (let n = 0; n < this.#count; n++) {
      const k = (first + n) % AGENT_HISTORY_LENGTH;
      const code = this.#log[2 * k + 1];
      const to = AGENT_STATES[code & 7];
      out.push({ from: AGENT_STATES[code >> 3], to, auxReason: to === 'aux' ? this.#aux?.[k] : undefined, at: this.#log[2 * k] });
    }
    return out;
  }

  /** The state at time `at`, or undefined when it is older than the kept history. */
  stateAt(at: number): AgentState | undefined {
    for (let n = 0; n < this.#count; n++) {
      const k = (this.#next - 1 - n + 2 * AGENT_HISTORY_LENGTH) % AGENT_HISTORY_LENGTH;
      if (this.#log[2 * k] <= at) return AGENT_STATES[this.#log[2 * k + 1] & 7];
    }
    return this.#count < AGENT_HISTORY_LENGTH ? 'offline' : undefined;
  }
}
