import { defineErrors } from '../platform/errors.js';

export const AgentErrors = defineErrors({
  ILLEGAL_AGENT_TRANSITION: { status: 409, message: 'illegal agent state transition' },
  AGENT_NOT_LOGGED_IN: { status: 409, message: 'agent is not logged in' },
  AGENT_ALREADY_LOGGED_IN: { status: 409, message: 'agent is already logged in' },
  NO_CAPACITY: { status: 409, message: 'agent has no free capacity on this channel' },
  SLOT_NOT_FOUND: { status: 409, message: 'agent holds no such interaction' },
});
