import { defineErrors } from '../../platform/errors.js';

/** Error codes of campaigns, leads and do-not-call lists; `details` names the field or the states. */
export const CampaignErrors = defineErrors({
  CAMPAIGN_ILLEGAL_TRANSITION: { status: 409, message: 'illegal campaign status change' },
  CAMPAIGN_NOT_RUNNING: { status: 409, message: 'the campaign is not running' },
  CAMPAIGN_STOPPED: { status: 409, message: 'the campaign is stopped' },
  CAMPAIGN_AGENT_UNREACHABLE: { status: 409, message: 'the agent cannot take a preview call now' },
  CAMPAIGN_LEAD_NOT_DIALABLE: { status: 409, message: 'the lead may not be dialed now' },
  CSV_MALFORMED: { status: 400, message: 'the CSV cannot be read' },
  CSV_MAPPING_INVALID: { status: 400, message: 'the column mapping does not match the CSV header' },
});
