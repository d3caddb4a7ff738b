/** Options of `RoutingEngine`. */
import type { Clock } from '../platform/clock.js';
import type { RoutingDelegate } from './types.js';

export interface RoutingEngineOptions {
  clock: Clock;
  /** Id generator for offers and interactions without a host id. Default: sequential. */
  ids?: () => string;
  delegate?: RoutingDelegate;
  /** Skill ids known from the start (more via `addSkills`). */
  skills?: readonly string[];
  /** Where an agent goes after a missed (rejected or timed-out) offer. Default { aux: 'missed' }. */
  missedOffer?: { aux: string } | 'available';
  /** Seconds of waiting worth one priority point. Default 60. */
  priorityAgingS?: number;
  /** How many finished interactions, ended offers and decision records to remember. Default 10,000. */
  retain?: number;
}
