/**
 * The benchmark's baseline: the same decisions made the obvious way. An
 * arriving interaction scans every agent; a freed agent scans every waiting
 * interaction. Same offer / accept / wrap-up / timeout semantics as the
 * engine for the benchmark's event mix (longest-idle order for every
 * queue, overflow relax steps, missed offers to aux), no indexes.
 */
import type { Clock } from '../../src/platform/clock.js';
import { HeapNode, IndexedHeap } from '../../src/routing/indexed-heap.js';
import type { AgentConfig, Channel, Decision, EnqueueInput, QueueConfig } from '../../src/routing/types.js';

interface NAgent {
  cfg: AgentConfig;
  ready: boolean;
  used: Record<Channel, number>;
  total: number;
  idleSince: number;
}
interface NItem {
  id: string;
  q: QueueConfig;
  key: number;
  enqueuedAt: number;
  state: 'queued' | 'offered' | 'active' | 'wrap_up';
  agent?: NAgent;
  offerId?: string;
  due?: number;
  /** Timers are not what this baseline is about: they use a heap, like the engine. */
  timer: HeapNode<NItem>;
}

export class NaiveMatcher {
  readonly #agents: NAgent[] = [];
  readonly #byId = new Map<string, NAgent>();
  readonly #queues = new Map<string, QueueConfig>();
  readonly #items = new Map<string, NItem>();
  readonly #offers = new Map<string, NItem>();
  readonly #timers = new IndexedHeap<NItem>();
  #n = 0;

  constructor(private readonly clock: Clock) {}

  addQueue(q: QueueConfig): void {
    this.#queues.set(q.id, q);
  }
  addAgent(cfg: AgentConfig): void {
    const a: NAgent = { cfg, ready: false, used: { voice: 0, chat: 0, callback: 0, work_item: 0 }, total: 0, idleSince: 0 };
    this.#agents.push(a);
    this.#byId.set(cfg.id, a);
  }

  login(agentId: string): Decision[] {
    return this.setAvailable(agentId);
  }
  setAvailable(agentId: string): Decision[] {
    const a = this.#byId.get(agentId)!;
    a.ready = true;
    if (a.total === 0) a.idleSince = this.clock.now();
    const out: Decision[] = [];
    this.#fill(a, out);
    return out;
  }

  enqueue(input: EnqueueInput): { interactionId: string; decisions: Decision[] } {
    const q = this.#queues.get(input.queueId)!;
    const now = this.clock.now();
    const id = input.id ?? `n${++this.#n}`;
    const it = { id, q, key: now - ((q.priority ?? 0) + (input.priority ?? 0)) * 60_000 + this.#n * 1e-6, enqueuedAt: now, state: 'queued' } as NItem;
    it.timer = new HeapNode(it);
    this.#items.set(id, it);
    const out: Decision[] = [];
    let best: NAgent | undefined;
    for (const a of this.#agents) {
      if (this.#eligible(a, it, now) && (!best || a.idleSince < best.idleSince)) best = a;
    }
    if (best) this.#offer(it, best, out);
    return { interactionId: id, decisions: out };
  }

  accept(offerId: string): Decision[] {
    const it = this.#offers.get(offerId)!;
    this.#offers.delete(offerId);
    it.state = 'active';
    this.#setDue(it, undefined);
    return [];
  }
  reject(offerId: string): Decision[] {
    const it = this.#offers.get(offerId)!;
    const out: Decision[] = [];
    this.#missed(it, out, false);
    return out;
  }
  complete(id: string): Decision[] {
    const it = this.#items.get(id)!;
    it.state = 'wrap_up';
    this.#setDue(it, this.clock.now() + (it.q.wrapUpS ?? 0) * 1000);
    return [];
  }
  abandon(id: string): Decision[] {
    const it = this.#items.get(id)!;
    const out: Decision[] = [];
    this.#items.delete(id);
    this.#setDue(it, undefined);
    if (it.state === 'offered') {
      this.#offers.delete(it.offerId!);
      this.#free(it.agent!, it.q.channel);
      out.push({ kind: 'offer_withdrawn', offerId: it.offerId!, interactionId: id, agentId: it.agent!.cfg.id, reason: 'abandoned' });
      this.#fill(it.agent!, out);
    }
    return out;
  }

  nextDueAt(): number | undefined {
    return this.#timers.peek()?.k1;
  }
  #setDue(it: NItem, due: number | undefined): void {
    it.due = due;
    this.#timers.remove(it.timer);
    if (due !== undefined) {
      it.timer.k1 = due;
      this.#timers.push(it.timer);
    }
  }
  tick(): Decision[] {
    const now = this.clock.now();
    const out: Decision[] = [];
    for (let top = this.#timers.peek(); top && top.k1 <= now; top = this.#timers.peek()) {
      const it = top.item;
      this.#setDue(it, undefined);
      if (it.state === 'offered') this.#missed(it, out, true);
      else if (it.state === 'wrap_up') {
        this.#items.delete(it.id);
        this.#setDue(it, undefined);
        this.#free(it.agent!, it.q.channel);
        this.#fill(it.agent!, out);
      }
    }
    return out;
  }

  #missed(it: NItem, out: Decision[], timeout: boolean): void {
    const a = it.agent!;
    this.#offers.delete(it.offerId!);
    if (timeout) out.push({ kind: 'offer_withdrawn', offerId: it.offerId!, interactionId: it.id, agentId: a.cfg.id, reason: 'timeout' });
    a.ready = false;
    this.#free(a, it.q.channel);
    it.state = 'queued';
    this.#setDue(it, undefined);
    it.agent = undefined;
    const now = this.clock.now();
    let best: NAgent | undefined;
    for (const b of this.#agents) if (this.#eligible(b, it, now) && (!best || b.idleSince < best.idleSince)) best = b;
    if (best) this.#offer(it, best, out);
  }

  #free(a: NAgent, ch: Channel): void {
    a.used[ch]--;
    a.total--;
    if (a.total === 0) a.idleSince = this.clock.now();
  }

  /** The freed agent scans every waiting interaction for the most deserving one it can take. */
  #fill(a: NAgent, out: Decision[]): void {
    const now = this.clock.now();
    for (;;) {
      let best: NItem | undefined;
      for (const it of this.#items.values()) {
        if (it.state === 'queued' && (!best || it.key < best.key) && this.#eligible(a, it, now)) best = it;
      }
      if (!best) return;
      this.#offer(best, a, out);
    }
  }

  #eligible(a: NAgent, it: NItem, now: number): boolean {
    if (!a.ready) return false;
    const ch = it.q.channel;
    const cap = a.cfg.capacity[ch] ?? 0;
    if (cap === 0 || (ch === 'voice' ? a.total > 0 : a.used.voice > 0 || a.used[ch] >= cap)) return false;
    if (!a.cfg.clientIds.includes(it.q.clientId)) return false;
    const step = it.q.overflow?.[0];
    const relaxed = step && now - it.enqueuedAt >= step.afterS * 1000 ? step.relaxSkills : undefined;
    for (const [s, min] of Object.entries(it.q.skills)) {
      const lv = a.cfg.skills[s];
      if (lv === undefined || lv < (relaxed?.[s] ?? min)) return false;
    }
    return true;
  }

  #offer(it: NItem, a: NAgent, out: Decision[]): void {
    const offerId = `no${++this.#n}`;
    it.state = 'offered';
    it.agent = a;
    it.offerId = offerId;
    this.#setDue(it, this.clock.now() + (it.q.ringTimeoutS ?? 20) * 1000);
    this.#offers.set(offerId, it);
    a.used[it.q.channel]++;
    a.total++;
    out.push({ kind: 'offer', offerId, interactionId: it.id, agentId: a.cfg.id, queueId: it.q.id, channel: it.q.channel, expiresAt: it.due!, ringAll: false });
  }
}
