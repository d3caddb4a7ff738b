import { ABANDONMENT_LIMIT, ukAbandonmentRate, usAbandonmentRate, type ComplianceProfile } from '../compliance.js';

/** Ground-truth counts of one run (or one hour of it); the simulator knows who was a person. */
export interface Tally {
  /** Live persons who answered: connected, dropped, or hung up on by the AMD. */
  liveAnswers: number;
  /** Live persons dropped for want of an agent. */
  dropsHuman: number;
  /** Machines the AMD passed on and the dialer dropped for want of an agent. */
  dropsMachine: number;
  amdFalsePositives: number;
  /** Calls that reached an agent, and how many of them were machines. */
  agentConnects: number;
  machineConnects: number;
}

export const emptyTally = (): Tally => ({ liveAnswers: 0, dropsHuman: 0, dropsMachine: 0, amdFalsePositives: 0, agentConnects: 0, machineConnects: 0 });

export function usRate(t: Tally): number {
  return usAbandonmentRate({ abandonedLive: t.dropsHuman, amdFalsePositives: t.amdFalsePositives, liveAnswers: t.liveAnswers });
}

export function ukRate(t: Tally): number {
  return ukAbandonmentRate({
    drops: t.dropsHuman + t.dropsMachine, agentConnects: t.agentConnects,
    machineConnects: t.machineConnects, amdFalsePositives: t.amdFalsePositives,
  });
}

export const rateUnder = (profile: ComplianceProfile, t: Tally): number => (profile === 'US' ? usRate(t) : ukRate(t));

export interface RunResult {
  occupancy: number;
  abandonmentUs: number;
  abandonmentUk: number;
  /** Abandonment of each whole hour of the shift under the scenario's profile. */
  hourlyRates: number[];
  talkMinPerAgentHour: number;
  connectsPerAgentHour: number;
  peakLines: number;
  dials: number;
  events: number;
}

export interface PolicySummary {
  policy: string;
  agents: number;
  occupancy: number;
  abandonment_us: number;
  abandonment_uk: number;
  abandonment_max: number;
  windows_over_3pct: number;
  talk_min_per_agent_hour: number;
  connects_per_agent_hour: number;
  peak_lines: number;
  /** Every seed's abandonment (scenario profile) at or under 3 %. */
  compliant: boolean;
  occupancy_ci95: number;
  dials_per_agent_hour: number;
  seeds: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function summarize(policy: string, agents: number, hours: number, profile: ComplianceProfile, runs: RunResult[], ci95: number): PolicySummary {
  const worst = Math.max(...runs.map((r) => (profile === 'US' ? r.abandonmentUs : r.abandonmentUk)));
  const windows = runs.flatMap((r) => r.hourlyRates);
  return {
    policy,
    agents,
    occupancy: r4(mean(runs.map((r) => r.occupancy))),
    abandonment_us: r4(mean(runs.map((r) => r.abandonmentUs))),
    abandonment_uk: r4(mean(runs.map((r) => r.abandonmentUk))),
    abandonment_max: r4(worst),
    windows_over_3pct: r4(windows.filter((x) => x > ABANDONMENT_LIMIT).length / Math.max(1, windows.length)),
    talk_min_per_agent_hour: r4(mean(runs.map((r) => r.talkMinPerAgentHour))),
    connects_per_agent_hour: r4(mean(runs.map((r) => r.connectsPerAgentHour))),
    peak_lines: Math.max(...runs.map((r) => r.peakLines)),
    compliant: worst <= ABANDONMENT_LIMIT,
    occupancy_ci95: r4(ci95),
    dials_per_agent_hour: r4(mean(runs.map((r) => r.dials)) / (agents * hours)),
    seeds: runs.length,
  };
}
