import type { FlowStep } from './flow-schema.js';
import type { VerbTable } from './verbs/verb-table.js';

/** Where each step may go next: its branches, its `next`, or the following step. */
export function successors(steps: readonly FlowStep[], verbs: VerbTable): number[][] {
  const index = new Map(steps.flatMap((s) => (s.id === undefined ? [] : [[s.id, s.index] as const])));
  return steps.map((s) => {
    const def = verbs.get(s.verb);
    if (def === undefined) return [];
    const out = new Set<number>();
    for (const b of def.branches(s.config)) {
      const i = index.get(b.target);
      if (i !== undefined) out.add(i);
    }
    if (def.fallsThrough(s.config)) {
      const i = s.next === undefined ? s.index + 1 : index.get(s.next);
      if (i !== undefined && i < steps.length) out.add(i);
    }
    return [...out];
  });
}

/** Steps reachable from the first one. */
export function reachable(next: readonly number[][]): Set<number> {
  const seen = new Set<number>([0]);
  const todo = [0];
  while (todo.length > 0) {
    for (const j of next[todo.pop() ?? 0]) {
      if (!seen.has(j)) {
        seen.add(j);
        todo.push(j);
      }
    }
  }
  return seen;
}

/** The cycles of the graph: strongly connected components with a loop in them (Tarjan), each sorted. */
export function cycles(next: readonly number[][]): number[][] {
  const n = next.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const visit = (v: number): void => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const w of next[v]) {
      if (order[w] === -1) {
        visit(w);
        low[v] = Math.min(low[v], low[w]);
      } else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
    }
    if (low[v] !== order[v]) return;
    const scc: number[] = [];
    let w: number;
    do {
      w = stack.pop() ?? v;
      onStack[w] = false;
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1 || next[v].includes(v)) out.push(scc.sort((a, b) => a - b));
  };
  for (let v = 0; v < n; v++) if (order[v] === -1) visit(v);
  return out.sort((a, b) => a[0] - b[0]);
}
