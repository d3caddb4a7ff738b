import { defineErrors } from '../platform/errors.js';

/** The CRM's own error codes (not-visible rows answer the API's NOT_FOUND, like everywhere). */
export const CrmErrors = defineErrors({
  NOT_ANSWERED: { status: 409, message: 'the interaction was not answered: nothing to wrap up' },
  NOT_AN_AGENT: { status: 404, message: 'you have no agent record' },
});
