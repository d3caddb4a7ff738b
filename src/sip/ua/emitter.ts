/** A minimal typed event emitter: listeners are removed by `dispose()` on every exit path. */
export class Emitter<E extends Record<string, unknown>> {
  #listeners = new Map<keyof E, Array<(v: never) => void>>();

  on<K extends keyof E>(event: K, fn: (value: E[K]) => void): this {
    const list = this.#listeners.get(event) ?? [];
    list.push(fn);
    this.#listeners.set(event, list);
    return this;
  }

  off<K extends keyof E>(event: K, fn: (value: E[K]) => void): this {
    const list = this.#listeners.get(event);
    if (list !== undefined) this.#listeners.set(event, list.filter((f) => f !== (fn as unknown)));
    return this;
  }

  listenerCount(event: keyof E): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  protected emit<K extends keyof E>(event: K, value: E[K]): void {
    for (const fn of [...(this.#listeners.get(event) ?? [])]) (fn as (v: E[K]) => void)(value);
  }

  protected removeAllListeners(): void {
    this.#listeners.clear();
  }
}
