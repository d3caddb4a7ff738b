import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HeapNode, IndexedHeap } from './indexed-heap.js';

test('the heap pops in key order under random pushes, removals and re-keys', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 0, max: 50 }), fc.nat(100))), (ops) => {
      const h = new IndexedHeap<number>();
      const nodes: HeapNode<number>[] = [];
      for (const [op, key, pick] of ops) {
        if (op <= 1 || nodes.length === 0) {
          const n = new HeapNode(nodes.length, key, nodes.length);
          nodes.push(n);
          h.push(n);
        } else if (op === 2) {
          const n = nodes.splice(pick % nodes.length, 1)[0];
          h.remove(n);
          assert.equal(n.inHeap, false);
        } else {
          const n = nodes[pick % nodes.length];
          n.k1 = key;
          h.update(n);
        }
      }
      const expected = [...nodes].sort((a, b) => a.k1 - b.k1 || a.k2 - b.k2).map((n) => n.item);
      assert.deepEqual(h.smallest(3).map((n) => n.item), expected.slice(0, 3));
      const got: number[] = [];
      for (let n = h.pop(); n; n = h.pop()) got.push(n.item);
      assert.deepEqual(got, expected);
    }),
  );
});
