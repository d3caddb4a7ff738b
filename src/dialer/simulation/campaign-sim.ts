import { VirtualClock } from '../../platform/clock.js';
import { lognormal, uniform, type Sampler } from '../../sim/distributions.js';
import { createRng, type Rng } from '../../sim/prng.js';
import { Simulation } from '../../sim/simulation.js';
import { transitionAttempt, type AttemptState } from '../attempt-state.js';
import type { BusyAgent, CallInFlight, PacingPolicy } from '../pacing-types.js';
import { emptyTally, rateUnder, ukRate, usRate, type RunResult, type Tally } from './run-stats.js';
import { humanShareAt, type Scenario } from './scenario.js';

type Truth = 'human' | 'machine' | 'no_answer' | 'busy';
type Seen = 'human' | 'machine' | 'no_answer' | 'busy';

interface Call extends CallInFlight {
  state: AttemptState;
  truth: Truth;
  seen: Seen;
  placedS: number;
  slot: number;
  deadline: number;
  falsePositive: boolean;
}

interface Agent extends BusyAgent {
  phase: 'talk' | 'wrap';
  phaseSinceMs: number;
  slot: number;
}

type SimEvent =
  | { k: 'resolve'; call: Call }
  | { k: 'deadline'; call: Call }
  | { k: 'talk_end'; agent: Agent; machine: boolean; talkS: number }
  | { k: 'wrap_end'; agent: Agent; wrapS: number }
  | { k: 'tick' };

/** Swap-remove list: O(1) add and remove, so snapshots can hand out the array itself. */
function removeAt<T extends { slot: number }>(list: T[], item: T): void {
  const last = list.pop() as T;
  if (last !== item) { list[item.slot] = last; last.slot = item.slot; }
}

/**
 * One seeded 8-hour (or `hours`) run of an outbound campaign driven by
 * `policy` through the pacing interface: calls, AMD, the connect deadline,
 * agents talking and wrapping up. Decisions are taken after every event and
 * on a 1-s tick; no policy sees the simulator's ground truth.
 */
export function simulateCampaign(s: Scenario, policy: PacingPolicy, seed: string): RunResult {
  const rng = createRng(seed);
  const streams = { mix: rng.fork('mix'), times: rng.fork('times'), amd: rng.fork('amd'), talk: rng.fork('talk') };
  const pdd = uniform(s.post_dial_delay_s[0], s.post_dial_delay_s[1]);
  const humanAnswer = lognormal(s.human_answer_s), machineAnswer = lognormal(s.machine_answer_s);
  const talk = lognormal(s.talk_s), wrap = lognormal(s.wrap_s);
  const endS = s.hours * 3600;
  const sim = new Simulation<SimEvent>(new VirtualClock(0));
  const ms = (t: number) => t * 1000;

  const inFlight: Call[] = [];
  const busy: Agent[] = [];
  const waiting: Call[] = [];
  let waitHead = 0, free = s.agents, talking = 0;
  const total: Tally = emptyTally();
  const hourly: Tally[] = Array.from({ length: Math.ceil(s.hours) }, emptyTally);
  let busyS = 0, talkS = 0, connects = 0, dials = 0, peakLines = 0;

  const count = (t: number, f: (x: Tally) => void) => {
    if (t >= endS) return;
    f(total); f(hourly[Math.floor(t / 3600)]);
  };
  const clip = (from: number, d: number) => Math.max(0, Math.min(endS, from + d) - Math.min(endS, from));
  const draw = (sampler: Sampler, r: Rng) => sampler(r);

  const place = (t: number) => {
    dials++;
    const h = humanShareAt(s, t), scale = (1 - h) / (1 - s.mix.human || 1);
    const u = streams.mix.next();
    const m = s.mix.machine * scale, na = s.mix.no_answer * scale;
    const truth: Truth = u < h ? 'human' : u < h + m ? 'machine' : u < h + m + na ? 'no_answer' : 'busy';
    const ringStart = t + draw(pdd, streams.times);
    let at: number, seen: Seen = truth, falsePositive = false;
    if (truth === 'busy') at = ringStart + s.busy_s;
    else if (truth === 'no_answer') at = ringStart + s.ring_timeout_s;
    else {
      const answer = draw(truth === 'human' ? humanAnswer : machineAnswer, streams.times);
      if (answer > s.ring_timeout_s) { seen = 'no_answer'; at = ringStart + s.ring_timeout_s; }
      else if (!s.amd.enabled) { seen = 'human'; at = ringStart + answer; }
      else if (truth === 'human') {
        at = ringStart + answer + s.amd.human_decision_s;
        if (streams.amd.next() < s.amd.false_positive) { seen = 'machine'; falsePositive = true; }
      } else {
        at = ringStart + answer + s.amd.machine_decision_s;
        if (streams.amd.next() < s.amd.false_negative) seen = 'human';
      }
    }
    const call: Call = { state: 'dialing', truth, seen, placedS: t, placedAtMs: ms(t), slot: inFlight.length, deadline: -1, falsePositive };
    inFlight.push(call);
    sim.scheduleAt(at, { k: 'resolve', call });
    policy.observe({ kind: 'call_placed', atMs: ms(t) });
  };

  const connect = (call: Call, t: number) => {
    call.state = transitionAttempt(call.state, 'connected');
    const agent: Agent = { phase: 'talk', phaseSinceMs: ms(t), slot: busy.length };
    busy.push(agent);
    talking++;
    const machine = call.truth !== 'human';
    const d = machine ? s.amd.machine_to_agent_s : draw(talk, streams.talk);
    busyS += clip(t, d);
    count(t, (x) => { x.agentConnects++; if (machine) x.machineConnects++; });
    if (!machine) { talkS += clip(t, d); if (t < endS) connects++; }
    sim.scheduleAt(t + d, { k: 'talk_end', agent, machine, talkS: d });
    policy.observe({ kind: 'connected', atMs: ms(t) });
    policy.observe({ kind: 'agent_busy', atMs: ms(t) });
  };

  const agentFree = (t: number) => {
    while (waitHead < waiting.length && waiting[waitHead].state !== 'waiting_for_agent') waitHead++;
    if (waitHead < waiting.length) {
      const call = waiting[waitHead++];
      sim.cancel(call.deadline);
      connect(call, t);
    } else free++;
  };

  const handle = (e: SimEvent, t: number) => {
    switch (e.k) {
      case 'tick': if (t + 1 < endS) sim.scheduleAt(t + 1, { k: 'tick' }); break;
      case 'resolve': {
        const { call } = e;
        removeAt(inFlight, call);
        const at = { atMs: ms(t), placedAtMs: call.placedAtMs };
        if (call.truth === 'human' && call.seen !== 'no_answer') count(t, (x) => x.liveAnswers++);
        if (call.falsePositive) count(t, (x) => x.amdFalsePositives++);
        if (call.seen === 'human') {
          call.state = transitionAttempt(call.state, 'waiting_for_agent');
          policy.observe({ kind: 'answered_human', ...at });
          if (free > 0) { free--; connect(call, t); }
          else { waiting.push(call); call.deadline = sim.scheduleAt(t + s.connect_deadline_s, { k: 'deadline', call }); }
        } else {
          call.state = transitionAttempt(call.state, call.seen);
          policy.observe({ kind: call.seen === 'machine' ? 'answered_machine' : call.seen, ...at });
        }
        break;
      }
      case 'deadline': {
        e.call.state = transitionAttempt(e.call.state, 'abandoned');
        const human = e.call.truth === 'human';
        count(t, (x) => { if (human) x.dropsHuman++; else x.dropsMachine++; });
        policy.observe({ kind: 'abandoned', atMs: ms(t) });
        break;
      }
      case 'talk_end': {
        const { agent } = e;
        talking--;
        policy.observe({ kind: 'agent_wrap', atMs: ms(t), talkMs: ms(e.talkS) });
        if (e.machine) {
          removeAt(busy, agent);
          policy.observe({ kind: 'agent_free', atMs: ms(t), wrapMs: 0 });
          agentFree(t);
        } else {
          agent.phase = 'wrap'; agent.phaseSinceMs = ms(t);
          const d = draw(wrap, streams.talk);
          busyS += clip(t, d);
          sim.scheduleAt(t + d, { k: 'wrap_end', agent, wrapS: d });
        }
        break;
      }
      case 'wrap_end':
        removeAt(busy, e.agent);
        policy.observe({ kind: 'agent_free', atMs: ms(t), wrapMs: ms(e.wrapS) });
        agentFree(t);
        break;
    }
  };

  const snapshot = () => ({
    agentsLoggedIn: s.agents, freeAgents: free, busyAgents: busy, callsInFlight: inFlight,
    callsWaitingForAgent: waiting.length - waitHead,
  });

  sim.scheduleAt(0, { k: 'tick' });
  sim.run(endS, (e, sm) => {
    const t = sm.nowS;
    handle(e, t);
    if (t >= endS) return;
    // Abandoned calls leave the waiting list lazily; count only those still waiting.
    while (waitHead < waiting.length && waiting[waitHead].state !== 'waiting_for_agent') waitHead++;
    if (waitHead > 1024) { waiting.splice(0, waitHead); waitHead = 0; }
    const d = policy.decide(snapshot(), ms(t));
    for (let i = 0; i < d.dial; i++) place(t);
    const lines = inFlight.length + (waiting.length - waitHead) + talking;
    if (lines > peakLines) peakLines = lines;
  });

  const agentHours = s.agents * s.hours;
  return {
    occupancy: busyS / (agentHours * 3600),
    abandonmentUs: usRate(total),
    abandonmentUk: ukRate(total),
    hourlyRates: hourly.map((h) => rateUnder(s.compliance, h)),
    talkMinPerAgentHour: talkS / 60 / agentHours,
    connectsPerAgentHour: connects / agentHours,
    peakLines,
    dials,
    events: sim.eventsHandled,
  };
}
