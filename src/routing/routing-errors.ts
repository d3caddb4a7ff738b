import { defineErrors } from '../platform/errors.js';

/** Every error the routing engine throws; callers branch on `code`. */
export const RoutingErrors = defineErrors({
  QUEUE_NOT_FOUND: { status: 404, message: 'queue not found' },
  QUEUE_EXISTS: { status: 409, message: 'a queue with this id already exists' },
  QUEUE_HAS_INTERACTIONS: { status: 409, message: 'queue still has live interactions' },
  QUEUE_IS_TRANSFER_TARGET: { status: 409, message: 'another queue overflows into this queue' },
  AGENT_NOT_FOUND: { status: 404, message: 'agent not found' },
  AGENT_EXISTS: { status: 409, message: 'an agent with this id already exists' },
  AGENT_HAS_WORK: { status: 409, message: 'agent still holds interactions' },
  UNKNOWN_SKILL: { status: 400, message: 'unknown skill' },
  INVALID_CONFIG: { status: 400, message: 'invalid routing configuration' },
  INVALID_DURATION: { status: 400, message: 'duration must be a finite, non-negative number of seconds' },
  INVALID_PRIORITY: { status: 400, message: 'priority must be a finite number' },
  INTERACTION_NOT_FOUND: { status: 404, message: 'interaction not found' },
  INTERACTION_EXISTS: { status: 409, message: 'an interaction with this id already exists' },
  INTERACTION_ENDED: { status: 409, message: 'interaction has already ended' },
  ILLEGAL_INTERACTION_TRANSITION: { status: 409, message: 'illegal interaction state transition' },
  OFFER_NOT_FOUND: { status: 404, message: 'offer not found' },
  OFFER_NOT_ACTIVE: { status: 409, message: 'offer is no longer ringing' },
  OFFER_NOT_FOR_AGENT: { status: 409, message: 'offer was made to another agent' },
  INTERACTION_NOT_WAITING: { status: 409, message: 'interaction is not waiting in a queue' },
  QUEUE_MISMATCH: { status: 409, message: 'the target queue serves another client or channel' },
  AGENT_NOT_ELIGIBLE: { status: 409, message: 'agent does not serve this queue\'s client' },
  AGENT_CANNOT_TAKE: { status: 409, message: 'agent has no free capacity for this channel now' },
  DECISION_NOT_FOUND: { status: 404, message: 'no recorded decision with this id' },
  NOT_ON_OUTSIDE_CALL: { status: 409, message: 'agent is not on a call outside routing' },
  CLOCK_WENT_BACKWARDS: { status: 500, message: 'clock moved backwards' },
});

export type RoutingErrorCode = keyof typeof RoutingErrors.table;
