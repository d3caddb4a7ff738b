import { defineErrors } from '../../platform/errors.js';

/** Error codes of the flow engine. FLOW_INVALID carries `issues: [{ path, message }]` in its details. */
export const FlowErrors = defineErrors({
  FLOW_INVALID: { status: 422, message: 'the flow is not valid' },
  FLOW_ILLEGAL_TRANSITION: { status: 500, message: 'illegal flow runner state transition' },
  FLOW_ALREADY_STARTED: { status: 409, message: 'the flow runner has already been started' },
  FLOW_KILLED: { status: 410, message: 'the flow was killed (the caller hung up)' },
});

export type FlowErrorCode = keyof typeof FlowErrors.table;
