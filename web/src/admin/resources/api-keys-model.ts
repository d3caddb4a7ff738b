import type { ApiKey } from '../../api/types.js';
import { requireFields, type FieldErrors } from '../form/validate.js';

/** The API's limit on a key's name (POST /api-keys). */
export const MAX_KEY_NAME = 100;

export interface ApiKeyDraft {
  name: string;
}

export const apiKeyDraft = (): ApiKeyDraft => ({ name: '' });

export function validateApiKey(d: ApiKeyDraft): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['name'], errors);
  if (d.name.trim().length > MAX_KEY_NAME) errors['name'] ??= `At most ${MAX_KEY_NAME} characters`;
  return errors;
}

export const apiKeyBody = (d: ApiKeyDraft): Record<string, unknown> => ({ name: d.name.trim() });

/** How a stored key is recognised: keys read `sbk_<prefix>_<secret>`, and only the prefix is kept in the clear. */
export const keyHint = (k: Pick<ApiKey, 'prefix'>): string => `sbk_${k.prefix}_…`;
