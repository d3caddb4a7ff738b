import type { Logger } from './logger.js';

/**
 * Ordered shutdown: parts register a stop function as they start; stop runs
 * them in reverse (stop accepting → finish in-flight → flush → database),
 * each bounded by the grace period so a stuck part cannot hang the exit.
 */
export class Lifecycle {
  readonly #stops: { name: string; stop: () => Promise<void> }[] = [];
  #stopping: Promise<void> | undefined;

  constructor(private readonly log: Logger, private readonly graceMs: number) {}

  onStop(name: string, stop: () => Promise<void>): void {
    this.#stops.push({ name, stop });
  }

  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  stop(reason = 'stop'): Promise<void> {
    this.#stopping ??= this.#run(reason);
    return this.#stopping;
  }

  async #run(reason: string): Promise<void> {
    this.log.info({ reason }, 'shutting down');
    for (const { name, stop } of [...this.#stops].reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), this.graceMs); });
      try {
        const res = await Promise.race([stop().then(() => 'ok' as const), timeout]);
        if (res === 'timeout') this.log.warn({ part: name }, 'did not stop within the grace period');
      } catch (err) {
        this.log.error({ part: name, err: (err as Error).message }, 'failed to stop cleanly');
      } finally {
        clearTimeout(timer);
      }
    }
    this.log.info('stopped');
  }
}
