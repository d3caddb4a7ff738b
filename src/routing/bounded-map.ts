/**
 * A Map that forgets its oldest entries beyond `limit`. Insertion order is
 * kept in a ring of keys: evicting through `keys().next()` would walk the
 * holes deletions leave in V8's ordered hash table.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly #ring: (K | undefined)[];
  #head = 0;
  constructor(private readonly limit: number) {
    super();
    this.#ring = new Array<K | undefined>(limit);
  }
  override set(k: K, v: V): this {
    // Compare sizes rather than ask `has` first: one hash lookup fewer per new key.
    const size = this.size;
    super.set(k, v);
    if (this.size !== size) {
      const old = this.#ring[this.#head];
      if (old !== undefined) this.delete(old);
      this.#ring[this.#head] = k;
      this.#head = this.#head + 1 === this.limit ? 0 : this.#head + 1;
    }
    return this;
  }
}
