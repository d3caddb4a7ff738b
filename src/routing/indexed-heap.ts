/**
 * A binary min-heap of nodes that know their own position, so a node can be
 * removed or re-keyed in O(log n) without searching. The routing engine keeps
 * every index in one of these (available agents per pool, waiting
 * interactions per queue and stage, timers).
 *
 * Keys are three numbers compared lexicographically; a node belongs to at
 * most one heap at a time (`pos === -1` when it is in none). Numeric keys keep
 * the comparison branch-cheap on the hot path (no closures, no tuples).
 */
export class HeapNode<T> {
  pos = -1;
  constructor(
    readonly item: T,
    public k1 = 0,
    public k2 = 0,
    public k3 = 0,
  ) {}
  get inHeap(): boolean {
    return this.pos >= 0;
  }
}

function less<T>(a: HeapNode<T>, b: HeapNode<T>): boolean {
  if (a.k1 !== b.k1) return a.k1 < b.k1;
  if (a.k2 !== b.k2) return a.k2 < b.k2;
  return a.k3 < b.k3;
}

export class IndexedHeap<T> {
  readonly #a: HeapNode<T>[] = [];

  get size(): number {
    return this.#a.length;
  }

  /** How many nodes order before `node` (O(n): for occasional questions such as a caller's queue position). */
  countBefore(node: HeapNode<T>): number {
    let n = 0;
    for (const x of this.#a) if (x !== node && less(x, node)) n++;
    return n;
  }

  peek(): HeapNode<T> | undefined {
    return this.#a[0];
  }

  push(node: HeapNode<T>): void {
    if (node.pos !== -1) throw new Error('heap node is already in a heap');
    node.pos = this.#a.length;
    this.#a.push(node);
    this.#up(node.pos);
  }

  pop(): HeapNode<T> | undefined {
    const top = this.#a[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  remove(node: HeapNode<T>): void {
    const i = node.pos;
    if (i < 0 || this.#a[i] !== node) return;
    const last = this.#a.pop()!;
    node.pos = -1;
    if (last === node) return;
    this.#a[i] = last;
    last.pos = i;
    this.#fix(i);
  }

  /** Call after changing a node's keys in place. */
  update(node: HeapNode<T>): void {
    if (node.pos >= 0 && this.#a[node.pos] === node) this.#fix(node.pos);
  }

  /** The second smallest node (the better child of the root), in O(1). */
  second(): HeapNode<T> | undefined {
    const a = this.#a;
    if (a.length < 3) return a[1];
    return less(a[2], a[1]) ? a[2] : a[1];
  }

  /**
   * The `k` smallest nodes in order, without removing them. Only the first
   * 2^k - 1 array slots can hold them, so this is cheap for small k
   * (the engine records the top 3 candidates for `explain`).
   */
  smallest(k: number): HeapNode<T>[] {
    const pool = this.#a.slice(0, Math.min(this.#a.length, 2 ** k - 1));
    const out: HeapNode<T>[] = [];
    // Selection, not sort: k passes over at most 2^k - 1 nodes.
    while (out.length < k && pool.length > 0) {
      let best = 0;
      for (let j = 1; j < pool.length; j++) if (less(pool[j], pool[best])) best = j;
      out.push(pool[best]);
      pool[best] = pool[pool.length - 1];
      pool.pop();
    }
    return out;
  }

  *[Symbol.iterator](): IterableIterator<HeapNode<T>> {
    yield* this.#a;
  }

  #fix(i: number): void {
    if (i > 0 && less(this.#a[i], this.#a[(i - 1) >> 1])) this.#up(i);
    else this.#down(i);
  }

  #up(i: number): void {
    const a = this.#a;
    const node = a[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(node, a[p])) break;
      a[i] = a[p];
      a[i].pos = i;
      i = p;
    }
    a[i] = node;
    node.pos = i;
  }

  #down(i: number): void {
    const a = this.#a;
    const n = a.length;
    const node = a[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(a[r], a[l]) ? r : l;
      if (!less(a[c], node)) break;
      a[i] = a[c];
      a[i].pos = i;
      i = c;
    }
    a[i] = node;
    node.pos = i;
  }
}
