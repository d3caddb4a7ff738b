import type { DialFailure } from '../../calls/outbound-leg.js';
import type { AmdDecision } from '../amd/index.js';
import type { ComplianceProfile } from '../compliance.js';

/**
 * The small rules of one live dial attempt, kept pure so they are tested on
 * a virtual clock: how long to let it ring, what a failed dial is called in
 * the campaign's retry rules, and when the connect deadline of a live answer
 * falls.
 */

/** What an attempt ended as; stored as the interaction's attributes.dial_result. */
export type DialResult = 'connected' | 'abandoned' | 'machine' | 'machine_message' | 'busy' | 'no_answer' | 'failed' | 'customer_hangup' | 'interrupted';

/** How long a call rings before we give up: the US rule wants at least 15 s (47 CFR 64.1200(a)(6)); the benchmark's 20 s for both. */
export function ringTimeoutMs(profile: ComplianceProfile): number {
  return profile === 'US' ? 20_000 : 20_000;
}

/** A dial that was not answered, named as the campaign's retry rules name it (busy, no_answer, failed). */
export function failureResult(f: DialFailure | undefined): DialResult {
  if (f === undefined) return 'failed';
  if (f.reason === 'busy') return 'busy';
  if (f.reason === 'no_answer' || f.reason === 'cancelled') return 'no_answer';
  return 'failed';
}

/** Live answer to an agent within this long of the greeting's end (US TSR / UK Ofcom: 2 s). */
export const CONNECT_DEADLINE_MS = 2000;

/**
 * When the called person's greeting ended, on the caller's clock: the end
 * of the last word the AMD heard. Nobody spoke (an initial-silence verdict):
 * the decision itself, since there is no greeting to wait out.
 */
export function greetingEndMs(d: AmdDecision, answeredAtMs: number): number {
  const words = d.evidence.words;
  if (words.length === 0) return d.atMs;
  const last = words[words.length - 1];
  return answeredAtMs + last.startMs + last.durationMs;
}

/** The moment a live answer not yet with an agent is abandoned: 2 s after the greeting ended (never before the decision). */
export function connectDeadlineMs(d: AmdDecision, answeredAtMs: number, deadlineMs = CONNECT_DEADLINE_MS): number {
  return Math.max(d.atMs, greetingEndMs(d, answeredAtMs) + deadlineMs);
}

/** What the campaign does with a machine: hang up (default), leave its message after the beep, or pass it to an agent. */
export type MachineAction = 'hangup' | 'message' | 'agent';

/** The AMD's verdict as the runner acts on it: an undecided call goes to an agent (hanging up on a person is an abandon). */
export function routeOf(d: AmdDecision, machine: MachineAction): 'agent' | 'hangup' | 'message' {
  if (d.result !== 'machine') return 'agent';
  return machine;
}

/** The compliance message: who called and a number to call back (US TSR 310.4(b)(4)(iii); Ofcom: an information message). */
export function complianceText(clientName: string, callBack: string): string {
  const spoken = callBack.replace(/^\+/, '').split('').join(' ');
  return `Hello, this is ${clientName}. We are sorry we missed you. To reach us, please call ${spoken}. Thank you, goodbye.`;
}
