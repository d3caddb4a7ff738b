import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Db } from '../../store/database.js';
import type { VoiceService } from '../../calls/voice/voice-service.js';
import { createPolicy } from '../create-policy.js';
import type { BusyAgent, CampaignSnapshot, PacingEvent } from '../pacing-types.js';
import { nextLeads } from '../campaigns/lead-selector.js';
import { dncAmong, dueLeads, toSelectorLead, type CampaignRecord } from '../campaigns/lead-store.js';
import type { AttemptRecords } from './attempt-records.js';
import { complianceText, type DialResult } from './attempt-rules.js';
import { ASSUMED_AMD_FALSE_POSITIVE_RATE, type LiveCounts } from './campaign-figures.js';
import { runAttempt, type AttemptLead } from './dial-attempt.js';
import { PacingLoop, type Ticker } from './pacing-loop.js';

export interface RunnerDeps {
  readonly db: Db;
  readonly voice: VoiceService;
  readonly records: AttemptRecords;
  readonly clock: Clock;
  readonly log: Logger;
  readonly ticker: Ticker;
  /** The client's name, for the compliance message. */
  readonly clientName: string;
  readonly pacingIntervalMs?: number;
}

/** No campaign keeps more lines than this per logged-in agent (the policies stay far below; this guards the trunk). */
const MAX_LINES_PER_AGENT = 4;

/**
 * One running campaign: its pacing policy (progressive, or ours for
 * predictive), the loop that asks it for calls, the calls in progress, and
 * the agents of its queue as the policy must see them. Leads come from the
 * selector (DNC, window, attempts, due time), the DNC list is asked once
 * more right before each dial, and a lead is never dialed twice at once.
 */
export class CampaignRunner {
  readonly loop: PacingLoop;
  /** Leads with an attempt in progress → when placed and whether the answer is classified yet. */
  readonly #attempts = new Map<string, { placedAtMs: number; classified: boolean }>();
  #waiting = 0;
  #talking = 0;
  /** Agents busy with this campaign's calls (the policy forecasts when they free up). */
  readonly #agents = new Map<string, BusyAgent>();
  readonly log: Logger;
  #message: Promise<Int16Array> | undefined;

  constructor(private readonly d: RunnerDeps, private campaign: CampaignRecord) {
    this.log = d.log.child({ campaignId: campaign.id });
    const policy = createPolicy(campaign.mode === 'predictive' ? 'switchboard' : 'progressive',
      { compliance: campaign.complianceProfile, connectDeadlineS: 2, amdFalsePositiveRate: ASSUMED_AMD_FALSE_POSITIVE_RATE });
    this.loop = new PacingLoop(policy, d.clock, d.ticker, { snapshot: (now) => this.snapshot(now), launch: (n) => this.launch(n) },
      { intervalMs: d.pacingIntervalMs ?? 1000, maxLines: (s) => Math.max(1, s.agentsLoggedIn) * MAX_LINES_PER_AGENT });
  }

  get id(): string {
    return this.campaign.id;
  }
  get record(): CampaignRecord {
    return this.campaign;
  }

  /** The campaign row changed (an edit while running): the next attempts use it. */
  update(c: CampaignRecord): void {
    if (c.callerId !== this.campaign.callerId) this.#message = undefined;
    this.campaign = c;
  }

  /**
   * Starts pacing. The policy first learns the stored live answers and
   * abandons of its profile window, so a restart does not forget how much
   * of the abandonment budget is spent.
   */
  async start(history: { liveAnswers: number; abandoned: number }): Promise<void> {
    const now = this.d.clock.now();
    for (let i = 0; i < history.liveAnswers; i++) this.loop.policy.observe({ kind: 'answered_human', atMs: now, placedAtMs: now - 12_000 });
    for (let i = 0; i < history.abandoned; i++) this.loop.policy.observe({ kind: 'abandoned', atMs: now });
    void this.complianceMessage().catch((err: unknown) => this.log.warn({ err }, 'the compliance message could not be spoken (espeak-ng)'));
    this.loop.start();
    this.log.info({ mode: this.campaign.mode, policy: this.loop.policy.name }, 'campaign dialing');
  }

  stop(): void {
    this.loop.stop();
  }

  /** Attempts still in progress (the service waits for none: calls end on their own). */
  get active(): number {
    return this.#attempts.size;
  }

  live(): LiveCounts {
    const s = this.snapshot(this.d.clock.now());
    const last = this.loop.last;
    return {
      callsInFlight: s.callsInFlight.length, waitingForAgent: this.#waiting, talking: this.#talking, agentsLoggedIn: s.agentsLoggedIn, freeAgents: s.freeAgents,
      lastDecision: last === undefined ? undefined : { dial: last.dial, placed: last.placed, reason: last.reason, atMs: last.atMs },
    };
  }

  complianceMessage(): Promise<Int16Array> {
    this.#message ??= this.d.voice.outbound.prompts.speak(complianceText(this.d.clientName, this.campaign.callerId));
    return this.#message;
  }

  /** The campaign's queue as the policy sees it; agents of ours back to available report their wrap-up. */
  snapshot(now: number): CampaignSnapshot {
    const q = this.campaign.queueId;
    const routing = this.d.voice.outbound.routing;
    const stats = q !== null && routing.queue(q) !== undefined ? routing.queueStats(q).agents_by_state : undefined;
    for (const [id, a] of this.#agents) {
      if (a.phase !== 'wrap') continue;
      let state: string | undefined;
      try {
        state = routing.engine.agent(id).state;
      } catch {
        state = undefined;
      }
      if (state !== 'wrap_up' && state !== 'busy') {
        this.#agents.delete(id);
        this.loop.policy.observe({ kind: 'agent_free', atMs: now, wrapMs: now - a.phaseSinceMs });
      }
    }
    const others = Math.max(0, (stats?.busy ?? 0) + (stats?.wrap_up ?? 0) + (stats?.reserved ?? 0) - this.#agents.size);
    const busyAgents: BusyAgent[] = [...this.#agents.values(), ...Array.from({ length: others }, () => ({ phase: 'talk' as const, phaseSinceMs: now }))];
    return {
      agentsLoggedIn: (stats?.available ?? 0) + (stats?.reserved ?? 0) + (stats?.busy ?? 0) + (stats?.wrap_up ?? 0),
      freeAgents: stats?.available ?? 0,
      busyAgents,
      callsInFlight: [...this.#attempts.values()].filter((a) => !a.classified).map((a) => ({ placedAtMs: a.placedAtMs })),
      callsWaitingForAgent: this.#waiting,
    };
  }

  /** Picks up to `n` leads and dials them; resolves with how many calls were placed. */
  async launch(n: number): Promise<number> {
    const c = this.campaign;
    if (c.status !== 'running') return 0;
    const now = this.d.clock.now();
    const candidates = (await dueLeads(this.d.db, c, now, Math.max(200, n * 20))).map(toSelectorLead).filter((l) => !this.#attempts.has(l.id));
    const dnc = await dncAmong(this.d.db, c.clientId, candidates.map((l) => l.phone));
    const picked = nextLeads(c, candidates, (p) => dnc.has(p), now, n);
    let placed = 0;
    for (const l of picked) {
      // A number added to a do-not-call list a moment ago is not dialed.
      if ((await dncAmong(this.d.db, c.clientId, [l.phone])).size > 0) continue;
      this.#dial({ id: l.id, phone: l.phone, attempts: l.attempts });
      placed++;
    }
    return placed;
  }

  #dial(lead: AttemptLead): void {
    const attempt = { placedAtMs: this.d.clock.now(), classified: false };
    this.#attempts.set(lead.id, attempt);
    const observe = (e: PacingEvent): void => {
      if (e.kind === 'answered_human' || e.kind === 'answered_machine' || e.kind === 'busy' || e.kind === 'no_answer') attempt.classified = true;
      this.loop.policy.observe(e);
    };
    void runAttempt({
      voice: this.d.voice, records: this.d.records, clock: this.d.clock, log: this.log, observe,
      complianceMessage: () => this.complianceMessage(),
      waiting: (on) => {
        attempt.classified = true;
        this.#waiting += on ? 1 : -1;
      },
      agent: (e) => {
        const now = this.d.clock.now();
        if (e.kind === 'busy') {
          this.#talking++;
          if (e.agentId !== undefined) this.#agents.set(e.agentId, { phase: 'talk', phaseSinceMs: now });
          return;
        }
        this.#talking--;
        this.loop.policy.observe({ kind: 'agent_wrap', atMs: now, talkMs: e.talkMs });
        if (e.agentId !== undefined) this.#agents.set(e.agentId, { phase: 'wrap', phaseSinceMs: now });
      },
    }, this.campaign, lead).then((r: DialResult) => this.log.debug({ leadId: lead.id, result: r }, 'attempt over'))
      .catch((err: unknown) => this.log.error({ err, leadId: lead.id }, 'dial attempt failed'))
      .finally(() => this.#attempts.delete(lead.id));
  }
}
