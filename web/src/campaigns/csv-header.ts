import type { LeadMapping } from './campaign-types.js';

/**
 * The first record of a CSV (RFC 4180 §2: quoted fields, "" for a quote,
 * line breaks inside quotes), enough to offer the header's columns in the
 * mapping; the server does the real parse.
 */
export function csvHeader(csv: string): string[] {
  const text = csv.replace(/^\uFEFF/, '');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') break;
    else cell += ch;
  }
  cells.push(cell);
  const trimmed = cells.map((c) => c.trim());
  return trimmed.length === 1 && trimmed[0] === '' ? [] : trimmed;
}

export type MappedField = 'phone' | 'name' | 'time_zone' | 'country' | 'priority';
export const MAPPED_FIELDS: readonly MappedField[] = ['phone', 'name', 'time_zone', 'country', 'priority'];

/** The same header names the server recognises (src/dialer/campaigns/lead-import.ts). */
const GUESS: Record<MappedField, string[]> = {
  phone: ['phone', 'phone_number', 'phonenumber', 'phone number', 'number', 'telephone', 'tel', 'mobile'],
  name: ['name', 'full_name', 'full name'],
  time_zone: ['time_zone', 'timezone', 'time zone', 'tz'],
  country: ['country'],
  priority: ['priority'],
};

/** Column per lead field ('' = none) plus the columns kept as custom fields. */
export interface MappingDraft {
  columns: Record<MappedField, string>;
  fields: string[];
}

export function guessMapping(header: string[]): MappingDraft {
  const columns = Object.fromEntries(MAPPED_FIELDS.map((f) => {
    const hit = header.find((h) => GUESS[f].includes(h.toLowerCase()));
    return [f, hit ?? ''];
  })) as Record<MappedField, string>;
  return { columns, fields: customColumns(header, columns) };
}

/** Every header column not mapped to a lead field. */
export function customColumns(header: string[], columns: Record<MappedField, string>): string[] {
  const used = new Set(Object.values(columns).filter((c) => c !== ''));
  return header.filter((h) => h !== '' && !used.has(h));
}

/** The JSON `mapping` the import endpoint takes. */
export function toLeadMapping(m: MappingDraft): LeadMapping {
  const out: LeadMapping = {};
  for (const f of MAPPED_FIELDS) if (m.columns[f] !== '') out[f] = m.columns[f];
  out.fields = m.fields;
  return out;
}
