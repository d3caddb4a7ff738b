import type { ComplianceProfile } from './compliance.js';
import { DialerErrors } from './dialer-errors.js';
import { progressivePolicy, ratioPolicy } from './fixed-policies.js';
import type { PacingPolicy } from './pacing-types.js';
import { SwitchboardPolicy } from './switchboard-policy.js';
import { vicidialAdaptHardLimitPolicy } from './vicidial-adapt-policy.js';

export interface PolicyContext {
  compliance: ComplianceProfile;
  connectDeadlineS: number;
  amdFalsePositiveRate: number;
}

/** Builds a policy from its name: `progressive`, `ratio:X`, `vicidial-adapt-hard-limit` or `switchboard`. */
export function createPolicy(name: string, ctx: PolicyContext): PacingPolicy {
  if (name === 'progressive') return progressivePolicy();
  if (name === 'vicidial-adapt-hard-limit') return vicidialAdaptHardLimitPolicy();
  if (name === 'switchboard') {
    return new SwitchboardPolicy({ compliance: ctx.compliance, connectDeadlineS: ctx.connectDeadlineS, amdFalsePositiveRate: ctx.amdFalsePositiveRate });
  }
  const m = /^ratio:(\d+(?:\.\d+)?)$/.exec(name);
  if (m) return ratioPolicy(Number(m[1]));
  throw DialerErrors.create('DIALER_INVALID_POLICY', { name }, `unknown pacing policy "${name}"`);
}
