import { MediaErrors } from '../errors.js';

/**
 * RFC 4733 §2.3 telephone-event payload (4 bytes):
 *   | event (8) |E|R| volume (6) | duration (16, timestamp units) |
 * Events 0-9 are digits, 10 '*', 11 '#', 12-15 'A'-'D', 16 flash (§3.2).
 */
export const DTMF_EVENTS = '0123456789*#ABCD';
export type DtmfDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

export interface TelephoneEvent {
  readonly event: number;
  readonly end: boolean;
  /** Power level in -dBm0 (0-63); RFC 4733 §2.3.4. */
  readonly volume: number;
  readonly duration: number;
}

export function digitToEvent(digit: string): number {
  const i = DTMF_EVENTS.indexOf(digit.toUpperCase());
  if (digit.length !== 1 || i < 0) throw MediaErrors.create('DTMF_BAD_DIGIT', { digit });
  return i;
}

/** Event code → digit; 16 (flash) and unknown codes give undefined. */
export function eventToDigit(event: number): DtmfDigit | undefined {
  return event >= 0 && event < 16 ? (DTMF_EVENTS[event] as DtmfDigit) : undefined;
}

export function encodeTelephoneEvent(e: TelephoneEvent): Buffer {
  const b = Buffer.alloc(4);
  b[0] = e.event;
  b[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  b.writeUInt16BE(Math.min(e.duration, 0xffff), 2);
  return b;
}

export function decodeTelephoneEvent(payload: Uint8Array): TelephoneEvent | undefined {
  if (payload.length < 4) return undefined;
  return { event: payload[0], end: (payload[1] & 0x80) !== 0, volume: payload[1] & 0x3f, duration: (payload[2] << 8) | payload[3] };
}
