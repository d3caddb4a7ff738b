import { requireFields, type FieldErrors } from '../../admin/form/validate.js';
import { NUMBER_KINDS, type NumberKind, type PhoneNumber } from '../voice-types.js';

export interface NumberDraft {
  client_id: string;
  e164: string;
  /** '' = let the server decide (toll-free when the numbering plan says so). */
  kind: NumberKind | '';
  label: string;
  /** '' = no flow yet (the number answers nothing). */
  flow_id: string;
  /** '' = any trunk. */
  trunk_id: string;
}

export function numberDraft(row: PhoneNumber | null): NumberDraft {
  return {
    client_id: row?.client_id ?? '',
    e164: row?.e164 ?? '',
    kind: row?.kind ?? '',
    label: row?.label ?? '',
    flow_id: row?.flow_id ?? '',
    trunk_id: row?.trunk_id ?? '',
  };
}

/** Digits with the usual punctuation; the server normalises to E.164 and names the field if it cannot. */
const PHONE = /^\+?[0-9 ()\-.]{3,30}$/;
const isPhoneLike = (s: string): boolean => PHONE.test(s) && (s.match(/\d/g) ?? []).length >= 3;

export function validateNumber(d: NumberDraft): FieldErrors {
  const errors: FieldErrors = {};
  requireFields(d, ['client_id', 'e164'], errors);
  if (!errors['e164'] && !isPhoneLike(d.e164.trim())) errors['e164'] = 'A phone number, e.g. +1 512 555 0100';
  if (d.kind !== '' && !NUMBER_KINDS.includes(d.kind)) errors['kind'] = 'Choose DID or toll-free';
  return errors;
}

const orNull = (id: string): string | null => (id === '' ? null : id);

export function numberBody(d: NumberDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    client_id: d.client_id,
    e164: d.e164.trim(),
    label: d.label.trim(),
    flow_id: orNull(d.flow_id),
    trunk_id: orNull(d.trunk_id),
  };
  if (d.kind !== '') body['kind'] = d.kind;
  return body;
}

export const kindLabel = (k: NumberKind): string => (k === 'toll_free' ? 'Toll-free' : 'DID');
