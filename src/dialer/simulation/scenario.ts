import { z } from 'zod';
import { DialerErrors } from '../dialer-errors.js';

const meanCv = z.object({ mean: z.number().positive(), cv: z.number().min(0) });
const share = z.number().min(0).max(1);

/** One benchmark case, in the shape of ../shared/fixtures/dialer/README.md (times in seconds). */
export const scenarioSchema = z.object({
  name: z.string().min(1),
  agents: z.number().int().min(1).max(10_000),
  hours: z.number().positive().max(24 * 31),
  seeds: z.number().int().min(1).max(10_000),
  mix: z.object({ human: share, machine: share, no_answer: share, busy: share })
    .refine((m) => Math.abs(m.human + m.machine + m.no_answer + m.busy - 1) < 1e-6, 'mix shares must sum to 1'),
  drift: z.object({ from_hour: z.number().min(0), to_hour: z.number().min(0), human_to: share })
    .refine((d) => d.to_hour > d.from_hour, 'drift.to_hour must be after drift.from_hour').optional(),
  step: z.object({ at_hour: z.number().min(0), human_to: share }).optional(),
  post_dial_delay_s: z.tuple([z.number().min(0), z.number().min(0)]).refine(([a, b]) => b >= a, 'post_dial_delay_s must be [min, max]'),
  human_answer_s: meanCv,
  machine_answer_s: meanCv,
  talk_s: meanCv,
  wrap_s: meanCv,
  ring_timeout_s: z.number().positive(),
  busy_s: z.number().min(0),
  amd: z.object({
    enabled: z.boolean(),
    false_positive: share,
    false_negative: share,
    human_decision_s: z.number().min(0),
    machine_decision_s: z.number().min(0),
    machine_to_agent_s: z.number().min(0),
  }),
  compliance: z.enum(['US', 'UK']),
  connect_deadline_s: z.number().min(0),
});

export type Scenario = z.infer<typeof scenarioSchema>;

/** Parses one case or an array of cases; every problem is reported with its path. */
export function parseScenarios(json: unknown): Scenario[] {
  const list = Array.isArray(json) ? json : [json];
  return list.map((item, i) => {
    const r = scenarioSchema.safeParse(item);
    if (!r.success) {
      const issues = r.error.issues.map((x) => `${x.path.join('.') || '(root)'}: ${x.message}`).join('; ');
      throw DialerErrors.create('DIALER_INVALID_INPUT', { index: i, issues }, `scenario ${i}: ${issues}`);
    }
    return r.data;
  });
}

/** The human share at simulated second `t`: the base mix, moved by `drift` (linear) and `step` (sudden). */
export function humanShareAt(s: Scenario, t: number): number {
  let h = s.mix.human;
  const hour = t / 3600;
  if (s.drift) {
    const f = Math.min(1, Math.max(0, (hour - s.drift.from_hour) / (s.drift.to_hour - s.drift.from_hour)));
    h += f * (s.drift.human_to - s.mix.human);
  }
  if (s.step && hour >= s.step.at_hour) h = s.step.human_to;
  return h;
}
