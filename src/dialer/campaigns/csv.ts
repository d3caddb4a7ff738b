import { CampaignErrors } from './campaign-errors.js';

/** One CSV record and the 1-based line on which it starts (records may span lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * An RFC 4180 reader: comma-separated, fields optionally in double quotes,
 * `""` for a quote inside quotes, commas and line breaks (CRLF, LF or CR)
 * allowed inside quoted fields, a leading UTF-8 BOM ignored. Blank lines
 * yield no record. An unterminated quote is an error naming the line where
 * the field began, so an import never silently swallows the rest of a file.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false;
  const endRecord = () => {
    if (fieldStarted || cells.length > 0) out.push({ line: recordLine, cells: [...cells, cell] });
    cells = []; cell = ''; fieldStarted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true; quoteLine = line; fieldStarted = true;
    } else if (ch === ',') {
      cells.push(cell); cell = ''; fieldStarted = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      // A stray quote inside an unquoted field is kept as text, as most spreadsheets do.
      cell += ch; fieldStarted = true;
    }
  }
  if (quoted) throw CampaignErrors.create('CSV_MALFORMED', { line: quoteLine }, `line ${quoteLine}: a quoted field is never closed`);
  endRecord();
  return out;
}
