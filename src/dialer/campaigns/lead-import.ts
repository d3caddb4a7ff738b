import { CampaignErrors } from './campaign-errors.js';
import { parseCsv } from './csv.js';
import { candidateZones, isIanaZone } from './lead-zones.js';
import { normalisePhone } from './phone.js';

/** Which CSV column (by header name, case-insensitive) holds what. Unmapped columns become custom fields unless `fields` lists them. */
export interface ColumnMapping {
  phone?: string;
  name?: string;
  time_zone?: string;
  country?: string;
  priority?: string;
  fields?: string[];
}

export interface PlannedLead {
  line: number;
  phone: string;
  name: string | null;
  /** Set when the list gave it or the number has exactly one possible zone. */
  timeZone: string | null;
  country: string | null;
  priority: number;
  fields: Record<string, string>;
}

export type RejectCode = 'missing_phone' | 'bad_phone' | 'unknown_time_zone' | 'bad_country' | 'bad_priority' | 'bad_column_count';
export interface RejectedRow { line: number; code: RejectCode; reason: string }

export interface ImportPlan {
  /** Data rows read (the header excluded). */
  rows: number;
  leads: PlannedLead[];
  rejected: RejectedRow[];
  /** Rows whose number appeared earlier in the same file, merged into that lead. */
  mergedInFile: number;
}

const GUESS: Record<Exclude<keyof ColumnMapping, 'fields'>, string[]> = {
  phone: ['phone', 'phone_number', 'phonenumber', 'phone number', 'number', 'telephone', 'tel', 'mobile'],
  name: ['name', 'full_name', 'full name'],
  time_zone: ['time_zone', 'timezone', 'time zone', 'tz'],
  country: ['country'],
  priority: ['priority'],
};

function resolveColumns(header: string[], mapping: ColumnMapping | undefined) {
  const norm = header.map((h) => h.trim().toLowerCase());
  const find = (name: string, field: string) => {
    const i = norm.indexOf(name.trim().toLowerCase());
    if (i < 0) throw CampaignErrors.create('CSV_MAPPING_INVALID', { field, column: name, header }, `mapping.${field}: no column "${name}" in the header (${header.join(', ')})`);
    return i;
  };
  const col = (field: Exclude<keyof ColumnMapping, 'fields'>): number | undefined => {
    const named = mapping?.[field];
    if (named !== undefined) return find(named, field);
    const i = norm.findIndex((h) => GUESS[field].includes(h));
    return i < 0 ? undefined : i;
  };
  const cols = { phone: col('phone'), name: col('name'), timeZone: col('time_zone'), country: col('country'), priority: col('priority') };
  if (cols.phone === undefined) {
    throw CampaignErrors.create('CSV_MAPPING_INVALID', { field: 'phone', header }, `no phone column: name it in mapping.phone (header: ${header.join(', ')})`);
  }
  const used = new Set(Object.values(cols).filter((i) => i !== undefined));
  const fieldCols = mapping?.fields ? mapping.fields.map((f) => find(f, 'fields')) : header.map((_, i) => i).filter((i) => !used.has(i));
  return { ...cols, phone: cols.phone, fields: fieldCols };
}

/**
 * Reads a lead list into leads to write and rows to report, without touching
 * the database: every data row ends up either in `leads` (possibly merged
 * with an earlier row of the same number) or in `rejected` with its line.
 */
export function planLeadImport(csv: string, mapping: ColumnMapping | undefined, defaultCountry: string): ImportPlan {
  const records = parseCsv(csv);
  if (records.length === 0) throw CampaignErrors.create('CSV_MALFORMED', {}, 'the CSV is empty: a header line and rows are expected');
  const header = records[0].cells;
  const cols = resolveColumns(header, mapping);
  const byPhone = new Map<string, PlannedLead>();
  const rejected: RejectedRow[] = [];
  let mergedInFile = 0;
  const cell = (cells: string[], i: number | undefined) => (i === undefined ? '' : cells[i].trim());

  for (const { line, cells } of records.slice(1)) {
    const reject = (code: RejectCode, reason: string) => rejected.push({ line, code, reason });
    if (cells.length !== header.length) { reject('bad_column_count', `expected ${header.length} columns, found ${cells.length}`); continue; }
    const rowCountry = cell(cells, cols.country).toUpperCase();
    if (rowCountry && !/^[A-Z]{2}$/.test(rowCountry)) { reject('bad_country', `country "${rowCountry}" is not a two-letter ISO code`); continue; }
    const phone = normalisePhone(cell(cells, cols.phone), rowCountry || defaultCountry);
    if (!phone.ok) { reject(phone.code, phone.reason); continue; }
    const priorityText = cell(cells, cols.priority);
    const priority = priorityText === '' ? 5 : Number(priorityText);
    if (!Number.isInteger(priority) || priority < 1 || priority > 10) { reject('bad_priority', `priority "${priorityText}" must be a whole number from 1 to 10`); continue; }
    const country = phone.country ?? (rowCountry || null);
    const zoneText = cell(cells, cols.timeZone);
    let timeZone: string | null = null;
    if (zoneText) {
      if (!isIanaZone(zoneText)) { reject('unknown_time_zone', `unknown time zone "${zoneText}": use an IANA name such as America/Chicago`); continue; }
      timeZone = zoneText;
    } else {
      const zones = candidateZones({ phone: phone.e164, timeZone: null, country });
      if (zones.length === 0) { reject('unknown_time_zone', `unknown time zone: cannot tell where ${phone.e164} is; add a time zone column`); continue; }
      if (zones.length === 1) timeZone = zones[0];
    }
    const name = cell(cells, cols.name) || null;
    const fields: Record<string, string> = {};
    for (const i of cols.fields) if (cells[i].trim() !== '') fields[header[i].trim()] = cells[i].trim();

    const earlier = byPhone.get(phone.e164);
    if (earlier) {
      // A later row of the same number fills in or updates what it knows.
      mergedInFile++;
      earlier.name = name ?? earlier.name;
      if (zoneText) earlier.timeZone = timeZone;
      earlier.priority = Math.max(earlier.priority, priority);
      Object.assign(earlier.fields, fields);
      continue;
    }
    byPhone.set(phone.e164, { line, phone: phone.e164, name, timeZone, country, priority, fields });
  }
  return { rows: records.length - 1, leads: [...byPhone.values()], rejected, mergedInFile };
}
