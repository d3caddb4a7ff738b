/**
 * Profiling helper (not the benchmark): records the 10,000-agent traffic once,
 * then replays it against the engine only, so a CPU profile shows engine time.
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/routing/profile.ts [agents] [replays]
 */
import { sequentialIds } from '../../src/platform/ids.js';
import type { VirtualClock } from '../../src/platform/clock.js';
import { RoutingEngine } from '../../src/routing/routing-engine.js';
import { drive, replay } from './drive.js';
import { buildWorld, SKILLS } from './world.js';

const agents = Number(process.argv[2] ?? 10_000);
const replays = Number(process.argv[3] ?? 3);
const world = buildWorld(agents);
const make = (clock: VirtualClock) => {
  const e = new RoutingEngine({ clock, ids: sequentialIds('o'), skills: SKILLS, retain: 1000 });
  for (const q of world.queues) e.addQueue(q);
  for (const a of world.agents) e.addAgent(a);
  return e;
};
const live = drive(world, make, { warmupCalls: agents * 10, measureCalls: 200_000 });
for (let k = 0; k < replays; k++) {
  const r = replay(live.log, live.warmupCalls, make);
  console.log(JSON.stringify({ calls: r.calls, offers: r.decisions, calls_per_cpu_s: Math.round(r.calls / r.cpuSeconds), offers_per_cpu_s: Math.round(r.decisions / r.cpuSeconds), offers_per_wall_s: Math.round(r.decisions / r.wallSeconds) }));
}
