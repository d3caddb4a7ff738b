import type { Team } from '../../api/types.js';
import { requireFields, type FieldErrors } from '../form/validate.js';

export interface TeamDraft {
  name: string;
  site_id: string;
  /** '' = horizontal team (serves many clients). */
  client_id: string;
}

export const teamDraft = (row: Team | null): TeamDraft => ({
  name: row?.name ?? '',
  site_id: row?.site_id ?? '',
  client_id: row?.client_id ?? '',
});

export function validateTeam(d: TeamDraft): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['name', 'site_id'], errors);
  return errors;
}

export const teamBody = (d: TeamDraft): Record<string, unknown> => ({
  name: d.name.trim(),
  site_id: d.site_id,
  client_id: d.client_id === '' ? null : d.client_id,
});
