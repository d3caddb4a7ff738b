import { eq } from 'drizzle-orm';
import type { Logger } from '../../platform/logger.js';
import type { Db } from '../../store/database.js';
import { settings } from '../../store/schema.js';
import { DemoTraffic, type DemoHost } from '../../sim/demo-traffic.js';
import type { RoutingService } from './routing-service.js';

export const DEMO_TRAFFIC_KEY = 'demo.traffic';

/** RoutingService seen through the demo driver's small host interface. */
function hostFor(routing: RoutingService): DemoHost {
  return {
    enqueue: async (i) => {
      const q = routing.queue(i.queueId)!;
      return routing.enqueue({ queueId: i.queueId, channel: q.channel, clientId: q.clientId, simulated: true, attributes: i.attributes, subject: 'Simulated demo customer' });
    },
    accept: (offerId, agentId) => { routing.run((e) => e.accept(offerId, agentId)); },
    complete: (id) => { routing.run((e) => e.complete(id)); },
    abandon: (id) => { routing.run((e) => e.abandon(id)); },
    setAvailable: (agentId) => {
      routing.run((e) => (e.agent(agentId).state === 'offline' ? e.login(agentId) : e.setAvailable(agentId)));
    },
    logout: (agentId) => { routing.run((e) => e.logout(agentId)); },
    onOffer: (listener) => routing.onOffer((d) => listener({ offerId: d.offerId, interactionId: d.interactionId, agentId: d.agentId })),
  };
}

/**
 * Demo mode: simulated customers and agents on the live engine, so a
 * newcomer sees queues and agents move on the wallboard. The switch lives in
 * config (SIMULATE_DEMO_TRAFFIC, the start-up default) and in the settings
 * table (the admin UI's switch, which wins once set). Its interactions are
 * stored with `simulated = true` and kept out of real reports.
 */
export class DemoMode {
  #traffic: DemoTraffic | undefined;

  constructor(private readonly deps: { db: Db; routing: RoutingService; log: Logger; defaultOn: boolean; callsPerMinute: number }) {}

  get running(): boolean {
    return this.#traffic !== undefined;
  }

  stats() {
    return this.#traffic?.stats() ?? null;
  }

  async init(): Promise<void> {
    const [row] = await this.deps.db.select().from(settings).where(eq(settings.key, DEMO_TRAFFIC_KEY));
    const on = row ? (row.value as { enabled: boolean }).enabled : this.deps.defaultOn;
    if (on) this.#start();
  }

  async set(enabled: boolean): Promise<void> {
    await this.deps.db.insert(settings).values({ key: DEMO_TRAFFIC_KEY, value: { enabled } })
      .onConflictDoUpdate({ target: settings.key, set: { value: { enabled }, updatedAt: new Date() } });
    if (enabled && !this.#traffic) this.#start();
    if (!enabled) await this.stop();
  }

  async stop(): Promise<void> {
    const t = this.#traffic;
    this.#traffic = undefined;
    await t?.stop();
  }

  #start(): void {
    const { routing } = this.deps;
    const queues = routing.engine.queueIds().map((id) => routing.queue(id)!).filter((q) => q.channel === 'voice' || q.channel === 'chat');
    // Half the agents are simulated; the rest stay free for people trying the product.
    const agentIds = routing.engine.agentIds().filter((id, i) => i % 2 === 0 && routing.engine.agent(id).state === 'offline');
    this.#traffic = new DemoTraffic({
      host: hostFor(routing),
      queues: queues.map((q) => ({ queueId: q.id, callsPerMinute: this.deps.callsPerMinute })),
      agentIds,
      onError: (err, what) => this.deps.log.debug({ err, what }, 'demo traffic'),
    });
    this.#traffic.start();
    this.deps.log.info({ queues: queues.length, agents: agentIds.length }, 'demo traffic started (simulated, marked as such)');
  }
}
