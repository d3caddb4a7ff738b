import { and, eq, ne } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/event-bus.js';
import type { Logger } from '../../platform/logger.js';
import type { Db } from '../../store/database.js';
import { campaigns, clients } from '../../store/schema.js';
import type { VoiceService } from '../../calls/voice/voice-service.js';
import { PROFILE_WINDOW_MS } from '../compliance.js';
import type { CampaignRecord } from '../campaigns/lead-store.js';
import { AttemptRecords } from './attempt-records.js';
import { campaignFigures, type CampaignFigures } from './campaign-figures.js';
import { CampaignRunner } from './campaign-runner.js';
import type { AttemptLead } from './dial-attempt.js';
import { previewDial } from './preview-dial.js';
import { realTicker, type Ticker } from './pacing-loop.js';

export interface LiveDialerDeps {
  readonly db: Db;
  readonly voice: VoiceService;
  readonly clock: Clock;
  readonly log: Logger;
  readonly bus: EventBus;
  readonly ticker?: Ticker;
  /** How often running campaigns are looked up again (status changes also arrive on the bus). Default 5 s. */
  readonly syncMs?: number;
  /** How often `campaign.stats` is published per running campaign. Default 5 s. */
  readonly statsMs?: number;
  readonly pacingIntervalMs?: number;
}

const DAY_MS = 86_400_000;

/**
 * The outbound dialer: a CampaignRunner for every running progressive or
 * predictive campaign (preview campaigns are dialed by their agents), kept
 * in step with campaign status changes; live figures on demand and on the
 * bus. Start after the voice service recovered (its sweep closes the calls
 * a restart cut off; ours then closes their attempts and reschedules the leads).
 */
export class LiveDialer {
  readonly records: AttemptRecords;
  readonly #runners = new Map<string, CampaignRunner>();
  readonly #stops: Array<() => void> = [];
  #syncing: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(private readonly d: LiveDialerDeps) {
    this.records = new AttemptRecords(d.db, d.clock);
  }

  async start(): Promise<void> {
    const closed = await this.records.recover();
    if (closed > 0) this.d.log.warn({ attempts: closed }, 'dial attempts cut off by a restart closed; their leads rescheduled');
    const ticker = this.d.ticker ?? realTicker;
    this.#stops.push(this.d.bus.subscribe((e) => {
      if (e.type === 'campaign.status' || e.type.startsWith('admin.campaign.')) void this.sync();
    }));
    this.#stops.push(ticker.every(this.d.syncMs ?? 5000, () => void this.sync()));
    this.#stops.push(ticker.every(this.d.statsMs ?? 5000, () => void this.#publishStats()));
    await this.sync();
  }

  stop(): void {
    this.#stopped = true;
    for (const s of this.#stops.splice(0)) s();
    for (const r of this.#runners.values()) r.stop();
    this.#runners.clear();
  }

  /** Running campaigns now: starts, updates and stops runners (one sync at a time). */
  sync(): Promise<void> {
    this.#syncing = this.#syncing.then(() => this.#sync()).catch((err: unknown) => this.d.log.error({ err }, 'campaign sync failed'));
    return this.#syncing;
  }

  async #sync(): Promise<void> {
    if (this.#stopped) return;
    const rows = await this.d.db.select().from(campaigns).where(and(eq(campaigns.status, 'running'), eq(campaigns.disabled, false), ne(campaigns.mode, 'preview')));
    const want = new Map(rows.map((c) => [c.id, c]));
    for (const [id, r] of this.#runners) {
      if (!want.has(id)) {
        r.stop();
        this.#runners.delete(id);
        r.log.info('campaign dialing stopped');
      }
    }
    for (const c of rows) {
      const known = this.#runners.get(c.id);
      if (known !== undefined) {
        known.update(c);
        continue;
      }
      const [client] = await this.d.db.select({ name: clients.name }).from(clients).where(eq(clients.id, c.clientId));
      const r = new CampaignRunner({ db: this.d.db, voice: this.d.voice, records: this.records, clock: this.d.clock, log: this.d.log,
        ticker: this.d.ticker ?? realTicker, clientName: client?.name ?? c.name, pacingIntervalMs: this.d.pacingIntervalMs }, c);
      this.#runners.set(c.id, r);
      const results = await this.records.results(c.id, this.d.clock.now() - PROFILE_WINDOW_MS[c.complianceProfile]);
      await r.start({ liveAnswers: (results.connected ?? 0) + (results.abandoned ?? 0), abandoned: results.abandoned ?? 0 });
    }
  }

  /** A preview campaign's agent dials a lead they have read (see preview-dial.ts). */
  previewDial(c: CampaignRecord, lead: AttemptLead, agentId: string): Promise<{ interactionId: string; done: Promise<string> }> {
    return previewDial({ voice: this.d.voice, records: this.records, clock: this.d.clock, log: this.d.log }, c, lead, agentId);
  }

  runner(campaignId: string): CampaignRunner | undefined {
    return this.#runners.get(campaignId);
  }

  /** The campaign's live figures (a campaign not dialing has its stored ones). */
  figures(c: CampaignRecord): Promise<CampaignFigures> {
    return loadFigures(this.records, c, this.d.clock.now(), this.#runners.get(c.id));
  }

  async #publishStats(): Promise<void> {
    for (const r of [...this.#runners.values()]) {
      try {
        const f = await this.figures(r.record);
        this.d.bus.publish({ type: 'campaign.stats', at: new Date(this.d.clock.now()).toISOString(), client_id: r.record.clientId, data: { id: r.id, ...f } });
      } catch (err) {
        r.log.warn({ err }, 'campaign figures could not be computed');
      }
    }
  }
}

/** Stored figures of a campaign, with the runner's live ones when it is dialing. */
export async function loadFigures(records: AttemptRecords, c: CampaignRecord, now: number, r?: CampaignRunner): Promise<CampaignFigures> {
  const [days30, hours24, machineConnects24h, leadFigures] = await Promise.all([
    records.results(c.id, now - 30 * DAY_MS), records.results(c.id, now - DAY_MS), records.machineConnects(c.id, now - DAY_MS), records.leadFigures(c.id),
  ]);
  return campaignFigures(c, r?.live(), { days30, hours24, machineConnects24h, leadsRemaining: leadFigures.remaining, dispositions: leadFigures.dispositions },
    r?.loop.policy.name);
}
