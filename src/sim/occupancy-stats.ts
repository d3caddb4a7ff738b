import type { AgentState } from '../agents/agent-state.js';
import { INTERVAL_S } from './arrivals.js';

/** One agent group's time for one interval (or the whole run), in agent-seconds. */
export interface OccupancyRow {
  startS: number;
  /** Reserved (ringing) + busy + wrap-up. */
  handlingS: number;
  availableS: number;
  /** In aux (breaks, missed offers). */
  auxS: number;
  /** Handling ÷ (handling + available); null when nobody was logged in and ready. */
  occupancy: number | null;
}

interface Acc { handlingS: number; availableS: number; auxS: number }
type Bucket = keyof Acc;

// Ringing counts as handling: the agent is held by the call, as in the Erlang
// models, where a server is busy from the moment it is seized.
const BUCKET: Record<AgentState, Bucket | undefined> = {
  reserved: 'handlingS', busy: 'handlingS', wrap_up: 'handlingS', available: 'availableS', aux: 'auxS', offline: undefined,
};

/**
 * Occupancy of one agent group per 15-minute interval: each agent's time in
 * a state is added when the state ends, split across interval boundaries by
 * when it was spent.
 */
export class OccupancyStats {
  readonly #rows: Acc[] = [];
  readonly #agents = new Map<string, { state: AgentState; sinceS: number }>();

  /** The agent entered `to` at `atS`. */
  changed(agentId: string, to: AgentState, atS: number): void {
    const prev = this.#agents.get(agentId);
    if (prev) this.#add(prev.state, prev.sinceS, atS);
    this.#agents.set(agentId, { state: to, sinceS: atS });
  }

  /** Counts every agent's current state up to `endS` (the end of the run). */
  close(endS: number): void {
    for (const [id, a] of this.#agents) this.changed(id, a.state, Math.max(endS, a.sinceS));
  }

  #add(state: AgentState, fromS: number, toS: number): void {
    const bucket = BUCKET[state];
    if (bucket === undefined) return;
    let t = fromS;
    while (t < toS) {
      const i = Math.floor(t / INTERVAL_S);
      const end = Math.min(toS, (i + 1) * INTERVAL_S);
      while (this.#rows.length <= i) this.#rows.push({ handlingS: 0, availableS: 0, auxS: 0 });
      this.#rows[i][bucket] += end - t;
      t = end;
    }
  }

  intervals(count: number): OccupancyRow[] {
    const n = Math.max(count, this.#rows.length);
    return Array.from({ length: n }, (_, i) => row(this.#rows[i] ?? { handlingS: 0, availableS: 0, auxS: 0 }, i * INTERVAL_S));
  }

  total(): OccupancyRow {
    const sum: Acc = { handlingS: 0, availableS: 0, auxS: 0 };
    for (const r of this.#rows) { sum.handlingS += r.handlingS; sum.availableS += r.availableS; sum.auxS += r.auxS; }
    return row(sum, 0);
  }
}

function row(a: Acc, startS: number): OccupancyRow {
  const worked = a.handlingS + a.availableS;
  return { startS, handlingS: a.handlingS, availableS: a.availableS, auxS: a.auxS, occupancy: worked > 0 ? a.handlingS / worked : null };
}
