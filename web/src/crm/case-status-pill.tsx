import { CASE_STATUS_LABEL, type CaseStatus } from './crm-types.js';

export function CaseStatusPill({ status }: { status: CaseStatus }) {
  return <span className={`pill case-${status}`}>{CASE_STATUS_LABEL[status]}</span>;
}
