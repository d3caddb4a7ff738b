import type { Skill } from '../../api/types.js';
import { requireFields, type FieldErrors } from '../form/validate.js';

export interface SkillDraft {
  name: string;
  description: string;
}

export const skillDraft = (row: Skill | null): SkillDraft => ({ name: row?.name ?? '', description: row?.description ?? '' });

export function validateSkill(d: SkillDraft): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['name'], errors);
  return errors;
}

export const skillBody = (d: SkillDraft): Record<string, unknown> => ({ name: d.name.trim(), description: d.description.trim() });
