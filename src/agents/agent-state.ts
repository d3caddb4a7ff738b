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
 * rings) and busy / wrap_up → reserved / available as slots free.
 * `offline` and `aux` are never entered while the agent holds work.
 */
export type AgentState = 'offline' | 'available' | 'reserved' | 'busy' | 'wrap_up' | 'aux';
export const AGENT_STATES: readonly AgentState[] = ['offline', 'available', 'reserved', 'busy', 'wrap_up', 'aux'];

const ALLOWED: Record<AgentState, readonly AgentState[]> = {
  offline: ['available', 'aux'],
  available: ['reserved', 'aux', 'offline'],
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

export class AgentStateMachine {
  #state: AgentState = 'offline';
  #auxReason: string | undefined;
  #since: number;
  /** Ring buffer of the latest transitions, oldest overwritten first. */
  readonly #history: AgentTransition[] = [];
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
    const t: AgentTransition = { from, to, auxReason: to === 'aux' ? auxReason : undefined, at };
    this.#state = to;
    this.#auxReason = t.auxReason;
    this.#since = at;
    if (this.#history.length < AGENT_HISTORY_LENGTH) this.#history.push(t);
    else this.#history[this.#next] = t;
    this.#next = (this.#next + 1) % AGENT_HISTORY_LENGTH;
    return t;
  }

  /** Latest transitions, oldest first. */
  history(): AgentTransition[] {
    const h = this.#history;
    return h.length < AGENT_HISTORY_LENGTH ? [...h] : [...h.slice(this.#next), ...h.slice(0, this.#next)];
  }

  /** The state at time `at`, or undefined when it is older than the kept history. */
  stateAt(at: number): AgentState | undefined {
    const h = this.history();
    for (let i = h.length - 1; i >= 0; i--) if (h[i].at <= at) return h[i].to;
    return h.length < AGENT_HISTORY_LENGTH ? 'offline' : undefined;
  }
}
