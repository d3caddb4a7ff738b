import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../platform/errors.js';
import { dump, newEngine } from './testing.js';
import { TERMINAL_STATES } from './interaction.js';
import type { AgentConfig, Channel, InteractionState, QueueConfig } from './types.js';

const QUEUES: Omit<QueueConfig, 'slThresholdS'>[] = [
  { id: 'v1', clientId: 'c1', channel: 'voice', skills: { billing: 5 }, policy: 'longest_idle', overflow: [{ afterS: 20, relaxSkills: { billing: 2 } }, { afterS: 40, addTeamIds: ['T'] }] },
  { id: 'v2', clientId: 'c1', channel: 'voice', skills: { sales: 3 }, policy: 'ring_all', overflow: [{ afterS: 60, exit: { kind: 'voicemail' } }] },
  { id: 'ch', clientId: 'c1', channel: 'chat', skills: { billing: 1 }, policy: 'least_occupied', overflow: [] },
  { id: 'wi', clientId: 'c2', channel: 'work_item', skills: {}, policy: 'round_robin', overflow: [] },
  { id: 'v3', clientId: 'c2', channel: 'voice', skills: { tech: 4 }, policy: 'most_skilled', overflow: [] },
];

const AGENTS: AgentConfig[] = [
  { id: 'a1', skills: { billing: 6, sales: 4 }, clientIds: ['c1'], teamIds: [], capacity: { voice: 1, chat: 3 } },
  { id: 'a2', skills: { billing: 2 }, clientIds: ['c1', 'c2'], teamIds: ['T'], capacity: { voice: 1, chat: 2, work_item: 1 } },
  { id: 'a3', skills: { sales: 5, tech: 7 }, clientIds: ['c1', 'c2'], teamIds: ['T'], capacity: { voice: 1 } },
  { id: 'a4', skills: { tech: 4 }, clientIds: ['c2'], teamIds: [], capacity: { voice: 1, work_item: 2 } },
  { id: 'a5', skills: { billing: 8 }, clientIds: ['c1'], teamIds: [], capacity: { chat: 3 } },
];

/** Admin edits mixed into the traffic: variant `v` of queue `q` (some invalid, to check they change nothing). */
function queueVariant(q: number, v: number): QueueConfig {
  const base = { ...QUEUES[q], slThresholdS: 20, wrapUpS: 5, ringTimeoutS: 10 };
  const policies = base.policy === 'ring_all' ? (['ring_all'] as const) : (['longest_idle', 'most_skilled', 'least_occupied', 'round_robin'] as const);
  const firstSkill = Object.keys(base.skills)[0];
  switch (v % 6) {
    case 0: return { ...base, policy: policies[v % policies.length], priority: v % 3 };
    case 1: return { ...base, overflow: [] };
    case 2: return { ...base, wrapUpS: 1 + (v % 20), ringTimeoutS: 2 + (v % 15), maxWaitS: 30 + v };
    case 3: return firstSkill ? { ...base, skills: { [firstSkill]: 1 + (v % 8) }, overflow: [] } : { ...base, priority: 2 };
    case 4: return { ...base, overflow: [{ afterS: 1 + (v % 10), addTeamIds: ['T'] }] };
    default: return { ...base, skills: { juggling: 3 } }; // refused: unknown skill
  }
}

function agentVariant(a: number, v: number): AgentConfig {
  const base = AGENTS[a];
  switch (v % 5) {
    case 0: return { ...base, capacity: { voice: v % 2, chat: v % 4, work_item: v % 3 } };
    case 1: return { ...base, skills: Object.fromEntries(Object.entries(base.skills).map(([k, lv]) => [k, Math.max(1, lv - (v % 5))])) };
    case 2: return { ...base, clientIds: v % 2 ? ['c1'] : ['c1', 'c2'], teamIds: v % 3 ? ['T'] : [] };
    case 3: return base;
    default: return { ...base, capacity: { voice: 2 * v + 101 } }; // refused: capacity out of range
  }
}

const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('enqueue' as const), q: fc.nat(QUEUES.length - 1), p: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constantFrom('login', 'aux', 'available', 'logout'), a: fc.nat(AGENTS.length - 1) }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constantFrom('accept', 'accept', 'reject', 'complete', 'complete', 'endWrap', 'abandon', 'fail'), k: fc.nat(50), any: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 30_000 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('updateQueue' as const), q: fc.nat(QUEUES.length - 1), v: fc.nat(60) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('updateAgent' as const), a: fc.nat(AGENTS.length - 1), v: fc.nat(60) }) },
);

test('random event sequences keep the routing invariants', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 20, maxLength: 120 }), (ops) => {
      const model = new Map<string, { state: InteractionState; queueId: string; order: number; priority: number }>();
      const terminalCount = new Map<string, number>();
      let order = 0;
      const { engine, clock } = newEngine({
        retain: 1_000_000,
        delegate: {
          onInteractionStateChanged(e) {
            const m = model.get(e.interactionId)!;
            if (e.to === 'offered' && e.queueId !== 'v2') {
              for (const [id, o] of model) {
                const earlier = o.state === 'queued' && o.queueId === e.queueId && o.priority === m.priority && o.order < m.order;
                assert.ok(!earlier, `FIFO: ${id} waited longer than ${e.interactionId} in ${e.queueId}`);
              }
            }
            m.state = e.to;
            m.queueId = e.queueId;
            if (TERMINAL_STATES.has(e.to)) terminalCount.set(e.interactionId, (terminalCount.get(e.interactionId) ?? 0) + 1);
          },
        },
      });
      for (const q of QUEUES) engine.addQueue({ ...q, slThresholdS: 20, wrapUpS: 5, ringTimeoutS: 10 });
      for (const a of AGENTS) engine.addAgent(a);
      for (const a of AGENTS) engine.login(a.id);
      const pick = <T>(xs: T[], k: number): T | undefined => (xs.length ? xs[k % xs.length] : undefined);
      // Capacity may drop below what an agent holds (updateAgent): then it may keep,
      // but not add, work beyond the new capacity. `allowed` tracks that ceiling.
      const capacity = new Map(AGENTS.map((a) => [a.id, a.capacity]));
      const allowed = new Map(AGENTS.map((a) => [a.id, { voice: 0, chat: 0, callback: 0, work_item: 0, ...a.capacity }]));
      let n = 0;
      for (const o of ops) {
        const all = engine.liveInteractionIds().map((id) => engine.interaction(id));
        // Mostly aim at an interaction in the right state; sometimes at any (an out-of-order event).
        const inState = (st: InteractionState) => ('any' in o && o.any ? all : all.filter((i) => i.state === st));
        let live = all;
        const before = dump(engine);
        try {
          switch (o.t) {
            case 'enqueue': {
              const id = `i${++n}`;
              model.set(id, { state: 'queued', queueId: QUEUES[o.q].id, order: ++order, priority: o.p });
              try {
                engine.enqueue({ queueId: QUEUES[o.q].id, id, priority: o.p });
              } catch (e) {
                model.delete(id);
                throw e;
              }
              break;
            }
            case 'login': engine.login(AGENTS[o.a].id); break;
            case 'aux': engine.setAux(AGENTS[o.a].id, 'break'); break;
            case 'available': engine.setAvailable(AGENTS[o.a].id); break;
            case 'logout': engine.logout(AGENTS[o.a].id); break;
            case 'accept': case 'reject': {
              live = inState('offered');
              const offerId = pick(live.flatMap((i) => i.offerIds), o.k) ?? 'none';
              if (o.t === 'accept') engine.accept(offerId);
              else engine.reject(offerId);
              break;
            }
            case 'complete': engine.complete(pick(inState('active'), o.k)?.id ?? 'none'); break;
            case 'endWrap': engine.endWrapUp(pick(inState('wrap_up'), o.k)?.id ?? 'none'); break;
            case 'abandon': engine.abandon(pick(inState('queued'), o.k)?.id ?? 'none'); break;
            case 'fail': engine.fail(pick(live, o.k)?.id ?? 'none'); break;
            case 'updateQueue': engine.updateQueue(queueVariant(o.q, o.v)); break;
            case 'updateAgent': {
              const cfg = agentVariant(o.a, o.v);
              engine.updateAgent(cfg);
              capacity.set(cfg.id, cfg.capacity);
              const used = engine.agent(cfg.id).used;
              const lim = allowed.get(cfg.id)!;
              for (const ch of ['voice', 'chat', 'callback', 'work_item'] as Channel[]) lim[ch] = Math.max(cfg.capacity[ch] ?? 0, used[ch]);
              break;
            }
            case 'advance': {
              clock.advance(o.ms);
              for (let due = engine.nextDueAt(); due !== undefined && due <= clock.now(); due = engine.nextDueAt()) engine.tick();
              break;
            }
          }
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          assert.deepEqual(dump(engine), before, `state changed by a rejected ${o.t} (${e.code})`);
        }
        // Invariants after every event.
        const liveIds = new Set(engine.liveInteractionIds());
        for (const [id, m] of model) {
          const terminal = TERMINAL_STATES.has(m.state);
          assert.equal(liveIds.has(id), !terminal, `${id} lost or duplicated (${m.state})`);
          assert.equal(engine.interaction(id).state, m.state);
          assert.ok((terminalCount.get(id) ?? 0) <= 1, `${id} ended twice`);
        }
        assert.equal(liveIds.size, [...model.values()].filter((m) => !TERMINAL_STATES.has(m.state)).length);
        for (const id of liveIds) {
          const i = engine.interaction(id);
          if (i.queueId !== 'v2') assert.ok(i.offerIds.length <= 1, `${id} offered to ${i.offerIds.length} agents`);
          assert.equal(i.offerIds.length > 0, i.state === 'offered');
        }
        // Every reserved/used slot belongs to a live offer, call or wrap-up: nothing leaks.
        let held = 0;
        for (const id of liveIds) {
          const i = engine.interaction(id);
          held += i.offerIds.length + (i.state === 'active' || i.state === 'wrap_up' ? 1 : 0);
        }
        let used = 0;
        for (const a of AGENTS) {
          const s = engine.agent(a.id);
          used += s.used.voice + s.used.chat + s.used.callback + s.used.work_item;
          const cap = capacity.get(a.id)!;
          const lim = allowed.get(a.id)!;
          for (const ch of ['voice', 'chat', 'callback', 'work_item'] as Channel[]) {
            assert.ok(s.used[ch] <= lim[ch], `${a.id} over capacity on ${ch}`);
            lim[ch] = Math.max(cap[ch] ?? 0, Math.min(lim[ch], s.used[ch]));
          }
          if (s.used.voice > 0) assert.equal(s.used.chat + s.used.work_item + s.used.callback, 0, `${a.id}: voice not exclusive`);
        }
        assert.equal(used, held, 'slots held by agents match live offers and calls');
      }
    }),
    // CI replays a fixed seed so a submission is judged on known sequences; elsewhere each run
    // draws new ones (fast-check prints the seed and path of any failure to replay it).
    { numRuns: 200, ...(process.env.CI ? { seed: 20261123 } : {}) },
  );
});
