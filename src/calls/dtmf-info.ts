/**
 * DTMF carried in SIP INFO (the fallback when RFC 4733 telephone-event is not
 * negotiated). There is no RFC for the bodies; two forms are in common use:
 *   application/dtmf-relay  "Signal=5\r\nDuration=160"   (Cisco, most PBXs)
 *   application/dtmf        "5"
 * Signal 10 / 11 are the RFC 4733 §3.2 event codes for '*' and '#'.
 */
const EVENT_DIGITS = '0123456789*#ABCD';
const DIGIT = /^[0-9*#A-D]$/i;

export function digitFromInfo(body: Buffer, contentType: string | undefined): string | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const text = body.toString('utf8').trim();
  let value: string | undefined;
  if (type === 'application/dtmf-relay') value = /^\s*signal\s*=\s*(\S+)/im.exec(text)?.[1];
  else if (type === 'application/dtmf') value = text;
  if (value === undefined) return undefined;
  if (DIGIT.test(value)) return value.toUpperCase();
  const code = /^\d{2}$/.test(value) ? Number(value) : NaN;
  return code >= 10 && code < EVENT_DIGITS.length ? EVENT_DIGITS[code] : undefined;
}
